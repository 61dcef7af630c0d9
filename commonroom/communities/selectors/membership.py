"""Reads for joining, requests, invitations and member lists.

Every page here loads its community through the page layer
(``commonroom.communities.pages``), which asks the access kernel whether the
person may know it exists (private communities are "not found" to outsiders).
Lists select what their rows show, so each page has a fixed number of queries
whatever the number of rows.
"""

import hashlib

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Lower
from django.http import Http404
from django.shortcuts import get_object_or_404

from commonroom.accounts.querysets import listed_people_q
from commonroom.communities.models import (
    Community,
    Invitation,
    Membership,
    MembershipRequest,
)


def token_digest(token: str) -> str:
    """What is stored for an invitation link's token: only its SHA-256 digest."""
    return hashlib.sha256(token.encode()).hexdigest()


# Requests to join ---------------------------------------------------------------


def open_requests(*, community: Community) -> QuerySet[MembershipRequest]:
    """The facilitators' queue: undecided requests, oldest first."""
    return (
        community.membership_requests.filter(status__in=MembershipRequest.OPEN_STATUSES)
        .select_related("user__profile__organisation")
        .order_by("created_at", "pk")
    )


def get_request(*, community: Community, request_id: int) -> MembershipRequest:
    return get_object_or_404(
        community.membership_requests.select_related(
            "user__profile__organisation", "community"
        ),
        pk=request_id,
    )


def latest_request_of(*, user, community: Community) -> MembershipRequest | None:
    """The person's most recent request to join, decided or not."""
    return (
        community.membership_requests.filter(user_id=user.pk)
        .order_by("-created_at", "-pk")
        .first()
    )


def get_open_request_of(*, user, community: Community) -> MembershipRequest:
    request = (
        community.membership_requests.filter(
            user_id=user.pk, status__in=MembershipRequest.OPEN_STATUSES
        )
        .select_related("community", "user")
        .first()
    )
    if request is None:
        raise Http404("No open request")
    return request


# Invitations --------------------------------------------------------------------


def invitations_of(*, community: Community) -> QuerySet[Invitation]:
    """Every invitation the community has sent, newest first."""
    return community.invitations.select_related("user", "invited_by").order_by(
        "-created_at", "-pk"
    )


def get_invitation(*, community: Community, invitation_id: int) -> Invitation:
    return get_object_or_404(
        community.invitations.select_related("community", "user"), pk=invitation_id
    )


def get_invitation_by_token(*, token: str) -> Invitation:
    """The invitation behind a link; "not found" for anything else."""
    if not 20 <= len(token) <= 100:
        raise Http404("No invitation")
    return get_object_or_404(
        Invitation.objects.select_related("community__parent", "invited_by"),
        token=token_digest(token),
    )


# Members ------------------------------------------------------------------------


def members_of(*, community: Community) -> QuerySet[Membership]:
    """Listed members (``accounts.querysets.listed_people_q``), facilitators
    first, then by name."""
    return (
        community.memberships.filter(listed_people_q(prefix="user__"))
        .select_related("user__profile__organisation")
        .annotate(
            role_order=Case(
                When(role=Membership.Role.FACILITATOR, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("role_order", Lower("user__full_name"), "pk")
    )


def get_membership(*, community: Community, user_id: int) -> Membership:
    membership = get_object_or_404(
        community.memberships.filter(listed_people_q(prefix="user__")).select_related(
            "user__profile__organisation"
        ),
        user_id=user_id,
    )
    membership.community = community
    return membership


def membership_of(*, user, community: Community) -> Membership | None:
    if not user.is_authenticated:
        return None
    return (
        community.memberships.filter(user_id=user.pk)
        .select_related("community")
        .first()
    )


def facilitator_count(*, community: Community) -> int:
    return community.memberships.filter(role=Membership.Role.FACILITATOR).count()


def q_invited(*, user) -> Q:
    """Invitations addressed to the person, by account or by email address."""
    return Q(user_id=user.pk) | Q(email__iexact=user.email)
