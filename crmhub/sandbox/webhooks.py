"""Webhooks from the sandbox to the hub for rep edits, merges and deletes, in each provider's wire format.

    emitter = WebhookEmitter(account, url="http://127.0.0.1:8000/webhooks/hubspot/<token>/",
                             secrets={"client_secret": ...}, drop_rate=0.2)
    account.webhooks = emitter       # from now on rep edits, deletes and merges are sent (or dropped)

HubSpot: a JSON array signed with v3 (and v1) headers. Pipedrive: v2 `meta`/`data`/`previous` with Basic
auth; a merge is a delete with `meta.merged_to_id` plus a change of the survivor. Salesforce: CDC-shaped
events relayed with `X-Relay-Secret` (the relay adds `MasterRecordId` to the delete of a merged record).
`drop_rate` loses that share of deliveries (deterministic per seed); `deliver` defaults to an HTTP POST.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import random
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import httpx

HUBSPOT_SINGULAR = {"contacts": "contact", "companies": "company", "deals": "deal"}
PIPEDRIVE_SINGULAR = {"contacts": "person", "companies": "organization", "deals": "deal"}
SALESFORCE_OBJECTS = {"contacts": "Contact", "companies": "Account", "deals": "Opportunity"}


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
        self.sent: list[dict] = []
        self.dropped: list[dict] = []
        self.statuses: list[int] = []

    # -- hooks called by the account ----------------------------------------------------------------

    def on_change(self, object_name: str, record, changes: dict, actor) -> None:
        """changes: {native field: (old, new)}"""
        if changes:
            self._emit(
                getattr(self, f"_{self.account.provider.name}_change")(object_name, record, changes, actor)
            )

    def on_delete(self, object_name: str, record, actor) -> None:
        self._emit(getattr(self, f"_{self.account.provider.name}_delete")(object_name, record, actor, None))

    def on_merge(self, object_name: str, loser, winner, actor) -> None:
        provider = self.account.provider.name
        self._emit(getattr(self, f"_{provider}_delete")(object_name, loser, actor, winner))

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

    # -- HubSpot ------------------------------------------------------------------------------------

    def _hubspot_base(self, object_name: str, kind: str, record_id, actor) -> dict:
        return {
            "eventId": self._event_id(),
            "subscriptionId": 1,
            "portalId": int(self.account.credentials.get("hub_id") or 0),
            "appId": int(self.account.credentials.get("app_id") or 0),
            "occurredAt": self.account.now_ms(),
            "subscriptionType": f"{HUBSPOT_SINGULAR[object_name]}.{kind}",
            "attemptNumber": 0,
            "objectId": int(record_id),
            "changeSource": "CRM_UI" if actor.kind == "rep" else "INTEGRATION",
            "sourceId": f"userId:{actor.user_id}",
        }

    def _hubspot_change(self, object_name, record, changes, actor) -> list:
        events = []
        for name, (_old, new) in changes.items():
            event = self._hubspot_base(object_name, "propertyChange", record.id, actor)
            event.update(propertyName=name, propertyValue="" if new is None else str(new))
            events.append(event)
        return [events]

    def _hubspot_delete(self, object_name, record, actor, winner) -> list:
        if winner is None:
            return [
                [{**self._hubspot_base(object_name, "deletion", record.id, actor), "changeFlag": "DELETED"}]
            ]
        event = self._hubspot_base(object_name, "merge", winner.id, actor)
        event.update(
            primaryObjectId=int(winner.id),
            mergedObjectIds=[int(record.id)],
            newObjectId=int(winner.id),
            numberOfPropertiesMoved=0,
        )
        return [[event]]

    # -- Pipedrive ----------------------------------------------------------------------------------

    def _pipedrive_meta(self, object_name: str, action: str, record_id, actor) -> dict:
        return {
            "action": action,
            "entity": PIPEDRIVE_SINGULAR[object_name],
            "entity_id": str(record_id),
            "id": str(uuid.UUID(int=self.rng.getrandbits(128))),
            "timestamp": _iso(self.account.now_ms()),
            "change_source": getattr(actor, "channel", "app") if actor.kind == "rep" else "api",
            "user_id": str(actor.user_id),
            "version": "2.0",
            "attempt": 1,
            "is_bulk_edit": False,
            "type": "general",
        }

    def _pipedrive_change(self, object_name, record, changes, actor) -> list:
        previous = {name: old for name, (old, _new) in changes.items()}
        data = {"id": int(record.id), **{name: new for name, (_old, new) in changes.items()}}
        return [
            {
                "meta": self._pipedrive_meta(object_name, "change", record.id, actor),
                "data": data,
                "previous": previous,
            }
        ]

    def _pipedrive_delete(self, object_name, record, actor, winner) -> list:
        meta = self._pipedrive_meta(object_name, "delete", record.id, actor)
        payloads = [{"meta": meta, "data": None, "previous": {"id": int(record.id), **record.values}}]
        if winner is not None:
            meta["merged_to_id"] = str(winner.id)
            change = self._pipedrive_meta(object_name, "change", winner.id, actor)
            payloads.append({"meta": change, "data": {"id": int(winner.id)}, "previous": {}})
        return payloads

    # -- Salesforce ---------------------------------------------------------------------------------

    def _salesforce_event(
        self, object_name: str, change_type: str, record_ids: list, actor, fields: list
    ) -> dict:
        return {
            "ChangeEventHeader": {
                "entityName": SALESFORCE_OBJECTS[object_name],
                "recordIds": [str(i) for i in record_ids],
                "changeType": change_type,
                "changeOrigin": ""
                if actor.kind == "rep"
                else f"com/salesforce/api/rest/67.0;client={actor.client}",
                "transactionKey": str(uuid.UUID(int=self.rng.getrandbits(128))),
                "sequenceNumber": 1,
                "commitTimestamp": self.account.now_ms(),
                "commitNumber": self._event_id(),
                "commitUser": str(actor.user_id),
                "changedFields": fields,
            }
        }

    def _salesforce_change(self, object_name, record, changes, actor) -> list:
        event = self._salesforce_event(
            object_name, "UPDATE", [record.id], actor, [*changes, "LastModifiedDate"]
        )
        event.update({name: new for name, (_old, new) in changes.items()})
        return [event]

    def _salesforce_delete(self, object_name, record, actor, winner) -> list:
        event = self._salesforce_event(object_name, "DELETE", [record.id], actor, [])
        if winner is None:
            return [event]
        event["MasterRecordId"] = winner.id
        return [
            event,
            self._salesforce_event(object_name, "UPDATE", [winner.id], actor, ["LastModifiedDate"]),
        ]


def _iso(millis: int) -> str:
    return datetime.fromtimestamp(millis / 1000, tz=UTC).isoformat().replace("+00:00", "Z")
