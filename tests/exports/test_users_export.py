"""The CRM's users into the warehouse, on every CRM, through its own users API in the sandbox (HubSpot
GET /crm/v3/owners with `after` paging and archived owners, Salesforce SOQL over the User sObject, Pipedrive
GET /v1/users): a catalog object under the same outbound mappings and data classes as contacts, merged on the
user id, with each record's owner exported as a link to it, reconciled against the users API."""

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from crm_sandbox import ManualClock, Sandbox
from crmhub.core import clock as hub_clock
from crmhub.core.connectors import connector_factory
from crmhub.exports import jobs as export_jobs
from crmhub.exports import reconciliation, services, warehouse
from crmhub.exports.models import ExportRun
from crmhub.sync import jobs as sync_jobs
from crmhub.sync import services as sync_services
from crmhub.sync.models import SyncTrigger
from mappings_app.schema_sync import crm_schema_sync
from tests import factories
from tests.exports.warehouse_world import outbound_op, warehouse_destination

pytestmark = pytest.mark.usefixtures("long_lived_objects_frozen")

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Crm:
    provider: str
    users: str  # the catalog's users object
    email: str
    last_name: str
    active: str
    records: str  # a record object with an owner field
    owner_field: str
    name_field: str


CRMS = [
    Crm("hubspot", "owners", "email", "lastName", "archived", "contacts", "hubspot_owner_id", "lastname"),
    Crm("salesforce", "User", "Email", "LastName", "IsActive", "Contact", "OwnerId", "LastName"),
    Crm("pipedrive", "users", "email", "name", "active_flag", "persons", "owner_id", "name"),
]


@pytest.fixture
def users_world(db, tmp_path, settings, request):
    crm: Crm = request.param
    settings.EXPORTS_WORK_DIR = tmp_path / "exports"
    sandbox = Sandbox(seed=3, clock=ManualClock(START))
    account = sandbox.add_account(crm.provider, name="acme", contacts=10, companies=2, deals_per_company=0)
    connection = factories.make_connection(
        name=f"acme-{crm.provider}",
        provider=crm.provider,
        base_url=account.base_url,
        api_version=account.api_version,
        credentials={**account.credentials, "login_url": account.base_url, "oauth_url": account.base_url},
    )
    roles = factories.role_users()
    destination = warehouse_destination(tmp_path)
    build = factories.sandbox_connector_builder(sandbox)
    with build(connection) as connector:
        crm_schema_sync(connection=connection, schemas=connector.discover_schema([crm.users, crm.records]))
    factories.apply_change(
        connection,
        roles["admin"],
        roles["approver"],
        [
            outbound_op(destination.name, crm.users, crm.email, "email"),
            outbound_op(destination.name, crm.users, crm.last_name, "last_name"),
            outbound_op(destination.name, crm.users, crm.active, "active_state", target_type="bool"),
            outbound_op(destination.name, crm.records, crm.name_field, "name"),
            outbound_op(destination.name, crm.records, crm.owner_field, "owner_id"),
        ],
    )
    dispatcher = export_jobs.InlineDispatcher()
    with (
        sync_jobs.use_dispatcher(sync_jobs.InlineDispatcher()),
        export_jobs.use_dispatcher(dispatcher),
        connector_factory(build),
        hub_clock.use_clock(sandbox.clock.now),
    ):
        yield crm, sandbox, account, connection, destination, dispatcher, roles


def _rows(destination, table: str) -> dict:
    return {row["crm_id"]: row for row in warehouse.table_rows(destination=destination, table=table)}


CRM_IDS = [c.provider for c in CRMS]


@pytest.mark.parametrize("users_world", CRMS, indirect=True, ids=CRM_IDS)
def test_users_land_and_link_records_then_a_deactivated_and_renamed_rep_is_updated(users_world):
    """One world per CRM for both: the rep's change is read by a second users export after the first one's
    links and reconciliation were checked."""
    users_land_in_their_table_and_owners_link_records_to_them(users_world)
    a_deactivated_and_renamed_rep_is_updated_on_the_next_read(users_world)


def users_land_in_their_table_and_owners_link_records_to_them(users_world):
    crm, sandbox, account, connection, destination, dispatcher, roles = users_world
    run = services.export_run_request(destination=destination, actor=roles["admin"])
    dispatcher.drain()
    run.refresh_from_db()
    assert run.status == "completed", run.error
    users = _rows(destination, crm.users.lower())
    reps = {str(rep) for rep in account.rep_user_ids}
    assert reps <= set(users)
    some_rep = sorted(reps)[0]
    assert users[some_rep]["email"].endswith("@acme.example")
    assert users[some_rep]["last_name"]

    sandbox.clock.advance(seconds=60)
    sync = sync_services.sync_run_request(
        connection=connection, object_name=crm.records, trigger=SyncTrigger.MANUAL, enqueue=False
    )
    assert sync_services.sync_run_execute(run_id=sync.pk).status == "completed"
    dispatcher.drain()
    links = warehouse.table_rows(destination=destination, table=warehouse.RELATIONSHIPS)
    owner_links = [link for link in links if link["field"] == crm.owner_field]
    assert owner_links and all(link["to_object"] == crm.users for link in owner_links)
    assert {link["to_id"] for link in owner_links} <= set(users)

    result = reconciliation.reconcile(destination=destination)
    by_check = {(f["object"], f["check"]): f for f in result.findings}
    assert by_check[(crm.users, "count")]["ok"], by_check[(crm.users, "count")]
    coverage = by_check[(crm.records, "join coverage")]
    assert coverage["detail"] == f"{crm.owner_field} -> {crm.users}" and coverage["ok"]
    assert coverage["destination"] == 1.0


def a_deactivated_and_renamed_rep_is_updated_on_the_next_read(users_world):
    crm, sandbox, account, _connection, destination, dispatcher, roles = users_world
    rep = str(account.rep_user_ids[1])
    sandbox.clock.advance(seconds=3600)
    account.user_change(rep, last="Married-Name", active=False)
    services.export_run_request(destination=destination, actor=roles["admin"])
    dispatcher.drain()
    row = _rows(destination, crm.users.lower())[rep]
    assert "Married-Name" in row["last_name"]
    # HubSpot says "archived" (deactivated = true); Salesforce and Pipedrive say active = false.
    assert row["active_state"] is (crm.active == "archived")


@pytest.mark.parametrize("users_world", [CRMS[0]], indirect=True, ids=["hubspot"])
def test_user_emails_are_personal_data_and_a_destination_without_that_class_gets_none(users_world):
    crm, _sandbox, _account, _connection, destination, dispatcher, roles = users_world
    destination.allowed_data_classes = ["identifier", "operational"]
    destination.save()
    services.export_run_request(destination=destination, actor=roles["admin"])
    dispatcher.drain()
    row = next(iter(_rows(destination, crm.users.lower()).values()))
    assert "email" not in row and "last_name" not in row
    assert row["active_state"] is False  # operational: sent
    run = ExportRun.objects.filter(destination=destination, object_name=crm.users).first()
    assert run.records_sent == 5


def test_the_owners_api_pages_with_after_and_lists_archived_owners_apart(db):
    sandbox = Sandbox(seed=3, clock=ManualClock(START))
    account = sandbox.add_account("hubspot", name="acme", contacts=1, companies=1, deals_per_company=0)
    connection = factories.make_connection(
        base_url=account.base_url, api_version=account.api_version, credentials=account.credentials
    )
    account.user_change(account.rep_user_ids[0], active=False)
    with factories.sandbox_connector_builder(sandbox)(connection) as connector:
        first = connector._request("GET", f"{connector.base_url}/crm/v3/owners", params={"limit": 2}).json()
        users = connector.users_read()
    assert len(first["results"]) == 2 and first["paging"]["next"]["after"] == "2"
    assert len(users) == 5
    archived = [u for u in users if u.values["archived"]]
    assert [u.id for u in archived] == [str(account.rep_user_ids[0])]


@pytest.mark.parametrize("users_world", [CRMS[0]], indirect=True, ids=["hubspot"])
def test_an_object_only_exports_map_is_read_by_the_sync_schedule_and_users_are_not(users_world):
    """No flow writes to contacts here: the outbound mappings alone give it a sync state (its pages feed the
    warehouse); the owners, read through their own API, get none."""
    from crmhub.sync.models import SyncState

    crm, sandbox, _account, connection, _destination, _dispatcher, _roles = users_world
    sync_services.sync_cycles_schedule(now=sandbox.clock.now())
    states = set(SyncState.objects.filter(connection=connection).values_list("object_name", flat=True))
    assert crm.records in states and crm.users not in states
