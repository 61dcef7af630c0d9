import logging

from django.contrib.auth import get_user_model
from django.urls import reverse
from huey.contrib.djhuey import db_task

from commonroom.core.email import absolute_url, language_of, send_email

logger = logging.getLogger(__name__)


def send_approval_decision(*, user_id: int) -> None:
    """Tell a person whether their sign-up was approved (and if not, why)."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or user.approval_status == "pending":
        logger.info("No decision to send for user %s", user_id)
        return
    decided = user.approval_decided_at.isoformat() if user.approval_decided_at else ""
    send_email(
        # A decision changed later (rejected, then approved) is a new email.
        key=f"account-decision:{user.pk}:{user.approval_status}:{decided}",
        to=user.email,
        template="accounts/email/approval_decision",
        language=language_of(user),
        context={
            "user": user,
            "approved": user.approval_status == "approved",
            "sign_in_url": absolute_url(reverse("account_login")),
            "feedback_url": absolute_url(reverse("help-feedback")),
        },
    )


@db_task()
def send_approval_decision_task(*, user_id: int) -> None:
    send_approval_decision(user_id=user_id)
