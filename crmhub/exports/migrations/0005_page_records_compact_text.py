"""Buffered pages' records become compact text (crmhub/exports/page_codec.py): the sync writes one per page in
its own transaction, and jsonb made PostgreSQL parse and re-encode ~0.5 MB per page on that hot path. On a
PostgreSQL built with lz4 the column is compressed with it (faster than the default pglz at a similar size)."""

from django.db import migrations

import crmhub.exports.models

LZ4_AVAILABLE = (
    "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
)


def compress_with_lz4(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(LZ4_AVAILABLE)
        if cursor.fetchone() is None:
            return
    schema_editor.execute("ALTER TABLE exports_exportpage ALTER COLUMN records SET COMPRESSION lz4")


class Migration(migrations.Migration):
    dependencies = [
        ("exports", "0004_suppression_delivery"),
    ]

    operations = [
        migrations.AlterField(
            model_name="exportpage",
            name="records",
            field=crmhub.exports.models.PageRecordsField(
                default=list, help_text="[{id, modified_at, values}] as read (compact text)."
            ),
        ),
        migrations.RunPython(compress_with_lz4, migrations.RunPython.noop),
    ]
