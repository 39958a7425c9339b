"""Rules found by the eighteenth generator (a prospecting database's company export against a Salesforce
Accounts export): the export's company address columns are the address, a company registered under its own
name trading under a brand in another town is not the brand's record, a city written in another language at
one street and postcode is one city, legal forms of Luxembourg, Ireland, Greece and Bulgaria, marketplace
storefronts are pages, and a rep's ownership note after a name is no part of it."""

import csv

import pytest
from django.core.management import call_command

from identity_app import attributes, normalise_companies, organisations

SALESFORCE_ACCOUNTS = (
    "Id,Name,Website,Phone,BillingStreet,BillingCity,BillingPostalCode,BillingCountry\n"
    "001000000000001AAA,Geata Builders,geatabuilders.com,(918) 555-0101,274 Granite Avenue,Tulsa,74103,"
    "United States\n"
    + "".join(
        f"00100000000{100 + n}AAA,Firm {n} Partners,firm{n}.com,(303) 555-0{300 + n},{n} Main Street,Denver,"
        f"802{10 + n},United States\n"
        for n in range(20)
    )
)
APOLLO_HEADER = (
    "Apollo Account Id,Company,Website,Company Phone,Company Street,Company City,Company Postal Code,"
    "Company Country\n"
)


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Company Street", "BillingStreet"),  # Apollo's company export
        ("Company City", "BillingCity"),
        ("Company State", "BillingState"),
        ("Company Postal Code", "BillingPostalCode"),
        ("Company Country", "BillingCountry"),
        ("Company Street Address", "BillingStreet"),  # ZoomInfo's
        ("Company Zip Code", "BillingPostalCode"),
        ("Company HQ Phone", "phone"),
        ("Company Address", ""),  # one line with the city and country in it: not a street
        ("Company Name", "company_name"),
        ("Company Phone", "phone"),
    ],
)
def test_a_company_exports_headquarters_columns_are_read_as_the_address(label, field):
    assert attributes.field_for_column(label) == field


def test_a_persons_own_city_stays_before_the_companys():
    renames = attributes.recognised_columns(["First Name", "City", "Company City"])
    assert renames["Company City"] == "BillingCity"  # after "City" in the attribute map


def _link(tmp_path, inbound_rows: str, accounts: str = SALESFORCE_ACCOUNTS) -> dict[str, tuple[str, str]]:
    (tmp_path / "apollo.csv").write_text(APOLLO_HEADER + inbound_rows, encoding="utf-8")
    (tmp_path / "accounts.csv").write_text(accounts, encoding="utf-8")
    call_command(
        "identity_link",
        str(tmp_path / "apollo.csv"),
        mirror_csv=str(tmp_path / "accounts.csv"),
        provider="salesforce",
        object_name="Account",
        kind="organisation",
        external_id_column="Apollo Account Id",
        out=str(tmp_path / "results.csv"),
        progress=False,
    )
    with (tmp_path / "results.csv").open(encoding="utf-8") as handle:
        return {row["external_id"]: (row["decision"], row["crm_id"]) for row in csv.DictReader(handle)}


def test_a_company_trading_under_the_brand_in_another_town_is_not_the_brands_record(db, tmp_path):
    """A franchisee: its own company "d/b/a" the brand, on the brand's domain, in Columbus on its own line.
    The same "d/b/a" name on the brand's line at its address is the brand's own company."""
    results = _link(
        tmp_path,
        "A1,Seflol Enterprises LLC dba Geata Builders,https://geatabuilders.com/locations/columbus,"
        "+1 614-555-0187,1167 Ridge Street,Columbus,43215,United States\n"
        "A2,Hollin Group LLC dba Geata Builders,https://geatabuilders.com,+1 918-555-0101,274 Granite Avenue,"
        "Tulsa,74103,United States\n",
    )
    assert results["A1"][0] != "matched"
    assert results["A2"] == ("matched", "001000000000001AAA")


def test_a_city_in_another_language_at_the_same_street_and_postcode_is_one_city(resolve_companies):
    """ "Köln" in the CRM, "Cologne" at the vendor, one street and postcode: the city does not veto. Another
    street in another city still does."""
    from tests.identity.conftest import crm

    held = crm(
        "k1", name="Baceacark Brewing", street="Lindenstraße 99", city="Köln", postcode="50667", country="DE"
    )
    fillers = [
        crm(f"f{n}", name=f"Firm {n} Partners", domain=f"firm{n}.de", city="Berlin", postcode=f"101{n:02d}")
        for n in range(10)
    ]
    same, elsewhere = resolve_companies(
        [held, *fillers],
        {"external_id": "e1", "name": "Baceacark Brewing GmbH", "street": "Lindenstr. 99", "city": "Cologne",
         "postcode": "50667", "country": "DE"},
        {"external_id": "e2", "name": "Baceacark Brewing GmbH", "street": "Königsallee 12",
         "city": "Düsseldorf", "postcode": "40212", "country": "DE"},
    )  # fmt: skip
    assert same.candidates[0]["crm_id"] == "k1"
    assert "city" not in same.candidates[0]["vetoed_by"]
    assert elsewhere.outcome != "matched"
    assert "city" in elsewhere.candidates[0]["vetoed_by"]


def test_brand_used_elsewhere_needs_another_town_and_another_line():
    names = ("Seflol Enterprises LLC dba Geata Builders", "Geata Builders")
    brand = {"city": "tulsa", "phones": ["+19185550101"]}
    assert organisations.brand_used_elsewhere(names, {"city": "columbus", "phones": ["+16145550187"]}, brand)
    assert not organisations.brand_used_elsewhere(names, {"city": "tulsa", "phones": ["+16145550187"]}, brand)
    assert not organisations.brand_used_elsewhere(
        names, {"city": "columbus", "phones": ["+19185550101"]}, brand
    )
    # a name of its own with no legal form before "dba" is a trading name, not another registered company
    assert not organisations.brand_used_elsewhere(
        ("Geata dba Geata Builders", "Geata Builders"), {"city": "columbus", "phones": ["+1614"]}, brand
    )


@pytest.mark.parametrize(
    ("written", "name", "form"),
    [
        ("Troflios Medical S.à r.l.", "troflios medical", "sarl"),  # Luxembourg
        ("Troflios Medical S.a.r.l.", "troflios medical", "sarl"),
        ("Stukal Components DAC", "stukal components", "dac"),  # Ireland
        ("Stukal Components Designated Activity Company", "stukal components", "dac"),
        ("Eastbridge Trust CLG", "eastbridge trust", "clg"),
        ("Northwind ULC", "northwind", "ulc"),
        ("Quocheax Insurance A.E.", "quocheax insurance", "ae"),  # Greece, romanised
        ("Калото Строй ООД", "калото строи", "оод"),  # Bulgaria, in Cyrillic
        ("Калото Строй ЕООД", "калото строи", "еоод"),
        # words of a name that are not forms stay
        ("Acme Dac Consulting", "acme dac consulting", ""),
        ("Ad Agency", "ad agency", ""),
    ],
)
def test_legal_forms_of_luxembourg_ireland_greece_and_bulgaria(written, name, form):
    assert normalise_companies.company_name(written) == name
    assert organisations.legal_form(written) == form


@pytest.mark.parametrize(
    ("website", "page"),
    [
        ("https://www.amazon.com/stores/RulorBakery/page/4F2A", "amazon.com/rulorbakery"),
        ("https://www.amazon.co.uk/stores/Acme/page/77C1", "amazon.co.uk/acme"),
        ("https://www.ebay.com/str/acmegoods", "ebay.com/acmegoods"),
        ("https://stores.ebay.co.uk/acme", "ebay.co.uk/acme"),
        ("https://www.etsy.com/uk/shop/AcmeCraft?ref=shop_sugg", "etsy.com/acmecraft"),
        ("https://www.walmart.com/seller/acme", "walmart.com/acme"),
        ("https://www.amazon.com", ""),  # the marketplace itself: no page
        ("https://www.etsy.com/shop/AcmeCraft", "etsy.com/acmecraft"),  # as before
    ],
)
def test_a_marketplace_storefront_is_a_page_not_the_marketplaces_domain(website, page):
    assert organisations.own_domain(website) == page
    assert not organisations.is_domain_key(page)


def test_a_legal_form_set_off_by_a_comma_is_no_units_label():
    assert not organisations.unit_of("Rulor Bakery, Inc.", ["rulor", "bakery"], {})
    assert organisations.unit_of("Eastbrook University | Library", ["eastbrook", "university"], {})


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Initech, a Globex company", "initech"),
        ("Initech (a Globex Company)", "initech"),
        ("Initech (acq. by Globex)", "initech"),
        ("Initech - now part of Globex Corp", "initech"),
        ("Initech (a subsidiary of Globex Inc.)", "initech"),
        ("Initech, part of Globex", "initech"),
        # a name whose own words read so stays whole
        ("Part of the Family Bakery", "part of the family bakery"),
        ("Bought By Many Ltd", "bought by many"),
        ("Acme Division of Water Resources", "acme division of water resources"),
    ],
)
def test_an_ownership_note_after_a_name_is_no_part_of_it(written, name):
    assert normalise_companies.company_name(written) == name


def test_a_groups_switchboard_given_for_its_company_abroad_does_not_link_it(db, tmp_path):
    """The vendor copied the US parent's switchboard and domain onto its Dutch B.V.: another legal form in
    another country. The parent itself, on the same keys, still links."""
    accounts = (
        "Id,Name,Website,Phone,BillingStreet,BillingCity,BillingPostalCode,BillingCountry\n"
        '001000000000009AAA,"Quujair Solar, LLC",quujair.com,(617) 555-0134,285 Market Avenue,Boston,02110,'
        "United States\n"
        + "".join(
            f"00100000000{100 + n}AAA,Firm {n} Partners,firm{n}.com,(303) 555-0{300 + n},{n} Main Street,Denver,"
            f"802{10 + n},United States\n"
            for n in range(20)
        )
    )
    results = _link(
        tmp_path,
        "Q1,Quujair Solar B.V.,https://www.quujair.com,+1 617-555-0134,Stationsstraat 95,Amsterdam,1012 AB,"
        "Netherlands\n"
        'Q2,"Quujair Solar, LLC",https://www.quujair.com,+1 617-555-0134,285 Market Avenue,Boston,02110,'
        "United States\n",
        accounts,
    )
    assert results["Q1"][0] != "matched"
    assert results["Q2"] == ("matched", "001000000000009AAA")


@pytest.mark.parametrize(
    ("countries", "names", "expected"),
    [
        (("NL", "US"), ("Quujair Solar B.V.", "Quujair Solar, LLC"), True),
        (("NL", "US"), ("Quujair Solar", "Quujair Solar, LLC"), False),  # one form: nothing to compare
        (("US", "US"), ("Quujair Solar Inc.", "Quujair Solar, LLC"), False),  # one country
        (("GB", "IE"), ("Atlas Freight Limited", "Atlas Freight Ltd"), False),  # one form, two spellings
    ],
)
def test_registered_abroad_needs_two_countries_and_two_legal_forms(countries, names, expected):
    inbound, holder = {"country": countries[0]}, {"country": countries[1]}
    assert organisations.registered_abroad(inbound, holder, names) is expected


def test_a_university_trades_under_no_second_name(resolve_companies):
    """Its hospital, at its address, on its switchboard and a subdomain of its domain, is not the
    university's trading name."""
    from tests.identity.conftest import crm

    held = crm(
        "u1", name="Peziox University", domain="peziox.edu", phone="+1 918 555 0140",
        street="1009 Lake Street", city="Tulsa", postcode="74103", country="US",
    )  # fmt: skip
    fillers = [
        crm(f"f{n}", name=f"Firm {n} Partners", domain=f"firm{n}.com", city="Denver") for n in range(10)
    ]
    [result] = resolve_companies(
        [held, *fillers],
        {"external_id": "e1", "name": "Peziox University Hospital", "website": "https://health.peziox.edu/",
         "phone": "+1 918 555 0140", "street": "1009 Lake Street", "city": "Tulsa", "postcode": "74103",
         "country": "US"},
    )  # fmt: skip
    assert result.outcome != "matched"
    assert not organisations.trading_name_at_premises(
        {"company_name": "peziox university hospital", "street": "1009 lake street", "city": "tulsa",
         "phones": ["+19185550140"]},
        {"company_name": "peziox university", "street": "1009 lake street", "city": "tulsa",
         "phones": ["+19185550140"]},
        ("Peziox University Hospital", "Peziox University"),
    )  # fmt: skip
