""" "Asked before?": questions like the one a member is about to ask.

``similar_questions(viewer, title)`` looks through the search index for
questions in every community the viewer may read (the index's permission
filter, in the same SQL), then ranks them by how alike their titles are:

1. the title's words, less stop words; if there are more than a few, the
   rarest few (counted in the index, in one query, each count capped), since
   the common ones would bring back half the forum;
2. an OR of those words, through ``search.selectors.matching_entries``: the
   newest few hundred matching questions' titles (one query);
3. those titles re-ranked by ``rapidfuzz``'s token set ratio, and the best
   loaded with their accepted answers, read through the access kernel (one
   query); answered questions first, each with its answer's first line.

So at most three queries, whatever the title and however many match.
"""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, OuterRef
from django.utils.html import strip_tags
from django.utils.text import Truncator
from rapidfuzz import fuzz, process, utils

from commonroom.communities import access
from commonroom.search import query as search_query
from commonroom.search.backends import backend
from commonroom.search.models import SearchEntry
from commonroom.search.selectors import SearchFilters, matching_entries

# How many of the title's words are searched for (the rarest).
RAREST_WORDS = 3
# Words of a title looked at at all, and how far each one's uses are counted.
TITLE_WORDS = 8
FREQUENCY_CAP = 1000
# Matching questions whose titles are compared, newest first, and how many of
# the most alike are loaded to put the answered ones first.
SCANNED = 300
CANDIDATES = 30
# Titles less alike than this (0 to 100) are not offered.
MIN_SCORE = 60
ANSWER_LINE_LENGTH = 160


@dataclass(frozen=True)
class SimilarQuestion:
    thread: object  # forums.models.Thread
    title: str
    url: str
    community: object
    answered: bool
    answer_line: str  # the accepted answer's first line, or ""
    score: float


def title_words(title: str) -> list[str]:
    """The words of a title worth searching for: no stop words, no single
    letters, each once, at most ``TITLE_WORDS``."""
    found: dict[str, None] = {}
    for word in search_query.words_in(title):
        if len(word) > 1 and word not in search_query.POSTGRES_STOP_WORDS:
            found.setdefault(word[: search_query.MAX_WORD_LENGTH])
    return list(found)[:TITLE_WORDS]


def rarest_words(words: list[str], *, count: int = RAREST_WORDS) -> list[str]:
    """The ``count`` words used least in the index (words used nowhere are
    dropped); all of them, without a query, when there are no more than that."""
    if len(words) <= count:
        return words
    frequencies = _frequencies(words)
    used = [word for word in words if frequencies[word]]
    # Fewest uses first; among words as common (past the cap, say), the
    # longer, which are usually the rarer.
    used.sort(key=lambda word: (frequencies[word], -len(word)))
    rare = [word for word in used if frequencies[word] < FREQUENCY_CAP]
    # A word used everywhere would bring back half the index: leave the
    # common ones out when there is a rarer one, and use one at most.
    return rare[:count] if rare else used[:1]


def _frequencies(words: list[str]) -> dict[str, int]:
    """How many index rows use each word (up to ``FREQUENCY_CAP``), in one
    query: a capped count per word, from the backend's own match."""
    engine = backend()
    counts, params = [], []
    for number, word in enumerate(words):
        rows = (
            SearchEntry.objects.filter(engine.match_q(search_query.any_of([word])))
            .order_by()
            .values("pk")[:FREQUENCY_CAP]
        )
        sql, row_params = rows.query.sql_with_params()
        # The ORM's own SQL, its values passed as parameters.
        counts.append(f"(SELECT COUNT(*) FROM ({sql}) AS uses_{number})")  # noqa: S608
        params.extend(row_params)
    with engine.own_plans(), connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(counts), params)
        return dict(zip(words, cursor.fetchone(), strict=True))


def similar_questions(
    viewer, title: str, *, limit: int = 5, exclude: Iterable[int] | None = None
) -> list[SimilarQuestion]:
    """Up to ``limit`` questions like ``title`` that ``viewer`` may read,
    answered ones first. ``exclude``: thread ids not to offer (the question
    itself, on its own page)."""
    from commonroom.forums.models import Reply, Thread

    words = rarest_words(title_words(title or ""))
    if not words:
        return []
    entries = matching_entries(
        viewer, search_query.any_of(words), filters=SearchFilters(kinds=("thread",))
    ).filter(evidence="question")
    excluded = [int(pk) for pk in exclude or ()]
    if excluded:
        entries = entries.exclude(object_id__in=excluded)
    with backend().own_plans():
        titles = dict(
            entries.order_by("-created_at", "-pk").values_list("object_id", "title")[
                :SCANNED
            ]
        )
    if not titles:
        return []
    ranked = process.extract(
        title,
        titles,
        scorer=fuzz.token_set_ratio,
        processor=utils.default_process,
        score_cutoff=MIN_SCORE,
        limit=CANDIDATES,
    )
    scores = {object_id: score for _title, score, object_id in ranked}
    if not scores:
        return []
    readable_answer = Reply.objects.filter(
        access.content_readable_q(viewer, Reply), pk=OuterRef("accepted_answer_id")
    )
    threads = (
        Thread.objects.filter(access.content_readable_q(viewer, Thread))
        .filter(pk__in=list(scores))
        .select_related("community", "accepted_answer")
        .defer("body", "body_html")
        .annotate(answer_readable=Exists(readable_answer))
    )
    found = [
        SimilarQuestion(
            thread=thread,
            title=thread.title,
            url=thread.get_absolute_url(),
            community=thread.community,
            answered=thread.answer_readable,
            answer_line=first_line(thread.accepted_answer.body_html)
            if thread.answer_readable
            else "",
            score=scores[thread.pk],
        )
        for thread in threads
    ]
    found.sort(
        key=lambda item: (
            not item.answered,
            -item.score,
            -item.thread.created_at.timestamp(),
        )
    )
    return found[:limit]


_QUOTE = re.compile(r"<blockquote\b.*?</blockquote>", re.DOTALL | re.IGNORECASE)
_BLOCK_END = re.compile(r"</(p|li|h\d|pre|tr|div)>|<br\s*/?>", re.IGNORECASE)


def first_line(body_html: str) -> str:
    """The first line of a rendered message as plain text (quotes of other
    posts skipped), cut to ``ANSWER_LINE_LENGTH`` characters."""
    text = _BLOCK_END.sub("\n", _QUOTE.sub("", body_html or ""))
    for line in html.unescape(strip_tags(text)).splitlines():
        line = " ".join(line.split())
        if line:
            return Truncator(line).chars(ANSWER_LINE_LENGTH)
    return ""
