"""Reads for exports: which destinations an object feeds, each destination's plan of one object, runs."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import OuterRef, QuerySet, Subquery

from crmhub.connectors.salesforce.key_prefixes import STANDARD_KEY_PREFIXES
from crmhub.connectors.user_directory import users_object
from crmhub.exports.consent import ConsentRule as CdpConsentRule
from crmhub.exports.consent import Meaning, default_rules
from crmhub.exports.models import (
    Destination,
    DestinationStatus,
    ExportFailedRow,
    ExportRun,
    ReconciliationRun,
    SuppressionDelivery,
)
from crmhub.exports.rows import ColumnPlan, ConsentRule, ObjectPlan, polymorphic_targets, related_object
from crmhub.models import CrmConnection
from mappings_app.models import ConsentField, CrmField, CrmObject, OutboundMapping
from mappings_app.selectors import data_class_overrides, default_data_class


def destinations_fed_by(*, connection, object_name: str) -> list[Destination]:
    """Active destinations with at least one enabled outbound mapping of this object."""
    ids = (
        OutboundMapping.objects.filter(
            enabled=True,
            crm_field__crm_object__connection=connection,
            crm_field__crm_object__name=object_name,
            destination__status=DestinationStatus.ACTIVE,
        )
        .values_list("destination_id", flat=True)
        .distinct()
    )
    return list(Destination.objects.filter(pk__in=list(ids)).order_by("pk"))


def objects_fed(*, destination: Destination) -> list[tuple[int, str]]:
    """(connection id, object name) of every object this destination receives."""
    return sorted(
        set(
            OutboundMapping.objects.filter(destination=destination, enabled=True).values_list(
                "crm_field__crm_object__connection_id", "crm_field__crm_object__name"
            )
        )
    )


@dataclass(frozen=True)
class FedObject:
    connection: object
    name: str
    label: str  # the CRM's own name for it (the catalog's label), e.g. "Companies"


def objects_fed_named(*, destination: Destination) -> list[FedObject]:
    """The objects this destination receives, with their connection and the CRM's label, for the pages."""
    fed = objects_fed(destination=destination)
    catalog = {
        (o.connection_id, o.name): o
        for o in CrmObject.objects.select_related("connection").filter(
            connection_id__in={connection_id for connection_id, _ in fed}, name__in={name for _, name in fed}
        )
    }
    connections = CrmConnection.objects.in_bulk({connection_id for connection_id, _ in fed})
    return [
        FedObject(
            connection=connections[connection_id],
            name=name,
            label=(catalog[(connection_id, name)].label if (connection_id, name) in catalog else "") or name,
        )
        for connection_id, name in fed
    ]


def object_label(*, connection, object_name: str) -> str:
    """The CRM's label of an object (the catalog's), or its name when the catalog has none."""
    if connection is None or not object_name:
        return object_name
    label = (
        CrmObject.objects.filter(connection=connection, name=object_name)
        .values_list("label", flat=True)
        .first()
    )
    return label or object_name


def object_plan(*, destination: Destination, connection, object_name: str) -> ObjectPlan:
    """What `destination` receives of `object_name`: allowed columns, refused ones, consent rules."""
    overrides = data_class_overrides(connection=connection)
    plan = ObjectPlan(
        destination_id=destination.pk,
        connection_id=connection.pk,
        connection_name=connection.name,
        object_name=object_name,
        catalog_version=connection.catalog_version,
        purposes=list(destination.purposes or []),
    )
    allowed = set(destination.allowed_data_classes or [])
    prefixes = key_prefixes(connection=connection)
    mappings = OutboundMapping.objects.filter(
        destination=destination,
        enabled=True,
        crm_field__crm_object__connection=connection,
        crm_field__crm_object__name=object_name,
        crm_field__is_deleted=False,
    ).select_related("crm_field")
    for mapping in mappings.order_by("target", "pk"):
        crm_field = mapping.crm_field
        column = ColumnPlan(
            mapping_id=mapping.pk,
            field_name=crm_field.name,
            field_type=crm_field.field_type,
            data_class=overrides.get(crm_field.pk)
            or default_data_class(
                name=crm_field.name, field_type=crm_field.field_type, object_name=object_name
            ),
            target=mapping.target,
            target_type=mapping.target_type,
            transform=mapping.transform,
            transform_params=mapping.transform_params or {},
            null_policy=mapping.null_policy,
            related_object=related_object(
                name=crm_field.name,
                field_type=crm_field.field_type,
                provider_metadata=crm_field.provider_metadata or {},
                provider=connection.provider,
            ),
            targets_by_prefix=polymorphic_targets(
                provider_metadata=crm_field.provider_metadata or {}, key_prefixes=prefixes
            ),
            many=bool((crm_field.provider_metadata or {}).get("association")),
        )
        (plan.columns if column.data_class in allowed else plan.refused).append(column)
    plan.consent_rules = consent_rules(connection=connection, object_name=object_name)
    return plan


def key_prefixes(*, connection) -> dict[str, str]:
    """Salesforce: the object each id prefix names, the standard objects' and the catalog's (custom objects
    have the org's own prefixes, from their describe). Other CRMs' ids say nothing of their object."""
    if connection.provider != "salesforce":
        return {}
    described = {
        str(metadata["keyPrefix"]): name
        for name, metadata in CrmObject.objects.filter(connection=connection).values_list(
            "name", "provider_metadata"
        )
        if (metadata or {}).get("keyPrefix")
    }
    return {**STANDARD_KEY_PREFIXES, **described}


def consent_rules(*, connection, object_name: str) -> list[ConsentRule]:
    """The catalog's consent fields of this object; without any, the CRM's own (HubSpot hs_email_optout,
    Salesforce HasOptedOutOfEmail/Fax, Pipedrive marketing_status)."""
    rows = ConsentField.objects.filter(
        crm_field__crm_object__connection=connection, crm_field__crm_object__name=object_name
    ).select_related("crm_field")
    rules = [
        ConsentRule(
            field_name=row.crm_field.name,
            purpose=row.purpose,
            meaning=row.meaning,
            opt_in_values=tuple(row.opt_in_values or ()),
            opt_out_values=tuple(row.opt_out_values or ()),
        )
        for row in rows
    ]
    if rules:
        return rules
    known = set(
        CrmField.objects.filter(
            crm_object__connection=connection, crm_object__name=object_name, is_deleted=False
        ).values_list("name", flat=True)
    )
    return [
        ConsentRule(
            field_name=rule.field,
            purpose=rule.purpose,
            meaning=str(rule.meaning),
            opt_in_values=tuple(sorted(rule.opt_in_values)),
            opt_out_values=tuple(sorted(rule.opt_out_values)),
        )
        for rule in default_rules(connection.provider, object_name)
        if rule.field in known
    ]


def cdp_consent_rules(plan: ObjectPlan) -> tuple[CdpConsentRule, ...]:
    return tuple(
        CdpConsentRule(
            rule.field_name,
            rule.purpose,
            Meaning(rule.meaning),
            opt_in_values=frozenset(rule.opt_in_values),
            opt_out_values=frozenset(rule.opt_out_values),
        )
        for rule in plan.consent_rules
    )


def fields_to_read(*, connection, object_name: str) -> set[str]:
    """Every field some destination needs of this object: mapped fields and consent fields."""
    wanted: set[str] = set()
    for destination in destinations_fed_by(connection=connection, object_name=object_name):
        wanted |= object_plan(
            destination=destination, connection=connection, object_name=object_name
        ).fields_to_read
    return wanted


def users_connections(*, destination: Destination | None = None) -> list:
    """Active connections whose users (owners) an active destination, or this one, maps."""
    from crmhub.models import ConnectionStatus, CrmConnection

    mappings = OutboundMapping.objects.filter(enabled=True, destination__status=DestinationStatus.ACTIVE)
    if destination is not None:
        mappings = mappings.filter(destination=destination)
    pairs = set(
        mappings.values_list("crm_field__crm_object__connection_id", "crm_field__crm_object__name").distinct()
    )
    connections = CrmConnection.objects.filter(
        pk__in={connection_id for connection_id, _ in pairs}, status=ConnectionStatus.ACTIVE
    ).order_by("pk")
    return [c for c in connections if (c.pk, users_object(c.provider)) in pairs]


def destination_list(*, user=None) -> QuerySet[Destination]:
    return Destination.objects.order_by("name")


def export_run_list(*, destination: Destination | None = None) -> QuerySet[ExportRun]:
    runs = ExportRun.objects.select_related("destination", "connection").order_by("-created_at", "-id")
    return runs.filter(destination=destination) if destination else runs


def failed_rows(*, destination: Destination, status: str | None = None) -> QuerySet[ExportFailedRow]:
    rows = ExportFailedRow.objects.filter(destination=destination).select_related("connection", "run")
    return rows.filter(status=status) if status else rows


def latest_runs(*, destinations: list[Destination]) -> list[ExportRun]:
    """The newest run of each destination, in one query (a subquery picks each one's newest)."""
    newest = (
        ExportRun.objects.filter(destination=OuterRef("destination"))
        .order_by("-created_at", "-id")
        .values("pk")[:1]
    )
    return list(
        ExportRun.objects.filter(destination__in=destinations, pk=Subquery(newest)).select_related(
            "destination"
        )
    )


# -- suppression lag ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LagHour:
    """The withdrawals one destination received in one hour, and their p95 lag."""

    destination_id: int
    destination_name: str
    target_seconds: int
    hour: datetime
    p95_seconds: float
    withdrawals: int


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile (the value 95 % of the withdrawals did not exceed)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def suppression_lag_hours(*, since: datetime, until: datetime | None = None) -> list[LagHour]:
    """Per destination and hour of delivery: the p95 lag of the withdrawals delivered, oldest hour first."""
    rows = SuppressionDelivery.objects.filter(delivered_at__gte=since)
    if until is not None:
        rows = rows.filter(delivered_at__lt=until)
    grouped: dict[tuple, list[float]] = defaultdict(list)
    for destination_id, name, target, delivered_at, lag in rows.values_list(
        "destination_id",
        "destination__name",
        "destination__suppression_target_seconds",
        "delivered_at",
        "lag_seconds",
    ):
        hour = delivered_at.replace(minute=0, second=0, microsecond=0)
        grouped[(destination_id, name, target, hour)].append(lag)
    return [
        LagHour(destination_id, name, target, hour, p95(lags), len(lags))
        for (destination_id, name, target, hour), lags in sorted(grouped.items(), key=lambda item: item[0][3])
    ]


def suppression_lag_p95(
    *, destination: Destination, since: datetime, connection_id: int | None = None
) -> tuple[float | None, int]:
    """(p95 lag in seconds, withdrawals) of what the destination received since `since`."""
    rows = SuppressionDelivery.objects.filter(destination=destination, delivered_at__gte=since)
    if connection_id is not None:
        rows = rows.filter(connection_id=connection_id)
    lags = list(rows.values_list("lag_seconds", flat=True))
    return (p95(lags) if lags else None), len(lags)


def reconciliation_history(*, since: datetime) -> list[ReconciliationRun]:
    """Every destination's reconciliations since a moment, oldest first, with their destination."""
    return list(
        ReconciliationRun.objects.filter(created_at__gte=since)
        .select_related("destination")
        .only("created_at", "ok", "differences", "destination__name")
        .order_by("created_at", "id")
    )


def reconciliation_latest(*, destinations: list[Destination]) -> dict[int, ReconciliationRun]:
    """Each destination's latest reconciliation (whenever it ran), by destination id."""
    newest = ReconciliationRun.objects.filter(destination=OuterRef("destination")).order_by(
        "-created_at", "-id"
    )
    latest = ReconciliationRun.objects.filter(
        destination__in=destinations, pk=Subquery(newest.values("pk")[:1])
    )
    return {run.destination_id: run for run in latest}
