"""Archiving a community (read-only) and restoring it."""

import pytest
from django.core.exceptions import PermissionDenied

from commonroom.accounts.tests.factories import UserFactory
from commonroom.audit.models import AuditEvent
from commonroom.communities import access
from commonroom.communities.models import Community
from commonroom.communities.services import communities as services
from commonroom.communities.tests.factories import (
    CommunityFactory,
    MembershipFactory,
    NoticeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory(name="Census Working Group", visibility="restricted")


@pytest.fixture
def facilitator(community):
    return MembershipFactory(community=community, role="facilitator").user


def test_archiving_makes_it_read_only_and_is_recorded(community, facilitator):
    member = MembershipFactory(community=community).user

    services.archive_community(actor=facilitator, community=community)

    community.refresh_from_db()
    assert community.status == Community.Status.ARCHIVED
    assert community.archived_at is not None
    assert access.can_read_community(member, community)
    assert not access.can_post_in(member, community)
    event = AuditEvent.objects.get(action="community_archived")
    assert event.actor_email == facilitator.email
    assert event.community_id == community.pk
    assert "Census Working Group" not in event.detail
    with pytest.raises(PermissionDenied):
        services.post_notice(
            actor=facilitator, community=community, title="New", body="Text"
        )
    with pytest.raises(PermissionDenied):
        services.create_sub_community(
            actor=facilitator,
            parent=community,
            name="Too late",
            purpose="Nope",
            visibility="private",
        )


def test_restoring_brings_it_back(community, facilitator):
    services.archive_community(actor=facilitator, community=community)

    services.restore_community(actor=facilitator, community=community)

    community.refresh_from_db()
    assert community.status == Community.Status.LIVE
    assert community.archived_at is None
    assert AuditEvent.objects.filter(action="community_restored").count() == 1


def test_doing_it_twice_changes_nothing(community, facilitator, queries):
    services.restore_community(actor=facilitator, community=community)
    services.archive_community(actor=facilitator, community=community)
    with queries(0):
        services.archive_community(actor=facilitator, community=community)
    assert AuditEvent.objects.filter(action="community_archived").count() == 1
    assert not AuditEvent.objects.filter(action="community_restored").exists()


def test_only_facilitators_archive_and_restore(community):
    member = MembershipFactory(community=community).user
    with pytest.raises(PermissionDenied):
        services.archive_community(actor=member, community=community)
    community.status = Community.Status.ARCHIVED
    community.save()
    with pytest.raises(PermissionDenied):
        services.restore_community(actor=member, community=community)


def test_archive_asks_for_confirmation_then_archives(client, community, facilitator):
    client.force_login(facilitator)
    url = f"/communities/{community.slug}/archive/"

    html = client.get(url).content.decode()
    assert "Archive Census Working Group?" in html
    assert "read-only" in html
    community.refresh_from_db()
    assert community.status == "live"

    response = client.post(url, follow=True)

    assert response.redirect_chain[-1][0] == f"/communities/{community.slug}/"
    html = response.content.decode()
    assert "has been archived" in html
    assert "Archived: read-only" in html
    community.refresh_from_db()
    assert community.status == "archived"
    assert client.get(url)["Location"] == f"/communities/{community.slug}/"


def test_restore_asks_for_confirmation_then_restores(client, community, facilitator):
    community.status = "archived"
    community.save()
    client.force_login(facilitator)
    url = f"/communities/{community.slug}/restore/"

    assert "Restore Census Working Group?" in client.get(url).content.decode()
    response = client.post(url, follow=True)

    assert "has been restored" in response.content.decode()
    community.refresh_from_db()
    assert community.status == "live"


@pytest.mark.parametrize("path", ["archive/", "restore/"])
def test_members_cannot_reach_the_confirmation_pages(client, community, path):
    client.force_login(MembershipFactory(community=community).user)

    assert client.get(f"/communities/{community.slug}/{path}").status_code == 403
    assert client.post(f"/communities/{community.slug}/{path}").status_code == 403


def test_outsiders_get_not_found_for_a_private_community(client):
    private = CommunityFactory(visibility="private")
    client.force_login(UserFactory())

    assert client.get(f"/communities/{private.slug}/archive/").status_code == 404


def test_archived_communities_stay_readable_to_those_who_could_read_them(client):
    archived = CommunityFactory(status="archived", visibility="restricted")
    member = MembershipFactory(community=archived).user
    NoticeFactory(community=archived, title="Final report")

    client.force_login(UserFactory())
    html = client.get(f"/communities/{archived.slug}/").content.decode()
    assert "Final report" not in html
    client.force_login(member)
    html = client.get(f"/communities/{archived.slug}/").content.decode()
    assert "Final report" in html
    assert client.get(f"/communities/{archived.slug}/notices/").status_code == 200
