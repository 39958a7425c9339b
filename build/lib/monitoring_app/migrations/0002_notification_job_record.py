"""Alert notifications become job records (crmhub/core/jobs.py): sent_at is their finished_at, and they gain
a next attempt time (backoff between retries), a start time and a log. Every row is kept."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring_app", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(
            model_name="alertnotification",
            old_name="sent_at",
            new_name="finished_at",
        ),
        migrations.AddField(
            model_name="alertnotification",
            name="log",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name="alertnotification",
            name="next_attempt_at",
            field=models.DateTimeField(blank=True, help_text="When the next attempt is due.", null=True),
        ),
        migrations.AddField(
            model_name="alertnotification",
            name="started_at",
            field=models.DateTimeField(blank=True, help_text="Start of the latest attempt.", null=True),
        ),
        migrations.AlterField(
            model_name="alertnotification",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AlterField(
            model_name="alertnotification",
            name="error",
            field=models.TextField(blank=True),
        ),
    ]
