import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from commonroom.accounts import services
from commonroom.accounts.tests.factories import UserFactory
from commonroom.audit.models import AuditEvent
from commonroom.core.testing.queries import session_queries
from commonroom.organisations.models import Organisation
from commonroom.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    admin = UserFactory(is_staff=True, email="admin@commonroom.example")
    TOTP.activate(admin, generate_totp_secret())
    return admin


@pytest.fixture
def pending():
    return UserFactory(
        approval_status="pending",
        email="sam@housingcharity.org.uk",
        requested_organisation="Homes for All",
        profile__organisation=None,
    )


def test_approving_lets_them_in_links_them_and_emails_them(
    admin, pending, django_capture_on_commit_callbacks
):
    homes = OrganisationFactory(name="Homes for All")

    with django_capture_on_commit_callbacks(execute=True):
        services.approve_sign_up(actor=admin, user=pending, organisation=homes)

    pending.refresh_from_db()
    assert pending.approval_status == "approved"
    assert pending.approval_decided_by == admin
    assert pending.profile.organisation == homes
    homes.refresh_from_db()
    assert homes.member_count == 1
    event = AuditEvent.objects.get(action="sign_up_approved")
    assert (event.actor_email, event.subject_email) == (admin.email, pending.email)
    [message] = mail.outbox
    assert message.to == [pending.email]
    assert message.subject == "Your Commonroom account is ready"
    assert "http://127.0.0.1:8000/account/login/" in message.body
    assert 'href="http://127.0.0.1:8000/account/login/"' in message.alternatives[0][0]


def test_rejecting_needs_a_reason_and_sends_it(
    admin, pending, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_sign_up(
            actor=admin,
            user=pending,
            reason="We could not confirm a public-sector role.",
        )

    pending.refresh_from_db()
    assert pending.approval_status == "rejected"
    [message] = mail.outbox
    assert message.subject == "Your Commonroom sign-up was not approved"
    assert "We could not confirm a public-sector role." in message.body
    assert "We could not confirm a public-sector role." in message.alternatives[0][0]
    assert AuditEvent.objects.filter(
        action="sign_up_rejected", detail__contains="public-sector"
    ).exists()


def test_only_platform_administrators_decide(pending):
    member = UserFactory()

    with pytest.raises(PermissionDenied):
        services.approve_sign_up(actor=member, user=pending)
    pending.refresh_from_db()
    assert pending.approval_status == "pending"


def test_approving_twice_changes_nothing(admin, pending, django_assert_num_queries):
    services.approve_sign_up(actor=admin, user=pending)

    with django_assert_num_queries(0):
        services.approve_sign_up(actor=admin, user=pending)


def test_queue_and_decision_pages(client, admin, pending, queries):
    client.force_login(admin)

    # session, user, MFA check, count, page
    with queries(session_queries() + 4):
        queue = client.get("/administration/sign-ups/")
    assert "Homes for All" in queue.content.decode()

    refused = client.post(
        f"/administration/sign-ups/{pending.pk}/", {"decision": "reject", "reason": ""}
    )
    assert "Enter the reason for rejecting the sign-up" in refused.content.decode()

    done = client.post(
        f"/administration/sign-ups/{pending.pk}/", {"decision": "approve"}
    )
    assert done.status_code == 302
    pending.refresh_from_db()
    assert pending.is_approved


def test_queue_has_a_fixed_query_budget(client, admin, queries):
    client.force_login(admin)
    for n in range(6):
        UserFactory(approval_status="pending", email=f"p{n}@example.org")
        with queries(session_queries() + 4):
            response = client.get("/administration/sign-ups/")
        assert len(response.context["pagination"].page.object_list) == n + 1


def test_members_cannot_see_the_administration_screens(client):
    client.force_login(UserFactory())

    for path in [
        "/administration/",
        "/administration/sign-ups/",
        "/administration/audit/",
    ]:
        assert client.get(path).status_code == 403


def test_approving_can_add_the_organisation_they_typed(client, admin, pending):
    client.force_login(admin)

    page = client.get(f"/administration/sign-ups/{pending.pk}/").content.decode()
    assert "Add the organisation they gave to the list" in page
    assert 'value="Homes for All"' in page
    response = client.post(
        f"/administration/sign-ups/{pending.pk}/",
        {
            "decision": "approve",
            "add_organisation": "on",
            "new_organisation_name": "Homes for All",
            "new_organisation_kind": "other_public_body",
            "new_organisation_region": "Wales",
        },
    )

    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.is_approved
    homes = Organisation.objects.get(name="Homes for All")
    assert (homes.kind, homes.region, homes.nation) == (
        "other_public_body",
        "Wales",
        "Wales",
    )
    assert pending.profile.organisation == homes
    event = AuditEvent.objects.get(action="sign_up_approved")
    assert event.detail == "organisation: Homes for All"


def test_the_organisation_typed_is_chosen_when_the_list_has_it(client, admin, pending):
    homes = OrganisationFactory(name="Homes For All")
    client.force_login(admin)

    form = client.get(f"/administration/sign-ups/{pending.pk}/").context["form"]

    assert form["organisation"].initial == homes.pk
    assert "add_organisation" not in form.fields


def test_adding_an_organisation_needs_its_name_and_not_a_listed_one_too(
    client, admin, pending
):
    other = OrganisationFactory(name="Bradford Council")
    client.force_login(admin)

    response = client.post(
        f"/administration/sign-ups/{pending.pk}/",
        {
            "decision": "approve",
            "organisation": str(other.pk),
            "add_organisation": "on",
            "new_organisation_name": "",
        },
    )

    html = response.content.decode()
    assert "Either link them to an organisation from the list" in html
    assert "Enter the name of the organisation to add" in html
    pending.refresh_from_db()
    assert not pending.is_approved
