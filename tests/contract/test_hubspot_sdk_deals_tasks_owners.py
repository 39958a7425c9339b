"""The official HubSpot SDK (hubspot-api-client) on the rest of what the connector calls, beyond contacts and
companies: deals (page, search sorted by modification, batch update), tasks created in a batch with their
association to a contact (what a trigger's "create a task" sends), an owner read by user id (the rep behind an
edit) and the access token's metadata (how the connector learns its own app id). Each answer must deserialize
into the SDK's own models."""

from datetime import UTC, datetime

import pytest
from hubspot import HubSpot
from hubspot.crm.deals import BatchInputSimplePublicObjectBatchInput, SimplePublicObjectBatchInput
from hubspot.crm.deals import PublicObjectSearchRequest as DealSearch
from hubspot.crm.objects.tasks import (
    AssociationSpec,
    BatchInputSimplePublicObjectBatchInputForCreate,
    PublicAssociationsForObject,
    PublicObjectId,
    SimplePublicObjectBatchInputForCreate,
)

from .script import Script

TASK_TO_CONTACT = 204  # HubSpot-defined association type id


@pytest.fixture
def hubspot(served):
    sandbox, _, cafile = served
    account = sandbox.add_account("hubspot", name="sdk-hubspot-more", contacts=60, companies=20)
    client = HubSpot(
        access_token=account.credentials["access_token"], host=account.base_url, ssl_ca_cert=cafile
    )
    return account, client


def test_the_official_sdk_reads_and_writes_deals_tasks_and_owners(hubspot):
    account, client = hubspot
    deals = set(account.record_ids("deals"))
    contact = sorted(account.record_ids("contacts"))[0]
    script = Script("hubspot deals, tasks, owners")
    state: dict = {}

    @script.step("deals: first page with properties")
    def _():
        page = client.crm.deals.basic_api.get_page(limit=10, properties=["dealname", "dealstage", "amount"])
        assert page.results and {deal.id for deal in page.results} <= deals
        assert "dealstage" in page.results[0].properties
        state["deal"] = page.results[0].id

    @script.step("deals: search sorted by modification time")
    def _():
        request = DealSearch(sorts=["hs_lastmodifieddate"], properties=["dealname"], limit=100)
        found = client.crm.deals.search_api.do_search(public_object_search_request=request)
        assert found.total == len(deals)
        stamps = [deal.updated_at for deal in found.results]
        assert stamps == sorted(stamps)

    @script.step("deals: batch update, read back")
    def _():
        batch = BatchInputSimplePublicObjectBatchInput(
            inputs=[SimplePublicObjectBatchInput(id=state["deal"], properties={"dealname": "SDK renewal"})]
        )
        updated = client.crm.deals.batch_api.update(batch_input_simple_public_object_batch_input=batch)
        assert updated.status == "COMPLETE" and updated.results[0].properties["dealname"] == "SDK renewal"
        again = client.crm.deals.basic_api.get_by_id(state["deal"], properties=["dealname"])
        assert again.properties["dealname"] == "SDK renewal"

    @script.step("tasks: batch create with an association to a contact")
    def _():
        task = SimplePublicObjectBatchInputForCreate(
            properties={
                "hs_task_subject": "Call about the renewal",
                "hs_task_status": "NOT_STARTED",
                "hs_timestamp": datetime.now(UTC).isoformat(),
            },
            associations=[
                PublicAssociationsForObject(
                    to=PublicObjectId(id=contact),
                    types=[
                        AssociationSpec(
                            association_category="HUBSPOT_DEFINED", association_type_id=TASK_TO_CONTACT
                        )
                    ],
                )
            ],
        )
        created = client.crm.objects.tasks.batch_api.create(
            batch_input_simple_public_object_batch_input_for_create=BatchInputSimplePublicObjectBatchInputForCreate(
                inputs=[task]
            )
        )
        assert created.status == "COMPLETE" and len(created.results) == 1
        state["task"] = created.results[0].id

    @script.step("tasks: the created task reads back")
    def _():
        task = client.crm.objects.tasks.basic_api.get_by_id(state["task"], properties=["hs_task_subject"])
        assert task.properties["hs_task_subject"] == "Call about the renewal"

    @script.step("owners: one rep read by user id")
    def _():
        rep = account.rep_user_ids[0]
        owner = client.crm.owners.owners_api.get_by_id(owner_id=int(rep), id_property="userId")
        assert owner.user_id == int(rep) and owner.first_name and owner.last_name

    @script.step("oauth: the access token's metadata names the app")
    def _():
        info = client.oauth.access_tokens_api.get(token=account.credentials["access_token"])
        assert info.app_id and info.hub_id

    script.run()
