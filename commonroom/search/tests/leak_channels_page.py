"""The search page's own channels in the leak matrix: "who knows about this?".

The planter gives each community of the world a member with a marked name who
asked a question on a topic word of that community alone (``zq<key>topic``)
and whose answer there was accepted. Asking who knows about that topic, on the
search page and in the people finder, must name them exactly to those who may
read the community: contributions in a community nobody else may read never
count. Visitors see no people at all.

The search index's channels in ``search/tests/leak_channels.py`` ask the
selector; the page's below ask ``/search/`` itself for the same markers: its
result list, its snippets (marks removed), its count of results and its
counts per kind.
"""

import re

from django.http import HttpResponse
from django.utils.html import strip_tags

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.models import Membership
from commonroom.core.testing.leak_matrix import CONTENT, body_of, channel, planter
from commonroom.forums.services import threads as services


def topic(spec) -> str:
    # One word (letters only), which neither the expert's name nor any other
    # marker contains, so only the expert's posts match it.
    return f"zq{spec.key}topic"


def expert_name(spec) -> str:
    return f"leakmark-{spec.key}-expert"


def _member_of(community, user) -> None:
    if community.parent_id is not None:
        Membership.objects.get_or_create(community_id=community.parent_id, user=user)
    Membership.objects.create(community=community, user=user)


@planter("search experts")
def plant_expert(world, spec, community):
    expert = UserFactory(
        full_name=world.plant(expert_name(spec), readable=spec.status != "pending"),
        email=f"expert.{spec.key}@leeds.gov.uk",
    )
    _member_of(community, expert)
    asker = world.person(spec, "member")
    question = services.create_thread(
        actor=asker,
        community=community,
        title=f"Who has a view on {topic(spec)}?",
        body="Asking for the team.",
        kind="question",
    )
    answer = services.post_reply(
        actor=expert, thread=question, body=f"We wrote a policy on {topic(spec)}."
    )
    services.accept_answer(actor=asker, thread=question, reply=answer)


def _signed_in(role, spec) -> bool:
    return role != "visitor"


@channel(
    name="search page: people who know about a topic",
    level=CONTENT,
    marker=lambda world, spec: expert_name(spec),
    extra_rule=_signed_in,
)
def search_experts(world, spec):
    return f"/search/?q={topic(spec)}&kind=person"


@channel(
    name="people finder: who knows about a topic",
    level=CONTENT,
    marker=lambda world, spec: expert_name(spec),
    extra_rule=_signed_in,
)
def finder_experts(world, spec):
    return f"/people/?topic={topic(spec)}"


# The results page -------------------------------------------------------------


def _mark(spec, what: str) -> str:
    return f"leakmark-{spec.key}-{what}"


def _query(spec, what: str) -> str:
    return _mark(spec, what).replace("-", "+")


def _text(client, url: str) -> str:
    """The page's text, tags (and so the snippets' marks) removed."""
    return strip_tags(body_of(client.get(url)))


def _respond(text: str) -> HttpResponse:
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


def _page(what: str):
    def fetch(client, world, spec):
        return _respond(_text(client, f"/search/?q={_query(spec, what)}"))

    return fetch


channel(
    name="search page: result list",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "thread"),
    fetch=_page("thread"),
)(lambda world, spec: "/search/")

channel(
    name="search page: snippets",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "reply"),
    fetch=_page("reply"),
)(lambda world, spec: "/search/")


def _count(client, world, spec):
    text = _text(client, f"/search/?q={_query(spec, 'thread-body')}&kind=community")
    found = re.search(r"Everything \((\d+)\)", text)
    return _respond(_mark(spec, "thread-body") if found and int(found[1]) else "none")


channel(
    name="search page: result count",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "thread-body"),
    fetch=_count,
)(lambda world, spec: "/search/")


def _kind_count(client, world, spec):
    # Filtered to communities, so the list itself is empty: only the count of
    # discussions could tell.
    text = _text(client, f"/search/?q={_query(spec, 'unanswered')}&kind=community")
    found = re.search(r"Discussions \((\d+)\)", text)
    return _respond(_mark(spec, "unanswered") if found and int(found[1]) else "none")


channel(
    name="search page: counts per kind",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "unanswered"),
    fetch=_kind_count,
)(lambda world, spec: "/search/")
