"""Make the audit table append-only in the database too, not just in Python.

Changing what an event says is refused on both databases. Setting actor or
subject to NULL stays possible, so that deleting an account still works (its
email address remains on the row).

Deleting rows is refused on PostgreSQL (production) unless the transaction has
set ``commonroom.audit_retention`` to ``on``: the one door for a retention job.
SQLite, the try-it default, has no such setting, and its test databases are
emptied with DELETE, so there only the Python API refuses deletion.
"""

from django.db import migrations

PROTECTED_COLUMNS = "created_at, action, actor_email, subject_email, ip_address, detail"

SQLITE = [
    f"""CREATE TRIGGER audit_event_no_update BEFORE UPDATE OF {PROTECTED_COLUMNS}
    ON audit_auditevent BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
]
POSTGRESQL = [
    """CREATE FUNCTION audit_event_append_only() RETURNS trigger AS $$
    BEGIN
      IF TG_OP = 'DELETE'
         AND current_setting('commonroom.audit_retention', true) = 'on' THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION 'audit events are append-only';
    END;
    $$ LANGUAGE plpgsql""",
    f"""CREATE TRIGGER audit_event_no_update BEFORE UPDATE OF {PROTECTED_COLUMNS}
    ON audit_auditevent FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()""",
]


def create_triggers(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(
        schema_editor.connection.vendor, []
    )
    for statement in statements:
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS audit_event_no_update ON audit_auditevent"
        if schema_editor.connection.vendor == "postgresql"
        else "DROP TRIGGER IF EXISTS audit_event_no_update"
    )
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS audit_event_no_delete ON audit_auditevent"
        if schema_editor.connection.vendor == "postgresql"
        else "DROP TRIGGER IF EXISTS audit_event_no_delete"
    )


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
