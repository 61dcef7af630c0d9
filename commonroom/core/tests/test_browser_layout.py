"""The layout in a real browser: accessibility, GOV.UK Frontend, CSP, keyboard."""

import re

import pytest
from playwright.sync_api import expect

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.forums.tests.factories import tag_two_pages_of_threads

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "landing": "/",
    "sign-in": "/account/login/",
    "not found": "/no-such-page/",
    # A tag used on 25 threads in two publicly readable communities.
    "tag page": "/tags/flooding/",
    "tag page 2": "/tags/flooding/?page=2",
    "tag page, signed in": "/tags/flooding/",
    "tag page 2, signed in": "/tags/flooding/?page=2",
}
SIGNED_IN = {"tag page, signed in", "tag page 2, signed in"}


@pytest.fixture
def csp_violations(page):
    """Collects any Content-Security-Policy violation the browser reports."""
    messages: list[str] = []
    page.on(
        "console",
        lambda message: (
            messages.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return messages


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_axe_violations(page, axe, sign_in, csp_violations, name, width):
    CommunityFactory.create_batch(3)
    if PAGES[name].startswith("/tags/"):
        tag_two_pages_of_threads()
    if name in SIGNED_IN:
        sign_in(UserFactory())
    page.set_viewport_size({"width": width, "height": 900})

    response = page.goto(PAGES[name])

    assert response.status == (404 if name == "not found" else 200)

    axe(page)
    assert csp_violations == []
    # Nothing spills sideways at 320px.
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_govuk_frontend_javascript_starts(page):
    page.goto("/")

    classes = page.evaluate("document.body.className")
    assert "govuk-frontend-supported" in classes
    # The error-summary, button and service-navigation modules initialised.
    assert (
        page.locator("[data-module='govuk-service-navigation']").get_attribute(
            "data-govuk-service-navigation-init"
        )
        is not None
    )


def test_no_stylesheet_uses_gds_transport_or_govuk_images(page):
    page.goto("/")
    hrefs = page.eval_on_selector_all(
        "link[rel=stylesheet]", "links => links.map(link => link.href)"
    )

    assert hrefs
    for href in hrefs:
        css = page.request.get(href).text()
        assert "GDS Transport" not in css
        assert "govuk-crest" not in css
        assert "system-ui" in css


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(page):
    page.goto("/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == (
        "Skip to main content"
    )
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def _tab_to(page, locator, *, presses: int = 80) -> list[str]:
    """Press Tab until ``locator`` has focus (and fail if it never does); the
    text of each element that took focus on the way."""
    passed = []
    for _press in range(presses):
        page.keyboard.press("Tab")
        passed.append(page.evaluate("document.activeElement.textContent.trim()"))
        if locator.evaluate("element => element === document.activeElement"):
            return passed
    raise AssertionError(f"Tab never reached {locator}; it passed {passed}")


@pytest.mark.parametrize("width", [1280, 320])
def test_the_tag_page_works_with_the_keyboard(page, width):
    threads = tag_two_pages_of_threads()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/tags/flooding/")
    newest = threads[-1]

    _tab_to(page, page.get_by_label("Breadcrumb").get_by_role("link", name="Home"))
    _tab_to(page, page.get_by_role("link", name=newest.title, exact=True))
    page.keyboard.press("Tab")
    community = page.evaluate("document.activeElement.textContent.trim()")
    assert community == newest.community.name
    _tab_to(page, page.get_by_role("link", name="Next page"))
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/tags/flooding/\?page=2$"))
    oldest = page.get_by_role("link", name=threads[0].title, exact=True)
    _tab_to(page, oldest)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(threads[0].get_absolute_url())))
    expect(page.get_by_role("heading", level=1)).to_have_text(threads[0].title)


def test_menu_opens_with_the_keyboard_on_a_narrow_screen(page):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/")
    menu = page.get_by_role("button", name="Menu")
    communities = page.get_by_role("link", name="Communities", exact=True)

    expect(communities).to_be_hidden()
    menu.focus()
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    expect(communities).to_be_visible()


def test_error_summary_takes_focus_and_links_to_the_field(page, axe):
    page.goto("/help/feedback/")
    page.get_by_label("Your name").fill("Rhiannon Evans")

    page.get_by_role("button", name="Send feedback").click()

    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".govuk-error-summary")
    assert page.evaluate(
        "document.activeElement.classList.contains('govuk-error-summary')"
    )
    assert page.get_by_label("Your name").input_value() == "Rhiannon Evans"
    summary.get_by_role("link", name="Enter your feedback").click()
    assert page.evaluate("document.activeElement.id") == "id_message"
    axe(page)


def test_the_accessibility_check_catches_real_problems(page):
    from commonroom.core.testing.browser import axe_violations

    page.set_content("<html><body><img src='chart.png'><a href='/x'></a></body></html>")

    found = {violation["id"] for violation in axe_violations(page)}
    assert {"html-has-lang", "image-alt", "link-name"} <= found
