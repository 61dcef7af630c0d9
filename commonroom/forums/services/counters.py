"""The counters kept on threads and communities, and rebuilding them.

Services change counters as they go (a reply adds one); when a post is deleted,
hidden or restored its thread is recounted and the community's post count moves
by the posts that left or came back (``F() +/-``), so the cost does not grow
with the community. The ``rebuild_forum_counts`` command recomputes every
counter from scratch, in a fixed number of statements however many threads
there are; a community's post count is rebuilt as the sum of every kind's share
(``content/counters.py``), so the forums' share never overwrites another's.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, IntegerField, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest

from commonroom.content.counters import (
    add_to_post_count,
    rebuild_community_post_counts,
)
from commonroom.content.models import Reaction
from commonroom.forums.models import Reply, Thread, ThreadVisit

LIVE = Q(deleted_at__isnull=True, hidden_at__isnull=True)


def _per_row(rows, *, by: str, aggregate=None):
    """``aggregate`` of ``rows`` grouped by ``by`` (the outer row's key), as a
    value for ``update()``: 0 where there are none."""
    return Coalesce(
        Subquery(
            rows.order_by().values(by).annotate(n=aggregate or Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _latest_live_reply(thread_ref):
    return Reply.objects.filter(LIVE, thread=thread_ref).order_by("-position")


def refresh_thread(thread_id: int) -> None:
    """Recompute one thread's reply count and latest activity."""
    Thread.objects.filter(pk=thread_id).update(**_thread_counter_expressions())


def _thread_counter_expressions() -> dict:
    latest = _latest_live_reply(OuterRef("pk"))
    return {
        "reply_count": _per_row(
            Reply.objects.filter(LIVE, thread=OuterRef("pk")), by="thread"
        ),
        "last_activity_at": Greatest(
            F("created_at"),
            Coalesce(Subquery(latest.values("created_at")[:1]), F("created_at")),
        ),
        "last_reply_by": Subquery(latest.values("author")[:1]),
    }


def threads_post_count():
    """The forums' threads' share of a community's post count: live threads."""
    return _per_row(
        Thread.objects.filter(LIVE, community=OuterRef("pk")), by="community"
    )


def replies_post_count():
    """The replies' share: live replies in live threads."""
    return _per_row(
        Reply.objects.filter(
            LIVE,
            community=OuterRef("pk"),
            thread__deleted_at__isnull=True,
            thread__hidden_at__isnull=True,
        ),
        by="community",
    )


def thread_posts(thread_id: int) -> int:
    """How many of a community's posts a live thread accounts for: itself and
    its live replies (its reply count)."""
    reply_count = (
        Thread.objects.filter(pk=thread_id).values_list("reply_count", flat=True).get()
    )
    return 1 + reply_count


def reply_visibility_changed(reply: Reply, *, was_live: bool = True) -> None:
    if reply.deleted_at is not None:
        Thread.objects.filter(pk=reply.thread_id, accepted_answer=reply).update(
            accepted_answer=None
        )
    refresh_thread(reply.thread_id)
    if was_live == reply.is_live:
        return
    thread_is_live = Thread.objects.filter(LIVE, pk=reply.thread_id).exists()
    if thread_is_live:
        add_to_post_count(reply.community_id, 1 if reply.is_live else -1)


def thread_visibility_changed(thread: Thread, *, was_live: bool = True) -> None:
    if was_live == thread.is_live:
        return
    posts = thread_posts(thread.pk)
    add_to_post_count(thread.community_id, posts if thread.is_live else -posts)


def thread_moved(thread: Thread, *, source_id: int) -> None:
    """The thread and its live replies leave one community's count for another."""
    if not thread.is_live:
        return
    posts = thread_posts(thread.pk)
    add_to_post_count(source_id, -posts)
    add_to_post_count(thread.community_id, posts)


def rebuild_all(*, progress=print) -> None:
    """Recompute every forum counter from the rows it counts."""
    progress("Reply counts, latest activity and numbering of threads…")
    Thread.objects.update(
        **_thread_counter_expressions(),
        last_position=_per_row(
            Reply.objects.filter(thread=OuterRef("pk")),
            by="thread",
            aggregate=Max("position"),
        ),
    )
    progress("View counts…")
    Thread.objects.update(
        view_count=_per_row(
            ThreadVisit.objects.filter(thread=OuterRef("pk")), by="thread"
        )
    )
    for model in (Thread, Reply):
        progress(f"“Helpful” counts of {model._meta.verbose_name_plural}…")
        content_type = ContentType.objects.get_for_model(model)
        model.objects.update(
            helpful_count=_per_row(
                Reaction.objects.filter(
                    content_type=content_type,
                    object_id=OuterRef("pk"),
                    kind=Reaction.Kind.HELPFUL,
                ),
                by="object_id",
            )
        )
    progress("Post counts of communities (every kind's share)…")
    rebuild_community_post_counts()
