"""A given name misspelled past a slip, and a birth date with two digits swapped across the month and the day:
typos, not another person. Found in benchmarks/identity_febrl.py (a register nobody on the project wrote: OCR
and keying errors), each rule beside the names and dates that must stay two people. None of these tests reads
an outside file."""

import datetime as dt

import pytest

from identity_app import normalise
from tests.identity.conftest import crm, filler_records

HOME = {"address": "33 Armidale Street", "city": "Rosebud", "zip": "4551", "state": "sa"}


def person(crm_id="c1", **values):
    return crm(
        crm_id,
        **{"firstname": "Joshua", "lastname": "Morcom", "date_of_birth": "1958-09-01", **HOME, **values},
    )


def written(**values):
    record = {
        "external_id": "e1",
        "first_name": "Joshua",
        "last_name": "Morcom",
        "street": "33 armidale street",
        "city": "rosebud",
        "postcode": "4551",
        "state": "sa",
        "date_of_birth": "19580901",
    }
    return {**record, **values}


# -- a name cut short by its last letter -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right"),
    [("joshu", "joshua"), ("thoma", "thomas"), ("georg", "george"), ("ell", "ella"), ("ne", "ned")],
)
def test_a_known_name_cut_short_is_close(left, right):
    assert normalise.name_cut_short(left, right)
    assert normalise.name_closeness(left, right) >= 0.75
    assert normalise.name_closeness(right, left) >= 0.75


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("daniel", "daniela"),  # a name of its own: her brother
        ("louis", "louise"),
        ("marcel", "marcela"),  # the package knows neither: no evidence the shorter is no name
        ("jo", "joe"),  # a nickname is a name
        ("j", "jo"),  # an initial is the initials' rule, not this one
        ("josh", "joshua"),  # a nickname, the nicknames' rule
    ],
)
def test_a_name_of_its_own_is_not_cut_short(left, right):
    assert not normalise.name_cut_short(left, right)


def test_names_of_their_own_an_ending_apart_stay_two_people():
    assert normalise.name_closeness("daniel", "daniela") == 0.0
    assert normalise.name_closeness("marcel", "marcela") == 0.0


# -- a long name misspelled twice ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("patrvrck", "patrick"),
        ("courmtey", "courtney"),
        ("isablel", "isabella"),
        ("victqorka", "victoria"),
        ("jessxia", "jessica"),
    ],
)
def test_a_long_known_name_misspelled_twice_is_close(left, right):
    assert normalise.name_closeness(left, right) >= 0.75


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("patrick", "patricia"),  # two names, both known
        ("christian", "christina"),
        ("brianna", "adrianna"),  # the first letters differ: rhyming names, not a typo
        ("racxe", "rachel"),  # a short name two slips off is too far
        ("samyle", "samuel"),
    ],
)
def test_other_names_two_slips_apart_stay_apart(left, right):
    assert normalise.name_closeness(left, right) == 0.0


# -- in the resolver: the same surname, home and birth date -------------------------------------------------


@pytest.mark.parametrize("first_name", ["Joshu", "Joshau", "Jsohua"])
def test_a_misspelled_first_name_at_the_same_home_and_birth_date_links(enabled, mirror, resolve, first_name):
    mirror(person(), *filler_records())
    [result] = resolve(written(first_name=first_name))
    assert (result.outcome, result.crm_id) == ("matched", "c1")


def test_a_name_cut_short_links_where_it_was_vetoed(enabled, mirror, resolve):
    """ "Thoma Morcom" at Thomas Morcom's home with his birth date went to review as another first name."""
    mirror(person(firstname="Thomas"), *filler_records())
    [result] = resolve(written(first_name="Thoma"))
    assert (result.outcome, result.crm_id) == ("matched", "c1")


def test_a_brother_of_a_sister_at_her_home_and_birth_date_stays_in_review(enabled, mirror, resolve):
    mirror(person(firstname="Daniela"), *filler_records())
    [result] = resolve(written(first_name="Daniel"))
    assert result.outcome != "matched"


# -- a birth date with neighbouring digits swapped across the month and the day -----------------------------


def test_neighbouring_digits_swapped_across_month_and_day_are_a_slip():
    assert normalise.date_slip(dt.date(1957, 12, 4), dt.date(1957, 10, 24))


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (dt.date(1957, 12, 4), dt.date(1958, 10, 24)),  # and another year: two slips
        (dt.date(1957, 12, 4), dt.date(1957, 10, 25)),  # month and day both otherwise
        (dt.date(1958, 12, 4), dt.date(1988, 10, 24)),
    ],
)
def test_other_dates_are_not_that_slip(left, right):
    assert not normalise.date_slip(left, right)


def test_a_birth_date_with_digits_swapped_across_month_and_day_links(enabled, mirror, resolve):
    mirror(person(date_of_birth="1957-12-04"), *filler_records())
    [result] = resolve(written(date_of_birth="19571024"))
    assert (result.outcome, result.crm_id) == ("matched", "c1")
