"""Search in the leak matrix: result lists, snippets, result counts and counts
per kind, asked of ``search.selectors.search`` directly as each role.

The results page (``/search/``) is the search page's own channel; these read
the selector beneath it, so that whatever a page makes of the results, the
results themselves hold nothing the reader may not read. Each channel's
"response" is the text a page could show: titles, snippets (their marks
removed), and the counts.

The planter indexes each world community and every person in the world (the
world makes them with factories, which do not go through the services).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.utils.html import strip_tags

from commonroom.core.testing.leak_matrix import (
    ANYONE,
    CONTENT,
    EXISTENCE,
    channel,
    nobody,
    planter,
)
from commonroom.profiles.tests.leak_channels import profile_rule
from commonroom.search.indexing import index
from commonroom.search.query import parse
from commonroom.search.selectors import SearchFilters, search


@planter("search")
def plant_search(world, spec, community):
    index(community)
    # Everyone made since the last community (its people, the forum's authors).
    done = world.extras.setdefault(("search", "indexed"), set())
    people = list(get_user_model().objects.exclude(pk__in=done))
    index(*people)
    done.update(person.pk for person in people)


def _reader(client):
    user_id = client.session.get("_auth_user_id")
    if user_id is None:
        return AnonymousUser()
    return get_user_model().objects.get(pk=user_id)


def _results(client, words: str, **filters):
    return search(_reader(client), parse(words), filters=SearchFilters(**filters))


def _listing(results) -> str:
    lines = [f"{results.total} results"]
    for hit in results.hits:
        lines += [hit.title, strip_tags(hit.snippet)]
    return "\n".join(lines)


def _respond(text: str) -> HttpResponse:
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


def _listing_of(words):
    def fetch(client, world, spec):
        return _respond(_listing(_results(client, words(spec))))

    return fetch


def _mark(spec, what: str) -> str:
    return f"leakmark-{spec.key}-{what}"


def _words(spec, what: str) -> str:
    return _mark(spec, what).replace("-", " ")


def _url(world, spec):
    return "/search/"


channel(
    name="search: result list",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "thread"),
    fetch=_listing_of(lambda spec: _words(spec, "thread")),
)(_url)

channel(
    name="search: snippets",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "reply"),
    fetch=_listing_of(lambda spec: _words(spec, "reply")),
)(lambda world, spec: "/search/?snippets")


def _count_fetch(world, spec, client):
    results = _results(client, _words(spec, "thread-body"))
    return _respond(_mark(spec, "thread-body") if results.total else "none")


channel(
    name="search: result count",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "thread-body"),
    fetch=lambda client, world, spec: _count_fetch(world, spec, client),
)(lambda world, spec: "/search/?count")


def _kind_count_fetch(client, world, spec):
    # Filtered to people, so the list itself is empty: only the count of
    # discussions could tell.
    results = _results(client, _words(spec, "unanswered"), kinds=("person",))
    shown = results.kind_counts.get("thread") and not results.hits
    return _respond(_mark(spec, "unanswered") if shown else "none")


channel(
    name="search: counts per kind",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "unanswered"),
    fetch=_kind_count_fetch,
)(lambda world, spec: "/search/?kinds")


for _what in ("hidden-reply", "hidden-thread", "deleted-reply", "deleted-thread"):
    channel(
        name=f"search: a {_what.replace('-', ' ')} is found by nobody",
        level=ANYONE,
        extra_rule=nobody,
        marker=lambda world, spec, what=_what: _mark(spec, what),
        fetch=_listing_of(lambda spec, what=_what: _words(spec, what)),
    )(lambda world, spec: "/search/?removed")

channel(
    name="search: an earlier version is found by nobody",
    level=ANYONE,
    extra_rule=nobody,
    marker=lambda world, spec: _mark(spec, "old-version"),
    fetch=_listing_of(lambda spec: _words(spec, "old-version")),
)(lambda world, spec: "/search/?versions")

channel(
    name="search: a community's purpose",
    level=EXISTENCE,
    marker=lambda world, spec: _mark(spec, "purpose"),
    fetch=_listing_of(lambda spec: _words(spec, "purpose")),
)(lambda world, spec: "/search/?communities")

channel(
    name="search: a person's job title follows the profile rule",
    level=ANYONE,
    marker=lambda world, spec: _mark(spec, "job-title"),
    extra_rule=profile_rule,
    fetch=_listing_of(lambda spec: _words(spec, "job-title")),
)(lambda world, spec: "/search/?people")
