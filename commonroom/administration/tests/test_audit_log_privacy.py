"""What the audit log shows administrators of communities (decision 0004).

Enough to approve and support a community; of a private one, nothing of its
name or membership; of anyone's message, only that it was sent.
"""

from importlib import import_module

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import DatabaseError, connection, transaction

from commonroom.accounts.tests.factories import UserFactory
from commonroom.audit.models import AuditEvent
from commonroom.communities.models import Membership
from commonroom.communities.services import membership as membership_services
from commonroom.communities.tests.factories import CommunityFactory

pytestmark = pytest.mark.django_db

migration = import_module(
    "commonroom.audit.migrations.0005_community_and_no_message_text"
)


@pytest.fixture
def admin_client(client):
    admin = UserFactory(is_staff=True)
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)
    return client


def _remove(community, *, email: str, message: str):
    facilitator = UserFactory()
    Membership.objects.create(
        community=community, user=facilitator, role=Membership.Role.FACILITATOR
    )
    person = UserFactory(email=email)
    membership = Membership.objects.create(community=community, user=person)
    membership_services.remove_member(
        actor=facilitator, membership=membership, message=message
    )
    return facilitator


def test_a_private_communitys_entries_show_neither_its_name_nor_its_people(
    admin_client,
):
    private = CommunityFactory(name="Safeguarding Leads", visibility="private")
    open_ = CommunityFactory(name="Food Waste Network", visibility="open")
    hidden_facilitator = _remove(
        private, email="hidden.member@leeds.gov.uk", message="You shared a case file."
    )
    _remove(open_, email="open.member@leeds.gov.uk", message="Posting adverts.")

    html = admin_client.get("/administration/audit/").content.decode()

    assert "Food Waste Network" in html
    assert "open.member@leeds.gov.uk" in html
    assert "Safeguarding Leads" not in html
    assert "hidden.member@leeds.gov.uk" not in html
    assert hidden_facilitator.email not in html
    assert "A private community" in html
    # Neither message, whoever's community: only that one was sent.
    assert "You shared a case file." not in html
    assert "Posting adverts." not in html
    assert "with a message" in html


def test_filtering_by_person_cannot_tell_that_they_are_in_a_private_community(
    admin_client,
):
    private = CommunityFactory(name="Safeguarding Leads", visibility="private")
    _remove(private, email="hidden.member@leeds.gov.uk", message="")

    html = admin_client.get("/administration/audit/?person=hidden.member").content

    assert b"0 events" in html


def test_administrators_who_belong_see_their_own_private_community():
    admin = UserFactory(is_staff=True)
    private = CommunityFactory(name="Safeguarding Leads", visibility="private")
    Membership.objects.create(community=private, user=admin)
    _remove(private, email="hidden.member@leeds.gov.uk", message="")
    from commonroom.administration.selectors import audit_rows

    [*_, row] = audit_rows(admin, AuditEvent.objects.order_by("pk"))

    assert (row.community_name, row.withheld) == ("Safeguarding Leads", False)


def test_the_community_column_is_append_only_too():
    private = CommunityFactory(visibility="private")
    _remove(private, email="someone@leeds.gov.uk", message="")

    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE audit_auditevent SET community_id = NULL")
    assert AuditEvent.objects.get(action="member_removed").community_id == private.pk


class OldEntry:
    def __init__(self, action, detail, subject_email=""):
        self.action, self.detail, self.subject_email = action, detail, subject_email


@pytest.mark.parametrize(
    ("action", "detail", "expected"),
    [
        (
            "member_removed",
            "community: safeguarding; You shared a case file.",
            {"community_id": 7, "detail": "with a message"},
        ),
        (
            "join_rejected",
            "community: safeguarding; Heads of service only.",
            {"community_id": 7, "detail": "with a message"},
        ),
        (
            "join_more_information",
            "community: gone-away; Which team are you in?",
            {"community_id": None, "detail": "with a message"},
        ),
        ("member_joined", "community: safeguarding", {"community_id": 7, "detail": ""}),
        (
            "invitation_sent",
            "community: safeguarding; invited: sam@cardiff.gov.uk",
            {"community_id": 7, "detail": "", "subject_email": "sam@cardiff.gov.uk"},
        ),
        (
            "community_created",
            "Safeguarding Leads (safeguarding, private)",
            {"community_id": 7, "detail": "visibility: private"},
        ),
        (
            "community_rejected",
            "Duplicate Network (duplicate, open): Please join the other one.",
            {
                "community_id": None,
                "detail": "Duplicate Network (open); with a message",
            },
        ),
        ("sign_in_failed", "wrong email address or password", {}),
    ],
)
def test_the_migration_keeps_the_community_and_drops_what_was_said(
    action, detail, expected
):
    changes = migration._rewritten(OldEntry(action, detail), {"safeguarding": 7})

    assert changes == expected


def test_community_entries_cost_two_queries_however_many(admin_client, queries):
    from commonroom.core.testing.queries import session_queries

    _remove(CommunityFactory(visibility="private"), email="a@leeds.gov.uk", message="")
    # user, MFA check, count, page; then the administrator's memberships and
    # the names of the page's communities.
    budget = session_queries() + 6
    with queries(budget):
        admin_client.get("/administration/audit/")
    for n in range(10):
        _remove(
            CommunityFactory(visibility="private" if n % 2 else "open"),
            email=f"member{n}@leeds.gov.uk",
            message="",
        )
    with queries(budget):
        admin_client.get("/administration/audit/")
