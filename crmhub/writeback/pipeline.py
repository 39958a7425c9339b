"""The pipeline stages the RQ jobs call: resolve identity and plan, then write.

Crash safety: outcomes are claimed (status in_flight, a claim token, a lease in `due_at`) in their own
committed transaction before any CRM call. A worker killed after that leaves in-flight outcomes whose lease
runs out; whoever claims them next reads the CRM first and only writes what is not already there. Results
are saved in one transaction, and only for outcomes that still carry this worker's claim token.
"""

import logging
import time
import uuid
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import Q

from crmhub.bulk import AnyOf, columns_of, probed, rows_insert, rows_load, rows_update
from crmhub.connectors import (
    CrmAuthError,
    CrmError,
    CrmRateLimited,
    RecordUpdate,
    WriteResult,
    WriteStatus,
)
from crmhub.models import (
    OPEN_OUTCOME_STATUSES,
    ConflictResolution,
    FailureKind,
    FlowWritebackSettings,
    InboundRecord,
    InboundStatus,
    OutcomeStatus,
    WriteOutcome,
)
from crmhub.writeback import clock, jobs
from crmhub.writeback.connectors import connector_for
from crmhub.writeback.drift import connection_pause, schema_drift_check
from crmhub.writeback.planning import flow_catalog, plan_record
from crmhub.writeback.selectors import writeback_settings_for
from crmhub.writeback.verification import is_empty, needs_verification, values_match
from mappings_app.coercion import coerce_to_field
from mappings_app.models import ConflictPolicy, Flow, Owner

logger = logging.getLogger(__name__)

WRITE_JOB_RECORDS = 1000
# The writer needs an inbound record's crm_id and observed_at, not its payload.
INBOUND_PAYLOAD_FIELDS = ("identifiers", "attributes", "values", "raw", "identity", "rejection_reasons")


class StageTimes:
    """Wall seconds per pipeline stage within one job, and this process's CPU seconds in it ("<stage>_cpu"),
    logged when the job ends (the benchmarks add the lines up across workers to split the time by stage;
    on a shared machine the CPU figures say what the work costs, the wall figures what it waited for)."""

    def __init__(self, job: str):
        self.job = job
        self.seconds: dict[str, float] = defaultdict(float)

    @contextmanager
    def stage(self, name: str):
        started, cpu_started = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - started
            self.seconds[f"{name}_cpu"] += time.process_time() - cpu_started

    def log(self, records: int) -> None:
        spent = " ".join(f"{name}={seconds:.4f}" for name, seconds in self.seconds.items())
        logger.info("write-back stage times: job=%s records=%d %s", self.job, records, spent)


_times = StageTimes("idle")


@dataclass
class Claim:
    flow: Flow
    settings: FlowWritebackSettings
    token: str
    now: datetime
    outcomes: list[WriteOutcome]
    recovered: set[int] = field(default_factory=set)
    # Values shared by many outcomes (equal log tails, CRM answers): saving serialises each one once.
    summaries: dict = field(default_factory=dict)

    def open(self) -> list[WriteOutcome]:
        return [o for o in self.outcomes if o.status == OutcomeStatus.IN_FLIGHT]

    @property
    def inbound_ids(self) -> set[int]:
        return {o.inbound_id for o in self.outcomes}


# -- stage 1 and 2: identity, then plan -------------------------------------------------------------------


def records_process(*, inbound_ids: list[int]) -> None:
    """Resolve the records that still need a CRM id, hold the unresolved ones, plan the rest."""
    flow_ids = _received_flow_ids(inbound_ids)
    global _times
    _times = StageTimes("process")
    _settings_cache.clear()
    _log_tails.clear()
    for flow_id in flow_ids:
        with _times.stage("plan"):
            claim = _process_flow_records(flow_id, inbound_ids)
        if claim is not None:  # committed: the new values are claimed by this job, so write them now
            claimed = claim.inbound_ids
            _write_claim(claim, [pk for pk in inbound_ids if pk in claimed])
    for suffix in ("", "_cpu"):  # "plan" is timed around both
        _times.seconds[f"plan{suffix}"] -= _times.seconds.get(f"resolve{suffix}", 0.0)
    _times.log(len(inbound_ids))


def _received_flow_ids(inbound_ids: list[int]) -> list[int]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT DISTINCT r.flow_id FROM {probed(InboundRecord._meta.db_table, 'id')} "  # noqa: S608
                "WHERE r.status = %s",
                [inbound_ids, InboundStatus.RECEIVED],
            )
            return [row[0] for row in cursor.fetchall()]
    return list(
        InboundRecord.objects.filter(AnyOf("pk", inbound_ids), status=InboundStatus.RECEIVED)
        .order_by()  # the model's ordering would make DISTINCT return one row per record
        .values_list("flow_id", flat=True)
        .distinct()
    )


def _lock_received(flow_id: int, inbound_ids: list[int]) -> list[InboundRecord]:
    """The flow's received records among `inbound_ids`, locked; records another job holds are skipped."""
    if connection.vendor == "postgresql":
        sql = (
            f"SELECT {columns_of(InboundRecord, 'r')} "  # noqa: S608
            f"FROM {probed(InboundRecord._meta.db_table, 'id', lock=True)} "
            "WHERE r.flow_id = %s AND r.status = %s ORDER BY r.id"
        )
        with connection.cursor() as cursor:
            return rows_load(InboundRecord, cursor, sql, [inbound_ids, flow_id, InboundStatus.RECEIVED])
    return list(
        InboundRecord.objects.select_for_update(skip_locked=True)
        .filter(AnyOf("pk", inbound_ids), flow_id=flow_id, status=InboundStatus.RECEIVED)
        .order_by("pk")
    )


@transaction.atomic
def _process_flow_records(flow_id: int, inbound_ids: list[int]) -> Claim | None:
    """Identity and planning in one transaction. New pending values are inserted already claimed by this
    job (in flight, with a lease), which saves a second read and update of every outcome; a worker killed
    before writing them leaves a lease that runs out, and recovery reads the CRM before any write."""
    records = _lock_received(flow_id, inbound_ids)
    if not records:
        return None
    flow = Flow.objects.select_related("connection", "crm_object").get(pk=flow_id)
    unresolved = [record for record in records if not record.crm_id]
    if unresolved:
        with _times.stage("resolve"):
            _resolve(flow, unresolved)
    ready = [record for record in records if record.crm_id]
    claim = _plan(flow, ready)
    held = [record for record in records if not record.crm_id]
    rows_update(records, ["crm_id", "identity", "status", "review_item", "catalog_version", "updated_at"])
    claimed = claim.inbound_ids if claim else set()
    # Records planned before a crash keep their outcomes; a write job takes those over.
    to_write = [r.pk for r in ready if r.status == InboundStatus.PLANNED and r.pk not in claimed]
    for start in range(0, len(to_write), WRITE_JOB_RECORDS):
        jobs.dispatch(jobs.write_job, flow.pk, to_write[start : start + WRITE_JOB_RECORDS])
    if held:
        logger.info("flow %s: %d records held for identity review", flow.pk, len(held))
    return claim


def _resolve(flow: Flow, records: list[InboundRecord]) -> None:
    from identity_app.models import ReviewItem, ReviewStatus
    from identity_app.services import identity_resolve

    resolutions = identity_resolve(flow=flow, records=[_identity_input(record) for record in records])
    stopped = {r.external_id for r in resolutions if not r.matched}
    open_items = {
        item.external_id: item
        for item in ReviewItem.objects.filter(flow=flow, status=ReviewStatus.OPEN, external_id__in=stopped)
    }
    now = clock.now()
    for record, resolution in zip(records, resolutions, strict=True):
        summary = resolution.as_dict()
        record.identity = {
            "outcome": resolution.outcome,
            "method": resolution.method,
            "score": summary.get("score"),
            "probability": summary.get("probability"),
            "notes": resolution.notes[:10],
            "explanation": resolution.explanation[:20],
            "decided_at": now.isoformat(),
            "decided_by": "resolver",
        }
        if resolution.matched:
            record.crm_id = resolution.crm_id
        else:
            record.status = InboundStatus.HELD_FOR_REVIEW
            record.review_item = open_items.get(resolution.external_id[:200])


def _identity_input(record: InboundRecord) -> dict:
    identifiers = dict(record.identifiers or {})
    crm_id = identifiers.pop("crm_id", "")
    inbound = {
        "source_system": record.source_system,
        "external_id": record.external_id,
        "attributes": {**identifiers, **(record.attributes or {})},
    }
    if crm_id:
        inbound["crm_id"] = str(crm_id)
    return inbound


def _plan(flow: Flow, records: list[InboundRecord]) -> Claim | None:
    if not records:
        return None
    catalog = flow_catalog(flow)
    now = clock.now()
    mirror_edits = _mirror_edits(flow, records) if catalog.shadow else {}
    # Outcomes are only inserted together with the record's catalog_version (one transaction), so a
    # record without one has none: the lookup is only needed for records planned before.
    planned_before = [record.pk for record in records if record.catalog_version is not None]
    existing = (
        set(
            WriteOutcome.objects.filter(AnyOf("inbound_id", planned_before)).values_list(
                "inbound_id", flat=True
            )
        )
        if planned_before
        else set()
    )
    new_outcomes = []
    for record in records:
        record.catalog_version = catalog.catalog_version
        if record.pk in existing:  # planned before a crash; the outcomes stand
            record.status = InboundStatus.SHADOW if catalog.shadow else InboundStatus.PLANNED
            continue
        outcomes = plan_record(record, catalog, now=now, mirror_edits=mirror_edits)
        new_outcomes += outcomes
        record.status = _status_after_plan(outcomes, catalog.shadow)
    claim = Claim(flow=flow, settings=_settings(flow), token=uuid.uuid4().hex, now=now, outcomes=[])
    lease_end = now + timedelta(seconds=claim.settings.lease_seconds)
    for outcome in new_outcomes:
        if outcome.status == OutcomeStatus.PENDING:
            outcome.status, outcome.claim_token, outcome.due_at = (
                OutcomeStatus.IN_FLIGHT,
                claim.token,
                lease_end,
            )
            claim.outcomes.append(outcome)
    rows_insert(new_outcomes)
    return claim if claim.outcomes else None


def _status_after_plan(outcomes: list[WriteOutcome], shadow: bool) -> str:
    if any(outcome.status == OutcomeStatus.PENDING for outcome in outcomes):
        return InboundStatus.PLANNED
    return InboundStatus.SHADOW if shadow else InboundStatus.COMPLETED


def _mirror_edits(flow: Flow, records: list[InboundRecord]) -> dict:
    from identity_app.models import MirrorRecord

    rows = (
        MirrorRecord.objects.filter(
            connection_id=flow.connection_id,
            object_name=flow.crm_object.name,
        )
        .filter(AnyOf("crm_id", [record.crm_id for record in records]))
        .values_list("crm_id", "last_human_edit")
    )
    return {crm_id: edits or {} for crm_id, edits in rows}


_settings_cache: dict[int, FlowWritebackSettings] = {}


def _settings(flow: Flow) -> FlowWritebackSettings:
    # One read per flow per planning transaction is enough; the cache is cleared for each job.
    if flow.pk not in _settings_cache:
        _settings_cache[flow.pk] = writeback_settings_for(flow)
    return _settings_cache[flow.pk]


# -- stage 3 to 7: ownership, write plan, write, verify ---------------------------------------------------


def outcomes_write(*, flow_id: int, inbound_ids: list[int]) -> None:
    global _times
    _times = StageTimes("write")
    _settings_cache.clear()
    _log_tails.clear()
    with _times.stage("claim"):
        flow = Flow.objects.select_related("connection", "crm_object").get(pk=flow_id)
        claim = _claim(flow, inbound_ids)
    if claim is None:
        return
    _write_claim(claim, inbound_ids)
    _times.log(len(inbound_ids))


def _write_claim(claim: Claim, inbound_ids: list[int]) -> None:
    connection = claim.flow.connection
    if connection.status != "active":
        _release(claim, f"Connection {connection.name} is {connection.status}; waiting.")
    else:
        _run_claim(claim)
    with _times.stage("save"):
        _save_claim(claim)
        _complete_records(inbound_ids)


def _claim(flow: Flow, inbound_ids: list[int]) -> Claim | None:
    settings = writeback_settings_for(flow)
    now = clock.now()
    with transaction.atomic():
        outcomes = list(
            WriteOutcome.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(AnyOf("inbound_id", inbound_ids), flow=flow)
            .filter(
                Q(status=OutcomeStatus.PENDING)
                | Q(status__in=[OutcomeStatus.RETRY_WAIT, OutcomeStatus.IN_FLIGHT], due_at__lte=now)
            )
            .select_related("inbound", "crm_field", "mapping__timestamp_field")
            .defer(*(f"inbound__{name}" for name in INBOUND_PAYLOAD_FIELDS))
            .order_by("pk")
        )
        if not outcomes:
            return None
        claim = Claim(flow=flow, settings=settings, token=uuid.uuid4().hex, now=now, outcomes=outcomes)
        lease_end = now + timedelta(seconds=settings.lease_seconds)
        for outcome in outcomes:
            if outcome.status == OutcomeStatus.IN_FLIGHT:
                claim.recovered.add(outcome.pk)
                _note(outcome, now, "recovered", "lease expired: the CRM is read before any re-write")
            outcome.status = OutcomeStatus.IN_FLIGHT
            outcome.claim_token = claim.token
            outcome.due_at = lease_end
        # One set-based statement for the claim; only recovered outcomes have a log line to add.
        WriteOutcome.objects.filter(AnyOf("pk", [o.pk for o in outcomes])).update(
            status=OutcomeStatus.IN_FLIGHT, claim_token=claim.token, due_at=lease_end, updated_at=now
        )
        rows_update([o for o in outcomes if o.pk in claim.recovered], ["log"])
    return claim


def _run_claim(claim: Claim) -> None:
    connector = connector_for(claim.flow.connection)
    try:
        with _times.stage("ownership"):
            _halt_drifted(claim, connector)
            _settle_recovered(claim, connector)
            _apply_ownership(claim, connector)
            _fill_if_empty(claim, connector)
        with _times.stage("send"):
            written = _send(claim, connector)
        with _times.stage("verify"):
            _verify(claim, connector, written)
    except CrmAuthError as exc:
        connection_pause(connection=claim.flow.connection, flow=claim.flow, reason=exc.message)
        _release(claim, f"Auth failure, connection paused: {exc.message}")
    except CrmRateLimited as exc:
        for outcome in claim.open():
            _rate_limited(claim, outcome, exc.retry_after, exc.message)
    except CrmError as exc:
        for outcome in claim.open():
            _transient(claim, outcome, exc.message)
    finally:
        connector.close()


def _object(claim: Claim) -> str:
    return claim.flow.crm_object.name


def _halt_drifted(claim: Claim, connector) -> None:
    targets = {o.target_name for o in claim.open()} | {
        o.companion_field for o in claim.open() if o.companion_field
    }
    drifted = schema_drift_check(
        flow=claim.flow, settings=claim.settings, connector=connector, fields=targets
    )
    for outcome in claim.open():
        reason = drifted.get(outcome.target_name) or drifted.get(outcome.companion_field)
        if reason:
            _finish(
                claim,
                outcome,
                OutcomeStatus.DEAD_LETTERED,
                f"Writes halted: {reason}",
                FailureKind.SCHEMA_DRIFT,
            )


def _settle_recovered(claim: Claim, connector) -> None:
    """A value whose write may have happened before a crash: if the CRM already holds it, it was written."""
    recovered = [o for o in claim.open() if o.pk in claim.recovered]
    if not recovered:
        return
    current = _read(connector, _object(claim), recovered)
    for outcome in recovered:
        value = current.get(outcome.inbound.crm_id, {}).get(outcome.target_name)
        if values_match(outcome.planned_value, value, outcome.crm_field):
            outcome.verification = _verification(True, value, claim.now, "read on recovery")
            _finish(
                claim, outcome, OutcomeStatus.WRITTEN_VERIFIED, "Found in the CRM after a worker restart."
            )


def _apply_ownership(claim: Claim, connector) -> None:
    """Hybrid fields: the CRM's latest human edit, read now, against the time the source observed the data."""
    hybrid = [
        o
        for o in claim.open()
        if o.owner == Owner.HYBRID and o.conflict_resolution != ConflictResolution.OVERWRITTEN
    ]
    if not hybrid:
        return
    edits = connector.last_human_edits(
        _object(claim), sorted({o.inbound.crm_id for o in hybrid}), sorted({o.target_name for o in hybrid})
    )
    for outcome in hybrid:
        edited_at = edits.get(outcome.inbound.crm_id, {}).get(outcome.target_name)
        outcome.last_human_edit_at = edited_at
        observed = outcome.inbound.observed_at
        if edited_at is None or edited_at <= observed:
            when = edited_at.isoformat() if edited_at else "never"
            outcome.ownership_decision = f"hybrid: last human edit {when}, not after observed_at: write"
            continue
        summary = f"hybrid: rep edited at {edited_at.isoformat()}, after observed_at {observed.isoformat()}"
        if outcome.conflict_policy == ConflictPolicy.OVERWRITE:
            outcome.ownership_decision = f"{summary}: overwrite (policy)"
        elif outcome.conflict_policy == ConflictPolicy.FLAG:
            outcome.ownership_decision = f"{summary}: flagged for review"
            outcome.conflict_resolution = ConflictResolution.OPEN
            _finish(claim, outcome, OutcomeStatus.CONFLICT, f"{summary}; flagged for review, not written.")
        else:
            outcome.ownership_decision = f"{summary}: skipped (policy)"
            _finish(claim, outcome, OutcomeStatus.SKIPPED, f"{summary}; the rep's value is kept.")


def _fill_if_empty(claim: Claim, connector) -> None:
    only_if_empty = [o for o in claim.open() if (o.request_summary or {}).get("only_if_empty")]
    if not only_if_empty:
        return
    current = _read(connector, _object(claim), only_if_empty)
    for outcome in only_if_empty:
        value = current.get(outcome.inbound.crm_id, {}).get(outcome.target_name)
        if not is_empty(value):
            _finish(
                claim,
                outcome,
                OutcomeStatus.SKIPPED,
                f"Null policy 'set only if empty': the CRM holds {value!r}.",
            )


def _send(claim: Claim, connector) -> list[WriteOutcome]:
    """One update per CRM record (values plus companion timestamps); the connector batches and paces them."""
    by_record: dict[str, list[WriteOutcome]] = defaultdict(list)
    for outcome in claim.open():
        by_record[outcome.inbound.crm_id].append(outcome)
    if not by_record:
        return []
    stamps: dict[int, str] = {}
    updates = [
        RecordUpdate(crm_id, _update_values(claim, outcomes, stamps))
        for crm_id, outcomes in by_record.items()
    ]
    _mark_sending(claim, updates, by_record)
    results = connector.write(_object(claim), updates)
    written = []
    for update, result in zip(updates, _align(updates, results), strict=True):
        written += _apply_result(claim, by_record[update.record_id], result)
    return written


def _update_values(claim: Claim, outcomes: list[WriteOutcome], stamps: dict) -> dict:
    values = {}
    for outcome in outcomes:
        values[outcome.target_name] = outcome.planned_value
        timestamp_field = outcome.mapping.timestamp_field if outcome.mapping_id else None
        if timestamp_field is not None:
            if timestamp_field.pk not in stamps:  # the same moment for every record of the claim
                stamps[timestamp_field.pk] = str(coerce_to_field(claim.now, timestamp_field))
            outcome.companion_value = stamps[timestamp_field.pk]
            values[timestamp_field.name] = outcome.companion_value
    return values


def _mark_sending(claim: Claim, updates: list[RecordUpdate], by_record) -> None:
    sent_at = claim.now.isoformat()
    for update in updates:
        sent = {
            "record_id": update.record_id,
            "fields": sorted(update.values),
            "batch_records": len(updates),
            "sent_at": sent_at,
        }
        summaries: dict[int, dict] = {}  # outcomes of a record that planned alike share one summary
        for outcome in by_record[update.record_id]:
            planned = outcome.request_summary or {}
            if id(planned) not in summaries:
                summaries[id(planned)] = {**planned, **sent}
            outcome.request_summary = summaries[id(planned)]


def _align(updates: list[RecordUpdate], results: list[WriteResult]) -> list[WriteResult]:
    by_id = {result.record_id: result for result in results}
    if len(results) == len(updates) and all(u.record_id in by_id for u in updates):
        return [by_id[u.record_id] for u in updates]
    if len(results) == len(updates):
        return results
    missing = WriteResult("", WriteStatus.TRANSIENT, message="The CRM did not answer for this record.")
    return [by_id.get(u.record_id, missing) for u in updates]


def _response_summary(claim: Claim, result: WriteResult) -> dict:
    """What the CRM answered, shared by every record of the claim that got the same plain answer."""
    key = None if result.field_errors else (result.status, result.message, result.surviving_id)
    if key in claim.summaries:
        return claim.summaries[key]
    summary = {
        "status": str(result.status),
        "message": result.message[:500],
        "field_errors": [
            {"field": e.field, "code": e.provider_code, "message": e.message[:300]}
            for e in result.field_errors
        ],
        "surviving_id": result.surviving_id,
    }
    if key is not None:
        claim.summaries[key] = summary
    return summary


def _apply_result(claim: Claim, outcomes: list[WriteOutcome], result: WriteResult) -> list[WriteOutcome]:
    summary = _response_summary(claim, result)
    for outcome in outcomes:
        outcome.response_summary = summary
    if result.status == WriteStatus.OK:
        for outcome in outcomes:
            outcome.status = OutcomeStatus.WRITTEN
            _note(outcome, claim.now, "written", "the CRM accepted the write")
        return outcomes
    if result.status == WriteStatus.RATE_LIMITED:
        for outcome in outcomes:
            _rate_limited(claim, outcome, result.retry_after, result.message)
    elif result.status == WriteStatus.TRANSIENT:
        for outcome in outcomes:
            _transient(claim, outcome, result.message)
    elif result.status == WriteStatus.AUTH:
        raise CrmAuthError(result.message or "The CRM refused our credentials.")
    elif result.status in (WriteStatus.NOT_FOUND, WriteStatus.DELETED_OR_MERGED):
        extra = f" (merged into {result.surviving_id})" if result.surviving_id else ""
        for outcome in outcomes:
            _finish(
                claim,
                outcome,
                OutcomeStatus.DEAD_LETTERED,
                f"CRM record {outcome.inbound.crm_id} is gone{extra}: {result.message}",
                FailureKind.RECORD_GONE,
            )
    else:
        _validation_failed(claim, outcomes, result)
    return []


def _validation_failed(claim: Claim, outcomes: list[WriteOutcome], result: WriteResult) -> None:
    """A refused write may mean the schema moved under us: check now, halt drifted fields, retry the rest."""
    connector = connector_for(claim.flow.connection)
    try:
        fields = {o.target_name for o in outcomes} | {
            o.companion_field for o in outcomes if o.companion_field
        }
        drifted = schema_drift_check(
            flow=claim.flow, settings=claim.settings, connector=connector, fields=fields, force=True
        )
    finally:
        connector.close()
    by_field = {error.field: error.message for error in result.field_errors}
    for outcome in outcomes:
        reason = drifted.get(outcome.target_name) or drifted.get(outcome.companion_field)
        if reason:
            _finish(
                claim,
                outcome,
                OutcomeStatus.DEAD_LETTERED,
                f"Writes halted: {reason}",
                FailureKind.SCHEMA_DRIFT,
            )
        elif drifted:
            outcome.status = OutcomeStatus.RETRY_WAIT  # refused only because of a drifted neighbour
            outcome.due_at = claim.now
            _note(outcome, claim.now, "retry", "another field of the record drifted; retrying without it")
        else:
            message = by_field.get(outcome.target_name) or result.message or "validation error"
            _finish(
                claim,
                outcome,
                OutcomeStatus.DEAD_LETTERED,
                f"The CRM refused the value: {message}",
                FailureKind.CRM_REJECTED,
            )


def _verify(claim: Claim, connector, written: list[WriteOutcome]) -> None:
    checked = [
        o
        for o in written
        if needs_verification(
            outcome_id=o.pk, owner=o.owner, sample_rate=claim.settings.verification_sample_rate
        )
    ]
    checked_ids = {o.pk for o in checked}
    for outcome in written:
        if outcome.pk not in checked_ids:
            outcome.verification = NOT_SAMPLED
            _finish(
                claim,
                outcome,
                OutcomeStatus.WRITTEN,
                "Written; not sampled for read-after-write verification.",
            )
    if not checked:
        return
    try:
        current = _read(connector, _object(claim), checked)
    except CrmError as exc:
        for outcome in checked:
            outcome.verification = {"checked": False, "why": f"read-back failed: {exc.message[:300]}"}
            _finish(claim, outcome, OutcomeStatus.WRITTEN, "Written; the read-back for verification failed.")
        return
    for outcome in checked:
        value = current.get(outcome.inbound.crm_id, {}).get(outcome.target_name)
        matched = values_match(outcome.planned_value, value, outcome.crm_field)
        outcome.verification = _verification(matched, value, claim.now, "read after write")
        if matched:
            _finish(claim, outcome, OutcomeStatus.WRITTEN_VERIFIED, "Written and verified.")
        else:
            _finish(
                claim,
                outcome,
                OutcomeStatus.DEAD_LETTERED,
                f"The CRM answered success but shows {value!r} instead of {outcome.planned_value!r}.",
                FailureKind.VERIFICATION_MISMATCH,
            )


def _read(connector, object_name: str, outcomes: list[WriteOutcome]) -> dict:
    ids = sorted({o.inbound.crm_id for o in outcomes})
    fields = sorted({o.target_name for o in outcomes})
    return connector.read_records(object_name, ids, fields)


def _verification(matched: bool, value, now: datetime, how: str) -> dict:
    shown = value if isinstance(value, str | int | float | bool | type(None)) else str(value)
    return {"checked": True, "matched": matched, "crm_value": shown, "at": now.isoformat(), "how": how}


# -- outcome transitions ----------------------------------------------------------------------------------


# Shared by the outcomes it describes: an outcome's JSON values are replaced, never changed in place.
NOT_SAMPLED = {"checked": False, "why": "not sampled"}

_log_tails: dict[tuple, tuple[list, list]] = {}


def _note(outcome: WriteOutcome, now: datetime, event: str, detail: str) -> None:
    """Append an entry to the outcome's log (a new list: logs are shared and never changed in place).
    Outcomes with the same log and the same new entry share the new list too, so that saving a batch
    serialises each distinct history once."""
    log = outcome.log or []
    key = (id(log), now, event, detail)
    known = _log_tails.get(key)
    if known is None:
        if len(_log_tails) > 10_000:
            _log_tails.clear()
        entry = {"at": now.isoformat(), "event": event, "detail": detail[:500]}
        known = _log_tails[key] = (log, [*log, entry][-50:])  # holds `log`, so its id stays unique
    outcome.log = known[1]


def _finish(claim: Claim, outcome: WriteOutcome, status: str, reason: str, failure_kind: str = "") -> None:
    outcome.status = status
    outcome.reason = reason[:1000]
    outcome.failure_kind = failure_kind
    outcome.finished_at = claim.now
    outcome.due_at = None
    _note(outcome, claim.now, status, reason)


def _rate_limited(claim: Claim, outcome: WriteOutcome, retry_after: float | None, message: str) -> None:
    """Waiting out a rate limit never uses the retry budget."""
    delay = retry_after if retry_after is not None else max(1.0, claim.settings.retry_base_seconds)
    outcome.rate_limited_count += 1
    outcome.status = OutcomeStatus.RETRY_WAIT
    outcome.due_at = claim.now + timedelta(seconds=delay)
    outcome.reason = f"Rate-limited: {message}"[:1000]
    _note(outcome, claim.now, "rate_limited", f"retry in {delay:.1f}s")


def _transient(claim: Claim, outcome: WriteOutcome, message: str) -> None:
    outcome.attempts += 1
    if outcome.attempts >= claim.settings.max_attempts:
        _finish(
            claim,
            outcome,
            OutcomeStatus.DEAD_LETTERED,
            f"Gave up after {outcome.attempts} attempts: {message}",
            FailureKind.TRANSIENT_EXHAUSTED,
        )
        return
    delay = claim.settings.retry_base_seconds * 2 ** (outcome.attempts - 1)
    outcome.status = OutcomeStatus.RETRY_WAIT
    outcome.due_at = claim.now + timedelta(seconds=delay)
    outcome.reason = f"Attempt {outcome.attempts} failed: {message}"[:1000]
    _note(
        outcome,
        claim.now,
        "retry",
        f"attempt {outcome.attempts} failed ({message[:200]}); retry in {delay:.1f}s",
    )


def _release(claim: Claim, reason: str) -> None:
    for outcome in claim.open():
        outcome.status = OutcomeStatus.PENDING
        outcome.due_at = claim.now + timedelta(seconds=claim.settings.lease_seconds)
        outcome.reason = reason[:1000]
        _note(outcome, claim.now, "waiting", reason)


SAVED_FIELDS = [
    "status",
    "reason",
    "failure_kind",
    "attempts",
    "rate_limited_count",
    "due_at",
    "claim_token",
    "request_summary",
    "response_summary",
    "verification",
    "log",
    "ownership_decision",
    "last_human_edit_at",
    "companion_value",
    "conflict_resolution",
    "finished_at",
    "updated_at",
]


def _save_claim(claim: Claim) -> None:
    for outcome in claim.outcomes:
        outcome.claim_token = ""
    # One statement: only rows that still carry this job's token (recovery may have taken some over).
    saved = rows_update(claim.outcomes, SAVED_FIELDS, claim_token=claim.token)
    mine = [o for o in claim.outcomes if o.pk in saved]
    lost = len(claim.outcomes) - len(mine)
    if lost:
        logger.warning(
            "flow %s: %d outcomes were taken over by recovery before this job saved", claim.flow.pk, lost
        )
    _schedule_retries(claim, mine)


def _schedule_retries(claim: Claim, outcomes: list[WriteOutcome]) -> None:
    waiting = [o for o in outcomes if o.status == OutcomeStatus.RETRY_WAIT]
    if not waiting:
        return
    delay = max(0.0, (min(o.due_at for o in waiting) - claim.now).total_seconds())
    inbound_ids = sorted({o.inbound_id for o in waiting})
    jobs.dispatch(jobs.write_job, claim.flow.pk, inbound_ids, delay=delay)


def _complete_records(inbound_ids: list[int]) -> None:
    """Planned records without an open value are completed. Two statements on purpose: as one UPDATE with
    NOT EXISTS, PostgreSQL chose an anti-join over the whole outcomes table (about 1 s per batch at 20,000
    records, growing with the table)."""
    # Through the partial index of open outcomes, which stays small (a probe per id read ~2,000 freshly
    # updated outcome rows instead: six times slower).
    open_ids = set(
        WriteOutcome.objects.filter(
            AnyOf("inbound_id", inbound_ids), status__in=OPEN_OUTCOME_STATUSES
        ).values_list("inbound_id", flat=True)
    )
    done = [pk for pk in inbound_ids if pk not in open_ids]
    InboundRecord.objects.filter(AnyOf("pk", done), status=InboundStatus.PLANNED).update(
        status=InboundStatus.COMPLETED, updated_at=clock.now()
    )
