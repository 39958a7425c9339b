"""Rules found by the thirteenth generator (a Salesforce Leads report against a HubSpot contacts export): a
person is never linked on the names alone, a Leads report's "Company / Account" column is the company, and
the "[not provided]" HubSpot's Salesforce sync writes is no value."""

from identity_app import attributes, blocking, normalise_companies, normalise_names
from identity_app.resolver import NAMES_ONLY
from tests.identity.conftest import crm

TIMOTHY = {
    "firstname": "Timothy",
    "lastname": "Turner",
    "email": "timothy.turner@yahoo.com",
    "mobilephone": "+1 206 555 0148",
    "city": "Seattle",
}


def _crm(mirror):
    mirror(
        crm("t1", **TIMOTHY),
        *(
            crm(f"x{n}", firstname=f"Person{n}", lastname=f"Other{n}", email=f"p{n}@firm{n}.com", city="Bonn")
            for n in range(20)
        ),
    )


def test_a_name_and_a_town_beside_a_role_mailbox_go_to_review_saying_why(enabled, mirror, resolve):
    """A lead written from sales@ (a role address: not compared) with the name and the town of a CRM person:
    a namesake looks exactly so."""
    _crm(mirror)
    [result] = resolve(
        {
            "external_id": "l1",
            "first_name": "Timothy",
            "last_name": "Turner",
            "email": "sales@nimbus.com",
            "city": "Seattle",
        }
    )
    assert not result.matched
    assert result.candidates[0]["crm_id"] == "t1" and NAMES_ONLY in result.candidates[0]["vetoed_by"]
    assert any("only the names (and at most the town) agree" in note for note in result.notes)


def test_a_name_alone_with_placeholder_contacts_goes_to_review(enabled, mirror, resolve):
    _crm(mirror)
    [result] = resolve(
        {
            "external_id": "l2",
            "first_name": "Timothy",
            "last_name": "Turner",
            "email": "unknown@unknown.com",
            "phone": "(555) 555-5555",
        }
    )
    assert not result.matched
    assert NAMES_ONLY in result.candidates[0]["vetoed_by"]


def test_the_same_lead_with_the_persons_mobile_links(enabled, mirror, resolve):
    _crm(mirror)
    [result] = resolve(
        {
            "external_id": "l3",
            "first_name": "Timothy",
            "last_name": "Turner",
            "email": "sales@nimbus.com",
            "phone": "(206) 555-0148",
            "city": "Seattle",
        }
    )
    assert result.matched and result.crm_id == "t1"


def test_a_salesforce_leads_reports_company_column_is_the_company():
    assert attributes.field_for_column("Company / Account") == "company_name"
    assert attributes.recognised_columns(["Lead ID", "Company / Account"]) == {
        "Company / Account": "company_name"
    }


def test_not_provided_in_brackets_is_no_name_and_no_company():
    assert normalise_names.name("[not provided]") == ""
    assert normalise_companies.company_name("[Not Provided]") == ""


def test_a_name_and_a_postcode_are_an_address_not_names_alone(enabled, mirror, resolve):
    """A postcode places a household among a few thousand (FEBRL-like files link on it): no names-only veto."""
    mirror(
        crm("p1", firstname="Daniel", lastname="Belperio", zip="2066", city="Gawler West"),
        *(
            crm(f"x{n}", firstname=f"Person{n}", lastname=f"Other{n}", zip=f"3{n:03d}", city="Bonn")
            for n in range(20)
        ),
    )
    [result] = resolve(
        {
            "external_id": "l4",
            "first_name": "Daniel",
            "last_name": "Belperio",
            "postcode": "2066",
            "city": "Gawler West",
        }
    )
    assert NAMES_ONLY not in result.candidates[0]["vetoed_by"]


def test_a_household_mailbox_the_candidate_holds_is_more_than_names(enabled, mirror, resolve):
    """smithfamily@ is no key (two spouses write from it), but a namesake elsewhere does not hold it."""
    mirror(
        crm("h1", firstname="Deborah", lastname="Russell", email="russellfamily@aol.com", city="Boston"),
        crm("h2", firstname="Mark", lastname="Russell", email="russellfamily@aol.com", city="Boston"),
        *(
            crm(f"x{n}", firstname=f"Person{n}", lastname=f"Other{n}", email=f"p{n}@firm{n}.com", city="Bonn")
            for n in range(20)
        ),
    )
    [result] = resolve(
        {
            "external_id": "l5",
            "first_name": "Deborah",
            "last_name": "Russell",
            "email": "russellfamily@aol.com",
        }
    )
    assert result.candidates[0]["crm_id"] == "h1"
    assert NAMES_ONLY not in result.candidates[0]["vetoed_by"]


def test_a_whole_name_in_the_last_name_field_blocks_on_its_words():
    assert blocking.name_token_keys("", "raymond hamilton") == ["hamilton raymond"]
    assert blocking.name_token_keys("", "suzuki yui") == blocking.name_token_keys("yui", "suzuki")
    assert blocking.name_token_keys("", "hamilton") == []  # one word is a surname, not a whole name


def test_a_web_to_lead_whole_name_in_last_name_finds_the_person_for_review(enabled, mirror, resolve):
    """Salesforce web-to-lead writes the whole name into Last Name, First Name empty: without a block on its
    words no CRM record was a candidate ("nothing in common"); now the person is on the review list."""
    _crm(mirror)
    [result] = resolve({"external_id": "l9", "last_name": "timothy turner", "city": "Seattle"})
    assert not result.matched
    assert result.candidates and result.candidates[0]["crm_id"] == "t1"
