"""Rules the ninth generator (organisations: a Salesforce Account export against a data vendor's file) showed
were missing: each of these linked a company that is not the CRM account."""

import pytest

from identity_app import normalise_companies, organisations
from tests.identity.conftest import crm

# -- a franchisee trading under its franchisor's registered brand --------------------------------------------


def test_a_company_trading_under_another_registered_companys_name_is_not_that_company(resolve_companies):
    """ "d/b/a Zenlum Dental" used to make the franchisee one company with Zenlum Dental Inc. on the brand's
    domain: the trading name agreed and "the domain decides"."""
    [result] = resolve_companies(
        [crm("1", name="Zenlum Dental Inc.", domain="zenlumdental.com", city="Denver")],
        {
            "external_id": "e1",
            "name": "Kormar Ventures LLC d/b/a Zenlum Dental",
            "website": "https://zenlumdental.com/about?utm_source=vendor",
            "city": "Raleigh",
        },
    )
    assert result.outcome != "matched"


@pytest.mark.parametrize(
    ("written", "held"),
    [
        ("Kormar Ventures LLC d/b/a Zenlum Dental", "Zenlum Dental"),  # the CRM holds the trading name alone
        ("Kormar Ventures LLC (formerly Zenlum Dental Inc.)", "Zenlum Dental Inc."),  # renamed: one entity
    ],
)
def test_a_trading_name_without_a_legal_form_or_a_former_name_still_agrees(resolve_companies, written, held):
    [result] = resolve_companies(
        [crm("1", name=held, domain="zenlumdental.com", city="Denver")],
        {"external_id": "e1", "name": written, "website": "zenlumdental.com", "city": "Denver"},
    )
    assert (result.outcome, result.crm_id) == ("matched", "1")


def test_a_legal_entity_in_brackets_after_a_registered_brand_is_another_company(resolve_companies):
    [result] = resolve_companies(
        [crm("1", name="Maraldkor Auto Care Inc.", domain="maraldkorautocare.com", city="Boise")],
        {
            "external_id": "e1",
            "name": "Maraldkor Auto Care (Indun Holdings LLC)",
            "website": "http://www.maraldkorautocare.com/about-us",
            "city": "Raleigh",
        },
    )
    assert result.outcome != "matched"


@pytest.mark.parametrize(
    ("written", "held", "entity"),
    [
        ("Maraldkor Auto Care (Indun Holdings LLC)", "Maraldkor Auto Care Inc.", "Indun Holdings LLC"),
        ("Acme (Acme Holdings Ltd)", "Acme Inc.", ""),  # its own legal name
        ("Acme (Leeds)", "Acme Inc.", ""),  # an office
        ("Maraldkor Auto Care (Indun Holdings LLC)", "Maraldkor Auto Care", ""),  # the CRM names no entity
    ],
)
def test_the_legal_entity_in_brackets(written, held, entity):
    assert organisations.bracketed_other_entity(written, held, 0.75) == entity


# -- another office of an organisation the CRM keeps office by office ----------------------------------------


@pytest.mark.parametrize(
    ("held", "held_city", "written", "city", "domain"),
    [
        ("Banco Cavtarnor - Sucursal León", "León", "Banco Cavtarnor, Sucursal Jaén", "Jaén", "cavtarnor.es"),
        (
            "Brilumval Savings Bank - Derby Branch",
            "Derby",
            "Brilumval Savings Bank",
            "Reading",
            "brilum.co.uk",
        ),
        ("Banque Orsel, Agence de Nîmes", "Nîmes", "Banque Orsel (Reims)", "Reims", "banqueorsel.fr"),
    ],
)
def test_another_citys_office_is_not_the_crm_account_of_one_office(
    resolve_companies, held, held_city, written, city, domain
):
    """The office label made both names the bank's, and the bank's domain linked them."""
    [result] = resolve_companies(
        [crm("1", name=held, domain=domain, city=held_city)],
        {"external_id": "e1", "name": written, "website": f"https://www.{domain}/en/", "city": city},
    )
    assert result.outcome != "matched"


def test_the_offices_own_city_still_links(resolve_companies):
    [result] = resolve_companies(
        [crm("1", name="Banco Cavtarnor - Sucursal León", domain="cavtarnor.es", city="León")],
        {"external_id": "e1", "name": "Banco Cavtarnor (León)", "website": "cavtarnor.es", "city": "León"},
    )
    assert (result.outcome, result.crm_id) == ("matched", "1")


@pytest.mark.parametrize(
    ("written", "city", "name"),
    [
        ("Banco Cavtarnor - Sucursal León", "leon", "Banco Cavtarnor"),
        ("Banque Orsel, Agence de Nîmes", "nimes", "Banque Orsel"),
        ("Meyer Logistik GmbH, Niederlassung Köln", "koln", "Meyer Logistik GmbH"),
        ("Banco Cavtarnor - Sucursal León", "jaen", ""),
    ],
)
def test_an_office_label_may_put_its_word_before_the_city(written, city, name):
    assert organisations.office_name(written, city) == name


# -- one word of a name put in place of another ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right", "substituted"),
    [
        ("state of ohio department of revenue", "ohio state department of agriculture", True),
        ("kelvar logistics services", "kelvar engineering services", True),
        ("acme logistics", "acme", False),  # a word left out
        ("acme logistics international", "acme logistik international", False),  # misspelt
        ("the harbour and mill", "harbour and mill", False),
        ("drift wood laboratory falcon", "driftwood laboratory falcon", False),  # a word split in two
        ("quarry software bl uefin", "quarry software bluefin", False),
    ],
)
def test_a_substituted_word(left, right, substituted):
    assert organisations.word_substituted(left, right) is substituted


def test_an_agency_on_another_agencys_domain_is_not_that_agency(resolve_companies):
    """0.83 alike word by word (five words of six shared), so the names did not clearly differ."""
    [result] = resolve_companies(
        [crm("1", name="Ohio State Department of Agriculture", domain="ohio.gov", city="Columbus")],
        {
            "external_id": "e1",
            "name": "State of Ohio Department of Revenue",
            "website": "https://revenue.ohio.gov/about-us",
            "city": "Columbus",
        },
    )
    assert result.outcome != "matched"
    assert (
        normalise_companies.company_similarity(
            normalise_companies.company_name("State of Ohio Department of Revenue"),
            normalise_companies.company_name("Ohio State Department of Agriculture"),
        )
        >= 0.75
    )


# -- legal forms spelt out -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "Selosthan Joinery Public Limited Company",
        "Selosthan Joinery Naamloze Vennootschap",
        "Selosthan Joinery Besloten Vennootschap",
        "Selosthan Joinery Société à responsabilité limitée",
        "Selosthan Joinery Société anonyme",
        "Selosthan Joinery Società per azioni",
    ],
)
def test_a_legal_form_spelt_out_is_no_part_of_the_name(written):
    """A register or a data vendor writes the form in full; "Public Limited Company" was read as "public"."""
    assert normalise_companies.company_name(written) == "selosthan joinery"


def test_an_account_written_with_its_legal_form_spelt_out_is_found_by_its_phone(resolve_companies):
    [result] = resolve_companies(
        [crm("1", name="Dordunrim Logistics plc", phone="+44 121 278 3609", city="Reading")],
        {"external_id": "e1", "name": "DORDUNRIM LOGISTICS PUBLIC LIMITED COMPANY", "phone": "+441212783609"},
    )
    assert (result.outcome, result.crm_id) == ("matched", "1")


@pytest.mark.parametrize("written", ["Selosthan Bau GmbH und Co. KG", "Selosthan Bau GmbH u. Co. KG"])
def test_the_german_und_in_gmbh_and_co_kg_is_that_legal_form(written):
    """A German register writes "und" or "u." for the "&" of "GmbH & Co. KG": the same legal form, no part of
    the name."""
    assert organisations.legal_form(written) == organisations.legal_form("Selosthan Bau GmbH & Co. KG")
    assert normalise_companies.company_name(written) == "selosthan bau"


def test_the_kg_written_with_und_picks_the_kg_among_its_tied_records(resolve_companies):
    shared = {"website": "selosthan-bau.de", "phone": "+49 89 2154 3380", "city": "München"}
    [result] = resolve_companies(
        [
            crm("gmbh", name="Selosthan Bau GmbH", **shared),
            crm("kg", name="Selosthan Bau GmbH & Co. KG", **shared),
        ],
        {"external_id": "e1", "name": "Selosthan Bau GmbH und Co. KG", "website": "selosthan-bau.de"},
    )
    assert (result.outcome, result.crm_id) == ("matched", "kg")
