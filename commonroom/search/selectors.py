"""Searching: one query syntax, one permission filter, both databases.

``search`` answers the results page; ``matching_entries`` gives the
permission-filtered matches as a queryset for other features ("who knows about
this?", similar questions, counts).

How a search runs (a fixed number of queries, whatever it finds):

1. one query finds the newest ``RANKED`` + 1 rows that match, that the
   reader may read and that the filters allow: the full-text match, the access
   kernel's rule and the filters in the same SQL, before anything is cut, so a
   reader of a few quiet communities finds their own matches however common
   the word; it gives the counts per kind and the total;
2. for relevance, the backend scores those rows in one query (title above
   message above tags; recency breaks ties);
3. the page is cut, then its snippets come in one query and its objects in
   one query per kind shown.

Only the newest ``RANKED`` readable matches are ranked: a very common word
still answers fast, and ``capped`` says more matched than were ranked.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, FloatField, Func, OuterRef, Q, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from commonroom.search import indexing
from commonroom.search.backends import backend
from commonroom.search.backends.base import START, STOP
from commonroom.search.models import SearchEntry
from commonroom.search.query import ParsedQuery
from commonroom.tags.models import TaggedItem

# How many of the newest matches are ranked.
RANKED = 2000
ORDERS = ("relevance", "newest")


@dataclass(frozen=True)
class SearchFilters:
    kinds: tuple[str, ...] = ()
    community_id: int | None = None
    author_id: int | None = None
    organisation_id: int | None = None
    tag_slug: str = ""
    after: date | None = None  # created on or after
    before: date | None = None  # created on or before


@dataclass
class Hit:
    kind: str
    kind_label: Any
    title: str
    url: str
    snippet: SafeString
    community: Any
    author: Any
    created_at: datetime
    obj: object


@dataclass
class SearchResults:
    query: ParsedQuery
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    capped: bool = False
    kind_counts: dict[str, int] = field(default_factory=dict)
    page: int = 1
    page_count: int = 1
    # (author id, evidence, when) of each ranked match with an author and
    # evidence, whatever the kind filter: for "who knows about this?" (when:
    # seconds since 1970, see ``Epoch``).
    contributions: list[tuple[int, str, float]] = field(default_factory=list)


class Epoch(Func):
    """A date and time as seconds since 1970, a float.

    The ranked rows are sorted by when they were made: as datetimes, Django
    reads each in Python (about 7 µs a row, 12 ms for 1,700 matches); a float
    costs nothing to read.
    """

    output_field = FloatField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="EXTRACT(EPOCH FROM %(expressions)s)::float8",
            **extra,
        )

    def as_sqlite(self, compiler, connection, **extra):
        # Stored as UTC text; julianday() keeps milliseconds.
        return self.as_sql(
            compiler,
            connection,
            template="(julianday(%(expressions)s) - 2440587.5) * 86400.0",
            **extra,
        )


def _filters_q(filters: SearchFilters, *, with_kinds: bool = True) -> Q:
    q = Q()
    if with_kinds and filters.kinds:
        q &= Q(kind__in=filters.kinds)
    if filters.community_id is not None:
        q &= Q(community_id=filters.community_id)
    if filters.author_id is not None:
        q &= Q(author_id=filters.author_id)
    if filters.organisation_id is not None:
        q &= Q(organisation_id=filters.organisation_id)
    if filters.after is not None:
        q &= Q(created_at__date__gte=filters.after)
    if filters.before is not None:
        q &= Q(created_at__date__lte=filters.before)
    if filters.tag_slug:
        q &= _tagged_q(filters.tag_slug)
    return q


def _tagged_q(slug: str) -> Q:
    """Rows of tagged kinds carrying the tag (a person's expertise or a
    community's topics are found by words, not by this filter)."""
    tagged = [source for source in indexing.sources() if source.tagged]
    types = ContentType.objects.get_for_models(*(source.model for source in tagged))
    q = Q(pk__in=[])
    for source in tagged:
        q |= Q(kind=source.name) & Exists(
            TaggedItem.objects.filter(
                content_type=types[source.model],
                object_id=OuterRef("object_id"),
                tag__slug=slug,
            )
        )
    return q


def matching_entries(
    viewer, query: ParsedQuery, *, filters: SearchFilters = SearchFilters()
) -> QuerySet[SearchEntry]:
    """Every row matching ``query`` that ``viewer`` may read and the filters
    allow, uncapped and unordered."""
    if query.is_empty():
        return SearchEntry.objects.none()
    return SearchEntry.objects.filter(
        backend().match_q(query), indexing.readable_q(viewer), _filters_q(filters)
    )


def mark(snippet: str) -> SafeString:
    """Escape the text, then mark the matched words: only our marks are HTML."""
    html = escape(snippet).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 (escaped above)


def search(
    viewer,
    query: ParsedQuery,
    *,
    filters: SearchFilters = SearchFilters(),
    order: str = "relevance",
    page: int = 1,
    per_page: int = 20,
) -> SearchResults:
    if order not in ORDERS:
        raise ValueError(f"Unknown order {order!r}")
    if query.is_empty():
        return SearchResults(query=query)
    return _search(backend(), viewer, query, filters, order, page, per_page)


def _search(engine, viewer, query, filters, order, page, per_page) -> SearchResults:
    # One query: the newest matches the reader may read and the filters
    # allow, the full-text match and the access kernel's rule in the same SQL
    # (ranked in it too, where the backend can).
    rows = engine.newest_matches(
        query,
        SearchEntry.objects.filter(
            indexing.readable_q(viewer), _filters_q(filters, with_kinds=False)
        ).values_list(
            "pk", "kind", "object_id", Epoch("created_at"), "author_id", "evidence"
        ),
        limit=RANKED + 1,
        scored=order == "relevance",
    )
    # Newest first (the cut keeps the newest ids).
    rows.sort(key=lambda row: row[0], reverse=True)
    capped = len(rows) > RANKED
    rows = rows[:RANKED]
    kind_counts = dict(Counter(row[1] for row in rows))
    contributions = [
        (author_id, evidence, created_at)
        for _pk, _kind, _id, created_at, author_id, evidence, _score in rows
        if author_id is not None and evidence
    ]
    if filters.kinds:
        rows = [row for row in rows if row[1] in filters.kinds]
    # Newest first; recency also breaks ties in relevance.
    rows.sort(key=lambda row: (row[3], row[0]), reverse=True)
    if order == "relevance":
        rows.sort(key=lambda row: -row[6])
    total = len(rows)
    page_count = max(1, -(-total // per_page))
    page = min(max(1, page), page_count)
    shown = rows[(page - 1) * per_page : page * per_page]
    return SearchResults(
        query=query,
        hits=_hits(engine, query, shown),
        total=total,
        capped=capped,
        kind_counts=kind_counts,
        page=page,
        page_count=page_count,
        contributions=contributions,
    )


def _hits(engine, query, shown: list) -> list[Hit]:
    if not shown:
        return []
    snippets = engine.snippets(query, [pk for pk, *_rest in shown])
    wanted: dict[str, list[int]] = {}
    for _pk, kind, object_id, *_rest in shown:
        wanted.setdefault(kind, []).append(object_id)
    sources = {name: indexing.source_named(name) for name in wanted}
    loaded = {name: sources[name].load(ids) for name, ids in wanted.items()}
    hits = []
    for pk, kind, object_id, *_rest in shown:
        obj = loaded[kind].get(object_id)
        if obj is None:  # gone since the index was written
            continue
        source = sources[kind]
        hits.append(
            Hit(
                kind=kind,
                kind_label=source.label,
                title=source.title(obj),
                url=source.url(obj),
                snippet=mark(snippets.get(pk) or ""),
                community=getattr(obj, "community", None)
                if not isinstance(obj, indexing.Community)
                else obj,
                author=getattr(obj, "author", None),
                created_at=source.created(obj),
                obj=obj,
            )
        )
    return hits
