"""Rules found by `benchmarks/identity_eighth.py` (a Salesforce Contact export against an event's attendee
list, with Icelandic, Arabic, Yoruba, South Indian, Brazilian and Dutch names). None of these tests reads the
generator."""

import pytest

from identity_app import normalise_names
from identity_app.attributes import build_profile
from tests.identity.conftest import crm, filler_records

# -- initials before a surname are the given names ------------------------------------------------------------


@pytest.mark.parametrize(
    ("full_name", "first", "last"),
    [
        ("J.W. de Vries", "j w", "de vries"),
        ("A. M. Smit", "a m", "smit"),
        ("M.E. de Boer", "m e", "de boer"),  # "M." is an initial before another one, not Monsieur
        ("J. R. R. Tolkien", "j r r", "tolkien"),
        ("Jan de Vries", "jan", "de vries"),
        ("J. de Vries", "j", "de vries"),
    ],
)
def test_leading_initials_of_a_full_name_are_the_given_names(full_name, first, last):
    profile = build_profile({"full_name": full_name})
    assert (profile["first_name"], profile["last_name"]) == (first, last)


def test_monsieur_before_a_given_name_is_still_a_title():
    assert normalise_names.name("M. Jean Dupont") == "jean dupont"


def test_dutch_initials_with_the_mobile_link_to_the_person(db, mirror, resolve):
    """ "M.E. de Boer": the "M." was taken for Monsieur and dropped, the first name read as "e", and Maria
    Elisabeth de Boer's mobile went to review as another person's."""
    mirror(
        crm("c1", firstname="Maria Elisabeth", lastname="de Boer", mobilephone="+31612341632"),
        *filler_records(),
    )
    [result] = resolve(
        {"external_id": "e1", "full_name": "M.E. de Boer", "phone": "06 12341632", "country": "Netherlands"}
    )
    assert (result.outcome, result.crm_id) == ("matched", "c1")


# -- local honorifics in a name -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Engr. Femi Eze", "femi eze"),  # Nigeria: engineer
        ("Chief Adebayo Ogunleye", "adebayo ogunleye"),
        ("Alhaji Tunde Bello", "tunde bello"),
        ("Barr. Ngozi Okafor", "ngozi okafor"),
        ("Er. Lakshmi Ramaswamy", "lakshmi ramaswamy"),  # India: engineer, chartered accountant, advocate
        ("CA Sangeetha Rajan", "sangeetha rajan"),
        ("Adv. Priya Nair", "priya nair"),
        ("Drs. Jan Willem Dekker", "jan willem dekker"),  # Netherlands
        ("Ir. Jan Bos", "jan bos"),
        ("Dipl.-Kfm. Uwe Krause", "uwe krause"),
        ("Eng. Khalid Al Ketbi", "khalid al ketbi"),
        ("H.E. Omar Al Shamsi", "omar al shamsi"),
    ],
)
def test_a_local_honorific_is_no_part_of_the_name(written, name):
    assert normalise_names.name(written) == name


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Eng Wei", "eng wei"),  # a surname, not "Eng." before a name of two words
        ("Chief Keef", "chief keef"),
        ("H. E. Smith", "h e smith"),  # initials
    ],
)
def test_a_title_word_that_is_a_name_stays(written, name):
    assert normalise_names.name(written) == name


def test_an_honorific_no_longer_contradicts_the_mobile(db, mirror, resolve):
    """ "Engr. Femi Eze" was read as first name "engr": Femi Eze's mobile was "another person's"."""
    mirror(crm("c1", firstname="Femi", lastname="Eze", mobilephone="+2348021207295"), *filler_records())
    [result] = resolve(
        {"external_id": "e1", "full_name": "Engr. Femi Eze", "phone": "0802 120 7295", "country": "Nigeria"}
    )
    assert (result.outcome, result.crm_id) == ("matched", "c1")


# -- Arabic names in other romanisations ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right"),
    [("muhammad", "mohammed"), ("mohamed", "mohammad"), ("yusuf", "yousef"), ("noura", "nora")],
)
def test_romanisations_of_one_arabic_name_are_one_name(left, right):
    assert normalise_names.names_equivalent(left, right)


@pytest.mark.parametrize(("left", "right"), [("hamad", "hamed"), ("ahmed", "mohammed"), ("omar", "amer")])
def test_two_arabic_names_stay_two(left, right):
    assert not normalise_names.names_equivalent(left, right)


@pytest.mark.parametrize(
    ("left", "right"), [("alsuwaidi", "al suwaidi"), ("el shamsi", "al shamsi"), ("el rashid", "alrashid")]
)
def test_the_arabic_article_written_apart_or_joined_is_one_surname(left, right):
    assert normalise_names.name_match(left, right)[0] == "part"


@pytest.mark.parametrize(("left", "right"), [("al mansouri", "al mazrouei"), ("alvarez", "al varez smith")])
def test_the_article_does_not_make_two_surnames_one(left, right):
    assert normalise_names.name_match(left, right)[0] != "part"


def test_an_arabic_name_in_another_romanisation_links_by_its_mobile(db, mirror, resolve):
    """ "Muhammad al-Hashimi" with Mohammed Al Hashimi's mobile: "another first name" sent it to review."""
    mirror(
        crm("c1", firstname="Mohammed", lastname="Al Hashimi", mobilephone="+971501281890"),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "e1",
            "full_name": "Muhammad al-Hashimi",
            "phone": "050 128 1890",
            "country": "United Arab Emirates",
        }
    )
    assert (result.outcome, result.crm_id) == ("matched", "c1")


def test_a_son_whose_name_chain_carries_his_fathers_name_is_not_linked(db, mirror, resolve):
    """ "Ahmed bin Khalid Al Mansouri" at the family home is Khalid Al Mansouri's son."""
    mirror(
        crm("c1", firstname="Khalid", lastname="Al Mansouri", phone="+97142345678", city="Dubai"),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "e1",
            "full_name": "Ahmed bin Khalid Al Mansouri",
            "phone": "04 234 5678",
            "country": "United Arab Emirates",
            "city": "Dubai",
        }
    )
    assert result.outcome != "matched"


# -- Yoruba short names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "short"),
    [("temitope", "tope"), ("oluwatobi", "tobi"), ("babatunde", "tunde"), ("olusegun", "segun")],
)
def test_a_yoruba_short_name_is_its_names(name, short):
    assert normalise_names.names_equivalent(name, short)


def test_two_oluwa_names_are_two_names():
    assert not normalise_names.names_equivalent("oluwaseun", "oluwaseyi")
    assert not normalise_names.names_equivalent("seun", "seyi")


def test_a_yoruba_short_name_links_by_the_mobile(db, mirror, resolve):
    """ "Tunde Bankole" with Babatunde Bankole's mobile was "another first name" on the number."""
    mirror(
        crm("c1", firstname="Babatunde", lastname="Bankole", mobilephone="+2348021299053"),
        *filler_records(),
    )
    [result] = resolve(
        {"external_id": "e1", "full_name": "Tunde Bankole", "phone": "0802 129 9053", "country": "Nigeria"}
    )
    assert (result.outcome, result.crm_id) == ("matched", "c1")


@pytest.mark.parametrize(
    ("held", "written"),
    [
        ("Oluwaseun", "Oluwaseyi"),
        ("Oluwadamilare", "Oluwadamilola"),
        ("Oluwakemi", "Oluwakayode"),
        ("Olumide", "Olumuyiwa"),
    ],
)
def test_a_sibling_on_the_family_landline_is_not_linked(db, mirror, resolve, held, written):
    mirror(
        crm("c1", firstname=held, lastname="Adeyemi", phone="+23412345678", city="Lagos"),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "e1",
            "full_name": f"{written} Adeyemi",
            "phone": "01 234 5678",
            "country": "Nigeria",
            "city": "Lagos",
        }
    )
    assert result.outcome != "matched"


# -- namesake colleagues born on other days -------------------------------------------------------------------


def test_a_namesake_colleague_born_on_another_day_does_not_hold_the_number_back(db, mirror, resolve):
    """Two Jutta Kochs at one company: the landline of one with her date of birth went to review because the
    number "may be the company's line" and the other Jutta Koch might be the person; she was born on
    another day."""
    company = "Miquelsel GmbH & Co. KG"
    mirror(
        crm(
            "c1",
            firstname="Jutta",
            lastname="Koch",
            company=company,
            phone="+4930121058",
            birthdate="1987-03-20",
        ),
        crm(
            "c2",
            firstname="Jutta",
            lastname="Koch",
            company=company,
            phone="+4930132985",
            birthdate="1974-12-20",
        ),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "e1",
            "full_name": "Jutta Koch",
            "phone": "030 121058",
            "country": "Germany",
            "date_of_birth": "20.03.1987",
        }
    )
    assert (result.outcome, result.crm_id) == ("matched", "c1")


def test_a_namesake_colleague_without_a_date_of_birth_still_holds_it_back(db, mirror, resolve):
    company = "Miquelsel GmbH & Co. KG"
    mirror(
        crm(
            "c1",
            firstname="Jutta",
            lastname="Koch",
            company=company,
            phone="+4930121058",
            birthdate="1987-03-20",
        ),
        crm("c2", firstname="Jutta", lastname="Koch", company=company, phone="+4930132985"),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "e1",
            "full_name": "Jutta Koch",
            "phone": "030 121058",
            "country": "Germany",
            "date_of_birth": "20.03.1987",
        }
    )
    assert result.outcome != "matched"


# -- a wrong link main made on the eighth generator's seed 82 -------------------------------------------------


def test_an_excellency_no_longer_links_a_colleague_on_the_address(db, mirror, resolve):
    """ "H.E. Latifa Al Rashid" on latifa@: read as first name "h", the mailbox's holder Latifa Al Rashid was
    "another person", and a colleague at the same company and address was linked instead."""
    shared = {"company": "Sellovas FZ-LLC", "mailingstreet": "Villa 26, Al Wasl Street", "city": "Dubai"}
    mirror(
        crm("c1", firstname="Latifa", lastname="Al Rashid", email="latifa@sellovas.ae", **shared),
        crm("c2", firstname="Rashid", lastname="Al Hashimi", email="rashid.hashimi38@sellovas.ae", **shared),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "e1",
            "full_name": "H.E. Latifa Al Rashid",
            "email": "latifa@sellovas.ae",
            "company": "Sellovas FZ-LLC",
            "city": "Dubai",
        }
    )
    assert (result.outcome, result.crm_id) == ("matched", "c1")


def test_a_namesake_colleague_with_an_unreadable_date_of_birth_still_holds_it_back(db, mirror, resolve):
    """A date of birth that reads as no date says nothing about another day: the namesake still counts."""
    company = "Miquelsel GmbH & Co. KG"
    mirror(
        crm(
            "c1",
            firstname="Jutta",
            lastname="Koch",
            company=company,
            phone="+4930121058",
            birthdate="1987-03-20",
        ),
        crm("c2", firstname="Jutta", lastname="Koch", company=company, phone="+4930132985", birthdate="n/a"),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "e1",
            "full_name": "Jutta Koch",
            "phone": "030 121058",
            "country": "Germany",
            "date_of_birth": "20.03.1987",
        }
    )
    assert result.outcome != "matched"
