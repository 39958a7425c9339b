"""The outbound part of the catalog: data classes, consent fields and outbound mappings, as plain specs.

They live in the same snapshot as the write-back mappings and change through the same change requests:
three more sections, {"data_classes": {key: spec}, "consent": {key: spec}, "outbound": {key: spec}}.
A catalog version frozen before these sections existed simply lacks them (read as empty).
"""

import json
import re

from mappings_app.models import (
    ChangeKind,
    ConsentField,
    ConsentMeaning,
    ConsentPurpose,
    CrmField,
    DataClass,
    FieldDataClass,
    FieldType,
    OutboundMapping,
    OutboundNullPolicy,
    OutboundTransform,
    OutboundType,
)

SECTIONS = ("data_classes", "consent", "outbound")
KIND_SECTIONS = {
    ChangeKind.DATA_CLASS_SET: "data_classes",
    ChangeKind.DATA_CLASS_DELETE: "data_classes",
    ChangeKind.CONSENT_SET: "consent",
    ChangeKind.CONSENT_DELETE: "consent",
    ChangeKind.OUTBOUND_SET: "outbound",
    ChangeKind.OUTBOUND_DELETE: "outbound",
}
SET_DELETE_KINDS = {
    "data_classes": (ChangeKind.DATA_CLASS_SET, ChangeKind.DATA_CLASS_DELETE),
    "consent": (ChangeKind.CONSENT_SET, ChangeKind.CONSENT_DELETE),
    "outbound": (ChangeKind.OUTBOUND_SET, ChangeKind.OUTBOUND_DELETE),
}

# From the most to the least guarded: moving a field down this list widens who may receive it.
CLASS_ORDER = [DataClass.SENSITIVE, DataClass.CONTACT_PERSONAL, DataClass.IDENTIFIER, DataClass.OPERATIONAL]

OUTBOUND_DEFAULTS = {
    "target_type": OutboundType.TEXT.value,
    "transform": OutboundTransform.NONE.value,
    "transform_params": {},
    "null_policy": OutboundNullPolicy.SEND_NULL.value,
    "enabled": True,
}
OUTBOUND_IDENTITY = ("destination", "object", "field", "target")
OUTBOUND_KEYS = (*OUTBOUND_IDENTITY, *OUTBOUND_DEFAULTS)
CONSENT_KEYS = ("object", "field", "purpose", "meaning", "opt_in_values", "opt_out_values")
TARGET_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")

# Field names that say what a field holds whatever its type (matched on the lowercased name).
SENSITIVE_NAMES = re.compile(
    r"(ssn|social_?security|passport|tax_?id|national_?id|birth|dob|health|diagnos|religio|ethnic|"
    r"sexual|gender|salary|income|credit_?card|iban|bank)"
)
PERSONAL_NAMES = re.compile(
    r"(^|_)(first_?name|last_?name|full_?name|name|firstname|lastname|email|phone|mobile|address|street|"
    r"city|zip|postal|linkedin|twitter)($|_)"
)
IDENTIFIER_NAMES = re.compile(r"(^id$|_id$|^hs_object_id$|external_?id|^domain$|^website$)")
# Objects that describe an organisation or a deal, not a person: their name, address and switchboard phone are
# business data (a company's name identifies the account; a deal's name is operational).
ORGANISATION_OBJECTS = frozenset(
    {"account", "accounts", "company", "companies", "organization", "organizations"}
)
DEAL_OBJECTS = frozenset({"opportunity", "opportunities", "deal", "deals"})
BUSINESS_NAME_FIELDS = frozenset({"name", "dealname", "title", "company", "companyname"})


# -- keys and normal forms ---------------------------------------------------------------------------------


def data_class_key(spec: dict) -> str:
    return f"data_class:{spec['object']}.{spec['field']}"


def consent_key(spec: dict) -> str:
    return f"consent:{spec['object']}.{spec['field']}:{spec['purpose']}"


def outbound_key(spec: dict) -> str:
    return f"outbound:{spec['destination']}:{spec['object']}.{spec['field']}->{spec['target']}"


KEY_OF_SECTION = {"data_classes": data_class_key, "consent": consent_key, "outbound": outbound_key}


def _unknown_keys(raw: dict, allowed, what: str) -> None:
    unknown = sorted(set(raw) - set(allowed))
    if unknown:
        raise ValueError(f"Unknown {what} keys: {', '.join(map(str, unknown))}.")


def _required(raw: dict, names, what: str) -> None:
    missing = [name for name in names if not raw.get(name)]
    if missing:
        raise ValueError(f"A{'n' if what[0] in 'aeiou' else ''} {what} needs {', '.join(missing)}.")


def normalise_data_class_spec(raw: dict) -> dict:
    _unknown_keys(raw, ("object", "field", "data_class"), "data class")
    _required(raw, ("object", "field"), "data class")
    return {
        "object": str(raw["object"]),
        "field": str(raw["field"]),
        "data_class": str(raw.get("data_class") or ""),
    }


def normalise_consent_spec(raw: dict) -> dict:
    _unknown_keys(raw, CONSENT_KEYS, "consent field")
    _required(raw, ("object", "field", "purpose"), "consent field")
    return {
        "object": str(raw["object"]),
        "field": str(raw["field"]),
        "purpose": str(raw["purpose"]),
        "meaning": str(raw.get("meaning") or ConsentMeaning.OPT_OUT_WHEN_TRUE),
        "opt_in_values": [str(v) for v in raw.get("opt_in_values") or []],
        "opt_out_values": [str(v) for v in raw.get("opt_out_values") or []],
    }


def normalise_outbound_spec(raw: dict) -> dict:
    _unknown_keys(raw, OUTBOUND_KEYS, "outbound mapping")
    _required(raw, OUTBOUND_IDENTITY, "outbound mapping")
    spec = {**OUTBOUND_DEFAULTS, **raw}
    for name in OUTBOUND_IDENTITY:
        spec[name] = str(spec[name])
    try:
        spec["transform_params"] = json.loads(json.dumps(spec["transform_params"] or {}, allow_nan=False))
    except (TypeError, ValueError) as exc:
        raise ValueError(f"transform_params must be plain JSON values: {exc}.") from exc
    spec["enabled"] = bool(spec["enabled"])
    return {name: spec[name] for name in OUTBOUND_KEYS}


NORMALISE_OF_SECTION = {
    "data_classes": normalise_data_class_spec,
    "consent": normalise_consent_spec,
    "outbound": normalise_outbound_spec,
}


def operation_item(kind: str, spec: dict) -> tuple[str, str, dict | None]:
    """(kind, key, after) of an outbound-catalog operation; raises ValueError on a bad spec."""
    section = KIND_SECTIONS[kind]
    set_kind, _ = SET_DELETE_KINDS[section]
    if section == "data_classes" and kind == set_kind and not spec.get("data_class"):
        raise ValueError("A data class needs data_class.")
    normal = NORMALISE_OF_SECTION[section](spec)
    return kind, KEY_OF_SECTION[section](normal), normal if kind == set_kind else None


# -- data classes ------------------------------------------------------------------------------------------


def default_data_class(*, name: str, field_type: str, object_name: str = "") -> str:
    """The class a field has until the catalog says otherwise: by what its name and type say it holds, read
    in the light of its object (a company's name or street is not a person's)."""
    lowered = name.lower()
    if SENSITIVE_NAMES.search(lowered):
        return DataClass.SENSITIVE
    kind = object_name.lower()
    if kind in ORGANISATION_OBJECTS or kind in DEAL_OBJECTS:
        return _business_data_class(lowered, field_type, organisation=kind in ORGANISATION_OBJECTS)
    if field_type in (FieldType.EMAIL, FieldType.PHONE) or PERSONAL_NAMES.search(lowered):
        return DataClass.CONTACT_PERSONAL
    if IDENTIFIER_NAMES.search(lowered):
        return DataClass.IDENTIFIER
    return DataClass.OPERATIONAL


def _business_data_class(lowered: str, field_type: str, *, organisation: bool) -> str:
    """An email field of an account or deal may still name a person (a small company's owner): kept personal."""
    if field_type == FieldType.EMAIL:
        return DataClass.CONTACT_PERSONAL
    if IDENTIFIER_NAMES.search(lowered) or (organisation and lowered in BUSINESS_NAME_FIELDS):
        return DataClass.IDENTIFIER
    return DataClass.OPERATIONAL


def data_class_of(field: CrmField, overrides: dict[int, str] | None = None) -> str:
    if overrides is not None and field.pk in overrides:
        return overrides[field.pk]
    if overrides is None:
        rule = FieldDataClass.objects.filter(crm_field=field).first()
        if rule is not None:
            return rule.data_class
    return default_data_class(name=field.name, field_type=field.field_type, object_name=field.crm_object.name)


def data_class_overrides(*, connection) -> dict[int, str]:
    return dict(
        FieldDataClass.objects.filter(crm_field__crm_object__connection=connection).values_list(
            "crm_field_id", "data_class"
        )
    )


# -- snapshot ----------------------------------------------------------------------------------------------


def outbound_spec(mapping: OutboundMapping) -> dict:
    return {
        "destination": mapping.destination.name,
        "object": mapping.crm_field.crm_object.name,
        "field": mapping.crm_field.name,
        "target": mapping.target,
        "target_type": mapping.target_type,
        "transform": mapping.transform,
        "transform_params": mapping.transform_params or {},
        "null_policy": mapping.null_policy,
        "enabled": mapping.enabled,
    }


def consent_spec(rule: ConsentField) -> dict:
    return {
        "object": rule.crm_field.crm_object.name,
        "field": rule.crm_field.name,
        "purpose": rule.purpose,
        "meaning": rule.meaning,
        "opt_in_values": list(rule.opt_in_values or []),
        "opt_out_values": list(rule.opt_out_values or []),
    }


def outbound_sections(connection) -> dict:
    """The three outbound sections of a connection's active catalog (three queries)."""
    sections = {name: {} for name in SECTIONS}
    for rule in FieldDataClass.objects.filter(crm_field__crm_object__connection=connection).select_related(
        "crm_field__crm_object"
    ):
        spec = {
            "object": rule.crm_field.crm_object.name,
            "field": rule.crm_field.name,
            "data_class": rule.data_class,
        }
        sections["data_classes"][data_class_key(spec)] = spec
    for rule in ConsentField.objects.filter(crm_field__crm_object__connection=connection).select_related(
        "crm_field__crm_object"
    ):
        spec = consent_spec(rule)
        sections["consent"][consent_key(spec)] = spec
    for mapping in OutboundMapping.objects.filter(
        crm_field__crm_object__connection=connection
    ).select_related("crm_field__crm_object", "destination"):
        spec = outbound_spec(mapping)
        sections["outbound"][outbound_key(spec)] = spec
    return sections


# -- validation --------------------------------------------------------------------------------------------


def outbound_problems(snapshot: dict, fields: dict[tuple[str, str], CrmField]) -> list[str]:
    from crmhub.exports.models import Destination

    problems: list[str] = []
    for spec in snapshot.get("data_classes", {}).values():
        label = f"{spec['object']}.{spec['field']}"
        if (spec["object"], spec["field"]) not in fields:
            problems.append(f"Data class for unknown field {label}.")
        if spec["data_class"] not in DataClass.values:
            problems.append(
                f"{label}: unknown data class {spec['data_class']!r} ({', '.join(DataClass.values)})."
            )
    for spec in snapshot.get("consent", {}).values():
        problems.extend(_consent_problems(spec, fields))
    destinations = {d.name: d for d in Destination.objects.all()}
    for spec in snapshot.get("outbound", {}).values():
        problems.extend(_outbound_problems(spec, fields, destinations))
    return problems


def _consent_problems(spec: dict, fields) -> list[str]:
    label = f"{spec['object']}.{spec['field']}"
    problems = []
    if (spec["object"], spec["field"]) not in fields:
        problems.append(f"Consent field {label} is not in the catalog.")
    if spec["purpose"] not in ConsentPurpose.values:
        problems.append(f"{label}: unknown purpose {spec['purpose']!r} ({', '.join(ConsentPurpose.values)}).")
    if spec["meaning"] not in ConsentMeaning.values:
        problems.append(f"{label}: unknown meaning {spec['meaning']!r} ({', '.join(ConsentMeaning.values)}).")
    if spec["meaning"] == ConsentMeaning.STATUS_VALUES and not (
        spec["opt_in_values"] or spec["opt_out_values"]
    ):
        problems.append(f"{label}: a status consent field needs opt_in_values or opt_out_values.")
    return problems


def _outbound_problems(spec: dict, fields, destinations) -> list[str]:
    label = f"{spec['object']}.{spec['field']} -> {spec['destination']}.{spec['target']}"
    problems = []
    if spec["destination"] not in destinations:
        problems.append(f"{label}: unknown destination {spec['destination']!r}.")
    if (spec["object"], spec["field"]) not in fields:
        problems.append(f"{label}: {spec['object']}.{spec['field']} is not in the catalog.")
    if not TARGET_NAME.match(spec["target"]) or spec["target"].startswith("_"):
        problems.append(f"{label}: a target name is letters, digits and underscores, not starting with _.")
    if spec["target"].lower() == "crm_id":
        problems.append(f"{label}: crm_id is the record's key; every export carries it already.")
    if spec["target_type"] not in OutboundType.values:
        problems.append(f"{label}: unknown type {spec['target_type']!r} ({', '.join(OutboundType.values)}).")
    if spec["transform"] not in OutboundTransform.values:
        problems.append(
            f"{label}: unknown transform {spec['transform']!r} ({', '.join(OutboundTransform.values)})."
        )
    if spec["null_policy"] not in OutboundNullPolicy.values:
        problems.append(f"{label}: unknown null policy {spec['null_policy']!r} (send_null or omit).")
    params = spec["transform_params"]
    if spec["transform"] == OutboundTransform.VALUE_MAP and not isinstance(params.get("map"), dict):
        problems.append(f"{label}: a value map needs transform_params {{map: {{from: to}}}}.")
    if spec["transform"] == OutboundTransform.SHA256_EMAIL and spec["target_type"] != OutboundType.TEXT:
        problems.append(f"{label}: a SHA-256 hash is text.")
    return problems


# -- risk ---------------------------------------------------------------------------------------------------


def outbound_risk_flags(item) -> list[str]:
    """Flags on a change that widens what a destination receives (or loosens a guard)."""
    before, after = item.before or {}, item.after or {}
    section = KIND_SECTIONS[item.kind]
    flags: list[str] = []
    if section == "outbound":
        was = bool(before) and before.get("enabled", True)
        will = bool(after) and after.get("enabled", True)
        if will and not was:
            flags.append(f"Widens what {after['destination']} receives: {after['object']}.{after['field']}")
        hashed = OutboundTransform.SHA256_EMAIL
        if was and will and before.get("transform") == hashed and after.get("transform") != hashed:
            flags.append("Sends the value itself instead of its hash")
        return flags
    if section == "data_classes":
        old = before.get("data_class") or _default_class_for(item)
        new = after.get("data_class") or _default_class_for(item)
        if old in CLASS_ORDER and new in CLASS_ORDER and CLASS_ORDER.index(new) > CLASS_ORDER.index(old):
            flags.append(f"Loosens the data class ({old} → {new}): more destinations may receive it")
        return flags
    if before and not after:
        flags.append("Removes a consent gate: records may be sent without this consent")
    elif before and after and before != after:
        flags.append("Changes how consent is read")
    return flags


def _default_class_for(item) -> str:
    spec = item.after or item.before or {}
    field = (
        CrmField.objects.filter(
            crm_object__connection_id=item.change_request.connection_id,
            crm_object__name=spec.get("object"),
            name=spec.get("field"),
        )
        .only("name", "field_type")
        .first()
    )
    return (
        default_data_class(name=field.name, field_type=field.field_type, object_name=spec.get("object") or "")
        if field
        else DataClass.OPERATIONAL
    )


# -- applying -----------------------------------------------------------------------------------------------


def apply_outbound_item(item, fields, tag) -> None:
    """Make one approved outbound item active. `tag(instance)` sets history attribution."""
    from crmhub.exports.models import Destination

    section = KIND_SECTIONS[item.kind]
    spec = item.after or item.before or {}
    target = fields[(spec["object"], spec["field"])]
    if section == "data_classes":
        existing = FieldDataClass.objects.filter(crm_field=target).first()
        if item.after is None:
            if existing:
                tag(existing).delete()
            return
        rule = existing or FieldDataClass(crm_field=target)
        rule.data_class = item.after["data_class"]
        rule.full_clean()
        tag(rule).save()
        return
    if section == "consent":
        existing = ConsentField.objects.filter(crm_field=target, purpose=spec["purpose"]).first()
        if item.after is None:
            if existing:
                tag(existing).delete()
            return
        rule = existing or ConsentField(crm_field=target, purpose=spec["purpose"])
        rule.meaning = item.after["meaning"]
        rule.opt_in_values, rule.opt_out_values = item.after["opt_in_values"], item.after["opt_out_values"]
        rule.full_clean()
        tag(rule).save()
        return
    destination = Destination.objects.get(name=spec["destination"])
    existing = OutboundMapping.objects.filter(
        destination=destination, crm_field=target, target=spec["target"]
    ).first()
    if item.after is None:
        if existing:
            tag(existing).delete()
        return
    mapping = existing or OutboundMapping(destination=destination, crm_field=target, target=spec["target"])
    after = item.after
    mapping.target_type, mapping.transform = after["target_type"], after["transform"]
    mapping.transform_params, mapping.null_policy = after["transform_params"], after["null_policy"]
    mapping.enabled = after["enabled"]
    mapping.full_clean()
    tag(mapping).save()
