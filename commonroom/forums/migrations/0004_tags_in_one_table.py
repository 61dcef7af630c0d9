"""Threads' and replies' tags move into the one table every kind shares
(``tags.TaggedItem``), then their own many-to-many tables go."""

from django.db import migrations


def _copy_to_tagged_items(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    TaggedItem = apps.get_model("tags", "TaggedItem")
    for model_name in ("thread", "reply"):
        model = apps.get_model("forums", model_name)
        content_type, _ = ContentType.objects.get_or_create(
            app_label="forums", model=model_name
        )
        through = model.tags.through
        rows = through.objects.values_list(f"{model_name}_id", "tag_id")
        communities = dict(model.objects.values_list("pk", "community_id"))
        batch = []
        for object_id, tag_id in rows.order_by("pk").iterator(chunk_size=2000):
            batch.append(
                TaggedItem(
                    community_id=communities[object_id],
                    content_type=content_type,
                    object_id=object_id,
                    tag_id=tag_id,
                )
            )
            if len(batch) >= 2000:
                TaggedItem.objects.bulk_create(batch, ignore_conflicts=True)
                batch = []
        TaggedItem.objects.bulk_create(batch, ignore_conflicts=True)


def _copy_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    TaggedItem = apps.get_model("tags", "TaggedItem")
    for model_name in ("thread", "reply"):
        model = apps.get_model("forums", model_name)
        content_type = ContentType.objects.filter(
            app_label="forums", model=model_name
        ).first()
        if content_type is None:
            continue
        through = model.tags.through
        existing = set(model.objects.values_list("pk", flat=True))
        through.objects.bulk_create(
            [
                through(**{f"{model_name}_id": object_id, "tag_id": tag_id})
                for object_id, tag_id in TaggedItem.objects.filter(
                    content_type=content_type
                ).values_list("object_id", "tag_id")
                if object_id in existing
            ],
            ignore_conflicts=True,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("forums", "0003_thread_latest_activity_index"),
        ("tags", "0002_tagged_item"),
    ]

    operations = [
        migrations.RunPython(_copy_to_tagged_items, _copy_back),
        migrations.RemoveField(model_name="reply", name="tags"),
        migrations.RemoveField(model_name="thread", name="tags"),
    ]
