"""A fiftieth record set: Salesforce Contacts of a software company selling in Poland and Czechia, linked from a
Livespace persons export in Polish.

    python benchmarks/identity_fiftieth.py [--people 2400] [--per-category 40] [--seed 501] [--skip-splink]
                                           [--keep DIR]

A maker of warehouse and invoicing software, based in Wrocław with an office in Brno, sells to manufacturers,
wholesalers, transport firms and family businesses in Poland and Czechia. Its account managers work in
Salesforce; the inside-sales team in Poland keeps its prospects in Livespace, a Polish CRM set to Polish. Before a
campaign, Livespace's persons are linked to Salesforce's Contacts.

The CRM side is a Salesforce Contact export under the API field names of the SOQL query, as the other Salesforce
sets write it (`Id`, `AccountId`, `Account.Name`, `Salutation`, `FirstName`, `LastName`, `Title`, `Email`,
`Phone`, `MobilePhone`, `MailingStreet`, `MailingPostalCode`, `MailingCity`, `MailingCountry`, `OwnerId`,
`CreatedDate`). Names as reps type them: with the Polish and Czech letters, or without them when typed on a
keyboard without the Polish layout ("Lukasz Walesa", "Jiri Dvorak"); a woman's surname in its feminine form
(Kowalska beside her husband's Kowalski, Nováková beside Novák; Nowak, Wójcik, Mazur the same for both); a
married woman held under her maiden name or a double-barrelled one ("Kowalska-Nowak"). `Phone` holds the
person's direct line or, on one contact of a firm, its switchboard; `MobilePhone` the person's mobile. Polish
numbers have nine digits after +48 and no trunk prefix, a landline's area code inside them ("+48 22 123 45 67",
"(22) 123 45 67", "22 1234567"), a mobile written "+48 601 234 567", "601-234-567" or "601234567"; Czech ones
nine digits after +420 ("+420 602 123 456").

The inbound side is a Livespace persons export from the Polish-language account. Livespace's import help says
how it recognises a person and a company in a file (checked with the search tool: support.livespace.io
`/pl/articles/5151206-import-danych-z-pliku-xls-ods-csv`: companies by NIP, then REGON, then name; persons by
first name, last name and company, or by first name, last name and their phones and e-mail addresses). The
columns are written under the Polish labels Polish contact files use (checked with the search tool: Autenti's
contact-import help, help.autenti.com/pl/knowledge/jak-zaimportowac-liste-kontaktow: Imię, Nazwisko, Nazwa
firmy, Numer NIP, Stanowisko, numer telefonu komórkowego, Kod pocztowy, Miasto; fireTMS's contractor import,
pomoc.firetms.com `.../1000322085-import-kontrahentow-z-pliku-csv`: Nazwa, Ulica i numer, Kod pocztowy, Miasto,
Numer NIP, "Osoba kontaktowa - imię / nazwisko / tel. komórkowy / e-mail"; SurveyLab's: Imię, Nazwisko,
Telefon): `ID`, `Imię`, `Nazwisko`, `Firma`, `NIP` (the firm's tax number, ten digits with its checksum, written
"527-123-45-67", "5271234567" or "PL5271234567"; a Czech firm's DIČ "CZ12345678"), `Stanowisko`, `Telefon` (the
work number, often the firm's), `Telefon komórkowy`, `E-mail`, `Ulica`, `Kod pocztowy` ("50-123"; Czech "602 00"),
`Miasto`, `Kraj`, `Opiekun`, `Tagi`, `Data utworzenia`. A lead's given name as the lead gave it: a diminutive
Polish people sign with (Kasia for Katarzyna, Gosia for Małgorzata, Tomek for Tomasz, Basia for Barbara,
Krzysiek for Krzysztof; Czech Honza for Jan, Jirka for Jiří), with or without the Polish letters.

Categories, each with its truth (the Salesforce Contact, or none). IN:
- `mobile_held`: the mobile Salesforce holds (another writing); the name, letters typed or dropped.
- `work_email`: the address Salesforce holds; the name.
- `polish_letters`: one side has the Polish (or Czech) letters, the other none ("Łukasz Wałęsa" / "Lukasz
  Walesa", "Jiří Dvořák" / "Jiri Dvorak"); the held mobile or address.
- `diminutive`: the given name as a diminutive Polish or Czech people use (Kasia, Gosia, Tomek, Basia, Krzysiek,
  Honza ...); the held mobile or address.
- `married_name`: a woman whom Salesforce holds under her maiden name, now under her husband's (or both,
  hyphenated); her held mobile or private address.
- `job_change`: the person moved to another firm: new firm, new work address and the new firm's line; the held
  mobile.
- `direct_line`: a person's direct landline Salesforce holds, written another way; names agree; no other key.
- `name_company_city`: no number or address Salesforce holds; the full name, the firm and its city (never a
  name Salesforce holds twice).
OUT (truth none):
- `spouse_firm_line`: the wife or husband of a family firm's owner Salesforce holds: the feminine or the same
  surname, a given name of the other sex that may share its first letters (Jan / Janina, Paweł / Paulina,
  Daniel / Daniela, Czech Jan / Jana); the firm's line, their own mobile or none, the firm's biuro@ mailbox or
  their own.
- `son_namesake`: the owner's son of the same given name and surname, "junior" or "jr" after it now and then:
  the firm's line and his own mobile; Salesforce holds the father with the firm's line and the father's mobile.
- `relative_firm_line`: the owner's daughter, son or brother (another given name, the surname in its form for
  their sex): the firm's line, their own mobile or none.
- `namesake_other_firm`: a common name (Anna Nowak, Piotr Kowalski, Katarzyna Wiśniewska, Jan Novák ...)
  Salesforce holds at another firm; their own mobile and address.
- `colleague_switchboard`: a colleague Salesforce does not hold, giving the firm's switchboard, held on one
  contact.
- `not_in_crm`: prospects Salesforce does not hold, at new or known firms.

Fairness: a careful reader can tell each row. A mobile is one person's; a firm's line is the firm's; Salesforce
holds each family firm's owner with his own mobile, and a son's row always carries his own; a name without a key
is never one Salesforce holds twice; a married woman's row keeps her given name and the key Salesforce holds.
Not made: the vocative and other case forms (an export holds the nominative; they appear in a letter's
greeting, not in a column); a son whose row has only the firm's line and his name. Written from scratch (only
`identity_quality`'s interfaces). Every seed deterministic.
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
INBOUND_ID = "ID"
INBOUND_COLUMNS = [
    INBOUND_ID, "Imię", "Nazwisko", "Firma", "NIP", "Stanowisko", "Telefon", "Telefon komórkowy", "E-mail", "Ulica",
    "Kod pocztowy", "Miasto", "Kraj", "Opiekun", "Tagi", "Data utworzenia",
]  # fmt: skip

# -- names ------------------------------------------------------------------------------------------------------

# Given names (male, female) with the diminutive their bearers sign with where one is common.
PL_MALE = {"Piotr": "Piotrek", "Krzysztof": "Krzysiek", "Tomasz": "Tomek", "Andrzej": "Jędrek", "Paweł": "",
           "Michał": "", "Marcin": "", "Jakub": "Kuba", "Łukasz": "", "Grzegorz": "Grzesiek", "Adam": "",
           "Mateusz": "Mateusz", "Marek": "", "Wojciech": "Wojtek", "Bartosz": "Bartek", "Dariusz": "Darek",
           "Rafał": "", "Sławomir": "Sławek", "Zbigniew": "Zbyszek", "Jerzy": "Jurek", "Stanisław": "Staszek",
           "Jan": "Janek", "Józef": "", "Daniel": "", "Kamil": "", "Robert": "", "Przemysław": "Przemek",
           "Bogdan": "", "Maciej": "Maciek"}  # fmt: skip
PL_FEMALE = {"Anna": "Ania", "Katarzyna": "Kasia", "Małgorzata": "Gosia", "Agnieszka": "Aga", "Barbara": "Basia",
             "Ewa": "", "Magdalena": "Magda", "Joanna": "Asia", "Aleksandra": "Ola", "Monika": "", "Zofia": "Zosia",
             "Elżbieta": "Ela", "Dorota": "", "Beata": "", "Jolanta": "Jola", "Izabela": "Iza", "Justyna": "",
             "Marta": "", "Paulina": "", "Janina": "", "Daniela": "", "Bogdana": "", "Józefa": "",
             "Grażyna": "", "Urszula": "Ula", "Teresa": "", "Weronika": "", "Łucja": ""}  # fmt: skip
CZ_MALE = {"Jan": "Honza", "Jiří": "Jirka", "Petr": "", "Josef": "Pepa", "Pavel": "", "Tomáš": "", "Martin": "",
           "Jaroslav": "Jarda", "Miroslav": "Mirek", "Zdeněk": "", "Václav": "Vašek", "Michal": "",
           "František": "Franta", "Lukáš": "", "Ondřej": ""}  # fmt: skip
CZ_FEMALE = {"Jana": "", "Marie": "", "Eva": "", "Hana": "", "Lenka": "", "Kateřina": "Katka", "Lucie": "",
             "Petra": "", "Veronika": "", "Michaela": "Míša", "Tereza": "", "Zuzana": "Zuzka", "Markéta": ""}  # fmt: skip
# The given name of the other sex that shares its first letters (a husband and wife, a brother and sister).
PAIRED = {"Jan": "Janina", "Paweł": "Paulina", "Daniel": "Daniela", "Bogdan": "Bogdana", "Józef": "Józefa",
          "Stanisław": "Stanisława", "Michał": "Michalina"}  # fmt: skip
CZ_PAIRED = {"Jan": "Jana", "Petr": "Petra", "Michal": "Michaela", "Martin": "Martina", "Pavel": "Pavla"}
# Polish surnames: (masculine, feminine); the same for both where the name has no gender.
PL_SURNAMES = [
    ("Nowak", "Nowak"), ("Kowalski", "Kowalska"), ("Wiśniewski", "Wiśniewska"), ("Wójcik", "Wójcik"),
    ("Kowalczyk", "Kowalczyk"), ("Kamiński", "Kamińska"), ("Lewandowski", "Lewandowska"),
    ("Zieliński", "Zielińska"), ("Szymański", "Szymańska"), ("Woźniak", "Woźniak"), ("Dąbrowski", "Dąbrowska"),
    ("Kozłowski", "Kozłowska"), ("Jankowski", "Jankowska"), ("Mazur", "Mazur"), ("Kwiatkowski", "Kwiatkowska"),
    ("Krawczyk", "Krawczyk"), ("Piotrowski", "Piotrowska"), ("Grabowski", "Grabowska"), ("Nowakowski", "Nowakowska"),
    ("Pawłowski", "Pawłowska"), ("Michalski", "Michalska"), ("Nowicki", "Nowicka"), ("Adamczyk", "Adamczyk"),
    ("Dudek", "Dudek"), ("Zając", "Zając"), ("Wieczorek", "Wieczorek"), ("Jabłoński", "Jabłońska"),
    ("Król", "Król"), ("Majewski", "Majewska"), ("Olszewski", "Olszewska"), ("Jaworski", "Jaworska"),
    ("Wróbel", "Wróbel"), ("Malinowski", "Malinowska"), ("Pawlak", "Pawlak"), ("Witkowski", "Witkowska"),
    ("Walczak", "Walczak"), ("Stępień", "Stępień"), ("Górski", "Górska"), ("Rutkowski", "Rutkowska"),
    ("Sikora", "Sikora"), ("Ostrowski", "Ostrowska"), ("Baran", "Baran"), ("Duda", "Duda"),
    ("Szewczyk", "Szewczyk"), ("Tomaszewski", "Tomaszewska"), ("Pietrzak", "Pietrzak"), ("Wróblewski", "Wróblewska"),
    ("Zalewski", "Zalewska"), ("Jasiński", "Jasińska"), ("Zawadzki", "Zawadzka"), ("Sadowski", "Sadowska"),
    ("Bąk", "Bąk"), ("Chmielewski", "Chmielewska"), ("Włodarczyk", "Włodarczyk"), ("Czarnecki", "Czarnecka"),
    ("Sawicki", "Sawicka"), ("Sokołowski", "Sokołowska"), ("Kubiak", "Kubiak"), ("Maciejewski", "Maciejewska"),
    ("Kucharski", "Kucharska"), ("Wilk", "Wilk"), ("Kaźmierczak", "Kaźmierczak"), ("Głowacki", "Głowacka"),
    ("Wałęsa", "Wałęsa"), ("Kołodziej", "Kołodziej"), ("Ziółkowski", "Ziółkowska"), ("Żak", "Żak"),
]  # fmt: skip
CZ_SURNAMES = [
    ("Novák", "Nováková"), ("Svoboda", "Svobodová"), ("Novotný", "Novotná"), ("Dvořák", "Dvořáková"),
    ("Černý", "Černá"), ("Procházka", "Procházková"), ("Kučera", "Kučerová"), ("Veselý", "Veselá"),
    ("Horák", "Horáková"), ("Němec", "Němcová"), ("Pokorný", "Pokorná"), ("Pospíšil", "Pospíšilová"),
    ("Hájek", "Hájková"), ("Jelínek", "Jelínková"), ("Král", "Králová"), ("Růžička", "Růžičková"),
    ("Beneš", "Benešová"), ("Fiala", "Fialová"), ("Sedláček", "Sedláčková"), ("Doležal", "Doležalová"),
    ("Zeman", "Zemanová"), ("Kolář", "Kolářová"), ("Navrátil", "Navrátilová"), ("Čermák", "Čermáková"),
]  # fmt: skip
# Names held for one person at one firm and met again at another (the hard negatives).
COMMON = [("PL", "Anna", "Nowak"), ("PL", "Piotr", "Kowalski"), ("PL", "Katarzyna", "Wiśniewska"),
          ("PL", "Tomasz", "Wójcik"), ("PL", "Krzysztof", "Kamiński"), ("PL", "Małgorzata", "Lewandowska"),
          ("CZ", "Jan", "Novák"), ("CZ", "Jana", "Svobodová")]  # fmt: skip
TITLES = {"PL": ["Prezes Zarządu", "Dyrektor Finansowy", "Kierownik Magazynu", "Główna Księgowa",
                 "Specjalista ds. Zakupów", "Kierownik IT", "Dyrektor Operacyjny", "Właściciel", "Logistyk"],
          "CZ": ["Jednatel", "Finanční ředitel", "Vedoucí skladu", "Účetní", "Nákupčí", "IT manažer"]}  # fmt: skip
SF_TITLES = [
    "CEO",
    "CFO",
    "Warehouse Manager",
    "Chief Accountant",
    "Purchasing Specialist",
    "IT Manager",
    "Owner",
]

# -- places and firms -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    country: str
    city: str
    area: str  # Poland: the two-digit area code; Czechia: the landline's first digits
    postcode: str  # the postcode's first digits


PLACES = [
    Place("PL", "Warszawa", "22", "0"), Place("PL", "Kraków", "12", "3"), Place("PL", "Wrocław", "71", "5"),
    Place("PL", "Poznań", "61", "6"), Place("PL", "Gdańsk", "58", "8"), Place("PL", "Łódź", "42", "9"),
    Place("PL", "Katowice", "32", "4"), Place("PL", "Lublin", "81", "2"), Place("PL", "Białystok", "85", "1"),
    Place("PL", "Szczecin", "91", "7"), Place("PL", "Bydgoszcz", "52", "8"), Place("PL", "Rzeszów", "17", "3"),
    Place("CZ", "Praha", "2", "1"), Place("CZ", "Brno", "54", "6"), Place("CZ", "Ostrava", "59", "7"),
]  # fmt: skip
BRANDS = ["Polmet", "Transbud", "Agromax", "Elektrotim", "Hydrotech", "Bałtyk", "Mazowsze", "Wisła", "Sudety",
          "Karpaty", "Orzeł", "Sokół", "Jantar", "Warta", "Odra", "Tatry", "Pomorze", "Śląsk", "Zefir", "Kolos",
          "Granit", "Inter-Trans", "Drewmax", "Stalprofil", "Budimex-Serwis", "Morava", "Vltava", "Tatra",
          "Elektra", "Strojmetal"]  # fmt: skip
TRADES = {"PL": ["Logistyka", "Hurtownia", "Transport", "Meble", "Opakowania", "Budownictwo", "Serwis", "Dystrybucja",
                 "Produkcja"],
          "CZ": ["Logistika", "Velkoobchod", "Doprava", "Nábytek", "Stavby", "Servis"]}  # fmt: skip
FORMS = {
    "PL": ["Sp. z o.o.", "Sp. z o.o.", "Sp. z o. o.", "S.A.", "sp.j.", "Sp. k."],
    "CZ": ["s.r.o.", "a.s."],
}
COUNTRY_NAMES = {"PL": ["Polska", "PL", "Polska"], "CZ": ["Czechy", "CZ", "Republika Czeska"]}
SF_COUNTRY = {"PL": ["Poland", "Poland", "PL", "Polska"], "CZ": ["Czech Republic", "Czechia", "CZ"]}
TLD = {"PL": ["pl", "com.pl", "pl"], "CZ": ["cz"]}
PRIVATE_MAIL = {"PL": ["gmail.com", "wp.pl", "o2.pl", "onet.pl", "interia.pl", "op.pl"],
                "CZ": ["seznam.cz", "email.cz", "gmail.com", "centrum.cz"]}  # fmt: skip
STREETS = {"PL": ["ul. Piłsudskiego", "ul. Mickiewicza", "ul. Kościuszki", "ul. Sienkiewicza", "ul. Słowackiego",
                  "ul. Legnicka", "al. Jerozolimskie", "ul. Grunwaldzka", "ul. Przemysłowa", "ul. Fabryczna"],
           "CZ": ["Masarykova", "Husova", "Palackého", "Nádražní", "Průmyslová"]}  # fmt: skip
OWNERS = ["0059J000004Ab1QAAS", "0059J000004Ab2RAAS", "0059J000004Ab3SAAS", "0059J000004Ab4TAAS"]
OPIEKUNOWIE = ["Marta Zielińska", "Kamil Dudek", "Ewelina Sroka"]
TAGS = ["", "", "webinar", "Targi LogiMAT", "polecenie", "cold call", "WMS", "faktury"]


def unaccented(text: str) -> str:
    """The name typed without the Polish layout: accents stripped, ł as l (NFKD leaves ł whole)."""
    text = text.replace("ł", "l").replace("Ł", "L")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def folded(text: str) -> str:
    return unaccented(text).lower().replace(" ", "")


def nip_digits(rng: random.Random) -> str:
    """A Polish NIP: a tax office's three digits, six more, and the check digit (weights 6 5 7 2 3 4 5 6 7, mod 11,
    never 10)."""
    weights = (6, 5, 7, 2, 3, 4, 5, 6, 7)
    while True:
        body = f"{rng.randint(101, 999)}" + "".join(str(rng.randint(0, 9)) for _ in range(6))
        check = sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11
        if check < 10:
            return body + str(check)


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
    nip: str
    account_id: str
    street: str
    postcode: str
    family: bool = False


@dataclass(eq=False)
class Person:
    given: str
    surname: str  # in the form for the person's sex
    female: bool
    firm: Firm
    mobile: str = ""  # E.164
    direct: str = ""  # E.164: a direct landline of their own
    email: str = ""
    private: str = ""
    maiden: str = ""  # a married woman's surname before marriage
    suffix: str = ""
    contact: dict | None = None

    @property
    def country(self) -> str:
        return self.firm.place.country


def given_names(country: str, female: bool) -> dict:
    if country == "PL":
        return PL_FEMALE if female else PL_MALE
    return CZ_FEMALE if female else CZ_MALE


def surname_pairs(country: str) -> list:
    return PL_SURNAMES if country == "PL" else CZ_SURNAMES


def surname_form(surname: str, country: str, female: bool) -> str:
    """`surname` (in either form) in the form for a person of that sex."""
    for pair in surname_pairs(country):
        if surname in pair:
            return pair[1] if female else pair[0]
    return surname


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
        self.nips: set[str] = set()
        self.used: set[int] = set()
        self.name_counts: dict | None = None
        self.now = datetime(2026, 12, 1, 9, 0)

    # -- numbers ----------------------------------------------------------------------------------------------

    def number(self, prefix: str, region: str, want_mobile: bool) -> str:
        code = "+48" if region == "PL" else "+420"
        while True:
            digits = prefix + "".join(str(self.rng.randint(0, 9)) for _ in range(9 - len(prefix)))
            number = f"{code}{digits}"
            parsed = phonenumbers.parse(number)
            if not phonenumbers.is_valid_number(parsed) or number in self.numbers:
                continue
            is_mobile = phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.MOBILE
            if is_mobile == want_mobile:
                self.numbers.add(number)
                return number

    def landline(self, place: Place) -> str:
        return self.number(place.area + str(self.rng.randint(2, 8)), place.country, False)

    def new_mobile(self, country: str) -> str:
        if country == "PL":
            prefix = self.rng.choice(["50", "51", "53", "60", "66", "69", "72", "78", "79", "88", "57"])
        else:
            prefix = self.rng.choice(["60", "72", "73", "77", "70"])
        return self.number(prefix, country, True)

    def written(self, e164: str, *, landline: bool = False) -> str:
        """A number as a rep or a prospect writes it."""
        if e164.startswith("+420"):
            n = e164[4:]
            return self.rng.choice([f"+420 {n[:3]} {n[3:6]} {n[6:]}", f"{n[:3]} {n[3:6]} {n[6:]}", f"00420 {n}",
                                    f"+420{n}", n])  # fmt: skip
        n = e164[3:]
        if landline:
            area, local = n[:2], n[2:]
            return self.rng.choice([f"+48 {area} {local[:3]} {local[3:5]} {local[5:]}", f"({area}) {local[:3]} {local[3:5]} {local[5:]}",
                                    f"{area} {local}", f"+48 ({area}) {local}", f"{area} {local[:3]}-{local[3:5]}-{local[5:]}",
                                    f"+48{n}"])  # fmt: skip
        return self.rng.choice([f"+48 {n[:3]} {n[3:6]} {n[6:]}", f"{n[:3]}-{n[3:6]}-{n[6:]}", n, f"{n[:3]} {n[3:6]} {n[6:]}",
                                f"+48{n}", f"0048 {n}", f"+48 {n[:2]} {n[2:5]} {n[5:7]} {n[7:]}"])  # fmt: skip

    def written_nip(self, firm: Firm) -> str:
        if firm.place.country == "CZ":
            return self.rng.choice([firm.nip, f"CZ{firm.nip}"])
        n = firm.nip
        return self.rng.choice([n, f"{n[:3]}-{n[3:6]}-{n[6:8]}-{n[8:]}", f"{n[:3]}-{n[3:5]}-{n[5:7]}-{n[7:]}",
                                f"PL{n}", f"PL {n}"])  # fmt: skip

    # -- firms and people -------------------------------------------------------------------------------------

    def firm(self, place: Place | None = None, *, owner: tuple[str, str] | None = None) -> Firm:
        place = place or self.rng.choice(PLACES)
        country = place.country
        taken = {f.name for f in self.firms}
        for _ in range(500):
            trade = self.rng.choice(TRADES[country])
            form = self.rng.choice(FORMS[country])
            if owner:  # a family business named after its owner
                given, surname = owner
                brand = self.rng.choice(
                    [surname, f"{surname} i Synowie" if country == "PL" else f"{surname} a syn"]
                )
                short = (
                    self.rng.choice([f"P.H.U. {brand}", f"{trade} {brand}"])
                    if country == "PL"
                    else f"{trade} {brand}"
                )
                if (
                    country == "PL" and self.rng.random() < 0.4
                ):  # a sole trader: the owner's name is the firm's
                    short, form = f"{given} {surname} {trade}", ""
            else:
                brand = self.rng.choice(BRANDS)
                short = f"{brand} {trade}" if self.rng.random() < 0.5 else brand
            name = f"{short} {form}".strip()
            if name not in taken:
                break
        else:
            raise RuntimeError("no firm name left")
        base = folded(
            short.replace("P.H.U. ", "phu").replace(" i Synowie", "").replace(" a syn", "")
        ).replace(".", "")
        domains = {f.domain for f in self.firms}
        domain = f"{base}.{self.rng.choice(TLD[country])}"
        while domain in domains:
            domain = f"{base}{self.rng.randint(2, 99)}.{self.rng.choice(TLD[country])}"
        nip = (
            unused_value(lambda: nip_digits(self.rng), self.nips)
            if country == "PL"
            else unused_value(lambda: str(self.rng.randint(10_000_000, 99_999_999)), self.nips)
        )
        street = f"{self.rng.choice(STREETS[country])} {self.rng.randint(1, 180)}"
        postcode = (
            f"{place.postcode}{self.rng.randint(0, 9)}-{self.rng.randint(0, 999):03d}"
            if country == "PL"
            else f"{place.postcode}{self.rng.randint(0, 99):02d} {self.rng.randint(0, 99):02d}"
        )
        firm = Firm(name, short, place, domain, self.landline(place), nip, salesforce_id("001", self.rng), street,
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

    def person(self, firm: Firm, *, given: str = "", surname: str = "", female: bool | None = None,
               keep: bool = True, namesake: bool = False) -> Person:  # fmt: skip
        country = firm.place.country
        for _ in range(300):
            is_female = (self.rng.random() < 0.45) if female is None else female
            g = given or self.rng.choice(list(given_names(country, is_female)))
            s = surname_form(surname, country, is_female) if surname else ""
            if not s:
                pair = self.rng.choice(surname_pairs(country))
                s = pair[1] if is_female else pair[0]
            if not given and not surname and (country, g, s) in COMMON:
                continue
            if namesake or (folded(g), folded(s)) not in self.names_at(firm):
                break
        else:
            raise RuntimeError("no fresh name at the firm")
        person = Person(g, s, is_female, firm)
        person.mobile = self.new_mobile(country)
        if not firm.family and self.rng.random() < 0.25:
            person.direct = self.landline(firm.place)
        person.email = self.work_address(person)
        person.private = self.private_address(person)
        if keep:
            self.people.append(person)
        return person

    def work_address(self, person: Person, firm: Firm | None = None) -> str:
        firm = firm or person.firm
        g, s = folded(person.given), folded(person.surname).replace("-", "")
        options = [f"{g}.{s}", f"{g[0]}.{s}", f"{g[0]}{s}", f"{s}", f"{g}"]
        for local in options if self.rng.random() < 0.6 else self.rng.sample(options, len(options)):
            address = f"{local}@{firm.domain}"
            if address not in self.mailboxes:
                self.mailboxes.add(address)
                return address
        return unused_value(lambda: f"{g}.{s}{self.rng.randint(2, 99)}@{firm.domain}", self.mailboxes)

    def private_address(self, person: Person) -> str:
        g, s = folded(person.given), folded(person.surname)
        domain = self.rng.choice(PRIVATE_MAIL[person.country])
        return unused_value(
            lambda: (
                f"{self.rng.choice([g, g[0]])}{self.rng.choice(['.', '_', ''])}{s}{self.rng.randint(1, 99)}@{domain}"
            ),
            self.mailboxes,
        )

    def record_id(self) -> str:
        return unused_value(lambda: salesforce_id("003", self.rng), self.ids)

    def hold(self, person: Person) -> dict:
        firm = person.firm
        given, surname = person.given, person.maiden or person.surname
        if self.rng.random() < 0.15:  # typed without the Polish (Czech) layout
            given, surname = unaccented(given), unaccented(surname)
        created = self.now - timedelta(days=self.rng.randint(30, 3000))
        roll = self.rng.random()
        email = person.email if roll < 0.75 else (person.private if roll < 0.85 else "")
        row = {
            CRM_ID: self.record_id(),
            "AccountId": firm.account_id,
            "Account.Name": firm.name,
            "Salutation": (("Ms." if person.female else "Mr.") if self.rng.random() < 0.4 else ""),
            "FirstName": given,
            "LastName": surname,
            "Title": self.rng.choice(SF_TITLES + TITLES[person.country]) if self.rng.random() < 0.7 else "",
            "Email": email,
            "Phone": self.written(person.direct, landline=True) if person.direct else "",
            "MobilePhone": self.written(person.mobile) if self.rng.random() < 0.8 else "",
            "MailingStreet": firm.street if self.rng.random() < 0.6 else "",
            "MailingPostalCode": firm.postcode if self.rng.random() < 0.6 else "",
            "MailingCity": firm.place.city if self.rng.random() < 0.8 else unaccented(firm.place.city),
            "MailingCountry": self.rng.choice(SF_COUNTRY[person.country]),
            "OwnerId": self.rng.choice(OWNERS),
            "CreatedDate": created.strftime("%Y-%m-%dT%H:%M:%S.000+0000"),
        }
        person.contact = row
        self.crm_rows.append(row)
        return row

    def build_crm(self) -> None:
        while len(self.people) < self.target:
            place = self.rng.choice(PLACES)
            if self.rng.random() < 0.25:  # a family business: the owner, now and then a sibling or a child
                pair = self.rng.choice(surname_pairs(place.country))
                given = self.rng.choice(list(given_names(place.country, False)))
                firm = self.firm(place, owner=(given, pair[0]))
                self.person(firm, given=given, surname=pair[0], female=False)
                if self.rng.random() < 0.2:
                    self.person(firm, surname=pair[0])
                continue
            firm = self.firm(place)
            for _ in range(self.rng.choice([1, 1, 2, 3, 4, 6, 9])):
                self.person(firm)
        for country, given, surname in COMMON * 2:
            female = given in given_names(country, True)
            firm = self.rng.choice([f for f in self.firms if f.place.country == country and not f.family
                                    and (folded(given), folded(surname)) not in self.names_at(f)])  # fmt: skip
            self.person(firm, given=given, surname=surname, female=female)
        for person in self.people:  # a married woman now and then held under her maiden name
            if (
                person.female
                and person.country == "PL"
                and not self.common(person)
                and self.rng.random() < 0.12
            ):
                pair = self.rng.choice([p for p in PL_SURNAMES if person.surname not in p])
                person.maiden = pair[1]
                # her mailboxes from the years Salesforce knew her under her maiden name
                married, person.surname = person.surname, person.maiden
                person.email, person.private = self.work_address(person), self.private_address(person)
                person.surname = married
        for person in self.people:
            self.hold(person)
        for (
            firm
        ) in self.firms:  # the firm's line on one contact: a family firm's owner, a larger firm's anyone
            holders = [p for p in self.people if p.firm is firm and not p.direct]
            if not holders:
                continue
            holder = holders[0] if firm.family else self.rng.choice(holders)
            if firm.family or self.rng.random() < 0.5:
                holder.contact["Phone"] = self.written(firm.line, landline=True)
            if firm.family:  # the owner's own mobile always held: what tells him from a son of his name
                holder.contact["MobilePhone"] = holder.contact["MobilePhone"] or self.written(holder.mobile)

    # -- the Livespace export ---------------------------------------------------------------------------------

    def pick(self, test) -> Person:
        pool = [p for p in self.people if id(p) not in self.used and p.contact and test(p)]
        person = self.rng.choice(pool)
        self.used.add(id(person))
        return person

    def common(self, person: Person) -> bool:
        return (person.country, person.given, person.surname) in COMMON

    def unique(self, person: Person) -> bool:
        if self.name_counts is None:
            self.name_counts = self.all_names()
        return self.name_counts.get((folded(person.given), folded(person.surname)), 0) == 1

    def owner(self, person: Person) -> bool:
        return person.firm.family and not person.female and person.contact["Phone"] != ""

    def plain(self, person: Person) -> bool:
        return not self.common(person) and not person.firm.family and not person.maiden

    def prospect(self, category: str, truth: list[str], person: Person, *, given: str = "", surname: str = "",
                 firm: Firm | None = None, **fields) -> None:  # fmt: skip
        firm = firm or person.firm
        given = given or person.given
        surname = surname or person.surname
        if person.suffix:
            surname = f"{surname} {person.suffix}"
        if self.rng.random() < 0.12:
            given, surname = unaccented(given), unaccented(surname)
        created = self.now - timedelta(days=self.rng.randint(0, 300), minutes=self.rng.randint(0, 900))
        row = {
            "Imię": given,
            "Nazwisko": surname,
            "Firma": self.rng.choice([firm.name, firm.short]),
            "NIP": self.written_nip(firm) if self.rng.random() < 0.5 else "",
            "Stanowisko": self.rng.choice(TITLES[firm.place.country]) if self.rng.random() < 0.6 else "",
            "Telefon": "",
            "Telefon komórkowy": "",
            "E-mail": "",
            "Ulica": firm.street if self.rng.random() < 0.4 else "",
            "Kod pocztowy": firm.postcode if self.rng.random() < 0.4 else "",
            "Miasto": firm.place.city if self.rng.random() < 0.9 else unaccented(firm.place.city),
            "Kraj": self.rng.choice(COUNTRY_NAMES[firm.place.country]),
            "Opiekun": self.rng.choice(OPIEKUNOWIE),
            "Tagi": self.rng.choice(TAGS),
            "Data utworzenia": created.strftime("%Y-%m-%d %H:%M"),
        }
        row.update(fields)
        case = GeneratedCase(category, row, tuple(truth))
        case.external_id = unused_value(lambda: str(self.rng.randint(100_000, 999_999)), self.ids)
        self.cases.append(case)

    def held_mobile(self, person: Person) -> bool:
        return bool(person.contact["MobilePhone"])

    def held_key(self, person: Person) -> dict:
        if person.contact["Email"] and (self.rng.random() < 0.5 or not self.held_mobile(person)):
            return {"E-mail": person.contact["Email"]}
        return {"Telefon komórkowy": self.written(person.mobile)}

    def keyed(self, person: Person) -> bool:
        return bool(person.contact["Email"]) or self.held_mobile(person)

    def other_email(self, person: Person) -> str:
        return person.private if self.rng.random() < 0.4 and person.contact["Email"] != person.private else ""

    # IN

    def mobile_held(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: self.held_mobile(p) and self.plain(p))
            self.prospect("mobile_held", [person.contact[CRM_ID]], person,
                          **{"Telefon komórkowy": self.written(person.mobile), "E-mail": self.other_email(person)})  # fmt: skip

    def work_email(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: p.contact["Email"] == p.email and self.plain(p))
            telefon = self.written(person.firm.line, landline=True) if self.rng.random() < 0.3 else ""
            self.prospect("work_email", [person.contact[CRM_ID]], person, Telefon=telefon,
                          **{"E-mail": person.email})  # fmt: skip

    def polish_letters(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.keyed(p) and self.plain(p)
                               and unaccented(p.given + p.surname) != p.given + p.surname)  # fmt: skip
            held = person.contact["FirstName"] + person.contact["LastName"]
            if unaccented(held) == held:  # Salesforce's without the letters: the prospect types them
                given, surname = person.given, person.surname
            else:
                given, surname = unaccented(person.given), unaccented(person.surname)
            self.prospect("polish_letters", [person.contact[CRM_ID]], person, given=given, surname=surname,
                          **self.held_key(person))  # fmt: skip

    def diminutive(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.keyed(p) and self.plain(p)
                               and given_names(p.country, p.female).get(p.given, p.given) not in ("", p.given))  # fmt: skip
            short = given_names(person.country, person.female)[person.given]
            self.prospect(
                "diminutive", [person.contact[CRM_ID]], person, given=short, **self.held_key(person)
            )

    def married_name(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(
                lambda p: p.maiden and (self.held_mobile(p) or p.contact["Email"] == p.private)
            )
            surname = person.surname if self.rng.random() < 0.6 else f"{person.maiden}-{person.surname}"
            if person.contact["Email"] == person.private and (
                self.rng.random() < 0.5 or not self.held_mobile(person)
            ):
                key = {"E-mail": person.private}
            else:
                key = {"Telefon komórkowy": self.written(person.mobile)}
            self.prospect("married_name", [person.contact[CRM_ID]], person, surname=surname, **key)

    def job_change(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.held_mobile(p) and self.plain(p))
            place = person.firm.place if self.rng.random() < 0.7 else self.rng.choice(PLACES)
            new_firm = self.firm(place)
            self.prospect("job_change", [person.contact[CRM_ID]], person, firm=new_firm,
                          Telefon=self.written(new_firm.line, landline=True),
                          **{"Telefon komórkowy": self.written(person.mobile),
                             "E-mail": self.work_address(person, new_firm)})  # fmt: skip

    def direct_line(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.direct and self.unique(p) and self.plain(p))
            self.prospect("direct_line", [person.contact[CRM_ID]], person,
                          Telefon=self.written(person.direct, landline=True), **{"E-mail": self.other_email(person)})  # fmt: skip

    def name_company_city(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.unique(p) and self.plain(p))
            self.prospect("name_company_city", [person.contact[CRM_ID]], person)

    # OUT

    def spouse_firm_line(self) -> None:
        for _ in range(self.per):
            owner = self.pick(lambda p: self.owner(p))
            country = owner.country
            taken = {given for given, _ in self.names_at(owner.firm)}
            paired = (PAIRED if country == "PL" else CZ_PAIRED).get(owner.given)
            wives = [g for g in given_names(country, True) if folded(g) not in taken]
            given = (
                paired
                if paired and folded(paired) not in taken and self.rng.random() < 0.7
                else self.rng.choice(wives)
            )
            spouse = self.person(owner.firm, given=given, surname=owner.surname, female=True, keep=False)
            fields = {"Telefon komórkowy": self.written(spouse.mobile)} if self.rng.random() < 0.6 else {}
            email = self.rng.choice([f"biuro@{owner.firm.domain}", spouse.email, spouse.private, ""])
            self.prospect("spouse_firm_line", [], spouse, Telefon=self.written(owner.firm.line, landline=True),
                          **fields, **{"E-mail": email})  # fmt: skip

    def son_namesake(self) -> None:
        for _ in range(self.per // 2):
            father = self.pick(lambda p: self.owner(p))
            son = self.person(father.firm, given=father.given, surname=father.surname, female=False, keep=False,
                              namesake=True)  # fmt: skip
            son.suffix = self.rng.choice(["", "", "junior", "jr", "Jr."])
            self.prospect("son_namesake", [], son, Telefon=self.written(father.firm.line, landline=True),
                          **{"Telefon komórkowy": self.written(son.mobile),
                             "E-mail": self.rng.choice([son.email, son.private, ""])})  # fmt: skip

    def relative_firm_line(self) -> None:
        for _ in range(self.per // 2):
            owner = self.pick(lambda p: self.owner(p))
            female = self.rng.random() < 0.5
            names = [g for g in given_names(owner.country, female) if g != owner.given]
            relative = self.person(owner.firm, given=self.rng.choice(names), surname=owner.surname, female=female,
                                   keep=False)  # fmt: skip
            fields = {"Telefon komórkowy": self.written(relative.mobile)} if self.rng.random() < 0.6 else {}
            self.prospect("relative_firm_line", [], relative, Telefon=self.written(owner.firm.line, landline=True),
                          **fields, **{"E-mail": self.rng.choice([relative.email, relative.private, ""])})  # fmt: skip

    def namesake_other_firm(self) -> None:
        for _ in range(self.per // 2):
            held = self.rng.choice([p for p in self.people if p.contact and self.common(p)])
            firm = self.rng.choice([f for f in self.firms if not f.family and f is not held.firm
                                    and f.place.country == held.country
                                    and (folded(held.given), folded(held.surname)) not in self.names_at(f)])  # fmt: skip
            person = self.person(firm, given=held.given, surname=held.surname, female=held.female, keep=False)
            self.prospect("namesake_other_firm", [], person, **{"Telefon komórkowy": self.written(person.mobile),
                          "E-mail": person.email if self.rng.random() < 0.7 else ""})  # fmt: skip

    def colleague_switchboard(self) -> None:
        for _ in range(self.per // 2):
            holder = self.pick(lambda p: not p.firm.family and not p.direct and p.contact["Phone"])
            person = self.person(holder.firm, keep=False)
            self.prospect("colleague_switchboard", [], person, Telefon=self.written(holder.firm.line, landline=True),
                          **{"E-mail": person.email if self.rng.random() < 0.5 else ""})  # fmt: skip

    def not_in_crm(self) -> None:
        for _ in range(self.per * 2):
            firm = (
                self.firm()
                if self.rng.random() < 0.6
                else self.rng.choice([f for f in self.firms if not f.family])
            )
            person = self.person(firm, keep=False)
            fields = {"Telefon komórkowy": self.written(person.mobile)} if self.rng.random() < 0.7 else {}
            self.prospect("not_in_crm", [], person, **fields,
                          **{"E-mail": person.email if self.rng.random() < 0.6 else person.private})  # fmt: skip

    def build(self) -> GeneratedCases:
        self.build_crm()
        for category in (
            self.spouse_firm_line, self.son_namesake, self.relative_firm_line, self.namesake_other_firm,
            self.colleague_switchboard, self.married_name, self.mobile_held, self.work_email, self.polish_letters,
            self.diminutive, self.job_change, self.direct_line, self.name_company_city, self.not_in_crm,
        ):  # fmt: skip
            category()
        self.rng.shuffle(self.cases)
        return GeneratedCases.shuffled(self.rng, self.crm_rows, self.cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# Splink reads both sides' first and last names without their accents (ł as l), the email, the mobile's last nine
# digits (else the phone's) on both sides, the company and the city.
_FOLD = "lower(strip_accents(replace(replace(trim({}), 'ł', 'l'), 'Ł', 'L')))"
PERSON_SQL = {
    "crm": f"""
        SELECT "{CRM_ID}" AS unique_id,
               nullif({_FOLD.format('"FirstName"')}, '') AS first_name,
               nullif({_FOLD.format('"LastName"')}, '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               nullif(right(regexp_replace(coalesce(nullif("MobilePhone", ''), "Phone", ''), '[^0-9]', '', 'g'), 9), '')
                   AS phone,
               nullif({_FOLD.format('"Account.Name"')}, '') AS company,
               nullif(trim("MailingPostalCode"), '') AS zip,
               nullif({_FOLD.format('"MailingCity"')}, '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{INBOUND_ID}" AS unique_id,
               nullif({_FOLD.format('"Imię"')}, '') AS first_name,
               nullif({_FOLD.format('"Nazwisko"')}, '') AS last_name,
               nullif(lower(trim("E-mail")), '') AS email,
               nullif(right(regexp_replace(coalesce(nullif("Telefon komórkowy", ''), "Telefon", ''), '[^0-9]', '', 'g'),
                             9), '') AS phone,
               nullif({_FOLD.format('"Firma"')}, '') AS company,
               nullif(trim("Kod pocztowy"), '') AS zip,
               nullif({_FOLD.format('"Miasto"')}, '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}

SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="salesforce",
        inbound_file="livespace_osoby",
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
        source="Salesforce Contacts (a software company in Poland and Czechia) <- a Livespace persons export in Polish",
    )
]


if __name__ == "__main__":
    run_generated("identity50", SUITES, seed=501, people=2400, orgs=0, per_category=40)
