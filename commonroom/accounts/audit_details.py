"""The notes accounts writes in the audit log (see ``audit.details``)."""

from django.utils.translation import gettext_lazy as _

from commonroom.audit.details import Phrase

WRONG_PASSWORD = Phrase(
    "wrong email address or password", _("wrong email address or password")
)
# Two-factor methods, as allauth names them.
AUTHENTICATOR_APP = Phrase("totp", _("authenticator app"))
RECOVERY_CODES = Phrase("recovery_codes", _("recovery codes"))
APPROVED_BY_DOMAIN = Phrase(
    "approved by email domain ({organisation})",
    _("approved by email domain ({organisation})"),
)
WAITING_FOR_APPROVAL = Phrase(
    "waiting for approval; works for: {organisation}",
    _("waiting for approval; works for: {organisation}"),
)
APPROVED_FOR = Phrase("organisation: {organisation}", _("organisation: {organisation}"))
