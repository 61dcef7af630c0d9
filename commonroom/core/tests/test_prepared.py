"""A prepared query gives what its queryset gives, and refuses what it can't bind."""

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext

from commonroom.communities.tests.factories import CommunityFactory
from commonroom.core.prepared import PreparedQuery
from commonroom.forums.models import Reply, Thread
from commonroom.forums.tests.factories import reply_to, start_thread

pytestmark = pytest.mark.django_db


def _threads_with_replies(shape, *, community_id, title):
    threads = Thread.objects.select_related("community", "author").filter(
        community_id=community_id, title=title
    )
    if shape == "counted":
        threads = threads.annotate(counted=Count("replies"))
    return threads.order_by("pk")


@pytest.fixture
def two_communities():
    first, second = CommunityFactory(), CommunityFactory()
    threads = {
        (community.pk, title): start_thread(community=community, title=title)
        for community in (first, second)
        for title in ("Potholes", "Flooding")
    }
    reply_to(threads[(first.pk, "Potholes")])
    reply_to(threads[(first.pk, "Potholes")])
    return first, second, threads


def test_each_call_binds_its_own_values(two_communities):
    first, second, threads = two_communities
    prepared = PreparedQuery(_threads_with_replies)

    for community in (first, second, first):
        for title in ("Potholes", "Flooding", "Nothing like it"):
            found = prepared(community_id=community.pk, title=title)
            expected = list(
                _threads_with_replies((), community_id=community.pk, title=title)
            )
            assert found == expected
            assert [thread.community for thread in found] == [
                thread.community for thread in expected
            ]


def test_objects_come_with_their_related_rows_and_annotations(two_communities):
    first, _, threads = two_communities
    prepared = PreparedQuery(_threads_with_replies)

    (thread,) = prepared("counted", community_id=first.pk, title="Potholes")

    with CaptureQueriesContext(connection) as queries:
        assert thread.community.name == first.name
        assert (
            thread.author.full_name == threads[(first.pk, "Potholes")].author.full_name
        )
        assert thread.counted == 2
    assert len(queries) == 0


def test_one_query_a_call_and_the_same_sql_each_time(two_communities):
    first, second, _ = two_communities
    prepared = PreparedQuery(_threads_with_replies)

    statements = []
    for community in (first, second):
        with CaptureQueriesContext(connection) as queries:
            prepared(community_id=community.pk, title="Flooding")
        assert len(queries) == 1
        statements.append(queries[0]["sql"].replace(str(community.pk), "?"))
    assert statements[0] == statements[1]


def _replies_among(shape, *, ids):
    return Reply.objects.filter(pk__in=ids).order_by("pk")


def test_a_list_binds_whatever_its_length(two_communities):
    replies = list(Reply.objects.order_by("pk"))
    prepared = PreparedQuery(_replies_among)

    assert prepared(ids=[replies[0].pk]) == replies[:1]
    assert prepared(ids=[reply.pk for reply in replies]) == replies
    # Three ids pad to four by repeating the last: no reply comes twice.
    assert prepared(ids=[replies[1].pk, replies[0].pk, 987654]) == replies[:2]


def test_values_querysets_give_dictionaries(two_communities):
    first, _, threads = two_communities
    prepared = PreparedQuery(
        lambda shape, *, community_id: (
            Thread.objects.filter(community_id=community_id)
            .order_by("title")
            .values("title")
        )
    )

    assert prepared(community_id=first.pk) == [
        {"title": "Flooding"},
        {"title": "Potholes"},
    ]


def test_a_value_the_queryset_changes_is_refused():
    prepared = PreparedQuery(
        lambda shape, *, first: Reply.objects.filter(
            position__range=(first, first + 19)
        )
    )

    with pytest.raises(ValueError, match="changes a value"):
        prepared(first=1)


def test_a_slice_binds_its_offset_and_limit(two_communities):
    replies = list(Reply.objects.order_by("pk"))
    prepared = PreparedQuery(
        lambda shape, *, offset, limit: Reply.objects.order_by("pk")[
            offset : offset + limit
        ]
    )

    assert prepared(offset=0, limit=1) == replies[:1]
    assert prepared(offset=1, limit=5) == replies[1:6]
    assert prepared(offset=5, limit=1) == []
    assert len(prepared._compiled) == 1


def test_a_value_written_into_the_sql_changed_is_refused():
    prepared = PreparedQuery(
        lambda shape, *, start: Reply.objects.order_by("pk")[start + 1 :]
    )

    with pytest.raises(ValueError, match="changes the SQL itself"):
        prepared(start=20)


def test_a_value_that_never_reaches_the_sql_is_refused():
    prepared = PreparedQuery(lambda shape, *, thread_id: Reply.objects.all())

    with pytest.raises(ValueError, match="thread_id never reaches the SQL"):
        prepared(thread_id=1)


@pytest.mark.parametrize("value", [None, True, [], ["a"], 1.5])
def test_only_ints_strings_and_lists_of_ints_bind(value):
    prepared = PreparedQuery(_replies_among)

    with pytest.raises(TypeError, match="only ints, strings"):
        prepared(ids=value)


def _threads_in_either(shape, *, first_ids, second_ids):
    return Thread.objects.filter(Q(pk__in=first_ids) | Q(pk__in=second_ids))


def test_a_list_of_thousands_of_ids_binds_beside_another(two_communities):
    """Rebuilding the search index asks for the tags of 1,000 posts at once."""
    first, second, threads = two_communities
    ids = sorted(thread.pk for thread in threads.values())
    prepared = PreparedQuery(_threads_in_either)

    found = prepared(
        first_ids=[*range(10**6, 10**6 + 1500), ids[0]], second_ids=ids[1:2]
    )

    assert sorted(thread.pk for thread in found) == ids[:2]
