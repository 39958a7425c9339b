"""The bulk row writes (crmhub/writeback/bulk.py): COPY inserts and set-based updates store exactly what the
ORM would, honour the claim token, and keep duplicate keys an IntegrityError."""

from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, connection, transaction

from crmhub.models import InboundRecord, InboundStatus, OutcomeStatus, WriteOutcome
from crmhub.writeback import bulk
from crmhub.writeback.pipeline import SAVED_FIELDS

MOMENT = datetime(2026, 11, 3, 8, 30, 15, 123000, tzinfo=UTC)
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the COPY paths exist on PostgreSQL only"
)


def _outcomes(world, count: int) -> list[WriteOutcome]:
    world.post(
        [world.output(crm_id, f"bulk-{n}", score=n + 0.5) for n, crm_id in enumerate(world.ids[:count])]
    )
    return list(WriteOutcome.objects.order_by("pk"))


def _change(outcome: WriteOutcome, n: int) -> None:
    """The kinds of values the pipeline saves: text, numbers, NULLs, nested and shared JSON, moments."""
    outcome.status = OutcomeStatus.RETRY_WAIT if n % 2 else OutcomeStatus.DEAD_LETTERED
    outcome.reason = f"reason ü {n} 'quoted' \\ tab\t"
    outcome.failure_kind = "" if n % 2 else "crm_rejected"
    outcome.attempts = n
    outcome.rate_limited_count = n * 2
    outcome.due_at = MOMENT if n % 2 else None
    outcome.claim_token = ""
    outcome.request_summary = {"fields": ["a", "b"], "n": n, "nested": {"x": None}}
    outcome.response_summary = {} if n % 3 == 0 else {"status": "ok", "message": "line\nbreak"}
    outcome.verification = {}
    outcome.log = [*outcome.log, {"at": MOMENT.isoformat(), "event": "retry", "detail": f"{n}"}]
    outcome.ownership_decision = "hybrid: kept"
    outcome.last_human_edit_at = MOMENT
    outcome.companion_value = "2026-11-03T08:30:15Z"
    outcome.finished_at = None if n % 2 else MOMENT


def _saved(pk: int) -> dict:
    row = WriteOutcome.objects.filter(pk=pk).values(*SAVED_FIELDS).get()
    row.pop("updated_at")
    return row


def test_rows_update_stores_every_saved_field_as_the_orm_reads_it(world):
    outcomes = _outcomes(world, 6)
    for n, outcome in enumerate(outcomes):
        _change(outcome, n)
    before = {o.pk: o.updated_at for o in outcomes}
    assert bulk.rows_update(outcomes, SAVED_FIELDS) == {o.pk for o in outcomes}
    for n, outcome in enumerate(outcomes):
        expected = {name: getattr(outcome, name) for name in SAVED_FIELDS if name != "updated_at"}
        assert _saved(outcome.pk) == expected, f"outcome {n}"
        assert WriteOutcome.objects.get(pk=outcome.pk).updated_at > before[outcome.pk]


@postgres_only
def test_the_set_based_update_gives_the_same_rows_as_the_row_by_row_path(world):
    outcomes = _outcomes(world, 8)
    half = len(outcomes) // 2
    for n, outcome in enumerate(outcomes):
        _change(outcome, n % half)  # outcome i and i + half get the same changes
    meta, columns = WriteOutcome._meta, [WriteOutcome._meta.get_field(name) for name in SAVED_FIELDS]
    with transaction.atomic(), connection.cursor() as cursor:
        bulk._update_from_copy(cursor, meta, outcomes[:half], columns, None)
        bulk._update_row_by_row(cursor, meta, outcomes[half:], columns, None)
    for first, second in zip(outcomes[:half], outcomes[half:], strict=True):
        assert _saved(first.pk) == _saved(second.pk)


def test_only_rows_still_holding_the_claim_token_are_updated(world):
    outcomes = _outcomes(world, 4)
    WriteOutcome.objects.filter(pk__in=[o.pk for o in outcomes]).update(claim_token="mine")
    taken_over = outcomes[0]
    WriteOutcome.objects.filter(pk=taken_over.pk).update(claim_token="recovery")
    for outcome in outcomes:
        outcome.status, outcome.reason, outcome.claim_token = OutcomeStatus.SKIPPED, "saved", ""
    saved = bulk.rows_update(outcomes, ["status", "reason", "claim_token"], claim_token="mine")
    assert saved == {o.pk for o in outcomes[1:]}
    untouched = WriteOutcome.objects.get(pk=taken_over.pk)
    assert untouched.claim_token == "recovery" and untouched.reason != "saved"
    assert set(WriteOutcome.objects.filter(reason="saved").values_list("pk", flat=True)) == saved


def test_rows_insert_sets_keys_and_stores_what_the_orm_reads_back(world):
    user, flow = world.users["integration"], world.flow
    records = [
        InboundRecord(
            integration_user=user,
            flow=flow,
            source_system="lead_scorer",
            external_id=f"ins-{n}",
            identifiers={"crm_id": str(n), "email": None},
            attributes={"names": ["Zoë", "O'Brien"], "nested": {"deep": [1, 2.5, True]}},
            values={"score": n + 0.25, "segment": None},
            observed_at=MOMENT,
            idempotency_key=f"ins-{n}",
        )
        for n in range(3)
    ]
    bulk.rows_insert(records)
    assert all(record.pk for record in records) and len({r.pk for r in records}) == 3
    for record in records:
        stored = InboundRecord.objects.get(pk=record.pk)
        assert stored.external_id == record.external_id and stored.observed_at == MOMENT
        assert stored.identifiers == record.identifiers and stored.attributes == record.attributes
        assert stored.values == record.values and stored.status == InboundStatus.RECEIVED
        assert stored.received_at is not None and stored.updated_at is not None
        assert stored.rejection_reasons == [] and stored.raw == {}


def test_a_duplicate_key_in_rows_insert_is_an_integrity_error(world):
    user = world.users["integration"]
    InboundRecord.objects.create(integration_user=user, flow=world.flow, idempotency_key="taken")
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk.rows_insert([InboundRecord(integration_user=user, flow=world.flow, idempotency_key="taken")])
    assert InboundRecord.objects.filter(idempotency_key="taken").count() == 1


def test_a_key_repeated_inside_one_batch_is_stored_once(world):
    crm_id = world.ids[3]
    results = world.post([world.output(crm_id, "twice", score=1), world.output(crm_id, "twice", score=2)])
    assert [r.outcome for r in results] == ["accepted", "duplicate"]
    assert results[1].record.pk == results[0].record.pk
    assert InboundRecord.objects.filter(idempotency_key="twice").count() == 1
    assert float(world.crm_value(crm_id, "ai_score")) == 1
