"""A twentieth record set: HubSpot contacts linked from a sales-intelligence vendor's people export.

    python benchmarks/identity_twentieth.py [--people 3000] [--per-category 40] [--seed 201] [--skip-splink]

The CRM side is a HubSpot contacts export under its property labels: `Record ID`, `First Name`, `Last Name`,
`Email`, `Phone Number` (a rep typed the direct line or, as often, the company's switchboard), `Mobile Phone
Number`, `Company Name`, `Job Title`, `City`, `State/Region`, `Country/Region`, `Contact owner`, `Lifecycle
Stage`, `Create Date`.

The inbound side is a people export of a sales-intelligence vendor (ZoomInfo, Apollo, Sales Navigator style):
`ZoomInfo Contact ID`, `Full Name` (one column), `Job Title`, `Management Level`, `Company Name` (the vendor's
spelling, no legal form), `Website` (the company's domain), `Email Address` and `Email Status` ("Verified" or
"Guessed": a guessed address is the domain's usual pattern applied to the name, and can be wrong or a colleague's),
`Direct Phone Number`, `Mobile phone`, `Company HQ Phone` (the same switchboard on every row of a company),
`LinkedIn Contact Profile URL`, `Person City`, `Person State`, `Country`, `Last Job Change Date`, `Previous
Company Name`, `Employees`.

Categories are what happens when a bought list meets a CRM: verified addresses, guessed addresses that miss (a
pattern the company does not use) or hit a colleague of a similar name (Mary Brown's mbrown@ guessed for Michael
Brown), the direct dial alone, the mobile alone, the name and company with only the switchboard, people who
changed jobs (the old company's record still holds the old address; the vendor has the new job and the previous
company; some with a second CRM record at the new job), namesakes at one company (two David Lees, each with his
own mailbox and line), namesakes at other companies, people the CRM does not have (at a known company, on its
switchboard; a successor on a predecessor's reassigned desk line), duplicates inside the CRM, nicknames, initials
and dropped accents, honest typos. Every seed deterministic; written without reading the project's other
generators' code (only `identity_quality`'s interfaces).

Fairness: every inbound row has one truth; a colleague whose mailbox a guess hits has another first name (not a
nickname of it); a person not in the CRM never has the full name of a CRM person at the same company; full names
are unique within a company in the CRM except the planted namesakes, which each carry their own key.
"""

import random
import sys
import unicodedata
from dataclasses import dataclass, field
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
    "Record ID",
    "First Name",
    "Last Name",
    "Email",
    "Phone Number",
    "Mobile Phone Number",
    "Company Name",
    "Job Title",
    "City",
    "State/Region",
    "Country/Region",
    "Contact owner",
    "Lifecycle Stage",
    "Create Date",
]

INBOUND_COLUMNS = [
    "ZoomInfo Contact ID",
    "Full Name",
    "Job Title",
    "Management Level",
    "Company Name",
    "Website",
    "Email Address",
    "Email Status",
    "Direct Phone Number",
    "Mobile phone",
    "Company HQ Phone",
    "LinkedIn Contact Profile URL",
    "Person City",
    "Person State",
    "Country",
    "Last Job Change Date",
    "Previous Company Name",
    "Employees",
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
    "Daniel",
    "Nancy",
    "Matthew",
    "Lisa",
    "Anthony",
    "Betty",
    "Mark",
    "Margaret",
    "Steven",
    "Sandra",
    "Andrew",
    "Ashley",
    "Joshua",
    "Kimberly",
    "Kenneth",
    "Emily",
    "Kevin",
    "Donna",
    "Brian",
    "Michelle",
    "George",
    "Carol",
    "Timothy",
    "Amanda",
    "Ronald",
    "Melissa",
    "Jason",
    "Deborah",
    "Edward",
    "Stephanie",
    "Jeffrey",
    "Rebecca",
    "Ryan",
    "Laura",
    "Jacob",
    "Helen",
    "Gary",
    "Amy",
    "Nicholas",
    "Angela",
    "Eric",
    "Shirley",
    "Jonathan",
    "Brenda",
    "Stephen",
    "Pamela",
    "Larry",
    "Nicole",
    "Justin",
    "Samantha",
    "Scott",
    "Katherine",
    "Brandon",
    "Christine",
    "Benjamin",
    "Rachel",
    "Samuel",
    "Diane",
    "Gregory",
    "Olivia",
    "Alexander",
    "Julia",
    "Patrick",
    "Grace",
    "Frank",
    "Victoria",
    "Raymond",
    "Hannah",
    "Dennis",
    "Priya",
    "Tyler",
    "Aisha",
    "Aaron",
    "Ingrid",
    "Henry",
    "Tina",
    "Nathan",
    "Emma",
    "Lucas",
    "Wei",
    "Rahul",
    "Fatima",
    "Omar",
    "Kenji",
    "Yuki",
]
ACCENTED_FIRST = ("José", "Zoë", "Renée", "Chloé", "François", "Søren", "Björn", "Anaïs", "Andrés", "Inés")
LAST = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Martin",
    "Jackson",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Hill",
    "Green",
    "Adams",
    "Baker",
    "Nelson",
    "Carter",
    "Mitchell",
    "Roberts",
    "Turner",
    "Phillips",
    "Campbell",
    "Parker",
    "Evans",
    "Edwards",
    "Collins",
    "Stewart",
    "Morris",
    "Murphy",
    "Cook",
    "Rogers",
    "Morgan",
    "Cooper",
    "Peterson",
    "Reed",
    "Bailey",
    "Bell",
    "Kelly",
    "Howard",
    "Ward",
    "Cox",
    "Richardson",
    "Wood",
    "Watson",
    "Brooks",
    "Bennett",
    "Gray",
    "Hughes",
    "Price",
    "Sanders",
    "Myers",
    "Long",
    "Ross",
    "Foster",
    "Powell",
    "Jenkins",
    "Perry",
    "Russell",
    "Sullivan",
    "Fisher",
    "Henderson",
    "Coleman",
    "Patterson",
    "Jordan",
    "Reynolds",
    "Hamilton",
    "Graham",
    "Wallace",
    "Woods",
    "West",
    "Cole",
    "Hayes",
    "Gibson",
    "Ellis",
    "Stevens",
    "Murray",
    "Ford",
    "Marshall",
    "Owens",
    "McDonald",
    "Harrison",
    "Kennedy",
    "Wells",
    "Alvarez",
    "Patel",
    "Shah",
    "Nguyen",
    "Chen",
    "Kim",
    "Singh",
    "Okafor",
    "Kowalski",
    "Lindqvist",
    "Fitzgerald",
    "O'Brien",
    "Donnelly",
    "Lee",
    "Lam",
    "Tanaka",
    "Ivanova",
    "Rossi",
    "Dubois",
    "Schmidt",
    "Novak",
]
ACCENTED_LAST = (
    "García",
    "Müller",
    "Peña",
    "Núñez",
    "Gómez",
    "Rodríguez",
    "Schäfer",
    "Bérubé",
    "Lefèvre",
    "Sørensen",
)
NICKNAMES = {
    "Robert": "Bob",
    "William": "Bill",
    "Michael": "Mike",
    "Katherine": "Kate",
    "Elizabeth": "Liz",
    "James": "Jim",
    "Jennifer": "Jen",
    "Thomas": "Tom",
    "Christopher": "Chris",
    "Daniel": "Dan",
    "Matthew": "Matt",
    "Anthony": "Tony",
    "Joseph": "Joe",
    "Steven": "Steve",
    "Andrew": "Andy",
    "Samantha": "Sam",
    "Nicholas": "Nick",
    "Alexander": "Alex",
    "Benjamin": "Ben",
    "Jonathan": "Jon",
    "Deborah": "Debbie",
    "Susan": "Sue",
    "Edward": "Ted",
    "Timothy": "Tim",
    "Patricia": "Trish",
    "Richard": "Rick",
    "Kenneth": "Ken",
    "Gregory": "Greg",
    "Rebecca": "Becky",
    "Victoria": "Vicky",
}
# Two first names of one initial a guessed address cannot tell apart (flast@, firstl@ keep only the initial),
# neither a nickname of the other.
SAME_INITIAL = (
    ("Michael", "Mary"),
    ("David", "Diane"),
    ("Robert", "Rachel"),
    ("Steven", "Sarah"),
    ("Kevin", "Karen"),
    ("John", "Julia"),
    ("Thomas", "Tina"),
    ("Brian", "Barbara"),
    ("Paul", "Priya"),
    ("Gary", "Grace"),
    ("Linda", "Larry"),
    ("Nancy", "Nathan"),
    ("Helen", "Henry"),
    ("Eric", "Emma"),
    ("Aaron", "Amy"),
    ("Laura", "Lucas"),
    ("Jason", "Jessica"),
    ("Scott", "Sandra"),
)
TITLES = (
    ("VP of Sales", "Vice President, Sales", "VP"),
    ("Director of Marketing", "Marketing Director", "Director"),
    ("Head of Procurement", "Procurement Lead", "Director"),
    ("IT Manager", "Manager, Information Technology", "Manager"),
    ("Chief Financial Officer", "CFO", "C-Level"),
    ("Operations Manager", "Ops Manager", "Manager"),
    ("Account Executive", "Account Executive", "Non-Manager"),
    ("Software Engineer", "Sr. Software Engineer", "Non-Manager"),
    ("HR Business Partner", "HRBP", "Non-Manager"),
    ("Controller", "Financial Controller", "Manager"),
)
WORDS = [
    "Acme",
    "Apex",
    "Beacon",
    "Blue",
    "Bright",
    "Cascade",
    "Cedar",
    "Summit",
    "Crest",
    "Delta",
    "Echo",
    "Ember",
    "Falcon",
    "Forge",
    "Granite",
    "Harbor",
    "Horizon",
    "Iron",
    "Juniper",
    "Keystone",
    "Lumen",
    "Maple",
    "Meridian",
    "Nimbus",
    "North",
    "Oak",
    "Orbit",
    "Pine",
    "Pioneer",
    "Quarry",
    "Radiant",
    "Ridge",
    "River",
    "Sable",
    "Signal",
    "Silver",
    "Sterling",
    "Stone",
    "Strata",
    "Tidal",
    "Titan",
    "Vertex",
    "Vista",
    "Willow",
    "Zenith",
]
NOUNS = [
    "Analytics",
    "Logistics",
    "Robotics",
    "Health",
    "Software",
    "Partners",
    "Systems",
    "Foods",
    "Energy",
    "Labs",
    "Capital",
    "Networks",
]


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    calling: str
    areas: tuple[str, ...]  # leading digits of valid landlines
    mobile_areas: tuple[str, ...]
    places: tuple[tuple[str, str], ...]  # city, state
    legal: tuple[str, ...]
    tld: str


US = Country(
    "US",
    "United States",
    "1",
    ("212", "415", "312", "617", "512", "206", "303", "404", "646", "720"),
    ("917", "628", "773", "857", "737", "425"),
    (
        ("New York", "NY"),
        ("San Francisco", "CA"),
        ("Chicago", "IL"),
        ("Boston", "MA"),
        ("Austin", "TX"),
        ("Seattle", "WA"),
        ("Denver", "CO"),
        ("Atlanta", "GA"),
    ),
    ("Inc.", "LLC", "Corp."),
    ".com",
)
CA = Country(
    "CA",
    "Canada",
    "1",
    ("416", "604", "403", "613"),
    ("647", "778", "587", "343"),
    (("Toronto", "ON"), ("Vancouver", "BC"), ("Calgary", "AB"), ("Ottawa", "ON")),
    ("Inc.", "Ltd."),
    ".ca",
)
GB = Country(
    "GB",
    "United Kingdom",
    "44",
    ("203", "207", "161", "131", "117"),
    ("74", "75", "78", "79"),
    (("London", ""), ("Manchester", ""), ("Edinburgh", ""), ("Bristol", "")),
    ("Ltd", "Limited", "plc"),
    ".co.uk",
)
COUNTRIES = ((US, 70), (CA, 10), (GB, 20))


def fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def word(text: str) -> str:
    return "".join(ch for ch in fold(text).lower() if ch.isalnum())


def mailbox(pattern: str, first: str, last: str) -> str:
    f, surname = word(first), word(last)
    return {
        "first.last": f"{f}.{surname}",
        "flast": f"{f[0]}{surname}",
        "firstl": f"{f}{surname[0]}",
        "first_last": f"{f}_{surname}",
    }[pattern]


@dataclass
class Company:
    name: str  # the CRM's, with its legal form
    short: str  # the vendor's
    domain: str
    pattern: str
    country: Country
    city: str
    state: str
    hq: str  # E.164
    employees: int


@dataclass
class Person:
    first: str
    last: str
    company: Company
    title: int
    direct: str = ""
    mobile: str = ""
    email: str = ""
    records: list[dict] = field(default_factory=list)


class Generator:
    def __init__(self, seed: int, people: int, per_category: int):
        self.rng = random.Random(seed)
        self.size = people
        self.per = per_category
        self.crm: list[dict] = []
        self.cases: list[GeneratedCase] = []
        self.used_numbers: set[str] = set()
        self.used_ids: set[str] = set()
        self.mailboxes: dict[str, dict] = {}  # address -> the CRM row holding it
        self.names_at: dict[str, set[str]] = {}  # company domain -> full names the CRM holds there
        self.people: list[Person] = []

    # -- numbers, ids, names ---------------------------------------------------------------------------------
    def number(self, country: Country, *, mobile: bool = False) -> str:
        while True:
            if country is GB:
                lead = self.rng.choice(country.mobile_areas if mobile else country.areas)
                text = f"+44{lead}{self.rng.randrange(10 ** (10 - len(lead))):0{10 - len(lead)}d}"
            else:
                area = self.rng.choice(country.mobile_areas if mobile else country.areas)
                text = f"+1{area}{self.rng.randrange(200, 1000)}{self.rng.randrange(10000):04d}"
            parsed = phonenumbers.parse(text)
            if text not in self.used_numbers and phonenumbers.is_valid_number(parsed):
                self.used_numbers.add(text)
                return text

    def crm_phone(self, e164: str) -> str:
        """As a rep typed it: E.164, international or national."""
        parsed = phonenumbers.parse(e164)
        style = self.rng.choice(
            (PhoneNumberFormat.E164, PhoneNumberFormat.INTERNATIONAL, PhoneNumberFormat.NATIONAL)
        )
        return phonenumbers.format_number(parsed, style)

    def vendor_phone(self, e164: str) -> str:
        parsed = phonenumbers.parse(e164)
        if e164.startswith("+1"):
            return phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)
        return phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)

    def record_id(self) -> str:
        while True:
            value = str(self.rng.randrange(10**8, 10**9))
            if value not in self.used_ids:
                self.used_ids.add(value)
                return value

    def name(self) -> tuple[str, str]:
        first = self.rng.choice(ACCENTED_FIRST) if self.rng.random() < 0.05 else self.rng.choice(FIRST)
        last = self.rng.choice(ACCENTED_LAST) if self.rng.random() < 0.06 else self.rng.choice(LAST)
        return first, last

    def free_name(self, company: Company) -> tuple[str, str]:
        """A name the CRM does not hold at this company."""
        while True:
            first, last = self.name()
            if f"{first} {last}" not in self.names_at.get(company.domain, set()):
                return first, last

    # -- the world -------------------------------------------------------------------------------------------
    def companies(self) -> list[Company]:
        result, domains = [], set()
        count = max(20, self.size // 25)
        while len(result) < count:
            country = self.rng.choices([c for c, _ in COUNTRIES], [w for _, w in COUNTRIES])[0]
            short = f"{self.rng.choice(WORDS)} {self.rng.choice(NOUNS)}"
            domain = word(short) + country.tld
            if domain in domains:
                continue
            domains.add(domain)
            city, state = self.rng.choice(country.places)
            pattern = self.rng.choices(["first.last", "flast", "firstl", "first_last"], [50, 30, 10, 10])[0]
            result.append(
                Company(
                    f"{short} {self.rng.choice(country.legal)}",
                    short,
                    domain,
                    pattern,
                    country,
                    city,
                    state,
                    self.number(country),
                    self.rng.choice((45, 120, 350, 800, 2400, 12000)),
                )
            )
        return result

    def new_person(self, company: Company, first: str = "", last: str = "") -> Person:
        if not first:
            first, last = self.free_name(company)
        person = Person(first, last, company, self.rng.randrange(len(TITLES)))
        person.direct = self.number(company.country)
        if self.rng.random() < 0.6:
            person.mobile = self.number(company.country, mobile=True)
        person.email = self.address(company, first, last)
        return person

    def address(self, company: Company, first: str, last: str) -> str:
        local = mailbox(company.pattern, first, last)
        candidate, n = local, 1
        while f"{candidate}@{company.domain}" in self.mailboxes:
            n += 1
            candidate = f"{local}{n}"
        return f"{candidate}@{company.domain}"

    def add_crm(self, person: Person, **overrides) -> dict:
        """The person's CRM record: the Phone Number a direct line, the switchboard or empty."""
        company = person.company
        phone_draw = self.rng.random()
        phone = person.direct if phone_draw < 0.35 else company.hq if phone_draw < 0.8 else ""
        row = {
            "Record ID": self.record_id(),
            "First Name": person.first,
            "Last Name": person.last,
            "Email": person.email,
            "Phone Number": self.crm_phone(phone) if phone else "",
            "Mobile Phone Number": self.crm_phone(person.mobile)
            if person.mobile and self.rng.random() < 0.7
            else "",
            "Company Name": company.name if self.rng.random() < 0.6 else company.short,
            "Job Title": TITLES[person.title][0],
            "City": company.city,
            "State/Region": company.state,
            "Country/Region": company.country.name,
            "Contact owner": self.rng.choice(("Dana Whitfield", "Marcus Ortega", "Lena Brandt", "")),
            "Lifecycle Stage": self.rng.choice(("lead", "marketingqualifiedlead", "opportunity", "customer")),
            "Create Date": f"20{self.rng.randrange(18, 26)}-{self.rng.randrange(1, 13):02d}-"
            f"{self.rng.randrange(1, 29):02d}",
        }
        row.update(overrides)
        self.crm.append(row)
        if row["Email"]:
            self.mailboxes[row["Email"].lower()] = row
        self.names_at.setdefault(company.domain, set()).add(f"{row['First Name']} {row['Last Name']}")
        person.records.append(row)
        return row

    def populate(self) -> None:
        self.firms = self.companies()
        weights = [self.rng.choice((1, 1, 2, 3, 5, 9)) for _ in self.firms]
        for _ in range(self.size):
            company = self.rng.choices(self.firms, weights)[0]
            person = self.new_person(company)
            self.add_crm(person)
            self.people.append(person)
        self.rng.shuffle(self.people)
        self.spare = list(self.people)  # people not yet used by a case

    def take(self, test=lambda person: True) -> Person:
        for index, person in enumerate(self.spare):
            if len(person.records) == 1 and test(person):
                return self.spare.pop(index)
        raise RuntimeError("no person left for a case")

    # -- the vendor's row ------------------------------------------------------------------------------------
    def vendor_row(self, person: Person, *, email=None, status="Verified", direct=True, mobile=False, **over):
        company = person.company
        title = TITLES[person.title]
        slug = f"{word(person.first)}-{word(person.last)}-{self.rng.randrange(16**6):06x}"
        row = {
            "Full Name": f"{person.first} {person.last}",
            "Job Title": title[1],
            "Management Level": title[2],
            "Company Name": company.short,
            "Website": f"www.{company.domain}",
            "Email Address": person.email if email is None else email,
            "Email Status": status if (person.email if email is None else email) else "",
            "Direct Phone Number": self.vendor_phone(person.direct) if direct else "",
            "Mobile phone": self.vendor_phone(person.mobile) if mobile and person.mobile else "",
            "Company HQ Phone": self.vendor_phone(company.hq),
            "LinkedIn Contact Profile URL": f"https://www.linkedin.com/in/{slug}",
            "Person City": company.city,
            "Person State": company.state,
            "Country": company.country.name,
            "Last Job Change Date": "",
            "Previous Company Name": "",
            "Employees": str(company.employees),
        }
        row.update(over)
        return row

    def case(self, category: str, row: dict, truth) -> None:
        self.cases.append(GeneratedCase(category, row, tuple(r["Record ID"] for r in truth)))

    def unheld_guess(self, person: Person) -> str:
        """The vendor's first.last@ guess where the company uses another pattern and nobody holds it."""
        guess = f"{mailbox('first.last', person.first, person.last)}@{person.company.domain}"
        return "" if guess in self.mailboxes or guess == person.email else guess

    # -- categories: the same person -------------------------------------------------------------------------
    def verified_email(self):
        person = self.take()
        self.case("verified_email", self.vendor_row(person, mobile=self.rng.random() < 0.3), person.records)

    def direct_dial_guessed_email(self):
        """The guess misses (the company writes flast@), the direct dial is the CRM's Phone Number."""
        person = self.take(
            lambda p: (
                p.company.pattern != "first.last"
                and self.unheld_guess(p)
                and p.direct in _phones(p.records[0])
            )
        )
        guess = self.unheld_guess(person)
        self.case(
            "direct_dial_guessed_email",
            self.vendor_row(person, email=guess, status="Guessed"),
            person.records,
        )

    def mobile_only(self):
        person = self.take(lambda p: p.mobile and p.mobile in _phones(p.records[0]))
        row = self.vendor_row(person, email="", direct=False, mobile=True)
        self.case("mobile_only", row, person.records)

    def name_company_switchboard(self):
        """Only the name, the company, its switchboard and a guess that misses: the CRM holds one such name there."""
        person = self.take(lambda p: p.company.pattern != "first.last" and self.unheld_guess(p))
        row = self.vendor_row(person, email=self.unheld_guess(person), status="Guessed", direct=False)
        self.case("name_company_switchboard", row, person.records)

    def job_change_same_mobile(self):
        """Moved to another company: the CRM's record is the old job's (old address); the vendor has the new job,
        its address and switchboard, the previous company, and the mobile that moved with the person."""
        person = self.take(lambda p: p.mobile and p.mobile in _phones(p.records[0]))
        self.moved(person, "job_change_same_mobile", mobile=True)

    def job_change_name_only(self):
        person = self.take()
        self.moved(person, "job_change_name_only", mobile=False)

    def moved(self, person: Person, category: str, *, mobile: bool, second_record: bool = False) -> None:
        old = person.company
        new = self.rng.choice([c for c in self.firms if c is not old and c.country is old.country])
        if f"{person.first} {person.last}" in self.names_at.get(new.domain, set()):
            new = self.rng.choice([c for c in self.firms if c is not old])
        mover = Person(person.first, person.last, new, self.rng.randrange(len(TITLES)), mobile=person.mobile)
        mover.direct = self.number(new.country)
        mover.email = self.address(new, person.first, person.last)
        truth = list(person.records)
        if second_record:
            truth.append(self.add_crm(mover, **{"Mobile Phone Number": ""}))
        row = self.vendor_row(
            mover,
            mobile=mobile,
            **{
                "Previous Company Name": old.short,
                "Last Job Change Date": f"2026-{self.rng.randrange(1, 12):02d}-01",
            },
        )
        self.case(category, row, truth)

    def job_change_both_records(self):
        """The rep already made a record at the new job; the old one is still there: both are the person."""
        person = self.take()
        self.moved(person, "job_change_both_records", mobile=False, second_record=True)

    def crm_duplicate(self):
        """The CRM holds the person twice: a list import with the address in capitals and the mobile."""
        person = self.take(lambda p: p.mobile)
        first = NICKNAMES.get(person.first, person.first)
        self.add_crm(
            person,
            **{
                "First Name": first,
                "Email": person.email.upper() if self.rng.random() < 0.5 else "",
                "Phone Number": "",
                "Mobile Phone Number": self.crm_phone(person.mobile),
            },
        )
        self.case("crm_duplicate", self.vendor_row(person, mobile=True), person.records)

    def nickname(self):
        person = self.take(lambda p: p.first in NICKNAMES and (p.direct in _phones(p.records[0]) or p.email))
        known = person.direct in _phones(person.records[0])
        row = self.vendor_row(
            person,
            email="" if known and self.rng.random() < 0.5 else None,
            **{"Full Name": f"{NICKNAMES[person.first]} {person.last}"},
        )
        self.case("nickname", row, person.records)

    def initials_accents(self):
        person = self.take(lambda p: fold(p.first + p.last) != p.first + p.last or self.rng.random() < 0.5)
        if fold(person.first + person.last) != person.first + person.last:
            full = f"{fold(person.first)} {fold(person.last)}"
        elif self.rng.random() < 0.5:
            full = f"{person.first[0]}. {person.last}"
        else:
            full = f"{person.first} {self.rng.choice('ABCDEJKLMPRST')}. {person.last}"
        self.case("initials_accents", self.vendor_row(person, **{"Full Name": full}), person.records)

    def typo(self):
        person = self.take(lambda p: len(p.last) > 4)
        last = list(person.last)
        i = self.rng.randrange(1, len(last) - 2)
        if self.rng.random() < 0.5:
            last[i], last[i + 1] = last[i + 1], last[i]
        else:
            last[i] = self.rng.choice("aeiourstnl".replace(last[i].lower(), ""))
        full = f"{person.first} {''.join(last)}"
        self.case("typo", self.vendor_row(person, **{"Full Name": full}), person.records)

    def namesake_same_company(self):
        """Two people of one full name at one company, each with a mailbox and a line of their own."""
        person = self.take()
        twin = self.new_person(person.company, person.first, person.last)
        twin.title = (person.title + 3) % len(TITLES)
        self.add_crm(twin)
        self.people.append(twin)
        target = self.rng.choice((person, twin))
        if self.rng.random() < 0.5 or not (target.mobile and target.mobile in _phones(target.records[0])):
            row = self.vendor_row(target, direct=target.direct in _phones(target.records[0]))
        else:
            row = self.vendor_row(target, email="", direct=False, mobile=True)
        self.case("namesake_same_company", row, target.records)

    # -- categories: someone else ----------------------------------------------------------------------------
    def guessed_colleague_mailbox(self):
        """The vendor applied the company's pattern (flast@, firstl@) to Michael Brown and got Mary Brown's
        mailbox. Michael is in the CRM under his own address a third of the time."""
        for _ in range(200):
            holder = self.take(lambda p: p.company.pattern in ("flast", "firstl"))
            pair = next((pair for pair in SAME_INITIAL if holder.first in pair), None)
            if pair:
                break
            self.spare.append(holder)
        else:
            raise RuntimeError("no colleague pair")
        other = pair[1] if holder.first == pair[0] else pair[0]
        company = holder.company
        if f"{other} {holder.last}" in self.names_at.get(company.domain, set()):
            return self.not_in_crm()
        person = self.new_person(company, other, holder.last)  # gets flast2@ as own mailbox
        guess = f"{mailbox(company.pattern, other, holder.last)}@{company.domain}"
        truth = [self.add_crm(person)] if self.rng.random() < 0.35 else []
        row = self.vendor_row(person, email=guess, status="Guessed")
        self.case("guessed_colleague_mailbox", row, truth)

    def switchboard_not_in_crm(self):
        """Someone the CRM does not have, at a company it does, on the switchboard dozens of records carry."""
        holder = self.take(lambda p: p.company.hq in _phones(p.records[0]))
        person = self.new_person(holder.company)
        guess = self.unheld_guess(person) or ""
        row = self.vendor_row(person, email=guess, status="Guessed", direct=self.rng.random() < 0.5)
        self.case("switchboard_not_in_crm", row, [])

    def reassigned_desk_line(self):
        """A successor sits at the predecessor's desk: the vendor lists the line the CRM has on the
        predecessor's record, with the successor's own name and address."""
        holder = self.take(lambda p: p.direct in _phones(p.records[0]))
        person = self.new_person(holder.company)
        while person.first[0] == holder.first[0] or person.last == holder.last:
            person = self.new_person(holder.company)
        person.direct = holder.direct
        person.title = holder.title
        self.case("reassigned_desk_line", self.vendor_row(person), [])

    def namesake_elsewhere(self):
        """A CRM person's full name at another company, not in the CRM."""
        holder = self.take()
        company = self.rng.choice([c for c in self.firms if c is not holder.company])
        if f"{holder.first} {holder.last}" in self.names_at.get(company.domain, set()):
            return self.not_in_crm()
        person = self.new_person(company, holder.first, holder.last)
        self.case("namesake_elsewhere", self.vendor_row(person, mobile=True), [])

    def not_in_crm(self):
        company = self.rng.choice(self.firms)
        person = self.new_person(company)
        self.case("not_in_crm", self.vendor_row(person, mobile=self.rng.random() < 0.3), [])

    def build(self) -> GeneratedCases:
        self.populate()
        per = self.per
        for make, count in (
            (self.verified_email, per),
            (self.direct_dial_guessed_email, per),
            (self.mobile_only, per),
            (self.name_company_switchboard, per),
            (self.job_change_same_mobile, per),
            (self.job_change_name_only, per),
            (self.job_change_both_records, per),
            (self.crm_duplicate, per),
            (self.nickname, per),
            (self.initials_accents, per),
            (self.typo, per),
            (self.namesake_same_company, per),
            (self.guessed_colleague_mailbox, per),
            (self.switchboard_not_in_crm, per),
            (self.reassigned_desk_line, per),
            (self.namesake_elsewhere, per),
            (self.not_in_crm, 2 * per),
        ):
            for _ in range(count):
                make()
        self.rng.shuffle(self.cases)
        for index, case in enumerate(self.cases):
            case.external_id = f"ZI{1000000 + index * 7 + self.rng.randrange(7)}"
        rows = list(self.crm)
        self.rng.shuffle(rows)
        return GeneratedCases(crm_rows=rows, cases=self.cases)


def _phones(row: dict) -> set[str]:
    """The E.164 numbers a CRM row holds."""
    result = set()
    for key in ("Phone Number", "Mobile Phone Number"):
        if row.get(key):
            parsed = phonenumbers.parse(row[key], "US" if not row[key].startswith("+") else None)
            if row["Country/Region"] == "United Kingdom" and not row[key].startswith("+"):
                parsed = phonenumbers.parse(row[key], "GB")
            result.add(phonenumbers.format_number(parsed, PhoneNumberFormat.E164))
    return result


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


PERSON_SQL = {
    "crm": """
        SELECT "Record ID" AS unique_id,
               nullif(lower(trim("First Name")), '') AS first_name,
               nullif(lower(trim("Last Name")), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               {phone}(coalesce(nullif("Mobile Phone Number", ''), "Phone Number")) AS phone,
               {company}("Company Name") AS company,
               CAST(NULL AS VARCHAR) AS zip,
               nullif(lower(trim("City")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{path}', all_varchar = true)
    """,
    "inbound": """
        SELECT "ZoomInfo Contact ID" AS unique_id,
               nullif(lower(trim(list_extract(string_split(trim("Full Name"), ' '), 1))), '') AS first_name,
               nullif(lower(trim(list_extract(string_split(trim("Full Name"), ' '), -1))), '') AS last_name,
               nullif(lower(trim("Email Address")), '') AS email,
               {phone}(coalesce(nullif("Mobile phone", ''), nullif("Direct Phone Number", ''),
                                "Company HQ Phone")) AS phone,
               {company}("Company Name") AS company,
               CAST(NULL AS VARCHAR) AS zip,
               nullif(lower(trim("Person City")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{path}', all_varchar = true)
    """,
}


SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="hubspot",
        inbound_file="vendor",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id="ZoomInfo Contact ID",
        cli_options=["--provider", "hubspot", "--object", "contacts", "--kind", "person"],
        splink_kind="person",
        sql=PERSON_SQL,
        source="HubSpot contacts <- sales-intelligence vendor people export",
        splink_model=person_model_em_on_email,
    )
]


if __name__ == "__main__":
    run_generated("identity20", SUITES, seed=201, people=3000, orgs=0, per_category=40)
