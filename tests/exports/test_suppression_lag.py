"""Suppression lag as a monitored metric: one row per withdrawal delivered (opt-out recorded in the CRM to
delivery), the hourly p95 per destination on the monitoring overview, and the alert against the
destination's target, which recovers when the last hour is on time again."""

from datetime import UTC, datetime, timedelta

from django.urls import reverse

from crmhub.exports import reconciliation, selectors
from crmhub.exports.models import Destination, DestinationKind, SuppressionDelivery
from monitoring_app.models import Alert, AlertKind, AlertStatus
from tests import factories


def opt_out(world, crm_id: str, *, wait_seconds: float) -> datetime:
    world.account.rep_edit("contacts", crm_id, {"hs_email_optout": "true"})
    withdrawn_at = world.sandbox.clock.now()
    world.advance(wait_seconds)
    world.cycle("contacts")
    return withdrawn_at


def test_each_withdrawal_keeps_its_lag_and_a_late_hour_opens_the_alert_until_an_hour_on_time(export_world):
    world = export_world
    world.destination.purposes = ["email_marketing"]
    world.destination.suppression_target_seconds = 300
    world.destination.save()
    first, second = (str(i) for i in world.account.record_ids("contacts")[:2])
    for crm_id in (first, second):
        world.account.rep_edit("contacts", crm_id, {"hs_email_optout": "false"})
    world.advance(60)
    world.cycle("contacts")

    withdrawn_at = opt_out(world, first, wait_seconds=90)  # polling caught it within the target
    on_time = SuppressionDelivery.objects.get(destination=world.destination, crm_id=first)
    assert on_time.withdrawn_at == withdrawn_at and 90 <= on_time.lag_seconds < 120
    assert not Alert.objects.filter(kind=AlertKind.SUPPRESSION_LAG, status=AlertStatus.OPEN).exists()

    opt_out(world, second, wait_seconds=900)  # a quarter of an hour: the webhook never came
    late = SuppressionDelivery.objects.get(destination=world.destination, crm_id=second)
    assert late.lag_seconds >= 900
    alert = Alert.objects.get(kind=AlertKind.SUPPRESSION_LAG, status=AlertStatus.OPEN)
    assert alert.connection == world.connection
    assert alert.value == late.lag_seconds - 300  # the p95 of [~90 s, ~900 s] is the late one
    assert "above the target of 300 s" in alert.message and world.destination.name in alert.message

    world.advance(2 * 3600)  # the cron's judgement: no withdrawal in the last hour, the alert recovers
    reconciliation.export_alerts_evaluate(destination=world.destination)
    alert.refresh_from_db()
    assert alert.status == AlertStatus.RESOLVED


def test_hourly_p95_is_computed_per_destination_and_hour(db):
    connection = factories.make_connection(name="crm")
    one = Destination.objects.create(name="one", kind=DestinationKind.CDP, suppression_target_seconds=60)
    two = Destination.objects.create(name="two", kind=DestinationKind.CDP)
    hour = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    rows = [(one, hour + timedelta(minutes=n), float(10 + n)) for n in range(20)]  # lags 10..29
    rows += [(one, hour + timedelta(hours=1, minutes=5), 500.0), (two, hour + timedelta(minutes=1), 7.0)]
    for destination, delivered_at, lag in rows:
        SuppressionDelivery.objects.create(
            destination=destination,
            connection=connection,
            object_name="contacts",
            crm_id=f"{destination.pk}-{delivered_at:%H%M}",
            withdrawn_at=delivered_at - timedelta(seconds=lag),
            delivered_at=delivered_at,
            lag_seconds=lag,
        )
    hours = selectors.suppression_lag_hours(since=hour - timedelta(hours=1))
    found = {(h.destination_name, h.hour.hour): (h.p95_seconds, h.withdrawals) for h in hours}
    assert found == {("one", 10): (28.0, 20), ("two", 10): (7.0, 1), ("one", 11): (500.0, 1)}
    assert selectors.suppression_lag_p95(destination=one, since=hour) == (29.0, 21)


def test_the_monitoring_overview_charts_the_hourly_p95_and_flags_a_late_destination(client, db):
    users = factories.role_users()
    connection = factories.make_connection(name="crm")
    cdp = Destination.objects.create(
        name="segment-prod", kind=DestinationKind.CDP, suppression_target_seconds=120
    )
    Destination.objects.create(name="quiet-warehouse", kind=DestinationKind.WAREHOUSE)
    now = datetime.now(UTC)
    SuppressionDelivery.objects.create(
        destination=cdp,
        connection=connection,
        object_name="contacts",
        crm_id="1",
        withdrawn_at=now - timedelta(seconds=700),
        delivered_at=now,
        lag_seconds=700.0,
    )
    client.force_login(users["viewer"])
    html = client.get(reverse("monitoring:overview")).content.decode()
    assert 'id="suppression-lag"' in html and "hourly p95 lag" in html  # the chart and its data
    assert '"segment-prod"' in html  # the series of the destination that received withdrawals
    assert '<tr data-late="yes">' in html and "12 min" in html  # 700 s, above its 120 s target
    assert "quiet-warehouse" in html
