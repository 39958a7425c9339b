import datetime as dt
import socket

import pytest

from identity_app import (
    normalise_companies,
    normalise_emails,
    normalise_names,
    normalise_phones,
    normalise_places,
    normalise_text,
)


@pytest.mark.parametrize(
    "raw",
    ["Jane.Doe@Acme.com", "  jane.doe@ACME.COM ", "mailto:jane.doe@acme.com", "<jane.doe@acme.com>"],
)
def test_email_format_variants_become_one_address(raw):
    assert normalise_emails.email(raw) == "jane.doe@acme.com"


def test_gmail_dots_and_plus_tags_are_ignored_and_googlemail_is_gmail():
    assert normalise_emails.email("Jane.Doe+crm@googlemail.com") == "janedoe@gmail.com"
    assert normalise_emails.email("jane.doe+news@outlook.com") == "jane.doe@outlook.com"


def test_plus_tags_are_kept_for_company_domains_where_they_may_be_other_mailboxes():
    assert normalise_emails.email("ops+eu@acme.com") == "ops+eu@acme.com"


def test_invalid_email_is_dropped():
    assert normalise_emails.email("not an email") == ""
    assert normalise_emails.emails("a@acme.com; not-one, b@acme.com") == ["a@acme.com", "b@acme.com"]


@pytest.mark.parametrize("address", ["info@acme.com", "sales@acme.com", "support@acme.com", "hello@acme.com"])
def test_role_addresses_are_not_keys(address):
    assert normalise_emails.is_role_address(address)
    assert not normalise_emails.is_key_email(address)


def test_free_mail_is_not_company_domain_evidence():
    assert normalise_emails.company_domain(["jane@gmail.com", "info@acme.com"]) == ""
    assert normalise_emails.company_domain(["jane@gmail.com", "jane@mail.acme.co.uk"]) == "acme.co.uk"


@pytest.mark.parametrize(
    "raw", ["(415) 555-0100", "415.555.0100", "+1 415 555 0100", "1-415-555-0100", "+14155550100"]
)
def test_phone_format_variants_become_e164(raw):
    assert normalise_phones.phone(raw, "US") == "+14155550100"


def test_phone_uses_the_region_for_national_numbers():
    assert normalise_phones.phone("030 1234567", "DE") == "+49301234567"
    assert normalise_phones.phone("12", "US") == ""


def test_registrable_domain_uses_the_bundled_suffix_list_without_network(monkeypatch):
    normalise_emails.registrable_domain.cache_clear()

    def no_network(*args, **kwargs):
        raise AssertionError("tldextract tried the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    assert normalise_emails.registrable_domain("eu.mail.acme.co.uk") == "acme.co.uk"
    assert normalise_emails.registrable_domain("shop.example.com.au") == "example.com.au"
    assert normalise_text.DOMAIN_EXTRACTOR.suffix_list_urls == ()


def test_names_lose_case_accents_punctuation_and_titles():
    assert normalise_names.name("  Dr. José  O'Brien-Núñez ") == "jose obrien nunez"


@pytest.mark.parametrize("raw", ["Acme, Inc.", "ACME GmbH", "The Acme Ltd", "acme llc", "Acme B.V."])
def test_company_legal_suffixes_are_removed(raw):
    assert normalise_companies.company_name(raw) == "acme"


def test_company_name_keeps_a_lone_word_that_looks_like_a_suffix():
    assert normalise_companies.company_name("Group") == "group"


def test_dates_countries_and_postcodes():
    assert normalise_text.date("1980-02-03").isoformat() == "1980-02-03"
    assert normalise_text.date("03.02.1980").isoformat() == "1980-02-03"
    assert normalise_text.date("nonsense") is None
    assert normalise_places.country("United States") == "US"
    assert normalise_places.postcode("sw1a 1aa") == "SW1A1AA"


def test_cached_normalisers_give_what_the_uncached_ones_give():
    normalise_names.name.cache_clear()
    for value in ("  Dr. José  O'Neil ", "1", 1, 1.0, True, None, ""):
        first, again = normalise_names.name(value), normalise_names.name(value)
        assert first == again
    assert normalise_names.name("1") == normalise_names.name(1) == "1"
    assert normalise_names.name(1.0) == "1 0"  # a float is not the text "1": only texts share cache entries
    assert normalise_names.name("  Dr. José  O'Neil ") == "jose oneil"
    assert normalise_names.name.cache_info().hits >= 2


def test_cached_dates_and_postcodes_ignore_non_text_cache_entries():
    assert normalise_text.date("2020-01-02") == dt.date(2020, 1, 2)
    assert normalise_text.date(dt.date(2021, 3, 4)) == dt.date(2021, 3, 4)
    assert normalise_text.date(None) is None
    assert normalise_places.postcode("94 107") == normalise_places.postcode(94107) == "94107"
    assert normalise_places.postcode(None) == ""


def test_remembered_role_answers_never_mix_addresses_up():
    addresses = ["info@acme.com", "ann@acme.com", "familie.schulz@web.de", "ann.info@acme.com", "sales@x.io"]
    fresh = [normalise_emails._role_address(address) for address in addresses]
    assert fresh == [True, False, True, False, True]
    for _ in range(2):  # asked again: the same answers, each for its own address
        assert [normalise_emails.is_role_address(address) for address in addresses] == fresh
    assert [normalise_emails.is_key_email(address) for address in ["", *addresses]] == [
        False,
        *(not r for r in fresh),
    ]
