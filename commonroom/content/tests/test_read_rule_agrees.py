"""Every kind's read rule gives the same answer as a queryset and as a check.

``Model.objects.readable_by(user)`` and ``can_read_content(user, obj)`` both
derive from the kind's one definition in the access kernel; this walks every
registered kind, as every role, through every state, and requires that the two
forms agree — and that the answer is the rule (decision 0005): deleted content
is gone for everyone, hidden content stays visible to the community's
facilitators only, and contained content needs its container readable.
"""

import pytest
from django.utils import timezone

from commonroom.communities.access import can_read_content
from commonroom.communities.models import Community
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.communities.tests.people import ROLES, fresh, people_in_every_role
from commonroom.content.registry import kinds
from commonroom.forums.models import Reply, Thread
from commonroom.forums.tests.factories import reply_to, start_thread

STATES = (
    "live",
    "hidden",
    "deleted",
    "container hidden",
    "container deleted",
    "community archived",
    "community pending",
    "moved",
)
# Who may read, in an open community (signed-in members read open content).
EXPECTED = {
    "live": {"member elsewhere", "member", "facilitator", "removed", "administrator"},
    "hidden": {"facilitator"},
    "deleted": set(),
    "container hidden": {"facilitator"},
    "container deleted": set(),
    "community archived": {
        "member elsewhere",
        "member",
        "facilitator",
        "removed",
        "administrator",
    },
    "community pending": set(),
    # Moved into a private community none of these people belong to.
    "moved": set(),
}


def _world(state):
    community = CommunityFactory(visibility=Community.Visibility.OPEN)
    people = people_in_every_role(community)
    thread = start_thread(community)
    reply = reply_to(thread)
    items = {Thread: thread, Reply: reply}
    now = timezone.now()
    target_models = [Thread, Reply] if state in ("hidden", "deleted") else []
    if state in ("hidden", "deleted"):
        for model in target_models:
            model.objects.filter(pk=items[model].pk).update(**{f"{state}_at": now})
    elif state == "container hidden":
        Thread.objects.filter(pk=thread.pk).update(hidden_at=now)
    elif state == "container deleted":
        Thread.objects.filter(pk=thread.pk).update(deleted_at=now)
    elif state == "community archived":
        Community.objects.filter(pk=community.pk).update(
            status=Community.Status.ARCHIVED
        )
    elif state == "community pending":
        Community.objects.filter(pk=community.pk).update(
            status=Community.Status.PENDING
        )
    elif state == "moved":
        private = CommunityFactory(visibility=Community.Visibility.PRIVATE)
        Thread.objects.filter(pk=thread.pk).update(community=private)
        Reply.objects.filter(thread=thread).update(community=private)
    return people, items


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("kind", [kind.name for kind in kinds()])
def test_queryset_and_check_agree_for_every_kind_role_and_state(kind, state):
    registered = {k.name: k for k in kinds()}[kind]
    people, items = _world(state)
    # For a kind without a container (the thread), the "container" states
    # hide or delete the thread itself: plain hidden or deleted.
    obj = items[registered.model]
    for role in ROLES:
        viewer = fresh(people[role])
        in_queryset = (
            registered.model.objects.readable_by(viewer).filter(pk=obj.pk).exists()
        )
        viewer = fresh(people[role])
        checked = can_read_content(
            viewer,
            registered.model.objects.select_related(*registered.select_related).get(
                pk=obj.pk
            ),
        )
        assert in_queryset == checked, (kind, state, role, in_queryset, checked)
        assert checked == (role in EXPECTED[state]), (kind, state, role)
