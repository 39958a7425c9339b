"""Rules found by the twenty-ninth generator (a business-card scanning service's export, as Eight writes it,
against Salesforce Contacts in Japan): Japanese column labels, the company's and the department's numbers a card
prints beside the person's, Japanese legal forms and their abbreviations, full-width characters, a country
known from how a record is written, and a whole name in kanji typed into the last-name field."""

import csv

import pytest
from django.core.management import call_command

from identity_app import (
    attributes,
    columns,
    normalise_companies,
    normalise_emails,
    normalise_names,
    normalise_places,
)


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("会社名", "company_name"),
        ("姓", "last_name"),
        ("名", "first_name"),
        ("氏名[姓]", "last_name"),  # Sansan's
        ("氏名[名]", "first_name"),
        ("携帯電話", "mobilephone"),
        ("TEL直通", "phone"),
        ("ＴＥＬ直通", "phone"),  # full width, as a spreadsheet may write it
        ("郵便番号", "postcode"),
        ("メールアドレス", "email"),
        ("都道府県", "state"),
    ],
)
def test_a_japanese_label_is_read_as_its_field(label, field):
    assert attributes.field_for_column(label) == field


@pytest.mark.parametrize("label", ["TEL会社", "TEL部門", "Fax", "FAX番号", "部署名", "役職", "名刺交換日"])
def test_a_companys_or_a_departments_number_and_a_fax_are_never_read_as_the_persons(label):
    # "TEL会社" squashed to its Latin letters alone was "tel": the company's representative number read as the
    # person's own phone, a key to whichever CRM contact the rep wrote it on.
    assert attributes.field_for_column(label) == ""


@pytest.mark.parametrize(
    "written",
    [
        "株式会社山田製作所",
        "(株)山田製作所",
        "㈱山田製作所",
        "山田製作所(株)",
        "山田製作所 株式会社",
        "株式会社 山田製作所",
    ],
)
def test_a_japanese_legal_form_set_off_or_abbreviated_is_no_part_of_the_name(written):
    assert normalise_companies.company_name(written) == "山田製作所"
    assert (
        normalise_companies.company_name("有限会社 東洋")
        == normalise_companies.company_name("東洋㈲")
        == "東洋"
    )


@pytest.mark.parametrize(
    ("postcode", "company", "names", "country"),
    [
        ("100-0005", "", (), "JP"),
        ("〒100-0005", "", (), "JP"),
        ("１００－０００５", "", (), "JP"),  # noqa: RUF001 - full width
        ("", "株式会社山田製作所", (), "JP"),
        ("", "ミライ商事", (), "JP"),  # katakana
        ("", "", ("さとう",), "JP"),  # hiragana
        ("94105-1234", "Acme Inc.", ("Jane", "Doe"), ""),  # a US ZIP+4
        ("", "王氏贸易有限公司", ("王伟",), ""),  # Chinese: kanji alone tells no country
    ],
)
def test_a_record_naming_no_country_is_japanese_when_written_so(postcode, company, names, country):
    assert normalise_places.country_by_writing(postcode, company, names) == country


FULL_WIDTH_MOBILE = "０８０－２０８４－０８９１"  # noqa: RUF001 - a card's data entry in full width


def test_a_japanese_cards_national_numbers_are_read_in_japan():
    row = {
        "company_name": "株式会社山田製作所",
        "phone": "03-1234-5678",
        "mobilephone": FULL_WIDTH_MOBILE,
    }
    for profile in (
        attributes.build_profile(row, region="US"),
        columns.build_profiles([row], region="US")[0],
    ):
        assert profile["phones"] == ["+81312345678", "+818020840891"]
    american = {"company_name": "Acme Inc.", "phone": "03-1234-5678"}
    assert "+81312345678" not in attributes.build_profile(american, region="US")["phones"]


@pytest.mark.parametrize("written", ["佐藤　太郎", "佐藤 太郎"])  # an ideographic space, an ASCII one
def test_a_whole_name_in_kanji_in_the_last_name_field_is_family_name_first(written):
    row = {"LastName": written, "FirstName": ""}
    for profile in (attributes.build_profile(row), columns.build_profiles([row])[0]):
        assert (profile["last_name"], profile["first_name"]) == (
            normalise_names.name("佐藤"),
            normalise_names.name("太郎"),
        )
    for latin in ({"LastName": "van Dijk", "FirstName": ""}, {"LastName": "Smith John", "FirstName": ""}):
        assert attributes.build_profile(latin)["first_name"] == ""


def test_an_address_in_full_width_characters_is_the_ascii_one():
    assert normalise_emails.email("ｔ．ｓａｔｏ＠ｙａｍａｄａ－ｓｓ．ｃｏ．ｊｐ") == "t.sato@yamada-ss.co.jp"  # noqa: RUF001


CRM_HEADER = "Id,Account.Name,LastName,FirstName,Email,Phone,MobilePhone,MailingPostalCode,MailingCountry\n"
CARD_HEADER = "名刺ID,会社名,部署名,役職,姓,名,e-mail,郵便番号,TEL会社,TEL部門,TEL直通,Fax,携帯電話\n"


def _link(tmp_path, crm_rows: str, card_rows: str) -> dict[str, dict]:
    (tmp_path / "crm.csv").write_text(CRM_HEADER + crm_rows, encoding="utf-8")
    (tmp_path / "cards.csv").write_text(CARD_HEADER + card_rows, encoding="utf-8")
    out = tmp_path / "results.csv"
    call_command(
        "identity_link",
        str(tmp_path / "cards.csv"),
        provider="salesforce",
        object_name="Contact",
        mirror_csv=str(tmp_path / "crm.csv"),
        external_id_column="名刺ID",
        out=str(out),
        progress=False,
    )
    return {row["external_id"]: row for row in csv.DictReader(out.open(encoding="utf-8"))}


@pytest.mark.django_db
def test_a_cards_representative_number_is_no_key_to_the_one_contact_holding_it(tmp_path):
    crm_rows = (
        "0031,㈱東洋電機,井上,洋平,y.inoue@toyo-denki.co.jp,03-5555-1000,,100-0005,JP\n"
        "0032,㈱東洋電機,鈴木,健太,k.suzuki@toyo-denki.co.jp,03-5555-1023,,100-0005,JP\n"
    )
    # the English side of a card: the numbers written internationally, nothing of the person read
    card = "c1,Toyo Denki Co. Ltd.,,,,,,,+81 3-5555-1000,+81 3-5555-1040,,+81 3-5555-1001,\n"
    assert _link(tmp_path, crm_rows, card)["c1"]["decision"] != "matched"


@pytest.mark.django_db
def test_a_successor_on_a_team_address_held_under_a_whole_name_is_not_linked(tmp_path):
    crm_rows = "0031,㈱東洋電機,井上　洋平,,eigyo@toyo-denki.co.jp,03-5555-1000,080-2084-0891,100-0005,JP\n"
    cards = (
        "c1,株式会社東洋電機,営業部,課長,工藤,由美,eigyo@toyo-denki.co.jp,100-0005,03-5555-1000,,,,\n"
        "c2,株式会社東洋電機,営業部,課長,井上,洋平,eigyo@toyo-denki.co.jp,100-0005,03-5555-1000,,,,080-2084-0891\n"
    )
    results = _link(tmp_path, crm_rows, cards)
    assert results["c1"]["decision"] != "matched"
    assert (results["c2"]["decision"], results["c2"]["crm_id"]) == ("matched", "0031")


@pytest.mark.django_db
def test_a_name_in_kanji_on_a_japanese_card_does_not_contradict_a_romaji_name(tmp_path):
    crm_rows = (
        "0041,Fujimi Sangyo Co. Ltd.,Ueno,Mai,m.ueno@fujimi-sangyo.co.jp,052-733-8748,,460-0561,JP\n"
        "0042,Wang Trading Co. Ltd.,Li,Na,li.na@wangtrading.cn,,,,CN\n"
    )
    cards = (
        "c1,富士見産業株式会社,開発本部,課長代理,上野,舞,m.ueno@fujimi-sangyo.co.jp,460-0561,,,,,\n"
        # kanji read as Chinese are compared: 王伟 (Wang Wei) is not Li Na
        "c2,王氏贸易有限公司,,,王,伟,li.na@wangtrading.cn,,,,,,\n"
    )
    results = _link(tmp_path, crm_rows, cards)
    assert (results["c1"]["decision"], results["c1"]["crm_id"]) == ("matched", "0041")
    assert results["c2"]["decision"] != "matched"
