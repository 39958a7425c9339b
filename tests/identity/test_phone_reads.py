"""A record's numbers are read in its own country only when another reading could change them: numbers all
written in E.164 are the same in every country, and need no validity or region look-up (the look-up is most
of what loading a CRM export of international numbers costs). Where the look-up is made, it is made once."""

import pytest

from identity_app import attributes, normalise_phones

NUMBERS = [
    "+12015550123",  # valid, US
    "+16135550123",  # valid, Canada
    "+18765550123",  # valid, Jamaica (a NANP region with leading digits)
    "+15376303693",  # +1, no NANP region's number (no area code 537)
    "+447439154848",  # valid, a UK mobile
    "+4930901820",  # valid, Germany
    "+999123456789",  # no country
    "not a number",
    "",
]

FIELDS = ["phone", "mobilephone"]
ROWS = [
    {"phone": "+15376303693"},
    {"phone": "+447439154848"},
    {"phone": "+447439154848", "mobilephone": "+4930901820"},
    {"phone": ["+16135550123", {"value": "+12015550123"}]},
    {"phone": "+447439154848", "mobilephone": "07439 154848"},  # national: read again in the UK
    {"phone": "0044 113 239 4549", "mobilephone": "07439 154848"},
    {"phone": "(201) 555-0123", "mobilephone": "+16135550123"},
    {"phone": " +16135550123 ", "mobilephone": ""},
]


def _read_as_before(values: dict, phones: list[str], region: str) -> list[str]:
    """The reading in the record's own country as it was made before the shortcut: always looked up."""
    own = normalise_phones.phone_region_of(phones[0]) if normalise_phones.is_valid_phone(phones[0]) else ""
    if not own or own == region:
        return phones
    again = attributes.all_phones(values, FIELDS, own)
    valid = sum(map(normalise_phones.is_valid_phone, phones))
    return again if sum(map(normalise_phones.is_valid_phone, again)) > valid else phones


@pytest.mark.parametrize("number", NUMBERS)
def test_one_look_up_gives_the_region_of_a_valid_number_as_two_did(number):
    expected = normalise_phones.phone_region_of(number) if normalise_phones.is_valid_phone(number) else ""
    assert normalise_phones.valid_phone_region(number) == expected


@pytest.mark.parametrize("values", ROWS)
@pytest.mark.parametrize("region", ["US", "GB", "DE"])
def test_a_record_s_numbers_are_read_in_its_own_country_as_before(values, region):
    phones = attributes.all_phones(values, FIELDS, region)
    assert phones
    assert attributes._read_in_own_country(values, FIELDS, phones, region) == _read_as_before(
        values, phones, region
    )


def test_numbers_written_in_e164_are_not_looked_up(monkeypatch):
    def looked_up(number):
        raise AssertionError(f"{number} looked up")

    monkeypatch.setattr(normalise_phones, "valid_phone_region", looked_up)
    monkeypatch.setattr(normalise_phones, "is_valid_phone", looked_up)
    monkeypatch.setattr(normalise_phones, "phone_region_of", looked_up)
    values = {"phone": "+447439154848", "mobilephone": ["+4930901820"]}
    phones = ["+447439154848", "+4930901820"]
    assert attributes._read_in_own_country(values, FIELDS, phones, "US") == phones
    assert normalise_phones.written_internationally(" +447439154848 ")
    assert not normalise_phones.written_internationally("07439 154848")
    assert not normalise_phones.written_internationally("0044 113 239 4549")
