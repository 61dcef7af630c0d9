import pytest
from django.urls import reverse

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.core.testing.queries import session_queries
from commonroom.moderation.models import ModerationAction
from commonroom.moderation.tests.conftest import join, post_thread

pytestmark = pytest.mark.django_db


def url(name, obj, kind_name="thread"):
    return reverse(name, args=[obj.community.slug, kind_name, obj.pk])


def test_a_facilitator_hides_then_restores_a_reply(
    client, community, thread, reply, facilitator, member
):
    client.force_login(facilitator)
    confirm = client.get(url("content-hide", reply, "reply"))
    assert confirm.status_code == 200
    assert "Hide this post?" in confirm.content.decode()
    assert "govuk-button--warning" in confirm.content.decode()

    hidden = client.post(url("content-hide", reply, "reply"), {"reason": "Abusive"})

    reply_url = reverse("forum-reply", args=[community.slug, thread.pk, reply.pk])
    assert hidden["Location"] == reply_url
    reply.refresh_from_db()
    assert reply.hidden_at is not None
    client.force_login(member)
    assert client.get(url("content-report", reply, "reply")).status_code == 404

    client.force_login(facilitator)
    assert (
        "Restore this post?"
        in client.get(url("content-restore", reply, "reply")).content.decode()
    )
    restored = client.post(url("content-restore", reply, "reply"))
    assert restored["Location"] == reply_url
    reply.refresh_from_db()
    assert reply.hidden_at is None
    assert list(
        ModerationAction.objects.order_by("pk").values_list("action", "reason")
    ) == [("hid", "Abusive"), ("restored", "")]


def test_next_is_followed_only_within_the_site(client, community, thread, facilitator):
    client.force_login(facilitator)
    listing = f"/communities/{community.slug}/discussions/?page=2"

    kept = client.post(url("content-hide", thread), {"next": listing})
    assert kept["Location"] == listing
    for unsafe in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = client.post(url("content-restore", thread), {"next": unsafe})
        assert response["Location"] == reverse(
            "forum-thread", args=[community.slug, thread.pk]
        )
        client.post(url("content-hide", thread))


def test_hiding_a_hidden_post_says_so(client, thread, facilitator):
    client.force_login(facilitator)
    client.post(url("content-hide", thread))

    again = client.get(url("content-hide", thread), follow=False)

    assert again.status_code == 302
    assert ModerationAction.objects.count() == 1


def test_members_and_authors_are_forbidden(client, thread, author, member):
    for person in (author, member):
        client.force_login(person)
        assert client.get(url("content-hide", thread)).status_code == 403
        assert client.post(url("content-hide", thread)).status_code == 403
    thread.refresh_from_db()
    assert thread.hidden_at is None


def test_a_facilitator_of_another_community_is_forbidden(client, thread):
    client.force_login(join(CommunityFactory(), role="facilitator"))

    assert client.post(url("content-hide", thread)).status_code == 403


def test_a_private_community_is_not_found_for_outsiders(client):
    private = CommunityFactory(visibility="private")
    thread = post_thread(private, join(private))

    client.force_login(UserFactory())
    assert client.get(url("content-hide", thread)).status_code == 404
    assert client.post(url("content-restore", thread)).status_code == 404


def test_a_reason_that_is_too_long_is_an_error(client, thread, facilitator):
    client.force_login(facilitator)

    response = client.post(url("content-hide", thread), {"reason": "x" * 501})

    assert response.status_code == 400
    assert "The reason must be 500 characters or fewer" in response.content.decode()
    thread.refresh_from_db()
    assert thread.hidden_at is None


def test_the_confirmation_has_a_fixed_query_budget(
    client, thread, facilitator, queries
):
    client.force_login(facilitator)
    client.get(url("content-hide", thread))
    # session, user, community, memberships, post
    with queries(session_queries() + 4):
        assert client.get(url("content-hide", thread)).status_code == 200
