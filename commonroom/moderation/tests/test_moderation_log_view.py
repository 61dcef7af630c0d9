import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from commonroom.accounts.tests.factories import UserFactory
from commonroom.activity.verbs import MODERATION
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.core.testing.queries import session_queries
from commonroom.moderation import services
from commonroom.moderation.log import log_action
from commonroom.moderation.models import ModerationAction
from commonroom.moderation.tests.conftest import join, post_reply, post_thread

pytestmark = pytest.mark.django_db


def log_url(community):
    return reverse("community-moderation-log", args=[community.slug])


def test_the_log_lists_what_facilitators_did(
    client, community, thread, reply, member, facilitator
):
    services.hide_content(actor=facilitator, obj=reply, reason="Rude")
    report = services.report_content(actor=member, obj=thread, reason="spam")
    services.dismiss_report(actor=facilitator, report=report, reason="Fine")
    # A summer time in London: 13:05 UTC is 14:05 there.
    ModerationAction.objects.filter(action="hid").update(
        created_at=datetime.datetime(2026, 7, 1, 13, 5, tzinfo=datetime.UTC)
    )
    client.force_login(facilitator)

    html = client.get(log_url(community)).content.decode()

    assert "2 actions" in html
    assert "Fola Adeyemi" in html
    assert "Hid" in html and "Dismissed a report" in html
    assert "Rude" in html and "Fine" in html
    assert "1 Jul 2026, 14:05" in html
    thread_url = reverse("forum-thread", args=[community.slug, thread.pk])
    reply_url = reverse("forum-reply", args=[community.slug, thread.pk, reply.pk])
    assert f'href="{thread_url}"' in html
    assert f'href="{reply_url}"' in html  # hidden, still readable by facilitators


def test_deleted_posts_are_named_but_not_linked(client, community, thread, facilitator):
    services.hide_content(actor=facilitator, obj=thread)
    thread.deleted_at = timezone.now()
    thread.save()
    client.force_login(facilitator)

    html = client.get(log_url(community)).content.decode()

    assert thread.title in html
    assert reverse("forum-thread", args=[community.slug, thread.pk]) not in html


def test_only_facilitators_see_the_log(client, community, thread, author, member):
    for person in (member, author, join(CommunityFactory(), role="facilitator")):
        client.force_login(person)
        assert client.get(log_url(community)).status_code == 403


def test_a_private_communitys_log_is_not_found_for_outsiders(client):
    private = CommunityFactory(visibility="private")

    client.force_login(UserFactory())

    assert client.get(log_url(private)).status_code == 404


def _act_many(community, facilitator, n):
    for i in range(n // 2):
        thread = post_thread(community, join(community), title=f"Question {i}")
        reply = post_reply(thread, thread.author)
        for obj in (thread, reply):
            services.hide_content(actor=facilitator, obj=obj)


def test_the_log_has_a_fixed_query_budget(client, community, facilitator, queries):
    client.force_login(facilitator)
    # session, user, community, memberships, count, page,
    # then the posts acted on: threads, replies
    budget = session_queries() + 7
    _act_many(community, facilitator, 2)
    client.get(log_url(community))
    with queries(budget):
        response = client.get(log_url(community))
    assert len(response.context["entries"]) == 2

    _act_many(community, facilitator, 10)
    with queries(budget):
        response = client.get(log_url(community))
    assert len(response.context["entries"]) == 12


def test_a_kinds_own_action_is_shown_in_the_log(client, community, thread, facilitator):
    MODERATION.register("sealed", "Sealed the minutes")
    try:
        log_action(actor=facilitator, action="sealed", target=thread)
        client.force_login(facilitator)

        html = client.get(log_url(community)).content.decode()
    finally:
        MODERATION.unregister("sealed")

    assert "Sealed the minutes" in html
