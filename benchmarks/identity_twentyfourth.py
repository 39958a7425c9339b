"""A twenty-fourth record set: HubSpot contacts linked from a SaaS product's users (product-led growth).

    python benchmarks/identity_twentyfourth.py [--people 3000] [--per-category 40] [--seed 241] [--skip-splink]
                                               [--keep DIR]

The CRM side is a HubSpot contacts export under its UI labels: `Record ID`, `First Name`, `Last Name`, `Email`,
`Additional email addresses` (";" between them: an address the contact used before, or a personal one a rep
added), `Phone Number`, `Company Name`, `Company Domain Name` (the associated company's domain), `City`,
`Country/Region`, `Job Title`, `Lifecycle Stage`.

The inbound side is a product's user table as a growth team syncs its product-qualified leads to the CRM (a
reverse-ETL model over the app's database): `user_id`, `email` (the login), `name` (the display name: as the
user typed it at sign-up, or as the app derived it from the login's local part when the user typed nothing:
"jsmith", "john.smith", or "John S." when the app shortens a typed name), `first_name` and `last_name` (filled only
for users who finished onboarding), `workspace_id`, `workspace_name` (what the first member called it: the company,
"Acme Growth", "acme"), `workspace_domain` (the workspace's verified / SSO domain, empty where none is set),
`workspace_role` (owner, admin, member, guest), `signed_up_at`, `last_seen_at`, `country` (ISO code from the
sign-up's IP address: a VPN or a trip puts it elsewhere), `plan`, `seats`.

Categories, each with its truth, each a thing product data does to a CRM:

Same person (truth: the CRM record, either of two when the CRM holds the person twice):
- `work_email_full_name`: the CRM's address and the typed full name (the clean match recall is measured on).
- `work_email_onboarded`: the CRM's address, the app-derived display name, first and last name from onboarding.
- `display_name_local_part`: the CRM's address, the display name the app derived from it ("jsmith",
  "john.smith", "john_smith"): nothing typed, nothing to contradict.
- `display_name_shortened`: the CRM's address, "John S." (the app shortens a typed name for a member list).
- `nickname_or_initial`: "Bob Smith" or "R. Smith" on the CRM's work address, or "Bob Smith" on a personal
  address in the company's workspace (whose domain is the company's), the only Smith the CRM holds there.
- `personal_email_work_in_crm`: signed up with a personal address (gmail, outlook) and joined the company's
  workspace; the CRM holds the work address only. The typed full name, the workspace's name and domain say who.
  Where the display name is the personal address's handle, first and last name come from onboarding.
- `personal_email_in_additional`: the same, with the personal address among the CRM's additional addresses.
- `gmail_variant`: the CRM holds a personal Gmail address (a lead from a form); the login is the same mailbox
  written otherwise: a "+tag", dots moved or dropped, "googlemail.com", capitals (Gmail ignores all of these).
- `crm_duplicate`: the CRM holds the person twice (a form fill beside an import); either record is right.
- `shared_mailbox_record`: a team address the CRM holds as a record of its own (no person's name on it: the
  mailbox subscribed to a newsletter) and the product's shared login on that address: the same mailbox.

Someone else (truth: no record):
- `shared_login`: a team's login (ops@, team@, growth@) named "Marketing Team", "Acme Ops" or its local part,
  in the company's workspace; the CRM does not hold the address. Colleagues share its domain and workspace.
- `shared_login_on_person`: the same, where the CRM holds the team address on one person's record (she filled a
  demo form from it): the login is the team's, not hers; its display name is a team's.
- `invited_teammate`: a colleague invited to the workspace, in the company's address pattern, not in the CRM:
  same domain, same workspace as CRM people, some of the same first name or surname as one of them.
- `reassigned_address`: a successor whose account inherited a departed employee's address (the company gave her
  the mailbox): the CRM holder's address, a typed name sharing neither first name nor surname with the holder.
- `namesake_elsewhere`: the full name of a CRM person, at another company: its own work address and workspace,
  or a personal address in that company's workspace.
- `not_in_crm`: users the CRM does not hold: work addresses at companies it does not know, personal addresses
  in a workspace of their own ("Dana's workspace").

Fairness: every inbound row has one truth its two records can tell. Full names are unique within a company in
the CRM; a person not in the CRM never has the full name of a CRM person at the same company (namesakes are at
another company, said by their address or workspace); a successor or teammate shares no first name (nor its
nickname) with the CRM person whose address or surname they share; a same-person row on a personal address
always carries the company's workspace (name, and domain where one is verified) and the person's full name
(typed, or from onboarding); a shared login's display name is a team's, never a person's. The IP country is the
CRM's country for nine rows in ten. Written from scratch (only `identity_quality`'s interfaces and the frame of
the other generators). Every seed deterministic.
"""

import random
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

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
    "Additional email addresses",
    "Phone Number",
    "Company Name",
    "Company Domain Name",
    "City",
    "Country/Region",
    "Job Title",
    "Lifecycle Stage",
]

INBOUND_COLUMNS = [
    "user_id",
    "email",
    "name",
    "first_name",
    "last_name",
    "workspace_id",
    "workspace_name",
    "workspace_domain",
    "workspace_role",
    "signed_up_at",
    "last_seen_at",
    "country",
    "plan",
    "seats",
]

# Given names with the short forms people sign up under (the generator's own; the resolver reads its own tables).
GIVEN = {
    "Alexander": "Alex",
    "Abigail": "Abby",
    "Benjamin": "Ben",
    "Catherine": "Cathy",
    "Christopher": "Chris",
    "Deborah": "Debbie",
    "Daniel": "Dan",
    "Elizabeth": "Beth",
    "Edward": "Ed",
    "Gregory": "Greg",
    "Jennifer": "Jenny",
    "Jonathan": "Jon",
    "Kimberly": "Kim",
    "Michael": "Mike",
    "Margaret": "Maggie",
    "Nicholas": "Nick",
    "Patrick": "Pat",
    "Rebecca": "Becca",
    "Robert": "Bob",
    "Samuel": "Sam",
    "Stephanie": "Steph",
    "Theodore": "Ted",
    "Timothy": "Tim",
    "Victoria": "Tori",
    "William": "Will",
    "Zachary": "Zach",
}
PLAIN_GIVEN = [
    "Aisha",
    "Bianca",
    "Caleb",
    "Dmitri",
    "Elena",
    "Farah",
    "Gavin",
    "Hana",
    "Ivan",
    "Jasmine",
    "Kofi",
    "Leila",
    "Marco",
    "Nadia",
    "Omar",
    "Paula",
    "Quentin",
    "Rosa",
    "Soren",
    "Tara",
    "Umar",
    "Vera",
    "Wes",
    "Ximena",
    "Yara",
    "Zoe",
    "Anil",
    "Beatriz",
    "Chen",
    "Divya",
    "Emeka",
    "Freya",
    "Goran",
    "Helga",
    "Ines",
    "Jun",
    "Kiran",
    "Lucas",
    "Maya",
    "Nils",
    "Olga",
    "Pedro",
    "Rahul",
    "Sofia",
    "Tomas",
    "Ulla",
    "Vikram",
    "Wanda",
    "Yusuf",
    "Zainab",
    "Grace",
    "Henry",
    "Laura",
    "Owen",
    "Ruth",
    "Simon",
    "Claire",
    "Diego",
    "Erin",
    "Felix",
]
FIRST = [*GIVEN, *PLAIN_GIVEN]
SURNAMES = [
    "Abbott",
    "Achebe",
    "Alvarado",
    "Barros",
    "Becker",
    "Bishop",
    "Brennan",
    "Castellano",
    "Chowdhury",
    "Dalton",
    "Delgado",
    "Dubois",
    "Eriksen",
    "Falk",
    "Fitzgerald",
    "Gallagher",
    "Gupta",
    "Halloran",
    "Hartmann",
    "Horvath",
    "Ibarra",
    "Jansen",
    "Kaplan",
    "Keane",
    "Kowalczyk",
    "Lambert",
    "Larsen",
    "Lindgren",
    "Mahoney",
    "Marchetti",
    "Mbeki",
    "Moreau",
    "Nakagawa",
    "Novotny",
    "Osei",
    "Ostrowski",
    "Pacheco",
    "Park",
    "Quinlan",
    "Rasmussen",
    "Reddy",
    "Rinaldi",
    "Sandoval",
    "Schultz",
    "Sharma",
    "Sokolov",
    "Strand",
    "Takahashi",
    "Thornton",
    "Underwood",
    "Valdez",
    "Vogel",
    "Whitaker",
    "Winter",
    "Yamamoto",
    "Zielinski",
    "Ahmed",
    "Bauer",
    "Carver",
    "Doyle",
    "Engel",
    "Foley",
    "Grant",
    "Hayes",
    "Ito",
    "Jensen",
    "Khan",
    "Lowe",
    "Murphy",
    "Nash",
    "Ortega",
    "Price",
    "Russo",
    "Silva",
    "Tanaka",
    "Vance",
    "Walsh",
    "Young",
    "Smith",
    "Jones",
    "Brown",
    "Nguyen",
    "Garcia",
    "Miller",
    "Wilson",
    "Taylor",
    "Clarke",
    "Patel",
    "Kim",
    "Lee",
]
STEMS = [
    "Northpeak",
    "Lumen",
    "Brightwave",
    "Cloudberry",
    "Driftwood",
    "Emberly",
    "Foxglove",
    "Glasshouse",
    "Hollowtree",
    "Ironbark",
    "Juniperline",
    "Kestrel",
    "Larkspur",
    "Moonrise",
    "Nimbus",
    "Orchard",
    "Pebblestone",
    "Quarry",
    "Redfern",
    "Saltmarsh",
    "Tidewater",
    "Upland",
    "Vantage",
    "Wildflower",
    "Yellowtail",
    "Zephyr",
    "Arcadia",
    "Bellwether",
    "Cinder",
    "Dovetail",
    "Everline",
    "Fathom",
    "Greystone",
    "Harbinger",
    "Inkwell",
    "Jetstream",
    "Keel",
    "Lodestar",
    "Meadowlark",
    "Nightjar",
    "Onward",
    "Paragon",
    "Quill",
    "Rookery",
    "Sparrow",
    "Trellis",
    "Umber",
    "Verdant",
    "Wavelength",
    "Yarrow",
]
TRADES = [
    "Analytics",
    "Health",
    "Logistics",
    "Labs",
    "Robotics",
    "Studio",
    "Payments",
    "Security",
    "Learning",
    "Energy",
    "Foods",
    "Capital",
    "Media",
    "Bio",
    "Software",
    "Mobility",
    "Retail",
    "Legal",
]
TEAMS = ("Growth", "Marketing", "Product", "Data", "Design", "Ops", "Engineering", "RevOps")
# A team's shared login: the local part and the display names the team gave it.
SHARED_LOGINS = {
    "team": ("{company} Team", "Team {company}", "team"),
    "ops": ("{company} Ops", "Ops Team", "ops"),
    "marketing": ("Marketing Team", "{company} Marketing", "marketing"),
    "growth": ("Growth Team", "{company} Growth", "growth"),
    "design": ("Design Team", "{company} Design", "design"),
    "analytics": ("Analytics Team", "Data Team", "analytics"),
    "admin": ("Admin", "{company} Admin", "admin"),
    "dev": ("Dev Team", "{company} Engineering", "dev"),
    "support": ("Support Team", "{company} Support", "support"),
    "sales": ("Sales Team", "{company} Sales", "sales"),
}
TITLES = (
    "Head of Growth",
    "Product Manager",
    "Data Analyst",
    "VP Marketing",
    "Software Engineer",
    "Designer",
    "RevOps Manager",
    "CTO",
    "Customer Success Lead",
    "Founder",
    "Operations Manager",
    "",
)
SHARED_TITLES = {
    "marketing": "Marketing Manager",
    "ops": "Operations Manager",
    "team": "Office Manager",
    "growth": "Growth Lead",
    "design": "Design Lead",
    "analytics": "Analytics Lead",
    "admin": "IT Administrator",
    "dev": "Engineering Manager",
    "support": "Support Lead",
    "sales": "Sales Manager",
}
STAGES = ("subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer")
PERSONAL = ("gmail.com", "gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com")
PLANS = ("free", "free", "starter", "pro", "team", "business_trial")


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    cities: tuple[str, ...]
    tlds: tuple[str, ...]
    dial: str


COUNTRIES = (
    Country(
        "US", "United States", ("New York", "Austin", "Seattle", "Denver", "Chicago"), ("com", "io"), "+1"
    ),
    Country(
        "GB", "United Kingdom", ("London", "Bristol", "Manchester", "Leeds"), ("co.uk", "com", "io"), "+44"
    ),
    Country("DE", "Germany", ("Berlin", "Munich", "Hamburg", "Cologne"), ("de", "com", "io"), "+49"),
    Country("CA", "Canada", ("Toronto", "Vancouver", "Montreal"), ("ca", "com"), "+1"),
    Country("AU", "Australia", ("Sydney", "Melbourne", "Brisbane"), ("com.au", "io"), "+61"),
)
WEIGHTS = (0.5, 0.18, 0.12, 0.1, 0.1)


@dataclass
class Company:
    name: str  # the CRM's Company Name ("Northpeak Analytics Inc.")
    short: str  # as people say it ("Northpeak Analytics")
    domain: str
    country: Country
    city: str
    pattern: str  # the mailbox pattern
    workspace_id: str
    workspace_name: str
    verified_domain: bool  # the workspace has its SSO / allowed domain set
    people: list = field(default_factory=list)
    shared: str = ""  # a team address the CRM holds on a person's record
    in_crm: bool = True


@dataclass
class Person:
    first: str
    last: str
    company: Company
    rows: list
    email: str = ""

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(row["Record ID"] for row in self.rows)


def fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def short_form(first: str) -> str:
    return GIVEN.get(first, first)


def mailbox_key(address: str) -> str:
    """One mailbox however written: Gmail ignores dots, a "+tag" and capitals, and googlemail.com is gmail.com."""
    local, _, domain = address.lower().partition("@")
    local = local.split("+", 1)[0]
    if domain in ("gmail.com", "googlemail.com"):
        return f"{local.replace('.', '')}@gmail.com"
    return f"{local}@{domain}"


def mailbox(pattern: str, first: str, last: str) -> str:
    first, last = fold(first), fold(last)
    return {
        "first.last": f"{first}.{last}",
        "flast": f"{first[0]}{last}",
        "first": first,
        "firstlast": f"{first}{last}",
        "f.last": f"{first[0]}.{last}",
        "first_last": f"{first}_{last}",
    }[pattern]


class Generator:
    def __init__(self, seed: int, people: int, per_category: int) -> None:
        self.rng = random.Random(seed)
        self.target = people
        self.per_category = per_category
        self.companies: list[Company] = []
        self.persons: list[Person] = []
        self.crm_rows: list[dict] = []
        self.crm_emails: set[str] = set()
        self.crm_names: set[tuple[str, str]] = set()  # every CRM full name, folded
        self.short_names: Counter = Counter()  # CRM people per (short form of the given name, surname)
        self.planted: set[tuple[str, str]] = set()  # full names of the inbound people not in the CRM
        self.taken: set[int] = set()
        self.record_ids: set[str] = set()
        self.user_ids: set[str] = set()
        self.stems: set[str] = set()
        self.mailboxes: set[str] = set()  # personal mailboxes drawn, as `mailbox_key` writes them

    # -- the CRM ----------------------------------------------------------------------------------------------

    def record_id(self) -> str:
        while (value := str(self.rng.randint(10**8, 10**11))) in self.record_ids:
            pass
        self.record_ids.add(value)
        return value

    def new_company(self, *, in_crm: bool = True) -> Company:
        while True:
            stem = self.rng.choice(STEMS)
            trade = self.rng.choice(TRADES)
            key = f"{stem}{trade}".lower()
            if key not in self.stems:
                self.stems.add(key)
                break
        country = self.rng.choices(COUNTRIES, WEIGHTS)[0]
        short = f"{stem} {trade}"
        tld = self.rng.choice(country.tlds)
        domain = (
            self.rng.choice((f"{stem}{trade}", f"{stem}-{trade}", f"get{stem}{trade}")).lower() + f".{tld}"
        )
        legal = {
            "US": ("Inc.", "LLC", ""),
            "GB": ("Ltd", ""),
            "DE": ("GmbH",),
            "CA": ("Inc.", "Ltd."),
            "AU": ("Pty Ltd",),
        }
        name = f"{short} {self.rng.choice(legal[country.code])}".strip()
        workspace = self.rng.choice(
            (short, stem, stem.lower(), f"{stem} {self.rng.choice(TEAMS)}", name, f"{short} HQ")
        )
        company = Company(
            name=name,
            short=short,
            domain=domain,
            country=country,
            city=self.rng.choice(country.cities),
            pattern=self.rng.choice(
                ("first.last", "first.last", "flast", "first", "firstlast", "f.last", "first_last")
            ),
            workspace_id=f"ws_{self.rng.getrandbits(40):010x}",
            workspace_name=workspace,
            verified_domain=self.rng.random() < 0.6,
            in_crm=in_crm,
        )
        if in_crm:
            self.companies.append(company)
        return company

    def fresh_name(
        self, company: Company | None, *, avoid_first: set[str] = frozenset(), avoid_last=frozenset()
    ):
        """A full name no CRM person holds and no planted person holds, sharing no given name (nor short form)
        in `avoid_first` and no surname in `avoid_last`."""
        for _ in range(1000):
            first, last = self.rng.choice(FIRST), self.rng.choice(SURNAMES)
            key = (fold(first), fold(last))
            if key in self.crm_names or key in self.planted:
                continue
            if {fold(first), fold(short_form(first))} & avoid_first or fold(last) in avoid_last:
                continue
            return first, last
        raise RuntimeError("no fresh name left")

    def crm_row(self, company: Company, first: str, last: str, email: str, *, title: str = "") -> dict:
        phone = ""
        if self.rng.random() < 0.5:
            phone = f"{company.country.dial} {self.rng.randint(200, 989)} {self.rng.randint(100, 999)} {self.rng.randint(1000, 9999)}"
        return {
            "Record ID": self.record_id(),
            "First Name": first,
            "Last Name": last,
            "Email": email,
            "Additional email addresses": "",
            "Phone Number": phone,
            "Company Name": company.name if self.rng.random() < 0.9 else company.short,
            "Company Domain Name": company.domain if self.rng.random() < 0.85 else "",
            "City": company.city if self.rng.random() < 0.7 else "",
            "Country/Region": company.country.name if self.rng.random() < 0.8 else "",
            "Job Title": title or self.rng.choice(TITLES),
            "Lifecycle Stage": self.rng.choice(STAGES),
        }

    def add_person(self, company: Company) -> Person | None:
        for _ in range(50):
            first, last = self.rng.choice(FIRST), self.rng.choice(SURNAMES)
            key = (fold(first), fold(last))
            if any((fold(p.first), fold(p.last)) == key for p in company.people):
                continue
            email = f"{mailbox(company.pattern, first, last)}@{company.domain}"
            if email in self.crm_emails:
                continue
            break
        else:
            return None
        self.crm_names.add(key)
        self.short_names[(fold(short_form(first)), fold(last))] += 1
        self.crm_emails.add(email)
        person = Person(first, last, company, [], email)
        row = self.crm_row(company, first, last, email)
        person.rows.append(row)
        if self.rng.random() < 0.03:  # held twice: a form fill beside an import, the address in other case
            twin = dict(row, **{"Record ID": self.record_id(), "Phone Number": "", "Job Title": ""})
            twin["Email"] = email if self.rng.random() < 0.5 else email.capitalize()
            person.rows.append(twin)
        company.people.append(person)
        self.persons.append(person)
        return person

    def build_crm(self) -> None:
        while len(self.crm_rows) < self.target:
            company = self.new_company()
            for _ in range(self.rng.randint(3, 14)):
                self.add_person(company)
            if self.rng.random() < 0.15:  # a team address held on one person's record (a demo form from it)
                local = self.rng.choice(list(SHARED_LOGINS))
                email = f"{local}@{company.domain}"
                first, last = self.fresh_name(company)
                self.crm_names.add((fold(first), fold(last)))
                self.crm_emails.add(email)
                person = Person(
                    first,
                    last,
                    company,
                    [self.crm_row(company, first, last, email, title=SHARED_TITLES[local])],
                    email,
                )
                company.shared = local
                company.people.append(person)
                self.persons.append(person)
            if self.rng.random() < 0.1:  # the team address as a record of its own: a newsletter subscriber
                local = self.rng.choice([name for name in SHARED_LOGINS if name != company.shared])
                email = f"{local}@{company.domain}"
                row = self.crm_row(company, "", "", email, title="-")
                row["Job Title"] = ""
                row["Lifecycle Stage"] = "subscriber"
                self.crm_emails.add(email)
                mailbox_record = Person("", "", company, [row], email)
                company.people.append(mailbox_record)
                self.persons.append(mailbox_record)
            for person in company.people:
                self.crm_rows.extend(person.rows)
        # a rep added some contacts' personal addresses (or a merge kept an old one)
        for person in self.persons:
            if person.first and self.rng.random() < 0.05:
                person.rows[0]["Additional email addresses"] = self.personal_address(
                    person.first, person.last
                )

    # -- the product's users ---------------------------------------------------------------------------------

    def personal_address(self, first: str, last: str) -> str:
        """A personal mailbox nobody else holds: two people never share one Gmail mailbox, however written."""
        while (address := self.draw_personal(first, last)) in self.mailboxes or mailbox_key(
            address
        ) in self.mailboxes:
            pass
        self.mailboxes.add(mailbox_key(address))
        return address

    def draw_personal(self, first: str, last: str) -> str:
        first, last = fold(first), fold(last)
        local = self.rng.choice(
            (
                f"{first}.{last}",
                f"{first}{last}",
                f"{first}{last}{self.rng.randint(1, 99)}",
                f"{first[0]}{last}{self.rng.randint(70, 99)}",
                f"{last}.{first}",
            )
        )
        return f"{local}@{self.rng.choice(PERSONAL)}"

    def user(
        self,
        category: str,
        email: str,
        truth: tuple[str, ...],
        *,
        name: str,
        company: Company | None,
        first: str = "",
        last: str = "",
        workspace: tuple[str, str, str] | None = None,
        role: str = "",
    ) -> GeneratedCase:
        while (user_id := f"usr_{self.rng.getrandbits(48):012x}") in self.user_ids:
            pass
        self.user_ids.add(user_id)
        if workspace is None and company is not None:
            workspace = (
                company.workspace_id,
                company.workspace_name,
                company.domain if company.verified_domain else "",
            )
        workspace = workspace or ("", "", "")
        signed_up = datetime(2023, 1, 1) + timedelta(minutes=self.rng.randint(0, 700 * 24 * 60))
        seen = signed_up + timedelta(minutes=self.rng.randint(0, 200 * 24 * 60))
        country = company.country if company else self.rng.choices(COUNTRIES, WEIGHTS)[0]
        if self.rng.random() < 0.1:  # a VPN, a trip
            country = self.rng.choice(COUNTRIES)
        row = {
            "user_id": user_id,
            "email": email,
            "name": name,
            "first_name": first,
            "last_name": last,
            "workspace_id": workspace[0],
            "workspace_name": workspace[1],
            "workspace_domain": workspace[2],
            "workspace_role": role
            or self.rng.choice(("member", "member", "member", "admin", "owner", "guest")),
            "signed_up_at": signed_up.strftime("%Y-%m-%d %H:%M:%S"),
            "last_seen_at": seen.strftime("%Y-%m-%d %H:%M:%S"),
            "country": country.code,
            "plan": self.rng.choice(PLANS),
            "seats": str(self.rng.choice((1, 1, 2, 3, 5, 10, 25))),
        }
        return GeneratedCase(category, row, truth)

    def pick(self, test) -> Person | None:
        order = list(range(len(self.persons)))
        self.rng.shuffle(order)
        for index in order[:3000]:
            person = self.persons[index]
            if index not in self.taken and test(person):
                self.taken.add(index)
                return person
        return None

    def alone_in_crm(self, person: Person) -> bool:
        """No other CRM person anywhere has this given name (or its short form) and surname: a personal address
        with the name and a workspace cannot point at two people."""
        return self.short_names[(fold(short_form(person.first)), fold(person.last))] == 1

    @staticmethod
    def is_worker(person: Person) -> bool:
        return bool(person.first) and not person.email.startswith(f"{person.company.shared}@")

    def onboarded(self, person_first: str, person_last: str, chance: float) -> tuple[str, str]:
        return (person_first, person_last) if self.rng.random() < chance else ("", "")

    def typed(self, first: str, last: str) -> str:
        """A full name as typed at sign-up: mostly as written, some in lower case."""
        text = f"{first} {last}"
        return text.lower() if self.rng.random() < 0.12 else text

    # Same person.

    def work_email_full_name(self) -> GeneratedCase | None:
        person = self.pick(lambda p: self.is_worker(p) and len(p.rows) == 1)
        if person is None:
            return None
        first, last = self.onboarded(person.first, person.last, 0.4)
        email = person.email if self.rng.random() < 0.85 else person.email.upper()
        return self.user(
            "work_email_full_name",
            email,
            person.ids,
            name=self.typed(person.first, person.last),
            company=person.company,
            first=first,
            last=last,
        )

    def work_email_onboarded(self) -> GeneratedCase | None:
        person = self.pick(lambda p: self.is_worker(p) and len(p.rows) == 1)
        if person is None:
            return None
        return self.user(
            "work_email_onboarded",
            person.email,
            person.ids,
            name=person.email.split("@")[0],
            company=person.company,
            first=person.first,
            last=person.last,
        )

    def display_name_local_part(self) -> GeneratedCase | None:
        person = self.pick(lambda p: self.is_worker(p) and len(p.rows) == 1)
        if person is None:
            return None
        local = person.email.split("@")[0]
        return self.user(
            "display_name_local_part", person.email, person.ids, name=local, company=person.company
        )

    def display_name_shortened(self) -> GeneratedCase | None:
        person = self.pick(lambda p: self.is_worker(p) and len(p.rows) == 1)
        if person is None:
            return None
        return self.user(
            "display_name_shortened",
            person.email,
            person.ids,
            name=f"{person.first} {person.last[0]}.",
            company=person.company,
        )

    def nickname_or_initial(self) -> GeneratedCase | None:
        def fits(p: Person) -> bool:
            if not self.is_worker(p) or len(p.rows) != 1 or p.first not in GIVEN:
                return False
            return sum(fold(o.last) == fold(p.last) for o in p.company.people) == 1

        person = self.pick(fits)
        if person is None:
            return None
        draw = self.rng.random()
        if draw < 0.35:
            return self.user(
                "nickname_or_initial",
                person.email,
                person.ids,
                name=f"{GIVEN[person.first]} {person.last}",
                company=person.company,
            )
        if draw < 0.55:
            return self.user(
                "nickname_or_initial",
                person.email,
                person.ids,
                name=f"{person.first[0]}. {person.last}",
                company=person.company,
            )
        nick = GIVEN[person.first]
        if not self.alone_in_crm(person):
            return None
        return self.user(
            "nickname_or_initial",
            self.personal_address(nick, person.last),
            person.ids,
            name=f"{nick} {person.last}",
            company=person.company,
        )

    def personal_email_work_in_crm(self) -> GeneratedCase | None:
        person = self.pick(
            lambda p: (
                self.is_worker(p)
                and len(p.rows) == 1
                and not p.rows[0]["Additional email addresses"]
                and self.alone_in_crm(p)
            )
        )
        if person is None:
            return None
        email = self.personal_address(person.first, person.last)
        if self.rng.random() < 0.3:  # the display name derived from the login; the name from onboarding
            return self.user(
                "personal_email_work_in_crm",
                email,
                person.ids,
                name=email.split("@")[0],
                company=person.company,
                first=person.first,
                last=person.last,
            )
        first, last = self.onboarded(person.first, person.last, 0.4)
        return self.user(
            "personal_email_work_in_crm",
            email,
            person.ids,
            name=self.typed(person.first, person.last),
            company=person.company,
            first=first,
            last=last,
        )

    def personal_email_in_additional(self) -> GeneratedCase | None:
        person = self.pick(lambda p: self.is_worker(p) and bool(p.rows[0]["Additional email addresses"]))
        if person is None:
            return None
        email = person.rows[0]["Additional email addresses"]
        name = self.rng.choice((self.typed(person.first, person.last), email.split("@")[0]))
        return self.user("personal_email_in_additional", email, person.ids, name=name, company=person.company)

    def gmail_variant(self) -> GeneratedCase | None:
        company = self.rng.choice(self.companies)
        first, last = self.fresh_name(company)
        local = f"{fold(first)}.{fold(last)}"
        crm_email = f"{local}@gmail.com"
        if crm_email in self.crm_emails or mailbox_key(crm_email) in self.mailboxes:
            return None
        self.mailboxes.add(mailbox_key(crm_email))
        self.crm_names.add((fold(first), fold(last)))
        self.crm_emails.add(crm_email)
        row = self.crm_row(company, first, last, crm_email)
        row["Company Name"] = company.short if self.rng.random() < 0.5 else ""
        row["Company Domain Name"] = ""
        self.crm_rows.append(row)
        draw = self.rng.random()
        if draw < 0.3:
            login = f"{local}+{self.rng.choice(('app', 'trial', 'work', company.short.split()[0].lower()))}@gmail.com"
        elif draw < 0.55:
            login = f"{fold(first)}{fold(last)}@gmail.com"
        elif draw < 0.7:
            login = f"{fold(first)[:2]}.{fold(first)[2:]}.{fold(last)}@gmail.com"
        elif draw < 0.85:
            login = f"{local}@googlemail.com"
        else:
            login = f"{first}.{last}@Gmail.com"
        name = self.rng.choice((f"{first} {last}", login.split("@")[0].split("+")[0]))
        return self.user(
            "gmail_variant",
            login,
            (row["Record ID"],),
            name=name,
            company=company,
            workspace=(f"ws_{self.rng.getrandbits(40):010x}", f"{first}'s workspace", ""),
        )

    def crm_duplicate(self) -> GeneratedCase | None:
        person = self.pick(lambda p: len(p.rows) == 2)
        if person is None:
            return None
        return self.user(
            "crm_duplicate",
            person.email,
            person.ids,
            name=self.typed(person.first, person.last),
            company=person.company,
        )

    def shared_mailbox_record(self) -> GeneratedCase | None:
        person = self.pick(lambda p: not p.first)
        if person is None:
            return None
        local = person.email.split("@")[0]
        name = self.rng.choice(SHARED_LOGINS[local]).format(company=person.company.short.split()[0])
        return self.user(
            "shared_mailbox_record", person.email, person.ids, name=name, company=person.company, role="admin"
        )

    # Someone else.

    def shared_login(self) -> GeneratedCase | None:
        company = self.rng.choice(self.companies)
        held = {p.email for p in company.people}
        locals_ = [name for name in SHARED_LOGINS if f"{name}@{company.domain}" not in held]
        local = self.rng.choice(locals_)
        name = self.rng.choice(SHARED_LOGINS[local]).format(company=company.short.split()[0])
        return self.user(
            "shared_login", f"{local}@{company.domain}", (), name=name, company=company, role="admin"
        )

    def shared_login_on_person(self) -> GeneratedCase | None:
        person = self.pick(lambda p: bool(p.first) and p.email.startswith(f"{p.company.shared}@"))
        if person is None:
            return None
        local = person.company.shared
        name = self.rng.choice(SHARED_LOGINS[local][:2]).format(company=person.company.short.split()[0])
        return self.user(
            "shared_login_on_person", person.email, (), name=name, company=person.company, role="admin"
        )

    def invited_teammate(self) -> GeneratedCase | None:
        company = self.rng.choice([c for c in self.companies if len(c.people) >= 3])
        crew = [p for p in company.people if p.first]
        model = self.rng.choice(crew)
        # some share a first name or a surname with a CRM colleague, never the whole name
        avoid_first = {fold(model.first), fold(short_form(model.first))}
        if self.rng.random() < 0.4:
            first = self.rng.choice([f for f in FIRST if fold(f) not in {fold(p.first) for p in crew}])
            last = model.last
        else:
            first, last = self.fresh_name(company, avoid_first=avoid_first)
        key = (fold(first), fold(last))
        if (
            key in self.crm_names
            or key in self.planted
            or any(fold(p.first) == fold(first) and fold(p.last) == fold(last) for p in crew)
        ):
            return None
        email = f"{mailbox(company.pattern, first, last)}@{company.domain}"
        if email in self.crm_emails or (
            company.pattern == "first" and any(fold(p.first) == fold(first) for p in crew)
        ):
            return None
        self.planted.add(key)
        draw = self.rng.random()
        if draw < 0.5:
            name, onboarded = self.typed(first, last), self.onboarded(first, last, 0.4)
        elif draw < 0.8:
            name, onboarded = email.split("@")[0], ("", "")
            if company.pattern in ("first", "flast", "f.last"):
                return None  # a handle that does not say the whole name could be anyone's
        else:
            name, onboarded = f"{first} {last[0]}.", ("", "")
            if company.pattern in ("first", "flast", "f.last"):
                return None
        return self.user(
            "invited_teammate",
            email,
            (),
            name=name,
            company=company,
            first=onboarded[0],
            last=onboarded[1],
            role=self.rng.choice(("member", "member", "guest")),
        )

    def reassigned_address(self) -> GeneratedCase | None:
        person = self.pick(lambda p: self.is_worker(p) and len(p.rows) == 1)
        if person is None:
            return None
        first, last = self.fresh_name(
            person.company,
            avoid_first={fold(person.first), fold(short_form(person.first))},
            avoid_last={fold(person.last)},
        )
        self.planted.add((fold(first), fold(last)))
        onboarded = self.onboarded(first, last, 0.4)
        name = self.typed(first, last) if self.rng.random() < 0.75 else f"{first} {last[0]}."
        return self.user(
            "reassigned_address",
            person.email,
            (),
            name=name,
            company=person.company,
            first=onboarded[0],
            last=onboarded[1],
        )

    def namesake_elsewhere(self) -> GeneratedCase | None:
        person = self.pick(lambda p: self.is_worker(p))
        if person is None:
            return None
        if self.rng.random() < 0.5:
            other = self.new_company(in_crm=False)
        else:
            key = (fold(person.first), fold(person.last))
            others = [
                c
                for c in self.companies
                if c.short.split()[0] != person.company.short.split()[0]
                and all((fold(p.first), fold(p.last)) != key for p in c.people)
            ]
            other = self.rng.choice(others)
        email = f"{mailbox(other.pattern, person.first, person.last)}@{other.domain}"
        if email in self.crm_emails:
            return None
        if self.rng.random() < 0.3:  # from a personal address, in the other company's workspace
            email = self.personal_address(person.first, person.last)
        return self.user(
            "namesake_elsewhere",
            email,
            (),
            name=self.typed(person.first, person.last),
            company=other,
        )

    def not_in_crm(self) -> GeneratedCase | None:
        first, last = self.fresh_name(None)
        self.planted.add((fold(first), fold(last)))
        if self.rng.random() < 0.5:
            company = self.new_company(in_crm=False)
            email = f"{mailbox(company.pattern, first, last)}@{company.domain}"
            return self.user("not_in_crm", email, (), name=self.typed(first, last), company=company)
        email = self.personal_address(first, last)
        workspace = (
            f"ws_{self.rng.getrandbits(40):010x}",
            self.rng.choice((f"{first}'s workspace", "Personal", "My Workspace")),
            "",
        )
        name = self.rng.choice((self.typed(first, last), email.split("@")[0]))
        return self.user("not_in_crm", email, (), name=name, company=None, workspace=workspace, role="owner")

    def build(self) -> GeneratedCases:
        self.build_crm()
        makers = [
            self.work_email_full_name,
            self.work_email_full_name,
            self.work_email_onboarded,
            self.display_name_local_part,
            self.display_name_shortened,
            self.nickname_or_initial,
            self.personal_email_work_in_crm,
            self.personal_email_in_additional,
            self.gmail_variant,
            self.crm_duplicate,
            self.shared_mailbox_record,
            self.shared_login,
            self.shared_login_on_person,
            self.invited_teammate,
            self.reassigned_address,
            self.namesake_elsewhere,
            self.not_in_crm,
            self.not_in_crm,
        ]
        cases = []
        for make in makers:
            made = tries = 0
            while made < self.per_category and tries < self.per_category * 10:
                tries += 1
                if (case := make()) is not None:
                    cases.append(case)
                    made += 1
        self.rng.shuffle(cases)
        for case in cases:
            case.external_id = case.row["user_id"]
        return GeneratedCases.shuffled(self.rng, self.crm_rows, cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# Splink reads the onboarding's first and last name where given, else the display name's first and last words;
# the workspace's name is the company's.
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
        SELECT "user_id" AS unique_id,
               coalesce(nullif(lower(trim("first_name")), ''),
                        CASE WHEN len(string_split(trim("name"), ' ')) > 1
                             THEN lower(list_extract(string_split(trim("name"), ' '), 1)) END) AS first_name,
               coalesce(nullif(lower(trim("last_name")), ''),
                        CASE WHEN len(string_split(trim("name"), ' ')) > 1
                             THEN lower(list_extract(string_split(trim("name"), ' '), -1)) END) AS last_name,
               nullif(lower(trim("email")), '') AS email,
               CAST(NULL AS VARCHAR) AS phone,
               {company}("workspace_name") AS company,
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
        crm_file="hubspot",
        inbound_file="product_users",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id="user_id",
        cli_options=["--provider", "hubspot", "--object", "contacts", "--kind", "person"],
        splink_kind="person",
        sql=PERSON_SQL,
        source="HubSpot contacts <- product users (PLG) export",
        splink_model=person_model_em_on_email,
    )
]


if __name__ == "__main__":
    run_generated("identity24", SUITES, seed=241, people=3000, orgs=0, per_category=40)
