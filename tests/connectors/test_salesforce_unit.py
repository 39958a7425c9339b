"""Salesforce connector against scripted responses shaped like CRM_APIS.md S1-S7."""

from datetime import UTC, datetime
from urllib.parse import parse_qs

import pytest

from crmhub.connectors import CrmRateLimited, RecordUpdate, WriteStatus
from crmhub.connectors.ratelimit import RateBudget
from crmhub.connectors.salesforce.client import field_from_describe, history_source
from tests.connectors.fakes import body_of

V = "/services/data/v67.0"
SF_CREDS = {
    "access_token": "00D!a",
    "refresh_token": "r",
    "client_id": "c",
    "client_secret": "s",
    "instance_url": "https://acme.my.salesforce.com",
    "integration_user_id": "005RM00000INTEG",
}


def soql(request) -> str:
    return parse_qs(request.url.query.decode())["q"][0]


def row(record_id: str, stamp: str, **values):
    return {"attributes": {"type": "Contact"}, "Id": record_id, "SystemModstamp": stamp, **values}


def test_describe_fields_map_to_catalog_types():
    score = field_from_describe(
        {
            "name": "Lead_Score__c",
            "label": "Lead Score",
            "type": "double",
            "updateable": True,
            "nillable": True,
            "custom": True,
        }
    )
    assert (score.field_type, score.writable, score.provider_metadata["custom"]) == ("number", True, True)
    source = field_from_describe(
        {
            "name": "LeadSource",
            "type": "picklist",
            "updateable": True,
            "restrictedPicklist": True,
            "picklistValues": [{"value": "Web", "active": True}, {"value": "Old", "active": False}],
        }
    )
    assert source.picklist_options == ["Web"] and source.provider_metadata["restrictedPicklist"] is True
    title = field_from_describe({"name": "Title", "type": "string", "length": 128, "updateable": True})
    assert title.max_length == 128
    assert field_from_describe({"name": "Description", "type": "textarea"}).field_type == "text"
    assert field_from_describe({"name": "NumberOfEmployees", "type": "int"}).field_type == "integer"
    assert field_from_describe({"name": "AnnualRevenue", "type": "currency"}).field_type == "number"
    owner = field_from_describe({"name": "OwnerId", "type": "reference", "updateable": True})
    assert owner.field_type == "reference" and owner.external_options
    stamp = field_from_describe(
        {"name": "LastModifiedDate", "type": "datetime", "updateable": False, "nillable": False}
    )
    assert not stamp.writable and not stamp.nillable


def test_history_objects_follow_salesforce_naming():
    assert history_source("Contact") == ("ContactHistory", "ContactId")
    assert history_source("Opportunity") == ("OpportunityFieldHistory", "OpportunityId")
    assert history_source("Invoice__c") == ("Invoice__History", "ParentId")


def test_changes_follow_next_records_url_in_modstamp_order(make_connector, transport):
    transport.add(
        "GET",
        f"{V}/query",
        (
            200,
            {
                "done": False,
                "nextRecordsUrl": f"{V}/query/01g-2",
                "records": [row("003A00000000001", "2026-01-02T03:04:05.000+0000", Email="a@x.com")],
            },
        ),
    )
    transport.add(
        "GET",
        f"{V}/query/01g-2",
        (
            200,
            {"done": True, "records": [row("003A00000000002", "2026-01-02T03:04:06.000+0000", Email=None)]},
        ),
    )
    connector = make_connector("salesforce", credentials=SF_CREDS, page_size=200)
    pages = list(connector.iter_changes("Contact", since=datetime(2026, 1, 1, tzinfo=UTC), fields=["Email"]))
    assert [[r.id for r in page] for page in pages] == [["003A00000000001"], ["003A00000000002"]]
    assert pages[0][0].modified_at == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert pages[0][0].values == {"Email": "a@x.com"}
    first = transport.calls("GET", f"{V}/query")[0]
    assert "WHERE SystemModstamp >= 2025-12-31T23:59:55Z ORDER BY SystemModstamp, Id" in soql(first)
    assert first.headers["Sforce-Query-Options"] == "batchSize=200"


def test_expired_cursor_restarts_from_last_seen_modstamp_without_duplicates(make_connector, transport):
    def query(request):
        import httpx

        if "2026-01-02T03:04:06Z" in soql(request):
            return httpx.Response(
                200,
                json={
                    "done": True,
                    "records": [
                        row("003A00000000002", "2026-01-02T03:04:06.000+0000"),
                        row("003A00000000003", "2026-01-02T03:04:07.000+0000"),
                    ],
                },
            )
        return httpx.Response(
            200,
            json={
                "done": False,
                "nextRecordsUrl": f"{V}/query/01g-2",
                "records": [
                    row("003A00000000001", "2026-01-02T03:04:05.000+0000"),
                    row("003A00000000002", "2026-01-02T03:04:06.000+0000"),
                ],
            },
        )

    transport.add("GET", f"{V}/query", query)
    transport.add(
        "GET",
        f"{V}/query/01g-2",
        (400, [{"errorCode": "INVALID_QUERY_LOCATOR", "message": "invalid query locator"}]),
    )
    connector = make_connector("salesforce", credentials=SF_CREDS)
    ids = [
        r.id
        for page in connector.iter_changes("Contact", since=datetime(2026, 1, 1, tzinfo=UTC), fields=[])
        for r in page
    ]
    assert ids == ["003A00000000001", "003A00000000002", "003A00000000003"]


def test_deleted_and_merged_records_come_from_query_all(make_connector, transport):
    transport.add(
        "GET",
        f"{V}/queryAll",
        (
            200,
            {
                "done": True,
                "records": [
                    {
                        "Id": "003A00000000001",
                        "IsDeleted": True,
                        "MasterRecordId": None,
                        "SystemModstamp": "2026-01-03T10:00:00.000+0000",
                    },
                    {
                        "Id": "003A00000000002",
                        "IsDeleted": True,
                        "MasterRecordId": "003A00000000009",
                        "SystemModstamp": "2026-01-03T11:00:00.000+0000",
                    },
                ],
            },
        ),
    )
    connector = make_connector("salesforce", credentials=SF_CREDS)
    deleted = list(connector.iter_deleted("Contact", since=datetime(2026, 1, 1, tzinfo=UTC)))
    assert [(d.id, d.merged_into) for d in deleted] == [
        ("003A00000000001", None),
        ("003A00000000002", "003A00000000009"),
    ]
    assert "IsDeleted = true" in soql(transport.requests[0])


def test_last_human_edit_ignores_our_integration_user(make_connector, transport):
    transport.add(
        "GET",
        f"{V}/query",
        (
            200,
            {
                "done": True,
                "records": [
                    {
                        "ContactId": "003A00000000001",
                        "Field": "Title",
                        "CreatedById": "005RM00000INTEGAAA",
                        "CreatedDate": "2026-01-06T09:00:00.000+0000",
                    },
                    {
                        "ContactId": "003A00000000001",
                        "Field": "Title",
                        "CreatedById": "005RM00000HUMAN1",
                        "CreatedDate": "2026-01-05T09:12:00.000+0000",
                    },
                    {
                        "ContactId": "003A00000000002",
                        "Field": "Title",
                        "CreatedById": "005RM00000INTEG",
                        "CreatedDate": "2026-01-05T09:12:00.000+0000",
                    },
                ],
            },
        ),
    )
    connector = make_connector("salesforce", credentials=SF_CREDS)
    edits = connector.last_human_edits("Contact", ["003A00000000001", "003A00000000002"], ["Title", "Email"])
    assert edits == {
        "003A00000000001": {"Title": datetime(2026, 1, 5, 9, 12, tzinfo=UTC), "Email": None},
        "003A00000000002": {"Title": None, "Email": None},
    }
    assert "FROM ContactHistory WHERE ContactId IN" in soql(transport.requests[0])


def test_writes_use_collections_in_chunks_and_map_each_result(make_connector, transport):
    def collections(request):
        import httpx

        records = body_of(request)["records"]
        answers = [{"id": r["id"], "success": True, "errors": []} for r in records]
        if records[0]["id"] == "003A00000000000":
            answers[1] = {
                "success": False,
                "errors": [
                    {
                        "statusCode": "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                        "message": "bad value",
                        "fields": ["Segment__c"],
                    }
                ],
            }
            answers[2] = {
                "success": False,
                "errors": [{"statusCode": "ENTITY_IS_DELETED", "message": "entity is deleted", "fields": []}],
            }
            answers[3] = {
                "success": False,
                "errors": [
                    {"statusCode": "INVALID_CROSS_REFERENCE_KEY", "message": "invalid id", "fields": []}
                ],
            }
            answers[4] = {
                "success": False,
                "errors": [{"statusCode": "UNABLE_TO_LOCK_ROW", "message": "locked", "fields": []}],
            }
        return httpx.Response(200, json=answers)

    transport.add("PATCH", f"{V}/composite/sobjects", collections)
    transport.add(
        "GET",
        f"{V}/queryAll",
        (200, {"done": True, "records": [{"Id": "003A00000000002", "MasterRecordId": "003A00000000777"}]}),
    )
    ids = [f"003A{n:011d}" for n in range(201)]
    connector = make_connector("salesforce", credentials=SF_CREDS)
    results = connector.write("Contact", [RecordUpdate(rid, {"AI_Score__c": 87}) for rid in ids])
    calls = transport.calls("PATCH", f"{V}/composite/sobjects")
    assert [len(body_of(c)["records"]) for c in calls] == [200, 1]
    first = body_of(calls[0])
    assert first["allOrNone"] is False
    assert first["records"][0] == {"attributes": {"type": "Contact"}, "id": ids[0], "AI_Score__c": 87}
    assert calls[0].headers["Sforce-Call-Options"] == "client=crmhub"
    assert [r.status for r in results[:5]] == [
        WriteStatus.OK,
        WriteStatus.VALIDATION_ERROR,
        WriteStatus.DELETED_OR_MERGED,
        WriteStatus.NOT_FOUND,
        WriteStatus.TRANSIENT,
    ]
    assert results[1].field_errors[0].field == "Segment__c"
    assert results[1].field_errors[0].provider_code == "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"
    assert results[2].surviving_id == "003A00000000777"
    assert len(results) == 201 and results[200].ok


def test_whole_write_refused_maps_to_every_record(make_connector, transport):
    transport.add(
        "PATCH",
        f"{V}/composite/sobjects",
        (403, [{"errorCode": "REQUEST_LIMIT_EXCEEDED", "message": "TotalRequests Limit exceeded."}]),
    )
    connector = make_connector("salesforce", credentials=SF_CREDS)
    results = connector.write("Contact", [RecordUpdate("003A00000000001", {"Title": "x"})])
    assert results[0].status == WriteStatus.RATE_LIMITED and results[0].retry_after == 3600.0


def test_request_limit_exceeded_is_rate_limited_and_pauses_the_budget(make_connector, transport, clock):
    transport.add(
        "GET",
        f"{V}/sobjects/Contact/describe",
        (403, [{"errorCode": "REQUEST_LIMIT_EXCEEDED", "message": "TotalRequests Limit exceeded."}]),
    )
    budget = RateBudget.in_memory("sf-limit", sleep=clock.sleep, clock=clock, max_wait=5)
    connector = make_connector("salesforce", credentials=SF_CREDS, budget=budget)
    with pytest.raises(CrmRateLimited):
        connector.discover_schema(["Contact"])
    with pytest.raises(CrmRateLimited, match="budget"):
        budget.acquire()


def test_limit_info_near_the_reserve_pauses_every_worker(make_connector, transport, clock):
    transport.add(
        "GET",
        f"{V}/sobjects/Contact/describe",
        (200, {"name": "Contact", "fields": []}, {"Sforce-Limit-Info": "api-usage=14000/15000"}),
    )
    budget = RateBudget.in_memory(
        "sf-usage", sleep=clock.sleep, clock=clock, max_wait=5, daily_reserve_percent=10
    )
    make_connector("salesforce", credentials=SF_CREDS, budget=budget).discover_schema(["Contact"])
    with pytest.raises(CrmRateLimited):
        budget.acquire()


def test_refresh_uses_login_host_and_learns_integration_user(make_connector, transport):
    transport.add(
        "GET",
        f"{V}/sobjects/Contact/describe",
        (401, [{"errorCode": "INVALID_SESSION_ID", "message": "Session expired or invalid"}]),
        (200, {"name": "Contact", "fields": []}),
    )
    transport.add(
        "POST",
        "/services/oauth2/token",
        (
            200,
            {
                "access_token": "00D!b",
                "instance_url": "https://acme.my.salesforce.com",
                "token_type": "Bearer",
                "id": "https://login.salesforce.com/id/00Dxx0000001gEREAY/005xx000001SwiUAAS",
                "issued_at": "1767225600000",
            },
        ),
    )
    creds = {k: v for k, v in SF_CREDS.items() if k != "integration_user_id"}
    connector = make_connector("salesforce", credentials=creds)
    connector.discover_schema(["Contact"])
    token_call = transport.calls("POST", "/services/oauth2/token")[0]
    assert token_call.url.host == "login.salesforce.com"
    assert connector.connection.credentials["integration_user_id"] == "005xx000001SwiUAAS"
    assert connector.is_own_change(last_modified_by_id="005xx000001SwiU")
    assert connector.is_own_change(change_origin="com/salesforce/api/rest/67.0;client=crmhub")
    assert not connector.is_own_change(last_modified_by_id="005RM00000HUMAN1")
