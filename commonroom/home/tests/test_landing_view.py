import pytest

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.tests.factories import CommunityFactory

pytestmark = pytest.mark.django_db


def test_visitors_see_live_figures_from_the_database(client):
    UserFactory.create_batch(3)  # three members at three organisations
    UserFactory(is_active=False)
    CommunityFactory.create_batch(2)
    CommunityFactory(visibility="restricted")
    CommunityFactory(visibility="private")
    CommunityFactory(status="pending")
    from commonroom.organisations.services import synchronize_member_counts

    synchronize_member_counts()

    response = client.get("/")

    figures = response.context["figures"]
    assert (figures.communities, figures.members, figures.organisations) == (3, 3, 3)
    html = response.content.decode()
    assert "Create an account" in html
    assert "Sign in if you already have an account" in html


def test_most_active_communities_never_include_private_ones(client):
    busy = CommunityFactory(name="Waste Collection Managers", post_count=50)
    CommunityFactory(name="Quiet Network", post_count=1)
    CommunityFactory(
        name="Chief Executives' Private Circle", visibility="private", post_count=999
    )

    html = client.get("/").content.decode()

    assert html.index(busy.name) < html.index("Quiet Network")
    assert "Chief Executives" not in html


def test_landing_page_has_a_fixed_query_budget(client, queries):
    CommunityFactory()
    with queries(4):  # three figures and the communities
        client.get("/")

    CommunityFactory.create_batch(8)
    with queries(4):
        response = client.get("/")
    assert len(response.context["communities"]) == 6


def test_signed_in_members_are_sent_on_to_find_a_community(client):
    client.force_login(UserFactory())

    html = client.get("/").content.decode()

    assert "Find a community" in html
    assert "Create an account" not in html
    assert "Your account" in html
