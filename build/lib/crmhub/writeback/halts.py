"""Stops that protect the CRM: schema drift halts writes to a field; an auth failure pauses the connection."""

from datetime import timedelta

from django.db import transaction

from crmhub.connectors import CrmError
from crmhub.core import clock
from crmhub.models import ConnectionStatus, CrmConnection
from crmhub.writeback.models import FlowWritebackSettings, WritebackEvent, WritebackEventKind
from mappings_app.drift import Drift, drift_known, mappings_mark_broken, schema_drift_find
from mappings_app.models import Flow

DRIFT_REASON = "write-back: schema drift"


def schema_drift_check(
    *, flow: Flow, settings: FlowWritebackSettings, connector, fields: set[str], force: bool = False
) -> dict[str, str]:
    """{field name: why writes to it halt} for the given target fields, by the catalog's drift rules
    (mappings_app/drift.py).

    The catalog's own knowledge (a field marked deleted, a mapping already broken) is always used; the CRM's
    schema is asked at most every `schema_check_seconds` unless `force` (a write was just refused).
    """
    fields = {name for name in fields if name}
    object_name = flow.crm_object.name
    known = drift_known(crm_object=flow.crm_object, source_system=flow.source_system, names=fields)
    now = clock.now()
    due = settings.schema_checked_at is None or now - settings.schema_checked_at >= timedelta(
        seconds=settings.schema_check_seconds
    )
    if not (force or due) or not fields:
        return known
    try:
        schemas = connector.discover_schema([object_name])
    except CrmError:
        return known  # the write itself will meet the same error and be retried or refused
    FlowWritebackSettings.objects.filter(pk=settings.pk).update(schema_checked_at=now)
    settings.schema_checked_at = now
    schema = next((s for s in schemas if s.name == object_name), None)
    if schema is None:
        return known
    drift = schema_drift_find(connection=flow.connection, schema=schema, names=fields)
    _drift_record(flow=flow, drift=drift)
    return {**known, **{d.field.name: d.reason for d in drift}}


@transaction.atomic
def _drift_record(*, flow: Flow, drift: list[Drift]) -> None:
    """Mark the mappings that write a drifted field broken; one event when any was marked now."""
    broken = mappings_mark_broken(drift=drift, change_reason=DRIFT_REASON)
    if broken:
        WritebackEvent.objects.create(
            connection=flow.connection,
            flow=flow,
            kind=WritebackEventKind.SCHEMA_DRIFT,
            message="; ".join(sorted({d.reason for d in drift}))[:1000],
            details={"fields": sorted(d.field.name for d in drift), "mappings": [m.pk for m in broken]},
        )


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
