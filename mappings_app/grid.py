"""The grid mapping editor's logic: every field of one CRM object with its mapping from one source system and
its owner, transform settings as plain form values (never JSON), a preview of the transform on sample values,
and the change-request operations that turn the grid into the catalog (the grid never writes the catalog).
"""

from dataclasses import dataclass, field

from crmhub.writeback.models import InboundRecord
from mappings_app.coercion import ValueRejected, map_value
from mappings_app.models import (
    ChangeKind,
    ConflictPolicy,
    CrmField,
    CrmObject,
    FieldMapping,
    FieldOwnership,
    FieldType,
    NullPolicy,
    Owner,
    SourceType,
    Transform,
)

SAMPLE_RECORDS = 5  # the newest inbound records of the source system give each row its sample values
MAX_SAMPLES = 5


# -- transform settings as form values ---------------------------------------------------------------------


def value_map_text(value_map: dict) -> str:
    """{"S": "smb"} -> "S = smb" lines."""
    return "\n".join(f"{source} = {target}" for source, target in (value_map or {}).items())


def value_map_from_text(text: str) -> dict:
    """ "S = smb" lines -> {"S": "smb"}; a line without "=" is an error a person can fix."""
    table = {}
    for number, line in enumerate((text or "").splitlines(), 1):
        if not line.strip():
            continue
        if "=" not in line:
            raise ValueError(f"Line {number} of the value map needs “source value = CRM value”.")
        source, _, target = line.partition("=")
        table[source.strip()] = target.strip()
    return table


def params_to_form(transform: str, params: dict) -> dict:
    """The form values that show a mapping's transform settings."""
    params = params or {}
    return {
        "digits": params.get("digits", 0) if transform == Transform.ROUND else "",
        "value_map": value_map_text(params.get("map", {})) if transform == Transform.VALUE_MAP else "",
        "default": params.get("default", "") if transform == Transform.VALUE_MAP else "",
        "assume_tz": params.get("assume_tz", "") if transform == Transform.TO_UTC else "",
        "format": params.get("format", "") if transform == Transform.PARSE_DATE else "",
    }


def params_from_form(transform: str, values: dict) -> dict:
    """Transform settings from the row's form values; only the ones the transform reads."""
    if transform == Transform.ROUND:
        text = str(values.get("digits", "") or "0").strip()
        if not text.isdigit():
            raise ValueError("Decimal places must be a whole number from 0 to 10.")
        return {"digits": int(text)}
    if transform == Transform.VALUE_MAP:
        params = {"map": value_map_from_text(values.get("value_map", ""))}
        if str(values.get("default", "")).strip():
            params["default"] = str(values["default"]).strip()
        return params
    if transform == Transform.TO_UTC and str(values.get("assume_tz", "")).strip():
        return {"assume_tz": str(values["assume_tz"]).strip()}
    if transform == Transform.PARSE_DATE and str(values.get("format", "")).strip():
        return {"format": str(values["format"]).strip()}
    return {}


# -- rows --------------------------------------------------------------------------------------------------


@dataclass
class GridRow:
    crm_field: CrmField
    mapping: FieldMapping | None
    owner: str
    conflict_policy: str
    samples: list = field(default_factory=list)
    other_mappings: int = 0  # more source keys of this source system land in the same field

    @property
    def values(self) -> dict:
        """The row as form values."""
        mapping = self.mapping
        transform = mapping.transform if mapping else Transform.NONE
        return {
            "source_key": mapping.source_key if mapping else "",
            "source_type": mapping.source_type if mapping else default_source_type(self.crm_field),
            "owner": self.owner,
            "conflict_policy": self.conflict_policy,
            "transform": transform,
            "null_policy": mapping.null_policy if mapping else NullPolicy.SKIP,
            "timestamp_field": mapping.timestamp_field.name if mapping and mapping.timestamp_field_id else "",
            "enabled": mapping.enabled if mapping else True,
            "samples": "\n".join(str(v) for v in self.samples),
            **params_to_form(transform, mapping.transform_params if mapping else {}),
        }


TYPE_SOURCES = {
    FieldType.NUMBER: SourceType.NUMBER,
    FieldType.INTEGER: SourceType.INTEGER,
    FieldType.BOOLEAN: SourceType.BOOLEAN,
    FieldType.DATE: SourceType.DATE,
    FieldType.DATETIME: SourceType.DATETIME,
    FieldType.MULTIPICKLIST: SourceType.LIST,
}


def default_source_type(crm_field: CrmField) -> str:
    return TYPE_SOURCES.get(crm_field.field_type, SourceType.STRING)


def grid_rows(*, crm_object: CrmObject, source_system: str) -> list[GridRow]:
    """One row per live field of the object, with the mapping from `source_system` and the field's owner."""
    fields = list(crm_object.fields.filter(is_deleted=False).order_by("name"))
    mappings: dict[int, list[FieldMapping]] = {}
    for mapping in (
        FieldMapping.objects.filter(crm_field__crm_object=crm_object, source_system=source_system)
        .select_related("timestamp_field")
        .order_by("source_key")
    ):
        mappings.setdefault(mapping.crm_field_id, []).append(mapping)
    owners = {o.crm_field_id: o for o in FieldOwnership.objects.filter(crm_field__crm_object=crm_object)}
    samples = sample_values(source_system=source_system)
    rows = []
    for crm_field in fields:
        found = mappings.get(crm_field.pk, [])
        mapping = found[0] if found else None
        ownership = owners.get(crm_field.pk)
        rows.append(
            GridRow(
                crm_field=crm_field,
                mapping=mapping,
                owner=ownership.owner if ownership else Owner.REP_OWNED,
                conflict_policy=ownership.conflict_policy if ownership else "",
                samples=samples.get(mapping.source_key, []) if mapping else [],
                other_mappings=max(len(found) - 1, 0),
            )
        )
    return rows


def sample_values(*, source_system: str) -> dict[str, list]:
    """Source key -> distinct values seen in the newest inbound records of the source system."""
    samples: dict[str, list] = {}
    records = InboundRecord.objects.filter(source_system=source_system).order_by("-received_at")
    for values in records.values_list("values", flat=True)[:SAMPLE_RECORDS]:
        for key, value in (values or {}).items():
            seen = samples.setdefault(key, [])
            if value not in seen and len(seen) < MAX_SAMPLES:
                seen.append(value)
    return samples


def sample_list(text: str) -> list:
    """Sample values typed one per line; an empty line is an empty (null) source value."""
    lines = (text or "").splitlines()
    return [None if not line.strip() else line for line in lines[:MAX_SAMPLES]]


# -- preview -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PreviewLine:
    raw: str
    result: str
    ok: bool


def preview(*, target: CrmField, values: dict) -> list[PreviewLine]:
    """What each sample value becomes in the CRM field under the row's transform and null handling."""
    try:
        params = params_from_form(values.get("transform", Transform.NONE), values)
    except ValueError as exc:
        return [PreviewLine(raw="", result=str(exc), ok=False)]
    lines = []
    for raw in sample_list(values.get("samples", "")):
        shown = "(empty)" if raw is None else str(raw)
        try:
            mapped = map_value(
                raw=_typed(raw, values.get("source_type", SourceType.STRING)),
                transform=values.get("transform", Transform.NONE),
                transform_params=params,
                null_policy=values.get("null_policy", NullPolicy.SKIP),
                target=target,
            )
        except (ValueRejected, ValueError, TypeError, ArithmeticError) as exc:
            lines.append(PreviewLine(shown, f"rejected: {getattr(exc, 'reason', exc)}", False))
            continue
        if not mapped.write:
            lines.append(PreviewLine(shown, f"not written: {mapped.skip_reason}", True))
        elif mapped.value is None:
            lines.append(PreviewLine(shown, "cleared (empty)", True))
        else:
            suffix = " (only if the field is empty)" if mapped.only_if_empty else ""
            lines.append(PreviewLine(shown, f"{_shown_value(mapped.value)}{suffix}", True))
    return lines


def _typed(raw, source_type: str):
    """A sample typed as text read as the source type says the integration sends it."""
    if raw is None or not isinstance(raw, str):
        return raw
    text = raw.strip()
    if source_type == SourceType.NUMBER:
        return float(text)
    if source_type == SourceType.INTEGER:
        return int(text)
    if source_type == SourceType.BOOLEAN:
        return {"true": True, "false": False}.get(text.lower(), text)
    if source_type == SourceType.LIST:
        return [part.strip() for part in text.split(",") if part.strip()]
    return raw


def _shown_value(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


# -- the grid as change-request operations -----------------------------------------------------------------


def row_operations(*, row: GridRow, values: dict, source_system: str) -> list[dict]:
    """The operations that make the catalog say what the row says (unchanged parts are dropped by the
    change request itself)."""
    crm_field = row.crm_field
    target = {"object": crm_field.crm_object.name, "field": crm_field.name}
    operations = []
    owner = values.get("owner") or Owner.REP_OWNED
    policy = values.get("conflict_policy", "") if owner == Owner.HYBRID else ""
    if owner == Owner.HYBRID and policy not in ConflictPolicy.values:
        raise ValueError(f"{crm_field.name}: a hybrid field needs to say what happens after a rep's edit.")
    if owner != row.owner or policy != row.conflict_policy:
        if owner == Owner.REP_OWNED:
            operations.append({"kind": ChangeKind.OWNERSHIP_DELETE, "spec": target})
        else:
            operations.append(
                {
                    "kind": ChangeKind.OWNERSHIP_SET,
                    "spec": {**target, "owner": owner, "conflict_policy": policy},
                }
            )
    source_key = (values.get("source_key") or "").strip()
    current = row.mapping
    if current and source_key != current.source_key:
        identity = {**target, "source_system": source_system, "source_key": current.source_key}
        operations.append({"kind": ChangeKind.MAPPING_DELETE, "spec": identity})
    if source_key:
        transform = values.get("transform") or Transform.NONE
        spec = {
            **target,
            "source_system": source_system,
            "source_key": source_key,
            "source_type": values.get("source_type") or SourceType.STRING,
            "transform": transform,
            "transform_params": params_from_form(transform, values),
            "null_policy": values.get("null_policy") or NullPolicy.SKIP,
            "timestamp_field": values.get("timestamp_field") or None,
            "enabled": bool(values.get("enabled", True)),
        }
        operations.append({"kind": ChangeKind.MAPPING_SET, "spec": spec})
    return operations
