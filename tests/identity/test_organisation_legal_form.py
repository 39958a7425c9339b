"""An organisation's legal form decides between records that tie on everything else, and nowhere else."""

import pytest

from identity_app.organisations import legal_form
from tests.identity.conftest import crm

PARENT = {"name": "Jackson Robotics, Inc.", "domain": "jacksonrobotics.com", "city": "Springfield"}
SUBSIDIARY = {"name": "Jackson Robotics Pty Ltd", "domain": "jacksonrobotics.com", "city": "Springfield"}


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("Jackson Robotics Systems, Inc.", "inc"),
        ("ACME INCORPORATED", "inc"),
        ("Acme Pty. Limited", "pty ltd"),
        ("Acme B.V.", "bv"),
        ("Acme Holdings Inc", "inc"),  # a holding company's form, not "holdings"
        ("Acme Group", ""),
        ("Limited", ""),  # a name that is only a legal word has no form
        ("Acme", ""),
    ],
)
def test_the_legal_form_is_read_from_the_end_of_the_name_in_one_spelling(name, form):
    assert legal_form(name) == form


def test_a_parent_and_its_subsidiary_tied_on_name_domain_and_city_are_told_apart_by_legal_form(
    resolve_companies,
):
    parent, subsidiary = resolve_companies(
        [crm("1", **PARENT), crm("2", **SUBSIDIARY)],
        {"external_id": "e1", "name": "Jackson Robotics Incorporated", "website": "jacksonrobotics.com"},
        {
            "external_id": "e2",
            "name": "JACKSON ROBOTICS PTY. LIMITED",
            "website": "https://jacksonrobotics.com",
        },
    )
    assert (parent.outcome, parent.crm_id, parent.method) == ("matched", "1", "probabilistic")
    assert (subsidiary.outcome, subsidiary.crm_id) == ("matched", "2")
    assert subsidiary.explanation[-1]["attribute"] == "legal_form"
    assert any("distinct legal entities" in note for note in subsidiary.notes)


@pytest.mark.parametrize(
    "inbound_name",
    [
        "Jackson Robotics",  # no legal form: a true tie
        "Jackson Robotics GmbH",  # a form neither record carries
    ],
)
def test_a_legal_form_that_names_neither_or_nothing_leaves_the_tie_to_a_person(
    resolve_companies, inbound_name
):
    [result] = resolve_companies(
        [crm("1", **PARENT), crm("2", **SUBSIDIARY)],
        {"external_id": "e1", "name": inbound_name, "website": "jacksonrobotics.com"},
    )
    assert result.outcome == "ambiguous" and result.crm_id == ""
    assert [c["tied"] for c in result.candidates] == [True, True]


def test_two_records_with_the_inbound_legal_form_stay_a_tie(resolve_companies):
    duplicate = {**PARENT, "name": "Jackson Robotics Inc"}
    [result] = resolve_companies(
        [crm("1", **PARENT), crm("2", **SUBSIDIARY), crm("3", **duplicate)],
        {"external_id": "e1", "name": "Jackson Robotics, Inc.", "website": "jacksonrobotics.com"},
    )
    assert result.outcome == "ambiguous" and result.crm_id == ""


def test_a_tied_record_without_a_legal_form_keeps_the_tie(resolve_companies):
    [result] = resolve_companies(
        [crm("1", **{**PARENT, "name": "Jackson Robotics"}), crm("2", **SUBSIDIARY)],
        {"external_id": "e1", "name": "Jackson Robotics Pty Ltd", "website": "jacksonrobotics.com"},
    )
    assert result.outcome == "ambiguous"  # "Jackson Robotics" may be the Pty Ltd written short


def test_the_legal_form_does_not_link_below_the_threshold(resolve_companies):
    """Only a tie of strong candidates is broken: two records agreeing on a name alone stay in review."""
    [result] = resolve_companies(
        [
            crm("1", name="Jackson Robotics, Inc.", city="Springfield"),
            crm("2", name="Jackson Robotics Pty Ltd", city="Springfield"),
        ],
        {"external_id": "e1", "name": "Jackson Robotics Pty Ltd"},
    )
    assert result.outcome != "matched"
