"""The same mailbox name at a renamed company's new domain (jane.doe@old-name.com, jane.doe@new-name.com),
found by `benchmarks/identity_unseen.py`: it counted as two different addresses and a different domain. As
Splink's EmailComparison has it, the email comparison now has a "same user name, other domain" level; generic
mailbox names do not reach it, and it is evidence, never a key. None of these tests reads the generator."""

import pytest

from identity_app import normalise_emails
from identity_app.attributes import build_profile
from identity_app.scoring import DEFAULT_COMPARISONS, USER_NAME_LEVEL, USER_NAME_NOTE, Scorer, level_of
from tests.identity.conftest import crm, filler_records

EMAIL = next(c for c in DEFAULT_COMPARISONS if c["attribute"] == "emails")


# -- the same mailbox name at another domain --------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        (["jane.doe@old-name.com"], ["jane.doe@new-name.com"], 1),
        (["jane.doe+news@old-name.com"], ["jane.doe@new-name.com"], 1),
        (["jdoe76@old-name.com"], ["jdoe76@gmail.com"], 1),
        (["jane.doe@old-name.com"], ["jane.doe@old-name.com"], 0),
        (["jane.doe@old-name.com"], ["j.doe@new-name.com"], 2),
        (["info@old-name.com"], ["info@new-name.com"], 2),  # a role mailbox
        (["einkauf@alt.de"], ["einkauf@neu.de"], 2),  # a department's
        (["michael@old-name.com"], ["michael@new-name.com"], 2),  # a lone given name
        (["jd@old-name.com"], ["jd@new-name.com"], 2),  # too short to say who
    ],
)
def test_the_email_comparison_has_a_same_user_name_level(left, right, level):
    assert EMAIL["method"] == "email"
    assert level_of(EMAIL, left, right) == level


def test_the_same_user_name_is_no_key(db, mirror, resolve):
    mirror(crm("c1", firstname="Jane", lastname="Doe", email="jane.doe@old-name.com"), *filler_records())
    [result] = resolve({"external_id": "e1", "email": "jane.doe@new-name.com"})
    assert not result.matched


def test_the_email_domain_is_not_held_against_the_same_user_name_and_both_scorers_agree():
    scorer = Scorer([dict(c) for c in DEFAULT_COMPARISONS], 0.01)
    emails, domain = scorer.level_index("emails"), scorer.level_index("email_domain")
    inbound = build_profile({"first_name": "Jane", "last_name": "Doe", "email": "jane.doe@new-name.com"})
    renamed = build_profile({"first_name": "Jane", "last_name": "Doe", "email": "jane.doe@old-name.com"})
    other = build_profile({"first_name": "Jane", "last_name": "Doe", "email": "jdoe@old-name.com"})
    levels = scorer.levels(inbound, renamed)
    assert scorer.labels[emails][levels[emails]] == USER_NAME_LEVEL
    assert levels[domain] == 1  # the domains differ ...
    weights = {c.attribute: c.weight for c in scorer.contributions(inbound, renamed, levels)}
    assert weights["email_domain"] == 0  # ... which the user-name level already says
    assert scorer.total(levels) == pytest.approx(sum(weights.values()))
    explained = scorer.explained(scorer.values(inbound), scorer.values(renamed), levels)
    assert next(e for e in explained if e["attribute"] == "email_domain")["level"].endswith(USER_NAME_NOTE)
    # Another mailbox name: the domain's disagreement counts as before.
    other_levels = scorer.levels(inbound, other)
    assert scorer.total(other_levels) < scorer.total(levels)
    rows = [scorer.values(renamed), scorer.values(other)]
    assert scorer.against(inbound).totals(rows) == [scorer.total(levels), scorer.total(other_levels)]


def test_a_renamed_companys_new_address_links_a_generic_one_does_not(db, enabled, mirror, resolve):
    place = {"lastname": "Doe", "city": "Leeds", "zip": "LS1 4AP"}
    mirror(
        crm("c1", firstname="Jane", email="jane.doe@oldname.co.uk", company="Oldname Ltd", **place),
        crm("c2", firstname="Anna", email="anna@brightly.co.uk", company="Brightly Ltd", **place),
        *filler_records(),
    )
    moved = {"last_name": "Doe", "city": "Leeds", "postcode": "LS1 4AP"}
    renamed, generic = resolve(
        {
            "external_id": "e1",
            "first_name": "Jane",
            "email": "jane.doe@newname.com",
            "company_name": "Newname Ltd",
            **moved,
        },
        {
            "external_id": "e2",
            "first_name": "Anna",
            "email": "anna@shinely.com",
            "company_name": "Shinely Ltd",
            **moved,
        },
    )
    assert (renamed.matched, renamed.crm_id) == (True, "c1")
    assert not generic.matched


# -- a mailbox made of the names says nothing the names do not --------------------------------------------


@pytest.mark.parametrize(
    ("local", "first", "last", "made"),
    [
        ("r.whitaker", "Rhiannon", "Whitaker", True),
        ("ximena.ramirez", "Ximena", "Ramírez", True),
        ("y.dang", "Yến", "Đặng", True),
        ("smithj", "John", "Smith", True),
        ("mvandenheuvel", "Maaike", "van den Heuvel", True),
        ("jdoe76", "John", "Doe", False),  # digits say more than the names
        ("bigcat", "John", "Smith", False),  # a handle
        ("jane.doe", "Jane", None, False),  # "doe" is not one of the names given
    ],
)
def test_a_mailbox_made_of_the_names(local, first, last, made):
    assert normalise_emails.name_made_user_name(local, first, last) is made


def test_a_namesake_with_a_name_made_mailbox_at_another_firm_in_the_same_town_waits(
    db, enabled, mirror, resolve
):
    """Adversarial seed 7: Rhiannon Whitaker of Fitzgerald Foods (r.whitaker@fitzgerald..., Bristol) was linked
    to the CRM's Rhiannon Whitaker of Ellison Foods (r.whitaker@ellison..., Bristol): names, town and the
    same name-made mailbox name were all that agreed."""
    mirror(
        crm(
            "c1",
            firstname="Rhiannon",
            lastname="Whitaker",
            email="r.whitaker@ellisonfoods.co.uk",
            company="Ellison Foods Ltd",
            city="Bristol",
            zip="BS1 4DJ",
        ),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "e1",
            "first_name": "Rhiannon",
            "last_name": "Whitaker",
            "email": "r.whitaker@fitzgeraldfoods.co.uk",
            "company_name": "Fitzgerald Foods LLP",
            "city": "Bristol",
        }
    )
    assert not result.matched
    assert any("made of the same names at another domain" in note for note in result.notes)
