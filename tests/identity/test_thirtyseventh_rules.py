"""Rules found by the thirty-seventh generator (a fitness studio's Mindbody client export against its HubSpot
contacts): a front desk types a family member's member number on another member's record, and the relative's
record then agrees on the number, the surname and the home. A personal identifier lifts a first-name veto
beside what only the person has (the date of birth), not beside what a family shares, unless the first names
can be one person's (a short form, an initial, a typo); a relative vetoed by first name is no rival of the
person's own record; a suffix one system cannot write says nothing against the person's own number and birth
date. None of these tests reads an outside file."""

from types import SimpleNamespace

import pytest

from identity_app.resolution import Candidate, first_names_compatible
from identity_app.resolver_decisions import Decisions
from tests.identity.conftest import crm, filler_records
from tests.identity.test_home_address_rules import person, written
from tests.identity.test_personal_identifier_rules import declared

HER_NUMBER = "104060"


@pytest.mark.parametrize(
    ("ours", "theirs", "compatible"),
    [
        ("christina", "christina", True),
        ("chris", "christina", True),  # a short form
        ("c", "christina", True),  # an initial
        ("cristina", "christina", True),  # a letter lost
        ("thoma", "thomas", True),  # a register's truncation
        ("xatne", "xanthe", True),  # letters read wrong
        ("kyl", "kyle", True),  # a letter lost: "kyl" is nobody's name
        ("samyle", "samuel", True),
        ("joan", "john", False),  # two names people are given: a couple's as often as a typo
        ("mark", "mary", False),
        ("", "christina", True),  # nothing written is no disagreement
        ("christina", "robert", False),
        ("emma", "noah", False),
        ("daniel", "danielle", False),  # a man's and a woman's form
        ("caleb", "nathan", False),
    ],
)
def test_first_names_that_can_be_one_persons(ours, theirs, compatible):
    assert first_names_compatible(ours, theirs) is compatible


@pytest.mark.parametrize("husbands_birth", ["", "1955-02-11"])
def test_a_wifes_number_on_her_husbands_record_does_not_link_her_to_him(
    enabled, mirror, resolve, husbands_birth
):
    """The desk typed Sylvie's member number on her husband Leonard's record: the number, the surname and the
    home agree, the first names are two people's. Surname and home are what a family shares."""
    declared(enabled)
    mirror(
        person(firstname="Leonard", date_of_birth=husbands_birth, national_id=HER_NUMBER), *filler_records()
    )
    [result] = resolve(written(national_id=HER_NUMBER))
    assert result.outcome != "matched"
    assert "first_name" in result.candidates[0]["vetoed_by"]


@pytest.mark.parametrize("first_name", ["Syvlie", "Sylvei", "S", "Silvie"])
def test_a_first_name_written_otherwise_still_links_on_the_persons_own_number(
    enabled, mirror, resolve, first_name
):
    """The recall side: a typo, an initial or a short form of her name beside her own number at her home is
    her (her record gives no birth date)."""
    declared(enabled)
    mirror(person(date_of_birth="", national_id=HER_NUMBER), *filler_records())
    [result] = resolve(written(national_id=HER_NUMBER, first_name=first_name))
    assert (result.outcome, result.crm_id) == ("matched", "c1")


def test_another_first_name_with_the_very_birth_date_still_lifts_the_veto(enabled, mirror, resolve):
    """A register's first name replaced outright (FEBRL's corruption) beside the person's own number, the very
    birth date and the home: the birth date is the person's own, not the family's."""
    declared(enabled)
    mirror(person(national_id=HER_NUMBER), *filler_records())
    [result] = resolve(written(national_id=HER_NUMBER, first_name="Esme"))
    assert (result.outcome, result.crm_id) == ("matched", "c1")


def test_her_own_record_links_though_her_husbands_holds_her_number(enabled, mirror, resolve):
    """Both spouses held, her number on his record: his record, vetoed by its first name, does not tie with
    hers, which has her names, birth date and home."""
    declared(enabled)
    husband = person("c1", firstname="Leonard", date_of_birth="", national_id=HER_NUMBER)
    wife = person("c2")
    mirror(husband, wife, *filler_records())
    [result] = resolve(written(national_id=HER_NUMBER))
    assert (result.outcome, result.crm_id) == ("matched", "c2")


def test_a_relative_with_a_name_of_its_own_is_still_a_rival_when_both_are_vetoed(enabled, mirror, resolve):
    """Neither record has her first name (her husband holds her number, her son has the family's home): no
    link, and nothing said about which."""
    declared(enabled)
    husband = person("c1", firstname="Leonard", date_of_birth="", national_id=HER_NUMBER)
    son = person("c2", firstname="Oliver", date_of_birth="1990-03-14")
    mirror(husband, son, *filler_records())
    [result] = resolve(written(national_id=HER_NUMBER))
    assert result.outcome != "matched"


def test_a_suffix_the_booking_system_cannot_write_is_no_other_generation(enabled, mirror, resolve):
    """ "Kevin Ortiz Jr." in the CRM with his own number and birth date; the booking system has no suffix field
    and writes "Ortiz": his number and birth date say which of the two Kevins it is."""
    declared(enabled)
    son = crm("j1", firstname="Kevin", lastname="Ortiz Jr.", date_of_birth="1998-11-10", national_id="102700",
              address="329 Grove Street", city="Caldwell", zip="07006")  # fmt: skip
    mirror(son, *filler_records())
    kevin = {"first_name": "Kevin", "last_name": "Ortiz", "street": "329 grove st", "city": "caldwell",
             "postcode": "07006"}  # fmt: skip
    [result] = resolve({"external_id": "k1", **kevin, "date_of_birth": "1998-11-10", "national_id": "102700"})
    assert (result.outcome, result.crm_id) == ("matched", "j1")


@pytest.mark.parametrize(
    ("birth", "number"),
    [
        ("1971-06-02", "102700"),  # the father's row; his number typed on his son's record
        ("1998-11-10", ""),  # the son's birth date, no number
    ],
)
def test_without_the_number_and_the_birth_date_the_generation_still_differs(
    enabled, mirror, resolve, birth, number
):
    declared(enabled)
    son = crm("j1", firstname="Kevin", lastname="Ortiz Jr.", date_of_birth="1998-11-10", national_id="102700",
              address="329 Grove Street", city="Caldwell", zip="07006")  # fmt: skip
    mirror(son, *filler_records())
    kevin = {"first_name": "Kevin", "last_name": "Ortiz", "street": "329 grove st", "city": "caldwell",
             "postcode": "07006"}  # fmt: skip
    [result] = resolve({"external_id": "k1", **kevin, "date_of_birth": birth, "national_id": number})
    assert result.outcome != "matched"


@pytest.mark.parametrize(("written_first", "linked"), [("Joan", False), ("Leonrad", True)])
def test_two_given_names_a_slip_apart_are_not_confirmed_by_the_number_alone(
    enabled, mirror, resolve, written_first, linked
):
    """John's record holds the member number of Joan, his wife: the names are a slip apart, but both are names
    people are given, and the number is what the desk typed on the wrong record. A name keyed wrong into
    nobody's name ("Leonrad") is still confirmed by the person's own number."""
    declared(enabled)
    first = "John" if written_first == "Joan" else "Leonard"
    mirror(person(firstname=first, date_of_birth="", national_id=HER_NUMBER), *filler_records())
    [result] = resolve(written(national_id=HER_NUMBER, first_name=written_first))
    assert (result.outcome == "matched" and result.crm_id == "c1") is linked


def _candidate(crm_id, score, vetoed, first_name):
    return Candidate(crm_id=crm_id, score=score, probability=0.999, contributions=[], vetoed_by=vetoed,
                     display={"first_name": first_name, "last_name": "Howard"}, attributes={})  # fmt: skip


@pytest.mark.parametrize(("husband_vetoed", "tied"), [(["first_name"], False), ([], True)])
def test_a_record_vetoed_by_its_first_name_does_not_tie(husband_vetoed, tied):
    """Deborah's own record scores 33.3, her husband Luis's, which holds her member number and the family's
    home, 28.4: within the tie margin, but his first name is another person's (its veto stands). Without
    that veto the two tie, as before."""
    decisions = Decisions()
    decisions.rules = SimpleNamespace(ambiguity_margin=6.0, candidate_floor=0.5)
    wife, husband = _candidate("w", 33.34, [], "Deborah"), _candidate("h", 28.42, husband_vetoed, "Luis")
    notes = decisions._mark_ties([wife, husband])
    assert (wife.tied, bool(notes)) == (tied, tied)
