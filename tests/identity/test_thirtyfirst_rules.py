"""Rules found by the thirty-first generator (a startup database's company export, as Crunchbase writes it,
against a HubSpot companies export): Crunchbase's "Headquarters Location" read as the organisation's place; the
LinkedIn company page read in any written form, a key where no other key decides, not one across two countries;
the other names a record gives the organisation ("Also Known As", "Legal Name", a description's "formerly ...");
and the buyer a bought company's record names, never its record."""

import csv

import pytest
from django.core.management import call_command

from identity_app import attributes, blocking, normalise_companies, normalise_emails, organisations
from identity_app.attributes import EntityKind


@pytest.mark.parametrize("label", ["Headquarters Location", "HQ Location"])
def test_a_company_databases_headquarters_location_is_read_as_its_location(label):
    assert attributes.field_for_column(label) == "location"


@pytest.mark.parametrize(
    "written",
    [
        "https://www.linkedin.com/company/kivora-health",
        "https://www.linkedin.com/company/Kivora-Health/about/",
        "linkedin.com/company/kivora-health/",
        "http://uk.linkedin.com/company/kivora-health?trk=public_profile_topcard-name",
        "https://linkedin.com/company/kivora%2Dhealth#posts",
    ],
)
def test_a_linkedin_company_page_is_one_address_however_written(written):
    assert normalise_emails.company_page(written) == "linkedin.com/company/kivora-health"


@pytest.mark.parametrize(
    "written",
    [
        "https://www.linkedin.com/in/jane-doe-1a2b",  # a person's profile
        "https://www.linkedin.com/showcase/kivora-cloud/",  # a product's page
        "https://www.linkedin.com/company/",
        "https://kivora.com/company/kivora",
        "",
    ],
)
def test_other_addresses_are_no_company_page(written):
    assert normalise_emails.company_page(written) == ""


def _organisation(values: dict, kind: str = EntityKind.ORGANISATION) -> dict:
    return attributes.build_profile(values, attribute_map=attributes.DEFAULT_ATTRIBUTE_MAP, kind=kind)


def test_an_organisations_page_and_other_names_are_read_from_their_columns():
    profile = _organisation(
        {
            "name": "Mivova Money",
            "LinkedIn Company Page": "linkedin.com/company/jasyr-money/",
            "Also Known As": "Jasyr Money, Jasyr Money, Inc.; Jasyr",
            "Legal Name": "Mivova Fintech Ltd",
            "Acquired by": "Brikyl Labs, Inc.",
        }
    )
    assert profile["extra"]["company_page"] == "linkedin.com/company/jasyr-money"
    assert profile["extra"]["other_names"] == ["jasyr money", "jasyr money", "jasyr", "mivova fintech"]
    assert profile["extra"]["acquired_by"] == normalise_companies.company_name("Brikyl Labs")


def test_a_persons_linkedin_column_is_no_company_page():
    profile = _organisation(
        {"name": "Jane Doe", "LinkedIn": "https://www.linkedin.com/company/acme"}, "person"
    )
    assert "company_page" not in profile["extra"]


@pytest.mark.parametrize(
    ("description", "name", "former"),
    [
        ("Mivova Money (formerly Jasyr Money) builds fintech tools.", "Mivova Money", "jasyr money"),
        ("Acme Health, formerly known as Widgets, runs clinics.", "Acme Health Inc.", "widgets"),
        ("Acme (previously Widgets Inc.) makes tools.", "Acme", "widgets"),
        ("Acme builds tools; it was spun out of Foo (formerly Bar).", "Acme", ""),  # another company's
        ("Acme builds tools.", "Acme", ""),
    ],
)
def test_a_former_name_is_read_only_right_after_the_organisations_own_name(description, name, former):
    assert normalise_companies.former_name_noted(description, name) == former


def test_another_name_a_record_gives_agrees_with_the_other_records_name():
    inbound = {"company_name": "mivova money", "extra": {"other_names": ["jasyr money"]}}
    holder = {"company_name": "jasyr money", "extra": {}}
    assert organisations.other_name_agrees(inbound, holder, ("Mivova Money", "Jasyr Money"), 0.75)
    assert organisations.other_name_agrees(holder, inbound, ("Jasyr Money", "Mivova Money"), 0.75)
    assert not organisations.other_name_agrees(
        {"company_name": "mivova money", "extra": {}}, holder, ("Mivova Money", "Jasyr Money"), 0.75
    )


def test_a_bought_companys_buyer_is_not_its_record():
    bought = {"company_name": "brikyl riakur", "extra": {"acquired_by": "brikyl labs"}}
    assert organisations.bought_by_holder(bought, {"company_name": "brikyl labs"}, 0.75) == "brikyl labs"
    assert not organisations.bought_by_holder(bought, {"company_name": "riakur therapeutics"}, 0.75)


def test_other_names_are_searched_as_the_company_name():
    profile = {"company_name": "mivova money", "extra": {"other_names": ["jasyr money", "mivova money"]}}
    keys = blocking.other_name_keys(profile, [("company_name",), ("phone",)])
    assert keys == blocking.search_keys({"company_name": "jasyr money"}, [("company_name",)])


HUBSPOT_COMPANIES = (
    "Record ID,Company name,Company Domain Name,Phone Number,City,State/Region,Country/Region,"
    "LinkedIn Company Page\n"
    "9001,Kloge Solar,,,Austin,TX,United States,linkedin.com/company/kloge-solar/\n"
    "9002,Brikyl Labs,brikyl.com,(512) 555-0100,Austin,TX,United States,\n"
    "9003,Riakur Therapeutics,riakur.co,(512) 555-0101,Austin,TX,United States,"
    "https://www.linkedin.com/company/riakurtherapeutics\n"
    "9004,Klitrax Venture Partners,klitraxhq.com,+1 201-549-0124,Austin,TX,US,"
    "https://www.linkedin.com/company/klitrax-venture-partners\n"
    "9005,Shoshex Contractors S.r.l.,,,Torino,,Italy,https://www.linkedin.com/company/shoshex-contractors\n"
    "9006,Quaistabex Labs,quaistabex.io,,Vienna,,Austria,\n"
    "9007,Quaistabex Labs,,,Vienna,,Austria,https://www.linkedin.com/company/quaistabex-labs\n"
    "9008,Jasyr Money,jasyr.us,,San Francisco,CA,USA,https://www.linkedin.com/company/jasyr-money\n"
    + "".join(
        f"{9100 + n},Firma {n} Software,firma{n}.com,(415) 555-{n:04d},Denver,CO,United States,\n"
        for n in range(20)
    )
)
CRUNCHBASE_HEADER = (
    "Organization Name,Organization Name URL,Also Known As,Website,LinkedIn,Headquarters Location,"
    "Acquired by\n"
)


def _link(tmp_path, rows: str) -> dict[str, tuple[str, str]]:
    (tmp_path / "organizations.csv").write_text(CRUNCHBASE_HEADER + rows, encoding="utf-8")
    (tmp_path / "companies.csv").write_text(HUBSPOT_COMPANIES, encoding="utf-8")
    call_command(
        "identity_link",
        str(tmp_path / "organizations.csv"),
        mirror_csv=str(tmp_path / "companies.csv"),
        provider="hubspot",
        object_name="companies",
        kind="organisation",
        external_id_column="Organization Name URL",
        out=str(tmp_path / "results.csv"),
        progress=False,
    )
    with (tmp_path / "results.csv").open(encoding="utf-8") as handle:
        return {
            row["external_id"]: (row["decision"], row["crm_id"], row["method"])
            for row in csv.DictReader(handle)
        }


def test_a_company_without_a_domain_in_the_crm_is_found_by_its_linkedin_page(db, tmp_path):
    results = _link(
        tmp_path,
        "Kloge Solar,cb/kloge-solar,,https://klogeapp.com,https://www.linkedin.com/company/kloge-solar?trk=x,"
        '"Austin, Texas, United States",\n',
    )
    assert results["cb/kloge-solar"] == ("matched", "9001", "company_page")


def test_a_bought_company_on_its_buyers_domain_is_found_by_its_own_page_not_the_buyer(db, tmp_path):
    results = _link(
        tmp_path,
        "Riakur Therapeutics,cb/riakur,,https://brikyl.com/riakur,http://www.linkedin.com/company/riakurtherapeutics,"
        '"Austin, Texas, United States",Brikyl Labs\n'
        # renamed under its buyer's brand, its old name kept
        "Brikyl Riakur,cb/brikyl-riakur,Riakur Therapeutics,https://riakur.brikyl.com,"
        'https://linkedin.com/company/riakurtherapeutics/,"Austin, Texas, United States",Brikyl Labs\n',
    )
    assert results["cb/riakur"] == ("matched", "9003", "company_page")
    assert results["cb/brikyl-riakur"] == ("matched", "9003", "company_page")


def test_a_funds_regional_affiliate_abroad_on_the_funds_domain_is_not_the_fund(db, tmp_path):
    results = _link(
        tmp_path,
        "Klitrax Venture Partners Israel,cb/klitrax-israel,,https://israel.klitraxhq.com,"
        'http://www.linkedin.com/company/klitrax-venture-partners-israel,"Tel Aviv, Tel Aviv, Israel",\n',
    )
    assert results["cb/klitrax-israel"][0] != "matched"


def test_a_page_given_by_records_in_two_countries_is_a_groups_not_a_key(db, tmp_path):
    results = _link(
        tmp_path,
        "Shoshex Contractors,cb/shoshex,,https://shoshexcontractors.com,"
        'https://www.linkedin.com/company/shoshex-contractors,"Atlanta, Georgia, United States",\n',
    )
    assert results["cb/shoshex"][0] != "matched"


def test_a_crm_duplicate_with_the_domain_on_one_record_and_the_page_on_the_other_is_linked_by_the_domain(
    db, tmp_path
):
    results = _link(
        tmp_path,
        "Quaistabex Labs,cb/quaistabex,,https://www.quaistabex.io/en,"
        'https://www.linkedin.com/company/quaistabex-labs,"Vienna, Wien, Austria",\n',
    )
    assert results["cb/quaistabex"] == ("matched", "9006", "domain")


def test_a_rebranded_company_is_found_by_its_page_when_it_gives_its_old_name(db, tmp_path):
    results = _link(
        tmp_path,
        "Mivova Money,cb/mivova,Jasyr Money,https://mivova.com,https://www.linkedin.com/company/jasyr-money,"
        '"San Francisco, California, United States",\n'
        "Mivova Pay,cb/mivova-pay,,https://mivovapay.com,https://www.linkedin.com/company/jasyr-money,"
        '"San Francisco, California, United States",\n',
    )
    assert results["cb/mivova"] == ("matched", "9008", "company_page")
    assert results["cb/mivova-pay"][0] != "matched"  # another name, and no word of the old one


def test_a_bought_company_giving_its_buyers_name_among_its_own_is_not_linked_to_the_buyer(db, tmp_path):
    """ "Also Known As" alone would make the buyer's name one of the bought company's: "Acquired by" says it
    is another company."""
    results = _link(
        tmp_path,
        'Riakur,cb/riakur,"Riakur, a Brikyl company; Brikyl Labs",https://brikyl.com/riakur,,'
        '"Austin, Texas, United States",Brikyl Labs\n',
    )
    assert results["cb/riakur"][0] != "matched"
