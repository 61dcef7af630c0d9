"""Sending email: one way for every job that writes to people.

``send_email`` renders an email's three templates — ``<name>.subject.txt``,
``<name>.txt`` and ``<name>.html`` — in the recipient's language, with links
built from the one site address (``settings.SITE_URL``), and sends it once:
a ``SentEmail`` marker, keyed by the event the email tells about, is written
in the same transaction as the message goes. A job that is retried, or queued
twice, finds the marker and sends nothing; a send that fails rolls the marker
back, so the retry sends.

Text templates (the subject and the plain part) wrap themselves in
``{% autoescape off %}``: they are not HTML, so ``&`` stays ``&``.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from commonroom.core.models import SentEmail

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    """``path`` (from ``reverse``) as a link that works from an inbox."""
    return f"{settings.SITE_URL}{path}"


def language_of(user) -> str:
    """The language the person chose, else the site's default."""
    chosen = getattr(user, "language", "") if user is not None else ""
    if chosen in dict(settings.LANGUAGES):
        return chosen
    return settings.LANGUAGE_CODE


def already_sent(key: str) -> bool:
    return SentEmail.objects.filter(key=key).exists()


def send_email(
    *,
    key: str,
    to: str,
    template: str,
    context: dict,
    language: str | None = None,
    reply_to: list[str] | None = None,
) -> bool:
    """Send the email ``template`` to ``to``, unless ``key`` was sent before.

    ``language`` is the recipient's (``language_of(user)``); without it, the
    site's default. Returns whether a message went.
    """
    if already_sent(key):
        logger.info("Email %s was sent before: not again", key)
        return False
    language = language or settings.LANGUAGE_CODE
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}.subject.txt", context).split())
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string(f"{template}.txt", context),
            to=[to],
            reply_to=reply_to,
            headers={"Content-Language": language},
        )
        message.attach_alternative(
            render_to_string(f"{template}.html", context), "text/html"
        )
    try:
        with transaction.atomic():
            SentEmail.objects.create(key=key)
            message.send()
    except IntegrityError:
        # Another worker sent it in the meantime.
        logger.info("Email %s was sent by another worker", key)
        return False
    return True
