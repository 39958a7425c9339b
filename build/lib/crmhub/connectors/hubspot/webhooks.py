"""HubSpot webhooks: signature v3 (HMAC-SHA256 over method + URI + body + timestamp, base64) within the
endpoint's window, a signature seen before is a replay; the body is a JSON array of events."""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import unquote

from crmhub.connectors.hubspot.client import is_own_history_entry
from crmhub.connectors.webhooks import (
    Action,
    EventInvalid,
    ParsedEvent,
    WebhookContext,
    WebhookReceiver,
    WebhookRejected,
    WebhookRequest,
    each_event,
    event_time,
    json_body,
)
from crmhub.core import clock

SECRETS = {"client_secret": "App client secret (signs v3 requests)"}
OBJECTS = {"contact": "contacts", "company": "companies", "deal": "deals"}
# HubSpot asks for these escapes to be decoded in the URI before hashing.
DECODED_ESCAPES = ("%3A", "%2F", "%3F", "%40", "%21", "%24", "%27", "%28", "%29", "%2A", "%2C", "%3B")
SIGNATURE_HEADER = "X-HubSpot-Signature-v3"
TIMESTAMP_HEADER = "X-HubSpot-Request-Timestamp"


def signature_v3(secret: str, method: str, uri: str, body: str, timestamp: str) -> str:
    source = f"{method.upper()}{signed_uri(uri)}{body}{timestamp}"
    digest = hmac.new(secret.encode(), source.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def signed_uri(uri: str) -> str:
    for escape in DECODED_ESCAPES:
        uri = uri.replace(escape, unquote(escape)).replace(escape.lower(), unquote(escape))
    return uri


def verify(request: WebhookRequest, context: WebhookContext) -> None:
    secret = context.secrets.get("client_secret")
    if not secret:
        raise WebhookRejected("No HubSpot client secret is configured for this endpoint.", 403)
    signature = request.headers.get(SIGNATURE_HEADER, "")
    timestamp = request.headers.get(TIMESTAMP_HEADER, "")
    if not signature or not timestamp:
        raise WebhookRejected(f"Missing {SIGNATURE_HEADER} or {TIMESTAMP_HEADER}.")
    age_ms = clock.now().timestamp() * 1000 - _header_millis(timestamp)
    if abs(age_ms) > context.max_age_seconds * 1000:
        raise WebhookRejected(f"Stale request: signed {age_ms / 1000:.0f}s ago.")
    if not _is_base64_text(signature):
        raise WebhookRejected(f"Malformed {SIGNATURE_HEADER}.")
    body = request.body.decode("utf-8", "replace")
    expected = signature_v3(secret, request.method, request.uri, body, timestamp)
    if not hmac.compare_digest(expected.encode(), signature.encode()):
        raise WebhookRejected("Signature does not match.")
    context.remember_signature(signature)


def _header_millis(timestamp: str) -> int:
    """Epoch milliseconds as ASCII digits (int() would also take other scripts' digits and any length)."""
    if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 15):
        raise WebhookRejected(f"Malformed {TIMESTAMP_HEADER}.")
    return int(timestamp)


def _is_base64_text(value: str) -> bool:
    return value.isascii() and len(value) <= 128 and all(c.isalnum() or c in "+/=" for c in value)


def parse(body: bytes, context: WebhookContext) -> list[ParsedEvent]:
    events = json_body(body)
    if isinstance(events, dict):
        events = [events]
    if not isinstance(events, list):
        raise WebhookRejected("Expected a JSON array of events.", 400)
    app_id = context.credentials.get("app_id")
    return each_event(events, lambda raw: _event(raw, app_id))


def _event(raw: dict, app_id) -> ParsedEvent:
    if raw.get("eventId") in (None, ""):
        raise EventInvalid("eventId is missing.")
    subscription = str(raw.get("subscriptionType", ""))
    prefix, _, kind = subscription.partition(".")
    object_name = OBJECTS.get(prefix, raw.get("objectTypeId") or prefix)
    event = ParsedEvent(
        event_id=str(raw.get("eventId")),
        event_type=subscription,
        action=Action.OTHER,
        object_name=str(object_name),
        record_ids=[str(raw.get("objectId"))] if raw.get("objectId") is not None else [],
        payload=raw,
        occurred_at=event_time(raw.get("occurredAt")),
        own_echo=is_own_history_entry(
            {"sourceType": raw.get("changeSource"), "sourceId": _source_app(raw.get("sourceId"))}, app_id
        ),
    )
    if kind == "creation":
        event.action = Action.CREATE
    elif kind in ("propertyChange", "restore"):
        event.action = Action.CHANGE
        if raw.get("propertyName"):
            event.changed_fields = {raw["propertyName"]: {"new": raw.get("propertyValue")}}
    elif kind in ("deletion", "privacyDeletion"):
        event.action = Action.DELETE
    elif kind == "merge":
        event.action = Action.MERGE
        event.record_ids = [str(i) for i in raw.get("mergedObjectIds") or []]
        event.merged_into = str(raw.get("primaryObjectId") or raw.get("newObjectId") or "")
    return event


def _source_app(source_id) -> str:
    text = str(source_id or "")
    return text.split(":", 1)[1] if text.startswith("appId:") else text


RECEIVERS = {"events": WebhookReceiver(verify=verify, parse=parse)}
