"""Generated history for demos, benchmarks and tests: hourly points of every flow for N days."""

import math
import random
from datetime import datetime, timedelta

from mappings_app.models import Flow
from monitoring_app import selectors
from monitoring_app.models import Metric, MetricPoint, Scope

FLOW_SERIES = {
    Metric.WRITE_SUCCESS_RATE: (0.97, 0.02),
    Metric.ERROR_RATE: (0.02, 0.015),
    Metric.SKIP_RATE: (0.08, 0.03),
    Metric.CONFLICT_RATE: (0.03, 0.02),
    Metric.VERIFICATION_FAILURES: (0.3, 0.6),
    Metric.UNMATCHED_RATE: (0.06, 0.03),
    Metric.JOIN_COVERAGE: (0.93, 0.03),
    Metric.REVIEW_BACKLOG: (25, 10),
}


def _clip(metric: str, value: float) -> float:
    if metric in (Metric.REVIEW_BACKLOG, Metric.VERIFICATION_FAILURES):
        return float(max(0, round(value)))
    return min(1.0, max(0.0, value))


PSI_START, KS_START = 0.05, 0.04
WEEK_HOURS = 168


def points_generate(
    *,
    flows: list[Flow],
    days: int,
    now: datetime,
    fields: dict[int, list[tuple[str, bool]]],
    seed: int = 7,
    live: dict[tuple[str, str], float | None] | None = None,
    baselined: set[tuple[int, str]] | None = None,
) -> int:
    """Hourly demo history for the `days` days before the current hour, stored as synthetic (the pages label
    it); the current hour belongs to the real measurement.

    Each series wanders around the live value of the same metric and scope (`live`, keyed by (metric,
    scope_key), as the monitoring cycle just measured it) when there is one, so that history, tiles, alerts and
    the report tell one story; around a typical value otherwise. PSI and KS exist only for the fields that have
    a chosen baseline (`baselined`: (flow id, field name)), creeping over the last week towards their live value.
    `fields`: per flow id, (field name, is a numeric AI field), as selectors.mapped_fields returns."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    live = live or {}
    baselined = baselined or set()
    end = now.replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
    hours = days * 24
    rows = []

    def around(metric: str, key: str, mean: float, spread: float) -> float:
        anchor = live.get((metric, key))
        return _clip(metric, rng.gauss(mean if anchor is None else anchor, spread))

    for flow in flows:
        object_key = selectors.object_key(flow.connection_id, flow.crm_object.name)
        for hour in range(hours):
            at = end - timedelta(hours=hours - 1 - hour)
            daily = math.sin(2 * math.pi * at.hour / 24)
            creep = (
                max(0.0, (hour - (hours - WEEK_HOURS)) / WEEK_HOURS) if hours > WEEK_HOURS else hour / hours
            )

            def add(
                metric, scope, key, value, field_name="", object_name="", flow_id=flow.pk, at=at, flow=flow
            ):
                rows.append(
                    MetricPoint(
                        metric=metric,
                        scope=scope,
                        scope_key=key,
                        connection_id=flow.connection_id,
                        flow_id=flow_id,
                        object_name=object_name,
                        field_name=field_name,
                        bucket_start=at,
                        value=value,
                        sample_size=200,
                        computed_at=at,
                        synthetic=True,
                    )
                )

            flow_key = selectors.flow_key(flow.pk)
            for metric, (mean, spread) in FLOW_SERIES.items():
                add(metric, Scope.FLOW, flow_key, around(metric, flow_key, mean, spread))
            add(
                Metric.SYNC_FRESHNESS,
                Scope.OBJECT,
                object_key,
                abs(rng.gauss(600, 300)),
                object_name=flow.crm_object.name,
                flow_id=None,
            )
            add(
                Metric.SYNC_VOLUME,
                Scope.OBJECT,
                object_key,
                max(0.0, 400 + 250 * daily + rng.gauss(0, 40)),
                object_name=flow.crm_object.name,
                flow_id=None,
            )
            for name, numeric_ai in fields.get(flow.pk, []):
                key = selectors.field_key(flow.pk, name)
                add(
                    Metric.NULL_RATE,
                    Scope.FIELD,
                    key,
                    around(Metric.NULL_RATE, key, 0.04, 0.02),
                    field_name=name,
                )
                add(Metric.AI_VALUE_AGE, Scope.FIELD, key, abs(rng.gauss(1800, 900)), field_name=name)
                if not numeric_ai or (flow.pk, name) not in baselined:
                    continue  # no baseline, no drift measure: as the live computation
                for metric, start in ((Metric.PSI, PSI_START), (Metric.KS, KS_START)):
                    target = live.get((metric, key))
                    target = start if target is None else target
                    value = start + (target - start) * creep
                    add(
                        metric,
                        Scope.FIELD,
                        key,
                        abs(rng.gauss(value, max(0.005, value * 0.05))),
                        field_name=name,
                    )
    MetricPoint.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    return len(rows)
