"""Candidates from blocking, Fellegi-Sunter scores, vetoes and the auto-link gate."""

import pytest

from tests.identity.conftest import crm

JANE = {
    "firstname": "Jane",
    "lastname": "Doe",
    "company": "Acme Inc",
    "postcode": "10001",
    "city": "New York",
}
JANE_INBOUND = {
    "first_name": "Jane",
    "last_name": "Doe",
    "company_name": "ACME",
    "postcode": "10001",
    "city": "new york",
    "date_of_birth": "1980-02-03",
}


def test_a_strong_candidate_is_not_linked_while_probabilistic_is_off(mirror, resolve):
    mirror(crm("101", **JANE, birthdate="1980-02-03"))
    [result] = resolve({"external_id": "x1", **JANE_INBOUND})
    assert result.outcome == "low_score"
    assert result.would_auto_link
    assert result.candidates[0]["crm_id"] == "101"


def test_a_strong_candidate_is_linked_once_enabled_with_explained_contributions(mirror, resolve, enabled):
    mirror(
        crm("101", **JANE, birthdate="1980-02-03"),
        crm("202", firstname="John", lastname="Doe", postcode="10001"),
    )
    [result] = resolve({"external_id": "x1", **JANE_INBOUND})
    assert (result.outcome, result.crm_id, result.method) == ("matched", "101", "probabilistic")
    assert result.probability >= enabled.auto_link_threshold
    contributions = {c["attribute"]: c for c in result.explanation}
    assert contributions["last_name"]["level"] == "exact"
    assert contributions["last_name"]["weight"] > 0
    assert sum(c["weight"] for c in result.explanation) == pytest.approx(result.score, abs=0.05)


def test_two_people_of_one_name_at_one_company_are_ambiguous(mirror, resolve, enabled):
    mirror(
        crm(
            "101",
            email="john.smith@acme.com",
            firstname="John",
            lastname="Smith",
            company="Acme",
            postcode="10001",
        ),
        crm(
            "202",
            email="jsmith@acme.com",
            firstname="John",
            lastname="Smith",
            company="Acme",
            postcode="10001",
        ),
    )
    [result] = resolve(
        {
            "external_id": "x1",
            "email": "john@acme.com",
            "first_name": "John",
            "last_name": "Smith",
            "company": "Acme",
        }
    )
    assert result.outcome == "ambiguous"
    assert [c["crm_id"] for c in result.candidates[:2]] == ["101", "202"]


def test_subsidiaries_sharing_a_domain_never_link_by_domain(mirror, resolve, enabled):
    mirror(
        crm("101", email="ann@acme.com", firstname="Ann", lastname="Lee", company="Acme Inc", AccountId="A1"),
        crm("202", email="bo@acme.com", firstname="Bo", lastname="Kim", company="Acme GmbH", AccountId="A2"),
    )
    [result] = resolve({"external_id": "x1", "email": "new.person@acme.com", "company": "Acme GmbH"})
    assert result.outcome != "matched"


def test_a_veto_blocks_a_high_score(mirror, resolve, enabled):
    mirror(crm("101", **{**JANE, "firstname": "Robert"}, birthdate="1980-02-03", phone="+14155550100"))
    inbound = {**JANE_INBOUND, "first_name": "Margaret"}
    enabled.vetoes = [{"attribute": "first_name", "require": "no_disagreement"}]
    enabled.auto_link_threshold = 0.9
    enabled.save()
    [result] = resolve({"external_id": "x1", **inbound})
    assert result.outcome == "veto"
    assert result.candidates[0]["vetoed_by"] == ["first_name"]


def test_a_block_bigger_than_the_limit_is_not_used(mirror, resolve, rules):
    rules.max_block_size = 3
    rules.save()
    mirror(*[crm(str(i), email=f"p{i}@big.com", firstname=f"F{i}", lastname=f"L{i}") for i in range(5)])
    [result] = resolve({"external_id": "x1", "email": "new@big.com"})
    assert result.outcome == "no_match"
    assert result.candidates == []
