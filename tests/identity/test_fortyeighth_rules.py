"""Rules found by the forty-eighth generator (a Nordic wholesaler's Pipedrive organizations against Norway's register
of legal entities, Brønnøysund's Enhetsregisteret, its main units and sub-units): the register's columns are read
(the name, a main unit's business address, a sub-unit's location, the website), the Nordic registers' numbers are
read and checked (Norway's organisasjonsnummer, also in its VAT form; Sweden's organisationsnummer; Denmark's
CVR-nummer), an address a CRM keeps in one field ("Storgata 12, 8006 Bodø, Norway") is read as its parts, a
holding company is apart from the company it owns, and a sub-unit in one town is not its company's record in
another. None of these tests reads an outside file."""

import pytest

from identity_app import attributes, blocking, normalise_companies, normalise_places, organisations
from tests.identity.conftest import crm

ORGNR = "943958815"  # MOD11 check digit valid
OTHER_ORGNR = "919884096"
SUB_UNIT_ROW = {
    "organisasjonsnummer": OTHER_ORGNR,
    "navn": "SOLGÅRDLUND MASKIN AS",
    "organisasjonsform.kode": "BEDR",
    "organisasjonsform.beskrivelse": "Underenhet til næringsdrivende og offentlig forvaltning",
    "hjemmeside": "www.solgardlund.no",
    "forretningsadresse.adresse": "",
    "forretningsadresse.postnummer": "",
    "forretningsadresse.poststed": "",
    "forretningsadresse.land": "",
    "beliggenhetsadresse.adresse": "Bryggeveien 76",
    "beliggenhetsadresse.postnummer": "7080",
    "beliggenhetsadresse.poststed": "TRONDHEIM",
    "beliggenhetsadresse.kommune": "TRONDHEIM",
    "beliggenhetsadresse.land": "Norge",
    "postadresse.adresse": "Postboks 603",
    "postadresse.postnummer": "7081",
    "postadresse.poststed": "TRONDHEIM",
    "overordnetEnhet": ORGNR,
}


def _register_profile(row: dict) -> dict:
    renames = attributes.recognised_columns(list(row), keep=("organisasjonsnummer",))
    return attributes.build_profile({renames.get(k, k): v for k, v in row.items()}, kind="organisation")


def test_the_registers_name_address_and_website_are_read():
    renames = attributes.recognised_columns(list(SUB_UNIT_ROW), keep=("organisasjonsnummer",))
    assert renames["navn"] == "company_name"
    assert renames["hjemmeside"] == "website"
    assert renames["forretningsadresse.poststed"] == "city"
    assert renames["beliggenhetsadresse.poststed"] in attributes.DEFAULT_ATTRIBUTE_MAP["city"]
    assert not any(label.startswith("postadresse") for label in renames)  # a post box is no place of business


def test_a_sub_units_location_is_its_address_and_its_main_unit_is_kept():
    profile = _register_profile(SUB_UNIT_ROW)
    assert profile["company_name"] == "solgardlund maskin"
    assert (profile["street"], profile["postcode"], profile["city"], profile["country"]) == (
        "bryggeveien 76",
        "7080",
        "trondheim",
        "NO",
    )
    assert profile["extra"]["company_number"] == f"NO{OTHER_ORGNR}"
    assert profile["extra"]["main_unit"] == f"NO{ORGNR}"


@pytest.mark.parametrize(
    ("written", "country", "number"),
    [
        ("943958815", "NO", "NO943958815"),
        ("943 958 815", "", "NO943958815"),
        ("NO 943 958 815 MVA", "NO", "NO943958815"),  # the VAT form an invoice writes
        ("NO943958815MVA", "", "NO943958815"),
        ("943958816", "NO", ""),  # a slipped digit: the check digit fails
        ("943958815", "SE", ""),  # another country's register
        ("556036-0793", "", "SE5560360793"),  # Swedish, Luhn check digit
        ("5560360793", "SE", "SE5560360793"),
        ("5560360794", "SE", ""),
        ("5560360793", "", ""),  # ten digits alone may be a phone number
        ("13585628", "DK", "DK13585628"),  # Danish CVR, MOD11
        ("DK 13585628", "DK", "DK13585628"),
        ("13585629", "DK", ""),
    ],
)
def test_a_nordic_register_number_is_read_only_when_its_check_digit_holds(written, country, number):
    assert normalise_companies.company_number(written, country) == number


def test_a_crms_org_nr_field_is_read_as_the_company_number():
    profile = attributes.build_profile(
        {
            "company_name": "Solgårdlund Maskin AS",
            "country": "Norway",
            "Organization - Org.nr.": "943 958 815",
        },
        kind="organisation",
    )
    assert profile["extra"]["company_number"] == f"NO{ORGNR}"
    assert organisations.other_company_numbers(_register_profile(SUB_UNIT_ROW), profile) == (
        f"NO{OTHER_ORGNR}",
        f"NO{ORGNR}",
    )


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("Storgata 12, 8006 Bodø, Norway", ("Storgata 12", "8006", "Bodø", "Norway")),
        ("Skolegata 78, 3051 Mjøndalen", ("Skolegata 78", "3051", "Mjøndalen", "")),
        ("Drottninggatan 5, 111 51 Stockholm, Sweden", ("Drottninggatan 5", "111 51", "Stockholm", "Sweden")),
        ("Damrak 1, 1012 LG Amsterdam", ("Damrak 1", "1012 LG", "Amsterdam", "")),
        ("12 High Street, London", None),  # no postcode before a town
        ("1 Main St, Springfield, IL 62701", None),  # the postcode after its town and state
    ],
)
def test_an_address_in_one_field_is_read_as_its_parts(line, parts):
    found = normalise_places.comma_address(line)
    expected = (
        None if parts is None else dict(zip(("street", "postcode", "city", "country"), parts, strict=True))
    )
    if expected is not None and not expected["country"]:
        del expected["country"]
    assert found == expected


def test_a_pipedrive_address_typed_in_one_line_gives_the_town_and_postcode():
    profile = attributes.build_profile(
        {"company_name": "Sørrud Maling AS", "address": "Industriveien 33, 4640 Søgne"}, kind="organisation"
    )
    assert (profile["street"], profile["postcode"], profile["city"]) == ("industriveien 33", "4640", "sogne")
    given = attributes.build_profile(
        {"company_name": "Sørrud Maling AS", "street": "Industriveien", "city": "Kristiansand", "postcode": "4608",
         "address": "Industriveien 33, 4640 Søgne"},
        kind="organisation",
    )  # fmt: skip
    assert (given["postcode"], given["city"]) == ("4608", "kristiansand")  # the parts it gives are its own


@pytest.mark.parametrize(
    ("written", "held", "apart"),
    [
        ("NORDVIK BYGG HOLDING AS", "Nordvik Bygg", True),
        ("NORDVIK BYGG AS", "Nordvik Bygg Holding AS", True),
        ("Nordvik Bygg Holding GmbH", "Nordvik Bygg GmbH", True),
        ("NORDVIK BYGG HOLDING AS", "Nordvik Bygg Holding", False),
        ("NORDVIK BYGG AS", "Nordvik Bygg", False),
        ("Velmora Holdings Ltd", "VELMORA GROUP LIMITED", True),  # two group words, as before
        ("Torzenrav Holding", "Torzenrav Holding N.V.", False),  # a form written with dots is a form
    ],
)
def test_a_holding_company_is_apart_from_the_company_it_owns(written, held, apart):
    assert bool(organisations.other_group_companies(written, held)) is apart


def _organization(crm_id, name, street, postcode, city, **fields):
    return crm(crm_id, name=name, street=street, postcode=postcode, city=city, country="Norway", **fields)


def _fillers():
    words = [
        "Fjellvik",
        "Strandheim",
        "Bergdal",
        "Skoglund",
        "Havnes",
        "Solbakk",
        "Lysmark",
        "Myrstad",
        "Elvetun",
    ]
    return [
        _organization(
            f"f{n}", f"{words[n % 9]} {words[n // 9]} Transport AS", f"Storgata {n + 2}", "0150", "Oslo"
        )
        for n in range(27)
    ]


def test_the_holding_company_at_its_operating_companys_address_is_not_linked(resolve_companies):
    address = {"street": "Løkkeveien 79", "postcode": "4151", "city": "Vikevåg"}
    holding, operating = resolve_companies(
        [_organization("o1", "Tårhaugbakk Byggvarer", **address, website="tarhaugbakk.no"), *_fillers()],
        {"external_id": "x1", "name": "TÅRHAUGBAKK BYGGVARER HOLDING AS", **address, "country": "NO",
         "website": "www.tarhaugbakk.no"},
        {"external_id": "x2", "name": "TÅRHAUGBAKK BYGGVARER AS", **address, "country": "NO",
         "website": "www.tarhaugbakk.no"},
    )  # fmt: skip
    assert holding.outcome != "matched"
    assert (operating.outcome, operating.crm_id) == ("matched", "o1")


def test_a_sub_unit_is_not_its_companys_record_in_another_town(resolve_companies):
    shop = {"name": "KVITVANGVIK TRELAST AS", "country": "NO", "website": "www.kvitvangvik.no",
            "overordnetEnhet": ORGNR}  # fmt: skip
    elsewhere, here = resolve_companies(
        [_organization("m1", "Kvitvangvik Trelast AS", "Løkkeveien 7", "6005", "Ålesund", website="kvitvangvik.no"),
         _organization("s1", "Kvitvangvik Trelast avd. Bodø", "Sjøgata 10", "8006", "Bodø", website="kvitvangvik.no"),
         *_fillers()],
        {"external_id": "x1", **shop, "street": "Tollbugata 68", "postcode": "1580", "city": "RYGGE"},
        {"external_id": "x2", **shop, "street": "Sjøgata 10", "postcode": "8006", "city": "BODØ"},
    )  # fmt: skip
    assert elsewhere.outcome != "matched"
    assert (here.outcome, here.crm_id) == ("matched", "s1")


def test_a_sub_unit_elsewhere_is_told_only_by_town_and_postcode_both():
    shop = {"city": "rygge", "postcode": "1580", "extra": {"main_unit": f"NO{ORGNR}"}}
    assert organisations.sub_unit_elsewhere(shop, {"city": "alesund", "postcode": "6005"}) == f"NO{ORGNR}"
    assert organisations.sub_unit_elsewhere(shop, {"city": "rygge", "postcode": "1581"}) == ""
    assert organisations.sub_unit_elsewhere(shop, {"city": "alesund", "postcode": ""}) == ""
    assert (
        organisations.sub_unit_elsewhere({**shop, "extra": {}}, {"city": "alesund", "postcode": "6005"}) == ""
    )


@pytest.mark.parametrize(
    ("written", "city", "name"),
    [
        ("Solgårdlund Maskin avd. Trondheim", "trondheim", "Solgårdlund Maskin"),
        ("SOLGÅRDLUND MASKIN AS AVD TRONDHEIM", "trondheim", "SOLGÅRDLUND MASKIN AS"),
        ("Solgårdlund Maskin afd. Aarhus", "arhus", "Solgårdlund Maskin"),
        ("SOLGÅRDLUND MASKIN AS AVD TRONDHEIM", "bergen", ""),  # another town's branch
    ],
)
def test_a_norwegian_or_danish_branch_label_before_its_town(written, city, name):
    assert organisations.office_name(written, city) == name


@pytest.mark.parametrize(
    ("typed", "register"),
    [("Roedberg Consult", "RØDBERG CONSULT AS"), ("Oestoey Maling", "ØSTØY MALING AS"),
     ("Saeteraas Maling AS", "SÆTERÅS MALING AS"), ("Blaasund Havbruk", "BLÅSUND HAVBRUK AS")],
)  # fmt: skip
def test_a_name_typed_without_its_nordic_letters_is_the_name(typed, register):
    typed, register = normalise_companies.company_name(typed), normalise_companies.company_name(register)
    assert normalise_companies.company_similarity(typed, register) >= normalise_companies.SPELLED_ALIKE - 0.05
    assert set(blocking.company_tokens(typed)) & set(blocking.company_tokens(register)) - {
        "consult",
        "maling",
    }


@pytest.mark.parametrize(
    ("typed", "register"), [("Aalesund", "ÅLESUND"), ("Aas", "ÅS"), ("Tromsoe", "TROMSØ")]
)
def test_a_town_typed_without_its_nordic_letters_is_the_town(typed, register):
    assert normalise_places.city(typed) == normalise_places.city(register)


def test_a_tie_between_a_holding_and_the_company_it_owns_is_settled_by_the_group_words():
    tied = [("o1", "Bjørkdalbakk Consult"), ("h1", "Bjørkdalbakk Consult Holding AS")]
    assert organisations.group_word_choice("BJØRKDALBAKK CONSULT HOLDING AS", tied) == "h1"
    assert organisations.group_word_choice("BJØRKDALBAKK CONSULT AS", tied) == "o1"
    assert (
        organisations.group_word_choice("BJØRKDALBAKK CONSULT AS", [*tied, ("o2", "Bjørkdalbakk Consult AS")])
        == ""
    )


def test_the_holding_company_held_beside_its_operating_company_is_linked(resolve_companies):
    address = {"street": "Dronningens gate 78", "postcode": "4640", "city": "Søgne"}
    holding, operating = resolve_companies(
        [_organization("o1", "Bjørkdalbakk Consult", **address), _organization("h1", "Bjørkdalbakk Consult Holding AS",
         **address), *_fillers()],
        {"external_id": "x1", "name": "BJØRKDALBAKK CONSULT HOLDING AS", **address, "country": "NO"},
        {"external_id": "x2", "name": "BJØRKDALBAKK CONSULT AS", **address, "country": "NO"},
    )  # fmt: skip
    assert (holding.outcome, holding.crm_id) == ("matched", "h1")
    assert (operating.outcome, operating.crm_id) == ("matched", "o1")


def test_a_shops_record_under_its_main_units_number_is_the_shop_at_its_own_address_only():
    shop = _register_profile(SUB_UNIT_ROW)
    here = {"street": "bryggeveien 76", "postcode": "7080", "extra": {"company_number": f"NO{ORGNR}"}}
    assert organisations.main_units_number_here(shop, here)
    assert not organisations.main_units_number_here(shop, {**here, "street": "storgata 1"})
    assert not organisations.main_units_number_here(
        shop, {**here, "extra": {"company_number": "NO886203101"}}
    )


def test_a_shops_record_under_its_main_units_number_is_linked(resolve_companies):
    [shop] = resolve_companies(
        [_organization("s1", "Solgårdlund Maskin avd. Trondheim", "Bryggeveien 76", "7080", "Trondheim",
                       **{"Org.nr.": f"NO {ORGNR} MVA"}),
         _organization("m1", "Solgårdlund Maskin AS", "Storgata 3", "0150", "Oslo", **{"Org.nr.": ORGNR}),
         *_fillers()],
        {"external_id": OTHER_ORGNR, "name": "SOLGÅRDLUND MASKIN AS AVD TRONDHEIM", "street": "Bryggeveien 76",
         "postcode": "7080", "city": "TRONDHEIM", "country": "NO", "organisasjonsnummer": OTHER_ORGNR,
         "overordnetEnhet": ORGNR},
    )  # fmt: skip
    assert (shop.outcome, shop.crm_id) == ("matched", "s1")


@pytest.mark.parametrize(
    "written",
    [
        "SVEA LOGISTIK AB NUF",
        "SVEA LOGISTIK AB, FILIAL I NORGE",
        "Svea Logistik AB norsk filial",
        "Svea Logistik AB",
    ],
)
def test_a_foreign_companys_norwegian_branch_label_is_read_as_its_form(written):
    assert normalise_companies.company_name(written) == "svea logistik"
