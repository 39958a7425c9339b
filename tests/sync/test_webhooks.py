import base64
import json

from crmhub.connectors.hubspot.webhooks import signature_v3 as hubspot_signature_v3
from crmhub.models import CrmConnection
from crmhub.sync.models import WebhookEndpoint, WebhookEvent, WebhookEventStatus
from tests.sync.conftest import CLIENT_SECRET


def signed_post(client, world, events, *, secret=CLIENT_SECRET, age_ms=0, timestamp=None):
    path = f"/webhooks/hubspot/{world.endpoint.token}/"
    body = json.dumps(events)
    timestamp = timestamp or str(int(world.sandbox.clock.now().timestamp() * 1000) - age_ms)
    signature = hubspot_signature_v3(secret, "POST", f"http://testserver{path}", body, timestamp)
    headers = {"X-HubSpot-Signature-v3": signature, "X-HubSpot-Request-Timestamp": timestamp}
    return client.post(path, data=body, content_type="application/json", headers=headers), headers, body


def change_event(crm_id, event_id=1, name="firstname", value="Zed"):
    return {
        "eventId": event_id,
        "subscriptionType": "contact.propertyChange",
        "objectId": int(crm_id),
        "propertyName": name,
        "propertyValue": value,
        "changeSource": "CRM_UI",
        "occurredAt": 0,
    }


def test_hubspot_signature_valid_forged_replayed_and_stale(client, world):
    crm_id = world.account.record_ids("contacts")[0]
    valid, headers, body = signed_post(client, world, [change_event(crm_id)])
    assert valid.status_code == 200 and valid.json()["stored"] == 1
    path = f"/webhooks/hubspot/{world.endpoint.token}/"
    replayed = client.post(path, data=body, content_type="application/json", headers=headers)
    assert replayed.status_code == 401 and "Replayed" in replayed.json()["error"]
    forged, _, _ = signed_post(client, world, [change_event(crm_id, 2)], secret="guess")
    assert forged.status_code == 401 and "does not match" in forged.json()["error"]
    stale, _, _ = signed_post(client, world, [change_event(crm_id, 3)], age_ms=301_000)
    assert stale.status_code == 401 and "Stale" in stale.json()["error"]
    tampered = client.post(
        path, data=body.replace("Zed", "Eve"), content_type="application/json", headers=headers
    )
    assert tampered.status_code == 401
    assert WebhookEvent.objects.count() == 1


def test_events_are_deduplicated_by_event_id(client, world):
    crm_id = world.account.record_ids("contacts")[0]
    signed_post(client, world, [change_event(crm_id, 77)])
    world.advance(1)
    again, _, _ = signed_post(client, world, [change_event(crm_id, 77), change_event(crm_id, 78)])
    assert again.json() == {"stored": 1, "duplicates": 1, "ignored": 0}
    assert WebhookEvent.objects.count() == 2


def test_rep_edits_merges_and_deletes_reach_the_mirror_through_webhooks(client, world):
    world.cycle()
    emitter = world.emitter(client)
    edited, gone, loser, winner = world.account.record_ids("contacts")[:4]
    world.account.rep_edit("contacts", edited, {"firstname": "Webhooked"})
    world.account.delete("contacts", gone)
    world.account.merge("contacts", loser, winner)
    assert emitter.statuses == [200, 200, 200]
    world.dispatcher.drain()
    assert set(WebhookEvent.objects.values_list("status", flat=True)) == {WebhookEventStatus.PROCESSED}
    assert world.mirror(edited).first_name == "webhooked"
    assert world.mirror(gone).is_deleted
    assert world.mirror(loser).merged_into == winner


def test_a_dropped_webhook_is_caught_by_the_next_poll(client, world):
    world.cycle()
    emitter = world.emitter(client, drop_rate=1.0)
    crm_id = world.account.record_ids("contacts")[5]
    world.advance(10)
    world.account.rep_edit("contacts", crm_id, {"firstname": "Dropped"})
    assert len(emitter.dropped) == 1 and WebhookEvent.objects.count() == 0
    assert world.mirror(crm_id).first_name != "dropped"
    world.advance(60)
    run = world.cycle()
    assert run.records_updated == 1
    assert world.mirror(crm_id).first_name == "dropped"  # normalised


def pipedrive_endpoint(world):
    connection = CrmConnection.objects.create(
        name="acme-pipedrive",
        provider="pipedrive",
        base_url="https://acme.pipedrive.com",
        credentials={"api_token": "x", "api_user_id": 11},
    )
    return WebhookEndpoint.objects.create(
        connection=connection, secrets={"username": "hub", "password": "s3cret"}
    )


def test_pipedrive_needs_basic_auth_and_our_api_echoes_are_ignored(client, world):
    endpoint = pipedrive_endpoint(world)
    path = f"/webhooks/pipedrive/{endpoint.token}/"

    def post(meta, password="s3cret"):
        auth = "Basic " + base64.b64encode(f"hub:{password}".encode()).decode()
        payload = {
            "meta": {"entity": "person", "entity_id": "7", "version": "2.0", **meta},
            "data": {"id": 7, "name": "A"},
            "previous": {"name": "B"},
        }
        return client.post(
            path, data=json.dumps(payload), content_type="application/json", headers={"Authorization": auth}
        )

    assert post({"id": "e1", "action": "change", "change_source": "app"}, password="nope").status_code == 401
    assert (
        post({"id": "e1", "action": "change", "change_source": "app", "user_id": "3"}).json()["stored"] == 1
    )
    assert (
        post({"id": "e2", "action": "change", "change_source": "api", "user_id": "11"}).json()["ignored"] == 1
    )
    human = WebhookEvent.objects.get(event_id="e1")
    assert human.changed_fields == {"name": {"old": "B", "new": "A"}} and human.object_name == "persons"
    assert WebhookEvent.objects.get(event_id="e2").status == WebhookEventStatus.IGNORED


def test_salesforce_cdc_relay_and_outbound_messages(client, world):
    connection = CrmConnection.objects.create(
        name="acme-sf",
        provider="salesforce",
        base_url="https://acme.my.salesforce.com",
        credentials={"integration_user_id": "005000000000001AAA"},
    )
    endpoint = WebhookEndpoint.objects.create(
        connection=connection,
        secrets={"shared_secret": "relay", "organization_id": "00D000000000001", "outbound_secret": "om-key"},
    )
    event = {
        "ChangeEventHeader": {
            "entityName": "Contact",
            "recordIds": ["003000000000001AAA"],
            "changeType": "UPDATE",
            "changeOrigin": "",
            "transactionKey": "t1",
            "sequenceNumber": 1,
            "commitTimestamp": 1767600720000,
            "commitUser": "005000000000009AAA",
            "changedFields": ["Title", "LastModifiedDate"],
        },
        "Title": "CEO",
    }
    path = f"/webhooks/salesforce/{endpoint.token}/"
    assert client.post(path, data=json.dumps(event), content_type="application/json").status_code == 401
    ok = client.post(
        path, data=json.dumps(event), content_type="application/json", headers={"X-Relay-Secret": "relay"}
    )
    assert ok.json()["stored"] == 1
    assert WebhookEvent.objects.get(event_id="t1:1").changed_fields == {"Title": {"new": "CEO"}}
    soap = """<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
      <soapenv:Body><notifications xmlns="http://soap.sforce.com/2005/09/outbound">
      <OrganizationId>00D000000000001AAA</OrganizationId><ActionId>04k1</ActionId>
      <Notification><Id>04l1</Id><sObject xmlns:sf="urn:sobject.enterprise.soap.sforce.com"
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="sf:Contact">
        <sf:Id>003000000000002AAA</sf:Id><sf:Email>a@b.co</sf:Email></sObject></Notification>
      </notifications></soapenv:Body></soapenv:Envelope>"""
    # The organisation id alone (a public fact) no longer authenticates: the endpoint's secret must come too.
    assert client.post(f"{path}outbound/", data=soap, content_type="text/xml").status_code == 401
    ack = client.post(f"{path}outbound/?secret=om-key", data=soap, content_type="text/xml")
    assert ack.status_code == 200 and b"<Ack>true</Ack>" in ack.content
    outbound = WebhookEvent.objects.get(event_id="om:04l1")
    assert outbound.record_ids == ["003000000000002AAA"] and outbound.object_name == "Contact"
    wrong_org = soap.replace("00D000000000001AAA", "00D000000000999AAA").replace("04l1", "04l2")
    wrong_org_post = client.post(f"{path}outbound/?secret=om-key", data=wrong_org, content_type="text/xml")
    assert wrong_org_post.status_code == 403
