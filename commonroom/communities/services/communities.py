from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from commonroom.communities.models import Community, Membership


def synchronize_member_counts() -> None:
    """Rebuild every community's member count from its memberships."""
    counts = (
        Membership.objects.filter(community=OuterRef("pk"), user__is_active=True)
        .order_by()
        .values("community")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Community.objects.update(member_count=Coalesce(Subquery(counts), 0))
