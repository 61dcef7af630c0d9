"""SQLite: the FTS5 table ``search_entry_fts`` over ``search_entry``.

The match is a sub-select on the FTS5 table (``rowid IN (SELECT rowid ...
MATCH ...)``), which SQLite runs once and keeps, so it never plans the
full-text search as the inner loop of a join with the permission filter
(research/wave2.md section 5.1: such plans took seconds to minutes).
"""

import json
from contextlib import AbstractContextManager, nullcontext

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from commonroom.search.backends.base import START, STOP
from commonroom.search.query import to_fts5


class SQLiteBackend:
    def own_plans(self) -> AbstractContextManager:
        # SQLite plans every statement as it runs it.
        return nullcontext()

    def match_q(self, query) -> Q:
        return Q(
            id__in=RawSQL(
                "SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s",
                [to_fts5(query)],
            )
        )

    def community_in_q(self, ids) -> Q:
        return Q(
            community_id__in=RawSQL(
                "SELECT value FROM json_each(%s)", [json.dumps(sorted(ids))]
            )
        )

    def ranked(self, query, rows: QuerySet) -> list[tuple]:
        rows = list(rows)
        scores = self._scores(query, [row[0] for row in rows])
        return [(*row, scores.get(row[0], 0.0)) for row in rows]

    def _scores(self, query, ids: list[int]) -> dict[int, float]:
        if not ids:
            return {}
        with connection.cursor() as cursor:
            cursor.execute(
                # bm25 weights title, body, tags; FTS5 scores lower = better.
                "SELECT rowid, bm25(search_entry_fts, 10.0, 3.0, 1.0) "
                "FROM search_entry_fts WHERE search_entry_fts MATCH %s "
                "AND rowid BETWEEN %s AND %s "
                "AND +rowid IN (SELECT value FROM json_each(%s))",
                [to_fts5(query), *_among(ids)],
            )
            return {row_id: -score for row_id, score in cursor.fetchall()}

    def snippets(self, query, ids: list[int]) -> dict[int, str]:
        if not ids:
            return {}
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid, snippet(search_entry_fts, 1, %s, %s, '…', 30) "
                "FROM search_entry_fts WHERE search_entry_fts MATCH %s "
                "AND rowid BETWEEN %s AND %s "
                "AND +rowid IN (SELECT value FROM json_each(%s))",
                [START, STOP, to_fts5(query), *_among(ids)],
            )
            return dict(cursor.fetchall())


# Only the rows ``ids`` of a full-text match. A plain ``rowid IN (...)`` is
# handed to FTS5, which then runs the whole match again for every id: 6.3
# seconds for the 2,000 newest rows of a very common word. The unary ``+``
# keeps the list a filter on one pass of the match, and the range (which
# FTS5 does use) skips the older rows: 6 ms.
def _among(ids: list[int]) -> list:
    return [min(ids), max(ids), json.dumps(list(ids))]
