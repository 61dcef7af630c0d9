from django.db import transaction

from commonroom.help.models import Feedback


@transaction.atomic
def submit_feedback(
    *, actor, message: str, name: str = "", email: str = ""
) -> Feedback:
    """Keep the feedback and, once saved, queue the email to the team."""
    from commonroom.help.tasks import send_feedback_task

    feedback = Feedback(
        user=actor if actor is not None and actor.is_authenticated else None,
        message=message,
        name=name,
        email=email,
    )
    feedback.full_clean()
    feedback.save()
    transaction.on_commit(lambda: send_feedback_task(feedback_id=feedback.pk))
    return feedback
