"""Polling sync cycles: read what changed in a CRM object, refresh the identifier mirror and the last human
edits, record deletes and merges, check the schema for drift, and keep the CRM and the mirror complete.

A cycle is a `SyncRun`. `sync_run_execute` is the runner: it maps an API budget stop to *stopped* (resumed
from the checkpoint later), expected failures (CRM errors, application errors) to *failed*, and anything
else to *errored* with the traceback.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from django.db import transaction

from crmhub.connectors import CrmError, CrmRateLimited, CrmRecord
from crmhub.core import clock
from crmhub.core.backoff import retry_delay
from crmhub.core.connectors import connector_for
from crmhub.core.errors import ApplicationError, ConflictError, PermissionDeniedError
from crmhub.core.jobs import JobRunner
from crmhub.core.timestamps import parse_timestamp
from crmhub.models import ConnectionStatus, CrmConnection
from crmhub.sync import field_changes, jobs, read_path, signals
from crmhub.sync.models import SyncKind, SyncRun, SyncState, SyncStatus, SyncTrigger
from crmhub.writeback import services as writeback_services
from crmhub.writeback.models import WritebackEvent, WritebackEventKind
from identity_app import selectors as identity_selectors
from identity_app.models import MirrorRecord
from identity_app.services import mirror_upsert
from mappings_app.drift import Drift, mappings_mark_broken, schema_drift_find
from mappings_app.models import CrmField, Owner
from mappings_app.schema_sync import crm_schema_sync

logger = logging.getLogger(__name__)

START_OF_TIME = datetime(2000, 1, 1, tzinfo=UTC)
DELETE_OVERLAP = timedelta(seconds=5)
# A first full sync reads deletes from its own start, less this allowance for the CRM's clock running behind ours.
FIRST_SYNC_DELETE_MARGIN = timedelta(minutes=5)
RUN_PERMISSION = "sync.add_syncrun"
DRIFT_REASON = "sync: schema drift"
COMMIT_BATCH = 2000  # records mirrored per transaction: pages are joined up to this size
STALE_RUN = timedelta(hours=2)  # a run "running" longer than this lost its worker
OPEN_STATUSES = (SyncStatus.QUEUED, SyncStatus.RUNNING)


class SyncBusy(ConflictError):
    """Another cycle of the same object is queued or running."""


# -- requesting runs ----------------------------------------------------------------------------------


def sync_state_for(*, connection: CrmConnection, object_name: str) -> SyncState:
    state, _ = SyncState.objects.get_or_create(connection=connection, object_name=object_name)
    return state


@transaction.atomic
def sync_run_request(
    *,
    connection: CrmConnection,
    object_name: str,
    kind: str = SyncKind.INCREMENTAL,
    trigger: str = SyncTrigger.MANUAL,
    since: datetime | None = None,
    actor=None,
    enqueue: bool = True,
) -> SyncRun:
    """Create a queued run and enqueue it after commit. One open run per object at a time."""
    if actor is not None and not actor.has_perm(RUN_PERMISSION):
        raise PermissionDeniedError("You may not start sync runs.")
    if kind == SyncKind.BACKFILL and since is None:
        raise ApplicationError("A backfill needs a start time (since).")
    state = sync_state_for(connection=connection, object_name=object_name)
    state = SyncState.objects.select_for_update().get(pk=state.pk)
    busy = _open_run(state)
    if busy is not None:
        raise SyncBusy(f"Sync run #{busy.pk} of {object_name} is already {busy.status}.")
    run = SyncRun(
        connection=connection,
        state=state,
        object_name=object_name,
        kind=kind,
        trigger=trigger,
        since=since,
        requested_by=actor,
    )
    run.full_clean()
    run.save()
    if enqueue:
        jobs.dispatch(jobs.sync_run_job, run.pk)
    return run


def _open_run(state: SyncState) -> SyncRun | None:
    stale_before = clock.now() - STALE_RUN
    return (
        SyncRun.objects.filter(state=state, status__in=OPEN_STATUSES)
        .exclude(status=SyncStatus.RUNNING, started_at__lt=stale_before)
        .first()
    )


def sync_cycles_schedule(*, now: datetime | None = None) -> list[SyncRun]:
    """The cron tick: queue an incremental cycle for every due object, and a completeness check where one
    is due. Objects targeted by a flow get a state (and so a schedule) on their first tick."""
    now = now or clock.now()
    _ensure_states_for_flows()
    runs = []
    states = SyncState.objects.filter(
        enabled=True, connection__status=ConnectionStatus.ACTIVE
    ).select_related("connection")
    for state in states:
        kind = _due_kind(state, now)
        if kind is None:
            continue
        try:
            runs.append(
                sync_run_request(
                    connection=state.connection,
                    object_name=state.object_name,
                    kind=kind,
                    trigger=SyncTrigger.CRON,
                )
            )
        except SyncBusy:
            continue
    return runs


def _due_kind(state: SyncState, now: datetime) -> str | None:
    if state.next_run_at is None or state.next_run_at <= now:
        return SyncKind.INCREMENTAL
    completeness_due = state.last_completeness_at is None or now - state.last_completeness_at >= timedelta(
        seconds=state.completeness_interval_seconds
    )
    if completeness_due and state.watermark is not None and not state.checkpoint:
        return SyncKind.COMPLETENESS
    return None


def _ensure_states_for_flows() -> None:
    """Objects a flow writes to, and objects an outbound mapping exports (read by the same cycles: the exports
    ride their pages), get a sync state. A CRM's users (owners) have no change feed: the exports read them."""
    from mappings_app.models import CrmObject, Flow, OutboundMapping

    pairs = set(Flow.objects.values_list("connection_id", "crm_object__name").distinct())
    exported = OutboundMapping.objects.filter(enabled=True).values_list(
        "crm_field__crm_object__connection_id", "crm_field__crm_object__name"
    )
    users = CrmObject.objects.filter(provider_metadata__users_api=True).values_list("connection_id", "name")
    pairs |= set(exported.distinct()) - set(users)
    existing = set(SyncState.objects.values_list("connection_id", "object_name"))
    missing = [
        SyncState(connection_id=connection_id, object_name=name)
        for connection_id, name in pairs
        if (connection_id, name) not in existing
    ]
    SyncState.objects.bulk_create(missing, ignore_conflicts=True)


# -- the runner -----------------------------------------------------------------------------------------


def sync_run_execute(*, run_id: int) -> SyncRun:
    """Run one queued cycle to its end; never raises for a CRM problem (the row says what happened)."""
    run = _claim(run_id)
    if run is None:
        return SyncRun.objects.get(pk=run_id)
    state = run.state
    try:
        with connector_for(run.connection) as connector:
            cycle = SyncCycle(run=run, state=state, connector=connector)
            if run.kind == SyncKind.COMPLETENESS:
                cycle.check_completeness()
            else:
                cycle.read_changes()
        _finish(run, state, SyncStatus.COMPLETED)
    except CrmRateLimited as exc:  # includes our own CrmBudgetExhausted
        wait = retry_delay(attempt=1, base=60.0, retry_after=exc.retry_after)
        _finish(run, state, SyncStatus.STOPPED, error=exc.message, resume_in=wait)
    except (CrmError, ApplicationError) as exc:
        _finish(run, state, SyncStatus.FAILED, error=getattr(exc, "message", str(exc)))
    except Exception as exc:
        logger.exception("sync run %s of %s errored", run.pk, run.object_name)
        _finish(run, state, SyncStatus.ERRORED, error=repr(exc), trace=traceback.format_exc())
    return run


def _runner(run: SyncRun) -> JobRunner:
    return JobRunner(run, label=f"sync run #{run.pk} ({run.object_name})", log=logger)


def _claim(run_id: int) -> SyncRun | None:
    with transaction.atomic():
        run = SyncRun.objects.select_for_update().select_related("connection", "state").get(pk=run_id)
        if run.status != SyncStatus.QUEUED:
            return None
        runner = _runner(run)
        if run.connection.status != ConnectionStatus.ACTIVE:
            runner.start(detail=f"{run.get_kind_display()} cycle of {run.object_name}")
            runner.fail(f"Connection is {run.connection.status}: {run.connection.status_reason}")
            run.save()
            return None
        runner.start(detail=f"{run.get_kind_display()} cycle of {run.object_name}")
        run.watermark_before = run.state.watermark
        run.save()
        return run


def _finish(
    run: SyncRun,
    state: SyncState,
    status: str,
    *,
    error: str = "",
    trace: str = "",
    resume_in: float | None = None,
) -> None:
    state.refresh_from_db(fields=["watermark", "checkpoint", "interval_seconds"])
    runner = _runner(run)
    if status == SyncStatus.COMPLETED:
        now = runner.succeed(detail="Completed.")
    elif status == SyncStatus.STOPPED:
        detail = f"Stopped at the API budget; resuming in {resume_in:.0f}s from the checkpoint."
        now = runner.finish(status, event="stopped", error=error, detail=detail)
        run.next_attempt_at = now + timedelta(seconds=max(1.0, resume_in or 0))
    else:
        now = runner.fail(error, errored=status == SyncStatus.ERRORED)
    run.duration_ms = int((now - run.started_at).total_seconds() * 1000) if run.started_at else None
    run.watermark_after = state.watermark
    run.traceback = trace[-20000:]
    run.save()
    updates = {"last_run_at": now}
    if status == SyncStatus.STOPPED:
        updates["next_run_at"] = run.next_attempt_at
    else:
        updates["next_run_at"] = now + timedelta(seconds=state.interval_seconds)
    if run.kind == SyncKind.COMPLETENESS and status == SyncStatus.COMPLETED:
        updates["last_completeness_at"] = now
        updates.pop("next_run_at")
    SyncState.objects.filter(pk=state.pk).update(**updates)


# -- one cycle -------------------------------------------------------------------------------------------


class SyncCycle:
    """The work of one run against one connector."""

    def __init__(self, *, run: SyncRun, state: SyncState, connector):
        self.run = run
        self.state = state
        self.connector = connector
        self.connection = run.connection
        self.object_name = run.object_name
        self.watching = field_changes.watching_rules(connection=self.connection, object_name=self.object_name)
        self.read_started: datetime | None = None  # when this cycle's reads began (verifies earlier writes)

    # -- incremental and backfill ---------------------------------------------------------------

    def read_changes(self) -> None:
        self.refresh_schema()
        fields, hybrid = self._fields()
        since, deletes_since = self._start_positions()
        self._log(f"Reading changes since {since.isoformat()} ({len(fields)} fields, {len(hybrid)} hybrid).")
        self._save_checkpoint(since, deletes_since)
        self.read_started = clock.now()
        reader = self._change_reader(since)
        pages = reader.pages(fields)
        # With hybrid fields each commit asks the CRM for last human edits: commit page by page, so a stop
        # at the API budget never throws away more than one page that was read.
        for batch in _batches(pages, 1 if hybrid else COMMIT_BATCH):
            self._commit_page(batch, hybrid)
            self._save_checkpoint(max(r.modified_at for r in batch), deletes_since)
        self._record_deletes(since=deletes_since - DELETE_OVERLAP, reader=reader)
        SyncState.objects.filter(pk=self.state.pk).update(checkpoint={})
        self._log(
            f"Read {self.run.records_read}: {self.run.records_created} created, {self.run.records_updated} "
            f"updated, {self.run.records_unchanged} already mirrored; {self.run.records_deleted} deleted, "
            f"{self.run.records_merged} merged."
        )

    def _change_reader(self, since: datetime) -> read_path.ChangeReader:
        """REST or bulk, by volume; the run records which and why."""
        reader = read_path.change_reader_choose(
            connector=self.connector,
            watermark=self.state.watermark,
            object_name=self.object_name,
            since=since,
        )
        self.run.read_path = reader.path
        self.run.add_log(clock.now(), "read_path", f"Reading through {reader.path.label}: {reader.reason}.")
        self.run.save(update_fields=["read_path", "log"])
        return reader

    def _start_positions(self) -> tuple[datetime, datetime]:
        """(changes since, deletes since): a stopped cycle of the same kind resumes where it stopped."""
        checkpoint = self.state.checkpoint or {}
        watermark = self.state.watermark or START_OF_TIME
        if self.run.kind == SyncKind.BACKFILL:
            since = self.run.since
            if checkpoint.get("kind") == SyncKind.BACKFILL and checkpoint.get("origin") == since.isoformat():
                since = parse_timestamp(checkpoint["since"])
            return since, min(self.run.since, watermark)
        if checkpoint.get("kind") == SyncKind.INCREMENTAL:
            self._log(f"Resuming from checkpoint {checkpoint['since']} (run #{checkpoint.get('run')}).")
            return parse_timestamp(checkpoint["since"]), parse_timestamp(checkpoint["deletes_since"])
        return self._back_to_unverified_writes(watermark), self._deletes_start(watermark)

    def _deletes_start(self, watermark: datetime) -> datetime:
        """Where the delete pass starts: the watermark, or for a first full sync (no watermark, nothing of the
        object mirrored yet) the sync's own start: a delete from before it names a record the mirror will never
        hold, and reading all of them (Pipedrive's /v1/recents, years of history) would be spent for nothing."""
        if self.state.watermark is not None or self._mirror_holds_any():
            return watermark
        return clock.now() - FIRST_SYNC_DELETE_MARGIN

    def _mirror_holds_any(self) -> bool:
        return MirrorRecord.objects.filter(connection=self.connection, object_name=self.object_name).exists()

    def _back_to_unverified_writes(self, since: datetime) -> datetime:
        """Start early enough to read again the records of values the hub wrote after the last completed
        cycle began and has not verified yet (saved after the read that saw them): this cycle's read then
        verifies them at no extra call."""
        oldest = writeback_services.oldest_unverified_write(
            connection=self.connection, object_name=self.object_name
        )
        return min(since, oldest) if oldest is not None else since

    def _save_checkpoint(self, position: datetime, deletes_since: datetime) -> None:
        checkpoint = {
            "kind": self.run.kind,
            "since": position.isoformat(),
            "deletes_since": deletes_since.isoformat(),
            "run": self.run.pk,
        }
        if self.run.kind == SyncKind.BACKFILL:
            checkpoint["origin"] = self.run.since.isoformat()
        SyncState.objects.filter(pk=self.state.pk).update(checkpoint=checkpoint)

    def _commit_page(self, page: list[CrmRecord], hybrid: list[str]) -> None:
        """Mirror one batch in one transaction (and fire field-change rules on what changed); the watermark
        moves only once it has committed."""
        latest = list({record.id: record for record in sorted(page, key=lambda r: r.modified_at)}.values())
        ids = [record.id for record in latest]
        known = dict(
            MirrorRecord.objects.filter(
                connection=self.connection, object_name=self.object_name, crm_id__in=ids
            ).values_list("crm_id", "crm_modified_at")
        )
        # Overlap re-reads (same id, same modification time) are already mirrored: skip them.
        fresh = [r for r in latest if r.id not in known or known[r.id] is None or known[r.id] < r.modified_at]
        edits = self._human_edits([r.id for r in fresh], hybrid)
        with transaction.atomic():
            mirror_upsert(
                connection=self.connection,
                object_name=self.object_name,
                records=[_mirror_row(record, edits.get(record.id)) for record in fresh],
            )
            field_changes.polled_changes_fire(
                connection=self.connection, object_name=self.object_name, records=fresh, rules=self.watching
            )
            # A backfill re-sends what it reads (its purpose); other cycles pass on what changed.
            signals.page_read(
                connection=self.connection,
                object_name=self.object_name,
                records=latest if self.run.kind == SyncKind.BACKFILL else fresh,
                sync_run=self.run,
            )
            newest = max(record.modified_at for record in page)
            if self.state.watermark is None or newest > self.state.watermark:
                self.state.watermark = newest
                SyncState.objects.filter(pk=self.state.pk).update(watermark=newest)
            self.run.records_read += len(page)
            self.run.records_created += sum(1 for r in fresh if r.id not in known)
            self.run.records_updated += sum(1 for r in fresh if r.id in known)
            self.run.records_unchanged += len(page) - len(fresh)
            self.run.save(update_fields=_COUNT_FIELDS)
        self._verify_written(latest, edits)

    def _verify_written(self, records: list[CrmRecord], human_edits: dict) -> None:
        """The read confirms (or not) the values the hub wrote before it began: no extra API call."""
        if self.read_started is None or not records:
            return
        writeback_services.written_values_confirm(
            connection=self.connection,
            object_name=self.object_name,
            records={record.id: record.values for record in records},
            read_started=self.read_started,
            human_edits=human_edits,
        )

    def _human_edits(self, ids: list[str], hybrid: list[str]) -> dict[str, dict[str, str]]:
        if not ids or not hybrid:
            return {}
        found = self.connector.last_human_edits(self.object_name, ids, hybrid)
        return {
            record_id: {name: when.isoformat() for name, when in per_field.items() if when is not None}
            for record_id, per_field in found.items()
        }

    def _record_deletes(self, *, since: datetime, reader: read_path.ChangeReader) -> None:
        deleted = {d.id: d for d in reader.deleted_since(since)}
        if not deleted:
            return
        known = {
            crm_id: (is_deleted, merged_into)
            for crm_id, is_deleted, merged_into in MirrorRecord.objects.filter(
                connection=self.connection, object_name=self.object_name, crm_id__in=list(deleted)
            ).values_list("crm_id", "is_deleted", "merged_into")
        }
        # Only what the mirror holds and has not recorded yet; a tombstone for an unknown id helps nobody.
        news = [d for d in deleted.values() if d.id in known and known[d.id] != (True, d.merged_into or "")]
        with transaction.atomic():
            mirror_tombstones(connection=self.connection, object_name=self.object_name, deleted=news)
            signals.records_deleted(
                connection=self.connection, object_name=self.object_name, deleted=news, sync_run=self.run
            )
            self.run.records_merged += sum(1 for d in news if d.merged_into)
            self.run.records_deleted += sum(1 for d in news if not d.merged_into)
            self.run.save(update_fields=_COUNT_FIELDS)

    # -- completeness -----------------------------------------------------------------------------

    def check_completeness(self) -> None:
        """Compare the CRM's ids (and modification times) with the mirror; repair what the cursor missed."""
        fields, hybrid = self._fields()
        self.read_started = clock.now()
        in_crm: dict[str, datetime] = {}
        for page in self.connector.iter_changes(
            self.object_name, since=START_OF_TIME, fields=[], overlap=timedelta(0)
        ):
            for record in page:
                in_crm[record.id] = record.modified_at
        mirrored = dict(
            MirrorRecord.objects.filter(
                connection=self.connection, object_name=self.object_name, is_deleted=False, merged_into=""
            ).values_list("crm_id", "crm_modified_at")
        )
        missing = [rid for rid in in_crm if rid not in mirrored]
        stale = [
            rid for rid, at in in_crm.items() if rid in mirrored and mirrored[rid] and mirrored[rid] < at
        ]
        extra = [rid for rid in mirrored if rid not in in_crm]
        ours = self._changed_by_our_writes(stale, mirrored)
        stale = [rid for rid in stale if rid not in ours]
        self.run.records_read = len(in_crm)
        self._log(
            f"CRM has {len(in_crm)} {self.object_name}, the mirror {len(mirrored)} live: {len(missing)} missing, "
            f"{len(stale)} stale, {len(extra)} gone from the CRM"
            + (
                f"; {len(ours)} changed by the hub's own writes since (re-read, not counted)."
                if ours
                else "."
            )
        )
        self._repair(missing + stale + sorted(ours), in_crm, fields, hybrid)
        self._repair_gone(extra)
        self.run.records_repaired = len(missing) + len(stale) + len(extra)
        self.run.save(update_fields=[*_COUNT_FIELDS, "records_repaired"])

    def _changed_by_our_writes(self, ids: list[str], mirrored: dict[str, datetime]) -> set[str]:
        """Of the records the CRM changed after the mirror's copy, those the hub itself wrote to since: their
        newer modification time is our write, not a change the sync cursor missed."""
        from crmhub.writeback.models import OutcomeStatus, WriteOutcome

        if not ids:
            return set()
        written = WriteOutcome.objects.filter(
            flow__connection=self.connection,
            flow__crm_object__name=self.object_name,
            inbound__crm_id__in=ids,
            status__in=[OutcomeStatus.WRITTEN, OutcomeStatus.WRITTEN_VERIFIED],
            finished_at__isnull=False,
        ).values_list("inbound__crm_id", "finished_at")
        return {crm_id for crm_id, finished in written if finished >= mirrored[crm_id]}

    def _repair(
        self, ids: list[str], modified: dict[str, datetime], fields: list[str], hybrid: list[str]
    ) -> None:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            values = self.connector.read_records(self.object_name, chunk, fields)
            page = [CrmRecord(rid, modified[rid], values[rid]) for rid in chunk if rid in values]
            if page:
                self._commit_page(page, hybrid)
                self._log(f"Repaired {len(page)} records: {', '.join(r.id for r in page[:10])}.")

    def _repair_gone(self, ids: list[str]) -> None:
        if not ids:
            return
        wanted = set(ids)
        merged = {
            d.id: d
            for d in self.connector.iter_deleted(self.object_name, since=START_OF_TIME)
            if d.id in wanted and d.merged_into
        }
        from crmhub.connectors import DeletedRecord

        gone = [merged.get(rid) or DeletedRecord(id=rid, deleted_at=None) for rid in ids]
        with transaction.atomic():
            mirror_tombstones(connection=self.connection, object_name=self.object_name, deleted=gone)
            signals.records_deleted(
                connection=self.connection, object_name=self.object_name, deleted=gone, sync_run=self.run
            )
            self.run.records_merged += sum(1 for d in gone if d.merged_into)
            self.run.records_deleted += sum(1 for d in gone if not d.merged_into)
        self._log(f"Marked gone: {', '.join(ids[:10])}{' ...' if len(ids) > 10 else ''}.")

    # -- schema --------------------------------------------------------------------------------------

    def refresh_schema(self) -> list[Drift]:
        schemas = self.connector.discover_schema([self.object_name])
        schema = next((s for s in schemas if s.name == self.object_name), None)
        if schema is None:
            raise ApplicationError(f"The CRM reported no schema for {self.object_name}.")
        drift = schema_drift_find(connection=self.connection, schema=schema)
        summary = crm_schema_sync(connection=self.connection, schemas=[schema])
        self._log(f"Schema: {summary.as_text()}.")
        if drift:
            schema_drift_record(
                connection=self.connection, object_name=self.object_name, drift=drift, run=self.run
            )
            self._log("Schema drift: " + "; ".join(d.reason for d in drift))
        return drift

    def _fields(self) -> tuple[list[str], list[str]]:
        """(fields to read: the mirror's and those field-change rules watch, hybrid fields)."""
        fields, hybrid = mirror_fields(connection=self.connection, object_name=self.object_name)
        if self.watching:
            live = set(
                CrmField.objects.filter(
                    crm_object__connection=self.connection,
                    crm_object__name=self.object_name,
                    name__in=list(self.watching),
                    is_deleted=False,
                ).values_list("name", flat=True)
            )
            fields = sorted(set(fields) | live)
        riders = self._live(signals.extra_fields(connection=self.connection, object_name=self.object_name))
        return sorted(set(fields) | self._written_fields() | riders), hybrid

    def _live(self, names: set[str]) -> set[str]:
        if not names:
            return set()
        live = CrmField.objects.filter(
            crm_object__connection=self.connection,
            crm_object__name=self.object_name,
            name__in=sorted(names),
            is_deleted=False,
        )
        return set(live.values_list("name", flat=True))

    def _written_fields(self) -> set[str]:
        """Fields holding values the hub wrote and has not verified yet: read along, to verify them."""
        written = writeback_services.awaiting_fields(connection=self.connection, object_name=self.object_name)
        if not written:
            return set()
        live = CrmField.objects.filter(
            crm_object__connection=self.connection,
            crm_object__name=self.object_name,
            name__in=written,
            is_deleted=False,
        )
        return set(live.values_list("name", flat=True))

    def _log(self, message: str) -> None:
        self.run.add_log(clock.now(), "progress", message)
        logger.info("sync run #%s (%s): %s", self.run.pk, self.object_name, message)
        self.run.save(update_fields=["log"])


_COUNT_FIELDS = [
    "records_read",
    "records_created",
    "records_updated",
    "records_unchanged",
    "records_deleted",
    "records_merged",
    "log",
]


def _batches(pages: Iterable[list[CrmRecord]], size: int):
    """Join the connector's pages into batches of at least `size` records (the last may be smaller). At the
    API budget, what was read before it ran out is still handed over (and so committed) before the stop."""
    batch: list[CrmRecord] = []
    try:
        for page in pages:
            batch.extend(page)
            if len(batch) >= size:
                yield batch
                batch = []
    except CrmRateLimited:
        if batch:
            yield batch
        raise
    if batch:
        yield batch


def mirror_fields(*, connection, object_name: str) -> tuple[list[str], list[str]]:
    """(fields the mirror needs that the CRM has, hybrid fields whose last human edit is tracked)."""
    config = identity_selectors.mirror_config(connection=connection, object_name=object_name)
    wanted = {name for names in config["attribute_map"].values() for name in names}
    wanted |= set(config["external_id_fields"])
    live = CrmField.objects.filter(
        crm_object__connection=connection, crm_object__name=object_name, is_deleted=False
    )
    available = set(live.values_list("name", flat=True))
    hybrid = sorted(live.filter(ownership__owner=Owner.HYBRID).values_list("name", flat=True))
    return sorted(wanted & available), hybrid


def _mirror_row(record: CrmRecord, human_edits: dict[str, str] | None) -> dict:
    return {
        "id": record.id,
        "values": record.values,
        "modified_at": record.modified_at,
        "last_human_edit": human_edits or {},
    }


def mirror_tombstones(*, connection, object_name: str, deleted: Iterable) -> int:
    """Mark mirrored records deleted or merged (their identifiers stay, so old references re-point)."""
    rows = [
        {
            "id": d.id,
            "values": {},
            "deleted": True,
            "merged_into": d.merged_into or "",
            "modified_at": d.deleted_at,
        }
        for d in deleted
    ]
    if not rows:
        return 0
    return mirror_upsert(connection=connection, object_name=object_name, records=rows)


# -- schema drift -----------------------------------------------------------------------------------------


@transaction.atomic
def schema_drift_record(*, connection: CrmConnection, object_name: str, drift: list[Drift], run=None) -> list:
    """Mark every mapping that writes a drifted field (or its timestamp) broken (mappings_app/drift.py), and
    store one alert-worthy event. The write-back planner refuses to write through broken mappings."""
    broken = mappings_mark_broken(drift=drift, change_reason=DRIFT_REASON)
    WritebackEvent.objects.create(
        connection=connection,
        kind=WritebackEventKind.SCHEMA_DRIFT,
        message=f"{object_name}: " + "; ".join(d.reason for d in drift)[:950],
        details={
            "object": object_name,
            "fields": {d.field.name: d.reason for d in drift},
            "mappings_broken": [m.pk for m in broken],
            "sync_run": run.pk if run else None,
            "source": "sync",
        },
    )
    return broken
