"""A twenty-second record set: a social-selling prospect list linked into a HubSpot contacts export.

    python benchmarks/identity_twentysecond.py [--people 3000] [--per-category 40] [--seed 221] [--skip-splink]
                                               [--keep DIR]

The CRM side is a HubSpot contacts export under its property labels: `Record ID`, `First Name`, `Last Name`,
`Email`, `Phone Number`, `Company Name` (as a rep typed it, legal form or not), `Job Title`, `City`,
`State/Region`, `Country/Region`, `LinkedIn URL` (a custom property: filled for some contacts, in whatever form
the rep pasted it), `Contact owner`, `Lifecycle Stage`, `Create Date`.

The inbound side is a Sales Navigator lead list that reps saved, exported through a CSV tool: `Lead ID`, `Full
Name` (as the person wrote it on the profile: emojis, credentials "MBA, CPA", pronouns "(she/her)", a nickname
in quotes, a name in another script beside its Latin form), `Headline`, `Current Title`, `Current Company` (as
typed on the profile: "Acme", "Acme Inc.", "ACME | ex-Globex"), `Location` ("Greater Boston", "London, England,
United Kingdom"), `Profile URL` (the public /in/ address), `Sales Navigator URL` (an opaque lead address no CRM
holds), `Time in Role`, `Time in Company`, `Email` and `Email Status` (an enrichment step's find: "Valid",
"Catch-all" for a guess in the company's pattern on a domain that accepts every address, or blank),
`Phone`, `Saved By`.

Categories, same person: the profile URL is held in the CRM in another form (www or not, a trailing slash, a
locale subdomain, a tracking query, the old /pub/ form); name, company and city only; a job change whose only
common key is the profile URL (the CRM record is at the old company); a nickname or credentials around the name;
emojis and pronouns; a name in another script beside its Latin form; an enrichment email that is right; one of
two namesakes at a large employer, told apart by city; a person held twice in the CRM. Someone else: a namesake
at the same large employer in another city (the CRM holds only the other); a namesake at a company with a
similar name ("Bluestone Analytics" / "Bluestone Capital"); a colleague whose profile address a rep pasted
onto another CRM record; a guessed email that is a colleague's (Jane Smith's
guess jsmith@ is Jennifer Smith's mailbox); a person the CRM does not hold (at a known company, or a namesake
at another company and city).

Fairness: each inbound row has one truth (two for a CRM duplicate); full names are unique within a company in
the CRM except the planted namesakes, who live in different cities; a colleague whose mailbox a guess hits has
another first name that is no nickname of it; a person not in the CRM never shares a last name with a CRM
person at the same company. Every seed deterministic. Written without reading the other generators' code (only
`identity_quality`'s interfaces and the twentieth generator's way of plugging in and setting up Splink).
"""

import random
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from nicknames import NickNamer

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
    "Company Name",
    "Job Title",
    "City",
    "State/Region",
    "Country/Region",
    "LinkedIn URL",
    "Contact owner",
    "Lifecycle Stage",
    "Create Date",
]

INBOUND_COLUMNS = [
    "Lead ID",
    "Full Name",
    "Headline",
    "Current Title",
    "Current Company",
    "Location",
    "Profile URL",
    "Sales Navigator URL",
    "Time in Role",
    "Time in Company",
    "Email",
    "Email Status",
    "Phone",
    "Saved By",
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
    "Priya",
    "Arjun",
    "Wei",
    "Mei",
    "Hiroshi",
    "Yuki",
    "Carlos",
    "Lucia",
    "Sofia",
    "Mateo",
    "Olga",
    "Dmitri",
    "Fatima",
    "Omar",
    "Aisha",
    "Chloe",
    "Liam",
    "Noah",
    "Emma",
    "Olivia",
    "Ava",
    "Ethan",
    "Grace",
    "Hannah",
    "Nathan",
    "Samuel",
    "Zoe",
    "Leah",
    "Isaac",
    "Maya",
    "Tara",
    "Rohan",
    "Ingrid",
    "Lars",
    "Amara",
    "Kwame",
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
    "Kim",
    "Park",
    "Chen",
    "Wang",
    "Patel",
    "Shah",
    "Singh",
    "Kumar",
    "Tanaka",
    "Sato",
    "Suzuki",
    "Muller",
    "Schmidt",
    "Novak",
    "Kowalski",
    "Ivanova",
    "Petrov",
    "Okafor",
    "Mensah",
    "Haddad",
    "Costa",
    "Silva",
    "Rossi",
    "Bianchi",
    "Dubois",
    "Laurent",
    "OBrien",
    "Murphy",
    "Kelly",
    "Walsh",
    "Byrne",
    "Fischer",
    "Weber",
    "Becker",
    "Larsen",
    "Hansen",
    "Berg",
    "Lindqvist",
    "Moreau",
    "Fontaine",
]
PREFIXES = [
    "Blue",
    "Red",
    "Iron",
    "Silver",
    "North",
    "South",
    "West",
    "East",
    "Bright",
    "Clear",
    "Deep",
    "High",
    "Open",
    "Swift",
    "True",
    "Stone",
    "Cedar",
    "Maple",
    "Pine",
    "Oak",
    "River",
    "Lake",
    "Summit",
    "Peak",
    "Harbor",
    "Bay",
    "Crest",
    "Vista",
    "Nova",
    "Apex",
    "Orbit",
    "Pixel",
    "Quantum",
    "Vector",
    "Signal",
    "Beacon",
    "Atlas",
    "Helix",
    "Zenith",
    "Aurora",
    "Cobalt",
    "Ember",
    "Falcon",
    "Granite",
    "Horizon",
    "Lumen",
]
SUFFIXES = ["stone", "field", "wave", "point", "bridge", "gate", "works", "line", "forge", "path"]
SECTORS = [
    "Analytics",
    "Capital",
    "Health",
    "Logistics",
    "Software",
    "Systems",
    "Labs",
    "Partners",
    "Energy",
    "Media",
]
LEGAL = {
    "United States": ["Inc.", "Inc", "LLC", "Corp."],
    "United Kingdom": ["Ltd", "Limited", "plc"],
    "Canada": ["Inc.", "Ltd."],
    "Australia": ["Pty Ltd", "Pty. Ltd."],
    "Poland": ["sp. z o.o.", "S.A."],
    "Czech Republic": ["s.r.o.", "a.s."],
    "Turkey": ["A.S.", "Ltd. Sti."],
    "Vietnam": ["JSC", "Co., Ltd."],
}
PATTERNS = ["first.last", "flast", "first", "firstl", "first_last"]


@dataclass(frozen=True)
class City:
    name: str
    state: str
    country: str
    locations: tuple[str, ...]  # how a profile's location names it


CITIES = [
    City("Boston", "MA", "United States", ("Boston, Massachusetts, United States", "Greater Boston")),
    City(
        "San Francisco",
        "CA",
        "United States",
        ("San Francisco, California, United States", "San Francisco Bay Area"),
    ),
    City(
        "New York",
        "NY",
        "United States",
        ("New York, New York, United States", "New York City Metropolitan Area"),
    ),
    City("Seattle", "WA", "United States", ("Seattle, Washington, United States", "Greater Seattle Area")),
    City("Chicago", "IL", "United States", ("Chicago, Illinois, United States", "Greater Chicago Area")),
    City(
        "Austin", "TX", "United States", ("Austin, Texas, United States", "Austin, Texas Metropolitan Area")
    ),
    City("Denver", "CO", "United States", ("Denver, Colorado, United States", "Denver Metropolitan Area")),
    City("Atlanta", "GA", "United States", ("Atlanta, Georgia, United States", "Atlanta Metropolitan Area")),
    City("London", "", "United Kingdom", ("London, England, United Kingdom", "Greater London")),
    City("Manchester", "", "United Kingdom", ("Manchester, England, United Kingdom", "Greater Manchester")),
]
TITLES = [
    "VP of Sales",
    "Head of Revenue Operations",
    "Account Executive",
    "Director of Marketing",
    "Chief Financial Officer",
    "Senior Software Engineer",
    "Product Manager",
    "Customer Success Manager",
    "Head of Procurement",
    "IT Director",
    "Operations Manager",
    "Data Scientist",
]
CREDENTIALS = ["MBA", "CPA", "PhD", "PMP", "CFA", "MBA, CPA", "CISSP", "SHRM-CP"]
PRONOUNS = ["(she/her)", "(he/him)", "(they/them)", "(she/they)"]
EMOJIS = ["🚀", "🌟", "📈", "☁️", "🎯", "💡", "🌍"]
OWNERS = ["Alex Rivera", "Jordan Blake", "Sam Whitaker", "Casey Morgan"]
REPS = ["Taylor Quinn", "Morgan Reese", "Jamie Ortiz"]
# A name in another script beside its Latin form, as people write both on a profile.
SCRIPT_NAMES = [
    ("Wei", "Wang", "王伟"),
    ("Mei", "Chen", "陈美"),
    ("Hiroshi", "Tanaka", "田中 宏"),
    ("Yuki", "Sato", "佐藤 由紀"),
    ("Olga", "Ivanova", "Ольга Иванова"),
    ("Dmitri", "Petrov", "Дмитрий Петров"),
    ("Fatima", "Haddad", "فاطمة حداد"),
    ("Omar", "Haddad", "عمر حداد"),
]
NAMER = NickNamer()


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def word(text: str) -> str:
    return "".join(c for c in fold(text).lower() if c.isalnum())


def mailbox(pattern: str, first: str, last: str) -> str:
    f, ln = word(first), word(last)
    return {
        "first.last": f"{f}.{ln}",
        "flast": f"{f[0]}{ln}",
        "first": f,
        "firstl": f"{f}{ln[0]}",
        "first_last": f"{f}_{ln}",
    }[pattern]


def nickname_related(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return (
        a == b
        or b in NAMER.nicknames_of(a)
        or a in NAMER.nicknames_of(b)
        or bool(NAMER.canonicals_of(a) & (NAMER.canonicals_of(b) | {b}))
    )


@dataclass
class Company:
    base: str
    sector: str
    domain: str
    pattern: str
    cities: list[City]
    large: bool
    crm_name: str = ""

    @property
    def name(self) -> str:
        return f"{self.base} {self.sector}"


@dataclass
class Person:
    first: str
    last: str
    company: Company
    city: City
    slug: str
    title: str
    email: str = ""
    records: list[str] = field(default_factory=list)


class Generator:
    def __init__(self, seed: int, people: int, per_category: int):
        self.rng = random.Random(seed)
        self.people_wanted = people
        self.per_category = per_category
        self.crm: list[dict] = []
        self.cases: list[GeneratedCase] = []
        self.used_ids: set[str] = set()
        self.used_slugs: set[str] = set()
        self.held: list[Person] = []  # people the CRM holds, not yet used by a case
        self.full_names: dict[tuple[str, str], set[tuple[str, str]]] = {}  # company -> (first, last) held
        self.last_names: dict[str, set[str]] = {}  # company -> last names held
        self.emails: dict[str, str] = {}  # address -> record id
        self.companies = self.make_companies()
        self.siblings: dict[
            str, Company
        ] = {}  # a CRM company's base -> a similar company no one in CRM is at

    # -- the world -------------------------------------------------------------------------------------------

    def make_companies(self) -> list[Company]:
        names = [f"{p}{s}" for p in PREFIXES for s in SUFFIXES]
        self.rng.shuffle(names)
        companies = []
        for index, base in enumerate(names[:140]):
            large = index < 14
            country_cities = [c for c in CITIES if c.country == "United States"]
            if index % 5 == 4:
                country_cities = [c for c in CITIES if c.country == "United Kingdom"]
            cities = (
                self.rng.sample(country_cities, min(4, len(country_cities)))
                if large
                else [self.rng.choice(country_cities)]
            )
            sector = self.rng.choice(SECTORS)
            domain = f"{word(base)}{self.rng.choice(['', word(sector)[:4], 'hq'])}.{'co.uk' if cities[0].country == 'United Kingdom' else 'com'}"
            company = Company(base, sector, domain, self.rng.choice(PATTERNS), cities, large)
            legal = self.rng.choice(LEGAL[cities[0].country])
            company.crm_name = self.rng.choice(
                [company.name, f"{company.name} {legal}", f"{company.name}, {legal}"]
            )
            companies.append(company)
        return companies

    def sibling(self, company: Company) -> Company:
        """A company of a similar name (same first word, another sector) that the CRM knows nobody at."""
        if company.base not in self.siblings:
            sector = self.rng.choice([s for s in SECTORS if s != company.sector])
            self.siblings[company.base] = Company(
                company.base,
                sector,
                f"{word(company.base)}{word(sector)}.com",
                self.rng.choice(PATTERNS),
                company.cities,
                False,
                f"{company.base} {sector}",
            )
        return self.siblings[company.base]

    def slug(self, first: str, last: str) -> str:
        while True:
            style = self.rng.random()
            f, ln = word(first), word(last)
            if style < 0.6:
                slug = f"{f}-{ln}-{self.rng.randrange(16**6):06x}"
            elif style < 0.8:
                slug = f"{f}{ln}{self.rng.randrange(10, 999)}"
            else:
                slug = f"{f[0]}{ln}{self.rng.randrange(16**4):04x}"
            if slug not in self.used_slugs:
                self.used_slugs.add(slug)
                return slug

    def record_id(self) -> str:
        while True:
            value = str(self.rng.randrange(10**10, 10**11))
            if value not in self.used_ids:
                self.used_ids.add(value)
                return value

    def free_name(self, company: Company, *, avoid_last: bool = False) -> tuple[str, str]:
        for _ in range(1000):
            first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
            if avoid_last and last in self.last_names.get(company.base, set()):
                continue
            if (first, last) not in self.full_names.get(company.base, set()):
                return first, last
        raise RuntimeError("no free name")

    def new_person(self, company: Company, first="", last="", city=None) -> Person:
        if not first:
            first, last = self.free_name(company)
        return Person(
            first,
            last,
            company,
            city or self.rng.choice(company.cities),
            self.slug(first, last),
            self.rng.choice(TITLES),
        )

    def address(self, company: Company, first: str, last: str) -> str:
        local = mailbox(company.pattern, first, last)
        candidate, n = f"{local}@{company.domain}", 2
        while candidate in self.emails:
            candidate, n = f"{local}{n}@{company.domain}", n + 1
        return candidate

    def profile_url_crm(self, slug: str) -> str:
        """The profile URL as a rep pasted it into the CRM: one of the forms a browser shows."""
        return self.rng.choice(
            [
                f"https://www.linkedin.com/in/{slug}/",
                f"https://www.linkedin.com/in/{slug}",
                f"linkedin.com/in/{slug}",
                f"www.linkedin.com/in/{slug}",
                f"https://{self.rng.choice(['uk', 'ca', 'de', 'fr', 'in'])}.linkedin.com/in/{slug}",
                f"http://www.linkedin.com/in/{slug}?trk=public_profile_browsemap",
                f"https://www.linkedin.com/in/{slug.upper() if self.rng.random() < 0.3 else slug}/en",
            ]
        )

    def add_crm(
        self, person: Person, *, url: bool | None = None, company: Company | None = None, **over
    ) -> str:
        company = company or person.company
        record = self.record_id()
        email = over.pop("email", None)
        if email is None:
            email = self.address(company, person.first, person.last) if self.rng.random() < 0.85 else ""
        if email:
            self.emails[email] = record
        if url is None:
            url = self.rng.random() < 0.35
        city = over.pop("city", person.city)
        self.crm.append(
            {
                "Record ID": record,
                "First Name": over.pop("first", person.first),
                "Last Name": over.pop("last", person.last),
                "Email": email,
                "Phone Number": self.rng.choice(
                    ["", "", f"+1 {self.rng.randrange(200, 999)} 555 {self.rng.randrange(1000, 9999)}"]
                ),
                "Company Name": company.crm_name,
                "Job Title": person.title,
                "City": city.name,
                "State/Region": city.state,
                "Country/Region": city.country,
                "LinkedIn URL": self.profile_url_crm(person.slug) if url else "",
                "Contact owner": self.rng.choice(OWNERS),
                "Lifecycle Stage": self.rng.choice(
                    ["Lead", "Marketing Qualified Lead", "Opportunity", "Customer"]
                ),
                "Create Date": f"20{self.rng.randrange(18, 26)}-{self.rng.randrange(1, 13):02d}-{self.rng.randrange(1, 29):02d} 10:00",
            }
        )
        self.full_names.setdefault(company.base, set()).add((person.first, person.last))
        self.last_names.setdefault(company.base, set()).add(person.last)
        if not person.email:
            person.email = email
        person.records.append(record)
        return record

    def populate(self) -> None:
        weights = [12 if c.large else 1 for c in self.companies]
        for _ in range(self.people_wanted):
            company = self.rng.choices(self.companies, weights)[0]
            person = self.new_person(company)
            self.add_crm(person)
            self.held.append(person)
        self.rng.shuffle(self.held)

    def take(self, test=lambda person: True) -> Person:
        for index, person in enumerate(self.held):
            if test(person):
                return self.held.pop(index)
        raise RuntimeError("no person fits")

    # -- the prospect list's rows ----------------------------------------------------------------------------

    def typed_company(self, company: Company) -> str:
        """The current company as the person typed it on the profile."""
        name = company.name
        return self.rng.choice(
            [
                name,
                name,
                company.base if company.large else name,
                f"{name} {self.rng.choice(LEGAL[company.cities[0].country])}",
                name.upper(),
                f"{name} | ex-{self.rng.choice(self.companies).name}",
                f"{name} (we're hiring!)",
            ]
        )

    def inbound_url(self, slug: str) -> str:
        return f"https://www.linkedin.com/in/{slug}"

    def lead_row(
        self, person: Person, *, name=None, company=None, city=None, email="", status="", **over
    ) -> dict:
        company = company or person.company
        city = city or person.city
        title = over.pop("title", person.title)
        years, months = self.rng.randrange(0, 9), self.rng.randrange(1, 12)
        row = {
            "Full Name": name or f"{person.first} {person.last}",
            "Headline": f"{title} at {company.name}"
            + self.rng.choice(["", " | Helping teams grow", " | Speaker"]),
            "Current Title": title,
            "Current Company": over.pop("typed_company", None) or self.typed_company(company),
            "Location": self.rng.choice(city.locations),
            "Profile URL": self.inbound_url(person.slug),
            "Sales Navigator URL": f"https://www.linkedin.com/sales/lead/ACwAA{self.rng.randrange(16**12):012X},NAME_SEARCH,{self.rng.randrange(16**4):04x}",
            "Time in Role": f"{years} years {months} months in role" if years else f"{months} months in role",
            "Time in Company": f"{years + self.rng.randrange(0, 3)} years in company",
            "Email": email,
            "Email Status": status,
            "Phone": "",
            "Saved By": self.rng.choice(REPS),
        }
        row.update(over)
        return row

    def case(self, category: str, row: dict, truth) -> None:
        self.cases.append(GeneratedCase(category, row, tuple(truth)))

    # -- same person -----------------------------------------------------------------------------------------

    def url_other_form(self):
        person = self.take()
        old_form = self.rng.random() < 0.25
        self.set_url(person, self.old_pub_url(person) if old_form else self.profile_url_crm(person.slug))
        self.case("url_other_form", self.lead_row(person), person.records)

    def set_url(self, person: Person, url: str) -> None:
        for row in self.crm:
            if row["Record ID"] == person.records[0]:
                row["LinkedIn URL"] = url

    def old_pub_url(self, person: Person) -> str:
        """The pre-2013 public address of a profile whose id ends the /in/ slug in hex: /pub/name/xx/yyy/zzz is
        /in/name-zzzyyyxx (the id's parts in reverse)."""
        slug = person.slug
        head, _, tail = slug.rpartition("-")
        if not head or len(tail) != 6 or not all(c in "0123456789abcdef" for c in tail):
            return self.profile_url_crm(slug)
        tail = tail + f"{self.rng.randrange(16, 255):02x}"  # the id the old address wrote
        new_slug = f"{head}-{tail}"
        self.used_slugs.add(new_slug)
        person.slug = new_slug
        return f"http://www.linkedin.com/pub/{head}/{tail[6:8]}/{tail[3:6]}/{tail[0:3]}"

    def name_company_city(self):
        person = self.take(lambda p: not self.namesakes_at(p))
        self.set_url(person, "")
        self.case("name_company_city", self.lead_row(person), person.records)

    def namesakes_at(self, person: Person) -> bool:
        held = self.full_names.get(person.company.base, set())
        return sum(1 for f, ln in held if ln == person.last and nickname_related(f, person.first)) > 1

    def job_change_url_only(self):
        person = self.take(lambda p: "-" in p.slug)
        self.set_url(person, self.profile_url_crm(person.slug))
        new_company = self.rng.choice([c for c in self.companies if c.base != person.company.base])
        city = self.rng.choice(new_company.cities)
        email, status = "", ""
        if self.rng.random() < 0.4:
            email, status = (
                f"{mailbox(new_company.pattern, person.first, person.last)}@{new_company.domain}",
                "Catch-all",
            )
            if email in self.emails:
                email, status = "", ""
        row = self.lead_row(
            person,
            company=new_company,
            city=city,
            email=email,
            status=status,
            **{"Time in Role": f"{self.rng.randrange(1, 11)} months in role"},
        )
        self.case("job_change_url_only", row, person.records)

    def nickname_credentials(self):
        person = self.take(
            lambda p: (
                any(len(n) > 2 for n in NAMER.nicknames_of(p.first.lower())) and not self.namesakes_at(p)
            )
        )
        nick = self.rng.choice(
            sorted(n for n in NAMER.nicknames_of(person.first.lower()) if len(n) > 2)
        ).title()
        style = self.rng.randrange(4)
        if style == 0:
            name = f'{person.first} "{nick}" {person.last}'
        elif style == 1:
            name = f"{nick} {person.last}, {self.rng.choice(CREDENTIALS)}"
        elif style == 2:
            name = f"{person.first} {person.last}, {self.rng.choice(CREDENTIALS)}"
        else:
            name = f"Dr. {person.first} {person.last} {self.rng.choice(['PhD', 'MD'])}"
        self.case("nickname_credentials", self.lead_row(person, name=name), person.records)

    def emoji_pronouns(self):
        person = self.take(lambda p: not self.namesakes_at(p))
        style = self.rng.randrange(3)
        if style == 0:
            name = f"{person.first} {person.last} {self.rng.choice(EMOJIS)}"
        elif style == 1:
            name = f"{person.first} {person.last} {self.rng.choice(PRONOUNS)}"
        else:
            name = f"{self.rng.choice(EMOJIS)} {person.first} {person.last} {self.rng.choice(PRONOUNS)} {self.rng.choice(EMOJIS)}"
        self.case("emoji_pronouns", self.lead_row(person, name=name), person.records)

    def other_script(self):
        first, last, native = self.rng.choice(SCRIPT_NAMES)
        company = self.rng.choice(
            [c for c in self.companies if (first, last) not in self.full_names.get(c.base, set())]
        )
        person = self.new_person(company, first, last)
        self.add_crm(person, url=self.rng.random() < 0.5)
        name = self.rng.choice(
            [f"{first} {last} ({native})", f"{native} {first} {last}", f"{first} ({native}) {last}"]
        )
        self.case("other_script", self.lead_row(person, name=name), person.records)

    def enriched_email_right(self):
        person = self.take(lambda p: bool(p.email) and not self.namesakes_at(p))
        name = f"{person.first} {person.last}" + self.rng.choice(
            ["", f", {self.rng.choice(CREDENTIALS)}", f" {self.rng.choice(EMOJIS)}"]
        )
        row = self.lead_row(
            person, name=name, email=person.email, status=self.rng.choice(["Valid", "Catch-all"])
        )
        self.case("enriched_email_right", row, person.records)

    def namesake_pair_by_city(self):
        company = self.rng.choice([c for c in self.companies if c.large])
        home, other = self.rng.sample(company.cities, 2)
        first, last = self.free_name(company)
        person = self.new_person(company, first, last, home)
        twin = self.new_person(company, first, last, other)
        self.add_crm(person, url=False)
        self.add_crm(twin, url=False)
        self.case("namesake_pair_by_city", self.lead_row(person), person.records)

    def crm_duplicate(self):
        person = self.take(lambda p: not self.namesakes_at(p))
        self.add_crm(person, email=self.rng.choice(["", person.email]), url=False)
        self.case("crm_duplicate", self.lead_row(person), person.records)

    # -- someone else ----------------------------------------------------------------------------------------

    def namesake_same_company_other_city(self):
        company = self.rng.choice([c for c in self.companies if c.large])
        held_city, other = self.rng.sample(company.cities, 2)
        first, last = self.free_name(company)
        held = self.new_person(company, first, last, held_city)
        self.add_crm(held)
        stranger = self.new_person(company, first, last, other)
        self.case("namesake_same_company_other_city", self.lead_row(stranger), ())

    def namesake_similar_company(self):
        person = self.take(lambda p: not self.namesakes_at(p))
        self.held.append(person)  # the CRM person stays usable: only their namesake is listed
        sibling = self.sibling(person.company)
        stranger = self.new_person(
            sibling, person.first, person.last, self.rng.choice([person.city, *CITIES])
        )
        self.case("namesake_similar_company", self.lead_row(stranger, typed_company=sibling.name), ())

    def guessed_colleague_email(self):
        def fits(p: Person) -> bool:
            return p.company.pattern == "flast" and p.email.split("@")[0] == mailbox(
                p.company.pattern, p.first, p.last
            )

        colleague = self.take(fits)
        company = colleague.company
        firsts = [
            f
            for f in FIRST
            if f[0] == colleague.first[0]
            and not nickname_related(f, colleague.first)
            and (f, colleague.last) not in self.full_names.get(company.base, set())
        ]
        if not firsts:
            self.held.append(colleague)
            return False
        stranger = self.new_person(company, self.rng.choice(firsts), colleague.last)
        row = self.lead_row(stranger, email=colleague.email, status="Catch-all")
        self.case("guessed_colleague_email", row, ())
        return True

    def url_on_wrong_record(self):
        """A rep pasted a colleague's profile address onto a CRM record; the colleague, whom the CRM does not
        hold, is on the list with that address."""
        holder = self.take(lambda p: not self.namesakes_at(p))
        first, last = self.free_name(holder.company, avoid_last=True)
        while nickname_related(first, holder.first):
            first, last = self.free_name(holder.company, avoid_last=True)
        stranger = self.new_person(holder.company, first, last, holder.city)
        self.set_url(holder, self.profile_url_crm(stranger.slug))
        self.case("url_on_wrong_record", self.lead_row(stranger), ())

    def not_in_crm(self):
        if self.rng.random() < 0.5:
            company = self.rng.choice(self.companies)
            first, last = self.free_name(company, avoid_last=True)
            stranger = self.new_person(company, first, last)
            self.case("not_in_crm", self.lead_row(stranger), ())
            return
        held = self.take()
        self.held.append(held)
        company = self.rng.choice(
            [
                c
                for c in self.companies
                if c.base != held.company.base and held.last not in self.last_names.get(c.base, set())
            ]
        )
        city = self.rng.choice([c for c in company.cities if c != held.city] or company.cities)
        if city == held.city:
            return self.not_in_crm()
        stranger = self.new_person(company, held.first, held.last, city)
        self.case("not_in_crm", self.lead_row(stranger), ())

    def build(self) -> GeneratedCases:
        self.populate()
        makers = [
            self.url_other_form,
            self.name_company_city,
            self.job_change_url_only,
            self.nickname_credentials,
            self.emoji_pronouns,
            self.other_script,
            self.enriched_email_right,
            self.namesake_pair_by_city,
            self.crm_duplicate,
            self.namesake_same_company_other_city,
            self.namesake_similar_company,
            self.url_on_wrong_record,
            self.not_in_crm,
        ]
        for maker in makers:
            for _ in range(self.per_category):
                maker()
        made = 0
        for _ in range(self.per_category * 20):
            if made >= self.per_category:
                break
            made += bool(self.guessed_colleague_email())
        self.rng.shuffle(self.cases)
        for index, case in enumerate(self.cases):
            case.external_id = f"SN{700000 + index * 11 + self.rng.randrange(11)}"
        rows = list(self.crm)
        self.rng.shuffle(rows)
        return GeneratedCases(crm_rows=rows, cases=self.cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# The places suite: the CRM writes the city, its state's or province's code and the country's English name;
# LinkedIn's location writes a city before its state or province's full name ("Atlanta, Georgia", "Toronto,
# Ontario", "Perth, Western Australia"), a metropolitan area ("New York City Metropolitan Area", "Greater
# Sydney Area, Australia"), or the country alone, in the name the profile's language gives it ("Czechia",
# "Türkiye", "Viet Nam", "Polska").
PLACES = [
    City("Atlanta", "GA", "United States", ("Atlanta, Georgia", "Atlanta, Georgia, United States")),
    City("Austin", "TX", "United States", ("Austin, Texas",)),
    City("New York", "NY", "United States", ("New York City Metropolitan Area", "New York, New York")),
    City("Seattle", "WA", "United States", ("Seattle, Washington",)),
    City("Denver", "CO", "United States", ("Denver, Colorado",)),
    City("Toronto", "ON", "Canada", ("Toronto, Ontario", "Toronto, Ontario, Canada")),
    City("Vancouver", "BC", "Canada", ("Vancouver, British Columbia",)),
    City("Montreal", "QC", "Canada", ("Montreal, Quebec",)),
    City("Calgary", "AB", "Canada", ("Calgary, Alberta",)),
    City("Sydney", "NSW", "Australia", ("Greater Sydney Area, Australia", "Sydney, New South Wales")),
    City("Melbourne", "VIC", "Australia", ("Melbourne, Victoria", "Greater Melbourne Area, Australia")),
    City("Brisbane", "QLD", "Australia", ("Brisbane, Queensland",)),
    City("Perth", "WA", "Australia", ("Perth, Western Australia",)),
    City("Warsaw", "", "Poland", ("Warsaw, Mazowieckie, Poland", "Warsaw, Poland")),
    City("Prague", "", "Czech Republic", ("Prague, Prague, Czechia", "Prague, Czechia")),
    City("Istanbul", "", "Turkey", ("Istanbul, Istanbul, Türkiye", "Istanbul, Türkiye")),
    City("Hanoi", "", "Vietnam", ("Hanoi, Hanoi, Viet Nam", "Hanoi, Viet Nam")),
]
COUNTRY_FORMS = {
    "United States": ("United States",),
    "Canada": ("Canada",),
    "Australia": ("Australia",),
    "Poland": ("Poland", "Polska"),
    "Czech Republic": ("Czechia", "Česko"),
    "Turkey": ("Türkiye", "Turkey"),
    "Vietnam": ("Viet Nam", "Vietnam"),
}
# the countries with several cities, where a large employer has offices in four
OFFICE_COUNTRIES = ("United States", "Canada", "Australia")


class PlacesGenerator(Generator):
    """The people generator's world in the places above (a third as many people): its name-company-city,
    namesake and not-in-CRM categories, and a person located by the country alone."""

    def make_companies(self) -> list[Company]:
        names = [f"{p}{s}" for p in PREFIXES for s in SUFFIXES]
        self.rng.shuffle(names)
        countries = sorted({place.country for place in PLACES})
        companies = []
        for index, base in enumerate(names[:140]):
            large = index < 14
            country = OFFICE_COUNTRIES[index % 3] if large else countries[index % len(countries)]
            country_cities = [place for place in PLACES if place.country == country]
            cities = self.rng.sample(country_cities, 4) if large else [self.rng.choice(country_cities)]
            sector = self.rng.choice(SECTORS)
            company = Company(
                base, sector, f"{word(base)}{word(sector)[:4]}.com", self.rng.choice(PATTERNS), cities, large
            )
            legal = self.rng.choice(LEGAL[country])
            company.crm_name = self.rng.choice([company.name, f"{company.name} {legal}"])
            companies.append(company)
        return companies

    def country_only(self):
        """Located by the country alone, in the name the profile's language gives it: nothing places the
        person in a city, nor elsewhere."""
        person = self.take(lambda p: not self.namesakes_at(p))
        self.set_url(person, "")
        row = self.lead_row(person, Location=self.rng.choice(COUNTRY_FORMS[person.city.country]))
        self.case("country_only", row, person.records)

    def build(self) -> GeneratedCases:
        self.populate()
        makers = [
            self.name_company_city,
            self.country_only,
            self.namesake_pair_by_city,
            self.namesake_same_company_other_city,
            self.not_in_crm,
        ]
        for maker in makers:
            for _ in range(self.per_category):
                maker()
        self.rng.shuffle(self.cases)
        for index, case in enumerate(self.cases):
            case.external_id = f"SN{900000 + index * 11 + self.rng.randrange(11)}"
        rows = list(self.crm)
        self.rng.shuffle(rows)
        return GeneratedCases(crm_rows=rows, cases=self.cases)


def places_cases(args) -> GeneratedCases:
    return PlacesGenerator(args.seed, args.people // 3, args.per_category).build()


# Splink reads the full name's first and last word, the first part of the location as the city.
PERSON_SQL = {
    "crm": """
        SELECT "Record ID" AS unique_id,
               nullif(lower(trim("First Name")), '') AS first_name,
               nullif(lower(trim("Last Name")), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               {phone}("Phone Number") AS phone,
               {company}("Company Name") AS company,
               CAST(NULL AS VARCHAR) AS zip,
               nullif(lower(trim("City")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{path}', all_varchar = true)
    """,
    "inbound": """
        SELECT "Lead ID" AS unique_id,
               nullif(lower(trim(list_extract(string_split(trim("Full Name"), ' '), 1))), '') AS first_name,
               nullif(lower(trim(list_extract(string_split(trim("Full Name"), ' '), 2))), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               {phone}("Phone") AS phone,
               {company}("Current Company") AS company,
               CAST(NULL AS VARCHAR) AS zip,
               nullif(lower(trim(regexp_replace(list_extract(string_split("Location", ','), 1),
                                                '^(Greater )|( Metropolitan Area| Bay Area| Area)$', '', 'g'))), '')
                   AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{path}', all_varchar = true)
    """,
}


SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="hubspot",
        inbound_file="salesnav",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id="Lead ID",
        cli_options=["--provider", "hubspot", "--object", "contacts", "--kind", "person"],
        splink_kind="person",
        sql=PERSON_SQL,
        source="HubSpot contacts <- Sales Navigator prospect list",
        splink_model=person_model_em_on_email,
    ),
    GeneratedSuite(
        name="places",
        make=places_cases,
        crm_file="hubspot",
        inbound_file="salesnav",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id="Lead ID",
        cli_options=["--provider", "hubspot", "--object", "contacts", "--kind", "person"],
        splink_kind="person",
        sql=PERSON_SQL,
        source="HubSpot contacts <- Sales Navigator prospect list, located by state, metropolitan area or country",
        splink_model=person_model_em_on_email,
    ),
]


if __name__ == "__main__":
    run_generated("identity22", SUITES, seed=221, people=3000, orgs=0, per_category=40)
