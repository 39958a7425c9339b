"""The pipeline stages the RQ jobs call: resolve identity and plan, then write.

Crash safety: outcomes are claimed (status in_flight, a claim token, a lease in `due_at`) in their own
committed transaction before any CRM call. A worker killed after that leaves in-flight outcomes whose lease
runs out; whoever claims them next reads the CRM first and only writes what is not already there. Results
are saved in one transaction, and only for outcomes that still carry this worker's claim token.
"""

import logging
import math
import random
import time
import uuid
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q

from crmhub.connectors import (
    CrmAuthError,
    CrmError,
    CrmRateLimited,
    RecordUpdate,
    WriteResult,
    WriteStatus,
)
from crmhub.core import clock
from crmhub.core.backoff import retry_delay
from crmhub.core.connectors import connector_for
from crmhub.core.jobs import log_entry
from crmhub.core.timestamps import moment_in_words, parse_timestamp_or_none
from crmhub.writeback import jobs, repository, runs
from crmhub.writeback.halts import connection_pause, schema_drift_check
from crmhub.writeback.models import (
    ConflictResolution,
    FailureKind,
    FlowWritebackSettings,
    InboundRecord,
    InboundStatus,
    OutcomeStatus,
    WriteOutcome,
)
from crmhub.writeback.planning import flow_catalog, plan_record
from crmhub.writeback.selectors import writeback_settings_for
from crmhub.writeback.verification import (
    Check,
    check_outcome,
    field_checks_record,
    grace_for,
    is_empty,
    mismatch_text,
    sample_rates_for,
    superseded_by,
    verification_summary,
)
from identity_app.models import ReviewItem, ReviewStatus
from identity_app.services import identity_resolve
from mappings_app.coercion import coerce_to_field
from mappings_app.models import ConflictPolicy, Flow, Owner

logger = logging.getLogger(__name__)

WRITE_JOB_RECORDS = 1000
# A backlog the CRM takes through its bulk interface goes in write jobs of this many records (one ingest job).
BULK_WRITE_JOB_RECORDS = 10_000


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
    # What a re-send carries, by outcome id: (the value, its companion timestamp); absent means both.
    resend: dict[int, tuple[bool, bool]] = field(default_factory=dict)
    # Dead-lettered values whose companion timestamp reached the CRM without them: put back in this claim.
    restores: list[WriteOutcome] = field(default_factory=list)
    answered_at: datetime | None = None  # when the CRM answered the write (a later read sees it)
    sent: int = 0  # values sent to the CRM by this claim
    can_write: bool = (
        True  # False for checks made by a later read: a give-up needing a write waits for a claim
    )

    def open(self) -> list[WriteOutcome]:
        return [o for o in self.outcomes if o.status == OutcomeStatus.IN_FLIGHT]

    @property
    def inbound_ids(self) -> set[int]:
        return {o.inbound_id for o in self.outcomes}


# -- stage 1 and 2: identity, then plan -------------------------------------------------------------------


def write_job_records(*, flow: Flow, backlog: int) -> int:
    """Records per write job for a backlog of `backlog` records of `flow`: jobs the connector sends through
    its bulk interface ("API for small volumes, Bulk API for millions") when that many go, else small ones."""
    if backlog < BULK_WRITE_JOB_RECORDS:
        return WRITE_JOB_RECORDS
    with connector_for(flow.connection) as connector:
        return BULK_WRITE_JOB_RECORDS if connector.goes_bulk(BULK_WRITE_JOB_RECORDS) else WRITE_JOB_RECORDS


def records_process(*, inbound_ids: list[int]) -> None:
    """Resolve the records that still need a CRM id, hold the unresolved ones, plan the rest."""
    flow_ids = repository.records_received_flow_ids(inbound_ids)
    global _times
    _times = StageTimes("process")
    _caches_clear()
    for flow_id in flow_ids:
        with _times.stage("plan"):
            claim = _process_flow_records(flow_id, inbound_ids)
        if claim is not None:  # committed: the new values are claimed by this job, so write them now
            claimed = claim.inbound_ids
            _write_claim(claim, [pk for pk in inbound_ids if pk in claimed])
    for suffix in ("", "_cpu"):  # "plan" is timed around both
        _times.seconds[f"plan{suffix}"] -= _times.seconds.get(f"resolve{suffix}", 0.0)
    _times.log(len(inbound_ids))


@transaction.atomic
def _process_flow_records(flow_id: int, inbound_ids: list[int]) -> Claim | None:
    """Identity and planning in one transaction. New pending values are inserted already claimed by this
    job (in flight, with a lease), which saves a second read and update of every outcome; a worker killed
    before writing them leaves a lease that runs out, and recovery reads the CRM before any write."""
    records = repository.records_lock_received(flow_id=flow_id, ids=inbound_ids)
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
    repository.records_save_plan(records)
    claimed = claim.inbound_ids if claim else set()
    # Records planned before a crash keep their outcomes; a write job takes those over.
    to_write = [r.pk for r in ready if r.status == InboundStatus.PLANNED and r.pk not in claimed]
    for start in range(0, len(to_write), WRITE_JOB_RECORDS):
        jobs.dispatch(jobs.write_job, flow.pk, to_write[start : start + WRITE_JOB_RECORDS])
    if held:
        logger.info("flow %s: %d records held for identity review", flow.pk, len(held))
    return claim


def _resolve(flow: Flow, records: list[InboundRecord]) -> None:

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
    existing = repository.outcomes_inbound_ids(planned_before)
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
    _stamp_companions(now, claim.outcomes)
    repository.outcomes_insert(new_outcomes)
    runs.planned(flow_id=flow.pk, records=records, outcomes=new_outcomes)
    return claim if claim.outcomes else None


def _status_after_plan(outcomes: list[WriteOutcome], shadow: bool) -> str:
    if any(outcome.status == OutcomeStatus.PENDING for outcome in outcomes):
        return InboundStatus.PLANNED
    return InboundStatus.SHADOW if shadow else InboundStatus.COMPLETED


def _mirror_edits(flow: Flow, records: list[InboundRecord]) -> dict:
    return repository.mirror_human_edits(
        connection_id=flow.connection_id,
        object_name=flow.crm_object.name,
        crm_ids=[record.crm_id for record in records],
    )


_settings_cache: dict[int, FlowWritebackSettings] = {}


def _caches_clear() -> None:
    """Per-job caches: each job reads settings afresh."""
    _settings_cache.clear()
    _graces.clear()


def _settings(flow: Flow) -> FlowWritebackSettings:
    # One read per flow per planning transaction is enough; the cache is cleared for each job.
    if flow.pk not in _settings_cache:
        _settings_cache[flow.pk] = writeback_settings_for(flow)
    return _settings_cache[flow.pk]


# -- stage 3 to 7: ownership, write plan, write, verify ---------------------------------------------------


def outcomes_write(*, flow_id: int, inbound_ids: list[int]) -> None:
    global _times
    _times = StageTimes("write")
    _caches_clear()
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
        outcomes = repository.outcomes_lock_claimable(flow=flow, inbound_ids=inbound_ids, now=now)
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
        repository.outcomes_mark_claimed(
            [o.pk for o in outcomes], token=claim.token, due_at=lease_end, now=now
        )
        stamped = {o.pk for o in _stamp_companions(now, outcomes)}
        repository.outcomes_save_log([o for o in outcomes if o.pk in claim.recovered or o.pk in stamped])
    return claim


def _run_claim(claim: Claim) -> None:
    connector = connector_for(claim.flow.connection)
    try:
        with _times.stage("ownership"):
            _halt_drifted(claim, connector)
            _settle_resent(claim, connector)
            _apply_ownership(claim, connector)
            _fill_if_empty(claim, connector)
        with _times.stage("send"):
            written = _send(claim, connector)
        with _times.stage("verify"):
            _verify(claim, connector, written)
            _restore_companions(claim, connector)
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


def _settle_resent(claim: Claim, connector) -> None:
    """A value sent before (a crash, a lost answer, a failed attempt or check) may have reached the CRM in
    whole or in part. Read first: what the CRM holds is verified, not sent again; only what is missing goes
    out (the value, its companion timestamp, or both). A value out of attempts is given up here."""
    again = [o for o in claim.open() if o.pk in claim.recovered or (o.attempts > 0 and not _known_missing(o))]
    for outcome in claim.open():
        if outcome not in again and _known_missing(outcome):  # a check read it after the last send
            value, companion = _known_missing(outcome)
            claim.resend[outcome.pk] = (value, companion)
    if not again:
        return
    current = _read(connector, _object(claim), again)
    newer = superseded_by([o for o in again if not check_outcome(o, current.get(o.inbound.crm_id)).confirmed])
    for outcome in again:
        check = check_outcome(outcome, current.get(outcome.inbound.crm_id))
        if check.confirmed:
            outcome.verification = verification_summary(check, claim.now, "read before re-sending")
            found = "after a worker restart" if outcome.pk in claim.recovered else "before re-sending"
            _finish(
                claim, outcome, OutcomeStatus.WRITTEN_VERIFIED, f"Found in the CRM {found}; not sent again."
            )
        elif not check.found:
            _record_gone(claim, outcome)
        elif outcome.pk in newer:
            _superseded(claim, outcome, newer[outcome.pk], check)
        elif _out_of_attempts(claim, outcome):
            _give_up(claim, outcome, check)
        else:
            claim.resend[outcome.pk] = (not check.value_holds, not check.companion_holds)
            _note(
                outcome,
                claim.now,
                "not_confirmed",
                f"{mismatch_text(outcome, check)}; sending what is missing",
            )


def _known_missing(outcome: WriteOutcome) -> list | None:
    """[value missing, companion missing] as a check read them after the last send, if one did."""
    return (outcome.request_summary or {}).get("missing")


def _out_of_attempts(claim: Claim, outcome: WriteOutcome) -> bool:
    return outcome.attempts >= claim.settings.max_attempts


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
            when = f"at {moment_in_words(edited_at)}" if edited_at else "never"
            outcome.ownership_decision = f"Hybrid field: no rep edit since the source observed the record (last rep edit {when}): written"
            continue
        summary = (
            f"Hybrid field: a rep edited it at {moment_in_words(edited_at)}, after the source observed the record "
            f"at {moment_in_words(observed)}"
        )
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
    for outcome in _latest_per_field(claim):
        by_record[outcome.inbound.crm_id].append(outcome)
    if not by_record:
        return []
    _stamp_companions(claim.now, [o for outcomes in by_record.values() for o in outcomes])
    updates = [
        RecordUpdate(crm_id, _update_values(claim, outcomes)) for crm_id, outcomes in by_record.items()
    ]
    _mark_sending(claim, updates, by_record)
    claim.sent += sum(len(outcomes) for outcomes in by_record.values())
    results = connector.write(_object(claim), updates)
    claim.answered_at = clock.now()
    written = []
    for update, result in zip(updates, _align(updates, results), strict=True):
        written += _apply_result(claim, by_record[update.record_id], result)
    return written


def _latest_per_field(claim: Claim) -> list[WriteOutcome]:
    """The open outcomes to send: of two values for the same field of the same record, only the later one
    goes out and the earlier is superseded (one update cannot carry both)."""
    latest: dict[tuple[str, str], WriteOutcome] = {}
    for outcome in sorted(claim.open(), key=lambda o: o.pk):
        key = (outcome.inbound.crm_id, outcome.target_name)
        if key in latest:
            _superseded(claim, latest[key], outcome.pk, None)
        latest[key] = outcome
    return list(latest.values())


def _update_values(claim: Claim, outcomes: list[WriteOutcome]) -> dict:
    """The value and its companion timestamp, or only the part a re-send still misses."""
    values = {}
    for outcome in outcomes:
        send_value, send_companion = claim.resend.get(outcome.pk, (True, True))
        if send_value:
            values[outcome.target_name] = outcome.planned_value
        if outcome.companion_field and outcome.companion_value and send_companion:
            values[outcome.companion_field] = outcome.companion_value
    return values


def _stamp_companions(now: datetime, outcomes: list[WriteOutcome]) -> list[WriteOutcome]:
    """Fix each value's companion timestamp when it is claimed, before its first send, and save it with the
    claim: a re-send, or the recovery after a crash, sends or finds the same moment, never a second one.
    Returns the outcomes stamped now."""
    # To the millisecond, as CRMs keep it: the stamp read back is then the stamp sent.
    moment = now.replace(microsecond=now.microsecond // 1000 * 1000)
    stamps: dict[int, str] = {}
    stamped = []
    for outcome in outcomes:
        timestamp_field = outcome.mapping.timestamp_field if outcome.mapping_id else None
        if timestamp_field is None or outcome.companion_value:
            continue
        if timestamp_field.pk not in stamps:  # the same moment for every record of the claim
            stamps[timestamp_field.pk] = str(coerce_to_field(moment, timestamp_field))
        outcome.companion_value = stamps[timestamp_field.pk]
        stamped.append(outcome)
    return stamped


def _mark_sending(claim: Claim, updates: list[RecordUpdate], by_record) -> None:
    sent_at = claim.now.isoformat()
    for update in updates:
        sent = {
            "record_id": update.record_id,
            "fields": sorted(update.values),
            "batch_records": len(updates),
            "sent_at": sent_at,
        }
        for outcome in by_record[update.record_id]:
            planned = outcome.request_summary or {}  # what a check found missing is about to be sent
            outcome.request_summary = {k: v for k, v in planned.items() if k != "missing"} | sent


def _align(updates: list[RecordUpdate], results: list[WriteResult]) -> list[WriteResult]:
    by_id = {result.record_id: result for result in results}
    if len(results) == len(updates) and all(u.record_id in by_id for u in updates):
        return [by_id[u.record_id] for u in updates]
    if len(results) == len(updates):
        return results
    missing = WriteResult("", WriteStatus.TRANSIENT, message="The CRM did not answer for this record.")
    return [by_id.get(u.record_id, missing) for u in updates]


def _response_summary(result: WriteResult) -> dict:
    """What the CRM answered for one record."""
    return {
        "status": str(result.status),
        "message": result.message[:500],
        "field_errors": [
            {"field": e.field, "code": e.provider_code, "message": e.message[:300]}
            for e in result.field_errors
        ],
        "surviving_id": result.surviving_id,
    }


def _apply_result(claim: Claim, outcomes: list[WriteOutcome], result: WriteResult) -> list[WriteOutcome]:
    for outcome in outcomes:
        outcome.response_summary = _response_summary(result)
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
    """Read back a sample per field; a failed check reads back the rest of that field's batch too and
    raises the field's rate until a clean window passes. What is not read now awaits the next sync read."""
    if not written:
        return
    rates = sample_rates_for(
        flow=claim.flow,
        base_rate=claim.settings.verification_sample_rate,
        fields={o.target_name for o in written},
    )
    chosen = _read_back_records(claim, written, rates)
    sampled = [o for o in written if o.inbound.crm_id in chosen]
    checks = _checks(claim, connector, sampled)
    failed = {o.target_name for o in sampled if o.pk in checks and not checks[o.pk].confirmed}
    if failed:
        rest = [o for o in written if o.target_name in failed and o.pk not in checks]
        checks |= _checks(claim, connector, rest)
    _record_field_checks(claim, written, checks)
    newer = superseded_by([o for o in written if o.pk in checks and not checks[o.pk].confirmed])
    for outcome in written:
        check = checks.get(outcome.pk)
        if check is None:
            _await_check(claim, outcome, rates[outcome.target_name] < 1)
        else:
            _apply_check(claim, outcome, check, newer, "read after write")


RECORDS_PER_CALL = 100  # records one batched write or read carries
# Read-back calls owed per flow, in this worker: each claim adds its rate times its write calls, and a read
# is made when a whole call is owed. Systematic sampling: the read-after-write cost is the rate of the write
# calls, spread evenly, and a read always carries a full call's worth of records. A new worker starts at a
# random phase, so that restarts neither skip nor add reads on average.
_read_credit: dict[int, float] = {}


def _read_back_records(claim: Claim, written: list[WriteOutcome], rates: dict[str, float]) -> set[str]:
    """The records read back after this write: hybrid ones always, others as the read credit allows."""
    always = {o.inbound.crm_id for o in written if o.owner == Owner.HYBRID}
    others = sorted({o.inbound.crm_id for o in written} - always)
    if not others:
        return always
    rate = max(rates[o.target_name] for o in written if o.inbound.crm_id in set(others))
    if rate <= 0:
        return always
    write_calls = math.ceil(len(others) / RECORDS_PER_CALL)
    credit = _read_credit.get(claim.flow.pk, random.random()) + rate * write_calls  # noqa: S311
    calls = min(write_calls, int(credit))
    _read_credit[claim.flow.pk] = min(1.0, credit - calls)
    size = min(len(others), calls * RECORDS_PER_CALL)
    return always | set(random.Random(claim.token).sample(others, size))  # noqa: S311 - sampling


def _checks(claim: Claim, connector, outcomes: list[WriteOutcome]) -> dict[int, Check]:
    """The outcomes read back now; none when the read fails (they then await the next read)."""
    if not outcomes:
        return {}
    try:
        current = _read(connector, _object(claim), outcomes)
    except CrmError as exc:
        logger.info("flow %s: read-back failed (%s); values await the next read", claim.flow.pk, exc.message)
        return {}
    return {o.pk: check_outcome(o, current.get(o.inbound.crm_id)) for o in outcomes}


def _record_field_checks(claim: Claim, written: list[WriteOutcome], checks: dict[int, Check]) -> None:
    results: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for outcome in written:
        check = checks.get(outcome.pk)
        if check is not None and check.found:
            results[outcome.target_name][0] += 1
            results[outcome.target_name][1] += 0 if check.confirmed else 1
    if results:
        field_checks_record(
            flow=claim.flow,
            window=claim.settings.verification_clean_window,
            results={name: (c, m) for name, (c, m) in results.items()},
            now=claim.now,
        )


def _apply_check(claim: Claim, outcome: WriteOutcome, check: Check, newer: dict, how: str) -> None:
    outcome.verification = verification_summary(check, claim.now, how)
    if check.confirmed:
        _finish(claim, outcome, OutcomeStatus.WRITTEN_VERIFIED, "Written and verified.")
    elif not check.found:
        _record_gone(claim, outcome)
    elif outcome.pk in newer:
        _superseded(claim, outcome, newer[outcome.pk], check)
    else:
        _not_confirmed(claim, outcome, check)


def _await_check(claim: Claim, outcome: WriteOutcome, not_sampled: bool) -> None:
    """Accepted by the CRM and not read back yet: the next sync read (or the batched check once the grace
    period is over) verifies it."""
    outcome.verification = dict(NOT_SAMPLED if not_sampled else READ_BACK_FAILED)  # its own, never shared
    outcome.status = OutcomeStatus.WRITTEN
    outcome.reason = "Written; awaiting verification at the next read of the record."
    outcome.finished_at = claim.answered_at or claim.now  # a read that began later sees the write
    outcome.due_at = outcome.finished_at + _grace(claim.flow)
    _note(outcome, claim.now, OutcomeStatus.WRITTEN, outcome.reason)


_graces: dict[int, timedelta] = {}


def _grace(flow: Flow) -> timedelta:
    if flow.pk not in _graces:
        _graces[flow.pk] = grace_for(flow)
    return _graces[flow.pk]


def _read(connector, object_name: str, outcomes: list[WriteOutcome]) -> dict:
    """The records of `outcomes`, with their target fields and companion timestamps: one batched read."""
    ids = sorted({o.inbound.crm_id for o in outcomes})
    fields = sorted(
        {o.target_name for o in outcomes} | {o.companion_field for o in outcomes if o.companion_field}
    )
    return connector.read_records(object_name, ids, fields)


def _restore_companions(claim: Claim, connector) -> None:
    """Companion timestamps that reached the CRM without their value are put back as they were (the last
    stamp a verified value of ours left, or empty): a timestamp is only ever written together with its
    value. A restore that fails keeps the value open, so the next attempt reads and tries again."""
    if not claim.restores:
        return
    updates: dict[str, dict] = defaultdict(dict)
    before = {o.pk: _companion_before(o) for o in claim.restores}
    for outcome in claim.restores:
        updates[outcome.inbound.crm_id][outcome.companion_field] = before[outcome.pk]
    record_updates = [RecordUpdate(crm_id, values) for crm_id, values in updates.items()]
    try:
        results = _align(record_updates, connector.write(_object(claim), record_updates))
    except CrmError as exc:
        results = [
            WriteResult(u.record_id, WriteStatus.TRANSIENT, message=exc.message) for u in record_updates
        ]
    answers = {update.record_id: result for update, result in zip(record_updates, results, strict=True)}
    for outcome in claim.restores:
        result = answers[outcome.inbound.crm_id]
        if result.status == WriteStatus.OK:
            restored = before[outcome.pk] or "empty"
            outcome.reason = (
                f"{outcome.reason[:800]}; its timestamp {outcome.companion_field} was put back to {restored}."
            )
            outcome.verification = {**outcome.verification, "companion_restored_to": before[outcome.pk]}
            _note(
                outcome, claim.now, "companion_restored", f"{outcome.companion_field} put back to {restored}"
            )
        else:
            _final_check_later(
                claim, outcome, f"restoring {outcome.companion_field} failed: {result.message}"
            )
    claim.restores = []


def _companion_before(outcome: WriteOutcome) -> str | None:
    """The stamp a verified value of ours last left in the companion field of this record, or None. Only
    the hub writes AI timestamp fields, so that is what the field held before this value's first send."""
    previous = (
        WriteOutcome.objects.filter(
            flow__connection_id=outcome.flow.connection_id,
            companion_field=outcome.companion_field,
            inbound__crm_id=outcome.inbound.crm_id,
            status=OutcomeStatus.WRITTEN_VERIFIED,
            pk__lt=outcome.pk,
        )
        .exclude(companion_value="")
        .order_by("-pk")
        .values_list("companion_value", flat=True)
        .first()
    )
    return previous or None


# -- verification by later reads: the sync cycle's read and the batched check ------------------------------


def written_values_confirm(
    *, connection, object_name: str, records: dict[str, dict], read_started: datetime, human_edits: dict
) -> int:
    """Check the values awaiting verification on these records against a read the sync cycle made anyway
    (values saved as written before that read began). Returns how many were settled."""
    _caches_clear()
    outcomes = repository.outcomes_awaiting_check_on_records(
        connection=connection, object_name=object_name, crm_ids=list(records), written_before=read_started
    )
    readable = [o for o in outcomes if _was_read(o, records[o.inbound.crm_id])]
    reopened = _verified_values_recheck(
        connection=connection, object_name=object_name, records=records, read_started=read_started
    )
    return _settle_written([*readable, *reopened], records, "next sync read", human_edits)


# A value read back right after its write can still be undone: a CRM workflow or trigger that runs after
# the request (on Salesforce as the user whose write started it: ours) puts the old value back. The first
# sync read that sees the record again checks it once more, at no extra call.
RECHECK_WINDOW = timedelta(days=1)


def _verified_values_recheck(
    *, connection, object_name: str, records: dict[str, dict], read_started: datetime
) -> list[WriteOutcome]:
    """Mark the verified values this read still finds in the CRM; reopen (as written, awaiting its check)
    each one the CRM no longer holds, for the same settling as any unconfirmed write."""
    verified = repository.outcomes_verified_awaiting_recheck(
        connection=connection,
        object_name=object_name,
        crm_ids=list(records),
        written_before=read_started,
        written_since=read_started - RECHECK_WINDOW,
    )
    readable = [o for o in verified if _was_read(o, records[o.inbound.crm_id])]
    if not readable:
        return []
    now = clock.now()
    reopened = []
    for outcome in readable:
        check = check_outcome(outcome, records.get(outcome.inbound.crm_id))
        outcome.verification = {**outcome.verification, "held_at_next_read": check.confirmed}
        if not check.confirmed:
            detail = (
                f"after it was verified, the CRM shows {check.shows()!r} instead of {outcome.planned_value!r}"
            )
            _note(outcome, now, "undone_after_verification", detail)
            outcome.status = OutcomeStatus.WRITTEN
            reopened.append(outcome)
    with transaction.atomic():
        repository.outcomes_save(readable)
    return reopened


def written_values_verify(*, flow_id: int, outcome_ids: list[int]) -> int:
    """The batched check: read the records of written values no sync read confirmed in time."""
    _caches_clear()
    outcomes = repository.outcomes_awaiting_check_by_id(flow_id=flow_id, ids=outcome_ids)
    if not outcomes:
        return 0
    flow = outcomes[0].flow
    try:
        with connector_for(flow.connection) as connector:
            current = _read(connector, flow.crm_object.name, outcomes)
    except CrmError as exc:
        logger.info("flow %s: batched verification read failed: %s", flow_id, exc.message)
        return 0  # the sweep takes them again when their due time comes round
    return _settle_written(outcomes, current, "batched check", {})


def awaiting_fields(*, connection, object_name: str) -> set[str]:
    """The fields (and companion timestamps) of values awaiting verification on an object: the sync
    cycle reads them along with its own, at no extra call."""
    rows = (
        WriteOutcome.objects.filter(
            Q(status=OutcomeStatus.WRITTEN)
            | Q(status=OutcomeStatus.WRITTEN_VERIFIED, finished_at__gte=clock.now() - RECHECK_WINDOW)
            & ~Q(verification__has_key="held_at_next_read")
            & ~Q(verification__how="next sync read"),
            flow__connection=connection,
            flow__crm_object__name=object_name,
        )
        .values_list("target_name", "companion_field")
        .distinct()
    )
    return {name for pair in rows for name in pair if name}


def _was_read(outcome: WriteOutcome, values: dict) -> bool:
    return outcome.target_name in values and (
        not outcome.companion_field or outcome.companion_field in values
    )


def _settle_written(outcomes: list[WriteOutcome], current: dict, how: str, human_edits: dict) -> int:
    """Verified, superseded, or sent round again (a failed attempt: the write job reads before it re-sends)."""
    by_flow: dict[int, list[WriteOutcome]] = defaultdict(list)
    for outcome in outcomes:
        by_flow[outcome.flow_id].append(outcome)
    settled = 0
    for flow_outcomes in by_flow.values():
        settled += _settle_flow_written(flow_outcomes, current, how, human_edits)
    return settled


def _settle_flow_written(outcomes: list[WriteOutcome], current: dict, how: str, human_edits: dict) -> int:
    flow = outcomes[0].flow
    claim = Claim(
        flow=flow,
        settings=_settings(flow),
        token=uuid.uuid4().hex,
        now=clock.now(),
        outcomes=outcomes,
        can_write=False,
    )
    checks = {o.pk: check_outcome(o, current.get(o.inbound.crm_id)) for o in outcomes}
    _record_field_checks(claim, outcomes, checks)
    newer = superseded_by([o for o in outcomes if not checks[o.pk].confirmed])
    for outcome in outcomes:
        check = checks[outcome.pk]
        if not check.confirmed and _edited_by_rep_after(outcome, human_edits):
            outcome.verification = verification_summary(check, claim.now, how)
            _finish(
                claim,
                outcome,
                OutcomeStatus.SUPERSEDED,
                f"A rep changed {outcome.target_name} after our write; the CRM shows {check.shows()!r}.",
            )
        else:
            _apply_check(claim, outcome, check, newer, how)
    with transaction.atomic():
        mine = repository.outcomes_lock_written([o.pk for o in outcomes])
        saved = [o for o in outcomes if o.pk in mine]
        repository.outcomes_save(saved)
        runs.checked(flow_id=flow.pk, outcomes=saved)
        again = sorted({o.inbound_id for o in saved if o.status == OutcomeStatus.RETRY_WAIT})
        if again:
            repository.records_mark_planned(again, now=claim.now)
            jobs.dispatch(jobs.write_job, flow.pk, again)
    return len(saved)


def _parsed(text) -> datetime | None:
    return parse_timestamp_or_none(text) if isinstance(text, str) else None


def _edited_by_rep_after(outcome: WriteOutcome, human_edits: dict) -> bool:
    edited = (human_edits.get(outcome.inbound.crm_id) or {}).get(outcome.target_name)
    moment = edited if isinstance(edited, datetime) else _parsed(edited)
    return moment is not None and outcome.finished_at is not None and moment > outcome.finished_at


# -- outcome transitions ----------------------------------------------------------------------------------


NOT_SAMPLED = {"checked": False, "why": "not sampled"}
READ_BACK_FAILED = {"checked": False, "why": "read-back failed"}


def _note(outcome: WriteOutcome, now: datetime, event: str, detail: str) -> None:
    """Append an entry to the outcome's log (the last 50 are kept)."""
    entry = log_entry(at=now, event=event, detail=detail)
    outcome.log = [*(outcome.log or []), entry][-50:]


def _finish(claim: Claim, outcome: WriteOutcome, status: str, reason: str, failure_kind: str = "") -> None:
    outcome.status = status
    outcome.reason = reason[:1000]
    outcome.failure_kind = failure_kind
    outcome.finished_at = claim.now
    outcome.due_at = None
    _note(outcome, claim.now, status, reason)


def _rate_limited(claim: Claim, outcome: WriteOutcome, retry_after: float | None, message: str) -> None:
    """Waiting out a rate limit never uses the retry budget."""
    delay = retry_delay(attempt=1, base=max(1.0, claim.settings.retry_base_seconds), retry_after=retry_after)
    outcome.rate_limited_count += 1
    outcome.status = OutcomeStatus.RETRY_WAIT
    outcome.due_at = claim.now + timedelta(seconds=delay)
    outcome.reason = f"Rate-limited: {message}"[:1000]
    _note(outcome, claim.now, "rate_limited", f"retry in {delay:.1f}s")


def _transient(claim: Claim, outcome: WriteOutcome, message: str) -> None:
    """A failed attempt: retried after a backoff. Out of attempts, the value is not dead-lettered yet: part
    of it may have landed (a lost answer), so the next claim reads the CRM first and settles it."""
    if _awaiting_final_check(outcome):  # the read that was to settle it failed as well
        _finish(
            claim,
            outcome,
            OutcomeStatus.DEAD_LETTERED,
            f"Gave up after {outcome.attempts} attempts: {message}; the CRM could not be read to tell "
            "whether any part of the write reached it.",
            FailureKind.TRANSIENT_EXHAUSTED,
        )
        return
    outcome.attempts += 1
    outcome.request_summary = {
        **(outcome.request_summary or {}),
        "last_failure": FailureKind.TRANSIENT_EXHAUSTED,
    }
    if outcome.attempts >= claim.settings.max_attempts:
        _final_check_later(claim, outcome, f"attempt {outcome.attempts} failed ({message[:200]})")
        return
    delay = retry_delay(attempt=outcome.attempts, base=claim.settings.retry_base_seconds)
    outcome.status = OutcomeStatus.RETRY_WAIT
    outcome.due_at = claim.now + timedelta(seconds=delay)
    outcome.reason = f"Attempt {outcome.attempts} failed: {message}"[:1000]
    _note(
        outcome,
        claim.now,
        "retry",
        f"attempt {outcome.attempts} failed ({message[:200]}); retry in {delay:.1f}s",
    )


def _not_confirmed(claim: Claim, outcome: WriteOutcome, check: Check) -> None:
    """The CRM answered success but does not hold the value (or its companion timestamp): a failed attempt.
    The next one reads first and sends only what is missing."""
    outcome.attempts += 1
    outcome.request_summary = {
        **(outcome.request_summary or {}),
        "last_failure": FailureKind.VERIFICATION_MISMATCH,
        "missing": [not check.value_holds, not check.companion_holds],
    }
    text = mismatch_text(outcome, check)
    if _out_of_attempts(claim, outcome):
        _give_up(claim, outcome, check)
        return
    delay = retry_delay(attempt=outcome.attempts, base=claim.settings.retry_base_seconds)
    outcome.status = OutcomeStatus.RETRY_WAIT
    outcome.due_at = claim.now + timedelta(seconds=delay)
    outcome.reason = f"{text} (attempt {outcome.attempts})."[:1000]
    _note(outcome, claim.now, "not_confirmed", f"{text}; re-sending in {delay:.1f}s")


def _give_up(claim: Claim, outcome: WriteOutcome, check: Check) -> None:
    """Out of attempts and not in the CRM: dead-lettered with what the CRM shows. A companion timestamp
    that landed without its value is put back in this claim (`_restore_companions`)."""
    kind = (outcome.request_summary or {}).get("last_failure") or FailureKind.VERIFICATION_MISMATCH
    prefix = f"Gave up after {outcome.attempts} attempts"
    if check.companion_is_ours and not claim.can_write:  # the stamp is put back by the next write claim
        _final_check_later(claim, outcome, mismatch_text(outcome, check))
        return
    outcome.verification = verification_summary(check, claim.now, "read before giving up")
    if check.value_holds:  # only the companion is missing: the value itself is in the CRM
        _finish(
            claim,
            outcome,
            OutcomeStatus.WRITTEN_VERIFIED,
            f"{prefix} to write the timestamp; the value is in the CRM.",
        )
        return
    _finish(claim, outcome, OutcomeStatus.DEAD_LETTERED, f"{prefix}. {mismatch_text(outcome, check)}", kind)
    if check.companion_is_ours:
        claim.restores.append(outcome)


def _final_check_later(claim: Claim, outcome: WriteOutcome, why: str) -> None:
    delay = retry_delay(attempt=outcome.attempts, base=claim.settings.retry_base_seconds)
    outcome.status = OutcomeStatus.RETRY_WAIT
    outcome.due_at = claim.now + timedelta(seconds=delay)
    summary = {k: v for k, v in (outcome.request_summary or {}).items() if k != "missing"}
    outcome.request_summary = summary | {"final_check": True}
    outcome.reason = f"Out of attempts ({why}): the CRM is read once more before giving up."[:1000]
    _note(outcome, claim.now, "final_check", why)


def _awaiting_final_check(outcome: WriteOutcome) -> bool:
    return bool((outcome.request_summary or {}).get("final_check"))


def _record_gone(claim: Claim, outcome: WriteOutcome) -> None:
    _finish(
        claim,
        outcome,
        OutcomeStatus.DEAD_LETTERED,
        f"CRM record {outcome.inbound.crm_id} is gone: the read did not return it.",
        FailureKind.RECORD_GONE,
    )


def _superseded(claim: Claim, outcome: WriteOutcome, newer_id: int, check: Check | None) -> None:
    if check is not None:
        outcome.verification = verification_summary(check, claim.now, "superseded")
    shows = f"; the CRM shows {check.shows()!r}" if check is not None else ""
    _finish(
        claim,
        outcome,
        OutcomeStatus.SUPERSEDED,
        f"A newer value for {outcome.target_name} of this record (outcome #{newer_id}) took its place{shows}.",
    )


def _release(claim: Claim, reason: str) -> None:
    for outcome in claim.open():
        outcome.status = OutcomeStatus.PENDING
        outcome.due_at = claim.now + timedelta(seconds=claim.settings.lease_seconds)
        outcome.reason = reason[:1000]
        _note(outcome, claim.now, "waiting", reason)


def _save_claim(claim: Claim) -> None:
    for outcome in claim.outcomes:
        outcome.claim_token = ""
    # One statement: only rows that still carry this job's token (recovery may have taken some over).
    saved = repository.outcomes_save(claim.outcomes, claim_token=claim.token)
    mine = [o for o in claim.outcomes if o.pk in saved]
    lost = len(claim.outcomes) - len(mine)
    if lost:
        logger.warning(
            "flow %s: %d outcomes were taken over by recovery before this job saved", claim.flow.pk, lost
        )
    runs.claim_saved(flow_id=claim.flow.pk, outcomes=mine, sent=claim.sent)
    _schedule_retries(claim, mine)


def _schedule_retries(claim: Claim, outcomes: list[WriteOutcome]) -> None:
    waiting = [o for o in outcomes if o.status == OutcomeStatus.RETRY_WAIT]
    if not waiting:
        return
    delay = max(0.0, (min(o.due_at for o in waiting) - claim.now).total_seconds())
    inbound_ids = sorted({o.inbound_id for o in waiting})
    jobs.dispatch(jobs.write_job, claim.flow.pk, inbound_ids, delay=delay)


def _complete_records(inbound_ids: list[int]) -> None:
    repository.records_complete(inbound_ids, now=clock.now())
