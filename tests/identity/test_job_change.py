"""People change jobs: a new company and a new work address, with the same name, phone or date of birth.

The employer's disagreement must not outweigh personal evidence that is really sufficient (the very same
full name with the person's own number, or with their date of birth), and must still count where it is not
(a namesake in the same city at another company is another person)."""

import pytest

from identity_app import training
from identity_app.resolver import Resolution
from identity_app.scoring import DEFAULT_COMPARISONS, JOB_CHANGE_NOTE, MISSING, Scorer
from tests.identity.conftest import crm


def _enable_linking(rules):
    rules.probabilistic_enabled = True
    rules.save()


def test_a_kept_phone_links_the_same_full_name_at_a_new_company(mirror, resolve):
    mirror(crm("101", phone="+12125550100", firstname="Ann", lastname="Lee", company="Acme Corp"))
    [moved, swapped] = resolve(
        {
            "external_id": "x1",
            "phone": "212 555 0100",
            "first_name": "Ann",
            "last_name": "Lee",
            "company": "Globex",
        },
        {
            "external_id": "x2",
            "phone": "212 555 0100",
            "first_name": "Lee",
            "last_name": "Ann",
            "company": "Globex",
        },
    )
    assert (moved.outcome, moved.crm_id, moved.method) == ("matched", "101", "phone")
    assert moved.employer_changed
    assert any("changed jobs" in note for note in moved.notes)
    assert (swapped.outcome, swapped.crm_id) == ("matched", "101")


def test_a_kept_phone_does_not_link_another_date_of_birth_or_a_nickname(mirror, resolve):
    mirror(
        crm(
            "101",
            phone="+12125550100",
            firstname="Ann",
            lastname="Lee",
            company="Acme Corp",
            date_of_birth="1980-04-02",
        ),
        crm("202", phone="+12125550199", firstname="Robert", lastname="Lee", company="Acme Corp"),
    )
    [other_birthday, nickname] = resolve(
        {
            "external_id": "x1",
            "phone": "212 555 0100",
            "first_name": "Ann",
            "last_name": "Lee",
            "company": "Globex",
            "date_of_birth": "1991-11-23",
        },
        {
            "external_id": "x2",
            "phone": "212 555 0199",
            "first_name": "Bob",
            "last_name": "Lee",
            "company": "Globex",
        },
    )
    assert other_birthday.outcome == "key_contradicted" and not other_birthday.employer_changed
    assert nickname.outcome == "key_contradicted"


def test_a_kept_phone_still_waits_for_a_namesake_colleague(mirror, resolve):
    """Two Ann Lees at the old company: the number does not say which of them moved."""
    mirror(
        crm("101", phone="+12125550100", firstname="Ann", lastname="Lee", company="Acme Corp", zip="10001"),
        crm("202", phone="+12125550111", firstname="Ann", lastname="Lee", company="Acme Corp", zip="10001"),
    )
    [result] = resolve(
        {
            "external_id": "x1",
            "phone": "212 555 0100",
            "first_name": "Ann",
            "last_name": "Lee",
            "company": "Globex",
        }
    )
    assert result.outcome == "ambiguous"


def _scorer():
    return Scorer([dict(c) for c in DEFAULT_COMPARISONS], 0.01)


def _levels(scorer, **levels):
    row = [MISSING] * len(scorer.comparisons)
    for attribute, level in levels.items():
        row[scorer.level_index(attribute)] = level
    return tuple(row)


def test_the_employer_disagreement_is_waived_only_beside_the_same_name_and_date_of_birth():
    scorer = _scorer()
    moved = _levels(scorer, first_name=0, last_name=0, date_of_birth=0, company_name=2, email_domain=1)
    namesake = _levels(scorer, first_name=0, last_name=0, city=0, company_name=2, email_domain=1)
    typo = _levels(scorer, first_name=2, last_name=0, date_of_birth=0, company_name=2, email_domain=1)
    weight = lambda attribute, level: scorer.weights[scorer.level_index(attribute)][level]  # noqa: E731
    assert weight("company_name", 2) < -1 and weight("email_domain", 1) < 0
    assert scorer.total(moved) == pytest.approx(
        weight("first_name", 0) + weight("last_name", 0) + weight("date_of_birth", 0)
    )
    for held_against in (namesake, typo):  # no date of birth, or not the very same name: counted in full
        assert scorer.total(held_against) == pytest.approx(
            sum(weight(scorer.attributes[i], lvl) for i, lvl in enumerate(held_against) if lvl != MISSING)
        )
    # Agreement on the employer still counts in full.
    same_job = _levels(scorer, first_name=0, last_name=0, date_of_birth=0, company_name=0)
    assert scorer.total(same_job) == pytest.approx(scorer.total(moved) + weight("company_name", 0))


def test_bulk_totals_and_explanations_give_the_waived_weights():
    scorer = _scorer()
    inbound = {
        "first_name": "ann",
        "last_name": "lee",
        "date_of_birth": __import__("datetime").date(1980, 4, 2),
        "company_name": "globex",
        "email_domain": "globex.com",
        "emails": ["ann.lee@globex.com"],
        "city": "salem",
    }
    moved = {**inbound, "company_name": "acme", "email_domain": "acme.com", "emails": ["ann@acme.com"]}
    namesake = {**moved, "date_of_birth": __import__("datetime").date(1971, 1, 9)}
    against = scorer.against(inbound)
    rows = [scorer.values(moved), scorer.values(namesake)]
    totals = against.totals(rows)
    assert totals == [
        scorer.total(scorer.levels(inbound, moved)),
        scorer.total(scorer.levels(inbound, namesake)),
    ]
    assert totals[0] > totals[1]
    explained = {
        c["attribute"]: c for c in scorer.explained(against.values, rows[0], against.levels(rows[0]))
    }
    assert explained["company_name"]["weight"] == 0
    assert explained["company_name"]["level"].endswith(JOB_CHANGE_NOTE)
    assert explained["emails"]["weight"] < 0  # an address is not an employer comparison
    assert against.level_rows(rows) == [against.levels(row) for row in rows]


def test_a_job_change_is_not_a_training_label():
    """The company's weight is learned from the usual case; a phone-decided job change is left out."""
    group = {"101": (0, 0, 0, 0)}
    names = [(0, 4), (1, 4)]
    resolution = Resolution(
        inbound={}, source_system="s", external_id="x", outcome="matched", crm_id="101", method="phone"
    )
    assert training._is_label(resolution, group, names)
    resolution.employer_changed = True
    assert not training._is_label(resolution, group, names)


def test_a_job_change_with_a_date_of_birth_links_and_a_namesake_in_town_does_not(mirror, resolve, rules):
    _enable_linking(rules)
    people = [
        crm(
            str(100 + i),
            email=f"p{i}@acme{i % 5}.com",
            firstname=first,
            lastname=last,
            company=f"Acme{i % 5}",
            city="Madison",
            zip="53703",
            date_of_birth=f"19{60 + i % 30}-0{1 + i % 9}-1{i % 9}",
        )
        for i, (first, last) in enumerate(
            (f, s) for f in ("Ann", "Raj", "Kim", "Ola", "Tom") for s in ("Lee", "Patel", "Ode", "Berg")
        )
    ]
    mirror(*people)
    ann = people[0]["values"]  # Ann Lee, Acme0, Madison
    [moved, stranger] = resolve(
        {
            "external_id": "x1",
            "first_name": "Ann",
            "last_name": "Lee",
            "email": "ann.lee@globex.com",
            "company": "Globex",
            "city": "Madison",
            "date_of_birth": ann["date_of_birth"],
        },
        {
            "external_id": "x2",
            "first_name": "Ann",
            "last_name": "Lee",
            "email": "ann.lee@initech.com",
            "company": "Initech",
            "city": "Madison",
        },
    )
    assert (moved.outcome, moved.crm_id) == ("matched", "100")
    assert any(JOB_CHANGE_NOTE in c["level"] for c in moved.explanation)
    assert stranger.outcome != "matched"
