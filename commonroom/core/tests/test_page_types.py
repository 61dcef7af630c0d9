"""The catalogue of page types (core/testing/page_types.py) is whole and true.

Every GET route that shows an HTML page is in the catalogue, or exempt with
its reason; every catalogued page answers as its entry says, with HTML.
"""

from urllib.parse import urlsplit

import pytest
from django.urls import resolve

from commonroom.communities.tests.test_url_walk import walk
from commonroom.core.testing import page_types

pytestmark = pytest.mark.django_db


def _exemption_for(route: str, name: str | None) -> str | None:
    if name in page_types.POST_ONLY_NAMES:
        return "post only"
    for prefix, reason in page_types.EXEMPT_PREFIXES.items():
        if route.startswith(prefix):
            return reason
    return page_types.EXEMPT_ROUTES.get(route)


def _route_of(url: str) -> str:
    """The route as the URL walk spells it (regex routes keep their ``^``)."""
    match = resolve(urlsplit(url).path)
    (route,) = {route for route, name in walk() if name == match.url_name}
    return route


@pytest.fixture
def catalogue(media_root):
    return page_types.build()


def test_every_page_showing_route_is_catalogued_or_exempt(catalogue):
    catalogued = {_route_of(page.url) for page in catalogue if page.status == 200}
    routes = dict(walk())

    missing = sorted(
        route
        for route, name in routes.items()
        if route not in catalogued and _exemption_for(route, name) is None
    )

    assert not missing, (
        "Page routes missing from core/testing/page_types.py (add a page type, "
        "or an exemption with its reason): " + ", ".join(missing)
    )
    both = sorted(
        route
        for route in catalogued
        if _exemption_for(route, routes.get(route)) is not None
    )
    assert not both, f"Routes both catalogued and exempt: {both}"
    for exempt in page_types.EXEMPT_ROUTES:
        assert exempt in routes, f"{exempt!r} is exempt but no longer a route"
    for prefix in page_types.EXEMPT_PREFIXES:
        assert any(route.startswith(prefix) for route in routes), prefix
    assert page_types.POST_ONLY_NAMES <= set(routes.values())


def test_every_catalogued_page_answers_with_html_as_its_person(catalogue):
    answers = {}
    for page in catalogue:
        response = page_types.client_for(page).get(page.url)
        answers[(page.name, page.role)] = (
            response.status_code,
            response.get("Content-Type", "").split(";")[0],
        )

    wrong = {
        key: answer
        for key, answer, page in zip(answers, answers.values(), catalogue, strict=True)
        if answer != (page.status, "text/html")
    }
    assert not wrong, f"Pages not answering as catalogued: {wrong}"
    assert {page.role for page in catalogue} == set(page_types.ROLES)
    names = [(page.name, page.role) for page in catalogue]
    assert len(names) == len(set(names)), "Two page types share a name and role"
