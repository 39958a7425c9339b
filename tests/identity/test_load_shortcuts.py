"""The mirror load's shortcuts (a batch with one email or one phone field, mailbox names without "fam", untagged
addresses, the text-only check, empty comparison values) give what the long way gives."""

import datetime as dt

import pytest

from identity_app import columns, normalise_emails
from identity_app.attributes import build_profile
from identity_app.locale_words import is_shared_local_part
from identity_app.scoring import DEFAULT_COMPARISONS, Scorer

ADDRESSES = [
    "Jane.Doe+news@Acme.com",
    "jane.doe@acme.com; Jane.Doe@ACME.com",
    "bob+@acme.com",
    "+only@acme.com",
    "a+b+c@x.org",
    "mailto:<Kim@GoogleMail.com>",
    "info@acme.com",
    "familie.schulz@web.de",
    "test@test.com",
    "jane@example.com",
    "jane@mail.example.org",
    "jane@notexample.com",
    "not an address",
    "",
    "Jane.Doe+news@Acme.com",
]


def _one_by_one(rows):
    return [build_profile(row) for row in rows]


def test_a_batch_with_one_email_field_gives_the_profiles_built_record_by_record():
    rows = [{"email": address, "firstname": "Jane"} for address in ADDRESSES]
    assert columns.build_profiles(rows) == _one_by_one(rows)


def test_each_profile_of_a_one_field_batch_holds_its_own_list_of_addresses():
    profiles = columns.build_profiles([{"email": "a@acme.com"}, {"email": "a@acme.com"}])
    assert profiles[0]["emails"] == profiles[1]["emails"]
    assert profiles[0]["emails"] is not profiles[1]["emails"]


def test_a_batch_with_one_phone_field_gives_the_profiles_built_record_by_record():
    numbers = ["(415) 555-0101", "", "not a phone", "+44 20 7946 0958", "(415) 555-0101", "000"]
    rows = [{"phone": number, "country": country} for number in numbers for country in ("", "UK")]
    assert columns.build_profiles(rows) == _one_by_one(rows)


@pytest.mark.parametrize(
    "address, expected",
    [
        ("jane+news@acme.com", "jane@acme.com"),
        ("jane@acme.com", ""),
        ("+news@acme.com", ""),
        ("jane@ac+me.com", ""),
        ("a+b+c@x.org", "a@x.org"),
        ("", ""),
    ],
)
def test_untagged(address, expected):
    assert normalise_emails.untagged(address) == expected


@pytest.mark.parametrize(
    "local, shared",
    [
        ("familie.schulz", True),
        ("costa.family48", True),
        ("schulz-famiglia", True),
        ("famous.jones", False),
        ("jane.doe", False),
        ("einkauf.nord", True),
        ("ap", True),
    ],
)
def test_shared_local_parts(local, shared):
    assert is_shared_local_part(local) is shared


@pytest.mark.parametrize(
    "address, kept",
    [
        ("jane@example.com", False),
        ("jane@mail.example.net", False),
        ("jane@notexample.com", True),
        ("jane@example.com.au", True),
    ],
)
def test_reserved_example_domains_are_no_mailbox(address, kept):
    assert bool(normalise_emails.email(address)) is kept


@pytest.mark.parametrize(
    "rows, text_only",
    [
        ([{"a": "x", "b": ""}, {}], True),
        ([], True),
        ([{"a": "x"}, {"a": 1}], False),
        ([{"a": None}], False),
        ([{"a": type("Text", (str,), {})("x")}], False),
    ],
)
def test_text_only(rows, text_only):
    assert columns._text_only(rows) is text_only


def test_comparison_values_read_empty_as_missing_and_keep_other_false_values():
    scorer = Scorer([dict(comparison) for comparison in DEFAULT_COMPARISONS], 0.01)
    attributes = scorer.attributes
    empty = scorer.values({attribute: "" for attribute in attributes} | {"emails": [], "phones": []})
    assert empty == (None,) * len(attributes)
    born = dt.date(1990, 5, 1)
    values = scorer.values({"first_name": "Ann", "date_of_birth": born, "emails": ["ann@acme.com"]})
    by_attribute = dict(zip(attributes, values, strict=True))
    assert by_attribute["first_name"] == "Ann"
    assert by_attribute["emails"] == ["ann@acme.com"]
    if "date_of_birth" in by_attribute:
        assert by_attribute["date_of_birth"] == born
