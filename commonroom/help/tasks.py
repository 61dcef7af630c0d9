import logging

from django.conf import settings
from django.utils import timezone
from huey.contrib.djhuey import db_task

from commonroom.core.email import send_email
from commonroom.help.models import Feedback

logger = logging.getLogger(__name__)


def send_feedback(*, feedback_id: int) -> None:
    """Email one piece of feedback to the team, once, in the site's language."""
    feedback = Feedback.objects.filter(pk=feedback_id, sent_at__isnull=True).first()
    if feedback is None:
        logger.info("Feedback %s is gone or already sent", feedback_id)
        return
    send_email(
        key=f"feedback:{feedback.pk}",
        to=settings.FEEDBACK_EMAIL,
        template="help/email/feedback",
        context={"feedback": feedback},
        reply_to=[feedback.email] if feedback.email else None,
    )
    Feedback.objects.filter(pk=feedback.pk).update(sent_at=timezone.now())


@db_task()
def send_feedback_task(*, feedback_id: int) -> None:
    send_feedback(feedback_id=feedback_id)
