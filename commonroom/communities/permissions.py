"""Who may do what with communities, their members and invitations.

Built on the access kernel (``communities.access``), which decides who sees,
reads and facilitates a community; these are the rules on top for each action
(changing an archived community, joining, asking to join, leaving, removing
someone, stepping down, answering an invitation). Services call them before
changing anything, and pages ask the same functions which buttons to offer.

How refusals come back (as ``services.membership`` describes):

- ``Http404``: the community (or invitation) is not the person's to know about;
- ``PermissionDenied``: they may not do this at all;
- ``ValidationError`` with a ``code``: a rule of the community stops it for now
  (archived, parent membership needed, last facilitator...), with a message to
  show the person.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from commonroom.communities import access
from commonroom.communities.models import Community, Invitation, Membership
from commonroom.communities.selectors import communities as selectors

# Communities ----------------------------------------------------------------------


def check_live(community: Community) -> None:
    """Archived (read-only) and waiting communities accept no changes."""
    if community.status == Community.Status.ARCHIVED:
        raise PermissionDenied(
            _("%(name)s is archived: it is read-only until a facilitator restores it.")
            % {"name": community.name}
        )
    if community.status != Community.Status.LIVE:
        raise PermissionDenied(
            _("%(name)s is waiting for approval.") % {"name": community.name}
        )


def can_have_sub_communities(community: Community) -> bool:
    """Sub-communities nest at most two deep (``selectors.MAX_ANCESTORS``)."""
    return len(selectors.ancestors_of(community)) < selectors.MAX_ANCESTORS


def check_create_sub_community(actor, parent: Community) -> None:
    """Facilitators of a live community that is not nested two deep already."""
    access.check_facilitate(actor, parent)
    check_live(parent)
    if not can_have_sub_communities(parent):
        raise PermissionDenied(
            _(
                "%(name)s is already a sub-community of a sub-community, so it "
                "cannot have sub-communities of its own."
            )
            % {"name": parent.name}
        )


# Joining, requests and invitations -------------------------------------------------


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


# Leaving, removing and roles ------------------------------------------------------


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


def facilitator_ids(community_id: int) -> list[int]:
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


def check_hand_over(
    *, user, community: Community, membership: Membership, viewer
) -> None:
    """The last facilitator and the owner must hand over before going."""
    themselves = viewer.pk == user.pk
    if membership.role == Membership.Role.FACILITATOR and facilitator_ids(
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


def memberships_to_end(*, user, community: Community, viewer) -> list[Membership]:
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
            check_hand_over(
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
    check_hand_over(user=user, community=community, membership=membership, viewer=user)
    memberships_to_end(user=user, community=community, viewer=user)


def check_can_remove(*, actor, membership: Membership) -> None:
    """May this facilitator remove this member? Raises with the reason if not."""
    if membership.user_id == actor.pk:
        raise ValidationError(
            _("You cannot remove yourself. Leave the community instead."),
            code="self",
        )
    check_hand_over(
        user=membership.user,
        community=membership.community,
        membership=membership,
        viewer=actor,
    )


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
    if facilitator_ids(community.pk) == [membership.user_id]:
        raise ValidationError(
            _(
                "A community must always have a facilitator. Make another member "
                "a facilitator first."
            ),
            code="last_facilitator",
        )


def can_transfer_ownership(actor, community: Community) -> bool:
    """The owner hands over; if there is none, any facilitator may take it on."""
    return access.can_facilitate(actor, community) and community.owner_id in (
        None,
        actor.pk,
    )


# Invitations ----------------------------------------------------------------------


def is_invitation_expired(invitation: Invitation, *, now=None) -> bool:
    return invitation.expires_at <= (now or timezone.now())


def is_invitee(user, invitation: Invitation) -> bool:
    """Is the person signed in as the one the invitation was sent to?"""
    return bool(
        user.is_authenticated
        and (
            invitation.user_id == user.pk
            or user.email.lower() == invitation.email.lower()
        )
    )


def check_invitee(actor, invitation: Invitation) -> None:
    """Only the invited person may see or answer an invitation."""
    if actor is None or not is_invitee(actor, invitation):
        raise Http404("No invitation")


def check_can_answer(invitation: Invitation) -> None:
    """Is the invitation still open? Raises with what happened to it if not."""
    if invitation.status == Invitation.Status.REVOKED:
        raise ValidationError(
            _("This invitation has been withdrawn by the community’s facilitators."),
            code="revoked",
        )
    if invitation.status == Invitation.Status.ACCEPTED:
        raise ValidationError(
            _("You have already accepted this invitation."), code="accepted"
        )
    if invitation.status == Invitation.Status.DECLINED:
        raise ValidationError(
            _("You have already declined this invitation."), code="declined"
        )
    if is_invitation_expired(invitation):
        raise ValidationError(
            _(
                "This invitation has expired. Ask a facilitator of the community "
                "to invite you again."
            ),
            code="expired",
        )


def check_can_accept(actor, invitation: Invitation) -> None:
    """May the invited person join now? (Declining needs only ``check_can_answer``.)"""
    check_can_answer(invitation)
    check_accepting_members(invitation.community)
    check_parent_membership(actor, invitation.community)
