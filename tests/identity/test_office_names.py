# ruff: noqa: RUF001 - Danish and Spanish city names are what some of these tests are about
"""An organisation's name written with the office it is about ("Zenlumkel (Nantes)", "Fenarator - Austin",
"Tortorrin Foods S.A., León office"): the company's name is what comes before the record's own city."""

import pytest

from identity_app import normalise_companies, normalise_text
from identity_app.attributes import build_profile
from identity_app.models import EntityKind
from identity_app.organisations import office_name
from tests.identity.conftest import crm


@pytest.mark.parametrize(
    ("written", "city", "name"),
    [
        ("Zenlumkel (Nantes)", "Nantes", "Zenlumkel"),
        ("Kelgalzor - Århus", "Århus", "Kelgalzor"),
        ("Kelgalzor - Aarhus", "Århus", "Kelgalzor"),  # å written aa (the forty-eighth's rule 7)
        ("Kelgalzor - Aabenraa", "Århus", ""),  # another town
        ("Fenarator – Austin", "Austin", "Fenarator"),
        ("Tortorrin Foods S.A., León office", "León", "Tortorrin Foods S.A."),
        ("Acme | Leeds branch", "Leeds", "Acme"),
        ("Bank of New York (New York)", "New York", "Bank of New York"),
        ("Acme - Austin", "Dallas", ""),  # another city than the record's: perhaps part of the name
        ("Acme Berlin GmbH", "Berlin", ""),  # a city inside a registered name stays
        ("Acme, Inc.", "Austin", ""),
        ("Acme-Leeds", "Leeds", ""),  # a hyphenated name, not a label
        ("(Leeds)", "Leeds", ""),
        ("Acme (Leeds)", "", ""),
        ("Acme (HQ)", "", "Acme"),
        ("Acme Ltd - Head Office", "Leeds", "Acme Ltd"),
        ("Acme, Leeds office", "Leeds", "Acme"),
        ("Acme (Regional Office)", "Leeds", ""),  # which office is not said
        ("Acme - Office Solutions", "Leeds", ""),
    ],
)
def test_an_office_label_is_the_records_own_city_set_off_after_the_name(written, city, name):
    assert office_name(written, normalise_text.plain(city)) == name


def test_an_organisation_profile_names_the_company_without_its_office():
    profile = build_profile(
        {"company_name": "Tortorrin Foods S.A., León office", "city": "León"}, kind=EntityKind.ORGANISATION
    )
    assert profile["company_name"] == normalise_companies.company_name("Tortorrin Foods")
    person = build_profile({"company_name": "Acme (Leeds)", "city": "Leeds", "first_name": "Jo"})
    assert person["company_name"] == normalise_companies.company_name(
        "Acme Leeds"
    )  # a person's employer: unchanged


def test_an_office_named_record_scores_as_the_company_named_plainly(resolve_companies):
    """No domain, no phone: the name, the city and the postcode weigh as they do for the plain name."""
    companies = [
        crm(str(n), name=f"{brand} SAS", city="Lyon", zip=f"690{n:02d}", country="France")
        for n, brand in enumerate(["Pralvex", "Quorntal", "Sidrabel", "Tumvaro", "Ulnekor", "Vespirad"])
    ]
    companies.append(
        crm("z", name="Zenlumkel SAS", website="zenlumkelhq.fr", city="Nantes", zip="37726", country="France")
    )
    place = {"city": "Nantes", "zip": "37726", "country": "France"}
    office, plain = resolve_companies(
        companies,
        {"external_id": "e1", "name": "Zenlumkel (Nantes)", **place},
        {"external_id": "e2", "name": "Zenlumkel", **place},
    )
    assert office.candidates[0]["crm_id"] == plain.candidates[0]["crm_id"] == "z"
    assert office.candidates[0]["score"] == plain.candidates[0]["score"]
    assert office.outcome == plain.outcome


def test_the_same_name_in_another_city_stays_apart(resolve_companies):
    [result] = resolve_companies(
        [crm("1", name="Zenlumkel SAS", city="Nantes", zip="37726", country="France")],
        {
            "external_id": "e1",
            "name": "Zenlumkel (Lyon)",
            "city": "Lyon",
            "zip": "69001",
            "country": "France",
        },
    )
    assert result.outcome != "matched"
