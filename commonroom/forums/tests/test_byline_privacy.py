"""Bylines obey the profile page's rule (decision 0004, "Bylines").

An author who shows their profile only to members of their communities has
their job title withheld from every other reader of an open community, on the
question and on replies, without a query per post.
"""

import pytest

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.forums.tests.factories import member_of, reply_to, start_thread
from commonroom.profiles.models import Profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread():
    community = CommunityFactory(name="Waste Collection Officers", slug="waste")
    asker = member_of(community)
    answerer = member_of(community)
    for author, title in ((asker, "Head of Waste"), (answerer, "Route Planner")):
        Profile.objects.filter(user=author).update(
            job_title=title, privacy=Profile.Privacy.MY_COMMUNITIES
        )
    thread = start_thread(community=community, author=asker)
    reply_to(thread, author=answerer)
    return thread


def _page(client, thread) -> str:
    url = f"/communities/{thread.community.slug}/discussions/{thread.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_readers_outside_the_authors_communities_see_no_job_title(client, thread):
    client.force_login(UserFactory())  # reads the open community, shares none

    html = _page(client, thread)

    assert "Head of Waste" not in html
    assert "Route Planner" not in html


def test_members_who_share_a_community_see_the_job_title(client, thread):
    client.force_login(member_of(thread.community))

    html = _page(client, thread)

    assert "Head of Waste" in html
    assert "Route Planner" in html


def test_visitors_see_no_job_title_where_visitors_may_read(client, thread):
    type(thread.community).objects.filter(pk=thread.community_id).update(
        public_reading=True
    )

    html = _page(client, thread)

    assert "Head of Waste" not in html
    assert "Route Planner" not in html
