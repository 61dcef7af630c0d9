"""Every page type is valid HTML: the Nu HTML checker finds no error.

The checker (Java) starts once, over every page of the catalogue, so this is
a slow test: it runs once in CI, with the browser tests, on PostgreSQL.
"""

import pytest

from commonroom.core.testing import html_validity, page_types

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_the_nu_html_checker_finds_no_error_on_any_page_type(media_root):
    if missing := html_validity.missing_tool():
        pytest.fail(missing)
    pages = {}
    for page in page_types.build():
        response = page_types.client_for(page).get(page.url)
        assert response.status_code == page.status, page
        pages[f"{page.name} ({page.role}): {page.url}"] = response.content.decode()

    errors = html_validity.errors_by_page(pages)

    assert not errors, "The Nu HTML checker found errors:\n" + "\n".join(
        f"{name}\n  " + "\n  ".join(found) for name, found in errors.items()
    )


def test_the_checker_reports_an_invalid_page():
    """The check itself works: an error on a page is reported for that page."""
    if missing := html_validity.missing_tool():
        pytest.fail(missing)
    valid = (
        '<!DOCTYPE html><html lang="en"><head><title>Fine</title></head>'
        "<body><p>Fine</p></body></html>"
    )
    invalid = valid.replace("<p>Fine</p>", '<div aria-labelledby="x">Bad</div>')

    errors = html_validity.errors_by_page({"good": valid, "bad": invalid})

    assert list(errors) == ["bad"]
    assert "aria-labelledby" in errors["bad"][0]
