"""Rules found by `benchmarks/identity_seventh.py` (a HubSpot export merged with a Pipedrive account's export).
None of these tests reads the generator."""

import pytest

from identity_app import normalise
from tests.identity.conftest import crm

# -- a number in a company's name is part of its identity -------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("1073858 alberta", "1073885 alberta"),  # numbered companies: the number is the name
        ("2703103 ontario", "2703130 ontario"),
        ("unit 4 studios", "unit 5 studios"),
        ("route 66 diner", "route 67 diner"),
    ],
)
def test_names_that_differ_in_a_number_are_not_alike(left, right):
    assert normalise.company_similarity(left, right) < 0.75


def test_a_typo_in_a_word_of_letters_is_still_forgiven():
    assert normalise.company_similarity("1073858 alberta", "1073858 albreta") >= 0.9


def test_a_numbered_company_one_digit_off_at_the_same_address_is_not_linked(resolve_companies):
    """Two numbered companies in one city and postcode (a registered agent's address) used to link: the names
    were "alike" as a typo of one digit swap apart."""
    [result] = resolve_companies(
        [
            crm("1", name="1073885 Alberta Inc.", phone="+1 506-237-9016", city="Toronto", zip="M5A 7K1"),
            crm("2", name="Globex Inc.", domain="globex.com", city="Toronto", zip="M4B 1B3"),
        ],
        {
            "external_id": "e1",
            "name": "1073858 Alberta Inc.",
            "phone": "(506) 247-2597",
            "country": "Canada",
            "city": "Toronto",
            "postcode": "M5A 7K1",
        },
    )
    assert result.outcome != "matched"
