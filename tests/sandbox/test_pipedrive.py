"""Pipedrive wire format: v2 cursor lists, get, strict PATCH, fields, v1 changelog, auth, token costs."""

import base64

import httpx
import pytest
from openapi_core.validation.response.exceptions import InvalidData

from .conftest import client_for
from .openapi_support import validate_pipedrive


def page_all(client, path, **params):
    seen, cursor = [], None
    while True:
        query = dict(params, **({"cursor": cursor} if cursor else {}))
        response = client.get(path, params=query)
        assert response.status_code == 200
        validate_pipedrive(response)
        body = response.json()
        seen.extend(body["data"])
        cursor = body["additional_data"]["next_cursor"]
        if cursor is None:
            return seen


@pytest.mark.parametrize("entity", ["persons", "organizations", "deals"])
def test_lists_validate_and_page_to_a_null_cursor(pd_client, pipedrive, entity):
    rows = page_all(pd_client, f"/api/v2/{entity}", limit=7)
    assert sorted(str(r["id"]) for r in rows) == sorted(pipedrive.record_ids(entity))
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)


def test_updated_since_with_update_time_sort(pd_client, pipedrive, clock):
    clock.advance(30)
    since = clock.now().strftime("%Y-%m-%dT%H:%M:%SZ")
    ids = pipedrive.record_ids("persons")
    for record_id in (ids[4], ids[1]):
        clock.advance(1)
        pipedrive.rep_edit("persons", record_id, {"job_title": "CTO"})
    rows = page_all(pd_client, "/api/v2/persons", updated_since=since, sort_by="update_time", limit=1)
    assert [str(r["id"]) for r in rows] == [ids[4], ids[1]]
    full = page_all(pd_client, "/api/v2/persons", sort_by="update_time", sort_direction="desc", limit=25)
    stamps = [r["update_time"] for r in full]
    assert stamps == sorted(stamps, reverse=True) and len(full) == 60


def test_person_shape_and_custom_fields(pd_client, pipedrive):
    person_id = pipedrive.record_ids("persons")[0]
    response = pd_client.get(f"/api/v2/persons/{person_id}")
    validate_pipedrive(response)
    data = response.json()["data"]
    assert data["id"] == int(person_id) and data["update_time"].endswith("Z")
    assert set(data["custom_fields"]) == {
        pipedrive.field_key(n) for n in ("ai_score", "ai_score_updated_at", "ai_segment", "crmhub_create_key")
    }
    assert all(len(key) == 40 for key in data["custom_fields"])
    assert pd_client.get("/api/v2/persons/999999").status_code == 404


def test_fields_endpoint_describes_custom_fields(pd_client, pipedrive):
    response = pd_client.get("/api/v2/personFields", params={"limit": 500})
    validate_pipedrive(response)
    fields = {f["field_code"]: f for f in response.json()["data"]}
    segment = fields[pipedrive.field_key("ai_segment")]
    assert segment["field_type"] == "enum" and segment["is_custom_field"] is True
    assert [o["label"] for o in segment["options"]] == ["Enterprise", "Mid-Market", "SMB"]
    assert fields[pipedrive.field_key("ai_score")]["field_type"] == "double"
    first = pd_client.get("/api/v2/dealFields", params={"limit": 5})
    validate_pipedrive(first)
    assert first.json()["additional_data"]["next_cursor"]


def test_patch_custom_fields_and_changelog_sources(pd_client, pipedrive, clock):
    person_id = pipedrive.record_ids("persons")[2]
    score, segment = pipedrive.field_key("ai_score"), pipedrive.field_key("ai_segment")
    option_id = pipedrive.schema["contacts"][segment].options[0][0]
    clock.advance(5)
    response = pd_client.patch(
        f"/api/v2/persons/{person_id}", json={"custom_fields": {score: 87, segment: option_id}}
    )
    assert response.status_code == 200
    validate_pipedrive(response)
    assert response.json()["data"]["custom_fields"][score] == 87
    clock.advance(5)
    pipedrive.rep_edit("persons", person_id, {"ai_score": 12}, user_id=pipedrive.rep_user_ids[3])
    changelog = pd_client.get(f"/api/v1/persons/{person_id}/changelog")
    assert changelog.status_code == 200
    rows = changelog.json()["data"]
    assert rows[0]["field_key"] == score and rows[0]["new_value"] == "12"
    assert (
        rows[0]["change_source"] in ("app", "mobile")
        and rows[0]["actor_user_id"] == pipedrive.rep_user_ids[3]
    )
    api_rows = [r for r in rows if r["change_source"] == "api"]
    assert {r["field_key"] for r in api_rows} == {score, segment}
    assert all(r["actor_user_id"] == pipedrive.integration_user_id for r in api_rows)
    assert len(rows[0]["time"]) == 19 and rows[0]["time"][10] == " "


@pytest.mark.parametrize(
    "body",
    [
        {"custom_fields": {"ai_score": 87}},
        {"custom_fields": {"SCORE": "87"}},
        {"name": 42},
        {"unknown_key": 1},
        {"owner_id": "7"},
    ],
)
def test_strict_v2_validation(pd_client, pipedrive, body):
    if body.get("custom_fields", {}).get("SCORE"):
        body = {"custom_fields": {pipedrive.field_key("ai_score"): "87"}}  # numbers are not coerced in v2
    person_id = pipedrive.record_ids("persons")[0]
    before = pipedrive.get_record("persons", person_id)
    response = pd_client.patch(f"/api/v2/persons/{person_id}", json=body)
    assert response.status_code == 400
    assert response.json()["success"] is False and response.json()["data"] is None
    assert pipedrive.get_record("persons", person_id) == before


def test_deal_patch_and_deleted_status(pd_client, pipedrive):
    deal_id = pipedrive.record_ids("deals")[0]
    response = pd_client.patch(f"/api/v2/deals/{deal_id}", json={"status": "won", "value": 1200.5})
    validate_pipedrive(response)
    assert response.json()["data"]["status"] == "won"
    assert pd_client.patch(f"/api/v2/deals/{deal_id}", json={"status": "maybe"}).status_code == 400
    pipedrive.delete("deals", deal_id)
    listed = {r["id"] for r in page_all(pd_client, "/api/v2/deals", limit=100)}
    assert int(deal_id) not in listed
    deleted = page_all(pd_client, "/api/v2/deals", status="deleted")
    assert [r["id"] for r in deleted] == [int(deal_id)] and deleted[0]["is_deleted"] is True


def test_merge_deletes_the_loser(pd_client, pipedrive):
    loser, winner = pipedrive.record_ids("persons")[:2]
    pipedrive.merge("persons", loser, winner)
    assert pd_client.get(f"/api/v2/persons/{loser}").status_code == 404
    assert pd_client.get(f"/api/v2/persons/{winner}").status_code == 200


def test_auth_variants_and_401(sandbox, pipedrive):
    with client_for(sandbox, pipedrive) as client:
        token = pipedrive.credentials["api_token"]
        assert (
            client.get("/api/v2/persons", headers={"Authorization": "", "x-api-token": token}).status_code
            == 200
        )
        # v2 declares only the x-api-token header (spec securitySchemes): the legacy query parameter is refused
        query_token = client.get(
            "/api/v2/persons", params={"api_token": token}, headers={"Authorization": ""}
        )
        assert query_token.status_code == 401
        # v1 still reads it
        assert client.get(
            "/v1/users/me", params={"api_token": token}, headers={"Authorization": ""}
        ).is_success
        denied = client.get("/api/v2/persons", headers={"Authorization": "Bearer wrong"})
        assert denied.status_code == 401
        assert denied.json()["error"] == "unauthorized access" and denied.json()["errorCode"] == 401


def test_oauth_refresh_with_basic_auth(sandbox, pipedrive, pd_client):
    pipedrive.expire_access_token()
    assert pd_client.get("/api/v2/persons").status_code == 401
    creds = pipedrive.credentials
    basic = base64.b64encode(f"{creds['client_id']}:{creds['client_secret']}".encode()).decode()
    response = pd_client.post("/oauth/token", data={"grant_type": "refresh_token", "refresh_token": creds["refresh_token"]},
                              headers={"Authorization": f"Basic {basic}"})  # fmt: skip
    assert response.status_code == 200
    body = response.json()
    assert body["expires_in"] == 3599 and body["api_domain"] == "http://sandbox.test/pipedrive"
    assert (
        pd_client.get(
            "/api/v2/persons", headers={"Authorization": f"Bearer {body['access_token']}"}
        ).status_code
        == 200
    )
    wrong = pd_client.post("/oauth/token", data={"grant_type": "refresh_token", "refresh_token": "x"},
                           headers={"Authorization": f"Basic {basic}"})  # fmt: skip
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"


def test_burst_window_and_token_costs(pd_client, pipedrive, clock):
    pipedrive.limits.burst = 3
    pipedrive.limits.daily = 1000
    first = pd_client.get("/api/v2/persons")
    assert first.headers["x-ratelimit-limit"] == "3" and first.headers["x-ratelimit-remaining"] == "2"
    assert first.headers["x-daily-requests-left"] == "990"  # a v2 list costs 10 tokens
    pd_client.get(f"/api/v2/persons/{pipedrive.record_ids('persons')[0]}")  # 1 token
    person = pipedrive.record_ids("persons")[0]
    assert (
        pd_client.get(f"/api/v1/persons/{person}/changelog").headers["x-daily-requests-left"] == "969"
    )  # 20 tokens
    limited = pd_client.get("/api/v2/persons")
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
    assert limited.json()["success"] is False
    clock.advance(2)
    assert pd_client.get("/api/v2/persons").status_code == 200


def test_daily_token_budget_exhaustion(pd_client, pipedrive):
    pipedrive.limits.daily = 15
    assert pd_client.get("/api/v2/persons").status_code == 200
    assert pd_client.get("/api/v2/persons").status_code == 429


def test_invalid_list_parameters(pd_client):
    assert pd_client.get("/api/v2/persons", params={"limit": 501}).status_code == 400
    assert pd_client.get("/api/v2/persons", params={"sort_by": "name"}).status_code == 400
    assert pd_client.get("/api/v2/persons", params={"cursor": "%%%"}).status_code == 400


def test_changelog_pages_with_cursor(pd_client, pipedrive, clock):
    person_id = pipedrive.record_ids("persons")[7]
    for step in range(5):
        clock.advance(1)
        pipedrive.rep_edit("persons", person_id, {"job_title": f"Title {step}"})
    first = pd_client.get(f"/api/v1/persons/{person_id}/changelog", params={"limit": 3}).json()
    assert [row["new_value"] for row in first["data"]] == ["Title 4", "Title 3", "Title 2"]
    rest = pd_client.get(f"/api/v1/persons/{person_id}/changelog",
                         params={"limit": 3, "cursor": first["additional_data"]["next_cursor"]}).json()  # fmt: skip
    assert [row["new_value"] for row in rest["data"]][:2] == ["Title 1", "Title 0"]
    assert rest["additional_data"]["next_cursor"] is None


def test_spec_validator_rejects_a_wrong_shape():
    request = httpx.Request("GET", "http://sandbox.test/pipedrive/api/v2/persons")
    wrong = httpx.Response(200, json={"success": True, "data": [{"id": "seven"}]}, request=request)
    with pytest.raises(InvalidData):
        validate_pipedrive(wrong)
