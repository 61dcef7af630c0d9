"""Who is in a community: joining, requests, roles and leaving.

Invitations are in ``services.invitations``; they use the rules here.

Every function here that a person starts takes ``actor`` and checks, through
the access kernel (``communities.access``) and ``accounts.permissions``, that
they may do it: views, the API, commands and tasks all behave the same.

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
from commonroom.audit.models import AuditEvent
from commonroom.audit.services import record_event
from commonroom.communities import access
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


def _detail(community: Community, extra: str = "") -> str:
    detail = f"community: {community.slug}"
    return f"{detail}; {extra}" if extra else detail


def _recount_members(community_ids: list[int]) -> None:
    """Rebuild the member counters of these communities (one query).

    Counts active accounts only, like ``synchronize_member_counts``.
    """
    counts = (
        Membership.objects.filter(community=OuterRef("pk"), user__is_active=True)
        .order_by()
        .values("community")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Community.objects.filter(pk__in=community_ids).update(
        member_count=Coalesce(Subquery(counts), 0)
    )


# Rules shared by joining, requests and invitations ------------------------------


def check_accepting_members(community: Community) -> None:
    """Only live communities take new members."""
    if community.status == Community.Status.ARCHIVED:
        raise ValidationError(
            _("This community is archived, so nobody can join it."), code="archived"
        )
    if community.status != Community.Status.LIVE:
        raise ValidationError(
            _("This community is waiting for approval, so nobody can join it yet."),
            code="not_live",
        )


def check_parent_membership(user, community: Community, *, viewer=None) -> None:
    """A sub-community's members must belong to its parent.

    ``viewer`` is who reads the message (the person themselves by default); the
    parent is named only if they may know it exists.
    """
    if community.parent_id is None:
        return
    if access.access_for(user).is_member(community.parent_id):
        return
    viewer = viewer if viewer is not None else user
    parent = community.parent
    if viewer.pk == user.pk:
        if access.can_see_community(viewer, parent):
            message = _(
                "You need to be a member of %(parent)s before you can join this "
                "community."
            ) % {"parent": parent.name}
        else:
            message = _(
                "You need to be a member of the community this one belongs to "
                "before you can join it."
            )
    elif access.can_see_community(viewer, parent):
        message = _(
            "%(name)s needs to be a member of %(parent)s before they can join this "
            "community."
        ) % {"name": user.full_name, "parent": parent.name}
    else:
        message = _(
            "%(name)s needs to be a member of the community this one belongs to "
            "before they can join it."
        ) % {"name": user.full_name}
    raise ValidationError(message, code="parent_membership")


def check_can_join(user, community: Community) -> None:
    """May the person join this community at once? Raises if not.

    Assumes they may see it (``access.check_see_community``) and take part.
    """
    if access.access_for(user).is_member(community.pk):
        raise ValidationError(
            _("You are already a member of this community."), code="already_member"
        )
    check_accepting_members(community)
    if community.visibility == Community.Visibility.RESTRICTED:
        raise ValidationError(
            _("Ask to join this community: a facilitator decides."),
            code="request_needed",
        )
    if community.visibility == Community.Visibility.PRIVATE:
        raise ValidationError(
            _("People join this community by invitation only."),
            code="invitation_only",
        )
    check_parent_membership(user, community)


def check_can_request(user, community: Community) -> None:
    """May the person ask to join? (Not checked: whether they already asked.)"""
    if access.access_for(user).is_member(community.pk):
        raise ValidationError(
            _("You are already a member of this community."), code="already_member"
        )
    check_accepting_members(community)
    if community.visibility == Community.Visibility.OPEN:
        raise ValidationError(
            _("Anyone can join this community: you do not need to ask."),
            code="open",
        )
    if community.visibility == Community.Visibility.PRIVATE:
        raise ValidationError(
            _("People join this community by invitation only."),
            code="invitation_only",
        )
    check_parent_membership(user, community)


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
    check_can_join(actor, community)
    membership = _add_member(community=community, user=actor)
    record_event(
        Action.MEMBER_JOINED,
        request=request,
        actor=actor,
        subject=actor,
        detail=_detail(community),
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
    check_can_request(actor, community)
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
        detail=_detail(community),
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
            detail=_detail(membership_request.community),
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
            detail=_detail(membership_request.community),
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
    check_accepting_members(community)
    check_parent_membership(applicant, community, viewer=actor)
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
            detail=_detail(community),
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
            detail=_detail(membership_request.community, message),
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
            detail=_detail(membership_request.community, message),
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


def _descendant_ids(community: Community) -> list[int]:
    """Ids of every sub-community below this one, level by level."""
    found: list[int] = []
    seen = {community.pk}
    frontier = [community.pk]
    while frontier:
        frontier = [
            pk
            for pk in Community.objects.filter(parent_id__in=frontier).values_list(
                "pk", flat=True
            )
            if pk not in seen
        ]
        seen.update(frontier)
        found.extend(frontier)
    return found


def _facilitator_ids(community_id: int) -> list[int]:
    """The community's facilitators.

    Inside a transaction their rows stay locked until the change is done, so two
    facilitators stepping down at once cannot leave the community with none.
    """
    facilitators = Membership.objects.filter(
        community_id=community_id, role=Membership.Role.FACILITATOR
    )
    if transaction.get_connection().in_atomic_block:
        facilitators = facilitators.select_for_update()
    return list(facilitators.values_list("user_id", flat=True))


def _check_hand_over(
    *, user, community: Community, membership: Membership, viewer
) -> None:
    """The last facilitator and the owner must hand over before going."""
    themselves = viewer.pk == user.pk
    if membership.role == Membership.Role.FACILITATOR and _facilitator_ids(
        community.pk
    ) == [user.pk]:
        if themselves:
            message = _(
                "You are the only facilitator of %(community)s. Make another "
                "member a facilitator before you leave."
            )
        else:
            message = _(
                "%(name)s is the only facilitator of %(community)s. Another "
                "member must become a facilitator first."
            )
        raise ValidationError(
            message % {"community": community.name, "name": user.full_name},
            code="last_facilitator",
        )
    if community.owner_id == user.pk:
        if themselves:
            message = _(
                "You are the owner of %(community)s. Transfer ownership to another "
                "facilitator before you leave."
            )
        else:
            message = _(
                "%(name)s is the owner of %(community)s. They must transfer "
                "ownership to another facilitator first."
            )
        raise ValidationError(
            message % {"community": community.name, "name": user.full_name},
            code="owner",
        )


def _memberships_to_end(*, user, community: Community, viewer) -> list[Membership]:
    """The membership, and those in sub-communities, which go with it.

    Sub-communities need membership of their parent, so leaving a community
    means leaving its sub-communities too; each must still keep a facilitator
    and its owner.
    """
    descendant_ids = _descendant_ids(community)
    memberships = list(
        Membership.objects.filter(
            user_id=user.pk, community_id__in=[community.pk, *descendant_ids]
        ).select_related("community")
    )
    for membership in memberships:
        if membership.community_id == community.pk:
            continue
        sub = membership.community
        try:
            _check_hand_over(
                user=user, community=sub, membership=membership, viewer=viewer
            )
        except ValidationError as error:
            if viewer.pk != user.pk and not access.can_see_community(viewer, sub):
                raise ValidationError(
                    _(
                        "%(name)s facilitates a sub-community of this one that you "
                        "cannot see. Its members must sort that out first."
                    )
                    % {"name": user.full_name},
                    code=error.code,
                ) from error
            raise
    return memberships


def check_can_leave(*, user, membership: Membership) -> None:
    """May the person leave? Raises with what they must do first."""
    community = membership.community
    _check_hand_over(user=user, community=community, membership=membership, viewer=user)
    _memberships_to_end(user=user, community=community, viewer=user)


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
        _check_hand_over(
            user=actor, community=community, membership=membership, viewer=actor
        )
        memberships = _memberships_to_end(user=actor, community=community, viewer=actor)
        _end_memberships(memberships, actor, actor)
        for ended in memberships:
            record_event(
                Action.MEMBER_LEFT,
                request=request,
                actor=actor,
                subject=actor,
                detail=_detail(ended.community),
            )
    return membership


def check_can_remove(*, actor, membership: Membership) -> None:
    """May this facilitator remove this member? Raises with the reason if not."""
    if membership.user_id == actor.pk:
        raise ValidationError(
            _("You cannot remove yourself. Leave the community instead."),
            code="self",
        )
    _check_hand_over(
        user=membership.user,
        community=membership.community,
        membership=membership,
        viewer=actor,
    )


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
    check_can_remove(actor=actor, membership=membership)
    user = membership.user
    memberships = _memberships_to_end(user=user, community=community, viewer=actor)
    _end_memberships(memberships, user, actor)
    for ended in memberships:
        record_event(
            Action.MEMBER_REMOVED,
            request=request,
            actor=actor,
            subject=user,
            detail=_detail(ended.community, message),
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
            detail=_detail(membership.community),
        )
    _forget(membership.user, actor if actor.pk == membership.user_id else None)
    return membership


def check_can_demote(*, membership: Membership) -> None:
    community = membership.community
    if community.owner_id == membership.user_id:
        raise ValidationError(
            _(
                "The owner must stay a facilitator. Transfer ownership to another "
                "facilitator first."
            ),
            code="owner",
        )
    if _facilitator_ids(community.pk) == [membership.user_id]:
        raise ValidationError(
            _(
                "A community must always have a facilitator. Make another member "
                "a facilitator first."
            ),
            code="last_facilitator",
        )


def demote_facilitator(
    *, actor, membership: Membership, request: HttpRequest | None = None
) -> Membership:
    """A facilitator becomes a member again (never the last one, nor the owner)."""
    access.check_facilitate(actor, membership.community)
    if membership.role == Membership.Role.MEMBER:
        return membership
    with transaction.atomic():
        check_can_demote(membership=membership)
        membership.role = Membership.Role.MEMBER
        membership.save(update_fields=["role", "updated_at"])
        record_event(
            Action.FACILITATOR_DEMOTED,
            request=request,
            actor=actor,
            subject=membership.user,
            detail=_detail(membership.community),
        )
    _forget(membership.user, actor if actor.pk == membership.user_id else None)
    return membership


def can_transfer_ownership(actor, community: Community) -> bool:
    """The owner hands over; if there is none, any facilitator may take it on."""
    return access.can_facilitate(actor, community) and community.owner_id in (
        None,
        actor.pk,
    )


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
    if not can_transfer_ownership(actor, community):
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
            detail=_detail(
                community, f"from: {previous.email if previous else 'nobody'}"
            ),
        )
    return community
