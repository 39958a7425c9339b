"""Write-back pages over a HubSpot sandbox account: records built by the real pipeline (ingest, identity,
plan, write, verify), and helpers to fill lists directly with rows when the pipeline is not the subject."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from crmhub.writeback.models import InboundRecord, InboundStatus, OutcomeStatus, WriteOutcome
from tests.writeback.conftest import world  # noqa: F401 - the pipeline tests' sandbox world, reused

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
    return Story(
        written=world.record("ok-1"),
        conflict=outcome_of(world.record("conflict-1"), "ai_segment"),
        dead=outcome_of(world.record("dead-1"), "ai_score"),
        rejected=outcome_of(world.record("bad-1"), "ai_score"),
        held=world.record("held-1"),
    )


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
