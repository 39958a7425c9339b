"""Inbound webhooks, the part every CRM shares: what a receiver is, what it turns a delivery into, and the checks
that decide whether one event of a delivery can be stored.

Each CRM's package holds its own receiver in `crmhub/connectors/<crm>/webhooks.py`: a `verify(request,
context)` that authenticates the delivery (raising `WebhookRejected`) and a `parse(body, context)` that turns
it into `ParsedEvent`s, one rejected alone when it cannot be stored. `receiver_for(provider, channel)` finds
it. Storage and processing are the sync app's (`crmhub/sync/webhooks.py`); nothing here touches a model, so
what a receiver needs from the hub (the endpoint's secrets, the catalog's field definitions, the signatures
already seen) comes in a `WebhookContext`.
"""

from __future__ import annotations

import importlib
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from crmhub.connectors.base import FieldSchema
from crmhub.core.timestamps import parse_timestamp

MAX_JSON_DEPTH = 32
MAX_JSON_INTEGER = 2**63
MAX_RECORD_IDS = 5000
JSON_TYPES = ("application/json",)
SOAP_TYPES = ("text/xml", "application/xml", "application/soap+xml")

# What a shape the builders do not expect raises; it rejects that event, never the delivery.
MALFORMED_SHAPE = (TypeError, ValueError, AttributeError, KeyError, IndexError, OverflowError)


class Action:
    """What happened to the records an event names (the values of the sync app's WebhookAction)."""

    CREATE = "create"
    CHANGE = "change"
    DELETE = "delete"
    MERGE = "merge"
    OTHER = "other"


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


@dataclass(frozen=True)
class WebhookRequest:
    """What a receiver may read of an HTTP delivery (`headers` look-ups are case-insensitive)."""

    method: str
    uri: str
    headers: Mapping[str, str]
    query: Mapping[str, str]
    body: bytes


def _nothing_remembered(signature: str) -> None:
    return None


def _no_catalog(object_name: str, names: list[str]) -> dict[str, FieldSchema]:
    return {}


def _no_api_user() -> Any:
    return None


@dataclass
class WebhookContext:
    """What the hub knows about the endpoint a delivery came to.

    `remember_signature` raises `WebhookRejected` for a signature accepted before (a replay);
    `field_schemas(object_name, names)` gives the catalog's definitions of those fields;
    `api_user_id()` is the CRM user our API calls act as (looked up only when an event needs it)."""

    secrets: dict[str, str]
    credentials: dict[str, Any]
    max_age_seconds: int
    remember_signature: Callable[[str], None] = _nothing_remembered
    field_schemas: Callable[[str, list[str]], dict[str, FieldSchema]] = _no_catalog
    api_user_id: Callable[[], Any] = _no_api_user


@dataclass(frozen=True)
class WebhookReceiver:
    """One way a CRM delivers events: how it is authenticated, parsed, and which body types it sends."""

    verify: Callable[[WebhookRequest, WebhookContext], None]
    parse: Callable[[bytes, WebhookContext], list[ParsedEvent]]
    content_types: tuple[str, ...] = JSON_TYPES
    # Every retry of this CRM falls inside the endpoint's window, so an event stamped outside it is a replay.
    rejects_stale_events: bool = False


RECEIVER_MODULES = {
    "hubspot": "crmhub.connectors.hubspot.webhooks",
    "pipedrive": "crmhub.connectors.pipedrive.webhooks",
    "salesforce": "crmhub.connectors.salesforce.webhooks",
}


def _module(provider: str):
    try:
        return importlib.import_module(RECEIVER_MODULES[provider])
    except KeyError:
        raise WebhookRejected(f"No webhook receiver for provider {provider!r}.", 404) from None


def receiver_for(provider: str, channel: str = "events") -> WebhookReceiver:
    """The receiver of `provider` for `channel` ("events"; Salesforce also has "outbound" messages)."""
    receivers = _module(provider).RECEIVERS
    try:
        return receivers[channel]
    except KeyError:
        raise WebhookRejected(f"{provider} has no {channel!r} webhooks.", 404) from None


def secret_names(provider: str) -> dict[str, str]:
    """{secret name: what it is} that an endpoint of `provider` stores."""
    return dict(_module(provider).SECRETS) if provider in RECEIVER_MODULES else {}


# -- building events --------------------------------------------------------------------------------------


def json_body(body: bytes):
    try:
        return json.loads(body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise WebhookRejected("Body is not JSON.", 400) from None
    except RecursionError:
        raise WebhookRejected(f"Body is nested deeper than {MAX_JSON_DEPTH} levels.", 400) from None


def each_event(raws: list, build, *, json_objects: bool = True) -> list[ParsedEvent]:
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
        action=Action.OTHER,
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
    if not all(rid.strip() for rid in event.record_ids):
        raise EventInvalid("a record id is empty.")
    storable_json_check(event.changed_fields)
    _storable_text_check(event.event_id + event.object_name + event.merged_into + "".join(event.record_ids))


def id_text(value, what: str) -> str:
    """An id as the CRM sends it (a text or an integer) as text; anything else (an object, a list, a
    boolean) rejects the event: stringified, it would name a record or an event that does not exist."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise EventInvalid(f"{what} is not an id.")
    return str(value)


def id_texts(values, what: str) -> list[str]:
    """A list of ids (`id_text` each); a single text is not taken for a list of its characters."""
    if not isinstance(values, list):
        raise EventInvalid(f"{what} is not a list of ids.")
    return [id_text(value, what) for value in values]


def event_time(value) -> datetime | None:
    """An event's time (epoch milliseconds or an ISO text); None when absent, EventInvalid when not a time
    (10**400, an unknown format): the event is rejected with its reason rather than stored without it."""
    try:
        return parse_timestamp(value)
    except ValueError:
        raise EventInvalid(f"{str(value)[:40]!r} is not a time.") from None
