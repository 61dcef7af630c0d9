"""The notes profiles writes in the audit log (see ``audit.details``)."""

from django.utils.translation import gettext_lazy as _

from commonroom.audit.details import Phrase

ON_THE_ALLOWLIST = Phrase(
    "new address on the allowlist ({organisation})",
    _("new address on the allowlist ({organisation})"),
)
NOT_ON_THE_ALLOWLIST = Phrase(
    "new address not on the allowlist", _("new address not on the allowlist")
)
NOT_ON_THE_ALLOWLIST_WAITING = Phrase(
    "new address not on the allowlist: waiting for approval again",
    _("new address not on the allowlist: waiting for approval again"),
)
