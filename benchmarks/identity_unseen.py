"""A fourth, independent check of identity: a Salesforce Data Loader extract against a German HubSpot export
that went through Excel.

    python benchmarks/identity_unseen.py [--people 3000] [--per-category 40] [--seed 2026]
                                         [--skip-splink] [--keep DIR] [--examples 10]

`identity_data`, `identity_adversarial` and `identity_holdout` write HubSpot-, Salesforce- and Pipedrive-shaped
records with English column names or English UI labels, one file per object, comma separated. This one is
written from another desk:

- **The CRM side is a Salesforce Data Loader extract of Leads and Contacts**, both objects in one file as a
  data engineer unions them to match against everything Salesforce holds. Data Loader writes the API names
  of the query in capitals (`ID`, `FIRSTNAME`, `MOBILEPHONE`, `ACCOUNT.NAME`, `MAILINGCITY`, `COMPANY`,
  `ISCONVERTED`, `CONVERTEDCONTACTID`), 18-character ids (`003...` contacts, `00Q...` leads).
- **The inbound side is a contacts export of a German HubSpot portal** (German column labels: `Vorname`,
  `Nachname`, `E-Mail`, `Telefonnummer`, `Mobiltelefonnummer`, `Name des Unternehmens`, `Stadt`,
  `Postleitzahl`, `Land/Region`, `Geburtsdatum`, and the `Salesforce ID` the sync left), opened and saved in
  a European Excel: semicolon separated, a byte-order mark, phone numbers turned into numbers (the `+` and
  the leading zeros gone, long ones as `4.91712E+11`), postcodes without their leading zero, dates as
  serial numbers or `dd.mm.yyyy`, stray spaces and capitals.

People come from eight locales (German, Austrian, French, Spanish, Dutch, Chinese, Japanese, American), with
their spellings: umlauts and ß against ue/ss, French accents and hyphenated given names, Spanish double
surnames, Dutch "van der", Chinese and Japanese family-name-first order. The categories (each with its truth:
the CRM ids it may link to, or none) are in `CATEGORIES`; every seed is deterministic.

Both tools run in the same run on the same files: ours through the product's command line, as a data
engineer runs it (`manage.py identity_link ... --provider salesforce --object Contact --kind person
--external-id-column Datensatz-ID --train`, a child process), and Splink with the settings
`identity_quality.py` documents, its SQL mapping these columns. The table is `identity_quality.report`'s:
wrong auto-links, recall, review count and top-3 per category, and each tool's time.
"""

import argparse
import csv
import datetime as dt
import os
import random
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import phonenumbers
from identity_django import setup_django
from identity_quality import Run, read_truth, report, run_identity_link, run_splink

ROOT = Path(__file__).resolve().parent.parent

CRM_COLUMNS = [
    "ID",
    "FIRSTNAME",
    "LASTNAME",
    "EMAIL",
    "PHONE",
    "MOBILEPHONE",
    "ACCOUNT.NAME",
    "COMPANY",
    "MAILINGCITY",
    "CITY",
    "MAILINGPOSTALCODE",
    "POSTALCODE",
    "MAILINGCOUNTRY",
    "COUNTRY",
    "BIRTHDATE",
    "ISCONVERTED",
    "CONVERTEDCONTACTID",
]
INBOUND_COLUMNS = [
    "Datensatz-ID",
    "Vorname",
    "Nachname",
    "E-Mail",
    "Telefonnummer",
    "Mobiltelefonnummer",
    "Name des Unternehmens",
    "Stadt",
    "Postleitzahl",
    "Land/Region",
    "Geburtsdatum",
    "Salesforce ID",
]
INBOUND_ID = "Datensatz-ID"

# locale -> region, country (English, as Salesforce holds it), country (German, as the HubSpot portal shows
# it), cities with postcodes, given-name pairs (two people of one family: Jan/Jana), surnames, free mail.
LOCALES = {
    "de": (
        "DE",
        "Germany",
        "Deutschland",
        [
            ("Dresden", "01067"),
            ("Leipzig", "04109"),
            ("München", "80331"),
            ("Köln", "50667"),
            ("Jena", "07743"),
        ],
        [
            ("Jan", "Jana"),
            ("Christian", "Christiane"),
            ("Daniel", "Daniela"),
            ("Paul", "Paula"),
            ("Simon", "Simone"),
            ("Jürgen", "Jutta"),
            ("Björn", "Birgit"),
            ("Günther", "Gudrun"),
            ("Matthias", "Mathilde"),
            ("Uwe", "Ute"),
        ],
        [
            "Müller",
            "Schäfer",
            "Weiß",
            "Größ",
            "Strauß",
            "Böhm",
            "Krüger",
            "Hoffmann",
            "Schröder",
            "Jäger",
            "Köhler",
            "Fuß",
            "Wagner",
            "Becker",
            "Schulz",
            "Meißner",
        ],
        ["gmx.de", "web.de", "t-online.de", "gmail.com"],
    ),
    "at": (
        "AT",
        "Austria",
        "Österreich",
        [("Wien", "1010"), ("Graz", "8010"), ("Linz", "4020")],
        [("Florian", "Florentine"), ("Stefan", "Stefanie"), ("Andreas", "Andrea"), ("Michael", "Michaela")],
        ["Gruber", "Huber", "Pölzl", "Höller", "Steiner", "Moser", "Mayrhofer", "Weißenböck"],
        ["gmx.at", "aon.at", "gmail.com"],
    ),
    "fr": (
        "FR",
        "France",
        "Frankreich",
        [("Paris", "75008"), ("Lyon", "69002"), ("Annecy", "74000"), ("Bourg-en-Bresse", "01000")],
        [
            ("Jean-Pierre", "Jeanne"),
            ("Michel", "Michèle"),
            ("Frédéric", "Frédérique"),
            ("Dominique", "Dominique"),
            ("Hélène", "Henri"),
            ("François", "Françoise"),
            ("Gabriel", "Gabrielle"),
            ("Noël", "Noémie"),
        ],
        ["Lefèvre", "Girard", "Bénard", "Dupré", "Lemaître", "Rousseau", "Mercier", "Chevalier", "Fournier"],
        ["orange.fr", "free.fr", "laposte.net", "gmail.com"],
    ),
    "es": (
        "ES",
        "Spain",
        "Spanien",
        [("Madrid", "28013"), ("Sevilla", "41001"), ("Valencia", "46002"), ("Bilbao", "48001")],
        [
            ("María José", "José María"),
            ("Francisco", "Francisca"),
            ("Antonio", "Antonia"),
            ("Juan Carlos", "Juana"),
            ("Sergio", "Sara"),
            ("Pilar", "Pablo"),
        ],
        ["García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Núñez", "Ibáñez", "Muñoz"],
        ["hotmail.es", "yahoo.es", "telefonica.net", "gmail.com"],
    ),
    "nl": (
        "NL",
        "Netherlands",
        "Niederlande",
        [("Amsterdam", "1012 AB"), ("Utrecht", "3511 LX"), ("Rotterdam", "3011 AD"), ("Leiden", "2311 EZ")],
        [
            ("Sander", "Sandra"),
            ("Joost", "Josien"),
            ("Pieter", "Pieternel"),
            ("Wouter", "Wendy"),
            ("Bram", "Britt"),
        ],
        [
            "van der Berg",
            "de Vries",
            "van Dijk",
            "van den Broek",
            "de Jong",
            "van der Meer",
            "ter Horst",
            "van 't Hof",
        ],
        ["ziggo.nl", "kpnmail.nl", "hotmail.nl", "gmail.com"],
    ),
    "cn": (
        "CN",
        "China",
        "China",
        [("Shanghai", "200000"), ("Beijing", "100000"), ("Shenzhen", "518000")],
        [("Wei", "Wen"), ("Jun", "Juan"), ("Ming", "Min"), ("Hao", "Hua"), ("Lei", "Li")],
        ["Wang", "Zhang", "Chen", "Zhao", "Huang", "Zhou", "Xu", "Sun"],
        ["qq.com", "163.com", "126.com", "gmail.com"],
    ),
    "jp": (
        "JP",
        "Japan",
        "Japan",
        [("Tokyo", "100-0001"), ("Osaka", "530-0001"), ("Yokohama", "220-0011")],
        [
            ("Hiroshi", "Hiroko"),
            ("Takashi", "Takako"),
            ("Kenji", "Keiko"),
            ("Yuki", "Yuka"),
            ("Akira", "Akiko"),
        ],
        ["Tanaka", "Watanabe", "Yamamoto", "Nakamura", "Kobayashi", "Kato", "Yoshida", "Matsumoto"],
        ["yahoo.co.jp", "docomo.ne.jp", "gmail.com"],
    ),
    "us": (
        "US",
        "United States",
        "Vereinigte Staaten",
        [("Boston", "02134"), ("Newark", "07102"), ("Hartford", "06103"), ("Portland", "04101")],
        [
            ("Daniel", "Danielle"),
            ("Eric", "Erica"),
            ("Joseph", "Josephine"),
            ("Robert", "Roberta"),
            ("Carl", "Carla"),
        ],
        ["Whitman", "Caldwell", "Harrington", "Kowalski", "Donnelly", "Prescott", "Lindqvist"],
        ["yahoo.com", "aol.com", "comcast.net", "gmail.com"],
    ),
}
FAMILY_FIRST = ("cn", "jp")
LEGAL_FORMS = {
    "de": ["GmbH", "AG", "GmbH & Co. KG", "SE"],
    "at": ["GmbH", "AG", "KG"],
    "fr": ["SAS", "SA", "SARL"],
    "es": ["S.L.", "S.A."],
    "nl": ["B.V.", "N.V."],
    "cn": ["Co., Ltd.", "Ltd."],
    "jp": ["K.K.", "Co., Ltd."],
    "us": ["Inc.", "LLC", "Corp."],
}
COMPANY_STEMS = [
    "Nordwind",
    "Felsquell",
    "Lumière",
    "Castellano",
    "Dijkstra",
    "Hongqiao",
    "Sakura",
    "Brightwater",
    "Alpenglanz",
    "Rheintal",
    "Orbis",
    "Kestrel",
    "Vantor",
    "Elbflorenz",
    "Moravia",
    "Solvera",
    "Tramonto",
    "Grünfeld",
    "Bergkamm",
    "Azurine",
    "Polder",
    "Kaiyo",
    "Jinhai",
    "Meridia",
    "Stellwerk",
    "Falkenau",
    "Sonnhalde",
    "Quellberg",
    "Lindenhof",
    "Mosaik",
    "Aquilon",
    "Cordillera",
    "Tulpenveld",
    "Fujimori",
]
REBRANDS = ["Novaris", "Helix One", "Quantis", "Arvato Next", "Terranova", "Omnira", "Vireo", "Auralis"]
# Department mailboxes in the locales' languages, handed from one holder of the role to the next.
ROLE_MAILBOXES = {
    "de": ["einkauf", "vertrieb", "buchhaltung", "personal", "verwaltung", "kundenservice", "empfang"],
    "at": ["einkauf", "vertrieb", "buchhaltung", "office.wien"],
    "fr": ["achats", "commercial", "comptabilite", "direction", "accueil"],
    "es": ["compras", "ventas", "contabilidad", "administracion", "recepcion"],
    "nl": ["inkoop", "verkoop", "administratie", "receptie"],
    "cn": ["caigou", "xiaoshou"],
    "jp": ["eigyo", "soumu"],
    "us": ["purchasing", "procurement", "frontdesk", "ap"],
}
# The commonest names of a locale: a second person of that name is no surprise.
COMMON_NAMES = {
    "de": [("Thomas", "Müller"), ("Michael", "Schmidt"), ("Andreas", "Schneider"), ("Sabine", "Fischer")],
    "fr": [("Marie", "Martin"), ("Nathalie", "Bernard"), ("Philippe", "Dubois")],
    "es": [("María", "García"), ("Antonio", "Fernández"), ("José", "González")],
    "nl": [("Jan", "de Jong"), ("Anna", "de Vries"), ("Peter", "Jansen")],
    "cn": [("Wei", "Wang"), ("Na", "Li"), ("Wei", "Zhang"), ("Min", "Liu")],
    "jp": [("Hiroshi", "Sato"), ("Yuki", "Suzuki"), ("Akira", "Takahashi")],
    "us": [("James", "Smith"), ("Mary", "Johnson"), ("John", "Williams")],
}

CATEGORIES = {
    # in the CRM: the truth is its record
    "plain_returning": "the same person, written again (a control)",
    "umlaut_transliterated": "Müller/Strauß in Salesforce, Mueller/Strauss in HubSpot (or the other way)",
    "french_accents_hyphen": "Jean-Pierre Lefèvre against JEAN PIERRE LEFEVRE, other mailbox, same mobile",
    "spanish_double_surname": "García López in Salesforce, only García (or García-López) in HubSpot",
    "dutch_tussenvoegsel": "van der Berg against 'Berg, van der' / 'Van Der Berg' / 'vd Berg'",
    "cjk_family_name_first": "Chinese and Japanese names with first and last name in each other's column",
    "gmail_dots_plus": "jan.novak@gmail.com against JanNovak+newsletter@googlemail.com",
    "rebrand_new_domain": "the employer renamed itself: new company name, new email domain, same person",
    "lead_and_contact": "the person is in Salesforce twice: an open Lead and a Contact (either is right)",
    "converted_lead": "a converted Lead beside the Contact it became: only the Contact is right",
    "email_only": "a row with nothing but an email (mixed case, stray spaces)",
    "phone_only": "a row with nothing but a mobile number and the country",
    "excel_plus_lost": "the phone went through Excel: +49 171 ... became 491712345678",
    "excel_scientific_phone": "the phone became 4.91712E+11 (digits lost); name and company still there",
    "excel_zero_lost_serial_date": "postcode without its leading zero, birth date as an Excel serial number",
    "wrong_columns": "the email in the phone column and the phone in the email column",
    "whitespace_case": "'  MÜLLER ', 'anna  maria', ' Anna.Mueller@Firma.DE '",
    "salesforce_id_15": "the 15-character Salesforce id of the Contact (a report's), and an old email",
    # not in the CRM: the truth is none
    "dots_matter_outside_gmail": "jmueller@web.de is not j.mueller@web.de: another Müller of the family",
    "role_mailbox_successor": "einkauf@/achats@/compras@ handed to the next person in the role",
    "family_shared_phone": "the home phone of Jan Fischer, written by Jana Fischer",
    "family_shared_email": "familie.schulz@t-online.de, held by Uwe Schulz, written by Ute Schulz",
    "common_name_stranger": "another Thomas Müller / Wang Wei / María García in the same city",
    "father_son_serial_date": "Hans Weber junior at the family firm; birth dates as Excel serials",
    "initial_family_firm": "'T. Weber' (Tobias) at Weber Bau GmbH, where the CRM knows only Thomas Weber",
}


def ascii_fold(text: str) -> str:
    text = text.replace("ß", "ss").replace("ø", "o")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def transliterate(text: str) -> str:
    """German spelling without umlauts: ä -> ae, ö -> oe, ü -> ue, ß -> ss (other accents dropped)."""
    for plain, replacement in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue")):
        text = text.replace(plain, replacement)
    return ascii_fold(text)


def local_part(text: str) -> str:
    return "".join(ch for ch in transliterate(text).lower() if ch.isalnum() or ch in ".-")


@dataclass
class Person:
    locale: str
    first: str
    last: str
    company: str
    domain: str
    email: str
    mobile: str  # E.164
    office: str
    city: str
    postcode: str
    birthdate: dt.date
    pair: tuple[str, str] = ("", "")
    extra: dict = field(default_factory=dict)


class World:
    """Deterministic people, companies and ids from one seed."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.serial = 0
        self.used_emails: set[str] = set()
        self.used_phones: set[str] = set()
        self.companies: dict[str, list[tuple[str, str]]] = {}

    def salesforce_id(self, prefix: str) -> str:
        """An 18-character Salesforce id (15 case-sensitive characters and the 3-character checksum)."""
        self.serial += 1
        body = prefix + "5e00000" + _base62(self.serial * 7919 + self.rng.randrange(62), 5)
        return body + salesforce_suffix(body)

    def phone(self, region: str, kind=phonenumbers.PhoneNumberType.MOBILE) -> str:
        example = phonenumbers.example_number_for_type(region, kind) or phonenumbers.example_number(region)
        national = str(example.national_number)
        for _ in range(200):
            keep = max(3, len(national) - 6)
            digits = national[:keep] + "".join(
                str(self.rng.randrange(10)) for _ in range(len(national) - keep)
            )
            number = phonenumbers.parse(f"+{example.country_code}{digits}")
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            if phonenumbers.is_valid_number(number) and e164 not in self.used_phones:
                self.used_phones.add(e164)
                return e164
        raise RuntimeError(f"no free number in {region}")

    def company(self, locale: str) -> tuple[str, str]:
        stem = self.rng.choice(COMPANY_STEMS)
        form = self.rng.choice(LEGAL_FORMS[locale])
        tld = {"us": "com", "cn": "cn", "jp": "co.jp", "at": "at"}.get(locale, locale)
        tld = self.rng.choice([tld, "com"])
        number = self.rng.randrange(10, 99)
        name = f"{stem} {['Technik', 'Logistik', 'Systems', 'Partners', 'Consulting', 'Medical'][number % 6]} {form}"
        domain = f"{local_part(stem)}{number}.{tld}"
        return name, domain

    def employer(self, locale: str) -> tuple[str, str]:
        """A company of the locale; a few people share each, as colleagues do."""
        pool = self.companies.setdefault(locale, [])
        if len(pool) < 40 or self.rng.random() < 0.1:
            pool.append(self.company(locale))
        return self.rng.choice(pool)

    def unique_email(self, local: str, domain: str) -> str:
        """A free address; at Gmail one without regard to dots (a.b@ and ab@ are one mailbox there)."""

        def mailbox(address: str) -> str:
            name, _, host = address.lower().partition("@")
            return (
                f"{name.replace('.', '')}@gmail.com"
                if host in ("gmail.com", "googlemail.com")
                else address.lower()
            )

        address, count = f"{local}@{domain}", 1
        while mailbox(address) in self.used_emails:
            count += 1
            address = f"{local}{count}@{domain}"
        self.used_emails.add(mailbox(address))
        return address

    def work_email(self, first: str, last: str, domain: str) -> str:
        first_part, last_part = local_part(first.split()[0]), local_part(last.split()[-1])
        style = self.rng.randrange(3)
        local = [f"{first_part}.{last_part}", f"{first_part[0]}.{last_part}", f"{first_part}{last_part}"][
            style
        ]
        return self.unique_email(local, domain)

    def person(self, locale: str | None = None, *, first: str = "", last: str = "", **fixed) -> Person:
        locale = locale or self.rng.choice(list(LOCALES))
        region, _, _, cities, given, surnames, _ = LOCALES[locale]
        pair = self.rng.choice(given)
        first = first or pair[self.rng.randrange(2)]
        last = last or self.rng.choice(surnames)
        company, domain = fixed.pop("employer", None) or self.employer(locale)
        # A fixed place is a household's address; otherwise a district of the city (or of the one asked).
        city, postcode = fixed.pop("place", None) or self.district(
            next((place for place in cities if place[0] == fixed.pop("city", "")), None)
            or self.rng.choice(cities)
        )
        person = Person(
            locale=locale,
            first=first,
            last=last,
            company=company,
            domain=domain,
            email=fixed.pop("email", None) or self.work_email(first, last, domain),
            mobile=fixed.pop("mobile", None) or self.phone(region),
            office=fixed.pop("office", None) or self.phone(region, phonenumbers.PhoneNumberType.FIXED_LINE),
            city=city,
            postcode=postcode,
            birthdate=fixed.pop("birthdate", None)
            or dt.date(1950, 1, 1) + dt.timedelta(days=self.rng.randrange(18000)),
            pair=pair,
        )
        for name, value in fixed.items():
            setattr(person, name, value)
        return person

    def district(self, place: tuple[str, str]) -> tuple[str, str]:
        """Another postcode of the city: its last two digits (and a Dutch postcode's letters) vary."""
        city, postcode = place
        chars = list(postcode)
        digits = [index for index, char in enumerate(chars) if char.isdigit()][-2:]
        for index in digits:
            chars[index] = str(self.rng.randrange(10))
        for index, char in enumerate(chars):
            if char.isalpha():
                chars[index] = self.rng.choice("ABCDEGHJKLMNPRSTVWXZ")
        return city, "".join(chars)

    def free_email(self, first: str, last: str, locale: str, *, domain: str = "") -> str:
        domain = domain or self.rng.choice(LOCALES[locale][6])
        local = f"{local_part(first.split()[0])}.{local_part(last.split()[-1])}{self.rng.randrange(10, 99)}"
        return self.unique_email(local, domain)


_BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _base62(number: int, width: int) -> str:
    digits = []
    for _ in range(width):
        number, rest = divmod(number, 62)
        digits.append(_BASE62[rest])
    return "".join(reversed(digits))


def salesforce_suffix(id15: str) -> str:
    """The three checksum characters Salesforce appends to a 15-character id (one per five characters: a bit
    for each upper-case letter, read from the right)."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
    suffix = ""
    for start in (0, 5, 10):
        chunk = id15[start : start + 5]
        suffix += alphabet[sum(1 << bit for bit, char in enumerate(chunk) if "A" <= char <= "Z")]
    return suffix


# -- how each side writes a value -------------------------------------------------------------------------


def national(e164: str) -> str:
    return phonenumbers.format_number(phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.NATIONAL)


def international(e164: str) -> str:
    return phonenumbers.format_number(phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def excel_number(e164: str) -> str:
    """What Excel keeps of "+49 171 2345678" typed into a General cell: the digits, no plus."""
    return e164.lstrip("+")


def excel_scientific(e164: str) -> str:
    """A number of 12 or more digits in a General cell, saved as CSV: six significant digits."""
    digits = e164.lstrip("+")
    return f"{int(digits):.5E}".replace("E+", "E+").replace(".00000E", "E")


def excel_serial(day: dt.date) -> str:
    return str((day - dt.date(1899, 12, 30)).days)


def salesforce_name_parts(person: Person) -> tuple[str, str]:
    return person.first, person.last


def crm_row(world: World, person: Person, *, lead: bool = False, crm_id: str = "", **fields) -> dict:
    """One Salesforce record as Data Loader writes it: contacts name their account and mailing address,
    leads their company and address; phones as the rep typed them."""
    region, country = LOCALES[person.locale][0], LOCALES[person.locale][1]
    first, last = salesforce_name_parts(person)
    row = {
        "ID": crm_id or world.salesforce_id("00Q" if lead else "003"),
        "FIRSTNAME": first,
        "LASTNAME": last,
        "EMAIL": person.email,
        "PHONE": world.rng.choice([international, national])(person.office),
        "MOBILEPHONE": world.rng.choice([international, national, lambda n: n])(person.mobile),
        "BIRTHDATE": "" if lead else person.birthdate.isoformat(),
    }
    if lead:
        row.update(COMPANY=person.company, CITY=person.city, POSTALCODE=person.postcode, COUNTRY=country)
        row["ISCONVERTED"] = "false"
    else:
        row.update(
            {
                "ACCOUNT.NAME": person.company,
                "MAILINGCITY": person.city,
                "MAILINGPOSTALCODE": person.postcode,
                "MAILINGCOUNTRY": country,
            }
        )
    del region
    row.update(fields)
    return row


def inbound_row(person: Person, **fields) -> dict:
    """The person as the German HubSpot export writes them (before Excel touched it)."""
    row = {
        "Vorname": person.first,
        "Nachname": person.last,
        "E-Mail": person.email,
        "Telefonnummer": "",
        "Mobiltelefonnummer": international(person.mobile),
        "Name des Unternehmens": person.company,
        "Stadt": person.city,
        "Postleitzahl": person.postcode,
        "Land/Region": LOCALES[person.locale][2],
        "Geburtsdatum": "",
    }
    row.update(fields)
    return row


@dataclass
class Case:
    external_id: str
    category: str
    truth: tuple[str, ...]
    row: dict


@dataclass
class CaseSet:
    crm_rows: list[dict]
    cases: list[Case]


def person_cases(people: int = 3000, per_category: int = 40, *, seed: int = 2026) -> CaseSet:
    world = World(seed)
    rng = world.rng
    crm: list[dict] = []
    cases: list[Case] = []

    def in_crm(person: Person, **fields) -> str:
        row = crm_row(world, person, **fields)
        crm.append(row)
        return row["ID"]

    def case(category: str, truth: tuple[str, ...], row: dict) -> None:
        external_id = str(10_000_000 + len(cases) * 37 + rng.randrange(30))
        cases.append(Case(external_id, category, truth, row))

    # The population: people who are only there to be candidates (and namesakes, colleagues, family).
    for _ in range(people):
        person = world.person()
        in_crm(person, lead=rng.random() < 0.25)

    def n():
        return range(per_category)

    for _ in n():
        p = world.person()
        crm_id = in_crm(p)
        fresh = dict(Mobiltelefonnummer=rng.choice([international, national])(p.mobile))
        case("plain_returning", (crm_id,), inbound_row(p, **fresh))

    german = ("de", "at")
    for i in n():
        locale = german[i % 2]
        surnames = [s for s in LOCALES[locale][5] if transliterate(s) != s]
        p = world.person(locale, last=rng.choice(surnames))
        crm_id = in_crm(p)
        if i % 4 == 3:  # HubSpot has the umlauts, Salesforce was typed without them
            crm[-1]["LASTNAME"], crm[-1]["FIRSTNAME"] = transliterate(p.last), transliterate(p.first)
            first, last = p.first, p.last
        else:
            first, last = transliterate(p.first), transliterate(p.last)
        private = world.free_email(first, last, locale)
        row = inbound_row(p, Vorname=first, Nachname=last, **{"E-Mail": private})
        if i % 2:  # no phone either: names, company and city are all there is
            row["Mobiltelefonnummer"] = ""
        case("umlaut_transliterated", (crm_id,), row)

    for i in n():
        first = rng.choice(
            ["Jean-Pierre", "Marie-Hélène", "Jean-François", "Anne-Sophie", "Hélène", "Frédéric"]
        )
        p = world.person("fr", first=first)
        crm_id = in_crm(p)
        shout = ascii_fold(first).replace("-", " ").upper() if i % 2 else ascii_fold(first)
        row = inbound_row(
            p,
            Vorname=shout,
            Nachname=ascii_fold(p.last).upper(),
            **{"E-Mail": world.free_email(p.first, p.last, "fr")},
        )
        case("french_accents_hyphen", (crm_id,), row)

    for i in n():
        first_surname, second = rng.sample(LOCALES["es"][5], 2)
        p = world.person("es", last=f"{first_surname} {second}")
        crm_id = in_crm(p)
        last = [first_surname, f"{first_surname}-{second}", ascii_fold(first_surname)][i % 3]
        row = inbound_row(p, Nachname=last)
        if i % 2:  # another address (personal), the mobile still theirs
            row["E-Mail"] = world.free_email(p.first, p.last, "es")
        case("spanish_double_surname", (crm_id,), row)

    for i in n():
        surname = rng.choice([s for s in LOCALES["nl"][5] if " " in s])
        particle, _, core = surname.rpartition(" ")
        p = world.person("nl", last=surname)
        crm_id = in_crm(p)
        variants = [
            {"Nachname": f"{core}, {particle}"},
            {"Nachname": surname.title()},
            {"Nachname": f"{''.join(w[0] for w in particle.split())} {core}"},
            {"Vorname": f"{p.first} {particle}", "Nachname": core},
        ]
        row = inbound_row(p, **variants[i % 4], **{"E-Mail": world.free_email(p.first, core, "nl")})
        case("dutch_tussenvoegsel", (crm_id,), row)

    for i in n():
        locale = FAMILY_FIRST[i % 2]
        p = world.person(locale)
        crm_id = in_crm(p)
        row = inbound_row(p, Vorname=p.last, Nachname=p.first)
        if i % 2:
            row["E-Mail"] = world.free_email(p.first, p.last, locale)
        else:
            row["Mobiltelefonnummer"] = ""
            row["Vorname"], row["Nachname"] = p.last.upper(), p.first
        case("cjk_family_name_first", (crm_id,), row)

    for _ in n():
        p = world.person()
        local = f"{local_part(p.first.split()[0])}.{local_part(p.last.split()[-1])}"
        p.email = world.unique_email(local, "gmail.com")
        crm_id = in_crm(p)
        dotless = p.email.partition("@")[0].replace(".", "")
        mixed = dotless[0].upper() + dotless[1:]
        written = f"{mixed}+{rng.choice(['newsletter', 'webinar', 'crm'])}@{rng.choice(['gmail.com', 'googlemail.com'])}"
        row = inbound_row(p, **{"E-Mail": written, "Mobiltelefonnummer": ""})
        case("gmail_dots_plus", (crm_id,), row)

    for i in n():
        locale = rng.choice(["de", "fr", "nl", "us"])
        p = world.person(locale)
        crm_id = in_crm(p)
        brand = f"{REBRANDS[i % len(REBRANDS)]} {rng.choice(LEGAL_FORMS[locale])}"
        new_domain = f"{local_part(REBRANDS[i % len(REBRANDS)]).replace(' ', '')}{i}.com"
        address = world.unique_email(p.email.partition("@")[0], new_domain)
        row = inbound_row(p, **{"E-Mail": address, "Name des Unternehmens": brand})
        if i % 2:
            row["Mobiltelefonnummer"] = ""
        case("rebrand_new_domain", (crm_id,), row)

    for i in n():
        p = world.person()
        contact = in_crm(p)
        lead = in_crm(p, lead=True)
        if i % 2:
            crm[-1]["EMAIL"] = world.free_email(p.first, p.last, p.locale)
        case("lead_and_contact", (contact, lead), inbound_row(p))

    for _ in n():
        p = world.person()
        contact = in_crm(p)
        in_crm(p, lead=True, ISCONVERTED="true", CONVERTEDCONTACTID=contact)
        case("converted_lead", (contact,), inbound_row(p))

    for _ in n():
        p = world.person()
        crm_id = in_crm(p)
        written = rng.choice([p.email.upper(), f"  {p.email} ", p.email.title()])
        row = {"E-Mail": written}
        case("email_only", (crm_id,), row)

    for _ in n():
        p = world.person()
        crm_id = in_crm(p)
        row = {"Mobiltelefonnummer": national(p.mobile), "Land/Region": LOCALES[p.locale][2]}
        case("phone_only", (crm_id,), row)

    for i in n():
        p = world.person(rng.choice(["de", "at", "fr", "es", "nl"]))
        crm_id = in_crm(p)
        row = inbound_row(
            p,
            **{
                "Mobiltelefonnummer": excel_number(p.mobile),
                "E-Mail": world.free_email(p.first, p.last, p.locale),
            },
        )
        if i % 2:
            row["Land/Region"] = ""
        case("excel_plus_lost", (crm_id,), row)

    for _ in n():
        p = world.person(rng.choice(["de", "fr", "es", "nl", "cn"]))
        crm_id = in_crm(p)
        row = inbound_row(
            p,
            **{
                "Mobiltelefonnummer": excel_scientific(p.mobile),
                "E-Mail": world.free_email(p.first, p.last, p.locale),
            },
        )
        case("excel_scientific_phone", (crm_id,), row)

    for _ in n():
        locale = rng.choice(["de", "us", "fr"])
        zero_places = [place for place in LOCALES[locale][3] if place[1].startswith("0")]
        p = world.person(locale, place=rng.choice(zero_places))
        crm_id = in_crm(p)
        row = inbound_row(
            p,
            Postleitzahl=p.postcode.lstrip("0"),
            Geburtsdatum=excel_serial(p.birthdate),
            **{"E-Mail": world.free_email(p.first, p.last, locale), "Mobiltelefonnummer": ""},
        )
        case("excel_zero_lost_serial_date", (crm_id,), row)

    for i in n():
        p = world.person()
        crm_id = in_crm(p)
        row = inbound_row(p, **{"E-Mail": international(p.mobile), "Mobiltelefonnummer": p.email})
        if i % 2:
            row["Telefonnummer"], row["Mobiltelefonnummer"] = row["Mobiltelefonnummer"], ""
        case("wrong_columns", (crm_id,), row)

    for i in n():
        p = world.person(rng.choice(["de", "at", "es", "fr"]))
        crm_id = in_crm(p)
        row = inbound_row(
            p,
            Vorname=f"  {p.first.upper()}  ".replace(" ", "  ", 1 if i % 2 else 0),
            Nachname=f" {p.last.replace(' ', '  ').upper()} ",
            Stadt=f" {p.city.lower()}",
            **{"E-Mail": f" {p.email.upper()} ", "Name des Unternehmens": f"{p.company.upper()}  "},
        )
        case("whitespace_case", (crm_id,), row)

    for i in n():
        p = world.person()
        crm_id = in_crm(p)
        old = world.free_email(p.first, p.last, p.locale)
        row = inbound_row(p, **{"Salesforce ID": crm_id[:15], "E-Mail": old, "Mobiltelefonnummer": ""})
        if i % 2:
            row["Name des Unternehmens"] = ""
        case("salesforce_id_15", (crm_id,), row)

    # -- not in the CRM ------------------------------------------------------------------------------------
    # Each case is drawn again while the CRM already holds someone of the inbound person's name at their
    # company, postcode or city (besides the record the case is about): that one might be them, and the
    # truth "not in the CRM" could not be defended.

    def namesake_in_crm(person: Person) -> bool:
        name = (ascii_fold(person.first).lower(), ascii_fold(person.last).lower())
        for row in crm:
            if (ascii_fold(row["FIRSTNAME"]).lower(), ascii_fold(row["LASTNAME"]).lower()) != name:
                continue
            if person.company in (row.get("ACCOUNT.NAME"), row.get("COMPANY")):
                return True
            if person.city in (row.get("MAILINGCITY"), row.get("CITY")):
                return True
        return False

    def stranger(category: str, build) -> None:
        for _ in range(50):
            held, other, row = build()
            if not namesake_in_crm(other):
                break
        for person in held:
            in_crm(person)
        case(category, (), row)

    def dots_matter():
        locale = rng.choice(["de", "at"])
        pair = rng.choice([pair for pair in LOCALES[locale][4] if pair[0][0] == pair[1][0]])
        last = rng.choice(LOCALES[locale][5])
        domain = rng.choice(["web.de", "gmx.de", "t-online.de", "gmx.at"])
        held = world.person(locale, first=pair[0], last=last)
        held.email = world.unique_email(f"{local_part(pair[0])[0]}.{local_part(last)}", domain)
        other = world.person(locale, first=pair[1], last=last, place=(held.city, held.postcode))
        other.email = world.unique_email(f"{local_part(pair[1])[0]}{local_part(last)}", domain)
        return [held], other, inbound_row(other, Mobiltelefonnummer="")

    for _ in n():
        stranger("dots_matter_outside_gmail", dots_matter)

    def role_successor(same_first: bool):
        locale = rng.choice(list(ROLE_MAILBOXES))
        employer = world.company(locale)
        mailbox = f"{rng.choice(ROLE_MAILBOXES[locale])}@{employer[1]}"
        before = world.person(locale, employer=employer, email=mailbox)
        first = before.first if same_first else ""
        after = world.person(locale, first=first, employer=employer, email=mailbox)
        return [before], after, inbound_row(after, Mobiltelefonnummer=international(after.office))

    for i in n():
        stranger("role_mailbox_successor", lambda i=i: role_successor(bool(i % 2)))

    def family_phone():
        locale = rng.choice(["de", "at", "fr", "es", "us"])
        pair = rng.choice([pair for pair in LOCALES[locale][4] if pair[0] != pair[1]])
        last = rng.choice(LOCALES[locale][5])
        home = world.phone(LOCALES[locale][0], phonenumbers.PhoneNumberType.FIXED_LINE)
        place = rng.choice(LOCALES[locale][3])
        held = world.person(locale, first=pair[0], last=last, office=home, city=place[0])
        other = world.person(locale, first=pair[1], last=last, place=(held.city, held.postcode))
        other.email = world.free_email(other.first, last, locale)
        row = inbound_row(
            other, Mobiltelefonnummer="", Telefonnummer=national(home), **{"Name des Unternehmens": ""}
        )
        return [held], other, row

    for _ in n():
        stranger("family_shared_phone", family_phone)

    def family_email():
        locale = rng.choice(["de", "at", "nl", "fr"])
        pair = rng.choice([pair for pair in LOCALES[locale][4] if pair[0] != pair[1]])
        last = rng.choice(LOCALES[locale][5])
        family = world.unique_email(f"familie.{local_part(last.split()[-1])}", rng.choice(LOCALES[locale][6]))
        place = rng.choice(LOCALES[locale][3])
        held = world.person(locale, first=pair[0], last=last, email=family, city=place[0])
        other = world.person(locale, first=pair[1], last=last, email=family, place=(held.city, held.postcode))
        return [held], other, inbound_row(other, Mobiltelefonnummer="")

    for _ in n():
        stranger("family_shared_email", family_email)

    def common_name():
        locale = rng.choice(list(COMMON_NAMES))
        first, last = rng.choice(COMMON_NAMES[locale])
        place = rng.choice(LOCALES[locale][3])
        held = world.person(locale, first=first, last=last, city=place[0])
        other = world.person(locale, first=first, last=last, city=place[0])
        while other.company == held.company:
            other.company, other.domain = world.employer(locale)
        other.email = world.free_email(first, last, locale)
        return [held], other, inbound_row(other, Mobiltelefonnummer="")

    for _ in n():
        stranger("common_name_stranger", common_name)

    def father_son(i: int):
        locale = rng.choice(["de", "at"])
        last = rng.choice(LOCALES[locale][5])
        first = rng.choice(["Hans", "Karl", "Klaus", "Wolfgang", "Peter"])
        employer = world.company(locale)
        place = rng.choice(LOCALES[locale][3])
        senior = world.person(
            locale,
            first=first,
            last=last,
            employer=employer,
            place=place,
            birthdate=dt.date(1950 + i % 10, 1 + i % 12, 1 + i % 28),
        )
        junior = world.person(
            locale,
            first=first,
            last=last,
            employer=employer,
            place=place,
            birthdate=dt.date(1980 + i % 10, 1 + (i * 5) % 12, 1 + (i * 3) % 28),
        )
        junior.email = world.free_email(first, last, locale)
        written = excel_serial(junior.birthdate) if i % 2 else junior.birthdate.strftime("%d.%m.%Y")
        return [senior], junior, inbound_row(junior, Mobiltelefonnummer="", Geburtsdatum=written)

    for i in n():
        stranger("father_son_serial_date", lambda i=i: father_son(i))

    def family_firm():
        locale = rng.choice(["de", "at"])
        last = rng.choice(LOCALES[locale][5])
        pair = rng.choice([pair for pair in LOCALES[locale][4] if pair[0][0] == pair[1][0]])
        stem = rng.choice(["Bau", "Metall", "Druck", "Elektro", "Transporte"])
        employer = (f"{last} {stem} GmbH", f"{local_part(last)}-{local_part(stem)}{rng.randrange(10, 99)}.de")
        place = rng.choice(LOCALES[locale][3])
        held = world.person(locale, first=pair[0], last=last, employer=employer, city=place[0])
        other = world.person(
            locale, first=pair[1], last=last, employer=employer, place=(held.city, held.postcode)
        )
        other.email = world.free_email(other.first, last, locale)
        row = inbound_row(other, Vorname=f"{other.first[0]}.", Mobiltelefonnummer="")
        return [held], other, row

    for _ in n():
        stranger("initial_family_firm", family_firm)

    rng.shuffle(crm)
    rng.shuffle(cases)
    return CaseSet(crm, cases)


def write_files(case_set: CaseSet, directory: Path) -> dict:
    """The Data Loader extract (comma, UTF-8, every value quoted as Data Loader quotes), the Excel-saved
    HubSpot export (semicolons, byte-order mark) and the truth."""
    paths = {
        "crm": directory / "salesforce_extract.csv",
        "inbound": directory / "hubspot_export_excel.csv",
        "truth": directory / "truth.csv",
    }
    with paths["crm"].open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=CRM_COLUMNS, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(case_set.crm_rows)
    with paths["inbound"].open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.DictWriter(handle, fieldnames=INBOUND_COLUMNS, delimiter=";")
        writer.writeheader()
        for item in case_set.cases:
            writer.writerow({INBOUND_ID: item.external_id, **item.row})
    with paths["truth"].open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["external_id", "category", "truth"])
        writer.writerows((c.external_id, c.category, "|".join(c.truth)) for c in case_set.cases)
    return paths


# -- the two tools ------------------------------------------------------------------------------------------


def run_cli(paths: dict) -> Run:
    options = ["--provider", "salesforce", "--object", "Contact", "--kind", "person"]
    return run_identity_link(paths, [*options, "--external-id-column", INBOUND_ID])


# Splink reads the pair through SQL that maps the columns onto its settings' names: the best-placed value of
# each (a contact's mailing address, else a lead's), the mobile before the office line, converted leads out.
SPLINK_SQL = {
    "crm": """
        SELECT "ID" AS unique_id,
               nullif(lower(strip_accents(trim("FIRSTNAME"))), '') AS first_name,
               nullif(lower(strip_accents(trim("LASTNAME"))), '') AS last_name,
               nullif(lower(trim("EMAIL")), '') AS email,
               {phone}(coalesce(nullif("MOBILEPHONE", ''), "PHONE")) AS phone,
               {company}(strip_accents(coalesce(nullif("ACCOUNT.NAME", ''), "COMPANY"))) AS company,
               nullif(trim(coalesce(nullif("MAILINGPOSTALCODE", ''), "POSTALCODE")), '') AS zip,
               nullif(lower(strip_accents(trim(coalesce(nullif("MAILINGCITY", ''), "CITY")))), '') AS city,
               nullif(trim("BIRTHDATE"), '') AS date_of_birth
        FROM read_csv('{path}', all_varchar = true)
        WHERE coalesce("ISCONVERTED", '') <> 'true'
    """,
    "inbound": """
        SELECT "Datensatz-ID" AS unique_id,
               nullif(lower(strip_accents(trim("Vorname"))), '') AS first_name,
               nullif(lower(strip_accents(trim("Nachname"))), '') AS last_name,
               nullif(lower(trim("E-Mail")), '') AS email,
               {phone}(coalesce(nullif("Mobiltelefonnummer", ''), "Telefonnummer")) AS phone,
               {company}(strip_accents("Name des Unternehmens")) AS company,
               nullif(trim("Postleitzahl"), '') AS zip,
               nullif(lower(strip_accents(trim("Stadt"))), '') AS city,
               nullif(trim("Geburtsdatum"), '') AS date_of_birth
        FROM read_csv('{path}', all_varchar = true, delim = ';')
    """,
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--per-category", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--skip-splink", action="store_true")
    parser.add_argument("--examples", type=int, default=10, help="Wrong links shown per tool.")
    parser.add_argument("--keep", type=Path, help="Write the generated files here and keep them.")
    args = parser.parse_args()
    directory = args.keep or Path(tempfile.mkdtemp(prefix="identity-unseen-"))
    directory.mkdir(parents=True, exist_ok=True)
    setup_django(f"identity-unseen-{os.getpid()}.sqlite3")
    case_set = person_cases(args.people, args.per_category, seed=args.seed)
    paths = write_files(case_set, directory)
    truth = read_truth(paths["truth"])
    runs = [run_cli(paths)]
    if not args.skip_splink:
        runs.append(run_splink(paths, kind="person", sql=SPLINK_SQL))
    title = f"people (unseen, seed {args.seed}): {len(case_set.crm_rows)} Salesforce records, {len(truth)} inbound"
    report(title, truth, runs, args.examples)
    print(f"\nfiles in {directory}")


if __name__ == "__main__":
    main()
