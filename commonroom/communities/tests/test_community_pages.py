"""The community page layer (``communities.pages``): who gets which answer.

Every page about one community is decorated with ``community_page(check)``.
For each role and each kind of community, the decorator must answer "not
found" where the community's existence is private to that person, "forbidden"
(with the kernel's reason) where they may know it exists but not do what the
page does, and otherwise run the page — with the community loaded in one query,
breadcrumbs included.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from commonroom.communities import access
from commonroom.communities.models import Community
from commonroom.communities.pages import CommunityPage, Crumb, community_page
from commonroom.communities.tests.factories import CommunityFactory, MembershipFactory
from commonroom.communities.tests.people import ROLES, fresh, people_in_every_role
from commonroom.core.testing.queries import query_budget

COMMUNITIES = {
    "open": {"visibility": "open"},
    "public": {"visibility": "open", "public_reading": True},
    "restricted": {"visibility": "restricted"},
    "private": {"visibility": "private"},
    "pending": {"visibility": "open", "status": Community.Status.PENDING},
    "archived": {"visibility": "restricted", "status": Community.Status.ARCHIVED},
}

# The answers, written out from the rules in access.py (SPEC.md section 5)
# rather than worked out by calling the kernel: 200 the page, 403 forbidden,
# 404 not found. Roles in the order of people.ROLES: visitor, pending account,
# member elsewhere, member, facilitator, removed, administrator.
SEE = {
    "open": (200, 200, 200, 200, 200, 200, 200),
    "public": (200, 200, 200, 200, 200, 200, 200),
    "restricted": (200, 200, 200, 200, 200, 200, 200),
    "private": (404, 404, 404, 200, 200, 404, 404),
    "pending": (404, 404, 404, 404, 200, 404, 200),
    "archived": (200, 200, 200, 200, 200, 200, 200),
}
READ = {
    "open": (403, 403, 200, 200, 200, 200, 200),
    "public": (200, 200, 200, 200, 200, 200, 200),
    "restricted": (403, 403, 403, 200, 200, 403, 403),
    "private": (404, 404, 404, 200, 200, 404, 404),
    # Waiting for approval: its creator and administrators know of it, and
    # nobody reads it.
    "pending": (404, 404, 404, 404, 403, 404, 403),
    "archived": (403, 403, 403, 200, 200, 403, 403),
}
FACILITATE = {
    "open": (403, 403, 403, 403, 200, 403, 403),
    "public": (403, 403, 403, 403, 200, 403, 403),
    "restricted": (403, 403, 403, 403, 200, 403, 403),
    "private": (404, 404, 404, 403, 200, 404, 404),
    "pending": (404, 404, 404, 404, 403, 404, 403),
    "archived": (403, 403, 403, 403, 200, 403, 403),
}
POST = {
    "open": (403, 403, 403, 200, 200, 403, 403),
    "public": (403, 403, 403, 200, 200, 403, 403),
    "restricted": (403, 403, 403, 200, 200, 403, 403),
    "private": (404, 404, 404, 200, 200, 404, 404),
    "pending": (404, 404, 404, 404, 403, 404, 403),
    # Archived: read-only, even for its facilitators.
    "archived": (403, 403, 403, 403, 403, 403, 403),
}
CHECKS = {
    "see": (access.check_see_community, SEE),
    "read": (access.check_read_community, READ),
    "facilitate": (access.check_facilitate, FACILITATE),
    "post": (access.check_post_in, POST),
}


def _page_for(check, user, community, **kwargs):
    """The decorated page's answer for ``user``: (status, page or reason)."""
    seen = {}

    @community_page(check)
    def view(request, page, **kwargs):
        seen["page"], seen["kwargs"] = page, kwargs
        return HttpResponse("the page")

    request = RequestFactory().get(f"/communities/{community.slug}/")
    request.user = user
    try:
        response = view(request, community_slug=community.slug, **kwargs)
    except Http404:
        return 404, None
    except PermissionDenied as refusal:
        return 403, str(refusal)
    assert response.content == b"the page"
    return response.status_code, seen


@pytest.mark.django_db
@pytest.mark.parametrize("shape", COMMUNITIES)
@pytest.mark.parametrize("check_name", CHECKS)
def test_each_role_gets_the_answer_the_rules_give(shape, check_name):
    check, expected = CHECKS[check_name]
    community = CommunityFactory(**COMMUNITIES[shape])
    people = people_in_every_role(community)
    for role, status in zip(ROLES, expected[shape], strict=True):
        answer, _ = _page_for(check, fresh(people[role]), community)
        assert answer == status, (check_name, shape, role)


@pytest.mark.django_db
def test_a_refusal_says_why_in_the_kernels_words():
    restricted = CommunityFactory(visibility="restricted")
    outsider = people_in_every_role(restricted)["member elsewhere"]

    status, reason = _page_for(access.check_read_community, fresh(outsider), restricted)

    assert status == 403
    assert reason == "Only members of this community can see what is posted in it."


@pytest.mark.django_db
def test_a_missing_community_is_not_found():
    ghost = Community(slug="no-such-community")

    assert _page_for(access.check_see_community, fresh(None), ghost) == (404, None)


@pytest.mark.django_db
def test_the_page_gets_the_community_and_the_urls_other_arguments():
    community = CommunityFactory(name="Planning Network")
    member = MembershipFactory(community=community).user

    status, seen = _page_for(
        access.check_read_community, fresh(member), community, notice_id=7
    )

    assert status == 200
    assert seen["page"].community == community
    assert seen["kwargs"] == {"notice_id": 7}


@pytest.mark.django_db
def test_the_community_and_its_breadcrumbs_load_in_one_query():
    top = CommunityFactory(name="Planning Network", slug="planning")
    middle = CommunityFactory(name="Enforcement Group", parent=top)
    hidden = CommunityFactory(name="Hidden Middle", parent=top, visibility="private")
    bottom = CommunityFactory(name="Steering Panel", slug="steering", parent=middle)
    under_hidden = CommunityFactory(name="Under Hidden", parent=hidden)
    member = fresh(MembershipFactory(community=bottom).user)
    MembershipFactory(community=under_hidden, user=member)
    access.access_for(member)  # the request's memberships, loaded once anyway

    with query_budget(1):
        status, seen = _page_for(access.check_read_community, member, bottom)
        context = seen["page"].context(crumbs=[Crumb("/x/", "Discussions")])
        names = [ancestor.name for ancestor in context["trail"]]
        service_area = context["community"].service_area
    assert status == 200
    assert names == ["Planning Network", "Enforcement Group"]
    assert service_area is None
    assert context["nav_section"] == "communities"
    assert context["crumbs"] == [Crumb("/x/", "Discussions")]

    # An ancestor the viewer may not know of is left out of the trail.
    with query_budget(1):
        _, seen = _page_for(access.check_read_community, member, under_hidden)
        names = [ancestor.name for ancestor in seen["page"].trail]
    assert names == ["Planning Network"]


def test_a_page_from_an_object_s_community_queries_nothing():
    """Pages reached through a thread or a post build the page from the
    community that came with it. (No database here: a query would fail.)"""
    community = Community(pk=1, slug="planning", name="Planning Network")
    request = RequestFactory().get("/")
    request.user = fresh(None)

    context = CommunityPage(request, community).context(thread=None)

    assert context["community"] is community
    assert context["trail"] == []
