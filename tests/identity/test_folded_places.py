"""Cities are folded as company names are (đ, ø, ł, æ written as a keyboard without them writes them), and
the bulk prefilter of company names compares folded text, so a profile stored before company names were
folded ("ærø fisk") still meets the name typed without those letters."""

import pytest

from identity_app import normalise_companies, normalise_text, scoring
from identity_app.models import MirrorRecord
from tests.identity.conftest import crm

CITY = next(c for c in scoring.ORGANISATION_COMPARISONS if c["attribute"] == "city")
COMPANY = next(c for c in scoring.ORGANISATION_COMPARISONS if c["attribute"] == "company_name")


@pytest.mark.parametrize(
    ("written", "typed"),
    [("Tromsø", "Tromso"), ("Łódź", "Lodz"), ("Đà Nẵng", "Da Nang"), ("Ærøskøbing", "Aeroskobing")],
)
def test_a_city_typed_without_such_letters_is_the_same_city(written, typed):
    assert normalise_text.plain(written) == normalise_text.plain(typed) == typed.lower()
    assert scoring.level_of(CITY, normalise_text.plain(written), normalise_text.plain(typed)) == 0


@pytest.mark.parametrize(
    ("stored", "typed"), [("æg", "aeg"), ("đo coffee", "do coffee"), ("ærø fisk", "aero fisk")]
)
def test_a_company_name_stored_unfolded_is_compared_folded_one_by_one_and_in_bulk(stored, typed):
    assert normalise_companies.company_similarity(stored, typed) == 1.0
    known: dict = {}
    scoring._remember_companies(known, COMPANY["thresholds"], typed, [stored, "lumen works"])
    assert known == {stored: 0, "lumen works": len(COMPANY["thresholds"]) + 1}


def test_an_organisation_stored_before_folding_reaches_the_candidates_as_the_same_name(resolve_companies):
    stored = [
        crm("1", name="Ærø Fisk ApS", city="Tromsø"),
        crm("2", name="Nordlys Fisk ApS", city="Bodø"),
    ]
    resolve_companies(stored)
    assert MirrorRecord.objects.get(crm_id="1").city == "tromso"
    # The name as a profile stored before company names were folded holds it.
    MirrorRecord.objects.filter(crm_id="1").update(company_name="ærø fisk")
    [result] = resolve_companies([], {"external_id": "e1", "name": "Aero Fisk", "city": "Tromso"})
    assert result.candidates and result.candidates[0]["crm_id"] == "1"
    company, city = (
        next(row for row in result.explanation if row["attribute"] == attribute)
        for attribute in ("company_name", "city")
    )
    assert company["level"] == city["level"] == "exact", result.explanation
