"""The consent scenarios end to end on every CRM, through sync cycles into a warehouse destination that needs
email-marketing consent: opt-in (sent), consent missing (not sent), opt-out (the row stays, flagged, and the
withdrawal is recorded with its lag) and re-opt-in (the flag cleared). Each CRM speaks its own consent
fields: Salesforce Contact `HasOptedOutOfEmail` (a boolean, never null) and, for a destination that needs
phone-call consent, `DoNotCall`, Pipedrive person `marketing_status` (subscribed, unsubscribed, archived,
no_consent; returned only when asked for by include_fields; archived is a withdrawal too), HubSpot contact
`hs_email_optout` (a "true"/"false" string, empty until set)."""

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from crm_sandbox import ManualClock, Sandbox
from crmhub.core import clock as hub_clock
from crmhub.core.connectors import connector_factory
from crmhub.exports import jobs as export_jobs
from crmhub.exports import warehouse
from crmhub.exports.models import ExportRun, SuppressionDelivery
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
    object_name: str  # the connector's object
    name_field: str  # a field the destination receives
    consent_field: str
    opted_in: object
    opted_out: object
    missing: object | None  # None: the CRM's field is never empty (a Salesforce boolean)
    purpose: str = "email_marketing"  # what the destination needs
    also_withdrawn: object | None = None  # another value that withdraws consent

    @property
    def label(self) -> str:
        return f"{self.provider}-{self.consent_field}"


CRMS = [
    Crm("salesforce", "Contact", "LastName", "HasOptedOutOfEmail", False, True, None),
    Crm(
        "pipedrive",
        "persons",
        "name",
        "marketing_status",
        "subscribed",
        "unsubscribed",
        "no_consent",
        also_withdrawn="archived",
    ),
    Crm("hubspot", "contacts", "lastname", "hs_email_optout", "false", "true", ""),
    Crm("salesforce", "Contact", "LastName", "DoNotCall", False, True, None, purpose="phone_calls"),
]


@pytest.fixture
def consent_world(db, tmp_path, settings, request):
    crm: Crm = request.param
    settings.EXPORTS_WORK_DIR = tmp_path / "exports"
    sandbox = Sandbox(seed=5, clock=ManualClock(START))
    account = sandbox.add_account(crm.provider, name="acme", contacts=12, companies=2, deals_per_company=0)
    credentials = {**account.credentials, "login_url": account.base_url, "oauth_url": account.base_url}
    connection = factories.make_connection(
        name=f"acme-{crm.provider}",
        provider=crm.provider,
        base_url=account.base_url,
        api_version=account.api_version,
        credentials=credentials,
    )
    users = factories.role_users()
    destination = warehouse_destination(tmp_path)
    destination.purposes = [crm.purpose]
    destination.save()

    build = factories.sandbox_connector_builder(sandbox)

    with build(connection) as connector:
        crm_schema_sync(connection=connection, schemas=connector.discover_schema([crm.object_name]))
    factories.apply_change(
        connection,
        users["admin"],
        users["approver"],
        [outbound_op(destination.name, crm.object_name, crm.name_field, "last_name")],
    )
    dispatcher = export_jobs.InlineDispatcher()
    with (
        sync_jobs.use_dispatcher(sync_jobs.InlineDispatcher()),
        export_jobs.use_dispatcher(dispatcher),
        connector_factory(build),
        hub_clock.use_clock(sandbox.clock.now),
    ):
        yield crm, sandbox, account, connection, destination, dispatcher


def cycle(world) -> ExportRun:
    crm, sandbox, _account, connection, destination, dispatcher = world
    sandbox.clock.advance(seconds=60)
    run = sync_services.sync_run_request(
        connection=connection, object_name=crm.object_name, trigger=SyncTrigger.MANUAL, enqueue=False
    )
    assert sync_services.sync_run_execute(run_id=run.pk).status == "completed"
    dispatcher.drain()
    return ExportRun.objects.filter(destination=destination).first()


def rows(world) -> dict:
    crm, *_rest, destination, _dispatcher = world
    table = crm.object_name.lower()
    return {row["crm_id"]: row for row in warehouse.table_rows(destination=destination, table=table)}


@pytest.mark.parametrize("consent_world", CRMS, indirect=True, ids=[c.label for c in CRMS])
def test_opt_in_consent_missing_opt_out_and_re_opt_in(consent_world):
    world = consent_world
    crm, sandbox, account, _connection, destination, _dispatcher = world
    ids = [str(i) for i in account.record_ids("contacts")]
    person, other = ids[0], ids[1]
    for crm_id in ids:
        account.rep_edit("contacts", crm_id, {crm.consent_field: crm.opted_in})
    if crm.missing is not None:
        account.rep_edit("contacts", other, {crm.consent_field: crm.missing})
    sandbox.clock.advance(seconds=60)
    cycle(world)
    loaded = rows(world)
    assert loaded[person]["_suppressed"] is False  # opt-in: sent
    if crm.missing is not None:
        assert other not in loaded  # consent missing: not sent

    account.rep_edit("contacts", person, {crm.consent_field: crm.opted_out})
    run = cycle(world)
    assert run.records_suppressed == 1
    flagged = rows(world)[person]
    assert flagged["_suppressed"] is True and flagged["last_name"] == loaded[person]["last_name"]
    withdrawal = SuppressionDelivery.objects.get(destination=destination, crm_id=person)
    assert 60 <= withdrawal.lag_seconds <= destination.suppression_target_seconds

    account.rep_edit("contacts", person, {crm.consent_field: crm.opted_in})
    cycle(world)
    assert rows(world)[person]["_suppressed"] is False  # re-opt-in: sent again, flag cleared

    if crm.also_withdrawn is not None:  # Pipedrive's archived, from the re-opted-in person
        account.rep_edit("contacts", person, {crm.consent_field: crm.also_withdrawn})
        cycle(world)
        assert rows(world)[person]["_suppressed"] is True, f"{crm.also_withdrawn} is a withdrawal"


@pytest.mark.parametrize("consent_world", CRMS[:1], indirect=True, ids=["salesforce"])
def test_a_purpose_no_crm_field_records_is_consent_missing_and_nothing_is_sent(consent_world):
    """Salesforce's opt-out booleans are never empty, so "missing" there is a purpose the CRM does not record."""
    world = consent_world
    destination = world[4]
    destination.purposes = ["email_marketing", "advertising"]
    destination.save()
    run = cycle(world)
    assert run.records_sent == 0 and run.records_withheld == run.records_received > 0
    assert rows(world) == {}
