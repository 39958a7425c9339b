"""The fit's shortcuts gather what the plain paths gather: level patterns counted per distinct (levels,
blocks) rather than pair by pair, key groups built only for the records a key decided, and random pairs
read from an in-memory mirror's values rather than from copies of its profiles."""

import random

from benchmarks.identity_data import crm_records, generate_people, inbound_records
from identity_app import mirror_index, services, training
from identity_app.training import KEY_METHODS, TrainingData


def _in_memory(rules, people_count=600, *, merged_every=40, seed=11):
    people = generate_people(people_count, seed=seed)
    services.mirror_load_in_memory(rule_set=rules, records=crm_records(people, merged_every=merged_every))
    records = inbound_records(people, 300, seed=5, unknown_share=0.15)
    for record in records:
        record.pop("truth")
    return records


def _pair_by_pair(resolver, records) -> TrainingData:
    """`training.chunk_training_data` as it was written: every candidate's levels counted one by one."""
    data = TrainingData(key_attributes=training.key_attributes(resolver.rules))
    names = training._name_levels(resolver.scorer.attributes, resolver.scorer.labels)
    resolutions = resolver.resolve_batch(records, keys_only=True)
    for resolution, group in zip(resolutions, training.candidate_levels(resolver, records), strict=True):
        data.records += 1
        data.records_with_pairs += bool(group)
        data.patterns.update(candidate.levels for candidate in group.values())
        data.em_patterns.update(candidate.unforced for candidate in group.values())
        levels = {crm_id: candidate.levels for crm_id, candidate in group.items()}
        if training._is_label(resolution, levels, names):
            data.labelled.append(levels[resolution.crm_id])
            data.key_groups.append((resolution.crm_id, levels))
    return data


def test_patterns_counted_per_distinct_levels_and_blocks_are_those_counted_pair_by_pair(db, rules):
    records = _in_memory(rules)
    resolver = services.resolver_for_rules(rules)
    try:
        counted = training.chunk_training_data(resolver, records)
        expected = _pair_by_pair(resolver, records)
    finally:
        mirror_index.keep_in_memory(False)
    assert counted == expected
    # The same order of first appearance: EM sums over the patterns in this order.
    assert list(counted.patterns) == list(expected.patterns)
    assert list(counted.em_patterns) == list(expected.em_patterns)
    assert counted.em_patterns != counted.patterns  # blocks forced some comparisons to agree: masked
    assert counted.key_groups and counted.records == 300 and counted.records_with_pairs > 250


def test_only_key_decided_records_make_key_groups(db, rules):
    records = _in_memory(rules)
    resolver = services.resolver_for_rules(rules)
    try:
        data = training.chunk_training_data(resolver, records)
        resolutions = resolver.resolve_batch(records, keys_only=True)
    finally:
        mirror_index.keep_in_memory(False)
    keyed = {r.crm_id for r in resolutions if r.matched and r.method in KEY_METHODS}
    assert {crm_id for crm_id, _ in data.key_groups} <= keyed
    assert all(group[crm_id] == levels for (crm_id, group), levels in zip(data.key_groups, data.labelled))


def test_random_pairs_from_the_in_memory_values_are_those_of_the_profiles(db, rules):
    _in_memory(rules, merged_every=7)  # merged duplicates: records a sample leaves out
    resolver = services.resolver_for_rules(rules)
    reader, scorer = resolver.reader, resolver.scorer
    try:
        assert reader.index.stored_profiles
        for size, seed in ((50, 0), (300, 3), (5000, 1)):
            profiles = reader.sample_profiles(size, seed=seed)
            assert reader.sample_values(size, scorer.values, seed=seed) == [
                scorer.values(p) for p in profiles
            ]
            values = [scorer.values(profile) for profile in profiles]
            random.Random(seed).shuffle(values)
            expected = scorer.pair_levels(values[:-1], values[1:])
            assert resolver.random_pair_levels(size, seed=seed) == expected
            assert not any(p["is_deleted"] or p["merged_into"] for p in profiles)
        assert len(reader.sample_profiles(5000, seed=1)) < len(reader.index.records)  # merged ones left out
    finally:
        mirror_index.keep_in_memory(False)


def test_random_pairs_from_the_database_mirror_are_those_of_its_profiles(db, rules, generated):
    resolver = services.resolver_for_rules(rules)
    reader, scorer = resolver.reader, resolver.scorer
    profiles = reader.sample_profiles(200, seed=2)
    assert len(profiles) > 20
    assert reader.sample_values(200, scorer.values, seed=2) == [scorer.values(p) for p in profiles]
