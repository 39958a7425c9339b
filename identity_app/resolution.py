"""What a resolution is made of, shared by the resolver's parts (`identity_app.resolver`).

The flow's rules as the resolver reads them (`Rules`), an inbound record (`Inbound`), a candidate, a key's
result, the resolution itself; the texts of the review reasons; and the small comparisons of two records'
values (same names, same employer, another mailbox at one domain, a mistyped first name) that several parts use.
"""

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from identity_app import (
    locale_words,
    normalise_companies,
    normalise_emails,
    normalise_names,
    normalise_phones,
    normalise_places,
    normalise_text,
)
from identity_app.attributes import (
    COMPANY_NUMBER,
    COMPANY_PAGE,
    LEI,
    VAT_NUMBER,
    EntityKind,
    hangul_names,
    profile_phones,
)
from identity_app.blocking import DEFAULT_BLOCKING_RULES, NARROW_BLOCK_SIZE, rule_kind
from identity_app.mirror import RecordRef
from identity_app.models import (
    DEFAULT_VETO_SIMILARITY,
    IdentifierKind,
    IdentityRuleSet,
    KeyName,
    default_contradiction_checks,
    default_personal_keys,
    default_vetoes,
)
from identity_app.scoring import DEFAULT_COMPARISONS, MISSING, InboundScorer

MATCHED = "matched"
MAX_CANDIDATES = 5
DATA_KEYS = (
    KeyName.EXTERNAL_ID,
    KeyName.EMAIL,
    KeyName.PHONE,
    KeyName.DOMAIN,
    KeyName.VAT,
    KeyName.COMPANY_NUMBER,
    KeyName.LEI,
    KeyName.COMPANY_PAGE,
)
DOMAIN_KIND = rule_kind(("email_domain",))  # organisations' domain key reads the domain's block rows
VAT_KIND = rule_kind((f"extra.{VAT_NUMBER}",))  # and their VAT number's key its block rows
COMPANY_NUMBER_KIND = rule_kind((f"extra.{COMPANY_NUMBER}",))  # and their company number's
COMPANY_PAGE_KIND = rule_kind((f"extra.{COMPANY_PAGE}",))  # and their company page's
LEI_KIND = rule_kind((f"extra.{LEI}",))  # and their LEI's
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
    KeyName.COMPANY_NUMBER: "company number",
    KeyName.LEI: "LEI",
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
# the veto of an organisation whose name agrees only approximately and whose street address differs, with neither
# its phone nor its domain agreeing (`Resolver._alike_name_at_another_door`)
NAME_ELSEWHERE = "name_elsewhere"
NAME_ELSEWHERE_NOTE = (
    "its name agrees only approximately and its street address differs, its phone and domain not agreeing: "
    'a business of a like name elsewhere in the town ("Menuiserie Roussel" and "Menuiserie Rousseau"), '
    "which a postcode covering the whole town does not tell apart"
)
# the veto of an organisation whose one-word name many CRM records' names carry, at another street address, with
# neither its phone nor its domain agreeing (`Resolver._common_name_at_another_door`)
COMMON_NAME_ELSEWHERE = "common_name_elsewhere"
COMMON_NAME_ELSEWHERE_NOTE = (
    "its name is a single word that many CRM records' names carry (a family's name, which many firms bear) and "
    "its street address differs, its phone and domain not agreeing: another business of that name in the town"
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
HOUSE_NUMBER = re.compile(r"\d")
_HOUSE_NUMBER_WRITTEN = re.compile(r"\d+")
STREET_WORD = re.compile(r"[^\W\d_]{2,}")
# The vetoes a personal identifier with one more strong attribute lifts (`Resolver._identified`).
IDENTIFIED_PERSON_LIFTS = ("first_name", "last_name", "date_of_birth")
# A surname this close (`normalise_names.surname_closeness`: 0.95 a slip) agrees as a strong attribute.
SURNAME_SLIP = 0.9
PLACE_AND_BIRTH = ("city", "postcode", "date_of_birth")
NAME_EQUIVALENT_LABEL = "nickname, initial or part"
# Comparison methods whose `similarity` of a text with itself is 1 (a veto needs no lookup for the same name).
SAME_TEXT_IS_ONE = frozenset({"name", "jaro_winkler"})
# An address -> (whether it is a key email, its registrable domain or None for free mail), as the
# one-mailbox-per-domain veto reads it (`other_mailbox_at_same_domain`); emptied whole at the limit.
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
    # Its attributes (`attributes_of`) and their values as written (`display_values`), once read: the key
    # checks and the decisions read them again and again (a dozen times for a record a key points to).
    attributes: dict | None = None
    written: dict | None = None


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
        """What identifies a record's profile: the rules' shape and its attributes (`attributes_of`)."""
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
            self.attributes = attributes_for_review(profile) if profile is not None else {}
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


def national_holders(number: str, hits) -> list[str]:
    """The CRM ids of the records writing `number` nationally without a country (`IdentifierKind.PHONE_NATIONAL`)."""
    digits = normalise_phones.national_digits(number)
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


def bare_candidate(crm_id: str, score: float | None, probability: float | None) -> dict:
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


def as_percent(probability: float) -> str:
    """A probability in per cent, never rounded up to a certainty it is not."""
    return f"{min(probability, 0.999):.1%}" if probability < 1 else "100%"


def written_name(profile: dict) -> str:
    """A CRM record's name as the CRM writes it ("Jane Doe", not the compared "jane doe")."""
    display = profile.get("display") or {}
    written = " ".join(str(display[key]) for key in ("first_name", "last_name") if display.get(key))
    return written or f"{profile.get('first_name', '')} {profile.get('last_name', '')}".strip()


def and_joined(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def attributes_of(record: dict) -> dict:
    """An inbound record's attributes: its own fields besides the metadata, and its `attributes`."""
    attributes = {key: value for key, value in record.items() if key not in INBOUND_META}
    attributes.update(record.get("attributes") or {})
    return attributes


def same_names(first, last, other_first, other_last) -> bool:
    """Two records' names alike as one person's (each a typo or a nickname apart), in either order."""
    names = (first, last, other_first, other_last)
    if not all(isinstance(name, str) and name for name in names):
        return False
    close = normalise_names.name_closeness
    return any(
        close(first, a) >= DEFAULT_VETO_SIMILARITY and close(last, b) >= DEFAULT_VETO_SIMILARITY
        for a, b in ((other_first, other_last), (other_last, other_first))
    )


def one_person_renamed(first, born, other_first, other_born) -> bool:
    """Two records' first names alike as one person's (a typo or a nickname apart, `normalise_names.
    name_closeness`) and the very date of birth, both given: one person under two surnames (a maiden and a
    married name, a surname typed wrong), whatever the surnames say. Twins have two first names, a father
    and his namesake son two dates of birth, spouses and siblings both."""
    if not (isinstance(first, str) and isinstance(other_first, str) and first and other_first):
        return False
    if type(born) is not dt.date or born != other_born:
        return False
    return normalise_names.name_closeness(first, other_first) >= DEFAULT_VETO_SIMILARITY


def same_birth(born, other_born) -> bool:
    """No other date of birth: the same, a slip apart (`normalise_text.date_slip`), or one of them not given."""
    if not born or not other_born:
        return True
    if not (isinstance(born, dt.date) and isinstance(other_born, dt.date)):
        return born == other_born
    return born == other_born or normalise_text.date_slip(born, other_born)


def same_full_name(inbound: dict, holder: dict) -> bool:
    """The very first and last name (normalised, in either order), and no other date of birth: a number
    held by one CRM record of that person is their own, whatever company they now name (people change
    jobs and keep their mobile)."""
    names = (inbound.get("first_name"), inbound.get("last_name"))
    held = (holder.get("first_name"), holder.get("last_name"))
    born, held_born = inbound.get("date_of_birth"), holder.get("date_of_birth")
    if born and held_born and born != held_born:
        return False
    if not (all(names) and all(held)):
        return False
    return names == held or names == held[::-1] or _first_surname_kept(names, held, holder.get("country"))


def name_written_more_fully(inbound: dict, holder: dict) -> bool:
    """One person's name, written on one side with a word more or split at another place: the same first
    given name and the same last surname word, every word of the shorter name among the longer's, and no other
    date of birth. A second given name (Mustafa Kemal Kurt for Mustafa Kurt) or a maiden name kept before a
    married one (Dilek Bozkurt Koç for Dilek Koç) is written on one record and left out on the other; a whole
    name typed into one field is split at another word ("Mehmet / Emin Öztürk")."""
    names = (inbound.get("first_name"), inbound.get("last_name"))
    held = (holder.get("first_name"), holder.get("last_name"))
    born, held_born = inbound.get("date_of_birth"), holder.get("date_of_birth")
    if (born and held_born and born != held_born) or not (all(names) and all(held)):
        return False
    words, held_words = " ".join(names).split(), " ".join(held).split()
    if words[0] != held_words[0] or words[-1] != held_words[-1]:
        return False
    shorter, longer = sorted((Counter(words), Counter(held_words)), key=lambda counted: counted.total())
    return not shorter - longer


def _first_surname_kept(names: tuple[str, str], held: tuple[str, str], country) -> bool:
    """The very first name, and one side's surname the other's first of two, where people are known by their
    first surname (`normalise_names.FIRST_SURNAME_KEPT`: Mexico, Colombia, Spain): José Ángel Reyes is José
    Ángel Reyes Restrepo, who dropped his mother's name."""
    if names[0] != held[0] or country not in normalise_names.FIRST_SURNAME_KEPT:
        return False
    shorter, longer = sorted((names[1].split(), held[1].split()), key=len)
    return len(shorter) == 1 and len(longer) == 2 and longer[0] == shorter[0]


def generations_differ(inbound: dict, holder: dict) -> bool:
    """Both records name a person, and one surname ends in a generation (Jr., Sr., Filho) the other does not
    have: a father and son of one name share an address and a landline. (A personal key, their own mailbox,
    keeps its record: a person writes the suffix one time and not the next.)"""
    last, held_last = inbound.get("last_name"), holder.get("last_name")
    return bool(last and held_last) and locale_words.generations_differ(last, held_last)


def two_generations(inbound: dict, holder: dict) -> bool:
    """Both surnames end in a generation, and two different ones (Brown Sr. and Brown Jr., Lee II and Lee
    III): a father and son of one name, who share a family firm's mailbox or the one the son took over. Any
    key, a personal one too: the one who writes no suffix is left to `generations_differ`."""
    last, held_last = inbound.get("last_name") or "", holder.get("last_name") or ""
    ours, theirs = locale_words.generation(last), locale_words.generation(held_last)
    return bool(ours and theirs) and ours != theirs


def first_name_clearly_differs(
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
    if last and held_last and name_close(first, held_last, below) and name_close(last, held, below):
        return False  # swapped
    if last and held_last and normalise_names.split_elsewhere((first, last), (held, held_last)):
        return False  # "Ana / María García" for Ana María García Hernández
    if first != held and any(hangul_names(inbound, holder)):
        # A given name written in Hangul is the same as one in Latin letters only when these spell its
        # syllables (`names_as_held` has read it so): 은영 (Eun-young) is not part of Ji-eun.
        return True
    # Chinese and Korean family names are one syllable (Wang, Chen, Kim): a given name beside one on both
    # records is read as syllables (`_a_plausible_slip`).
    syllabic = locale_words.one_syllable_surname(last or "") and locale_words.one_syllable_surname(
        held_last or ""
    )
    if not name_close(first, held, below, written, syllabic=syllabic):
        return True
    # Another surname (a marriage) keeps the key beside the very same first name only, not a slip of it:
    # Huong Hoang's mailbox is not Hung Tran's.
    return bool(
        last and held_last and first != held and normalise_names.name_closeness(last, held_last) < below
    )


def name_close(
    left: str, right: str, below: float, written: tuple[str, str] = ("", ""), *, syllabic: bool = False
) -> bool:
    """Two normalised names close enough for a key to keep its record: the same, a nickname, an initial, a
    part, or a slip that is plausible as a typo (`_a_plausible_slip`, and a slip as written too)."""
    close = normalise_names.name_closeness(left, right) >= below or normalise_names.name_slip(left, right)
    kind = normalise_names.name_match(left, right)[0]
    if kind == "similar" and not (_a_slip_as_written(*written) and _a_plausible_slip(left, right, syllabic)):
        return False  # as written, or for names this short, the two are not a slip apart
    if kind == "part" and min(len(left), len(right)) <= 2:
        return False  # "Li" in "Li Na": a two-letter name says too little to be part of another
    if kind == "part" and syllabic and _syllables_of_a_given_name(left) and _syllables_of_a_given_name(right):
        return False  # Ming is not part of Xiao Ming (明 and 晓明 are two given names), nor Min of it
    return close


def _syllables_of_a_given_name(name: str) -> bool:
    """Whether a normalised given name is romanised Chinese or Korean syllables, one or more (Ming, Xiao
    Ming, Xiaoming, Seo-jun): each syllable is a character of the name, and a name of fewer of them is
    another name, not a short form as Mary is of Mary Ann."""
    return locale_words.one_syllable_surname(name) or locale_words.romanised_syllables(name)


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
    # ... and not at the first letter, which people rarely mistype: Ahmed and Hamed, Ahmad and Hamad, a swap
    # apart, are two names (brothers on the family's number) where Jhon is John.
    return len(left) == len(right) and sorted(left) == sorted(right) and left[0] == right[0]


def _a_slip_as_written(left: str, right: str) -> bool:
    """A slip of the normalised names is one as written too, when both are written with accents: Hùng and
    Hương are two Vietnamese names whose plain letters (hung, huong) are a slip apart. A name written
    without accents may have lost them, so only the plain letters can be compared then."""
    left, right = left.strip().lower(), right.strip().lower()
    if left.isascii() or right.isascii():
        return True
    return normalise_names.name_slip(left, right)


def scripts_differ(written: dict, other: dict) -> bool:
    """Whether one side writes its name only in Latin letters and the other with letters of another script."""
    sides = [
        " ".join(str(values.get(key) or "") for key in ("first_name", "last_name", "full_name"))
        for values in (written, other)
    ]
    letters = [[char for char in side if char.isalpha()] for side in sides]
    if not all(letters):
        return False
    latin = [all(normalise_text.is_latin_letter(char) for char in side) for side in letters]
    return latin[0] != latin[1]


def names_in_kanji(written: dict) -> bool:
    """Whether a record's written names hold kanji (Han characters)."""
    return any(_HAN.search(str(written.get(key) or "")) for key in ("first_name", "last_name", "full_name"))


def written_in_japan(written: dict, postcode) -> bool:
    """Whether a record's postcode, company or names are written as Japan writes them
    (`normalise_places.country_by_writing`)."""
    names = [written.get(key) for key in ("first_name", "last_name", "full_name")]
    return normalise_places.country_by_writing(postcode, written.get("company_name"), names) == "JP"


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def mobile_beside_office_line(holder: dict, number: str) -> bool:
    """Whether the CRM record holds this (mobile) number beside another one listed before it, its office
    line: the record itself tells the person's own mobile from the company's line. A mobile that is a
    record's only number may be the company's line (a small firm's phone is often a mobile, and a CRM
    writes the company's number on one contact), so beside a namesake colleague it does not choose."""
    phones = profile_phones(holder)
    return len(phones) > 1 and phones[0] != number and number in phones


def placed_with_holder(profile: dict, holder: dict, namesake: dict) -> bool:
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


def same_employer(ours, theirs) -> bool:
    """Whether two company names, both given, are one employer's (`normalise_companies.company_similarity`)."""
    return (
        type(ours) is str
        and type(theirs) is str
        and bool(ours and theirs)
        and normalise_companies.company_similarity(ours, theirs) >= DEFAULT_VETO_SIMILARITY
    )


def companies_differ(inbound: dict, holder: dict, below: float) -> bool:
    left, right = inbound.get("company_name"), holder.get("company_name")
    return bool(left and right) and normalise_companies.company_similarity(left, right) < below


def companies_in_two_scripts(inbound: dict, holder: dict) -> bool:
    """Whether one record writes its company in Latin letters and the other in another script (a Chinese
    company's registered name 上海恒达贸易有限公司 and its English one, Shanghai Hengda Trading Co., Ltd.):
    letters cannot say the two are different companies."""
    names = [str(record.get("company_name") or "") for record in (inbound, holder)]
    letters = [[char for char in name if char.isalpha()] for name in names]
    if not all(letters):
        return False
    latin = [all(normalise_text.is_latin_letter(char) for char in side) for side in letters]
    return latin[0] != latin[1]


def an_office_abroad(inbound: dict, holder: dict) -> bool:
    """Another name and a phone in another country: a group's company abroad on the group's domain
    ("Acme Nordic" with a Norwegian number against "Acme Corp." with an American one)."""
    ours, theirs = inbound.get("company_name"), holder.get("company_name")
    if not ours or not theirs or ours == theirs:
        return False
    countries = {
        normalise_phones.phone_country_code(inbound.get("phone")),
        normalise_phones.phone_country_code(holder.get("phone")),
    }
    return None not in countries and len(countries) == 2


def other_numbers(inbound: dict, holder: dict) -> bool:
    """Whether both records give numbers and none of the record's is the holder's."""
    ours, theirs = profile_phones(inbound), profile_phones(holder)
    return bool(ours and theirs) and not set(ours) & set(theirs)


def key_note(result: KeyResult) -> str:
    if result.mailbox_record:
        return (
            f"{result.value} is a role or shared address, held by CRM record {result.crm_id} only, under this "
            "record's own name (or under no person's name, as this record): its holder."
        )
    if result.key == KeyName.EMAIL and not normalise_emails.is_key_email(result.value):
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


def key_evidence(result: KeyResult) -> dict:
    return {
        "attribute": result.key,
        "method": "key",
        "inbound": result.value,
        "candidate": result.crm_id,
        "level": "unique key",
        "weight": None,
    }


def names_agree_in_levels(
    levels: tuple[int, ...], name_pair: tuple[int, int] | None, different: list[int]
) -> bool:
    """`InboundScorer.names_agree` read from a candidate's levels (`InboundScorer.levels`): a missing name
    says nothing; names that agree only swapped were compared swapped there, so they agree here."""
    if not name_pair:
        return True
    first, last = levels[name_pair[0]], levels[name_pair[1]]
    if first == MISSING or last == MISSING:
        return True
    return first != different[name_pair[0]] and last != different[name_pair[1]]


REVIEW_TEXTS = REVIEW_ATTRIBUTES[:-1]


def attributes_for_review(profile: dict) -> dict:
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
            if normalise_emails.is_free_mail(address)
            else normalise_emails.registrable_domain(address.rpartition("@")[2])
        )
        found = (normalise_emails.is_key_email(address), domain)
        if type(address) is str:
            if len(MAILBOXES) >= MAILBOXES_LIMIT:
                MAILBOXES.clear()
            MAILBOXES[address] = found
    return found


def other_mailbox_at_same_domain(left, right) -> bool:
    """`normalise_emails.other_mailbox_at_same_domain` (the same answer), each address read once (`_mailbox`): the
    veto asks it of every shortlisted candidate, and an address comes back in many pairs."""
    lefts = [a for a in (left if isinstance(left, (list, tuple)) else [left]) if a and _mailbox(a)[0]]
    rights = [a for a in (right if isinstance(right, (list, tuple)) else [right]) if a and _mailbox(a)[0]]
    if not lefts or not rights or set(lefts) & set(rights):
        return False
    domains = {domain for a in lefts if (domain := _mailbox(a)[1]) is not None}
    if not any((domain := _mailbox(a)[1]) is not None and domain in domains for a in rights):
        return False
    return not normalise_emails.same_user_within_domain(lefts, rights)


def own_number_holders_of(holders_of: dict[str, set[int]], live_targets: dict[int, str]) -> dict[int, str]:
    """Record id -> live CRM id, for the records whose own number a national text without a country reads as,
    where that text is read as no other live record's number in any country and writes no extension (an
    extension is a switchboard's desk): a number one person holds."""
    owners = {}
    for text, holders in holders_of.items():
        targets = {live_targets[i] for i in holders if i in live_targets}
        if len(targets) == 1 and not normalise_phones.has_extension(text):
            owners.update({i: live_targets[i] for i in holders if i in live_targets})
    return owners


def as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def same_house_number(ours, theirs) -> bool:
    """Whether two street texts begin with the very same house number (the first number each writes)."""
    if type(ours) is not str or type(theirs) is not str:
        return False
    mine, other = _HOUSE_NUMBER_WRITTEN.search(ours), _HOUSE_NUMBER_WRITTEN.search(theirs)
    return mine is not None and other is not None and mine.group() == other.group()


# `normalise_names.name_match`'s kinds that are one name written otherwise: the same, a short form, an initial, a part.
ONE_NAME_WRITTEN_OTHERWISE = frozenset({"exact", "nickname", "initial", "part"})


def first_names_compatible(ours, theirs) -> bool:
    """Whether two first names can be one person's as written: the same, a short form, an initial or a part
    (`name_match`), or one keyed or read wrong into a word that is nobody's name (`normalise_names.name_keyed_wrong`:
    "kyl" / "kyle", "samyle" / "samuel"); a name missing on either side is no disagreement. Christina and
    Robert, Mark and Mary are not: two people, whatever else the records share."""
    if type(ours) is not str or type(theirs) is not str or not ours or not theirs:
        return True
    if normalise_names.name_match(ours, theirs)[0] in ONE_NAME_WRITTEN_OTHERWISE:
        return True
    return normalise_names.name_keyed_wrong(ours, theirs)


def first_name_mistyped(ours, theirs) -> bool:
    """Whether two first names are one name with a typo (`normalise_names.name_closeness`: a slip, a letter lost at
    the end, a long name misspelled), not two names, a nickname, an initial or a man's and a woman's form."""
    if type(ours) is not str or type(theirs) is not str or not ours or not theirs:
        return False
    return (
        normalise_names.name_match(ours, theirs)[0] == "similar"
        and normalise_names.name_closeness(ours, theirs) >= SURNAME_SLIP
    )
