"""HubSpot connector against scripted responses shaped like CRM_APIS.md H1-H7 and the official spec."""

from datetime import UTC, date, datetime

import httpx

from crmhub.connectors import RecordUpdate, WriteStatus
from crmhub.connectors.hubspot import client as hs
from crmhub.connectors.hubspot.client import (
    field_from_property,
    history_edits,
    is_own_history_entry,
    to_hubspot_value,
)
from tests.connectors.fakes import body_of

OBJ = "/crm/v3/objects/contacts"
HS_CREDS = {"access_token": "tok", "app_id": "8151242"}


def prop(name, hs_type, field_type, **extra):
    return {
        "name": name,
        "label": name.title(),
        "type": hs_type,
        "fieldType": field_type,
        "options": [],
        **extra,
    }


def test_properties_map_to_catalog_types():
    segment = field_from_property(
        prop(
            "ai_segment",
            "enumeration",
            "select",
            options=[{"label": "SMB", "value": "smb"}, {"label": "Old", "value": "old", "hidden": True}],
        )
    )
    assert (segment.field_type, segment.picklist_options) == ("picklist", ["smb"])
    assert field_from_property(prop("tags", "enumeration", "checkbox")).field_type == "multipicklist"
    assert field_from_property(prop("is_vip", "enumeration", "booleancheckbox")).field_type == "boolean"
    assert field_from_property(prop("notes", "string", "textarea")).field_type == "text"
    assert field_from_property(prop("email", "string", "text")).field_type == "email"
    assert field_from_property(prop("phone", "phone_number", "phonenumber")).field_type == "phone"
    assert field_from_property(prop("mobilephone", "string", "phonenumber")).field_type == "phone"
    owner = field_from_property(
        prop("hubspot_owner_id", "enumeration", "select", externalOptions=True, referencedObjectType="OWNER")
    )
    assert owner.field_type == "reference" and owner.external_options
    stage = field_from_property(prop("dealstage", "enumeration", "radio"))
    assert stage.field_type == "picklist" and stage.external_options
    created = field_from_property(
        prop("createdate", "datetime", "date", modificationMetadata={"readOnlyValue": True})
    )
    assert created.field_type == "datetime" and not created.writable
    assert not field_from_property(prop("score", "number", "number", calculated=True)).writable


def test_values_are_sent_as_the_strings_hubspot_expects():
    assert to_hubspot_value(87.0) == "87"
    assert to_hubspot_value(87.5) == "87.5"
    assert to_hubspot_value(True) == "true"
    assert to_hubspot_value(None) == ""
    assert to_hubspot_value(date(2026, 1, 5)) == "2026-01-05"
    assert to_hubspot_value(datetime(2026, 1, 5, 9, 12, tzinfo=UTC)) == "2026-01-05T09:12:00.000Z"
    assert to_hubspot_value(["a", "b"]) == "a;b"


def test_history_classifies_our_app_apart_from_people_and_other_integrations():
    result = {
        "id": "151",
        "propertiesWithHistory": {
            "lead_score": [
                {
                    "value": "55",
                    "timestamp": "2026-01-06T00:00:00.000Z",
                    "sourceType": "INTEGRATION",
                    "sourceId": "8151242",
                },
                {
                    "value": "50",
                    "timestamp": "2026-01-05T09:12:00.000Z",
                    "sourceType": "CRM_UI",
                    "sourceId": "userId:1",
                    "updatedByUserId": 1,
                },
                {
                    "value": "42",
                    "timestamp": "2026-01-04T00:00:00.000Z",
                    "sourceType": "INTEGRATION",
                    "sourceId": "999",
                },
            ]
        },
    }
    assert [e.by_human for e in history_edits(result, "8151242")] == [False, True, True]
    # Our app unknown: no app's write is taken for ours.
    assert [e.by_human for e in history_edits(result, None)] == [True, True, True]


def test_a_webhooks_app_source_reads_with_or_without_its_prefix():
    assert is_own_history_entry({"sourceType": "INTEGRATION", "sourceId": "appId:8151242"}, "8151242")
    assert is_own_history_entry({"sourceType": "API", "sourceId": "8151242"}, "8151242")
    assert not is_own_history_entry({"sourceType": "INTEGRATION", "sourceId": "appId:999"}, "8151242")
    assert not is_own_history_entry({"sourceType": "CRM_UI", "sourceId": "userId:8151242"}, "8151242")


OPERATORS = {"GTE": int.__ge__, "GT": int.__gt__, "EQ": int.__eq__}


def search_answer(records, total, stamp_of):
    """HubSpot search over (id, stamp) records: the time and id filters, one sort, offset paging."""

    def answer(request):
        body = body_of(request)
        matching = list(records)
        for item in body["filterGroups"][0]["filters"]:
            value = stamp_of if item["propertyName"] == "lastmodifieddate" else (lambda r: int(r[0]))
            matching = [r for r in matching if OPERATORS[item["operator"]](value(r), int(item["value"]))]
        if body["sorts"][0]["propertyName"] == "hs_object_id":
            matching.sort(key=lambda r: int(r[0]))
        else:
            matching.sort(key=stamp_of)
        after = int(body.get("after", 0))
        page = matching[after : after + body["limit"]]
        nxt = {"next": {"after": str(after + body["limit"])}} if after + body["limit"] < len(matching) else {}
        results = [
            {
                "id": r[0],
                "properties": {"lastmodifieddate": str(r[1]), "email": f"{r[0]}@x.com"},
                "updatedAt": "x",
            }
            for r in page
        ]
        return httpx.Response(200, json={"total": len(matching), "results": results, "paging": nxt})

    return answer


def test_search_restarts_its_window_before_the_result_cap(make_connector, transport, monkeypatch):
    monkeypatch.setattr(hs, "SEARCH_CAP", 4)
    base = 1767225600000
    # 7 changes; two share a timestamp across the restart point.
    records = [
        ("1", base + 1),
        ("2", base + 2),
        ("3", base + 3),
        ("4", base + 3),
        ("5", base + 4),
        ("6", base + 5),
        ("7", base + 6),
    ]
    transport.add("POST", f"{OBJ}/search", search_answer(records, len(records), lambda r: r[1]))
    connector = make_connector("hubspot", credentials=HS_CREDS, page_size=2)
    pages = list(connector.iter_changes("contacts", since=datetime(2026, 1, 1, tzinfo=UTC), fields=["email"]))
    ids = [r.id for page in pages for r in page]
    assert ids == ["1", "2", "3", "4", "5", "6", "7"]
    bodies = [body_of(r) for r in transport.calls("POST", f"{OBJ}/search")]
    assert all("after" not in b or int(b["after"]) + b["limit"] <= 4 for b in bodies)
    starts = sorted({b["filterGroups"][0]["filters"][0]["value"] for b in bodies})
    assert len(starts) >= 2  # the window was restarted
    assert bodies[0]["sorts"] == [{"propertyName": "lastmodifieddate", "direction": "ASCENDING"}]
    assert bodies[0]["filterGroups"][0]["filters"][0]["operator"] == "GTE"


def test_an_instant_holding_more_than_a_page_is_read_by_id_then_passed(
    make_connector, transport, monkeypatch
):
    monkeypatch.setattr(hs, "SEARCH_CAP", 4)
    base = 1767225600000
    # Six records share one modification time: more than a page, more than the (lowered) result cap.
    records = [("1", base + 1), *[(str(i), base + 2) for i in (9, 3, 7, 4, 8, 5)], ("2", base + 3)]
    transport.add("POST", f"{OBJ}/search", search_answer(records, len(records), lambda r: r[1]))
    connector = make_connector("hubspot", credentials=HS_CREDS, page_size=2)
    pages = list(connector.iter_changes("contacts", since=datetime(2026, 1, 1, tzinfo=UTC), fields=["email"]))
    ids = [r.id for page in pages for r in page]
    assert sorted(ids) == sorted(r[0] for r in records) and len(ids) == len(records)
    bodies = [body_of(r) for r in transport.calls("POST", f"{OBJ}/search")]
    assert not any("after" in body for body in bodies)  # never an offset, so never the cap
    instant = [b for b in bodies if b["filterGroups"][0]["filters"][0]["operator"] == "EQ"]
    assert instant and all(
        b["sorts"] == [{"propertyName": "hs_object_id", "direction": "ASCENDING"}] for b in instant
    )
    assert [f["operator"] for f in instant[-1]["filterGroups"][0]["filters"]] == ["EQ", "GT"]
    after_instant = bodies[bodies.index(instant[-1]) + 1]["filterGroups"][0]["filters"][0]
    assert after_instant == {"propertyName": "lastmodifieddate", "operator": "GT", "value": str(base + 2)}


def test_companies_search_on_hs_lastmodifieddate(make_connector, transport):
    transport.add("POST", "/crm/v3/objects/companies/search", (200, {"total": 0, "results": []}))
    connector = make_connector("hubspot", credentials=HS_CREDS)
    assert (
        list(connector.iter_changes("companies", since=datetime(2026, 1, 1, tzinfo=UTC), fields=["name"]))
        == []
    )
    body = body_of(transport.requests[0])
    assert body["filterGroups"][0]["filters"][0]["propertyName"] == "hs_lastmodifieddate"


def test_batch_update_maps_207_errors_per_id(make_connector, transport):
    transport.add(
        "POST",
        f"{OBJ}/batch/update",
        (
            207,
            {
                "status": "COMPLETE",
                "results": [
                    {"id": "151", "properties": {}},
                    {"id": "900", "properties": {"hs_merged_object_ids": "153"}},
                ],
                "numErrors": 1,
                "errors": [
                    {
                        "status": "error",
                        "category": "OBJECT_NOT_FOUND",
                        "message": "Could not get some CONTACT objects",
                        "context": {"ids": ["152"]},
                    }
                ],
            },
        ),
    )
    connector = make_connector("hubspot", credentials=HS_CREDS)
    results = connector.write(
        "contacts", [RecordUpdate(i, {"ai_score": 87.0, "vip": True}) for i in ("151", "152", "153")]
    )
    assert [r.status for r in results] == [
        WriteStatus.OK,
        WriteStatus.NOT_FOUND,
        WriteStatus.DELETED_OR_MERGED,
    ]
    assert results[2].surviving_id == "900"
    sent = body_of(transport.requests[0])["inputs"][0]
    assert sent == {"id": "151", "properties": {"ai_score": "87", "vip": "true"}}


def test_whole_batch_validation_error_reaches_every_record_with_the_property(make_connector, transport):
    message = (
        'Property values were not valid: [{"isValid":false,"message":"Property \\"ai_scroe\\" does not exist",'
        '"error":"PROPERTY_DOESNT_EXIST","name":"ai_scroe"}]'
    )
    transport.add(
        "POST",
        f"{OBJ}/batch/update",
        (400, {"status": "error", "message": message, "correlationId": "c", "category": "VALIDATION_ERROR"}),
    )
    connector = make_connector("hubspot", credentials=HS_CREDS)
    results = connector.write(
        "contacts", [RecordUpdate("151", {"ai_scroe": 1}), RecordUpdate("152", {"ai_score": 2})]
    )
    assert {r.status for r in results} == {WriteStatus.VALIDATION_ERROR}
    assert results[1].field_errors[0].field == "ai_scroe"
    assert results[1].field_errors[0].provider_code == "PROPERTY_DOESNT_EXIST"


def test_writes_go_in_batches_of_100(make_connector, transport):
    def ok(request):
        return httpx.Response(
            200, json={"status": "COMPLETE", "results": [{"id": i["id"]} for i in body_of(request)["inputs"]]}
        )

    transport.add("POST", f"{OBJ}/batch/update", ok)
    results = make_connector("hubspot", credentials=HS_CREDS).write(
        "contacts", [RecordUpdate(str(i), {"a": 1}) for i in range(250)]
    )
    assert [len(body_of(r)["inputs"]) for r in transport.requests] == [100, 100, 50]
    assert all(r.ok for r in results)


def test_date_versioned_paths(make_connector, transport):
    transport.add("GET", "/crm/properties/2026-03/contacts", (200, {"results": []}))
    connector = make_connector("hubspot", credentials=HS_CREDS)
    connector.connection.api_version = "2026-03"
    connector.discover_schema(["contacts"])
    assert transport.requests[0].url.path == "/crm/properties/2026-03/contacts"


def test_rate_headers_at_zero_pause_the_shared_budget(make_connector, transport, sleeps):
    headers = {"X-HubSpot-RateLimit-Remaining": "0", "X-HubSpot-RateLimit-Interval-Milliseconds": "10000"}
    transport.add("GET", "/crm/v3/properties/contacts", (200, {"results": []}, headers))
    connector = make_connector("hubspot", credentials=HS_CREDS)
    connector.discover_schema(["contacts"])
    connector.rate_budget.acquire()
    assert sum(sleeps) >= 9  # waited for the window HubSpot said was spent


def test_our_app_id_is_read_from_the_token_once_and_the_token_never_reaches_a_log(
    make_connector, transport, caplog
):
    secret = "CJ-secret-token-0123456789"
    path = f"/oauth/v1/access-tokens/{secret}"
    transport.add("GET", path, (503, {"status": "error"}), (200, {"app_id": 8151242, "hub_id": 1}))
    connector = make_connector("hubspot", credentials={"access_token": secret})
    with caplog.at_level("INFO"):
        assert connector.api_user_id() == "8151242"  # after one retry
    assert connector.connection.credentials["app_id"] == "8151242"
    assert connector.api_user_id() == "8151242" and len(transport.calls("GET", path)) == 2
    assert "retry" in caplog.text and secret not in caplog.text
