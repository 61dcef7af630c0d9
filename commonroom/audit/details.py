"""Audit details, shown in the reader's language.

The log keeps a short English note with each event (``AuditEvent.detail``):
that is the record, and it is never changed. Pages show the note in the
reader's language. Each app that writes notes declares their shapes as
``Phrase``s in its ``audit_details.py`` and writes them with
``phrase.note(**values)``; ``describe(detail)`` finds the phrase a stored note
was written with and gives it translated, its values (a name, an address) as
they were and its codes (a visibility) in words. A note no phrase matches — a
reason an administrator typed, an email address — is shown as it is.
"""

import re
from collections.abc import Callable

from django.utils.module_loading import autodiscover_modules

_PHRASES: list["Phrase"] = []
_FIELD = re.compile(r"\{(\w+)\}")


class Phrase:
    """One shape of note: ``english`` with ``{name}`` fields, and its translation.

    ``words`` turns a field's stored code into words for the page (a
    visibility's label); other fields are shown as stored.
    """

    def __init__(self, english: str, translated, **words: Callable[[str], str]) -> None:
        self.english = english
        self.translated = translated
        self.words = words
        pattern = re.escape(english)
        for name in _FIELD.findall(english):
            pattern = pattern.replace(re.escape(f"{{{name}}}"), f"(?P<{name}>.*?)", 1)
        self.pattern = re.compile(f"^{pattern}$", re.DOTALL)
        # The most specific shapes are tried first.
        self.literal_length = len(_FIELD.sub("", english))
        _PHRASES.append(self)
        _PHRASES.sort(key=lambda phrase: -phrase.literal_length)

    def note(self, **values) -> str:
        """The note to store, in English."""
        return self.english.format(**values)

    def describe(self, detail: str) -> str | None:
        match = self.pattern.match(detail)
        if match is None:
            return None
        values = {
            name: self.words.get(name, str)(value)
            for name, value in match.groupdict().items()
        }
        return str(self.translated).format(**values)


def describe(detail: str) -> str:
    """``detail`` in the active language, if a phrase wrote it; else as it is."""
    if not detail:
        return detail
    for phrase in _PHRASES:
        described = phrase.describe(detail)
        if described is not None:
            return described
    return detail


def discover() -> None:
    """Load every app's ``audit_details`` module (``AuditConfig.ready``)."""
    autodiscover_modules("audit_details")
