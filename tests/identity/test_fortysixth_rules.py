"""Rules found by the forty-sixth generator (HubSpot contacts of a building-materials distributor in Vietnam
against its KiotViet customer export): the export's Vietnamese labels are read; a mobile written before Vietnam's
2018 renumbering is today's number; a Vietnamese name is its given name and family name however a record split or
ordered it, a shop's form of address before a given name included; Vietnamese companies' legal forms and trade
abbreviations are read. None of these tests reads an outside file."""

import pytest

from identity_app import columns
from identity_app.attributes import build_profile, recognised_columns
from identity_app.normalise_companies import company_name
from identity_app.normalise_phones import phone
from tests.identity.conftest import crm, filler_records

KIOTVIET_COLUMNS = [
    "Loại khách",
    "Chi nhánh tạo",
    "Mã khách hàng",
    "Tên khách hàng",
    "Điện thoại",
    "Địa chỉ",
    "Khu vực giao hàng",
    "Phường/Xã",
    "Công ty",
    "Mã số thuế",
    "Ngày sinh",
    "Giới tính",
    "Email",
    "Ghi chú",
]


def test_a_kiotviet_customer_export_is_read_by_its_labels():
    assert recognised_columns(KIOTVIET_COLUMNS, keep=["Mã khách hàng"]) == {
        "Tên khách hàng": "full_name",
        "Điện thoại": "phone",
        "Địa chỉ": "street",
        "Công ty": "company_name",
        "Ngày sinh": "date_of_birth",
    }  # "Email" is read as itself


@pytest.mark.parametrize(
    ("written", "today"),
    [
        ("01683123456", "+84383123456"),  # Viettel 0168 -> 038
        ("0168 312 3456", "+84383123456"),
        ("+84 168 312 3456", "+84383123456"),
        ("0120.312.3456", "+84703123456"),  # MobiFone 0120 -> 070
        ("0127 312 3456", "+84813123456"),  # VinaPhone 0127 -> 081
        ("01993123456", "+84593123456"),  # Gmobile 0199 -> 059
        ("0383123456", "+84383123456"),  # today's number stays itself
        ("0903 123 456", "+84903123456"),
    ],
)
def test_a_vietnamese_mobile_written_before_the_2018_renumbering_is_todays_number(written, today):
    assert phone(written, "VN") == today


def _names(row: dict, region: str = "VN") -> tuple[str, str]:
    one = build_profile(row, region=region)
    [batch] = columns.build_profiles([row], region=region)
    assert (one["first_name"], one["last_name"]) == (batch["first_name"], batch["last_name"])
    return one["first_name"], one["last_name"]


@pytest.mark.parametrize(
    ("row", "names"),
    [
        ({"full_name": "Nguyễn Văn An"}, ("an", "nguyen")),
        ({"full_name": "TRẦN THỊ THU HÀ"}, ("ha", "tran")),
        ({"full_name": "Lê Đình Long"}, ("long", "le")),  # Đình, folded, is also the family name Đinh
        ({"full_name": "Phan Hoàng Thành"}, ("thanh", "phan")),
        ({"full_name": "An Nguyen"}, ("an", "nguyen")),  # Western order
        ({"full_name": "NGOC ANH Tran"}, ("anh", "tran")),
        ({"full_name": "CHU HIẾU"}, ("hieu", "chu")),  # the family name Chu, not the form of address Chú
        ({"first_name": "An", "last_name": "Nguyễn Văn"}, ("an", "nguyen")),
        ({"first_name": "Văn An", "last_name": "Nguyen"}, ("an", "nguyen")),
        ({"first_name": "Nguyễn", "last_name": "Văn An"}, ("an", "nguyen")),  # typed in the order said
        ({"first_name": "Hoàng Trung", "last_name": "Phan"}, ("trung", "phan")),
        ({"first_name": "Hoàng", "last_name": "Nguyễn Văn"}, ("hoang", "nguyen")),
    ],
)
def test_a_vietnamese_name_is_its_given_name_and_family_name_however_split(row, names):
    assert _names(row) == names


@pytest.mark.parametrize(
    ("written", "given"), [("Anh Tuấn", "tuan"), ("A. Cường", "cuong"), ("Chị Hà", "ha"), ("C Hằng", "hang")]
)
def test_a_shops_form_of_address_before_a_given_name_is_no_name(written, given):
    assert _names({"full_name": written}) == (given, "")


def test_a_name_that_ends_in_a_generation_stays_as_split():
    """A Vietnamese-American father and son: "Hung Hoang II" is not Hung Hoang."""
    assert _names({"first_name": "Hung", "last_name": "Hoang II"}) == ("hung", "hoang ii")
    assert _names({"full_name": "Hung Hoang II"}) == ("hung", "hoang ii")


def test_a_name_with_vietnamese_letters_is_read_so_in_any_flow():
    assert _names({"full_name": "Nguyễn Văn An"}, region="US") == ("an", "nguyen")
    assert _names({"full_name": "John Smith"}, region="US") == ("john", "smith")


@pytest.mark.parametrize(
    "written",
    [
        "Công ty TNHH Xây dựng Đức Thành An",
        "Cty TNHH XD Đức Thành An",
        "Công ty TNHH MTV Xây dựng Đức Thành An",
        "Cty TNHH MTV XD Đức Thành An",
    ],
)
def test_a_vietnamese_companys_legal_form_and_trade_abbreviations_are_read(written):
    assert company_name(written) == "xay dung duc thanh an"


def _held(mirror):
    mirror(
        crm("an", firstname="An", lastname="Nguyễn Văn", company="Cty TNHH XD Phú Thịnh",
            mobilephone="0168 312 3456", country="Vietnam"),
        crm("binh", firstname="Bình", lastname="Trần Văn", company="Cửa hàng VLXD Minh Phát",
            mobilephone="0903 123 456", country="Vietnam"),
        *filler_records(),
    )  # fmt: skip


def test_a_counter_customer_links_on_the_renumbered_mobile_to_the_contact_of_that_name(mirror, resolve):
    _held(mirror)
    [result] = resolve(
        {"external_id": "KH000001", "full_name": "Nguyễn Văn An", "phone": "038 312 3456", "country": "VN"}
    )
    assert (result.outcome, result.crm_id) == ("matched", "an")


def test_a_relative_on_the_family_shops_number_is_not_linked_to_the_owner(mirror, resolve):
    _held(mirror)
    wife, son = resolve(
        {"external_id": "KH000002", "full_name": "Nguyễn Thị Lan", "phone": "0903123456", "country": "VN"},
        {"external_id": "KH000003", "full_name": "Anh Khoa", "phone": "0903.123.456", "country": "VN"},
    )
    assert not wife.matched
    assert not son.matched
