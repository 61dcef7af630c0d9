import pytest
from django.core import mail

from commonroom.help.models import Feedback
from commonroom.help.tasks import send_feedback

pytestmark = pytest.mark.django_db


def test_empty_feedback_gets_a_specific_error_and_keeps_what_was_typed(client):
    response = client.post(
        "/help/feedback/", {"message": "", "email": "not-an-email", "name": "Sam"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Give feedback – Commonroom</title>" in html
    assert '<a href="#id_message">Enter your feedback</a>' in html
    assert (
        "Enter an email address in the correct format, like name@council.gov.uk" in html
    )
    assert 'value="Sam"' in html
    # One summary, at the top of the page, above the heading.
    assert html.count("govuk-error-summary__title") == 1
    assert html.index("There is a problem") < html.index("<h1")
    assert Feedback.objects.count() == 0


def test_feedback_reaches_the_team_by_email_through_the_job_queue(
    client, settings, django_capture_on_commit_callbacks
):
    settings.FEEDBACK_EMAIL = "knowledge-team@commonroom.example"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/help/feedback/",
            {
                "message": "The search <b>box</b> is hard to find.",
                "name": "Sam Evans",
                "email": "sam.evans@cardiff.gov.uk",
            },
        )

    assert response.status_code == 302
    assert response["Location"] == "/help/feedback/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["knowledge-team@commonroom.example"]
    assert message.reply_to == ["sam.evans@cardiff.gov.uk"]
    assert message.subject.startswith("Commonroom feedback")
    assert "The search <b>box</b> is hard to find." in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "The search &lt;b&gt;box&lt;/b&gt; is hard to find." in html
    assert 'href="mailto:sam.evans@cardiff.gov.uk"' in html
    assert Feedback.objects.get().sent_at is not None


def test_sending_twice_sends_once(client):
    feedback = Feedback.objects.create(message="Thanks for the new forums.")

    send_feedback(feedback_id=feedback.pk)
    send_feedback(feedback_id=feedback.pk)
    send_feedback(feedback_id=feedback.pk + 1000)

    assert len(mail.outbox) == 1
