"""Reads: measuring the current state of every scope, and the pre-aggregated series the pages show."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from crmhub.core.timestamps import parse_timestamp_or_none
from crmhub.models import CrmConnection
from crmhub.sync.models import SyncRun, SyncState, SyncStatus
from crmhub.writeback.models import FailureKind, InboundRecord, InboundStatus, OutcomeStatus, WriteOutcome
from identity_app.models import ReviewItem, ReviewStatus
from mappings_app.models import FieldMapping, FieldType, Flow, Owner
from monitoring_app import metrics
from monitoring_app.models import (
    Alert,
    AlertRule,
    AlertStatus,
    DistributionBaseline,
    Metric,
    MetricPoint,
    Scope,
)

logger = logging.getLogger(__name__)

# A silent no-op: the CRM answered a write but did not hold the value. Caught by verification, the value is either
# re-sent (and its outcome may end verified) or dead-lettered: both count.
SILENT_NO_OP = Q(failure_kind=FailureKind.VERIFICATION_MISMATCH) | Q(
    request_summary__last_failure=FailureKind.VERIFICATION_MISMATCH
)

WINDOW = timedelta(hours=24)
AI_VALUE_LOOKBACK = timedelta(days=30)
VOLUME_TRAILING_RUNS = 10
NUMERIC_TYPES = (FieldType.NUMBER, FieldType.INTEGER)
DISTRIBUTION_STATUSES = (OutcomeStatus.WRITTEN_VERIFIED, OutcomeStatus.WRITTEN, OutcomeStatus.SHADOW)
WRITTEN_STATUSES = (OutcomeStatus.WRITTEN_VERIFIED, OutcomeStatus.WRITTEN)
SUCCESSFUL_SYNC = (SyncStatus.COMPLETED, SyncStatus.STOPPED)
UNMATCHED_STATUSES = (InboundStatus.HELD_FOR_REVIEW, InboundStatus.DISMISSED)

# (limit, remaining) of a connection's API budget, or None when it cannot be read.
BudgetReader = Callable[[CrmConnection], "tuple[int, int] | None"]


@dataclass
class Measurement:
    metric: str
    scope: str
    scope_key: str
    connection_id: int
    value: float | None
    sample_size: int = 0
    flow_id: int | None = None
    object_name: str = ""
    field_name: str = ""


def object_key(connection_id: int, object_name: str) -> str:
    return f"object:{connection_id}:{object_name}"


def flow_key(flow_id: int) -> str:
    return f"flow:{flow_id}"


def field_key(flow_id: int, field_name: str) -> str:
    return f"flow:{flow_id}:field:{field_name}"


def connection_key(connection_id: int) -> str:
    return f"connection:{connection_id}"


def redis_budget_reader(connection: CrmConnection) -> tuple[int, int] | None:
    """Used share of the daily budget when the connection has one, else of the burst window."""
    from crmhub.connectors.errors import CrmUnavailable
    from crmhub.connectors.ratelimit import RateBudget, connection_buckets

    buckets = {bucket.name: bucket for bucket in connection_buckets(connection)}
    name = "daily" if "daily" in buckets else "default"
    try:
        remaining = RateBudget.for_connection(connection).remaining(name)
    except (CrmUnavailable, OSError):
        logger.warning("API budget of connection %s could not be read", connection.pk, exc_info=True)
        return None
    return buckets[name].amount, remaining


# -- measuring ------------------------------------------------------------------------------------------


def measurements_now(
    *,
    now: datetime | None = None,
    flows: Iterable[Flow] | None = None,
    budget_reader: BudgetReader | None = None,
) -> list[Measurement]:
    """Every metric of every scope, as of `now`. A fixed number of queries per connection and flow."""
    now = now or timezone.now()
    flow_list = list(flows) if flows is not None else list(Flow.objects.select_related("crm_object"))
    connection_ids = {flow.connection_id for flow in flow_list}
    connections = (
        CrmConnection.objects.all() if flows is None else CrmConnection.objects.filter(pk__in=connection_ids)
    )
    result: list[Measurement] = []
    for connection in connections:
        result += _connection_measurements(connection, now, budget_reader)
    if flow_list:
        result += _flow_measurements(flow_list, now)
    return result


def _connection_measurements(connection, now, budget_reader) -> list[Measurement]:
    found = []
    if budget_reader is not None:
        budget = budget_reader(connection)
        if budget is not None:
            limit, remaining = budget
            found.append(
                Measurement(
                    Metric.API_BUDGET_USED,
                    Scope.CONNECTION,
                    connection_key(connection.pk),
                    connection.pk,
                    metrics.budget_used(limit, remaining),
                    limit,
                )
            )
    last_success = dict(
        SyncRun.objects.filter(connection=connection, status__in=SUCCESSFUL_SYNC)
        .values_list("object_name")
        .annotate(at=Max("finished_at"))
    )
    for state in SyncState.objects.filter(connection=connection, enabled=True):
        key = object_key(connection.pk, state.object_name)
        common = {"scope": Scope.OBJECT, "scope_key": key, "connection_id": connection.pk}
        common["object_name"] = state.object_name
        found.append(
            Measurement(
                Metric.SYNC_FRESHNESS,
                value=metrics.age_seconds(last_success.get(state.object_name), now),
                **common,
            )
        )
        volumes = list(
            SyncRun.objects.filter(state=state, status__in=SUCCESSFUL_SYNC, kind="incremental")
            .order_by("-finished_at")
            .values_list("records_read", flat=True)[: VOLUME_TRAILING_RUNS + 1]
        )
        if volumes:
            found.append(Measurement(Metric.SYNC_VOLUME, value=float(volumes[0]), sample_size=1, **common))
            found.append(
                Measurement(
                    Metric.VOLUME_DEVIATION,
                    value=metrics.volume_deviation(volumes[0], volumes[1:]),
                    sample_size=len(volumes) - 1,
                    **common,
                )
            )
    return found


@dataclass
class _FlowData:
    status_counts: dict[int, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    mismatches: dict[int, int] = field(default_factory=dict)
    inbound: dict[int, metrics.IdentityCounts] = field(default_factory=dict)
    backlog: dict[int, tuple[int, datetime | None]] = field(default_factory=dict)
    field_raw: dict[tuple[int, str], list] = field(default_factory=lambda: defaultdict(list))
    field_numbers: dict[tuple[int, str], list] = field(default_factory=lambda: defaultdict(list))
    field_written: dict[tuple[int, str], int] = field(default_factory=lambda: defaultdict(int))
    newest_ai_value: dict[tuple[int, str], datetime] = field(default_factory=dict)


def _load_flow_data(flow_ids: list[int], now: datetime) -> _FlowData:
    data = _FlowData()
    since = now - WINDOW
    window = WriteOutcome.objects.filter(flow_id__in=flow_ids, finished_at__gt=since, finished_at__lte=now)
    for flow_id, status, count in window.values_list("flow_id", "status").annotate(n=Count("id")).order_by():
        data.status_counts[flow_id][status] = count
    data.mismatches = dict(
        window.filter(SILENT_NO_OP).values_list("flow_id").annotate(n=Count("id")).order_by()
    )
    rows = window.exclude(target_name="").values_list(
        "flow_id", "target_name", "status", "raw_value", "planned_value"
    )
    for flow_id, target, status, raw, planned in rows.iterator(chunk_size=5000):
        data.field_raw[(flow_id, target)].append(raw)
        if status in DISTRIBUTION_STATUSES:
            data.field_numbers[(flow_id, target)].append(planned)
        if status in WRITTEN_STATUSES:
            data.field_written[(flow_id, target)] += 1
    data.newest_ai_value = _newest_ai_values(flow_ids, now)
    inbound = (
        InboundRecord.objects.filter(flow_id__in=flow_ids, received_at__gt=since, received_at__lte=now)
        .exclude(status=InboundStatus.REJECTED)
        .values_list("flow_id")
        .annotate(
            accepted=Count("id"),
            resolved=Count("id", filter=~Q(crm_id="")),
            unmatched=Count("id", filter=Q(status__in=UNMATCHED_STATUSES)),
        )
        .order_by()
    )
    data.inbound = {row[0]: metrics.IdentityCounts(*row[1:]) for row in inbound}
    backlog = (
        ReviewItem.objects.filter(flow_id__in=flow_ids, status=ReviewStatus.OPEN)
        .values_list("flow_id")
        .annotate(n=Count("id"), oldest=Min("created_at"))
        .order_by()
    )
    data.backlog = {flow_id: (n, oldest) for flow_id, n, oldest in backlog}
    return data


def _newest_ai_values(flow_ids: list[int], now: datetime) -> dict[tuple[int, str], datetime]:
    """Newest companion timestamp (the write time the CRM holds) per field; finish time without one."""
    rows = (
        WriteOutcome.objects.filter(
            flow_id__in=flow_ids, status__in=WRITTEN_STATUSES, finished_at__gt=now - AI_VALUE_LOOKBACK
        )
        .exclude(target_name="")
        .values_list("flow_id", "target_name")
        .annotate(companion=Max("companion_value"), finished=Max("finished_at"))
        .order_by()
    )
    newest = {}
    for flow_id, target, companion, finished in rows:
        stamp = parse_timestamp_or_none(companion)
        newest[(flow_id, target)] = stamp or finished
    return newest


def mapped_fields(flows: list[Flow]) -> dict[int, list[tuple[str, bool]]]:
    """Per flow: (CRM field name, is a numeric AI field) of its enabled mappings."""
    by_source = defaultdict(list)
    for flow in flows:
        by_source[(flow.source_system, flow.crm_object_id)].append(flow.pk)
    mappings = FieldMapping.objects.filter(
        enabled=True, source_system__in={flow.source_system for flow in flows}
    ).values_list(
        "source_system",
        "crm_field__crm_object_id",
        "crm_field__name",
        "crm_field__field_type",
        "crm_field__ownership__owner",
    )
    fields: dict[int, list[tuple[str, bool]]] = defaultdict(list)
    for source, object_id, name, field_type, owner in mappings:
        numeric_ai = field_type in NUMERIC_TYPES and owner in (Owner.AI_OWNED, Owner.HYBRID)
        for flow_id in by_source.get((source, object_id), ()):
            if (name, numeric_ai) not in fields[flow_id]:
                fields[flow_id].append((name, numeric_ai))
    return fields


def active_baselines(flow_ids: Iterable[int]) -> dict[tuple[int, str], DistributionBaseline]:
    return {
        (b.flow_id, b.field_name): b
        for b in DistributionBaseline.objects.filter(flow_id__in=list(flow_ids), active=True)
    }


def _flow_measurements(flows: list[Flow], now: datetime) -> list[Measurement]:
    flow_ids = [flow.pk for flow in flows]
    data = _load_flow_data(flow_ids, now)
    fields = mapped_fields(flows)
    baselines = active_baselines(flow_ids)
    found = []
    for flow in flows:
        found += _outcome_measurements(flow, data)
        found += _identity_measurements(flow, data, now)
        for field_name, numeric_ai in fields.get(flow.pk, []):
            found += _field_measurements(flow, field_name, numeric_ai, data, baselines, now)
    return found


def _outcome_measurements(flow, data) -> list[Measurement]:
    counts = metrics.OutcomeCounts.from_status_counts(
        data.status_counts.get(flow.pk, {}), data.mismatches.get(flow.pk, 0)
    )
    common = {
        "scope": Scope.FLOW,
        "scope_key": flow_key(flow.pk),
        "connection_id": flow.connection_id,
        "flow_id": flow.pk,
    }
    return [
        Measurement(
            Metric.WRITE_SUCCESS_RATE, value=counts.success_rate, sample_size=counts.attempted, **common
        ),
        Measurement(Metric.ERROR_RATE, value=counts.error_rate, sample_size=counts.attempted, **common),
        Measurement(Metric.SKIP_RATE, value=counts.skip_rate, sample_size=counts.decided, **common),
        Measurement(Metric.CONFLICT_RATE, value=counts.conflict_rate, sample_size=counts.decided, **common),
        Measurement(
            Metric.VERIFICATION_FAILURES,
            value=float(counts.verification_mismatches),
            sample_size=counts.written_verified + counts.verification_mismatches,
            **common,
        ),
    ]


def _identity_measurements(flow, data, now) -> list[Measurement]:
    identity = data.inbound.get(flow.pk, metrics.IdentityCounts())
    open_items, oldest = data.backlog.get(flow.pk, (0, None))
    common = {
        "scope": Scope.FLOW,
        "scope_key": flow_key(flow.pk),
        "connection_id": flow.connection_id,
        "flow_id": flow.pk,
    }
    return [
        Measurement(
            Metric.UNMATCHED_RATE, value=identity.unmatched_rate, sample_size=identity.accepted, **common
        ),
        Measurement(
            Metric.JOIN_COVERAGE, value=identity.join_coverage, sample_size=identity.accepted, **common
        ),
        Measurement(Metric.REVIEW_BACKLOG, value=float(open_items), sample_size=open_items, **common),
        Measurement(
            Metric.REVIEW_BACKLOG_AGE,
            value=metrics.age_seconds(oldest, now) or 0.0,
            sample_size=open_items,
            **common,
        ),
    ]


def _field_measurements(flow, field_name, numeric_ai, data, baselines, now) -> list[Measurement]:
    key = (flow.pk, field_name)
    raw = data.field_raw.get(key, [])
    common = {
        "scope": Scope.FIELD,
        "scope_key": field_key(flow.pk, field_name),
        "connection_id": flow.connection_id,
        "flow_id": flow.pk,
        "field_name": field_name,
    }
    found = [
        Measurement(Metric.NULL_RATE, value=metrics.null_rate(raw), sample_size=len(raw), **common),
        Measurement(
            Metric.FIELD_UPDATES, value=float(data.field_written.get(key, 0)), sample_size=len(raw), **common
        ),
    ]
    if key in data.newest_ai_value:
        found.append(
            Measurement(
                Metric.AI_VALUE_AGE,
                value=metrics.age_seconds(data.newest_ai_value[key], now),
                sample_size=1,
                **common,
            )
        )
    baseline = baselines.get(key)
    if numeric_ai and baseline is not None and baseline.values:
        current = metrics.numeric_values(data.field_numbers.get(key, []))
        if current:
            found.append(
                Measurement(
                    Metric.PSI,
                    value=metrics.psi_of_samples(baseline.values, current),
                    sample_size=len(current),
                    **common,
                )
            )
            found.append(
                Measurement(
                    Metric.KS,
                    value=metrics.ks_statistic(baseline.values, current),
                    sample_size=len(current),
                    **common,
                )
            )
    return found


# -- reading the series --------------------------------------------------------------------------------


def points_for_flow(*, flow: Flow, since: datetime) -> list[MetricPoint]:
    """Every point of the flow (flow and field scopes) and of its CRM object, since `since`. One query."""
    object_scope = Q(scope_key=object_key(flow.connection_id, flow.crm_object.name))
    return list(
        MetricPoint.objects.filter(Q(flow=flow) | object_scope, bucket_start__gte=since)
        .only("metric", "scope", "field_name", "bucket_start", "value", "sample_size", "synthetic")
        .order_by("bucket_start")
    )


def latest_points(*, since: datetime, metrics_wanted: Iterable[str]) -> list[MetricPoint]:
    """The points of the newest buckets (since `since`) of the given metrics, for the overview."""
    return list(
        MetricPoint.objects.filter(metric__in=list(metrics_wanted), bucket_start__gte=since)
        .only(
            "metric",
            "scope",
            "scope_key",
            "flow_id",
            "connection_id",
            "object_name",
            "field_name",
            "bucket_start",
            "value",
            "sample_size",
            "synthetic",
        )
        .order_by("bucket_start")
    )


def unresolved_alerts():
    return Alert.objects.exclude(status=AlertStatus.RESOLVED).select_related("flow", "connection")


def alerts_list():
    """Every alert (filtered by monitoring_app.filtersets.AlertFilterSet)."""
    return Alert.objects.select_related("flow", "connection", "acknowledged_by")


def rules_list():
    return AlertRule.objects.select_related("flow").order_by("kind", "flow__name")


def baseline_candidates(*, flow: Flow, field_name: str, start: datetime, end: datetime) -> list[float]:
    """Numeric values of one field of one flow that reached the CRM (or would have, in shadow) in a period."""
    values = WriteOutcome.objects.filter(
        flow=flow,
        target_name=field_name,
        status__in=DISTRIBUTION_STATUSES,
        finished_at__gte=start,
        finished_at__lte=end,
    ).values_list("planned_value", flat=True)
    return metrics.numeric_values(values.iterator(chunk_size=5000))


def current_distribution(*, flow: Flow, field_name: str, now: datetime) -> list[float]:
    return baseline_candidates(flow=flow, field_name=field_name, start=now - WINDOW, end=now)


# -- weekly report ------------------------------------------------------------------------------------------

REPORT_PERIOD = timedelta(days=7)


@dataclass
class DistributionCheck:
    field_name: str
    baseline: DistributionBaseline | None
    sample_size: int
    psi: float | None
    ks: float | None


@dataclass
class SeriesAverage:
    """The sample-weighted mean of one metric's hourly points over the report's week: the same points the
    charts draw and the tiles show."""

    value: float | None
    points: int
    generated: bool  # some of the points are generated demo history


@dataclass
class FlowReport:
    flow: Flow
    counts: metrics.OutcomeCounts
    field_updates: list[tuple[str, int, float]]  # field, values written, per day
    distribution_checks: list[DistributionCheck]
    monitored_success: SeriesAverage | None = None


@dataclass
class WeeklyReport:
    start: datetime
    end: datetime
    flows: list[FlowReport]
    top_failures: list[dict]


def weekly_report(*, now: datetime | None = None) -> WeeklyReport:
    """The week's score distribution check, write success rate, field update frequency and failures."""
    end = now or timezone.now()
    start = end - REPORT_PERIOD
    flows = list(Flow.objects.select_related("crm_object", "connection"))
    week = WriteOutcome.objects.filter(finished_at__gt=start, finished_at__lte=end)
    status_counts: dict[int, dict[str, int]] = defaultdict(dict)
    for flow_id, status, n in week.values_list("flow_id", "status").annotate(n=Count("id")).order_by():
        status_counts[flow_id][status] = n
    mismatches = dict(week.filter(SILENT_NO_OP).values_list("flow_id").annotate(n=Count("id")).order_by())
    updates: dict[int, list[tuple[str, int, float]]] = defaultdict(list)
    written = week.filter(status__in=WRITTEN_STATUSES).exclude(target_name="")
    for flow_id, target, n in (
        written.values_list("flow_id", "target_name").annotate(n=Count("id")).order_by("flow_id", "-n")
    ):
        updates[flow_id].append((target, n, n / REPORT_PERIOD.days))
    fields = mapped_fields(flows) if flows else {}
    baselines = active_baselines(flow.pk for flow in flows)
    success_by_flow = series_averages(metric=Metric.WRITE_SUCCESS_RATE, start=start, end=end)
    reports = []
    for flow in flows:
        checks = [
            _distribution_check(flow, name, baselines.get((flow.pk, name)), start, end)
            for name, numeric_ai in fields.get(flow.pk, [])
            if numeric_ai
        ]
        counts = metrics.OutcomeCounts.from_status_counts(
            status_counts.get(flow.pk, {}), mismatches.get(flow.pk, 0)
        )
        reports.append(
            FlowReport(flow, counts, updates.get(flow.pk, []), checks, success_by_flow.get(flow.pk))
        )
    failures = (
        week.filter(status__in=(OutcomeStatus.DEAD_LETTERED, OutcomeStatus.REJECTED))
        .values("flow__name", "failure_kind", "reason")
        .annotate(n=Count("id"))
        .order_by("-n")[:10]
    )
    kind_labels = dict(FailureKind.choices)
    top_failures = [
        {**row, "failure_kind": kind_labels.get(row["failure_kind"], row["failure_kind"])} for row in failures
    ]
    return WeeklyReport(start, end, reports, top_failures)


def series_averages(*, metric: str, start: datetime, end: datetime) -> dict[int, SeriesAverage]:
    """Per flow: the sample-weighted mean of the metric's points with a value in (start, end]."""
    weighted: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0, False])
    rows = MetricPoint.objects.filter(
        metric=metric, flow__isnull=False, bucket_start__gt=start, bucket_start__lte=end, value__isnull=False
    ).values_list("flow_id", "value", "sample_size", "synthetic")
    for flow_id, value, size, synthetic in rows:
        entry = weighted[flow_id]
        weight = max(size, 1)
        entry[0] += value * weight
        entry[1] += weight
        entry[2] += 1
        entry[3] = entry[3] or synthetic
    return {
        flow_id: SeriesAverage(total / weight, points, generated)
        for flow_id, (total, weight, points, generated) in weighted.items()
    }


def _distribution_check(flow, field_name, baseline, start, end) -> DistributionCheck:
    current = baseline_candidates(flow=flow, field_name=field_name, start=start, end=end)
    if baseline is None or not current or not baseline.values:
        return DistributionCheck(field_name, baseline, len(current), None, None)
    return DistributionCheck(
        field_name,
        baseline,
        len(current),
        metrics.psi_of_samples(baseline.values, current),
        metrics.ks_statistic(baseline.values, current),
    )
