"""The member home at ``/``: what is waiting, their communities, questions they
could answer, the discussions they follow, with a fixed query budget."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.models import Invitation, Membership, MembershipRequest
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.core.models import ServiceArea
from commonroom.core.testing.queries import session_queries
from commonroom.forums.services import threads as services
from commonroom.forums.tests.factories import (
    facilitator_of,
    member_of,
    reply_to,
    start_thread,
)
from commonroom.tags.models import Tag

pytestmark = pytest.mark.django_db


def section(html: str, testid: str) -> str:
    """The HTML of one section of the home page."""
    start = html.index(f'data-testid="{testid}"')
    end = html.find("</section>", start)
    return html[start:end]


def tag(name: str) -> Tag:
    return Tag.objects.get_or_create(
        slug=name.lower().replace(" ", "-"), defaults={"name": name}
    )[0]


@pytest.fixture
def member(client):
    user = UserFactory(full_name="Asha Patel")
    client.force_login(user)
    return user


def join(user, community, role=Membership.Role.MEMBER):
    Membership.objects.create(community=community, user=user, role=role)


def test_visitors_get_the_landing_page_and_members_their_home(client, member):
    html = client.get("/").content.decode()
    assert "Your home" in html
    assert "Create an account" not in html

    client.logout()
    html = client.get("/").content.decode()
    assert "Create an account" in html
    assert "Your home" not in html


def test_their_communities_show_the_latest_discussion_and_this_weeks_activity(
    client, member
):
    housing = CommunityFactory(name="Heads of Housing")
    join(member, housing)
    start_thread(housing, title="Damp and mould inspections")
    start_thread(housing, title="Temporary accommodation costs")
    quiet = CommunityFactory(name="Quiet Circle", visibility="restricted")
    join(member, quiet)
    CommunityFactory(name="Not Joined Network")

    html = section(client.get("/").content.decode(), "your-communities")

    assert "Heads of Housing" in html
    assert "Temporary accommodation costs" in html  # the latest
    assert "Damp and mould" not in html
    assert "2 discussions active this week" in html
    assert "Quiet Circle" in html
    assert "No discussions yet." in html
    assert "Not Joined Network" not in html


def test_without_communities_the_home_says_where_to_find_one(client, member):
    html = section(client.get("/").content.decode(), "your-communities")
    assert "You have not joined any communities yet." in html
    assert 'href="/communities/"' in html


def test_questions_match_expertise_topics_and_service_areas_where_readable(
    client, member
):
    planning = ServiceArea.objects.order_by("slug").first()
    member.profile.service_areas.add(planning)
    member.profile.expertise.add(tag("Flooding"))

    open_community = CommunityFactory(name="Drainage Officers")
    start_thread(
        open_community, title="Sandbag stores?", kind="question", tags=["Flooding"]
    )
    start_thread(open_community, title="Untagged question", kind="question")
    start_thread(
        open_community, title="A flooding chat", kind="discussion", tags=["Flooding"]
    )
    answered = start_thread(
        open_community,
        title="Answered flood question",
        kind="question",
        tags=["Flooding"],
    )
    services.accept_answer(
        actor=answered.author, thread=answered, reply=reply_to(answered)
    )
    join(member, open_community)
    start_thread(
        open_community,
        author=member,
        title="My own flood question",
        kind="question",
        tags=["Flooding"],
    )

    planners = CommunityFactory(name="Planners", service_area=planning)
    start_thread(planners, title="Permitted development rights", kind="question")
    topical = CommunityFactory(name="Resilience Forum")
    topical.tags.add(tag("Flooding"))
    start_thread(topical, title="Rest centres in an emergency", kind="question")

    secret = CommunityFactory(
        name="Secret Planners", visibility="private", service_area=planning
    )
    start_thread(secret, title="Confidential planning question", kind="question")
    closed = CommunityFactory(
        name="Closed Planners", visibility="restricted", service_area=planning
    )
    start_thread(closed, title="Members-only planning question", kind="question")

    html = section(client.get("/").content.decode(), "questions")

    for title in (
        "Sandbag stores?",
        "Permitted development rights",
        "Rest centres in an emergency",
    ):
        assert title in html
    for title in (
        "Untagged question",
        "A flooding chat",
        "Answered flood question",
        "My own flood question",
        "Confidential planning question",
        "Members-only planning question",
    ):
        assert title not in html

    join(member, closed)
    html = section(client.get("/").content.decode(), "questions")
    assert "Members-only planning question" in html


def test_without_expertise_the_home_asks_for_it(client, member):
    start_thread(CommunityFactory(), title="Any question", kind="question")
    html = section(client.get("/").content.decode(), "questions")
    assert "Add your expertise and service areas" in html
    assert 'href="/people/me/edit/"' in html
    assert "Any question" not in html


def test_followed_discussions_are_listed_while_readable(client, member):
    closed = CommunityFactory(name="Closed", visibility="restricted")
    join(member, closed)
    kept = start_thread(closed, title="Choice-based lettings")
    other = start_thread(closed, title="Not followed")
    services.set_following(actor=member, thread=kept, following=True)
    reply_to(other)
    reply_to(kept, author=member_of(closed, full_name="Priya Shah"))

    html = section(client.get("/").content.decode(), "followed")
    assert "Choice-based lettings" in html
    assert "last reply by Priya Shah" in html
    assert "Not followed" not in html

    Membership.objects.filter(user=member).delete()
    html = section(client.get("/").content.decode(), "followed")
    assert "Choice-based lettings" not in html
    assert "You are not following any discussions" in html


def test_waiting_invitations_requests_and_requests_to_decide(client, member):
    inviting = CommunityFactory(name="Invitation Circle", visibility="private")
    Invitation.objects.create(
        community=inviting,
        invited_by=facilitator_of(inviting, full_name="Fiona Grant"),
        email=member.email,
        token="x" * 64,
        expires_at=timezone.now() + timedelta(days=14),
    )
    asked = CommunityFactory(name="Asked Network", visibility="restricted")
    MembershipRequest.objects.create(community=asked, user=member)
    mine = CommunityFactory(name="My Network", visibility="restricted")
    join(member, mine, role=Membership.Role.FACILITATOR)
    for _ in range(2):
        MembershipRequest.objects.create(community=mine, user=UserFactory())
    someone_elses = CommunityFactory(name="Someone Else's", visibility="restricted")
    MembershipRequest.objects.create(community=someone_elses, user=UserFactory())

    html = section(client.get("/").content.decode(), "waiting")

    assert "Invitation Circle" in html
    assert "Fiona Grant invited you" in html
    # A private community's hub is "not found" to the invitee: no link to it.
    assert f'href="/communities/{inviting.slug}/"' not in html
    assert "Asked Network" in html
    assert "the facilitators have not decided yet" in html
    assert "2 requests to join My Network" in html
    assert f'href="/communities/{mine.slug}/requests/"' in html
    assert "Someone Else" not in html


def test_nothing_waiting_shows_no_waiting_section(client, member):
    assert 'data-testid="waiting"' not in client.get("/").content.decode()


def _fill(member, size: int):
    """``size`` communities of each kind for the member, each with threads,
    follows, questions, invitations and requests."""
    planning = ServiceArea.objects.order_by("slug").first()
    member.profile.service_areas.add(planning)
    member.profile.expertise.add(tag("Flooding"))
    for _ in range(size):
        community = CommunityFactory(service_area=planning)
        join(member, community, role=Membership.Role.FACILITATOR)
        for _ in range(size):
            thread = start_thread(community, kind="question", tags=["Flooding"])
            services.set_following(actor=member, thread=thread, following=True)
            reply_to(thread)
        MembershipRequest.objects.create(community=community, user=UserFactory())
        elsewhere = CommunityFactory(visibility="restricted")
        MembershipRequest.objects.create(community=elsewhere, user=member)
        Invitation.objects.create(
            community=CommunityFactory(visibility="private"),
            email=member.email,
            token=uuid.uuid4().hex,
            expires_at=timezone.now() + timedelta(days=14),
        )


def test_the_member_home_has_a_fixed_query_budget(client, member, queries):
    # session, user, memberships, communities, interests, questions,
    # follows, invitations, own requests, requests to decide
    budget = session_queries() + 9
    _fill(member, 1)
    with queries(budget):
        response = client.get("/")
    assert len(response.context["home"].followed) == 1

    _fill(member, 4)
    with queries(budget):
        response = client.get("/")
    home = response.context["home"]
    assert len(home.communities) == len(home.questions) == len(home.followed) == 5
    assert len(home.invitations) == len(home.requests) == len(home.waiting) == 5
    assert home.community_count == 5


@pytest.mark.parametrize("address", ["/", "/help/", "/communities/", "/people/"])
def test_every_page_has_a_sign_out_button_in_the_header(client, member, address):
    html = client.get(address).content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    form = header[header.index('action="/account/logout/"') :]
    assert 'name="csrfmiddlewaretoken"' in form[: form.index("</form>")]
    assert ">Sign out</button>" in form

    client.post("/account/logout/")
    html = client.get(address, follow=True).content.decode()
    assert "Sign out" not in html[html.index("<header") : html.index("</header>")]
