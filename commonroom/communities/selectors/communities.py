from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404

from commonroom.communities import access
from commonroom.communities.models import Community, Membership


def listed_communities(*, query: str = "") -> QuerySet[Community]:
    """The directory: listed communities, A–Z, optionally matching words."""
    communities = Community.objects.listed().select_related("service_area")
    for word in query.split()[:10]:
        communities = communities.filter(
            Q(name__icontains=word) | Q(purpose__icontains=word)
        )
    return communities.order_by(Lower("name"), "pk")


def get_community_for_summary(*, user, slug: str) -> Community:
    community = get_object_or_404(
        Community.objects.select_related("service_area"), slug=slug
    )
    access.check_see_community(user, community)
    return community


def facilitators_of(community: Community) -> list[Membership]:
    return list(
        community.memberships.filter(role=Membership.Role.FACILITATOR)
        .select_related("user__profile__organisation")
        .order_by("user__full_name")
    )
