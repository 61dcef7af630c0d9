"""The search page's own channels in the leak matrix: "who knows about this?".

The planter gives each community of the world a member with a marked name who
asked a question on a topic word of that community alone (``zq<key>topic``)
and whose answer there was accepted. Asking who knows about that topic, on the
search page and in the people finder, must name them exactly to those who may
read the community: contributions in a community nobody else may read never
count. Visitors see no people at all.

The search index's own channels (result lists, snippets, counts) are
registered in ``search/tests/leak_channels.py``.
"""

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.models import Membership
from commonroom.core.testing.leak_matrix import CONTENT, channel, planter
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
