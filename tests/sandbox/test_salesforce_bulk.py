"""The sandbox's Bulk API 2.0: job states on polls, CSV results in chunks by locator, ingest results, limits."""

import csv
import io

import pytest

from crm_sandbox.limits import salesforce_bounds
from crm_sandbox.salesforce_bulk import bulk_state
from tests.sandbox.conftest import client_for

JOBS = "/services/data/v67.0/jobs"


@pytest.fixture
def sf(sandbox, salesforce):
    with client_for(sandbox, salesforce) as client:
        yield client


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.text)))


def poll_until_done(sf, kind: str, job_id: str) -> dict:
    states = []
    for _ in range(10):
        info = sf.get(f"{JOBS}/{kind}/{job_id}").json()
        states.append(info["state"])
        if info["state"] in ("JobComplete", "Failed", "Aborted"):
            info["seen"] = states
            return info
    raise AssertionError(f"job never finished: {states}")


def test_query_job_goes_through_its_states_and_pages_results_by_locator(sf, salesforce):
    created = sf.post(f"{JOBS}/query", json={"operation": "query", "query": "SELECT Id, Email FROM Contact"})
    assert created.status_code == 200
    job = created.json()
    assert job["state"] == "UploadComplete" and job["id"].startswith("750") and job["contentType"] == "CSV"
    early = sf.get(f"{JOBS}/query/{job['id']}/results")
    assert early.status_code == 412 and early.json()[0]["errorCode"] == "JOB_NOT_COMPLETE"
    info = poll_until_done(sf, "query", job["id"])
    assert info["seen"] == ["InProgress", "JobComplete"] and info["numberRecordsProcessed"] == 60

    seen, locator, chunks = [], None, 0
    while True:
        params = {"maxRecords": 25, **({"locator": locator} if locator else {})}
        page = sf.get(f"{JOBS}/query/{job['id']}/results", params=params)
        assert page.headers["content-type"].startswith("text/csv")
        rows = rows_of(page)
        assert rows[0] == ["Id", "Email"]
        assert int(page.headers["Sforce-NumberOfRecords"]) == len(rows) - 1
        seen += [row[0] for row in rows[1:]]
        chunks += 1
        locator = page.headers["Sforce-Locator"]
        if locator == "null":
            break
    assert chunks == 3 and seen == salesforce.record_ids("Contact")
    # A locator names the same chunk every time.
    again = sf.get(f"{JOBS}/query/{job['id']}/results", params={"maxRecords": 25, "locator": "MjU"})
    assert [row[0] for row in rows_of(again)[1:]] == seen[25:50]


def test_query_all_includes_deleted_and_merged_records(sf, salesforce):
    gone, loser, winner = salesforce.record_ids("Contact")[:3]
    salesforce.delete("Contact", gone)
    salesforce.merge("Contact", loser, winner)
    soql = "SELECT Id, IsDeleted, MasterRecordId FROM Contact WHERE IsDeleted = true"
    plain = sf.post(f"{JOBS}/query", json={"operation": "query", "query": soql}).json()
    every = sf.post(f"{JOBS}/query", json={"operation": "queryAll", "query": soql}).json()
    poll_until_done(sf, "query", plain["id"])
    poll_until_done(sf, "query", every["id"])
    assert rows_of(sf.get(f"{JOBS}/query/{plain['id']}/results"))[1:] == []
    found = {row[0]: row for row in rows_of(sf.get(f"{JOBS}/query/{every['id']}/results"))[1:]}
    assert found[gone] == [gone, "true", ""] and found[loser] == [loser, "true", winner]


def test_query_job_refuses_a_bad_field_and_aggregates(sf):
    bad = sf.post(f"{JOBS}/query", json={"operation": "query", "query": "SELECT Id, Nope__c FROM Contact"})
    assert bad.status_code == 400 and bad.json()[0]["errorCode"] == "INVALID_FIELD"
    count = sf.post(f"{JOBS}/query", json={"operation": "query", "query": "SELECT COUNT() FROM Contact"})
    assert count.status_code == 400 and isinstance(count.json(), list)


def ingest(sf, body: bytes, operation: str = "update") -> dict:
    job = sf.post(f"{JOBS}/ingest", json={"object": "Contact", "operation": operation}).json()
    assert job["state"] == "Open" and job["contentUrl"].endswith("/batches")
    upload = sf.put(f"{JOBS}/ingest/{job['id']}/batches", content=body, headers={"Content-Type": "text/csv"})
    assert upload.status_code == 201
    closed = sf.patch(f"{JOBS}/ingest/{job['id']}", json={"state": "UploadComplete"})
    assert closed.json()["state"] == "UploadComplete"
    return poll_until_done(sf, "ingest", job["id"])


def test_ingest_update_reports_successful_and_failed_rows(sf, salesforce):
    first, second = salesforce.record_ids("Contact")[:2]
    body = (
        f'"Id","AI_Score__c","Segment__c"\n"{first}","77","#N/A"\n"{second}","12","not-a-segment"\n'.encode()
    )
    info = ingest(sf, body)
    assert info["state"] == "JobComplete" and info["numberRecordsProcessed"] == 2
    assert info["numberRecordsFailed"] == 1
    assert salesforce.get_record("Contact", first)["AI_Score__c"] == 77.0
    ok = rows_of(sf.get(f"{JOBS}/ingest/{info['id']}/successfulResults"))
    assert ok == [
        ["sf__Id", "sf__Created", "Id", "AI_Score__c", "Segment__c"],
        [first, "false", first, "77", "#N/A"],
    ]
    failed = rows_of(sf.get(f"{JOBS}/ingest/{info['id']}/failedResults"))
    assert failed[0][:2] == ["sf__Id", "sf__Error"]
    assert failed[1][1].startswith("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:") and failed[1][1].endswith(
        ":Segment__c"
    )


def test_ingest_upsert_creates_then_updates_by_the_external_id_and_refuses_other_fields(sf, salesforce):
    plain = sf.post(
        f"{JOBS}/ingest", json={"object": "Contact", "operation": "upsert", "externalIdFieldName": "Title"}
    )
    assert plain.status_code == 400 and "not an External ID" in plain.json()[0]["message"]
    body = b'"CrmHub_Create_Key__c","LastName"\n"key-0001","Upserted"\n"key-0002",""\n'
    job = sf.post(
        f"{JOBS}/ingest",
        json={"object": "Contact", "operation": "upsert", "externalIdFieldName": "CrmHub_Create_Key__c"},
    ).json()
    assert job["externalIdFieldName"] == "CrmHub_Create_Key__c"
    sf.put(f"{JOBS}/ingest/{job['id']}/batches", content=body, headers={"Content-Type": "text/csv"})
    sf.patch(f"{JOBS}/ingest/{job['id']}", json={"state": "UploadComplete"})
    first = poll_until_done(sf, "ingest", job["id"])
    created = rows_of(sf.get(f"{JOBS}/ingest/{first['id']}/successfulResults"))
    assert created[0] == ["sf__Id", "sf__Created", "CrmHub_Create_Key__c", "LastName"]
    assert created[1][1:] == ["true", "key-0001", "Upserted"] and created[1][0].startswith("003")
    failed = rows_of(sf.get(f"{JOBS}/ingest/{first['id']}/failedResults"))
    assert failed[1][1].startswith("REQUIRED_FIELD_MISSING:") and failed[1][2] == "key-0002"
    again = sf.post(
        f"{JOBS}/ingest",
        json={"object": "Contact", "operation": "upsert", "externalIdFieldName": "CrmHub_Create_Key__c"},
    ).json()
    sf.put(
        f"{JOBS}/ingest/{again['id']}/batches",
        content=b'"CrmHub_Create_Key__c","LastName"\n"key-0001","Renamed"\n',
        headers={"Content-Type": "text/csv"},
    )
    sf.patch(f"{JOBS}/ingest/{again['id']}", json={"state": "UploadComplete"})
    poll_until_done(sf, "ingest", again["id"])
    updated = rows_of(sf.get(f"{JOBS}/ingest/{again['id']}/successfulResults"))
    assert updated[1][:2] == [created[1][0], "false"]
    assert salesforce.get_record("Contact", created[1][0])["LastName"] == "Renamed"


def test_ingest_failure_leaves_the_rest_unprocessed(sf, salesforce):
    ids = salesforce.record_ids("Contact")[:4]
    bulk_state(salesforce).fail_after = 1
    body = ('"Id","Title"\n' + "".join(f'"{i}","Chief"\n' for i in ids)).encode()
    info = ingest(sf, body)
    assert info["state"] == "Failed" and info["errorMessage"]
    unprocessed = rows_of(sf.get(f"{JOBS}/ingest/{info['id']}/unprocessedrecords"))
    assert unprocessed[0] == ["Id", "Title"] and [row[0] for row in unprocessed[1:]] == ids[1:]


def test_ingest_with_an_unknown_column_fails_the_job(sf, salesforce):
    first = salesforce.record_ids("Contact")[0]
    info = ingest(sf, f'"Id","Nope__c"\n"{first}","x"\n'.encode())
    assert info["state"] == "Failed" and info["errorMessage"].startswith("InvalidBatch")


def test_second_upload_and_oversized_upload_are_refused(sf, salesforce):
    salesforce_bounds(salesforce, upload_bytes=100)
    job = sf.post(f"{JOBS}/ingest", json={"object": "Contact", "operation": "update"}).json()
    url = f"{JOBS}/ingest/{job['id']}/batches"
    too_big = sf.put(url, content=b'"Id"\n' + b'"003"\n' * 40, headers={"Content-Type": "text/csv"})
    assert too_big.status_code == 400 and too_big.json()[0]["errorCode"] == "EXCEEDED_QUOTA"
    assert sf.put(url, content=b'"Id"\n', headers={"Content-Type": "text/csv"}).status_code == 201
    twice = sf.put(url, content=b'"Id"\n', headers={"Content-Type": "text/csv"})
    assert twice.status_code == 400 and twice.json()[0]["errorCode"] == "INVALIDJOBSTATE"


def test_limits_resource_reports_bulk_allocations_as_they_are_spent(sf, salesforce):
    before = sf.get("/services/data/v67.0/limits").json()
    assert before["DailyBulkV2QueryJobs"] == {"Max": 10_000, "Remaining": 10_000}
    assert before["DailyBulkApiBatches"]["Max"] == 15_000 and "DailyBulkV2QueryFileStorageMB" in before
    sf.post(f"{JOBS}/query", json={"operation": "query", "query": "SELECT Id FROM Contact"})
    ingest(sf, f'"Id","Title"\n"{salesforce.record_ids("Contact")[0]}","Chief"\n'.encode())
    after = sf.get("/services/data/v67.0/limits").json()
    assert after["DailyBulkV2QueryJobs"]["Remaining"] == 9_999
    assert after["DailyBulkApiBatches"]["Remaining"] == 14_999


def test_query_jobs_over_the_daily_allocation_are_refused_until_the_day_rolls(sf, salesforce, clock):
    salesforce_bounds(salesforce, bulk_query_jobs=2, day_s=60)
    body = {"operation": "query", "query": "SELECT Id FROM Contact"}
    assert [sf.post(f"{JOBS}/query", json=body).status_code for _ in range(3)] == [200, 200, 403]
    clock.advance(61)
    assert sf.post(f"{JOBS}/query", json=body).status_code == 200
