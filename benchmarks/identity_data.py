"""Deterministic generated CRM contacts and inbound records, with ground truth, for the identity benchmarks.

The CRM side has the traps that make matching hard: role addresses shared by colleagues, two people of one
name at one company, subsidiaries sharing a domain, people with a personal and a work address, merged
duplicates. Each inbound record carries `truth`: the CRM id (survivor) it belongs to, or "" when the person
is not in the CRM.
"""

import random
from dataclasses import dataclass

FIRST = [
    "james",
    "mary",
    "john",
    "patricia",
    "robert",
    "jennifer",
    "michael",
    "linda",
    "william",
    "elizabeth",
    "david",
    "barbara",
    "richard",
    "susan",
    "joseph",
    "jessica",
    "thomas",
    "sarah",
    "charles",
    "karen",
    "chris",
    "nancy",
    "daniel",
    "lisa",
    "matthew",
    "betty",
    "anthony",
    "margaret",
    "mark",
    "sandra",
    "paul",
    "ashley",
    "steven",
    "kimberly",
    "andrew",
    "emily",
    "kenneth",
    "donna",
    "joshua",
    "michelle",
    "kevin",
    "dorothy",
    "brian",
    "carol",
    "george",
    "amanda",
    "edward",
    "melissa",
    "ronald",
    "deborah",
    "timothy",
    "stephanie",
    "jason",
    "rebecca",
    "jeffrey",
    "sharon",
    "ryan",
    "laura",
    "jacob",
    "cynthia",
    "gary",
    "kathleen",
    "nicholas",
    "amy",
    "eric",
    "angela",
    "jonathan",
    "shirley",
    "stephen",
    "anna",
    "larry",
    "brenda",
    "justin",
    "pamela",
    "scott",
    "emma",
    "brandon",
    "nicole",
    "benjamin",
    "helen",
    "samuel",
    "samantha",
    "gregory",
    "katherine",
    "frank",
    "christine",
    "alexander",
    "debra",
    "raymond",
    "rachel",
    "patrick",
    "carolyn",
    "jack",
    "janet",
    "dennis",
    "catherine",
    "jerry",
    "maria",
    "tyler",
    "heather",
    "aaron",
    "diane",
    "jose",
    "ruth",
    "adam",
    "julie",
    "henry",
    "olivia",
    "nathan",
    "joyce",
    "douglas",
    "virginia",
    "zachary",
    "victoria",
    "peter",
    "kelly",
    "kyle",
    "lauren",
    "ethan",
    "christina",
    "jeremy",
    "joan",
    "walter",
    "evelyn",
    "christian",
    "judith",
    "keith",
    "megan",
    "roger",
    "cheryl",
    "terry",
    "andrea",
    "austin",
    "hannah",
    "sean",
    "martha",
]
LAST = [
    "smith",
    "johnson",
    "williams",
    "brown",
    "jones",
    "garcia",
    "miller",
    "davis",
    "rodriguez",
    "martinez",
    "hernandez",
    "lopez",
    "gonzalez",
    "wilson",
    "anderson",
    "thomas",
    "taylor",
    "moore",
    "jackson",
    "martin",
    "lee",
    "perez",
    "thompson",
    "white",
    "harris",
    "sanchez",
    "clark",
    "ramirez",
    "lewis",
    "robinson",
    "walker",
    "young",
    "allen",
    "king",
    "wright",
    "scott",
    "torres",
    "nguyen",
    "hill",
    "flores",
    "green",
    "adams",
    "nelson",
    "baker",
    "hall",
    "rivera",
    "campbell",
    "mitchell",
    "carter",
    "roberts",
    "gomez",
    "phillips",
    "evans",
    "turner",
    "diaz",
    "parker",
    "cruz",
    "edwards",
    "collins",
    "reyes",
    "stewart",
    "morris",
    "morales",
    "murphy",
    "cook",
    "rogers",
    "gutierrez",
    "ortiz",
    "morgan",
    "cooper",
    "peterson",
    "bailey",
    "reed",
    "kelly",
    "howard",
    "ramos",
    "kim",
    "cox",
    "ward",
    "richardson",
    "watson",
    "brooks",
    "chavez",
    "wood",
    "james",
    "bennett",
    "gray",
    "mendoza",
    "ruiz",
    "hughes",
    "price",
    "alvarez",
    "castillo",
    "sanders",
    "patel",
    "myers",
    "long",
    "ross",
    "foster",
    "jimenez",
    "powell",
    "jenkins",
    "perry",
    "russell",
    "sullivan",
    "bell",
    "coleman",
    "butler",
    "henderson",
    "barnes",
    "gonzales",
    "fisher",
    "vasquez",
    "simmons",
    "romero",
    "jordan",
    "patterson",
    "alexander",
    "hamilton",
    "graham",
    "reynolds",
    "griffin",
    "wallace",
    "moreno",
    "west",
    "cole",
    "hayes",
    "bryant",
    "herrera",
    "gibson",
    "ellis",
    "tran",
    "medina",
]
CITIES = ("springfield", "riverton", "fairview", "madison", "georgetown", "clinton", "salem", "franklin")
FREE_MAIL = ("gmail.com", "yahoo.com", "outlook.com", "hotmail.com")


@dataclass
class Person:
    crm_id: str
    first: str
    last: str
    company: str
    company_id: str
    domain: str
    phone: str
    postcode: str
    city: str
    dob: str
    work_email: str
    personal_email: str


def _phone(rng: random.Random) -> str:
    return f"+1{rng.randint(201, 989)}{rng.randint(200, 999)}{rng.randint(1000, 9999)}"


def _companies(rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    """(name, company id, domain); every 25th company is a subsidiary sharing its parent's domain."""
    companies = []
    for index in range(count):
        if index % 25 == 24:
            parent_name, _, parent_domain = companies[index - 1]
            companies.append((f"{parent_name} GmbH", f"C{index}", parent_domain))
            continue
        stem = (
            f"{rng.choice(LAST)}{rng.choice(('tech', 'labs', 'works', 'group', 'systems', 'media'))}{index}"
        )
        companies.append((f"{stem.title()} Inc", f"C{index}", f"{stem}.com"))
    return companies


def generate_people(count: int, *, seed: int = 42) -> list[Person]:
    rng = random.Random(seed)
    companies = _companies(rng, max(4, count // 20))
    people = []
    for index in range(count):
        company, company_id, domain = companies[rng.randrange(len(companies))]
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if index % 50 == 49:  # a namesake colleague of the previous person
            previous = people[-1]
            first, last, company, company_id, domain = (
                previous.first,
                previous.last,
                previous.company,
                previous.company_id,
                previous.domain,
            )
        crm_id = f"{index + 1:09d}"
        people.append(
            Person(
                crm_id=crm_id,
                first=first,
                last=last,
                company=company,
                company_id=company_id,
                domain=domain,
                phone=_phone(rng),
                postcode=f"{rng.randint(10000, 99999)}",
                city=rng.choice(CITIES),
                dob=f"{rng.randint(1950, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                work_email=f"{first}.{last}{index}@{domain}",
                personal_email=f"{first}{last}{index}@{rng.choice(FREE_MAIL)}" if index % 3 == 0 else "",
            )
        )
    return people


def crm_records(people: list[Person], *, merged_every: int = 200):
    """Connector-shaped records; every `merged_every`-th person also has a duplicate merged into them."""
    for index, person in enumerate(people):
        values = {
            "firstname": person.first.title(),
            "lastname": person.last.title(),
            "email": "info@" + person.domain if index % 40 == 7 else person.work_email,
            "phone": person.phone,
            "company": person.company,
            "associatedcompanyid": person.company_id,
            "zip": person.postcode,
            "city": person.city.title(),
            "date_of_birth": person.dob,
        }
        if person.personal_email:
            values["personal_email"] = person.personal_email
        yield {"id": person.crm_id, "values": values, "modified_at": "2026-01-05T10:00:00Z"}
        if merged_every and index % merged_every == 0:
            duplicate = {**values, "email": f"old.{person.work_email}", "phone": ""}
            yield {
                "id": f"D{person.crm_id}",
                "values": duplicate,
                "merged_into": person.crm_id,
                "deleted": True,
            }


def _messy_email(rng: random.Random, address: str) -> str:
    local, _, domain = address.partition("@")
    choice = rng.randrange(3)
    if choice == 0:
        return f"  {address.upper()} "
    if choice == 1:
        return f"{local.title()}@{domain.upper()}"
    return f"mailto:{address}"


def _messy_phone(rng: random.Random, phone: str) -> str:
    digits = phone[2:]
    formats = (
        f"({digits[:3]}) {digits[3:6]}-{digits[6:]}",
        f"{digits[:3]}.{digits[3:6]}.{digits[6:]}",
        f"1 {digits}",
    )
    return rng.choice(formats)


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    at = rng.randrange(1, len(word) - 1)
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def inbound_records(people: list[Person], count: int, *, seed: int = 7, unknown_share: float = 0.1):
    """Inbound records with `truth`; a mix of key matches, fuzzy profiles, role addresses and strangers."""
    rng = random.Random(seed)
    records = []
    for index in range(count):
        external_id = f"ext-{index}"
        if rng.random() < unknown_share:
            stranger = people[rng.randrange(len(people))]  # same company and surname, another person
            first = rng.choice([f for f in FIRST if f != stranger.first])
            records.append(
                {
                    "external_id": external_id,
                    "truth": "",
                    "attributes": {
                        "email": f"{first}.{stranger.last}.new{index}@{stranger.domain}",
                        "first_name": first.title(),
                        "last_name": stranger.last.title(),
                        "company": stranger.company,
                    },
                }
            )
            continue
        person = people[rng.randrange(len(people))]
        kind = rng.random()
        attributes = {"first_name": person.first.title(), "last_name": person.last.title()}
        if kind < 0.5:
            attributes["email"] = _messy_email(rng, person.work_email)
        elif kind < 0.65:
            attributes["phone"] = _messy_phone(rng, person.phone)
        elif kind < 0.75 and person.personal_email:
            attributes["email"] = person.personal_email.replace("@gmail.com", "+crm@gmail.com")
        elif kind < 0.85:
            attributes.update(
                email=f"info@{person.domain}",
                company=person.company.upper(),
                zip=person.postcode,
                date_of_birth=person.dob,
            )
        else:
            attributes.update(
                first_name=_typo(rng, person.first).title() if rng.random() < 0.3 else person.first,
                company=person.company,
                zip=person.postcode,
                city=person.city,
                date_of_birth=person.dob,
            )
        records.append({"external_id": external_id, "truth": person.crm_id, "attributes": attributes})
    return records


# -- the cases that broke identity on record sets nobody on the project generated (issue 13) -------------------
# `person_cases` and `organisation_cases` write a CRM export and an inbound file as a data engineer would get
# them (the CRM's own column names, messy values) and the ground truth apart. Every inbound record has one
# category; its truth is the set of CRM ids it may be linked to (two for a person held twice in the CRM),
# empty when it is not in the CRM. Linking it anywhere else is a wrong link.

PERSON_CATEGORIES = (
    "email_key",
    "phone_key",
    "profile",
    "reassigned_mailbox",
    "job_change",
    "shared_switchboard",
    "crm_duplicate",
    "typo",
    "swapped_names",
    "nickname_initial",
    "not_in_crm",
)
ORGANISATION_CATEGORIES = ("org_legal_suffix", "org_subsidiary", "org_similar_name", "org_not_in_crm")

# Common English diminutives, written here for the generator on purpose: the resolver takes its own from a
# maintained package, so the benchmark does not grade the resolver against its own list.
DIMINUTIVES = {
    "robert": ("bob", "rob", "bobby"),
    "william": ("bill", "will", "billy"),
    "richard": ("rick", "dick", "rich"),
    "james": ("jim", "jimmy"),
    "john": ("jack", "johnny"),
    "michael": ("mike", "mikey"),
    "elizabeth": ("liz", "beth", "betty"),
    "jennifer": ("jen", "jenny"),
    "margaret": ("maggie", "peggy"),
    "katherine": ("kate", "kathy"),
    "catherine": ("cathy", "cat"),
    "thomas": ("tom", "tommy"),
    "joseph": ("joe", "joey"),
    "charles": ("charlie", "chuck"),
    "christopher": ("chris",),
    "daniel": ("dan", "danny"),
    "matthew": ("matt",),
    "anthony": ("tony",),
    "steven": ("steve",),
    "andrew": ("andy", "drew"),
    "kenneth": ("ken", "kenny"),
    "joshua": ("josh",),
    "timothy": ("tim",),
    "jeffrey": ("jeff",),
    "nicholas": ("nick",),
    "jonathan": ("jon",),
    "stephen": ("steve",),
    "patricia": ("pat", "patty"),
    "deborah": ("debbie", "deb"),
    "rebecca": ("becky",),
    "samantha": ("sam",),
    "alexander": ("alex",),
    "benjamin": ("ben",),
    "samuel": ("sam",),
    "gregory": ("greg",),
    "zachary": ("zach",),
    "victoria": ("vicky",),
    "christine": ("chris",),
    "pamela": ("pam",),
    "kimberly": ("kim",),
    "edward": ("ed", "eddie", "ted"),
    "raymond": ("ray",),
    "nathan": ("nate",),
    "douglas": ("doug",),
    "lawrence": ("larry",),
    "susan": ("sue", "suzy"),
    "barbara": ("barb",),
    "dorothy": ("dot",),
    "cynthia": ("cindy",),
    "jessica": ("jess",),
    "amanda": ("mandy",),
}
LEGAL_SUFFIXES = ("Inc", "Inc.", ", Inc.", "Incorporated", "LLC", "Ltd", "Corp", "Corporation", "Co.")
SUBSIDIARY_SUFFIXES = ("GmbH", "Ltd", "SAS", "B.V.", "Pty Ltd", "KK")
ORG_WORDS = (
    "robotics",
    "analytics",
    "logistics",
    "foods",
    "capital",
    "health",
    "energy",
    "software",
    "networks",
    "dynamics",
    "partners",
    "industries",
)
PERSON_CRM_COLUMNS = [
    "hs_object_id",
    "firstname",
    "lastname",
    "email",
    "personal_email",
    "phone",
    "company",
    "associatedcompanyid",
    "zip",
    "city",
    "date_of_birth",
    "deleted",
    "merged_into",
]
PERSON_INBOUND_COLUMNS = [
    "external_id",
    "first_name",
    "last_name",
    "email",
    "phone",
    "company",
    "zip",
    "city",
    "date_of_birth",
]
ORGANISATION_CRM_COLUMNS = ["Id", "Name", "Website", "Phone", "BillingCity", "BillingPostalCode"]
ORGANISATION_INBOUND_COLUMNS = ["external_id", "name", "website", "phone", "city", "postcode"]


@dataclass
class Case:
    external_id: str
    category: str
    truth: tuple[str, ...]
    attributes: dict


@dataclass
class CaseSet:
    """A CRM export (rows keyed by the CRM's column names), inbound records and their truth."""

    crm_columns: list[str]
    crm_rows: list[dict]
    inbound_columns: list[str]
    cases: list[Case]

    def inbound_rows(self):
        for case in self.cases:
            yield {"external_id": case.external_id, **case.attributes}


def _typo_in(rng: random.Random, word: str) -> str:
    """One keyboard slip: a swapped, dropped, doubled or replaced letter."""
    if len(word) < 4:
        return word + word[-1]
    at = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    if kind == 1:
        return word[:at] + word[at + 1 :]
    if kind == 2:
        return word[:at] + word[at] + word[at:]
    letter = rng.choice([c for c in "aeioulnrst" if c != word[at]])
    return word[:at] + letter + word[at + 1 :]


def _person_row(person: Person, **overrides) -> dict:
    row = {
        "hs_object_id": person.crm_id,
        "firstname": person.first.title(),
        "lastname": person.last.title(),
        "email": person.work_email,
        "personal_email": person.personal_email,
        "phone": person.phone,
        "company": person.company,
        "associatedcompanyid": person.company_id,
        "zip": person.postcode,
        "city": person.city.title(),
        "date_of_birth": person.dob,
        "deleted": "",
        "merged_into": "",
    }
    row.update(overrides)
    return row


def _profile(person: Person, rng: random.Random, *, first=None, last=None, **extra) -> dict:
    """An inbound profile without keys: name, company, and some of postcode, city and date of birth."""
    attributes = {
        "first_name": (first or person.first).title(),
        "last_name": (last or person.last).title(),
        "company": person.company,
        "zip": person.postcode,
        "city": person.city.title(),
    }
    if rng.random() < 0.7:
        attributes["date_of_birth"] = person.dob
    attributes.update(extra)
    return attributes


def person_cases(people_count: int = 20000, inbound_count: int = 5000, *, seed: int = 13) -> CaseSet:
    """People: a CRM of `people_count` contacts (plus duplicates, successors and switchboard holders) and
    `inbound_count` inbound records spread evenly over PERSON_CATEGORIES."""
    rng = random.Random(seed)
    people = generate_people(people_count, seed=seed)
    by_company: dict[str, list[Person]] = {}
    for person in people:
        by_company.setdefault(person.company_id, []).append(person)
    rows = {person.crm_id: _person_row(person) for person in people}
    extra_rows: list[dict] = []
    cases: list[Case] = []
    used: set[str] = set()
    per_category = max(1, inbound_count // len(PERSON_CATEGORIES))

    def pick(condition=lambda person: True) -> Person:
        while True:
            person = people[rng.randrange(len(people))]
            if person.crm_id not in used and condition(person):
                used.add(person.crm_id)
                return person

    def add(category: str, truth: tuple[str, ...], attributes: dict) -> None:
        cases.append(Case(f"{category}-{len(cases)}", category, truth, attributes))

    for _ in range(per_category):
        person = pick()
        add("email_key", (person.crm_id,), _messy_contact(rng, person, email=person.work_email))
        person = pick()
        add("phone_key", (person.crm_id,), _messy_contact(rng, person, phone=person.phone))
        person = pick()
        add("profile", (person.crm_id,), _profile(person, rng))

        # A departed person's address, now used by a successor (half of them already in the CRM).
        # Not a namesake of a colleague: a stranger who carries a CRM colleague's exact name at that company
        # is that colleague to any reader, so "not in the CRM" would be an unknowable truth.
        departed = pick()
        colleagues_names = {(p.first, p.last) for p in by_company[departed.company_id]}
        first, last = departed.first, departed.last
        while first == departed.first or last == departed.last or (first, last) in colleagues_names:
            first, last = rng.choice(FIRST), rng.choice(LAST)
        truth: tuple[str, ...] = ()
        if rng.random() < 0.5:
            successor_id = f"S{departed.crm_id}"
            extra_rows.append(
                _person_row(
                    departed,
                    hs_object_id=successor_id,
                    firstname=first.title(),
                    lastname=last.title(),
                    email=f"{first[0]}{last}@{departed.domain}",
                    personal_email="",
                    phone=_phone(rng),
                    date_of_birth="",
                )
            )
            truth = (successor_id,)
        add(
            "reassigned_mailbox",
            truth,
            {
                "first_name": first.title(),
                "last_name": last.title(),
                "email": departed.work_email,
                "company": departed.company,
            },
        )

        # The same person at a new company with a new work address; the mobile sometimes comes along.
        mover = pick()
        company_name, _, domain = rng.choice(
            [(p.company, p.company_id, p.domain) for p in people[:200] if p.company_id != mover.company_id]
        )
        attributes = {
            "first_name": mover.first.title(),
            "last_name": mover.last.title(),
            "email": f"{mover.first}.{mover.last}@{domain}",
            "company": company_name,
            "city": mover.city.title(),
        }
        if rng.random() < 0.5:
            attributes["phone"] = _messy_phone(rng, mover.phone)
        if rng.random() < 0.5:
            attributes["date_of_birth"] = mover.dob
        add("job_change", (mover.crm_id,), attributes)

        # A company's switchboard number, held on one CRM record only (the receptionist's).
        colleagues = []
        while len(colleagues) < 2:
            company = by_company[people[rng.randrange(len(people))].company_id]
            colleagues = [p for p in company if p.crm_id not in used]
        holder, caller = colleagues[0], colleagues[1]
        used.update({holder.crm_id, caller.crm_id})
        switchboard = f"+1{rng.randint(201, 989)}5550{rng.randint(100, 999)}"
        rows[holder.crm_id]["phone"] = switchboard
        caller_attributes = {
            "first_name": caller.first.title(),
            "last_name": caller.last.title(),
            "phone": _messy_phone(rng, switchboard),
            "company": caller.company,
        }
        if rng.random() < 0.5:
            caller_attributes["city"] = caller.city.title()
        add("shared_switchboard", (caller.crm_id,), caller_attributes)

        # One person held twice in the CRM (a second, live record with an old address and no phone).
        twice = pick()
        extra_rows.append(
            _person_row(
                twice,
                hs_object_id=f"X{twice.crm_id}",
                email=f"{twice.first[0]}.{twice.last}@{twice.domain}",
                personal_email="",
                phone="",
            )
        )
        add("crm_duplicate", (twice.crm_id, f"X{twice.crm_id}"), _profile(twice, rng))

        person = pick()
        if rng.random() < 0.5:
            add("typo", (person.crm_id,), _profile(person, rng, first=_typo_in(rng, person.first)))
        else:
            add("typo", (person.crm_id,), _profile(person, rng, last=_typo_in(rng, person.last)))

        person = pick()
        add("swapped_names", (person.crm_id,), _profile(person, rng, first=person.last, last=person.first))

        person = pick(lambda p: p.first in DIMINUTIVES or rng.random() < 0.3)
        short = rng.choice(DIMINUTIVES[person.first]) if person.first in DIMINUTIVES else person.first[0]
        if person.first in DIMINUTIVES and rng.random() < 0.25:
            short = person.first[0]
        add("nickname_initial", (person.crm_id,), _profile(person, rng, first=short))

        # Not in the CRM: a new colleague of a CRM person, often with that person's surname.
        colleague = pick()
        last = colleague.last if rng.random() < 0.5 else rng.choice(LAST)
        taken = {p.first for p in by_company[colleague.company_id] if p.last == last}
        first = rng.choice([f for f in FIRST if f not in taken])
        stranger = {
            "first_name": first.title(),
            "last_name": last.title(),
            "company": colleague.company,
            "city": colleague.city.title(),
        }
        if rng.random() < 0.5:
            stranger["email"] = f"{first}.{last}.{len(cases)}@{colleague.domain}"
        add("not_in_crm", (), stranger)

    crm_rows = list(rows.values()) + extra_rows
    for index, person in enumerate(people):  # merged duplicates, as the CRM export lists them
        if index % 200 == 0:
            crm_rows.append(
                _person_row(
                    person,
                    hs_object_id=f"D{person.crm_id}",
                    email=f"old.{person.work_email}",
                    phone="",
                    deleted="true",
                    merged_into=person.crm_id,
                )
            )
    rng.shuffle(cases)
    return CaseSet(PERSON_CRM_COLUMNS, crm_rows, PERSON_INBOUND_COLUMNS, cases)


def _messy_contact(rng: random.Random, person: Person, *, email: str = "", phone: str = "") -> dict:
    attributes = {"first_name": person.first.title(), "last_name": person.last.title()}
    if email:
        attributes["email"] = _messy_email(rng, email)
    if phone:
        attributes["phone"] = _messy_phone(rng, phone)
    if rng.random() < 0.5:
        attributes["company"] = person.company
    return attributes


@dataclass
class Organisation:
    crm_id: str
    stem: str
    suffix: str
    domain: str
    phone: str
    city: str
    postcode: str

    @property
    def name(self) -> str:
        return _with_suffix(self.stem, self.suffix)


def _with_suffix(name: str, suffix: str) -> str:
    return f"{name}{suffix}" if suffix.startswith(",") else f"{name} {suffix}".strip()


def _website(rng: random.Random, domain: str) -> str:
    return rng.choice((domain, f"www.{domain}", f"https://www.{domain}/", f"http://{domain}/about"))


def organisation_cases(org_count: int = 4000, inbound_count: int = 1200, *, seed: int = 17) -> CaseSet:
    """Organisations: companies with legal suffixes, subsidiaries sharing their parent's domain, and
    different companies with similar names."""
    rng = random.Random(seed)
    orgs: list[Organisation] = []
    subsidiaries: list[tuple[Organisation, Organisation]] = []
    similar: list[tuple[Organisation, Organisation]] = []
    for index in range(org_count):
        stem = f"{rng.choice(LAST).title()} {rng.choice(ORG_WORDS).title()}"
        if index % 10 == 9 and orgs:  # a subsidiary: the parent's name and domain, another country
            parent = orgs[-1]
            org = Organisation(
                f"{index + 1:08d}",
                parent.stem,
                rng.choice(SUBSIDIARY_SUFFIXES),
                parent.domain,
                _phone(rng),
                rng.choice(CITIES),
                f"{rng.randint(10000, 99999)}",
            )
            subsidiaries.append((parent, org))
        elif index % 10 == 8 and orgs:  # another company whose name is close to the previous one's
            neighbour = orgs[-1]
            stem = neighbour.stem + rng.choice((" Systems", " Group", " Partners", " International"))
            org = Organisation(
                f"{index + 1:08d}",
                stem,
                rng.choice(LEGAL_SUFFIXES[:4]),
                stem.lower().replace(" ", "") + f"{index}.com",
                _phone(rng),
                rng.choice(CITIES),
                f"{rng.randint(10000, 99999)}",
            )
            similar.append((neighbour, org))
        else:
            org = Organisation(
                f"{index + 1:08d}",
                stem,
                rng.choice(LEGAL_SUFFIXES[:4]),
                stem.lower().replace(" ", "") + f"{index}.com",
                _phone(rng),
                rng.choice(CITIES),
                f"{rng.randint(10000, 99999)}",
            )
        orgs.append(org)
    crm_rows = [
        {
            "Id": org.crm_id,
            "Name": org.name,
            "Website": org.domain if rng.random() < 0.5 else f"https://www.{org.domain}",
            "Phone": org.phone,
            "BillingCity": org.city.title(),
            "BillingPostalCode": org.postcode,
        }
        for org in orgs
    ]
    cases: list[Case] = []
    per_category = max(1, inbound_count // len(ORGANISATION_CATEGORIES))

    def add(category: str, truth: tuple[str, ...], attributes: dict) -> None:
        cases.append(Case(f"{category}-{len(cases)}", category, truth, attributes))

    plain = [org for index, org in enumerate(orgs) if index % 10 < 8]
    for _ in range(per_category):
        org = rng.choice(plain)
        name = org.stem.upper() if rng.random() < 0.3 else org.stem
        suffix = rng.choice([s for s in LEGAL_SUFFIXES if s.strip(", .") != org.suffix.strip(", .")] + [""])
        attributes = {"name": _with_suffix(name, suffix)}
        if rng.random() < 0.7:
            attributes["website"] = _website(rng, org.domain)
        else:
            attributes["phone"] = _messy_phone(rng, org.phone)
        if rng.random() < 0.6:
            attributes["city"] = org.city.title()
        add("org_legal_suffix", (org.crm_id,), attributes)

        parent, subsidiary = rng.choice(subsidiaries)
        which = subsidiary if rng.random() < 0.6 else parent
        attributes = {
            "name": which.name,
            "website": _website(rng, which.domain),
            "city": which.city.title(),
        }
        if rng.random() < 0.5:
            attributes["postcode"] = which.postcode
        add("org_subsidiary", (which.crm_id,), attributes)

        first, second = rng.choice(similar)
        if rng.random() < 0.5:
            which = rng.choice((first, second))
            add(
                "org_similar_name",
                (which.crm_id,),
                {"name": which.name, "website": _website(rng, which.domain), "city": which.city.title()},
            )
        else:  # a third company of a close name that the CRM does not hold
            stem = first.stem + rng.choice((" Labs", " Holdings", " Solutions"))
            add(
                "org_similar_name",
                (),
                {
                    "name": f"{stem} Inc",
                    "website": _website(rng, stem.lower().replace(" ", "") + ".io"),
                    "city": rng.choice(CITIES).title(),
                },
            )

        stem = f"{rng.choice(LAST).title()} {rng.choice(ORG_WORDS).title()} {rng.choice(('Co', 'Bros', 'Studio'))}"
        add(
            "org_not_in_crm",
            (),
            {
                "name": stem,
                "website": _website(rng, stem.lower().replace(" ", "") + ".net"),
                "phone": _messy_phone(rng, _phone(rng)),
                "city": rng.choice(CITIES).title(),
            },
        )
    rng.shuffle(cases)
    return CaseSet(ORGANISATION_CRM_COLUMNS, crm_rows, ORGANISATION_INBOUND_COLUMNS, cases)


def write_case_files(case_set: CaseSet, directory, prefix: str) -> dict:
    """CRM export, inbound file and truth file as CSV; returns their paths."""
    import csv
    from pathlib import Path

    directory = Path(directory)
    paths = {
        "crm": directory / f"{prefix}_crm.csv",
        "inbound": directory / f"{prefix}_inbound.csv",
        "truth": directory / f"{prefix}_truth.csv",
    }
    with paths["crm"].open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=case_set.crm_columns)
        writer.writeheader()
        writer.writerows(case_set.crm_rows)
    with paths["inbound"].open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=case_set.inbound_columns)
        writer.writeheader()
        writer.writerows(case_set.inbound_rows())
    with paths["truth"].open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["external_id", "category", "truth"])
        writer.writerows((c.external_id, c.category, "|".join(c.truth)) for c in case_set.cases)
    return paths
