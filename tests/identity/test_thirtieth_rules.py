"""Rules found by the thirtieth generator (the US NPPES NPI registry's download against a medical-device team's
HubSpot contacts): the registry's column labels, a provider's NPI compared as the person's identifier (the
registry's id column too), an organisation's record that names no person, and a group practice's address,
which is no home."""

import csv
import io

import pytest
from django.core.management import call_command

from identity_app import attributes, csv_io
from tests.identity.conftest import crm, filler_records
from tests.identity.test_home_address_rules import with_national_id


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Provider First Name", "first_name"),
        ("Provider Last Name (Legal Name)", "last_name"),
        ("Provider Name Suffix Text", "name_suffix"),
        ("Provider Organization Name (Legal Business Name)", "company_name"),
        ("Provider First Line Business Practice Location Address", "street"),
        ("Provider Business Practice Location Address City Name", "city"),
        ("Provider Business Practice Location Address State Name", "state"),
        ("Provider Business Practice Location Address Postal Code", "postcode"),
        ("Provider Business Practice Location Address Telephone Number", "phone"),
        ("Provider Business Mailing Address Telephone Number", "phones"),
        # a credential, a prefix and a fax are no part of a person's name or line
        ("Provider Credential Text", ""),
        ("Provider Name Prefix Text", ""),
        ("Provider Business Practice Location Address Fax Number", ""),
        ("Fax Number", ""),
    ],
)
def test_the_registrys_columns_are_read(label, field):
    assert attributes.field_for_column(label) == field


def test_a_provider_number_column_is_found_by_its_label():
    assert attributes.provider_number_column(["Record ID", "NPI Number", "Email"]) == "NPI Number"
    assert attributes.provider_number_column(["NPI", "Entity Type Code"]) == "NPI"
    assert (
        attributes.provider_number_column(["National Provider Identifier"]) == "National Provider Identifier"
    )
    assert (
        attributes.provider_number_column(["Replacement NPI", "Employer Identification Number (EIN)"]) == ""
    )
    assert attributes.provider_number_column(["NPI", "NPI Number"]) == ""  # two: which is the person's?


def test_an_inbound_file_can_carry_its_id_as_an_attribute():
    text = "NPI,Provider First Name\n1234567893,ANITA\n"
    for lines in (io.StringIO(text), io.StringIO(text + "\n")):
        [record] = list(csv_io.InboundFile(lines, id_column="NPI", id_attribute="NPI"))
        assert record["external_id"] == "1234567893"
        assert record["attributes"] == {"NPI": "1234567893", "first_name": "ANITA"}
    [record] = list(csv_io.InboundFile(io.StringIO(text), id_column="NPI"))
    assert "NPI" not in record["attributes"]


HUBSPOT = [
    {
        "Record ID": "501",
        "First Name": "Anita",
        "Last Name": "Rao, MD",
        "Phone Number": "(312) 649-7120",
        "Company Name": "Lakeshore Cardiology",
        "Street Address": "1200 N Lake Shore Dr",
        "City": "Chicago",
        "Postal Code": "60611",
        "NPI Number": "1234567893",
    },
    {
        "Record ID": "502",
        "First Name": "Omar",
        "Last Name": "Whitfield",
        "Phone Number": "(312) 649-7120",
        "Company Name": "Lakeshore Cardiology",
        "Street Address": "1200 N Lake Shore Dr",
        "City": "Chicago",
        "Postal Code": "60611",
    },
]
NPPES = [
    # moved: another practice, another line, her NPI
    {
        "NPI": "1234567893",
        "Entity Type Code": "1",
        "Provider Last Name (Legal Name)": "RAO",
        "Provider First Name": "ANITA",
        "Provider Credential Text": "M.D.",
        "Provider First Line Business Practice Location Address": "88 W OAK ST",
        "Provider Business Practice Location Address City Name": "CHICAGO",
        "Provider Business Practice Location Address Postal Code": "606103021",
        "Provider Business Practice Location Address Telephone Number": "7735550187",
    }
]


def _write(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_the_offline_cli_compares_a_providers_npi_in_the_registrys_id_column(db, tmp_path, capsys):
    out = tmp_path / "results.csv"
    call_command(
        "identity_link",
        str(_write(tmp_path / "nppes.csv", NPPES)),
        provider="hubspot",
        object_name="contacts",
        kind="person",
        mirror_csv=str(_write(tmp_path / "hubspot.csv", HUBSPOT)),
        external_id_column="NPI",
        out=str(out),
        progress=False,
    )
    assert "National Provider Identifier" in capsys.readouterr().err
    [row] = csv.DictReader(out.open(encoding="utf-8"))
    assert row["candidate_1"].startswith("501 ")


@pytest.fixture
def probabilistic(mirror, rules):
    rules.probabilistic_enabled = True
    rules.save()
    return lambda *records: mirror(*records, *filler_records())


PRACTICE = {"phone": "(312) 649-7120", "company": "Oakwood Internal Medicine Specialists"}


def test_a_record_naming_a_company_and_no_person_is_not_the_lines_one_holder(probabilistic, resolve):
    """A registry's organisation (NPPES entity type 2) gives the practice's main line, which the CRM holds on
    its practice manager's record alone: the line is the practice's, not hers."""
    probabilistic(crm("601", firstname="Hannah", lastname="Donnelly", **PRACTICE))
    [organisation] = resolve(
        {
            "external_id": "o1",
            "company_name": "OAKWOOD INTERNAL MEDICINE SPECIALISTS PC",
            "phone": "3126497120",
        }
    )
    assert organisation.outcome != "matched"
    [person] = resolve({"external_id": "p1", "full_name": "Hannah Donnelly", "phone": "3126497120"})
    assert (person.outcome, person.crm_id) == ("matched", "601")


WORKPLACE = {"street": "2450 W Maple Ave", "city": "Chicago", "postcode": "60689"}


@pytest.mark.parametrize(("company", "linked"), [("Crossroads Family Medicine", False), ("", True)])
def test_a_workplaces_address_does_not_lift_a_name_veto_beside_an_identifier(
    enabled, mirror, resolve, company, linked
):
    """A colleague's record holds this provider's number (a rep's slip down the group's roster): the two share
    the practice's address, which is no home when the record names its employer. Without an employer the
    address is a home, and the number with it lifts the surname's veto (`test_personal_identifier_rules`).
    The first names are one name ("Bill" for William): two first names of two people are vetoed beside a
    home too (`test_thirtyseventh_rules`: a home is a family's)."""
    with_national_id(enabled)
    colleague = crm(
        "701",
        firstname="William",
        lastname="Anderson",
        national_id="2377078094",
        company=company,
        **WORKPLACE,
    )
    mirror(colleague, *filler_records())
    written = {"first_name": "Bill", "last_name": "Nelson", **{k: v.lower() for k, v in WORKPLACE.items()}}
    [result] = resolve({"external_id": "n1", "national_id": "2377078094", **written})
    assert (result.outcome == "matched" and result.crm_id == "701") is linked
