"""Consent on Salesforce Leads, end to end: leads created in the sandbox's Lead object, read by sync cycles,
exported to a warehouse destination that needs consent. Lead carries `HasOptedOutOfEmail` and
`HasOptedOutOfFax` (booleans, never null, false unless set): opt-in (sent), opt-out (the row stays,
flagged, and the withdrawal is recorded with its lag), re-opt-in (the flag cleared), a fax opt-out for a
destination that needs fax consent too, and consent missing (a purpose no Lead field records: nothing
sent)."""

from datetime import UTC, datetime

import httpx
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

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
LEADS = [("Okafor", "Ngozi Foods"), ("Lindqvist", "Nordvik AB"), ("Tanaka", "Kumo KK")]


@pytest.fixture
def lead_world(db, tmp_path, settings):
    settings.EXPORTS_WORK_DIR = tmp_path / "exports"
    sandbox = Sandbox(seed=5, clock=ManualClock(START))
    account = sandbox.add_account("salesforce", name="acme", contacts=2, companies=1, deals_per_company=0)
    leads = leads_create(sandbox, account)
    connection = factories.make_connection(
        name="acme-salesforce",
        provider="salesforce",
        base_url=account.base_url,
        api_version=account.api_version,
        credentials={**account.credentials, "login_url": account.base_url},
    )
    users = factories.role_users()
    destination = warehouse_destination(tmp_path)
    destination.purposes = ["email_marketing"]
    destination.save()

    build = factories.sandbox_connector_builder(sandbox)

    with build(connection) as connector:
        crm_schema_sync(connection=connection, schemas=connector.discover_schema(["Lead"]))
    factories.apply_change(
        connection,
        users["admin"],
        users["approver"],
        [outbound_op(destination.name, "Lead", "LastName", "last_name")],
    )
    dispatcher = export_jobs.InlineDispatcher()
    with (
        sync_jobs.use_dispatcher(sync_jobs.InlineDispatcher()),
        export_jobs.use_dispatcher(dispatcher),
        connector_factory(build),
        hub_clock.use_clock(sandbox.clock.now),
    ):
        yield sandbox, account, connection, destination, dispatcher, leads


def leads_create(sandbox, account) -> list[str]:
    """Through the REST API, as a web form or another tool would: Salesforce fills the opt-out booleans."""
    headers = {"Authorization": f"Bearer {account.credentials['access_token']}"}
    with httpx.Client(transport=sandbox.transport(), base_url=account.base_url, headers=headers) as client:
        return [
            client.post(
                "/services/data/v67.0/sobjects/Lead/",
                json={"LastName": name, "Company": company, "Email": f"{name.lower()}@lead.test"},
            ).json()["id"]
            for name, company in LEADS
        ]


def cycle(world) -> ExportRun:
    sandbox, _account, connection, destination, dispatcher, _leads = world
    sandbox.clock.advance(seconds=60)
    run = sync_services.sync_run_request(
        connection=connection, object_name="Lead", trigger=SyncTrigger.MANUAL, enqueue=False
    )
    assert sync_services.sync_run_execute(run_id=run.pk).status == "completed"
    dispatcher.drain()
    return ExportRun.objects.filter(destination=destination).first()


def rows(world) -> dict:
    destination = world[3]
    return {row["crm_id"]: row for row in warehouse.table_rows(destination=destination, table="lead")}


def test_lead_opt_in_opt_out_and_re_opt_in(lead_world):
    _sandbox, account, _connection, destination, _dispatcher, leads = lead_world
    person, other = leads[0], leads[1]
    account.rep_edit("leads", other, {"HasOptedOutOfEmail": True})  # opted out before the first export

    run = cycle(lead_world)
    loaded = rows(lead_world)
    assert loaded[person]["_suppressed"] is False and loaded[person]["last_name"] == "Okafor"  # opt-in: sent
    assert other not in loaded and run.records_withheld == 1  # never sent: nothing to suppress

    account.rep_edit("leads", person, {"HasOptedOutOfEmail": True})
    run = cycle(lead_world)
    assert run.records_suppressed == 1
    flagged = rows(lead_world)[person]
    assert flagged["_suppressed"] is True and flagged["last_name"] == "Okafor"
    withdrawal = SuppressionDelivery.objects.get(destination=destination, crm_id=person)
    assert 60 <= withdrawal.lag_seconds <= destination.suppression_target_seconds

    account.rep_edit("leads", person, {"HasOptedOutOfEmail": False})
    cycle(lead_world)
    assert rows(lead_world)[person]["_suppressed"] is False  # re-opt-in: sent again, flag cleared


def test_a_lead_fax_opt_out_stops_a_destination_that_needs_fax_consent(lead_world):
    _sandbox, account, _connection, destination, _dispatcher, leads = lead_world
    destination.purposes = ["email_marketing", "fax_marketing"]
    destination.save()
    account.rep_edit("leads", leads[2], {"HasOptedOutOfFax": True})

    run = cycle(lead_world)
    assert set(rows(lead_world)) == {leads[0], leads[1]}
    assert run.records_withheld == 1


def test_a_purpose_no_lead_field_records_is_consent_missing_and_nothing_is_sent(lead_world):
    destination = lead_world[3]
    destination.purposes = ["email_marketing", "advertising"]
    destination.save()

    run = cycle(lead_world)
    assert run.records_sent == 0 and run.records_withheld == run.records_received == len(LEADS)
    assert rows(lead_world) == {}
