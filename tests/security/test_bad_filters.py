"""Bad query-filter values: a 400 from the API, a form error on a page, never a 500."""

import pytest
from django.urls import reverse

from tests import factories

BAD_IDS = ["abc", "²", "-1", "99999999999999999999999", "1.5", "0x10"]

API_FILTERS = [
    ("/api/v1/outputs/", "flow_id", BAD_IDS),
    ("/api/v1/outputs/", "status", ["nope"]),
    ("/api/v1/outputs/", "received_after", ["yesterday", "2026-13-45T00:00:00Z"]),
    ("/api/v1/outputs/", "outcome_status", ["x"]),
    ("/api/v1/write-outcomes/", "inbound_id", BAD_IDS),
    ("/api/v1/write-outcomes/", "failure_kind", ["x"]),
    ("/api/v1/sync-runs/", "status", ["x"]),
    ("/api/v1/trigger-executions/", "rule", BAD_IDS),
    ("/api/v1/webhook-events/", "action", ["x"]),
    ("/api/v1/monitoring/metrics/", "flow", BAD_IDS),
    ("/api/v1/monitoring/metrics/", "since", ["soon"]),
    ("/api/v1/monitoring/alerts/", "connection", BAD_IDS),
    ("/api/v1/monitoring/alerts/", "status", ["x"]),
    ("/api/v1/review-items/", "older_than_days", ["99999999999", "abc", "-3"]),
    ("/api/v1/review-items/", "flow", BAD_IDS),
    ("/api/v1/review-items/", "assignee", ["²", "someone"]),
    ("/api/v1/identity-links/", "connection", BAD_IDS),
    ("/api/v1/validation-runs/", "flow", BAD_IDS),
]


@pytest.mark.parametrize(
    ("path", "name", "value"), [(p, n, v) for p, n, values in API_FILTERS for v in values]
)
def test_a_bad_api_filter_value_is_a_400(users, path, name, value):
    response = factories.api_client(users["admin"]).get(path, {name: value})
    assert response.status_code == 400, (response.status_code, response.content[:300])
    assert name in response.json()


def test_good_filter_values_still_filter(users):
    api = factories.api_client(users["admin"])
    assert api.get("/api/v1/outputs/", {"flow_id": "12", "status": "received"}).json()["count"] == 0
    assert api.get("/api/v1/review-items/", {"older_than_days": "3"}).status_code == 200


PAGE_FILTERS = [
    ("sync:run-list", {"status": "x"}),
    ("sync:event-list", {"action": "x"}),
    ("sync:execution-list", {"rule": "x"}),
    ("sync:execution-list", {"rule": "99999999999999999999999"}),
]


@pytest.mark.parametrize(("url_name", "query"), PAGE_FILTERS)
def test_a_bad_page_filter_value_is_a_form_error(users, client, url_name, query):
    client.force_login(users["admin"])
    response = client.get(reverse(url_name), query)
    assert response.status_code == 200
    assert "These filters cannot be applied" in response.content.decode()


@pytest.mark.parametrize(
    ("url_name", "query"),
    [
        ("writeback:records", {"flow": "abc", "received": "x", "status": "²"}),
        ("writeback:dead-letters", {"flow": "99999999999999999999999"}),
        ("writeback:conflicts", {"flow": "²"}),
        ("identity:queue", {"older_than_days": "99999999999", "flow": "abc"}),
        ("identity:links", {"connection": "²"}),
        ("mappings:field-list", {"connection": "99999999999999999999999"}),
        ("monitoring:alerts", {"flow": "abc", "status": "x"}),
        ("monitoring:overview", {"days": "99999999999"}),
    ],
)
def test_other_pages_survive_bad_filter_values(users, client, url_name, query):
    client.force_login(users["admin"])
    assert client.get(reverse(url_name), query).status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/objects/", "/api/v1/sync-runs/", "/api/v1/webhook-events/"])
def test_a_nul_in_the_search_is_a_400_with_an_error_object(users, path):
    """DRF's search filter refuses a NUL with a bare list; every error answer is an object (the schema's)."""
    response = factories.api_client(users["admin"]).get(path, {"search": "a\x00b"})
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Null characters are not allowed.",
        "problems": ["Null characters are not allowed."],
    }


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/review-items/bulk/", {"action": "dismiss", "ids": [10**20]}),
        ("/api/v1/dead-letters/replay/", {"ids": [10**20]}),
        ("/api/v1/dead-letters/replay/", {"all": True, "flow": 10**20}),
    ],
)
def test_ids_past_the_database_integer_in_a_body_are_a_400(users, path, body):
    """Found by schemathesis: past bigint, an id reached the database (OverflowError, a 500)."""
    api = factories.api_client(users["admin"])
    api.raise_request_exception = False
    response = api.post(path, body, format="json")
    assert response.status_code == 400, response.content[:300]


def test_replaying_the_dead_letters_of_an_unknown_flow_is_a_400_on_the_field(users):
    """The flow is named in the body: invalid input (documented 400), not an undocumented 404."""
    response = factories.api_client(users["admin"]).post(
        "/api/v1/dead-letters/replay/", {"all": True, "flow": 424242}, format="json"
    )
    assert response.status_code == 400 and response.json() == {"flow": ["No such flow."]}


@pytest.mark.parametrize("path", ["/api/v1/outputs/?received_after=", "/api/v1/monitoring/metrics/?since="])
def test_a_moment_with_any_iso_offset_filters_and_one_utc_cannot_hold_is_a_400(users, path):
    """ISO 8601 allows offsets up to +23:59, PostgreSQL only 15:59: found by schemathesis on PostgreSQL as a
    500. The moment is compared in UTC; year 1 at +01:00 has no UTC moment and is refused."""
    api = factories.api_client(users["admin"])
    api.raise_request_exception = False
    assert api.get(path + "2026-01-04T12:29:02%2B23:49").status_code == 200
    assert api.get(path + "0450-01-04T12:29:02-23:49").status_code == 200
    refused = api.get(path + "0001-01-01T00:00:00%2B01:00")
    assert refused.status_code == 400, refused.content[:200]
