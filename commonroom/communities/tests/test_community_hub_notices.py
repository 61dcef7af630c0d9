"""Notices on the hub: facilitators post, pin, unpin and delete them."""

import pytest

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.models import Notice
from commonroom.communities.tests.factories import (
    CommunityFactory,
    MembershipFactory,
    NoticeFactory,
)
from commonroom.core.testing.queries import session_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory(visibility="restricted")


@pytest.fixture
def facilitator(client, community):
    user = MembershipFactory(community=community, role="facilitator").user
    client.force_login(user)
    return user


def test_a_facilitator_posts_a_pinned_notice(client, community, facilitator):
    url = f"/communities/{community.slug}/notices/new/"
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {"title": "AGM on 3 March", "body": "Agenda to follow.", "is_pinned": "on"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == f"/communities/{community.slug}/"
    html = response.content.decode()
    assert "AGM on 3 March" in html
    notice = Notice.objects.get()
    assert (notice.author, notice.is_pinned) == (facilitator, True)


def test_an_unpinned_notice_goes_to_the_list_only(client, community, facilitator):
    response = client.post(
        f"/communities/{community.slug}/notices/new/",
        {"title": "Minutes", "body": "Attached."},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == f"/communities/{community.slug}/notices/"
    assert "Minutes" in response.content.decode()
    hub = client.get(f"/communities/{community.slug}/").content.decode()
    assert "Minutes" not in hub


def test_errors_keep_what_was_typed(client, community, facilitator):
    response = client.post(
        f"/communities/{community.slug}/notices/new/",
        {"title": "", "body": "x" * 2001},
    )

    html = response.content.decode()
    assert "Enter a title for the notice" in html
    assert "The notice must be 2,000 characters or fewer" in html
    assert "x" * 2001 in html
    assert not Notice.objects.exists()


def test_unpinning_and_pinning(client, community, facilitator):
    notice = NoticeFactory(community=community, title="Old news")

    response = client.post(
        f"/communities/{community.slug}/notices/{notice.pk}/pin/",
        {"pinned": "0"},
        follow=True,
    )

    assert "is no longer pinned" in response.content.decode()
    notice.refresh_from_db()
    assert not notice.is_pinned
    response = client.post(
        f"/communities/{community.slug}/notices/{notice.pk}/pin/",
        {"pinned": "1", "next": "notices"},
    )
    assert response["Location"] == f"/communities/{community.slug}/notices/"
    notice.refresh_from_db()
    assert notice.is_pinned


def test_deleting_asks_first(client, community, facilitator):
    notice = NoticeFactory(community=community, title="Mistake")
    url = f"/communities/{community.slug}/notices/{notice.pk}/delete/"

    assert "Delete this notice?" in client.get(url).content.decode()
    assert Notice.objects.exists()
    response = client.post(url, follow=True)

    assert "“Mistake” has been deleted" in response.content.decode()
    assert not Notice.objects.exists()


def test_a_notice_of_another_community_is_not_found(client, community, facilitator):
    other = NoticeFactory()

    response = client.post(
        f"/communities/{community.slug}/notices/{other.pk}/pin/", {"pinned": "0"}
    )

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.is_pinned


@pytest.mark.parametrize("role", ["outsider", "member"])
def test_only_facilitators_manage_notices(client, community, role):
    notice = NoticeFactory(community=community)
    user = UserFactory()
    if role == "member":
        MembershipFactory(community=community, user=user)
    client.force_login(user)
    base = f"/communities/{community.slug}/notices/"

    assert client.get(f"{base}new/").status_code == 403
    assert client.post(f"{base}{notice.pk}/pin/", {"pinned": "0"}).status_code == 403
    assert client.post(f"{base}{notice.pk}/delete/").status_code == 403
    notice.refresh_from_db()
    assert notice.is_pinned


def test_the_notice_list_is_for_readers(client, community):
    NoticeFactory(community=community, title="Members only notice")
    url = f"/communities/{community.slug}/notices/"

    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(MembershipFactory(community=community).user)
    html = client.get(url).content.decode()
    assert "Members only notice" in html
    assert "Unpin" not in html


def test_the_notice_list_has_a_fixed_query_budget(client, community, queries):
    client.force_login(MembershipFactory(community=community).user)
    NoticeFactory(community=community)
    # Session, user, community, the memberships, count and page.
    budget = 5 + session_queries()

    with queries(budget):
        client.get(f"/communities/{community.slug}/notices/")
    NoticeFactory.create_batch(10, community=community)
    with queries(budget):
        client.get(f"/communities/{community.slug}/notices/")


@pytest.mark.parametrize("page", ["", "notices/"])
def test_every_notice_form_carries_a_csrf_token(client, community, facilitator, page):
    NoticeFactory(community=community, title="Quarterly meeting")

    html = client.get(f"/communities/{community.slug}/{page}").content.decode()

    forms = html.split('<form method="post"')[1:]
    assert forms
    assert all("csrfmiddlewaretoken" in form.split("</form>")[0] for form in forms)
