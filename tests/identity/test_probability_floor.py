"""A model never holds an impossible level: a fitted probability is not rounded down to 0, and a stored 0 (an
older fit, a hand-edited model) weighs as the floor instead of failing every resolve with a division by zero."""

import math

from identity_app import em, scoring, training


def test_a_zero_u_weighs_as_the_floor():
    comparison = {"attribute": "phone", "method": "exact", "m": [0.9, 0.1], "u": [0.0, 1.0]}
    scorer = scoring.Scorer([comparison], prior_match_probability=0.001)
    assert scorer.weights[0][0] == math.log2(0.9 / scoring.PROBABILITY_FLOOR)
    assert scorer.weights[0][1] == math.log2(0.1)


def test_a_zero_m_weighs_as_the_floor():
    comparison = {"attribute": "phone", "method": "exact", "m": [1.0, 0.0], "u": [0.01, 0.99]}
    assert scoring.level_weight(comparison, 1) == math.log2(scoring.PROBABILITY_FLOOR / 0.99)


def test_the_scorer_and_the_model_check_weigh_alike():
    assert scoring.level_weight({"m": [0.0], "u": [0.3]}, 0) == em.weight_bits(0.0, 0.3)


def test_a_fitted_probability_below_the_rounding_step_is_stored_as_the_floor():
    assert training._stored([3e-7, 0.5, 0.4999997]) == [em.FLOOR, 0.5, 0.5]
