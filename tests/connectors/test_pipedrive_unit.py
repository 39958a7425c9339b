"""Pipedrive connector against scripted responses shaped like CRM_APIS.md P1-P7 and the v2 spec."""

from datetime import UTC, datetime

from crmhub.connectors import RecordUpdate, WriteStatus
from crmhub.connectors.pipedrive.client import (
    field_from_definition,
    is_own_changelog_entry,
    patch_body,
    read_value,
)
from tests.connectors.fakes import body_of

SCORE = "d4de1c1518b4531717c676029a45911c340390a6"
SEGMENT = "51c27e4a19c3bedd91162a9d446707c1f95174ea"
FIELDS = {
    "success": True,
    "data": [
        {
            "field_name": "Name",
            "field_code": "name",
            "field_type": "varchar",
            "options": None,
            "is_custom_field": False,
        },
        {
            "field_name": "Owner",
            "field_code": "owner_id",
            "field_type": "user",
            "options": None,
            "is_custom_field": False,
        },
        {
            "field_name": "Updated",
            "field_code": "update_time",
            "field_type": "date",
            "options": None,
            "is_custom_field": False,
        },
        {
            "field_name": "AI score",
            "field_code": SCORE,
            "field_type": "double",
            "options": None,
            "is_custom_field": True,
        },
        {
            "field_name": "Segment",
            "field_code": SEGMENT,
            "field_type": "enum",
            "options": [{"id": 1, "label": "smb"}, {"id": 2, "label": "enterprise"}],
            "is_custom_field": True,
        },
    ],
    "additional_data": {"next_cursor": None},
}
PD_CREDS = {"api_token": "abc", "api_user_id": 26}


def schemas():
    return {raw["field_code"]: field_from_definition(raw, "persons") for raw in FIELDS["data"]}


def test_field_definitions_map_to_catalog_types():
    fields = schemas()
    assert fields[SCORE].field_type == "number" and fields[SCORE].provider_metadata["is_custom_field"]
    assert fields[SEGMENT].field_type == "picklist" and fields[SEGMENT].picklist_options == [
        "smb",
        "enterprise",
    ]
    assert fields["owner_id"].field_type == "reference" and fields["owner_id"].external_options
    assert not fields["update_time"].writable
    assert fields["name"].writable
    job = field_from_definition({"field_code": "job_title", "field_type": "varchar"}, "persons")
    assert not job.writable  # v2 PATCH /persons does not take it


def test_custom_fields_go_inside_custom_fields_with_option_ids():
    body = patch_body({"name": "Ada", SCORE: 87, SEGMENT: "enterprise"}, schemas())
    assert body == {"name": "Ada", "custom_fields": {SCORE: 87, SEGMENT: 2}}
    assert read_value(2, schemas()[SEGMENT]) == "enterprise"
    assert read_value({"value": 2300, "currency": "EUR"}, None) == 2300
    assert read_value([{"value": "a@x.com", "primary": True}], None) == "a@x.com"


def test_changelog_human_means_app_mobile_or_another_user():
    human = [
        {"change_source": "app", "actor_user_id": 26},
        {"change_source": "mobile", "actor_user_id": 26},
        {"change_source": "api", "actor_user_id": 99},
    ]
    assert [is_own_changelog_entry(e, 26) for e in human] == [False, False, False]
    assert is_own_changelog_entry({"change_source": "api", "actor_user_id": 26}, 26)


def test_changes_page_with_cursor_until_it_is_null(make_connector, transport):
    transport.add("GET", "/api/v2/personFields", (200, FIELDS))
    transport.add(
        "GET",
        "/api/v2/persons",
        (
            200,
            {
                "success": True,
                "data": [
                    {
                        "id": 1,
                        "name": "Ada",
                        "update_time": "2026-01-02T00:00:00Z",
                        "custom_fields": {SCORE: 42, SEGMENT: 1},
                    }
                ],
                "additional_data": {"next_cursor": "c2"},
            },
        ),
        (
            200,
            {
                "success": True,
                "data": [
                    {
                        "id": 2,
                        "name": "Bob",
                        "update_time": "2026-01-03T00:00:00Z",
                        "custom_fields": {SCORE: None, SEGMENT: None},
                    }
                ],
                "additional_data": {"next_cursor": None},
            },
        ),
    )
    connector = make_connector("pipedrive", credentials=PD_CREDS)
    pages = list(
        connector.iter_changes(
            "persons", since=datetime(2026, 1, 1, tzinfo=UTC), fields=["name", SCORE, SEGMENT]
        )
    )
    assert [[(r.id, r.values[SEGMENT]) for r in p] for p in pages] == [[("1", "smb")], [("2", None)]]
    lists = transport.calls("GET", "/api/v2/persons")
    assert lists[0].url.params["sort_by"] == "update_time"
    assert lists[0].url.params["updated_since"] == "2025-12-31T23:59:55Z"
    # keyset: the second list restarts at the last update time seen instead of following the cursor
    assert lists[1].url.params["updated_since"] == "2026-01-02T00:00:00Z"
    assert "cursor" not in lists[1].url.params
    assert lists[0].headers["x-api-token"] == "abc"


def test_last_human_edits_read_the_v1_changelog(make_connector, transport):
    transport.add(
        "GET",
        "/api/v1/persons/1/changelog",
        (
            200,
            {
                "success": True,
                "data": [
                    {
                        "field_key": SCORE,
                        "old_value": "1",
                        "new_value": "2",
                        "actor_user_id": 26,
                        "time": "2026-01-06 09:00:00",
                        "change_source": "api",
                    },
                    {
                        "field_key": SCORE,
                        "old_value": None,
                        "new_value": "1",
                        "actor_user_id": 7,
                        "time": "2026-01-05 09:14:35",
                        "change_source": "app",
                    },
                ],
                "additional_data": {"next_cursor": None},
            },
        ),
    )
    connector = make_connector("pipedrive", credentials=PD_CREDS)
    assert connector.last_human_edits("persons", ["1"], [SCORE, "name"]) == {
        "1": {SCORE: datetime(2026, 1, 5, 9, 14, 35, tzinfo=UTC), "name": None}
    }


def test_writes_patch_each_record_and_never_raise(make_connector, transport):
    transport.add("GET", "/api/v2/personFields", (200, FIELDS))
    transport.add("PATCH", "/api/v2/persons/1", (200, {"success": True, "data": {"id": 1}}))
    transport.add("PATCH", "/api/v2/persons/2", (404, {"success": False, "error": "Person not found"}))
    transport.add("PATCH", "/api/v2/persons/3", (400, {"success": False, "error": "Invalid value for field"}))
    transport.add(
        "PATCH",
        "/api/v2/persons/4",
        (429, {"success": False, "error": "Too many requests", "errorCode": 429}, {"Retry-After": "500"}),
    )
    connector = make_connector("pipedrive", credentials=PD_CREDS, max_rate_limit_wait=30)
    results = connector.write("persons", [RecordUpdate(str(i), {SCORE: 50}) for i in range(1, 5)])
    assert [r.status for r in results] == [
        WriteStatus.OK,
        WriteStatus.NOT_FOUND,
        WriteStatus.VALIDATION_ERROR,
        WriteStatus.RATE_LIMITED,
    ]
    assert results[3].retry_after == 500.0
    assert body_of(transport.calls("PATCH", "/api/v2/persons/1")[0]) == {"custom_fields": {SCORE: 50}}


def test_deleted_deals_are_listed_with_status_deleted(make_connector, transport):
    transport.add(
        "GET",
        "/api/v2/deals",
        (
            200,
            {
                "success": True,
                "data": [{"id": 9, "update_time": "2026-01-04T00:00:00Z", "is_deleted": True}],
                "additional_data": {"next_cursor": None},
            },
        ),
    )
    connector = make_connector("pipedrive", credentials=PD_CREDS)
    deleted = list(connector.iter_deleted("deals", since=datetime(2026, 1, 1, tzinfo=UTC)))
    assert [d.id for d in deleted] == ["9"]
    assert transport.requests[0].url.params["status"] == "deleted"


def test_oauth_refresh_uses_basic_auth_and_api_domain(make_connector, transport):
    transport.add(
        "GET",
        "/api/v2/personFields",
        (401, {"success": False, "error": "unauthorized access", "errorCode": 401}),
        (200, FIELDS),
    )
    transport.add(
        "POST",
        "/oauth/token",
        (
            200,
            {
                "access_token": "v1u:new",
                "refresh_token": "r2",
                "expires_in": 3599,
                "api_domain": "https://acme.pipedrive.com",
            },
        ),
    )
    creds = {"access_token": "v1u:old", "refresh_token": "r1", "client_id": "id", "client_secret": "sec"}
    connector = make_connector("pipedrive", credentials=creds)
    connector.discover_schema(["persons"])
    token = transport.calls("POST", "/oauth/token")[0]
    assert token.url.host == "oauth.pipedrive.com"
    assert token.headers["Authorization"] == "Basic aWQ6c2Vj"
    assert transport.calls("GET", "/api/v2/personFields")[1].headers["Authorization"] == "Bearer v1u:new"
