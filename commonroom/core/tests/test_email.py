"""``core.email.send_email``: once per key, and again after a failed send."""

from unittest import mock

import pytest
from django.core import mail

from commonroom.core.email import send_email
from commonroom.core.models import SentEmail

pytestmark = pytest.mark.django_db

FEEDBACK = {"pk": 7, "name": "Rhys", "email": "", "message": "Search is slow."}


def _send() -> bool:
    return send_email(
        key="feedback:7",
        to="team@example.org",
        template="help/email/feedback",
        context={"feedback": FEEDBACK},
    )


def test_a_key_is_sent_once():
    assert _send() is True
    assert _send() is False

    [message] = mail.outbox
    assert message.subject == "Commonroom feedback 7"
    assert "Search is slow." in message.body
    assert list(SentEmail.objects.values_list("key", flat=True)) == ["feedback:7"]


def test_a_send_that_fails_leaves_no_marker_so_the_retry_sends():
    with mock.patch(
        "django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("down")
    ):
        with pytest.raises(OSError):
            _send()
    assert not SentEmail.objects.exists()

    assert _send() is True
    assert len(mail.outbox) == 1
