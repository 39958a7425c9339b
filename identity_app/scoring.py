"""Fellegi-Sunter scoring: each comparison puts a pair of profiles on one level; each level has a weight.

A comparison is data: {"attribute", "method", "thresholds", "m", "u"}. Its levels run from the strongest
agreement to "different"; `m[i]` is P(level i | same entity), `u[i]` P(level i | different entities), and
the level's weight is log2(m/u) bits. A missing value on either side contributes nothing. The score of a
pair is the sum of its weights, so every score is a list of explainable contributions.
"""

import math
from dataclasses import dataclass
from datetime import date
from operator import add

from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler

from identity_app import (
    normalise_companies,
    normalise_emails,
    normalise_names,
    normalise_places,
    normalise_text,
    organisations,
)
from identity_app.attributes import BIRTH_DATE_READINGS, CRM_REFERENCE

METHODS = ("exact", "email", "jaro_winkler", "name", "company", "date", "numeric")
USER_NAME_LEVEL = "same user name, other domain"
MISSING = -1
# Person names: a nickname, an initial or a part of the name is its own level, between exact and fuzzy.
EQUIVALENT_KINDS = frozenset({"nickname", "initial", "part"})
# People change jobs: comparisons marked "employer" (company, email domain, company id) do not count against
# a pair whose first name, last name and date of birth all agree exactly (see `Scorer.job_change`).
JOB_CHANGE_NOTE = " (not held against the same name and date of birth: people change jobs)"
# The same mailbox name at another domain already says the domains differ: the email domain's disagreement
# is not counted a second time (a renamed company, or a person who kept the mailbox name's pattern).
USER_NAME_NOTE = " (not held against the same mailbox name at another domain)"

DEFAULT_COMPARISONS: tuple[dict, ...] = (
    {"attribute": "emails", "method": "email", "m": [0.7, 0.04, 0.26], "u": [0.0005, 0.0005, 0.999]},
    {"attribute": "phone", "method": "exact", "m": [0.7, 0.3], "u": [0.001, 0.999]},
    {
        "attribute": "first_name",
        "method": "name",
        "thresholds": [0.92, 0.8],
        "m": [0.82, 0.07, 0.06, 0.02, 0.03],
        "u": [0.02, 0.01, 0.01, 0.03, 0.93],
    },
    {
        "attribute": "last_name",
        "method": "name",
        "thresholds": [0.92, 0.8],
        "m": [0.86, 0.03, 0.06, 0.02, 0.03],
        "u": [0.02, 0.003, 0.01, 0.02, 0.947],
    },
    {
        "attribute": "company_name",
        "method": "company",
        "thresholds": [0.9],
        "employer": True,
        "m": [0.75, 0.15, 0.1],
        "u": [0.1, 0.05, 0.85],
    },
    {"attribute": "email_domain", "method": "exact", "employer": True, "m": [0.8, 0.2], "u": [0.15, 0.85]},
    {"attribute": "company_id", "method": "exact", "employer": True, "m": [0.85, 0.15], "u": [0.1, 0.9]},
    {"attribute": "postcode", "method": "exact", "m": [0.85, 0.15], "u": [0.05, 0.95]},
    {
        "attribute": "city",
        "method": "jaro_winkler",
        "thresholds": [0.9],
        "m": [0.85, 0.05, 0.1],
        "u": [0.1, 0.02, 0.88],
    },
    # The street (house number and street name, `normalise_places.street`): a home address places a person far more
    # narrowly than the city; an office's is shared by colleagues, which the fitted u says.
    {
        "attribute": "street",
        "method": "jaro_winkler",
        "thresholds": [0.9],
        "m": [0.7, 0.1, 0.2],
        "u": [0.01, 0.02, 0.97],
    },
    {
        "attribute": "date_of_birth",
        "method": "date",
        "thresholds": [31],
        "m": [0.9, 0.06, 0.04],
        "u": [0.0005, 0.01, 0.9895],
    },
)

# How a custom attribute declared with only a type (`attributes.ATTRIBUTE_TYPES`) is compared, with starting
# weights a fit on the file refines: an offline run's `--attribute COLUMN=TYPE` (`custom_attribute_rules`).
# A personal identifier's typo (a digit, two swapped) is its own level, as strong as a date slip, no more.
_CUSTOM_COMPARISONS: dict[str, dict] = {
    "identifier": {
        "method": "jaro_winkler",
        "thresholds": [0.9],
        "m": [0.8, 0.1, 0.1],
        "u": [0.0005, 0.005, 0.9945],
    },
    "email": {"method": "email", "m": [0.7, 0.04, 0.26], "u": [0.0005, 0.0005, 0.999]},
    "phone": {"method": "exact", "m": [0.7, 0.3], "u": [0.001, 0.999]},
    # A profile address agrees exactly or not at all: namesakes' addresses are one character apart as often
    # as a typo's ("david-kim-1a2b" / "david-kim-1a3b"), so no similarity counts. Its owner may have renamed it.
    "profile": {"method": "exact", "m": [0.85, 0.15], "u": [0.0001, 0.9999]},
    "domain": {"method": "exact", "m": [0.8, 0.2], "u": [0.05, 0.95]},
    "url": {"method": "exact", "m": [0.8, 0.2], "u": [0.05, 0.95]},
    "date": {"method": "date", "thresholds": [31], "m": [0.9, 0.06, 0.04], "u": [0.0005, 0.01, 0.9895]},
    "number": {"method": "exact", "m": [0.8, 0.2], "u": [0.05, 0.95]},
    "text": {"method": "jaro_winkler", "thresholds": [0.9], "m": [0.7, 0.1, 0.2], "u": [0.05, 0.05, 0.9]},
}
# Types whose value names one record as a key would (one person's number, mailbox or line): blocked on, so
# that the records holding it are compared whatever else differs.
_BLOCKED_CUSTOM_TYPES = frozenset({"identifier", "profile", "email", "phone"})


def custom_attribute_rules(declared: dict[str, str]) -> tuple[list[dict], list[list[str]]]:
    """(comparisons, blocking rules) for custom attributes declared as {name: type}."""
    comparisons, blocks = [], []
    for name, kind in declared.items():
        if kind == CRM_REFERENCE:  # a key the resolver reads, not an attribute compared
            continue
        comparisons.append({"attribute": f"extra.{name}", **_CUSTOM_COMPARISONS[kind]})
        if kind in _BLOCKED_CUSTOM_TYPES:
            blocks.append([f"extra.{name}"])
    return comparisons, blocks


# Organisations: one name (legal forms removed, compared word by word), the web domain, phone and address. Two
# names each with a word of its own put in place of the other's are "different" however many words they share
# (`WORD_SUBSTITUTION`).
ORGANISATION_COMPARISONS: tuple[dict, ...] = (
    {
        "attribute": "company_name",
        "method": "company",
        "substitution": True,
        "thresholds": [0.9, 0.75],
        "m": [0.7, 0.15, 0.08, 0.07],
        "u": [0.001, 0.004, 0.02, 0.975],
    },
    {"attribute": "email_domain", "method": "exact", "m": [0.8, 0.2], "u": [0.002, 0.998]},
    {"attribute": "phone", "method": "exact", "m": [0.6, 0.4], "u": [0.001, 0.999]},
    {
        "attribute": "street",
        "method": "jaro_winkler",
        "thresholds": [0.9],
        "m": [0.6, 0.2, 0.2],
        "u": [0.005, 0.01, 0.985],
    },
    {
        "attribute": "city",
        "method": "jaro_winkler",
        "thresholds": [0.9],
        "m": [0.8, 0.05, 0.15],
        "u": [0.05, 0.02, 0.93],
    },
    {"attribute": "postcode", "method": "exact", "m": [0.75, 0.25], "u": [0.01, 0.99]},
    {"attribute": "country", "method": "exact", "m": [0.9, 0.1], "u": [0.3, 0.7]},
)


def comparison_levels(comparison: dict) -> list[str]:
    """Level labels, strongest first."""
    method = comparison["method"]
    thresholds = comparison.get("thresholds") or []
    if method == "exact":
        return ["exact", "different"]
    if method == "email":  # as Splink's EmailComparison: the same mailbox name at another domain
        return ["exact", USER_NAME_LEVEL, "different"]
    if method in ("jaro_winkler", "company"):
        return ["exact", *(f"similarity >= {t}" for t in thresholds), "different"]
    if method == "name":
        return [
            "exact",
            "nickname, initial or part",
            *(f"similarity >= {t}" for t in thresholds),
            "different",
        ]
    if method == "date":
        days = thresholds[0] if thresholds else 31
        return [
            "exact",
            f"a slip (one part of the date, or the year's digits) or within {days} days",
            "different",
        ]
    if method == "numeric":
        return ["exact", *(f"within {t}" for t in thresholds), "different"]
    raise ValueError(f"Unknown comparison method {method!r}; use one of {', '.join(METHODS)}.")


def comparison_problems(comparison: dict) -> list[str]:
    """What is wrong with one comparison definition (empty when it is sound)."""
    attribute = comparison.get("attribute")
    if not attribute:
        return ["A comparison needs an attribute."]
    try:
        levels = comparison_levels(comparison)
    except (KeyError, ValueError) as exc:
        return [f"{attribute}: {exc}"]
    problems = []
    for name in ("m", "u"):
        probabilities = comparison.get(name)
        if not isinstance(probabilities, list) or len(probabilities) != len(levels):
            problems.append(f"{attribute}: {name} needs {len(levels)} probabilities, one per level.")
        elif any(not isinstance(p, (int, float)) or not 0 < p <= 1 for p in probabilities):
            problems.append(f"{attribute}: {name} probabilities must be in (0, 1].")
    return problems


class DateReadings(tuple):
    """The real dates an impossible date of birth is one slip from (`normalise_text.date_readings`), compared in
    its place: a candidate born on one of them agrees at the slip level; on none, nothing is known (the
    record wrote no date)."""

    __slots__ = ()

    def __str__(self) -> str:
        return " or ".join(reading.isoformat() for reading in self)


def _birth_date(profile: dict):
    """A profile's date of birth, or the readings of one written impossibly (`DateReadings`), or None."""
    born = profile.get("date_of_birth")
    if born is None and (readings := profile.get(BIRTH_DATE_READINGS)):
        return DateReadings(normalise_text.date(reading) for reading in readings)
    return born


def value_of(profile: dict, attribute: str):
    if attribute == "date_of_birth":
        return _birth_date(profile)
    if attribute == "emails":
        # A role or shared mailbox (info@, sales@) says "same company", not "same person": not compared.
        return [address for address in profile.get("emails") or () if normalise_emails.is_key_email(address)]
    if attribute == "phone":
        # Every number of the record (an office line and a mobile); one number stays plain text.
        phones = profile.get("phones")
        return list(phones) if phones and len(phones) > 1 else profile.get("phone")
    if attribute.startswith("extra."):
        return (profile.get("extra") or {}).get(attribute[len("extra.") :])
    if attribute.startswith("external_ids."):
        return (profile.get("external_ids") or {}).get(attribute[len("external_ids.") :])
    return profile.get(attribute)


def _similarity(left, right) -> float:
    if isinstance(left, list) or isinstance(right, list):
        lefts = left if isinstance(left, list) else [left]
        rights = right if isinstance(right, list) else [right]
        return max(_similarity(a, b) for a in lefts for b in rights)
    if left == right:
        return 1.0
    return JaroWinkler.similarity(str(left), str(right))


def _exact(left, right) -> bool:
    if isinstance(left, list) or isinstance(right, list):
        lefts = set(left if isinstance(left, list) else [left])
        rights = set(right if isinstance(right, list) else [right])
        return bool(lefts & rights)
    return left == right


def _email_level(left, right) -> int:
    lefts = left if isinstance(left, list) else [left]
    rights = right if isinstance(right, list) else [right]
    for address in rights:  # a record holds one address or two: no set to build
        if address in lefts:
            return 0
    return 1 if normalise_emails.same_user_other_domain(lefts, rights) else 2


def _date_level(left, right, days: float) -> int:
    if type(left) is DateReadings or type(right) is DateReadings:
        return _read_date_level(left, right)
    if isinstance(left, str) or isinstance(right, str):  # typed custom attributes are stored as ISO text
        left, right = normalise_text.date(left), normalise_text.date(right)
        if left is None or right is None:
            return 2
    if left == right:
        return 0
    return 1 if normalise_text.date_slip(left, right) or abs((left - right).days) <= days else 2


def _read_date_level(left, right) -> int:
    """A date against the readings of one written impossibly: a slip when it is one of them, else missing
    (a guess is no evidence against a date); two sets of readings are not compared."""
    readings, born = (left, right) if type(left) is DateReadings else (right, left)
    if type(born) is DateReadings or not isinstance(born, date):
        return MISSING
    return 1 if born in readings else MISSING


def _numeric_level(left, right, thresholds: list[float]) -> int:
    try:
        difference = abs(float(left) - float(right))
    except (TypeError, ValueError):
        return len(thresholds) + 1
    if difference == 0:
        return 0
    for index, threshold in enumerate(thresholds, start=1):
        if difference <= threshold:
            return index
    return len(thresholds) + 1


def is_missing(value) -> bool:
    return value in (None, "", [])


def compare(comparison: dict, left_profile: dict, right_profile: dict) -> int:
    """The level index of a pair on one comparison, or MISSING when a side has no value."""
    attribute = comparison["attribute"]
    left, right = value_of(left_profile, attribute), value_of(right_profile, attribute)
    if is_missing(left) or is_missing(right):
        return MISSING
    return level_of(comparison, left, right)


def level_of(comparison: dict, left, right) -> int:
    """The level index of two present values on one comparison."""
    method = comparison["method"]
    thresholds = comparison.get("thresholds") or []
    if method == "exact":
        return 0 if _exact(left, right) else 1
    if method == "email":
        return _email_level(left, right)
    if method == "jaro_winkler":
        return _text_level(comparison, thresholds, left, right, _similarity(left, right))
    if method == "name":
        return _name_level(thresholds, left, right)
    if method == "company":
        level = similarity_level(thresholds, _best(normalise_companies.company_similarity, left, right))
        return _substituted_level(comparison, thresholds, level, left, right)
    if method == "date":
        return _date_level(left, right, thresholds[0] if thresholds else 31)
    if method == "numeric":
        return _numeric_level(left, right, thresholds)
    raise ValueError(f"Unknown comparison method {method!r}.")


# Organisation names that share most of their words but each put a word of its own in the other's place
# ("Zevaex Funds SICAV - Euro Bond Fund" / "Stanel Funds SICAV - Euro Bond Fund": two fund families; "Kelvar
# Logistics Services" / "Kelvar Engineering Services") name two bodies: the level is "different", as the name's
# veto reads them (`organisations.word_substituted`). Counted as alike, such pairs at one administrator's address
# made a fitted model's match class "same address" (issue 13). A comparison opts in with "substitution".
def _substituted_level(comparison: dict, thresholds: list, level: int, left, right) -> int:
    different = len(thresholds) + 1
    if (
        0 < level < different
        and comparison.get("substitution")
        and type(left) is str
        and type(right) is str
        and organisations.word_substituted(left, right)
    ):
        return different
    return level


def _best(similarity, left, right) -> float:
    if isinstance(left, list) or isinstance(right, list):
        lefts = left if isinstance(left, list) else [left]
        rights = right if isinstance(right, list) else [right]
        return max(similarity(str(a), str(b)) for a in lefts for b in rights)
    return similarity(str(left), str(right))


def _name_level(thresholds: list[float], left, right) -> int:
    kind, similarity = normalise_names.name_match(str(left), str(right))
    if kind == "exact":
        return 0
    if kind in EQUIVALENT_KINDS:
        return 1
    # Different texts never reach 1.0 here; the cap keeps them off the "exact" level all the same.
    return similarity_level(thresholds, min(similarity, 0.999999)) + 1


class LevelMemo:
    """Levels already computed, shared by every inbound record (and batch) of a process: (method,
    thresholds, inbound text) -> {candidate text: level}. A level depends on nothing else, so a pair of names
    met again in another record is looked up, not compared again. Emptied whole when it has remembered
    `limit` levels (what a scorer holds keeps working: it is only no longer shared)."""

    def __init__(self, limit: int = 2_000_000):
        self.limit = limit
        self.enabled = True  # off: every scorer levels its candidates on its own (the reference path)
        self.size = 0
        self.by_text: dict[tuple, dict] = {}
        self.similarities: dict[tuple[str, str, str], float] = {}

    def known(self, comparison: dict, left) -> dict:
        """The remembered levels of `left` against candidate values on this comparison (`memo_key`: texts,
        lists of texts as tuples, dates; a fresh dict for any other value)."""
        memo = memo_key(left)
        if memo is None or not self.enabled:
            return {}
        key = (comparison["method"], tuple(comparison.get("thresholds") or ()), memo)
        known = self.by_text.get(key)
        if known is None:
            known = self.by_text[key] = {}
        return known

    def similarity(self, method: str, left: str, right: str) -> float:
        """`similarity` of two texts on a text comparison method, computed once."""
        if not self.enabled:
            return TEXT_SIMILARITIES[method](left, right)
        key = (method, left, right)
        value = self.similarities.get(key)
        if value is None:
            value = self.similarities[key] = TEXT_SIMILARITIES[method](left, right)
            self.added(1)
        return value

    def added(self, count: int) -> None:
        self.size += count
        if self.size > self.limit:
            self.by_text, self.similarities, self.size = {}, {}, 0


LEVELS = LevelMemo()


def memo_key(value):
    """What a value's levels are remembered under: a text itself, a list of texts (a record's emails or
    phones) as a tuple, a date itself; None for anything else. Only these exact types: 1 and 1.0 (or a date
    and a datetime) are equal keys of different values, and a tuple of texts never equals a text."""
    kind = type(value)
    if kind is str or kind is date:
        return value
    if kind is list:
        for item in value:  # a record holds one address or two: a loop, not a generator
            if type(item) is not str:
                return None
        return tuple(value)
    return None


SIMILARITY_METHODS = frozenset({"jaro_winkler", "name", "company"})


def _remember_texts(known: dict, comparison: dict, left: str, texts: list[str]) -> None:
    """Level `texts` against `left` on a similarity comparison into `known`, in one rapidfuzz call (its C++
    loop gives the same similarities as one `JaroWinkler.similarity` call per text)."""
    if not texts:
        return
    LEVELS.added(len(texts))
    method, thresholds = comparison["method"], comparison.get("thresholds") or []
    if method == "company":
        _remember_companies(known, thresholds, left, texts, comparison)
        return
    similarities = process.extract(left, texts, scorer=JaroWinkler.similarity, limit=None)
    if method == "jaro_winkler":
        for text, similarity, _ in similarities:
            known[text] = _text_level(comparison, thresholds, left, text, similarity)
        return
    for text, similarity, _ in similarities:
        known[text] = _one_word_name_level(thresholds, left, text, similarity)


def remember_batch(scorers: list["InboundScorer"], candidates: list[list[tuple]]) -> None:
    """Level a whole batch comparison by comparison before its records are totalled: the distinct
    (inbound text, candidate text) pairs of every similarity comparison, each inbound text against all the
    candidate texts the batch pairs it with, in one rapidfuzz call. What `InboundScorer.totals` then needs
    is remembered (`LEVELS`), so each record's totals only look levels up. The same levels as scoring each
    record alone: a level depends on the two texts and the comparison only."""
    wanted: dict[int, tuple[str, dict, dict, set]] = {}  # by the remembered levels' dict: one per text
    for scorer, rows in zip(scorers, candidates, strict=True):
        for index, left, known, comparison in scorer._active:
            if known is None or type(left) is not str or comparison["method"] not in SIMILARITY_METHODS:
                continue
            entry = wanted.get(id(known))
            if entry is None:
                entry = wanted[id(known)] = (left, known, comparison, set())
            entry[3].update(row[index] for row in rows)
        scorer._remembered = True
    for left, known, comparison, texts in wanted.values():
        _remember_texts(
            known, comparison, left, [text for text in texts if type(text) is str and text not in known]
        )


def _remember_companies(
    known: dict, thresholds: list[float], left: str, texts: list[str], comparison: dict | None = None
) -> None:
    """Level company names in bulk: the token-set prefilter of `normalise_companies.company_similarity` runs over all
    texts in one rapidfuzz call; only the names it lets through are compared word by word."""
    different = len(thresholds) + 1
    folded = normalise_companies.company_folded(left)
    choices = [
        normalise_companies.company_folded(text) for text in texts
    ]  # as `company_similarity` folds them
    alike = {
        texts[index]
        for _, _, index in process.extract(
            folded,
            choices,
            scorer=fuzz.token_set_ratio,
            limit=None,
            score_cutoff=normalise_companies.COMPANY_PREFILTER,
        )
    }
    for text, text_folded in zip(texts, choices, strict=True):
        if text in alike or text_folded.replace(" ", "") == folded.replace(" ", ""):
            level = similarity_level(thresholds, normalise_companies.company_similarity(left, text))
            known[text] = _substituted_level(comparison or {}, thresholds, level, left, text)
        else:
            known[text] = different


def _one_word_name_level(thresholds: list[float], left: str, right: str, similarity: float) -> int:
    """`_name_level` of two names given their Jaro-Winkler similarity, without its lookups for the common
    case of one word each (the same level `normalise_names.name_match` leads to)."""
    if " " in left or " " in right:
        return _name_level(thresholds, left, right)
    if left == right:
        return 0
    if len(left) == 1 or len(right) == 1:
        return 1 if left[0] == right[0] else len(thresholds) + 2
    if normalise_names.names_equivalent(left, right):
        return 1
    return similarity_level(thresholds, min(similarity, 0.999999)) + 1


def similarity(comparison: dict, left, right) -> float:
    """How alike two present values are on a 0-1 scale, as a veto reads it: names as a person reads them
    (`normalise_names.name_closeness`: nicknames, initials and typos are close, other names are not, however many
    letters they share), companies word by word, texts by Jaro-Winkler; exact, date and number comparisons
    are 1 on any agreeing level and 0 on "different"."""
    method = comparison["method"]
    if method in TEXT_SIMILARITIES:
        if type(left) is str and type(right) is str:
            return LEVELS.similarity(method, left, right)
        return TEXT_SIMILARITIES[method](left, right)
    levels = len(comparison_levels(comparison))
    return 0.0 if level_of(comparison, left, right) == levels - 1 else 1.0


TEXT_SIMILARITIES = {
    "name": lambda left, right: _best(normalise_names.name_closeness, left, right),
    "company": lambda left, right: _best(normalise_companies.company_similarity, left, right),
    "jaro_winkler": _similarity,
}


def _text_level(comparison: dict, thresholds: list[float], left, right, similarity: float) -> int:
    """The level of two texts by their similarity, except that two street addresses giving other house
    numbers (`normalise_places.other_house_numbers`) disagree however alike their letters: another home on the same
    street is another address, not a typo of this one."""
    level = similarity_level(thresholds, similarity)
    if (
        0 < level <= len(thresholds)
        and comparison["attribute"] == "street"
        and normalise_places.other_house_numbers(left, right)
    ):
        return len(thresholds) + 1
    return level


def similarity_level(thresholds: list[float], similarity: float) -> int:
    """The level of a string similarity: 0 for identical texts, then one level per threshold reached."""
    if similarity >= 1.0:
        return 0
    for index, threshold in enumerate(thresholds, start=1):
        if similarity >= threshold:
            return index
    return len(thresholds) + 1


# No level is impossible: a zero m or u (a fit's probability rounded away, a hand-edited model) would make its
# weight infinite, so both are read as at least this.
PROBABILITY_FLOOR = 1e-6


def level_weight(comparison: dict, level: int) -> float:
    if level == MISSING:
        return 0.0
    m, u = comparison["m"][level], comparison["u"][level]
    return math.log2(max(m, PROBABILITY_FLOOR) / max(u, PROBABILITY_FLOOR))


@dataclass(frozen=True)
class Contribution:
    attribute: str
    method: str
    inbound: object
    candidate: object
    level: str
    weight: float

    def as_dict(self) -> dict:
        return {
            "attribute": self.attribute,
            "method": self.method,
            "inbound": _shown(self.inbound),
            "candidate": _shown(self.candidate),
            "level": self.level,
            "weight": round(self.weight, 2),
        }


def _shown(value):
    if value is None or isinstance(value, (str, int, float, list)):
        return value
    return str(value)


class Scorer:
    """Scores pairs under one flow's comparisons; level labels are computed once."""

    def __init__(self, comparisons: list[dict], prior_match_probability: float):
        self.comparisons = comparisons
        self.attributes = [comparison["attribute"] for comparison in comparisons]
        self._attribute_reads = [
            (attribute, "." not in attribute and attribute not in ("emails", "phone", "date_of_birth"))
            for attribute in self.attributes
        ]
        self.labels = [comparison_levels(comparison) for comparison in comparisons]
        self.weights = [
            [level_weight(comparison, level) for level in range(len(labels))]
            for comparison, labels in zip(comparisons, self.labels, strict=True)
        ]
        prior = min(max(prior_match_probability, 1e-9), 1 - 1e-9)
        self.prior_weight = math.log2(prior / (1 - prior))
        self.different = [len(labels) - 1 for labels in self.labels]
        # Each comparison's weights and, last, the integer 0 a missing level (-1) reads: `totals` indexes it.
        self.weights_or_zero = [[*weights, 0] for weights in self.weights]
        first, last = self.level_index("first_name"), self.level_index("last_name")
        # (first name's index, last name's index) when both are compared as names: a pair whose first and
        # last names both differ is compared once more with one side's names swapped.
        self.name_pair = (
            (first, last)
            if first is not None
            and last is not None
            and comparisons[first]["method"] in ("name", "jaro_winkler")
            and comparisons[last]["method"] in ("name", "jaro_winkler")
            else None
        )
        birth = self.level_index("date_of_birth")
        employer = frozenset(i for i, comparison in enumerate(comparisons) if comparison.get("employer"))
        # (first name, last name, date of birth, employer comparisons): a pair exact on the first three is
        # one person, and their employer's disagreement says they changed jobs, not that they are another.
        self.job_change = (
            (first, last, birth, employer)
            if self.name_pair and birth is not None and comparisons[birth]["method"] == "date" and employer
            else None
        )
        emails, domain = self.level_index("emails"), self.level_index("email_domain")
        # (emails' index, its "same user name, other domain" level, the email domain's index)
        self.user_name_rule = (
            (emails, self.labels[emails].index(USER_NAME_LEVEL), domain)
            if emails is not None and domain is not None and USER_NAME_LEVEL in self.labels[emails]
            else None
        )

    def waives_employer(self, levels) -> bool:
        """Whether the employer comparisons' disagreement does not count for a pair with these levels."""
        if self.job_change is None:
            return False
        first, last, birth, _ = self.job_change
        return levels[first] == 0 and levels[last] == 0 and levels[birth] == 0

    def waived(self, levels) -> dict[int, str]:
        """Comparison index -> why its disagreement does not count for a pair with these levels (empty for
        most pairs): the employer's after a job change, the email domain's beside the same mailbox name."""
        waived = dict.fromkeys(self.job_change[3], JOB_CHANGE_NOTE) if self.waives_employer(levels) else {}
        if self.user_name_rule is not None:
            emails, level, domain = self.user_name_rule
            if levels[emails] == level:
                waived.setdefault(domain, USER_NAME_NOTE)
        return waived

    def weight(self, index: int, level: int, waived: dict[int, str]) -> float:
        weight = self.weights[index][level]
        return 0 if weight < 0 and index in waived else weight

    def levels(self, inbound: dict, candidate: dict) -> tuple[int, ...]:
        levels = tuple(compare(comparison, inbound, candidate) for comparison in self.comparisons)
        if self.name_pair and self._both_names_differ(levels):
            first, last = self.name_pair
            swapped = self.swapped_levels(
                self.values(inbound), value_of(candidate, "first_name"), value_of(candidate, "last_name")
            )
            if swapped:
                levels = (*levels[:first], swapped[0], *levels[first + 1 :])
                levels = (*levels[:last], swapped[1], *levels[last + 1 :])
        return levels

    def _both_names_differ(self, levels) -> bool:
        first, last = self.name_pair
        return levels[first] == self.different[first] and levels[last] == self.different[last]

    def swapped_levels(
        self, inbound_values: tuple, candidate_first, candidate_last
    ) -> tuple[int, int] | None:
        """The (first, last) levels of a pair compared with the candidate's first and last names swapped,
        when both then agree better than "different"; else None."""
        first, last = self.name_pair
        inbound_first, inbound_last = inbound_values[first], inbound_values[last]
        if not inbound_first or not inbound_last or not candidate_first or not candidate_last:
            return None
        first_level = level_of(self.comparisons[first], inbound_first, candidate_last)
        if first_level == self.different[first]:
            return None
        last_level = level_of(self.comparisons[last], inbound_last, candidate_first)
        if last_level == self.different[last]:
            return None
        return first_level, last_level

    def total(self, levels: tuple[int, ...]) -> float:
        # Added left to right, as `totals` does, so both give the very same float (sum() may compensate).
        total = 0
        if waived := self.waived(levels):
            for index, level in enumerate(levels):
                if level != MISSING:
                    total += self.weight(index, level, waived)
            return total
        for index, level in enumerate(levels):
            if level != MISSING:
                total += self.weights[index][level]
        return total

    def contributions(self, inbound: dict, candidate: dict, levels: tuple[int, ...]) -> list[Contribution]:
        """The per-attribute story of one pair's score (built only for the candidates a person will see)."""
        contributions = []
        waived = self.waived(levels)
        for index, level in enumerate(levels):
            comparison = self.comparisons[index]
            attribute = comparison["attribute"]
            weight = 0.0 if level == MISSING else self.weight(index, level, waived)
            contributions.append(
                Contribution(
                    attribute=attribute,
                    method=comparison["method"],
                    inbound=value_of(inbound, attribute),
                    candidate=value_of(candidate, attribute),
                    level="missing" if level == MISSING else self._label(index, level, waived),
                    weight=weight,
                )
            )
        return contributions

    def score(self, inbound: dict, candidate: dict) -> tuple[float, list[Contribution], tuple[int, ...]]:
        levels = self.levels(inbound, candidate)
        return self.total(levels), self.contributions(inbound, candidate, levels), levels

    def probability(self, score: float) -> float:
        exponent = -(self.prior_weight + score)
        if exponent > 60:
            return 0.0
        return 1.0 / (1.0 + 2.0**exponent)

    # -- many candidates at once ----------------------------------------------------------------------------
    # The resolver scores every blocked candidate of an inbound record but explains only the best few. These
    # give the same levels and the same sums as `levels` and `total`, with each comparison's value read once
    # per record (`values`) and each distinct candidate value compared once per inbound record.

    def values(self, profile: dict) -> tuple:
        """The profile's value for each comparison, None where it is missing."""
        values = []
        for attribute, plain in self._attribute_reads:
            value = profile.get(attribute) if plain else value_of(profile, attribute)
            # A true value is kept without the three comparisons (most values are non-empty text).
            values.append(value if value or not (value is None or value == "" or value == []) else None)
        return tuple(values)

    def against(self, inbound: dict) -> "InboundScorer":
        return InboundScorer(self, self.values(inbound))

    def pair_levels(self, lefts: list[tuple], rights: list[tuple]) -> list[tuple[int, ...]]:
        """`InboundScorer(self, left).levels(right)` of each (left, right) pair of `Scorer.values`, computed
        comparison by comparison down the two columns: for pairs that share few values (random mirror
        pairs), without building a scorer per pair."""
        count = len(lefts)
        columns: list = []
        for index, comparison in enumerate(self.comparisons):
            column = [MISSING] * count
            names = comparison["method"] == "name"
            thresholds = comparison.get("thresholds") or []
            for position, (left, right) in enumerate(
                zip([row[index] for row in lefts], [row[index] for row in rights], strict=True)
            ):
                if left is None or right is None:
                    continue
                if names and type(left) is str and type(right) is str:  # as `_remember_texts` levels them
                    column[position] = _one_word_name_level(
                        thresholds, left, right, JaroWinkler.similarity(left, right)
                    )
                else:
                    column[position] = level_of(comparison, left, right)
            columns.append(column)
        rows = list(zip(*columns, strict=True)) if count else []
        if self.name_pair:
            first, last = self.name_pair
            different_first, different_last = self.different[first], self.different[last]
            for position, row in enumerate(rows):
                if row[first] == different_first and row[last] == different_last:
                    right = rights[position]
                    swapped = self.swapped_levels(lefts[position], right[first], right[last])
                    if swapped:
                        changed = list(row)
                        changed[first], changed[last] = swapped
                        rows[position] = tuple(changed)
        return rows

    def explained(
        self,
        inbound_values: tuple,
        candidate_values: tuple,
        levels: tuple[int, ...],
        swapped: bool | None = None,
    ) -> list[dict]:
        """`Contribution.as_dict()` of each comparison that has both values, as `contributions` builds them;
        names compared swapped show the candidate's other name and say so."""
        shown = list(candidate_values)
        swapped_at = set()
        if swapped is None:
            swapped = self.is_swapped(inbound_values, candidate_values, levels)
        if swapped:
            first, last = self.name_pair
            shown[first], shown[last] = candidate_values[last], candidate_values[first]
            swapped_at = {first, last}
        waived = self.waived(levels)
        return [
            {
                "attribute": self.attributes[index],
                "method": self.comparisons[index]["method"],
                "inbound": _shown(inbound_values[index]),
                "candidate": _shown(shown[index]),
                "level": self._label(index, level, waived)
                + (" (first and last name swapped)" if index in swapped_at else ""),
                "weight": round(self.weight(index, level, waived), 2),
            }
            for index, level in enumerate(levels)
            if level != MISSING
        ]

    def _label(self, index: int, level: int, waived: dict[int, str]) -> str:
        label = self.labels[index][level]
        if self.weights[index][level] < 0 and index in waived:
            return label + waived[index]
        return label

    def is_swapped(self, inbound_values: tuple, candidate_values: tuple, levels: tuple[int, ...]) -> bool:
        """Whether `levels` compared this pair's first and last names swapped."""
        if not self.name_pair:
            return False
        first, last = self.name_pair
        if MISSING in (levels[first], levels[last]):
            return False
        straight = (
            level_of(self.comparisons[first], inbound_values[first], candidate_values[first]),
            level_of(self.comparisons[last], inbound_values[last], candidate_values[last]),
        )
        return straight != (levels[first], levels[last])

    def level_index(self, attribute: str) -> int | None:
        for index, comparison in enumerate(self.comparisons):
            if comparison["attribute"] == attribute:
                return index
        return None


def _email_column(entry: tuple, rights) -> list[int]:
    """`_email_level` of the inbound record's addresses (`entry`, as `InboundScorer._active` holds it)
    against each candidate's, down a column: the inbound addresses and their mailbox names are read once
    (a record's addresses are rarely met again, so they are not remembered). Anything but a list of texts is
    levelled as `InboundScorer._level` levels it."""
    lefts = entry[1]
    if not all(type(other) is str for other in lefts):
        return [MISSING if right is None else InboundScorer._level(entry, right) for right in rights]
    held = set(lefts)
    users: dict[str, list[str]] = {}
    for other in lefts:
        if other:
            users.setdefault(normalise_emails.user_name(other), []).append(other)
    column = []
    for right in rights:
        if right is None:
            column.append(MISSING)
            continue
        level = 2 if type(right) is list else None
        if level is not None:
            for address in right:
                if type(address) is not str:
                    level = None
                    break
                if address in held:
                    level = 0
                    break
        if level is None:
            column.append(InboundScorer._level(entry, right))
            continue
        if (
            level and users
        ):  # `normalise_emails.same_user_other_domain`, the inbound side's mailbox names read once
            for address in right:
                if not address or (others := users.get(user := normalise_emails.user_name(address))) is None:
                    continue
                domain = address.rpartition("@")[2]
                if any(
                    other.rpartition("@")[2] != domain
                    and normalise_emails.is_key_email(other)
                    and normalise_emails.is_key_email(address)
                    and normalise_emails.distinctive_user_name(user)
                    for other in others
                ):
                    level = 1
                    break
        column.append(level)
    return column


class InboundScorer:
    """One inbound record against many candidates, each given as `Scorer.values`: the same levels and sums
    as `Scorer.levels` and `Scorer.total`. Each distinct candidate text is compared once per inbound record,
    and each comparison runs down the whole candidate column at once. Built for every undecided inbound
    record, so construction is a few tuples: comparisons the inbound record has no value for are left out."""

    def __init__(self, scorer: Scorer, inbound_values: tuple):
        self.scorer = scorer
        self.values = inbound_values
        self._swaps: dict[tuple, tuple[int, int] | None] = {}
        self._swap_known: dict[int, dict] = {}  # comparison index -> candidate's other name -> level
        self._remembered = False  # whether `remember_batch` levelled this record's candidates
        self._columns: dict[int, list[int]] = {}  # comparison index -> levels of what `totals` last totalled
        # (comparison index, inbound value(s), remembered text -> level or None for exact, comparison)
        self._active: list[tuple] = []
        for index, left in enumerate(inbound_values):
            if left is None:
                continue
            comparison = scorer.comparisons[index]
            if comparison["method"] == "exact":
                self._active.append(
                    (index, set(left) if isinstance(left, list) else {left}, None, comparison)
                )
            else:
                self._active.append((index, left, LEVELS.known(comparison, left), comparison))
        self._name_entries = {
            entry[0]: entry for entry in self._active if scorer.name_pair and entry[0] in scorer.name_pair
        }

    @staticmethod
    def _level(entry: tuple, right) -> int:
        _, left, known, comparison = entry
        if known is None:  # exact: `left` is the set of inbound values
            if isinstance(right, list):
                return 1 if left.isdisjoint(right) else 0
            return 0 if right in left else 1
        key = memo_key(right)
        if key is None:
            return level_of(comparison, left, right)
        level = known.get(key)
        if level is None:
            level = known[key] = level_of(comparison, left, right)
        return level

    def levels(self, candidate_values: tuple) -> tuple[int, ...]:
        levels = [MISSING] * len(self.values)
        for entry in self._active:
            index, lefts, known, _ = entry
            right = candidate_values[index]
            if right is None:
                continue
            if type(right) is str:  # texts: as `_level` gives them, looked up inline
                if known is None:
                    levels[index] = 0 if right in lefts else 1
                    continue
                level = known.get(right)
                if level is not None:
                    levels[index] = level
                    continue
            levels[index] = self._level(entry, right)
        return self._swap_names(levels, candidate_values)

    def _swap_names(self, levels: list, candidate_values: tuple) -> tuple[int, ...]:
        """The levels with first and last name swapped when both differ and the swap agrees."""
        scorer = self.scorer
        if scorer.name_pair:
            first, last = scorer.name_pair
            if scorer._both_names_differ(levels):
                swapped = self._swapped(candidate_values)
                if swapped:
                    levels[first], levels[last] = swapped
            else:  # nothing to swap for these names: remembered for `is_swapped`
                self._swaps.setdefault((candidate_values[first], candidate_values[last]), None)
        return tuple(levels)

    def levels_at(self, position: int, candidate_values: tuple) -> tuple[int, ...]:
        """`levels` of the candidate at `position` of the list `totals` last totalled (`candidate_values`
        is that candidate's), read from the level columns it kept instead of compared again."""
        levels = [MISSING] * len(self.values)
        for index, column in self._columns.items():
            levels[index] = column[position]
        return self._swap_names(levels, candidate_values)

    def level_in_column(self, index: int, position: int) -> int:
        """The level at comparison `index` of the candidate at `position` of what `totals` last totalled, as
        compared (first and last names before any swap, `levels_at`); MISSING where nothing was compared."""
        column = self._columns.get(index)
        return MISSING if column is None else column[position]

    def names_agree_at(self, position: int, candidate_values: tuple) -> bool:
        """`names_agree` of the candidate at `position` of the list `totals` last totalled."""
        scorer = self.scorer
        if not scorer.name_pair:
            return True
        first, last = scorer.name_pair
        if first not in self._columns or last not in self._columns:  # the inbound record lacks a name
            return True
        first_level, last_level = self._columns[first][position], self._columns[last][position]
        if first_level == MISSING or last_level == MISSING:
            return True
        return self._names_agree_from(first_level, last_level, candidate_values)

    def names_agree(self, candidate_values: tuple) -> bool:
        """Whether neither first nor last name is at its "different" level (swapped names agree, a missing
        name says nothing); from the levels `totals` remembered."""
        scorer = self.scorer
        if not scorer.name_pair:
            return True
        first, last = scorer.name_pair
        entries = self._name_entries
        if first not in entries or last not in entries:
            return True
        left, right = candidate_values[first], candidate_values[last]
        if left is None or right is None:
            return True
        first_entry, last_entry = entries[first], entries[last]
        first_known, last_known = first_entry[2] or {}, last_entry[2] or {}
        first_level = first_known.get(left) if type(left) is str else None
        if first_level is None:
            first_level = self._level(first_entry, left)
        last_level = last_known.get(right) if type(right) is str else None
        if last_level is None:
            last_level = self._level(last_entry, right)
        return self._names_agree_from(first_level, last_level, candidate_values)

    def _names_agree_from(self, first_level: int, last_level: int, candidate_values: tuple) -> bool:
        """Neither name at its "different" level, or both are and the names agree swapped."""
        first, last = self.scorer.name_pair
        first_differs = first_level == self.scorer.different[first]
        last_differs = last_level == self.scorer.different[last]
        if first_differs and last_differs:
            return self._swapped(candidate_values) is not None
        return not (first_differs or last_differs)

    def is_swapped(self, candidate_values: tuple, levels: tuple[int, ...]) -> bool:
        """Whether `levels` (as `levels` gives them) compared this candidate's names swapped; from what
        `levels` remembered, without comparing the names again."""
        if not self.scorer.name_pair:
            return False
        first, last = self.scorer.name_pair
        key = (candidate_values[first], candidate_values[last])
        if key not in self._swaps:
            self.levels(candidate_values)  # remembers the swap where there is one to try
        swapped = self._swaps.get(key)
        return swapped is not None and swapped == (levels[first], levels[last])

    def _swapped(self, candidate_values: tuple) -> tuple[int, int] | None:
        """`Scorer.swapped_levels` of this candidate, each name compared once per inbound record."""
        first, last = self.scorer.name_pair
        key = (candidate_values[first], candidate_values[last])
        if key in self._swaps:
            return self._swaps[key]
        scorer, (inbound_first, inbound_last), (candidate_first, candidate_last) = (
            self.scorer,
            (self.values[first], self.values[last]),
            key,
        )
        swapped = None
        if inbound_first and inbound_last and candidate_first and candidate_last:
            first_level = self._swap_level(first, inbound_first, candidate_last)
            if first_level != scorer.different[first]:
                last_level = self._swap_level(last, inbound_last, candidate_first)
                if last_level != scorer.different[last]:
                    swapped = (first_level, last_level)
        self._swaps[key] = swapped
        return swapped

    def _remember_swaps(self, rows: list[tuple]) -> None:
        """Level the inbound first name against the last names of `rows` (candidates whose first and last
        names both differ) in one rapidfuzz call: what `_swapped` compares first, for most such pairs the
        only comparison (a first name rarely agrees with a surname)."""
        first, last = self.scorer.name_pair
        left, comparison = self.values[first], self.scorer.comparisons[first]
        if type(left) is not str or not self.values[last] or comparison["method"] not in SIMILARITY_METHODS:
            return
        known = self._swap_known.get(first)
        if known is None:
            known = self._swap_known[first] = LEVELS.known(comparison, left)
        texts = {row[last] for row in rows if row[first]}
        _remember_texts(
            known, comparison, left, [t for t in texts if type(t) is str and t and t not in known]
        )

    def _swap_level(self, index: int, left, right) -> int:
        known = self._swap_known.get(index)
        if known is None:
            known = self._swap_known[index] = LEVELS.known(self.scorer.comparisons[index], left)
        if type(right) is not str:
            return level_of(self.scorer.comparisons[index], left, right)
        level = known.get(right)
        if level is None:
            level = known[right] = level_of(self.scorer.comparisons[index], left, right)
        return level

    @staticmethod
    def _remember_similarities(entry: tuple, candidates: list[tuple]) -> None:
        """Level every candidate text of a similarity comparison not seen yet, in one rapidfuzz call (its
        C++ loop gives the same similarities as one `JaroWinkler.similarity` call per text)."""
        index, left, known, comparison = entry
        if comparison["method"] not in SIMILARITY_METHODS or type(left) is not str:
            return
        texts = [
            text for text in {row[index] for row in candidates} if type(text) is str and text not in known
        ]
        _remember_texts(known, comparison, left, texts)

    def totals(self, candidates: list[tuple]) -> list[float]:
        """`Scorer.total` of each candidate, in order: weights added comparison by comparison from 0, as
        `total` adds them (a missing value adds the integer 0, which changes no sum). Each comparison's
        levels are made a column at a time (remembered levels and plain texts looked up inline, anything
        else through `_level`) and read again by the corrections, which re-total the few candidates whose
        names agree swapped, whose emails agree only as a mailbox name, or who changed jobs."""
        totals = [0] * len(candidates)
        level = self._level
        columns = {}
        given = (
            list(zip(*candidates, strict=True)) if candidates else [()] * len(self.values)
        )  # by comparison
        for entry in self._active:
            index, lefts, known, _ = entry
            if known is None:  # exact: texts agree or not
                column = [
                    MISSING
                    if right is None
                    else (0 if right in lefts else 1)
                    if type(right) is str
                    else level(entry, right)
                    for right in given[index]
                ]
            elif entry[3]["method"] == "email" and type(lefts) is list:
                column = _email_column(entry, given[index])
            else:
                if not self._remembered:
                    self._remember_similarities(entry, candidates)
                column = [
                    MISSING
                    if right is None
                    else found
                    if type(right) is str and (found := known.get(right)) is not None
                    else level(entry, right)
                    for right in given[index]
                ]
            columns[index] = column
            # A missing level (-1) reads the integer 0 appended to the comparison's weights.
            totals = list(map(add, totals, map(self.scorer.weights_or_zero[index].__getitem__, column)))
        self._columns = columns  # for `levels_at` and `names_agree_at`
        self._swap_corrected(candidates, totals, columns)
        self._job_change_corrected(candidates, totals)
        self._user_name_corrected(candidates, totals, columns)
        self._split_corrected(candidates, totals, columns)
        return totals

    def _split_corrected(self, candidates: list[tuple], totals: list[float], columns: dict) -> None:
        """Re-level as equivalent the first and last names of the candidates whose names are the inbound
        record's words split at another place, the second surname perhaps dropped (`normalise_names.split_elsewhere`:
        "María / Fernanda Morales", a typed name split at its first space, is María Fernanda Morales Sánchez),
        where the last names compared worse; the totals and columns change by the weights' difference."""
        scorer = self.scorer
        if not scorer.name_pair:
            return
        first, last = scorer.name_pair
        if first not in columns or last not in columns:
            return
        inbound = (self.values[first], self.values[last])
        if not all(type(name) is str and name for name in inbound) or len(" ".join(inbound).split()) < 3:
            return
        if scorer.comparisons[first]["method"] != "name" or scorer.comparisons[last]["method"] != "name":
            return
        weights = scorer.weights_or_zero
        for position, row in enumerate(candidates):
            if columns[last][position] in (MISSING, 0, 1):
                continue
            names = (row[first], row[last])
            if not all(type(name) is str and name for name in names):
                continue
            if not normalise_names.split_elsewhere(inbound, names):
                continue
            for index in (first, last):
                old = columns[index][position]
                if old == MISSING or old > 1:
                    totals[position] += weights[index][1] - weights[index][old]
                    columns[index][position] = 1

    def agreed_at(self, index: int, positions: list[int], totals: list[float]) -> list[float]:
        """`totals` (what `totals` last gave) with comparison `index` at its agreeing level for the
        candidates at `positions`, and its column saying so for `levels_at`: an agreement found outside the
        comparison (a national number read in each candidate's own country)."""
        column = self._columns.get(index)
        if column is None:
            column = self._columns[index] = [MISSING] * len(totals)
        weights = self.scorer.weights_or_zero[index]
        totals = list(totals)
        for position in positions:
            totals[position] += weights[0] - weights[column[position]]
            column[position] = 0
        return totals

    def _user_name_corrected(self, candidates: list[tuple], totals: list[float], columns: dict) -> None:
        """Re-total the candidates whose emails agree only as the same mailbox name at another domain, as
        `Scorer.total` totals them (the email domain's disagreement waived); few do."""
        rule = self.scorer.user_name_rule
        if rule is None or rule[0] not in columns:
            return
        emails, user_level, _ = rule
        for position, found in enumerate(columns[emails]):
            if found == user_level:
                totals[position] = self.scorer.total(self.levels(candidates[position]))

    def _job_change_corrected(self, candidates: list[tuple], totals: list[float]) -> None:
        """Re-total the candidates whose first name, last name and date of birth all agree exactly, as
        `Scorer.total` totals them (the employer's disagreement waived); few share a date of birth."""
        rule = self.scorer.job_change
        if rule is None:
            return
        first, last, birth, _ = rule
        born = self.values[birth]
        if born is None or self.values[first] is None or self.values[last] is None:
            return
        for position, row in enumerate(candidates):
            if row[birth] == born:
                levels = self.levels(row)
                if self.scorer.waives_employer(levels):
                    totals[position] = self.scorer.total(levels)

    def level_rows(self, candidates: list[tuple]) -> list[tuple[int, ...]]:
        """`levels` of each candidate, in order, computed comparison by comparison down the whole candidate
        column (as `totals` does): what fitting needs for every blocked pair."""
        count = len(candidates)
        columns: list = [(MISSING,) * count] * len(self.values)
        level = self._level
        for entry in self._active:
            index, lefts, known, _ = entry
            if known is None:  # exact: texts agree or not
                columns[index] = [
                    MISSING
                    if (right := row[index]) is None
                    else (0 if right in lefts else 1)
                    if type(right) is str
                    else level(entry, right)
                    for row in candidates
                ]
                continue
            if entry[3]["method"] == "email" and type(lefts) is list:  # as `totals` levels them
                columns[index] = _email_column(entry, [row[index] for row in candidates])
                continue
            self._remember_similarities(entry, candidates)
            columns[index] = [
                MISSING
                if (right := row[index]) is None
                else known[right]
                if type(right) is str and right in known
                else level(entry, right)
                for row in candidates
            ]
        rows = list(zip(*columns, strict=True)) if count else []
        scorer = self.scorer
        if scorer.name_pair and self.values[scorer.name_pair[0]] and self.values[scorer.name_pair[1]]:
            first, last = scorer.name_pair
            different_first, different_last = scorer.different[first], scorer.different[last]
            both = [
                position
                for position, row in enumerate(rows)
                if row[first] == different_first and row[last] == different_last
            ]
            self._remember_swaps([candidates[position] for position in both])
            for position in both:
                swapped = self._swapped(candidates[position])
                if swapped:
                    changed = list(rows[position])
                    changed[first], changed[last] = swapped
                    rows[position] = tuple(changed)
        return rows

    def _swap_corrected(self, candidates: list[tuple], totals: list[float], columns: dict) -> None:
        """Re-total the candidates whose first and last names both differ but agree swapped (rare: each is
        re-totalled in full, so the sum is the very one `Scorer.total` gives)."""
        scorer = self.scorer
        if not scorer.name_pair:
            return
        first, last = scorer.name_pair
        if first not in columns or last not in columns:  # the inbound record lacks a name
            return
        first_different, last_different = scorer.different[first], scorer.different[last]
        both = [
            position
            for position, (first_level, last_level) in enumerate(
                zip(columns[first], columns[last], strict=True)
            )
            if first_level == first_different and last_level == last_different
        ]
        self._remember_swaps([candidates[position] for position in both])
        for position in both:
            row = candidates[position]
            if self._swapped(row):
                totals[position] = scorer.total(self.levels(row))
