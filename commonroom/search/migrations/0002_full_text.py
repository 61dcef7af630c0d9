"""The full-text part of the index, for whichever database this is.

SQLite: an FTS5 table over ``search_entry`` (external content: it stores only
the index, reading the text from ``search_entry``), kept in step by triggers.
PostgreSQL: a generated, weighted ``tsvector`` column with a GIN index.

A later migration that makes SQLite rebuild ``search_entry`` (most column
changes do) drops the triggers with the old table: it must run
``SQLITE_TRIGGERS`` again and rebuild the FTS table
(``INSERT INTO search_entry_fts(search_entry_fts) VALUES ('rebuild')``).
"""

from django.db import migrations

SQLITE_TABLE = (
    "CREATE VIRTUAL TABLE search_entry_fts USING fts5("
    "title, body, tags, content='search_entry', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')"
)
SQLITE_TRIGGERS = [
    "CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(rowid, title, body, tags) "
    "VALUES (new.id, new.title, new.body, new.tags); END",
    "CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(search_entry_fts, rowid, title, body, tags) "
    "VALUES ('delete', old.id, old.title, old.body, old.tags); END",
    "CREATE TRIGGER search_entry_au AFTER UPDATE OF title, body, tags "
    "ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(search_entry_fts, rowid, title, body, tags) "
    "VALUES ('delete', old.id, old.title, old.body, old.tags); "
    "INSERT INTO search_entry_fts(rowid, title, body, tags) "
    "VALUES (new.id, new.title, new.body, new.tags); END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TABLE IF EXISTS search_entry_fts",
]

POSTGRES_COLUMN = (
    "ALTER TABLE search_entry ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(tags, '')), 'D')"
    ") STORED"
)
POSTGRES_INDEX = (
    "CREATE INDEX search_entry_vector ON search_entry USING gin (search_vector)"
)
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS search_vector",
]


def _forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        statements = [SQLITE_TABLE, *SQLITE_TRIGGERS]
    elif vendor == "postgresql":
        statements = [POSTGRES_COLUMN, POSTGRES_INDEX]
    else:
        raise RuntimeError(f"Search has no full-text index for {vendor}")
    for statement in statements:
        schema_editor.execute(statement, params=None)


def _backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = SQLITE_DROP if vendor == "sqlite" else POSTGRES_DROP
    for statement in statements:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_entry")]

    operations = [migrations.RunPython(_forwards, _backwards, elidable=False)]
