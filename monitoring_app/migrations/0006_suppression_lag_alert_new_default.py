"""The suppression lag alert changed meaning (issue 18): it used to compare the longest withdrawal's lag in
seconds with a shipped threshold of 300; it now compares the seconds by which the last hour's p95 lag exceeds
each destination's own target, with a shipped threshold of 0. A rule still holding the old default would
stay silent until withdrawals ran five minutes past their target, so installs that never chose a threshold
get the new default. A rule whose threshold an admin ever set (its history shows another value, or it differs
from the old default now) keeps it."""

from django.db import migrations
from django.utils import timezone

KIND = "suppression_lag"
OLD_DEFAULT = 300.0
NEW_DEFAULT = 0.0
REASON = "new default threshold (migration)"


def _never_chosen(rule, history) -> bool:
    thresholds = set(history.filter(id=rule.pk).values_list("threshold", flat=True))
    return thresholds <= {OLD_DEFAULT}


def to_new_default(apps, schema_editor):
    AlertRule = apps.get_model("monitoring_app", "AlertRule")
    history = apps.get_model("monitoring_app", "HistoricalAlertRule").objects
    for rule in AlertRule.objects.filter(kind=KIND, threshold=OLD_DEFAULT):
        if not _never_chosen(rule, history):
            continue
        rule.threshold = NEW_DEFAULT
        rule.save(update_fields=["threshold", "updated_at"])
        history.create(
            id=rule.pk,
            kind=rule.kind,
            flow_id=rule.flow_id,
            metric=rule.metric,
            comparison=rule.comparison,
            threshold=rule.threshold,
            min_sample_size=rule.min_sample_size,
            enabled=rule.enabled,
            history_date=timezone.now(),
            history_type="~",
            history_change_reason=REASON,
        )


def to_old_default(apps, schema_editor):
    """Back to the old default where this migration set the new one and nobody changed it since."""
    AlertRule = apps.get_model("monitoring_app", "AlertRule")
    history = apps.get_model("monitoring_app", "HistoricalAlertRule").objects
    for rule in AlertRule.objects.filter(kind=KIND, threshold=NEW_DEFAULT):
        last = history.filter(id=rule.pk).order_by("-history_date", "-history_id").first()
        if last is not None and last.history_change_reason == REASON:
            rule.threshold = OLD_DEFAULT
            rule.save(update_fields=["threshold", "updated_at"])
            last.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring_app", "0005_channel_kinds_and_routing"),
    ]

    operations = [migrations.RunPython(to_new_default, to_old_default)]
