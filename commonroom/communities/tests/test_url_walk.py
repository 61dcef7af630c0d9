"""Every route of the site is a leak-matrix channel or exempt, with a reason.

The test walks the URL configuration. A route is *registered* when some
channel of the matrix requests it (``Channel.url`` for some community, or
``Channel.covers``); otherwise it must be listed below with the reason it
needs no channel. A new route fails this test until it is one or the other,
and the total is pinned, so the classification is deliberate.
"""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.tests.test_leak_matrix import build_world
from commonroom.core.testing import leak_matrix, page_types

pytestmark = pytest.mark.django_db

# Every route the site has. Change it only together with a channel or an
# exemption for the new route.
ROUTE_COUNT = 154

_MINE = "about the signed-in person only, nothing from any community"

# Routes (or, ending in "/", every route under a prefix) that need no channel.
EXEMPT_ROUTES: dict[str, str] = {
    "help/": "Static help pages and the feedback form, the same for everyone",
    "language/<str:language_code>/": "Sets the language cookie and redirects back",
    "people/me/edit/": f"The person's own profile form: {_MINE}",
    "account/": (
        "Sign-in, sign-up, the pending and two-factor notices, email addresses, "
        f"passwords and two-factor authentication (django-allauth): {_MINE}"
    ),
    "django-admin/": (
        "Django's own admin, for the superusers who run the server (who can "
        "read the database anyway); staff without model permissions are refused, "
        "and audit entries there hold no community names or message text"
    ),
}

# Routes that only change something: a GET is refused (405, checked below), so
# they show nothing. What they change is checked by their own tests.
POST_ONLY = "Changes something and shows nothing: GET is refused (405)"
POST_ONLY_ROUTES = {"markdown-preview", *page_types.POST_ONLY_NAMES}


def walk(resolver=None, prefix: str = ""):
    """(route, name) for every URL pattern, includes followed."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.name


def _exemption_for(route: str, name: str | None) -> str | None:
    if name in POST_ONLY_ROUTES:
        return POST_ONLY
    for exempt, reason in EXEMPT_ROUTES.items():
        if route == exempt or (exempt.endswith("/") and route.startswith(exempt)):
            return reason
    return None


def registered_routes(world) -> set[str]:
    names = {name: route for route, name in walk() if name}
    routes = set()
    for chan in leak_matrix.all_channels():
        for spec in leak_matrix.COMMUNITIES:
            url = chan.url(world, spec)
            if url is not None:
                routes.add(resolve(urlsplit(url).path).route)
        routes.update(names[name] for name in chan.covers)
    return routes


def test_every_route_is_a_channel_or_exempt_with_a_reason(media_root):
    world = build_world()
    routes = dict(walk())
    registered = registered_routes(world)
    exempt = {
        route
        for route, name in routes.items()
        if _exemption_for(route, name) is not None
    }

    unclassified = sorted(set(routes) - registered - exempt)
    assert not unclassified, (
        "Routes neither requested by a leak-matrix channel nor exempt: "
        + ", ".join(unclassified)
    )
    both = sorted(registered & exempt)
    assert not both, f"Routes both registered and exempt: {both}"
    assert len(registered) + len(exempt) == len(routes) == ROUTE_COUNT
    assert all(reason.strip() for reason in EXEMPT_ROUTES.values())
    # No exemption outlives its routes.
    for exempt_route in EXEMPT_ROUTES:
        assert any(
            _exemption_for(route, None) == EXEMPT_ROUTES[exempt_route]
            and (route == exempt_route or route.startswith(exempt_route))
            for route in routes
        ), f"{exempt_route!r} is exempt but no longer a route"


def _sample_url(route: str, name: str) -> str:
    resolver_match = None
    for pattern_route, pattern_name in walk():
        if pattern_name == name:
            resolver_match = pattern_route
    assert resolver_match == route
    values = {"id": 1, "slug": "x", "str": "x", "path": "x"}
    kwargs = {}
    for part in route.split("<")[1:]:
        converter, _, rest = part.partition(":")
        kwargs[rest.split(">")[0]] = values[converter]
    return reverse(name, kwargs=kwargs)


def test_post_only_routes_refuse_to_show_anything():
    routes = {name: route for route, name in walk() if name}
    assert POST_ONLY_ROUTES <= set(routes)
    client = Client()
    client.force_login(UserFactory())

    refused = {
        name: client.get(_sample_url(routes[name], name)).status_code
        for name in sorted(POST_ONLY_ROUTES)
    }

    assert refused == dict.fromkeys(sorted(POST_ONLY_ROUTES), 405)
