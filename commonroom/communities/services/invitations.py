"""Invitations: facilitators invite people by email; invitees accept or decline.

The rules a newcomer must meet (parent membership, a community accepting
members) are the ones joining uses, in ``communities.permissions``, with the
rules for answering an invitation. Refusals come back as described there.
"""

import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from commonroom.accounts.permissions import can_take_part, check_take_part
from commonroom.audit.models import AuditEvent
from commonroom.audit.services import record_event
from commonroom.communities import access, audit_details, permissions
from commonroom.communities.models import (
    Community,
    Invitation,
    Membership,
)
from commonroom.communities.selectors.membership import q_invited, token_digest
from commonroom.communities.services.membership import (
    MESSAGE_MAX_LENGTH,
    _add_member,
)
from commonroom.communities.tasks import (
    send_invitation_task,
)

Action = AuditEvent.Action

# How long an invitation stays open, unless settings say otherwise.
INVITATION_DAYS = 14
# The most addresses one pasted list may hold.
MAX_INVITATION_ADDRESSES = 100


def invitation_days() -> int:
    return getattr(settings, "COMMUNITY_INVITATION_DAYS", INVITATION_DAYS)


# Invitations --------------------------------------------------------------------


EMAIL_MAX_LENGTH = Invitation._meta.get_field("email").max_length


class InvitationResult:
    """What happened to one address in a list of invitations."""

    INVITED = "invited"
    ALREADY_MEMBER = "already_member"
    ALREADY_INVITED = "already_invited"
    INVALID = "invalid"  # not an email address
    TOO_LONG = "too_long"  # longer than an invitation can keep
    REPEATED = "repeated"  # given earlier in the same list
    ACCOUNT_CLOSED = "account_closed"  # a deactivated account has the address
    YOURSELF = "yourself"  # the facilitator's own address

    # Results that mean the address was not used, to be corrected and sent
    # again (the others need nothing more).
    TO_CORRECT = frozenset({INVALID, TOO_LONG})


@dataclass(frozen=True)
class InvitationOutcome:
    address: str
    result: str  # an InvitationResult value
    invitation_id: int | None = None


_SEPARATORS = re.compile(r"[,;\n\r]+")
_ANGLE_ADDRESS = re.compile(r"<([^<>]*)>")


def split_addresses(text: str) -> list[str]:
    """Addresses from a pasted list: one a line, or separated by commas.

    Semicolons and spaces also separate, and ``Name <address>`` (as copied
    from an email program) gives the address. Empty entries are dropped.
    """
    addresses: list[str] = []
    for chunk in _SEPARATORS.split(text):
        chunk = chunk.strip()
        if not chunk:
            continue
        angle = _ANGLE_ADDRESS.search(chunk)
        if angle:
            addresses.append(angle.group(1).strip())
        else:
            addresses.extend(chunk.split())
    return addresses


def invite_people(
    *,
    actor,
    community: Community,
    addresses: str | list[str],
    message: str = "",
    request: HttpRequest | None = None,
) -> list[InvitationOutcome]:
    """Invite members or anyone else by email address; report on each address.

    ``addresses`` is a pasted list (see ``split_addresses``) or a list. A bad
    address is reported and the others are still invited. An expired
    invitation to the same address is renewed and sent again.
    """
    access.check_facilitate(actor, community)
    permissions.check_accepting_members(community)
    entries = (
        split_addresses(addresses) if isinstance(addresses, str) else list(addresses)
    )
    if not entries:
        raise ValidationError(_("Enter at least one email address"), code="required")
    if len(entries) > MAX_INVITATION_ADDRESSES:
        raise ValidationError(
            _("Enter %(limit)s email addresses or fewer at a time")
            % {"limit": MAX_INVITATION_ADDRESSES},
            code="too_many",
        )
    message = message.strip()
    if len(message) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            _("The message must be %(limit)s characters or fewer")
            % {"limit": MESSAGE_MAX_LENGTH},
            code="max_length",
        )

    # One outcome per address, reported as typed; a repeat is reported too.
    outcomes: dict[str, InvitationOutcome] = {}
    valid: dict[str, str] = {}  # lower-cased -> as typed
    for entry in entries:
        key = entry.lower()
        if key in outcomes or key in valid:
            continue
        try:
            validate_email(entry)
        except ValidationError:
            outcomes[key] = InvitationOutcome(entry, InvitationResult.INVALID)
            continue
        # An address may be longer than an invitation keeps (the standard
        # allows 320 characters, an email field 254).
        if len(entry) > EMAIL_MAX_LENGTH:
            outcomes[key] = InvitationOutcome(entry, InvitationResult.TOO_LONG)
        elif key == actor.email.lower():
            outcomes[key] = InvitationOutcome(entry, InvitationResult.YOURSELF)
        else:
            valid[key] = entry

    users = {
        user.email_key: user
        for user in get_user_model()
        .objects.annotate(email_key=Lower("email"))
        .filter(email_key__in=list(valid))
    }
    member_ids = set(
        community.memberships.filter(
            user_id__in=[user.pk for user in users.values()]
        ).values_list("user_id", flat=True)
    )
    pending = {
        invitation.email_key: invitation
        for invitation in community.invitations.annotate(email_key=Lower("email"))
        .filter(status=Invitation.Status.PENDING, email_key__in=list(valid))
        .select_related("user")
    }

    now = timezone.now()
    expires_at = now + timedelta(days=invitation_days())
    with transaction.atomic():
        for key, address in valid.items():
            user = users.get(key)
            if user is not None and not user.is_active:
                outcomes[key] = InvitationOutcome(
                    address, InvitationResult.ACCOUNT_CLOSED
                )
                continue
            if user is not None and user.pk in member_ids:
                outcomes[key] = InvitationOutcome(
                    address, InvitationResult.ALREADY_MEMBER
                )
                continue
            invitation = pending.get(key)
            if invitation is not None and not permissions.is_invitation_expired(
                invitation, now=now
            ):
                outcomes[key] = InvitationOutcome(
                    address, InvitationResult.ALREADY_INVITED, invitation.pk
                )
                continue
            try:
                with transaction.atomic():
                    invitation = _send_invitation(
                        actor=actor,
                        community=community,
                        address=user.email if user is not None else address,
                        user=user,
                        message=message,
                        expires_at=expires_at,
                        renew=invitation,
                        request=request,
                    )
            except IntegrityError:  # invited at the same moment by someone else
                outcomes[key] = InvitationOutcome(
                    address, InvitationResult.ALREADY_INVITED
                )
            else:
                outcomes[key] = InvitationOutcome(
                    address, InvitationResult.INVITED, invitation.pk
                )
    reported: list[InvitationOutcome] = []
    seen: set[str] = set()
    for entry in entries:
        key = entry.lower()
        if key in seen:
            reported.append(InvitationOutcome(entry, InvitationResult.REPEATED))
        else:
            seen.add(key)
            reported.append(outcomes[key])
    return reported


def _send_invitation(
    *,
    actor,
    community: Community,
    address: str,
    user,
    message: str,
    expires_at,
    renew: Invitation | None,
    request: HttpRequest | None,
) -> Invitation:
    token = secrets.token_urlsafe(32)
    invitation = renew or Invitation(community=community, email=address)
    invitation.invited_by = actor
    invitation.user = user
    invitation.token = token_digest(token)
    invitation.message = message
    invitation.expires_at = expires_at
    invitation.full_clean(validate_constraints=False)
    invitation.save()
    record_event(
        Action.INVITATION_SENT,
        request=request,
        actor=actor,
        subject=user,
        subject_email=address,
        community=community,
    )
    invitation_id = invitation.pk
    transaction.on_commit(
        lambda: send_invitation_task(invitation_id=invitation_id, token=token)
    )
    return invitation


def revoke_invitation(
    *, actor, invitation: Invitation, request: HttpRequest | None = None
) -> Invitation:
    """A facilitator withdraws an invitation that has not been answered."""
    access.check_facilitate(actor, invitation.community)
    if invitation.status != Invitation.Status.PENDING:
        return invitation
    with transaction.atomic():
        invitation.status = Invitation.Status.REVOKED
        invitation.responded_at = timezone.now()
        invitation.save(update_fields=["status", "responded_at", "updated_at"])
        record_event(
            Action.INVITATION_REVOKED,
            request=request,
            actor=actor,
            subject=invitation.user,
            subject_email=invitation.email,
            community=invitation.community,
        )
    return invitation


def accept_invitation(
    *,
    actor,
    invitation: Invitation,
    request: HttpRequest | None = None,
    detail: str = "",
) -> Membership:
    """The invited person joins the community."""
    permissions.check_invitee(actor, invitation)
    check_take_part(actor)
    permissions.check_can_accept(actor, invitation)
    community = invitation.community
    with transaction.atomic():
        invitation.status = Invitation.Status.ACCEPTED
        invitation.user = actor
        invitation.responded_at = timezone.now()
        invitation.save(update_fields=["status", "user", "responded_at", "updated_at"])
        membership = _add_member(community=community, user=actor)
        record_event(
            Action.INVITATION_ACCEPTED,
            request=request,
            actor=actor,
            subject=actor,
            community=community,
            detail=detail,
        )
    return membership


def decline_invitation(
    *, actor, invitation: Invitation, request: HttpRequest | None = None
) -> Invitation:
    permissions.check_invitee(actor, invitation)
    permissions.check_can_answer(invitation)
    with transaction.atomic():
        invitation.status = Invitation.Status.DECLINED
        invitation.user = actor
        invitation.responded_at = timezone.now()
        invitation.save(update_fields=["status", "user", "responded_at", "updated_at"])
        record_event(
            Action.INVITATION_DECLINED,
            request=request,
            actor=actor,
            subject=actor,
            community=invitation.community,
        )
    return invitation


def accept_pending_invitations_for(*, user) -> list[Community]:
    """Accept every open invitation to the person's (just confirmed) address.

    Called once someone confirms their email address, so people invited before
    they registered join automatically. Only for people who may take part;
    invitations that cannot be accepted yet (a sub-community whose parent they
    are not in, an archived community) stay open. Parents are joined before
    their sub-communities. Returns the communities joined.
    """
    if not can_take_part(user):
        return []
    with transaction.atomic():
        return _accept_pending_invitations(user)


def _accept_pending_invitations(user) -> list[Community]:
    remaining = list(
        Invitation.objects.filter(
            q_invited(user=user),
            status=Invitation.Status.PENDING,
            expires_at__gt=timezone.now(),
        )
        .select_related("community__parent")
        .order_by("created_at", "pk")
    )
    joined: list[Community] = []
    progress = True
    while remaining and progress:
        progress = False
        for invitation in list(remaining):
            try:
                accept_invitation(
                    actor=user,
                    invitation=invitation,
                    detail=audit_details.ACCEPTED_ON_CONFIRMING.note(),
                )
            except ValidationError:
                continue
            remaining.remove(invitation)
            joined.append(invitation.community)
            progress = True
    return joined
