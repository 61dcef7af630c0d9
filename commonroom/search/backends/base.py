"""What a full-text backend does for search: a few questions about one query.

Everything else (the permission filter, filters, counting, ordering, loading
the objects) is shared code in ``search/selectors.py``, written once with the
ORM, so both databases answer it the same way.
"""

from contextlib import AbstractContextManager
from typing import Protocol

from django.db.models import Q, QuerySet

# Marks around matched words in snippets: control characters no stored text
# holds (indexing blanks them), escaped and then turned into <mark> in Python.
START, STOP = "\x02", "\x03"


class Backend(Protocol):
    def own_plans(self) -> AbstractContextManager:
        """Inside it, every query is planned for its own values (a search for
        "council" matches half the index, one for a rare word three rows: no
        one plan suits both)."""

    def match_q(self, query) -> Q:
        """``SearchEntry`` rows matching ``query`` (a parsed, non-empty query)."""

    def community_in_q(self, ids) -> Q:
        """Rows whose community is one of ``ids``, however many: one parameter,
        so a reader of 2,000 communities costs the same SQL as a reader of 2."""

    def newest_matches(
        self, query, rows: QuerySet, *, limit: int, scored: bool
    ) -> list[tuple]:
        """The newest ``limit`` of ``rows`` (a ``values_list`` of index rows,
        unordered, uncut, ``"pk"`` first) that match ``query``, as plain values,
        each with how well it matches appended when ``scored`` (higher is more
        relevant: title above message above tags) and 0.0 when not. In any
        order; planned for its own words (see ``own_plans``)."""

    def snippets(self, query, ids: list[int]) -> dict[int, str]:
        """A short extract of each row's message, ``START``/``STOP`` around
        the matched words (raw text: the caller escapes it)."""
