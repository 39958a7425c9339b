"""The identity API under input nobody on the project wrote: wrong JSON types, unknown keys, search terms of
any length. Each is a 400 that says what is wrong, and nothing changes; the schema says what is accepted."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from identity_app.models import IdentityLink, ReviewItem, ReviewStatus


def post(api, url: str, body: dict | str):
    if isinstance(body, str):  # JSON no encoder writes
        return api.generic("POST", url, body, content_type="application/json")
    return api.post(url, body, format="json")


@pytest.mark.parametrize(
    ("action", "body", "problem"),
    [
        ("link", {"crm_id": 1}, "crm_id: Not a valid string."),
        ("link", '{"crm_id": 1e999}', "crm_id: Not a valid string."),  # was looked up as "inf"
        ("link", {"crm_id": "C-1", "notes": "typo"}, "Unknown field(s): 'notes'"),
        ("dismiss", {"note": 5}, "note: Not a valid string."),
        ("dismiss", {"notes": "the note, misspelt"}, "Unknown field(s): 'notes'"),
        ("dismiss", {"crm_id": "C-1"}, "Unknown field(s): 'crm_id'"),  # a link posted to the wrong route
    ],
)
def test_a_decision_with_a_wrong_type_or_an_unknown_key_is_refused_and_changes_nothing(
    api_for, ambiguous_item, action, body, problem
):
    response = post(api_for("admin"), f"/api/v1/review-items/{ambiguous_item.pk}/{action}/", body)
    assert response.status_code == 400
    assert problem in response.json()["detail"]
    assert ReviewItem.objects.get(pk=ambiguous_item.pk).status == ReviewStatus.OPEN


def test_a_link_confirmed_for_a_fractional_flow_id_is_refused(api_for, flow, mirror):
    body = {"flow": flow.pk + 0.5, "external_id": "x-1", "crm_id": "C-1"}
    response = post(api_for("admin"), "/api/v1/identity-links/", body)
    assert response.status_code == 400
    assert "flow: Incorrect type" in response.json()["detail"]
    assert not IdentityLink.objects.exists()


def test_the_bulk_route_refuses_an_unknown_key(api_for, ambiguous_item):
    body = {"action": "dismiss", "ids": [ambiguous_item.pk], "ids_extra": [1]}
    response = post(api_for("admin"), "/api/v1/review-items/bulk/", body)
    assert response.status_code == 400 and "Unknown field(s): 'ids_extra'" in response.json()["detail"]


def test_a_form_post_is_still_read(api_for, ambiguous_item):
    # Form-encoded values are all strings, and a browser's form carries its CSRF token.
    response = api_for("admin").post(
        f"/api/v1/review-items/{ambiguous_item.pk}/dismiss/", {"note": "dup", "csrfmiddlewaretoken": "t"}
    )
    assert response.status_code == 200
    assert ReviewItem.objects.get(pk=ambiguous_item.pk).status == ReviewStatus.DISMISSED


@pytest.mark.parametrize("term", ["name", "email", "crm_id"])
def test_a_mirror_search_term_of_any_length_is_a_400(api_for, mirror, term):
    # SQLite answered a 100,000-letter name with "LIKE or GLOB pattern too complex": a 500.
    response = api_for("admin").get("/api/v1/mirror-records/", {term: "a" * 100_000})
    assert response.status_code == 400
    assert response.json()["detail"] == f"{term}: at most 200 characters."


def _operation(schema, path: str, method: str) -> dict:
    return schema["paths"][path][method]


def test_the_schema_says_what_the_identity_endpoints_accept(db):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    for name in (
        "LinkInputRequest",
        "NoteInputRequest",
        "BulkInputRequest",
        "IdentityLinkCreateInputRequest",
    ):
        assert components[name]["additionalProperties"] is False, name
    parameters = {
        p["name"]: p["schema"] for p in _operation(schema, "/api/v1/review-items/", "get")["parameters"]
    }
    assert parameters["flow"] == {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}
    assert {"type": "string", "enum": ["me", "none"]} in parameters["assignee"]["oneOf"]
    assert parameters["older_than_days"] == {"type": "number", "minimum": 0, "maximum": 36_500}
    mirror = {
        p["name"]: p["schema"] for p in _operation(schema, "/api/v1/mirror-records/", "get")["parameters"]
    }
    assert mirror["name"]["maxLength"] == 200 and mirror["connection"]["minimum"] == 1


def test_a_body_naming_a_key_twice_is_refused(api_for, ambiguous_item):
    # Python's json keeps the last: a proxy or log reading the first saw another CRM id than the one linked.
    body = '{"crm_id": "C-1", "note": "", "crm_id": "C-2"}'
    response = post(api_for("admin"), f"/api/v1/review-items/{ambiguous_item.pk}/link/", body)
    assert response.status_code == 400
    assert response.json()["detail"] == "JSON parse error - the key 'crm_id' is repeated in one object"
    assert ReviewItem.objects.get(pk=ambiguous_item.pk).status == ReviewStatus.OPEN
