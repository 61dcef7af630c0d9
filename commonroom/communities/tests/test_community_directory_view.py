import pytest

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.tests.factories import CommunityFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_directory_lists_open_and_restricted_but_never_private(client):
    CommunityFactory(name="Open Planning Network")
    CommunityFactory(name="Restricted Heads of Housing", visibility="restricted")
    CommunityFactory(name="Private Steering Group", visibility="private")
    CommunityFactory(name="Pending Climate Network", status="pending")

    html = client.get("/communities/").content.decode()

    assert "Open Planning Network" in html
    assert "Restricted Heads of Housing" in html
    assert "Private Steering Group" not in html
    assert "Pending Climate Network" not in html
    assert "2 communities" in html


def test_directory_search_matches_name_and_purpose(client):
    CommunityFactory(
        name="Food Waste Rollout", purpose="Weekly food waste collections."
    )
    CommunityFactory(name="Libraries Network", purpose="Library digital services.")

    html = client.get("/communities/?q=food+waste").content.decode()

    assert "Food Waste Rollout" in html
    assert "Libraries Network" not in html


def test_directory_paginates_with_a_fixed_query_budget(client, queries):
    CommunityFactory()
    with queries(2):  # the count and the page
        client.get("/communities/")

    CommunityFactory.create_batch(25)
    with queries(2):
        response = client.get("/communities/?page=2")
    assert len(response.context["pagination"].page.object_list) == 6
    assert 'aria-current="page">2</a>' in response.content.decode()


def test_private_community_is_not_found_for_outsiders_but_seen_by_members(client):
    private = CommunityFactory(name="Cyber Incident Response", visibility="private")
    member = MembershipFactory(community=private).user

    assert client.get(f"/communities/{private.slug}/").status_code == 404
    client.force_login(UserFactory())
    assert client.get(f"/communities/{private.slug}/").status_code == 404
    client.force_login(member)
    assert (
        "Cyber Incident Response"
        in client.get(f"/communities/{private.slug}/").content.decode()
    )


def test_community_summary_shows_purpose_facilitators_and_who_can_read(client, queries):
    community = CommunityFactory(visibility="restricted", member_count=12)
    facilitator = MembershipFactory(community=community, role="facilitator").user

    with queries(3):  # community, facilitators, tags
        response = client.get(f"/communities/{community.slug}/")

    html = response.content.decode()
    assert community.purpose in html
    assert facilitator.full_name in html
    assert "Members of this community only. Ask to join" in html
