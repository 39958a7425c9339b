"""Forged, replayed, stale and malformed deliveries to each provider's receiver: always a 4xx, never a 500,
and the valid events of a delivery are stored whatever their neighbours hold."""

import base64
import json
import time

import pytest

from crmhub.connectors.hubspot.webhooks import signature_v3 as hubspot_signature_v3
from crmhub.models import CrmConnection
from crmhub.sync.models import WebhookEndpoint, WebhookEvent, WebhookRejection
from crmhub.sync.webhooks import webhook_receipts_purge
from tests.sync.conftest import CLIENT_SECRET


@pytest.fixture
def world(shared_world):
    """The sync tests' world, its rows written once for this module (see tests/sync/conftest.py)."""
    return shared_world


@pytest.fixture
def strict_client(client):
    client.raise_request_exception = False  # a 500 shows as a status, not as the exception
    return client


def hubspot_post(
    client, world, body: str, *, secret=CLIENT_SECRET, headers=None, content_type="application/json"
):
    path = f"/webhooks/hubspot/{world.endpoint.token}/"
    timestamp = str(int(world.sandbox.clock.now().timestamp() * 1000))
    signature = hubspot_signature_v3(secret, "POST", f"http://testserver{path}", body, timestamp)
    sent = {"X-HubSpot-Signature-v3": signature, "X-HubSpot-Request-Timestamp": timestamp, **(headers or {})}
    return client.post(path, data=body, content_type=content_type, headers=sent)


def hs_event(event_id, value="Zed", **extra):
    return {
        "eventId": event_id,
        "subscriptionType": "contact.propertyChange",
        "objectId": 101,
        "propertyName": "firstname",
        "propertyValue": value,
        "changeSource": "CRM_UI",
        "occurredAt": 1_700_000_000_000,
        **extra,
    }


def stored_ids():
    return set(WebhookEvent.objects.values_list("event_id", flat=True))


# -- HubSpot: one poisoned event never costs its neighbours ------------------------------------------------


POISONS = {
    "nul byte": '{"propertyValue": "Ze\\u0000d"}',
    "lone surrogate": '{"propertyValue": "\\ud800"}',
    "timestamp 10**400": '{"occurredAt": 1' + "0" * 400 + "}",
    "infinite timestamp": '{"occurredAt": 1e400}',
    "NaN": '{"propertyValue": NaN}',
    "huge integer": '{"objectId": 1' + "0" * 30 + "}",
    "merged ids not a list": '{"subscriptionType": "contact.merge", "mergedObjectIds": 5}',
    "no event id": '{"eventId": null}',
    "object type too long": '{"subscriptionType": "x.creation", "objectTypeId": "' + "o" * 150 + '"}',
    "nested 40 deep": '{"extra": ' + "[" * 40 + "]" * 40 + "}",
    # Ids of the wrong shape: stringified, they would name events and records that do not exist.
    "event id an object": '{"eventId": {"a": 1}}',
    "object id a list": '{"objectId": [1, 2]}',
    "object id a boolean": '{"objectId": true}',
    "subscription type an object": '{"subscriptionType": {"x": 1}}',
    "merged ids a text": '{"subscriptionType": "contact.merge", "mergedObjectIds": "12345"}',
    "merge survivor an object": '{"subscriptionType": "contact.merge", "mergedObjectIds": [5], "primaryObjectId": {"b": 2}}',
}


@pytest.mark.parametrize("poison", POISONS.values(), ids=list(POISONS))
def test_hubspot_batch_stores_every_valid_event_around_a_poisoned_one(strict_client, world, poison):
    # The poison is raw JSON text (json.dumps would escape or refuse it); a repeated key wins in JSON.
    poisoned = json.dumps(hs_event(2))[:-1] + ", " + poison[1:]
    body = f"[{json.dumps(hs_event(1))}, {poisoned}, {json.dumps(hs_event(3))}]"
    response = hubspot_post(strict_client, world, body)
    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["stored"] == 2 and answer["rejected"] == 1
    assert "Event 2 of the delivery" in answer["reasons"][0]
    assert stored_ids() == {"1", "3"}
    assert WebhookRejection.objects.filter(status_code=422).count() == 1


def test_hubspot_delivery_where_nothing_is_usable_is_a_400(strict_client, world):
    body = json.dumps([hs_event(1, value="a\u0000"), "not an object"])
    response = hubspot_post(strict_client, world, body)
    assert response.status_code == 400
    assert response.json()["rejected"] == 2 and not stored_ids()


def test_hubspot_100000_deep_json_is_a_400_when_signed_and_a_401_when_not(strict_client, world):
    deep = "[" * 100_000 + "]" * 100_000
    signed = hubspot_post(strict_client, world, deep)
    assert signed.status_code == 400 and "deeper" in signed.json()["error"]
    path = f"/webhooks/hubspot/{world.endpoint.token}/"
    unsigned = strict_client.post(path, data=deep, content_type="application/json")
    assert unsigned.status_code == 401


@pytest.mark.parametrize(
    "headers",
    [
        {"X-HubSpot-Signature-v3": "é" * 44},
        {"X-HubSpot-Signature-v3": "\u00ff\u00fe garbage"},
        {"X-HubSpot-Signature-v3": "A" * 5000},
        {"X-HubSpot-Request-Timestamp": "1" + "0" * 400},
        {"X-HubSpot-Request-Timestamp": "\u0661\u0667" + "\u0660" * 11},
        {"X-HubSpot-Request-Timestamp": "-5"},
        {"X-HubSpot-Request-Timestamp": "1e400"},
    ],
    ids=["non-ascii", "latin-1 garbage", "oversized", "10**400", "arabic digits", "negative", "float"],
)
def test_hubspot_garbage_signature_headers_are_unauthenticated_not_errors(strict_client, world, headers):
    response = hubspot_post(strict_client, world, json.dumps([hs_event(1)]), headers=headers)
    assert response.status_code == 401
    assert not stored_ids()


def test_hubspot_forged_replayed_and_stale_deliveries_are_refused(strict_client, world):
    body = json.dumps([hs_event(1)])
    path = f"/webhooks/hubspot/{world.endpoint.token}/"
    assert hubspot_post(strict_client, world, body, secret="guessed").status_code == 401
    valid = hubspot_post(strict_client, world, body)
    assert valid.status_code == 200
    timestamp = str(int(world.sandbox.clock.now().timestamp() * 1000))
    signature = hubspot_signature_v3(CLIENT_SECRET, "POST", f"http://testserver{path}", body, timestamp)
    headers = {"X-HubSpot-Signature-v3": signature, "X-HubSpot-Request-Timestamp": timestamp}
    replay = strict_client.post(path, data=body, content_type="application/json", headers=headers)
    assert replay.status_code == 401 and "Replayed" in replay.json()["error"]
    world.advance(world.endpoint.max_age_seconds + 1)  # the same signed request, after the window
    late = strict_client.post(path, data=body, content_type="application/json", headers=headers)
    assert late.status_code == 401 and "Stale" in late.json()["error"]
    assert WebhookEvent.objects.count() == 1


def test_a_signature_is_remembered_as_long_as_a_wide_window_keeps_it_valid(strict_client, world):
    """An admin may widen the window past the hour the purge used to keep signatures for: the same signed
    delivery sent again 90 minutes later, inside a 2-hour window and after a purge, is still a replay."""
    world.endpoint.max_age_seconds = 7200
    world.endpoint.save()
    path = f"/webhooks/hubspot/{world.endpoint.token}/"
    body = json.dumps([hs_event(1)])
    timestamp = str(int(world.sandbox.clock.now().timestamp() * 1000))
    signed = {
        "X-HubSpot-Signature-v3": hubspot_signature_v3(
            CLIENT_SECRET, "POST", f"http://testserver{path}", body, timestamp
        ),
        "X-HubSpot-Request-Timestamp": timestamp,
    }

    def send():
        return strict_client.post(path, data=body, content_type="application/json", headers=signed)

    assert send().status_code == 200
    world.sandbox.clock.advance(seconds=90 * 60)
    webhook_receipts_purge()
    replayed = send()
    assert replayed.status_code == 401 and "Replayed" in replayed.json()["error"]
    world.sandbox.clock.advance(seconds=4 * 3600)
    assert webhook_receipts_purge() == 1


def test_wrong_content_type_is_a_415(strict_client, world):
    response = hubspot_post(strict_client, world, json.dumps([hs_event(1)]), content_type="text/plain")
    assert response.status_code == 415 and not stored_ids()


def test_oversized_body_is_a_413_before_it_is_read(strict_client, world, settings):
    settings.WEBHOOK_MAX_BODY_BYTES = 10_000
    body = json.dumps([hs_event(i, value="x" * 100) for i in range(200)])
    response = hubspot_post(strict_client, world, body)
    assert response.status_code == 413 and not stored_ids()


# -- Pipedrive --------------------------------------------------------------------------------------------


@pytest.fixture
def pipedrive(db):
    connection = CrmConnection.objects.create(
        name="acme-pipedrive",
        provider="pipedrive",
        base_url="https://acme.pipedrive.com",
        credentials={"api_token": "x", "api_user_id": 11},
    )
    return WebhookEndpoint.objects.create(
        connection=connection, secrets={"username": "hub", "password": "s3cret"}
    )


def pipedrive_post(client, endpoint, payload, *, auth=None, raw=None):
    auth = auth or "Basic " + base64.b64encode(b"hub:s3cret").decode()
    body = raw if raw is not None else json.dumps(payload)
    return client.post(
        f"/webhooks/pipedrive/{endpoint.token}/",
        data=body,
        content_type="application/json",
        headers={"Authorization": auth},
    )


def pd_payload(event_id, *, timestamp=None, **data):
    meta = {"id": event_id, "action": "change", "entity": "person", "entity_id": "7", "version": "2.0"}
    if timestamp is not None:
        meta["timestamp"] = timestamp
    return {"meta": meta, "data": {"id": 7, "name": "A", **data}, "previous": {"name": "B"}}


@pytest.mark.parametrize(
    "auth",
    ["Basic " + base64.b64encode(b"hub:wrong").decode(), "Basic ééé", "Basic !!!", "Bearer x", ""],
    ids=["wrong password", "non-ascii", "bad base64", "other scheme", "none"],
)
def test_pipedrive_forged_credentials_are_401(strict_client, pipedrive, auth):
    response = strict_client.post(
        f"/webhooks/pipedrive/{pipedrive.token}/",
        data=json.dumps(pd_payload("e1")),
        content_type="application/json",
        headers={"Authorization": auth} if auth else {},
    )
    assert response.status_code == 401 and not stored_ids()


def test_pipedrive_stale_and_replayed_events_are_refused(strict_client, pipedrive):
    now = time.time()
    fresh = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))
    stale = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now - pipedrive.max_age_seconds - 60))
    old = pipedrive_post(strict_client, pipedrive, pd_payload("e-old", timestamp=stale))
    assert old.status_code == 400 and "Stale" in old.json()["reasons"][0]
    assert pipedrive_post(strict_client, pipedrive, pd_payload("e1", timestamp=fresh)).json()["stored"] == 1
    replayed = pipedrive_post(strict_client, pipedrive, pd_payload("e1", timestamp=fresh))
    assert replayed.status_code == 200 and replayed.json() == {"stored": 0, "duplicates": 1, "ignored": 0}
    assert stored_ids() == {"e1"}


@pytest.mark.parametrize(
    "raw",
    [
        json.dumps(pd_payload("e1", note="a\u0000b")),
        json.dumps({**pd_payload("e1"), "previous": ["name"]}),
        json.dumps({"meta": "x"}),
        json.dumps(pd_payload("e1")).replace('"A"', '"\\udc00"'),
        "[" * 100_000 + "]" * 100_000,
        "{not json",
        json.dumps(pd_payload({"k": 1})),
        json.dumps({**pd_payload("e1"), "meta": {**pd_payload("e1")["meta"], "entity_id": [7]}}),
        json.dumps(pd_payload("e1", timestamp="not a time")),
    ],
    ids=[
        "nul",
        "previous as a list",
        "meta as text",
        "lone surrogate",
        "deep",
        "not json",
        "id an object",
        "entity id a list",
        "timestamp not a time",  # taken for no time, it slipped past the replay window
    ],
)
def test_pipedrive_malformed_deliveries_are_4xx(strict_client, pipedrive, raw):
    response = pipedrive_post(strict_client, pipedrive, None, raw=raw)
    assert response.status_code == 400, response.content
    assert not stored_ids()


# -- Salesforce: the CDC relay ----------------------------------------------------------------------------


@pytest.fixture
def salesforce(db):
    connection = CrmConnection.objects.create(
        name="acme-sf",
        provider="salesforce",
        base_url="https://acme.my.salesforce.com",
        credentials={"integration_user_id": "005000000000001AAA"},
    )
    return WebhookEndpoint.objects.create(
        connection=connection,
        secrets={
            "shared_secret": "relay",
            "organization_id": "00D000000000001AAA",
            "outbound_secret": "om-key",
        },
    )


def cdc(key, title="CEO", **header):
    return {
        "ChangeEventHeader": {
            "entityName": "Contact",
            "recordIds": ["003000000000001AAA"],
            "changeType": "UPDATE",
            "transactionKey": key,
            "sequenceNumber": 1,
            "commitTimestamp": 1767600720000,
            "commitUser": "005000000000009AAA",
            "changedFields": ["Title"],
            **header,
        },
        "Title": title,
    }


def cdc_post(client, endpoint, body, secret="relay"):
    headers = {"X-Relay-Secret": secret} if secret is not None else {}
    return client.post(
        f"/webhooks/salesforce/{endpoint.token}/", data=body, content_type="application/json", headers=headers
    )


def test_salesforce_relay_refuses_forged_secrets(strict_client, salesforce):
    body = json.dumps([cdc("t1")])
    assert cdc_post(strict_client, salesforce, body, secret=None).status_code == 401
    assert cdc_post(strict_client, salesforce, body, secret="relay2").status_code == 401
    assert cdc_post(strict_client, salesforce, body, secret="rélay").status_code == 401
    assert not stored_ids()
    assert cdc_post(strict_client, salesforce, body).json()["stored"] == 1
    assert cdc_post(strict_client, salesforce, body).json()["duplicates"] == 1  # a replay stores nothing


def test_salesforce_relay_batch_keeps_the_good_events(strict_client, salesforce):
    events = [
        cdc("t1"),
        cdc("t2", title="C\u0000EO"),
        {"ChangeEventHeader": "not an object"},
        cdc(None, sequenceNumber=None),
        cdc("t5", commitTimestamp=10**400),
        cdc("t6", recordIds=["x" * 200]),
        cdc("t7"),
    ]
    response = cdc_post(strict_client, salesforce, json.dumps({"events": events}))
    assert response.status_code == 200
    assert response.json()["stored"] == 2 and response.json()["rejected"] == 5
    assert stored_ids() == {"t1:1", "t7:1"}


# -- Salesforce: Outbound Messages ------------------------------------------------------------------------

SOAP = """<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
<soapenv:Body><notifications xmlns="http://soap.sforce.com/2005/09/outbound">
<OrganizationId>00D000000000001AAA</OrganizationId><ActionId>04k1</ActionId>
{notes}
</notifications></soapenv:Body></soapenv:Envelope>"""
NOTE = """<Notification><Id>{id}</Id><sObject xmlns:sf="urn:sobject.enterprise.soap.sforce.com"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="sf:Contact">
 <sf:Id>003000000000002AAA</sf:Id><sf:Title>{title}</sf:Title></sObject></Notification>"""


def soap(*notes):
    return SOAP.format(notes="".join(NOTE.format(id=i, title=t) for i, t in notes))


def om_post(client, endpoint, body, *, query="?secret=om-key", headers=None, content_type="text/xml"):
    return client.post(
        f"/webhooks/salesforce/{endpoint.token}/outbound/{query}",
        data=body,
        content_type=content_type,
        headers=headers or {},
    )


def test_outbound_message_needs_the_endpoint_secret_and_the_organisation(strict_client, salesforce):
    body = soap(("04l1", "CEO"))
    assert om_post(strict_client, salesforce, body, query="").status_code == 401
    assert om_post(strict_client, salesforce, body, query="?secret=guess").status_code == 401
    forged_org = body.replace("00D000000000001AAA", "00D000000000009AAA")
    assert om_post(strict_client, salesforce, forged_org).status_code == 403
    assert not stored_ids()
    by_header = om_post(strict_client, salesforce, body, query="", headers={"X-Outbound-Secret": "om-key"})
    assert by_header.status_code == 200 and b"<Ack>true</Ack>" in by_header.content
    replay = om_post(strict_client, salesforce, body)
    assert replay.status_code == 200 and WebhookEvent.objects.count() == 1


def test_outbound_message_without_a_configured_secret_is_refused(strict_client, salesforce):
    salesforce.secrets = {"organization_id": "00D000000000001AAA"}
    salesforce.save()
    response = om_post(strict_client, salesforce, soap(("04l1", "CEO")), query="?secret=")
    assert response.status_code == 403 and not stored_ids()


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">]>"""


@pytest.mark.parametrize(
    "body",
    [
        soap(("04l1", "&lol6;")).replace('<?xml version="1.0" encoding="UTF-8"?>', BILLION_LAUGHS),
        soap(("04l1", "&xxe;")).replace(
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        ),
        '<?xml version="1.0"?><!DOCTYPE x><x/>',
        "<not-closed>",
        "   ",
    ],
    ids=["billion laughs", "external entity", "any DTD", "malformed", "blank"],
)
def test_outbound_message_bombs_and_garbage_fail_fast(strict_client, salesforce, body):
    started = time.perf_counter()
    response = om_post(strict_client, salesforce, body)
    assert response.status_code == 400
    assert time.perf_counter() - started < 5.0
    assert not stored_ids()


def test_a_1mb_outbound_message_is_stored_as_bounded_fields(strict_client, salesforce):
    body = soap(("04l1", "x" * 1_000_000))
    assert len(body) > 1_000_000
    response = om_post(strict_client, salesforce, body)
    assert response.status_code == 200
    event = WebhookEvent.objects.get(event_id="om:04l1")
    stored = len(json.dumps(event.payload)) + len(json.dumps(event.changed_fields))
    assert stored < 10_000
    assert event.payload["truncated"] == ["Title"]


def test_outbound_message_over_the_cap_or_of_the_wrong_type_is_refused(strict_client, salesforce, settings):
    body = soap(("04l1", "CEO"))
    assert om_post(strict_client, salesforce, body, content_type="application/json").status_code == 415
    too_many = soap(*[(f"04l{i}", "CEO") for i in range(101)])
    assert om_post(strict_client, salesforce, too_many).status_code == 400
    settings.WEBHOOK_MAX_BODY_BYTES = 500
    assert om_post(strict_client, salesforce, body).status_code == 413
    assert not stored_ids()


@pytest.mark.parametrize(
    "event",
    [
        cdc("t1", recordIds="003000000000001AAA"),
        {**cdc("t1"), "replayId": {"a": 1}},
        cdc("t1", entityName=["Contact"]),
        {**cdc("t1", changeType="DELETE"), "MasterRecordId": ["003"]},
    ],
    ids=["record ids a text", "replay id an object", "entity a list", "master record a list"],
)
def test_salesforce_relay_refuses_ids_of_the_wrong_shape(strict_client, salesforce, event):
    """A text is not a list of its characters, an object is not an id: the event is refused with its reason."""
    response = cdc_post(strict_client, salesforce, json.dumps([event]))
    assert response.status_code == 400 and "Event 1 of the delivery" in response.json()["reasons"][0]
    assert not stored_ids()


def test_an_outbound_notification_without_a_record_id_is_refused(strict_client, salesforce):
    body = soap(("04l1", "CEO")).replace("<sf:Id>003000000000002AAA</sf:Id>", "")
    assert om_post(strict_client, salesforce, body).status_code == 400
    assert not stored_ids()


def test_rejections_are_listed_for_the_endpoint_and_kept_short(strict_client, salesforce):
    om_post(strict_client, salesforce, soap(("04l1", "CEO")), query="?secret=guess")
    rejection = WebhookRejection.objects.get(endpoint=salesforce)
    assert rejection.status_code == 401 and "guess" not in rejection.reason
