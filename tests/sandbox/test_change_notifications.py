"""Webhooks and change events for every change, API writes included, in each CRM's own wire format."""

import pytest

from crm_sandbox.webhooks import WebhookEmitter, long_text_diff

from .conftest import client_for

SECRETS = {"client_secret": "s", "username": "u", "password": "p", "shared_secret": "r"}
PIPEDRIVE_META = {
    "action", "entity", "company_id", "correlation_id", "entity_id", "id", "is_bulk_edit", "timestamp", "type",
    "user_id", "version", "webhook_id", "webhook_owner_id", "change_source", "permitted_user_ids", "attempt", "host",
}  # fmt: skip


def listen(account) -> list:
    """Attach an emitter that keeps every delivered body; returns that list."""
    delivered = []

    def deliver(url, headers, body):
        delivered.append(__import__("json").loads(body))
        return 200

    account.webhooks = WebhookEmitter(account, url="http://hub.test/hook/", secrets=SECRETS, deliver=deliver)
    return delivered


def test_hubspot_api_batch_update_sends_one_delivery_of_integration_events(sandbox, hubspot, hs_client):
    delivered = listen(hubspot)
    first, second = hubspot.record_ids("contacts")[:2]
    inputs = [{"id": rid, "properties": {"jobtitle": "CTO"}} for rid in (first, second)]
    assert hs_client.post("/crm/v3/objects/contacts/batch/update", json={"inputs": inputs}).status_code == 200
    assert len(delivered) == 1  # one transaction, one array
    events = delivered[0]
    assert [(e["objectId"], e["propertyName"], e["propertyValue"]) for e in events] == [
        (int(first), "jobtitle", "CTO"),
        (int(second), "jobtitle", "CTO"),
    ]
    assert {(e["changeSource"], e["sourceId"]) for e in events} == {("INTEGRATION", str(hubspot.app_id))}


def test_hubspot_creates_deletes_and_other_integrations_are_told_apart(sandbox, hubspot, hs_client):
    delivered = listen(hubspot)
    created = hs_client.post("/crm/v3/objects/contacts", json={"properties": {"email": "new@x.example"}})
    hs_client.delete(f"/crm/v3/objects/contacts/{created.json()['id']}")
    hubspot.api_write("contacts", hubspot.record_ids("contacts")[0], {"jobtitle": "Other"}, client="enricher")
    hubspot.rep_edit("contacts", hubspot.record_ids("contacts")[1], {"jobtitle": "Rep"})
    kinds = [(e["subscriptionType"], e["changeSource"], e.get("changeFlag")) for d in delivered for e in d]
    assert kinds == [
        ("contact.creation", "INTEGRATION", "CREATED"),
        ("contact.deletion", "INTEGRATION", "DELETED"),
        ("contact.propertyChange", "API", None),
        ("contact.propertyChange", "CRM_UI", None),
    ]


def test_pipedrive_api_write_sends_a_v2_webhook_with_full_meta_and_typed_custom_fields(
    sandbox, pipedrive, pd_client
):
    delivered = listen(pipedrive)
    person = pipedrive.record_ids("persons")[0]
    score, segment = pipedrive.field_key("ai_score"), pipedrive.field_key("ai_segment")
    option = pipedrive.schema["contacts"][segment].options[0][0]
    old_score = pipedrive.get_record("persons", person).get(score)
    body = {"name": "Ada Byron", "custom_fields": {score: 77.5, segment: option}}
    assert pd_client.patch(f"/api/v2/persons/{person}", json=body).status_code == 200
    (webhook,) = delivered
    meta = webhook["meta"]
    assert set(meta) == PIPEDRIVE_META
    assert (meta["action"], meta["entity"], meta["entity_id"], meta["version"]) == (
        "change",
        "person",
        person,
        "2.0",
    )
    assert meta["change_source"] == "api" and meta["user_id"] == str(pipedrive.integration_user_id)
    assert all(isinstance(meta[key], str) for key in ("company_id", "user_id", "webhook_id", "entity_id"))
    assert webhook["data"]["custom_fields"][score] == {"type": "double", "value": 77.5}
    assert webhook["data"]["custom_fields"][segment] == {"type": "enum", "id": option}
    assert set(webhook["previous"]) == {"name", "first_name", "last_name", "custom_fields"}  # what changed
    expected_old = None if old_score is None else {"type": "double", "value": old_score}
    assert webhook["previous"]["custom_fields"][score] == expected_old


def test_pipedrive_create_and_delete_carry_null_previous_and_null_data(sandbox, pipedrive, pd_client):
    delivered = listen(pipedrive)
    created = pd_client.post("/api/v2/persons", json={"name": "New Person"}).json()["data"]
    pd_client.delete(f"/api/v2/persons/{created['id']}")
    create, delete = delivered
    assert create["meta"]["action"] == "create" and create["previous"] is None
    assert create["data"]["id"] == created["id"]
    assert delete["meta"]["action"] == "delete" and delete["data"] is None
    assert delete["previous"]["name"] == "New Person"


def test_salesforce_collection_update_merges_identical_changes_into_one_event(sandbox, salesforce, sf_client):
    delivered = listen(salesforce)
    ids = salesforce.record_ids("contacts")[:3]
    records = [{"attributes": {"type": "Contact"}, "id": rid, "Title": "Director"} for rid in ids]
    records.append(
        {"attributes": {"type": "Contact"}, "id": salesforce.record_ids("contacts")[3], "Title": "VP"}
    )
    response = sf_client.patch(
        "/services/data/v67.0/composite/sobjects",
        json={"allOrNone": False, "records": records},
        headers={"Sforce-Call-Options": "client=crmhub"},
    )
    assert all(item["success"] for item in response.json())
    director, vp = delivered
    header = director["ChangeEventHeader"]
    assert header["recordIds"] == ids and director["Title"] == "Director"
    assert vp["ChangeEventHeader"]["recordIds"] == [salesforce.record_ids("contacts")[3]]
    assert header["changeType"] == "UPDATE"
    assert header["changeOrigin"] == "com/salesforce/api/rest/67.0;client=crmhub"
    assert header["changedFields"] == ["Title", "LastModifiedDate"]
    assert header["nulledFields"] == [] and header["diffFields"] == []
    assert header["transactionKey"] == vp["ChangeEventHeader"]["transactionKey"]
    assert [header["sequenceNumber"], vp["ChangeEventHeader"]["sequenceNumber"]] == [1, 2]


def test_salesforce_nulled_and_diffed_fields(sandbox, salesforce, sf_client):
    delivered = listen(salesforce)
    contact = salesforce.record_ids("contacts")[0]
    sf_client.patch(f"/services/data/v67.0/sobjects/Contact/{contact}", json={"Title": None})
    (event,) = delivered
    assert event["ChangeEventHeader"]["nulledFields"] == ["Title"] and event["Title"] is None
    assert event["ChangeEventHeader"]["changeOrigin"] == "com/salesforce/api/rest/67.0"  # no client tag sent
    notes = "".join(f"Line {n} of the call notes.\n" for n in range(80))
    task = sf_client.post(
        "/services/data/v67.0/sobjects/Task", json={"Subject": "Call", "Description": notes}
    )
    edited = notes.replace("Line 40 of", "Line forty of")
    sf_client.patch(f"/services/data/v67.0/sobjects/Task/{task.json()['id']}", json={"Description": edited})
    create, update = delivered[1:]
    assert create["ChangeEventHeader"]["changeType"] == "CREATE" and create["Description"] == notes
    assert update["ChangeEventHeader"]["diffFields"] == ["Description"]
    diff = update["Description"]["diff"]
    assert diff.startswith("--- \n+++ ") and "-Line 40 of" in diff and "+Line forty of" in diff


def test_long_text_diff_is_sent_only_where_salesforce_sends_one():
    text = "".join(f"row {n}\n" for n in range(300))
    assert long_text_diff(text[:500], text[:500] + "x") is None  # under 1,000 characters
    assert long_text_diff(text, text + text) is None  # grew by more than half
    assert long_text_diff(text, text.replace("row 7\n", "row seven\n")) is not None


@pytest.mark.parametrize("provider", ["hubspot", "pipedrive", "salesforce"])
def test_merges_are_announced_as_each_crm_does(sandbox, provider):
    account = sandbox.add_account(provider, name=f"m-{provider}", contacts=10, companies=2)
    delivered = listen(account)
    loser, winner = account.record_ids("contacts")[:2]
    account.merge("contacts", loser, winner)
    if provider == "hubspot":
        assert delivered[0][0]["subscriptionType"] == "contact.merge"
        assert delivered[0][0]["mergedObjectIds"] == [int(loser)]
    elif provider == "pipedrive":
        deleted, survivor = delivered
        assert deleted["meta"]["merged_to_id"] == str(winner) and survivor["meta"]["entity_id"] == str(winner)
    else:
        deleted, survivor = delivered
        assert deleted["MasterRecordId"] == winner and survivor["ChangeEventHeader"]["recordIds"] == [winner]


def test_changes_outside_an_emitter_cost_nothing(sandbox, hubspot):
    with client_for(sandbox, hubspot) as client:
        contact = hubspot.record_ids("contacts")[0]
        patched = client.patch(f"/crm/v3/objects/contacts/{contact}", json={"properties": {"jobtitle": "X"}})
        assert patched.status_code == 200
