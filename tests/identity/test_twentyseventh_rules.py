"""Rules found by the twenty-seventh generator (an online fundraising platform's donations export against a
Salesforce NPSP contacts export): donors give as couples and families, in someone's memory, anonymously, as a
father or a son of one name, under a married name, and the CRM keeps households, suffixes and deaths."""

import pytest

from identity_app import attributes, columns, key_checks, normalise_names
from tests.identity.conftest import crm, filler_records


@pytest.mark.parametrize(
    ("label", "attribute"),
    [
        ("Donor First Name", "first_name"),
        ("Donor Last Name", "last_name"),
        ("Donor Email", "emails"),
        ("Donor Phone", "phone"),
        ("Supporter Email", "emails"),
        ("Constituent Email", "emails"),
        ("Billing Address 1", "street"),
        ("npe01__HomeEmail__c", "emails"),
        ("npe01__WorkEmail__c", "emails"),
        ("npe01__AlternateEmail__c", "emails"),
        ("npe01__WorkPhone__c", "phone"),
    ],
)
def test_a_donations_export_and_npsp_fields_are_read(label, attribute):
    field = attributes.field_for_column(label)
    assert field in attributes.DEFAULT_ATTRIBUTE_MAP[attribute]


def test_npsp_picklists_are_not_read_as_addresses_or_numbers():
    assert attributes.field_for_column("npe01__PreferredPhone__c") == ""
    assert attributes.field_for_column("npe01__Preferred_Email__c") == ""
    assert attributes.field_for_column("Suffix") in attributes.NAME_SUFFIX_FIELDS
    assert attributes.field_for_column("npsp__Deceased__c") in attributes.DECEASED_FLAGS


def both_profiles(row: dict) -> list[dict]:
    return [attributes.build_profile(row), columns.build_profiles([row])[0]]


@pytest.mark.parametrize("account", ["Smith Household", "The Smith Family", "Household of John Smith"])
def test_a_household_account_is_no_employer(account):
    for profile in both_profiles({"firstname": "John", "lastname": "Smith", "company": account}):
        assert profile["company_name"] == ""
    for profile in both_profiles({"firstname": "John", "lastname": "Smith", "company": "Family Dental Care"}):
        assert profile["company_name"]


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("In memory of Jane", "Doe"),
        ("In Honor Of", "Jane Doe"),
        ("In loving memory of", "Jane Doe"),
        ("IMO Jane", "Doe"),
        ("Anonymous", ""),
        ("Anonymous", "Donor"),
        ("Anon", ""),
    ],
)
def test_a_dedication_or_an_anonymous_placeholder_names_nobody(first, last):
    for profile in both_profiles({"firstname": first, "lastname": last, "email": "gwen@example.org"}):
        assert (profile["first_name"], profile["last_name"]) == ("", "")


@pytest.mark.parametrize(("first", "last"), [("Imo", "Smith"), ("Anna", "Nonymous"), ("Anne", "Memory")])
def test_names_like_a_dedication_are_still_names(first, last):
    assert attributes.build_profile({"firstname": first, "lastname": last})["last_name"]


@pytest.mark.parametrize(("suffix", "last"), [("Jr.", "smith jr"), ("III", "smith iii"), ("MD", "smith")])
def test_a_generation_in_the_suffix_field_is_the_surnames(suffix, last):
    for profile in both_profiles({"firstname": "John", "lastname": "Smith", "Suffix": suffix}):
        assert profile["last_name"] == last
    # written into the surname already: not twice
    assert attributes.build_profile({"lastname": "Smith Jr.", "Suffix": "Jr."})["last_name"] == "smith jr"


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("John & Mary", "Smith"),
        ("Gwen and Alistair", "Jarvis"),
        ("Mr and Mrs J", "Smith"),
        ("Rosemary", "& Francis Emerson"),
        ("The", "Smith Family"),
        ("", "The Smiths"),
        ("Dr. & Mrs.", "Palmer"),
    ],
)
def test_a_couples_or_a_familys_name_is_two_people(first, last):
    for profile in both_profiles({"firstname": first, "lastname": last}):
        assert profile["extra"].get(attributes.NAMES_TWO_PEOPLE)


@pytest.mark.parametrize(
    "name", ["Orwell & Pike LLP", "Smith and Sons", "Ernst & Young", "Anderson Smith", "Mary-Ann Jones"]
)
def test_a_firms_or_one_persons_name_is_not_two_people(name):
    assert not attributes.build_profile({"name": name})["extra"].get(attributes.NAMES_TWO_PEOPLE)


@pytest.mark.parametrize(
    "flag", [{"npsp__Deceased__c": "true"}, {"deceased": "Yes"}, {"deceased_date": "2025-03-01"}]
)
def test_a_death_the_crm_records_is_kept(flag):
    for profile in both_profiles({"firstname": "John", "lastname": "Smith", **flag}):
        assert profile["extra"].get(attributes.DECEASED)
    assert not attributes.build_profile({"lastname": "Smith", "npsp__Deceased__c": "false"})["extra"]


@pytest.mark.parametrize(("short", "full"), [("rosie", "rosemary"), ("nell", "eleanor")])
def test_more_english_diminutives(short, full):
    assert normalise_names.name_closeness(short, full) >= 0.9


def test_a_personal_mailbox_at_the_holders_home_is_a_changed_surname_not_a_successor():
    holder = {
        "first_name": "alexandra",
        "last_name": "aldridge",
        "street": "34 station rd",
        "postcode": "EH57WW",
    }
    inbound = {**holder, "last_name": "chandler"}
    assert key_checks.personal_mailbox_at_home(inbound, holder, "alexandra819@btinternet.com")
    assert not key_checks.personal_mailbox_at_home(inbound, holder, "alexandra@aldridge-law.co.uk")
    assert not key_checks.personal_mailbox_at_home(
        {**inbound, "street": "9 mill ln"}, holder, "alexandra819@btinternet.com"
    )
    us = {**holder, "postcode": "602007758"}
    assert key_checks.personal_mailbox_at_home(
        {**inbound, "postcode": "60200"}, us, "alexandra819@btinternet.com"
    )


@pytest.fixture
def donors(mirror):
    home = {"street": "4184 Maple Ave", "city": "Boston", "zip": "02118"}
    mirror(
        crm(
            "j1",
            firstname="John",
            lastname="Smith",
            email="john.smith@gmail.com",
            HomePhone="(617) 555-0142",
            **home,
        ),
        crm(
            "m1",
            firstname="Mary",
            lastname="Smith",
            email="marysmith@yahoo.com",
            HomePhone="(617) 555-0142",
            **home,
        ),
        crm(
            "h1",
            firstname="Henry",
            lastname="Porter",
            Suffix="Sr.",
            email="henry.porter@icloud.com",
            HomePhone="(312) 555-0177",
            street="45 Church Lane",
            city="Chicago",
            zip="60614",
        ),
        crm(
            "h2",
            firstname="Henry",
            lastname="Porter",
            Suffix="Jr.",
            email="hporter.jr@gmail.com",
            HomePhone="(312) 555-0177",
            street="45 Church Lane",
            city="Chicago",
            zip="60614",
        ),
        crm(
            "l1",
            firstname="Leonard",
            lastname="Townsend",
            email="leonard.t@hotmail.com",
            npsp__Deceased__c="true",
            HomePhone="(720) 555-0136",
            street="6436 Chestnut St",
            city="Denver",
            zip="80203",
        ),
        crm(
            "k1",
            firstname="Kimberly",
            lastname="Townsend",
            email="townsendk8@gmail.com",
            HomePhone="(720) 555-0136",
            street="6436 Chestnut St",
            city="Denver",
            zip="80203",
        ),
        crm(
            "a1",
            firstname="Alexandra",
            lastname="Aldridge",
            email="alexandra819@btinternet.com",
            street="34 Station Road",
            city="Edinburgh",
            zip="EH5 7WW",
            country="United Kingdom",
        ),
        crm("g1", firstname="Gwen", lastname="Whitfield", email="gwhitfield54@comcast.net"),
        *filler_records(),
    )


def test_the_one_spouse_on_her_own_mailbox_is_linked(donors, resolve):
    [result] = resolve(
        {"external_id": "d1", "first_name": "Mary", "last_name": "Smith", "email": "marysmith@yahoo.com"}
    )
    assert (result.outcome, result.crm_id) == ("matched", "m1")


@pytest.mark.parametrize(
    ("first", "last"), [("Mary & John", "Smith"), ("Mr and Mrs J", "Smith"), ("The", "Smith Family")]
)
def test_a_couples_gift_on_one_spouses_mailbox_is_not_linked_to_her(donors, resolve, first, last):
    [result] = resolve(
        {"external_id": "d2", "first_name": first, "last_name": last, "email": "marysmith@yahoo.com"}
    )
    assert not result.matched
    assert "m1" in [candidate["crm_id"] for candidate in result.candidates]


def test_a_new_gift_in_a_deceased_contacts_name_is_not_linked_to_him(donors, resolve):
    [result] = resolve(
        {
            "external_id": "d3",
            "first_name": "Leonard",
            "last_name": "Townsend",
            "email": "leonard.t@hotmail.com",
        }
    )
    assert not result.matched
    assert "l1" in [candidate["crm_id"] for candidate in result.candidates]
    [alive] = resolve(
        {
            "external_id": "d4",
            "first_name": "Kimberly",
            "last_name": "Townsend",
            "email": "townsendk8@gmail.com",
        }
    )
    assert (alive.outcome, alive.crm_id) == ("matched", "k1")


def test_the_son_on_his_fathers_mailbox_is_not_the_father_the_crm_marks_sr(donors, resolve):
    [result] = resolve(
        {
            "external_id": "d5",
            "first_name": "Henry",
            "last_name": "Porter Jr.",
            "email": "henry.porter@icloud.com",
        }
    )
    assert result.crm_id != "h1"
    [father] = resolve(
        {
            "external_id": "d6",
            "first_name": "Henry",
            "last_name": "Porter",
            "email": "henry.porter@icloud.com",
        }
    )
    assert (father.outcome, father.crm_id) == ("matched", "h1")


def test_a_married_name_on_a_personal_mailbox_at_the_same_home_is_linked(donors, resolve):
    row = {
        "external_id": "d7",
        "first_name": "Alexandra",
        "last_name": "Chandler",
        "email": "alexandra819@btinternet.com",
        "street": "34 Station Road",
        "city": "Edinburgh",
        "zip": "EH5 7WW",
        "country": "United Kingdom",
    }
    [result] = resolve(row)
    assert (result.outcome, result.crm_id) == ("matched", "a1")
    [elsewhere] = resolve({**row, "external_id": "d8", "street": "9 Mill Lane", "zip": "EH3 1AB"})
    assert not elsewhere.matched


@pytest.mark.parametrize(("first", "last"), [("In memory of", "Anne Prescott"), ("Anonymous", "")])
def test_a_dedication_or_anonymous_gift_on_the_donors_mailbox_is_the_donors(donors, resolve, first, last):
    [result] = resolve(
        {"external_id": "d9", "first_name": first, "last_name": last, "email": "gwhitfield54@comcast.net"}
    )
    assert (result.outcome, result.crm_id) == ("matched", "g1")


@pytest.mark.parametrize(("last", "expected"), [("Porter Sr.", "h1"), ("Porter, Jr", "h2")])
def test_the_generation_a_record_writes_is_no_tie_with_the_other_generation(
    enabled, donors, resolve, last, expected
):
    """Father and son on one landline and street, no mailbox given: the suffix says which."""
    row = {"external_id": "d10", "first_name": "Henry", "last_name": last, "phone": "(312) 555-0177"}
    [result] = resolve({**row, "street": "45 Church Lane", "city": "Chicago", "zip": "60614"})
    assert result.candidates[0]["crm_id"] == expected
    assert not result.candidates[0]["tied"]
    assert not result.matched or result.crm_id == expected
