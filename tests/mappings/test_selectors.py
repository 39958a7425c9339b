"""Reads of the catalog: lists are ordered explicitly, so pages are stable on every database; the lists'
FilterSets (shared by the pages and the API) filter them."""

from django.http import QueryDict

from mappings_app import filtersets, selectors, services
from mappings_app.models import ChangeStatus
from tests import factories


def filtered(filterset_class, queryset, **query):
    filterset = filterset_class(QueryDict(mutable=True) | query, queryset=queryset)
    assert filterset.is_valid(), filterset.errors
    return filterset.qs


def draft_titled(connection, author, title):
    return services.change_request_create(
        connection=connection,
        author=author,
        title=title,
        operations=[factories.ownership_op("renewal_date", "ai_owned")],
    )


def test_change_requests_are_listed_newest_first_with_their_item_count(connection, contact_fields, admin):
    first = draft_titled(connection, admin, "First")
    second = draft_titled(connection, admin, "Second")
    changes = selectors.change_request_list()
    assert changes.ordered
    assert [change.pk for change in changes] == [second.pk, first.pk]
    assert [change.item_count for change in changes] == [1, 1]


def test_change_requests_filter_by_status_and_title(submitted, connection, admin):
    draft_titled(connection, admin, "Renewal date")
    changes = selectors.change_request_list()
    page = filtersets.ChangeRequestPageFilterSet
    assert [c.pk for c in filtered(page, changes, status="submitted")] == [submitted.pk]
    assert [c.title for c in filtered(page, changes, q="renewal")] == ["Renewal date"]
    assert [c.status for c in selectors.pending_change_requests()] == [ChangeStatus.SUBMITTED]


def test_fields_filter_by_owner_and_mapping(catalog_v1, connection):
    page, fields = filtersets.CrmFieldPageFilterSet, selectors.field_list()
    rep_owned = filtered(page, fields, connection=connection.pk, owner="rep_owned")
    names = [field.name for field in rep_owned]
    assert "lifecyclestage" in names
    assert "email" in names
    assert "ai_lead_score" not in names
    mapped = filtered(page, fields, connection=connection.pk, mapped="yes")
    assert [field.name for field in mapped] == ["ai_lead_score", "ai_segment"]


def test_mappings_are_listed_by_source_key(catalog_v1, connection):
    page, mappings = filtersets.FieldMappingPageFilterSet, selectors.mapping_list()
    assert [m.source_key for m in filtered(page, mappings, connection=connection.pk)] == ["score", "segment"]
    assert [m.source_key for m in filtered(page, mappings, q="segm")] == ["segment"]
