import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from commonroom.accounts.tests.factories import UserFactory
from commonroom.activity.models import Activity
from commonroom.communities import access
from commonroom.communities.models import Membership
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.forums.models import Reply, Thread
from commonroom.moderation import services
from commonroom.moderation.models import ModerationAction, Report
from commonroom.moderation.tests.conftest import join

pytestmark = pytest.mark.django_db


def test_hiding_takes_a_thread_away_from_members_but_not_facilitators(
    thread, member, facilitator
):
    services.hide_content(actor=facilitator, obj=thread, reason="Names a resident")

    thread.refresh_from_db()
    assert thread.hidden_at is not None
    assert thread.hidden_by == facilitator
    assert thread not in Thread.objects.readable_by(member)
    assert not access.can_read_content(member, thread)
    assert access.can_read_content(facilitator, thread)


def test_restoring_brings_it_back(thread, member, facilitator):
    services.hide_content(actor=facilitator, obj=thread)
    services.restore_content(actor=facilitator, obj=thread, reason="Edited out")

    thread.refresh_from_db()
    assert thread.hidden_at is None
    assert thread.hidden_by is None
    assert thread in Thread.objects.readable_by(member)


def test_a_hidden_reply_leaves_the_counts_and_a_restored_one_returns(
    community, thread, reply, facilitator
):
    thread.refresh_from_db()
    community.refresh_from_db()
    assert (thread.reply_count, community.post_count) == (1, 2)

    services.hide_content(actor=facilitator, obj=reply)
    thread.refresh_from_db()
    community.refresh_from_db()
    assert (thread.reply_count, community.post_count) == (0, 1)
    assert reply not in Reply.objects.readable_by(UserFactory())

    services.restore_content(actor=facilitator, obj=reply)
    thread.refresh_from_db()
    community.refresh_from_db()
    assert (thread.reply_count, community.post_count) == (1, 2)


def test_every_action_is_logged_and_recorded(thread, facilitator):
    services.hide_content(actor=facilitator, obj=thread, reason="Off topic")
    services.restore_content(actor=facilitator, obj=thread)

    log = list(
        ModerationAction.objects.order_by("pk").values_list(
            "action", "actor", "target_title", "reason", "community"
        )
    )
    assert log == [
        ("hid", facilitator.pk, thread.title, "Off topic", thread.community_id),
        ("restored", facilitator.pk, thread.title, "", thread.community_id),
    ]
    verbs = list(Activity.objects.order_by("pk").values_list("verb", flat=True))
    assert verbs == [Activity.Verb.HIDDEN, Activity.Verb.RESTORED]


def test_hiding_closes_the_open_reports_on_that_post(
    thread, reply, member, facilitator
):
    on_thread = services.report_content(actor=member, obj=thread, reason="spam")
    on_reply = services.report_content(actor=member, obj=reply, reason="spam")

    services.hide_content(actor=facilitator, obj=thread)

    on_thread.refresh_from_db()
    on_reply.refresh_from_db()
    assert on_thread.status == Report.Status.ACTIONED
    assert on_thread.handled_by == facilitator
    assert on_thread.handled_at is not None
    assert on_reply.status == Report.Status.OPEN
    assert ModerationAction.objects.get().detail == {"reports_closed": 1}


def test_hiding_twice_or_restoring_a_visible_post_does_nothing(
    thread, facilitator, django_assert_num_queries
):
    services.hide_content(actor=facilitator, obj=thread)
    with django_assert_num_queries(0):
        services.hide_content(actor=facilitator, obj=thread)
    services.restore_content(actor=facilitator, obj=thread)
    with django_assert_num_queries(0):
        services.restore_content(actor=facilitator, obj=thread)
    assert ModerationAction.objects.count() == 2


@pytest.mark.parametrize("service", ["hide_content", "restore_content"])
def test_members_and_authors_cannot_hide_or_restore(service, thread, author, member):
    for person in (author, member):
        with pytest.raises(PermissionDenied):
            getattr(services, service)(actor=person, obj=thread)
    assert not ModerationAction.objects.exists()


def test_a_facilitator_of_another_community_cannot_hide(thread):
    elsewhere = join(CommunityFactory(), role=Membership.Role.FACILITATOR)

    with pytest.raises(PermissionDenied):
        services.hide_content(actor=elsewhere, obj=thread)
    thread.refresh_from_db()
    assert thread.hidden_at is None


def test_outsiders_of_a_private_community_are_told_nothing(facilitator):
    from commonroom.moderation.tests.conftest import post_thread

    private = CommunityFactory(visibility="private")
    thread = post_thread(private, join(private))
    outsider_facilitator = join(CommunityFactory(), role=Membership.Role.FACILITATOR)

    with pytest.raises(Http404):
        services.hide_content(actor=outsider_facilitator, obj=thread)


def test_deleted_posts_cannot_be_hidden(thread, facilitator):
    from django.utils import timezone

    thread.deleted_at = timezone.now()
    thread.save()

    with pytest.raises(Http404):
        services.hide_content(actor=facilitator, obj=thread)
