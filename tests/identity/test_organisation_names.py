# ruff: noqa: RUF001 - Cyrillic legal forms are what these tests are about
"""Organisation names compared without their legal form, in the forms of many countries, and with the short
words people write for long ones."""

import pytest

from identity_app import normalise_companies, services
from identity_app.organisations import legal_form
from mappings_app.models import CrmObject, Flow
from tests.identity.conftest import crm


@pytest.fixture
def company_flow(connection):
    companies = CrmObject.objects.create(connection=connection, name="companies", label="Companies")
    return Flow.objects.create(
        connection=connection, name="firmographics", source_system="enricher", crm_object=companies
    )


@pytest.fixture
def companies_mirror(connection, company_flow):
    services.identity_rules_for_flow(flow=company_flow)

    def load(*records):
        return services.mirror_upsert(connection=connection, object_name="companies", records=list(records))

    return load


@pytest.fixture
def resolve_companies(company_flow):
    def run(*records):
        inbound = [{"source_system": "enricher", **record} for record in records]
        return services.identity_resolve(
            flow=company_flow, records=inbound, create_review_items=False, learn_links=False
        )

    return run


@pytest.mark.parametrize(
    "written",
    [
        "Acme Ltd. Şti.",  # Turkish limited company, cleanco keeps it
        "Acme Anonim Şirketi",
        "Acme Kabushiki Kaisha",
        "PT Acme Tbk",  # Indonesian: the form before the name and after it
        "Acme S.A.U.",
        "Acme S. de R.L. de C.V.",
        "Acme S/A",
        "Acme Public Company Limited",
        "Acme JSC",
        "Acme FZ-LLC",
        "Acme PJSC",
        "Acme UG (haftungsbeschränkt)",
        "Acme Cía. Ltda.",
        "Acme & Co.",
        "OOO Acme",
        "UAB Acme",
        "Acme, Inc.",
        "The Acme Company",
    ],
)
def test_the_legal_forms_of_many_countries_are_not_part_of_the_name(written):
    assert normalise_companies.company_name(written) == "acme"


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("ООО Северный Ветер", "северныи ветер"),
        ("Công ty TNHH Minh An", "minh an"),
        ("株式会社山田製作所", "山田製作所"),  # written attached, before or after
        ("山田製作所株式会社", "山田製作所"),
        ("Limited", "limited"),  # a name that is only a legal word keeps it
        ("Johnson & Johnson", "johnson and johnson"),
        ("Acme Holdings Inc", "acme"),
    ],
)
def test_forms_before_the_name_and_attached_forms_are_dropped_but_a_name_keeps_a_word(written, name):
    assert normalise_companies.company_name(written) == name


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("Acme Intl", "Acme International Ltd"),
        ("Acme Int'l, Inc.", "ACME INTERNATIONAL"),
        ("Smith Bros & Co", "Smith Brothers and Company"),
        ("Dayton Mfg", "Dayton Manufacturing"),
    ],
)
def test_abbreviations_and_ampersands_are_the_same_name(short, long):
    assert normalise_companies.company_name(short) == normalise_companies.company_name(long)


@pytest.mark.parametrize(
    ("name", "form"),
    [("Nimbus Foods Ltd. Şti.", "ltd sti"), ("Acme S.A. de C.V.", "sa de cv"), ("Acme Group Inc", "inc")],
)
def test_the_legal_form_read_for_tied_records_knows_the_same_forms(name, form):
    assert legal_form(name) == form


def test_a_returning_company_links_by_domain_when_only_its_turkish_legal_form_is_left_out(
    companies_mirror, resolve_companies
):
    """Before, "ltd sti" stayed in the CRM's name, so "Willow Capital" and "Willow Capital Ltd sti" clearly
    differed and the domain key was sent to review as another organisation's."""
    companies_mirror(
        crm("1", name="Willow Capital Ltd. Şti.", domain="willowcapital.com.tr", phone="+90 212 241 50 08"),
        crm("2", name="Beacon Foods A.Ş.", domain="beaconfoods.com.tr"),
    )
    [result] = resolve_companies(
        {
            "external_id": "e1",
            "name": "Willow Capital",
            "website": "http://info.willowcapital.com.tr/en/",
            "phone": "(0212) 241 50 08",
            "country": "TR",
        }
    )
    assert (result.outcome, result.crm_id) == ("matched", "1")
