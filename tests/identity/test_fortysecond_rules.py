"""Rules found by the forty-second generator (Salesforce Contacts of a company selling to Korea against a Korean
business-card app's export): the export's Korean labels are read; a Korean name in Hangul is split family name
first, the family name spelt as its bearers spell it; a record written in Hangul reads its numbers in Korea; a
Hangul name and a romanised one are the same name only when the letters spell its syllables; a mailbox made of a
Korean given name's syllable initials (yh.kim@) says no more than the name. None of these tests reads an outside
file."""

import pytest

from identity_app import columns
from identity_app.attributes import build_profile, names_as_held, recognised_columns
from identity_app.normalise_emails import name_made_user_name
from identity_app.normalise_names import hangul_name_parts, name, spelled_as_hangul
from identity_app.normalise_places import country_by_writing
from identity_app.resolution import first_name_clearly_differs
from tests.identity.conftest import crm, filler_records

CARD_COLUMNS = [
    "명함ID",
    "이름",
    "영문이름",
    "회사",
    "부서",
    "직책",
    "휴대폰",
    "전화",
    "팩스",
    "이메일",
    "웹사이트",
    "주소",
]


def test_a_korean_card_export_is_read_by_its_labels():
    assert recognised_columns(CARD_COLUMNS, keep=["명함ID"]) == {
        "이름": "full_name",  # a card's whole name
        "영문이름": "name",  # the English side, read where the card gives no name in Hangul
        "회사": "company_name",
        "휴대폰": "mobilephone",
        "전화": "phone",
        "이메일": "email",
        "주소": "street",
    }


def test_beside_a_family_name_column_the_korean_name_label_is_the_given_name():
    """A Korean CRM's export: "성" (family name) and "이름" (given name)."""
    assert recognised_columns(["성", "이름", "이메일"]) == {
        "성": "last_name",
        "이름": "first_name",
        "이메일": "email",
    }


@pytest.mark.parametrize(
    ("written", "parts"),
    [
        ("김민준", ("김", "민준")),
        ("이준", ("이", "준")),
        ("박 지훈", ("박", "지훈")),  # the family name apart
        ("남궁민수", ("남궁", "민수")),  # a two-syllable family name
        ("김민준호", None),  # four syllables without such a family name: not read as a name
        ("김", None),
        ("Kim Minjun", None),
        ("张伟", None),
    ],
)
def test_a_korean_name_in_hangul_splits_after_its_family_name(written, parts):
    assert hangul_name_parts(written) == parts


@pytest.mark.parametrize(("hangul", "spelt"), [("김", "kim"), ("이", "lee"), ("박", "park"), ("최", "choi")])
def test_a_korean_family_name_alone_is_spelt_as_its_bearers_spell_it(hangul, spelt):
    assert name(hangul) == spelt  # a transliterator reads Gim, I, Bag, Choe


def _profile(row: dict) -> dict:
    one = build_profile(row, region="US")
    [batch] = columns.build_profiles([row], region="US")
    assert {k: one[k] for k in ("first_name", "last_name", "phones")} == {
        k: batch[k] for k in ("first_name", "last_name", "phones")
    }
    return one


def test_a_card_in_hangul_gives_the_names_and_korean_numbers():
    profile = _profile(
        {
            "full_name": "박지훈",
            "company_name": "(주)한성정밀",
            "mobilephone": "010-2345-6789",
            "phone": "02-2123-4567",
        }
    )
    assert (profile["first_name"], profile["last_name"]) == ("jihun", "park")
    assert profile["phones"] == ["+82221234567", "+821023456789"]  # read in a US flow: +1 022... is no number


def test_a_record_written_in_hangul_is_written_in_korea():
    assert country_by_writing("", "(주)한성정밀", ["", ""]) == "KR"
    assert country_by_writing("", "Hansung Precision Co., Ltd.", ["Minjun", "Kim"]) == ""


@pytest.mark.parametrize(
    ("romanised", "hangul", "same"),
    [
        ("ji hoon", "지훈", True),
        ("jihun", "지훈", True),
        ("hyun woo", "현우", True),
        ("young soo", "영수", True),
        ("younghee", "영희", True),
        ("rhee", "이", True),
        ("pak", "박", True),
        ("ji eun", "은영", False),  # 이은영 is not Ji-eun Yi
        ("seojun", "서진", False),
        ("daniel", "민준", False),
    ],
)
def test_a_name_in_latin_letters_is_a_hangul_name_when_it_spells_its_syllables(romanised, hangul, same):
    assert spelled_as_hangul(romanised, hangul) is same


def test_a_hangul_given_name_is_not_part_of_another_romanised_one():
    """이은영's card gives the team's line that Ji-eun Yi holds: 은 is a syllable of both, but 은영 is not 지은."""
    inbound = {"first_name": "eunyeong", "last_name": "lee", "extra": {"hangul_name": ["이", "은영"]}}
    holder = {
        "first_name": "ji eun",
        "last_name": "yi",
        "display": {"first_name": "Ji-eun", "last_name": "Yi"},
    }
    assert first_name_clearly_differs(names_as_held(inbound, holder), holder, 0.8)


def test_a_hangul_name_is_read_under_its_romanisation_either_way():
    inbound = {"first_name": "jihun", "last_name": "kim", "extra": {"hangul_name": ["김", "지훈"]}}
    holder = {
        "first_name": "ji hoon",
        "last_name": "kim",
        "display": {"first_name": "Ji-hoon", "last_name": "Kim"},
    }
    assert names_as_held(inbound, holder)["first_name"] == "ji hoon"
    assert not first_name_clearly_differs(names_as_held(inbound, holder), holder, 0.8)
    latin = {"first_name": "ji hyun", "last_name": "jang", "extra": {}}
    held = {
        "first_name": "jihyeon",
        "last_name": "jang",
        "display": {"first_name": "지현", "last_name": "장"},
    }
    assert names_as_held(latin, held)["first_name"] == "jihyeon"


@pytest.mark.parametrize(
    ("user", "first", "last", "made"),
    [
        ("yh.kim", "yeonghui", "kim", True),  # Young-hee Kim
        ("kimyh", "young hee", "kim", True),
        ("xm.wang", "xiaoming", "wang", True),
        ("yh.kim", "daniel", "kim", False),
    ],
)
def test_a_mailbox_of_a_given_names_syllable_initials_is_made_of_the_names(user, first, last, made):
    assert name_made_user_name(user, first, last) is made


def test_a_card_in_hangul_links_on_the_mobile_to_its_romanised_contact(mirror, resolve):
    mirror(
        crm("jh", firstname="Ji-hoon", lastname="KIM", company="Hansung Precision Co., Ltd.",
            mobilephone="+82 10-2345-6789", country="South Korea"),
        crm("je", firstname="Ji-eun", lastname="Yi", company="(주)대림금속", phone="+82 2-245-7845",
            mobilephone="+82 10 9824 2359", country="South Korea"),
        *filler_records(),
    )  # fmt: skip
    linked, teammate = resolve(
        {
            "external_id": "c1",
            "full_name": "김지훈",
            "company_name": "(주)한성정밀",
            "phone": "010-2345-6789",
        },
        {
            "external_id": "c2",
            "full_name": "이은영",
            "company_name": "(주)대림금속",
            "phone": "02-245-7845, 010-4388-7049",
        },
    )
    assert (linked.outcome, linked.crm_id) == ("matched", "jh")
    assert not teammate.matched


def test_a_card_in_latin_letters_links_on_the_mobile_to_a_contact_held_in_hangul(mirror, resolve):
    """A Korean colleague typed the contact in Hangul ("지현" / "장"); the card's English side gives Ji-hyeon JANG."""
    mirror(
        crm("jh", firstname="지현", lastname="장", company="㈜대림금속", mobilephone="+82 10 6852 4398"),
        *filler_records(),
    )
    [result] = resolve({"external_id": "c1", "full_name": "Ji-hyeon JANG", "phone": "+82 10-6852-4398"})
    assert (result.outcome, result.crm_id) == ("matched", "jh")


@pytest.mark.parametrize(
    ("english", "preferred"),
    [
        ("Daniel Kim", ["daniel"]),
        ("Daniel Minjun Kim", ["daniel"]),
        ("Minjun Kim", None),
        ("KIM MIN JUN", None),
    ],
)
def test_a_cards_english_side_gives_the_western_name_beside_the_hangul_one(english, preferred):
    profile = build_profile({"full_name": "김민준", "name": english}, region="US")
    [batch] = columns.build_profiles([{"full_name": "김민준", "name": english}], region="US")
    assert (profile["first_name"], profile["last_name"]) == ("minjun", "kim")
    assert profile["extra"].get("preferred_names") == batch["extra"].get("preferred_names") == preferred


def test_a_hangul_name_is_spelt_whole_however_the_other_record_split_it():
    """ "Min Ji Kim" is read "min" / "ji kim" (three words do not say which is the family name): read whole, it
    spells 김민지, as the contact a Korean colleague typed in Hangul holds it."""
    inbound = {"first_name": "min", "last_name": "ji kim", "extra": {}}
    holder = {"first_name": "minji", "last_name": "kim", "display": {"first_name": "민지", "last_name": "김"}}
    assert not first_name_clearly_differs(names_as_held(inbound, holder), holder, 0.8)
    other = {"first_name": "min", "last_name": "jun kim", "extra": {}}
    assert first_name_clearly_differs(names_as_held(other, holder), holder, 0.8)
