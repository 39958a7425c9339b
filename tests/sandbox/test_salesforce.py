"""Salesforce REST wire format: OAuth, describe, SOQL paging and cursors, queryAll, writes, history, limits."""

from urllib.parse import quote

import pytest

from crm_sandbox.salesforce import sf_id

from .conftest import client_for

DATA = "/services/data/v67.0"


def soql(client, query, mode="query", **headers):
    return client.get(f"{DATA}/{mode}", params={"q": query}, headers=headers)


def test_describe_lists_fields_with_writability_and_picklists(sf_client):
    response = sf_client.get(f"{DATA}/sobjects/Contact/describe")
    assert response.status_code == 200
    assert response.headers["sforce-limit-info"].startswith("api-usage=")
    body = response.json()
    assert body["name"] == "Contact" and body["keyPrefix"] == "003"
    fields = {f["name"]: f for f in body["fields"]}
    assert fields["AI_Score__c"]["type"] == "double" and fields["AI_Score__c"]["custom"] is True
    assert fields["Segment__c"]["restrictedPicklist"] is True
    assert [p["value"] for p in fields["Segment__c"]["picklistValues"]] == ["Enterprise", "Mid-Market", "SMB"]
    assert fields["LeadSource"]["restrictedPicklist"] is False
    assert fields["SystemModstamp"]["updateable"] is False and fields["SystemModstamp"]["nillable"] is False
    assert fields["Email"]["length"] == 80
    for name in ("Account", "Opportunity"):
        assert sf_client.get(f"{DATA}/sobjects/{name}/describe").status_code == 200


def test_describe_if_modified_since_gives_304_until_schema_changes(sf_client, salesforce, clock):
    since = "Sun, 01 Mar 2026 12:00:00 GMT"
    assert (
        sf_client.get(f"{DATA}/sobjects/Contact/describe", headers={"If-Modified-Since": since}).status_code
        == 304
    )
    clock.advance(60)
    salesforce.change_schema("Contact", "Segment__c", deleted=True)
    response = sf_client.get(f"{DATA}/sobjects/Contact/describe", headers={"If-Modified-Since": since})
    assert response.status_code == 200
    assert "Segment__c" not in {f["name"] for f in response.json()["fields"]}


def test_incremental_query_pages_with_next_records_url(sf_client, salesforce):
    query = ("SELECT Id, Email, AI_Score__c, SystemModstamp FROM Contact WHERE SystemModstamp > 2020-01-01T00:00:00Z "
             "ORDER BY SystemModstamp, Id")  # fmt: skip
    first = soql(sf_client, query, **{"Sforce-Query-Options": "batchSize=200"})
    body = first.json()
    assert first.status_code == 200 and body["totalSize"] == 60 and body["done"] is True
    record = body["records"][0]
    assert record["attributes"]["type"] == "Contact"
    assert record["attributes"]["url"] == f"{DATA}/sobjects/Contact/{record['Id']}"
    assert record["SystemModstamp"].endswith("+0000") and len(record["SystemModstamp"]) == 28
    stamps = [(r["SystemModstamp"], r["Id"]) for r in body["records"]]
    assert stamps == sorted(stamps)


def test_cursor_paging_and_expiry(sandbox, clock):
    big = sandbox.add_account("salesforce", name="sf-big", contacts=450, companies=20)
    with client_for(sandbox, big) as client:
        query = "SELECT Id FROM Contact WHERE SystemModstamp >= 2020-01-01T00:00:00.000+0000 ORDER BY SystemModstamp, Id"
        page = soql(client, query, **{"Sforce-Query-Options": "batchSize=200"}).json()
        assert page["done"] is False and len(page["records"]) == 200 and page["totalSize"] == 450
        ids = [r["Id"] for r in page["records"]]
        while not page["done"]:
            page = client.get(page["nextRecordsUrl"]).json()
            ids += [r["Id"] for r in page["records"]]
        assert len(ids) == len(set(ids)) == 450
        assert "nextRecordsUrl" not in page
        restart = soql(client, query, **{"Sforce-Query-Options": "batchSize=200"}).json()
        clock.advance(16 * 60)
        expired = client.get(restart["nextRecordsUrl"])
        assert expired.status_code == 400
        assert expired.json()[0]["errorCode"] == "INVALID_QUERY_LOCATOR"


def test_datetime_literal_with_encoded_plus_offset(sf_client, salesforce, clock):
    clock.advance(5)
    record_id = salesforce.record_ids("Contact")[0]
    salesforce.rep_edit("Contact", record_id, {"Title": "CFO"})
    literal = clock.now().strftime("%Y-%m-%dT%H:%M:%S.000+0000")
    query = f"SELECT Id, Title FROM Contact WHERE SystemModstamp >= {literal} ORDER BY SystemModstamp, Id"
    response = sf_client.get(f"{DATA}/query?q={quote(query)}")
    assert [r["Id"] for r in response.json()["records"]] == [record_id]


def test_query_errors_are_json_arrays(sf_client):
    bad_field = soql(sf_client, "SELECT Id, Foo__c FROM Contact")
    assert bad_field.status_code == 400
    assert bad_field.json()[0]["errorCode"] == "INVALID_FIELD"
    assert "No such column 'Foo__c' on entity 'Contact'" in bad_field.json()[0]["message"]
    malformed = soql(sf_client, "SELEKT Id FROM Contact")
    assert malformed.status_code == 400 and malformed.json()[0]["errorCode"] == "MALFORMED_QUERY"
    unknown = soql(sf_client, "SELECT Id FROM Widget__c")
    assert unknown.json()[0]["errorCode"] == "INVALID_TYPE"


def test_where_id_in_and_limit_and_count(sf_client, salesforce):
    ids = salesforce.record_ids("Contact")[:3]
    id_list = ",".join(f"'{i}'" for i in ids)
    response = soql(sf_client, f"SELECT Id, LastName FROM Contact WHERE Id IN ({id_list})")
    assert sorted(r["Id"] for r in response.json()["records"]) == sorted(ids)
    limited = soql(sf_client, "SELECT Id FROM Contact ORDER BY LastName DESC LIMIT 5").json()
    assert limited["totalSize"] == 5
    assert soql(sf_client, "SELECT COUNT() FROM Account").json()["totalSize"] == 12


def test_patch_returns_204_and_bumps_modstamp_even_when_nothing_changes(sf_client, salesforce, clock):
    record_id = salesforce.record_ids("Contact")[0]
    clock.advance(10)
    response = sf_client.patch(f"{DATA}/sobjects/Contact/{record_id}", json={"AI_Score__c": 87})
    assert response.status_code == 204 and response.content == b""
    history_before = len(salesforce.history("Contact", record_id))
    clock.advance(10)
    assert (
        sf_client.patch(f"{DATA}/sobjects/Contact/{record_id}", json={"AI_Score__c": 87}).status_code == 204
    )
    row = soql(
        sf_client,
        f"SELECT SystemModstamp, LastModifiedById, AI_Score__c FROM Contact WHERE Id = '{record_id}'",
    )
    record = row.json()["records"][0]
    assert record["AI_Score__c"] == 87.0
    assert record["SystemModstamp"].startswith(clock.now().strftime("%Y-%m-%dT%H:%M:%S"))
    assert record["LastModifiedById"] == salesforce.integration_user_id
    assert len(salesforce.history("Contact", record_id)) == history_before  # no history row for a no-op


def test_unrestricted_picklist_accepts_anything_restricted_does_not(sf_client, salesforce):
    record_id = salesforce.record_ids("Contact")[0]
    ok = sf_client.patch(f"{DATA}/sobjects/Contact/{record_id}", json={"LeadSource": "Carrier Pigeon"})
    assert ok.status_code == 204
    assert salesforce.get_record("Contact", record_id)["LeadSource"] == "Carrier Pigeon"
    bad = sf_client.patch(f"{DATA}/sobjects/Contact/{record_id}", json={"Segment__c": "enterprise"})
    assert bad.status_code == 400
    assert bad.json() == [{"message": "Segment: bad value for restricted picklist field: enterprise",
                           "errorCode": "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "fields": ["Segment__c"]}]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"Foo__c": 1}, "INVALID_FIELD"),
        ({"Name": "x"}, "INVALID_FIELD_FOR_INSERT_UPDATE"),
        ({"LastName": None}, "REQUIRED_FIELD_MISSING"),
        ({"Title": "x" * 200}, "STRING_TOO_LONG"),
        ({"AI_Score__c": "high"}, "JSON_PARSER_ERROR"),
    ],
)
def test_single_record_write_errors(sf_client, salesforce, body, code):
    record_id = salesforce.record_ids("Contact")[0]
    response = sf_client.patch(f"{DATA}/sobjects/Contact/{record_id}", json=body)
    assert response.status_code == 400
    assert response.json()[0]["errorCode"] == code


def test_patch_missing_and_deleted_records(sf_client, salesforce):
    assert (
        sf_client.patch(f"{DATA}/sobjects/Contact/{sf_id('003', 99999)}", json={}).json()[0]["errorCode"]
        == "NOT_FOUND"
    )
    record_id = salesforce.record_ids("Contact")[0]
    salesforce.delete("Contact", record_id)
    response = sf_client.patch(f"{DATA}/sobjects/Contact/{record_id}", json={"Title": "x"})
    assert response.status_code == 404 and response.json()[0]["errorCode"] == "ENTITY_IS_DELETED"


def test_collection_update_per_record_results_in_order(sf_client, salesforce):
    ids = salesforce.record_ids("Contact")
    deleted = ids[3]
    salesforce.delete("Contact", deleted)
    records = [
        {"attributes": {"type": "Contact"}, "id": ids[0], "AI_Score__c": 55},
        {"attributes": {"type": "Contact"}, "id": ids[1], "Segment__c": "NotAValue"},
        {"attributes": {"type": "Contact"}, "id": ids[2], "IsDeleted": True},
        {"attributes": {"type": "Contact"}, "id": deleted, "AI_Score__c": 1},
        {"attributes": {"type": "Contact"}, "id": sf_id("003", 99999), "AI_Score__c": 1},
    ]
    response = sf_client.patch(f"{DATA}/composite/sobjects", json={"allOrNone": False, "records": records})
    assert response.status_code == 200
    results = response.json()
    assert results[0] == {"id": ids[0], "success": True, "errors": []}
    codes = [r["errors"][0]["statusCode"] for r in results[1:]]
    assert codes == ["INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "INVALID_FIELD_FOR_INSERT_UPDATE",
                     "ENTITY_IS_DELETED", "INVALID_CROSS_REFERENCE_KEY"]  # fmt: skip
    assert salesforce.get_record("Contact", ids[0])["AI_Score__c"] == 55.0


def test_collection_all_or_none_rolls_back(sf_client, salesforce):
    ids = salesforce.record_ids("Contact")
    before = salesforce.get_record("Contact", ids[0]).get("AI_Score__c")
    records = [
        {"attributes": {"type": "Contact"}, "id": ids[0], "AI_Score__c": 42},
        {"attributes": {"type": "Contact"}, "id": ids[1], "Segment__c": "Bogus"},
    ]
    results = sf_client.patch(
        f"{DATA}/composite/sobjects", json={"allOrNone": True, "records": records}
    ).json()
    assert results[0]["errors"][0]["statusCode"] == "ALL_OR_NONE_OPERATION_ROLLED_BACK"
    assert salesforce.get_record("Contact", ids[0]).get("AI_Score__c") == before
    too_many = [{"attributes": {"type": "Contact"}, "id": ids[0]}] * 201
    assert sf_client.patch(f"{DATA}/composite/sobjects", json={"records": too_many}).status_code == 400


def test_history_shows_integration_and_rep_with_client_tag(sf_client, salesforce, clock):
    record_id = salesforce.record_ids("Contact")[0]
    clock.advance(5)
    start = clock.now().strftime("%Y-%m-%dT%H:%M:%SZ")
    clock.advance(5)
    sf_client.patch(f"{DATA}/sobjects/Contact/{record_id}", json={"AI_Score__c": 70},
                    headers={"Sforce-Call-Options": "client=crmhub-ai"})  # fmt: skip
    clock.advance(5)
    rep = salesforce.rep_user_ids[2]
    salesforce.rep_edit("Contact", record_id, {"AI_Score__c": 20}, user_id=rep)
    query = (f"SELECT ContactId, Field, OldValue, NewValue, CreatedById, CreatedDate FROM ContactHistory "
             f"WHERE ContactId IN ('{record_id}') AND CreatedDate > {start} ORDER BY CreatedDate")  # fmt: skip
    rows = soql(sf_client, query).json()["records"]
    assert [(r["Field"], r["NewValue"], r["CreatedById"]) for r in rows] == [
        ("AI_Score__c", 70.0, salesforce.integration_user_id),
        ("AI_Score__c", 20.0, rep),
    ]
    assert rows[0]["attributes"]["type"] == "ContactHistory" and rows[0]["CreatedDate"].endswith("+0000")
    assert salesforce.history("Contact", record_id)[-2].actor.client == "crmhub-ai"
    since_only = soql(
        sf_client, f"SELECT ContactId, Field FROM ContactHistory WHERE CreatedDate > {start}"
    ).json()
    assert since_only["totalSize"] == 2


def test_query_all_shows_deleted_and_merge_losers(sf_client, salesforce):
    ids = salesforce.record_ids("Contact")
    salesforce.delete("Contact", ids[0])
    salesforce.merge("Contact", ids[1], ids[2])
    query = "SELECT Id, IsDeleted, MasterRecordId FROM Contact WHERE IsDeleted = true"
    assert soql(sf_client, query).json()["totalSize"] == 0
    rows = {r["Id"]: r for r in soql(sf_client, query, mode="queryAll").json()["records"]}
    assert rows[ids[0]]["MasterRecordId"] is None
    assert rows[ids[1]]["MasterRecordId"] == ids[2]
    live = soql(sf_client, "SELECT Id FROM Contact").json()
    assert live["totalSize"] == 58


def test_refresh_token_flow_and_expired_session(sf_client, salesforce):
    salesforce.expire_access_token()
    expired = sf_client.get(f"{DATA}/sobjects/Contact/describe")
    assert expired.status_code == 401
    assert expired.json() == [{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}]
    creds = salesforce.credentials
    form = {"grant_type": "refresh_token", "client_id": creds["client_id"], "client_secret": creds["client_secret"],
            "refresh_token": creds["refresh_token"]}  # fmt: skip
    token = sf_client.post("/services/oauth2/token", data=form)
    assert token.status_code == 200
    body = token.json()
    assert "expires_in" not in body and body["token_type"] == "Bearer"
    assert body["instance_url"] == "http://sandbox.test"  # an instance URL has no path
    ok = sf_client.get(f"{DATA}/limits", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert ok.status_code == 200
    salesforce.rotate_refresh_tokens = True
    rotated = sf_client.post("/services/oauth2/token", data=form).json()
    assert rotated["refresh_token"] != form["refresh_token"]
    assert salesforce.credentials["refresh_token"] == rotated["refresh_token"]
    reused = sf_client.post("/services/oauth2/token", data=form)
    assert reused.status_code == 400 and reused.json()["error"] == "invalid_grant"


def test_daily_limit_gives_403_request_limit_exceeded(sf_client, salesforce):
    salesforce.limits.daily = 3
    statuses = [sf_client.get(f"{DATA}/limits").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 403]
    response = sf_client.get(f"{DATA}/limits")
    assert response.json()[0]["errorCode"] == "REQUEST_LIMIT_EXCEEDED"
    assert response.headers["sforce-limit-info"] == "api-usage=5/3"


def test_opportunity_stage_restricted_and_formula_fields(sf_client, salesforce):
    opportunity = salesforce.record_ids("Opportunity")[0]
    assert (
        sf_client.patch(
            f"{DATA}/sobjects/Opportunity/{opportunity}", json={"StageName": "Closed Won"}
        ).status_code
        == 204
    )
    row = soql(sf_client, f"SELECT IsClosed, IsWon FROM Opportunity WHERE Id = '{opportunity}'").json()[
        "records"
    ][0]
    assert row["IsClosed"] is True and row["IsWon"] is True
    bad = sf_client.patch(f"{DATA}/sobjects/Opportunity/{opportunity}", json={"IsClosed": False})
    assert bad.json()[0]["errorCode"] == "INVALID_FIELD_FOR_INSERT_UPDATE"


def test_get_deleted_and_get_updated_windows(sf_client, salesforce, clock):
    start = clock.now().strftime("%Y-%m-%dT%H:%M:%S+00:00")
    clock.advance(5)
    ids = salesforce.record_ids("Contact")
    salesforce.delete("Contact", ids[0])
    salesforce.rep_edit("Contact", ids[1], {"Title": "COO"})
    clock.advance(5)
    end = clock.now().strftime("%Y-%m-%dT%H:%M:%S+00:00")
    deleted = sf_client.get(f"{DATA}/sobjects/Contact/deleted/", params={"start": start, "end": end})
    assert deleted.status_code == 200
    assert [row["id"] for row in deleted.json()["deletedRecords"]] == [ids[0]]
    assert deleted.json()["deletedRecords"][0]["deletedDate"].endswith("+0000")
    updated = sf_client.get(f"{DATA}/sobjects/Contact/updated/", params={"start": start, "end": end}).json()
    assert updated["ids"] == [ids[1]]
    too_wide = sf_client.get(
        f"{DATA}/sobjects/Contact/updated/", params={"start": "2025-01-01T00:00:00Z", "end": end}
    )
    assert too_wide.status_code == 400


def test_query_all_in_modstamp_order_merges_live_and_deleted(sf_client, salesforce, clock):
    ids = salesforce.record_ids("Contact")
    clock.advance(5)
    salesforce.delete("Contact", ids[5])
    clock.advance(5)
    salesforce.rep_edit("Contact", ids[6], {"Title": "CEO"})
    query = ("SELECT Id, IsDeleted, SystemModstamp FROM Contact WHERE SystemModstamp > 2020-01-01T00:00:00Z "
             "ORDER BY SystemModstamp, Id")  # fmt: skip
    rows = soql(sf_client, query, mode="queryAll").json()["records"]
    assert len(rows) == 60
    assert [r["Id"] for r in rows[-2:]] == [ids[5], ids[6]] and rows[-2]["IsDeleted"] is True
    stamps = [(r["SystemModstamp"], r["Id"]) for r in rows]
    assert stamps == sorted(stamps)
    assert len(soql(sf_client, query).json()["records"]) == 59
