"""A fifty-second record set: HubSpot contacts of a distributor selling in Malaysia, Singapore and Indonesia,
linked from a Qontak (Mekari) CRM contacts download in Indonesian.

    python benchmarks/identity_fiftysecond.py [--people 2400] [--per-category 40] [--seed 521] [--skip-splink]
                                              [--keep DIR]

A distributor of food-service equipment and packaging, based in Kuala Lumpur, sells to restaurants, bakeries,
shops (kedai, toko) and trading firms in Malaysia, Singapore and Indonesia. Key accounts live in HubSpot
(English interface); the Jakarta sales office and the WhatsApp inside-sales team work in Qontak CRM, Mekari's
CRM with its chat inbox, set to Indonesian. Before a campaign, Qontak's contacts are linked to HubSpot's.

The CRM side is a HubSpot contacts export under its English labels, as the other HubSpot generators write it
(`Record ID`, `First Name`, `Last Name`, `Email`, `Phone Number`, `Mobile Phone Number`, `WhatsApp Phone
Number`, `Company Name`, `Job Title`, `City`, `State/Region`, `Postal Code`, `Country/Region`, `Contact owner`,
`Create Date`, `Lifecycle Stage`). `Phone Number` holds a shop's one line on its owner's contact.

The inbound side is Qontak CRM's contacts download ("Download Semua" in the Kontak module: qontak-dev/support
`_docs/crm/Contact/contact-download-data-contact.md`). Its fields are the contact template's (checked with the
search tool: deptz/qontak-mcp, `Qontak CRM OpenAPI.postman_collection.json`, "Get Contact Template": `first_name`
"First Name" (the one required field), `last_name` "Last Name", `job_title` "Job Title", `creator_id` "Owner",
`email` "Email", `crm_phones` "Telephone", `crm_status_id` "Status", `address` "Address", `country` "Country",
`province` "Province", `city` "City", `zipcode` "Zip Code", `date_of_birth` "Date of Birth", `crm_source_id`
"Source", `crm_gender_id` "Sex", and the account's additional fields; a contact names its company as
`crm_company_name`). The same collection shows an account set to Indonesian answering with Indonesian labels
("Nama Tugas", "Asosiasi Kontak", "Asosiasi Perusahaan", "Pemilik" in the task template), and Qontak's help
names the contact's fields "Nama, Jabatan, alamat email, nomor telepon, alamat"; the download here is written
under the Indonesian labels such an account shows (an assumption, no Indonesian contact download was at hand):
`ID`, `Nama Depan`, `Nama Belakang`, `Jabatan`, `Pemilik`, `Email`, `Telepon`, `No. WhatsApp` (an additional
field the chat inbox fills), `Status`, `Perusahaan`, `Alamat`, `Negara` ("Malaysia", "Singapura",
"Indonesia"), `Provinsi`, `Kota`, `Kode Pos`, `Tanggal Lahir`, `Sumber`, `Jenis Kelamin`. A contact made from a
WhatsApp chat has the profile's whole name in `Nama Depan` and no `Nama Belakang`.

People, as their names are written in the three countries:
- Malays (Malaysia, Singapore): a given name of one or two words and the father's given name after "bin" (son
  of) or "binti" (daughter of), written "b." / "bt." / "Bin" or left out ("Ahmad Faizal Ismail"); no family
  name: siblings share "bin Ismail", their father is "Ismail bin Hassan". Muhammad is written Mohd, Mohamad,
  Muhammad, Md; a man named Muhammad Faizal is called Faizal. A form splits the name at "bin" or at its first
  space. Muhammad, Nur, Siti, Nurul, Ahmad begin a great many names.
- Chinese Malaysians and Singaporeans: the family name first in its dialect romanisation (Tan, Lim, Lee, Ng,
  Wong, Goh, Chua, Teo, Ong, Chan), a two-syllable given name ("Tan Wei Ming"), often an English name before it
  ("Jason Tan Wei Ming", called "Jason Tan"), Singapore's official lists putting it last ("TAN WEI MING
  JASON").
- Indian Malaysians: the given name and the father's after "a/l" (anak lelaki) or "a/p" (anak perempuan), "s/o"
  and "d/o" in Singapore; Tamil usage writes the father's initial first ("R. Muthu").
- Indonesians: one name only (Suharti, Sutrisno; HubSpot repeats it as first and last name or leaves the last
  empty), or two (Budi Santoso, Sri Wahyuni); long Javanese names and their noble titles (Raden, Raden Ajeng)
  are not made.
- Honorifics that are not names: Encik / En., Puan / Pn., Cik, Dato' / Datuk / Dato' Sri / Tan Sri, Haji / Hj.,
  Hajah / Hjh. (Malaysia), Bapak / Bpk. / Pak, Ibu / Bu (Indonesia), Mr / Ms / Mdm (Singapore).
Phones: Malaysia +60 (mobiles 01 and a digit, then seven digits, 011 then eight; landlines 03 and eight digits, 04-,
05-, 07- with the trunk 0), Singapore +65 (eight digits, no trunk: mobiles 8/9, landlines 6), Indonesia +62 (mobiles
08 and nine to eleven digits, landlines 021 and eight digits); WhatsApp gives the digits with the country code
("60123456789").
A shop's one line is given by everyone in it.

Categories, each with its truth (the HubSpot contact, or none). IN:
- `whatsapp_mobile`: the held mobile in `No. WhatsApp` as WhatsApp gives it; the profile's name (a short form,
  an honorific now and then).
- `work_email`: the held address; the name in any of its forms.
- `patronymic_written_otherwise`: a Malay or Indian name with "bin"/"a/l" written otherwise or left out, split
  at it or at the first space, Mohd for Muhammad; the held mobile or address.
- `chinese_english_name`: "Jason Tan", "Tan Wei Ming", "Jason Tan Wei Ming", "TAN WEI MING JASON" on one side
  and another of them on the other; the held mobile or address.
- `mononym`: an Indonesian of one name, held as first and last name or first name only; the held mobile or
  address.
- `honorific_name`: "Dato' Lim Kok Wah", "Pn. Siti Aminah", "Bapak Budi Santoso", "Hj. Ismail"; the held key.
- `national_mobile`: the held mobile written nationally ("012-345 6789", "0812-3456-7890", "9123 4567") in
  `Telepon`, the country named; the full name.
- `job_change`: a new firm, its address and line; the held mobile.
OUT (truth none):
- `sibling_same_father`: a brother or sister of a held shop owner ("Hassan bin Ismail" for "Ahmad bin Ismail",
  "Tan Jun Hao" for "Tan Wei Ming"): the shop's line and its mailbox (held on the owner), their own mobile or
  none.
- `father_son`: the father of a held owner or the son of one ("Ismail bin Hassan" / "Ahmad bin Ismail"): the
  shop's line, their own mobile or none.
- `namesake_other_firm`: a common name (Muhammad Hafiz bin Abdullah, Nur Aisyah binti Ahmad, Tan Wei Ming,
  Siti Rahmawati ...) held for someone at another firm; their own mobile and address.
- `colleague_shop_line`: an employee of a firm whose line HubSpot holds on one contact; their own mobile or
  none.
- `not_in_crm`: leads HubSpot does not hold, at new or known firms.

Fairness: a careful reader can tell each row. A mobile and a personal address are one person's; a shop's line
and its mailbox are the shop's; an IN row always has a key HubSpot holds for that person; full names are unique
within a firm. Not made: a row whose only evidence is a name; two numbers in one cell. Written from scratch
(only `identity_quality`'s interfaces; numbers drawn here, checked valid with phonenumbers). Every seed
deterministic.
"""

import random
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneNumberType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from identity_quality import GeneratedCase, GeneratedCases, GeneratedSuite, run_generated, unused_value

CRM_ID = "Record ID"
CRM_COLUMNS = [
    CRM_ID, "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number", "WhatsApp Phone Number",
    "Company Name", "Job Title", "City", "State/Region", "Postal Code", "Country/Region", "Contact owner",
    "Create Date", "Lifecycle Stage",
]  # fmt: skip
INBOUND_ID = "ID"
INBOUND_COLUMNS = [
    INBOUND_ID, "Nama Depan", "Nama Belakang", "Jabatan", "Pemilik", "Email", "Telepon", "No. WhatsApp", "Status",
    "Perusahaan", "Alamat", "Negara", "Provinsi", "Kota", "Kode Pos", "Tanggal Lahir", "Sumber", "Jenis Kelamin",
]  # fmt: skip

# -- names ------------------------------------------------------------------------------------------------------

MALAY_MALE = ["Ahmad", "Muhammad Faizal", "Mohd Hafiz", "Muhammad Amirul", "Azman", "Hafizuddin", "Khairul Anuar",
              "Mohamad Rizal", "Ismail", "Hassan", "Zulkifli", "Shahrul Nizam", "Firdaus", "Azlan", "Roslan",
              "Muhammad Syafiq", "Ahmad Zaki", "Kamarul Ariffin", "Nazri", "Fadzil", "Rosli", "Hisham",
              "Ahmad Fauzi", "Mohd Rizuan", "Iskandar", "Hakim", "Aiman", "Danial", "Yusri", "Razak"]  # fmt: skip
MALAY_FEMALE = ["Siti Aminah", "Nur Aisyah", "Nurul Huda", "Siti Nurhaliza", "Farah", "Nor Azizah", "Aishah",
                "Rohani", "Zuraidah", "Noraini", "Siti Khadijah", "Nurul Izzah", "Hafizah", "Salmah", "Rozita",
                "Fatimah", "Nur Syafiqah", "Norhayati", "Aminah", "Zarina", "Suraya", "Intan", "Mazlina"]  # fmt: skip
# Fathers' names: given names of Malay men (a father's own chain is drawn from these too).
MALAY_FATHERS = ["Ismail", "Hassan", "Abdullah", "Yusof", "Ibrahim", "Othman", "Ahmad", "Mohd Noor", "Abdul Rahman",
                 "Hamzah", "Salleh", "Osman", "Jaafar", "Aziz", "Kassim", "Mahmud", "Ali", "Harun", "Rahim",
                 "Sulaiman", "Mansor", "Abu Bakar", "Idris", "Mat Isa", "Zakaria", "Bakri", "Daud", "Musa"]  # fmt: skip
CHINESE_FAMILY = ["Tan", "Lim", "Lee", "Ng", "Wong", "Goh", "Chua", "Teo", "Ong", "Chan", "Koh", "Low", "Yeo",
                  "Chong", "Leong", "Tay", "Sim", "Khoo", "Foo", "Loh"]  # fmt: skip
CHINESE_GIVEN = ["Wei Ming", "Kok Wah", "Mei Ling", "Jun Hao", "Siew Lan", "Chee Keong", "Hui Min", "Boon Huat",
                 "Li Ting", "Kah Wai", "Xin Yi", "Wee Liang", "Pei Shan", "Chin Hock", "Yong Sheng", "Ai Ling",
                 "Zhi Hao", "Seok Hwa", "Kian Seng", "Jia Hui", "Eng Soon", "Shu Fen", "Teck Meng", "Wan Ting"]  # fmt: skip
CHINESE_FEMALE_GIVEN = {"Mei Ling", "Siew Lan", "Hui Min", "Li Ting", "Xin Yi", "Pei Shan", "Ai Ling", "Seok Hwa",
                        "Jia Hui", "Shu Fen", "Wan Ting"}  # fmt: skip
ENGLISH_MALE = [
    "Jason",
    "Kelvin",
    "Alvin",
    "Desmond",
    "Vincent",
    "Eric",
    "Benjamin",
    "Marcus",
    "Terence",
    "Gary",
]
ENGLISH_FEMALE = ["Michelle", "Jessica", "Cheryl", "Grace", "Evelyn", "Joanne", "Rachel", "Vivian", "Serene"]
INDIAN_MALE = ["Muthu", "Rajesh", "Saravanan", "Ganesan", "Kumar", "Suresh", "Vijay", "Arumugam", "Prakash",
               "Ramesh", "Selvam", "Karthik"]  # fmt: skip
INDIAN_FEMALE = ["Kavitha", "Priya", "Devi", "Malathi", "Shanthi", "Lakshmi", "Vani", "Revathi", "Meena"]
INDIAN_FATHERS = ["Rajan", "Subramaniam", "Krishnan", "Ramasamy", "Murugan", "Perumal", "Nadarajah", "Gopal",
                  "Chandran", "Velu", "Sinnathamby", "Maniam", "Palaniappan", "Arumugam"]  # fmt: skip
INDO_MALE = ["Budi", "Agus", "Joko", "Andi", "Dedi", "Rudi", "Hendra", "Eko", "Bambang", "Wahyu", "Rizky",
             "Dimas", "Fajar", "Yudi", "Arief", "Hadi"]  # fmt: skip
INDO_FEMALE = ["Sri", "Dewi", "Siti", "Rina", "Ratna", "Fitri", "Yuni", "Wulan", "Indah", "Ayu", "Lestari",
               "Putri"]  # fmt: skip
INDO_SECOND = ["Santoso", "Setiawan", "Wijaya", "Susanto", "Hidayat", "Saputra", "Kurniawan", "Pratama",
               "Wahyuni", "Rahmawati", "Lestari", "Handayani", "Purnomo", "Nugroho", "Gunawan", "Prasetyo",
               "Sari", "Permata", "Hartono", "Kusuma"]  # fmt: skip
INDO_MONONYMS_MALE = [
    "Sutrisno",
    "Suparman",
    "Sukarno",
    "Mulyadi",
    "Sugiarto",
    "Slamet",
    "Paijo",
    "Supriyadi",
]
INDO_MONONYMS_FEMALE = [
    "Suharti",
    "Sumiati",
    "Suryani",
    "Wartini",
    "Sulastri",
    "Ngatini",
    "Tukiyem",
    "Sunarti",
]
# Names held for one person at one firm and met again at another (the hard negatives).
COMMON = [("malay", "Muhammad Hafiz", "Abdullah", False), ("malay", "Nur Aisyah", "Ahmad", True),
          ("malay", "Siti Nurhaliza", "Ismail", True), ("malay", "Muhammad Amirul", "Hassan", False),
          ("chinese", "Wei Ming", "Tan", False), ("chinese", "Mei Ling", "Lim", True),
          ("indo", "Siti", "Rahmawati", True), ("indo", "Muhammad", "Rizky", False),
          ("indian", "Kumar", "Subramaniam", False)]  # fmt: skip
HONORIFICS = {
    "MY": {False: ["Encik", "En.", "Dato'", "Datuk", "Dato' Sri", "Tan Sri", "Haji", "Hj.", "Mr."],
           True: ["Puan", "Pn.", "Cik", "Datin", "Hajah", "Hjh.", "Ms."]},
    "SG": {False: ["Mr", "Mr.", "Encik", "Haji"], True: ["Ms", "Mdm", "Mdm.", "Cik", "Puan"]},
    "ID": {False: ["Bapak", "Bpk.", "Pak", "Haji", "H."], True: ["Ibu", "Bu", "Hj."]},
}  # fmt: skip
POSITIONS = [
    "Pemilik",
    "Manajer Pembelian",
    "Direktur",
    "Purchasing",
    "Admin",
    "Manager",
    "Supervisor",
    "Chef",
]
HUBSPOT_POSITIONS = ["Owner", "Purchasing Manager", "Director", "Operations Manager", "Head Chef", "Buyer"]

# -- places and firms -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    country: str
    city: str
    state: str
    area: str  # the trunk-less area code of its landlines ("3", "21"); Singapore: ""
    postcode: str  # its postcodes' first digits


PLACES = [
    Place("MY", "Kuala Lumpur", "Wilayah Persekutuan", "3", "50"), Place("MY", "Shah Alam", "Selangor", "3", "40"),
    Place("MY", "Petaling Jaya", "Selangor", "3", "47"), Place("MY", "George Town", "Pulau Pinang", "4", "10"),
    Place("MY", "Johor Bahru", "Johor", "7", "80"), Place("MY", "Ipoh", "Perak", "5", "30"),
    Place("SG", "Singapore", "", "", ""), Place("SG", "Singapore", "", "", ""),
    Place("ID", "Jakarta", "DKI Jakarta", "21", "1"), Place("ID", "Surabaya", "Jawa Timur", "31", "60"),
    Place("ID", "Bandung", "Jawa Barat", "22", "40"), Place("ID", "Semarang", "Jawa Tengah", "24", "50"),
    Place("ID", "Medan", "Sumatera Utara", "61", "20"),
]  # fmt: skip
COUNTRY_NAMES = {"MY": "Malaysia", "SG": "Singapore", "ID": "Indonesia"}
QONTAK_COUNTRY = {"MY": ["Malaysia", "MY"], "SG": ["Singapura", "Singapore", "SG"], "ID": ["Indonesia", "ID"]}
TRADES = {
    "MY": [("Kedai Runcit", "kedai"), ("Restoran", "restoran"), ("Bakeri", "bakeri"), ("Trading", "trading"),
           ("Food Industries", "food"), ("Katering", "katering")],
    "SG": [("Trading", "trading"), ("Food Supplies", "foodsupplies"), ("Bakery", "bakery"),
           ("F&B Holdings", "fnb"), ("Catering", "catering")],
    "ID": [("Toko", "toko"), ("Rumah Makan", "rm"), ("Bakery", "bakery"), ("Katering", "katering"),
           ("Distributor", "distributor"), ("Sumber Pangan", "pangan")],
}  # fmt: skip
BRANDS = ["Maju Jaya", "Sinar Harapan", "Sri Murni", "Kota Emas", "Bintang Timur", "Cahaya", "Mutiara", "Setia",
          "Sentosa", "Harmoni", "Makmur", "Berkat", "Gemilang", "Nusantara", "Seri Pagi", "Mewah", "Lestari",
          "Sejahtera", "Permai", "Jaya Abadi", "Golden Leaf", "Evergreen", "Orchid", "Lucky Star"]  # fmt: skip
FORMS = {"MY": ["Sdn. Bhd.", "Sdn Bhd", "Enterprise", "Trading"], "SG": ["Pte. Ltd.", "Pte Ltd"],
         "ID": ["PT", "CV", "UD"]}  # fmt: skip
TLD = {"MY": "com.my", "SG": "com.sg", "ID": "co.id"}
PRIVATE_MAIL = {"MY": ["gmail.com", "yahoo.com", "hotmail.com"], "SG": ["gmail.com", "hotmail.com", "yahoo.com.sg"],
                "ID": ["gmail.com", "yahoo.co.id", "yahoo.com"]}  # fmt: skip
OWNERS = ["Nadia Rahman", "Daniel Khoo", "Priya Menon", "Hendra Gunawan"]
QONTAK_OWNERS = ["Rina Kartika", "Yoga Pratama", "Sales Jakarta", "Aditya Nugraha"]
SOURCES = ["WhatsApp", "WhatsApp", "Website", "Instagram", "Referral", "Pameran SIAL Interfood", "Telepon"]
STATUSES = ["Prospek", "Lead", "Pelanggan", "Baru"]


@dataclass(eq=False)
class Firm:
    name: str
    place: Place
    domain: str
    line: str  # E.164: its landline (a shop's one line, a firm's switchboard)
    family: bool = False
    street: str = ""
    short: str = ""
    mailbox: str = ""  # a shop's one mailbox (a Gmail address), everyone in it writes from it


@dataclass(eq=False)
class Person:
    kind: str  # "malay", "chinese", "indian", "indo", "mononym"
    given: str  # a Malay's, Indian's or Chinese's given name; an Indonesian's first name; a mononym
    father: str  # the father's given name (Malay, Indian); the family name (Chinese); the second name (Indonesian)
    female: bool
    firm: Firm
    english: str = ""  # a Chinese person's English name
    mobile: str = ""  # E.164
    email: str = ""
    private: str = ""
    contact: dict | None = None

    @property
    def country(self) -> str:
        return self.firm.place.country

    def link(self, *, singapore: bool | None = None) -> str:
        """The word between the given name and the father's: bin / binti, a/l / a/p (s/o, d/o in Singapore)."""
        if self.kind == "malay":
            return "binti" if self.female else "bin"
        if singapore if singapore is not None else self.country == "SG":
            return "d/o" if self.female else "s/o"
        return "a/p" if self.female else "a/l"

    def full(self) -> str:
        """The name in full as an identity card writes it."""
        if self.kind in ("malay", "indian"):
            return f"{self.given} {self.link()} {self.father}"
        if self.kind == "chinese":
            return f"{self.father} {self.given}"
        if self.kind == "mononym":
            return self.given
        return f"{self.given} {self.father}"

    def key(self) -> tuple:
        return (self.kind, self.given.lower(), self.father.lower(), self.english.lower())


def folded(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


MUHAMMAD_WRITINGS = ["Muhammad", "Mohd", "Mohd.", "Mohamad", "Md"]


def muhammad_written(rng, given: str) -> str:
    """A Malay given name beginning Muhammad (or Mohd, Mohamad) with that word written another common way."""
    first, _, rest = given.partition(" ")
    if first in ("Muhammad", "Mohd", "Mohamad") and rest:
        return f"{rng.choice([w for w in MUHAMMAD_WRITINGS if w != first])} {rest}"
    return given


def called_name(given: str) -> str:
    """What a Malay is called: the second word of a name beginning Muhammad, Mohd, Nur, Siti, Nurul, Ahmad."""
    first, _, rest = given.partition(" ")
    if rest and first in ("Muhammad", "Mohd", "Mohamad", "Nur", "Siti", "Nurul", "Ahmad", "Nor"):
        return rest
    return given


def given_names_confusable(left: str, right: str) -> bool:
    """Whether two relatives' given names could be one person's to a reader: one's words among the other's
    ("Ahmad" and "Ahmad Fauzi") or a word the start of another ("Mohd Hafiz" and Hafizuddin, who is called Hafiz).
    Such relatives are not made."""
    lefts, rights = left.lower().split(), right.lower().split()
    if set(lefts) <= set(rights) or set(rights) <= set(lefts):
        return True
    return any(a != b and (a.startswith(b) or b.startswith(a)) for a in lefts for b in rights)


class Generator:
    def __init__(self, seed: int, people: int, per_category: int):
        self.rng = random.Random(seed)
        self.target = people
        self.per = per_category
        self.firms: list[Firm] = []
        self.people: list[Person] = []
        self.crm_rows: list[dict] = []
        self.cases: list[GeneratedCase] = []
        self.numbers: set[str] = set()
        self.mailboxes: set[str] = set()
        self.ids: set[str] = set()
        self.used: set[int] = set()
        self.now = datetime(2026, 11, 30, 10, 0)

    # -- numbers ----------------------------------------------------------------------------------------------

    def _fresh(self, region: str, make, kind) -> str:
        while True:
            number = make()
            parsed = phonenumbers.parse(number)
            if not phonenumbers.is_valid_number(parsed) or number in self.numbers:
                continue
            if phonenumbers.number_type(parsed) not in kind:
                continue
            self.numbers.add(number)
            return number

    def digits(self, count: int) -> str:
        return "".join(str(self.rng.randint(0, 9)) for _ in range(count))

    def new_mobile(self, country: str) -> str:
        mobile = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)
        if country == "MY":

            def make():
                prefix = self.rng.choice(["12", "13", "16", "17", "19", "10", "14", "18", "11"])
                return f"+60{prefix}{self.digits(8 if prefix == '11' else 7)}"

        elif country == "SG":

            def make():
                return f"+65{self.rng.choice('89')}{self.digits(7)}"

        else:

            def make():
                prefix = self.rng.choice(
                    ["811", "812", "813", "821", "822", "852", "853", "857", "878", "896"]
                )
                return f"+62{prefix}{self.digits(self.rng.choice([7, 8, 8]))}"

        return self._fresh(country, make, mobile)

    def landline(self, place: Place) -> str:
        fixed = (PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE)
        if place.country == "SG":
            return self._fresh("SG", lambda: f"+656{self.digits(7)}", fixed)
        code = "+60" if place.country == "MY" else "+62"
        length = 8 if place.area in ("3", "21", "31", "22", "24", "61") else 7

        def make():
            rest = self.digits(length)
            return "" if rest[0] in "01" else f"{code}{place.area}{rest}"

        return self._fresh(
            place.country, lambda: make() or f"{code}{place.area}2{self.digits(length - 1)}", fixed
        )

    def written(self, e164: str) -> str:
        """A number as people write it in its own country or from abroad."""
        if e164.startswith("+65"):
            n = e164[3:]
            return self.rng.choice([f"{n[:4]} {n[4:]}", f"+65 {n[:4]} {n[4:]}", f"+65{n}", f"65{n}", n,
                                    f"+65-{n[:4]}-{n[4:]}"])  # fmt: skip
        national = "0" + e164[3:]
        if e164.startswith("+60"):
            if national[1] == "1":  # a mobile: 01, a digit, then seven digits
                head, tail = national[:3], national[3:]
                return self.rng.choice([f"{head}-{tail[:-4]} {tail[-4:]}", f"{head}-{tail}", national,
                                        f"+60 {head[1:]}-{tail[:-4]} {tail[-4:]}", f"+6{national}",
                                        f"6{national}", f"+60{head[1:]} {tail}"])  # fmt: skip
            head, tail = national[:2], national[2:]
            return self.rng.choice([f"{head}-{tail[:-4]} {tail[-4:]}", f"{head}-{tail}", f"+60 {head[1:]}-{tail}",
                                    f"+60{head[1:]}{tail}", f"({head}) {tail}"])  # fmt: skip
        if national[1] == "8":  # an Indonesian mobile: 08 and nine to eleven digits
            head, tail = national[:4], national[4:]
            return self.rng.choice([f"{head}-{tail[:4]}-{tail[4:]}", national, f"+62 {head[1:]}-{tail[:4]}-{tail[4:]}",
                                    f"+62{national[1:]}", f"62{national[1:]}", f"{head} {tail}"])  # fmt: skip
        area = national[:3]
        tail = national[3:]
        return self.rng.choice(
            [f"({area}) {tail}", f"{area}-{tail}", f"+62 {area[1:]} {tail}", f"{area} {tail}"]
        )

    def written_nationally(self, e164: str) -> str:
        """A mobile as written in its own country, without the country code."""
        if e164.startswith("+65"):
            n = e164[3:]
            return self.rng.choice([f"{n[:4]} {n[4:]}", n])
        national = "0" + e164[3:]
        if e164.startswith("+60"):
            head, tail = national[:3], national[3:]
            return self.rng.choice([f"{head}-{tail[:-4]} {tail[-4:]}", f"{head}-{tail}", national])
        head, tail = national[:4], national[4:]
        return self.rng.choice([f"{head}-{tail[:4]}-{tail[4:]}", national, f"{head} {tail}"])

    def whatsapp(self, e164: str) -> str:
        return self.rng.choice([e164[1:], e164[1:], e164])

    # -- firms and people -------------------------------------------------------------------------------------

    def firm(self, place: Place | None = None, *, family_name: str = "") -> Firm:
        place = place or self.rng.choice(PLACES)
        taken = {f.name for f in self.firms}
        for _ in range(500):
            trade, slug = self.rng.choice(TRADES[place.country])
            brand = family_name or self.rng.choice(BRANDS)
            form = self.rng.choice(FORMS[place.country])
            short = f"{trade} {brand}"
            name = f"{form} {short}" if form in ("PT", "CV", "UD") else f"{short} {form}"
            if name not in taken:
                break
        else:
            raise RuntimeError("no firm name left")
        base = f"{slug}{folded(brand)}"
        domains = {f.domain for f in self.firms}
        domain = f"{base}.{TLD[place.country]}"
        while domain in domains:
            domain = f"{base}{self.rng.randint(2, 99)}.{TLD[place.country]}"
        street = self.rng.choice(["Jalan", "Jln.", "Jl.", "Lorong"]) if place.country != "SG" else "Blk"
        street = f"{street} {self.rng.choice(BRANDS)} {self.rng.randint(1, 120)}"
        firm = Firm(
            name, place, domain, self.landline(place), family=bool(family_name), street=street, short=short
        )
        if firm.family:
            firm.mailbox = unused_value(
                lambda: (
                    f"{slug}{folded(brand)}{self.rng.randint(1, 99)}@{self.rng.choice(PRIVATE_MAIL[place.country])}"
                ),
                self.mailboxes,
            )
        self.firms.append(firm)
        return firm

    def names_at(self, firm: Firm) -> set[tuple]:
        """The names held at the firm, or at another of its name (two shops named Restoran Lee are read as one)."""
        return {p.key() for p in self.people if p.firm.short == firm.short}

    def draw(self, country: str, female: bool) -> tuple[str, str, str, str]:
        """(kind, given, father or family name, English name) of someone living in `country`."""
        roll = self.rng.random()
        if country == "ID":
            if roll < 0.3:
                return (
                    "mononym",
                    self.rng.choice(INDO_MONONYMS_FEMALE if female else INDO_MONONYMS_MALE),
                    "",
                    "",
                )
            if roll < 0.85:
                return (
                    "indo",
                    self.rng.choice(INDO_FEMALE if female else INDO_MALE),
                    self.rng.choice(INDO_SECOND),
                    "",
                )
            kind = "chinese"
        elif roll < (0.55 if country == "MY" else 0.2):
            kind = "malay"
        elif roll < (0.85 if country == "MY" else 0.9):
            kind = "chinese"
        else:
            kind = "indian"
        if kind == "malay":
            return (
                kind,
                self.rng.choice(MALAY_FEMALE if female else MALAY_MALE),
                self.rng.choice(MALAY_FATHERS),
                "",
            )
        if kind == "indian":
            return (
                kind,
                self.rng.choice(INDIAN_FEMALE if female else INDIAN_MALE),
                self.rng.choice(INDIAN_FATHERS),
                "",
            )
        given = self.rng.choice([g for g in CHINESE_GIVEN if (g in CHINESE_FEMALE_GIVEN) == female])
        english = ""
        if country != "ID" and self.rng.random() < 0.5:
            english = self.rng.choice(ENGLISH_FEMALE if female else ENGLISH_MALE)
        return kind, given, self.rng.choice(CHINESE_FAMILY), english

    def person(self, firm: Firm, *, name: tuple | None = None, female: bool | None = None, keep: bool = True,
               namesake: bool = False) -> Person:  # fmt: skip
        for _ in range(300):
            is_female = (self.rng.random() < 0.4) if female is None else female
            kind, given, father, english = name or self.draw(firm.place.country, is_female)
            candidate = Person(kind, given, father, is_female, firm, english=english)
            common = (kind, given, father, is_female) in COMMON
            if name is None and common:
                continue
            if namesake or candidate.key() not in self.names_at(firm):
                break
        else:
            raise RuntimeError("no fresh name at the firm")
        candidate.mobile = self.new_mobile(firm.place.country)
        candidate.email = self.work_address(candidate)
        candidate.private = self.private_address(candidate)
        if keep:
            self.people.append(candidate)
        return candidate

    def mail_words(self, person: Person) -> tuple[str, str]:
        if person.kind == "chinese":
            return folded(person.english or person.given), folded(person.father)
        if person.kind == "mononym":
            return folded(person.given), ""
        return folded(called_name(person.given)), folded(person.father)

    def work_address(self, person: Person) -> str:
        given, other = self.mail_words(person)
        options = [
            given,
            f"{given}.{other}" if other else given,
            f"{given[0]}{other}" if other else f"{given}1",
        ]
        for local in self.rng.sample(options, len(options)):
            address = f"{local}@{person.firm.domain}"
            if address not in self.mailboxes:
                self.mailboxes.add(address)
                return address
        return unused_value(lambda: f"{given}{self.rng.randint(2, 99)}@{person.firm.domain}", self.mailboxes)

    def private_address(self, person: Person) -> str:
        given, other = self.mail_words(person)
        domain = self.rng.choice(PRIVATE_MAIL[person.country])
        return unused_value(
            lambda: f"{given}{self.rng.choice(['.', '_', ''])}{other}{self.rng.randint(1, 999)}@{domain}",
            self.mailboxes,
        )

    def record_id(self) -> str:
        return unused_value(lambda: str(self.rng.randint(10_000_000, 99_999_999)), self.ids)

    def hubspot_names(self, person: Person) -> tuple[str, str]:
        """First and last name as a rep typed them into HubSpot."""
        rng = self.rng
        if person.kind == "malay":
            link = person.link()
            given = muhammad_written(rng, person.given) if rng.random() < 0.15 else person.given
            return rng.choice([(given, f"{link} {person.father}"), (given, f"{link.title()} {person.father}"),
                               (given, person.father), (f"{given} {link} {person.father}", ""),
                               (given, f"{link} {person.father}")])  # fmt: skip
        if person.kind == "indian":
            return rng.choice([(person.given, f"{person.link()} {person.father}"), (person.given, person.father),
                               (f"{person.given} {person.link()} {person.father}", "")])  # fmt: skip
        if person.kind == "chinese":
            options = [(person.given, person.father), (person.given, person.father)]
            if person.english:
                options += [
                    (person.english, person.father),
                    (f"{person.english} {person.given}", person.father),
                ]
            return rng.choice(options)
        if person.kind == "mononym":
            return rng.choice(
                [(person.given, person.given), (person.given, ""), (person.given, person.given)]
            )
        return person.given, person.father

    def hold(self, person: Person) -> dict:
        firm = person.firm
        first, last = self.hubspot_names(person)
        created = self.now - timedelta(days=self.rng.randint(30, 2500))
        has_mobile = self.rng.random() < 0.85
        row = {
            CRM_ID: self.record_id(),
            "First Name": first,
            "Last Name": last,
            "Email": person.email
            if self.rng.random() < 0.75
            else (person.private if self.rng.random() < 0.5 else ""),
            "Phone Number": "",
            "Mobile Phone Number": self.written(person.mobile) if has_mobile else "",
            "WhatsApp Phone Number": self.whatsapp(person.mobile)
            if has_mobile and self.rng.random() < 0.2
            else "",
            "Company Name": firm.name if self.rng.random() < 0.6 else firm.short,
            "Job Title": self.rng.choice(HUBSPOT_POSITIONS),
            "City": firm.place.city,
            "State/Region": firm.place.state,
            "Postal Code": self.postcode(firm.place) if self.rng.random() < 0.6 else "",
            "Country/Region": COUNTRY_NAMES[firm.place.country],
            "Contact owner": self.rng.choice(OWNERS),
            "Create Date": created.strftime("%Y-%m-%d %H:%M"),
            "Lifecycle Stage": self.rng.choice(["lead", "marketingqualifiedlead", "opportunity", "customer"]),
        }
        person.contact = row
        self.crm_rows.append(row)
        return row

    def postcode(self, place: Place) -> str:
        if place.country == "SG":
            return f"{self.rng.randint(1, 82):02d}{self.digits(4)}"
        return place.postcode + self.digits(5 - len(place.postcode))

    def build_crm(self) -> None:
        while len(self.people) < self.target:
            if self.rng.random() < 0.3:  # a family shop: the owner, now and then a child or a sibling in it
                place = self.rng.choice(PLACES)
                kind, given, father, english = self.draw(place.country, False)
                brand = {"malay": given.split()[-1], "chinese": father, "indian": given}.get(kind, given)
                firm = self.firm(place, family_name=brand)
                if Person(kind, given, father, False, firm, english=english).key() not in self.names_at(firm):
                    self.person(firm, name=(kind, given, father, english), female=False)
                continue
            firm = self.firm()
            for _ in range(self.rng.choice([1, 1, 2, 3, 4, 6, 8])):
                self.person(firm)
        for kind, given, father, female in COMMON * 2:
            firm = self.rng.choice([f for f in self.firms if not f.family
                                    and (kind, given.lower(), father.lower(), "") not in self.names_at(f)])  # fmt: skip
            self.person(firm, name=(kind, given, father, ""), female=female)
        for person in self.people:
            self.hold(person)
        for firm in self.firms:  # the firm's line on one contact: a shop's owner, a larger firm's anyone
            holders = [p for p in self.people if p.firm is firm]
            if not holders:
                continue
            holder = holders[0] if firm.family else self.rng.choice(holders)
            if firm.family or self.rng.random() < 0.5:
                holder.contact["Phone Number"] = self.written(firm.line)
            if firm.family:  # the owner's own mobile always held, and the shop's mailbox on his contact
                holder.contact["Mobile Phone Number"] = holder.contact["Mobile Phone Number"] or self.written(
                    holder.mobile
                )
                if self.rng.random() < 0.5:
                    holder.contact["Email"] = firm.mailbox

    # -- the Qontak download ----------------------------------------------------------------------------------

    def pick(self, test) -> Person:
        pool = [p for p in self.people if id(p) not in self.used and p.contact and test(p)]
        person = self.rng.choice(pool)
        self.used.add(id(person))
        return person

    def common(self, person: Person) -> bool:
        return (person.kind, person.given, person.father, person.female) in COMMON

    def owner(self, person: Person) -> bool:
        return person.firm.family and person.contact["Phone Number"] != ""

    def held_mobile(self, person: Person) -> bool:
        return bool(person.contact["Mobile Phone Number"] or person.contact["WhatsApp Phone Number"])

    def held_email(self, person: Person) -> str:
        email = person.contact["Email"]
        return email if email in (person.email, person.private) else ""

    def keyed(self, person: Person) -> bool:
        return bool(self.held_email(person)) or self.held_mobile(person)

    def held_key(self, person: Person) -> dict:
        if self.held_email(person) and (self.rng.random() < 0.5 or not self.held_mobile(person)):
            return {"Email": self.held_email(person)}
        return self.mobile_fields(person)

    def mobile_fields(self, person: Person) -> dict:
        if self.rng.random() < 0.6:
            return {"No. WhatsApp": self.whatsapp(person.mobile)}
        return {"Telepon": self.written(person.mobile)}

    def name_forms(self, person: Person) -> list[str]:
        """The ways the person's name is written by themselves, a WhatsApp profile or a rep."""
        if person.kind == "malay":
            link = person.link()
            short = {"bin": "b.", "binti": "bt."}[link]
            forms = [person.full(), f"{person.given} {person.father}", f"{person.given} {short} {person.father}",
                     f"{muhammad_written(self.rng, person.given)} {link} {person.father}", called_name(person.given),
                     person.given]  # fmt: skip
            return forms
        if person.kind == "indian":
            other = person.link(singapore=person.country != "SG")
            return [person.full(), f"{person.given} {person.father}", f"{person.given} {other} {person.father}",
                    f"{person.father[0]}. {person.given}", person.given]  # fmt: skip
        if person.kind == "chinese":
            forms = [person.full(), f"{person.given} {person.father}"]
            if person.english:
                forms += [f"{person.english} {person.father}", f"{person.english} {person.full()}",
                          f"{person.full().upper()} {person.english.upper()}"]  # fmt: skip
            return forms
        if person.kind == "mononym":
            return [person.given, person.given.upper()]
        return [person.full(), person.given, person.full().upper()]

    def lead(self, category: str, truth: list[str], person: Person, *, name: str = "", firm: Firm | None = None,
             split_at_link: bool = False, **fields) -> None:  # fmt: skip
        firm = firm or person.firm
        name = name or self.rng.choice(self.name_forms(person))
        first, last = name, ""
        words = name.split()
        if split_at_link and len(words) > 2:
            at = next(
                (n for n, w in enumerate(words) if w.lower() in ("bin", "binti", "b.", "bt.", "a/l", "a/p")),
                1,
            )
            first, last = " ".join(words[:at]), " ".join(words[at:])
        elif len(words) > 1 and self.rng.random() < 0.4:  # a rep split it at its first space
            first, last = words[0], " ".join(words[1:])
        country = firm.place.country
        row = {
            "Nama Depan": first,
            "Nama Belakang": last,
            "Jabatan": self.rng.choice(POSITIONS) if self.rng.random() < 0.5 else "",
            "Pemilik": self.rng.choice(QONTAK_OWNERS),
            "Email": "",
            "Telepon": "",
            "No. WhatsApp": "",
            "Status": self.rng.choice(STATUSES),
            "Perusahaan": firm.name if self.rng.random() < 0.5 else firm.short,
            "Alamat": firm.street if self.rng.random() < 0.4 else "",
            "Negara": self.rng.choice(QONTAK_COUNTRY[country]) if self.rng.random() < 0.85 else "",
            "Provinsi": firm.place.state if self.rng.random() < 0.6 else "",
            "Kota": firm.place.city if self.rng.random() < 0.8 else "",
            "Kode Pos": self.postcode(firm.place) if self.rng.random() < 0.3 else "",
            "Tanggal Lahir": "",
            "Sumber": self.rng.choice(SOURCES),
            "Jenis Kelamin": ("Perempuan" if person.female else "Laki-laki")
            if self.rng.random() < 0.4
            else "",
        }
        row.update(fields)
        case = GeneratedCase(category, row, tuple(truth))
        case.external_id = unused_value(lambda: str(self.rng.randint(100_000, 9_999_999)), self.ids)
        self.cases.append(case)

    def honorific(self, person: Person) -> str:
        return self.rng.choice(HONORIFICS[person.country][person.female])

    # IN

    def whatsapp_mobile(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: self.held_mobile(p) and not self.common(p))
            name = self.rng.choice(self.name_forms(person))
            if self.rng.random() < 0.15:
                name = f"{self.honorific(person)} {name}"
            self.lead("whatsapp_mobile", [person.contact[CRM_ID]], person, name=name,
                      **{"No. WhatsApp": self.whatsapp(person.mobile)})  # fmt: skip

    def work_email(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: self.held_email(p) and not self.common(p))
            self.lead("work_email", [person.contact[CRM_ID]], person, Email=self.held_email(person))

    def patronymic_written_otherwise(self) -> None:
        for _ in range(self.per):
            person = self.pick(
                lambda p: p.kind in ("malay", "indian") and self.keyed(p) and not self.common(p)
            )
            forms = self.name_forms(person)[:4]
            self.lead("patronymic_written_otherwise", [person.contact[CRM_ID]], person, name=self.rng.choice(forms),
                      split_at_link=self.rng.random() < 0.5, **self.held_key(person))  # fmt: skip

    def chinese_english_name(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.kind == "chinese" and p.english and self.keyed(p))
            self.lead("chinese_english_name", [person.contact[CRM_ID]], person, **self.held_key(person))

    def mononym(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.kind == "mononym" and self.keyed(p))
            name = person.given if self.rng.random() < 0.8 else f"{self.honorific(person)} {person.given}"
            fields = self.held_key(person)
            if self.rng.random() < 0.3:
                fields["Nama Belakang"] = person.given  # the required name given twice
            self.lead("mononym", [person.contact[CRM_ID]], person, name=name, **fields)

    def honorific_name(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.kind != "mononym" and self.keyed(p) and not self.common(p))
            name = f"{self.honorific(person)} {self.rng.choice(self.name_forms(person)[:3])}"
            self.lead("honorific_name", [person.contact[CRM_ID]], person, name=name, **self.held_key(person))

    def national_mobile(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.held_mobile(p) and not self.common(p))
            self.lead("national_mobile", [person.contact[CRM_ID]], person, name=person.full(),
                      Telepon=self.written_nationally(person.mobile),
                      Negara=self.rng.choice(QONTAK_COUNTRY[person.country]))  # fmt: skip

    def job_change(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.held_mobile(p) and not self.common(p) and not p.firm.family)
            place = (
                person.firm.place
                if self.rng.random() < 0.7
                else self.rng.choice([p for p in PLACES if p.country == person.country])
            )  # a move within the country: a number written nationally is read there
            new_firm = self.firm(place)
            moved = Person(
                person.kind, person.given, person.father, person.female, new_firm, english=person.english
            )
            self.lead("job_change", [person.contact[CRM_ID]], person, firm=new_firm, Email=self.work_address(moved),
                      **self.mobile_fields(person))  # fmt: skip

    # OUT

    def relative(self, owner: Person, *, generation: int) -> Person:
        """A sibling (0), the father (-1) or a child (+1) of a shop's owner, named as that family names, a name
        no one at a shop of that name holds."""
        for _ in range(100):
            female = generation == 0 and self.rng.random() < 0.4
            name = self.relative_name(owner, generation, female)
            if given_names_confusable(name[1], owner.given):
                continue
            if Person(*name[:3], female, owner.firm, english=name[3]).key() not in self.names_at(owner.firm):
                return self.person(owner.firm, name=name, female=female, keep=False)
        raise RuntimeError("no fresh name for a relative")

    def relative_name(self, owner: Person, generation: int, female: bool) -> tuple:
        kind = owner.kind
        if kind in ("malay", "indian"):
            pool = {
                "malay": (MALAY_FEMALE if female else MALAY_MALE),
                "indian": (INDIAN_FEMALE if female else INDIAN_MALE),
            }[kind]
            fathers = MALAY_FATHERS if kind == "malay" else INDIAN_FATHERS
            if generation == 0:
                given, father = self.rng.choice([g for g in pool if g != owner.given]), owner.father
            elif generation < 0:  # the father: his given name is the owner's father's name
                given, father = owner.father, self.rng.choice([f for f in fathers if f != owner.father])
            else:  # a son: his father's name is the owner's given name
                given, father = (
                    self.rng.choice([g for g in pool if g not in (owner.given, owner.father)]),
                    owner.given,
                )
            name = (kind, given, father, "")
        elif kind == "chinese":
            given = self.rng.choice(
                [g for g in CHINESE_GIVEN if (g in CHINESE_FEMALE_GIVEN) == female and g != owner.given]
            )
            name = (kind, given, owner.father, "")
        elif kind == "indo":
            pool = INDO_FEMALE if female else INDO_MALE
            name = (
                kind,
                self.rng.choice([g for g in pool if g != owner.given]),
                self.rng.choice(INDO_SECOND),
                "",
            )
        else:
            pool = INDO_MONONYMS_FEMALE if female else INDO_MONONYMS_MALE
            name = (kind, self.rng.choice([g for g in pool if g != owner.given]), "", "")
        return name

    def family_fields(self, owner: Person, relative: Person) -> dict:
        fields = {"Telepon": self.written(owner.firm.line)}
        if self.rng.random() < 0.5:
            fields["No. WhatsApp"] = self.whatsapp(relative.mobile)
        if self.rng.random() < 0.5:
            fields["Email"] = owner.firm.mailbox
        return fields

    def family_name_form(self, relative: Person) -> str:
        """A relative's name written with the father's or family name: a given name alone ("Ahmad", the father of
        Ahmad Fauzi) may be the held owner's short name, which no reader could tell apart."""
        return self.rng.choice(self.name_forms(relative)[:3] if relative.kind in ("malay", "indian") else
                               [relative.full()])  # fmt: skip

    def sibling_same_father(self) -> None:
        for _ in range(self.per):
            owner = self.pick(lambda p: self.owner(p) and p.kind in ("malay", "indian", "chinese"))
            sibling = self.relative(owner, generation=0)
            self.lead("sibling_same_father", [], sibling, name=self.family_name_form(sibling),
                      **self.family_fields(owner, sibling))  # fmt: skip

    def father_son(self) -> None:
        for _ in range(self.per // 2):
            owner = self.pick(lambda p: self.owner(p) and p.kind in ("malay", "indian"))
            relative = self.relative(owner, generation=self.rng.choice([-1, 1]))
            self.lead("father_son", [], relative, name=self.family_name_form(relative),
                      **self.family_fields(owner, relative))  # fmt: skip

    def namesake_other_firm(self) -> None:
        for _ in range(self.per // 2):
            held = self.rng.choice([p for p in self.people if p.contact and self.common(p)])
            firm = self.rng.choice([f for f in self.firms if not f.family and f is not held.firm
                                    and held.key() not in self.names_at(f)])  # fmt: skip
            person = self.person(
                firm, name=(held.kind, held.given, held.father, ""), female=held.female, keep=False
            )
            fields = self.mobile_fields(person)
            if self.rng.random() < 0.6:
                fields["Email"] = person.email
            self.lead("namesake_other_firm", [], person, **fields)

    def colleague_shop_line(self) -> None:
        for _ in range(self.per // 2):
            holder = self.pick(lambda p: p.contact["Phone Number"] != "")
            person = self.person(holder.firm, keep=False)
            fields = {"Telepon": self.written(holder.firm.line)}
            if self.rng.random() < 0.4:
                fields["No. WhatsApp"] = self.whatsapp(person.mobile)
            self.lead("colleague_shop_line", [], person, **fields)

    def not_in_crm(self) -> None:
        for _ in range(self.per * 2):
            firm = (
                self.firm()
                if self.rng.random() < 0.6
                else self.rng.choice([f for f in self.firms if not f.family])
            )
            person = self.person(firm, keep=False)
            fields = self.mobile_fields(person) if self.rng.random() < 0.7 else {}
            fields["Email"] = person.email if self.rng.random() < 0.6 else person.private
            self.lead("not_in_crm", [], person, **fields)

    def build(self) -> GeneratedCases:
        self.build_crm()
        for category in (
            self.sibling_same_father, self.father_son, self.namesake_other_firm, self.colleague_shop_line,
            self.whatsapp_mobile, self.work_email, self.patronymic_written_otherwise, self.chinese_english_name,
            self.mononym, self.honorific_name, self.national_mobile, self.job_change, self.not_in_crm,
        ):  # fmt: skip
            category()
        self.rng.shuffle(self.cases)
        return GeneratedCases.shuffled(self.rng, self.crm_rows, self.cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# Splink reads HubSpot's first and last names as written and Qontak's (its first name the first word of `Nama
# Depan` where `Nama Belakang` is empty, the rest the last name), the last nine digits of the mobile (else the
# WhatsApp number, else the phone) on both sides, the email, the company and the city.
PERSON_SQL = {
    "crm": f"""
        SELECT "{CRM_ID}" AS unique_id,
               nullif(lower(trim("First Name")), '') AS first_name,
               nullif(lower(trim("Last Name")), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               nullif(right(regexp_replace(coalesce(nullif("Mobile Phone Number", ''),
                                                    nullif("WhatsApp Phone Number", ''), "Phone Number", ''),
                                           '[^0-9]', '', 'g'), 9), '') AS phone,
               nullif(lower(trim("Company Name")), '') AS company,
               nullif(trim("Postal Code"), '') AS zip,
               nullif(lower(trim("City")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{INBOUND_ID}" AS unique_id,
               nullif(lower(trim(CASE WHEN coalesce("Nama Belakang", '') = ''
                                      THEN split_part(trim("Nama Depan"), ' ', 1) ELSE "Nama Depan" END)), '')
                   AS first_name,
               nullif(lower(trim(CASE WHEN coalesce("Nama Belakang", '') = ''
                                      THEN regexp_replace(trim("Nama Depan"), '^\\S+\\s*', '')
                                      ELSE "Nama Belakang" END)), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               nullif(right(regexp_replace(coalesce(nullif("No. WhatsApp", ''), "Telepon", ''),
                                           '[^0-9]', '', 'g'), 9), '') AS phone,
               nullif(lower(trim("Perusahaan")), '') AS company,
               nullif(trim("Kode Pos"), '') AS zip,
               nullif(lower(trim("Kota")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}

SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="hubspot",
        inbound_file="qontak_kontak",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id=INBOUND_ID,
        cli_options=[
            "--provider",
            "hubspot",
            "--object",
            "contacts",
            "--kind",
            "person",
            "--id-column",
            CRM_ID,
        ],
        splink_kind="person",
        sql=PERSON_SQL,
        source="HubSpot contacts (a distributor in Malaysia, Singapore, Indonesia) <- a Qontak contacts download",
    )
]


if __name__ == "__main__":
    run_generated("identity52", SUITES, seed=521, people=2400, orgs=0, per_category=40)
