"""Test data for the forum, made through the services so counters are right."""

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.models import Membership
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.forums.models import Thread
from commonroom.forums.services import threads as services


def member_of(community, *, role=Membership.Role.MEMBER, **user_fields):
    user = UserFactory(**user_fields)
    Membership.objects.create(community=community, user=user, role=role)
    return user


def facilitator_of(community, **user_fields):
    return member_of(community, role=Membership.Role.FACILITATOR, **user_fields)


def start_thread(community=None, author=None, **fields) -> Thread:
    community = community or CommunityFactory()
    author = author or member_of(community)
    fields.setdefault("title", "Enforcing against unauthorised HMOs")
    fields.setdefault("body", "How are other councils gathering evidence?")
    return services.create_thread(actor=author, community=community, **fields)


def reply_to(thread, author=None, body="We use council tax records.", **fields):
    author = author or member_of(thread.community)
    return services.post_reply(actor=author, thread=thread, body=body, **fields)


def tag_two_pages_of_threads(tag: str = "Flooding") -> list[Thread]:
    """25 threads tagged ``tag`` in two communities visitors may read, newest
    last: a tag page with a second page, for visitors and members alike."""
    wardens = CommunityFactory(name="Flood Wardens", public_reading=True)
    drainage = CommunityFactory(name="Drainage and SuDS Officers", public_reading=True)
    return [
        start_thread(
            wardens if number % 2 else drainage,
            title=f"Sandbag stores and flood warnings, round {number}",
            tags=[tag],
        )
        for number in range(25)
    ]
