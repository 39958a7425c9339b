"""The bulk row writes (crmhub/core/bulk.py, used through crmhub/writeback/repository.py): COPY inserts
and set-based updates store exactly what the ORM would, honour the claim token, and keep duplicate keys an
IntegrityError."""

from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, connection, transaction

from crmhub.core import bulk
from crmhub.writeback import planning, repository, services
from crmhub.writeback.models import InboundRecord, InboundStatus, OutcomeStatus, WriteOutcome
from crmhub.writeback.repository import SAVED_FIELDS

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
    """The same content twice is a duplicate; other content under the same key is a conflict naming the
    first record (kept as a rejected record), never a silent duplicate."""
    crm_id = world.ids[3]
    same = world.output(crm_id, "twice", score=1)
    results = world.post([same, dict(same), world.output(crm_id, "twice", score=2)])
    assert [r.outcome for r in results] == ["accepted", "duplicate", "conflict"]
    assert results[1].record.pk == results[0].record.pk
    assert results[2].conflicts_with.pk == results[0].record.pk
    assert f"#{results[0].record.pk}" in results[2].errors[0]
    assert InboundRecord.objects.exclude(status="rejected").filter(idempotency_key="twice").count() == 1
    assert float(world.crm_value(crm_id, "ai_score")) == 1


def test_json_numbers_empties_and_shared_values_are_stored_as_json_dumps_writes_them(world):
    outcomes = _outcomes(world, 5)
    shared = {"same": ["object", 1]}
    kinds = [3, -2.5, 1e-07, True, 10**20, "text", [], {}, None, shared, shared, [0.1, {"n": -7}]]
    cases = (kinds * 2)[: 2 * len(outcomes)]
    for n, outcome in enumerate(outcomes):
        outcome.raw_value, outcome.planned_value = cases[2 * n], cases[2 * n + 1]
    bulk.rows_update(outcomes, ["raw_value", "planned_value"])
    for n, outcome in enumerate(outcomes):
        stored = WriteOutcome.objects.filter(pk=outcome.pk).values("raw_value", "planned_value").get()
        assert stored == {"raw_value": cases[2 * n], "planned_value": cases[2 * n + 1]}, f"outcome {n}"
        assert type(stored["raw_value"]) is type(cases[2 * n])


def test_any_of_filters_like_in(world):
    records = [
        InboundRecord.objects.create(integration_user=world.users["integration"], idempotency_key=k)
        for k in "abcd"
    ]
    ids = [records[0].pk, records[2].pk, 10**9]
    assert set(InboundRecord.objects.filter(bulk.AnyOf("pk", ids)).values_list("pk", flat=True)) == set(
        ids[:2]
    )
    keys = InboundRecord.objects.filter(bulk.AnyOf("idempotency_key", ["b", "d", "zz"]))
    assert sorted(keys.values_list("idempotency_key", flat=True)) == ["b", "d"]
    assert not InboundRecord.objects.filter(bulk.AnyOf("pk", [])).exists()


def test_unsaved_instances_get_defaults_of_their_own_and_save_like_constructed_ones(world):
    user = world.users["integration"]
    first, second = (
        bulk.unsaved(
            InboundRecord,
            {"integration_user_id": user.pk, "flow_id": world.flow.pk, "idempotency_key": key},
            {"integration_user": user, "flow": world.flow},
        )
        for key in ("u-1", "u-2")
    )
    assert first.identity == {} and first.identity is not second.identity
    assert first.status == InboundStatus.RECEIVED and first.pk is None and first.flow is world.flow
    bulk.rows_insert([first, second])
    stored = InboundRecord.objects.get(pk=first.pk)
    assert (stored.idempotency_key, stored.flow_id, stored.raw, stored.rejection_reasons) == (
        "u-1",
        world.flow.pk,
        {},
        [],
    )


def test_rows_load_gives_the_instances_the_orm_gives(world):
    world.post([world.output(crm_id, f"load-{n}", score=n) for n, crm_id in enumerate(world.ids[:3])])
    InboundRecord.objects.filter(idempotency_key="load-1").update(identity={"notes": ["x"], "score": 0.5})
    table = InboundRecord._meta.db_table
    sql = f"SELECT {bulk.columns_of(InboundRecord, 'r')} FROM {table} AS r ORDER BY r.id"
    with connection.cursor() as cursor:
        loaded = bulk.rows_load(InboundRecord, cursor, sql, [])
    expected = list(InboundRecord.objects.order_by("pk"))
    assert [r.pk for r in loaded] == [r.pk for r in expected] and len(loaded) == 3
    for mine, theirs in zip(loaded, expected, strict=True):
        for field in InboundRecord._meta.concrete_fields:
            assert getattr(mine, field.attname) == getattr(theirs, field.attname), field.name
        assert not mine._state.adding and mine._state.db == theirs._state.db


def test_keys_with_array_syntax_in_them_are_found_again(world):
    keys = ["a,b", 'q"x', "{x}", "back\\slash", "NULL", "sp ace", "ü'"]
    records = [world.output(crm_id, key, score=1) for crm_id, key in zip(world.ids, keys, strict=False)]
    first = world.post(records)
    assert [r.outcome for r in first] == ["accepted"] * len(keys)
    again = world.post(records)
    assert [r.outcome for r in again] == ["duplicate"] * len(keys)
    assert [r.record.pk for r in again] == [r.record.pk for r in first]


def test_json_text_is_what_json_dumps_means_even_where_orjson_refuses():
    """orjson encodes; what it refuses (integers beyond 64 bits, keys that are not text) falls back to
    json.dumps, so a value stores the same whichever encoder wrote it."""
    import json

    for value in [{"a": [1, 2.5, None, True]}, 10**20, {"big": [10**30]}, {1: "one", None: "none"}, "ü"]:
        assert json.loads(bulk.json_text(value)) == json.loads(json.dumps(value)), value
    assert bulk.json_text(None) is None
    assert bulk.json_value(bulk.json_text({"n": 10**25})) == {"n": 10**25}


def test_planned_outcomes_own_their_json_values(world):
    """No two outcomes share a log, a request summary or a default: changing one in place (as a future
    JSONField(default=dict) would invite) cannot reach another."""
    world.settings.verification_sample_rate = 0
    world.settings.save()
    records = [
        world.output(crm_id, f"own-{n}", score=n, segment="b") for n, crm_id in enumerate(world.ids[:3])
    ]
    services.outputs_ingest(user=world.users["integration"], records=records)
    ids = list(InboundRecord.objects.values_list("pk", flat=True))
    flow_id = repository.records_received_flow_ids(ids)[0]
    with transaction.atomic():
        locked = repository.records_lock_received(flow_id=flow_id, ids=ids)
        catalog = planning.flow_catalog(world.flow)
        outcomes = [o for r in locked for o in planning.plan_record(r, catalog, now=MOMENT)]
    assert len(outcomes) >= 4
    for name in ("log", "request_summary", "response_summary", "verification"):
        values = [getattr(o, name) for o in outcomes]
        assert len({id(v) for v in values}) == len(values), name
    assert [len(o.log) for o in outcomes] == [1] * len(outcomes)


def test_unsaved_defaults_are_fresh_for_every_instance():
    first = repository.outcome_new(values={}, related={})
    second = repository.outcome_new(values={}, related={})
    for name in ("request_summary", "response_summary", "verification", "log"):
        assert getattr(first, name) == getattr(WriteOutcome(), name)
        assert getattr(first, name) is not getattr(second, name), name
