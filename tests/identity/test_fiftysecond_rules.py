"""Rules found by the fifty-second generator (a distributor's HubSpot contacts in Malaysia, Singapore and Indonesia
against a Qontak contacts download in Indonesian): Indonesian and Malay column labels; a whole name typed into
the first-name field; a Malay or Indian patronymic link (bin, binti, a/l, s/o) between the given name and the
father's; Malaysian and Indonesian forms of address; Indonesian forms before a firm's name and "Enterprise"
after it; a name holding every word of the other. None of these tests reads an outside file."""

import pytest

from identity_app import normalise_names
from identity_app.attributes import build_profile, recognised_columns
from identity_app.columns import build_profiles
from identity_app.normalise_companies import company_name
from tests.identity.conftest import crm, filler_records


def test_indonesian_and_malay_column_labels_are_read():
    renames = recognised_columns(
        ["ID", "Nama Depan", "Nama Belakang", "Email", "Telepon", "No. WhatsApp", "Perusahaan", "Alamat", "Kota",
         "Provinsi", "Kode Pos", "Negara", "Tanggal Lahir"]
    )  # fmt: skip
    assert renames["Nama Depan"] == "first_name"
    assert renames["Nama Belakang"] == "last_name"
    assert renames["Telepon"] == "phone"
    assert renames["No. WhatsApp"] == "phones"
    assert renames["Perusahaan"] == "company_name"
    assert renames["Kota"] == "city"
    assert renames["Kode Pos"] == "postcode"
    assert renames["Negara"] == "country"
    malay = recognised_columns(["Nama Penuh", "Emel", "No. Telefon Bimbit", "Syarikat", "Poskod", "Negeri"])
    assert malay == {
        "Nama Penuh": "full_name",
        "Emel": "email",
        "No. Telefon Bimbit": "mobilephone",
        "Syarikat": "company_name",
        "Poskod": "postcode",
        "Negeri": "state",
    }


def _names(values: dict) -> tuple[str, str]:
    profile = build_profile(values)
    return profile["first_name"], profile["last_name"]


@pytest.mark.parametrize(
    ("values", "names"),
    [
        # a WhatsApp contact: the profile's whole name in the first-name field
        ({"first_name": "Md Rizal bin Fadzil"}, ("md rizal", "fadzil")),
        ({"first_name": "Tan Wei Ming"}, ("tan", "wei ming")),
        ({"first_name": "Kavitha a/p Subramaniam"}, ("kavitha", "subramaniam")),
        ({"first_name": "Suharti"}, ("suharti", "")),  # one name: a mononym stays the first name
        # a last name beginning with the link is the father's name
        ({"first_name": "Ahmad Faizal", "last_name": "Bin Ismail"}, ("ahmad faizal", "ismail")),
        ({"first_name": "Muthu", "last_name": "a/l Rajan"}, ("muthu", "rajan")),
        ({"first_name": "Osama", "last_name": "bin"}, ("osama", "bin")),  # "Bin" alone is a name
        # the link in a full name: the given name before it, the father's after it
        ({"full_name": "Siti Aminah binti Yusof"}, ("siti aminah", "yusof")),
        ({"full_name": "Rajesh s/o Gopal"}, ("rajesh", "gopal")),
        ({"full_name": "A L Rajan"}, ("a l", "rajan")),  # two initials, no slash: no link
        (
            {"full_name": "Ahmed bin Khalid Al Mazrouei"},
            ("ahmed", "al mazrouei"),
        ),  # an Arabic chain, as before
    ],
)
def test_whole_names_and_patronymic_links_are_read_as_a_reader_reads_them(values, names):
    assert _names(values) == names


def test_the_column_path_reads_names_as_the_record_path_does():
    rows = [{"first_name": "Md Rizal bin Fadzil"}, {"first_name": "Muthu", "last_name": "a/l Rajan"}]
    columnar = build_profiles(rows)
    assert [(p["first_name"], p["last_name"]) for p in columnar] == [_names(row) for row in rows]


SHOP_LINE = "+60321242638"  # a family shop's one line in Petaling Jaya


def test_a_son_on_his_fathers_shop_line_and_mailbox_is_not_linked(mirror, resolve):
    """HubSpot holds Fadzil bin Mahmud, the owner of Katering Fadzil, with the shop's line and its Gmail
    mailbox. His son Md Rizal bin Fadzil comes in from a WhatsApp chat, his whole name in the first-name field,
    giving the shop's line and mailbox: another given name (the son's "bin Fadzil" is his father's given name,
    no family name they share). The father himself, written "Fadzil Mahmud", still links."""
    mirror(
        crm("father", firstname="Fadzil", lastname="bin Mahmud", email="kateringfadzil38@hotmail.com",
            company="Katering Fadzil Enterprise", city="Petaling Jaya", country="Malaysia", phone="(03) 21242638",
            mobilephone="012-8977447"),
        *filler_records(),
    )  # fmt: skip
    lead = {"company_name": "Katering Fadzil Enterprise", "city": "Petaling Jaya", "country": "Malaysia",
            "phone": "03-21242638", "email": "kateringfadzil38@hotmail.com"}  # fmt: skip
    son, father = resolve(
        {**lead, "external_id": "son", "first_name": "Md Rizal bin Fadzil"},
        {**lead, "external_id": "father", "first_name": "Fadzil Mahmud"},
    )
    assert not son.matched, (son.notes, son.candidates)
    assert (father.outcome, father.crm_id) == ("matched", "father"), (father.notes, father.candidates)


def test_a_brother_sharing_bin_ismail_on_the_shop_mailbox_is_not_linked(mirror, resolve):
    """Hassan bin Hassan is held with his shop's mailbox; his brother Yusri bin Hassan, written "Yusri
    Hassan" in the first-name field, writes from it: the same father's name, another given name."""
    mirror(
        crm("owner", firstname="Hassan", lastname="bin Hassan", email="foodhassan96@gmail.com",
            company="Food Industries Hassan", city="Kuala Lumpur", country="Malaysia", phone="(03) 74904110"),
        *filler_records(),
    )  # fmt: skip
    (brother,) = resolve(
        {
            "external_id": "brother",
            "first_name": "Yusri Hassan",
            "email": "foodhassan96@gmail.com",
            "phone": "+60374904110",
            "company_name": "Food Industries Hassan Sdn. Bhd.",
        }
    )
    assert not brother.matched, (brother.notes, brother.candidates)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Encik Ahmad bin Ismail", "ahmad bin ismail"),
        ("Pn. Siti Aminah binti Yusof", "siti aminah binti yusof"),
        ("Dato' Sri Lim Kok Wah", "lim kok wah"),
        ("Datuk Seri Anwar Ibrahim", "anwar ibrahim"),
        ("Tan Sri Lim Kok Wah", "lim kok wah"),
        ("Hajah Rohani", "rohani"),
        ("Bapak Budi Santoso", "budi santoso"),
        ("Ibu Sri Wahyuni", "sri wahyuni"),  # Sri is her given name: only "Dato' Sri" and the like are titles
        ("Mdm Pei Shan Yeo", "pei shan yeo"),
        ("Bu Mei Ling Leong", "mei ling leong"),
        (
            "Tan Sri Ismail",
            "tan sri ismail",
        ),  # "Tan" a family name and Sri a given name: kept before one word
        ("Tan Wei Ming", "tan wei ming"),
        ("Pak Eko", "pak eko"),  # "Pak" before one word may be a family name (Pak, Park)
    ],
)
def test_malaysian_and_indonesian_forms_of_address_are_no_names(written, read):
    assert normalise_names.name(written) == read


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("CV Katering Berkat", "katering berkat"),
        ("UD Toko Makmur", "toko makmur"),
        ("PD Sumber Pangan", "sumber pangan"),
        ("UD Makmur", "ud makmur"),  # before one word: initials, kept
        ("Restoran Gemilang Enterprise", "restoran gemilang"),
        ("Sharma Enterprises", "sharma"),
    ],
)
def test_indonesian_forms_before_a_name_and_enterprise_after_it_are_no_part_of_it(written, read):
    assert company_name(written) == read


@pytest.mark.parametrize(
    ("first", "second", "differ"),
    [
        (("serene", "chong li ting"), ("li ting", "chong"), False),  # an English name before the whole name
        (("lim", "jia hui joanne"), ("joanne jia hui", "lim"), False),
        (("jason", "tan"), ("kelvin", "tan wei ming"), True),  # two words only of three: not within
    ],
)
def test_a_name_holding_every_word_of_the_other_is_no_contradiction(first, second, differ):
    assert normalise_names.names_clearly_differ(first, second, 0.75) is differ
