"""Rules found by the sixteenth generator (a Xero contacts export, a finance team's customer list, against a
HubSpot companies export): an accounting tool's address columns are the company's address, a legal form
mistyped at the end of a name is still the legal form, and initials may end with the G of the "Group" a
name is written with."""

import csv

import pytest
from django.core.management import call_command

from identity_app import attributes, normalise_companies, organisations

HUBSPOT_COMPANIES = (
    "Record ID,Company name,Company Domain Name,Phone Number,Street Address,City,Postal Code,Country/Region\n"
    "501,The Copper Kettle,,+44 113 496 0201,12 Mill Road,Leeds,LS2 7QP,United Kingdom\n"
    + "".join(
        f"{600 + n},Firm {n} Partners,firm{n}.co.uk,+44 161 496 0{300 + n},{n} High Street,Manchester,M1 {n}AB,"
        "United Kingdom\n"
        for n in range(20)
    )
)
XERO_HEADER = (
    "AccountNumber,ContactName,EmailAddress,POAddressLine1,POCity,POPostalCode,POCountry,PhoneNumber,"
    "SAAddressLine1,SACity\n"
)


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("POAddressLine1", "street"),  # Xero: the postal address ...
        ("POCity", "city"),
        ("PORegion", "state"),
        ("POPostalCode", "postcode"),
        ("POCountry", "country"),
        ("SACity", "city"),  # ... and the street address
        ("Address City", "city"),  # Stripe's customers export
        ("Address Postal Code", "postcode"),
        ("Address State", "state"),
        ("Address Country", "country"),
        ("Billing Address City", "city"),
        ("Sales Region", ""),  # not an address part after "SA"
        ("Position", ""),
    ],
)
def test_an_accounting_tools_address_columns_are_read_as_the_address(label, field):
    assert attributes.field_for_column(label) == field


def _link(tmp_path, inbound_rows: str) -> dict[str, tuple[str, str]]:
    (tmp_path / "xero.csv").write_text(XERO_HEADER + inbound_rows, encoding="utf-8")
    (tmp_path / "hubspot.csv").write_text(HUBSPOT_COMPANIES, encoding="utf-8")
    call_command(
        "identity_link",
        str(tmp_path / "xero.csv"),
        mirror_csv=str(tmp_path / "hubspot.csv"),
        provider="hubspot",
        object_name="companies",
        kind="organisation",
        external_id_column="AccountNumber",
        out=str(tmp_path / "results.csv"),
        progress=False,
    )
    with (tmp_path / "results.csv").open(encoding="utf-8") as handle:
        return {row["external_id"]: (row["decision"], row["crm_id"]) for row in csv.DictReader(handle)}


def test_a_shop_of_the_same_name_in_another_town_from_a_xero_export_is_not_linked(db, tmp_path):
    """Read without its postal address, the Bristol shop is a name and nothing against it."""
    results = _link(
        tmp_path,
        "X1,Copper Kettle Ltd,copperkettle77@gmail.com,4 Quay Street,Bristol,BS1 4DJ,United Kingdom,"
        "0117 496 0555,,\n"
        "X2,Copper Kettle Ltd,,12 Mill Road,Leeds,LS2 7QP,United Kingdom,0113 496 0201,,\n",
    )
    assert results["X1"][0] != "matched"
    assert results["X2"] == ("matched", "501")


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Hoxmeam Limised", "hoxmeam"),
        ("Qounqox GbH", "qounqox"),
        ("Priotrion lmbH", "priotrion"),
        ("GRISBRIOM GMH & CO. KG", "grisbriom"),
        ("Klantkour & Troundkiom UG (haftungsbeshcränkt)", "klantkour and troundkiom"),
        ("Riollstaiv Cloud Pty imited", "riollstaiv cloud"),
        ("Acme Corporatoin", "acme"),
        # the Polish form as often written, and written out
        ("Rorkclin Outdoor Sp. z o. o.", "rorkclin outdoor"),
        ("Rorkclin Outdoor spółka z ograniczoną odpowiedzialnością", "rorkclin outdoor"),
        # words of a name one slip from a short form stay: another company
        ("Acme Core", "acme core"),
        ("Acme Cord", "acme cord"),
        ("Acme Cooperation", "acme cooperation"),
    ],
)
def test_a_legal_form_mistyped_at_the_end_of_a_name_is_the_legal_form(written, name):
    assert normalise_companies.company_name(written) == name


@pytest.mark.parametrize(
    "written", ["Rorkclin Outdoor Sp. z o. o.", "Rorkclin Outdoor spółka z ograniczoną odpowiedzialnością"]
)
def test_the_polish_limited_companys_spellings_are_one_legal_form(written):
    assert organisations.legal_form(written) == organisations.legal_form("Rorkclin Outdoor Sp. z o.o.")


def test_a_mistyped_legal_form_does_not_make_the_names_clearly_differ():
    inbound, holder = (
        {"company_name": normalise_companies.company_name("Qounqox GbH")},
        {"company_name": "qounqox"},
    )
    assert not organisations.names_clearly_differ(inbound, holder, 0.8)


@pytest.mark.parametrize(
    ("short", "written", "expected"),
    [
        ("bcg", "Boston Consulting Group", True),
        ("saig", "Seantzot Atlantic Interiors Group Inc.", True),
        ("gpph", "Grymgreax Pacific Pharma Holdings Ltd", True),
        ("ibm", "International Business Machines Corp", True),
        ("saix", "Seantzot Atlantic Interiors Group Inc.", False),
        ("ab", "Alpha Beta Group", False),
    ],
)
def test_initials_may_end_with_the_group_word_a_normalised_name_leaves_out(short, written, expected):
    assert organisations.is_acronym_of(short, normalise_companies.company_name(written)) is expected


def test_a_company_under_its_initials_with_the_group_word_keeps_its_domain_key(resolve_companies):
    from tests.identity.conftest import crm

    held = crm(
        "c1", name="SAIG", domain="saig2.com", street="470 Kerk Lane", city="San Francisco", postcode="94165"
    )
    fillers = [
        crm(f"f{n}", name=f"Firm {n} Partners", domain=f"firm{n}.com", city="Denver") for n in range(10)
    ]
    [result] = resolve_companies(
        [held, *fillers],
        {
            "external_id": "e1",
            "name": "Seantzot Atlantic Interiors Group Inc.",
            "email": "invoices@saig2.com",
            "street": "470 Kerk Ln",
            "city": "San Francisco",
            "postcode": "94165",
        },
    )
    assert (result.outcome, result.crm_id) == ("matched", "c1")


GYNTBRET = {
    "name": "Gyntbret Dental",
    "domain": "gyntbretdental.com.au",
    "phone": "+61 7 3316 1248",
    "street": "374 Lind Street",
    "city": "Brisbane",
    "postcode": "4045",
    "country": "Australia",
}


def _companies():
    from tests.identity.conftest import crm

    fillers = [
        crm(
            f"f{n}",
            name=f"Firm {n} Partners",
            domain=f"firm{n}.com.au",
            phone=f"+61 2 9{n:03d} 1100",
            city="Perth",
        )
        for n in range(15)
    ]
    return [crm("g1", **GYNTBRET), *fillers]


@pytest.mark.parametrize(
    "inbound",
    [
        # a customer list with no address: another number, a free-mail box
        {"phone": "(07) 3669 7787", "email": "gyntbret81@bigpond.com"},
        # another domain of its own ("-brisbane"), the CRM's record gives no number to compare
        {"email": "accounts@gyntbretdental-brisbane.com.au"},
    ],
    ids=["other_phone", "other_domain"],
)
def test_a_namesake_company_on_another_line_with_nothing_else_in_common_goes_to_review(
    resolve_companies, inbound
):
    from identity_app.resolver import OTHER_LINE

    held = _companies()
    if "phone" not in inbound:
        held[0]["values"].pop("phone")
    [result] = resolve_companies(
        held, {"external_id": "e1", "name": "Gyntbret Dental Pty Ltd", "country": "AU", **inbound}
    )
    assert result.outcome != "matched"
    assert result.candidates[0]["crm_id"] == "g1"
    assert OTHER_LINE in result.candidates[0]["vetoed_by"]


def test_the_company_on_its_own_line_or_at_its_address_still_links(resolve_companies):
    [by_phone, by_address] = resolve_companies(
        _companies(),
        {"external_id": "e1", "name": "Gyntbret Dental Pty Ltd", "phone": "(07) 3316 1248", "country": "AU"},
        {
            "external_id": "e2",
            "name": "Gyntbret Dental Pty Ltd",
            "phone": "(07) 3669 7787",
            "street": "374 Lind St",
            "city": "Brisbane",
            "postcode": "4045",
            "country": "AU",
        },
    )
    assert (by_phone.outcome, by_phone.crm_id) == ("matched", "g1")
    assert (by_address.outcome, by_address.crm_id) == ("matched", "g1")
