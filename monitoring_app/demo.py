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


def points_generate(
    *, flows: list[Flow], days: int, now: datetime, fields: dict[int, list[tuple[str, bool]]], seed: int = 7
) -> int:
    """Hourly points for `days` days: flow rates, object freshness and volume, per-field null rate,
    AI value age, and PSI and KS of numeric AI fields (creeping up over the last week).
    `fields`: per flow id, (field name, is a numeric AI field), as selectors.mapped_fields returns."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    end = now.replace(minute=0, second=0, microsecond=0)
    hours = days * 24
    rows = []
    for flow in flows:
        object_key = selectors.object_key(flow.connection_id, flow.crm_object.name)
        for hour in range(hours):
            at = end - timedelta(hours=hours - 1 - hour)
            daily = math.sin(2 * math.pi * at.hour / 24)

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
                    )
                )

            for metric, (mean, spread) in FLOW_SERIES.items():
                add(metric, Scope.FLOW, selectors.flow_key(flow.pk), _clip(metric, rng.gauss(mean, spread)))
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
                drift = max(0.0, (hour - (hours - 168)) / 168) * 0.3 if hours > 168 else 0.0
                add(Metric.NULL_RATE, Scope.FIELD, key, _clip("", rng.gauss(0.04, 0.02)), field_name=name)
                add(Metric.AI_VALUE_AGE, Scope.FIELD, key, abs(rng.gauss(1800, 900)), field_name=name)
                if not numeric_ai:
                    continue
                add(Metric.PSI, Scope.FIELD, key, abs(rng.gauss(0.05 + drift, 0.02)), field_name=name)
                add(Metric.KS, Scope.FIELD, key, abs(rng.gauss(0.04 + drift / 3, 0.01)), field_name=name)
    MetricPoint.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    return len(rows)
