"""A fitted comparison whose looser level came out heavier than a closer one is repaired by pooling, not
refused (issue 13); a model whose agreement weighs less than disagreement is still refused."""

import math
import random

import pytest

from identity_app import em, level_order, training
from identity_app.scoring import comparison_levels

NAME_LABELS = ["exact", "nickname, initial or part", "similarity >= 0.92", "similarity >= 0.8", "different"]


def bits(m, u):
    return math.log2(m / u)


def test_a_typo_level_heavier_than_exact_is_pooled_with_it_keeping_both_distributions():
    # As fitted on a set whose first names come from a small pool: two random people share "exact" first
    # names 2% of the time, while no random pair landed on the typo level (u is the smoothing floor).
    m = [0.9502, 0.0036, 0.0285, 0.0142, 0.0035]
    u = [0.02215, 0.00026, 0.00026, 0.00208, 0.97525]
    repaired, pools = level_order.pool(NAME_LABELS, m, u)
    assert pools == [[0, 2]]
    pooled = bits(0.9502 + 0.0285, 0.02215 + 0.00026)
    assert bits(m[0], repaired[0]) == pytest.approx(pooled) == bits(m[2], repaired[2])
    assert repaired[1] == u[1] and repaired[3] == u[3] and repaired[4] == u[4]  # in order already
    assert sum(repaired) == pytest.approx(sum(u))


def test_pooling_follows_the_order_through_several_levels():
    # "similarity >= 0.8" heavier than "similarity >= 0.92", and both heavier than exact: one pool of three.
    m = [0.80, 0.02, 0.08, 0.08, 0.02]
    u = [0.04, 0.01, 0.002, 0.001, 0.947]
    repaired, pools = level_order.pool(NAME_LABELS, m, u)
    assert pools == [[0, 2, 3]]
    weights = [bits(m[level], repaired[level]) for level in (0, 2, 3)]
    assert weights[0] == pytest.approx(weights[1]) == pytest.approx(weights[2])
    assert weights[0] == pytest.approx(bits(0.96, 0.043))
    reports = em.comparison_reports(["first_name"], [NAME_LABELS], [m], [repaired])
    assert em.order_problems(reports) == []


def test_a_nickname_level_below_a_similarity_level_is_not_pooled_with_it():
    m = [0.9, 0.02, 0.05, 0.02, 0.01]
    u = [0.01, 0.001, 0.001, 0.01, 0.978]  # nickname +4.3, typo +5.6, exact +6.5: in order where it counts
    repaired, pools = level_order.pool(NAME_LABELS, m, u)
    assert pools == [] and repaired == u


def test_agreement_weighing_less_than_disagreement_is_not_repaired_and_stays_refused():
    labels = ["exact", "different"]
    m, u = [0.1, 0.9], [0.3, 0.7]  # a different city *adds* weight: the match class is wrong
    repaired, pools = level_order.pool(labels, m, u)
    assert pools == [] and repaired == u
    problems = em.order_problems(em.comparison_reports(["city"], [labels], [m], [repaired]))
    assert problems and "agreeing cannot count less than disagreeing" in problems[0]


# -- the whole fit ------------------------------------------------------------------------------------------

FIRST = {
    "attribute": "first_name",
    "method": "name",
    "thresholds": [0.92, 0.8],
    "m": [0.82, 0.07, 0.06, 0.02, 0.03],
    "u": [0.02, 0.01, 0.01, 0.03, 0.93],
}
COMPARISONS = [
    {"attribute": "emails", "method": "exact", "m": [0.7, 0.3], "u": [0.0005, 0.9995]},
    FIRST,
    {"attribute": "last_name", "method": "exact", "m": [0.9, 0.1], "u": [0.02, 0.98]},
    {"attribute": "company_name", "method": "exact", "m": [0.8, 0.2], "u": [0.01, 0.99]},
]
# Level shares per comparison (first name on its five levels): the same person, a colleague, a stranger.
SAME = ([1.0, 0.0], [0.9, 0.0, 0.1, 0.0, 0.0], [0.95, 0.05], [0.9, 0.1])
COLLEAGUE = ([0.0, 1.0], [0.03, 0.0, 0.0, 0.02, 0.95], [0.05, 0.95], [1.0, 0.0])
STRANGER = ([0.0, 1.0], [0.03, 0.0, 0.0, 0.02, 0.95], [0.02, 0.98], [0.01, 0.99])


def _pair(rng, shares, *, email: bool) -> tuple[int, ...]:
    levels = tuple(rng.choices(range(len(p)), weights=p)[0] for p in shares)
    return levels if email else (-1, *levels[1:])


def small_name_pool_world(seed: int = 3, records: int = 300) -> training.TrainingData:
    """Key-decided true pairs, colleagues found through a company block, random pairs for u. A typo'd first
    name is on 10% of the true pairs and on no random pair; 3% of random pairs share a first name."""
    rng = random.Random(seed)
    data = training.TrainingData()
    for index in range(records):
        truth = f"t{index}"
        group = {truth: _pair(rng, SAME, email=index % 2 == 0)}
        group.update({f"c{index}-{n}": _pair(rng, COLLEAGUE, email=True) for n in range(8)})
        data.records += 1
        data.records_with_pairs += 1
        for levels in group.values():
            data.patterns[levels] += 1
            data.em_patterns[(*levels[:3], -1 if levels[3] == 0 else levels[3])] += 1
        if index % 2 == 0:
            data.labelled.append(group[truth])
            data.key_groups.append((truth, dict(group)))
    data.random_pairs = [_pair(rng, STRANGER, email=True) for _ in range(4000)]
    data.mirror_records = 3000
    return data


def test_a_fit_whose_typo_level_outweighs_exact_is_repaired_accepted_and_says_so():
    data = small_name_pool_world()
    fit = training.fit(data, comparisons=COMPARISONS, prior=0.1)
    assert fit.accepted, fit.check.problems
    first = next(c for c in fit.comparisons if c["attribute"] == "first_name")
    weights = [bits(m, u) for m, u in zip(first["m"], first["u"], strict=True)]
    labels = comparison_levels(first)
    assert weights[labels.index("exact")] >= weights[labels.index("similarity >= 0.92")] - 0.01
    assert weights[labels.index("exact")] > 4
    pooled = [note for note in fit.check.notes if note.startswith("first_name: 'exact'")]
    assert pooled and "pooled to" in pooled[0] and "'similarity >= 0.92'" in pooled[0]


def test_without_the_repair_the_same_fit_would_be_refused(monkeypatch):
    """The known answer the repair is for: the unrepaired weights put the typo above exact."""
    monkeypatch.setattr(level_order, "repaired_u", lambda attributes, labels, m, u: (u, []))
    fit = training.fit(small_name_pool_world(), comparisons=COMPARISONS, prior=0.1)
    assert not fit.accepted
    assert any("'similarity >= 0.92' weighs" in problem for problem in fit.check.problems)


def test_a_repaired_fit_of_a_degenerate_world_is_still_refused():
    """No key decides anything and colleagues dominate the blocks: EM's match class is 'same company'.
    Pooling the levels does not make that model usable."""
    data = small_name_pool_world()
    data.labelled, data.key_groups = [], []
    data.random_pairs = []  # u cannot be sampled either: EM alone
    fit = training.fit(data, comparisons=COMPARISONS, prior=0.1)
    assert any("pooled to" in note for note in fit.check.notes)  # the repair ran
    assert not fit.accepted
    assert any("agreeing cannot count less than disagreeing" in problem for problem in fit.check.problems)
