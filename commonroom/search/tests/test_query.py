"""The query syntax: what each construct parses to, what malformed input falls
back to, and that both compilers' output always runs and selects the right
documents (FTS5 in memory everywhere; PostgreSQL when the suite runs on it)."""

import sqlite3

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commonroom.search.query import (
    MAX_LENGTH,
    MAX_WORDS,
    Group,
    ParsedQuery,
    Phrase,
    Word,
    any_of,
    parse,
    to_fts5,
    to_tsquery,
)


def words(*texts):
    """Required groups of one plain word each."""
    return tuple(Group((Word(text),)) for text in texts)


# The parse tree --------------------------------------------------------------


def test_plain_words_are_each_required_in_lower_case():
    query = parse("  Transport   POLICY ")
    assert query == ParsedQuery(
        text="Transport POLICY", required=words("transport", "policy")
    )
    assert query.words() == ["transport", "policy"]
    assert not query.is_empty()


def test_a_quoted_phrase_keeps_its_words_in_order():
    query = parse('"Home to School" transport')
    assert query.required == (
        Group((Phrase(("home", "to", "school")),)),
        Group((Word("transport"),)),
    )
    assert query.words() == ["home", "to", "school", "transport"]
    assert not query.fell_back


def test_a_one_word_phrase_is_a_word():
    assert parse('"transport"').required == words("transport")


def test_punctuation_inside_a_term_makes_a_phrase():
    assert parse("home-to-school").required == (
        Group((Phrase(("home", "to", "school")),)),
    )
    assert parse("SEND?").required == words("send")


def test_a_trailing_star_makes_a_prefix():
    assert parse("transp* policy").required == (
        Group((Word("transp", prefix=True),)),
        Group((Word("policy"),)),
    )


def test_a_minus_excludes_a_word_a_prefix_or_a_phrase():
    query = parse('school -meals -budg* -"free school"')
    assert query.required == words("school")
    assert query.excluded == (
        Word("meals"),
        Word("budg", prefix=True),
        Phrase(("free", "school")),
    )
    assert query.words() == ["school"]
    assert not query.fell_back


def test_a_minus_inside_a_word_does_not_exclude():
    assert parse("covid-19").required == (Group((Phrase(("covid", "19")),)),)
    assert parse("covid-19").excluded == ()


def test_only_exclusions_is_empty_but_readable():
    query = parse("-transport")
    assert query.is_empty()
    assert not query.fell_back
    assert query.excluded == (Word("transport"),)


def test_or_joins_neighbouring_terms_into_one_group():
    query = parse('minibus OR taxi OR "school bus" driver')
    assert query.required == (
        Group((Word("minibus"), Word("taxi"), Phrase(("school", "bus")))),
        Group((Word("driver"),)),
    )


def test_lower_case_or_is_a_word():
    assert parse("this or that").required == words("this", "or", "that")


def test_repeats_are_read_once():
    assert parse("bus bus BUS").required == words("bus")
    assert parse("a OR a").required == (Group((Word("a"),)),)


def test_punctuation_on_its_own_is_ignored():
    query = parse("transport & policy ...")
    assert query.required == words("transport", "policy")
    assert not query.fell_back


def test_letters_of_any_script_and_accents_are_words():
    query = parse("Caerdydd café Ελλάδα")
    assert query.words() == ["caerdydd", "café", "ελλάδα"]
    # A decomposed accent is composed first, so it stays in its word.
    assert parse("cafe\u0301").words() == ["café"]


def test_blank_is_empty():
    for text in ["", "   ", "\n\t"]:
        query = parse(text)
        assert query.is_empty() and not query.fell_back
        assert query.words() == []


@pytest.mark.parametrize(
    "text, plain",
    [
        ('"home to school', ["home", "to", "school"]),  # unbalanced quote
        ('transport "a" "b', ["transport", "a", "b"]),
        ("transport OR", ["transport"]),  # dangling OR
        ("OR transport", ["transport"]),
        ("bus OR OR taxi", ["bus", "taxi"]),
        ("bus - taxi", ["bus", "taxi"]),  # a lone minus
        ("bus -- taxi", ["bus", "taxi"]),
        ("bus * taxi", ["bus", "taxi"]),  # a lone star
        ("bu*s", ["bu", "s"]),
        ("*bus", ["bus"]),
        ('"home to"* school', ["home", "to", "school"]),  # prefix on a phrase
        ("home-to-sch*", ["home", "to", "sch"]),
        ('bus ""', ["bus"]),  # an empty phrase
        ("bus -b OR taxi", ["bus", "b", "taxi"]),  # exclusion inside OR
        ("bus OR -taxi", ["bus", "taxi"]),
        ("-", []),  # operators only
        ("OR", []),
        ("- * OR", []),
        ('""', []),
        ("-!", []),
        ("bus\x00taxi", ["bus", "taxi"]),  # control characters
        ("bus\x1b[31mtaxi", ["bus", "31mtaxi"]),
        ("bus\u200btaxi", ["bus", "taxi"]),
    ],
)
def test_unreadable_syntax_falls_back_to_plain_words(text, plain):
    query = parse(text)
    assert query.fell_back
    assert query.required == words(*plain)
    assert query.excluded == ()
    assert "\x00" not in query.text and "\x1b" not in query.text


def test_a_very_long_query_falls_back_to_its_first_words():
    query = parse(" ".join(f"word{n}" for n in range(100)))
    assert query.fell_back
    assert len(query.required) == MAX_WORDS
    assert query.words()[:2] == ["word0", "word1"]
    assert len(query.text) <= MAX_LENGTH


def test_a_very_long_word_falls_back_cut_short():
    query = parse("a" * 300)
    assert query.fell_back
    assert len(query.words()[0]) == 64


def test_a_query_of_just_under_the_caps_is_read_normally():
    text = " ".join(f"w{n}" for n in range(MAX_WORDS))
    assert not parse(text).fell_back


def test_anything_that_is_not_text_is_empty():
    assert parse(None).is_empty()


def test_any_of_ors_the_words_in_one_group():
    query = any_of(["Transport", "school-bus", "transport", "!!"])
    assert query.required == (Group((Word("transport"), Word("school"), Word("bus"))),)
    assert query.text == "transport OR school OR bus"
    assert any_of([]).is_empty()
    assert (
        len(any_of(f"w{n}" for n in range(100)).required[0].alternatives) == MAX_WORDS
    )


# The compilers' output ---------------------------------------------------------


def test_fts5_quotes_every_word():
    query = parse('"home to school" transp* minibus OR taxi -budget -"school meals"')
    assert to_fts5(query) == (
        '("home to school" AND "transp"* AND ("minibus" OR "taxi")) '
        'NOT ("budget" OR "school meals")'
    )
    assert to_fts5(parse("")) == '""'
    assert to_fts5(parse("-budget")) == '""'


def test_tsquery_quotes_every_word():
    query = parse('"home to school" transp* minibus OR taxi -budget -"school meals"')
    assert to_tsquery(query) == (
        "'home to school' & 'transp':* & ('minibus' | 'taxi') "
        "& !('budget' | 'school meals')"
    )
    assert to_tsquery(parse("")) == ""


def test_tsquery_leaves_out_what_postgresql_drops_so_exclusions_never_stand_alone():
    assert to_tsquery(parse("the -budget")) == ""
    assert to_tsquery(parse("the transport")) == "'transport'"
    assert to_tsquery(parse("the OR transport -a")) == "'transport'"


# Running them: FTS5 -----------------------------------------------------------

CORPUS = {
    1: "Home to school transport for SEND pupils",
    2: "School meals and transport budgets",
    3: "Transportation planning in rural areas",
    4: "Home working policy",
    5: "Library opening hours in Caerdydd",
    6: "Free school meals: the café menu",
}

EXPECTED = [
    ("transport", {1, 2, 3}),
    ("home school", {1}),
    ('"home to school"', {1}),
    ('"school home"', set()),
    ("transp*", {1, 2, 3}),
    ("libr*", {5}),
    ("school -meals", {1}),
    ('school -"school meals"', {1}),
    ('meals -"free school"', {2}),
    ("school -transp*", {6}),
    ("library OR policy", {4, 5}),
    ('policy OR "rural areas" home', {4}),
    ("CAFÉ", {6}),
    ('"bus', set()),  # fell back to the word bus
    ('transport "home', {1}),  # fell back to transport AND home
    ("-transport", set()),  # only exclusions: nothing
]


def fts5_corpus():
    database = sqlite3.connect(":memory:")
    database.execute(
        "CREATE VIRTUAL TABLE doc USING fts5("
        "body, tokenize = 'porter unicode61 remove_diacritics 2')"
    )
    database.executemany("INSERT INTO doc (rowid, body) VALUES (?, ?)", CORPUS.items())
    return database


FTS5 = fts5_corpus()


def fts5_matches(text):
    rows = FTS5.execute(
        "SELECT rowid FROM doc WHERE doc MATCH ?", [to_fts5(parse(text))]
    )
    return {row[0] for row in rows}


@pytest.mark.parametrize("text, expected", EXPECTED)
def test_fts5_selects_the_expected_documents(text, expected):
    assert fts5_matches(text) == expected


def test_fts5_ignores_accents():
    # remove_diacritics 2; PostgreSQL's 'english' configuration keeps them.
    assert fts5_matches("cafe") == {6}


# Pieces of the syntax and awkward characters for the fuzzer to splice.
FRAGMENTS = [
    *" \"-*()^:+.,;'`\\|&!~<>{}[]@#%\t\n",
    "OR",
    "AND",
    "NOT",
    "NEAR",
    "NEAR(",
    "OR OR",
    " -",
    "- ",
    '-"',
    '""',
    "*",
    "**",
    " * ",
    "body:",
    "{body}",
    "^",
    "the",
    "a",
    "transport",
    "home",
    "school",
    "to",
    "café",
    "\x00",
    "\x1b",
    "\u200b",
    "\u0301",
    "²",
    "٣",
    "ǅ",
    "ß",
    "İ",
    "ﬁ",
    "\ud7ff",
    "😀",
    "x" * 70,
]

query_text = st.one_of(
    st.text(max_size=80),
    st.lists(
        st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=40
    ).map("".join),
)


@settings(max_examples=500, deadline=None, database=None)
@given(text=query_text)
def test_any_text_compiles_to_fts5_that_runs(text):
    query = parse(text)
    assert len(query.words()) <= MAX_WORDS
    expression = to_fts5(query)
    FTS5.execute("SELECT rowid FROM doc WHERE doc MATCH ?", [expression]).fetchall()
    # What a page shows again is tidy: no control characters, capped.
    assert len(query.text) <= MAX_LENGTH
    assert not any(ord(character) < 32 for character in query.text)


@settings(max_examples=200, deadline=None, database=None)
@given(words_=st.lists(st.text(max_size=12), max_size=50))
def test_any_words_compile_to_fts5_that_runs(words_):
    FTS5.execute(
        "SELECT rowid FROM doc WHERE doc MATCH ?", [to_fts5(any_of(words_))]
    ).fetchall()


# Running them: PostgreSQL (when the suite runs on it) -------------------------


def postgres_matches(text):
    values = ", ".join(["(%s, %s)"] * len(CORPUS))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM (VALUES {values}) AS doc (id, body) "  # noqa: S608
            "WHERE to_tsvector('english', body) @@ to_tsquery('english', %s)",
            [
                *(item for pair in CORPUS.items() for item in pair),
                to_tsquery(parse(text)),
            ],
        )
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db
def test_postgresql_selects_the_expected_documents():
    if connection.vendor != "postgresql":
        # The tsquery compiler is for PostgreSQL; on SQLite the FTS5 tests
        # above are the whole story.
        assert connection.vendor == "sqlite"
        return
    for text, expected in EXPECTED:
        assert (text, postgres_matches(text)) == (text, expected)
    # Stop words alone cannot leave an exclusion matching everything.
    assert postgres_matches("the -budget") == set()


@settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=query_text)
@pytest.mark.django_db
def test_any_text_compiles_to_a_tsquery_that_runs(text):
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector('english', %s) @@ to_tsquery('english', %s)",
            ["home to school transport", to_tsquery(parse(text))],
        )
        cursor.fetchall()
