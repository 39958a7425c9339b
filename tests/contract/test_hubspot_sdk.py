"""The official HubSpot SDK (hubspot-api-client) runs the calls an integration makes against the sandbox over
HTTPS: read, search, paginate, create, update, batch read/create/update/archive, archive, for contacts and
companies. Every call must pass, and its answer must deserialize into the SDK's own models."""

from datetime import UTC, datetime, timedelta

import pytest
from hubspot import HubSpot
from hubspot.crm import companies as hs_companies
from hubspot.crm import contacts as hs_contacts

from .script import Script

OBJECTS = {
    "contacts": (hs_contacts, "contacts", "email", "lastmodifieddate", {"email": "sdk@contract.example"}),
    "companies": (hs_companies, "companies", "name", "hs_lastmodifieddate", {"name": "SDK Contract Ltd"}),
}


@pytest.fixture
def hubspot(served):
    sandbox, _, cafile = served
    account = sandbox.add_account("hubspot", name="sdk-hubspot", contacts=130, companies=40)
    client = HubSpot(
        access_token=account.credentials["access_token"], host=account.base_url, ssl_ca_cert=cafile
    )
    return account, client


@pytest.mark.parametrize("object_name", ["contacts", "companies"])
def test_the_official_sdk_script_passes(hubspot, object_name):
    account, client = hubspot
    models, api_name, key, modified, create_values = OBJECTS[object_name]
    api = getattr(client.crm, api_name)
    live = set(account.record_ids(object_name))
    script = Script(f"hubspot {object_name}")
    state: dict = {}

    @script.step("properties: get all")
    def _():
        names = {prop.name for prop in client.crm.properties.core_api.get_all(object_name).results}
        assert {key, "ai_score", "ai_segment"} <= names

    @script.step("list: first page")
    def _():
        page = api.basic_api.get_page(limit=10, properties=[key, "ai_score"])
        assert len(page.results) == 10 and page.paging.next.after
        state["first"] = page.results[0].id

    @script.step("list: get_all paginates to the end")
    def _():
        assert {record.id for record in api.get_all(properties=[key])} == live

    @script.step("read: get_by_id")
    def _():
        record = api.basic_api.get_by_id(
            state["first"], properties=[key], properties_with_history=["ai_score"]
        )
        assert record.id == state["first"] and key in record.properties

    @script.step("create")
    def _():
        created = api.basic_api.create(models.SimplePublicObjectInputForCreate(properties=create_values))
        assert created.id and created.properties[key] == create_values[key]
        state["created"] = created.id

    @script.step("update")
    def _():
        updated = api.basic_api.update(
            state["created"], models.SimplePublicObjectInput(properties={"ai_score": "71"})
        )
        assert updated.properties["ai_score"] == "71"

    @script.step("batch read with property history")
    def _():
        ids = [
            models.SimplePublicObjectId(id=state["first"]),
            models.SimplePublicObjectId(id=state["created"]),
        ]
        batch = api.batch_api.read(
            models.BatchReadInputSimplePublicObjectId(
                inputs=ids, properties=[key, "ai_score"], properties_with_history=["ai_score"]
            )
        )
        assert {record.id for record in batch.results} == {state["first"], state["created"]}
        history = next(r for r in batch.results if r.id == state["created"]).properties_with_history[
            "ai_score"
        ]
        assert history[0].value == "71" and history[0].source_type == "INTEGRATION"

    @script.step("batch create")
    def _():
        inputs = [
            models.SimplePublicObjectBatchInputForCreate(
                properties={**create_values, key: f"{n}-{create_values[key]}"}
            )
            for n in range(3)
        ]
        batch = api.batch_api.create(models.BatchInputSimplePublicObjectBatchInputForCreate(inputs=inputs))
        assert batch.status == "COMPLETE" and len(batch.results) == 3
        state["batch"] = [record.id for record in batch.results]

    @script.step("batch update")
    def _():
        inputs = [
            models.SimplePublicObjectBatchInput(id=rid, properties={"ai_score": "12"})
            for rid in state["batch"]
        ]
        batch = api.batch_api.update(models.BatchInputSimplePublicObjectBatchInput(inputs=inputs))
        assert {record.properties["ai_score"] for record in batch.results} == {"12"}

    @script.step("search: modified since, sorted, paged")
    def _():
        since = int((datetime.now(UTC) - timedelta(days=3650)).timestamp() * 1000)
        request = models.PublicObjectSearchRequest(
            filter_groups=[
                models.FilterGroup(
                    filters=[models.Filter(property_name=modified, operator="GTE", value=str(since))]
                )
            ],
            sorts=[modified],
            properties=[key, modified],
            limit=20,
        )
        first = api.search_api.do_search(request)
        assert first.total == len(live) + 4 and len(first.results) == 20
        request.after = first.paging.next.after
        second = api.search_api.do_search(request)
        assert not {r.id for r in first.results} & {r.id for r in second.results}

    @script.step("archive")
    def _():
        api.basic_api.archive(state["created"])
        archived = api.basic_api.get_page(archived=True, limit=100)
        assert state["created"] in {record.id for record in archived.results}
        assert all(record.archived for record in archived.results)

    @script.step("batch archive")
    def _():
        ids = [models.SimplePublicObjectId(id=rid) for rid in state["batch"]]
        api.batch_api.archive(models.BatchInputSimplePublicObjectId(inputs=ids))
        assert not set(state["batch"]) & {record.id for record in api.get_all()}

    @script.step("errors: unknown id is a 404 with HubSpot's error body")
    def _():
        with pytest.raises(models.ApiException) as raised:
            api.basic_api.get_by_id("987654321")
        assert raised.value.status == 404 and '"category":"OBJECT_NOT_FOUND"' in raised.value.body

    @script.step("errors: unknown property is a 400 VALIDATION_ERROR")
    def _():
        with pytest.raises(models.ApiException) as raised:
            api.basic_api.update(state["first"], models.SimplePublicObjectInput(properties={"ai_scroe": "1"}))
        assert raised.value.status == 400 and "PROPERTY_DOESNT_EXIST" in raised.value.body

    script.run()
