"""The resolve's deferred work gives what building everything gives: the shortlist sorted as tuples is the
best-per-target ranking, the review list's extras looked for only for records left for review, and with
`explain` off the candidates' levels and review attributes built only when a decision reads them."""

import random
from collections import Counter

from identity_app import scoring
from identity_app.resolver import MAX_CANDIDATES, Resolver, Rules
from identity_app.scoring import DEFAULT_COMPARISONS, MISSING, LevelMemo, level_of


class _Totals:
    """What `Resolver._shortlist` and `_extras` ask of an `InboundScorer`: given scores and name agreement."""

    def __init__(self, scores, agree):
        self.scores, self.agree = scores, agree

    def totals(self, rows):
        assert len(rows) == len(self.scores)
        return list(self.scores)

    def names_agree_at(self, position, values):
        return self.agree[position]


def _reference_shortlist(scores, record_ids, live_targets, agree):
    """The ranking as it was made before: each target's best score (its lowest record id among equals) in
    a dict, sorted by (-score, crm id); extras are the next name-agreeing targets."""
    best = {}
    for position, (record_id, score) in enumerate(zip(record_ids, scores, strict=True)):
        crm_id = live_targets[record_id]
        held = best.get(crm_id)
        if held is None or held[0] < score:
            best[crm_id] = (score, record_id, position)
    ordered = sorted(best.items(), key=lambda entry: (-entry[1][0], entry[0]))
    shortlist = [(s, c, r, False, at) for c, (s, r, at) in ordered[: MAX_CANDIDATES + 1]]
    extras = [(s, c, r, True, at) for c, (s, r, at) in ordered[MAX_CANDIDATES + 1 :] if agree[at]]
    return shortlist, extras[:MAX_CANDIDATES]


def test_shortlist_sorted_as_tuples_ranks_as_the_best_per_target_dict():
    """Hostile inputs: many equal scores (integers, floats, 0 and -0.0), several records per target (a
    survivor and its merged duplicates) scoring alike or not, targets whose ids sort against their scores."""
    rng = random.Random(7)
    merged = 0
    for trial in range(400):
        count = rng.choice([0, 1, 2, 6, 7, 8, 12, 30, 80])
        record_ids = sorted(rng.sample(range(1, 10_000), count))
        targets = [f"C{rng.randrange(max(1, count // rng.choice([1, 1, 2, 3])))}" for _ in record_ids]
        merged += len(set(targets)) < len(targets)
        live_targets = dict(zip(record_ids, targets, strict=True))
        pool = [0, 0.0, -0.0, 1, 1.0, -3.5, 2.25, 12.5, -40.0, 7.0]
        scores = [rng.choice(pool) if rng.random() < 0.6 else rng.uniform(-40, 40) for _ in record_ids]
        agree = [rng.random() < 0.3 for _ in record_ids]
        values = {record_id: () for record_id in record_ids}
        scorer = _Totals(scores, agree)
        shortlist, rest = Resolver._shortlist(None, scorer, record_ids, live_targets, values)
        expected_shortlist, expected_extras = _reference_shortlist(scores, record_ids, live_targets, agree)
        assert shortlist == expected_shortlist, trial
        assert [type(entry[0]) for entry in shortlist] == [type(entry[0]) for entry in expected_shortlist]
        assert Resolver._extras(scorer, rest, values) == expected_extras, trial
    assert merged > 100


def test_explain_off_decides_and_lists_as_explain_on(connection, rules, generated):
    """A results file's resolver (`explain` off) gives every decision, note, score and listed candidate a
    reviewer's resolver gives; the review attributes it built are the same, and it built them only for the
    candidates a decision read."""
    rules.probabilistic_enabled = True
    settings = Rules.from_rule_set(rules)
    explained = Resolver(connection_id=connection.pk, object_name="contacts", rules=settings)
    quick = Resolver(connection_id=connection.pk, object_name="contacts", rules=settings)
    quick.explain = False
    expected, found = explained.resolve_batch(generated), quick.resolve_batch(generated)

    def shown(resolution):
        return (
            resolution.outcome,
            resolution.crm_id,
            resolution.method,
            resolution.score,
            resolution.probability,
            resolution.notes,
            [
                (c["crm_id"], c["score"], c["probability"], c["tied"], c["rank"])
                for c in resolution.candidates
            ],
        )

    assert [shown(r) for r in found] == [shown(r) for r in expected]
    built = unbuilt = listed_extras = 0
    for ours, theirs in zip(found, expected, strict=True):
        for candidate, reference in zip(ours.candidates, theirs.candidates, strict=True):
            assert candidate["display"] == reference["display"]
            assert candidate["contributions"] == []
            if candidate["attributes"] is None:
                unbuilt += 1
            else:
                built += 1
                assert candidate["attributes"] == reference["attributes"]
        if not ours.matched and len(ours.candidates) > 1:
            # A review list puts the candidates whose names agree first, whatever their scores.
            scores = sorted((c["score"] for c in ours.candidates), reverse=True)
            listed_extras += scores != [c["score"] for c in ours.candidates]
    assert unbuilt > built > 0
    assert listed_extras


def test_email_column_levels_as_each_pair_alone(monkeypatch):
    """`InboundScorer.totals` levels the emails down a column (`scoring._email_column`): the very levels
    `level_of` gives each pair, on addresses that share mailbox names at other domains, role and free-mail
    addresses, short and given-name mailboxes, empty entries, a single text and gaps."""
    monkeypatch.setattr(scoring, "LEVELS", LevelMemo())
    comparison = next(c for c in DEFAULT_COMPARISONS if c["method"] == "email")
    rng = random.Random(31)
    users = ["jane.doe", "jdoe76", "info", "john", "sales", "j.d", "maria.garcia+news", "mgarcia", ""]
    domains = ["acme.com", "acme-group.com", "gmail.com", "eu.acme.com", "other.de", "web.de"]

    def addresses():
        count = rng.choice([1, 1, 2, 3])
        return [
            f"{rng.choice(users)}@{rng.choice(domains)}" if rng.random() > 0.05 else "" for _ in range(count)
        ]

    seen = Counter()
    for _ in range(300):
        left = addresses()
        rights = [
            rng.choice([None, f"{rng.choice(users)}@{rng.choice(domains)}"])
            if rng.random() < 0.1
            else addresses()
            for _ in range(40)
        ]
        entry = (0, left, LevelMemo().known(comparison, left), comparison)
        column = scoring._email_column(entry, rights)
        expected = [MISSING if right is None else level_of(comparison, left, right) for right in rights]
        assert column == expected, (left, rights)
        seen.update(column)
    assert seen[0] and seen[1] and seen[2] and seen[MISSING]
