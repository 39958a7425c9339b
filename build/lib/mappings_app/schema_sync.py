"""Bring the catalog's CrmObject/CrmField rows in line with what a CRM's schema discovery reported.

Only the objects that were discovered are touched. A field the CRM no longer reports is kept (mappings
point at it) and marked `is_deleted`; a field that comes back is restored.
"""

import logging
from dataclasses import dataclass, field

from django.db import transaction

from crmhub.connectors.base import FieldSchema, ObjectSchema
from crmhub.models import CrmConnection
from mappings_app.models import CrmField, CrmObject

logger = logging.getLogger(__name__)

CHANGE_REASON = "CRM schema discovery"
SYNCED_ATTRIBUTES = (
    "label",
    "field_type",
    "picklist_options",
    "external_options",
    "writable",
    "nillable",
    "max_length",
    "provider_metadata",
    "is_deleted",
)


@dataclass
class SchemaSyncSummary:
    objects_created: list[str] = field(default_factory=list)
    fields_created: list[str] = field(default_factory=list)
    fields_updated: list[str] = field(default_factory=list)
    fields_deleted: list[str] = field(default_factory=list)
    fields_restored: list[str] = field(default_factory=list)
    retyped: list[str] = field(default_factory=list)

    def as_text(self) -> str:
        parts = [
            f"{len(self.objects_created)} objects created",
            f"{len(self.fields_created)} fields created",
            f"{len(self.fields_updated)} updated",
            f"{len(self.fields_deleted)} marked deleted",
            f"{len(self.fields_restored)} restored",
        ]
        if self.retyped:
            parts.append("retyped: " + ", ".join(self.retyped))
        return "; ".join(parts)


@transaction.atomic
def crm_schema_sync(
    *, connection: CrmConnection, schemas: list[ObjectSchema], actor=None
) -> SchemaSyncSummary:
    summary = SchemaSyncSummary()
    for schema in schemas:
        crm_object = _upsert_object(connection, schema, actor, summary)
        _sync_fields(crm_object, schema, actor, summary)
    logger.info("schema of connection %s synced: %s", connection.pk, summary.as_text())
    return summary


def _upsert_object(connection, schema: ObjectSchema, actor, summary: SchemaSyncSummary) -> CrmObject:
    crm_object = CrmObject.objects.filter(connection=connection, name=schema.name).first()
    if crm_object is None:
        crm_object = CrmObject(connection=connection, name=schema.name)
        summary.objects_created.append(schema.name)
    elif crm_object.label == schema.label[:200] and crm_object.provider_metadata == schema.provider_metadata:
        return crm_object
    crm_object.label = schema.label[:200]
    crm_object.provider_metadata = schema.provider_metadata
    _tag(crm_object, actor)
    crm_object.full_clean(validate_unique=False, validate_constraints=False)
    crm_object.save()
    return crm_object


def _sync_fields(crm_object: CrmObject, schema: ObjectSchema, actor, summary: SchemaSyncSummary) -> None:
    existing = {row.name: row for row in crm_object.fields.all()}
    reported = set()
    for field_schema in schema.fields:
        reported.add(field_schema.name)
        qualified = f"{crm_object.name}.{field_schema.name}"
        wanted = _attributes(field_schema)
        row = existing.get(field_schema.name)
        if row is None:
            _save_field(CrmField(crm_object=crm_object, name=field_schema.name, **wanted), actor)
            summary.fields_created.append(qualified)
            continue
        changed = [name for name in SYNCED_ATTRIBUTES if getattr(row, name) != wanted[name]]
        if not changed:
            continue
        if row.is_deleted:
            summary.fields_restored.append(qualified)
        if "field_type" in changed:
            summary.retyped.append(f"{qualified}: {row.field_type} -> {wanted['field_type']}")
        for name in changed:
            setattr(row, name, wanted[name])
        _save_field(row, actor)
        summary.fields_updated.append(qualified)
    for name, row in existing.items():
        if name not in reported and not row.is_deleted:
            row.is_deleted = True
            _save_field(row, actor)
            summary.fields_deleted.append(f"{crm_object.name}.{name}")


def _attributes(field_schema: FieldSchema) -> dict:
    return {
        "label": field_schema.label[:300],
        "field_type": str(field_schema.field_type),
        "picklist_options": list(field_schema.picklist_options),
        "external_options": field_schema.external_options,
        "writable": field_schema.writable,
        "nillable": field_schema.nillable,
        "max_length": field_schema.max_length,
        "provider_metadata": field_schema.provider_metadata,
        "is_deleted": False,
    }


def _save_field(row: CrmField, actor) -> None:
    _tag(row, actor)
    # Uniqueness holds by construction (one row per reported name), so skip the per-row queries.
    row.full_clean(validate_unique=False, validate_constraints=False)
    row.save()


def _tag(instance, actor) -> None:
    instance._history_user = actor
    instance._change_reason = CHANGE_REASON
