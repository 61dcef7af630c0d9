"""Audit entries keep a community's id, not its name, and no message text.

Until now an entry about a community wrote its name or address into
``detail``, and the facilitators' removal, rejection and "more information"
messages (and an administrator's reason for rejecting a community) were copied
there word for word. The administrators' log then showed private communities'
names, members and invitees, and what was written to one person.

This migration moves each community to the new ``community_id`` column and
blanks what was said, keeping only that a message was sent. The append-only
trigger is lifted for the rewrite and put back, now guarding the new column
too. The old text cannot be brought back by reversing it.
"""

import re

from django.db import migrations, models

OLD_COLUMNS = "created_at, action, actor_email, subject_email, ip_address, detail"
NEW_COLUMNS = f"{OLD_COLUMNS}, community_id"

# Written by the membership and invitation services: "community: food-waste"
# or "community: food-waste; <something>".
MEMBERSHIP_DETAIL = re.compile(r"^community: ([\w-]+)(?:; (.*))?$", re.DOTALL)
# Written by the community services: "Food Waste (food-waste, open)" or
# "Food Waste (food-waste, open): <reason>".
COMMUNITY_DETAIL = re.compile(r"^(.*) \(([\w-]+), (\w+)\)(?:: (.*))?$", re.DOTALL)

WITH_MESSAGE = {
    "join_rejected",
    "join_more_information",
    "member_removed",
}
INVITATIONS = {"invitation_sent", "invitation_revoked"}
COMMUNITY_EVENTS = {
    "community_created",
    "community_approved",
    "community_rejected",
    "community_archived",
    "community_restored",
}


def _note(text: str | None) -> str:
    return "with a message" if text and text.strip() else ""


def rewrite(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    Community = apps.get_model("communities", "Community")
    slugs = dict(Community.objects.values_list("slug", "pk"))
    vendor = schema_editor.connection.vendor
    _drop_update_trigger(schema_editor)
    events = AuditEvent.objects.exclude(detail="").only(
        "action", "detail", "subject_email"
    )
    for event in events.iterator():
        changes = _rewritten(event, slugs)
        if changes:
            AuditEvent.objects.filter(pk=event.pk).update(**changes)
    _create_update_trigger(schema_editor, vendor, NEW_COLUMNS)


def _rewritten(event, slugs: dict) -> dict:
    action, detail = event.action, event.detail
    if action in COMMUNITY_EVENTS:
        match = COMMUNITY_DETAIL.match(detail)
        if match is None:
            return {"detail": ""}
        name, slug, visibility, reason = match.groups()
        community_id = slugs.get(slug)
        if action == "community_rejected" or community_id is None:
            # A rejected community is deleted: its name (seen in the approval
            # queue) is all that says which one it was.
            kept = f"{name} ({visibility})"
            if reason:
                kept += "; with a message"
            return {"detail": kept[:500], "community_id": community_id}
        return {"detail": f"visibility: {visibility}", "community_id": community_id}
    match = MEMBERSHIP_DETAIL.match(detail)
    if match is None:
        # An entry of another kind: only blank it if it held a message.
        return {"detail": ""} if action in WITH_MESSAGE else {}
    slug, extra = match.groups()
    changes = {"community_id": slugs.get(slug), "detail": extra or ""}
    if action in WITH_MESSAGE:
        changes["detail"] = _note(extra)
    elif action in INVITATIONS:
        changes["detail"] = ""
        if not event.subject_email and extra and extra.startswith("invited: "):
            changes["subject_email"] = extra.removeprefix("invited: ")[:254]
    return changes


def _drop_update_trigger(schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS audit_event_no_update ON audit_auditevent"
        )
    else:
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_event_no_update")


def _create_update_trigger(schema_editor, vendor: str, columns: str):
    if vendor == "postgresql":
        schema_editor.execute(
            f"""CREATE TRIGGER audit_event_no_update BEFORE UPDATE OF {columns}
            ON audit_auditevent FOR EACH ROW
            EXECUTE FUNCTION audit_event_append_only()"""
        )
    elif vendor == "sqlite":
        schema_editor.execute(
            f"""CREATE TRIGGER audit_event_no_update BEFORE UPDATE OF {columns}
            ON audit_auditevent BEGIN
            SELECT RAISE(ABORT, 'audit events are append-only'); END"""
        )


def guard_old_columns_only(apps, schema_editor):
    """Backwards: the trigger guards the old columns (the text stays blank)."""
    _drop_update_trigger(schema_editor)
    _create_update_trigger(schema_editor, schema_editor.connection.vendor, OLD_COLUMNS)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_join_request_withdrawn_and_answered"),
        ("communities", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="community_id",
            field=models.PositiveBigIntegerField(
                blank=True, db_index=True, null=True, verbose_name="community"
            ),
        ),
        migrations.RunPython(rewrite, guard_old_columns_only),
    ]
