"""Reconciliation of a CDP destination: counts against what the hub delivered, and, through the CDP emulator's
Profile API (Segment's documented read API), a sample of profiles: present, suppression flag as delivered,
traits equal to the CRM's values. Planted differences in the CDP's store are found; without a profile API the
finding says that only the hub's side was compared."""

from datetime import UTC, datetime

import pytest

from crm_sandbox import ManualClock, Sandbox
from crmhub.connectors import get_connector
from crmhub.connectors.ratelimit import RateBudget
from crmhub.core import clock as hub_clock
from crmhub.core.connectors import connector_factory
from crmhub.exports import jobs as export_jobs
from crmhub.exports import reconciliation
from crmhub.exports.cdp_delivery import cdp_transport
from crmhub.exports.models import Destination, DestinationKind, RecordConsentState
from crmhub.sync import jobs as sync_jobs
from crmhub.sync import services as sync_services
from crmhub.sync.models import SyncTrigger
from mappings_app.schema_sync import crm_schema_sync
from tests import factories
from tests.exports.warehouse_world import outbound_op

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
WRITE_KEY = "wk_reconcile"
PROFILE_API = {
    "profile_api_url": "http://sandbox.test/cdp/profiles",
    "space_id": WRITE_KEY,
    "profile_api_token": f"pt_{WRITE_KEY}",
}


@pytest.fixture
def cdp_world(db):
    sandbox = Sandbox(seed=11, clock=ManualClock(START))
    source = sandbox.cdp.add_source(WRITE_KEY)
    account = sandbox.add_account("hubspot", name="acme", contacts=8, companies=2, deals_per_company=0)
    connection = factories.make_connection(
        name="acme-hubspot",
        base_url=account.base_url,
        api_version=account.api_version,
        credentials={**account.credentials, "oauth_url": account.base_url},
    )
    destination = Destination.objects.create(
        name="segment",
        kind=DestinationKind.CDP,
        endpoint_url="http://sandbox.test/cdp",
        credentials={"write_key": WRITE_KEY, **PROFILE_API},
        purposes=["email_marketing"],
        allowed_data_classes=["identifier", "contact_personal", "operational"],
    )

    def build(conn):
        return get_connector(conn, transport=sandbox.transport(), rate_budget=RateBudget.in_memory("cdp"))

    with build(connection) as connector:
        crm_schema_sync(connection=connection, schemas=connector.discover_schema(["contacts"]))
    users = factories.role_users()
    factories.apply_change(
        connection,
        users["admin"],
        users["approver"],
        [
            outbound_op("segment", "contacts", "email", "email"),
            outbound_op("segment", "contacts", "lifecyclestage", "lifecycle_stage"),
        ],
    )
    ids = [str(i) for i in account.record_ids("contacts")]
    for crm_id in ids:
        account.rep_edit("contacts", crm_id, {"hs_email_optout": "false"})
    dispatcher = export_jobs.InlineDispatcher()

    def cycle():
        sandbox.clock.advance(seconds=60)
        run = sync_services.sync_run_request(
            connection=connection, object_name="contacts", trigger=SyncTrigger.MANUAL, enqueue=False
        )
        assert sync_services.sync_run_execute(run_id=run.pk).status == "completed"
        dispatcher.drain()

    with (
        sync_jobs.use_dispatcher(sync_jobs.InlineDispatcher()),
        export_jobs.use_dispatcher(dispatcher),
        connector_factory(build),
        cdp_transport(sandbox.transport()),
        hub_clock.use_clock(sandbox.clock.now),
    ):
        cycle()
        account.rep_edit("contacts", ids[0], {"hs_email_optout": "true"})  # one withdrawal, delivered
        cycle()
        yield source, destination, ids


def failing(result) -> dict:
    return {f["check"]: f for f in result.findings if not f["ok"]}


def test_a_cdp_agrees_with_the_crm_and_then_planted_differences_are_found(cdp_world):
    source, destination, ids = cdp_world
    clean = reconciliation.reconcile(destination=destination)
    assert clean.ok, failing(clean)
    checks = {f["check"] for f in clean.findings}
    assert {"count", "profiles present", "suppression flags", "sampled values", "null rate"} <= checks
    count = next(f for f in clean.findings if f["check"] == "count")
    assert count["crm"] == count["destination"] == len(ids)

    subject = lambda crm_id: f"acme-hubspot:contacts:{crm_id}"  # noqa: E731
    source.profiles.pop(subject(ids[1]))  # the CDP lost a profile
    source.profiles[subject(ids[2])]["lifecycle_stage"] = "planted"  # someone edited a trait there
    source.profiles[subject(ids[0])]["crm_suppressed"] = False  # a suppression undone in the CDP
    RecordConsentState.objects.filter(destination=destination, crm_id=ids[3]).delete()  # never delivered
    found = failing(reconciliation.reconcile(destination=destination))
    assert ids[1] in found["profiles present"]["detail"]
    assert "planted" in found["sampled values"]["detail"] and ids[2] in found["sampled values"]["detail"]
    assert ids[0] in found["suppression flags"]["detail"]
    assert ids[3] in found["count"]["detail"]


def test_without_a_profile_api_only_the_hubs_side_is_compared_and_the_finding_says_so(cdp_world):
    _source, destination, _ids = cdp_world
    destination.credentials = {"write_key": WRITE_KEY}
    destination.save()
    result = reconciliation.reconcile(destination=destination)
    assert result.ok
    note = next(f for f in result.findings if f["check"] == "profiles read back")
    assert "not compared" in note["detail"]
    assert "profiles present" not in {f["check"] for f in result.findings}


def test_a_wrong_profile_token_is_a_failed_finding_with_the_reason(cdp_world):
    _source, destination, _ids = cdp_world
    destination.credentials = {"write_key": WRITE_KEY, **PROFILE_API, "profile_api_token": "wrong"}
    destination.save()
    result = reconciliation.reconcile(destination=destination)
    assert not result.ok
    assert "answered 401" in failing(result)["profiles read back"]["detail"]
