"""A prospect list's "Location" (LinkedIn's, in a Sales Navigator export: "Greater Boston", "Lyon,
Auvergne-Rhône-Alpes, France") read as the person's city, region and country where the file has no column of its
own for them: a namesake at the same company in another city is then told apart
(`benchmarks/identity_twentysecond.py`'s namesake_same_company_other_city)."""

import pytest

from identity_app import normalise_places
from identity_app.attributes import build_profile, field_for_column, recognised_columns, unread_columns
from identity_app.columns import build_profiles
from identity_app.personal_evidence import NOTHING_PERSONAL
from tests.identity.conftest import crm
from tests.identity.test_name_frequency import _crm_world, _lead


@pytest.mark.parametrize(
    ("written", "parts"),
    [
        (
            "Lyon, Auvergne-Rhone-Alpes, France",
            {"city": "Lyon", "state": "Auvergne-Rhone-Alpes", "country": "France"},
        ),
        (
            "London, England, United Kingdom",
            {"city": "London", "state": "England", "country": "United Kingdom"},
        ),
        # a metropolitan area is its city's
        ("Greater Boston", {"city": "Boston"}),
        ("Greater Seattle Area", {"city": "Seattle"}),
        ("San Francisco Bay Area", {"city": "San Francisco"}),
        ("Denver Metropolitan Area", {"city": "Denver"}),
        ("Greater Munich Metropolitan Area", {"city": "Munich"}),
        ("Austin, Texas Metropolitan Area", {"city": "Austin", "state": "Texas"}),
        ("New York City Metropolitan Area", {"city": "New York City"}),
        ("Greater Sydney Area, Australia", {"city": "Sydney", "country": "Australia"}),
        # a city before a state or a province of the United States, Canada or Australia
        ("Austin, Texas", {"city": "Austin", "state": "Texas"}),
        ("Atlanta, Georgia", {"city": "Atlanta", "state": "Georgia"}),
        ("New York, New York", {"city": "New York", "state": "New York"}),
        ("Seattle, Washington", {"city": "Seattle", "state": "Washington"}),
        ("Toronto, Ontario", {"city": "Toronto", "state": "Ontario"}),
        ("Charlottetown, Prince Edward Island", {"city": "Charlottetown", "state": "Prince Edward Island"}),
        ("Melbourne, Victoria", {"city": "Melbourne", "state": "Victoria"}),
        ("Perth, Western Australia", {"city": "Perth", "state": "Western Australia"}),
    ],
)
def test_a_location_is_read_as_its_city_region_and_country(written, parts):
    assert normalise_places.location(written) == parts


@pytest.mark.parametrize(
    ("written", "parts"),
    [
        ("Germany", {"country": "Germany"}),
        ("United States", {"country": "United States"}),
        # one place before another is a city or a region: no city; and a state's code is no country's (MA is
        # Morocco's code, CO Colombia's)
        ("Boston, MA", {}),
        ("Denver, CO", {}),
        ("London, UK", {"country": "UK"}),
        ("California, United States", {"country": "United States"}),
        ("Île-de-France, France", {"country": "France"}),
        ("Berlin, Germany", {"country": "Germany"}),
        ("Sydney, Australia", {"country": "Australia"}),
        # a country by any of its names, in English or its own language
        ("Poland", {"country": "Poland"}),
        ("Polska", {"country": "Polska"}),
        ("Czechia", {"country": "Czechia"}),
        ("Türkiye", {"country": "Türkiye"}),
        ("Viet Nam", {"country": "Viet Nam"}),
        ("Kraków, Poland", {"country": "Poland"}),
        # a state's or a county's name is no country's and no city's: Georgia is a state and a country
        ("Georgia", {}),
        ("Orange County, California", {}),
        # one place alone, likewise
        ("Bavaria", {}),
        # an area named after several cities, or after none
        ("Dallas-Fort Worth Metroplex", {}),
        ("Washington DC-Baltimore Area", {}),
        ("Minneapolis-St. Paul, Minnesota Metropolitan Area", {}),
        ("Bay Area", {}),
        ("Remote", {}),
        ("", {}),
        (None, {}),
    ],
)
def test_a_location_of_only_a_country_or_a_region_names_no_city(written, parts):
    assert normalise_places.location(written) == parts


@pytest.mark.parametrize(
    ("written", "code"),
    [("Poland", "PL"), ("Polska", "PL"), ("Czechia", "CZ"), ("Türkiye", "TR"), ("Viet Nam", "VN")],
)
def test_a_country_named_by_a_location_is_read_as_its_code(written, code):
    assert build_profile({"full_name": "Ann Lee", "location": written})["country"] == code


@pytest.mark.parametrize(
    ("one", "other"),
    [("New York City", "New York"), ("Salt Lake City", "Salt Lake"), ("Ho Chi Minh City", "Ho Chi Minh")],
)
def test_the_word_city_after_a_city_of_two_words_is_not_another_place(one, other):
    assert normalise_places.city(one) == normalise_places.city(other)


@pytest.mark.parametrize("one", ["Kansas City", "Carson City", "Union City", "Mexico City"])
def test_the_word_city_after_one_word_is_part_of_its_name(one):
    assert normalise_places.city(one) != normalise_places.city(one.removesuffix(" City"))


def test_the_location_column_is_read_and_its_city_compared():
    assert field_for_column("Location") == "location"
    assert recognised_columns(["Lead ID", "Full Name", "Location"])["Location"] == "location"
    assert "location" not in unread_columns(["Full Name", "location"])
    profile = build_profile({"full_name": "Isaac Bianchi", "location": "Greater London"})
    assert (profile["city"], profile["country"]) == ("london", "")
    profile = build_profile({"full_name": "Lea Morel", "location": "Lyon, Auvergne-Rhone-Alpes, France"})
    assert (profile["city"], profile["state"], profile["country"]) == ("lyon", "auvergne rhone alpes", "FR")


def test_a_file_with_a_city_column_keeps_it():
    """The file's own City is the record's; its Location may be another place's (an office's, an event's)."""
    profile = build_profile(
        {"full_name": "Isaac Bianchi", "city": "Manchester", "location": "Greater London"}
    )
    assert profile["city"] == "manchester"
    profile = build_profile({"full_name": "Isaac Bianchi", "city": "", "location": "Greater London"})
    assert profile["city"] == ""


def test_a_location_names_the_country_its_phone_is_read_in():
    profile = build_profile({"phone": "020 7946 0958", "location": "London, England, United Kingdom"})
    assert profile["phone"] == "+442079460958"


def test_a_batch_reads_locations_as_one_record_does():
    rows = [
        {"full_name": "Isaac Bianchi", "location": "Greater London", "phone": "020 7946 0958"},
        {"full_name": "Lea Morel", "location": "Lyon, Auvergne-Rhone-Alpes, France", "phone": ""},
        {"full_name": "Ann Lee", "location": "Germany", "phone": ""},
        {"full_name": "Bo Li", "location": "", "phone": ""},
    ]
    assert build_profiles(rows) == [build_profile(row) for row in rows]


# -- a name and a company alone: another city says another person ---------------------------------------------


def test_a_rare_name_at_its_company_waits_when_the_location_names_another_city(enabled, mirror, resolve):
    """The CRM's only Xaver Quistorp at his company is in Ulm: the same name at the same company located in
    Greater Kiel is a namesake as often as the same person moved, and nothing personal says which."""
    _crm_world(mirror)
    (elsewhere,) = resolve(
        {**_lead("Xaver", "Quistorp", "Quistorp Feinmechanik GmbH"), "location": "Greater Kiel"}
    )
    assert not elsewhere.matched
    assert elsewhere.candidates[0]["crm_id"] == "xq"
    assert NOTHING_PERSONAL in elsewhere.candidates[0]["vetoed_by"]


@pytest.mark.parametrize(
    "location", ["Ulm, Baden-Wurttemberg, Germany", "Germany", "Baden-Wurttemberg, Germany"]
)
def test_a_rare_name_at_its_company_links_in_its_city_or_where_only_the_country_is_given(
    enabled, mirror, resolve, location
):
    _crm_world(mirror)
    (lead,) = resolve({**_lead("Xaver", "Quistorp", "Quistorp Feinmechanik GmbH"), "location": location})
    assert (lead.outcome, lead.crm_id) == ("matched", "xq")


def _crm_world_in(mirror, city: str):
    """`_crm_world` and one more rare name, the only person the CRM holds at his company, in `city`."""
    _crm_world(mirror)
    mirror(crm("yq", firstname="Yannick", lastname="Quorndorf", company="Quorndorf Optik GmbH", city=city))


@pytest.mark.parametrize(
    ("city", "location"),
    [("Denver", "Austin, Texas"), ("Toronto", "London, Ontario"), ("Sydney", "Perth, Western Australia")],
)
def test_a_rare_name_at_its_company_waits_when_a_city_before_a_state_is_another(
    enabled, mirror, resolve, city, location
):
    """A city before a state or a province is the person's: another one than the record's says a namesake as
    often as a move."""
    _crm_world_in(mirror, city)
    (elsewhere,) = resolve({**_lead("Yannick", "Quorndorf", "Quorndorf Optik GmbH"), "location": location})
    assert not elsewhere.matched
    assert NOTHING_PERSONAL in elsewhere.candidates[0]["vetoed_by"]


@pytest.mark.parametrize(
    ("city", "location"),
    [
        ("Austin", "Austin, Texas"),
        ("New York", "New York City Metropolitan Area"),
        ("Sydney", "Greater Sydney Area, Australia"),
    ],
)
def test_a_rare_name_at_its_company_links_in_its_city_before_a_state_or_its_metropolitan_area(
    enabled, mirror, resolve, city, location
):
    _crm_world_in(mirror, city)
    (lead,) = resolve({**_lead("Yannick", "Quorndorf", "Quorndorf Optik GmbH"), "location": location})
    assert (lead.outcome, lead.crm_id) == ("matched", "yq")
