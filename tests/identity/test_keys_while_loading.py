"""An offline run with workers gathers the file's lookup keys while the load's helper normalises the export's
first chunks: those come back without their keys, which this process adds once it knows them; the helper
keys its later chunks itself, from the keys this process wrote. The mirror is the one a load given the keys
up front holds."""

import functools
import os
import time

from benchmarks.identity_data import crm_records, generate_people
from identity_app import columns, mirror_index, selectors, services
from identity_app.models import IdentifierKind
from identity_app.workers import map_shared


def _index_contents(rules) -> tuple:
    index = next(
        index
        for key, index in mirror_index._indexes.items()
        if key[:2] == (rules.flow.connection.pk, "contacts")
    )
    members = {kind: dict(by_value) for kind, by_value in index.members.items()}
    return index.records, members, index.stored_profiles, index.ids_by_crm_id


def _profiles(rules, records) -> list[dict]:
    config = selectors.mirror_config(connection=rules.flow.connection, object_name="contacts")
    return columns.build_profiles(
        [record["values"] for record in records],
        attribute_map=config["attribute_map"],
        external_id_fields=config["external_id_fields"],
        region=config["region"],
        kind=config["kind"],
        attribute_types=config["attribute_types"],
    )


def test_a_load_whose_keys_are_gathered_while_its_helper_starts_holds_what_a_load_given_them_holds(
    rules, monkeypatch, tmp_path
):
    records = list(crm_records(generate_people(400, seed=7), merged_every=30))
    config = selectors.mirror_config(connection=rules.flow.connection, object_name="contacts")
    every = sorted(columns.positions_by_key(_profiles(rules, records), config["blocking_rules"]))
    wanted = set(every[::3]) | {key for key in every if key[0] == IdentifierKind.EMAIL}
    assert 0 < len(wanted) < len(every)
    monkeypatch.setattr(services, "MIRROR_BATCH_SIZE", 40)  # chunks enough for the helper to take some
    seen = tmp_path / "keyed by the helper"
    parent, prepared = os.getpid(), services._prepared_for_memory

    def noting(config, wanted_here, values, chunk, *, keyed=True):
        if os.getpid() != parent:
            with open(seen, "a") as handle:
                handle.write(f"{keyed}\n")
            # A helper slower than the keys pass, however busy the machine: chunks remain for later.
            if not keyed:
                time.sleep(0.3)
        return prepared(config, wanted_here, values, chunk, keyed=keyed)

    def gathering(keys: set):
        for part in range(4):  # the helper normalises chunks meanwhile, not knowing the keys
            time.sleep(0.05)
            keys |= {key for position, key in enumerate(sorted(wanted)) if position % 4 == part}
            yield

    try:
        services.mirror_load_in_memory(rule_set=rules, records=records, lookup_keys=wanted)
        given = _index_contents(rules)
        mirror_index.keep_in_memory(False)
        monkeypatch.setattr(services, "_prepared_for_memory", noting)
        gathered: set = set()
        services.mirror_load_in_memory(
            rule_set=rules,
            records=records,
            lookup_keys=gathered,
            gathering_keys=gathering(gathered),
            mapper=functools.partial(map_shared, workers=2),
        )
        overlapped = _index_contents(rules)
    finally:
        mirror_index.keep_in_memory(False)
    assert overlapped == given
    assert gathered == wanted
    keyed_by_helper = seen.read_text().split()
    assert keyed_by_helper[0] == "False"  # before the keys were known: keyed here
    assert "True" in keyed_by_helper  # once they were written: keyed there


def test_keys_made_again_from_their_values_key_a_chunk_as_the_keys_do(rules):
    records = list(crm_records(generate_people(120, seed=3)))
    config = selectors.mirror_config(connection=rules.flow.connection, object_name="contacts")
    profiles = _profiles(rules, records)
    every = sorted(columns.positions_by_key(profiles, config["blocking_rules"]))
    wanted = columns.WantedKeys(every[::2])
    again = columns.WantedKeys.from_values(wanted.values)
    known = columns.positions_by_key(profiles, config["blocking_rules"], wanted=wanted)
    assert list(columns.positions_by_key(profiles, config["blocking_rules"], wanted=again).items()) == list(
        known.items()
    )
    assert all((key in again) == (key in set(every[::2])) for key in every)


def test_map_shared_feeds_its_helper_while_this_process_does_other_work_first():
    parent, order = os.getpid(), []

    def steps():
        for step in range(3):
            time.sleep(0.03)
            order.append(f"step {step}")
            yield

    def where(item):
        if os.getpid() == parent:
            order.append(f"item {item} here")
        return item, os.getpid() == parent

    results = list(map_shared(where, range(12), workers=2, meanwhile=steps()))
    assert [item for item, _ in results] == list(range(12))
    first_here = next((index for index, entry in enumerate(order) if entry.startswith("item")), len(order))
    assert order[:first_here] == ["step 0", "step 1", "step 2"]  # nothing computed here before the steps end
    assert not results[0][1]  # the first items went to the helper while the steps ran
