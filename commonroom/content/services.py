"""Changing community content of any kind: edits, deletion, helpful marks.

Each service takes the person acting and checks permission itself, records an
activity entry, and — when a facilitator acts on someone else's post — writes
the moderation log. The log is moderation's, above content: it hands over its
writer at start-up (``register_moderation_log``).
"""

from collections.abc import Callable

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from commonroom.activity.models import Activity
from commonroom.activity.services import record_activity
from commonroom.activity.verbs import Action as ModerationVerb
from commonroom.communities import access
from commonroom.content import permissions
from commonroom.content.models import Attachment, ContentLink, Reaction, Revision
from commonroom.content.registry import contained_in, kind_for
from commonroom.core import search_index
from commonroom.core.markdown import render_markdown

# log(actor=..., action=..., target=..., reason=...): one moderation log entry
ModerationLog = Callable[..., object]

_moderation_log: ModerationLog | None = None


def register_moderation_log(log: ModerationLog | None) -> None:
    """Write the moderation log with ``log`` (moderation's ``log_action``)."""
    global _moderation_log
    _moderation_log = log


def _log_moderation(*, actor, action: str, target, reason: str) -> None:
    if _moderation_log is None:
        raise LookupError("No moderation log: moderation registers it at start-up")
    _moderation_log(actor=actor, action=action, target=target, reason=reason)


def render_body(obj) -> list[int]:
    """Render ``obj.body`` into ``obj.body_html``; the ids of people mentioned."""
    rendered = render_markdown(obj.body)
    obj.body_html = rendered.html
    return rendered.mentioned_user_ids


def record_mentions(*, actor, obj, user_ids, already=()) -> None:
    """An activity entry for each person newly mentioned (not the author)."""
    for user_id in sorted(set(user_ids) - set(already) - {actor.pk}):
        record_activity(
            actor=actor,
            verb=Activity.Verb.MENTIONED,
            target=obj,
            recipient_id=user_id,
        )


def edit_content(*, actor, obj, changes: dict, reason: str = "") -> bool:
    """Change the editable fields of a post, keeping the version it replaces.

    Returns whether anything changed.
    """
    permissions.check_edit(actor, obj)
    kind = kind_for(obj)
    changed = {
        name: value
        for name, value in changes.items()
        if name in kind.editable_fields and getattr(obj, name) != value
    }
    if not changed:
        return False
    content_type = ContentType.objects.get_for_model(obj)
    with transaction.atomic():
        previous = (
            Revision.objects.filter(content_type=content_type, object_id=obj.pk)
            .order_by("-created_at", "-pk")
            .values_list("replaced_by_id", "created_at")
            .first()
        )
        Revision.objects.create(
            community=obj.community,
            content_type=content_type,
            object_id=obj.pk,
            fields={name: getattr(obj, name) for name in kind.editable_fields},
            written_by_id=previous[0] if previous else obj.author_id,
            written_at=previous[1] if previous else obj.created_at,
            replaced_by=actor,
        )
        before = set(render_markdown(obj.body).mentioned_user_ids)
        for name, value in changed.items():
            setattr(obj, name, value)
        mentioned = render_body(obj)
        obj.edited_at = timezone.now()
        obj.edit_count = F("edit_count") + 1
        obj.save(
            update_fields=[
                *changed,
                "body_html",
                "edited_at",
                "edit_count",
                "updated_at",
            ]
        )
        obj.refresh_from_db(fields=["edit_count"])
        record_activity(actor=actor, verb=Activity.Verb.EDITED, target=obj)
        record_mentions(actor=actor, obj=obj, user_ids=mentioned, already=before)
        search_index.changed(obj)
        if obj.author_id != actor.pk:
            _log_moderation(
                actor=actor,
                action=ModerationVerb.EDITED,
                target=obj,
                reason=reason,
            )
    return True


def delete_content(*, actor, obj, reason: str = "") -> None:
    """Soft delete: the post leaves every list; a placeholder keeps its place."""
    permissions.check_delete(actor, obj)
    was_live = obj.is_live
    with transaction.atomic():
        obj.deleted_at = timezone.now()
        obj.deleted_by = actor
        obj.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
        kind_for(obj).after_visibility_change(obj, was_live=was_live)
        search_index.changed(obj)
        record_activity(actor=actor, verb=Activity.Verb.DELETED, target=obj)
        if obj.author_id != actor.pk:
            _log_moderation(
                actor=actor,
                action=ModerationVerb.DELETED,
                target=obj,
                reason=reason,
            )


def set_helpful(*, actor, obj, helpful: bool) -> bool:
    """Mark (or unmark) a post as helpful. Returns whether anything changed."""
    access.check_read_content(actor, obj)
    if not access.can_post_in(actor, obj.community):
        raise PermissionDenied(
            _("Only members of this community can mark posts as helpful.")
        )
    if obj.author_id == actor.pk:
        raise PermissionDenied(_("You cannot mark your own post as helpful."))
    model = type(obj)
    content_type = ContentType.objects.get_for_model(obj)
    with transaction.atomic():
        if helpful:
            try:
                with transaction.atomic():
                    Reaction.objects.create(
                        community=obj.community,
                        content_type=content_type,
                        object_id=obj.pk,
                        user=actor,
                        kind=Reaction.Kind.HELPFUL,
                    )
            except IntegrityError:
                return False
            model.objects.filter(pk=obj.pk).update(helpful_count=F("helpful_count") + 1)
            obj.refresh_from_db(fields=["helpful_count"])
            search_index.changed(obj)
            record_activity(
                actor=actor,
                verb=Activity.Verb.MARKED_HELPFUL,
                target=obj,
                recipient=obj.author,
            )
        else:
            deleted, _by_model = Reaction.objects.filter(
                content_type=content_type,
                object_id=obj.pk,
                user=actor,
                kind=Reaction.Kind.HELPFUL,
            ).delete()
            if not deleted:
                return False
            model.objects.filter(pk=obj.pk, helpful_count__gt=0).update(
                helpful_count=F("helpful_count") - 1
            )
            obj.refresh_from_db(fields=["helpful_count"])
            search_index.changed(obj)
            record_activity(
                actor=actor, verb=Activity.Verb.UNMARKED_HELPFUL, target=obj
            )
    obj.refresh_from_db(fields=["helpful_count"])
    return True


# Moving -------------------------------------------------------------------------


def _links() -> list[type[ContentLink]]:
    """Every concrete model pointing at content through ``ContentLink``."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ContentLink) and model.moves_with_content
    ]


@transaction.atomic
def move_content(*, obj, to_community) -> list[tuple[type, list[int]]]:
    """Move ``obj``, what it contains (a thread's replies) and every row attached
    to them (attachments, reactions, activity, tagged items) to ``to_community``.

    A move takes only what the destination's readers and facilitators may see:

    - earlier versions and reports (with their reporters' names) are removed,
      not moved; the old community's moderation log keeps its entries;
    - contained items that were hidden or deleted are removed for good: their
      text, attachments, reactions and activity go, and a "deleted"
      placeholder keeps their place, so nobody in the new community can read
      or restore them.

    Permission is the caller's to check (the kind's own move service). Returns
    ``[(model, ids)]`` of what moved, for the caller's counters.
    """
    if obj.hidden_at is not None or obj.deleted_at is not None:
        raise ValidationError(
            _("Restore it before moving it: hidden or deleted posts cannot move."),
            code="not_live",
        )
    now = timezone.now()
    moved: list[tuple[type, list[int]]] = [(type(obj), [obj.pk])]
    gone: list[tuple[type, list[int]]] = []
    for contained in contained_in(obj):
        model = contained.model
        hidden = Q(hidden_at__isnull=False) | Q(deleted_at__isnull=False)
        gone_ids = list(contained.filter(hidden).values_list("pk", flat=True))
        if gone_ids:
            model.objects.filter(pk__in=gone_ids).update(
                body="",
                body_html="",
                deleted_at=Coalesce(F("deleted_at"), Value(now)),
                hidden_at=None,
                hidden_by=None,
                community=to_community,
            )
            gone.append((model, gone_ids))
        ids = list(contained.exclude(hidden).values_list("pk", flat=True))
        model.objects.filter(pk__in=ids).update(community=to_community)
        moved.append((model, ids))
    obj.community = to_community
    obj.save(update_fields=["community", "updated_at"])
    for link in _links():
        for model, ids in gone:
            rows = link.objects.filter(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=ids,
            )
            for attachment in rows if link is Attachment else ():
                attachment.file.delete(save=False)
            rows.delete()
        for model, ids in moved:
            rows = link.objects.filter(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=ids,
            )
            link.dropped_on_move(rows).delete()
            rows.update(community=to_community)
    search_index.changed(obj)
    return moved
