"""Candidates within the tie margin are a tie: flagged, explained, never linked on their own."""

import pytest

from identity_app.models import ValidationRun
from tests.identity.conftest import crm

PERSON = {"firstname": "Lena", "lastname": "Marsh", "company": "Acme", "zip": "10001", "city": "Boston"}
INBOUND = {
    "first_name": "Lena",
    "last_name": "Marsh",
    "company_name": "Acme",
    "postcode": "10001",
    "city": "Boston",
}


@pytest.fixture
def enabled(rules, flow):
    ValidationRun.objects.create(flow=flow, sample_size=1, total=1)
    rules.probabilistic_enabled = True
    rules.save()
    return rules


def test_two_crm_duplicates_of_one_person_tie_and_nothing_links(mirror, resolve, enabled):
    mirror(crm("101", **PERSON), crm("202", **PERSON))
    [result] = resolve({"external_id": "x1", **INBOUND})
    assert result.outcome == "ambiguous" and result.crm_id == ""
    assert [c["tied"] for c in result.candidates] == [True, True]
    assert any("may be duplicates of each other" in note for note in result.notes)


def test_equal_scores_tie_even_with_no_margin(mirror, resolve, enabled):
    enabled.ambiguity_margin = 0
    enabled.save()
    mirror(crm("101", **PERSON), crm("202", **PERSON))
    [result] = resolve({"external_id": "x1", **INBOUND})
    assert result.outcome == "ambiguous"
    assert all(c["tied"] for c in result.candidates)


def test_a_clear_leader_is_not_tied(mirror, resolve, enabled):
    mirror(
        crm("101", **PERSON, birthdate="1990-04-05"),
        crm("202", **{**PERSON, "city": "Salem", "zip": "01970"}),
    )
    [result] = resolve({"external_id": "x1", **INBOUND, "date_of_birth": "1990-04-05"})
    assert (result.outcome, result.crm_id) == ("matched", "101")
    assert not any(c["tied"] for c in result.candidates)


def test_the_tie_margin_is_configurable(mirror, resolve, enabled):
    mirror(
        crm("101", **PERSON, birthdate="1990-04-05"),
        crm("202", **{**PERSON, "city": "Salem", "zip": "01970"}),
    )
    enabled.ambiguity_margin = 60
    enabled.save()
    [result] = resolve({"external_id": "x1", **INBOUND, "date_of_birth": "1990-04-05"})
    assert result.outcome == "ambiguous"
    assert result.candidates[0]["tied"] and result.candidates[1]["tied"]
