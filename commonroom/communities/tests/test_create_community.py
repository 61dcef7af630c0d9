import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from commonroom.accounts.tests.factories import UserFactory
from commonroom.audit.models import AuditEvent
from commonroom.communities import access
from commonroom.communities.models import Community, Membership
from commonroom.communities.services import communities as services
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.tags.models import Tag

pytestmark = pytest.mark.django_db


def create(actor, **overrides):
    values = {
        "name": "Food Waste Collections",
        "purpose": "Councils rolling out weekly food waste collections.",
        "topics": ["Food waste", "Recycling"],
        "visibility": "open",
        "agreed_to_principles": True,
    }
    return services.create_community(actor=actor, **{**values, **overrides})


def test_a_member_creates_a_live_community_and_facilitates_it(settings):
    settings.COMMUNITY_APPROVAL_REQUIRED = False
    creator = UserFactory()
    access.access_for(creator)  # cached before; must be forgotten

    community = create(creator)

    assert community.status == Community.Status.LIVE
    assert community.slug == "food-waste-collections"
    assert community.owner == creator
    assert community.created_by == creator
    assert community.member_count == 1
    membership = Membership.objects.get(community=community)
    assert (membership.user, membership.role) == (creator, "facilitator")
    assert sorted(t.name for t in community.tags.all()) == ["Food waste", "Recycling"]
    assert access.can_facilitate(creator, community)
    event = AuditEvent.objects.get(action="community_created")
    assert event.actor_email == creator.email
    assert event.community_id == community.pk
    assert "food-waste-collections" not in event.detail


def test_with_approval_required_it_waits(settings):
    settings.COMMUNITY_APPROVAL_REQUIRED = True
    creator = UserFactory()

    community = create(creator)

    assert community.status == Community.Status.PENDING
    assert Membership.objects.filter(
        community=community, user=creator, role="facilitator"
    ).exists()
    # Only its creator (and administrators) know it exists; nobody reads it yet.
    assert access.can_see_community(creator, community)
    assert not access.can_see_community(UserFactory(), community)
    assert not access.can_read_community(creator, community)


def test_existing_tags_are_reused():
    recycling = Tag.objects.create(name="Recycling", slug="recycling")

    community = create(UserFactory(), topics=["recycling"])

    assert list(community.tags.all()) == [recycling]


@pytest.mark.parametrize("name", ["Food Waste Collections", "food waste  collections"])
def test_names_are_unique_whatever_their_capitals(name):
    CommunityFactory(name="Food Waste Collections")

    with pytest.raises(ValidationError) as error:
        create(UserFactory(), name=name)

    assert "There is already a community called" in error.value.message_dict["name"][0]
    assert Community.objects.count() == 1


@pytest.mark.parametrize("visibility", ["open", "private"])
def test_a_name_clash_is_only_named_when_the_clash_may_be_seen(visibility):
    CommunityFactory(name="Food Waste Collections", visibility=visibility)

    with pytest.raises(ValidationError) as error:
        create(UserFactory(), name="food waste collections")

    message = error.value.message_dict["name"][0]
    if visibility == "open":
        assert "There is already a community called" in message
    else:
        # A private community's name is refused without saying it exists.
        assert message == "That name can’t be used. Choose another."
    assert Community.objects.count() == 1


def test_members_of_a_private_community_are_told_its_name_is_taken():
    private = CommunityFactory(name="Food Waste Collections", visibility="private")
    insider = UserFactory()
    Membership.objects.create(community=private, user=insider)

    with pytest.raises(ValidationError) as error:
        create(insider, name="Food Waste Collections")

    assert "There is already a community called" in error.value.message_dict["name"][0]


def test_slugs_stay_unique_and_avoid_reserved_words():
    CommunityFactory(name="Something else", slug="food-waste")

    taken = create(UserFactory(), name="Food Waste!").slug
    reserved = create(UserFactory(), name="New").slug

    assert re.fullmatch(r"food-waste-[a-z2-9]{6}", taken)
    assert re.fullmatch(r"new-[a-z2-9]{6}", reserved)
    assert create(UserFactory(), name="???").slug == "community"


def test_a_taken_address_gets_a_random_ending_not_a_count():
    """``-2`` would confirm that a (perhaps private) community has the address."""
    CommunityFactory(name="Hidden", slug="food-waste", visibility="private")

    first = create(UserFactory(), name="Food, waste").slug
    second = create(UserFactory(), name="Food; waste").slug

    assert first != second
    for slug in (first, second):
        assert slug.startswith("food-waste-")
        assert not re.search(r"-\d+$", slug)


def test_long_names_get_a_slug_of_80_characters_at_most():
    name = "A" * 40 + " " + "B" * 39
    CommunityFactory(slug=services.unique_slug(name))

    community = create(UserFactory(), name=name)

    assert len(community.slug) <= 80
    assert re.search(r"-[a-z2-9]{6}$", community.slug)


def test_the_principles_must_be_agreed():
    with pytest.raises(ValidationError) as error:
        create(UserFactory(), agreed_to_principles=False)

    assert "agree" in error.value.message_dict
    assert not Community.objects.exists()


def test_only_open_communities_can_be_read_by_visitors():
    with pytest.raises(ValidationError) as error:
        create(UserFactory(), visibility="restricted", public_reading=True)

    assert "public_reading" in error.value.message_dict


def test_people_waiting_for_approval_cannot_create():
    with pytest.raises(PermissionDenied):
        create(UserFactory(approval_status="pending"))


def test_openness_orders_the_visibilities():
    assert (
        services.openness(visibility="open", public_reading=True)
        < services.openness(visibility="open")
        < services.openness(visibility="restricted")
        < services.openness(visibility="private")
    )
