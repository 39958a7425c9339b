"""An application platform's applicants export linked into a university admissions team's CRM
(`benchmarks/identity_thirtyfourth.py`'s case): the application's phone numbers and permanent address read,
its parents' addresses and numbers never the applicant's own keys, a home line that is no namesake relative's
when both records give one birth date, and a tie between a student and a relative at the same address broken
by the one record that carries the student's names. None of these tests reads an outside file."""

import datetime as dt

from identity_app import key_checks
from identity_app.attributes import build_profile, recognised_columns
from tests.identity.conftest import crm, filler_records

COMMON_APP_LABELS = [
    "Common App ID", "First name", "Last name", "Preferred name", "Date of birth", "Email Address",
    "Preferred phone", "Preferred phone number", "Alternate phone", "Alternate phone number",
    "Permanent address - Address1", "Permanent address - Address2", "Permanent address - City",
    "Permanent address - State", "Permanent address - Zip", "Permanent address - Country",
    "Parent 1 type", "Parent 1 first name", "Parent 1 last name", "Parent 1 email", "Parent 1 phone",
    "Parent 2 email", "Parent 2 phone",
]  # fmt: skip


def application(**values) -> dict:
    """One applicant's row under the export's labels, renamed as the command reads them."""
    row = dict.fromkeys(COMMON_APP_LABELS, "")
    row.update(
        {
            "First name": "Mia",
            "Last name": "Malone",
            "Date of birth": "03/19/2007",
            "Email Address": "miam72@icloud.com",
            "Preferred phone": "Mobile",
            "Preferred phone number": "(201) 293-1611",
            "Alternate phone": "Home",
            "Alternate phone number": "201-466-0702",
            "Permanent address - Address1": "7606 Sunset Ct",
            "Permanent address - City": "Newark",
            "Permanent address - State": "NJ",
            "Permanent address - Zip": "07152",
            "Permanent address - Country": "United States",
            "Parent 1 type": "Father",
            "Parent 1 first name": "James",
            "Parent 1 last name": "Malone",
            "Parent 1 email": "james.malone@gmail.com",
            "Parent 1 phone": "2017041809",
            **values,
        }
    )
    renames = recognised_columns(list(row))
    return {renames.get(label, label): value for label, value in row.items()}


# -- the application's columns ----------------------------------------------------------------------------------


def test_an_applications_phone_numbers_and_permanent_address_are_read():
    renames = recognised_columns(COMMON_APP_LABELS)
    assert renames["Preferred phone number"] == "phone"
    assert renames["Alternate phone number"] == "phones"
    assert renames["Permanent address - Address1"] == "street"
    assert renames["Permanent address - City"] == "city"
    assert renames["Permanent address - Zip"] == "postcode"
    # the columns that say which kind a number is name no number
    assert "Preferred phone" not in renames and "Alternate phone" not in renames
    profile = build_profile(application())
    assert profile["phones"] == ["+12012931611", "+12014660702"]
    assert (profile["street"], profile["city"], profile["postcode"]) == ("7606 sunset ct", "newark", "07152")


def test_a_parents_address_and_number_are_never_the_applicants_own_keys():
    """A student who gives a parent's mobile or mailbox as their own gives a key the CRM holds on the parent;
    the row's parent columns say whose it is. The parents' names are not read as the applicant's."""
    renames = recognised_columns(COMMON_APP_LABELS)
    assert {renames[f"Parent {n} {what}"] for n in (1, 2) for what in ("email", "phone")} == {
        "filer_email",
        "filer_email_2",
        "filer_phone",
        "filer_phone_2",
    }
    assert "Parent 1 first name" not in renames and "Parent 1 last name" not in renames
    profile = build_profile(
        application(**{"Preferred phone number": "2017041809", "Email Address": "james.malone@gmail.com"})
    )
    assert profile["emails"] == []
    assert profile["phones"] == ["+12014660702"]
    assert profile["first_name"] == "mia"


# -- a home line and one birth date ---------------------------------------------------------------------------


def wyatt(**values) -> dict:
    """Wyatt Powell as the CRM holds him from an inquiry: his first mailbox and mobile, the family's line
    listed first."""
    return {
        "first_name": "wyatt",
        "last_name": "powell",
        "emails": ["wyattpowell2010@gmail.com"],
        "phones": ["+12019171379", "+12012507387"],
        "phone": "+12019171379",
        "date_of_birth": dt.date(2008, 5, 25),
        **values,
    }


def test_a_home_line_is_no_namesake_relatives_when_both_records_give_one_birth_date():
    """A new mailbox and a new mobile since the inquiry, the family's line: a father and son of one name at
    home are born a generation apart, so one birth date says one person."""
    applying = wyatt(emails=["wyatt_powell93@comcast.net"], phones=["+12018690630", "+12019171379"])
    assert not key_checks.line_of_a_place(applying, wyatt(), "+12019171379", given_as_mobile=False)
    senior = wyatt(date_of_birth=dt.date(1976, 2, 11))
    assert key_checks.line_of_a_place(applying, senior, "+12019171379", given_as_mobile=False)
    unborn = wyatt(date_of_birth=None)
    assert key_checks.line_of_a_place(applying, unborn, "+12019171379", given_as_mobile=False)


# -- a tie between a student and a relative at the same address ------------------------------------------------


def yoon_family() -> list[dict]:
    """Isabella Yoon from an inquiry (her name, birth date and high school, no address) and her father Andre
    at the family's address with his own mailbox and mobile."""
    return [
        crm(
            "isabella",
            firstname="Isabella",
            lastname="Yoon",
            email="iyoon2009@aol.com",
            date_of_birth="2009-03-01",
            company="Yoon Household",
        ),
        crm(
            "andre",
            firstname="Andre",
            lastname="Yoon",
            email="andreyoon@gmail.com",
            mobilephone="+1 201-777-0390",
            address="2325 Park Blvd",
            city="Louisville",
            state="KY",
            zip="40254",
            company="Yoon Household",
        ),
    ]


def isabella_applies(**values) -> dict:
    """Her application: her names and birth date, the family's address, no key of her own."""
    return {
        "external_id": "a1",
        "first_name": "Isabella",
        "last_name": "Yoon",
        "date_of_birth": "2009-03-01",
        "street": "2325 Park Blvd",
        "city": "Louisville",
        "state": "KY",
        "postcode": "40254",
        **values,
    }


def wide_ties(rules):
    """A tie margin wide enough that the father's address scores as well as the daughter's names and birth
    date (a fitted model weighs them so on a file of families)."""
    rules.ambiguity_margin = 12.0
    rules.save()


def test_a_student_and_her_father_within_the_margin_links_the_record_carrying_her_names(
    enabled, mirror, resolve
):
    """Her father's first name vetoes him, and a vetoed candidate is no rival (session 30's family rule): no
    tie is left to break, and her own record links."""
    wide_ties(enabled)
    mirror(*yoon_family(), *filler_records())
    [result] = resolve(isabella_applies())
    assert result.matched and result.crm_id == "isabella"
    assert not any("Andre Yoon" in note for note in result.notes)


def test_a_tie_broken_by_names_still_needs_more_than_the_names(enabled, mirror, resolve):
    """Without her birth date only the names and the town agree with her record: no link on its own."""
    wide_ties(enabled)
    family = yoon_family()
    family[0]["values"].update(city="Louisville", state="KY")
    mirror(*family, *filler_records())
    [result] = resolve(isabella_applies(date_of_birth="", postcode=""))
    assert not result.matched


def test_a_tie_of_two_records_carrying_the_names_stays_in_review(enabled, mirror, resolve):
    """Twins Alexandra and Alexander: "Alex" is either's short form, so the names choose neither."""
    wide_ties(enabled)
    twins = [
        crm(twin, firstname=first, lastname="Reyes", date_of_birth="2008-06-02", city="Dayton", zip="45424")
        for twin, first in (("alexandra", "Alexandra"), ("alexander", "Alexander"))
    ]
    mirror(*twins, *filler_records())
    [result] = resolve(
        {
            "external_id": "a2",
            "first_name": "Alex",
            "last_name": "Reyes",
            "date_of_birth": "2008-06-02",
            "city": "Dayton",
            "postcode": "45424",
        }
    )
    assert not result.matched


# -- a preferred first name and a former surname -----------------------------------------------------------------


def test_an_applications_preferred_and_former_names_are_read_apart_from_the_legal_ones():
    renames = recognised_columns([*COMMON_APP_LABELS, "Former name(s)"])
    assert renames["Preferred name"] == "preferred_name"
    assert renames["Former name(s)"] == "former_names"
    profile = build_profile(application(**{"Preferred name": "Jules", "Former name(s)": "Mia Wong, Carter"}))
    assert profile["first_name"] == "mia"  # the legal name stays the record's name
    assert profile["extra"]["preferred_names"] == ["jules"]
    assert profile["extra"]["former_surnames"] == ["wong", "carter"]


def jules(**values):
    """Jules Pham as the inquiry gave the name: a chosen first name, the mailbox and mobile of then."""
    return crm(
        "jules",
        **{
            "firstname": "Jules",
            "lastname": "Pham",
            "email": "xavierpham2010@yahoo.com",
            "mobilephone": "+1 201-857-8604",
            "date_of_birth": "2006-11-18",
            **values,
        },
    )


def xavier_applies(**values) -> dict:
    """The application: the legal first name, the chosen one as the preferred name, the inquiry's mailbox."""
    return {
        "external_id": "a3",
        "first_name": "Xavier",
        "last_name": "Pham",
        "preferred_name": "Jules",
        "email": "xavierpham2010@yahoo.com",
        "date_of_birth": "2006-11-18",
        **values,
    }


def test_a_mailbox_held_under_the_preferred_name_the_application_gives_links(enabled, mirror, resolve):
    mirror(jules(), *filler_records())
    [result] = resolve(xavier_applies())
    assert result.matched and result.crm_id == "jules"


def test_a_mailbox_held_under_another_first_name_than_the_preferred_one_is_contradicted(
    enabled, mirror, resolve
):
    """A twin's record holding the family's mailbox: the applicant goes by a name of their own."""
    mirror(jules(firstname="River"), *filler_records())
    [result] = resolve(xavier_applies())
    assert not result.matched


def test_a_mobile_held_under_the_former_surname_the_application_gives_links(enabled, mirror, resolve):
    mirror(
        crm(
            "layla", firstname="Layla", lastname="Wong", mobilephone="2019275326", date_of_birth="2007-09-24"
        ),
        *filler_records(),
    )
    applying = {
        "external_id": "a4",
        "first_name": "Layla",
        "last_name": "Quinn",
        "former_names": "Wong",
        "email": "layla.wong91@hotmail.com",
        "phone": "+12019275326",
        "date_of_birth": "2007-09-24",
    }
    [result] = resolve(applying)
    assert result.matched and result.crm_id == "layla"
    [result] = resolve({**applying, "former_names": "Carter"})
    assert not result.matched


def test_a_tie_goes_to_the_record_carrying_the_names_when_the_relative_scores_more(enabled, mirror, resolve):
    """Her birth date written day first (03/01 as 01/03): her record scores a little under her father's full
    address, and his first name is still another person's."""
    wide_ties(enabled)
    mirror(*yoon_family(), *filler_records())
    [result] = resolve(isabella_applies(date_of_birth="2009-01-03"))
    assert result.candidates[0]["crm_id"] == "andre"
    assert result.matched and result.crm_id == "isabella"
