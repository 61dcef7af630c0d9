from dataclasses import dataclass

from django.contrib.auth import get_user_model

from commonroom.communities.models import Community
from commonroom.organisations.models import Organisation


@dataclass(frozen=True)
class PlatformFigures:
    communities: int
    members: int
    organisations: int


def get_platform_figures() -> PlatformFigures:
    """Live figures for the landing page: three counts, no more."""
    return PlatformFigures(
        communities=Community.objects.listed().count(),
        members=get_user_model().objects.listed().count(),
        organisations=Organisation.objects.with_members().count(),
    )


def get_most_active_communities(*, limit: int = 6) -> list[Community]:
    """The busiest listed communities, for visitors to see what is going on."""
    return list(
        Community.objects.listed()
        .most_active()
        .select_related("service_area")
        .only(
            "name",
            "slug",
            "purpose",
            "visibility",
            "member_count",
            "post_count",
            "service_area__name",
        )[:limit]
    )
