"""Fitting a model on records without keys (no email, no phone: FEBRL, a patient or membership list), issue 13.

Nothing labels a pair, so m comes from EM over the blocked pairs, started at the configured m, with u from random
pairs, as the best tools do without labels. Two things made that EM useless before: a pair's date of birth was
left out whenever any of its blocks forced it (so every agreeing date of birth was hidden once dates of birth
were blocked), and a level EM saw on too few pairs got an impossible floor m. Known-answer worlds below.
"""

import random
from collections import Counter

from identity_app import em, services, training
from tests.identity.conftest import crm

# -- the pairs EM sees: what every block of a pair forced, not what any block forced --------------------------


def test_a_pair_another_block_found_too_keeps_its_date_of_birth_in_em(rules, mirror):
    """Blocked on the date of birth, every match with an agreeing date was in that block: leaving a pair's date
    out whenever any of its blocks forced it hid every agreeing date from EM. A pair the name block found too
    keeps it; a pair only the date block found leaves it out (there it says nothing)."""
    mirror(
        crm("both", firstname="Sylvie", lastname="Morcom", date_of_birth="1958-09-01", zip="4551"),
        crm("birth", firstname="Ava", lastname="Quinlan", date_of_birth="1958-09-01", zip="7000"),
    )
    resolver = services.resolver_for_rules(rules)
    birth = resolver.scorer.level_index("date_of_birth")
    record = {
        "source_system": "lead_scorer",
        "external_id": "e1",
        "first_name": "Sylvie",
        "last_name": "Morcom",
        "date_of_birth": "1958-09-01",
        "postcode": "4551",
    }
    [group] = training.candidate_levels(resolver, [record])
    assert group["both"].levels[birth] == 0 and group["both"].unforced[birth] == 0
    assert group["birth"].levels[birth] == 0 and group["birth"].unforced[birth] == -1
    first = resolver.scorer.level_index("first_name")
    assert group["birth"].unforced[first] == group["birth"].levels[first]  # no block forced the name


# -- a known-answer world without keys ------------------------------------------------------------------------

COMPARISONS = [
    {"attribute": "emails", "method": "exact", "m": [0.9, 0.1], "u": [0.0005, 0.9995]},
    {"attribute": "first_name", "method": "exact", "m": [0.7, 0.3], "u": [0.05, 0.95]},
    {"attribute": "last_name", "method": "exact", "m": [0.7, 0.3], "u": [0.05, 0.95]},
    {
        "attribute": "date_of_birth",
        "method": "date",
        "m": [0.7, 0.1, 0.2],
        "u": [0.001, 0.01, 0.989],
    },
    {"attribute": "postcode", "method": "exact", "m": [0.7, 0.3], "u": [0.05, 0.95]},
]
NAMES, BIRTH, POSTCODE = (1, 2), 3, 4
# P(level | match) of first name, last name, date of birth (exact, swapped/close, other) and postcode
TRUE_M = [[0.9, 0.1], [0.9, 0.1], [0.92, 0.0, 0.08], [0.85, 0.15]]
NAMESAKE = [[1.0, 0.0], [1.0, 0.0], [0.0, 0.0, 1.0], [0.02, 0.98]]  # found by the name block
SAME_BIRTHDAY = [[0.01, 0.99], [0.01, 0.99], [1.0, 0.0, 0.0], [0.02, 0.98]]  # found by the date block
STRANGER = [[0.01, 0.99], [0.01, 0.99], [0.0003, 0.0, 0.9997], [0.02, 0.98]]


def no_key_world(
    *, seed: int = 3, records: int = 1500, mirror_records: int = 5000, emails: bool = False
) -> training.TrainingData:
    """Records without emails (their comparison is never observed) whose blocks are the names (both) and the
    date of birth: each record's true CRM record (found by whichever block it agrees on), two namesakes and two
    people born the same day. A pair's EM pattern leaves out what every block that found it forced. With
    `emails`, a few records have one, and a person's record mostly holds another (work and private)."""
    rng = random.Random(seed)

    def draw(levels):
        return tuple(rng.choices(range(len(p)), weights=p)[0] for p in levels)

    def email(match: bool) -> int:
        if not emails or rng.random() < 0.7:
            return -1
        return 0 if match and rng.random() < 0.2 else 1

    data = training.TrainingData(mirror_records=mirror_records)
    for _ in range(records):
        pairs = [(email(True), *draw(TRUE_M))] + [(email(False), *draw(NAMESAKE)) for _ in range(2)]
        pairs += [(email(False), *draw(SAME_BIRTHDAY)) for _ in range(2)]
        found = 0
        for levels in pairs:
            forced = [
                frozenset(NAMES) if all(levels[i] == 0 for i in NAMES) else None,
                frozenset({BIRTH}) if levels[BIRTH] == 0 else None,
            ]
            blocks = [block for block in forced if block is not None]
            if not blocks:
                continue  # no block found it
            found += 1
            data.patterns[levels] += 1
            mask = frozenset.intersection(*blocks)
            data.em_patterns[tuple(-1 if i in mask else level for i, level in enumerate(levels))] += 1
        data.records += 1
        data.records_with_pairs += bool(found)
    data.random_pairs = [(email(False), *draw(STRANGER)) for _ in range(5000)]
    return data


def weights(fit: training.Fit) -> dict[str, list[float]]:
    return {report.attribute: [level.weight for level in report.levels] for report in fit.check.comparisons}


def test_em_without_keys_passes_the_checks_and_its_weights_order_correctly():
    data = no_key_world()
    fit = training.fit(data, comparisons=COMPARISONS, prior=0.1)

    assert fit.accepted, fit.check.problems
    assert any("m by EM over the blocked pairs" in note for note in fit.check.notes), fit.check.notes
    fitted = weights(fit)
    for attribute in ("first_name", "last_name", "postcode"):
        assert fitted[attribute][0] > 3 > -1 > fitted[attribute][1], (attribute, fitted[attribute])
    assert fitted["date_of_birth"][0] > 8 and fitted["date_of_birth"][2] < -3
    # EM found the true m where it saw the levels, not the configured 0.7.
    m = {c["attribute"]: c["m"] for c in fit.comparisons}
    assert abs(m["first_name"][0] - 0.9) < 0.05 and abs(m["postcode"][0] - 0.85) < 0.05
    assert abs(m["date_of_birth"][0] - 0.92) < 0.05
    # The prior: about one match per record among all record x CRM record pairs.
    assert 0.7 / 5000 < fit.prior < 1.2 / 5000
    assert fit.check.matches_per_record < 1.5


def test_a_level_em_never_saw_keeps_its_configured_m_and_the_report_says_so():
    """No record has an email, and no date of birth is a day/month swap: those levels keep the configured m
    (a floor would make an exact email count against a match, -11.7 bits on a test set once), the other
    levels of the same comparison share the rest."""
    fit = training.fit(no_key_world(), comparisons=COMPARISONS, prior=0.1)

    m = {c["attribute"]: c["m"] for c in fit.comparisons}
    assert m["emails"] == [0.9, 0.1]
    assert m["date_of_birth"][1] == 0.1  # swapped or close: never seen
    assert abs(sum(m["date_of_birth"]) - 1) < 1e-5 and m["date_of_birth"][0] > 0.8
    reports = {report.attribute: report for report in fit.check.comparisons}
    assert reports["emails"].levels[0].words.endswith("seen on only 0 pair(s), kept as configured")
    assert reports["emails"].levels[0].weight > 5  # an exact email still counts for a match
    assert "seen on only 0 pair(s), kept as configured" in reports["date_of_birth"].levels[1].words
    assert reports["date_of_birth"].levels[0].kept is None  # estimated, so nothing is said
    assert any(
        "emails (every level)" in note and "date_of_birth 'a slip" in note
        for note in fit.check.notes
    ), fit.check.notes
    # u: the random pairs never compare emails, so theirs stays as configured too (not an even split).
    u = {c["attribute"]: c["u"] for c in fit.comparisons}
    assert u["emails"] == [0.0005, 0.9995]
    assert any(note.startswith("u kept as configured for: emails") for note in fit.check.notes)


def test_em_with_kept_levels_estimates_the_others_from_what_the_kept_ones_leave():
    """`em.estimate` keeps a level's m as given and shares the rest among the comparison's other levels."""
    rng = random.Random(1)
    pairs = Counter()
    for _ in range(3000):
        match = rng.random() < 0.2
        first = rng.choices((0, 2), weights=(0.8, 0.2) if match else (0.05, 0.95))[0]
        second = 0 if rng.random() < (0.9 if match else 0.1) else 1
        third = 0 if rng.random() < (0.85 if match else 0.05) else 1
        pairs[(first, second, third)] += 1
    estimate = em.estimate(
        pairs,
        level_counts=[3, 2, 2],
        initial_m=[[0.6, 0.3, 0.1], [0.7, 0.3], [0.7, 0.3]],
        initial_u=[[0.05, 0.05, 0.9], [0.1, 0.9], [0.05, 0.95]],
        initial_prior=0.3,
        kept_m=em.kept_levels(em.level_observations(pairs, [3, 2, 2]), em.MIN_LEVEL_PAIRS),
    )
    assert estimate.kept[0] == {1: 0}
    assert estimate.m[0][1] == 0.3
    assert abs(estimate.m[0][0] - 0.8 * 0.7) < 0.05 and abs(sum(estimate.m[0]) - 1) < 1e-9


def test_a_keys_comparison_keeps_its_configured_m_without_labels():
    """Without labels EM's match class is whatever the blocked pairs cluster into; a person's record that
    mostly holds another address would teach it that an exact email says little. The keys' comparisons keep
    their configured m (the others are still learned)."""
    fit = training.fit(no_key_world(emails=True), comparisons=COMPARISONS, prior=0.1)

    assert fit.accepted, fit.check.problems
    m = {c["attribute"]: c["m"] for c in fit.comparisons}
    assert m["emails"] == [0.9, 0.1]
    assert abs(m["first_name"][0] - 0.9) < 0.05
    assert any(
        note.startswith("m kept as configured for the keys' comparisons: emails") for note in fit.check.notes
    )
