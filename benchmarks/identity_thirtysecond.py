"""A thirty-second record set: Pipedrive persons linked from an applicant-tracking system's candidates export.

    python benchmarks/identity_thirtysecond.py [--people 3000] [--per-category 40] [--seed 321] [--skip-splink]
                                               [--keep DIR]

A recruiting firm that also sells to hiring managers keeps one Pipedrive account for all of them. The CRM side is
its persons export as the list view writes it: `Person - ID`, `Person - Name`, `Person - First name`,
`Person - Last name`, `Person - Phone - Work` / `Mobile` / `Home` / `Other`, `Person - Email - Work` / `Home` /
`Other`, `Organization - Name`, `Person - Job title`, `Person - Label` ("Hiring manager", "Client", "Candidate",
"Agency"), the custom field `Person - LinkedIn profile URL`, the postal address's city and country, filled half
the time, and `Person - Owner`. It holds client contacts (hiring managers and HR at client companies, their work
address and direct line), past candidates (their personal address and mobile, the employer they had when they
were placed or interviewed, now and then a work address), the talent teams of clients whose record holds the
team's shared inbox (careers@, jobs@, talent@, recruiting@), agency recruiters the firm works with, and now and
then a candidate an agency once submitted, imported with the agency's address and number.

The inbound side is the firm's applicant-tracking system's candidates export, its columns as Greenhouse labels
them: `Candidate ID`, `First Name`, `Last Name`, `Current Company`, `Current Title`, `Email`, `Phone`,
`Location`, `Social Media` (the LinkedIn profile, in any of the forms people paste: country subdomains,
http or none, `www.` or none, a trailing slash, a share link's query string, a locale path, capitals, a
percent-encoded accented slug; now and then a second site after ", "), `Website` (left empty), `Source`,
`Referrer`, `Recruiter`, `Coordinator`, `Job`, `Application Date`, `Status`, `Current Stage`, `Tags`. An agency's
submissions carry the agency recruiter's own address and number in the candidate's `Email` and `Phone` (a key
many different candidates share in the file); a CV forwarded by a client's careers inbox carries the inbox.

Categories, each with its truth (the Pipedrive person, or none). IN:
- `personal_email_known`: the personal address the CRM holds (capitals now and then), the name, maybe a
  number; the current company the CRM's or a new one.
- `work_to_personal`: the CRM holds a work address; the candidate applies with a new personal address, and
  the CRM's mobile in another written form.
- `personal_to_work`: the CRM holds a personal address; the candidate applies from a work address at a new
  employer, with the CRM's mobile.
- `linkedin_forms`: a new personal address, no number, the CRM's LinkedIn profile in another written form.
- `job_change`: a new current company and a new address; the CRM's mobile or LinkedIn profile.
- `client_contact_candidate`: a client's hiring manager applying quietly: a new personal address, the
  CRM's mobile or profile, the client as current company.
- `nickname_initial`: a short form or an initial of the CRM's given name (or the other way round), with
  the CRM's address, mobile or profile.
- `multilingual`: accents dropped or added, German umlauts written out, an East Asian name's family name in
  `First Name`; with the CRM's address, mobile or profile.
- `applied_twice`: the same CRM person applying twice: once with the CRM's address, once with a new
  address and the CRM's mobile or profile (both rows the person).
- `referral_in_crm`: a CRM person referred by another CRM person (`Referrer` holds the referrer's name).
- `agency_known_candidate`: a CRM person submitted by an agency: the agency recruiter's address and number,
  the candidate's name, current company and LinkedIn profile.
OUT:
- `agency_other_candidate`: a candidate the CRM does not hold, submitted by an agency whose recruiter is a
  CRM person (one of them a record named as the agency), or whose address a CRM person was once imported with:
  the agency's address and number.
- `namesake_same_company`: a CRM person's full name at the CRM person's company, another LinkedIn profile,
  a new personal address and number.
- `role_inbox`: a client's careers inbox the CRM holds on its talent lead's record (a third of them a record
  named as the team: "Talent Team", "Careers"), on a CV the inbox forwarded (the candidate's own name and
  company) or on the talent lead's successor (another name, the client, the title).
- `linkedin_pasted`: a CRM person's LinkedIn profile pasted on another applicant's row (another name, a
  new address).
- `referral_not_in_crm`: a new candidate whose `Referrer` is a CRM person.
- `applied_twice_new`: a new candidate applying twice (two rows).
- `not_in_crm`: candidates the CRM does not hold.

Fairness: every row has one truth a careful reader of the two records can tell. Full names are unique in the CRM
(folded, in either order) and nobody outside it has a CRM person's full name but the namesakes, whose LinkedIn
profile is another; a mobile, a personal address and a profile are one person's; an agency's address and
number are the agency's; a careers inbox is the client's talent team's. The firm's own recruiters and
coordinators are not CRM persons. Written from scratch (only `identity_quality`'s and `generated_phones`'
interfaces). Every seed deterministic.
"""

import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

import phonenumbers
from anyascii import anyascii
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

CRM_ID = "Person - ID"
CRM_COLUMNS = [
    CRM_ID, "Person - Name", "Person - First name", "Person - Last name", "Person - Phone - Work",
    "Person - Phone - Mobile", "Person - Phone - Home", "Person - Phone - Other", "Person - Email - Work",
    "Person - Email - Home", "Person - Email - Other", "Organization - Name", "Person - Job title",
    "Person - Label", "Person - LinkedIn profile URL", "Person - Postal address - City/town/village/locality",
    "Person - Postal address - Country", "Person - Owner",
]  # fmt: skip
INBOUND_ID = "Candidate ID"
INBOUND_COLUMNS = [
    INBOUND_ID, "First Name", "Last Name", "Current Company", "Current Title", "Email", "Phone", "Location",
    "Social Media", "Website", "Source", "Referrer", "Recruiter", "Coordinator", "Job", "Application Date",
    "Status", "Current Stage", "Tags",
]  # fmt: skip

# -- names --------------------------------------------------------------------------------------------------

SHORT = {  # given name -> the short forms people go by
    "Robert": ["Bob", "Rob"], "William": ["Will", "Bill"], "James": ["Jim", "Jamie"], "Richard": ["Rick"],
    "Thomas": ["Tom"], "Michael": ["Mike"], "Joseph": ["Joe"], "Daniel": ["Dan"], "Christopher": ["Chris"],
    "Andrew": ["Andy"], "Matthew": ["Matt"], "Nicholas": ["Nick"], "Benjamin": ["Ben"], "Jonathan": ["Jon"],
    "Alexander": ["Alex"], "Samuel": ["Sam"], "Edward": ["Ed", "Ted"], "Timothy": ["Tim"], "Gregory": ["Greg"],
    "Elizabeth": ["Liz", "Beth"], "Katherine": ["Kate", "Katie"], "Jennifer": ["Jen"], "Rebecca": ["Becky"],
    "Jessica": ["Jess"], "Victoria": ["Vicky", "Tori"], "Margaret": ["Maggie", "Meg"], "Patricia": ["Trish"],
    "Stephanie": ["Steph"], "Samantha": ["Sam"], "Abigail": ["Abby"], "Susan": ["Sue"], "Deborah": ["Debbie"],
    "Olivia": [], "Laura": [], "Rachel": [], "Hannah": [], "Emily": [], "Sarah": [], "Claire": [], "Fiona": [],
    "David": ["Dave"], "Peter": ["Pete"], "Kevin": [], "Mark": [], "Paul": [], "Brian": [], "Owen": [],
    "Priya": [], "Ravi": [], "Anjali": [], "Arjun": [], "Kwame": [], "Amara": [], "Tariq": [], "Leila": [],
}  # fmt: skip
SURNAMES = [
    "Abbott", "Ashford", "Bailey", "Barker", "Bennett", "Blackwood", "Bradshaw", "Brennan", "Caldwell", "Carver",
    "Chambers", "Clayton", "Coleman", "Crawford", "Dalton", "Davenport", "Delaney", "Donovan", "Drummond",
    "Ellison", "Fairfax", "Fenwick", "Fletcher", "Forsyth", "Gallagher", "Garland", "Goodman", "Grayson",
    "Hadley", "Halloran", "Harrington", "Hawthorne", "Holt", "Hutchins", "Kendrick", "Kingsley", "Lancaster",
    "Langley", "Lowry", "Maddox", "Mercer", "Merrick", "Monroe", "Nash", "Norwood", "Oakley", "Pemberton",
    "Prescott", "Quigley", "Radford", "Ramsay", "Rowland", "Sawyer", "Sheffield", "Sinclair", "Stanton",
    "Sterling", "Thornbury", "Underhill", "Vaughan", "Wakeley", "Whitmore", "Winters", "Yates", "Patel", "Sharma",
    "Iyer", "Okafor", "Mensah", "Haddad", "Khoury", "Osei", "Reddy", "Kapoor", "Adeyemi", "Nakamura",
]  # fmt: skip
# Names written with letters an export may fold: (first, last) as the person writes them.
ACCENTED = [
    ("José", "Núñez"), ("María", "Peña"), ("Andrés", "Muñoz"), ("Lucía", "Ibáñez"), ("Íñigo", "Beltrán"),
    ("Jürgen", "Müller"), ("Jörg", "Schröder"), ("Björn", "Köhler"), ("Käthe", "Bäcker"), ("Uwe", "Größmann"),
    ("François", "Lefèvre"), ("Hélène", "Dubois-Métayer"), ("Amélie", "Gauthier"), ("Jérôme", "Bérard"),
    ("Søren", "Østergaard"), ("Åsa", "Lindström"), ("Mikael", "Sjöberg"), ("Zoë", "Brontë"),
    ("Małgorzata", "Wiśniewska"), ("Łukasz", "Żółkowski"), ("Tomáš", "Dvořák"), ("Ángel", "Álvarez"),
    ("Renée", "Lévesque"), ("Joël", "Noël"), ("Müge", "Çelik"), ("Ştefan", "Păun"), ("Dóra", "Szőke"),
    ("Raúl", "Domínguez"), ("Inés", "Cortés"), ("Günter", "Weiß"), ("Maël", "Le Bihan"), ("Eliška", "Horáková"),
]  # fmt: skip
# East Asian names: (given, family); exports write them either way round.
EAST_ASIAN = [
    ("Wei", "Zhang"), ("Min", "Li"), ("Jing", "Wang"), ("Hao", "Chen"), ("Xiaoming", "Liu"), ("Yan", "Huang"),
    ("Jun", "Zhao"), ("Lei", "Zhou"), ("Fang", "Wu"), ("Tao", "Xu"), ("Hiroshi", "Tanaka"), ("Yuki", "Sato"),
    ("Kenji", "Watanabe"), ("Aiko", "Yamamoto"), ("Minjun", "Kim"), ("Jiwoo", "Park"), ("Seoyeon", "Choi"),
    ("Thanh", "Nguyen"), ("Linh", "Tran"), ("Hui", "Lin"), ("Ying", "Guo"), ("Bo", "Sun"), ("Qiang", "Ma"),
]  # fmt: skip
UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
# The firm's own people: recruiters, coordinators and Pipedrive owners (never CRM persons).
STAFF = [
    "Hollis Brandt",
    "Marisol Vega",
    "Odette Fairclough",
    "Sunil Varma",
    "Greta Lindqvist",
    "Declan Moss",
]

# -- companies and places -------------------------------------------------------------------------------------

COMPANY_WORDS = ["Northwind", "Bluepeak", "Copperline", "Evergreen", "Harbor", "Ironbridge", "Lumen", "Meridian",
                 "Oakridge", "Pinnacle", "Quarry", "Redwood", "Silverline", "Tidewater", "Vantage", "Westbrook",
                 "Brightpath", "Cobalt", "Driftwood", "Foxglove", "Granite", "Highgate", "Juniper", "Kestrel",
                 "Larkspur", "Mosaic", "Nimbus", "Orchid", "Polaris", "Summit", "Thistle", "Waverly"]  # fmt: skip
COMPANY_TRADES = ["Analytics", "Robotics", "Health", "Logistics", "Software", "Capital", "Energy", "Foods",
                  "Systems", "Labs", "Media", "Biotech", "Payments", "Security", "Retail", "Insurance"]  # fmt: skip
AGENCY_NAMES = [("TalentBridge Partners", "talentbridge.co.uk"), ("Apex Search Group", "apexsearch.com"),
                ("Hire Velocity", "hirevelocity.io"), ("Crestwood Recruitment", "crestwoodrec.com"),
                ("Nordic Talent AB", "nordictalent.se"), ("Kinetic Staffing", "kineticstaffing.com"),
                ("Bluefin Executive", "bluefinexec.co.uk"), ("Sterling & Rowe Search", "sterlingrowe.com")]  # fmt: skip
PERSONAL_DOMAINS = ["gmail.com", "gmail.com", "gmail.com", "outlook.com", "yahoo.com", "icloud.com",
                    "hotmail.co.uk", "protonmail.com", "web.de", "gmx.de", "orange.fr", "hotmail.com"]  # fmt: skip
ROLE_INBOXES = ["careers", "jobs", "talent", "recruiting", "hiring", "recruitment"]
TITLES = ["Software Engineer", "Senior Software Engineer", "Data Scientist", "Product Manager", "Engineering Manager",
          "Head of Data", "VP Engineering", "Account Executive", "Sales Director", "Marketing Manager",
          "Financial Analyst", "Controller", "DevOps Engineer", "UX Designer", "Operations Manager", "CTO"]  # fmt: skip
MANAGER_TITLES = ["VP Engineering", "Head of Data", "CTO", "Engineering Manager", "Director of Product",
                  "Head of Sales", "CFO", "Head of People", "HR Business Partner"]  # fmt: skip
TEAM_NAMES = [("Talent", "Team"), ("", "Careers"), ("Recruiting", "Team"), ("", "Talent Acquisition"),
              ("HR", "Team"), ("", "Hiring Team")]  # fmt: skip
TALENT_TITLES = ["Talent Acquisition Lead", "Head of Talent", "Recruiting Manager", "Talent Partner"]
COUNTRY_CITIES = {
    "US": ("United States", ["New York, NY", "San Francisco, CA", "Austin, TX", "Boston, MA", "Chicago, IL"]),
    "GB": ("United Kingdom", ["London", "Manchester", "Edinburgh", "Bristol", "Leeds"]),
    "DE": ("Germany", ["Berlin", "Munich", "Hamburg", "Frankfurt"]),
    "FR": ("France", ["Paris", "Lyon", "Toulouse"]),
    "ES": ("Spain", ["Madrid", "Barcelona", "Valencia"]),
    "IN": ("India", ["Bengaluru", "Mumbai", "Pune", "Hyderabad"]),
    "SE": ("Sweden", ["Stockholm", "Gothenburg"]),
}
SUBDOMAINS = ["uk", "de", "fr", "es", "in", "ca", "au", "nl", "se"]
SOURCES = [
    "LinkedIn (Prospecting)",
    "Company Website",
    "Indeed",
    "LinkedIn (Ad Posting)",
    "Jobs page",
    "AngelList",
]


def fold(text: str) -> str:
    """Latin letters without their marks, as an export or a person without the keyboard writes them."""
    return anyascii(text)


def key(first: str, last: str) -> tuple[str, str]:
    return fold(first).lower().strip(), fold(last).lower().strip()


def local_part(text: str) -> str:
    return "".join(ch for ch in fold(text).lower() if ch.isalnum())


@dataclass
class Company:
    name: str
    domain: str
    country: str
    client: bool
    city: str = ""
    main_line: str = ""
    people: list = field(default_factory=list)


@dataclass
class Agency:
    name: str
    domain: str
    country: str
    recruiter: tuple = ()  # (first, last)
    email: str = ""
    phone: str = ""


@dataclass
class Person:
    first: str
    last: str
    country: str
    company: Company | None = None
    title: str = ""
    label: str = "Candidate"
    work_email: str = ""
    personal_email: str = ""
    mobile: str = ""
    direct: str = ""
    profile: str = ""  # LinkedIn slug
    id: str = ""
    east_asian: bool = False

    @property
    def emails(self) -> list[str]:
        return [e for e in (self.personal_email, self.work_email) if e]


class Generator:
    def __init__(self, seed: int, people: int, per_category: int) -> None:
        self.rng = random.Random(seed)
        self.target = people
        self.per = per_category
        self.companies: list[Company] = []
        self.agencies: list[Agency] = []
        self.persons: list[Person] = []
        self.crm_rows: list[dict] = []
        self.cases: list[GeneratedCase] = []
        self.names: set[tuple[str, str]] = {key(*n.split()) for n in STAFF}  # CRM full names (and staff)
        self.planted: set[tuple[str, str]] = set()  # names of people outside the CRM already used
        self.numbers: set[str] = set()
        self.emails: set[str] = set()
        self.slugs: set[str] = set()
        self.ids: set[str] = set()
        self.used: set[int] = set()  # CRM persons (by id()) a case was made of
        self.start = date(2026, 9, 1)

    # -- draws ------------------------------------------------------------------------------------------------

    def number(self, country: str, kind=PhoneNumberType.MOBILE) -> str:
        return fresh_number(self.rng, country, kind, self.numbers, random_digits=7)

    def written(self, e164: str) -> str:
        """A number as a person types it into a form or a rep into the CRM."""
        parsed = phonenumbers.parse(e164)
        roll = self.rng.random()
        if roll < 0.3:
            return e164
        if roll < 0.6:
            return phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)
        if roll < 0.8 and e164.startswith("+1"):
            return phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)
        if roll < 0.8:
            return "00" + phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)[1:]
        return phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL).replace(" ", "-")

    def mailbox(self, first: str, last: str, domain: str = "") -> str:
        domain = domain or self.rng.choice(PERSONAL_DOMAINS)
        f, l = local_part(first), local_part(last)  # noqa: E741
        personal = domain in PERSONAL_DOMAINS
        forms = (
            ["{f}.{l}", "{f}{l}", "{fi}{l}", "{f}_{l}", "{l}.{f}"]
            if personal
            else ["{f}.{l}", "{fi}{l}", "{f}"]
        )
        for attempt in range(50):
            local = self.rng.choice(forms).format(f=f, l=l, fi=f[:1])
            if personal and (attempt or self.rng.random() < 0.5):
                local += str(self.rng.randint(1, 99))
            address = f"{local}@{domain}"
            if address not in self.emails:
                self.emails.add(address)
                return address
        raise RuntimeError("no mailbox left")

    def slug(self, first: str, last: str) -> str:
        """A LinkedIn /in/ slug: a name with a suffix LinkedIn added, the old numeric kind, or a vanity name."""
        f, l = fold(first).lower().replace(" ", "-"), fold(last).lower().replace(" ", "-")  # noqa: E741
        if self.rng.random() < 0.15:  # a slug in the person's own letters
            f, l = first.lower().replace(" ", "-"), last.lower().replace(" ", "-")  # noqa: E741
        while True:
            roll = self.rng.random()
            if roll < 0.55:
                value = f"{f}-{l}-{self.rng.getrandbits(32):08x}"[
                    : len(f) + len(l) + 2 + self.rng.choice((6, 8, 9))
                ]
            elif roll < 0.75:
                value = f"{f}-{l}-{self.rng.randint(10_000_000, 999_999_999)}"
            elif roll < 0.9:
                value = f"{f}{l}{self.rng.randint(1, 99)}"
            else:
                value = f"{f[:1]}{l}-{self.rng.randint(100, 999)}"
            if value not in self.slugs:
                self.slugs.add(value)
                return value

    def profile_url(self, slug: str) -> str:
        """The CRM's form: what a rep pasted from the browser."""
        return self.rng.choice(
            [
                f"https://www.linkedin.com/in/{slug}",
                f"https://www.linkedin.com/in/{slug}/",
                f"linkedin.com/in/{slug}",
            ]
        )

    def pasted_profile(self, slug: str) -> str:
        """The same profile as a candidate pastes it on an application: another written form."""
        shown = slug
        if any(ord(ch) > 127 for ch in slug) and self.rng.random() < 0.6:
            shown = quote(slug)
        elif self.rng.random() < 0.15:
            shown = "-".join(part.capitalize() for part in slug.split("-"))
        return self.rng.choice(
            [
                f"https://{self.rng.choice(SUBDOMAINS)}.linkedin.com/in/{shown}",
                f"http://linkedin.com/in/{shown}/",
                f"www.linkedin.com/in/{shown}",
                f"https://www.linkedin.com/in/{shown}?originalSubdomain={self.rng.choice(SUBDOMAINS)}",
                f"https://www.linkedin.com/in/{shown}/?utm_source=share&utm_campaign=share_via"
                "&utm_content=profile&utm_medium=ios_app",
                f"https://www.linkedin.com/in/{shown}/en",
                f"https://linkedin.com/in/{shown}",
                f"HTTPS://WWW.LINKEDIN.COM/in/{shown}/",
            ]
        )

    def social(self, slug: str) -> str:
        url = self.pasted_profile(slug)
        if self.rng.random() < 0.15:
            url += f", https://github.com/{local_part(slug)[:10]}"
        return url

    def fresh_name(self, *, accented: bool = False) -> tuple[str, str]:
        for _ in range(10_000):
            if accented:
                first, last = self.rng.choice(ACCENTED)[0], self.rng.choice(ACCENTED)[1]
            else:
                first, last = self.rng.choice(list(SHORT)), self.rng.choice(SURNAMES)
            folded = key(first, last)
            if folded in self.names or folded in self.planted or folded[::-1] in self.names:
                continue
            return first, last
        raise RuntimeError("no fresh name left")

    def outsider_name(self) -> tuple[str, str]:
        """A name for someone outside the CRM, used once."""
        first, last = self.fresh_name(accented=self.rng.random() < 0.15)
        self.planted.add(key(first, last))
        return first, last

    # -- the CRM ------------------------------------------------------------------------------------------------

    def new_company(self, client: bool) -> Company:
        while True:
            stem = f"{self.rng.choice(COMPANY_WORDS)} {self.rng.choice(COMPANY_TRADES)}"
            domain = stem.lower().replace(" ", "") + self.rng.choice((".com", ".io", ".co.uk", ".de", ".com"))
            if all(c.domain != domain for c in self.companies):
                break
        country = self.rng.choice(list(COUNTRY_CITIES))
        company = Company(
            f"{stem} {self.rng.choice(['Inc.', 'Ltd', 'GmbH', 'LLC', ''])}".strip(), domain, country, client
        )
        company.city = self.rng.choice(COUNTRY_CITIES[country][1])
        company.main_line = self.number(country, PhoneNumberType.FIXED_LINE)
        self.companies.append(company)
        return company

    def person_id(self) -> str:
        while (value := str(self.rng.randint(1000, 999_999))) in self.ids:
            pass
        self.ids.add(value)
        return value

    def crm_name(self) -> tuple[str, str, bool]:
        roll = self.rng.random()
        for _ in range(10_000):
            east = False
            if roll < 0.12:
                first, last = self.rng.choice(ACCENTED)[0], self.rng.choice(ACCENTED)[1]
            elif roll < 0.2:
                first, last = self.rng.choice(EAST_ASIAN)[0], self.rng.choice(EAST_ASIAN)[1]
                east = True
            else:
                first, last = self.rng.choice(list(SHORT)), self.rng.choice(SURNAMES)
            folded = key(first, last)
            if folded not in self.names and folded[::-1] not in self.names and folded not in self.planted:
                self.names.add(folded)
                return first, last, east
        raise RuntimeError("no CRM name left")

    def add_person(self, company: Company | None, label: str) -> Person:
        first, last, east = self.crm_name()
        country = company.country if company else self.rng.choice(list(COUNTRY_CITIES))
        person = Person(first, last, country, company, label=label, east_asian=east)
        person.mobile = (
            self.number(country) if self.rng.random() < (0.6 if label != "Candidate" else 0.85) else ""
        )
        if label in ("Hiring manager", "Client"):
            person.title = self.rng.choice(MANAGER_TITLES)
            person.work_email = self.mailbox(first, last, company.domain)
            if self.rng.random() < 0.5:
                person.direct = self.number(country, PhoneNumberType.FIXED_LINE)
            if self.rng.random() < 0.1:
                person.personal_email = self.mailbox(first, last)
        else:
            person.title = self.rng.choice(TITLES)
            person.personal_email = self.mailbox(first, last) if self.rng.random() < 0.9 else ""
            if company and (self.rng.random() < 0.3 or not person.personal_email):
                person.work_email = self.mailbox(first, last, company.domain)
        if self.rng.random() < 0.6:
            person.profile = self.slug(first, last)
        self.persons.append(person)
        if company:
            company.people.append(person)
        return person

    def crm_row(self, person: Person, **override) -> dict:
        person.id = self.person_id()
        country_name, cities = COUNTRY_CITIES[person.country]
        work_phone = self.written(person.direct) if person.direct else ""
        if not work_phone and person.company and person.label != "Candidate" and self.rng.random() < 0.4:
            work_phone = self.written(person.company.main_line)
        row = {
            CRM_ID: person.id,
            "Person - Name": f"{person.first} {person.last}".strip(),
            "Person - First name": person.first,
            "Person - Last name": person.last,
            "Person - Phone - Work": work_phone,
            "Person - Phone - Mobile": self.written(person.mobile) if person.mobile else "",
            "Person - Phone - Home": "",
            "Person - Phone - Other": "",
            "Person - Email - Work": person.work_email,
            "Person - Email - Home": person.personal_email,
            "Person - Email - Other": "",
            "Organization - Name": person.company.name if person.company else "",
            "Person - Job title": person.title,
            "Person - Label": person.label,
            "Person - LinkedIn profile URL": self.profile_url(person.profile) if person.profile else "",
            "Person - Postal address - City/town/village/locality": (
                (person.company.city if person.company else self.rng.choice(cities)).split(",")[0]
                if self.rng.random() < 0.5
                else ""
            ),
            "Person - Postal address - Country": country_name if self.rng.random() < 0.5 else "",
            "Person - Owner": self.rng.choice(STAFF),
        }
        row.update(override)
        self.crm_rows.append(row)
        return row

    def build_crm(self) -> None:
        for _ in range(max(20, self.target // 12)):
            self.new_company(client=self.rng.random() < 0.5)
        for name, domain in AGENCY_NAMES:
            country = "GB" if domain.endswith(".uk") else ("SE" if domain.endswith(".se") else "US")
            agency = Agency(name, domain, country)
            first, last, _ = self.crm_name()
            agency.recruiter = (first, last)
            agency.email = self.mailbox(first, last, domain)
            agency.phone = self.number(country)
            self.agencies.append(agency)
        while len(self.persons) < self.target:
            company = self.rng.choice(self.companies)
            if company.client and self.rng.random() < 0.4:
                self.add_person(company, self.rng.choice(["Hiring manager", "Client"]))
            else:
                self.add_person(company if self.rng.random() < 0.9 else None, "Candidate")
        for person in self.persons:
            self.crm_row(person)
        # half of the agencies' recruiters are CRM persons (the firm partners with them), one agency a person
        # record named as the agency
        for index, agency in enumerate(self.agencies[::2]):
            first, last = agency.recruiter if index else ("", agency.name)
            recruiter = Person(first, last, agency.country, None, title="Senior Recruiter", label="Agency")
            recruiter.work_email, recruiter.mobile = agency.email, agency.phone
            self.crm_row(recruiter, **{"Organization - Name": agency.name})
            self.used.add(id(recruiter))
        # the other half: a candidate they once submitted, imported with the agency's address and number
        for agency in self.agencies[1::2]:
            first, last, _ = self.crm_name()
            imported = Person(first, last, agency.country, None, title=self.rng.choice(TITLES))
            self.crm_row(imported, **{"Person - Email - Work": agency.email,
                                      "Person - Phone - Work": self.written(agency.phone)})  # fmt: skip
            self.used.add(id(imported))

    # -- the candidates export -----------------------------------------------------------------------------------

    def pick(self, test=lambda p: True) -> Person:
        pool = [p for p in self.persons if id(p) not in self.used and test(p)]
        person = self.rng.choice(pool)
        self.used.add(id(person))
        return person

    def application(
        self,
        category: str,
        truth: list[str],
        *,
        first: str,
        last: str,
        company: str = "",
        title: str = "",
        email: str = "",
        phone: str = "",
        social: str = "",
        country: str = "",
        **extra,
    ) -> None:
        country = country or self.rng.choice(list(COUNTRY_CITIES))
        applied = self.start + timedelta(days=self.rng.randint(0, 90))
        job_company = self.rng.choice([c for c in self.companies if c.client])
        row = {
            "First Name": first,
            "Last Name": last,
            "Current Company": company,
            "Current Title": title,
            "Email": email,
            "Phone": self.written(phone) if phone else "",
            "Location": self.rng.choice(COUNTRY_CITIES[country][1]) if self.rng.random() < 0.6 else "",
            "Social Media": social,
            "Website": "",
            "Source": self.rng.choice(SOURCES),
            "Referrer": "",
            "Recruiter": self.rng.choice(STAFF),
            "Coordinator": self.rng.choice(STAFF) if self.rng.random() < 0.6 else "",
            "Job": f"{self.rng.choice(TITLES)} - {job_company.name}",
            "Application Date": applied.isoformat(),
            "Status": self.rng.choice(["Active", "Active", "Rejected", "Hired"]),
            "Current Stage": self.rng.choice(
                ["Application Review", "Recruiter Screen", "Phone Interview", "Onsite", "Offer"]
            ),
            "Tags": "",
        }
        row.update(extra)
        self.cases.append(GeneratedCase(category, row, tuple(truth)))

    def of(self, person: Person, category: str, **fields) -> None:
        """An application by a CRM person: their name and current company unless told otherwise."""
        fields.setdefault("first", person.first)
        fields.setdefault("last", person.last)
        fields.setdefault("company", person.company.name if person.company else "")
        fields.setdefault("title", person.title if person.label == "Candidate" else "")
        fields.setdefault("country", person.country)
        self.application(category, [person.id], **fields)

    def new_employer(self, person: Person) -> Company:
        return self.rng.choice([c for c in self.companies if c is not person.company])

    def own_key(self, person: Person) -> dict:
        """One thing only the person holds: the CRM's address, mobile or profile."""
        choices = []
        if person.personal_email:
            choices.append({"email": self.cased(person.personal_email)})
        if person.mobile:
            choices.append({"phone": person.mobile, "email": self.mailbox(person.first, person.last)})
        if person.profile:
            choices.append(
                {"social": self.social(person.profile), "email": self.mailbox(person.first, person.last)}
            )
        return self.rng.choice(choices)

    def cased(self, address: str) -> str:
        if self.rng.random() < 0.2:
            local, _, domain = address.partition("@")
            return f"{local.capitalize()}@{domain}"
        return address

    def has_key(self, person: Person) -> bool:
        return bool(person.personal_email or person.mobile or person.profile)

    # IN

    def personal_email_known(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: p.personal_email)
            company = person.company.name if person.company and self.rng.random() < 0.7 else ""
            company = company or self.new_employer(person).name
            self.of(person, "personal_email_known", email=self.cased(person.personal_email), company=company,
                    phone=person.mobile if self.rng.random() < 0.4 else "")  # fmt: skip

    def work_to_personal(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: p.work_email and p.mobile)
            self.of(
                person, "work_to_personal", email=self.mailbox(person.first, person.last), phone=person.mobile
            )

    def personal_to_work(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.personal_email and not p.work_email and p.mobile and p.company)
            employer = self.new_employer(person)
            self.of(person, "personal_to_work", company=employer.name, phone=person.mobile,
                    email=self.mailbox(person.first, person.last, employer.domain))  # fmt: skip

    def linkedin_forms(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: p.profile)
            self.of(person, "linkedin_forms", email=self.mailbox(person.first, person.last),
                    social=self.social(person.profile))  # fmt: skip

    def job_change(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: p.company and (p.mobile or p.profile))
            employer = self.new_employer(person)
            email = self.rng.choice(
                [
                    self.mailbox(person.first, person.last),
                    self.mailbox(person.first, person.last, employer.domain),
                ]
            )
            use_profile = person.profile and (not person.mobile or self.rng.random() < 0.5)
            self.of(person, "job_change", company=employer.name, title=self.rng.choice(TITLES), email=email,
                    phone="" if use_profile else person.mobile,
                    social=self.social(person.profile) if use_profile else "")  # fmt: skip

    def client_contact_candidate(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.label != "Candidate" and (p.mobile or p.profile))
            use_profile = person.profile and (not person.mobile or self.rng.random() < 0.5)
            self.of(person, "client_contact_candidate", title=person.title,
                    email=self.mailbox(person.first, person.last), phone="" if use_profile else person.mobile,
                    social=self.social(person.profile) if use_profile else "", Tags="Confidential")  # fmt: skip

    def nickname_initial(self) -> None:
        for index in range(self.per):
            person = self.pick(lambda p: SHORT.get(p.first) and self.has_key(p))
            if index % 3 == 2:
                first = self.rng.choice([f"{person.first[0]}.", person.first[0]])
            else:
                first = self.rng.choice(SHORT[person.first])
            self.of(person, "nickname_initial", first=first, **self.own_key(person))

    def multilingual(self) -> None:
        for index in range(self.per):
            if index % 3 == 2:
                person = self.pick(lambda p: p.east_asian and self.has_key(p))
                first, last = self.rng.choice(
                    [(person.last, person.first), (person.last.upper(), person.first), (f"{person.last}", "")]
                )
                if not last:
                    first = f"{person.last} {person.first}"
            else:
                person = self.pick(lambda p: fold(p.first + p.last) != p.first + p.last and self.has_key(p))
                if any(ch in UMLAUTS for ch in person.first + person.last) and index % 2:
                    first, last = (
                        "".join(UMLAUTS.get(ch, ch) for ch in part) for part in (person.first, person.last)
                    )
                else:
                    first, last = fold(person.first), fold(person.last)
            self.of(person, "multilingual", first=first, last=last, **self.own_key(person))

    def applied_twice(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.personal_email and (p.mobile or p.profile))
            self.of(person, "applied_twice", email=person.personal_email)
            use_profile = person.profile and (not person.mobile or self.rng.random() < 0.5)
            self.of(person, "applied_twice", email=self.mailbox(person.first, person.last),
                    phone="" if use_profile else person.mobile,
                    social=self.social(person.profile) if use_profile else "")  # fmt: skip

    def referral_in_crm(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.personal_email)
            referrer = self.rng.choice([p for p in self.persons if p is not person])
            self.of(person, "referral_in_crm", email=person.personal_email, Source="Referral",
                    Referrer=f"{referrer.first} {referrer.last}")  # fmt: skip

    def agency_known_candidate(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.profile and p.company)
            agency = self.rng.choice(self.agencies)
            self.of(person, "agency_known_candidate", email=agency.email, phone=agency.phone,
                    social=self.social(person.profile), Source=f"Agency: {agency.name}")  # fmt: skip

    # OUT

    def agency_other_candidate(self) -> None:
        for _ in range(self.per):
            agency = self.rng.choice(self.agencies)
            first, last = self.outsider_name()
            company = self.rng.choice(self.companies)
            self.application("agency_other_candidate", [], first=first, last=last, company=company.name,
                             title=self.rng.choice(TITLES), email=agency.email,
                             phone=agency.phone if self.rng.random() < 0.7 else "",
                             Source=f"Agency: {agency.name}")  # fmt: skip

    def namesake_same_company(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.profile and p.company)
            self.planted.add(key(person.first, person.last))
            namesake_slug = self.slug(person.first, person.last)
            self.application("namesake_same_company", [], first=person.first, last=person.last,
                             company=person.company.name, title=self.rng.choice(TITLES),
                             email=self.mailbox(person.first, person.last),
                             phone=self.number(person.country) if self.rng.random() < 0.5 else "",
                             social=self.social(namesake_slug), country=person.country)  # fmt: skip

    def role_inbox(self) -> None:
        clients = [c for c in self.companies if c.client]
        for index in range(self.per // 2):
            company = clients[index % len(clients)]
            first, last, _ = self.crm_name()
            lead = Person(
                first, last, company.country, company, title=self.rng.choice(TALENT_TITLES), label="Client"
            )
            inbox = f"{self.rng.choice(ROLE_INBOXES)}@{company.domain}"
            while inbox in self.emails:
                inbox = f"{self.rng.choice(ROLE_INBOXES)}@{company.domain}"
            self.emails.add(inbox)
            lead.work_email = inbox
            lead.direct = company.main_line if self.rng.random() < 0.5 else ""
            if index % 3 == 2:  # the record is the team's, named as the team
                lead.first, lead.last = self.rng.choice(TEAM_NAMES)
            self.crm_row(lead)
            self.used.add(id(lead))
            first, last = self.outsider_name()
            if index % 2:  # the talent lead's successor
                self.application("role_inbox", [], first=first, last=last, company=company.name,
                                 title=lead.title, email=inbox, country=company.country)  # fmt: skip
            else:  # a CV the inbox forwarded: the candidate's own company
                self.application("role_inbox", [], first=first, last=last,
                                 company=self.rng.choice(self.companies).name, title=self.rng.choice(TITLES),
                                 email=inbox, Source="Referral", Referrer=company.name)  # fmt: skip

    def linkedin_pasted(self) -> None:
        for _ in range(self.per // 2):
            owner = self.pick(lambda p: p.profile)
            first, last = self.outsider_name()
            self.application("linkedin_pasted", [], first=first, last=last,
                             company=self.rng.choice(self.companies).name, title=self.rng.choice(TITLES),
                             email=self.mailbox(first, last), social=self.social(owner.profile),
                             phone=self.number("US") if self.rng.random() < 0.3 else "")  # fmt: skip

    def referral_not_in_crm(self) -> None:
        for _ in range(self.per // 2):
            referrer = self.rng.choice(self.persons)
            first, last = self.outsider_name()
            self.application("referral_not_in_crm", [], first=first, last=last,
                             company=referrer.company.name if referrer.company else "",
                             title=self.rng.choice(TITLES), email=self.mailbox(first, last), Source="Referral",
                             Referrer=f"{referrer.first} {referrer.last}")  # fmt: skip

    def applied_twice_new(self) -> None:
        for _ in range(self.per // 4):
            first, last = self.outsider_name()
            email, mobile = self.mailbox(first, last), self.number("GB")
            company = self.rng.choice(self.companies).name
            for second in (False, True):
                self.application("applied_twice_new", [], first=first, last=last, company=company,
                                 title=self.rng.choice(TITLES), email=email if not second else self.mailbox(first, last),
                                 phone=mobile)  # fmt: skip

    def not_in_crm(self) -> None:
        for _ in range(self.per * 2):
            first, last = self.outsider_name()
            country = self.rng.choice(list(COUNTRY_CITIES))
            self.application("not_in_crm", [], first=first, last=last,
                             company=self.rng.choice(self.companies).name if self.rng.random() < 0.8 else "",
                             title=self.rng.choice(TITLES), email=self.mailbox(first, last),
                             phone=self.number(country) if self.rng.random() < 0.6 else "",
                             social=self.social(self.slug(first, last)) if self.rng.random() < 0.4 else "",
                             country=country)  # fmt: skip

    def build(self) -> GeneratedCases:
        self.build_crm()
        for category in (
            self.personal_email_known, self.work_to_personal, self.personal_to_work, self.linkedin_forms,
            self.job_change, self.client_contact_candidate, self.nickname_initial, self.multilingual,
            self.applied_twice, self.referral_in_crm, self.agency_known_candidate, self.agency_other_candidate,
            self.namesake_same_company, self.role_inbox, self.linkedin_pasted, self.referral_not_in_crm,
            self.applied_twice_new, self.not_in_crm,
        ):  # fmt: skip
            category()
        self.rng.shuffle(self.cases)
        for number, case in enumerate(self.cases, 1):
            case.external_id = str(41_000_000 + number * 97 + self.rng.randrange(97))
        return GeneratedCases.shuffled(self.rng, self.crm_rows, self.cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# Splink reads the first and last names as they are, the CRM's work address (else its personal one) and the
# candidate's `Email`, the last nine digits of the CRM's mobile (else its work number) and of the candidate's
# `Phone`, the company and the city.
_CRM_PHONE = """coalesce(nullif("Person - Phone - Mobile", ''), "Person - Phone - Work", '')"""
PERSON_SQL = {
    "crm": f"""
        SELECT "{CRM_ID}" AS unique_id,
               nullif(lower(trim("Person - First name")), '') AS first_name,
               nullif(lower(trim("Person - Last name")), '') AS last_name,
               nullif(lower(trim(coalesce(nullif("Person - Email - Work", ''), "Person - Email - Home"))), '')
                   AS email,
               nullif(right(regexp_replace({_CRM_PHONE}, '[^0-9]', '', 'g'), 9), '') AS phone,
               {{company}}("Organization - Name") AS company,
               CAST(NULL AS VARCHAR) AS zip,
               nullif(lower(trim("Person - Postal address - City/town/village/locality")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{INBOUND_ID}" AS unique_id,
               nullif(lower(trim("First Name")), '') AS first_name,
               nullif(lower(trim("Last Name")), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               nullif(right(regexp_replace("Phone", '[^0-9]', '', 'g'), 9), '') AS phone,
               {{company}}("Current Company") AS company,
               CAST(NULL AS VARCHAR) AS zip,
               nullif(lower(trim(split_part("Location", ',', 1))), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}


SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="pipedrive",
        inbound_file="ats_candidates",
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
        source="Pipedrive persons <- an applicant-tracking system's candidates export",
        splink_model=person_model_em_on_email,
    )
]


if __name__ == "__main__":
    run_generated("identity32", SUITES, seed=321, people=3000, orgs=0, per_category=40)
