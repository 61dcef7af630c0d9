"""Reads about accounts that other apps share."""

from commonroom.accounts.models import User
from commonroom.core.versioned import Versioned

# Moved on whenever a change could list or unlist someone: an account created,
# deleted, activated or approved, an email address saved or deleted
# (``accounts.signal_handlers``).
_LISTED_VERSION = Versioned("accounts:listed-version")


def listed_people_count() -> int:
    """How many people are listed (``querysets.listed_people_q``), kept in the
    cache between changes: the people finder shows it on every unfiltered
    page, and counting read every account."""
    return _LISTED_VERSION.get("accounts:listed-count", User.objects.listed().count)


def forget_listed_people() -> None:
    _LISTED_VERSION.bump()
