"""Writing the moderation log. Every service that moderates calls ``log_action``."""

from django.contrib.contenttypes.models import ContentType

from commonroom.content.registry import kind_for
from commonroom.moderation.models import ModerationAction


def log_action(
    *, actor, action: str, target, community=None, reason: str = "", **detail
) -> ModerationAction:
    return ModerationAction.objects.create(
        community=community if community is not None else target.community,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        actor=actor,
        action=action,
        target_title=str(kind_for(target).title(target))[:200],
        reason=reason[:500],
        detail=detail,
    )
