"""Inbound CRM webhooks, the provider-neutral part: take a delivery to the CRM's own receiver
(`crmhub/connectors/<crm>/webhooks.py`: authentication and parsing), store its events raw (one row per event
id), and process them in RQ jobs: a targeted refresh of the records concerned, then the trigger flows.

Every event of a delivery is checked and stored on its own: a malformed one (a NUL or a lone surrogate in
a text, a number out of range, too deep, a missing id, a field too long) is rejected with its reason and
the others are stored. A delivery that is malformed as a whole is answered 4xx, never 500.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import DataError, IntegrityError, transaction
from django.db.models import Max

from crmhub.connectors import CrmError, CrmRecord, DeletedRecord, FieldSchema
from crmhub.connectors.pipedrive.webhooks import changes_normalise
from crmhub.connectors.webhooks import (
    EventInvalid,
    ParsedEvent,
    WebhookContext,
    WebhookReceiver,
    WebhookRejected,
    WebhookRequest,
    receiver_for,
    secret_names,
)
from crmhub.core import clock
from crmhub.core.connectors import connector_for
from crmhub.core.errors import ApplicationError, PermissionDeniedError
from crmhub.core.jobs import JobRunner
from crmhub.sync import jobs, signals
from crmhub.sync.models import (
    WebhookAction,
    WebhookEndpoint,
    WebhookEvent,
    WebhookEventStatus,
    WebhookReceipt,
    WebhookRejection,
)
from identity_app.services import mirror_upsert
from mappings_app.models import CrmField, FieldType
from mappings_app.schema_sync import crm_schema_sync

__all__ = ["EventInvalid", "ParsedEvent", "WebhookRejected"]

logger = logging.getLogger(__name__)

MAX_PROCESS_ATTEMPTS = 5
PROCESS_RETRY_BASE_SECONDS = 30.0
PROCESSING_FIELDS = ["status", "attempts", "next_attempt_at", "started_at", "finished_at", "error", "log"]
MAX_REJECTIONS_RECORDED = 10
REJECTIONS_KEPT = timedelta(days=30)


@dataclass
class IngestSummary:
    stored: int = 0
    duplicates: int = 0
    ignored: int = 0
    rejected: list[str] = field(default_factory=list)

    def as_response(self) -> dict:
        answer = {"stored": self.stored, "duplicates": self.duplicates, "ignored": self.ignored}
        if self.rejected:
            answer.update(rejected=len(self.rejected), reasons=self.rejected[:MAX_REJECTIONS_RECORDED])
        return answer

    @property
    def nothing_usable(self) -> bool:
        return bool(self.rejected) and not (self.stored or self.duplicates)


# -- receiving ------------------------------------------------------------------------------------------


def webhook_delivery_parse(
    *, endpoint: WebhookEndpoint, receiver: WebhookReceiver, request: WebhookRequest
) -> list[ParsedEvent]:
    """Authenticate a delivery with the CRM's receiver, then parse it (each event checked on its own).
    Raises WebhookRejected for a delivery that is not authentic or not well-formed as a whole."""
    context = webhook_context(endpoint)
    receiver.verify(request, context)
    events = receiver.parse(request.body, context)
    if receiver.rejects_stale_events:
        stale_events_reject(events, max_age_seconds=endpoint.max_age_seconds)
    return events


def webhook_receiver(*, endpoint: WebhookEndpoint, channel: str = "events") -> WebhookReceiver:
    return receiver_for(endpoint.connection.provider, channel)


def webhook_context(endpoint: WebhookEndpoint) -> WebhookContext:
    """What a CRM's receiver may know of the endpoint: its secrets, the connection's credentials, the
    signatures already accepted, the catalog's field definitions and our API user."""
    connection = endpoint.connection
    return WebhookContext(
        secrets=dict(endpoint.secrets or {}),
        credentials=dict(connection.credentials or {}),
        max_age_seconds=endpoint.max_age_seconds,
        remember_signature=lambda signature: _remember_signature(endpoint, signature),
        field_schemas=lambda object_name, names: _catalog_schemas(connection, object_name, names),
        api_user_id=lambda: _api_user_id(connection),
    )


def _api_user_id(connection):
    """Our CRM user id (Pipedrive): stored with the credentials, or learned once from the CRM. Without it an
    API change cannot be told apart from another integration's (and is then not taken for ours)."""
    known = (connection.credentials or {}).get("api_user_id")
    if known not in (None, ""):
        return known
    try:
        with connector_for(connection) as connector:
            return connector.api_user_id()
    except CrmError:
        return None


def _catalog_schemas(connection, object_name: str, names: list[str]) -> dict[str, FieldSchema]:
    rows = CrmField.objects.filter(
        crm_object__connection=connection, crm_object__name=object_name, name__in=names, is_deleted=False
    )
    return {
        row.name: FieldSchema(
            name=row.name,
            label=row.label,
            field_type=row.field_type,
            picklist_options=list(row.picklist_options or []),
            provider_metadata=dict(row.provider_metadata or {}),
        )
        for row in rows
    }


# -- storing and processing -------------------------------------------------------------------------------


@transaction.atomic
def webhook_events_ingest(*, endpoint: WebhookEndpoint, events: list[ParsedEvent]) -> IngestSummary:
    """Store each event once (by event id); our own echoes are kept as ignored. Processing is enqueued."""
    summary = IngestSummary()
    fresh = []
    for parsed in events:
        if parsed.rejected_reason:
            summary.rejected.append(parsed.rejected_reason)
            continue
        try:
            with transaction.atomic():
                row = WebhookEvent.objects.create(
                    connection=endpoint.connection,
                    provider=endpoint.connection.provider,
                    event_id=parsed.event_id[:200],
                    event_type=parsed.event_type[:100],
                    action=parsed.action,
                    object_name=parsed.object_name,
                    record_ids=parsed.record_ids,
                    merged_into=parsed.merged_into,
                    changed_fields=parsed.changed_fields,
                    occurred_at=parsed.occurred_at,
                    payload=parsed.payload,
                    status=WebhookEventStatus.IGNORED if parsed.own_echo else WebhookEventStatus.RECEIVED,
                    status_reason="Our own write echoed back." if parsed.own_echo else "",
                )
        except IntegrityError:
            summary.duplicates += 1
            continue
        except DataError:  # a value the database cannot hold: this event only (its message may quote data)
            summary.rejected.append(f"Event {parsed.event_id[:60]}: the database refused a value.")
            continue
        summary.stored += 1
        if parsed.own_echo:
            summary.ignored += 1
        else:
            fresh.append(row.pk)
    if fresh:
        jobs.dispatch(jobs.webhook_events_job, fresh)
    for reason in summary.rejected[:MAX_REJECTIONS_RECORDED]:
        webhook_rejection_record(endpoint=endpoint, rejection=WebhookRejected(reason, 422))
    return summary


def webhook_events_process(*, event_ids: list[int]) -> None:
    """Refresh the records the events name (per connection and object), then run the trigger flows."""
    from crmhub.sync import triggers

    events = list(
        WebhookEvent.objects.filter(pk__in=event_ids, status=WebhookEventStatus.RECEIVED)
        .select_related("connection")
        .order_by("occurred_at", "pk")
    )
    groups: dict[tuple[int, str], list[WebhookEvent]] = defaultdict(list)
    for event in events:
        groups[(event.connection_id, event.object_name)].append(event)
    for group in groups.values():
        runners = [_runner(event) for event in group]
        for runner in runners:
            runner.start()
        try:
            current = _refresh_records(group)
            _name_new_options(group)
        except CrmError as exc:
            _retry_later(runners, exc)
            continue
        for runner in runners:
            runner.succeed(detail=f"{len(runner.record.record_ids)} record(s) read back")
        WebhookEvent.objects.bulk_update(group, PROCESSING_FIELDS)
        triggers.triggers_fire_for_events(events=group, current=current)


def _name_new_options(events: list[WebhookEvent]) -> None:
    """A Pipedrive option added after the last schema sync reaches a webhook as an id the catalog cannot name
    (`changes_normalise` of the Pipedrive receiver leaves it as it came). Such a change would not match a rule's `equals`
    label, and the next poll, which reads the label, would see a second change. So the object's schema is
    discovered and synced once, and the group's changes are named again before any rule sees them."""
    connection, object_name = events[0].connection, events[0].object_name
    changed = [event for event in events if event.changed_fields]
    if connection.provider != "pipedrive" or not changed:
        return
    names = sorted({name for event in changed for name in event.changed_fields})
    schemas = _catalog_schemas(connection, object_name, names)
    if not any(
        _is_unknown_option(change.get("new"), schemas.get(name))
        for event in changed
        for name, change in event.changed_fields.items()
    ):
        return
    with connector_for(connection) as connector:
        crm_schema_sync(connection=connection, schemas=connector.discover_schema([object_name]))
    for event in changed:
        schemas = _catalog_schemas(connection, object_name, list(event.changed_fields))
        event.changed_fields = changes_normalise(changes=event.changed_fields, schemas=schemas)
        event.save(update_fields=["changed_fields"])


def _is_unknown_option(value, schema: FieldSchema | None) -> bool:
    """An option field's value that is none of the options the catalog knows (only new values are checked:
    an old value may name an option since deleted, which no schema sync brings back)."""
    if (
        value is None
        or schema is None
        or schema.field_type not in (FieldType.PICKLIST, FieldType.MULTIPICKLIST)
    ):
        return False
    known = set(schema.picklist_options)
    items = value if isinstance(value, list) else [value]
    return any(str(item) not in known for item in items if item not in (None, ""))


def _refresh_records(events: list[WebhookEvent]) -> dict[str, dict]:
    """Read the records the events name from the CRM (the mirror's fields and those trigger rules watch)
    and mirror them; returns what was read, which is what the trigger rules evaluate."""
    from crmhub.sync.services import mirror_fields, mirror_tombstones
    from crmhub.sync.triggers import watched_fields

    connection, object_name = events[0].connection, events[0].object_name
    last_action: dict[str, WebhookEvent] = {}
    survivors: set[str] = set()
    for event in events:
        for record_id in event.record_ids:
            last_action[record_id] = event
        if event.merged_into:
            survivors.add(event.merged_into)
    gone = [
        DeletedRecord(id=rid, deleted_at=e.occurred_at, merged_into=e.merged_into or None)
        for rid, e in last_action.items()
        if e.action in (WebhookAction.DELETE, WebhookAction.MERGE)
    ]
    refresh = sorted(
        (
            survivors
            | {
                rid
                for rid, e in last_action.items()
                if e.action in (WebhookAction.CREATE, WebhookAction.CHANGE)
            }
        )
        - {d.id for d in gone}
    )
    with connector_for(connection) as connector:
        fields, hybrid = mirror_fields(connection=connection, object_name=object_name)
        fields = sorted(
            set(fields)
            | watched_fields(connection=connection, object_name=object_name)
            | _live_fields(
                connection,
                object_name,
                signals.extra_fields(connection=connection, object_name=object_name),
            )
        )
        values = connector.read_records(object_name, refresh, fields) if refresh else {}
        edits = connector.last_human_edits(object_name, list(values), hybrid) if values and hybrid else {}
    missing = [DeletedRecord(id=rid, deleted_at=None) for rid in refresh if rid not in values]
    rows = [
        {
            "id": rid,
            "values": record_values,
            "modified_at": None,
            "last_human_edit": {k: v.isoformat() for k, v in (edits.get(rid) or {}).items() if v is not None},
        }
        for rid, record_values in values.items()
    ]
    with transaction.atomic():
        if rows:
            mirror_upsert(connection=connection, object_name=object_name, records=rows)
        known_gone = _known(connection, object_name, gone + missing)
        mirror_tombstones(connection=connection, object_name=object_name, deleted=known_gone)
        # The exports ride this read too; a record's change time is its event's (the CRM's) time.
        signals.page_read(
            connection=connection,
            object_name=object_name,
            records=[CrmRecord(rid, _changed_at(last_action.get(rid)), v) for rid, v in values.items()],
        )
        signals.records_deleted(connection=connection, object_name=object_name, deleted=known_gone)
    return values


def _changed_at(event: WebhookEvent | None) -> datetime:
    return (event.occurred_at if event is not None else None) or clock.now()


def _live_fields(connection, object_name: str, names: set[str]) -> set[str]:
    if not names:
        return set()
    return set(
        CrmField.objects.filter(
            crm_object__connection=connection,
            crm_object__name=object_name,
            name__in=sorted(names),
            is_deleted=False,
        ).values_list("name", flat=True)
    )


def _known(connection, object_name: str, deleted: list[DeletedRecord]) -> list[DeletedRecord]:
    from identity_app.models import MirrorRecord

    ids = set(
        MirrorRecord.objects.filter(
            connection=connection, object_name=object_name, crm_id__in=[d.id for d in deleted]
        ).values_list("crm_id", flat=True)
    )
    return [d for d in deleted if d.id in ids]


def _runner(event: WebhookEvent) -> JobRunner:
    return JobRunner(event, label=f"webhook event #{event.pk} ({event.provider} {event.action})", log=logger)


def _retry_later(runners: list[JobRunner], exc: CrmError) -> None:
    """The refresh failed: every event of the group waits the same backoff (the CRM's Retry-After when it
    sent one), or fails after MAX_PROCESS_ATTEMPTS."""
    delays = [
        runner.retry_later(
            f"Refresh failed: {exc.message}",
            max_attempts=MAX_PROCESS_ATTEMPTS,
            base_seconds=PROCESS_RETRY_BASE_SECONDS,
            retry_after=getattr(exc, "retry_after", None),
        )
        for runner in runners
    ]
    WebhookEvent.objects.bulk_update([runner.record for runner in runners], PROCESSING_FIELDS)
    retry = [runner.record.pk for runner, delay in zip(runners, delays, strict=True) if delay is not None]
    if retry:
        delay = max(d for d in delays if d is not None)
        jobs.dispatch(jobs.webhook_events_job, retry, delay=delay)


def webhook_receipts_purge(*, now: datetime | None = None) -> int:
    """Signatures older than any window no longer need remembering; rejections are kept 30 days.

    A signature accepted now is stamped at most one window from now (either side), so it stays valid for up to
    two windows: remembered that long for the widest window of any endpoint (the admin allows any), else a
    replay after the purge but inside the window would be taken as new."""
    now = now or clock.now()
    widest = WebhookEndpoint.objects.aggregate(widest=Max("max_age_seconds"))["widest"] or 0
    kept = max(timedelta(hours=1), timedelta(seconds=2 * widest))
    deleted, _ = WebhookReceipt.objects.filter(received_at__lt=now - kept).delete()
    WebhookRejection.objects.filter(received_at__lt=now - REJECTIONS_KEPT).delete()
    return deleted


def webhook_rejection_record(*, endpoint: WebhookEndpoint, rejection: WebhookRejected) -> None:
    """Count a failed delivery for the endpoints page (the reason names no secret)."""
    WebhookRejection.objects.create(
        endpoint=endpoint,
        received_at=clock.now(),
        reason=rejection.reason[:300],
        status_code=rejection.status,
    )


# -- managing endpoints ---------------------------------------------------------------------------------

ENDPOINT_PERMISSION = "sync.change_webhookendpoint"
SECRET_KEYS = {provider: secret_names(provider) for provider in ("hubspot", "pipedrive", "salesforce")}


@transaction.atomic
def webhook_endpoint_save(
    *,
    connection,
    actor,
    enabled: bool,
    max_age_seconds: int,
    secrets: dict[str, str],
    clear: bool = False,
) -> WebhookEndpoint:
    """Create or change a connection's endpoint. A blank secret keeps the stored one; `clear` drops all.
    Secrets are only ever written, never read back to a page."""
    if not actor.has_perm(ENDPOINT_PERMISSION) or not actor.has_perm("sync.add_webhookendpoint"):
        raise PermissionDeniedError("You may not manage webhook endpoints.")
    allowed = SECRET_KEYS.get(connection.provider, {})
    unknown = set(secrets) - set(allowed)
    if unknown:
        raise ApplicationError(f"Unknown secrets for {connection.provider}: {', '.join(sorted(unknown))}.")
    endpoint = WebhookEndpoint.objects.select_for_update().filter(connection=connection).first()
    endpoint = endpoint or WebhookEndpoint(connection=connection)
    stored = {} if clear else dict(endpoint.secrets or {})
    stored.update({name: value for name, value in secrets.items() if value})
    endpoint.secrets = stored
    endpoint.enabled = enabled
    endpoint.max_age_seconds = max_age_seconds
    endpoint.full_clean(exclude=["connection"])
    endpoint.save()
    return endpoint


def webhook_secrets_set(endpoint: WebhookEndpoint | None, provider: str) -> dict[str, bool]:
    """{secret name: whether it is set}: what a page may show of the secrets."""
    stored = (endpoint.secrets or {}) if endpoint else {}
    return {name: bool(stored.get(name)) for name in SECRET_KEYS.get(provider, {})}


def _remember_signature(endpoint: WebhookEndpoint, signature: str) -> None:
    try:
        with transaction.atomic():
            WebhookReceipt.objects.create(
                endpoint=endpoint, signature=signature[:128], received_at=clock.now()
            )
    except IntegrityError:
        raise WebhookRejected("Replayed request: this signature was already accepted.") from None


# -- helpers --------------------------------------------------------------------------------------------


def stale_events_reject(events: list[ParsedEvent], *, max_age_seconds: int) -> list[ParsedEvent]:
    """For a provider whose retries all fall inside the window (Pipedrive: 3, 30 and 150 s), an event
    stamped outside it is a replay; an event without a time is left to the event-id de-duplication."""
    now = clock.now()
    for event in events:
        if event.rejected_reason or event.occurred_at is None:
            continue
        age = (now - event.occurred_at).total_seconds()
        if abs(age) > max_age_seconds:
            event.rejected_reason = f"Stale event {event.event_id[:60]}: stamped {age:.0f}s ago."
    return events
