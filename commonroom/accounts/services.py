"""Writes about accounts: registration, approval, email changes.

What follows in apps above accounts (a profile naming the person's
organisation, invitations accepted on approval) is theirs to do when these
services send ``accounts.signals``.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from commonroom.accounts import audit_details
from commonroom.accounts.permissions import check_platform_admin
from commonroom.accounts.signals import member_approved, member_registered
from commonroom.accounts.tasks import send_approval_decision_task
from commonroom.audit.models import AuditEvent
from commonroom.audit.services import record_event
from commonroom.core import search_index
from commonroom.organisations import services as organisation_services
from commonroom.organisations.domains import organisation_for_email
from commonroom.organisations.models import Organisation

User = get_user_model()


@transaction.atomic
def register_member(
    *,
    user,
    full_name: str,
    chosen_organisation: Organisation | None = None,
    organisation_name: str = "",
    request=None,
):
    """Finish a new account: name, organisation and whether it is approved.

    An address on an allowlisted domain is approved at once and linked to that
    domain's organisation, whatever was chosen. Any other address waits for a
    platform administrator, who sees what the person said about where they work.
    """
    organisation = organisation_for_email(user.email)
    user.full_name = full_name
    if organisation is not None:
        user.approval_status = User.ApprovalStatus.APPROVED
        user.requested_organisation = ""
    else:
        user.approval_status = User.ApprovalStatus.PENDING
        user.requested_organisation = (
            chosen_organisation.name if chosen_organisation else organisation_name
        )
    user.full_clean(exclude=["password"])
    user.save()
    # Profiles makes the person's profile, naming their organisation.
    member_registered.send(sender=User, user=user, organisation=organisation)
    search_index.changed(user)
    record_event(
        AuditEvent.Action.SIGN_UP,
        request=request,
        actor=user,
        subject=user,
        detail=(
            audit_details.APPROVED_BY_DOMAIN.note(organisation=organisation.name)
            if organisation
            else audit_details.WAITING_FOR_APPROVAL.note(
                organisation=user.requested_organisation
            )
        ),
    )
    return user


def approve_sign_up(
    *,
    actor,
    user,
    organisation: Organisation | None = None,
    new_organisation: dict | None = None,
    request=None,
):
    """A platform administrator lets a pending person in, optionally linking them
    to ``organisation``, or to one added to the list from ``new_organisation``
    (``name``, ``kind`` and ``region``: usually what the person typed)."""
    check_platform_admin(actor)
    if user.approval_status == User.ApprovalStatus.APPROVED:
        return user
    with transaction.atomic():
        if organisation is None and new_organisation:
            organisation = organisation_services.add_organisation(**new_organisation)
        _record_approval(
            actor=actor, user=user, organisation=organisation, request=request
        )
    return user


def _record_approval(*, actor, user, organisation, request) -> None:
    user.approval_status = User.ApprovalStatus.APPROVED
    user.approval_decided_at = timezone.now()
    user.approval_decided_by = actor
    user.rejection_reason = ""
    user.save(
        update_fields=[
            "approval_status",
            "approval_decided_at",
            "approval_decided_by",
            "rejection_reason",
        ]
    )
    record_event(
        AuditEvent.Action.SIGN_UP_APPROVED,
        request=request,
        actor=actor,
        subject=user,
        detail=(
            audit_details.APPROVED_FOR.note(organisation=organisation.name)
            if organisation
            else ""
        ),
    )
    transaction.on_commit(lambda: send_approval_decision_task(user_id=user.pk))
    # Profiles names the organisation linked; communities accepts the
    # invitations that waited until the person may take part.
    member_approved.send(sender=User, user=user, organisation=organisation)


def reject_sign_up(*, actor, user, reason: str, request=None):
    """A platform administrator turns a pending sign-up down, saying why."""
    check_platform_admin(actor)
    if user.approval_status == User.ApprovalStatus.REJECTED:
        return user
    with transaction.atomic():
        _record_rejection(actor=actor, user=user, reason=reason, request=request)
    return user


def _record_rejection(*, actor, user, reason: str, request) -> None:
    user.approval_status = User.ApprovalStatus.REJECTED
    user.approval_decided_at = timezone.now()
    user.approval_decided_by = actor
    user.rejection_reason = reason
    user.full_clean(exclude=["password"])
    user.save(
        update_fields=[
            "approval_status",
            "approval_decided_at",
            "approval_decided_by",
            "rejection_reason",
        ]
    )
    record_event(
        AuditEvent.Action.SIGN_UP_REJECTED,
        request=request,
        actor=actor,
        subject=user,
        detail=reason,
    )
    transaction.on_commit(lambda: send_approval_decision_task(user_id=user.pk))


def send_back_for_approval(*, user, requested_organisation: str):
    """The person waits for a platform administrator again, saying where they
    worked (``profiles.services.recheck_after_email_change``: a new address
    no allowlist knows does not keep the old one's approval)."""
    user.approval_status = User.ApprovalStatus.PENDING
    # Keep what they typed at sign-up when there is nothing better to say.
    user.requested_organisation = requested_organisation or user.requested_organisation
    user.save(update_fields=["approval_status", "requested_organisation"])
    return user


def set_language(*, user, language: str) -> User:
    """Keep the language the person chose; their emails are written in it."""
    if language not in dict(settings.LANGUAGES):
        # The language switch only offers these: anything else is a bug.
        raise ValueError(f"Not one of the site's languages: {language!r}")
    if user.language == language:
        return user
    user.language = language
    user.save(update_fields=["language"])
    return user
