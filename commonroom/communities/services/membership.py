"""Who is in a community: joining, requests, roles and leaving.

Invitations are in ``services.invitations``. The rules both follow (who may
join, ask, leave, be removed or step down) are in ``communities.permissions``.

Every function here that a person starts takes ``actor`` and checks, through
the access kernel (``communities.access``), ``communities.permissions`` and
``accounts.permissions``, that they may do it: views, the API, commands and
tasks all behave the same.

How refusals come back:

- ``Http404``: the community (or invitation) is not the person's to know about;
- ``PermissionDenied``: they may not do this at all (not a facilitator, account
  waiting for approval);
- ``ValidationError`` with a ``code``: a rule of the community stops it for now
  (archived, parent membership needed, last facilitator, already asked...),
  with a message to show the person.

Every change is written to the audit log, keeps ``Community.member_count``
right, and calls ``access.forget`` for the person whose memberships changed.
Emails are queued once the transaction commits.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from commonroom.accounts.permissions import can_take_part, check_take_part
from commonroom.accounts.querysets import listed_people_q
from commonroom.audit.models import AuditEvent
from commonroom.audit.services import record_event
from commonroom.communities import access, audit_details, permissions
from commonroom.communities.models import (
    Community,
    Invitation,
    Membership,
    MembershipRequest,
)
from commonroom.communities.selectors.membership import q_invited
from commonroom.communities.tasks import (
    send_removal_notice_task,
    send_request_decision_task,
)

Action = AuditEvent.Action

MESSAGE_MAX_LENGTH = 2000


def _message_note(message: str) -> str:
    """What the audit log keeps of a facilitator's message: that there was one.

    The text went to one person (a removed member, an applicant); an entry in
    the administrators' log is no place for it (decision 0004).
    """
    return audit_details.WITH_A_MESSAGE.note() if message.strip() else ""


def _recount_members(community_ids: list[int]) -> None:
    """Rebuild the member counters of these communities (one query).

    Counts active accounts only, like ``synchronize_member_counts``.
    """
    counts = (
        Membership.objects.filter(
            listed_people_q(prefix="user__"), community=OuterRef("pk")
        )
        .order_by()
        .values("community")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Community.objects.filter(pk__in=community_ids).update(
        member_count=Coalesce(Subquery(counts), 0)
    )


def recount_communities_of(*, user) -> None:
    """Recount the communities ``user`` belongs to (two queries at most)."""
    ids = list(
        Membership.objects.filter(user_id=user.pk).values_list(
            "community_id", flat=True
        )
    )
    if ids:
        _recount_members(ids)


# Rules shared by joining, requests and invitations ------------------------------


def _add_member(*, community: Community, user) -> Membership:
    """Make ``user`` a member, closing what they had open, and recount.

    An open request becomes approved and pending invitations accepted: both are
    answered by the person now being a member.
    """
    membership = Membership.objects.filter(community=community, user=user).first()
    if membership is None:
        membership = Membership.objects.create(
            community=community, user=user, role=Membership.Role.MEMBER
        )
        _recount_members([community.pk])
    now = timezone.now()
    community.membership_requests.filter(
        user=user, status__in=MembershipRequest.OPEN_STATUSES
    ).update(status=MembershipRequest.Status.APPROVED, decided_at=now, updated_at=now)
    community.invitations.filter(
        q_invited(user=user), status=Invitation.Status.PENDING
    ).update(
        status=Invitation.Status.ACCEPTED, user=user, responded_at=now, updated_at=now
    )
    access.forget(user)
    return membership


# Joining an open community ------------------------------------------------------


@transaction.atomic
def join_community(
    *, actor, community: Community, request: HttpRequest | None = None
) -> Membership:
    """Join an open community at once."""
    access.check_see_community(actor, community)
    check_take_part(actor)
    permissions.check_can_join(actor, community)
    membership = _add_member(community=community, user=actor)
    record_event(
        Action.MEMBER_JOINED,
        request=request,
        actor=actor,
        subject=actor,
        community=community,
    )
    return membership


# Requests to join a restricted community ----------------------------------------


@transaction.atomic
def request_to_join(
    *,
    actor,
    community: Community,
    message: str = "",
    request: HttpRequest | None = None,
) -> MembershipRequest:
    """Ask the facilitators of a restricted community to let you in."""
    access.check_see_community(actor, community)
    check_take_part(actor)
    permissions.check_can_request(actor, community)
    if community.membership_requests.filter(
        user_id=actor.pk, status__in=MembershipRequest.OPEN_STATUSES
    ).exists():
        raise ValidationError(
            _("You have already asked to join this community."),
            code="already_requested",
        )
    membership_request = MembershipRequest(
        community=community, user=actor, message=message.strip()
    )
    membership_request.full_clean()
    membership_request.save()
    record_event(
        Action.JOIN_REQUESTED,
        request=request,
        actor=actor,
        subject=actor,
        community=community,
    )
    return membership_request


def withdraw_request(
    *, actor, membership_request: MembershipRequest
) -> MembershipRequest:
    """The applicant takes back an undecided request."""
    if actor is None or membership_request.user_id != actor.pk:
        raise PermissionDenied(_("You can only withdraw your own request."))
    if membership_request.status not in MembershipRequest.OPEN_STATUSES:
        return membership_request
    membership_request.status = MembershipRequest.Status.WITHDRAWN
    membership_request.decided_at = timezone.now()
    with transaction.atomic():
        membership_request.save(update_fields=["status", "decided_at", "updated_at"])
        record_event(
            Action.JOIN_WITHDRAWN,
            actor=actor,
            subject=actor,
            community=membership_request.community,
        )
    return membership_request


def reply_to_request(
    *, actor, membership_request: MembershipRequest, message: str
) -> MembershipRequest:
    """The applicant answers the facilitators' question; the request waits again."""
    if actor is None or membership_request.user_id != actor.pk:
        raise PermissionDenied(_("You can only reply about your own request."))
    if membership_request.status != MembershipRequest.Status.MORE_INFORMATION:
        raise ValidationError(
            _("The facilitators have not asked you anything about this request."),
            code="no_question",
        )
    message = message.strip()
    if not message:
        raise ValidationError(_("Enter your reply"), code="required")
    combined = (
        f"{membership_request.message}\n\n{message}"
        if membership_request.message
        else message
    )
    if len(combined) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            _(
                "Your reply must be %(limit)s characters or fewer, so that your "
                "request and reply together fit"
            )
            % {
                "limit": max(
                    MESSAGE_MAX_LENGTH - len(membership_request.message) - 2, 0
                )
            },
            code="max_length",
        )
    membership_request.message = combined
    membership_request.status = MembershipRequest.Status.PENDING
    with transaction.atomic():
        membership_request.full_clean()
        membership_request.save(update_fields=["message", "status", "updated_at"])
        record_event(
            Action.JOIN_REQUEST_ANSWERED,
            actor=actor,
            subject=actor,
            community=membership_request.community,
        )
    return membership_request


def _check_decide(actor, membership_request: MembershipRequest) -> None:
    access.check_facilitate(actor, membership_request.community)
    if membership_request.status not in MembershipRequest.OPEN_STATUSES:
        raise ValidationError(
            _("This request has already been answered."), code="decided"
        )


def approve_request(
    *,
    actor,
    membership_request: MembershipRequest,
    request: HttpRequest | None = None,
) -> MembershipRequest:
    """A facilitator lets the applicant in; they are emailed."""
    community = membership_request.community
    if membership_request.status == MembershipRequest.Status.APPROVED:
        access.check_facilitate(actor, community)
        return membership_request
    _check_decide(actor, membership_request)
    applicant = membership_request.user
    if not can_take_part(applicant):
        raise ValidationError(
            _("%(name)s cannot join: their account is not approved.")
            % {"name": applicant.full_name},
            code="applicant_cannot_take_part",
        )
    permissions.check_accepting_members(community)
    permissions.check_parent_membership(applicant, community, viewer=actor)
    with transaction.atomic():
        _decide(
            actor=actor,
            membership_request=membership_request,
            status=MembershipRequest.Status.APPROVED,
            response="",
        )
        _add_member(community=community, user=applicant)
        record_event(
            Action.JOIN_APPROVED,
            request=request,
            actor=actor,
            subject=applicant,
            community=community,
        )
    return membership_request


def reject_request(
    *,
    actor,
    membership_request: MembershipRequest,
    message: str,
    request: HttpRequest | None = None,
) -> MembershipRequest:
    """A facilitator turns the request down, saying why; the applicant is emailed."""
    _check_decide(actor, membership_request)
    message = _required_message(
        message, _("Enter a message to explain why you are rejecting the request")
    )
    with transaction.atomic():
        _decide(
            actor=actor,
            membership_request=membership_request,
            status=MembershipRequest.Status.REJECTED,
            response=message,
        )
        record_event(
            Action.JOIN_REJECTED,
            request=request,
            actor=actor,
            subject=membership_request.user,
            community=membership_request.community,
            detail=_message_note(message),
        )
    return membership_request


def ask_for_more_information(
    *,
    actor,
    membership_request: MembershipRequest,
    message: str,
    request: HttpRequest | None = None,
) -> MembershipRequest:
    """A facilitator asks the applicant a question; they are emailed and can reply."""
    _check_decide(actor, membership_request)
    message = _required_message(
        message, _("Enter what you would like the applicant to tell you")
    )
    with transaction.atomic():
        _decide(
            actor=actor,
            membership_request=membership_request,
            status=MembershipRequest.Status.MORE_INFORMATION,
            response=message,
        )
        record_event(
            Action.JOIN_MORE_INFORMATION,
            request=request,
            actor=actor,
            subject=membership_request.user,
            community=membership_request.community,
            detail=_message_note(message),
        )
    return membership_request


def _required_message(message: str, error: str) -> str:
    message = message.strip()
    if not message:
        raise ValidationError(error, code="required")
    return message


def _decide(
    *, actor, membership_request: MembershipRequest, status: str, response: str
) -> None:
    membership_request.status = status
    membership_request.response = response
    membership_request.decided_by = actor
    membership_request.decided_at = timezone.now()
    membership_request.full_clean()
    membership_request.save(
        update_fields=["status", "response", "decided_by", "decided_at", "updated_at"]
    )
    request_id = membership_request.pk
    transaction.on_commit(
        lambda: send_request_decision_task(membership_request_id=request_id)
    )


# Members, roles and leaving -----------------------------------------------------


def _forget(*people) -> None:
    """Drop cached access for everyone whose memberships changed.

    The same person may be held by two objects (``request.user`` and a
    membership's ``user``): each keeps its own cache.
    """
    for person in people:
        if person is not None:
            access.forget(person)


def _end_memberships(memberships: list[Membership], user, actor) -> None:
    Membership.objects.filter(pk__in=[m.pk for m in memberships]).delete()
    _recount_members([m.community_id for m in memberships])
    _forget(user, actor if actor is not None and actor.pk == user.pk else None)


def leave_community(
    *, actor, community: Community, request: HttpRequest | None = None
) -> Membership | None:
    """A member leaves (and leaves its sub-communities). Their posts stay."""
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied(_("Sign in to leave a community."))
    if not access.access_for(actor).is_member(community.pk):
        return None
    with transaction.atomic():
        membership = Membership.objects.filter(community=community, user=actor).first()
        if membership is None:
            return None
        membership.community = community
        permissions.check_hand_over(
            user=actor, community=community, membership=membership, viewer=actor
        )
        memberships = permissions.memberships_to_end(
            user=actor, community=community, viewer=actor
        )
        _end_memberships(memberships, actor, actor)
        for ended in memberships:
            record_event(
                Action.MEMBER_LEFT,
                request=request,
                actor=actor,
                subject=actor,
                community=ended.community,
            )
    return membership


@transaction.atomic
def remove_member(
    *,
    actor,
    membership: Membership,
    message: str = "",
    request: HttpRequest | None = None,
) -> Membership:
    """A facilitator removes someone, from its sub-communities too; they are emailed."""
    community = membership.community
    access.check_facilitate(actor, community)
    message = message.strip()
    if len(message) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            _("The message must be %(limit)s characters or fewer")
            % {"limit": MESSAGE_MAX_LENGTH},
            code="max_length",
        )
    permissions.check_can_remove(actor=actor, membership=membership)
    user = membership.user
    memberships = permissions.memberships_to_end(
        user=user, community=community, viewer=actor
    )
    _end_memberships(memberships, user, actor)
    for ended in memberships:
        record_event(
            Action.MEMBER_REMOVED,
            request=request,
            actor=actor,
            subject=user,
            community=ended.community,
            detail=_message_note(message),
        )
    community_id, user_id = community.pk, user.pk
    removed_at = timezone.now().isoformat()
    transaction.on_commit(
        lambda: send_removal_notice_task(
            community_id=community_id,
            user_id=user_id,
            message=message,
            removed_at=removed_at,
        )
    )
    return membership


def promote_to_facilitator(
    *, actor, membership: Membership, request: HttpRequest | None = None
) -> Membership:
    access.check_facilitate(actor, membership.community)
    if membership.role == Membership.Role.FACILITATOR:
        return membership
    with transaction.atomic():
        membership.role = Membership.Role.FACILITATOR
        membership.save(update_fields=["role", "updated_at"])
        record_event(
            Action.FACILITATOR_PROMOTED,
            request=request,
            actor=actor,
            subject=membership.user,
            community=membership.community,
        )
    _forget(membership.user, actor if actor.pk == membership.user_id else None)
    return membership


def demote_facilitator(
    *, actor, membership: Membership, request: HttpRequest | None = None
) -> Membership:
    """A facilitator becomes a member again (never the last one, nor the owner)."""
    access.check_facilitate(actor, membership.community)
    if membership.role == Membership.Role.MEMBER:
        return membership
    with transaction.atomic():
        permissions.check_can_demote(membership=membership)
        membership.role = Membership.Role.MEMBER
        membership.save(update_fields=["role", "updated_at"])
        record_event(
            Action.FACILITATOR_DEMOTED,
            request=request,
            actor=actor,
            subject=membership.user,
            community=membership.community,
        )
    _forget(membership.user, actor if actor.pk == membership.user_id else None)
    return membership


def transfer_ownership(
    *,
    actor,
    community: Community,
    membership: Membership,
    request: HttpRequest | None = None,
) -> Community:
    """Make another facilitator the community's owner."""
    access.check_facilitate(actor, community)
    if membership.community_id != community.pk:
        raise ValueError("The membership belongs to another community.")
    if community.owner_id == membership.user_id:
        return community
    if not permissions.can_transfer_ownership(actor, community):
        raise PermissionDenied(_("Only the community’s owner can transfer ownership."))
    if membership.role != Membership.Role.FACILITATOR:
        raise ValidationError(
            _("Only a facilitator can be the owner. Make %(name)s a facilitator first.")
            % {"name": membership.user.full_name},
            code="not_facilitator",
        )
    previous = community.owner
    with transaction.atomic():
        community.owner = membership.user
        community.save(update_fields=["owner", "updated_at"])
        record_event(
            Action.OWNERSHIP_TRANSFERRED,
            request=request,
            actor=actor,
            subject=membership.user,
            community=community,
            detail=(
                audit_details.OWNER_BEFORE.note(email=previous.email)
                if previous
                else audit_details.NO_OWNER_BEFORE.note()
            ),
        )
    return community
