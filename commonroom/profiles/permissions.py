"""Who may see a member's profile details.

A member chooses whether their details (job title, photo, biography, service
areas, expertise, online presence) are seen by all signed-in members or only by
members of communities they belong to. Name and organisation are always shown to
signed-in members. Visitors see no profiles.
"""

from django.db.models import Exists, OuterRef, Q

from commonroom.communities.models import Membership
from commonroom.profiles.models import Profile


def shares_a_community_q(viewer, *, user_field: str = "pk") -> Q:
    """Rows whose user (``user_field``) shares at least one community with viewer."""
    viewer_communities = Membership.objects.filter(user_id=viewer.pk).values(
        "community_id"
    )
    return Q(
        Exists(
            Membership.objects.filter(
                user_id=OuterRef(user_field), community_id__in=viewer_communities
            )
        )
    )


def details_visible_q(viewer, *, prefix: str = "") -> Q:
    """Users (or rows reaching a user through ``prefix``) whose details viewer sees.

    For a User queryset use no prefix; for a Profile queryset pass
    ``prefix="user__"``. Platform administrators see everyone's details.
    """
    if not viewer.is_authenticated:
        return Q(pk__in=[])
    if viewer.is_staff:
        return Q()
    user_field = f"{prefix}pk"
    return (
        Q(**{f"{prefix}profile__privacy": Profile.Privacy.ALL_MEMBERS})
        | Q(**{user_field: viewer.pk})
        | shares_a_community_q(viewer, user_field=user_field)
    )


def can_see_details(viewer, user) -> bool:
    """May ``viewer`` see ``user``'s profile details? (one query at most)"""
    if not viewer.is_authenticated:
        return False
    if viewer.pk == user.pk or viewer.is_staff:
        return True
    profile = getattr(user, "profile", None)
    if profile is None or profile.privacy == Profile.Privacy.ALL_MEMBERS:
        return True
    return Membership.objects.filter(
        user_id=user.pk,
        community_id__in=Membership.objects.filter(user_id=viewer.pk).values(
            "community_id"
        ),
    ).exists()
