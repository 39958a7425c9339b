"""Pipedrive v2 webhooks: HTTP Basic auth; `meta` / `data` / `previous`; changes made through our own API
user are echoes. Every retry (3, 30 and 150 s) falls inside the endpoint's window, so an event stamped
outside it is a replay.

A change's values are put in the form a polling read gives them (`changes_normalise`): custom fields come
nested and typed, people's emails and phones as arrays, options as ids."""

from __future__ import annotations

import base64
import binascii
import hmac

from crmhub.connectors.base import FieldSchema
from crmhub.connectors.pipedrive.client import is_own_changelog_entry, read_value
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
    json_body,
)

SECRETS = {"username": "Basic auth user name", "password": "Basic auth password"}
OBJECTS = {"person": "persons", "organization": "organizations", "deal": "deals"}
ACTIONS = {"create": Action.CREATE, "change": Action.CHANGE, "delete": Action.DELETE}
# v2 webhooks carry a person's emails and phones as arrays; the catalog (personFields, the changelog) names the
# fields "email" and "phone" and holds their primary value.
ARRAY_FIELDS = {"emails": "email", "phones": "phone"}
BOOKKEEPING = {"update_time"}


def verify(request: WebhookRequest, context: WebhookContext) -> None:
    username, password = context.secrets.get("username"), context.secrets.get("password")
    if not username or not password:
        raise WebhookRejected("No Pipedrive Basic auth credentials are configured for this endpoint.", 403)
    scheme, _, encoded = (request.headers.get("Authorization") or "").partition(" ")
    if scheme.lower() != "basic":
        raise WebhookRejected("Basic authentication required.")
    try:
        given_user, _, given_password = (
            base64.b64decode(encoded.encode("ascii"), validate=True).decode().partition(":")
        )
    except (binascii.Error, UnicodeError):
        raise WebhookRejected("Malformed Basic credentials.") from None
    same_user = hmac.compare_digest(given_user.encode(), username.encode())
    same_password = hmac.compare_digest(given_password.encode(), password.encode())
    if not (same_user and same_password):
        raise WebhookRejected("Wrong Basic credentials.")


def parse(body: bytes, context: WebhookContext) -> list[ParsedEvent]:
    return each_event([json_body(body)], lambda raw: _event(raw, context))


def _event(raw: dict, context: WebhookContext) -> ParsedEvent:
    meta = raw.get("meta")
    if not isinstance(meta, dict) or not meta.get("id"):
        raise EventInvalid("Expected a Pipedrive v2 webhook with meta.id.")
    entity = str(meta.get("entity", ""))
    action = ACTIONS.get(meta.get("action"), Action.OTHER)
    from_api = meta.get("change_source") == "api"
    event = ParsedEvent(
        event_id=id_text(meta["id"], "meta.id"),
        event_type=f"{meta.get('action')}.{entity}",
        action=action,
        object_name=OBJECTS.get(entity, entity),
        record_ids=[id_text(meta["entity_id"], "meta.entity_id")]
        if meta.get("entity_id") is not None
        else [],
        payload=raw,
        occurred_at=_optional_time(meta.get("timestamp")),
        own_echo=is_own_changelog_entry(
            {"change_source": meta.get("change_source"), "actor_user_id": meta.get("user_id")},
            context.api_user_id() if from_api else None,
        ),
    )
    if action == Action.DELETE and meta.get("merged_to_id"):
        event.action = Action.MERGE
        event.merged_into = id_text(meta["merged_to_id"], "meta.merged_to_id")
    if action == Action.CHANGE:
        changes = _changes(raw.get("data") or {}, raw.get("previous") or {})
        schemas = context.field_schemas(event.object_name, list(changes)) if changes else {}
        event.changed_fields = changes_normalise(changes=changes, schemas=schemas)
    return event


def _optional_time(value):
    """The event's time; without one the event is left to the event-id de-duplication. A time that is not
    one rejects the event (EventInvalid): taken for none, it would slip past the replay window."""
    if value in (None, ""):
        return None
    return event_time(value)


def _changes(data: dict, previous: dict) -> dict[str, dict]:
    """{field: {old, new}} from `previous` (only what changed) and `data` (the record now); custom fields come
    nested under custom_fields with typed values."""
    changes = {}
    for name, old in previous.items():
        if name == "custom_fields" and isinstance(old, dict):
            current = data.get("custom_fields") or {}
            for key, old_value in old.items():
                changes[key] = {"old": _custom_value(old_value), "new": _custom_value(current.get(key))}
            continue
        if name in BOOKKEEPING:
            continue
        changes[ARRAY_FIELDS.get(name, name)] = {"old": old, "new": data.get(name)}
    return changes


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


def changes_normalise(*, changes: dict[str, dict], schemas: dict[str, FieldSchema]) -> dict[str, dict]:
    """Webhook values in the form a polling read gives them, through the connector's own `read_value`.

    v2 webhooks carry enum/set values as option ids; the poll maps ids to option labels with the field
    definitions. Labels win because they are what sales-ops see in Pipedrive and type as a rule's
    `equals` value, and what the catalog lists as a field's options; so the snapshot, the condition and
    the execution's old/new values agree whichever path sees a change first. The ids come from the
    catalog's field definitions (`provider_metadata.option_ids`, kept by schema sync); an id the catalog
    does not know yet stays as it came."""
    return {
        name: {side: read_value(value, schemas.get(name)) for side, value in change.items()}
        for name, change in changes.items()
    }


RECEIVERS = {"events": WebhookReceiver(verify=verify, parse=parse, rejects_stale_events=True)}
