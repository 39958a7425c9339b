"""Blocking: which mirror records are worth comparing with an inbound record.

A blocking rule is a list of profile attributes; two records share a block when all of them agree. The
mirror stores one `MirrorIdentifier` per rule and record, so finding a batch's candidates is one indexed
query, and no record is ever compared with the whole mirror.

Besides profile attributes, a rule may use derived tokens, so that one typo, a nickname or swapped names
still leave the two records in a shared block:
- `name_tokens`: the words of the first and last names, sorted ("jane doe" and "doe jane" agree), and
  again with ASCII spellings of umlauts folded ("guenther mueller" meets "günther müller") and without
  surname particles ("wendy vd berg" meets "wendy van der berg") where that differs;
- `first_name_forms`: the first name and the full names it may be a nickname of ("bob": bob, robert, ...);
- `first_initial`, `last_name_prefix` (first three letters, of the surname with ASCII spellings folded:
  "muellr" and "müller" both "mul"): a typo after them changes nothing (the default rule pairs the prefix
  with the whole first name: with the initial, a block grows with the mirror);
- `company_tokens`: each word of three letters or more of the company name (one key per word);
- `house_number`: the first number of the street ("12" of "12 bean crescent"): with the postcode it finds a
  home whose names and street name were both mistyped or swapped. A fallback rule (`FALLBACK_BLOCKING_RULES`):
  searched only for a record no other rule found a candidate for;
- `street_name`: the street's words without its numbers ("bean crescent"): with the postcode or the town it
  finds a home whose house number is missing or mistyped, and whose names were (fallback rules too, as is
  the house number with the town, for a postcode mistyped);
- `birth_date_readings`: the date of birth, or for a date written impossibly ("19105412") the real dates it
  is one slip from (`normalise_text.date_readings`): finds the people of a record whose names were garbled and
  whose date was mistyped into no date at all (a fallback rule; the CRM side's keys are its dates).

A block that grows with the mirror (the initial and surname of a common name, a big employer's domain) is
narrowed for each inbound record (`Narrower`): past `NARROW_BLOCK_SIZE` members, only those that
also agree with the record on an attribute the block's rule does not already make agree (a company word,
postcode, city, domain, phone, ...) are candidates, as a tighter rule such as initial + surname + city would
find them. Candidates of smaller blocks are kept whole; a record with no such attribute keeps the block whole.
"""

import re

from identity_app import normalise_names
from identity_app.attributes import BIRTH_DATE_READINGS, profile_phones
from identity_app.models import IdentifierKind

# Rules whose blocks are searched only for a record that no other rule found a candidate for. A home (postcode
# and house number) holds a family, an office building a firm's floors: as every record's candidates they
# would bring a namesake colleague or a relative into decisions the other blocks already make well; where
# nothing else meets (both names garbled or swapped, the birth date replaced) the home is where to look.
FALLBACK_BLOCKING_RULES: tuple[tuple[str, ...], ...] = (
    ("postcode", "house_number"),
    ("city", "house_number"),
    ("postcode", "street_name"),
    ("city", "street_name"),
    ("birth_date_readings",),
)
DEFAULT_BLOCKING_RULES: tuple[tuple[str, ...], ...] = (
    ("emails",),
    ("phone",),
    ("email_domain",),
    ("company_id",),
    ("last_name", "postcode"),
    ("name_tokens",),
    ("last_name", "company_name"),
    ("first_name_forms", "last_name"),
    ("first_name", "postcode"),
    ("first_name", "last_name_prefix"),
    ("first_initial", "last_name"),
    ("date_of_birth",),
    *FALLBACK_BLOCKING_RULES,
)
# The VAT number's block (`attributes.VAT_NUMBER`) is also its key's lookup (`resolver.VAT_KIND`).
ORGANISATION_BLOCKING_RULES: tuple[tuple[str, ...], ...] = (
    ("emails",),
    ("phone",),
    ("email_domain",),
    ("company_name",),
    ("company_tokens",),
    ("extra.vat_number",),
    ("extra.company_number",),  # also the company number key's lookup (`resolver.COMPANY_NUMBER_KIND`)
    ("extra.company_page",),  # also the company page key's lookup (`resolver.COMPANY_PAGE_KIND`)
    ("extra.lei",),  # also the LEI key's lookup (`resolver.LEI_KIND`)
)
PREFIX_LENGTH = 3
_NUMBER = re.compile(r"\d+")
# Blocks with more members than this are narrowed for each inbound record (`Narrower`). At
# 20,000 CRM people a common name's initial + surname block has 20-50 members; a limit of this order keeps
# each record's candidates about as many however big the mirror grows.
NARROW_BLOCK_SIZE = 30
# Derived attributes and the attributes whose agreement they force (a block on them says nothing more).
FORCED_BY_DERIVED = {
    "name_tokens": ("first_name", "last_name"),
    "first_name_forms": ("first_name",),
    "first_initial": ("first_name",),
    "last_name_prefix": ("last_name",),
    "company_tokens": ("company_name",),
    "house_number": (),  # the street's other words may differ
    "street_name": (),  # its house number may differ
    "birth_date_readings": ("date_of_birth",),  # or the inbound date is none: the comparison has no value
}

# Rules on a single key attribute reuse the key's identifier rows instead of storing them twice.
_KEY_KINDS = {("emails",): IdentifierKind.EMAIL, ("phone",): IdentifierKind.PHONE}
# Comparisons on which two records agree only through a value both hold as a lookup key of this kind: the
# comparison's emails are some of the record's addresses (role mailboxes left out), its numbers some of its
# phone numbers, each written one way (E.164, so a number's only token is itself). A record's key lookups
# find every holder (`Narrower`).
KEY_COMPARISONS = {"emails": IdentifierKind.EMAIL, "phone": IdentifierKind.PHONE}


def rule_kind(rule) -> str:
    rule = tuple(rule)
    return _KEY_KINDS.get(rule) or IdentifierKind.BLOCK_PREFIX + "+".join(rule)


def name_token_keys(first: str, last: str) -> list[str]:
    """The sorted words of both names; again with ASCII spellings of umlauts and Nordic letters folded
    when that differs ("guenther mueller" also as "gunther muller", the key of "Günther Müller"); and again
    without surname particles when the names have any ("wendy vd berg" and "wendy van der berg" both as
    "berg wendy"). A last name of several words without a first name is a whole name written into one
    field (a web-to-lead form's "Last Name": "raymond hamilton", "SUZUKI Yui"): its words are the tokens."""
    if not last or (not first and len(last.split()) < 2):
        return []
    words = f"{first} {last}".split()
    keys = [" ".join(sorted(words))]
    folded = " ".join(sorted(normalise_names.spelling_folded(word) for word in words))
    if folded not in keys:
        keys.append(folded)
    core = normalise_names.without_particles(" ".join(words)).split()
    if len(core) >= 2 and len(core) < len(words):
        bare = " ".join(sorted(normalise_names.spelling_folded(word) for word in core))
        if bare not in keys:
            keys.append(bare)
    # Four words or more: two given names and two surnames, of which forms and people drop the second given
    # name, the second surname or both ("María José Núñez Ortiz" as "María Núñez Ortiz", "Ana María Castillo
    # Sánchez" as "Ana María Castillo", "Juan Pablo Gutiérrez Ortiz" as "Juan Gutiérrez"), however a form
    # split the words into first and last name. Particles are no names to drop ("Wendy van der Berg").
    if len(core) >= 4:
        for shorter in (core[:1] + core[2:], core[:-1], core[:1] + core[2:-1]):
            key = " ".join(sorted(normalise_names.spelling_folded(word) for word in shorter))
            if key not in keys:
                keys.append(key)
    # A Cyrillic name in another romanisation ("Andrii Polishchuk", "Andrey Polischuk" for Андрей Полищук), where
    # a word is an East Slavic given name: each word as `normalise_names.cyrillic_folded` writes it, the
    # given name as its Russian form. Other names keep their keys ("Raymond" is no romanisation of anything).
    if any(normalise_names.east_slavic_names(word) for word in words):
        transliterated = " ".join(sorted(_transliteration_key(word) for word in words))
        if transliterated not in keys:
            keys.append(transliterated)
    # A surname's particle or Arabic article joined to it ("Deoliveira", "Almansouri") or, the article, left
    # out ("Mansouri" for Al-Mansouri): the same family name as "de Oliveira" and "Al Mansouri".
    for variant in _surname_spellings(last):
        key = " ".join(
            sorted(normalise_names.spelling_folded(word) for word in [*first.split(), *variant.split()])
        )
        if key not in keys:
            keys.append(key)
    # A married woman's maiden name kept before her husband's, written on one record only ("Emine Güler
    # Bozkurt" as "Emine Bozkurt", as Turkish women may since 2014): two surnames also as the last alone.
    if first and len(last_words := last.split()) == 2 and last_words[0] not in normalise_names.NAME_PARTICLES:
        key = " ".join(
            sorted(normalise_names.spelling_folded(word) for word in [*first.split(), last_words[1]])
        )
        if key not in keys:
            keys.append(key)
    return keys


def _transliteration_key(word: str) -> str:
    """A name's word as one romanisation of it: the one Russian given name it is a form of
    (`normalise_names.east_slavic_names`: Andrii, Andriy and Andrey are Andrei's), else its transliteration fold."""
    forms = normalise_names.east_slavic_names(word)
    if len(forms) == 1:
        return next(iter(forms))
    return (
        normalise_names.cyrillic_folded(word)
        if normalise_names.cyrillic_spellings_alike(word, word)
        else word
    )


_ARTICLES = frozenset({"al", "el"})
# Particles written in full are joined to the name by forms and by people ("Deoliveira", "Vandijk"); an
# export's abbreviations ("vd Berg", "v. Dijk") are never.
_JOINED_PARTICLES = normalise_names.NAME_PARTICLES - {"vd", "v"}


def _surname_spellings(last: str) -> list[str]:
    """A surname of a particle or an Arabic article and a name, written joined ("de oliveira" as "deoliveira",
    "al mansouri" as "almansouri"), and without the article ("mansouri")."""
    words = last.split()
    if len(words) != 2 or not (words[0] in _JOINED_PARTICLES or words[0] in _ARTICLES):
        return []
    if len(words[1]) < 3:
        return []
    spellings = ["".join(words)]
    if words[0] in _ARTICLES:
        spellings.append(words[1])
    return spellings


def surname_prefix(last: str) -> str:
    """The first letters of a surname as `normalise_names.spelling_folded` writes it ("mueller", "muellr" and
    "müller" all "mul"): so an ASCII spelling with a typo after the prefix still shares the block. Folding
    only shortens, so the first letters need only the first few of the name."""
    return normalise_names.spelling_folded(last[: 2 * PREFIX_LENGTH])[:PREFIX_LENGTH]


def street_name(street: str) -> str:
    """A normalised street's words without its numbers ("12 bean crescent": "bean crescent"), "" for none."""
    return " ".join(word for word in street.split() if not _NUMBER.search(word))


def birth_date_keys(profile: dict) -> list[str]:
    """The `birth_date_readings` keys of a profile: its date of birth, else its impossible date's readings."""
    born = profile.get("date_of_birth")
    return [born.isoformat()] if born else list(profile.get(BIRTH_DATE_READINGS) or ())


def _derived(profile: dict, attribute: str) -> list[str] | None:
    """Values of a derived token attribute, or None when `attribute` is not one."""
    first, last = profile.get("first_name") or "", profile.get("last_name") or ""
    if attribute == "name_tokens":
        return name_token_keys(first, last)
    if attribute == "first_name_forms":
        return normalise_names.name_canonicals(first.split()[0]) if first else []
    if attribute == "first_initial":
        return [first[0]] if first else []
    if attribute == "last_name_prefix":
        return [surname_prefix(last)] if last else []
    if attribute == "house_number":
        found = _NUMBER.search(profile.get("street") or "")
        return [found.group()] if found else []
    if attribute == "street_name":
        name = street_name(profile.get("street") or "")
        return [name] if name else []
    if attribute == "birth_date_readings":
        return birth_date_keys(profile)
    if attribute == "company_tokens":
        return company_tokens(profile.get("company_name") or "")
    return None


def company_tokens(name: str) -> list[str]:
    """A company name's words of three letters or more, each also as typed without its umlaut or Nordic letter
    ("roedberg" and "rodberg", `normalise_names.spelling_folded`): one key per word."""
    words = {word for word in name.split() if len(word) >= PREFIX_LENGTH}
    return sorted(
        words
        | {folded for word in words if len(folded := normalise_names.spelling_folded(word)) >= PREFIX_LENGTH}
    )


def _values(profile: dict, attribute: str) -> list[str]:
    if attribute == "emails":
        return list(profile.get("emails") or [])
    if attribute == "phone":  # every number of the record: an office line must not hide its mobile
        return profile_phones(profile)
    derived = _derived(profile, attribute)
    if derived is not None:
        return derived
    if attribute.startswith("extra."):
        value = (profile.get("extra") or {}).get(attribute[len("extra.") :], "")
    else:
        value = profile.get(attribute) or ""
    return [str(value)] if value else []


def rule_values(profile: dict, rule) -> list[str]:
    """The block keys of a profile for one rule; none when any of the rule's attributes is missing."""
    combined = [""]
    for attribute in rule:
        values = _values(profile, attribute)
        if not values:
            return []
        combined = [f"{prefix}|{value}" if prefix else value for prefix in combined for value in values]
    return combined


def _compiled(rules, *, plain_keys: bool) -> list[tuple[str, tuple[str, ...]]]:
    return [(rule_kind(rule), tuple(rule)) for rule in rules if plain_keys or tuple(rule) not in _KEY_KINDS]


def _keys(profile: dict, compiled: list[tuple[str, tuple[str, ...]]]) -> set[tuple[str, str]]:
    """`rule_values` of each rule, each attribute's values read once for all the rules that use it."""
    keys = set()
    known: dict[str, list[str]] = {}
    for kind, rule in compiled:
        combined = None
        for attribute in rule:
            values = known.get(attribute)
            if values is None:
                values = known[attribute] = _values(profile, attribute)
            if not values:
                combined = None
                break
            combined = values if combined is None else [f"{p}|{v}" for p in combined for v in values]
        if combined:
            keys.update((kind, value[:320]) for value in combined)
    return keys


def block_keys(profile: dict, rules) -> set[tuple[str, str]]:
    """(kind, value) pairs of every rule that is not a plain key."""
    return _keys(profile, _compiled(rules, plain_keys=False))


def search_keys(profile: dict, rules) -> set[tuple[str, str]]:
    """All (kind, value) pairs an inbound profile looks up when searching for candidates."""
    return _keys(profile, _compiled(rules, plain_keys=True))


def folded_first_name_keys(profile: dict, rules) -> set[tuple[str, str]]:
    """Search keys of the rules on the first name, with an ASCII spelling in it folded ("guenther" also as
    "gunther", the key of Günther): "Guenther Muellr" meets "Günther Müller" through the first name and the
    folded surname prefix, though a typo keeps the name tokens apart. Looked up, never stored: a CRM that
    writes "Guenther" is met by its own spelling, and "Michael" is not stored again as "michal"."""
    first = profile.get("first_name")
    folded = normalise_names.spelling_folded(first) if first else first
    if folded == first:
        return set()
    rules = [rule for rule in rules if "first_name" in rule]
    return search_keys({**profile, "first_name": folded}, rules) if rules else set()


def other_name_keys(profile: dict, rules) -> set[tuple[str, str]]:
    """Search keys of the rules on the company name for each other name an organisation is given (its former
    names, `attributes.OTHER_NAMES`): a renamed company meets its CRM record under the old name, whose key may
    then decide (`organisations.other_name_agrees`) or which a reviewer is shown."""
    others = (profile.get("extra") or {}).get("other_names")
    rules = [rule for rule in rules if "company_name" in rule or "company_tokens" in rule] if others else []
    keys = set()
    for other in others if rules else ():
        if other != profile.get("company_name"):
            keys |= search_keys({**profile, "company_name": other}, rules)
    return keys


def forced_attributes(rule) -> frozenset[str]:
    """The attributes on which every pair in one of `rule`'s blocks agrees, or nearly."""
    return frozenset(name for part in rule for name in FORCED_BY_DERIVED.get(part, (part,)))


def forced_comparisons(rules, attributes) -> dict[str, frozenset[int]]:
    """Block kind -> indices (in `attributes`, a scorer's comparisons) of what that block makes agree."""
    forced = {}
    for rule in rules:
        covered = forced_attributes(rule)
        forced[rule_kind(rule)] = frozenset(
            i for i, attribute in enumerate(attributes) if attribute in covered
        )
    return forced


def _tokens(value) -> set:
    """What a comparison value agrees through: itself, and for a text of several words each word of three
    letters or more ("acme industries" meets "acme industires" and "acme"); for a list, its entries."""
    if value is None:
        return set()
    if isinstance(value, str):
        if " " not in value:
            return {value}
        return {value, *(word for word in value.split() if len(word) >= PREFIX_LENGTH)}
    if isinstance(value, (list, tuple, set, frozenset)):
        return set(value)
    return {value}


def token_indexes(rows, positions) -> dict[int, dict]:
    """Comparison position -> (token (`_tokens`) -> the record ids holding it there), for each of `positions`,
    from (record id, comparison values) rows read once: a big block's members found by an inbound record's
    tokens (`Narrower`) with a few lookups instead of member by member."""
    indexes = {position: {} for position in positions}
    pairs = tuple(indexes.items())
    for record_id, values in rows:
        for position, by_token in pairs:
            value = values[position]
            if value is None:
                continue
            # most values are one token, the value itself
            for token in (value,) if type(value) is str and " " not in value else _tokens(value):
                holders = by_token.get(token)
                if holders is None:
                    by_token[token] = [record_id]
                else:
                    holders.append(record_id)
    return indexes


class Narrower:
    """One batch's candidates, record by record, from the batch's blocks (`members`: key -> record ids):
    every member of a block of at most `bound` members; of a bigger block, the members that agree
    (share a `_tokens` token) with the record on a comparison the block's rule does not force (`forced`, by block kind;
    `values` holds each member's comparison values by id). A bigger block is kept whole for a record that
    has a value for no such comparison: there is nothing to narrow it by.

    `block_tokens` ((key, its members, comparisons) -> their `token_indexes` there), when given, finds a big
    block's agreeing members instead of `values`: a reader that holds every record's values in memory
    indexes each big block once for every batch, at the comparisons its rule does not force in one pass over
    its members (`MirrorIndex.block_tokens`), and `values` may then leave the members out.

    `key_comparisons` (comparison index -> lookup kind, `KEY_COMPARISONS`): members that agree with the record
    there hold one of its key lookups; where each of the record's tokens there is among the lookups given to
    `candidates`, whose holders the caller takes as candidates anyway, they are not looked for (emails and
    phone numbers are the costliest tokens to index: each is a different text). Those holders may then be
    left out of what `candidates` returns, never any other member: with them, the candidates are the same."""

    def __init__(
        self,
        members: dict,
        values: dict,
        forced: dict[str, frozenset[int]],
        bound: int,
        block_tokens=None,
        key_comparisons: dict[int, str] | None = None,
    ):
        self.members, self.values, self.forced, self.bound = members, values, forced, bound
        self.block_tokens = block_tokens
        self.key_comparisons = key_comparisons or {}
        self._tokens: dict[str, set] = {}  # a batch's texts of several words repeat (companies, cities)
        # (block kind, comparison count) -> the comparisons its big blocks are indexed at in one pass
        self._indexed_at: dict[tuple[str, int], tuple[int, ...]] = {}

    def candidates(self, keys, inbound_values: tuple, lookups=frozenset()) -> set[int]:
        """The record's candidates from its block `keys`, but for holders of its key `lookups`, which the
        caller adds (`key_comparisons`)."""
        found: set[int] = set()
        big = []
        for key in keys:
            record_ids = self.members.get(key)
            if not record_ids:
                continue
            if len(record_ids) <= self.bound:
                found.update(record_ids)
            else:
                big.append(key)
        if not big:
            return found
        wanted = {}  # comparison index -> the record's tokens there
        held = set()  # comparison indices where only holders of the record's key lookups agree with it
        for index, value in enumerate(inbound_values):
            if value is not None:
                tokens = wanted[index] = _tokens(value)
                kind = self.key_comparisons.get(index)
                if kind is not None and all((kind, token) in lookups for token in tokens):
                    held.add(index)
        for key in big:
            made_to_agree = self.forced.get(key[0], frozenset())
            free = [index for index in wanted if index not in made_to_agree]
            if not free:  # nothing to narrow the block by
                found.update(self.members[key])
                continue
            if self.block_tokens is not None:
                indexes = None
                for index in free:
                    if index in held:
                        continue
                    if index in self.key_comparisons:  # indexed only for a record that needs it
                        by_token = self.block_tokens(key, self.members[key], (index,))[index]
                    else:
                        if indexes is None:
                            indexes = self.block_tokens(
                                key, self.members[key], self._indexed(key[0], len(inbound_values))
                            )
                        by_token = indexes[index]
                    if by_token:
                        for token in wanted[index]:
                            holders = by_token.get(token)
                            if holders is not None:
                                found.update(holders)
                continue
            free = [(index, wanted[index]) for index in free if index not in held]
            if not free:
                continue
            values = self.values
            for record_id in self.members[key]:
                if (
                    record_id not in found
                    and (candidate := values.get(record_id)) is not None
                    and any(self._agree(tokens, candidate[index]) for index, tokens in free)
                ):
                    found.add(record_id)
        return found

    def _indexed(self, kind: str, count: int) -> tuple[int, ...]:
        """The comparisons (of `count`) at which a big block of this kind is indexed in one pass: those its
        rule does not force, but for the key comparisons, which most records need not look at."""
        indexed = self._indexed_at.get((kind, count))
        if indexed is None:
            skipped = self.forced.get(kind, frozenset()) | self.key_comparisons.keys()
            indexed = self._indexed_at[(kind, count)] = tuple(i for i in range(count) if i not in skipped)
        return indexed

    def _agree(self, tokens: set, value) -> bool:
        if value is None:
            return False
        if type(value) is str:
            if value in tokens:
                return True
            if " " not in value:
                return False
            known = self._tokens.get(value)
            if known is None:
                known = self._tokens[value] = _tokens(value)
            return not tokens.isdisjoint(known)
        return not tokens.isdisjoint(_tokens(value))
