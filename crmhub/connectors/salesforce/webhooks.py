"""Salesforce webhooks, two channels:

- "events": Change Data Capture events (JSON) relayed to us with a shared secret (`X-Relay-Secret`);
- "outbound": Outbound Messages (SOAP, parsed with defusedxml: no DTD, no entities), authenticated by the
  endpoint's Outbound Messages secret (the `secret` query parameter of the URL configured in Salesforce, or
  `X-Outbound-Secret` from a relay) and the organisation id, answered with `SOAP_ACK`. Only bounded, parsed
  fields are stored.
"""

from __future__ import annotations

import hmac

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from crmhub.connectors.salesforce.client import CLIENT_TAG, same_user
from crmhub.connectors.webhooks import (
    SOAP_TYPES,
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

SECRETS = {
    "shared_secret": "Relay shared secret (X-Relay-Secret)",
    "organization_id": "Organisation id (Outbound Messages)",
    "outbound_secret": "Outbound Messages secret (the ?secret= of the endpoint URL in Salesforce)",
}
CHANGE_TYPES = {
    "CREATE": Action.CREATE,
    "UPDATE": Action.CHANGE,
    "UNDELETE": Action.CHANGE,
    "DELETE": Action.DELETE,
}
# Bookkeeping fields every change carries; not a change anyone made.
UNCHANGED_FIELDS = {"LastModifiedDate", "SystemModstamp", "LastModifiedById"}
# Outbound Messages: Salesforce sends at most 100 notifications; what is stored of each is bounded.
MAX_OUTBOUND_NOTIFICATIONS = 100
MAX_OUTBOUND_FIELDS = 300
MAX_OUTBOUND_VALUE_CHARS = 2000
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


# -- change events (relayed) ------------------------------------------------------------------------------


def relay_verify(request: WebhookRequest, context: WebhookContext) -> None:
    expected = context.secrets.get("shared_secret")
    if not expected:
        raise WebhookRejected("No relay secret is configured for this endpoint.", 403)
    presented = request.headers.get("X-Relay-Secret", "")
    if not presented or not hmac.compare_digest(presented.encode(), expected.encode()):
        raise WebhookRejected("Wrong or missing X-Relay-Secret.")


def cdc_parse(body: bytes, context: WebhookContext) -> list[ParsedEvent]:
    raw = json_body(body)
    events = raw.get("events") if isinstance(raw, dict) and "events" in raw else raw
    if isinstance(events, dict):
        events = [events]
    if not isinstance(events, list):
        raise WebhookRejected("Expected a change event or a list of them.", 400)
    integration_user = context.credentials.get("integration_user_id")
    return each_event(events, lambda event: _cdc_event(event, integration_user))


def _cdc_event(raw: dict, integration_user: str | None) -> ParsedEvent:
    header = raw.get("ChangeEventHeader") or {}
    if not (
        raw.get("replayId") or (header.get("transactionKey") and header.get("sequenceNumber") is not None)
    ):
        raise EventInvalid("Neither replayId nor ChangeEventHeader.transactionKey and sequenceNumber.")
    change_type = str(header.get("changeType", "")).removeprefix("GAP_")
    action = CHANGE_TYPES.get(change_type, Action.CHANGE)
    event_id = (
        id_text(raw["replayId"], "replayId")
        if raw.get("replayId")
        else f"{id_text(header['transactionKey'], 'transactionKey')}:{id_text(header['sequenceNumber'], 'sequenceNumber')}"
    )
    origin = str(header.get("changeOrigin") or "")
    event = ParsedEvent(
        event_id=event_id,
        event_type=f"{header.get('entityName')}ChangeEvent.{header.get('changeType')}",
        action=action,
        object_name=id_text(header.get("entityName", ""), "entityName"),
        record_ids=id_texts(header.get("recordIds") or [], "recordIds"),
        payload=raw,
        occurred_at=event_time(header.get("commitTimestamp")),
        own_echo=f"client={CLIENT_TAG}" in origin or same_user(header.get("commitUser"), integration_user),
    )
    if action == Action.DELETE and raw.get("MasterRecordId"):
        event.action = Action.MERGE
        event.merged_into = id_text(raw["MasterRecordId"], "MasterRecordId")
    if action == Action.CHANGE:
        # A long text sent as a diff (diffFields) has no new value in the event: the refresh reads it.
        ignored = UNCHANGED_FIELDS | set(header.get("diffFields") or [])
        nulled = set(header.get("nulledFields") or [])
        event.changed_fields = {
            name: {"new": None if name in nulled else raw.get(name)}
            for name in header.get("changedFields") or []
            if name not in ignored
        }
    return event


# -- Outbound Messages ------------------------------------------------------------------------------------


def outbound_verify(request: WebhookRequest, context: WebhookContext) -> None:
    """Salesforce signs nothing: besides the organisation id inside the message, the URL configured in
    Salesforce carries the endpoint's Outbound Messages secret as `?secret=` (a relay may send it as
    `X-Outbound-Secret`). The path token only finds the endpoint; it is not the secret."""
    expected = context.secrets.get("outbound_secret")
    if not expected or not context.secrets.get("organization_id"):
        raise WebhookRejected("No Outbound Messages secret and organisation id are configured.", 403)
    presented = request.headers.get("X-Outbound-Secret") or request.query.get("secret", "")
    if not presented or not hmac.compare_digest(presented.encode(), expected.encode()):
        raise WebhookRejected("Wrong or missing Outbound Messages secret.")


def outbound_parse(body: bytes, context: WebhookContext) -> list[ParsedEvent]:
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
    expected = context.secrets.get("organization_id", "")
    if not expected or not same_user(organisation, expected):
        raise WebhookRejected("Unknown organisation.", 403)
    notes = notifications.findall("om:Notification", SOAP_NS)
    if len(notes) > MAX_OUTBOUND_NOTIFICATIONS:
        raise WebhookRejected(f"More than {MAX_OUTBOUND_NOTIFICATIONS} notifications in one message.", 400)
    action_id = _soap_id(notifications, "om:ActionId", 18)
    return each_event(notes, lambda note: _outbound_event(note, organisation, action_id), json_objects=False)


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
        values[name] = None if child.text is None else child.text[:MAX_OUTBOUND_VALUE_CHARS]
        if len(child.text or "") > MAX_OUTBOUND_VALUE_CHARS:
            truncated.append(name)
    return ParsedEvent(
        event_id=f"om:{note_id}",
        event_type=f"outbound.{object_name}",
        action=Action.CHANGE,
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


def _soap_id(parent, path: str, limit: int) -> str:
    return (parent.findtext(path, "", SOAP_NS) or "").strip()[:limit]


RECEIVERS = {
    "events": WebhookReceiver(verify=relay_verify, parse=cdc_parse),
    "outbound": WebhookReceiver(verify=outbound_verify, parse=outbound_parse, content_types=SOAP_TYPES),
}
