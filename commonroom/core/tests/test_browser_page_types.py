"""Every page type of the foundation passes axe-core in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.tests.factories import CommunityFactory, MembershipFactory
from commonroom.forums.tests.factories import tag_two_pages_of_threads

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/communities/",
    "/communities/?q=nothing-matches-this",
    "/communities/planning-enforcement/",
    "/search/",
    "/search/?q=planning",
    "/help/",
    "/help/accessibility/",
    "/help/privacy/",
    "/help/terms/",
    "/help/feedback/",
    "/help/feedback/sent/",
    "/account/signup/",
    "/account/password/reset/",
    "/tags/flooding/",
    "/tags/flooding/?page=2",
]
MEMBER_PAGES = [
    "/people/",
    "/people/?q=planning",
    "/account/",
    "/tags/flooding/",
    "/tags/flooding/?page=2",
]


@pytest.fixture
def some_communities():
    community = CommunityFactory(
        name="Planning Enforcement",
        slug="planning-enforcement",
        visibility="restricted",
    )
    MembershipFactory(community=community, role="facilitator")
    CommunityFactory.create_batch(25)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_axe_violations(page, axe, some_communities, path):
    if path.startswith("/tags/"):
        tag_two_pages_of_threads()

    response = page.goto(path)

    assert response.status == 200
    axe(page)


@pytest.mark.parametrize("path", MEMBER_PAGES)
def test_member_page_has_no_axe_violations(page, axe, sign_in, some_communities, path):
    if path.startswith("/tags/"):
        tag_two_pages_of_threads()
    sign_in(UserFactory())

    response = page.goto(path)

    assert response.status == 200
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    axe(page)


def test_pages_read_well_in_welsh(page, axe):
    page.goto("/")
    page.get_by_role("link", name="Cymraeg").click()

    assert page.locator("html").get_attribute("lang") == "cy"
    axe(page)
