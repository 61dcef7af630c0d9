import pytest

from commonroom.communities.tests.factories import CommunityFactory
from commonroom.content import services
from commonroom.content.models import Revision
from commonroom.content.post_views import VERSIONS_PER_PAGE
from commonroom.core.testing.queries import query_budget, session_queries
from commonroom.forums.tests.factories import member_of, reply_to, start_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory(name="Waste Collection Officers", slug="waste")


def history_url(kind, obj):
    return f"/communities/waste/content/{kind}/{obj.pk}/history/"


def test_a_version_keeps_every_editable_field_of_its_kind(client, community):
    author = member_of(community)
    thread = start_thread(community, author, title="Bins on Tuesdays", body="Draft")
    reply = reply_to(thread, author, body="First answer")
    services.edit_content(
        actor=author, obj=thread, changes={"title": "Bins on Fridays", "body": "Out"}
    )
    services.edit_content(actor=author, obj=reply, changes={"body": "Better answer"})

    assert Revision.objects.get(
        object_id=thread.pk, fields__has_key="title"
    ).fields == {
        "title": "Bins on Tuesdays",
        "body": "Draft",
    }
    assert Revision.objects.exclude(fields__has_key="title").get().fields == {
        "body": "First answer"
    }
    client.force_login(author)
    html = client.get(history_url("thread", thread)).content.decode()
    assert "Bins on Tuesdays" in html and "Draft" in html
    html = client.get(history_url("reply", reply)).content.decode()
    assert "First answer" in html


def edited(thread, author, times):
    for number in range(times):
        services.edit_content(
            actor=author, obj=thread, changes={"body": f"Version number {number}"}
        )


def test_the_history_is_paged_in_a_fixed_number_of_queries(client, community):
    author = member_of(community)
    few = start_thread(community, author, body="Only draft")
    edited(few, author, 1)
    many = start_thread(community, author, body="Very first draft")
    edited(many, author, VERSIONS_PER_PAGE + 2)
    client.force_login(author)
    client.get(history_url("thread", few))  # content types are cached

    budget = 5 + session_queries()
    with query_budget(budget):
        assert client.get(history_url("thread", few)).status_code == 200
    with query_budget(budget):
        first = client.get(history_url("thread", many)).content.decode()
    assert "Very first draft" not in first
    assert f"Version number {VERSIONS_PER_PAGE}" in first
    assert "?page=2" in first

    last = client.get(history_url("thread", many) + "?page=2").content.decode()
    assert "Very first draft" in last
    assert f"Version number {VERSIONS_PER_PAGE}" not in last
