# ruff: noqa: RUF001 - Turkish names and labels are what these tests are about
"""Rules found by the fifty-fourth generator (a distributor's HubSpot contacts in Turkey against a Turkish
accounting program's contacts export): Turkish column labels; an address a Turkish locale wrote in capitals
(İ for i); a Turkish title's trade words read with its legal form; a whole Turkish name split before its last
word; a mobile beside one person's name written with a word more, at a new firm; a maiden name kept before a
married one found by blocking. None of these tests reads an outside file."""

import pytest

from identity_app import normalise_emails
from identity_app.attributes import build_profile, recognised_columns
from identity_app.blocking import name_token_keys
from identity_app.normalise_companies import company_name
from identity_app.resolution import name_written_more_fully
from tests.identity.conftest import crm, filler_records


def test_turkish_column_labels_are_read():
    renames = recognised_columns(
        ["Kişi No", "Ad Soyad", "Ad", "Soyad", "Firma Ünvanı", "Görevi", "Vergi Dairesi", "Vergi No",
         "TC Kimlik No", "E-posta", "Telefon", "Cep Telefonu", "Adres", "İlçe", "İl", "Posta Kodu", "Ülke",
         "Doğum Tarihi"]
    )  # fmt: skip
    assert renames == {
        "Ad Soyad": "full_name",
        "Ad": "first_name",
        "Soyad": "last_name",
        "Firma Ünvanı": "company_name",
        "E-posta": "email",
        "Telefon": "phone",
        "Cep Telefonu": "mobilephone",
        "Adres": "street",
        "İl": "city",
        "Posta Kodu": "postcode",
        "Ülke": "country",
        "Doğum Tarihi": "date_of_birth",
    }
    # typed without Turkish letters; "Ünvan" alone (a firm's name or a person's title) is left unread
    assert recognised_columns(["Adi", "Soyadi", "Sirket", "Sehir", "Ulke", "Ünvan"]) == {
        "Adi": "first_name",
        "Soyadi": "last_name",
        "Sirket": "company_name",
        "Sehir": "city",
        "Ulke": "country",
    }
    assert recognised_columns(["CEP"]) == {"CEP": "postcode"}  # Brazil's postcode, never a Turkish "cep"


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("İBRAHİM.YILDIRIM@FİRMA.COM.TR", "ibrahim.yildirim@firma.com.tr"),
        ("MEHMET.YILMAZ@EGEGIDA.COM.TR", "mehmet.yilmaz@egegida.com.tr"),
        ("ibrahim@firma.com.tr", "ibrahim@firma.com.tr"),
    ],
)
def test_an_address_a_turkish_locale_wrote_in_capitals_is_the_address(written, read):
    assert normalise_emails.email(written) == read
    assert normalise_emails.url_host(written) == read.rpartition("@")[2]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Yıldız Plastik Sanayi ve Ticaret Ltd. Şti.", "yildiz plastik"),
        ("YILDIZ PLASTİK SAN. VE TİC. A.Ş.", "yildiz plastik"),
        ("Yıldız Plastik San. Tic. Ltd. Şti.", "yildiz plastik"),
        ("Kayaoğlu Otomotiv İth. İhr. San. ve Tic. Ltd. Şti.", "kayaoglu otomotiv"),
        ("Erciyes İnşaat Ticaret Ltd. Şti.", "erciyes insaat"),
        ("Birlik Mobilya Makine Sanayi ve Ticaret", "birlik mobilya makine"),
        ("Yılmaz Ticaret", "yilmaz ticaret"),  # "Ticaret" alone ends a name only before a form
    ],
)
def test_a_turkish_titles_trade_words_are_read_with_its_legal_form(written, read):
    assert company_name(written) == read


def _names(values: dict) -> tuple[str, str]:
    profile = build_profile(values)
    return profile["first_name"], profile["last_name"]


def test_a_whole_turkish_name_is_split_before_its_last_word():
    assert _names({"full_name": "Mehmet Ali Yılmaz", "country": "Türkiye"}) == ("mehmet ali", "yilmaz")
    assert _names({"full_name": "AYŞE YILMAZ KAYA", "country": "TR"}) == ("ayse yilmaz", "kaya")
    assert _names({"full_name": "Elif Naz Keskin"}) == ("elif", "naz keskin")  # elsewhere as before
    assert _names({"first_name": "Mehmet Ali", "last_name": "Yılmaz", "country": "TR"}) == (
        "mehmet ali",
        "yilmaz",
    )


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        (("mustafa kemal", "kurt"), ("mustafa", "kurt"), True),  # a second given name
        (("dilek", "bozkurt koc"), ("dilek", "koc"), True),  # a maiden name before the married one
        (("ismail", "hakki altintas"), ("ismail hakki", "altintas"), True),  # split at another place
        (("mehmet", "yilmaz"), ("mehmet", "yilmaz"), True),
        (("ahmet", "kaplan"), ("faruk", "kaplan"), False),
        (("mehmet", "kurt"), ("mustafa kemal", "kurt"), False),
        (("emine", "kaya"), ("emine", "kaya yilmaz"), False),  # another last surname
    ],
)
def test_a_name_written_with_a_word_more_is_one_persons(first, second, same):
    inbound = {"first_name": first[0], "last_name": first[1]}
    holder = {"first_name": second[0], "last_name": second[1]}
    assert name_written_more_fully(inbound, holder) is same


def test_a_mobile_beside_a_fuller_name_at_a_new_firm_links(mirror, resolve):
    """HubSpot holds Mustafa Kurt at Birlik Kimya with his mobile. He moved to Atlas Kimya and the program
    holds him with both given names, Mustafa Kemal Kurt, and his mobile: the same person at a new firm. His
    old firm's switchboard, given by a Mustafa Kemal Kurt at another firm, does not link."""
    mirror(
        crm("mustafa", firstname="Mustafa", lastname="Kurt", email="mustafa.kurt@birlikkimya.com.tr",
            company="Birlik Kimya Hırdavat San. ve Tic. Ltd. Şti.", city="İstanbul", country="Turkey",
            mobilephone="+90 504 755 08 80"),
        crm("hakan", firstname="Hakan", lastname="Kurt", email="hakan.kurt@dorukmetal.com.tr",
            company="Doruk Metal A.Ş.", city="Adana", country="Turkey", phone="0 (322) 725 21 60"),
        *filler_records(),
    )  # fmt: skip
    moved, namesake = resolve(
        {"external_id": "moved", "first_name": "Mustafa Kemal", "last_name": "Kurt", "country": "Türkiye",
         "company_name": "Atlas Kimya Kağıt", "mobilephone": "0(504) 755 08 80", "city": "Adana",
         "email": "mkurt@atlaskimya.com.tr"},
        {"external_id": "namesake", "first_name": "Hakan Ali", "last_name": "Kurt", "country": "Türkiye",
         "company_name": "Atlas Kimya Kağıt", "phone": "0322 725 21 60", "city": "Adana"},
    )  # fmt: skip
    assert (moved.outcome, moved.crm_id) == ("matched", "mustafa"), (moved.notes, moved.candidates)
    assert not namesake.matched, (namesake.notes, namesake.candidates)


def test_a_maiden_name_before_the_married_one_shares_a_block_with_the_married_name():
    assert "bozkurt emine" in name_token_keys("emine", "sarikaya bozkurt")
    assert name_token_keys("emine", "bozkurt") == ["bozkurt emine"]
