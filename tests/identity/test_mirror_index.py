"""The in-memory mirror index: the resolver decides exactly as it does reading the database, and the index
keeps up with every write to the mirror, whoever makes it and in whatever order transactions commit."""

import pytest
from django.db import connection as db
from django.db import connections
from django.test import override_settings

from identity_app import mirror_index, services
from identity_app.mirror import MirrorReader
from identity_app.mirror_index import IndexedMirrorReader
from identity_app.models import IdentityLink, LinkMethod, MirrorRecord
from identity_app.resolver import Resolver, Rules
from tests.identity.conftest import crm, decisions


@pytest.fixture
def in_memory():
    mirror_index.keep_in_memory()
    yield
    mirror_index.keep_in_memory(False)


def _resolver(connection, rules) -> Resolver:
    return Resolver(connection_id=connection.pk, object_name="contacts", rules=Rules.from_rule_set(rules))


def _both(connection, rules, records):
    """(decisions read from the database, decisions read from the in-memory index)."""
    mirror_index.keep_in_memory(False)
    database = _resolver(connection, rules)
    assert type(database.reader) is MirrorReader
    expected = decisions(database.resolve_batch(records))
    mirror_index.keep_in_memory()
    indexed = _resolver(connection, rules)
    assert isinstance(indexed.reader, IndexedMirrorReader)
    return expected, decisions(indexed.resolve_batch(records))


@pytest.mark.parametrize("probabilistic", [False, True])
def test_indexed_reads_decide_exactly_as_database_reads(
    connection, rules, generated, in_memory, probabilistic
):
    rules.probabilistic_enabled = probabilistic
    stored = list(MirrorRecord.objects.order_by("id").values_list("crm_id", flat=True)[:3])
    IdentityLink.objects.create(
        connection=connection,
        object_name="contacts",
        source_system="lead_scorer",
        external_id="linked-1",
        crm_id=stored[0],
        method=LinkMethod.CONFIRMED,
    )
    records = [
        *generated,
        {"source_system": "lead_scorer", "external_id": "linked-1"},
        {"crm_id": stored[1]},
        {"crm_id": "not-in-the-mirror"},
    ]
    expected, indexed = _both(connection, rules, records)
    assert indexed == expected
    outcomes = {decision["outcome"] for decision in expected}
    assert {"matched", "ambiguous", "low_score", "no_match"} <= outcomes
    assert {"crm_id", "identity_link", "email"} <= {decision["method"] for decision in expected}


def test_index_follows_changes_deletions_merges_and_new_records(connection, rules, mirror, in_memory):
    mirror(
        crm("1", email="ann@acme.com", firstname="Ann", lastname="Lee", postcode="10001"),
        crm("2", email="bob@acme.com", firstname="Bob", lastname="Ray"),
        crm("3", email="cy@acme.com", firstname="Cy", lastname="Lo"),
        crm("4", email="di@acme.com", firstname="Di", lastname="Fu"),
    )
    inbound = [
        {"external_id": "a", "email": "ann@acme.com"},
        {"external_id": "a2", "email": "ann.lee@acme.com"},
        {"external_id": "b", "email": "bob@acme.com"},
        {"external_id": "c", "email": "cy@acme.com"},
        {"external_id": "e", "email": "eve@acme.com"},
        {"external_id": "n", "first_name": "Ann", "last_name": "Lee", "postcode": "10001"},
    ]
    resolver = _resolver(connection, rules)
    before = resolver.resolve_batch(inbound)
    assert [r.crm_id for r in before] == ["1", "", "2", "3", "", ""]

    mirror(
        crm("1", email="ann.lee@acme.com", firstname="Ann", lastname="Lee", postcode="10002"),
        crm("2", deleted=True),
        crm("3", merged_into="4"),
        crm("5", email="eve@acme.com", firstname="Eve", lastname="Ng"),
    )
    after = resolver.resolve_batch(inbound)  # the same resolver: its index catches up before the batch
    assert [(r.outcome, r.crm_id) for r in after] == [
        ("no_match", ""),  # the old address is no key any more
        ("matched", "1"),
        ("no_match", ""),  # its key now belongs to a deleted record
        ("matched", "4"),  # re-pointed to the survivor
        ("matched", "5"),
        ("low_score", ""),
    ]
    assert any("deleted record(s) 2" in note for note in after[2].notes)
    assert after[3].repointed_from == "3"
    expected, indexed = _both(connection, rules, inbound)
    assert indexed == expected == decisions(after)


def test_index_reads_blocks_rebuilt_after_a_blocking_rule_change(connection, rules, mirror, in_memory):
    mirror(
        crm("1", firstname="Ann", lastname="Lee", city="Lyon"),
        crm("2", firstname="Bob", lastname="Ray", city="Lyon"),
    )
    inbound = [{"external_id": "x", "first_name": "Annie", "last_name": "Leigh", "city": "Lyon"}]
    resolver = _resolver(connection, rules)
    assert resolver.resolve_batch(inbound)[0].candidates == []

    rules.blocking_rules = [["city"]]
    rules.save()
    services.mirror_rebuild_identifiers(connection=connection, object_name="contacts")
    resolver = _resolver(connection, rules)  # the same index, built before the rebuild
    assert [c["crm_id"] for c in resolver.resolve_batch(inbound)[0].candidates] == ["1", "2"]


def test_the_index_is_built_once_per_process_and_mirror(connection, rules, mirror, in_memory):
    mirror(crm("1", email="ann@acme.com"))
    first = _resolver(connection, rules).reader
    second = _resolver(connection, rules).reader
    assert first.index is second.index


@override_settings(IDENTITY_MIRROR_INDEX_MAX_RECORDS=1)
def test_a_mirror_over_the_size_limit_is_read_from_the_database(connection, rules, mirror, in_memory):
    mirror(crm("1", email="ann@acme.com"), crm("2", email="bob@acme.com"))
    assert type(_resolver(connection, rules).reader) is MirrorReader


def test_processes_that_did_not_ask_read_the_database(connection, rules, mirror):
    mirror(crm("1", email="ann@acme.com"))
    assert type(_resolver(connection, rules).reader) is MirrorReader


def test_a_write_outside_the_mirror_services_is_seen_too(connection, rules, mirror, in_memory):
    mirror(crm("1", email="ann@acme.com", firstname="Ann"))
    reader = _resolver(connection, rules).reader
    reader.prepare()
    record_id = MirrorRecord.objects.get(crm_id="1").pk
    assert MirrorRecord.objects.get(pk=record_id).revision > 0  # stamped by the database

    MirrorRecord.objects.filter(pk=record_id).update(first_name="anna", is_deleted=True)  # a plain ORM write
    reader.prepare()
    ref, values = reader.index.records[record_id]
    assert ref.is_deleted
    assert values[list(reader.index.attributes).index("first_name")] == "anna"


@pytest.mark.skipif(db.vendor != "postgresql", reason="concurrent writers are PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_a_write_that_commits_after_a_later_one_is_not_missed(connection, rules, mirror, in_memory):
    mirror(
        crm("1", email="ann@acme.com", firstname="Ann"),
        crm("2", email="bob@acme.com", firstname="Bob"),
    )
    reader = _resolver(connection, rules).reader
    reader.prepare()
    index = reader.index
    ids = dict(MirrorRecord.objects.values_list("crm_id", "id"))
    first_name = list(reader.index.attributes).index("first_name")

    slow = connections.create_connection("default")
    try:
        slow.set_autocommit(False)
        with slow.cursor() as cursor:  # an older transaction that commits last
            cursor.execute(
                "UPDATE identity_app_mirrorrecord SET first_name = 'anna' WHERE id = %s", [ids["1"]]
            )
        MirrorRecord.objects.filter(id=ids["2"]).update(first_name="bobby")  # a younger one, committed first
        reader.prepare()
        assert index.records[ids["2"]][1][first_name] == "bobby"
        assert index.records[ids["1"]][1][first_name] == "ann"
        slow.commit()
    finally:
        slow.close()
    reader.prepare()
    assert index.records[ids["1"]][1][first_name] == "anna"
