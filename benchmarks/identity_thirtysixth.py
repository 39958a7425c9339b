"""A thirty-sixth record set: Salesforce Contacts linked from a Microsoft Dynamics 365 Sales contacts export.

    python benchmarks/identity_thirtysixth.py [--people 2400] [--per-category 40] [--seed 361] [--skip-splink]
                                              [--keep DIR]

A company selling to Germany, Austria and Switzerland moves from Dynamics 365 Sales to Salesforce. A first wave
of contacts was migrated months ago (their Dynamics GUID kept in a Salesforce custom field); now the rest of the
Dynamics contacts are to be linked to what Salesforce already holds, or created.

The CRM side is a Salesforce Contacts report exported as CSV, under the report's column labels: `Contact ID`
(15 characters, "003..."), `Salutation` ("Herr", "Frau", now and then "Dr." or "Prof."), `First Name`,
`Last Name`, `Title` (the job title), `Account Name`, `Email`, `Phone`, `Mobile`, `Mailing Street`,
`Mailing City`, `Mailing Zip/Postal Code`, `Mailing Country`, `Contact Owner`, the custom field
`Dynamics Contact ID` (the GUID of the Dynamics contact a record was migrated from, for the first wave only)
and `Created Date`.

The inbound side is Dynamics 365's "Export to Excel" of a contacts view, saved as CSV: the three hidden columns
the export writes for re-import, `(Do Not Modify) Contact` (the record's GUID), `(Do Not Modify) Row Checksum`
and `(Do Not Modify) Modified On`, then the view's columns under their display names: `Full Name`,
`Company Name` (the parent customer lookup), `Job Title`, `Email`, `Business Phone`, `Mobile Phone`,
`Address 1: Street 1`, `Address 1: City`, `Address 1: ZIP/Postal Code`, `Address 1: Country/Region`, `Owner`,
`Created On`. The view shows `Full Name` only: Dynamics composes it from the first and last name fields, where
reps typed academic titles ("Dr.", "Prof. Dr.", "Dipl.-Ing.", Austrian "Mag." and "DI"), generation markers
("sen.", "jun.", "Senior", "Junior") and noble particles ("von", "zu", "v.") that Salesforce keeps out of its
name fields (or in `Salutation`). One system or the other wrote umlauts and ß out (Müller / Mueller,
Weiß / Weiss; the Swiss write ss anyway); company names carry their legal form in another writing ("GmbH & Co.
KG" / "GmbH & Co KG", "AG", "e.V.", or none); numbers are typed "+49 (0)30 …", "030/…", "0049 30 …", German
direct lines as the company's base number with an extension ("030 1234-56"), the company's central line
("Zentrale", the base number with "-0") on many contacts of the company.

Categories, each with its truth (the Salesforce contact, or none). IN:
- `titled_email`: an academic title in `Full Name`, the address Salesforce holds (capitals now and then), the
  company's legal form in another writing.
- `umlaut_written_out`: umlauts and ß written out on one side, in either direction; the Salesforce mobile
  (another written form) or address.
- `noble_particle`: "von" / "zu" / "v." in `Full Name`, dropped or kept in Salesforce's `Last Name` (a title
  now and then); the Salesforce mobile or address.
- `mobile_forms`: a new private address or none, the Salesforce mobile written another way.
- `direct_line`: a German contact's direct line (base number and extension) written another way; no email,
  no mobile; the company.
- `name_company_central`: the name (titles now and then), the company in another writing, the central line and
  the company's address only; the name is one Salesforce contact's at that company.
- `family_firm_generation`: a family firm where Salesforce holds father and son of the same name; the row is
  one of them ("sen." / "jun." in `Full Name` now and then) with his own address or mobile.
- `migrated_guid`: a contact of the first wave: the GUID Salesforce keeps, a new address after the company's
  rebranding (another name, another domain), no number.
- `dynamics_duplicate`: the contact twice in the Dynamics export (two GUIDs): once with the Salesforce address,
  once with a title in the name and the Salesforce mobile; both rows the contact.
OUT:
- `umlaut_other_name`: a colleague of a Salesforce contact whose surname differs from his by a vowel (Müller /
  Möller, Köhler / Kähler, Krüger / Kröger, Schröder / Schröter), same given name, same company, the central
  line, an address and a direct line of his own.
- `son_not_in_crm`: the son at a family firm where Salesforce holds only the father of the same name: "jun."
  in `Full Name`, his own address and mobile, the central line.
- `central_line_colleague`: a contact Salesforce does not hold at a company it knows: the central line and a
  new address at the company's domain.
- `namesake_other_company`: a Salesforce contact's full name at another company, its own address and mobile.
- `dynamics_duplicate_new`: a contact Salesforce does not hold, twice in the export.
- `not_in_crm`: contacts Salesforce does not hold.

Fairness: every row has one truth a careful reader of the two records can tell. Full names are unique in
Salesforce (umlauts, titles and particles aside) but for a family firm's father and son, who carry their own
address and mobile; nobody outside Salesforce has a contact's full name but the planted namesakes (another
company) and sons ("jun.", his own address and mobile); a name one vowel away from a contact's is another
person's. A mobile, a direct line and a mailbox are one person's; a central line is the company's. The company's
own staff (owners) are not contacts. Written from scratch (only `identity_quality`'s and `generated_phones`'
interfaces). Every seed deterministic.
"""

import base64
import random
import sys
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generated_phones import fresh_number
from identity_quality import (
    GeneratedCase,
    GeneratedCases,
    GeneratedSuite,
    person_model_em_on_email,
    run_generated,
)

CRM_ID = "Contact ID"
GUID_FIELD = "Dynamics Contact ID"
CRM_COLUMNS = [
    CRM_ID, "Salutation", "First Name", "Last Name", "Title", "Account Name", "Email", "Phone", "Mobile",
    "Mailing Street", "Mailing City", "Mailing Zip/Postal Code", "Mailing Country", "Contact Owner", GUID_FIELD,
    "Created Date",
]  # fmt: skip
INBOUND_ID = "(Do Not Modify) Contact"
INBOUND_COLUMNS = [
    INBOUND_ID, "(Do Not Modify) Row Checksum", "(Do Not Modify) Modified On", "Full Name", "Company Name",
    "Job Title", "Email", "Business Phone", "Mobile Phone", "Address 1: Street 1", "Address 1: City",
    "Address 1: ZIP/Postal Code", "Address 1: Country/Region", "Owner", "Created On",
]  # fmt: skip

# -- names --------------------------------------------------------------------------------------------------

MEN = ["Hans", "Klaus", "Jürgen", "Stefan", "Thomas", "Michael", "Andreas", "Markus", "Matthias", "Wolfgang",
       "Günter", "Dieter", "Uwe", "Frank", "Jörg", "Tobias", "Florian", "Lukas", "Maximilian", "Sebastian",
       "Bernd", "Ralf", "Helmut", "Reinhard", "Urs", "Beat", "Reto", "Christoph", "Georg", "Johann"]  # fmt: skip
WOMEN = ["Sabine", "Petra", "Claudia", "Andrea", "Susanne", "Monika", "Birgit", "Katrin", "Julia", "Anna",
         "Lena", "Sophie", "Käthe", "Jutta", "Ursula", "Brigitte", "Heike", "Martina", "Nicole", "Daniela",
         "Barbara", "Christine", "Elisabeth", "Franziska", "Regula", "Corinne", "Miriam", "Jana"]  # fmt: skip
SURNAMES = ["Schmidt", "Schneider", "Fischer", "Meyer", "Wagner", "Becker", "Hoffmann", "Schulz", "Koch",
            "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Braun", "Hofmann", "Hartmann",
            "Lange", "Werner", "Krause", "Lehmann", "Schmitt", "Walter", "Maier", "Huber", "Mayer", "Bauer",
            "Gruber", "Steiner", "Moser", "Brunner", "Keller", "Baumann", "Frei", "Gerber", "Widmer", "Kaufmann",
            "Lindner", "Engel", "Vogel", "Berger", "Haas", "Pichler", "Egger", "Wimmer", "Hahn", "Kraus"]  # fmt: skip
# Surnames with umlauts or ß, the ones another surname is one vowel away from first.
UMLAUT_SURNAMES = ["Müller", "Köhler", "Krüger", "Schröder", "Schäfer", "Jäger", "Böhm", "Weiß", "Groß",
                   "Günther", "Höfer", "Kühn", "Fuchsbüchler", "Strauß", "Nußbaum", "Wößner"]  # fmt: skip
VOWEL_AWAY = {"Müller": "Möller", "Köhler": "Kähler", "Krüger": "Kröger", "Schröder": "Schröter"}
NOBLE = ["Hohenberg", "Stein", "Falkenhausen", "Bredow", "Arnim", "Lindenau", "Rosenegg", "Thurn", "Eltz",
         "Weichs"]  # fmt: skip
TITLES = ["Dr.", "Dr.", "Prof. Dr.", "Dipl.-Ing.", "Dipl.-Kfm.", "Dr.-Ing.", "Dr. med."]
AUSTRIAN_TITLES = ["Mag.", "DI", "Ing.", "Dr.", "Mag. Dr."]
SPELL_OUT = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
STAFF = ["Katharina Vogt", "Dennis Albrecht", "Selin Arslan", "Piotr Nowak", "Mareike Jansen"]
JOB_TITLES = ["Geschäftsführer", "Einkaufsleiter", "Leiter Vertrieb", "Technischer Leiter", "Prokurist",
              "Head of Procurement", "Projektleiter", "Werksleiter", "CFO", "Leiterin Einkauf",
              "Teamleiter IT", "Bereichsleiter Logistik", "Sachbearbeiter Einkauf", "Key Account Manager"]  # fmt: skip
PRIVATE_DOMAINS = [
    "gmx.de",
    "web.de",
    "t-online.de",
    "gmail.com",
    "gmx.at",
    "bluewin.ch",
    "gmx.ch",
    "outlook.de",
]

# -- companies and places -------------------------------------------------------------------------------------

STEMS = ["Alpen", "Rhein", "Donau", "Nord", "Süd", "Tal", "Berg", "Brücken", "Hansa", "Isar", "Main", "Neckar",
         "Elbe", "Boden", "Wald", "Eich", "Linden", "Sonnen", "Stern", "Falken", "Adler", "Kristall", "Mühlen",
         "Leucht", "Feld", "Quell", "Funken", "Kraft"]  # fmt: skip
TRADES = ["Maschinenbau", "Logistik", "Elektrotechnik", "Holzbau", "Metallbau", "Kunststofftechnik", "Software",
          "Medizintechnik", "Verpackung", "Präzisionsteile", "Antriebstechnik", "Gebäudetechnik", "Druckerei",
          "Armaturen", "Lebensmittel", "Stahlhandel", "Automation", "Messtechnik"]  # fmt: skip
FORMS = {  # legal form -> the other ways people write it
    "GmbH": ["GmbH", "Gmbh", "G.m.b.H.", "GMBH", ""],
    "GmbH & Co. KG": ["GmbH & Co KG", "GmbH u. Co. KG", "GmbH&Co.KG", "GmbH & Co. KG", ""],
    "AG": ["AG", "Aktiengesellschaft", ""],
    "KG": ["KG", ""],
    "e.V.": ["e. V.", "eV", "e.V.", ""],
    "SE": ["SE", ""],
}
COUNTRIES = {  # code -> (Salesforce's name, Dynamics' writings, [(city, postcode prefix, postcode digits)])
    "DE": ("Germany", ["Deutschland", "Germany", "DE", "Deutschland"],
           [("Berlin", "10", 5), ("München", "80", 5), ("Hamburg", "20", 5), ("Köln", "50", 5),
            ("Stuttgart", "70", 5), ("Frankfurt am Main", "60", 5), ("Nürnberg", "90", 5)]),
    "AT": ("Austria", ["Österreich", "Austria", "AT", "Oesterreich"],
           [("Wien", "1", 4), ("Graz", "8", 4), ("Linz", "4", 4), ("Salzburg", "5", 4)]),
    "CH": ("Switzerland", ["Schweiz", "Switzerland", "CH", "Suisse"],
           [("Zürich", "80", 4), ("Basel", "40", 4), ("Bern", "30", 4), ("Luzern", "60", 4)]),
}  # fmt: skip
STREETS = ["Hauptstraße", "Bahnhofstraße", "Industriestraße", "Gewerbestraße", "Lindenstraße", "Am Hafen",
           "Mühlweg", "Schillerstraße", "Goethestraße", "Im Gewerbepark", "Kirchgasse", "Seestraße"]  # fmt: skip


def spelled_out(text: str) -> str:
    """Umlauts and ß written as a keyboard without them writes them (Müller -> Mueller, Weiß -> Weiss)."""
    return "".join(SPELL_OUT.get(ch, ch) for ch in text)


def mailbox_part(text: str) -> str:
    return "".join(ch for ch in spelled_out(text).lower() if ch.isalnum())


def swiss(text: str) -> str:
    """Swiss Standard German has no ß."""
    return text.replace("ß", "ss")


@dataclass
class Company:
    stem: str
    form: str
    domain: str
    country: str
    city: str
    postcode: str
    street: str
    central: str = ""  # E.164
    base: str = ""  # a German company's base number (direct lines add an extension), else ""
    extensions: set = field(default_factory=set)
    family: str = ""  # the family's surname at a family firm
    people: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.stem} {self.form}".strip()


@dataclass
class Person:
    first: str
    last: str
    company: Company
    male: bool
    title: str = ""  # academic title, as the person uses it
    particle: str = ""  # "von", "zu"
    marker: str = ""  # "sen." / "jun." at a family firm
    job: str = ""
    email: str = ""
    mobile: str = ""
    direct: str = ""  # E.164
    extension: str = ""  # a German direct line's extension
    guid: str = ""
    id: str = ""
    crm_last: str = ""  # the last name as Salesforce holds it
    crm_first: str = ""


class Generator:
    def __init__(self, seed: int, people: int, per_category: int) -> None:
        self.rng = random.Random(seed)
        self.target = people
        self.per = per_category
        self.companies: list[Company] = []
        self.persons: list[Person] = []
        self.crm_rows: list[dict] = []
        self.cases: list[GeneratedCase] = []
        self.names: set[tuple[str, str]] = (
            set()
        )  # folded (first, last) held in Salesforce, and used outsiders
        self.numbers: set[str] = set()
        self.emails: set[str] = set()
        self.ids: set[str] = set()
        self.used: set[int] = set()
        self.now = datetime(2026, 11, 30, 9, 0)

    # -- draws ------------------------------------------------------------------------------------------------

    def guid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def sf_id(self) -> str:
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
        while (value := "0037R" + "".join(self.rng.choice(alphabet) for _ in range(10))) in self.ids:
            pass
        self.ids.add(value)
        return value

    def number(self, country: str, kind=PhoneNumberType.MOBILE) -> str:
        return fresh_number(self.rng, country, kind, self.numbers, random_digits=6)

    def draw_direct_line(self, company: Company) -> tuple[str, str]:
        """A person's direct line: at a German company its base number and an extension of its own, elsewhere
        a number of its own."""
        if not company.base:
            return self.number(company.country, PhoneNumberType.FIXED_LINE), ""
        while True:
            extension = str(self.rng.randint(10, 899))
            number = company.base + extension
            fresh = extension not in company.extensions and number not in self.numbers
            if fresh and phonenumbers.is_valid_number(phonenumbers.parse(number)):
                company.extensions.add(extension)
                self.numbers.add(number)
                return number, extension

    def written(self, e164: str, extension: str = "") -> str:
        """A number as a rep types it in the DACH region: "+49 (0)30 …", "030/…", "0049 30 …", an extension
        after a hyphen."""
        parsed = phonenumbers.parse(e164)
        national = phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)  # "030 123456"
        international = phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)  # "+49 30 123456"
        if extension:
            digits = national.replace(" ", "")
            trunk_area, rest = digits[:3], digits[3 : -len(extension)]
            code = str(parsed.country_code)
            return self.rng.choice(
                [
                    f"+{code} {trunk_area[1:]} {rest}-{extension}",
                    f"+{code} (0){trunk_area[1:]} {rest}-{extension}",
                    f"{trunk_area}/{rest}-{extension}",
                    f"{trunk_area} {rest}-{extension}",
                    f"00{code} {trunk_area[1:]} {rest} {extension}",
                    e164,
                ]
            )
        area, _, rest = national.partition(" ")
        code = str(parsed.country_code)
        return self.rng.choice(
            [
                e164,
                international,
                f"+{code} (0){area[1:]} {rest}",
                f"{area}/{rest.replace(' ', '')}",
                f"00{international[1:]}",
                national,
                f"{area}-{rest.replace(' ', '')}",
            ]
        )

    def central_written(self, company: Company) -> str:
        if company.base:
            return self.written(company.central, "0")
        return self.written(company.central)

    def mailbox(self, first: str, last: str, domain: str = "") -> str:
        domain = domain or self.rng.choice(PRIVATE_DOMAINS)
        f, l = mailbox_part(first), mailbox_part(last)  # noqa: E741
        private = domain in PRIVATE_DOMAINS
        forms = ["{f}.{l}", "{f}{l}", "{fi}.{l}"] if private else ["{f}.{l}", "{fi}.{l}", "{l}", "{fi}{l}"]
        for attempt in range(60):
            local = self.rng.choice(forms).format(f=f, l=l, fi=f[:1])
            if private and (attempt or self.rng.random() < 0.5):
                local += str(self.rng.randint(1, 99))
            elif attempt > 20:
                local += str(self.rng.randint(2, 9))
            address = f"{local}@{domain}"
            if address not in self.emails:
                self.emails.add(address)
                return address
        raise RuntimeError("no mailbox left")

    def cased(self, address: str) -> str:
        if self.rng.random() < 0.25:
            local, _, domain = address.partition("@")
            return f"{'.'.join(part.capitalize() for part in local.split('.'))}@{domain}"
        return address

    @staticmethod
    def folded(first: str, last: str) -> tuple[str, str]:
        return mailbox_part(first), mailbox_part(last)

    def free_name(self, country: str, *, surnames=None, male=None) -> tuple[str, str, bool]:
        for _ in range(10_000):
            is_male = self.rng.random() < 0.6 if male is None else male
            first = self.rng.choice(MEN if is_male else WOMEN)
            pool = surnames or (SURNAMES if self.rng.random() < 0.7 else UMLAUT_SURNAMES)
            last = self.rng.choice(pool)
            if country == "CH":
                first, last = swiss(first), swiss(last)
            if self.folded(first, last) in self.names:
                continue
            self.names.add(self.folded(first, last))
            return first, last, is_male
        raise RuntimeError("no free name left")

    # -- Salesforce -----------------------------------------------------------------------------------------

    def new_company(self, *, family: str = "") -> Company:
        while True:
            stem = f"{family or self.rng.choice(STEMS)} {self.rng.choice(TRADES)}"
            if all(c.stem != stem for c in self.companies):
                break
        country = self.rng.choices(["DE", "AT", "CH"], weights=[6, 2, 2])[0]
        forms = ["GmbH", "GmbH & Co. KG", "AG", "KG", "e.V.", "SE"]
        form = "GmbH & Co. KG" if family else self.rng.choices(forms, weights=[8, 4, 3, 2, 1, 1])[0]
        if country != "DE" and form in ("GmbH & Co. KG", "SE"):
            form = "GmbH"
        city, prefix, digits = self.rng.choice(COUNTRIES[country][2])
        postcode = prefix + "".join(str(self.rng.randint(0, 9)) for _ in range(digits - len(prefix)))
        tld = {"DE": ".de", "AT": ".at", "CH": ".ch"}[country]
        domain = "-".join(mailbox_part(word) for word in stem.split()) + tld
        street = f"{self.rng.choice(STREETS)} {self.rng.randint(1, 140)}"
        if country == "CH":
            street, city = swiss(street), city
        company = Company(stem, form, domain, country, city, postcode, street, family=family)
        if country == "DE":
            company.base = fresh_number(
                self.rng, "DE", PhoneNumberType.FIXED_LINE, self.numbers, random_digits=5
            )
            company.central = company.base + "0"
            self.numbers.add(company.central)
        else:
            company.central = self.number(country, PhoneNumberType.FIXED_LINE)
        self.companies.append(company)
        return company

    def add_person(self, company: Company, *, first="", last="", male=None, marker="") -> Person:
        if not first:
            first, last, male = self.free_name(company.country)
        person = Person(first, last, company, bool(male), marker=marker)
        roll = self.rng.random()
        if roll < 0.25:
            person.title = self.rng.choice(AUSTRIAN_TITLES if company.country == "AT" else TITLES)
        if not marker and self.rng.random() < 0.04:
            person.particle = self.rng.choice(["von", "von", "zu"])
            person.last = self.rng.choice(NOBLE)
            while self.folded(first, person.last) in self.names:
                person.last = self.rng.choice(NOBLE)
            self.names.add(self.folded(first, person.last))
        person.job = self.rng.choice(JOB_TITLES)
        if self.rng.random() < 0.88:
            person.email = self.mailbox(
                first, (person.last + (" jun" if marker == "jun." else "")), company.domain
            )
        if self.rng.random() < 0.6:
            person.mobile = self.number(company.country)
        if self.rng.random() < 0.55:
            person.direct, person.extension = self.draw_direct_line(company)
        self.persons.append(person)
        company.people.append(person)
        return person

    def crm_row(self, person: Person) -> None:
        person.id = self.sf_id()
        last = person.last
        if person.particle and self.rng.random() < 0.6:
            last = f"{person.particle} {person.last}"
        if person.marker and self.rng.random() < 0.5:
            last = f"{last} {person.marker}"
        person.crm_first, person.crm_last = person.first, last
        salutation = "Herr" if person.male else "Frau"
        if person.title.startswith(("Dr", "Prof")) and self.rng.random() < 0.3:
            salutation = "Prof." if person.title.startswith("Prof") else "Dr."
        phone = ""
        if person.direct:
            phone = self.written(person.direct, person.extension)
        elif self.rng.random() < 0.35:
            phone = self.central_written(person.company)
        company = person.company
        self.crm_rows.append(
            {
                CRM_ID: person.id,
                "Salutation": salutation,
                "First Name": person.first,
                "Last Name": last,
                "Title": person.job,
                "Account Name": company.name,
                "Email": person.email,
                "Phone": phone,
                "Mobile": self.written(person.mobile) if person.mobile else "",
                "Mailing Street": company.street if self.rng.random() < 0.7 else "",
                "Mailing City": company.city,
                "Mailing Zip/Postal Code": company.postcode if self.rng.random() < 0.8 else "",
                "Mailing Country": COUNTRIES[company.country][0],
                "Contact Owner": self.rng.choice(STAFF),
                GUID_FIELD: person.guid,
                "Created Date": (self.now - timedelta(days=self.rng.randint(30, 900))).strftime("%d.%m.%Y"),
            }
        )

    def build_crm(self) -> None:
        for _ in range(max(30, self.target // 9)):
            self.new_company()
        families = []
        for _ in range(max(8, self.per)):  # family firms: father and son of the same given name
            surname = self.rng.choice(SURNAMES + UMLAUT_SURNAMES[:8])
            first = self.rng.choice(MEN)
            if self.folded(first, surname) in self.names:
                continue
            self.names.add(self.folded(first, surname))
            families.append(self.new_company(family=surname))
            families[-1].family = f"{first}|{surname}"
        while len(self.persons) < self.target:
            self.add_person(self.rng.choice(self.companies[: len(self.companies) - len(families)]))
        # a colleague for the vowel-away namesakes: the umlaut surname's holders need a known company
        for index, company in enumerate(families):
            first, surname = company.family.split("|")
            father = self.add_person(company, first=first, last=surname, male=True, marker="sen.")
            if index % 2 == 0:  # Salesforce holds the son too
                self.add_person(company, first=first, last=surname, male=True, marker="jun.")
            father.job = "Geschäftsführer"
            for _ in range(self.rng.randint(1, 3)):
                self.add_person(company)
        for person in self.persons:
            if self.rng.random() < 0.2:
                person.guid = self.guid()
        for person in self.persons:
            self.crm_row(person)

    # -- the Dynamics export ----------------------------------------------------------------------------------

    def pick(self, test=lambda p: True) -> Person:
        pool = [p for p in self.persons if id(p) not in self.used and test(p)]
        person = self.rng.choice(pool)
        self.used.add(id(person))
        return person

    def plain(self, p: Person) -> bool:
        """A contact of no family firm, migrated in no earlier wave."""
        return not p.company.family and not p.guid

    def full_name(self, person: Person, *, title=None, first=None, last=None, marker=None) -> str:
        title = person.title if title is None else title
        parts = [title if title and self.rng.random() < 0.8 else "", first or person.first]
        if person.particle and last is None:
            parts.append(self.rng.choice([person.particle, person.particle, "v."]))
        parts.append(last or person.last)
        marker = person.marker if marker is None else marker
        if marker:
            parts.append(
                self.rng.choice(
                    {"sen.": ["sen.", "Senior", "(sen.)"], "jun.": ["jun.", "Junior", "jr."]}[marker]
                )
            )
        return " ".join(part for part in parts if part)

    def company_written(self, company: Company) -> str:
        form = self.rng.choice(FORMS[company.form])
        stem = company.stem
        if self.rng.random() < 0.2:
            stem = spelled_out(stem)
        return f"{stem} {form}".strip()

    def row(
        self,
        category: str,
        truth: list[str],
        *,
        name: str,
        company: Company | None,
        company_name: str | None = None,
        email: str = "",
        business: str = "",
        mobile: str = "",
        job: str = "",
        guid: str = "",
        address: bool = True,
    ) -> None:
        modified = self.now - timedelta(days=self.rng.randint(0, 400), minutes=self.rng.randint(0, 1440))
        created = modified - timedelta(days=self.rng.randint(0, 1500))
        country = company.country if company else self.rng.choice(list(COUNTRIES))
        street = city = postcode = ""
        if company and address and self.rng.random() < 0.8:
            street = company.street.replace("straße", self.rng.choice(["straße", "str.", "strasse"]))
            city, postcode = company.city, company.postcode
        elif not company and self.rng.random() < 0.6:
            city, prefix, digits = self.rng.choice(COUNTRIES[country][2])
            postcode = prefix + "".join(str(self.rng.randint(0, 9)) for _ in range(digits - len(prefix)))
        checksum = base64.b64encode(self.rng.getrandbits(160).to_bytes(20, "big")).decode()
        row = {
            INBOUND_ID: guid or self.guid(),
            "(Do Not Modify) Row Checksum": checksum,
            "(Do Not Modify) Modified On": modified.strftime("%d.%m.%Y %H:%M"),
            "Full Name": name,
            "Company Name": company_name if company_name is not None else (
                self.company_written(company) if company else ""
            ),
            "Job Title": job,
            "Email": email,
            "Business Phone": business,
            "Mobile Phone": mobile,
            "Address 1: Street 1": street,
            "Address 1: City": city,
            "Address 1: ZIP/Postal Code": postcode,
            "Address 1: Country/Region": self.rng.choice(COUNTRIES[country][1]) if city else "",
            "Owner": self.rng.choice(STAFF),
            "Created On": created.strftime("%d.%m.%Y %H:%M"),
        }  # fmt: skip
        self.cases.append(GeneratedCase(category, row, tuple(truth)))

    def of(self, person: Person, category: str, **fields) -> None:
        fields.setdefault("name", self.full_name(person))
        fields.setdefault("company", person.company)
        fields.setdefault("job", person.job if self.rng.random() < 0.6 else "")
        fields.setdefault("guid", person.guid)
        if "business" not in fields:
            fields["business"] = self.central_written(person.company) if self.rng.random() < 0.3 else ""
        self.row(category, [person.id], **fields)

    def private_mailbox(self, person: Person) -> str:
        return self.mailbox(person.first, person.last) if self.rng.random() < 0.6 else ""

    # IN

    def titled_email(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: self.plain(p) and p.email)
            title = person.title or self.rng.choice(TITLES)
            self.of(
                person,
                "titled_email",
                name=self.full_name(person, title=title),
                email=self.cased(person.email),
            )

    def umlaut_written_out(self) -> None:
        for _ in range(self.per):
            person = self.pick(
                lambda p: (
                    self.plain(p)
                    and not p.particle
                    and spelled_out(p.first + p.last) != p.first + p.last
                    and p.mobile
                )
            )
            first, last = spelled_out(person.first), spelled_out(person.last)
            if self.rng.random() < 0.5:  # Salesforce holds the written-out form, Dynamics the umlauts
                self.crm_rows_set(person, first, last)
                first, last = person.first, person.last
            key = self.rng.choice(["email", "mobile"]) if person.email else "mobile"
            self.of(person, "umlaut_written_out", name=self.full_name(person, first=first, last=last),
                    email=self.cased(person.email) if key == "email" else self.private_mailbox(person),
                    mobile=self.written(person.mobile) if key == "mobile" else "")  # fmt: skip

    def crm_rows_set(self, person: Person, first: str, last: str) -> None:
        """Salesforce holds `person`'s name written out (its import had no umlauts)."""
        for row in self.crm_rows:
            if row[CRM_ID] == person.id:
                row["First Name"] = first
                row["Last Name"] = row["Last Name"].replace(person.last, last)

    def noble_particle(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.plain(p) and p.particle and (p.mobile or p.email))
            use_mobile = person.mobile and (not person.email or self.rng.random() < 0.5)
            self.of(person, "noble_particle", email="" if use_mobile else person.email,
                    mobile=self.written(person.mobile) if use_mobile else "")  # fmt: skip

    def mobile_forms(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: self.plain(p) and p.mobile)
            self.of(
                person, "mobile_forms", email=self.private_mailbox(person), mobile=self.written(person.mobile)
            )

    def direct_line(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.plain(p) and p.extension)
            self.of(person, "direct_line", business=self.written(person.direct, person.extension))

    def name_company_central(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.plain(p) and not p.particle)
            self.of(person, "name_company_central", business=self.central_written(person.company))

    def family_firm_generation(self) -> None:
        firms = [c for c in self.companies if c.family and sum(1 for p in c.people if p.marker) == 2]
        for company in firms[: self.per // 2]:
            person = self.rng.choice([p for p in company.people if p.marker])
            self.used.add(id(person))
            use_mobile = person.mobile and (not person.email or self.rng.random() < 0.5)
            if not person.mobile and not person.email:
                continue
            marker = person.marker if self.rng.random() < 0.7 else ""
            self.of(person, "family_firm_generation", name=self.full_name(person, marker=marker),
                    email="" if use_mobile else person.email,
                    mobile=self.written(person.mobile) if use_mobile else "")  # fmt: skip

    def migrated_guid(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.guid and not p.company.family)
            stems = {c.stem for c in self.companies}
            renamed = next(
                stem
                for stem in (
                    f"{self.rng.choice(STEMS)} {person.company.stem.split()[-1]}" for _ in range(100)
                )
                if stem not in stems
            )
            domain = mailbox_part(renamed.split()[0]) + "-group" + person.company.domain[-3:]
            self.of(person, "migrated_guid", company_name=f"{renamed} {person.company.form}".strip(),
                    email=self.mailbox(person.first, person.last, domain), business="")  # fmt: skip

    def dynamics_duplicate(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.plain(p) and p.email and p.mobile)
            self.of(person, "dynamics_duplicate", email=person.email)
            self.of(person, "dynamics_duplicate", name=self.full_name(person, title=person.title or "Dr."),
                    mobile=self.written(person.mobile), guid=self.guid())  # fmt: skip

    # OUT

    def outsider(self, company: Company) -> tuple[str, str]:
        first, last, _ = self.free_name(company.country)
        return first, last

    def umlaut_other_name(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.plain(p) and p.last in VOWEL_AWAY and not p.particle)
            other = VOWEL_AWAY[person.last]
            self.names.add(self.folded(person.first, other))
            company = person.company
            direct, extension = self.draw_direct_line(company)
            self.row("umlaut_other_name", [], name=f"{person.first} {other}", company=company,
                     company_name=self.company_written(company), email=self.mailbox(person.first, other, company.domain),
                     business=self.written(direct, extension) if self.rng.random() < 0.6 else self.central_written(company),
                     job=self.rng.choice(JOB_TITLES))  # fmt: skip

    def son_not_in_crm(self) -> None:
        firms = [c for c in self.companies if c.family and sum(1 for p in c.people if p.marker) == 1]
        for company in firms[: self.per // 2]:
            father = next(p for p in company.people if p.marker)
            son = Person(father.first, father.last, company, True, marker="jun.")
            self.row("son_not_in_crm", [], name=self.full_name(son, title=""), company=company,
                     email=self.mailbox(son.first, f"{son.last} jun", company.domain),
                     mobile=self.written(self.number(company.country)), business=self.central_written(company),
                     job=self.rng.choice(["Geschäftsführer", "Prokurist", "Leiter Vertrieb"]))  # fmt: skip

    def central_line_colleague(self) -> None:
        for _ in range(self.per // 2):
            company = self.rng.choice([c for c in self.companies if c.people and not c.family])
            first, last = self.outsider(company)
            self.row("central_line_colleague", [], name=f"{first} {last}", company=company,
                     email=self.mailbox(first, last, company.domain), business=self.central_written(company),
                     job=self.rng.choice(JOB_TITLES))  # fmt: skip

    def namesake_other_company(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.plain(p) and not p.particle)
            company = self.rng.choice([c for c in self.companies if c is not person.company and not c.family])
            self.row("namesake_other_company", [], name=f"{person.first} {person.last}", company=company,
                     email=self.mailbox(person.first, person.last, company.domain),
                     mobile=self.written(self.number(company.country)),
                     business=self.central_written(company) if self.rng.random() < 0.3 else "")  # fmt: skip

    def dynamics_duplicate_new(self) -> None:
        for _ in range(self.per // 4):
            company = self.rng.choice([c for c in self.companies if not c.family])
            first, last = self.outsider(company)
            email, mobile = self.mailbox(first, last, company.domain), self.number(company.country)
            self.row("dynamics_duplicate_new", [], name=f"{first} {last}", company=company, email=email)
            self.row("dynamics_duplicate_new", [], name=f"Dr. {first} {last}", company=company,
                     mobile=self.written(mobile))  # fmt: skip

    def not_in_crm(self) -> None:
        for _ in range(self.per * 2):
            known = self.rng.random() < 0.5
            company = (
                self.rng.choice([c for c in self.companies if not c.family]) if known else self.new_company()
            )
            first, last = self.outsider(company)
            self.row("not_in_crm", [], name=f"{first} {last}", company=company,
                     email=self.mailbox(first, last, company.domain) if self.rng.random() < 0.8 else "",
                     mobile=self.written(self.number(company.country)) if self.rng.random() < 0.5 else "",
                     business=self.central_written(company) if self.rng.random() < 0.4 else "",
                     job=self.rng.choice(JOB_TITLES))  # fmt: skip

    def build(self) -> GeneratedCases:
        self.build_crm()
        for category in (
            self.titled_email, self.umlaut_written_out, self.noble_particle, self.mobile_forms, self.direct_line,
            self.name_company_central, self.family_firm_generation, self.migrated_guid, self.dynamics_duplicate,
            self.umlaut_other_name, self.son_not_in_crm, self.central_line_colleague,
            self.namesake_other_company, self.dynamics_duplicate_new, self.not_in_crm,
        ):  # fmt: skip
            category()
        self.rng.shuffle(self.cases)
        for case in self.cases:
            case.external_id = case.row[INBOUND_ID]
        return GeneratedCases.shuffled(self.rng, self.crm_rows, self.cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# Splink reads Salesforce's first and last names as they are and Dynamics' `Full Name` cut at its last space
# (titles stay in the first name, as a reader without rules for them leaves them), the email, the last nine
# digits of Salesforce's mobile (else its phone) and of Dynamics' mobile (else its business phone), the
# company, the postcode and the city.
_CRM_PHONE = """coalesce(nullif("Mobile", ''), "Phone", '')"""
_DYNAMICS_PHONE = """coalesce(nullif("Mobile Phone", ''), "Business Phone", '')"""
PERSON_SQL = {
    "crm": f"""
        SELECT "{CRM_ID}" AS unique_id,
               nullif(lower(trim("First Name")), '') AS first_name,
               nullif(lower(trim("Last Name")), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               nullif(right(regexp_replace({_CRM_PHONE}, '[^0-9]', '', 'g'), 9), '') AS phone,
               {{company}}("Account Name") AS company,
               nullif(trim("Mailing Zip/Postal Code"), '') AS zip,
               nullif(lower(trim("Mailing City")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{INBOUND_ID}" AS unique_id,
               nullif(lower(trim(regexp_extract(trim("Full Name"), '^(.*)\\s\\S+$', 1))), '') AS first_name,
               nullif(lower(regexp_extract(trim("Full Name"), '(\\S+)$', 1)), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               nullif(right(regexp_replace({_DYNAMICS_PHONE}, '[^0-9]', '', 'g'), 9), '') AS phone,
               {{company}}("Company Name") AS company,
               nullif(trim("Address 1: ZIP/Postal Code"), '') AS zip,
               nullif(lower(trim("Address 1: City")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}


SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="salesforce_contacts",
        inbound_file="dynamics_contacts",
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
        source="Salesforce Contacts (DACH) <- a Dynamics 365 Sales contacts export",
        splink_model=person_model_em_on_email,
    )
]


if __name__ == "__main__":
    run_generated("identity36", SUITES, seed=361, people=2400, orgs=0, per_category=40)
