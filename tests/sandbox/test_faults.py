"""Fault injection: storms, 5xx, timeouts (before and after processing), latency, ignored writes."""

import time

import httpx
import pytest

from crm_sandbox import Sandbox

from .conftest import client_for


def test_rate_limit_storm_uses_each_providers_real_shape(sandbox, hubspot, salesforce, pipedrive):
    for account in (hubspot, salesforce, pipedrive):
        account.faults.set(rate_limit_storm=True)
    with client_for(sandbox, hubspot) as client:
        response = client.get("/crm/v3/objects/contacts")
        assert response.status_code == 429 and response.json()["policyName"] == "TEN_SECONDLY_ROLLING"
    with client_for(sandbox, salesforce) as client:
        response = client.get("/services/data/v67.0/limits")
        assert response.status_code == 403 and response.json()[0]["errorCode"] == "REQUEST_LIMIT_EXCEEDED"
    with client_for(sandbox, pipedrive) as client:
        response = client.get("/api/v2/persons")
        assert response.status_code == 429 and "retry-after" in response.headers
    hubspot.faults.clear()
    with client_for(sandbox, hubspot) as client:
        assert client.get("/crm/v3/objects/contacts").status_code == 200


def test_error_rate_share_is_roughly_respected_and_deterministic(clock):
    def statuses():
        sandbox = Sandbox(seed=3, clock=clock)
        account = sandbox.add_account("hubspot", name="x", contacts=5, companies=2)
        account.limits.enabled = False
        account.faults.set(error_rate=0.3)
        with client_for(sandbox, account) as client:
            return [client.get("/crm/v3/properties/contacts").status_code for _ in range(200)]

    first = statuses()
    errors = [s for s in first if s >= 500]
    assert 30 <= len(errors) <= 90
    assert set(errors) <= {500, 502, 503}
    assert first == statuses()


def test_timeout_raises_read_timeout_in_the_transport(sandbox, hubspot):
    hubspot.faults.set(timeout_rate=1.0)
    with client_for(sandbox, hubspot) as client, pytest.raises(httpx.ReadTimeout):
        client.get("/crm/v3/objects/contacts")


def test_timeout_after_processing_still_applies_the_write(sandbox, salesforce):
    record_id = salesforce.record_ids("Contact")[0]
    salesforce.faults.set(timeout_rate=1.0, timeout_after_processing=True)
    with client_for(sandbox, salesforce) as client, pytest.raises(httpx.ReadTimeout):
        client.patch(f"/services/data/v67.0/sobjects/Contact/{record_id}", json={"AI_Score__c": 99})
    assert salesforce.get_record("Contact", record_id)["AI_Score__c"] == 99.0


def test_latency_is_added(sandbox, pipedrive):
    pipedrive.faults.set(latency_ms=120)
    with client_for(sandbox, pipedrive) as client:
        started = time.perf_counter()
        assert client.get("/api/v2/persons", params={"limit": 1}).status_code == 200
        assert time.perf_counter() - started >= 0.12


def test_ignored_writes_on_salesforce_collections_report_success(sandbox, salesforce):
    salesforce.faults.set(ignore_writes_to={("contacts", "ai_score")})
    record_id = salesforce.record_ids("Contact")[0]
    before = salesforce.get_record("Contact", record_id).get("AI_Score__c")
    body = {"allOrNone": False, "records": [{"attributes": {"type": "Contact"}, "id": record_id, "AI_Score__c": 61,
                                              "Title": "Still written"}]}  # fmt: skip
    with client_for(sandbox, salesforce) as client:
        results = client.patch("/services/data/v67.0/composite/sobjects", json=body).json()
    assert results == [{"id": record_id, "success": True, "errors": []}]
    record = salesforce.get_record("Contact", record_id)
    assert record.get("AI_Score__c") == before and record["Title"] == "Still written"


def test_ignored_writes_on_pipedrive(sandbox, pipedrive):
    key = pipedrive.field_key("ai_score")
    pipedrive.faults.set(ignore_writes_to={("persons", "ai_score")})
    person = pipedrive.record_ids("persons")[0]
    before = pipedrive.get_record("persons", person).get(key)
    with client_for(sandbox, pipedrive) as client:
        response = client.patch(f"/api/v2/persons/{person}", json={"custom_fields": {key: 77}})
    assert response.status_code == 200
    assert pipedrive.get_record("persons", person).get(key) == before


def test_unknown_fault_name_is_rejected(hubspot):
    with pytest.raises(ValueError, match="unknown fault"):
        hubspot.faults.set(meteor_strike=True)
