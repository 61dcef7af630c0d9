"""``Tag`` moves here from the content app, keeping its table and every row.

Only Django's picture of the models changes (``SeparateDatabaseAndState``); the
table keeps its name, ``content_tag`` (see ``Tag.Meta.db_table``), so the
many-to-many tables pointing at it need no change either. Communities,
profiles and forums then point their fields here, and content forgets its
``Tag`` (``content/migrations/0005``).
"""

from django.db import migrations, models


def content_type_follows(apps, schema_editor):
    # Permissions and anything else keyed by the content type keep working.
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="tags", model="tag").exists():
        ContentType.objects.filter(app_label="content", model="tag").update(
            app_label="tags"
        )


def content_type_goes_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="content", model="tag").exists():
        ContentType.objects.filter(app_label="tags", model="tag").update(
            app_label="content"
        )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("content", "0004_revision_keeps_each_kinds_fields"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Tag",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                auto_now_add=True, db_index=True, verbose_name="created"
                            ),
                        ),
                        (
                            "updated_at",
                            models.DateTimeField(auto_now=True, verbose_name="updated"),
                        ),
                        (
                            "name",
                            models.CharField(
                                max_length=60, unique=True, verbose_name="name"
                            ),
                        ),
                        (
                            "slug",
                            models.SlugField(
                                max_length=60, unique=True, verbose_name="slug"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "tag",
                        "verbose_name_plural": "tags",
                        "db_table": "content_tag",
                        "ordering": ["name"],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_follows, content_type_goes_back),
    ]
