"""A HubSpot sandbox account wired to a connection whose catalog maps contacts, companies and deals into a
warehouse destination (a DuckDB file in the test's tmp dir, or a PostgreSQL schema under the harness), with
sync cycles and export runs that run inline on the sandbox's clock."""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import import_module

import pytest
from django.db import connection

from crm_sandbox import ManualClock, Sandbox
from crmhub.core import clock as hub_clock
from crmhub.core.connectors import connector_factory
from crmhub.exports import jobs as export_jobs
from crmhub.exports import warehouse
from crmhub.exports.models import Destination, DestinationKind, WarehouseType
from crmhub.sync import jobs as sync_jobs
from crmhub.sync import services as sync_services
from crmhub.sync.models import SyncKind, SyncTrigger
from mappings_app.schema_sync import crm_schema_sync
from tests import factories

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
OBJECTS = ["contacts", "companies", "deals"]


def outbound_op(destination: str, object_name: str, field: str, target: str, **spec) -> dict:
    return {
        "kind": "outbound_set",
        "spec": {"destination": destination, "object": object_name, "field": field, "target": target, **spec},
    }


def base_outbound(destination: str) -> list[dict]:
    return [
        outbound_op(destination, "contacts", "email", "email"),
        outbound_op(destination, "contacts", "firstname", "first_name"),
        outbound_op(destination, "contacts", "lifecyclestage", "lifecycle_stage"),
        outbound_op(destination, "contacts", "associatedcompanyid", "company_id"),
        outbound_op(destination, "companies", "name", "name"),
        outbound_op(destination, "companies", "numberofemployees", "employees", target_type="bigint"),
        outbound_op(destination, "deals", "dealname", "name"),
        outbound_op(destination, "deals", "amount", "amount", target_type="double"),
        outbound_op(destination, "deals", "dealstage", "stage"),
        outbound_op(destination, "deals", "associatedcompanyid", "company_id"),
    ]


@dataclass
class ExportWorld:
    sandbox: Sandbox
    account: object
    connection: object
    destination: Destination
    users: dict
    sync_dispatcher: sync_jobs.InlineDispatcher
    export_dispatcher: export_jobs.InlineDispatcher

    def advance(self, seconds: float = 60) -> None:
        self.sandbox.clock.advance(seconds=seconds)

    def cycle(self, object_name: str = "contacts", kind=SyncKind.INCREMENTAL, **kwargs):
        """One sync cycle of the object, then the export runs it queued."""
        run = sync_services.sync_run_request(
            connection=self.connection,
            object_name=object_name,
            kind=kind,
            trigger=SyncTrigger.MANUAL,
            enqueue=False,
            **kwargs,
        )
        run = sync_services.sync_run_execute(run_id=run.pk)
        assert run.status == "completed", run.error
        self.export_dispatcher.drain()
        return run

    def sync_all(self) -> None:
        for name in OBJECTS:
            self.cycle(name)

    def rows(self, table: str) -> dict[str, dict]:
        return {row["crm_id"]: row for row in warehouse.table_rows(destination=self.destination, table=table)}

    def apply(self, operations: list[dict]):
        return factories.apply_change(
            self.connection, self.users["admin"], self.users["approver"], operations
        )


def _postgres_url() -> str:
    """Under the harness (tests on PostgreSQL) the destination is a real PostgreSQL: a schema of its own in
    the test database, written through dlt's own connection."""
    if connection.vendor != "postgresql":
        return ""
    params = connection.settings_dict
    return (
        f"postgresql://{params['USER']}:{params.get('PASSWORD') or ''}@{params.get('HOST') or '127.0.0.1'}:"
        f"{params.get('PORT') or 5432}/{params['NAME']}"
    )


def warehouse_destination(tmp_path, name: str = "analytics") -> Destination:
    """DuckDB in tmp, or PostgreSQL under the harness."""
    postgres = _postgres_url()
    common = {
        "name": name,
        "kind": DestinationKind.WAREHOUSE,
        "dataset_name": f"crm_{os.getpid()}_{abs(hash(str(tmp_path))) % 10**8}",
        "allowed_data_classes": ["identifier", "contact_personal", "operational"],
    }
    if postgres:
        return Destination.objects.create(
            warehouse_type=WarehouseType.POSTGRES, credentials={"connection_string": postgres}, **common
        )
    return Destination.objects.create(
        warehouse_type=WarehouseType.DUCKDB,
        credentials={"path": str(tmp_path / "warehouse.duckdb")},
        **common,
    )


@pytest.fixture(scope="module")
def long_lived_objects_frozen():
    """An export run ends every drain step with a full collection (crmhub.exports.memory: a worker's memory goes
    back); in a test process that collection walks the ~300,000 objects Django, dlt and the imported tests hold,
    0.2 s of CPU a step. Frozen for the module, they are left out of it; what the tests make is still collected.
    dlt's and the warehouses' modules are imported first (a load would import them), to be frozen too."""
    import_module("dlt.destinations.impl.duckdb.duck")
    import_module("dlt.destinations.impl.postgres.postgres")
    import_module("dlt.normalize")
    import_module("dlt.load")
    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()


@pytest.fixture
def export_world(db, tmp_path, settings):
    settings.EXPORTS_WORK_DIR = tmp_path / "exports"
    sandbox = Sandbox(seed=11, clock=ManualClock(START))
    account = sandbox.add_account("hubspot", name="acme", contacts=24, companies=4, deals_per_company=1.0)
    connection = factories.make_connection(
        name="acme-hubspot",
        base_url=account.base_url,
        api_version=account.api_version,
        credentials={**account.credentials, "oauth_url": account.base_url},
    )
    users = factories.role_users()
    destination = warehouse_destination(tmp_path)
    world = ExportWorld(
        sandbox,
        account,
        connection,
        destination,
        users,
        sync_jobs.InlineDispatcher(),
        export_jobs.InlineDispatcher(),
    )

    build = factories.sandbox_connector_builder(sandbox)

    with build(connection) as connector:
        crm_schema_sync(connection=connection, schemas=connector.discover_schema(OBJECTS))
    world.apply(base_outbound(destination.name))
    with (
        sync_jobs.use_dispatcher(world.sync_dispatcher),
        export_jobs.use_dispatcher(world.export_dispatcher),
        connector_factory(build),
        hub_clock.use_clock(sandbox.clock.now),
    ):
        yield world
