"""List and detail pages run a fixed number of queries however much data is behind them."""

from django.contrib.auth.models import User
from django.urls import reverse

from mappings_app.models import (
    CatalogVersion,
    ChangeComment,
    ChangeItem,
    ChangeRequest,
    CrmField,
    CrmObject,
    FieldMapping,
    FieldOwnership,
)
from tests import factories

# Session, user, permissions and the page's own reads; the count must not grow with the rows.
PAGE_BUDGET = 10


def _many_fields(connection, count: int) -> list[CrmField]:
    crm_object = CrmObject.objects.create(connection=connection, name="companies")
    CrmField.objects.bulk_create(
        CrmField(crm_object=crm_object, name=f"field_{n:05d}", label=f"Field {n}", field_type="string")
        for n in range(count)
    )
    return list(CrmField.objects.filter(crm_object=crm_object))


def test_field_list_with_5000_fields(login, users, connection, django_assert_max_num_queries):
    fields = _many_fields(connection, 5000)
    FieldOwnership.objects.bulk_create(FieldOwnership(crm_field=f, owner="ai_owned") for f in fields[:2000])
    FieldMapping.objects.bulk_create(
        FieldMapping(source_system="enricher", source_key=f.name, crm_field=f) for f in fields[:1000]
    )
    browser = login(users["admin"])
    for query in ({}, {"connection": connection.pk, "mapped": "no", "owner": "rep_owned", "page": 40}):
        with django_assert_max_num_queries(PAGE_BUDGET):
            response = browser.get(reverse("mappings:field-list"), query)
        assert response.status_code == 200
        assert len(response.context["page"]) == 50


def test_mapping_list(login, users, connection, django_assert_max_num_queries):
    fields = _many_fields(connection, 300)
    FieldMapping.objects.bulk_create(
        FieldMapping(source_system="enricher", source_key=f.name, crm_field=f, timestamp_field=fields[0])
        for f in fields
    )
    browser = login(users["admin"])
    with django_assert_max_num_queries(PAGE_BUDGET):
        response = browser.get(reverse("mappings:mapping-list"), {"connection": connection.pk})
    assert len(response.context["page"]) == 50


def test_change_list(login, users, connection, django_assert_max_num_queries):
    authors = [users["admin"], users["approver"]]
    changes = ChangeRequest.objects.bulk_create(
        ChangeRequest(connection=connection, title=f"Change {n}", author=authors[n % 2], base_version=0)
        for n in range(120)
    )
    ChangeItem.objects.bulk_create(
        ChangeItem(change_request=c, kind="ownership_set", key=f"ownership:contacts.f{n}", after={})
        for c in changes
        for n in range(3)
    )
    browser = login(users["admin"])
    with django_assert_max_num_queries(PAGE_BUDGET):
        response = browser.get(reverse("mappings:change-list"))
    page = response.context["page"]
    assert len(page) == 50
    assert {change.item_count for change in page} == {3}


def test_change_detail_with_200_items(
    login, users, connection, contact_fields, django_assert_max_num_queries
):
    fields = _many_fields(connection, 100)
    change = ChangeRequest.objects.create(
        connection=connection, title="Big", author=users["admin"], base_version=0
    )
    items = []
    for f in fields:
        spec = {"object": "companies", "field": f.name, "owner": "ai_owned", "conflict_policy": ""}
        items.append(
            ChangeItem(change_request=change, kind="ownership_set", key=f"ownership:{f.name}", after=spec)
        )
        mapping = {
            "source_system": "enricher",
            "source_key": f.name,
            "object": "companies",
            "field": f.name,
            "source_type": "string",
            "transform": "trim",
            "transform_params": {},
            "null_policy": "skip",
            "timestamp_field": None,
            "enabled": True,
        }
        items.append(
            ChangeItem(change_request=change, kind="mapping_set", key=f"mapping:{f.name}", after=mapping)
        )
    ChangeItem.objects.bulk_create(items)
    ChangeComment.objects.bulk_create(
        ChangeComment(change_request=change, author=users["approver"], body=f"Comment {n}") for n in range(20)
    )
    browser = login(users["admin"])
    with django_assert_max_num_queries(PAGE_BUDGET):
        response = browser.get(reverse("mappings:change-detail", args=[change.pk]))
    assert len(response.context["items"]) == 200
    assert all(view.field_pk for view in response.context["items"])
    assert response.content.decode().count('class="diff"') == 200


def test_version_list(login, users, connection, django_assert_max_num_queries):
    creators = [users["admin"], users["approver"], factories.make_user("carol")]
    changes = ChangeRequest.objects.bulk_create(
        ChangeRequest(
            connection=connection, title=f"C{n}", author=creators[n % 3], base_version=n, status="applied"
        )
        for n in range(80)
    )
    CatalogVersion.objects.bulk_create(
        CatalogVersion(
            connection=connection,
            number=n + 1,
            change_request=change,
            snapshot={"mappings": {}, "ownership": {}},
            created_by=creators[n % 3],
        )
        for n, change in enumerate(changes)
    )
    browser = login(users["admin"])
    with django_assert_max_num_queries(PAGE_BUDGET):
        response = browser.get(reverse("mappings:version-list"))
    assert len(response.context["page"]) == 50
    assert User.objects.count() == 6
