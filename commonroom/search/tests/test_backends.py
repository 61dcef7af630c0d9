"""Backend parity: one corpus, the same answers on SQLite and PostgreSQL.

These run in both CI runs (SQLite by default, PostgreSQL with DATABASE_URL), so
each expected result below holds on both databases. Known differences between
the two stemmers are kept out of the corpus and listed in
docs/decisions/0010-search-index.md.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.models import Membership
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.core.testing.queries import cache_queries, query_budget
from commonroom.forums.models import Reply, Thread
from commonroom.forums.tests.factories import member_of, reply_to, start_thread
from commonroom.profiles.models import Profile
from commonroom.search import selectors
from commonroom.search.indexing import index, rebuild
from commonroom.search.models import SearchEntry
from commonroom.search.query import parse
from commonroom.search.selectors import SearchFilters, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    transport = CommunityFactory(
        name="Home to School Transport Officers",
        purpose="For officers organising school transport.",
    )
    revenues = CommunityFactory(name="Revenues and Benefits", purpose="Council tax.")
    author = member_of(transport, full_name="Ada Lovelace")
    Membership.objects.create(community=revenues, user=author)
    reader = member_of(transport, full_name="Reader Person")
    Membership.objects.create(community=revenues, user=reader)
    send = start_thread(
        transport,
        author=author,
        title="Home to school transport for pupils with SEND",
        body="We retendered our minibus framework last spring.",
        tags=["Procurement"],
    )
    costs = reply_to(
        send, author=reader, body="Our transporting costs doubled this year."
    )
    floods = start_thread(
        transport,
        author=reader,
        title="Flood wardens and sandbag stores",
        body="Sandbags are kept at the depot.",
    )
    appeals = start_thread(
        revenues,
        author=author,
        title="Council tax reduction appeals",
        body="How do you handle appeals about a reduction?",
        kind=Thread.Kind.QUESTION,
    )
    tribunal = reply_to(
        appeals, author=reader, body="Appeals go to the valuation tribunal."
    )
    planner = UserFactory(full_name="Grace Hopper")
    Profile.objects.filter(user=planner).update(job_title="Transport planner")
    index(transport, revenues, planner)
    return {
        "transport": transport,
        "revenues": revenues,
        "author": author,
        "reader": reader,
        "send": send,
        "costs": costs,
        "floods": floods,
        "appeals": appeals,
        "tribunal": tribunal,
        "planner": planner,
    }


def found(corpus, words, **options):
    results = search(corpus["reader"], parse(words), **options)
    names = {id(obj): name for name, obj in corpus.items()}
    by_key = {
        (type(obj), obj.pk): name
        for name, obj in corpus.items()
        if hasattr(obj, "pk") and id(obj) in names
    }
    return [by_key[(type(hit.obj), hit.obj.pk)] for hit in results.hits]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # Stemmed on both: "transporting" is found by "transport".
        ("transport", {"send", "costs", "transport", "planner"}),
        ("school transport", {"send", "transport"}),
        ("appeals", {"appeals", "tribunal"}),
        ("appeal", {"appeals", "tribunal"}),
        ("sandbags", {"floods"}),
        ("tribunal valuation", {"tribunal"}),
        ("procurement", {"send"}),  # a tag
        ("lovelace", set()),  # an author's name is not in their posts' text
        ("zanzibar", set()),
        # The query syntax, compiled for each backend.
        ('"school transport"', {"send", "transport"}),
        ("home-to-school", {"send", "transport"}),
        ('"transport school"', set()),
        ("transp*", {"send", "costs", "transport", "planner"}),
        ("appeals -tribunal", {"appeals"}),
        ('transport -"school transport"', {"costs", "planner"}),
        ("sandbags OR tribunal", {"floods", "tribunal"}),
        ("-transport", set()),  # only an exclusion
    ],
)
def test_the_same_matches_on_both_databases(corpus, words, expected):
    assert set(found(corpus, words)) == expected


def test_a_title_outranks_a_message_and_recency_breaks_ties(corpus):
    assert found(corpus, "appeals")[0] == "appeals"
    assert found(corpus, "transport")[0] in {"send", "transport", "planner"}
    # Newest first, whatever the relevance.
    assert found(corpus, "appeals", order="newest") == ["tribunal", "appeals"]


def test_filters_and_counts_per_kind(corpus):
    assert set(found(corpus, "transport", filters=SearchFilters(kinds=("reply",)))) == {
        "costs"
    }
    results = search(
        corpus["reader"],
        parse("transport"),
        filters=SearchFilters(kinds=("reply",)),
    )
    # Counts per kind ignore the kind filter, so the page can offer the others.
    assert results.kind_counts == {
        "thread": 1,
        "reply": 1,
        "community": 1,
        "person": 1,
    }
    assert results.total == 1
    by_community = SearchFilters(community_id=corpus["revenues"].pk)
    assert set(found(corpus, "appeals", filters=by_community)) == {
        "appeals",
        "tribunal",
    }
    assert found(corpus, "transport", filters=by_community) == []
    by_author = SearchFilters(author_id=corpus["author"].pk)
    assert set(found(corpus, "appeals", filters=by_author)) == {"appeals"}
    organisation = corpus["author"].profile.organisation_id
    by_organisation = SearchFilters(organisation_id=organisation)
    assert set(found(corpus, "appeals", filters=by_organisation)) == {"appeals"}
    tagged = SearchFilters(tag_slug="procurement")
    assert found(corpus, "transport", filters=tagged) == ["send"]
    today = timezone.localdate()
    assert found(
        corpus, "tribunal", filters=SearchFilters(after=today, before=today)
    ) == ["tribunal"]
    assert (
        found(corpus, "tribunal", filters=SearchFilters(after=today + timedelta(1)))
        == []
    )


def test_snippets_mark_the_words_after_escaping(corpus):
    reply = reply_to(
        corpus["send"],
        author=corpus["reader"],
        body="Is <script>alert(1)</script> a transport & <b>bold</b> idea?",
    )
    results = search(corpus["reader"], parse("idea"))
    (hit,) = results.hits
    assert hit.obj == reply
    assert "<mark>idea</mark>" in hit.snippet
    assert "<script>" not in hit.snippet and "<b>" not in hit.snippet
    assert "alert(1)&lt;/script&gt;" in hit.snippet
    assert "&lt;b&gt;bold&lt;/b&gt;" in hit.snippet
    assert "&amp;" in hit.snippet


def test_capped_ranking_says_so(corpus, monkeypatch):
    monkeypatch.setattr(selectors, "RANKED", 2)
    results = search(corpus["reader"], parse("transport"))
    assert results.capped
    assert results.total == 2
    # The newest two matches were ranked: the person and the community, made last.
    assert {type(hit.obj).__name__ for hit in results.hits} == {"User", "Community"}


def test_the_cap_counts_only_what_the_reader_may_read(monkeypatch):
    """A reader of one quiet private community finds its match, however many
    newer matches sit in communities they may not read."""
    monkeypatch.setattr(selectors, "RANKED", 2)
    quiet = CommunityFactory(visibility="private")
    busy = CommunityFactory(visibility="private")
    reader = member_of(quiet)
    theirs = start_thread(quiet, title="Gritting routes for the winter")
    for number in range(3):
        start_thread(busy, title=f"Gritting rota {number}")

    results = search(reader, parse("gritting"))

    assert [hit.obj for hit in results.hits] == [theirs]
    assert (results.total, results.capped) == (1, False)


def test_pagination(corpus):
    first = search(corpus["reader"], parse("transport"), per_page=3)
    second = search(corpus["reader"], parse("transport"), per_page=3, page=2)
    assert (first.page, first.page_count, len(first.hits)) == (1, 2, 3)
    assert (second.page, len(second.hits)) == (2, 1)
    assert {id(hit.obj) for hit in first.hits}.isdisjoint(
        {id(hit.obj) for hit in second.hits}
    )
    beyond = search(corpus["reader"], parse("transport"), per_page=3, page=9)
    assert beyond.page == 2


def test_the_number_of_queries_does_not_grow_with_the_page():
    community = CommunityFactory()
    reader = member_of(community)
    thread = start_thread(community, title="One lonely transport question")
    access_warm = search(reader, parse("transport"))
    assert len(access_warm.hits) == 1
    # access_for is kept on the reader: searches cost the same after that.
    # The readable communities (one cache read), the readable matches with
    # their scores, snippets, threads.
    with query_budget(3 + cache_queries()):
        search(reader, parse("transport"))
    for number in range(12):
        reply_to(thread, body=f"Transport answer {number}.")
        start_thread(community, title=f"Transport question {number}")
    # ... and the replies, in one query with their threads
    with query_budget(4 + cache_queries()):
        results = search(reader, parse("transport"))
    assert len(results.hits) == 20
    assert {hit.kind for hit in results.hits} == {"thread", "reply"}


def test_rebuilding_gives_the_same_index(corpus):
    def rows():
        return sorted(
            SearchEntry.objects.values_list(
                "kind", "object_id", "audience", "title", "body", "tags", "evidence"
            )
        )

    before = rows()
    assert rebuild() == (
        Thread.objects.count()
        + Reply.objects.count()
        + type(corpus["reader"]).objects.count()
        + 2
    )
    # The corpus' people not indexed before (made by the factory) are now.
    assert set(before) <= set(rows())
    assert set(found(corpus, "transport")) == {"send", "costs", "transport", "planner"}


def test_vendor_specific_index_exists():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE name = 'search_entry_fts'"
            )
        else:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE indexname = "
                "'search_entry_vector'"
            )
        assert cursor.fetchone()


def test_search_queries_are_planned_for_their_own_words(corpus):
    """Searches are never prepared statements: PostgreSQL would settle on one
    generic plan for every word after a few runs (decision 0011), and a very
    common word took ten times as long. Other repeated queries still are."""
    from commonroom.search.backends import backend

    for _run in range(8):
        assert found(corpus, "transport")
    if connection.vendor == "sqlite":
        # SQLite plans each statement as it runs it: nothing to keep apart.
        with backend().own_plans():
            assert found(corpus, "transport")
        return
    with connection.cursor() as cursor:
        for _run in range(4):
            cursor.execute("SELECT count(*) FROM search_entry WHERE id > %s", [0])
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]
    assert any("WHERE id > $1" in statement for statement in prepared)
    assert not [statement for statement in prepared if "@@" in statement]


def test_a_search_finds_and_ranks_its_matches_in_one_query_led_by_the_match(corpus):
    """The newest matches and their scores come from one query, and on SQLite
    that query is led by the full-text table: copying every match of a common
    word into a temporary index first took 85 ms over 100,000 posts, and the
    other way round (the full-text search as the inner loop) seconds."""
    with CaptureQueriesContext(connection) as captured:
        results = search(corpus["reader"], parse("transport"))
    assert results.total
    matching = [
        query["sql"]
        for query in captured.captured_queries
        if "bm25" in query["sql"] or "ts_rank" in query["sql"]
    ]
    assert len(matching) == 1
    sql = matching[0]
    assert '"search_entry"."kind"' in sql  # the query with the permission rule
    if connection.vendor == "sqlite":
        assert "MATCH" in sql
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            steps = [row[3] for row in cursor.fetchall()]
        assert steps[0].startswith("SCAN search_entry_fts")
        assert not [step for step in steps if "TEMP B-TREE" in step]
    else:
        assert "@@" in sql


def test_someone_waiting_for_approval_finds_nothing_in_either_order(corpus):
    waiting = UserFactory(approval_status="pending")
    for order in selectors.ORDERS:
        results = search(waiting, parse("transport"), order=order)
        assert (results.total, results.hits) == (0, [])
