"""The per-candidate fallback of the key-agreement check, driven through `training.fit` (issue 13).

A known-answer world of organisations: the key-decided records mostly have 10 blocked candidates, a few
have very many (a common name in a large CRM). Measured with any prior per pair (the random-pair prior, EM's,
the one counted over all key-decided candidates), the key's record, which agrees on name and city, stays
under p = 0.5 everywhere; measured with one match among each record's own candidates, it wins in the small
groups.
"""

from collections import Counter

from identity_app import training

COMPARISONS = [
    {"attribute": "company_name", "method": "exact", "m": [0.9, 0.1], "u": [0.05, 0.95]},
    {"attribute": "city", "method": "exact", "m": [0.9, 0.1], "u": [0.3, 0.7]},
]
AGREE = (0, 0)
KEY_RECORDS = 100
SMALL_GROUP = 10
LARGE_GROUP = 1500


def world(*, large_groups: int, mirror_records: int = 40_000) -> training.TrainingData:
    """`KEY_RECORDS` key-decided records whose key pair agrees on name and city; `large_groups` of them
    have `LARGE_GROUP` candidates, the rest `SMALL_GROUP`. Rivals differ on the name, three in ten share the
    city. Random pairs: 5% share the name, 30% the city (so agreement on both weighs about 65 to 1)."""
    data = training.TrainingData()
    for index in range(KEY_RECORDS):
        size = LARGE_GROUP if index < large_groups else SMALL_GROUP
        group = {f"key{index}": AGREE}
        group.update({f"r{index}-{n}": (1, 0 if n % 10 < 3 else 1) for n in range(size - 1)})
        data.records += 1
        data.records_with_pairs += 1
        data.patterns.update(group.values())
        data.em_patterns.update(group.values())
        data.labelled.append(AGREE)
        data.key_groups.append((f"key{index}", group))
    data.random_pairs = [(0 if n % 20 == 0 else 1, 0 if n % 10 < 3 else 1) for n in range(3000)]
    data.mirror_records = mirror_records
    return data


def test_every_per_pair_prior_is_refused_and_the_per_candidate_check_accepts_the_model():
    data = world(large_groups=5)
    fit = training.fit(data, comparisons=COMPARISONS, prior=0.1)

    assert fit.accepted, fit.check.problems
    assert training.KEY_AGREEMENT_PER_CANDIDATE_NOTE in fit.check.notes
    # The model used: m from the key-decided pairs, u from the random pairs, the random-pair prior (the first
    # candidate in the list), and the keys' agreement measured per candidate: 95 of 100 small groups.
    assert fit.check.key_agreement == 0.95
    assert fit.prior < 1e-3
    assert any(note.startswith("Prior: the chance that a random inbound record") for note in fit.check.notes)
    m = {c["attribute"]: c["m"][0] for c in fit.comparisons}
    u = {c["attribute"]: c["u"][0] for c in fit.comparisons}
    assert m["company_name"] > 0.98 and m["city"] > 0.98
    assert abs(u["company_name"] - 0.05) < 0.002 and abs(u["city"] - 0.3) < 0.002
    # The same model, checked with its prior per pair, is refused as disagreeing with the keys, and so is
    # the prior counted over all the key-decided candidates.
    per_pair = training.check_model(data, comparisons=fit.comparisons, prior=fit.prior)
    assert any("disagrees with the keys" in problem for problem in per_pair.problems)
    counted = KEY_RECORDS / sum(len(group) for _, group in data.key_groups)
    assert not training.check_model(data, comparisons=fit.comparisons, prior=counted).accepted


def test_when_the_per_candidate_check_refuses_too_the_model_is_refused_without_the_note():
    data = world(large_groups=20)  # 80 of 100 small groups: under the 90% needed even per candidate
    fit = training.fit(data, comparisons=COMPARISONS, prior=0.1)

    assert not fit.accepted
    assert training.KEY_AGREEMENT_PER_CANDIDATE_NOTE not in fit.check.notes
    assert any("disagrees with the keys" in problem for problem in fit.check.problems)
    # The model reported is EM's own (m and u as above, EM's prior over the blocked pairs, neither the
    # random-pair nor the counted one), checked per pair.
    assert fit.check.key_agreement == 0.0
    assert fit.prior == fit.estimate.prior < 1e-3
    assert not any(note.startswith(("Prior: the chance", "Prior counted")) for note in fit.check.notes)
    per_candidate = training.check_model(
        data, comparisons=fit.comparisons, prior=fit.prior, per_candidate=True
    )
    assert per_candidate.key_agreement == 0.8 and not per_candidate.accepted


def test_a_world_where_a_per_pair_prior_passes_never_reaches_the_fallback():
    data = world(large_groups=0)  # every group small: the counted prior (1 in 10) already agrees
    fit = training.fit(data, comparisons=COMPARISONS, prior=0.1)

    assert fit.accepted
    assert training.KEY_AGREEMENT_PER_CANDIDATE_NOTE not in fit.check.notes
    assert Counter(len(group) for _, group in data.key_groups) == {SMALL_GROUP: KEY_RECORDS}
