"""An in-memory mirror load gathers lookup keys by key (`columns.positions_by_key`, `MirrorIndex.put_many`)
instead of by record: every key must still name exactly the records whose last copy holds it, in id order,
as the record-by-record keys (`services._identifier_keys`) say."""

from collections import defaultdict

import pytest

from identity_app import columns, mirror_index, selectors, services
from identity_app.attributes import EntityKind, build_profile
from identity_app.blocking import DEFAULT_BLOCKING_RULES, ORGANISATION_BLOCKING_RULES
from identity_app.mirror_index import MirrorIndex
from identity_app.models import IdentifierKind
from tests.identity.test_columns import ORGANISATIONS, PEOPLE

# A rule listed twice, and one whose keys collapse: a surname past 320 characters leaves every first-name
# form of the record the same key once cut.
HOSTILE_RULES = [*DEFAULT_BLOCKING_RULES, ("last_name", "postcode"), ("last_name", "first_name_forms")]
LONG_NAME = {
    "firstname": "Bob",
    "lastname": "Oakes" * 70,
    "email": "bob@acme.com",
    "phone": "+1 415 555 0101",
}
HOSTILE_PEOPLE = [
    *PEOPLE,
    LONG_NAME,
    {},
    {"firstname": "Ann", "lastname": "Lee", "email": "ann@acme.com, ANN@acme.com", "phone": "+14155550101"},
    {"firstname": "Ann", "lastname": "Lee", "zip": "94105", "crm_ref": "x" * 400},
]


def _kept(keys: set, wanted: set) -> set:
    """What a load given `wanted` keys indexes of a record's keys: those, and every phone number (a national
    reading of an inbound number is looked up only once its record is left for review)."""
    return {key for key in keys if key in wanted or key[0] == IdentifierKind.PHONE}


def _by_key(keys_per_record: list[set]) -> dict:
    gathered = defaultdict(list)
    for position, keys in enumerate(keys_per_record):
        for key in keys:
            gathered[key].append(position)
    return dict(gathered)


@pytest.mark.parametrize(
    ("kind", "rows", "rules"),
    [
        (EntityKind.PERSON, HOSTILE_PEOPLE, HOSTILE_RULES),
        (EntityKind.ORGANISATION, ORGANISATIONS, [*ORGANISATION_BLOCKING_RULES, ("company_tokens",)]),
    ],
)
def test_keys_gathered_by_key_are_each_records_keys(kind, rows, rules):
    profiles = columns.build_profiles(rows, kind=kind, external_id_fields=["crm_ref", "Name"])
    every = [services._identifier_keys(profile, rules) for profile in profiles]
    all_keys = sorted(set().union(*every))
    assert len(all_keys) > 10
    assert any(key[0].startswith("ext:") for key in all_keys)
    assert dict(columns.positions_by_key(profiles, rules)) == _by_key(every)
    for wanted in (set(all_keys[::2]), set(all_keys[1::3]), set()):
        found = columns.positions_by_key(profiles, rules, wanted=wanted)
        assert dict(found) == _by_key([_kept(keys, wanted) for keys in every])


def test_the_long_surname_gives_one_key_for_all_its_first_name_forms():
    profiles = columns.build_profiles([LONG_NAME], kind=EntityKind.PERSON)
    found = columns.positions_by_key(profiles, [("last_name", "first_name_forms")])
    blocks = {key: held for key, held in found.items() if key[0].startswith("block:")}
    assert list(blocks.values()) == [[0]]  # "bob", "robert", ... cut to one key, held once


def _index() -> MirrorIndex:
    index = MirrorIndex(1, "contacts", ("first_name",), lambda row: (row.get("first_name"),))
    index.stored_profiles = {}
    return index


def _row(*, deleted: bool = False) -> dict:
    return {**build_profile({"firstname": "Ann"}), "display": {}, "is_deleted": deleted, "merged_into": ""}


def _put_many(index: MirrorIndex, chunk: list[tuple]) -> None:
    """`put_many` of (crm id, whether values came, row, keys) as records held them record by record."""
    positions = _by_key([keys for *_, keys in chunk])
    index.put_many([(crm_id, has, row, index.values(row)) for crm_id, has, row, _ in chunk], positions)


def test_a_record_put_again_keeps_only_its_last_keys_and_a_marked_one_keeps_its_own():
    k1, k2, k3, k4 = (("block:x", value) for value in ("1", "2", "3", "4"))
    index = _index()
    _put_many(index, [("a", True, _row(), {k1, k2}), ("b", True, _row(), {k1}), ("a", True, _row(), {k3})])
    _put_many(
        index,
        [
            ("c", True, _row(), {k1, k4}),
            ("b", True, _row(), {k2}),
            ("c", False, _row(deleted=True), {k3}),  # no values: c is marked, its keys stay
            ("d", True, _row(), {k4}),
        ],
    )
    index.put("e", _row(), {k1})
    index.put("d", _row(), {k2})
    index.finish_loading()
    ids = index.ids_by_crm_id
    assert ids == {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}
    assert index.holders(*k1) == [ids["c"], ids["e"]]
    assert index.holders(*k2) == [ids["b"], ids["d"]]
    assert index.holders(*k3) == [ids["a"]]
    assert index.holders(*k4) == [ids["c"]]
    assert index.records[ids["c"]][0].is_deleted


def test_the_in_memory_mirror_indexes_each_records_last_keys(rules):
    rows = [*HOSTILE_PEOPLE, PEOPLE[0], {"firstname": "Ann", "lastname": "Lee", "email": "other@acme.com"}]
    crm_ids = [str(position) for position in range(len(HOSTILE_PEOPLE))] + ["1", "3"]  # two put again
    records = [
        {"id": crm_id, "values": values, "deleted": False, "merged_into": ""}
        for crm_id, values in zip(crm_ids, rows, strict=True)
    ]
    records.append({"id": "2", "values": {}, "deleted": True, "merged_into": ""})  # marked only
    config = selectors.mirror_config(connection=rules.flow.connection, object_name="contacts")
    last_keys = {}
    for record in records:
        if record["values"] or record["id"] not in last_keys:
            profile = build_profile(
                record["values"],
                attribute_map=config["attribute_map"],
                external_id_fields=config["external_id_fields"],
                region=config["region"],
                kind=config["kind"],
                attribute_types=config["attribute_types"],
            )
            last_keys[record["id"]] = services._identifier_keys(profile, config["blocking_rules"])
    every = sorted(set().union(*last_keys.values()))
    wanted = set(every[::2])
    try:
        for lookup_keys in (None, wanted):
            mirror_index.keep_in_memory(False)
            monkeypatched = services.MIRROR_BATCH_SIZE
            services.MIRROR_BATCH_SIZE = 4  # repeats within a chunk and across chunks
            try:
                services.mirror_load_in_memory(rule_set=rules, records=records, lookup_keys=lookup_keys)
            finally:
                services.MIRROR_BATCH_SIZE = monkeypatched
            index = next(iter(mirror_index._indexes.values()))
            ids = index.ids_by_crm_id
            expected = defaultdict(list)
            for crm_id, keys in last_keys.items():
                for key in keys if lookup_keys is None else _kept(keys, lookup_keys):
                    expected[key].append(ids[crm_id])
            found = {
                (kind, value): list(mirror_index._as_tuple(held))
                for kind, by_value in index.members.items()
                for value, held in by_value.items()
            }
            assert found == {key: sorted(held) for key, held in expected.items()}
            assert index.records[ids["2"]][0].is_deleted
    finally:
        mirror_index.keep_in_memory(False)


# Values holding the key's own separator: a "|" in a name must not make a key of two parts look wanted.
PIPED_PEOPLE = [
    {"firstname": "Ann", "lastname": "Lee|Ho", "zip": "94105", "company": "Acme|Lee"},
    {"firstname": "Ann|Lee", "lastname": "Ho", "zip": "94105", "company": "Acme"},
    {"firstname": "Bob", "lastname": "Lee", "zip": "94105|1", "company": "Lee|Acme"},
]
THREE_PART_RULES = [*DEFAULT_BLOCKING_RULES, ("first_name", "last_name", "postcode")]


def _in_order(positions: dict) -> list:
    return list(positions.items())


@pytest.mark.parametrize("rules", [HOSTILE_RULES, THREE_PART_RULES])
def test_keys_built_only_when_wanted_are_the_keys_cut_to_the_wanted_in_the_same_order(rules):
    """The keys a load gives `WantedKeys` (built only where the file looks them up) are all its keys cut to
    those and the phone numbers: the same positions, in the same order (the index is built in it)."""
    profiles = columns.build_profiles([*HOSTILE_PEOPLE, *PIPED_PEOPLE], kind=EntityKind.PERSON)
    every = columns.positions_by_key(profiles, rules)
    keys = list(every)
    # Postcodes keep a "|": "lee|94105|1" is Lee's key at postcode "94105|1", and "bob|94105|1" Bob's.
    piped = {("block:last_name+postcode", "lee|94105|1"), ("block:first_name+postcode", "bob|94105|1")}
    assert piped <= set(keys)
    for wanted in (set(keys[::2]), set(keys[1::3]), set(keys) | piped, piped, set()):
        grouped = columns.WantedKeys(wanted)
        expected = {
            key: held for key, held in every.items() if key in wanted or key[0] == IdentifierKind.PHONE
        }
        assert _in_order(columns.positions_by_key(profiles, rules, wanted=grouped)) == _in_order(expected)
        assert columns.block_keys_by_record(profiles, rules, wanted=grouped) == [
            {key for key in found if key in wanted} for found in columns.block_keys_by_record(profiles, rules)
        ]


def test_a_two_part_key_is_wanted_exactly_when_its_parts_make_a_wanted_value():
    wanted = columns.WantedKeys({("k", "a|b"), ("k", "a|b|c"), ("k", "x"), ("other", "a|b")})
    before = wanted.texts_before("k")
    assert before == {"b": {"a"}, "b|c": {"a"}, "c": {"a|b"}}
    for left, right in [("a", "b"), ("a", "b|c"), ("a|b", "c"), ("a", "c"), ("b", "a"), ("x", "")]:
        assert (left in before.get(right, ())) == (("k", f"{left}|{right}") in wanted)
    assert wanted.texts_before("none") == {}


def test_the_keys_nobody_looks_up_are_not_built(monkeypatch):
    """A rule's keys are built from the wanted values only: none of the unwanted key texts is made."""
    profiles = columns.build_profiles(PEOPLE, kind=EntityKind.PERSON)
    every = columns.positions_by_key(profiles, DEFAULT_BLOCKING_RULES)

    def refused(*args):
        raise AssertionError("every key built")

    monkeypatch.setattr(columns, "_single_rule_keys", refused)
    monkeypatch.setattr(columns, "_multi_rule_keys", refused)
    forms = {key for key in every if key[0].startswith("block:first_name_forms")}
    found = columns.positions_by_key(profiles, DEFAULT_BLOCKING_RULES, wanted=columns.WantedKeys(forms))
    assert {key for key in found if key[0].startswith("block:")} == forms
