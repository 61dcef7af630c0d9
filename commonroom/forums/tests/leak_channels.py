"""The forum in the leak matrix: its content, and every page that shows it.

The planter puts in each community of the world, through the services:

- a question by the facilitator, edited once (so its history holds an earlier
  version) and pinned (a logged facilitator action);
- a reply to it by a third member, with a CSV file attached, accepted as the
  answer and reported by the member;
- a question nobody has answered, by the member.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.models import Membership
from commonroom.content import services as content_services
from commonroom.content.attachments import download_url
from commonroom.content.models import Attachment
from commonroom.core.testing.leak_matrix import CONTENT, channel, planter
from commonroom.forums.models import Thread
from commonroom.forums.services import threads as services
from commonroom.moderation.services import report_content


def _mark(spec, what: str) -> str:
    return f"leakmark-{spec.key}-{what}"


@planter("forum")
def plant_forum(world, spec, community):
    member = world.person(spec, "member")
    facilitator = world.person(spec, "facilitator")
    # The reply's author is neither the member (who reports it) nor the
    # facilitator, so both may open the report form for it.
    replier = UserFactory(
        full_name=f"Replier in {spec.key}", email=f"replier.{spec.key}@leeds.gov.uk"
    )
    if community.parent_id is not None:
        Membership.objects.create(community_id=community.parent_id, user=replier)
    Membership.objects.create(community=community, user=replier)

    unanswered = services.create_thread(
        actor=member,
        community=community,
        title=_mark(spec, "unanswered"),
        body="Has anyone answered this yet?",
        kind=Thread.Kind.QUESTION,
    )
    thread = services.create_thread(
        actor=facilitator,
        community=community,
        title=_mark(spec, "thread"),
        body=_mark(spec, "old-version"),
        kind=Thread.Kind.QUESTION,
    )
    content_services.edit_content(
        actor=facilitator, obj=thread, changes={"body": _mark(spec, "thread-body")}
    )
    reply = services.post_reply(
        actor=replier,
        thread=thread,
        body=_mark(spec, "reply"),
        files=[
            SimpleUploadedFile(
                f"leakmark-{spec.key}.csv",
                f"marker,text\n1,{_mark(spec, 'file')}\n".encode(),
                content_type="text/csv",
            )
        ],
    )
    services.accept_answer(actor=facilitator, thread=thread, reply=reply)
    services.set_pinned(actor=facilitator, thread=thread, pinned=True)
    report_content(actor=member, obj=reply, reason="spam", detail=_mark(spec, "report"))
    world.extras[("forum", spec.key)] = {
        "thread": thread.pk,
        "unanswered": unanswered.pk,
        "reply": reply.pk,
        "download": _download_of(reply),
    }


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
    # Only people who may post in the community report posts.
    extra_rule=lambda role, spec: role in ("member", "facilitator"),
)
def report_form(world, spec):
    return _base(world, spec) + f"content/reply/{_ids(world, spec)['reply']}/report/"
