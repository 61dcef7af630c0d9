"""The members list, managing a member, and leaving: the pages."""

import pytest
from django.core import mail

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.models import Community, Membership
from commonroom.communities.tests.factories import CommunityFactory, MembershipFactory
from commonroom.core.testing.queries import session_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory(name="Heads of Planning", visibility="restricted")


@pytest.fixture
def owner(community):
    owner = MembershipFactory(
        community=community, role="facilitator", user__full_name="Owen Price"
    ).user
    community.owner = owner
    community.save()
    return owner


# The members list ---------------------------------------------------------------


def test_members_list_shows_name_organisation_role_and_joined(client, community, owner):
    member = MembershipFactory(
        community=community,
        user__full_name="Asha Patel",
        user__profile__organisation__name="Leeds City Council",
    ).user
    client.force_login(member)

    response = client.get(f"/communities/{community.slug}/members/")

    html = response.content.decode()
    assert f'href="/people/{member.pk}/">Asha Patel</a>' in html
    assert "Leeds City Council" in html
    assert "Owner" in html
    assert "Member" in html
    assert "2 members" in html
    assert "Manage" not in html  # members do not manage
    assert "Leave this community" in html
    # Facilitators first.
    assert html.index("Owen Price") < html.index("Asha Patel")


@pytest.mark.parametrize(
    ("visibility", "status"), [("restricted", 403), ("private", 404)]
)
def test_members_only_lists_are_for_members_only(client, visibility, status):
    community = CommunityFactory(visibility=visibility)
    MembershipFactory(community=community, user__full_name="Hidden Person")
    client.force_login(UserFactory())

    response = client.get(f"/communities/{community.slug}/members/")

    assert response.status_code == status
    assert "Hidden Person" not in response.content.decode()


def test_an_open_community_lists_its_members_to_any_member(client):
    community = CommunityFactory()
    MembershipFactory(community=community, user__full_name="Visible Person")
    client.force_login(UserFactory())

    html = client.get(f"/communities/{community.slug}/members/").content.decode()

    assert "Visible Person" in html
    assert "Leave this community" not in html


def test_visitors_do_not_see_members_even_of_public_communities(client):
    community = CommunityFactory(public_reading=True)

    response = client.get(f"/communities/{community.slug}/members/")

    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_members_list_query_budget_does_not_grow(client, community, owner, queries):
    client.force_login(owner)
    for n in range(4):
        MembershipFactory(community=community)
        # session, user, community, memberships, count, page
        with queries(session_queries() + 5):
            response = client.get(f"/communities/{community.slug}/members/")
        assert len(response.context["pagination"].object_list) == n + 2
    assert "Manage" in response.content.decode()


def test_members_list_paginates(client, community, owner):
    MembershipFactory.create_batch(50, community=community)
    client.force_login(owner)

    response = client.get(f"/communities/{community.slug}/members/?page=2")

    assert len(response.context["pagination"].object_list) == 1


# Managing a member --------------------------------------------------------------


def test_manage_page_offers_what_is_allowed(client, community, owner, queries):
    member = MembershipFactory(community=community, user__full_name="Asha Patel").user
    client.force_login(owner)
    url = f"/communities/{community.slug}/members/{member.pk}/"

    # session, user, community, memberships, membership
    with queries(session_queries() + 4):
        html = client.get(url).content.decode()

    assert "Make Asha Patel a facilitator" in html
    assert "Remove Asha Patel" in html
    assert "Make Asha Patel the owner" not in html  # not a facilitator yet

    client.post(f"{url}role/", {"role": "facilitator"})
    html = client.get(url).content.decode()
    assert "Make Asha Patel the owner" in html

    client.post(f"{url}make-owner/")
    assert Community.objects.get(pk=community.pk).owner == member


def test_manage_page_explains_what_is_not_allowed(client, community, owner):
    client.force_login(owner)

    html = client.get(
        f"/communities/{community.slug}/members/{owner.pk}/"
    ).content.decode()

    assert "The owner must stay a facilitator" in html
    assert "Remove Owen Price" not in html


def test_demoting_the_last_facilitator_through_the_page_is_refused(client, community):
    only = MembershipFactory(community=community, role="facilitator").user
    client.force_login(only)

    response = client.post(
        f"/communities/{community.slug}/members/{only.pk}/role/",
        {"role": "member"},
        follow=True,
    )

    assert "A community must always have a facilitator" in response.content.decode()
    assert Membership.objects.get(user=only).role == "facilitator"


def test_stepping_down_returns_to_the_members_list(client, community, owner):
    other = MembershipFactory(community=community, role="facilitator").user
    client.force_login(other)

    response = client.post(
        f"/communities/{community.slug}/members/{other.pk}/role/", {"role": "member"}
    )

    assert response["Location"] == f"/communities/{community.slug}/members/"


def test_manage_pages_are_for_facilitators_only(client, community, owner):
    member = MembershipFactory(community=community).user
    client.force_login(member)
    base = f"/communities/{community.slug}/members/{owner.pk}/"

    assert client.get(base).status_code == 403
    assert client.post(f"{base}role/", {"role": "member"}).status_code == 403
    assert client.post(f"{base}remove/").status_code == 403
    assert client.post(f"{base}make-owner/").status_code == 403
    assert Membership.objects.get(user=owner).role == "facilitator"


def test_removing_through_the_page(
    client, community, owner, django_capture_on_commit_callbacks
):
    member = MembershipFactory(community=community, user__full_name="Asha Patel").user
    client.force_login(owner)
    url = f"/communities/{community.slug}/members/{member.pk}/remove/"

    assert "Remove from community" in client.get(url).content.decode()
    too_long = client.post(url, {"message": "x" * 2001})
    assert too_long.status_code == 400
    assert "x" * 2001 in too_long.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"message": "Spam."})

    assert response["Location"] == f"/communities/{community.slug}/members/"
    assert not Membership.objects.filter(user=member).exists()
    assert len(mail.outbox) == 1


# Leaving ------------------------------------------------------------------------


def test_leaving_asks_to_confirm_then_leaves(client, community, owner):
    member = MembershipFactory(community=community).user
    client.force_login(member)
    url = f"/communities/{community.slug}/leave/"

    html = client.get(url).content.decode()
    assert "Leave community" in html
    assert "ask to join again" in html
    response = client.post(url)

    assert response["Location"] == f"/communities/{community.slug}/"
    assert not Membership.objects.filter(user=member).exists()


def test_leaving_a_private_community_lands_on_the_directory(client):
    community = CommunityFactory(visibility="private")
    MembershipFactory(community=community, role="facilitator")
    member = MembershipFactory(community=community).user
    client.force_login(member)

    response = client.post(f"/communities/{community.slug}/leave/")

    assert response["Location"] == "/communities/"


def test_the_last_facilitator_is_told_to_hand_over(client, community):
    only = MembershipFactory(community=community, role="facilitator").user
    client.force_login(only)
    url = f"/communities/{community.slug}/leave/"

    html = client.get(url).content.decode()
    posted = client.post(url)

    assert "Make another member a facilitator before you leave" in html
    assert "Leave community" not in html
    assert posted.status_code == 400
    assert Membership.objects.filter(user=only).exists()


def test_the_owner_is_told_to_transfer_first(client, community, owner):
    MembershipFactory(community=community, role="facilitator")
    client.force_login(owner)

    html = client.get(f"/communities/{community.slug}/leave/").content.decode()

    assert "Transfer ownership to another facilitator before you leave" in html


def test_leave_page_for_someone_not_in_it(client, community):
    client.force_login(UserFactory())

    response = client.get(f"/communities/{community.slug}/leave/")

    assert response["Location"] == f"/communities/{community.slug}/"
