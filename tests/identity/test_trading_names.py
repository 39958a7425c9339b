"""A trading name ("doing business as") on the registered company's own domain, told apart from a subsidiary
on the group's domain: a trading name is the company itself, at its address, on its switchboard, and names
no legal form; a subsidiary is a legal entity of its own."""

import pytest

from identity_app import normalise_companies, normalise_phones, normalise_places, normalise_text
from identity_app.organisations import same_premises, trading_name_at_premises
from tests.identity.conftest import crm

REGISTERED = crm(
    "1",
    name="Ostnix Ltd",
    website="www.ostnix.co.uk",
    phone="+44 121 287 7327",
    city="Glasgow",
    zip="G2 8AB",
    country="United Kingdom",
)
TRADING = {
    "external_id": "e1",
    "name": "Ostnix Dynamics",
    "website": "https://www.ostnix.co.uk",
    "city": "Glasgow",
    "zip": "G2 8AB",
    "country": "United Kingdom",
}


def test_a_trading_name_at_the_companys_address_links_by_its_domain(resolve_companies):
    [result] = resolve_companies([REGISTERED], {**TRADING, "phone": "0121 287 7327"})
    assert (result.outcome, result.crm_id, result.method) == ("matched", "1", "domain")
    assert any("trading name of that company" in note for note in result.notes)
    assert not any("another script" in note for note in result.notes)


def test_and_by_its_switchboard_when_it_gives_no_domain(resolve_companies):
    [result] = resolve_companies([REGISTERED], {**TRADING, "website": "", "phone": "0121 287 7327"})
    assert (result.outcome, result.crm_id, result.method) == ("matched", "1", "phone")


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"city": "Edinburgh", "zip": "EH1 1AA"}, "its own site"),
        ({"zip": "G1 1XQ"}, "another address in the same city"),
        ({"zip": "", "city": "Glasgow"}, "a city alone is no address"),
        ({"phone": "+44 141 496 0000"}, "its own switchboard"),
        ({"name": "Ostnix Dynamics Ltd"}, "a registered name: a legal entity of its own"),
        ({"country": "Ireland"}, "another country"),
        ({"name": "Ostnix Foundation"}, "a body of its own at the company's address"),
        ({"name": "Ostnix Pension Trust"}, "a body of its own at the company's address"),
        ({}, "no phone: a subsidiary at the group's address and on its domain as much as a trading name"),
        ({"holder": "Ostnix Holdings Ltd", "phone": "0121 287 7327"}, "a group's parent: its company"),
        ({"holder": "The Ostnix Group", "phone": "0121 287 7327"}, "a group's parent: its company"),
    ],
)
def test_a_subsidiary_on_the_groups_domain_stays_apart(resolve_companies, change, why):
    change = dict(change)
    registered = crm("1", **{**REGISTERED["values"], "name": change.pop("holder", "Ostnix Ltd")})
    [result] = resolve_companies([registered], {**TRADING, **change})
    assert result.outcome == "key_contradicted", why
    assert any(
        "another organisation" in note or "two companies of one group" in note for note in result.notes
    )  # a holding's name beside its company's says so first (the forty-eighth's rule 4)


def test_a_sister_company_sharing_only_the_first_word_stays_apart(resolve_companies):
    """ "Ostnix Logistics" beside "Ostnix Dynamics": neither name is the other with words added."""
    registered = crm("1", **{**REGISTERED["values"], "name": "Ostnix Logistics Ltd"})
    [result] = resolve_companies([registered], TRADING)
    assert result.outcome == "key_contradicted"


def test_a_record_carrying_the_trading_name_itself_keeps_the_key_held_against_the_holder(resolve_companies):
    """Then the name may be that record's company: the key's record is not linked, and the candidates decide
    on their own evidence as for any contradicted key."""
    other = crm("2", name="Ostnix Dynamics Ltd", city="Glasgow", country="United Kingdom")
    [result] = resolve_companies([REGISTERED, other], TRADING)
    assert result.crm_id != "1"
    assert any("another organisation" in note for note in result.notes)


def _profile(**values):
    return {
        "company_name": normalise_companies.company_name(values.get("name", "")),
        "street": normalise_places.street(values.get("street", "")),
        "city": normalise_text.plain(values.get("city", "")),
        "postcode": normalise_places.postcode(values.get("zip", "")),
        "country": normalise_places.country(values.get("country", "")),
        "phones": [normalise_phones.phone(values["phone"], "GB")] if values.get("phone") else [],
        "email_domain": values.get("domain", ""),
    }


@pytest.mark.parametrize(
    ("inbound", "holder", "same"),
    [
        ({"street": "1 Mill Rd", "city": "Leeds"}, {"street": "1 Mill Road", "city": "Leeds"}, True),
        ({"city": "Leeds", "zip": "LS1 4AP"}, {"city": "leeds", "zip": "LS14AP"}, True),
        ({"city": "Leeds"}, {"city": "Leeds", "zip": "LS1 4AP"}, False),
        (
            {"street": "1 Mill Rd", "city": "Leeds", "zip": "LS1"},
            {"street": "9 Mill Rd", "city": "Leeds"},
            False,
        ),
        (
            {"city": "Leeds", "zip": "LS1", "country": "GB"},
            {"city": "Leeds", "zip": "LS1", "country": "US"},
            False,
        ),
    ],
)
def test_one_address_is_two_of_street_city_and_postcode_and_nothing_against(inbound, holder, same):
    assert same_premises(_profile(**inbound), _profile(**holder)) is same


def test_the_shorter_name_may_be_the_inbound_one():
    """The CRM holds the trading name, the record the registered one."""
    place = {"city": "Leeds", "zip": "LS1 4AP", "domain": "ostnix.co.uk", "phone": "0113 496 0000"}
    assert trading_name_at_premises(
        _profile(name="Ostnix Ltd", **place),
        _profile(name="Ostnix Dynamics", **place),
        ("Ostnix Ltd", "Ostnix Dynamics"),
    )
    assert not trading_name_at_premises(
        _profile(name="Ostnix Ltd", **place),
        _profile(name="Ostnix Dynamics GmbH", **place),
        ("Ostnix Ltd", "Ostnix Dynamics GmbH"),
    )


# -- the name it had, or trades under, written with the name -------------------------------------------


@pytest.mark.parametrize(
    ("written", "name", "other"),
    [
        ("Acme Inc. (formerly Widgets Inc.)", "acme", "widgets"),
        ("Acme (formerly known as Widgets)", "acme", "widgets"),
        ("Acme, formerly Widgets", "acme", "widgets"),
        ("Acme f/k/a Widgets Ltd", "acme", "widgets"),
        ("Acme Inc fka Widgets", "acme", "widgets"),
        ("Acme Limited (Trading as Widgets)", "acme", "widgets"),
        ("Acme Ltd, t/a Widgets", "acme", "widgets"),
        ("Acme (dba Widgets)", "acme", "widgets"),
        ("Acme fka Widgets", "acme fka widgets", ""),  # a bare "fka" after no legal form: perhaps a name
        ("The Formerly Known Band", "formerly known band", ""),
        ("Oracle DBA Services Ltd", "oracle dba services", ""),
        ("(t/a Widgets)", "t a widgets", ""),
    ],
)
def test_the_name_before_a_former_or_trading_name_is_the_companys(written, name, other):
    assert normalise_companies.company_name(written) == name
    assert normalise_companies.company_other_name(written) == other


def test_a_renamed_company_giving_its_former_name_is_found_by_its_old_switchboard(resolve_companies):
    """A new name and a new domain: only the old switchboard and the former name written with the new one."""
    old = crm("1", name="Widgets Inc.", website="widgets.com", phone="+1 206 555 0143", city="Seattle")
    [result] = resolve_companies(
        [old],
        {
            "external_id": "e1",
            "name": "Acme Inc. (formerly Widgets Inc.)",
            "website": "acme.io",
            "phone": "+1 (206) 555-0143",
            "city": "Seattle",
        },
    )
    assert (result.outcome, result.crm_id, result.method) == ("matched", "1", "phone")
    assert any("the name it had or trades under" in note for note in result.notes)


def test_an_account_holding_its_trading_name_is_found_by_its_domain(resolve_companies):
    account = crm("1", name="Brikelpra Logistics Ltd t/a Torrintam Energy", website="torrintam.com")
    [result] = resolve_companies(
        [account], {"external_id": "e1", "name": "Torrintam Energy", "website": "torrintam.com"}
    )
    assert (result.outcome, result.crm_id, result.method) == ("matched", "1", "domain")


def test_a_renamed_company_without_its_former_name_stays_with_a_person(resolve_companies):
    old = crm("1", name="Widgets Inc.", website="widgets.com", phone="+1 206 555 0143", city="Seattle")
    [result] = resolve_companies(
        [old],
        {"external_id": "e1", "name": "Acme Inc.", "website": "acme.io", "phone": "+1 206 555 0143"},
    )
    assert result.outcome == "key_contradicted"


def test_a_former_name_does_not_make_a_groups_domain_abroad_a_key(resolve_companies):
    """The record names the holder as its former name, but it is in another country and the domain is the
    group's generic one: still a group's company abroad, for a person to decide."""
    holder = crm(
        "1", name="Widgets Inc.", website="widgets-group.com", city="Seattle", country="United States"
    )
    [result] = resolve_companies(
        [holder],
        {
            "external_id": "e1",
            "name": "Acme GmbH (formerly Widgets GmbH)",
            "website": "widgets-group.com",
            "city": "Berlin",
            "country": "Germany",
        },
    )
    assert result.outcome == "key_contradicted"
    assert any("several countries" in note for note in result.notes)
