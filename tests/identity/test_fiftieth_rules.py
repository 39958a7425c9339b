"""Rules found by the fiftieth generator (a software company's Salesforce Contacts in Poland and Czechia against a
Livespace persons export in Polish): Polish and Czech column labels; a family name's man's and woman's forms
(Kowalski/Kowalska, Pokorný/Pokorná, Novák/Nováková) beside two first names are two people; Jan is not short
for Janina, nor Michal for Michaela; Polish and Czech diminutives (Basia, Zbyszek, Honza, Jirka); "Czechy", the
Polish name of Czechia. None of these tests reads an outside file."""

import pytest

from identity_app import locale_words, normalise_names, normalise_places
from identity_app.attributes import build_profile, recognised_columns
from tests.identity.conftest import crm, filler_records

LIVESPACE_COLUMNS = [
    "ID", "Imię", "Nazwisko", "Firma", "NIP", "Stanowisko", "Telefon", "Telefon komórkowy", "E-mail", "Ulica",
    "Kod pocztowy", "Miasto", "Kraj", "Opiekun", "Tagi", "Data utworzenia",
]  # fmt: skip


def test_a_polish_contacts_export_is_read_under_its_polish_labels():
    renames = recognised_columns(LIVESPACE_COLUMNS, keep=["ID"])
    assert {label: renames.get(label) for label in LIVESPACE_COLUMNS[1:]} == {
        "Imię": "first_name",
        "Nazwisko": "last_name",
        "Firma": "company_name",
        "NIP": None,  # the firm's tax number: a company's, shared by every colleague
        "Stanowisko": None,
        "Telefon": "phone",
        "Telefon komórkowy": "mobilephone",
        "E-mail": "Email",
        "Ulica": "street",
        "Kod pocztowy": "postcode",
        "Miasto": "city",
        "Kraj": "country",
        "Opiekun": None,
        "Tagi": None,
        "Data utworzenia": None,
    }


def test_a_czech_contacts_export_is_read_under_its_czech_labels():
    columns = ["Jméno", "Příjmení", "Mobilní telefon", "PSČ", "Město", "Země"]
    assert recognised_columns(columns) == {
        "Jméno": "first_name",
        "Příjmení": "last_name",
        "Mobilní telefon": "mobilephone",
        "PSČ": "postcode",
        "Město": "city",
        "Země": "country",
    }


@pytest.mark.parametrize(
    ("left", "right", "two_sexes"),
    [
        ("kowalski", "kowalska", True),  # Polish -ski/-ska
        ("nowicki", "nowicka", True),
        ("pokorny", "pokorna", True),  # Czech -ý/-á, accents folded
        ("novak", "novakova", True),  # Czech -ová
        ("svoboda", "svobodova", True),  # a vowel dropped before -ová
        ("nemec", "nemcova", True),  # the "e" before the last letter dropped
        ("hajek", "hajkova", True),
        ("ivanov", "ivanova", True),  # Russian in Latin letters
        ("tolstoy", "tolstaya", True),
        ("papadopoulos", "papadopoulou", True),  # Greek
        ("kazlauskas", "kazlauskiene", True),  # Lithuanian: a wife's
        ("nowak", "nowak", False),  # one form for both
        ("kowalski", "kowalczyk", False),  # two families
        ("wojcik", "wojcika", False),  # no such form: a typo, left to the typo rules
        ("smith", "smyth", False),
    ],
)
def test_a_family_names_man_and_woman_forms(left, right, two_sexes):
    assert locale_words.surnames_of_two_sexes(left, right) is two_sexes
    assert locale_words.surnames_of_two_sexes(right, left) is two_sexes


@pytest.mark.parametrize(
    ("first", "second", "two_people"),
    [
        (("michaela", "pokorna"), ("michal", "pokorny"), True),  # a husband and wife
        (("janina", "kowalska"), ("jan", "kowalski"), True),
        (("anna", "kowalska"), ("piotr", "kowalski"), True),
        (("anna", "kowalska nowak"), ("piotr", "kowalski"), True),  # her double-barrelled married name
        (("jana", "novak"), ("jana", "novakova"), False),  # one woman, her surname in the man's form abroad
        (("anna", "nowak"), ("jan", "nowak"), False),  # one form for both: left to the first-name rules
        (("janina", ""), ("jan", "kowalski"), False),  # nothing to tell it by
    ],
)
def test_a_family_names_two_forms_beside_two_first_names_are_two_people(first, second, two_people):
    assert normalise_names.two_sexes_of_one_family(first, second) is two_people


@pytest.mark.parametrize(
    ("man", "woman"), [("michal", "michaela"), ("jan", "janina"), ("michal", "michalina")]
)
def test_a_mans_name_is_not_short_for_its_woman_form(man, woman):
    assert locale_words.gendered_pair(man, woman)
    assert not normalise_names.names_equivalent(man, woman)
    assert normalise_names.name_closeness(man, woman) == 0


def test_a_short_form_that_is_no_other_sexs_name_stays_a_nickname():
    assert normalise_names.names_equivalent("barb", "barbara")
    assert normalise_names.names_equivalent("chris", "christina")


@pytest.mark.parametrize(
    ("diminutive", "name"),
    [
        ("basia", "barbara"),
        ("zbyszek", "zbigniew"),
        ("darek", "dariusz"),
        ("slawek", "slawomir"),
        ("jurek", "jerzy"),
        ("honza", "jan"),  # longer than its name, listed for it alone
        ("jirka", "jiri"),
        ("pepa", "josef"),
        ("katka", "katerina"),
    ],
)
def test_polish_and_czech_diminutives_are_their_names(diminutive, name):
    assert normalise_names.names_equivalent(diminutive, name)
    assert normalise_names.names_equivalent(name, diminutive)


def test_czechy_is_czechia_and_reads_a_czech_number_written_without_its_country_code():
    assert normalise_places.country("Czechy") == "CZ"
    profile = build_profile({"mobilephone": "736 075 615", "country": "Czechy"})
    assert profile["phones"] == ["+420736075615"]


FIRM = {"company": "Nábytek Pokorný a syn a.s.", "city": "Ostrava", "country": "Czech Republic"}


def test_the_owners_wife_on_the_family_firms_line_is_not_linked(mirror, resolve):
    """Salesforce holds Michal Pokorný, the owner, with the firm's line and his mobile. His wife Michaela
    Pokorná writes in with the firm's line and her private mailbox: the same line, a name a letter or two from
    his, and another person. Michal himself on the same line still links."""
    mirror(
        crm("owner", firstname="Michal", lastname="Pokorný", phone="+420 595 280 785",
            mobilephone="+420 735 460 053", email="michal.pokorny@nabytekpokorny.cz", **FIRM),
        *filler_records(),
    )  # fmt: skip
    lead = {
        "company_name": "Nábytek Pokorný a syn a.s.",
        "city": "Ostrava",
        "country": "Czechy",
        "phone": "595280785",
    }
    wife, owner = resolve(
        {**lead, "external_id": "wife", "first_name": "Michaela", "last_name": "Pokorná",
         "email": "mpokorna78@gmail.com"},
        {**lead, "external_id": "owner", "first_name": "Michal", "last_name": "Pokorný"},
    )  # fmt: skip
    assert not wife.matched, (wife.notes, wife.candidates)
    assert (owner.outcome, owner.crm_id) == ("matched", "owner"), (owner.notes, owner.candidates)


def test_an_initial_beside_the_womans_form_of_the_holders_surname_is_not_linked(mirror, resolve):
    """ "M. Pokorná" on the line Salesforce holds for Michal Pokorný: the initial is his, the surname says a
    woman of his family (Michaela, Marie, Markéta), not him."""
    mirror(
        crm("owner", firstname="Michal", lastname="Pokorný", phone="+420 595 280 785",
            mobilephone="+420 735 460 053", **FIRM),
        *filler_records(),
    )  # fmt: skip
    (wife,) = resolve(
        {"external_id": "wife", "first_name": "M.", "last_name": "Pokorná", "phone": "595 280 785",
         "company_name": "Nábytek Pokorný a syn a.s.", "city": "Ostrava", "country": "Czechy"},
    )  # fmt: skip
    assert not wife.matched, (wife.notes, wife.candidates)


def test_a_wife_whose_first_name_begins_with_her_husbands_is_not_linked_on_his_line(mirror, resolve):
    """Jan Szewczyk's family firm: Szewczyk is one surname for both sexes, and Janina begins with Jan."""
    mirror(
        crm("owner", firstname="Jan", lastname="Szewczyk", company="Transport Szewczyk i Synowie Sp. z o. o.",
            city="Wrocław", country="Poland", phone="+48712208696", mobilephone="+48664717975"),
        *filler_records(),
    )  # fmt: skip
    (wife,) = resolve(
        {"external_id": "wife", "first_name": "Janina", "last_name": "Szewczyk", "phone": "+48 (71) 2208696",
         "company_name": "Transport Szewczyk i Synowie", "city": "Wroclaw", "country": "PL",
         "email": "janina.szewczyk93@gmail.com"},
    )  # fmt: skip
    assert not wife.matched, (wife.notes, wife.candidates)
