"""Entity kinds (person, organisation, deal) and typed custom attributes."""

import pytest

from crmhub.core.errors import ApplicationError
from identity_app import services
from identity_app.attributes import EntityKind, build_profile
from identity_app.models import ValidationRun
from mappings_app.models import CrmObject, Flow
from tests.identity.conftest import crm


@pytest.fixture
def companies(connection):
    return CrmObject.objects.create(connection=connection, name="companies", label="Companies")


@pytest.fixture
def company_flow(connection, companies):
    return Flow.objects.create(
        connection=connection, name="firmographics", source_system="enricher", crm_object=companies
    )


@pytest.fixture
def company_rules(company_flow):
    return services.identity_rules_for_flow(flow=company_flow)


@pytest.fixture
def companies_mirror(connection, company_rules):
    def load(*records):
        return services.mirror_upsert(connection=connection, object_name="companies", records=list(records))

    return load


@pytest.fixture
def resolve_companies(company_flow):
    def run(*records, **options):
        inbound = [{"source_system": "enricher", **record} for record in records]
        return services.identity_resolve(
            flow=company_flow, records=inbound, create_review_items=False, learn_links=False, **options
        )

    return run


def enable(rules):
    ValidationRun.objects.create(flow=rules.flow, sample_size=1, total=1)
    rules.probabilistic_enabled = True
    rules.save()


def test_a_flow_into_companies_gets_the_organisation_rules(company_rules):
    assert company_rules.entity_kind == EntityKind.ORGANISATION
    assert "domain" in company_rules.key_precedence
    attributes = {comparison["attribute"] for comparison in company_rules.comparisons}
    assert {"company_name", "email_domain", "street"} <= attributes
    assert not attributes & {"first_name", "last_name"}


def test_an_organisation_name_is_never_split_and_its_website_is_its_domain():
    profile = build_profile(
        {"name": "Acme Holdings Ltd.", "website": "https://www.acme.co.uk/about", "email": "info@acme.co.uk"},
        kind=EntityKind.ORGANISATION,
    )
    assert (profile["company_name"], profile["first_name"], profile["last_name"]) == ("acme", "", "")
    assert profile["email_domain"] == "acme.co.uk"
    # a person's name field ending with a legal form holds a company's name (`normalise_companies.written_as_company`)
    person = build_profile({"name": "Acme Holdings Ltd."})
    assert (person["first_name"], person["last_name"], person["company_name"]) == ("", "", "acme")


def test_an_organisation_without_a_website_takes_the_domain_of_its_address_even_a_role_one():
    profile = build_profile({"name": "Globex", "email": "info@globex.io"}, kind=EntityKind.ORGANISATION)
    assert profile["email_domain"] == "globex.io"


def test_a_unique_domain_links_an_organisation_whose_name_agrees_up_to_its_legal_form(
    companies_mirror, resolve_companies
):
    companies_mirror(
        crm("1", name="Acme, Inc.", domain="acme.com"), crm("2", name="Globex GmbH", domain="globex.de")
    )
    [result] = resolve_companies(
        {"external_id": "e1", "name": "ACME Incorporated", "website": "http://acme.com"}
    )
    assert (result.outcome, result.crm_id, result.method) == ("matched", "1", "domain")


def test_a_subsidiary_sharing_the_parents_domain_never_links_to_the_parent(
    companies_mirror, resolve_companies
):
    companies_mirror(crm("1", name="Acme Inc", domain="acme.com", city="Boston"))
    [result] = resolve_companies(
        {
            "external_id": "e1",
            "name": "Acme Europe B.V.",
            "website": "https://acme.com/eu",
            "city": "Amsterdam",
        }
    )
    assert result.outcome == "key_contradicted"
    assert any("another organisation" in note for note in result.notes)


def test_parent_and_subsidiary_in_the_crm_share_a_domain_and_each_finds_its_own(
    companies_mirror, resolve_companies, company_rules
):
    enable(company_rules)
    companies_mirror(
        crm("1", name="Acme Inc", domain="acme.com", city="Boston", zip="02110"),
        crm("2", name="Acme Europe BV", domain="acme.com", city="Amsterdam", zip="1012"),
    )
    [parent, subsidiary] = resolve_companies(
        {
            "external_id": "e1",
            "name": "Acme Incorporated",
            "website": "acme.com",
            "city": "Boston",
            "zip": "02110",
        },
        {
            "external_id": "e2",
            "name": "ACME Europe B.V.",
            "website": "acme.com",
            "city": "Amsterdam",
            "zip": "1012",
        },
    )
    assert (parent.outcome, parent.crm_id) == ("matched", "1")
    assert (subsidiary.outcome, subsidiary.crm_id) == ("matched", "2")
    assert any("shared by several records" in note for note in parent.notes)


def test_a_similar_but_different_company_name_is_vetoed(companies_mirror, resolve_companies, company_rules):
    enable(company_rules)
    companies_mirror(crm("1", name="Northwind Traders", phone="+12125550100", city="Boston", zip="02110"))
    [result] = resolve_companies(
        {
            "external_id": "e1",
            "name": "Northwind Logistics",
            "phone": "+12125550199",
            "city": "Boston",
            "zip": "02110",
        }
    )
    assert result.outcome != "matched"
    assert result.candidates[0]["vetoed_by"] == ["company_name"]  # "traders" / "logistics": another firm


def test_deals_match_by_crm_id_or_external_id_only(connection):
    deals = CrmObject.objects.create(connection=connection, name="deals", label="Deals")
    flow = Flow.objects.create(connection=connection, name="orders", source_system="erp", crm_object=deals)
    rules = services.identity_rules_for_flow(flow=flow)
    assert rules.entity_kind == EntityKind.DEAL
    rules.external_id_field = "erp_id"
    rules.save()
    services.mirror_upsert(
        connection=connection,
        object_name="deals",
        records=[crm("D-1", name="Acme renewal", erp_id="SO-1", email="buyer@acme.com")],
    )
    [by_id, by_email, by_crm_id] = services.identity_resolve(
        flow=flow,
        records=[
            {"source_system": "erp", "external_id": "SO-1"},
            {
                "source_system": "erp",
                "external_id": "SO-2",
                "email": "buyer@acme.com",
                "name": "Acme renewal",
            },
            {"source_system": "erp", "external_id": "SO-3", "crm_id": "D-1"},
        ],
        create_review_items=False,
        learn_links=False,
    )
    assert (by_id.outcome, by_id.crm_id, by_id.method) == ("matched", "D-1", "external_id")
    assert by_email.outcome == "no_match" and not by_email.candidates
    assert any("CRM id or external id only" in note for note in by_email.notes)
    assert (by_crm_id.outcome, by_crm_id.crm_id) == ("matched", "D-1")


def test_changing_the_kind_brings_that_kinds_rules(rules, users):
    services.identity_rules_update(rule_set=rules, actor=users["admin"], entity_kind=EntityKind.ORGANISATION)
    rules.refresh_from_db()
    assert rules.vetoes[0]["attribute"] == "company_name"
    with pytest.raises(ApplicationError):
        services.identity_rules_update(
            rule_set=rules, actor=users["admin"], entity_kind="person", key_precedence=["domain"]
        )


@pytest.mark.parametrize(
    ("kind", "raw", "normalised"),
    [
        ("url", "https://www.Acme.co.uk/about?x=1", "acme.co.uk"),
        ("domain", "shop.acme.com", "acme.com"),
        ("email", " Jane.Doe+x@GMAIL.com", "janedoe@gmail.com"),
        ("phone", "(212) 555-0100", "+12125550100"),
        ("date", "31/12/1999", "1999-12-31"),
        ("number", "1,250.5", 1250.5),
        ("text", "  São  Paulo ", "sao paulo"),
    ],
)
def test_custom_attributes_are_normalised_by_their_declared_type(kind, raw, normalised):
    profile = build_profile(
        {"custom": raw}, attribute_map={"custom": ["custom"]} | _base_map(), attribute_types={"custom": kind}
    )
    assert profile["extra"]["custom"] == normalised


def _base_map():
    from identity_app.attributes import DEFAULT_ATTRIBUTE_MAP

    return dict(DEFAULT_ATTRIBUTE_MAP)


def test_a_website_attribute_is_compared_as_a_registrable_domain(mirror, resolve, rules, users):
    services.identity_rules_update(
        rule_set=rules,
        actor=users["admin"],
        mirror_fields={"website": ["website"]},
        attribute_types={"website": "url"},
        comparisons=[
            *rules.comparisons,
            {"attribute": "extra.website", "method": "exact", "m": [0.9, 0.1], "u": [0.01, 0.99]},
        ],
        blocking_rules=[*rules.blocking_rules, ["extra.website", "last_name"]],
    )
    mirror(crm("101", firstname="Ann", lastname="Lee", website="https://www.lee-consulting.com/team"))
    [result] = resolve(
        {"external_id": "x1", "first_name": "Ann", "last_name": "Lee", "website": "lee-consulting.com"}
    )
    contributions = {c["attribute"]: c for c in result.candidates[0]["contributions"]}
    assert contributions["extra.website"]["level"] == "exact"
    assert contributions["extra.website"]["candidate"] == "lee-consulting.com"


def test_an_unknown_attribute_type_is_refused(rules, users):
    with pytest.raises(ApplicationError) as error:
        services.identity_rules_update(rule_set=rules, actor=users["admin"], attribute_types={"x": "colour"})
    assert "colour" in " ".join(error.value.problems)


@pytest.mark.parametrize(
    ("left", "right", "clearly_different"),
    [
        ("acme", "acme europe", True),  # a subsidiary
        ("chavez foods nordic", "chavez foods", True),
        ("parker traders", "parker partners", True),  # Jaro-Winkler finds these words 0.81 alike
        ("cahvez foods", "chavez foods", False),  # a typo
        ("foods chavez", "chavez foods", False),  # word order
        ("northwind", "north wind", False),
    ],
)
def test_company_names_differ_by_their_words_not_their_letters(left, right, clearly_different):
    from identity_app.normalise_companies import company_similarity

    assert (company_similarity(left, right) < 0.75) is clearly_different


def test_a_salesforce_accounts_billing_address_is_its_address(
    companies_mirror, resolve_companies, company_rules
):
    """Accounts carry BillingCity and BillingPostalCode: a parent and its subsidiary of one name and domain
    are told apart by where each is."""
    enable(company_rules)
    companies_mirror(
        crm(
            "1",
            Name="Turner Foods Inc",
            Website="turnerfoods.com",
            BillingCity="Franklin",
            BillingPostalCode="40229",
        ),
        crm(
            "2",
            Name="Turner Foods B.V.",
            Website="turnerfoods.com",
            BillingCity="Clinton",
            BillingPostalCode="29546",
        ),
    )
    assert build_profile({"BillingCity": "Franklin", "BillingPostalCode": "40229"})["city"] == "franklin"
    [result] = resolve_companies(
        {"external_id": "e1", "name": "Turner Foods Inc", "website": "turnerfoods.com", "city": "Franklin"}
    )
    assert (result.outcome, result.crm_id) == ("matched", "1")
