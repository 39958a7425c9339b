"""Consent decisions, pure: which CRM fields carry consent, what a record's values say per purpose, and what a
destination must do when that changes. No Django models: the catalog's `ConsentField` rows become `ConsentRule`s.

- A field's statement is opt_in, opt_out or nothing (empty, or a value that says neither).
- Per purpose: any opt_out wins (a withdrawal anywhere is a withdrawal); else any opt_in; else missing.
- A destination that needs purposes gets a record only when every one of them is opt_in.
- Transitions: first sight (send or withhold), withdrawal (was sent, now not: a suppression), re-opt-in (was
  withheld, now allowed), unchanged. A record never sent has nothing to suppress.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class ConsentState(StrEnum):
    OPT_IN = "opt_in"
    OPT_OUT = "opt_out"
    MISSING = "missing"


class Meaning(StrEnum):
    """The values of mappings_app.ConsentMeaning."""

    OPT_OUT_WHEN_TRUE = "opt_out_when_true"
    OPT_IN_WHEN_TRUE = "opt_in_when_true"
    STATUS_VALUES = "status_values"


class Transition(StrEnum):
    SEND = "send"  # allowed, and was allowed (or first seen allowed)
    WITHHOLD = "withhold"  # not allowed, and was not sent
    SUPPRESS = "suppress"  # was sent, consent now withdrawn or gone: the CDP gets the suppression
    RE_OPT_IN = "re_opt_in"  # was withheld after a withdrawal, now allowed again


# purposes: the values of mappings_app.ConsentPurpose
EMAIL_MARKETING = "email_marketing"
FAX_MARKETING = "fax_marketing"
PHONE_CALLS = "phone_calls"

_TRUE = frozenset({"true", "1", "yes", "y", "t"})
_FALSE = frozenset({"false", "0", "no", "n", "f"})


def as_bool(value) -> bool | None:
    """True, False or None for what the CRMs send: booleans, "true"/"false" strings (HubSpot), 0/1."""
    if isinstance(value, bool):
        return value
    if value is None:
        return None
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


@dataclass(frozen=True)
class ConsentRule:
    """One CRM field that carries consent for one purpose, and how to read it."""

    field: str
    purpose: str
    meaning: Meaning
    opt_in_values: frozenset[str] = frozenset()
    opt_out_values: frozenset[str] = frozenset()

    def statement(self, value) -> ConsentState | None:
        """What this field's value says: OPT_IN, OPT_OUT, or None (it says nothing)."""
        if self.meaning == Meaning.STATUS_VALUES:
            if value is None:
                return None
            text = str(value).strip().lower()
            if text in {item.lower() for item in self.opt_out_values}:
                return ConsentState.OPT_OUT
            if text in {item.lower() for item in self.opt_in_values}:
                return ConsentState.OPT_IN
            return None
        flag = as_bool(value)
        if flag is None:
            return None
        opted_out = flag if self.meaning == Meaning.OPT_OUT_WHEN_TRUE else not flag
        return ConsentState.OPT_OUT if opted_out else ConsentState.OPT_IN


# What each CRM's own consent fields mean (the catalog starts from these; sales-ops can add others):
# - HubSpot contacts: `hs_email_optout` ("Unsubscribed from all email", a "true"/"false" string, empty until
#   set) and a subscription status per subscription type as the communication preferences API gives it
#   (SUBSCRIBED / NOT_SUBSCRIBED), for a catalog field that holds it.
# - Salesforce Contact and Lead: `HasOptedOutOfEmail`, `HasOptedOutOfFax` and `DoNotCall` (booleans, never
#   null; DoNotCall: the person asked not to be called).
# - Pipedrive persons: `marketing_status`: subscribed, unsubscribed, archived (no longer a marketing
#   contact: treated as a withdrawal), or no_consent (nothing given: missing).
DEFAULT_RULES: dict[str, dict[str, tuple[ConsentRule, ...]]] = {
    "hubspot": {
        "contacts": (ConsentRule("hs_email_optout", EMAIL_MARKETING, Meaning.OPT_OUT_WHEN_TRUE),),
    },
    "salesforce": {
        "Contact": (
            ConsentRule("HasOptedOutOfEmail", EMAIL_MARKETING, Meaning.OPT_OUT_WHEN_TRUE),
            ConsentRule("HasOptedOutOfFax", FAX_MARKETING, Meaning.OPT_OUT_WHEN_TRUE),
            ConsentRule("DoNotCall", PHONE_CALLS, Meaning.OPT_OUT_WHEN_TRUE),
        ),
        "Lead": (
            ConsentRule("HasOptedOutOfEmail", EMAIL_MARKETING, Meaning.OPT_OUT_WHEN_TRUE),
            ConsentRule("HasOptedOutOfFax", FAX_MARKETING, Meaning.OPT_OUT_WHEN_TRUE),
            ConsentRule("DoNotCall", PHONE_CALLS, Meaning.OPT_OUT_WHEN_TRUE),
        ),
    },
    "pipedrive": {
        "persons": (
            ConsentRule(
                "marketing_status",
                EMAIL_MARKETING,
                Meaning.STATUS_VALUES,
                opt_in_values=frozenset({"subscribed"}),
                opt_out_values=frozenset({"unsubscribed", "archived"}),
            ),
        ),
    },
}


def hubspot_subscription_rule(field: str, purpose: str = EMAIL_MARKETING) -> ConsentRule:
    """A HubSpot subscription status held in `field` (communication preferences API statuses)."""
    return ConsentRule(
        field,
        purpose,
        Meaning.STATUS_VALUES,
        opt_in_values=frozenset({"SUBSCRIBED"}),
        opt_out_values=frozenset({"NOT_SUBSCRIBED", "UNSUBSCRIBED"}),
    )


def default_rules(provider: str, object_name: str) -> tuple[ConsentRule, ...]:
    """The CRM's own consent fields on this object (the connector's object name: Contact, contacts, persons)."""
    by_object = {name.lower(): rules for name, rules in DEFAULT_RULES.get(provider, {}).items()}
    return by_object.get(object_name.lower(), ())


def consent_decision(
    *, rules: Iterable[ConsentRule], values: Mapping, purposes: Iterable[str]
) -> dict[str, ConsentState]:
    """Per purpose: OPT_OUT if any field says so, else OPT_IN if any field says so, else MISSING."""
    rules = list(rules)
    decision = {}
    for purpose in purposes:
        statements = {rule.statement(values.get(rule.field)) for rule in rules if rule.purpose == purpose}
        if ConsentState.OPT_OUT in statements:
            decision[purpose] = ConsentState.OPT_OUT
        elif ConsentState.OPT_IN in statements:
            decision[purpose] = ConsentState.OPT_IN
        else:
            decision[purpose] = ConsentState.MISSING
    return decision


def is_allowed(decision: Mapping[str, ConsentState]) -> bool:
    """A destination may receive the record only when every purpose it needs is opted in."""
    return all(state == ConsentState.OPT_IN for state in decision.values())


def consent_transition(*, was_allowed: bool | None, decision: Mapping[str, ConsentState]) -> Transition:
    """What to do given the last decision for this record and destination (None: never decided)."""
    allowed = is_allowed(decision)
    if allowed:
        return Transition.RE_OPT_IN if was_allowed is False else Transition.SEND
    return Transition.SUPPRESS if was_allowed else Transition.WITHHOLD


def withdrawn_purposes(decision: Mapping[str, ConsentState]) -> list[str]:
    """The purposes that stop a record, in a stable order (opt_out first: they are withdrawals)."""
    order = {ConsentState.OPT_OUT: 0, ConsentState.MISSING: 1}
    blocked = [(order[state], purpose) for purpose, state in decision.items() if state != ConsentState.OPT_IN]
    return [purpose for _, purpose in sorted(blocked)]


_EVENT_WORDS = {EMAIL_MARKETING: "Email", FAX_MARKETING: "Fax", PHONE_CALLS: "Phone"}


def consent_event_name(purpose: str, *, granted: bool) -> str:
    """ "Email Consent Withdrawn", "Fax Consent Granted", "Advertising Consent Withdrawn" ..."""
    word = _EVENT_WORDS.get(purpose) or purpose.replace("_", " ").title()
    return f"{word} Consent {'Granted' if granted else 'Withdrawn'}"
