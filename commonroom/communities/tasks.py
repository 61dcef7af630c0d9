"""Emails about membership: decisions on requests, invitations, removals.

Each job takes ids (and, for an invitation, the link's token, which is never
stored), loads what it needs and sends one email with a text and an HTML part.
If the row has gone or the state has moved on, it logs that and sends nothing.
"""

import logging

from django.contrib.auth import get_user_model
from django.urls import reverse
from huey.contrib.djhuey import db_task

from commonroom.communities.models import Community, Invitation, MembershipRequest
from commonroom.core.email import absolute_url, language_of, send_email

logger = logging.getLogger(__name__)


def send_request_decision(*, membership_request_id: int) -> None:
    """Tell an applicant what the facilitators decided, or what they asked."""
    membership_request = (
        MembershipRequest.objects.select_related("community", "user")
        .filter(pk=membership_request_id)
        .first()
    )
    if membership_request is None:
        logger.info("Request %s has gone: no email", membership_request_id)
        return
    community, user = membership_request.community, membership_request.user
    status = membership_request.status
    if status in (
        MembershipRequest.Status.APPROVED,
        MembershipRequest.Status.REJECTED,
    ):
        path = reverse("community-detail", args=[community.slug])
    elif status == MembershipRequest.Status.MORE_INFORMATION:
        path = reverse("community-join-request", args=[community.slug])
    else:
        logger.info("Request %s is %s: no email", membership_request_id, status)
        return
    decided = membership_request.decided_at
    send_email(
        # Each decision (a second question, say) is its own email.
        key=f"join-request:{membership_request.pk}:{status}:"
        f"{decided.isoformat() if decided else ''}",
        to=user.email,
        template="communities/email/request_decision",
        language=language_of(user),
        context={
            "user": user,
            "community": community,
            "status": status,
            "response": membership_request.response,
            "link": absolute_url(path),
        },
    )


@db_task()
def send_request_decision_task(*, membership_request_id: int) -> None:
    send_request_decision(membership_request_id=membership_request_id)


def send_invitation(*, invitation_id: int, token: str) -> None:
    """Send an invitation with its link; people not yet registered are told how.

    In the invitee's language if they have an account, else the site's.
    """
    invitation = (
        Invitation.objects.select_related("community", "invited_by", "user")
        .filter(pk=invitation_id, status=Invitation.Status.PENDING)
        .first()
    )
    if invitation is None:
        logger.info("Invitation %s is no longer pending: no email", invitation_id)
        return
    inviter = invitation.invited_by
    send_email(
        # A renewed invitation has a new token (its digest is stored).
        key=f"invitation:{invitation.pk}:{invitation.token}",
        to=invitation.email,
        template="communities/email/invitation",
        language=language_of(invitation.user),
        context={
            "invitation": invitation,
            "community": invitation.community,
            "inviter_name": inviter.full_name if inviter else "",
            "registered": invitation.user_id is not None,
            "link": absolute_url(reverse("invitation-respond", args=[token])),
        },
    )


@db_task()
def send_invitation_task(*, invitation_id: int, token: str) -> None:
    send_invitation(invitation_id=invitation_id, token=token)


def send_removal_notice(
    *, community_id: int, user_id: int, message: str, removed_at: str = ""
) -> None:
    """Tell someone a facilitator removed them from a community, and why.

    ``removed_at`` (when it happened, ISO 8601) tells one removal from a later
    one after the person rejoined.
    """
    community = Community.objects.filter(pk=community_id).first()
    user = get_user_model().objects.filter(pk=user_id).first()
    if community is None or user is None:
        logger.info("Community %s or user %s has gone: no email", community_id, user_id)
        return
    send_email(
        key=f"removal:{community_id}:{user_id}:{removed_at}",
        to=user.email,
        template="communities/email/removal",
        language=language_of(user),
        context={
            "user": user,
            "community": community,
            "message": message,
            "link": absolute_url(reverse("community-directory")),
        },
    )


@db_task()
def send_removal_notice_task(
    *, community_id: int, user_id: int, message: str, removed_at: str = ""
) -> None:
    send_removal_notice(
        community_id=community_id,
        user_id=user_id,
        message=message,
        removed_at=removed_at,
    )


def send_community_decision(
    *,
    user_id: int,
    community_name: str,
    community_id: int | None,
    reason: str,
    decided_at: str = "",
) -> None:
    """Tell a community's creator whether an administrator approved it.

    A rejected community is deleted, so ``decided_at`` (ISO 8601) tells one
    rejection from a later one of a community with the same name.
    """
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        logger.info("User %s has gone: no email", user_id)
        return
    approved = community_id is not None
    community = Community.objects.filter(pk=community_id).first() if approved else None
    if approved and community is None:
        logger.info("Community %s has gone: no email", community_id)
        return
    if approved:
        key = f"community-approved:{community_id}"
    else:
        key = f"community-rejected:{user_id}:{community_name}:{decided_at}"
    send_email(
        key=key[:255],
        to=user.email,
        template="communities/email/community_decision",
        language=language_of(user),
        context={
            "user": user,
            "approved": approved,
            "community_name": community_name,
            "community_url": absolute_url(
                reverse("community-detail", args=[community.slug])
            )
            if community is not None
            else "",
            "reason": reason,
            "create_url": absolute_url(reverse("community-create")),
        },
    )


@db_task()
def send_community_decision_task(
    *,
    user_id: int,
    community_name: str,
    community_id: int | None,
    reason: str,
    decided_at: str = "",
) -> None:
    send_community_decision(
        user_id=user_id,
        community_name=community_name,
        community_id=community_id,
        reason=reason,
        decided_at=decided_at,
    )
