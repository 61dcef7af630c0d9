"""The forum in the leak matrix: its content, and every page that shows it.

The planter puts in each community of the world, through the services:

- a question by the facilitator, edited once (so its history holds an earlier
  version) and pinned (a logged facilitator action);
- a reply to it by a third member, with a CSV file attached, accepted as the
  answer and reported by the member;
- a question nobody has answered, by the member;
- a reply the facilitator hid, and one its author deleted;
- a thread the facilitator hid, and one its author deleted;
- enough replies that the thread has a second page, with a marked reply
  there, and enough threads that the list has a second page, with a marked
  thread there (the oldest);
- a reply by an author who shows their profile only to members of their
  communities, with a marked job title (the byline follows the profile rule).
"""

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.models import Membership
from commonroom.content import services as content_services
from commonroom.content.attachments import download_url
from commonroom.content.models import Attachment
from commonroom.core.testing.leak_matrix import (
    ANYONE,
    CONTENT,
    channel,
    facilitates,
    may_facilitate,
    may_know_exists,
    may_post,
    name_marker,
    nobody,
    planter,
)
from commonroom.forums.models import REPLIES_PER_PAGE, THREADS_PER_PAGE, Thread
from commonroom.forums.services import threads as services
from commonroom.moderation.services import hide_content, report_content
from commonroom.profiles.models import Profile
from commonroom.profiles.tests.leak_channels import profile_rule


def _mark(spec, what: str) -> str:
    return f"leakmark-{spec.key}-{what}"


def _plant(world, spec, what: str, *, readable: bool = True) -> str:
    """Content of a community waiting for approval is read by nobody."""
    return world.plant(
        _mark(spec, what), readable=readable and spec.status != "pending"
    )


def _member_of(community, user) -> None:
    if community.parent_id is not None:
        Membership.objects.get_or_create(community_id=community.parent_id, user=user)
    Membership.objects.create(community=community, user=user)


@planter("forum")
def plant_forum(world, spec, community):
    member = world.person(spec, "member")
    facilitator = world.person(spec, "facilitator")
    # The reply's author is neither the member (who reports it) nor the
    # facilitator, so both may open the report form for it.
    replier = UserFactory(
        full_name=f"Replier in {spec.key}", email=f"replier.{spec.key}@leeds.gov.uk"
    )
    _member_of(community, replier)

    # The oldest thread: after a page of newer ones, it is on page 2 of the
    # list (the pinned thread stays on top of page 1).
    oldest = services.create_thread(
        actor=member,
        community=community,
        title=_plant(world, spec, "second-list-page"),
        body="The oldest discussion here.",
    )
    for number in range(THREADS_PER_PAGE):
        services.create_thread(
            actor=member,
            community=community,
            title=f"Filler discussion {number} in {spec.key}",
            body="Something to fill the first page.",
        )
    unanswered = services.create_thread(
        actor=member,
        community=community,
        title=_plant(world, spec, "unanswered"),
        body="Has anyone answered this yet?",
        kind=Thread.Kind.QUESTION,
    )
    thread = services.create_thread(
        actor=facilitator,
        community=community,
        title=_plant(world, spec, "thread"),
        body=_plant(world, spec, "old-version"),
        kind=Thread.Kind.QUESTION,
    )
    content_services.edit_content(
        actor=facilitator,
        obj=thread,
        changes={"body": _plant(world, spec, "thread-body")},
    )
    reply = services.post_reply(
        actor=replier,
        thread=thread,
        body=_plant(world, spec, "reply"),
        files=[
            SimpleUploadedFile(
                f"leakmark-{spec.key}.csv",
                f"marker,text\n1,{_plant(world, spec, 'file')}\n".encode(),
                content_type="text/csv",
            )
        ],
    )
    services.accept_answer(actor=facilitator, thread=thread, reply=reply)
    services.set_pinned(actor=facilitator, thread=thread, pinned=True)
    report = report_content(
        actor=member, obj=reply, reason="spam", detail=_plant(world, spec, "report")
    )
    hidden = services.post_reply(
        actor=replier, thread=thread, body=_plant(world, spec, "hidden-reply")
    )
    hide_content(actor=facilitator, obj=hidden)
    deleted = services.post_reply(
        actor=replier,
        thread=thread,
        body=_plant(world, spec, "deleted-reply", readable=False),
    )
    content_services.delete_content(actor=replier, obj=deleted)
    byline = _plant_byline_author(world, spec, community)
    services.post_reply(actor=byline, thread=thread, body="Signed with a job title.")
    # Replies 5 to 20 fill page 1; the 21st opens page 2.
    for number in range(5, REPLIES_PER_PAGE + 1):
        services.post_reply(
            actor=replier, thread=thread, body=f"Filler reply {number}."
        )
    services.post_reply(
        actor=replier, thread=thread, body=_plant(world, spec, "second-thread-page")
    )
    hidden_thread = services.create_thread(
        actor=member,
        community=community,
        title=_plant(world, spec, "hidden-thread"),
        body="A discussion a facilitator hid.",
    )
    hide_content(actor=facilitator, obj=hidden_thread)
    deleted_thread = services.create_thread(
        actor=member,
        community=community,
        title=_plant(world, spec, "deleted-thread", readable=False),
        body="A discussion its author deleted.",
    )
    content_services.delete_content(actor=member, obj=deleted_thread)
    world.extras[("forum", spec.key)] = {
        "thread": thread.pk,
        "unanswered": unanswered.pk,
        "reply": reply.pk,
        "hidden": hidden.pk,
        "deleted": deleted.pk,
        "hidden_thread": hidden_thread.pk,
        "deleted_thread": deleted_thread.pk,
        "oldest": oldest.pk,
        "byline": byline.pk,
        "report": report.pk,
        "download": _download_of(reply),
    }


def _plant_byline_author(world, spec, community):
    """Someone who shows their profile details only to their communities."""
    author = UserFactory(
        full_name=f"Byline author in {spec.key}",
        email=f"byline.{spec.key}@leeds.gov.uk",
    )
    Profile.objects.filter(user=author).update(
        job_title=world.plant(_mark(spec, "job-title")),
        privacy=Profile.Privacy.MY_COMMUNITIES,
    )
    photo = world.plant(_mark(spec, "photo"))
    Profile.objects.get(user=author).photo.save(
        f"leakmark-{spec.key}.jpg", ContentFile(b"\xff\xd8\xff" + photo.encode())
    )
    _member_of(community, author)
    return author


def _download_of(reply) -> str:
    attachment = Attachment.objects.select_related("community").get(
        content_type=ContentType.objects.get_for_model(reply), object_id=reply.pk
    )
    return download_url(attachment)


def _ids(world, spec) -> dict:
    return world.extras[("forum", spec.key)]


def _base(world, spec) -> str:
    return f"/communities/{world.communities[spec.key].slug}/"


def _facilitator(role, spec) -> bool:
    return role == "facilitator"


@channel(
    name="forum: thread list",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "thread"),
)
def thread_list(world, spec):
    return _base(world, spec) + "discussions/"


@channel(
    name="forum: unanswered questions",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "unanswered"),
)
def unanswered_list(world, spec):
    return _base(world, spec) + "discussions/?show=unanswered"


@channel(
    name="forum: thread page, its body",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "thread-body"),
)
def thread_page(world, spec):
    return _base(world, spec) + f"discussions/{_ids(world, spec)['thread']}/"


@channel(
    name="forum: thread page, its reply",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "reply"),
)
def thread_page_reply(world, spec):
    return _base(world, spec) + f"discussions/{_ids(world, spec)['thread']}/"


@channel(
    name="forum: reply permalink",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "reply"),
    follow=True,
)
def reply_permalink(world, spec):
    ids = _ids(world, spec)
    return _base(world, spec) + f"discussions/{ids['thread']}/replies/{ids['reply']}/"


@channel(
    name="forum: attachment download",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "file"),
)
def attachment_download(world, spec):
    return _ids(world, spec)["download"]


@channel(
    name="forum: latest discussions on the hub",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "thread"),
)
def hub_latest(world, spec):
    return _base(world, spec)


@channel(
    name="forum: unanswered questions on the hub",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "unanswered"),
)
def hub_unanswered(world, spec):
    return _base(world, spec)


@channel(
    name="forum: edit history",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "old-version"),
    # Earlier versions are for the author (the facilitator) and facilitators.
    extra_rule=_facilitator,
)
def edit_history(world, spec):
    return _base(world, spec) + f"content/thread/{_ids(world, spec)['thread']}/history/"


@channel(
    name="forum: reports queue",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "report"),
    extra_rule=_facilitator,
)
def reports_queue(world, spec):
    return _base(world, spec) + "reports/"


@channel(
    name="forum: moderation log",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "thread"),
    extra_rule=_facilitator,
)
def moderation_log(world, spec):
    return _base(world, spec) + "moderation-log/"


@channel(
    name="forum: report form",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "reply"),
    # Only people who may post in the community report posts (not once it
    # is archived).
    extra_rule=may_post,
)
def report_form(world, spec):
    return _base(world, spec) + f"content/reply/{_ids(world, spec)['reply']}/report/"


def _thread_url(world, spec, key: str = "thread") -> str:
    return _base(world, spec) + f"discussions/{_ids(world, spec)[key]}/"


def _name(world, spec) -> str:
    return name_marker(spec)


# Hidden and deleted content ---------------------------------------------------


@channel(
    name="forum: a reply hidden by a facilitator",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "hidden-reply"),
    # Facilitators see it (to restore it); for everyone else a placeholder.
    extra_rule=facilitates,
)
def hidden_reply(world, spec):
    return _thread_url(world, spec)


@channel(
    name="forum: a deleted reply",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "deleted-reply"),
    extra_rule=nobody,
)
def deleted_reply(world, spec):
    return _thread_url(world, spec)


@channel(
    name="forum: a hidden thread's page",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "hidden-thread"),
    extra_rule=facilitates,
)
def hidden_thread_page(world, spec):
    return _thread_url(world, spec, "hidden_thread")


@channel(
    name="forum: a hidden thread in the list",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "hidden-thread"),
    extra_rule=nobody,
    may_show=facilitates,
)
def hidden_thread_listed(world, spec):
    return _base(world, spec) + "discussions/"


@channel(
    name="forum: a deleted thread's page",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "deleted-thread"),
    extra_rule=nobody,
)
def deleted_thread_page(world, spec):
    return _thread_url(world, spec, "deleted_thread")


@channel(
    name="forum: a deleted thread in the list",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "deleted-thread"),
    extra_rule=nobody,
)
def deleted_thread_listed(world, spec):
    return _base(world, spec) + "discussions/"


# Later pages -------------------------------------------------------------------


@channel(
    name="forum: thread page 2",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "second-thread-page"),
)
def thread_second_page(world, spec):
    return _thread_url(world, spec) + "?page=2"


@channel(
    name="forum: thread list page 2",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "second-list-page"),
)
def thread_list_second_page(world, spec):
    return _base(world, spec) + "discussions/?page=2"


# Bylines -------------------------------------------------------------------------


@channel(
    name="forum: a byline's job title follows the profile rule",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "job-title"),
    extra_rule=profile_rule,
)
def byline_job_title(world, spec):
    return _thread_url(world, spec)


# Forms and confirmation pages ---------------------------------------------------


@channel(
    name="forum: new discussion form",
    level=ANYONE,
    marker=_name,
    extra_rule=may_post,
    # A refusal may name a community the person knows exists.
    may_show=may_know_exists,
)
def thread_create_form(world, spec):
    return _base(world, spec) + "discussions/new/"


@channel(
    name="forum: replying with a quote",
    level=ANYONE,
    marker=lambda world, spec: f"&gt; {_mark(spec, 'reply')}",
    extra_rule=may_post,
)
def quote_reply(world, spec):
    return _thread_url(world, spec) + f"?quote={_ids(world, spec)['reply']}"


@channel(
    name="forum: quoting a hidden reply",
    level=ANYONE,
    marker=lambda world, spec: f"&gt; {_mark(spec, 'hidden-reply')}",
    extra_rule=nobody,
)
def quote_hidden_reply(world, spec):
    return _thread_url(world, spec) + f"?quote={_ids(world, spec)['hidden']}"


@channel(
    name="forum: thread edit form",
    level=ANYONE,
    marker=lambda world, spec: _mark(spec, "thread-body"),
    # The facilitator wrote it; archived communities are read-only.
    extra_rule=may_facilitate,
)
def thread_edit_form(world, spec):
    return _thread_url(world, spec) + "edit/"


@channel(
    name="forum: thread delete page",
    level=ANYONE,
    marker=lambda world, spec: _mark(spec, "thread"),
    extra_rule=may_facilitate,
)
def thread_delete_page(world, spec):
    return _thread_url(world, spec) + "delete/"


@channel(
    name="forum: thread move page",
    level=ANYONE,
    marker=lambda world, spec: _mark(spec, "thread"),
    # Moderation (and moving out) stays open once archived.
    extra_rule=facilitates,
)
def thread_move_page(world, spec):
    return _thread_url(world, spec) + "move/"


@channel(
    name="forum: reply edit form",
    level=ANYONE,
    marker=lambda world, spec: _mark(spec, "reply"),
    extra_rule=may_facilitate,
)
def reply_edit_form(world, spec):
    return _thread_url(world, spec) + f"replies/{_ids(world, spec)['reply']}/edit/"


@channel(
    name="forum: reply delete page",
    level=ANYONE,
    marker=lambda world, spec: _mark(spec, "reply"),
    extra_rule=may_facilitate,
)
def reply_delete_page(world, spec):
    return _thread_url(world, spec) + f"replies/{_ids(world, spec)['reply']}/delete/"


@channel(
    name="moderation: hide page",
    level=ANYONE,
    marker=lambda world, spec: _mark(spec, "reply"),
    # Moderation (and moving out) stays open once archived.
    extra_rule=facilitates,
)
def hide_page(world, spec):
    return _base(world, spec) + f"content/reply/{_ids(world, spec)['reply']}/hide/"


@channel(
    name="moderation: restore page",
    level=ANYONE,
    marker=lambda world, spec: _mark(spec, "hidden-reply"),
    # Moderation (and moving out) stays open once archived.
    extra_rule=facilitates,
)
def restore_page(world, spec):
    return _base(world, spec) + f"content/reply/{_ids(world, spec)['hidden']}/restore/"


@channel(
    name="moderation: acting on a report",
    level=ANYONE,
    marker=lambda world, spec: _mark(spec, "report"),
    extra_rule=facilitates,
)
def report_act_page(world, spec):
    return _base(world, spec) + f"reports/{_ids(world, spec)['report']}/"


# "Asked before?" ------------------------------------------------------------------


@channel(
    name="forum: asked before? (similar questions while typing a title)",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "thread"),
)
def similar_questions(world, spec):
    # Asked from a community everyone may read, about each community's
    # answered question: offered exactly to those who may read it there.
    public = world.communities["public"].slug
    return f"/communities/{public}/discussions/similar/?title={_mark(spec, 'thread')}"


@channel(
    name="forum: similar questions on a question's page",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "thread"),
)
def similar_on_question_page(world, spec):
    # The panel a question's page loads once shown, leaving the question out:
    # asked (as the other channel is) from a community everyone may read, so
    # a refusal page cannot echo the marker typed into the address.
    public = world.communities["public"].slug
    unanswered = _ids(world, spec)["unanswered"]
    return (
        f"/communities/{public}/discussions/similar/?title={_mark(spec, 'thread')}"
        f"&exclude={unanswered}&panel=1"
    )
