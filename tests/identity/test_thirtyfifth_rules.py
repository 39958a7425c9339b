"""Rules found by the thirty-fifth generator (the UK Companies House register's bulk file against a Pipedrive
organizations export): the register's address and previous-name columns are read, its nations are the United
Kingdom, "CIC" is a legal form, a company registration number is a key (the register's id column is one) and
two numbers are two companies, a group's companies and firms named after other partners are other companies,
and a company renamed in place is found by the name it had."""

import csv

import pytest
from django.core.management import call_command

from identity_app import attributes, normalise_companies, normalise_places, organisations

PIPEDRIVE_HEADER = (
    "Organization - ID,Organization - Name,Organization - Address - Street/road name,"
    "Organization - Address - House number,Organization - Address - City/town/village/locality,"
    "Organization - Address - ZIP/Postal code,Organization - Address - Country,Organization - Company number\n"
)
# The register's header as its bulk file writes it, leading spaces and all (a few of its columns).
REGISTER_HEADER = (
    "CompanyName, CompanyNumber,RegAddress.AddressLine1, RegAddress.AddressLine2,RegAddress.PostTown,"
    "RegAddress.Country,RegAddress.PostCode,CompanyCategory,CompanyStatus,PreviousName_1.CONDATE,"
    " PreviousName_1.CompanyName\n"
)
TOWNS = [("Leeds", "LS1"), ("Bristol", "BS1"), ("Norwich", "NR2"), ("Reading", "RG1"), ("Sheffield", "S3")]
WORDS = [
    "Anvor",
    "Belmik",
    "Corvane",
    "Dastrel",
    "Elvoria",
    "Fenwold",
    "Gorask",
    "Hadrix",
    "Istova",
    "Jorvel",
]
TRADES = ["Design", "Logistics", "Consulting", "Builders"]


def _firms() -> list[tuple]:
    """A hundred companies (name, number, street, town, postcode): the CRM holds them all, the register
    sixty (enough for the model to be fitted)."""
    firms = []
    for n in range(100):
        town, area = TOWNS[n % len(TOWNS)]
        name = f"{WORDS[n % 10]} {TRADES[n // 10 % 4]}{'' if n < 40 else f' {WORDS[n // 10]}'}"
        firms.append((name, f"0{7100000 + n * 37}", f"{n + 3} High Street", town, f"{area} {n % 9}AB"))
    return firms


def _link(tmp_path, crm_rows: list[str], register_rows: list[str]) -> dict[str, tuple[str, str]]:
    """`identity_link` of register rows (with sixty of the hundred firms') against Pipedrive organizations
    (the hundred firms and `crm_rows`): each register row's (decision, crm id) by company number."""
    firms = _firms()
    crm_lines = [
        f"{100 + n},{name} Ltd,High Street,{street.split()[0]},{town},{postcode},United Kingdom,\n"
        for n, (name, _, street, town, postcode) in enumerate(firms)
    ]
    register_lines = [
        f"{name.upper()} LIMITED,{number},{street.upper()},,{town.upper()},ENGLAND,{postcode},"
        "Private Limited Company,Active,,\n"
        for name, number, street, town, postcode in firms[:60]
    ]
    (tmp_path / "pipedrive.csv").write_text(
        PIPEDRIVE_HEADER + "".join(crm_lines + crm_rows), encoding="utf-8"
    )
    (tmp_path / "register.csv").write_text(
        REGISTER_HEADER + "".join(register_lines + register_rows), encoding="utf-8"
    )
    call_command(
        "identity_link",
        str(tmp_path / "register.csv"),
        mirror_csv=str(tmp_path / "pipedrive.csv"),
        provider="pipedrive",
        object_name="organizations",
        kind="organisation",
        external_id_column=" CompanyNumber",
        train=True,
        out=str(tmp_path / "results.csv"),
        progress=False,
    )
    with (tmp_path / "results.csv").open(encoding="utf-8") as handle:
        return {row["external_id"]: (row["decision"], row["crm_id"]) for row in csv.DictReader(handle)}


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("RegAddress.AddressLine1", "street"),
        ("RegAddress.PostTown", "city"),
        ("RegAddress.PostCode", "postcode"),
        ("RegAddress.Country", "country"),
        ("Registered Address City", "city"),
    ],
)
def test_a_registers_registered_office_columns_are_the_address(label, field):
    assert attributes.field_for_column(label) == field


@pytest.mark.parametrize("written", ["SCOTLAND", "Wales", "NORTHERN IRELAND", "Cymru"])
def test_the_united_kingdoms_nations_are_its_country(written):
    assert normalise_places.country(written) == "GB"


@pytest.mark.parametrize("written", ["BRIO COMMUNITY INTEREST COMPANY", "Brio CIC", "Brio C.I.C."])
def test_a_community_interest_company_is_a_legal_form(written):
    assert normalise_companies.company_name(written) == "brio"


def test_a_registers_previous_names_are_other_names():
    profile = attributes.build_profile(
        {"company_name": "MIAQUYCK LIMITED", " PreviousName_1.CompanyName": "STIAM BUILDERS LTD",
         "PreviousName_1.CONDATE": "04/05/2019", " PreviousName_2.CompanyName": "STIAM LTD"},
        kind="organisation",
    )  # fmt: skip
    assert profile["extra"]["other_names"] == ["stiam builders", "stiam"]


@pytest.mark.parametrize(
    ("written", "country", "number"),
    [
        ("01234567", "GB", "01234567"),
        ("1234567", "GB", "01234567"),  # a spreadsheet dropped its leading zero
        ("sc 123456", "", "SC123456"),
        ("OC401234", "GB", "OC401234"),
        ("020 7946 0000", "GB", ""),  # a phone number in the field
        ("00000000", "GB", ""),
        ("123456", "IE", ""),  # another country's register
    ],
)
def test_a_uk_company_number_as_the_register_writes_it(written, country, number):
    assert normalise_companies.company_number(written, country) == number


def test_a_crms_company_number_field_is_read_in_the_united_kingdom():
    values = {
        "company_name": "Kivora Ltd",
        "country": "United Kingdom",
        "Organization - Company number": "7123",
    }
    assert attributes.build_profile(values, kind="organisation")["extra"] == {}  # too short for one
    values["Organization - Company number"] = "7123456"
    assert attributes.build_profile(values, kind="organisation")["extra"]["company_number"] == "07123456"
    assert attributes.company_number_column(["Name", " CompanyNumber"]) == " CompanyNumber"


@pytest.mark.parametrize(
    "label", ["Company Registration Number", "Companies House Number", "Company_Number__c"]
)
def test_a_crms_company_number_labels(label):
    assert attributes.company_number_column(["Name", label]) == label


@pytest.mark.parametrize(
    ("written", "held", "expected"),
    [
        ("Velmora Holdings Ltd", "VELMORA GROUP LIMITED", (("holdings",), ("group",))),
        ("Velmora (UK) Ltd", "VELMORA SERVICES LIMITED", (("uk",), ("services",))),
        ("Velmora Holding Ltd", "VELMORA HOLDINGS PLC", ()),  # one word, singular or plural
        # a holding company is a company of its own beside the one it owns (the forty-eighth's rule 4)
        ("Velmora", "VELMORA HOLDINGS LIMITED", ((), ("holdings",))),
        ("Velmora", "VELMORA GROUP LIMITED", ()),  # a name without a group word may be the group's
    ],
)
def test_other_group_companies_end_with_other_group_words(written, held, expected):
    assert organisations.other_group_companies(written, held) == expected


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("taylor and hill", "hill and hill", True),
        ("green and morris", "morris and morris", True),
        ("taylor and hill", "tayler and hill", False),  # a partner misspelt
        ("smith and sons", "smith and son", False),
        ("kivora design and build", "kivora design", False),
    ],
)
def test_a_firm_named_after_other_partners_is_another_firm(left, right, expected):
    assert organisations.word_substituted(left, right) is expected


def test_placed_alike_reads_the_postcode_else_the_town():
    leeds = {"postcode": "LS11AB", "city": "leeds", "country": "GB"}
    assert organisations.placed_alike(leeds, {"postcode": "LS11AB", "city": "leeds", "country": ""})
    assert not organisations.placed_alike(leeds, {"postcode": "LS29ZZ", "city": "leeds", "country": "GB"})
    assert organisations.placed_alike(leeds, {"postcode": "", "city": "leeds", "country": "GB"})
    assert not organisations.placed_alike(leeds, {"postcode": "", "city": "york", "country": "GB"})


def test_the_registers_company_number_finds_the_crms_trading_name(db, tmp_path):
    """The register keys its rows by the company number, which the CRM holds (leading zero lost) on the
    record of the name the company trades under, at its registered office."""
    results = _link(
        tmp_path,
        ["900,The Copper Kettle,Mill Lane,14,Leeds,LS6 2QT,United Kingdom,6543210\n"],
        [
            "KORVAM CATERING LIMITED,06543210,14 MILL LANE,,LEEDS,ENGLAND,LS6 2QT,Private Limited Company,Active,,\n"
        ],
    )
    assert results["06543210"] == ("matched", "900")


def _office(crm_id, name, street, postcode, city, number=""):
    from tests.identity.conftest import crm

    values = {"name": name, "street": street, "city": city, "postcode": postcode, "country": "United Kingdom"}
    return crm(crm_id, **values, **({"Company number": number} if number else {}))


def _register(number, name, street, postcode, city, former=""):
    record = {"external_id": number, "name": name, "street": street, "city": city, "postcode": postcode,
              "country": "ENGLAND", "CompanyNumber": number}  # fmt: skip
    return {**record, " PreviousName_1.CompanyName": former} if former else record


def _fillers():
    return [
        _office(f"f{n}", f"{WORDS[n % 10]}{WORDS[n // 10].lower()} {TRADES[n % 4]} Ltd", f"{n + 2} Bridge Street",
                f"M{n % 9 + 1} {n % 7}QD", "Manchester")
        for n in range(30)
    ]  # fmt: skip


def test_a_company_with_another_number_is_another_company(resolve_companies):
    """The CRM holds a dissolved company with its number; a newer one took its name at its premises (a
    phoenix company): not linked. The same name without a number in the CRM links."""
    phoenix, same = resolve_companies(
        [
            _office("k1", "Quenvar Joinery Ltd", "8 Station Road", "BS2 0JA", "Bristol", number="04111222"),
            _office("k2", "Wistral Joinery Ltd", "9 Station Road", "BS2 0JB", "Bristol"),
            *_fillers(),
        ],
        _register("12999888", "QUENVAR JOINERY LIMITED", "8 STATION ROAD", "BS2 0JA", "BRISTOL"),
        _register("12999777", "WISTRAL JOINERY LIMITED", "9 STATION ROAD", "BS2 0JB", "BRISTOL"),
    )
    assert same.outcome == "matched" and same.crm_id == "k2"
    assert phoenix.outcome != "matched"
    assert phoenix.candidates[0]["crm_id"] == "k1"


def test_a_groups_other_company_at_its_address_is_not_linked(resolve_companies):
    group, holdings = resolve_companies(
        [
            _office("g1", "Velmora Holdings Ltd", "40 York Road", "NR3 1XY", "Norwich"),
            _office("g2", "Velmora Services Ltd", "40 York Road", "NR3 1XY", "Norwich"),
            *_fillers(),
        ],
        _register("13444555", "VELMORA GROUP LIMITED", "40 YORK ROAD", "NR3 1XY", "NORWICH"),
        _register("13444556", "VELMORA HOLDINGS LIMITED", "40 YORK ROAD", "NR3 1XY", "NORWICH"),
    )
    assert holdings.outcome == "matched" and holdings.crm_id == "g1"
    assert group.outcome != "matched"


def test_a_firm_of_other_partners_at_a_shared_office_is_not_linked(resolve_companies):
    """An accountant's office holds many companies; "Taylor & Hill" is not "Hill & Hill", and the CRM's
    "Hill & Hill" is still found by its own name."""
    other, own = resolve_companies(
        [_office("p1", "Hill & Hill Ltd", "23 George Street", "S1 9PM", "Sheffield"), *_fillers()],
        _register("14222333", "TAYLOR & HILL LIMITED", "23 GEORGE STREET", "S1 9PM", "SHEFFIELD"),
        _register("14222334", "HILL & HILL LTD", "23 GEORGE STREET", "S1 9PM", "SHEFFIELD"),
    )
    assert own.outcome == "matched" and own.crm_id == "p1"
    assert other.outcome != "matched"


def test_a_company_renamed_in_place_is_found_by_its_former_name(resolve_companies):
    """The register gives the name the company had, which the CRM holds at its postcode: linked. The same
    former name at another postcode is not, nor where the CRM also holds the new name."""
    renamed, moved, taken = resolve_companies(
        [
            _office("r1", "Stiam Builders Ltd", "95 Wellington Road", "RG1 7WD", "Reading"),
            _office("r2", "Orvik Media Ltd", "5 Church Street", "LS2 8QQ", "Leeds"),
            _office("r3", "Trelan Design Ltd", "7 Mill Lane", "CB1 2AB", "Cambridge"),
            _office("r4", "Sorvel Design Ltd", "7 Mill Lane", "CB1 2AB", "Cambridge"),
            *_fillers(),
        ],
        _register("15333444", "MIAQUYCK LIMITED", "95 WELLINGTON ROAD", "RG1 7WD", "READING",
                  former="STIAM BUILDERS LTD"),
        _register("15333445", "PELTRAM LIMITED", "77 CASTLE STREET", "LS9 1AA", "LEEDS", former="ORVIK MEDIA LTD"),
        _register("15333446", "SORVEL DESIGN LIMITED", "7 MILL LANE", "CB1 2AB", "CAMBRIDGE",
                  former="TRELAN DESIGN LTD"),
    )  # fmt: skip
    assert renamed.outcome == "matched" and renamed.crm_id == "r1"
    assert moved.outcome != "matched"
    assert taken.crm_id != "r3"
