"""Rules found by `benchmarks/identity_seventh.py` (a HubSpot export merged with a Pipedrive account's export).
None of these tests reads the generator."""

import pytest

from identity_app import key_checks, locale_words, normalise_companies, normalise_emails
from tests.identity.conftest import crm, filler_records

# -- a number in a company's name is part of its identity -------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("1073858 alberta", "1073885 alberta"),  # numbered companies: the number is the name
        ("2703103 ontario", "2703130 ontario"),
        ("unit 4 studios", "unit 5 studios"),
        ("route 66 diner", "route 67 diner"),
    ],
)
def test_names_that_differ_in_a_number_are_not_alike(left, right):
    assert normalise_companies.company_similarity(left, right) < 0.75


def test_a_typo_in_a_word_of_letters_is_still_forgiven():
    assert normalise_companies.company_similarity("1073858 alberta", "1073858 albreta") >= 0.9


def test_a_numbered_company_one_digit_off_at_the_same_address_is_not_linked(resolve_companies):
    """Two numbered companies in one city and postcode (a registered agent's address) used to link: the names
    were "alike" as a typo of one digit swap apart."""
    [result] = resolve_companies(
        [
            crm("1", name="1073885 Alberta Inc.", phone="+1 506-237-9016", city="Toronto", zip="M5A 7K1"),
            crm("2", name="Globex Inc.", domain="globex.com", city="Toronto", zip="M4B 1B3"),
        ],
        {
            "external_id": "e1",
            "name": "1073858 Alberta Inc.",
            "phone": "(506) 247-2597",
            "country": "Canada",
            "city": "Toronto",
            "postcode": "M5A 7K1",
        },
    )
    assert result.outcome != "matched"


# -- a household's mailbox ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "local", ["mulderfamilie", "garciafamily75", "thesmithfamily", "famillemartin", "schulz.familie"]
)
def test_the_word_for_family_run_together_with_the_surname_names_a_household(local):
    assert locale_words.is_shared_local_part(local)


@pytest.mark.parametrize("local", ["jacob.jones", "a.mulder", "fam.jones"])
def test_a_persons_mailbox_is_not_a_households(local):
    assert not locale_words.is_shared_local_part(local)


def test_a_dotted_family_mailbox_at_gmail_is_no_key_for_another_member(db, mirror, resolve):
    """Gmail's addresses are compared without their dots: "mulder.familie" was read as "mulderfamilie", in
    which the word for family was not found, and the mailbox linked Andy to Andrea Mulder as a key."""
    mirror(
        crm(
            "c1",
            firstname="Andrea",
            lastname="Mulder",
            email="mulder.familie@gmail.com",
            phone="+31612611151",
        ),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "e1",
            "first_name": "Andy",
            "last_name": "Mulder",
            "email": "mulder.familie@gmail.com",
            "phone": "+31 6 12997631",
        }
    )
    assert result.outcome != "matched"


@pytest.mark.parametrize(
    ("address", "surnames", "household"),
    [
        ("theclarkes16@btinternet.com", ["clarke"], True),
        ("the.johnsons@gmail.com", ["johnson"], True),
        ("thejoneses@aol.com", ["jones"], True),
        ("theodoros.clarke@gmail.com", ["clarke"], False),
        ("clarkes@btinternet.com", ["clarke"], False),
        ("theclarke@btinternet.com", ["clarke"], False),
    ],
)
def test_a_household_is_named_by_its_surname_in_the_plural(address, surnames, household):
    assert key_checks.household_mailbox(address, surnames) is household


def test_a_household_mailbox_keys_the_first_name_it_is_held_under_only(db, mirror, resolve):
    """ "Toni" is Antonia's nickname and Antonio's: on theclarkes16@ (held under Antonia) it linked as a key
    to her record, though it was her husband's record being written."""
    mirror(
        crm("c1", firstname="Antonia", lastname="Clarke", email="theclarkes16@btinternet.com"),
        *filler_records(),
    )
    [other, same] = resolve(
        {
            "external_id": "e1",
            "first_name": "Toni",
            "last_name": "Clarke",
            "email": "theclarkes16@btinternet.com",
        },
        {
            "external_id": "e2",
            "first_name": "Antonia",
            "last_name": "Clarke",
            "email": "theclarkes16@btinternet.com",
        },
    )
    assert other.outcome != "matched"
    assert (same.outcome, same.crm_id) == ("matched", "c1")


# -- father and son of one name on one mailbox --------------------------------------------------------------


@pytest.mark.parametrize(
    ("crm_last", "inbound_last", "email"),
    [
        ("Brown Sr.", "Brown Jr.", "rbrown@brownroofing.com"),  # the son took over his father's mailbox
        ("Lee II", "Lee III", "mlee@leeplumbing.com"),
    ],
)
def test_a_mailbox_on_the_record_of_another_generation_is_no_key(
    db, mirror, resolve, crm_last, inbound_last, email
):
    """The generation told father and son apart on a shared phone only; an email key linked the son's record
    to his father's."""
    mirror(
        crm("c1", firstname="Robert", lastname=crm_last, email=email, phone="+1 312-555-0100"),
        *filler_records(),
    )
    [result] = resolve(
        {"external_id": "e1", "first_name": "Robert", "last_name": inbound_last, "email": email}
    )
    assert result.outcome != "matched"


def test_a_mailbox_keeps_its_record_when_one_name_writes_no_generation(db, mirror, resolve):
    mirror(
        crm("c1", firstname="Robert", lastname="Brown", email="rbrown@brownroofing.com"), *filler_records()
    )
    [result] = resolve(
        {
            "external_id": "e1",
            "first_name": "Robert",
            "last_name": "Brown Jr.",
            "email": "rbrown@brownroofing.com",
        }
    )
    assert (result.outcome, result.crm_id) == ("matched", "c1")


@pytest.mark.parametrize("address", ["info2@leeplumbing.com", "office1@acme.com", "sales3@acme.co.uk"])
def test_a_numbered_desk_inbox_is_a_role_address(address):
    assert normalise_emails.is_role_address(address)


@pytest.mark.parametrize("address", ["john2@acme.com", "j.smith2@acme.com", "2019@acme.com"])
def test_a_persons_numbered_mailbox_is_not(address):
    assert not normalise_emails.is_role_address(address)


# -- romanised Chinese and Korean given names ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["xiaoming", "jianhua", "seo jun", "hyun woo", "ji hoon"])
def test_a_romanised_chinese_or_korean_given_name_reads_as_syllables(name):
    assert locale_words.romanised_syllables(name)


@pytest.mark.parametrize("name", ["daniel", "michael", "christina", "jonathan", "jean pierre", "maria jose"])
def test_western_given_names_do_not(name):
    assert not locale_words.romanised_syllables(name)


@pytest.mark.parametrize(
    ("crm_first", "inbound_first"), [("Xiaoming", "Xiaoling"), ("Jianhua", "Jianhui"), ("Seo-jun", "Seo-jin")]
)
def test_a_colleague_one_syllable_letter_away_on_the_main_line_is_not_linked(
    db, mirror, resolve, crm_first, inbound_first
):
    """The company's main line held by one CRM person was a key for a colleague of one family name whose
    given name was "a slip" of theirs: another syllable, another name."""
    mirror(
        crm("c1", firstname=crm_first, lastname="Wang", phone="+86 21 5555 0101", company="Huaxin Trading"),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "e1",
            "first_name": inbound_first,
            "last_name": "Wang",
            "phone": "+86 21 5555 0101",
            "company": "Huaxin Trading",
        }
    )
    assert result.outcome != "matched"


def test_a_swap_of_neighbouring_letters_in_a_syllabic_name_is_still_a_typo(db, mirror, resolve):
    mirror(crm("c1", firstname="Xiaoming", lastname="Wang", phone="+86 21 5555 0101"), *filler_records())
    [result] = resolve(
        {"external_id": "e1", "first_name": "Xiaomnig", "last_name": "Wang", "phone": "+86 21 5555 0101"}
    )
    assert (result.outcome, result.crm_id) == ("matched", "c1")


def test_a_surname_that_starts_like_the_word_for_family_is_a_persons_mailbox():
    assert not locale_words.is_shared_local_part("jfamilton")


def test_a_typo_in_a_western_name_that_reads_as_syllables_still_links_by_its_mailbox(db, mirror, resolve):
    """ "pierre" reads as Pinyin (pi-er-re): the syllable rule holds only beside a one-syllable Chinese or
    Korean family name on both records."""
    mirror(crm("c1", firstname="Pierre", lastname="Faure", email="pfaure@ondnix.fr"), *filler_records())
    [result] = resolve(
        {"external_id": "e1", "first_name": "Perre", "last_name": "Faure", "email": "pfaure@ondnix.fr"}
    )
    assert (result.outcome, result.crm_id) == ("matched", "c1")


@pytest.mark.parametrize(
    ("name", "one"), [("wang", True), ("kim", True), ("park", True), ("lim", True), ("faure", False)]
)
def test_chinese_and_korean_family_names_are_one_syllable(name, one):
    assert locale_words.one_syllable_surname(name) is one
