"""PostgreSQL: the generated, weighted ``search_vector`` column and its GIN
index (title A, message B, tags D; English stemming)."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

from commonroom.search.backends.base import START, STOP
from commonroom.search.query import to_tsquery

_HEADLINE = (
    f"StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)


def _id_array(ids) -> str:
    """A list of ids as one array literal (``{1,2,3}``), for ``%s::bigint[]``.

    psycopg dumps a Python list element by element: about 3 ms for the 1,500
    community ids of a member's readable set, more than the search itself.
    """
    return "{" + ",".join(str(int(pk)) for pk in ids) + "}"


_BRACKETS = "\x0e\x0f"
_UNBRACKET = {0x0E: "<", 0x0F: ">"}


class PostgresBackend:
    @contextmanager
    def own_plans(self) -> Iterator[None]:
        """Prepared statements (decision 0011) let PostgreSQL settle on one
        generic plan for a query after five runs, whatever its values. For a
        search that plan is made without knowing the words, and a very common
        word then took 200-600 ms rather than 70-100. Inside this, the
        connection prepares nothing, so each query is planned for its own
        values (and costs no extra round trip)."""
        connection.ensure_connection()
        raw = connection.connection
        before = raw.prepare_threshold
        raw.prepare_threshold = None
        try:
            yield
        finally:
            raw.prepare_threshold = before

    def match_q(self, query) -> Q:
        return Q(
            RawSQL(
                "search_entry.search_vector @@ to_tsquery('english', %s)",
                [to_tsquery(query)],
                output_field=BooleanField(),
            )
        )

    def community_in_q(self, ids) -> Q:
        return Q(
            RawSQL(
                "search_entry.community_id = ANY(%s::bigint[])",
                [_id_array(sorted(ids))],
                output_field=BooleanField(),
            )
        )

    def newest_matches(
        self, query, rows: QuerySet, *, limit: int, scored: bool
    ) -> list[tuple]:
        rows = rows.filter(self.match_q(query)).order_by("-pk")[:limit]
        if not scored:
            with self.own_plans():
                return [(*row, 0.0) for row in rows]
        # Ranked in the same query, after the cut: ts_rank in the query's own
        # select list would run on every match before the newest are kept,
        # and a second query would send the 2,000 rows back and forth again.
        try:
            sql, params = rows.query.sql_with_params()
        except EmptyResultSet:  # the reader may read nothing
            return []
        with self.own_plans(), connection.cursor() as cursor:
            # The inner SQL is Django's, its values parameters.
            ranked_sql = (
                "SELECT found.*, ts_rank(entry.search_vector, "  # noqa: S608
                f"to_tsquery('english', %s)) FROM ({sql}) AS found "
                "JOIN search_entry AS entry ON entry.id = found.pk"
            )
            cursor.execute(ranked_sql, [to_tsquery(query), *params])
            return cursor.fetchall()

    def snippets(self, query, ids: list[int]) -> dict[int, str]:
        if not ids:
            return {}
        with connection.cursor() as cursor:
            # ts_headline reads its text as HTML and would drop "<district>":
            # angle brackets go in as characters no stored text holds.
            cursor.execute(
                "SELECT id, ts_headline('english', translate(body, '<>', %s), "
                "to_tsquery('english', %s), %s) FROM search_entry "
                "WHERE id = ANY(%s::bigint[])",
                [_BRACKETS, to_tsquery(query), _HEADLINE, _id_array(ids)],
            )
            return {
                pk: snippet.translate(_UNBRACKET) for pk, snippet in cursor.fetchall()
            }
