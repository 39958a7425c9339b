"""Every phone number of a mirror record (an office line and a mobile), not only the first.

On SQLite, adding a column with a default rebuilds the table, which drops its revision triggers (0008): they
are created again here. PostgreSQL adds the column in place and keeps its trigger.
"""

import importlib

from django.db import migrations, models

_revision = importlib.import_module("identity_app.migrations.0008_mirror_record_revision")


def sqlite_triggers_again(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        _revision._run(schema_editor, _revision.SQLITE_DROP + _revision.SQLITE_TRIGGERS)


class Migration(migrations.Migration):
    dependencies = [
        ("identity_app", "0011_contradiction_checks_help_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="mirrorrecord",
            name="phones",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="Every E.164 number of the record (office line, mobile, ...).",
            ),
        ),
        migrations.RunPython(sqlite_triggers_again, migrations.RunPython.noop),
    ]
