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
