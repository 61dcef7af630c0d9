"""The access kernel's own role × community matrix.

For each role and each kind of community, who may know it exists and who may
read its content — and the queryset forms (``readable_q``, ``visible_q``)
agree with the checks (``can_read_community``, ``can_see_community``).
"""

import pytest

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities import access
from commonroom.communities.models import Community
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.communities.tests.people import ROLES, fresh, people_in_every_role
from commonroom.forums.tests.factories import member_of

COMMUNITIES = {
    "open": {"visibility": "open"},
    "public": {"visibility": "open", "public_reading": True},
    "restricted": {"visibility": "restricted"},
    "private": {"visibility": "private"},
    "pending": {"visibility": "open", "status": Community.Status.PENDING},
    "archived": {"visibility": "restricted", "status": Community.Status.ARCHIVED},
}
SIGNED_IN = {"member elsewhere", "member", "facilitator", "removed", "administrator"}
MEMBERS = {"member", "facilitator"}
READS = {
    "open": SIGNED_IN,
    "public": SIGNED_IN | {"visitor", "pending account"},
    "restricted": MEMBERS,
    "private": MEMBERS,
    # Waiting for approval: nobody reads it, not even its creator or admins.
    "pending": set(),
    "archived": MEMBERS,
}
EVERYONE = set(ROLES)
SEES = {
    "open": EVERYONE,
    "public": EVERYONE,
    "restricted": EVERYONE,
    "private": MEMBERS,
    # Its creator (a facilitator here) and administrators know of it.
    "pending": {"facilitator", "administrator"},
    "archived": EVERYONE,
}


@pytest.mark.django_db
@pytest.mark.parametrize("shape", COMMUNITIES)
def test_who_reads_and_sees_each_kind_of_community(shape):
    community = CommunityFactory(**COMMUNITIES[shape])
    people = people_in_every_role(community)
    community.refresh_from_db()
    for role in ROLES:
        viewer = fresh(people[role])
        reads = access.can_read_community(viewer, community)
        sees = access.can_see_community(viewer, community)
        assert reads == (role in READS[shape]), (shape, role, "reads")
        assert sees == (role in SEES[shape]), (shape, role, "sees")
        listed_readable = Community.objects.readable_by(viewer).filter(pk=community.pk)
        assert listed_readable.exists() == reads, (shape, role, "readable_q")
        visible = Community.objects.visible_to(viewer).filter(pk=community.pk)
        assert visible.exists() == sees, (shape, role, "visible_q")
        assert (community.pk in access.communities_readable_by(viewer)) == reads


@pytest.mark.django_db
def test_readable_filter_costs_the_same_whatever_the_number_of_communities(
    django_assert_num_queries,
):
    """Only the person's memberships are loaded, never every open community."""
    CommunityFactory.create_batch(30)
    member = member_of(CommunityFactory(visibility="private"))
    viewer = fresh(member)
    with django_assert_num_queries(2):
        # One query for the memberships, one for the list itself.
        list(Community.objects.readable_by(viewer).values_list("pk", flat=True))
    _, params = Community.objects.readable_by(viewer).query.sql_with_params()
    CommunityFactory.create_batch(30)
    _, params_later = Community.objects.readable_by(viewer).query.sql_with_params()
    assert len(params_later) == len(params) < 10


@pytest.mark.django_db
def test_cached_open_ids_follow_a_change_of_visibility():
    community = CommunityFactory(visibility="open")
    viewer = fresh(UserFactory())
    assert community.pk in access.communities_readable_by(viewer)
    community.visibility = Community.Visibility.PRIVATE
    community.save(update_fields=["visibility"])
    assert community.pk not in access.communities_readable_by(fresh(viewer))
