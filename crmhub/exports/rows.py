"""From a CRM record as read to the row a destination receives: pure functions over plain values.

A plan says, for one destination and one CRM object, which fields go where (the active outbound mappings),
which fields are refused (a data class the destination may not receive) and which consent the record needs.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation

from crmhub.connectors.salesforce.key_prefixes import object_of_id
from crmhub.connectors.user_directory import is_owner_field, users_object
from crmhub.core.timestamps import parse_timestamp

# Object roles decide the CDP call (identify, group, track) and which objects keep daily snapshots.
PERSON, ACCOUNT, DEAL, OTHER = "person", "account", "deal", "other"
ROLE_NAMES = {
    PERSON: {"contact", "contacts", "lead", "leads", "person", "persons", "people"},
    ACCOUNT: {"account", "accounts", "company", "companies", "organization", "organizations"},
    DEAL: {"opportunity", "opportunities", "deal", "deals"},
}
# Reference fields that name the object they point to only by convention.
LINK_FIELDS = {
    "associatedcompanyid": "companies",
    "accountid": "Account",
    "org_id": "organizations",
    "person_id": "persons",
}
PIPEDRIVE_LINK_TYPES = {"org": "organizations", "people": "persons", "deal": "deals", "user": "users"}


def object_role(object_name: str) -> str:
    lowered = object_name.lower()
    return next((role for role, names in ROLE_NAMES.items() if lowered in names), OTHER)


def table_name(object_name: str) -> str:
    return object_name.lower()


def column_name(target: str) -> str:
    """The name a warehouse gives a target (dlt normalises identifiers to snake_case)."""
    from dlt.common.normalizers.naming.snake_case import NamingConvention

    return NamingConvention().normalize_identifier(target)


def related_object(*, name: str, field_type: str, provider_metadata: dict, provider: str = "") -> str:
    """The object a reference field points to, or "" when it is not a link between records. A record's owner
    field points to the CRM's users (HubSpot owners, Salesforce User, Pipedrive users)."""
    if provider and is_owner_field(provider, name):
        return users_object(provider)
    if provider_metadata.get("association"):  # HubSpot: a record's associated records of one type
        return str(provider_metadata["association"])
    reference_to = provider_metadata.get("referenceTo")
    if isinstance(reference_to, list) and reference_to and name.lower() not in ("ownerid", "createdbyid"):
        return str(reference_to[0]) if not name.lower().endswith(("byid", "ownerid")) else ""
    pipedrive = PIPEDRIVE_LINK_TYPES.get(str(provider_metadata.get("field_type") or ""))
    if pipedrive:
        return pipedrive
    return LINK_FIELDS.get(name.lower(), "")


def polymorphic_targets(*, provider_metadata: dict, key_prefixes: dict[str, str]) -> tuple:
    """(key prefix, object) of each object a polymorphic Salesforce reference may point to (`referenceTo`
    lists more than one), whose prefix is known; () for any other field."""
    reference_to = provider_metadata.get("referenceTo")
    if not isinstance(reference_to, list) or len(reference_to) < 2:
        return ()
    wanted = {str(name) for name in reference_to}
    return tuple(sorted((prefix, name) for prefix, name in key_prefixes.items() if name in wanted))


@dataclass(frozen=True)
class ColumnPlan:
    """One active outbound mapping, resolved against the catalog."""

    mapping_id: int
    field_name: str
    field_type: str
    data_class: str
    target: str
    target_type: str
    transform: str
    transform_params: dict
    null_policy: str
    related_object: str = ""
    # A polymorphic reference: the object each id points to, by the id's key prefix ((prefix, object), ...).
    targets_by_prefix: tuple = ()
    many: bool = False  # the value lists several ids (";"-separated): one link each


@dataclass(frozen=True)
class ConsentRule:
    field_name: str
    purpose: str
    meaning: str
    opt_in_values: tuple = ()
    opt_out_values: tuple = ()


@dataclass
class ObjectPlan:
    """What one destination receives of one CRM object."""

    destination_id: int
    connection_id: int
    connection_name: str
    object_name: str
    catalog_version: int
    columns: list[ColumnPlan] = field(default_factory=list)
    refused: list[ColumnPlan] = field(default_factory=list)
    consent_rules: list[ConsentRule] = field(default_factory=list)
    purposes: list[str] = field(default_factory=list)

    @property
    def table(self) -> str:
        return table_name(self.object_name)

    @property
    def role(self) -> str:
        return object_role(self.object_name)

    @property
    def fields_to_read(self) -> set[str]:
        return {c.field_name for c in self.columns} | {r.field_name for r in self.consent_rules}


class ValueError_(ValueError):
    """A value that cannot become the column's type: the row is kept as a failed row with this reason."""


# -- transforms -------------------------------------------------------------------------------------------


def normalised_email(value: str) -> str:
    return value.strip().lower()


def sha256_email(value) -> str:
    """SHA-256 (hex) of the trimmed, lowercased email, as ad platforms expect for matching."""
    return hashlib.sha256(normalised_email(str(value)).encode()).hexdigest()


def transform_value(value, *, transform: str, params: dict):
    if value is None:
        return None
    if transform == "trim":
        return value.strip() if isinstance(value, str) else value
    if transform == "lowercase":
        return value.lower() if isinstance(value, str) else value
    if transform == "sha256_email":
        text = str(value).strip()
        return sha256_email(text) if text else None
    if transform == "value_map":
        mapping = params.get("map") or {}
        return mapping.get(str(value), value if params.get("keep_unmapped", True) else None)
    if transform == "to_utc":
        parsed = _as_datetime(value)
        return parsed.astimezone(UTC).isoformat() if parsed else value
    return value


# -- types ------------------------------------------------------------------------------------------------


def coerce(value, target_type: str):
    """The value as a Python value of the column's type; raises ValueError_ when it cannot be."""
    if value is None or value == "":
        return None
    try:
        if target_type == "text":
            if isinstance(value, list | dict):
                return json.dumps(value, sort_keys=True, default=str)
            return str(value)
        if target_type == "double":
            if isinstance(value, bool):
                raise ValueError_("a yes/no is not a number")
            return float(Decimal(str(value).strip()))
        if target_type == "bigint":
            number = Decimal(str(value).strip())
            if number != number.to_integral_value():
                raise ValueError_(f"{value!r} is not a whole number")
            return int(number)
        if target_type == "bool":
            return _as_bool(value)
        if target_type == "date":
            parsed = _as_date(value)
            if parsed is None:
                raise ValueError_(f"{value!r} is not a date")
            return parsed
        if target_type == "timestamp":
            parsed = _as_datetime(value)
            if parsed is None:
                raise ValueError_(f"{value!r} is not a date and time")
            return parsed
        if target_type == "json":
            return value
    except (InvalidOperation, TypeError, ValueError) as exc:
        if isinstance(exc, ValueError_):
            raise
        raise ValueError_(f"{value!r} is not a {target_type}") from exc
    raise ValueError_(f"unknown column type {target_type!r}")


def _as_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes", "y", "t", "on"):
        return True
    if text in ("false", "0", "no", "n", "f", "off"):
        return False
    raise ValueError_(f"{value!r} is not a yes/no")


def _as_datetime(value) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value / 1000 if value > 10**11 else value, tz=UTC)
    try:
        parsed = parse_timestamp(str(value))
    except ValueError:
        return None
    return parsed


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        parsed = _as_datetime(value)
        return parsed.date() if parsed else None


# -- rows -------------------------------------------------------------------------------------------------


@dataclass
class BuiltRow:
    values: dict  # target -> value, only mapped (allowed) columns
    errors: list[str]
    relationships: list[dict]


def build_row(*, record_values: dict, plan: ObjectPlan) -> BuiltRow:
    """The destination's values of one record: transforms, types and null semantics of each mapping."""
    values: dict = {}
    errors: list[str] = []
    links: list[dict] = []
    for column in plan.columns:
        raw = record_values.get(column.field_name)
        try:
            value = coerce(
                transform_value(raw, transform=column.transform, params=column.transform_params),
                column.target_type,
            )
        except ValueError_ as exc:
            errors.append(f"{column.field_name} -> {column.target}: {exc}")
            continue
        if value is None and column.null_policy == "omit":
            continue
        values[column.target] = value
        if column.related_object and raw not in (None, ""):
            links += column_links(column, raw)
    return BuiltRow(values=values, errors=errors, relationships=links)


def column_links(column: ColumnPlan, raw) -> list[dict]:
    """The links one value makes: one per id, each to the object its id names where the field is polymorphic."""
    ids = [part.strip() for part in str(raw).split(";")] if column.many else [str(raw)]
    links = []
    for to_id in ids:
        if not to_id:
            continue
        to_object = column.related_object
        if column.targets_by_prefix:
            to_object = object_of_id(to_id, dict(column.targets_by_prefix))
        links.append({"field": column.field_name, "to_object": to_object, "to_id": to_id})
    return links
