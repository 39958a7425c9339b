"""Rules found by the forty-first generator (an exporter's HubSpot contacts against its China team's WeCom
customer export): WeCom's external-contact fields are read (the rep's remark name, the remarked mobiles, the
customer's registered company); a Chinese name written in Han characters is split into family name and given
name; a mainland mobile written without +86 is read as one on a record written in Chinese; and a rare name at
a company does not link alone beside a mobile that is not the candidate's. None of these tests reads an outside
file."""

import pytest

from identity_app import columns
from identity_app.attributes import PREFERRED_NAMES, build_profile, recognised_columns
from identity_app.normalise_names import han_name_parts
from identity_app.personal_evidence import NOTHING_PERSONAL
from identity_app.resolution import first_name_clearly_differs
from tests.identity.conftest import crm, filler_records
from tests.identity.test_name_frequency import _crm_world, _lead

WECOM_COLUMNS = ["external_userid", "name", "type", "corp_name", "corp_full_name", "position", "userid",
                 "remark", "description", "remark_corp_name", "remark_mobiles", "tags"]  # fmt: skip


def test_a_wecom_customer_export_is_read_by_its_api_field_names():
    renames = recognised_columns(WECOM_COLUMNS, keep=["external_userid"])
    assert renames == {
        "remark": "full_name",  # the rep's name for the customer, read before the nickname (`name`)
        "corp_full_name": "company_name",
        "remark_corp_name": "company",
        "remark_mobiles": "phones",
    }


def test_remark_elsewhere_is_a_note_and_stays_unread():
    assert "remark" not in recognised_columns(["id", "name", "email", "remark", "tags"])
    assert "remark_mobiles" not in recognised_columns(["id", "name", "remark_mobiles"])


@pytest.mark.parametrize(
    ("written", "parts"),
    [
        ("张伟", ("张", "伟")),
        ("王晓明", ("王", "晓明")),
        ("欧阳娜", ("欧阳", "娜")),  # a compound family name
        ("司马相如", ("司马", "相如")),
        ("佐藤太郎", None),  # four characters without a compound family name: not read as Chinese
        ("张", None),
        ("Zhang Wei", None),
        ("さとう", None),
    ],
)
def test_a_chinese_name_in_han_characters_splits_after_its_family_name(written, parts):
    assert han_name_parts(written) == parts


def _profile(row: dict, region: str = "US") -> dict:
    one = build_profile(row, region=region)
    [batch] = columns.build_profiles([row], region=region)
    assert {k: one[k] for k in ("first_name", "last_name", "phones", "extra")} == {
        k: batch[k] for k in ("first_name", "last_name", "phones", "extra")
    }
    return one


@pytest.mark.parametrize(
    ("remark", "company", "first", "last", "preferred"),
    [
        ("张伟", "", "wei", "zhang", None),
        ("张伟-恒达", "上海恒达贸易有限公司", "wei", "zhang", None),  # the company's short name after it
        ("张伟 恒达贸易", "恒达贸易", "wei", "zhang", None),
        ("Kevin 张伟", "", "wei", "zhang", ["kevin"]),  # the Western name they go by in business
        ("张伟(Kevin)", "", "wei", "zhang", ["kevin"]),
        ("黃家明", "", "jiaming", "huang", None),
        ("朱浩然 新华精密制造", "", "haoran", "zhu", None),  # six characters are no one's name
        ("朱晓明-新华", "Guangzhou Xinhua Import & Export Co., Ltd.", "xiaoming", "zhu", None),  # in Pinyin
    ],
)
def test_a_remark_in_han_characters_gives_the_family_and_given_names(remark, company, first, last, preferred):
    profile = _profile({"full_name": remark, "company_name": company})
    assert (profile["first_name"], profile["last_name"]) == (first, last)
    assert profile["extra"].get(PREFERRED_NAMES) == preferred


def test_a_han_name_beside_words_that_are_not_its_company_is_not_read_as_one():
    """ "张伟-恒达" with no company to say what 恒达 is: two Han words, either of which could be the name."""
    profile = _profile({"full_name": "张伟-恒达"})
    assert (profile["first_name"], profile["last_name"]) != ("wei", "zhang")


def test_a_record_written_in_japan_keeps_its_kanji_name_as_it_was():
    """小林健 is Ken Kobayashi: a Japanese family name is often two kanji."""
    profile = _profile({"full_name": "小林健", "country": "Japan"})
    assert (profile["first_name"], profile["last_name"]) != ("linjian", "xiao")


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("138 0013 8000", "+8613800138000"),  # no valid North American number
        ("13800138000", "+8613800138000"),
        ("131-0927-0190", "+8613109270190"),  # read in the US flow, +1 310-927-0190: a valid number there
        ("13109270190", "+8613109270190"),
        ("86-13176892666", "+8613176892666"),  # the country code without its plus
        ("+852 9123 4567, 131-0927-0190", "+85291234567 +8613109270190"),  # a number abroad is kept
    ],
)
def test_a_mainland_mobile_without_its_country_code_is_read_on_a_record_written_in_chinese(written, number):
    profile = _profile({"full_name": "张伟", "phones": written})
    assert profile["phones"] == number.split()


@pytest.mark.parametrize(
    "row",
    [
        {"full_name": "Zhang Wei", "phones": "13800138000"},  # nothing written in Chinese: as before
        {"full_name": "佐藤太郎", "phones": "090-1234-5678"},  # a trunk 0: never a mainland mobile
        {
            "full_name": "张伟",
            "phones": "010-6552 1234",
        },  # a landline: which country's, the record does not say
        {"full_name": "张伟", "phones": "1-310-927-0190"},  # written as North America writes its numbers
    ],
)
def test_other_numbers_are_not_read_as_mainland_mobiles(row):
    assert not any(number.startswith("+86") for number in _profile(row)["phones"])


def test_a_rare_name_at_a_company_waits_beside_a_mobile_that_is_not_the_candidates(enabled, mirror, resolve):
    """Li Jiaming at his trading company holds his mobile in the CRM; a WeCom customer of that very name at that
    company gives another mobile: a colleague of that name as often as Li Jiaming with a new number. The same
    lead with no number, or the candidate's own mobile, links."""
    _crm_world(mirror)
    mirror(crm("lj", firstname="Jiaming", lastname="Li", company="Hengda Trading Co., Ltd.",
               city="Shanghai", mobilephone="+86 138 0013 8000"))  # fmt: skip
    lead = _lead("Jiaming", "Li", "Hengda Trading Co., Ltd.")
    other, none, own = resolve(
        {**lead, "phone": "+86 139 1234 5678"},
        {**lead, "external_id": "no-number"},
        {**lead, "external_id": "own", "phone": "+86 138 0013 8000"},
    )
    assert not other.matched
    assert NOTHING_PERSONAL in other.candidates[0]["vetoed_by"]
    assert (none.outcome, none.crm_id) == ("matched", "lj")
    assert (own.outcome, own.crm_id) == ("matched", "lj")


def test_a_mobile_links_its_holder_whose_company_is_written_in_english(mirror, resolve):
    """孙海燕 at 远航机械 (the rep's note) and "Sun" "Hai Yan" (the surname typed first) at Ningbo Yuanhang
    Machinery Co., Ltd. in HubSpot, one mobile: letters cannot say that a company written in Chinese and one in
    English are two companies, so the mobile is not taken for a company's number."""
    mirror(crm("hs", firstname="Sun", lastname="Hai Yan", company="Ningbo Yuanhang Machinery Co., Ltd.",
               mobilephone="+86 131 2241 8606", country="China"), *filler_records())  # fmt: skip
    [result] = resolve(
        {"external_id": "w1", "full_name": "孙海燕", "company_name": "远航机械", "phone": "131 2241 8606"}
    )
    assert (result.outcome, result.crm_id) == ("matched", "hs")


@pytest.mark.parametrize(
    ("ours", "theirs", "differ"),
    [
        ("min", "xiao ming", True),  # 周敏 given the work mobile of 周晓明: another syllable, another name
        ("ming", "xiao ming", True),  # 明 and 晓明 are two given names
        ("xiaoming", "xiao ming", False),  # one name written joined and apart
        ("xiaoming", "xiaoming", False),
    ],
)
def test_one_syllable_of_a_chinese_given_name_is_another_name(ours, theirs, differ):
    inbound, holder = {"first_name": ours, "last_name": "zhou"}, {"first_name": theirs, "last_name": "zhou"}
    assert first_name_clearly_differs(inbound, holder, 0.8) is differ


def test_part_of_a_western_given_name_is_still_the_same_name():
    inbound, holder = (
        {"first_name": "mary", "last_name": "lee"},
        {"first_name": "mary ann", "last_name": "lee"},
    )
    assert not first_name_clearly_differs(inbound, holder, 0.8)
