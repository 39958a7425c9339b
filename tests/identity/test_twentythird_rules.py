"""Rules found by the twenty-third generator (a partner portal's deal registrations against a Salesforce
Contacts report): a row about two parties labels each one's fields after its role; the filer's own address or
number typed as the customer contact's is the filer's, not the contact's; a switchboard never makes a
colleague of another name a rival."""

from types import SimpleNamespace

from identity_app import attributes, columns
from identity_app.resolver import Candidate, Resolver
from tests.identity.conftest import crm

DEAL_REGISTRATION = [
    "Registration ID",
    "Partner Account",
    "Partner Rep Name",
    "Partner Rep Email",
    "Partner Rep Phone",
    "End Customer Company",
    "Customer Contact First Name",
    "Customer Contact Last Name",
    "Customer Contact Email",
    "Customer Contact Phone",
    "End Customer City",
    "End Customer Zip",
    "End Customer Country",
]


def test_the_customer_contacts_role_labelled_columns_are_the_records_own():
    renames = attributes.recognised_columns(DEAL_REGISTRATION)
    assert attributes.field_for_column("Customer Contact First Name") == "FirstName"
    assert renames["Customer Contact Email"] == "Email"
    assert renames["Customer Contact Phone"] == "Phone"
    assert renames["End Customer Company"] == "Company"
    assert renames["End Customer City"] == "City"
    assert renames["End Customer Zip"] == "zip"
    assert "Partner Account" not in renames and "Partner Rep Name" not in renames
    # a payment's or a referral's customer, a contact's full name
    assert attributes.recognised_columns(["Customer Email", "Contact Name"]) == {
        "Customer Email": "Email",
        "Contact Name": "full_name",
    }


def test_a_customers_bare_name_may_be_a_company_and_is_not_read_as_a_persons():
    assert attributes.field_for_column("End Customer Name") == ""
    assert attributes.field_for_column("Customer Name") == ""
    assert attributes.field_for_column("Customer Contact Name") == "Name"
    # what a CRM export labels after its record's role but is no attribute stays unread
    for label in ("Contact Owner", "Lead Source", "Lead Status", "Customer Since", "Contact ID"):
        assert attributes.field_for_column(label) == "", label


def test_the_filers_address_and_number_are_read_as_the_filers():
    renames = attributes.recognised_columns(
        [*DEAL_REGISTRATION, "Submitted By Email", "Contact Owner Email", "Rep Mobile"]
    )
    assert renames["Partner Rep Email"] == "filer_email"
    assert renames["Partner Rep Phone"] == "filer_phone"
    assert renames["Submitted By Email"] == "filer_email_2"
    assert renames["Contact Owner Email"] == "filer_email_3"
    assert renames["Rep Mobile"] == "filer_phone_2"
    assert "filer_email" not in attributes.unread_columns(list(renames.values()))


ROW = {
    "Email": "jmiller@rosros-solutions.co.uk",
    "Phone": "+44 20 7946 0321",
    "FirstName": "Diane",
    "LastName": "Roberts",
    "Company": "Norlum Pharma",
    "Country": "United Kingdom",
    "filer_email": "JMiller@rosros-solutions.co.uk",
    "filer_phone": "020 7946 0321",
}


def test_a_key_the_row_gives_as_its_filers_is_not_the_records_own():
    attribute_map = attributes.merged_attribute_map()
    profile = attributes.build_profile(ROW, attribute_map=attribute_map)
    assert profile["emails"] == [] and profile["phones"] == [] and profile["email_domain"] == ""
    own = {**ROW, "Email": "diane.roberts@norlumpharma.co.uk"}
    assert attributes.build_profile(own, attribute_map=attribute_map)["emails"] == [
        "diane.roberts@norlumpharma.co.uk"
    ]
    # column by column, the same
    [by_column, own_by_column] = columns.build_profiles([ROW, own], attribute_map=attribute_map)
    assert by_column == profile
    assert own_by_column["emails"] == ["diane.roberts@norlumpharma.co.uk"]


PARTNER_REP = crm(
    "003R",
    firstname="Justin",
    lastname="Miller",
    email="jmiller@rosros-solutions.co.uk",
    company="Rosros Solutions Ltd",
    city="Leeds",
)
CUSTOMER_CONTACT = crm(
    "003C",
    firstname="Diane",
    lastname="Roberts",
    email="diane.roberts@norlumpharma.co.uk",
    phone="+44 161 496 0712",
    company="Norlum Pharma Ltd",
    city="Manchester",
)
REGISTRATION = {
    "external_id": "DR-1",
    "first_name": "Diane",
    "last_name": "Roberts",
    "email": "jmiller@rosros-solutions.co.uk",
    "phone": "0161 496 0712",
    "company": "Norlum Pharma",
    "city": "Manchester",
    "country": "United Kingdom",
    "filer_email": "jmiller@rosros-solutions.co.uk",
}


def test_the_rep_address_typed_as_the_contacts_is_not_weighed_as_the_contacts(mirror, resolve, rules):
    rules.probabilistic_enabled = True
    rules.save()
    mirror(PARTNER_REP, CUSTOMER_CONTACT)
    [result] = resolve(REGISTRATION)
    assert (result.outcome, result.crm_id) == ("matched", "003C")
    assert not any("someone else" in note for note in result.notes)
    # without the filer's column the address reads as the contact's, held by another person
    [held] = resolve({key: value for key, value in REGISTRATION.items() if key != "filer_email"})
    assert held.crm_id != "003R"
    assert any("someone else" in note for note in held.notes)


def _candidate(crm_id, score, shared_weight, *, names_agree=False):
    return Candidate(
        crm_id=crm_id,
        score=score,
        probability=0.99,
        contributions=[],
        vetoed_by=[],
        display={},
        attributes={},
        names_agree=names_agree,
        shared_weight=shared_weight,
    )


def test_a_colleague_close_only_by_the_switchboard_is_no_rival():
    """Lisa Evans's record (her own line) scores 22.2 on the inbound Lisa Evans who gives the company's main
    line; Melissa Allen's record holds that main line (+8.5) and scores 18.2: left out, 9.7 against 24.0."""
    resolver = SimpleNamespace(rules=SimpleNamespace(ambiguity_margin=5.0))
    lisa, melissa = _candidate("lisa", 22.24, -1.73, names_agree=True), _candidate("melissa", 18.15, 8.5)
    assert Resolver._close_only_by_shared_number(resolver, lisa, melissa)
    # a namesake on the switchboard stays a rival (`test_desk_extension`)
    namesake = _candidate("lisa 2", 18.15, 8.5, names_agree=True)
    assert not Resolver._close_only_by_shared_number(resolver, lisa, namesake)
    # a colleague close on her own evidence (a nickname of the name, a typo) stays a rival
    assert not Resolver._close_only_by_shared_number(resolver, lisa, _candidate("lise", 20.0, 0.0))
    assert not Resolver._close_only_by_shared_number(resolver, lisa, _candidate("l. evans", 22.0, 3.0))
    # the best agreeing on the switchboard too: `_rival_but_for_shared_number` weighs that
    assert not Resolver._close_only_by_shared_number(
        resolver, _candidate("a", 22.0, 8.5), _candidate("b", 19.0, 8.5)
    )
