"""Activities (calls, emails, meetings and to-dos: the CRM's engagements) as an outbound object of their own,
through sync cycles into a warehouse (DuckDB here, PostgreSQL under the harness): the first load, an incremental
load (an edited activity, a new one), and the links to the contact, account and deal each is attached to.

Each CRM names its activities its own way: Pipedrive `activities` (a `type` of call, email, meeting...;
`person_id`, `org_id` and `deal_id`), Salesforce `Task` (`TaskSubtype`-less in the sandbox, `WhoId` for the
contact or lead, `WhatId` for the account, opportunity, case...: both polymorphic, the object read from the id's
key prefix), HubSpot `tasks` (`hs_task_type` CALL, EMAIL, MEETING, TODO), whose contacts, companies and deals are
associations, not properties: the read asks the v4 associations batch read for them (`associations.contacts`,
... in the catalog), a task may have several of each, and each is a link of its own."""

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from crm_sandbox import ManualClock, Sandbox
from crmhub.core import clock as hub_clock
from crmhub.core.connectors import connector_factory
from crmhub.exports import jobs as export_jobs
from crmhub.exports import warehouse
from crmhub.exports.models import ExportRun, ExportStatus
from crmhub.sync import jobs as sync_jobs
from crmhub.sync import services as sync_services
from crmhub.sync.models import SyncTrigger
from mappings_app.schema_sync import crm_schema_sync
from tests import factories
from tests.exports.warehouse_world import outbound_op, warehouse_destination

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Activities:
    provider: str
    object_name: str  # the connector's name for the CRM's activities
    subject: str
    kind: str  # the field saying call, email, meeting...
    links: dict  # our field -> (sandbox object it points to, the object name the relationships table gives)
    kinds: tuple  # a call, an email, a meeting in the CRM's own values
    # our field -> (sandbox object, name) the second activity points to instead (a polymorphic field's other
    # object), or several records (HubSpot associations: a list of sandbox record indexes)
    other_links: dict = None


CRMS = [
    Activities(
        "pipedrive",
        "activities",
        "subject",
        "type",
        {"person_id": ("contacts", "persons"), "org_id": ("companies", "organizations"), "deal_id": ("deals", "deals")},
        ("call", "email", "meeting"),
    ),
    Activities(
        "salesforce",
        "Task",
        "Subject",
        "",  # the sandbox's Task has no Type nor TaskSubtype: its kind is not exported here
        {"WhoId": ("contacts", "Contact"), "WhatId": ("companies", "Account")},
        ("Call", "Email", "Meeting"),
        {"WhoId": ("leads", "Lead"), "WhatId": ("deals", "Opportunity")},
    ),
    Activities(
        "hubspot",
        "tasks",
        "hs_task_subject",
        "hs_task_type",
        {"associations.contacts": ("contacts", "contacts"), "associations.companies": ("companies", "companies"),
         "associations.deals": ("deals", "deals")},
        ("CALL", "EMAIL", "MEETING"),
        {"associations.contacts": ("contacts", "contacts", [1, 2])},
    ),
]  # fmt: skip


@pytest.fixture
def activities_world(db, tmp_path, settings, request):
    crm: Activities = request.param
    settings.EXPORTS_WORK_DIR = tmp_path / "exports"
    sandbox = Sandbox(seed=7, clock=ManualClock(START))
    account = sandbox.add_account(crm.provider, name="acme", contacts=4, companies=2, deals_per_company=1.0)
    connection = factories.make_connection(
        name=f"acme-{crm.provider}",
        provider=crm.provider,
        base_url=account.base_url,
        api_version=account.api_version,
        credentials={**account.credentials, "login_url": account.base_url, "oauth_url": account.base_url},
    )
    users = factories.role_users()
    destination = warehouse_destination(tmp_path)
    build = factories.sandbox_connector_builder(sandbox)
    with build(connection) as connector:
        crm_schema_sync(connection=connection, schemas=connector.discover_schema([crm.object_name]))
    operations = [
        outbound_op(destination.name, crm.object_name, crm.subject, "subject"),
        *([outbound_op(destination.name, crm.object_name, crm.kind, "activity_type")] if crm.kind else []),
        *[outbound_op(destination.name, crm.object_name, field, _target(field)) for field in crm.links],
    ]
    factories.apply_change(connection, users["admin"], users["approver"], operations)
    dispatcher = export_jobs.InlineDispatcher()
    with (
        sync_jobs.use_dispatcher(sync_jobs.InlineDispatcher()),
        export_jobs.use_dispatcher(dispatcher),
        connector_factory(build),
        hub_clock.use_clock(sandbox.clock.now),
    ):
        yield crm, sandbox, account, connection, destination, dispatcher


def _target(field: str) -> str:
    return field.lower().replace(".", "_") + "_link"


def _activity(account, crm: Activities, subject: str, kind: str, *, other: bool = False) -> str:
    """A new activity linked to the first record of each linked object, or (`other`) to the other objects
    of `crm.other_links`; returns its id."""
    values = {crm.subject: subject, **({crm.kind: kind} if crm.kind else {})}
    links = []
    for field, (target, _name, *indexes) in _links_of(account, crm, other).items():
        ids = [account.record_ids(target)[i] for i in (indexes[0] if indexes else [0])]
        if crm.provider == "hubspot":  # associations, made with the task as HubSpot's create makes them
            links += [(target, str(i)) for i in ids]
        else:
            values[field] = ids[0]
    if crm.provider == "hubspot":
        values["hs_timestamp"] = str(account.now_ms())
    if crm.provider == "salesforce":
        values.update(Status="Not Started", Priority="Normal", OwnerId=account.rep_user_ids[0])
    name = account.object_name(crm.object_name)
    return str(account.create_record(name, values, account.rep_actor(), links or ()).id)


def _links_of(account, crm: Activities, other: bool) -> dict:
    return {**crm.links, **(crm.other_links or {})} if other else crm.links


def _expected_links(account, crm: Activities, other: bool) -> dict:
    """(field, to object) -> the ids an activity made by `_activity` is linked to."""
    expected = {}
    for field, (target, name, *indexes) in _links_of(account, crm, other).items():
        ids = [account.record_ids(target)[i] for i in (indexes[0] if indexes else [0])]
        expected[(field, name)] = {str(i) for i in ids}
    return expected


def _cycle(world) -> ExportRun:
    crm, sandbox, _account, connection, destination, dispatcher = world
    sandbox.clock.advance(seconds=60)
    run = sync_services.sync_run_request(
        connection=connection, object_name=crm.object_name, trigger=SyncTrigger.MANUAL, enqueue=False
    )
    run = sync_services.sync_run_execute(run_id=run.pk)
    assert run.status == "completed", run.error
    dispatcher.drain()
    return ExportRun.objects.filter(destination=destination).first()


@pytest.mark.parametrize("activities_world", CRMS, indirect=True, ids=[c.provider for c in CRMS])
def test_activities_load_first_and_incrementally_with_their_links(activities_world):
    world = activities_world
    crm, sandbox, account, _connection, destination, _dispatcher = world
    if crm.provider == "salesforce":  # a lead for the WhoId of the second activity
        account.create_record("leads", {"LastName": "Lovelace", "Company": "Analytical"}, account.rep_actor())
    call = _activity(account, crm, "Intro call", crm.kinds[0])
    mail = _activity(account, crm, "Pricing sent", crm.kinds[1], other=True)

    first = _cycle(world)
    assert first.status == ExportStatus.COMPLETED, first.error
    assert (first.records_received, first.records_sent, first.records_failed) == (2, 2, 0)
    table = crm.object_name.lower()
    rows = {row["crm_id"]: row for row in warehouse.table_rows(destination=destination, table=table)}
    assert rows[call]["subject"] == "Intro call"
    if crm.kind:
        assert rows[call]["activity_type"] == crm.kinds[0] and rows[mail]["activity_type"] == crm.kinds[1]
    links = {}
    for row in warehouse.table_rows(destination=destination, table=warehouse.RELATIONSHIPS):
        if row["from_object"] == crm.object_name:
            links.setdefault(row["from_id"], {}).setdefault((row["field"], row["to_object"]), set()).add(
                row["to_id"]
            )
    assert links[call] == _expected_links(account, crm, other=False)
    assert links[mail] == _expected_links(account, crm, other=True)
    assert len(links[mail]) == len(crm.links)  # one object per field, the other one where it differs
    for (field, _name), ids in _expected_links(account, crm, other=True).items():
        # the activity's row holds the id (HubSpot: the associated ids, ";"-separated, ascending)
        assert set(rows[mail][_target(field)].split(";")) == ids

    sandbox.clock.advance(seconds=60)
    account.rep_edit(account.object_name(crm.object_name), call, {crm.subject: "Intro call (done)"})
    meeting = _activity(account, crm, "Demo", crm.kinds[2])
    second = _cycle(world)
    assert second.pk != first.pk and second.status == ExportStatus.COMPLETED, second.error
    assert (second.records_received, second.records_sent) == (2, 2)  # only what changed is read again
    rows = {row["crm_id"]: row for row in warehouse.table_rows(destination=destination, table=table)}
    assert len(rows) == 3
    assert rows[call]["subject"] == "Intro call (done)"
    assert rows[mail]["subject"] == "Pricing sent"
    assert rows[meeting]["subject"] == "Demo"
    if crm.kind:
        assert rows[meeting]["activity_type"] == crm.kinds[2]
