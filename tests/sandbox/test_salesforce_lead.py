"""The Salesforce Lead object in the emulator: describe, create with Salesforce's defaults (the consent
booleans false, never null; Status the first open value), retrieve, SOQL, PATCH of the consent fields,
read-only conversion fields refused, delete and queryAll."""

from .conftest import client_for

DATA = "/services/data/v67.0"


def soql(client, query, mode="query"):
    return client.get(f"{DATA}/{mode}", params={"q": query})


def test_lead_is_described_with_its_consent_and_conversion_fields(sf_client):
    listed = {o["name"]: o for o in sf_client.get(f"{DATA}/sobjects").json()["sobjects"]}
    assert listed["Lead"]["keyPrefix"] == "00Q"
    body = sf_client.get(f"{DATA}/sobjects/Lead/describe").json()
    assert body["name"] == "Lead" and body["keyPrefix"] == "00Q"
    fields = {f["name"]: f for f in body["fields"]}
    for name in ("HasOptedOutOfEmail", "HasOptedOutOfFax", "DoNotCall"):
        assert (fields[name]["type"], fields[name]["nillable"], fields[name]["updateable"]) == (
            "boolean",
            False,
            True,
        )
    assert fields["Company"]["nillable"] is False and fields["LastName"]["nillable"] is False
    assert fields["Status"]["restrictedPicklist"] is True
    assert fields["IsConverted"]["updateable"] is False
    assert fields["ConvertedContactId"]["type"] == "reference"


def test_lead_create_read_query_update_and_delete(sandbox, salesforce, sf_client):
    created = sf_client.post(
        f"{DATA}/sobjects/Lead/",
        json={"LastName": "Okafor", "Company": "Ngozi Foods", "Email": "n@ngozi.test"},
    )
    assert created.status_code == 201, created.text
    lead_id = created.json()["id"]
    assert lead_id.startswith("00Q") and created.json()["success"] is True

    lead = sf_client.get(f"{DATA}/sobjects/Lead/{lead_id}").json()
    assert lead["attributes"]["type"] == "Lead"
    assert (lead["HasOptedOutOfEmail"], lead["HasOptedOutOfFax"], lead["DoNotCall"]) == (False, False, False)
    assert lead["Status"] == "Open - Not Contacted" and lead["IsConverted"] is False

    patched = sf_client.patch(
        f"{DATA}/sobjects/Lead/{lead_id}", json={"HasOptedOutOfEmail": True, "DoNotCall": True}
    )
    assert patched.status_code == 204, patched.text
    rows = soql(
        sf_client, f"SELECT Id, Email, HasOptedOutOfEmail, DoNotCall FROM Lead WHERE Id = '{lead_id}'"
    ).json()["records"]
    assert [(r["Id"], r["HasOptedOutOfEmail"], r["DoNotCall"]) for r in rows] == [(lead_id, True, True)]

    refused = sf_client.patch(f"{DATA}/sobjects/Lead/{lead_id}", json={"IsConverted": True})
    assert refused.status_code == 400 and refused.json()[0]["errorCode"] == "INVALID_FIELD_FOR_INSERT_UPDATE"
    missing_company = sf_client.post(f"{DATA}/sobjects/Lead/", json={"LastName": "Nobody"})
    assert missing_company.status_code == 400
    assert missing_company.json()[0]["errorCode"] == "REQUIRED_FIELD_MISSING"

    assert sf_client.delete(f"{DATA}/sobjects/Lead/{lead_id}").status_code == 204
    assert soql(sf_client, f"SELECT Id FROM Lead WHERE Id = '{lead_id}'").json()["totalSize"] == 0
    gone = soql(sf_client, f"SELECT Id, IsDeleted FROM Lead WHERE Id = '{lead_id}'", mode="queryAll").json()
    assert [r["IsDeleted"] for r in gone["records"]] == [True]


def test_other_crms_and_contacts_are_untouched_by_lead(sandbox, salesforce, hubspot):
    assert salesforce.record_ids("leads") == []  # none seeded: they come from creates
    assert "leads" not in hubspot.schema
    with client_for(sandbox, salesforce) as client:
        contact = soql(client, "SELECT Id FROM Contact LIMIT 1").json()["records"][0]
    assert contact["Id"].startswith("003")
