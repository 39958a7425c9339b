"""HubSpot v3 wire format: auth, properties, search paging, batch read/update, history, merges, limits."""

import httpx
import pytest
from openapi_core.validation.response.exceptions import InvalidData

from .conftest import client_for
from .openapi_support import validate_hubspot

SEARCH = "/crm/v3/objects/contacts/search"


def modified_search(after=None, limit=20, since="0"):
    body = {
        "filterGroups": [
            {"filters": [{"propertyName": "lastmodifieddate", "operator": "GTE", "value": since}]}
        ],
        "sorts": [{"propertyName": "lastmodifieddate", "direction": "ASCENDING"}],
        "properties": ["email", "ai_score", "lastmodifieddate"],
        "limit": limit,
    }
    if after is not None:
        body["after"] = after
    return body


def test_properties_describe_writability_and_custom_fields(hs_client):
    response = hs_client.get("/crm/v3/properties/contacts")
    assert response.status_code == 200
    validate_hubspot(response)
    by_name = {p["name"]: p for p in response.json()["results"]}
    assert by_name["ai_score"]["type"] == "number"
    assert by_name["ai_score"]["hubspotDefined"] is False
    assert by_name["ai_score_updated_at"]["type"] == "datetime"
    assert [o["value"] for o in by_name["ai_segment"]["options"]] == ["enterprise", "mid_market", "smb"]
    assert by_name["lastmodifieddate"]["modificationMetadata"]["readOnlyValue"] is True
    assert by_name["hubspotscore"]["calculated"] is True
    assert by_name["hubspot_owner_id"]["externalOptions"] is True
    assert by_name["hubspot_owner_id"]["options"] == []


def test_deal_and_company_properties_validate(hs_client):
    for object_type in ("companies", "deals"):
        response = hs_client.get(f"/crm/v3/properties/{object_type}")
        validate_hubspot(response)
        names = {p["name"] for p in response.json()["results"]}
        assert "hs_lastmodifieddate" in names


def test_search_pages_through_every_contact_in_modified_order(hs_client, hubspot):
    seen, after, stamps = [], None, []
    while True:
        response = hs_client.post(SEARCH, json=modified_search(after))
        assert response.status_code == 200
        validate_hubspot(response)
        body = response.json()
        assert body["total"] == 60
        assert "x-hubspot-ratelimit-remaining" not in response.headers  # search carries no rate headers
        for result in body["results"]:
            assert all(v is None or isinstance(v, str) for v in result["properties"].values())
            seen.append(result["id"])
            stamps.append(result["properties"]["lastmodifieddate"])
        if "paging" not in body:
            break
        after = body["paging"]["next"]["after"]
    assert sorted(seen) == sorted(hubspot.record_ids("contacts"))
    assert stamps == sorted(stamps)


def test_search_filters_by_modified_since_and_sees_new_writes(hs_client, hubspot, clock):
    clock.advance(60)
    since = str(clock.now_ms())
    record_id = hubspot.record_ids("contacts")[5]
    hubspot.rep_edit("contacts", record_id, {"jobtitle": "Chief Everything"})
    body = hs_client.post(SEARCH, json=modified_search(since=since)).json()
    assert [r["id"] for r in body["results"]] == [record_id]
    assert body["total"] == 1


def test_search_rejects_paging_past_ten_thousand_and_large_limits(hs_client):
    response = hs_client.post(SEARCH, json=modified_search(after="9950", limit=100))
    assert response.status_code == 400
    assert response.json()["category"] == "VALIDATION_ERROR"
    validate_hubspot(response)
    assert hs_client.post(SEARCH, json=modified_search(limit=201)).status_code == 400
    assert hs_client.post(SEARCH, json=modified_search(after="9800", limit=200)).status_code == 200


def test_search_other_filters_in_and_eq(hs_client, hubspot):
    ids = hubspot.record_ids("contacts")[:3]
    body = {
        "filterGroups": [{"filters": [{"propertyName": "hs_object_id", "operator": "IN", "values": ids}]}]
    }
    response = hs_client.post(SEARCH, json=body)
    assert sorted(r["id"] for r in response.json()["results"]) == sorted(ids)
    email = hubspot.get_record("contacts", ids[0])["email"]
    if email:
        body = {
            "filterGroups": [
                {"filters": [{"propertyName": "email", "operator": "EQ", "value": email.upper()}]}
            ]
        }
        assert ids[0] in [r["id"] for r in hs_client.post(SEARCH, json=body).json()["results"]]


def test_search_has_eventual_consistency_lag(hs_client, hubspot, clock):
    hubspot.faults.set(search_lag_s=5)
    record_id = hubspot.record_ids("contacts")[0]
    clock.advance(1)
    since = str(clock.now_ms())
    hubspot.rep_edit("contacts", record_id, {"jobtitle": "CEO"})
    assert hs_client.post(SEARCH, json=modified_search(since=since)).json()["total"] == 0
    clock.advance(6)
    assert hs_client.post(SEARCH, json=modified_search(since=since)).json()["total"] == 1


def test_list_pages_and_archived_records(hs_client, hubspot):
    victim = hubspot.record_ids("contacts")[0]
    hubspot.delete("contacts", victim)
    response = hs_client.get("/crm/v3/objects/contacts", params={"limit": 100})
    validate_hubspot(response)
    assert victim not in [r["id"] for r in response.json()["results"]]
    archived = hs_client.get("/crm/v3/objects/contacts", params={"archived": "true"})
    validate_hubspot(archived)
    [row] = archived.json()["results"]
    assert row["id"] == victim and row["archived"] is True and row["archivedAt"]
    first = hs_client.get("/crm/v3/objects/contacts", params={"limit": 10}).json()
    second = hs_client.get(
        "/crm/v3/objects/contacts", params={"limit": 10, "after": first["paging"]["next"]["after"]}
    )
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second.json()["results"]}


def test_get_unknown_properties_are_ignored_and_missing_record_is_404(hs_client, hubspot):
    record_id = hubspot.record_ids("contacts")[0]
    response = hs_client.get(f"/crm/v3/objects/contacts/{record_id}", params={"properties": "email,nope"})
    assert response.status_code == 200
    validate_hubspot(response)
    assert "nope" not in response.json()["properties"]
    missing = hs_client.get("/crm/v3/objects/contacts/999999999")
    assert missing.status_code == 404
    validate_hubspot(missing)


def test_batch_update_then_history_separates_integration_and_rep(hs_client, hubspot, clock):
    ids = hubspot.record_ids("contacts")[:2]
    inputs = [{"id": i, "properties": {"ai_score": 87, "ai_segment": "smb"}} for i in ids]
    response = hs_client.post("/crm/v3/objects/contacts/batch/update", json={"inputs": inputs})
    assert response.status_code == 200
    validate_hubspot(response)
    assert response.json()["results"][0]["properties"]["ai_score"] == "87"
    clock.advance(30)
    hubspot.rep_edit("contacts", ids[0], {"ai_score": "12"}, user_id=hubspot.rep_user_ids[1])
    read = hs_client.post(
        "/crm/v3/objects/contacts/batch/read",
        json={"inputs": [{"id": ids[0]}], "properties": ["ai_score"], "propertiesWithHistory": ["ai_score"]},
    )
    assert read.status_code == 200
    validate_hubspot(read)
    history = read.json()["results"][0]["propertiesWithHistory"]["ai_score"]
    assert history[0]["value"] == "12" and history[0]["sourceType"] == "CRM_UI"
    assert history[0]["updatedByUserId"] == hubspot.rep_user_ids[1]
    assert history[1]["value"] == "87" and history[1]["sourceType"] == "INTEGRATION"
    assert history[1]["sourceId"] == str(hubspot.app_id) and "updatedByUserId" not in history[1]
    assert history[0]["timestamp"] > history[1]["timestamp"]


def test_batch_update_partial_failure_is_207(hs_client, hubspot):
    good = hubspot.record_ids("contacts")[0]
    response = hs_client.post(
        "/crm/v3/objects/contacts/batch/update",
        json={
            "inputs": [
                {"id": good, "properties": {"ai_score": "5"}},
                {"id": "424242", "properties": {"ai_score": "6"}},
            ]
        },
    )
    assert response.status_code == 207
    validate_hubspot(response)
    body = response.json()
    assert body["numErrors"] == 1
    assert body["errors"][0]["category"] == "OBJECT_NOT_FOUND"
    assert body["errors"][0]["context"]["ids"] == ["424242"]
    assert hubspot.get_record("contacts", good)["ai_score"] == "5"


@pytest.mark.parametrize(
    ("properties", "code"),
    [
        ({"ai_scroe": "1"}, "PROPERTY_DOESNT_EXIST"),
        ({"lastmodifieddate": "2026-01-01T00:00:00Z"}, "READ_ONLY_VALUE"),
        ({"ai_segment": "Enterprise"}, "INVALID_OPTION"),
        ({"ai_score": "high"}, "INVALID_FLOAT"),
    ],
)
def test_batch_update_validation_fails_whole_batch(hs_client, hubspot, properties, code):
    ids = hubspot.record_ids("contacts")[:2]
    before = hubspot.get_record("contacts", ids[0])
    inputs = [{"id": ids[0], "properties": {"jobtitle": "Changed"}}, {"id": ids[1], "properties": properties}]
    response = hs_client.post("/crm/v3/objects/contacts/batch/update", json={"inputs": inputs})
    assert response.status_code == 400
    validate_hubspot(response)
    body = response.json()
    assert body["category"] == "VALIDATION_ERROR"
    assert code in body["message"] and body["errors"][0]["code"] == code
    assert hubspot.get_record("contacts", ids[0]) == before


def test_batch_update_over_one_hundred_inputs_is_rejected(hs_client, hubspot):
    inputs = [{"id": i, "properties": {"ai_score": "1"}} for i in hubspot.record_ids("contacts")[:60]] * 2
    assert hs_client.post("/crm/v3/objects/contacts/batch/update", json={"inputs": inputs}).status_code == 400


def test_patch_and_empty_string_clears(hs_client, hubspot):
    record_id = hubspot.record_ids("contacts")[3]
    response = hs_client.patch(f"/crm/v3/objects/contacts/{record_id}", json={"properties": {"jobtitle": ""}})
    assert response.status_code == 200
    validate_hubspot(response)
    assert hubspot.get_record("contacts", record_id).get("jobtitle") is None


def test_merged_id_resolves_to_primary(hs_client, hubspot):
    loser, winner = hubspot.record_ids("contacts")[:2]
    hubspot.merge("contacts", loser, winner)
    response = hs_client.get(
        f"/crm/v3/objects/contacts/{loser}", params={"properties": "hs_merged_object_ids"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == winner
    assert loser in body["properties"]["hs_merged_object_ids"].split(";")
    merged = hs_client.post(
        "/crm/v3/objects/contacts/merge",
        json={"primaryObjectId": winner, "objectIdToMerge": hubspot.record_ids("contacts")[1]},
    )
    assert merged.status_code == 200
    validate_hubspot(merged)


def test_ignored_writes_succeed_without_changing_the_value(hs_client, hubspot):
    hubspot.faults.set(ignore_writes_to={("contacts", "ai_score")})
    record_id = hubspot.record_ids("contacts")[0]
    before = hubspot.get_record("contacts", record_id).get("ai_score")
    response = hs_client.patch(
        f"/crm/v3/objects/contacts/{record_id}", json={"properties": {"ai_score": "99"}}
    )
    assert response.status_code == 200
    assert hubspot.get_record("contacts", record_id).get("ai_score") == before


def test_schema_change_removes_a_property(hs_client, hubspot):
    hubspot.change_schema("contacts", "ai_score", deleted=True)
    names = {p["name"] for p in hs_client.get("/crm/v3/properties/contacts").json()["results"]}
    assert "ai_score" not in names
    record_id = hubspot.record_ids("contacts")[0]
    response = hs_client.patch(
        f"/crm/v3/objects/contacts/{record_id}", json={"properties": {"ai_score": "1"}}
    )
    assert response.status_code == 400 and "PROPERTY_DOESNT_EXIST" in response.text
    hubspot.change_schema("contacts", "ai_segment", new_type="string")
    retyped = hs_client.get("/crm/v3/properties/contacts/ai_segment").json()
    assert retyped["type"] == "string" and retyped["fieldType"] == "text"


def test_oauth_refresh_and_expired_token(sandbox, hubspot, hs_client):
    hubspot.expire_access_token()
    expired = hs_client.get("/crm/v3/properties/contacts")
    assert expired.status_code == 401
    assert expired.json()["category"] == "EXPIRED_AUTHENTICATION"
    creds = hubspot.credentials
    form = {"grant_type": "refresh_token", "client_id": creds["client_id"], "client_secret": creds["client_secret"],
            "refresh_token": creds["refresh_token"]}  # fmt: skip
    refreshed = hs_client.post("/oauth/v1/token", data=form)
    assert refreshed.status_code == 200
    validate_hubspot(refreshed)
    token = refreshed.json()
    assert token["expires_in"] == 1800 and token["token_use"] == "access_token"
    ok = hs_client.get(
        "/crm/v3/properties/contacts", headers={"Authorization": f"Bearer {token['access_token']}"}
    )
    assert ok.status_code == 200
    bad = hs_client.post("/oauth/v1/token", data={**form, "refresh_token": "nope"})
    assert bad.status_code == 400 and bad.json()["status"] == "BAD_REFRESH_TOKEN"


def test_access_token_ttl_expires_with_the_clock(sandbox, hubspot, hs_client, clock):
    hubspot.set_access_token_ttl(60)
    assert hs_client.get("/crm/v3/properties/deals").status_code == 200
    clock.advance(61)
    response = hs_client.get("/crm/v3/properties/deals")
    assert response.status_code == 401
    assert "expired" in response.json()["message"]


def test_unknown_token_is_401(sandbox, hubspot):
    with client_for(sandbox, hubspot) as client:
        response = client.get("/crm/v3/objects/contacts", headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401
    assert response.json()["category"] == "INVALID_AUTHENTICATION"


def test_burst_limit_429_with_policy_and_headers(hs_client, hubspot, clock):
    hubspot.limits.burst = 3
    statuses = [hs_client.get("/crm/v3/objects/contacts").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = hs_client.get("/crm/v3/objects/contacts")
    body = limited.json()
    assert body["errorType"] == "RATE_LIMIT" and body["policyName"] == "TEN_SECONDLY_ROLLING"
    assert limited.headers["x-hubspot-ratelimit-max"] == "3"
    assert limited.headers["x-hubspot-ratelimit-remaining"] == "0"
    assert limited.headers["x-hubspot-ratelimit-interval-milliseconds"] == "10000"
    clock.advance(10.1)
    assert hs_client.get("/crm/v3/objects/contacts").status_code == 200


def test_search_has_its_own_secondly_limit(hs_client, clock):
    statuses = [hs_client.post(SEARCH, json=modified_search()).status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    assert hs_client.post(SEARCH, json=modified_search()).json()["policyName"] == "SECONDLY"
    clock.advance(1.1)
    assert hs_client.post(SEARCH, json=modified_search()).status_code == 200


def test_date_versioned_paths_and_company_search_on_hs_lastmodifieddate(hs_client, hubspot):
    props = hs_client.get("/crm/properties/2026-03/companies")
    assert props.status_code == 200
    body = {
        "filterGroups": [
            {
                "filters": [
                    {
                        "propertyName": "hs_lastmodifieddate",
                        "operator": "GTE",
                        "value": "2020-01-01T00:00:00Z",
                    }
                ]
            }
        ],
        "sorts": [{"propertyName": "hs_lastmodifieddate", "direction": "DESCENDING"}],
        "limit": 5,
    }
    response = hs_client.post("/crm/objects/2026-03/companies/search", json=body)
    assert response.status_code == 200
    results = response.json()["results"]
    stamps = [r["properties"]["hs_lastmodifieddate"] for r in results]
    assert response.json()["total"] == 12 and stamps == sorted(stamps, reverse=True)
    deal = hs_client.get(f"/crm/v3/objects/0-3/{hubspot.record_ids('deals')[0]}")
    assert deal.status_code == 200 and "dealstage" in deal.json()["properties"]


def test_spec_validator_rejects_a_wrong_shape():
    request = httpx.Request("POST", "http://sandbox.test/hubspot/crm/v3/objects/contacts/search", json={})
    wrong = httpx.Response(200, json={"results": [{"id": 7, "properties": {}}]}, request=request)
    with pytest.raises(InvalidData):
        validate_hubspot(wrong)


def test_search_with_an_unparseable_date_is_a_validation_error(hs_client):
    response = hs_client.post(SEARCH, json=modified_search(since="yesterday"))
    assert response.status_code == 400 and response.json()["category"] == "VALIDATION_ERROR"


def test_associations_v4_batch_read_pages_each_task_and_answers_207_for_none(hs_client, hubspot, monkeypatch):
    """A task made with three contacts and a company: its contacts come paged (two at a time here, the
    input's `after` asks for the rest), a task with none is an error of a 207, and both answers are what the
    official v4 spec describes."""
    from crm_sandbox import hubspot as hubspot_module

    monkeypatch.setattr(hubspot_module, "ASSOCIATIONS_PAGE", 2)
    contacts, company = hubspot.record_ids("contacts")[:3], hubspot.record_ids("companies")[0]
    links = [("contacts", c) for c in contacts] + [("companies", company)]
    values = {"hs_task_subject": "Call", "hs_timestamp": str(hubspot.now_ms())}
    linked = hubspot.create_record("tasks", values, hubspot.rep_actor(), links).id
    alone = hubspot.create_record("tasks", dict(values), hubspot.rep_actor()).id
    url = "/crm/v4/associations/tasks/contacts/batch/read"

    first = hs_client.post(url, json={"inputs": [{"id": linked}, {"id": alone}]})
    assert first.status_code == 207
    validate_hubspot(first)
    body = first.json()
    (result,) = body["results"]
    assert result["from"] == {"id": linked}
    assert [to["toObjectId"] for to in result["to"]] == contacts[:2]
    assert result["to"][0]["associationTypes"] == [{"category": "HUBSPOT_DEFINED", "typeId": 204}]
    assert body["numErrors"] == 1 and body["errors"][0]["context"] == {"fromObjectId": [alone]}

    after = result["paging"]["next"]["after"]
    rest = hs_client.post(url, json={"inputs": [{"id": linked, "after": after}]})
    assert rest.status_code == 200
    validate_hubspot(rest)
    (result,) = rest.json()["results"]
    assert [to["toObjectId"] for to in result["to"]] == contacts[2:] and "paging" not in result

    companies = hs_client.post(
        "/crm/v4/associations/tasks/companies/batch/read", json={"inputs": [{"id": linked}]}
    )
    assert [to["toObjectId"] for to in companies.json()["results"][0]["to"]] == [company]
    too_many = hs_client.post(url, json={"inputs": [{"id": str(n)} for n in range(101)]})
    assert too_many.status_code == 400
