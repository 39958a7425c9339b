"""The Salesforce connector's Bulk API 2.0 path against the sandbox: query jobs read in chunks, ingest jobs
write with per-record results in the connector's taxonomy."""

from crm_sandbox.limits import salesforce_bounds
from crm_sandbox.salesforce_bulk import bulk_state
from crmhub.connectors import RecordUpdate, WriteStatus
from crmhub.connectors.salesforce.bulk import failed_row_result, unprocessed_result
from tests.connectors.test_sandbox_contract import EPOCH, START, crm, sandbox  # noqa: F401 - fixtures


def test_bulk_read_matches_the_rest_read_and_fetches_chunks_by_locator(crm):  # noqa: F811
    _account, connector, transport = crm("salesforce", contacts=120)
    fields = ["Email", "AI_Score__c", "LastName"]
    rest = [r for page in connector.iter_changes("Contact", since=EPOCH, fields=fields) for r in page]
    connector.bulk.result_chunk, connector.bulk.page_size = 50, 20
    pages = list(connector.bulk.iter_changes("Contact", since=EPOCH, fields=fields))
    bulk = [r for page in pages for r in page.records]
    assert [(r.id, r.modified_at, r.values) for r in bulk] == [(r.id, r.modified_at, r.values) for r in rest]
    assert max(len(page.records) for page in pages) <= 20
    results = [r for r in transport.requests if r.url.path.endswith("/results")]
    assert len(results) == 3 and results[0].url.params["maxRecords"] == "50"
    assert "locator" not in results[0].url.params and results[1].url.params["locator"]
    created = [r for r in transport.requests if r.method == "POST" and r.url.path.endswith("/jobs/query")]
    assert b'"operation":"queryAll"' in created[0].content.replace(b" ", b"")


def test_bulk_read_reports_deleted_and_merged_records_apart(crm, sandbox):  # noqa: F811
    account, connector, _ = crm("salesforce")
    gone, loser, winner = account.record_ids("Contact")[:3]
    sandbox.clock.advance(60)
    account.delete("Contact", gone)
    account.merge("Contact", loser, winner)
    pages = list(connector.bulk.iter_changes("Contact", since=START, fields=["Email"]))
    deleted = {d.id: d.merged_into for page in pages for d in page.deleted}
    live = {r.id for page in pages for r in page.records}
    assert deleted == {gone: None, loser: winner} and winner in live and gone not in live


def test_count_changes_counts_deleted_records_too(crm, sandbox):  # noqa: F811
    account, connector, _ = crm("salesforce")
    assert connector.bulk.count_changes("Contact", since=EPOCH) == 40
    sandbox.clock.advance(60)
    account.delete("Contact", account.record_ids("Contact")[0])
    assert connector.bulk.count_changes("Contact", since=START + (sandbox.clock.now() - START) / 2) == 1


def test_large_write_goes_through_an_ingest_job_with_per_record_results(crm, sandbox):  # noqa: F811
    account, connector, transport = crm("salesforce")
    connector.bulk_write_threshold = 4
    ok, bad_pick, gone, loser, winner = account.record_ids("Contact")[:5]
    account.delete("Contact", gone)
    account.merge("Contact", loser, winner)
    results = connector.write(
        "Contact",
        [
            RecordUpdate(ok, {"AI_Score__c": 91, "Title": None}),
            RecordUpdate(bad_pick, {"Segment__c": "not-a-segment"}),
            RecordUpdate(gone, {"AI_Score__c": 1}),
            RecordUpdate(loser, {"AI_Score__c": 2}),
        ],
    )
    assert [r.status for r in results] == [
        WriteStatus.OK,
        WriteStatus.VALIDATION_ERROR,
        WriteStatus.DELETED_OR_MERGED,
        WriteStatus.DELETED_OR_MERGED,
    ]
    assert results[1].field_errors[0].field == "Segment__c"
    assert results[3].surviving_id == winner
    stored = account.get_record("Contact", ok)
    assert stored["AI_Score__c"] == 91.0 and stored.get("Title") is None
    assert not any(r.url.path.endswith("composite/sobjects") for r in transport.requests)
    history = account.history("Contact", ok)
    assert history[-1].actor.kind == "integration" and history[-1].actor.client == "crmhub"


def test_small_write_stays_on_sobject_collections(crm):  # noqa: F811
    account, connector, transport = crm("salesforce")
    results = connector.write("Contact", [RecordUpdate(account.record_ids("Contact")[0], {"AI_Score__c": 5})])
    assert results[0].ok
    assert not any("/jobs/" in r.url.path for r in transport.requests)


def test_a_job_that_fails_midway_leaves_unprocessed_records_transient(crm):  # noqa: F811
    account, connector, _ = crm("salesforce")
    connector.bulk_write_threshold = 1
    bulk_state(account).fail_after = 2
    ids = account.record_ids("Contact")[:5]
    results = connector.write("Contact", [RecordUpdate(i, {"AI_Score__c": 3}) for i in ids])
    assert [r.status for r in results] == [WriteStatus.OK] * 2 + [WriteStatus.TRANSIENT] * 3
    assert "not processed by bulk job 750" in results[2].message


def test_a_spent_batch_allocation_is_rate_limited(crm):  # noqa: F811
    account, connector, _ = crm("salesforce")
    connector.bulk_write_threshold = 1
    salesforce_bounds(account, bulk_batches=0)
    results = connector.write("Contact", [RecordUpdate(account.record_ids("Contact")[0], {"AI_Score__c": 3})])
    assert results[0].status == WriteStatus.RATE_LIMITED and results[0].retry_after == 3600.0


def test_sf_error_cells_and_job_failures_map_to_the_taxonomy():
    locked = failed_row_result(
        "003A", "UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record:--"
    )
    assert locked.status == WriteStatus.TRANSIENT
    picklist = failed_row_result(
        "003A", "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:Segment: bad value: x:Segment__c"
    )
    assert picklist.status == WriteStatus.VALIDATION_ERROR and picklist.field_errors[0].field == "Segment__c"
    assert "bad value: x" in picklist.message
    bad_upload = unprocessed_result(
        "003A", {"id": "750x", "state": "Failed", "errorMessage": "InvalidBatch : x"}
    )
    assert bad_upload.status == WriteStatus.VALIDATION_ERROR


def test_jobs_are_deleted_once_their_results_are_read(crm):  # noqa: F811
    account, connector, _ = crm("salesforce")
    list(connector.bulk.iter_changes("Contact", since=EPOCH, fields=["Email"]))
    connector.bulk_write_threshold = 1
    assert connector.write("Contact", [RecordUpdate(account.record_ids("Contact")[0], {"AI_Score__c": 4})])[
        0
    ].ok
    assert len(connector.bulk.jobs_run) == 2 and bulk_state(account).jobs == {}
