# ruff: noqa: RUF001, RUF002, RUF003 - Turkish names and labels, the dotless ı among them, are what this set is about
"""A fifty-fourth record set: HubSpot contacts of a B2B distributor selling in Turkey, linked from the contacts
export of a Turkish accounting and CRM program, under its Turkish column labels.

    python benchmarks/identity_fiftyfourth.py [--people 2400] [--per-category 40] [--seed 541] [--skip-splink]
                                              [--keep DIR]

A distributor of packaging, industrial consumables and spare parts, based in İstanbul, sells to manufacturers,
wholesalers and family firms across Turkey. Marketing and the key-account managers work in HubSpot (English
interface); the sales office keeps its customers' contact people in its accounting program's current-account
cards ("cari kart": the firm's trade name, tax office and number, and its contact people). Before a campaign,
the program's contacts are linked to HubSpot's.

The CRM side is a HubSpot contacts export under its English labels, as the other HubSpot generators write it
(`Record ID`, `First Name`, `Last Name`, `Email`, `Phone Number`, `Mobile Phone Number`, `Company Name`, `Job
Title`, `City`, `State/Region`, `Postal Code`, `Country/Region`, `Contact owner`, `Create Date`, `Lifecycle
Stage`). `Phone Number` holds the firm's line on one contact (a family firm's on its owner) or nothing.

The inbound side is the program's contacts export. Its labels are the ones Turkish accounting and CRM programs
use, checked with the search tool: Logo's help lists the firm card's "Firma Unvanı, İl, İlçe, Cadde, Ülke,
Vergi Numarası, Vergi Dairesi" and, for a real person, "Adı, Soyadı, T.C. Kimlik No" (docs.logo.com.tr/x/oNbyAw);
a Turkish contacts manager's columns are "Ad", "Soyad", "Cep Telefonu", "2. Telefon", "E-posta", "Şirket",
"Ünvan" (there the job title), "Adres", "Notlar" (a Streamlit contacts app found by its column list); a mailing
tool's fields are ad, soyad, telefon ("sabit telefon", the landline), mobilTelefon, sirket, firmaUnvan,
pozisyon, il, ilçe (octaworksofficial/teymur-mailing-latest-dash, `EMAIL_TEMPLATE_VARIABLES.md`); a sports
club's CRM import takes "Telefon" written "05321234567" and "Ad Soyad" (aykutjm/sporcumoto,
`CRM_TOPLU_EKLEME_TALIMATLARI.md`). "Ünvan" is a firm's trade name on a cari card ("Firma Ünvanı") and a
person's title on a contact: this file writes the firm as `Firma Ünvanı` and the person's title as `Görevi`.
Columns: `Kişi No`, `Ad Soyad`, `Ad`, `Soyad`, `Firma Ünvanı`, `Görevi`, `Vergi Dairesi`, `Vergi No` (the firm's
ten digits: every colleague's row carries it), `TC Kimlik No` (eleven digits with their two check digits; a sole
trader's tax number is the owner's), `E-posta`, `Telefon` (the firm's line or a direct line), `Cep Telefonu`,
`Adres`, `İlçe`, `İl`, `Posta Kodu`, `Ülke` (often empty in a domestic file), `Kayıt Tarihi`, `Müşteri
Temsilcisi`, `Açıklama`.

What the two sides write:
- Names and letters: ç ğ ı İ ö ş ü. Programs holding names in capitals write "İBRAHİM YILDIRIM", "IŞIK" (the
  capital of ı is I, of i is İ); a spreadsheet's upper case in a Turkish locale turns an address's i into İ as
  well ("MEHMET.YILMAZ@..." is written "MEHMET.YILMAZ@" but "ibrahim" becomes "İBRAHİM"). Reps on a US keyboard
  type Güneş as Gunes, Çelik as Celik, Ağaoğlu as Agaoglu, Işık as Isik.
- Two given names, one the call name: Mehmet Ali, Ayşe Nur, Ahmet Can, Hasan Hüseyin; HubSpot holds one of them
  or both, the program both or the second alone.
- A married woman keeps her maiden name before her husband's ("Ayşe Yılmaz Kaya"), or writes his alone.
- Phones: +90, the trunk 0; mobiles 5xx ("0532 123 45 67", "05321234567", "+90 532 123 45 67"), landlines with
  their area code ("0 (212) 555 12 34" on İstanbul's European side, "0216 ..." on its Asian side, "0312"
  Ankara), a firm's switchboard given by every colleague, a family firm's one line by father and sons.
- Firms' legal names: "... Sanayi ve Ticaret Ltd. Şti.", "... San. ve Tic. A.Ş.", "... İth. İhr. Ltd. Şti.";
  HubSpot holds the short name now and then.

Categories, each with its truth (the HubSpot contact, or none). IN:
- `mobile`: the held mobile in `Cep Telefonu`, written as Turkish forms write it; the name in any of its forms.
- `work_email`: the held work address in `E-posta`, in capitals now and then (a Turkish locale's İ included).
- `capitals`: the whole row in a Turkish program's capitals ("İBRAHİM YILDIRIM", "IŞIK"); the held key.
- `ascii_typed`: Turkish letters typed as ASCII on one side (Gunes / Güneş); the held key.
- `call_name`: two given names, one side holding one of them (the first or the second), the other both or the
  other one; the held key.
- `maiden_name`: a married woman, "Ayşe Yılmaz Kaya" on one side, "Ayşe Kaya" or "Ayşe Yılmaz" on the other;
  her held mobile.
- `job_change`: the person moved to another firm (new firm, its line, a new work address); the held mobile.
- `owner_firm_line`: a family firm's owner whom HubSpot holds with the firm's line; the line and his name,
  his held address or mobile half of the time.
- `name_company_city`: no held key; the full name, the firm and its city (never a name HubSpot holds twice).
OUT (truth none):
- `relative_firm_line`: the owner's son, daughter, brother or wife at the family firm (the family name, the
  wife's her maiden name before it now and then): the firm's line, their own mobile or none, the firm's info@
  or their own address.
- `namesake_other_firm`: a common name (Mehmet Yılmaz, Ayşe Kaya, Mustafa Demir ...) HubSpot holds at another
  firm; their own mobile and address.
- `colleague_shared_line`: a colleague HubSpot does not hold, giving the firm's switchboard held on one
  contact, the firm's tax number; their own address or none.
- `successor_mailbox`: a buyer HubSpot does not hold, who took over the held address of the predecessor
  (another name) at the same firm.
- `not_in_crm`: contacts HubSpot does not hold, at new or known firms.

Fairness: a careful reader can tell each row. A mobile is one person's; a firm's line and its tax number are
the firm's; relatives on the family line never share the owner's given names; a name without a key is never
one HubSpot holds twice. Written from scratch (only `identity_quality`'s and `generated_phones`' interfaces).
Every seed deterministic.
"""

import random
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneNumberType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generated_phones import fresh_number
from identity_quality import GeneratedCase, GeneratedCases, GeneratedSuite, run_generated, unused_value

CRM_ID = "Record ID"
CRM_COLUMNS = [
    CRM_ID, "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number", "Company Name",
    "Job Title", "City", "State/Region", "Postal Code", "Country/Region", "Contact owner", "Create Date",
    "Lifecycle Stage",
]  # fmt: skip
INBOUND_ID = "Kişi No"
INBOUND_COLUMNS = [
    INBOUND_ID, "Ad Soyad", "Ad", "Soyad", "Firma Ünvanı", "Görevi", "Vergi Dairesi", "Vergi No", "TC Kimlik No",
    "E-posta", "Telefon", "Cep Telefonu", "Adres", "İlçe", "İl", "Posta Kodu", "Ülke", "Kayıt Tarihi",
    "Müşteri Temsilcisi", "Açıklama",
]  # fmt: skip

# -- names ------------------------------------------------------------------------------------------------------

MALE = ["Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim", "İsmail", "Osman", "Yusuf",
        "Murat", "Ömer", "Ramazan", "Halil", "Süleyman", "Abdullah", "Mahmut", "Recep", "Fatih", "Kadir",
        "Emre", "Burak", "Serkan", "Onur", "Cem", "Uğur", "Tolga", "Oğuz", "Gökhan", "Erkan", "Volkan",
        "İlker", "Levent", "Barış", "Sinan", "Kerem", "Tarık", "Selçuk", "Orhan", "Ilgaz"]  # fmt: skip
FEMALE = ["Ayşe", "Fatma", "Emine", "Hatice", "Zeynep", "Elif", "Meryem", "Zehra", "Merve", "Özlem", "Esra",
          "Büşra", "Derya", "Sevgi", "Selin", "Ebru", "Dilek", "Gizem", "Şeyma", "Tuğba", "Işıl", "Ceren",
          "İlknur", "Nilay", "Sibel", "Pınar", "Aslı", "Gülşen", "Hülya", "Nurcan"]  # fmt: skip
MALE_COMPOUND = [("Mehmet", "Ali"), ("Ahmet", "Can"), ("Hasan", "Hüseyin"), ("Ali", "Rıza"), ("Mehmet", "Emin"),
                 ("Mustafa", "Kemal"), ("Ali", "Osman"), ("Ahmet", "Faruk"), ("Muhammed", "Ali"),
                 ("Yusuf", "Ziya"), ("Mehmet", "Akif"), ("İsmail", "Hakkı")]  # fmt: skip
FEMALE_COMPOUND = [("Ayşe", "Nur"), ("Fatma", "Nur"), ("Ayşe", "Gül"), ("Elif", "Naz"), ("Zeynep", "Su"),
                   ("Emine", "Sena"), ("Hatice", "Kübra"), ("Fatma", "Zehra"), ("Sultan", "Nur")]  # fmt: skip
SURNAMES = ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir",
            "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan", "Şimşek", "Polat",
            "Özcan", "Korkmaz", "Çakır", "Erdoğan", "Yavuz", "Acar", "Aktaş", "Güler", "Yalçın", "Güneş",
            "Bozkurt", "Bulut", "Keskin", "Ünal", "Turan", "Gül", "Özer", "Işık", "Kaplan", "Avcı", "Sarı",
            "Tekin", "Taş", "Köse", "Yüksel", "Ateş", "Aksoy", "Ağaoğlu", "Karaca", "Uçar", "Altun", "Çınar",
            "Akın", "Altıntaş", "Sarıkaya", "Karataş", "Başaran", "Eren", "Tunç", "Durmaz", "Kocabaş",
            "Erdem", "Gündoğdu", "Uysal", "Toprak", "Karakaya", "Oğuz", "Ilıcak", "Kahraman"]  # fmt: skip
# Names held for one person at one firm and met again at another (the hard negatives).
COMMON = [(("Mehmet",), "Yılmaz"), (("Ayşe",), "Kaya"), (("Mustafa",), "Demir"), (("Ahmet",), "Çelik"),
          (("Fatma",), "Şahin"), (("Ali",), "Yıldız"), (("Hüseyin",), "Aydın"), (("Emine",), "Öztürk")]  # fmt: skip
POSITIONS = ["Satın Alma Müdürü", "Genel Müdür", "Fabrika Müdürü", "Satın Alma Uzmanı", "Lojistik Sorumlusu",
             "Muhasebe Müdürü", "Firma Sahibi", "Depo Sorumlusu", "İşletme Müdürü", "Üretim Planlama"]  # fmt: skip
HUBSPOT_POSITIONS = ["Purchasing Manager", "General Manager", "Owner", "Buyer", "Plant Manager", "Accountant"]

# -- places and firms -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    city: str
    area: str  # the landline's area code
    districts: tuple[str, ...]
    plate: str  # the province's number: its postcodes' first two digits


PLACES = [
    Place("İstanbul", "212", ("Şişli", "Beşiktaş", "Bağcılar", "Beylikdüzü", "Esenyurt", "Başakşehir"), "34"),
    Place("İstanbul", "216", ("Kadıköy", "Ümraniye", "Ataşehir", "Tuzla", "Pendik", "Kartal"), "34"),
    Place("Ankara", "312", ("Çankaya", "Yenimahalle", "Keçiören", "Etimesgut", "Sincan"), "06"),
    Place("İzmir", "232", ("Bornova", "Konak", "Karşıyaka", "Çiğli", "Torbalı"), "35"),
    Place("Bursa", "224", ("Nilüfer", "Osmangazi", "Yıldırım", "İnegöl"), "16"),
    Place("Kocaeli", "262", ("Gebze", "İzmit", "Dilovası", "Körfez"), "41"),
    Place("Konya", "332", ("Selçuklu", "Karatay", "Meram"), "42"),
    Place("Kayseri", "352", ("Melikgazi", "Kocasinan", "Talas"), "38"),
    Place("Gaziantep", "342", ("Şehitkamil", "Şahinbey"), "27"),
    Place("Adana", "322", ("Seyhan", "Yüreğir", "Çukurova"), "01"),
    Place("Antalya", "242", ("Muratpaşa", "Kepez", "Konyaaltı"), "07"),
    Place("Denizli", "258", ("Pamukkale", "Merkezefendi"), "20"),
    Place("Eskişehir", "222", ("Tepebaşı", "Odunpazarı"), "26"),
]
TRADES = [("Plastik", "plastik"), ("Ambalaj", "ambalaj"), ("Gıda", "gida"), ("Tekstil", "tekstil"),
          ("Kimya", "kimya"), ("Makine", "makine"), ("Elektrik", "elektrik"), ("İnşaat", "insaat"),
          ("Lojistik", "lojistik"), ("Otomotiv", "otomotiv"), ("Mobilya", "mobilya"), ("Metal", "metal"),
          ("Hırdavat", "hirdavat"), ("Tarım", "tarim"), ("Kağıt", "kagit"), ("Boya", "boya")]  # fmt: skip
BRANDS = ["Yıldız", "Anadolu", "Ege", "Marmara", "Akdeniz", "Karadeniz", "Toros", "Kartal", "Atlas", "Özgür",
          "Birlik", "Güven", "Umut", "Işıklar", "Çınar", "Başak", "Kuzey", "Sistem", "Doğuş", "Meriç", "Fırat",
          "Dicle", "Erciyes", "Uludağ", "Kaçkar", "Pınar", "Ilgın", "Saray", "Yeşil", "Ak", "Özlem", "Tuna",
          "Gökçe", "Ufuk", "Yakut", "Zirve", "Mavi", "Aras", "Beyaz", "Lider", "Nur", "Ergin", "Tekno", "Doruk",
          "Asya", "Kent", "Yunus", "Polat", "Efe", "Ata"]  # fmt: skip
FORMS = ["Sanayi ve Ticaret Ltd. Şti.", "San. ve Tic. Ltd. Şti.", "San. ve Tic. A.Ş.", "Ticaret Ltd. Şti.",
         "A.Ş.", "İth. İhr. San. ve Tic. Ltd. Şti.", "Sanayi ve Ticaret A.Ş.", "San. Tic. Ltd. Şti."]  # fmt: skip
PRIVATE_MAIL = ["gmail.com", "hotmail.com", "yandex.com", "outlook.com", "yahoo.com", "windowslive.com"]
OWNERS = ["Deniz Akgül", "Can Ertürk", "Seda Karagöz", "Berk Tanrıverdi"]
TEMSILCILER = ["Gamze Yurt", "Okan Bilgiç", "Hande Sezer"]
NOTES = ["", "", "", "Vade 60 gün", "Fuarda tanışıldı", "Katalog gönderildi", "Teklif bekliyor", "Bayi"]

# Turkish letters as a keyboard without them writes them.
ASCII_LETTERS = str.maketrans("çğıİöşüÇĞÖŞÜâÂîÎûÛ", "cgiIosuCGOSUaAiIuU")


def ascii_typed(text: str) -> str:
    return text.translate(ASCII_LETTERS)


def turkish_upper(text: str) -> str:
    """Upper case as a Turkish locale writes it: i is İ, ı is I."""
    return text.replace("i", "İ").replace("ı", "I").upper()


def folded(text: str) -> str:
    return ascii_typed(text).lower().replace(" ", "")


@dataclass(eq=False)
class Firm:
    name: str  # the legal name ("... Sanayi ve Ticaret Ltd. Şti.")
    short: str  # as most people write it
    place: Place
    district: str
    domain: str
    line: str  # E.164: a family firm's one line, a larger firm's switchboard
    tax_number: str
    street: str
    postcode: str
    family: bool = False
    names: set = field(default_factory=set)  # (given names, surname) of the people kept at the firm, folded


@dataclass(eq=False)
class Person:
    given: tuple[str, ...]
    surname: str
    female: bool
    firm: Firm
    maiden: str = ""  # a married woman's maiden name, written before her husband's now and then
    mobile: str = ""
    email: str = ""
    private: str = ""
    national_id: str = ""
    contact: dict | None = None

    @property
    def given_name(self) -> str:
        return " ".join(self.given)


def national_id(rng: random.Random) -> str:
    """A T.C. Kimlik No: eleven digits, the first not 0, the tenth and eleventh check digits."""
    digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(8)]
    tenth = ((sum(digits[0:9:2]) * 7) - sum(digits[1:8:2])) % 10
    digits.append(tenth)
    digits.append(sum(digits) % 10)
    return "".join(map(str, digits))


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
        self.tax_numbers: set[str] = set()
        self.shorts: set[str] = set()
        self.domains: set[str] = set()
        self.used: set[int] = set()
        self.name_counts: dict | None = None
        self.now = datetime(2026, 11, 30, 10, 0)

    # -- numbers ----------------------------------------------------------------------------------------------

    def landline(self, place: Place) -> str:
        while True:
            rest = "".join(str(self.rng.randint(0, 9)) for _ in range(7))
            if rest[0] in "01":
                continue
            number = f"+90{place.area}{rest}"
            if phonenumbers.is_valid_number(phonenumbers.parse(number)) and number not in self.numbers:
                self.numbers.add(number)
                return number

    def new_mobile(self) -> str:
        return fresh_number(self.rng, "TR", PhoneNumberType.MOBILE, self.numbers, random_digits=8)

    def written_landline(self, e164: str) -> str:
        area, local = e164[3:6], e164[6:]
        a, b, c = local[:3], local[3:5], local[5:]
        return self.rng.choice([f"0 ({area}) {a} {b} {c}", f"(0{area}) {a} {b} {c}", f"0{area} {a} {b} {c}",
                                f"+90 {area} {a} {b} {c}", f"0{area}{local}", f"+90 ({area}) {a} {b}{c}"])  # fmt: skip

    def written_mobile(self, e164: str) -> str:
        n = e164[3:]
        a, b, c, d = n[:3], n[3:6], n[6:8], n[8:]
        return self.rng.choice([f"0{a} {b} {c} {d}", f"0{n}", f"+90 {a} {b} {c} {d}", f"0 {a} {b} {c} {d}",
                                f"({a}) {b} {c} {d}", f"+90{n}", f"0{a} {b}{c}{d}", f"0({a}) {b} {c} {d}"])  # fmt: skip

    def hubspot_phone(self, e164: str, mobile: bool) -> str:
        if self.rng.random() < 0.5:
            n = e164[3:]
            return f"+90 {n[:3]} {n[3:6]} {n[6:8]} {n[8:]}"
        return self.written_mobile(e164) if mobile else self.written_landline(e164)

    # -- firms and people -------------------------------------------------------------------------------------

    def firm(self, place: Place | None = None, *, family_name: str = "") -> Firm:
        place = place or self.rng.choice(PLACES)
        for _ in range(500):
            trade, slug = self.rng.choice(TRADES)
            if family_name:
                brand = self.rng.choice([family_name, f"{family_name} Kardeşler", f"{family_name}oğlu"])
            else:
                brand = self.rng.choice(BRANDS)
            short = f"{brand} {trade}"
            if not family_name and self.rng.random() < 0.6:  # a second trade: "Ege Plastik Ambalaj"
                short = f"{short} {self.rng.choice([t for t, _ in TRADES if t != trade])}"
            name = f"{short} {self.rng.choice(FORMS)}"
            if short not in self.shorts:
                self.shorts.add(short)
                break
        else:
            raise RuntimeError("no firm name left")
        base = f"{folded(brand).replace('kardesler', 'kardes')}{slug}"
        domain = f"{base}.com.tr"
        while domain in self.domains:
            domain = f"{base}{self.rng.randint(2, 99)}.com.tr"
        self.domains.add(domain)
        district = self.rng.choice(place.districts)
        street = self.rng.choice(["Atatürk Cad.", "Cumhuriyet Mah.", "İnönü Cad.", "Organize Sanayi Bölgesi",
                                  "Fatih Sok.", "Gazi Bulvarı", "Sanayi Cad.", "Mimar Sinan Mah."])  # fmt: skip
        street = f"{street} No: {self.rng.randint(1, 180)}"
        postcode = f"{place.plate}{self.rng.randint(0, 9)}{self.rng.randint(0, 9)}0"
        tax = unused_value(lambda: str(self.rng.randint(1_000_000_000, 9_999_999_999)), self.tax_numbers)
        firm = Firm(name, short, place, district, domain, self.landline(place), tax, street, postcode,
                    family=bool(family_name))  # fmt: skip
        self.firms.append(firm)
        return firm

    def names_at(self, firm: Firm) -> set[tuple[str, str]]:
        return firm.names

    def all_names(self) -> dict[tuple[str, str], int]:
        counts: dict[tuple[str, str], int] = {}
        for p in self.people:
            for given in {p.given_name, p.given[0], p.given[-1]}:
                for surname in {p.surname, p.maiden} - {""}:
                    key = (folded(given), folded(surname))
                    counts[key] = counts.get(key, 0) + 1
        return counts

    def draw_given(self, female: bool) -> tuple[str, ...]:
        if self.rng.random() < 0.3:
            return self.rng.choice(FEMALE_COMPOUND if female else MALE_COMPOUND)
        return (self.rng.choice(FEMALE if female else MALE),)

    def person(self, firm: Firm, *, given: tuple | None = None, surname: str = "", female: bool | None = None,
               keep: bool = True, married: bool | None = None) -> Person:  # fmt: skip
        for _ in range(300):
            is_female = (self.rng.random() < 0.35) if female is None else female
            g = given or self.draw_given(is_female)
            s = surname or self.rng.choice(SURNAMES)
            if not given and not surname and (g, s) in COMMON:
                continue
            if (folded(" ".join(g)), folded(s)) not in self.names_at(firm):
                break
        else:
            raise RuntimeError("no fresh name at the firm")
        person = Person(g, s, is_female, firm)
        if is_female and (married if married is not None else self.rng.random() < 0.4):
            person.maiden = self.rng.choice([n for n in SURNAMES if n != s])
        person.mobile = self.new_mobile()
        person.email = self.work_address(person)
        person.private = self.private_address(person)
        person.national_id = national_id(self.rng)
        if keep:
            self.people.append(person)
            firm.names.add((folded(person.given_name), folded(person.surname)))
        return person

    def work_address(self, person: Person, firm: Firm | None = None) -> str:
        firm = firm or person.firm
        g, s = folded(person.given[0]), folded(person.surname)
        whole = folded(person.given_name)
        options = [f"{g}.{s}", f"{g[0]}{s}", f"{g}{s}", f"{whole}.{s}", f"{g}"]
        for local in self.rng.sample(options[:4], 4) + options[4:]:
            address = f"{local}@{firm.domain}"
            if address not in self.mailboxes:
                self.mailboxes.add(address)
                return address
        return unused_value(lambda: f"{g}.{s}{self.rng.randint(2, 99)}@{firm.domain}", self.mailboxes)

    def private_address(self, person: Person) -> str:
        g, s = folded(person.given[0]), folded(person.surname)
        domain = self.rng.choice(PRIVATE_MAIL)
        return unused_value(
            lambda: (
                f"{self.rng.choice([g, g[0]])}{self.rng.choice(['.', '_', ''])}{s}{self.rng.randint(1, 99)}@{domain}"
            ),
            self.mailboxes,
        )

    def record_id(self) -> str:
        return unused_value(lambda: str(self.rng.randint(100_000_000, 999_999_999)), self.ids)

    def hubspot_names(self, person: Person) -> tuple[str, str]:
        given = person.given_name
        if len(person.given) > 1 and self.rng.random() < 0.3:
            given = person.given[0]  # the call name
        last = person.surname
        if person.maiden and self.rng.random() < 0.5:
            last = f"{person.maiden} {person.surname}"
        roll = self.rng.random()
        if roll < 0.2:
            given, last = ascii_typed(given), ascii_typed(last)
        elif roll < 0.28:  # imported from the program, in its capitals
            given, last = turkish_upper(given), turkish_upper(last)
        return given, last

    def hold(self, person: Person) -> dict:
        firm = person.firm
        first, last = self.hubspot_names(person)
        created = self.now - timedelta(days=self.rng.randint(30, 3000))
        roll = self.rng.random()
        row = {
            CRM_ID: self.record_id(),
            "First Name": first,
            "Last Name": last,
            "Email": person.email if roll < 0.75 else (person.private if roll < 0.85 else ""),
            "Phone Number": "",
            "Mobile Phone Number": self.hubspot_phone(person.mobile, True) if self.rng.random() < 0.8 else "",
            "Company Name": firm.name if self.rng.random() < 0.5 else firm.short,
            "Job Title": self.rng.choice(HUBSPOT_POSITIONS + POSITIONS),
            "City": firm.place.city if self.rng.random() < 0.8 else ascii_typed(firm.place.city),
            "State/Region": firm.place.city if self.rng.random() < 0.5 else "",
            "Postal Code": firm.postcode if self.rng.random() < 0.4 else "",
            "Country/Region": self.rng.choice(["Turkey", "Türkiye", "Turkey"]),
            "Contact owner": self.rng.choice(OWNERS),
            "Create Date": created.strftime("%Y-%m-%d %H:%M"),
            "Lifecycle Stage": self.rng.choice(["lead", "marketingqualifiedlead", "opportunity", "customer"]),
        }
        person.contact = row
        self.crm_rows.append(row)
        return row

    def build_crm(self) -> None:
        while len(self.people) < self.target:
            if self.rng.random() < 0.25:  # a family firm: its owner, now and then his brother
                surname = self.rng.choice(SURNAMES)
                firm = self.firm(family_name=surname)
                owner = self.person(firm, surname=surname, female=False)
                if self.rng.random() < 0.15:
                    while (given := self.draw_given(False)) == owner.given or given[0] == owner.given[0]:
                        pass
                    self.person(firm, given=given, surname=surname, female=False)
                continue
            firm = self.firm()
            for _ in range(self.rng.choice([1, 1, 2, 3, 4, 6, 9])):
                self.person(firm)
        for given, surname in COMMON * 2:
            firm = self.rng.choice([f for f in self.firms if not f.family and (folded(" ".join(given)), folded(surname))
                                    not in self.names_at(f)])  # fmt: skip
            self.person(firm, given=given, surname=surname, female=given[0] in FEMALE, married=False)
        for person in self.people:
            self.hold(person)
        for (
            firm
        ) in self.firms:  # the firm's line on one contact: a family firm's owner, a larger firm's anyone
            holders = [p for p in self.people if p.firm is firm]
            if not holders:
                continue
            holder = holders[0] if firm.family else self.rng.choice(holders)
            if firm.family or self.rng.random() < 0.5:
                holder.contact["Phone Number"] = self.hubspot_phone(firm.line, False)
            if firm.family:  # the owner's own mobile always held: what tells him from his sons
                holder.contact["Mobile Phone Number"] = holder.contact[
                    "Mobile Phone Number"
                ] or self.hubspot_phone(holder.mobile, True)

    # -- the program's export ---------------------------------------------------------------------------------

    def pick(self, test) -> Person:
        pool = [p for p in self.people if id(p) not in self.used and p.contact and test(p)]
        person = self.rng.choice(pool)
        self.used.add(id(person))
        return person

    def common(self, person: Person) -> bool:
        return (person.given, person.surname) in COMMON

    def unique(self, person: Person) -> bool:
        if self.name_counts is None:
            self.name_counts = self.all_names()
        return self.name_counts.get((folded(person.given_name), folded(person.surname)), 0) == 1 and all(
            self.name_counts.get((folded(g), folded(person.surname)), 0) == 1 for g in person.given
        )

    def export_name(self, person: Person) -> str:
        """The name as the program holds it."""
        given = person.given_name
        surname = person.surname
        if person.maiden and self.rng.random() < 0.4:
            surname = f"{person.maiden} {person.surname}"
        name = f"{given} {surname}"
        roll = self.rng.random()
        if roll < 0.15:
            name = turkish_upper(name)
        elif roll < 0.27:
            name = ascii_typed(name)
        return name

    def lead(self, category: str, truth: list[str], person: Person, *, name: str = "", firm: Firm | None = None,
             capitals: bool = False, **fields) -> None:  # fmt: skip
        firm = firm or person.firm
        name = name or self.export_name(person)
        if capitals:
            name = turkish_upper(name)
        first, last = "", ""
        if self.rng.random() < 0.5:  # the card's two fields: given names, then the (last) surname words
            words = name.split(" ")
            cut = len(words) - 1
            if person.maiden and len(words) > 2 and folded(words[-2]) == folded(person.maiden):
                cut = len(words) - 2  # the maiden name and the husband's in Soyad; two given names in Ad
            first, last = " ".join(words[:cut]), " ".join(words[cut:])
        created = self.now - timedelta(days=self.rng.randint(0, 400), minutes=self.rng.randint(0, 900))
        legal = firm.name if self.rng.random() < 0.8 else firm.short
        if capitals or self.rng.random() < 0.3:
            legal = turkish_upper(legal)
        row = {
            "Ad Soyad": name,
            "Ad": first,
            "Soyad": last,
            "Firma Ünvanı": legal,
            "Görevi": self.rng.choice(POSITIONS) if self.rng.random() < 0.6 else "",
            "Vergi Dairesi": f"{firm.district} V.D." if self.rng.random() < 0.7 else firm.district,
            "Vergi No": firm.tax_number,
            "TC Kimlik No": person.national_id if self.rng.random() < 0.2 else "",
            "E-posta": "",
            "Telefon": "",
            "Cep Telefonu": "",
            "Adres": firm.street if self.rng.random() < 0.6 else "",
            "İlçe": firm.district,
            "İl": firm.place.city if not capitals else turkish_upper(firm.place.city),
            "Posta Kodu": firm.postcode if self.rng.random() < 0.5 else "",
            "Ülke": self.rng.choice(["", "", "Türkiye", "TÜRKİYE", "Turkey"]),
            "Kayıt Tarihi": created.strftime("%d.%m.%Y"),
            "Müşteri Temsilcisi": self.rng.choice(TEMSILCILER),
            "Açıklama": self.rng.choice(NOTES),
        }
        row.update(fields)
        if capitals and row["E-posta"]:
            row["E-posta"] = turkish_upper(row["E-posta"])
        case = GeneratedCase(category, row, tuple(truth))
        case.external_id = unused_value(lambda: f"K{self.rng.randint(10_000, 99_999)}", self.ids)
        self.cases.append(case)

    def held_mobile(self, person: Person) -> bool:
        return bool(person.contact["Mobile Phone Number"])

    def held_email(self, person: Person) -> bool:
        return person.contact["Email"] == person.email

    def keyed(self, person: Person) -> bool:
        return self.held_email(person) or self.held_mobile(person)

    def written_email(self, address: str) -> str:
        return turkish_upper(address) if self.rng.random() < 0.2 else address

    def held_key(self, person: Person) -> dict:
        if self.held_email(person) and (self.rng.random() < 0.5 or not self.held_mobile(person)):
            return {"E-posta": self.written_email(person.email)}
        return {"Cep Telefonu": self.written_mobile(person.mobile)}

    def other_email(self, person: Person) -> dict:
        if self.rng.random() < 0.4 and person.contact["Email"] != person.private:
            return {"E-posta": person.private}
        return {}

    def family_owner(self, person: Person) -> bool:
        return person.firm.family and person.contact["Phone Number"] != ""

    def plain_person(self, person: Person) -> bool:
        return not self.common(person) and not person.firm.family

    # IN

    def mobile(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: self.held_mobile(p) and self.plain_person(p))
            self.lead("mobile", [person.contact[CRM_ID]], person,
                      **{"Cep Telefonu": self.written_mobile(person.mobile)}, **self.other_email(person))  # fmt: skip

    def work_email(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: self.held_email(p) and self.plain_person(p))
            telefon = self.written_landline(person.firm.line) if self.rng.random() < 0.3 else ""
            self.lead("work_email", [person.contact[CRM_ID]], person, Telefon=telefon,
                      **{"E-posta": self.written_email(person.email)})  # fmt: skip

    def capitals(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.keyed(p) and self.plain_person(p)
                               and any(c in "iıIİ" for c in p.given_name + p.surname))  # fmt: skip
            self.lead("capitals", [person.contact[CRM_ID]], person, name=f"{person.given_name} {person.surname}",
                      capitals=True, **self.held_key(person))  # fmt: skip

    def ascii_typed(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.keyed(p) and self.plain_person(p)
                               and ascii_typed(p.given_name + p.surname) != p.given_name + p.surname)  # fmt: skip
            name = f"{person.given_name} {person.surname}"
            if ascii_typed(person.contact["First Name"]) != person.contact["First Name"]:
                name = ascii_typed(name)
            self.lead("ascii_typed", [person.contact[CRM_ID]], person, name=name, **self.held_key(person))

    def call_name(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.keyed(p) and self.plain_person(p) and len(p.given) > 1)
            held = person.contact["First Name"]
            # both names against the one held, or one of them against both held: never the second against the
            # first, which no reader could tell from a relative's name
            given = self.rng.choice(person.given) if " " in held.strip() else person.given_name
            self.lead("call_name", [person.contact[CRM_ID]], person, name=f"{given} {person.surname}",
                      **self.held_key(person))  # fmt: skip

    def maiden_name(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.maiden and self.held_mobile(p) and self.plain_person(p))
            held_both = " " in person.contact["Last Name"].strip()
            if held_both:
                surname = person.surname
            else:
                surname = self.rng.choice(
                    [f"{person.maiden} {person.surname}", f"{person.maiden}-{person.surname}"]
                )
            self.lead("maiden_name", [person.contact[CRM_ID]], person, name=f"{person.given_name} {surname}",
                      **{"Cep Telefonu": self.written_mobile(person.mobile)})  # fmt: skip

    def job_change(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.held_mobile(p) and self.plain_person(p))
            new_firm = self.firm(person.firm.place if self.rng.random() < 0.7 else None)
            email = self.work_address(person, new_firm)
            self.lead("job_change", [person.contact[CRM_ID]], person, firm=new_firm,
                      Telefon=self.written_landline(new_firm.line),
                      **{"Cep Telefonu": self.written_mobile(person.mobile), "E-posta": email})  # fmt: skip

    def owner_firm_line(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.family_owner(p) and self.keyed(p))
            fields = self.held_key(person) if self.rng.random() < 0.5 else {}
            self.lead("owner_firm_line", [person.contact[CRM_ID]], person,
                      Telefon=self.written_landline(person.firm.line), **fields)  # fmt: skip

    def name_company_city(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.unique(p) and self.plain_person(p))
            email = (
                person.private
                if person.contact["Email"] != person.private and self.rng.random() < 0.3
                else ""
            )
            self.lead("name_company_city", [person.contact[CRM_ID]], person,
                      name=f"{person.given_name} {person.surname}", **{"E-posta": email})  # fmt: skip

    # OUT

    def relative_firm_line(self) -> None:
        for _ in range(self.per):
            owner = self.pick(lambda p: self.family_owner(p))
            kind = self.rng.choice(["son", "son", "daughter", "brother", "wife"])
            female = kind in ("daughter", "wife")
            taken = {g for p in self.people if p.firm is owner.firm for g in p.given}
            given = self.draw_given(female)
            while any(g in taken for g in given):
                given = self.draw_given(female)
            relative = self.person(owner.firm, given=given, surname=owner.surname, female=female, keep=False,
                                   married=kind == "wife")  # fmt: skip
            fields = {"Cep Telefonu": self.written_mobile(relative.mobile)} if self.rng.random() < 0.6 else {}
            email = self.rng.choice([f"info@{owner.firm.domain}", relative.email, relative.private, ""])
            self.lead("relative_firm_line", [], relative, Telefon=self.written_landline(owner.firm.line),
                      **fields, **{"E-posta": email})  # fmt: skip

    def namesake_other_firm(self) -> None:
        for _ in range(self.per // 2):
            held = self.rng.choice([p for p in self.people if p.contact and self.common(p)])
            firm = self.rng.choice([f for f in self.firms if not f.family and f is not held.firm
                                    and (folded(held.given_name), folded(held.surname)) not in self.names_at(f)])  # fmt: skip
            person = self.person(firm, given=held.given, surname=held.surname, female=held.female, keep=False,
                                 married=False)  # fmt: skip
            self.lead("namesake_other_firm", [], person,
                      **{"Cep Telefonu": self.written_mobile(person.mobile),
                         "E-posta": person.email if self.rng.random() < 0.7 else ""})  # fmt: skip

    def colleague_shared_line(self) -> None:
        for _ in range(self.per // 2):
            holder = self.pick(lambda p: not p.firm.family and p.contact["Phone Number"])
            person = self.person(holder.firm, keep=False)
            self.lead("colleague_shared_line", [], person, Telefon=self.written_landline(holder.firm.line),
                      **{"E-posta": person.email if self.rng.random() < 0.5 else ""})  # fmt: skip

    def successor_mailbox(self) -> None:
        for _ in range(self.per // 2):
            predecessor = self.pick(lambda p: self.held_email(p) and self.plain_person(p))
            person = self.person(predecessor.firm, keep=False)
            while (
                folded(person.surname) == folded(predecessor.surname)
                or person.given[0] == predecessor.given[0]
            ):
                person = self.person(predecessor.firm, keep=False)
            fields = {"Cep Telefonu": self.written_mobile(person.mobile)} if self.rng.random() < 0.5 else {}
            self.lead("successor_mailbox", [], person, **fields,
                      **{"E-posta": self.written_email(predecessor.email)})  # fmt: skip

    def not_in_crm(self) -> None:
        for _ in range(self.per * 2):
            firm = (
                self.firm()
                if self.rng.random() < 0.6
                else self.rng.choice([f for f in self.firms if not f.family])
            )
            person = self.person(firm, keep=False)
            fields = {"Cep Telefonu": self.written_mobile(person.mobile)} if self.rng.random() < 0.7 else {}
            self.lead("not_in_crm", [], person, **fields,
                      **{"E-posta": person.email if self.rng.random() < 0.6 else person.private})  # fmt: skip

    def build(self) -> GeneratedCases:
        self.build_crm()
        for category in (
            self.relative_firm_line, self.owner_firm_line, self.namesake_other_firm, self.colleague_shared_line,
            self.successor_mailbox, self.mobile, self.work_email, self.capitals, self.ascii_typed, self.call_name,
            self.maiden_name, self.job_change, self.name_company_city, self.not_in_crm,
        ):  # fmt: skip
            category()
        self.rng.shuffle(self.cases)
        return GeneratedCases.shuffled(self.rng, self.crm_rows, self.cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# Splink reads HubSpot's first and last names and the program's (its first name the whole name's first word where
# the card's two fields are empty, its last name the last word), the last ten digits of the mobile (else the
# phone) on both sides, the address, the firm and the city, accents stripped and the dotless i folded.
PERSON_SQL = {
    "crm": f"""
        SELECT "{CRM_ID}" AS unique_id,
               nullif(lower(strip_accents(replace(replace(trim("First Name"), 'ı', 'i'), 'İ', 'I'))), '')
                   AS first_name,
               nullif(lower(strip_accents(replace(replace(trim("Last Name"), 'ı', 'i'), 'İ', 'I'))), '')
                   AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               nullif(right(regexp_replace(coalesce(nullif("Mobile Phone Number", ''), "Phone Number", ''),
                                           '[^0-9]', '', 'g'), 10), '') AS phone,
               nullif(lower(strip_accents(replace(replace("Company Name", 'ı', 'i'), 'İ', 'I'))), '') AS company,
               nullif(trim("Postal Code"), '') AS zip,
               nullif(lower(strip_accents(replace(replace(trim("City"), 'ı', 'i'), 'İ', 'I'))), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{INBOUND_ID}" AS unique_id,
               nullif(lower(strip_accents(replace(replace(trim(coalesce(nullif("Ad", ''),
                   split_part("Ad Soyad", ' ', 1))), 'ı', 'i'), 'İ', 'I'))), '') AS first_name,
               nullif(lower(strip_accents(replace(replace(trim(coalesce(nullif("Soyad", ''),
                   regexp_extract("Ad Soyad", '(\\S+)$', 1))), 'ı', 'i'), 'İ', 'I'))), '') AS last_name,
               nullif(lower(strip_accents(replace(trim("E-posta"), 'İ', 'I'))), '') AS email,
               nullif(right(regexp_replace(coalesce(nullif("Cep Telefonu", ''), "Telefon", ''),
                                           '[^0-9]', '', 'g'), 10), '') AS phone,
               nullif(lower(strip_accents(replace(replace("Firma Ünvanı", 'ı', 'i'), 'İ', 'I'))), '') AS company,
               nullif(trim("Posta Kodu"), '') AS zip,
               nullif(lower(strip_accents(replace(replace(trim("İl"), 'ı', 'i'), 'İ', 'I'))), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}

SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="hubspot",
        inbound_file="cari_kisiler",
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
        source="HubSpot contacts (a distributor in Turkey) <- a Turkish accounting program's contacts export",
    )
]


if __name__ == "__main__":
    run_generated("identity54", SUITES, seed=541, people=2400, orgs=0, per_category=40)
