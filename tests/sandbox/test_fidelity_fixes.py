"""Sandbox behaviours that an outside check found different from the real APIs, now as the real ones do."""

from urllib.parse import urljoin

from .conftest import client_for


def test_hubspot_boolean_parameters_ignore_case(hs_client, hubspot):
    gone = hubspot.record_ids("contacts")[0]
    hs_client.delete(f"/crm/v3/objects/contacts/{gone}")
    for spelling in ("true", "True", "TRUE"):
        archived = hs_client.get("/crm/v3/objects/contacts", params={"archived": spelling}).json()["results"]
        assert [record["id"] for record in archived] == [gone], spelling
    assert hs_client.get(f"/crm/v3/objects/contacts/{gone}", params={"archived": "True"}).status_code == 200


def test_hubspot_batch_read_with_history_takes_at_most_50_ids(hs_client, hubspot):
    ids = [{"id": rid} for rid in hubspot.record_ids("contacts")[:51]]
    url = "/crm/v3/objects/contacts/batch/read"
    with_history = {"inputs": ids, "properties": ["email"], "propertiesWithHistory": ["jobtitle"]}
    refused = hs_client.post(url, json=with_history)
    assert refused.status_code == 400 and "at most 50" in refused.json()["message"]
    assert hs_client.post(url, json={**with_history, "inputs": ids[:50]}).status_code == 200
    assert (
        hs_client.post(url, json={"inputs": ids, "properties": ["email"]}).status_code == 200
    )  # 100 without


def test_pipedrive_404_keeps_its_error_info(pd_client):
    missing = pd_client.get("/api/v2/persons/987654")
    assert missing.status_code == 404 and missing.json()["error_info"] == "Object was not found."
    unknown = pd_client.get("/api/v2/nothing-here")
    assert unknown.status_code == 404 and unknown.json()["error_info"] == "Object was not found."
    refused = pd_client.patch("/api/v2/persons/1", json={"name": 5})
    assert refused.status_code == 400 and "developers.pipedrive.com" in refused.json()["error_info"]


def test_pipedrive_users_me_is_the_tokens_user(sandbox, pipedrive):
    with client_for(sandbox, pipedrive) as client:
        for path in ("/v1/users/me", "/api/v1/users/me"):
            me = client.get(path).json()["data"]
            assert me["id"] == pipedrive.integration_user_id and me["company_id"] == pipedrive.company_id


def test_salesforce_instance_url_has_no_path_and_next_records_url_joins_as_a_url(sandbox):
    salesforce = sandbox.add_account("salesforce", name="paged", contacts=450, companies=5)
    instance = salesforce.credentials["instance_url"]
    assert instance == "http://sandbox.test"
    with client_for(sandbox, salesforce, **{"Sforce-Query-Options": "batchSize=200"}) as client:
        query = {"q": "SELECT Id FROM Contact"}
        page = client.get(f"{instance}/services/data/v60.0/query", params=query).json()
        seen = len(page["records"])
        while not page["done"]:
            assert page["nextRecordsUrl"].startswith("/services/data/v60.0/query/")
            page = client.get(urljoin(instance + "/any/path/", page["nextRecordsUrl"])).json()
            seen += len(page["records"])
        assert seen == page["totalSize"] == 450
