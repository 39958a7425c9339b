"""Organisation rules from the twelfth generator (a Pipedrive organizations export against a HubSpot companies
export): a group's parent is not its companies' trading name, a body's units on its domain and switchboard
stay apart from the body, a chain's locations are told apart by their own line or address, and the columns
and names these exports carry are read."""

import pytest

from identity_app import attributes, normalise_companies, normalise_text, organisations
from tests.identity.conftest import crm

GROUP = crm(
    "1",
    name="Quiravvik Group Pty Ltd",
    website="https://quiravvikgroup.com.au",
    phone="(08) 9208 9936",
    street="237 Collins Street",
    city="Perth",
    zip="6014",
    country="Australia",
)
AT_THE_GROUP = {
    "external_id": "e1",
    "website": "http://www.quiravvikgroup.com.au/",
    "phone": "+61 8 9208 9936",
    "street": "237 Collins Street",
    "city": "Perth",
    "zip": "6014",
    "country": "Australia",
}


@pytest.mark.parametrize(
    "parent", ["Quiravvik Group Pty Ltd", "Quiravvik Holdings Pty Ltd", "Quiravvik Holding"]
)
def test_a_company_at_its_groups_address_domain_and_switchboard_is_not_the_groups_trading_name(
    resolve_companies, parent
):
    """ "Quiravvik Capital" beside "Quiravvik Group": a group's company carries the group's name with a word of
    its own, without a legal form as often as with one; the parent is the group's shared part."""
    [result] = resolve_companies(
        [crm("1", **{**GROUP["values"], "name": parent})], {**AT_THE_GROUP, "name": "Quiravvik Capital"}
    )
    assert result.outcome == "key_contradicted"
    assert not result.crm_id


def test_the_group_written_short_still_links(resolve_companies):
    [result] = resolve_companies([GROUP], {**AT_THE_GROUP, "name": "Quiravvik Grp"})
    assert (result.outcome, result.crm_id) == ("matched", "1")


def test_a_trading_name_of_a_company_that_is_no_group_still_links(resolve_companies):
    registered = crm("1", **{**GROUP["values"], "name": "Quiravvik Pty Ltd"})
    [result] = resolve_companies([registered], {**AT_THE_GROUP, "name": "Quiravvik Capital"})
    assert (result.outcome, result.crm_id) == ("matched", "1")


def test_the_trading_name_rule_reads_group_words_and_unit_labels():
    place = {
        "city": "leeds",
        "postcode": "LS14AP",
        "email_domain": "ostnix.co.uk",
        "phones": ["+441134960000"],
    }

    def profile(name):
        return {"company_name": normalise_companies.company_name(name), **place}

    def trading(inbound, holder):
        return organisations.trading_name_at_premises(profile(inbound), profile(holder), (inbound, holder))

    assert trading("Ostnix Dynamics", "Ostnix Ltd")
    assert not trading("Ostnix Dynamics", "Ostnix Holdings Ltd")
    assert not trading("Ostnix Group", "Ostnix Dynamics")
    assert not trading("Ostnix", "Ostnix - Water Utility")
    assert not trading("Ostnix School of Medicine", "Ostnix")
    assert trading("Ostnix", "Ostnix (HQ)")


# -- a body and its units --------------------------------------------------------------------------------

UNITS = [
    crm(
        "11",
        name="University of Falzenner - Library",
        website="https://falzenner.edu",
        phone="+1 503 397 3082",
        street="174 Broadway",
        city="Atlanta",
        zip="30338",
    ),
    crm("12", name="University of Falzenner - School of Medicine", website="falzenner.edu", city="Atlanta"),
    crm(
        "13", name="University of Falzenner - Department of Physics", website="falzenner.edu", city="Atlanta"
    ),
]


def test_a_body_on_its_units_switchboard_is_not_the_unit_holding_the_number(resolve_companies):
    """The CRM keeps a university's units as records on its domain; the university itself at the number
    its library's record gives is the whole, not that part."""
    [result] = resolve_companies(
        UNITS,
        {
            "external_id": "e1",
            "name": "University of Falzenner",
            "website": "www.falzenner.edu",
            "phone": "(503) 397-3082",
            "city": "Atlanta",
            "zip": "30338",
        },
    )
    assert not result.crm_id
    assert any("shared by an organisation's units" in note for note in result.notes)


def test_the_unit_itself_still_links_by_its_number(resolve_companies):
    [result] = resolve_companies(
        UNITS,
        {
            "external_id": "e1",
            "name": "Library, University of Falzenner",
            "website": "www.falzenner.edu",
            "phone": "(503) 397-3082",
            "city": "Atlanta",
        },
    )
    assert (result.outcome, result.crm_id) == ("matched", "11")


@pytest.mark.parametrize(
    ("written", "words", "city", "unit"),
    [
        ("City of Halden - Water Utility", "city of halden", "Halden", True),
        ("Eastbrook University | Library", "eastbrook university", "", True),
        ("Acme - Leeds", "acme", "Leeds", False),
        ("Acme (HQ)", "acme", "Leeds", False),
        ("Acme Marine", "acme", "", False),
        ("Acme - Water Utility", "other", "", False),
    ],
)
def test_a_unit_is_a_name_with_a_label_set_off_after_it(written, words, city, unit):
    assert organisations.unit_of(written, words.split(), {"city": normalise_text.plain(city)}) is unit


# -- a chain's locations ---------------------------------------------------------------------------------


def _chain():
    return [
        crm(
            "21",
            name="Nergri Fitness",
            website="http://www.nergri.de/",
            phone="+49 221 172808",
            street="Hauptstraße 156",
            city="Köln",
            zip="50667",
            country="Germany",
        ),
        crm(
            "22",
            name="Nergri Fitness Hamburg",
            website="nergri.de",
            phone="+49 40 1234567",
            street="Gartenweg 3",
            city="Hamburg",
            zip="20095",
            country="Germany",
        ),
        crm(
            "23",
            name="Nergri Fitness",
            website="nergri.de",
            phone="+49 30 7654321",
            street="Lindenallee 8",
            city="Berlin",
            zip="10115",
            country="Germany",
        ),
    ]


def test_another_location_of_a_chain_in_the_same_city_stays_with_a_person(resolve_companies):
    """Same name, the chain's domain, the same city and street, another house number and another line."""
    [result] = resolve_companies(
        _chain(),
        {
            "external_id": "e1",
            "name": "Nergri Fitness",
            "website": "https://nergri.de",
            "phone": "+49 221 104342",
            "street": "Hauptstraße 43",
            "city": "Köln",
            "zip": "50667",
            "country": "Germany",
        },
    )
    assert not result.crm_id
    assert any("another location of the name" in note for note in result.notes)


def test_the_location_named_after_its_city_links_by_its_own_line(resolve_companies):
    [result] = resolve_companies(
        _chain(),
        {
            "external_id": "e1",
            "name": "Nergri Fitness",
            "website": "nergri.de",
            "phone": "040 1234567",
            "street": "Gartenweg 3",
            "city": "Hamburg",
            "country": "Germany",
        },
    )
    assert (result.outcome, result.crm_id) == ("matched", "22")


@pytest.mark.parametrize(
    ("left", "right", "other"),
    [
        ("hauptstrasse 12", "hauptstrasse 150", True),
        ("12 oak ave", "150 oak ave", True),
        ("suite 200 12 oak ave", "12 oak ave", False),
        ("oak ave", "150 oak ave", False),
        ("", "150 oak ave", False),
    ],
)
def test_other_premises_are_one_street_with_other_house_numbers(left, right, other):
    assert organisations.other_premises(left, right) is other


# -- columns and names -----------------------------------------------------------------------------------


def test_pipedrives_house_number_is_read_with_the_street():
    columns = [
        "Organization - ID",
        "Organization - Name",
        "Organization - Address",
        "Organization - Address - Street/road name",
        "Organization - Address - House number",
    ]
    renamed = attributes.recognised_columns(columns, keep=["Organization - ID"])
    assert renamed["Organization - Address - House number"] == attributes.HOUSE_NUMBER_FIELD
    assert "Organization - Address - House number" not in attributes.unread_columns(
        [renamed.get(column, column) for column in columns], keep=["Organization - ID"]
    )
    values = {
        renamed.get(k, k): v for k, v in zip(columns, ["1", "Acme", "", "Bahnhofstraße", "208"], strict=True)
    }
    assert attributes.build_profile(values, kind="organisation")["street"] == "bahnhofstr 208"
    values["address"] = "208 Bahnhofstraße, 70100 Stuttgart, Germany"
    assert attributes.build_profile(values, kind="organisation")["street"] == "208 bahnhofstr"


def test_hubspots_street_address_label_is_the_street():
    assert attributes.field_for_column("Street Address") == "street"
    assert attributes.field_for_column("Street Address 2") == ""


@pytest.mark.parametrize(
    ("written", "name", "form"),
    [
        ("Calravgri Foods Proprietary Limited", "calravgri foods", "pty ltd"),
        ("FALFALQUI ROBOTICS AKTIEBOLAG", "falfalqui robotics", "ab"),
        ("Vikstazen Engineering Kommanditgesellschaft", "vikstazen engineering", "kg"),
        ("Lumo Osakeyhtiö", "lumo", "oy"),
    ],
)
def test_legal_forms_written_out_in_their_language(written, name, form):
    assert normalise_companies.company_name(written) == name
    assert organisations.legal_form(written) == form


def test_a_name_ending_in_its_records_own_city_is_the_location_there():
    inbound = {"company_name": "linqui coffee", "city": "brisbane"}
    holder = {"company_name": "linqui coffee brisbane", "city": "brisbane"}
    assert not organisations.names_clearly_differ(inbound, holder, 0.8)
    assert organisations.names_clearly_differ(inbound, {**holder, "city": "sydney"}, 0.8)
    # the chain's name given in another city is another location than the one named after Brisbane
    assert organisations.names_clearly_differ({**inbound, "city": "sydney"}, holder, 0.8)
