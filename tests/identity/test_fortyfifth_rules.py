# ruff: noqa: RUF001 (Greek letters are the point of the Greek legal form)
"""Rules found by the forty-fifth generator (an asset manager's Salesforce Accounts against GLEIF's LEI register,
the golden copy's `lei2` CSV): the register's columns are read (the legal name, the headquarters address, the
other and transliterated names), the LEI is checked and is a key of its own (two LEIs are two entities), a
fitted organisation model is judged on the pairs its vetoes let link, an umbrella's sub-funds are told apart,
an office label without brackets ("... Amsterdam Branch") is read, a name in another script is compared by its
Latin one, and a city's district number, an umlaut written "ue" and a postcode's country letters are read. None
of these tests reads an outside file."""

from collections import Counter

import pytest

from identity_app import (
    attributes,
    em,
    legal_forms,
    normalise_companies,
    normalise_places,
    organisations,
    scoring,
    training,
)
from identity_app.models import EntityKind, KeyName, defaults_for_kind
from identity_app.resolution import Rules
from tests.identity.conftest import crm

LEI = "5493001KJTIIGC8Y1R12"  # check digits valid
OTHER_LEI = "529900T8BM49AURSDO55"
GLEIF_ROW = {
    "LEI": LEI,
    "Entity.LegalName": "セリラアセットマネジメント株式会社",
    "Entity.LegalName.xmllang": "ja",
    "Entity.OtherEntityNames.OtherEntityName.1": "SERIRA ASSET MANAGEMENT CO., LTD.",
    "Entity.OtherEntityNames.OtherEntityName.1.xmllang": "en",
    "Entity.OtherEntityNames.OtherEntityName.1.type": "ALTERNATIVE_LANGUAGE_LEGAL_NAME",
    "Entity.TransliteratedOtherEntityNames.TransliteratedOtherEntityName.1": "Serira Asetto Manejimento KK",
    "Entity.TransliteratedOtherEntityNames.TransliteratedOtherEntityName.1.type": (
        "AUTO_ASCII_TRANSLITERATED_LEGAL_NAME"
    ),
    "Entity.LegalAddress.FirstAddressLine": "1209 ORANGE STREET",
    "Entity.LegalAddress.City": "WILMINGTON",
    "Entity.LegalAddress.Region": "US-DE",
    "Entity.LegalAddress.Country": "US",
    "Entity.LegalAddress.PostalCode": "19801",
    "Entity.HeadquartersAddress.FirstAddressLine": "3-6-5 MARUNOUCHI",
    "Entity.HeadquartersAddress.City": "TOKYO",
    "Entity.HeadquartersAddress.Region": "JP-13",
    "Entity.HeadquartersAddress.Country": "JP",
    "Entity.HeadquartersAddress.PostalCode": "100-0003",
    "Entity.EntityCategory": "GENERAL",
    "Registration.RegistrationStatus": "ISSUED",
}


def _gleif_profile(row: dict) -> dict:
    renames = attributes.recognised_columns(list(row), keep=("LEI",))
    return attributes.build_profile({renames.get(k, k): v for k, v in row.items()}, kind="organisation")


def test_the_registers_legal_name_and_headquarters_address_are_read():
    renames = attributes.recognised_columns(list(GLEIF_ROW), keep=("LEI",))
    assert renames == {
        "Entity.LegalName": "company_name",
        "Entity.HeadquartersAddress.FirstAddressLine": "street",
        "Entity.HeadquartersAddress.City": "city",
        "Entity.HeadquartersAddress.Country": "country",
        "Entity.HeadquartersAddress.PostalCode": "postcode",
    }  # the legal address (a registered agent's, a branch's head office) stays unread


def test_a_name_in_another_script_is_compared_by_the_registers_latin_name():
    profile = _gleif_profile(GLEIF_ROW)
    assert profile["company_name"] == "serira asset management"
    assert profile["extra"]["other_names"][0] == normalise_companies.company_name(
        GLEIF_ROW["Entity.LegalName"]
    )
    assert "serira asetto manejimento" in profile["extra"]["other_names"]
    assert (profile["street"], profile["city"], profile["country"]) == ("3 6 5 marunouchi", "tokyo", "JP")
    assert profile["extra"]["lei"] == LEI


def test_a_name_in_latin_letters_keeps_its_place_before_its_other_names():
    profile = _gleif_profile(
        {
            **GLEIF_ROW,
            "Entity.LegalName": "Velmora Capital AG",
            "Entity.OtherEntityNames.OtherEntityName.1": "",
        }
    )
    assert profile["company_name"] == "velmora capital"


@pytest.mark.parametrize(
    ("written", "code"),
    [
        (LEI, LEI),
        (LEI.lower(), LEI),
        ("5493 001K JTII GC8Y 1R12", LEI),  # pasted in groups of four
        ("5493001KJTIIGC8Y1R13", ""),  # a slipped check digit
        ("5493001KJTIGIC8Y1R12", ""),  # two neighbours swapped
        ("5493001KJTIIGC8Y1R1", ""),  # nineteen characters
        ("12345678", ""),
    ],
)
def test_an_lei_is_read_only_when_its_check_digits_hold(written, code):
    assert normalise_companies.lei(written) == code


def test_a_crms_lei_field_and_the_registers_id_column_are_read_as_the_lei():
    account = attributes.build_profile(
        {"Name": "Velmora Capital", "LEI__c": LEI.lower()}, kind="organisation"
    )
    assert account["extra"]["lei"] == LEI
    assert attributes.company_number_column(["LEI"]) == "LEI"
    assert attributes.company_number_column(["Legal Entity Identifier"]) == "Legal Entity Identifier"


def test_two_leis_are_two_entities():
    ours, theirs = {"extra": {"lei": LEI}}, {"extra": {"lei": OTHER_LEI}}
    assert organisations.other_leis(ours, theirs) == (LEI, OTHER_LEI)
    assert organisations.other_leis(ours, {"extra": {"lei": LEI}}) == ()
    assert organisations.other_leis(ours, {"extra": {}}) == ()
    assert KeyName.LEI in defaults_for_kind(EntityKind.ORGANISATION)["key_precedence"]
    assert KeyName.LEI in training.KEY_METHODS  # its pairs seed the fit's m as an email's do


def _account(crm_id, name, street, postcode, city, country, **fields):
    return crm(crm_id, name=name, street=street, postcode=postcode, city=city, country=country, **fields)


def _fillers():
    words = [
        "Vorbel",
        "Gantrix",
        "Moulard",
        "Cherbin",
        "Dastrac",
        "Prelun",
        "Tournel",
        "Lomvar",
        "Sabrel",
        "Quinval",
    ]
    return [
        _account(f"f{n}", f"{words[n % 10]} {words[n // 10]} Partners", f"{n + 2} Bank Street", "EC2V 7HN", "London",
                 "United Kingdom")
        for n in range(30)
    ]  # fmt: skip


def test_the_lei_links_an_account_under_its_former_name(resolve_companies):
    [renamed] = resolve_companies(
        [_account("a1", "Duvar Insurance AG", "Maximilianstraße 90", "40213", "Düsseldorf", "Germany",
                  LEI__c=LEI), *_fillers()],
        {"external_id": LEI, "name": "KETRI CAPITAL AG", "street": "MAXIMILIANSTRASSE 90", "postcode": "40213",
         "city": "DÜSSELDORF", "country": "DE", "LEI": LEI},
    )  # fmt: skip
    assert (renamed.outcome, renamed.crm_id) == ("matched", "a1")


def test_an_entity_of_the_accounts_name_and_address_with_another_lei_is_not_linked(resolve_companies):
    """A bank's branch carries its head office's name, and the register may give it the head office's address;
    it has an LEI of its own. The Account holding the head office's LEI is not the branch's."""
    branch, head = resolve_companies(
        [_account("h1", "Gobebuon Bank S.A.", "Ballindamm 210", "60319", "Frankfurt am Main", "Germany",
                  LEI__c=OTHER_LEI), *_fillers()],
        {"external_id": LEI, "name": "GOBEBUON BANK S.A.", "street": "BALLINDAMM 210", "postcode": "60319",
         "city": "FRANKFURT AM MAIN", "country": "DE", "LEI": LEI},
        {"external_id": OTHER_LEI, "name": "GOBEBUON BANK S.A.", "street": "BALLINDAMM 210", "postcode": "60319",
         "city": "FRANKFURT AM MAIN", "country": "DE", "LEI": OTHER_LEI},
    )  # fmt: skip
    assert branch.outcome != "matched"
    assert (head.outcome, head.crm_id) == ("matched", "h1")


@pytest.mark.parametrize(
    ("register", "account", "word"),
    [
        (
            "COUCO INVESTMENT FUNDS - EUROPEAN EQUITY FUND",
            "Couco Investment Funds - US Equity Fund",
            "european",
        ),
        (
            "Duzous Investment Funds - Euro Bond Fund",
            "Duzous Investment Funds - Euro Government Bond",
            "government",
        ),
        (
            "Nounaion Global Funds plc - Asian Equity Fund",
            "Nounaion Global Funds plc - Global Equity Fund",
            "asian",
        ),
        ("Bopeon Funds ICAV", "Bopeon Funds ICAV - Global Equity Fund", "equity"),  # the umbrella itself
        (
            "Nounaion Global Funds plc - Asian Equity Fund",
            "Nounaion Asian Equity Fund",
            "",
        ),  # umbrella left out
        ("ZEVAEX FUNDS SICAV - EMERGING MARKETS DEBT FUND", "Zevaex Funds SICAV - Emerging Markets Debt", ""),
        ("Cobrai Bank N.V. - Düsseldorf", "Cobrai Bank N.V.", ""),  # no fund: an office's label
    ],
)
def test_an_umbrellas_sub_funds_are_told_apart(register, account, word):
    assert organisations.other_sub_fund(register, account) == word


def test_another_sub_fund_of_the_umbrella_at_its_address_is_not_linked(resolve_companies):
    address = {"street": "46A, Avenue John F. Kennedy", "postcode": "1855", "city": "Luxembourg"}
    other, own = resolve_companies(
        [_account("s1", "Couco Investment Funds - US Equity Fund", **address, country="Luxembourg"),
         _account("s2", "Couco Investment Funds - Euro Bond Fund", **address, country="Luxembourg"), *_fillers()],
        {"external_id": "x1", "name": "COUCO INVESTMENT FUNDS - ASIAN EQUITY FUND", **address, "country": "LU"},
        {"external_id": "x2", "name": "COUCO INVESTMENT FUNDS - EURO BOND FUND", **address, "country": "LU"},
    )  # fmt: skip
    assert other.outcome != "matched"
    assert (own.outcome, own.crm_id) == ("matched", "s2")


COMPANY = dict(scoring.ORGANISATION_COMPARISONS[0])


def test_a_name_with_a_word_put_in_place_of_anothers_is_at_the_different_level():
    left, right = (
        "zevaex funds sicav emerging markets debt fund",
        "stanel funds sicav emerging markets debt fund",
    )
    different = len(COMPANY["thresholds"]) + 1
    assert scoring.level_of(COMPANY, left, right) == different
    assert (
        scoring.level_of({**COMPANY, "substitution": False}, left, right) < different
    )  # as people's employers
    known: dict = {}
    scoring._remember_companies(known, COMPANY["thresholds"], left, [right, left], COMPANY)
    assert known == {right: different, left: 0}


def test_an_organisation_models_check_leaves_out_the_pairs_its_vetoes_stop():
    """Funds of two umbrellas at one administrator's address: the model calls them a match on the address, but
    the name's veto never lets them link; they do not make its match class 'same address'."""
    rules = Rules(
        "registry", entity_kind=EntityKind.ORGANISATION, **defaults_for_kind(EntityKind.ORGANISATION)
    )
    vetoed = training.vetoed_levels(rules)
    attributes_ = [c["attribute"] for c in rules.comparisons]
    name, city = attributes_.index("company_name"), attributes_.index("city")
    assert vetoed == {(name, 3), (city, 2)}
    assert training.vetoed_levels(Rules("registry")) == frozenset()  # people: none
    levels = [len(scoring.comparison_levels(c)) for c in rules.comparisons]
    m = [[0.9, *([0.1 / (n - 1)] * (n - 1))] for n in levels]
    u = [[0.001, *([0.999 / (n - 1)] * (n - 1))] for n in levels]
    agree = tuple(0 for _ in levels)
    other_name = tuple(3 if i == name else 0 for i in range(len(levels)))
    patterns = Counter({agree: 10, other_name: 50})
    assert em.separation(patterns, m, u, 0.01, 10).matches_per_record == 6.0
    assert em.separation(patterns, m, u, 0.01, 10, vetoed=vetoed).matches_per_record == 1.0


@pytest.mark.parametrize(
    ("written", "city", "name"),
    [
        ("Stutrabata Bank Amsterdam Branch", "amsterdam", "Stutrabata Bank"),
        ("Velmora Bank AG London Branch", "london", "Velmora Bank AG"),
        ("Gobebuon Bank S.A. - Frankfurt", "frankfurt am main", "Gobebuon Bank S.A."),  # the city shortened
        ("Velmora Bank Amsterdam Branch", "london", ""),  # another city's office
        ("Acme Berlin GmbH", "berlin", ""),  # a city in a registered name
        ("Bank of London Branch", "london", ""),
    ],
)
def test_an_office_label_after_the_name(written, city, name):
    assert organisations.office_name(written, city) == name


def test_the_greek_legal_form_written_out():
    assert normalise_companies.company_name("ΝΕΝΑΜΙ ΑΝΩΝΥΜΗ ΕΤΑΙΡΕΙΑ") == normalise_companies.company_name(
        "ΝΕΝΑΜΙ Α.Ε."
    )
    assert legal_forms.split(["nenami", "anonymi", "etaireia"])[0] == ["nenami"]


@pytest.mark.parametrize(
    ("written", "register"),
    [("Muenchen", "MÜNCHEN"), ("Duesseldorf", "Düsseldorf"), ("Dublin 2", "DUBLIN"), ("Paris 9", "PARIS")],
)
def test_a_city_written_otherwise_is_the_city(written, register):
    assert normalise_places.city(written) == normalise_places.city(register)


def test_a_postcode_after_its_countrys_letters():
    assert normalise_places.postcode("L-1855") == normalise_places.postcode("1855") == "1855"
    assert normalise_places.postcode("CH-8001") == "8001"
    assert normalise_places.postcode("D02 R296") == "D02R296"  # an Eircode keeps its letters
