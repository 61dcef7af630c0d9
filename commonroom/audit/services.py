import logging

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from commonroom.audit.models import AuditEvent

logger = logging.getLogger(__name__)


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's IP address, trusting only as many proxies as configured."""
    if request is None:
        return None
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return None


def record_event(
    action: str,
    *,
    request: HttpRequest | None = None,
    actor=None,
    subject=None,
    actor_email: str = "",
    subject_email: str = "",
    detail: str = "",
    community=None,
) -> AuditEvent:
    """Append one security event. Never pass a password in ``detail``.

    An event in a community passes ``community``: its id is kept, never its
    name, and ``detail`` says that a message was sent, never what it said.
    """
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    event = AuditEvent(
        action=action,
        actor=actor if actor is not None and actor.pk else None,
        actor_email=(actor.email if actor is not None else actor_email)[:254],
        subject=subject,
        subject_email=(subject.email if subject is not None else subject_email)[:254],
        ip_address=client_ip(request),
        detail=detail[:500],
        community_id=community.pk if community is not None else None,
    )
    event.full_clean()
    event.save()
    logger.info("audit %s actor=%s ip=%s", action, event.actor_email, event.ip_address)
    return event
