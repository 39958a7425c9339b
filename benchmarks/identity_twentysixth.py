"""A twenty-sixth record set: HubSpot contacts linked from a billing system's customers export (Stripe).

    python benchmarks/identity_twentysixth.py [--people 3000] [--per-category 40] [--seed 261] [--skip-splink]
                                              [--keep DIR]

The CRM side is a HubSpot contacts export under its UI labels: `Record ID`, `First Name`, `Last Name`, `Email`,
`Additional email addresses` (";" between them: HubSpot keeps a contact's old primary address there when the
primary changes, and a rep adds a personal one), `Phone Number` (a desk line, or the company's main number a
rep typed), `Mobile Phone Number`, `Company Name`, `Company Domain Name`, `Street Address`, `City`,
`Postal Code`, `Country/Region`, `Job Title`, `Lifecycle Stage`. The CRM holds colleagues at the same company;
some companies' billing mailbox (billing@, ap@, invoices@, accounts-payable@) sits on one person's record (she
filled a form from it), or on a record of its own with no name (an invoice sync created it).

The inbound side is Stripe's customers export (Dashboard > Customers > Export, the default columns and the
address ones): `id` (cus_...), `Description` (free text: a plan, a note, a contact's name), `Email`, `Name` (what
Checkout or the admin typed: a person, or the company when a business buys), `Phone` (as typed), `Created (UTC)`,
`Currency`, `Balance`, `Delinquent`, `Tax Exempt`, `Address Line1`, `Address Line2`, `Address City`,
`Address State`, `Address Country` (ISO code), `Address Postal Code`, `Shipping Name`, `Shipping Address Line1`,
`Shipping Address City`, `Shipping Address Country`, `Shipping Address Postal Code`, the default card's
`Card ID`, `Card Brand`, `Card Last4`, `Card Name` (the cardholder, as Stripe's charge exports label it) and
`Payment Source Type`, and metadata columns as Stripe writes them, `<key> (metadata)`: `app_user_id`,
`company`, `plan`.

Categories, each with its truth, each a thing billing data does to a CRM:

Same person (truth: the CRM record, either of two when the CRM holds the person twice):
- `own_email_full_name`: the CRM's address and the person's name; a phone in another written form, or none.
- `name_is_company`: the CRM's address; `Name` is the company's (a business bought), not the person's.
- `someone_else_pays`: the CRM's address and name; the card's and the shipping name are another person's (a
  spouse, an assistant, the CFO whose card it is, who may be in the CRM as a colleague).
- `role_email_named_person`: the company's billing mailbox, named after a CRM person there (the admin who set
  the subscription up); the CRM holds her on her own address. Her full name and the company's domain say who.
- `role_email_held_by_person`: the billing mailbox the CRM holds on her record, and her name.
- `role_mailbox_record`: the billing mailbox, named after the company; the CRM holds the mailbox as a record of
  its own, with no name.
- `old_address_in_additional`: the address of a former employer, which the CRM keeps among her additional
  addresses (the primary is her new one).
- `new_job_same_mobile`: an address at an employer the CRM does not know (she moved, and the CRM or the
  billing system is behind), her full name, and her own mobile number as the CRM holds it, written otherwise.
- `personal_email_with_phone`: a personal address the CRM does not hold, her full name (or its short form),
  and her own mobile or direct line as the CRM holds it, written otherwise (country codes, trunk zeros).
- `duplicate_customers`: one person as two Stripe customers (two subscriptions): both rows are hers, one may
  carry the company's name or the address in other capitals.
- `crm_duplicate`: the CRM holds the person twice; either record is right.
- `namesake_in_crm`: the CRM holds two people of one full name at two companies; the customer's address is
  one of theirs.
- `typo_or_nickname`: the CRM's address; the name with a typo, a short form, an initial or in lower case.

Someone else (truth: no record):
- `role_email_other_person`: the billing mailbox named after someone the CRM does not hold (the accounts-
  payable clerk); the CRM holds colleagues there, and sometimes the mailbox on one of their records.
- `role_email_company_name`: the billing mailbox named after the company, where the CRM holds no record of
  that mailbox: a company's account, not a contact.
- `payer_in_crm`: someone the CRM does not hold (an employee on a work address it does not know, or a spouse
  on a personal address), whose card or shipping name is a CRM person's.
- `namesake_elsewhere`: the full name of a CRM person on another company's address or a personal one, with
  other numbers.
- `not_in_crm`: customers the CRM does not hold.

Fairness: every inbound row has one truth its two records can tell. Full names are unique within a company in
the CRM; a person not in the CRM never has the full name of a CRM person anywhere; someone on a billing mailbox
who is not its CRM holder shares neither given name (nor short form) nor surname with that holder; a mobile or
direct line is one person's; a company's main number and its street are no one's. A business customer's
address is its office's; a personal one's, a home's. Written from scratch (only `identity_quality`'s interfaces
and phonenumbers' example numbers). Every seed deterministic.
"""

import random
import string
import sys
import unicodedata
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

CRM_COLUMNS = [
    "Record ID",
    "First Name",
    "Last Name",
    "Email",
    "Additional email addresses",
    "Phone Number",
    "Mobile Phone Number",
    "Company Name",
    "Company Domain Name",
    "Street Address",
    "City",
    "Postal Code",
    "Country/Region",
    "Job Title",
    "Lifecycle Stage",
]

INBOUND_COLUMNS = [
    "id",
    "Description",
    "Email",
    "Name",
    "Phone",
    "Created (UTC)",
    "Currency",
    "Balance",
    "Delinquent",
    "Tax Exempt",
    "Address Line1",
    "Address Line2",
    "Address City",
    "Address State",
    "Address Country",
    "Address Postal Code",
    "Shipping Name",
    "Shipping Address Line1",
    "Shipping Address City",
    "Shipping Address Country",
    "Shipping Address Postal Code",
    "Card ID",
    "Card Brand",
    "Card Last4",
    "Card Name",
    "Payment Source Type",
    "app_user_id (metadata)",
    "company (metadata)",
    "plan (metadata)",
]

# Given names and the short forms people type at a checkout (the generator's own; the resolver has its tables).
SHORT = {
    "Anthony": "Tony",
    "Barbara": "Barb",
    "Charles": "Charlie",
    "Christine": "Chris",
    "Douglas": "Doug",
    "Eleanor": "Ellie",
    "Frederick": "Fred",
    "Joseph": "Joe",
    "Jacqueline": "Jackie",
    "Katherine": "Kate",
    "Lawrence": "Larry",
    "Matthew": "Matt",
    "Nathaniel": "Nate",
    "Patricia": "Patty",
    "Raymond": "Ray",
    "Susan": "Sue",
    "Thomas": "Tom",
    "Vincent": "Vince",
    "Andrew": "Andy",
    "Jessica": "Jess",
    "Richard": "Rick",
    "Alexandra": "Alex",
}
PLAIN = [
    "Adaeze",
    "Bjorn",
    "Carmen",
    "Dario",
    "Esther",
    "Fatima",
    "Gunnar",
    "Hiroshi",
    "Ingrid",
    "Javier",
    "Keiko",
    "Lars",
    "Miriam",
    "Naveen",
    "Oskar",
    "Priya",
    "Rafael",
    "Saanvi",
    "Tobias",
    "Uma",
    "Valentina",
    "Wojciech",
    "Yasmin",
    "Zoltan",
    "Amara",
    "Bruno",
    "Celine",
    "Dev",
    "Emil",
    "Fiona",
    "Hugo",
    "Isla",
    "Jonas",
    "Lena",
    "Mateo",
    "Nora",
    "Pablo",
    "Rhea",
    "Stellan",
    "Tamsin",
    "Viktor",
    "Wren",
    "Arjun",
    "Brigitte",
    "Cormac",
    "Delphine",
    "Elif",
    "Gideon",
    "Hanne",
    "Idris",
]
GIVEN = [*SHORT, *PLAIN]
SURNAMES = [
    "Adeyemi",
    "Bergstrom",
    "Caldwell",
    "Donnelly",
    "Eastwood",
    "Fairbanks",
    "Gonzaga",
    "Holloway",
    "Iwasaki",
    "Jorgensen",
    "Kowalski",
    "Lindqvist",
    "McAllister",
    "Nakamura",
    "Oyelaran",
    "Pemberton",
    "Quintero",
    "Rosenthal",
    "Szabo",
    "Trevino",
    "Umeh",
    "Vasquez",
    "Wexler",
    "Yilmaz",
    "Zimmermann",
    "Ashford",
    "Blackwood",
    "Crowley",
    "Drummond",
    "Ellison",
    "Fenwick",
    "Galloway",
    "Hargreaves",
    "Ingram",
    "Jablonski",
    "Kerrigan",
    "Lockhart",
    "Marlowe",
    "Northcott",
    "Okafor",
    "Prescott",
    "Radcliffe",
    "Sinclair",
    "Thackeray",
    "Vandenberg",
    "Whitfield",
    "Albrecht",
    "Brandt",
    "Castillo",
    "Deshpande",
    "Esposito",
    "Fischer",
    "Greco",
    "Haas",
    "Iyer",
    "Kruger",
    "Lombardi",
    "Mendes",
    "Nair",
    "Olsen",
    "Petrov",
    "Richter",
    "Santos",
    "Schmidt",
    "Tran",
    "Weber",
    "Ali",
    "Baker",
    "Cole",
    "Davies",
    "Evans",
    "Ford",
    "Gray",
    "Hill",
    "King",
    "Moore",
    "Reid",
    "Scott",
    "Ward",
    "White",
    "Roberts",
    "Hughes",
    "Mills",
]
STEMS = [
    "Alder",
    "Basalt",
    "Cobalt",
    "Dunmore",
    "Elmstead",
    "Fernhill",
    "Granite",
    "Heron",
    "Isobar",
    "Juno",
    "Kiln",
    "Lattice",
    "Marble",
    "Nettle",
    "Oakridge",
    "Pinnacle",
    "Quayside",
    "Rivet",
    "Sable",
    "Thistle",
    "Ultra",
    "Vesper",
    "Willow",
    "Yardley",
    "Zenith",
    "Anvil",
    "Beacon",
    "Cairn",
    "Delta",
    "Ember",
    "Flint",
    "Gable",
    "Halcyon",
    "Indigo",
    "Jasper",
    "Kinetic",
    "Lantern",
    "Meridian",
    "Northwind",
    "Opal",
    "Pioneer",
    "Quartz",
    "Rampart",
    "Summit",
    "Tundra",
    "Vector",
    "Wharf",
    "Axiom",
    "Bramble",
    "Crest",
]
TRADES = [
    "Dental",
    "Architects",
    "Consulting",
    "Software",
    "Bakery",
    "Clinic",
    "Legal",
    "Studios",
    "Freight",
    "Partners",
    "Fitness",
    "Engineering",
    "Brewing",
    "Design",
    "Accounting",
    "Robotics",
    "Media",
    "Ventures",
]
# A company's billing mailbox: the local parts finance teams give the address they hand to vendors.
BILLING_LOCALS = (
    "billing",
    "billing",
    "accounts-payable",
    "accountspayable",
    "ap",
    "invoices",
    "accounts",
    "finance",
    "payables",
    "accounting",
)
# What a nameless CRM record or a company's own customer is called beside the company's name.
MAILBOX_NAMES = ("{company}", "{company}", "{legal}", "{company} Billing", "{company} Accounts Payable")
TITLES = (
    "Office Manager",
    "Finance Director",
    "CFO",
    "Founder",
    "Owner",
    "Operations Lead",
    "Practice Manager",
    "Head of IT",
    "Marketing Manager",
    "Engineer",
    "Account Executive",
    "Controller",
    "",
)
STAGES = (
    "lead",
    "marketingqualifiedlead",
    "salesqualifiedlead",
    "opportunity",
    "customer",
    "customer",
    "evangelist",
)
PERSONAL_DOMAINS = (
    "gmail.com",
    "gmail.com",
    "outlook.com",
    "yahoo.com",
    "icloud.com",
    "hotmail.com",
    "gmx.de",
)
PLANS = ("starter_monthly", "pro_monthly", "pro_annual", "team_annual", "enterprise")
BRANDS = ("Visa", "Visa", "MasterCard", "American Express", "Discover")


@dataclass(frozen=True)
class Place:
    city: str
    state: str
    postcode: str  # a pattern: "#" a digit, "@" a letter


@dataclass(frozen=True)
class Country:
    code: str  # ISO, as Stripe writes it
    name: str  # as HubSpot's Country/Region holds it
    currency: str
    places: tuple[Place, ...]
    streets: tuple[str, ...]
    legal: tuple[str, ...]
    tlds: tuple[str, ...]
    number_first: bool  # "12 Main St" (True) or "Hauptstr. 12" (False)


COUNTRIES = (
    Country(
        "US",
        "United States",
        "usd",
        (
            Place("Portland", "OR", "972##"),
            Place("Boston", "MA", "021##"),
            Place("Austin", "TX", "787##"),
            Place("Chicago", "IL", "606##"),
            Place("San Jose", "CA", "951##"),
            Place("Denver", "CO", "802##"),
        ),
        ("Main St", "Market St", "Oak Ave", "Broadway", "Elm St", "Harbor Blvd", "2nd Ave"),
        ("Inc.", "LLC", "Inc", ""),
        ("com", "com", "io", "co"),
        True,
    ),
    Country(
        "GB",
        "United Kingdom",
        "gbp",
        (
            Place("London", "", "EC1A #@@"),
            Place("Manchester", "", "M1 #@@"),
            Place("Leeds", "", "LS1 #@@"),
            Place("Edinburgh", "", "EH1 #@@"),
        ),
        ("High Street", "Station Road", "Church Lane", "Victoria Road", "Mill Lane"),
        ("Ltd", "Ltd.", "Limited", "LLP"),
        ("co.uk", "co.uk", "com"),
        True,
    ),
    Country(
        "DE",
        "Germany",
        "eur",
        (Place("Berlin", "", "10###"), Place("Hamburg", "", "20###"), Place("München", "", "80###")),
        ("Hauptstraße", "Bahnhofstraße", "Gartenweg", "Lindenallee", "Schillerstraße"),
        ("GmbH", "GmbH", "UG", "AG"),
        ("de", "de", "com"),
        False,
    ),
    Country(
        "CA",
        "Canada",
        "cad",
        (
            Place("Toronto", "ON", "M5V #@#"),
            Place("Vancouver", "BC", "V6B #@#"),
            Place("Ottawa", "ON", "K1P #@#"),
        ),
        ("King St W", "Queen St E", "Granville St", "Bank St"),
        ("Inc.", "Ltd.", "Corp."),
        ("ca", "com"),
        True,
    ),
    Country(
        "AU",
        "Australia",
        "aud",
        (Place("Sydney", "NSW", "20##"), Place("Melbourne", "VIC", "30##"), Place("Brisbane", "QLD", "40##")),
        ("George St", "Collins St", "Queen St", "Pitt St"),
        ("Pty Ltd", "Pty. Ltd."),
        ("com.au", "com"),
        True,
    ),
)
COUNTRY_WEIGHTS = (0.46, 0.2, 0.14, 0.1, 0.1)


@dataclass
class Company:
    legal: str  # "Basalt Dental LLC"
    short: str  # "Basalt Dental"
    domain: str
    country: Country
    place: Place
    street: str
    postcode: str
    switchboard: str  # E.164
    pattern: str
    billing_local: str
    people: list = field(default_factory=list)
    mailbox_holder: object = None  # the CRM record holding the billing mailbox (a person's, or nameless)
    in_crm: bool = True

    @property
    def billing(self) -> str:
        return f"{self.billing_local}@{self.domain}"


@dataclass
class Person:
    first: str
    last: str
    company: Company
    email: str
    rows: list = field(default_factory=list)
    desk: str = ""  # E.164, the person's own direct line
    mobile: str = ""  # E.164
    personal: str = ""  # a personal address the CRM holds among the additional ones
    old_email: str = ""  # a former employer's address the CRM holds among the additional ones
    old_company: str = ""
    nameless: bool = False  # a record of the billing mailbox, no person's name on it
    namesake: object = None  # the other CRM person of this full name, planted

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(row["Record ID"] for row in self.rows)

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


def fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace(" ", "")


def short_of(first: str) -> str:
    return SHORT.get(first, first)


def handle(pattern: str, first: str, last: str) -> str:
    first, last = fold(first), fold(last)
    return {
        "first.last": f"{first}.{last}",
        "flast": f"{first[0]}{last}",
        "first": first,
        "firstl": f"{first}{last[0]}",
        "f.last": f"{first[0]}.{last}",
        "first_last": f"{first}_{last}",
        "last": last,
    }[pattern]


# Patterns whose mailbox does not spell the whole name: a stranger's there could be read as a CRM person's.
PARTIAL_PATTERNS = frozenset({"flast", "first", "firstl", "f.last", "last"})


class Generator:
    def __init__(self, seed: int, people: int, per_category: int) -> None:
        self.rng = random.Random(seed)
        self.target = people
        self.per_category = per_category
        self.companies: list[Company] = []
        self.persons: list[Person] = []
        self.crm_rows: list[dict] = []
        self.crm_emails: set[str] = set()
        self.crm_names: set[tuple[str, str]] = set()  # every CRM person's full name, folded
        self.planted: set[tuple[str, str]] = set()  # full names of inbound people the CRM does not hold
        self.record_ids: set[str] = set()
        self.customer_ids: set[str] = set()
        self.numbers: set[str] = set()
        self.mailboxes: set[str] = set()
        self.stems: set[str] = set()
        self.domains: set[str] = set()
        self.taken: set[int] = set()

    # -- numbers, names, places ------------------------------------------------------------------------------

    def number(self, country: Country, kind) -> str:
        """A number valid in the country's plan, of the kind asked for, never given out before (E.164)."""
        return fresh_number(self.rng, country.code, kind, self.numbers, random_digits=7)

    def crm_phone(self, e164: str) -> str:
        """A number as a rep types it into HubSpot."""
        parsed = phonenumbers.parse(e164)
        roll = self.rng.random()
        if roll < 0.45:
            return phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)
        if roll < 0.7:
            return e164
        return phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)

    def typed_phone(self, e164: str) -> tuple[str, bool]:
        """A number as a customer types it at checkout, and whether the form needs the country to be read."""
        parsed = phonenumbers.parse(e164)
        national = phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)
        roll = self.rng.random()
        if roll < 0.3:
            return e164, False
        if roll < 0.5:
            return phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL), False
        if roll < 0.6:
            international = phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)
            return "00" + international[1:], False
        if roll < 0.8:
            return national, True
        return "".join(ch for ch in national if ch.isdigit()), True

    def postcode(self, place: Place) -> str:
        return "".join(
            str(self.rng.randint(0, 9))
            if ch == "#"
            else self.rng.choice(string.ascii_uppercase)
            if ch == "@"
            else ch
            for ch in place.postcode
        )

    def street(self, country: Country) -> str:
        name, number = self.rng.choice(country.streets), self.rng.randint(1, 240)
        return f"{number} {name}" if country.number_first else f"{name} {number}"

    def country(self) -> Country:
        return self.rng.choices(COUNTRIES, COUNTRY_WEIGHTS)[0]

    def record_id(self) -> str:
        while (value := str(self.rng.randint(10**9, 10**11))) in self.record_ids:
            pass
        self.record_ids.add(value)
        return value

    def fresh_name(self, *, avoid_first=frozenset(), avoid_last=frozenset()) -> tuple[str, str]:
        """A full name no CRM person and no planted person holds, sharing no given name (nor short form) in
        `avoid_first` and no surname in `avoid_last` (folded)."""
        for _ in range(2000):
            first, last = self.rng.choice(GIVEN), self.rng.choice(SURNAMES)
            key = (fold(first), fold(last))
            if key in self.crm_names or key in self.planted:
                continue
            if {fold(first), fold(short_of(first))} & set(avoid_first) or fold(last) in avoid_last:
                continue
            return first, last
        raise RuntimeError("no fresh name left")

    def personal_address(self, first: str, last: str) -> str:
        """A personal mailbox nobody else holds."""
        while True:
            first_, last_ = fold(first), fold(last)
            local = self.rng.choice(
                (
                    f"{first_}.{last_}",
                    f"{first_}{last_}{self.rng.randint(1, 99)}",
                    f"{first_[0]}{last_}{self.rng.randint(60, 99)}",
                    f"{last_}.{first_}",
                    f"{first_}_{last_}",
                )
            )
            address = f"{local}@{self.rng.choice(PERSONAL_DOMAINS)}"
            key = address.replace(".", "") if address.endswith("gmail.com") else address
            if key not in self.mailboxes and address not in self.crm_emails:
                self.mailboxes.add(key)
                return address

    # -- the CRM ---------------------------------------------------------------------------------------------

    def new_company(self, *, in_crm: bool = True) -> Company:
        while True:
            stem, trade = self.rng.choice(STEMS), self.rng.choice(TRADES)
            if f"{stem}{trade}" not in self.stems:
                self.stems.add(f"{stem}{trade}")
                break
        country = self.country()
        short = f"{stem} {trade}"
        while True:
            domain = (
                self.rng.choice((f"{stem}{trade}", f"{stem}-{trade}", f"{stem}{trade[:3]}", f"{trade}{stem}"))
                .lower()
                .replace("ü", "u")
                + "."
                + self.rng.choice(country.tlds)
            )
            if domain not in self.domains:
                self.domains.add(domain)
                break
        place = self.rng.choice(country.places)
        company = Company(
            legal=f"{short} {self.rng.choice(country.legal)}".strip(),
            short=short,
            domain=domain,
            country=country,
            place=place,
            street=self.street(country),
            postcode=self.postcode(place),
            switchboard=self.number(country, PhoneNumberType.FIXED_LINE),
            pattern=self.rng.choice(
                ("first.last", "first.last", "first.last", "flast", "first", "firstl", "f.last", "first_last")
            ),
            billing_local=self.rng.choice(BILLING_LOCALS),
            in_crm=in_crm,
        )
        if in_crm:
            self.companies.append(company)
        return company

    def crm_row(self, person: Person, *, title: str = "") -> dict:
        company = person.company
        phone = ""
        if person.desk:
            phone = self.crm_phone(person.desk)
        elif self.rng.random() < 0.12:  # the rep typed the company's main number
            phone = self.crm_phone(company.switchboard)
        with_street = self.rng.random() < 0.3
        return {
            "Record ID": self.record_id(),
            "First Name": person.first,
            "Last Name": person.last,
            "Email": person.email,
            "Additional email addresses": "",
            "Phone Number": phone,
            "Mobile Phone Number": self.crm_phone(person.mobile) if person.mobile else "",
            "Company Name": company.legal if self.rng.random() < 0.7 else company.short,
            "Company Domain Name": company.domain if self.rng.random() < 0.8 else "",
            "Street Address": company.street if with_street else "",
            "City": company.place.city if self.rng.random() < 0.7 else "",
            "Postal Code": company.postcode if with_street else "",
            "Country/Region": company.country.name if self.rng.random() < 0.8 else "",
            "Job Title": title or self.rng.choice(TITLES),
            "Lifecycle Stage": self.rng.choice(STAGES),
        }

    def add_person(self, company: Company, names: tuple[str, str] | None = None) -> Person | None:
        for _ in range(60):
            first, last = names or (self.rng.choice(GIVEN), self.rng.choice(SURNAMES))
            if any(fold(p.first) == fold(first) and fold(p.last) == fold(last) for p in company.people):
                if names:
                    return None
                continue
            email = f"{handle(company.pattern, first, last)}@{company.domain}"
            if email in self.crm_emails:
                if names:
                    return None
                continue
            break
        else:
            return None
        person = Person(first, last, company, email)
        if self.rng.random() < 0.4:
            person.desk = self.number(company.country, PhoneNumberType.FIXED_LINE)
        if self.rng.random() < 0.45:
            person.mobile = self.number(company.country, PhoneNumberType.MOBILE)
        self.crm_names.add((fold(first), fold(last)))
        self.crm_emails.add(email)
        person.rows.append(self.crm_row(person))
        if self.rng.random() < 0.03:  # held twice: a form fill beside an import
            twin = dict(
                person.rows[0], **{"Record ID": self.record_id(), "Phone Number": "", "Job Title": ""}
            )
            twin["Email"] = email if self.rng.random() < 0.5 else email.capitalize()
            person.rows.append(twin)
        company.people.append(person)
        self.persons.append(person)
        return person

    def build_crm(self) -> None:
        while sum(len(p.rows) for p in self.persons) < self.target:
            company = self.new_company()
            for _ in range(self.rng.randint(3, 12)):
                self.add_person(company)
            roll = self.rng.random()
            if roll < 0.14:  # the billing mailbox on the record of the person who filled a form from it
                first, last = self.fresh_name()
                holder = Person(first, last, company, company.billing)
                self.crm_names.add((fold(first), fold(last)))
                self.crm_emails.add(company.billing)
                holder.rows.append(
                    self.crm_row(holder, title=self.rng.choice(("Office Manager", "Bookkeeper")))
                )
                company.people.append(holder)
                self.persons.append(holder)
                company.mailbox_holder = holder
            elif roll < 0.24:  # the mailbox as a record of its own, no name on it (an invoice sync made it)
                mailbox = Person("", "", company, company.billing, nameless=True)
                row = self.crm_row(mailbox, title="-")
                row["Job Title"], row["Lifecycle Stage"] = "", "customer"
                mailbox.rows.append(row)
                self.crm_emails.add(company.billing)
                company.people.append(mailbox)
                self.persons.append(mailbox)
                company.mailbox_holder = mailbox
        workers = [p for p in self.persons if self.is_worker(p) and len(p.rows) == 1]
        for person in workers:
            roll = self.rng.random()
            if roll < 0.06:  # a job change: HubSpot kept the former employer's address
                old = self.new_company(in_crm=False)
                address = f"{handle(old.pattern, person.first, person.last)}@{old.domain}"
                if address not in self.crm_emails:
                    person.old_email, person.old_company = address, old.short
                    person.rows[0]["Additional email addresses"] = address
                    self.crm_emails.add(address)
            elif roll < 0.1:  # a rep added the personal address
                person.personal = self.personal_address(person.first, person.last)
                person.rows[0]["Additional email addresses"] = person.personal
                self.crm_emails.add(person.personal)
        # one full name, two people at two companies
        for person in self.rng.sample(workers, k=min(len(workers), max(20, len(workers) // 40))):
            if person.namesake is not None:
                continue
            others = [c for c in self.companies if c is not person.company and len(c.people) >= 3]
            other = self.add_person(self.rng.choice(others), (person.first, person.last))
            if other is not None and len(other.rows) == 1:
                person.namesake, other.namesake = other, person
        for person in self.persons:
            self.crm_rows.extend(person.rows)

    # -- picking -------------------------------------------------------------------------------------------

    def pick(self, test) -> Person | None:
        order = list(range(len(self.persons)))
        self.rng.shuffle(order)
        for index in order[:4000]:
            person = self.persons[index]
            if index not in self.taken and test(person):
                self.taken.add(index)
                return person
        return None

    @staticmethod
    def is_worker(person: Person) -> bool:
        """A named person on their own work address (not the billing mailbox's holder)."""
        return not person.nameless and person.email != person.company.billing

    def plain(self, person: Person) -> bool:
        return self.is_worker(person) and len(person.rows) == 1 and person.namesake is None

    # -- the customers -------------------------------------------------------------------------------------

    def typed(self, first: str, last: str) -> str:
        text = f"{first} {last}"
        roll = self.rng.random()
        return text.lower() if roll < 0.08 else text.upper() if roll < 0.12 else text

    def customer(
        self,
        category: str,
        truth: tuple[str, ...],
        *,
        email: str,
        name: str,
        company: Company | None,
        phone: str = "",
        home: Country | None = None,
        card_name: str | None = None,
        shipping_name: str = "",
        description: str = "",
        meta_company: str | None = None,
    ) -> GeneratedCase:
        """One row of the customers export. A business customer (`company`) is billed at its office; a
        personal one at a home in `home`."""
        while (cid := "cus_" + "".join(self.rng.choices(string.ascii_letters + string.digits, k=14))) in (
            self.customer_ids
        ):
            pass
        self.customer_ids.add(cid)
        country = company.country if company else (home or self.country())
        written, needs_country = self.typed_phone(phone) if phone else ("", False)
        if company:
            place, street, postcode = company.place, company.street, company.postcode
        else:
            place = self.rng.choice(country.places)
            street, postcode = self.street(country), self.postcode(place)
        address = self.rng.random() < 0.75 or needs_country
        full = address and self.rng.random() < 0.7
        created = datetime(2021, 1, 1) + timedelta(minutes=self.rng.randint(0, 4 * 365 * 24 * 60))
        card = self.rng.random() < 0.85
        shipping = shipping_name or (name if self.rng.random() < 0.1 else "")
        if meta_company is None:
            meta_company = company.short if company and self.rng.random() < 0.5 else ""
        row = {
            "id": cid,
            "Description": description,
            "Email": email,
            "Name": name,
            "Phone": written,
            "Created (UTC)": created.strftime("%Y-%m-%d %H:%M"),
            "Currency": country.currency,
            "Balance": self.rng.choice(("0", "0", "0", "-1500", "2500")),
            "Delinquent": "true" if self.rng.random() < 0.07 else "false",
            "Tax Exempt": self.rng.choice(("none", "none", "none", "exempt", "reverse")),
            "Address Line1": street if full else "",
            "Address Line2": self.rng.choice(("Suite 200", "Floor 3", "Unit 4"))
            if full and self.rng.random() < 0.2
            else "",
            "Address City": place.city if full else "",
            "Address State": place.state if full else "",
            "Address Country": country.code if address else "",
            "Address Postal Code": postcode if address and self.rng.random() < 0.9 else "",
            "Shipping Name": shipping,
            "Shipping Address Line1": street if shipping else "",
            "Shipping Address City": place.city if shipping else "",
            "Shipping Address Country": country.code if shipping else "",
            "Shipping Address Postal Code": postcode if shipping else "",
            "Card ID": "card_" + "".join(self.rng.choices(string.ascii_letters + string.digits, k=24))
            if card
            else "",
            "Card Brand": self.rng.choice(BRANDS) if card else "",
            "Card Last4": f"{self.rng.randint(0, 9999):04d}" if card else "",
            "Card Name": (card_name if card_name is not None else name if self.rng.random() < 0.5 else "")
            if card
            else "",
            "Payment Source Type": "card" if card else self.rng.choice(("sepa_debit", "us_bank_account", "")),
            "app_user_id (metadata)": str(self.rng.randint(10**5, 10**7)) if self.rng.random() < 0.6 else "",
            "company (metadata)": meta_company,
            "plan (metadata)": self.rng.choice(PLANS),
        }
        return GeneratedCase(category, row, truth)

    def own_phone(self, person: Person) -> str:
        return self.rng.choice([n for n in (person.mobile, person.desk) if n] or [""])

    def maybe_phone(self, person: Person, chance: float = 0.5) -> str:
        return self.own_phone(person) if self.rng.random() < chance else ""

    # Same person.

    def own_email_full_name(self) -> GeneratedCase | None:
        person = self.pick(self.plain)
        if person is None:
            return None
        email = person.email if self.rng.random() < 0.85 else person.email.upper()
        return self.customer(
            "own_email_full_name",
            person.ids,
            email=email,
            name=self.typed(person.first, person.last),
            company=person.company,
            phone=self.maybe_phone(person),
        )

    def name_is_company(self) -> GeneratedCase | None:
        person = self.pick(self.plain)
        if person is None:
            return None
        company = person.company
        name = self.rng.choice((company.legal, company.short, company.legal.upper(), company.short.lower()))
        description = self.rng.choice(
            ("", "", person.full, f"{company.short} - annual", "migrated from Chargebee")
        )
        return self.customer(
            "name_is_company",
            person.ids,
            email=person.email,
            name=name,
            company=company,
            phone=self.maybe_phone(person, 0.3),
            card_name=self.rng.choice(("", person.full)),
            description=description,
        )

    def someone_else_pays(self) -> GeneratedCase | None:
        person = self.pick(self.plain)
        if person is None:
            return None
        roll = self.rng.random()
        if roll < 0.4:  # the CFO or a colleague the CRM holds, whose card it is
            colleagues = [p for p in person.company.people if self.is_worker(p) and p is not person]
            if not colleagues:
                return None
            payer = self.rng.choice(colleagues).full
        elif roll < 0.7:  # a spouse
            first, _ = self.fresh_name(avoid_first={fold(person.first), fold(short_of(person.first))})
            payer = f"{first} {person.last}"
        else:  # an assistant or the company's bookkeeper
            payer = " ".join(
                self.fresh_name(avoid_first={fold(person.first)}, avoid_last={fold(person.last)})
            )
        shipping = self.rng.choice((payer, person.full, ""))
        return self.customer(
            "someone_else_pays",
            person.ids,
            email=person.email,
            name=self.typed(person.first, person.last),
            company=person.company,
            phone=self.maybe_phone(person, 0.3),
            card_name=payer,
            shipping_name=shipping,
        )

    def role_email_named_person(self) -> GeneratedCase | None:
        def fits(p: Person) -> bool:
            holder = p.company.mailbox_holder
            return self.plain(p) and (holder is None or not holder.nameless)

        person = self.pick(fits)
        if person is None:
            return None
        company = person.company
        holder = company.mailbox_holder
        if holder is not None and (
            fold(holder.last) == fold(person.last)
            or fold(short_of(holder.first)) == fold(short_of(person.first))
        ):
            return None
        phone = company.switchboard if self.rng.random() < 0.3 else self.maybe_phone(person, 0.3)
        return self.customer(
            "role_email_named_person",
            person.ids,
            email=company.billing if self.rng.random() < 0.85 else company.billing.capitalize(),
            name=self.typed(person.first, person.last),
            company=company,
            phone=phone,
            meta_company=company.short if self.rng.random() < 0.6 else "",
        )

    def role_email_held_by_person(self) -> GeneratedCase | None:
        person = self.pick(lambda p: not p.nameless and p.email == p.company.billing)
        if person is None:
            return None
        return self.customer(
            "role_email_held_by_person",
            person.ids,
            email=person.email,
            name=self.typed(person.first, person.last),
            company=person.company,
            phone=person.company.switchboard if self.rng.random() < 0.3 else "",
        )

    def role_mailbox_record(self) -> GeneratedCase | None:
        record = self.pick(lambda p: p.nameless)
        if record is None:
            return None
        company = record.company
        name = self.rng.choice(MAILBOX_NAMES).format(company=company.short, legal=company.legal)
        return self.customer(
            "role_mailbox_record",
            record.ids,
            email=record.email,
            name=name,
            company=company,
            phone=company.switchboard if self.rng.random() < 0.4 else "",
            card_name="",
        )

    def old_address_in_additional(self) -> GeneratedCase | None:
        person = self.pick(lambda p: self.is_worker(p) and bool(p.old_email))
        if person is None:
            return None
        return self.customer(
            "old_address_in_additional",
            person.ids,
            email=person.old_email,
            name=self.typed(person.first, person.last),
            company=None,
            home=person.company.country,
            phone=person.mobile if person.mobile and self.rng.random() < 0.3 else "",
            meta_company=person.old_company if self.rng.random() < 0.5 else "",
        )

    def new_job_same_mobile(self) -> GeneratedCase | None:
        person = self.pick(lambda p: self.plain(p) and bool(p.mobile) and not p.old_email)
        if person is None:
            return None
        new = self.new_company(in_crm=False)
        email = f"{handle(new.pattern, person.first, person.last)}@{new.domain}"
        if email in self.crm_emails:
            return None
        new.country = person.company.country  # the mobile's country, where she still lives
        new.place = self.rng.choice(new.country.places)
        new.street, new.postcode = self.street(new.country), self.postcode(new.place)
        return self.customer(
            "new_job_same_mobile",
            person.ids,
            email=email,
            name=self.typed(person.first, person.last),
            company=new,
            phone=person.mobile,
        )

    def personal_email_with_phone(self) -> GeneratedCase | None:
        person = self.pick(lambda p: self.plain(p) and bool(p.mobile or p.desk) and not p.personal)
        if person is None:
            return None
        first = short_of(person.first) if self.rng.random() < 0.25 else person.first
        return self.customer(
            "personal_email_with_phone",
            person.ids,
            email=self.personal_address(person.first, person.last),
            name=self.typed(first, person.last),
            company=None,
            home=person.company.country,
            phone=self.own_phone(person),
            meta_company=person.company.short if self.rng.random() < 0.3 else "",
        )

    def duplicate_customers(self) -> list[GeneratedCase] | None:
        person = self.pick(self.plain)
        if person is None:
            return None
        first = self.customer(
            "duplicate_customers",
            person.ids,
            email=person.email,
            name=self.typed(person.first, person.last),
            company=person.company,
            phone=self.maybe_phone(person, 0.4),
        )
        second_name = self.rng.choice((person.full, person.full, person.company.short))
        second = self.customer(
            "duplicate_customers",
            person.ids,
            email=self.rng.choice((person.email, person.email.capitalize())),
            name=second_name,
            company=person.company,
            phone=self.maybe_phone(person, 0.4),
            description=self.rng.choice(("", "second workspace", "2nd subscription", "add-on")),
        )
        return [first, second]

    def crm_duplicate(self) -> GeneratedCase | None:
        person = self.pick(lambda p: self.is_worker(p) and len(p.rows) == 2)
        if person is None:
            return None
        return self.customer(
            "crm_duplicate",
            person.ids,
            email=person.email,
            name=self.typed(person.first, person.last),
            company=person.company,
            phone=self.maybe_phone(person, 0.3),
        )

    def namesake_in_crm(self) -> GeneratedCase | None:
        person = self.pick(lambda p: p.namesake is not None and len(p.rows) == 1)
        if person is None:
            return None
        return self.customer(
            "namesake_in_crm",
            person.ids,
            email=person.email,
            name=self.typed(person.first, person.last),
            company=person.company,
            phone=self.maybe_phone(person, 0.3),
        )

    def typo_or_nickname(self) -> GeneratedCase | None:
        person = self.pick(self.plain)
        if person is None:
            return None
        roll = self.rng.random()
        if roll < 0.35 and person.first in SHORT:
            name = f"{SHORT[person.first]} {person.last}"
        elif roll < 0.6 and len(person.last) >= 5:
            at = self.rng.randrange(1, len(person.last) - 1)
            letters = list(person.last)
            if self.rng.random() < 0.5:
                letters[at], letters[at + 1] = letters[at + 1], letters[at]
            else:
                letters[at] = self.rng.choice([c for c in "aeiourstn" if c != letters[at].lower()])
            name = f"{person.first} {''.join(letters)}"
        elif roll < 0.8:
            name = f"{person.first[0]}. {person.last}"
        else:
            name = person.full.lower()
        return self.customer(
            "typo_or_nickname",
            person.ids,
            email=person.email,
            name=name,
            company=person.company,
            phone=self.maybe_phone(person, 0.3),
        )

    # Someone else.

    def role_email_other_person(self) -> GeneratedCase | None:
        candidates = [
            c
            for c in self.companies
            if len(c.people) >= 3 and (c.mailbox_holder is None or not c.mailbox_holder.nameless)
        ]
        company = self.rng.choice(candidates)
        holder = company.mailbox_holder
        avoid_first = {fold(holder.first), fold(short_of(holder.first))} if holder else set()
        avoid_last = {fold(holder.last)} if holder else set()
        first, last = self.fresh_name(avoid_first=avoid_first, avoid_last=avoid_last)
        self.planted.add((fold(first), fold(last)))
        return self.customer(
            "role_email_other_person",
            (),
            email=company.billing,
            name=self.typed(first, last),
            company=company,
            phone=company.switchboard if self.rng.random() < 0.4 else "",
        )

    def role_email_company_name(self) -> GeneratedCase | None:
        company = self.rng.choice(
            [c for c in self.companies if c.mailbox_holder is None and len(c.people) >= 3]
        )
        name = self.rng.choice(MAILBOX_NAMES).format(company=company.short, legal=company.legal)
        return self.customer(
            "role_email_company_name",
            (),
            email=company.billing,
            name=name,
            company=company,
            phone=company.switchboard if self.rng.random() < 0.4 else "",
            card_name="",
        )

    def payer_in_crm(self) -> GeneratedCase | None:
        payer = self.pick(lambda p: self.is_worker(p))
        if payer is None:
            return None
        company = payer.company
        if self.rng.random() < 0.5:  # an employee the CRM does not hold, on the company's card
            crew = [p for p in company.people if not p.nameless]
            first, last = self.fresh_name(
                avoid_first={fold(p.first) for p in crew} | {fold(short_of(p.first)) for p in crew}
                if company.pattern in PARTIAL_PATTERNS
                else {fold(payer.first), fold(short_of(payer.first))},
                avoid_last={fold(p.last) for p in crew} if company.pattern in PARTIAL_PATTERNS else set(),
            )
            email = f"{handle(company.pattern, first, last)}@{company.domain}"
            if email in self.crm_emails:
                return None
            self.planted.add((fold(first), fold(last)))
            phone = company.switchboard if self.rng.random() < 0.3 else ""
            return self.customer(
                "payer_in_crm",
                (),
                email=email,
                name=self.typed(first, last),
                company=company,
                phone=phone,
                card_name=payer.full,
                shipping_name=self.rng.choice(("", payer.full)),
            )
        # a spouse's subscription on the CRM person's card
        first, _ = self.fresh_name(avoid_first={fold(payer.first), fold(short_of(payer.first))})
        if (fold(first), fold(payer.last)) in self.crm_names:
            return None
        self.planted.add((fold(first), fold(payer.last)))
        return self.customer(
            "payer_in_crm",
            (),
            email=self.personal_address(first, payer.last),
            name=self.typed(first, payer.last),
            company=None,
            home=company.country,
            phone=self.number(company.country, PhoneNumberType.MOBILE) if self.rng.random() < 0.4 else "",
            card_name=payer.full,
            shipping_name=self.rng.choice(("", f"{first} {payer.last}")),
        )

    def namesake_elsewhere(self) -> GeneratedCase | None:
        person = self.pick(self.plain)
        if person is None:
            return None
        roll = self.rng.random()
        if roll < 0.4:
            other = self.new_company(in_crm=False)
        elif roll < 0.7:
            key = (fold(person.first), fold(person.last))
            others = [
                c
                for c in self.companies
                if c is not person.company and all((fold(p.first), fold(p.last)) != key for p in c.people)
            ]
            other = self.rng.choice(others)
        else:
            other = None
        if other is None:
            email = self.personal_address(person.first, person.last)
        else:
            email = f"{handle(other.pattern, person.first, person.last)}@{other.domain}"
            if email in self.crm_emails:
                return None
        phone = (
            self.number((other or person.company).country, PhoneNumberType.MOBILE)
            if self.rng.random() < 0.4
            else ""
        )
        return self.customer(
            "namesake_elsewhere",
            (),
            email=email,
            name=self.typed(person.first, person.last),
            company=other,
            home=self.country(),
            phone=phone,
        )

    def not_in_crm(self) -> GeneratedCase | None:
        first, last = self.fresh_name()
        self.planted.add((fold(first), fold(last)))
        if self.rng.random() < 0.5:
            company = self.new_company(in_crm=False)
            email = f"{handle(company.pattern, first, last)}@{company.domain}"
            name = self.rng.choice((self.typed(first, last), company.legal))
            return self.customer(
                "not_in_crm",
                (),
                email=email,
                name=name,
                company=company,
                phone=self.number(company.country, PhoneNumberType.MOBILE) if self.rng.random() < 0.4 else "",
            )
        home = self.country()
        return self.customer(
            "not_in_crm",
            (),
            email=self.personal_address(first, last),
            name=self.typed(first, last),
            company=None,
            home=home,
            phone=self.number(home, PhoneNumberType.MOBILE) if self.rng.random() < 0.5 else "",
        )

    def build(self) -> GeneratedCases:
        self.build_crm()
        makers = [
            self.own_email_full_name,
            self.own_email_full_name,
            self.name_is_company,
            self.someone_else_pays,
            self.role_email_named_person,
            self.role_email_held_by_person,
            self.role_mailbox_record,
            self.old_address_in_additional,
            self.new_job_same_mobile,
            self.personal_email_with_phone,
            self.duplicate_customers,
            self.crm_duplicate,
            self.namesake_in_crm,
            self.typo_or_nickname,
            self.role_email_other_person,
            self.role_email_company_name,
            self.payer_in_crm,
            self.namesake_elsewhere,
            self.not_in_crm,
            self.not_in_crm,
        ]
        cases: list[GeneratedCase] = []
        for make in makers:
            made = tries = 0
            while made < self.per_category and tries < self.per_category * 10:
                tries += 1
                made_now = make()
                if made_now is None:
                    continue
                batch = made_now if isinstance(made_now, list) else [made_now]
                cases.extend(batch)
                made += len(batch)
        self.rng.shuffle(cases)
        for case in cases:
            case.external_id = case.row["id"]
        return GeneratedCases.shuffled(self.rng, self.crm_rows, cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# Splink reads the customer's `Name` as first and last words, its metadata company, its billing address's city
# and postcode, and the last nine digits of each number (a country code, a trunk zero or "00" aside).
PERSON_SQL = {
    "crm": """
        SELECT "Record ID" AS unique_id,
               nullif(lower(trim("First Name")), '') AS first_name,
               nullif(lower(trim("Last Name")), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               nullif(right({phone}(coalesce(nullif("Mobile Phone Number", ''), "Phone Number")), 9), '') AS phone,
               {company}("Company Name") AS company,
               nullif(upper(replace(trim("Postal Code"), ' ', '')), '') AS zip,
               nullif(lower(trim("City")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{path}', all_varchar = true)
    """,
    "inbound": """
        SELECT "id" AS unique_id,
               CASE WHEN len(string_split(trim("Name"), ' ')) > 1
                    THEN lower(list_extract(string_split(trim("Name"), ' '), 1)) END AS first_name,
               CASE WHEN len(string_split(trim("Name"), ' ')) > 1
                    THEN lower(list_extract(string_split(trim("Name"), ' '), -1)) END AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               nullif(right({phone}("Phone"), 9), '') AS phone,
               {company}("company (metadata)") AS company,
               nullif(upper(replace(trim("Address Postal Code"), ' ', '')), '') AS zip,
               nullif(lower(trim("Address City")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{path}', all_varchar = true)
    """,
}


SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="hubspot",
        inbound_file="stripe_customers",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id="id",
        cli_options=["--provider", "hubspot", "--object", "contacts", "--kind", "person"],
        splink_kind="person",
        sql=PERSON_SQL,
        source="HubSpot contacts <- Stripe customers export",
        splink_model=person_model_em_on_email,
    )
]


if __name__ == "__main__":
    run_generated("identity26", SUITES, seed=261, people=3000, orgs=0, per_category=40)
