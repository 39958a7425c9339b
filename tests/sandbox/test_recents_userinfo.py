"""Pipedrive v1 /recents (validated against the v1 spec) and Salesforce's OAuth UserInfo endpoint."""

from datetime import UTC, datetime, timedelta

import pytest

from .conftest import START, client_for
from .openapi_support import validate_pipedrive

V1 = "%Y-%m-%d %H:%M:%S"


def v1_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(V1)


def recents_all(client, **params) -> list[dict]:
    items, start = [], 0
    while True:
        response = client.get("/api/v1/recents", params={**params, "start": start})
        assert response.status_code == 200, response.text
        validate_pipedrive(response)
        body = response.json()
        items.extend(body["data"])
        pagination = body["additional_data"]["pagination"]
        if not pagination["more_items_in_collection"]:
            return items
        start = pagination["next_start"]


def test_recents_lists_changed_items_oldest_first_and_validates(pd_client, pipedrive, clock):
    since = clock.now()
    clock.advance(5)
    first, second = pipedrive.record_ids("persons")[:2]
    pipedrive.rep_edit("persons", second, {"job_title": "CTO"})
    clock.advance(5)
    pipedrive.rep_edit("persons", first, {"job_title": "CEO"})
    organization = pipedrive.record_ids("organizations")[0]
    pipedrive.rep_edit("organizations", organization, {"ai_segment": "SMB"})

    items = recents_all(pd_client, since_timestamp=v1_time(since), items="person,organization,deal")

    assert [(item["item"], str(item["id"])) for item in items] == [
        ("person", second),
        ("person", first),
        ("organization", organization),
    ]
    person = items[0]["data"]
    assert person["active_flag"] is True and person["update_time"] == v1_time(START + timedelta(seconds=5))
    assert isinstance(person["email"], list) and isinstance(person["visible_to"], str)
    assert pipedrive.field_key("ai_score") in person  # custom fields sit at the top level in v1


def test_recents_shows_deleted_and_merged_persons_inactive(pd_client, pipedrive, clock):
    since = clock.now()
    clock.advance(2)
    gone, loser, winner = pipedrive.record_ids("persons")[:3]
    pipedrive.delete("persons", gone)
    clock.advance(2)
    pipedrive.merge("persons", loser, winner)

    items = recents_all(pd_client, since_timestamp=v1_time(since), items="person")

    flags = {str(item["id"]): item["data"]["active_flag"] for item in items}
    assert flags == {gone: False, loser: False, winner: True}


def test_recents_offset_paging_and_since_filter(pd_client, pipedrive, clock):
    ids = pipedrive.record_ids("persons")[:7]
    clock.advance(60)
    since = clock.now()
    for record_id in ids:
        clock.advance(1)
        pipedrive.rep_edit("persons", record_id, {"job_title": "Engineer"})

    response = pd_client.get(
        "/api/v1/recents", params={"since_timestamp": v1_time(since), "items": "person", "limit": 3}
    )
    body = response.json()
    assert [str(item["id"]) for item in body["data"]] == ids[:3]
    assert body["additional_data"]["pagination"] == {
        "start": 0,
        "limit": 3,
        "more_items_in_collection": True,
        "next_start": 3,
    }
    assert body["additional_data"]["last_timestamp_on_page"] == v1_time(since + timedelta(seconds=3))
    assert [
        str(i["id"]) for i in recents_all(pd_client, since_timestamp=v1_time(since), items="person", limit=3)
    ] == ids


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"since_timestamp": "2026-03-01T12:00:00Z"},
        {"since_timestamp": "2026-03-01 12:00:00", "items": "x"},
    ],
)
def test_recents_rejects_bad_parameters(pd_client, params):
    response = pd_client.get("/api/v1/recents", params=params)
    assert response.status_code == 400
    assert response.json()["success"] is False


def test_recents_costs_twenty_tokens(pd_client, pipedrive, clock):
    used = pipedrive.usage["daily"]
    pd_client.get("/v1/recents", params={"since_timestamp": v1_time(clock.now())})
    assert pipedrive.usage["daily"] - used == 20


def test_userinfo_names_the_integration_user(sf_client, salesforce):
    response = sf_client.get("/services/oauth2/userinfo")
    assert response.status_code == 200
    body = response.json()
    assert body["user_id"] == salesforce.integration_user_id
    assert body["organization_id"] == salesforce.org_id
    assert body["sub"].endswith(f"/id/{salesforce.org_id}/{salesforce.integration_user_id}")
    assert body["urls"]["rest"].endswith("/services/data/v67.0/")


def test_userinfo_refuses_missing_and_bad_tokens_in_plain_text(sandbox, salesforce):
    with client_for(sandbox, salesforce) as client:
        del client.headers["Authorization"]
        missing = client.get("/services/oauth2/userinfo")
        bad = client.get("/services/oauth2/userinfo", headers={"Authorization": "Bearer nope"})
    salesforce.expire_access_token()
    with client_for(sandbox, salesforce) as client:
        expired = client.get("/services/oauth2/userinfo")
    assert (missing.status_code, missing.text) == (403, "Missing_OAuth_Token")
    assert (bad.status_code, bad.text) == (403, "Bad_OAuth_Token")
    assert (expired.status_code, expired.text) == (403, "Bad_OAuth_Token")
