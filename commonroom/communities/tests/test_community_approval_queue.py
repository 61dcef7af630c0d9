"""Approving and rejecting new communities: the services and the admin queue."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from commonroom.accounts.tests.factories import UserFactory
from commonroom.audit.models import AuditEvent
from commonroom.communities.models import Community, Membership
from commonroom.communities.services import communities as services
from commonroom.communities.tests.factories import CommunityFactory, MembershipFactory
from commonroom.core.testing.queries import session_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    user = UserFactory(is_staff=True, email="admin@commonroom.example")
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def creator():
    return UserFactory(full_name="Priya Shah", email="priya.shah@leeds.gov.uk")


@pytest.fixture
def pending(creator, settings):
    settings.COMMUNITY_APPROVAL_REQUIRED = True
    return services.create_community(
        actor=creator,
        name="Food Waste Collections",
        purpose="Councils rolling out weekly food waste collections.",
        topics=["Food waste"],
        visibility="restricted",
        agreed_to_principles=True,
    )


def test_approving_makes_it_live_and_emails_the_creator(
    admin, creator, pending, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_community(actor=admin, community=pending)

    pending.refresh_from_db()
    assert pending.status == Community.Status.LIVE
    event = AuditEvent.objects.get(action="community_approved")
    assert (event.actor_email, event.subject_email) == (admin.email, creator.email)
    [message] = mail.outbox
    assert message.to == [creator.email]
    assert message.subject == "Your community Food Waste Collections is live"
    url = "http://127.0.0.1:8000/communities/food-waste-collections/"
    assert url in message.body
    assert f'href="{url}"' in message.alternatives[0][0]


def test_rejecting_deletes_it_with_a_reason_sent_to_the_creator(
    admin, creator, pending, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_community(
            actor=admin, community=pending, reason="Please join the existing one."
        )

    assert not Community.objects.exists()
    assert not Membership.objects.exists()
    event = AuditEvent.objects.get(action="community_rejected")
    # The log says a reason was given, not what it said.
    assert "Please join the existing one." not in event.detail
    assert event.detail.endswith("with a message")
    assert event.subject_email == creator.email
    [message] = mail.outbox
    assert message.subject == "Your community Food Waste Collections was not approved"
    assert "Please join the existing one." in message.body
    assert "Please join the existing one." in message.alternatives[0][0]
    assert "http://127.0.0.1:8000/communities/new/" in message.body


def test_rejecting_needs_a_reason(admin, pending):
    with pytest.raises(ValidationError):
        services.reject_community(actor=admin, community=pending, reason="  ")
    assert Community.objects.filter(pk=pending.pk).exists()


def test_only_platform_administrators_decide(pending, creator):
    with pytest.raises(PermissionDenied):
        services.approve_community(actor=creator, community=pending)
    with pytest.raises(PermissionDenied):
        services.reject_community(actor=creator, community=pending, reason="No")


def test_a_live_community_cannot_be_decided_again(admin):
    community = CommunityFactory()
    with pytest.raises(ValidationError):
        services.approve_community(actor=admin, community=community)
    with pytest.raises(ValidationError):
        services.reject_community(actor=admin, community=community, reason="No")


def test_queue_lists_pending_communities_oldest_first(client, admin, pending, queries):
    CommunityFactory(name="Already Live")
    parent = CommunityFactory(name="Parent Network", visibility="private")
    MembershipFactory(community=parent, user=pending.created_by, role="facilitator")
    sub = CommunityFactory(
        name="Steering Group", status="pending", parent=parent, visibility="private"
    )
    client.force_login(admin)

    # Session, user, two-factor check, the count and the page.
    with queries(4 + session_queries()):
        response = client.get("/administration/communities/")

    html = response.content.decode()
    assert html.index("Food Waste Collections") < html.index("Steering Group")
    assert "Sub-community of Parent Network" in html
    assert "Already Live" not in html
    assert f"/administration/communities/{sub.pk}/" in html


def test_queue_query_count_does_not_grow(client, admin, queries, settings):
    settings.COMMUNITY_APPROVAL_REQUIRED = True
    for _ in range(5):
        CommunityFactory(status="pending", created_by=UserFactory())
    client.force_login(admin)

    with queries(4 + session_queries()):
        assert client.get("/administration/communities/").status_code == 200


def test_decision_page_approves(
    client, admin, pending, django_capture_on_commit_callbacks
):
    client.force_login(admin)
    url = f"/administration/communities/{pending.pk}/"
    html = client.get(url).content.decode()
    assert "Councils rolling out weekly food waste collections." in html
    assert "priya.shah@leeds.gov.uk" in html
    assert "Food waste" in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "approve"}, follow=True)

    assert response.redirect_chain[-1][0] == "/administration/communities/"
    assert "Food Waste Collections was approved and is live." in (
        response.content.decode()
    )
    pending.refresh_from_db()
    assert pending.status == "live"
    assert len(mail.outbox) == 1
    assert client.get(url).status_code == 404  # decided: no longer in the queue


def test_decision_page_needs_a_reason_to_reject(client, admin, pending):
    client.force_login(admin)
    url = f"/administration/communities/{pending.pk}/"

    response = client.post(url, {"decision": "reject", "reason": ""})

    assert "Enter the reason for rejecting the community" in response.content.decode()
    assert Community.objects.filter(pk=pending.pk).exists()

    response = client.post(url, {"decision": "reject", "reason": "Duplicate."})
    assert response.status_code == 302
    assert not Community.objects.filter(pk=pending.pk).exists()


def test_members_cannot_see_the_queue(client, pending, creator):
    client.force_login(creator)

    assert client.get("/administration/communities/").status_code == 403
    assert client.get(f"/administration/communities/{pending.pk}/").status_code == 403
