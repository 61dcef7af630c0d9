"""What a full-text backend does for search: three questions about one query.

Everything else (the permission filter, filters, counting, ordering, loading
the objects) is shared code in ``search/selectors.py``, written once with the
ORM, so both databases answer it the same way.
"""

from typing import Protocol

from django.db.models import Q

# Marks around matched words in snippets: control characters no stored text
# holds (indexing blanks them), escaped and then turned into <mark> in Python.
START, STOP = "\x02", "\x03"


class Backend(Protocol):
    def match_q(self, query) -> Q:
        """``SearchEntry`` rows matching ``query`` (a parsed, non-empty query)."""

    def newest_matches(self, query, *, limit: int) -> list[tuple[int, float]]:
        """The newest ``limit`` matching rows, newest first, as ``(id, score)``:
        a higher score is more relevant (title above message above tags)."""

    def ids_q(self, ids: list[int]) -> Q:
        """Rows with these ids, as one parameter however many there are (a
        list of thousands of placeholders takes Django longer to write than
        the database takes to answer)."""

    def snippets(self, query, ids: list[int]) -> dict[int, str]:
        """A short extract of each row's message, ``START``/``STOP`` around
        the matched words (raw text: the caller escapes it)."""
