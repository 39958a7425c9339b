"""A flow with a scored catalog, and builders for outcomes, inbound records and sync runs at chosen times."""

from datetime import UTC, datetime, timedelta
from itertools import count

import pytest

from crmhub.sync.models import SyncRun, SyncState
from crmhub.writeback.models import InboundRecord, WriteOutcome
from mappings_app.models import Flow
from tests import factories

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
_keys = count(1)


@pytest.fixture
def flow(users, connection, contact_fields):
    return scored_flow(users, connection, contact_fields)


def scored_flow(users, connection, contact_fields) -> Flow:
    factories.apply_change(connection, users["admin"], users["approver"], factories.score_catalog_ops())
    return Flow.objects.create(
        connection=connection,
        name="lead scores",
        source_system="lead_scorer",
        crm_object=contact_fields["email"].crm_object,
    )


class Builder:
    def __init__(self, flow, user):
        self.flow = flow
        self.user = user

    def inbound(self, *, status="completed", crm_id="c1", at=NOW - timedelta(hours=1)) -> InboundRecord:
        key = next(_keys)
        record = InboundRecord.objects.create(
            integration_user=self.user,
            flow=self.flow,
            source_system="lead_scorer",
            external_id=f"ext-{key}",
            idempotency_key=f"k-{key}",
            status=status,
            crm_id=crm_id,
        )
        InboundRecord.objects.filter(pk=record.pk).update(received_at=at)
        return record

    def outcome(
        self, status, *, target="ai_lead_score", raw=50, planned=None, at=NOW - timedelta(hours=1), **extra
    ):
        record = self.inbound(at=at)
        return WriteOutcome.objects.create(
            inbound=record,
            flow=self.flow,
            source_key="score" if target == "ai_lead_score" else target,
            target_name=target,
            raw_value=raw,
            planned_value=raw if planned is None else planned,
            status=status,
            finished_at=at,
            **extra,
        )

    def sync_run(self, *, status="completed", finished_at, records_read=100, kind="incremental"):
        state, _ = SyncState.objects.get_or_create(connection=self.flow.connection, object_name="contacts")
        return SyncRun.objects.create(
            connection=self.flow.connection,
            state=state,
            object_name="contacts",
            status=status,
            kind=kind,
            finished_at=finished_at,
            records_read=records_read,
        )


@pytest.fixture
def build(flow, users):
    return Builder(flow, users["integration"])
