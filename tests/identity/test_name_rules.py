"""Graded vetoes and name comparisons: nicknames, initials, swapped names, typos; blocking that survives them."""

import pytest

from identity_app import normalise_names
from identity_app.blocking import search_keys
from identity_app.models import ValidationRun
from identity_app.resolver import Rules
from identity_app.scoring import DEFAULT_COMPARISONS, Scorer
from tests.identity.conftest import crm

ANN = {"firstname": "Robert", "lastname": "Lindqvist", "company": "Acme", "zip": "10001", "city": "Boston"}


@pytest.fixture
def enabled(rules, flow):
    ValidationRun.objects.create(flow=flow, sample_size=1, total=1)
    rules.probabilistic_enabled = True
    rules.save()
    return rules


@pytest.mark.parametrize(
    ("left", "right", "kind"),
    [
        ("bob", "robert", "nickname"),
        ("bill", "william", "nickname"),
        ("j", "john", "initial"),
        ("mary ann", "mary", "part"),
        ("garcia lopez", "garcia", "part"),
        ("john", "mary", "similar"),
        ("k", "john", "different"),
    ],
)
def test_names_relate_by_nickname_initial_or_part(left, right, kind):
    assert normalise_names.name_match(left, right)[0] == kind
    assert normalise_names.name_match(right, left)[0] == kind


def test_names_clearly_differ_only_when_both_parts_do_in_either_order():
    assert normalise_names.names_clearly_differ(("ann", "lee"), ("raj", "patel"), 0.75)
    assert not normalise_names.names_clearly_differ(("ann", "lee"), ("lee", "ann"), 0.75)
    assert not normalise_names.names_clearly_differ(("ann", "lee"), ("ann", "patel"), 0.75)
    assert not normalise_names.names_clearly_differ(("ann", ""), ("raj", "patel"), 0.75)
    assert not normalise_names.names_clearly_differ(("jon", "smyth"), ("john", "smith"), 0.75)
    # Jaro-Winkler finds brian and ryan 0.78 alike: a loose first name and another surname are two people.
    assert normalise_names.names_clearly_differ(("brian", "gibson"), ("ryan", "jordan"), 0.75)


def test_a_nickname_scores_on_its_own_level_between_exact_and_different():
    scorer = Scorer([dict(c) for c in DEFAULT_COMPARISONS], 0.01)
    index = scorer.level_index("first_name")
    levels = scorer.levels({"first_name": "bob"}, {"first_name": "robert"})
    assert scorer.labels[index][levels[index]] == "nickname, initial or part"
    assert scorer.weights[index][levels[index]] > 0


def test_swapped_first_and_last_names_score_as_agreeing_and_say_so():
    scorer = Scorer([dict(c) for c in DEFAULT_COMPARISONS], 0.01)
    inbound = {"first_name": "lindqvist", "last_name": "robert"}
    candidate = {"first_name": "robert", "last_name": "lindqvist"}
    levels = scorer.levels(inbound, candidate)
    assert scorer.total(levels) > 10
    batch = scorer.against(inbound)
    assert batch.levels(scorer.values(candidate)) == levels
    assert batch.totals([scorer.values(candidate)]) == [scorer.total(levels)]
    explained = {c["attribute"]: c for c in scorer.explained(batch.values, scorer.values(candidate), levels)}
    assert "swapped" in explained["first_name"]["level"]
    assert explained["first_name"]["candidate"] == "lindqvist"


@pytest.mark.parametrize(
    "first",
    ["Bob", "R.", "Robbert"],  # nickname, initial, typo
)
def test_the_first_name_veto_lets_nicknames_initials_and_typos_link(mirror, resolve, enabled, first):
    mirror(crm("101", **ANN))
    [result] = resolve(
        {
            "external_id": "x1",
            "first_name": first,
            "last_name": "Lindqvist",
            "company_name": "Acme",
            "postcode": "10001",
            "city": "Boston",
        }
    )
    assert not result.candidates[0]["vetoed_by"]
    assert (result.outcome, result.crm_id) == ("matched", "101")


def test_swapped_names_link_and_are_not_vetoed(mirror, resolve, enabled):
    mirror(crm("101", **ANN))
    [result] = resolve(
        {
            "external_id": "x1",
            "first_name": "Lindqvist",
            "last_name": "Robert",
            "company_name": "Acme",
            "postcode": "10001",
            "city": "Boston",
        }
    )
    assert (result.outcome, result.crm_id) == ("matched", "101")


def test_a_clearly_different_first_name_is_vetoed(mirror, resolve, enabled):
    """Same surname, company, postcode and city: a relative or a colleague, not the same person."""
    mirror(crm("101", **ANN, email="r.lindqvist@acme.com", birthdate="1970-01-01"))
    [result] = resolve(
        {
            "external_id": "x1",
            "first_name": "Margaret",
            "last_name": "Lindqvist",
            "company_name": "Acme",
            "postcode": "10001",
            "city": "Boston",
            "date_of_birth": "1970-01-01",
        }
    )
    assert result.outcome == "veto"
    assert result.candidates[0]["vetoed_by"] == ["first_name"]


def test_the_veto_level_is_configurable(mirror, resolve, enabled):
    enabled.vetoes = [{"attribute": "first_name", "require": "not_clearly_different", "below": 0.99}]
    enabled.save()
    mirror(crm("101", **ANN))
    [result] = resolve(
        {"external_id": "x1", "first_name": "Robbert", "last_name": "Lindqvist", "postcode": "10001"}
    )
    assert result.candidates[0]["vetoed_by"] == ["first_name"]


def test_blocking_keys_survive_a_typo_a_nickname_and_swapped_names():
    rules = Rules(source_system="s").blocking_rules
    stored = search_keys({"first_name": "robert", "last_name": "lindqvist", "emails": []}, rules)
    for variant in (
        {"first_name": "bob", "last_name": "lindqvist"},  # nickname
        {"first_name": "lindqvist", "last_name": "robert"},  # swapped
        {"first_name": "robert", "last_name": "lindkvist"},  # typo in the surname
        {"first_name": "rboert", "last_name": "lindqvist", "postcode": ""},  # typo in the first name
    ):
        assert search_keys({**variant, "emails": []}, rules) & stored, variant


def test_a_typo_in_the_surname_still_finds_the_record(mirror, resolve):
    mirror(crm("101", **ANN), crm("102", firstname="Zoe", lastname="Ng", zip="99999"))
    [result] = resolve({"external_id": "x1", "first_name": "Robert", "last_name": "Lindkvist"})
    assert result.candidates and result.candidates[0]["crm_id"] == "101"


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("christian", "christina"),
        ("elizabeth", "melissa"),
        ("roger", "robert"),
        ("carol", "linda"),
        ("sandra", "alexander"),
    ],
)
def test_two_full_names_sharing_a_nickname_are_two_names(left, right):
    """Christian and Christina are both "Chris": that makes neither a nickname of the other."""
    assert normalise_names.name_match(left, right)[0] == "similar"
    assert normalise_names.name_closeness(left, right) == 0


@pytest.mark.parametrize(
    ("left", "right", "close"),
    [
        ("patricia", "patrick", False),  # Jaro-Winkler 0.92, two names
        ("daniel", "diane", False),
        ("martinez", "martin", False),  # two surnames, not a typo
        ("howard", "ward", False),
        ("rboert", "robert", True),  # one slip
        ("lindkvist", "lindqvist", True),
        ("bob", "rob", True),  # both nicknames of Robert
        ("j", "john", True),
    ],
)
def test_name_closeness_keeps_typos_nicknames_and_initials_close_and_nothing_else(left, right, close):
    assert (normalise_names.name_closeness(left, right) >= 0.75) is close


def test_a_same_company_colleague_with_a_close_looking_first_name_is_vetoed(mirror, resolve, enabled):
    """Company, surname and city agree; Patricia is not Patrick, whatever Jaro-Winkler says."""
    mirror(crm("101", firstname="Patrick", lastname="Ruiz", company="Acme", zip="10001", city="Boston"))
    [result] = resolve(
        {
            "external_id": "x1",
            "first_name": "Patricia",
            "last_name": "Ruiz",
            "company_name": "Acme",
            "postcode": "10001",
            "city": "Boston",
        }
    )
    assert result.outcome != "matched"
    assert result.candidates[0]["vetoed_by"] == ["first_name"]


JOHN = {"firstname": "John", "lastname": "Vasquez", "company": "Acme", "zip": "10001", "city": "Boston"}
JOAN = {
    "first_name": "Joan",
    "last_name": "Vasquez",
    "company_name": "Acme",
    "postcode": "10001",
    "city": "Boston",
}


def test_a_slip_onto_another_real_name_links_when_something_personal_agrees(mirror, resolve, enabled):
    """Joan for John, one letter off: a typo when the date of birth agrees too."""
    mirror(crm("101", **JOHN, birthdate="1969-08-14"))
    [result] = resolve({"external_id": "x1", **JOAN, "date_of_birth": "1969-08-14"})
    assert not result.candidates[0]["vetoed_by"]
    assert (result.outcome, result.crm_id) == ("matched", "101")


def test_a_slip_onto_another_real_name_is_vetoed_on_colleague_evidence_alone(mirror, resolve, enabled):
    """Company, postcode and city are what colleagues share: Christina is not Christian on those."""
    mirror(crm("101", **JOHN, birthdate="1969-08-14"))
    [result] = resolve({"external_id": "x1", **JOAN})
    assert result.outcome != "matched"
    assert result.candidates[0]["vetoed_by"] == ["first_name"]


@pytest.mark.parametrize(("left", "right"), [("cat", "catherine"), ("barb", "barbara"), ("jack", "john")])
def test_a_short_form_or_a_listed_nickname_is_a_nickname(left, right):
    assert normalise_names.name_match(left, right)[0] == "nickname"
    assert normalise_names.name_match(right, left)[0] == "nickname"


def test_a_nickname_is_no_longer_than_its_name():
    """The nicknames package lists Hannah under Susan; Hannah Walker is not Susan Jackson's successor's alias."""
    assert normalise_names.name_match("hannah", "susan")[0] != "nickname"


def test_a_nickname_with_another_city_is_vetoed_but_not_with_the_same_one(mirror, resolve, enabled):
    """A nickname is weaker than the full name: "Bob" at Acme in Denver is not shown to be Robert in Boston."""
    mirror(crm("101", **ANN))
    inbound = {"first_name": "Bob", "last_name": "Lindqvist", "company_name": "Acme", "postcode": "10001"}
    elsewhere, here = resolve(
        {"external_id": "x1", **inbound, "city": "Denver"}, {"external_id": "x2", **inbound, "city": "Boston"}
    )
    assert elsewhere.outcome != "matched"
    assert elsewhere.candidates[0]["vetoed_by"] == ["first_name"]
    assert (here.outcome, here.crm_id) == ("matched", "101")
