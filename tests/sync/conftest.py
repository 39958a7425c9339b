"""A HubSpot sandbox account wired to a connection with a catalog (one hybrid field), a webhook endpoint, and
sync jobs that run inline on the sandbox's clock."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest

from crm_sandbox import ManualClock, Sandbox
from crm_sandbox.webhooks import WebhookEmitter
from crmhub.connectors import get_connector
from crmhub.connectors.ratelimit import RateBudget
from crmhub.core import clock as hub_clock
from crmhub.core.connectors import connector_factory
from crmhub.sync import jobs, services
from crmhub.sync.models import SyncKind, SyncTrigger, WebhookEndpoint
from identity_app.models import MirrorRecord
from mappings_app.schema_sync import crm_schema_sync
from tests import factories

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
CLIENT_SECRET = "hs-client-secret"


@dataclass
class World:
    sandbox: Sandbox
    account: object
    connection: object
    endpoint: WebhookEndpoint
    users: dict
    dispatcher: jobs.InlineDispatcher
    budget: dict = field(default_factory=dict)
    wrap: list = field(default_factory=list)  # callables(connector) -> connector, applied in order

    def advance(self, seconds: float = 60) -> None:
        self.sandbox.clock.advance(seconds=seconds)

    def cycle(self, kind=SyncKind.INCREMENTAL, **kwargs):
        run = services.sync_run_request(
            connection=self.connection,
            object_name="contacts",
            kind=kind,
            trigger=SyncTrigger.MANUAL,
            enqueue=False,
            **kwargs,
        )
        return services.sync_run_execute(run_id=run.pk)

    def mirror(self, crm_id: str) -> MirrorRecord:
        return MirrorRecord.objects.get(connection=self.connection, object_name="contacts", crm_id=crm_id)

    def emitter(self, client, **kwargs) -> WebhookEmitter:
        url = f"http://testserver/webhooks/hubspot/{self.endpoint.token}/"

        def deliver(target, headers, body):
            return client.post(
                urlsplit(target).path, data=body, content_type="application/json", headers=headers
            ).status_code

        emitter = WebhookEmitter(
            self.account, url=url, secrets={"client_secret": CLIENT_SECRET}, deliver=deliver, **kwargs
        )
        self.account.webhooks = emitter
        return emitter


@pytest.fixture
def world(db):
    sandbox = Sandbox(seed=5, clock=ManualClock(START))
    account = sandbox.add_account("hubspot", name="acme", contacts=30, companies=3)
    connection = factories.make_connection(
        name="acme-hubspot",
        base_url=account.base_url,
        api_version=account.api_version,
        credentials={**account.credentials, "oauth_url": account.base_url},
    )
    users = factories.role_users()
    endpoint = WebhookEndpoint.objects.create(connection=connection, secrets={"client_secret": CLIENT_SECRET})
    dispatcher = jobs.InlineDispatcher()
    world = World(sandbox, account, connection, endpoint, users, dispatcher)

    def sleep(seconds: float) -> None:
        sandbox.clock.advance(seconds=seconds)

    def build(conn):
        budget = world.budget.get("budget") or RateBudget.in_memory(
            "sync", sleep=sleep, clock=lambda: sandbox.clock.now().timestamp()
        )
        connector = get_connector(
            conn,
            transport=sandbox.transport(),
            rate_budget=budget,
            sleep=sleep,
            page_size=world.budget.get("page_size"),
        )
        for wrap in world.wrap:
            connector = wrap(connector)
        return connector

    with build(connection) as connector:
        crm_schema_sync(connection=connection, schemas=connector.discover_schema(["contacts"]))
    factories.apply_change(
        connection,
        users["admin"],
        users["approver"],
        [
            factories.ownership_op("ai_score", "ai_owned"),
            factories.ownership_op("ai_segment", "hybrid", "flag"),
            factories.ownership_op("lifecyclestage", "rep_owned"),
            factories.mapping_op("score", "ai_score", source_type="number"),
            factories.mapping_op("segment", "ai_segment"),
        ],
    )
    with jobs.use_dispatcher(dispatcher), connector_factory(build), hub_clock.use_clock(sandbox.clock.now):
        yield world
