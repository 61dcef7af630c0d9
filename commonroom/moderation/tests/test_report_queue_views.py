import pytest
from django.urls import reverse
from django.utils import timezone

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.core.testing.queries import session_queries
from commonroom.moderation import services
from commonroom.moderation.models import ModerationAction, Report
from commonroom.moderation.tests.conftest import join, post_reply, post_thread

pytestmark = pytest.mark.django_db


def queue_url(community):
    return reverse("community-reports", args=[community.slug])


def act_url(report):
    return reverse("community-report-act", args=[report.community.slug, report.pk])


def test_the_queue_shows_reports_and_hiding_from_it_works(
    client, community, thread, reply, member, facilitator
):
    report = services.report_content(
        actor=member, obj=reply, reason="confidential", detail="Names a resident."
    )
    client.force_login(facilitator)

    html = client.get(queue_url(community)).content.decode()

    assert "1 report waiting" in html
    assert f"Reply to “{thread.title}”" in html
    assert "We did &amp; it worked." in html  # the text, escaped once
    assert "Arthur Dent" in html  # who wrote it
    assert "Mina Shah" in html  # who reported it
    assert "Shares personal or confidential information" in html
    assert "Names a resident." in html
    assert "Hide the post" in html and "Dismiss" in html
    assert reverse("community-moderation-log", args=[community.slug]) in html

    response = client.post(act_url(report), {"action": "hide", "reason": "PII"})

    assert response["Location"] == queue_url(community)
    reply.refresh_from_db()
    assert reply.hidden_at is not None
    report.refresh_from_db()
    assert report.status == Report.Status.ACTIONED
    followed = client.get(response["Location"]).content.decode()
    assert "The post has been hidden and the report closed." in followed
    assert "0 reports waiting" in followed


def test_dismissing_from_the_queue(client, community, thread, member, facilitator):
    report = services.report_content(actor=member, obj=thread, reason="spam")
    client.force_login(facilitator)

    client.post(act_url(report), {"action": "dismiss", "reason": "Not spam"})

    report.refresh_from_db()
    assert report.status == Report.Status.DISMISSED
    thread.refresh_from_db()
    assert thread.hidden_at is None
    assert ModerationAction.objects.get().reason == "Not spam"
    again = client.post(act_url(report), {"action": "dismiss"}, follow=True)
    assert "This report has already been dealt with." in again.content.decode()


def test_reports_on_deleted_or_hidden_posts_say_so(
    client, community, thread, reply, member, facilitator
):
    services.report_content(actor=member, obj=thread, reason="spam")
    services.report_content(actor=member, obj=reply, reason="spam")
    reply.deleted_at = timezone.now()
    reply.save()
    # Reported before a facilitator hid the thread some other way.
    type(thread).objects.filter(pk=thread.pk).update(hidden_at=timezone.now())
    client.force_login(facilitator)

    html = client.get(queue_url(community)).content.decode()

    assert "Deleted</strong>" in html
    assert "Hidden</strong>" in html
    assert "Hide the post" not in html


def test_a_bad_reason_shows_the_single_report_with_the_error(
    client, community, thread, member, facilitator
):
    report = services.report_content(actor=member, obj=thread, reason="spam")
    client.force_login(facilitator)

    response = client.post(act_url(report), {"action": "hide", "reason": "x" * 501})

    html = response.content.decode()
    assert response.status_code == 400
    assert "The reason must be 500 characters or fewer" in html
    assert f'href="#reason-{report.pk}"' in html
    assert f'id="reason-{report.pk}"' in html
    thread.refresh_from_db()
    assert thread.hidden_at is None
    assert client.get(act_url(report)).status_code == 200


def test_only_facilitators_see_the_queue(client, community, thread, member, author):
    report = services.report_content(actor=member, obj=thread, reason="spam")
    elsewhere = join(CommunityFactory(), role="facilitator")

    for person in (member, author, elsewhere, UserFactory()):
        client.force_login(person)
        assert client.get(queue_url(community)).status_code == 403
        assert client.post(act_url(report), {"action": "hide"}).status_code == 403
    thread.refresh_from_db()
    assert thread.hidden_at is None


def test_a_private_communitys_queue_is_not_found_for_outsiders(client):
    private = CommunityFactory(visibility="private")
    join(private, role="facilitator")

    client.force_login(join(CommunityFactory(), role="facilitator"))

    assert client.get(queue_url(private)).status_code == 404


def test_a_report_in_another_community_is_not_found(
    client, thread, member, facilitator
):
    report = services.report_content(actor=member, obj=thread, reason="spam")
    other = CommunityFactory()
    join(other, facilitator, role="facilitator")
    client.force_login(facilitator)

    response = client.post(
        reverse("community-report-act", args=[other.slug, report.pk]),
        {"action": "hide"},
    )

    assert response.status_code == 404


def _report_many(community, n):
    """n reports, half on threads and half on replies."""
    for i in range(n // 2):
        author = join(community)
        thread = post_thread(community, author, title=f"Question {i}")
        reply = post_reply(thread, author)
        for obj in (thread, reply):
            services.report_content(actor=join(community), obj=obj, reason="spam")


def test_the_queue_has_a_fixed_query_budget(client, community, facilitator, queries):
    client.force_login(facilitator)
    # session, user, community, memberships, count, page,
    # then the reported posts: threads, replies
    budget = session_queries() + 7
    _report_many(community, 2)
    client.get(queue_url(community))  # warm the content type cache
    with queries(budget):
        response = client.get(queue_url(community))
    assert len(response.context["reports"]) == 2

    _report_many(community, 10)
    with queries(budget):
        response = client.get(queue_url(community))
    assert len(response.context["reports"]) == 12
