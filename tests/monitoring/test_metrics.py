"""Every pure metric on constructed data with a known answer."""

import math
from datetime import UTC, datetime, timedelta

import pytest

from monitoring_app import metrics


def test_psi_of_two_given_histograms_matches_the_formula_by_hand():
    expected = [25, 25, 25, 25]
    actual = [10, 20, 30, 40]
    by_hand = sum((a - e) * math.log(a / e) for e, a in zip([0.25] * 4, [0.1, 0.2, 0.3, 0.4], strict=True))
    assert metrics.psi(expected, actual) == pytest.approx(by_hand)
    assert metrics.psi(expected, actual) == pytest.approx(0.228217, abs=1e-6)


def test_psi_of_identical_histograms_is_zero_and_scale_free():
    assert metrics.psi([10, 20, 30], [100, 200, 300]) == pytest.approx(0.0)


def test_psi_floors_an_empty_bin_instead_of_going_infinite():
    value = metrics.psi([50, 50], [100, 0])
    e, a = 0.5, 1e-4
    assert value == pytest.approx((1 - 0.5) * math.log(1 / 0.5) + (a - e) * math.log(a / e))


def test_psi_refuses_mismatched_or_empty_histograms():
    with pytest.raises(ValueError):
        metrics.psi([1, 2], [1, 2, 3])
    with pytest.raises(ValueError):
        metrics.psi([0, 0], [1, 1])


def test_psi_of_samples_uses_baseline_deciles_so_the_same_sample_scores_zero():
    baseline = [float(i) for i in range(1000)]
    assert metrics.psi_of_samples(baseline, baseline) == pytest.approx(0.0)
    shifted = [value + 300 for value in baseline]
    assert metrics.psi_of_samples(baseline, shifted) > 0.2


def test_quantile_edges_and_histogram_put_edge_values_to_the_right():
    edges = metrics.quantile_edges([0, 1, 2, 3, 4], bins=2)
    assert edges == [2]
    assert metrics.histogram([0, 1, 2, 3, 4], edges) == [2, 3]


def test_ks_statistic_of_known_samples():
    assert metrics.ks_statistic([1, 2, 3, 4], [1, 2, 3, 4]) == 0.0
    assert metrics.ks_statistic([1, 2, 3, 4], [5, 6, 7, 8]) == 1.0
    # CDFs at 2: 0.5 vs 0.0; at 4: 1.0 vs 0.5 -> 0.5.
    assert metrics.ks_statistic([1, 2, 3, 4], [3, 4, 5, 6]) == pytest.approx(0.5)


def test_ks_p_value_is_small_for_separated_samples_and_one_for_equal_ones():
    assert metrics.ks_p_value(1.0, 50, 50) < 1e-6
    assert metrics.ks_p_value(0.0, 50, 50) == 1.0


def test_freshness_at_a_frozen_time():
    now = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
    assert metrics.age_seconds(now - timedelta(minutes=90), now) == 5400
    assert metrics.age_seconds(None, now) is None
    assert metrics.age_seconds(now + timedelta(seconds=5), now) == 0.0


def test_volume_deviation_against_trailing_average():
    assert metrics.volume_deviation(200, [100, 100, 100]) == pytest.approx(1.0)
    assert metrics.volume_deviation(0, [50, 150]) == pytest.approx(-1.0)
    assert metrics.volume_deviation(10, []) is None
    assert metrics.volume_deviation(0, [0, 0]) == 0.0


def test_outcome_rates_from_counts():
    counts = metrics.OutcomeCounts.from_status_counts(
        {
            "written_verified": 60,
            "written": 30,
            "dead_lettered": 6,
            "rejected": 4,
            "skipped": 20,
            "conflict": 10,
        },
        verification_mismatches=3,
    )
    assert counts.success_rate == pytest.approx(0.9)
    assert counts.error_rate == pytest.approx(0.1)
    assert counts.skip_rate == pytest.approx(20 / 130)
    assert counts.conflict_rate == pytest.approx(10 / 130)
    assert counts.verification_failure_rate == pytest.approx(3 / 63)


def test_rates_without_data_are_none_not_zero():
    counts = metrics.OutcomeCounts()
    assert counts.success_rate is None and counts.error_rate is None and counts.skip_rate is None


def test_join_coverage_and_unmatched_rate():
    identity = metrics.IdentityCounts(accepted=40, resolved=30, unmatched=8)
    assert identity.join_coverage == 0.75
    assert identity.unmatched_rate == 0.2


def test_null_rate_counts_none_and_blank_strings():
    assert metrics.null_rate([None, "", " ", 0, "x"]) == pytest.approx(0.6)
    assert metrics.null_rate([]) is None


def test_numeric_values_drop_booleans_text_and_non_finite():
    assert metrics.numeric_values([1, "2.5", True, "x", None, float("nan"), 3.0]) == [1.0, 2.5, 3.0]


def test_summarise_sample_keeps_extremes_and_caps_size():
    summary = metrics.summarise_sample(range(10_001), max_points=101)
    assert len(summary) == 101
    assert summary[0] == 0 and summary[-1] == 10_000 and summary[50] == 5000


def test_budget_used_share():
    assert metrics.budget_used(100, 25) == 0.75
    assert metrics.budget_used(0, 0) is None


@pytest.mark.parametrize(
    ("open_alerts", "acknowledged", "has_data", "light"),
    [
        (1, 0, True, "red"),
        (0, 2, True, "amber"),
        (0, 0, False, "grey"),
        (0, 0, True, "green"),
        (1, 1, False, "red"),
    ],
)
def test_traffic_light(open_alerts, acknowledged, has_data, light):
    assert (
        metrics.traffic_light(open_alerts=open_alerts, acknowledged_alerts=acknowledged, has_data=has_data)
        == light
    )
