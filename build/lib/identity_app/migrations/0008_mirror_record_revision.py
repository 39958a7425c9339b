"""Every write to a mirror record stamps its revision, whoever writes it (sync reads, webhooks, merges):
database triggers, so that no write path can forget. In-memory mirror indexes read the records written since
they last looked (identity_app/mirror_index.py).

PostgreSQL: the revision is the writing transaction's id. A reader that remembers the oldest transaction still
running when it read (its snapshot's xmin) finds every later write by revision >= that xmin, committed in any
order (pg_current_xact_id and pg_current_snapshot: PostgreSQL 13 or later). SQLite: writers are serialised, so a
counter per connection and object is enough.
"""

from django.db import migrations, models

POSTGRESQL_TRIGGER = """
CREATE FUNCTION identity_mirror_record_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.revision := pg_current_xact_id()::text::bigint;
    RETURN NEW;
END $$;
CREATE TRIGGER identity_mirror_record_revision BEFORE INSERT OR UPDATE ON identity_app_mirrorrecord
    FOR EACH ROW EXECUTE FUNCTION identity_mirror_record_revision();
"""
POSTGRESQL_DROP = """
DROP TRIGGER IF EXISTS identity_mirror_record_revision ON identity_app_mirrorrecord;
DROP FUNCTION IF EXISTS identity_mirror_record_revision();
"""
# The trigger's own UPDATE does not fire it again: SQLite's recursive triggers are off by default.
SQLITE_STAMP = """
BEGIN
    UPDATE identity_app_mirrorrecord SET revision = (
        SELECT coalesce(max(revision), 0) + 1 FROM identity_app_mirrorrecord
        WHERE connection_id = NEW.connection_id AND object_name = NEW.object_name
    ) WHERE id = NEW.id;
END;
"""
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER identity_mirror_record_revision_{event.lower()} AFTER {event} "
    f"ON identity_app_mirrorrecord FOR EACH ROW {SQLITE_STAMP}"
    for event in ("INSERT", "UPDATE")
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS identity_mirror_record_revision_{event}" for event in ("insert", "update")
]


def create_triggers(apps, schema_editor):
    _run(schema_editor, [POSTGRESQL_TRIGGER] if _is_postgresql(schema_editor) else SQLITE_TRIGGERS)


def drop_triggers(apps, schema_editor):
    _run(schema_editor, [POSTGRESQL_DROP] if _is_postgresql(schema_editor) else SQLITE_DROP)


def _is_postgresql(schema_editor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("identity_app", "0007_review_history_without_personal_documents"),
    ]

    operations = [
        migrations.AddField(
            model_name="mirrorrecord",
            name="revision",
            field=models.BigIntegerField(
                default=0,
                editable=False,
                help_text="Set by the database on every write (see identity_app/mirror_index.py); never by Django.",
            ),
        ),
        migrations.AddIndex(
            model_name="mirrorrecord",
            index=models.Index(fields=["connection", "object_name", "revision"], name="mirror_revision_idx"),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
