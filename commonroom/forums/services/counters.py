"""The counters kept on threads and communities, and rebuilding them.

Services change counters as they go (a reply adds one); when a post is deleted,
hidden or restored the affected counters are recomputed from the rows. The
``rebuild_forum_counts`` command recomputes every counter from scratch, in a
fixed number of statements however many threads there are.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, IntegerField, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest

from commonroom.communities.models import Community
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


def refresh_community_post_count(community_id: int) -> None:
    """Posts people can read: live threads and their live replies."""
    threads = Thread.objects.filter(LIVE, community_id=community_id)
    replies = Reply.objects.filter(
        LIVE,
        community_id=community_id,
        thread__deleted_at__isnull=True,
        thread__hidden_at__isnull=True,
    )
    Community.objects.filter(pk=community_id).update(
        post_count=threads.count() + replies.count()
    )


def reply_visibility_changed(reply: Reply) -> None:
    if reply.deleted_at is not None:
        Thread.objects.filter(pk=reply.thread_id, accepted_answer=reply).update(
            accepted_answer=None
        )
    refresh_thread(reply.thread_id)
    refresh_community_post_count(reply.community_id)


def thread_visibility_changed(thread: Thread) -> None:
    refresh_community_post_count(thread.community_id)


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
    progress("Post counts of communities…")
    Community.objects.update(
        post_count=_per_row(
            Thread.objects.filter(LIVE, community=OuterRef("pk")), by="community"
        )
        + _per_row(
            Reply.objects.filter(
                LIVE,
                community=OuterRef("pk"),
                thread__deleted_at__isnull=True,
                thread__hidden_at__isnull=True,
            ),
            by="community",
        )
    )
