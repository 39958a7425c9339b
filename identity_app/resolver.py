"""The resolver: which CRM record (by internal id) an inbound record belongs to, and why.

Order of evidence, per the flow's rules:
1. deterministic keys in precedence order: the CRM id sent with the record, a learned or confirmed identity
   link for (source, external id), the configured external-id field, a unique email, a unique phone.
   A key counts only if it points to exactly one live record (after following merges); role addresses and
   values shared by two records are never keys.
2. otherwise candidates from the blocking rules, scored with Fellegi-Sunter weights. Auto-link only when the
   flow enables it, the best candidate's probability reaches the threshold, it leads the next one clearly,
   and no veto objects. Everything else stops with its ranked candidates for a person to decide.

Reads only: one batch costs a fixed number of queries, and nothing is written here.
"""

import datetime as dt
import functools
import math
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import neg

from crmhub.core.gc_pause import collector_paused
from identity_app import (
    blocking,
    columns,
    key_checks,
    locale_words,
    mirror_index,
    normalise,
    organisations,
    salesforce_ids,
)
from identity_app.attributes import (
    CALLER_ID_FIELD,
    COMPANY_PAGE,
    CRM_REFERENCE,
    DECEASED,
    NAMES_TWO_PEOPLE,
    PERSONAL_IDENTIFIER_TYPES,
    SOCIAL_PROFILE,
    VAT_NUMBER,
    EntityKind,
    display_values,
    displays_name_alike,
    first_value,
    merged_attribute_map,
    names_a_company,
    profile_phones,
    unread_phones,
)
from identity_app.blocking import (
    DEFAULT_BLOCKING_RULES,
    FALLBACK_BLOCKING_RULES,
    NARROW_BLOCK_SIZE,
    rule_kind,
)
from identity_app.mirror import MAX_MERGE_DEPTH, RecordRef
from identity_app.models import (
    DEFAULT_VETO_SIMILARITY,
    ONE_MAILBOX_PER_DOMAIN,
    Contradiction,
    IdentifierKind,
    IdentityRuleSet,
    KeyName,
    ReviewReason,
    default_contradiction_checks,
    default_personal_keys,
    default_vetoes,
)
from identity_app.personal_evidence import (
    COMPANY_ONLY_PROBABILITY,
    MAX_SHARE_IN_CRM,
    NOTHING_PERSONAL,
    company_only_check,
)
from identity_app.personal_evidence import WORDS as COMPANY_ONLY
from identity_app.scoring import (
    DEFAULT_COMPARISONS,
    MISSING,
    InboundScorer,
    Scorer,
    remember_batch,
    similarity,
)

MATCHED = "matched"
MAX_CANDIDATES = 5
DATA_KEYS = (
    KeyName.EXTERNAL_ID,
    KeyName.EMAIL,
    KeyName.PHONE,
    KeyName.DOMAIN,
    KeyName.VAT,
    KeyName.COMPANY_PAGE,
)
DOMAIN_KIND = rule_kind(("email_domain",))  # organisations' domain key reads the domain's block rows
VAT_KIND = rule_kind((f"extra.{VAT_NUMBER}",))  # and their VAT number's key its block rows
COMPANY_PAGE_KIND = rule_kind((f"extra.{COMPANY_PAGE}",))  # and their company page's
# What a key's record is checked against before the key links on its own.
CHECK_ATTRIBUTES = ("first_name", "last_name", "company_name", "date_of_birth", "emails", "phone", "phones")
CHECK_ATTRIBUTES += ("country",)  # organisations: a name in another script abroad
CHECK_ATTRIBUTES += ("street", "postcode")  # people: a personal mailbox at the holder's home
# Organisations: where a trading name's company is, and its domain.
ORGANISATION_CHECK_ATTRIBUTES = (*CHECK_ATTRIBUTES, "email_domain", "street", "city", "postcode", "extra")
# A phone field that holds the person's own line ("MobilePhone", "Mobile Phone Number", "cell").
MOBILE_FIELD = re.compile(r"mobile|cell", re.IGNORECASE)
KEY_WORDS = {
    KeyName.CRM_REFERENCE: "stored CRM id",
    KeyName.EMAIL: "email",
    KeyName.PHONE: "phone number",
    KeyName.EXTERNAL_ID: "external id",
    KeyName.DOMAIN: "domain",
    KeyName.VAT: "VAT number",
    KeyName.COMPANY_PAGE: "LinkedIn company page",
}
# What a reviewer sees of a candidate besides its display values (date of birth last: it is shown as text).
REVIEW_ATTRIBUTES = (
    "emails",
    "phone",
    "first_name",
    "last_name",
    "company_name",
    "company_id",
    "city",
    "postcode",
    "date_of_birth",
)
INBOUND_META = ("source_system", "external_id", "crm_id", "attributes")
# What only the person themselves shares with their record (a colleague shares company, domain and city).
PERSONAL_EVIDENCE = ("date_of_birth", "phone", "emails")
GENERATION = "generation"  # the veto of a Jr./Sr. on one name only (`locale_words.generations_differ`)
# the veto of a candidate whose address agrees only as the same name-made mailbox at another domain
NAME_MADE_MAILBOX = "name_made_mailbox"
NAME_MADE_MAILBOX_NOTE = (
    "its address agrees only as a mailbox made of the same names at another domain, which any namesake "
    "holds as often as the same person after a move"
)
# the veto of an organisation whose phone and street address both differ from the candidate's
OTHER_PREMISES = "other_premises"
OTHER_PREMISES_NOTE = (
    "its phone and its street address both differ from this record's: another location of the name (a "
    "chain's, a group's) or another company of it, which the name, a domain and the city do not tell apart"
)
# the veto of an organisation whose phone or domain differs from the candidate's while nothing but the name and
# the area agrees (`Resolver._other_line_name_only`)
OTHER_LINE = "other_line"
OTHER_LINE_NOTE = (
    "its phone or its own domain differs from this record's and only the name (at most with the town or "
    "country) agrees: no phone, domain, street or postcode does, and another company of the name, or another "
    "location of it, looks exactly so"
)
# the veto of a person candidate whose own mailbox and phone both differ from the record's (a home's or an
# office's line they share aside: `Resolver._own_contacts_differ`)
OWN_CONTACTS_DIFFER = "own_contacts_differ"
OWN_CONTACTS_DIFFER_NOTE = (
    "its own mailbox and phone both differ from this record's (a home's or an office's line they share aside): "
    "only the names and a place agree, and a relative of the same name at that address, or a namesake "
    "colleague, looks exactly so"
)
# the veto of a person candidate elsewhere when the record's phone is another member of its family's
# (`Resolver._household_holders`, `Resolver._elsewhere_than_household`)
ANOTHER_HOUSEHOLD = "another_household"
ANOTHER_HOUSEHOLD_NOTE = (
    "this record's phone is the line of another CRM person of the same surname (a sibling's, a spouse's, a "
    "parent's), which places the writer in that household, and the candidate lives elsewhere: no email, "
    "phone or home of the candidate's own agrees, and a relative of the same name looks exactly so"
)
# the veto of a person candidate that agrees with the record on the names and at most the town or region
JOINT_NAME_NOTE = (
    "This record's name is two people's (a couple's or a family's joint gift or membership): it is not linked "
    "to either of them without a person."
)
DECEASED_NOTE = (
    "CRM record {crm_id} is marked as deceased: a new record in the name or with the details of someone who "
    "has died is a relative's, an estate's or someone else's, and is not linked without a person."
)
NAMES_ONLY = "names_only"
NAMES_ONLY_NOTE = (
    "only the names (and at most the town) agree: no email, phone, date of birth, company, street or "
    "postcode does, and people share names far more often than one CRM's own records show"
)
# the veto of a person candidate when one of the two records names no person (a business's own account, a
# mailbox's record) and nothing personal agrees
NO_PERSON_NAMED = "no_person_named"
NO_PERSON_NAMED_NOTE = (
    "one of the two records names no person, and nothing personal (email, phone, date of birth) agrees: a "
    'company, its address or its domain in common say "same company", not "same person"'
)
# Where a person is, not who: agreeing with the names, a town or a region says nothing a namesake would not
# share. A postcode is not among them: it places a household among a few thousand, as an address does.
AREA = ("city", "state", "country")
# Where a person is and when they were born: with only a nickname or an initial for the first name, one of
# these disagreeing sends the record to review.
# A home address (`Resolver._new_surname_at_home`): a house number and a street's name.
_HOUSE_NUMBER = re.compile(r"\d")
_HOUSE_NUMBER_WRITTEN = re.compile(r"\d+")
_STREET_WORD = re.compile(r"[^\W\d_]{2,}")
# The vetoes a personal identifier with one more strong attribute lifts (`Resolver._identified`).
IDENTIFIED_PERSON_LIFTS = ("first_name", "last_name", "date_of_birth")
# A surname this close (`normalise.surname_closeness`: 0.95 a slip) agrees as a strong attribute.
SURNAME_SLIP = 0.9
PLACE_AND_BIRTH = ("city", "postcode", "date_of_birth")
NAME_EQUIVALENT_LABEL = "nickname, initial or part"
# Comparison methods whose `similarity` of a text with itself is 1 (a veto needs no lookup for the same name).
SAME_TEXT_IS_ONE = frozenset({"name", "jaro_winkler"})
# An address -> (whether it is a key email, its registrable domain or None for free mail), as the
# one-mailbox-per-domain veto reads it (`_other_mailbox_at_same_domain`); emptied whole at the limit.
MAILBOXES: dict[str, tuple[bool, str | None]] = {}
MAILBOXES_LIMIT = 200_000


@dataclass
class Rules:
    """The parts of an `IdentityRuleSet` the resolver uses, as plain data."""

    source_system: str
    entity_kind: str = EntityKind.PERSON
    key_precedence: list[str] = field(default_factory=lambda: list(KeyName.ALL))
    external_id_field: str = ""
    stop_on_key_conflict: bool = True
    contradiction_checks: list[str] = field(default_factory=default_contradiction_checks)
    contradiction_similarity: float = 0.75
    personal_keys: list[str] = field(default_factory=default_personal_keys)
    comparisons: list[dict] = field(default_factory=lambda: [dict(c) for c in DEFAULT_COMPARISONS])
    blocking_rules: list[list[str]] = field(default_factory=lambda: [list(r) for r in DEFAULT_BLOCKING_RULES])
    vetoes: list[dict] = field(default_factory=default_vetoes)
    mirror_fields: dict = field(default_factory=dict)
    attribute_types: dict = field(default_factory=dict)
    default_region: str = "US"
    prior_match_probability: float = 0.01
    probabilistic_enabled: bool = False
    auto_link_threshold: float = 0.99
    candidate_floor: float = 0.05
    ambiguity_margin: float = 5.0
    max_block_size: int = 200
    narrow_block_size: int = NARROW_BLOCK_SIZE

    @classmethod
    def from_rule_set(cls, rule_set: IdentityRuleSet) -> "Rules":
        return cls(
            source_system=rule_set.flow.source_system,
            entity_kind=rule_set.entity_kind,
            key_precedence=list(rule_set.key_precedence),
            external_id_field=rule_set.external_id_field,
            stop_on_key_conflict=rule_set.stop_on_key_conflict,
            contradiction_checks=list(rule_set.contradiction_checks),
            contradiction_similarity=rule_set.contradiction_similarity,
            personal_keys=list(rule_set.personal_keys),
            comparisons=list(rule_set.comparisons),
            blocking_rules=list(rule_set.blocking_rules),
            vetoes=list(rule_set.vetoes),
            mirror_fields=dict(rule_set.mirror_fields),
            attribute_types=dict(rule_set.attribute_types),
            default_region=rule_set.default_region or "US",
            prior_match_probability=rule_set.prior_match_probability,
            probabilistic_enabled=rule_set.probabilistic_enabled,
            auto_link_threshold=rule_set.auto_link_threshold,
            candidate_floor=rule_set.candidate_floor,
            ambiguity_margin=rule_set.ambiguity_margin,
            max_block_size=rule_set.max_block_size,
            narrow_block_size=rule_set.narrow_block_size,
        )


@dataclass
class Inbound:
    raw: dict
    source_system: str
    external_id: str
    crm_id: str
    profile: dict
    key_notes: list[str] = field(default_factory=list)  # why keys did not decide, carried into the review
    contradicted: set[str] = field(default_factory=set)  # CRM ids a key pointed to that other attributes deny
    # The link a shared-kind key (a phone) would make, held until the candidates show whether the key's
    # record has a namesake colleague the key cannot tell apart from it.
    shared_key_link: "Resolution | None" = None
    shared_key_holder: dict = field(default_factory=dict)  # that record's names and company
    shared_key_mistyped: bool = False  # that key was read from an address at a mistyped domain
    # CRM id a key pointed to whose name this record's is a trading name of (`_trading_name`) -> the
    # contradictions that lifted: the link waits for the candidates, in case another record carries the name.
    trading_name_of: dict[str, list[str]] = field(default_factory=dict)
    # CRM id a key pointed to whose name one of the two records gives as its other name (the one it had or
    # trades under) -> what the link's notes say of it.
    named_otherwise: dict[str, str] = field(default_factory=dict)
    domain_shared: bool = False  # its web domain is on several CRM records (a group's, a chain's, a body's)
    # A person record whose one name is its key holder's company (`Resolver._company_named_after_holder`).
    named_as_company: bool = False
    # The keys' evidence when they point to different CRM records (a key conflict): the record stays in
    # review, scored so that the reviewer sees the records the keys point to among its candidates.
    key_conflict: list[dict] | None = None
    key_conflict_ids: frozenset[str] = frozenset()
    # [profile, search keys or None] remembered for this record's fields (`InboundMemo`), None when not.
    remembered: list | None = None
    lookups: set | None = None  # its deterministic keys' lookups (`Resolver._key_lookups`), once read
    unread_phones: list[str] | None = None  # numbers in a national form without a country, once read
    national_lookups: set | None = None  # where those numbers may be another country's (`_national_lookups`)


class InboundMemo:
    """Inbound profiles and search keys already built in this process, by the record's fields and the rules
    that shape them. An offline `identity_link` run reads its file up to three times (the keys its mirror
    indexes, the fit's sample, the resolve): each record is normalised once. Off unless a process turns it
    on (`enabled`); records holding anything but text are never remembered; emptied whole past `limit`.
    The profiles and key sets handed out are shared: resolvers only read them."""

    def __init__(self, limit: int = 200_000):
        self.enabled = False
        self.limit = limit
        self.entries: dict[tuple, list] = {}

    def key(self, shape: str, attributes: dict) -> tuple | None:
        """What identifies a record's profile: the rules' shape and its attributes (`_attributes_of`)."""
        items = tuple(attributes.items())
        if not all(type(value) is str for _, value in items):
            return None
        return (shape, items)

    def clear(self) -> None:
        self.entries = {}


INBOUNDS = InboundMemo()


@dataclass
class Candidate:
    crm_id: str
    score: float
    probability: float
    contributions: list[dict]
    vetoed_by: list[str] | None  # None: not evaluated yet (`vetoes`)
    display: dict
    attributes: dict | None  # None: not built yet (`review_attributes`)
    note: str = ""
    tied: bool = False
    names_agree: bool = True  # neither name at its "different" level (swapped names agree)
    extra: bool = False  # shortlisted for the review list only: it ranks below the decision's shortlist
    # What agreeing on a number several CRM records hold (a switchboard) added to `score`: company evidence,
    # which must not be what sets one candidate apart from another.
    shared_weight: float = 0.0
    # The extension of a switchboard number that this record and the inbound one both write: a desk line.
    desk_extension: str = ""
    # A personal identifier (`identity_numbers`: a national id, a social profile's address) that no other CRM
    # person holds agrees exactly, and both names are written on both sides and agree (`_identified_by_number`).
    identified: bool = False
    # `identified` by a social profile's address (LinkedIn's /in/<name>): one account's, which its owner keeps
    # through every job and address, and which no one else holds (`_decide_on_scores`).
    identified_by_profile: bool = False
    # What evaluates `vetoed_by` when it is first asked for: a resolver that does not explain its candidates
    # (a results file shows their ids and scores only) evaluates the vetoes of those its decision reads.
    veto_check: Callable[[], list[str]] | None = field(default=None, repr=False, compare=False)
    # What `attributes` are built from when first read (`review_attributes`): a resolver that does not explain
    # its candidates builds them for the decisions that read them (`attributes` None until then).
    review_profile: dict | None = field(default=None, repr=False, compare=False)

    def vetoes(self) -> list[str]:
        if self.vetoed_by is None:
            self.vetoed_by = self.veto_check() if self.veto_check is not None else []
        return self.vetoed_by

    def review_attributes(self) -> dict:
        if self.attributes is None:
            profile = self.review_profile
            self.attributes = _attributes_for_review(profile) if profile is not None else {}
        return self.attributes

    def as_dict(self, rank: int) -> dict:
        return {
            "tied": self.tied,
            "rank": rank,
            "crm_id": self.crm_id,
            "score": round(self.score, 2),
            "probability": round(self.probability, 6),
            "contributions": self.contributions,
            "vetoed_by": self.vetoed_by,
            "display": self.display,
            "attributes": self.attributes,
            "note": self.note,
        }


@dataclass
class Resolution:
    """`outcome` is "matched" or a `ReviewReason` (ambiguous, no_match, deleted_target, ...)."""

    inbound: dict
    source_system: str
    external_id: str
    outcome: str
    crm_id: str = ""
    method: str = ""
    score: float | None = None
    probability: float | None = None
    explanation: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    candidates: list[dict] = field(default_factory=list)
    repointed_from: str = ""
    would_auto_link: bool = False  # the probabilistic rule would link this record if the flow enabled it
    # A shared-kind key (a phone) linked a record of the very same name at another company: a job change.
    # Not a sample of what matches look like for fitting (the company's weight is learned without them).
    employer_changed: bool = False
    # A role mailbox linked the record to its one CRM holder (`_email_key`): no sample of a person's match.
    mailbox_record: bool = False

    @property
    def matched(self) -> bool:
        return self.outcome == MATCHED

    def as_dict(self) -> dict:
        return {
            "source_system": self.source_system,
            "external_id": self.external_id,
            "outcome": self.outcome,
            "crm_id": self.crm_id,
            "method": self.method,
            "score": None if self.score is None else round(self.score, 2),
            "probability": None if self.probability is None else round(self.probability, 6),
            "explanation": self.explanation,
            "notes": self.notes,
            "candidates": self.candidates,
            "repointed_from": self.repointed_from,
        }


def _national_holders(number: str, hits) -> list[str]:
    """The CRM ids of the records writing `number` nationally without a country (`IdentifierKind.PHONE_NATIONAL`)."""
    digits = normalise.national_digits(number)
    return [ref.crm_id for ref in hits.get((IdentifierKind.PHONE_NATIONAL, digits), ())] if digits else []


@dataclass
class KeyResult:
    """What one deterministic key says about one inbound record."""

    key: str
    value: str = ""
    crm_id: str = ""
    shared_by: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    held_by: str = ""  # the record that holds the key, when a merge re-points it to `crm_id`
    column: str = ""  # a CRM reference's column (`KeyName.CRM_REFERENCE`)
    mailbox_record: bool = False  # a role mailbox the record shares with its one CRM holder (`_email_key`)


@dataclass
class Target:
    """Where a CRM id leads once merges are followed."""

    crm_id: str
    status: str  # live, deleted, unknown_survivor, not_in_mirror
    chain: list[str] = field(default_factory=list)


@dataclass
class ScoredBatch:
    """What `Resolver._probabilistic` has read and ranked for a batch, per record where a list (its scorer,
    its candidates' record ids, its shortlist, what weighing its candidates reads), and for the whole batch
    (the records' scoring values, their live targets, profiles and refs); `_relist_on_national_numbers`
    reads more into it and ranks again."""

    scorers: list[InboundScorer]
    record_ids: list[list[int]]
    live_targets: dict[int, str]
    values: dict[int, tuple]
    shortlists: list[tuple]
    profiles: dict
    context: list[dict]
    refs: dict[str, RecordRef]


class Resolver:
    def __init__(self, *, connection_id: int, object_name: str, rules: Rules):
        self.connection_id, self.object_name = connection_id, object_name
        self.rules = rules
        # Whether shown candidates carry their per-attribute contributions (a results file has no use for them).
        self.explain = True
        self.scorer = Scorer(rules.comparisons, rules.prior_match_probability)
        self.attribute_map = merged_attribute_map(rules.mirror_fields)
        self.external_kind = IdentifierKind.EXTERNAL_PREFIX + rules.external_id_field
        self.key_precedence = [
            key
            for key in rules.key_precedence
            if rules.entity_kind != EntityKind.DEAL or key in KeyName.DEAL  # deals: ids only, never data
        ]
        self.uses = set(self.key_precedence)
        # Columns of CRM ids another system stored for the record (`crm_references`): keys, not compared.
        self.reference_columns = [
            column for column, kind in rules.attribute_types.items() if kind == CRM_REFERENCE
        ]
        self.veto_checks = self._veto_checks()
        fallback = {tuple(rule) for rule in FALLBACK_BLOCKING_RULES}
        self.fallback_kinds = frozenset(
            rule_kind(rule) for rule in rules.blocking_rules if tuple(rule) in fallback
        )
        self.weak_first_name = self._weak_first_name()
        self.place_and_birth = [
            index
            for attribute in PLACE_AND_BIRTH
            if (index := self.scorer.level_index(attribute)) is not None
        ]
        # A custom attribute the flow types as a personal identifier (a national id) is personal evidence too.
        self.identity_numbers = [
            index
            for index, comparison in enumerate(self.scorer.comparisons)
            if comparison["attribute"].startswith("extra.")
            and rules.attribute_types.get(comparison["attribute"][len("extra.") :])
            in PERSONAL_IDENTIFIER_TYPES
        ]
        self.personal_evidence = [
            index
            for attribute in PERSONAL_EVIDENCE
            if (index := self.scorer.level_index(attribute)) is not None
        ] + self.identity_numbers
        self.profile_numbers = [
            index
            for index in self.identity_numbers
            if rules.attribute_types.get(self.scorer.comparisons[index]["attribute"][len("extra.") :])
            == SOCIAL_PROFILE
        ]
        self.phone_level = self.scorer.level_index("phone")
        self.home = self._home_comparisons()
        # A surname's veto reads it as a surname (`normalise.surname_closeness`), not as a given name.
        self.surname_index = (
            self.scorer.name_pair[1]
            if self.scorer.name_pair and self.scorer.comparisons[self.scorer.name_pair[1]]["method"] == "name"
            else None
        )
        street = self.scorer.level_index("street")
        postcode = self.scorer.level_index("postcode")
        self.street_and_postcode = (
            (street, postcode, self.scorer.level_index("country"))
            if rules.entity_kind == EntityKind.ORGANISATION and street is not None and postcode is not None
            else None
        )
        self.premises_levels = (
            (self.phone_level, street)
            if rules.entity_kind == EntityKind.ORGANISATION
            and self.phone_level is not None
            and street is not None
            else None
        )
        # An organisation's own lines (its phone, its domain), and what places it beyond its name and town:
        # those and its street and postcode.
        self.own_lines, self.placing_levels = (
            (
                tuple(i for a in ("phone", "email_domain") if (i := self.scorer.level_index(a)) is not None),
                tuple(
                    index
                    for attribute in ("phone", "email_domain", "street", "postcode")
                    if (index := self.scorer.level_index(attribute)) is not None
                ),
            )
            if rules.entity_kind == EntityKind.ORGANISATION
            else ((), ())
        )
        self.company_only = (
            company_only_check(self.scorer, personal=self.personal_evidence)
            if self.rules.entity_kind == EntityKind.PERSON
            else None
        )
        self.identifying = self._identifying_comparisons()

    @functools.cached_property
    def reader(self):
        """The mirror's reader (in memory or the database), chosen at first read: a resolver that only
        computes keys (`lookup_keys`) reads nothing."""
        return mirror_index.reader_for(
            self.connection_id, self.object_name, self.scorer.attributes, self.scorer.values
        )

    def spec(self) -> tuple[int, str, Rules]:
        """What builds this resolver again (`Resolver(*spec)` in another process): plain, picklable data."""
        return self.connection_id, self.object_name, self.rules

    @classmethod
    def from_spec(cls, spec: tuple[int, str, Rules]) -> "Resolver":
        connection_id, object_name, rules = spec
        return cls(connection_id=connection_id, object_name=object_name, rules=rules)

    # -- inbound ------------------------------------------------------------------------------------------

    def inbound(self, record: dict) -> Inbound:
        return self.inbounds([record])[0]

    def inbounds(self, records: list[dict]) -> list[Inbound]:
        """The records as `Inbound`s, their profiles built for the whole batch a column at a time (or
        remembered, `INBOUNDS`)."""
        attributes = [_attributes_of(record) for record in records]
        remembered: list[list | None] = [None] * len(records)
        if INBOUNDS.enabled:
            entries, shape = INBOUNDS.entries, self._shape
            keys = [INBOUNDS.key(shape, fields) for fields in attributes]
            remembered = [entries.get(key) if key is not None else None for key in keys]
        missing = [position for position, entry in enumerate(remembered) if entry is None]
        profiles = columns.build_profiles(
            [attributes[position] for position in missing],
            attribute_map=self.attribute_map,
            region=self.rules.default_region,
            kind=self.rules.entity_kind,
            attribute_types=self.rules.attribute_types,
        )
        if INBOUNDS.enabled:
            if len(entries) + len(missing) > INBOUNDS.limit:
                INBOUNDS.clear()
            for position, profile in zip(missing, profiles, strict=True):
                if keys[position] is not None:
                    remembered[position] = INBOUNDS.entries[keys[position]] = [profile, None]
        built = iter(profiles)
        return [
            Inbound(
                raw=record,
                source_system=str(record.get("source_system") or self.rules.source_system),
                external_id=normalise.identifier(record.get("external_id")),
                crm_id=normalise.identifier(record.get("crm_id")),
                profile=entry[0] if entry is not None else next(built),
                remembered=entry,
            )
            for record, entry in zip(records, remembered, strict=True)
        ]

    @functools.cached_property
    def forced_by_kind(self) -> dict[str, frozenset[int]]:
        """Block kind -> the comparisons its blocks make agree (`blocking.forced_comparisons`)."""
        return blocking.forced_comparisons(self.rules.blocking_rules, self.scorer.attributes)

    @functools.cached_property
    def key_comparisons(self) -> dict[int, str]:
        """Comparison index -> the lookup kind agreeing there means sharing (`blocking.KEY_COMPARISONS`)."""
        return {
            index: blocking.KEY_COMPARISONS[attribute]
            for index, attribute in enumerate(self.scorer.attributes)
            if attribute in blocking.KEY_COMPARISONS
        }

    @functools.cached_property
    def _shape(self) -> str:
        """What shapes an inbound record's profile and search keys besides its fields."""
        rules = self.rules
        shaping = (self.attribute_map, rules.default_region, rules.entity_kind, rules.attribute_types)
        return repr((*shaping, rules.blocking_rules))

    def search_keys(self, items: list[Inbound]) -> list[set[tuple[str, str]]]:
        """`blocking.search_keys` of each item's profile, for the whole batch at once (or remembered)."""
        missing = [
            position
            for position, item in enumerate(items)
            if item.remembered is None or item.remembered[1] is None
        ]
        built = columns.block_keys_by_record(
            [items[position].profile for position in missing], self.rules.blocking_rules, plain_keys=True
        )
        for position, keys in zip(missing, built, strict=True):
            keys |= blocking.folded_first_name_keys(items[position].profile, self.rules.blocking_rules)
            keys |= blocking.other_name_keys(items[position].profile, self.rules.blocking_rules)
        if len(missing) == len(items) and not INBOUNDS.enabled:
            return built
        found: list = [None] * len(items)
        for position, keys in zip(missing, built, strict=True):
            found[position] = keys
            if items[position].remembered is not None:
                items[position].remembered[1] = keys
        return [
            keys if keys is not None else item.remembered[1] for keys, item in zip(found, items, strict=True)
        ]

    def lookup_keys(self, records: list[dict]) -> set[tuple[str, str]]:
        """Every mirror lookup key that resolving (or fitting on) `records` may read: their search keys and
        their deterministic keys. An in-memory mirror loaded for these records only needs these indexed, and
        its phone numbers (`columns.positions_by_key`): the national readings of a number written without a
        country (`_national_lookups`, some 60 a number) are looked up for the records left for review only."""
        with collector_paused():
            items = self.inbounds(records)
            keys = set().union(*self.search_keys(items))
            for item in items:
                keys |= self._key_lookups(item)
            return keys

    def _key_lookups(self, item: Inbound) -> set[tuple[str, str]]:
        """The lookups of the record's deterministic keys; read by the keys and again by the candidates."""
        if item.lookups is None:
            item.lookups = self._lookups_of(item)
        return item.lookups

    def _unread_phones(self, item: Inbound) -> list[str]:
        if item.unread_phones is None:
            attributes = _attributes_of(item.raw)
            item.unread_phones = unread_phones(attributes, self.attribute_map)
        return item.unread_phones

    def _national_lookups(self, item: Inbound) -> set[tuple[str, str]]:
        """Where the records a number written nationally without a country may be another's own number
        are looked up (`normalise.national_lookups`): never a key, only candidates for the review list
        (`_relist_on_national_numbers`)."""
        if self.phone_level is None:
            return set()
        if item.national_lookups is None:
            item.national_lookups = {
                (IdentifierKind.PHONE, number)
                for text in self._unread_phones(item)
                for number in normalise.national_lookups(text)
            }
        return item.national_lookups

    def _lookups_of(self, item: Inbound) -> set[tuple[str, str]]:
        keys = set()
        if KeyName.PHONE in self.uses or self.phone_level is not None:
            keys.update(
                (IdentifierKind.PHONE_NATIONAL, digits)
                for number in profile_phones(item.profile)
                if (digits := normalise.national_digits(number))
            )
        if KeyName.EXTERNAL_ID in self.uses and self.rules.external_id_field and item.external_id:
            keys.add((self.external_kind, item.external_id))
        if KeyName.EMAIL in self.uses:
            keys.update((IdentifierKind.EMAIL, address) for address in item.profile["emails"])
        if KeyName.PHONE in self.uses:
            keys.update((IdentifierKind.PHONE, number) for number in profile_phones(item.profile))
        if KeyName.DOMAIN in self.uses and organisations.is_domain_key(item.profile["email_domain"]):
            keys.add((DOMAIN_KIND, item.profile["email_domain"]))
        if KeyName.VAT in self.uses and (number := organisations.vat_number(item.profile)):
            keys.add((VAT_KIND, number))
        if KeyName.COMPANY_PAGE in self.uses and (page := organisations.company_page(item.profile)):
            keys.add((COMPANY_PAGE_KIND, page))
        return keys

    # -- batch --------------------------------------------------------------------------------------------

    def resolve_batch(self, records: list[dict], *, keys_only: bool = False) -> list[Resolution]:
        """Resolutions of the records, in order. `keys_only` (what fitting needs: which records a key decided)
        leaves out the scoring of records no key decided: they come back as no_match without candidates; a
        key that waits on the candidates (a phone and namesake colleagues) is still decided in full."""
        with collector_paused():
            return self._resolve_batch(records, keys_only=keys_only)

    def _resolve_batch(self, records: list[dict], *, keys_only: bool = False) -> list[Resolution]:
        self.reader.prepare()
        items = self.inbounds(records)
        link_pairs = {(i.source_system, i.external_id) for i in items if i.external_id}
        links = self.reader.links(link_pairs) if KeyName.IDENTITY_LINK in self.uses else {}
        hits = self.reader.key_hits(set().union(*(self._key_lookups(item) for item in items)))

        refs: dict[str, RecordRef] = {ref.crm_id: ref for found in hits.values() for ref in found}
        wanted = {item.crm_id for item in items if item.crm_id} | {crm_id for crm_id, _ in links.values()}
        wanted |= {crm_id for item in items for _, crm_id in self._crm_references(item)}
        refs.update(self.reader.refs_by_crm_id(wanted - refs.keys()))
        self._other_id_forms(wanted - refs.keys(), refs)
        self.reader.add_survivors(refs)

        key_results = [self._data_keys(item, hits, refs) for item in items]
        holders = self._key_holder_profiles(key_results, refs)
        results: list[Resolution | None] = [
            self._deterministic(item, links, results, holders, refs)
            for item, results in zip(items, key_results, strict=True)
        ]
        pending = [index for index, result in enumerate(results) if result is None]
        if keys_only:
            for index in pending:
                if items[index].key_conflict is not None:
                    results[index] = self._key_conflict(items[index], [])
                elif items[index].shared_key_link is None:
                    results[index] = self._resolution(
                        items[index], ReviewReason.NO_MATCH, notes=["Not scored."]
                    )
            pending = [index for index in pending if results[index] is None]
        if pending:
            explain = self.explain
            # Keys only: the resolutions say which records a key decided, nothing a person reads.
            self.explain = explain and not keys_only
            try:
                probabilistic = self._probabilistic([items[index] for index in pending], hits, refs)
            finally:
                self.explain = explain
            for index, result in zip(pending, probabilistic, strict=True):
                results[index] = result
        if self.rules.entity_kind == EntityKind.PERSON:
            self._hold_back(items, results, hits, refs, keys_only=keys_only)
        return results

    def _hold_back(self, items: list[Inbound], results: list, hits, refs, *, keys_only: bool) -> None:
        """Links no evidence may make without a person, turned into reviews (in place): a record whose name
        is a couple's or a family's ("John & Mary Smith", "The Smith Family": a joint gift, a household
        membership) is neither spouse alone, whichever one's address or phone it carries; and a CRM person
        marked as deceased makes no new gift or sign-up (a widow writing as "Mrs John Smith", an estate, an
        heir on the family's mailbox, someone using the details does). The candidates are scored for the
        reviewer as any record's are."""
        matched = [index for index, result in enumerate(results) if result is not None and result.matched]
        if not matched:
            return
        dead = self._deceased({results[index].crm_id for index in matched})
        held = {
            index: JOINT_NAME_NOTE
            if (items[index].profile.get("extra") or {}).get(NAMES_TWO_PEOPLE)
            else DECEASED_NOTE.format(crm_id=results[index].crm_id)
            for index in matched
            if (items[index].profile.get("extra") or {}).get(NAMES_TWO_PEOPLE)
            or results[index].crm_id in dead
        }
        if not held:
            return
        positions = sorted(held)
        for index in positions:
            # a key's holder its names set aside is a candidate like any other here: nothing links
            items[index].contradicted = set()
        scored = (
            [None] * len(positions)
            if keys_only
            else self._probabilistic([items[index] for index in positions], hits, refs)
        )
        for index, again in zip(positions, scored, strict=True):
            linked = results[index]
            candidates = list(again.candidates) if again is not None else []
            by_id = {candidate.get("crm_id"): candidate for candidate in candidates}
            by_id.setdefault(linked.crm_id, _bare_candidate(linked.crm_id, linked.score, linked.probability))
            # the holders of the record's own mailbox and numbers next, whatever their names score: a widow's
            # own address beside her late husband's name is hers
            holders = [
                ref.crm_id
                for key in sorted(self._key_lookups(items[index]))
                for ref in hits.get(key, ())
                if not ref.is_deleted and not ref.merged_into
            ]
            for crm_id in holders:
                by_id.setdefault(crm_id, _bare_candidate(crm_id, None, None))
            first = [linked.crm_id, *dict.fromkeys(crm_id for crm_id in holders if crm_id != linked.crm_id)]
            candidates = [by_id[crm_id] for crm_id in first] + [
                candidate for crm_id, candidate in by_id.items() if crm_id not in first
            ]
            for rank, candidate in enumerate(candidates, start=1):
                candidate["rank"] = rank
            results[index] = self._resolution(
                items[index],
                ReviewReason.VETO,
                candidates=candidates[:MAX_CANDIDATES],
                score=linked.score,
                probability=linked.probability,
                notes=[held[index], *linked.notes],
            )

    def _deceased(self, crm_ids: set[str]) -> set[str]:
        """The CRM ids among `crm_ids` whose records the CRM marks as deceased."""
        refs = self.reader.refs_by_crm_id(crm_ids)
        if not refs:
            return set()
        profiles = self.reader.profiles({ref.id for ref in refs.values()}, ("extra",))
        dead_ids = {
            record_id for record_id, profile in profiles.items() if (profile.get("extra") or {}).get(DECEASED)
        }
        return {crm_id for crm_id, ref in refs.items() if ref.id in dead_ids}

    def _other_id_forms(self, missing: set[str], refs: dict[str, RecordRef]) -> None:
        """A CRM id the mirror does not hold as written may be a Salesforce id in its other length (15
        characters from a report, 18 from the API): the mirror's record is the one it names."""
        forms = {form: crm_id for crm_id in missing if (form := salesforce_ids.other_form(crm_id))}
        for form, ref in self.reader.refs_by_crm_id(set(forms)).items():
            refs[forms[form]] = ref
            refs.setdefault(ref.crm_id, ref)  # the record under its own id too (its profile is read by it)

    # -- deterministic keys -------------------------------------------------------------------------------

    def _follow(self, crm_id: str, refs: dict[str, RecordRef]) -> Target:
        chain = [crm_id]
        ref = refs.get(crm_id)
        if ref is None:
            return Target(crm_id, "not_in_mirror", chain)
        for _ in range(MAX_MERGE_DEPTH + 1):
            if not ref.merged_into:
                return Target(ref.crm_id, "deleted" if ref.is_deleted else "live", chain)
            chain.append(ref.merged_into)
            survivor = refs.get(ref.merged_into)
            if survivor is None:
                return Target(ref.merged_into, "unknown_survivor", chain)
            ref = survivor
        return Target(ref.crm_id, "unknown_survivor", chain)

    def _resolution(self, item: Inbound, outcome: str, **fields) -> Resolution:
        return Resolution(
            inbound=item.raw,
            source_system=item.source_system,
            external_id=item.external_id,
            outcome=str(outcome),
            **fields,
        )

    def _to_target(
        self, item: Inbound, crm_id: str, method: str, refs, *, link_method: str = ""
    ) -> Resolution:
        """Resolve through a key that names one CRM id (sent CRM id, identity link, unique key)."""
        target = self._follow(crm_id, refs)
        evidence = {
            "attribute": method,
            "method": "key",
            "inbound": item.crm_id if method == KeyName.CRM_ID else item.external_id,
            "candidate": crm_id,
            "level": f"{link_method} link" if link_method else "unique key",
            "weight": None,
        }
        notes = []
        repointed_from = ""
        if len(target.chain) > 1:
            repointed_from = crm_id
            notes.append(
                f"{crm_id} was merged into {' -> '.join(target.chain[1:])}; re-pointed to the survivor."
            )
        if target.status == "live":
            return self._resolution(
                item,
                MATCHED,
                crm_id=target.crm_id,
                method=method,
                explanation=[evidence],
                notes=notes,
                repointed_from=repointed_from,
            )
        if target.status == "not_in_mirror" and method == KeyName.IDENTITY_LINK:
            notes.append(f"{crm_id} is not in the mirror yet; trusting the {link_method} identity link.")
            return self._resolution(
                item, MATCHED, crm_id=crm_id, method=method, explanation=[evidence], notes=notes
            )
        if target.status == "deleted":
            notes.append(f"{target.crm_id} is deleted in the CRM.")
            return self._resolution(item, ReviewReason.DELETED_TARGET, explanation=[evidence], notes=notes)
        if target.status == "unknown_survivor":
            notes.append(f"{crm_id} was merged into {target.crm_id}, which is not in the mirror.")
            return self._resolution(item, ReviewReason.MERGED_TARGET, explanation=[evidence], notes=notes)
        notes.append(f"CRM id {crm_id} is not in the mirror.")
        return self._resolution(item, ReviewReason.NO_MATCH, explanation=[evidence], notes=notes)

    def _key_result(self, key: str, kind: str, value: str, hits, refs) -> KeyResult:
        result = KeyResult(key=key, value=value)
        live = []
        for ref in hits.get((kind, value), []):
            target = self._follow(ref.crm_id, refs)
            if target.status == "live" and target.crm_id not in live:
                live.append(target.crm_id)
                result.held_by = ref.crm_id
            elif target.status == "deleted":
                result.deleted.append(target.crm_id)
        if len(live) == 1:
            result.crm_id = live[0]
        elif len(live) > 1:
            result.shared_by = live
        return result

    def _also_written_nationally(self, result: KeyResult, hits, refs) -> None:
        """A number other live CRM records write nationally without a country ("01 23 77 44 30" beside the
        one record's "+33 1 23 77 44 30": a company's main line, typed by reps at home): they hold it too,
        and it is no key of the one record that writes it in full."""
        if not (result.crm_id or result.shared_by):
            return
        holders = [result.crm_id] if result.crm_id else list(result.shared_by)
        for crm_id in _national_holders(result.value, hits):
            target = self._follow(crm_id, refs)
            if target.status == "live" and target.crm_id not in holders:
                holders.append(target.crm_id)
        if len(holders) > 1:
            result.crm_id, result.shared_by = "", holders

    def _own_desk(self, item: Inbound, holder: dict, number: str) -> bool:
        """Whether the record writes the number with the very extension the holder's record writes it with:
        the holder's desk behind the company's switchboard, whatever the caller ID says of the company."""
        desk_line = self._desk_line(item)
        held = (holder.get("display") or {}).get("phone")
        return (
            bool(desk_line)
            and desk_line[0] == number
            and normalise.written_extension(held, number) == desk_line[1]
        )

    def _other_desk(self, item: Inbound, holder: dict, number: str) -> tuple[str, str] | None:
        """(the record's extension, the holder's) when both write the number with an extension and the two
        differ: one switchboard, two desks."""
        desk_line = self._desk_line(item)
        if not desk_line or desk_line[0] != number:
            return None
        held = normalise.written_extension((holder.get("display") or {}).get("phone"), number)
        return (desk_line[1], held) if held and held != desk_line[1] else None

    def _name_typed(self, item: Inbound) -> bool:
        """Whether the record gives a name in a name field (not only a caller ID): then the desk is weighed
        with the name as personal evidence (`_candidates`' `desk_line`), not taken as a key."""
        values = _attributes_of(item.raw)
        return any(
            values.get(name) not in (None, "")
            for attribute in ("first_name", "last_name", "full_name")
            for name in self.attribute_map.get(attribute, ())
            if name != CALLER_ID_FIELD
        )

    def _at_desk(self, result: KeyResult, extension: str, refs) -> None:
        """A switchboard several CRM records hold, written with an extension by a record that types no name:
        the one record that writes it with that very extension holds the key (a desk line is one person's, as
        a direct dial is); the colleagues at other desks do not."""
        record_ids = {refs[crm_id].id: crm_id for crm_id in result.shared_by if crm_id in refs}
        at_desk = [
            record_ids[record_id]
            for record_id, profile in self.reader.profiles(set(record_ids), ()).items()
            if normalise.written_extension((profile.get("display") or {}).get("phone"), result.value)
            == extension
        ]
        if len(at_desk) == 1:
            result.crm_id = result.held_by = at_desk[0]
            result.shared_by = []

    def _email_key(self, item: Inbound, address: str, hits, refs) -> KeyResult:
        """An address's verdict as a key. A role or shared mailbox (billing@, info@) is none: whoever writes
        from it, the CRM may hold it on one of its users. Except where the record is the one CRM record holding
        it (`_same_mailbox_user`)."""
        if normalise.is_key_email(address):
            return self._key_result(KeyName.EMAIL, IdentifierKind.EMAIL, address, hits, refs)
        if self.rules.entity_kind == EntityKind.PERSON:
            result = self._key_result(KeyName.EMAIL, IdentifierKind.EMAIL, address, hits, refs)
            holder = self._holder_names(result, refs)
            if holder is not None and self._same_mailbox_user(item, holder):
                result.mailbox_record = True
                return result
        return KeyResult(key=KeyName.EMAIL, value=address)

    def _holder_names(self, result: KeyResult, refs) -> dict | None:
        """The names and company of the one live CRM record holding a key (None when none or several do)."""
        if result.crm_id not in refs:
            return None
        record_id = refs[result.crm_id].id
        return self.reader.profiles(
            {record_id}, ("first_name", "last_name", "company_name", "phone", "phones")
        ).get(record_id)

    def _same_mailbox_user(self, item: Inbound, holder: dict) -> bool:
        """Whether a record on a role mailbox is the one CRM record holding it: both name no person (a
        business's own account on its billing@, a contact the CRM made of the mailbox; or the record's one name
        is the holder's company), or both give the very same given name and the record no other surname (the
        desk's user the CRM files the mailbox under: "Angela Rose" or "Angela" on it-helpdesk@, held by Angela
        Rose), unless the two give numbers and none agrees: a mailbox passes to the next holder of the role,
        who may bear the same name and brings a line of their own."""
        first, last = item.profile["first_name"], item.profile["last_name"]
        held_first, held_last = holder["first_name"], holder["last_name"]
        if not (held_first or held_last):
            return not (first or last) or holder["company_name"] in self._names_as_company(item)
        if _other_numbers(item.profile, holder):
            return False  # the next holder of the role, of the same name, with a line of their own
        if not first:  # one word given ("Amara"): `_split_full_name` holds it as the last name
            return bool(last) and last == held_first
        return first == held_first and last in ("", held_last)

    def _names_as_company(self, item: Inbound) -> tuple[str, ...]:
        """The companies an inbound person record's one name field may be written for
        (`normalise.company_name_readings`); none where the record gives first and last names apart, nor one
        that starts with a given name (a person's, or a sole trader's firm named after its owner)."""
        written = display_values(_attributes_of(item.raw), self.attribute_map)
        if written.get("first_name") or written.get("last_name") or not written.get("full_name"):
            return ()
        return tuple(
            name
            for name in normalise.company_name_readings(written["full_name"])
            if not normalise.is_known_given_name(name.split()[0])
        )

    def _company_named_after_holder(self, item: Inbound, results: list[KeyResult], holders) -> None:
        """An inbound person record whose one name is the company of the CRM record one of its keys points to
        ("Acme Dental" on jane@acmedental.com, which Jane Doe of Acme Dental holds): a business bought, and the
        name is its, not another person's. The record is compared without person names from here on."""
        names = self._names_as_company(item) if self.rules.entity_kind == EntityKind.PERSON else ()
        name = next(
            (
                held
                for result in results
                if result.crm_id
                and (held := (holders.get(result.crm_id) or {}).get("company_name"))
                and (held in names or self._caller_id_cut_from(item, holders[result.crm_id]))
            ),
            "",
        )
        if name:
            item.profile = {
                **item.profile,
                "first_name": "",
                "last_name": "",
                "company_name": item.profile["company_name"] or name,
            }
            item.named_as_company = True

    def _caller_id_cut_from(self, item: Inbound, holder: dict) -> bool:
        """Whether the record names no one but a caller ID cut at its 15 characters from the holder's company
        name, as normalised or as written ("JUNIPER INSURAN" for Juniper Insurance, "ORCHARD MEDIA L" for
        Orchard Media LLC): the business's line, not a person's name."""
        values = _attributes_of(item.raw)
        written = display_values(values, self.attribute_map)
        if written.get("first_name") or written.get("last_name"):
            return False
        caller_id = values.get(CALLER_ID_FIELD)
        companies = (
            holder.get("company_name"),
            normalise.plain((holder.get("display") or {}).get("company_name")),
        )
        return written.get("full_name") == caller_id and any(
            normalise.caller_id_cut_from(caller_id, company) for company in companies if company
        )

    def _crm_references(self, item: Inbound) -> list[tuple[str, str]]:
        """(column, CRM id) of each CRM id another system stored for the record."""
        extra = item.profile.get("extra") or {}
        return [(column, extra[column]) for column in self.reference_columns if extra.get(column)]

    def _reference_keys(self, item: Inbound, refs) -> list[KeyResult]:
        """A key for each stored CRM id the mirror holds; another system's id in the column says nothing."""
        results = []
        for column, crm_id in self._crm_references(item):
            if crm_id not in refs:
                continue
            result = KeyResult(key=KeyName.CRM_REFERENCE, value=crm_id, column=column)
            target = self._follow(crm_id, refs)
            if target.status == "live":
                result.crm_id, result.held_by = target.crm_id, refs[crm_id].crm_id
            elif target.status == "deleted":
                result.deleted.append(target.crm_id)
            results.append(result)
        return results

    def _data_keys(self, item: Inbound, hits, refs) -> list[KeyResult]:
        """Each data key's verdict, in precedence order; a key with several values must agree with itself.
        A CRM id another system stored for the record comes first: it names the record, not a mailbox."""
        results = self._reference_keys(item, refs) if self.reference_columns else []
        for key in self.key_precedence:
            if key == KeyName.EXTERNAL_ID and self.rules.external_id_field and item.external_id:
                results.append(self._key_result(key, self.external_kind, item.external_id, hits, refs))
            elif key == KeyName.EMAIL:
                results.extend(
                    self._email_key(item, address, hits, refs) for address in item.profile["emails"]
                )
            elif key == KeyName.PHONE:
                for number in profile_phones(item.profile):
                    result = self._key_result(key, IdentifierKind.PHONE, number, hits, refs)
                    self._also_written_nationally(result, hits, refs)
                    if (
                        result.shared_by
                        and (desk_line := self._desk_line(item))
                        and desk_line[0] == number
                        and not self._name_typed(item)
                    ):
                        self._at_desk(result, desk_line[1], refs)
                    results.append(result)
            elif key == KeyName.DOMAIN and organisations.is_domain_key(item.profile["email_domain"]):
                results.append(self._key_result(key, DOMAIN_KIND, item.profile["email_domain"], hits, refs))
            elif key == KeyName.VAT and (number := organisations.vat_number(item.profile)):
                results.append(self._key_result(key, VAT_KIND, number, hits, refs))
            elif key == KeyName.COMPANY_PAGE and (page := organisations.company_page(item.profile)):
                results.append(self._key_result(key, COMPANY_PAGE_KIND, page, hits, refs))
        return results

    def _key_holder_profiles(self, key_results: list[list[KeyResult]], refs) -> dict[str, dict]:
        """Live CRM id -> what its record says of the attributes that can contradict a key (one read)."""
        if not self.rules.contradiction_checks:
            return {}
        record_ids = {
            refs[result.crm_id].id for results in key_results for result in results if result.crm_id in refs
        }
        return {
            profile["crm_id"]: profile
            for profile in self.reader.profiles(
                record_ids,
                ORGANISATION_CHECK_ATTRIBUTES
                if self.rules.entity_kind == EntityKind.ORGANISATION
                else CHECK_ATTRIBUTES,
            ).values()
        }

    def _contradiction(
        self, item: Inbound, result: KeyResult, holder: dict | None, *, names_unreadable: bool = False
    ) -> str:
        """Why the record a data key points to seems not to be this one ("" when nothing contradicts it).
        `names_unreadable`: the two names are written in two scripts and the keys vouch for the person
        (`_names_in_other_script`): the names are not held against the key."""
        if result.key == KeyName.CRM_REFERENCE:
            return self._reference_contradiction(item, result, holder)
        if holder is None:
            return ""
        checks, below, inbound = (
            self.rules.contradiction_checks,
            self.rules.contradiction_similarity,
            item.profile,
        )
        if names_unreadable:
            checks = [check for check in checks if check != Contradiction.NAMES]
        what = KEY_WORDS.get(result.key, result.key)
        held = f"{what} {result.value} is on CRM record {result.crm_id}"
        if self.rules.entity_kind == EntityKind.ORGANISATION:
            return (
                self._organisation_contradiction(item, result, holder)
                if Contradiction.NAMES in checks
                else ""
            )
        # Another first name (not merely a clearly different one: "Alex" beside Alexandra), on both records.
        other_first_name = (
            Contradiction.NAMES in checks
            and bool(inbound["first_name"] and holder["first_name"])
            and inbound["first_name"] != holder["first_name"]
        )
        if self._mistyped(item, result, holder) and not (
            all((inbound["first_name"], inbound["last_name"], holder["first_name"], holder["last_name"]))
            and normalise.names_alike(
                (inbound["first_name"], inbound["last_name"]),
                (holder["first_name"], holder["last_name"]),
                below,
            )
        ):
            return (
                f"This {what} is read from an address at a mistyped domain: evidence, not a key, and both "
                f"names do not confirm it: {held} ({holder['first_name']} {holder['last_name']})."
            )
        if Contradiction.NAMES in checks and normalise.names_clearly_differ(
            (inbound["first_name"], inbound["last_name"]), (holder["first_name"], holder["last_name"]), below
        ):
            return (
                f"This {what} now seems to belong to someone else: {held} "
                f"({_written_name(holder)}), whose name is another person's."
            )
        if result.key == KeyName.PHONE and (desk := self._other_desk(item, holder, result.value)):
            return (
                f"This {what} is a switchboard: {held} ({_written_name(holder)}) with extension {desk[1]}, "
                f"and this record with extension {desk[0]}: another desk."
            )
        if (
            Contradiction.NAMES in checks
            and result.key == KeyName.PHONE
            and key_checks.one_name_of_neither(inbound, holder, below)
        ):
            # a number passes to a new subscriber, and a colleague's record may hold a person's mobile
            return (
                f"This {what} now seems to belong to someone else: {held} "
                f"({_written_name(holder)}), and the one name this record gives is neither of theirs."
            )
        written = (self._written_first_name(item), (holder.get("display") or {}).get("first_name", ""))
        if Contradiction.NAMES in checks and _first_name_clearly_differs(inbound, holder, below, written):
            return (
                f"This {what} now seems to belong to someone else: {held} "
                f"({_written_name(holder)}), whose first name is another person's "
                "(a mailbox handed on to a successor, or shared by a family)."
            )
        if (
            other_first_name
            and result.key == KeyName.EMAIL
            and key_checks.household_mailbox(result.value, [inbound["last_name"], holder["last_name"]])
        ):
            # "Alex" on thejohnsons@ is Alexandra's nickname or her husband Alexander: a household's mailbox
            # is a key for the very first name it is held under only.
            return (
                f"This {what} is a household's (named after the family): {held} "
                f"({_written_name(holder)}), held under another first name than this record's."
            )
        if (
            other_first_name
            and result.key == KeyName.PHONE
            and (
                household := key_checks.shared_household_mailbox(
                    inbound["emails"], holder.get("emails"), [inbound["last_name"], holder["last_name"]]
                )
            )
            and not self._own_mobile(item, holder, result.value)
        ):
            # "Sam" beside the household's mailbox is Samantha or Samuel: the home's line is as shared as its
            # mailbox, and only a mobile the CRM record holds as its own line tells one of the two.
            return (
                f"This {what} is a household's line: {held} ({_written_name(holder)}), which shares the "
                f"household's mailbox {household} with this record under another first name."
            )
        if (
            Contradiction.NAMES in checks
            and result.key == KeyName.PHONE
            and key_checks.line_of_a_place(
                inbound,
                holder,
                result.value,
                given_as_mobile=self._given_as_mobile(item, holder, result.value),
            )
        ):
            return (
                f"This {what} is a line of a place (a home's or an office's): {held} "
                f"({_written_name(holder)}), whose own number and mailbox are other than this record's "
                "(a relative or a colleague of the same name?)."
            )
        if (
            Contradiction.NAMES in checks
            and result.key == KeyName.EMAIL
            and key_checks.surname_changed_on_impersonal_mailbox(inbound, holder, result.value, below)
            and not key_checks.personal_mailbox_at_home(inbound, holder, result.value)
        ):
            return (
                f"This {what} may have been handed on with a role: {held} ({holder['first_name']} "
                f"{holder['last_name']}), another surname, and the address names neither person."
            )
        if (
            Contradiction.NAMES in checks
            and Contradiction.COMPANY in checks
            and result.key == KeyName.EMAIL
            and key_checks.surname_and_company_changed_on_work_mailbox(inbound, holder, result.value, below)
        ):
            return (
                f"This {what} seems to be someone else's: {held} ({_written_name(holder)}, "
                f"{holder['company_name']}), another surname and another company than this record's."
            )
        if (
            Contradiction.NAMES in checks
            and result.key == KeyName.PHONE
            and (holder["first_name"] or holder["last_name"])
            and self.named_as_company(item)
            and not self._own_desk(item, holder, result.value)
        ):
            # A business's customer record (named as the company) gives the business's number: its main line,
            # which a rep may have typed on one employee's record as well.
            return (
                f"This {what} is given for a company (the record's name is a company's), so it may be the "
                f"company's line: {held} ({_written_name(holder)}), a person."
            )
        shared_key = result.key not in self.rules.personal_keys and not (
            Contradiction.NAMES in checks
            and Contradiction.COMPANY in checks
            and result.key == KeyName.PHONE
            and key_checks.new_surname_on_own_mobile(
                inbound,
                holder,
                result.value,
                below,
                given_as_mobile=functools.partial(self._given_as_mobile, item, holder, result.value),
            )
            and not self._written_with_extension(item, holder, result.value)
        )  # a mobile beside a married name is the person's own line, not a switchboard
        names = ((inbound["first_name"], inbound["last_name"]), (holder["first_name"], holder["last_name"]))
        if Contradiction.NAMES in checks and shared_key and not normalise.names_alike(*names, below):
            return (
                f"This {what} may be shared (a switchboard?): {held} "
                f"({_written_name(holder)}), whose name is not this person's."
            )
        if (
            Contradiction.NAMES in checks
            and shared_key
            and normalise.other_mailbox_at_same_domain(inbound["emails"], holder.get("emails") or [])
            and not key_checks.mistyped_own_mailbox(inbound, holder)
        ):
            return (
                f"This {what} may be an office line shared by colleagues: {held} "
                f"({_written_name(holder)}), whose address at the same company is "
                "another mailbox than this record's."
            )
        if (
            Contradiction.COMPANY in checks
            and shared_key
            and _companies_differ(inbound, holder, below)
            and not _same_full_name(inbound, holder)
        ):
            return (
                f"This {what} may be shared (a company number?): {held} at another company "
                f"({holder['company_name']}, not {inbound['company_name']})."
            )
        if Contradiction.NAMES in checks and _two_generations(inbound, holder):
            return (
                f"This {what} is on the record of a relative of the same name: {held} "
                f"({_written_name(holder)}), and the two names say two generations (Jr./Sr., II/III)."
            )
        if Contradiction.NAMES in checks and shared_key and _generations_differ(inbound, holder):
            return (
                f"This {what} may be a relative's of the same name: {held} ({holder['first_name']} "
                f"{holder['last_name']}), and only one of the two names says Jr./Sr. (or says another)."
            )
        if (
            Contradiction.DATE_OF_BIRTH in checks
            and inbound.get("date_of_birth")
            and holder.get("date_of_birth")
            and similarity(
                {"method": "date", "thresholds": [0]}, inbound["date_of_birth"], holder["date_of_birth"]
            )
            == 0
        ):
            return f"This {what} seems to belong to someone else: {held}, whose date of birth differs."
        return ""

    def _reference_contradiction(self, item: Inbound, result: KeyResult, holder: dict | None) -> str:
        """`_contradiction` for a CRM id another system stored for the record: only the names can deny it.
        A full name denies it when it is another person's (a successor given the departed person's account
        keeps their id); a single name must be the record's own, or a handle made of it
        (`key_checks.stored_id_names_other`)."""
        where = f"The CRM id {result.value} in column {result.column!r} names CRM record {result.crm_id}"
        if holder is None:
            return f"{where}, whose names could not be read: not linked on it."
        inbound, below = item.profile, self.rules.contradiction_similarity
        if self.rules.entity_kind == EntityKind.ORGANISATION:
            name, held = inbound.get("company_name") or "", holder.get("company_name") or ""
            if name and held and _companies_differ(inbound, holder, below):
                return f"{where}, a record of another company ({held})."
            return ""
        names = (inbound.get("first_name") or "", inbound.get("last_name") or "")
        held = (holder.get("first_name") or "", holder.get("last_name") or "")
        if why := key_checks.stored_id_names_other(names, held, below):
            return f"{where} ({_written_name(holder)}), a record of someone else: {why}."
        return ""

    def _organisation_contradiction(self, item: Inbound, result: KeyResult, holder: dict) -> str:
        """`_contradiction` for organisations: names that clearly differ, unless one record gives the other's
        name as its former or trading name, or the inbound name is a trading name of the holder's at its
        premises (both lifts recorded on `item` for the link's notes and wait); a group's companies abroad."""
        below, inbound = self.rules.contradiction_similarity, item.profile
        what = KEY_WORDS.get(result.key, result.key)
        held = f"{what} {result.value} is on CRM record {result.crm_id}"
        named_otherwise = trading_name = ""
        if numbers := organisations.other_vat_numbers(inbound, holder):
            return (
                f"This {what} is another legal entity's: {held}, whose VAT number {numbers[1]} is not this "
                f"record's {numbers[0]} (one company has one VAT number in a country)."
            )
        if buyer := organisations.bought_by_holder(inbound, holder, below):
            return (
                f"This {what} is its buyer's: {held} ({holder['company_name']}), and one of the two records says "
                f"{buyer} bought the other, which keeps a record of its own."
            )
        if item.domain_shared and (unit := self._unit_of_other(item, holder)):
            return (
                f"This {what} may be shared by an organisation's units: {held} ({unit[1]}), and one of the two "
                f"names is the other's with a unit's label ({unit[0]}); the domain is on several CRM records."
            )
        renamed = result.key == KeyName.VAT and organisations.renamed_at_premises(inbound, holder)
        if renamed:
            named_otherwise = (
                f"CRM record {result.crm_id} ({holder['company_name']}) holds this record's VAT number at its "
                f"address under a name that shares no word with {inbound['company_name']}: the company renamed."
            )
        elif organisations.names_clearly_differ(inbound, holder, below) or organisations.other_script_abroad(
            inbound, holder, below
        ):
            contradiction = (
                f"This {what} seems to belong to another organisation: {held} "
                f"({holder['company_name']}), whose name clearly differs from {inbound['company_name']}."
            )
            written = self._written_names(item, holder)
            keyed = result.key in (KeyName.DOMAIN, KeyName.PHONE, KeyName.COMPANY_PAGE)
            other = organisations.other_name_agrees(inbound, holder, written, below) if keyed else ""
            if other and organisations.brand_used_elsewhere(written, inbound, holder):
                return (
                    f"This {what} may be a brand's, used by another legal entity elsewhere: {held} "
                    f"({written[1] or holder['company_name']}, {holder.get('city')}), and this record "
                    f"({written[0] or inbound['company_name']}, {inbound.get('city')}) is a company trading "
                    "under that name in another town, on another line."
                )
            if other:
                named_otherwise = (
                    f"CRM record {result.crm_id} ({written[1] or holder['company_name']}) and this record "
                    f"({written[0] or inbound['company_name']}) name one company: {other} is given as the name "
                    f"it had or trades under; the {what} decides."
                )
            elif self._trading_name(item, result, holder):
                trading_name = contradiction
            else:
                return contradiction
        written = self._written_names(item, holder)
        entity = organisations.bracketed_other_entity(written[0], written[1], below)
        if entity:
            return (
                f"This {what} may be a brand's, used by another legal entity: {held} ({written[1]}), and this "
                f"record names {entity} as the company trading under that name."
            )
        if organisations.another_office(inbound, holder, written[1]):
            return (
                f"This {what} may be shared by an organisation's offices: {held} "
                f"({written[1]}, the office in {holder['city']}), and this record "
                f"is in {inbound['city']}."
            )
        if result.key in (KeyName.DOMAIN, KeyName.PHONE) and organisations.registered_abroad(
            inbound, holder, written
        ):
            return (
                f"This {what} may be a group's, given for its companies in several countries: {held} "
                f"({written[1]}, {holder.get('country')}), and this record is {written[0]}, in "
                f"{inbound.get('country')}: another legal form in another country."
            )
        if _an_office_abroad(inbound, holder):
            return (
                f"This {what} may be shared by a group's companies in several countries: {held} "
                f"({holder['company_name']}, phone in another country), and this record is named "
                f"{inbound['company_name']}."
            )
        if result.key == KeyName.COMPANY_PAGE and organisations.in_two_countries(inbound, holder):
            return (
                f"This {what} may be a group's, given for its companies in several countries: {held} "
                f"({holder['company_name']}, {holder.get('country')}), and this record is in "
                f"{inbound.get('country')}."
            )
        if result.key == KeyName.DOMAIN and organisations.group_domain_abroad(inbound, holder, result.value):
            return (
                f"This {what} may be a group's, shared by its companies in several countries: {held} "
                f"({holder['company_name']}, {holder.get('country') or 'another country'}), and this record "
                f"is in {inbound.get('country') or 'another country'}."
            )
        if named_otherwise:
            item.named_otherwise[result.crm_id] = named_otherwise
        if trading_name:
            item.trading_name_of.setdefault(result.crm_id, []).append(trading_name)
        return ""

    def _unit_of_other(self, item: Inbound, holder: dict) -> tuple[str, str]:
        """(the unit's written name, the holder's) when one record's name is the other's with a unit's label
        set off after it ("University of Eastbrook - Library" beside "University of Eastbrook":
        `organisations.unit_of`); () otherwise. An organisation whose units are CRM records of their own
        on its domain gives them its switchboard too: the number says which organisation, not which record."""
        written = self._written_names(item, holder)
        words = [normalise.latin_folded(p.get("company_name") or "").split() for p in (item.profile, holder)]
        if organisations.unit_of(written[1], words[0], holder):
            return written[1], written[1]
        if organisations.unit_of(written[0], words[1], item.profile):
            return written[0], written[1]
        return ()

    def _trading_name(self, item: Inbound, result: KeyResult, holder: dict) -> bool:
        """Whether the inbound name, which clearly differs from the name of the organisation holding its
        domain or phone, is that organisation's trading name (`organisations.trading_name_at_premises`)."""
        if result.key not in (KeyName.DOMAIN, KeyName.PHONE):
            return False
        return organisations.trading_name_at_premises(item.profile, holder, self._written_names(item, holder))

    def named_as_company(self, item: Inbound) -> bool:
        """Whether an inbound person record's one name field holds a company's name
        (`attributes.names_a_company`), or the record names a company and no person at all (a registry's
        organisation, NPPES entity type 2, beside its providers): a business is the record, no person is
        named."""
        profile = item.profile
        if item.named_as_company:
            return True
        if profile["first_name"] or profile["last_name"] or not profile["company_name"]:
            return False
        written = display_values(_attributes_of(item.raw), self.attribute_map).get("full_name")
        return not written or names_a_company(written, profile["company_name"])

    def _written_names(self, item: Inbound, holder: dict) -> tuple[str, str]:
        """The inbound organisation's name and the key holder's, as written (legal forms and all)."""
        return (
            organisations.display_name(display_values(_attributes_of(item.raw), self.attribute_map)),
            organisations.display_name(holder.get("display") or {}),
        )

    def _written_with_extension(self, item: Inbound, holder: dict, number: str) -> bool:
        """Whether the inbound record, or the holder's record as the CRM shows it, writes this number with an
        extension (`normalise.written_with_extension`): an office line, however its plan reads."""
        attributes = _attributes_of(item.raw)
        written = [attributes.get(name) for name in self.attribute_map.get("phone", ())]
        written.append((holder.get("display") or {}).get("phone"))
        return any(type(text) is str and normalise.written_with_extension(text, number) for text in written)

    def _own_mobile(self, item: Inbound, holder: dict, number: str) -> bool:
        """Whether a number is a mobile by its plan, or, where the plan cannot tell, given as a mobile
        (`_given_as_mobile`): a person's own line rather than a home's or an office's."""
        return normalise.is_mobile_number(number) or (
            normalise.may_be_mobile_number(number) and self._given_as_mobile(item, holder, number)
        )

    def _given_as_mobile(self, item: Inbound, holder: dict, number: str) -> bool:
        """Whether the inbound record writes this number in a mobile field (`MOBILE_FIELD`), and the holder's
        record does not hold it as its first number beside another: an export lists the office `Phone`
        before the `MobilePhone` (`attributes.DEFAULT_ATTRIBUTE_MAP`), so that one is its office line."""
        attributes = _attributes_of(item.raw)
        if not any(
            MOBILE_FIELD.search(name) and normalise.written_as(attributes.get(name), number)
            for name in self.attribute_map.get("phone", ())
        ):
            return False
        phones = profile_phones(holder)
        return not (len(phones) > 1 and phones[0] == number)

    def _mistyped(self, item: Inbound, result: KeyResult, holder: dict | None) -> bool:
        """Whether an email key was read, on either side, from an address at a mistyped provider domain
        (`normalise.mistyped_addresses`): then it links only when both names confirm it."""
        if (
            result.key != KeyName.EMAIL
            or result.value.rpartition("@")[2] not in normalise.MAJOR_MAIL_PROVIDERS
        ):
            return False
        written = (
            display_values(_attributes_of(item.raw), self.attribute_map).get("emails"),
            ((holder or {}).get("display") or {}).get("emails"),
        )
        return any(result.value in normalise.mistyped_addresses(text) for text in written)

    def _name_made_and_mistyped(self, item: Inbound, result: KeyResult, holder: dict | None) -> bool:
        """A mistyped address whose mailbox name is made only of the record's names (jane.doe@gmial.com):
        a namesake colleague may have mistyped their own address as well, so it waits on the candidates like
        a shared key. A mailbox name with more in it (jane.doe77) names one mailbox, whoever else is called so.
        """
        return self._mistyped(item, result, holder) and normalise.name_made_user_name(
            normalise.user_name(result.value), item.profile.get("first_name"), item.profile.get("last_name")
        )

    def _written_first_name(self, item: Inbound) -> str:
        """The inbound first name as written (accents kept), "" when it came inside a full name."""
        return str(display_values(_attributes_of(item.raw), self.attribute_map).get("first_name") or "")

    def _deterministic(
        self, item: Inbound, links, results: list[KeyResult], holders, refs
    ) -> Resolution | None:
        for key in self.key_precedence:
            if key == KeyName.CRM_ID and item.crm_id:
                return self._to_target(item, item.crm_id, KeyName.CRM_ID, refs)
            if key == KeyName.IDENTITY_LINK and (item.source_system, item.external_id) in links:
                crm_id, link_method = links[(item.source_system, item.external_id)]
                return self._to_target(item, crm_id, KeyName.IDENTITY_LINK, refs, link_method=link_method)

        notes = [note for result in results if (note := _key_note(result))]
        item.domain_shared = any(result.key == KeyName.DOMAIN and result.shared_by for result in results)
        deciding = []
        self._company_named_after_holder(item, results, holders)
        unreadable = self._names_in_other_script(item, results, holders)
        for result in results:
            if not result.crm_id:
                continue
            holder = holders.get(result.crm_id)
            contradiction = self._contradiction(
                item,
                result,
                holder,
                names_unreadable=result.crm_id in unreadable or self._kanji_against_latin(item, holder),
            )
            if contradiction:
                notes.append(contradiction)
                item.contradicted.add(result.crm_id)
            else:
                deciding.append(result)
        if any(result.key != KeyName.COMPANY_PAGE for result in deciding):
            # A LinkedIn page is a brand's, as a domain is, and a CRM that holds a company twice often has the
            # page on one record and the domain on the other: another key decides, the page adds nothing.
            deciding = [result for result in deciding if result.key != KeyName.COMPANY_PAGE]
        if not deciding:
            item.key_notes = notes
            return None
        first = deciding[0]
        disagreeing = [result for result in deciding if result.crm_id != first.crm_id]
        if disagreeing and self.rules.stop_on_key_conflict:
            held = [f"{KEY_WORDS.get(r.key, r.key)} {r.value} is on CRM record {r.crm_id}" for r in deciding]
            notes.append(f"The keys point to different CRM records: {_joined(held)}.")
            item.key_notes = notes
            item.key_conflict = [_key_evidence(r) for r in deciding]
            item.key_conflict_ids = frozenset(r.crm_id for r in deciding)
            return None  # `_key_conflict`: in review with the key holders among the candidates
        resolution = self._to_target(item, first.held_by or first.crm_id, first.key, refs)
        resolution.mailbox_record = first.mailbox_record
        resolution.explanation = [_key_evidence(first)]
        resolution.notes = notes + resolution.notes
        holder = holders.get(first.crm_id)
        if (
            resolution.matched
            and holder
            and not self._personal(first.key)
            and _companies_differ(item.profile, holder, self.rules.contradiction_similarity)
        ):
            resolution.employer_changed = True
        if first.crm_id in item.named_otherwise:
            resolution.notes.append(item.named_otherwise[first.crm_id])
        elif resolution.employer_changed and first.crm_id not in item.trading_name_of:
            resolution.notes.append(
                f"CRM record {first.crm_id} writes the name otherwise ({holder['company_name']}: another "
                f"script, or initials); the {KEY_WORDS.get(first.key, first.key)} decides."
                if self.rules.entity_kind == EntityKind.ORGANISATION
                else f"CRM record {first.crm_id} names another company ({holder['company_name']}); the same "
                f"name and {KEY_WORDS.get(first.key, first.key)}: the person changed jobs."
            )
        if resolution.matched and holder and first.crm_id in item.trading_name_of:
            item.key_notes = notes
            item.shared_key_link = resolution
            item.shared_key_holder = holder
            return None  # decided in `_decide_shared_key`, once the candidates show who else has the name
        if (
            resolution.matched
            and (
                not self._personal(first.key)
                or self._surname_differs(item, holder)
                or self._name_made_and_mistyped(item, first, holder)
            )
            and self._has_names(item)
            and holder
        ):
            item.shared_key_mistyped = self._mistyped(item, first, holder)
            item.key_notes = notes
            item.shared_key_link = resolution
            item.shared_key_holder = holder
            return None  # decided in `_decide`, once the candidates show any namesake
        return resolution

    def _personal(self, key: str) -> bool:
        """Whether the key names one person (a CRM id stored for the record always does)."""
        return key in self.rules.personal_keys or key == KeyName.CRM_REFERENCE

    def _names_in_other_script(self, item: Inbound, results: list[KeyResult], holders) -> set[str]:
        """CRM ids whose record writes the person's name in another script than the inbound record (山田 太郎,
        박 지훈 against Taro Yamada, Ji-hoon Park) and holds both the record's mailbox, made of the record's
        own names (taro_yamada@, jihoon.park@), and its mobile (by the numbering plan). A transliteration
        (anyascii reads kanji as Chinese, Hangul by another system) cannot tell such names apart; a mailbox
        named after this very person and their own mobile can: a successor handed a mailbox does not find it
        named after themselves, nor a mobile with it."""
        if self.rules.entity_kind != EntityKind.PERSON:
            return set()
        first, last = item.profile.get("first_name"), item.profile.get("last_name")
        mailboxes = {
            result.crm_id
            for result in results
            if result.key == KeyName.EMAIL
            and result.crm_id
            and normalise.name_made_user_name(normalise.user_name(result.value), first, last)
        }
        if not mailboxes or not (first or last):
            return set()
        mobiles = {
            result.crm_id
            for result in results
            if result.key == KeyName.PHONE and result.crm_id and normalise.is_mobile_number(result.value)
        }
        written = display_values(_attributes_of(item.raw), self.attribute_map)
        return {
            crm_id
            for crm_id in mailboxes & mobiles
            if _scripts_differ(written, (holders.get(crm_id) or {}).get("display") or {})
        }

    def _kanji_against_latin(self, item: Inbound, holder: dict | None) -> bool:
        """Whether one of the two records writes the person's name in kanji and the other in Latin letters,
        the kanji on a record written in Japan. Kanji say how a Japanese name is written, not how it is read
        (佐藤 is Satō; anyascii reads it as Chinese, "zuoteng"): such names cannot be compared, and are not
        held against a key, as a record without a name is not. Kana read as they sound and are compared."""
        if self.rules.entity_kind != EntityKind.PERSON or not holder:
            return False
        written = display_values(_attributes_of(item.raw), self.attribute_map)
        held = holder.get("display") or {}
        if not _scripts_differ(written, held):
            return False
        if _names_in_kanji(written):
            postcode = first_value(_attributes_of(item.raw), self.attribute_map.get("postcode", []))
            return item.profile.get("country") == "JP" or _written_in_japan(written, postcode)
        return _names_in_kanji(held) and (
            holder.get("country") == "JP" or _written_in_japan(held, holder.get("postcode"))
        )

    def _surname_differs(self, item: Inbound, holder: dict | None) -> bool:
        """A personal key kept beside another surname (a marriage, `_contradiction`): it still waits for the
        candidates, in case the CRM holds this record's very name at the holder's company (`_decide_shared_key`):
        then the address is a colleague's, an assistant's who registered an executive."""
        first, last = item.profile.get("first_name"), item.profile.get("last_name")
        held_first, held_last = (holder or {}).get("first_name"), (holder or {}).get("last_name")
        if not (first and last and held_first and held_last):
            return False
        below = self.rules.contradiction_similarity
        if _name_close(first, held_last, below) and _name_close(last, held_first, below):
            return False  # "PEMBERTON, Freya": the same two names, swapped
        return normalise.name_closeness(last, held_last) < below

    def _has_names(self, item: Inbound) -> bool:
        return self.rules.entity_kind == EntityKind.PERSON and bool(
            item.profile.get("first_name") and item.profile.get("last_name")
        )

    # -- probabilistic --------------------------------------------------------------------------------------

    def _probabilistic(self, items: list[Inbound], hits, refs) -> list[Resolution]:
        """Score every blocked candidate, then explain only the best few.

        All candidates of the batch are read once with just their comparison values and scored in bulk
        (`Scorer.totals`, the same sums as `Scorer.total`); the full profiles, levels and contributions are
        read and built for the candidates that rank in the top MAX_CANDIDATES + 1 only.
        """
        if self.rules.entity_kind == EntityKind.DEAL:
            note = "Deals are matched by CRM id or external id only, and neither found a record."
            return [
                self._resolution(item, ReviewReason.NO_MATCH, notes=[*item.key_notes, note]) for item in items
            ]
        keys_per_item = self.search_keys(items)
        members = self.reader.block_members(set().union(*keys_per_item), self.rules.max_block_size)
        key_ids_per_item = [
            {ref.id for key in self._key_lookups(item) for ref in hits.get(key, ())} for item in items
        ]
        scorers = [self.scorer.against(item.profile) for item in items]
        block_tokens = self.reader.block_tokens
        if block_tokens is None:  # big blocks are narrowed by their members' values: read them all
            rows = self._scoring_rows(set().union(*members.values(), *key_ids_per_item))
            values = {record_id: record_values for record_id, (_, record_values) in rows.items()}
        narrower = blocking.Narrower(
            members,
            values if block_tokens is None else {},
            self.forced_by_kind,
            self.rules.narrow_block_size,
            block_tokens=block_tokens,
            key_comparisons=self.key_comparisons,
        )
        # The holders of a record's key lookups are candidates whatever its blocks (`Narrower`).
        candidate_ids_per_item = [
            self._blocked_candidates(narrower, keys, scorer.values, self._key_lookups(item), key_ids)
            for item, keys, scorer, key_ids in zip(
                items, keys_per_item, scorers, key_ids_per_item, strict=True
            )
        ]
        if block_tokens is not None:  # the reader narrowed on its own values: the candidates' are read
            rows = self._scoring_rows(set().union(*candidate_ids_per_item))
            values = {record_id: record_values for record_id, (_, record_values) in rows.items()}
        for ref, _ in rows.values():
            refs.setdefault(ref.crm_id, ref)
        self.reader.add_survivors(refs)
        live_targets = self._live_targets(rows, refs)
        record_ids = [sorted(i for i in ids if i in live_targets) for ids in candidate_ids_per_item]
        if len(items) > 1:  # a batch is levelled comparison by comparison; one record levels its own
            remember_batch(scorers, [[values[i] for i in ids] for ids in record_ids])
        shared_numbers = [
            self._shared_numbers(scorer, ids, live_targets, values)
            for scorer, ids in zip(scorers, record_ids, strict=True)
        ]
        shortlists = [
            self._shortlist(
                scorer, ids, live_targets, values, self._without_shared_numbers(scorer, ids, values, shared)
            )
            for scorer, ids, shared in zip(scorers, record_ids, shared_numbers, strict=True)
        ]
        profiles = self.reader.profiles(
            {entry[2] for shortlist, _ in shortlists for entry in shortlist}, REVIEW_ATTRIBUTES
        )
        context = [
            {
                **self._candidate_context(item, hits),
                "shared_numbers": shared,
                "household_holders": self._household_holders(item, scorer, hits, values),
            }
            for item, scorer, shared in zip(items, scorers, shared_numbers, strict=True)
        ]
        decided = []
        for item, scorer, (shortlist, _), flags in zip(items, scorers, shortlists, context, strict=True):
            candidates = self._candidates(scorer, shortlist, values, profiles, **flags)
            decided.append((self._decision(item, candidates), candidates))
        self._relist_on_national_numbers(
            items,
            ScoredBatch(scorers, record_ids, live_targets, values, shortlists, profiles, context, refs),
            decided,
        )
        # The extras only ever serve the review list: looked for (and read) for the records left for review.
        extras = [
            self._extras(scorer, rest, values) if candidates and not resolution.matched else []
            for scorer, (_, rest), (resolution, candidates) in zip(scorers, shortlists, decided, strict=True)
        ]
        wanted = {entry[2] for found in extras for entry in found} - profiles.keys()
        if wanted:
            profiles.update(self.reader.profiles(wanted, REVIEW_ATTRIBUTES))
        return [
            self._listed(
                item,
                resolution,
                candidates + self._candidates(scorer, found, values, profiles, **flags)
                if found
                else candidates,
            )
            for item, scorer, found, (resolution, candidates), flags in zip(
                items, scorers, extras, decided, context, strict=True
            )
        ]

    def _blocked_candidates(self, narrower, keys, values: tuple, lookups, key_ids: set[int]) -> set[int]:
        """A record's candidates: its key lookups' holders and its blocks' members, the fallback rules' blocks
        (`blocking.FALLBACK_BLOCKING_RULES`) only when nothing else found one."""
        primary = {key for key in keys if key[0] not in self.fallback_kinds}
        found = narrower.candidates(primary, values, lookups) | key_ids
        if found or len(primary) == len(keys):
            return found
        return narrower.candidates(keys, values, lookups) | key_ids

    def _relist_on_national_numbers(self, items, batch: ScoredBatch, decided) -> None:
        """Rank again the candidates of a record left for review that writes a number in a national form
        without a country ("010-7028-4224"): the records whose own number it is, read in their own country,
        are candidates whatever the blocks, and agree on the phone. Its country is a guess (a French and a
        Dutch 06 mobile share their ten digits; "631 52 28 60" is a valid number in two dozen countries), so
        it is never a key and never vetoes; the list a person sees is ordered with it. It is decided again
        only where the number is one CRM record's own (`_decided_on_own_number`)."""
        phone = self.phone_level
        if phone is None:
            return
        waiting = [
            position
            for position, (item, (resolution, _)) in enumerate(zip(items, decided, strict=True))
            if not resolution.matched and self._unread_phones(item)
        ]
        found = self.reader.key_hits(set().union(*(self._national_lookups(items[at]) for at in waiting)))
        holders_at = {position: self._national_holders(items[position], found) for position in waiting}
        # The whole batch's holders, read once.
        self._read_more(batch, set().union(*(set().union(*of.values()) for of in holders_at.values())))
        values, record_ids, shortlists = batch.values, batch.record_ids, batch.shortlists
        relisted, owners = [], {}
        for position, holders_of in holders_at.items():
            texts = self._unread_phones(items[position])
            holders = set().union(*holders_of.values())
            ids = sorted({*record_ids[position], *(i for i in holders if i in batch.live_targets)})
            agreeing = [
                at
                for at, record_id in enumerate(ids)
                if any(
                    normalise.reads_as(text, number)
                    for number in _listed(values[record_id][phone])
                    if number
                    for text in texts
                )
            ]
            scorer = batch.scorers[position]
            own = {
                i: target
                for i, target in _own_number_holders(holders_of, batch.live_targets).items()
                if i in ids
            }
            if (
                ids == record_ids[position]
            ):  # no new candidate: relisted if one agrees anew or on its own line
                agreeing = [at for at in agreeing if scorer.level_in_column(phone, at) != 0]
                if not (agreeing or own):
                    continue
                totals = shortlists[position][1][0]
            elif agreeing:
                totals = scorer.totals([values[i] for i in ids])
            else:
                continue
            record_ids[position] = ids
            scores = scorer.agreed_at(phone, agreeing, totals)
            shortlists[position] = self._shortlist(scorer, ids, batch.live_targets, values, scores)
            relisted.append(position)
            owners[position] = own
        profiles = batch.profiles
        wanted = {entry[2] for position in relisted for entry in shortlists[position][0]} - profiles.keys()
        if wanted:
            profiles.update(self.reader.profiles(wanted, REVIEW_ATTRIBUTES))
        for position in relisted:
            own = owners[position]
            candidates = self._candidates(
                batch.scorers[position],
                shortlists[position][0],
                values,
                profiles,
                **batch.context[position],
                own_number_holders=frozenset(own),
            )
            resolution = self._decided_on_own_number(items[position], candidates, own)
            decided[position] = (resolution or decided[position][0], candidates)

    def _decided_on_own_number(
        self, item: Inbound, candidates: list[Candidate], own: dict[int, str]
    ) -> Resolution | None:
        """The link to the one CRM record whose own number a record without a country writes nationally
        ("070-1291-7524" on a record in Japan that holds +81 70-1291-7524), when it wins on every other
        check a link passes (threshold, vetoes, ties, the margin over the rest, namesake colleagues): the
        country is the candidate's own, and no other record holds the number in any country's reading, so
        it is that person's line. None when it does not link (the decision made without it stands). A
        number written with an extension is a switchboard's and never counts (`_own_number_holders`)."""
        if not own:
            return None
        resolution = self._decision(item, candidates)
        if not resolution.matched or resolution.crm_id not in own.values():
            return None
        resolution.notes = [
            *resolution.notes,
            f"Its number written without a country reads, in the country of CRM record {resolution.crm_id}, "
            "as that record's own number, which no other CRM record holds.",
        ]
        return resolution

    def _national_holders(self, item: Inbound, found) -> dict[str, set[int]]:
        """Each of `item`'s national numbers -> the records (`found` by `_national_lookups`) whose own number
        it reads as."""
        lookups = self._national_lookups(item)
        return {
            text: {
                ref.id
                for lookup in lookups
                for ref in found.get(lookup, ())
                if normalise.reads_as(text, lookup[1])
            }
            for text in self._unread_phones(item)
        }

    def _read_more(self, batch: ScoredBatch, record_ids: set[int]) -> None:
        """Add the scoring values and live targets of those of `record_ids` the batch has not read yet."""
        if unread := record_ids - batch.values.keys():
            rows = self._scoring_rows(unread)
            for ref, row in rows.values():
                batch.refs.setdefault(ref.crm_id, ref)
                batch.values[ref.id] = row
            self.reader.add_survivors(batch.refs)
            batch.live_targets.update(self._live_targets(rows, batch.refs))

    def _scoring_rows(self, record_ids: set[int]) -> dict[int, tuple[RecordRef, tuple]]:
        return self.reader.scoring_values(record_ids, self.scorer.attributes, self.scorer.values)

    def _live_targets(self, rows: dict, refs) -> dict[int, str]:
        """Record id -> the live CRM id it stands for (itself, or its survivor); dead ends left out."""
        targets = {}
        for record_id, (ref, _) in rows.items():
            if not ref.merged_into and not ref.is_deleted:  # the common case, without following anything
                targets[record_id] = ref.crm_id
                continue
            target = self._follow(ref.crm_id, refs)
            if target.status == "live":
                targets[record_id] = target.crm_id
        return targets

    def _shortlist(
        self, scorer: InboundScorer, record_ids: list[int], live_targets, values, scores=None
    ) -> tuple[list[tuple], tuple[list, list[tuple]]]:
        """(score, target crm id, scored record id, extra, its position among `record_ids`) of the
        best-ranked candidates, best first; and the rest, where the review list's extras are looked for
        (`_extras`): the scores and the others' (-score, crm id, record id, position), in rank order. A target reached through several records (a survivor and its merged
        duplicates) keeps its best score, the lowest record id among equals (`record_ids` come sorted). The
        position reads the levels `scorer.totals` kept (`InboundScorer.levels_at`). `scores`: totals already
        made (`_relist_on_national_numbers`)."""
        if scores is None:
            scores = scorer.totals([values[i] for i in record_ids])
        targets = [live_targets[i] for i in record_ids]
        # Best score first, then the CRM id (one order for the shortlist and the rest), sorted as tuples;
        # of a target's records, the first is its best score, the lowest record id among equals.
        ranked = sorted(zip(map(neg, scores), targets, record_ids, range(len(record_ids)), strict=True))
        if len(set(targets)) < len(targets):  # a survivor and its merged duplicates: each target once
            seen: set[str] = set()
            ranked = [entry for entry in ranked if entry[1] not in seen and not seen.add(entry[1])]
        shortlist = [
            (scores[at], crm_id, record_id, False, at)
            for _, crm_id, record_id, at in ranked[: MAX_CANDIDATES + 1]
        ]
        return shortlist, (scores, ranked[MAX_CANDIDATES + 1 :])

    @staticmethod
    def _extras(scorer: InboundScorer, rest: list[tuple], values) -> list[tuple]:
        """A reviewer looks for the person among those whose names agree: when the best scores go to others
        (colleagues at a new employer share its company and domain), the best name-agreeing candidates of
        `rest` (`_shortlist`) come along as extras, for the review list only (`_listed`). Read from the
        levels the record's last `scorer.totals` kept."""
        extras = []
        scores, ranked = rest
        for _, crm_id, record_id, at in ranked:  # in rank order, names asked until enough agree
            if scorer.names_agree_at(at, values[record_id]):
                extras.append((scores[at], crm_id, record_id, True, at))
                if len(extras) == MAX_CANDIDATES:
                    break
        return extras

    def blocked_pair_levels(self, records: list[dict]) -> list[tuple[int, ...]]:
        """Comparison levels of every (inbound, live mirror record) pair that shares a block: EM's input."""
        self.reader.prepare()
        items = self.inbounds(records)
        keys_per_item = self.search_keys(items)
        members = self.reader.block_members(set().union(*keys_per_item), self.rules.max_block_size)
        ids_per_item = [self._blocked_members(keys, members) for keys in keys_per_item]
        rows = self.reader.scoring_values(
            set().union(*ids_per_item), self.scorer.attributes, self.scorer.values
        )
        live = {
            record_id: values
            for record_id, (ref, values) in rows.items()
            if not ref.is_deleted and not ref.merged_into
        }
        pairs = []
        for item, ids in zip(items, ids_per_item, strict=True):
            scorer = self.scorer.against(item.profile)
            pairs += [scorer.levels(live[record_id]) for record_id in ids if record_id in live]
        return pairs

    def _blocked_members(self, keys, members) -> set[int]:
        """Every member of a record's blocks (`blocks_searched`)."""
        return {i for key in self.blocks_searched(keys, members) for i in members.get(key, ())}

    def blocks_searched(self, keys, members):
        """A record's block keys that give its candidates: the fallback rules' (`FALLBACK_BLOCKING_RULES`) only
        when no other block has a member."""
        primary = [key for key in keys if key[0] not in self.fallback_kinds]
        if len(primary) < len(keys) and not any(members.get(key) for key in primary):
            return keys
        return primary

    def random_pair_levels(
        self, size: int = 2000, *, seed: int = 0, part: tuple[int, int] = (0, 1)
    ) -> list[tuple[int, ...]]:
        """Comparison levels of random mirror record pairs: almost all non-matches, so they estimate u.
        `part` (k, n): only the k-th of n consecutive slices of the pairs, so that n processes level them
        between them (the slices, joined in order, are the whole list)."""
        values = self.reader.sample_values(size, self.scorer.values, seed=seed)  # each record's once
        rng = random.Random(seed)  # noqa: S311 - sampling, not security
        rng.shuffle(values)
        index, parts = part
        pairs = max(len(values) - 1, 0)
        start, end = pairs * index // parts, pairs * (index + 1) // parts
        return self.scorer.pair_levels(values[start:end], values[start + 1 : end + 1])

    def _shared_numbers(self, scorer: InboundScorer, ids: list[int], live_targets, values) -> tuple[int, ...]:
        """The personal identifiers (`identity_numbers`) of the record whose value two or more live CRM records
        of other names or birth dates hold among its candidates (`_one_person`: two records of one person are
        a CRM duplicate, which the number still names): a household's, an account's or a policy's number, not
        one person's, as a number several records hold is a switchboard (`_phone_shared`). Its holders are
        its candidates when the flow blocks on it (the offline run's `--attribute` does; a household's other
        holders share its surname and address blocks anyway)."""
        shared = []
        for index in self.identity_numbers:
            ours = scorer.values[index]
            if not ours or not isinstance(ours, str):
                continue
            holders = {live_targets[i]: values[i] for i in ids if values[i][index] == ours}
            if len(holders) > 1 and not self._one_person(list(holders.values())):
                shared.append(index)
        return tuple(shared)

    def _one_person(self, holders: list[tuple]) -> bool:
        """Whether the CRM records holding one number are a duplicate of one person: each pair's names alike
        (a typo or a nickname apart, `normalise.name_closeness`, in either order) and their dates of birth the
        same or a slip apart, rather than a household's or an account's several people."""
        if not self.scorer.name_pair:
            return False
        first, last = self.scorer.name_pair
        birth = self.scorer.level_index("date_of_birth")
        return all(
            _same_names(one[first], one[last], other[first], other[last])
            and (birth is None or _same_birth(one[birth], other[birth]))
            for at, one in enumerate(holders)
            for other in holders[at + 1 :]
        )

    def _without_shared_numbers(self, scorer: InboundScorer, ids: list[int], values, shared: tuple[int, ...]):
        """The candidates' totals with a shared identifier's agreement left out (None when none is shared:
        `_shortlist` totals them): a number several CRM records hold is no evidence of any one of them."""
        if not shared:
            return None
        scores = scorer.totals([values[i] for i in ids])
        for index in shared:
            ours, weight = scorer.values[index], self.scorer.weights[index][0]
            scores = [
                score - weight if values[i][index] == ours else score
                for score, i in zip(scores, ids, strict=True)
            ]
        return scores

    def _candidate_context(self, item: Inbound, hits) -> dict:
        """What weighing each candidate of `item` reads besides its levels (`_candidates`)."""
        shared_phone = self._phone_shared(item, hits)
        mailbox_holders = self._mailbox_holders(item, hits)
        return {
            "mailbox_held": self._mailbox_held(item, hits),
            "mailbox_holders": mailbox_holders,
            "contact_holders": self._contact_holders(item, hits, mailbox_holders),
            "shared_phone": shared_phone,
            "desk_line": self._desk_line(item) if shared_phone else (),
        }

    def _desk_line(self, item: Inbound) -> tuple[str, str]:
        """(number, extension) when a person's record writes its number with an extension
        (`normalise.written_extension`); () otherwise. A switchboard several CRM records hold says which
        company; the extension says which desk it puts the caller through to."""
        number = item.profile.get("phone")
        if self.rules.entity_kind != EntityKind.PERSON or not number:
            return ()
        attributes = _attributes_of(item.raw)
        for name in self.attribute_map.get("phone", ()):
            text = attributes.get(name)
            if (
                type(text) is str
                and normalise.may_write_extension(text)
                and (extension := normalise.written_extension(text, number))
            ):
                return number, extension
        return ()

    @staticmethod
    def _mailbox_held(item: Inbound, hits) -> bool:
        """Whether one of the record's addresses is on a CRM record already (its holder's, or a mailbox
        handed on to this person): then another address on the person's own record is no sign of another
        person (`ONE_MAILBOX_PER_DOMAIN`)."""
        return any(hits.get((IdentifierKind.EMAIL, address)) for address in item.profile["emails"])

    @staticmethod
    def _mailbox_holders(item: Inbound, hits) -> frozenset[str]:
        """The CRM ids holding one of the record's addresses, role and shared ones too (a household's
        smithfamily@, which is no key but which a namesake elsewhere does not hold)."""
        return frozenset(
            ref.crm_id
            for address in item.profile["emails"]
            for ref in hits.get((IdentifierKind.EMAIL, address), ())
        )

    @staticmethod
    def _contact_holders(item: Inbound, hits, mailbox_holders: frozenset[str]) -> frozenset[str]:
        """The CRM ids holding both one of the record's addresses (`mailbox_holders`) and its phone: the
        person whose contact details the record gives (an assistant who registers her executive with her own
        address and line)."""
        phone = item.profile.get("phone")
        if not phone:
            return frozenset()
        return mailbox_holders & {ref.crm_id for ref in hits.get((IdentifierKind.PHONE, phone), ())}

    def _household_holders(self, item: Inbound, scorer: InboundScorer, hits, values) -> frozenset[str]:
        """The CRM ids holding one of a person's record's numbers who are another member of its family
        (`key_checks.another_household_member`): the same surname, another first name, and not the employer
        the record names (a colleague of the surname on the firm's line is an office's, not a home's). The
        record gives their line as its own, as a sibling, a spouse or a grown child gives the family's
        landline: beside the names, it says "a member of that household", whoever else of the name the CRM
        holds."""
        if self.rules.entity_kind != EntityKind.PERSON or not self.scorer.name_pair:
            return frozenset()
        first, last = self.scorer.name_pair
        inbound = {"first_name": scorer.values[first], "last_name": scorer.values[last]}
        if not all(type(name) is str and name for name in inbound.values()):
            return frozenset()
        company = self.scorer.level_index("company_name")
        employer = scorer.values[company] if company is not None else None
        holders = set()
        for number in profile_phones(item.profile):
            for ref in hits.get((IdentifierKind.PHONE, number), ()):
                held = values.get(ref.id)
                if held is None or _same_employer(employer, held[company] if company is not None else None):
                    continue
                holder = {"first_name": held[first], "last_name": held[last]}
                if all(type(name) is str for name in holder.values()) and key_checks.another_household_member(
                    inbound, holder, DEFAULT_VETO_SIMILARITY
                ):
                    holders.add(ref.crm_id)
        return frozenset(holders)

    @staticmethod
    def _phone_shared(item: Inbound, hits) -> bool:
        """Whether the record's phone is on several CRM records (a switchboard: extensions are not part of a
        number): agreeing on it is what colleagues share, not something personal."""
        phone = item.profile.get("phone")
        holders = {ref.crm_id for ref in hits.get((IdentifierKind.PHONE, phone), ())} if phone else set()
        if phone and holders:
            holders.update(_national_holders(phone, hits))
        if len(holders) > 1:
            return True
        # A sales-intelligence export gives a direct dial and the company's switchboard ("Direct Phone Number",
        # "Company HQ Phone"): when no CRM record holds the direct dial, the only number that can agree is the
        # switchboard, and agreeing on it is still what colleagues share.
        held = [
            {ref.crm_id for ref in hits.get((IdentifierKind.PHONE, number), ())}
            for number in profile_phones(item.profile)
        ]
        held = [crm_ids for crm_ids in held if crm_ids]
        return bool(held) and all(len(crm_ids) > 1 for crm_ids in held)

    def _candidates(
        self,
        scorer: InboundScorer,
        shortlist: list[tuple],
        values: dict,
        profiles: dict[int, dict],
        *,
        mailbox_held: bool = False,
        mailbox_holders: frozenset[str] = frozenset(),
        contact_holders: frozenset[str] = frozenset(),
        shared_phone: bool = False,
        desk_line: tuple[str, str] = (),
        own_number_holders: frozenset[int] = frozenset(),
        shared_numbers: tuple[int, ...] = (),
        household_holders: frozenset[str] = frozenset(),
    ) -> list[Candidate]:
        """The shortlisted candidates, best first; those a person will see with their contributions (the
        extra one, which only tells whether the runner-up is close, without).

        A number several CRM records hold (`shared_phone`) is a switchboard: agreeing on it is company
        evidence, not personal. Except for the candidate whose record writes it with the very extension the
        inbound record writes (`desk_line`): that is the person's own desk line, as personal as a direct
        dial (a colleague of the same name on the same extension is no real risk; a successor at that desk
        has another name, which the name vetoes weigh). And except for a record whose own number, held by no
        other record, the inbound record writes without a country (`own_number_holders`): its agreement on
        the phone is that number's."""
        candidates = []
        explain = self.explain
        for rank, (score, crm_id, record_id, extra, position) in enumerate(shortlist):
            profile, candidate_values = profiles[record_id], values[record_id]
            own_desk = (
                bool(desk_line)
                and normalise.written_extension((profile["display"] or {}).get("phone"), desk_line[0])
                == desk_line[1]
            )
            shared = shared_phone and not own_desk and record_id not in own_number_holders
            holds_mailbox = crm_id in mailbox_holders or profile["crm_id"] in mailbox_holders
            # the record's address and phone are both another CRM person's
            others_contacts = bool(contact_holders - {crm_id, profile["crm_id"]})
            # the record's phone is another member's of its family (`_household_holders`)
            others_household = bool(household_holders - {crm_id, profile["crm_id"]})
            phone = self.phone_level if shared else None
            shown = rank < MAX_CANDIDATES or extra
            contributions = []
            if explain:
                levels = scorer.levels_at(position, candidate_values)
                if shown:
                    swapped = scorer.is_swapped(candidate_values, levels)
                    contributions = self.scorer.explained(scorer.values, candidate_values, levels, swapped)
                    if shared_numbers:
                        self._uncount_shared_numbers(contributions, levels, shared_numbers)
                veto_check = functools.partial(
                    self._candidate_vetoes,
                    scorer,
                    candidate_values,
                    levels,
                    mailbox_held,
                    shared,
                    holds_mailbox,
                    shared_numbers=shared_numbers,
                    others_contacts=others_contacts,
                    others_household=others_household,
                )
            else:  # the levels are read again only if a decision reads this candidate's vetoes
                veto_check = functools.partial(
                    self._candidate_vetoes_at,
                    scorer,
                    position,
                    candidate_values,
                    mailbox_held,
                    shared,
                    holds_mailbox,
                    shared_numbers=shared_numbers,
                    others_contacts=others_contacts,
                    others_household=others_household,
                )
            # A number's level is never one of the names that `levels_at` may swap: read from its column.
            phone_level = scorer.level_in_column(phone, position) if phone is not None else MISSING
            candidates.append(
                Candidate(
                    crm_id=crm_id,
                    score=score,
                    probability=self.scorer.probability(score),
                    contributions=contributions,
                    vetoed_by=veto_check() if explain else None,
                    veto_check=veto_check,
                    display=profile["display"],
                    # Without `explain`, built when a decision reads them (`Candidate.review_attributes`).
                    attributes=(_attributes_for_review(profile) if explain else None) if shown else {},
                    review_profile=profile if shown else None,
                    note=f"scored on merged record {profile['crm_id']}"
                    if crm_id != profile["crm_id"]
                    else "",
                    names_agree=scorer.names_agree_at(position, candidate_values),
                    extra=extra,
                    shared_weight=self.scorer.weights[phone][phone_level] if phone_level != MISSING else 0.0,
                    desk_extension=desk_line[1] if own_desk else "",
                    identified=self._identified_by_number(scorer, position, candidate_values, shared_numbers),
                    identified_by_profile=self._identified_by_number(
                        scorer, position, candidate_values, shared_numbers, self.profile_numbers
                    ),
                )
            )
        return candidates

    def _identified_by_number(
        self,
        scorer: InboundScorer,
        position: int,
        candidate_values: tuple,
        shared_numbers: tuple[int, ...],
        numbers: list[int] | None = None,
    ) -> bool:
        """Whether the candidate at `position` holds the record's own personal identifier (one no two CRM
        people hold; one of `numbers`, by default any) and has its names: both written on both sides (either
        way round), each the same, a nickname, an initial or a part of the other, or a slip from it (the
        closest similarity level; a name only loosely alike, "Maria" and "Mark", is another person's)."""
        numbers = self.identity_numbers if numbers is None else numbers
        if not numbers or not self.scorer.name_pair:
            return False
        if not any(
            scorer.level_in_column(index, position) == 0 for index in numbers if index not in shared_numbers
        ):
            return False
        levels = scorer.levels_at(position, candidate_values)
        return all(
            levels[index] != MISSING and levels[index] <= self._close_name_level(index)
            for index in self.scorer.name_pair
        )

    def _close_name_level(self, index: int) -> int:
        """The loosest level of name comparison `index` that still reads as the same name: exact, then (a
        name comparison's) nickname, initial or part, then its closest similarity level; never "different"."""
        comparison = self.scorer.comparisons[index]
        closest = 1 + (comparison["method"] == "name")
        return min(closest, len(self.scorer.labels[index]) - 2)

    def _uncount_shared_numbers(self, contributions: list[dict], levels, shared_numbers) -> None:
        """Show an identifier several CRM people hold as agreeing but not counted, as `_without_shared_numbers`
        left its weight out of the score."""
        shared = {self.scorer.attributes[index] for index in shared_numbers if levels[index] == 0}
        for contribution in contributions:
            if contribution["attribute"] in shared:
                contribution["level"] += " (held by several CRM records: not counted)"
                contribution["weight"] = 0.0

    def _candidate_vetoes_at(
        self,
        scorer: InboundScorer,
        position: int,
        candidate_values: tuple,
        mailbox_held: bool,
        shared_phone: bool,
        holds_mailbox: bool = False,
        shared_numbers: tuple[int, ...] = (),
        others_contacts: bool = False,
        others_household: bool = False,
    ) -> list[str]:
        """`_candidate_vetoes` of the candidate at `position` of what `scorer.totals` last totalled."""
        levels = scorer.levels_at(position, candidate_values)
        return self._candidate_vetoes(
            scorer,
            candidate_values,
            levels,
            mailbox_held,
            shared_phone,
            holds_mailbox,
            shared_numbers=shared_numbers,
            others_contacts=others_contacts,
            others_household=others_household,
        )

    def _candidate_vetoes(
        self,
        scorer: InboundScorer,
        candidate_values: tuple,
        levels: tuple[int, ...],
        mailbox_held: bool,
        shared_phone: bool,
        holds_mailbox: bool = False,
        shared_numbers: tuple[int, ...] = (),
        others_contacts: bool = False,
        others_household: bool = False,
    ) -> list[str]:
        """Every veto a shortlisted candidate trips (`Candidate.vetoed_by`). `holds_mailbox`: the candidate's
        record holds one of the record's addresses, a role or shared one too; `others_contacts`: another CRM
        record holds both the record's address and its phone; `others_household`: another CRM record of
        the record's family holds its phone (`_household_holders`)."""
        return self._vetoes(
            scorer,
            candidate_values,
            levels,
            mailbox_held=mailbox_held,
            shared_phone=shared_phone,
            holds_mailbox=holds_mailbox,
            shared_numbers=shared_numbers,
            others_contacts=others_contacts,
            others_household=others_household,
        ) + self._initial_only(scorer, candidate_values, levels)

    def _initial_only(
        self, scorer: InboundScorer, candidate_values: tuple, levels: tuple[int, ...]
    ) -> list[str]:
        """["first_name"] when a first name agrees only as an initial ("T." for Thomas), nothing personal
        (email, phone, date of birth) agrees, and the company is named after the surname: in a family firm
        "T. Weber" at Weber Bau, at Thomas Weber's address, is as likely Tobias as Thomas."""
        if not self.weak_first_name or not self.scorer.name_pair:
            return []
        index, equivalent = self.weak_first_name
        if levels[index] != equivalent or any(levels[personal] == 0 for personal in self.personal_evidence):
            return []
        ours, theirs = scorer.values[index], candidate_values[index]
        if not (isinstance(ours, str) and isinstance(theirs, str)) or min(len(ours), len(theirs)) != 1:
            return []
        company = self.scorer.level_index("company_name")
        surname = candidate_values[self.scorer.name_pair[1]]
        if company is None or not isinstance(surname, str) or not surname:
            return []
        named = [
            value for value in (scorer.values[company], candidate_values[company]) if isinstance(value, str)
        ]
        return ["first_name"] if any(set(surname.split()) <= set(value.split()) for value in named) else []

    def _split_elsewhere(self, scorer: InboundScorer, candidate_values: tuple) -> bool:
        """Whether the candidate's first and last names are the inbound record's words split at another
        place, the second surname perhaps dropped (`normalise.split_elsewhere`): one name, not a veto."""
        if not self.scorer.name_pair:
            return False
        first, last = self.scorer.name_pair
        names = (scorer.values[first], scorer.values[last]), (candidate_values[first], candidate_values[last])
        return all(
            type(name) is str and name for pair in names for name in pair
        ) and normalise.split_elsewhere(*names)

    def _veto_checks(self) -> list[tuple[str, int, str, float]]:
        """(attribute, comparison index, requirement, similarity floor) of each usable veto."""
        checks = []
        for veto in self.rules.vetoes:
            index = self.scorer.level_index(veto["attribute"])
            if index is not None:
                below = float(veto.get("below", DEFAULT_VETO_SIMILARITY))
                checks.append((veto["attribute"], index, veto.get("require", "no_disagreement"), below))
        return checks

    def _vetoes(
        self,
        scorer: InboundScorer,
        candidate_values: tuple,
        levels: tuple[int, ...],
        *,
        mailbox_held=False,
        shared_phone=False,
        holds_mailbox=False,
        shared_numbers: tuple[int, ...] = (),
        others_contacts=False,
        others_household=False,
    ) -> list[str]:
        """The vetoes a candidate trips. "not_clearly_different" fires only below its similarity floor, so a
        typo, a nickname, an initial or swapped first and last names pass; "no_disagreement" fires on the
        lowest level, "exact" on anything but exact agreement. A first name that agrees only as a nickname or
        an initial is weaker evidence: the first-name veto also fires when the city, postcode or date of birth
        then disagrees."""
        vetoed = []
        swapped = None
        for attribute, index, require, below in self.veto_checks:
            level = levels[index]
            if level == MISSING:
                continue
            if require == "exact":
                fires = level != 0
            elif require == "no_disagreement":
                fires = level == self.scorer.different[index]
            elif require == ONE_MAILBOX_PER_DOMAIN:
                fires = (
                    not mailbox_held
                    and _other_mailbox_at_same_domain(scorer.values[index], candidate_values[index])
                    and not self._own_mailbox_mistyped(scorer, candidate_values, index)
                )
            else:
                if swapped is None:
                    swapped = scorer.is_swapped(candidate_values, levels)
                right = candidate_values[index]
                if swapped and index in self.scorer.name_pair:
                    first, last = self.scorer.name_pair
                    right = candidate_values[last if index == first else first]
                comparison = self.scorer.comparisons[index]
                left = scorer.values[index]
                if type(left) is str and left == right and comparison["method"] in SAME_TEXT_IS_ONE:
                    fires = below > 1.0  # `similarity` of a name or a text with itself is 1
                elif not swapped and index == self.surname_index and type(left) is str and type(right) is str:
                    fires = normalise.surname_closeness(left, right) < below
                else:
                    fires = similarity(comparison, left, right) < below or (
                        comparison["method"] == "company"
                        and self.rules.entity_kind == EntityKind.ORGANISATION
                        and organisations.word_substituted(left, right)
                    )
                if fires and comparison["method"] == "name":
                    fires = not (
                        self._split_elsewhere(scorer, candidate_values)
                        or self._a_slip_confirmed(scorer, right, index, levels, shared_numbers)
                        or (
                            not swapped and self._new_surname_at_home(scorer, candidate_values, index, levels)
                        )
                    )
            if fires and attribute in IDENTIFIED_PERSON_LIFTS:
                fires = not self._identified(scorer, candidate_values, levels, index, shared_numbers)
            if (
                fires
                and attribute == "city"
                and self._same_street_and_postcode(scorer, candidate_values, levels)
            ):
                fires = (
                    False  # "Bruxelles" / "Brussels", "Köln" / "Cologne": one address, its city's two names
                )
            if fires:
                vetoed.append(attribute)
        if self.weak_first_name and "first_name" not in vetoed:
            index, equivalent = self.weak_first_name
            if (
                levels[index] == equivalent
                and any(levels[other] == self.scorer.different[other] for other in self.place_and_birth)
                and not self._identified(scorer, candidate_values, levels, index, shared_numbers)
            ):
                vetoed.append("first_name")  # "Chris" in Salem is not shown to be Christina in Madison
        if self._generations_differ(scorer, candidate_values):
            vetoed.append(GENERATION)  # Robert Miller Jr. is not shown to be Robert Miller
        if self._name_made_mailbox_only(scorer, candidate_values, levels):
            vetoed.append(NAME_MADE_MAILBOX)  # r.whitaker@one-firm and r.whitaker@another are namesakes too
        if self.premises_levels is not None and self._other_premises(scorer, candidate_values, levels):
            vetoed.append(OTHER_PREMISES)
        elif self._other_line_name_only(levels):
            vetoed.append(OTHER_LINE)  # "The Copper Kettle" on another number, nothing else to place it
        if self._own_contacts_differ(scorer, candidate_values, levels, shared_phone, shared_numbers):
            vetoed.append(OWN_CONTACTS_DIFFER)  # a father and his namesake son at one address
        if others_household and self._elsewhere_than_household(
            scorer, candidate_values, levels, shared_numbers
        ):
            vetoed.append(ANOTHER_HOUSEHOLD)  # a sibling on the family's line, a namesake in another home
        if not holds_mailbox and self._names_only(levels):
            vetoed.append(NAMES_ONLY)
        not_personal = (self.phone_level,) if shared_phone and self.phone_level is not None else ()
        not_personal += shared_numbers
        if self._no_person_named(levels, not_personal):
            vetoed.append(NO_PERSON_NAMED)
        if self.company_only is not None:
            # Both checks below weigh the same name at the same company: counted once.
            found = self._name_at_company(scorer, candidate_values, levels)
            # A switchboard agreeing is no reason to skip weighing the name among colleagues: it says which
            # company, as the company's name does.
            among_colleagues = (
                self._name_at_company(scorer, candidate_values, levels, not_personal)
                if not_personal
                else found
            )
            # A rare name weighs a writer who gives nothing but the name and the company (and the company's
            # main line: a caller put through from the switchboard). One who gives the address and the phone
            # of another CRM person is that person's doing (an assistant registering her executive): whoever
            # the name is, it does not carry a link alone.
            if (
                self.company_only.fires(self.scorer, levels, not_personal)
                and (others_contacts or not self._rare_name_at_company(levels, among_colleagues))
            ) or self._namesake_colleague_likelier(levels, among_colleagues, not_personal):
                vetoed.append(NOTHING_PERSONAL)  # only the name and the company link it (`personal_evidence`)
        return vetoed

    def _own_mailbox_mistyped(self, scorer: InboundScorer, candidate_values: tuple, index: int) -> bool:
        """Whether the record's other mailbox at the candidate's domain is the candidate's own with one slip
        (`key_checks.mistyped_own_mailbox`: james_stewwart@ for james_stewart@, typed at a booth from a
        business card) beside the candidate's very first and last names: not another person's mailbox. It
        is no evidence for the candidate either; the rest of the record decides."""
        if not self.scorer.name_pair:
            return False
        first, last = self.scorer.name_pair
        names = (scorer.values[first], scorer.values[last])
        if not all(type(name) is str and name for name in names):
            return False
        if names != (candidate_values[first], candidate_values[last]):
            return False
        inbound = {"first_name": names[0], "last_name": names[1], "emails": scorer.values[index]}
        holder = {"first_name": names[0], "last_name": names[1], "emails": candidate_values[index]}
        return key_checks.mistyped_own_mailbox(inbound, holder)

    def _identifying_comparisons(self) -> tuple[int, ...] | None:
        """Comparison indices that can tell a person from a namesake (every one but the names and the area):
        None for flows that are not about people or compare no name pair."""
        if self.rules.entity_kind != EntityKind.PERSON or not self.scorer.name_pair:
            return None
        area = {index for attribute in AREA if (index := self.scorer.level_index(attribute)) is not None}
        return tuple(
            index
            for index in range(len(self.scorer.comparisons))
            if index not in self.scorer.name_pair and index not in area
        )

    def _no_person_named(self, levels: tuple[int, ...], not_personal: tuple[int, ...]) -> bool:
        """Whether a person candidate's names cannot be compared with the record's at all (one side gives
        neither a first nor a last name: a business's own customer account, a mailbox the CRM keeps as a
        contact) and nothing personal agrees exactly (`not_personal`: a number several CRM records hold). What
        else agrees (the company, its street, its domain) is what every colleague shares."""
        if (
            self.rules.entity_kind != EntityKind.PERSON
            or not self.scorer.name_pair
            or self.company_only is None
        ):
            return False
        if any(levels[index] != MISSING for index in self.scorer.name_pair):
            return False
        return not any(
            levels[index] == 0 for index in self.company_only.personal if index not in not_personal
        )

    def _names_only(self, levels: tuple[int, ...]) -> bool:
        """Whether nothing but the names (and at most the town or region) agrees: no email, phone, date of
        birth, employer, street or postcode, in any degree. A lead whose mailbox is a role or placeholder
        address (not compared), whose company column is empty or "[not provided]", and a CRM record of the
        same name: a namesake looks exactly so, and a town of a million holds many of one name."""
        if self.identifying is None:
            return False
        different = self.scorer.different
        return not any(
            levels[index] != MISSING and levels[index] != different[index] for index in self.identifying
        )

    def _other_line_name_only(self, levels: tuple[int, ...]) -> bool:
        """Whether an organisation gives another phone or another domain of its own than the candidate and
        agrees with it on nothing that places a company beyond its name and town: no phone, domain, street
        or postcode, in any degree. A customer list that gives a name, a mailbox and a number (no address)
        meets a CRM company of the same name elsewhere so; a shop's own line or domain says which shop, and
        here it says another one."""
        different = self.scorer.different
        if not any(levels[index] == different[index] for index in self.own_lines):
            return False
        return all(levels[index] in (MISSING, different[index]) for index in self.placing_levels)

    def _same_street_and_postcode(
        self, scorer: InboundScorer, candidate_values: tuple, levels: tuple[int, ...]
    ) -> bool:
        """Whether an organisation gives the candidate's postcode exactly and its street address (written
        alike, "Goethestr. 99" / "Goethestraße 99", with no other house number), in no other country: one
        building, whose city one of the two writes in another language ("Köln" / "Cologne", "Den Haag" / "The
        Hague") or as its district. The city then does not veto."""
        if self.street_and_postcode is None:
            return False
        street, postcode, country = self.street_and_postcode
        return (
            levels[postcode] == 0
            and levels[street] not in (MISSING, self.scorer.different[street])
            and not organisations.other_premises(scorer.values[street], candidate_values[street])
            and (country is None or levels[country] != self.scorer.different[country])
        )

    def _other_premises(
        self, scorer: InboundScorer, candidate_values: tuple, levels: tuple[int, ...]
    ) -> bool:
        """Whether an organisation gives another phone and another street address than the candidate (the
        street's other house number counts: a similarity rates "hauptstrasse 12" and "hauptstrasse 150"
        alike). A chain's locations, a group's companies and namesakes share a name, a domain and a city;
        only a location's own line or address tells them apart, and both say another one."""
        phone, street = self.premises_levels
        if levels[phone] != self.scorer.different[phone] or levels[street] == MISSING:
            return False
        return levels[street] == self.scorer.different[street] or organisations.other_premises(
            scorer.values[street], candidate_values[street]
        )

    def _name_at_company(
        self,
        scorer: InboundScorer,
        candidate_values: tuple,
        levels: tuple[int, ...],
        not_personal: tuple[int, ...] = (),
    ) -> tuple[float, tuple[str, str, str]] | None:
        """(the probability that the writer is the candidate on the name and the company alone, counted in
        the CRM (`name_frequency`), and the three values as written) when the surname and the company name
        agree exactly, the first name exactly or only as a nickname or an initial (`weak_first_name`), and
        nothing personal agrees; None otherwise or when there are too few records to count.

        A first name that agrees only as a nickname is weighed the same way: "Jack Flores" at John Flores's
        firm is John writing his nickname (the nickname level's m) or a colleague called Jack whom the CRM
        does not hold (how often the written name is a colleague's). The larger the CRM's head count at the
        firm, the likelier the colleague: the scorer's weights, drawn from random pairs, do not see that."""
        if not self.scorer.name_pair or any(
            levels[index] == 0 for index in self.personal_evidence if index not in not_personal
        ):
            return None  # a switchboard several CRM records hold (`not_personal`) is what colleagues share
        first, last = self.scorer.name_pair
        company = self.company_only.company
        nickname = self.weak_first_name is not None and levels[first] == self.weak_first_name[1]
        if (levels[first] != 0 and not nickname) or levels[last] != 0 or levels[company] != 0:
            return None
        names = (scorer.values[first], scorer.values[last], scorer.values[company])
        if not all(isinstance(value, str) and value for value in names):
            return None
        if not nickname and names != (
            candidate_values[first],
            candidate_values[last],
            candidate_values[company],
        ):
            return None
        if nickname and names[1:] != (candidate_values[last], candidate_values[company]):
            return None
        frequencies = self.reader.name_frequencies(
            self.scorer.attributes, self.scorer.values, first, last, company
        )
        if frequencies is None:
            return None
        comparisons = self.scorer.comparisons
        probability = frequencies.writer_probability(
            *names,
            in_crm=min(MAX_SHARE_IN_CRM, self.rules.prior_match_probability * frequencies.live),
            names_m=comparisons[first]["m"][levels[first]] * comparisons[last]["m"][0],
        )
        return probability, names

    def _namesake_colleague_likelier(
        self, levels: tuple[int, ...], found, not_personal: tuple[int, ...] = ()
    ) -> bool:
        """Whether a candidate that agrees on nothing personal but on the very name at the very company
        falls below the flow's threshold once the name is weighed as colleagues share names: the odds from
        `_name_at_company` in place of the prior, the names and the employer comparisons, plus every other
        comparison's weight (place, and personal attributes that disagree). Fellegi-Sunter multiplies the
        company's and the names' weights as if colleagues drew names independently; they share a country and
        a language, so "Anna de Vries" at one firm in Amsterdam is as often a namesake as the same person.
        `found`: what `_name_at_company` says of the candidate; `not_personal`: comparisons agreeing on a
        switchboard, which colleagues share and which add nothing here."""
        if found is None:
            return False
        probability, _ = found
        if probability >= 1.0:
            return False
        first, last = self.scorer.name_pair
        skipped = {
            first,
            last,
            *not_personal,
            *(i for i, c in enumerate(self.scorer.comparisons) if c.get("employer")),
        }
        others = sum(
            self.scorer.weights[index][level]
            for index, level in enumerate(levels)
            if level != MISSING and index not in skipped
        )
        if probability <= 0:
            return True
        threshold = min(self.rules.auto_link_threshold, 1 - 1e-12)
        return math.log2(probability / (1.0 - probability)) + others < math.log2(
            threshold / (1.0 - threshold)
        )

    def _rare_name_at_company(self, levels: tuple[int, ...], found) -> bool:
        """Whether a name and a company alone may carry the link: both names and the company name agree
        exactly, no place disagrees, and the CRM's own counts (`name_frequency`) make the candidate the
        writer with probability `COMPANY_ONLY_PROBABILITY`: a rare name at a company the CRM holds few people
        of. Too few records to count names, and the candidate goes to review."""
        if any(levels[index] != MISSING for index in self.company_only.place):
            return False
        if found is None or levels[self.scorer.name_pair[0]] != 0:  # a nickname never carries it alone
            return False
        probability, _ = found
        return probability >= COMPANY_ONLY_PROBABILITY

    def _name_made_mailbox_only(
        self, scorer: InboundScorer, candidate_values: tuple, levels: tuple[int, ...]
    ) -> bool:
        """Whether the emails agree only as "same user name, other domain", every shared mailbox name is made
        of the inbound record's own names (`normalise.name_made_user_name`: the names counted twice), and
        nothing but the names and the town agrees besides."""
        rule = self.scorer.user_name_rule
        if rule is None or not self.scorer.name_pair:
            return False
        emails, user_level, _ = rule
        if levels[emails] != user_level or self._placed_or_personal(levels, emails):
            return False
        first, last = (scorer.values[index] for index in self.scorer.name_pair)
        if not isinstance(first, str) and not isinstance(last, str):
            return False
        ours, theirs = scorer.values[emails], candidate_values[emails]
        shared = {normalise.user_name(a) for a in _listed(ours) if a} & {
            normalise.user_name(b) for b in _listed(theirs) if b
        }
        if shared and normalise.same_user_within_domain(_listed(ours), _listed(theirs)):
            return False  # another host of the same company domain (eu.acme.com), not another domain
        return bool(shared) and all(
            normalise.name_made_user_name(
                user, first if isinstance(first, str) else None, last if isinstance(last, str) else None
            )
            for user in shared
        )

    def _own_contacts_differ(
        self,
        scorer: InboundScorer,
        candidate_values: tuple,
        levels: tuple[int, ...],
        shared_phone: bool,
        shared_numbers: tuple[int, ...] = (),
    ) -> bool:
        """Whether nothing personal agrees (no mailbox, no number but lines of a place, `key_checks.
        is_line_of_a_place`, or a switchboard several CRM records hold; no date of birth; no personal
        identifier, a social profile's address, that no two CRM people hold) and the two records' own contacts
        say two people (`key_checks.own_contacts_differ`). Then only the names and a place link them, and a
        father and his namesake son at one address, or namesake colleagues at one firm, look exactly so."""
        phones, emails = self.phone_level, self.scorer.level_index("emails")
        if self.rules.entity_kind != EntityKind.PERSON or phones is None or emails is None:
            return False
        if levels[emails] == MISSING or levels[emails] == 0:
            return False
        born = self.scorer.level_index("date_of_birth")
        if born is not None and levels[born] == 0:
            return False
        if any(levels[index] == 0 for index in self.identity_numbers if index not in shared_numbers):
            return False  # the person's own number or profile: an agency's mailbox beside it says nothing
        inbound = {
            "phones": [n for n in _listed(scorer.values[phones]) if n],
            "emails": [a for a in _listed(scorer.values[emails]) if a],
        }
        holder = {
            "phones": [n for n in _listed(candidate_values[phones]) if n],
            "emails": [a for a in _listed(candidate_values[emails]) if a],
        }
        if self.scorer.name_pair:
            first, last = (scorer.values[index] for index in self.scorer.name_pair)
            inbound.update(
                first_name=first if type(first) is str else "", last_name=last if type(last) is str else ""
            )
        shared = [number for number in inbound["phones"] if number in holder["phones"]]
        if shared and not (shared_phone or all(key_checks.is_line_of_a_place(holder, n) for n in shared)):
            return False  # a person's own number agrees
        return key_checks.own_contacts_differ(inbound, holder, shared)

    def _elsewhere_than_household(
        self, scorer: InboundScorer, candidate_values: tuple, levels: tuple[int, ...], shared_numbers=()
    ) -> bool:
        """Whether nothing of the candidate's own places them where the record's phone does, another member
        of their family holding it (`_household_holders`): no mailbox or number of the record is the
        candidate's, no personal identifier agrees, and the candidate does not live at the record's home
        (`_at_home`). The names, the town and even a date of birth are what a relative of the same name in
        another home, or a twin, shares; a person's own mailbox, mobile or front door are not."""
        own = [index for index in (self.phone_level, self.scorer.level_index("emails")) if index is not None]
        if any(levels[index] == 0 for index in own):
            return False
        if any(levels[index] == 0 for index in self.identity_numbers if index not in shared_numbers):
            return False
        return not self._at_home(scorer, candidate_values, levels)

    def _placed_or_personal(self, levels: tuple[int, ...], emails: int) -> bool:
        """Whether a phone or date of birth, or the postcode, agrees exactly: more than names and a town."""
        postcode = self.scorer.level_index("postcode")
        agreeing = [i for i in self.personal_evidence if i != emails] + (
            [postcode] if postcode is not None else []
        )
        return any(levels[index] == 0 for index in agreeing)

    def _generations_differ(self, scorer: InboundScorer, candidate_values: tuple) -> bool:
        if not self.scorer.name_pair:
            return False
        last = self.scorer.name_pair[1]
        ours, theirs = scorer.values[last], candidate_values[last]
        return (
            ours != theirs  # the same surname marks the same generation, or none
            and isinstance(ours, str)
            and isinstance(theirs, str)
            and bool(ours and theirs)
            and locale_words.generations_differ(ours, theirs)
        )

    def _weak_first_name(self) -> tuple[int, int] | None:
        """(first name's comparison index, its nickname-or-initial level) when the flow has a graded first-name
        veto and a name comparison with that level."""
        for attribute, index, require, _ in self.veto_checks:
            if attribute == "first_name" and require == "not_clearly_different":
                labels = self.scorer.labels[index]
                if NAME_EQUIVALENT_LABEL in labels:
                    return index, labels.index(NAME_EQUIVALENT_LABEL)
        return None

    def _identified(
        self,
        scorer: InboundScorer,
        candidate_values: tuple,
        levels: tuple[int, ...],
        vetoed: int,
        shared_numbers: tuple[int, ...] = (),
    ) -> bool:
        """Whether the veto on comparison `vetoed` (a first name, a surname, a date of birth) is lifted: a
        personal identifier (`identity_numbers`: a national id, a social security number) agrees exactly, no
        two CRM people hold it (`shared_numbers`: a household's or an account's number is no one's), and
        one more strong attribute agrees besides the vetoed one: the surname, the date of birth, or the home
        (`_at_home`). A father and his namesake son, or twins, never share such a number: what differs is a
        name written otherwise (a middle name, a typo past a slip, a new surname) or a date mistyped. Two
        relatives with one number copied onto both records stay apart: it is shared, and the inbound record
        must agree with the candidate on more than the number."""
        own = [index for index in self.identity_numbers if index not in shared_numbers]
        agreeing = set(self._strong_agreements(scorer, candidate_values, levels))
        if any(levels[index] == 0 for index in own):
            return bool(agreeing - {vetoed, *self._workplace(candidate_values)})
        return self._identified_but_for_a_slip(scorer, candidate_values, levels, vetoed, own, agreeing)

    def _identified_but_for_a_slip(
        self, scorer: InboundScorer, candidate_values: tuple, levels, vetoed: int, own: list[int], agreeing
    ) -> bool:
        """Whether a name's or the birth date's veto is lifted by the candidate's own number typed with one
        slip (`normalise.identifier_slip`: a digit mistyped or two swapped, not at the number's end) beside
        everything else that names the person: for a name, the other name and the very date of birth (where
        either record gives no date: the very home); for the date of birth, both names. A twin or a sibling
        at that home, or a father and his namesake son, hold numbers of their own, a random one or the next
        one issued, never the candidate's with a keying slip; what differs is one thing as written (a middle
        name gone by, a new surname, a date typed wrong)."""
        if not self.scorer.name_pair:
            return False
        first, last = self.scorer.name_pair
        birth = self.scorer.level_index("date_of_birth")
        if vetoed == birth:
            needed = {first, last}
        elif vetoed in (first, last):
            if birth is not None and levels[birth] == MISSING:
                birth = self.scorer.level_index("street")  # `_at_home`'s index in `agreeing`
            needed = {last if vetoed == first else first, birth}
        else:
            return False
        if not needed <= agreeing:
            return False
        return any(
            isinstance(scorer.values[index], str)
            and isinstance(candidate_values[index], str)
            and normalise.identifier_slip(
                normalise.personal_identifier(scorer.values[index]),
                normalise.personal_identifier(candidate_values[index]),
            )
            for index in own
        )

    def _workplace(self, candidate_values: tuple) -> tuple[int, ...]:
        """The street's comparison index when the candidate's record names its employer: its address is the
        workplace's, which colleagues share, no home (a rep copying a group's roster puts one provider's number
        on a colleague's record, at the very address)."""
        street, company = self.scorer.level_index("street"), self.scorer.level_index("company_name")
        if street is None or company is None or not candidate_values[company]:
            return ()
        return (street,)

    def _strong_agreements(self, scorer: InboundScorer, candidate_values: tuple, levels: tuple[int, ...]):
        """The comparisons among first name, surname, date of birth and home that agree: the first name exactly
        or with a typo (`_first_name_mistyped`: never another name, a nickname or an initial), the surname
        exactly or a slip apart (`normalise.surname_closeness`), the date of birth exactly, the home as
        `_at_home` reads it (its street's index). Beside the person's own number, the first name is as strong
        as the surname: a new surname under one's own first name and number is a marriage or a typo."""
        if self.scorer.name_pair:
            first, last = self.scorer.name_pair
            if levels[first] == 0 or _first_name_mistyped(scorer.values[first], candidate_values[first]):
                yield first
            ours, theirs = scorer.values[last], candidate_values[last]
            if levels[last] == 0 or (
                isinstance(ours, str)
                and isinstance(theirs, str)
                and ours
                and theirs
                and normalise.surname_closeness(ours, theirs) >= SURNAME_SLIP
            ):
                yield last
        birth = self.scorer.level_index("date_of_birth")
        if birth is not None and levels[birth] == 0:
            yield birth
        if self._at_home(scorer, candidate_values, levels):
            yield self.scorer.level_index("street")

    def _at_home(self, scorer: InboundScorer, candidate_values: tuple, levels: tuple[int, ...]) -> bool:
        """Whether the two records give the very home: house number and street, and its postcode or town. An
        address without a house number (a street alone, a PO box's town) is not a home. The street may carry
        a typo ("11 leist strewt"): alike as a text, with the very house number, it is the same street."""
        street = self.scorer.level_index("street")
        if street is None or levels[street] == MISSING or levels[street] == self.scorer.different[street]:
            return False
        if levels[street] != 0 and not _same_house_number(scorer.values[street], candidate_values[street]):
            return False
        area = [i for name in ("postcode", "city") if (i := self.scorer.level_index(name)) is not None]
        if not any(levels[i] == 0 for i in area):
            return False
        written = scorer.values[street]
        return (
            isinstance(written, str)
            and _HOUSE_NUMBER.search(written) is not None
            and _STREET_WORD.search(written) is not None
        )

    def _home_comparisons(self) -> tuple[int, int, int, tuple[int, ...]] | None:
        """(last name, date of birth, street, (postcode, city)) comparison indices for `_new_surname_at_home`,
        None when the flow lacks a name pair, an exact-or-not date of birth or a street."""
        if not self.scorer.name_pair:
            return None
        birth, street = self.scorer.level_index("date_of_birth"), self.scorer.level_index("street")
        area = tuple(i for name in ("postcode", "city") if (i := self.scorer.level_index(name)) is not None)
        if birth is None or street is None or not area:
            return None
        return self.scorer.name_pair[1], birth, street, area

    def _new_surname_at_home(
        self, scorer: InboundScorer, candidate_values: tuple, index: int, levels: tuple[int, ...]
    ) -> bool:
        """Whether the surname's veto is lifted: another surname beside the very first name, the very date of
        birth and the very home (house number and street, and its postcode or town) is a married name or a
        surname typed wrong, not someone else. Who else lives at one address under the same first name and
        was born the same day? Twins have other first names (the first-name veto stays), a father and his
        namesake son other birth dates (the date-of-birth veto stays). An address without a house number
        (a street alone, a PO box's town) is not a home. The first name may carry a typo ("luge" for Luke),
        never be another name, a nickname or the other sex's form of it (`_first_name_mistyped`)."""
        if self.home is None or index != self.home[0]:
            return False
        birth, first = self.home[1], self.scorer.name_pair[0]
        return (
            (levels[first] == 0 or _first_name_mistyped(scorer.values[first], candidate_values[first]))
            and levels[birth] == 0
            and self._at_home(scorer, candidate_values, levels)
        )

    def _a_slip_confirmed(
        self, scorer: InboundScorer, right, index: int, levels: tuple[int, ...], shared_numbers=()
    ) -> bool:
        """Two real names a slip apart (Joan/John) are a typo only when something personal to the candidate
        agrees too (date of birth, phone, email, a personal identifier no other CRM record holds): company and
        city are what a colleague shares."""
        if not any(
            levels[personal] == 0 for personal in self.personal_evidence if personal not in shared_numbers
        ):
            return False
        left = scorer.values[index]
        return isinstance(left, str) and isinstance(right, str) and normalise.name_slip(left, right)

    def _decide(self, item: Inbound, candidates: list[Candidate]) -> Resolution:
        """Decide on the candidates by score; a record left for review lists those whose names agree
        first (each group by score), so the person is among the first few even when colleagues outscore
        them on company evidence."""
        resolution = self._decision(item, [candidate for candidate in candidates if not candidate.extra])
        return self._listed(item, resolution, candidates)

    def _listed(self, item: Inbound, resolution: Resolution, candidates: list[Candidate]) -> Resolution:
        """`resolution` with the review list `_decide` gives it, the extras among `candidates` included."""
        if not resolution.matched and candidates:
            # The record a key of this one points to comes first when the key only waited on namesakes
            # (`_decide_shared_key`): its names need not agree (a married name), it is the one to weigh. So
            # does a record a key points to that its names set aside (`Inbound.contradicted`): a married name
            # beside her mobile is in review as the colleague who took the mobile over would be.
            held = item.shared_key_link.crm_id if item.shared_key_link is not None else ""
            shown = sorted(
                candidates,
                key=lambda c: (
                    c.crm_id != held,
                    c.crm_id not in item.key_conflict_ids,
                    c.crm_id not in item.contradicted,
                    not c.names_agree,
                    -c.score,
                    c.crm_id,
                ),
            )[:MAX_CANDIDATES]
            resolution.candidates = [candidate.as_dict(rank) for rank, candidate in enumerate(shown, start=1)]
        return resolution

    def _key_conflict(self, item: Inbound, candidates: list[Candidate]) -> Resolution:
        """Keys that point to different CRM records (two records of one person, or a mailbox and a mobile of
        two people): never linked; the records the keys point to are flagged as a tie, so that no bulk action
        picks one of them, and listed first (`_listed`)."""
        held = [c for c in candidates if c.crm_id in item.key_conflict_ids]
        if len(held) > 1:
            for candidate in held:
                candidate.tied = True
        return self._resolution(
            item,
            ReviewReason.KEY_CONFLICT,
            notes=list(item.key_notes),
            explanation=list(item.key_conflict or []),
        )

    def _decision(self, item: Inbound, candidates: list[Candidate]) -> Resolution:
        if item.key_conflict is not None:
            return self._key_conflict(item, candidates)
        if item.shared_key_link is not None:
            return self._decide_shared_key(item, candidates)
        if item.contradicted:
            # A record a key pointed to, whose other attributes say it is someone else (a mailbox handed on
            # to a successor), scores on that very key: it neither links nor ties with the others. Another
            # candidate still links only on its own evidence (threshold, vetoes, the margin over the rest).
            candidates = [c for c in candidates if c.crm_id not in item.contradicted] or candidates
        candidates, other_generations = self._of_the_written_generation(item, candidates)
        tie_notes = self._mark_ties(candidates)
        resolution = self._decide_on_scores(item, candidates)
        if other_generations and not resolution.matched:
            resolution.candidates = (
                resolution.candidates
                + [
                    candidate.as_dict(rank)
                    for rank, candidate in enumerate(other_generations, start=len(resolution.candidates) + 1)
                ][: max(0, MAX_CANDIDATES - len(resolution.candidates))]
            )
        if resolution.matched and candidates[0].tied:  # never link one of a tie, whatever the threshold
            resolution.outcome, resolution.crm_id, resolution.method = str(ReviewReason.AMBIGUOUS), "", ""
        if tie_notes and not resolution.matched and self.rules.entity_kind == EntityKind.ORGANISATION:
            broken = self._tie_broken_by_legal_form(item, candidates) or self._tie_broken_by_name(
                item, candidates
            )
            if broken is not None:
                resolution, tie_notes = broken, []
        if item.contradicted and not (resolution.matched and resolution.crm_id not in item.contradicted):
            # A key pointed here but the record's other attributes deny it: a person decides, whatever the
            # scores say (the key's own agreement weighs in them).
            resolution.outcome = str(ReviewReason.KEY_CONTRADICTED)
            resolution.crm_id = resolution.method = ""
            resolution.would_auto_link = False
        resolution.notes = item.key_notes + tie_notes + resolution.notes
        return resolution

    def _tie_broken_by_legal_form(self, item: Inbound, candidates: list[Candidate]) -> Resolution | None:
        """The link to the one tied organisation whose legal form the inbound record names, when every other
        tied record names another form (`organisations.legal_form_choice`) and it scores as well as any of
        them; it must still pass the threshold and the vetoes on its own. None when nothing is decided."""
        tied = [candidate for candidate in candidates if candidate.tied]
        inbound_name = organisations.display_name(
            display_values(_attributes_of(item.raw), self.attribute_map)
        )
        chosen_id, form, forms = organisations.legal_form_choice(
            inbound_name, [(c.crm_id, organisations.display_name(c.display)) for c in tied]
        )
        chosen = next((c for c in tied if c.crm_id == chosen_id), None)
        if chosen is None or chosen.score < max(c.score for c in tied):
            return None
        others = [c for c in candidates if not c.tied]
        resolution = self._decide_on_scores(item, [chosen, *others])
        if not resolution.matched:
            return None
        chosen.tied = False
        resolution.candidates = [c.as_dict(rank) for rank, c in enumerate(candidates[:MAX_CANDIDATES], 1)]
        named = ", ".join(f"{crm_id} ({other})" for crm_id, other in forms.items() if crm_id != chosen_id)
        resolution.explanation = [
            *resolution.explanation,
            {
                "attribute": "legal_form",
                "method": "legal_form",
                "inbound": form,
                "candidate": form,
                "level": "exact: the only one of the tied records with this legal form",
                "weight": None,
            },
        ]
        resolution.notes = [
            *resolution.notes,
            f"CRM records {chosen_id} and {named} agree on everything else; only {chosen_id} has the legal "
            f"form the record names ({form}): a parent and its subsidiary are distinct legal entities.",
        ]
        return resolution

    def _tie_broken_by_name(self, item: Inbound, candidates: list[Candidate]) -> Resolution | None:
        """The link to the one tied organisation that carries the inbound record's very name, when every
        other tied record carries another (`organisations.exact_name_choice`: "Acme" beside "Acme
        Healthcare") and it scores best; it must still pass the threshold and the vetoes on its own."""
        tied = [candidate for candidate in candidates if candidate.tied]
        chosen_id = organisations.exact_name_choice(
            item.profile.get("company_name", ""),
            [(c.crm_id, c.review_attributes().get("company_name", "")) for c in tied],
        )
        chosen = next((c for c in tied if c.crm_id == chosen_id), None)
        if chosen is None or chosen.score < max(c.score for c in tied):
            return None
        resolution = self._decide_on_scores(item, [chosen, *(c for c in candidates if not c.tied)])
        if not resolution.matched:
            return None
        chosen.tied = False
        resolution.candidates = [c.as_dict(rank) for rank, c in enumerate(candidates[:MAX_CANDIDATES], 1)]
        others = ", ".join(c.crm_id for c in tied if c is not chosen)
        resolution.notes = [
            *resolution.notes,
            f"CRM records {chosen_id} and {others} score alike; only {chosen_id} carries this very name "
            f"({item.profile.get('company_name', '')}), the others another one: related companies, not "
            "duplicates.",
        ]
        return resolution

    def _decide_shared_key(self, item: Inbound, candidates: list[Candidate]) -> Resolution:
        """A shared-kind key (a phone) links to its record unless another live record carries the same name
        at the same company: two namesake colleagues, and a number that may be the company's line, so the
        key cannot choose between them and a person does. A mobile number the record holds beside its office
        line is a person's own line, not the company's: it chooses (`_mobile_beside_office_line`)."""
        link = item.shared_key_link
        key = link.explanation[0]
        if link.crm_id in item.trading_name_of:
            return self._decide_trading_name(item, candidates)
        new_surname = self._surname_differs(item, item.shared_key_holder)
        mobile = key["attribute"] == KeyName.PHONE and normalise.is_mobile_number(key["inbound"])
        if mobile and not new_surname and _mobile_beside_office_line(item.shared_key_holder, key["inbound"]):
            return link
        # The holder as a candidate shows its place (`shared_key_holder` may carry only names and company).
        held = next((c.review_attributes() for c in candidates if c.crm_id == link.crm_id), {})
        namesakes = [
            candidate
            for candidate in candidates[:MAX_CANDIDATES]
            if candidate.crm_id != link.crm_id
            and self._namesake(item, candidate.review_attributes())
            and not (
                mobile
                and not new_surname
                and _placed_with_holder(item.profile, held, candidate.review_attributes())
            )
        ]
        if not namesakes:
            return link
        ranked = [
            candidate.as_dict(rank) for rank, candidate in enumerate(candidates[:MAX_CANDIDATES], start=1)
        ]
        named = ", ".join(candidate.crm_id for candidate in namesakes)
        what = KEY_WORDS.get(key["attribute"], key["attribute"])
        if item.shared_key_mistyped:
            note = (
                f"The {what} {key['inbound']}, read from an address at a mistyped domain, is on CRM record "
                f"{link.crm_id}, but {named} carry the same name at the same company: a mistyped address does "
                "not choose between namesake colleagues."
            )
        elif new_surname and key["attribute"] == KeyName.PHONE:
            note = (
                f"The mobile number {key['inbound']} is on CRM record {link.crm_id} under another surname, but "
                f"{named} carry this record's very name at the same company: the new name may be someone "
                "else's record already."
            )
        elif mobile:
            note = (
                f"The mobile number {key['inbound']} is on CRM record {link.crm_id}, as its only number, but "
                f"{named} carry the same name at the same company: a small company's line is often a mobile, "
                "so the number does not choose between namesake colleagues."
            )
        elif self._personal(key["attribute"]):
            note = (
                f"The {what} {key['inbound']} is on CRM record {link.crm_id} under another surname, but "
                f"{named} carry this record's very name at the same company: the address may be a colleague's "
                "(an assistant who registered an executive)."
            )
        else:
            note = (
                f"The {what} {key['inbound']} is on CRM record {link.crm_id}, but {named} carry the same name "
                "at the same company: a number that may be the company's line does not choose between namesake "
                "colleagues."
            )
        return self._resolution(
            item,
            ReviewReason.AMBIGUOUS,
            candidates=ranked,
            explanation=link.explanation,
            notes=[*link.notes, note],
        )

    def _decide_trading_name(self, item: Inbound, candidates: list[Candidate]) -> Resolution:
        """The key's link, for a trading name of the organisation holding the key, unless another CRM record
        carries the inbound name itself: that may be the company the name belongs to, so the key is then held
        against its record as before."""
        link, holder = item.shared_key_link, item.shared_key_holder
        what = KEY_WORDS.get(link.explanation[0]["attribute"], link.explanation[0]["attribute"])
        name, below = item.profile.get("company_name") or "", self.rules.contradiction_similarity
        others = [
            candidate
            for candidate in candidates[:MAX_CANDIDATES]
            if candidate.crm_id != link.crm_id
            and normalise.company_similarity(name, candidate.review_attributes().get("company_name") or "")
            >= below
        ]
        if not others:
            link.notes.append(
                f"{organisations.display_name(holder.get('display') or {}) or holder['company_name']} (CRM "
                f"record {link.crm_id}) holds this {what} at the same address, and {name} is its name with "
                "words added, no legal form of its own and the same switchboard: a trading name of that "
                "company, not another one."
            )
            return link
        # Another record carries the name: the key is held against its record as any other contradicted key
        # is, and the candidates decide on their own evidence.
        item.shared_key_link = None
        item.contradicted.add(link.crm_id)
        item.key_notes = [*item.key_notes, *item.trading_name_of[link.crm_id]]
        return self._decision(item, candidates)

    def _namesake(self, item: Inbound, attributes: dict) -> bool:
        """Whether a candidate carries the inbound record's name (closely, in either order) at the company of
        the record that holds the key."""
        below = self.rules.contradiction_similarity
        close = (1 + below) / 2
        first, last = item.profile["first_name"], item.profile["last_name"]
        other_first, other_last = attributes.get("first_name") or "", attributes.get("last_name") or ""
        if not (other_first and other_last):
            return False
        closeness = normalise.name_closeness
        if not any(
            closeness(first, a) >= close and closeness(last, b) >= close
            for a, b in ((other_first, other_last), (other_last, other_first))
        ):
            return False
        key = item.shared_key_link.explanation[0] if item.shared_key_link is not None else {}
        if normalise.family_surname_elsewhere(
            last,
            item.shared_key_holder.get("last_name") or "",
            other_last,
            normalise.phone_region_of(key.get("inbound") if key.get("attribute") == KeyName.PHONE else ""),
        ):
            return False  # Martínez is Francisco Martínez Ruiz's family name, Francisco Rodríguez Martínez's mother's
        born = normalise.date(item.profile.get("date_of_birth"))
        other_born = normalise.date(attributes.get("date_of_birth"))
        if born and other_born and similarity({"method": "date", "thresholds": [0]}, born, other_born) == 0:
            return False  # born on another day: a colleague of the name, not a rival for the record
        company, other_company = item.shared_key_holder.get("company_name"), attributes.get("company_name")
        return (
            bool(company and other_company) and normalise.company_similarity(company, other_company) >= below
        )

    def _rival_but_for_shared_number(self, top: Candidate, candidates: list[Candidate]) -> Candidate | None:
        """A plausible candidate within the tie margin of the best once a shared number's weight is left out
        of both: a switchboard says which company, never which colleague."""
        if not top.shared_weight:
            return None
        personal = top.score - top.shared_weight
        for candidate in candidates:
            if candidate is top:
                continue
            other = candidate.score - candidate.shared_weight
            if (
                personal - other < self.rules.ambiguity_margin
                and self.scorer.probability(other) >= self.rules.candidate_floor
            ):
                return candidate
        return None

    def _close_only_by_shared_number(self, best: Candidate, candidate: Candidate) -> bool:
        """Whether `candidate`, whose names do not agree with the record's (one at its "different" level), comes
        within the tie margin of `best` only by agreeing on a number several CRM records hold (a switchboard)
        more than `best` does: left out of both, it is far behind. A switchboard
        says which company, never which colleague: Melissa Allen's record holding the main line the inbound
        Lisa Evans gives is no rival to Lisa Evans's record (`_rival_but_for_shared_number` is the converse)."""
        if candidate is best or candidate.names_agree or candidate.shared_weight <= best.shared_weight:
            return False  # a namesake on the switchboard stays a rival, whatever the extensions say
        personal = best.score - best.shared_weight
        return personal - (candidate.score - candidate.shared_weight) > self.rules.ambiguity_margin

    def _of_the_written_generation(
        self, item: Inbound, candidates: list[Candidate]
    ) -> tuple[list[Candidate], list[Candidate]]:
        """The candidates whose surname marks the generation the record writes ("Henry Porter Sr.", "William
        Delaney II"), and the rest: a father and his son of one name share an address and a landline and tie
        on everything else, but the record that says which of the two it is is not a tie with the other. Only
        where the record writes a generation and some candidate writes the same; else all of them, and none."""
        if len(candidates) < 2 or not locale_words.generation(item.profile.get("last_name") or ""):
            return candidates, []
        same = [candidate for candidate in candidates if GENERATION not in candidate.vetoes()]
        if not same or len(same) == len(candidates):
            return candidates, []
        return same, [candidate for candidate in candidates if GENERATION in candidate.vetoes()]

    def _mark_ties(self, candidates: list[Candidate]) -> list[str]:
        """Flag the candidates within the tie margin of the best: nothing links a tie on its own."""
        if len(candidates) < 2:
            return []
        best = candidates[0]
        # Equal scores are a tie whatever the margin (even 0).
        tied = [
            c
            for c in candidates[:MAX_CANDIDATES]
            if best.score - c.score <= self.rules.ambiguity_margin
            and not self._close_only_by_shared_number(best, c)
        ]
        if len(tied) < 2:
            return []
        for candidate in tied:
            candidate.tied = True
        if tied[0].probability < self.rules.candidate_floor:
            return []  # none is a plausible match ("No candidate is a plausible match." says so)
        names = _joined([candidate_name(c) for c in tied])
        if displays_name_alike([c.display for c in tied]):
            return [
                f"Tie: {names} match this record about equally well; they may be duplicates of each other in "
                "the CRM."
            ]
        return [
            f"Tie: {names} match this record about equally well; their names differ, so they are different "
            "records in the CRM: which one this is, if either, is for a person to say."
        ]

    def _decide_on_scores(self, item: Inbound, candidates: list[Candidate]) -> Resolution:
        ranked = [
            candidate.as_dict(rank) for rank, candidate in enumerate(candidates[:MAX_CANDIDATES], start=1)
        ]
        plausible = [c for c in candidates if c.probability >= self.rules.candidate_floor]
        if not plausible:
            notes = ["No candidate is a plausible match."] if candidates else [NO_CANDIDATE_NOTE]
            return self._resolution(item, ReviewReason.NO_MATCH, candidates=ranked, notes=notes)
        top = plausible[0]
        fields = {
            "candidates": ranked,
            "score": top.score,
            "probability": top.probability,
            "explanation": top.contributions,
        }
        rivals = [
            c
            for c in plausible[1:]
            if top.score - c.score < self.rules.ambiguity_margin
            and not self._close_only_by_shared_number(top, c)
        ]
        if rivals:
            close = 1 + len(rivals)
            notes = [f"{close} candidates match this record about equally well: a person has to choose."]
            return self._resolution(item, ReviewReason.AMBIGUOUS, notes=notes, **fields)
        if rival := self._rival_but_for_shared_number(top, candidates):
            notes = [
                f"Best candidate {candidate_name(top)} is ahead of {candidate_name(rival)} only because its "
                "record holds this phone number, which other CRM records hold too (a switchboard): a person "
                "has to choose."
            ]
            return self._resolution(item, ReviewReason.AMBIGUOUS, notes=notes, **fields)
        if top.probability < self.rules.auto_link_threshold:
            if top.identified_by_profile and not top.vetoes():
                # A fitted model weighs a profile's agreement by how often the file's profiles agree, low where
                # few records give one; but one account's address under the holder's own names is a key.
                notes = [
                    f"{candidate_name(top)} holds this record's social profile address (no other CRM person "
                    f"holds it) and its names; the score alone ({_percent(top.probability)}) is below the "
                    f"{self.rules.auto_link_threshold:.1%} needed."
                ]
                return self._resolution(
                    item, MATCHED, crm_id=top.crm_id, method="identifier", notes=notes, **fields
                )
            notes = [
                f"Best candidate {candidate_name(top)} is a {_percent(top.probability)} match, below the "
                f"{self.rules.auto_link_threshold:.1%} needed to link it without a person."
            ]
            return self._resolution(item, ReviewReason.LOW_SCORE, notes=notes, **fields)
        if vetoed := top.vetoes():
            differing = ", ".join(
                name.replace("_", " ")
                for name in vetoed
                if name
                not in (
                    NOTHING_PERSONAL,
                    NAME_MADE_MAILBOX,
                    OTHER_PREMISES,
                    OTHER_LINE,
                    NAMES_ONLY,
                    OWN_CONTACTS_DIFFER,
                    ANOTHER_HOUSEHOLD,
                    NO_PERSON_NAMED,
                )
            )
            notes = [
                f"Best candidate {candidate_name(top)} scores high but its {differing} clearly differ(s)."
            ][: bool(differing)]
            if NOTHING_PERSONAL in vetoed:
                notes.append(f"Best candidate {candidate_name(top)} scores high but {COMPANY_ONLY}.")
            if NAME_MADE_MAILBOX in vetoed:
                notes.append(
                    f"Best candidate {candidate_name(top)} scores high but {NAME_MADE_MAILBOX_NOTE}."
                )
            if OTHER_PREMISES in vetoed:
                notes.append(f"Best candidate {candidate_name(top)} scores high but {OTHER_PREMISES_NOTE}.")
            if OTHER_LINE in vetoed:
                notes.append(f"Best candidate {candidate_name(top)} scores high but {OTHER_LINE_NOTE}.")
            if NAMES_ONLY in vetoed:
                notes.append(f"Best candidate {candidate_name(top)} scores high but {NAMES_ONLY_NOTE}.")
            if OWN_CONTACTS_DIFFER in vetoed:
                notes.append(
                    f"Best candidate {candidate_name(top)} scores high but {OWN_CONTACTS_DIFFER_NOTE}."
                )
            if ANOTHER_HOUSEHOLD in vetoed:
                notes.append(
                    f"Best candidate {candidate_name(top)} scores high but {ANOTHER_HOUSEHOLD_NOTE}."
                )
            if NO_PERSON_NAMED in vetoed:
                notes.append(f"Best candidate {candidate_name(top)} scores high but {NO_PERSON_NAMED_NOTE}.")
            return self._resolution(item, ReviewReason.VETO, notes=notes, **fields)
        if not self.rules.probabilistic_enabled and top.identified:
            # No fitted model links on scores, but the record's own identifier is as good as a key: its holder
            # has the record's names, and nothing vetoed it.
            notes = [
                f"{candidate_name(top)} holds this record's own identifier (a personal number or profile "
                "address no other CRM person holds) and its names."
            ]
            return self._resolution(
                item, MATCHED, crm_id=top.crm_id, method="identifier", notes=notes, **fields
            )
        if not self.rules.probabilistic_enabled:
            notes = [
                f"Best candidate {candidate_name(top)} is a {_percent(top.probability)} match; this flow links on a likely "
                "match only when a person confirms it (probabilistic auto-link is off)."
            ]
            return self._resolution(item, ReviewReason.LOW_SCORE, notes=notes, would_auto_link=True, **fields)
        notes = []
        if top.desk_extension:
            notes = [
                f"The number is a switchboard several CRM records hold, but {candidate_name(top)} has it with "
                f"extension {top.desk_extension}, as this record writes it: that person's own desk line."
            ]
        return self._resolution(
            item,
            MATCHED,
            crm_id=top.crm_id,
            method="probabilistic",
            would_auto_link=True,
            notes=notes,
            **fields,
        )


def _bare_candidate(crm_id: str, score: float | None, probability: float | None) -> dict:
    """A review candidate known by its id and its link's score only (`Candidate.as_dict`'s shape)."""
    return {
        "tied": False,
        "rank": 1,
        "crm_id": crm_id,
        "score": round(score or 0.0, 2),
        "probability": round(probability or 0.0, 6),
        "contributions": [],
        "vetoed_by": [],
        "display": {},
        "attributes": {},
        "note": "",
    }


NO_CANDIDATE_NOTE = "No CRM record has enough in common with this record to be compared with it."


def candidate_name(candidate: Candidate) -> str:
    """A candidate as a reviewer reads it: its name, then its CRM id ("Jane Doe (CRM record C-1)")."""
    display = candidate.display or {}
    name = (
        display.get("full_name")
        or " ".join(str(display[key]) for key in ("first_name", "last_name") if display.get(key))
        or display.get("company_name")
    )
    return f"{name} (CRM record {candidate.crm_id})" if name else f"CRM record {candidate.crm_id}"


def _percent(probability: float) -> str:
    """A probability in per cent, never rounded up to a certainty it is not."""
    return f"{min(probability, 0.999):.1%}" if probability < 1 else "100%"


def _written_name(profile: dict) -> str:
    """A CRM record's name as the CRM writes it ("Jane Doe", not the compared "jane doe")."""
    display = profile.get("display") or {}
    written = " ".join(str(display[key]) for key in ("first_name", "last_name") if display.get(key))
    return written or f"{profile.get('first_name', '')} {profile.get('last_name', '')}".strip()


def _joined(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _attributes_of(record: dict) -> dict:
    """An inbound record's attributes: its own fields besides the metadata, and its `attributes`."""
    attributes = {key: value for key, value in record.items() if key not in INBOUND_META}
    attributes.update(record.get("attributes") or {})
    return attributes


def _same_names(first, last, other_first, other_last) -> bool:
    """Two records' names alike as one person's (each a typo or a nickname apart), in either order."""
    names = (first, last, other_first, other_last)
    if not all(isinstance(name, str) and name for name in names):
        return False
    close = normalise.name_closeness
    return any(
        close(first, a) >= DEFAULT_VETO_SIMILARITY and close(last, b) >= DEFAULT_VETO_SIMILARITY
        for a, b in ((other_first, other_last), (other_last, other_first))
    )


def _same_birth(born, other_born) -> bool:
    """No other date of birth: the same, a slip apart (`normalise.date_slip`), or one of them not given."""
    if not born or not other_born:
        return True
    if not (isinstance(born, dt.date) and isinstance(other_born, dt.date)):
        return born == other_born
    return born == other_born or normalise.date_slip(born, other_born)


def _same_full_name(inbound: dict, holder: dict) -> bool:
    """The very first and last name (normalised, in either order), and no other date of birth: a number
    held by one CRM record of that person is their own, whatever company they now name (people change
    jobs and keep their mobile)."""
    names = (inbound.get("first_name"), inbound.get("last_name"))
    held = (holder.get("first_name"), holder.get("last_name"))
    born, held_born = inbound.get("date_of_birth"), holder.get("date_of_birth")
    if born and held_born and born != held_born:
        return False
    return all(names) and all(held) and (names == held or names == held[::-1])


def _generations_differ(inbound: dict, holder: dict) -> bool:
    """Both records name a person, and one surname ends in a generation (Jr., Sr., Filho) the other does not
    have: a father and son of one name share an address and a landline. (A personal key, their own mailbox,
    keeps its record: a person writes the suffix one time and not the next.)"""
    last, held_last = inbound.get("last_name"), holder.get("last_name")
    return bool(last and held_last) and locale_words.generations_differ(last, held_last)


def _two_generations(inbound: dict, holder: dict) -> bool:
    """Both surnames end in a generation, and two different ones (Brown Sr. and Brown Jr., Lee II and Lee
    III): a father and son of one name, who share a family firm's mailbox or the one the son took over. Any
    key, a personal one too: the one who writes no suffix is left to `_generations_differ`."""
    last, held_last = inbound.get("last_name") or "", holder.get("last_name") or ""
    ours, theirs = locale_words.generation(last), locale_words.generation(held_last)
    return bool(ours and theirs) and ours != theirs


def _first_name_clearly_differs(
    inbound: dict, holder: dict, below: float, written: tuple[str, str] = ("", "")
) -> bool:
    """Both records give a first name, and they are two names: not the same, a nickname, an initial, a part
    of it or a slip of it (the key itself is personal evidence that "Jon" meant "John"; but beside another
    surname only the very same first name will do), and the names are not swapped. A shared surname does not save it: an address like
    j.smith@ handed from John Smith to Jessica Smith, or a family's shared mailbox, keeps the surname and changes the person."""
    first, held = inbound.get("first_name"), holder.get("first_name")
    if not (first and held):
        return False
    last, held_last = inbound.get("last_name"), holder.get("last_name")
    if last and held_last and _name_close(first, held_last, below) and _name_close(last, held, below):
        return False  # swapped
    if last and held_last and normalise.split_elsewhere((first, last), (held, held_last)):
        return False  # "Ana / María García" for Ana María García Hernández
    # Chinese and Korean family names are one syllable (Wang, Chen, Kim): a given name beside one on both
    # records is read as syllables (`_a_plausible_slip`).
    syllabic = locale_words.one_syllable_surname(last or "") and locale_words.one_syllable_surname(
        held_last or ""
    )
    if not _name_close(first, held, below, written, syllabic=syllabic):
        return True
    # Another surname (a marriage) keeps the key beside the very same first name only, not a slip of it:
    # Huong Hoang's mailbox is not Hung Tran's.
    return bool(last and held_last and first != held and normalise.name_closeness(last, held_last) < below)


def _name_close(
    left: str, right: str, below: float, written: tuple[str, str] = ("", ""), *, syllabic: bool = False
) -> bool:
    """Two normalised names close enough for a key to keep its record: the same, a nickname, an initial, a
    part, or a slip that is plausible as a typo (`_a_plausible_slip`, and a slip as written too)."""
    close = normalise.name_closeness(left, right) >= below or normalise.name_slip(left, right)
    kind = normalise.name_match(left, right)[0]
    if kind == "similar" and not (_a_slip_as_written(*written) and _a_plausible_slip(left, right, syllabic)):
        return False  # as written, or for names this short, the two are not a slip apart
    if kind == "part" and min(len(left), len(right)) <= 2:
        return False  # "Li" in "Li Na": a two-letter name says too little to be part of another
    return close


def _a_plausible_slip(left: str, right: str, syllabic: bool = False) -> bool:
    """In a name of five letters or fewer, one changed or added letter makes another name (Peng/Ping,
    Qing/Qiang, Maria/Mario): only two neighbouring letters swapped (Jhon/John) is still a typo there. So in
    a given name of romanised Chinese or Korean syllables of any length (Xiaoming/Xiaoling, Seo-jun/Seo-jin),
    when `syllabic` (both records' family names are such a syllable: Western names read as syllables too)."""
    syllables = (
        syllabic and locale_words.romanised_syllables(left) and locale_words.romanised_syllables(right)
    )
    if max(len(left), len(right)) > 5 and not syllables:
        return True
    return len(left) == len(right) and sorted(left) == sorted(right)


def _a_slip_as_written(left: str, right: str) -> bool:
    """A slip of the normalised names is one as written too, when both are written with accents: Hùng and
    Hương are two Vietnamese names whose plain letters (hung, huong) are a slip apart. A name written
    without accents may have lost them, so only the plain letters can be compared then."""
    left, right = left.strip().lower(), right.strip().lower()
    if left.isascii() or right.isascii():
        return True
    return normalise.name_slip(left, right)


def _scripts_differ(written: dict, other: dict) -> bool:
    """Whether one side writes its name only in Latin letters and the other with letters of another script."""
    sides = [
        " ".join(str(values.get(key) or "") for key in ("first_name", "last_name", "full_name"))
        for values in (written, other)
    ]
    letters = [[char for char in side if char.isalpha()] for side in sides]
    if not all(letters):
        return False
    latin = [all(normalise.is_latin_letter(char) for char in side) for side in letters]
    return latin[0] != latin[1]


def _names_in_kanji(written: dict) -> bool:
    """Whether a record's written names hold kanji (Han characters)."""
    return any(_HAN.search(str(written.get(key) or "")) for key in ("first_name", "last_name", "full_name"))


def _written_in_japan(written: dict, postcode) -> bool:
    """Whether a record's postcode, company or names are written as Japan writes them
    (`normalise.country_by_writing`)."""
    names = [written.get(key) for key in ("first_name", "last_name", "full_name")]
    return normalise.country_by_writing(postcode, written.get("company_name"), names) == "JP"


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _mobile_beside_office_line(holder: dict, number: str) -> bool:
    """Whether the CRM record holds this (mobile) number beside another one listed before it, its office
    line: the record itself tells the person's own mobile from the company's line. A mobile that is a
    record's only number may be the company's line (a small firm's phone is often a mobile, and a CRM
    writes the company's number on one contact), so beside a namesake colleague it does not choose."""
    phones = profile_phones(holder)
    return len(phones) > 1 and phones[0] != number and number in phones


def _placed_with_holder(profile: dict, holder: dict, namesake: dict) -> bool:
    """Whether the record's place (postcode, city) agrees with the key holder's and not with the namesake's:
    a mobile that is the holder's only number then chooses, whether it is the holder's own or the company's
    line (the place alone already tells the colleagues apart, and the number does not point elsewhere)."""
    apart = False
    for name in ("postcode", "city"):
        value, held, other = profile.get(name), holder.get(name), namesake.get(name)
        if not (value and held and other):
            continue
        if other == value:
            return False
        apart = apart or held == value
    return apart


def _same_employer(ours, theirs) -> bool:
    """Whether two company names, both given, are one employer's (`normalise.company_similarity`)."""
    return (
        type(ours) is str
        and type(theirs) is str
        and bool(ours and theirs)
        and normalise.company_similarity(ours, theirs) >= DEFAULT_VETO_SIMILARITY
    )


def _companies_differ(inbound: dict, holder: dict, below: float) -> bool:
    left, right = inbound.get("company_name"), holder.get("company_name")
    return bool(left and right) and normalise.company_similarity(left, right) < below


def _an_office_abroad(inbound: dict, holder: dict) -> bool:
    """Another name and a phone in another country: a group's company abroad on the group's domain
    ("Acme Nordic" with a Norwegian number against "Acme Corp." with an American one)."""
    ours, theirs = inbound.get("company_name"), holder.get("company_name")
    if not ours or not theirs or ours == theirs:
        return False
    countries = {
        normalise.phone_country_code(inbound.get("phone")),
        normalise.phone_country_code(holder.get("phone")),
    }
    return None not in countries and len(countries) == 2


def _other_numbers(inbound: dict, holder: dict) -> bool:
    """Whether both records give numbers and none of the record's is the holder's."""
    ours, theirs = profile_phones(inbound), profile_phones(holder)
    return bool(ours and theirs) and not set(ours) & set(theirs)


def _key_note(result: KeyResult) -> str:
    if result.mailbox_record:
        return (
            f"{result.value} is a role or shared address, held by CRM record {result.crm_id} only, under this "
            "record's own name (or under no person's name, as this record): its holder."
        )
    if result.key == KeyName.EMAIL and not normalise.is_key_email(result.value):
        return f"{result.value} is a role or shared address: not a key."
    if result.shared_by:
        what = KEY_WORDS.get(result.key, result.key)
        return (
            f"This {what} ({result.value}) is shared by several records: it is on {len(result.shared_by)} "
            "CRM records, so it is not a key."
        )
    if result.deleted and not result.crm_id:
        return f"{result.key} {result.value} belongs to deleted record(s) {', '.join(result.deleted)}."
    return ""


def _key_evidence(result: KeyResult) -> dict:
    return {
        "attribute": result.key,
        "method": "key",
        "inbound": result.value,
        "candidate": result.crm_id,
        "level": "unique key",
        "weight": None,
    }


def _names_agree(levels: tuple[int, ...], name_pair: tuple[int, int] | None, different: list[int]) -> bool:
    """`InboundScorer.names_agree` read from a candidate's levels (`InboundScorer.levels`): a missing name
    says nothing; names that agree only swapped were compared swapped there, so they agree here."""
    if not name_pair:
        return True
    first, last = levels[name_pair[0]], levels[name_pair[1]]
    if first == MISSING or last == MISSING:
        return True
    return first != different[name_pair[0]] and last != different[name_pair[1]]


REVIEW_TEXTS = REVIEW_ATTRIBUTES[:-1]


def _attributes_for_review(profile: dict) -> dict:
    attributes = {name: value for name in REVIEW_TEXTS if (value := profile.get(name))}
    if profile.get("date_of_birth"):
        attributes["date_of_birth"] = profile["date_of_birth"].isoformat()
    return attributes


def _mailbox(address) -> tuple[bool, str | None]:
    """(whether an address is a key email, its registrable domain or None for free mail), remembered."""
    found = MAILBOXES.get(address) if type(address) is str else None
    if found is None:
        domain = (
            None
            if normalise.is_free_mail(address)
            else normalise.registrable_domain(address.rpartition("@")[2])
        )
        found = (normalise.is_key_email(address), domain)
        if type(address) is str:
            if len(MAILBOXES) >= MAILBOXES_LIMIT:
                MAILBOXES.clear()
            MAILBOXES[address] = found
    return found


def _other_mailbox_at_same_domain(left, right) -> bool:
    """`normalise.other_mailbox_at_same_domain` (the same answer), each address read once (`_mailbox`): the
    veto asks it of every shortlisted candidate, and an address comes back in many pairs."""
    lefts = [a for a in (left if isinstance(left, (list, tuple)) else [left]) if a and _mailbox(a)[0]]
    rights = [a for a in (right if isinstance(right, (list, tuple)) else [right]) if a and _mailbox(a)[0]]
    if not lefts or not rights or set(lefts) & set(rights):
        return False
    domains = {domain for a in lefts if (domain := _mailbox(a)[1]) is not None}
    if not any((domain := _mailbox(a)[1]) is not None and domain in domains for a in rights):
        return False
    return not normalise.same_user_within_domain(lefts, rights)


def _own_number_holders(holders_of: dict[str, set[int]], live_targets: dict[int, str]) -> dict[int, str]:
    """Record id -> live CRM id, for the records whose own number a national text without a country reads as,
    where that text is read as no other live record's number in any country and writes no extension (an
    extension is a switchboard's desk): a number one person holds."""
    owners = {}
    for text, holders in holders_of.items():
        targets = {live_targets[i] for i in holders if i in live_targets}
        if len(targets) == 1 and not normalise.has_extension(text):
            owners.update({i: live_targets[i] for i in holders if i in live_targets})
    return owners


def _listed(value) -> list:
    return value if isinstance(value, list) else [value]


def _same_house_number(ours, theirs) -> bool:
    """Whether two street texts begin with the very same house number (the first number each writes)."""
    if type(ours) is not str or type(theirs) is not str:
        return False
    mine, other = _HOUSE_NUMBER_WRITTEN.search(ours), _HOUSE_NUMBER_WRITTEN.search(theirs)
    return mine is not None and other is not None and mine.group() == other.group()


def _first_name_mistyped(ours, theirs) -> bool:
    """Whether two first names are one name with a typo (`normalise.name_closeness`: a slip, a letter lost at
    the end, a long name misspelled), not two names, a nickname, an initial or a man's and a woman's form."""
    if type(ours) is not str or type(theirs) is not str or not ours or not theirs:
        return False
    return (
        normalise.name_match(ours, theirs)[0] == "similar"
        and normalise.name_closeness(ours, theirs) >= SURNAME_SLIP
    )
