"""The change-request workflow end to end through the API, and what it refuses."""

import pytest

from mappings_app.catalog import catalog_snapshot
from mappings_app.models import ChangeRequest
from tests import factories

API = "/api/v1"


@pytest.fixture
def admin_api(client_for):
    return client_for("admin")


@pytest.fixture
def approver_api(client_for):
    return client_for("approver")


def create_request(client, connection, operations, title="Score catalog"):
    return client.post(
        f"{API}/change-requests/",
        {"connection": connection.pk, "title": title, "description": "Why", "operations": operations},
        format="json",
    )


def assert_catalog_unchanged(connection, snapshot_before, version_before):
    connection.refresh_from_db()
    assert connection.catalog_version == version_before
    assert catalog_snapshot(connection) == snapshot_before


def test_full_workflow_from_draft_to_restore(connection, contact_fields, admin_api, approver_api):
    created = create_request(admin_api, connection, factories.score_catalog_ops())
    assert created.status_code == 201, created.content
    change = created.json()
    assert change["status"] == "draft"
    assert change["author"] == "alice"
    assert len(change["items"]) == 6
    score_item = next(i for i in change["items"] if i["key"].endswith("contacts.ai_lead_score"))
    assert "Field becomes writable by the hub" in score_item["risk_flags"]
    url = f"{API}/change-requests/{change['id']}"

    submitted = admin_api.post(f"{url}/submit/")
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["status"] == "submitted"

    self_approval = admin_api.post(f"{url}/approve/", {"note": "mine"}, format="json")
    assert self_approval.status_code == 403
    assert self_approval.json()["detail"] == (
        "You cannot approve your own change request: a second person must."
    )

    commented = approver_api.post(f"{url}/comments/", {"body": "Rounding to 1 digit is right."})
    assert commented.status_code == 201
    assert commented.json()["author"] == "bob"

    approved = approver_api.post(f"{url}/approve/", {"note": "Reviewed"}, format="json")
    assert approved.status_code == 200, approved.content
    assert approved.json()["decided_by"] == "bob"
    assert connection.catalog_version == 0

    applied = approver_api.post(f"{url}/apply/")
    assert applied.status_code == 200, applied.content
    assert applied.json()["status"] == "applied"
    assert applied.json()["applied_version"] == 1
    connection.refresh_from_db()
    assert connection.catalog_version == 1
    mappings = admin_api.get(f"{API}/mappings/", {"connection": connection.pk}).json()["results"]
    assert {m["source_key"] for m in mappings} == {"score", "segment"}
    score = next(m for m in mappings if m["source_key"] == "score")
    assert score["timestamp_field"] == "ai_lead_score_updated_at"
    assert score["owner"] == "ai_owned"

    detail = admin_api.get(url + "/").json()
    assert [c["body"] for c in detail["comments"]] == ["Rounding to 1 digit is right."]
    assert detail["is_stale"] is False

    versions = admin_api.get(f"{API}/catalog-versions/", {"connection": connection.pk}).json()["results"]
    assert [v["number"] for v in versions] == [1]
    assert "snapshot" not in versions[0]
    version = admin_api.get(f"{API}/catalog-versions/{versions[0]['id']}/").json()
    assert len(version["snapshot"]["mappings"]) == 2

    # A second change, so that version 1 becomes an earlier version to restore.
    factories.apply_change(
        connection,
        factories.make_user("carol", "sales-ops admin"),
        factories.make_user("dan", "sales-ops admin"),
        [{"kind": "mapping_delete", "spec": factories.mapping_op("segment", "ai_segment")["spec"]}],
    )
    restored = admin_api.post(f"{API}/catalog-versions/{versions[0]['id']}/restore/")
    assert restored.status_code == 201, restored.content
    restore = restored.json()
    assert restore["origin"] == "restore"
    assert restore["restores_version"] == 1
    assert restore["status"] == "draft"
    assert [(i["kind"], i["key"]) for i in restore["items"]] == [
        ("mapping_set", "mapping:lead_scorer.segment->contacts.ai_segment")
    ]
    connection.refresh_from_db()
    assert connection.catalog_version == 2


def test_operations_add_and_replace_items_of_a_draft(connection, contact_fields, admin_api):
    change = create_request(admin_api, connection, []).json()
    url = f"{API}/change-requests/{change['id']}/operations/"

    first = admin_api.post(url, factories.ownership_op("ai_segment", "hybrid", "skip"), format="json")
    second = admin_api.post(url, factories.ownership_op("ai_segment", "hybrid", "flag"), format="json")

    assert first.status_code == second.status_code == 200
    items = second.json()["items"]
    assert len(items) == 1
    assert items[0]["after"]["conflict_policy"] == "flag"


def test_rebase_and_reject(connection, contact_fields, users, admin_api, approver_api):
    change = create_request(admin_api, connection, factories.score_catalog_ops()[:1]).json()
    factories.apply_change(
        connection, users["approver"], users["admin"], [factories.ownership_op("renewal_date", "ai_owned")]
    )
    url = f"{API}/change-requests/{change['id']}"
    assert admin_api.get(url + "/").json()["is_stale"] is True

    rebased = admin_api.post(f"{url}/rebase/")

    assert rebased.status_code == 200
    assert rebased.json()["base_version"] == 1
    assert rebased.json()["is_stale"] is False
    assert "Rebased from catalog v0 to v1." in rebased.json()["comments"][0]["body"]
    admin_api.post(f"{url}/submit/")
    no_reason = approver_api.post(f"{url}/reject/", {}, format="json")
    assert no_reason.status_code == 400
    assert no_reason.json()["detail"] == "Say why you reject the change request."
    rejected = approver_api.post(f"{url}/reject/", {"note": "Not this quarter"}, format="json")
    assert rejected.status_code == 200
    assert rejected.json()["status"] == "rejected"
    assert rejected.json()["decision_note"] == "Not this quarter"


def test_applying_a_stale_request_is_a_conflict_and_changes_nothing(
    connection, contact_fields, users, admin_api, approver_api
):
    change = create_request(admin_api, connection, factories.score_catalog_ops()).json()
    url = f"{API}/change-requests/{change['id']}"
    admin_api.post(f"{url}/submit/")
    approver_api.post(f"{url}/approve/")
    factories.apply_change(
        connection, users["approver"], users["admin"], [factories.ownership_op("renewal_date", "ai_owned")]
    )
    snapshot, version = catalog_snapshot(connection), 1

    response = approver_api.post(f"{url}/apply/")

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "conflict"
    assert "drafted against catalog v0, but v1 is active" in body["detail"]
    assert_catalog_unchanged(connection, snapshot, version)
    assert ChangeRequest.objects.get(pk=change["id"]).status == "approved"


def test_approving_a_draft_is_refused(connection, contact_fields, admin_api, approver_api):
    change = create_request(admin_api, connection, factories.score_catalog_ops()).json()

    response = approver_api.post(f"{API}/change-requests/{change['id']}/approve/")

    assert response.status_code == 409
    assert response.json()["detail"] == f"Change request #{change['id']} is draft; it cannot be approved."


def test_unknown_change_request_is_404(contact_fields, admin_api):
    assert admin_api.post(f"{API}/change-requests/9999/submit/").status_code == 404


BAD_OPERATIONS = {
    "unknown object": (
        [factories.mapping_op("score", "ai_lead_score", object_name="leads")],
        "acme-hubspot has no object 'leads'.",
    ),
    "unknown field": (
        [factories.mapping_op("score", "no_such_field")],
        "contacts has no field 'no_such_field'.",
    ),
    "unknown kind": (
        [{"kind": "mapping_upsert", "spec": factories.mapping_op("score", "ai_lead_score")["spec"]}],
        'operations[0].kind: "mapping_upsert" is not a valid choice.',
    ),
    "unknown spec key": (
        [factories.mapping_op("score", "ai_lead_score", colour="blue")],
        "Unknown mapping keys: colour.",
    ),
    "missing identity": (
        [{"kind": "mapping_set", "spec": {"source_system": "x", "object": "contacts"}}],
        "A mapping needs source_key, field.",
    ),
}


@pytest.mark.parametrize("case", list(BAD_OPERATIONS))
def test_bad_operation_is_refused_with_a_clear_detail(case, connection, contact_fields, admin_api):
    operations, detail = BAD_OPERATIONS[case]

    response = create_request(admin_api, connection, operations)

    assert response.status_code == 400, response.content
    assert detail in response.json()["detail"]
    assert not ChangeRequest.objects.exists()
    assert connection.catalog_version == 0


# Drafts may be incomplete; an unsound catalog is caught when the draft is submitted.
UNSOUND_OPERATIONS = {
    "type-incompatible mapping": (
        [
            factories.ownership_op("renewal_date", "ai_owned"),
            factories.mapping_op("is_customer", "renewal_date", source_type="boolean"),
        ],
        "renewal_date",
    ),
    "rep-owned target": (
        [factories.mapping_op("stage", "lifecyclestage")],
        "contacts.lifecyclestage is rep-owned; the hub never writes it.",
    ),
    "hybrid without conflict policy": (
        [factories.ownership_op("ai_segment", "hybrid")],
        "contacts.ai_segment: a hybrid field needs a conflict policy",
    ),
}


@pytest.mark.parametrize("case", list(UNSOUND_OPERATIONS))
def test_unsound_catalog_cannot_be_submitted(case, connection, contact_fields, admin_api):
    operations, problem = UNSOUND_OPERATIONS[case]
    snapshot = catalog_snapshot(connection)
    change = create_request(admin_api, connection, operations).json()

    response = admin_api.post(f"{API}/change-requests/{change['id']}/submit/")

    assert response.status_code == 400, response.content
    body = response.json()
    assert body["detail"] == "The catalog would be invalid:"
    assert any(problem in line for line in body["problems"]), body["problems"]
    assert ChangeRequest.objects.get(pk=change["id"]).status == "draft"
    assert_catalog_unchanged(connection, snapshot, 0)


def test_type_incompatible_problem_names_both_types(connection, contact_fields, admin_api):
    operations = UNSOUND_OPERATIONS["type-incompatible mapping"][0]
    change = create_request(admin_api, connection, operations).json()

    problems = admin_api.post(f"{API}/change-requests/{change['id']}/submit/").json()["problems"]

    assert len(problems) == 1
    assert "boolean" in problems[0] and "date" in problems[0]


def test_create_needs_a_known_connection_and_a_title(contact_fields, admin_api):
    response = admin_api.post(f"{API}/change-requests/", {"connection": 999, "title": ""}, format="json")

    assert response.status_code == 400
    problems = response.json()["problems"]
    assert any(p.startswith("connection:") for p in problems)
    assert any(p.startswith("title:") for p in problems)
    assert not ChangeRequest.objects.exists()


def test_empty_comment_is_refused(connection, contact_fields, admin_api):
    change = create_request(admin_api, connection, []).json()

    response = admin_api.post(f"{API}/change-requests/{change['id']}/comments/", {"body": ""}, format="json")

    assert response.status_code == 400
    assert response.json()["detail"].startswith("Invalid input: body:")


def test_change_request_list_filters_by_status_and_connection(connection, contact_fields, admin_api):
    other = factories.make_connection(name="other-sf", provider="salesforce")
    create_request(admin_api, connection, factories.score_catalog_ops(), title="A")
    create_request(admin_api, other, [], title="B")
    draft_b = ChangeRequest.objects.get(title="B")

    by_connection = admin_api.get(f"{API}/change-requests/", {"connection": other.pk}).json()
    submitted = admin_api.get(f"{API}/change-requests/", {"status": "submitted"}).json()

    assert [c["id"] for c in by_connection["results"]] == [draft_b.pk]
    assert submitted["count"] == 0
    assert by_connection["results"][0]["item_count"] == 0
