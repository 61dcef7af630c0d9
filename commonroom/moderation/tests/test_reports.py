import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from commonroom.accounts.tests.factories import UserFactory
from commonroom.activity.models import Activity
from commonroom.communities.models import Community
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.moderation import selectors, services
from commonroom.moderation.models import ModerationAction, Report
from commonroom.moderation.tests.conftest import join, post_thread

pytestmark = pytest.mark.django_db


def test_a_member_reports_a_post(thread, member, community):
    report = services.report_content(
        actor=member, obj=thread, reason="confidential", detail="  Names a child.  "
    )

    assert report.community == community
    assert report.target == thread
    assert (report.reporter, report.reason, report.detail, report.status) == (
        member,
        "confidential",
        "Names a child.",
        Report.Status.OPEN,
    )
    activity = Activity.objects.get()
    assert (activity.verb, activity.actor, activity.community) == (
        Activity.Verb.REPORTED,
        member,
        community,
    )
    assert selectors.open_report_count(community) == 1


def test_the_hub_tells_facilitators_how_many_reports_wait(
    client, thread, member, facilitator, community
):
    services.report_content(actor=member, obj=thread, reason="spam")

    client.force_login(facilitator)
    hub = client.get(f"/communities/{community.slug}/").content.decode()
    client.force_login(member)
    members_hub = client.get(f"/communities/{community.slug}/").content.decode()

    assert "Reported posts (1 waiting)" in hub
    assert "Reported posts" not in members_hub


def test_one_open_report_per_person_per_post(thread, reply, member):
    services.report_content(actor=member, obj=thread, reason="spam")

    with pytest.raises(ValidationError) as error:
        services.report_content(actor=member, obj=thread, reason="abusive")
    assert error.value.messages == [
        "You have already reported this. The facilitators will look at it."
    ]
    # Another post, or another person, is another report.
    services.report_content(actor=member, obj=reply, reason="spam")
    services.report_content(actor=join(thread.community), obj=thread, reason="spam")
    assert Report.objects.count() == 3


def test_a_dismissed_report_does_not_stop_a_new_one(thread, member, facilitator):
    first = services.report_content(actor=member, obj=thread, reason="spam")
    services.dismiss_report(actor=facilitator, report=first)

    services.report_content(actor=member, obj=thread, reason="abusive")

    assert Report.objects.filter(status=Report.Status.OPEN).count() == 1


def test_you_cannot_report_your_own_post(thread, author):
    with pytest.raises(PermissionDenied, match="You cannot report your own post."):
        services.report_content(actor=author, obj=thread, reason="spam")


def test_people_who_are_not_members_cannot_report(thread):
    # The community is open: anyone signed in reads it, only members report.
    for person in (UserFactory(), join(CommunityFactory())):
        with pytest.raises(PermissionDenied):
            services.report_content(actor=person, obj=thread, reason="spam")
    assert not Report.objects.exists()


def test_a_private_communitys_posts_do_not_exist_for_outsiders():
    private = CommunityFactory(visibility="private")
    thread = post_thread(private, join(private))

    with pytest.raises(Http404):
        services.report_content(actor=UserFactory(), obj=thread, reason="spam")


def test_nothing_is_reported_in_an_archived_community(community, thread, member):
    community.status = Community.Status.ARCHIVED
    community.save()
    thread.refresh_from_db()

    with pytest.raises(PermissionDenied):
        services.report_content(actor=member, obj=thread, reason="spam")


def test_the_reason_must_be_one_of_the_choices(thread, member):
    with pytest.raises(ValidationError) as error:
        services.report_content(actor=member, obj=thread, reason="boring")
    assert "reason" in error.value.message_dict


def test_dismissing_logs_and_closes(thread, member, facilitator):
    report = services.report_content(actor=member, obj=thread, reason="spam")

    services.dismiss_report(actor=facilitator, report=report, reason="Not spam")

    report.refresh_from_db()
    assert (report.status, report.handled_by) == (
        Report.Status.DISMISSED,
        facilitator,
    )
    entry = ModerationAction.objects.get()
    assert (entry.action, entry.actor, entry.reason, entry.target_title) == (
        ModerationAction.Action.DISMISSED_REPORT,
        facilitator,
        "Not spam",
        thread.title,
    )
    assert entry.detail == {"report_id": report.pk}
    thread.refresh_from_db()
    assert thread.hidden_at is None


def test_only_facilitators_act_on_reports(thread, member, author):
    report = services.report_content(actor=member, obj=thread, reason="spam")
    elsewhere = join(CommunityFactory(), role="facilitator")

    for person in (member, author, elsewhere):
        for action in ("hide", "dismiss"):
            with pytest.raises(PermissionDenied):
                services.act_on_report(actor=person, report=report, action=action)
        with pytest.raises(PermissionDenied):
            services.dismiss_report(actor=person, report=report)
    report.refresh_from_db()
    assert report.status == Report.Status.OPEN
    assert not ModerationAction.objects.exists()


def test_acting_by_hiding(thread, member, facilitator):
    report = services.report_content(actor=member, obj=thread, reason="abusive")

    services.act_on_report(
        actor=facilitator, report=report, action="hide", reason="Abusive"
    )

    thread.refresh_from_db()
    assert thread.hidden_at is not None
    assert report.status == Report.Status.ACTIONED
    assert report.handled_by == facilitator
    assert ModerationAction.objects.get().action == ModerationAction.Action.HID


def test_acting_by_dismissing(thread, member, facilitator):
    report = services.report_content(actor=member, obj=thread, reason="abusive")

    services.act_on_report(actor=facilitator, report=report, action="dismiss")

    assert report.status == Report.Status.DISMISSED
    thread.refresh_from_db()
    assert thread.hidden_at is None


def test_a_report_is_dealt_with_once(thread, member, facilitator):
    report = services.report_content(actor=member, obj=thread, reason="abusive")
    services.act_on_report(actor=facilitator, report=report, action="dismiss")

    for action in ("hide", "dismiss"):
        with pytest.raises(ValidationError, match="already been dealt with"):
            services.act_on_report(actor=facilitator, report=report, action=action)
    assert ModerationAction.objects.count() == 1


def test_a_deleted_post_cannot_be_hidden_from_the_queue(thread, member, facilitator):
    from django.utils import timezone

    report = services.report_content(actor=member, obj=thread, reason="abusive")
    thread.deleted_at = timezone.now()
    thread.save()

    with pytest.raises(ValidationError, match="deleted"):
        services.act_on_report(actor=facilitator, report=report, action="hide")
    services.act_on_report(actor=facilitator, report=report, action="dismiss")
    assert report.status == Report.Status.DISMISSED


def test_hidden_posts_cannot_be_reported(thread, member, facilitator):
    services.hide_content(actor=facilitator, obj=thread)

    with pytest.raises(Http404):
        services.report_content(actor=member, obj=thread, reason="spam")
