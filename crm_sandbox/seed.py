"""Deterministic, realistic and messy CRM data: people, companies and deals, provider-neutral."""

import random
from dataclasses import dataclass, field

FIRST_NAMES = [
    "Ada",
    "Alan",
    "Grace",
    "Linus",
    "Margaret",
    "Ken",
    "Barbara",
    "Dennis",
    "Frances",
    "Edsger",
    "Radia",
    "John",
    "Mary",
    "Tim",
    "Sophie",
    "Wei",
    "Priya",
    "Olga",
    "Lars",
    "Fatima",
    "Kwame",
    "Hiroshi",
    "Ines",
    "Mateo",
    "Chloe",
    "Noah",
    "Liam",
    "Emma",
    "Olivia",
    "Ava",
    "Lucas",
    "Mia",
    "Amelia",
    "Ethan",
    "Zoe",
    "Sara",
    "David",
    "Anna",
    "Peter",
    "Maria",
    "Jan",
    "Eva",
    "Tom",
    "Lena",
    "Omar",
    "Aisha",
    "Yuki",
    "Carlos",
    "Elena",
    "Ivan",
    "Nina",
    "Raj",
    "Leila",
    "Felix",
]
LAST_NAMES = [
    "Lovelace",
    "Turing",
    "Hopper",
    "Torvalds",
    "Hamilton",
    "Thompson",
    "Liskov",
    "Ritchie",
    "Allen",
    "Dijkstra",
    "Perlman",
    "Smith",
    "Jones",
    "Brown",
    "Taylor",
    "Wilson",
    "Davies",
    "Evans",
    "Patel",
    "Khan",
    "Garcia",
    "Martinez",
    "Muller",
    "Schmidt",
    "Rossi",
    "Bianchi",
    "Dubois",
    "Martin",
    "Novak",
    "Kowalski",
    "Nielsen",
    "Larsen",
    "Tanaka",
    "Suzuki",
    "Kim",
    "Lee",
    "Chen",
    "Wang",
    "Singh",
    "Okafor",
    "Mensah",
    "Silva",
    "Santos",
    "Costa",
]
COMPANY_WORDS = [
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Stark",
    "Wayne",
    "Wonka",
    "Cyberdyne",
    "Soylent",
    "Tyrell",
    "Vandelay",
    "Pied",
    "Piper",
    "Aperture",
    "Black",
    "Mesa",
    "Monarch",
    "Oscorp",
    "Gringotts",
    "Nakatomi",
    "Massive",
    "Dynamic",
    "Prestige",
    "Virtucon",
    "Genco",
    "Duff",
    "Bluth",
    "Sterling",
    "Dunder",
    "Mifflin",
    "Kramerica",
    "Contoso",
    "Fabrikam",
    "Northwind",
    "Tailspin",
    "Litware",
    "Adatum",
    "Proseware",
]
COMPANY_SUFFIXES = ["Inc", "Ltd", "GmbH", "LLC", "Group", "Corp", "SA", "BV", "plc", "Labs", "Systems"]
INDUSTRIES = [
    "Technology",
    "Finance",
    "Healthcare",
    "Manufacturing",
    "Retail",
    "Education",
    "Energy",
    "Media",
]
COUNTRIES = [
    ("United Kingdom", "London", "44"),
    ("United States", "San Francisco", "1"),
    ("Germany", "Berlin", "49"),
    ("France", "Paris", "33"),
    ("Netherlands", "Amsterdam", "31"),
]
TITLES = [
    "CEO",
    "CTO",
    "VP Sales",
    "Head of Marketing",
    "Sales Manager",
    "Account Executive",
    "Engineer",
    "Procurement Lead",
    "Operations Manager",
    "CFO",
    "Analyst",
    "Sales Ops",
]
ROLE_MAILBOXES = ["info", "sales", "contact", "hello", "office"]
PERSONAL_DOMAINS = ["gmail.com", "outlook.com", "yahoo.co.uk", "icloud.com", "web.de"]
LIFECYCLE_STAGES = [
    "subscriber",
    "lead",
    "marketingqualifiedlead",
    "salesqualifiedlead",
    "opportunity",
    "customer",
]
LEAD_SOURCES = ["Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"]
DEAL_STAGES = ["Prospecting", "Qualification", "Proposal", "Negotiation", "Closed Won", "Closed Lost"]
SEGMENTS = ["Enterprise", "Mid-Market", "SMB"]
DEAL_WORDS = ["Renewal", "Expansion", "Pilot", "Platform", "Licences", "Services", "Upgrade"]


@dataclass
class SeedCompany:
    index: int
    name: str
    domain: str
    phone: str
    industry: str
    country: str
    city: str
    employees: int
    parent_index: int | None = None
    segment: str | None = None
    created_days_ago: float = 0.0
    modified_days_ago: float = 0.0


@dataclass
class SeedPerson:
    index: int
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    title: str
    company_index: int | None
    lifecycle: str
    lead_source: str
    extra_emails: list = field(default_factory=list)
    mobile: str | None = None
    ai_score: float | None = None
    created_days_ago: float = 0.0
    modified_days_ago: float = 0.0


@dataclass
class SeedDeal:
    index: int
    name: str
    amount: float
    stage: str
    close_days_ahead: int
    company_index: int
    person_index: int | None
    created_days_ago: float = 0.0
    modified_days_ago: float = 0.0


@dataclass
class SeedData:
    companies: list
    people: list
    deals: list


def _phone_variant(rng: random.Random, country_code: str, national: str) -> str:
    """The same number written the ways people really type it."""
    style = rng.randrange(5)
    if style == 0:
        return f"+{country_code} {national}"
    if style == 1:
        return f"00{country_code} {national}"
    if style == 2:
        return f"0{national}" if country_code != "1" else national.replace(" ", "-")
    if style == 3:
        return f"+{country_code}{national.replace(' ', '')}"
    return f"(+{country_code}) {national}"


def _national_number(rng: random.Random) -> str:
    return f"{rng.randint(20, 99)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"


def _slug(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def _make_companies(rng: random.Random, count: int) -> list:
    companies: list[SeedCompany] = []
    used_domains: set[str] = set()
    for index in range(count):
        parent = companies[rng.randrange(len(companies))] if companies and rng.random() < 0.06 else None
        country, city, code = rng.choice(COUNTRIES)
        if parent:
            # a subsidiary shares the parent's domain
            name = f"{parent.name.split(' ')[0]} {country.split(' ')[-1]} {rng.choice(COMPANY_SUFFIXES)}"
            domain = parent.domain
        else:
            base = f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_WORDS)}"
            name = f"{base} {rng.choice(COMPANY_SUFFIXES)}"
            domain = f"{_slug(base)}.{rng.choice(['com', 'io', 'co.uk', 'de', 'net'])}"
            if domain in used_domains:
                domain = f"{_slug(base)}{index}.com"
        used_domains.add(domain)
        companies.append(
            SeedCompany(
                index=index,
                name=name,
                domain=domain,
                phone=_phone_variant(rng, code, _national_number(rng)),
                industry=rng.choice(INDUSTRIES),
                country=country,
                city=city,
                employees=rng.choice([5, 12, 40, 120, 450, 1200, 5000, 20000]),
                parent_index=parent.index if parent else None,
                segment=rng.choice(SEGMENTS) if rng.random() < 0.3 else None,
            )
        )
    return companies


def _email_for(rng: random.Random, first: str, last: str, domain: str) -> str:
    pattern = rng.randrange(4)
    local = [f"{first}.{last}", f"{first[0]}{last}", f"{first}", f"{first}_{last}"][pattern].lower()
    return f"{local}@{domain}"


def _messy_email(rng: random.Random, email: str) -> str:
    """Case and whitespace variants of one address."""
    style = rng.randrange(3)
    if style == 0:
        return email.upper()
    if style == 1:
        return f" {email.capitalize()} "
    return email.title()


def _make_people(rng: random.Random, count: int, companies: list) -> list:
    people: list[SeedPerson] = []
    for index in range(count):
        company = companies[rng.randrange(len(companies))] if companies and rng.random() < 0.92 else None
        roll = rng.random()
        if people and roll < 0.04:
            # a duplicate of an earlier person: same human, messy variant of their identifiers
            original = people[rng.randrange(len(people))]
            person = SeedPerson(
                index=index,
                first_name=original.first_name,
                last_name=original.last_name,
                email=_messy_email(rng, original.email) if original.email else None,
                phone=original.phone.replace(" ", "") if original.phone else None,
                title=original.title,
                company_index=original.company_index,
                lifecycle=rng.choice(LIFECYCLE_STAGES),
                lead_source=rng.choice(LEAD_SOURCES),
            )
        else:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            if people and company and roll < 0.06:
                # another person with the same name at the same company
                namesake = people[rng.randrange(len(people))]
                first, last = namesake.first_name, namesake.last_name
            country_code = rng.choice(COUNTRIES)[2]
            if company is None or roll < 0.12:
                email = f"{first}.{last}{rng.randint(1, 99)}@{rng.choice(PERSONAL_DOMAINS)}".lower()
            elif roll < 0.15:
                email = f"{rng.choice(ROLE_MAILBOXES)}@{company.domain}"
            else:
                email = _email_for(rng, first, last, company.domain)
            person = SeedPerson(
                index=index,
                first_name=first,
                last_name=last,
                email=email if rng.random() > 0.03 else None,
                phone=_phone_variant(rng, country_code, _national_number(rng))
                if rng.random() < 0.7
                else None,
                title=rng.choice(TITLES),
                company_index=company.index if company else None,
                lifecycle=rng.choice(LIFECYCLE_STAGES),
                lead_source=rng.choice(LEAD_SOURCES),
                mobile=_phone_variant(rng, country_code, _national_number(rng))
                if rng.random() < 0.3
                else None,
            )
            if company and rng.random() < 0.1:
                # the same person's personal address next to the work one
                person.extra_emails.append(
                    f"{first}{last}{rng.randint(1, 999)}@{rng.choice(PERSONAL_DOMAINS)}".lower()
                )
        person.ai_score = round(rng.uniform(0, 100), 1) if rng.random() < 0.2 else None
        person.created_days_ago = rng.uniform(30, 720)
        person.modified_days_ago = rng.uniform(0, min(person.created_days_ago, 30))
        people.append(person)
    return people


def _make_deals(rng: random.Random, companies: list, people: list, deals_per_company: float) -> list:
    people_by_company: dict[int, list[int]] = {}
    for person in people:
        if person.company_index is not None:
            people_by_company.setdefault(person.company_index, []).append(person.index)
    deals: list[SeedDeal] = []
    for company in companies:
        whole = int(deals_per_company)
        count = whole + (1 if rng.random() < deals_per_company - whole else 0)
        for _ in range(count):
            contacts = people_by_company.get(company.index)
            created = rng.uniform(10, 400)
            deals.append(
                SeedDeal(
                    index=len(deals),
                    name=f"{company.name.split(' ')[0]} {rng.choice(DEAL_WORDS)}",
                    amount=float(rng.choice([5, 12, 25, 48, 90, 150, 400]) * 1000),
                    stage=rng.choice(DEAL_STAGES),
                    close_days_ahead=rng.randint(-60, 180),
                    company_index=company.index,
                    person_index=rng.choice(contacts) if contacts else None,
                    created_days_ago=created,
                    modified_days_ago=rng.uniform(0, min(created, 30)),
                )
            )
    return deals


def generate(seed: int, *, contacts: int, companies: int, deals_per_company: float) -> SeedData:
    rng = random.Random(seed)  # noqa: S311 - deterministic test data
    company_rows = _make_companies(rng, companies)
    for company in company_rows:
        company.created_days_ago = rng.uniform(60, 900)
        company.modified_days_ago = rng.uniform(0, 45)
    people = _make_people(rng, contacts, company_rows)
    deals = _make_deals(rng, company_rows, people, deals_per_company)
    return SeedData(companies=company_rows, people=people, deals=deals)
