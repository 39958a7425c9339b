"""Rules found by the twenty-sixth generator (a billing system's customers export, Stripe's, against HubSpot
contacts): a business buys under its own name, from its billing mailbox (billing@, ap@, accounts-payable@), and
the CRM keeps that mailbox on one person's record or as a contact of its own with no name."""

import pytest

from identity_app import attributes, columns, normalise_companies, normalise_emails, training
from identity_app.resolver import Resolution, Resolver, Rules
from tests.identity.conftest import crm, filler_records


@pytest.mark.parametrize(
    "name",
    ["Zenith Consulting Ltd.", "OAKRIDGE ENGINEERING UG", "Basalt Dental LLC", "Acme Pty. Ltd.", "Acme S.A."],
)
def test_a_persons_name_field_ending_with_a_legal_form_is_the_companys_name(name):
    assert normalise_companies.written_as_company(name)
    row = {"name": name, "email": "esther.lombardi@zenithconsulting.co.uk"}
    for profile in (attributes.build_profile(row), columns.build_profiles([row])[0]):
        assert (profile["first_name"], profile["last_name"]) == ("", "")
        assert profile["company_name"] == normalise_companies.company_name(name)


@pytest.mark.parametrize(
    "name", ["Jane Co", "Mary Ike", "Peter Sas", "Kim Ng", "Jones & Co", "Smith Holdings"]
)
def test_a_surname_that_is_also_a_short_legal_form_keeps_the_name_a_persons(name):
    assert not normalise_companies.written_as_company(name)
    assert attributes.build_profile({"name": name})["last_name"]


@pytest.mark.parametrize("name", ["LIANG MEI", "ZHOU MEI", "ANNA EK", "WEI OU"])
def test_a_name_in_capitals_ending_with_a_form_that_is_a_name_too_stays_a_persons(name):
    # Mei is Brazil's MEI (a sole trader's firm) and a Chinese given name: capitals on every word say nothing
    assert not normalise_companies.written_as_company(name)
    row = {"name": name, "company": "Ma Precision Ltd", "country": "China"}
    for profile in (attributes.build_profile(row), columns.build_profiles([row])[0]):
        assert profile["last_name"]
    assert normalise_companies.written_as_company("Costa Clinica MEI")


def test_a_name_that_is_the_records_own_company_is_the_companys_unless_it_starts_with_a_given_name():
    row = {
        "name": "Quayside Ventures",
        "company": "Quayside Ventures",
        "email": "viktor@quayside-ventures.de",
    }
    assert attributes.build_profile(row)["first_name"] == ""
    assert columns.build_profiles([row])[0]["first_name"] == ""
    desk = {**row, "name": "Quayside Ventures Accounts Payable"}
    assert attributes.build_profile(desk)["first_name"] == ""
    # a sole trader's firm named after its owner: his name is his own too
    owner = {"name": "John Smith", "company": "John Smith", "email": "john@johnsmith.com"}
    assert (attributes.build_profile(owner)["first_name"], attributes.build_profile(owner)["last_name"]) == (
        "john",
        "smith",
    )


@pytest.mark.parametrize(
    ("label", "attribute"), [("company (metadata)", "company_name"), ("phone (Metadata)", "phone")]
)
def test_stripes_metadata_columns_are_read_by_their_key(label, attribute):
    field = attributes.field_for_column(label)
    assert field in attributes.DEFAULT_ATTRIBUTE_MAP[attribute]
    assert attributes.field_for_column("app_user_id (metadata)") == ""


@pytest.mark.parametrize("address", ["accountspayable@acme.com", "accountsreceivable@acme.com"])
def test_an_accounts_desks_mailbox_written_as_one_word_is_a_role_address(address):
    assert normalise_emails.is_role_address(address)


def test_a_company_desks_name_reads_as_the_company_and_as_the_whole_name():
    assert normalise_companies.company_name_readings("Acme Dental Accounts Payable") == (
        "acme dental accounts payable",
        "acme dental",
    )
    # "Accounting" may be the trade: the whole name is a reading too
    assert "lantern accounting" in normalise_companies.company_name_readings("Lantern Accounting")
    assert normalise_companies.company_name_readings("Billing") == ("billing",)


@pytest.fixture
def company(mirror):
    mirror(
        crm(
            "901",
            firstname="Esther",
            lastname="Lombardi",
            email="esther.lombardi@zenithconsulting.co.uk",
            company="Zenith Consulting",
        ),
        crm(
            "902",
            firstname="Cormac",
            lastname="White",
            email="cormac@zenithconsulting.co.uk",
            phone="+44 121 805 0793",  # the company's main line, typed on his record by a rep
            company="Zenith Consulting",
        ),
        crm("903", email="accounts@zenithconsulting.co.uk", company="Zenith Consulting"),  # the mailbox's own
        crm(
            "904",
            firstname="Amara",
            lastname="Albrecht",
            email="billing@basalt.io",
            phone="+44 121 805 0794",
            company="Basalt Dental",
        ),
        *filler_records(),
    )


@pytest.mark.parametrize("name", ["Zenith Consulting", "zenith consulting", "ZENITH CONSULTING LTD."])
def test_a_customer_named_as_its_company_on_a_persons_own_address_is_that_person(company, resolve, name):
    [result] = resolve(
        {"external_id": "cus_1", "name": name, "email": "esther.lombardi@zenithconsulting.co.uk"}
    )
    assert (result.outcome, result.crm_id) == ("matched", "901")


def test_a_customer_named_as_another_company_on_a_persons_address_is_not_linked(company, resolve):
    [result] = resolve(
        {"external_id": "cus_2", "name": "Quarry Legal", "email": "esther.lombardi@zenithconsulting.co.uk"}
    )
    assert not result.matched


def test_a_companys_number_is_no_key_to_the_person_whose_record_holds_it(company, resolve):
    [result] = resolve(
        {
            "external_id": "cus_3",
            "name": "Zenith Consulting Ltd",
            "email": "finance@zenithconsulting.co.uk",
            "phone": "+441218050793",
        }
    )
    assert not result.matched


@pytest.mark.parametrize("name", ["Zenith Consulting", "Zenith Consulting Billing", ""])
def test_a_business_on_its_mailbox_is_the_crm_record_of_that_mailbox_that_names_no_person(
    company, resolve, name
):
    [result] = resolve({"external_id": "cus_4", "name": name, "email": "accounts@zenithconsulting.co.uk"})
    assert (result.outcome, result.crm_id) == ("matched", "903")


def test_a_person_on_the_mailbox_is_not_linked_to_the_mailboxs_own_record(company, resolve):
    [result] = resolve(
        {"external_id": "cus_5", "name": "Tom Kerr", "email": "accounts@zenithconsulting.co.uk"}
    )
    assert not result.matched


@pytest.mark.parametrize("name", ["Amara Albrecht", "amara albrecht", "Amara"])
def test_the_one_crm_person_holding_a_role_mailbox_is_the_record_on_it_under_her_name(company, resolve, name):
    [result] = resolve({"external_id": "cus_8", "name": name, "email": "billing@basalt.io"})
    assert (result.outcome, result.crm_id) == ("matched", "904")


@pytest.mark.parametrize("name", ["Amara Kerr", "Tom Albrecht", "Tom Kerr"])
def test_someone_else_on_a_role_mailbox_a_person_holds_is_not_linked_to_her(company, resolve, name):
    [result] = resolve({"external_id": "cus_9", "name": name, "email": "billing@basalt.io"})
    assert not result.matched


def test_the_next_holder_of_the_role_of_the_same_name_with_a_line_of_their_own_is_not_linked(
    company, resolve
):
    [result] = resolve(
        {
            "external_id": "cus_10",
            "name": "Amara Albrecht",
            "email": "billing@basalt.io",
            "phone": "+441214960321",
        }
    )
    assert not result.matched
    [result] = resolve(
        {
            "external_id": "cus_11",
            "name": "Amara Albrecht",
            "email": "billing@basalt.io",
            "phone": "+441218050794",
        }
    )
    assert (result.outcome, result.crm_id) == ("matched", "904")


def test_a_business_on_a_mailbox_a_person_holds_is_not_linked_to_her(company, resolve):
    [result] = resolve({"external_id": "cus_6", "name": "Basalt Dental", "email": "billing@basalt.io"})
    assert not result.matched


def test_a_mailbox_link_is_no_sample_of_a_persons_match_for_fitting():
    mailbox = Resolution(
        inbound={}, source_system="s", external_id="e", outcome="matched", crm_id="903", method="email"
    )
    levels = {"903": (0, 0)}
    assert training._is_label(mailbox, levels, [])
    mailbox.mailbox_record = True
    assert not training._is_label(mailbox, levels, [])


def test_a_record_that_names_no_person_gives_a_people_fit_no_pairs(connection, rules, company):
    resolver = Resolver(connection_id=connection.pk, object_name="contacts", rules=Rules.from_rule_set(rules))
    named = {"external_id": "a", "name": "Cormac White", "company": "Zenith Consulting"}
    nameless = {"external_id": "b", "name": "Zenith Consulting Ltd", "phone": "+44 121 805 0793"}
    blocked = training.blocked_levels(resolver, [named, nameless])
    assert blocked.crm_ids[0] and not blocked.crm_ids[1]


def test_a_customer_naming_no_person_is_vetoed_from_a_colleague_by_company_and_street_alone(
    mirror, enabled, resolve
):
    mirror(
        crm(
            "911",
            firstname="Fiona",
            lastname="King",
            email="fiona.king@yardley.io",
            company="Yardley Consulting",
            street="73 2nd Ave",
            city="Austin",
            zip="78772",
        ),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "cus_7",
            "name": "Yardley Consulting Inc",
            "email": "invoices@yardley.io",
            "company": "Yardley Consulting",
            "street": "73 2nd Ave",
            "city": "Austin",
            "zip": "78772",
        }
    )
    assert not result.matched
    top = next(c for c in result.candidates if c["crm_id"] == "911")
    assert "no_person_named" in (top["vetoed_by"] or [])
