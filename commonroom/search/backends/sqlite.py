"""SQLite: the FTS5 table ``search_entry_fts`` over ``search_entry``.

The search itself is driven by the FTS5 table (``newest_matches``); other
features filter by the match as a sub-select (``rowid IN (SELECT rowid ...
MATCH ...)``), which SQLite runs once and keeps. Either way SQLite never plans
the full-text search as the inner loop of a join with the permission filter
(research/wave2.md section 5.1: such plans took seconds to minutes).
"""

import json
from contextlib import AbstractContextManager, nullcontext

from django.core.exceptions import EmptyResultSet
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

    def newest_matches(
        self, query, rows: QuerySet, *, limit: int, scored: bool
    ) -> list[tuple]:
        try:
            sql, params = _driven_by_the_match(
                rows.order_by("-pk")[:limit], to_fts5(query), scored=scored
            )
        except EmptyResultSet:  # the reader may read nothing
            return []
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

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


_FROM = ' FROM "search_entry"'
_SCORE = "-bm25(search_entry_fts, 10.0, 3.0, 1.0)"
_NEWEST = (" ORDER BY 1 DESC", ' ORDER BY "search_entry"."id" DESC')


def _driven_by_the_match(
    rows: QuerySet, match: str, *, scored: bool
) -> tuple[str, list]:
    """The SQL of ``rows`` (index rows, newest first, cut), with FTS5 giving
    the matches newest first and each looked up in turn until enough pass
    the filters; each row's score last (bm25 weighs title, message and tags;
    FTS5 scores lower = better, so negated), or 0.0.

    ``rowid IN (SELECT rowid ... MATCH ...)`` first copies every match into a
    temporary index: 85 ms for the 100,000 matches of a very common word,
    whoever reads. Driven by the match (``CROSS JOIN`` fixes the order, so
    the full-text search is never the inner loop, research/wave2.md 5.1), a
    reader of 150 communities has their newest 2,000 in 6 ms.
    """
    sql, params = rows.query.sql_with_params()
    start = sql.index(_FROM)
    clause = next(clause for clause in _NEWEST if clause in sql)
    order = sql.rindex(clause)
    where = sql.find(" WHERE ", start, order)
    if where == -1:
        joins, conditions = sql[start + len(_FROM) : order], "1"
        where = order
    else:
        joins = sql[start + len(_FROM) : where]
        conditions = sql[where + len(" WHERE ") : order]
    before_where = sql[:where].count("%s")
    driven = (
        f"{sql[:start]}, {_SCORE if scored else '0.0'}"
        f' FROM search_entry_fts CROSS JOIN "search_entry"{joins}'
        " WHERE search_entry_fts MATCH %s"
        ' AND search_entry_fts.rowid = "search_entry"."id"'
        f" AND ({conditions})"
        f" ORDER BY search_entry_fts.rowid DESC{sql[order + len(clause) :]}"
    )
    return driven, [*params[:before_where], match, *params[before_where:]]
