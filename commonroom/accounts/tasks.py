import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from huey.contrib.djhuey import db_task

logger = logging.getLogger(__name__)


def send_approval_decision(*, user_id: int) -> None:
    """Tell a person whether their sign-up was approved (and if not, why)."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or user.approval_status == "pending":
        logger.info("No decision to send for user %s", user_id)
        return
    approved = user.approval_status == "approved"
    context = {"user": user, "site_url": settings.SITE_URL, "approved": approved}
    with translation.override(settings.LANGUAGE_CODE):
        subject = (
            "Your Commonroom account is ready"
            if approved
            else "Your Commonroom sign-up was not approved"
        )
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("accounts/email/approval_decision.txt", context),
            to=[user.email],
        )
        message.attach_alternative(
            render_to_string("accounts/email/approval_decision.html", context),
            "text/html",
        )
    message.send()


@db_task()
def send_approval_decision_task(*, user_id: int) -> None:
    send_approval_decision(user_id=user_id)
