"""Forum threads and replies in the content registry."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commonroom.activity.verbs import ACTIVITY, MODERATION
from commonroom.content.registry import (
    ContentKind,
    SearchDocument,
    plain_text,
    register_contained,
    register_kind,
)
from commonroom.forums import permissions
from commonroom.forums.models import Reply, Thread


def thread_url(thread: Thread) -> str:
    return reverse("forum-thread", args=[thread.community.slug, thread.pk])


def reply_url(reply: Reply) -> str:
    return reverse(
        "forum-reply", args=[reply.community.slug, reply.thread_id, reply.pk]
    )


def _after_thread_change(thread: Thread, *, was_live: bool = True) -> None:
    from commonroom.forums.services.counters import thread_visibility_changed

    thread_visibility_changed(thread, was_live=was_live)


def _after_reply_change(reply: Reply, *, was_live: bool = True) -> None:
    from commonroom.forums.services.counters import reply_visibility_changed

    reply_visibility_changed(reply, was_live=was_live)


def _thread_post_count():
    from commonroom.forums.services.counters import threads_post_count

    return threads_post_count()


def _reply_post_count():
    from commonroom.forums.services.counters import replies_post_count

    return replies_post_count()


def _thread_search_document(thread: Thread) -> SearchDocument:
    return SearchDocument(
        title=thread.title,
        body=plain_text(thread),
        tags=tuple(tag.name for tag in thread.tags),
        evidence="question" if thread.is_question else "discussion",
    )


def _reply_search_document(reply: Reply) -> SearchDocument:
    """A reply is found by what it says; its thread's title names it in lists.

    Its evidence for "who knows about this?" is the best it has earned: the
    accepted answer, a reply others marked helpful, or a plain reply.
    """
    if reply.thread.accepted_answer_id == reply.pk:
        evidence = "accepted_answer"
    elif reply.helpful_count:
        evidence = "helpful_reply"
    else:
        evidence = "reply"
    return SearchDocument(title="", body=plain_text(reply), evidence=evidence)


def _thread_edit_form():
    from commonroom.forums.forms import ThreadEditForm

    return ThreadEditForm


def _reply_edit_form():
    from commonroom.forums.forms import ReplyEditForm

    return ReplyEditForm


THREAD = register_kind(
    ContentKind(
        name="thread",
        model=Thread,
        label=_("discussion"),
        label_plural=_("discussions"),
        url=thread_url,
        title=lambda thread: thread.title,
        search_fields=("title", "body"),
        search_document=_thread_search_document,
        tagged=True,
        editable_fields=("title", "body"),
        can_edit=permissions.can_edit_post,
        can_delete=permissions.can_delete_post,
        edit_form=_thread_edit_form,
        after_visibility_change=_after_thread_change,
        community_post_count=_thread_post_count,
    )
)

REPLY = register_kind(
    ContentKind(
        name="reply",
        model=Reply,
        label=_("reply"),
        label_plural=_("replies"),
        url=reply_url,
        title=lambda reply: _("Reply to “%(title)s”") % {"title": reply.thread.title},
        select_related=("community", "author", "thread"),
        search_document=_reply_search_document,
        container="thread",
        can_edit=permissions.can_edit_post,
        can_delete=permissions.can_delete_post,
        edit_form=_reply_edit_form,
        after_visibility_change=_after_reply_change,
        community_post_count=_reply_post_count,
    )
)

register_contained(Thread, lambda thread: Reply.objects.filter(thread=thread))


class ForumVerb:
    """Activity verbs only forums have (the shared ones are ``activity.verbs.Verb``)."""

    REPLIED = ACTIVITY.register("replied", _("replied to"))
    ACCEPTED_ANSWER = ACTIVITY.register("accepted_answer", _("accepted an answer to"))
    CLEARED_ANSWER = ACTIVITY.register(
        "cleared_answer", _("cleared the accepted answer of")
    )
    FOLLOWED = ACTIVITY.register("followed", _("followed"))
    UNFOLLOWED = ACTIVITY.register("unfollowed", _("stopped following"))
    PINNED = ACTIVITY.register("pinned", _("pinned"))
    UNPINNED = ACTIVITY.register("unpinned", _("unpinned"))
    LOCKED = ACTIVITY.register("locked", _("locked"))
    UNLOCKED = ACTIVITY.register("unlocked", _("unlocked"))


class ForumAction:
    """Moderation actions only forums have (shared ones: ``activity.verbs.Action``)."""

    PINNED = MODERATION.register("pinned", _("Pinned"))
    UNPINNED = MODERATION.register("unpinned", _("Unpinned"))
    LOCKED = MODERATION.register("locked", _("Locked"))
    UNLOCKED = MODERATION.register("unlocked", _("Unlocked"))
    ACCEPTED_ANSWER = MODERATION.register("accepted_answer", _("Accepted an answer"))
