"""The fit's and the resolve's shortcuts give what the plain paths give: random pairs levelled down columns
(`Scorer.pair_levels`), swapped names levelled in bulk, block kinds held as bits (`candidate_levels`), the key
agreement's remembered posteriors, and vetoes evaluated only when a decision reads them (`explain` off)."""

import random
from collections import Counter

from identity_app import em, scoring, training
from identity_app.resolver import Candidate, Resolver, Rules
from identity_app.scoring import DEFAULT_COMPARISONS, MISSING, InboundScorer, LevelMemo, Scorer
from identity_app.training import KEY_METHODS, _without
from tests.identity.test_resolve_columns import _mixed_profile


def test_pair_levels_are_the_levels_of_each_pair_scored_alone(monkeypatch):
    monkeypatch.setattr(scoring, "LEVELS", LevelMemo())
    scorer = Scorer([dict(comparison) for comparison in DEFAULT_COMPARISONS], 0.01)
    rng = random.Random(23)
    profiles = [_mixed_profile(rng) for _ in range(600)]
    values = [scorer.values(profile) for profile in profiles]
    levels = scorer.pair_levels(values[:-1], values[1:])
    expected = [InboundScorer(scorer, values[i - 1]).levels(values[i]) for i in range(1, len(values))]
    assert levels == expected
    assert levels == [scorer.levels(profiles[i - 1], profiles[i]) for i in range(1, len(profiles))]
    swapped = sum(scorer.is_swapped(values[i - 1], values[i], row) for i, row in enumerate(levels, start=1))
    assert swapped and any(MISSING in row for row in levels)  # names agreeing only swapped, and gaps
    assert scorer.pair_levels([], []) == []


def test_level_rows_and_totals_with_swapped_names_levelled_in_bulk(monkeypatch):
    """`level_rows` and `totals` level the inbound first name against the candidates' surnames in one call
    (`_remember_swaps`): the same levels and sums as one candidate at a time with nothing remembered."""
    monkeypatch.setattr(scoring, "LEVELS", LevelMemo())
    scorer = Scorer([dict(comparison) for comparison in DEFAULT_COMPARISONS], 0.01)
    rng = random.Random(5)
    swapped = 0
    for _ in range(60):
        inbound = _mixed_profile(rng)
        candidates = [_mixed_profile(rng) for _ in range(30)]
        rows = [scorer.values(candidate) for candidate in candidates]
        expected = [scorer.levels(inbound, candidate) for candidate in candidates]
        assert scorer.against(inbound).level_rows(rows) == expected
        assert scorer.against(inbound).totals(rows) == [scorer.total(levels) for levels in expected]
        swapped += sum(
            scorer.is_swapped(scorer.values(inbound), row, levels)
            for row, levels in zip(rows, expected, strict=True)
        )
    assert swapped


def _reference_key_agreement(key_groups, m, u, prior, keys, per_candidate=False):
    """`training._key_agreement` as it was written before its posteriors were remembered."""
    agreeing = checked = 0
    for crm_id, group in key_groups:
        keyed = _without(group[crm_id], keys)
        if all(level == MISSING for level in keyed):
            continue
        checked += 1
        if per_candidate:
            prior = 1.0 / len(group)
        best = em.posterior(keyed, m, u, prior)
        if best < 0.5:
            continue
        for other, levels in group.items():
            if other == crm_id:
                continue
            rival_levels = _without(levels, keys)
            rival = em.posterior(rival_levels, m, u, prior)
            if rival > best or (rival == best and rival_levels != keyed):
                break
        else:
            agreeing += 1
    return agreeing, checked


def test_key_agreement_with_remembered_posteriors_counts_as_before():
    rng = random.Random(8)
    level_counts = [3, 2, 5, 5, 3]
    # Matches agree (level 0) far more often than non-matches do, as fitted weights say.
    m = [em._normalised([8.0, *(rng.random() + 0.1 for _ in range(n - 1))]) for n in level_counts]
    u = [em._normalised([0.1, *(rng.random() + 1.0 for _ in range(n - 1))]) for n in level_counts]

    def levels():  # few distinct patterns, as blocked pairs have: many repeat
        return tuple(rng.choice([MISSING, 0, n - 1]) for n in level_counts)

    groups = []
    for record in range(300):
        group = {f"{record}-{i}": levels() for i in range(rng.randrange(1, 8))}
        groups.append((rng.choice(list(group)), group))
    keys = frozenset({1})
    counted = []
    for prior in (0.001, 0.05, 0.5):
        for per_candidate in (False, True):
            found = training._key_agreement(groups, m, u, prior, keys, per_candidate=per_candidate)
            assert found == _reference_key_agreement(groups, m, u, prior, keys, per_candidate)
            counted.append(found)
    assert any(0 < agreeing < checked for agreeing, checked in counted)  # both outcomes occur


def test_candidate_levels_mask_what_each_candidates_blocks_forced(connection, rules, generated):
    """Block kinds held as bits give each candidate the unforced levels its blocks' kinds give."""
    resolver = Resolver(connection_id=connection.pk, object_name="contacts", rules=Rules.from_rule_set(rules))
    groups = training.candidate_levels(resolver, generated[:150])
    forced = resolver.forced_by_kind
    items = resolver.inbounds(generated[:150])
    keys_per_item = resolver.search_keys(items)
    members = resolver.reader.block_members(set().union(*keys_per_item), resolver.rules.max_block_size)
    rows = resolver.reader.scoring_values(
        {i for key in set().union(*keys_per_item) for i in members.get(key, ())},
        resolver.scorer.attributes,
        resolver.scorer.values,
    )
    crm_ids = {record_id: ref.crm_id for record_id, (ref, _) in rows.items()}
    masked = 0
    for item, keys, group in zip(items, keys_per_item, groups, strict=True):
        kinds: dict[str, set[str]] = {}
        for key in keys:
            for record_id in members.get(key, ()):
                kinds.setdefault(crm_ids[record_id], set()).add(key[0])
        scorer = resolver.scorer.against(item.profile)
        for crm_id, candidate in group.items():
            mask = frozenset().union(*(forced.get(kind, ()) for kind in kinds[crm_id]))
            assert candidate.unforced == _without(candidate.levels, mask)
            record = next(values for ref, values in rows.values() if ref.crm_id == crm_id)
            assert candidate.levels == scorer.levels(record)
            masked += candidate.unforced != candidate.levels
    assert masked and sum(len(group) for group in groups) > 150


def test_vetoes_evaluated_when_read_decide_as_vetoes_evaluated_for_all(connection, rules, generated):
    """With `explain` off (a results file) only the vetoes a decision reads are evaluated: every decision,
    score and candidate id is the one a resolver that evaluates them all gives, and the vetoes evaluated
    are the same lists."""
    rules.probabilistic_enabled = True
    rules.auto_link_threshold = 0.5  # more records reach the vetoes
    settings = Rules.from_rule_set(rules)
    eager = Resolver(connection_id=connection.pk, object_name="contacts", rules=settings)
    lazy = Resolver(connection_id=connection.pk, object_name="contacts", rules=settings)
    eager.explain = lazy.explain = False
    eager_vetoes = []

    def every_veto(self, *args, **kwargs):
        candidates = Resolver._candidates(self, *args, **kwargs)
        eager_vetoes.append([candidate.vetoes() for candidate in candidates])
        return candidates

    eager._candidates = every_veto.__get__(eager)
    lazy_candidates = []

    def remember(self, *args, **kwargs):
        candidates = Resolver._candidates(self, *args, **kwargs)
        lazy_candidates.append(candidates)
        return candidates

    lazy._candidates = remember.__get__(lazy)
    expected, found = eager.resolve_batch(generated), lazy.resolve_batch(generated)

    def shown(resolution):
        return (
            resolution.outcome,
            resolution.crm_id,
            resolution.score,
            resolution.probability,
            resolution.notes,
            [(c["crm_id"], c["score"]) for c in resolution.candidates],
        )

    assert [shown(r) for r in found] == [shown(r) for r in expected]
    outcomes = Counter(r.outcome for r in expected)
    assert outcomes["veto"] and outcomes["matched"], outcomes  # vetoes decided some records
    evaluated = skipped = 0
    for candidates, vetoes in zip(lazy_candidates, eager_vetoes, strict=True):
        for candidate, veto in zip(candidates, vetoes, strict=True):
            if candidate.vetoed_by is None:
                skipped += 1
            else:
                evaluated += 1
                assert candidate.vetoed_by == veto
    assert evaluated and skipped > evaluated


def test_a_candidate_evaluates_its_vetoes_once():
    calls = []

    def check():
        calls.append(1)
        return ["first_name"]

    candidate = Candidate("1", 3.0, 0.9, [], None, {}, {}, veto_check=check)
    assert candidate.as_dict(1)["vetoed_by"] is None  # not evaluated: not asked for yet
    assert candidate.vetoes() == ["first_name"] == candidate.vetoes() and len(calls) == 1
    assert candidate.as_dict(1)["vetoed_by"] == ["first_name"]
    assert Candidate("2", 1.0, 0.1, [], None, {}, {}).vetoes() == []


def test_keys_only_leaves_the_resolver_explaining(connection, rules, generated):
    resolver = Resolver(connection_id=connection.pk, object_name="contacts", rules=Rules.from_rule_set(rules))
    quick = resolver.resolve_batch(generated, keys_only=True)
    assert resolver.explain
    assert any(r.matched and r.method in KEY_METHODS for r in quick)
