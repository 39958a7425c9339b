"""A forty-third record set: Pipedrive persons of a German machine builder, linked from a trade fair's lead export.

    python benchmarks/identity_fortythird.py [--people 2400] [--per-category 40] [--seed 431] [--skip-splink]
                                             [--keep DIR]

A Swabian machine builder (special-purpose machines, automation cells) sells to manufacturers in Germany,
Austria and Switzerland. Its sales team works in Pipedrive with the interface set to German; at a trade fair
its stand staff scan visitors' badges with the fair's lead-scanning app, and after the fair the exhibitor's
lead export (one row per visitor scanned, the data the visitor gave when registering for the ticket) is linked
to Pipedrive before the follow-up.

The CRM side is a Pipedrive persons export from a German-language account, under the labels such an export
carries (checked against a public repository's notes on working from a German Pipedrive persons export, which
list its columns as exported: `Person - Organisation`, `Person - Vorname`, `Person - Nachname`, `Person -
Position`, `Organisation - Adresse`, `Organisation - PLZ`, `Person - Telefon - Büro`, `Person - Telefon -
Privat`, `Person - Telefon - Mobil`, `Person - Telefon - Sonstiger`, `Person - E-Mail-Adresse - Büro`, `Person
- E-Mail-Adresse - Privat`, `Person - E-Mail-Adresse - Sonstiger`, `Organisation - Website`, `Person -
Label`), with `Person - ID`, `Person - Name` and `Person - Besitzer` (the owner) as Pipedrive's list view adds
them. Names as reps type them: umlauts and ß as written ("Jürgen Müller", "Strauß"), an academic title typed
into the name now and then ("Dr. Thomas" in `Person - Vorname`, "Prof. Dr. Weber" in `Person - Nachname`), a
nobility particle before the surname ("von der Heide") or after it ("Heide, von der"), double surnames with
their hyphen. Numbers as Germans write them: a company's base number with the switchboard's extension "-0" or
a desk's Durchwahl ("0711 123456-0", "+49 (0)30 123456-123", "030/123456-123", "+49 30 123456123"); Austrian
("+43 1 234567-0", "0664 1234567") and Swiss ("+41 44 123 45 67", "079 123 45 67") numbers; mobiles
"+49 151 23456789", "0151/23456789", "0151 2345 6789". Phones are drawn through `generated_phones.fresh_number`
(DE, AT and CH plans; a company's extensions appended to its drawn base number and checked valid).

The inbound side is the fair's exhibitor lead export in German, one row per scanned badge, the visitor's
registration data split as a German event platform's name scheme splits a name ("salutation, title, given
name, family name": pretix's `salutation_title_given_family`, whose parts its German interface labels
Anrede, Titel, Vorname, Nachname; pretixLEAD, the lead-scanning app built on it, submits each scan with its
`code` (the badge's barcode), `scanned` (the scan's time), `notes`, `tags`, `rating` and `device_name`) and
the contact columns German address exports use (Anrede, Titel, Vorname, Nachname, Firma, Abteilung, Position,
Straße, PLZ, Ort, Land, Telefon, Mobil, E-Mail): `Barcode` (the file's id column), `Erfasst am`, `Erfasst von`
(the device), `Anrede` ("Herr", "Frau"), `Titel` ("Dr.", "Prof. Dr.-Ing.", "Dipl.-Kfm.", Austria's "Mag.",
"DI", "Ing."), `Vorname`, `Nachname`, `Firma` (as the visitor typed it: the legal form in another writing or
none, "GmbH & Co KG", "Ges.m.b.H."), `Abteilung`, `Position`, `Straße`, `PLZ`, `Ort`, `Land` ("Deutschland",
"Österreich", "Schweiz"), `Telefon`, `Mobil`, `E-Mail`, `Bewertung` (0-5), `Notizen`. Registration systems
and badge printers that know no umlauts write "Mueller", "Juergen", "Strauss" or "Muller"; some visitors type
their name in capitals.

Categories, each with its truth (the Pipedrive person, or none). IN:
- `badge_work_email`: the visitor's work address, the one Pipedrive holds (`E-Mail-Adresse - Büro`); the name
  as either side wrote it.
- `umlaut_transcribed`: the badge writes the name without umlauts or ß ("Juergen Mueller", "Jurgen Muller",
  "Strauss"); the mobile Pipedrive holds in another writing; a private address or another alias of the work
  domain nobody holds, or none.
- `title_in_name`: the rep typed the title into Pipedrive's name ("Dr. Thomas" / "Müller"; "Prof. Dr. Weber");
  the badge has it in `Titel`; the held work address or mobile.
- `noble_particle`: "von der Heide" on one side, "Heide, von der", "v. d. Heide" or "Heide" on the other; the
  held work address or mobile.
- `double_surname`: "Müller-Lüdenscheidt" on one side, "Müller Lüdenscheidt" or "Müller" on the other; the held
  work address or mobile.
- `direct_line`: the visitor's Durchwahl, which Pipedrive holds as the person's office phone (written otherwise);
  no mobile, a private address or none.
- `name_company_address`: only the name, the company (another writing) and the company's address; no number,
  no address Pipedrive holds (a name no other contact at that company has; never one of the common names).
OUT (truth none):
- `namesake_other_firm`: a visitor with one of Germany's commonest names (Thomas Müller, Michael Schmidt ...),
  which Pipedrive holds for someone at another company; their own work address and numbers.
- `namesake_same_firm`: a second person of such a name at a large company where Pipedrive holds the first:
  their own Durchwahl (the company's base number, another extension), their own mailbox ("thomas.mueller2@"),
  another department; the company's address.
- `colleague_switchboard`: a colleague Pipedrive does not hold, who gives the company's switchboard ("-0"),
  which one Pipedrive contact of that company holds as their office phone; another name.
- `group_sibling`: a group's companies in Germany, Austria and Switzerland share a name but their legal form
  ("Haller Antriebstechnik GmbH", "... Ges.m.b.H.", "... AG"); a visitor of a common name at the Austrian or
  Swiss company, where Pipedrive holds that name at the German one; their own numbers and address at the
  country's domain.
- `successor_desk_line`: a colleague Pipedrive does not hold, who took over a held contact's desk and gives its
  Durchwahl, which Pipedrive holds as that contact's office phone; another name, their own mailbox or none.
- `relative_shared_mailbox`: a family firm's owner is held with the firm's info@ mailbox and its switchboard;
  his son, daughter or wife (the same surname, another given name) registers with that mailbox and number.
- `not_in_crm`: visitors Pipedrive does not hold, at new or known companies.

Fairness: a careful reader of the two records can tell each row. Full names (umlauts, titles and particles
folded) are unique within a company in Pipedrive but for the planted namesakes, who carry their own Durchwahl
and mailbox; a mobile, a Durchwahl and a personal mailbox are one person's; a switchboard and an info@ mailbox
are the company's; a company's sister companies abroad have their own domain, numbers and address; an IN row
without a key (`name_company_address`) never has a common name. Not made: a visitor whose only evidence is a
common name and a company; a person who moved to a sister company. Written from scratch (only
`identity_quality`'s and `generated_phones`' interfaces). Every seed deterministic.
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
from identity_quality import GeneratedCase, GeneratedCases, GeneratedSuite, run_generated

CRM_ID = "Person - ID"
CRM_COLUMNS = [
    CRM_ID, "Person - Name", "Person - Vorname", "Person - Nachname", "Person - Organisation", "Person - Position",
    "Person - Telefon - Büro", "Person - Telefon - Mobil", "Person - Telefon - Privat", "Person - Telefon - Sonstiger",
    "Person - E-Mail-Adresse - Büro", "Person - E-Mail-Adresse - Privat", "Person - E-Mail-Adresse - Sonstiger",
    "Organisation - Adresse", "Organisation - PLZ", "Organisation - Website", "Person - Label", "Person - Besitzer",
]  # fmt: skip
INBOUND_ID = "Barcode"
INBOUND_COLUMNS = [
    INBOUND_ID, "Erfasst am", "Erfasst von", "Anrede", "Titel", "Vorname", "Nachname", "Firma", "Abteilung",
    "Position", "Straße", "PLZ", "Ort", "Land", "Telefon", "Mobil", "E-Mail", "Bewertung", "Notizen",
]  # fmt: skip

# -- names ------------------------------------------------------------------------------------------------------

MALE = ["Thomas", "Michael", "Andreas", "Stefan", "Frank", "Markus", "Christian", "Peter", "Klaus", "Wolfgang",
        "Martin", "Sebastian", "Tobias", "Matthias", "Ralf", "Dirk", "Holger", "Jürgen", "Jörg", "Günter",
        "Björn", "Sören", "Uwe", "Bernd", "Hans-Peter", "Karl-Heinz", "Florian", "Alexander", "Jörn", "Lukas"]  # fmt: skip
FEMALE = ["Sabine", "Petra", "Andrea", "Claudia", "Susanne", "Katrin", "Anja", "Birgit", "Monika", "Ute",
          "Jutta", "Nicole", "Julia", "Sandra", "Stefanie", "Bärbel", "Anna-Lena", "Jördis", "Käthe", "Doris"]  # fmt: skip
SURNAMES = ["Müller", "Schäfer", "Schröder", "Krüger", "Köhler", "Böhm", "Jäger", "Strauß", "Weiß", "Groß",
            "Voß", "Kühn", "Möller", "Löffler", "Fröhlich", "Hübner", "Süß", "Brückner", "Förster", "Schütz",
            "Günther", "Schmidt", "Schneider", "Fischer", "Meyer", "Wagner", "Becker", "Hoffmann", "Schulz",
            "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Braun", "Hartmann", "Lange",
            "Werner", "Krause", "Lehmann", "Maier", "Huber", "Gruber", "Brunner", "Steiner", "Moser", "Keller",
            "Kessler", "Ortmann", "Seitz", "Reuter", "Albrecht", "Franke", "Haas", "Engel", "Pohl", "Thiel"]  # fmt: skip
SECOND_SURNAMES = ["Lüdenscheidt", "Hagedorn", "Brömmel", "Sauerland", "Wittkamp", "Oberländer", "Kaltenbach",
                   "Gärtner", "Rosenthal", "Lindemann"]  # fmt: skip
NOBLE = [("von", "Arnim"), ("von der", "Heide"), ("von", "Bredow"), ("zu", "Dohna"), ("von", "Hagen"),
         ("von der", "Osten"), ("von", "Bülow"), ("von", "Löwenstein"), ("zu", "Salm"), ("von der", "Lühe")]  # fmt: skip
# Germany's commonest full names: each held for one to three people (the hard negatives).
COMMON = [("Thomas", "Müller"), ("Michael", "Schmidt"), ("Andreas", "Schneider"), ("Stefan", "Fischer"),
          ("Peter", "Meyer"), ("Christian", "Wagner"), ("Markus", "Becker"), ("Sabine", "Schulz"),
          ("Petra", "Hoffmann"), ("Andrea", "Koch")]  # fmt: skip
TITLES = {"DE": ["Dr.", "Prof. Dr.", "Dr.-Ing.", "Prof. Dr.-Ing.", "Dipl.-Ing.", "Dipl.-Kfm.", "Dipl.-Wirt.-Ing."],
          "AT": ["Mag.", "DI", "Ing.", "Dr.", "Mag. Dr."], "CH": ["Dr.", "Prof. Dr.", "lic. oec."]}  # fmt: skip
DEPARTMENTS = ["Einkauf", "Konstruktion", "Instandhaltung", "Produktion", "Geschäftsführung", "Vertrieb",
               "Technik", "Arbeitsvorbereitung", "Qualitätssicherung"]  # fmt: skip
POSITIONS = ["Einkaufsleiter", "Konstrukteur", "Leiter Instandhaltung", "Produktionsleiter", "Geschäftsführer",
             "Technischer Leiter", "Projektingenieur", "Werkleiter", "Strategischer Einkäufer"]  # fmt: skip
TRANSCRIBED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
DROPPED = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U", "ß": "ss"})

# -- companies --------------------------------------------------------------------------------------------------

PLACES = {
    "DE": [("Stuttgart", "70565"), ("Esslingen am Neckar", "73730"), ("Reutlingen", "72766"), ("Ulm", "89079"),
           ("Augsburg", "86167"), ("Nürnberg", "90411"), ("Bielefeld", "33609"), ("Gütersloh", "33334"),
           ("Chemnitz", "09125"), ("Dortmund", "44147"), ("Köln", "51063"), ("München", "81829"),
           ("Würzburg", "97076"), ("Paderborn", "33104"), ("Siegen", "57076")],
    "AT": [("Wien", "1230"), ("Linz", "4020"), ("Graz", "8051"), ("Wels", "4600"), ("Salzburg", "5020")],
    "CH": [("Zürich", "8048"), ("Winterthur", "8400"), ("Basel", "4057"), ("St. Gallen", "9015"), ("Aarau", "5000")],
}  # fmt: skip
STREETS = ["Industriestraße", "Gewerbestraße", "Robert-Bosch-Straße", "Carl-Benz-Straße", "Daimlerstraße",
           "Werkstraße", "Max-Eyth-Straße", "Siemensstraße", "Einsteinstraße", "Am Gewerbepark"]  # fmt: skip
BRANDS = ["Haller", "Lindner", "Hessler", "Korte", "Wendt", "Ambros", "Brenner", "Reuter", "Vogtland", "Seitz",
          "Ortmann", "Kestner", "Hagemeier", "Rothe", "Sauter", "Berghoff", "Kraemer", "Lenz", "Vollmer", "Wirtz",
          "Eberle", "Gerlach", "Hiller", "Jansen", "Kunze", "Lorenz", "Merkle", "Nagel", "Ostertag", "Pfeiffer",
          "Quast", "Rieger", "Stahl", "Teufel", "Ullrich", "Vetter", "Wegener", "Zeller", "Ackermann", "Bauer"]  # fmt: skip
TRADES = [("Maschinenbau", "maschinenbau"), ("Antriebstechnik", "antriebe"), ("Fördertechnik", "foerdertechnik"),
          ("Automation", "automation"), ("Werkzeugbau", "werkzeugbau"), ("Kunststofftechnik", "kunststoff"),
          ("Präzisionsteile", "praezision"), ("Anlagenbau", "anlagenbau"), ("Metallbearbeitung", "metall"),
          ("Verpackungstechnik", "verpackung")]  # fmt: skip
FORMS = {"DE": ["GmbH", "GmbH", "GmbH & Co. KG", "GmbH & Co. KG", "AG", "SE", "KG", "KGaA", "e.K."],
         "AT": ["GmbH", "Ges.m.b.H.", "AG", "GmbH & Co KG"], "CH": ["AG", "AG", "GmbH", "Sàrl"]}  # fmt: skip
# How a visitor types a legal form on a registration form: the register's writing, another one, or none.
FORM_WRITINGS = {
    "GmbH": ["GmbH", "GMBH", "G.m.b.H.", ""], "GmbH & Co. KG": ["GmbH & Co. KG", "GmbH & Co KG", "GmbH u. Co. KG", ""],
    "AG": ["AG", ""], "SE": ["SE", ""], "KG": ["KG", ""], "KGaA": ["KGaA", ""], "e.K.": ["e.K.", "e. K.", ""],
    "Ges.m.b.H.": ["Ges.m.b.H.", "GesmbH", "GmbH", ""], "GmbH & Co KG": ["GmbH & Co KG", "GmbH & Co. KG", ""],
    "Sàrl": ["Sàrl", "SARL", ""],
}  # fmt: skip
COUNTRY_NAMES = {"DE": ["Deutschland", "Deutschland", "Germany", "DE"], "AT": ["Österreich", "Austria", "AT"],
                 "CH": ["Schweiz", "Switzerland", "CH"]}  # fmt: skip
TLD = {"DE": "de", "AT": "at", "CH": "ch"}
CALLING_CODE = {"DE": "49", "AT": "43", "CH": "41"}
PRIVATE_MAIL = {"DE": ["gmx.de", "web.de", "t-online.de", "gmail.com"], "AT": ["gmx.at", "aon.at", "gmail.com"],
                "CH": ["bluewin.ch", "gmx.ch", "gmail.com"]}  # fmt: skip
OWNERS = ["Katrin Baumann", "Ralf Dengler", "Sven Hauser", "Melanie Ott"]
DEVICES = ["iPad Stand A", "iPad Stand B", "Scanner 3", "Handy Ralf"]


@dataclass(eq=False)
class Company:
    brand: str
    trade: str
    form: str
    country: str
    city: str
    postcode: str
    street: str
    domain: str
    base: tuple[str, str] = ("", "")  # (area code without its trunk 0, subscriber number)
    group: str = ""  # the brand of a DE/AT/CH group
    family: bool = False
    extensions: set = field(default_factory=set)

    @property
    def name(self) -> str:
        return f"{self.brand} {self.trade} {self.form}"


@dataclass(eq=False)
class Person:
    given: str
    surname: str  # as the person writes it, umlauts and all ("Müller", "Müller-Lüdenscheidt")
    company: Company
    female: bool
    particle: str = ""  # "von der"
    title: str = ""
    mobile: str = ""  # E.164
    direct: str = ""  # the Durchwahl's extension
    mailbox: str = ""  # the work address
    private: str = ""
    department: str = ""
    contact: dict | None = None

    @property
    def family_name(self) -> str:
        return f"{self.particle} {self.surname}".strip()


def folded(text: str) -> str:
    return text.translate(TRANSCRIBED).lower()


class Generator:
    def __init__(self, seed: int, people: int, per_category: int):
        self.rng = random.Random(seed)
        self.target = people
        self.per = per_category
        self.companies: list[Company] = []
        self.people: list[Person] = []
        self.crm_rows: list[dict] = []
        self.cases: list[GeneratedCase] = []
        self.numbers: set[str] = set()
        self.mailboxes: set[str] = set()
        self.ids: set[str] = set()
        self.used: set[int] = set()
        self.now = datetime(2026, 11, 20, 9, 0)

    # -- numbers ----------------------------------------------------------------------------------------------

    def base_number(self, country: str) -> tuple[str, str]:
        """A company's base number (area code, subscriber number) to which extensions are appended (DE, AT), or
        a Swiss company's own number."""
        digits = {"DE": 6, "AT": 5, "CH": 7}[country]
        for _ in range(200):
            e164 = fresh_number(
                self.rng, country, PhoneNumberType.FIXED_LINE, self.numbers, random_digits=digits
            )
            parsed = phonenumbers.parse(e164)
            national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
            area, _, rest = national.lstrip("0").partition(" ")
            base = (area, rest.replace(" ", ""))
            if country == "CH" or all(self.valid(country, base, ext) for ext in ("0", "99", "899")):
                return base
        raise RuntimeError("no base number left")

    @staticmethod
    def valid(country: str, base: tuple[str, str], extension: str) -> bool:
        return phonenumbers.is_valid_number(
            phonenumbers.parse(f"+{CALLING_CODE[country]}{''.join(base)}{extension}")
        )

    def extension(self, company: Company) -> str:
        for _ in range(500):
            ext = str(self.rng.randint(10, 899))
            if ext not in company.extensions and self.valid(company.country, company.base, ext):
                company.extensions.add(ext)
                self.numbers.add(f"+{CALLING_CODE[company.country]}{''.join(company.base)}{ext}")
                return ext
        raise RuntimeError("no extension left")

    def office(self, company: Company, extension: str) -> str:
        """The company's number with an extension ("0" the switchboard), as Germans and Austrians write it."""
        area, subscriber = company.base
        code = CALLING_CODE[company.country]
        if company.country == "CH":  # a Swiss company's number is its own; no extensions
            s = subscriber
            return self.rng.choice([f"+41 {area} {s[:3]} {s[3:5]} {s[5:]}", f"0{area} {s[:3]} {s[3:5]} {s[5:]}",
                                    f"+41{area}{s}", f"0041 {area} {s}"])  # fmt: skip
        return self.rng.choice([
            f"+{code} {area} {subscriber}-{extension}", f"0{area} {subscriber}-{extension}",
            f"0{area}/{subscriber}-{extension}", f"+{code} (0){area} {subscriber} {extension}",
            f"+{code} {area} {subscriber}{extension}", f"00{code} {area} {subscriber}-{extension}",
        ])  # fmt: skip

    def mobile(self, country: str) -> str:
        return fresh_number(self.rng, country, PhoneNumberType.MOBILE, self.numbers, random_digits=7)

    def written_mobile(self, e164: str) -> str:
        parsed = phonenumbers.parse(e164)
        national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
        digits = str(parsed.national_number)
        prefix, _, rest = national.partition(" ")
        rest = rest.replace(" ", "")
        return self.rng.choice([
            phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
            f"{prefix}/{rest}", f"{prefix} {rest[:4]} {rest[4:]}", e164, f"00{parsed.country_code} {digits}",
            f"{prefix}-{rest}", f"+{parsed.country_code} {digits}",
        ])  # fmt: skip

    # -- companies and people ---------------------------------------------------------------------------------

    def company(
        self, country: str = "DE", *, brand: str = "", trade: tuple | None = None, family=False
    ) -> Company:
        taken = {(c.brand, c.trade) for c in self.companies if c.country == country}
        for _ in range(500):
            b = brand or self.rng.choice(BRANDS)
            t = trade or self.rng.choice(TRADES)
            if (b, t[0]) not in taken:
                break
        else:
            raise RuntimeError("no company name left")
        form = (
            "e.K."
            if family and country == "DE" and self.rng.random() < 0.4
            else self.rng.choice(FORMS[country])
        )
        if family and form not in ("e.K.",):
            form = {"DE": "GmbH & Co. KG", "AT": "GmbH", "CH": "AG"}[country]
        city, postcode = self.rng.choice(PLACES[country])
        street = self.rng.choice(STREETS)
        if country == "CH":
            street = street.replace("ß", "ss")
        company = Company(b, t[0], form, country, city, postcode, f"{street} {self.rng.randint(1, 120)}",
                          f"{folded(b)}-{t[1]}.{TLD[country]}", family=family)  # fmt: skip
        company.base = self.base_number(country)
        self.companies.append(company)
        return company

    def group(self) -> list[Company]:
        """One brand's companies in Germany, Austria and Switzerland: one name but for the legal form."""
        brand, trade = self.rng.choice(BRANDS), self.rng.choice(TRADES)
        if any(c.brand == brand and c.trade == trade[0] for c in self.companies):
            return []
        members = []
        for country, form in (("DE", "GmbH"), ("AT", "Ges.m.b.H."), ("CH", "AG")):
            company = self.company(country, brand=brand, trade=trade)
            company.form, company.group = form, brand
            members.append(company)
        return members

    def names_at(self, company: Company) -> set[tuple[str, str]]:
        return {(folded(p.given), folded(p.surname)) for p in self.people if p.company is company}

    def person(self, company: Company, name: tuple | None = None, *, kind: str = "") -> Person:
        for _ in range(300):
            female = self.rng.random() < 0.3
            if name:
                given, surname = name
                female = given in FEMALE
            else:
                given = self.rng.choice(FEMALE if female else MALE)
                surname = self.rng.choice(SURNAMES)
            particle = ""
            if kind == "noble":
                particle, surname = self.rng.choice(NOBLE)
            elif kind == "double":
                surname = f"{surname}-{self.rng.choice(SECOND_SURNAMES)}"
            if not name and (given, surname) in COMMON:
                continue
            if (folded(given), folded(surname)) not in self.names_at(company):
                break
        else:
            raise RuntimeError("no fresh name at the company")
        person = Person(given, surname, company, female, particle)
        if kind == "titled" or self.rng.random() < 0.12:
            person.title = self.rng.choice(TITLES[company.country])
        person.mobile = self.mobile(company.country)
        if company.country != "CH" and self.rng.random() < 0.5:
            person.direct = self.extension(company)
        person.department = self.rng.choice(DEPARTMENTS)
        person.mailbox = self.work_address(person)
        person.private = self.private_address(person)
        self.people.append(person)
        return person

    def work_address(self, person: Person, *, second=False) -> str:
        g, s = folded(person.given).replace(" ", ""), folded(person.family_name).replace(" ", "")
        locals_ = (
            [f"{g}.{s}", f"{g[0]}.{s}", f"{g[0]}{s}", f"{s}"] if not second else [f"{g}.{s}2", f"{g}.{s}-2"]
        )
        for local in self.rng.sample(locals_, len(locals_)):
            address = f"{local}@{person.company.domain}"
            if address not in self.mailboxes:
                self.mailboxes.add(address)
                return address
        for n in range(2, 99):
            address = f"{g}.{s}{n}@{person.company.domain}"
            if address not in self.mailboxes:
                self.mailboxes.add(address)
                return address
        raise RuntimeError("no mailbox left")

    def alias(self, person: Person) -> str:
        """Another address of the person's at the work domain, which nobody holds."""
        g, s = folded(person.given).replace(" ", ""), folded(person.family_name).replace(" ", "")
        for local in (f"{g}.{s}", f"{g[0]}.{s}", f"{g[0]}{s}", f"{s}.{g}"):
            address = f"{local}@{person.company.domain}"
            if address not in self.mailboxes:
                self.mailboxes.add(address)
                return address
        return ""

    def private_address(self, person: Person) -> str:
        g, s = folded(person.given).replace(" ", ""), folded(person.surname).replace(" ", "")
        for _ in range(50):
            address = (
                f"{self.rng.choice([g, g[0]])}{self.rng.choice(['.', '_', ''])}{s}{self.rng.randint(1, 99)}@"
                + (self.rng.choice(PRIVATE_MAIL[person.company.country]))
            )
            if address not in self.mailboxes:
                self.mailboxes.add(address)
                return address
        raise RuntimeError("no private address left")

    def record_id(self) -> str:
        while (value := str(self.rng.randint(1_000, 99_999))) in self.ids:
            pass
        self.ids.add(value)
        return value

    def hold(self, person: Person) -> dict:
        """Write the person's Pipedrive record as a rep typed it."""
        company = person.company
        first, last = person.given, person.family_name
        if person.particle and self.rng.random() < 0.3:
            last = f"{person.surname}, {person.particle}"
        if person.title and self.rng.random() < 0.4:
            if self.rng.random() < 0.6:
                first = f"{person.title} {first}"
            else:
                last = f"{person.title} {last}"
        office = ""
        if person.direct:
            office = self.office(company, person.direct)
        row = {
            CRM_ID: self.record_id(),
            "Person - Vorname": first,
            "Person - Nachname": last,
            "Person - Name": f"{first} {last}",
            "Person - Organisation": company.name,
            "Person - Position": self.rng.choice(POSITIONS),
            "Person - Telefon - Büro": office,
            "Person - Telefon - Mobil": self.written_mobile(person.mobile)
            if self.rng.random() < 0.75
            else "",
            "Person - Telefon - Privat": "",
            "Person - Telefon - Sonstiger": "",
            "Person - E-Mail-Adresse - Büro": person.mailbox if self.rng.random() < 0.85 else "",
            "Person - E-Mail-Adresse - Privat": person.private if self.rng.random() < 0.08 else "",
            "Person - E-Mail-Adresse - Sonstiger": "",
            "Organisation - Adresse": company.street,
            "Organisation - PLZ": company.postcode,
            "Organisation - Website": f"www.{company.domain}",
            "Person - Label": self.rng.choice(["", "", "Kunde", "Interessent", "Heißer Lead"]),
            "Person - Besitzer": self.rng.choice(OWNERS),
        }
        person.contact = row
        self.crm_rows.append(row)
        return row

    def build_crm(self) -> None:
        for _ in range(8):
            for company in self.group():
                for _ in range(self.rng.choice([2, 3, 5])):
                    self.person(company)
        while len(self.people) < self.target:
            roll = self.rng.random()
            country = "DE" if roll < 0.6 else "AT" if roll < 0.8 else "CH"
            family = self.rng.random() < 0.12
            company = self.company(country, family=family)
            size = self.rng.choice([1, 2]) if family else self.rng.choice([1, 2, 3, 4, 6, 9, 14])
            for _ in range(size):
                kind = self.rng.choices(["", "noble", "double", "titled"], [0.8, 0.05, 0.07, 0.08])[0]
                self.person(company, kind=kind)
        for name in COMMON * 3:  # the common names, held at large German companies
            company = self.rng.choice([c for c in self.large_companies() if (folded(name[0]), folded(name[1]))
                                       not in self.names_at(c)])  # fmt: skip
            self.person(company, name)
        for person in self.people:
            self.hold(person)
        # One contact of a company without a Durchwahl is held with the switchboard as their office phone.
        # A family firm's owner is held with its info@ mailbox beside the switchboard.
        for company in self.companies:
            holders = [p for p in self.people if p.company is company and p.contact and not p.direct]
            if holders and company.country != "CH" and (company.family or self.rng.random() < 0.5):
                holder = holders[0] if company.family else self.rng.choice(holders)
                holder.contact["Person - Telefon - Büro"] = self.office(company, "0")
                if company.family:
                    holder.contact["Person - E-Mail-Adresse - Büro"] = f"info@{company.domain}"

    def large_companies(self) -> list[Company]:
        counts: dict[int, int] = {}
        for p in self.people:
            counts[id(p.company)] = counts.get(id(p.company), 0) + 1
        return [c for c in self.companies if c.country == "DE" and counts.get(id(c), 0) >= 6 and not c.group]

    # -- the lead export --------------------------------------------------------------------------------------

    def pick(self, test) -> Person:
        pool = [p for p in self.people if id(p) not in self.used and p.contact and test(p)]
        person = self.rng.choice(pool)
        self.used.add(id(person))
        return person

    def outsider(self, company: Company, name: tuple | None = None) -> Person:
        person = self.person(company, name)
        self.people.remove(person)
        return person

    def firm_written(self, company: Company) -> str:
        form = self.rng.choice(FORM_WRITINGS.get(company.form, [company.form]))
        trade = company.trade if self.rng.random() < 0.8 else company.trade.translate(TRANSCRIBED)
        return f"{company.brand} {trade} {form}".strip()

    def street_written(self, company: Company) -> str:
        street = company.street
        if self.rng.random() < 0.4:
            street = street.replace("straße", "str.").replace("strasse", "str.")
        return street

    def lead(self, category: str, truth: list[str], person: Person, **fields) -> None:
        company = person.company
        scanned = self.now + timedelta(days=self.rng.randint(0, 3), minutes=self.rng.randint(0, 540))
        surname = person.family_name
        row = {
            "Erfasst am": scanned.strftime("%d.%m.%Y %H:%M"),
            "Erfasst von": self.rng.choice(DEVICES),
            "Anrede": "Frau" if person.female else "Herr",
            "Titel": person.title,
            "Vorname": person.given,
            "Nachname": surname,
            "Firma": self.firm_written(company),
            "Abteilung": person.department,
            "Position": self.rng.choice(POSITIONS) if self.rng.random() < 0.6 else "",
            "Straße": self.street_written(company),
            "PLZ": company.postcode,
            "Ort": company.city,
            "Land": self.rng.choice(COUNTRY_NAMES[company.country]),
            "Telefon": "",
            "Mobil": "",
            "E-Mail": "",
            "Bewertung": str(self.rng.randint(0, 5)),
            "Notizen": self.rng.choice(
                ["", "", "Angebot Zuführsystem", "Rückruf nach der Messe", "Katalog senden"]
            ),
        }
        if self.rng.random() < 0.08:
            row["Nachname"] = row["Nachname"].upper()
        row.update(fields)
        case = GeneratedCase(category, row, tuple(truth))
        case.external_id = self.barcode()
        self.cases.append(case)

    def barcode(self) -> str:
        while (
            value := "".join(self.rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(12))
        ) in self.ids:
            pass
        self.ids.add(value)
        return value

    def no_key_email(self, person: Person) -> str:
        """An address of the visitor's nobody holds: private, another alias of the work domain, or none."""
        roll = self.rng.random()
        if roll < 0.45 and not person.contact.get("Person - E-Mail-Adresse - Privat"):
            return person.private
        if roll < 0.75:
            return self.alias(person)
        return ""

    @staticmethod
    def keyed(person: Person) -> bool:
        """Whether Pipedrive holds the person's work address or mobile."""
        return person.contact["Person - E-Mail-Adresse - Büro"] == person.mailbox or bool(
            person.contact["Person - Telefon - Mobil"]
        )

    def held_key(self, person: Person) -> dict:
        """The held work address or the held mobile (in another writing)."""
        if person.contact["Person - E-Mail-Adresse - Büro"] == person.mailbox and (
            self.rng.random() < 0.5 or not person.contact["Person - Telefon - Mobil"]
        ):
            return {"E-Mail": person.mailbox}
        return {"Mobil": self.written_mobile(person.mobile), "E-Mail": self.no_key_email(person)}

    def common(self, person: Person) -> bool:
        return (person.given, person.surname) in COMMON

    # IN

    def badge_work_email(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: p.contact["Person - E-Mail-Adresse - Büro"] == p.mailbox
                               and not self.common(p))  # fmt: skip
            telefon = (
                self.office(person.company, person.direct)
                if person.direct and self.rng.random() < 0.4
                else ""
            )
            self.lead("badge_work_email", [person.contact[CRM_ID]], person, Telefon=telefon,
                      **{"E-Mail": person.mailbox.upper() if self.rng.random() < 0.1 else person.mailbox})  # fmt: skip

    def umlaut_transcribed(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: any(ch in p.given + p.surname for ch in "äöüÄÖÜß")
                               and p.contact["Person - Telefon - Mobil"] and not p.particle and not self.common(p))  # fmt: skip
            table = TRANSCRIBED if self.rng.random() < 0.75 else DROPPED
            self.lead("umlaut_transcribed", [person.contact[CRM_ID]], person,
                      Vorname=person.given.translate(table), Nachname=person.surname.translate(table),
                      Firma=self.firm_written(person.company).translate(table),
                      Mobil=self.written_mobile(person.mobile), **{"E-Mail": self.no_key_email(person)})  # fmt: skip

    def title_in_name(self) -> None:
        for _ in range(self.per * 3 // 4):
            person = self.pick(lambda p: p.title and not self.common(p) and not p.particle and self.keyed(p)
                               and (p.title in p.contact["Person - Vorname"] or p.title in p.contact["Person - Nachname"]))  # fmt: skip
            self.lead("title_in_name", [person.contact[CRM_ID]], person, **self.held_key(person))

    def noble_particle(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.particle and self.keyed(p))
            written = self.rng.choice([person.family_name, f"{person.surname}, {person.particle}", person.surname,
                                       " ".join(w[0] + "." for w in person.particle.split()) + f" {person.surname}"])  # fmt: skip
            self.lead(
                "noble_particle", [person.contact[CRM_ID]], person, Nachname=written, **self.held_key(person)
            )

    def double_surname(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: "-" in p.surname and not p.particle and self.keyed(p))
            first, second = person.surname.split("-", 1)
            written = self.rng.choice([f"{first} {second}", first, person.surname])
            if written == person.surname:  # the CRM dropped the second name
                person.contact["Person - Nachname"] = first
                person.contact["Person - Name"] = f"{person.contact['Person - Vorname']} {first}"
            self.lead(
                "double_surname", [person.contact[CRM_ID]], person, Nachname=written, **self.held_key(person)
            )

    def direct_line(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.direct and not self.common(p) and not p.particle)
            self.lead("direct_line", [person.contact[CRM_ID]], person, Telefon=self.office(person.company, person.direct),
                      **{"E-Mail": person.private if self.rng.random() < 0.4 else ""})  # fmt: skip

    def name_company_address(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: not self.common(p) and not p.particle and not p.company.group)
            self.lead("name_company_address", [person.contact[CRM_ID]], person,
                      **{"E-Mail": person.private if self.rng.random() < 0.3 else ""})  # fmt: skip

    # OUT

    def namesake_other_firm(self) -> None:
        for _ in range(self.per):
            held = self.rng.choice(
                [p for p in self.people if p.contact and self.common(p)]
            )  # drawn again and again
            company = self.rng.choice([c for c in self.companies if c is not held.company and not c.group
                                       and c.country == "DE" and (folded(held.given), folded(held.surname))
                                       not in self.names_at(c)])  # fmt: skip
            person = self.outsider(company, (held.given, held.surname))
            telefon = self.office(company, person.direct or "0") if company.country != "CH" else ""
            self.lead("namesake_other_firm", [], person, Telefon=telefon,
                      Mobil=self.written_mobile(person.mobile) if self.rng.random() < 0.5 else "",
                      **{"E-Mail": person.mailbox})  # fmt: skip

    def namesake_same_firm(self) -> None:
        for _ in range(self.per // 2):
            # the held namesake's own mailbox or Durchwahl is on the record: what tells the two apart
            held = self.pick(
                lambda p: (
                    self.common(p)
                    and p.company.country == "DE"
                    and (
                        p.contact["Person - E-Mail-Adresse - Büro"] == p.mailbox
                        or p.contact["Person - Telefon - Büro"]
                    )
                )
            )
            person = Person(held.given, held.surname, held.company, held.female)
            person.direct = self.extension(held.company)
            person.mailbox = self.work_address(person, second=True)
            person.department = self.rng.choice([d for d in DEPARTMENTS if d != held.department])
            self.lead("namesake_same_firm", [], person, Telefon=self.office(held.company, person.direct),
                      **{"E-Mail": person.mailbox})  # fmt: skip

    def colleague_switchboard(self) -> None:
        for _ in range(self.per // 2):
            held = self.pick(
                lambda p: p.contact["Person - Telefon - Büro"] and not p.direct and not p.company.family
            )
            person = self.outsider(held.company)
            self.lead("colleague_switchboard", [], person, Telefon=self.office(held.company, "0"),
                      **{"E-Mail": person.mailbox if self.rng.random() < 0.4 else ""})  # fmt: skip

    def group_sibling(self) -> None:
        for _ in range(self.per // 2):
            sisters = [c for c in self.companies if c.group and c.country != "DE"]
            company = self.rng.choice(sisters)
            german = next(c for c in self.companies if c.group == company.group and c.country == "DE"
                          and c.trade == company.trade)  # fmt: skip
            name = self.rng.choice(
                [n for n in COMMON if (folded(n[0]), folded(n[1])) not in self.names_at(company)]
            )
            held = Person(name[0], name[1], german, name[0] in FEMALE)
            if (folded(name[0]), folded(name[1])) not in self.names_at(german):
                held = self.person(german, name)
                self.hold(held)
            person = self.outsider(company, name)
            self.used.add(id(held))
            self.lead("group_sibling", [], person, Mobil=self.written_mobile(person.mobile),
                      Telefon=self.office(company, person.direct or "0") if self.rng.random() < 0.5 else "",
                      **{"E-Mail": person.mailbox})  # fmt: skip

    def relative_shared_mailbox(self) -> None:
        for _ in range(self.per // 2):
            held = self.pick(lambda p: p.contact["Person - E-Mail-Adresse - Büro"].startswith("info@"))
            for _ in range(50):
                female = self.rng.random() < 0.4
                given = self.rng.choice(FEMALE if female else MALE)
                if folded(given) != folded(held.given):
                    break
            relative = Person(given, held.surname, held.company, female, held.particle)
            relative.department = "Geschäftsführung"
            self.lead("relative_shared_mailbox", [], relative, Telefon=self.office(held.company, "0"),
                      **{"E-Mail": f"info@{held.company.domain}"})  # fmt: skip

    def successor_desk_line(self) -> None:
        for _ in range(self.per // 2):
            held = self.pick(
                lambda p: p.direct and p.contact["Person - Telefon - Büro"] and not p.company.family
            )
            successor = self.outsider(held.company)
            self.lead("successor_desk_line", [], successor, Telefon=self.office(held.company, held.direct),
                      **{"E-Mail": successor.mailbox if self.rng.random() < 0.5 else ""})  # fmt: skip

    def not_in_crm(self) -> None:
        for _ in range(self.per * 2):
            roll = self.rng.random()
            if roll < 0.6:
                company = self.company(self.rng.choice(["DE", "DE", "AT", "CH"]))
            else:
                company = self.rng.choice([c for c in self.companies if not c.family])
            person = self.outsider(company)
            telefon = self.office(company, person.direct) if person.direct and self.rng.random() < 0.6 else ""
            self.lead("not_in_crm", [], person, Telefon=telefon,
                      Mobil=self.written_mobile(person.mobile) if self.rng.random() < 0.5 else "",
                      **{"E-Mail": person.mailbox if self.rng.random() < 0.7 else person.private})  # fmt: skip

    def build(self) -> GeneratedCases:
        self.build_crm()
        for category in (
            self.namesake_same_firm, self.group_sibling, self.relative_shared_mailbox, self.colleague_switchboard,
            self.namesake_other_firm, self.badge_work_email, self.umlaut_transcribed, self.title_in_name,
            self.noble_particle, self.double_surname, self.direct_line, self.name_company_address, self.not_in_crm,
            self.successor_desk_line,
        ):  # fmt: skip
            category()
        self.rng.shuffle(self.cases)
        return GeneratedCases.shuffled(self.rng, self.crm_rows, self.cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# Splink reads Pipedrive's first and last names as written and the badge's, the work address, the last nine
# digits of the mobile (else the office phone) on both sides, the company as written, the postcode and the city
# (the badge's; Pipedrive's persons export has only the organisation's postcode).
PERSON_SQL = {
    "crm": f"""
        SELECT "{CRM_ID}" AS unique_id,
               nullif(lower(trim("Person - Vorname")), '') AS first_name,
               nullif(lower(trim("Person - Nachname")), '') AS last_name,
               nullif(lower(trim("Person - E-Mail-Adresse - Büro")), '') AS email,
               nullif(right(regexp_replace(coalesce(nullif("Person - Telefon - Mobil", ''), "Person - Telefon - Büro", ''),
                                           '[^0-9]', '', 'g'), 9), '') AS phone,
               nullif(lower(trim("Person - Organisation")), '') AS company,
               nullif(trim("Organisation - PLZ"), '') AS zip,
               CAST(NULL AS VARCHAR) AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{INBOUND_ID}" AS unique_id,
               nullif(lower(trim("Vorname")), '') AS first_name,
               nullif(lower(trim("Nachname")), '') AS last_name,
               nullif(lower(trim("E-Mail")), '') AS email,
               nullif(right(regexp_replace(coalesce(nullif("Mobil", ''), "Telefon", ''), '[^0-9]', '', 'g'), 9), '')
                   AS phone,
               nullif(lower(trim("Firma")), '') AS company,
               nullif(trim("PLZ"), '') AS zip,
               nullif(lower(trim("Ort")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}

SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="pipedrive",
        inbound_file="messe_leads",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id=INBOUND_ID,
        cli_options=[
            "--provider",
            "pipedrive",
            "--object",
            "persons",
            "--kind",
            "person",
            "--id-column",
            CRM_ID,
        ],
        splink_kind="person",
        sql=PERSON_SQL,
        source="Pipedrive persons (a German machine builder, German labels) <- a trade fair's lead export",
    )
]


if __name__ == "__main__":
    run_generated("identity43", SUITES, seed=431, people=2400, orgs=0, per_category=40)
