"""Reads for the forum: thread lists, thread pages, the hub's slots.

Every read starts from a community the access kernel has let the viewer read,
and keeps to live content (``ContentQuerySet.live``). The thread page loads its
replies by number (``Reply.position``), so any page — the first or the
five-hundredth — is one indexed range query.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import (
    Case,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from commonroom.communities import access
from commonroom.communities.models import Community
from commonroom.content.attachments import attachments_for
from commonroom.content.selectors import key_of, marked_helpful_by
from commonroom.core.prepared import PreparedQuery
from commonroom.forums import permissions
from commonroom.forums.models import (
    REPLIES_PER_PAGE,
    Reply,
    Thread,
    ThreadFollow,
    ThreadVisit,
)
from commonroom.profiles.permissions import (
    details_visible_among,
    withhold_details,
)

HUB_THREADS = 5
LIST_FIELDS = (
    "community_id",
    "title",
    "kind",
    "accepted_answer_id",
    "is_pinned",
    "is_locked",
    "reply_count",
    "view_count",
    "helpful_count",
    "last_position",
    "last_activity_at",
    "created_at",
    "deleted_at",
    "hidden_at",
    "author__full_name",
    "last_reply_by__full_name",
)

FILTERS = {
    "all": {},
    "questions": {"kind": Thread.Kind.QUESTION},
    "unanswered": {"kind": Thread.Kind.QUESTION, "accepted_answer__isnull": True},
}


def thread_list(*, viewer, community: Community, show: str = "all") -> QuerySet[Thread]:
    """The community's live threads, pinned first, then most recently active.

    Callers have checked that the viewer may read the community; the access
    kernel checks it again here, in Python. For live threads of a readable
    community its SQL rule (``readable_by``) is always true, and joining the
    community into the query would stop PostgreSQL from counting, paging and
    taking the hub's latest threads from the partial indexes alone.
    """
    if not access.can_read_community(viewer, community):
        return Thread.objects.none()
    return (
        Thread.objects.live()
        .filter(community=community, **FILTERS.get(show, {}))
        .select_related("author", "last_reply_by")
        .only(*LIST_FIELDS)
        .order_by("-is_pinned", "-last_activity_at", "-pk")
    )


def fragment_now() -> datetime:
    """The time a fragment says "… ago" from: this minute, so that a row stays
    the same fragment (``core.fragments``) for a minute, and "ago" is as
    precise as it reads."""
    return timezone.now().replace(second=0, microsecond=0)


def row_values(thread: Thread, *, list_url: str, now: datetime) -> dict:
    """What a row of a thread list shows (``forums/_thread_row.html``), as the
    plain values a fragment is rendered from."""
    return {
        "url": f"{list_url}{thread.pk}/",
        "title": thread.title,
        "pinned": thread.is_pinned,
        "question": thread.kind == Thread.Kind.QUESTION,
        "answered": thread.accepted_answer_id is not None,
        "locked": thread.is_locked,
        "author_name": thread.author.full_name if thread.author else "",
        "reply_count": thread.reply_count,
        "view_count": thread.view_count,
        "last_reply_name": (
            thread.last_reply_by.full_name if thread.last_reply_by else None
        ),
        "last_activity_at": thread.last_activity_at,
        "created_at": thread.created_at,
        "page_count": thread.page_count,
        "now": now,
    }


def _thread_query(signed_in: bool, *, thread_id: int, user_id: int = 0):
    threads = Thread.objects.select_related(
        "community__parent__parent",
        "author__profile__organisation",
    )
    if signed_in:
        # Whether the member has been here before (``record_visit``) and
        # follows the thread (``thread_page``), in the same query.
        threads = threads.annotate(
            viewer_has_visited=Exists(
                ThreadVisit.objects.filter(thread=OuterRef("pk"), user_id=user_id)
            ),
            viewer_follows=Exists(
                ThreadFollow.objects.filter(thread=OuterRef("pk"), user_id=user_id)
            ),
        )
    return threads.filter(pk=thread_id)


_THREAD = PreparedQuery(_thread_query)


def get_thread(*, viewer, community_slug: str, thread_id: int) -> Thread:
    """A thread the viewer may read, with what its page shows at the top.

    A thread moved to another community raises ``ThreadMoved`` (when the viewer
    may read it where it is now) so the old address can redirect.
    """
    if viewer.is_authenticated:
        found = _THREAD(True, thread_id=thread_id, user_id=viewer.pk)
    else:
        found = _THREAD(False, thread_id=thread_id)
    if not found:
        raise Http404("No thread here")
    thread = found[0]
    if thread.community.slug != community_slug:
        if access.can_read_content(viewer, thread):
            raise ThreadMoved(thread)
        raise Http404("No thread here")
    access.check_read_content(viewer, thread)
    return thread


class ThreadMoved(Exception):
    def __init__(self, thread: Thread):
        super().__init__(thread.pk)
        self.thread = thread


def get_reply(*, thread: Thread, reply_id: int) -> Reply:
    return get_object_or_404(
        Reply.objects.select_related("community", "author", "thread"),
        pk=reply_id,
        thread=thread,
    )


def quoted_reply(*, thread: Thread, reply_id: int | None) -> Reply | None:
    """The reply a new reply quotes, if it is one of this thread's."""
    if not reply_id:
        return None
    return Reply.objects.filter(pk=reply_id, thread=thread).first()


@dataclass(frozen=True)
class ThreadPage:
    thread: Thread
    number: int
    page_count: int
    replies: list[Reply]
    accepted_answer: Reply | None
    is_following: bool


# What a reply on a thread page shows, and no more: each page builds twenty of
# these, each with its author, their profile and organisation, and the reply it
# quotes. The Markdown source is left behind; quoting a reply loads it. The
# rendered text comes through ``_shown_html``, never as the column itself.
REPLY_FIELDS = (
    "community_id",
    "thread_id",
    "position",
    "created_at",
    "edited_at",
    "edit_count",
    "helpful_count",
    "deleted_at",
    "hidden_at",
    "author__full_name",
    "author__profile__job_title",
    "author__profile__privacy",
    "author__profile__organisation__name",
    "quote_of__position",
    "quote_of__author__full_name",
)


def _replies_query(facilitates: bool, **where):
    """A thread's replies by ``thread_id`` and a ``first``/``last`` position,
    or one by ``pk``, with the text the reader may see (``_shown_html``)."""
    replies = (
        Reply.objects.select_related(
            "author__profile__organisation", "quote_of__author"
        )
        .only(*REPLY_FIELDS)
        .annotate(shown_html=_shown_html(facilitates))
        .filter(thread_id=where["thread_id"])
    )
    if "pk" in where:
        return replies.filter(pk=where["pk"]).order_by()
    # The limit is what keeps this one short index range however long the
    # thread: without it PostgreSQL reckons that positions 1 to 20 (which
    # every thread has) are thousands of rows, and on page 1 filters the
    # whole thread and hashes every reply to join the quoted ones.
    return replies.filter(position__range=(where["first"], where["last"])).order_by(
        "position"
    )[:REPLIES_PER_PAGE]


_REPLIES = PreparedQuery(_replies_query)


def _shown_html(facilitates: bool) -> Case:
    """The rendered text of replies the viewer may read, and "" for the rest.

    A deleted reply's text is gone for everyone, and a hidden one's for all
    but the community's facilitators: the database hands back an empty string
    in their place, so the words never reach the page, its context or a cache.
    """
    shown = Q(deleted_at__isnull=True)
    if not facilitates:
        shown &= Q(hidden_at__isnull=True)
    return Case(
        When(shown, then=F("body_html")),
        default=Value(""),
        output_field=TextField(),
    )


def thread_page(*, viewer, thread: Thread, number: int) -> ThreadPage:
    """Page ``number`` of the thread's replies, and what each post needs.

    At most five queries whatever the page or the number of replies: the
    replies, the accepted answer (only when it is on another page),
    attachments, the viewer's "helpful" marks (only when signed in and
    someone has marked a post on the page) and which authors share a
    community with the viewer (only when an author on the page shows their
    details to those alone). Whether the viewer follows the thread came with
    it from ``get_thread``. Each
    post carries what the viewer may do with it (``forums.permissions.
    post_flags``); hidden and deleted replies come without their text unless
    the viewer may read it.
    """
    page_count = thread.page_count
    number = min(max(number, 1), page_count)
    first = (number - 1) * REPLIES_PER_PAGE + 1
    facilitates = access.can_facilitate(viewer, thread.community)
    replies = _REPLIES(
        facilitates,
        thread_id=thread.pk,
        first=first,
        last=first + REPLIES_PER_PAGE - 1,
    )
    # The accepted answer shows under the question on every page: from this
    # page's replies when it is one of them, or in a query of its own (joining
    # it into the thread's query cost PostgreSQL more to plan than to run).
    accepted = None
    if thread.accepted_answer_id:
        accepted = next(
            (reply for reply in replies if reply.pk == thread.accepted_answer_id),
            None,
        ) or next(
            iter(
                _REPLIES(facilitates, thread_id=thread.pk, pk=thread.accepted_answer_id)
            ),
            None,
        )
    for reply in (*replies, accepted):
        if reply is not None:
            reply.body_html = reply.shown_html
    if accepted is not None and not accepted.is_live:
        accepted = None
    others = [reply for reply in replies if reply is not accepted]
    if accepted is not None:
        others.append(accepted)
    for reply in others:
        # Every reply on the page is in this thread and its community: the
        # permission flags below read them without a query each.
        reply.thread = thread
        reply.community = thread.community
    permissions.post_flags(viewer, thread=thread, replies=others)
    # Each post's addresses for the post card (content/_post.html), built
    # from the thread's so that a page reverses one address, not one a post.
    thread_url = thread.get_absolute_url()
    thread.page_url = thread_url
    thread.is_accepted = False
    for reply in others:
        reply.page_url = f"{thread_url}replies/{reply.pk}/"
        reply.quote_url = f"?page={number}&quote={reply.pk}#reply-form"
        reply.is_accepted = reply.pk == thread.accepted_answer_id
    # The opening post shows on page 1 only.
    opening = thread if number == 1 else None
    posts = [post for post in (opening, *others) if post is not None]
    attachments = attachments_for(posts)
    # Nobody can have marked a post that nobody found helpful.
    helpful = marked_helpful_by(viewer, [post for post in posts if post.helpful_count])
    # Bylines obey the profile page's rule: whose job title this reader sees.
    authors = [post.author for post in posts if post.author is not None]
    details_visible = details_visible_among(viewer, authors)
    for post in posts:
        # What each post shows, looked up once here rather than in templates.
        post.attachment_list = attachments.get(key_of(post), [])
        post.is_marked_helpful = key_of(post) in helpful
        if post.author is not None and post.author.pk not in details_visible:
            withhold_details(post.author)
    is_following = getattr(thread, "viewer_follows", None)
    if is_following is None:
        is_following = (
            viewer.is_authenticated
            and ThreadFollow.objects.filter(thread=thread, user=viewer).exists()
        )
    return ThreadPage(
        thread=thread,
        number=number,
        page_count=page_count,
        replies=replies,
        accepted_answer=accepted,
        is_following=is_following,
    )


# The hub ----------------------------------------------------------------------


def _hub_threads_query(shape: tuple[str, int], *, community_id: int):
    """``thread_list``'s query for one community, and the first ``limit``:
    "latest" by activity alone, or a filter of the list ("unanswered")."""
    show, limit = shape
    threads = (
        Thread.objects.live()
        .filter(community_id=community_id, **FILTERS.get(show, {}))
        .select_related("author", "last_reply_by")
        .only(*LIST_FIELDS)
    )
    if show == "latest":
        return threads.order_by("-last_activity_at", "-pk")[:limit]
    return threads.order_by("-is_pinned", "-last_activity_at", "-pk")[:limit]


_HUB_THREADS = PreparedQuery(_hub_threads_query)


def latest_threads(
    *, viewer, community: Community, limit: int = HUB_THREADS
) -> list[Thread]:
    """Most recently active first, pinned or not."""
    if not access.can_read_community(viewer, community):
        return []
    return _HUB_THREADS(("latest", limit), community_id=community.pk)


def unanswered_questions(
    *, viewer, community: Community, limit: int = HUB_THREADS
) -> list[Thread]:
    """The newest unanswered questions, pinned first (as in the list)."""
    if not access.can_read_community(viewer, community):
        return []
    return _HUB_THREADS(("unanswered", limit), community_id=community.pk)
