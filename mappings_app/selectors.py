"""Reads of the mapping catalog."""

from collections import defaultdict

from django.db.models import Count, Prefetch, QuerySet

from crmhub.models import ConnectionStatus, CrmConnection
from mappings_app.catalog import catalog_snapshot, empty_snapshot
from mappings_app.connection_setup import SETUP_REASON
from mappings_app.models import (
    CatalogVersion,
    ChangeItem,
    ChangeRequest,
    ChangeStatus,
    CrmField,
    CrmObject,
    FieldMapping,
    FieldType,
    Flow,
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


def connection_names() -> QuerySet[CrmConnection]:
    """Every connection with its active catalog version, by name (the catalog page's export/import links)."""
    return CrmConnection.objects.only("id", "name", "catalog_version").order_by("name")


def connection_ids_in_setup() -> set[int]:
    """Connections the wizard created whose setup is not finished (paused until then, not failing)."""
    return set(
        CrmConnection.objects.filter(status_reason=SETUP_REASON)
        .exclude(status=ConnectionStatus.ACTIVE)
        .values_list("pk", flat=True)
    )


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


def flow_mappings_by_key(*, flow: Flow) -> dict[str, list[FieldMapping]]:
    """The flow's enabled mappings of the active catalog, by source key (each key's targets by field name)."""
    mappings = (
        FieldMapping.objects.filter(
            source_system=flow.source_system, crm_field__crm_object=flow.crm_object, enabled=True
        )
        .select_related("crm_field__ownership", "timestamp_field")
        .order_by("source_key", "crm_field__name")
    )
    by_key: dict[str, list[FieldMapping]] = defaultdict(list)
    for mapping in mappings:
        by_key[mapping.source_key].append(mapping)
    return dict(by_key)


def data_class_overrides(*, connection: CrmConnection) -> dict[int, str]:
    """Field pk -> data class, for the fields the catalog classed explicitly."""
    from mappings_app.outbound import data_class_overrides as overrides

    return overrides(connection=connection)


def default_data_class(*, name: str, field_type: str, object_name: str = "") -> str:
    """The data class of a field the catalog did not class: by what its name and type say it holds, and what
    its object is (a company's name is not personal data)."""
    from mappings_app.outbound import default_data_class as by_default

    return by_default(name=name, field_type=field_type, object_name=object_name)


def outbound_catalog_entry(*, mapping) -> tuple[str, dict]:
    """(key, spec) of an outbound mapping as catalog snapshots hold it."""
    from mappings_app.outbound import outbound_key, outbound_spec

    spec = outbound_spec(mapping)
    return outbound_key(spec), spec


def catalog_version_numbers(*, connection: CrmConnection) -> list[int]:
    """Every version of the connection's catalog that can be compared, newest first (0: the empty catalog)."""
    return list(range(connection.catalog_version, -1, -1))


def catalog_versions_compare(*, connection: CrmConnection, older: int, newer: int) -> list:
    """What changed in the catalog from version `older` to version `newer`, section by section, in words."""
    from mappings_app.compare import snapshots_compare

    connection.refresh_from_db(fields=["catalog_version"])  # the active version is read live, not frozen
    return snapshots_compare(
        catalog_snapshot_at(connection=connection, number=older),
        catalog_snapshot_at(connection=connection, number=newer),
    )
