"""Topics point at ``tags.Tag`` (moved from content with its table kept), so
only Django's picture changes: the table and its rows stay as they are."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("communities", "0002_invitation_membershiprequest_notice_and_more"),
        ("tags", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="community",
                    name="tags",
                    field=models.ManyToManyField(
                        blank=True, related_name="communities", to="tags.tag"
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
