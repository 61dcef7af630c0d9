"""Search in a real browser: searching, filtering by kind and by community,
opening a result, and axe-core on the page with and without results."""

import re

import pytest
from playwright.sync_api import expect

from commonroom.communities.tests.factories import CommunityFactory
from commonroom.forums.tests.factories import member_of, reply_to, start_thread

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def world():
    send = CommunityFactory(
        name="SEND Transport Officers", slug="send-transport", visibility="restricted"
    )
    school = CommunityFactory(name="Home to School Transport", slug="home-to-school")
    reader = member_of(send, full_name="Asha Patel")
    school.memberships.create(user=reader)
    thread = start_thread(
        send,
        title="Training escorts for minibuses",
        body="How do you train the escorts who ride with children?",
    )
    reply_to(thread, body="Our escorts shadow an experienced colleague first.")
    start_thread(school, title="Escorts on school taxis", body="Who pays the escorts?")
    return {"reader": reader, "thread": thread}


def test_a_member_searches_filters_and_opens_a_result(page, sign_in, world, axe):
    sign_in(world["reader"])
    page.goto("/search/")
    axe(page)
    page.get_by_role("search").get_by_label("Search Commonroom").fill("escorts")
    page.get_by_role("search").get_by_role("button", name="Search").click()

    results = page.locator(".commonroom-result")
    expect(results).to_have_count(3)
    expect(page.get_by_role("status")).to_contain_text("3 results")
    expect(page.locator(".commonroom-result mark").first).to_have_text("escorts")
    axe(page)

    # By kind, from the links above the results.
    page.get_by_role("navigation", name="Kinds of result").get_by_role(
        "link", name="Replies (1)"
    ).click()
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Reply to “Training escorts for minibuses”")

    # By community, with the filters form (the kind is kept).
    page.get_by_label("Everything (3)").check()
    page.get_by_label("Community").select_option(label="Home to School Transport")
    page.get_by_role("button", name="Apply filters").click()
    expect(results).to_have_count(1)
    # The whole search is in the address.
    expect(page).to_have_url(
        re.compile(r"/search/\?q=escorts&.*community=home-to-school")
    )
    page.get_by_role("link", name="Escorts on school taxis").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Escorts on school taxis")


def test_no_results_is_accessible_and_its_links_work(page, sign_in, world, axe):
    sign_in(world["reader"])
    page.goto("/search/?q=escorts+hovercraft&community=send-transport")

    expect(page.get_by_text("Nothing you can read matches your search")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="search for “escorts”").click()
    expect(page.locator(".commonroom-result")).to_have_count(2)


def test_a_wrong_filter_is_explained_and_accessible(page, sign_in, world, axe):
    sign_in(world["reader"])
    page.goto("/search/?q=escorts&tag=hovercraft")

    expect(page.get_by_role("alert")).to_contain_text("No tag is called “hovercraft”")
    axe(page)
    page.get_by_role("alert").get_by_role("link").click()
    expect(page.get_by_label("Tag")).to_be_focused()
