"""Rules found by the fifty-first generator (a wholesaler's Pipedrive persons in the Netherlands and Flanders
against a Dutch-language CRM's persons export): the name kept in parts (Voorletters, Roepnaam, Tussenvoegsel),
a form of address and initials typed into the surname, SuperOffice's and Flemish mobile labels, initials of
all official given names that tell two people apart, official first names and their call names, "ij" written
"y", and an initial beside another surname on a home's or an office's line. None of these tests reads an
outside file."""

import pytest

from identity_app import columns, key_checks, name_parts, normalise_names
from identity_app.attributes import build_profile, names_as_held, recognised_columns
from tests.identity.conftest import crm, filler_records


def test_a_dutch_crms_name_and_mobile_columns_are_read():
    renames = recognised_columns(
        [
            "Persoon-ID",
            "Voorletters",
            "Voornaam",
            "Roepnaam",
            "Tussenvoegsel",
            "Achternaam",
            "Mobiel telefoonnummer",
        ]
    )
    assert renames["Voorletters"] == "initials"
    assert renames["Roepnaam"] == "preferred_name"
    assert renames["Tussenvoegsel"] == "name_particle"
    assert renames["Mobiel telefoonnummer"] == "mobilephone"
    assert recognised_columns(["Voornaam", "Achternaam", "GSM"])["GSM"] == "mobilephone"  # Flemish


def _names(values: dict) -> tuple[str, str]:
    profile = build_profile(values)
    return profile["first_name"], profile["last_name"]


@pytest.mark.parametrize(
    ("values", "first", "last"),
    [
        # the particle in its own column goes before the surname
        ({"first_name": "Jan", "name_particle": "van den", "last_name": "Berg"}, "jan", "van den berg"),
        # ... once: a surname written with it already keeps it as it is
        (
            {"first_name": "Jan", "name_particle": "van den", "last_name": "Van den Berg"},
            "jan",
            "van den berg",
        ),
        ({"first_name": "Joop", "name_particle": "van 't", "last_name": "Hof"}, "joop", "van t hof"),
        # no first name: the call name, else the initials
        (
            {"initials": "J.P.M.", "preferred_name": "Hans", "last_name": "Vries", "name_particle": "de"},
            "hans",
            "de vries",
        ),
        ({"initials": "J.P.M.", "last_name": "de Vries"}, "j p m", "de vries"),
        # the official first name stays the first name; the call name is another name of the person
        ({"first_name": "Johannes", "preferred_name": "Hans", "last_name": "Bakker"}, "johannes", "bakker"),
        # a form of address and initials typed into the surname, the first name left empty
        ({"last_name": "mevr. E. de Graaf-van Vliet"}, "e", "de graaf van vliet"),
        ({"last_name": "Dhr. J.P. Bakker"}, "j p", "bakker"),
        ({"last_name": "de Graaf"}, "", "de graaf"),
    ],
)
def test_a_name_kept_in_parts_is_read_as_first_and_last_names(values, first, last):
    assert _names(values) == (first, last)


def test_name_parts_are_read_alike_row_by_row_and_column_by_column():
    rows = [
        {"initials": "C.C.", "preferred_name": "Nel", "name_particle": "van", "last_name": "Leeuwen"},
        {"last_name": "mevr. W. de Haan-Bijl"},
        {"first_name": "Piet", "last_name": "Dijkstra"},
    ]
    built = columns.build_profiles(rows)
    for row, profile in zip(rows, built, strict=True):
        alone = build_profile(row)
        assert (profile["first_name"], profile["last_name"]) == (alone["first_name"], alone["last_name"])
        assert profile["extra"] == alone["extra"]
    assert built[0]["extra"]["initials"] == "cc"


@pytest.mark.parametrize(
    ("initials", "held_first_name", "other"),
    [
        ("aw", "b a", True),  # Annelies (A.W.) beside her husband held as "B.A. Visser"
        ("ba", "b a", False),
        ("jpm", "j p", False),  # one record writes fewer of the initials
        ("jp", "j p m", False),
        ("aw", "anna", False),  # a first name written whole: a call name may be any given name
        ("aw", "a", False),  # one initial says too little
        ("", "b a", False),
    ],
)
def test_initials_of_all_given_names_tell_two_people_apart(initials, held_first_name, other):
    assert name_parts.other_initials(initials, held_first_name) is other


def test_initials_read_as_held():
    inbound = {"first_name": "nel", "last_name": "van leeuwen", "extra": {"initials": "cc"}}
    assert names_as_held(inbound, {"first_name": "c c", "last_name": "van leeuwen"})["first_name"] == "c c"
    assert names_as_held(inbound, {"first_name": "a c", "last_name": "van leeuwen"})["first_name"] == "nel"


@pytest.mark.parametrize(
    ("official", "call"),
    [
        ("wilhelmus", "wim"),
        ("johannes", "jan"),
        ("hendrikus", "henk"),
        ("cornelia", "nel"),
        ("petronella", "nel"),
        ("jacobus", "koos"),
        ("geertruida", "truus"),
        ("martinus", "tinus"),
    ],
)
def test_a_dutch_official_first_name_and_its_call_name_are_one_name(official, call):
    assert normalise_names.names_equivalent(official, call)


def test_two_official_names_that_share_a_call_name_stay_two_names():
    assert not normalise_names.names_equivalent("cornelia", "petronella")


@pytest.mark.parametrize(
    ("left", "right"),
    [("byl", "bijl"), ("dykstra", "dijkstra"), ("meyer", "meijer"), ("van dyk", "van dijk")],
)
def test_ij_written_y_is_one_spelling(left, right):
    assert normalise_names.surname_closeness(left, right) >= 0.95
    assert normalise_names.spelling_folded(left.split()[-1]) == normalise_names.spelling_folded(
        right.split()[-1]
    )


HOME_LINE = "+3227508065"  # a Brussels landline


@pytest.mark.parametrize(
    ("first", "last", "number", "relative"),
    [
        ("e", "de backer jacobs", HOME_LINE, True),  # "mevr. E. De Backer-Jacobs": his wife Els?
        ("els", "de backer jacobs", HOME_LINE, False),  # a whole first name: the names decide
        ("e", "de backer", HOME_LINE, False),  # the surname as held
        ("e", "de backer jacobs", "+32459846580", False),  # his own mobile
    ],
)
def test_an_initial_beside_another_surname_on_a_line_of_a_place_is_a_relative(first, last, number, relative):
    holder = {"first_name": "erik", "last_name": "de backer", "phones": [HOME_LINE, "+32459846580"]}
    inbound = {"first_name": first, "last_name": last, "phones": [number]}
    assert key_checks.initial_on_line_of_a_place(inbound, holder, number, given_as_mobile=False) is relative


def test_a_wife_of_other_initials_on_the_household_line_is_not_linked(mirror, resolve):
    """Pipedrive holds "B.A. Visser", a one-man firm run from home, with the household's landline. His wife
    Annelies (initials A.W.) writes in under her married name with that line: not him. He, with his own
    initials and the line, still links."""
    mirror(
        crm("husband", firstname="B.A.", lastname="Visser", company="Schilderwerken Visser", city="Arnhem",
            country="Netherlands", phone="+31 26 989 2827", mobilephone="06 10 84 00 62"),
        *filler_records(),
    )  # fmt: skip
    home = {"company_name": "Schilderwerken Visser", "city": "Arnhem", "country": "Nederland",
            "phone": "026-9892827"}  # fmt: skip
    wife, husband = resolve(
        {
            **home,
            "external_id": "wife",
            "initials": "A.W.",
            "first_name": "Annelies",
            "last_name": "Visser-de Vries",
        },
        {**home, "external_id": "husband", "initials": "B.A.", "first_name": "Bert", "last_name": "Visser"},
    )
    assert not wife.matched, (wife.notes, wife.candidates)
    assert (husband.outcome, husband.crm_id) == ("matched", "husband"), (husband.notes, husband.candidates)


def test_a_son_known_by_his_call_name_on_the_family_firms_line_is_not_linked(mirror, resolve):
    """Pipedrive holds Koen Bakker, the owner of Bakker & Zonen, with the firm's line. His son, kept in the
    Dutch CRM as initials B.F. and call name Bernard (no first name), gives the firm's line: another person."""
    mirror(
        crm("father", firstname="Koen", lastname="Bakker", company="Bakker & Zonen", city="Groningen",
            country="Netherlands", phone="+31 50 242 2117", mobilephone="06 17 24 11 90"),
        *filler_records(),
    )  # fmt: skip
    (son,) = resolve(
        {
            "external_id": "son",
            "initials": "B.F.",
            "preferred_name": "Bernard",
            "last_name": "Bakker",
            "company_name": "Bakker & Zonen BV",
            "city": "Groningen",
            "phone": "+31 (0)50 242 2117",
        },
    )
    assert not son.matched, (son.notes, son.candidates)
