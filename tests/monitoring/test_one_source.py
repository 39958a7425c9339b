"""Every number from one source: the overview tile, its chart, the alert and the weekly report read the same
hourly measurement; generated demo history is labelled as such and anchored to the live measurement."""

from datetime import timedelta

from monitoring_app import dashboards, demo, selectors, services
from monitoring_app.alerts import format_unit
from monitoring_app.models import Alert, AlertKind, AlertRule, Metric, MetricPoint
from tests.monitoring.conftest import NOW


def _no_budget(connection):
    return None


def _measure_three_of_four_written(build):
    for status in ("written_verified", "written_verified", "written", "dead_lettered"):
        build.outcome(status)
    services.alert_rules_ensure_defaults()
    AlertRule.objects.filter(kind=AlertKind.WRITE_SUCCESS_LOW).update(threshold=0.9, min_sample_size=1)
    services.monitoring_cycle(now=NOW, budget_reader=_no_budget)


def _overview_parts(flow):
    view = dashboards.overview(now=NOW)
    tile = next(row for row in view["rows"] if row.flow.pk == flow.pk).values["success"]
    traces = view["charts"][0].figure["data"]
    return tile, traces


def test_tile_chart_alert_and_weekly_report_agree(flow, build):
    _measure_three_of_four_written(build)

    tile, traces = _overview_parts(flow)
    chart_last = [y for y in traces[0]["y"] if y is not None][-1]
    alert = Alert.objects.get(kind=AlertKind.WRITE_SUCCESS_LOW, flow=flow)
    weekly = selectors.weekly_report(now=NOW).flows[0].monitored_success

    assert chart_last == alert.value == weekly.value == 0.75
    assert tile == format_unit("rate", 0.75)
    assert not weekly.generated


def test_an_hour_with_nothing_to_measure_keeps_the_tile_on_the_charts_last_value(flow, build):
    _measure_three_of_four_written(build)
    services.monitoring_cycle(now=NOW + timedelta(days=2), budget_reader=_no_budget)  # window now empty
    assert MetricPoint.objects.filter(metric=Metric.WRITE_SUCCESS_RATE, value__isnull=True).exists()

    view = dashboards.overview(now=NOW + timedelta(days=2))
    tile = view["rows"][0].values["success"]
    traces = view["charts"][0].figure["data"]
    assert tile == format_unit("rate", [y for y in traces[0]["y"] if y is not None][-1]) != "—"


def test_generated_history_is_labelled_and_ends_at_the_live_value(flow, build):
    _measure_three_of_four_written(build)
    live = {
        (metric, key): value
        for metric, key, value in MetricPoint.objects.filter(synthetic=False).values_list(
            "metric", "scope_key", "value"
        )
    }
    demo.points_generate(
        flows=[flow], days=3, now=NOW, fields=selectors.mapped_fields([flow]), live=live, baselined=set()
    )

    tile, traces = _overview_parts(flow)
    names = [trace["name"] for trace in traces]
    assert names == ["lead scores (generated demo history)", "lead scores"]
    assert tile == format_unit("rate", 0.75)  # the measured hour, not the generated ones
    generated = MetricPoint.objects.filter(synthetic=True, metric=Metric.WRITE_SUCCESS_RATE)
    mean = sum(p.value for p in generated) / generated.count()
    assert abs(mean - 0.75) < 0.02  # the history wanders around the live value, not a made-up 97 %
    assert not MetricPoint.objects.filter(metric__in=[Metric.PSI, Metric.KS]).exists()  # no baseline, no PSI
    weekly = selectors.weekly_report(now=NOW).flows[0].monitored_success
    assert weekly.generated and abs(weekly.value - 0.75) < 0.02


def test_the_flow_page_says_drift_in_words_with_psi_and_ks_explained(flow, build, users, client):
    from django.urls import reverse
    from django.utils import timezone

    now = timezone.now()
    for n in range(40):
        build.outcome("written_verified", raw=n, at=now - timedelta(days=2, minutes=n))
        build.outcome("written_verified", raw=60 + n, at=now - timedelta(hours=1, minutes=n))
    services.baseline_set(
        flow=flow,
        field_name="ai_lead_score",
        period_start=now - timedelta(days=3),
        period_end=now - timedelta(days=1),
        actor=users["admin"],
    )
    client.force_login(users["viewer"])
    html = client.get(reverse("monitoring:flow", args=[flow.pk])).content.decode()
    assert "<strong>Drift: the score distribution has moved</strong> (PSI" in html
    assert "above 0.2 is a real shift" in html and "What are PSI and KS?" in html
