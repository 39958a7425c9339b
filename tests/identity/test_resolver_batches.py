"""Resolving a batch decides every record exactly as resolving it alone, and the bounded block reads leave
out exactly the blocks larger than the flow's limit."""

import pytest

from benchmarks.identity_data import crm_records, generate_people, inbound_records
from identity_app import services
from identity_app.resolver import Resolver, Rules
from tests.identity.conftest import crm, decisions


@pytest.mark.parametrize("probabilistic", [False, True])
def test_a_batch_decides_each_record_as_it_would_alone(connection, rules, probabilistic):
    people = generate_people(500, seed=3)
    services.mirror_upsert(
        connection=connection, object_name="contacts", records=crm_records(people, merged_every=25)
    )
    records = inbound_records(people, 250, seed=9, unknown_share=0.2)
    for record in records:
        record.pop("truth")
    rules.probabilistic_enabled = probabilistic
    resolver = Resolver(connection_id=connection.pk, object_name="contacts", rules=Rules.from_rule_set(rules))

    batched = decisions(resolver.resolve_batch(records))
    alone = [decision for record in records for decision in decisions(resolver.resolve_batch([record]))]
    assert batched == alone
    outcomes = {decision["outcome"] for decision in batched}
    assert {"matched", "ambiguous"} <= outcomes
    assert {decision["method"] for decision in batched} >= {"email", "phone"}


def test_blocks_over_the_limit_give_no_candidates(connection, rules, mirror):
    # Three records share a postcode block with the inbound record, two share a company block.
    mirror(
        crm("1", firstname="Ann", lastname="Lee", zip="10001", company="Acme"),
        crm("2", firstname="Bob", lastname="Lee", zip="10001", company="Acme"),
        crm("3", firstname="Cy", lastname="Lee", zip="10001"),
    )
    rules.max_block_size = 2
    resolver = Resolver(connection_id=connection.pk, object_name="contacts", rules=Rules.from_rule_set(rules))
    keys = {("block:last_name+postcode", "lee|10001"), ("block:last_name+company_name", "lee|acme")}
    members = resolver.reader.block_members(keys, rules.max_block_size)
    assert list(members) == [("block:last_name+company_name", "lee|acme")]
    assert len(members[("block:last_name+company_name", "lee|acme")]) == 2
    at_the_limit = resolver.reader.block_members(keys, 3)
    assert len(at_the_limit[("block:last_name+postcode", "lee|10001")]) == 3
