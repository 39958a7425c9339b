"""The fitted model's prior belongs to the population its u describes (issue 13).

u sampled from random mirror pairs describes every (inbound, CRM record) pair; EM over blocked pairs
estimates the share of matches among the blocked ones, which blocking raised. Used together, the evidence
that put a pair in a block (the same company, domain and postcode) is counted twice, and colleagues at one
site become "matches": the household-style model the checks refuse. With the prior of random pairs (as the
best tools estimate it) the same m and u describe "same person", and the checks accept them.
"""

import random

from identity_app import training

COMPARISONS = [
    {"attribute": "first_name", "method": "exact", "m": [0.9, 0.1], "u": [0.05, 0.95]},
    {"attribute": "last_name", "method": "exact", "m": [0.9, 0.1], "u": [0.05, 0.95]},
    {"attribute": "company_name", "method": "exact", "m": [0.8, 0.2], "u": [0.01, 0.99]},
    {"attribute": "email_domain", "method": "exact", "m": [0.8, 0.2], "u": [0.01, 0.99]},
]
TRUE_MATCH = (0.98, 0.98, 0.95, 0.95)
COLLEAGUE = (0.03, 0.05, 1.0, 1.0)  # company and domain agree together
NAMESAKE = (1.0, 1.0, 0.01, 0.01)
STRANGER = (0.03, 0.03, 0.005, 0.005)  # two random CRM records
MIRROR_RECORDS = 5_000


def world(seed: int = 11, records: int = 600, labelled_share: float = 0.4) -> training.TrainingData:
    rng = random.Random(seed)

    def pair(agreement):
        return tuple(0 if rng.random() < share else 1 for share in agreement)

    data = training.TrainingData(mirror_records=MIRROR_RECORDS)
    for index in range(records):
        group = {}
        truth = f"t{index}" if rng.random() < 0.9 else None
        if truth:
            group[truth] = pair(TRUE_MATCH)
        group.update({f"c{index}-{n}": pair(COLLEAGUE) for n in range(8)})
        group.update({f"n{index}-{n}": pair(NAMESAKE) for n in range(2)})
        data.records += 1
        data.records_with_pairs += 1
        for levels in group.values():
            data.patterns[levels] += 1
            forced = ({0, 1} if levels[0] == levels[1] == 0 else set()) | ({2} if levels[2] == 0 else set())
            data.em_patterns[tuple(-1 if i in forced else level for i, level in enumerate(levels))] += 1
        if truth and rng.random() < labelled_share:
            data.labelled.append(group[truth])
            data.key_groups.append((truth, dict(group)))
    data.random_pairs = [pair(STRANGER) for _ in range(5000)]
    return data


def test_the_blocked_prior_with_random_pair_u_is_the_household_model_and_is_refused():
    data = world()
    fit = training.fit(data, comparisons=COMPARISONS, prior=0.1)
    assert fit.accepted
    # The same m and u with the share of matches among the blocked pairs (about 0.09 here) as the prior.
    check = training.check_model(data, comparisons=fit.comparisons, prior=0.09)
    assert not check.accepted
    assert any("other first and last names" in problem for problem in check.problems)


def test_the_prior_of_random_pairs_makes_the_same_weights_same_person_and_is_accepted():
    fit = training.fit(world(), comparisons=COMPARISONS, prior=0.1)
    assert fit.accepted, fit.check.problems
    # about one match per record among records x mirror pairs
    assert 0.5 / MIRROR_RECORDS < fit.prior < 1.5 / MIRROR_RECORDS
    assert any("chance that a random inbound record" in note for note in fit.check.notes)
    assert fit.check.matches_per_record < 2
    weights = {r.attribute: r.levels[0].weight for r in fit.check.comparisons}
    assert weights["company_name"] > 4 and weights["first_name"] > 4


def test_without_keys_em_runs_with_u_fixed_and_a_refused_attempt_says_why_in_words():
    fit = training.fit(world(labelled_share=0.0), comparisons=COMPARISONS, prior=0.1)
    assert fit.accepted, fit.check.problems
    assert fit.prior < 2 / MIRROR_RECORDS
    notes = " ".join(fit.check.notes)
    assert "u from random pairs" in notes
    for note in fit.check.notes:
        if note.startswith("Refused first"):
            assert "bits" in note or "%" in note  # the checks' own sentences
    weights = {r.attribute: [level.weight for level in r.levels] for r in fit.check.comparisons}
    assert all(agree > 0 > differ for agree, differ in weights.values())
