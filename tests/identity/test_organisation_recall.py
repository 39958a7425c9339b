# ruff: noqa: RUF001 - Vietnamese, Nordic and Polish company names are what these tests are about
"""Organisations whose names keep Latin letters without an accent to strip (đ, ø, ł, æ), and phone numbers
written in the international forms people use abroad."""

import pytest

from identity_app import normalise_companies, normalise_phones
from identity_app.organisations import in_latin_letters, names_clearly_differ
from tests.identity.conftest import crm


@pytest.mark.parametrize(
    ("name", "latin"),
    [
        ("đo coffee", True),  # Đỗ: the stroke is no accent, the letter stays
        ("bjørn olsen", True),
        ("łodz tech", True),
        ("ærø fisk", True),
        ("isık yazılım", True),  # a dotless i
        ("acme 2", True),
        ("山田製作所", False),
        ("северныи ветер", False),
    ],
)
def test_latin_letters_without_an_accent_to_strip_are_latin(name, latin):
    assert in_latin_letters(name) is latin


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("Đỗ Coffee Co., Ltd.", "Do Coffee Co Ltd"),
        ("Ørsted A/S", "Orsted AS"),
        ("Ærø Fisk ApS", "Aero Fisk ApS"),
        ("Łódź Tech Sp. z o.o.", "Lodz Tech"),
    ],
)
def test_a_company_name_typed_without_such_letters_is_the_same_name(written, typed):
    assert normalise_companies.company_name(written) == normalise_companies.company_name(typed)


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("Acme Tech Inc", "Acme Technologies, Inc."),
        ("Acme Technology", "Acme Technologies"),
        ("Nova Labs 528 S.L.", "Nova Laboratories 528 SL"),
        ("Acme Mgmt", "Acme Management"),
        ("Acme Pharma GmbH", "Acme Pharmaceuticals GmbH"),
        ("Acme Grp", "Acme Group"),
        ("Acme Hldgs Ltd", "Acme Holdings Limited"),
        ("Acme Industries", "Acme Industry"),
        ("Acme Centre", "Acme Center"),
    ],
)
def test_short_words_and_plurals_of_a_company_name_are_one_spelling(short, long):
    assert normalise_companies.company_name(short) == normalise_companies.company_name(long)


def test_other_words_stay_apart():
    assert normalise_companies.company_similarity(
        normalise_companies.company_name("Acme Technology"),
        normalise_companies.company_name("Acme Logistics"),
    ) == pytest.approx(0.5)


def test_a_domain_is_not_contradicted_by_the_name_written_short(resolve_companies):
    """ "Acme Technology" and "Acme Technologies" were 0.5 alike ("clearly different"), so the company's own
    domain went to review as another organisation's."""
    [result] = resolve_companies(
        [crm("1", name="Brightwater Technologies, Inc.", website="brightwater-tech.com", city="Austin")],
        {
            "external_id": "e1",
            "name": "Brightwater Tech",
            "website": "www.brightwater-tech.com",
            "city": "Austin",
        },
    )
    assert (result.outcome, result.crm_id, result.method) == ("matched", "1", "domain")


def test_other_scripts_are_not_folded():
    assert normalise_companies.company_name("ООО Северный Ветер") == "северныи ветер"
    assert normalise_companies.company_name("株式会社山田製作所") == "山田製作所"


def test_names_with_such_letters_are_compared_letter_by_letter():
    assert names_clearly_differ({"company_name": "lumen works 573"}, {"company_name": "đo coffee"}, 0.75)
    for written, typed in [
        ("đo coffee", "do coffee"),
        ("isık yazılım", "isik yazilim"),
        ("ærø fisk", "aero fisk"),
    ]:
        assert not names_clearly_differ({"company_name": typed}, {"company_name": written}, 0.75)


def test_a_name_that_is_also_a_placeholder_word_is_compared_as_written():
    """Fifth org_acronym_same_domain: "NIL Co., Ltd." is the initials of "Nornix Irizorkel Lumrinzor"; read
    again through the normaliser of raw values, "nil" was no value and the names "clearly differed"."""
    assert not names_clearly_differ(
        {"company_name": "nil"}, {"company_name": "nornix irizorkel lumrinzor"}, 0.75
    )


def test_a_switchboard_kept_by_a_company_of_another_name_goes_to_review(resolve_companies):
    """Adversarial org_rename, seeds 7 and 55: "Đỗ Coffee Co., Ltd." in the CRM, the lead "Lumen Works 573
    Co., Ltd." with the same phone and another website. The đ made the CRM name "another script", so the
    names were never compared and the phone linked (with a note that "the person changed jobs"). A phone
    held by an organisation of another name is a contradiction, as it is for "Wu Textiles"."""
    stored = [
        crm(
            "1", name="Đỗ Coffee Co., Ltd.", website="docoffee1986.com.vn", phone="+842101488757", city="Huế"
        ),
        crm("2", name="Wu Textiles Ltd", website="wutextiles.com.cn", phone="+861012199502", city="Chengdu"),
    ]
    vietnamese, chinese = resolve_companies(
        stored,
        {
            "external_id": "e1",
            "name": "Lumen Works 573 Co., Ltd.",
            "website": "lumenworks573.com",
            "phone": "+84-210-1488-757",
            "city": "Huế",
            "country": "Vietnam",
        },
        {
            "external_id": "e2",
            "name": "Vertex Group 301 Ltd",
            "website": "vertexgroup301.com",
            "phone": "+86.101.2199502",
            "city": "Chengdu",
            "country": "China",
        },
    )
    for result in (vietnamese, chinese):
        assert result.outcome == "key_contradicted"
        assert any("another organisation" in note for note in result.notes)
        assert not any("changed jobs" in note for note in result.notes)


def test_the_same_company_typed_without_those_letters_still_links_by_its_phone(resolve_companies):
    stored = [
        crm("1", name="Đỗ Coffee Co., Ltd.", website="docoffee.com.vn", phone="+842101488757", city="Huế"),
        crm("2", name="Işık Yazılım A.Ş.", website="isikyazilim.com.tr", phone="+902125220908", city="İzmir"),
    ]
    coffee, software = resolve_companies(
        stored,
        {"external_id": "e1", "name": "Do Coffee Co Ltd", "phone": "+84 210 1488 757", "city": "Hue"},
        {"external_id": "e2", "name": "Isik Yazilim AS", "phone": "+90 212 522 09 08", "city": "Izmir"},
    )
    assert (coffee.outcome, coffee.crm_id) == ("matched", "1")
    assert (software.outcome, software.crm_id) == ("matched", "2")


@pytest.mark.parametrize(
    ("written", "region", "e164"),
    [
        ("0012015364081", "US", "+12015364081"),  # "00" where the exit code is 011
        ("00 1 (201) 536-4081", "US", "+12015364081"),
        ("+1 (0)2015965995", "US", "+12015965995"),  # a "(0)" where the plan has no trunk 0
        ("+7 (0)495 123 4567", "RU", "+74951234567"),
        ("0044 (0)20 7946 0000", "US", "+442079460000"),
        # Forms the region already read stay as they were read.
        ("0033123515543", "FR", "+33123515543"),
        ("+44 (0)20 7946 0000", "GB", "+442079460000"),
        ("+39 (0)6 1234 5678", "IT", "+390612345678"),  # Italy keeps its 0
        ("011 44 20 7946 0000", "US", "+442079460000"),
        # Nothing is made of what is no number.
        ("00000000000", "US", ""),
        ("0020 1234", "US", ""),
        ("(0)123", "US", ""),
    ],
)
def test_numbers_written_abroad_are_read_in_their_own_plan(written, region, e164):
    assert normalise_phones.phone(written, region) == e164


def test_a_number_written_with_00_in_the_us_finds_the_record_that_holds_it(resolve_companies):
    """Adversarial org_rename: "0012015364081" for an American company read as nothing, so the renamed
    company's CRM record (its old name, the kept switchboard) was not even among the candidates shown."""
    [renamed] = resolve_companies(
        [
            crm(
                "1",
                name="Sanchez Systems LLC",
                website="sanchezsystems.com",
                phone="+12015364081",
                city="Austin",
            )
        ],
        {
            "external_id": "e1",
            "name": "Lumen Works 536 LLC",
            "website": "lumenworks536.com",
            "phone": "0012015364081",
            "city": "Austin",
            "country": "United States",
        },
    )
    assert renamed.outcome == "key_contradicted"  # another name: a person decides, with the record shown
    assert renamed.candidates[0]["crm_id"] == "1"


def test_a_key_link_across_scripts_says_so_not_that_a_person_changed_jobs(resolve_companies):
    [result] = resolve_companies(
        [crm("1", name="株式会社山田製作所", website="https://www.yamada-ss.co.jp/", country="Japan")],
        {"external_id": "e1", "name": "Yamada Seisakusho", "website": "yamada-ss.co.jp", "country": "JP"},
    )
    assert (result.outcome, result.crm_id, result.method) == ("matched", "1", "domain")
    assert any("writes the name otherwise" in note for note in result.notes)
    assert not any("changed jobs" in note for note in result.notes)
