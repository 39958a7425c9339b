"""Exports: the buffer the sync read fills, export runs that drain it into each destination, backfills,
full refreshes, replays of failed rows and the destination test.

An export run is a job backed by an `ExportRun` row: expected failures (the warehouse or CDP refused,
application errors) end *failed*, anything else *errored* with the traceback. Records that one destination
cannot take become `ExportFailedRow`s with their reason and are replayed from there.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from crmhub.connectors.errors import CrmError
from crmhub.connectors.user_directory import users_object
from crmhub.core import clock
from crmhub.core.connectors import connector_for
from crmhub.core.errors import ApplicationError, ConflictError, permission_require
from crmhub.exports import (
    cdp_delivery,
    jobs,
    page_codec,
    reconciliation,
    repository,
    selectors,
    warehouse,
    warehouse_config,
)
from crmhub.exports.consent import Transition, consent_decision, consent_transition, is_allowed
from crmhub.exports.memory import memory_return
from crmhub.exports.models import (
    DeliveredProfile,
    Destination,
    DestinationKind,
    DestinationStatus,
    ExportBatch,
    ExportFailedRow,
    ExportKind,
    ExportPage,
    ExportRun,
    ExportStatus,
    FailedRowStatus,
    RecordConsentState,
    StageSeen,
)
from crmhub.exports.rows import ACCOUNT, DEAL, PERSON, ObjectPlan, build_row, object_role
from crmhub.sync.services import START_OF_TIME, sync_run_request

logger = logging.getLogger(__name__)

RUN_PERMISSION = "exports.run_export"
MANAGE_PERMISSION = "exports.change_destination"
MAX_RECORDS_PER_RUN = 50_000
# One page (about 2,000 records) per warehouse load: a load's transient memory (dlt's files, DuckDB's MERGE
# and its checkpoint on close) grows with the rows it carries; two pages a step peaked 10-20 MB higher.
BATCHES_PER_STEP = 1
STALE_RUN = timedelta(hours=2)
QUEUED_RUN_GRACE = timedelta(minutes=5)  # a queued run's job not started by then was lost
STAGE_FIELDS = ("stagename", "dealstage", "stage_id", "stage")
BUFFER_PLAN_SECONDS = 60.0


@dataclass
class _BufferPlan:
    sync_run: object
    key: tuple[int, str]
    at: float
    destinations: list[Destination]
    wanted: set[str]


_BUFFER_PLAN: list[_BufferPlan] = []  # the plan of the cycle this process is reading (one at a time)


class ExportBusy(ConflictError):
    """Another export run of the same destination is running."""


def _require(actor, permission: str, action: str) -> None:
    """Runs the system starts itself (cron, the sync read) have no actor to check."""
    if actor is not None:
        permission_require(actor, permission, action)


# -- riding the sync read ---------------------------------------------------------------------------------


def export_fields(*, connection, object_name: str) -> set[str]:
    return selectors.fields_to_read(connection=connection, object_name=object_name)


def export_page_buffer(
    *, connection, object_name: str, records: list, gone: list | None = None, sync_run=None
) -> int:
    """Keep what the sync read committed, once, for every destination this object feeds (in the caller's
    transaction), and make sure a run will drain it. Returns the number of destinations it waits for."""
    destinations, wanted = _buffer_plan(connection, object_name, sync_run)
    if not destinations:
        return 0
    page_id = repository.export_page_insert(
        connection_id=connection.pk,
        object_name=object_name,
        sync_run_id=sync_run.pk if sync_run is not None else None,
        records=page_codec.page_encode(records, fields=wanted),
        gone=[_gone_json(item) for item in gone or []],
    )
    ExportBatch.objects.bulk_create([ExportBatch(destination=d, page_id=page_id) for d in destinations])
    _ensure_queued_runs(destinations, kind=ExportKind.INCREMENTAL)
    return len(destinations)


def _buffer_plan(connection, object_name: str, sync_run) -> tuple[list[Destination], set[str]]:
    """(destinations fed, the fields they need): asked once per sync cycle and object, not once per page,
    so that riding the read costs the read one INSERT per page. The plan is kept for the cycle's own run
    object (the same instance on every page of a cycle) and at most BUFFER_PLAN_SECONDS; a webhook refresh,
    with no cycle, always asks."""
    kept = _BUFFER_PLAN[0] if _BUFFER_PLAN else None
    if (
        kept is not None
        and sync_run is not None
        and kept.sync_run is sync_run
        and kept.key == (connection.pk, object_name)
        and time.monotonic() - kept.at < BUFFER_PLAN_SECONDS
    ):
        return kept.destinations, kept.wanted
    destinations = selectors.destinations_fed_by(connection=connection, object_name=object_name)
    wanted: set[str] = set()
    for destination in destinations:
        wanted |= selectors.object_plan(
            destination=destination, connection=connection, object_name=object_name
        ).fields_to_read
    _BUFFER_PLAN[:] = [
        _BufferPlan(sync_run, (connection.pk, object_name), time.monotonic(), destinations, wanted)
    ]
    return destinations, wanted


def _gone_json(item) -> dict:
    return {
        "id": str(item.id),
        "deleted_at": item.deleted_at.isoformat() if item.deleted_at else None,
        "merged_into": item.merged_into or "",
    }


def _ensure_queued_runs(destinations: list[Destination], *, kind: str) -> None:
    """One query for all of a page's destinations (this runs on every page the sync commits)."""
    queued = set(
        ExportRun.objects.filter(
            destination__in=destinations, kind=kind, status=ExportStatus.QUEUED
        ).values_list("destination_id", flat=True)
    )
    for destination in destinations:
        if destination.pk not in queued:
            _ensure_queued_run(destination, kind=kind)


def _ensure_queued_run(destination: Destination, *, kind: str) -> ExportRun:
    queued = ExportRun.objects.filter(destination=destination, kind=kind, status=ExportStatus.QUEUED).first()
    if queued is not None:
        return queued
    run = ExportRun.objects.create(destination=destination, kind=kind)
    jobs.dispatch(jobs.export_run_job, run.pk)
    return run


def export_runs_sweep(*, older_than: timedelta = QUEUED_RUN_GRACE) -> list[int]:
    """The buffer's safety net (cron): whatever was buffered gets drained even when a job was lost.

    - A run queued longer than `older_than` whose job never started (the process that committed it died
      before its after-commit enqueue, or the queue lost it) is dispatched again; its claim is idempotent,
      so a job that was only late finds the run taken and does nothing.
    - A run "running" past STALE_RUN lost its worker: it is marked errored (its batches were not deleted,
      they wait for the next run).
    - A destination with buffered batches and no open run gets a queued one.
    Returns the ids of the runs dispatched."""
    now = clock.now()
    for run in ExportRun.objects.filter(status=ExportStatus.RUNNING, started_at__lt=now - STALE_RUN):
        _finish(run, ExportStatus.ERRORED, None, error="Its worker was lost (running past the stale limit).")
    dispatched = []
    stale_queued = ExportRun.objects.filter(
        status=ExportStatus.QUEUED, created_at__lt=timezone.now() - older_than
    ).order_by("pk")
    for run in stale_queued:
        run.add_log(now, "Its job had not started; dispatched again.")
        run.save(update_fields=["log"])
        jobs.dispatch(jobs.export_run_job, run.pk)
        dispatched.append(run.pk)
    open_runs = ExportRun.objects.filter(status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING])
    waiting = (
        Destination.objects.filter(status=DestinationStatus.ACTIVE, batches__isnull=False)
        .exclude(pk__in=open_runs.values("destination_id"))
        .distinct()
    )
    for destination in waiting:
        dispatched.append(_ensure_queued_run(destination, kind=ExportKind.INCREMENTAL).pk)
    return dispatched


# -- the CRM's users ----------------------------------------------------------------------------------------


def users_refresh(*, connection) -> int:
    """Read the CRM's users (HubSpot owners, Salesforce User, Pipedrive users) for the destinations that map
    them, and buffer them as one page like any sync read: the next run merges them on the user id. Users are
    few (one or a few API calls) and have no change feed the sync could ride, so the whole list is read, on
    the users schedule (cron) and before a Run now. Returns the number of users buffered (0: nobody maps
    them)."""
    object_name = users_object(connection.provider)
    if not object_name or not selectors.destinations_fed_by(connection=connection, object_name=object_name):
        return 0
    with connector_for(connection) as connector:
        users = connector.users_read()
    with transaction.atomic():
        export_page_buffer(connection=connection, object_name=object_name, records=users)
    return len(users)


def users_refresh_all(*, destination: Destination | None = None) -> dict[str, int]:
    """Every active connection whose users some destination (or this one) maps: {connection: users read}.
    A CRM that does not answer is logged and skipped: the others are still read."""
    read = {}
    for connection in selectors.users_connections(destination=destination):
        try:
            read[connection.name] = users_refresh(connection=connection)
        except CrmError as exc:
            logger.warning("connection %s: the CRM's users could not be read (%s)", connection.pk, exc)
    return read


# -- requesting runs --------------------------------------------------------------------------------------


@transaction.atomic
def export_run_request(
    *, destination: Destination, actor=None, kind: str = ExportKind.INCREMENTAL
) -> ExportRun:
    """Run now: drain what the sync read has buffered for this destination."""
    _require(actor, RUN_PERMISSION, "run exports")
    if destination.status != DestinationStatus.ACTIVE:
        raise ApplicationError(f"{destination.name} is {destination.status}; activate it first.")
    run = ExportRun.objects.create(destination=destination, kind=kind, requested_by=actor)
    if selectors.users_connections(destination=destination):
        jobs.dispatch(jobs.users_refresh_job, destination.pk)  # enqueued first: its page joins this run
    jobs.dispatch(jobs.export_run_job, run.pk)
    return run


@transaction.atomic
def export_backfill_request(
    *,
    destination: Destination,
    connection,
    object_name: str,
    since: datetime,
    actor=None,
    full_refresh: bool = False,
) -> ExportRun:
    """Read the object again from `since` (a sync backfill: its pages reach every destination it feeds);
    a full refresh first removes this connection's rows of the object from the destination."""
    _require(actor, RUN_PERMISSION, "run backfills")
    kind = ExportKind.FULL_REFRESH if full_refresh else ExportKind.BACKFILL
    if full_refresh:
        since = START_OF_TIME
    run = ExportRun.objects.create(
        destination=destination,
        connection=connection,
        object_name=object_name,
        kind=kind,
        requested_by=actor,
        status=ExportStatus.RUNNING,
        started_at=clock.now(),
    )
    if full_refresh:
        _forget_object(destination, connection, object_name, run)
    sync_run = sync_run_request(
        connection=connection,
        object_name=object_name,
        kind="backfill",
        since=since,
        actor=actor,
        trigger="manual",
    )
    run.sync_run = sync_run
    run.status, run.finished_at = ExportStatus.COMPLETED, clock.now()
    run.add_log(
        run.finished_at,
        f"Reading {object_name} again from {since:%Y-%m-%d %H:%M} as sync run #{sync_run.pk}.",
    )
    run.save()
    return run


def _forget_object(destination: Destination, connection, object_name: str, run: ExportRun) -> None:
    RecordConsentState.objects.filter(
        destination=destination, connection=connection, object_name=object_name
    ).delete()
    StageSeen.objects.filter(destination=destination, connection=connection, object_name=object_name).delete()
    DeliveredProfile.objects.filter(
        destination=destination, connection=connection, object_name=object_name
    ).delete()
    ExportBatch.objects.filter(
        destination=destination, page__connection=connection, page__object_name=object_name
    ).delete()
    _pages_release()
    if destination.kind == DestinationKind.WAREHOUSE:
        removed = warehouse.rows_remove(
            destination=destination,
            table=ObjectPlan(0, 0, "", object_name, 0).table,
            connection_name=connection.name,
        )
        run.add_log(
            clock.now(), f"Full refresh: removed {removed} rows of {object_name} from {destination.name}."
        )


@transaction.atomic
def failed_rows_replay(
    *, destination: Destination, actor=None, row_ids: list[int] | None = None
) -> ExportRun | None:
    """Put open failed rows back in the buffer (as they were read) and run them again."""
    _require(actor, RUN_PERMISSION, "replay failed rows")
    rows = ExportFailedRow.objects.select_for_update().filter(
        destination=destination, status=FailedRowStatus.OPEN
    )
    if row_ids is not None:
        rows = rows.filter(pk__in=row_ids)
    rows = list(rows.order_by("pk"))
    if not rows:
        return None
    groups: OrderedDict[tuple[int, str], list[ExportFailedRow]] = OrderedDict()
    for row in rows:
        groups.setdefault((row.connection_id, row.object_name), []).append(row)
    for (connection_id, object_name), members in groups.items():
        page = ExportPage.objects.create(
            connection_id=connection_id, object_name=object_name, records=[row.record for row in members]
        )
        ExportBatch.objects.create(destination=destination, page=page)
    now = clock.now()
    ExportFailedRow.objects.filter(pk__in=[r.pk for r in rows]).update(
        status=FailedRowStatus.REPLAYED, replayed_at=now
    )
    run = ExportRun.objects.create(destination=destination, kind=ExportKind.REPLAY, requested_by=actor)
    jobs.dispatch(jobs.export_run_job, run.pk)
    return run


# -- the runner ---------------------------------------------------------------------------------------------


@dataclass
class Delivered:
    received: int = 0
    sent: int = 0
    withheld: int = 0
    suppressed: int = 0
    deleted: int = 0
    merged: int = 0
    failed: int = 0
    load_ids: list[str] = field(default_factory=list)
    schema_changes: list[dict] = field(default_factory=list)
    suppression_lags: list[float] = field(default_factory=list)

    def add(self, other: Delivered) -> None:
        for name in ("received", "sent", "withheld", "suppressed", "deleted", "merged", "failed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.load_ids += other.load_ids
        self.schema_changes += other.schema_changes
        self.suppression_lags += other.suppression_lags


def export_run_execute(*, run_id: int) -> ExportRun:
    """Drain the destination's buffer into it; never raises for a destination problem (the row says)."""
    run = _claim(run_id)
    if run is None:
        return ExportRun.objects.get(pk=run_id)
    try:
        delivered, more = _drain(run)
        _finish(run, ExportStatus.COMPLETED, delivered)
        if more:
            _ensure_queued_run(run.destination, kind=ExportKind.INCREMENTAL)
        reconciliation.export_alerts_evaluate(destination=run.destination, run=run)
    except ApplicationError as exc:
        _finish(run, ExportStatus.FAILED, None, error=exc.message)
    except Exception as exc:
        _finish(run, ExportStatus.ERRORED, None, error=repr(exc), trace=traceback.format_exc())
    return run


def _claim(run_id: int) -> ExportRun | None:
    with transaction.atomic():
        run = ExportRun.objects.select_for_update().select_related("destination").get(pk=run_id)
        if run.status != ExportStatus.QUEUED:
            return None
        Destination.objects.select_for_update().get(pk=run.destination_id)
        now = clock.now()
        busy = ExportRun.objects.filter(
            destination_id=run.destination_id, status=ExportStatus.RUNNING, started_at__gte=now - STALE_RUN
        ).exclude(pk=run.pk)
        if busy.exists():
            jobs.dispatch(jobs.export_run_job, run.pk, delay=5.0)
            return None
        if run.destination.status != DestinationStatus.ACTIVE:
            run.status, run.started_at, run.finished_at = ExportStatus.FAILED, now, now
            run.error = (
                f"{run.destination.name} is {run.destination.status}: {run.destination.status_reason}"[:2000]
            )
            run.save()
            return None
        run.status, run.started_at = ExportStatus.RUNNING, now
        run.add_log(now, f"{run.get_kind_display()} to {run.destination.name} started.")
        run.save()
        return run


def _finish(
    run: ExportRun, status: str, delivered: Delivered | None, *, error: str = "", trace: str = ""
) -> None:
    now = clock.now()
    run.status, run.finished_at = status, now
    run.error, run.traceback = error[:5000], trace[-20000:]
    if delivered is not None:
        run.records_received, run.records_sent = delivered.received, delivered.sent
        run.records_withheld, run.records_suppressed = delivered.withheld, delivered.suppressed
        run.records_deleted, run.records_merged = delivered.deleted, delivered.merged
        run.records_failed = delivered.failed
        run.load_id = ",".join(delivered.load_ids)[:100]
        run.schema_changes = delivered.schema_changes
        run.add_log(
            now,
            f"Received {delivered.received}: sent {delivered.sent}, withheld {delivered.withheld} (consent), "
            f"suppressed {delivered.suppressed}, deleted {delivered.deleted}, merged {delivered.merged}, "
            f"failed {delivered.failed}.",
        )
        for change in delivered.schema_changes:
            run.add_log(now, f"Schema: {change['table']}.{change['column']}: {change['change']}.")
    if error:
        run.add_log(now, f"{run.get_status_display()}: {error[:300]}")
    run.save()


def _drain(run: ExportRun) -> tuple[Delivered, bool]:
    """Deliver the buffered batches in order, up to MAX_RECORDS_PER_RUN; (what happened, more waiting)."""
    destination = run.destination
    total = Delivered()
    taken = 0
    while taken < MAX_RECORDS_PER_RUN:
        batches = list(
            ExportBatch.objects.filter(destination=destination)
            .select_related("page", "page__connection")
            .order_by("id")[:BATCHES_PER_STEP]
        )
        if not batches:
            return total, False
        for group in _groups([batch.page for batch in batches]):
            delivered = deliver_records(
                destination=destination,
                connection=group[0].connection,
                object_name=group[0].object_name,
                records=[r for page in group for r in page.records],
                gone=[g for page in group for g in page.gone],
                run=run,
            )
            total.add(delivered)
            taken += delivered.received
            ExportBatch.objects.filter(destination=destination, page__in=group).delete()
            _pages_release([page.pk for page in group])
            _note_object(run, group[0])
        del batches  # a step's pages leave memory before the next are read
        memory_return()
    return total, ExportBatch.objects.filter(destination=destination).exists()


def _note_object(run: ExportRun, page: ExportPage) -> None:
    """A run names every object it delivered ("contacts, companies"), not only the first."""
    if run.connection_id is None:
        run.connection, run.object_name = page.connection, page.object_name
        return
    names = run.object_name.split(", ") if run.object_name else []
    if page.object_name not in names:
        run.object_name = ", ".join([*names, page.object_name])[
            : ExportRun._meta.get_field("object_name").max_length
        ]


def _pages_release(page_ids: list[int] | None = None) -> None:
    """Pages no destination waits for any more go."""
    pages = ExportPage.objects.filter(batches__isnull=True)
    (pages.filter(pk__in=page_ids) if page_ids is not None else pages).delete()


def _groups(pages: list[ExportPage]) -> list[list[ExportPage]]:
    """Consecutive pages of the same connection and object, delivered together (order kept)."""
    groups: list[list[ExportPage]] = []
    for page in pages:
        if groups and (groups[-1][0].connection_id, groups[-1][0].object_name) == (
            page.connection_id,
            page.object_name,
        ):
            groups[-1].append(page)
        else:
            groups.append([page])
    return groups


def deliver_records(
    *,
    destination: Destination,
    connection,
    object_name: str,
    records: list[dict],
    gone: list[dict],
    run: ExportRun,
) -> Delivered:
    plan = selectors.object_plan(destination=destination, connection=connection, object_name=object_name)
    records = _own_fields(_latest(records), plan.fields_to_read)
    if destination.kind == DestinationKind.WAREHOUSE:
        return _deliver_to_warehouse(destination, connection, plan, records, gone, run)
    return _deliver_to_cdp(destination, connection, plan, records, gone, run)


def _own_fields(records: list[dict], wanted: set[str]) -> list[dict]:
    """A shared page holds what every destination of the object needs: each receives only its own fields."""
    return [
        {**record, "values": {k: v for k, v in record["values"].items() if k in wanted}} for record in records
    ]


def _latest(records: list[dict]) -> list[dict]:
    """One entry per record: the latest read wins (pages can overlap)."""
    by_id: dict[str, dict] = {}
    for record in records:
        known = by_id.get(record["id"])
        if known is None or (record.get("modified_at") or "") >= (known.get("modified_at") or ""):
            by_id[record["id"]] = record
    return list(by_id.values())


# -- warehouse ----------------------------------------------------------------------------------------------


def _deliver_to_warehouse(destination, connection, plan: ObjectPlan, records, gone, run) -> Delivered:
    now = clock.now()
    delivered = Delivered(received=len(records) + len(gone))
    existing = repository.consent_states(
        destination_id=destination.pk,
        connection_id=connection.pk,
        object_name=plan.object_name,
        crm_ids=[r["id"] for r in records],
    )
    states = {crm_id: state.allowed for crm_id, state in existing.items()}
    rules, is_deal = _rules(plan), plan.role == DEAL
    rows, snapshots, links, suppressed, failures, decisions = [], [], [], [], [], {}
    for record in records:
        changed_at = _moment(record.get("modified_at")) or now
        decision = consent_decision(rules=rules, values=record["values"], purposes=plan.purposes)
        transition = consent_transition(was_allowed=states.get(record["id"]), decision=decision)
        decisions[record["id"]] = (decision, changed_at, transition)
        if transition == Transition.WITHHOLD:
            delivered.withheld += 1
            continue
        if transition == Transition.SUPPRESS:
            suppressed.append((record["id"], changed_at))
            continue
        built = build_row(record_values=record["values"], plan=plan)
        if built.errors:
            failures.append((record, "; ".join(built.errors)))
            decisions.pop(record["id"])
            continue
        row = {
            **built.values,
            "_crm_connection": connection.name,
            "crm_id": record["id"],
            "_crm_modified_at": changed_at,
            "_deleted": False,
            "_merged_into": None,
            "_suppressed": False,
            "_suppressed_at": None,
            "_exported_at": now,
        }
        rows.append(row)
        if is_deal:
            snapshots.append({**row, "snapshot_date": changed_at.date()})
        links += [
            {
                "_crm_connection": connection.name,
                "from_object": plan.object_name,
                "from_id": record["id"],
                **link,
            }
            for link in built.relationships
        ]
    result = warehouse.load(
        destination=destination,
        tables=[
            warehouse.TableRows(plan.table, rows, types=warehouse.row_types(plan.columns)),
            warehouse.TableRows(
                f"{plan.table}_daily_snapshots",
                snapshots,
                warehouse.SNAPSHOT_KEY,
                types={**warehouse.row_types(plan.columns), "snapshot_date": "date"},
            ),
            warehouse.TableRows(
                warehouse.RELATIONSHIPS,
                links,
                warehouse.RELATIONSHIP_ROW_KEY,
                types=warehouse.RELATIONSHIP_TYPES,
                replace_key=warehouse.RELATIONSHIP_KEY,
            ),
        ],
    )
    delivered.sent = len(rows)
    delivered.load_ids, delivered.schema_changes = result.load_ids, result.schema_changes
    delivered.suppressed = warehouse.mark_suppressed(
        destination=destination, table=plan.table, connection_name=connection.name, suppressed=suppressed
    )
    deleted = warehouse.mark_gone(
        destination=destination, table=plan.table, connection_name=connection.name, gone=gone
    )
    delivered.merged = sum(1 for g in gone if g.get("merged_into"))
    delivered.deleted = min(deleted, len(gone)) - min(delivered.merged, deleted)
    delivered.failed = len(failures)
    _failed_rows_keep(run, destination, connection, plan.object_name, failures)
    delivered.suppression_lags = _consent_remember(
        destination, connection, plan.object_name, decisions, existing, clock.now()
    )
    return delivered


def _rules(plan: ObjectPlan):
    return selectors.cdp_consent_rules(plan)


def _consent_remember(
    destination, connection, object_name: str, decisions: dict, existing: dict, delivered_at
) -> list[float]:
    """Keep each record's decision; a change of allowed stamps the CRM change and its delivery time.
    Returns the lags (seconds) of the suppressions delivered now."""
    withdrawals, new, changed = [], [], []
    for crm_id, (decision, changed_at, transition) in decisions.items():
        allowed = is_allowed(decision)
        plain = {purpose: str(state) for purpose, state in decision.items()}
        state = existing.get(crm_id)
        if state is None:
            new.append(
                {
                    "destination_id": destination.pk,
                    "connection_id": connection.pk,
                    "object_name": object_name,
                    "crm_id": crm_id,
                    "allowed": allowed,
                    "decision": plain,
                    "changed_at": changed_at,
                    "delivered_at": delivered_at if allowed else None,
                }
            )
            continue
        if state.allowed == allowed and state.decision == plain:
            continue
        if state.allowed != allowed:
            state.changed_at, state.delivered_at = changed_at, delivered_at
            if transition == Transition.SUPPRESS:
                withdrawals.append((crm_id, changed_at, delivered_at))
        state.allowed, state.decision = allowed, plain
        changed.append(state)
    repository.consent_states_insert(new)
    repository.consent_states_save(changed)
    repository.suppressions_record(
        destination_id=destination.pk,
        connection_id=connection.pk,
        object_name=object_name,
        delivered=withdrawals,
    )
    return [(delivered - withdrawn).total_seconds() for _, withdrawn, delivered in withdrawals]


def _failed_rows_keep(
    run, destination, connection, object_name: str, failures: list[tuple[dict, str]]
) -> None:
    ExportFailedRow.objects.bulk_create(
        [
            ExportFailedRow(
                run=run,
                destination=destination,
                connection=connection,
                object_name=object_name,
                crm_id=record["id"],
                reason=reason[:1000],
                record=record,
            )
            for record, reason in failures
        ],
        batch_size=1000,
    )


def _moment(value) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


# -- CDP ----------------------------------------------------------------------------------------------------


def _deliver_to_cdp(destination, connection, plan: ObjectPlan, records, gone, run) -> Delivered:
    delivered = Delivered(received=len(records) + len(gone))
    role = {PERSON: cdp_delivery.PERSON, ACCOUNT: cdp_delivery.ACCOUNT, DEAL: cdp_delivery.DEAL}.get(
        plan.role
    )
    if role is None:
        run.add_log(
            clock.now(), f"{plan.object_name} is neither people, accounts nor deals: not sent to a CDP."
        )
        return delivered
    good, failures = [], []
    for record in records:
        built = build_row(record_values=record["values"], plan=plan)
        (failures.append((record, "; ".join(built.errors))) if built.errors else good.append(record))
    account = next((c for c in plan.columns if c.related_object and _is_account(c.related_object)), None)
    stage = next((c for c in plan.columns if c.field_name.lower() in STAGE_FIELDS), None)
    cdp_plan = cdp_delivery.CdpObjectPlan(
        role=role,
        traits=lambda values: build_row(record_values=values, plan=plan).values,
        account_object=account.related_object if account else "",
        account_field=account.field_name if account else "",
        stage_field=stage.field_name if stage else "",
        consent_rules=selectors.cdp_consent_rules(plan),
    )
    previous = _stages_seen(destination, connection, plan.object_name, [r["id"] for r in good])
    result = cdp_delivery.cdp_deliver(
        destination=destination,
        connection=connection,
        object_name=plan.object_name,
        records=good,
        plan=cdp_plan,
        gone=gone,
        previous_stages=previous,
        run=run,
    )
    if stage is not None:
        _stages_remember(
            destination, connection, plan.object_name, good, stage.field_name, set(result.failed)
        )
    _failed_rows_keep(run, destination, connection, plan.object_name, failures)
    delivered.sent, delivered.withheld, delivered.suppressed = result.sent, result.withheld, result.suppressed
    delivered.deleted, delivered.merged = result.deleted, result.merged
    delivered.failed = len(result.failed) + len(failures)
    delivered.suppression_lags = list(result.suppression_lags_s)
    return delivered


def _is_account(object_name: str) -> bool:
    return object_role(object_name) == ACCOUNT


def _stages_seen(destination, connection, object_name: str, crm_ids: list[str]) -> dict[str, str]:
    return dict(
        StageSeen.objects.filter(
            destination=destination, connection=connection, object_name=object_name, crm_id__in=crm_ids
        ).values_list("crm_id", "stage")
    )


def _stages_remember(
    destination, connection, object_name, records, stage_field: str, failed: set[str]
) -> None:
    for record in records:
        stage = record["values"].get(stage_field)
        if record["id"] in failed or stage in (None, ""):
            continue
        StageSeen.objects.update_or_create(
            destination=destination,
            connection=connection,
            object_name=object_name,
            crm_id=record["id"],
            defaults={"stage": str(stage)[:200]},
        )


# -- destinations -------------------------------------------------------------------------------------------


def destination_test(*, destination: Destination, actor=None, transport=None) -> Destination:
    """The Test button: reach the warehouse (a trivial query) or the CDP (an empty batch with the write key)."""
    _require(actor, MANAGE_PERMISSION, "test destinations")
    try:
        if destination.kind == DestinationKind.WAREHOUSE:
            message, ok = warehouse.connection_test(destination=destination), True
        else:
            message, ok = _cdp_test(destination, transport)
    except ApplicationError as exc:
        message, ok = exc.message, False
    destination.last_test_at, destination.last_test_ok = clock.now(), ok
    destination.last_test_message = message[:1000]
    destination.save(update_fields=["last_test_at", "last_test_ok", "last_test_message"])
    return destination


def _cdp_test(destination: Destination, transport) -> tuple[str, bool]:
    try:
        with cdp_delivery.cdp_client(destination=destination, transport=transport, max_attempts=1) as client:
            ok, said = client.check_write_key()  # an empty batch: nothing is recorded
    except ValueError as exc:
        return f"{destination.name}: {exc}.", False
    return (f"{said[0].upper()}{said[1:]}." if ok else f"The CDP did not accept the test: {said}"), ok


@transaction.atomic
def destination_save(*, destination: Destination, actor, reason: str = "") -> Destination:
    _require(actor, MANAGE_PERMISSION, "change destinations")
    destination.full_clean()
    if destination.kind == DestinationKind.CDP or destination.warehouse_type:
        problems = warehouse_config.credentials_problems(
            kind=destination.kind,
            warehouse_type=destination.warehouse_type,
            credentials=destination.credentials,
        )
        if problems:
            raise ApplicationError(
                f"{destination.name}: the connection settings are not complete.", problems=problems
            )
    destination._history_user = actor
    destination._change_reason = (reason or "Edited in the hub")[:100]
    destination.save()
    return destination
