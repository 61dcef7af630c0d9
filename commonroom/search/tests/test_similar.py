""" "Asked before?": similar questions from every community the member reads."""

import pytest
from django.contrib.auth.models import AnonymousUser

from commonroom.communities import access
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.core.testing.queries import cache_queries
from commonroom.forums.services import threads as services
from commonroom.forums.tests.factories import member_of, reply_to, start_thread
from commonroom.moderation.services import hide_content
from commonroom.search import similar
from commonroom.search.similar import (
    first_line,
    rarest_words,
    similar_questions,
    title_words,
)

pytestmark = pytest.mark.django_db


def ask(community, title, *, answer="", author=None):
    thread = start_thread(community, author=author, title=title, kind="question")
    if answer:
        reply = reply_to(thread, body=answer)
        services.accept_answer(actor=thread.author, thread=thread, reply=reply)
        thread.refresh_from_db()
    return thread


@pytest.fixture
def transport():
    return CommunityFactory(name="Home to School Transport")


def test_title_words_leave_out_stop_words_and_repeats():
    assert title_words("How do we retender the SEND minibus contracts? Minibus!") == [
        "retender",
        "send",
        "minibus",
        "contracts",
    ]


def test_the_rarest_words_are_searched_for_in_one_query(transport, queries):
    for number in range(4):
        start_thread(transport, title=f"Council transport budget {number}")
    start_thread(transport, title="Minibus framework for council transport")

    with queries(1):
        words = rarest_words(["council", "transport", "minibus", "framework", "zebra"])

    # Unused words are dropped; the rarest come first.
    assert words[:2] in (["minibus", "framework"], ["framework", "minibus"])
    assert words[2] in ("council", "transport")
    # No more words than are wanted: no query at all.
    with queries(0):
        assert rarest_words(["council", "zebra"]) == ["council", "zebra"]


def test_similar_questions_answered_first_with_the_answer_line(transport, queries):
    other = CommunityFactory(name="Fleet managers")
    reader = member_of(transport)
    open_question = ask(transport, "Retendering SEND minibus contracts")
    answered = ask(
        other,
        "Retendering minibus contracts for SEND pupils",
        answer="> Someone wrote:\n> quoted\n\nWe split the lots by **district**.\n\nMore.",
    )
    ask(transport, "Parking permits for carers")  # not alike
    start_thread(
        transport, title="Retendering SEND minibus contracts again"
    )  # a discussion
    access.access_for(reader)  # as a page has already, for its own checks
    access.communities_readable_by(reader)  # kept in the cache between requests

    with queries(3 + cache_queries()):  # and the readable communities, cached
        found = similar_questions(reader, "Retendering our SEND minibus contracts")

    assert [item.thread.pk for item in found] == [answered.pk, open_question.pk]
    first = found[0]
    assert first.answered and first.answer_line == "We split the lots by district."
    assert first.url == answered.get_absolute_url()
    assert first.community == other
    assert not found[1].answered and found[1].answer_line == ""


def test_a_private_communitys_question_is_offered_only_to_its_members(transport):
    private = CommunityFactory(name="Confidential", visibility="private")
    secret = ask(private, "Retendering SEND minibus contracts", answer="Secret.")
    shown = ask(transport, "Retendering minibus contracts")
    outsider = member_of(transport)
    insider = member_of(private)

    assert [q.thread.pk for q in similar_questions(outsider, secret.title)] == [
        shown.pk
    ]
    assert {q.thread.pk for q in similar_questions(insider, secret.title)} == {
        secret.pk,
        shown.pk,
    }
    assert similar_questions(AnonymousUser(), secret.title) == []


def test_a_hidden_answer_is_not_quoted_and_a_hidden_question_not_offered(transport):
    reader = member_of(transport)
    question = ask(transport, "Minibus contracts", answer="The answer.")
    hidden = ask(transport, "Minibus contracts retendered")
    moderator = member_of(transport, role="facilitator")
    hide_content(actor=moderator, obj=question.accepted_answer)
    hide_content(actor=moderator, obj=hidden)

    found = similar_questions(reader, "Minibus contracts")

    assert [(q.thread.pk, q.answered, q.answer_line) for q in found] == [
        (question.pk, False, "")
    ]


def test_the_question_itself_can_be_left_out_and_only_five_are_offered(transport):
    reader = member_of(transport)
    questions = [ask(transport, f"Minibus contracts round {n}") for n in range(8)]

    found = similar_questions(reader, questions[0].title, exclude=[questions[0].pk])

    assert len(found) == 5
    assert questions[0].pk not in {q.thread.pk for q in found}


def test_nothing_to_look_for_needs_no_query(transport, queries):
    reader = member_of(transport)
    with queries(0):
        assert similar_questions(reader, "") == []
        assert similar_questions(reader, "How do I ... ?") == []


def test_unlike_titles_are_not_offered(transport):
    reader = member_of(transport)
    ask(transport, "Minibus drivers wanted for Saturday trips to Barry Island")
    assert similar_questions(reader, "Contracts minibus") == []
    assert similar.MIN_SCORE > 0


def test_first_line_is_plain_text():
    assert first_line(
        "<p>Use <strong>&lt;tags&gt;</strong> &amp; more</p>\n<p>x</p>"
    ) == ("Use <tags> & more")
    assert first_line("<blockquote><p>Quoted</p></blockquote><p>Mine</p>") == "Mine"
    assert first_line("") == ""
    assert len(first_line("<p>" + "word " * 100 + "</p>")) <= similar.ANSWER_LINE_LENGTH


def test_words_used_everywhere_are_left_out_when_a_rarer_one_is_there(
    transport, monkeypatch
):
    monkeypatch.setattr(similar, "FREQUENCY_CAP", 3)
    for number in range(4):
        start_thread(transport, title=f"Council transport budget {number}")
    start_thread(transport, title="Minibus budget")

    # "council" and "transport" reach the cap: only the rarer words are used.
    assert rarest_words(["council", "transport", "minibus", "budget"]) == ["minibus"]
    # Nothing rarer: the longest of the common ones, alone.
    assert rarest_words(["council", "transport", "zebra", "quagga"]) == ["transport"]
