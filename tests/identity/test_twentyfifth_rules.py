"""Rules found by the twenty-fifth generator (an ERP's customer master, as SAP lists it, against a Salesforce
Accounts export): SAP's labels ("Name 1", "Name 2", "Telephone 1", "House Number"), a registered name that goes
on in the second name line, legal forms written otherwise (Austria's "Gesellschaft m.b.H.", "Sp.z o.o.", the
Japanese forms before the name), "UK" after a group's name, deletion marks on a name, and the VAT registration
number: read in the record's country, a key for organisations, two of one country saying two legal entities,
and a renamed company found by it at its own address."""

import csv

import pytest
from django.core.management import call_command

from identity_app import attributes, normalise_companies, normalise_places, organisations


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Name 1", "name"),  # SAP's customer and vendor lists
        ("Name 2", "name_2"),
        ("Telephone 1", "phone"),
        ("Telephone 2", "phones"),
        ("House Number", "house_number"),
        ("VAT Registration No.", "vat_number"),
        ("VAT_Number__c", "vat_number"),  # a Salesforce custom field
        ("VAT ID", "vat_number"),
        ("Tax Registration Number", "vat_number"),
        ("USt-IdNr.", "vat_number"),
        ("Partita IVA", "vat_number"),
        ("BTW-nummer", "vat_number"),
    ],
)
def test_an_erps_partner_columns_are_read(label, field):
    assert attributes.field_for_column(label) == field


@pytest.mark.parametrize(
    ("first", "second", "name"),
    [
        (
            "Velmora Antriebstechnik Vertriebs",
            "GmbH & Co. KG",
            "Velmora Antriebstechnik Vertriebs GmbH & Co. KG",
        ),
        ("Velmora Logistik Verpackung", "und Service GmbH", "Velmora Logistik Verpackung und Service GmbH"),
        ("Velmora GmbH", "Lager Duisburg", "Velmora GmbH"),  # a ship-to's site
        ("Velmora", "Accounts Payable", "Velmora"),  # a bill-to's department
        ("Velmora GmbH", "GmbH", "Velmora GmbH"),  # the form already ends the first line
    ],
)
def test_a_second_name_line_is_part_of_the_name_when_it_ends_the_legal_form(first, second, name):
    assert attributes.name_continued(first, second) == name


@pytest.mark.parametrize(
    ("written", "other"),
    [
        ("Cedrik Austria Gesellschaft m.b.H.", "Cedrik Austria GmbH"),
        ("Kabushiki Kaisha Klobrox Denki", "Klobrox Denki K.K."),
        ("Godo Kaisha Drokam Denki", "Drokam Denki G.K."),
        ("Fauheibil Elektronika Sp.z o.o.", "Fauheibil Elektronika Sp. z o.o."),
        ("Faugo UK", "Faugo UK Ltd"),
    ],
)
def test_legal_forms_written_otherwise_name_one_company(written, other):
    assert normalise_companies.company_name(written) == normalise_companies.company_name(other)


def test_uk_after_a_groups_name_is_its_british_company_not_the_group():
    assert normalise_companies.company_name("Faugo UK") != normalise_companies.company_name("Faugo")
    assert normalise_companies.company_name("Acme Ltd UK") == "acme uk"


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("DO NOT USE - Velmora GmbH", "velmora"),
        ("NICHT VERWENDEN Velmora N.V.", "velmora"),
        ("*gesperrt* Velmora GmbH", "velmora"),
        ("(alt) Velmora GmbH", "velmora"),
        ("ZZ Velmora GmbH", "velmora"),
        ("Velmora Ltd (duplicate)", "velmora"),
        ("Velmora Ltd - DUPLICATE", "velmora"),
        ("Blocked Drains Ltd", "blocked drains"),  # a name's own first word
        ("Old Mill Bakery", "old mill bakery"),
        ("Zz Top Ltd", "zz top"),
        ("Duplicate Printing Inc", "duplicate printing"),
    ],
)
def test_a_deletion_mark_is_no_part_of_a_name(written, name):
    assert normalise_companies.company_name(written) == name


@pytest.mark.parametrize(
    ("written", "country", "number"),
    [
        ("DE 123 456 789", "", "DE123456789"),
        ("123456789", "DE", "DE123456789"),
        ("CHE-123.456.789 MWST", "CH", "CHE123456789"),
        ("0123.456.789", "BE", "BE0123456789"),
        ("B12345678", "ES", "ESB12345678"),
        ("NL1234.56.789.B01", "", "NL123456789B01"),
        ("U12345678", "AT", "ATU12345678"),
        ("PL 123-456-78-90", "", "PL1234567890"),
        ("GR123456789", "", "EL123456789"),
        ("123456789", "US", ""),  # no VAT number in that country: no telling whose
        ("123456789", "", ""),
        ("000000000", "DE", ""),
        ("n/a", "DE", ""),
    ],
)
def test_a_vat_number_is_read_with_its_country_prefix(written, country, number):
    assert normalise_companies.vat_number(written, country) == number


def test_two_vat_numbers_of_one_country_are_two_legal_entities():
    def profile(number: str) -> dict:
        return {"extra": {"vat_number": number}}

    assert organisations.other_vat_numbers(profile("DE123456789"), profile("DE987654321"))
    assert not organisations.other_vat_numbers(profile("DE123456789"), profile("FR12123456789"))  # abroad
    assert not organisations.other_vat_numbers(profile("DE123456789"), profile("DE132456789"))  # a slip
    assert not organisations.other_vat_numbers(profile("DE123456789"), profile(""))


SALESFORCE_ACCOUNTS = (
    "Id,Name,Website,Phone,BillingStreet,BillingCity,BillingPostalCode,BillingCountry,VAT_Number__c\n"
    "001000000000001AAA,Trondex Deutschland GmbH,trondex.com,+49 89 5512345,Lindenallee 12,München,80331,"
    "Germany,DE 811 234 567\n"
    "001000000000002AAA,Graki Maschinenbau Gesellschaft mit beschränkter Haftung,graki.de,+49 30 877079,"
    "Lindenallee 71,Frankfurt am Main,60196,Germany,DE 382 912 330\n"
    "001000000000003AAA,Nordwind Logistik GmbH,nordwind.de,+49 40 3344556,Hafenstraße 3,Hamburg,20457,"
    "Germany,DE 111 222 333\n"
    "001000000000004AAA,Prepul Retail Ltd,prepul.co.uk,+44 20 7946 0321,1 High Street,London,EC1A 1BB,"
    "United Kingdom,GB 123 4567 89\n"
    + "".join(
        f"00100000000{100 + n}AAA,Firma {n} Handel GmbH,firma{n}.de,+49 711 55{n:04d},Hauptstraße {n + 1},"
        f"Stuttgart,701{10 + n},Germany,\n"
        for n in range(20)
    )
)
SAP_HEADER = (
    "Customer,Account Group,Name 1,Name 2,Street,House Number,Postal Code,City,Country,Telephone 1,"
    "E-Mail Address,VAT Registration No.\n"
)


def _link(tmp_path, inbound_rows: str) -> dict[str, tuple[str, str]]:
    (tmp_path / "customers.csv").write_text(SAP_HEADER + inbound_rows, encoding="utf-8")
    (tmp_path / "accounts.csv").write_text(SALESFORCE_ACCOUNTS, encoding="utf-8")
    call_command(
        "identity_link",
        str(tmp_path / "customers.csv"),
        mirror_csv=str(tmp_path / "accounts.csv"),
        provider="salesforce",
        object_name="Account",
        kind="organisation",
        external_id_column="Customer",
        out=str(tmp_path / "results.csv"),
        progress=False,
    )
    with (tmp_path / "results.csv").open(encoding="utf-8") as handle:
        return {row["external_id"]: (row["decision"], row["crm_id"]) for row in csv.DictReader(handle)}


def test_a_customer_renamed_after_its_purchase_is_found_by_its_vat_number_at_its_address(db, tmp_path):
    """The ERP keeps the old name; the CRM the new owner's. The VAT number, the street and the postcode are
    the company's own."""
    results = _link(
        tmp_path,
        "1000001,Sold-to party,Velmora Systems GmbH,,Lindenallee,12,80331,München,DE,,,DE811234567\n",
    )
    assert results["1000001"] == ("matched", "001000000000001AAA")


def test_a_ship_to_of_a_customer_is_found_by_the_customers_vat_number(db, tmp_path):
    """The customer's warehouse elsewhere, on its own line: the sold-to's name and VAT number."""
    results = _link(
        tmp_path,
        "1000002,Ship-to party,Graki Maschinenbau GmbH,Auslieferungslager Duisburg,Bahnhofstraße,56,47051,"
        "Duisburg,DE,0203 245197,,DE382912330\n",
    )
    assert results["1000002"] == ("matched", "001000000000002AAA")


def test_another_vat_number_of_the_same_country_is_another_company_whatever_the_domain(db, tmp_path):
    """The group's other company of the same name in Bremen, on the group's domain."""
    results = _link(
        tmp_path,
        "1000003,Sold-to party,Nordwind Logistik GmbH,,Überseestraße,8,28217,Bremen,DE,0421 998877,"
        "rechnungen@nordwind.de,DE444555666\n",
    )
    assert results["1000003"][0] != "matched"


def test_a_vat_groups_other_company_at_the_same_address_is_not_linked_by_the_shared_number(db, tmp_path):
    """Members of one VAT group share its number; one carrying the group's name beside another word is
    another company, not the one renamed."""
    results = _link(
        tmp_path,
        "1000004,Sold-to party,Prepul Property Ltd,,High Street,1,EC1A 1BB,London,GB,,,GB123456789\n",
    )
    assert results["1000004"][0] != "matched"


@pytest.mark.parametrize(
    ("written", "other"),
    [
        ("Industriestraße 129", "Industriestr. 129"),
        ("Berliner Straße 5", "Berliner Str. 5"),
        ("Kerkstraat 4", "Kerkstr. 4"),
    ],
)
def test_a_german_or_dutch_street_is_one_street_written_out_or_shortened(written, other):
    assert normalise_places.street(written) == normalise_places.street(other)
