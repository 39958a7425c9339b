"""A HubSpot sandbox account wired to a connection with a catalog (one hybrid field), a webhook endpoint, and
sync jobs that run inline on the sandbox's clock."""

from contextlib import contextmanager
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
from tests.database import as_pks, from_pks, rows_for_the_module

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


def hubspot_sandbox() -> tuple[Sandbox, object]:
    """The sandbox and its HubSpot account (the same ids, records and credentials every time: they are seeded)."""
    sandbox = Sandbox(seed=5, clock=ManualClock(START))
    account = sandbox.add_account("hubspot", name="acme", contacts=30, companies=3)
    return sandbox, account


def connector_builder(sandbox: Sandbox, world: World | None = None):
    """Connectors on the sandbox whose rate budget and retry sleeps move its clock; with `world`, its budget,
    page size and wrappers apply."""

    def sleep(seconds: float) -> None:
        sandbox.clock.advance(seconds=seconds)

    def build(conn):
        settings = world.budget if world is not None else {}
        budget = settings.get("budget") or RateBudget.in_memory(
            "sync", sleep=sleep, clock=lambda: sandbox.clock.now().timestamp()
        )
        connector = get_connector(
            conn,
            transport=sandbox.transport(),
            rate_budget=budget,
            sleep=sleep,
            page_size=settings.get("page_size"),
        )
        for wrap in world.wrap if world is not None else []:
            connector = wrap(connector)
        return connector

    return build


def world_rows(sandbox: Sandbox, account) -> dict:
    """The world's rows: the account's connection (its schema read from the sandbox), the roles' users, a webhook
    endpoint and a catalog with one hybrid field."""
    connection = factories.make_connection(
        name="acme-hubspot",
        base_url=account.base_url,
        api_version=account.api_version,
        credentials={**account.credentials, "oauth_url": account.base_url},
    )
    users = factories.role_users()
    endpoint = WebhookEndpoint.objects.create(connection=connection, secrets={"client_secret": CLIENT_SECRET})
    with connector_builder(sandbox)(connection) as connector:
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
    return {"connection": connection, "users": users, "endpoint": endpoint}


@contextmanager
def world_running(sandbox: Sandbox, account, *, connection, users, endpoint):
    """The World on those rows, its sync jobs run inline on the sandbox's clock."""
    dispatcher = jobs.InlineDispatcher()
    world = World(sandbox, account, connection, endpoint, users, dispatcher)
    build = connector_builder(sandbox, world)
    with jobs.use_dispatcher(dispatcher), connector_factory(build), hub_clock.use_clock(sandbox.clock.now):
        yield world


@pytest.fixture
def world(db):
    sandbox, account = hubspot_sandbox()
    rows = world_rows(sandbox, account)
    with world_running(sandbox, account, **rows) as world:
        yield world


def _world_rows_pks():
    sandbox, account = hubspot_sandbox()
    return as_pks(world_rows(sandbox, account))


@pytest.fixture(scope="module")
def world_pks(django_db_setup, django_db_blocker):
    """The world's rows written once for a module whose `world` is `shared_world`."""
    with rows_for_the_module(django_db_blocker, _world_rows_pks) as pks:
        yield pks


@pytest.fixture
def shared_world(world_pks, db):
    """`world` on the module's rows, with a sandbox of its own (seeded as the one the rows were read from)."""
    sandbox, account = hubspot_sandbox()
    with world_running(sandbox, account, **from_pks(world_pks)) as world:
        yield world
