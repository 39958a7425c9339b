"""Sync runs, trigger executions and webhook events become job records (crmhub/core/jobs.py): the missing
job fields are added, webhook events' processed_at is their finished_at, a processing failure moves from
status_reason to error, and sync run logs take the one log format ({"at", "event", "detail"})."""

from django.db import migrations, models

BATCH = 500


def sync_run_logs_to_events(apps, schema_editor):
    SyncRun = apps.get_model("sync", "SyncRun")
    runs = SyncRun.objects.exclude(log=[]).only("pk", "log")
    for run in runs.iterator(chunk_size=BATCH):
        if all("event" in line for line in run.log):
            continue
        run.log = [_event_line(line) for line in run.log]
        run.save(update_fields=["log"])


def _event_line(line: dict) -> dict:
    if "event" in line:
        return line
    return {"at": line.get("at", ""), "event": "note", "detail": str(line.get("message", ""))}


def sync_run_logs_to_messages(apps, schema_editor):
    SyncRun = apps.get_model("sync", "SyncRun")
    for run in SyncRun.objects.exclude(log=[]).only("pk", "log").iterator(chunk_size=BATCH):
        run.log = [
            {
                "at": line.get("at", ""),
                "message": " ".join(filter(None, [line.get("event"), line.get("detail")])),
            }
            for line in run.log
        ]
        run.save(update_fields=["log"])


def webhook_failures_to_error(apps, schema_editor):
    WebhookEvent = apps.get_model("sync", "WebhookEvent")
    failed = WebhookEvent.objects.filter(status_reason__startswith="Refresh failed")
    for event in failed.only("pk", "status_reason").iterator(chunk_size=BATCH):
        event.error, event.status_reason = event.status_reason, ""
        event.save(update_fields=["error", "status_reason"])


def webhook_failures_to_status_reason(apps, schema_editor):
    WebhookEvent = apps.get_model("sync", "WebhookEvent")
    for event in WebhookEvent.objects.exclude(error="").only("pk", "error").iterator(chunk_size=BATCH):
        event.status_reason, event.error = event.error[:500], ""
        event.save(update_fields=["error", "status_reason"])


class Migration(migrations.Migration):
    dependencies = [
        ("sync", "0006_inbound_record_in_writeback_app"),
    ]

    operations = [
        migrations.RenameField(
            model_name="webhookevent",
            old_name="processed_at",
            new_name="finished_at",
        ),
        migrations.AddField(
            model_name="syncrun",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="syncrun",
            name="next_attempt_at",
            field=models.DateTimeField(blank=True, help_text="When the next attempt is due.", null=True),
        ),
        migrations.AddField(
            model_name="triggerexecution",
            name="started_at",
            field=models.DateTimeField(blank=True, help_text="Start of the latest attempt.", null=True),
        ),
        migrations.AddField(
            model_name="webhookevent",
            name="error",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="webhookevent",
            name="log",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name="webhookevent",
            name="next_attempt_at",
            field=models.DateTimeField(blank=True, help_text="When the next attempt is due.", null=True),
        ),
        migrations.AddField(
            model_name="webhookevent",
            name="started_at",
            field=models.DateTimeField(blank=True, help_text="Start of the latest attempt.", null=True),
        ),
        migrations.AlterField(
            model_name="syncrun",
            name="started_at",
            field=models.DateTimeField(blank=True, help_text="Start of the latest attempt.", null=True),
        ),
        migrations.AlterField(
            model_name="triggerexecution",
            name="next_attempt_at",
            field=models.DateTimeField(blank=True, help_text="When the next attempt is due.", null=True),
        ),
        migrations.AlterField(
            model_name="webhookevent",
            name="status_reason",
            field=models.CharField(
                blank=True,
                help_text="Why the event was ignored (processing errors are in error).",
                max_length=500,
            ),
        ),
        migrations.RunPython(sync_run_logs_to_events, sync_run_logs_to_messages),
        migrations.RunPython(webhook_failures_to_error, webhook_failures_to_status_reason),
    ]
