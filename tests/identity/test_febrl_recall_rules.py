"""Rules found reading FEBRL's records that the family rule (`test_thirtyseventh_rules.py`: a relative's member
number typed on another member's record does not link on the number, the surname and the home) left in review:
a date of birth typed impossibly one slip from the candidate's is the person's own, as the very date is; a first
name with a letter dropped beside two letters swapped ("cheela" for Chelsea) is keyed wrong, not another
person's. The wrong links the family rule prevents stay prevented: a real date a slip from the candidate's, an
impossible one that is no slip of it, and two names people are given. None of these tests reads an outside
file."""

import pytest

from identity_app.resolution import first_names_compatible
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
