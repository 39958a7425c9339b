"""Shortcuts in the per-record work give what the plain paths give, on inputs chosen to reach every branch:
a number's validity asked only when it decides (`normalise_phones.phone`), a record with one number text kept as
read (`attributes._read_in_own_country`, `columns.build_profiles`), names told apart by their equivalence
marks before any rule is asked (`normalise_names.names_equivalent`), the fit's emails levelled down a column
(`InboundScorer.level_rows`), and the tables of every country's numbering plan written out
(`identity_app.phone_plans`)."""

import itertools
import random
from collections import Counter

import phonenumbers
import pytest

from identity_app import (
    attributes,
    columns,
    name_frequency,
    normalise_names,
    normalise_phones,
    normalise_text,
    phone_plans,
    scoring,
)
from identity_app.scoring import DEFAULT_COMPARISONS, LevelMemo, Scorer

# -- normalise_phones.phone ---------------------------------------------------------------------------------------

PHONE_TEXTS = [
    "(766) 555-0161",  # national, no NANP region's area code
    "(201) 555-0123",  # national, valid in the US
    "201.555.0123",
    "1 6933767461",  # the trunk 1 with ten digits: a "+" lost too
    "1 2015550123",
    "12015550123",
    "491712345678",  # a German mobile whose "+" a spreadsheet dropped
    "4930901820",
    "447439154848",
    "0044 113 239 4549",  # written abroad with "00"
    "0061 408 391 511",  # Australia's own exit code is 0011: possible, not valid, nationally
    "011 44 113 239 4549",
    "+1 (0)201 555 0123",  # a "(0)" after a calling code without a trunk 0
    "+44 (0)113 239 4549",
    "07439 154848",
    "010-7028-4224",
    "06 12 34 56 78",
    "631 52 28 60",
    "000-000-0000",
    "555-555-5555",
    "1234567890",
    "+15376303693",
    "+999123456789",
    "12345",
    "ext. 520",
    "914 40 69 93 x 244",
    "n/a",
    "",
]
REGIONS = ["US", "GB", "DE", "AU", "FR", "NL", "KR", "IT", "ZZ"]


def _phone_as_before(value, region="US"):
    """`normalise_phones.phone` as written before its cheap tests came first: validity asked before each of them."""
    text = normalise_text.as_text(value)
    if not text:
        return ""
    if normalise_phones._E164.match(text):
        return (
            "" if any(normalise_phones._placeholder_number(text[1 + code :]) for code in (1, 2, 3)) else text
        )
    try:
        parsed = phonenumbers.parse(text, (region or "US").upper())
    except phonenumbers.NumberParseException:
        return normalise_phones._written_abroad(text)
    if (international := normalise_phones._plus_lost(text)) and (
        not phonenumbers.is_valid_number(parsed) or international[1:].startswith(str(parsed.country_code))
    ):
        return international
    if not phonenumbers.is_possible_number(parsed):
        return normalise_phones._written_abroad(text)
    if not phonenumbers.is_valid_number(parsed) and (abroad := normalise_phones._written_abroad(text)):
        return abroad
    if normalise_phones._placeholder_number(str(parsed.national_number)):
        return ""
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


@pytest.mark.parametrize("region", REGIONS)
def test_a_number_is_read_as_when_its_validity_was_asked_first(region):
    read = {text: normalise_phones.phone.__wrapped__(text, region) for text in PHONE_TEXTS}
    assert read == {text: _phone_as_before(text, region) for text in PHONE_TEXTS}
    assert any(read.values()) or region == "ZZ"


def test_a_national_number_s_validity_is_not_asked_when_nothing_turns_on_it(monkeypatch):
    asked = []
    is_valid = phonenumbers.is_valid_number
    monkeypatch.setattr(
        phonenumbers, "is_valid_number", lambda number: asked.append(number) or is_valid(number)
    )
    assert normalise_phones.phone.__wrapped__("(766) 555-0161", "US") == "+17665550161"
    assert normalise_phones.phone.__wrapped__("804.567.8333", "US") == "+18045678333"
    assert asked == []
    assert normalise_phones.phone.__wrapped__("1 6933767461", "US") == "+16933767461"
    assert len(asked) == 1  # the digits read with a "+" (`_plus_lost`); the national reading not asked


# -- one number text: nothing to read again ------------------------------------------------------------

FIELDS = ["phone", "mobilephone"]
ONE_TEXT_ROWS = [
    {"phone": "(613) 555-0123"},  # Canada's, read in the US: the same number wherever it is read
    {"phone": "(201) 555-0123"},
    {"phone": "(766) 555-0161"},
    {"mobilephone": "07439 154848"},
    {"phone": "0044 113 239 4549", "mobilephone": ""},
    {"phone": "1 6933767461"},
    {"phone": [{"value": "(876) 555-0123"}]},  # one item of a list field
    {"phone": "020 7946 0958"},
    {"phone": "06 12 34 56 78"},
]


def _read_as_before(values: dict, phones: list[str], region: str) -> list[str]:
    """`_read_in_own_country` before one text was kept as read: always looked up."""
    if all(map(normalise_phones.written_internationally, attributes._phone_texts(values, FIELDS))):
        return phones
    own = normalise_phones.valid_phone_region(phones[0])
    if not own or own == region:
        return phones
    again = attributes.all_phones(values, FIELDS, own)
    valid = sum(map(normalise_phones.is_valid_phone, phones))
    return again if sum(map(normalise_phones.is_valid_phone, again)) > valid else phones


@pytest.mark.parametrize("region", ["US", "CA", "GB", "FR", "DE", "JM"])
def test_a_record_with_one_number_text_reads_it_as_the_look_up_would(region, monkeypatch):
    expected = {}
    for at, values in enumerate(ONE_TEXT_ROWS):
        if phones := attributes.all_phones(values, FIELDS, region):
            expected[at] = (phones, _read_as_before(values, phones, region))
    owns = {normalise_phones.valid_phone_region(phones[0]) for phones, _ in expected.values()}
    if region == "US":  # Canada's and Jamaica's numbers have a country of their own, not the flow's
        assert {"CA", "JM"} <= owns

    def looked_up(number):
        raise AssertionError(f"{number} looked up")

    monkeypatch.setattr(normalise_phones, "valid_phone_region", looked_up)
    monkeypatch.setattr(normalise_phones, "is_valid_phone", looked_up)
    for at, (phones, before) in expected.items():
        assert attributes._read_in_own_country(ONE_TEXT_ROWS[at], FIELDS, phones, region) == before
    assert expected


def test_a_batch_with_one_phone_column_reads_no_number_again(monkeypatch):
    rows = [
        {"first_name": "Ann", "phone": text} for text in ("(613) 555-0123", "07439 154848", "(201) 555-0123")
    ]
    rows.append({"first_name": "Bo", "phone": "", "email": "bo@example.org"})
    expected = [attributes.build_profile(row) for row in rows]

    def looked_up(number):
        raise AssertionError(f"{number} looked up")

    monkeypatch.setattr(normalise_phones, "valid_phone_region", looked_up)
    assert columns.build_profiles(rows) == expected


def test_a_batch_with_two_phone_columns_still_reads_a_record_in_its_own_country():
    """ "+44 113 239 4549" and "07439 154848" on one record: the rep had the UK in mind."""
    attribute_map = {**attributes.DEFAULT_ATTRIBUTE_MAP, "phone": ["phone", "mobilephone"]}
    rows = [
        {"first_name": "Ann", "phone": "+44 113 239 4549", "mobilephone": "07439 154848"},
        {"first_name": "Bo", "phone": "(201) 555-0123", "mobilephone": ""},
    ]
    profiles = columns.build_profiles(rows, attribute_map=attribute_map)
    assert profiles == [attributes.build_profile(row, attribute_map=attribute_map) for row in rows]
    assert profiles[0]["phones"] == ["+441132394549", "+447439154848"]


def test_one_cell_of_two_numbers_is_still_read_in_the_record_s_own_country():
    """A Pipedrive cell "+44 113 239 4549, 07439 154848" is two number texts in one column: the second is
    read in the first one's country, on one record as in a batch."""
    rows = [
        {"first_name": "Ann", "phone": "+44 113 239 4549, 07439 154848"},
        {"first_name": "Bo", "phone": "(201) 555-0123"},
    ]
    profile = attributes.build_profile(rows[0])
    assert profile["phones"] == ["+441132394549", "+447439154848"]
    assert columns.build_profiles(rows) == [attributes.build_profile(row) for row in rows]


# -- names_equivalent ---------------------------------------------------------------------------------------

TRICKY_NAMES = [
    "bob",
    "robert",
    "rob",
    "bobby",
    "roberta",
    "barb",
    "barbara",
    "cat",
    "catherine",
    "kate",
    "katie",
    "christian",
    "christina",
    "chris",
    "elizabeth",
    "melissa",
    "lisa",
    "liz",
    "beth",
    "sandra",
    "alexander",
    "alexandria",
    "alex",
    "sasha",
    "guenther",
    "gunther",
    "soeren",
    "soren",
    "mueller",
    "muller",
    "aase",
    "ase",
    "michael",
    "manuel",
    "mike",
    "aleksei",
    "alexei",
    "alexey",
    "dmitrii",
    "dmitry",
    "dmitriy",
    "sergey",
    "sergei",
    "maksim",
    "maxim",
    "mohammed",
    "muhammad",
    "mohamed",
    "hannah",
    "susan",
    "sue",
    "jo",
    "j",
    "joseph",
    "josephine",
    "joe",
    "ann",
    "anna",
    "anne",
    "annabel",
    "al",
    "albert",
    "alberto",
    "ed",
    "edward",
    "eddie",
    "edwina",
    "zoe",
    "zoey",
    "jon",
    "john",
    "johnny",
    "jonathan",
    "li",
    "lee",
    "wei",
    "xu",
    "ng",
    "patricia",
    "patrick",
    "pat",
    "trish",
    "sam",
    "samuel",
    "samantha",
    "max",
    "maximilian",
    "yusuf",
    "youssef",
]


def test_names_told_apart_by_their_marks_are_those_no_rule_holds_equivalent():
    names = [*TRICKY_NAMES, *sorted(normalise_names._NICKNAMER.nicknames_of("william"))]
    pairs = list(itertools.product(names, repeat=2))
    equivalent = 0
    for left, right in pairs:
        expected = normalise_names._names_equivalent_in_full(left, right)
        assert normalise_names.names_equivalent.__wrapped__(left, right) == expected, (left, right)
        equivalent += expected
    assert 50 < equivalent < len(pairs) // 4  # nicknames, spellings, prefixes among many unrelated names


def test_names_with_disjoint_marks_are_asked_no_rule(monkeypatch):
    def asked(left, right):
        raise AssertionError(f"{left}/{right} asked rule by rule")

    monkeypatch.setattr(normalise_names, "_names_equivalent_in_full", asked)
    assert not normalise_names.names_equivalent.__wrapped__("mary", "john")
    assert normalise_names.names_equivalent.__wrapped__("barb", "barbara")  # the prefix rule needs no marks
    with pytest.raises(AssertionError):
        normalise_names.names_equivalent.__wrapped__("bob", "robert")


# -- the fit's emails --------------------------------------------------------------------------------------


def test_the_fit_levels_emails_down_a_column_as_each_pair_alone(monkeypatch):
    monkeypatch.setattr(scoring, "LEVELS", LevelMemo())
    scorer = Scorer([dict(comparison) for comparison in DEFAULT_COMPARISONS], 0.01)
    inbound = {"first_name": "jane", "last_name": "doe", "emails": ["jane.doe@acme.com", "jd@gmail.com"]}
    addresses = [
        ["jane.doe@acme.com"],  # shared
        ["jane.doe@acme-group.com"],  # the same distinctive mailbox at another domain
        ["jd@yahoo.com"],  # a short mailbox name elsewhere: not distinctive
        ["info@acme-group.com"],  # a role mailbox
        ["j.doe@acme.com", "jd@gmail.com"],
        ["someone@else.org"],
        [],
        None,
    ]
    candidates = [{"first_name": "jane", "last_name": "doe", "emails": emails} for emails in addresses]
    rows = [scorer.values(candidate) for candidate in candidates]
    levelled = scorer.against(inbound).level_rows(rows)
    assert levelled == [scorer.levels(inbound, candidate) for candidate in candidates]
    emails = scorer.attributes.index("emails")
    assert [levels[emails] for levels in levelled] == [
        0,
        1,
        2,
        -1,
        0,
        2,
        -1,
        -1,
    ]  # a role mailbox is no comparison value


# -- the numbering plans written out -----------------------------------------------------------------------


def test_the_plans_written_out_are_the_installed_metadata_s():
    read = normalise_phones.read_calling_codes_by_length(), normalise_phones.read_other_trunk_prefixes()
    assert phonenumbers.__version__ == phone_plans.PHONENUMBERS_VERSION, (
        f"identity_app/phone_plans.py was written for phonenumbers {phone_plans.PHONENUMBERS_VERSION}; write "
        f"it again for {phonenumbers.__version__}: CALLING_CODES_BY_LENGTH = {read[0]!r}, "
        f"OTHER_TRUNK_PREFIXES = {read[1]!r}"
    )
    assert read == (phone_plans.CALLING_CODES_BY_LENGTH, phone_plans.OTHER_TRUNK_PREFIXES)


@pytest.mark.parametrize(
    "text", ["010-7028-4224", "631 52 28 60", "8 (926) 070-56-43", "06 1 234 5678", "07439 154848"]
)
def test_national_lookups_are_the_same_from_the_metadata_of_another_version(text, monkeypatch):
    written = normalise_phones.national_lookups.__wrapped__(text)
    monkeypatch.setattr(phone_plans, "PHONENUMBERS_VERSION", "another")
    normalise_phones._calling_codes_by_length.cache_clear()
    normalise_phones._other_trunk_prefixes.cache_clear()
    try:
        assert normalise_phones.national_lookups.__wrapped__(text) == written
        assert normalise_phones._calling_codes_by_length() is not phone_plans.CALLING_CODES_BY_LENGTH
    finally:
        normalise_phones._calling_codes_by_length.cache_clear()
        normalise_phones._other_trunk_prefixes.cache_clear()


# -- name frequencies ----------------------------------------------------------------------------------------


def _measure_as_before(rows):
    """`name_frequency.measure`'s counts as one loop over the rows made them."""
    live, counters = 0, [Counter() for _ in range(5)]
    for first_name, last_name, company_name in rows:
        live += 1
        if not all(isinstance(value, str) and value for value in (first_name, last_name, company_name)):
            continue
        for counter, key in zip(
            counters,
            (first_name, last_name, company_name, (company_name, first_name), (company_name, last_name)),
            strict=True,
        ):
            counter[key] += 1
    return live, counters


def test_name_frequencies_counted_a_column_at_a_time_are_those_of_one_loop():
    rng = random.Random(3)
    firsts, lasts = ["ann", "bo", "cy", "", None, 7], ["lee", "ng", "roe", "", None, ["x"]]
    companies = ["acme", "globex", "initech", "", None]
    rows = [(rng.choice(firsts), rng.choice(lasts), rng.choice(companies)) for _ in range(12000)]
    measured = name_frequency.measure(iter(rows))
    live, (first, last, company, first_at, last_at) = _measure_as_before(rows)
    assert (measured.live, measured.first, measured.last, measured.company) == (live, first, last, company)
    records, pairs = sum(company.values()), sum(count * (count - 1) // 2 for count in company.values())
    for overall, at_company, concentration in (
        (first, first_at, measured.first_concentration),
        (last, last_at, measured.last_concentration),
    ):
        random_rate = sum(n * (n - 1) // 2 for n in overall.values()) / (records * (records - 1) // 2)
        colleague_rate = sum(n * (n - 1) // 2 for n in at_company.values()) / pairs
        assert concentration == max(1.0, colleague_rate / random_rate)
    assert name_frequency.measure(iter([])) is None


# -- a key number's type, read once ------------------------------------------------------------------------

NUMBER_TYPES = [
    "+17665550161",  # +1, no region's
    "+12015550123",  # the US: fixed line or mobile
    "+18005550123",  # toll free
    "+447439154848",  # a UK mobile
    "+441132394549",  # a UK fixed line
    "+491712345678",
    "+4930901820",
    "+525512345678",
    "+4580202020",
    "+999123456789",
    "not a number",
    "",
]


def _type_as_before(e164):
    try:
        return phonenumbers.number_type(phonenumbers.parse(e164))
    except phonenumbers.NumberParseException:
        return None


@pytest.mark.parametrize("number", NUMBER_TYPES)
def test_a_number_is_a_mobile_or_may_be_one_as_its_plan_says(number):
    kind = _type_as_before(number)
    assert normalise_phones.is_mobile_number.__wrapped__(number) == (
        kind == phonenumbers.PhoneNumberType.MOBILE
    )
    assert normalise_phones.may_be_mobile_number.__wrapped__(number) == (
        kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
    )


def test_a_key_number_is_parsed_once_for_both_questions(monkeypatch):
    parsed = []
    parse = phonenumbers.parse
    monkeypatch.setattr(phonenumbers, "parse", lambda *args: parsed.append(args) or parse(*args))
    normalise_phones._number_type.cache_clear()
    number = "+12015550199"
    assert not normalise_phones.is_mobile_number.__wrapped__(number)
    assert normalise_phones.may_be_mobile_number.__wrapped__(number)
    assert parsed == [(number,)]
