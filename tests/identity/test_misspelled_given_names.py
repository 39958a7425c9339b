"""A given name misspelled past a slip, and a birth date with two digits swapped across the month and the day:
typos, not another person. Found in benchmarks/identity_febrl.py (a register nobody on the project wrote: OCR
and keying errors), each rule beside the names and dates that must stay two people. None of these tests reads
an outside file."""

import datetime as dt

import pytest

from identity_app import blocking, normalise_names, normalise_text
from identity_app.attributes import BIRTH_DATE_READINGS, build_profile
from identity_app.columns import build_profiles
from identity_app.scoring import DEFAULT_COMPARISONS, MISSING, compare
from tests.identity.conftest import filler_records
from tests.identity.test_home_address_rules import person as home_person
from tests.identity.test_home_address_rules import written as home_written


def person(crm_id="c1", **values):
    """`test_home_address_rules.person`, named Joshua."""
    return home_person(crm_id, **{"firstname": "Joshua", **values})


def written(**values):
    """`test_home_address_rules.written`, named Joshua."""
    return home_written(**{"first_name": "Joshua", **values})


# -- a name cut short by its last letter -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right"),
    [("joshu", "joshua"), ("charli", "charlie"), ("sophi", "sophie"), ("gu", "gus"), ("ne", "ned")],
)
def test_a_known_name_cut_short_is_close(left, right):
    assert normalise_names.name_cut_short(left, right)
    assert normalise_names.name_closeness(left, right) >= 0.75
    assert normalise_names.name_closeness(right, left) >= 0.75


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("daniel", "daniela"),  # a name of its own: her brother
        ("louis", "louise"),
        ("marcel", "marcela"),  # the package knows neither: no evidence the shorter is no name
        ("karl", "karla"),  # it knows Karla, not Karl: a man's name ends in a consonant
        ("nichola", "nicholas"),  # a woman's name of its own (Nichola), though it ends in a vowel
        ("thoma", "thomas"),
        ("jo", "joe"),  # a nickname is a name
        ("j", "jo"),  # an initial is the initials' rule, not this one
        ("josh", "joshua"),  # a nickname, the nicknames' rule
    ],
)
def test_a_name_of_its_own_is_not_cut_short(left, right):
    assert not normalise_names.name_cut_short(left, right)


@pytest.mark.parametrize(("left", "right"), [("daniel", "daniela"), ("marcel", "marcela"), ("karl", "karla")])
def test_names_of_their_own_an_ending_apart_stay_two_people(left, right):
    assert normalise_names.name_closeness(left, right) == 0.0
    assert normalise_names.name_closeness(right, left) == 0.0


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
    assert normalise_names.name_closeness(left, right) >= 0.75


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
    assert normalise_names.name_closeness(left, right) == 0.0


# -- in the resolver: the same surname, home and birth date -------------------------------------------------


@pytest.mark.parametrize("first_name", ["Joshu", "Joshau", "Jsohua"])
def test_a_misspelled_first_name_at_the_same_home_and_birth_date_links(enabled, mirror, resolve, first_name):
    mirror(person(), *filler_records())
    [result] = resolve(written(first_name=first_name))
    assert (result.outcome, result.crm_id) == ("matched", "c1")


def test_a_name_cut_short_links_where_it_was_vetoed(enabled, mirror, resolve):
    """ "Charli Morcom" at Charlie Morcom's home with his birth date went to review as another first name."""
    mirror(person(firstname="Charlie"), *filler_records())
    [result] = resolve(written(first_name="Charli"))
    assert (result.outcome, result.crm_id) == ("matched", "c1")


def test_a_brother_of_a_sister_at_her_home_and_birth_date_stays_in_review(enabled, mirror, resolve):
    mirror(person(firstname="Daniela"), *filler_records())
    [result] = resolve(written(first_name="Daniel"))
    assert result.outcome != "matched"


# -- a birth date with neighbouring digits swapped across the month and the day -----------------------------


def test_neighbouring_digits_swapped_across_month_and_day_are_a_slip():
    assert normalise_text.date_slip(dt.date(1957, 12, 4), dt.date(1957, 10, 24))


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (dt.date(1957, 12, 4), dt.date(1958, 10, 24)),  # and another year: two slips
        (dt.date(1957, 12, 4), dt.date(1957, 10, 25)),  # month and day both otherwise
        (dt.date(1958, 12, 4), dt.date(1988, 10, 24)),
    ],
)
def test_other_dates_are_not_that_slip(left, right):
    assert not normalise_text.date_slip(left, right)


def test_a_birth_date_with_digits_swapped_across_month_and_day_links(enabled, mirror, resolve):
    mirror(person(date_of_birth="1957-12-04"), *filler_records())
    [result] = resolve(written(date_of_birth="19571024"))
    assert (result.outcome, result.crm_id) == ("matched", "c1")


# -- a date of birth written impossibly ---------------------------------------------------------------------


def test_an_impossible_date_is_read_as_the_real_dates_one_slip_from_it():
    assert normalise_text.date_readings("19105412") == (dt.date(1910, 4, 12), dt.date(1915, 4, 12))
    assert normalise_text.date_readings("1931-99-24") == (dt.date(1931, 9, 24),)


@pytest.mark.parametrize(
    "written", ["19580901", "1958-09-01", "", None, "31/02/1980", "unknown", "19589901x"]
)
def test_a_real_date_or_another_shape_has_no_readings(written):
    assert normalise_text.date_readings(written) == ()


def test_an_impossible_date_keeps_no_date_but_its_readings():
    profile = build_profile({"first_name": "Joel", "last_name": "Coane", "date_of_birth": "19105412"})
    assert profile["date_of_birth"] is None
    assert profile[BIRTH_DATE_READINGS] == ["1910-04-12", "1915-04-12"]
    assert BIRTH_DATE_READINGS not in build_profile({"first_name": "Joel", "date_of_birth": "19150412"})


def test_a_candidate_born_on_a_reading_agrees_at_the_slip_level():
    comparison = next(c for c in DEFAULT_COMPARISONS if c["attribute"] == "date_of_birth")
    inbound = build_profile({"date_of_birth": "19105412"})
    assert compare(comparison, inbound, {"date_of_birth": dt.date(1915, 4, 12)}) == 1
    # born on none of them: the record wrote no date, so nothing is held against the candidate
    assert compare(comparison, inbound, {"date_of_birth": dt.date(1947, 4, 12)}) == MISSING


def test_the_same_profile_is_built_record_by_record_and_down_the_columns():
    rows = [
        {"first_name": "Joel", "date_of_birth": "19105412"},
        {"first_name": "Ava", "date_of_birth": "19800101"},
    ]
    assert build_profiles(rows) == [build_profile(row) for row in rows]


# -- fallback blocks: the home's street name, the house number in the town, an impossible date's readings ----


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (("postcode", "street_name"), "4551|armidale st"),
        (("city", "house_number"), "rosebud|33"),
    ],
)
def test_fallback_rules_key_the_home(rule, expected):
    profile = build_profile(written())
    assert rule in blocking.FALLBACK_BLOCKING_RULES
    assert (blocking.rule_kind(rule), expected) in blocking.block_keys(profile, [rule])


def test_the_readings_of_an_impossible_date_are_its_birth_date_keys():
    rule = ("birth_date_readings",)
    kind = blocking.rule_kind(rule)
    assert blocking.block_keys(build_profile(written(date_of_birth="19105412")), [rule]) == {
        (kind, "1910-04-12"),
        (kind, "1915-04-12"),
    }
    assert blocking.block_keys(build_profile(written()), [rule]) == {(kind, "1958-09-01")}


def test_a_record_with_both_names_garbled_and_its_date_impossible_is_found(enabled, mirror, resolve):
    """ "Charlee" at Joel's home with the house number left out and the date typed "19105412": no name,
    postcode-and-number or birth-date block met his record."""
    mirror(
        person(firstname="Joel", lastname="", address="Coane Street", date_of_birth="1915-04-12"),
        *filler_records(),
    )
    [result] = resolve(
        written(first_name="Charlee", last_name="", street="coane street", date_of_birth="19105412")
    )
    assert result.candidates and result.candidates[0]["crm_id"] == "c1"


def test_a_mistyped_postcode_and_street_still_meet_in_the_town(enabled, mirror, resolve):
    mirror(person(firstname="Oliver", lastname="", address="4 Jeanette Place", zip="4226"), *filler_records())
    [result] = resolve(written(first_name="Andrwe", last_name="", street="4 jeanette plce", postcode="2426"))
    assert result.candidates and result.candidates[0]["crm_id"] == "c1"


# -- a home whose street carries a typo --------------------------------------------------------------------


@pytest.mark.parametrize("street", ["33 armidale stret", "33 armidael street", "33 armidalestreet"])
def test_a_new_surname_at_her_home_written_with_a_typo_links(enabled, mirror, resolve, street):
    """A married name beside her first name and birth date at her home links (`_new_surname_at_home`); the
    street typed "armidale stret" is still her home when the house number is hers."""
    mirror(person(firstname="Sylvie"), *filler_records())
    [result] = resolve(written(first_name="Sylvie", last_name="White", street=street))
    assert (result.outcome, result.crm_id) == ("matched", "c1")


@pytest.mark.parametrize("street", ["35 armidale stret", "armidale stret", "33 arundel road"])
def test_a_new_surname_at_another_number_or_street_stays_in_review(enabled, mirror, resolve, street):
    mirror(person(firstname="Sylvie"), *filler_records())
    [result] = resolve(written(first_name="Sylvie", last_name="White", street=street))
    assert result.crm_id == "" and result.outcome != "matched"


@pytest.mark.parametrize(
    ("crm_first", "first_name"), [("Sylvie", "Sylvei"), ("Joshua", "Joshu"), ("Patrick", "Patrvrck")]
)
def test_a_new_surname_beside_the_first_name_with_a_typo_links(
    enabled, mirror, resolve, crm_first, first_name
):
    """Another surname at the home and birth date beside the first name typed with a slip ("Sylvei"), cut short
    or misspelled: a married name and a typo, not another person of another name."""
    mirror(person(firstname=crm_first), *filler_records())
    [result] = resolve(written(first_name=first_name, last_name="White"))
    assert (result.outcome, result.crm_id) == ("matched", "c1")


@pytest.mark.parametrize(
    ("crm_first", "first_name"),
    [("Karla", "Karl"), ("Sylvie", "Syl"), ("Sylvie", "Sophie"), ("Emma", "Ella")],
)
def test_a_new_surname_beside_another_first_name_stays_in_review(
    enabled, mirror, resolve, crm_first, first_name
):
    """Her brother (the man's form of her name), a nickname, another name: not her with a typo."""
    mirror(person(firstname=crm_first), *filler_records())
    [result] = resolve(written(first_name=first_name, last_name="White"))
    assert result.crm_id == "" and result.outcome != "matched"
