"""A household's line and a household's street, found by the adversarial generator's seed 103 (a record set
nobody on the project tuned on): a person who gives another family member's landline is a member of that
household, so a namesake of theirs living elsewhere needs something of their own to be linked; and another
house number on the same street is another home, not a typo of this one."""

import pytest

from identity_app import key_checks, normalise_places, scoring
from identity_app.resolver import ANOTHER_HOUSEHOLD
from tests.identity.conftest import crm, filler_records

BORN = "1991-06-08"


def matthias(**values):
    """Matthias Lorenz at home, Dieter's elder brother: the household's landline (fixed by its plan) and its
    address."""
    return crm(
        "m1",
        **{
            "firstname": "Matthias",
            "lastname": "Lorenz",
            "email": "mlorenz@beckerlogistik.de",
            "phone": "+49 30 748333",
            "address": "147 Lindenweg",
            "city": "Düsseldorf",
            "zip": "59936",
            "country": "Germany",
            "date_of_birth": "1989-02-11",
            **values,
        },
    )


def dieter_elsewhere(**values):
    """A Dieter Lorenz of the same birth date in another home on the same street: his own mobile and mailbox."""
    return crm(
        "d1",
        **{
            "firstname": "Dieter",
            "lastname": "Lorenz",
            "email": "lorenz.dieter@schroderberatung.de",
            "mobilephone": "+49 151 23391156",
            "address": "131 Lindenweg",
            "city": "Düsseldorf",
            "zip": "46537",
            "country": "Germany",
            "date_of_birth": BORN,
            **values,
        },
    )


def dieter_writes(**values):
    """Dieter Lorenz, Matthias's brother, from Matthias's home (no postcode) and on its landline."""
    record = {
        "external_id": "s1",
        "first_name": "Dieter",
        "last_name": "Lorenz",
        "phone": "+49 30 748333",
        "street": "147 Lindenweg",
        "city": "Düsseldorf",
        "country": "Germany",
        "date_of_birth": BORN,
    }
    return {**record, **values}


def test_a_sibling_on_the_family_landline_is_not_linked_to_a_namesake_in_another_home(
    enabled, mirror, resolve
):
    """The names, the town and the birth date agree with the CRM's Dieter; the phone and the address are his
    brother Matthias's. A cousin of the name in another home, or a twin, looks exactly so: review, with the
    reason."""
    mirror(matthias(), dieter_elsewhere(), *filler_records())
    [result] = resolve(dieter_writes())
    assert not result.matched
    top = next(c for c in result.candidates if c["crm_id"] == "d1")
    assert ANOTHER_HOUSEHOLD in top["vetoed_by"]
    assert any("another CRM person of the same surname" in note for note in result.notes)


def test_a_colleague_of_the_surname_on_the_firms_line_is_no_household(enabled, mirror, resolve):
    """The line's holder works where the record says its writer works: an office's line, not a home's."""
    mirror(
        matthias(company="Becker Logistik AG"),
        dieter_elsewhere(company="Becker Logistik AG"),
        *filler_records(),
    )
    [result] = resolve(dieter_writes(company="Becker Logistik AG"))
    assert result.candidates[0]["crm_id"] == "d1"
    assert ANOTHER_HOUSEHOLD not in result.candidates[0]["vetoed_by"]


def test_the_namesake_is_linked_on_his_own_mobile_beside_the_family_landline(enabled, mirror, resolve):
    mirror(matthias(), dieter_elsewhere(), *filler_records())
    [result] = resolve(dieter_writes(phones="+49 151 23391156"))
    assert result.matched and result.crm_id == "d1"


def test_the_namesake_is_linked_on_his_own_mailbox_beside_the_family_landline(enabled, mirror, resolve):
    mirror(matthias(), dieter_elsewhere(), *filler_records())
    [result] = resolve(dieter_writes(email="lorenz.dieter@schroderberatung.de"))
    assert result.matched and result.crm_id == "d1"


def test_a_family_member_living_at_the_household_is_linked_on_its_landline(enabled, mirror, resolve):
    """Dieter's CRM record at Matthias's home (the same house): the landline is his household's too."""
    mirror(
        matthias(),
        dieter_elsewhere(address="147 Lindenweg", zip="59936"),
        *filler_records(),
    )
    [result] = resolve(dieter_writes())
    assert ANOTHER_HOUSEHOLD not in result.candidates[0]["vetoed_by"]
    assert result.matched and result.crm_id == "d1"


def test_a_candidate_holding_the_landline_itself_is_not_vetoed(enabled, mirror, resolve):
    """Both twins on the CRM with the family's landline: it is Dieter's own line as much as Matthias's."""
    mirror(matthias(), dieter_elsewhere(phone="+49 30 748333"), *filler_records())
    [result] = resolve(dieter_writes())
    assert result.candidates[0]["crm_id"] == "d1"
    assert ANOTHER_HOUSEHOLD not in result.candidates[0]["vetoed_by"]


@pytest.mark.parametrize(
    ("holder", "expected"),
    [
        ({"first_name": "matthias", "last_name": "lorenz"}, True),  # a sibling
        ({"first_name": "dieter", "last_name": "lorenz"}, False),  # the same name: the person, or a namesake
        ({"first_name": "dietr", "last_name": "lorenz"}, False),  # a typo of his own name
        ({"first_name": "matthias", "last_name": "schmidt"}, False),  # another family
        ({"first_name": "matthias", "last_name": "lorentz"}, True),  # the family name mistyped
    ],
)
def test_another_household_member_is_the_same_surname_and_another_first_name(holder, expected):
    inbound = {"first_name": "dieter", "last_name": "lorenz"}
    assert key_checks.another_household_member(inbound, holder, 0.85) is expected


# -- the same street, another house number -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("ours", "theirs", "expected"),
    [
        ("147 lindenweg", "131 lindenweg", True),
        ("12 hauptstrasse", "150 hauptstrasse", True),
        ("147 lindenweg", "174 lindenweg", False),  # two digits swapped: a typo
        ("147 lindenweg", "14 lindenweg", False),  # a digit dropped
        ("147 lindenweg", "148 lindenweg", False),  # one digit: a typo as often as the neighbour
        ("flat 3 12 high st", "12 high st", False),  # the flat beside the same house number
        ("lindenweg", "131 lindenweg", False),  # no house number on one side
    ],
)
def test_other_house_numbers_are_another_home(ours, theirs, expected):
    assert normalise_places.other_house_numbers(ours, theirs) is expected


def test_the_same_street_with_another_house_number_disagrees():
    street = next(c for c in scoring.DEFAULT_COMPARISONS if c["attribute"] == "street")
    different = len(street["thresholds"]) + 1
    assert scoring.level_of(street, "147 lindenweg", "131 lindenweg") == different
    assert scoring.level_of(street, "147 lindenweg", "147 lindenwg") == 1  # a typo of the street: the home
    assert scoring.level_of(street, "147 lindenweg", "147 lindenweg") == 0
