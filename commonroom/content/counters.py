"""Counters a community keeps over every kind of its content.

Each registered kind contributes its share of a community's post count
(``ContentKind.community_post_count``: an expression counting that kind's
readable posts of the community ``OuterRef("pk")``). The community's count is
the sum over kinds, so rebuilding one kind never overwrites another's share.
Services keep the count right as they go with ``add_to_post_count``; the
rebuild is the from-scratch check.
"""

from django.db.models import F, Value

from commonroom.communities.models import Community
from commonroom.content.registry import kinds


def add_to_post_count(community_id: int, amount) -> None:
    """Add ``amount`` (negative to subtract; an int or an expression) to one
    community's post count, in one statement whatever its size."""
    Community.objects.filter(pk=community_id).update(
        post_count=F("post_count") + amount
    )


def rebuild_community_post_counts() -> None:
    """Every community's post count, the sum of every kind's share."""
    shares = [
        kind.community_post_count()
        for kind in kinds()
        if kind.community_post_count is not None
    ]
    total = Value(0)
    for share in shares:
        total = total + share
    Community.objects.update(post_count=total)
