"""The monitoring overview's consent-suppression section: per destination, the hourly p95 lag from a
withdrawal recorded in the CRM to its delivery (the rows exports keeps per withdrawal), against the
destination's target."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from crmhub.exports import selectors as export_selectors
from monitoring_app import charts
from monitoring_app.alerts import format_unit

DAYS = 7


@dataclass(frozen=True)
class LagPoint:
    bucket_start: datetime
    value: float


@dataclass
class DestinationLag:
    name: str
    target: str
    last_hour: str
    last_day: str
    withdrawals_last_day: int
    late: bool


def overview(*, now: datetime) -> dict:
    """Two queries: the destinations, and the withdrawals delivered in the last DAYS days."""
    hours = export_selectors.suppression_lag_hours(since=now - timedelta(days=DAYS))
    destinations = list(export_selectors.destination_list())
    series: dict[str, list[LagPoint]] = {d.name: [] for d in destinations if _delivered_to(d.pk, hours)}
    for hour in hours:
        series.setdefault(hour.destination_name, []).append(LagPoint(hour.hour, hour.p95_seconds))
    targets = {d.suppression_target_seconds for d in destinations if d.name in series}
    chart = None
    if series:
        chart = charts.time_series(
            "suppression-lag",
            "Consent withdrawals: hourly p95 lag to the destination",
            series,
            y_title="seconds",
            threshold=targets.pop() if len(targets) == 1 else None,
        )
    return {
        "suppression_chart": chart,
        "suppression_rows": [_row(d, hours, now) for d in destinations],
        "suppression_days": DAYS,
    }


def _delivered_to(destination_id: int, hours) -> bool:
    return any(hour.destination_id == destination_id for hour in hours)


def _row(destination, hours, now: datetime) -> DestinationLag:
    mine = [hour for hour in hours if hour.destination_id == destination.pk]
    last_hour = [
        h for h in mine if h.hour >= (now - timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
    ]
    last_day = [h for h in mine if h.hour >= now - timedelta(days=1)]
    worst_hour = max((h.p95_seconds for h in last_hour), default=None)
    worst_day = max((h.p95_seconds for h in last_day), default=None)
    target = destination.suppression_target_seconds
    return DestinationLag(
        name=destination.name,
        target=_seconds(target),
        last_hour=_seconds(worst_hour),
        last_day=_seconds(worst_day),
        withdrawals_last_day=sum(h.withdrawals for h in last_day),
        late=worst_hour is not None and worst_hour > target,
    )


def _seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.0f} s" if value < 120 else format_unit("seconds", value)
