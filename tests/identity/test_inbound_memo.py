"""Inbound records normalised once per offline run (`resolver.INBOUNDS`): what is remembered is what
building the profile and search keys again gives."""

import pytest

from identity_app import resolver as resolver_module
from identity_app.models import defaults_for_kind
from identity_app.resolver import Resolver, Rules

RECORDS = [
    {
        "external_id": "1",
        "attributes": {"email": "Ann.Lee@Acme.com", "first_name": "Ann", "last_name": "Lee"},
    },
    {"external_id": "2", "attributes": {"first_name": "Bob", "last_name": "Kim", "zip": "02139"}},
    {"external_id": "3", "attributes": {"full_name": "Dr. Carla Diaz", "company": "Diaz GmbH"}},
]


@pytest.fixture
def memo():
    resolver_module.INBOUNDS.enabled = True
    yield resolver_module.INBOUNDS
    resolver_module.INBOUNDS.enabled = False
    resolver_module.INBOUNDS.clear()


def _resolver(region: str = "US") -> Resolver:
    rules = Rules(source_system="file", entity_kind="person", **defaults_for_kind("person"))
    rules.default_region = region
    return Resolver(connection_id=0, object_name="contacts", rules=rules)


def test_remembered_profiles_and_keys_are_those_built_again(memo):
    memo.enabled = False
    fresh = _resolver()
    expected = fresh.inbounds(RECORDS)
    expected_keys = fresh.search_keys(expected)
    memo.enabled = True

    first = _resolver().inbounds(RECORDS)
    assert [item.profile for item in first] == [item.profile for item in expected]
    assert _resolver().search_keys(first) == expected_keys
    again = _resolver().inbounds([dict(record) for record in RECORDS])  # read from the file once more
    assert all(a.profile is b.profile for a, b in zip(first, again, strict=True))
    assert _resolver().search_keys(again) == expected_keys
    assert [item.external_id for item in again] == ["1", "2", "3"]


def test_other_rules_and_other_values_are_not_confused(memo):
    _resolver().inbounds(RECORDS)
    assert len(memo.entries) == 3
    _resolver(region="DE").inbounds(RECORDS)
    assert len(memo.entries) == 6  # another region shapes phones otherwise: built again
    nested = {"external_id": "4", "attributes": {"email": ["a@b.com"]}}
    assert _resolver().inbounds([nested])[0].remembered is None  # not text: never remembered


def test_off_it_remembers_nothing():
    _resolver().inbounds(RECORDS)
    assert resolver_module.INBOUNDS.entries == {}
