"""Demo data: a few reports waiting in some communities' queues, so that
facilitators trying Commonroom see what a report looks like."""

from commonroom.communities.models import Membership
from commonroom.core.demo import DemoContext, demo_step
from commonroom.forums.models import Reply
from commonroom.moderation.models import Report
from commonroom.moderation.services import report_content

REPORTS = 12
DETAILS = {
    Report.Reason.CONFIDENTIAL: (
        "This names a family we are both working with. Could it be hidden "
        "until the names are taken out?"
    ),
    Report.Reason.OFF_TOPIC: (
        "This is about procurement rather than the question asked; it might "
        "be better as its own discussion."
    ),
    Report.Reason.SPAM: "Looks like an advert for a consultancy.",
    Report.Reason.ABUSIVE: "The tone of this towards a colleague is not on.",
}


@demo_step(order=45, name="reports for facilitators")
def create_reports(ctx: DemoContext) -> None:
    if Report.objects.exists():
        return
    replies = list(
        Reply.objects.live()
        .filter(thread__deleted_at__isnull=True, thread__hidden_at__isnull=True)
        .select_related("community", "author", "thread")
        .order_by("pk")
    )
    if not replies:
        return
    for reply in ctx.progress(
        ctx.random.sample(replies, min(REPORTS, len(replies))),
        desc="Reports for facilitators",
    ):
        reporters = list(
            Membership.objects.filter(community=reply.community)
            .exclude(user_id=reply.author_id)
            .select_related("user")
            .order_by("pk")[:20]
        )
        if not reporters:
            continue
        reason = ctx.random.choice(list(DETAILS))
        report_content(
            actor=ctx.random.choice(reporters).user,
            obj=reply,
            reason=reason,
            detail=DETAILS[reason],
        )
