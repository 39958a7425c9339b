"""Block keys read each attribute once for all the rules that use it: the very keys each rule gives alone."""

from benchmarks.identity_data import crm_records, generate_people
from identity_app.attributes import build_profile
from identity_app.blocking import (
    _KEY_KINDS,
    DEFAULT_BLOCKING_RULES,
    ORGANISATION_BLOCKING_RULES,
    block_keys,
    rule_kind,
    rule_values,
    search_keys,
)


def _one_rule_at_a_time(profile, rules, *, plain_keys):
    return {
        (rule_kind(rule), value[:320])
        for rule in rules
        if plain_keys or tuple(rule) not in _KEY_KINDS
        for value in rule_values(profile, rule)
    }


def test_block_and_search_keys_are_each_rules_keys():
    profiles = [build_profile(record["values"]) for record in crm_records(generate_people(300, seed=4))]
    profiles.append(build_profile({"firstname": "Bob", "lastname": "de la Cruz", "company": "Acme Robotics"}))
    rules = [*DEFAULT_BLOCKING_RULES, *ORGANISATION_BLOCKING_RULES, ("first_initial", "last_name_prefix")]
    for profile in profiles:
        assert block_keys(profile, rules) == _one_rule_at_a_time(profile, rules, plain_keys=False)
        assert search_keys(profile, rules) == _one_rule_at_a_time(profile, rules, plain_keys=True)
