"""A HubSpot sandbox account wired to a connection, a sound catalog, a flow, a mirror, and a pipeline that
runs inline on the sandbox's clock."""

import contextlib
import copy
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from crm_sandbox import ManualClock, Sandbox
from crmhub.connectors import get_connector
from crmhub.connectors.ratelimit import RateBudget
from crmhub.core import clock as pipeline_clock
from crmhub.core.connectors import connector_factory
from crmhub.writeback import jobs, pipeline, services
from crmhub.writeback.models import FlowWritebackSettings, InboundRecord
from identity_app.services import mirror_upsert
from mappings_app.models import CrmObject, Flow
from mappings_app.schema_sync import crm_schema_sync
from tests import factories

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
SOURCE = "lead_scorer"


def catalog_ops(segment_policy: str = "flag") -> list[dict]:
    return [
        factories.ownership_op("ai_score", "ai_owned"),
        factories.ownership_op("ai_score_updated_at", "ai_owned"),
        factories.ownership_op("ai_segment", "hybrid", segment_policy),
        factories.ownership_op("lifecyclestage", "rep_owned"),
        factories.mapping_op(
            "score", "ai_score", source_type="number", timestamp_field="ai_score_updated_at"
        ),
        factories.mapping_op("segment", "ai_segment"),
    ]


@dataclass
class World:
    sandbox: Sandbox
    account: object
    connection: object
    flow: Flow
    settings: FlowWritebackSettings
    users: dict
    dispatcher: jobs.InlineDispatcher
    transport_calls: list

    @property
    def ids(self) -> list[str]:
        return self.account.record_ids("contacts")

    def email_of(self, crm_id: str) -> str:
        return self.account.get_record("contacts", crm_id)["email"]

    def output(self, crm_id: str, key: str, observed_at: datetime | None = None, **values) -> dict:
        return {
            "flow": self.flow.pk,
            "source_system": SOURCE,
            "object_type": "contacts",
            "external_id": f"ext-{crm_id}",
            "identifiers": {"crm_id": crm_id},
            "values": values or {"score": 42.5},
            "observed_at": (observed_at or self.sandbox.clock.now()).isoformat(),
            "idempotency_key": key,
        }

    def post(self, records: list[dict]):
        results = services.outputs_ingest(user=self.users["integration"], records=records)
        self.run()
        return results

    def run(self) -> int:
        return self.dispatcher.drain()

    def crm_value(self, crm_id: str, field: str):
        return self.account.get_record("contacts", crm_id).get(field)

    def our_writes(self, crm_id: str, field: str) -> list:
        return [
            entry
            for entry in self.account.history("contacts", crm_id)
            if entry.field == field
            and entry.actor.kind == "integration"
            and entry.at_ms >= START.timestamp() * 1000
        ]

    def record(self, key: str) -> InboundRecord:
        return InboundRecord.objects.get(idempotency_key=key)


@pytest.fixture
def world(db):
    with sandbox_world() as built:
        yield built


@contextlib.contextmanager
def sandbox_world():
    """The `world` fixture's world, for a fixture of a wider scope too (the caller opens the database)."""
    sandbox, account, connection, users, flow, settings = world_rows()
    pipeline._read_credit.clear()
    pipeline._read_credit[flow.pk] = 1.0  # a worker whose sampling phase reads the flow's first batch
    with pipeline_on(sandbox) as dispatcher:
        yield World(sandbox, account, connection, flow, settings, users, dispatcher, [])


def world_rows():
    """The sandbox account and the world's rows: connection, catalog, live flow and its settings, mirror."""
    sandbox = Sandbox(seed=11, clock=ManualClock(START))
    account = sandbox.add_account("hubspot", name="acme", contacts=30, companies=3)
    credentials = {**account.credentials, "oauth_url": account.base_url}
    connection = factories.make_connection(
        name="acme-hubspot",
        base_url=account.base_url,
        api_version=account.api_version,
        credentials=credentials,
    )
    users = factories.role_users()
    flow, settings = setup_flow(connection, account, connector_builder(sandbox), users)
    return sandbox, account, connection, users, flow, settings


def connector_builder(sandbox):
    """Connectors on the in-process sandbox whose rate budget and retry sleeps move its manual clock."""

    def sleep(seconds: float) -> None:
        sandbox.clock.advance(seconds=seconds)

    def build(conn):
        return get_connector(
            conn,
            transport=sandbox.transport(),
            rate_budget=RateBudget.in_memory(
                "wb", sleep=sleep, clock=lambda: sandbox.clock.now().timestamp()
            ),
            sleep=sleep,
        )

    return build


@contextlib.contextmanager
def pipeline_on(sandbox):
    """The pipeline inline (its dispatcher yielded), its connectors on `sandbox`, on the sandbox's clock."""
    dispatcher = jobs.InlineDispatcher()
    with (
        jobs.use_dispatcher(dispatcher),
        connector_factory(connector_builder(sandbox)),
        pipeline_clock.use_clock(sandbox.clock.now),
    ):
        yield dispatcher


def sandbox_copy(sandbox: Sandbox) -> Sandbox:
    """An independent copy of a sandbox: every account's records, history, tokens, faults and its clock. Tests
    that share rows built once start each from a copy of the sandbox those rows were built with."""
    fresh_locks = {
        id(sandbox.lock): threading.RLock(),
        id(sandbox.clock._lock): threading.Lock(),
        id(sandbox.cdp.lock): threading.RLock(),
    }
    return copy.deepcopy(sandbox, fresh_locks)


def setup_flow(connection, account, build_connector, users, **settings):
    """Catalog from the CRM's schema, the score catalog applied by two admins, a live flow, the mirror."""
    with build_connector(connection) as connector:
        crm_schema_sync(connection=connection, schemas=connector.discover_schema(["contacts"]))
    factories.apply_change(connection, users["admin"], users["approver"], catalog_ops())
    flow = Flow.objects.create(
        connection=connection,
        name="lead scores",
        source_system=SOURCE,
        crm_object=CrmObject.objects.get(connection=connection, name="contacts"),
        mode="live",
    )
    options = {"retry_base_seconds": 0, "verification_sample_rate": 1.0, **settings}
    flow_settings = FlowWritebackSettings.objects.create(flow=flow, **options)
    factories.grant_flow(users["integration"], flow)
    mirror_upsert(
        connection=connection,
        object_name="contacts",
        records=[
            {"id": rid, "values": account.get_record("contacts", rid), "modified_at": START.isoformat()}
            for rid in account.record_ids("contacts")
        ],
    )
    return flow, flow_settings


def later(world, seconds: float = 60) -> datetime:
    world.sandbox.clock.advance(seconds=seconds)
    return world.sandbox.clock.now()


__all__ = ["START", "later", "timedelta"]
