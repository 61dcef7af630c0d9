import re

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
    with queries(1):  # the figures are kept until something changes
        client.get("/")

    CommunityFactory.create_batch(8)
    with queries(4):
        response = client.get("/")
    assert len(response.context["communities"]) == 6


def test_the_figures_change_as_soon_as_communities_and_members_do(client):
    first = client.get("/").context["figures"]

    CommunityFactory()
    UserFactory()
    after = client.get("/").context["figures"]

    assert after.communities == first.communities + 1
    assert after.members == first.members + 1


def test_signed_in_members_are_sent_on_to_find_a_community(client):
    client.force_login(UserFactory())

    html = client.get("/").content.decode()

    assert "Find a community" in html
    assert "Create an account" not in html
    assert "Your account" in html


FEATURES_NOT_BUILT = re.compile(
    r"\b(librar(y|ies)|wiki|events?|blogs?|digests?|alerts?|newsletters?|"
    r"private messages?|messages? (to|between) members|download all)\b",
    re.IGNORECASE,
)


def _main_text(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"<[^>]+>", " ", main)


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_landing_hub_and_privacy_notice_promise_only_what_exists(client, signed_in):
    CommunityFactory(slug="closed", visibility="restricted")
    if signed_in:
        client.force_login(UserFactory())
    for address in ("/", "/communities/closed/", "/help/privacy/"):
        response = client.get(address)
        assert response.status_code == 200
        claims = FEATURES_NOT_BUILT.findall(_main_text(response))
        assert not claims, f"{address} promises {claims}"


def test_the_privacy_notice_says_how_to_get_data_or_delete_an_account(client):
    text = _main_text(client.get("/help/privacy/"))
    assert "does not yet let you download your data or delete your account" in text
    assert "contact the Commonroom team" in text
