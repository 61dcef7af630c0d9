"""The index-drift walk: every registered kind, people and communities through
each change their services make, checking who finds them afterwards.

Each check searches as every role and compares the set of roles who found the
object with the set the rules allow. Changes the permission filter reads at
query time (a community's visibility or status, memberships, privacy, an
account's active flag) are checked to leave the index's rows as they were:
search follows them without reindexing.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities import access
from commonroom.communities.models import Community, Membership
from commonroom.communities.services.communities import archive_community
from commonroom.communities.services.community_settings import (
    update_community_settings,
)
from commonroom.communities.services.membership import remove_member
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.content import registry
from commonroom.content import services as content_services
from commonroom.forums.tests.factories import reply_to, start_thread
from commonroom.moderation.services import hide_content, restore_content
from commonroom.profiles.models import Profile
from commonroom.profiles.services import update_profile
from commonroom.search.indexing import index
from commonroom.search.models import SearchEntry
from commonroom.search.query import parse
from commonroom.search.selectors import search

pytestmark = pytest.mark.django_db

ROLES = (
    "visitor",
    "member_elsewhere",
    "member",
    "facilitator",
    "removed",
    "administrator",
)
SIGNED_IN = frozenset(ROLES) - {"visitor"}


@dataclass
class Place:
    community: Community  # open, where everything starts
    other: Community  # private: only the facilitator belongs
    people: dict


def _join(community, user, role=Membership.Role.MEMBER):
    Membership.objects.create(community=community, user=user, role=role)


@pytest.fixture
def place() -> Place:
    community = CommunityFactory(name="Home to School Transport")
    other = CommunityFactory(name="Transport Commissioners", visibility="private")
    elsewhere = CommunityFactory(name="Unrelated Network")
    people = {role: UserFactory(full_name=role.title()) for role in SIGNED_IN}
    people["administrator"].is_staff = True
    people["administrator"].save(update_fields=["is_staff"])
    _join(community, people["member"])
    _join(community, people["facilitator"], Membership.Role.FACILITATOR)
    _join(other, people["facilitator"], Membership.Role.FACILITATOR)
    _join(elsewhere, people["member_elsewhere"])
    # Was a member; a facilitator removed them.
    _join(community, people["removed"])
    Membership.objects.filter(community=community, user=people["removed"]).delete()
    index(community, other, elsewhere, *people.values())
    return Place(community, other, people)


def _viewer(place, role):
    if role == "visitor":
        return AnonymousUser()
    user = type(place.people[role]).objects.get(pk=place.people[role].pk)
    access.forget(user)
    return user


def finders(place, words: str, obj) -> set[str]:
    """Roles whose search for ``words`` lists ``obj``."""
    found = set()
    for role in ROLES:
        if role != "visitor" and role not in place.people:
            continue
        hits = search(_viewer(place, role), parse(words)).hits
        if any(type(hit.obj) is type(obj) and hit.obj.pk == obj.pk for hit in hits):
            found.add(role)
    return found


def _rows():
    return list(
        SearchEntry.objects.order_by("pk").values_list(
            "pk", "kind", "object_id", "audience", "community_id", "title", "body"
        )
    )


# Every registered kind: how to make one, in the place's open community, by its
# member, saying ``words``. A kind that registers must add itself here.


def _thread(place, words):
    return start_thread(
        place.community,
        author=place.people["member"],
        title=f"Question about {words}",
        body=f"Tell me about {words}, please.",
    )


def _reply(place, words):
    thread = start_thread(place.community, author=place.people["facilitator"])
    return reply_to(thread, author=place.people["member"], body=f"Try {words}.")


MAKERS = {"thread": _thread, "reply": _reply}


def test_every_searchable_kind_has_a_maker():
    assert set(MAKERS) == {kind.name for kind in registry.kinds() if kind.searchable}


READERS_OF_OPEN = SIGNED_IN
READERS_OF_PRIVATE_OTHER = {"facilitator"}


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_content_through_create_edit_move_hide_restore_delete(place, kind):
    obj = MAKERS[kind](place, "quokkas")
    assert finders(place, "quokkas", obj) == READERS_OF_OPEN

    content_services.edit_content(
        actor=place.people["member"], obj=obj, changes={"body": "Try wombats."}
    )
    assert finders(place, "wombats", obj) == READERS_OF_OPEN
    assert finders(place, "quokkas", obj) == (
        # A thread's title still says quokkas.
        READERS_OF_OPEN if kind == "thread" else set()
    )

    outermost = registry.with_containers(obj)[-1]
    content_services.move_content(obj=outermost, to_community=place.other)
    assert finders(place, "wombats", obj) == READERS_OF_PRIVATE_OTHER
    content_services.move_content(obj=outermost, to_community=place.community)
    obj.refresh_from_db()
    assert finders(place, "wombats", obj) == READERS_OF_OPEN

    hide_content(actor=place.people["facilitator"], obj=obj)
    assert finders(place, "wombats", obj) == set()
    restore_content(actor=place.people["facilitator"], obj=obj)
    assert finders(place, "wombats", obj) == READERS_OF_OPEN

    # Hiding what it lives in hides it too, and restoring brings it back.
    if outermost is not obj:
        hide_content(actor=place.people["facilitator"], obj=outermost)
        assert finders(place, "wombats", obj) == set()
        restore_content(actor=place.people["facilitator"], obj=outermost)
        assert finders(place, "wombats", obj) == READERS_OF_OPEN

    content_services.delete_content(actor=place.people["member"], obj=obj)
    assert finders(place, "wombats", obj) == set()
    assert not SearchEntry.objects.filter(kind=kind, object_id=obj.pk).exists()


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_content_follows_visibility_archive_and_membership_without_reindexing(
    place, kind
):
    obj = MAKERS[kind](place, "quokkas")
    rows = _rows()
    facilitator = place.people["facilitator"]

    update_community_settings(
        actor=facilitator,
        community=place.community,
        name=place.community.name,
        purpose=place.community.purpose,
        topics=[],
        visibility="private",
    )
    # Search reads the community's visibility when it runs: no row changed
    # (the community's own row is rewritten with the same text).
    assert _rows() == rows
    assert finders(place, "quokkas", obj) == {"member", "facilitator"}

    remove_member(
        actor=facilitator,
        membership=Membership.objects.get(
            community=place.community, user=place.people["member"]
        ),
    )
    assert _rows() == rows
    assert finders(place, "quokkas", obj) == {"facilitator"}

    archive_community(actor=facilitator, community=place.community)
    assert _rows() == rows
    # Archived communities stay readable.
    assert finders(place, "quokkas", obj) == {"facilitator"}


def test_an_account_deleted_or_deactivated_leaves_search(place):
    author = place.people["member"]
    thread = _thread(place, "quokkas")
    person = UserFactory(full_name="Quenby Marsh")
    index(person)
    assert finders(place, "quenby", person) == SIGNED_IN

    person.is_active = False
    person.save(update_fields=["is_active"])
    assert finders(place, "quenby", person) == set()

    author_id = author.pk
    assert SearchEntry.objects.filter(person_id=author_id).exists()
    author.delete()
    del place.people["member"]
    assert not SearchEntry.objects.filter(person_id=author_id).exists()
    # The post stays, without its author.
    assert finders(place, "quokkas", thread) == SIGNED_IN - {"member"}


def _edit_profile(user, **changes):
    profile = Profile.objects.get(user=user)
    fields = {
        "job_title": profile.job_title,
        "role_type": profile.role_type,
        "service_areas": list(profile.service_areas.all()),
        "expertise": [tag.name for tag in profile.expertise.all()],
        "bio": profile.bio,
        "privacy": profile.privacy,
        "show_online_presence": profile.show_online_presence,
        **changes,
    }
    update_profile(actor=user, profile=profile, **fields)


def test_people_follow_their_profile_and_privacy(place):
    person = UserFactory(full_name="Quenby Marsh")
    _join(place.community, person)
    index(person)
    everyone_signed_in = SIGNED_IN

    _edit_profile(person, job_title="Xylophonist", expertise=["Minibus tendering"])
    assert finders(place, "xylophonist", person) == everyone_signed_in
    assert finders(place, "tendering", person) == everyone_signed_in

    rows = _rows()
    _edit_profile(person, privacy=Profile.Privacy.MY_COMMUNITIES)
    # The rule is read at query time: the rows are the same.
    assert [row[1:] for row in _rows()] == [row[1:] for row in rows]
    sharing = {"member", "facilitator", "administrator"}
    assert finders(place, "xylophonist", person) == sharing
    # Name and organisation stay findable by every signed-in member.
    assert finders(place, "quenby", person) == everyone_signed_in

    # Joining a community with them shows their details.
    _join(place.community, place.people["member_elsewhere"])
    assert finders(place, "xylophonist", person) == sharing | {"member_elsewhere"}


def test_communities_follow_their_settings(place):
    community = place.community
    assert finders(place, "school", community) == set(ROLES)

    update_community_settings(
        actor=place.people["facilitator"],
        community=community,
        name="Travel Assistance Network",
        purpose="For officers arranging travel assistance for pupils.",
        topics=["Independent travel training"],
        visibility="private",
    )
    assert finders(place, "school", community) == set()
    assert finders(place, "pupils", community) == {"member", "facilitator"}
    assert finders(place, "training", community) == {"member", "facilitator"}
