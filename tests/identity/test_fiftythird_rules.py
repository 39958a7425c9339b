"""Rules found by the fifty-third generator (a supplier's Salesforce Contacts in Hungary against a Hungarian CRM's
contacts export): Hungarian column labels; Hungarian diminutives (Pisti, Laci, Zsuzsa); a whole name read family
name first, "ifj." and "id." before it as the generation; a husband's surname with -né before a woman's own as
both names she is known by, while "Kovács Jánosné" (Mrs János Kovács) stays another person than János Kovács; a
sole trader's firm named after its owner ("Papp Ödön e.v.") names the owner. None of these tests reads an outside
file."""

import pytest

from identity_app import normalise_names
from identity_app.attributes import build_profile, recognised_columns
from tests.identity.conftest import crm, filler_records

HUNGARIAN_CRM_COLUMNS = [
    "Azonosító", "Név", "Vezetéknév", "Keresztnév", "Cégnév", "Adószám", "Beosztás", "E-mail", "Telefon", "Mobil",
    "Irányítószám", "Város", "Cím", "Ország", "Felelős", "Címkék", "Létrehozva",
]  # fmt: skip


def test_a_hungarian_contacts_export_is_read_under_its_hungarian_labels():
    renames = recognised_columns(HUNGARIAN_CRM_COLUMNS, keep=["Azonosító"])
    assert {label: renames.get(label) for label in HUNGARIAN_CRM_COLUMNS[1:]} == {
        "Név": "full_name",
        "Vezetéknév": "last_name",
        "Keresztnév": "first_name",
        "Cégnév": "company_name",
        "Adószám": None,  # the firm's tax number: every colleague's
        "Beosztás": None,
        "E-mail": "Email",
        "Telefon": "phone",
        "Mobil": "mobilephone",
        "Irányítószám": "postcode",
        "Város": "city",
        "Cím": "street",
        "Ország": "country",
        "Felelős": None,
        "Címkék": None,
        "Létrehozva": None,
    }


def test_a_hungarian_invoicing_programs_partner_labels():
    columns = ["E-mail cím", "Telefonszám", "Irányítószám", "Település", "Utónév", "Családnév", "Mobilszám"]
    assert recognised_columns(columns) == {
        "E-mail cím": "email",
        "Telefonszám": "phone",
        "Irányítószám": "postcode",
        "Település": "city",
        "Utónév": "first_name",
        "Családnév": "last_name",
        "Mobilszám": "mobilephone",
    }


@pytest.mark.parametrize(
    ("diminutive", "name"),
    [("pisti", "istvan"), ("jancsi", "janos"), ("laci", "laszlo"), ("feri", "ferenc"), ("zsuzsa", "zsuzsanna"),
     ("erzsi", "erzsebet"), ("kati", "katalin"), ("gyuri", "gyorgy"), ("gabi", "gabor"), ("gabi", "gabriella")],
)  # fmt: skip
def test_hungarian_diminutives_are_their_names(diminutive, name):
    assert normalise_names.names_equivalent(diminutive, name)


def test_gabor_and_gabriella_share_a_diminutive_and_stay_two_names():
    assert not normalise_names.names_equivalent("gabor", "gabriella")


@pytest.mark.parametrize(
    ("written", "first", "last"),
    [
        ("Nagy István", "istvan", "nagy"),
        ("dr. Kovács Péter", "peter", "kovacs"),
        ("ifj. Szabó László", "laszlo", "szabo junior"),
        ("id. Budai Ödön", "odon", "budai senior"),
        ("Kovácsné Tóth Anna", "anna", "kovacs toth"),  # her husband's surname and her own
        ("Torokne Orosz Eszter", "eszter", "torok orosz"),  # typed without accents
        ("Kovács Jánosné", "janosne", "kovacs"),  # Mrs János Kovács: her given name is his with -né
        ("Bene Anna Mária", "anna maria", "bene"),  # a surname in -ne, not a husband's
    ],
)
def test_a_hungarian_whole_name_is_read_family_name_first(written, first, last):
    profile = build_profile({"full_name": written, "country": "Magyarország"})
    assert (profile["first_name"], profile["last_name"]) == (first, last)


def test_a_whole_name_elsewhere_keeps_its_western_order():
    profile = build_profile({"full_name": "Nagy István", "country": "Germany"})
    assert (profile["first_name"], profile["last_name"]) == ("nagy", "istvan")


def test_a_married_womans_ne_surname_typed_into_either_field():
    held = build_profile({"first_name": "Anna", "last_name": "Kovácsné Tóth", "country": "Hungary"})
    swapped = build_profile({"first_name": "Kovácsné Tóth", "last_name": "Anna", "country": "Hungary"})
    assert held["last_name"] == "kovacs toth"
    assert swapped["first_name"] == "kovacs toth"


FIRM = {"company": "Kovács és Fia Kft.", "city": "Debrecen", "country": "Hungary"}


def test_a_married_woman_under_her_husbands_surname_links_on_her_own_mobile(mirror, resolve):
    """Salesforce holds Anna as "Kovácsné Tóth" (Mrs Kovács, born Tóth); she now writes "Kovács Anna" with her
    own mobile: both names are hers."""
    mirror(
        crm("anna", firstname="Anna", lastname="Kovácsné Tóth", mobilephone="06 30 412 7788",
            company="Duna-Csomagoló Kft.", city="Budapest", country="Hungary"),
        *filler_records(),
    )  # fmt: skip
    (anna,) = resolve(
        {"external_id": "anna", "full_name": "Kovács Anna", "mobilephone": "+36 (30) 412-7788",
         "company_name": "Duna-Csomagoló", "city": "Budapest", "country": "Magyarország"},
    )  # fmt: skip
    assert (anna.outcome, anna.crm_id) == ("matched", "anna"), (anna.notes, anna.candidates)


def test_the_elder_written_id_links_on_his_own_mailbox(mirror, resolve):
    """ "id. Kovács János" (the elder) with the address Salesforce holds on János Kovács: his."""
    mirror(
        crm("father", firstname="János", lastname="Kovács", phone="06 52 412 300", mobilephone="06 20 511 2233",
            email="kovacs.janos@kovacsesfia.hu", **FIRM),
        *filler_records(),
    )  # fmt: skip
    (father,) = resolve(
        {"external_id": "father", "full_name": "id. Kovács János", "email": "kovacs.janos@kovacsesfia.hu",
         "company_name": "Kovács és Fia", "city": "Debrecen", "country": "Magyarország"},
    )  # fmt: skip
    assert (father.outcome, father.crm_id) == ("matched", "father"), (father.notes, father.candidates)


def test_the_son_and_the_wife_named_after_the_owner_are_not_linked_on_the_firms_line(mirror, resolve):
    """Salesforce holds János Kovács, the owner, with the family firm's line and his mobile. His son "ifj.
    Kovács János" (his own mobile) and his wife "Kovács Jánosné" (Mrs János Kovács) give the firm's line: neither
    is him. János himself on the line still links."""
    mirror(
        crm("owner", firstname="János", lastname="Kovács", phone="06 52 412 300", mobilephone="06 20 511 2233",
            **FIRM),
        *filler_records(),
    )  # fmt: skip
    lead = {"phone": "+36 52 412 300", "company_name": "Kovács és Fia Kft.", "city": "Debrecen",
            "country": "Magyarország"}  # fmt: skip
    son, wife, owner = resolve(
        {**lead, "external_id": "son", "full_name": "ifj. Kovács János", "mobilephone": "06 30 998 1122"},
        {**lead, "external_id": "wife", "full_name": "Kovács Jánosné", "email": "iroda@kovacsesfia.hu"},
        {**lead, "external_id": "owner", "full_name": "Kovács János"},
    )
    assert not son.matched, (son.notes, son.candidates)
    assert not wife.matched, (wife.notes, wife.candidates)
    assert (owner.outcome, owner.crm_id) == ("matched", "owner"), (owner.notes, owner.candidates)


def test_a_wife_held_named_after_her_husband_links_to_her_not_to_him(mirror, resolve):
    mirror(
        crm("owner", firstname="János", lastname="Kovács", phone="06 52 412 300", mobilephone="06 20 511 2233",
            **FIRM),
        crm("wife", firstname="Jánosné", lastname="Kovács", mobilephone="06 70 301 4455", **FIRM),
        *filler_records(),
    )  # fmt: skip
    (wife,) = resolve(
        {"external_id": "wife", "full_name": "Kovács Jánosné", "mobilephone": "06-70/301-4455",
         "phone": "06 52 412 300", "company_name": "Kovács és Fia", "country": "Magyarország"},
    )  # fmt: skip
    assert (wife.outcome, wife.crm_id) == ("matched", "wife"), (wife.notes, wife.candidates)


def test_a_sole_trader_named_after_its_owner_names_the_owner(mirror, resolve):
    """ "Papp Ödön e.v." is Ödön Papp's sole-trader firm: a row naming "Papp Ödön" at it, with his mobile, is
    him, not the firm."""
    mirror(
        crm("owner", firstname="Ödön", lastname="Papp", company="Papp Ödön e.v.", city="Eger", country="Hungary",
            phone="06 36 414 200", mobilephone="06 30 872 2802"),
        *filler_records(),
    )  # fmt: skip
    (owner,) = resolve(
        {"external_id": "owner", "full_name": "Papp Ödön", "company_name": "Papp Ödön e.v.",
         "mobilephone": "06308722802", "phone": "06 36 414 200", "country": "Magyarország"},
    )  # fmt: skip
    assert (owner.outcome, owner.crm_id) == ("matched", "owner"), (owner.notes, owner.candidates)


def test_kati_is_a_name_of_its_own_and_one_with_katie():
    """Kati (Katalin's, and Katherine's in Finnish and Estonian) is a given name, no longer "Katie" cut short;
    the two stay one name."""
    assert not normalise_names.name_cut_short("kati", "katie")
    assert normalise_names.names_equivalent("kati", "katie")
    assert normalise_names.name_closeness("kati", "katie") >= 0.75
