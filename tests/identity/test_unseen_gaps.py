"""Gaps that records nobody on the project generated still showed, each written as a rule:
- an ASCII spelling of umlauts or Nordic letters with a typo in it ("Anna Muellr" for "Anna Müller")
  shared no block and was a clearly different surname;
- diminutives the `nicknames` package does not list (Pippa for Philippa);
- a mailbox at a mistyped free-mail domain (jane.doe@gmial.com) is evidence for the provider's mailbox, not
  a key that links on its own;
- three-letter names a letter apart (Jon/Jo, Ana/Ann) are neither linked on the name nor lost.
None of these tests reads a generator."""

import pytest

from identity_app import blocking, columns, normalise_emails, normalise_names
from identity_app.attributes import build_profile
from tests.identity.conftest import crm, filler_records

# -- ASCII spellings with a typo beside them -------------------------------------------------------------


def test_the_surname_prefix_block_is_taken_from_the_folded_spelling():
    typed = build_profile({"first_name": "Guenther", "last_name": "Muellr"})
    held = build_profile({"first_name": "Guenther", "last_name": "Müller"})
    rule = [["first_name", "last_name_prefix"]]
    assert blocking.search_keys(typed, rule) & blocking.block_keys(held, rule)
    assert columns.block_keys_by_record([typed, held], rule) == [
        blocking.block_keys(typed, rule),
        blocking.block_keys(held, rule),
    ]


def test_a_typo_in_an_ascii_spelled_surname_is_a_slip_not_another_name():
    # muellr -> mullr is one slip from muller (the spelling of müller): close, not clearly different.
    assert normalise_names.name_closeness("muellr", "muller") >= 0.85
    assert not normalise_names.names_clearly_differ(("gunther", "muller"), ("guenther", "muellr"), 0.75)
    # Folding does not bring two other names together.
    assert normalise_names.name_closeness("mueller", "miller") == 0.0
    assert normalise_names.names_clearly_differ(("anna", "schroeder"), ("anna", "schneider"), 0.75) is False


def test_an_ascii_spelled_name_with_a_typo_still_finds_its_record(db, enabled, mirror, resolve):
    mirror(
        crm("g1", firstname="Anna", lastname="Müller", company="Brauerei Adler GmbH", city="München"),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "e1",
            "first_name": "Anna",
            "last_name": "Muellr",
            "company_name": "Brauerei Adler GmbH",
            "city": "Muenchen",
        }
    )
    assert result.candidates and result.candidates[0]["crm_id"] == "g1"
    # Review for want of anything personal (a namesake colleague is possible), not for another surname.
    assert "last_name" not in result.candidates[0]["vetoed_by"]


# -- diminutives the nicknames package lacks -------------------------------------------------------------


@pytest.mark.parametrize(
    ("diminutive", "full"),
    [
        ("pippa", "philippa"),
        ("hans", "johannes"),
        ("paco", "francisco"),
        ("kees", "cornelis"),
        ("misha", "mikhail"),
    ],
)
def test_a_supplemented_diminutive_is_its_full_names_nickname(diminutive, full):
    assert normalise_names.name_match(diminutive, full) == ("nickname", normalise_names.EQUIVALENT_SIMILARITY)
    assert full in normalise_names.name_canonicals(
        diminutive
    )  # the first_name_forms block meets the full name


def test_two_full_names_sharing_a_supplemented_diminutive_stay_two_names():
    assert normalise_names.names_equivalent("sasha", "alexandra")
    assert not normalise_names.names_equivalent("alexander", "alexandra")
    assert not normalise_names.names_equivalent("antonio", "antonia")
    assert not normalise_names.names_equivalent("pippa", "philip")  # Pip is both, Pippa only Philippa's


# -- a mailbox at a mistyped free-mail domain --------------------------------------------------------------


def test_the_addresses_written_at_a_mistyped_provider_domain():
    assert normalise_emails.mistyped_addresses("Jane.Doe77@GMIAL.com; sales@acme.com") == {
        "janedoe77@gmail.com"
    }
    assert normalise_emails.mistyped_addresses("p.rees@hotmial.com") == {"p.rees@hotmail.com"}
    assert (
        normalise_emails.mistyped_addresses("jane@gmail.com, jane@mail.com") == set()
    )  # mail.com is a provider
    assert normalise_emails.mistyped_addresses("") == set()
    # Not a company domain either: no company evidence, no domain block.
    assert normalise_emails.is_free_mail(normalise_emails.email("jane@gmial.com"))


def _jane(**values):
    return crm("t1", firstname="Jane", lastname="Doe", city="Leeds", **values)


def test_a_mistyped_address_alone_does_not_link(db, enabled, mirror, resolve):
    mirror(_jane(email="jane.doe77@gmail.com"), *filler_records())
    [result] = resolve({"external_id": "e1", "email": "jane.doe77@gmial.com"})
    assert not result.matched
    assert any("mistyped" in note for note in result.notes)
    assert result.candidates and result.candidates[0]["crm_id"] == "t1"  # shown for review


def test_a_mistyped_address_held_by_the_crm_does_not_link_alone_either(db, enabled, mirror, resolve):
    mirror(_jane(email="jane.doe77@hotmial.com"), *filler_records())
    [result] = resolve({"external_id": "e1", "email": "jane.doe77@hotmail.com"})
    assert not result.matched


def test_a_mistyped_address_with_the_same_names_links(db, enabled, mirror, resolve):
    mirror(_jane(email="jane.doe77@gmail.com"), *filler_records())
    [result] = resolve(
        {"external_id": "e1", "email": "jane.doe77@gmial.com", "first_name": "Jane", "last_name": "Doe"}
    )
    assert result.matched and result.crm_id == "t1"


def test_a_mistyped_address_with_another_persons_names_does_not_link(db, enabled, mirror, resolve):
    mirror(_jane(email="jane.doe77@outlook.com"), *filler_records())
    [result] = resolve(
        {"external_id": "e1", "email": "jane.doe77@outlok.com", "first_name": "Sarah", "last_name": "Khan"}
    )
    assert not result.matched


@pytest.mark.parametrize(("mailbox", "links"), [("jane.doe", False), ("jane.doe77", True)])
def test_a_mistyped_name_made_address_does_not_choose_between_namesake_colleagues(
    db, enabled, mirror, resolve, mailbox, links
):
    """jane.doe@gmial.com may be the other Jane Doe's slip as well; jane.doe77 names one mailbox."""
    mirror(
        _jane(email=f"{mailbox}@gmail.com", company="Acme"),
        crm("t2", firstname="Jane", lastname="Doe", company="Acme", city="Leeds"),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "e1",
            "email": f"{mailbox}@gmial.com",
            "first_name": "Jane",
            "last_name": "Doe",
            "company_name": "Acme",
        }
    )
    assert result.matched is links
    if links:
        assert result.crm_id == "t1"
    else:
        assert any("mistyped domain" in note and "t2" in note for note in result.notes)


# -- three-letter names a letter apart ---------------------------------------------------------------------


@pytest.mark.parametrize(("held", "written"), [("Jon", "Jo"), ("Ana", "Ann")])
def test_a_short_first_name_a_letter_off_is_neither_linked_on_the_name_nor_lost(
    db, enabled, mirror, resolve, held, written
):
    # Two names a reader tells apart: nothing equivalent about them, and not a typo a short name may carry.
    assert normalise_names.name_closeness(normalise_names.name(held), normalise_names.name(written)) == 0.0
    mirror(crm("s1", firstname=held, lastname="Hartley", company="Acme", city="York"), *filler_records())
    [result] = resolve(
        {
            "external_id": "e1",
            "first_name": written,
            "last_name": "Hartley",
            "company_name": "Acme",
            "city": "York",
        }
    )
    assert not result.matched
    assert result.candidates and result.candidates[0]["crm_id"] == "s1"
