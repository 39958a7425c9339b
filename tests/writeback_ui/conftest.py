"""Write-back pages over a HubSpot sandbox account: records built by the real pipeline (ingest, identity,
plan, write, verify), and helpers to fill lists directly with rows when the pipeline is not the subject."""

import contextlib
from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from crm_sandbox import Sandbox
from crmhub.connectors.users import _key as crm_user_name_key
from crmhub.writeback import pipeline
from crmhub.writeback.models import (
    FlowWritebackSettings,
    InboundRecord,
    InboundStatus,
    OutcomeStatus,
    WriteOutcome,
)
from mappings_app.models import Flow
from tests.database import rows_for_the_module
from tests.writeback.conftest import (
    World,
    pipeline_on,
    sandbox_copy,
    world,  # noqa: F401 - the pipeline tests' sandbox world, reused
    world_rows,
)

ROLES = ("admin", "reviewer", "viewer")


@pytest.fixture
def login(db):
    def signed_in(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return signed_in


@dataclass
class Story:
    """One record per branch a RevOps lead asks about."""

    written: InboundRecord
    conflict: WriteOutcome
    dead: WriteOutcome
    rejected: WriteOutcome
    held: InboundRecord


def outcome_of(record: InboundRecord, target: str) -> WriteOutcome:
    return record.outcomes.get(target_name=target)


@pytest.fixture
def story(world):  # noqa: F811 - the fixture imported above
    return story_told(world)


def story_told(world) -> Story:  # noqa: F811 - a world, not the fixture
    """The `story` fixture's records, written through the world's pipeline."""
    ids = world.ids
    world.post([world.output(ids[0], "ok-1", score=87.5, segment="smb")])
    observed = world.sandbox.clock.now()
    world.sandbox.clock.advance(seconds=90)
    world.account.rep_edit("contacts", ids[1], {"ai_segment": "enterprise"})
    world.post([world.output(ids[1], "conflict-1", observed_at=observed, segment="smb")])
    world.post([world.output(ids[2], "bad-1", score="not a number")])
    world.post([{**world.output("", "held-1", score=5), "identifiers": {"email": "nobody@nowhere.example"}}])
    world.settings.max_attempts = 2
    world.settings.save()
    world.account.faults.set(error_rate=1.0)
    world.post([world.output(ids[3], "dead-1", score=33)])
    world.account.faults.clear()
    return story_read()


def story_read() -> Story:
    """The story's rows as the database holds them now."""
    return Story(
        written=InboundRecord.objects.get(idempotency_key="ok-1"),
        conflict=outcome_of(InboundRecord.objects.get(idempotency_key="conflict-1"), "ai_segment"),
        dead=outcome_of(InboundRecord.objects.get(idempotency_key="dead-1"), "ai_score"),
        rejected=outcome_of(InboundRecord.objects.get(idempotency_key="bad-1"), "ai_score"),
        held=InboundRecord.objects.get(idempotency_key="held-1"),
    )


# -- one world for a class of tests -------------------------------------------------------------------------


@dataclass
class SharedWorld:
    """A world built once, with what `prepare` did in it: its rows' pks, the sandbox as they left it, and the
    pipeline's read-back credit then."""

    connection: int
    flow: int
    users: dict
    sandbox: Sandbox
    read_credit: dict


@contextlib.contextmanager
def world_built_once(django_db_blocker, prepare):
    """The write-back world and `prepare(world)`'s records, written once (see tests.database.rows_for_the_module)
    for a class of tests; each test takes its world from `world_again`."""

    def build() -> SharedWorld:
        sandbox, account, connection, users, flow, settings = world_rows()
        pipeline._read_credit.clear()
        pipeline._read_credit[flow.pk] = 1.0  # a worker whose sampling phase reads the flow's first batch
        with pipeline_on(sandbox) as dispatcher:
            prepare(World(sandbox, account, connection, flow, settings, users, dispatcher, []))
        return SharedWorld(
            connection=connection.pk,
            flow=flow.pk,
            users={role: user.pk for role, user in users.items()},
            sandbox=sandbox_copy(sandbox),
            read_credit=dict(pipeline._read_credit),
        )

    with rows_for_the_module(django_db_blocker, build) as shared:
        yield shared


@contextlib.contextmanager
def world_again(shared: SharedWorld):
    """The shared world for one test: its rows read afresh, its own copy of the sandbox, the pipeline's
    in-process state as the build left it, and no CRM user name cached from an earlier test."""
    sandbox = sandbox_copy(shared.sandbox)
    account = sandbox.account("acme")
    flow = Flow.objects.select_related("connection").get(pk=shared.flow)
    users = {role: User.objects.get(pk=pk) for role, pk in shared.users.items()}
    pipeline._read_credit.clear()
    pipeline._read_credit.update(shared.read_credit)
    people = [account.integration_user_id, *account.rep_user_ids, *account.other_api_users]
    named = SimpleNamespace(connection=flow.connection)
    cache.delete_many([crm_user_name_key(named, str(user_id)) for user_id in people])
    with pipeline_on(sandbox) as dispatcher:
        settings = FlowWritebackSettings.objects.get(flow=flow)
        yield World(sandbox, account, flow.connection, flow, settings, users, dispatcher, [])


def dead_letter_rows(world, count: int, *, failure_kind: str = "transient_exhausted") -> list[WriteOutcome]:  # noqa: F811
    """Dead-lettered outcomes written straight to the database, for lists and budgets."""
    crm_id = world.ids[5]
    records = InboundRecord.objects.bulk_create(
        InboundRecord(
            integration_user=world.users["integration"],
            flow=world.flow,
            source_system="lead_scorer",
            object_type="contacts",
            external_id=f"ext-bulk-{n}",
            values={"score": n},
            observed_at=world.sandbox.clock.now(),
            idempotency_key=f"bulk-{failure_kind}-{n}",
            status=InboundStatus.COMPLETED,
            crm_id=crm_id,
            catalog_version=1,
        )
        for n in range(count)
    )
    finished = timezone.now() - timedelta(hours=2)
    return WriteOutcome.objects.bulk_create(
        WriteOutcome(
            inbound=record,
            flow=world.flow,
            source_key="score",
            target_name="ai_score",
            raw_value=n,
            planned_value=n,
            owner="ai_owned",
            status=OutcomeStatus.DEAD_LETTERED,
            failure_kind=failure_kind,
            reason="Retries exhausted after 2 attempts: 503 from the CRM.",
            attempts=2,
            finished_at=finished,
            log=[{"at": finished.isoformat(), "event": "dead_lettered", "detail": "retries exhausted"}],
        )
        for n, record in enumerate(records)
    )


@pytest.fixture(scope="class")
def story_told_once(django_db_setup, django_db_blocker):
    """The story's world, for the tests of one class."""
    with world_built_once(django_db_blocker, story_told) as shared:
        yield shared


class OnOneStory:
    """Base of a class whose tests share one story: `world` and `story` as the fixtures give them, built once."""

    @pytest.fixture
    def world(self, story_told_once, db):
        with world_again(story_told_once) as shared:
            yield shared

    @pytest.fixture
    def story(self, world):  # noqa: F811
        return story_read()
