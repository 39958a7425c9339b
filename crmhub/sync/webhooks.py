"""Inbound CRM webhooks: authenticate each delivery, parse it into provider-neutral events, store them raw
(one row per event id), and process them in RQ jobs: a targeted refresh of the records concerned, then the
trigger flows.

- HubSpot: signature v3 (HMAC-SHA256 over method + URI + body + timestamp, base64), 5-minute window, a
  signature seen before is a replay; a JSON array of events.
- Pipedrive v2: HTTP Basic auth; `meta` / `data` / `previous`; our own API changes are echoes.
- Salesforce: CDC-shaped JSON relayed to us with a shared secret (`X-Relay-Secret`); Outbound Messages
  (SOAP, parsed with defusedxml: no DTD, no entities) authenticated by the endpoint's Outbound Messages
  secret (the `secret` query parameter of the URL configured in Salesforce, or `X-Outbound-Secret` from a
  relay) and the organisation id, answered with an Ack. Only bounded, parsed fields are stored.

Every event of a delivery is checked and stored on its own: a malformed one (a NUL or a lone surrogate in
a text, a number out of range, too deep, a missing id, a field too long) is rejected with its reason and
the others are stored. A delivery that is malformed as a whole is answered 4xx, never 500.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import unquote

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET
from django.db import DataError, IntegrityError, transaction

from crmhub.connectors import CrmError, DeletedRecord, FieldSchema
from crmhub.connectors.hubspot.client import is_own_history_entry
from crmhub.connectors.pipedrive.client import is_own_changelog_entry, read_value
from crmhub.connectors.salesforce.client import CLIENT_TAG, same_user
from crmhub.core import clock
from crmhub.core.connectors import connector_for
from crmhub.core.errors import ApplicationError, PermissionDeniedError
from crmhub.core.jobs import JobRunner
from crmhub.sync import jobs
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

logger = logging.getLogger(__name__)

MAX_PROCESS_ATTEMPTS = 5
PROCESS_RETRY_BASE_SECONDS = 30.0
PROCESSING_FIELDS = ["status", "attempts", "next_attempt_at", "started_at", "finished_at", "error", "log"]
MAX_JSON_DEPTH = 32
MAX_JSON_INTEGER = 2**63
MAX_RECORD_IDS = 5000
MAX_REJECTIONS_RECORDED = 10
# Outbound Messages: Salesforce sends at most 100 notifications; what is stored of each is bounded.
MAX_OUTBOUND_NOTIFICATIONS = 100
MAX_OUTBOUND_FIELDS = 300
MAX_OUTBOUND_VALUE_CHARS = 2000
REJECTIONS_KEPT = timedelta(days=30)
HUBSPOT_OBJECTS = {"contact": "contacts", "company": "companies", "deal": "deals"}
PIPEDRIVE_OBJECTS = {"person": "persons", "organization": "organizations", "deal": "deals"}
# HubSpot asks for these escapes to be decoded in the URI before hashing.
HUBSPOT_DECODED = ("%3A", "%2F", "%3F", "%40", "%21", "%24", "%27", "%28", "%29", "%2A", "%2C", "%3B")
SOAP_NS = {
    "soap": "http://schemas.xmlsoap.org/soap/envelope/",
    "om": "http://soap.sforce.com/2005/09/outbound",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
SOAP_ACK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">'
    '<soapenv:Body><notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound">'
    "<Ack>true</Ack></notificationsResponse></soapenv:Body></soapenv:Envelope>"
)


class WebhookRejected(Exception):
    """The delivery is not authentic (or not well-formed); answered with `status` and nothing stored."""

    def __init__(self, reason: str, status: int = 401):
        super().__init__(reason)
        self.reason = reason
        self.status = status


class EventInvalid(Exception):
    """One event of a delivery cannot be stored; the delivery's other events still are."""


@dataclass
class ParsedEvent:
    event_id: str
    action: str
    object_name: str
    record_ids: list[str]
    payload: Any
    event_type: str = ""
    merged_into: str = ""
    changed_fields: dict[str, dict] = field(default_factory=dict)
    occurred_at: datetime | None = None
    own_echo: bool = False
    rejected_reason: str = ""


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


# -- HubSpot --------------------------------------------------------------------------------------------


def hubspot_signature_v3(secret: str, method: str, uri: str, body: str, timestamp: str) -> str:
    source = f"{method.upper()}{hubspot_uri(uri)}{body}{timestamp}"
    digest = hmac.new(secret.encode(), source.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def hubspot_uri(uri: str) -> str:
    for escape in HUBSPOT_DECODED:
        uri = uri.replace(escape, unquote(escape)).replace(escape.lower(), unquote(escape))
    return uri


def hubspot_verify(
    *, endpoint: WebhookEndpoint, method: str, uri: str, body: bytes, signature: str, timestamp: str
) -> None:
    secret = (endpoint.secrets or {}).get("client_secret")
    if not secret:
        raise WebhookRejected("No HubSpot client secret is configured for this endpoint.", 403)
    if not signature or not timestamp:
        raise WebhookRejected("Missing X-HubSpot-Signature-v3 or X-HubSpot-Request-Timestamp.")
    sent_ms = _header_millis(timestamp)
    age_ms = clock.now().timestamp() * 1000 - sent_ms
    if abs(age_ms) > endpoint.max_age_seconds * 1000:
        raise WebhookRejected(f"Stale request: signed {age_ms / 1000:.0f}s ago.")
    if not _is_base64_text(signature):
        raise WebhookRejected("Malformed X-HubSpot-Signature-v3.")
    expected = hubspot_signature_v3(secret, method, uri, body.decode("utf-8", "replace"), timestamp)
    if not hmac.compare_digest(expected.encode(), signature.encode()):
        raise WebhookRejected("Signature does not match.")
    _remember_signature(endpoint, signature)


def _header_millis(timestamp: str) -> int:
    """Epoch milliseconds as ASCII digits (int() would also take other scripts' digits and any length)."""
    if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 15):
        raise WebhookRejected("Malformed X-HubSpot-Request-Timestamp.")
    return int(timestamp)


def _is_base64_text(value: str) -> bool:
    return value.isascii() and len(value) <= 128 and all(c.isalnum() or c in "+/=" for c in value)


def hubspot_parse(endpoint: WebhookEndpoint, body: bytes) -> list[ParsedEvent]:
    events = _json(body)
    if isinstance(events, dict):
        events = [events]
    if not isinstance(events, list):
        raise WebhookRejected("Expected a JSON array of events.", 400)
    app_id = (endpoint.connection.credentials or {}).get("app_id")
    return _each_event(events, lambda raw: _hubspot_event(raw, app_id))


def _hubspot_event(raw: dict, app_id) -> ParsedEvent:
    if raw.get("eventId") in (None, ""):
        raise EventInvalid("eventId is missing.")
    subscription = str(raw.get("subscriptionType", ""))
    prefix, _, kind = subscription.partition(".")
    object_name = HUBSPOT_OBJECTS.get(prefix, raw.get("objectTypeId") or prefix)
    event = ParsedEvent(
        event_id=str(raw.get("eventId")),
        event_type=subscription,
        action=WebhookAction.OTHER,
        object_name=str(object_name),
        record_ids=[str(raw.get("objectId"))] if raw.get("objectId") is not None else [],
        payload=raw,
        occurred_at=_from_millis(raw.get("occurredAt")),
        own_echo=is_own_history_entry(
            {"sourceType": raw.get("changeSource"), "sourceId": _source_app(raw.get("sourceId"))}, app_id
        ),
    )
    if kind == "creation":
        event.action = WebhookAction.CREATE
    elif kind in ("propertyChange", "restore"):
        event.action = WebhookAction.CHANGE
        if raw.get("propertyName"):
            event.changed_fields = {raw["propertyName"]: {"new": raw.get("propertyValue")}}
    elif kind in ("deletion", "privacyDeletion"):
        event.action = WebhookAction.DELETE
    elif kind == "merge":
        event.action = WebhookAction.MERGE
        event.record_ids = [str(i) for i in raw.get("mergedObjectIds") or []]
        event.merged_into = str(raw.get("primaryObjectId") or raw.get("newObjectId") or "")
    return event


def _source_app(source_id) -> str:
    text = str(source_id or "")
    return text.split(":", 1)[1] if text.startswith("appId:") else text


# -- Pipedrive ------------------------------------------------------------------------------------------


def pipedrive_verify(*, endpoint: WebhookEndpoint, authorization: str) -> None:
    secrets = endpoint.secrets or {}
    if not secrets.get("username") or not secrets.get("password"):
        raise WebhookRejected("No Pipedrive Basic auth credentials are configured for this endpoint.", 403)
    scheme, _, encoded = (authorization or "").partition(" ")
    if scheme.lower() != "basic":
        raise WebhookRejected("Basic authentication required.")
    try:
        username, _, password = (
            base64.b64decode(encoded.encode("ascii"), validate=True).decode().partition(":")
        )
    except (binascii.Error, UnicodeError):
        raise WebhookRejected("Malformed Basic credentials.") from None
    same_user = hmac.compare_digest(username.encode(), secrets["username"].encode())
    same_password = hmac.compare_digest(password.encode(), secrets["password"].encode())
    if not (same_user and same_password):
        raise WebhookRejected("Wrong Basic credentials.")


def pipedrive_parse(endpoint: WebhookEndpoint, body: bytes) -> list[ParsedEvent]:
    return _each_event([_json(body)], lambda raw: _pipedrive_event(endpoint, raw))


def _pipedrive_event(endpoint: WebhookEndpoint, raw: dict) -> ParsedEvent:
    meta = raw.get("meta")
    if not isinstance(meta, dict) or not meta.get("id"):
        raise EventInvalid("Expected a Pipedrive v2 webhook with meta.id.")
    entity = str(meta.get("entity", ""))
    action = {
        "create": WebhookAction.CREATE,
        "change": WebhookAction.CHANGE,
        "delete": WebhookAction.DELETE,
    }.get(meta.get("action"), WebhookAction.OTHER)
    event = ParsedEvent(
        event_id=str(meta["id"]),
        event_type=f"{meta.get('action')}.{entity}",
        action=action,
        object_name=PIPEDRIVE_OBJECTS.get(entity, entity),
        record_ids=[str(meta.get("entity_id"))] if meta.get("entity_id") is not None else [],
        payload=raw,
        occurred_at=_parse_time(meta.get("timestamp")),
        own_echo=is_own_changelog_entry(
            {"change_source": meta.get("change_source"), "actor_user_id": meta.get("user_id")},
            _pipedrive_api_user(endpoint.connection) if meta.get("change_source") == "api" else None,
        ),
    )
    if action == WebhookAction.DELETE and meta.get("merged_to_id"):
        event.action = WebhookAction.MERGE
        event.merged_into = str(meta["merged_to_id"])
    if action == WebhookAction.CHANGE:
        changes = _pipedrive_changes(raw.get("data") or {}, raw.get("previous") or {})
        event.changed_fields = pipedrive_changes_normalise(
            connection=endpoint.connection, object_name=event.object_name, changes=changes
        )
    return event


def _pipedrive_api_user(connection):
    """Our Pipedrive user id: stored with the credentials, or learned once from /v1/users/me. Without it an
    API change cannot be told apart from another integration's (and is then not taken for ours)."""
    known = (connection.credentials or {}).get("api_user_id")
    if known not in (None, ""):
        return known
    try:
        with connector_for(connection) as connector:
            return connector.api_user_id()
    except CrmError:
        return None


# v2 webhooks carry a person's emails and phones as arrays; the catalog (personFields, the changelog) names the
# fields "email" and "phone" and holds their primary value.
PIPEDRIVE_ARRAY_FIELDS = {"emails": "email", "phones": "phone"}
PIPEDRIVE_BOOKKEEPING = {"update_time"}


def _pipedrive_changes(data: dict, previous: dict) -> dict[str, dict]:
    """{field: {old, new}} from `previous` (only what changed) and `data` (the record now); custom fields come
    nested under custom_fields with typed values."""
    changes = {}
    for name, old in previous.items():
        if name == "custom_fields" and isinstance(old, dict):
            current = data.get("custom_fields") or {}
            for key, old_value in old.items():
                changes[key] = {"old": _custom_value(old_value), "new": _custom_value(current.get(key))}
            continue
        if name in PIPEDRIVE_BOOKKEEPING:
            continue
        changes[PIPEDRIVE_ARRAY_FIELDS.get(name, name)] = {"old": old, "new": data.get(name)}
    return changes


def pipedrive_changes_normalise(*, connection, object_name: str, changes: dict[str, dict]) -> dict[str, dict]:
    """Webhook values in the form a polling read gives them, through the connector's own `read_value`.

    v2 webhooks carry enum/set values as option ids; the poll maps ids to option labels with the field
    definitions. Labels win because they are what sales-ops see in Pipedrive and type as a rule's
    `equals` value, and what the catalog lists as a field's options; so the snapshot, the condition and
    the execution's old/new values agree whichever path sees a change first. The ids come from the
    catalog's field definitions (`provider_metadata.option_ids`, kept by schema sync)."""
    if not changes:
        return changes
    schemas = _catalog_schemas(connection, object_name, list(changes))
    return {
        name: {side: read_value(value, schemas.get(name)) for side, value in change.items()}
        for name, change in changes.items()
    }


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


def _custom_value(value):
    """Typed v2 custom values: {"type", "value"}, an enum's {"type", "id"}, a set's {"type", "values": [{"id"}]}."""
    if not isinstance(value, dict):
        return value
    if "value" in value:
        return value["value"]
    if "id" in value:
        return value["id"]
    if isinstance(value.get("values"), list):
        return [item.get("id") if isinstance(item, dict) else item for item in value["values"]]
    return value


# -- Salesforce -----------------------------------------------------------------------------------------


def salesforce_relay_verify(*, endpoint: WebhookEndpoint, relay_secret: str) -> None:
    expected = (endpoint.secrets or {}).get("shared_secret")
    if not expected:
        raise WebhookRejected("No relay secret is configured for this endpoint.", 403)
    if not relay_secret or not hmac.compare_digest(relay_secret.encode(), expected.encode()):
        raise WebhookRejected("Wrong or missing X-Relay-Secret.")


def salesforce_cdc_parse(endpoint: WebhookEndpoint, body: bytes) -> list[ParsedEvent]:
    raw = _json(body)
    events = raw.get("events") if isinstance(raw, dict) and "events" in raw else raw
    if isinstance(events, dict):
        events = [events]
    if not isinstance(events, list):
        raise WebhookRejected("Expected a change event or a list of them.", 400)
    integration_user = (endpoint.connection.credentials or {}).get("integration_user_id")
    return _each_event(events, lambda event: _cdc_event(event, integration_user))


def _cdc_event(raw: dict, integration_user: str | None) -> ParsedEvent:
    header = raw.get("ChangeEventHeader") or {}
    if not (
        raw.get("replayId") or (header.get("transactionKey") and header.get("sequenceNumber") is not None)
    ):
        raise EventInvalid("Neither replayId nor ChangeEventHeader.transactionKey and sequenceNumber.")
    change_type = str(header.get("changeType", "")).removeprefix("GAP_")
    action = {
        "CREATE": WebhookAction.CREATE,
        "UPDATE": WebhookAction.CHANGE,
        "UNDELETE": WebhookAction.CHANGE,
        "DELETE": WebhookAction.DELETE,
    }.get(change_type, WebhookAction.CHANGE)
    event_id = raw.get("replayId") or f"{header.get('transactionKey')}:{header.get('sequenceNumber')}"
    origin = str(header.get("changeOrigin") or "")
    event = ParsedEvent(
        event_id=str(event_id),
        event_type=f"{header.get('entityName')}ChangeEvent.{header.get('changeType')}",
        action=action,
        object_name=str(header.get("entityName", "")),
        record_ids=[str(i) for i in header.get("recordIds") or []],
        payload=raw,
        occurred_at=_from_millis(header.get("commitTimestamp")),
        own_echo=f"client={CLIENT_TAG}" in origin or same_user(header.get("commitUser"), integration_user),
    )
    if action == WebhookAction.DELETE and raw.get("MasterRecordId"):
        event.action = WebhookAction.MERGE
        event.merged_into = str(raw["MasterRecordId"])
    if action == WebhookAction.CHANGE:
        # A long text sent as a diff (diffFields) has no new value in the event: the refresh reads it.
        ignored = {
            "LastModifiedDate",
            "SystemModstamp",
            "LastModifiedById",
            *(header.get("diffFields") or []),
        }
        nulled = set(header.get("nulledFields") or [])
        event.changed_fields = {
            name: {"new": None if name in nulled else raw.get(name)}
            for name in header.get("changedFields") or []
            if name not in ignored
        }
    return event


def salesforce_outbound_verify(*, endpoint: WebhookEndpoint, presented: str) -> None:
    """Salesforce signs nothing: besides the organisation id inside the message, the URL configured in
    Salesforce carries the endpoint's Outbound Messages secret as `?secret=` (a relay may send it as
    `X-Outbound-Secret`). The path token only finds the endpoint; it is not the secret."""
    expected = (endpoint.secrets or {}).get("outbound_secret")
    if not expected or not (endpoint.secrets or {}).get("organization_id"):
        raise WebhookRejected("No Outbound Messages secret and organisation id are configured.", 403)
    if not presented or not hmac.compare_digest(presented.encode(), expected.encode()):
        raise WebhookRejected("Wrong or missing Outbound Messages secret.")


def salesforce_outbound_parse(endpoint: WebhookEndpoint, body: bytes) -> list[ParsedEvent]:
    """Only what is named below is kept of the envelope (ids, type, each field's text bounded in size)."""
    try:
        root = SafeET.fromstring(body, forbid_dtd=True)
    except DefusedXmlException:
        raise WebhookRejected("DTDs and entities are not accepted in a SOAP message.", 400) from None
    except SafeET.ParseError:
        raise WebhookRejected("Malformed SOAP envelope.", 400) from None
    notifications = root.find(".//om:notifications", SOAP_NS)
    if notifications is None:
        raise WebhookRejected("No <notifications> in the envelope.", 400)
    organisation = _soap_id(notifications, "om:OrganizationId", 18)
    expected = (endpoint.secrets or {}).get("organization_id", "")
    if not expected or not same_user(organisation, expected):
        raise WebhookRejected("Unknown organisation.", 403)
    notes = notifications.findall("om:Notification", SOAP_NS)
    if len(notes) > MAX_OUTBOUND_NOTIFICATIONS:
        raise WebhookRejected(f"More than {MAX_OUTBOUND_NOTIFICATIONS} notifications in one message.", 400)
    action_id = _soap_id(notifications, "om:ActionId", 18)
    return _each_event(notes, lambda note: _outbound_event(note, organisation, action_id), json_objects=False)


def _outbound_event(note, organisation: str, action_id: str) -> ParsedEvent:
    sobject = note.find("om:sObject", SOAP_NS)
    note_id = _soap_id(note, "om:Id", 40)
    if sobject is None or not note_id:
        raise EventInvalid("A notification without an Id or an sObject.")
    fields = list(sobject)
    if len(fields) > MAX_OUTBOUND_FIELDS:
        raise EventInvalid(f"More than {MAX_OUTBOUND_FIELDS} fields in one notification.")
    object_name = (sobject.get(f"{{{SOAP_NS['xsi']}}}type") or "").split(":")[-1][:100]
    values, truncated = {}, []
    for child in fields:
        name = child.tag.split("}")[-1][:100]
        values[name] = _bounded_text(child.text, MAX_OUTBOUND_VALUE_CHARS)
        if len(child.text or "") > MAX_OUTBOUND_VALUE_CHARS:
            truncated.append(name)
    return ParsedEvent(
        event_id=f"om:{note_id}",
        event_type=f"outbound.{object_name}",
        action=WebhookAction.CHANGE,
        object_name=object_name,
        record_ids=[values.get("Id") or ""],
        payload={
            "organization_id": organisation,
            "action_id": action_id,
            "sObject": values,
            **({"truncated": sorted(truncated)} if truncated else {}),
        },
        changed_fields={name: {"new": value} for name, value in values.items() if name != "Id"},
    )


def _bounded_text(text: str | None, limit: int) -> str | None:
    return None if text is None else text[:limit]


def _soap_id(parent, path: str, limit: int) -> str:
    return (parent.findtext(path, "", SOAP_NS) or "").strip()[:limit]


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
    (`pipedrive_changes_normalise` leaves it as it came). Such a change would not match a rule's `equals`
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
        event.changed_fields = pipedrive_changes_normalise(
            connection=connection, object_name=object_name, changes=event.changed_fields
        )
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
        fields = sorted(set(fields) | watched_fields(connection=connection, object_name=object_name))
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
        mirror_tombstones(
            connection=connection,
            object_name=object_name,
            deleted=_known(connection, object_name, gone + missing),
        )
    return values


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
    """Signatures older than any window no longer need remembering; rejections are kept 30 days."""
    now = now or clock.now()
    deleted, _ = WebhookReceipt.objects.filter(received_at__lt=now - timedelta(hours=1)).delete()
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
SECRET_KEYS = {
    "hubspot": {"client_secret": "App client secret (signs v3 requests)"},
    "pipedrive": {"username": "Basic auth user name", "password": "Basic auth password"},
    "salesforce": {
        "shared_secret": "Relay shared secret (X-Relay-Secret)",
        "organization_id": "Organisation id (Outbound Messages)",
        "outbound_secret": "Outbound Messages secret (the ?secret= of the endpoint URL in Salesforce)",
    },
}


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


def _json(body: bytes):
    try:
        return json.loads(body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise WebhookRejected("Body is not JSON.", 400) from None
    except RecursionError:
        raise WebhookRejected(f"Body is nested deeper than {MAX_JSON_DEPTH} levels.", 400) from None


# What a shape the builders do not expect raises; it rejects that event, never the delivery.
MALFORMED_SHAPE = (TypeError, ValueError, AttributeError, KeyError, IndexError, OverflowError)


def _each_event(raws: list, build, *, json_objects: bool = True) -> list[ParsedEvent]:
    """Build each event on its own; one that cannot be stored comes back with its `rejected_reason`."""
    events = []
    for position, raw in enumerate(raws, start=1):
        try:
            if json_objects and not isinstance(raw, dict):
                raise EventInvalid("not a JSON object.")
            if json_objects:
                storable_json_check(raw)
            event = build(raw)
            _storable_event_check(event)
        except EventInvalid as exc:
            events.append(_rejected(position, str(exc)))
        except MALFORMED_SHAPE as exc:
            events.append(_rejected(position, f"unexpected shape ({type(exc).__name__})."))
        else:
            events.append(event)
    return events


def _rejected(position: int, reason: str) -> ParsedEvent:
    return ParsedEvent(
        event_id="",
        action=WebhookAction.OTHER,
        object_name="",
        record_ids=[],
        payload=None,
        rejected_reason=f"Event {position} of the delivery: {reason}"[:300],
    )


def storable_json_check(value, depth: int = 0) -> None:
    """What PostgreSQL's jsonb and every reader can hold: no NUL, no lone surrogate, finite numbers in
    range, at most MAX_JSON_DEPTH levels."""
    if depth > MAX_JSON_DEPTH:
        raise EventInvalid(f"nested deeper than {MAX_JSON_DEPTH} levels.")
    if isinstance(value, str):
        _storable_text_check(value)
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int):
        if abs(value) >= MAX_JSON_INTEGER:
            raise EventInvalid("a number is out of range.")
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise EventInvalid("a number is not finite.")
    elif isinstance(value, dict):
        for key, item in value.items():
            _storable_text_check(key)
            storable_json_check(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            storable_json_check(item, depth + 1)


def _storable_text_check(text: str) -> None:
    if "\x00" in text:
        raise EventInvalid("a text holds a NUL character.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise EventInvalid("a text holds a lone surrogate.") from None


def _storable_event_check(event: ParsedEvent) -> None:
    """The columns' limits, checked before the insert (a truncated event id would merge two events)."""
    if not event.event_id or len(event.event_id) > 200:
        raise EventInvalid("the event id is missing or longer than 200 characters.")
    if len(event.object_name) > 100 or len(event.merged_into) > 64:
        raise EventInvalid("the object name or the merged-into id is too long.")
    if len(event.record_ids) > MAX_RECORD_IDS or any(len(rid) > 64 for rid in event.record_ids):
        raise EventInvalid("too many record ids, or one longer than 64 characters.")
    storable_json_check(event.changed_fields)
    _storable_text_check(event.event_id + event.object_name + event.merged_into + "".join(event.record_ids))


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


def _from_millis(value) -> datetime | None:
    """Epoch milliseconds; None when absent, EventInvalid when not a representable time (10**400...)."""
    if value is None or value == "":
        return None
    try:
        return datetime.fromtimestamp(int(value) / 1000, tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        raise EventInvalid(f"{str(value)[:40]!r} is not a time in milliseconds.") from None


def _parse_time(value) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
