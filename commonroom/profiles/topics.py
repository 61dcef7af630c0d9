"""Who knows about a topic, for the people finder, found by search.

Search sits above profiles (it indexes people), so profiles cannot import it.
Search hands over its ranking at start-up instead (``register_topic_ranking``,
in ``search/apps.py``): ``search.experts.ranked_authors``.
"""

from collections.abc import Callable

# ranker(viewer, query text, limit=) -> [(user id, evidence)], best first; each
# evidence has describe(topic) -> "3 accepted answers on “topic”".
TopicRanking = Callable[..., list]

_ranking: TopicRanking | None = None


def register_topic_ranking(ranking: TopicRanking | None) -> None:
    global _ranking
    _ranking = ranking


def ranked_on_topic(viewer, topic: str, *, limit: int) -> list:
    """The people who have written most on ``topic`` that ``viewer`` may read,
    best first, with their evidence (listed or not: the caller filters)."""
    if _ranking is None:
        raise LookupError("No topic ranking: search registers it")
    return _ranking(viewer, topic, limit=limit)
