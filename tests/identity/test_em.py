import random

from identity_app import em
from identity_app.scoring import comparison_levels


def generated_pairs(seed=7, matches=400, non_matches=4000):
    """Four comparisons with known m and u (three are needed for the model to be identifiable); 9% match."""
    rng = random.Random(seed)
    true_m = [[0.85, 0.1, 0.05], [0.9, 0.1], [0.8, 0.2], [0.7, 0.3]]
    true_u = [[0.02, 0.08, 0.9], [0.05, 0.95], [0.1, 0.9], [0.2, 0.8]]

    def draw(probabilities):
        return tuple(rng.choices(range(len(p)), weights=p)[0] for p in probabilities)

    return [draw(true_m) for _ in range(matches)] + [draw(true_u) for _ in range(non_matches)], true_m, true_u


def test_em_recovers_sensible_m_and_u_from_a_generated_set():
    pairs, true_m, true_u = generated_pairs()
    estimate = em.estimate(
        pairs,
        level_counts=[3, 2, 2, 2],
        initial_m=[[0.6, 0.2, 0.2], [0.6, 0.4], [0.6, 0.4], [0.6, 0.4]],
        initial_u=[[0.2, 0.2, 0.6], [0.3, 0.7], [0.3, 0.7], [0.3, 0.7]],
        initial_prior=0.3,
    )
    assert estimate.converged
    assert abs(estimate.prior - 400 / 4400) < 0.03
    for estimated, true in ((estimate.m, true_m), (estimate.u, true_u)):
        for levels, true_levels in zip(estimated, true, strict=True):
            for value, expected in zip(levels, true_levels, strict=True):
                assert abs(value - expected) < 0.06


def test_em_labels_the_agreeing_class_as_matches_even_from_swapped_starting_values():
    pairs, _, _ = generated_pairs(seed=3)
    estimate = em.estimate(
        pairs,
        level_counts=[3, 2, 2, 2],
        initial_m=[[0.2, 0.2, 0.6], [0.3, 0.7], [0.3, 0.7], [0.3, 0.7]],
        initial_u=[[0.6, 0.2, 0.2], [0.6, 0.4], [0.6, 0.4], [0.6, 0.4]],
        initial_prior=0.5,
    )
    assert estimate.m[0][0] > estimate.u[0][0]
    assert estimate.prior < 0.5


def test_missing_levels_are_ignored_by_em():
    pairs = [(0, -1)] * 50 + [(1, 1)] * 500 + [(0, 0)] * 50
    estimate = em.estimate(pairs, level_counts=[2, 2], initial_m=[[0.9, 0.1]] * 2, initial_u=[[0.1, 0.9]] * 2)
    assert estimate.m[0][0] > 0.9 and estimate.u[0][1] > 0.9


def test_level_labels_follow_the_method():
    assert comparison_levels({"method": "jaro_winkler", "thresholds": [0.9, 0.8]}) == [
        "exact",
        "similarity >= 0.9",
        "similarity >= 0.8",
        "different",
    ]
