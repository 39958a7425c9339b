"""Blocks past `narrow_block_size` members are narrowed record by record to the members that also agree on
something the block's rule does not already make agree; smaller blocks are kept whole."""

import datetime as dt
import random

from identity_app import blocking
from identity_app.blocking import Narrower, forced_comparisons, rule_kind
from identity_app.mirror import RecordRef
from identity_app.mirror_index import MirrorIndex
from identity_app.resolver import Resolver, Rules
from tests.identity.conftest import crm

ATTRIBUTES = ("first_name", "last_name", "company_name", "postcode", "emails")
INITIAL = rule_kind(("first_initial", "last_name"))
LAST_POSTCODE = rule_kind(("last_name", "postcode"))
FORCED = forced_comparisons([("first_initial", "last_name"), ("last_name", "postcode")], ATTRIBUTES)


def test_what_a_rule_forces_includes_the_attributes_its_derived_tokens_come_from():
    assert FORCED[INITIAL] == {0, 1}
    assert FORCED[LAST_POSTCODE] == {1, 3}


def _values(count: int) -> dict[int, tuple]:
    """`count` namesakes "J... Smith", each at its own company and postcode."""
    return {
        i: (f"j{i}", "smith", f"vendor{i}", f"{10000 + i}", [f"j{i}@example{i}.com"]) for i in range(count)
    }


def test_a_block_within_the_bound_is_kept_whole():
    values = _values(5)
    members = {(INITIAL, "j|smith"): list(values)}
    inbound = ("jo", "smith", "other", "99999", None)
    assert Narrower(members, values, FORCED, bound=5).candidates(members.keys(), inbound) == set(values)


def test_a_big_block_keeps_only_members_agreeing_on_an_attribute_the_rule_does_not_force():
    values = _values(40)
    members = {(INITIAL, "j|smith"): list(values)}
    # Agrees with 7 on the postcode and with 12 on the company; with all on the names the block forces.
    inbound = ("j", "smith", "vendor12", "10007", None)
    found = Narrower(members, values, FORCED, bound=30).candidates(members.keys(), inbound)
    assert found == {7, 12}


def test_a_record_reachable_only_through_a_big_block_is_found_by_a_shared_company_word():
    values = _values(40)
    values[33] = ("jude", "smith", "lumen works logistics", "20000", None)
    members = {(INITIAL, "j|smith"): list(values)}
    inbound = ("j", "smith", "lumen", "99999", ["j.smith@gmail.com"])
    assert Narrower(members, values, FORCED, bound=30).candidates(members.keys(), inbound) == {33}


def test_small_blocks_are_kept_whole_beside_a_narrowed_one():
    values = _values(40)
    members = {
        (INITIAL, "j|smith"): list(values),
        (LAST_POSTCODE, "smith|10003"): [3, 4],  # a small block: 4 agrees with nothing else, and stays
    }
    inbound = ("j", "smith", None, "10003", None)
    assert Narrower(members, values, FORCED, bound=30).candidates(members.keys(), inbound) == {3, 4}


def test_a_big_block_stays_whole_when_the_record_has_nothing_to_narrow_it_by():
    values = _values(40)
    members = {(INITIAL, "j|smith"): list(values)}
    inbound = ("j", "smith", None, None, None)
    assert Narrower(members, values, FORCED, bound=30).candidates(members.keys(), inbound) == set(values)


def test_a_shared_list_entry_counts_and_a_short_word_does_not():
    values = {
        0: ("j", "smith", "ab cd", None, ["a@x.com", "b@y.com"]),
        1: ("j", "smith", "ab ef", None, None),
    }
    members = {(INITIAL, "j|smith"): [0, 1]}
    inbound = ("j", "smith", "ab zz", None, ["b@y.com"])
    assert Narrower(members, values, FORCED, bound=1).candidates(members.keys(), inbound) == {0}


def _namesakes(count: int) -> list[dict]:
    firsts = ["James", "John", "Joseph", "Julia", "Jane", "Joan", "Jack", "Jonas"]
    return [
        crm(
            str(100 + i),
            firstname=firsts[i % len(firsts)],
            lastname="Okafor",
            company=f"Company {i} Holdings",
            zip=f"{20000 + i}",
            city=f"Town{i}",
        )
        for i in range(count)
    ]


def test_the_resolver_finds_the_person_in_a_big_initial_and_surname_block(mirror, rules):
    """ "J. Okafor" meets only the initial + surname block (41 members): narrowed, the one whose company
    shares a word is still the first candidate, and namesakes that agree on nothing else are left out."""
    mirror(
        *_namesakes(40),
        crm(
            "900", firstname="Jude", lastname="Okafor", company="Lumen Works", zip="30000", city="Springfield"
        ),
    )
    inbound = {"external_id": "x1", "first_name": "J.", "last_name": "Okafor", "city": "Springfield"}
    narrowed = Rules.from_rule_set(rules)
    assert narrowed.narrow_block_size == blocking.NARROW_BLOCK_SIZE < 41
    rules.narrow_block_size = 1000  # a flow's own setting
    rules.save()
    whole = Rules.from_rule_set(rules)
    assert whole.narrow_block_size == 1000
    results = {}
    for name, settings in (("narrowed", narrowed), ("whole", whole)):
        resolver = Resolver(
            connection_id=rules.flow.crm_object.connection_id, object_name="contacts", rules=settings
        )
        [results[name]] = resolver.resolve_batch([{"source_system": "lead_scorer", **inbound}])
    assert results["narrowed"].candidates[0]["crm_id"] == "900"
    assert [c["crm_id"] for c in results["narrowed"].candidates] == ["900"]
    # Without the bound, the namesakes that share only the initial and surname are candidates too.
    assert results["whole"].candidates[0]["crm_id"] == "900"
    assert len(results["whole"].candidates) > 1


def _varied_value(rng, index: int):
    """A comparison value as the mirror holds them: missing, a word, words, a list of texts or a date."""
    words = ["acme", "ab", "north", "lumen", "works", "smith", "10007", "x@y.com", "b@y.com"]
    kind = rng.randrange(5)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice(words)
    if kind == 2:
        return " ".join(rng.sample(words, rng.randint(2, 3)))
    if kind == 3:
        return rng.sample(words, rng.randint(1, 2))
    return dt.date(1980, 1, 1 + index % 3)


def test_narrowing_by_a_token_index_keeps_the_members_that_reading_each_member_keeps():
    """The index a reader holding every record's values builds once per big block (`token_index`) finds
    the very members the member-by-member reading finds, on varied values (words, lists, dates, gaps)."""
    rng = random.Random(7)
    for _ in range(300):
        values = {i: tuple(_varied_value(rng, i) for _ in ATTRIBUTES) for i in range(rng.randint(1, 40))}
        members = {
            (INITIAL, "j|smith"): sorted(rng.sample(list(values), rng.randint(1, len(values)))),
            (LAST_POSTCODE, "smith|10007"): sorted(rng.sample(list(values), rng.randint(1, len(values)))),
        }
        inbound = tuple(_varied_value(rng, 0) for _ in ATTRIBUTES)
        bound = rng.randint(0, 10)
        read = Narrower(members, values, FORCED, bound).candidates(members.keys(), inbound)
        by_tokens = Narrower(
            members,
            {},
            FORCED,
            bound,
            block_tokens=lambda key, ids, at: blocking.token_indexes(((i, values[i]) for i in ids), at),
        ).candidates(members.keys(), inbound)
        assert by_tokens == read


def test_an_in_memory_mirror_indexes_a_block_again_once_its_records_change():
    index = MirrorIndex(1, "contacts", ATTRIBUTES, None)
    index._apply_records([(RecordRef(1, "a", False, ""), ("j", "smith", "acme", "10007", None))])
    key = (INITIAL, "j|smith")
    first = index.block_tokens(key, [1], (2, 3))
    assert first == {2: {"acme": [1]}, 3: {"10007": [1]}}
    assert index.block_tokens(key, [1], (2, 3)) is first  # indexed once while nothing changes
    index._apply_records([(RecordRef(1, "a", False, ""), ("j", "smith", "lumen works", "10007", None))])
    assert index.block_tokens(key, [1], (2,)) == {2: {"lumen works": [1], "lumen": [1], "works": [1]}}


def test_a_block_indexed_before_the_mirror_finished_loading_is_indexed_again():
    index = MirrorIndex(1, "contacts", ATTRIBUTES, lambda row: tuple(row.get(name) for name in ATTRIBUTES))
    index.stored_profiles = {}
    key = (INITIAL, "j|smith")

    def row(company: str) -> dict:
        return {
            "is_deleted": False,
            "merged_into": "",
            "first_name": "j",
            "last_name": "smith",
            "company_name": company,
        }

    rows = [row("acme"), row("lumen")]
    index.put_many([(crm_id, True, r, index.values(r)) for crm_id, r in zip("ab", rows)], {key: [0, 1]})
    # Asked for while the blocks are incomplete:
    assert index.block_tokens(key, [1], (2,)) == {2: {"acme": [1]}}
    index.finish_loading()
    assert index.holders(*key) == [1, 2]
    assert index.block_tokens(key, index.holders(*key), (2,)) == {2: {"acme": [1], "lumen": [2]}}


def test_indexing_a_block_at_several_comparisons_at_once_gives_each_comparison_s_own_index():
    rng = random.Random(11)
    for _ in range(200):
        rows = [(i, tuple(_varied_value(rng, i) for _ in ATTRIBUTES)) for i in range(rng.randint(0, 30))]
        positions = tuple(sorted(rng.sample(range(len(ATTRIBUTES)), rng.randint(1, len(ATTRIBUTES)))))
        together = blocking.token_indexes(rows, positions)
        assert together.keys() == set(positions)
        for position in positions:
            alone = {}
            for record_id, values in rows:
                for token in blocking._tokens(values[position]):
                    alone.setdefault(token, []).append(record_id)
            assert together[position] == alone


EMAILS = ATTRIBUTES.index("emails")
ADDRESSES = ["a@x.com", "b@y.com", "c@z.com", "d@w.com"]


def _member(rng, index: int) -> tuple:
    """A namesake's comparison values: varied company and postcode, none to a few of `ADDRESSES`."""
    values = [_varied_value(rng, index) for _ in ATTRIBUTES]
    values[EMAILS] = rng.sample(ADDRESSES, rng.randint(0, 2)) or None
    return tuple(values)


def test_a_big_block_narrowed_beside_the_record_s_key_lookups_gives_the_same_candidates():
    """Members agreeing only on an address the record looks up as a key are left to the caller, which takes
    every holder of its lookups: on blocks far past the bound, with every address, some or none of them
    looked up, candidates with the holders are those of the narrowing that looks at every comparison, and
    nothing but holders is ever left out; through the token indexes and member by member alike."""
    rng = random.Random(5)
    key_comparisons = {EMAILS: "email"}
    for _ in range(300):
        values = {i: _member(rng, i) for i in range(rng.randint(31, 90))}
        members = {
            (INITIAL, "j|smith"): sorted(values),
            (LAST_POSTCODE, "smith|10007"): sorted(rng.sample(list(values), rng.randint(1, len(values)))),
        }
        inbound = list(_member(rng, 0))
        inbound[EMAILS] = rng.sample(ADDRESSES, rng.randint(1, 3))
        inbound = tuple(inbound)
        looked_up = set(rng.sample(inbound[EMAILS], rng.randint(0, len(inbound[EMAILS]))))
        if rng.random() < 0.7:
            looked_up = set(inbound[EMAILS])  # the common case: every address is a key lookup
        lookups = {("email", address) for address in looked_up}
        holders = {i for i, v in values.items() if v[EMAILS] and looked_up.intersection(v[EMAILS])}
        bound = 30
        every = Narrower(members, values, FORCED, bound).candidates(members.keys(), inbound)
        read = Narrower(members, values, FORCED, bound, key_comparisons=key_comparisons).candidates(
            members.keys(), inbound, lookups
        )
        by_tokens = Narrower(
            members,
            {},
            FORCED,
            bound,
            block_tokens=lambda key, ids, at: blocking.token_indexes(((i, values[i]) for i in ids), at),
            key_comparisons=key_comparisons,
        ).candidates(members.keys(), inbound, lookups)
        for found in (read, by_tokens):
            assert found | holders == every | holders
            assert every - found <= holders
        assert read == by_tokens


def test_the_resolver_leaves_to_the_key_lookups_only_the_emails_and_phone_comparisons(rules):
    resolver = Resolver(connection_id=1, object_name="contacts", rules=Rules.from_rule_set(rules))
    attributes = resolver.scorer.attributes
    assert {attributes[i]: kind for i, kind in resolver.key_comparisons.items()} == {
        "emails": "email",
        "phone": "phone",
    }
