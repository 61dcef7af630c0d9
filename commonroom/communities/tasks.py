"""Emails about membership: decisions on requests, invitations, removals.

Each job takes ids (and, for an invitation, the link's token, which is never
stored), loads what it needs and sends one email with a text and an HTML part.
If the row has gone or the state has moved on, it logs that and sends nothing.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from huey.contrib.djhuey import db_task

from commonroom.communities.models import Community, Invitation, MembershipRequest

logger = logging.getLogger(__name__)


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _send(*, to: str, subject: str, template: str, context: dict) -> None:
    context = {"site_url": settings.SITE_URL, **context}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"communities/email/{template}.txt", context),
        to=[to],
    )
    message.attach_alternative(
        render_to_string(f"communities/email/{template}.html", context), "text/html"
    )
    message.send()


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
    with translation.override(settings.LANGUAGE_CODE):
        if status == MembershipRequest.Status.APPROVED:
            subject = _("You are now a member of %(community)s")
            path = reverse("community-detail", args=[community.slug])
        elif status == MembershipRequest.Status.REJECTED:
            subject = _("Your request to join %(community)s")
            path = reverse("community-detail", args=[community.slug])
        elif status == MembershipRequest.Status.MORE_INFORMATION:
            subject = _("%(community)s: the facilitators have a question for you")
            path = reverse("community-join-request", args=[community.slug])
        else:
            logger.info("Request %s is %s: no email", membership_request_id, status)
            return
        _send(
            to=user.email,
            subject=subject % {"community": community.name},
            template="request_decision",
            context={
                "user": user,
                "community": community,
                "status": status,
                "response": membership_request.response,
                "link": _absolute(path),
            },
        )


@db_task()
def send_request_decision_task(*, membership_request_id: int) -> None:
    send_request_decision(membership_request_id=membership_request_id)


def send_invitation(*, invitation_id: int, token: str) -> None:
    """Send an invitation with its link; people not yet registered are told how."""
    invitation = (
        Invitation.objects.select_related("community", "invited_by", "user")
        .filter(pk=invitation_id, status=Invitation.Status.PENDING)
        .first()
    )
    if invitation is None:
        logger.info("Invitation %s is no longer pending: no email", invitation_id)
        return
    community = invitation.community
    inviter = invitation.invited_by
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            to=invitation.email,
            subject=_("You are invited to join %(community)s on Commonroom")
            % {"community": community.name},
            template="invitation",
            context={
                "invitation": invitation,
                "community": community,
                "inviter_name": inviter.full_name if inviter else _("A facilitator"),
                "registered": invitation.user_id is not None,
                "link": _absolute(reverse("invitation-respond", args=[token])),
            },
        )


@db_task()
def send_invitation_task(*, invitation_id: int, token: str) -> None:
    send_invitation(invitation_id=invitation_id, token=token)


def send_removal_notice(*, community_id: int, user_id: int, message: str) -> None:
    """Tell someone a facilitator removed them from a community, and why."""
    community = Community.objects.filter(pk=community_id).first()
    user = get_user_model().objects.filter(pk=user_id).first()
    if community is None or user is None:
        logger.info("Community %s or user %s has gone: no email", community_id, user_id)
        return
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            to=user.email,
            subject=_("You have been removed from %(community)s")
            % {"community": community.name},
            template="removal",
            context={
                "user": user,
                "community": community,
                "message": message,
                "link": _absolute(reverse("community-directory")),
            },
        )


@db_task()
def send_removal_notice_task(*, community_id: int, user_id: int, message: str) -> None:
    send_removal_notice(community_id=community_id, user_id=user_id, message=message)


# Community decisions (the other helper's: creation and approval) ---------------
# Rebuilt after this file was overwritten by mistake; the original's body was
# lost. Signature, template and context as services/communities.py and
# communities/email/community_decision.* use them.


def send_community_decision(
    *, user_id: int, community_name: str, community_id: int | None, reason: str
) -> None:
    """Tell a community's creator whether an administrator approved it."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        logger.info("User %s has gone: no email", user_id)
        return
    approved = community_id is not None
    community = Community.objects.filter(pk=community_id).first() if approved else None
    if approved and community is None:
        logger.info("Community %s has gone: no email", community_id)
        return
    with translation.override(settings.LANGUAGE_CODE):
        if approved:
            subject = _("Your community %(community)s is live")
        else:
            subject = _("Your community %(community)s was not approved")
        _send(
            to=user.email,
            subject=subject % {"community": community_name},
            template="community_decision",
            context={
                "user": user,
                "approved": approved,
                "community_name": community_name,
                "community_url": _absolute(
                    reverse("community-detail", args=[community.slug])
                )
                if community is not None
                else "",
                "reason": reason,
                "create_url": _absolute("/communities/new/"),
            },
        )


@db_task()
def send_community_decision_task(
    *, user_id: int, community_name: str, community_id: int | None, reason: str
) -> None:
    send_community_decision(
        user_id=user_id,
        community_name=community_name,
        community_id=community_id,
        reason=reason,
    )
