"""The notes communities writes in the audit log (see ``audit.details``)."""

from django.utils.translation import gettext_lazy as _

from commonroom.audit.details import Phrase
from commonroom.communities.models import Community


def visibility_words(code: str) -> str:
    """A stored visibility ("restricted") as the page's word for it."""
    try:
        return str(Community.Visibility(code).label)
    except ValueError:
        return code


WITH_A_MESSAGE = Phrase("with a message", _("with a message"))
VISIBILITY = Phrase(
    "visibility: {visibility}",
    _("visibility: {visibility}"),
    visibility=visibility_words,
)
REJECTED_COMMUNITY = Phrase(
    "{community} ({visibility}); with a message",
    _("{community} ({visibility}); with a message"),
    visibility=visibility_words,
)
OWNER_BEFORE = Phrase("from: {email}", _("from: {email}"))
NO_OWNER_BEFORE = Phrase("from: nobody", _("from: nobody"))
ACCEPTED_ON_CONFIRMING = Phrase(
    "accepted on confirming the email address",
    _("accepted on confirming the email address"),
)
