"""Create endpoints of the three emulated CRMs: wire formats (checked against the official OpenAPI files
where they exist), validation, unique markers, associations, faults, and the change feeds."""

from .openapi_support import validate_hubspot, validate_pipedrive

HS_TASK = {
    "properties": {
        "hs_timestamp": "2026-03-04T09:00:00.000Z",
        "hs_task_subject": "Call back",
        "hs_task_body": "Asked for pricing.",
        "hs_task_status": "NOT_STARTED",
        "hs_task_priority": "HIGH",
        "crmhub_create_key": "trigger-77",
    },
}


def hs_task_on(contact_id: str, **properties) -> dict:
    association = {"to": {"id": contact_id}, "types": [{"associationCategory": "HUBSPOT_DEFINED",
                                                        "associationTypeId": 204}]}  # fmt: skip
    return {"properties": {**HS_TASK["properties"], **properties}, "associations": [association]}


# -- HubSpot --------------------------------------------------------------------------------------------


def test_hubspot_batch_create_contacts_matches_the_spec_and_feeds_search(hs_client, hubspot, clock):
    clock.advance(seconds=60)
    inputs = [
        {"properties": {"email": f"new{n}@example.org", "lastname": f"New{n}", "crmhub_create_key": f"r-{n}"},
         "associations": []}
        for n in range(2)
    ]  # fmt: skip
    response = hs_client.post("/crm/v3/objects/contacts/batch/create", json={"inputs": inputs})
    assert response.status_code == 201, response.text
    validate_hubspot(response)
    ids = [result["id"] for result in response.json()["results"]]
    assert hubspot.get_record("contacts", ids[0])["email"] == "new0@example.org"
    since = str(int(clock.now().timestamp() * 1000))
    search = hs_client.post("/crm/v3/objects/contacts/search", json={
        "filterGroups": [{"filters": [{"propertyName": "lastmodifieddate", "operator": "GTE", "value": since}]}],
        "sorts": [{"propertyName": "lastmodifieddate", "direction": "ASCENDING"}], "limit": 10,
    })  # fmt: skip
    assert {r["id"] for r in search.json()["results"]} == set(ids)


def test_hubspot_single_create_and_task_with_association(hs_client, hubspot):
    contact_id = hubspot.record_ids("contacts")[3]
    single = hs_client.post(
        "/crm/v3/objects/contacts", json={"properties": {"lastname": "Solo"}, "associations": []}
    )
    assert single.status_code == 201
    validate_hubspot(single)
    task = hs_client.post("/crm/v3/objects/tasks/batch/create", json={"inputs": [hs_task_on(contact_id)]})
    assert task.status_code == 201, task.text
    validate_hubspot(task)
    task_id = task.json()["results"][0]["id"]
    assert hubspot.links_of("tasks", task_id) == [("contacts", contact_id)]
    listed = hs_client.get("/crm/v3/objects/tasks", params={"properties": "hs_task_subject"})
    validate_hubspot(listed)
    assert [r["id"] for r in listed.json()["results"]] == [task_id]


def test_hubspot_create_refuses_bad_input_whole_batch(hs_client, hubspot):
    contact_id = hubspot.record_ids("contacts")[0]
    missing_due = hs_client.post(
        "/crm/v3/objects/tasks/batch/create", json={"inputs": [hs_task_on(contact_id, hs_timestamp="")]}
    )
    assert missing_due.status_code == 400 and "REQUIRED_PROPERTY" in missing_due.json()["message"]
    validate_hubspot(missing_due)
    ghost = hs_client.post("/crm/v3/objects/tasks/batch/create", json={"inputs": [hs_task_on("999999")]})
    assert ghost.status_code == 400 and "does not exist" in ghost.json()["message"]
    read_only = hs_client.post(
        "/crm/v3/objects/contacts/batch/create",
        json={"inputs": [{"properties": {"hs_object_id": "5"}, "associations": []}]},
    )
    assert read_only.status_code == 400 and "READ_ONLY_VALUE" in read_only.json()["message"]
    assert hubspot.record_ids("tasks") == []


def test_hubspot_unique_marker_conflicts_and_reads_by_id_property(hs_client, hubspot):
    contact_id = hubspot.record_ids("contacts")[0]
    first = hs_client.post("/crm/v3/objects/tasks/batch/create", json={"inputs": [hs_task_on(contact_id)]})
    again = hs_client.post("/crm/v3/objects/tasks/batch/create", json={"inputs": [hs_task_on(contact_id)]})
    assert again.status_code == 409 and again.json()["category"] == "CONFLICT"
    validate_hubspot(again)
    read = hs_client.post(
        "/crm/v3/objects/tasks/batch/read",
        json={"inputs": [{"id": "trigger-77"}], "idProperty": "crmhub_create_key", "properties": []},
    )
    validate_hubspot(read)
    assert read.json()["results"][0]["id"] == first.json()["results"][0]["id"]
    not_unique = hs_client.post(
        "/crm/v3/objects/contacts/batch/read",
        json={"inputs": [{"id": "x"}], "idProperty": "lastname", "properties": []},
    )
    assert not_unique.status_code == 400
    prop = hs_client.get("/crm/v3/properties/contacts/crmhub_create_key")
    assert prop.json()["hasUniqueValue"] is True


def test_hubspot_faults_apply_to_creates(hs_client, hubspot):
    hubspot.faults.set(rate_limit_storm=1.0)
    limited = hs_client.post("/crm/v3/objects/tasks/batch/create", json={"inputs": [hs_task_on("1001")]})
    assert limited.status_code == 429
    hubspot.faults.set(rate_limit_storm=0.0, error_rate=1.0)
    failed = hs_client.post("/crm/v3/objects/tasks/batch/create", json={"inputs": [hs_task_on("1001")]})
    assert failed.status_code >= 500
    assert hubspot.record_ids("tasks") == []


# -- Salesforce -----------------------------------------------------------------------------------------

DATA = "/services/data/v67.0"


def test_salesforce_single_create_answers_201_and_shows_in_soql(sf_client, salesforce, clock):
    contact_id = salesforce.record_ids("contacts")[0]
    clock.advance(seconds=60)
    response = sf_client.post(f"{DATA}/sobjects/Task/", json={
        "Subject": "Call back", "ActivityDate": "2026-03-05", "WhoId": contact_id, "CrmHub_Create_Key__c": "t-1",
    })  # fmt: skip
    assert response.status_code == 201
    body = response.json()
    assert body["success"] is True and body["errors"] == [] and body["id"].startswith("00T")
    rows = sf_client.get(f"{DATA}/query", params={
        "q": "SELECT Id, Subject, Status, Priority, OwnerId, WhoId FROM Task WHERE CrmHub_Create_Key__c = 't-1'"
    }).json()["records"]  # fmt: skip
    assert (
        rows[0]["Id"] == body["id"] and rows[0]["Status"] == "Not Started" and rows[0]["Priority"] == "Normal"
    )
    assert rows[0]["OwnerId"] == salesforce.integration_user_id and rows[0]["WhoId"] == contact_id
    describe = sf_client.get(f"{DATA}/sobjects/Task/describe").json()
    marker = next(f for f in describe["fields"] if f["name"] == "CrmHub_Create_Key__c")
    assert marker["externalId"] and marker["unique"]


def test_salesforce_single_create_errors_are_arrays(sf_client, salesforce):
    missing = sf_client.post(f"{DATA}/sobjects/Contact/", json={"FirstName": "Nameless"})
    assert missing.status_code == 400 and missing.json()[0]["errorCode"] == "REQUIRED_FIELD_MISSING"
    bad_who = sf_client.post(f"{DATA}/sobjects/Task/", json={"Subject": "x", "WhoId": "003RM9999999999AAA"})
    assert bad_who.json()[0]["errorCode"] == "INVALID_CROSS_REFERENCE_KEY"
    bad_status = sf_client.post(f"{DATA}/sobjects/Task/", json={"Subject": "x", "Status": "Someday"})
    assert bad_status.json()[0]["errorCode"] == "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"


def test_salesforce_collection_create_reports_per_record_in_order(sf_client, salesforce):
    before = len(salesforce.record_ids("contacts"))
    records = [
        {"attributes": {"type": "Contact"}, "LastName": "One", "CrmHub_Create_Key__c": "c-1"},
        {"attributes": {"type": "Contact"}, "LastName": "Two", "CrmHub_Create_Key__c": "c-1"},
        {"attributes": {"type": "Contact"}, "FirstName": "NoLast"},
    ]
    response = sf_client.post(f"{DATA}/composite/sobjects", json={"allOrNone": False, "records": records})
    assert response.status_code == 200
    first, duplicate, missing = response.json()
    assert first["success"] and first["id"].startswith("003")
    assert duplicate["errors"][0]["statusCode"] == "DUPLICATE_VALUE"
    assert missing["errors"][0]["statusCode"] == "REQUIRED_FIELD_MISSING"
    assert len(salesforce.record_ids("contacts")) == before + 1
    all_or_none = sf_client.post(f"{DATA}/composite/sobjects", json={"allOrNone": True, "records": [
        {"attributes": {"type": "Contact"}, "LastName": "Three"}, {"attributes": {"type": "Contact"}}]})  # fmt: skip
    codes = [item["errors"][0]["statusCode"] for item in all_or_none.json()]
    assert codes == ["ALL_OR_NONE_OPERATION_ROLLED_BACK", "REQUIRED_FIELD_MISSING"]
    assert len(salesforce.record_ids("contacts")) == before + 1


# -- Pipedrive ------------------------------------------------------------------------------------------


def test_pipedrive_add_person_and_activity_match_the_spec(pd_client, pipedrive):
    marker = pipedrive.field_key("crmhub_create_key")
    person = pd_client.post("/api/v2/persons", json={"name": "Ada Newman", "custom_fields": {marker: "r-1"}})
    assert person.status_code == 200, person.text
    validate_pipedrive(person)
    person_id = person.json()["data"]["id"]
    activity = pd_client.post("/api/v2/activities", json={
        "subject": "Call back", "type": "task", "due_date": "2026-03-05", "person_id": person_id,
        "note": "Asked for pricing.", "done": False,
    })  # fmt: skip
    assert activity.status_code == 200, activity.text
    validate_pipedrive(activity)
    data = activity.json()["data"]
    assert data["participants"] == [{"person_id": person_id, "primary": True}]
    assert data["owner_id"] == pipedrive.integration_user_id
    listed = pd_client.get("/api/v2/activities", params={"person_id": person_id})
    validate_pipedrive(listed)
    assert [row["id"] for row in listed.json()["data"]] == [data["id"]]
    found = pd_client.get(
        "/api/v2/persons/search", params={"term": "r-1", "fields": "custom_fields", "exact_match": "true"}
    )
    validate_pipedrive(found)
    assert [item["item"]["id"] for item in found.json()["data"]["items"]] == [person_id]


def test_pipedrive_create_is_strict_and_costs_tokens(pd_client, pipedrive):
    used = pipedrive.usage["daily"]
    missing_name = pd_client.post("/api/v2/persons", json={"owner_id": 1})
    assert missing_name.status_code == 400 and "name" in missing_name.json()["error"]
    text_owner = pd_client.post("/api/v2/activities", json={"subject": "x", "owner_id": "13000002"})
    assert text_owner.status_code == 400
    ghost = pd_client.post("/api/v2/activities", json={"subject": "x", "person_id": 999_999})
    assert ghost.status_code == 400 and "not found" in ghost.json()["error"]
    assert pipedrive.usage["daily"] == used + 3 * 5
    assert pipedrive.record_ids("tasks") == []
    fields = pd_client.get("/api/v2/activityFields")
    assert "subject" in {f["field_code"] for f in fields.json()["data"]}
