"""The tag page: everything with one tag that the reader may read, of every
kind, in one list (one ``TaggedItem`` table for all kinds)."""

import dataclasses
import re

import pytest
from django.contrib.contenttypes.models import ContentType

from commonroom.communities.models import Community, Membership
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.content import registry
from commonroom.content.services import delete_content
from commonroom.core.testing.queries import session_queries
from commonroom.forums.kinds import REPLY
from commonroom.forums.services.threads import move_thread
from commonroom.forums.tests.factories import (
    facilitator_of,
    member_of,
    reply_to,
    start_thread,
)
from commonroom.moderation.services import hide_content
from commonroom.profiles.models import Profile
from commonroom.tags.models import Tag, TaggedItem
from commonroom.tags.selectors import tags_of
from commonroom.tags.services import set_tags

pytestmark = pytest.mark.django_db


def _as_read(response, slug: str) -> str:
    """The page without the address asked for, the per-request nonce and the
    (masked, so per-request) CSRF token of the header's sign-out form."""
    html = response.content.decode().replace(slug, "")
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'nonce="[^"]*"', "", html)


@pytest.fixture
def replies_are_tagged():
    """Another tagged kind: replies, registered as tagged for this test."""
    registry.register_kind(dataclasses.replace(REPLY, tagged=True))
    yield
    registry.register_kind(REPLY)


def test_the_tag_page_lists_only_what_the_reader_may_read(client):
    open_community = CommunityFactory(name="Planners")
    private = CommunityFactory(
        name="Secret planners", visibility=Community.Visibility.PRIVATE
    )
    shown = start_thread(open_community, title="Viability reviews", tags=["s106"])
    hidden = start_thread(open_community, title="Hidden one", tags=["s106"])
    deleted = start_thread(open_community, title="Deleted one", tags=["s106"])
    start_thread(private, title="Private one", tags=["s106"])
    facilitator = facilitator_of(open_community, email="fac@leeds.gov.uk")
    hide_content(actor=facilitator, obj=hidden)
    delete_content(actor=deleted.author, obj=deleted)
    reader = member_of(open_community, email="reader@leeds.gov.uk")
    client.force_login(reader)

    html = client.get("/tags/s106/").content.decode()

    assert "Viability reviews" in html
    assert shown.get_absolute_url() in html
    for title in ("Hidden one", "Deleted one", "Private one"):
        assert title not in html
    # Facilitators may read hidden posts, but a list shows live ones only.
    client.force_login(facilitator)
    assert "Hidden one" not in client.get("/tags/s106/").content.decode()
    # Members of the private community see its thread too.
    insider = Membership.objects.filter(community=private).first().user
    client.force_login(insider)
    assert "Private one" in client.get("/tags/s106/").content.decode()


def test_a_tag_used_only_where_the_reader_cannot_read_is_not_found(client):
    private = CommunityFactory(visibility=Community.Visibility.PRIVATE)
    start_thread(private, tags=["Operation Nightjar"])
    client.force_login(member_of(CommunityFactory(), email="out@leeds.gov.uk"))

    unknown = client.get("/tags/no-such-tag/")
    private_only = client.get("/tags/operation-nightjar/")

    assert unknown.status_code == private_only.status_code == 404
    assert "Nightjar" not in private_only.content.decode()
    assert _as_read(unknown, "no-such-tag") == _as_read(
        private_only, "operation-nightjar"
    )


def test_visitors_see_the_tag_page_of_what_visitors_may_read(client):
    """Visitors read open communities that allow public reading, and nothing
    else: the tag page shows them exactly that, and every other tag is "not
    found" just like a missing one."""
    public = CommunityFactory(name="Flood wardens", public_reading=True)
    members_only = CommunityFactory(name="Members-only planners")
    private = CommunityFactory(visibility=Community.Visibility.PRIVATE)
    shown = start_thread(public, title="Sandbag stores", tags=["Flooding"])
    start_thread(members_only, title="Members-only flood plans", tags=["Flooding"])
    start_thread(members_only, tags=["Culverts"])
    start_thread(private, tags=["Operation Nightjar"])
    # Someone's expertise, on a profile visitors cannot open.
    expert = member_of(private, email="expert@leeds.gov.uk")
    expert.profile.expertise.add(Tag.objects.get(slug="operation-nightjar"))

    page = client.get("/tags/flooding/")

    assert page.status_code == 200
    html = page.content.decode()
    assert "Sandbag stores" in html
    assert shown.get_absolute_url() in html
    assert "Members-only flood plans" not in html
    assert "1 post" in html
    # Each result names its community, as a link to it.
    assert f'href="/communities/{public.slug}/">Flood wardens</a>' in html
    unknown = client.get("/tags/no-such-tag/")
    for slug, name in [("culverts", "Culverts"), ("operation-nightjar", "Nightjar")]:
        refused = client.get(f"/tags/{slug}/")
        assert refused.status_code == unknown.status_code == 404
        assert name not in refused.content.decode()
        assert _as_read(refused, slug) == _as_read(unknown, "no-such-tag")
    # Signed in, the same expertise is on a profile the member may open.
    client.force_login(member_of(CommunityFactory(), email="reader@leeds.gov.uk"))
    assert client.get("/tags/operation-nightjar/").status_code == 200
    assert "Members-only flood plans" in client.get("/tags/flooding/").content.decode()


def test_expertise_shows_a_tag_only_to_those_who_may_see_the_profile(client):
    """A tag that is only someone's expertise is seen where their details are:
    a member who may not see them gets "not found", as for a missing tag."""
    private = CommunityFactory(visibility=Community.Visibility.PRIVATE)
    start_thread(private, tags=["Operation Nightjar"])
    expert = member_of(private, email="expert@leeds.gov.uk")
    expert.profile.privacy = Profile.Privacy.MY_COMMUNITIES
    expert.profile.save()
    expert.profile.expertise.add(Tag.objects.get(slug="operation-nightjar"))
    stranger = member_of(CommunityFactory(), email="stranger@leeds.gov.uk")
    colleague = member_of(CommunityFactory(), email="colleague@leeds.gov.uk")
    Membership.objects.create(
        community=colleague.memberships.get().community, user=expert
    )

    client.force_login(stranger)
    refused = client.get("/tags/operation-nightjar/")
    unknown = client.get("/tags/no-such-tag/")
    client.force_login(colleague)
    shown = client.get("/tags/operation-nightjar/")

    assert refused.status_code == 404
    assert _as_read(refused, "operation-nightjar") == _as_read(unknown, "no-such-tag")
    assert shown.status_code == 200
    assert "Operation Nightjar" in shown.content.decode()


def test_the_tag_page_pages_across_kinds(client, replies_are_tagged):
    community = CommunityFactory()
    thread = start_thread(community, title="Thread with the tag", tags=["hmo"])
    reply = reply_to(thread, body="A reply with the tag")
    set_tags(reply, list(Tag.objects.filter(slug="hmo")))
    # A reply in a hidden thread is not readable: its container is not.
    hidden_thread = start_thread(community, title="Hidden thread")
    hidden_reply = reply_to(hidden_thread, body="Inside a hidden thread")
    set_tags(hidden_reply, list(Tag.objects.filter(slug="hmo")))
    hide_content(actor=facilitator_of(community), obj=hidden_thread)
    for n in range(20):
        start_thread(community, title=f"Filler {n}", tags=["hmo"])
    client.force_login(member_of(community, email="reader@leeds.gov.uk"))

    first = client.get("/tags/hmo/").content.decode()
    second = client.get("/tags/hmo/?page=2").content.decode()

    assert "22 posts" in first  # 21 threads and one reply, not the hidden one
    assert "Filler 19" in first
    assert "Reply to “Thread with the tag”" in second
    assert reply.get_absolute_url() in second
    assert "Thread with the tag" in second
    assert "Inside a hidden thread" not in first + second
    assert "Reply to “Hidden thread”" not in first + second


def test_the_tag_page_costs_the_same_however_long_the_page(client, queries):
    community = CommunityFactory()
    for n in range(20):
        start_thread(community, title=f"Thread {n}", tags=["flooding"])
    client.force_login(member_of(community, email="reader@leeds.gov.uk"))
    client.get("/tags/flooding/")

    # The session and user, the tag, memberships, the communities and the
    # people it is a topic of (none here: the posts alone show the tag), the
    # count, the page, the threads on it: one query per kind on the page, not
    # per item.
    with queries(8 + session_queries()):
        response = client.get("/tags/flooding/")
    assert response.content.decode().count("Thread ") >= 20


def test_tags_of_a_list_takes_one_query(django_assert_num_queries):
    community = CommunityFactory()
    threads = [start_thread(community, tags=[f"tag {n}", "common"]) for n in range(5)]
    fresh = list(
        type(threads[0]).objects.filter(pk__in=[t.pk for t in threads]).order_by("pk")
    )

    with django_assert_num_queries(1):
        tags_of(fresh)
        names = [[tag.name for tag in thread.tags.all()] for thread in fresh]

    assert names == [["common", f"tag {n}"] for n in range(5)]


def test_tagged_items_move_with_their_thread_and_go_with_hidden_replies(
    replies_are_tagged,
):
    community = CommunityFactory()
    destination = CommunityFactory()
    facilitator = facilitator_of(community)
    Membership.objects.create(
        community=destination, user=facilitator, role=Membership.Role.FACILITATOR
    )
    thread = start_thread(community, tags=["planning"])
    kept = reply_to(thread)
    hidden = reply_to(thread, body="Hidden reply")
    tag = Tag.objects.get(slug="planning")
    set_tags(kept, [tag])
    set_tags(hidden, [tag])
    hide_content(actor=facilitator, obj=hidden)

    move_thread(actor=facilitator, thread=thread, to=destination)

    reply_type = ContentType.objects.get_for_model(kept)
    assert set(TaggedItem.objects.values_list("object_id", "community")) == {
        (thread.pk, destination.pk),
        (kept.pk, destination.pk),
    }
    assert not TaggedItem.objects.filter(
        content_type=reply_type, object_id=hidden.pk
    ).exists()


def test_the_tag_page_names_communities_the_reader_may_know_of(client):
    tag = Tag.objects.create(name="Damp and mould", slug="damp-and-mould")
    listed = CommunityFactory(name="Housing Standards", visibility="restricted")
    private = CommunityFactory(
        name="Secret housing group", visibility=Community.Visibility.PRIVATE
    )
    for community in (listed, private):
        community.tags.add(tag)
    reader = member_of(CommunityFactory(), email="reader@leeds.gov.uk")
    client.force_login(reader)

    html = client.get("/tags/damp-and-mould/").content.decode()

    # A topic alone is enough for the page to exist: it lists no posts yet.
    assert "0 posts" in html
    assert "Nothing you can read has this tag yet." in html
    assert f'href="/communities/{listed.slug}/">Housing Standards</a>' in html
    assert "Secret housing group" not in html
    assert 'href="/communities/?tag=damp-and-mould"' in html
    Membership.objects.create(community=private, user=reader)
    html = client.get("/tags/damp-and-mould/").content.decode()
    assert "Secret housing group" in html


def test_the_tag_page_names_people_whose_details_the_reader_may_see(client):
    tag = Tag.objects.create(name="Damp and mould", slug="damp-and-mould")
    community = CommunityFactory(public_reading=True)
    start_thread(community, tags=["Damp and mould"])
    open_expert = member_of(CommunityFactory(), full_name="Ada Open")
    guarded = member_of(community, full_name="Gus Guarded")
    guarded.profile.privacy = Profile.Privacy.MY_COMMUNITIES
    guarded.profile.save()
    for expert in (open_expert, guarded):
        expert.profile.expertise.add(tag)

    visitor = client.get("/tags/damp-and-mould/").content.decode()
    client.force_login(member_of(CommunityFactory(), email="stranger@leeds.gov.uk"))
    stranger = client.get("/tags/damp-and-mould/").content.decode()
    client.force_login(member_of(community, email="colleague@leeds.gov.uk"))
    colleague = client.get("/tags/damp-and-mould/").content.decode()

    # Visitors see no profiles at all.
    assert "People with this expertise" not in visitor
    assert "Ada Open" not in visitor
    assert f'href="/people/{open_expert.pk}/">Ada Open</a>' in stranger
    assert "Gus Guarded" not in stranger
    assert "Ada Open" in colleague
    assert "Gus Guarded" in colleague
    assert 'href="/people/?expertise=damp-and-mould"' in colleague


def test_the_tag_page_with_communities_and_people_costs_the_same(client, queries):
    community = CommunityFactory()
    tag = Tag.objects.create(name="Flooding", slug="flooding")
    community.tags.add(tag)
    reader = member_of(community, email="reader@leeds.gov.uk")
    reader.profile.expertise.add(tag)
    start_thread(community, title="Thread 0", tags=["flooding"])
    client.force_login(reader)
    # The session and user, the tag, memberships, the communities with it as
    # a topic, the people with it as expertise, the count, the page and the
    # threads on it (one query per kind on the page, not per item).
    budget = 8 + session_queries()
    with queries(budget):
        client.get("/tags/flooding/")

    for n in range(1, 20):
        start_thread(community, title=f"Thread {n}", tags=["flooding"])
        other = CommunityFactory()
        other.tags.add(tag)
        member_of(other).profile.expertise.add(tag)
    with queries(budget):
        html = client.get("/tags/flooding/").content.decode()
    assert html.count("Thread ") >= 20
