"""Two catalog snapshots side by side, in plain words: what was added, removed or changed, and for a change,
each attribute that differs with its label and both values ("Transform: Round → Value map").

Pure functions over snapshots (see catalog.py); the selector `catalog_versions_compare` reads the snapshots.
"""

import json
from dataclasses import dataclass, field

from mappings_app.models import (
    ConflictPolicy,
    ConsentMeaning,
    ConsentPurpose,
    DataClass,
    NullPolicy,
    OutboundNullPolicy,
    OutboundTransform,
    OutboundType,
    Owner,
    SourceType,
    Transform,
)

# section -> (heading, attributes that identify an entry, {attribute: label})
SECTIONS = {
    "mappings": (
        "Mappings into the CRM",
        ("source_system", "source_key", "object", "field"),
        {
            "source_type": "Source type",
            "transform": "Transform",
            "transform_params": "Transform settings",
            "null_policy": "Empty values",
            "timestamp_field": "Timestamp field",
            "enabled": "Enabled",
        },
    ),
    "ownership": (
        "Field ownership",
        ("object", "field"),
        {"owner": "Owner", "conflict_policy": "When a rep edited the field"},
    ),
    "data_classes": ("Data classes", ("object", "field"), {"data_class": "Data class"}),
    "consent": (
        "Consent fields",
        ("object", "field", "purpose"),
        {
            "meaning": "Meaning",
            "opt_in_values": "Values meaning opted in",
            "opt_out_values": "Values meaning opted out",
        },
    ),
    "outbound": (
        "Mappings out of the CRM",
        ("destination", "object", "field", "target"),
        {
            "target_type": "Type in the destination",
            "transform": "Transform",
            "transform_params": "Transform settings",
            "null_policy": "Empty values",
            "enabled": "Enabled",
        },
    ),
}

# Stored choice values by section and attribute, shown by their labels.
CHOICES = {
    ("mappings", "source_type"): SourceType,
    ("mappings", "transform"): Transform,
    ("mappings", "null_policy"): NullPolicy,
    ("ownership", "owner"): Owner,
    ("ownership", "conflict_policy"): ConflictPolicy,
    ("data_classes", "data_class"): DataClass,
    ("consent", "purpose"): ConsentPurpose,
    ("consent", "meaning"): ConsentMeaning,
    ("outbound", "target_type"): OutboundType,
    ("outbound", "transform"): OutboundTransform,
    ("outbound", "null_policy"): OutboundNullPolicy,
}


def value_in_words(value, choices=None) -> str:
    """A stored catalog value as a reader wants it: labels for choices, "yes"/"no", "a → b" for a value map."""
    if value is None or value == "" or value == {} or value == []:
        return "—"
    if choices is not None and value in choices.values:
        return str(choices(value).label)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value_in_words(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(_param_in_words(key, item) for key, item in sorted(value.items()))
    return str(value)


PARAM_LABELS = {
    "digits": "decimal places",
    "map": "values",
    "default": "otherwise",
    "assume_tz": "time zone when none is given",
    "format": "date format",
    "day_first": "day before month",
}


def _param_in_words(key: str, value) -> str:
    if key == "map" and isinstance(value, dict):
        shown = ", ".join(f"{source} → {value_in_words(target)}" for source, target in sorted(value.items()))
    elif isinstance(value, dict | list) and not isinstance(value, bool):
        shown = json.dumps(value, sort_keys=True, ensure_ascii=False)
    else:
        shown = value_in_words(value)
    return f"{PARAM_LABELS.get(key, key.replace('_', ' '))}: {shown}"


@dataclass(frozen=True)
class AttributeChange:
    label: str
    before: str
    after: str


@dataclass
class EntryChange:
    """One catalog entry that differs between the two snapshots."""

    change: str  # added | removed | changed
    title: str
    attributes: list[AttributeChange] = field(default_factory=list)


@dataclass
class SectionChanges:
    name: str
    heading: str
    entries: list[EntryChange]

    def count(self, change: str) -> int:
        return sum(1 for entry in self.entries if entry.change == change)


def entry_title(section: str, spec: dict) -> str:
    if section == "mappings":
        return f"{spec['source_system']}.{spec['source_key']} → {spec['object']}.{spec['field']}"
    if section == "outbound":
        return f"{spec['object']}.{spec['field']} → {spec['destination']}.{spec['target']}"
    if section == "consent":
        purpose = value_in_words(spec.get("purpose"), ConsentPurpose)
        return f"{spec['object']}.{spec['field']} ({purpose})"
    return f"{spec['object']}.{spec['field']}"


def _attribute_changes(section: str, before: dict | None, after: dict | None) -> list[AttributeChange]:
    _, _, labels = SECTIONS[section]
    changes = []
    for attribute, label in labels.items():
        old = (before or {}).get(attribute)
        new = (after or {}).get(attribute)
        if before is not None and after is not None and old == new:
            continue
        choices = CHOICES.get((section, attribute))
        shown_before = value_in_words(old, choices) if before is not None else ""
        shown_after = value_in_words(new, choices) if after is not None else ""
        if (before is None or after is None) and (shown_before or shown_after) == "—":
            continue  # an added or removed entry lists what it holds, not the settings it leaves empty
        changes.append(AttributeChange(label=label, before=shown_before, after=shown_after))
    return changes


def snapshots_compare(older: dict, newer: dict) -> list[SectionChanges]:
    """Every section's added, removed and changed entries from `older` to `newer` (sections without a
    difference are left out)."""
    result = []
    for section, (heading, _, _) in SECTIONS.items():
        old, new = older.get(section, {}), newer.get(section, {})
        entries = []
        for key in sorted(set(old) | set(new)):
            before, after = old.get(key), new.get(key)
            if before == after:
                continue
            change = "added" if before is None else "removed" if after is None else "changed"
            entries.append(
                EntryChange(
                    change=change,
                    title=entry_title(section, after or before),
                    attributes=_attribute_changes(section, before, after),
                )
            )
        if entries:
            order = {"changed": 0, "added": 1, "removed": 2}
            entries.sort(key=lambda entry: (order[entry.change], entry.title))
            result.append(SectionChanges(name=section, heading=heading, entries=entries))
    return result
