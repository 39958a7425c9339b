"""End to end through the product: a rep's email opt-out in the CRM sandbox reaches the CDP as a suppression
(HubSpot's signed webhook, the read-back of the record, the export buffer that read fills, the export run, the
Segment batch endpoint of the CDP emulator), and the lag from the rep's click to the CDP is measured."""

import time
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest

from crm_sandbox import Sandbox
from crm_sandbox.webhooks import WebhookEmitter
from crmhub.connectors import get_connector
from crmhub.connectors.ratelimit import RateBudget
from crmhub.core.connectors import connector_factory
from crmhub.exports import jobs as export_jobs
from crmhub.exports.cdp_delivery import cdp_transport
from crmhub.exports.models import Destination, DestinationKind, ExportRun, RecordConsentState
from crmhub.exports.rows import sha256_email
from crmhub.sync import jobs as sync_jobs
from crmhub.sync.models import WebhookEndpoint
from mappings_app.schema_sync import crm_schema_sync
from tests import factories
from tests.exports.warehouse_world import outbound_op

CLIENT_SECRET = "hs-client-secret"
WRITE_KEY = "wk_e2e"


@pytest.fixture
def e2e(db, client):
    sandbox = Sandbox(seed=11)  # wall clock: the lag is real time
    sandbox.cdp.add_source(WRITE_KEY)
    account = sandbox.add_account("hubspot", name="acme", contacts=5, companies=2)
    connection = factories.make_connection(
        name="acme-hubspot",
        base_url=account.base_url,
        api_version=account.api_version,
        credentials={**account.credentials, "oauth_url": account.base_url},
    )
    endpoint = WebhookEndpoint.objects.create(connection=connection, secrets={"client_secret": CLIENT_SECRET})
    Destination.objects.create(
        name="segment",
        kind=DestinationKind.CDP,
        endpoint_url="http://sandbox.test/cdp",
        credentials={"write_key": WRITE_KEY},
        purposes=["email_marketing"],
        allowed_data_classes=["identifier", "contact_personal", "operational"],
    )

    def build(conn):
        return get_connector(conn, transport=sandbox.transport(), rate_budget=RateBudget.in_memory("e2e"))

    with build(connection) as connector:
        crm_schema_sync(connection=connection, schemas=connector.discover_schema(["contacts"]))
    users = factories.role_users()
    factories.apply_change(
        connection,
        users["admin"],
        users["approver"],
        [
            outbound_op("segment", "contacts", "email", "email_sha256", transform="sha256_email"),
            outbound_op("segment", "contacts", "lifecyclestage", "lifecycle_stage"),
        ],
    )

    def deliver(target, headers, body):
        path = urlsplit(target).path
        return client.post(path, data=body, content_type="application/json", headers=headers).status_code

    url = f"http://testserver/webhooks/hubspot/{endpoint.token}/"
    account.webhooks = WebhookEmitter(
        account, url=url, secrets={"client_secret": CLIENT_SECRET}, deliver=deliver
    )
    sync_dispatcher, export_dispatcher = sync_jobs.InlineDispatcher(), export_jobs.InlineDispatcher()

    def drain():
        while sync_dispatcher.drain() + export_dispatcher.drain():
            pass

    with (
        sync_jobs.use_dispatcher(sync_dispatcher),
        export_jobs.use_dispatcher(export_dispatcher),
        connector_factory(build),
        cdp_transport(sandbox.transport()),
    ):
        yield sandbox, account, drain


def test_a_reps_opt_out_reaches_the_cdp_as_a_suppression_and_the_lag_is_measured(e2e):
    sandbox, account, drain = e2e
    source = sandbox.cdp.source(WRITE_KEY)
    crm_id = account.record_ids("contacts")[0]
    email = account.get_record("contacts", crm_id)["email"]
    subject = f"acme-hubspot:contacts:{crm_id}"

    account.rep_edit("contacts", crm_id, {"hs_email_optout": "false"})  # reachable: the profile is sent
    drain()
    profile = next(m for m in source.messages if m["type"] == "identify")
    assert profile["userId"] == subject
    assert profile["traits"]["crm_consent"] == {"email_marketing": "opt_in"}
    assert profile["traits"]["email_sha256"] == sha256_email(email)
    assert email not in str(source.messages)  # hashed by its outbound mapping's transform

    clicked = datetime.now(UTC)
    started = time.monotonic()
    account.rep_edit("contacts", crm_id, {"hs_email_optout": "true"})  # the rep records the opt-out
    drain()
    elapsed = time.monotonic() - started

    withdrawn = [m for m in source.messages if m.get("event") == "Email Consent Withdrawn"]
    assert len(withdrawn) == 1 and withdrawn[0]["userId"] == subject
    suppression = [
        m for m in source.messages if m["type"] == "identify" and m["traits"].get("crm_suppressed")
    ]
    assert len(suppression) == 1 and "email_sha256" not in suppression[0]["traits"]
    received = datetime.fromisoformat(withdrawn[0]["receivedAt"].replace("Z", "+00:00"))
    lag = (received - clicked).total_seconds()
    assert 0 <= lag <= elapsed + 1
    state = RecordConsentState.objects.get(crm_id=crm_id)
    assert state.allowed is False and 0 <= state.lag_seconds < 300
    assert ExportRun.objects.filter(records_suppressed=1).exists()

    account.rep_edit("contacts", crm_id, {"lifecyclestage": "customer"})  # later edits: nothing more goes out
    drain()
    assert [m.get("event") for m in source.messages].count("Email Consent Withdrawn") == 1
    assert not any(
        m["type"] == "identify" and m["traits"].get("lifecycle_stage") == "customer" for m in source.messages
    )
