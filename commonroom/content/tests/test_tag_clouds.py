"""Tag clouds: the site's (``/tags/``) and each community's (on its hub),
weighted by use on live content the reader may read, A–Z, in a few sizes."""

import dataclasses
import re

import pytest

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.models import Community, Membership
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.content import registry, selectors
from commonroom.content.services import delete_content
from commonroom.core.testing.queries import session_queries
from commonroom.forums.kinds import REPLY
from commonroom.forums.tests.factories import (
    facilitator_of,
    member_of,
    reply_to,
    start_thread,
)
from commonroom.moderation.services import hide_content
from commonroom.tags.models import Tag
from commonroom.tags.services import set_tags

pytestmark = pytest.mark.django_db


def _cloud_of(html: str) -> list[tuple[str, str, str]]:
    """(size step, name, what screen readers hear of the count) for each tag
    in the page's cloud, in the page's order."""
    return re.findall(
        r'commonroom-tag-cloud__item--(\d)"><a class="[^"]*" href="/tags/[^"]*/">'
        r'([^<]*)<span class="govuk-visually-hidden">, ([^<]*)</span>',
        html,
    )


def _names(html: str) -> list[str]:
    return [name for _, name, _ in _cloud_of(html)]


def test_the_site_cloud_counts_only_what_the_reader_may_read(client):
    planners = CommunityFactory(name="Planners")
    private = CommunityFactory(visibility=Community.Visibility.PRIVATE)
    for _ in range(3):
        start_thread(planners, tags=["Local plans"])
    start_thread(private, tags=["Local plans"])
    start_thread(private, tags=["Operation Nightjar"])
    hidden = start_thread(planners, tags=["Hidden topic", "Local plans"])
    hide_content(actor=facilitator_of(planners), obj=hidden)
    deleted = start_thread(planners, tags=["Deleted topic"])
    delete_content(actor=deleted.author, obj=deleted)
    client.force_login(member_of(planners, email="reader@leeds.gov.uk"))

    cloud = _cloud_of(client.get("/tags/").content.decode())

    # Neither the private community's tag nor its uses; nothing hidden or deleted.
    assert cloud == [("1", "Local plans", "3 items")]

    client.force_login(Membership.objects.filter(community=private).first().user)
    html = client.get("/tags/").content.decode()
    assert [(name, heard) for _, name, heard in _cloud_of(html)] == [
        ("Local plans", "4 items"),
        ("Operation Nightjar", "1 item"),
    ]


def test_the_site_cloud_is_a_to_z_sized_by_use_and_capped(client):
    community = CommunityFactory(public_reading=True)
    for uses, name in [(1, "zebra crossings"), (9, "Air quality"), (3, "Moorings")]:
        for _ in range(uses):
            start_thread(community, tags=[name])

    html = client.get("/tags/").content.decode()

    assert _cloud_of(html) == [
        ("5", "Air quality", "9 items"),
        ("3", "Moorings", "3 items"),
        ("1", "zebra crossings", "1 item"),
    ]
    capped = selectors.site_tag_cloud(viewer=UserFactory(), limit=2)
    assert [tag.name for tag in capped] == ["Air quality", "Moorings"]


def test_the_site_cloud_says_when_nothing_is_tagged(client):
    private = CommunityFactory(visibility=Community.Visibility.PRIVATE)
    start_thread(private, tags=["Operation Nightjar"])

    html = client.get("/tags/").content.decode()

    assert "Nothing you can read has been tagged yet." in html
    assert "Nightjar" not in html


def test_the_site_cloud_costs_the_same_however_many_tags(client, queries):
    community = CommunityFactory()
    start_thread(community, tags=["One"])
    client.force_login(member_of(community, email="reader@leeds.gov.uk"))
    # The session and user, memberships, the cloud.
    budget = 3 + session_queries()
    with queries(budget):
        client.get("/tags/")

    for n in range(30):
        start_thread(community, tags=[f"Tag {n}", f"Other {n % 4}"])
    with queries(budget):
        html = client.get("/tags/").content.decode()
    assert len(_cloud_of(html)) == 35


def test_a_communitys_cloud_is_on_its_hub_for_its_readers(client):
    community = CommunityFactory(visibility=Community.Visibility.RESTRICTED)
    elsewhere = CommunityFactory()
    start_thread(community, tags=["Damp and mould", "Licensing"])
    start_thread(community, tags=["Damp and mould"])
    start_thread(elsewhere, tags=["Elsewhere only"])
    hidden = start_thread(community, tags=["Hidden topic"])
    facilitator = facilitator_of(community)
    hide_content(actor=facilitator, obj=hidden)

    client.force_login(member_of(community, email="reader@leeds.gov.uk"))
    html = client.get(f"/communities/{community.slug}/").content.decode()
    assert "Tags used here" in html
    assert _cloud_of(html) == [
        ("5", "Damp and mould", "2 items"),
        ("1", "Licensing", "1 item"),
    ]
    # Facilitators may read hidden posts, but the cloud counts live ones only.
    client.force_login(facilitator)
    assert (
        "Hidden topic"
        not in client.get(f"/communities/{community.slug}/").content.decode()
    )
    # Those who may not read the community get no cloud at all.
    client.force_login(member_of(elsewhere, email="outsider@leeds.gov.uk"))
    html = client.get(f"/communities/{community.slug}/").content.decode()
    assert "Tags used here" not in html
    assert "Damp and mould" not in html


def test_a_hub_without_tags_has_no_cloud(client):
    community = CommunityFactory(public_reading=True)
    start_thread(community)

    html = client.get(f"/communities/{community.slug}/").content.decode()

    assert "Tags used here" not in html
    assert "commonroom-tag-cloud" not in html


@pytest.fixture
def replies_are_tagged():
    registry.register_kind(dataclasses.replace(REPLY, tagged=True))
    yield
    registry.register_kind(REPLY)


def test_clouds_and_the_tag_page_leave_out_replies_in_hidden_threads(
    client, replies_are_tagged
):
    """A reply is live only while its thread is: a facilitator, who may read
    a hidden thread, does not find its replies in lists either."""
    community = CommunityFactory()
    thread = start_thread(community, title="Hidden thread")
    reply = reply_to(thread)
    set_tags(reply, [Tag.objects.create(name="Buried", slug="buried")])
    facilitator = facilitator_of(community)
    hide_content(actor=facilitator, obj=thread)
    client.force_login(facilitator)

    assert "Buried" not in client.get("/tags/").content.decode()
    assert (
        "Buried" not in client.get(f"/communities/{community.slug}/").content.decode()
    )
    page = client.get("/tags/buried/")
    # The facilitator may still read the reply, so the tag exists for them.
    assert page.status_code == 200
    assert "Nothing you can read has this tag yet." in page.content.decode()


def test_the_hubs_topics_and_cloud_come_in_one_query(django_assert_num_queries):
    """Every topic, used or not, and exactly the most used tags, whatever the
    cap: topics do not crowd used tags out of the cloud, nor the reverse."""
    community = CommunityFactory()
    reader = member_of(community, email="reader@leeds.gov.uk")
    topics = [Tag.objects.create(name=f"Topic {n}", slug=f"topic-{n}") for n in "ab"]
    community.tags.add(*topics)
    for uses, name in [(4, "Topic a"), (3, "Three"), (2, "Two"), (1, "One")]:
        for _ in range(uses):
            start_thread(community, tags=[name])
    selectors.topic_cloud(community=community, viewer=reader, limit=2)  # compiled

    with django_assert_num_queries(1):
        loaded = selectors.topic_cloud(community=community, viewer=reader, limit=2)

    assert [tag.name for tag in loaded.topics] == ["Topic a", "Topic b"]
    assert [(tag.name, tag.uses) for tag in loaded.cloud] == [
        ("Three", 3),
        ("Topic a", 4),
    ]
