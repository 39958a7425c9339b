"""Rules found by the forty-ninth generator (a supplier's HubSpot contacts in Mexico and Colombia against a Kommo
contacts export in Spanish): numbers written before Mexico's and Colombia's ten-digit plans and as WhatsApp
gives them; HubSpot's WhatsApp Phone Number; "hijo" after a son's name; two own mobiles beside a family firm's
line; a mobile kept by a person who moved, written with one of two surnames; Spanish given names written short;
a second surname written as its initial; a whole name that ends with two surnames. None of these tests reads an
outside file."""

import pytest

from identity_app import key_checks, locale_words, normalise_names
from identity_app.attributes import build_profile, recognised_columns
from identity_app.normalise_phones import phone
from identity_app.resolution import same_full_name
from tests.identity.conftest import crm, filler_records


@pytest.mark.parametrize(
    ("written", "region", "today"),
    [
        ("044 55 1234 5678", "MX", "+525512345678"),  # a mobile dialled from a landline, before August 2019
        ("045 33 1234 5678", "MX", "+523312345678"),  # ... long distance
        ("+52 1 81 2345 6789", "MX", "+528123456789"),  # ... from abroad
        ("5215512345678", "US", "+525512345678"),  # as WhatsApp gives a Mexican mobile, wherever it is read
        ("+5215512345678", "MX", "+525512345678"),
        ("01 222 123 4567", "MX", "+522221234567"),  # a long-distance landline
        ("(1) 234 5678", "CO", "+576012345678"),  # Bogotá before September 2021
        ("031 2345678", "CO", "+576012345678"),  # ... dialled from a mobile
        ("+57 4 4445566", "CO", "+576044445566"),  # Medellín from abroad
        ("PBX (4) 444 5566", "CO", "+576044445566"),  # a firm's switchboard as its letterhead writes it
        ("604 444 5566", "CO", "+576044445566"),  # today's writing, unchanged
        ("310 555 1234", "CO", "+573105551234"),  # a Colombian mobile, unchanged
        ("55 1234 5678", "MX", "+525512345678"),  # a Mexican number of today, unchanged
    ],
)
def test_numbers_written_before_the_ten_digit_plans_are_read_as_dialled_today(written, region, today):
    assert phone(written, region) == today


def test_hubspots_whatsapp_phone_number_is_read():
    renames = recognised_columns(["Record ID", "First Name", "Last Name", "WhatsApp Phone Number"])
    assert renames["WhatsApp Phone Number"] == "phones"


def test_hijo_after_a_name_is_a_generation():
    assert locale_words.generation("vazquez herrera hijo") == "junior"
    assert locale_words.generations_differ("vazquez herrera hijo", "vazquez herrera")


FIRM_LINE = "+576067726934"  # a family firm's one landline in Pereira


def _person(first, last, phones, emails=()):
    return {"first_name": first, "last_name": last, "phones": list(phones), "emails": list(emails)}


@pytest.mark.parametrize(
    ("inbound_phones", "inbound_emails", "differ"),
    [
        ([FIRM_LINE, "+573216666608"], [], True),  # the son: the firm's line and his own mobile, no mailbox
        ([FIRM_LINE, "+573216666608"], ["contacto@agropena.com.co"], True),  # the firm's role mailbox
        ([FIRM_LINE, "+573218291868"], [], False),  # the father's own mobile
        ([FIRM_LINE, "+573218291869"], [], False),  # his mobile with one slip
        (["+573216666608"], [], False),  # no line of a place both give
        ([FIRM_LINE, "+576063333333"], [], False),  # another landline of the firm, no mobile
    ],
)
def test_two_own_mobiles_beside_a_firms_line_say_two_people(inbound_phones, inbound_emails, differ):
    """Colombia's mobiles are mobiles by their plan; a Mexican number may be either (see below)."""
    father = _person("jesus", "pena", [FIRM_LINE, "+573218291868"], ["jpena@agropena.com.co"])
    son = _person("jesus", "pena", inbound_phones, inbound_emails)
    shared = [FIRM_LINE] if FIRM_LINE in inbound_phones else []
    assert key_checks.own_contacts_differ(son, father, shared) is differ


def test_a_son_of_his_fathers_name_on_the_family_firms_line_is_not_linked(mirror, resolve):
    """HubSpot holds Jesús Peña, the owner of Agroindustrias Peña, with its line and his mobile. His son of
    the same name writes in on WhatsApp from his own mobile, giving the firm's line: the firm's line is not
    his, and the two mobiles say two people. The father writing from his own mobile still links."""
    mirror(
        crm("father", firstname="Jesús", lastname="Peña", company="Agroindustrias Peña S.A.S.", city="Pereira",
            country="Colombia", phone="(606) 7726934", mobilephone="+57 321 8291868"),
        *filler_records(),
    )  # fmt: skip
    lead = {"first_name": "Jesús", "last_name": "Peña", "company_name": "Agroindustrias Peña", "city": "Pereira",
            "country": "Colombia"}  # fmt: skip
    son, father = resolve(
        {**lead, "external_id": "son", "phone": "606 772 6934", "mobilephone": "573216666608"},
        {**lead, "external_id": "father", "phone": "606 772 6934", "mobilephone": "+57 321 829 1868"},
    )
    assert not son.matched, (son.notes, son.candidates)
    assert (father.outcome, father.crm_id) == ("matched", "father"), (father.notes, father.candidates)


@pytest.mark.parametrize(
    ("inbound_last", "held_last", "country", "same"),
    [
        ("reyes", "reyes restrepo", "CO", True),  # the mother's surname dropped
        ("reyes restrepo", "reyes", "MX", True),
        ("restrepo", "reyes restrepo", "CO", False),  # the surname not kept of two
        ("reyes", "reyes restrepo", "US", False),  # where one surname is a whole surname
        ("reyes", "reyes restrepo", None, False),
    ],
)
def test_a_mobile_kept_after_a_move_links_under_the_first_of_two_surnames(
    inbound_last, held_last, country, same
):
    inbound = {"first_name": "jose angel", "last_name": inbound_last}
    holder = {"first_name": "jose angel", "last_name": held_last, "country": country}
    assert same_full_name(inbound, holder) is same


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Ma. Fernanda", "maria fernanda"),
        ("Mª José", "maria jose"),
        ("MA. GUADALUPE", "maria guadalupe"),
        ("Fdo.", "fernando"),
        ("Fco. Javier", "francisco javier"),
        ("Ma. Gpe. Torres", "maria guadalupe torres"),
        ("Ma Long", "ma long"),  # no dot: a Chinese name
        ("Fdo", "fdo"),
    ],
)
def test_spanish_given_names_written_short_are_read_whole(written, read):
    assert normalise_names.name(written) == read


def test_a_second_surname_written_as_its_initial_is_that_surname():
    assert normalise_names.surname_closeness("vazquez q", "vazquez quintero") >= 0.95
    assert normalise_names.name_closeness("munoz h", "munoz herrera") >= 0.95
    assert normalise_names.name_closeness("vazquez q", "vazquez restrepo") < 0.9
    assert normalise_names.name_closeness("vazquez q", "lopez quintero") < 0.9


@pytest.mark.parametrize(
    ("full_name", "country", "first", "last"),
    [
        ("Ana María Castillo Sánchez", "México", "ana maria", "castillo sanchez"),
        ("José Luis Zúñiga Zapata", "Colombia", "jose luis", "zuniga zapata"),
        ("María del Carmen Mendoza Sánchez", "MX", "maria del carmen", "mendoza sanchez"),
        ("Juan Carlos Ramírez Díaz Jr.", "MX", "juan carlos", "ramirez diaz jr"),
        ("José Luis Zúñiga", "MX", "jose", "luis zuniga"),  # three words: not told apart
        ("José Luis de la Fuente", "MX", "jose", "luis de la fuente"),  # a particle: not told apart
        ("Ana María Castillo Sánchez", "US", "ana", "maria castillo sanchez"),
    ],
)
def test_a_whole_name_in_a_country_of_two_surnames_ends_with_them(full_name, country, first, last):
    profile = build_profile({"full_name": full_name, "country": country})
    assert (profile["first_name"], profile["last_name"]) == (first, last)


def test_a_mexican_mobile_beside_a_firms_line_counts_a_us_second_number_does_not():
    """Mexico's plan gives no type to a number, and a WhatsApp lead's second number is its mobile; in the US,
    whose plan cannot tell either, a second number beside a practice's line is as often its fax."""
    line, own, held = "+524449706307", "+524446477611", "+524442537911"
    father = _person("jesus", "vazquez", [line, held], ["jvazquez@transportesvazquez.com.mx"])
    assert key_checks.own_contacts_differ(_person("jesus", "vazquez", [line, own]), father, [line])
    line, own, held = "+12125550143", "+12125550199", "+19175550123"
    doctor = _person("susan", "miller", [line, held], ["smiller@westsidepeds.com"])
    assert not key_checks.own_contacts_differ(_person("susan", "miller", [line, own]), doctor, [line])


@pytest.mark.parametrize(
    ("first", "last", "held_first", "held_last"),
    [
        (
            "ana",
            "maria castillo sanchez",
            "ana maria",
            "castillo",
        ),  # split at the first space; one surname held
        ("maria", "jose nunez ortiz", "maria", "nunez ortiz"),  # the second given name left out
        ("juan", "pablo gutierrez ortiz", "juan", "gutierrez"),  # both left out
    ],
)
def test_a_name_of_four_words_shares_a_block_with_its_shorter_forms(first, last, held_first, held_last):
    from identity_app import blocking

    assert set(blocking.name_token_keys(first, last)) & set(blocking.name_token_keys(held_first, held_last))


def test_a_whole_name_split_at_its_first_space_finds_the_person_held_with_one_surname(mirror, resolve):
    """Kommo's "Nombre" / "Apellido" of "Ana María Castillo Sánchez" are "Ana" and "María Castillo Sánchez";
    HubSpot holds her as Ana María Castillo. No key, only the name, the firm and the city: she is the record's
    candidate (the review list's first), not missing from it."""
    mirror(
        crm("ana", firstname="Ana María", lastname="Castillo", company="Alimentos Caribe S. de R.L. de C.V.",
            city="Guadalajara", country="Mexico", email="acastillos@alimentoscaribe58.com.mx"),
        *filler_records(),
    )  # fmt: skip
    [result] = resolve(
        {"external_id": "k1", "first_name": "Ana", "last_name": "María Castillo Sánchez",
         "company_name": "Alimentos Caribe S. de R.L. de C.V.", "city": "Guadalajara", "country": "Mexico"},
    )  # fmt: skip
    assert result.candidates and result.candidates[0]["crm_id"] == "ana", (result.notes, result.candidates)
