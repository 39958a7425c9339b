"""HubSpot webhooks: signature v3 (HMAC-SHA256 over method + URI + body + timestamp, base64) within the
endpoint's window, a signature seen before is a replay; the body is a JSON array of events."""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import unquote

from crmhub.connectors.hubspot.client import OWN_SOURCE_TYPES, is_own_history_entry
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
    id_text,
    id_texts,
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
    app = _OurApp(context)
    return each_event(events, lambda raw: _event(raw, app))


class _OurApp:
    """Our app id, asked for (of the credentials, or of HubSpot once) only when an app's change needs it."""

    def __init__(self, context: WebhookContext):
        self.context = context
        self.known = False
        self.app_id = None

    def owns(self, raw: dict) -> bool:
        if raw.get("changeSource") not in OWN_SOURCE_TYPES:
            return False
        if not self.known:
            self.app_id = self.context.credentials.get("app_id") or self.context.api_user_id()
            self.known = True
        return is_own_history_entry(
            {"sourceType": raw.get("changeSource"), "sourceId": raw.get("sourceId")}, self.app_id
        )


def _event(raw: dict, app: _OurApp) -> ParsedEvent:
    if raw.get("eventId") in (None, ""):
        raise EventInvalid("eventId is missing.")
    subscription = raw.get("subscriptionType", "")
    if not isinstance(subscription, str):
        raise EventInvalid("subscriptionType is not a text.")
    prefix, _, kind = subscription.partition(".")
    object_name = OBJECTS.get(prefix) or id_text(raw.get("objectTypeId") or prefix, "objectTypeId")
    event = ParsedEvent(
        event_id=id_text(raw.get("eventId"), "eventId"),
        event_type=subscription,
        action=Action.OTHER,
        object_name=object_name,
        record_ids=[id_text(raw["objectId"], "objectId")] if raw.get("objectId") is not None else [],
        payload=raw,
        occurred_at=event_time(raw.get("occurredAt")),
        own_echo=app.owns(raw),
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
        event.record_ids = id_texts(raw.get("mergedObjectIds") or [], "mergedObjectIds")
        survivor = raw.get("primaryObjectId") or raw.get("newObjectId")
        event.merged_into = id_text(survivor, "primaryObjectId") if survivor else ""
    return event


RECEIVERS = {"events": WebhookReceiver(verify=verify, parse=parse)}
