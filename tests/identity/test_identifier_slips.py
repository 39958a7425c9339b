"""A person's own number (a declared personal identifier) as the evidence that tells one person written
otherwise from a twin, a sibling or a namesake son: a new surname under one's own first name and number; the
number typed with one keying slip beside everything else of the person; and the number as a key's pair is for
the fit. Found on FEBRL (benchmarks/identity_febrl.py); each rule has its twin that must stay apart. None of
these tests reads an outside file."""

import pytest

from identity_app import normalise_text, services, training
from tests.identity.conftest import filler_records
from tests.identity.test_home_address_rules import person, written
from tests.identity.test_personal_identifier_rules import ELSEWHERE, declared

NUMBER = "5304218"


# -- one keying slip, never the next number issued ----------------------------------------------------------


@pytest.mark.parametrize(
    "left, right",
    [
        ("5304218", "5340218"),  # two neighbouring digits swapped in the middle
        ("5304218", "5304128"),  # swapped just before the last digit
        ("5304218", "5394218"),  # one digit mistyped
        ("123-45-6789", "123-54-6789"),  # written with separators
    ],
)
def test_a_keying_slip_before_the_number_s_end_is_the_same_number(left, right):
    ours, theirs = normalise_text.personal_identifier(left), normalise_text.personal_identifier(right)
    assert normalise_text.identifier_slip(ours, theirs)


@pytest.mark.parametrize(
    "left, right",
    [
        ("5304218", "5304218"),  # the same number: no slip
        ("5304218", "5304219"),  # the next number issued (a twin registered beside her sister)
        ("5304218", "5304228"),  # the running number's last digit before a check digit
        ("5304218", "5304281"),  # the last two swapped: a check digit can make that of the next number too
        ("5304218", "5340281"),  # two slips
        ("5304218", "53042180"),  # another length
        ("53042", "53402"),  # too short: a slip lands on someone else's number
    ],
)
def test_the_next_number_or_two_slips_are_another_number(left, right):
    assert not normalise_text.identifier_slip(left, right)


# -- a new surname under one's own first name and number ----------------------------------------------------


@pytest.mark.parametrize("first_name", ["Sylvie", "Sylvei"])  # hers, or with a typo
def test_a_new_surname_under_her_own_first_name_and_number_is_not_vetoed(
    enabled, mirror, resolve, first_name
):
    """A marriage or a surname typed wrong: the first name and the number are hers (no birth date given,
    another home). Before, only the surname, the date of birth or the home counted beside the number."""
    declared(enabled)
    mirror(person(national_id=NUMBER), *filler_records())
    [result] = resolve(
        written(national_id=NUMBER, first_name=first_name, last_name="Brandt", date_of_birth="", **ELSEWHERE)
    )
    assert result.candidates[0]["crm_id"] == "c1" and result.candidates[0]["vetoed_by"] == []


@pytest.mark.parametrize("first_name", ["Esme", "Syl", ""])  # another name, a part, none
def test_without_her_first_name_a_new_surname_stays_vetoed(enabled, mirror, resolve, first_name):
    declared(enabled)
    mirror(person(national_id=NUMBER), *filler_records())
    [result] = resolve(
        written(national_id=NUMBER, first_name=first_name, last_name="Brandt", date_of_birth="", **ELSEWHERE)
    )
    assert result.crm_id == "" and result.outcome != "matched"


# -- the number with one slip, beside everything else ---------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        # Another first name (a middle name gone by), the surname and birth date hers, her number mistyped.
        {"first_name": "Esme", "national_id": "5340218"},
        # No birth date on either side: her home in its place.
        {"first_name": "Esme", "national_id": "5394218", "date_of_birth": ""},
        # A new surname, her first name and birth date (her street without its house number: no home).
        {"last_name": "Brandt", "national_id": "5340218", "street": "armidale street"},
        # A birth date typed wrong beyond a slip, both names hers.
        {"date_of_birth": "19630417", "national_id": "5394218", "street": "armidale street"},
    ],
)
def test_her_number_with_one_slip_lifts_the_veto_beside_everything_else(enabled, mirror, resolve, changes):
    declared(enabled)
    mirror(person(national_id=NUMBER), *filler_records())
    [result] = resolve(written(**changes))
    assert (result.outcome, result.crm_id) == ("matched", "c1")


@pytest.mark.parametrize(
    "changes",
    [
        # Her twin: another first name, the same surname, birth date and home, the next number issued.
        {"first_name": "Esme", "national_id": "5304219"},
        # Her twin's number a check digit away.
        {"first_name": "Esme", "national_id": "5304281"},
        # The number with a slip, another first name and no birth date, elsewhere: not everything else.
        {"first_name": "Esme", "national_id": "5340218", "date_of_birth": "", **ELSEWHERE},
        # Another first name and another surname beside the slipped number.
        {"first_name": "Esme", "last_name": "Brandt", "national_id": "5340218"},
        # A namesake son at her home: another birth date, his own number.
        {"date_of_birth": "19880901", "national_id": "5304219"},
    ],
)
def test_a_twin_or_a_son_with_a_number_of_their_own_stays_apart(enabled, mirror, resolve, changes):
    declared(enabled)
    mirror(person(national_id=NUMBER), *filler_records())
    [result] = resolve(written(**changes))
    assert result.crm_id == "" and result.outcome != "matched"


# -- the number seeds the fit as a key does ---------------------------------------------------------------


def _training_data(rules, *records):
    resolver = services.resolver_for_rules(rules)
    return training.chunk_training_data(resolver, list(records))


def test_the_one_candidate_holding_the_record_s_number_is_a_label_for_the_fit(enabled, mirror):
    """With no email or phone, a personal number is what decides pairs: their levels seed m as a key's do
    (without them every fit on such a file was refused and m stayed as configured)."""
    rules = declared(enabled)
    mirror(
        person(national_id=NUMBER), person("c2", firstname="Esme", national_id="7700012"), *filler_records()
    )
    data = _training_data(rules, written(national_id=NUMBER, first_name="Sylvei"))
    assert len(data.labelled) == 1 and [crm_id for crm_id, _ in data.key_groups] == ["c1"]
    assert "extra.national_id" in data.key_attributes  # masked where the model is checked against it


@pytest.mark.parametrize(
    "holders, changes",
    [
        # Both names differ: the number is no sample of what a match looks like.
        (1, {"first_name": "Esme", "last_name": "Brandt"}),
        # A household's number two CRM people hold.
        (2, {}),
        # A slip is no label.
        (1, {"national_id": "5340218"}),
    ],
)
def test_a_shared_number_or_other_names_are_no_label(enabled, mirror, holders, changes):
    rules = declared(enabled)
    others = [person("c2", firstname="Marcel", date_of_birth="1956-02-11", national_id=NUMBER)][: holders - 1]
    mirror(person(national_id=NUMBER), *others, *filler_records())
    data = _training_data(rules, written(**{"national_id": NUMBER, **changes}))
    assert data.labelled == [] and data.key_groups == []
