import pytest

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.models import Community, Membership
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.forums.models import Reply, Thread


def join(community, user=None, *, role=Membership.Role.MEMBER):
    user = user or UserFactory()
    Membership.objects.create(community=community, user=user, role=role)
    return user


def post_thread(community, author, *, title="Enforcement notices after appeal"):
    thread = Thread.objects.create(
        community=community,
        author=author,
        title=title,
        body="Has anyone served a **notice** after an appeal was dismissed?",
        body_html="<p>Has anyone served a <strong>notice</strong> after an appeal "
        "was dismissed?</p>",
    )
    Community.objects.filter(pk=community.pk).update(post_count=1)
    return thread


def post_reply(thread, author, *, body="We did & it worked."):
    position = thread.last_position + 1
    reply = Reply.objects.create(
        community=thread.community,
        thread=thread,
        author=author,
        body=body,
        body_html=f"<p>{body.replace('&', '&amp;')}</p>",
        position=position,
    )
    Thread.objects.filter(pk=thread.pk).update(
        last_position=position, reply_count=thread.reply_count + 1
    )
    thread.last_position, thread.reply_count = position, thread.reply_count + 1
    community = thread.community
    Community.objects.filter(pk=community.pk).update(post_count=1 + position)
    return reply


@pytest.fixture
def community():
    return CommunityFactory(name="Planning Enforcement Network")


@pytest.fixture
def facilitator(community):
    return join(
        community,
        UserFactory(full_name="Fola Adeyemi"),
        role=Membership.Role.FACILITATOR,
    )


@pytest.fixture
def author(community):
    return join(community, UserFactory(full_name="Arthur Dent"))


@pytest.fixture
def member(community):
    return join(community, UserFactory(full_name="Mina Shah"))


@pytest.fixture
def thread(community, author):
    return post_thread(community, author)


@pytest.fixture
def reply(thread, author):
    return post_reply(thread, author)
