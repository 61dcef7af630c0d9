"""The demo step that fills the communities with discussions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.models import Community, Membership
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.content.attachments import check_upload
from commonroom.content.models import Attachment, Reaction, Tag
from commonroom.core.demo import DemoContext
from commonroom.core.models import ServiceArea
from commonroom.forums import demo
from commonroom.forums.models import REPLIES_PER_PAGE, Reply, Thread

pytestmark = pytest.mark.django_db


def _community(name, slug, *, members, visibility="open", tags=()):
    community = CommunityFactory(
        name=name,
        slug=slug,
        visibility=visibility,
        service_area=ServiceArea.objects.get(slug="planning"),
    )
    community.tags.set(
        [Tag.objects.get_or_create(slug=t.replace(" ", "-"), name=t)[0] for t in tags]
    )
    for n in range(members):
        role = Membership.Role.FACILITATOR if n < 2 else Membership.Role.MEMBER
        Membership.objects.create(community=community, user=UserFactory(), role=role)
    return community


@pytest.fixture
def communities():
    return [
        _community(
            "Local Plan Officers Test Network",
            "local-plan-officers-test-network",
            members=48,
            tags=["local plans", "nppf", "examination"],
        ),
        _community(
            "Heads of Planning Test Group",
            "heads-of-planning-test-group",
            members=12,
            visibility="private",
            tags=["leadership", "planning fees"],
        ),
    ]


def run_step(seed=2006):
    context = DemoContext(seed=seed, members=0, quiet=True)
    demo.create_discussions(context.seeded_for("forum discussions"))


def test_every_question_in_the_text_has_an_answer():
    seeds = demo._load_text()["seed"]
    assert len(seeds) > 100
    for seed in seeds:
        assert seed["kind"] in {"question", "discussion"}
        if seed["kind"] == "question":
            assert seed["answer"].strip(), seed["title"]


def test_the_demo_makes_believable_discussions(communities):
    run_step()

    threads = Thread.objects.all()
    assert threads.count() >= 2 * len(communities)
    for community in communities:
        count = threads.filter(community=community).count()
        assert demo.MIN_THREADS <= count <= demo.MAX_THREADS
    # Questions answered by one of their own replies, chosen by the asker.
    answered = threads.filter(kind="question", accepted_answer__isnull=False)
    assert answered.exists()
    for thread in answered.select_related("accepted_answer"):
        assert thread.accepted_answer.thread_id == thread.pk
        assert thread.accepted_answer.author_id != thread.author_id
    # Questions still waiting, with at most two replies.
    unanswered = threads.filter(kind="question", accepted_answer__isnull=True)
    assert unanswered.exists()
    assert all(t.reply_count <= 2 for t in unanswered)
    # A long thread, so that thread pages paginate.
    long = threads.filter(reply_count__gt=REPLIES_PER_PAGE).first()
    assert long is not None
    assert long.last_position == long.reply_count
    positions = list(
        Reply.objects.filter(thread=long).values_list("position", flat=True)
    )
    assert positions == list(range(1, long.reply_count + 1))
    assert threads.filter(is_pinned=True).exists()
    # Markdown, mentions rendered as links, quotes of earlier replies.
    assert Reply.objects.filter(body_html__contains="commonroom-mention").exists()
    assert Reply.objects.filter(quote_of__isnull=False, body__startswith="> ").exists()
    assert threads.filter(body_html__contains="<strong>").exists()
    assert Reaction.objects.filter(kind="helpful").exists()


def test_files_are_real_files_of_the_kinds_people_attach(communities):
    run_step()

    attachments = Attachment.objects.all()
    assert attachments.exists()
    for attachment in attachments:
        with attachment.file.open("rb") as stored:
            content = stored.read()
        detected = check_upload(SimpleUploadedFile(attachment.original_name, content))
        assert attachment.media_type.startswith(detected.media_type)


def test_every_author_is_a_member_of_the_community(communities):
    run_step()

    members = set(Membership.objects.values_list("community_id", "user_id"))
    posts = list(Thread.objects.values_list("community_id", "author_id")) + list(
        Reply.objects.values_list("thread__community_id", "author_id")
    )
    assert posts
    assert all(post in members for post in posts)


def test_times_are_spread_out_and_counters_agree(communities):
    run_step()

    for thread in Thread.objects.all():
        times = list(
            Reply.objects.filter(thread=thread)
            .order_by("position")
            .values_list("created_at", flat=True)
        )
        assert times == sorted(times)
        assert all(at > thread.created_at for at in times)
        assert thread.last_activity_at == (times[-1] if times else thread.created_at)
    created = Thread.objects.values_list("created_at", flat=True)
    assert (max(created) - min(created)).days > 30
    for community in Community.objects.all():
        posts = Thread.objects.filter(community=community).count()
        posts += Reply.objects.filter(community=community).count()
        assert community.post_count == posts


def test_running_the_step_again_creates_nothing_new(communities):
    run_step()
    counts = (Thread.objects.count(), Reply.objects.count())

    run_step()

    assert (Thread.objects.count(), Reply.objects.count()) == counts


def test_the_demo_is_the_same_every_time(communities):
    run_step()
    first = list(Thread.objects.order_by("pk").values_list("title", "kind"))
    Thread.objects.all().delete()

    run_step()

    assert list(Thread.objects.order_by("pk").values_list("title", "kind")) == first


def test_members_have_read_the_discussions_and_a_few_posts_are_reported(
    communities,
):
    from commonroom.moderation.models import Report

    run_step()
    context = DemoContext(seed=2006, members=40, quiet=True)
    demo.record_readers(context.seeded_for("forum readers"))
    demo.create_reports(context.seeded_for("reports for facilitators"))

    threads = Thread.objects.all()
    assert all(thread.view_count > 0 for thread in threads)
    assert all(
        thread.view_count
        <= Membership.objects.filter(community_id=thread.community_id).count()
        for thread in threads
    )
    reports = list(Report.objects.select_related("reporter"))
    assert reports
    for report in reports:
        reply = report.target
        assert report.reporter != reply.author
        assert Membership.objects.filter(
            community=reply.community, user=report.reporter
        ).exists()
        assert report.detail
