"""htmx reads its valid-HTML ``data-hx-`` attributes: the preview and the
"Helpful" mark update the page in place, without loading a new one."""

import pytest
from playwright.sync_api import expect

from commonroom.core.testing import page_types

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _entry(name: str, role: str = "member") -> page_types.PageType:
    (entry,) = [p for p in page_types.build() if (p.name, p.role) == (name, role)]
    return entry


def _mark_this_page(page) -> None:
    """A value that lives only as long as this page: a new page load loses it."""
    page.evaluate("window.commonroomSamePage = true")


def _still_the_same_page(page) -> bool:
    return page.evaluate("window.commonroomSamePage === true")


def test_the_preview_comes_in_place_through_htmx(page, live_server, media_root):
    page_types.open_in_browser(page, live_server.url, _entry("new thread form"))
    _mark_this_page(page)

    page.get_by_label("Message").fill("A **bold** plan")
    page.get_by_role("button", name="Preview").click()

    expect(page.locator(".commonroom-markdown-preview strong")).to_have_text("bold")
    assert _still_the_same_page(page)


def test_the_helpful_mark_changes_in_place_through_htmx(page, live_server, media_root):
    page_types.open_in_browser(page, live_server.url, _entry("thread page"))
    _mark_this_page(page)
    button = page.locator(".commonroom-helpful__button").first
    expect(button).to_have_attribute("aria-pressed", "false")

    button.click()

    expect(page.locator(".commonroom-helpful__button").first).to_have_attribute(
        "aria-pressed", "true"
    )
    assert _still_the_same_page(page)
