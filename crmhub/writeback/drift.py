"""Stops that protect the CRM: schema drift halts writes to a field; an auth failure pauses the connection."""

from datetime import timedelta

from django.db import transaction

from crmhub.connectors import CrmError
from crmhub.core import clock
from crmhub.models import ConnectionStatus, CrmConnection
from crmhub.writeback.models import FlowWritebackSettings, WritebackEvent, WritebackEventKind
from mappings_app.models import CrmField, FieldMapping, Flow

DRIFT_REASON = "write-back: schema drift"


def schema_drift_check(
    *, flow: Flow, settings: FlowWritebackSettings, connector, fields: set[str], force: bool = False
) -> dict[str, str]:
    """{field name: why writes to it halt} for the given target fields.

    The catalog's own knowledge (a field marked deleted, a mapping already broken) is always used; the CRM's
    schema is asked at most every `schema_check_seconds` unless `force` (a write was just refused).
    """
    fields = {name for name in fields if name}
    known = _known_drift(flow, fields)
    now = clock.now()
    due = settings.schema_checked_at is None or now - settings.schema_checked_at >= timedelta(
        seconds=settings.schema_check_seconds
    )
    if not (force or due) or not fields:
        return known
    try:
        schemas = connector.discover_schema([flow.crm_object.name])
    except CrmError:
        return known  # the write itself will meet the same error and be retried or refused
    FlowWritebackSettings.objects.filter(pk=settings.pk).update(schema_checked_at=now)
    settings.schema_checked_at = now
    schema = next((s for s in schemas if s.name == flow.crm_object.name), schemas[0] if schemas else None)
    if schema is None:
        return known
    catalog = {f.name: f for f in CrmField.objects.filter(crm_object=flow.crm_object, name__in=fields)}
    found = {}
    for name in fields:
        reason = _field_drift(schema.field_named(name), catalog.get(name), flow.crm_object.name, name)
        if reason:
            found[name] = reason
    if found:
        mappings_mark_broken(flow=flow, reasons=found)
    return {**known, **found}


def _field_drift(reported, catalog_field, object_name: str, name: str) -> str:
    if reported is None:
        return f"{object_name}.{name} no longer exists in the CRM."
    if catalog_field is not None and str(reported.field_type) != catalog_field.field_type:
        return f"{object_name}.{name} changed type in the CRM from {catalog_field.field_type} to {reported.field_type}."
    return ""


def _known_drift(flow: Flow, fields: set[str]) -> dict[str, str]:
    known = {}
    for field in CrmField.objects.filter(crm_object=flow.crm_object, name__in=fields, is_deleted=True):
        known[field.name] = f"{flow.crm_object.name}.{field.name} no longer exists in the CRM."
    broken = FieldMapping.objects.filter(
        source_system=flow.source_system, crm_field__crm_object=flow.crm_object, crm_field__name__in=fields
    ).exclude(broken_reason="")
    for mapping in broken.select_related("crm_field"):
        known.setdefault(mapping.crm_field.name, f"mapping is broken: {mapping.broken_reason}")
    return known


@transaction.atomic
def mappings_mark_broken(*, flow: Flow, reasons: dict[str, str]) -> list[FieldMapping]:
    """Mark every mapping of the connection that writes a drifted field (or its timestamp) broken."""
    connection_fields = CrmField.objects.filter(crm_object=flow.crm_object, name__in=list(reasons))
    affected = (
        FieldMapping.objects.select_for_update(of=("self",))
        .filter(crm_field__crm_object=flow.crm_object)
        .select_related("crm_field", "timestamp_field")
    )
    changed = []
    field_ids = {f.pk: f.name for f in connection_fields}
    for mapping in affected:
        name = field_ids.get(mapping.crm_field_id) or field_ids.get(mapping.timestamp_field_id)
        if name is None or mapping.broken_reason:
            continue
        mapping.broken_reason = reasons[name][:500]
        mapping._history_user = None  # a worker, not a person
        mapping._change_reason = DRIFT_REASON
        mapping.save(update_fields=["broken_reason"])
        changed.append(mapping)
    if changed:
        WritebackEvent.objects.create(
            connection=flow.connection,
            flow=flow,
            kind=WritebackEventKind.SCHEMA_DRIFT,
            message="; ".join(sorted(set(reasons.values())))[:1000],
            details={"fields": sorted(reasons), "mappings": [m.pk for m in changed]},
        )
    return changed


@transaction.atomic
def connection_pause(*, connection: CrmConnection, flow: Flow | None, reason: str) -> None:
    """An auth failure: no worker may call this CRM until someone fixes the credentials and resumes."""
    row = CrmConnection.objects.select_for_update().get(pk=connection.pk)
    connection.status = ConnectionStatus.PAUSED
    if row.status == ConnectionStatus.PAUSED:
        return
    row.status = ConnectionStatus.PAUSED
    row.status_reason = f"Auth failure during write-back: {reason}"[:500]
    row._history_user = None
    row._change_reason = "write-back: auth failure"
    row.save(update_fields=["status", "status_reason", "updated_at"])
    WritebackEvent.objects.create(
        connection=connection,
        flow=flow,
        kind=WritebackEventKind.AUTH_FAILURE,
        message=row.status_reason,
        details={"connection": connection.name},
    )
