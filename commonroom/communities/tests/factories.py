import factory

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.models import Community, Membership, Notice


class CommunityFactory(factory.django.DjangoModelFactory):
    """An open, live community; ``CommunityFactory(visibility="private")`` etc."""

    class Meta:
        model = Community

    name = factory.Sequence(lambda n: f"Planning Enforcement Network {n}")
    slug = factory.Sequence(lambda n: f"planning-enforcement-network-{n}")
    purpose = "For planning enforcement officers to share approaches to breaches."
    visibility = Community.Visibility.OPEN


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    community = factory.SubFactory(CommunityFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER


class NoticeFactory(factory.django.DjangoModelFactory):
    """A pinned notice; ``NoticeFactory(is_pinned=False)`` for an unpinned one."""

    class Meta:
        model = Notice

    community = factory.SubFactory(CommunityFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Quarterly meeting {n}")
    body = "We meet on Teams on the first Tuesday of the month."
    is_pinned = True
