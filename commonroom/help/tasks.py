import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone
from huey.contrib.djhuey import db_task

from commonroom.help.models import Feedback

logger = logging.getLogger(__name__)


def send_feedback(*, feedback_id: int) -> None:
    """Email one piece of feedback to the team, once."""
    feedback = Feedback.objects.filter(pk=feedback_id, sent_at__isnull=True).first()
    if feedback is None:
        logger.info("Feedback %s is gone or already sent", feedback_id)
        return
    context = {"feedback": feedback, "site_url": settings.SITE_URL}
    message = EmailMultiAlternatives(
        subject=f"Commonroom feedback {feedback.pk}",
        body=render_to_string("help/email/feedback.txt", context),
        to=[settings.FEEDBACK_EMAIL],
        reply_to=[feedback.email] if feedback.email else None,
    )
    message.attach_alternative(
        render_to_string("help/email/feedback.html", context), "text/html"
    )
    message.send()
    Feedback.objects.filter(pk=feedback.pk).update(sent_at=timezone.now())


@db_task()
def send_feedback_task(*, feedback_id: int) -> None:
    send_feedback(feedback_id=feedback_id)
