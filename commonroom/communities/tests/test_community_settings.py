"""Facilitators change a community's name, purpose, topics and visibility.

Making it more private says first who loses access, and applies only once
confirmed; the rules of nesting hold; waiting requests are answered as the
new visibility says (private: declined with a message; open: approved),
invitations are kept; the web address stays; the change is audited.
"""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from commonroom.accounts.tests.factories import UserFactory
from commonroom.audit.models import AuditEvent
from commonroom.communities.models import Community, Invitation, MembershipRequest
from commonroom.communities.services import membership as membership_services
from commonroom.communities.services.community_settings import (
    update_community_settings,
)
from commonroom.communities.tests.factories import CommunityFactory, MembershipFactory
from commonroom.core.testing.queries import session_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory(
        name="Flood Risk Officers",
        slug="flood-risk",
        visibility="open",
        purpose="For flood risk officers.",
    )


@pytest.fixture
def facilitator(client, community):
    user = MembershipFactory(community=community, role="facilitator").user
    client.force_login(user)
    return user


def settings_data(community, **changes):
    return {
        "name": community.name,
        "purpose": community.purpose,
        "topics": "",
        "visibility": community.visibility,
    } | changes


def change(actor, community, **changes):
    values = {
        "name": community.name,
        "purpose": community.purpose,
        "topics": [],
        "visibility": community.visibility,
        "public_reading": community.public_reading,
    } | changes
    return update_community_settings(actor=actor, community=community, **values)


def test_name_purpose_and_topics_change_and_the_address_stays(
    client, community, facilitator
):
    response = client.post(
        "/communities/flood-risk/settings/",
        settings_data(
            community,
            name="Flood and Coastal Risk Officers",
            purpose="For flood and coastal erosion risk officers.",
            topics="flood risk, SuDS",
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == "/communities/flood-risk/"
    community.refresh_from_db()
    assert community.name == "Flood and Coastal Risk Officers"
    assert community.slug == "flood-risk"
    assert community.purpose == "For flood and coastal erosion risk officers."
    assert sorted(community.tags.values_list("name", flat=True)) == [
        "SuDS",
        "flood risk",
    ]
    event = AuditEvent.objects.get(action="community_settings_changed")
    assert event.community_id == community.pk
    assert event.detail == "changed: name, purpose, topics"
    hub = client.get("/communities/flood-risk/").content.decode()
    assert "Flood and Coastal Risk Officers" in hub


def test_the_form_shows_what_is_set_now(client, community, facilitator, queries):
    with queries(session_queries() + 4):
        response = client.get("/communities/flood-risk/settings/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Flood Risk Officers"' in html
    assert "For flood risk officers." in html
    assert "web address stays the same" in html


def test_only_facilitators_may_change_settings(client, community):
    member = MembershipFactory(community=community).user
    client.force_login(member)

    assert client.get("/communities/flood-risk/settings/").status_code == 403
    response = client.post(
        "/communities/flood-risk/settings/", settings_data(community, name="Mine")
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        change(member, community, name="Mine")
    community.refresh_from_db()
    assert community.name == "Flood Risk Officers"


def test_a_name_another_community_has_is_refused_keeping_what_was_typed(
    client, community, facilitator
):
    CommunityFactory(name="Drainage Engineers")

    response = client.post(
        "/communities/flood-risk/settings/",
        settings_data(community, name="drainage engineers", purpose="New purpose."),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is already a community called" in html
    assert "New purpose." in html
    community.refresh_from_db()
    assert community.name == "Flood Risk Officers"


def test_changing_only_the_case_of_its_own_name_is_fine(community, facilitator):
    change(facilitator, community, name="Flood risk officers")

    community.refresh_from_db()
    assert community.name == "Flood risk officers"


def test_nothing_changed_writes_nothing(community, facilitator):
    change(facilitator, community)

    assert not AuditEvent.objects.filter(action="community_settings_changed").exists()


# Visibility ----------------------------------------------------------------------


def test_making_it_private_says_who_loses_access_before_applying(
    client, community, facilitator
):
    Community.objects.filter(pk=community.pk).update(public_reading=True)
    community.refresh_from_db()
    MembershipFactory(community=community)
    for _ in range(3):
        UserFactory()  # signed-in members of the site, not of the community
    UserFactory(email_confirmed=False)  # not listed: not counted

    response = client.post(
        "/communities/flood-risk/settings/",
        settings_data(community, visibility="private"),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Make Flood Risk Officers more private?" in html
    assert "visitors who are not signed in will no longer be able to read it" in html
    assert (
        "3 signed-in members of Commonroom who are not members of the community "
        "will no longer be able to read it" in html
    )
    assert "no longer be listed in the directory" in html
    community.refresh_from_db()
    assert community.visibility == "open"

    confirmed = client.post(
        "/communities/flood-risk/settings/",
        settings_data(community, visibility="private", confirmed="True"),
    )

    assert confirmed.status_code == 302
    community.refresh_from_db()
    assert (community.visibility, community.public_reading) == ("private", False)
    event = AuditEvent.objects.get(action="community_settings_changed")
    assert event.detail == "changed: visibility: open (visitors read) -> private"
    # The access kernel follows at once: a non-member is told "not found".
    outsider = UserFactory()
    client.force_login(outsider)
    assert client.get("/communities/flood-risk/").status_code == 404
    assert "Flood Risk Officers" not in client.get("/communities/").content.decode()


def test_making_it_more_open_needs_no_confirmation(client, community, facilitator):
    Community.objects.filter(pk=community.pk).update(visibility="restricted")
    community.refresh_from_db()

    response = client.post(
        "/communities/flood-risk/settings/",
        settings_data(community, visibility="open", public_reading="on"),
    )

    assert response.status_code == 302
    community.refresh_from_db()
    assert (community.visibility, community.public_reading) == ("open", True)
    client.logout()
    assert client.get("/communities/flood-risk/").status_code == 200


def test_going_private_declines_requests_with_a_message_and_keeps_invitations(
    client, django_capture_on_commit_callbacks
):
    community = CommunityFactory(name="Heads of Housing", visibility="restricted")
    facilitator = MembershipFactory(community=community, role="facilitator").user
    applicant = UserFactory(full_name="Alys Jones")
    waiting = membership_services.request_to_join(actor=applicant, community=community)
    invitation = Invitation.objects.create(
        community=community,
        email="new.person@leeds.gov.uk",
        invited_by=facilitator,
        token="x" * 64,
        expires_at="2099-01-01T00:00:00Z",
    )
    client.force_login(facilitator)

    confirm = client.post(
        f"/communities/{community.slug}/settings/",
        settings_data(community, visibility="private"),
    ).content.decode()
    assert "1 request to join will be declined" in confirm
    assert "1 invitation waiting for a reply stays valid" in confirm
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/communities/{community.slug}/settings/",
            settings_data(community, visibility="private", confirmed="True"),
        )

    waiting.refresh_from_db()
    assert waiting.status == MembershipRequest.Status.REJECTED
    assert "now takes new members by invitation only" in waiting.response
    [message] = mail.outbox
    assert message.to == [applicant.email]
    assert "now takes new members by invitation only" in message.body
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.PENDING
    event = AuditEvent.objects.get(action="community_settings_changed")
    assert event.detail == (
        "changed: visibility: restricted -> private; requests to join declined: 1"
    )


def test_going_open_lets_waiting_applicants_in(community, facilitator):
    Community.objects.filter(pk=community.pk).update(visibility="restricted")
    community.refresh_from_db()
    applicant = UserFactory()
    waiting = membership_services.request_to_join(actor=applicant, community=community)

    change(facilitator, community, visibility="open")

    waiting.refresh_from_db()
    assert waiting.status == MembershipRequest.Status.APPROVED
    assert community.memberships.filter(user=applicant).exists()
    community.refresh_from_db()
    assert community.member_count == 2


def test_never_more_open_than_its_parent(client):
    parent = CommunityFactory(name="Planning Network", visibility="restricted")
    child = CommunityFactory(
        name="Steering Group", slug="steering", parent=parent, visibility="private"
    )
    facilitator = MembershipFactory(community=child, role="facilitator").user
    MembershipFactory(community=parent, user=facilitator)
    client.force_login(facilitator)

    form = client.get("/communities/steering/settings/").context["form"]
    assert [value for value, _ in form.fields["visibility"].choices] == [
        "restricted",
        "private",
    ]
    response = client.post(
        "/communities/steering/settings/", settings_data(child, visibility="open")
    )
    assert response.status_code == 200
    with pytest.raises(ValidationError) as error:
        change(facilitator, child, visibility="open")
    assert "cannot be more open than" in error.value.message_dict["visibility"][0]
    child.refresh_from_db()
    assert child.visibility == "private"


def test_never_more_private_than_its_sub_communities_are_open(community, facilitator):
    CommunityFactory(name="Open Working Group", parent=community, visibility="open")

    with pytest.raises(ValidationError) as error:
        change(facilitator, community, visibility="restricted")

    message = error.value.message_dict["visibility"][0]
    assert "First make these at least as private: Open Working Group." in message
    community.refresh_from_db()
    assert community.visibility == "open"


def test_archived_communities_cannot_be_changed(community, facilitator):
    Community.objects.filter(pk=community.pk).update(status="archived")
    community.refresh_from_db()

    with pytest.raises(PermissionDenied):
        change(facilitator, community, name="New Name")
