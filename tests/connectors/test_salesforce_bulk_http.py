"""Salesforce Bulk API 2.0 and the org's request limits through the sandbox's real HTTP server (127.0.0.1):
results streamed chunk by chunk, ingest jobs for every operation with per-record results, uploads kept under
the documented size, and the concurrent long-running request limit."""

import math
import threading
import time

import httpx
import pytest

from crm_sandbox import Sandbox
from crm_sandbox.limits import salesforce_bounds
from crm_sandbox.salesforce_bulk import bulk_state
from crm_sandbox.server import serve_in_thread
from crmhub.connectors import RecordCreate, RecordUpdate, WriteStatus, get_connector
from crmhub.connectors.ratelimit import RateBudget
from crmhub.connectors.salesforce.bulk import csv_lines
from crmhub.connectors.salesforce.client import CREATE_KEY_FIELD
from tests import factories
from tests.connectors.test_sandbox_contract import EPOCH

pytestmark = pytest.mark.database_neutral  # a CRM's protocol: the SQLite pass leaves it out

FIELDS = ["Email", "Title", "AI_Score__c"]


class Recording(httpx.HTTPTransport):
    """The real HTTP transport, remembering each request (with its body) and answer status."""

    def __init__(self):
        super().__init__()
        self.sent: list[tuple[str, str, bytes]] = []
        self.statuses: list[int] = []
        self.cut_results_after: int | None = None  # bytes of the next results body before the line drops

    def handle_request(self, request):
        self.sent.append((request.method, request.url.path, request.read()))
        response = super().handle_request(request)
        self.statuses.append(response.status_code)
        if self.cut_results_after is not None and request.url.path.endswith("/results"):
            cut, self.cut_results_after = self.cut_results_after, None
            response.stream = BrokenStream(response.stream, cut, request)
        return response


class BrokenStream(httpx.SyncByteStream):
    def __init__(self, inner, cut: int, request):
        self.inner, self.cut, self.request = inner, cut, request

    def __iter__(self):
        given = 0
        for chunk in self.inner:
            if given + len(chunk) >= self.cut:
                yield chunk[: self.cut - given]
                raise httpx.ReadError("connection reset by peer", request=self.request)
            given += len(chunk)
            yield chunk

    def close(self):
        self.inner.close()


@pytest.fixture
def live(db):
    """(sandbox, account, connector, transport, sleeps) with the sandbox served over HTTP."""
    sandbox = Sandbox(seed=13)
    server = serve_in_thread(sandbox, port=0)
    account = sandbox.add_account("salesforce", name="bulk-live", contacts=60, companies=4)
    connection = factories.make_connection(
        name="bulk-live",
        provider="salesforce",
        base_url=account.base_url,
        api_version=account.api_version,
        credentials={**account.credentials, "login_url": account.base_url},
    )
    transport, sleeps = Recording(), []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        time.sleep(min(seconds, 0.3))

    connector = get_connector(
        connection, transport=transport, rate_budget=RateBudget.in_memory("bulk-live"), sleep=sleep
    )
    yield sandbox, account, connector, transport, sleeps
    connector.close()
    server.shutdown()


def puts(transport) -> list[bytes]:
    return [body for method, path, body in transport.sent if method == "PUT" and path.endswith("/batches")]


# -- query results, streamed ---------------------------------------------------------------------------


def test_csv_lines_keep_quoted_newlines_and_characters_split_across_chunks():
    text = 'Id,Title\n"1","two\nlines, ""quoted"""\r\n"2","Zoë 東京"\n"3",""'.encode()
    for size in range(1, len(text) + 1):
        chunks = [text[start : start + size] for start in range(0, len(text), size)]
        assert "".join(csv_lines(chunks)) == text.decode()
    import csv

    rows = list(csv.reader(csv_lines([text[:7], text[7:30], text[30:]])))
    assert rows[1] == ["1", 'two\nlines, "quoted"'] and rows[2] == ["2", "Zoë 東京"] and rows[3] == ["3", ""]


def test_bulk_read_over_http_matches_the_rest_read_value_for_value(live):
    _sandbox, account, connector, transport, _ = live
    first = account.record_ids("Contact")[0]
    account.rep_edit("Contact", first, {"Title": 'Head of "Growth",\nEMEA, Zoë'})
    rest = [r for page in connector.iter_changes("Contact", since=EPOCH, fields=FIELDS) for r in page]
    connector.bulk.result_chunk, connector.bulk.page_size = 25, 10
    pages = list(connector.bulk.iter_changes("Contact", since=EPOCH, fields=FIELDS))
    bulk = [r for page in pages for r in page.records]
    assert [(r.id, r.values) for r in bulk] == [(r.id, r.values) for r in rest]
    assert next(r for r in bulk if r.id == first).values["Title"] == 'Head of "Growth",\nEMEA, Zoë'
    assert len([s for s in transport.sent if s[1].endswith("/results")]) == 3


def test_a_results_body_that_breaks_off_is_read_again_without_repeats_or_gaps(live):
    _sandbox, account, connector, transport, _ = live
    connector.bulk.result_chunk, connector.bulk.page_size = 40, 7
    transport.cut_results_after = 1_500  # some rows of the first chunk arrive, then the line drops
    ids = [
        r.id
        for page in connector.bulk.iter_changes("Contact", since=EPOCH, fields=FIELDS)
        for r in page.records
    ]
    assert len(ids) == len(set(ids)) and sorted(ids) == sorted(account.record_ids("Contact"))
    results = [path for _method, path, _body in transport.sent if path.endswith("/results")]
    assert len(results) == 3  # the first chunk twice, then the second


# -- ingest jobs ----------------------------------------------------------------------------------------


def test_large_creates_upsert_on_the_marker_field_and_a_resend_creates_nothing_twice(live):
    _sandbox, account, connector, transport, _ = live
    connector.bulk_write_threshold = 3
    before = len(account.record_ids("Contact"))
    records = [
        RecordCreate(f"bulk-key-{n}", {"LastName": f"Bulk {n}", "Email": f"b{n}@example.org"})
        for n in range(4)
    ]
    records.append(RecordCreate("bulk-key-bad", {"LastName": None}))  # required field left empty
    first = connector.create("Contact", records)
    assert [r.status for r in first] == [WriteStatus.OK] * 4 + [WriteStatus.VALIDATION_ERROR]
    assert not any(r.already_existed for r in first) and all(r.record_id for r in first[:4])
    assert "REQUIRED_FIELD_MISSING" in first[4].field_errors[0].provider_code + first[4].message
    again = connector.create("Contact", records[:4])
    assert [r.record_id for r in again] == [r.record_id for r in first[:4]]
    assert all(r.already_existed for r in again)
    assert len(account.record_ids("Contact")) == before + 4
    created = account.get_record("Contact", first[0].record_id)
    assert created[CREATE_KEY_FIELD] == "bulk-key-0" and created["LastName"] == "Bulk 0"
    assert not any(path.endswith("composite/sobjects") for _m, path, _b in transport.sent)


def test_failed_results_become_per_record_results_with_the_crm_reason(live):
    _sandbox, account, connector, _transport, _ = live
    connector.bulk_write_threshold = 2
    ok, bad, gone = account.record_ids("Contact")[:3]
    account.delete("Contact", gone)
    results = connector.write(
        "Contact",
        [
            RecordUpdate(ok, {"AI_Score__c": 77}),
            RecordUpdate(bad, {"Segment__c": "galactic"}),
            RecordUpdate(gone, {"AI_Score__c": 1}),
        ],
    )
    assert [r.record_id for r in results] == [ok, bad, gone]
    assert [r.status for r in results] == [
        WriteStatus.OK,
        WriteStatus.VALIDATION_ERROR,
        WriteStatus.DELETED_OR_MERGED,
    ]
    assert results[1].field_errors[0].field == "Segment__c"
    assert results[1].field_errors[0].provider_code == "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"
    assert "galactic" in results[1].message
    assert account.get_record("Contact", ok)["AI_Score__c"] == 77.0


def test_uploads_are_split_into_jobs_under_the_upload_size(live):
    _sandbox, account, connector, transport, _ = live
    connector.bulk_write_threshold = 1
    salesforce_bounds(account, upload_bytes=4_000)  # the sandbox refuses more, counted base64-encoded
    connector.bulk.upload_bytes = 2_900
    ids = account.record_ids("Contact")[:40]
    results = connector.write(
        "Contact", [RecordUpdate(i, {"Title": f"Title number {n:03d} " * 4}) for n, i in enumerate(ids)]
    )
    assert all(r.ok for r in results)
    bodies = puts(transport)
    assert len(bodies) > 1 and all(len(body) <= 2_900 for body in bodies)
    assert sum(body.count(b"\n") - 1 for body in bodies) == 40
    assert account.get_record("Contact", ids[-1])["Title"].startswith("Title number 039")
    connector.bulk.upload_bytes = 10_000  # more than the org takes: the job is refused whole, nothing lost
    refused = connector.write("Contact", [RecordUpdate(i, {"Title": "x" * 200}) for i in ids])
    assert {r.status for r in refused} == {WriteStatus.VALIDATION_ERROR} and "at most 4000 bytes" in refused[
        0
    ].message


def test_a_record_over_the_bulk_field_size_is_refused_before_sending(live):
    _sandbox, account, connector, transport, _ = live
    connector.bulk_write_threshold = 1
    small, huge = account.record_ids("Contact")[:2]
    results = connector.write(
        "Contact", [RecordUpdate(small, {"Title": "fine"}), RecordUpdate(huge, {"Title": "y" * 32_001})]
    )
    assert results[0].ok and results[1].status == WriteStatus.VALIDATION_ERROR
    assert "32,000 characters" in results[1].message
    assert b"yyyy" not in b"".join(puts(transport))


def test_delete_keeps_records_in_the_recycle_bin_and_hard_delete_does_not(live):
    _sandbox, account, connector, _transport, _ = live
    soft, hard, missing = [*account.record_ids("Contact")[:2], "003000000000000AAA"]
    assert [r.status for r in connector.bulk.delete("Contact", [soft, missing])] == [
        WriteStatus.OK,
        WriteStatus.DELETED_OR_MERGED,
    ]
    assert connector.bulk.delete("Contact", [hard], hard=True)[0].ok
    deleted = {d.id for d in connector.iter_deleted("Contact", since=EPOCH)}
    assert soft in deleted and hard not in deleted


def test_an_unprocessed_tail_is_transient_and_the_job_is_not_left_open(live):
    _sandbox, account, connector, _transport, _ = live
    connector.bulk_write_threshold = 1
    bulk_state(account).fail_after = 2
    ids = account.record_ids("Contact")[:4]
    results = connector.write("Contact", [RecordUpdate(i, {"AI_Score__c": 5}) for i in ids])
    assert [r.status for r in results] == [WriteStatus.OK] * 2 + [WriteStatus.TRANSIENT] * 2
    assert "InternalServerError" in results[3].message
    assert bulk_state(account).jobs == {}


# -- the concurrent long-running request limit ----------------------------------------------------------


def _until_a_long_running_request_holds_the_slot(bounds, timeout_s: float = 30.0) -> None:
    """Wait for the sandbox to count a request as long-running and still running (a fixed sleep was too short on a
    busy machine: the slow request had not reached the sandbox yet)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        now = time.monotonic()
        # Answered (its end is known: it runs on for the latency added after the answer) and long-running by now.
        if any(
            now - start >= bounds.long_running_s and now < end < math.inf
            for start, end in list(bounds.running)
        ):
            return
        time.sleep(0.01)
    raise AssertionError("no request ran long in the sandbox")


def _slow_request(url: str, token: str) -> threading.Thread:
    slow = threading.Thread(
        target=httpx.get, args=(url,), kwargs={"headers": {"Authorization": f"Bearer {token}"}}
    )
    slow.start()
    return slow


def test_concurrent_long_running_requests_over_the_limit_are_refused_and_the_connector_waits(live):
    _sandbox, account, connector, transport, sleeps = live
    bounds = salesforce_bounds(
        account, enforce_api_requests=True, concurrent_long_requests=1, long_running_s=0.1
    )
    account.limits.enabled = True
    # Every request now runs long: long enough for a request sent after it on a busy machine to find it running,
    # short enough to end within the connector's rate-limit waits (5 of them; this test's sleep sleeps 0.3 s each).
    account.faults.latency_ms = 1200
    url = f"{account.base_url}/services/data/{account.api_version}/limits"
    token = account.credentials["access_token"]
    slow = _slow_request(url, token)
    _until_a_long_running_request_holds_the_slot(bounds)
    refused = httpx.get(url, headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 403
    assert refused.json() == [
        {
            "message": "ConcurrentRequests (Concurrent API Requests) Limit exceeded.",
            "errorCode": "REQUEST_LIMIT_EXCEEDED",
        }
    ]
    slow.join()
    slow = _slow_request(url, token)
    _until_a_long_running_request_holds_the_slot(bounds)
    account.faults.latency_ms = 0  # the connector's own requests are quick
    records = connector.read_records("Contact", account.record_ids("Contact")[:2], ["Email"])
    slow.join()
    assert len(records) == 2
    assert 403 in transport.statuses and transport.statuses[-1] == 200
    # It waited as long as a long-running request lasts, jittered; the daily budget was not paused for an hour.
    assert sleeps and all(20.0 <= seconds <= 30.0 for seconds in sleeps)
