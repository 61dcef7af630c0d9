from django.contrib.contenttypes.models import ContentType

from commonroom.activity.models import Activity


def record_activity(
    *,
    actor,
    verb: str,
    target,
    community=None,
    recipient=None,
    recipient_id: int | None = None,
    **data,
) -> Activity:
    """Record that ``actor`` did ``verb`` to ``target`` (in its community)."""
    return Activity.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        verb=verb,
        community=community if community is not None else target.community,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        recipient_id=recipient.pk if recipient is not None else recipient_id,
        data=data,
    )
