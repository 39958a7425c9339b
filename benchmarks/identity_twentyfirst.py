"""A twenty-first record set: Salesforce Contacts linked from a customer-support desk's users export.

    python benchmarks/identity_twentyfirst.py [--people 3000] [--per-category 40] [--seed 211] [--skip-splink]
                                              [--keep DIR]

The CRM side is a Salesforce Contact export as a Bulk API 2.0 query (or Data Loader) writes it, under the API
field names of the SOQL query: `Id` (18 characters, "003..."), `AccountId`, `Account.Name`, `Salutation`,
`FirstName`, `LastName`, `Title`, `Department`, `Email`, `Phone` (a direct line, the switchboard with the
person's extension, or on one contact of a customer the bare switchboard), `MobilePhone`, `MailingCity`,
`MailingState`, `MailingCountry`, `LeadSource`, `CreatedDate`. A customer's role mailbox (ap@, billing@,
support@, it-helpdesk@, accounts.payable@) is held as the `Email` of exactly one contact: whoever the rep met.

The inbound side is a support desk's users (Zendesk's user object flattened to CSV, as a data engineer exports
it): `id`, `name` (one column: a full name, the email's local part "jsmith", a first name only, "John from
Acme", or whatever the agent typed), `email`, `phone` (as typed, often the switchboard with an extension),
`shared_phone_number`, `organization` (the desk's organisation: named after the email domain "acme.com", the
account's short name, or the parent company of several subsidiaries), `role`, `external_id` (set for some
users: the Salesforce contact id from the CRM integration, or another system's id: a billing customer number or
a payment processor's "cus_..."), `tags`, `time_zone`, `locale`, `verified`, `created_at`, `last_login_at`.

Categories. Same person: the work address with a full name, with the local part as name, a first name only, or
"First from Company"; the holder of a role mailbox writing from it; a personal address (gmail, outlook) with the
full name and the desk's organisation; the switchboard with the person's own extension; a nickname or a typo
behind a personal address; the CRM id in `external_id` behind a personal address and a handle as name; a person
the CRM holds twice; a CRM colleague writing from another CRM contact's personal work address (a desk
inherited, or the holder's mailbox used for her): the name is the CRM person's, the address is no key to
anyone. Someone else: a colleague writing from the role mailbox (in the CRM with her own address,
or not in it); a successor on a departed person's address (some with the predecessor's CRM id still in
`external_id`: the desk renamed the user); a namesake at another customer; a new colleague
at a known customer on the switchboard with another extension; a caller on the bare switchboard; a user the CRM
does not hold at all.

Fairness: every inbound row has one truth that its data can tell; full names are unique within a customer
group (parent and subsidiaries) in the CRM, and a person the CRM does not hold never has the full name of a CRM
person except the planted namesakes, who write from their own company's domain; a same-person row behind a
personal address always carries the organisation or the person's own phone. A ticket filed under a CRM
person's address with a CRM colleague's name, whose truth would be the holder, is not planted: it is written
exactly as a colleague on the holder's address, and no tool could tell the two apart. Written from scratch without
reading the project's other generators (only `identity_quality`'s interfaces). Every seed deterministic.
"""

import random
import string
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneNumberFormat

sys.path.insert(0, str(Path(__file__).resolve().parent))

from identity_quality import (
    GeneratedCase,
    GeneratedCases,
    GeneratedSuite,
    person_model_em_on_email,
    run_generated,
)

CRM_COLUMNS = [
    "Id",
    "AccountId",
    "Account.Name",
    "Salutation",
    "FirstName",
    "LastName",
    "Title",
    "Department",
    "Email",
    "Phone",
    "MobilePhone",
    "MailingCity",
    "MailingState",
    "MailingCountry",
    "LeadSource",
    "CreatedDate",
]

INBOUND_COLUMNS = [
    "id",
    "name",
    "email",
    "phone",
    "shared_phone_number",
    "organization",
    "role",
    "external_id",
    "tags",
    "time_zone",
    "locale",
    "verified",
    "created_at",
    "last_login_at",
]

FIRST = [
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Christopher",
    "Karen",
    "Charles",
    "Lisa",
    "Daniel",
    "Nancy",
    "Matthew",
    "Betty",
    "Anthony",
    "Sandra",
    "Mark",
    "Margaret",
    "Donald",
    "Ashley",
    "Steven",
    "Kimberly",
    "Andrew",
    "Emily",
    "Paul",
    "Donna",
    "Joshua",
    "Michelle",
    "Kenneth",
    "Carol",
    "Kevin",
    "Amanda",
    "Brian",
    "Melissa",
    "George",
    "Deborah",
    "Timothy",
    "Stephanie",
    "Ronald",
    "Rebecca",
    "Jason",
    "Sharon",
    "Edward",
    "Laura",
    "Jeffrey",
    "Cynthia",
    "Ryan",
    "Amy",
    "Jacob",
    "Kathleen",
    "Gary",
    "Angela",
    "Nicholas",
    "Shirley",
    "Eric",
    "Brenda",
    "Jonathan",
    "Emma",
    "Stephen",
    "Anna",
    "Larry",
    "Pamela",
    "Justin",
    "Nicole",
    "Scott",
    "Samantha",
    "Brandon",
    "Katherine",
    "Benjamin",
    "Christine",
    "Samuel",
    "Helen",
    "Gregory",
    "Debra",
    "Alexander",
    "Rachel",
    "Patrick",
    "Carolyn",
    "Frank",
    "Janet",
    "Raymond",
    "Maria",
    "Jack",
    "Olivia",
    "Dennis",
    "Heather",
    "Jerry",
    "Diane",
    "Tyler",
    "Julie",
    "Aaron",
    "Joyce",
    "Henry",
    "Victoria",
    "Douglas",
    "Ruth",
    "Peter",
    "Virginia",
    "Adam",
    "Lauren",
    "Nathan",
    "Kelly",
    "Zachary",
    "Christina",
    "Walter",
    "Joan",
    "Kyle",
    "Evelyn",
    "Harold",
    "Judith",
    "Carl",
    "Megan",
    "Arthur",
    "Andrea",
    "Gerald",
    "Cheryl",
    "Roger",
    "Hannah",
    "Keith",
    "Martha",
    "Jeremy",
    "Jacqueline",
    "Terry",
    "Frances",
    "Lawrence",
    "Gloria",
    "Sean",
    "Priya",
    "Arjun",
    "Wei",
    "Mei",
    "Hiroshi",
    "Yuki",
    "Ahmed",
    "Fatima",
    "Carlos",
    "Lucia",
    "Sven",
    "Ingrid",
    "Tomasz",
    "Agnieszka",
    "Oluwaseun",
    "Chiamaka",
]

LAST = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "Gomez",
    "Phillips",
    "Evans",
    "Turner",
    "Diaz",
    "Parker",
    "Cruz",
    "Edwards",
    "Collins",
    "Reyes",
    "Stewart",
    "Morris",
    "Morales",
    "Murphy",
    "Cook",
    "Rogers",
    "Gutierrez",
    "Ortiz",
    "Morgan",
    "Cooper",
    "Peterson",
    "Bailey",
    "Reed",
    "Kelly",
    "Howard",
    "Ramos",
    "Kim",
    "Cox",
    "Ward",
    "Richardson",
    "Watson",
    "Brooks",
    "Chavez",
    "Wood",
    "James",
    "Bennett",
    "Gray",
    "Mendoza",
    "Ruiz",
    "Hughes",
    "Price",
    "Alvarez",
    "Castillo",
    "Sanders",
    "Patel",
    "Myers",
    "Long",
    "Ross",
    "Foster",
    "Jimenez",
    "Powell",
    "Jenkins",
    "Perry",
    "Russell",
    "Sullivan",
    "Bell",
    "Coleman",
    "Butler",
    "Henderson",
    "Barnes",
    "Gonzales",
    "Fisher",
    "Vasquez",
    "Simmons",
    "Romero",
    "Jordan",
    "Patterson",
    "Alexander",
    "Hamilton",
    "Graham",
    "Reynolds",
    "Griffin",
    "Wallace",
    "Moreno",
    "West",
    "Cole",
    "Hayes",
    "Bryant",
    "Herrera",
    "Gibson",
    "Ellis",
    "Tran",
    "Medina",
    "Aguilar",
    "Stevens",
    "Murray",
    "Ford",
    "Castro",
    "Marshall",
    "Owens",
    "Harrison",
    "Fernandez",
    "McDonald",
    "Woods",
    "Washington",
    "Kennedy",
    "Wells",
    "Vargas",
    "Henry",
    "Chen",
    "Freeman",
    "Webb",
    "Tucker",
    "Guzman",
    "Burns",
    "Crawford",
    "Olson",
    "Simpson",
    "Porter",
    "Hunter",
    "Gordon",
    "Mendez",
    "Silva",
    "Shaw",
    "Snyder",
    "Mason",
    "Dixon",
    "Munoz",
    "Hunt",
    "Hicks",
    "Holmes",
    "Palmer",
    "Wagner",
    "Black",
    "Robertson",
    "Boyd",
    "Rose",
    "Stone",
    "Salazar",
    "Fox",
    "Warren",
    "Mills",
    "Meyer",
    "Rice",
    "Schmidt",
    "Garza",
    "Daniels",
    "Ferguson",
    "Nichols",
    "Stephens",
    "Soto",
    "Weaver",
    "Ryan",
    "Gardner",
    "Payne",
    "Grant",
    "Dunn",
    "Kelley",
    "Spencer",
    "Hawkins",
    "Arnold",
    "Pierce",
    "Hansen",
    "Peters",
    "Santos",
    "Hart",
    "Bradley",
    "Knight",
    "Elliott",
    "Cunningham",
    "Duncan",
    "Armstrong",
    "Hudson",
    "Carroll",
    "Lane",
    "Riley",
    "Andrews",
    "Ray",
    "Berry",
    "Perkins",
    "Hoffman",
    "Johnston",
    "Matthews",
    "Pena",
    "Richards",
    "Willis",
    "Carpenter",
    "Lawrence",
    "Okafor",
    "Nakamura",
    "Tanaka",
    "Kowalski",
    "Novak",
    "Lindqvist",
    "Johansson",
    "Haddad",
    "Rahman",
    "Mehta",
    "Iyer",
    "Zhang",
    "Wang",
    "Liu",
    "Schneider",
]

# A few diminutives, written out for the generator only (the resolver reads its own tables).
NICKNAMES = {
    "Robert": "Bob",
    "William": "Bill",
    "Richard": "Rick",
    "Elizabeth": "Liz",
    "Jennifer": "Jen",
    "Michael": "Mike",
    "Katherine": "Kate",
    "Christopher": "Chris",
    "Patricia": "Trish",
    "Joseph": "Joe",
    "Margaret": "Peggy",
    "Thomas": "Tom",
    "Anthony": "Tony",
    "Samantha": "Sam",
    "Daniel": "Dan",
    "Jonathan": "Jon",
    "Matthew": "Matt",
    "Nicholas": "Nick",
    "Rebecca": "Becky",
    "Victoria": "Vicky",
}

WORDS = [
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
    "Hooli",
    "Vandelay",
    "Soylent",
    "Cyberdyne",
    "Tyrell",
    "Wonka",
    "Monarch",
    "Oscorp",
    "Gringotts",
    "Nakatomi",
    "Pied",
    "Dunder",
    "Sterling",
    "Bluth",
    "Prestige",
    "Vortex",
    "Quantum",
    "Harbor",
    "Summit",
    "Crescent",
    "Evergreen",
    "Ironwood",
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Litware",
    "Tailspin",
    "Proseware",
    "Adatum",
    "Lucerne",
    "Wingtip",
    "Coho",
    "Fourth",
    "Alpine",
    "Blue",
    "Yonder",
    "Cobalt",
    "Granite",
    "Meridian",
    "Pinnacle",
    "Keystone",
    "Riverbend",
    "Silverline",
    "Brightpath",
    "Clearwater",
    "Redwood",
    "Stonebridge",
    "Lakeshore",
    "Highland",
    "Copperfield",
    "Oakridge",
    "Falcon",
    "Beacon",
    "Horizon",
    "Polaris",
    "Atlas",
    "Orion",
    "Juniper",
    "Sequoia",
    "Maple",
]
NOUNS = [
    "Logistics",
    "Software",
    "Health",
    "Foods",
    "Systems",
    "Analytics",
    "Robotics",
    "Media",
    "Energy",
    "Labs",
    "Partners",
    "Manufacturing",
    "Dental",
    "Freight",
    "Insurance",
    "Capital",
    "Networks",
    "Biotech",
    "Retail",
    "Consulting",
    "Engineering",
    "Pharma",
    "Solar",
    "Telecom",
    "Motors",
]

# A customer's team mailboxes, as support desks see them written.
ROLE_MAILBOXES = (
    "support",
    "ap",
    "billing",
    "it-helpdesk",
    "accounts.payable",
    "helpdesk",
    "finance",
    "office",
    "servicedesk",
    "it-support",
    "accounts-payable",
    "accountspayable",
    "ap-invoices",
    "invoicing",
    "payments",
    "sysadmin",
    "devops",
    "licensing",
    "renewals",
    "finance-team",
)
ROLE_TITLES = {
    "support": "Support Lead",
    "ap": "Accounts Payable Specialist",
    "billing": "Billing Coordinator",
    "it-helpdesk": "IT Administrator",
    "accounts.payable": "AP Clerk",
    "helpdesk": "IT Support Technician",
    "finance": "Finance Manager",
    "office": "Office Manager",
    "servicedesk": "Service Desk Analyst",
    "it-support": "IT Support Specialist",
    "accounts-payable": "AP Specialist",
    "accountspayable": "Payables Clerk",
    "ap-invoices": "AP Coordinator",
    "invoicing": "Billing Specialist",
    "payments": "Treasury Analyst",
    "sysadmin": "Systems Administrator",
    "devops": "DevOps Engineer",
    "licensing": "Software Asset Manager",
    "renewals": "Procurement Specialist",
    "finance-team": "Finance Manager",
}
TITLES = (
    "Operations Manager",
    "Director of IT",
    "Software Engineer",
    "Procurement Lead",
    "VP Engineering",
    "Controller",
    "Product Manager",
    "Customer Success Manager",
    "Systems Administrator",
    "Head of Finance",
    "Data Analyst",
    "CTO",
    "Purchasing Agent",
    "Marketing Manager",
)
DEPARTMENTS = ("IT", "Finance", "Operations", "Engineering", "Procurement", "Marketing", "")
PERSONAL_DOMAINS = ("gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com", "proton.me")
TAGS = ("vip", "enterprise", "trial", "billing", "onboarding", "premium_support", "churn_risk", "beta")
LEAD_SOURCES = ("Web", "Partner Referral", "Trade Show", "Inbound Call", "Customer Event", "")


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    areas: tuple[str, ...]
    places: tuple[tuple[str, str], ...]
    legal: tuple[str, ...]
    tld: str
    time_zones: tuple[str, ...]
    locale: str


US = Country(
    "US",
    "United States",
    ("212", "415", "312", "617", "512", "206", "303", "404", "646", "720", "214", "305"),
    (("New York", "NY"), ("San Francisco", "CA"), ("Chicago", "IL"), ("Boston", "MA"), ("Austin", "TX")),
    ("Inc.", "LLC", "Corp.", "Inc", "Corporation", ""),
    "com",
    ("Eastern Time (US & Canada)", "Pacific Time (US & Canada)", "Central Time (US & Canada)"),
    "en-US",
)
GB = Country(
    "GB",
    "United Kingdom",
    ("20", "161", "121", "113", "131"),
    (("London", ""), ("Manchester", ""), ("Birmingham", ""), ("Leeds", ""), ("Edinburgh", "")),
    ("Ltd", "Limited", "PLC", "Ltd."),
    "co.uk",
    ("London", "Edinburgh"),
    "en-GB",
)


@dataclass
class Company:
    account_id: str
    account: str  # Account.Name
    short: str  # the name people use ("Acme Logistics")
    domain: str
    country: Country
    city: str
    state: str
    switchboard: str  # E.164
    pattern: str  # the mailbox pattern
    parent: str = ""  # the group's name when a subsidiary
    role_mailbox: str = ""  # the local part of the one role mailbox the CRM holds, if any
    contacts: list = field(default_factory=list)  # CRM rows
    extensions: set = field(default_factory=set)


@dataclass
class Person:
    first: str
    last: str
    company: Company
    rows: list  # the CRM rows of this person (two when held twice)
    email: str = ""
    extension: str = ""
    on_switchboard: bool = False  # the CRM holds the bare switchboard on this person

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(row["Id"] for row in self.rows)


def fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def local_part(pattern: str, first: str, last: str) -> str:
    first, last = fold(first).replace(" ", ""), fold(last).replace(" ", "")
    return {
        "first.last": f"{first}.{last}",
        "flast": f"{first[0]}{last}",
        "firstl": f"{first}{last[0]}",
        "first_last": f"{first}_{last}",
        "first": first,
    }[pattern]


def salesforce_id(prefix: str, rng: random.Random) -> str:
    """An 18-character Salesforce id: the 15-character case-sensitive id and its case-folding checksum."""
    body = prefix + "5g0000" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(6))
    alphabet = string.ascii_uppercase + "012345"
    suffix = ""
    for chunk in (body[0:5], body[5:10], body[10:15]):
        bits = sum(1 << i for i, char in enumerate(chunk) if char.isupper())
        suffix += alphabet[bits]
    return body + suffix


class Generator:
    def __init__(self, seed: int, people: int, per_category: int) -> None:
        self.rng = random.Random(seed)
        self.target = people
        self.per_category = per_category
        self.companies: list[Company] = []
        self.persons: list[Person] = []
        self.crm_rows: list[dict] = []
        self.used_names: set[tuple[str, str]] = set()  # folded full names held anywhere in the CRM
        self.group_names: dict[str, set] = {}  # a customer group's folded full names
        self.used_numbers: set[str] = set()
        self.used_ids: set[str] = set()
        self.taken: set[int] = set()  # persons a case already used (one case a person)
        self.zendesk_id = 360000000000 + seed * 1000003

    # -- the CRM -------------------------------------------------------------------------------------------

    def number(self, country: Country, *, area: str = "") -> str:
        while True:
            area_code = area or self.rng.choice(country.areas)
            if country is US:
                national = area_code + str(self.rng.randint(201, 989)) + f"{self.rng.randint(0, 9999):04d}"
            else:
                national = (
                    area_code
                    + str(self.rng.randint(2, 8))
                    + "".join(str(self.rng.randint(0, 9)) for _ in range(9 - len(area_code)))
                )
            if national[len(area_code) :].startswith("555"):
                continue
            parsed = phonenumbers.parse(national, country.code)
            e164 = phonenumbers.format_number(parsed, PhoneNumberFormat.E164)
            if phonenumbers.is_valid_number(parsed) and e164 not in self.used_numbers:
                self.used_numbers.add(e164)
                return e164

    def mobile(self, country: Country) -> str:
        if country is US:
            return self.number(US)
        while True:
            parsed = phonenumbers.parse(
                "7" + str(self.rng.randint(400, 999)) + f"{self.rng.randint(0, 999999):06d}", "GB"
            )
            e164 = phonenumbers.format_number(parsed, PhoneNumberFormat.E164)
            if phonenumbers.is_valid_number(parsed) and e164 not in self.used_numbers:
                self.used_numbers.add(e164)
                return e164

    def written(self, e164: str, extension: str = "", *, crm: bool) -> str:
        """A number as a person types it: national or international, dots or dashes, an extension marked
        "ext.", "x" or "#"."""
        parsed = phonenumbers.parse(e164)
        style = self.rng.random()
        if style < 0.4:
            text = phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)
        elif style < 0.75:
            text = phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)
        elif style < 0.9 or crm:
            text = e164
        else:
            text = (
                phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)
                .replace("(", "")
                .replace(") ", ".")
                .replace("-", ".")
            )
        if extension:
            text += self.rng.choice((" ext. ", " x", " ext ", " #", ",", " x ")) + extension
        return text

    def company_name(self) -> tuple[str, str]:
        while True:
            short = f"{self.rng.choice(WORDS)} {self.rng.choice(NOUNS)}"
            if all(company.short != short for company in self.companies):
                return short, short.lower().replace(" ", "")

    def new_company(
        self, country: Country, *, parent: str = "", short: str = "", domain: str = ""
    ) -> Company:
        if not short:
            short, stem = self.company_name()
            domain = f"{stem}.{country.tld}" if self.rng.random() < 0.85 else f"{stem}.io"
        legal = self.rng.choice(country.legal)
        city, state = self.rng.choice(country.places)
        company = Company(
            account_id=salesforce_id("001", self.rng),
            account=f"{short}, {legal}" if legal and self.rng.random() < 0.3 else f"{short} {legal}".strip(),
            short=short,
            domain=domain,
            country=country,
            city=city,
            state=state,
            switchboard=self.number(country),
            pattern=self.rng.choice(("first.last", "first.last", "flast", "firstl", "first_last", "first")),
            parent=parent,
        )
        self.companies.append(company)
        self.group_names.setdefault(parent or short, set())
        return company

    def fresh_name(self, group: str, unlike: "Person | None" = None) -> tuple[str, str]:
        """A full name that no CRM person holds (nor anyone planted so far); with `unlike`, one that shares
        neither name with that person (a successor of the same first name on a mailbox would look exactly
        like the holder after a marriage: no tool could tell them apart)."""
        while True:
            first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
            if self.rng.random() < 0.05:
                last = f"{last}-{self.rng.choice(LAST)}"
            key = (fold(first), fold(last))
            if unlike and (
                fold(first) in {fold(unlike.first), fold(NICKNAMES.get(unlike.first, unlike.first))}
                or set(fold(last).split("-")) & set(fold(unlike.last).split("-"))
            ):
                continue
            if key not in self.used_names and (not group or key not in self.group_names[group]):
                self.used_names.add(key)
                return first, last

    def fresh_surname(self, group: str, first: str) -> str:
        """A surname that, after `first`, makes a full name no CRM person holds."""
        while True:
            last = self.rng.choice(LAST)
            key = (fold(first), fold(last))
            if key not in self.used_names and key not in self.group_names[group]:
                self.used_names.add(key)
                return last

    def crm_row(self, company: Company, first: str, last: str, *, email: str, phone: str, title: str) -> dict:
        created = datetime(2019, 1, 1) + timedelta(minutes=self.rng.randint(0, 3 * 365 * 24 * 60))
        return {
            "Id": salesforce_id("003", self.rng),
            "AccountId": company.account_id,
            "Account.Name": company.account,
            "Salutation": self.rng.choice(("", "", "Mr.", "Ms.", "Dr.", "Mrs.")),
            "FirstName": first,
            "LastName": last,
            "Title": title,
            "Department": self.rng.choice(DEPARTMENTS),
            "Email": email,
            "Phone": phone,
            "MobilePhone": self.written(self.mobile(company.country), crm=True)
            if self.rng.random() < 0.3
            else "",
            "MailingCity": company.city,
            "MailingState": company.state,
            "MailingCountry": company.country.name,
            "LeadSource": self.rng.choice(LEAD_SOURCES),
            "CreatedDate": created.strftime("%Y-%m-%dT%H:%M:%S.000+0000"),
        }

    def add_contact(self, company: Company, *, role: str = "", bare_switchboard: bool = False) -> Person:
        first, last = self.fresh_name(company.parent or company.short)
        self.group_names[company.parent or company.short].add((fold(first), fold(last)))
        person = Person(first, last, company, [], on_switchboard=bare_switchboard)
        draw = self.rng.random()
        if role:
            email = f"{role}@{company.domain}"
            title = ROLE_TITLES[role]
        else:
            email = f"{local_part(company.pattern, first, last)}@{company.domain}" if draw < 0.93 else ""
            title = self.rng.choice(TITLES)
        person.email = email
        if email and any(row["Email"].lower() == email.lower() for row in company.contacts):
            email = person.email = ""  # the pattern gave a colleague's address: the rep left it out
        phone_draw = self.rng.random()
        if bare_switchboard:
            phone = self.written(company.switchboard, crm=True)
        elif phone_draw < 0.4:
            while (extension := str(self.rng.randint(100, 899))) in company.extensions:
                pass
            company.extensions.add(extension)
            person.extension = extension
            phone = self.written(company.switchboard, extension, crm=True)
        elif phone_draw < 0.75:
            phone = self.written(self.number(company.country), crm=True)
        else:
            phone = ""
        row = self.crm_row(company, first, last, email=email, phone=phone, title=title)
        person.rows.append(row)
        if self.rng.random() < 0.02 and email:  # held twice: an import beside a rep's manual entry
            twin = dict(row, Id=salesforce_id("003", self.rng), Phone="", MobilePhone="", Title="")
            person.rows.append(twin)
        company.contacts.extend(person.rows)
        self.persons.append(person)
        return person

    def build_crm(self) -> None:
        while len(self.crm_rows) < self.target:
            country = US if self.rng.random() < 0.75 else GB
            if self.rng.random() < 0.12:  # a group: a parent and subsidiaries on their own domains
                group, _ = self.company_name()
                members = [self.new_company(country, parent=group) for _ in range(self.rng.randint(2, 4))]
            else:
                members = [self.new_company(country)]
            for company in members:
                size = self.rng.randint(3, 14)
                if self.rng.random() < 0.5:
                    company.role_mailbox = self.rng.choice(ROLE_MAILBOXES)
                    self.add_contact(company, role=company.role_mailbox)
                if self.rng.random() < 0.5:
                    self.add_contact(company, bare_switchboard=True)
                for _ in range(size):
                    self.add_contact(company)
                self.crm_rows.extend(company.contacts)

    # -- the desk's users ----------------------------------------------------------------------------------

    def organization(self, company: Company) -> str:
        draw = self.rng.random()
        if company.parent and draw < 0.6:
            return company.parent
        if draw < 0.45:
            return company.domain
        if draw < 0.75:
            return company.short
        if draw < 0.85:
            return company.account
        return ""

    def personal_address(self, first: str, last: str) -> str:
        first, last = fold(first), fold(last).replace(" ", "")
        local = self.rng.choice(
            (
                f"{first}.{last}",
                f"{first}{last}{self.rng.randint(1, 99)}",
                f"{first[0]}{last}{self.rng.randint(70, 99)}",
            )
        )
        return f"{local}@{self.rng.choice(PERSONAL_DOMAINS)}"

    def user(
        self,
        category: str,
        name: str,
        email: str,
        truth: tuple[str, ...],
        *,
        company: Company | None,
        phone: str = "",
        organization: str | None = None,
        external_id: str = "",
        shared_phone: bool = False,
    ) -> GeneratedCase:
        self.zendesk_id += self.rng.randint(3, 900)
        country = company.country if company else (US if self.rng.random() < 0.7 else GB)
        created = datetime(2021, 6, 1) + timedelta(minutes=self.rng.randint(0, 2 * 365 * 24 * 60))
        login = (
            created + timedelta(minutes=self.rng.randint(0, 300 * 24 * 60))
            if self.rng.random() < 0.7
            else None
        )
        if not external_id and self.rng.random() < 0.12:
            external_id = self.rng.choice(
                (
                    f"CUST-{self.rng.randint(10000, 99999)}",
                    "cus_" + "".join(self.rng.choices(string.ascii_letters + string.digits, k=14)),
                )
            )
        row = {
            "id": str(self.zendesk_id),
            "name": name,
            "email": email,
            "phone": phone,
            "shared_phone_number": "true" if shared_phone else ("false" if phone else ""),
            "organization": self.organization(company)
            if organization is None and company
            else (organization or ""),
            "role": "end-user",
            "external_id": external_id,
            "tags": " ".join(sorted(self.rng.sample(TAGS, self.rng.randint(0, 2)))),
            "time_zone": self.rng.choice(country.time_zones),
            "locale": country.locale,
            "verified": "true" if email and self.rng.random() < 0.8 else "false",
            "created_at": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "last_login_at": login.strftime("%Y-%m-%dT%H:%M:%SZ") if login else "",
        }
        return GeneratedCase(category, row, truth)

    def pick(self, test) -> Person | None:
        """An unused CRM person that passes `test`."""
        order = list(range(len(self.persons)))
        self.rng.shuffle(order)
        for index in order[:4000]:
            person = self.persons[index]
            if index not in self.taken and test(person):
                self.taken.add(index)
                return person
        return None

    @staticmethod
    def is_role(person: Person) -> bool:
        return bool(person.company.role_mailbox) and person.email.startswith(
            f"{person.company.role_mailbox}@"
        )

    def worker(self, person: Person) -> bool:
        return bool(person.email) and not self.is_role(person)

    # The same-person categories.

    def work_address(self, category: str) -> GeneratedCase | None:
        person = self.pick(self.worker)
        if person is None:
            return None
        local = person.email.split("@")[0]
        name = {
            "work_email_full_name": f"{person.first} {person.last}",
            "name_is_local_part": local,
            "first_name_only": person.first,
            "first_from_company": f"{person.first} from {person.company.short.split()[0]}",
        }[category]
        if (
            category == "name_is_local_part"
            and "." not in local
            and "_" not in local
            and local != fold(person.first)
        ):
            pass  # "jsmith": a handle; kept as a handle
        phone = (
            self.written(person.company.switchboard, person.extension, crm=False)
            if person.extension and self.rng.random() < 0.3
            else ""
        )
        return self.user(category, name, person.email, person.ids, company=person.company, phone=phone)

    def role_holder(self) -> GeneratedCase | None:
        person = self.pick(self.is_role)
        if person is None:
            return None
        name = f"{person.first} {person.last}" if self.rng.random() < 0.7 else person.first
        return self.user("role_mailbox_holder", name, person.email, person.ids, company=person.company)

    def personal_with_org(self) -> GeneratedCase | None:
        person = self.pick(lambda p: not self.is_role(p))
        if person is None:
            return None
        organization = self.rng.choice((person.company.domain, person.company.short, person.company.account))
        return self.user(
            "personal_email_with_org",
            f"{person.first} {person.last}",
            self.personal_address(person.first, person.last),
            person.ids,
            company=person.company,
            organization=organization,
        )

    def own_extension(self) -> GeneratedCase | None:
        person = self.pick(lambda p: bool(p.extension) and not self.is_role(p))
        if person is None:
            return None
        email = self.personal_address(person.first, person.last) if self.rng.random() < 0.5 else ""
        return self.user(
            "switchboard_own_extension",
            f"{person.first} {person.last}",
            email,
            person.ids,
            company=person.company,
            phone=self.written(person.company.switchboard, person.extension, crm=False),
        )

    def nickname_or_typo(self) -> GeneratedCase | None:
        person = self.pick(lambda p: not self.is_role(p) and (p.first in NICKNAMES or len(p.last) >= 6))
        if person is None:
            return None
        first, last = person.first, person.last
        if first in NICKNAMES and self.rng.random() < 0.6:
            first = NICKNAMES[first]
        else:
            at = self.rng.randint(1, len(last) - 2)
            last = last[:at] + last[at + 1] + last[at] + last[at + 2 :]  # two letters swapped
        email = (
            person.email if person.email and self.rng.random() < 0.5 else self.personal_address(first, last)
        )
        organization = person.company.domain if email != person.email else None
        return self.user(
            "nickname_or_typo",
            f"{first} {last}",
            email,
            person.ids,
            company=person.company,
            organization=organization,
        )

    def crm_id_in_external_id(self) -> GeneratedCase | None:
        person = self.pick(lambda p: not self.is_role(p))
        if person is None:
            return None
        handle = self.rng.choice(
            (
                f"{fold(person.first)[0]}{fold(person.last)}",
                fold(person.first),
                f"{fold(person.first)}{self.rng.randint(1, 99)}",
            )
        )
        return self.user(
            "crm_id_in_external_id",
            handle,
            f"{handle}@{self.rng.choice(PERSONAL_DOMAINS)}",
            person.ids,
            company=person.company,
            organization="",
            external_id=person.ids[0],
        )

    def held_twice(self) -> GeneratedCase | None:
        person = self.pick(lambda p: len(p.rows) == 2)
        if person is None:
            return None
        return self.user(
            "crm_duplicate", f"{person.first} {person.last}", person.email, person.ids, company=person.company
        )

    # The someone-else categories.

    def role_colleague(self, held: bool) -> GeneratedCase | None:
        holder = self.pick(self.is_role)
        if holder is None:
            return None
        company = holder.company
        if held:
            colleagues = [
                p
                for i, p in enumerate(self.persons)
                if p.company is company and p is not holder and i not in self.taken and not self.is_role(p)
            ]
            if not colleagues:
                return None
            colleague = self.rng.choice(colleagues)
            self.taken.add(self.persons.index(colleague))
            first, last, truth = colleague.first, colleague.last, colleague.ids
        elif self.rng.random() < 0.5:  # a colleague of the holder's first name
            first, last, truth = (
                holder.first,
                self.fresh_surname(company.parent or company.short, holder.first),
                (),
            )
        else:
            (first, last), truth = self.fresh_name(company.parent or company.short), ()
        category = "role_mailbox_colleague_in_crm" if held else "role_mailbox_colleague_not_in_crm"
        return self.user(category, f"{first} {last}", holder.email, truth, company=company)

    def successor(self) -> GeneratedCase | None:
        person = self.pick(self.worker)
        if person is None:
            return None
        first, last = self.fresh_name(person.company.parent or person.company.short, unlike=person)
        external_id = person.ids[0] if self.rng.random() < 0.35 else ""
        return self.user(
            "successor_on_address",
            f"{first} {last}",
            person.email,
            (),
            company=person.company,
            external_id=external_id,
        )

    def colleague_on_address(self) -> GeneratedCase | None:
        owner = self.pick(self.worker)
        if owner is None:
            return None
        others = [
            p
            for i, p in enumerate(self.persons)
            if p.company is owner.company
            and p is not owner
            and i not in self.taken
            and not self.is_role(p)
            and fold(p.first) != fold(owner.first)
            and fold(p.last) != fold(owner.last)
        ]
        if not others:
            return None
        colleague = self.rng.choice(others)
        self.taken.add(self.persons.index(colleague))
        return self.user(
            "colleague_on_holders_address",
            f"{colleague.first} {colleague.last}",
            owner.email,
            colleague.ids,
            company=owner.company,
        )

    def namesake(self) -> GeneratedCase | None:
        person = self.pick(lambda p: not self.is_role(p))
        if person is None:
            return None
        key = (fold(person.first), fold(person.last))
        others = [
            c
            for c in self.companies
            if c.country is person.company.country
            and (c.parent or c.short) != (person.company.parent or person.company.short)
            and key not in self.group_names[c.parent or c.short]
        ]
        company = self.rng.choice(others)
        email = f"{local_part(company.pattern, person.first, person.last)}@{company.domain}"
        if any(row["Email"].lower() == email for row in self.crm_rows):
            return None
        self.group_names[company.parent or company.short].add(key)
        phone = (
            self.written(company.switchboard, str(self.rng.randint(900, 999)), crm=False)
            if self.rng.random() < 0.3
            else ""
        )
        organization = None
        if self.rng.random() < 0.4:  # from home, the desk's organisation says where she works
            email = self.personal_address(person.first, person.last)
            organization = self.rng.choice((company.domain, company.short, company.account))
        return self.user(
            "namesake_other_customer",
            f"{person.first} {person.last}",
            email,
            (),
            company=company,
            phone=phone,
            organization=organization,
        )

    def successor_at_desk(self) -> GeneratedCase | None:
        """Someone at a departed CRM person's desk: the switchboard with the predecessor's extension."""
        person = self.pick(lambda p: bool(p.extension) and not self.is_role(p))
        if person is None:
            return None
        company = person.company
        first, last = self.fresh_name(company.parent or company.short, unlike=person)
        email = f"{local_part(company.pattern, first, last)}@{company.domain}"
        if self.rng.random() < 0.4 or any(row["Email"].lower() == email for row in company.contacts):
            email = self.personal_address(first, last)
        return self.user(
            "successor_at_desk_extension",
            f"{first} {last}",
            email,
            (),
            company=company,
            phone=self.written(company.switchboard, person.extension, crm=False),
        )

    def new_colleague(self) -> GeneratedCase | None:
        company = self.rng.choice([c for c in self.companies if c.extensions])
        first, last = self.fresh_name(company.parent or company.short)
        email = f"{local_part(company.pattern, first, last)}@{company.domain}"
        if any(row["Email"].lower() == email for row in company.contacts):
            return None
        extension = str(self.rng.randint(900, 999))  # above every CRM extension
        phone = self.written(company.switchboard, extension, crm=False)
        if self.rng.random() < 0.4:
            email = self.personal_address(first, last)
        return self.user(
            "switchboard_other_extension", f"{first} {last}", email, (), company=company, phone=phone
        )

    def bare_switchboard(self) -> GeneratedCase | None:
        holder = self.rng.choice([p for p in self.persons if p.on_switchboard])
        company = holder.company
        first, last = self.fresh_name(company.parent or company.short)
        return self.user(
            "bare_switchboard_caller",
            f"{first} {last}",
            self.personal_address(first, last),
            (),
            company=company,
            phone=self.written(company.switchboard, crm=False),
            shared_phone=True,
        )

    def stranger(self) -> GeneratedCase | None:
        first, last = self.fresh_name("")
        if self.rng.random() < 0.5:
            email, organization = self.personal_address(first, last), ""
        else:
            short, stem = self.company_name()
            email = f"{fold(first)}.{fold(last)}@{stem}.com"
            organization = f"{stem}.com" if self.rng.random() < 0.5 else short
        return self.user("not_in_crm", f"{first} {last}", email, (), company=None, organization=organization)

    def build(self) -> GeneratedCases:
        self.build_crm()
        makers = {
            "work_email_full_name": lambda: self.work_address("work_email_full_name"),
            "name_is_local_part": lambda: self.work_address("name_is_local_part"),
            "first_name_only": lambda: self.work_address("first_name_only"),
            "first_from_company": lambda: self.work_address("first_from_company"),
            "role_mailbox_holder": self.role_holder,
            "personal_email_with_org": self.personal_with_org,
            "switchboard_own_extension": self.own_extension,
            "nickname_or_typo": self.nickname_or_typo,
            "crm_id_in_external_id": self.crm_id_in_external_id,
            "crm_duplicate": self.held_twice,
            "role_mailbox_colleague_in_crm": lambda: self.role_colleague(True),
            "role_mailbox_colleague_not_in_crm": lambda: self.role_colleague(False),
            "successor_on_address": self.successor,
            "colleague_on_holders_address": self.colleague_on_address,
            "namesake_other_customer": self.namesake,
            "switchboard_other_extension": self.new_colleague,
            "successor_at_desk_extension": self.successor_at_desk,
            "bare_switchboard_caller": self.bare_switchboard,
            "not_in_crm": self.stranger,
        }
        cases = []
        for make in makers.values():
            made, tries = 0, 0
            while made < self.per_category and tries < self.per_category * 5:
                tries += 1
                if (case := make()) is not None:
                    cases.append(case)
                    made += 1
        self.rng.shuffle(cases)
        for case in cases:
            case.external_id = case.row.pop("id")
        return GeneratedCases(crm_rows=self.crm_rows, cases=cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


PERSON_SQL = {
    "crm": """
        SELECT "Id" AS unique_id,
               nullif(lower(trim("FirstName")), '') AS first_name,
               nullif(lower(trim("LastName")), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               {phone}(coalesce(nullif("MobilePhone", ''), "Phone")) AS phone,
               {company}("Account.Name") AS company,
               CAST(NULL AS VARCHAR) AS zip,
               nullif(lower(trim("MailingCity")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{path}', all_varchar = true)
    """,
    "inbound": """
        SELECT "id" AS unique_id,
               nullif(lower(trim(list_extract(string_split(trim("name"), ' '), 1))), '') AS first_name,
               CASE WHEN len(string_split(trim("name"), ' ')) > 1
                    THEN nullif(lower(trim(list_extract(string_split(trim("name"), ' '), -1))), '') END AS last_name,
               nullif(lower(trim("email")), '') AS email,
               {phone}(regexp_replace("phone", '\\s*(ext\\.?|x|#|,)\\s*\\d+\\s*$', '')) AS phone,
               {company}("organization") AS company,
               CAST(NULL AS VARCHAR) AS zip,
               CAST(NULL AS VARCHAR) AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{path}', all_varchar = true)
    """,
}


SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="salesforce",
        inbound_file="desk",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id="id",
        cli_options=["--provider", "salesforce", "--object", "Contact", "--kind", "person"],
        splink_kind="person",
        sql=PERSON_SQL,
        source="Salesforce Contacts <- support desk users export",
        splink_model=person_model_em_on_email,
    )
]


if __name__ == "__main__":
    run_generated("identity21", SUITES, seed=211, people=3000, orgs=0, per_category=40)
