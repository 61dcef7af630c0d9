"""Joining an open community, and the rules every way of joining shares."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from commonroom.accounts.tests.factories import UserFactory
from commonroom.audit.models import AuditEvent
from commonroom.communities import access
from commonroom.communities.models import Membership
from commonroom.communities.services import membership as services
from commonroom.communities.tests.factories import CommunityFactory, MembershipFactory
from commonroom.core.testing.queries import session_queries

pytestmark = pytest.mark.django_db


def test_joining_an_open_community_is_immediate_counted_and_audited():
    community = CommunityFactory(name="Planning Enforcement")
    person = UserFactory()
    access.access_for(person)  # cached before: the service must forget it

    membership = services.join_community(actor=person, community=community)

    assert (membership.user, membership.role) == (person, "member")
    community.refresh_from_db()
    assert community.member_count == 1
    assert access.access_for(person).is_member(community.pk)
    event = AuditEvent.objects.get(action="member_joined")
    assert (event.actor_email, event.subject_email) == (person.email, person.email)
    assert event.community_id == community.pk


def test_joining_twice_is_refused_and_changes_nothing():
    community = CommunityFactory()
    person = UserFactory()
    services.join_community(actor=person, community=community)

    with pytest.raises(ValidationError) as error:
        services.join_community(actor=person, community=community)

    assert error.value.code == "already_member"
    assert Membership.objects.filter(user=person).count() == 1


def test_restricted_communities_need_a_request():
    community = CommunityFactory(visibility="restricted")

    with pytest.raises(ValidationError) as error:
        services.join_community(actor=UserFactory(), community=community)

    assert error.value.code == "request_needed"
    assert not Membership.objects.exists()


def test_private_communities_do_not_exist_for_outsiders():
    community = CommunityFactory(visibility="private")

    with pytest.raises(Http404):
        services.join_community(actor=UserFactory(), community=community)
    with pytest.raises(Http404):
        services.request_to_join(actor=UserFactory(), community=community)


def test_people_waiting_for_approval_cannot_join_or_ask():
    person = UserFactory(approval_status="pending")

    with pytest.raises(PermissionDenied):
        services.join_community(actor=person, community=CommunityFactory())
    with pytest.raises(PermissionDenied):
        services.request_to_join(
            actor=person, community=CommunityFactory(visibility="restricted")
        )
    assert not Membership.objects.exists()


@pytest.mark.parametrize("visibility", ["open", "restricted"])
def test_archived_communities_take_no_one(visibility):
    community = CommunityFactory(visibility=visibility, status="archived")
    join = services.join_community if visibility == "open" else services.request_to_join

    with pytest.raises(ValidationError) as error:
        join(actor=UserFactory(), community=community)

    assert error.value.code == "archived"
    assert "archived" in error.value.messages[0]


def test_a_sub_community_needs_membership_of_its_parent():
    parent = CommunityFactory(name="Heads of Planning")
    steering = CommunityFactory(parent=parent, name="Steering Group")
    person = UserFactory()

    with pytest.raises(ValidationError) as error:
        services.join_community(actor=person, community=steering)

    assert error.value.code == "parent_membership"
    assert error.value.messages == [
        "You need to be a member of Heads of Planning before you can join this "
        "community."
    ]

    services.join_community(actor=person, community=parent)
    services.join_community(actor=person, community=steering)
    assert access.access_for(person).is_member(steering.pk)


def test_a_private_parent_is_not_named_to_outsiders():
    parent = CommunityFactory(name="Secret Parent Board", visibility="private")
    sub = CommunityFactory(parent=parent, visibility="restricted")

    with pytest.raises(ValidationError) as error:
        services.request_to_join(actor=UserFactory(), community=sub)

    assert "Secret Parent Board" not in error.value.messages[0]
    assert "the community this one belongs to" in error.value.messages[0]


def test_join_page_shows_the_button_and_joining_lands_on_the_community(client):
    community = CommunityFactory(name="Food Waste Rollout")
    person = UserFactory()
    client.force_login(person)

    page = client.get(f"/communities/{community.slug}/join/")
    assert page.status_code == 200
    assert "Join community" in page.content.decode()

    response = client.post(f"/communities/{community.slug}/join/")

    assert response.status_code == 302
    assert response["Location"] == f"/communities/{community.slug}/"
    assert Membership.objects.filter(community=community, user=person).exists()


def test_join_page_explains_why_not(client):
    parent = CommunityFactory(name="Heads of Planning")
    sub = CommunityFactory(parent=parent)
    client.force_login(UserFactory())

    response = client.post(f"/communities/{sub.slug}/join/")

    assert response.status_code == 400
    html = response.content.decode()
    assert "You need to be a member of Heads of Planning" in html
    assert f'href="/communities/{parent.slug}/"' in html
    assert not Membership.objects.exists()


def test_join_page_for_a_restricted_community_leads_to_the_request(client):
    community = CommunityFactory(visibility="restricted")
    client.force_login(UserFactory())

    response = client.get(f"/communities/{community.slug}/join/")

    assert response["Location"] == f"/communities/{community.slug}/join/request/"


def test_visitors_are_asked_to_sign_in(client):
    community = CommunityFactory()

    response = client.get(f"/communities/{community.slug}/join/")

    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_join_page_query_budget(client, queries):
    community = CommunityFactory()
    client.force_login(UserFactory())

    # session, user, community, the person's memberships
    with queries(session_queries() + 3):
        client.get(f"/communities/{community.slug}/join/")


def test_members_of_a_private_community_see_they_are_members(client):
    community = CommunityFactory(visibility="private")
    member = MembershipFactory(community=community).user
    client.force_login(member)

    html = client.get(f"/communities/{community.slug}/join/").content.decode()

    assert "You are a member" in html
