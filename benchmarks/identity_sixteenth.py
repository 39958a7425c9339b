"""A sixteenth record set: HubSpot companies linked from an accounting system's customer list.

    python benchmarks/identity_sixteenth.py [--orgs 3000] [--per-category 80] [--seed 161] [--skip-splink]

The CRM side is a HubSpot companies export as the UI writes it (`Record ID`, `Company name`, `Company Domain
Name`, `Website URL`, `Phone Number`, `Street Address`, `City`, `State/Region`, `Postal Code`,
`Country/Region`, `Industry`, `Parent Company`, ...). The inbound side is a Xero contacts export, the customer
list a finance team keeps for invoicing (`ContactName`, `EmailAddress`, `FirstName`/`LastName` of the billing
contact, `POAddressLine1..2`, `POCity`, `PORegion`, `POPostalCode`, `POCountry`, `PhoneNumber`, `Website`,
`TaxNumber`, `CompanyNumber`), keyed by its `AccountNumber`.

What differs between the two is what differs between sales and finance in real companies: finance writes the
legal name (with its legal form, in the country's spelling), sales the trading name; invoices go to free-mail
boxes, to the bookkeeper's mailbox or to the group's accounts-payable mailbox; many unrelated companies sit at
one registered agent's or co-working address; chains and groups keep several accounts on one domain. Every
category holds organisations in the CRM and organisations that are not. Ground truth per category; every seed
deterministic.

A second suite (`--only synced`, session 26) writes the customer list as a CRM integration keeps it: a custom
field `HubSpot Company ID` holds the HubSpot company's Record ID for the customers it synced (half of them
invoiced at a free-mail box at a post-office box with no phone), a renamed company's (the id right, the name
another), a subsidiary synced onto its parent's company (the parent's id), another system's number, or nothing.
"""

import random
import string
import sys
from dataclasses import dataclass, field
from pathlib import Path

import phonenumbers

sys.path.insert(0, str(Path(__file__).resolve().parent))

from identity_quality import (
    GeneratedCase,
    GeneratedCases,
    GeneratedSuite,
    organisation_inbound_sql,
    run_generated,
)

CRM_COLUMNS = [
    "Record ID",
    "Company name",
    "Company Domain Name",
    "Website URL",
    "Phone Number",
    "Street Address",
    "Street Address 2",
    "City",
    "State/Region",
    "Postal Code",
    "Country/Region",
    "Industry",
    "Parent Company",
    "Type",
    "Lifecycle Stage",
    "Number of Employees",
    "Create Date",
]
INBOUND_COLUMNS = [
    "AccountNumber",
    "ContactName",
    "EmailAddress",
    "FirstName",
    "LastName",
    "POAddressLine1",
    "POAddressLine2",
    "POCity",
    "PORegion",
    "POPostalCode",
    "POCountry",
    "PhoneNumber",
    "Website",
    "TaxNumber",
    "CompanyNumber",
]


@dataclass
class Country:
    code: str
    label: str  # as HubSpot's Country/Region and Xero's POCountry write it
    forms: tuple[str, ...]  # legal forms as written there, first the usual one
    tld: str
    cities: tuple[tuple, ...]  # (city, region, postcode maker, national phone prefix, digits after it)
    street: str  # "{n}" the house number, "{w}" a word
    free_mail: tuple[str, ...]


def _digits(rng, count):
    return "".join(rng.choice(string.digits) for _ in range(count))


def _letters(rng, count):
    return "".join(rng.choice("ABDEFGHJLNPQRSTUWXYZ") for _ in range(count))


COUNTRIES = [
    Country(
        "US",
        "United States",
        ("Inc.", "LLC", "Corp.", "Inc", "L.L.C.", "Corporation"),
        "com",
        (
            ("New York", "NY", lambda r: "100" + _digits(r, 2), "212", 7),
            ("San Francisco", "CA", lambda r: "941" + _digits(r, 2), "415", 7),
            ("Chicago", "IL", lambda r: "606" + _digits(r, 2), "312", 7),
            ("Austin", "TX", lambda r: "787" + _digits(r, 2), "512", 7),
            ("Seattle", "WA", lambda r: "981" + _digits(r, 2), "206", 7),
            ("Denver", "CO", lambda r: "802" + _digits(r, 2), "303", 7),
        ),
        "{n} {w} {kind}",
        ("gmail.com", "yahoo.com", "outlook.com", "aol.com", "icloud.com"),
    ),
    Country(
        "GB",
        "United Kingdom",
        ("Ltd", "Limited", "Ltd.", "PLC", "LLP"),
        "co.uk",
        (
            ("London", "", lambda r: f"EC{r.randint(1, 4)}A {r.randint(1, 9)}{_letters(r, 2)}", "207", 7),
            ("Manchester", "", lambda r: f"M{r.randint(1, 20)} {r.randint(1, 9)}{_letters(r, 2)}", "161", 7),
            ("Leeds", "", lambda r: f"LS{r.randint(1, 17)} {r.randint(1, 9)}{_letters(r, 2)}", "113", 7),
            ("Bristol", "", lambda r: f"BS{r.randint(1, 16)} {r.randint(1, 9)}{_letters(r, 2)}", "117", 7),
            ("Edinburgh", "", lambda r: f"EH{r.randint(1, 17)} {r.randint(1, 9)}{_letters(r, 2)}", "131", 7),
        ),
        "{n} {w} {kind}",
        ("gmail.com", "yahoo.co.uk", "hotmail.co.uk", "outlook.com", "btinternet.com"),
    ),
    Country(
        "DE",
        "Germany",
        ("GmbH", "AG", "GmbH & Co. KG", "KG", "UG (haftungsbeschränkt)"),
        "de",
        (
            ("Berlin", "Berlin", lambda r: f"10{r.randint(115, 999)}", "30", 8),
            ("München", "Bayern", lambda r: f"80{r.randint(331, 999)}", "89", 7),
            ("Hamburg", "Hamburg", lambda r: f"20{r.randint(95, 999):03d}", "40", 8),
            ("Köln", "Nordrhein-Westfalen", lambda r: f"50{r.randint(667, 999)}", "221", 7),
        ),
        "{w}straße {n}",
        ("gmx.de", "web.de", "t-online.de", "gmail.com"),
    ),
    Country(
        "FR",
        "France",
        ("SAS", "S.A.S.", "SARL", "S.A.", "SA"),
        "fr",
        (
            ("Paris", "Île-de-France", lambda r: f"750{r.randint(1, 20):02d}", "1", 8),
            ("Lyon", "Auvergne-Rhône-Alpes", lambda r: f"6900{r.randint(1, 9)}", "4", 8),
            ("Toulouse", "Occitanie", lambda r: f"31{r.randint(0, 500):03d}", "5", 8),
        ),
        "{n} rue {w}",
        ("orange.fr", "free.fr", "gmail.com", "laposte.net"),
    ),
    Country(
        "NL",
        "Netherlands",
        ("B.V.", "BV", "N.V."),
        "nl",
        (
            ("Amsterdam", "Noord-Holland", lambda r: f"10{r.randint(11, 99)} {_letters(r, 2)}", "20", 7),
            ("Rotterdam", "Zuid-Holland", lambda r: f"30{r.randint(11, 99)} {_letters(r, 2)}", "10", 7),
            ("Utrecht", "Utrecht", lambda r: f"35{r.randint(11, 99)} {_letters(r, 2)}", "30", 7),
        ),
        "{w}straat {n}",
        ("gmail.com", "hotmail.nl", "ziggo.nl", "kpnmail.nl"),
    ),
    Country(
        "AU",
        "Australia",
        ("Pty Ltd", "Pty. Ltd.", "Pty Limited"),
        "com.au",
        (
            ("Sydney", "NSW", lambda r: f"20{r.randint(0, 99):02d}", "29", 7),
            ("Melbourne", "VIC", lambda r: f"30{r.randint(0, 99):02d}", "39", 7),
            ("Brisbane", "QLD", lambda r: f"40{r.randint(0, 99):02d}", "73", 7),
        ),
        "{n} {w} {kind}",
        ("gmail.com", "bigpond.com", "outlook.com", "yahoo.com.au"),
    ),
    Country(
        "CA",
        "Canada",
        ("Inc.", "Ltd.", "Corp.", "Limited"),
        "ca",
        (
            ("Toronto", "ON", lambda r: f"M5V {r.randint(1, 9)}{_letters(r, 1)}{r.randint(1, 9)}", "416", 7),
            (
                "Vancouver",
                "BC",
                lambda r: f"V6B {r.randint(1, 9)}{_letters(r, 1)}{r.randint(1, 9)}",
                "604",
                7,
            ),
            ("Calgary", "AB", lambda r: f"T2P {r.randint(1, 9)}{_letters(r, 1)}{r.randint(1, 9)}", "403", 7),
        ),
        "{n} {w} {kind}",
        ("gmail.com", "hotmail.com", "rogers.com", "shaw.ca"),
    ),
    Country(
        "SE",
        "Sweden",
        ("AB",),
        "se",
        (("Stockholm", "", lambda r: f"1{r.randint(11, 19)} {r.randint(10, 99)}", "8", 8),),
        "{w}gatan {n}",
        ("gmail.com", "telia.com", "hotmail.se"),
    ),
    Country(
        "FI",
        "Finland",
        ("Oy", "Oyj"),
        "fi",
        (("Helsinki", "", lambda r: f"00{r.randint(100, 990)}", "9", 8),),
        "{w}katu {n}",
        ("gmail.com", "luukku.com", "elisanet.fi"),
    ),
    Country(
        "DK",
        "Denmark",
        ("A/S", "ApS"),
        "dk",
        (("København", "", lambda r: f"1{r.randint(50, 499)}", "3", 7),),
        "{w}gade {n}",
        ("gmail.com", "jubii.dk", "hotmail.dk"),
    ),
    Country(
        "PL",
        "Poland",
        ("Sp. z o.o.", "S.A."),
        "pl",
        (("Warszawa", "mazowieckie", lambda r: f"0{r.randint(0, 4)}-{r.randint(1, 999):03d}", "22", 7),),
        "ul. {w} {n}",
        ("wp.pl", "onet.pl", "gmail.com"),
    ),
    Country(
        "IT",
        "Italy",
        ("S.p.A.", "S.r.l.", "SRL"),
        "it",
        (
            ("Milano", "MI", lambda r: f"201{r.randint(21, 62)}", "02", 8),
            ("Roma", "RM", lambda r: f"001{r.randint(18, 99)}", "06", 8),
        ),
        "Via {w} {n}",
        ("libero.it", "gmail.com", "virgilio.it"),
    ),
    Country(
        "ES",
        "Spain",
        ("S.L.", "S.A.", "SL"),
        "es",
        (
            ("Madrid", "Madrid", lambda r: f"280{r.randint(1, 55):02d}", "91", 7),
            ("Barcelona", "Barcelona", lambda r: f"080{r.randint(1, 42):02d}", "93", 7),
        ),
        "Calle {w} {n}",
        ("gmail.com", "hotmail.es", "telefonica.net"),
    ),
    Country(
        "JP",
        "Japan",
        ("K.K.", "Co., Ltd."),
        "co.jp",
        (("Tokyo", "Tokyo", lambda r: f"10{r.randint(0, 9)}-{r.randint(1, 9999):04d}", "3", 8),),
        "{w} {n}-chome",
        ("gmail.com", "yahoo.co.jp", "docomo.ne.jp"),
    ),
    Country(
        "CH",
        "Switzerland",
        ("AG", "GmbH", "SA"),
        "ch",
        (("Zürich", "ZH", lambda r: f"80{r.randint(1, 99):02d}", "44", 7),),
        "{w}strasse {n}",
        ("bluewin.ch", "gmail.com", "gmx.ch"),
    ),
]
BY_CODE = {country.code: country for country in COUNTRIES}
ENGLISH_STREET_KINDS = {"Street": "St", "Avenue": "Ave", "Road": "Rd", "Boulevard": "Blvd", "Lane": "Ln"}
STREET_WORDS = [
    "Oak", "Maple", "Cedar", "Market", "Mill", "Station", "King", "Queen", "Bridge", "Park", "Church", "High",
    "Harbour", "Lake", "Hill", "Garden", "Linden", "Birken", "Eichen", "Rosen", "Berg", "Wald", "Marien",
    "Victor", "Colombe", "Lilas", "Tulp", "Molen", "Kerk", "Wattle", "Banksia", "Granite", "Elm", "Spruce",
    "Fjord", "Sjö", "Koivu", "Lind", "Roma", "Garibaldi", "Mayor", "Alcalá", "Sakura", "Sonnen", "Hafen",
]  # fmt: skip
DESCRIPTORS = [
    "Logistics", "Dental", "Consulting", "Bakery", "Engineering", "Software", "Analytics", "Design", "Foods",
    "Partners", "Systems", "Labs", "Marine", "Energy", "Clinic", "Architects", "Print", "Media", "Freight",
    "Coffee", "Fitness", "Plumbing", "Electrical", "Motors", "Travel", "Robotics", "Textiles", "Pharma",
    "Studio", "Ventures", "Brewing", "Interiors", "Security", "Cloud", "Health", "Outdoor", "Optics", "Legal",
]  # fmt: skip
INDUSTRIES = [
    "COMPUTER_SOFTWARE", "LOGISTICS_AND_SUPPLY_CHAIN", "HOSPITAL_HEALTH_CARE", "FOOD_BEVERAGES",
    "MANAGEMENT_CONSULTING", "CONSTRUCTION", "RETAIL", "MARKETING_AND_ADVERTISING", "FINANCIAL_SERVICES",
]  # fmt: skip
FIRST_NAMES = [
    "Anna", "James", "Priya", "Lukas", "Sophie", "Mateo", "Chloe", "Kenji", "Olivia", "Noah", "Emma", "Liam",
    "Mia", "Jonas", "Léa", "Sara", "Tomasz", "Giulia", "Lars", "Aiko", "Hannah", "Daniel", "Fatima", "Oscar",
]  # fmt: skip
LAST_NAMES = [
    "Smith", "Müller", "Martin", "Jansen", "Rossi", "García", "Nowak", "Andersson", "Virtanen", "Nielsen",
    "Tanaka", "Brown", "Wilson", "Taylor", "Dubois", "Schmidt", "de Vries", "Kowalski", "Johansson", "Sato",
]  # fmt: skip
ONSETS = ["b", "br", "c", "cl", "d", "dr", "f", "g", "gr", "h", "k", "kl", "l", "m", "n", "p", "pr", "q", "r",
          "s", "st", "t", "tr", "v", "w", "z", "sk", "th"]  # fmt: skip
VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "y", "io"]
CODAS = ["n", "r", "l", "x", "m", "s", "t", "nd", "rk", "ll", "v", "nt", "", ""]

# Addresses where many unrelated companies are registered or rent a desk.
REGISTERED_AGENTS = [
    ("1209 Orange Street", "Wilmington", "DE", "19801"),
    ("251 Little Falls Drive", "Wilmington", "DE", "19808"),
    ("8 The Green", "Dover", "DE", "19901"),
    ("30 N Gould St", "Sheridan", "WY", "82801"),
]
COWORKING = [
    # (street, suite label, city, region, postcode, country, the reception's shared national number)
    ("115 W 18th St", "Suite", "New York", "NY", "10011", "US", "2124301188"),
    ("1 Poultry", "Office", "London", "", "EC2R 8EJ", "GB", "2079460188"),
    ("Friedrichstraße 68", "Büro", "Berlin", "Berlin", "10117", "DE", "3020188880"),
    ("Herengracht 420", "Unit", "Amsterdam", "Noord-Holland", "1017 BZ", "NL", "205550188"),
    ("100 Harris St", "Level 2, Suite", "Sydney", "NSW", "2009", "AU", "291230188"),
]
HOSTS = [
    ("https://{slug}.wixsite.com/home", "https://www.{slug}.wixsite.com/home/"),
    ("https://{slug}.squarespace.com", "{slug}.squarespace.com/about"),
    ("https://{slug}.myshopify.com", "http://{slug}.myshopify.com/collections/all"),
    ("https://www.facebook.com/{slug}", "facebook.com/{slug}/"),
    ("https://linktr.ee/{slug}", "linktr.ee/{slug}"),
    ("https://www.instagram.com/{slug}/", "instagram.com/{slug}"),
]


@dataclass
class Org:
    core: str  # the trading name ("Korbix Logistics")
    country: Country
    city: str
    region: str
    postcode: str
    street: str
    suite: str = ""
    phone: str = ""  # national digits
    domain: str = ""
    form: str = ""  # legal form as the registry writes it
    website: str = ""  # as the CRM writes it, when not the domain's home page
    parent: str = ""
    crm_id: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def legal_name(self) -> str:
        return f"{self.core} {self.form}".strip()


class World:
    """Made-up companies, each brand used once unless a category asks for it again."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.brands: set[str] = set()
        self.phones: set[str] = set()
        self.crm: list[Org] = []
        self.next_id = 9_800_000_000 + seed * 1000

    def word(self) -> str:
        rng = self.rng
        while True:
            text = "".join(
                rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
                for _ in range(rng.choice((2, 2, 3)))
            )
            if 5 <= len(text) <= 10:
                return text.capitalize()

    def brand(self) -> str:
        while True:
            word = self.word()
            if word.lower() not in self.brands:
                self.brands.add(word.lower())
                return word

    def core(self, brand: str = "") -> str:
        brand = brand or self.brand()
        shape = self.rng.random()
        if shape < 0.3:
            return brand
        if shape < 0.9:
            return f"{brand} {self.rng.choice(DESCRIPTORS)}"
        return f"{brand} {self.rng.choice(('&', 'and'))} {self.brand()}"

    def phone(self, prefix: str, digits: int) -> str:
        while True:
            first = self.rng.choice("2345678")
            number = prefix + first + _digits(self.rng, digits - 1)
            if number not in self.phones:
                self.phones.add(number)
                return number

    def address(self, country: Country, city_row=None) -> tuple:
        city, region, postcode, prefix, digits = city_row or self.rng.choice(country.cities)
        kind = self.rng.choice(list(ENGLISH_STREET_KINDS))
        street = country.street.format(n=self.rng.randint(1, 480), w=self.rng.choice(STREET_WORDS), kind=kind)
        return city, region, postcode(self.rng), street, prefix, digits

    def org(
        self, country: Country | None = None, *, core: str = "", city_row=None, domain: str | None = None
    ):
        country = country or self.rng.choice(COUNTRIES)
        core = core or self.core()
        city, region, postcode, street, prefix, digits = self.address(country, city_row)
        slug = "".join(ch for ch in core.lower().replace("&", "and") if ch.isalnum())[:18]
        return Org(
            core=core,
            country=country,
            city=city,
            region=region,
            postcode=postcode,
            street=street,
            phone=self.phone(prefix, digits),
            domain=f"{slug}.{country.tld}" if domain is None else domain,
            form=self.rng.choice(country.forms),
        )

    def add(self, org: Org) -> Org:
        self.next_id += self.rng.randint(1, 97)
        org.crm_id = str(self.next_id)
        self.crm.append(org)
        return org


# -- how each side writes a company ------------------------------------------------------------------------


def international(org: Org, number: str = "") -> str:
    parsed = phonenumbers.parse(number or org.phone, org.country.code)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def national(org: Org, number: str = "") -> str:
    parsed = phonenumbers.parse(number or org.phone, org.country.code)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)


def crm_row(rng, org: Org, *, name: str | None = None, with_domain: bool = True) -> dict:
    website = org.website or (f"https://www.{org.domain}" if org.domain else "")
    return {
        "Record ID": org.crm_id,
        "Company name": org.core if name is None else name,
        "Company Domain Name": org.domain if with_domain and "/" not in org.domain else "",
        "Website URL": website if with_domain and rng.random() < 0.8 else "",
        "Phone Number": international(org) if org.phone and rng.random() < 0.85 else "",
        "Street Address": org.street,
        "Street Address 2": org.suite,
        "City": org.city,
        "State/Region": org.region,
        "Postal Code": org.postcode,
        "Country/Region": org.country.label,
        "Industry": rng.choice(INDUSTRIES),
        "Parent Company": org.parent,
        "Type": rng.choice(("Customer", "Prospect", "Partner", "")),
        "Lifecycle Stage": rng.choice(("customer", "opportunity", "lead")),
        "Number of Employees": str(rng.choice((5, 12, 40, 150, 800))),
        "Create Date": f"20{rng.randint(18, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} 10:{rng.randint(10, 59)}",
    }


def abbreviated_street(street: str) -> str:
    for long, short in ENGLISH_STREET_KINDS.items():
        if street.endswith(f" {long}"):
            return street[: -len(long)] + short
    return street.replace("straße", "str.").replace("strasse", "str.")


def tax_number(rng, org: Org) -> str:
    code = org.country.code
    if code == "US":
        return f"{_digits(rng, 2)}-{_digits(rng, 7)}"
    if code == "AU":
        return f"{_digits(rng, 2)} {_digits(rng, 3)} {_digits(rng, 3)} {_digits(rng, 3)}"
    if code == "CA":
        return f"{_digits(rng, 9)}RT0001"
    return f"{'EL' if code == 'GR' else code}{_digits(rng, 9)}"


def billing_row(rng, org: Org, *, name: str = "", email: str = "", phone: str | None = None, **overrides):
    """The company as a finance team writes it: its legal name, an invoices mailbox, the postal address."""
    contact_first, contact_last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    if not email:
        box = rng.choice(("accounts", "ap", "billing", "invoices", "finance", "accounts.payable", "person"))
        if box == "person":
            box = f"{contact_first[0].lower()}.{_ascii(contact_last).lower().replace(' ', '')}"
        email = f"{box}@{org.domain}" if org.domain and "/" not in org.domain else ""
    street = abbreviated_street(org.street) if rng.random() < 0.4 else org.street
    if phone is None:
        phone = rng.choice((national(org), international(org), "")) if org.phone else ""
    row = {
        "ContactName": name or org.legal_name,
        "EmailAddress": email,
        "FirstName": contact_first if rng.random() < 0.6 else "",
        "LastName": contact_last,
        "POAddressLine1": street,
        "POAddressLine2": org.suite,
        "POCity": org.city,
        "PORegion": org.region,
        "POPostalCode": org.postcode,
        "POCountry": org.country.label if rng.random() < 0.85 else org.country.code,
        "PhoneNumber": phone,
        "Website": "",
        "TaxNumber": tax_number(rng, org) if rng.random() < 0.6 else "",
        "CompanyNumber": "",
    }
    if not row["FirstName"]:
        row["LastName"] = ""
    row.update(overrides)
    return row


def _ascii(text: str) -> str:
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def loosely_written(rng, name: str) -> str:
    """A legal name as people type it: dots and commas dropped, upper case, doubled spaces."""
    choice = rng.random()
    if choice < 0.3:
        return name.replace(".", "").replace(",", "")
    if choice < 0.5:
        return name.upper()
    if choice < 0.6:
        return name.replace(" ", "  ", 1)
    return name


def typo(rng, text: str) -> str:
    letters = [i for i, ch in enumerate(text) if ch.isalpha()]
    i = rng.choice(letters[2:] or letters)
    kind = rng.random()
    if kind < 0.33:
        return text[:i] + text[i + 1 :]
    if kind < 0.66 and i + 1 < len(text) and text[i + 1].isalpha():
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + rng.choice("aeioulnrst") + text[i + 1 :]


# -- categories -------------------------------------------------------------------------------------------


class Builder:
    def __init__(self, world: World):
        self.world, self.rng = world, world.rng
        self.crm_rows: list[dict] = []
        self.cases: list[GeneratedCase] = []

    def keep(self, org: Org, **options) -> Org:
        self.world.add(org)
        self.crm_rows.append(crm_row(self.rng, org, **options))
        return org

    def case(self, category: str, row: dict, *truth: Org) -> None:
        self.cases.append(GeneratedCase(category, row, tuple(org.crm_id for org in truth)))

    def in_crm(self, share: float = 0.6) -> bool:
        return self.rng.random() < share

    # Finance writes the legal name; sales the name the company trades under.
    def legal_name(self, count: int) -> None:
        for _ in range(count):
            org = self.world.org()
            if self.in_crm():
                self.keep(org)
                self.case(
                    "legal_name",
                    billing_row(self.rng, org, name=loosely_written(self.rng, org.legal_name)),
                    org,
                )
            else:
                # Another company under the same brand word elsewhere is in the CRM; this one is not.
                brand = org.core.split()[0]
                self.keep(self.world.org(core=f"{brand} {self.rng.choice(DESCRIPTORS)}"))
                self.case(
                    "legal_name",
                    billing_row(self.rng, org),
                )

    # One company's legal form in another spelling; a company of the same name in another country is not it.
    def legal_form_spelling(self, count: int) -> None:
        spellings = {
            "GmbH": "Gesellschaft mit beschränkter Haftung", "AG": "Aktiengesellschaft", "S.p.A.": "SpA",
            "S.r.l.": "Srl", "B.V.": "B V", "BV": "B.V.", "N.V.": "NV", "Sp. z o.o.": "Sp. z o. o.",
            "Pty Ltd": "Pty. Limited", "Pty. Ltd.": "PTY LTD", "K.K.": "Kabushiki Kaisha", "Oy": "OY",
            "A/S": "AS", "S.A.S.": "SAS", "SAS": "S.A.S", "Ltd": "Limited", "Limited": "Ltd.", "PLC": "Public Limited Company",
            "LLC": "L.L.C.", "Inc.": "Incorporated", "Inc": "Inc.", "Corp.": "Corporation", "AB": "Aktiebolag",
            "S.L.": "SL", "S.A.": "SA", "SARL": "S.A.R.L.", "ApS": "APS", "LLP": "L.L.P.",
        }  # fmt: skip
        for _ in range(count):
            org = self.world.org()
            written = f"{org.core} {spellings.get(org.form, org.form)}"
            if self.in_crm():
                self.keep(org, name=org.legal_name)
                self.case("legal_form_spelling", billing_row(self.rng, org, name=written), org)
            else:
                other = self.world.org(
                    core=org.core, country=self.rng.choice([c for c in COUNTRIES if c != org.country])
                )
                self.keep(other, name=other.legal_name)
                self.case("legal_form_spelling", billing_row(self.rng, org, name=written, email=""))

    # "&" and "and", a leading "The": one name. A shop of the same generic name in another town is another shop.
    def and_the(self, count: int) -> None:
        for _ in range(count):
            country = BY_CODE[self.rng.choice(("US", "GB", "AU", "CA"))]
            first, second = self.world.brand(), self.world.brand()
            shape = self.rng.random()
            if shape < 0.5:
                crm_name, billed = (
                    f"{first} & {second}",
                    f"{first} and {second} {self.rng.choice(country.forms)}",
                )
            else:
                noun = self.rng.choice(("Kettle", "Anchor", "Bakehouse", "Workshop", "Larder", "Tavern"))
                crm_name, billed = f"The {first} {noun}", f"{first} {noun} {self.rng.choice(country.forms)}"
            org = self.world.org(country, core=crm_name, domain="" if self.rng.random() < 0.5 else None)
            if self.in_crm():
                self.keep(org)
                self.case("and_the", billing_row(self.rng, org, name=billed), org)
            else:
                elsewhere = self.world.org(country, core=crm_name, domain="")
                while elsewhere.city == org.city:
                    elsewhere = self.world.org(country, core=crm_name, domain="")
                self.keep(elsewhere)
                free = (
                    f"{_ascii(first).lower()}{self.rng.randint(1, 99)}@{self.rng.choice(country.free_mail)}"
                )
                self.case("and_the", billing_row(self.rng, org, name=billed, email=free))

    # The CRM keeps a company under its initials; finance writes the name out (or the other way round).
    def acronym(self, count: int) -> None:
        for _ in range(count):
            words = [self.world.brand(), self.rng.choice(("Valley", "River", "Northern", "Pacific", "Atlantic")),
                     self.rng.choice(DESCRIPTORS), self.rng.choice(("Services", "Group", "Systems", "Solutions"))]  # fmt: skip
            long = " ".join(words)
            short = "".join(word[0] for word in words).upper()
            country = BY_CODE[self.rng.choice(("US", "GB", "CA", "AU"))]
            org = self.world.org(
                country, core=long, domain=f"{short.lower()}{self.rng.randint(1, 9)}.{country.tld}"
            )
            if self.in_crm():
                self.keep(org, name=short)
                self.case("acronym", billing_row(self.rng, org), org)
            else:
                # A CRM company with the same initials, elsewhere, on its own domain.
                other = self.world.org(country, core=short)
                self.keep(other)
                self.case("acronym", billing_row(self.rng, org))

    # A chain: one brand, one domain, an account per location (its address and phone).
    def chain(self, count: int) -> None:
        made = 0
        while made < count:
            country = BY_CODE[self.rng.choice(("US", "GB", "AU", "DE", "CA"))]
            brand = (
                f"{self.world.brand()} {self.rng.choice(('Coffee', 'Fitness', 'Dental', 'Pizza', 'Cycles'))}"
            )
            domain = f"{brand.split()[0].lower()}{brand.split()[1].lower()}.{country.tld}"
            locations = []
            for _ in range(self.rng.randint(3, 6)):
                location = self.world.org(country, core=brand, domain=domain)
                location.website = f"https://{domain}/locations/{location.city.lower().replace(' ', '-')}"
                locations.append(location)
            kept, new = locations[:-1], locations[-1]
            for location in kept:
                label = f"{brand} - {location.city}" if self.rng.random() < 0.4 else brand
                self.keep(location, name=label)
            for location in [*self.rng.sample(kept, min(2, len(kept))), new]:
                franchisee = f"{self.world.brand()} {self.rng.choice(location.country.forms)}"
                name = self.rng.choice(
                    (f"{brand} {location.city}", f"{brand} ({location.city})", brand, franchisee)
                )
                box = f"{_ascii(location.city).lower().replace(' ', '')}@{domain}"
                row = billing_row(self.rng, location, name=name, email=box, phone=national(location))
                self.case("chain_location", row, *([location] if location is not new else []))
                made += 1

    # A group's companies in several countries, on national domains or on the group's one.
    def subsidiaries(self, count: int) -> None:
        made = 0
        while made < count:
            brand = self.world.brand()
            codes = self.rng.sample(["US", "GB", "DE", "FR", "NL", "AU", "SE", "ES", "IT"], 5)
            group_domain = f"{brand.lower()}.com"
            companies = []
            for index, code in enumerate(codes):
                country = BY_CODE[code]
                national_domain = f"{brand.lower()}.{country.tld}"
                domain = group_domain if index == 0 or self.rng.random() < 0.4 else national_domain
                company = self.world.org(country, core=brand, domain=domain)
                company.form = country.forms[0]
                companies.append(company)
            parent = companies[0]
            kept, new = companies[:4], companies[4]
            for company in kept:
                company.parent = parent.legal_name if company is not parent else ""
                self.keep(company, name=company.legal_name if self.rng.random() < 0.7 else company.core)
            for company in [*self.rng.sample(kept, 2), new]:
                row = billing_row(self.rng, company, name=loosely_written(self.rng, company.legal_name))
                self.case("subsidiary_abroad", row, *([company] if company is not new else []))
                made += 1

    # Invoices to a free-mail box: the domain says nothing about the company.
    def free_mail(self, count: int) -> None:
        junk = self.world.org(BY_CODE["US"], core="gmail.com", domain="gmail.com")
        self.keep(junk, name="Gmail")  # a company made from a free-mail domain, as CRMs collect them
        for _ in range(count):
            org = self.world.org(domain="")
            first = _ascii(self.rng.choice(FIRST_NAMES)).lower()
            box = f"{first}.{_ascii(org.core.split()[0]).lower()}{self.rng.randint(1, 999)}@{self.rng.choice(org.country.free_mail)}"
            if self.in_crm():
                self.keep(org)
                name = org.legal_name if self.rng.random() < 0.6 else org.core
                self.case("free_mail", billing_row(self.rng, org, name=name, email=box), org)
            else:
                self.case("free_mail", billing_row(self.rng, org, email=box))

    # A bookkeeper sends its clients' invoices from its own domain; the bookkeeper is itself in the CRM.
    def bookkeeper(self, count: int) -> None:
        firms = []
        for _ in range(6):
            country = BY_CODE[self.rng.choice(("GB", "US", "AU", "CA"))]
            name = f"{self.world.brand()} {self.rng.choice(('Bookkeeping', 'Accountants', 'Accounting', 'Tax & Accounts'))}"
            firms.append(self.keep(self.world.org(country, core=name)))
        for _ in range(count):
            firm = self.rng.choice(firms)
            city_row = next(row for row in firm.country.cities if row[0] == firm.city)
            client = self.world.org(firm.country, city_row=city_row)
            slug = "".join(ch for ch in client.core.lower() if ch.isalnum())[:12]
            email = self.rng.choice(
                (f"{slug}@{firm.domain}", f"invoices@{firm.domain}", f"clients@{firm.domain}")
            )
            row = billing_row(self.rng, client, name=client.legal_name, email=email)
            if self.in_crm(0.5):
                self.keep(client, with_domain=self.rng.random() < 0.5)
                self.case("bookkeeper_mailbox", row, client)
            else:
                self.case("bookkeeper_mailbox", row)

    # A group's shared accounts-payable mailbox on its companies' invoices.
    def parent_ap(self, count: int) -> None:
        made = 0
        while made < count:
            country = BY_CODE[self.rng.choice(("GB", "US", "DE", "AU", "NL"))]
            brand = self.world.brand()
            parent = self.world.org(country, core=f"{brand} Group")
            parent.form = country.forms[0]
            self.keep(parent, name=parent.legal_name)
            units = []
            for word in self.rng.sample(DESCRIPTORS, 3):
                unit = self.world.org(
                    country, core=f"{brand} {word}", domain=f"{brand.lower()}{word.lower()}.{country.tld}"
                )
                unit.form = country.forms[0]
                unit.parent = parent.legal_name
                units.append(unit)
            for unit in units[:2]:
                self.keep(unit)
            for unit in units:
                ap = self.rng.choice(("ap", "accounts.payable", "invoices", "purchase.ledger"))
                shared_services = self.rng.random() < 0.5
                place = parent if shared_services else unit
                row = billing_row(self.rng, unit, email=f"{ap}@{parent.domain}", phone="")
                row.update({"POAddressLine1": place.street, "POCity": place.city, "POPostalCode": place.postcode,
                            "PORegion": place.region})  # fmt: skip
                self.case("parent_ap_mailbox", row, *([unit] if unit is not units[2] else []))
                made += 1

    # Registered agents: thousands of unrelated companies at one Delaware or Wyoming address, no phone.
    def registered_agent(self, count: int) -> None:
        us = BY_CODE["US"]
        held = []
        for _ in range(count * 2):
            street, city, region, postcode = self.rng.choice(REGISTERED_AGENTS)
            org = self.world.org(us)
            org.street, org.city, org.region, org.postcode, org.phone = street, city, region, postcode, ""
            org.form = self.rng.choice(("LLC", "Inc.", "L.L.C.", "Corp."))
            if self.rng.random() < 0.5:
                org.domain = ""
            held.append(org)
            self.keep(org, name=org.legal_name)
        for index in range(count):
            if self.in_crm(0.5):
                org = held[index]
                self.case(
                    "registered_agent",
                    billing_row(self.rng, org, name=loosely_written(self.rng, org.legal_name)),
                    org,
                )
            else:
                street, city, region, postcode = self.rng.choice(REGISTERED_AGENTS)
                sibling = self.rng.choice(held)
                # Often a sister company of a CRM one: the same first word, another business.
                core = (
                    f"{sibling.core.split()[0]} {self.rng.choice(DESCRIPTORS)}"
                    if self.rng.random() < 0.5
                    else ""
                )
                org = self.world.org(us, core=core)
                org.street, org.city, org.region, org.postcode, org.phone = street, city, region, postcode, ""
                org.form = self.rng.choice(("LLC", "Inc."))
                if org.core.split()[-1] == sibling.core.split()[-1] or org.core == sibling.core:
                    continue
                self.case("registered_agent", billing_row(self.rng, org, phone=""))

    # A co-working building: many tenants, one street address and the reception's number.
    def coworking(self, count: int) -> None:
        tenants = []
        for _ in range(count * 2):
            street, label, city, region, postcode, code, reception = self.rng.choice(COWORKING)
            country = BY_CODE[code]
            org = self.world.org(country)
            org.street, org.city, org.region, org.postcode = street, city, region, postcode
            org.suite = f"{label} {self.rng.randint(100, 999)}"
            org.extra["reception"] = reception
            if self.rng.random() < 0.6:
                org.phone = reception
            tenants.append(org)
        for org in tenants[:count]:
            self.keep(org)
        for index in range(count):
            in_crm = self.in_crm(0.5)
            org = tenants[index] if in_crm else tenants[count + index]
            phone = national(org, org.extra["reception"]) if self.rng.random() < 0.7 else None
            row = billing_row(self.rng, org, phone=phone)
            self.case("coworking", row, *([org] if in_crm else []))

    # A small business whose web presence is a page on a platform.
    def hosted(self, count: int) -> None:
        for _ in range(count):
            org = self.world.org(domain="")
            crm_form, billing_form = self.rng.choice(HOSTS)
            slug = "".join(ch for ch in org.core.lower() if ch.isalnum())
            org.website = crm_form.format(slug=slug)
            row = billing_row(self.rng, org, name=org.legal_name,
                              email=f"{slug[:10]}@{self.rng.choice(org.country.free_mail)}",
                              Website=billing_form.format(slug=slug))  # fmt: skip
            if self.in_crm():
                self.keep(org)
                self.case("hosted_site", row, org)
            else:
                self.case("hosted_site", row)

    # The website as finance copies it: scheme, www, paths, capitals.
    def website_forms(self, count: int) -> None:
        for _ in range(count):
            org = self.world.org()
            written = self.rng.choice(
                (f"HTTPS://WWW.{org.domain.upper()}/", f"{org.domain}/contact-us", f"http://{org.domain}",
                 f"www.{org.domain}", f"https://{org.domain}/en/home?ref=invoice")
            )  # fmt: skip
            row = billing_row(self.rng, org, name=org.legal_name, email="", Website=written)
            if self.in_crm():
                self.keep(org)
                self.case("website_forms", row, org)
            else:
                self.case("website_forms", row)

    # A company renamed: finance has the new name, the CRM the old one; domain, address and line kept.
    def rebrand(self, count: int) -> None:
        for _ in range(count):
            old = self.world.org()
            new_core = self.world.core()
            name = self.rng.choice((f"{new_core} {old.form}", f"{new_core} {old.form} (formerly {old.core})"))
            row = billing_row(self.rng, old, name=name, phone=national(old))
            if self.in_crm():
                self.keep(old)
                self.case("rebrand", row, old)
            else:
                self.case("rebrand", row)

    # Typing slips and capitals; a company one letter apart elsewhere is another company.
    def typos(self, count: int) -> None:
        for _ in range(count):
            org = self.world.org()
            written = typo(self.rng, org.legal_name)
            if self.rng.random() < 0.3:
                written = written.upper()
            if self.in_crm():
                self.keep(org)
                self.case("typo_caps", billing_row(self.rng, org, name=written), org)
            else:
                twin = self.world.org(core=typo(self.rng, org.core))
                if twin.core.lower() == org.core.lower():
                    continue
                self.keep(twin)
                self.case("typo_caps", billing_row(self.rng, org, name=written))

    # A name with its office's place written after it.
    def office_label(self, count: int) -> None:
        for _ in range(count):
            org = self.world.org()
            place = self.rng.choice(
                (f" \u2013 {org.city}", f" - {org.city}", f" ({org.city})", f", {org.city} office")
            )
            row = billing_row(self.rng, org, name=f"{org.legal_name}{place}")
            if self.in_crm():
                self.keep(org)
                self.case("office_label", row, org)
            else:
                self.case("office_label", row)

    # Canada's numbered companies: the number is the name; one digit more is another company.
    def numbered(self, count: int) -> None:
        canada = BY_CODE["CA"]
        provinces = {"ON": ("Ontario", "Inc."), "AB": ("Alberta", "Ltd."), "BC": ("B.C.", "Ltd.")}
        for _ in range(count):
            code = self.rng.choice(list(provinces))
            province, form = provinces[code]
            number = f"{self.rng.randint(1_000_000, 2_999_999)}"
            city_row = (
                next(row for row in canada.cities if row[1] == code) if code != "ON" else canada.cities[0]
            )
            org = self.world.org(canada, core=f"{number} {province}", city_row=city_row, domain="")
            org.form = form
            written = self.rng.choice(
                (
                    org.legal_name,
                    org.legal_name.upper().replace(".", ""),
                    f"{number} {province} {'Limited' if form == 'Ltd.' else 'Incorporated'}",
                )
            )
            if self.in_crm(0.5):
                self.keep(org, name=org.legal_name)
                self.case("numbered_company", billing_row(self.rng, org, name=written), org)
            else:
                neighbour = str(int(number) + self.rng.choice((-1, 1, 10, -10, 100)))
                other = self.world.org(canada, core=f"{neighbour} {province}", city_row=city_row, domain="")
                other.form = form
                self.keep(other, name=other.legal_name)
                self.case("numbered_company", billing_row(self.rng, org, name=written))

    # A company twice in the CRM: either record is right, and they tie.
    def crm_duplicates(self, count: int) -> None:
        for _ in range(count):
            org = self.world.org()
            self.keep(org)
            copy = Org(**{**org.__dict__, "crm_id": "", "extra": {}})
            self.keep(
                copy,
                name=org.core.upper() if self.rng.random() < 0.5 else org.legal_name,
                with_domain=self.rng.random() < 0.5,
            )
            self.case("crm_duplicate", billing_row(self.rng, org), org, copy)

    # Finance keeps only the legal name, the country and the VAT number.
    def sparse(self, count: int) -> None:
        for _ in range(count):
            org = self.world.org()
            row = billing_row(self.rng, org, email="", phone="", POAddressLine1="", POAddressLine2="", POPostalCode="",
                              POCity="", PORegion="", TaxNumber=tax_number(self.rng, org))  # fmt: skip
            if self.in_crm():
                self.keep(org)
                self.case("name_and_vat_only", row, org)
            else:
                self.case("name_and_vat_only", row)

    # Two unrelated businesses of one name in one town: the street, the line and the domain tell them apart.
    def namesake_same_town(self, count: int) -> None:
        for _ in range(count):
            country = BY_CODE[self.rng.choice(("US", "GB", "AU", "CA", "DE"))]
            city_row = self.rng.choice(country.cities)
            core = f"{self.world.brand()} {self.rng.choice(('Plumbing', 'Electrical', 'Dental', 'Print', 'Motors'))}"
            held = self.keep(self.world.org(country, core=core, city_row=city_row))
            if self.in_crm(0.4):
                self.case("namesake_same_town", billing_row(self.rng, held), held)
            else:
                slug = "".join(ch for ch in core.lower() if ch.isalnum())
                other = self.world.org(
                    country,
                    core=core,
                    city_row=city_row,
                    domain=f"{slug}-{_ascii(held.city).lower()}.{country.tld}",
                )
                self.case("namesake_same_town", billing_row(self.rng, other, phone=national(other)))

    # A company that moved: new address and line, the same name and domain.
    def relocated(self, count: int) -> None:
        for _ in range(count):
            org = self.world.org()
            moved = Org(**{**org.__dict__, "extra": {}})
            moved.city, moved.region, moved.postcode, moved.street, prefix, digits = self.world.address(
                org.country
            )
            moved.phone = self.world.phone(prefix, digits)
            row = billing_row(self.rng, moved, email=f"accounts@{org.domain}")
            if self.in_crm():
                self.keep(org)
                self.case("relocated", row, org)
            else:
                # Not in the CRM; a company of another name is, at the address it moved to.
                neighbour = self.world.org(org.country)
                neighbour.street, neighbour.city, neighbour.postcode = (
                    moved.street,
                    moved.city,
                    moved.postcode,
                )
                self.keep(neighbour)
                self.case("relocated", row)

    # A group's companies at one address on one switchboard and domain; finance writes each legal name.
    def sister_company(self, count: int) -> None:
        for _ in range(count):
            brand = self.world.brand()
            first, second = self.rng.sample(DESCRIPTORS, 2)
            held = self.world.org(
                core=f"{brand} {first}", domain=f"{brand.lower()}.{self.rng.choice(COUNTRIES).tld}"
            )
            sister = Org(**{**held.__dict__, "core": f"{brand} {second}", "extra": {}})
            self.keep(held, name=held.legal_name if self.rng.random() < 0.5 else held.core)
            if self.in_crm(0.4):
                self.case("sister_company", billing_row(self.rng, held, phone=national(held)), held)
            else:
                self.case("sister_company", billing_row(self.rng, sister, phone=national(sister)))

    # Shops on a storefront or booking platform that gives each its own subdomain ("rosewood.bigcartel.com"):
    # the platform's domain is every tenant's.
    def platform_subdomain(self, count: int) -> None:
        platforms = ("bigcartel.com", "company.site", "mystrikingly.com", "teachable.com", "gumroad.com",
                     "jimdofree.com", "odoo.com", "ueniweb.com", "myportfolio.com", "setmore.com")  # fmt: skip
        for _ in range(count):
            platform = self.rng.choice(platforms)
            country = BY_CODE[self.rng.choice(("US", "GB", "AU", "DE", "NL"))]
            city_row = self.rng.choice(country.cities)
            brand = self.world.brand()
            org = self.world.org(
                country, core=f"{brand} {self.rng.choice(DESCRIPTORS)}", city_row=city_row, domain=""
            )
            slug = "".join(ch for ch in org.core.lower() if ch.isalnum())
            org.website = f"https://{slug}.{platform}"
            other = self.world.org(
                country, core=f"{brand} {self.rng.choice(DESCRIPTORS)}", city_row=city_row, domain=""
            )
            if other.core == org.core:
                continue
            other_slug = "".join(ch for ch in other.core.lower() if ch.isalnum())
            other.website = f"https://{other_slug}.{platform}"
            self.keep(other)  # a neighbour on the same platform, in the CRM
            email = f"{slug[:12]}@{self.rng.choice(country.free_mail)}"
            website = self.rng.choice((f"{slug}.{platform}", f"http://{slug}.{platform}/shop", org.website))
            row = billing_row(self.rng, org, email=email, Website=website)
            if self.in_crm():
                self.keep(org)
                self.case("platform_subdomain", row, org)
            else:
                self.case("platform_subdomain", row)

    # A customer list without addresses (as card payments leave it): a name, a mailbox and a number. The
    # company's own line or domain says which company; a namesake elsewhere has lines of its own.
    def no_address(self, count: int) -> None:
        blank = dict.fromkeys(("POAddressLine1", "POAddressLine2", "POCity", "PORegion", "POPostalCode"), "")
        for _ in range(count):
            country = BY_CODE[self.rng.choice(("US", "GB", "AU", "CA", "DE", "FR"))]
            core = f"{self.world.brand()} {self.rng.choice(('Plumbing', 'Dental', 'Bakery', 'Fitness', 'Print'))}"
            held = self.keep(self.world.org(country, core=core))
            if self.in_crm(0.5):
                if self.rng.random() < 0.5:
                    row = billing_row(
                        self.rng,
                        held,
                        email=f"{self.rng.choice(('hello', 'gm'))}@{self.rng.choice(country.free_mail)}",
                        phone=national(held),
                        **blank,
                    )
                else:
                    row = billing_row(self.rng, held, phone="", **blank)
                self.case("no_address_list", row, held)
            else:
                other = self.world.org(country, core=core)
                slug = "".join(ch for ch in core.lower() if ch.isalnum())
                other.domain = f"{slug}-{_ascii(other.city).lower().replace(' ', '')}.{country.tld}"
                if self.rng.random() < 0.5:
                    row = billing_row(
                        self.rng,
                        other,
                        email=f"{slug[:10]}{self.rng.randint(1, 99)}@{self.rng.choice(country.free_mail)}",
                        phone=national(other),
                        **blank,
                    )
                else:
                    row = billing_row(self.rng, other, phone=self.rng.choice(("", national(other))), **blank)
                self.case("no_address_list", row)

    def background(self, total: int) -> None:
        while len(self.crm_rows) < total:
            self.keep(self.world.org())


def sixteenth_cases(orgs: int, per_category: int, seed: int) -> GeneratedCases:
    world = World(seed)
    builder = Builder(world)
    for make in (
        builder.legal_name,
        builder.legal_form_spelling,
        builder.and_the,
        builder.acronym,
        builder.chain,
        builder.subsidiaries,
        builder.free_mail,
        builder.bookkeeper,
        builder.parent_ap,
        builder.registered_agent,
        builder.coworking,
        builder.hosted,
        builder.website_forms,
        builder.rebrand,
        builder.typos,
        builder.office_label,
        builder.numbered,
        builder.crm_duplicates,
        builder.sparse,
        builder.namesake_same_town,
        builder.relocated,
        builder.sister_company,
        builder.platform_subdomain,
        builder.no_address,
    ):
        make(per_category)
    builder.background(orgs)
    rows = builder.crm_rows
    world.rng.shuffle(rows)
    world.rng.shuffle(builder.cases)
    for number, case in enumerate(builder.cases, start=1):
        case.external_id = f"CUST-{seed:03d}-{number:05d}"
    return GeneratedCases(rows, builder.cases)


# The synced suite: the accounting system's customer list as a CRM integration keeps it, a custom field holding
# the HubSpot company's Record ID for the customers it synced.
SYNCED_ID = "HubSpot Company ID"
SYNCED_COLUMNS = [*INBOUND_COLUMNS, SYNCED_ID]


class SyncedBuilder(Builder):
    """Customers the integration synced (the id right, the legal name as finance writes it; half of them with a
    free-mail box, a post-office box and no phone), a company renamed
    since (the id right, the name another), a subsidiary synced onto its parent's company (the parent's id,
    the subsidiary in the CRM or not), another system's number in the field, and customers never synced."""

    def synced(self, count: int) -> None:
        for _ in range(count):
            org = self.keep(self.world.org())
            row = billing_row(self.rng, org, name=loosely_written(self.rng, org.legal_name))
            self.case("synced_id", {**row, SYNCED_ID: org.crm_id}, org)

    def synced_sparse(self, count: int) -> None:
        """Synced customers whose invoices go to a free-mail box at a post-office box, no phone: the id is all
        that names the company beside its name and town."""
        for _ in range(count):
            org = self.keep(self.world.org())
            box = f"{_ascii(org.core.split()[0]).lower()}{self.rng.randint(1, 999)}@{self.rng.choice(org.country.free_mail)}"
            row = billing_row(
                self.rng,
                org,
                name=loosely_written(self.rng, org.legal_name),
                email=box,
                phone="",
                POAddressLine1=f"PO Box {self.rng.randint(100, 9999)}",
                POAddressLine2="",
                POPostalCode="",
            )
            self.case("synced_id_sparse", {**row, SYNCED_ID: org.crm_id}, org)

    def renamed(self, count: int) -> None:
        for _ in range(count):
            old = self.keep(self.world.org())
            row = billing_row(self.rng, old, name=f"{self.world.core()} {old.form}")
            self.case("synced_id_renamed", {**row, SYNCED_ID: old.crm_id}, old)

    def parent_id(self, count: int) -> None:
        for _ in range(count):
            brand = self.world.brand()
            parent = self.keep(self.world.org(core=brand))
            subsidiary = self.world.org(core=f"{brand} {self.rng.choice(DESCRIPTORS)}")
            in_crm = self.in_crm(0.5)
            if in_crm:
                self.keep(subsidiary)
            row = billing_row(self.rng, subsidiary, name=subsidiary.legal_name)
            self.case(
                "synced_id_of_parent", {**row, SYNCED_ID: parent.crm_id}, *([subsidiary] if in_crm else [])
            )

    def other_system_id(self, count: int) -> None:
        for _ in range(count):
            org = self.world.org()
            in_crm = self.in_crm()
            if in_crm:
                self.keep(org)
            row = billing_row(self.rng, org, name=loosely_written(self.rng, org.legal_name))
            self.case(
                "other_system_id",
                {**row, SYNCED_ID: f"QB-{_digits(self.rng, 6)}"},
                *([org] if in_crm else []),
            )

    def unsynced(self, count: int) -> None:
        for _ in range(count):
            org = self.world.org()
            in_crm = self.in_crm()
            if in_crm:
                self.keep(org)
            row = billing_row(self.rng, org, name=loosely_written(self.rng, org.legal_name))
            self.case("not_synced", {**row, SYNCED_ID: ""}, *([org] if in_crm else []))


def synced_cases(orgs: int, per_category: int, seed: int) -> GeneratedCases:
    world = World(seed + 1)
    builder = SyncedBuilder(world)
    builder.synced(per_category)
    builder.synced_sparse(per_category)
    builder.renamed(per_category // 4)
    builder.parent_id(per_category // 4)
    builder.other_system_id(per_category // 4)
    builder.unsynced(per_category)
    builder.background(orgs // 3)
    rows = builder.crm_rows
    world.rng.shuffle(rows)
    world.rng.shuffle(builder.cases)
    for number, case in enumerate(builder.cases, start=1):
        case.external_id = f"SYNC-{seed:03d}-{number:05d}"
    return GeneratedCases(rows, builder.cases)


CRM_SQL = """
        SELECT "Record ID" AS unique_id, {company}(strip_accents("Company name")) AS name,
               {domain}(coalesce(nullif("Company Domain Name", ''), "Website URL")) AS domain,
               {phone}("Phone Number") AS phone, nullif(lower(strip_accents(trim("City"))), '') AS city,
               nullif(trim("Postal Code"), '') AS postcode
        FROM read_csv('{path}', all_varchar = true)
    """


def main() -> None:
    suite = GeneratedSuite(
        name="organisations",
        make=lambda args: sixteenth_cases(args.orgs, args.per_category, args.seed),
        crm_file="hubspot_companies",
        inbound_file="xero_contacts",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id="AccountNumber",
        cli_options=["--provider", "hubspot", "--object", "companies", "--kind", "organisation"],
        splink_kind="organisation",
        sql={
            "crm": CRM_SQL,
            "inbound": organisation_inbound_sql(
                "AccountNumber", "ContactName", "Website", "PhoneNumber", "POCity", "POPostalCode"
            ),
        },
        source="HubSpot companies <- Xero contacts",
    )
    synced = GeneratedSuite(
        name="synced",
        make=lambda args: synced_cases(args.orgs, args.per_category, args.seed),
        crm_file="hubspot_companies",
        inbound_file="xero_contacts",
        crm_columns=CRM_COLUMNS,
        inbound_columns=SYNCED_COLUMNS,
        inbound_id="AccountNumber",
        cli_options=["--provider", "hubspot", "--object", "companies", "--kind", "organisation"],
        splink_kind="organisation",
        sql=suite.sql,
        source="HubSpot companies <- Xero contacts with the HubSpot company id an integration stored",
    )
    run_generated("identity-sixteenth", [suite, synced], seed=161, people=0, orgs=3000, per_category=80)


if __name__ == "__main__":
    main()
