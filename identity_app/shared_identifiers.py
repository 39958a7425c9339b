"""Identifiers both files of an offline run share: found in the data, not declared.

A partner's file and a CRM export often both carry a number of the record's own that no built-in attribute
reads: a social security or national id, a member or customer number both systems keep, a company
registration number. Told of it (`--attribute COLUMN=identifier`) the resolver compares it; an offline run on
files nobody has described must notice it alone, and must never be fooled by a column that only looks like
one: a row number (1..N in both files), a timestamp, another system's customer numbers that happen to overlap
the CRM's, a country code or a status.

The test is the one a data engineer would run by hand. A column qualifies when it is
- in both files under the same name (compared as headers are: case, spaces and punctuation aside), read by no
  built-in attribute, not either file's id column, not declared with `--attribute`;
- filled in most rows of both files, and nearly unique in each (a value names one CRM record, or the CRM's
  duplicates of one entity; inbound records sharing a value are one entity's repeats, not a company's people);
- and, joined exactly on its values (as `--attribute COLUMN=identifier` normalises them), the records it pairs
  are evidently the same entity by their other attributes: enough pairs, and nine in ten of them agree
  (people: both first and last name alike, either way round, or one name and a birth date, email or phone;
  organisations: the company name, or, without a name on either side, the web domain). A row number or another
  system's numbers pair strangers, who do not agree; a household number pairs relatives, whose first names and
  birth dates differ.

Reading is bounded: the CRM export's uniqueness is counted on its first `CRM_SAMPLE` rows, and the join is
made for the inbound file's first `INBOUND_SAMPLE` rows against the whole export.
"""

import itertools
import re
from dataclasses import dataclass, field

from identity_app import normalise_names, normalise_text, organisations
from identity_app.attributes import DEFAULT_ATTRIBUTE_MAP, EntityKind, build_profile, without_object_prefix
from identity_app.models import DEFAULT_VETO_SIMILARITY

IDENTIFIER = "identifier"  # the attribute type a qualifying column is compared as (`ATTRIBUTE_TYPES`)
MOSTLY_FILLED = 0.5  # of both files' rows: a column most records leave empty identifies few of them
NEARLY_UNIQUE = 0.9  # of a file's records holding a value, those no other entity's record shares it with
MIN_PAIRS = 20  # joined pairs whose names can be compared: fewer prove nothing either way
AGREEING = 0.9  # of those pairs, the share that must be evidently the same entity
INBOUND_SAMPLE = 20_000
CRM_SAMPLE = 100_000
MAX_PAIRS = 500  # pairs compared (the first in the inbound file's order): enough to tell 90 % from 50 %
MAX_DUPLICATES = 3  # CRM records of one value that may still be one entity's duplicates
# What `same_entity` reads of a record: its names, what is personal, its web domain (and its city, which an
# office's name may carry).
_COMPARED_MAP = {
    attribute: DEFAULT_ATTRIBUTE_MAP[attribute]
    for attribute in (
        *("emails", "phone", "date_of_birth", "domain"),
        *("first_name", "last_name", "full_name", "company_name", "city"),
    )
}
_COMPARED = frozenset(name for fields in _COMPARED_MAP.values() for name in fields)


def column_key(name: str) -> str:
    """A header compared as people write it: "Soc Sec ID", "soc_sec_id" and "SocSecId" are one column, and so
    are a CRM export's "Person - CPF" and a form's "CPF"."""
    return re.sub(r"[^0-9a-z]+", "", without_object_prefix(name).lower())


# Columns named for a country's personal identification or taxpayer number, one per person for life (column
# keys): Brazil's CPF, the US and Canadian social security / insurance numbers, the UK's National Insurance
# number, Spain's DNI / NIE, Italy's codice fiscale, Portugal's NIF, Poland's PESEL, the Netherlands' BSN,
# Sweden's and Denmark's personal numbers, Mexico's CURP, Chile's RUT, India's Aadhaar. Few records may carry
# one (a contract's signer, a trial's form): the name says what it is, so such a column is not refused for
# being sparse; it must still name one person per value and join records of evidently the same people.
NATIONAL_PERSON_IDS = frozenset(
    {
        *("cpf", "ssn", "socialsecuritynumber", "sin", "socialinsurancenumber", "nino"),
        *("nationalinsurancenumber", "dni", "nie", "codicefiscale", "nif", "pesel", "bsn"),
        *("burgerservicenummer", "personnummer", "cprnummer", "curp", "rut", "aadhaar", "aadhaarnumber"),
        *("nationalid", "nationalidnumber", "personalidnumber"),
    }
)


@dataclass
class SharedColumn:
    """One column both files hold that no built-in attribute reads, and what the data said of it."""

    crm_label: str
    inbound_label: str
    inbound_rows: int = 0
    inbound_filled: int = 0
    crm_rows: int = 0
    crm_filled: int = 0
    kind: str = EntityKind.PERSON
    crm_values: dict = field(default_factory=dict, repr=False)  # value -> CRM records holding it (sampled)
    crm_duplicates: int = 0  # sampled CRM records sharing a value with records of the same entity
    inbound_grouped: int = 0  # sampled inbound records sharing a value with another entity's records
    joined: int = 0  # sampled inbound records whose value one or more CRM records hold
    pairs: int = 0  # ... held by exactly one, and with names to compare
    agreeing: int = 0
    used: bool = False
    verdict: str = ""

    @property
    def name(self) -> str:
        if self.crm_label == self.inbound_label:
            return self.crm_label
        return f"{self.crm_label} ({self.inbound_label!r} in the inbound file)"

    def unique_share(self) -> float:
        """Of the sampled CRM records holding a value, the share holding one that names a single entity: no
        other record holds it, or the few that do are evidently the same entity (`crm_duplicates`)."""
        held = sum(self.crm_values.values())
        singles = sum(1 for count in self.crm_values.values() if count == 1)
        return (singles + self.crm_duplicates) / held if held else 0.0

    def duplicate_values(self) -> set[str]:
        """Values a few sampled CRM records share (`MAX_DUPLICATES` at most), the first `MAX_PAIRS`: whether
        those records are one entity's duplicates is checked on them (`count_duplicates`). None when the
        column is nearly unique without them, or would be short of it even with all of them."""
        shared = {value: count for value, count in self.crm_values.items() if 1 < count <= MAX_DUPLICATES}
        held = sum(self.crm_values.values())
        singles = sum(1 for count in self.crm_values.values() if count == 1)
        if not shared or not held or singles / held >= NEARLY_UNIQUE:
            return set()
        if (singles + sum(shared.values())) / held < NEARLY_UNIQUE:
            return set()
        return set(itertools.islice(shared, MAX_PAIRS))


def candidates(
    inbound_unread: list[str], crm_unread: list[str], excluded: set[str] = frozenset()
) -> list[SharedColumn]:
    """Columns no built-in attribute reads in either file (`_LabelledColumns.unread`: id and flag columns are
    not among them) whose names are one column's, each name once in its file; `excluded`: column keys the
    user decided on (declared or ignored)."""

    def by_key(labels: list[str]) -> dict[str, str]:
        keys: dict[str, list[str]] = {}
        for label in labels:
            keys.setdefault(column_key(label), []).append(label)
        return {key: found[0] for key, found in keys.items() if key and len(found) == 1}

    inbound, crm = by_key(inbound_unread), by_key(crm_unread)
    return [
        SharedColumn(crm_label=crm[key], inbound_label=inbound[key])
        for key in crm
        if key in inbound and key not in excluded
    ]


def _value(values: dict, label: str) -> str:
    raw = values.get(label)
    return normalise_text.personal_identifier(raw) if raw not in (None, "") else ""


def _slim(values: dict) -> dict:
    """A record's values that `same_entity` reads."""
    return {name: value for name, value in values.items() if name in _COMPARED}


def read_inbound(columns: list[SharedColumn], records) -> dict[str, dict[str, list[dict]]]:
    """Counts each column's fill in the inbound file's first `INBOUND_SAMPLE` records (`InboundFile`) and
    returns, per column, {value: the values of the records holding it}, in file order."""
    index: dict[str, dict[str, list[dict]]] = {column.crm_label: {} for column in columns}
    for record in itertools.islice(records, INBOUND_SAMPLE):
        values = record["attributes"]
        for column in columns:
            column.inbound_rows += 1
            if value := _value(values, column.inbound_label):
                column.inbound_filled += 1
                index[column.crm_label].setdefault(value, []).append(values)
    return index


def read_crm(columns: list[SharedColumn], records, wanted: dict[str, dict]) -> dict[str, dict[str, list]]:
    """Counts each column's fill in the CRM export's records (`MirrorFile`) and its values in the first
    `CRM_SAMPLE`; returns, per column, {value: [CRM records holding it, the first one's values]} for the
    values `wanted` holds (the inbound sample's)."""
    holders: dict[str, dict[str, list]] = {column.crm_label: {} for column in columns}
    for position, record in enumerate(records):
        values = record["values"]
        for column in columns:
            column.crm_rows += 1
            if not (value := _value(values, column.crm_label)):
                continue
            column.crm_filled += 1
            if position < CRM_SAMPLE:
                column.crm_values[value] = column.crm_values.get(value, 0) + 1
            if value in wanted[column.crm_label]:
                if (held := holders[column.crm_label].get(value)) is None:
                    holders[column.crm_label][value] = [1, values]
                else:
                    held[0] += 1
    return holders


def count_duplicates(columns: list[SharedColumn], records) -> None:
    """For the columns whose shared values (`SharedColumn.duplicate_values`) may be the CRM's duplicates of
    one entity, which share its number: reads the first two holders of each from the CRM export's records
    again and counts, in `crm_duplicates`, the records of the groups whose two agree (`same_entity`),
    extended to every such group in the proportion found."""
    wanted = {column.crm_label: column.duplicate_values() for column in columns}
    if not any(wanted.values()):
        return
    holders: dict[str, dict[str, list[dict]]] = {label: {} for label in wanted}
    for record in itertools.islice(records, CRM_SAMPLE):
        values = record["values"]
        for label, chosen in wanted.items():
            if (value := _value(values, label)) in chosen and len(
                found := holders[label].setdefault(value, [])
            ) < 2:
                found.append(_slim(values))
    for column in columns:
        if not (groups := holders[column.crm_label]):
            continue
        counts = column.crm_values
        checked = sum(counts[value] for value in groups)
        same = sum(
            counts[value]
            for value, pair in groups.items()
            if len(pair) == 2 and same_entity(*pair, column.kind)
        )
        in_groups = sum(count for count in counts.values() if 1 < count <= MAX_DUPLICATES)
        column.crm_duplicates = round(in_groups * same / checked)


def count_inbound_groups(columns: list[SharedColumn], inbound: dict[str, dict[str, list[dict]]]) -> None:
    """Counts, in `inbound_grouped`, the sampled inbound records whose value other records of the file hold
    for another entity: a value several inbound records share names one person only when they are that
    person's repeats (the first two compared, `same_entity`, on the first `MAX_PAIRS` such values, extended to
    the rest in the proportion found). A company's account number, which its people share, names a group."""
    for column in columns:
        shared = [records for records in inbound[column.crm_label].values() if len(records) > 1]
        if not shared:
            continue
        checked = shared[:MAX_PAIRS]
        others = sum(
            len(records) for records in checked if not same_entity(records[0], records[1], column.kind)
        )
        column.inbound_grouped = round(others * sum(map(len, shared)) / sum(map(len, checked)))


def weigh(
    columns: list[SharedColumn], inbound: dict[str, dict[str, list[dict]]], holders: dict, kind: str
) -> list[SharedColumn]:
    """Joins the inbound sample to the CRM export by each column (`read_inbound`, `read_crm`), compares
    the pairs of records whose value one CRM record holds by name, and decides each column (`used`,
    `verdict`)."""
    for column in columns:
        if refused := _refusal(column):
            column.used, column.verdict = False, refused
            continue
        held_by = holders[column.crm_label]
        for value, records in inbound[column.crm_label].items():
            if (held := held_by.get(value)) is None:
                continue
            column.joined += len(records)
            if held[0] != 1:
                continue
            for values in records:
                if column.pairs < MAX_PAIRS and (agrees := same_entity(values, held[1], kind)) is not None:
                    column.pairs += 1
                    column.agreeing += agrees
        column.used, column.verdict = _verdict(column)
    return columns


def detect(columns: list[SharedColumn], inbound_records, crm_records, kind: str) -> list[SharedColumn]:
    """`columns` (`candidates`) weighed on the two files' records: each with its verdict. `crm_records`
    gives the CRM export's records afresh each time it is called (read once, and again for its duplicates
    when a column needs it)."""
    if not columns:
        return columns
    for column in columns:
        column.kind = kind
    inbound = read_inbound(columns, inbound_records)
    holders = read_crm(columns, crm_records(), inbound)
    count_duplicates(columns, crm_records())
    count_inbound_groups(columns, inbound)
    return weigh(columns, inbound, holders, kind)


def _refusal(column: SharedColumn) -> str:
    """Why a column is no identifier before any pair is compared ("" when it may be one)."""
    inbound_filled = column.inbound_filled / column.inbound_rows if column.inbound_rows else 0.0
    crm_filled = column.crm_filled / column.crm_rows if column.crm_rows else 0.0
    named_personal = column.kind == EntityKind.PERSON and column_key(column.crm_label) in NATIONAL_PERSON_IDS
    if min(inbound_filled, crm_filled) < MOSTLY_FILLED and not named_personal:
        return (
            f"filled in {inbound_filled:.0%} of the inbound rows and {crm_filled:.0%} of the CRM rows: too few "
            "records carry it"
        )
    if (unique := column.unique_share()) < NEARLY_UNIQUE:
        return (
            f"only {unique:.0%} of the CRM records holding it hold a value no other CRM record holds: it names "
            "groups, not records"
        )
    if column.inbound_grouped > (1 - NEARLY_UNIQUE) * column.inbound_filled:
        return (
            f"{column.inbound_grouped:,} of the {column.inbound_filled:,} inbound records holding it share their "
            "value with records of someone else: it names groups, not records"
        )
    return ""


def _verdict(column: SharedColumn) -> tuple[bool, str]:
    """(qualifies, the evidence in words)."""
    if refused := _refusal(column):
        return False, refused
    if column.pairs < MIN_PAIRS:
        return False, (
            f"{column.joined:,} of {column.inbound_filled:,} inbound records find a CRM record by it, "
            f"{column.pairs:,} of them with names to compare: too few to tell what it is"
        )
    share = column.agreeing / column.pairs
    duplicates = f" (and {column.crm_duplicates:,} duplicates of one entity)" if column.crm_duplicates else ""
    what = (
        "company by name or web domain"
        if column.kind == EntityKind.ORGANISATION
        else "person by name (or by one name and a birth date, email or phone)"
    )
    evidence = (
        f"in both files, one value per CRM record{duplicates}; {column.joined:,} of {column.inbound_filled:,} "
        f"inbound records find a CRM record by it, and {column.agreeing:,} of the {column.pairs:,} compared "
        f"are evidently the same {what}"
    )
    if share < AGREEING:
        return False, f"{evidence} ({share:.0%}): it pairs records of different people or companies"
    return True, evidence


def same_entity(inbound_values: dict, crm_values: dict, kind: str) -> bool | None:
    """Whether two records joined by a candidate column are evidently one entity (None: nothing to tell it
    by). People (`same_person`) by their names and what is personal; organisations by their names (not
    clearly different, `organisations.names_clearly_differ`), or, without a name on either side, the same
    registrable web domain."""
    inbound = build_profile(inbound_values, attribute_map=_COMPARED_MAP, kind=kind)
    crm = build_profile(crm_values, attribute_map=_COMPARED_MAP, kind=kind)
    if kind != EntityKind.ORGANISATION:
        return same_person(inbound, crm)
    if inbound["company_name"] and crm["company_name"]:
        return not organisations.names_clearly_differ(inbound, crm, DEFAULT_VETO_SIMILARITY)
    if inbound["email_domain"] and crm["email_domain"]:
        return inbound["email_domain"] == crm["email_domain"]
    return None


def same_person(inbound: dict, crm: dict) -> bool | None:
    """Two profiles are evidently one person when both parts of their names are alike, either way round
    (`normalise_names.names_alike`, the bar a shared key must clear), or when one part is the same and something
    personal agrees too (the date of birth, to a slip; an email address; a phone number): a married name or
    a middle name used, not a relative, whose first name and birth date differ. None when neither record has
    a name."""
    names = (inbound["first_name"], inbound["last_name"]), (crm["first_name"], crm["last_name"])
    if not any(names[0]) or not any(names[1]):
        return None
    if all(names[0]) and all(names[1]):
        if normalise_names.names_alike(*names, DEFAULT_VETO_SIMILARITY):
            return True
        if normalise_names.names_clearly_differ(*names, DEFAULT_VETO_SIMILARITY):
            return False
    elif not all(
        normalise_names.name_closeness(left, right) >= DEFAULT_VETO_SIMILARITY
        for left, right in zip(*names, strict=True)
        if left and right
    ):
        return False
    return _personal_agreement(inbound, crm)


def _personal_agreement(inbound: dict, crm: dict) -> bool:
    born = inbound["date_of_birth"], crm["date_of_birth"]
    if all(born) and (born[0] == born[1] or normalise_text.date_slip(*born)):
        return True
    return bool(set(inbound["emails"]) & set(crm["emails"]) or set(inbound["phones"]) & set(crm["phones"]))


def line(column: SharedColumn) -> str:
    """What the run says of a candidate column, in one line."""
    if column.used:
        return (
            f"{column.name}: {column.verdict}: compared as an identifier (--attribute {column.crm_label}=ignore "
            "or --no-shared-identifiers leaves it out)."
        )
    return f"{column.name}: in both files but not compared: {column.verdict}."
