"""Expectation-maximisation of Fellegi-Sunter m/u probabilities over blocked candidate pairs (plain Python).

Each pair is a tuple of level indices, one per comparison (`scoring.MISSING` where a side has no value).
Identical tuples are counted once with their multiplicity, so a run over millions of pairs is a loop over
the few hundred patterns that actually occur.
"""

import math
from collections import Counter
from dataclasses import dataclass

from identity_app.scoring import MISSING

FLOOR = 1e-6


@dataclass
class Estimate:
    m: list[list[float]]
    u: list[list[float]]
    prior: float
    iterations: int
    converged: bool
    pairs: int


def _normalised(counts: list[float]) -> list[float]:
    total = sum(counts)
    if total <= 0:
        return [1.0 / len(counts)] * len(counts)
    floored = [max(count / total, FLOOR) for count in counts]
    scale = sum(floored)
    return [value / scale for value in floored]


def _likelihood(pattern: tuple[int, ...], probabilities: list[list[float]]) -> float:
    result = 1.0
    for index, level in enumerate(pattern):
        if level != MISSING:
            result *= probabilities[index][level]
    return result


def estimate(
    pairs,
    *,
    level_counts: list[int],
    initial_m: list[list[float]],
    initial_u: list[list[float]],
    initial_prior: float = 0.1,
    max_iterations: int = 200,
    tolerance: float = 1e-7,
    fixed_u: bool = False,
) -> Estimate:
    """Estimate m, u and the prior share of matches among `pairs` (an iterable of level tuples)."""
    patterns = Counter(tuple(pair) for pair in pairs)
    total_pairs = sum(patterns.values())
    m = [_normalised(list(levels)) for levels in initial_m]
    u = [_normalised(list(levels)) for levels in initial_u]
    prior = min(max(initial_prior, FLOOR), 1 - FLOOR)
    if total_pairs == 0:
        return Estimate(m=m, u=u, prior=prior, iterations=0, converged=False, pairs=0)

    iterations, converged = 0, False
    for iterations in range(1, max_iterations + 1):  # noqa: B007 - reported after the loop
        m_counts = [[0.0] * count for count in level_counts]
        u_counts = [[0.0] * count for count in level_counts]
        expected_matches = 0.0
        for pattern, multiplicity in patterns.items():
            match_likelihood = prior * _likelihood(pattern, m)
            non_match_likelihood = (1 - prior) * _likelihood(pattern, u)
            posterior = match_likelihood / (match_likelihood + non_match_likelihood)
            expected_matches += posterior * multiplicity
            for index, level in enumerate(pattern):
                if level != MISSING:
                    m_counts[index][level] += posterior * multiplicity
                    u_counts[index][level] += (1 - posterior) * multiplicity
        new_m = [_normalised(counts) for counts in m_counts]
        new_u = u if fixed_u else [_normalised(counts) for counts in u_counts]
        new_prior = min(max(expected_matches / total_pairs, FLOOR), 1 - FLOOR)
        change = max(
            abs(new_prior - prior),
            *(abs(a - b) for new, old in zip(new_m, m, strict=True) for a, b in zip(new, old, strict=True)),
            *(abs(a - b) for new, old in zip(new_u, u, strict=True) for a, b in zip(new, old, strict=True)),
        )
        m, u, prior = new_m, new_u, new_prior
        if change < tolerance:
            converged = True
            break
    if not fixed_u:
        m, u, prior = _matches_class_first(m, u, prior)
    return Estimate(m=m, u=u, prior=prior, iterations=iterations, converged=converged, pairs=total_pairs)


def u_from_random_pairs(pairs, *, level_counts: list[int]) -> list[list[float]]:
    """P(level | non-match) from random pairs, with add-one smoothing so no level is impossible."""
    counts = [[1.0] * count for count in level_counts]
    for pair in pairs:
        for index, level in enumerate(pair):
            if level != MISSING:
                counts[index][level] += 1
    return [_normalised(levels) for levels in counts]


def _matches_class_first(m, u, prior):
    """EM does not know which class is "match": it is the one whose full agreement weighs more."""
    agreement = sum(math.log(m_levels[0] / u_levels[0]) for m_levels, u_levels in zip(m, u, strict=True))
    if agreement >= 0:
        return m, u, prior
    return u, m, 1 - prior
