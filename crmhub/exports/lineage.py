"""Lineage: where a destination's column or trait comes from, and why a record is (or is not) in a
destination with the values it has."""

from __future__ import annotations

from dataclasses import dataclass, field

from crmhub.exports import cdp_delivery, selectors, warehouse
from crmhub.exports.models import (
    DeliveredProfile,
    Destination,
    DestinationKind,
    ExportFailedRow,
    ExportRun,
    RecordConsentState,
)
from crmhub.exports.rows import ColumnPlan, column_name
from mappings_app.models import CatalogVersion, CrmField, DataClass, OutboundMapping
from mappings_app.selectors import outbound_catalog_entry


@dataclass
class ColumnLineage:
    connection: str
    object_name: str
    column: ColumnPlan
    warehouse_column: str
    sent: bool
    why_not: str
    since_version: int | None
    change_request_id: int | None
    field_label: str = ""  # the CRM's own names, for the pages
    object_label: str = ""


def destination_lineage(*, destination: Destination) -> list[ColumnLineage]:
    """Every column or trait the destination has a mapping for: its CRM field, transform, data class, the
    catalog version that introduced it as it is, and whether it is sent."""
    from crmhub.models import CrmConnection

    found = []
    for connection_id, object_name in selectors.objects_fed(destination=destination):
        connection = CrmConnection.objects.get(pk=connection_id)
        plan = selectors.object_plan(destination=destination, connection=connection, object_name=object_name)
        versions = list(
            CatalogVersion.objects.filter(connection=connection)
            .order_by("-number")
            .values_list("number", "change_request_id", "snapshot")
        )
        field_labels = dict(
            CrmField.objects.filter(
                crm_object__connection=connection, crm_object__name=object_name
            ).values_list("name", "label")
        )
        object_label = selectors.object_label(connection=connection, object_name=object_name)
        for column, sent in [(c, True) for c in plan.columns] + [(c, False) for c in plan.refused]:
            number, change = _introduced_in(column, versions)
            found.append(
                ColumnLineage(
                    connection=connection.name,
                    object_name=object_name,
                    column=column,
                    warehouse_column=column_name(column.target)
                    if destination.kind == DestinationKind.WAREHOUSE
                    else column.target,
                    sent=sent,
                    why_not=""
                    if sent
                    else f"{_class_label(column.data_class)} is not a data class {destination.name} may receive.",
                    since_version=number,
                    change_request_id=change,
                    field_label=field_labels.get(column.field_name) or "",
                    object_label=object_label,
                )
            )
    return found


def _class_label(value: str) -> str:
    return str(DataClass(value).label) if value in DataClass.values else value


def _introduced_in(column: ColumnPlan, versions: list) -> tuple[int | None, int | None]:
    """The oldest catalog version from which the mapping has been as it is now."""
    mapping = OutboundMapping.objects.select_related("crm_field__crm_object", "destination").get(
        pk=column.mapping_id
    )
    key, spec = outbound_catalog_entry(mapping=mapping)
    found = (None, None)
    for number, change_request_id, snapshot in versions:
        if (snapshot.get("outbound") or {}).get(key) != spec:
            break
        found = (number, change_request_id)
    return found


@dataclass
class RecordLineage:
    destination: Destination
    connection_name: str
    object_name: str
    crm_id: str
    in_destination: bool = False
    reasons: list[str] = field(default_factory=list)
    values: list[dict] = field(default_factory=list)  # {column, value, field, transform, data_class}
    consent: dict = field(default_factory=dict)
    last_run: ExportRun | None = None
    failed: list[ExportFailedRow] = field(default_factory=list)
    subject: str = ""  # CDPs: the userId or groupId the CDP knows the record by
    last_messages: list[str] = field(default_factory=list)


def record_lineage(*, destination: Destination, connection, object_name: str, crm_id: str) -> RecordLineage:
    """Why this record has these values in the destination, or why it is not there."""
    plan = selectors.object_plan(destination=destination, connection=connection, object_name=object_name)
    result = RecordLineage(destination, connection.name, object_name, crm_id)
    if not plan.columns and not plan.refused:
        result.reasons.append(f"{destination.name} receives nothing of {object_name}: no outbound mapping.")
        return result
    state = RecordConsentState.objects.filter(
        destination=destination, connection=connection, object_name=object_name, crm_id=crm_id
    ).first()
    if state is not None:
        result.consent = state.decision
        if not state.allowed:
            result.reasons.append(
                "Consent: "
                + ", ".join(f"{purpose} is {value}" for purpose, value in state.decision.items())
                + (" — sent as a suppression." if state.delivered_at else " — never sent.")
            )
    elif plan.purposes:
        result.reasons.append("No consent decision yet: the record was not read since the destination began.")
    for column in plan.refused:
        result.reasons.append(
            f"{column.field_name} is not sent: data class {column.data_class} is not allowed here."
        )
    result.failed = list(
        ExportFailedRow.objects.filter(
            destination=destination, connection=connection, object_name=object_name, crm_id=crm_id
        ).order_by("-created_at")[:5]
    )
    for failed in result.failed:
        result.reasons.append(f"Failed row ({failed.get_status_display()}): {failed.reason}")
    if destination.kind == DestinationKind.WAREHOUSE:
        _warehouse_values(result, plan, connection)
    else:
        _cdp_values(result, plan, connection)
    return result


def _field_labels(connection, object_name: str) -> dict[str, str]:
    return dict(
        CrmField.objects.filter(crm_object__connection=connection, crm_object__name=object_name).values_list(
            "name", "label"
        )
    )


def _cdp_values(result: RecordLineage, plan, connection) -> None:
    """A CDP cannot be read back: what it was sent (the traits merged as the CDP merges them) is the record's
    value there, each trait traced to its CRM field."""
    profile = (
        DeliveredProfile.objects.filter(
            destination=result.destination,
            connection=connection,
            object_name=plan.object_name,
            crm_id=result.crm_id,
        )
        .select_related("run")
        .first()
    )
    if profile is None:
        result.reasons.append(f"Never delivered to {result.destination.name}.")
        return
    result.in_destination = True
    result.subject = profile.subject
    result.last_run = profile.run
    result.last_messages = list(profile.last_messages)
    result.reasons.append(f"Last delivered as {', '.join(profile.last_messages)} to {profile.subject}.")
    traits = profile.traits or {}
    if traits.get(cdp_delivery.SUPPRESSION_TRAIT):
        result.reasons.append("Suppressed: consent was withdrawn; the CDP holds the suppression flag.")
    if traits.get("crm_deleted"):
        result.reasons.append("Deleted in the CRM: the CDP was told (crm_deleted).")
    labels = _field_labels(connection, plan.object_name)
    mapped = set()
    for column in plan.columns:
        mapped.add(column.target)
        result.values.append(
            {
                "column": column.target,
                "value": traits.get(column.target),
                "field": column.field_name,
                "label": labels.get(column.field_name, ""),
                "transform": column.transform,
                "data_class": column.data_class,
            }
        )
    for name in sorted(set(traits) - mapped):  # the hub's own traits (consent, suppression, deletion)
        result.values.append(
            {
                "column": name,
                "value": traits[name],
                "field": "",
                "label": "set by the hub",
                "transform": "",
                "data_class": "",
            }
        )


def _warehouse_values(result: RecordLineage, plan, connection) -> None:
    quoted = result.crm_id.replace("'", "''")
    connection_name = connection.name.replace("'", "''")
    rows = warehouse.table_rows(
        destination=result.destination,
        table=plan.table,
        where=f"WHERE _crm_connection = '{connection_name}' AND crm_id = '{quoted}'",
    )
    if not rows:
        result.reasons.append(f"Not in {result.destination.name}'s {plan.table} table.")
        return
    row = rows[0]
    result.in_destination = True
    if row.get("_deleted"):
        merged = row.get("_merged_into")
        result.reasons.append(
            f"Deleted in the CRM{f' (merged into {merged})' if merged else ''}: the row is kept, flagged."
        )
    if row.get("_suppressed"):
        result.reasons.append("Suppressed: consent was withdrawn; the row is flagged for audiences to drop.")
    load_id = row.get("_dlt_load_id")
    result.last_run = (
        ExportRun.objects.filter(destination=result.destination, load_id__contains=load_id).first()
        if load_id
        else None
    )
    labels = dict(
        CrmField.objects.filter(
            crm_object__connection=connection, crm_object__name=plan.object_name
        ).values_list("name", "label")
    )
    for column in plan.columns:
        name = column_name(column.target)
        result.values.append(
            {
                "column": name,
                "value": row.get(name),
                "field": column.field_name,
                "label": labels.get(column.field_name, ""),
                "transform": column.transform,
                "data_class": column.data_class,
            }
        )
