"""simple-salesforce runs the calls an integration makes against the sandbox over HTTPS, with the instance URL
the sandbox's token endpoint hands out: SOQL query with query_more and query_all, queryAll, sObject
get/create/update/delete, describe, limits. Every call must pass."""

import pytest
import requests
from simple_salesforce import Salesforce
from simple_salesforce.exceptions import SalesforceMalformedRequest, SalesforceResourceNotFound

from .script import Script


@pytest.fixture
def salesforce(served):
    sandbox, _, cafile = served
    account = sandbox.add_account("salesforce", name="sdk-salesforce", contacts=2300, companies=40)
    session = requests.Session()
    session.trust_env = False  # a CA bundle from the environment would replace the one trusted here
    session.verify = cafile
    client = Salesforce(
        instance_url=account.credentials["instance_url"],
        session_id=account.credentials["access_token"],
        version="67.0",
        session=session,
    )
    return account, client


def test_simple_salesforce_script_passes(salesforce):
    account, sf = salesforce
    contacts = set(account.record_ids("Contact"))
    script = Script("simple-salesforce")
    state: dict = {}

    @script.step("the instance URL has no path")
    def _():
        assert account.credentials["instance_url"].count("/") == 2

    @script.step("query: first page and nextRecordsUrl")
    def _():
        first = sf.query("SELECT Id, Email, SystemModstamp FROM Contact ORDER BY SystemModstamp, Id")
        assert first["totalSize"] == len(contacts) and len(first["records"]) == 2000 and not first["done"]
        state["next"] = first["nextRecordsUrl"]
        state["first_ids"] = [record["Id"] for record in first["records"]]

    @script.step("query_more with the nextRecordsUrl")
    def _():
        rest = sf.query_more(state["next"], identifier_is_url=True)
        assert rest["done"] and len(rest["records"]) == len(contacts) - 2000
        assert set(state["first_ids"]) | {record["Id"] for record in rest["records"]} == contacts

    @script.step("query_all follows every page")
    def _():
        everything = sf.query_all("SELECT Id FROM Contact")
        assert {record["Id"] for record in everything["records"]} == contacts

    @script.step("query_all_iter streams every record")
    def _():
        assert sum(1 for _ in sf.query_all_iter("SELECT Id FROM Account")) == len(
            account.record_ids("Account")
        )

    @script.step("sObject create")
    def _():
        created = sf.Contact.create({"LastName": "Contract", "Email": "contract@sf.example"})
        assert created["success"] and created["id"].startswith("003")
        state["id"] = created["id"]

    @script.step("sObject get")
    def _():
        record = sf.Contact.get(state["id"])
        assert record["LastName"] == "Contract" and record["attributes"]["type"] == "Contact"

    @script.step("sObject update (204)")
    def _():
        assert sf.Contact.update(state["id"], {"Title": "Buyer", "AI_Score__c": 42}) == 204
        assert sf.Contact.get(state["id"])["Title"] == "Buyer"

    @script.step("query finds the created record")
    def _():
        found = sf.query(f"SELECT Id, Title FROM Contact WHERE Id = '{state['id']}'")
        assert found["records"][0]["Title"] == "Buyer"

    @script.step("sObject delete (204) and queryAll sees it deleted")
    def _():
        assert sf.Contact.delete(state["id"]) == 204
        deleted = sf.query_all(
            f"SELECT Id, IsDeleted FROM Contact WHERE Id = '{state['id']}'",
            include_deleted=True,
        )
        assert deleted["records"][0]["IsDeleted"] is True

    @script.step("describe an object")
    def _():
        described = sf.Contact.describe()
        names = {field["name"]: field for field in described["fields"]}
        assert names["AI_Score__c"]["updateable"] and not names["SystemModstamp"]["updateable"]

    @script.step("describe the org (global describe)")
    def _():
        assert {"Contact", "Account", "Opportunity"} <= {o["name"] for o in sf.describe()["sobjects"]}

    @script.step("limits, and Sforce-Limit-Info parsed")
    def _():
        assert sf.limits()["DailyApiRequests"]["Max"] == account.limits.daily
        assert sf.api_usage["api-usage"].total == account.limits.daily

    @script.step("errors: a missing record is SalesforceResourceNotFound")
    def _():
        with pytest.raises(SalesforceResourceNotFound):
            sf.Contact.get("003RM000000ZZZZAAA")

    @script.step("errors: an unknown field is SalesforceMalformedRequest")
    def _():
        with pytest.raises(SalesforceMalformedRequest):
            sf.query("SELECT Id, Nope__c FROM Contact")

    script.run()
