import pytest
from django.urls import reverse

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.core.testing.queries import session_queries
from commonroom.moderation.models import Report
from commonroom.moderation.tests.conftest import join, post_thread

pytestmark = pytest.mark.django_db


def report_url(obj, kind_name="thread"):
    return reverse("content-report", args=[obj.community.slug, kind_name, obj.pk])


def test_a_member_reports_a_post_end_to_end(client, community, thread, member):
    client.force_login(member)
    page = client.get(report_url(thread))

    html = page.content.decode()
    assert page.status_code == 200
    assert "Report this post" in html
    assert thread.title in html
    assert "Has anyone served a notice after an appeal" in html  # text, not HTML
    assert "<legend" in html and "Why are you reporting this?" in html

    response = client.post(
        report_url(thread), {"reason": "abusive", "detail": "Rude about a colleague."}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "forum-thread", args=[community.slug, thread.pk]
    )
    report = Report.objects.get()
    assert (report.reporter, report.reason, report.detail) == (
        member,
        "abusive",
        "Rude about a colleague.",
    )
    followed = client.get(response["Location"]).content.decode()
    assert (
        "Thank you. The facilitators of Planning Enforcement Network will look at it."
        in followed
    )


def test_the_thread_page_links_to_the_report_form(client, thread, reply, member):
    client.force_login(member)

    html = client.get(
        reverse("forum-thread", args=[thread.community.slug, thread.pk])
    ).content.decode()

    assert f'href="{report_url(thread)}"' in html
    assert f'href="{report_url(reply, "reply")}"' in html


def test_a_reply_is_reported_and_you_go_back_to_it(client, community, reply, member):
    client.force_login(member)

    response = client.post(report_url(reply, "reply"), {"reason": "spam"})

    assert response["Location"] == reverse(
        "forum-reply", args=[community.slug, reply.thread_id, reply.pk]
    )
    assert Report.objects.get().target == reply


def test_choosing_no_reason_shows_the_error_and_keeps_the_details(
    client, thread, member
):
    client.force_login(member)

    response = client.post(report_url(thread), {"detail": "Names a resident"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in html
    assert "Select why you are reporting this" in html
    assert 'href="#id_reason_0"' in html
    assert "Names a resident</textarea>" in html
    assert not Report.objects.exists()
    assert client.post(report_url(thread)).status_code == 400  # nothing at all


def test_reporting_twice_is_explained(client, thread, member):
    client.force_login(member)
    client.post(report_url(thread), {"reason": "spam"})

    page = client.get(report_url(thread)).content.decode()
    again = client.post(report_url(thread), {"reason": "spam"})

    assert "You have already reported this" in page
    assert "Send the report" not in page
    assert again.status_code == 400
    assert "You have already reported this" in again.content.decode()
    assert Report.objects.count() == 1


def test_authors_and_non_members_cannot_report(client, thread, author):
    for person in (author, UserFactory(), join(CommunityFactory())):
        client.force_login(person)
        assert client.get(report_url(thread)).status_code == 403
        assert client.post(report_url(thread), {"reason": "spam"}).status_code == 403
    assert not Report.objects.exists()


def test_a_private_community_is_not_found_for_outsiders(client):
    private = CommunityFactory(visibility="private")
    thread = post_thread(private, join(private))

    client.force_login(UserFactory())
    assert client.get(report_url(thread)).status_code == 404
    client.force_login(join(CommunityFactory()))
    assert client.post(report_url(thread), {"reason": "spam"}).status_code == 404


def test_visitors_are_asked_to_sign_in(client, thread):
    response = client.get(report_url(thread))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_unknown_kind_or_post_is_not_found(client, community, thread, member):
    client.force_login(member)
    base = f"/communities/{community.slug}/content"

    assert client.get(f"{base}/poll/{thread.pk}/report/").status_code == 404
    assert client.get(f"{base}/thread/{thread.pk + 99}/report/").status_code == 404
    other = CommunityFactory()
    assert (
        client.get(f"/communities/{other.slug}/content/thread/{thread.pk}/report/")
    ).status_code == 404


def test_the_report_page_has_a_fixed_query_budget(client, thread, member, queries):
    client.force_login(member)
    client.get(report_url(thread))  # warm the content type cache
    # session, user, community, memberships, post,
    # already reported?
    with queries(session_queries() + 5):
        assert client.get(report_url(thread)).status_code == 200
