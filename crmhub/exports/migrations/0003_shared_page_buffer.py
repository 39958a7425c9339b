"""The buffer keeps each page the sync read committed once (ExportPage), and each destination a batch
pointing at it; batches waiting before this migration move their records onto a page of their own."""

import django.core.serializers.json
import django.db.models.deletion
from django.db import migrations, models


def batches_to_pages(apps, schema_editor):
    ExportBatch = apps.get_model("exports", "ExportBatch")
    ExportPage = apps.get_model("exports", "ExportPage")
    for batch in ExportBatch.objects.order_by("pk").iterator():
        batch.page = ExportPage.objects.create(
            connection_id=batch.connection_id,
            object_name=batch.object_name,
            sync_run_id=batch.sync_run_id,
            records=batch.records,
            gone=batch.gone,
        )
        batch.save(update_fields=["page"])


class Migration(migrations.Migration):
    dependencies = [
        ("crmhub", "0009_writeback_models_moved_out"),
        ("exports", "0002_stage_seen"),
        ("sync", "0007_job_records"),
    ]

    operations = [
        migrations.CreateModel(
            name="ExportPage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("object_name", models.CharField(max_length=100)),
                (
                    "records",
                    models.JSONField(
                        default=list,
                        encoder=django.core.serializers.json.DjangoJSONEncoder,
                        help_text="[{id, modified_at, values}] as read.",
                    ),
                ),
                (
                    "gone",
                    models.JSONField(
                        default=list, help_text="[{id, deleted_at, merged_into}]: deletes and merges."
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "connection",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="crmhub.crmconnection",
                    ),
                ),
                (
                    "sync_run",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="sync.syncrun",
                    ),
                ),
            ],
            options={"ordering": ["id"]},
        ),
        migrations.AddField(
            model_name="exportbatch",
            name="page",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="batches",
                to="exports.exportpage",
            ),
        ),
        migrations.RunPython(batches_to_pages, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="exportbatch",
            name="page",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="batches", to="exports.exportpage"
            ),
        ),
        migrations.RemoveField(model_name="exportbatch", name="connection"),
        migrations.RemoveField(model_name="exportbatch", name="gone"),
        migrations.RemoveField(model_name="exportbatch", name="object_name"),
        migrations.RemoveField(model_name="exportbatch", name="records"),
        migrations.RemoveField(model_name="exportbatch", name="sync_run"),
    ]
