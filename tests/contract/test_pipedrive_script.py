"""Pipedrive has no maintained Python client for API v2 (tests/contract/README.md says which were checked), so
this script is plain httpx written from the official spec: the calls an integration makes, over HTTPS against
the sandbox, each request checked against the vendored v1/v2 spec before it is sent and each answer after."""

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from tests.sandbox.openapi_support import SpecCheckedTransport, validate_pipedrive

from .script import Script

EMAILS = [
    {"value": "ada@work.example", "primary": True, "label": "work"},
    {"value": "ada@home.example", "primary": False, "label": "home"},
]


@pytest.fixture
def pipedrive(served):
    sandbox, _, cafile = served
    account = sandbox.add_account("pipedrive", name="script-pipedrive", contacts=120, companies=20)
    headers = {"x-api-token": account.credentials["api_token"]}
    checked = httpx.Client(
        transport=SpecCheckedTransport(httpx.HTTPTransport(verify=cafile)),
        base_url=account.base_url,
        headers=headers,
        timeout=10,
    )
    raw = httpx.Client(verify=cafile, base_url=account.base_url, timeout=10)
    with checked, raw:
        yield account, checked, raw


def answer(response: httpx.Response) -> dict:
    """The body of a response the spec allows for its operation."""
    validate_pipedrive(response)
    return response.json()


def test_pipedrive_script_passes(pipedrive):
    account, api, raw = pipedrive
    persons = {int(i) for i in account.record_ids("persons")}
    score, segment = account.field_key("ai_score"), account.field_key("ai_segment")
    script = Script("pipedrive (httpx from the spec)")
    state: dict = {}

    @script.step("GET /v1/users/me")
    def _():
        me = answer(api.get("/v1/users/me"))["data"]
        assert me["id"] == account.integration_user_id and me["is_you"] is True

    @script.step("GET /api/v2/personFields (cursor paging)")
    def _():
        fields, cursor = [], None
        while True:
            page = answer(
                api.get("/api/v2/personFields", params={"limit": 5, **({"cursor": cursor} if cursor else {})})
            )
            fields += page["data"]
            cursor = page["additional_data"]["next_cursor"]
            if not cursor:
                break
        codes = {field["field_code"]: field for field in fields}
        assert {"name", "email", "phone", score, segment} <= set(codes)
        state["options"] = [option["id"] for option in codes[segment]["options"]]

    @script.step("GET /api/v2/persons changed since, in update order, to the last cursor")
    def _():
        since = (datetime.now(UTC) - timedelta(days=3650)).strftime("%Y-%m-%dT%H:%M:%SZ")
        params = {"updated_since": since, "sort_by": "update_time", "sort_direction": "asc", "limit": 50}
        seen = []
        while True:
            page = answer(api.get("/api/v2/persons", params=params))
            seen += [row["id"] for row in page["data"]]
            if not page["additional_data"]["next_cursor"]:
                break
            params["cursor"] = page["additional_data"]["next_cursor"]
        assert sorted(seen) == sorted(persons)
        state["first"] = seen[0]

    @script.step("GET /api/v2/persons/{id}")
    def _():
        person = answer(api.get(f"/api/v2/persons/{state['first']}"))["data"]
        assert person["id"] == state["first"] and isinstance(person["emails"], list)

    @script.step("POST /api/v2/persons with an email array and custom fields")
    def _():
        body = {
            "name": "Ada Script",
            "emails": EMAILS,
            "custom_fields": {score: 55.5, segment: state["options"][0]},
        }
        created = answer(api.post("/api/v2/persons", json=body))["data"]
        assert created["emails"] == EMAILS and created["custom_fields"][score] == 55.5
        state["id"] = created["id"]

    @script.step("PATCH /api/v2/persons/{id}: a new primary email, the other kept")
    def _():
        emails = [{**EMAILS[0], "value": "ada@new.example"}, EMAILS[1]]
        patched = answer(api.patch(f"/api/v2/persons/{state['id']}", json={"emails": emails}))["data"]
        assert patched["emails"] == emails

    @script.step("GET /api/v2/persons/search on a custom field")
    def _():
        api.patch(f"/api/v2/persons/{state['id']}", json={"custom_fields": {score: 55.5}})
        params = {"term": "55.5", "fields": "custom_fields", "exact_match": "true"}
        found = answer(api.get("/api/v2/persons/search", params=params))["data"]["items"]
        assert state["id"] in {item["item"]["id"] for item in found}

    @script.step("GET /v1/persons/{id}/changelog shows our API change")
    def _():
        log = answer(api.get(f"/v1/persons/{state['id']}/changelog"))["data"]
        email = next(entry for entry in log if entry["field_key"] == "email")
        assert email["change_source"] == "api" and email["actor_user_id"] == account.integration_user_id

    @script.step("GET /api/v2/organizations and /api/v2/deals")
    def _():
        assert len(answer(api.get("/api/v2/organizations", params={"limit": 100}))["data"]) == 20
        assert answer(api.get("/api/v2/deals", params={"limit": 5}))["data"]

    @script.step("DELETE /api/v2/persons/{id}, then /v1/recents lists it inactive")
    def _():
        assert answer(api.delete(f"/api/v2/persons/{state['id']}"))["data"]["id"] == state["id"]
        since = (datetime.now(UTC) - timedelta(minutes=5)).strftime("%Y-%m-%d %H:%M:%S")
        recents = answer(api.get("/v1/recents", params={"since_timestamp": since, "items": "person"}))["data"]
        gone = next(item for item in recents if item["id"] == state["id"])
        assert gone["data"]["active_flag"] is False

    @script.step("errors: a missing person is a 404 in the error shape the spec gives other operations")
    def _():
        missing = api.get("/api/v2/persons/987654")  # getPerson declares no 404; the API answers one
        assert missing.status_code == 404
        assert missing.json() == {
            "success": False,
            "error": "Person not found",
            "error_info": "Object was not found.",
            "data": None,
            "additional_data": None,
        }

    @script.step("errors: plain-string emails are refused (400)")
    def _():
        refused = raw.patch(
            f"/api/v2/persons/{state['first']}",
            json={"emails": "plain@x.example"},
            headers={"x-api-token": account.credentials["api_token"]},
        )
        assert refused.status_code == 400 and refused.json()["success"] is False

    @script.step("errors: ?api_token= is not accepted by v2 (401)")
    def _():
        assert (
            raw.get("/api/v2/persons", params={"api_token": account.credentials["api_token"]}).status_code
            == 401
        )

    script.run()
