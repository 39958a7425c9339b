"""Webhooks and change events from the sandbox to the hub, in each provider's wire format, for every change:
a rep's edit, another integration's API write, and the hub's own API writes (the real CRMs send those too, and
the hub has to recognise its own echoes).

    emitter = WebhookEmitter(account, url="http://127.0.0.1:8000/webhooks/hubspot/<token>/",
                             secrets={"client_secret": ...}, drop_rate=0.2)
    account.webhooks = emitter       # from now on every create, change, delete and merge is sent (or dropped)

HubSpot: JSON arrays of up to 100 events (one transaction's events together), signed with v3 (and v1)
headers; `changeSource` CRM_UI for reps, INTEGRATION (sourceId = the app id) for our app, API for others.
Pipedrive v2: one webhook per change with the full `meta`, `data` (the record, custom fields nested and typed)
and `previous` (only what changed; null on create; the last state on delete); Basic auth; a merge is a delete
with `meta.merged_to_id` plus a change of the survivor. Salesforce: Change Data Capture events relayed with
`X-Relay-Secret`: ChangeEventHeader with changeOrigin (the API client from Sforce-Call-Options), changedFields,
nulledFields, diffFields (long text sent as a unified diff), and one event with several recordIds when one
transaction makes the same change to several records. `drop_rate` loses that share of deliveries.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import hmac
import json
import random
import uuid
from collections.abc import Callable

import httpx

from .store import Change
from .wire import iso_z_ms

HUBSPOT_SINGULAR = {"contacts": "contact", "companies": "company", "deals": "deal", "tasks": "task"}
HUBSPOT_BATCH = 100  # events per delivery
PIPEDRIVE_SINGULAR = {"contacts": "person", "companies": "organization", "deals": "deal", "tasks": "activity"}
SALESFORCE_OBJECTS = {"contacts": "Contact", "companies": "Account", "deals": "Opportunity", "tasks": "Task"}
SALESFORCE_API = "com/salesforce/api/rest/67.0"
DIFF_MIN_LENGTH = 1000  # Salesforce sends long text as a diff only from 1,000 characters


def http_deliver(url: str, headers: dict, body: bytes) -> int:
    return httpx.post(url, content=body, headers=headers, timeout=10).status_code


class WebhookEmitter:
    def __init__(
        self,
        account,
        *,
        url: str,
        secrets: dict,
        deliver: Callable[[str, dict, bytes], int] = http_deliver,
        drop_rate: float = 0.0,
        seed: int = 0,
    ):
        self.account = account
        self.url = url
        self.secrets = secrets
        self.deliver = deliver
        self.drop_rate = drop_rate
        self.rng = random.Random(seed)  # noqa: S311 - fault injection, not crypto
        self.webhook_id = 100_000 + self.rng.randrange(900_000)
        self.sent: list = []
        self.dropped: list = []
        self.statuses: list[int] = []

    # -- hook called by the account -----------------------------------------------------------------

    def on_transaction(self, changes: list[Change]) -> None:
        """The changes one CRM transaction made, in order."""
        self._emit(getattr(self, f"_{self.account.provider.name}_payloads")(changes))

    # -- delivery -----------------------------------------------------------------------------------

    def _emit(self, payloads: list) -> None:
        for payload in payloads:
            if self.rng.random() < self.drop_rate:
                self.dropped.append(payload)
                continue
            body = json.dumps(payload).encode()
            self.statuses.append(self.deliver(self.url, self._headers(body), body))
            self.sent.append(payload)

    def _headers(self, body: bytes) -> dict:
        headers = {"Content-Type": "application/json"}
        provider = self.account.provider.name
        if provider == "hubspot":
            secret = self.secrets["client_secret"]
            timestamp = str(self.account.now_ms())
            source = f"POST{self.url}{body.decode()}{timestamp}"
            headers["X-HubSpot-Signature-v3"] = base64.b64encode(
                hmac.new(secret.encode(), source.encode(), hashlib.sha256).digest()
            ).decode()
            headers["X-HubSpot-Request-Timestamp"] = timestamp
            headers["X-HubSpot-Signature"] = hashlib.sha256(secret.encode() + body).hexdigest()
            headers["X-HubSpot-Signature-Version"] = "v1"
        elif provider == "pipedrive":
            pair = f"{self.secrets['username']}:{self.secrets['password']}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
        else:
            headers["X-Relay-Secret"] = self.secrets["shared_secret"]
        return headers

    def _event_id(self) -> int:
        return self.account.next_number("webhook_event")

    def _uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    # -- HubSpot ------------------------------------------------------------------------------------

    def _hubspot_payloads(self, changes: list[Change]) -> list:
        events = [event for change in changes for event in self._hubspot_events(change)]
        return [events[start : start + HUBSPOT_BATCH] for start in range(0, len(events), HUBSPOT_BATCH)]

    def _hubspot_events(self, change: Change) -> list:
        if change.kind == "create":
            return [{**self._hubspot_base(change, "creation", change.record.id), "changeFlag": "CREATED"}]
        if change.kind == "delete":
            return [{**self._hubspot_base(change, "deletion", change.record.id), "changeFlag": "DELETED"}]
        if change.kind == "merge":
            event = self._hubspot_base(change, "merge", change.winner.id)
            event.update(
                primaryObjectId=int(change.winner.id),
                mergedObjectIds=[int(change.record.id)],
                newObjectId=int(change.winner.id),
                numberOfPropertiesMoved=len(change.changes),
            )
            return [event]
        return [
            {
                **self._hubspot_base(change, "propertyChange", change.record.id),
                "propertyName": name,
                "propertyValue": "" if new is None else str(new),
            }
            for name, (_old, new) in change.changes.items()
        ]

    def _hubspot_base(self, change: Change, kind: str, record_id) -> dict:
        account, actor = self.account, change.actor
        if actor.kind == "integration":  # an app's write, ours or another app's: that app's id
            source, source_id = "INTEGRATION", str(actor.user_id)
        elif actor.kind == "api":
            source, source_id = "API", actor.client or "api"
        else:
            source = "IMPORT" if actor.kind == "import" else "CRM_UI"
            source_id = f"userId:{actor.user_id}"
        return {
            "eventId": self._event_id(),
            "subscriptionId": 1,
            "portalId": int(account.credentials.get("hub_id") or 0),
            "appId": int(account.credentials.get("app_id") or 0),
            "occurredAt": account.now_ms(),
            "subscriptionType": f"{HUBSPOT_SINGULAR[change.object_name]}.{kind}",
            "attemptNumber": 0,
            "objectId": int(record_id),
            "changeSource": source,
            "sourceId": source_id,
        }

    # -- Pipedrive ----------------------------------------------------------------------------------

    def _pipedrive_payloads(self, changes: list[Change]) -> list:
        payloads = []
        for change in changes:
            record, winner = change.record, change.winner
            if change.kind == "create":
                payloads.append(
                    self._pipedrive_webhook(change, "create", record, self._pd_data(change, record), None)
                )
            elif change.kind == "change":
                previous = self._pd_previous(change.object_name, change.changes)
                payloads.append(
                    self._pipedrive_webhook(change, "change", record, self._pd_data(change, record), previous)
                )
            else:
                last = self._pd_data(change, record)
                deleted = self._pipedrive_webhook(change, "delete", record, None, last)
                if winner is not None:
                    deleted["meta"]["merged_to_id"] = str(winner.sort_key)
                payloads.append(deleted)
                if winner is not None:
                    previous = self._pd_previous(change.object_name, change.changes)
                    survivor = self._pd_data(change, winner)
                    payloads.append(self._pipedrive_webhook(change, "change", winner, survivor, previous))
        return payloads

    def _pipedrive_webhook(self, change: Change, action: str, record, data, previous) -> dict:
        account, actor = self.account, change.actor
        users = [account.integration_user_id, *account.rep_user_ids]
        meta = {
            "action": action,
            "entity": PIPEDRIVE_SINGULAR[change.object_name],
            "company_id": str(account.company_id),
            "correlation_id": self._uuid(),
            "entity_id": str(record.sort_key),
            "id": self._uuid(),
            "is_bulk_edit": False,
            "timestamp": iso_z_ms(account.now_ms()),
            "type": "general",
            "user_id": str(actor.user_id),
            "version": "2.0",
            "webhook_id": str(self.webhook_id),
            "webhook_owner_id": str(account.integration_user_id),
            "change_source": "api" if actor.kind in ("integration", "api") else "app",
            "permitted_user_ids": [str(user) for user in users],
            "attempt": 1,
            "host": f"{account.name}.pipedrive.com",
        }
        return {"meta": meta, "data": data, "previous": previous}

    def _pd_data(self, change: Change, record) -> dict:
        """The record as v2 renders it, its custom fields typed as webhooks v2 carry them."""
        account = self.account
        data = account.provider.render(account, change.object_name, record)
        schema = account.schema[change.object_name]
        data["custom_fields"] = {
            key: typed_custom_value(schema[key], value)
            for key, value in data.get("custom_fields", {}).items()
        }
        return data

    def _pd_previous(self, object_name: str, changes: dict) -> dict:
        """Only the changed fields, with their old values; custom ones nested and typed."""
        schema = self.account.schema[object_name]
        previous: dict = {}
        for name, (old, _new) in changes.items():
            definition = schema.get(name)
            if definition is not None and definition.custom:
                previous.setdefault("custom_fields", {})[name] = typed_custom_value(definition, old)
            else:
                previous[name] = old
        return previous

    # -- Salesforce ---------------------------------------------------------------------------------

    def _salesforce_payloads(self, changes: list[Change]) -> list:
        """One change event per distinct change: the same update (or delete) of several records in one
        transaction is one event naming them all in recordIds."""
        transaction = str(uuid.UUID(int=self.rng.getrandbits(128)))
        events: list[dict] = []
        merged: dict[tuple, dict] = {}
        for change in changes:
            for event in self._salesforce_events(change):
                key = self._merge_key(change, event)
                if key is not None and key in merged:
                    merged[key]["ChangeEventHeader"]["recordIds"] += event["ChangeEventHeader"]["recordIds"]
                    continue
                if key is not None:
                    merged[key] = event
                events.append(event)
        for number, event in enumerate(events, start=1):
            event["ChangeEventHeader"].update(transactionKey=transaction, sequenceNumber=number)
        return events

    @staticmethod
    def _merge_key(change: Change, event: dict) -> tuple | None:
        header = event["ChangeEventHeader"]
        if header["changeType"] not in ("UPDATE", "DELETE") or "MasterRecordId" in event:
            return None
        body = {
            name: value
            for name, value in event.items()
            if name not in ("ChangeEventHeader", "LastModifiedDate")
        }
        return (
            header["entityName"],
            header["changeType"],
            header["changeOrigin"],
            header["commitUser"],
            json.dumps(body, sort_keys=True, default=str),
        )

    def _salesforce_events(self, change: Change) -> list:
        record = change.record
        if change.kind == "create":
            event = self._salesforce_event(change, "CREATE", record, [])
            event.update(self._sf_values(change.object_name, record.values))
            event.update(CreatedDate=iso_z_ms(record.created_ms), CreatedById=str(change.actor.user_id),
                         LastModifiedDate=iso_z_ms(record.modified_ms),
                         LastModifiedById=str(change.actor.user_id))  # fmt: skip
            return [event]
        if change.kind == "change":
            return [self._salesforce_update(change, record, change.changes)]
        deleted = self._salesforce_event(change, "DELETE", record, [])
        if change.kind == "delete":
            return [deleted]
        deleted["MasterRecordId"] = change.winner.id
        return [deleted, self._salesforce_update(change, change.winner, change.changes)]

    def _salesforce_update(self, change: Change, record, changes: dict) -> dict:
        schema = self.account.schema[change.object_name]
        event = self._salesforce_event(change, "UPDATE", record, [*changes, "LastModifiedDate"])
        header = event["ChangeEventHeader"]
        for name, (old, new) in changes.items():
            if new is None:
                header["nulledFields"].append(name)
                event[name] = None
                continue
            diff = long_text_diff(old, new) if schema[name].type == "textarea" else None
            if diff is not None:
                header["diffFields"].append(name)
                event[name] = {"diff": diff}
            else:
                event.update(self._sf_values(change.object_name, {name: new}))
        event["LastModifiedDate"] = iso_z_ms(record.modified_ms)
        return event

    def _salesforce_event(self, change: Change, change_type: str, record, fields: list) -> dict:
        actor = change.actor
        if actor.kind == "rep":
            origin = ""
        else:
            origin = f"{SALESFORCE_API};client={actor.client}" if actor.client else SALESFORCE_API
        return {
            "ChangeEventHeader": {
                "entityName": SALESFORCE_OBJECTS[change.object_name],
                "recordIds": [str(record.id)],
                "changeType": change_type,
                "changeOrigin": origin,
                "transactionKey": "",
                "sequenceNumber": 1,
                "commitTimestamp": self.account.now_ms(),
                "commitNumber": self._event_id(),
                "commitUser": str(actor.user_id),
                "changedFields": fields,
                "nulledFields": [],
                "diffFields": [],
            }
        }

    def _sf_values(self, object_name: str, values: dict) -> dict:
        """Field values as change events carry them (datetimes as ISO 8601 with Z)."""
        schema = self.account.schema[object_name]
        rendered = {}
        for name, value in values.items():
            definition = schema.get(name)
            if definition is not None and definition.type == "datetime" and isinstance(value, int):
                value = iso_z_ms(value)
            rendered[name] = value
        return rendered


def typed_custom_value(definition, value):
    """A custom field value as webhooks v2 carry it: {"type", "value"}, an option's {"type", "id"}, a set's
    {"type", "values": [{"id"}]}, a monetary value with its currency; null when empty."""
    if value is None:
        return None
    if definition.type == "enum":
        return {"type": "enum", "id": value}
    if definition.type == "set":
        items = value if isinstance(value, list) else [value]
        return {"type": "set", "values": [{"id": item} for item in items]}
    if definition.type == "monetary" and isinstance(value, dict):
        return {"type": "monetary", "value": value.get("value"), "currency": value.get("currency")}
    return {"type": definition.type, "value": value}


def long_text_diff(old, new) -> str | None:
    """Salesforce's diff of a long text value: "--- \\n+++ <sha256 of the new value>\\n" then unified diff
    hunks; None where Salesforce sends the whole value (short values, large changes, a diff no shorter)."""
    if not isinstance(old, str) or not isinstance(new, str) or len(new) < DIFF_MIN_LENGTH:
        return None
    if abs(len(new) - len(old)) > len(old) / 2:
        return None
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    hunks = list(difflib.unified_diff(old_lines, new_lines, n=0))[2:]
    changed = sum(1 for line in hunks if line[:1] in "+-" and not line.startswith(("+++", "---")))
    if changed > 0.25 * (len(old_lines) + len(new_lines)):
        return None
    diff = f"--- \n+++ {hashlib.sha256(new.encode()).hexdigest()}\n" + "".join(hunks)
    return diff if len(diff) < len(new) else None
