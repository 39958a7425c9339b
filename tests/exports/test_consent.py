"""Consent decisions per provider and purpose, and the transitions a destination acts on: opt-in, opt-out,
re-opt-in and missing consent."""

import pytest

from crmhub.exports.consent import (
    EMAIL_MARKETING,
    FAX_MARKETING,
    ConsentRule,
    ConsentState,
    Meaning,
    Transition,
    consent_decision,
    consent_event_name,
    consent_transition,
    default_rules,
    hubspot_subscription_rule,
    is_allowed,
    withdrawn_purposes,
)

IN, OUT, MISSING = ConsentState.OPT_IN, ConsentState.OPT_OUT, ConsentState.MISSING


def decide(provider, object_name, values, purposes=(EMAIL_MARKETING,), extra=()):
    rules = [*default_rules(provider, object_name), *extra]
    return consent_decision(rules=rules, values=values, purposes=purposes)


@pytest.mark.parametrize(
    ("value", "state"),
    [
        ("false", IN),
        ("true", OUT),
        (False, IN),
        (True, OUT),
        (None, MISSING),
        ("", MISSING),
        ("maybe", MISSING),
    ],
)
def test_hubspot_email_optout_reads_strings_and_booleans(value, state):
    assert decide("hubspot", "contacts", {"hs_email_optout": value}) == {EMAIL_MARKETING: state}


def test_hubspot_subscription_status_and_optout_combine_with_the_withdrawal_winning():
    subscription = hubspot_subscription_rule("hs_marketing_subscription_status")
    assert decide(
        "hubspot", "contacts", {"hs_marketing_subscription_status": "SUBSCRIBED"}, extra=[subscription]
    ) == {EMAIL_MARKETING: IN}
    values = {"hs_marketing_subscription_status": "SUBSCRIBED", "hs_email_optout": "true"}
    assert decide("hubspot", "contacts", values, extra=[subscription]) == {EMAIL_MARKETING: OUT}
    values = {"hs_marketing_subscription_status": "NOT_SUBSCRIBED", "hs_email_optout": "false"}
    assert decide("hubspot", "contacts", values, extra=[subscription]) == {EMAIL_MARKETING: OUT}


def test_salesforce_email_and_fax_are_separate_purposes():
    values = {"HasOptedOutOfEmail": False, "HasOptedOutOfFax": True}
    decision = decide("salesforce", "Contact", values, purposes=(EMAIL_MARKETING, FAX_MARKETING))
    assert decision == {EMAIL_MARKETING: IN, FAX_MARKETING: OUT}
    assert decide("salesforce", "Lead", {"HasOptedOutOfEmail": True}) == {EMAIL_MARKETING: OUT}


@pytest.mark.parametrize(
    ("status", "state"),
    [("subscribed", IN), ("unsubscribed", OUT), ("archived", OUT), ("no_consent", MISSING), (None, MISSING)],
)
def test_pipedrive_marketing_status(status, state):
    assert decide("pipedrive", "persons", {"marketing_status": status}) == {EMAIL_MARKETING: state}


def test_a_purpose_no_field_speaks_for_is_missing():
    assert decide("salesforce", "Contact", {"HasOptedOutOfEmail": False}, purposes=("advertising",)) == {
        "advertising": MISSING
    }
    assert default_rules("salesforce", "Opportunity") == ()


def test_opt_in_when_true_reads_the_other_way():
    rule = ConsentRule("Marketing_Consent__c", "advertising", Meaning.OPT_IN_WHEN_TRUE)
    assert consent_decision(
        rules=[rule], values={"Marketing_Consent__c": True}, purposes=["advertising"]
    ) == {"advertising": IN}
    assert consent_decision(
        rules=[rule], values={"Marketing_Consent__c": False}, purposes=["advertising"]
    ) == {"advertising": OUT}


def test_destination_without_purposes_takes_every_record():
    assert is_allowed(consent_decision(rules=default_rules("hubspot", "contacts"), values={}, purposes=[]))


# ---- the four scenarios ------------------------------------------------------------------------------
def test_opt_in_first_seen_is_sent():
    decision = decide("pipedrive", "persons", {"marketing_status": "subscribed"})
    assert consent_transition(was_allowed=None, decision=decision) == Transition.SEND
    assert consent_transition(was_allowed=True, decision=decision) == Transition.SEND


def test_opt_out_after_being_sent_is_a_suppression():
    decision = decide("pipedrive", "persons", {"marketing_status": "unsubscribed"})
    assert consent_transition(was_allowed=True, decision=decision) == Transition.SUPPRESS
    assert withdrawn_purposes(decision) == [EMAIL_MARKETING]
    assert consent_event_name(EMAIL_MARKETING, granted=False) == "Email Consent Withdrawn"


def test_opt_out_of_a_record_never_sent_is_only_withheld():
    decision = decide("salesforce", "Contact", {"HasOptedOutOfEmail": True})
    assert consent_transition(was_allowed=None, decision=decision) == Transition.WITHHOLD
    assert consent_transition(was_allowed=False, decision=decision) == Transition.WITHHOLD


def test_re_opt_in_after_a_withdrawal():
    decision = decide("salesforce", "Contact", {"HasOptedOutOfEmail": False})
    assert consent_transition(was_allowed=False, decision=decision) == Transition.RE_OPT_IN
    assert consent_event_name(EMAIL_MARKETING, granted=True) == "Email Consent Granted"


def test_missing_consent_is_not_sent_and_losing_it_suppresses():
    decision = decide("hubspot", "contacts", {"hs_email_optout": None})
    assert decision == {EMAIL_MARKETING: MISSING}
    assert not is_allowed(decision)
    assert consent_transition(was_allowed=None, decision=decision) == Transition.WITHHOLD
    assert consent_transition(was_allowed=True, decision=decision) == Transition.SUPPRESS


def test_withdrawn_purposes_lists_opt_outs_before_missing_ones():
    decision = {"advertising": MISSING, EMAIL_MARKETING: OUT, FAX_MARKETING: IN}
    assert withdrawn_purposes(decision) == [EMAIL_MARKETING, "advertising"]
    assert consent_event_name("advertising", granted=False) == "Advertising Consent Withdrawn"
