"""A community's post count: kept right incrementally, equal to the rebuild."""

import dataclasses

import pytest
from django.core.management import call_command
from django.db.models import Value

from commonroom.communities.models import Community, Membership
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.content import registry
from commonroom.content import services as content_services
from commonroom.content.counters import rebuild_community_post_counts
from commonroom.forums.services import threads as services
from commonroom.forums.tests.factories import (
    facilitator_of,
    member_of,
    reply_to,
    start_thread,
)
from commonroom.moderation import services as moderation

pytestmark = pytest.mark.django_db


def posts_of(*communities):
    return [Community.objects.get(pk=c.pk).post_count for c in communities]


def rebuilt(*communities):
    call_command("rebuild_forum_counts", verbosity=0)
    return posts_of(*communities)


def test_post_counts_stay_right_and_match_the_rebuild():
    waste = CommunityFactory(slug="waste")
    parks = CommunityFactory(slug="parks")
    author = member_of(waste)
    boss = facilitator_of(waste)
    thread = start_thread(waste, author)
    first = reply_to(thread, author)
    second = reply_to(thread, author)
    other = start_thread(waste, author)
    assert posts_of(waste) == [4]

    content_services.delete_content(actor=author, obj=first)
    assert posts_of(waste) == [3]
    moderation.hide_content(actor=boss, obj=second)
    assert posts_of(waste) == [2]
    moderation.restore_content(actor=boss, obj=second)
    assert posts_of(waste) == [3]
    moderation.hide_content(actor=boss, obj=thread)  # takes its replies along
    assert posts_of(waste) == [1]
    moderation.restore_content(actor=boss, obj=thread)
    assert posts_of(waste) == [3]
    content_services.delete_content(actor=author, obj=other)
    assert posts_of(waste) == [2]

    assert posts_of(waste, parks) == rebuilt(waste, parks) == [2, 0]


def test_moving_a_thread_moves_its_posts_between_counts():
    waste = CommunityFactory(slug="waste")
    parks = CommunityFactory(slug="parks")
    author = member_of(waste)
    mover = facilitator_of(waste)
    Membership.objects.create(
        user=mover, community=parks, role=Membership.Role.FACILITATOR
    )
    thread = start_thread(waste, author)
    reply_to(thread, author)
    services.move_thread(actor=mover, thread=thread, to=parks)
    assert posts_of(waste, parks) == [0, 2] == rebuilt(waste, parks)


def test_rebuilding_forum_counts_keeps_other_kinds_share(monkeypatch):
    """Another kind (the coming library, say) counts its own posts; the forum
    rebuild adds them in rather than overwriting the count with forum posts."""
    waste = CommunityFactory(slug="waste")
    start_thread(waste)
    library = dataclasses.replace(
        registry.get_kind("thread"),
        name="document",
        community_post_count=lambda: Value(10),
    )
    monkeypatch.setitem(registry._kinds, "document", library)

    assert rebuilt(waste) == [11]
    rebuild_community_post_counts()
    assert posts_of(waste) == [11]
