"""The batch scoring path gives exactly what scoring every candidate one pair at a time gives.

`ExhaustiveResolver` is the plain algorithm the fast path replaces: read every blocked candidate's full
profile, compute its levels and score pair by pair, rank, and explain the best. Both run over a generated CRM
with the adversarial cases (role addresses, namesakes at one company, subsidiaries sharing a domain, personal
and work addresses, merged duplicates) and must agree on every decision, score, candidate and contribution.
"""

import datetime as dt
import random
from collections import Counter

import pytest

from identity_app.mirror import MirrorReader
from identity_app.models import MirrorRecord
from identity_app.resolver import MAX_CANDIDATES, Candidate, Resolver, Rules
from identity_app.scoring import DEFAULT_COMPARISONS, MISSING, Scorer
from tests.identity.conftest import crm, decisions


class ExhaustiveResolver(Resolver):
    def _probabilistic(self, items, hits, refs):
        from identity_app.blocking import search_keys
        from identity_app.mirror import RecordRef

        keys_per_item = [search_keys(item.profile, self.rules.blocking_rules) for item in items]
        members = self.reader.block_members(set().union(*keys_per_item), self.rules.max_block_size)
        ids_per_item = []
        for item, keys in zip(items, keys_per_item, strict=True):
            ids = {record_id for key in keys for record_id in members.get(key, ())}
            ids.update(ref.id for key in self._key_lookups(item) for ref in hits.get(key, ()))
            ids_per_item.append(ids)
        profiles = self.reader.profiles(set().union(*ids_per_item))
        for p in profiles.values():
            refs.setdefault(p["crm_id"], RecordRef(p["id"], p["crm_id"], p["is_deleted"], p["merged_into"]))
        self.reader.add_survivors(refs)
        return [
            self._decide(
                item, self._every_candidate(item, [profiles[i] for i in sorted(ids) if i in profiles], refs)
            )
            for item, ids in zip(items, ids_per_item, strict=True)
        ]

    def _every_candidate(self, item, profiles, refs):
        """Profiles come by record id: of a survivor and its duplicate scoring the same, the first stays."""
        best = {}
        for profile in profiles:
            target = self._follow(profile["crm_id"], refs)
            if target.status != "live":
                continue
            levels = self.scorer.levels(item.profile, profile)
            score = self.scorer.total(levels)
            if target.crm_id not in best or best[target.crm_id][0] < score:
                best[target.crm_id] = (score, levels, profile)
        ordered = sorted(best.items(), key=lambda entry: (-entry[1][0], entry[0]))
        ranked = [(entry, False) for entry in ordered[: MAX_CANDIDATES + 1]]
        # Beyond those, the best whose names agree, for the review list.
        ranked += [
            (entry, True) for entry in ordered[MAX_CANDIDATES + 1 :] if self._names_agree(entry[1][1])
        ][:MAX_CANDIDATES]
        return [
            Candidate(
                crm_id=crm_id,
                score=score,
                probability=self.scorer.probability(score),
                contributions=[
                    c.as_dict()
                    for c in self.scorer.contributions(item.profile, profile, levels)
                    if c.level != "missing"
                ],
                vetoed_by=self._vetoes(
                    self.scorer.against(item.profile), self.scorer.values(profile), levels
                ),
                display=profile["display"],
                attributes=_review_attributes(profile),
                note=f"scored on merged record {profile['crm_id']}" if crm_id != profile["crm_id"] else "",
                names_agree=self._names_agree(levels),
                extra=extra,
            )
            for (crm_id, (score, levels, profile)), extra in ranked
        ]

    def _names_agree(self, levels):
        first, last = self.scorer.name_pair
        return levels[first] != self.scorer.different[first] and levels[last] != self.scorer.different[last]


def _review_attributes(profile):
    from identity_app.resolution import attributes_for_review

    return attributes_for_review(profile)


@pytest.mark.parametrize("probabilistic", [False, True])
def test_batch_scoring_decides_exactly_as_scoring_every_pair(connection, rules, generated, probabilistic):
    rules.probabilistic_enabled = probabilistic
    settings = Rules.from_rule_set(rules)
    fast = Resolver(connection_id=connection.pk, object_name="contacts", rules=settings)
    exhaustive = ExhaustiveResolver(connection_id=connection.pk, object_name="contacts", rules=settings)

    expected = decisions(exhaustive.resolve_batch(generated))
    assert decisions(fast.resolve_batch(generated)) == expected
    outcomes = {decision["outcome"] for decision in expected}
    assert {"matched", "ambiguous", "low_score"} <= outcomes  # the set exercises the scoring decisions
    assert any(
        d["candidates"] and d["method"] != "probabilistic" for d in expected if d["outcome"] != "matched"
    )


def test_batch_scoring_agrees_on_a_merged_duplicate_and_its_survivor(connection, rules, mirror):
    mirror(
        crm("1", firstname="Ann", lastname="Lee", company="Acme", postcode="10001"),
        crm("2", firstname="Ann", lastname="Lee", company="Acme", postcode="10001", merged_into="1"),
        crm("3", firstname="Anne", lastname="Lee", company="Acme", postcode="10001"),
        crm("4", firstname="Ann", lastname="Lee", postcode="10001", deleted=True),
    )
    inbound = [{"external_id": "x", "first_name": "Ann", "last_name": "Lee", "postcode": "10001"}]
    settings = Rules.from_rule_set(rules)
    fast = Resolver(connection_id=connection.pk, object_name="contacts", rules=settings).resolve_batch(
        inbound
    )
    slow = ExhaustiveResolver(connection_id=connection.pk, object_name="contacts", rules=settings)
    assert decisions(fast) == decisions(slow.resolve_batch(inbound))
    assert [c["crm_id"] for c in fast[0].candidates] == ["1", "3"]  # the deleted one is no candidate


def _random_profile(rng):
    def maybe(value):
        return value if rng.random() < 0.7 else rng.choice(["", None])

    return {
        "emails": rng.choice([[], [f"a{rng.randrange(3)}@x.com"], [f"a{rng.randrange(3)}@x.com", "b@y.com"]]),
        "phone": maybe(rng.choice(["+15550001", "+15550002"])),
        "first_name": maybe(rng.choice(["jon", "john", "johnny", "joan", "jane"])),
        "last_name": maybe(rng.choice(["smith", "smyth", "smithe", "doe"])),
        "company_name": maybe(rng.choice(["acme", "acme labs", "globex"])),
        "email_domain": maybe(rng.choice(["x.com", "y.com"])),
        "company_id": maybe(rng.choice(["C1", "C2"])),
        "postcode": maybe(rng.choice(["10001", "10002"])),
        "city": maybe(rng.choice(["paris", "pariss", "lyon"])),
        "date_of_birth": rng.choice([None, dt.date(1980, 2, 3), dt.date(1980, 3, 2), dt.date(1980, 2, 20)]),
        "extra": {"score": maybe(rng.choice(["10", "12", "40"]))},
    }


def test_inbound_scorer_gives_the_levels_and_totals_of_pair_scoring():
    comparisons = [
        *DEFAULT_COMPARISONS,
        {
            "attribute": "extra.score",
            "method": "numeric",
            "thresholds": [5],
            "m": [0.5, 0.3, 0.2],
            "u": [0.1, 0.2, 0.7],
        },
    ]
    scorer = Scorer(comparisons, 0.01)
    rng = random.Random(3)
    for _ in range(50):
        inbound = _random_profile(rng)
        candidates = [_random_profile(rng) for _ in range(40)]
        batch = scorer.against(inbound)
        totals = batch.totals([scorer.values(candidate) for candidate in candidates])
        for candidate, total in zip(candidates, totals, strict=True):
            levels = scorer.levels(inbound, candidate)
            assert batch.levels(scorer.values(candidate)) == levels
            assert total == scorer.total(levels)  # the very same float, not an approximation
            assert type(total) is type(scorer.total(levels))
            shown = [
                c.as_dict() for c in scorer.contributions(inbound, candidate, levels) if c.level != "missing"
            ]
            assert scorer.explained(batch.values, scorer.values(candidate), levels) == shown
    assert MISSING in scorer.levels(_random_profile(rng) | {"phone": ""}, _random_profile(rng))


def test_scoring_values_read_from_the_mirror_equal_those_of_the_stored_profiles(connection, mirror):
    mirror(
        crm("1", email="a@acme.com", secondary_email="b@acme.com", firstname="Ann", birthdate="1980-02-03"),
        crm("2", lastname="Lee"),  # no email, no birth date, blanks everywhere else
        crm("3", firstname='O\'Brien\t\\ "quoted"', phone="+1 415 555 0100", city="Zürich"),
        crm("4", email="solo@acme.com"),
        crm("5", email="jörg@müller.de", secondary_email="ångström@zürich.ch"),
    )
    scorer = Scorer([dict(c) for c in DEFAULT_COMPARISONS], 0.01)
    reader = MirrorReader(connection_id=connection.pk, object_name="contacts")
    ids = set(MirrorRecord.objects.values_list("id", flat=True))
    read = reader.scoring_values(ids, scorer.attributes, scorer.values)
    profiles = reader.profiles(ids)
    assert {record_id: values for record_id, (_, values) in read.items()} == {
        record_id: scorer.values(profile) for record_id, profile in profiles.items()
    }
    by_crm_id = {ref.crm_id: values for ref, values in read.values()}
    assert by_crm_id["1"][0] == ["a@acme.com", "b@acme.com"]
    assert by_crm_id["2"][0] is None and by_crm_id["2"][-1] is None
    assert by_crm_id["4"][0] == ["solo@acme.com"]
    assert len(by_crm_id["5"][0]) == 2
    assert profiles[read_id(read, "3")]["display"]["first_name"] == 'O\'Brien\t\\ "quoted"'


def read_id(read, crm_id):
    return next(record_id for record_id, (ref, _) in read.items() if ref.crm_id == crm_id)


def test_em_pairs_are_the_levels_of_every_live_blocked_pair(connection, rules, generated):
    from identity_app.blocking import search_keys

    resolver = Resolver(connection_id=connection.pk, object_name="contacts", rules=Rules.from_rule_set(rules))
    records = generated[:150]
    items = [resolver.inbound(record) for record in records]
    keys = [search_keys(item.profile, resolver.rules.blocking_rules) for item in items]
    members = resolver.reader.block_members(set().union(*keys), resolver.rules.max_block_size)
    ids = [{i for key in item_keys for i in members.get(key, ())} for item_keys in keys]
    profiles = resolver.reader.profiles(set().union(*ids))
    expected = Counter(
        resolver.scorer.levels(item.profile, profiles[i])
        for item, item_ids in zip(items, ids, strict=True)
        for i in item_ids
        if not profiles[i]["is_deleted"] and not profiles[i]["merged_into"]
    )
    assert Counter(resolver.blocked_pair_levels(records)) == expected
    assert sum(expected.values()) > len(records)
