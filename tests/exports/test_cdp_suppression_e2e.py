"""End to end: a rep's email opt-out in the CRM sandbox reaches the CDP as a suppression through the product's
path (HubSpot's signed webhook, the read-back of the record, the export riding that read, the Segment batch
endpoint of the CDP emulator), and the lag from the rep's click to the CDP is measured.

The export listener here calls `cdp_deliver` on every committed page; the exports app's own listener (which
buffers pages per destination) does the same through its job."""

import time
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest

from crm_sandbox import Sandbox
from crm_sandbox.webhooks import WebhookEmitter
from crmhub.connectors import get_connector
from crmhub.connectors.ratelimit import RateBudget
from crmhub.core.connectors import connector_factory
from crmhub.exports import rows
from crmhub.exports.cdp_delivery import cdp_client, cdp_deliver, cdp_plan
from crmhub.exports.models import Destination, DestinationKind, RecordConsentState
from crmhub.sync import jobs, read_hooks
from crmhub.sync.models import WebhookEndpoint
from mappings_app.schema_sync import crm_schema_sync
from tests import factories

CLIENT_SECRET = "hs-client-secret"
WRITE_KEY = "wk_e2e"


class CdpExportListener:
    def __init__(self, sandbox, destination, plan):
        self.sandbox, self.destination, self.plan = sandbox, destination, plan
        self.deliveries = []

    def fields(self, *, connection, object_name):
        return self.plan.fields_to_read if object_name == self.plan.object_name else set()

    def page(self, *, connection, object_name, records, sync_run=None):
        if object_name != self.plan.object_name:
            return
        with cdp_client(destination=self.destination, transport=self.sandbox.transport()) as client:
            self.deliveries.append(
                cdp_deliver(
                    destination=self.destination,
                    connection=connection,
                    object_name=object_name,
                    records=[{"id": r.id, "modified_at": r.modified_at, "values": r.values} for r in records],
                    plan=cdp_plan(object_plan=self.plan),
                    client=client,
                )
            )

    def gone(self, *, connection, object_name, deleted, sync_run=None):
        return None


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
    destination = Destination.objects.create(
        name="segment",
        kind=DestinationKind.CDP,
        endpoint_url="http://sandbox.test/cdp",
        credentials={"write_key": WRITE_KEY},
        purposes=["email_marketing"],
        allowed_data_classes=["identifier", "operational"],
    )

    def build(conn):
        return get_connector(conn, transport=sandbox.transport(), rate_budget=RateBudget.in_memory("e2e"))

    with build(connection) as connector:
        crm_schema_sync(connection=connection, schemas=connector.discover_schema(["contacts"]))
    plan = rows.ObjectPlan(
        destination_id=destination.pk,
        connection_id=connection.pk,
        connection_name=connection.name,
        object_name="contacts",
        catalog_version=1,
        columns=[
            rows.ColumnPlan(
                1, "email", "email", "identifier", "email_sha256", "text", "sha256_email", {}, "omit"
            ),
            rows.ColumnPlan(
                2, "lifecyclestage", "picklist", "operational", "lifecycle_stage", "text", "none", {}, "omit"
            ),
        ],
        consent_rules=[rows.ConsentRule("hs_email_optout", "email_marketing", "opt_out_when_true")],
        purposes=["email_marketing"],
    )
    listener = CdpExportListener(sandbox, destination, plan)
    read_hooks.register(listener)

    def deliver(target, headers, body):
        path = urlsplit(target).path
        return client.post(path, data=body, content_type="application/json", headers=headers).status_code

    url = f"http://testserver/webhooks/hubspot/{endpoint.token}/"
    account.webhooks = WebhookEmitter(
        account, url=url, secrets={"client_secret": CLIENT_SECRET}, deliver=deliver
    )
    dispatcher = jobs.InlineDispatcher()
    try:
        with jobs.use_dispatcher(dispatcher), connector_factory(build):
            yield sandbox, account, dispatcher, listener
    finally:
        read_hooks.unregister(listener)


def test_a_reps_opt_out_reaches_the_cdp_as_a_suppression_and_the_lag_is_measured(e2e):
    sandbox, account, dispatcher, listener = e2e
    source = sandbox.cdp.source(WRITE_KEY)
    crm_id = account.record_ids("contacts")[0]
    email = account.get_record("contacts", crm_id)["email"]

    account.rep_edit("contacts", crm_id, {"hs_email_optout": "false"})  # the person is reachable: sent
    dispatcher.drain()
    profile = next(m for m in source.messages if m["type"] == "identify")
    assert profile["userId"] == f"acme-hubspot:contacts:{crm_id}"
    assert profile["traits"]["crm_consent"] == {"email_marketing": "opt_in"}
    assert profile["traits"]["email_sha256"] == rows.sha256_email(email)
    assert email not in str(source.messages)  # the identifier class goes out hashed only

    clicked = datetime.now(UTC)
    started = time.monotonic()
    account.rep_edit("contacts", crm_id, {"hs_email_optout": "true"})  # the rep records the opt-out
    dispatcher.drain()
    elapsed = time.monotonic() - started

    withdrawn = [m for m in source.messages if m.get("event") == "Email Consent Withdrawn"]
    assert len(withdrawn) == 1 and withdrawn[0]["userId"] == f"acme-hubspot:contacts:{crm_id}"
    suppression = [
        m for m in source.messages if m["type"] == "identify" and m["traits"].get("crm_suppressed")
    ]
    assert suppression and "email_sha256" not in suppression[0]["traits"]
    received = datetime.fromisoformat(withdrawn[0]["receivedAt"].replace("Z", "+00:00"))
    lag = (received - clicked).total_seconds()
    assert 0 <= lag <= elapsed + 1
    state = RecordConsentState.objects.get(crm_id=crm_id)
    assert state.allowed is False and state.lag_seconds is not None and state.lag_seconds < 300
    assert listener.deliveries[-1].suppressed == 1

    account.rep_edit("contacts", crm_id, {"lifecyclestage": "customer"})  # later edits: nothing more sent
    dispatcher.drain()
    assert [m.get("event") for m in source.messages].count("Email Consent Withdrawn") == 1
    assert listener.deliveries[-1].withheld == 1
