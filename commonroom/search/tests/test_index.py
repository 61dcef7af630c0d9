"""The index follows the forum: threads and replies are found once posted."""

import pytest
from django.contrib.auth.models import AnonymousUser

from commonroom.communities.tests.factories import CommunityFactory
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
