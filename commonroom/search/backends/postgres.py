"""PostgreSQL: the generated, weighted ``search_vector`` column and its GIN
index (title A, message B, tags D; English stemming)."""

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from commonroom.search.backends.base import START, STOP
from commonroom.search.query import to_tsquery

_HEADLINE = (
    f"StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)


_BRACKETS = "\x0e\x0f"
_UNBRACKET = {0x0E: "<", 0x0F: ">"}


class PostgresBackend:
    def match_q(self, query) -> Q:
        return Q(
            RawSQL(
                "search_entry.search_vector @@ to_tsquery('english', %s)",
                [to_tsquery(query)],
                output_field=BooleanField(),
            )
        )

    def newest_matches(self, query, *, limit: int) -> list[tuple[int, float]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT m.id, ts_rank(m.search_vector, to_tsquery('english', %s)) "
                "FROM (SELECT id, search_vector FROM search_entry "
                "WHERE search_vector @@ to_tsquery('english', %s) "
                "ORDER BY id DESC LIMIT %s) m ORDER BY m.id DESC",
                [to_tsquery(query), to_tsquery(query), limit],
            )
            return [(row_id, float(score)) for row_id, score in cursor.fetchall()]

    def ids_q(self, ids: list[int]) -> Q:
        return Q(
            RawSQL(
                "search_entry.id = ANY(%s)", [list(ids)], output_field=BooleanField()
            )
        )

    def snippets(self, query, ids: list[int]) -> dict[int, str]:
        if not ids:
            return {}
        with connection.cursor() as cursor:
            # ts_headline reads its text as HTML and would drop "<district>":
            # angle brackets go in as characters no stored text holds.
            cursor.execute(
                "SELECT id, ts_headline('english', translate(body, '<>', %s), "
                "to_tsquery('english', %s), %s) FROM search_entry WHERE id = ANY(%s)",
                [_BRACKETS, to_tsquery(query), _HEADLINE, list(ids)],
            )
            return {
                pk: snippet.translate(_UNBRACKET) for pk, snippet in cursor.fetchall()
            }
