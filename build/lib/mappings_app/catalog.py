"""The catalog as plain data: specs, snapshots, diffs and validation.

A snapshot is {"mappings": {key: spec}, "ownership": {key: spec}}; it is what a catalog version
freezes, what YAML carries and what change requests diff against.
"""

import json
from dataclasses import dataclass

from mappings_app.models import (
    ChangeKind,
    ConflictPolicy,
    CrmField,
    FieldMapping,
    FieldOwnership,
    NullPolicy,
    Owner,
    SourceType,
    Transform,
)
from mappings_app.outbound import (
    KIND_SECTIONS,
    SET_DELETE_KINDS,
    outbound_problems,
    outbound_risk_flags,
    outbound_sections,
)
from mappings_app.outbound import (
    SECTIONS as OUTBOUND_SECTIONS,
)
from mappings_app.rules import mapping_problems

MAPPING_DEFAULTS = {
    "source_type": SourceType.STRING.value,
    "transform": Transform.NONE.value,
    "transform_params": {},
    "null_policy": NullPolicy.SKIP.value,
    "timestamp_field": None,
    "enabled": True,
}
MAPPING_IDENTITY = ("source_system", "source_key", "object", "field")
MAPPING_KEYS = (*MAPPING_IDENTITY, *MAPPING_DEFAULTS)
OWNERSHIP_KEYS = ("object", "field", "owner", "conflict_policy")
COERCION_KEYS = ("source_type", "transform", "transform_params", "null_policy")


def empty_snapshot() -> dict:
    return {"mappings": {}, "ownership": {}, **{name: {} for name in OUTBOUND_SECTIONS}}


def section_of(kind: str) -> str:
    """The snapshot section a change item's kind belongs to."""
    if kind in KIND_SECTIONS:
        return KIND_SECTIONS[kind]
    return "mappings" if kind in (ChangeKind.MAPPING_SET, ChangeKind.MAPPING_DELETE) else "ownership"


def mapping_key(spec: dict) -> str:
    return f"mapping:{spec['source_system']}.{spec['source_key']}->{spec['object']}.{spec['field']}"


def ownership_key(spec: dict) -> str:
    return f"ownership:{spec['object']}.{spec['field']}"


def normalise_mapping_spec(raw: dict) -> dict:
    """Fill defaults and keep only known keys, so that equal mappings compare equal."""
    unknown = sorted(set(raw) - set(MAPPING_KEYS))
    if unknown:
        raise ValueError(f"Unknown mapping keys: {', '.join(unknown)}.")
    missing = [name for name in MAPPING_IDENTITY if not raw.get(name)]
    if missing:
        raise ValueError(f"A mapping needs {', '.join(missing)}.")
    spec = {**MAPPING_DEFAULTS, **raw}
    for name in MAPPING_IDENTITY:
        spec[name] = str(spec[name])
    spec["transform_params"] = _as_stored_json(spec["transform_params"] or {})
    spec["enabled"] = bool(spec["enabled"])
    return {name: spec[name] for name in MAPPING_KEYS}


def _as_stored_json(value):
    """The value as a JSONField gives it back (YAML `true:` keys become "true"), so that diffs compare equal."""
    try:
        return json.loads(json.dumps(value, allow_nan=False))
    except (TypeError, ValueError) as exc:
        raise ValueError(
            f"transform_params must be plain JSON values (text, numbers, lists, maps): {exc}."
        ) from exc


def normalise_ownership_spec(raw: dict) -> dict:
    unknown = sorted(set(raw) - set(OWNERSHIP_KEYS))
    if unknown:
        raise ValueError(f"Unknown ownership keys: {', '.join(unknown)}.")
    missing = [name for name in ("object", "field", "owner") if not raw.get(name)]
    if missing:
        raise ValueError(f"An ownership rule needs {', '.join(missing)}.")
    return {
        "object": str(raw["object"]),
        "field": str(raw["field"]),
        "owner": str(raw["owner"]),
        "conflict_policy": str(raw.get("conflict_policy") or ""),
    }


def mapping_spec(mapping: FieldMapping) -> dict:
    return {
        "source_system": mapping.source_system,
        "source_key": mapping.source_key,
        "object": mapping.crm_field.crm_object.name,
        "field": mapping.crm_field.name,
        "source_type": mapping.source_type,
        "transform": mapping.transform,
        "transform_params": mapping.transform_params or {},
        "null_policy": mapping.null_policy,
        "timestamp_field": mapping.timestamp_field.name if mapping.timestamp_field_id else None,
        "enabled": mapping.enabled,
    }


def ownership_spec(ownership: FieldOwnership) -> dict:
    return {
        "object": ownership.crm_field.crm_object.name,
        "field": ownership.crm_field.name,
        "owner": ownership.owner,
        "conflict_policy": ownership.conflict_policy,
    }


def catalog_snapshot(connection) -> dict:
    """The connection's active catalog as plain data (two queries)."""
    mappings = FieldMapping.objects.filter(crm_field__crm_object__connection=connection).select_related(
        "crm_field__crm_object", "timestamp_field"
    )
    ownerships = FieldOwnership.objects.filter(crm_field__crm_object__connection=connection).select_related(
        "crm_field__crm_object"
    )
    snapshot = empty_snapshot()
    for mapping in mappings:
        spec = mapping_spec(mapping)
        snapshot["mappings"][mapping_key(spec)] = spec
    for ownership in ownerships:
        spec = ownership_spec(ownership)
        snapshot["ownership"][ownership_key(spec)] = spec
    snapshot.update(outbound_sections(connection))
    return snapshot


@dataclass(frozen=True)
class ItemDraft:
    kind: str
    key: str
    before: dict | None
    after: dict | None


def diff_snapshots(current: dict, desired: dict) -> list[ItemDraft]:
    """The change items that turn `current` into `desired`."""
    items: list[ItemDraft] = []
    for section, set_kind, delete_kind in (
        ("ownership", ChangeKind.OWNERSHIP_SET, ChangeKind.OWNERSHIP_DELETE),
        ("mappings", ChangeKind.MAPPING_SET, ChangeKind.MAPPING_DELETE),
        *((name, *SET_DELETE_KINDS[name]) for name in OUTBOUND_SECTIONS),
    ):
        now, wanted = current.get(section, {}), desired.get(section, {})
        for key in sorted(set(now) | set(wanted)):
            before, after = now.get(key), wanted.get(key)
            if before == after:
                continue
            kind = delete_kind if after is None else set_kind
            items.append(ItemDraft(kind=kind, key=key, before=before, after=after))
    return items


def apply_to_snapshot(snapshot: dict, items) -> dict:
    """A new snapshot with the items applied (pure)."""
    result = {name: dict(snapshot.get(name, {})) for name in empty_snapshot()}
    for item in items:
        section = section_of(item.kind)
        if item.after is None:
            result[section].pop(item.key, None)
        else:
            result[section][item.key] = item.after
    return result


def fields_by_name(connection) -> dict[tuple[str, str], CrmField]:
    fields = CrmField.objects.filter(crm_object__connection=connection).select_related("crm_object")
    return {(field.crm_object.name, field.name): field for field in fields}


def snapshot_problems(snapshot: dict, fields: dict[tuple[str, str], CrmField]) -> list[str]:
    """Every reason this catalog could not be the active one."""
    problems: list[str] = []
    owners: dict[tuple[str, str], str] = {}
    for spec in snapshot["ownership"].values():
        target = (spec["object"], spec["field"])
        label = f"{spec['object']}.{spec['field']}"
        if target not in fields:
            problems.append(f"Ownership rule for unknown field {label}.")
            continue
        if spec["owner"] not in Owner.values:
            problems.append(f"{label}: unknown owner {spec['owner']!r} (ai_owned, hybrid or rep_owned).")
            continue
        if spec["owner"] == Owner.HYBRID and spec["conflict_policy"] not in ConflictPolicy.values:
            problems.append(f"{label}: a hybrid field needs a conflict policy (skip, flag or overwrite).")
        if spec["owner"] != Owner.HYBRID and spec["conflict_policy"]:
            problems.append(f"{label}: only hybrid fields take a conflict policy.")
        owners[target] = spec["owner"]
    for spec in snapshot["mappings"].values():
        problems.extend(_mapping_spec_problems(spec, fields, owners))
    problems.extend(outbound_problems(snapshot, fields))
    return problems


def _mapping_spec_problems(spec, fields, owners) -> list[str]:
    label = f"{spec['source_system']}.{spec['source_key']} -> {spec['object']}.{spec['field']}"
    target = fields.get((spec["object"], spec["field"]))
    if target is None:
        known_object = any(obj == spec["object"] for obj, _ in fields)
        what = "field" if known_object else "object"
        return [f"{label}: unknown {what} {spec['object'] if what == 'object' else spec['field']!r}."]
    problems = []
    if spec["null_policy"] not in NullPolicy.values:
        problems.append(f"{label}: Unknown null policy {spec['null_policy']!r} (skip, write or if_empty).")
    owner = owners.get((spec["object"], spec["field"]), Owner.REP_OWNED)
    if owner == Owner.REP_OWNED:
        problems.append(f"{label}: {target} is rep-owned; the hub never writes it.")
    timestamp_field = None
    if spec["timestamp_field"]:
        timestamp_field = fields.get((spec["object"], spec["timestamp_field"]))
        if timestamp_field is None:
            problems.append(f"{label}: unknown timestamp field {spec['timestamp_field']!r}.")
        elif owners.get((spec["object"], spec["timestamp_field"]), Owner.REP_OWNED) == Owner.REP_OWNED:
            problems.append(f"{label}: timestamp field {timestamp_field} is rep-owned.")
    problems.extend(
        f"{label}: {problem}"
        for problem in mapping_problems(
            source_type=spec["source_type"],
            transform=spec["transform"],
            transform_params=spec["transform_params"],
            target=target,
            timestamp_field=timestamp_field,
        )
    )
    return problems


def risk_flags(item) -> list[str]:
    """What a reviewer must look at twice in one change item."""
    if item.kind in KIND_SECTIONS:
        return outbound_risk_flags(item)
    before, after = item.before or {}, item.after or {}
    flags = []
    if item.kind in (ChangeKind.OWNERSHIP_SET, ChangeKind.OWNERSHIP_DELETE):
        old_owner = before.get("owner", Owner.REP_OWNED)
        new_owner = after.get("owner", Owner.REP_OWNED)
        if old_owner != new_owner:
            flags.append(f"Owner class changes: {old_owner} → {new_owner}")
        if old_owner == Owner.REP_OWNED and new_owner != Owner.REP_OWNED:
            flags.append("Field becomes writable by the hub")
        if before.get("conflict_policy") and after.get("conflict_policy") != before.get("conflict_policy"):
            flags.append("Conflict policy changes")
        return flags
    was_writing = bool(before) and before.get("enabled", True)
    will_write = bool(after) and after.get("enabled", True)
    if will_write and not was_writing:
        flags.append("Field becomes writable by the hub")
    if before and after and any(before.get(k) != after.get(k) for k in COERCION_KEYS):
        flags.append("Coercion changes")
    return flags
