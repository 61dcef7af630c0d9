"""Every page type fits a 320px screen, and the directories show results first.

At 320px (WCAG 2.2's reflow width) no page scrolls sideways; on the
community directory and the people finder the filters fold away, so the first
result is on the first screen of a 320x640 phone.
"""

import os
from pathlib import Path

import pytest

from commonroom.core.testing import page_types

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Screenshots of every page at 320 and 1280px go here when this is set, for a
# person to look at: COMMONROOM_SCREENSHOTS=/tmp/shots pytest -k narrow
SCREENSHOTS = os.environ.get("COMMONROOM_SCREENSHOTS")


def _show(browser_page, live_server, page) -> None:
    """Open the page in the tab as the page type's person."""
    response = page_types.open_in_browser(browser_page, live_server.url, page)
    assert response.status == page.status, f"{page.name}: {response.status}"


def _screenshot(browser_page, page, width: int) -> None:
    if SCREENSHOTS:
        folder = Path(SCREENSHOTS)
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{page.role}-{page.name}".replace(" ", "-").replace("/", "-")
        browser_page.screenshot(path=folder / f"{name}-{width}.png", full_page=True)


def test_no_page_type_scrolls_sideways_at_320px(page, live_server, media_root):
    catalogue = page_types.build()
    too_wide = {}

    for entry in catalogue:
        page.set_viewport_size({"width": 320, "height": 640})
        _show(page, live_server, entry)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[f"{entry.name} ({entry.role}): {entry.url}"] = width
        _screenshot(page, entry, 320)
        if SCREENSHOTS:
            page.set_viewport_size({"width": 1280, "height": 900})
            _screenshot(page, entry, 1280)

    assert not too_wide, f"Pages wider than 320px at 320px: {too_wide}"


DIRECTORIES = {
    "community directory": ("visitor", ".commonroom-result"),
    "people finder": ("member", ".commonroom-result"),
}


@pytest.mark.parametrize("name", sorted(DIRECTORIES))
def test_the_first_result_is_on_the_first_screen_at_320px(
    page, live_server, media_root, name
):
    role, result = DIRECTORIES[name]
    (entry,) = [p for p in page_types.build() if (p.name, p.role) == (name, role)]
    page.set_viewport_size({"width": 320, "height": 640})

    _show(page, live_server, entry)

    first = page.locator(result).first
    box = first.bounding_box()
    assert box is not None, f"no result on the {name}"
    assert box["y"] + min(box["height"], 40) <= 640, (
        f"The first result on the {name} starts {box['y']:.0f}px down, below "
        "the first 640px screen"
    )
    # The filters are still there, one tap away.
    filters = page.get_by_text("Show filters", exact=False).first
    assert filters.is_visible()
    filters.click()
    assert page.locator("form[role=search] button[type=submit]").is_visible()


@pytest.mark.parametrize("name", sorted(DIRECTORIES))
def test_the_filters_are_open_beside_the_results_on_wide_screens(
    page, live_server, axe, media_root, name
):
    role, _result = DIRECTORIES[name]
    (entry,) = [p for p in page_types.build() if (p.name, p.role) == (name, role)]

    _show(page, live_server, entry)

    assert not page.get_by_text("Show filters").is_visible()
    search = page.get_by_role("search")
    assert search.get_by_role("button").first.is_visible()
    # Reachable from the keyboard, and read out, without opening anything.
    search.get_by_role("textbox").first.focus()
    assert page.evaluate("document.activeElement.closest('form[role=search]') !== null")
    assert "- button" in search.aria_snapshot()  # in the accessibility tree
    axe(page)
