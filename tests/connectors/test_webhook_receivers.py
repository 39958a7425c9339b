"""Each CRM's webhook receiver lives in its connector package behind one interface: `verify(request, context)`
and `parse(body, context)`, found by provider. These run without a database: a receiver needs nothing of the
hub but what its context hands it."""

import base64
import json
import time

import pytest

from crmhub.connectors.base import FieldSchema
from crmhub.connectors.hubspot.webhooks import signature_v3
from crmhub.connectors.webhooks import (
    JSON_TYPES,
    SOAP_TYPES,
    Action,
    WebhookContext,
    WebhookRejected,
    WebhookRequest,
    receiver_for,
    secret_names,
)


def request(body: bytes, headers: dict | None = None, query: dict | None = None) -> WebhookRequest:
    return WebhookRequest(
        method="POST",
        uri="https://hub.example/webhooks/x/",
        headers=headers or {},
        query=query or {},
        body=body,
    )


def test_every_provider_has_a_receiver_and_names_its_secrets():
    assert receiver_for("hubspot").content_types == JSON_TYPES
    assert receiver_for("pipedrive").rejects_stale_events
    assert receiver_for("salesforce", "outbound").content_types == SOAP_TYPES
    assert set(secret_names("salesforce")) == {"shared_secret", "organization_id", "outbound_secret"}
    assert secret_names("hubspot") == {"client_secret": "App client secret (signs v3 requests)"}


@pytest.mark.parametrize(("provider", "channel"), [("zoho", "events"), ("hubspot", "outbound")])
def test_an_unknown_provider_or_channel_is_refused(provider, channel):
    with pytest.raises(WebhookRejected) as caught:
        receiver_for(provider, channel)
    assert caught.value.status == 404


def test_hubspot_verifies_its_v3_signature_and_remembers_it_against_replays():
    remembered = []
    context = WebhookContext(
        secrets={"client_secret": "s3cret"},
        credentials={},
        max_age_seconds=300,
        remember_signature=remembered.append,
    )
    body = json.dumps([{"eventId": 7, "subscriptionType": "contact.creation", "objectId": 101}]).encode()
    stamp = str(int(time.time() * 1000))
    good = signature_v3("s3cret", "POST", "https://hub.example/webhooks/x/", body.decode(), stamp)
    receiver = receiver_for("hubspot")
    headers = {"X-HubSpot-Signature-v3": good, "X-HubSpot-Request-Timestamp": stamp}
    receiver.verify(request(body, headers), context)
    assert remembered == [good]
    forged = {**headers, "X-HubSpot-Signature-v3": base64.b64encode(b"x" * 32).decode()}
    with pytest.raises(WebhookRejected, match="does not match"):
        receiver.verify(request(body, forged), context)
    [event] = receiver.parse(body, context)
    assert (event.event_id, event.action, event.object_name, event.record_ids) == (
        "7",
        Action.CREATE,
        "contacts",
        ["101"],
    )


def test_pipedrive_names_option_ids_with_the_catalog_the_context_hands_it():
    asked = []

    def field_schemas(object_name, names):
        asked.append((object_name, sorted(names)))
        return {
            "stage": FieldSchema(
                name="stage",
                label="Stage",
                field_type="picklist",
                picklist_options=["Hot", "Cold"],
                provider_metadata={"option_ids": {"Hot": 11, "Cold": 12}},
            )
        }

    context = WebhookContext(secrets={}, credentials={}, max_age_seconds=300, field_schemas=field_schemas)
    body = json.dumps(
        {
            "meta": {
                "id": "e1",
                "action": "change",
                "entity": "person",
                "entity_id": 5,
                "change_source": "app",
            },
            "data": {
                "custom_fields": {"stage": {"type": "enum", "id": 12}},
                "emails": [{"value": "a@b.example"}],
            },
            "previous": {"custom_fields": {"stage": {"type": "enum", "id": 11}}, "emails": []},
        }
    ).encode()
    [event] = receiver_for("pipedrive").parse(body, context)
    assert asked == [("persons", ["email", "stage"])]
    assert event.changed_fields["stage"] == {"old": "Hot", "new": "Cold"}
    assert event.changed_fields["email"] == {"old": [], "new": "a@b.example"}


def test_pipedrive_refuses_wrong_basic_credentials():
    context = WebhookContext(
        secrets={"username": "hub", "password": "pw"}, credentials={}, max_age_seconds=300
    )
    receiver = receiver_for("pipedrive")
    good = "Basic " + base64.b64encode(b"hub:pw").decode()
    receiver.verify(request(b"{}", {"Authorization": good}), context)
    with pytest.raises(WebhookRejected, match="Wrong Basic"):
        receiver.verify(
            request(b"{}", {"Authorization": "Basic " + base64.b64encode(b"hub:no").decode()}), context
        )


def test_salesforce_outbound_takes_the_secret_from_the_query_and_a_cdc_event_with_a_bad_time_is_rejected_alone():
    context = WebhookContext(
        secrets={"outbound_secret": "om", "organization_id": "00D000000000001", "shared_secret": "relay"},
        credentials={},
        max_age_seconds=300,
    )
    receiver_for("salesforce", "outbound").verify(request(b"", query={"secret": "om"}), context)
    with pytest.raises(WebhookRejected):
        receiver_for("salesforce", "outbound").verify(request(b"", query={"secret": "nope"}), context)
    header = {
        "entityName": "Contact",
        "changeType": "UPDATE",
        "recordIds": ["003A"],
        "changedFields": ["Title"],
    }
    good = {"replayId": 1, "ChangeEventHeader": {**header, "commitTimestamp": 1767225600000}, "Title": "CFO"}
    bad = {"replayId": 2, "ChangeEventHeader": {**header, "commitTimestamp": 10**17}, "Title": "CEO"}
    first, second = receiver_for("salesforce").parse(json.dumps([good, bad]).encode(), context)
    assert first.changed_fields == {"Title": {"new": "CFO"}} and first.occurred_at.year == 2026
    assert "is not a time" in second.rejected_reason
