"""PostgreSQL: each row's ``search_vector`` is kept in the row, its message
moved out of it.

A row over about 2 kB is "toasted": PostgreSQL moves its largest values to a
side table. By default that was the ``tsvector`` (1.6 kB on average), which
every search reads for each candidate row, to match it and again to rank it:
two extra lookups a row, 8.5 ms to rank the newest 2,000 matches of a common
word over 100,000 posts. Now the message (``body``, read only for the 20
snippets of a page) goes out first, uncompressed, and the vector stays in the
row: 2.8 ms (and the match itself 5.8 ms to 1.6 ms).

The storage settings apply to rows as they are written, so every row is
written again (its vector recomputed): about a minute for 100,000 rows.
"""

from django.db import migrations

_FORWARDS = [
    "ALTER TABLE search_entry ALTER COLUMN search_vector SET STORAGE MAIN",
    "ALTER TABLE search_entry ALTER COLUMN body SET STORAGE EXTERNAL",
    "UPDATE search_entry SET body = body",
]
_BACKWARDS = [
    "ALTER TABLE search_entry ALTER COLUMN search_vector SET STORAGE EXTENDED",
    "ALTER TABLE search_entry ALTER COLUMN body SET STORAGE EXTENDED",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_small_pending_list")]

    operations = [
        migrations.RunPython(_run(_FORWARDS), _run(_BACKWARDS), elidable=False)
    ]
