"""Reads of the mapping catalog."""

from django.db.models import Count, Prefetch, QuerySet

from crmhub.models import CrmConnection
from mappings_app.catalog import catalog_snapshot, empty_snapshot
from mappings_app.models import (
    CatalogVersion,
    ChangeItem,
    ChangeRequest,
    ChangeStatus,
    CrmField,
    CrmObject,
    FieldMapping,
    FieldType,
)


def catalog_snapshot_at(*, connection: CrmConnection, number: int) -> dict:
    """The catalog as it was at version `number` (0 is the empty catalog before any change)."""
    if number == connection.catalog_version:
        return catalog_snapshot(connection)
    if number == 0:
        return empty_snapshot()
    version = CatalogVersion.objects.filter(connection=connection, number=number).first()
    if version is None:
        raise CatalogVersion.DoesNotExist(f"{connection.name} has no catalog version {number}.")
    return version.snapshot


def field_list() -> QuerySet[CrmField]:
    """CRM fields with their mapping count, by object and name (filtered by mappings_app.filtersets)."""
    fields = CrmField.objects.select_related("crm_object__connection", "ownership").annotate(
        mapping_count=Count("mappings", distinct=True)
    )
    return fields.order_by("crm_object__name", "name")


def mapping_list() -> QuerySet[FieldMapping]:
    """Field mappings by source (filtered by mappings_app.filtersets)."""
    mappings = FieldMapping.objects.select_related(
        "crm_field__crm_object__connection", "crm_field__ownership", "timestamp_field"
    )
    return mappings.order_by("source_system", "source_key", "crm_field__name")


def change_request_list() -> QuerySet[ChangeRequest]:
    """Change requests with their item count, newest first (filtered by mappings_app.filtersets)."""
    changes = ChangeRequest.objects.select_related("connection", "author", "decided_by").annotate(
        item_count=Count("items", distinct=True)
    )
    # Meta.ordering is dropped from a GROUP BY query, so order explicitly (stable pages on PostgreSQL).
    return changes.order_by("-created_at", "-id")


def change_request_detail(*, pk: int) -> ChangeRequest:
    return (
        ChangeRequest.objects.select_related("connection", "author", "decided_by", "applied_by")
        .prefetch_related(
            Prefetch("items", queryset=ChangeItem.objects.order_by("kind", "key")),
            "comments__author",
        )
        .get(pk=pk)
    )


def pending_change_requests() -> QuerySet[ChangeRequest]:
    return change_request_list().filter(status__in=[ChangeStatus.SUBMITTED, ChangeStatus.APPROVED])


def connection_overview() -> QuerySet[CrmConnection]:
    return CrmConnection.objects.annotate(
        object_count=Count("crm_objects", distinct=True),
        field_count=Count("crm_objects__fields", distinct=True),
        mapping_count=Count("crm_objects__fields__mappings", distinct=True),
    ).order_by("name")


def catalog_version_list() -> QuerySet[CatalogVersion]:
    """Catalog versions by connection, newest first (filtered by mappings_app.filtersets)."""
    return CatalogVersion.objects.select_related("connection", "change_request", "created_by").order_by(
        "connection__name", "-number"
    )


def catalog_version_detail(*, pk: int) -> CatalogVersion:
    return CatalogVersion.objects.select_related("connection", "change_request", "created_by").get(pk=pk)


def timestamp_field_names(*, crm_field: CrmField) -> list[str]:
    """Date and date-time fields of the same object: where an AI value's companion timestamp can go."""
    return list(
        CrmField.objects.filter(
            crm_object_id=crm_field.crm_object_id,
            field_type__in=[FieldType.DATE, FieldType.DATETIME],
            is_deleted=False,
        )
        .exclude(pk=crm_field.pk)
        .order_by("name")
        .values_list("name", flat=True)
    )


def object_names(*, connection: CrmConnection | None = None) -> list[str]:
    objects = CrmObject.objects.filter(connection=connection) if connection else CrmObject.objects.all()
    return list(objects.order_by("name").values_list("name", flat=True).distinct())
