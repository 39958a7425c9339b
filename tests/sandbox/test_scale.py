"""Incremental reads over a large store touch only the page, not the whole object (bisect on modified time)."""

from datetime import UTC, datetime

import pytest

from crm_sandbox.salesforce import sf_id
from crm_sandbox.store import Actor, ObjectStore, Record
from crm_sandbox.wire import salesforce_datetime

from .conftest import client_for

RECORDS = 100_000


def load_synthetic(account, object_name, make_id, start_ms):
    actor = Actor("import", 1)
    store = ObjectStore(object_name)
    records = []
    for number in range(1, RECORDS + 1):
        record_id, sort_key = make_id(number)
        records.append(Record(record_id, sort_key, {}, start_ms, start_ms + number * 1000, actor, actor))
    store.bulk_load(records)
    account.objects[object_name] = store
    return store


def count_touches(store, monkeypatch):
    touched = []
    original = store.record_by_sort_key

    def counting(sort_key):
        touched.append(sort_key)
        return original(sort_key)

    monkeypatch.setattr(store, "record_by_sort_key", counting)
    return touched


@pytest.fixture
def start_ms(clock):
    return clock.now_ms() - RECORDS * 1000 - 10_000


def test_hubspot_search_page_near_the_end(sandbox, hubspot, start_ms, monkeypatch):
    store = load_synthetic(hubspot, "contacts", lambda n: (str(n), n), start_ms)
    touched = count_touches(store, monkeypatch)
    since = str(start_ms + (RECORDS - 150) * 1000)
    body = {
        "filterGroups": [
            {"filters": [{"propertyName": "lastmodifieddate", "operator": "GT", "value": since}]}
        ],
        "sorts": [{"propertyName": "lastmodifieddate", "direction": "ASCENDING"}],
        "limit": 100,
    }
    with client_for(sandbox, hubspot) as client:
        response = client.post("/crm/v3/objects/contacts/search", json=body).json()
    assert response["total"] == 150 and len(response["results"]) == 100
    assert len(touched) <= 2 * 100


def test_pipedrive_updated_since_page(sandbox, pipedrive, start_ms, monkeypatch, clock):
    store = load_synthetic(pipedrive, "contacts", lambda n: (str(n), n), start_ms)
    touched = count_touches(store, monkeypatch)
    since = (start_ms + (RECORDS - 300) * 1000) // 1000
    stamp = datetime.fromtimestamp(since, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with client_for(sandbox, pipedrive) as client:
        first = client.get(
            "/api/v2/persons", params={"updated_since": stamp, "sort_by": "update_time", "limit": 100}
        )
        cursor = first.json()["additional_data"]["next_cursor"]
        second = client.get("/api/v2/persons", params={"updated_since": stamp, "sort_by": "update_time", "limit": 100,
                                                       "cursor": cursor})  # fmt: skip
    assert len(first.json()["data"]) == 100 and len(second.json()["data"]) == 100
    assert first.json()["data"][-1]["id"] < second.json()["data"][0]["id"]
    assert len(touched) <= 2 * 101 + 10


def test_salesforce_modstamp_query_near_the_end(sandbox, salesforce, start_ms, monkeypatch):
    store = load_synthetic(salesforce, "contacts", lambda n: (sf_id("003", n), sf_id("003", n)), start_ms)
    for record in store.records.values():
        record.values["LastName"] = "Synthetic"
    touched = count_touches(store, monkeypatch)
    cutoff = store.records[sf_id("003", RECORDS - 50)].modified_ms
    query = f"SELECT Id FROM Contact WHERE SystemModstamp > {salesforce_datetime(cutoff)} ORDER BY SystemModstamp, Id"
    with client_for(sandbox, salesforce) as client:
        body = client.get("/services/data/v67.0/query", params={"q": query}).json()
    assert body["totalSize"] == 50
    assert len(touched) <= 2 * 50
