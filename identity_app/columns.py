"""Whole batches normalised a column at a time: the same profiles and block keys as `build_profile` and
`blocking.block_keys` give record by record, at a fraction of the cost.

A CRM export or an inbound file repeats most of its values (first names, cities, companies, postcodes): each
column's distinct values are normalised once, and the per-record work is a dictionary lookup. Records read from
a file hold text only; a batch with any other value (Pipedrive's nested shapes, numbers, nested external ids)
goes through `build_profile` record by record, so both ways always agree.
"""

from collections import defaultdict
from itertools import chain

from identity_app import (
    normalise_emails,
    normalise_names,
    normalise_phones,
    normalise_places,
    normalise_text,
)
from identity_app.attributes import (
    _NORMALISERS,
    BIRTH_DATE_READINGS,
    DEFAULT_ATTRIBUTE_MAP,
    DISPLAY_ATTRIBUTES,
    FILER_FIELD_NAMES,
    HOUSE_NUMBER_FIELD,
    LOCATION_FIELD,
    NAME_FIELDS,
    NATIONAL_PHONES,
    EntityKind,
    _employer_domain,
    _first,
    _organisation_names,
    _read_in_own_country,
    _street_with_number,
    _typed,
    build_profile,
    cedex_address,
    display_values,
    donor_facts_of,
    filer_keys,
    national_phones,
    organisation_facts,
    person_names,
    profile_phones,
    with_address_parts,
    with_location_parts,
    with_mainland_mobiles,
    with_name_parts,
    with_register_street,
    with_trunk_eight_numbers,
    without_filer_keys,
)
from identity_app.blocking import (
    _compiled,
    _values,
    birth_date_keys,
    name_token_keys,
    street_name,
    surname_prefix,
)
from identity_app.models import IdentifierKind

# Single-valued attributes whose values are one plain text each (blocking reads them as they are).
_PLAIN_ATTRIBUTES = frozenset({"email_domain", *_NORMALISERS})


def _text_only(rows: list[dict]) -> bool:
    # The types of every value, gathered without a Python step per value (a batch holds tens of thousands).
    return set(map(type, chain.from_iterable(map(dict.values, rows)))) <= {str}


def _first_texts(rows: list[dict], fields: list[str], groups: dict[tuple, list[int]]) -> list[str | None]:
    """`attributes._first` of each text-only row: the first of `fields` with a non-empty value. `groups`
    holds the rows' positions by their field names (a file's rows have few distinct sets)."""
    column: list[str | None] = [None] * len(rows)
    # A group's few fields looked up among the attribute's many labels (every language's), not the other way.
    rank = {field: number for number, field in reversed(list(enumerate(fields)))}
    for keys, positions in groups.items():
        present = sorted((field for field in keys if field in rank), key=rank.__getitem__)
        if len(present) == 1:
            field = present[0]
            for position in positions:
                column[position] = rows[position][field] or None
        elif present:
            for position in positions:
                row = rows[position]
                column[position] = next((row[field] for field in present if row[field] != ""), None)
    return column


def _field_groups(rows: list[dict]) -> dict[tuple, list[int]]:
    groups: dict[tuple, list[int]] = defaultdict(list)
    for position, row in enumerate(rows):
        groups[tuple(row)].append(position)
    return groups


def _mapped(column: list, function) -> list:
    """`function` of each value of a column, each distinct value computed once."""
    results = {value: function(value) for value in set(column)}
    return [results[value] for value in column]


def _email_column(rows: list[dict], fields: list[str], groups) -> list[list[str]]:
    """`attributes._all_emails` of each text-only row (a field no row has adds nothing)."""
    present = {field for keys in groups for field in keys}
    columns = [_mapped([row.get(field) for row in rows], _emails_of) for field in fields if field in present]
    if len(columns) == 1:  # one field's addresses are each there once already (`normalise_emails.emails`)
        return [list(found) for found in columns[0]]
    merged = []
    for found_per_field in zip(*columns, strict=True) if columns else ([] for _ in rows):
        found: list[str] = []
        for addresses in found_per_field:
            for address in addresses:
                if address not in found:
                    found.append(address)
        merged.append(found)
    return merged


def _add_emails_in_name_fields(emails: list[list[str]], names: list[list]) -> None:
    """`attributes._emails_in_name_fields` of each text-only row, added to its addresses. `names`: the rows'
    `NAME_FIELDS` columns (`_first_texts`)."""
    for column in names:
        for position, text in enumerate(column):
            if text and "@" in text:
                found = emails[position]
                emails[position] = [*found, *(a for a in normalise_emails.emails(text) if a not in found)]


def _emails_of(value) -> tuple[str, ...]:
    return () if value is None else tuple(normalise_emails.emails(value))


def _country_column(
    rows: list[dict], attribute_map: dict, groups, names: list[list], companies: list
) -> list:
    """The country each text-only row names, else the one it is written in (`attributes._country_by_writing`).
    `names`: the rows' `NAME_FIELDS` columns (`_first_texts`), `companies` their company column."""
    named = _first_texts(rows, attribute_map.get("country", []), groups)
    if all(named):
        return named
    postcodes = _first_texts(rows, attribute_map.get("postcode", []), groups)
    return [
        country or normalise_places.country_by_writing(postcode, company, written) or None
        for country, postcode, company, written in zip(
            named, postcodes, companies, zip(*names, strict=True), strict=True
        )
    ]


def _phone_column(rows: list[dict], attribute_map: dict, groups, countries, region: str) -> list[list[str]]:
    """`attributes.all_phones` of each text-only row: every phone field's numbers, each once, in field order."""
    regions = _mapped(countries, lambda country: normalise_places.phone_region(country, region))
    present = {field for keys in groups for field in keys}
    per_field = [
        _mapped(
            [(row.get(field) or "", where) for row, where in zip(rows, regions, strict=True)],
            lambda raw: tuple(normalise_phones.phones(raw[0], raw[1])) if raw[0] else (),
        )
        for field in attribute_map.get("phone", [])
        if field in present
    ]
    if len(per_field) == 1:
        return [list(numbers) for numbers in per_field[0]]
    merged = []
    for numbers_per_field in zip(*per_field, strict=True) if per_field else (() for _ in rows):
        found: list[str] = []
        for numbers in numbers_per_field:
            for number in numbers:
                if number not in found:
                    found.append(number)
        merged.append(found)
    return merged


def _may_list_numbers(value) -> bool:
    """Whether a phone cell may write several numbers (`normalise_phones.phone_texts` splits on "," and ";")."""
    return not isinstance(value, str) or "," in value or ";" in value


def _address_parts_read(rows: list[dict], attribute_map: dict) -> list[dict]:
    """`attributes.with_address_parts` of each row, when any row's street field holds two spaces or a comma."""
    fields = attribute_map.get("street", [])
    if not any(
        "  " in (text := row.get(field) or "") or "," in text
        for field in fields
        for row in rows
        if type(row.get(field)) is str
    ):
        return rows
    return [with_address_parts(row, attribute_map) for row in rows]


def _location_parts_read(rows: list[dict], attribute_map: dict) -> list[dict]:
    """`attributes.with_location_parts` of each row, when the rows have a location cell."""
    if not any(row.get(LOCATION_FIELD) for row in rows):
        return rows
    return [with_location_parts(row, attribute_map) for row in rows]


def _register_street_read(rows: list[dict], attribute_map: dict) -> list[dict]:
    """`attributes.with_register_street` of each row, when the rows are a SIRENE establishments file's."""
    if not rows or "libelleVoieEtablissement" not in rows[0]:
        return rows
    return [with_register_street(row, attribute_map) for row in rows]


def _name_parts_read(rows: list[dict], attribute_map: dict) -> list[dict]:
    """`attributes.with_name_parts` of each row (the same row where it keeps no name parts)."""
    return [with_name_parts(row, attribute_map) for row in rows]


def _drop_filer_keys(rows: list[dict], emails, phones, groups, countries: list, region: str) -> None:
    """`attributes.without_filer_keys` of each text-only row that names its filer's keys, in place."""
    if not any(field in keys for keys in groups for field in FILER_FIELD_NAMES):
        return
    for position, row in enumerate(rows):
        if not any(row.get(field) for field in FILER_FIELD_NAMES):
            continue
        filer_emails, filer_phones = filer_keys(
            row, normalise_places.phone_region(countries[position], region)
        )
        emails[position] = without_filer_keys(emails[position], filer_emails)
        phones[position] = without_filer_keys(phones[position], filer_phones)


def build_profiles(
    rows: list[dict],
    *,
    attribute_map: dict[str, list[str]] | None = None,
    external_id_fields: list[str] = (),
    region: str = "US",
    kind: str = EntityKind.PERSON,
    attribute_types: dict[str, str] | None = None,
) -> list[dict]:
    """`build_profile` of each row (raw values), in order, computed column by column."""
    if not _text_only(rows):
        return [
            build_profile(
                row,
                attribute_map=attribute_map,
                external_id_fields=external_id_fields,
                region=region,
                kind=kind,
                attribute_types=attribute_types,
            )
            for row in rows
        ]
    attribute_map = attribute_map or DEFAULT_ATTRIBUTE_MAP
    rows = _location_parts_read(_address_parts_read(rows, attribute_map), attribute_map)
    rows = _register_street_read(rows, attribute_map)
    if kind == EntityKind.PERSON:
        rows = _name_parts_read(rows, attribute_map)
    groups = _field_groups(rows)
    name_texts = [_first_texts(rows, attribute_map.get(field, []), groups) for field in NAME_FIELDS]
    emails = _email_column(rows, attribute_map.get("emails", []), groups)
    _add_emails_in_name_fields(emails, name_texts)
    companies = _first_texts(rows, attribute_map.get("company_name", []), groups)
    countries = _country_column(rows, attribute_map, groups, name_texts, companies)
    phones = _phone_column(rows, attribute_map, groups, countries, region)
    phone_fields = attribute_map.get("phone", [])
    present = {field for keys in groups for field in keys}
    fields_present = [field for field in phone_fields if field in present]
    for position, row in enumerate(rows):
        if not phones[position] or countries[position]:
            continue
        # one field with one number in it: read again it reads no more (`_read_in_own_country`)
        if len(fields_present) > 1 or _may_list_numbers(row.get(fields_present[0])):
            phones[position] = _read_in_own_country(row, phone_fields, phones[position], region)
    for position, row in enumerate(rows):
        if not countries[position] and fields_present:
            phones[position] = with_mainland_mobiles(row, attribute_map, phones[position], region)
            phones[position] = with_trunk_eight_numbers(row, attribute_map, phones[position], region)
    _drop_filer_keys(rows, emails, phones, groups, countries, region)
    domains = _mapped(
        [tuple(found) for found in emails], lambda found: normalise_emails.company_domain(list(found))
    )
    born_texts = _first_texts(rows, attribute_map.get("date_of_birth", []), groups)
    births = _mapped(born_texts, normalise_text.date)
    columns = {
        attribute: _mapped(_first_texts(rows, attribute_map.get(attribute, []), groups), normaliser)
        for attribute, normaliser in _NORMALISERS.items()
    }
    extra_attributes = [attribute for attribute in attribute_map if attribute not in DEFAULT_ATTRIBUTE_MAP]
    types = attribute_types or {}
    firsts = [numbers[0] if numbers else "" for numbers in phones]
    names = ("emails", "email_domain", "phone", "phones", "date_of_birth", *columns)
    profiles = [
        dict(zip(names, values, strict=True))
        for values in zip(emails, domains, firsts, phones, births, *columns.values(), strict=True)
    ]
    for position, (row, profile) in enumerate(zip(rows, profiles, strict=True)):
        if profile["date_of_birth"] is None and (
            readings := normalise_text.date_readings(born_texts[position])
        ):
            profile[BIRTH_DATE_READINGS] = [reading.isoformat() for reading in readings]
        if profile["postcode"] and cedex_address(row, attribute_map):
            profile["postcode"] = ""
        if profile["street"] and row.get(HOUSE_NUMBER_FIELD):
            profile["street"] = _street_with_number(profile["street"], row)
        if not countries[position] and (national := national_phones(row, attribute_map, region)):
            profile[NATIONAL_PHONES] = national
        if kind == EntityKind.PERSON:
            person_names(
                profile, row, attribute_map, normalise_places.phone_region(countries[position], region)
            )
            if not profile["email_domain"] and not profile["company_name"]:
                profile["email_domain"] = _employer_domain(row, attribute_map, emails[position])
        else:
            _organisation_names(profile, row, attribute_map, emails[position])
        profile["external_ids"] = {
            field: normalise_text.identifier(row[field])
            for field in external_id_fields
            if row.get(field, "") != ""
        }
        profile.setdefault("extra", {})
        for attribute in extra_attributes:
            raw = _first(row, attribute_map[attribute])
            if raw in (None, ""):
                continue
            value = _typed(types.get(attribute, "text"), raw, region)
            if value not in (None, ""):
                profile["extra"][attribute] = value
        if kind == EntityKind.ORGANISATION:
            organisation_facts(profile, row)
        else:
            first, last, full = (column[position] for column in name_texts)
            donor_facts_of(profile, row, first or "", last or "", full, companies[position])
    return profiles


def display_values_of(rows: list[dict], attribute_map: dict[str, list[str]] | None = None) -> list[dict]:
    """`attributes.display_values` of each row (raw values), in order, computed column by column."""
    if not _text_only(rows):
        return [display_values(row, attribute_map) for row in rows]
    attribute_map = attribute_map or DEFAULT_ATTRIBUTE_MAP
    groups = _field_groups(rows)
    shown: list[dict] = [{} for _ in rows]
    for attribute in DISPLAY_ATTRIBUTES:
        for display, text in zip(
            shown, _first_texts(rows, attribute_map.get(attribute, []), groups), strict=True
        ):
            if text is not None:
                display[attribute] = text[:200]
    return shown


# -- block keys --------------------------------------------------------------------------------------------


# Block attributes that may give a record several values (every other one gives at most one).
_MULTI_VALUED = frozenset(
    {"emails", "phone", "name_tokens", "first_name_forms", "company_tokens", "birth_date_readings"}
)


def _attribute_column(profiles: list[dict], attribute: str) -> list[list[str]]:
    """`blocking._values` of each profile, the common attributes without a call per profile."""
    if attribute == "emails":
        return [list(profile.get("emails") or []) for profile in profiles]
    if attribute == "phone":
        return [profile_phones(profile) for profile in profiles]
    if attribute == "name_tokens":
        tokens = _mapped(
            [(profile.get("first_name") or "", profile.get("last_name") or "") for profile in profiles],
            lambda names: name_token_keys(*names),
        )
        return [list(found) for found in tokens]
    if attribute == "first_name_forms":
        forms = _mapped(
            [profile.get("first_name") or "" for profile in profiles],
            lambda first: normalise_names.name_canonicals(first.split()[0]) if first else [],
        )
        return [list(found) for found in forms]
    if attribute == "birth_date_readings":
        return [birth_date_keys(profile) for profile in profiles]
    if attribute in _MULTI_VALUED:
        return [_values(profile, attribute) for profile in profiles]
    return [[value] if value is not None else [] for value in _single_column(profiles, attribute)]


def _single_column(profiles: list[dict], attribute: str) -> list[str | None]:
    """The one `blocking._values` value of each profile (None for none), for an attribute that is not
    multi-valued."""
    if attribute in _PLAIN_ATTRIBUTES:
        return [str(value) if (value := profile.get(attribute)) else None for profile in profiles]
    if attribute == "last_name_prefix":
        return [surname_prefix(last) if (last := profile.get("last_name")) else None for profile in profiles]
    if attribute == "first_initial":
        return [first[0] if (first := profile.get("first_name")) else None for profile in profiles]
    if attribute == "street_name":
        names = _mapped([profile.get("street") or "" for profile in profiles], street_name)
        return [name or None for name in names]
    return [values[0] if (values := _values(profile, attribute)) else None for profile in profiles]


def _single_rule_keys(kind: str, columns: list[list[str | None]]) -> list[tuple[str, str] | None]:
    """The one key of each record for a rule over single-valued attributes (None where one is missing)."""
    if len(columns) == 1:
        return [None if value is None else (kind, value[:320]) for value in columns[0]]
    if len(columns) == 2:
        return [
            None if left is None or right is None else (kind, f"{left}|{right}"[:320])
            for left, right in zip(*columns, strict=True)
        ]
    return [None if None in parts else (kind, "|".join(parts)[:320]) for parts in zip(*columns, strict=True)]


def _multi_rule_keys(kind: str, columns: list[list[list[str]]]) -> list[list[tuple[str, str]]]:
    """Each record's keys for a rule with a multi-valued attribute: every combination of its values."""
    found = []
    for parts in zip(*columns, strict=True):
        combined = parts[0]
        for values in parts[1:]:
            if not combined or not values:
                combined = []
                break
            combined = [f"{prefix}|{value}" for prefix in combined for value in values]
        found.append([(kind, value[:320]) for value in combined])
    return found


# A key's value is cut to this many characters (`blocking._keys`).
KEY_LENGTH = 320
_NO_VALUES: frozenset[str] = frozenset()


class WantedKeys:
    """The lookup keys a mirror load indexes (`Resolver.lookup_keys` of the file it is loaded for), grouped by
    kind once per load, so that the keys of a record nobody looks up (most of an export's) are never built:
    a rule's key is tested as the text of its value against its kind's values, and a key of two parts by
    its second part first (`texts_before`). `key in wanted` is as for the set. `values` (kind -> texts)
    is all it holds: what another process needs to make it again (`from_values`)."""

    def __init__(self, keys=()):
        self.values: dict[str, set[str]] = defaultdict(set)
        for kind, value in keys:
            self.values[kind].add(value)
        self.values = dict(self.values)
        self.split: dict[str, dict[str, set[str]]] = {}

    @classmethod
    def from_values(cls, values: dict[str, set[str]]) -> "WantedKeys":
        wanted = cls()
        wanted.values = values
        return wanted

    def __contains__(self, key) -> bool:
        return key is not None and key[1] in self.values.get(key[0], _NO_VALUES)

    def of_kind(self, kind: str):
        return self.values.get(kind, _NO_VALUES)

    def texts_before(self, kind: str) -> dict[str, set[str]]:
        """The kind's values split at each "|": the text after it -> the texts before it. So "left|right" is
        one of them exactly when `left` is among the texts before `right` (either may hold a "|" itself)."""
        found = self.split.get(kind)
        if found is None:
            found = defaultdict(set)
            for value in self.of_kind(kind):
                if value.count("|") == 1:  # nearly all: two parts without a "|" of their own
                    left, _, right = value.partition("|")
                    found[right].add(left)
                    continue
                cut = value.find("|")
                while cut != -1:
                    found[value[cut + 1 :]].add(value[:cut])
                    cut = value.find("|", cut + 1)
            found = self.split[kind] = dict(found)
        return found


def wanted_keys(wanted) -> "WantedKeys | None":
    """`wanted` as `WantedKeys` (grouped once), None for every key."""
    return wanted if wanted is None or isinstance(wanted, WantedKeys) else WantedKeys(wanted)


class _Longest:
    """The longest value of each column a call keys (each measured once, at its first two-part rule)."""

    def __init__(self):
        self.found: dict[int, int] = {}

    def __call__(self, column: list, *, multi: bool) -> int:
        found = self.found.get(id(column))  # the columns live as long as the call
        if found is None:
            values = chain.from_iterable(column) if multi else filter(None, column)
            found = self.found[id(column)] = max(map(len, values), default=0)
        return found


def _wanted_single_keys(kind: str, columns: list[list[str | None]], wanted: WantedKeys, longest: _Longest):
    """`_single_rule_keys` cut to the wanted keys, the others never built; None when the rule has more than
    two attributes or its values may be cut to `KEY_LENGTH` (then the keys are built and tested)."""
    if len(columns) == 1:
        values = wanted.of_kind(kind)
        return [
            None if value is None or (text := value[:KEY_LENGTH]) not in values else (kind, text)
            for value in columns[0]
        ]
    lefts, rights = columns if len(columns) == 2 else (None, None)
    if lefts is None or longest(lefts, multi=False) + longest(rights, multi=False) >= KEY_LENGTH:
        return None
    before = wanted.texts_before(kind)
    return [
        (kind, f"{left}|{right}")
        if left is not None and right is not None and left in before.get(right, _NO_VALUES)
        else None
        for left, right in zip(lefts, rights, strict=True)
    ]


def _wanted_multi_keys(kind: str, columns: list[list[list[str]]], wanted: WantedKeys, longest: _Longest):
    """`_multi_rule_keys` cut to the wanted keys, in the same order, the others never built; None as for
    `_wanted_single_keys`."""
    if len(columns) == 1:
        values = wanted.of_kind(kind)
        return [
            [(kind, text) for value in found if (text := value[:KEY_LENGTH]) in values] if found else []
            for found in columns[0]
        ]
    if len(columns) != 2:
        return None
    lefts, rights = columns
    if longest(lefts, multi=True) + longest(rights, multi=True) >= KEY_LENGTH:
        return None
    before = wanted.texts_before(kind)
    return [
        [
            (kind, f"{left}|{right}")
            for left in left_values
            for right in right_values
            if left in before.get(right, _NO_VALUES)
        ]
        if left_values and right_values
        else []
        for left_values, right_values in zip(lefts, rights, strict=True)
    ]


def _rule_key_columns(profiles: list[dict], rules, *, plain_keys: bool, wanted):
    """(kind, whether multi-valued, keys of each profile) of each rule, made down the columns: a single
    rule's key of each profile (None for none), a multi-valued rule's list of them; only those in `wanted`
    (`WantedKeys`), unless it is None."""
    singles: dict[str, list[str | None]] = {}
    lists: dict[str, list[list[str]]] = {}
    longest = _Longest()
    for kind, rule in _compiled(rules, plain_keys=plain_keys):
        if not any(attribute in _MULTI_VALUED for attribute in rule):
            for attribute in rule:
                if attribute not in singles:
                    singles[attribute] = _single_column(profiles, attribute)
            columns = [singles[attribute] for attribute in rule]
            found = None if wanted is None else _wanted_single_keys(kind, columns, wanted, longest)
            if found is None:
                found = _single_rule_keys(kind, columns)
                if wanted is not None:
                    found = [key if key in wanted else None for key in found]
            yield kind, False, found
            continue
        for attribute in rule:
            if attribute not in lists:
                lists[attribute] = _attribute_column(profiles, attribute)
        columns = [lists[attribute] for attribute in rule]
        found = None if wanted is None else _wanted_multi_keys(kind, columns, wanted, longest)
        if found is None:
            found = _multi_rule_keys(kind, columns)
            if wanted is not None:
                found = [[key for key in keys if key in wanted] if keys else keys for keys in found]
        yield kind, True, found


def block_keys_by_record(
    profiles: list[dict], rules, *, plain_keys: bool = False, wanted=None
) -> list[set[tuple[str, str]]]:
    """`blocking.block_keys` (or `search_keys` with `plain_keys`) of each profile, in order: each rule's
    keys made down the columns, then gathered per record; only those in `wanted`, unless it is None (a
    mirror loaded for one file indexes only the keys the file looks up: most of a record's are not)."""
    single_rules, multi_rules = [], []
    wanted = wanted_keys(wanted)
    for _, multi, found in _rule_key_columns(profiles, rules, plain_keys=plain_keys, wanted=wanted):
        (multi_rules if multi else single_rules).append(found)
    if single_rules:
        keys = [set(filter(None, row)) for row in zip(*single_rules, strict=True)]
    else:
        keys = [set() for _ in profiles]
    for rule_keys in multi_rules:
        for record_keys, found in zip(keys, rule_keys, strict=True):
            if found:
                record_keys.update(found)
    return keys


def _identifier_key_columns(profiles: list[dict]):
    """(kind, the keys of each profile) for each identifier lookup (`services._plain_identifier_keys`):
    emails, phone numbers, external ids (their kinds are no block rule's)."""
    yield IdentifierKind.EMAIL, [[(IdentifierKind.EMAIL, a) for a in p["emails"]] for p in profiles]
    yield IdentifierKind.PHONE, [[(IdentifierKind.PHONE, n) for n in profile_phones(p)] for p in profiles]
    national = [[(IdentifierKind.PHONE_NATIONAL, d) for d in p.get(NATIONAL_PHONES) or ()] for p in profiles]
    if any(national):
        yield IdentifierKind.PHONE_NATIONAL, national
    external = [
        [(IdentifierKind.EXTERNAL_PREFIX + field, value[:320]) for field, value in p["external_ids"].items()]
        for p in profiles
    ]
    if any(external):
        yield IdentifierKind.EXTERNAL_PREFIX, external


def positions_by_key(profiles: list[dict], rules, *, wanted=None) -> dict[tuple[str, str], list[int]]:
    """Each lookup key a mirror stores for these profiles (`blocking.block_keys` and the identifier keys,
    as `services._identifier_keys` gives them record by record) -> the positions of the profiles holding
    it, ascending, each once; only keys in `wanted` and phone numbers, unless it is None. Gathered by key rather than by
    record: an index is built by key, and a profile holds few of the keys a file looks up."""
    positions: dict[tuple[str, str], list[int]] = defaultdict(list)
    kinds = []
    wanted = wanted_keys(wanted)
    for kind, multi, found in _rule_key_columns(profiles, rules, plain_keys=False, wanted=wanted):
        kinds.append(kind)
        if not multi:
            for position, key in enumerate(found):
                if key is not None:
                    positions[key].append(position)
            continue
        _add_positions(positions, found)
    for kind, found in _identifier_key_columns(profiles):
        # Every phone number is indexed: a number written nationally without a country is looked up, under
        # each country's reading of it, only once its record is left for review (`Resolver._national_lookups`),
        # which a file's keys pass does not know; a mirror holds about one number a record.
        if wanted is not None and kind != IdentifierKind.PHONE:
            found = [[key for key in keys if key in wanted] if keys else keys for keys in found]
        _add_positions(positions, found)
    if len(set(kinds)) < len(kinds):  # a rule listed twice: its positions came twice, out of order
        repeated = {kind for kind in kinds if kinds.count(kind) > 1}
        for key, held in positions.items():
            if key[0] in repeated:
                positions[key] = sorted(set(held))
    return positions


def _add_positions(positions: dict, found: list[list[tuple[str, str]]]) -> None:
    for position, keys in enumerate(found):
        for key in keys:
            held = positions[key]
            # One profile's equal keys (two values cut to the same 320 characters) count once.
            if not held or held[-1] != position:
                held.append(position)


def holders_by_key(keys_per_record: list[set[tuple[str, str]]], record_ids: list[int]) -> dict:
    """(kind, value) -> the ids of the records holding it, ascending when `record_ids` ascend."""
    holders: dict[tuple[str, str], list[int]] = defaultdict(list)
    for record_id, keys in zip(record_ids, keys_per_record, strict=True):
        for key in keys:
            holders[key].append(record_id)
    return holders
