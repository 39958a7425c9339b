"""Columns of the inbound file holding CRM ids another system stored for its records: found in the data.

A help desk linked to the CRM keeps the CRM record's id beside its own user (Zendesk's Salesforce integration
writes the contact's id into the user's `external_id`); an ERP or a billing system keeps the CRM account's id
beside its customer (the Salesforce Account id, the HubSpot company id); the same column holds other systems'
ids too ("CUST-12345", "cus_..."). Such an id names the person or the company as an email key does, and like
one, the record's names can contradict it (`key_checks.stored_id_names_other`; a company's name against the
account's, legal forms aside): a successor handed the departed person's account keeps their id. The CRM's own
`crm_id` column (`csv_io.INBOUND_FLAG_COLUMNS`) stays absolute and is not read here.

A column qualifies when it is not the inbound file's id column, read by no built-in attribute and not declared
with `--attribute`, and
- its values name records of the CRM export: at least `MIN_HELD` in a Salesforce id's form (15 or 18
  characters, either matching the export's other form) or a UUID's (where the export's own ids are UUIDs, as
  some CRMs' and warehouses' are), forms no other system's numbers take by chance; or, for plain
  numbers (HubSpot's, Pipedrive's ids, which any counter or order number may equal), at least `MIN_HELD` and
  most (`MOSTLY_HELD`) of the column's values;
- and the records it pairs are mostly (`AGREEING`) not someone else by their names: a column of other people's
  ids (a manager's, an account owner's; a parent company's, a reseller's) or numbers that only collide with the
  CRM's pairs strangers.
Only its values the mirror holds are keys: another system's id in the same column says nothing.
"""

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from identity_app import key_checks, normalise_companies, salesforce_ids
from identity_app.attributes import DEFAULT_ATTRIBUTE_MAP, EntityKind, build_profile, recognised_columns
from identity_app.models import DEFAULT_VETO_SIMILARITY

MIN_HELD = 5  # values naming CRM records: fewer prove nothing
MOSTLY_HELD = 0.8  # of a plain-number column's values: numbers that merely collide with the CRM's do not
AGREEING = 0.6  # of the pairs, those whose names do not say someone else (successors keep the id: some do)
INBOUND_SAMPLE = 20_000
_NUMBER = re.compile(r"^[0-9]{1,20}$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)
_NAMES = {
    attribute: DEFAULT_ATTRIBUTE_MAP[attribute] for attribute in ("first_name", "last_name", "full_name")
}


@dataclass
class ReferenceColumn:
    """One inbound column that may hold CRM ids, and what the data said of it."""

    label: str
    filled: int = 0
    salesforce_held: int = 0
    uuid_held: int = 0
    number_held: int = 0
    pairs: int = 0
    agreeing: int = 0
    used: bool = False
    verdict: str = ""
    values: dict = field(default_factory=dict, repr=False)  # held value -> the inbound records' values


def candidates(fieldnames, id_column: str, unread, declared) -> list[ReferenceColumn]:
    """The inbound file's columns that may hold CRM ids: unread by the built-in attributes, not its id, not
    declared."""
    return [
        ReferenceColumn(name)
        for name in fieldnames or []
        if name and name in unread and name != id_column and name not in declared and name != "crm_id"
    ]


def held_form(value: str, mirror_ids: set[str]) -> str:
    """The mirror's id the value names ("" when none): as written, or a Salesforce id in its other form."""
    if value in mirror_ids:
        return value
    form = salesforce_ids.other_form(value)
    return form if form in mirror_ids else ""


def detect(columns: list[ReferenceColumn], inbound_records, crm_records, kind: str) -> list[ReferenceColumn]:
    """`columns` weighed on the inbound file's first records and the CRM export's (`MirrorFile`): each with
    its verdict; `crm_records()` gives the export's records afresh (read for its ids, then for the records
    the column names)."""
    if not columns:
        return columns
    mirror_ids = {record["id"] for record in crm_records()}
    for record in itertools.islice(inbound_records, INBOUND_SAMPLE):
        values = record["attributes"]
        for column in columns:
            value = str(values.get(column.label) or "").strip()
            if not value:
                continue
            column.filled += 1
            if not (held := held_form(value, mirror_ids)):
                continue
            if salesforce_ids.is_id(value):
                column.salesforce_held += 1
            elif _UUID.match(value):
                column.uuid_held += 1
            elif _NUMBER.match(value):
                column.number_held += 1
            else:
                continue  # an id of no form known here: not counted either way
            column.values.setdefault(held, []).append(values)
    wanted = {held for column in columns for held in column.values}
    mirror = {record["id"]: record["values"] for record in crm_records() if record["id"] in wanted}
    for column in columns:
        _weigh(column, mirror, kind)
    return columns


def values_held(column: ReferenceColumn) -> int:
    """How many of the column's values name CRM records in a form counted here."""
    return column.salesforce_held + column.uuid_held + column.number_held


def _weigh(column: ReferenceColumn, mirror: dict[str, dict], kind: str) -> None:
    held_count = values_held(column)
    if held_count < MIN_HELD:
        column.verdict = f"{held_count} of its values name CRM records: too few to read it as CRM ids"
        return
    if (
        column.salesforce_held + column.uuid_held < MIN_HELD
        and column.number_held < MOSTLY_HELD * column.filled
    ):
        column.verdict = (
            f"{column.number_held:,} of its {column.filled:,} numbers are CRM ids: numbers that may merely "
            "collide with the CRM's"
        )
        return
    names_other = _person_names_other if kind == EntityKind.PERSON else _company_names_other
    for crm_id, inbound in column.values.items():
        held_values = mirror.get(crm_id) or {}
        for values in inbound:
            column.pairs += 1
            column.agreeing += not names_other(values, held_values)
    if column.agreeing < AGREEING * column.pairs:
        column.verdict = (
            f"{held_count:,} of its values name CRM records, but only {column.agreeing:,} of those records' "
            f"names can be theirs: the ids of other {'people' if kind == EntityKind.PERSON else 'companies'}"
        )
        return
    column.used = True
    column.verdict = (
        f"{held_count:,} of its {column.filled:,} values name CRM records, and {column.agreeing:,} of "
        f"{column.pairs:,} records' names can be theirs"
    )


def _person_names_other(values: dict, held_values: dict) -> bool:
    return bool(
        key_checks.stored_id_names_other(_names(values), _names(held_values), DEFAULT_VETO_SIMILARITY)
    )


def _company_names_other(values: dict, held_values: dict) -> bool:
    """Whether two records' company names clearly differ (legal forms aside, as `normalise_companies.company_name`
    writes them): "Acme Ltd" and "ACME Limited" are one company's, "Acme" and "Globex" two."""
    name, held_name = _company_name(values), _company_name(held_values)
    return bool(name and held_name) and (
        normalise_companies.company_similarity(name, held_name) < DEFAULT_VETO_SIMILARITY
    )


def _names(values: dict) -> tuple[str, str]:
    profile = build_profile(values, attribute_map=_NAMES, kind=EntityKind.PERSON)
    return (profile.get("first_name") or "", profile.get("last_name") or "")


@lru_cache(maxsize=64)
def _renames(labels: tuple[str, ...]) -> dict[str, str]:
    return recognised_columns(labels)


def _company_name(values: dict) -> str:
    """The company name a record of an organisation gives, under whatever label its file writes it ("Name",
    "Account Name", "Company name"), normalised."""
    renames = _renames(tuple(values))
    renamed = {renames.get(label, label): value for label, value in values.items()}
    attribute_map = {
        attribute: DEFAULT_ATTRIBUTE_MAP[attribute] for attribute in ("company_name", "full_name")
    }
    profile = build_profile(renamed, attribute_map=attribute_map, kind=EntityKind.ORGANISATION)
    return profile.get("company_name") or ""


def line(column: ReferenceColumn) -> str:
    """What the run says of a candidate column, in one line."""
    if column.used:
        return (
            f"{column.label}: {column.verdict}: read as the CRM id another system stored for the record, a key "
            f"its names can contradict (--attribute {column.label}=ignore leaves it out)."
        )
    return f"{column.label}: not read as CRM ids: {column.verdict}."


# -- the other way round: a CRM column holding the inbound system's ids ----------------------------------------
#
# A CRM filled from another system keeps that system's id beside the record: a migration's first wave from
# Dynamics keeps the contact's GUID in a custom field ("Dynamics Contact ID"), an ERP integration its customer
# number ("ERP_ID__c"). When the inbound file is that system's export, its id column names those records as
# `--crm-external-id-field` would. A CRM column qualifies when it is unread by the built-in attributes and not the
# export's id column, and
# - at least `MIN_HELD` of its values are ids of the inbound file's records, in a UUID's or a Salesforce id's
#   form (a plain number any counter may equal is never read so);
# - each such value is on one CRM record (a parent's or a manager's id repeats on many);
# - and the records it pairs are mostly (`AGREEING`) not someone else by their names.


def source_id_candidates(fieldnames, id_column: str, unread) -> list[ReferenceColumn]:
    """The CRM export's columns that may hold the inbound file's ids: unread, not its id column."""
    return [
        ReferenceColumn(name) for name in fieldnames or [] if name and name in unread and name != id_column
    ]


def detect_source_ids(
    columns: list[ReferenceColumn], inbound_records, crm_records, kind: str
) -> list[ReferenceColumn]:
    """`columns` of the CRM export weighed against the inbound file's first records (their ids and names):
    each with its verdict, `used` for the one (if any) read as the inbound system's id."""
    if not columns:
        return columns
    inbound = {
        record["external_id"]: record["attributes"]
        for record in itertools.islice(inbound_records, INBOUND_SAMPLE)
        if _UUID.match(record["external_id"]) or salesforce_ids.is_id(record["external_id"])
    }
    if not inbound:
        return columns
    holders: dict[str, dict[str, list[dict]]] = {column.label: {} for column in columns}
    for record in crm_records():
        for column in columns:
            value = str(record["values"].get(column.label) or "").strip()
            if not value:
                continue
            column.filled += 1
            if value in inbound:
                holders[column.label].setdefault(value, []).append(record["values"])
    names_other = _person_names_other if kind == EntityKind.PERSON else _company_names_other
    for column in columns:
        held = holders[column.label]
        column.uuid_held = len(held)
        if len(held) < MIN_HELD:
            column.verdict = f"{len(held)} of its values are the inbound file's ids: too few to read it so"
            continue
        repeated = sum(len(records) > 1 for records in held.values())
        if repeated * 2 > len(held):
            column.verdict = (
                f"{repeated:,} of the {len(held):,} inbound ids it holds are on several CRM records: another "
                "record's id (a parent's, a manager's), not each record's own"
            )
            continue
        for external_id, records in held.items():
            for values in records:
                column.pairs += 1
                column.agreeing += not names_other(_renamed(inbound[external_id]), _renamed(values))
        if column.agreeing < AGREEING * column.pairs:
            column.verdict = (
                f"{len(held):,} of its values are the inbound file's ids, but only {column.agreeing:,} of "
                f"{column.pairs:,} pairs' names can be one {'person' if kind == EntityKind.PERSON else 'company'}"
            )
            continue
        column.used = True
        column.verdict = (
            f"{len(held):,} of its {column.filled:,} values are the inbound file's ids, and {column.agreeing:,} "
            f"of {column.pairs:,} pairs' names can be one"
        )
    used = [column for column in columns if column.used]
    for column in used[1:]:  # one field holds the source's id; two that qualify say neither is sure
        column.used = False
        used[0].used = False
        column.verdict = used[0].verdict = "another column holds the inbound file's ids too"
    return columns


def _renamed(values: dict) -> dict:
    """A record's values under the field names its labels stand for ("First Name" -> FirstName)."""
    renames = _renames(tuple(values))
    return {renames.get(label, label): value for label, value in values.items()}


def source_id_line(column: ReferenceColumn) -> str:
    """What the run says of a CRM column that may hold the inbound file's ids, in one line."""
    if column.used:
        return (
            f"{column.label} (CRM export): {column.verdict}: read as the inbound system's id stored on the CRM "
            f"record, as --crm-external-id-field {column.label!r} would."
        )
    return f"{column.label} (CRM export): not read as the inbound file's ids: {column.verdict}."
