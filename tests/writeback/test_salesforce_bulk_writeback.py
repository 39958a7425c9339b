"""Write-back to Salesforce above the bulk threshold goes through Bulk API 2.0 ingest jobs (the sandbox served
over HTTP on 127.0.0.1): the CRM's per-record refusals (failedResults, sf__Error) become rejected values with
the CRM's reason, kept and replayable; a backlog released at once is sent in bulk-sized write jobs."""

from datetime import UTC, datetime

import httpx
import pytest
from django.db import transaction

from crm_sandbox import ManualClock, Sandbox
from crm_sandbox.salesforce import ValidationRule, validation_rules
from crm_sandbox.server import serve_in_thread
from crmhub.connectors import get_connector
from crmhub.connectors.ratelimit import RateBudget
from crmhub.core import clock as pipeline_clock
from crmhub.core.connectors import connector_factory
from crmhub.writeback import halts, jobs, pipeline, services
from crmhub.writeback.models import FlowWritebackSettings, OutcomeStatus, WriteOutcome
from identity_app.services import mirror_upsert
from mappings_app.models import CrmObject, Flow
from mappings_app.schema_sync import crm_schema_sync
from tests import factories

START = datetime(2026, 11, 4, 9, 0, tzinfo=UTC)


class Recording(httpx.HTTPTransport):
    def __init__(self):
        super().__init__()
        self.sent: list[tuple[str, str, bytes]] = []

    def handle_request(self, request):
        self.sent.append((request.method, request.url.path, request.read()))
        return super().handle_request(request)

    def uploads(self) -> list[bytes]:
        return [body for method, path, body in self.sent if method == "PUT" and path.endswith("/batches")]

    def collections(self) -> int:
        return sum(
            1 for method, path, _ in self.sent if method == "PATCH" and path.endswith("composite/sobjects")
        )


@pytest.fixture
def sf(db, settings):
    settings.SALESFORCE_BULK_WRITE_THRESHOLD = 5
    sandbox = Sandbox(seed=17, clock=ManualClock(START))
    server = serve_in_thread(sandbox, port=0)
    account = sandbox.add_account("salesforce", name="acme-sf", contacts=40, companies=3)
    connection = factories.make_connection(
        name="acme-sf",
        provider="salesforce",
        base_url=account.base_url,
        api_version=account.api_version,
        credentials={**account.credentials, "login_url": account.base_url},
    )
    transport = Recording()

    def sleep(seconds: float) -> None:
        sandbox.clock.advance(seconds=seconds)

    def build(conn):
        budget = RateBudget.in_memory("wb-sf", sleep=sleep, clock=lambda: sandbox.clock.now().timestamp())
        return get_connector(conn, transport=transport, rate_budget=budget, sleep=sleep)

    users = factories.role_users()
    with build(connection) as connector:
        crm_schema_sync(connection=connection, schemas=connector.discover_schema(["Contact"]))
    factories.apply_change(
        connection,
        users["admin"],
        users["approver"],
        [
            factories.ownership_op("AI_Score__c", "ai_owned", object_name="Contact"),
            factories.ownership_op("Segment__c", "ai_owned", object_name="Contact"),
            factories.mapping_op("score", "AI_Score__c", object_name="Contact", source_type="number"),
            factories.mapping_op("segment", "Segment__c", object_name="Contact"),
        ],
    )
    flow = Flow.objects.create(
        connection=connection,
        name="scores to Salesforce",
        source_system="lead_scorer",
        crm_object=CrmObject.objects.get(connection=connection, name="Contact"),
        mode="live",
    )
    FlowWritebackSettings.objects.create(
        flow=flow,
        retry_base_seconds=0,
        verification_sample_rate=1.0,
        schema_check_seconds=86_400,
        schema_checked_at=START,
    )
    factories.grant_flow(users["integration"], flow)
    mirror_upsert(
        connection=connection,
        object_name="Contact",
        records=[
            {"id": rid, "values": account.get_record("Contact", rid), "modified_at": START.isoformat()}
            for rid in account.record_ids("Contact")
        ],
    )
    dispatcher = jobs.InlineDispatcher()
    pipeline._read_credit.clear()
    with (
        jobs.use_dispatcher(dispatcher),
        connector_factory(build),
        pipeline_clock.use_clock(sandbox.clock.now),
    ):
        yield {
            "sandbox": sandbox,
            "account": account,
            "flow": flow,
            "users": users,
            "transport": transport,
            "dispatcher": dispatcher,
        }
    server.shutdown()


def outputs(sf, ids: list[str], **values) -> list[dict]:
    return [
        {
            "flow": sf["flow"].pk,
            "source_system": "lead_scorer",
            "object_type": "Contact",
            "external_id": f"ext-{crm_id}",
            "identifiers": {"crm_id": crm_id},
            "values": {"score": 60 + n, **values},
            "observed_at": sf["sandbox"].clock.now().isoformat(),
            "idempotency_key": f"bulk-wb-{crm_id}",
        }
        for n, crm_id in enumerate(ids)
    ]


def post(sf, records: list[dict]) -> None:
    services.outputs_ingest(user=sf["users"]["integration"], records=records)
    sf["dispatcher"].drain()


def test_crm_refusals_in_failed_results_become_rejected_values_with_the_crms_reason(sf):
    account = sf["account"]
    ids = account.record_ids("Contact")[:8]
    # A validation rule of the org's own: only the CRM knows a score over 100 is refused.
    rule = ValidationRule("Contact", "AI_Score__c", lambda score: score <= 100, "AI score must be 0 to 100")
    validation_rules(account).append(rule)
    records = outputs(sf, ids, segment="Enterprise")
    for record in records[5:]:
        record["values"]["score"] += 100
    post(sf, records)

    uploads = sf["transport"].uploads()
    assert len(uploads) == 1 and uploads[0].count(b"\n") == 9  # one ingest job: a header and 8 rows
    assert sf["transport"].collections() == 0
    scores = WriteOutcome.objects.filter(crm_field__name="AI_Score__c")
    refused = list(scores.filter(inbound__crm_id__in=ids[5:]))
    assert len(refused) == 3
    for outcome in refused:
        assert (outcome.status, outcome.failure_kind) == (OutcomeStatus.DEAD_LETTERED, "crm_rejected")
        assert outcome.reason == "The CRM refused the value: AI score must be 0 to 100"
        assert (
            account.get_record("Contact", outcome.inbound.crm_id).get("AI_Score__c") != outcome.planned_value
        )
    # Salesforce refuses a row whole: the segment sent with it is refused, with the CRM's message, too.
    segments = WriteOutcome.objects.filter(crm_field__name="Segment__c", inbound__crm_id__in=ids[5:])
    assert {(o.status, o.failure_kind) for o in segments} == {(OutcomeStatus.DEAD_LETTERED, "crm_rejected")}
    assert all("AI score must be 0 to 100" in o.reason for o in segments)
    written = scores.filter(inbound__crm_id__in=ids[:5])
    assert {o.status for o in written} <= {OutcomeStatus.WRITTEN, OutcomeStatus.WRITTEN_VERIFIED}
    assert [account.get_record("Contact", i)["AI_Score__c"] for i in ids[:2]] == [60.0, 61.0]

    # Kept and replayable: once the org drops its rule, a replay writes every refused value.
    validation_rules(account).remove(rule)
    dead = list(WriteOutcome.objects.filter(status=OutcomeStatus.DEAD_LETTERED))
    summary = services.dead_letters_replay(outcomes=dead, actor=sf["users"]["admin"])
    sf["dispatcher"].drain()
    assert len(summary.replayed) == 6 and not summary.refused
    assert [account.get_record("Contact", i)["AI_Score__c"] for i in ids[5:]] == [165.0, 166.0, 167.0]
    assert [account.get_record("Contact", i)["Segment__c"] for i in ids[5:]] == ["Enterprise"] * 3


def test_a_released_backlog_goes_out_in_bulk_sized_write_jobs(sf, monkeypatch, settings):
    monkeypatch.setattr(pipeline, "BULK_WRITE_JOB_RECORDS", 20)
    settings.SALESFORCE_BULK_WRITE_THRESHOLD = 10
    account, flow = sf["account"], sf["flow"]
    ids = account.record_ids("Contact")[:25]
    with transaction.atomic():
        halts.connection_pause(connection=flow.connection, flow=flow, reason="token revoked (test)")
    for start in range(0, 25, 4):  # small posts: each alone would stay on sObject Collections
        post(sf, outputs(sf, ids[start : start + 4]))
    assert not sf["transport"].uploads() and sf["transport"].collections() == 0
    assert account.get_record("Contact", ids[0]).get("AI_Score__c") != 60.0

    services.connection_resume(connection=flow.connection, actor=sf["users"]["admin"])
    sf["dispatcher"].drain()
    uploads = sf["transport"].uploads()
    assert len(uploads) == 1 and uploads[0].count(b"\n") == 21  # 20 records in one ingest job
    assert sf["transport"].collections() >= 1  # the remaining 5 went through Collections
    assert [account.get_record("Contact", i)["AI_Score__c"] for i in ids[:2]] == [60.0, 61.0]
    assert not WriteOutcome.objects.filter(
        status__in=[OutcomeStatus.PENDING, OutcomeStatus.IN_FLIGHT, OutcomeStatus.RETRY_WAIT]
    ).exists()
