"""Expertise points at ``tags.Tag`` (moved from content with its table kept),
so only Django's picture changes: the table and its rows stay as they are."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0003_profile_handle"),
        ("tags", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="profile",
                    name="expertise",
                    field=models.ManyToManyField(
                        blank=True, related_name="experts", to="tags.tag"
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
