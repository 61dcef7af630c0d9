"""Moving ``Tag`` to this app keeps every tag, topic, expertise and thread tag.

Runs the real migrations from the schema before the move, with rows in it,
on whichever database the suite uses (SQLite and PostgreSQL in CI).
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("content", "0004_revision_keeps_each_kinds_fields"),
    ("communities", "0002_invitation_membershiprequest_notice_and_more"),
    ("profiles", "0003_profile_handle"),
    ("forums", "0003_thread_latest_activity_index"),
    ("tags", None),
]


def _latest(executor) -> list[tuple[str, str]]:
    return [
        key
        for key in executor.loader.graph.leaf_nodes()
        if key[0] in {"content", "communities", "profiles", "forums", "tags"}
    ]


@pytest.mark.django_db(transaction=True)
def test_tags_and_thread_tags_survive_the_move_to_one_table():
    executor = MigrationExecutor(connection)
    latest = _latest(executor)
    executor.migrate(BEFORE)
    old = MigrationExecutor(connection).loader.project_state(BEFORE[:-1]).apps

    Tag = old.get_model("content", "Tag")
    Community = old.get_model("communities", "Community")
    Thread = old.get_model("forums", "Thread")
    planning = Tag.objects.create(name="Planning", slug="planning")
    s106 = Tag.objects.create(name="S106", slug="s106")
    community = Community.objects.create(name="Planners", slug="planners")
    community.tags.add(planning)
    thread = Thread.objects.create(
        community=community, title="Viability", body="Anyone?"
    )
    thread.tags.add(planning, s106)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(latest)
    new = MigrationExecutor(connection).loader.project_state(latest).apps

    NewTag = new.get_model("tags", "Tag")
    TaggedItem = new.get_model("tags", "TaggedItem")
    ContentType = new.get_model("contenttypes", "ContentType")
    assert sorted(NewTag.objects.values_list("pk", "name")) == sorted(
        [(planning.pk, "Planning"), (s106.pk, "S106")]
    )
    assert list(
        new.get_model("communities", "Community")
        .objects.get(pk=community.pk)
        .tags.values_list("name", flat=True)
    ) == ["Planning"]
    thread_type = ContentType.objects.get(app_label="forums", model="thread")
    assert sorted(
        TaggedItem.objects.filter(
            content_type=thread_type, object_id=thread.pk
        ).values_list("tag__name", "community_id")
    ) == [("Planning", community.pk), ("S106", community.pk)]
