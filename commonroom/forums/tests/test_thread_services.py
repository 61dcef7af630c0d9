import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.http import Http404

from commonroom.activity.models import Activity
from commonroom.communities.models import Community
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.content import services as content_services
from commonroom.content.models import Revision
from commonroom.content.selectors import revisions_of
from commonroom.forums.kinds import ForumAction, ForumVerb
from commonroom.forums.models import Reply, Thread, ThreadFollow
from commonroom.forums.services import threads as services
from commonroom.forums.tests.factories import (
    facilitator_of,
    member_of,
    reply_to,
    start_thread,
)
from commonroom.moderation.models import ModerationAction

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory(name="Housing Enforcement")


def test_starting_a_thread_counts_a_post_follows_it_and_records_activity(community):
    author = member_of(community)
    thread = start_thread(community, author, kind=Thread.Kind.QUESTION, tags=["HMO"])

    community.refresh_from_db()
    assert community.post_count == 1
    assert thread.is_question
    assert [t.name for t in thread.tags.all()] == ["HMO"]
    assert ThreadFollow.objects.filter(thread=thread, user=author).exists()
    assert Activity.objects.filter(
        verb=Activity.Verb.POSTED, object_id=thread.pk, actor=author
    ).exists()


def test_people_outside_the_community_cannot_start_threads(community):
    outsider = member_of(CommunityFactory())
    private = CommunityFactory(visibility=Community.Visibility.PRIVATE)

    with pytest.raises(PermissionDenied):
        start_thread(community, outsider)
    with pytest.raises(Exception) as refused:
        start_thread(private, outsider)
    assert refused.typename == "Http404"
    assert not Thread.objects.exists()


def test_replies_are_numbered_and_update_the_threads_counters(community):
    thread = start_thread(community)
    first = reply_to(thread)
    second_author = member_of(community, full_name="Priya Shah")
    second = reply_to(thread, second_author)

    thread.refresh_from_db()
    assert (first.position, second.position) == (1, 2)
    assert thread.reply_count == 2
    assert thread.last_position == 2
    assert thread.last_reply_by == second_author
    community.refresh_from_db()
    assert community.post_count == 3


def test_a_locked_thread_takes_replies_only_from_facilitators(community):
    facilitator = facilitator_of(community)
    thread = start_thread(community)
    services.set_locked(actor=facilitator, thread=thread, locked=True)

    with pytest.raises(PermissionDenied, match="locked"):
        reply_to(thread)
    reply_to(thread, facilitator)
    assert ModerationAction.objects.filter(
        action=ForumAction.LOCKED, object_id=thread.pk
    ).exists()


def test_nobody_posts_in_an_archived_community(community):
    thread = start_thread(community)
    member = member_of(community)
    Community.objects.filter(pk=community.pk).update(status=Community.Status.ARCHIVED)
    thread.community.refresh_from_db()

    with pytest.raises(PermissionDenied, match="archived"):
        reply_to(thread, member)


def test_the_asker_accepts_and_changes_the_answer(community):
    asker = member_of(community)
    question = start_thread(community, asker, kind=Thread.Kind.QUESTION)
    first, second = reply_to(question), reply_to(question)

    services.accept_answer(actor=asker, thread=question, reply=first)
    services.accept_answer(actor=asker, thread=question, reply=second)

    question.refresh_from_db()
    assert question.accepted_answer == second
    entry = Activity.objects.filter(verb=ForumVerb.ACCEPTED_ANSWER).first()
    assert entry.recipient == second.author
    # The asker choosing is not moderation.
    assert not ModerationAction.objects.exists()


def test_only_the_asker_or_a_facilitator_accepts_an_answer(community):
    question = start_thread(community, kind=Thread.Kind.QUESTION)
    answer = reply_to(question)

    with pytest.raises(PermissionDenied):
        services.accept_answer(
            actor=member_of(community), thread=question, reply=answer
        )
    facilitator = facilitator_of(community)
    services.accept_answer(actor=facilitator, thread=question, reply=answer)
    assert ModerationAction.objects.get().action == "accepted_answer"


def test_an_answer_must_come_from_the_same_question(community):
    asker = member_of(community)
    question = start_thread(community, asker, kind=Thread.Kind.QUESTION)
    elsewhere = reply_to(start_thread(community))

    with pytest.raises(ValidationError):
        services.accept_answer(actor=asker, thread=question, reply=elsewhere)


def test_discussions_have_no_accepted_answer(community):
    author = member_of(community)
    discussion = start_thread(community, author)
    with pytest.raises(PermissionDenied):
        services.accept_answer(
            actor=author, thread=discussion, reply=reply_to(discussion)
        )


def test_deleting_a_reply_keeps_its_place_and_recounts(community):
    asker = member_of(community)
    question = start_thread(community, asker, kind=Thread.Kind.QUESTION)
    answer = reply_to(question)
    later = reply_to(question)
    services.accept_answer(actor=asker, thread=question, reply=answer)

    content_services.delete_content(actor=answer.author, obj=answer)

    question.refresh_from_db()
    assert question.reply_count == 1
    assert question.accepted_answer is None
    assert question.last_position == 2
    assert Reply.objects.get(pk=answer.pk).deleted_at is not None
    assert reply_to(question).position == 3
    assert later.position == 2


def test_members_cannot_edit_or_delete_other_peoples_posts(community):
    thread = start_thread(community)
    with pytest.raises(PermissionDenied):
        content_services.delete_content(actor=member_of(community), obj=thread)
    with pytest.raises(PermissionDenied):
        content_services.edit_content(
            actor=member_of(community), obj=thread, changes={"body": "Mine now"}
        )


def test_editing_keeps_the_earlier_version_and_logs_facilitators(community):
    author = member_of(community, full_name="Sam Okafor")
    facilitator = facilitator_of(community)
    thread = start_thread(community, author, title="Old title", body="First words")

    content_services.edit_content(
        actor=author, obj=thread, changes={"title": "New title", "body": "Second"}
    )
    content_services.edit_content(
        actor=facilitator, obj=thread, changes={"body": "Third"}, reason="tidy"
    )

    thread.refresh_from_db()
    assert (thread.title, thread.body, thread.edit_count) == ("New title", "Third", 2)
    versions = revisions_of(thread)
    assert [v.body for v in versions] == ["Second", "First words"]
    assert versions[0].written_by == author and versions[0].replaced_by == facilitator
    assert versions[1].title == "Old title"
    assert ModerationAction.objects.get().action == "edited"
    assert Revision.objects.count() == 2


def test_an_edit_that_changes_nothing_keeps_no_version(community):
    author = member_of(community)
    thread = start_thread(community, author, body="Same")
    assert not content_services.edit_content(
        actor=author, obj=thread, changes={"body": "Same"}
    )
    assert not Revision.objects.exists()


def test_helpful_marks_count_once_per_person_and_not_for_yourself(community):
    reply = reply_to(start_thread(community))
    reader = member_of(community)

    assert content_services.set_helpful(actor=reader, obj=reply, helpful=True)
    assert not content_services.set_helpful(actor=reader, obj=reply, helpful=True)
    assert reply.helpful_count == 1
    with pytest.raises(PermissionDenied):
        content_services.set_helpful(actor=reply.author, obj=reply, helpful=True)
    content_services.set_helpful(actor=reader, obj=reply, helpful=False)
    assert reply.helpful_count == 0


def test_views_count_each_member_once(community):
    thread = start_thread(community)
    reader = member_of(community)
    for viewer in (reader, reader, thread.author):
        services.record_visit(viewer=viewer, thread=thread)
    thread.refresh_from_db()
    assert thread.view_count == 2


def test_following_and_unfollowing(community):
    thread = start_thread(community)
    reader = member_of(community)
    services.set_following(actor=reader, thread=thread, following=True)
    assert ThreadFollow.objects.filter(thread=thread, user=reader).exists()
    services.set_following(actor=reader, thread=thread, following=False)
    assert not ThreadFollow.objects.filter(thread=thread, user=reader).exists()


def test_moving_a_thread_takes_its_replies_and_updates_both_counts(community):
    facilitator = facilitator_of(community)
    destination = CommunityFactory(name="Private Sector Housing")
    facilitator_of(destination, email="other@leeds.gov.uk")
    from commonroom.communities.models import Membership

    Membership.objects.create(
        community=destination, user=facilitator, role=Membership.Role.FACILITATOR
    )
    thread = start_thread(community)
    reply_to(thread)

    assert services.move_targets(facilitator, thread) == [destination]
    services.move_thread(actor=facilitator, thread=thread, to=destination)

    assert Reply.objects.get().community == destination
    community.refresh_from_db()
    destination.refresh_from_db()
    assert (community.post_count, destination.post_count) == (0, 2)
    assert ModerationAction.objects.filter(action="moved").count() == 2


def test_facilitators_move_only_to_communities_they_facilitate(community):
    facilitator = facilitator_of(community)
    elsewhere = CommunityFactory()
    member_of(elsewhere, email="x@leeds.gov.uk")
    thread = start_thread(community)
    with pytest.raises(PermissionDenied):
        services.move_thread(actor=facilitator, thread=thread, to=elsewhere)
    with pytest.raises(PermissionDenied):
        services.move_thread(actor=member_of(community), thread=thread, to=elsewhere)


def test_rebuild_command_recomputes_every_counter(community):
    thread = start_thread(community)
    replies = [reply_to(thread) for _ in range(3)]
    reader = member_of(community)
    services.record_visit(viewer=reader, thread=thread)
    content_services.set_helpful(actor=reader, obj=replies[0], helpful=True)
    Thread.objects.update(
        reply_count=99, last_position=1, view_count=0, last_reply_by=None
    )
    Reply.objects.update(helpful_count=7)
    Community.objects.update(post_count=0)

    call_command("rebuild_forum_counts", verbosity=0)

    thread.refresh_from_db()
    assert (thread.reply_count, thread.last_position, thread.view_count) == (3, 3, 1)
    assert thread.last_reply_by == replies[-1].author
    assert sorted(Reply.objects.values_list("helpful_count", flat=True)) == [0, 0, 1]
    community.refresh_from_db()
    assert community.post_count == 4


def test_every_forum_service_records_who_did_what_where(community):
    facilitator = facilitator_of(community)
    asker = member_of(community, full_name="Dana Price")
    helper = member_of(community)
    question = start_thread(community, asker, kind=Thread.Kind.QUESTION)
    answer = reply_to(question, helper, body=f"Ask @{asker.profile.handle}")
    content_services.set_helpful(actor=asker, obj=answer, helpful=True)
    content_services.set_helpful(actor=asker, obj=answer, helpful=False)
    services.accept_answer(actor=asker, thread=question, reply=answer)
    services.accept_answer(actor=asker, thread=question, reply=None)
    services.set_following(actor=helper, thread=question, following=False)
    services.set_following(actor=helper, thread=question, following=True)
    content_services.edit_content(actor=helper, obj=answer, changes={"body": "Hm"})
    services.set_pinned(actor=facilitator, thread=question, pinned=True)
    content_services.delete_content(actor=helper, obj=answer)

    entries = list(
        Activity.objects.order_by("pk").values_list("actor", "verb", "community")
    )
    assert [verb for _actor, verb, _where in entries] == [
        "posted",
        "replied",
        "mentioned",
        "marked_helpful",
        "unmarked_helpful",
        "accepted_answer",
        "cleared_answer",
        "unfollowed",
        "followed",
        "edited",
        "pinned",
        "deleted",
    ]
    assert {where for _actor, _verb, where in entries} == {community.pk}
    mention = Activity.objects.get(verb="mentioned")
    assert (mention.actor, mention.recipient) == (helper, asker)


def _facilitating_both(community):
    from commonroom.communities.models import Membership

    facilitator = facilitator_of(community)
    destination = CommunityFactory(name="Private Sector Housing")
    Membership.objects.create(
        community=destination, user=facilitator, role=Membership.Role.FACILITATOR
    )
    return facilitator, destination


def test_a_moved_threads_activity_follows_it_to_the_new_community(community):
    facilitator, destination = _facilitating_both(community)
    thread = start_thread(community)
    reply = reply_to(thread)

    services.move_thread(actor=facilitator, thread=thread, to=destination)

    left_behind = Activity.objects.filter(community=community)
    assert not left_behind.filter(object_id__in=[thread.pk, reply.pk]).exists()
    assert Activity.objects.filter(
        community=destination, verb=ForumVerb.REPLIED, object_id=reply.pk
    ).exists()


def test_a_move_leaves_earlier_versions_and_reports_behind(community):
    from commonroom.moderation import services as moderation

    facilitator, destination = _facilitating_both(community)
    author = member_of(community, email="author@leeds.gov.uk")
    thread = start_thread(community, author)
    reply = reply_to(thread, author)
    content_services.edit_content(
        actor=author, obj=reply, changes={"body": "Second thoughts"}
    )
    reporter = member_of(community, email="reporter@leeds.gov.uk")
    moderation.report_content(actor=reporter, obj=reply, reason="off_topic")

    services.move_thread(actor=facilitator, thread=thread, to=destination)

    assert not Revision.objects.exists()
    from commonroom.moderation.models import Report

    assert not Report.objects.exists()
    assert not Activity.objects.filter(verb=Activity.Verb.REPORTED).exists()
    # The old community's moderation log still says what happened there.
    assert ModerationAction.objects.filter(community=community).exists()


def test_a_moved_threads_hidden_replies_are_removed_for_good(community):
    from commonroom.moderation import services as moderation

    facilitator, destination = _facilitating_both(community)
    thread = start_thread(community)
    kept = reply_to(thread, body="Still here")
    hidden = reply_to(thread, body="Confidential aside")
    moderation.hide_content(actor=facilitator, obj=hidden)

    services.move_thread(actor=facilitator, thread=thread, to=destination)

    hidden.refresh_from_db()
    assert hidden.community == destination
    assert (hidden.body, hidden.body_html) == ("", "")
    assert hidden.is_deleted and not hidden.is_hidden
    # Nothing to restore in the new community.
    with pytest.raises(Http404):
        moderation.restore_content(actor=facilitator, obj=hidden)
    kept.refresh_from_db()
    assert kept.body == "Still here" and kept.is_live


def test_a_hidden_thread_cannot_be_moved(community):
    from commonroom.moderation import services as moderation

    facilitator, destination = _facilitating_both(community)
    thread = start_thread(community)
    moderation.hide_content(actor=facilitator, obj=thread)
    with pytest.raises(ValidationError):
        services.move_thread(actor=facilitator, thread=thread, to=destination)
    thread.refresh_from_db()
    assert thread.community == community
