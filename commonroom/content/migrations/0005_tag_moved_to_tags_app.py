"""``Tag`` now belongs to the tags app (``tags/migrations/0001``), which kept
its table: content only forgets it, once nothing points here any more."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0004_revision_keeps_each_kinds_fields"),
        ("communities", "0003_topics_from_tags_app"),
        ("forums", "0004_tags_in_one_table"),
        ("profiles", "0004_expertise_from_tags_app"),
        ("tags", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Tag")],
            database_operations=[],
        ),
    ]
