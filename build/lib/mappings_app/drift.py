"""Schema drift: the CRM's schema no longer holds what the catalog says of a field. One rule set for every
place that looks (a sync cycle checks each catalog field of the object it reads; the write-back path checks
the fields it is about to write), and one way drift acts on the catalog.

A field drifted when
- it is gone from the CRM;
- its type changed;
- it is a picklist that lost options the catalog lists (unless its options live outside the CRM, such as
  owners or stages: `external_options`). A mapping may write a value the CRM no longer accepts.

Drift marks every mapping that writes the field (or its timestamp) broken; the write-back planner refuses to
write through a broken mapping until a person mends it. Recording the event is the caller's (each says what it
was doing when it found the drift).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from crmhub.connectors.base import FieldSchema, ObjectSchema
from mappings_app.models import CrmField, CrmObject, FieldMapping, FieldType


@dataclass(frozen=True)
class Drift:
    field: CrmField
    reason: str


def field_drift_reason(*, field: CrmField, reported: FieldSchema | None, object_name: str) -> str:
    """Why `field` drifted, given what the CRM reports of it now (None: nothing); "" when it did not."""
    qualified = f"{object_name}.{field.name}"
    if reported is None:
        return f"{qualified} no longer exists in the CRM."
    if str(reported.field_type) != field.field_type:
        return f"{qualified} changed type in the CRM from {field.field_type} to {reported.field_type}."
    if field.field_type in (FieldType.PICKLIST, FieldType.MULTIPICKLIST) and not field.external_options:
        removed = sorted(set(field.picklist_options or []) - set(reported.picklist_options or []), key=str)
        if removed:
            return f"{qualified} lost picklist options: {', '.join(map(str, removed))}."
    return ""


def schema_drift_find(*, connection, schema: ObjectSchema, names: Iterable[str] | None = None) -> list[Drift]:
    """The catalog fields of `schema`'s object (all, or those `names`) that drifted from `schema`."""
    catalog = CrmField.objects.filter(
        crm_object__connection=connection, crm_object__name=schema.name, is_deleted=False
    ).order_by("name")
    if names is not None:
        catalog = catalog.filter(name__in=list(names))
    found = []
    for field in catalog:
        reason = field_drift_reason(
            field=field, reported=schema.field_named(field.name), object_name=schema.name
        )
        if reason:
            found.append(Drift(field, reason))
    return found


@transaction.atomic
def mappings_mark_broken(*, drift: list[Drift], change_reason: str) -> list[FieldMapping]:
    """Mark every mapping that writes a drifted field (or its timestamp) broken, with history attribution (a
    worker, not a person). A mapping already broken keeps its first reason. Returns the mappings marked now."""
    reasons = {d.field.pk: d.reason for d in drift}
    if not reasons:
        return []
    mappings = (
        FieldMapping.objects.select_for_update(of=("self",))
        .filter(Q(crm_field_id__in=reasons) | Q(timestamp_field_id__in=reasons))
        .order_by("pk")
    )
    broken = []
    for mapping in mappings:
        if mapping.broken_reason:
            continue
        reason = reasons.get(mapping.crm_field_id) or reasons[mapping.timestamp_field_id]
        mapping.broken_reason = reason[:500]
        mapping._history_user = None
        mapping._change_reason = change_reason
        mapping.save(update_fields=["broken_reason"])
        broken.append(mapping)
    return broken


def drift_known(*, crm_object: CrmObject, source_system: str, names: Iterable[str]) -> dict[str, str]:
    """{field name: reason} the catalog already knows without asking the CRM: fields marked deleted, and
    fields whose mapping from `source_system` is broken."""
    names = list(names)
    known = {
        field.name: f"{crm_object.name}.{field.name} no longer exists in the CRM."
        for field in CrmField.objects.filter(crm_object=crm_object, name__in=names, is_deleted=True)
    }
    broken = FieldMapping.objects.filter(
        source_system=source_system, crm_field__crm_object=crm_object, crm_field__name__in=names
    ).exclude(broken_reason="")
    for mapping in broken.select_related("crm_field"):
        known.setdefault(mapping.crm_field.name, f"mapping is broken: {mapping.broken_reason}")
    return known
