"""The monitoring overview's reconciliation section: per destination, whether its latest comparison with
the CRM agreed, and the differences each reconciliation of the last days found."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from crmhub.exports import selectors as export_selectors
from monitoring_app import charts

DAYS = 7


@dataclass(frozen=True)
class DifferencePoint:
    bucket_start: datetime
    value: float


@dataclass
class DestinationAgreement:
    pk: int
    name: str
    checked_at: datetime | None
    differences: int
    ok: bool | None  # None: never reconciled


def overview(*, now: datetime) -> dict:
    destinations = list(export_selectors.destination_list())
    latest = export_selectors.reconciliation_latest(destinations=destinations)
    history = export_selectors.reconciliation_history(since=now - timedelta(days=DAYS))
    series: dict[str, list[DifferencePoint]] = {}
    for run in history:
        series.setdefault(run.destination.name, []).append(
            DifferencePoint(run.created_at, float(run.differences))
        )
    chart = None
    if series:
        chart = charts.time_series(
            "reconciliation-differences",
            "Differences found by each reconciliation with the CRM",
            series,
            y_title="differences",
        )
    return {
        "reconciliation_chart": chart,
        "reconciliation_rows": [
            _row(destination, latest.get(destination.pk)) for destination in destinations
        ],
        "reconciliation_days": DAYS,
    }


def _row(destination, run) -> DestinationAgreement:
    return DestinationAgreement(
        pk=destination.pk,
        name=destination.name,
        checked_at=run.created_at if run else None,
        differences=run.differences if run else 0,
        ok=run.ok if run else None,
    )
