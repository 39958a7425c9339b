"""Rules found by the twenty-first generator (a support desk's users export against Salesforce Contacts): the
desk names a customer's organisation after its email domain ("starkdental.com"), and its one `name` column is
often a first name only ("Ruth")."""

import pytest

from identity_app import attributes, key_checks, normalise_companies
from tests.identity.conftest import crm, filler_records


def _similarity(left: str, right: str) -> float:
    return normalise_companies.company_similarity(
        normalise_companies.company_name(left), normalise_companies.company_name(right)
    )


def test_a_company_written_as_its_web_domain_is_the_name_the_domain_registers():
    assert normalise_companies.company_name("starkdental.com") == "starkdental"
    assert _similarity("starkdental.com", "Stark Dental Inc.") >= 0.9
    assert _similarity("www.stark-dental.co.uk", "Stark Dental Ltd") == 1.0
    assert _similarity("https://acme.io/", "ACME, Inc.") == 1.0
    # a name that starts with its domain, as some companies are called
    assert _similarity("Amazon.com, Inc.", "Amazon") == 1.0
    assert _similarity("Booking.com", "Booking.com B.V.") == 1.0
    # another company's domain is another company
    assert _similarity("harbourfreight.com", "Stark Dental Inc.") < 0.5


def test_initials_and_dotted_names_are_no_domain():
    for name in ("J.P. Morgan", "B.V.", "S.A.", "St.Ives Bakery", "Dr.Oetker GmbH"):
        assert normalise_companies.domain_written_name(name.split()[0]) == "", name
    assert normalise_companies.company_name("J.P. Morgan") == "jp morgan"


def test_one_name_only_that_is_the_holders_first_name_gives_no_surname_to_contradict_the_key():
    holder = {"first_name": "ruth", "last_name": "green", "company_name": "stark dental"}
    address = "ruth.green@starkdental.com"
    signed = {"first_name": "", "last_name": "ruth", "company_name": "harbour freight"}
    assert not key_checks.surname_and_company_changed_on_work_mailbox(signed, holder, address, 0.75)
    # one name that is not hers, at another company, still says someone else's
    other = {**signed, "last_name": "park"}
    assert key_checks.surname_and_company_changed_on_work_mailbox(other, holder, address, 0.75)


RUTH = crm(
    "601",
    firstname="Ruth",
    lastname="Green",
    email="ruth.green@starkdental.com",
    company="Stark Dental Inc.",
    city="Chicago",
)


@pytest.fixture
def desk(mirror, rules):
    rules.probabilistic_enabled = True
    rules.save()
    mirror(RUTH, *filler_records())


def test_a_desk_user_signing_with_her_first_name_under_the_domains_organisation_links(desk, resolve):
    [result] = resolve(
        {
            "external_id": "zd-1",
            "name": "Ruth",
            "email": "ruth.green@starkdental.com",
            "company": "starkdental.com",
        }
    )
    assert (result.outcome, result.crm_id) == ("matched", "601")


def test_a_successor_on_her_address_under_the_domains_organisation_is_not_linked(desk, resolve):
    [result] = resolve(
        {
            "external_id": "zd-2",
            "name": "Tom Baker",
            "email": "ruth.green@starkdental.com",
            "company": "starkdental.com",
        }
    )
    assert not result.matched


def test_first_from_company_is_a_first_name_and_no_surname():
    profile = attributes.build_profile({"name": "Emma from Adatum", "email": "emmac@adatumcapital.co.uk"})
    assert profile["first_name"] == "emma" and not profile.get("last_name")
    assert attributes.build_profile({"name": "Emma Fromm"})["last_name"] == "fromm"


def test_a_desk_user_named_first_from_company_links_on_her_own_address(mirror, rules, resolve):
    rules.probabilistic_enabled = True
    rules.save()
    emma = crm(
        "602", firstname="Emma", lastname="Clark", email="emmac@adatumcapital.co.uk", company="Adatum Capital"
    )
    mirror(emma, *filler_records())
    [result] = resolve(
        {
            "external_id": "zd-3",
            "name": "Emma from Adatum",
            "email": "emmac@adatumcapital.co.uk",
            "company": "Adatum",
        }
    )
    assert (result.outcome, result.crm_id) == ("matched", "602")
