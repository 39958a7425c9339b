"""A fifty-third record set: Salesforce Contacts of a supplier selling in Hungary, linked from a Hungarian CRM's
contacts export.

    python benchmarks/identity_fiftythird.py [--people 2400] [--per-category 40] [--seed 531] [--skip-splink]
                                             [--keep DIR]

A supplier of packaging, fasteners and workshop consumables, with a Budapest office, sells to manufacturers,
builders, wholesalers and family firms across Hungary. Its account managers work in Salesforce; the inside-sales
team in Debrecen keeps its prospects in a Hungarian CRM set to Hungarian (MiniCRM-like). Before a campaign, the
Hungarian CRM's contacts are linked to Salesforce's Contacts.

The CRM side is a Salesforce Contact export under the API field names of the SOQL query, as the other Salesforce
sets write it (`Id`, `AccountId`, `Account.Name`, `Salutation`, `FirstName`, `LastName`, `Title`, `Email`,
`Phone`, `MobilePhone`, `MailingStreet`, `MailingPostalCode`, `MailingCity`, `MailingCountry`, `OwnerId`,
`CreatedDate`). Names as reps type them: `FirstName` István, `LastName` Nagy, or the Hungarian order typed
straight into the two fields (`FirstName` Nagy, `LastName` István); a married woman under the form she uses:
her own name ("Tóth Anna"), her husband's surname with -né before hers ("Kovácsné Tóth Anna": `LastName`
"Kovácsné Tóth"), her husband's surname alone ("Kovács Anna"), or named wholly after her husband ("Kovács
Jánosné", Mrs János Kovács: `FirstName` "Jánosné", `LastName` "Kovács"); "Dr." in `Salutation`; the
double-acute letters ő and ű as an old Latin-1 system stored them (õ and û, or ô and ü) or without accents.
`Phone` holds the person's direct line or, on one contact of a firm, its switchboard (a family firm's one line
on its owner); `MobilePhone` the person's mobile. Hungarian numbers as people write them: the national trunk
prefix 06 ("06 30 123 4567", "06-30/123-4567", "06 1 234 5678" in Budapest, "06 52 123 456" elsewhere) or
+36 ("+36 (20) 123-4567", "+36 1 234 5678"); mobiles in the 20, 30, 31, 50 and 70 ranges.

The inbound side is the Hungarian CRM's contacts export. Its columns are written under the Hungarian labels
Hungarian CRMs and invoicing programs use (checked with the search tool: cegem360.eu's CRM course,
`/eroforrasok/akademia/kontaktok-letrehozasa`: a contact's "Név", "E-mail", "Cég", "Telefon", "Pozíció", and
"write the name always as 'Vezetéknév Keresztnév', or the other way round, but always the same", "'ifj.'";
Billingo's partner form, support.billingo.hu `/content/265158661`: "Partner neve", "Ország", "Irányítószám",
"Település", "Cím", "Adószám", e-mail addresses and phone numbers; Billingo's partner list,
`/content/265224209`: "Név", "Cím", "Adószám", "Telefonszám"; MiniCRM's import help, minicrm.hu
`/help/hogyan-mukodik-az-adatbetoltes/`: a person's name is required): `Azonosító`, `Név` (the whole name,
family name first as Hungarians write it, "Nagy István", "dr. Kovács Péter", "ifj. Szabó László"; now and then
in Western order), `Vezetéknév` and `Keresztnév` (filled on some rows), `Cégnév`, `Adószám` (the firm's tax
number, "12345678-2-42": eight digits with their check digit, the VAT code and the county's code; or the EU form
"HU12345678"), `Beosztás`, `E-mail`, `Telefon` (the work number, often the firm's), `Mobil`, `Irányítószám`,
`Város`, `Cím`, `Ország`, `Felelős`, `Címkék`, `Létrehozva`. A given name as its bearer signs with it: a
Hungarian diminutive (Pisti for István, Jancsi for János, Laci for László, Feri for Ferenc, Kati for Katalin,
Zsuzsa for Zsuzsanna, Erzsi for Erzsébet ...).

Categories, each with its truth (the Salesforce Contact, or none). IN:
- `mobile_held`: the mobile Salesforce holds (another writing); the name.
- `work_email`: the address Salesforce holds; the name.
- `name_order`: Salesforce holds the Hungarian order in its two fields (`FirstName` Nagy) or the row gives the
  Western order ("István Nagy"); the held mobile or address.
- `accent_forms`: ő and ű as õ, û, ô, ü, or every accent dropped, on one side; the held mobile or address.
- `diminutive`: the given name as a Hungarian diminutive; the held mobile or address.
- `married_name`: a woman whom Salesforce holds under one form of her name, now under another ("Tóth Anna",
  "Kovácsné Tóth Anna", "Kovács Anna"); her held mobile or private address.
- `wife_held`: a family firm owner's wife whom Salesforce holds named after her husband ("Kovács Jánosné"),
  with her own mobile or address; the row gives that name and that key, the firm's line now and then.
- `senior_held`: a family firm's owner, "id." (senior) before his name now and then, whom Salesforce holds with
  the firm's line and his mobile; the firm's line and his held mobile or address.
- `job_change`: the person moved to another firm: new firm, new work address and the new firm's line; the held
  mobile.
- `direct_line`: a person's direct landline Salesforce holds, written another way; names agree; no other key.
- `name_company_city`: no number or address Salesforce holds; the full name, the firm and its city (never a
  name Salesforce holds twice).
OUT (truth none):
- `wife_named_after_husband`: the wife of a family firm's owner whom Salesforce holds, named wholly after him
  ("Kovács Jánosné": she is not János Kovács); the firm's line, her own mobile or none, the firm's iroda@
  mailbox, her own or none. Salesforce does not hold her.
- `junior_namesake`: the owner's son of the same name, "ifj." before it now and then: the firm's line and his
  own mobile; Salesforce holds the father with the firm's line and the father's mobile.
- `relative_firm_line`: the owner's wife under her own name or the -né form of it ("Kovácsné Szabó Éva"),
  daughter, son or brother: the firm's line, their own mobile or none.
- `namesake_other_firm`: a common name (Nagy István, Kovács László, Tóth Katalin, Szabó Péter ...) Salesforce
  holds at another firm; their own mobile and address.
- `colleague_switchboard`: a colleague Salesforce does not hold, giving the firm's switchboard, held on one
  contact.
- `not_in_crm`: prospects Salesforce does not hold, at new or known firms.

Fairness: a careful reader can tell each row. A mobile is one person's; a firm's line is the firm's; Salesforce
holds each family firm's owner with his own mobile, and a son's row always carries his own; a name without a key
is never one Salesforce holds twice; a wife named after her husband is written so ("-né"), never as his name.
Not made: a son whose row has only the firm's line and his name; a married woman whose row changes both her
given name's form and her surname; a name whose two words are both given names and both surnames ("László
Sándor") in a category decided by the order alone. Written from scratch (only `identity_quality`'s interfaces).
Every seed deterministic.
"""

import random
import string
import sys
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import phonenumbers

sys.path.insert(0, str(Path(__file__).resolve().parent))

from identity_quality import GeneratedCase, GeneratedCases, GeneratedSuite, run_generated, unused_value

CRM_ID = "Id"
CRM_COLUMNS = [
    "Id", "AccountId", "Account.Name", "Salutation", "FirstName", "LastName", "Title", "Email", "Phone",
    "MobilePhone", "MailingStreet", "MailingPostalCode", "MailingCity", "MailingCountry", "OwnerId", "CreatedDate",
]  # fmt: skip
INBOUND_ID = "Azonosító"
INBOUND_COLUMNS = [
    INBOUND_ID, "Név", "Vezetéknév", "Keresztnév", "Cégnév", "Adószám", "Beosztás", "E-mail", "Telefon", "Mobil",
    "Irányítószám", "Város", "Cím", "Ország", "Felelős", "Címkék", "Létrehozva",
]  # fmt: skip

# -- names ------------------------------------------------------------------------------------------------------

# Given names with the diminutive their bearers sign with, where one is common.
MALE = {"István": "Pisti", "János": "Jancsi", "László": "Laci", "Ferenc": "Feri", "József": "Józsi",
        "Zoltán": "Zoli", "Sándor": "Sanyi", "Gábor": "Gabi", "Péter": "Peti", "Tamás": "Tomi", "Attila": "",
        "Zsolt": "", "András": "Andris", "Tibor": "Tibi", "Csaba": "", "Imre": "", "György": "Gyuri",
        "Balázs": "", "Miklós": "Miki", "Károly": "Karcsi", "Mihály": "Misi", "Jenő": "", "Győző": "",
        "Lajos": "", "Gyula": "", "Béla": "", "Ödön": "", "Levente": "", "Dániel": "Dani", "Norbert": "Norbi"}  # fmt: skip
FEMALE = {"Katalin": "Kati", "Zsuzsanna": "Zsuzsa", "Erzsébet": "Erzsi", "Mária": "Marika", "Éva": "Évi",
          "Ilona": "", "Anna": "", "Judit": "Jutka", "Andrea": "", "Krisztina": "Kriszti", "Ágnes": "Ági",
          "Erika": "", "Mónika": "Móni", "Edit": "", "Gabriella": "Gabi", "Ildikó": "Ildi", "Tünde": "",
          "Eszter": "", "Orsolya": "Orsi", "Zsófia": "Zsófi", "Enikő": "", "Csilla": "", "Rita": "",
          "Margit": "", "Piroska": "", "Szilvia": "Szilvi", "Boglárka": "Bogi", "Hajnalka": ""}  # fmt: skip
SURNAMES = ["Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár", "Németh", "Farkas",
            "Balogh", "Papp", "Takács", "Juhász", "Lakatos", "Mészáros", "Oláh", "Rácz", "Fekete", "Szilágyi",
            "Török", "Fehér", "Gál", "Szűcs", "Kocsis", "Pintér", "Fodor", "Szalai", "Sipos", "Magyar", "Gulyás",
            "Bíró", "Király", "Katona", "Bogdán", "Boros", "Fazekas", "Kelemen", "Somogyi", "Orosz", "Veres",
            "Vincze", "Hegedűs", "Deák", "Budai", "Vörös", "Vass", "Szőke", "Erdős", "Kőrösi", "Győri",
            "Fenyő", "Bencze", "Szűts", "Pető", "Csőke", "Kőműves", "Süveges", "Rózsa", "Soós"]  # fmt: skip
# Surnames that are given names too: a name of two such words is read in either order ("László Sándor").
GIVEN_AS_SURNAME = [
    "László",
    "Sándor",
    "Balázs",
    "Antal",
    "Pál",
    "Bálint",
    "Jakab",
    "Lukács",
    "Fülöp",
    "Simon",
]
# Names held for one person at one firm and met again at another (the hard negatives).
COMMON = [("István", "Nagy"), ("László", "Kovács"), ("Katalin", "Tóth"), ("Péter", "Szabó"),
          ("Zoltán", "Horváth"), ("Éva", "Kiss"), ("Zsuzsanna", "Nagy"), ("József", "Varga")]  # fmt: skip
TITLES = ["ügyvezető", "beszerzési vezető", "beszerző", "pénzügyi vezető", "raktárvezető", "műszaki igazgató",
          "értékesítési vezető", "tulajdonos", "irodavezető", "termelésvezető"]  # fmt: skip
SF_NAME_PREFIXES = ["Managing Director", "Purchasing Manager", "Buyer", "CFO", "Warehouse Manager", "Owner"]

# -- places and firms -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    city: str
    area: str  # the landline's area code: "1" for Budapest, two digits elsewhere
    postcode: str  # the postcode's first digits
    county: str  # the tax number's last two digits (the tax office's county code)


PLACES = [
    Place("Budapest", "1", "1", "41"), Place("Budapest", "1", "1", "42"), Place("Budapest", "1", "1", "43"),
    Place("Debrecen", "52", "40", "09"), Place("Szeged", "62", "67", "06"), Place("Miskolc", "46", "35", "05"),
    Place("Pécs", "72", "76", "02"), Place("Győr", "96", "90", "08"), Place("Nyíregyháza", "42", "44", "15"),
    Place("Kecskemét", "76", "60", "03"), Place("Székesfehérvár", "22", "80", "07"),
    Place("Szombathely", "94", "97", "18"), Place("Eger", "36", "33", "10"), Place("Veszprém", "88", "82", "19"),
]  # fmt: skip
BRANDS = ["Alföld", "Duna", "Tisza", "Mátra", "Bakony", "Pannon", "Hungaro", "Balaton", "Zemplén", "Kárpát",
          "Rába", "Körös", "Vértes", "Bükk", "Mecsek", "Délibáb", "Turul", "Csillag", "Napfény", "Hortobágy",
          "Dráva", "Őrség", "Kisalföld", "Tokaj"]  # fmt: skip
TRADES = ["Csomagoló", "Fémipari", "Építő", "Szerelvény", "Logisztikai", "Kereskedelmi", "Műanyag", "Élelmiszer",
          "Nyomdaipari", "Gépgyártó", "Faipari", "Vegyipari"]  # fmt: skip
FORMS = ["Kft.", "Kft.", "Kft.", "Zrt.", "Bt.", "Nyrt."]
STREETS = ["Fő utca", "Kossuth Lajos utca", "Petőfi Sándor utca", "Ipari park", "Rákóczi út", "Váci út",
           "Széchenyi tér", "Dózsa György út", "Béke utca", "Határ út"]  # fmt: skip
COUNTRY_NAMES = ["Magyarország", "Magyarország", "HU", "Hungary"]
SF_COUNTRY = ["Hungary", "Hungary", "HU", "Magyarország"]
PRIVATE_MAIL = ["freemail.hu", "gmail.com", "citromail.hu", "t-online.hu", "hotmail.com", "yahoo.com"]
OWNERS = ["0059J000004Hu1QAAS", "0059J000004Hu2RAAS", "0059J000004Hu3SAAS", "0059J000004Hu4TAAS"]
FELELOSOK = ["Fekete Nóra", "Balla Ádám", "Szalontai Réka"]
TAGS = ["", "", "hírlevél", "Construma 2026", "ajánlás", "hideghívás", "árajánlat", "viszonteladó"]
LATIN1 = [{"ő": "õ", "Ő": "Õ", "ű": "û", "Ű": "Û"}, {"ő": "ô", "Ő": "Ô", "ű": "ü", "Ű": "Ü"}]


def unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def latin1(text: str, table: dict) -> str:
    """The name as a Latin-1 system stored it: ő and ű, which Latin-1 lacks, as the nearest letters it has."""
    return "".join(table.get(c, c) for c in text)


def folded(text: str) -> str:
    return unaccented(text).lower().replace(" ", "").replace("-", "")


def tax_number(rng: random.Random, county: str) -> str:
    """A Hungarian tax number: the eight-digit base number (its last digit a check digit: weights 9 7 3 1 9 7 3,
    the sum's last digit taken from ten), the VAT code and the county's code."""
    while True:
        body = "".join(str(rng.randint(0, 9)) for _ in range(7))
        if body[0] == "0":
            continue
        check = (10 - sum(int(d) * w for d, w in zip(body, (9, 7, 3, 1, 9, 7, 3), strict=True)) % 10) % 10
        return f"{body}{check}-{rng.choice('22222223')}-{county}"


def salesforce_id(prefix: str, rng: random.Random) -> str:
    """An 18-character Salesforce id: the 15-character case-sensitive id and its case-folding checksum."""
    body = prefix + "9J0000" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(6))
    alphabet = string.ascii_uppercase + "012345"
    return body + "".join(
        alphabet[sum(1 << i for i, c in enumerate(chunk) if c.isupper())]
        for chunk in (body[0:5], body[5:10], body[10:15])
    )


@dataclass(eq=False)
class Firm:
    name: str
    short: str
    place: Place
    domain: str
    line: str  # E.164: the firm's landline (a family firm's one line, a larger firm's switchboard)
    tax: str
    account_id: str
    street: str
    postcode: str
    family: bool = False


@dataclass(eq=False)
class Person:
    given: str
    surname: str  # the surname of birth
    female: bool
    firm: Firm
    mobile: str = ""  # E.164
    direct: str = ""  # E.164: a direct landline of their own
    email: str = ""
    private: str = ""
    husband: tuple[str, str] | None = None  # a married woman's husband's (given name, surname)
    doctor: bool = False
    prefix: str = ""  # "ifj.", "id."
    wholly_his: bool = False  # a wife Salesforce holds named after her husband ("Kovács Jánosné")
    held_form: str = "own"  # the form of her name Salesforce holds (`names`)
    contact: dict | None = None

    def names(self, form: str = "own") -> tuple[str, str]:
        """(given name, surname) as the person is called in one of a married woman's forms: "own" (her name of
        birth), "ne" ("Kovácsné Tóth" Anna), "his" (Kovács Anna), "after" (Kovács Jánosné: wholly his)."""
        if form == "own" or not self.husband:
            return self.given, self.surname
        his_given, his_surname = self.husband
        if form == "ne":
            return self.given, f"{his_surname}né {self.surname}"
        if form == "his":
            return self.given, his_surname
        return f"{his_given}né", his_surname


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
        self.taxes: set[str] = set()
        self.used: set[int] = set()
        self.name_counts: dict | None = None
        self.now = datetime(2026, 12, 2, 9, 0)

    # -- numbers ----------------------------------------------------------------------------------------------

    def number(self, prefix: str, length: int, want_mobile: bool) -> str:
        while True:
            digits = prefix + str(self.rng.randint(2, 9))
            digits += "".join(str(self.rng.randint(0, 9)) for _ in range(length - len(digits)))
            number = f"+36{digits}"
            parsed = phonenumbers.parse(number)
            if not phonenumbers.is_valid_number(parsed) or number in self.numbers:
                continue
            is_mobile = phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.MOBILE
            if is_mobile == want_mobile:
                self.numbers.add(number)
                return number

    def landline(self, place: Place) -> str:
        return self.number(place.area, 8, False)

    def new_mobile(self) -> str:
        return self.number(self.rng.choice(["20", "20", "30", "30", "70", "31", "50"]), 9, True)

    def written(self, e164: str) -> str:
        """A number as a rep or a prospect writes it: the trunk prefix 06 or +36, the area or mobile range
        apart, the rest in groups."""
        n = e164[3:]
        area = "1" if n.startswith("1") else n[:2]
        local = n[len(area) :]
        if len(local) == 7:
            groups = [f"{local[:3]} {local[3:]}", f"{local[:3]}-{local[3:]}", local]
        else:
            groups = [f"{local[:3]} {local[3:]}", f"{local[:3]}-{local[3:]}", local]
        rest = self.rng.choice(groups)
        return self.rng.choice([f"06 {area} {rest}", f"06-{area}/{rest}", f"06{area} {rest}", f"+36 {area} {rest}",
                                f"+36 ({area}) {rest}", f"(06-{area}) {rest}", f"+36{n}", f"06{n}",
                                f"36 {area} {rest}"])  # fmt: skip

    def written_tax(self, firm: Firm) -> str:
        return self.rng.choice([firm.tax, firm.tax, firm.tax.replace("-", ""), f"HU{firm.tax[:8]}"])

    # -- firms and people -------------------------------------------------------------------------------------

    def firm(self, place: Place | None = None, *, owner: tuple[str, str] | None = None) -> Firm:
        place = place or self.rng.choice(PLACES)
        taken = {f.name for f in self.firms}
        for _ in range(500):
            trade = self.rng.choice(TRADES)
            form = self.rng.choice(FORMS)
            if owner:  # a family business named after its owner, or a sole trader's (e.v.) bearing his name
                given, surname = owner
                roll = self.rng.random()
                if roll < 0.3:
                    short, form = f"{surname} {given}", "e.v."
                elif roll < 0.6:
                    short, form = f"{surname} és Fia", self.rng.choice(["Kft.", "Bt."])
                else:
                    short, form = f"{surname}-{trade}", self.rng.choice(["Kft.", "Bt."])
            else:
                brand = self.rng.choice(BRANDS)
                short = f"{brand}-{trade}" if self.rng.random() < 0.5 else f"{brand} {trade}"
            name = f"{short} {form}"
            if name not in taken:
                break
        else:
            raise RuntimeError("no firm name left")
        base = folded(short).replace("esfia", "fia")
        domains = {f.domain for f in self.firms}
        domain = f"{base}.hu"
        while domain in domains:
            domain = f"{base}{self.rng.randint(2, 99)}.hu"
        tax = unused_value(lambda: tax_number(self.rng, place.county), self.taxes)
        street = f"{self.rng.choice(STREETS)} {self.rng.randint(1, 120)}."
        postcode = f"{place.postcode}{self.rng.randint(0, 10 ** (4 - len(place.postcode)) - 1):0{4 - len(place.postcode)}d}"
        firm = Firm(name, short, place, domain, self.landline(place), tax, salesforce_id("001", self.rng), street,
                    postcode, family=bool(owner))  # fmt: skip
        self.firms.append(firm)
        return firm

    def names_at(self, firm: Firm) -> set[tuple[str, str]]:
        return {(folded(p.given), folded(p.surname)) for p in self.people if p.firm is firm}

    def all_names(self) -> dict[tuple[str, str], int]:
        counts: dict[tuple[str, str], int] = {}
        for p in self.people:
            key = (folded(p.given), folded(p.surname))
            counts[key] = counts.get(key, 0) + 1
        return counts

    def surname(self) -> str:
        return self.rng.choice(GIVEN_AS_SURNAME) if self.rng.random() < 0.06 else self.rng.choice(SURNAMES)

    def person(self, firm: Firm, *, given: str = "", surname: str = "", female: bool | None = None,
               keep: bool = True, namesake: bool = False) -> Person:  # fmt: skip
        for _ in range(300):
            is_female = (self.rng.random() < 0.45) if female is None else female
            g = given or self.rng.choice(list(FEMALE if is_female else MALE))
            s = surname or self.surname()
            if not given and not surname and (g, s) in COMMON:
                continue
            if namesake or (folded(g), folded(s)) not in self.names_at(firm):
                break
        else:
            raise RuntimeError("no fresh name at the firm")
        person = Person(g, s, is_female, firm)
        if is_female and self.rng.random() < 0.35:
            person.husband = (self.rng.choice(list(MALE)), self.rng.choice([x for x in SURNAMES if x != s]))
        person.doctor = self.rng.random() < 0.07
        person.mobile = self.new_mobile()
        if not firm.family and self.rng.random() < 0.25:
            person.direct = self.landline(firm.place)
        person.email = self.work_address(person)
        person.private = self.private_address(person)
        if keep:
            self.people.append(person)
        return person

    def work_address(self, person: Person, firm: Firm | None = None, form: str = "own") -> str:
        firm = firm or person.firm
        given, surname = person.names(form if form != "after" else "his")
        g, s = folded(given), folded(surname.split()[-1] if form != "ne" else surname.split()[0][:-2])
        options = [f"{s}.{g}", f"{g}.{s}", f"{s}{g[0]}", f"{g[0]}{s}", f"{s}.{g[0]}", f"{g}"]
        for local in options if self.rng.random() < 0.6 else self.rng.sample(options, len(options)):
            address = f"{local}@{firm.domain}"
            if address not in self.mailboxes:
                self.mailboxes.add(address)
                return address
        return unused_value(lambda: f"{s}.{g}{self.rng.randint(2, 99)}@{firm.domain}", self.mailboxes)

    def private_address(self, person: Person) -> str:
        g, s = folded(person.given), folded(person.surname)
        domain = self.rng.choice(PRIVATE_MAIL)
        return unused_value(
            lambda: (
                f"{self.rng.choice([s, g])}{self.rng.choice(['.', '_', ''])}{self.rng.choice([g, s, g[0]])}"
                f"{self.rng.randint(1, 99)}@{domain}"
            ),
            self.mailboxes,
        )

    def record_id(self) -> str:
        return unused_value(lambda: salesforce_id("003", self.rng), self.ids)

    def crm_form(self, person: Person) -> str:
        if not person.husband:
            return "own"
        return self.rng.choice(["own", "ne", "ne", "his"])

    def hold(self, person: Person, form: str = "") -> dict:
        firm = person.firm
        form = form or self.crm_form(person)
        person.held_form = form
        first, last = person.names(form)
        roll = self.rng.random()
        if roll < 0.1 and form != "after":  # the Hungarian order typed into the two fields
            first, last = last, first
        elif roll < 0.25:
            table = self.rng.choice([*LATIN1, None])
            first, last = (
                (latin1(first, table), latin1(last, table))
                if table
                else (unaccented(first), unaccented(last))
            )
        created = self.now - timedelta(days=self.rng.randint(30, 3600))
        email_roll = self.rng.random()
        row = {
            CRM_ID: self.record_id(),
            "AccountId": firm.account_id,
            "Account.Name": firm.name,
            "Salutation": "Dr."
            if person.doctor
            else self.rng.choice(["", "", "Mr." if not person.female else "Ms."]),
            "FirstName": first,
            "LastName": last,
            "Title": self.rng.choice(SF_NAME_PREFIXES + TITLES),
            "Email": person.email if email_roll < 0.75 else (person.private if email_roll < 0.85 else ""),
            "Phone": self.written(person.direct) if person.direct else "",
            "MobilePhone": self.written(person.mobile) if self.rng.random() < 0.75 else "",
            "MailingStreet": firm.street if self.rng.random() < 0.7 else "",
            "MailingPostalCode": firm.postcode if self.rng.random() < 0.7 else "",
            "MailingCity": firm.place.city,
            "MailingCountry": self.rng.choice(SF_COUNTRY),
            "OwnerId": self.rng.choice(OWNERS),
            "CreatedDate": created.strftime("%Y-%m-%dT%H:%M:%S.000+0000"),
        }
        person.contact = row
        self.crm_rows.append(row)
        return row

    def build_crm(self) -> None:
        while len(self.people) < self.target:
            if self.rng.random() < 0.25:  # a family firm: the owner, now and then his wife or a sibling
                given, surname = self.rng.choice(list(MALE)), self.rng.choice(SURNAMES)
                firm = self.firm(owner=(given, surname))
                owner = self.person(firm, given=given, surname=surname, female=False)
                owner.doctor = False
                if self.rng.random() < 0.25:  # his wife, named after him, held beside him
                    wife = self.person(
                        firm, female=True, surname=self.rng.choice([x for x in SURNAMES if x != surname])
                    )
                    wife.husband = (given, surname)
                    wife.wholly_his = True
                    wife.email = self.work_address(wife, form="his")
                elif self.rng.random() < 0.15:
                    self.person(firm, surname=surname)
                continue
            firm = self.firm()
            for _ in range(self.rng.choice([1, 1, 2, 3, 4, 6, 9])):
                self.person(firm)
        for given, surname in COMMON * 2:
            firm = self.rng.choice([f for f in self.firms if not f.family
                                    and (folded(given), folded(surname)) not in self.names_at(f)])  # fmt: skip
            self.person(firm, given=given, surname=surname, female=given in FEMALE)
        for person in self.people:
            self.hold(person, "after" if person.wholly_his else "")
        for (
            firm
        ) in self.firms:  # the firm's line on one contact: a family firm's owner, a larger firm's anyone
            holders = [p for p in self.people if p.firm is firm and not p.direct and not p.female]
            holders = holders or [p for p in self.people if p.firm is firm and not p.direct]
            if not holders:
                continue
            holder = holders[0] if firm.family else self.rng.choice(holders)
            if firm.family or self.rng.random() < 0.5:
                holder.contact["Phone"] = self.written(firm.line)
            if firm.family:  # the owner's own mobile always held: what tells him from a son of his name
                holder.contact["MobilePhone"] = holder.contact["MobilePhone"] or self.written(holder.mobile)
        for person in self.people:  # a wife held after her husband: her own mobile, what tells her from him
            if person.wholly_his:
                person.contact["MobilePhone"] = person.contact["MobilePhone"] or self.written(person.mobile)

    # -- the Hungarian CRM's export ---------------------------------------------------------------------------

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
        return self.name_counts.get((folded(person.given), folded(person.surname)), 0) == 1

    def owner(self, person: Person) -> bool:
        return person.firm.family and not person.female and person.contact["Phone"] != ""

    def plain(self, person: Person) -> bool:
        return (
            not self.common(person)
            and not person.firm.family
            and not person.husband
            and person.surname not in GIVEN_AS_SURNAME
        )

    def prospect(self, category: str, truth: list[str], person: Person, *, given: str = "", surname: str = "",
                 firm: Firm | None = None, western: bool | None = None, **fields) -> None:  # fmt: skip
        firm = firm or person.firm
        if not given:
            given, surname = person.names(person.held_form)
        roll = self.rng.random()
        if roll < 0.08:
            table = self.rng.choice(LATIN1)
            given, surname = latin1(given, table), latin1(surname, table)
        elif roll < 0.15:
            given, surname = unaccented(given), unaccented(surname)
        if western is None:
            western = self.rng.random() < 0.12 and not given.endswith("né")
        whole = f"{given} {surname}" if western else f"{surname} {given}"
        if person.prefix:
            whole = f"{person.prefix} {whole}"
        if person.doctor and self.rng.random() < 0.7:
            whole = f"{self.rng.choice(['dr.', 'Dr.', 'dr'])} {whole}"
        split = self.rng.random() < 0.4 and not western
        created = self.now - timedelta(days=self.rng.randint(0, 300), minutes=self.rng.randint(0, 900))
        row = {
            "Név": whole,
            "Vezetéknév": surname if split else "",
            "Keresztnév": given if split else "",
            "Cégnév": self.rng.choice([firm.name, firm.short]),
            "Adószám": self.written_tax(firm) if self.rng.random() < 0.5 else "",
            "Beosztás": self.rng.choice(TITLES) if self.rng.random() < 0.6 else "",
            "E-mail": "",
            "Telefon": "",
            "Mobil": "",
            "Irányítószám": firm.postcode if self.rng.random() < 0.5 else "",
            "Város": firm.place.city if self.rng.random() < 0.9 else unaccented(firm.place.city),
            "Cím": firm.street if self.rng.random() < 0.4 else "",
            "Ország": self.rng.choice(COUNTRY_NAMES),
            "Felelős": self.rng.choice(FELELOSOK),
            "Címkék": self.rng.choice(TAGS),
            "Létrehozva": created.strftime("%Y.%m.%d %H:%M"),
        }
        row.update(fields)
        case = GeneratedCase(category, row, tuple(truth))
        case.external_id = unused_value(lambda: str(self.rng.randint(10_000, 999_999)), self.ids)
        self.cases.append(case)

    def held_mobile(self, person: Person) -> bool:
        return bool(person.contact["MobilePhone"])

    def held_key(self, person: Person) -> dict:
        if person.contact["Email"] and (self.rng.random() < 0.5 or not self.held_mobile(person)):
            return {"E-mail": person.contact["Email"]}
        return {"Mobil": self.written(person.mobile)}

    def keyed(self, person: Person) -> bool:
        return bool(person.contact["Email"]) or self.held_mobile(person)

    def other_email(self, person: Person) -> str:
        return person.private if self.rng.random() < 0.4 and person.contact["Email"] != person.private else ""

    # IN

    def mobile_held(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: self.held_mobile(p) and self.plain(p))
            self.prospect("mobile_held", [person.contact[CRM_ID]], person,
                          **{"Mobil": self.written(person.mobile), "E-mail": self.other_email(person)})  # fmt: skip

    def work_email(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: p.contact["Email"] == p.email and self.plain(p))
            telefon = self.written(person.firm.line) if self.rng.random() < 0.3 else ""
            self.prospect("work_email", [person.contact[CRM_ID]], person, Telefon=telefon,
                          **{"E-mail": person.email})  # fmt: skip

    def name_order(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.keyed(p) and self.plain(p))
            held_swapped = person.contact["FirstName"] and folded(person.contact["FirstName"]) == folded(
                person.surname
            )
            self.prospect("name_order", [person.contact[CRM_ID]], person, western=not held_swapped,
                          **self.held_key(person))  # fmt: skip

    def accent_forms(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.keyed(p) and self.plain(p)
                               and any(c in p.given + p.surname for c in "őűŐŰ"))  # fmt: skip
            held = person.contact["FirstName"] + person.contact["LastName"]
            given, surname = person.given, person.surname
            if any(
                c in held for c in "őű"
            ):  # Salesforce has the letters: the row as a Latin-1 system kept it
                table = self.rng.choice([*LATIN1, None])
                given, surname = (
                    (latin1(given, table), latin1(surname, table))
                    if table
                    else (unaccented(given), unaccented(surname))
                )
            self.prospect("accent_forms", [person.contact[CRM_ID]], person, given=given, surname=surname,
                          **self.held_key(person))  # fmt: skip

    def diminutive(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.keyed(p) and self.plain(p)
                               and (FEMALE if p.female else MALE).get(p.given))  # fmt: skip
            short = (FEMALE if person.female else MALE)[person.given]
            self.prospect("diminutive", [person.contact[CRM_ID]], person, given=short, surname=person.surname,
                          **self.held_key(person))  # fmt: skip

    def married_name(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.husband and not p.wholly_his
                               and (self.held_mobile(p) or p.contact["Email"] == p.private))  # fmt: skip
            form = self.rng.choice([f for f in ("own", "ne", "his") if f != person.held_form])
            given, surname = person.names(form)
            if person.contact["Email"] == person.private and (
                self.rng.random() < 0.5 or not self.held_mobile(person)
            ):
                key = {"E-mail": person.private}
            else:
                key = {"Mobil": self.written(person.mobile)}
            self.prospect(
                "married_name", [person.contact[CRM_ID]], person, given=given, surname=surname, **key
            )

    def wife_held(self) -> None:
        for _ in range(self.per // 4):
            wife = self.pick(lambda p: p.wholly_his)
            key = self.held_key(wife)
            telefon = self.written(wife.firm.line) if self.rng.random() < 0.4 else ""
            self.prospect("wife_held", [wife.contact[CRM_ID]], wife, Telefon=telefon, **key)

    def senior_held(self) -> None:
        for _ in range(self.per // 2):
            owner = self.pick(lambda p: self.owner(p))
            owner.prefix = self.rng.choice(["", "", "id.", "id"])
            self.prospect("senior_held", [owner.contact[CRM_ID]], owner, Telefon=self.written(owner.firm.line),
                          **self.held_key(owner))  # fmt: skip
            owner.prefix = ""

    def job_change(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.held_mobile(p) and self.plain(p))
            place = person.firm.place if self.rng.random() < 0.7 else self.rng.choice(PLACES)
            new_firm = self.firm(place)
            self.prospect("job_change", [person.contact[CRM_ID]], person, firm=new_firm,
                          Telefon=self.written(new_firm.line),
                          **{"Mobil": self.written(person.mobile), "E-mail": self.work_address(person, new_firm)})  # fmt: skip

    def direct_line(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.direct and self.unique(p) and self.plain(p))
            self.prospect("direct_line", [person.contact[CRM_ID]], person, Telefon=self.written(person.direct),
                          **{"E-mail": self.other_email(person)})  # fmt: skip

    def name_company_city(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.unique(p) and self.plain(p))
            self.prospect("name_company_city", [person.contact[CRM_ID]], person)

    # OUT

    def wife_named_after_husband(self) -> None:
        for _ in range(self.per):
            owner = self.pick(
                lambda p: self.owner(p) and not any(w.wholly_his for w in self.people if w.firm is p.firm)
            )
            wife = self.person(owner.firm, female=True, keep=False,
                               surname=self.rng.choice([x for x in SURNAMES if x != owner.surname]))  # fmt: skip
            wife.husband = (owner.given, owner.surname)
            wife.doctor = False
            fields = {"Mobil": self.written(wife.mobile)} if self.rng.random() < 0.5 else {}
            email = self.rng.choice([f"iroda@{owner.firm.domain}", self.work_address(wife, form="his"),
                                     wife.private, ""])  # fmt: skip
            given, surname = wife.names("after")
            self.prospect("wife_named_after_husband", [], wife, given=given, surname=surname,
                          Telefon=self.written(owner.firm.line), **fields, **{"E-mail": email})  # fmt: skip

    def junior_namesake(self) -> None:
        for _ in range(self.per // 2):
            father = self.pick(lambda p: self.owner(p))
            son = self.person(father.firm, given=father.given, surname=father.surname, female=False, keep=False,
                              namesake=True)  # fmt: skip
            son.doctor = False
            son.prefix = self.rng.choice(["", "ifj.", "ifj.", "ifj"])
            self.prospect("junior_namesake", [], son, Telefon=self.written(father.firm.line),
                          **{"Mobil": self.written(son.mobile),
                             "E-mail": self.rng.choice([son.email, son.private, ""])})  # fmt: skip

    def relative_firm_line(self) -> None:
        for _ in range(self.per // 2):
            owner = self.pick(lambda p: self.owner(p))
            kind = self.rng.choice(["wife", "daughter", "son", "brother"])
            if kind == "wife":
                relative = self.person(owner.firm, female=True, keep=False,
                                       surname=self.rng.choice([x for x in SURNAMES if x != owner.surname]))  # fmt: skip
                relative.husband = (owner.given, owner.surname)
                form = self.rng.choice(["own", "ne"])
            else:
                female = kind == "daughter"
                names = [g for g in (FEMALE if female else MALE) if g != owner.given]
                relative = self.person(owner.firm, given=self.rng.choice(names), surname=owner.surname,
                                       female=female, keep=False)  # fmt: skip
                form = "own"
            given, surname = relative.names(form)
            fields = {"Mobil": self.written(relative.mobile)} if self.rng.random() < 0.6 else {}
            self.prospect("relative_firm_line", [], relative, given=given, surname=surname,
                          Telefon=self.written(owner.firm.line), **fields,
                          **{"E-mail": self.rng.choice([relative.email, relative.private, ""])})  # fmt: skip

    def namesake_other_firm(self) -> None:
        for _ in range(self.per // 2):
            held = self.rng.choice([p for p in self.people if p.contact and self.common(p)])
            firm = self.rng.choice([f for f in self.firms if not f.family and f is not held.firm
                                    and (folded(held.given), folded(held.surname)) not in self.names_at(f)])  # fmt: skip
            person = self.person(firm, given=held.given, surname=held.surname, female=held.female, keep=False)
            person.husband = None
            self.prospect("namesake_other_firm", [], person, **{"Mobil": self.written(person.mobile),
                          "E-mail": person.email if self.rng.random() < 0.7 else ""})  # fmt: skip

    def colleague_switchboard(self) -> None:
        for _ in range(self.per // 2):
            holder = self.pick(lambda p: not p.firm.family and not p.direct and p.contact["Phone"])
            person = self.person(holder.firm, keep=False)
            person.husband = None
            self.prospect("colleague_switchboard", [], person, Telefon=self.written(holder.firm.line),
                          **{"E-mail": person.email if self.rng.random() < 0.5 else ""})  # fmt: skip

    def not_in_crm(self) -> None:
        for _ in range(self.per * 2):
            firm = (
                self.firm()
                if self.rng.random() < 0.6
                else self.rng.choice([f for f in self.firms if not f.family])
            )
            person = self.person(firm, keep=False)
            person.husband = None
            fields = {"Mobil": self.written(person.mobile)} if self.rng.random() < 0.7 else {}
            self.prospect("not_in_crm", [], person, **fields,
                          **{"E-mail": person.email if self.rng.random() < 0.6 else person.private})  # fmt: skip

    def build(self) -> GeneratedCases:
        self.build_crm()
        for category in (
            self.wife_named_after_husband, self.junior_namesake, self.relative_firm_line, self.wife_held,
            self.senior_held, self.namesake_other_firm, self.colleague_switchboard, self.married_name,
            self.mobile_held, self.work_email, self.name_order, self.accent_forms, self.diminutive,
            self.job_change, self.direct_line, self.name_company_city, self.not_in_crm,
        ):  # fmt: skip
            category()
        self.rng.shuffle(self.cases)
        return GeneratedCases.shuffled(self.rng, self.crm_rows, self.cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# Splink reads Salesforce's first and last names and the Hungarian CRM's split ones (else its whole name split
# family name first: the first word the last name), without accents, the email, the mobile's last nine digits
# (else the phone's) on both sides, the company, the postcode and the city.
_FOLD = "lower(strip_accents(trim({})))"
_NAME_PREFIXES = "^(?:(?:dr|ifj|id)\\.?\\s+)*"
_GIVEN = f"""coalesce(nullif("Keresztnév", ''), regexp_replace("Név", '{_NAME_PREFIXES}\\S+\\s*', '', 'i'))"""
_FAMILY = f"""coalesce(nullif("Vezetéknév", ''), regexp_extract("Név", '{_NAME_PREFIXES}(\\S+)', 1, 'i'))"""
_DIGITS = "nullif(right(regexp_replace(coalesce(nullif({}, ''), {}, ''), '[^0-9]', '', 'g'), 9), '')"
PERSON_SQL = {
    "crm": f"""
        SELECT "{CRM_ID}" AS unique_id,
               nullif({_FOLD.format('"FirstName"')}, '') AS first_name,
               nullif({_FOLD.format('"LastName"')}, '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               {_DIGITS.format('"MobilePhone"', '"Phone"')} AS phone,
               nullif({_FOLD.format('"Account.Name"')}, '') AS company,
               nullif(trim("MailingPostalCode"), '') AS zip,
               nullif({_FOLD.format('"MailingCity"')}, '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{INBOUND_ID}" AS unique_id,
               nullif({_FOLD.format(_GIVEN)}, '') AS first_name,
               nullif({_FOLD.format(_FAMILY)}, '') AS last_name,
               nullif(lower(trim("E-mail")), '') AS email,
               {_DIGITS.format('"Mobil"', '"Telefon"')} AS phone,
               nullif({_FOLD.format('"Cégnév"')}, '') AS company,
               nullif(trim("Irányítószám"), '') AS zip,
               nullif({_FOLD.format('"Város"')}, '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}

SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="salesforce",
        inbound_file="kontaktok",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id=INBOUND_ID,
        cli_options=[
            "--provider",
            "salesforce",
            "--object",
            "Contact",
            "--kind",
            "person",
            "--id-column",
            CRM_ID,
        ],
        splink_kind="person",
        sql=PERSON_SQL,
        source="Salesforce Contacts (a supplier in Hungary) <- a Hungarian CRM's contacts export",
    )
]


if __name__ == "__main__":
    run_generated("identity53", SUITES, seed=531, people=2400, orgs=0, per_category=40)
