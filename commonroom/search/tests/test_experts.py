"""Who knows about this? Ranking, evidence, permission and query counts."""

import pytest
from django.utils import translation

from commonroom.accounts.models import User
from commonroom.communities.models import Community
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.content import services as content_services
from commonroom.core.testing.queries import (
    cache_queries,
    query_budget,
    session_queries,
)
from commonroom.forums.models import Thread
from commonroom.forums.services import threads as thread_services
from commonroom.forums.tests.factories import member_of, reply_to, start_thread
from commonroom.search import experts
from commonroom.search.query import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory(name="SEND Transport Officers")


@pytest.fixture
def reader(community):
    return member_of(community, full_name="Reader Person")


def question(community, author=None, title="Escorts on SEND transport minibuses"):
    return start_thread(
        community,
        author,
        title=title,
        body="Who trains them?",
        kind=Thread.Kind.QUESTION,
    )


def accepted_answer(thread, author, body="Our escorts train with the drivers."):
    reply = reply_to(thread, author, body=body)
    thread_services.accept_answer(actor=thread.author, thread=thread, reply=reply)
    return reply


def helpful_reply(thread, author, body="Escorts on SEND transport need a DBS check."):
    reply = reply_to(thread, author, body=body)
    content_services.set_helpful(actor=thread.author, obj=reply, helpful=True)
    return reply


def names(found) -> list[str]:
    return [expert.name for expert in found]


def test_accepted_answers_rank_above_helpful_replies_above_other_posts(
    community, reader
):
    answerer = member_of(community, full_name="Answerer")
    helper = member_of(community, full_name="Helper")
    chatter = member_of(community, full_name="Chatter")
    for _number in range(2):
        thread = question(community)
        # The chatter writes more, but nothing accepted or marked helpful.
        reply_to(thread, chatter, body="SEND transport escorts are hard to find.")
        reply_to(thread, chatter, body="SEND transport escorts again.")
        helpful_reply(thread, helper)
    accepted_answer(question(community), answerer, body="SEND transport escorts: yes.")

    found = experts.who_knows(reader, parse("SEND transport escorts"))

    assert names(found)[:3] == ["Answerer", "Helper", "Chatter"]


def test_evidence_is_counted_and_described(community, reader):
    expert = member_of(community, full_name="Expert")
    for _number in range(3):
        accepted_answer(question(community), expert, body="SEND transport: we do it.")
    helpful_reply(question(community), expert, body="SEND transport needs escorts.")
    question(community, expert, title="SEND transport in rural areas")

    with translation.override("en"):
        (found,) = [
            e
            for e in experts.who_knows(reader, parse("SEND transport"))
            if e.person_id == expert.pk
        ]

    assert (found.evidence.accepted, found.evidence.helpful, found.evidence.other) == (
        3,
        1,
        1,
    )
    assert found.description == (
        "3 accepted answers, 1 helpful reply and 1 other post on “SEND transport”"
    )


def test_a_single_kind_of_evidence_reads_naturally(community, reader):
    expert = member_of(community, full_name="Expert")
    accepted_answer(question(community, title="Vehicles"), expert, body="Minibus hire")

    (found,) = experts.who_knows(reader, parse("minibus"))

    assert found.description == "1 accepted answer on “minibus”"


def test_contributions_in_a_private_community_never_count_for_outsiders(reader):
    private = CommunityFactory(visibility=Community.Visibility.PRIVATE)
    insider = member_of(private, full_name="Insider")
    private_reader = member_of(private, full_name="Private reader")
    asked = question(private, private_reader, title="Minibuses")
    accepted_answer(asked, insider, body="SEND transport escorts, privately.")

    assert names(experts.who_knows(reader, parse("SEND transport"))) == []
    assert names(experts.who_knows(private_reader, parse("SEND transport"))) == [
        "Insider"
    ]


def test_only_listed_people_and_signed_in_readers(community, reader, client):
    gone = member_of(community, full_name="Gone")
    asked = question(community, reader, title="Minibuses")
    accepted_answer(asked, gone, body="SEND transport escorts.")
    User.objects.filter(pk=gone.pk).update(is_active=False)

    assert names(experts.who_knows(reader, parse("SEND transport"))) == []
    from django.contrib.auth.models import AnonymousUser  # noqa: PLC0415

    assert experts.who_knows(AnonymousUser(), parse("SEND transport")) == []


def test_two_queries_however_many_people(community, reader):
    def make(count):
        for number in range(count):
            person = member_of(community, full_name=f"Person {number}")
            asked = question(community, reader, title="Minibuses")
            accepted_answer(asked, person, body="SEND transport.")

    make(1)
    experts.who_knows(reader, parse("SEND transport"))  # the reader's memberships
    with query_budget(2 + cache_queries()):
        assert len(experts.who_knows(reader, parse("SEND transport"))) == 1
    make(6)
    with query_budget(2 + cache_queries()):
        assert len(experts.who_knows(reader, parse("SEND transport"))) == 5


def test_the_search_page_shows_people_who_know(client, community, reader):
    expert = member_of(community, full_name="Expert Person")
    accepted_answer(question(community), expert, body="SEND transport escorts.")
    client.force_login(reader)

    html = client.get("/search/", {"q": "SEND transport"}).content.decode()

    assert "People who know about this" in html
    assert f'href="/people/{expert.pk}/">Expert Person</a>' in html
    assert "1 accepted answer on “SEND transport”" in html


def test_the_people_finder_ranks_by_topic(client, community, reader):
    answerer = member_of(community, full_name="Zara Answerer")
    chatter = member_of(community, full_name="Aaron Chatter")
    member_of(community, full_name="Bystander")
    thread = question(community)
    reply_to(thread, chatter, body="SEND transport is hard.")
    accepted_answer(thread, answerer, body="SEND transport: escorts.")
    client.force_login(reader)

    response = client.get("/people/", {"topic": "SEND transport"})

    listed = [person.full_name for person in response.context["pagination"].object_list]
    assert listed[:2] == ["Zara Answerer", "Aaron Chatter"]
    assert "Bystander" not in listed
    html = response.content.decode()
    assert "1 accepted answer on “SEND transport”" in html
    assert "1 post on “SEND transport”" in html


def test_the_people_finder_topic_query_count_is_flat(client, community, reader):
    client.force_login(reader)

    def count():
        from django.db import connection  # noqa: PLC0415
        from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

        with CaptureQueriesContext(connection) as captured:
            client.get("/people/", {"topic": "SEND transport"})
        return len(captured.captured_queries)

    person = member_of(community, full_name="First")
    accepted_answer(question(community), person, body="SEND transport.")
    count()
    one = count()
    for number in range(8):
        person = member_of(community, full_name=f"Person {number}")
        accepted_answer(question(community), person, body="SEND transport.")
    assert count() == one
    assert one <= 8 + session_queries()
