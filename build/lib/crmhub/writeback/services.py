"""Write-back use cases: ingest, replay, conflicts, connection resume, the shadow->live gate, upkeep.

Keyword-only, one transaction each, domain errors from crmhub.core.errors; enqueues happen on commit.
"""

import logging
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Min, Q

from crmhub.core import clock
from crmhub.core.errors import ApplicationError, ConflictError, permission_require
from crmhub.core.jobs import log_appended
from crmhub.models import ConnectionStatus, CrmConnection
from crmhub.roles import is_token_only
from crmhub.writeback import jobs, parsing, pipeline, repository, verification
from crmhub.writeback.models import (
    OPEN_OUTCOME_STATUSES,
    ConflictResolution,
    FailureKind,
    FlowGrant,
    FlowWritebackSettings,
    GoLiveDecision,
    InboundRecord,
    InboundStatus,
    OutcomeStatus,
    ShadowReview,
    ShadowSample,
    ShadowVerdict,
    WritebackEvent,
    WritebackEventKind,
    WriteOutcome,
)
from crmhub.writeback.planning import flow_catalog, plan_record
from crmhub.writeback.selectors import writeback_settings_for
from crmhub.writeback.verification import last_sync_read_started
from mappings_app.models import Flow, FlowMode

logger = logging.getLogger(__name__)

MAX_BATCH = 1000
VERIFY_JOB_VALUES = 500  # values per batched check (a few batched reads each)
VERIFY_SWEEP_VALUES = 20_000  # the most values one sweep sends to the batched check of a flow
VERIFY_MIN_BATCH = 100  # fewer due values than one read carries wait, up to VERIFY_MAX_WAIT, for more
VERIFY_MAX_WAIT = timedelta(seconds=60)
CLOCK_SKEW = timedelta(minutes=5)
PROCESS_JOB_RECORDS = 1000


# -- ingest -----------------------------------------------------------------------------------------------


@dataclass
class IngestResult:
    index: int
    record: InboundRecord
    outcome: str  # accepted | duplicate | rejected | conflict
    errors: list[str] = field(default_factory=list)
    conflicts_with: InboundRecord | None = None


INGEST_ATTEMPTS = 3


def outputs_ingest(*, user, records: list) -> list[IngestResult]:
    """Persist a batch in one transaction. Valid records go on; invalid ones are kept with their reasons;
    a key seen before with the same content returns the original record and writes nothing, with other
    content it is a conflict that names the first record."""
    permission_require(user, "writeback.add_inboundrecord", "post integration outputs")
    if not isinstance(records, list) or not records:
        raise ApplicationError("Send a non-empty list of records.")
    if len(records) > MAX_BATCH:
        raise ApplicationError(f"A batch holds at most {MAX_BATCH} records; this one has {len(records)}.")
    for attempt in range(1, INGEST_ATTEMPTS + 1):
        try:
            return _ingest(user, records)
        except IntegrityError:
            # A concurrent request stored one of these keys first (SQLite, or a key outside the locked
            # buckets' view): the next pass finds it as a duplicate.
            if attempt == INGEST_ATTEMPTS:
                raise
    raise AssertionError("unreachable")


@transaction.atomic
def _ingest(user, records: list) -> list[IngestResult]:
    keys = sorted({parsing.key_of(r) for r in records} - {""})
    repository.idempotency_keys_lock(user=user, keys=keys)
    flows = _flows_by_reference(records)
    allowed = flows_allowed_for(user=user)
    existing = {r.idempotency_key: r for r in repository.records_accepted_with_keys(user=user, keys=keys)}
    results, fresh, conflicts = [], [], []
    for index, raw in enumerate(records):
        parsed, errors = _parse(raw, flows, allowed)
        key = parsed.get("idempotency_key", "")
        if not errors and key in existing:
            first = existing[key]
            if not first.payload_sha256 or first.payload_sha256 == parsed["payload_sha256"]:
                results.append(IngestResult(index, first, "duplicate"))
                continue
            record = _rejected_record(user, parsed, raw, [])
            conflicts.append(record)
            results.append(IngestResult(index, record, "conflict", conflicts_with=first))
            continue
        record = _rejected_record(user, parsed, raw, errors) if errors else _new_record(user, parsed)
        if not errors:
            existing[key] = record
        fresh.append(record)
        results.append(IngestResult(index, record, "rejected" if errors else "accepted", errors))
    repository.records_insert(fresh)
    for result in results:
        if result.outcome == "conflict":
            result.errors = [_conflict_reason(result.conflicts_with)]
            result.record.rejection_reasons = result.errors
    repository.records_insert(conflicts)
    _dispatch_processing([r for r in fresh if r.status == InboundStatus.RECEIVED])
    return results


def _conflict_reason(first: InboundRecord) -> str:
    return (
        f"idempotency_key: already used by record #{first.pk} with different content; "
        "send new content under a new key."
    )


def flows_allowed_for(*, user) -> set[int] | None:
    """Ids of the flows an integration may post into; None for people (admins), who may post anywhere."""
    if not is_token_only(user):
        return None
    return set(FlowGrant.objects.filter(integration_user=user).values_list("flow_id", flat=True))


def _new_record(user, parsed: dict) -> InboundRecord:
    parsed = dict(parsed)
    flow = parsed.pop("flow", None)
    values = {**parsed, "integration_user_id": user.pk, "flow_id": flow.pk if flow else None}
    return repository.record_new(values=values, related={"integration_user": user, "flow": flow})


def _rejected_record(user, parsed: dict, raw, errors: list[str]) -> InboundRecord:
    record = _new_record(user, parsed)
    record.status = InboundStatus.REJECTED
    record.rejection_reasons = errors
    record.raw = parsing.stored_raw(raw)
    return record


def _flows_by_reference(records: list) -> dict:
    refs = {parsing.flow_reference(r.get("flow")) for r in records if isinstance(r, dict)} - {None}
    ids = {ref for ref in refs if isinstance(ref, int)}
    names = {ref for ref in refs if isinstance(ref, str)}
    flows = Flow.objects.select_related("crm_object").filter(Q(pk__in=ids) | Q(name__in=names))
    by_ref: dict = defaultdict(list)
    for flow in flows:
        by_ref[flow.pk].append(flow)
        by_ref[flow.name].append(flow)
    return by_ref


def _parse(raw, flows: dict, allowed: set[int] | None) -> tuple[dict, list[str]]:
    if not isinstance(raw, dict):
        return {}, ["A record must be a JSON object."]
    errors: list[str] = []
    key = parsing.idempotency_key(raw, errors)
    flow = _flow_for(raw.get("flow"), flows, allowed, errors)
    parsed = {
        "flow": flow,
        "source_system": parsing.text_field(raw, "source_system", 100, errors),
        "object_type": parsing.text_field(raw, "object_type", 100, errors),
        "external_id": parsing.text_field(raw, "external_id", 200, errors),
        "identifiers": parsing.json_tree(raw, "identifiers", errors, required=False),
        "attributes": parsing.json_tree(raw, "attributes", errors, required=False),
        "values": parsing.json_tree(raw, "values", errors, required=True),
        "observed_at": parsing.moment(raw.get("observed_at"), errors, latest=clock.now() + CLOCK_SKEW),
        "idempotency_key": key,
    }
    if flow is not None:
        if parsed["source_system"] and parsed["source_system"] != flow.source_system:
            errors.append(f"source_system: flow {flow.name!r} takes {flow.source_system!r}.")
        if parsed["object_type"] and parsed["object_type"].lower() != flow.crm_object.name.lower():
            errors.append(f"object_type: flow {flow.name!r} writes {flow.crm_object.name!r}.")
    parsed["payload_sha256"] = parsing.fingerprint(parsed) if not errors else ""
    return parsed, errors


def _flow_for(ref, flows: dict, allowed: set[int] | None, errors: list[str]):
    if ref is None or ref == "":
        errors.append("flow: required (a flow id or name).")
        return None
    key = parsing.flow_reference(ref)
    if key is None:
        errors.append("flow: a flow id (a positive integer) or a flow name.")
        return None
    matches = flows.get(key, [])
    if not matches:
        errors.append(f"flow: no flow {key!r}.")
        return None
    if len(matches) > 1:
        errors.append(f"flow: {key!r} names flows on several connections; send its id.")
        return None
    if allowed is not None and matches[0].pk not in allowed:
        errors.append(f"flow: this integration may not post into flow {matches[0].name!r}.")
        return None
    return matches[0]


def _dispatch_processing(records: list[InboundRecord]) -> None:
    ids = [record.pk for record in records]
    for start in range(0, len(ids), PROCESS_JOB_RECORDS):
        jobs.dispatch(jobs.process_job, ids[start : start + PROCESS_JOB_RECORDS])


@transaction.atomic
def inbound_rejected_replay(*, records, actor) -> list[IngestResult]:
    """Validate rejected records again (after a flow or catalog fix); the valid ones go on."""
    permission_require(actor, "writeback.change_inboundrecord", "replay rejected records")
    rows = list(InboundRecord.objects.select_for_update().filter(pk__in=[r.pk for r in records]))
    results = []
    for index, row in enumerate(rows):
        if row.status != InboundStatus.REJECTED:
            results.append(IngestResult(index, row, "duplicate", ["Not a rejected record."]))
            continue
        raw = parsing.posted_raw(row.raw)
        parsed, errors = _parse(raw, _flows_by_reference([raw]), flows_allowed_for(user=row.integration_user))
        taken = InboundRecord.objects.filter(
            integration_user_id=row.integration_user_id, idempotency_key=parsed.get("idempotency_key", "")
        ).exclude(status=InboundStatus.REJECTED)
        if not errors and taken.exists():
            errors = ["idempotency_key: an accepted record already holds this key."]
        if errors:
            row.rejection_reasons = errors
            row.save(update_fields=["rejection_reasons", "updated_at"])
            results.append(IngestResult(index, row, "rejected", errors))
            continue
        for name, value in parsed.items():
            setattr(row, name, value)
        row.status, row.rejection_reasons = InboundStatus.RECEIVED, []
        row.save()
        results.append(IngestResult(index, row, "accepted"))
    _dispatch_processing([r.record for r in results if r.outcome == "accepted"])
    return results


# -- identity review releases held records ----------------------------------------------------------------


def held_records_release(*, item, decision: str, crm_id: str, actor) -> int:
    """A reviewer linked (or asked to create) the record behind a review item: its held writes go on."""
    with transaction.atomic():
        held = list(
            InboundRecord.objects.select_for_update().filter(
                Q(review_item=item) | Q(flow_id=item.flow_id, external_id=item.external_id),
                status=InboundStatus.HELD_FOR_REVIEW,
            )
        )
        if not held:
            return 0
        now = clock.now()
        for record in held:
            record.identity = {
                **(record.identity or {}),
                "outcome": "matched" if crm_id else "create_requested",
                "method": f"review:{decision}",
                "decided_by": getattr(actor, "username", ""),
                "decided_at": now.isoformat(),
            }
            if crm_id:
                record.crm_id = crm_id
                record.status = InboundStatus.RECEIVED
        InboundRecord.objects.bulk_update(held, ["identity", "crm_id", "status", "updated_at"])
        released = [r for r in held if r.status == InboundStatus.RECEIVED]
        _dispatch_processing(released)
    return len(released)


def held_records_dismiss(*, item) -> int:
    return InboundRecord.objects.filter(review_item=item, status=InboundStatus.HELD_FOR_REVIEW).update(
        status=InboundStatus.DISMISSED, updated_at=clock.now()
    )


# -- dead letters, conflicts, paused connections ----------------------------------------------------------


@dataclass
class ReplaySummary:
    replayed: list[int] = field(default_factory=list)
    refused: dict[int, str] = field(default_factory=dict)


def dead_letters_replay(*, outcomes, actor) -> ReplaySummary:
    """Plan each dead-lettered value again with the active catalog and send it back through the pipeline."""
    permission_require(actor, "writeback.change_writeoutcome", "replay dead letters")
    summary = ReplaySummary()
    by_flow: dict[int, list[int]] = defaultdict(list)
    for outcome in outcomes:
        by_flow[outcome.flow_id].append(outcome.pk)
    for flow_id, ids in by_flow.items():
        _replay_flow(
            Flow.objects.select_related("connection", "crm_object").get(pk=flow_id), ids, actor, summary
        )
        logger.info("flow %s: %d dead-lettered value(s) replayed by user %s", flow_id, len(ids), actor.pk)
    return summary


def dead_letters_replay_all(*, actor, flow=None) -> ReplaySummary:
    outcomes = WriteOutcome.objects.filter(status=OutcomeStatus.DEAD_LETTERED)
    if flow is not None:
        outcomes = outcomes.filter(flow=flow)
    return dead_letters_replay(outcomes=list(outcomes.only("pk", "flow_id")), actor=actor)


@transaction.atomic
def _replay_flow(
    flow: Flow, ids: list[int], actor, summary: ReplaySummary, *, refusal=None, event: str = "replayed"
) -> None:
    """Plan the outcomes `ids` again with the flow's active catalog and send those still pending to the
    writer; `refusal(outcome)` says why one may not be (dead letters only, by default)."""
    rows = list(WriteOutcome.objects.select_for_update().filter(pk__in=ids).select_related("inbound"))
    catalog = flow_catalog(flow)
    now = clock.now()
    settings = writeback_settings_for(flow)
    inbound_ids = set()
    for outcome in rows:
        why = (refusal or _replay_refusal)(outcome)
        if why:
            summary.refused[outcome.pk] = why
            continue
        fresh = _replanned(outcome, catalog, now)
        if fresh is None:
            summary.refused[outcome.pk] = "The value's mapping is no longer active."
            continue
        for name in (
            "mapping",
            "crm_field",
            "planned_value",
            "catalog_version",
            "owner",
            "conflict_policy",
            "companion_field",
            "request_summary",
            "ownership_decision",
        ):
            setattr(outcome, name, getattr(fresh, name))
        if fresh.status != OutcomeStatus.PENDING:
            outcome.status, outcome.reason, outcome.failure_kind = (
                fresh.status,
                fresh.reason,
                fresh.failure_kind,
            )
            outcome.finished_at = now
        else:
            outcome.status, outcome.reason, outcome.failure_kind = OutcomeStatus.PENDING, "", ""
            outcome.finished_at, outcome.due_at = None, now + timedelta(seconds=settings.lease_seconds)
            inbound_ids.add(outcome.inbound_id)
        outcome.attempts = 0
        outcome.replay_count += 1
        outcome.verification = {}
        outcome.companion_value = ""  # a replay is a new write: it gets a stamp of its own
        outcome.request_summary = {
            k: v
            for k, v in (outcome.request_summary or {}).items()
            if k not in ("final_check", "last_failure")
        }
        outcome.log = log_appended(outcome.log, at=now, event=event, detail=f"by {actor.username}")
        outcome.save()
        summary.replayed.append(outcome.pk)
    if inbound_ids:
        InboundRecord.objects.filter(pk__in=inbound_ids).update(status=InboundStatus.PLANNED, updated_at=now)
        jobs.dispatch(jobs.write_job, flow.pk, sorted(inbound_ids))


def _replay_refusal(outcome: WriteOutcome) -> str:
    if outcome.status != OutcomeStatus.DEAD_LETTERED:
        return f"Outcome #{outcome.pk} is {outcome.status}, not dead-lettered."
    if outcome.inbound.payload_purged_at:
        return "The inbound payload was purged (retention); the value cannot be planned again."
    if outcome.flow.mode == FlowMode.SHADOW:
        return "The flow is in shadow mode."
    return ""


def _replanned(outcome: WriteOutcome, catalog, now) -> WriteOutcome | None:
    record = outcome.inbound
    record.values = {outcome.source_key: outcome.raw_value}
    for fresh in plan_record(record, catalog, now=now):
        if fresh.target_name == outcome.target_name:
            return fresh
    return None


@transaction.atomic
def write_conflict_resolve(*, outcome: WriteOutcome, decision: str, actor) -> WriteOutcome:
    """A reviewer decides a flagged hybrid conflict: keep the rep's value, or overwrite it."""
    permission_require(actor, "writeback.change_writeoutcome", "decide write conflicts")
    outcome = WriteOutcome.objects.select_for_update().select_related("flow").get(pk=outcome.pk)
    if outcome.status != OutcomeStatus.CONFLICT or outcome.conflict_resolution != ConflictResolution.OPEN:
        raise ConflictError(f"Outcome #{outcome.pk} is not an open conflict.")
    if decision not in ("overwrite", "keep"):
        raise ApplicationError("Decide 'overwrite' or 'keep'.")
    now = clock.now()
    outcome.resolved_by, outcome.resolved_at = actor, now
    detail = f"{decision} by {actor.username}"
    outcome.log = log_appended(outcome.log, at=now, event="conflict_decided", detail=detail)
    if decision == "keep":
        outcome.conflict_resolution = ConflictResolution.KEPT
        outcome.status, outcome.reason = (
            OutcomeStatus.SKIPPED,
            f"Conflict decided: the rep's value kept ({detail}).",
        )
    else:
        outcome.conflict_resolution = ConflictResolution.OVERWRITTEN
        outcome.status, outcome.reason, outcome.finished_at = OutcomeStatus.PENDING, "", None
        outcome.due_at = now + timedelta(seconds=writeback_settings_for(outcome.flow).lease_seconds)
        InboundRecord.objects.filter(pk=outcome.inbound_id).update(status=InboundStatus.PLANNED)
        jobs.dispatch(jobs.write_job, outcome.flow_id, [outcome.inbound_id])
    outcome.save()
    return outcome


@transaction.atomic
def connection_resume(*, connection: CrmConnection, actor) -> int:
    """Credentials fixed: the connection is active again and its waiting writes go out."""
    permission_require(actor, "crmhub.change_crmconnection", "resume connections")
    connection = CrmConnection.objects.select_for_update().get(pk=connection.pk)
    connection.status, connection.status_reason = ConnectionStatus.ACTIVE, ""
    connection._history_user, connection._change_reason = actor, "write-back: resumed"
    connection.save(update_fields=["status", "status_reason", "updated_at"])
    logger.info("connection %s resumed by user %s", connection.pk, actor.pk)
    WritebackEvent.objects.create(
        connection=connection,
        kind=WritebackEventKind.CONNECTION_RESUMED,
        message=f"Resumed by {actor.username}.",
    )
    return _dispatch_open_outcomes(
        WriteOutcome.objects.filter(flow__connection=connection, status__in=OPEN_OUTCOME_STATUSES)
    )


def _dispatch_open_outcomes(outcomes) -> int:
    pairs = outcomes.values_list("flow_id", "inbound_id").distinct()
    by_flow: dict[int, set[int]] = defaultdict(set)
    for flow_id, inbound_id in pairs:
        by_flow[flow_id].add(inbound_id)
    for flow_id, inbound_ids in by_flow.items():
        ordered = sorted(inbound_ids)
        for start in range(0, len(ordered), PROCESS_JOB_RECORDS):
            jobs.dispatch(jobs.write_job, flow_id, ordered[start : start + PROCESS_JOB_RECORDS])
    return sum(len(ids) for ids in by_flow.values())


# -- upkeep: recovery sweep and retention -----------------------------------------------------------------


def stalled_work_recover(*, now: datetime | None = None) -> int:
    """The safety net behind lost jobs and killed workers: due retries, expired in-flight claims, pending
    writes and received records nobody picked up within the flow's lease."""
    now = now or clock.now()
    count = 0
    for settings in _flow_settings_with_open_work():
        lease = timedelta(seconds=settings.lease_seconds)
        stale = InboundRecord.objects.filter(
            flow_id=settings.flow_id, status=InboundStatus.RECEIVED, updated_at__lte=now - lease
        ).values_list("pk", flat=True)
        records = list(stale)
        if records:
            _dispatch_processing(InboundRecord.objects.filter(pk__in=records).only("pk"))
        due = WriteOutcome.objects.filter(
            flow_id=settings.flow_id,
            status__in=OPEN_OUTCOME_STATUSES,
            due_at__lte=now,
            flow__connection__status=ConnectionStatus.ACTIVE,
        )
        resent = _dispatch_open_outcomes(due)
        if records or resent:
            logger.info(
                "flow %s: recovery sweep re-sent %d received record(s) and %d record(s) with due outcomes",
                settings.flow_id,
                len(records),
                resent,
            )
        count += len(records) + resent
    return count + written_values_check_dispatch(now=now)


def written_values_check_dispatch(*, now: datetime | None = None) -> int:
    """Values still awaiting verification go to the batched check once a completed sync cycle read the
    object after them without confirming them (the CRM did not count the write as a change), or when their
    grace ran out (no cycle completes). Each is then held off for its flow's lease, so a check still queued
    is not sent twice."""
    now = now or clock.now()
    awaiting = WriteOutcome.objects.filter(status=OutcomeStatus.WRITTEN)
    flow_ids = set(awaiting.values_list("flow_id", flat=True).distinct())
    flows = Flow.objects.filter(pk__in=flow_ids, connection__status=ConnectionStatus.ACTIVE).select_related(
        "crm_object"
    )
    dispatched = 0
    for flow in flows:
        due = Q(due_at__lte=now) | Q(due_at__isnull=True)
        covered = last_sync_read_started(flow=flow)
        if covered is not None:
            due |= Q(finished_at__lt=covered)
        dispatched += _dispatch_checks(flow, awaiting.filter(due, flow=flow), now)
    return dispatched


def _worth_a_read(due, now: datetime) -> bool:
    """A batched read carries up to a hundred records: a few due values wait a little for more to join."""
    if due.count() >= VERIFY_MIN_BATCH:
        return True
    oldest = due.aggregate(oldest=Min("finished_at"))["oldest"]
    return oldest is None or oldest <= now - VERIFY_MAX_WAIT


@transaction.atomic
def _dispatch_checks(flow: Flow, due, now: datetime) -> int:
    if not _worth_a_read(due, now):
        return 0
    ids = list(
        due.select_for_update(skip_locked=True)
        .order_by("due_at")
        .values_list("pk", flat=True)[:VERIFY_SWEEP_VALUES]
    )
    if not ids:
        return 0
    lease = timedelta(seconds=writeback_settings_for(flow).lease_seconds)
    repository.outcomes_lease(ids, due_at=now + lease)
    for start in range(0, len(ids), VERIFY_JOB_VALUES):
        jobs.dispatch(jobs.verify_job, flow.pk, ids[start : start + VERIFY_JOB_VALUES])
    return len(ids)


def _flow_settings_with_open_work():
    flow_ids = set(
        WriteOutcome.objects.filter(status__in=OPEN_OUTCOME_STATUSES)
        .values_list("flow_id", flat=True)
        .distinct()
    ) | set(
        InboundRecord.objects.filter(status=InboundStatus.RECEIVED)
        .values_list("flow_id", flat=True)
        .distinct()
    )
    return [writeback_settings_for(flow) for flow in Flow.objects.filter(pk__in=flow_ids)]


def payloads_purge(*, now: datetime | None = None) -> int:
    """Data minimisation: past a flow's retention, inbound payloads are emptied; outcomes stay."""
    now = now or clock.now()
    purged = 0
    for settings in FlowWritebackSettings.objects.all():
        cutoff = now - timedelta(days=settings.payload_retention_days)
        records = InboundRecord.objects.filter(
            flow_id=settings.flow_id, received_at__lt=cutoff, payload_purged_at__isnull=True
        ).exclude(status__in=[InboundStatus.RECEIVED, InboundStatus.HELD_FOR_REVIEW, InboundStatus.PLANNED])
        with transaction.atomic():
            ids = list(records.values_list("pk", flat=True))
            InboundRecord.objects.filter(pk__in=ids).update(
                identifiers={}, attributes={}, values={}, raw={}, payload_purged_at=now
            )
            WriteOutcome.objects.filter(inbound_id__in=ids).update(raw_value=None)
        if ids:
            logger.info("flow %s: payloads of %d inbound record(s) purged", settings.flow_id, len(ids))
        purged += len(ids)
    return purged


# -- shadow -> live ---------------------------------------------------------------------------------------


def wilson_lower_bound(correct: int, total: int, z: float = 1.96) -> float:
    """Lower end of the Wilson score interval for a proportion (95 % by default)."""
    if total == 0:
        return 0.0
    p = correct / total
    denominator = 1 + z * z / total
    centre = p + z * z / (2 * total)
    margin = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    return (centre - margin) / denominator


@transaction.atomic
def shadow_sample_draw(
    *, flow: Flow, actor, size: int | None = None, seed: int | None = None
) -> ShadowSample:
    """A random sample of the flow's shadow writes for reviewers to mark."""
    permission_require(actor, "writeback.review_shadowwrite", "draw shadow samples")
    settings = writeback_settings_for(flow)
    size = size or settings.min_sample_size
    ids = list(
        WriteOutcome.objects.filter(flow=flow, status=OutcomeStatus.SHADOW).values_list("pk", flat=True)
    )
    if not ids:
        raise ApplicationError(f"Flow {flow.name} has no shadow writes to sample yet.")
    chosen = random.Random(seed).sample(ids, min(size, len(ids)))  # noqa: S311 - sampling, not crypto
    sample = ShadowSample.objects.create(flow=flow, created_by=actor, size=len(chosen))
    ShadowReview.objects.bulk_create([ShadowReview(sample=sample, outcome_id=pk) for pk in sorted(chosen)])
    return sample


@transaction.atomic
def shadow_review_mark(*, review: ShadowReview, verdict: str, actor, note: str = "") -> ShadowReview:
    permission_require(actor, "writeback.review_shadowwrite", "review shadow writes")
    if verdict not in (ShadowVerdict.CORRECT, ShadowVerdict.INCORRECT):
        raise ApplicationError("A verdict is 'correct' or 'incorrect'.")
    review = ShadowReview.objects.select_for_update().get(pk=review.pk)
    if GoLiveDecision.objects.filter(sample_id=review.sample_id, approved=True).exists():
        raise ConflictError("This sample already took its flow live; it can no longer change.")
    review.verdict, review.note = verdict, note[:500]
    review.reviewed_by, review.reviewed_at = actor, clock.now()
    review._history_user, review._change_reason = actor, f"shadow review: {verdict}"
    review.full_clean()
    review.save()
    return review


def mistakes_allowed(*, reviewed: int, threshold: float) -> int | None:
    """The most "incorrect" verdicts among `reviewed` that still keep the Wilson lower bound above
    `threshold`; None when even a sample without a mistake would not."""
    allowed = None
    for mistakes in range(reviewed + 1):
        if wilson_lower_bound(reviewed - mistakes, reviewed) <= threshold:
            break
        allowed = mistakes
    return allowed


SHADOW_BACKLOG_SEND = "send"
SHADOW_BACKLOG_DISCARD = "discard"


def shadow_backlog_ids(*, flow: Flow) -> list[int]:
    """The values shadow mode computed and never sent, as a go-live would send them: the newest shadow outcome
    per CRM record and field (an older value for the same field would only be overwritten by it)."""
    newest: dict[tuple[str, str], int] = {}
    rows = (
        WriteOutcome.objects.filter(flow=flow, status=OutcomeStatus.SHADOW)
        .exclude(inbound__crm_id="")
        .order_by("inbound__observed_at", "pk")
        .values_list("pk", "inbound__crm_id", "target_name")
    )
    for pk, crm_id, target in rows:
        newest[(crm_id, target)] = pk
    return sorted(newest.values())


def _shadow_backlog_refusal(outcome: WriteOutcome) -> str:
    if outcome.status != OutcomeStatus.SHADOW:
        return f"Outcome #{outcome.pk} is {outcome.status}, not a shadow value."
    if outcome.inbound.payload_purged_at:
        return "The inbound payload was purged (retention); the value cannot be planned again."
    return ""


@transaction.atomic
def flow_go_live(
    *, flow: Flow, sample: ShadowSample, actor, note: str = "", backlog: str = SHADOW_BACKLOG_DISCARD
) -> GoLiveDecision:
    """Record the decision either way; switch the flow to live only when the evidence holds. `backlog` says
    what becomes of the values shadow mode computed: "send" plans the newest per record and field again with
    the live catalog and writes them; "discard" leaves them as shadow history. The answer is recorded with the
    go-live event."""
    if backlog not in (SHADOW_BACKLOG_SEND, SHADOW_BACKLOG_DISCARD):
        raise ApplicationError("Say what to do with the shadow backlog: send it or discard it.")
    permission_require(actor, "writeback.add_golivedecision", "switch flows to live")
    flow = Flow.objects.select_for_update().get(pk=flow.pk)
    if sample.flow_id != flow.pk:
        raise ApplicationError("The sample belongs to another flow.")
    if flow.mode == FlowMode.LIVE:
        raise ConflictError(f"Flow {flow.name} is already live.")
    settings = writeback_settings_for(flow)
    verdicts = list(sample.reviews.exclude(verdict="").values_list("verdict", flat=True))
    reviewed, correct = len(verdicts), verdicts.count(ShadowVerdict.CORRECT)
    lower = wilson_lower_bound(correct, reviewed)
    approved = reviewed >= settings.min_sample_size and lower > settings.accuracy_threshold
    decision = GoLiveDecision.objects.create(
        flow=flow,
        sample=sample,
        decided_by=actor,
        reviewed=reviewed,
        correct=correct,
        accuracy=correct / reviewed if reviewed else 0.0,
        wilson_lower=lower,
        threshold=settings.accuracy_threshold,
        min_sample_size=settings.min_sample_size,
        approved=approved,
        note=note[:1000],
    )
    logger.info(
        "flow %s go-live decision #%s: %s (Wilson lower bound %.3f over %d reviews, threshold %.3f)",
        flow.pk,
        decision.pk,
        "approved" if approved else "refused",
        lower,
        reviewed,
        settings.accuracy_threshold,
    )
    if approved:
        flow.mode = FlowMode.LIVE
        flow._history_user, flow._change_reason = actor, f"go-live decision #{decision.pk}"
        flow.save(update_fields=["mode"])
        backlog_ids = shadow_backlog_ids(flow=flow)
        sent = ReplaySummary()
        if backlog == SHADOW_BACKLOG_SEND and backlog_ids:
            _replay_flow(
                flow, backlog_ids, actor, sent, refusal=_shadow_backlog_refusal, event="sent_after_go_live"
            )
        what = (
            f"{len(sent.replayed)} shadow value(s) sent"
            if backlog == SHADOW_BACKLOG_SEND
            else f"{len(backlog_ids)} shadow value(s) discarded"
        )
        WritebackEvent.objects.create(
            connection_id=flow.connection_id,
            flow=flow,
            kind=WritebackEventKind.GO_LIVE,
            message=f"{flow.name} is live (Wilson lower bound {lower:.3f} over {reviewed} reviews); {what}.",
            details={
                "decision": decision.pk,
                "shadow_backlog": backlog,
                "backlog_values": len(backlog_ids),
                "sent": len(sent.replayed),
                "refused": len(sent.refused),
            },
        )
    return decision


__all__ = [
    "FailureKind",
    "IngestResult",
    "ReplaySummary",
    "connection_resume",
    "dead_letters_replay",
    "dead_letters_replay_all",
    "flow_go_live",
    "held_records_dismiss",
    "held_records_release",
    "inbound_rejected_replay",
    "mistakes_allowed",
    "outputs_ingest",
    "payloads_purge",
    "shadow_backlog_ids",
    "shadow_review_mark",
    "shadow_sample_draw",
    "stalled_work_recover",
    "wilson_lower_bound",
    "write_conflict_resolve",
    "written_values_check_dispatch",
]


# What a sync cycle's read asks of write-back: it reads along the fields of values the hub wrote and has not
# verified yet, starts early enough to see them again, and hands over what it read to confirm them.
def awaiting_fields(*, connection, object_name: str) -> set[str]:
    return pipeline.awaiting_fields(connection=connection, object_name=object_name)


def oldest_unverified_write(*, connection, object_name: str) -> datetime | None:
    return verification.oldest_unverified_write(connection=connection, object_name=object_name)


def written_values_confirm(
    *, connection, object_name: str, records: dict[str, dict], read_started: datetime, human_edits: dict
) -> int:
    return pipeline.written_values_confirm(
        connection=connection,
        object_name=object_name,
        records=records,
        read_started=read_started,
        human_edits=human_edits,
    )
