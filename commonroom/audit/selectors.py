from datetime import date, datetime, time

from django.db.models import Q, QuerySet
from django.utils import timezone

from commonroom.audit.models import AuditEvent


def audit_events(
    *,
    action: str = "",
    person: str = "",
    ip_address: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    """Events newest first, filtered; no joins needed (emails are copied)."""
    events = AuditEvent.objects.all()
    if action:
        events = events.filter(action=action)
    if person:
        events = events.filter(
            Q(actor_email__icontains=person) | Q(subject_email__icontains=person)
        )
    if ip_address:
        events = events.filter(ip_address=ip_address)
    zone = timezone.get_current_timezone()
    if since:
        events = events.filter(created_at__gte=datetime.combine(since, time.min, zone))
    if until:
        events = events.filter(created_at__lte=datetime.combine(until, time.max, zone))
    return events.order_by("-created_at", "-id")
