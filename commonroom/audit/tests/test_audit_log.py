from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from commonroom.accounts.tests.factories import UserFactory
from commonroom.audit.models import AuditEvent
from commonroom.audit.services import record_event
from commonroom.core.testing.queries import session_queries

pytestmark = pytest.mark.django_db


def test_events_cannot_be_changed_or_deleted():
    event = record_event("sign_in", actor_email="a@leeds.gov.uk")

    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(detail="tampered")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    # Nor behind the ORM's back: the database itself refuses.
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE audit_auditevent SET detail = 'tampered'")
    assert AuditEvent.objects.get().detail == ""


def test_postgresql_refuses_deletion_except_for_a_retention_job():
    event = record_event("sign_in", actor_email="a@leeds.gov.uk")
    if connection.vendor != "postgresql":
        # SQLite has no transaction settings to open the retention door with;
        # there the Python API above is the guard.
        assert connection.vendor == "sqlite"
        return
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditevent")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL commonroom.audit_retention = 'on'")
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert not AuditEvent.objects.exists()


def test_deleting_an_account_keeps_its_events():
    member = UserFactory(email="leaver@leeds.gov.uk")
    record_event("sign_in", actor=member, subject=member)

    member.delete()

    event = AuditEvent.objects.get()
    assert (event.actor, event.actor_email) == (None, "leaver@leeds.gov.uk")


@pytest.fixture
def admin_client(client):
    admin = UserFactory(is_staff=True)
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)
    return client


def test_administrators_browse_and_filter_the_log(admin_client, queries):
    record_event(
        "sign_in_failed",
        actor_email="mallory@example.com",
        detail="wrong email address or password",
    )
    record_event("sign_in", actor_email="asha@leeds.gov.uk")
    record_event("sign_out", actor_email="asha@leeds.gov.uk")

    page = admin_client.get(
        "/administration/audit/?action=sign_in_failed"
    ).content.decode()
    assert "mallory@example.com" in page
    assert "asha@leeds.gov.uk" not in page

    page = admin_client.get("/administration/audit/?person=asha").content.decode()
    assert "asha@leeds.gov.uk" in page
    assert "mallory@example.com" not in page

    today = timezone.localdate()
    page = admin_client.get(
        f"/administration/audit/?until={(today - timedelta(days=1)):%d/%m/%Y}"
    ).content.decode()
    assert "0 events" in page


def test_bad_filters_get_specific_errors(admin_client):
    page = admin_client.get(
        "/administration/audit/?ip_address=999.1&since=31/02/2026"
    ).content.decode()

    assert "Enter an IP address, like 192.0.2.10" in page
    assert "Enter a date like 27/11/2026" in page
    assert 'value="999.1"' in page


def test_the_log_has_a_fixed_query_budget(admin_client, queries):
    record_event("sign_in", actor_email="a@leeds.gov.uk")
    budget = session_queries() + 4  # user, MFA check, count, page
    with queries(budget):
        admin_client.get("/administration/audit/")
    for n in range(30):
        record_event("sign_in", actor_email=f"{n}@leeds.gov.uk")
    with queries(budget):
        admin_client.get("/administration/audit/")
