"""The community hub, for each kind of community and each kind of viewer."""

import pytest

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.selectors import communities as selectors
from commonroom.communities.tests.factories import (
    CommunityFactory,
    MembershipFactory,
    NoticeFactory,
)
from commonroom.core.testing.queries import session_queries
from commonroom.forums.tests.factories import start_thread
from commonroom.tags.models import Tag

pytestmark = pytest.mark.django_db

KINDS = {
    "open": {"visibility": "open"},
    "public": {"visibility": "open", "public_reading": True},
    "restricted": {"visibility": "restricted"},
    "private": {"visibility": "private"},
}
ROLES = ["visitor", "outsider", "member", "facilitator"]
# (kind, role) pairs that may read the content.
READERS = {
    ("open", "outsider"),
    ("open", "member"),
    ("open", "facilitator"),
    ("public", "visitor"),
    ("public", "outsider"),
    ("public", "member"),
    ("public", "facilitator"),
    ("restricted", "member"),
    ("restricted", "facilitator"),
    ("private", "member"),
    ("private", "facilitator"),
}


def build(kind: str):
    community = CommunityFactory(
        name=f"Hub Test {kind}",
        purpose=f"Purpose of the {kind} community.",
        member_count=2,
        **KINDS[kind],
    )
    facilitator = UserFactory(full_name="Fiona Facilitator")
    MembershipFactory(community=community, user=facilitator, role="facilitator")
    member = UserFactory(full_name="Morgan Member")
    MembershipFactory(community=community, user=member)
    NoticeFactory(community=community, title="Pinned marker notice")
    NoticeFactory(community=community, title="Unpinned notice", is_pinned=False)
    return community, {
        "visitor": None,
        "outsider": UserFactory(),
        "member": member,
        "facilitator": facilitator,
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", list(KINDS))
def test_hub_for_each_kind_and_viewer(client, kind, role):
    community, people = build(kind)
    if people[role] is not None:
        client.force_login(people[role])

    response = client.get(f"/communities/{community.slug}/")

    if kind == "private" and role in ("visitor", "outsider"):
        assert response.status_code == 404
        assert community.name not in response.content.decode()
        return
    assert response.status_code == 200
    html = response.content.decode()
    # Everyone who may see it: name, purpose, facilitators, member count, who reads.
    assert community.name in html
    assert community.purpose in html
    assert "Fiona Facilitator" in html
    assert "Who can read it" in html
    reads = (kind, role) in READERS
    assert ("Pinned marker notice" in html) == reads
    assert "Unpinned notice" not in html
    assert ("No discussions yet." in html) == reads
    # Who belongs is for signed-in readers only.
    assert ("Newest members" in html) == (reads and role != "visitor")
    assert ("Members only" in html) == (
        kind == "restricted" and role in ("visitor", "outsider")
    )
    assert ("For signed-in members" in html) == (kind == "open" and role == "visitor")
    assert ("For facilitators" in html) == (role == "facilitator")
    assert (f"/communities/{community.slug}/theme/" in html) == (role == "facilitator")
    assert response.context["can_read"] == reads


def test_facilitators_get_their_tools(client):
    community, people = build("restricted")
    client.force_login(people["facilitator"])

    html = client.get(f"/communities/{community.slug}/").content.decode()

    for path in ("theme/", "sub-communities/new/", "notices/new/", "archive/"):
        assert f"/communities/{community.slug}/{path}" in html
    assert "Unpin" in html
    assert f"/communities/{community.slug}/restore/" not in html


def test_pinned_notices_are_newest_first(client):
    community = CommunityFactory()
    NoticeFactory(community=community, title="Older notice")
    NoticeFactory(community=community, title="Newer notice")

    html = client.get(f"/communities/{community.slug}/").content.decode()

    # Visitors cannot read a community that is not public; members can.
    assert "Older notice" not in html
    client.force_login(UserFactory())
    html = client.get(f"/communities/{community.slug}/").content.decode()
    assert html.index("Newer notice") < html.index("Older notice")


def test_newest_members_are_the_five_newest(client):
    community = CommunityFactory()
    MembershipFactory(
        community=community, role="facilitator", user__full_name="Zed Oldest"
    )
    for n in range(6):
        MembershipFactory(community=community, user__full_name=f"Member {n}")
    client.force_login(UserFactory())

    response = client.get(f"/communities/{community.slug}/")

    newest = [m.user.full_name for m in response.context["newest_members"]]
    assert newest == [f"Member {n}" for n in (5, 4, 3, 2, 1)]
    assert [m.user.full_name for m in response.context["facilitators"]] == [
        "Zed Oldest"
    ]


def test_topics_link_to_their_tag_pages(client):
    community = CommunityFactory()
    community.tags.add(Tag.objects.create(name="Flood risk", slug="flood-risk"))

    html = client.get(f"/communities/{community.slug}/").content.decode()

    assert 'href="/tags/flood-risk/">Flood risk</a>' in html


def test_waiting_community_is_shown_to_its_creator_only(client):
    creator = UserFactory()
    community = CommunityFactory(status="pending", created_by=creator)
    MembershipFactory(community=community, user=creator, role="facilitator")

    client.force_login(UserFactory())
    assert client.get(f"/communities/{community.slug}/").status_code == 404
    client.force_login(creator)
    html = client.get(f"/communities/{community.slug}/").content.decode()
    assert "Waiting for approval" in html
    assert "For facilitators" not in html  # nothing to run until it is live
    assert "Members only" not in html


def test_archived_community_says_it_is_read_only(client):
    community = CommunityFactory(status="archived")
    facilitator = MembershipFactory(community=community, role="facilitator").user
    NoticeFactory(community=community, title="Still readable")
    client.force_login(facilitator)

    html = client.get(f"/communities/{community.slug}/").content.decode()

    assert "Archived: read-only" in html
    assert "Still readable" in html
    assert f"/communities/{community.slug}/restore/" in html
    assert f"/communities/{community.slug}/notices/new/" not in html
    assert f"/communities/{community.slug}/sub-communities/new/" not in html
    assert "Unpin" not in html


def test_the_forum_fills_the_hubs_discussion_slots():
    slots = selectors.hub_slots(community=CommunityFactory(), viewer=UserFactory())
    assert [slot.name for slot in slots] == [
        "latest-discussions",
        "unanswered-questions",
    ]


def test_the_membership_actions_have_a_place(client):
    community = CommunityFactory()
    response = client.get(f"/communities/{community.slug}/")
    assert "communities/community_detail/_membership_actions.html" in [
        t.name for t in response.templates
    ]


def test_visitor_budget_does_not_grow(client, queries):
    community = CommunityFactory(public_reading=True)
    MembershipFactory(community=community, role="facilitator")
    NoticeFactory(community=community)
    community.tags.add(Tag.objects.create(name="One", slug="one"))
    CommunityFactory(parent=community)

    # Community, facilitators, topics with the tag cloud (one query),
    # sub-communities, notices, latest discussions, unanswered questions.
    with queries(7):
        client.get(f"/communities/{community.slug}/")

    MembershipFactory.create_batch(4, community=community, role="facilitator")
    MembershipFactory.create_batch(8, community=community)
    NoticeFactory.create_batch(4, community=community)
    community.tags.add(
        *[Tag.objects.create(name=f"Tag {n}", slug=f"tag-{n}") for n in range(5)]
    )
    CommunityFactory.create_batch(3, parent=community)
    for n in range(5):
        start_thread(community, title=f"Tagged {n}", tags=[f"Cloud {n}", "Shared"])
    with queries(7):
        html = client.get(f"/communities/{community.slug}/").content.decode()
    assert 'href="/tags/cloud-4/">Cloud 4<' in html


@pytest.mark.parametrize("role", ["member", "facilitator"])
def test_member_budget_does_not_grow(client, queries, role):
    community = CommunityFactory(visibility="restricted")
    viewer = MembershipFactory(community=community, role=role).user
    client.force_login(viewer)
    # The session and user, the community, the memberships, the people
    # (facilitators and newest members together), topics with the tag cloud
    # (one query), sub-communities and notices, latest discussions and
    # unanswered questions; for facilitators the number of reports waiting.
    budget = 9 + (role == "facilitator") + session_queries()

    with queries(budget):
        client.get(f"/communities/{community.slug}/")

    MembershipFactory.create_batch(3, community=community, role="facilitator")
    MembershipFactory.create_batch(8, community=community)
    NoticeFactory.create_batch(4, community=community)
    community.tags.add(
        *[Tag.objects.create(name=f"Tag {n}", slug=f"tag-{n}") for n in range(5)]
    )
    CommunityFactory.create_batch(3, parent=community, visibility="restricted")
    for n in range(5):
        start_thread(community, title=f"Tagged {n}", tags=[f"Cloud {n}", "Shared"])
    with queries(budget):
        html = client.get(f"/communities/{community.slug}/").content.decode()
    assert 'href="/tags/cloud-4/">Cloud 4<' in html
