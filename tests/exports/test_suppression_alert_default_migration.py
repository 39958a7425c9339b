"""Installs from before the suppression lag alert changed meaning get its new default threshold (0 s over
the destination's target) unless an admin chose a threshold; the migration says so in the rule's history
and can be reversed."""

import importlib
from datetime import UTC, datetime

import pytest

from tests.database import migrate_to

BEFORE = [("monitoring_app", "0005_channel_kinds_and_routing")]
AFTER = [("monitoring_app", "0006_suppression_lag_alert_new_default")]
AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def old_rule(apps, *, threshold: float, edits: tuple[float, ...] = ()):
    """The shipped rule (bulk-created: no history row) and the edits an admin saved, oldest first."""
    AlertRule = apps.get_model("monitoring_app", "AlertRule")
    [rule] = AlertRule.objects.bulk_create(
        [AlertRule(kind="suppression_lag", comparison="above", threshold=threshold)]
    )
    history = apps.get_model("monitoring_app", "HistoricalAlertRule").objects
    for value in edits:
        history.create(
            id=rule.pk, kind=rule.kind, comparison="above", threshold=value, min_sample_size=0, enabled=True,
            history_date=AT, history_type="~", history_change_reason="threshold edited",
        )  # fmt: skip
    return rule


@pytest.mark.django_db(transaction=True)
def test_a_never_edited_rule_gets_the_new_default_and_the_history_says_why(latest_schema_afterwards):
    rule = old_rule(migrate_to(BEFORE), threshold=300.0)
    other = (
        migrate_to(BEFORE)
        .get_model("monitoring_app", "AlertRule")
        .objects.create(kind="error_rate_high", threshold=300.0)
    )

    new = migrate_to(AFTER)
    rules = new.get_model("monitoring_app", "AlertRule").objects
    assert rules.get(pk=rule.pk).threshold == 0.0
    assert rules.get(pk=other.pk).threshold == 300.0  # other kinds keep theirs
    last = new.get_model("monitoring_app", "HistoricalAlertRule").objects.filter(id=rule.pk).get()
    assert (last.threshold, last.history_type) == (0.0, "~")
    assert "new default" in last.history_change_reason

    back = migrate_to(BEFORE)
    assert back.get_model("monitoring_app", "AlertRule").objects.get(pk=rule.pk).threshold == 300.0
    assert not back.get_model("monitoring_app", "HistoricalAlertRule").objects.filter(id=rule.pk).exists()


def run_migration_on_current_models():
    """The migration's function over today's models (the same fields): the cases below without migrating
    the database back and forth."""
    from django.apps import apps

    module = importlib.import_module("monitoring_app.migrations.0006_suppression_lag_alert_new_default")
    module.to_new_default(apps, None)
    return apps


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("threshold", "edits", "after"),
    [
        (120.0, (120.0,), 120.0),  # an admin lowered it
        (300.0, (600.0, 300.0), 300.0),  # an admin tried another value and chose 300 again
        (45.0, (), 45.0),  # set outside the hub's forms (no history): not the old default
        (300.0, (300.0,), 0.0),  # an edit that left the threshold alone (the sample size, say)
    ],
)
def test_a_threshold_an_admin_chose_is_kept(threshold, edits, after):
    from django.apps import apps

    rule = old_rule(apps, threshold=threshold, edits=edits)

    run_migration_on_current_models()
    rule.refresh_from_db()
    assert rule.threshold == after
    history = apps.get_model("monitoring_app", "HistoricalAlertRule").objects.filter(id=rule.pk)
    said = history.filter(history_change_reason__contains="new default").exists()
    assert said is (after != threshold)
