"""Metrics measured from constructed rows at a frozen time, and stored as hourly points."""

from datetime import timedelta

import pytest

from crmhub.writeback.models import FailureKind
from identity_app.models import ReviewItem
from monitoring_app import selectors, services
from monitoring_app.models import DistributionBaseline, Metric, MetricPoint
from tests.monitoring.conftest import NOW


def _by_metric(measurements, scope_key):
    return {m.metric: m for m in measurements if m.scope_key == scope_key}


def test_outcome_rates_and_silent_no_ops_of_a_flow(flow, build):
    for _ in range(6):
        build.outcome("written_verified")
    build.outcome("written")
    build.outcome("dead_lettered", failure_kind=FailureKind.VERIFICATION_MISMATCH)
    build.outcome("rejected")
    build.outcome("skipped")
    build.outcome("conflict")
    build.outcome("written", at=NOW - timedelta(days=2))  # outside the 24 h window
    found = _by_metric(selectors.measurements_now(now=NOW), selectors.flow_key(flow.pk))
    assert found[Metric.VERIFICATION_FAILURES].value == 1
    # A no-op caught by verification and re-sent until the CRM held it is a silent no-op all the same.
    build.outcome("written_verified", request_summary={"last_failure": FailureKind.VERIFICATION_MISMATCH})
    build.outcome("written_verified", request_summary={"last_failure": FailureKind.TRANSIENT_EXHAUSTED})
    found = _by_metric(selectors.measurements_now(now=NOW), selectors.flow_key(flow.pk))
    assert found[Metric.VERIFICATION_FAILURES].value == 2
    assert found[Metric.WRITE_SUCCESS_RATE].value == pytest.approx(9 / 11)
    assert found[Metric.WRITE_SUCCESS_RATE].sample_size == 11
    assert found[Metric.ERROR_RATE].value == pytest.approx(2 / 11)
    assert found[Metric.SKIP_RATE].value == pytest.approx(1 / 13)
    assert found[Metric.CONFLICT_RATE].value == pytest.approx(1 / 13)


def test_join_coverage_unmatched_rate_and_review_backlog_age(flow, build):
    for _ in range(3):
        build.inbound(status="completed", crm_id="c1")
    build.inbound(status="held_for_review", crm_id="")
    build.inbound(status="rejected", crm_id="")  # never accepted: not counted
    ReviewItem.objects.create(
        flow=flow, source_system="lead_scorer", external_id="x", reason="no_match", payload={}
    )
    ReviewItem.objects.filter(external_id="x").update(created_at=NOW - timedelta(hours=5))
    found = _by_metric(selectors.measurements_now(now=NOW), selectors.flow_key(flow.pk))
    assert found[Metric.JOIN_COVERAGE].value == pytest.approx(0.75)
    assert found[Metric.UNMATCHED_RATE].value == pytest.approx(0.25)
    assert found[Metric.REVIEW_BACKLOG].value == 1
    assert found[Metric.REVIEW_BACKLOG_AGE].value == 5 * 3600


def test_sync_freshness_and_volume_deviation_at_a_frozen_time(flow, build):
    for hours, read in ((10, 100), (8, 100), (6, 100), (3, 300)):
        build.sync_run(finished_at=NOW - timedelta(hours=hours), records_read=read)
    build.sync_run(status="failed", finished_at=NOW - timedelta(minutes=5))
    found = _by_metric(
        selectors.measurements_now(now=NOW), selectors.object_key(flow.connection_id, "contacts")
    )
    assert found[Metric.SYNC_FRESHNESS].value == 3 * 3600
    assert found[Metric.SYNC_VOLUME].value == 300
    assert found[Metric.VOLUME_DEVIATION].value == pytest.approx(2.0)


def test_null_rate_and_age_of_ai_values_from_companion_timestamps(flow, build):
    stamp = (NOW - timedelta(hours=30)).isoformat()
    build.outcome("written", raw=None, at=NOW - timedelta(hours=2), companion_value=stamp)
    build.outcome(
        "written",
        raw=10,
        at=NOW - timedelta(hours=3),
        companion_value=(NOW - timedelta(hours=40)).isoformat(),
    )
    build.outcome("skipped", raw="", at=NOW - timedelta(hours=3))
    build.outcome("written", raw=12, at=NOW - timedelta(hours=4))
    found = _by_metric(selectors.measurements_now(now=NOW), selectors.field_key(flow.pk, "ai_lead_score"))
    assert found[Metric.NULL_RATE].value == pytest.approx(0.5)
    assert found[Metric.FIELD_UPDATES].value == 3
    assert found[Metric.AI_VALUE_AGE].value == 30 * 3600


def test_psi_and_ks_against_the_chosen_baseline(flow, build, users):
    for value in range(100):
        build.outcome("written", raw=value, at=NOW - timedelta(days=3))
    baseline = services.baseline_set(
        flow=flow,
        field_name="ai_lead_score",
        period_start=NOW - timedelta(days=4),
        period_end=NOW - timedelta(days=2),
        actor=users["admin"],
    )
    assert baseline.sample_size == 100 and baseline.values[0] == 0 and baseline.values[-1] == 99
    for value in range(50, 150):
        build.outcome("written", raw=value, at=NOW - timedelta(hours=1))
    found = _by_metric(selectors.measurements_now(now=NOW), selectors.field_key(flow.pk, "ai_lead_score"))
    assert found[Metric.KS].value == pytest.approx(0.5)
    expected_psi = __import__("monitoring_app.metrics", fromlist=["x"]).psi_of_samples(
        [float(v) for v in range(100)], [float(v) for v in range(50, 150)]
    )
    assert found[Metric.PSI].value == pytest.approx(expected_psi)
    assert found[Metric.PSI].value > 0.2


def test_only_one_active_baseline_per_field_and_viewers_cannot_choose(flow, build, users):
    for value in range(10):
        build.outcome("written", raw=value, at=NOW - timedelta(days=1, hours=1))
    period = {"period_start": NOW - timedelta(days=2), "period_end": NOW}
    services.baseline_set(flow=flow, field_name="ai_lead_score", actor=users["admin"], **period)
    services.baseline_set(flow=flow, field_name="ai_lead_score", actor=users["admin"], **period)
    assert DistributionBaseline.objects.filter(active=True).count() == 1
    from crmhub.core.errors import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        services.baseline_set(flow=flow, field_name="ai_lead_score", actor=users["viewer"], **period)


def test_api_budget_used_from_the_budget_reader(flow):
    found = selectors.measurements_now(now=NOW, budget_reader=lambda connection: (1000, 150))
    budget = [m for m in found if m.metric == Metric.API_BUDGET_USED]
    assert [m.value for m in budget] == [pytest.approx(0.85)]


def test_a_cycle_stores_one_point_per_metric_and_hour_and_overwrites_within_the_hour(flow, build):
    build.outcome("written")
    services.monitoring_cycle(now=NOW, budget_reader=lambda c: None)
    first = MetricPoint.objects.count()
    build.outcome("dead_lettered")
    services.monitoring_cycle(now=NOW + timedelta(minutes=15), budget_reader=lambda c: None)
    assert MetricPoint.objects.count() == first
    point = MetricPoint.objects.get(metric=Metric.WRITE_SUCCESS_RATE, scope_key=selectors.flow_key(flow.pk))
    assert point.value == pytest.approx(0.5)
    assert point.bucket_start == NOW.replace(minute=0)
