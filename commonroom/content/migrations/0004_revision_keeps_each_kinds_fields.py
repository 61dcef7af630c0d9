from django.db import migrations, models


def copy_title_and_body_into_fields(apps, schema_editor):
    """Each earlier version keeps what it said: its body, and a title if it
    had one (a reply's versions never did)."""
    Revision = apps.get_model("content", "Revision")
    batch = []
    for revision in Revision.objects.only("pk", "title", "body").iterator(
        chunk_size=500
    ):
        revision.fields = {"body": revision.body}
        if revision.title:
            revision.fields = {"title": revision.title, **revision.fields}
        batch.append(revision)
        if len(batch) == 500:
            Revision.objects.bulk_update(batch, ["fields"])
            batch = []
    if batch:
        Revision.objects.bulk_update(batch, ["fields"])


def copy_fields_back_into_title_and_body(apps, schema_editor):
    Revision = apps.get_model("content", "Revision")
    batch = []
    for revision in Revision.objects.only("pk", "fields").iterator(chunk_size=500):
        revision.title = str(revision.fields.get("title", ""))[:200]
        revision.body = str(revision.fields.get("body", ""))
        batch.append(revision)
        if len(batch) == 500:
            Revision.objects.bulk_update(batch, ["title", "body"])
            batch = []
    if batch:
        Revision.objects.bulk_update(batch, ["title", "body"])


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0003_alter_attachment_file"),
    ]

    operations = [
        migrations.AddField(
            model_name="revision",
            name="fields",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(
            copy_title_and_body_into_fields, copy_fields_back_into_title_and_body
        ),
        migrations.RemoveField(
            model_name="revision",
            name="body",
        ),
        migrations.RemoveField(
            model_name="revision",
            name="title",
        ),
    ]
