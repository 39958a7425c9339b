"""Ways one person's record looks like another's, found by `benchmarks/identity_unseen.py`:
- a name written with umlauts in one system and in their ASCII spelling in the other ("Günther Müller",
  "Guenther Mueller") shared no block and compared as two fuzzy names;
- a Dutch surname with its particles moved or shortened ("Berg, van der", "vd Berg") was another surname.
None of these tests reads the generator."""

import pytest

from identity_app import blocking, columns, normalise_names
from identity_app.attributes import build_profile
from identity_app.scoring import DEFAULT_COMPARISONS, Scorer
from tests.identity.conftest import crm, filler_records

# -- ASCII spellings of umlauts and Nordic letters --------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("guenther", "gunther"),
        ("mueller", "muller"),
        ("schroeder", "schroder"),
        ("soeren", "soren"),
        ("aase", "ase"),
    ],
)
def test_a_name_and_its_ascii_spelling_are_equivalent(written, plain):
    assert normalise_names.names_equivalent(written, plain)
    assert normalise_names.name_match(written, plain)[0] == "nickname"
    assert normalise_names.name_closeness(written, plain) >= 0.9


def test_the_spelling_does_not_make_other_names_equivalent():
    assert not normalise_names.names_equivalent("muller", "miller")
    assert not normalise_names.names_equivalent("gunther", "gustav")
    assert normalise_names.spelling_folded("") == ""


def test_an_ascii_spelled_name_compares_on_the_equivalent_level_not_as_a_fuzzy_name():
    scorer = Scorer([dict(c) for c in DEFAULT_COMPARISONS], 0.01)
    first, last = scorer.level_index("first_name"), scorer.level_index("last_name")
    levels = scorer.levels(
        build_profile({"first_name": "Guenther", "last_name": "Mueller"}),
        build_profile({"first_name": "Günther", "last_name": "Müller"}),
    )
    assert (levels[first], levels[last]) == (1, 1)  # "nickname, initial or part"


def test_the_name_tokens_block_also_holds_the_folded_spelling():
    assert blocking.name_token_keys("guenther", "mueller") == ["guenther mueller", "gunther muller"]
    assert blocking.name_token_keys("gunther", "muller") == ["gunther muller"]
    assert blocking.name_token_keys("anna", "") == []
    profiles = [
        build_profile({"first_name": "Guenther", "last_name": "Mueller"}),
        build_profile({"first_name": "Günther", "last_name": "Müller"}),
    ]
    one_by_one = [blocking.search_keys(p, [["name_tokens"]]) for p in profiles]
    assert one_by_one[0] & one_by_one[1]
    assert columns.block_keys_by_record(profiles, [["name_tokens"]], plain_keys=True) == one_by_one


def test_both_names_transliterated_still_find_their_record(db, enabled, mirror, resolve):
    """Company and postcode agree, nothing else is given: before, no rule put the two in one block."""
    mirror(
        crm(
            "g1",
            firstname="Günther",
            lastname="Müller",
            company="Brauerei Adler GmbH",
            zip="80331",
            city="München",
        ),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "e1",
            "first_name": "Guenther",
            "last_name": "Mueller",
            "company_name": "Brauerei Adler GmbH",
            "postcode": "80331",
            "city": "Muenchen",
        }
    )
    assert result.candidates and result.candidates[0]["crm_id"] == "g1"


# -- surname particles (Dutch tussenvoegsels and others) -------------------------------------------------


@pytest.mark.parametrize(
    ("written", "held"),
    [
        ("Berg, van der", "van der Berg"),
        ("vd Berg", "van der Berg"),
        ("v. Dijk", "van Dijk"),
        ("Hof, van 't", "van 't Hof"),
        ("Silva", "da Silva"),
    ],
)
def test_a_surname_with_its_particles_moved_shortened_or_left_out_is_equivalent(written, held):
    assert normalise_names.name_match(normalise_names.name(written), normalise_names.name(held)) == (
        "part",
        0.95,
    )
    assert not normalise_names.names_clearly_differ(
        ("wendy", normalise_names.name(written)), ("wendy", normalise_names.name(held)), 0.75
    )


def test_particles_alone_or_words_in_another_order_are_not_made_equivalent():
    assert normalise_names.name_match("le", "du")[0] != "part"  # a whole surname is no particle
    assert normalise_names.name_match("maria jose", "jose maria")[0] == "different"
    assert normalise_names.without_particles("van der") == ""


def test_the_name_tokens_block_also_holds_the_names_without_particles():
    assert blocking.name_token_keys("wendy", "vd berg")[-1] == "berg wendy"
    assert blocking.name_token_keys("wendy", "van der berg")[-1] == "berg wendy"
    assert blocking.name_token_keys("jan", "de") == ["de jan"]


def test_a_phone_key_is_not_contradicted_by_a_surname_written_last_name_first(db, mirror, resolve):
    """ "Berg, van der" used to be another surname than "van der Berg" (words in another order), so the
    record's own mobile was taken for a switchboard."""
    mirror(
        crm("c1", firstname="Wendy", lastname="van der Berg", mobilephone="+31612578422"), *filler_records()
    )
    [result] = resolve(
        {"external_id": "e1", "first_name": "Wendy", "last_name": "Berg, van der", "phone": "+31612578422"}
    )
    assert (result.matched, result.crm_id) == (True, "c1")


def test_a_shortened_particle_still_finds_its_record(db, enabled, mirror, resolve):
    mirror(
        crm("c1", firstname="Wendy", lastname="van der Berg", company="Auralis B.V.", zip="3528 LH"),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "e1",
            "first_name": "Wendy",
            "last_name": "vd Berg",
            "company_name": "Auralis B.V.",
            "postcode": "3528 LH",
        }
    )
    assert result.candidates and result.candidates[0]["crm_id"] == "c1"
