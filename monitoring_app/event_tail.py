"""The live event tail: webhook events as they arrive, write-back results (each run's counts and each value
it could not write) and sync results, newest first, in one list the page polls every few seconds.

Each source is read by time through an index (webhook events by `received_at`, write-back and sync runs by
`finished_at`); the page asks again for everything since its newest event minus a short overlap, and drops
the events it already shows by their key, so an event committed a moment late is not lost.

Personal data stays out: no field values are shown (only the names of changed fields), and every text
that may quote a value (a CRM's refusal, an error) has its email addresses masked. The roles have no
permission to see personal data, so this holds for everyone.
"""

import re
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.urls import reverse

from crmhub.sync.models import SyncRun, WebhookEvent
from crmhub.writeback.models import WritebackRun, WritebackRunFailure

KIND_WEBHOOK = "webhook"
KIND_WRITEBACK = "writeback"
KIND_SYNC = "sync"
KINDS = (
    (KIND_WEBHOOK, "Webhook events"),
    (KIND_WRITEBACK, "Write-back results"),
    (KIND_SYNC, "Sync results"),
)
KIND_SHORT = {KIND_WEBHOOK: "Webhook", KIND_WRITEBACK: "Write-back", KIND_SYNC: "Sync"}
KIND_PERMISSIONS = {
    KIND_WEBHOOK: "sync.view_webhookevent",
    KIND_WRITEBACK: "writeback.view_writebackrun",
    KIND_SYNC: "sync.view_syncrun",
}
LIMIT = 100
PAGE_EVENTS = 50
OVERLAP = timedelta(seconds=10)
EMAIL = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
TEXT_LIMIT = 300


def masked(text: str) -> str:
    """The text with each email address cut to its first letter and domain: "j…@example.com"."""
    return EMAIL.sub(r"\1…@\2", text or "")[:TEXT_LIMIT]


@dataclass(frozen=True)
class TailFilters:
    connection_id: int | None = None
    object_name: str = ""
    kinds: tuple[str, ...] = ()
    record: str = ""


@dataclass
class TailEvent:
    key: str  # stable across polls: source, row id and the state shown
    at: datetime
    kind: str
    tone: str  # ok / warn / bad, for the badge
    title: str
    connection: str
    object_name: str
    record: str
    detail: str
    url: str

    @property
    def kind_label(self) -> str:
        return KIND_SHORT[self.kind]

    def as_json(self) -> dict:
        data = asdict(self)
        data["at"] = self.at.isoformat()
        data["kind_label"] = self.kind_label
        return data


def kinds_for(user) -> list[tuple[str, str]]:
    """The kinds of events this user may see."""
    return [(kind, label) for kind, label in KINDS if user.has_perm(KIND_PERMISSIONS[kind])]


def tail_events(
    *, user, filters: TailFilters, since: datetime | None = None, limit: int = LIMIT
) -> list[TailEvent]:
    """The newest events (at most `limit`), or those at or after `since` minus the overlap, newest first."""
    allowed = {kind for kind, _ in kinds_for(user)}
    wanted = [kind for kind in (filters.kinds or allowed) if kind in allowed]
    start = since - OVERLAP if since is not None else None
    events: list[TailEvent] = []
    if KIND_WEBHOOK in wanted:
        events += _webhook_events(filters, start, limit)
    if KIND_WRITEBACK in wanted:
        events += _writeback_events(filters, start, limit)
    if KIND_SYNC in wanted:
        events += _sync_events(filters, start, limit)
    events.sort(key=lambda event: (event.at, event.key), reverse=True)
    return events[:limit]


# -- shared by the three sources ----------------------------------------------------------------------------


def _recent(rows, filters: TailFilters, start, *, at: str, connection: str, object_name: str):
    """Rows narrowed by the filters and the start time, newest first by their time field `at` (indexed)."""
    if filters.connection_id:
        rows = rows.filter(**{connection: filters.connection_id})
    if filters.object_name:
        rows = rows.filter(**{object_name: filters.object_name})
    if start is not None:
        rows = rows.filter(**{f"{at}__gte": start})
    return rows.order_by(f"-{at}", "-id")


def _event(
    kind: str, key: str, at: datetime, tone: str, *, place, title: str, detail: str, url: str, record=""
):
    """One row of the tail; `place` is (connection name, object name); the detail has its emails masked."""
    connection, object_name = place
    return TailEvent(key, at, kind, tone, title, connection, object_name, record, masked(detail), url)


def _with_error(detail: str, error: str) -> str:
    return f"{detail}; {error}" if error else detail


# -- webhook events ------------------------------------------------------------------------------------------


WEBHOOK_TONES = {"processed": "ok", "failed": "bad"}


def _webhook_events(filters: TailFilters, start, limit: int) -> list[TailEvent]:
    rows = _recent(
        WebhookEvent.objects.select_related("connection").defer("payload", "log"),
        filters,
        start,
        at="received_at",
        connection="connection_id",
        object_name="object_name",
    )
    # The record filter reads the ids of each event (a JSON list, which SQLite cannot search): it looks
    # further back, then keeps the events that name the record.
    candidates = rows[: limit * 5] if filters.record else rows[:limit]
    events = []
    for event in candidates:
        ids = [str(record_id) for record_id in event.record_ids or []]
        if filters.record and filters.record not in ids:
            continue
        fields = sorted(event.changed_fields or {})
        detail = f"fields: {', '.join(fields[:8])}" if fields else ""
        detail = "; ".join(part for part in (detail, event.status_reason or event.error) if part)
        events.append(
            _event(
                KIND_WEBHOOK,
                f"webhook:{event.pk}:{event.status}",
                event.received_at,
                WEBHOOK_TONES.get(event.status, "info"),
                place=(event.connection.name, event.object_name),
                title=f"{event.get_action_display()} · {event.get_status_display()}",
                record=", ".join(ids[:3]) + (f" +{len(ids) - 3}" if len(ids) > 3 else ""),
                detail=detail,
                url=reverse("sync:event-list") + "?" + urlencode({"connection": event.connection.name}),
            )
        )
    return events[:limit]


# -- write-back results --------------------------------------------------------------------------------------


RUN_TONES = {"succeeded": "ok", "with_failures": "bad", "errored": "bad", "not_run": "warn"}


def _writeback_runs(filters: TailFilters, start):
    return _recent(
        WritebackRun.objects.filter(finished_at__isnull=False).select_related(
            "flow__connection", "flow__crm_object"
        ),
        filters,
        start,
        at="finished_at",
        connection="flow__connection_id",
        object_name="flow__crm_object__name",
    )


def _writeback_events(filters: TailFilters, start, limit: int) -> list[TailEvent]:
    runs = _writeback_runs(filters, start)
    events = [] if filters.record else [_run_event(run) for run in runs[:limit]]
    failures = (
        WritebackRunFailure.objects.filter(run__in=runs.order_by())
        .select_related("run__flow__connection", "run__flow__crm_object")
        .order_by("-run__finished_at", "-id")
    )
    if filters.record:
        failures = failures.filter(crm_id=filters.record)
    events += [_failure_event(failure) for failure in failures[:limit]]
    return events


def _flow_place(run: WritebackRun) -> tuple[str, str]:
    return run.flow.connection.name, run.flow.crm_object.name


def _failure_event(failure: WritebackRunFailure) -> TailEvent:
    run = failure.run
    return _event(
        KIND_WRITEBACK,
        f"failure:{failure.pk}",
        run.finished_at,
        "bad",
        place=_flow_place(run),
        title=f"{failure.field}: {failure.get_status_display()}",
        record=failure.crm_id or failure.external_id,
        detail=failure.reason,
        url=reverse("writeback:run", args=[run.pk]),
    )


def _run_event(run: WritebackRun) -> TailEvent:
    counts = [
        (run.sent, "sent"),
        (run.written, "written"),
        (run.verified, "verified"),
        (run.rejected, "rejected"),
        (run.dead_lettered, "dead-lettered"),
        (run.conflicts, "in conflict"),
        (run.waiting, "waiting"),
    ]
    detail = ", ".join(f"{n:,} {word}" for n, word in counts if n) or "nothing to do"
    return _event(
        KIND_WRITEBACK,
        f"run:{run.pk}:{run.status}",
        run.finished_at,
        RUN_TONES.get(run.status, "info"),
        place=_flow_place(run),
        title=f"{run.flow.name} · {run.get_trigger_display()} · {run.get_status_display()}",
        detail=_with_error(detail, run.error),
        url=reverse("writeback:run", args=[run.pk]),
    )


# -- sync results --------------------------------------------------------------------------------------------


SYNC_KINDS = {"incremental": "Incremental sync", "backfill": "Backfill sync"}
SYNC_TONES = {"completed": "ok", "stopped": "warn", "failed": "bad", "errored": "bad"}


def _sync_runs(filters: TailFilters, start):
    return _recent(
        SyncRun.objects.filter(finished_at__isnull=False)
        .select_related("connection")
        .defer("log", "traceback"),
        filters,
        start,
        at="finished_at",
        connection="connection_id",
        object_name="object_name",
    )


def _sync_events(filters: TailFilters, start, limit: int) -> list[TailEvent]:
    if filters.record:
        return []  # a sync run reads many records and keeps no list of them
    return [_sync_event(run) for run in _sync_runs(filters, start)[:limit]]


def _sync_event(run: SyncRun) -> TailEvent:
    detail = (
        f"{run.records_read:,} read: {run.records_created:,} new, {run.records_updated:,} updated, "
        f"{run.records_deleted:,} deleted"
    )
    return _event(
        KIND_SYNC,
        f"sync:{run.pk}:{run.status}",
        run.finished_at,
        SYNC_TONES.get(run.status, "info"),
        place=(run.connection.name, run.object_name),
        title=f"{SYNC_KINDS.get(run.kind, run.get_kind_display())} · {run.get_status_display()}",
        detail=_with_error(detail, run.error),
        url=reverse("sync:run-detail", args=[run.pk]),
    )
