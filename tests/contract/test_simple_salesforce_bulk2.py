"""simple-salesforce's Bulk API 2.0 client (`sf.bulk2`) runs the jobs the connector's bulk path depends on
against the sandbox over HTTPS: a query job read by locator, queryAll with deleted records, insert, update,
upsert on an external id (twice: the second run must update, not create), the successful and failed results
of an ingest job, delete and hardDelete. Our own bulk client and the sandbox were written by one team; this is
the check by a client neither of them wrote."""

import csv
import io

import pytest
import requests
from simple_salesforce import Salesforce

from .script import Script

CREATE_KEY = "CrmHub_Create_Key__c"


@pytest.fixture
def salesforce(served):
    sandbox, _, cafile = served
    account = sandbox.add_account("salesforce", name="sdk-salesforce-bulk", contacts=1200, companies=10)
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


def rows(chunks) -> list[dict]:
    """Every row of the CSV chunks a bulk2 query yields."""
    return [row for chunk in chunks for row in csv.DictReader(io.StringIO(chunk))]


def test_simple_salesforce_bulk2_script_passes(salesforce):
    account, sf = salesforce
    contacts = set(account.record_ids("Contact"))
    script = Script("simple-salesforce bulk2")
    state: dict = {}

    @script.step("query job: every contact, read by locator in chunks of 500")
    def _():
        found = rows(sf.bulk2.Contact.query("SELECT Id, Email FROM Contact", max_records=500, wait=1))
        assert {row["Id"] for row in found} == contacts

    @script.step("insert job: two records, both processed")
    def _():
        result = sf.bulk2.Contact.insert(
            records=[
                {"LastName": "Bulk One", "Email": "bulk1@sf.example", CREATE_KEY: "k-1"},
                {"LastName": "Bulk Two", "Email": "bulk2@sf.example", CREATE_KEY: "k-2"},
            ],
            wait=1,
        )
        assert result[0]["numberRecordsProcessed"] == 2 and result[0]["numberRecordsFailed"] == 0
        state["insert_job"] = result[0]["job_id"]

    @script.step("successful results of the insert: the new ids, sf__Created true")
    def _():
        created = list(
            csv.DictReader(io.StringIO(sf.bulk2.Contact.get_successful_records(state["insert_job"])))
        )
        assert len(created) == 2 and all(row["sf__Created"] == "true" for row in created)
        state["ids"] = [row["sf__Id"] for row in created]
        assert all(record_id.startswith("003") for record_id in state["ids"])

    @script.step("upsert on the external id: a known key updates, a new key creates")
    def _():
        result = sf.bulk2.Contact.upsert(
            records=[
                {CREATE_KEY: "k-1", "Title": "Buyer"},
                {CREATE_KEY: "k-3", "LastName": "Bulk Three"},
            ],
            external_id_field=CREATE_KEY,
            wait=1,
        )
        assert result[0]["numberRecordsProcessed"] == 2 and result[0]["numberRecordsFailed"] == 0
        outcome = list(
            csv.DictReader(io.StringIO(sf.bulk2.Contact.get_successful_records(result[0]["job_id"])))
        )
        assert sorted(row["sf__Created"] for row in outcome) == ["false", "true"]
        assert sf.Contact.get(state["ids"][0])["Title"] == "Buyer"

    @script.step("update job with one bad id: failed results carry sf__Error")
    def _():
        result = sf.bulk2.Contact.update(
            records=[{"Id": state["ids"][1], "Title": "Lead"}, {"Id": "003RM000000ZZZZAAA", "Title": "x"}],
            wait=1,
        )
        assert result[0]["numberRecordsProcessed"] == 2 and result[0]["numberRecordsFailed"] == 1
        failed = list(csv.DictReader(io.StringIO(sf.bulk2.Contact.get_failed_records(result[0]["job_id"]))))
        assert len(failed) == 1 and failed[0]["sf__Error"]
        assert sf.Contact.get(state["ids"][1])["Title"] == "Lead"

    @script.step("delete job, then queryAll sees the record deleted")
    def _():
        result = sf.bulk2.Contact.delete(records=[{"Id": state["ids"][0]}], wait=1)
        assert result[0]["numberRecordsFailed"] == 0
        deleted = rows(
            sf.bulk2.Contact.query_all(
                f"SELECT Id, IsDeleted FROM Contact WHERE Id = '{state['ids'][0]}'", wait=1
            )
        )
        assert deleted and deleted[0]["IsDeleted"].lower() == "true"

    @script.step("hardDelete job: the record is gone even from queryAll")
    def _():
        result = sf.bulk2.Contact.hard_delete(records=[{"Id": state["ids"][1]}], wait=1)
        assert result[0]["numberRecordsFailed"] == 0
        assert not rows(
            sf.bulk2.Contact.query_all(f"SELECT Id FROM Contact WHERE Id = '{state['ids'][1]}'", wait=1)
        )

    script.run()
