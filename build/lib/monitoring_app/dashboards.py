"""What the dashboards show, assembled from the pre-aggregated points in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from mappings_app.models import Flow
from monitoring_app import charts, metrics, selectors
from monitoring_app.alerts import format_unit
from monitoring_app.models import Alert, AlertStatus, Metric, MetricPoint, Scope

RECENT = timedelta(hours=3)
OVERVIEW_DAYS = 7
RANGES = (1, 7, 30, 90)
DAILY_FROM_DAYS = 30
OVERVIEW_METRICS = (
    Metric.WRITE_SUCCESS_RATE,
    Metric.ERROR_RATE,
    Metric.UNMATCHED_RATE,
    Metric.REVIEW_BACKLOG,
    Metric.SYNC_FRESHNESS,
    Metric.PSI,
    Metric.API_BUDGET_USED,
)


@dataclass
class FlowRow:
    flow: Flow
    light: str
    open_alerts: int
    acknowledged_alerts: int
    values: dict[str, str] = field(default_factory=dict)


@dataclass
class ConnectionRow:
    connection: object
    budget: str
    freshness: list[tuple[str, str]]
    light: str


def _latest_by_scope(points: list[MetricPoint]) -> dict[tuple[str, str], MetricPoint]:
    latest = {}
    for point in points:  # ordered by bucket: the last one wins
        latest[(point.metric, point.scope_key)] = point
    return latest


def flow_lights(*, flows: list[Flow], alerts: list[Alert], has_data: set[int]) -> dict[int, str]:
    open_by_flow, ack_by_flow = _alert_counts(flows, alerts)
    return {
        flow.pk: metrics.traffic_light(
            open_alerts=open_by_flow[flow.pk],
            acknowledged_alerts=ack_by_flow[flow.pk],
            has_data=flow.pk in has_data,
        )
        for flow in flows
    }


def _alert_counts(flows, alerts):
    """Alerts of a flow, plus its connection's and its CRM object's alerts (they stop the flow too)."""
    open_by_flow: dict[int, int] = defaultdict(int)
    ack_by_flow: dict[int, int] = defaultdict(int)
    for flow in flows:
        object_key = selectors.object_key(flow.connection_id, flow.crm_object.name)
        for alert in alerts:
            applies = alert.flow_id == flow.pk or (
                alert.flow_id is None
                and alert.connection_id == flow.connection_id
                and alert.scope_key in (object_key, selectors.connection_key(flow.connection_id))
            )
            if not applies:
                continue
            if alert.status == AlertStatus.OPEN:
                open_by_flow[flow.pk] += 1
            else:
                ack_by_flow[flow.pk] += 1
    return open_by_flow, ack_by_flow


def overview(*, now: datetime) -> dict:
    flows = list(Flow.objects.select_related("connection", "crm_object"))
    points = selectors.latest_points(
        since=now - timedelta(days=OVERVIEW_DAYS), metrics_wanted=OVERVIEW_METRICS
    )
    alerts = list(selectors.unresolved_alerts())
    # A tile shows the last measured value of the very series its chart draws (an hour with nothing to
    # measure keeps the value before it), so a tile and its chart never disagree.
    latest = _latest_by_scope([p for p in points if p.value is not None])
    has_data = {p.flow_id for p in points if p.flow_id and p.bucket_start >= now - RECENT}
    lights = flow_lights(flows=flows, alerts=alerts, has_data=has_data)
    open_by_flow, ack_by_flow = _alert_counts(flows, alerts)
    rows = [
        _flow_row(flow, latest, lights[flow.pk], open_by_flow[flow.pk], ack_by_flow[flow.pk])
        for flow in flows
    ]
    success_series = {
        flow.name: [p for p in points if p.metric == Metric.WRITE_SUCCESS_RATE and p.flow_id == flow.pk]
        for flow in flows
    }
    chart = charts.time_series(
        "chart-success",
        f"Write success rate, last {OVERVIEW_DAYS} days",
        success_series,
        y_title="success",
        percent=True,
    )
    return {
        "rows": rows,
        "connections": _connection_rows(flows, latest, alerts),
        "alerts": alerts,
        "charts": [chart] if flows else [],
    }


def _value(latest, metric, key, unit) -> str:
    point = latest.get((metric, key))
    if point is None:
        return "—"
    return format_unit(unit, point.value) + (" (generated)" if point.synthetic else "")


def _flow_row(flow, latest, light, open_alerts, ack_alerts) -> FlowRow:
    key = selectors.flow_key(flow.pk)
    drift = [
        p.value
        for (metric, _), p in latest.items()
        if metric == Metric.PSI and p.flow_id == flow.pk and p.value is not None
    ]
    return FlowRow(
        flow,
        light,
        open_alerts,
        ack_alerts,
        {
            "success": _value(latest, Metric.WRITE_SUCCESS_RATE, key, "rate"),
            "errors": _value(latest, Metric.ERROR_RATE, key, "rate"),
            "unmatched": _value(latest, Metric.UNMATCHED_RATE, key, "rate"),
            "backlog": _value(latest, Metric.REVIEW_BACKLOG, key, "count"),
            "freshness": _value(
                latest,
                Metric.SYNC_FRESHNESS,
                selectors.object_key(flow.connection_id, flow.crm_object.name),
                "seconds",
            ),
            "drift": format_unit("index", max(drift)) if drift else "—",
        },
    )


def _connection_rows(flows, latest, alerts) -> list[ConnectionRow]:
    connections = {flow.connection_id: flow.connection for flow in flows}
    rows = []
    for connection in connections.values():
        freshness = sorted(
            (point.object_name, format_unit("seconds", point.value))
            for (metric, _), point in latest.items()
            if metric == Metric.SYNC_FRESHNESS and point.connection_id == connection.pk
        )
        mine = [a for a in alerts if a.connection_id == connection.pk and a.flow_id is None]
        light = metrics.traffic_light(
            open_alerts=sum(a.status == AlertStatus.OPEN for a in mine),
            acknowledged_alerts=sum(a.status == AlertStatus.ACKNOWLEDGED for a in mine),
            has_data=bool(freshness)
            or (Metric.API_BUDGET_USED, selectors.connection_key(connection.pk)) in latest,
        )
        budget = _value(latest, Metric.API_BUDGET_USED, selectors.connection_key(connection.pk), "rate")
        rows.append(ConnectionRow(connection, budget, freshness, light))
    return rows


# -- one flow --------------------------------------------------------------------------------------------


def _series(points, metric, scope=None) -> list[MetricPoint]:
    return [p for p in points if p.metric == metric and (scope is None or p.scope == scope)]


def _per_field(points, metric) -> dict[str, list[MetricPoint]]:
    by_field: dict[str, list[MetricPoint]] = defaultdict(list)
    for point in points:
        if point.metric == metric:
            by_field[point.field_name].append(point)
    return dict(sorted(by_field.items()))


def flow_dashboard(*, flow: Flow, days: int, now: datetime, drift_threshold: float) -> dict:
    points = selectors.points_for_flow(flow=flow, since=now - timedelta(days=days))
    daily = days > DAILY_FROM_DAYS
    ts = charts.time_series
    chart_list = [
        ts(
            "chart-writes",
            "Write outcomes",
            {
                "success": _series(points, Metric.WRITE_SUCCESS_RATE),
                "errors": _series(points, Metric.ERROR_RATE),
                "skipped": _series(points, Metric.SKIP_RATE),
                "conflicts": _series(points, Metric.CONFLICT_RATE),
            },
            percent=True,
            daily=daily,
        ),
        ts(
            "chart-verification",
            "Verification failures (silent no-ops, 24 h)",
            {"failures": _series(points, Metric.VERIFICATION_FAILURES)},
            y_title="values",
            daily=daily,
        ),
        ts(
            "chart-identity",
            "Identity: join coverage and unmatched rate",
            {
                "join coverage": _series(points, Metric.JOIN_COVERAGE),
                "unmatched": _series(points, Metric.UNMATCHED_RATE),
            },
            percent=True,
            daily=daily,
        ),
        ts(
            "chart-backlog",
            "Review backlog",
            {"open items": _series(points, Metric.REVIEW_BACKLOG)},
            y_title="items",
            daily=daily,
        ),
        ts(
            "chart-freshness",
            f"Sync freshness of {flow.crm_object.name}",
            {"hours since last successful sync": _series(points, Metric.SYNC_FRESHNESS, Scope.OBJECT)},
            y_title="hours",
            scale=1 / 3600,
            daily=daily,
        ),
        ts(
            "chart-volume",
            "Records read per run",
            {"records": _series(points, Metric.SYNC_VOLUME, Scope.OBJECT)},
            y_title="records",
            daily=daily,
        ),
        ts(
            "chart-nulls",
            "Null rate per mapped field",
            _per_field(points, Metric.NULL_RATE),
            percent=True,
            daily=daily,
        ),
        ts(
            "chart-age",
            "Age of the newest AI-written value",
            _per_field(points, Metric.AI_VALUE_AGE),
            y_title="hours",
            scale=1 / 3600,
            daily=daily,
        ),
        ts(
            "chart-psi",
            "Score drift (PSI vs baseline)",
            _per_field(points, Metric.PSI),
            y_title="PSI",
            daily=daily,
            threshold=drift_threshold,
        ),
        ts(
            "chart-ks",
            "Score drift (KS statistic vs baseline)",
            _per_field(points, Metric.KS),
            y_title="KS",
            daily=daily,
        ),
    ]
    return {"charts": chart_list, "point_count": len(points)}


def distribution_charts(*, flow: Flow, numeric_fields: list[str], now: datetime) -> list[dict]:
    """Per numeric AI field: the baseline, the last 24 hours, and the chart of both (when there is data)."""
    baselines = selectors.active_baselines([flow.pk])
    found = []
    for name in numeric_fields:
        baseline = baselines.get((flow.pk, name))
        current = selectors.current_distribution(flow=flow, field_name=name, now=now)
        entry = {
            "field": name,
            "baseline": baseline,
            "current_size": len(current),
            "chart": None,
            "psi": None,
            "ks": None,
        }
        if baseline is not None and baseline.values and current:
            entry["chart"] = charts.distribution(
                f"chart-dist-{len(found)}", f"{name}: now vs baseline", baseline.values, current
            )
            entry["psi"] = metrics.psi_of_samples(baseline.values, current)
            entry["ks"] = metrics.ks_statistic(baseline.values, current)
        found.append(entry)
    return found
