"""The search page: the form, its filters, results, pages and what it says."""

import datetime
import re

import pytest
from django.utils import timezone

from commonroom.communities.models import Community
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.core.testing.queries import (
    cache_queries,
    query_budget,
    session_queries,
)
from commonroom.forums.models import Thread
from commonroom.forums.tests.factories import member_of, reply_to, start_thread
from commonroom.organisations.tests.factories import OrganisationFactory
from commonroom.profiles.models import Profile
from commonroom.search import indexing, selectors

pytestmark = pytest.mark.django_db

# A signed-in search with results, past its session: see the test at the end.
PAGE_QUERIES = 9


def titles(response) -> list[str]:
    return [row["title"] for row in response.context["rows"]]


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


@pytest.fixture
def community():
    return CommunityFactory(name="SEND Transport Officers", slug="send-transport")


@pytest.fixture
def reader(client, community):
    user = member_of(community, full_name="Asha Patel")
    client.force_login(user)
    return user


def test_an_empty_page_shows_the_box_and_no_results(client, reader):
    response = search(client)

    html = response.content.decode()
    assert 'name="q"' in html
    assert "rows" not in response.context
    assert "Nothing you can read matches" not in html


def test_a_result_shows_kind_title_link_community_date_and_byline(
    client, reader, community
):
    author = member_of(
        community,
        full_name="Gareth Jones",
        profile__job_title="Transport lead",
        profile__organisation=OrganisationFactory(name="Powys County Council"),
    )
    thread = start_thread(
        community,
        author,
        title="Minibus escorts for SEND transport",
        body="Who trains the escorts on the minibuses?",
    )

    response = search(client, q="escorts")

    html = response.content.decode()
    assert titles(response) == ["Minibus escorts for SEND transport"]
    assert f'href="{thread.get_absolute_url()}"' in html
    assert "SEND Transport Officers" in html
    assert "By Gareth Jones, Transport lead, Powys County Council" in html
    assert timezone.localtime(thread.created_at).strftime("%-d %B %Y") in html
    assert re.search(r"1 result\b", html)


def test_matched_words_are_marked_in_the_snippet(client, reader, community):
    start_thread(community, title="Escorts", body="We pay the escorts for training.")

    response = search(client, q="training")

    assert "<mark>training</mark>" in response.content.decode()


def test_markup_in_posts_shows_as_text(client, reader, community):
    start_thread(
        community,
        title="<script>alert('title')</script> escorts",
        body="Write <mark>this</mark> and <script>alert('body')</script> escorts",
    )

    html = search(client, q="escorts").content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(" in html
    assert "<mark>this</mark>" not in html
    assert "&lt;mark&gt;" in html


def test_a_byline_hides_job_title_the_author_keeps_to_their_communities(
    client, reader, community
):
    other = CommunityFactory(public_reading=True)
    private_person = member_of(
        other,
        full_name="Nia Evans",
        profile__job_title="Secret title",
        profile__privacy=Profile.Privacy.MY_COMMUNITIES,
    )
    start_thread(other, private_person, title="Escorts in Ceredigion")

    html = search(client, q="escorts").content.decode()

    assert "By Nia Evans" in html
    assert "Secret title" not in html


def test_kind_filter_and_kind_counts(client, reader, community):
    thread = start_thread(community, title="Escorts on minibuses", body="Training")
    reply_to(thread, body="Our escorts take a course.")
    reply_to(thread, body="The escorts are volunteers.")

    everything = search(client, q="escorts")
    replies = search(client, q="escorts", kind="reply")

    assert len(everything.context["rows"]) == 3
    assert {row["kind"] for row in replies.context["rows"]} == {"reply"}
    assert len(replies.context["rows"]) == 2
    html = replies.content.decode()
    # The counts ignore the kind chosen.
    assert re.search(r"Everything\s*<span[^>]*>\(3\)", html)
    assert re.search(r"Replies\s*<span[^>]*>\(2\)", html)
    assert re.search(r"Discussions\s*<span[^>]*>\(1\)", html)
    assert 'aria-current="true"' in html


def test_community_filter(client, reader, community):
    other = CommunityFactory(name="Home to School Transport")
    start_thread(community, title="Escorts here")
    start_thread(other, title="Escorts there")

    response = search(client, q="escorts", community="send-transport")

    assert titles(response) == ["Escorts here"]


def test_a_community_the_reader_cannot_see_is_an_error_that_keeps_the_rest(
    client, reader
):
    CommunityFactory(slug="hidden", visibility=Community.Visibility.PRIVATE)

    response = search(client, q="escorts", community="hidden", kind="reply")

    html = response.content.decode()
    assert "There is a problem" in html
    assert "There is no community at that address you can see" in html
    assert 'value="escorts"' in html
    assert re.search(r'value="reply"[^>]*checked', html)
    assert "rows" not in response.context


def test_author_filter_by_name_and_handle(client, reader, community):
    gareth = member_of(community, full_name="Gareth Jones")
    start_thread(community, gareth, title="Escorts by Gareth")
    start_thread(community, title="Escorts by someone else")

    by_name = search(client, q="escorts", author="gareth jones")
    by_handle = search(client, q="escorts", author=f"@{gareth.profile.handle}")

    assert titles(by_name) == ["Escorts by Gareth"]
    assert titles(by_handle) == ["Escorts by Gareth"]


def test_an_unknown_or_ambiguous_author_is_a_clear_error(client, reader, community):
    member_of(community, full_name="Sam Lee")
    member_of(community, full_name="Sam Lee")

    unknown = search(client, q="escorts", author="Nobody Here").content.decode()
    ambiguous = search(client, q="escorts", author="Sam Lee").content.decode()

    assert "Nobody called “Nobody Here” is a member: check the spelling" in unknown
    assert "More than one member is called “Sam Lee”" in ambiguous


def test_organisation_filter(client, reader, community):
    powys = OrganisationFactory(name="Powys County Council")
    OrganisationFactory(name="Leeds City Council")
    author = member_of(community, profile__organisation=powys)
    start_thread(community, author, title="Escorts in Powys")
    start_thread(community, title="Escorts elsewhere")

    response = search(client, q="escorts", organisation="powys")
    error = search(client, q="escorts", organisation="council").content.decode()

    assert titles(response) == ["Escorts in Powys"]
    assert "More than one organisation’s name has “council” in it" in error


def test_tag_filter(client, reader, community):
    start_thread(community, title="Escorts tagged", tags=["Minibuses"])
    start_thread(community, title="Escorts untagged")

    response = search(client, q="escorts", tag="minibuses")
    error = search(client, q="escorts", tag="no-such-tag").content.decode()

    assert titles(response) == ["Escorts tagged"]
    assert "No tag is called “no-such-tag”" in error


def _age(thread: Thread, days: int) -> None:
    Thread.objects.filter(pk=thread.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_date_filters_and_a_range_the_wrong_way_round(client, reader, community):
    old = start_thread(community, title="Escorts long ago")
    start_thread(community, title="Escorts today")
    _age(old, 400)
    indexing.index(Thread.objects.get(pk=old.pk))
    today = timezone.localdate()
    year_ago = today - datetime.timedelta(days=365)

    recent = search(client, q="escorts", after=year_ago.isoformat())
    older = search(client, q="escorts", before=year_ago.isoformat())
    wrong = search(
        client, q="escorts", after=today.isoformat(), before=year_ago.isoformat()
    ).content.decode()
    bad = search(client, q="escorts", after="31 Feb").content.decode()

    assert titles(recent) == ["Escorts today"]
    assert titles(older) == ["Escorts long ago"]
    assert "must be the same as or after" in wrong
    assert "Enter the date it was written on or after as a real date" in bad
    assert 'value="31 Feb"' in bad


def test_newest_first(client, reader, community):
    best = start_thread(
        community, title="Escorts escorts escorts", body="escorts escorts"
    )
    start_thread(community, title="New", body="One mention of escorts")
    _age(best, 10)
    indexing.index(Thread.objects.get(pk=best.pk))

    relevant = search(client, q="escorts")
    newest = search(client, q="escorts", order="newest")

    assert titles(relevant)[0] == "Escorts escorts escorts"
    assert titles(newest) == ["New", "Escorts escorts escorts"]


def test_pages_keep_the_whole_search_in_their_links(client, reader, community):
    for number in range(23):
        start_thread(community, title=f"Escorts round {number}")

    first = search(client, q="escorts", kind="thread", order="newest")
    second = search(client, q="escorts", kind="thread", order="newest", page=2)

    assert len(first.context["rows"]) == 20
    assert len(second.context["rows"]) == 3
    html = first.content.decode()
    assert "q=escorts&amp;kind=thread&amp;order=newest&amp;page=2" in html
    assert 'start="21"' in second.content.decode()


def test_no_results_suggests_what_to_try_with_links(client, reader, community):
    start_thread(community, title="Escorts")

    response = search(
        client, q="escorts minibus drivers", kind="reply", community="send-transport"
    )

    html = response.content.decode()
    assert "Nothing you can read matches your search" in html
    assert "check the spelling" in html
    assert (
        'href="?q=escorts+minibus&amp;kind=reply&amp;community=send-transport"' in html
    )
    assert 'href="?q=escorts+minibus+drivers&amp;community=send-transport"' in html
    assert 'href="?q=escorts+minibus+drivers"' in html  # every filter at once
    assert "escorts OR minibus OR drivers" in html
    # The link that removes the kind filter finds the thread.
    assert titles(search(client, q="escorts", community="send-transport")) == [
        "Escorts"
    ]


def test_only_exclusions_says_to_add_a_word(client, reader):
    html = search(client, q="-escorts").content.decode()

    assert "Add a word to look for" in html


def test_an_unreadable_query_says_it_fell_back_to_plain_words(
    client, reader, community
):
    start_thread(community, title="Escorts")

    response = search(client, q='escorts "')

    assert response.context["query"].fell_back
    assert "we searched for the words alone" in response.content.decode()
    assert titles(response) == ["Escorts"]


def test_a_capped_ranking_says_so(client, reader, community, monkeypatch):
    monkeypatch.setattr(selectors, "RANKED", 3)
    for number in range(5):
        start_thread(community, title=f"Escorts {number}")

    html = search(client, q="escorts").content.decode()

    assert (
        "Showing the best matches among the most recent results — add words to "
        "narrow" in html
    )


def test_visitors_search_what_visitors_may_read(client):
    public = CommunityFactory(public_reading=True)
    closed = CommunityFactory()
    start_thread(public, title="Escorts in public")
    start_thread(closed, title="Escorts for members")

    response = search(client, q="escorts", kind="thread")

    assert titles(response) == ["Escorts in public"]
    # Visitors see no people, so they are not offered them.
    assert 'value="person"' not in response.content.decode()
    assert "People who know about this" not in response.content.decode()


def test_query_count_is_pinned_and_flat(client, reader, community):
    def add(count):
        for number in range(count):
            author = member_of(
                community,
                profile__privacy=Profile.Privacy.MY_COMMUNITIES,
                profile__organisation=OrganisationFactory(),
            )
            thread = start_thread(community, author, title=f"Escorts {number}")
            reply_to(thread, author, body=f"Escorts reply {number}")

    add(1)
    search(client, q="escorts")  # warm the caches
    with query_budget(PAGE_QUERIES + session_queries() + cache_queries()):
        assert len(search(client, q="escorts").context["rows"]) == 2
    add(12)
    with query_budget(PAGE_QUERIES + session_queries() + cache_queries()):
        assert len(search(client, q="escorts").context["rows"]) == 20
