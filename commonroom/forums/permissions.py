"""Who may do what with forum threads and replies.

Built on the access kernel (``commonroom.communities.access``), which decides
who reads and facilitates a community; these are the forum's own rules on top
(replying to a locked thread, choosing an answer, pinning, moving). Services
call the ``check_*`` functions; pages are handed the ``can_*`` answers as flags
(``post_flags``), so a link is offered exactly when the page it leads to would
let the person in. Nothing here queries the database beyond what
``access_for`` caches for the request.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonroom.communities import access
from commonroom.content import permissions as content_permissions
from commonroom.forums.models import Reply, Thread
from commonroom.moderation import permissions as moderation_permissions

# Replying -----------------------------------------------------------------------

# The one thing a locked thread says, wherever it says it: the thread page, the
# refusal of a reply sent anyway, and the facilitator's confirmation on locking.
LOCKED_MESSAGE = gettext_lazy(
    "This discussion is locked: only facilitators can reply to it."
)


def can_reply(user, thread: Thread) -> bool:
    """Members who may post; once locked, only the community's facilitators."""
    if not access.can_post_in(user, thread.community):
        return False
    return not thread.is_locked or access.can_facilitate(user, thread.community)


def check_reply(user, thread: Thread) -> None:
    access.check_read_content(user, thread)
    access.check_post_in(user, thread.community)
    if not can_reply(user, thread):
        raise PermissionDenied(str(LOCKED_MESSAGE))


def can_quote(user, reply: Reply) -> bool:
    """Quoting starts a reply, so it needs a reply that is still shown."""
    return reply.is_live and can_reply(user, reply.thread)


# Editing and deleting -------------------------------------------------------------
#
# The registry's ``can_edit`` and ``can_delete`` for threads and replies
# (``forums/kinds.py``): the author while still a member, or a facilitator,
# never in an archived community; the kernel's rule for every post.


def can_edit_post(user, post) -> bool:
    return access.can_edit_content(user, post)


def can_delete_post(user, post) -> bool:
    return access.can_edit_content(user, post)


# Answers --------------------------------------------------------------------------


def can_accept_answer(user, thread: Thread) -> bool:
    """The person who asked, or a facilitator, while the community is live."""
    if not thread.is_question or not access.can_post_in(user, thread.community):
        return False
    return thread.author_id == user.pk or access.can_facilitate(user, thread.community)


def check_accept_answer(user, thread: Thread) -> None:
    access.check_read_content(user, thread)
    if not can_accept_answer(user, thread):
        raise PermissionDenied(
            _("Only the person who asked, or a facilitator, can choose the answer.")
        )


def check_follow(user, thread: Thread) -> None:
    """Anyone signed in who reads the discussion may follow it."""
    access.check_read_content(user, thread)
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to follow discussions."))


# Facilitators' powers -------------------------------------------------------------


def can_manage_thread(user, thread: Thread) -> bool:
    """Pinning, locking and moving are for the community's facilitators."""
    return access.can_read_content(user, thread) and access.can_facilitate(
        user, thread.community
    )


def check_manage_thread(user, thread: Thread) -> None:
    access.check_read_content(user, thread)
    access.check_facilitate(user, thread.community)


def can_move_to(user, community) -> bool:
    """Discussions move only into live communities the person facilitates."""
    return community.status == community.Status.LIVE and access.can_facilitate(
        user, community
    )


def check_move_to(user, community) -> None:
    if not can_move_to(user, community):
        raise PermissionDenied(
            _("You can only move discussions to communities you facilitate.")
        )


# Flags for pages --------------------------------------------------------------------


def post_flags(viewer, *, thread: Thread, replies) -> None:
    """Set what ``viewer`` may do on each post of a thread page, in one pass.

    Templates decide nothing from raw fields: each post carries ``is_shown``
    (its text may be shown), ``can_mark_helpful``, ``can_edit``,
    ``can_delete``, ``can_see_history``, ``can_quote``, ``can_report``,
    ``can_moderate`` and ``can_accept``, worked out by the same functions the
    pages behind those links check. The replies must come with their thread
    and community attached (``selectors.thread_page`` does so), so this runs no
    query.
    """
    from commonroom.content.registry import kind_for

    accept = can_accept_answer(viewer, thread)
    for post in (thread, *replies):
        if post is None:
            continue
        kind = kind_for(post)
        shown = post.deleted_at is None and (
            post.hidden_at is None or access.can_facilitate(viewer, post.community)
        )
        post.is_shown = shown
        post.can_mark_helpful = (
            shown
            and post.author_id != viewer.pk
            and access.can_post_in(viewer, post.community)
        )
        post.can_edit = shown and kind.can_edit(viewer, post)
        post.can_delete = shown and kind.can_delete(viewer, post)
        post.can_see_history = (
            shown
            and bool(post.edit_count)
            and content_permissions.can_see_history(viewer, post)
        )
        post.can_report = shown and moderation_permissions.can_report_content(
            viewer, post
        )
        post.can_moderate = shown and moderation_permissions.can_moderate_content(
            viewer, post
        )
        is_reply = post is not thread
        post.can_quote = shown and is_reply and can_quote(viewer, post)
        post.can_accept = shown and is_reply and accept and post.hidden_at is None
