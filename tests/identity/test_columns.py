"""Column-at-a-time normalisation (`identity_app.columns`) gives exactly what record-by-record does."""

import datetime as dt

import pytest

from identity_app import columns, normalise_text
from identity_app.attributes import EntityKind, build_profile, display_values, merged_attribute_map
from identity_app.blocking import DEFAULT_BLOCKING_RULES, ORGANISATION_BLOCKING_RULES, block_keys, search_keys

PEOPLE = [
    {
        "firstname": "Zoë",
        "lastname": "Ørsted-Müller",
        "email": "Zoe.Orsted+news@GoogleMail.com",
        "phone": "(415) 555-0101",
    },
    {
        "firstname": "Bob",
        "lastname": "O'Brien",
        "email": "info@acme.co.uk",
        "company": "ACME, Inc.",
        "zip": "SW1A 1AA",
    },
    {
        "first_name": "Robert",
        "last_name": "obrien",
        "email": "bob@acme.co.uk; robert@gmail.com",
        "city": "São Paulo",
    },
    {"name": "Dr. Jean-Luc  Picard", "phone": "+33 1 23 45 67 89", "date_of_birth": "14/07/1961"},
    {
        "FirstName": "\uff2a\uff4f\uff48\uff4e",
        "LastName": "Straße",
        "Birthdate": "1980-02-30",
        "MailingPostalCode": "10115",
    },
    {
        "firstname": "li",
        "lastname": "na",
        "dob": "1975-01-05",
        "phone": "not a phone",
        "company": "The Li Group",
    },
    {"firstname": "", "lastname": "", "email": "", "phone": ""},
    {"email": "mailto:<Jane.Doe@Example.COM>", "personal_email": "jane@yahoo.com", "mobilephone": "555 0102"},
    {
        "firstname": "Kate",
        "lastname": "Smith",
        "date_of_birth": "2001-12-31T10:00:00",
        "state": "N.Y.",
        "country": "usa",
    },
    {
        "firstname": "Catherine",
        "lastname": "Smith",
        "date_of_birth": "19800101",
        "associatedcompanyid": "42.0",
    },
    {
        "firstname": "Kate",
        "lastname": "Smith",
        "date_of_birth": "1980-1-5",
        "website": "https://www.kate.example.org/a",
    },
    {
        "Name": "Björk Guðmundsdóttir",
        "Email": "bjork@example.is",
        "loyalty": "GOLD-7",
        "site": "http://shop.example.co.uk",
    },
]
ORGANISATIONS = [
    {
        "Name": "Jackson Robotics Systems, Inc.",
        "Website": "https://www.jacksonrobotics.com/about",
        "Phone": "4155550100",
    },
    {
        "Name": "Jackson Robotics Systems Pty Ltd",
        "Website": "jacksonrobotics.com",
        "BillingCity": "Springfield",
    },
    {"name": "Société Générale S.A.", "email": "contact@socgen.fr", "BillingPostalCode": "75009"},
    {"company": "Northwind Traders GmbH", "email": "sales@gmail.com", "domain": ""},
    {"Name": "", "Website": "not a url"},
]


def _both(rows, **options):
    return [build_profile(row, **options) for row in rows], columns.build_profiles(rows, **options)


@pytest.mark.parametrize(
    "kind, rows", [(EntityKind.PERSON, PEOPLE), (EntityKind.ORGANISATION, ORGANISATIONS)]
)
def test_profiles_are_those_built_record_by_record(kind, rows):
    one_by_one, by_column = _both(rows, kind=kind)
    assert by_column == one_by_one
    assert [list(profile) for profile in by_column] == [list(profile) for profile in one_by_one]


def test_typed_extra_attributes_external_ids_and_region_are_kept():
    options = {
        "attribute_map": merged_attribute_map({"loyalty": ["loyalty"], "shop": ["site"]}),
        "external_id_fields": ["loyalty", "associatedcompanyid"],
        "region": "GB",
        "attribute_types": {"shop": "url"},
    }
    one_by_one, by_column = _both(PEOPLE, **options)
    assert by_column == one_by_one
    assert by_column[-1]["extra"] == {"loyalty": "gold 7", "shop": "example.co.uk"}
    assert by_column[9]["external_ids"] == {"associatedcompanyid": "42.0"}


def test_a_batch_with_values_other_than_text_is_built_record_by_record():
    rows = [
        {"first_name": "Ann", "phone": [{"value": "+14155550100", "primary": True}]},
        {"first_name": "Ann", "external_ids": {"erp": 7}, "date_of_birth": dt.date(1990, 5, 1)},
        {"first_name": "Ann", "company_id": 12.0},
    ]
    one_by_one, by_column = _both(rows, external_id_fields=["erp"])
    assert by_column == one_by_one
    assert by_column[0]["phone"] == "+14155550100"
    assert by_column[1]["external_ids"] == {"erp": "7"}


def test_the_same_value_in_many_records_gives_equal_profiles_each_its_own():
    by_column = columns.build_profiles([{"email": "a@b.com", "firstname": "Ann"}] * 3)
    assert by_column[0] == by_column[2]
    by_column[0]["extra"]["changed"] = True
    by_column[0]["emails"].append("x@y.com")
    assert by_column[1]["extra"] == {} and by_column[1]["emails"] == ["a@b.com"]


@pytest.mark.parametrize(
    "kind, rows, rules",
    [
        (EntityKind.PERSON, PEOPLE, DEFAULT_BLOCKING_RULES),
        (EntityKind.ORGANISATION, ORGANISATIONS, ORGANISATION_BLOCKING_RULES),
        (
            EntityKind.PERSON,
            PEOPLE,
            [
                ["extra.loyalty"],
                ["city", "name_tokens"],
                ["company_tokens", "first_initial"],
                ["first_initial", "last_name", "postcode"],
                ["first_name_forms", "last_name_prefix", "city"],
                ["emails", "last_name"],
            ],
        ),
    ],
)
def test_block_and_search_keys_are_those_of_each_profile(kind, rows, rules):
    profiles = [
        build_profile(row, kind=kind, attribute_map=merged_attribute_map({"loyalty": ["loyalty"]}))
        for row in rows
    ]
    assert columns.block_keys_by_record(profiles, rules) == [block_keys(p, rules) for p in profiles]
    assert columns.block_keys_by_record(profiles, rules, plain_keys=True) == [
        search_keys(p, rules) for p in profiles
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1980-02-03", dt.date(1980, 2, 3)),
        ("1980-02-30", None),  # no such day: no other format reads it either
        ("1980-2-3", dt.date(1980, 2, 3)),  # not the ISO shape: strptime reads it as before
        ("03-02-1980", dt.date(1980, 2, 3)),
        ("١٩٨٠-٠٢-٠٣", None),  # other digits are left to strptime, which does not read them either
        ("2001-12-31T10:00:00", dt.date(2001, 12, 31)),
    ],
)
def test_dates_read_without_strptime_are_the_dates_strptime_reads(text, expected):
    normalise_text.date.cache_clear()
    assert normalise_text.date(text) == expected == _strptime_date(text)


def _strptime_date(text: str):
    """How dates were read before: each format in turn through strptime."""
    text = text[:10] if "T" in text else text
    for fmt in normalise_text._DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


LONG_NAME = "A" * 250


@pytest.mark.parametrize(
    "rows",
    [
        PEOPLE,
        ORGANISATIONS,
        [{"firstname": "", "first_name": "Ann", "email": "", "lastname": LONG_NAME}, {"first_name": "Bo"}],
        [{"first_name": "Ann", "phone": [{"value": "+14155550100"}]}, {"first_name": 7}],
    ],
)
def test_display_values_are_those_of_each_record(rows):
    by_column = columns.display_values_of(rows)
    one_by_one = [display_values(row) for row in rows]
    assert by_column == one_by_one
    assert [list(shown) for shown in by_column] == [list(shown) for shown in one_by_one]


def test_display_values_follow_the_attribute_map():
    attribute_map = merged_attribute_map({"first_name": ["vorname", "firstname"]})
    rows = [{"vorname": "", "firstname": "Ann"}, {"vorname": "Jörg", "firstname": "George"}]
    assert columns.display_values_of(rows, attribute_map) == [display_values(r, attribute_map) for r in rows]
    assert [shown["first_name"] for shown in columns.display_values_of(rows, attribute_map)] == [
        "Ann",
        "Jörg",
    ]
