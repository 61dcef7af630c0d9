"""PostgreSQL: an index led by the kind of row (and its audience).

The planner often combines the permission rule's branches (one per kind of
row: community content, people, communities) into one bitmap of the rows the
reader may read, to intersect with the full-text match. For the branches of
the small kinds it then read the whole unique index (led by ``object_id``) to
find their few hundred rows: 2 to 4 ms each, a third of a search for a
phrase. With this index each takes a few hundredths of a millisecond.

SQLite does not get it: there an index led by kind tempted the planner to
walk every row of a kind rather than look up the matches (``models.py``).
"""

from django.db import migrations


def _forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX search_entry_kind ON search_entry (kind, audience)",
            params=None,
        )


def _backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX search_entry_kind", params=None)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_vector_kept_in_the_row")]

    operations = [migrations.RunPython(_forwards, _backwards, elidable=False)]
