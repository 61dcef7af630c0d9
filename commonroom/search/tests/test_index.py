"""The index follows the forum: threads and replies are found once posted."""

import io
from contextlib import redirect_stderr

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from commonroom.communities.tests.factories import CommunityFactory
from commonroom.content.services import set_helpful
from commonroom.forums.models import Thread
from commonroom.forums.services import threads as services
from commonroom.forums.tests.factories import member_of, reply_to, start_thread
from commonroom.search.models import SearchEntry
from commonroom.search.query import parse
from commonroom.search.selectors import matching_entries, search

pytestmark = pytest.mark.django_db


def test_a_new_thread_and_reply_are_found_with_marked_snippets():
    community = CommunityFactory(name="Home to School Transport")
    thread = start_thread(
        community,
        title="Minibus contracts for SEND transport",
        body="Has anyone retendered their **minibus** framework?",
    )
    reply = reply_to(thread, body="We split the minibus lots by <district> & area.")
    reader = member_of(community)

    results = search(reader, parse("minibus"))

    assert {(hit.kind, hit.obj.pk) for hit in results.hits} == {
        ("thread", thread.pk),
        ("reply", reply.pk),
    }
    assert results.total == 2
    assert results.kind_counts == {"thread": 1, "reply": 1}
    assert not results.capped
    # The title outranks a message.
    assert results.hits[0].kind == "thread"
    reply_hit = results.hits[1]
    assert "<mark>minibus</mark>" in reply_hit.snippet
    assert "&lt;district&gt; &amp; area" in reply_hit.snippet
    assert reply_hit.url == reply.get_absolute_url()
    assert reply_hit.title == f"Reply to “{thread.title}”"
    assert matching_entries(reader, parse("minibus")).count() == 2


def test_stemmed_words_match_and_visitors_see_only_public_content():
    private = CommunityFactory(visibility="private")
    public = CommunityFactory(public_reading=True)
    start_thread(private, title="Retendering the transport frameworks")
    shown = start_thread(public, title="Retendered framework for transport")

    hits = search(AnonymousUser(), parse("frameworks")).hits

    assert [hit.obj.pk for hit in hits] == [shown.pk]
    assert SearchEntry.objects.filter(kind="thread").count() == 2


def _evidence(obj) -> str:
    return SearchEntry.objects.get(
        kind=obj.content_kind.name, object_id=obj.pk
    ).evidence


def test_evidence_for_who_knows_follows_answers_and_helpful_marks():
    community = CommunityFactory()
    asker = member_of(community)
    question = start_thread(community, author=asker, kind=Thread.Kind.QUESTION)
    answer = reply_to(question)
    other = reply_to(question)
    assert (_evidence(question), _evidence(answer)) == ("question", "reply")
    assert _evidence(start_thread(community)) == "discussion"

    services.accept_answer(actor=asker, thread=question, reply=answer)
    assert _evidence(answer) == "accepted_answer"
    set_helpful(actor=asker, obj=other, helpful=True)
    assert _evidence(other) == "helpful_reply"

    services.accept_answer(actor=asker, thread=question, reply=other)
    assert (_evidence(answer), _evidence(other)) == ("reply", "accepted_answer")
    services.accept_answer(actor=asker, thread=question, reply=None)
    assert _evidence(other) == "helpful_reply"
    set_helpful(actor=asker, obj=other, helpful=False)
    assert _evidence(other) == "reply"


def test_rebuild_command_shows_progress_and_fills_the_index():
    community = CommunityFactory(name="Coastal Erosion Officers")
    thread = start_thread(community, title="Managed retreat consultations")
    reply_to(thread)
    SearchEntry.objects.all().delete()
    out, err = io.StringIO(), io.StringIO()

    with redirect_stderr(err):
        call_command("rebuild_search_index", stdout=out)

    assert "Search index rebuilt" in out.getvalue()
    assert "Search index" in err.getvalue() and "100%" in err.getvalue()
    reader = member_of(community)
    found = {hit.kind for hit in search(reader, parse("coastal OR managed")).hits}
    assert found == {"thread", "community"}
    assert SearchEntry.objects.filter(kind="reply").count() == 1


def test_rebuild_if_empty_leaves_a_full_index_alone():
    start_thread(CommunityFactory(), title="Managed retreat consultations")
    SearchEntry.objects.filter(kind="thread").update(title="Changed by hand")
    out = io.StringIO()

    call_command("rebuild_search_index", if_empty=True, quiet=True, stdout=out)

    assert "left as it is" in out.getvalue()
    assert SearchEntry.objects.get(kind="thread").title == "Changed by hand"
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index", if_empty=True, quiet=True, stdout=out)
    assert SearchEntry.objects.get(kind="thread").title == (
        "Managed retreat consultations"
    )
