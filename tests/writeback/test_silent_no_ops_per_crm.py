"""A CRM that answers a write with success and keeps something else is caught, on each of the three CRMs:
the write dropped, the value stored as another value, or the value put back by a CRM automation before the
next read. Whether the sample read it back at once or not, no such value stays "written" or passes as
verified: it is sent again and verified once the CRM keeps it, or dead-lettered with what the CRM shows."""

import contextlib
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import User

from crm_sandbox import ManualClock, Sandbox
from crmhub.core import clock as pipeline_clock
from crmhub.core.connectors import connector_factory
from crmhub.sync import services as sync_services
from crmhub.sync.models import SyncKind, SyncTrigger
from crmhub.writeback import jobs, pipeline, services
from crmhub.writeback.models import FlowWritebackSettings, OutcomeStatus, WriteOutcome
from mappings_app.models import CrmObject, Flow
from mappings_app.schema_sync import crm_schema_sync
from tests import factories
from tests.database import rows_for_the_module
from tests.writeback.conftest import sandbox_copy

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
OBJECTS = {"hubspot": "contacts", "salesforce": "Contact", "pipedrive": "persons"}
# Each CRM's answer to a write of a value it does not keep: dropped (HubSpot, Salesforce, Pipedrive all
# answer 200 when a field-level automation or an integration-user permission swallows it).
FAULTS = ["dropped", "stored_otherwise", "reverted_by_automation"]


@dataclass
class CrmWorld:
    provider: str
    sandbox: Sandbox
    account: object
    connection: object
    flow: Flow
    users: dict
    dispatcher: jobs.InlineDispatcher

    @property
    def object_name(self) -> str:
        return OBJECTS[self.provider]

    def native(self, generic: str) -> str:
        return self.account.field_name(self.object_name, generic)

    @property
    def ids(self) -> list[str]:
        return [str(rid) for rid in self.account.record_ids(self.object_name)]

    def post(self, scores: dict[str, float], prefix: str) -> None:
        records = [
            {
                "flow": self.flow.pk,
                "source_system": "lead_scorer",
                "object_type": self.object_name,
                "external_id": f"ext-{crm_id}",
                "identifiers": {"crm_id": crm_id},
                "values": {"score": score},
                "observed_at": self.sandbox.clock.now().isoformat(),
                "idempotency_key": f"{prefix}-{crm_id}",
            }
            for crm_id, score in scores.items()
        ]
        services.outputs_ingest(user=self.users["integration"], records=records)
        self.dispatcher.drain()

    def crm_score(self, crm_id: str):
        return self.account.get_record(self.object_name, crm_id).get(self.native("ai_score"))

    def sync_cycle(self):
        run = sync_services.sync_run_request(
            connection=self.connection,
            object_name=self.object_name,
            kind=SyncKind.INCREMENTAL,
            trigger=SyncTrigger.MANUAL,
            enqueue=False,
        )
        run = sync_services.sync_run_execute(run_id=run.pk)
        assert run.status == "completed", run.error
        self.dispatcher.drain()
        return run


def _crm_world_rows(provider: str) -> tuple[dict, Sandbox, dict]:
    """A sandbox account, its connection with a discovered schema, the score catalog applied by two admins, a
    live flow and a mirror filled by a first sync cycle, as the demo's is. Returns the rows' pks, the sandbox as
    that cycle left it, and the read-back credit the pipeline holds then."""
    sandbox = Sandbox(seed=23, clock=ManualClock(START))
    account = sandbox.add_account(provider, name=f"noop-{provider}", contacts=12, companies=2)
    auth_url = "login_url" if provider == "salesforce" else "oauth_url"
    connection = factories.make_connection(
        name=f"noop-{provider}",
        provider=provider,
        base_url=account.base_url,
        api_version=account.api_version,
        credentials={**account.credentials, auth_url: account.base_url},
    )
    build = factories.sandbox_connector_builder(sandbox)
    users = factories.role_users()
    object_name = OBJECTS[provider]
    with build(connection) as connector:
        crm_schema_sync(connection=connection, schemas=connector.discover_schema([object_name]))
    score, stamp = (account.field_name(object_name, name) for name in ("ai_score", "ai_score_updated_at"))
    # Pipedrive has no date-time custom field (its AI timestamp is text): the score goes without a companion.
    companion = {} if provider == "pipedrive" else {"timestamp_field": stamp}
    factories.apply_change(
        connection,
        users["admin"],
        users["approver"],
        [
            factories.ownership_op(score, "ai_owned", object_name=object_name),
            factories.ownership_op(stamp, "ai_owned", object_name=object_name),
            factories.mapping_op("score", score, object_name=object_name, source_type="number", **companion),
        ],
    )
    flow = Flow.objects.create(
        connection=connection,
        name=f"scores {provider}",
        source_system="lead_scorer",
        crm_object=CrmObject.objects.get(connection=connection, name=object_name),
        mode="live",
    )
    FlowWritebackSettings.objects.create(flow=flow, retry_base_seconds=0, verification_sample_rate=1.0)
    factories.grant_flow(users["integration"], flow)
    pipeline._read_credit.clear()
    with _running_on(sandbox) as dispatcher:
        world = CrmWorld(provider, sandbox, account, connection, flow, users, dispatcher)
        world.sync_cycle()  # the first cycle fills the mirror, as the demo's does
    pks = {"connection": connection.pk, "flow": flow.pk, "users": {role: u.pk for role, u in users.items()}}
    return pks, sandbox_copy(sandbox), dict(pipeline._read_credit)


@contextlib.contextmanager
def _running_on(sandbox: Sandbox):
    """The pipeline inline, its connectors on `sandbox`, on the sandbox's clock."""
    dispatcher = jobs.InlineDispatcher()
    with (
        jobs.use_dispatcher(dispatcher),
        connector_factory(factories.sandbox_connector_builder(sandbox)),
        pipeline_clock.use_clock(sandbox.clock.now),
    ):
        yield dispatcher


@pytest.fixture(scope="module", params=sorted(OBJECTS))
def crm_rows(request, django_db_setup, django_db_blocker):
    """Each CRM's world is built once for this module (the tests of one CRM run together); each test rolls the
    database back to it and works on its own copy of the sandbox."""
    with rows_for_the_module(django_db_blocker, lambda: _crm_world_rows(request.param)) as built:
        yield request.param, *built


@pytest.fixture
def crm(crm_rows, db):
    provider, pks, sandbox_after_the_first_cycle, read_credit = crm_rows
    sandbox = sandbox_copy(sandbox_after_the_first_cycle)
    account = sandbox.account(f"noop-{provider}")
    users = {role: User.objects.get(pk=pk) for role, pk in pks["users"].items()}
    flow = Flow.objects.get(pk=pks["flow"])
    pipeline._read_credit.clear()
    pipeline._read_credit.update(read_credit)
    with _running_on(sandbox) as dispatcher:
        yield CrmWorld(provider, sandbox, account, flow.connection, flow, users, dispatcher)


def outcomes(prefix: str) -> list[WriteOutcome]:
    return list(
        WriteOutcome.objects.filter(inbound__idempotency_key__startswith=prefix)
        .exclude(target_name__icontains="updated")  # the companion timestamp rides with its value
        .select_related("inbound")
    )


def set_fault(world: CrmWorld, fault: str) -> None:
    if fault == "dropped":
        world.account.faults.set(ignore_writes_to={(world.object_name, world.native("ai_score"))})
    elif fault == "stored_otherwise":
        world.account.faults.set(rewrite_writes_to={(world.object_name, world.native("ai_score")): 1.0})


def revert(world: CrmWorld, crm_ids: list[str], before: dict[str, object]) -> None:
    """A CRM automation puts the old value back after our write (on Salesforce a workflow field update runs
    as the user whose write triggered it: our integration user)."""
    for crm_id in crm_ids:
        world.account.api_write(
            world.object_name, crm_id, {world.native("ai_score"): before[crm_id]}, client="crm-workflow"
        )


def assert_nothing_passes_as_written(world: CrmWorld, prefix: str, expected: dict[str, float]) -> None:
    for outcome in outcomes(prefix):
        crm_id = outcome.inbound.crm_id
        held = world.crm_score(crm_id)
        kept = held is not None and float(held) == expected[crm_id]
        assert outcome.status != OutcomeStatus.WRITTEN, (crm_id, outcome.log)
        if outcome.status == OutcomeStatus.WRITTEN_VERIFIED:
            assert kept, (crm_id, held, outcome.verification)  # verified means the CRM holds it
        else:
            assert outcome.status in (OutcomeStatus.DEAD_LETTERED, OutcomeStatus.RETRY_WAIT)
            assert "CRM shows" in outcome.reason or "instead of" in outcome.reason, outcome.reason


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("sample_rate", [1.0, 0.0], ids=["read-after-write", "next-sync-read"])
def test_a_write_the_crm_answers_but_does_not_keep_is_caught(crm, fault, sample_rate):
    FlowWritebackSettings.objects.filter(flow=crm.flow).update(verification_sample_rate=sample_rate)
    targets = crm.ids[:4]
    before = {crm_id: crm.crm_score(crm_id) for crm_id in targets}
    scores = {crm_id: 40.0 + n for n, crm_id in enumerate(targets)}
    set_fault(crm, fault)
    crm.post(scores, "noop")
    if fault == "reverted_by_automation":
        revert(crm, targets, before)
    crm.sandbox.clock.advance(seconds=30)
    crm.sync_cycle()
    crm.account.faults.clear()
    for _ in range(3):  # the retries the sweep would make, each followed by the next cycle's read
        crm.sandbox.clock.advance(seconds=120)
        crm.dispatcher.drain()
        crm.sync_cycle()
    assert_nothing_passes_as_written(crm, "noop", scores)
    settled = outcomes("noop")
    assert len(settled) == len(targets)
    assert any(entry["event"] == "not_confirmed" for o in settled for entry in o.log), [
        o.log for o in settled
    ]


def test_a_verified_value_the_next_read_still_finds_is_checked_once_and_no_more(crm):
    from crmhub.writeback.pipeline import awaiting_fields

    target = crm.ids[0]
    crm.post({target: 55.0}, "held")
    [outcome] = outcomes("held")
    assert (
        outcome.status == OutcomeStatus.WRITTEN_VERIFIED and outcome.verification["how"] == "read after write"
    )
    assert crm.native("ai_score") in awaiting_fields(connection=crm.connection, object_name=crm.object_name)
    crm.sandbox.clock.advance(seconds=30)
    crm.sync_cycle()
    outcome.refresh_from_db()
    assert outcome.status == OutcomeStatus.WRITTEN_VERIFIED
    assert outcome.verification["held_at_next_read"] is True
    assert not any(entry["event"] == "undone_after_verification" for entry in outcome.log)
    # Nothing left to re-check: the next cycles read only what the mirror needs.
    assert crm.native("ai_score") not in awaiting_fields(
        connection=crm.connection, object_name=crm.object_name
    )


def test_a_value_undone_after_verification_says_so_on_its_timeline(crm):
    target = crm.ids[1]
    before = crm.crm_score(target)
    crm.post({target: 66.0}, "undone")
    revert(crm, [target], {target: before})
    crm.sandbox.clock.advance(seconds=30)
    crm.sync_cycle()
    [outcome] = outcomes("undone")
    undone = [entry for entry in outcome.log if entry["event"] == "undone_after_verification"]
    assert len(undone) == 1 and "instead of 66.0" in undone[0]["detail"]
    assert outcome.status == OutcomeStatus.WRITTEN_VERIFIED  # sent again, and this time the CRM kept it
    assert float(crm.crm_score(target)) == 66.0
