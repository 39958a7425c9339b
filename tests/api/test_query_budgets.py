"""Query budgets: list pages and a large change request cost a constant number of queries."""

import pytest
from django.db import connection as db_connection
from django.test.utils import CaptureQueriesContext

from mappings_app.models import (
    ChangeComment,
    ChangeItem,
    ChangeRequest,
    CrmField,
    CrmObject,
    FieldMapping,
    FieldOwnership,
)
from tests import factories

API = "/api/v1"
# Token lookup, the user's permissions (user + group), count and page; a little headroom.
LIST_BUDGET = 7


def make_fields(connection, objects: int, per_object: int) -> list[CrmField]:
    crm_objects = CrmObject.objects.bulk_create(
        CrmObject(connection=connection, name=f"object_{o}") for o in range(objects)
    )
    return CrmField.objects.bulk_create(
        CrmField(crm_object=obj, name=f"field_{n:04d}", label=f"Field {n}", field_type="string")
        for obj in crm_objects
        for n in range(per_object)
    )


def count_queries(client, path, params=None) -> int:
    with CaptureQueriesContext(db_connection) as context:
        response = client.get(path, params or {})
    assert response.status_code == 200, response.content
    return len(context.captured_queries)


@pytest.fixture
def api(client_for):
    return client_for("integration")


def test_field_page_with_5000_fields_in_constant_queries(connection, api, django_assert_max_num_queries):
    make_fields(factories.make_connection(name="small-crm"), objects=1, per_object=3)
    few = count_queries(api, f"{API}/fields/")
    fields = make_fields(connection, objects=5, per_object=1000)
    FieldOwnership.objects.bulk_create(
        FieldOwnership(crm_field=field, owner="hybrid", conflict_policy="flag") for field in fields[::3]
    )

    with django_assert_max_num_queries(LIST_BUDGET):
        response = api.get(f"{API}/fields/", {"connection": connection.pk})

    page = response.json()
    assert page["count"] == 5000
    assert len(page["results"]) == 100
    assert {f["owner"] for f in page["results"]} == {"hybrid", "rep_owned"}
    assert count_queries(api, f"{API}/fields/") == few


def test_mapping_page_in_constant_queries(connection, api, django_assert_max_num_queries):
    fields = make_fields(connection, objects=2, per_object=150)
    FieldOwnership.objects.bulk_create(FieldOwnership(crm_field=field, owner="ai_owned") for field in fields)
    FieldMapping.objects.bulk_create(
        FieldMapping(
            source_system="scorer",
            source_key=f"key_{n}",
            crm_field=field,
            timestamp_field=fields[0],
        )
        for n, field in enumerate(fields)
    )

    with django_assert_max_num_queries(LIST_BUDGET):
        response = api.get(f"{API}/mappings/")

    assert response.json()["count"] == 300
    assert response.json()["results"][0]["timestamp_field"] == "field_0000"


def test_change_request_list_in_constant_queries(
    connection, users, client_for, django_assert_max_num_queries
):
    changes = ChangeRequest.objects.bulk_create(
        ChangeRequest(
            connection=connection,
            title=f"Change {n}",
            base_version=0,
            author=users["admin"],
            decided_by=users["approver"],
            status="approved",
        )
        for n in range(150)
    )
    ChangeItem.objects.bulk_create(
        ChangeItem(change_request=change, kind="ownership_set", key=f"ownership:o.f{n}", after={})
        for change in changes
        for n in range(3)
    )

    client = client_for("viewer")
    with django_assert_max_num_queries(LIST_BUDGET):
        response = client.get(f"{API}/change-requests/")

    assert response.json()["count"] == 150
    assert {c["item_count"] for c in response.json()["results"]} == {3}


def test_change_request_with_200_items_in_constant_queries(
    connection, users, client_for, django_assert_max_num_queries
):
    change = ChangeRequest.objects.create(
        connection=connection, title="Big", base_version=0, author=users["admin"]
    )
    ChangeItem.objects.bulk_create(
        ChangeItem(
            change_request=change,
            kind="mapping_set",
            key=f"mapping:s.k{n}->o.f{n}",
            before=None,
            after={"source_system": "s", "source_key": f"k{n}", "enabled": True},
        )
        for n in range(200)
    )
    ChangeComment.objects.bulk_create(
        ChangeComment(change_request=change, author=user, body="Looks fine")
        for user in (users["admin"], users["approver"], users["viewer"])
    )

    # token, permissions (2), the request, items, comments, comment authors
    client = client_for("viewer")
    with django_assert_max_num_queries(8):
        response = client.get(f"{API}/change-requests/{change.pk}/")

    body = response.json()
    assert len(body["items"]) == 200
    assert body["items"][0]["risk_flags"] == ["Field becomes writable by the hub"]
    assert [c["author"] for c in body["comments"]] == ["alice", "bob", "victor"]
