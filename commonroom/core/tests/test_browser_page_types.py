"""Every page type passes axe-core in a real browser.

The pages are the catalogue's (commonroom/core/testing/page_types.py), each
shown as its person: visitor, member, facilitator or administrator.
"""

import pytest

from commonroom.core.testing import browser as browser_helpers
from commonroom.core.testing import page_types

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_page_type_has_no_axe_violations(page, live_server, media_root):
    violations = {}

    for entry in page_types.build():
        response = page_types.open_in_browser(page, live_server.url, entry)
        assert response.status == entry.status, entry
        found = browser_helpers.axe_violations(page)
        if found:
            violations[f"{entry.name} ({entry.role}): {entry.url}"] = (
                browser_helpers.describe_violations(found)
            )

    assert not violations, "axe-core found WCAG 2.2 A/AA violations:\n" + "\n".join(
        f"{name}\n{found}" for name, found in violations.items()
    )


def test_pages_read_well_in_welsh(page, axe):
    page.goto("/")
    page.get_by_role("link", name="Cymraeg").click()

    assert page.locator("html").get_attribute("lang") == "cy"
    axe(page)
