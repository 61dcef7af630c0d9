"""The access kernel: the one place that decides who may see which community.

Issue [3] grows this into the full kernel (``communities_readable_by`` and the
queryset filters every channel uses). Until then it answers one question: may
this person see that a community exists?
"""

from django.http import Http404

from commonroom.communities.models import Community


def can_see_community(user, community: Community) -> bool:
    """Listed communities are seen by everyone; others by members and admins."""
    if community.status == Community.Status.LIVE and community.visibility in {
        Community.Visibility.OPEN,
        Community.Visibility.RESTRICTED,
    }:
        return True
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return community.memberships.filter(user_id=user.pk).exists()


def check_see_community(user, community: Community) -> None:
    """Raise "not found" where even the community's existence is private."""
    if not can_see_community(user, community):
        raise Http404("No community here")
