"""Pure computations behind the monitoring metrics: no database, no clock; every input is passed in.

Rates return None when there is nothing to divide by, so that "no data" never reads as 0 % or 100 %.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

# A bin with no values would make PSI infinite; both shares are floored at this (the usual convention).
PSI_EPSILON = 1e-4
DEFAULT_PSI_BINS = 10
BASELINE_MAX_POINTS = 2000


def ratio(part: float, whole: float) -> float | None:
    return None if not whole else part / whole


# -- freshness and volume -------------------------------------------------------------------------------


def age_seconds(then: datetime | None, now: datetime) -> float | None:
    """Seconds from `then` to `now` (never negative); None when there never was a `then`."""
    if then is None:
        return None
    return max(0.0, (now - then).total_seconds())


def volume_deviation(latest: float, previous: Sequence[float]) -> float | None:
    """Relative deviation of the latest run's volume from the trailing average of the runs before it:
    (latest - mean) / mean. +1.0 means twice the usual volume, -1.0 means nothing read."""
    if not previous:
        return None
    mean = sum(previous) / len(previous)
    if mean == 0:
        return 0.0 if latest == 0 else None
    return (latest - mean) / mean


# -- write outcomes -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeCounts:
    """Final write outcomes of one scope over one window, by status (see crmhub.writeback.models.OutcomeStatus)."""

    written_verified: int = 0
    written: int = 0
    skipped: int = 0
    conflict: int = 0
    rejected: int = 0
    dead_lettered: int = 0
    verification_mismatches: int = 0

    @classmethod
    def from_status_counts(cls, counts: dict[str, int], verification_mismatches: int = 0) -> OutcomeCounts:
        fields = ("written_verified", "written", "skipped", "conflict", "rejected", "dead_lettered")
        return cls(
            **{name: counts.get(name, 0) for name in fields}, verification_mismatches=verification_mismatches
        )

    @property
    def succeeded(self) -> int:
        return self.written_verified + self.written

    @property
    def errors(self) -> int:
        return self.rejected + self.dead_lettered

    @property
    def attempted(self) -> int:
        """Values the hub tried to write: skips and conflicts were never sent."""
        return self.succeeded + self.errors

    @property
    def decided(self) -> int:
        return self.attempted + self.skipped + self.conflict

    @property
    def success_rate(self) -> float | None:
        return ratio(self.succeeded, self.attempted)

    @property
    def error_rate(self) -> float | None:
        return ratio(self.errors, self.attempted)

    @property
    def skip_rate(self) -> float | None:
        return ratio(self.skipped, self.decided)

    @property
    def conflict_rate(self) -> float | None:
        return ratio(self.conflict, self.decided)

    @property
    def verification_failure_rate(self) -> float | None:
        """Silent no-ops among the values read back: a 200 that did not change the value."""
        return ratio(self.verification_mismatches, self.written_verified + self.verification_mismatches)


# -- identity -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IdentityCounts:
    """Accepted inbound records of one flow over one window."""

    accepted: int = 0
    resolved: int = 0
    unmatched: int = 0

    @property
    def join_coverage(self) -> float | None:
        return ratio(self.resolved, self.accepted)

    @property
    def unmatched_rate(self) -> float | None:
        return ratio(self.unmatched, self.accepted)


def null_rate(values: Iterable[object]) -> float | None:
    """Share of values that are missing: None or a blank string."""
    total = nulls = 0
    for value in values:
        total += 1
        if value is None or (isinstance(value, str) and not value.strip()):
            nulls += 1
    return ratio(nulls, total)


# -- distributions ------------------------------------------------------------------------------------------


def numeric_values(values: Iterable[object]) -> list[float]:
    """The finite numbers among raw values (numbers and numeric strings); everything else is dropped."""
    numbers = []
    for value in values:
        if isinstance(value, bool) or value is None:
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            continue
        if math.isfinite(number):
            numbers.append(number)
    return numbers


def quantile(sorted_values: Sequence[float], q: float) -> float:
    """Linear-interpolation quantile of an already sorted, non-empty sequence."""
    position = (len(sorted_values) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def summarise_sample(values: Iterable[float], max_points: int = BASELINE_MAX_POINTS) -> list[float]:
    """A sorted sample kept to at most `max_points` evenly spaced quantiles, so a baseline stays small
    while its empirical distribution (for PSI bins and KS) stays faithful."""
    ordered = sorted(values)
    if len(ordered) <= max_points:
        return ordered
    return [quantile(ordered, i / (max_points - 1)) for i in range(max_points)]


def quantile_edges(baseline: Sequence[float], bins: int = DEFAULT_PSI_BINS) -> list[float]:
    """Inner bin edges at the baseline's quantiles (duplicates removed), so each bin holds about the
    same share of the baseline. Values below the first edge fall in bin 0, above the last in the last."""
    ordered = sorted(baseline)
    if not ordered:
        return []
    edges = sorted({quantile(ordered, i / bins) for i in range(1, bins)})
    return edges


def histogram(values: Iterable[float], edges: Sequence[float]) -> list[int]:
    """Counts per bin for inner `edges` (len(edges) + 1 bins; a value equal to an edge goes right)."""
    counts = [0] * (len(edges) + 1)
    for value in values:
        counts[bisect.bisect_right(edges, value)] += 1
    return counts


def psi(
    expected_counts: Sequence[float], actual_counts: Sequence[float], epsilon: float = PSI_EPSILON
) -> float:
    """Population stability index of two histograms over the same bins:
    sum((a - e) * ln(a / e)) over the bins' shares. 0 = identical; > 0.2 is the usual "shifted" line."""
    if len(expected_counts) != len(actual_counts):
        raise ValueError("Both histograms need the same bins.")
    expected_total, actual_total = sum(expected_counts), sum(actual_counts)
    if not expected_total or not actual_total:
        raise ValueError("Both histograms need at least one value.")
    total = 0.0
    for expected, actual in zip(expected_counts, actual_counts, strict=True):
        e = max(expected / expected_total, epsilon)
        a = max(actual / actual_total, epsilon)
        total += (a - e) * math.log(a / e)
    return total


def psi_of_samples(
    baseline: Sequence[float], current: Sequence[float], bins: int = DEFAULT_PSI_BINS
) -> float:
    edges = quantile_edges(baseline, bins)
    return psi(histogram(baseline, edges), histogram(current, edges))


def ks_statistic(first: Sequence[float], second: Sequence[float]) -> float:
    """Two-sample Kolmogorov-Smirnov statistic: the largest gap between the two empirical CDFs."""
    if not first or not second:
        raise ValueError("Both samples need at least one value.")
    a, b = sorted(first), sorted(second)
    gap = 0.0
    for point in sorted(set(a) | set(b)):
        cdf_a = bisect.bisect_right(a, point) / len(a)
        cdf_b = bisect.bisect_right(b, point) / len(b)
        gap = max(gap, abs(cdf_a - cdf_b))
    return gap


def ks_p_value(statistic: float, n: int, m: int) -> float:
    """Asymptotic p-value of the two-sample KS statistic (Kolmogorov distribution, Stephens' correction)."""
    effective = n * m / (n + m)
    lam = (math.sqrt(effective) + 0.12 + 0.11 / math.sqrt(effective)) * statistic
    if lam < 1e-3:
        return 1.0
    total = sum(2 * (-1) ** (k - 1) * math.exp(-2 * k * k * lam * lam) for k in range(1, 101))
    return min(1.0, max(0.0, total))


# -- API budget ---------------------------------------------------------------------------------------------


def budget_used(limit: int, remaining: int) -> float | None:
    """Share of a request budget already spent."""
    if limit <= 0:
        return None
    return min(1.0, max(0.0, (limit - remaining) / limit))


# -- traffic light ------------------------------------------------------------------------------------------

GREEN, AMBER, RED, GREY = "green", "amber", "red", "grey"


def traffic_light(*, open_alerts: int, acknowledged_alerts: int, has_data: bool) -> str:
    """Red while an alert is open (nobody has looked), amber while one is acknowledged, grey without
    any recent metric, green otherwise."""
    if open_alerts:
        return RED
    if acknowledged_alerts:
        return AMBER
    if not has_data:
        return GREY
    return GREEN
