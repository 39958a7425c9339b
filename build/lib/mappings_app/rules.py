"""Which mappings make sense: source type, transform and target field type compatibility.

Pure functions over plain values, shared by model validation, change-request validation and the API.
"""

from mappings_app.models import FieldType, SourceType, Transform

TEXTUAL_TARGETS = {FieldType.STRING, FieldType.TEXT}

# Target type -> source types a value can be coerced from.
COMPATIBLE_SOURCES: dict[str, set[str]] = {
    FieldType.STRING: {"string", "number", "integer", "boolean", "date", "datetime"},
    FieldType.TEXT: {"string", "number", "integer", "boolean", "date", "datetime", "list"},
    FieldType.EMAIL: {"string"},
    FieldType.PHONE: {"string", "integer"},
    FieldType.URL: {"string"},
    FieldType.NUMBER: {"number", "integer", "string"},
    FieldType.INTEGER: {"integer", "number", "string"},
    FieldType.BOOLEAN: {"boolean", "string", "integer"},
    FieldType.DATE: {"date", "datetime", "string"},
    FieldType.DATETIME: {"datetime", "date", "string"},
    FieldType.PICKLIST: {"string", "integer", "boolean"},
    FieldType.MULTIPICKLIST: {"list", "string"},
    FieldType.REFERENCE: {"string", "integer"},
}

# Transform -> (source types it reads, target types it can feed).
TRANSFORM_RULES: dict[str, tuple[set[str], set[str]]] = {
    Transform.NONE: (set(SourceType.values), set(FieldType.values)),
    Transform.TRIM: ({"string", "list"}, set(FieldType.values)),
    Transform.LOWERCASE: ({"string", "list"}, set(FieldType.values)),
    Transform.VALUE_MAP: (
        {"string", "integer", "boolean", "number", "list"},
        {FieldType.PICKLIST, FieldType.MULTIPICKLIST, FieldType.STRING, FieldType.TEXT, FieldType.BOOLEAN},
    ),
    Transform.ROUND: (
        {"number", "integer"},
        {FieldType.NUMBER, FieldType.INTEGER, FieldType.STRING, FieldType.TEXT},
    ),
    Transform.TO_UTC: ({"datetime", "string"}, {FieldType.DATETIME, FieldType.DATE, FieldType.STRING}),
    Transform.PARSE_DATE: ({"string"}, {FieldType.DATE, FieldType.DATETIME}),
}

TIMESTAMP_TYPES = {FieldType.DATETIME, FieldType.DATE}


def transform_params_problems(transform: str, params: dict, target) -> list[str]:
    if not isinstance(params, dict):
        return ["transform_params must be a mapping of names to values."]
    if transform == Transform.VALUE_MAP:
        value_map = params.get("map")
        if not isinstance(value_map, dict) or not value_map:
            return ["A value map needs a non-empty 'map' of source values to CRM values."]
        checks_options = target is not None and not target.external_options
        if checks_options and target.field_type in (FieldType.PICKLIST, FieldType.MULTIPICKLIST):
            allowed = set(target.picklist_options or [])
            unknown = sorted({str(v) for v in value_map.values()} - allowed)
            if unknown:
                return [f"Value map targets unknown picklist options of {target}: {', '.join(unknown)}."]
    if transform == Transform.ROUND:
        digits = params.get("digits", 0)
        if not isinstance(digits, int) or isinstance(digits, bool) or not 0 <= digits <= 10:
            return ["Rounding needs 'digits', a whole number from 0 to 10."]
    if transform == Transform.PARSE_DATE and "format" in params and not isinstance(params["format"], str):
        return ["parse_date 'format' must be a strptime format string."]
    if transform == Transform.TO_UTC and "assume_tz" in params:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(str(params["assume_tz"]))
        except (ZoneInfoNotFoundError, ValueError):
            return [f"Unknown time zone {params['assume_tz']!r}."]
    return []


def mapping_problems(*, source_type, transform, transform_params, target, timestamp_field=None) -> list[str]:
    """Every reason this mapping cannot be active; empty when it is sound."""
    problems: list[str] = []
    if source_type not in SourceType.values:
        problems.append(f"Unknown source type {source_type!r}.")
    if transform not in Transform.values:
        problems.append(f"Unknown transform {transform!r}.")
    if problems or target is None:
        return problems
    if target.is_deleted:
        problems.append(f"{target} no longer exists in the CRM.")
    if not target.writable:
        problems.append(f"{target} is read-only in the CRM.")
    if source_type not in COMPATIBLE_SOURCES[target.field_type]:
        problems.append(
            f"A {source_type} value cannot be written to {target}, a {target.get_field_type_display()} field."
        )
    reads, feeds = TRANSFORM_RULES[transform]
    if source_type not in reads:
        problems.append(f"The {transform} transform cannot read a {source_type} value.")
    if target.field_type not in feeds:
        problems.append(f"The {transform} transform cannot feed a {target.get_field_type_display()} field.")
    problems.extend(transform_params_problems(transform, transform_params, target))
    if timestamp_field is not None:
        if timestamp_field.field_type not in TIMESTAMP_TYPES:
            problems.append(f"Timestamp field {timestamp_field} must be a date or datetime field.")
        if not timestamp_field.writable or timestamp_field.is_deleted:
            problems.append(f"Timestamp field {timestamp_field} is not writable.")
        if timestamp_field.crm_object_id != target.crm_object_id:
            problems.append(f"Timestamp field {timestamp_field} belongs to another object than {target}.")
    return problems
