"""Pipedrive v2 emails and phones are arrays of {value, primary, label}: the catalog reads and writes the primary
value, and a write sends back the whole array with every other entry kept."""

import json
from datetime import UTC, datetime

import httpx
import pytest

from crm_sandbox import ManualClock, Sandbox
from crmhub.connectors import RecordUpdate, WriteStatus, get_connector
from crmhub.connectors.pipedrive.client import with_primary
from crmhub.connectors.ratelimit import RateBudget
from tests import factories
from tests.connectors.test_sandbox_contract import Recording

WORK = {"value": "ada@work.example", "primary": True, "label": "work"}
HOME = {"value": "ada@home.example", "primary": False, "label": "home"}


@pytest.fixture
def pipedrive(db):
    sandbox = Sandbox(seed=3, clock=ManualClock(datetime(2026, 11, 1, tzinfo=UTC)))
    account = sandbox.add_account("pipedrive", name="multi", contacts=20, companies=3)
    connection = factories.make_connection(
        name="multi-pipedrive",
        provider="pipedrive",
        base_url=account.base_url,
        api_version=account.api_version,
        credentials={**account.credentials, "oauth_url": account.base_url},
    )
    transport = Recording(sandbox.transport())
    connector = get_connector(
        connection, transport=transport, rate_budget=RateBudget.in_memory("multi"), sleep=lambda s: None
    )
    return account, connector, transport


def test_with_primary_replaces_inserts_promotes_and_clears():
    assert with_primary([WORK, HOME], "ada@new.example") == [{**WORK, "value": "ada@new.example"}, HOME]
    assert with_primary([], "ada@new.example") == [
        {"value": "ada@new.example", "primary": True, "label": "work"}
    ]
    assert with_primary([HOME], "ada@new.example") == [
        {"value": "ada@new.example", "primary": True, "label": "work"},
        HOME,
    ]
    promoted = with_primary([WORK, HOME], "ADA@home.example")
    assert promoted == [{**HOME, "primary": True}]  # the old primary gives way to the existing address
    assert with_primary([WORK, HOME], None) == [HOME]
    assert with_primary([WORK], [HOME]) == [HOME]  # a whole array passes through


def test_field_codes_are_email_and_phone_and_reads_give_the_primary(pipedrive):
    account, connector, _ = pipedrive
    fields = {field.name: field for field in connector.discover_schema(["persons"])[0].fields}
    assert fields["email"].field_type == "email" and fields["phone"].field_type == "phone"
    person = str(account.record_ids("persons")[0])
    stored = account.get_record("persons", person)["emails"]
    primary = next(entry["value"] for entry in stored if entry["primary"])
    assert connector.read_records("persons", [person], ["email"])[person]["email"] == primary


def test_writing_the_primary_email_keeps_the_other_addresses(pipedrive):
    account, connector, transport = pipedrive
    person = str(account.record_ids("persons")[0])
    account.rep_edit("persons", person, {"emails": [WORK, HOME]})
    results = connector.write(
        "persons", [RecordUpdate(person, {"email": "ada@new.example", "phone": "+44 20 1"})]
    )
    assert results[0].ok, results[0]
    stored = account.get_record("persons", person)
    assert stored["emails"] == [{**WORK, "value": "ada@new.example"}, HOME]
    assert [entry["value"] for entry in stored["phones"] if entry["primary"]] == ["+44 20 1"]
    patch = next(request for request in transport.requests if request.method == "PATCH")
    assert json.loads(patch.content)["emails"] == stored["emails"]  # the whole array went on the wire
    assert connector.read_records("persons", [person], ["email"])[person]["email"] == "ada@new.example"


def test_a_person_without_an_email_gets_a_primary_one(pipedrive):
    account, connector, _ = pipedrive
    person = str(account.record_ids("persons")[1])
    account.rep_edit("persons", person, {"emails": []})
    assert connector.write("persons", [RecordUpdate(person, {"email": "first@x.example"})])[0].ok
    assert account.get_record("persons", person)["emails"] == [
        {"value": "first@x.example", "primary": True, "label": "work"}
    ]


def test_creating_a_person_with_an_email_sends_an_array(pipedrive):
    from crmhub.connectors import RecordCreate

    account, connector, _ = pipedrive
    created = connector.create(
        "persons", [RecordCreate("crmhub-create-0001", {"name": "Neu", "email": "n@x.example"})]
    )
    assert created[0].ok, created[0]
    assert account.get_record("persons", created[0].record_id)["emails"][0]["value"] == "n@x.example"


def test_the_sandbox_refuses_plain_strings_as_v2_does(pipedrive):
    account, _, _ = pipedrive
    person = str(account.record_ids("persons")[0])
    with httpx.Client(transport=account.sandbox.transport(), base_url=account.base_url) as client:
        response = client.patch(
            f"/api/v2/persons/{person}",
            json={"emails": "plain@x.example"},
            headers={"x-api-token": account.credentials["api_token"]},
        )
    assert response.status_code == 400 and response.json()["success"] is False


def test_a_missing_person_is_not_found_before_anything_is_written(pipedrive):
    _, connector, transport = pipedrive
    result = connector.write("persons", [RecordUpdate("999999", {"email": "x@y.example"})])[0]
    assert result.status == WriteStatus.NOT_FOUND
    assert not any(request.method == "PATCH" for request in transport.requests)
