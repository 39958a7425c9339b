"""Rules found reading FEBRL's records that the family rule (`test_thirtyseventh_rules.py`: a relative's member
number typed on another member's record does not link on the number, the surname and the home) left in review,
and its CRM duplicates: a date of birth typed impossibly one slip from the candidate's is the person's own, as
the very date is; a first name with a letter dropped beside two letters swapped ("cheela" for Chelsea) is keyed
wrong, not another person's; a number on two CRM records with one first name and the very date of birth under
two surnames is one person's, not a household's. The wrong links the family rule prevents stay prevented: a real
date a slip from the candidate's, an impossible one that is no slip of it, two names people are given, a number
twins or a mother and her namesake daughter hold. None of these tests reads an outside file."""

import datetime as dt

import pytest

from identity_app.resolution import first_names_compatible, one_person_renamed
from tests.identity.conftest import filler_records
from tests.identity.test_home_address_rules import person, written
from tests.identity.test_personal_identifier_rules import declared

HER_NUMBER = "104060"


# -- a date of birth typed impossibly, one slip from the candidate's -----------------------------------------


@pytest.mark.parametrize(
    "written_birth",
    [
        "19580931",  # 1958-09-01 with a digit mistyped: no 31st of September
        "19589001",  # its month's digits swapped: no 90th month
    ],
)
def test_another_first_name_with_a_misprint_of_the_birth_date_lifts_the_veto(
    enabled, mirror, resolve, written_birth
):
    """A register's first name replaced (FEBRL's "bertie" for Aleisha) beside the person's own number, the
    surname, the home, and a date of birth that is no date but one slip from the candidate's: that date was
    hers, typed wrong. No relative's real date is a misprint of it."""
    declared(enabled)
    mirror(person(national_id=HER_NUMBER), *filler_records())
    [result] = resolve(written(national_id=HER_NUMBER, first_name="Esme", date_of_birth=written_birth))
    assert (result.outcome, result.crm_id) == ("matched", "c1")


@pytest.mark.parametrize(
    "written_birth",
    [
        "19580902",  # a real date a slip from hers: a relative's can be that
        "19600901",  # a year's digit: a sibling or a spouse born on her day of the year
        "19611345",  # no date, and no slip of hers
        "",
    ],
)
def test_another_first_name_with_a_real_or_unrelated_date_stays_a_relative(
    enabled, mirror, resolve, written_birth
):
    """The family rule holds: beside two people's first names, a real date a slip from the candidate's, or an
    impossible date that is no slip of it, says nothing the family does not share."""
    declared(enabled)
    mirror(person(national_id=HER_NUMBER), *filler_records())
    [result] = resolve(written(national_id=HER_NUMBER, first_name="Esme", date_of_birth=written_birth))
    assert result.outcome != "matched"
    assert "first_name" in result.candidates[0]["vetoed_by"]


def test_a_misprinted_birth_date_needs_the_surname_or_the_home_besides(enabled, mirror, resolve):
    """The number and a misprint of the date alone, with another first name, surname and home, are too little."""
    declared(enabled)
    mirror(person(national_id=HER_NUMBER), *filler_records())
    elsewhere = {"last_name": "Trevelyan", "street": "4 kent road", "city": "geelong", "postcode": "3220"}
    [result] = resolve(
        written(national_id=HER_NUMBER, first_name="Esme", date_of_birth="19580931", **elsewhere)
    )
    assert result.outcome != "matched"


# -- a first name keyed wrong: a letter dropped beside two swapped --------------------------------------------


@pytest.mark.parametrize(
    ("ours", "theirs", "compatible"),
    [
        ("cheela", "chelsea", True),  # "s" dropped, "le" swapped: two slips (three in OSA's count)
        ("chelsea", "cheela", True),
        ("carla", "clara", False),  # two names people are given
        ("marian", "miriam", False),
        ("cheela", "charlotte", False),
    ],
)
def test_a_letter_dropped_beside_two_swapped_is_a_name_keyed_wrong(ours, theirs, compatible):
    assert first_names_compatible(ours, theirs) is compatible


def test_a_name_keyed_wrong_links_on_the_persons_own_number_without_a_birth_date(enabled, mirror, resolve):
    """FEBRL's "cheela meaney" with no date of birth, Chelsea Meaney's number and her home: her, not a relative."""
    declared(enabled)
    mirror(person(firstname="Chelsea", national_id=HER_NUMBER), *filler_records())
    [result] = resolve(written(national_id=HER_NUMBER, first_name="Cheela", date_of_birth=""))
    assert (result.outcome, result.crm_id) == ("matched", "c1")


# -- one number on two CRM records of one person under two surnames ---------------------------------------------

MARRIED = {"lastname": "Hale", "address": "9 Kent Road", "city": "Geelong", "zip": "3220", "state": "vic"}


@pytest.mark.parametrize(
    ("first", "born", "renamed"),
    [
        ("connor", dt.date(1933, 9, 25), True),  # FEBRL's "connor rawlings" and "connor millar"
        ("harroet", dt.date(1995, 2, 3), True),  # a typo of Harriet
        ("kate", dt.date(1933, 9, 25), False),  # twins: two first names
        ("connor", dt.date(1961, 9, 25), False),  # a father and his namesake son
        ("connor", None, False),  # no date: nothing tells them apart
    ],
)
def test_one_person_renamed(first, born, renamed):
    reference = {"connor": ("connor", dt.date(1933, 9, 25)), "harroet": ("harriet", dt.date(1995, 2, 3))}
    other_first, other_born = reference.get(first, reference["connor"])
    assert one_person_renamed(first, born, other_first, other_born) is renamed


def test_a_number_on_the_two_records_of_one_renamed_person_is_still_hers(enabled, mirror, resolve):
    """FEBRL's CRM duplicates: Sylvie Morcom's number on her record and on her record under her married name
    (first name and date of birth the same): not a household's number but hers, so beside her very date of
    birth and her home it lifts the veto on a first name replaced ("Esme"), and her record links."""
    declared(enabled)
    mirror(person(national_id=HER_NUMBER), person("c2", national_id=HER_NUMBER, **MARRIED), *filler_records())
    [result] = resolve(written(national_id=HER_NUMBER, first_name="Esme"))
    assert (result.outcome, result.crm_id) == ("matched", "c1")


@pytest.mark.parametrize(
    "sister",
    [
        {"firstname": "Esme"},  # a twin with her own record: two people hold the number
        {"date_of_birth": "1961-09-01"},  # the same first name, another date: her namesake daughter
        {"date_of_birth": ""},
    ],
)
def test_a_number_two_people_hold_stays_shared(enabled, mirror, resolve, sister):
    """The family rule holds where the holders are two people: the number is shared, and "Esme" beside it and the
    family's home stays in review."""
    declared(enabled)
    mirror(person(national_id=HER_NUMBER), person("c2", national_id=HER_NUMBER, **{**MARRIED, **sister}),
           *filler_records())  # fmt: skip
    [result] = resolve(written(national_id=HER_NUMBER, first_name="Esme"))
    assert result.outcome != "matched" or result.crm_id != "c1"
