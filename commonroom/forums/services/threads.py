"""Starting threads, replying, answers, following, and facilitators' powers."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from commonroom.activity.models import Activity
from commonroom.activity.services import record_activity
from commonroom.communities import access
from commonroom.communities.models import Community
from commonroom.content.attachments import attach_files
from commonroom.content.services import move_content, record_mentions, render_body
from commonroom.core import search_index
from commonroom.forums import permissions
from commonroom.forums.kinds import ForumAction, ForumVerb
from commonroom.forums.models import Reply, Thread, ThreadFollow, ThreadVisit
from commonroom.forums.services.counters import thread_moved
from commonroom.moderation.log import log_action
from commonroom.moderation.models import ModerationAction
from commonroom.tags.services import set_tags, tags_for


def _count_post(community_id: int) -> None:
    Community.objects.filter(pk=community_id).update(post_count=F("post_count") + 1)


def create_thread(
    *,
    actor,
    community: Community,
    title: str,
    body: str,
    kind: str = Thread.Kind.DISCUSSION,
    tags: list[str] = (),
    files=(),
) -> Thread:
    access.check_post_in(actor, community)
    with transaction.atomic():
        thread = Thread(
            community=community,
            author=actor,
            title=title,
            body=body,
            kind=kind,
            last_activity_at=timezone.now(),
        )
        mentioned = render_body(thread)
        thread.save()
        if tags:
            set_tags(thread, tags_for(tags, reader=actor))
        attach_files(actor=actor, target=thread, files=files)
        _count_post(community.pk)
        ThreadFollow.objects.create(thread=thread, user=actor)
        record_activity(actor=actor, verb=Activity.Verb.POSTED, target=thread)
        record_mentions(actor=actor, obj=thread, user_ids=mentioned)
        search_index.changed(thread)
    return thread


def post_reply(
    *, actor, thread: Thread, body: str, quote_of: Reply | None = None, files=()
) -> Reply:
    permissions.check_reply(actor, thread)
    if quote_of is not None and (
        quote_of.thread_id != thread.pk or not quote_of.is_live
    ):
        quote_of = None
    with transaction.atomic():
        # Numbers are handed out one at a time, under the thread's row lock.
        position = (
            Thread.objects.select_for_update()
            .values_list("last_position", flat=True)
            .get(pk=thread.pk)
        ) + 1
        now = timezone.now()
        reply = Reply(
            community_id=thread.community_id,
            thread=thread,
            author=actor,
            body=body,
            position=position,
            quote_of=quote_of,
        )
        mentioned = render_body(reply)
        reply.save()
        attach_files(actor=actor, target=reply, files=files)
        Thread.objects.filter(pk=thread.pk).update(
            last_position=position,
            reply_count=F("reply_count") + 1,
            last_activity_at=now,
            last_reply_by=actor,
        )
        _count_post(thread.community_id)
        ThreadFollow.objects.get_or_create(thread=thread, user=actor)
        record_activity(
            actor=actor,
            verb=ForumVerb.REPLIED,
            target=reply,
            recipient=thread.author,
        )
        record_mentions(actor=actor, obj=reply, user_ids=mentioned)
        search_index.changed(reply)
    thread.last_position = position
    return reply


def accept_answer(*, actor, thread: Thread, reply: Reply | None) -> None:
    """Mark ``reply`` as the answer to the question (``None`` to clear it)."""
    permissions.check_accept_answer(actor, thread)
    if reply is not None and (reply.thread_id != thread.pk or not reply.is_live):
        raise ValidationError(_("That reply is not part of this question."))
    with transaction.atomic():
        previous = thread.accepted_answer_id
        thread.accepted_answer = reply
        thread.save(update_fields=["accepted_answer", "updated_at"])
        # The answer's evidence for "who knows about this?" changes.
        search_index.changed(
            *Reply.objects.filter(
                pk__in=[previous, reply.pk if reply else None]
            ).select_related("thread", "community", "author__profile")
        )
        if reply is not None:
            record_activity(
                actor=actor,
                verb=ForumVerb.ACCEPTED_ANSWER,
                target=thread,
                recipient=reply.author,
                reply=reply.pk,
            )
        else:
            record_activity(actor=actor, verb=ForumVerb.CLEARED_ANSWER, target=thread)
        if thread.author_id != actor.pk:
            log_action(
                actor=actor,
                action=ForumAction.ACCEPTED_ANSWER,
                target=thread,
                reply=reply.pk if reply else None,
            )


def set_following(*, actor, thread: Thread, following: bool) -> None:
    permissions.check_follow(actor, thread)
    if following:
        _follow, created = ThreadFollow.objects.get_or_create(thread=thread, user=actor)
        if created:
            record_activity(actor=actor, verb=ForumVerb.FOLLOWED, target=thread)
    else:
        deleted, _by_model = ThreadFollow.objects.filter(
            thread=thread, user=actor
        ).delete()
        if deleted:
            record_activity(actor=actor, verb=ForumVerb.UNFOLLOWED, target=thread)


def record_visit(*, viewer, thread: Thread) -> None:
    """Count a member's first visit to a thread; later visits write nothing.

    ``get_thread`` already asked whether the member has been here
    (``viewer_has_visited``), so a later visit costs no query at all.
    """
    if not viewer.is_authenticated or getattr(thread, "viewer_has_visited", False):
        return
    _visit, created = ThreadVisit.objects.get_or_create(thread=thread, user=viewer)
    if created:
        Thread.objects.filter(pk=thread.pk).update(view_count=F("view_count") + 1)
        thread.view_count += 1


def _facilitator_change(*, actor, thread: Thread, field: str, value: bool, verbs):
    permissions.check_manage_thread(actor, thread)
    if getattr(thread, field) == value:
        return
    activity_verb, log_verb = verbs
    with transaction.atomic():
        setattr(thread, field, value)
        thread.save(update_fields=[field, "updated_at"])
        record_activity(actor=actor, verb=activity_verb, target=thread)
        log_action(actor=actor, action=log_verb, target=thread)


def set_pinned(*, actor, thread: Thread, pinned: bool) -> None:
    verbs = (
        (ForumVerb.PINNED, ForumAction.PINNED)
        if pinned
        else (ForumVerb.UNPINNED, ForumAction.UNPINNED)
    )
    _facilitator_change(
        actor=actor, thread=thread, field="is_pinned", value=pinned, verbs=verbs
    )


def set_locked(*, actor, thread: Thread, locked: bool) -> None:
    verbs = (
        (ForumVerb.LOCKED, ForumAction.LOCKED)
        if locked
        else (ForumVerb.UNLOCKED, ForumAction.UNLOCKED)
    )
    _facilitator_change(
        actor=actor, thread=thread, field="is_locked", value=locked, verbs=verbs
    )


def move_targets(actor, thread: Thread) -> list[Community]:
    """Live communities the person facilitates, other than the thread's own."""
    facilitates = access.access_for(actor).facilitates
    return list(
        Community.objects.filter(pk__in=facilitates, status=Community.Status.LIVE)
        .exclude(pk=thread.community_id)
        .order_by("name")
    )


def move_thread(*, actor, thread: Thread, to: Community, reason: str = "") -> None:
    """Move a thread, its replies and everything attached to them."""
    permissions.check_manage_thread(actor, thread)
    if to.pk == thread.community_id:
        raise ValidationError(_("The discussion is already in that community."))
    permissions.check_move_to(actor, to)
    source = thread.community
    with transaction.atomic():
        # The replies and everything attached follow it, so that the access
        # kernel judges them by their new community; what the destination may
        # not see stays behind (see move_content).
        move_content(obj=thread, to_community=to)
        thread_moved(thread, source_id=source.pk)
        record_activity(
            actor=actor,
            verb=Activity.Verb.MOVED,
            target=thread,
            community=to,
            moved_from=source.pk,
        )
        for community in (source, to):
            log_action(
                actor=actor,
                action=ModerationAction.Action.MOVED,
                target=thread,
                community=community,
                reason=reason,
                moved_from=source.name,
                moved_to=to.name,
            )
