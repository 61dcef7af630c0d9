"""One person in each role towards a community, for the kernel's matrices."""

from django.contrib.auth.models import AnonymousUser

from commonroom.accounts.models import User
from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.models import Community, Membership
from commonroom.communities.tests.factories import CommunityFactory, MembershipFactory

ROLES = (
    "visitor",
    "pending account",
    "member elsewhere",
    "member",
    "facilitator",
    "removed",
    "administrator",
)


def people_in_every_role(community) -> dict[str, User | None]:
    """Each of ``ROLES`` towards ``community``; the facilitator created it."""

    def member(role=Membership.Role.MEMBER, of=community):
        return MembershipFactory(community=of, role=role).user

    facilitator = member(Membership.Role.FACILITATOR)
    Community.objects.filter(pk=community.pk).update(created_by=facilitator)
    removed = member()
    Membership.objects.filter(user=removed, community=community).delete()
    return {
        "visitor": None,
        "pending account": UserFactory(approval_status=User.ApprovalStatus.PENDING),
        "member elsewhere": member(of=CommunityFactory()),
        "member": member(),
        "facilitator": facilitator,
        "removed": removed,
        "administrator": UserFactory(is_staff=True),
    }


def fresh(user):
    """A new user object, so no access is cached from an earlier question."""
    return AnonymousUser() if user is None else User.objects.get(pk=user.pk)
