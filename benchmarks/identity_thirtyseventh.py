"""A thirty-seventh record set: HubSpot contacts linked from a fitness studio's Mindbody client export.

    python benchmarks/identity_thirtyseventh.py [--people 3000] [--per-category 40] [--seed 371] [--skip-splink]
                                                [--keep DIR]

A fitness and wellness studio (yoga, pilates, swim lessons for children) in the suburbs west of Newark, New Jersey,
sells family memberships. Its booking system is Mindbody; its marketing runs on HubSpot, where the front desk
creates a contact for each client it talks to and types the client's Mindbody ID (the key tag's number) into a
custom property. Families share a home address and a home line, now and then one email address (a parent's, or
"thekellerfamily@..."), and members sign up together, so their IDs are consecutive. The desk types an ID onto the
wrong family member's contact now and then: the wife's on her husband's, a parent's on a child's.

The CRM side is a HubSpot contacts export under its UI labels: `Record ID`, `First Name`, `Last Name` (a son's
"Jr." or "II" typed after the surname: HubSpot has no suffix property), `Email`, `Phone Number` (the home line),
`Mobile Phone Number`, `Street Address`, `City`, `State/Region`, `Postal Code`, `Country/Region`, `Date of birth`
(filled for about half), the custom property `Client ID`, `Lifecycle Stage`, `Contact owner`, `Create Date`.

The inbound side is the studio's client export under the field names of Mindbody's Public API `Client` model:
`UniqueId` (the system's own number: the file's id column), `ClientId` (the client's ID as the business assigns it,
its key tag's barcode; `Id` on the client object, `ClientId` on the API's memberships and visits), `FirstName`,
`MiddleName`, `LastName`, `Email`, `MobilePhone`, `HomePhone`, `WorkPhone`, `AddressLine1`, `AddressLine2`, `City`,
`State`, `PostalCode`, `Country`, `BirthDate` (ISO date and time), `Gender`, `Status` (Active, Non-Member,
Expired, Suspended, Terminated), `CreationDate`, `IsProspect`. Children's rows carry the family's home line and
often a parent's email.

Categories, each with its truth (the HubSpot contact, or none). IN:
- `own_client_id`: the contact holds the member's own Client ID; the member's name and home address, now and then
  their own email or mobile.
- `own_id_family_keys`: the contact holds the member's own ID; the row gives the family's email and home line
  (which other family members' contacts hold too), the member's own first name.
- `short_first_name`: a short form, an initial or a typo of the contact's first name ("Bill", "K.", "Jenifer")
  beside the member's own ID at the family's home: the recall side of a first-name rule.
- `married_new_surname`: a member who married: the contact holds her own ID and date of birth under her maiden
  name; the row her new surname (the maiden name as `MiddleName` half the time), her first name, her date of birth,
  a new address and email.
- `junior_own_id`: a son named after his father, both held ("Robert" "Hale" and "Robert" "Hale Jr."), the son's
  row with his own ID and birth date ("Hale Jr." or "Hale" as the desk typed it).
- `twin_own_id`: twins both held (one birth date, one home); one twin's row with their own ID.
- `no_id_on_contact`: a contact without a Client ID; the row with the member's own mobile or own email.
OUT or another contact:
- `spouse_id_not_held`: the wife's ID typed on her husband's contact; she has no contact; her row (her own ID,
  the family's surname, home and line). Truth: none.
- `spouse_id_held`: the same slip, the wife held too (her contact without an ID). Truth: her contact.
- `parent_id_on_child`: a parent's ID typed on a child's contact (the parent not held; a third of them a son
  named after his father, "Hale Jr." with his birth date), or a child's ID on a parent's contact (the child not
  held); the row of the ID's owner. Truth: none.
- `family_keys_not_held`: a family member without a contact on the family's email and home line, which the other
  members' contacts hold. Truth: none.
- `twin_not_held`: one twin held (birth date, home, line); the other twin's row. Truth: none.
- `not_in_crm`: new clients.

Fairness: every row has one truth a careful reader of the two records can tell. Full names are unique in HubSpot
(a son's suffix always typed) and nobody outside it has a contact's full name; a mobile and an own email are one
person's; a Client ID is one member's (a slipped one sits on a relative's contact whose first name, or suffix and
birth date, say it is not theirs); a married member's contact gives her birth date and her own ID. Written from
scratch (only `identity_quality`'s and `generated_phones`' interfaces). Every seed deterministic.
"""

import random
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
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

CRM_ID = "Record ID"
CRM_COLUMNS = [
    CRM_ID, "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number", "Street Address", "City",
    "State/Region", "Postal Code", "Country/Region", "Date of birth", "Client ID", "Lifecycle Stage",
    "Contact owner", "Create Date",
]  # fmt: skip
INBOUND_ID = "UniqueId"
INBOUND_COLUMNS = [
    INBOUND_ID, "ClientId", "FirstName", "MiddleName", "LastName", "Email", "MobilePhone", "HomePhone", "WorkPhone",
    "AddressLine1", "AddressLine2", "City", "State", "PostalCode", "Country", "BirthDate", "Gender", "Status",
    "CreationDate", "IsProspect",
]  # fmt: skip

# -- names ------------------------------------------------------------------------------------------------------

# given name -> the short forms people go by; female and male apart (a spouse, a twin or a child of the other sex)
FEMALE = {
    "Elizabeth": ["Liz", "Beth"], "Katherine": ["Kate", "Katie"], "Jennifer": ["Jen", "Jenny"],
    "Rebecca": ["Becky"], "Jessica": ["Jess"], "Victoria": ["Vicky", "Tori"], "Margaret": ["Maggie", "Meg"],
    "Patricia": ["Trish"], "Stephanie": ["Steph"], "Samantha": ["Sam"], "Abigail": ["Abby"], "Susan": ["Sue"],
    "Deborah": ["Debbie"], "Christina": ["Tina"], "Alexandra": ["Alex", "Lexi"], "Kimberly": ["Kim"],
    "Olivia": ["Liv"], "Laura": [], "Rachel": [], "Hannah": [], "Emily": [], "Sarah": [], "Claire": [],
    "Megan": [], "Lauren": [], "Nicole": [], "Amanda": ["Mandy"], "Allison": ["Ali"], "Danielle": ["Dani"],
    "Grace": [], "Chloe": [], "Sophia": ["Sophie"], "Ava": [], "Mia": [], "Ella": [], "Zoe": [], "Lily": [],
    "Natalie": [], "Caroline": ["Carrie"], "Julia": [], "Priya": [], "Mei": [], "Camila": [], "Sofia": [],
}  # fmt: skip
MALE = {
    "Robert": ["Bob", "Rob"], "William": ["Will", "Bill"], "James": ["Jim", "Jamie"], "Richard": ["Rick"],
    "Thomas": ["Tom"], "Michael": ["Mike"], "Joseph": ["Joe"], "Daniel": ["Dan"], "Christopher": ["Chris"],
    "Andrew": ["Andy", "Drew"], "Matthew": ["Matt"], "Nicholas": ["Nick"], "Benjamin": ["Ben"],
    "Jonathan": ["Jon"], "Alexander": ["Alex"], "Samuel": ["Sam"], "Edward": ["Ed", "Ted"], "Timothy": ["Tim"],
    "Gregory": ["Greg"], "Anthony": ["Tony"], "Steven": ["Steve"], "Joshua": ["Josh"], "Zachary": ["Zach"],
    "David": ["Dave"], "Peter": ["Pete"], "Kevin": [], "Mark": [], "Paul": [], "Brian": [], "Owen": [],
    "Ethan": [], "Lucas": [], "Noah": [], "Liam": [], "Henry": ["Hank"], "Jack": [], "Ryan": [], "Eric": [],
    "Sean": [], "Adam": [], "Luis": [], "Ravi": [], "Marco": [], "Diego": [],
}  # fmt: skip
SURNAMES = [
    "Abbott", "Alvarez", "Ashford", "Bailey", "Barker", "Becker", "Bennett", "Bishop", "Brennan", "Burke",
    "Caldwell", "Carver", "Castillo", "Chambers", "Chen", "Coleman", "Conway", "Crawford", "Cruz", "Dalton",
    "Delaney", "DeLuca", "Donovan", "Doyle", "Ellison", "Esposito", "Farrell", "Fenwick", "Fischer", "Fletcher",
    "Gallagher", "Garcia", "Garland", "Gibson", "Goodman", "Gupta", "Hadley", "Hale", "Harrington", "Hawkins",
    "Hayes", "Hoffman", "Holt", "Hughes", "Jensen", "Kapoor", "Keller", "Kendrick", "Kim", "Klein", "Kowalski",
    "Lambert", "Langley", "Larsen", "Lopez", "Lowry", "Maddox", "Marino", "Mercer", "Moreno", "Murphy", "Nash",
    "Navarro", "Nolan", "Norwood", "O'Brien", "O'Connor", "Ortiz", "Palmer", "Park", "Patel", "Perry",
    "Prescott", "Quinn", "Ramos", "Reilly", "Romano", "Rossi", "Rowland", "Russo", "Sawyer", "Schmidt",
    "Shah", "Sinclair", "Stanton", "Sullivan", "Thornton", "Torres", "Vaughan", "Vega", "Walsh", "Weber",
    "Whitmore", "Winters", "Wong", "Yates", "Zimmerman", "Brooks", "Foster", "Howard", "Morgan", "Reyes",
]  # fmt: skip
STAFF = [
    "Dana Whitfield",
    "Marcus Oyelaran",
    "Tessa Lindgren",
    "Gabe Moriarty",
]  # contact owners, never clients

# -- places -----------------------------------------------------------------------------------------------------

TOWNS = [("Montclair", "07042"), ("Glen Ridge", "07028"), ("Bloomfield", "07003"), ("Verona", "07044"),
         ("Cedar Grove", "07009"), ("West Orange", "07052"), ("Nutley", "07110"), ("Caldwell", "07006"),
         ("Livingston", "07039"), ("Maplewood", "07040")]  # fmt: skip
STREETS = ["Walnut", "Park", "Valley", "Orange", "Midland", "Highland", "Church", "Bellevue", "Grove",
           "Lorraine", "Claremont", "Upper Mountain", "Pine", "Elm", "Cedar", "Summit", "Forest", "Ridgewood",
           "Harrison", "Lincoln", "Washington", "Franklin", "Oakwood", "Chestnut", "Maple", "Prospect",
           "Watchung", "Glenwood", "Fairview", "Sunset"]  # fmt: skip
STREET_KINDS = [("Street", "St"), ("Avenue", "Ave"), ("Road", "Rd"), ("Place", "Pl"), ("Terrace", "Ter")]
PERSONAL_DOMAINS = ["gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com", "icloud.com",
                    "hotmail.com", "aol.com", "verizon.net", "optonline.net"]  # fmt: skip
STATUSES = ["Active", "Active", "Active", "Non-Member", "Expired", "Suspended", "Terminated"]
LIFECYCLE = ["Customer", "Customer", "Lead", "Subscriber", "Opportunity"]


@dataclass
class Household:
    surname: str
    number: int
    street: str  # "Walnut"
    kind: tuple  # ("Street", "St")
    town: str
    zip: str
    home_line: str = ""
    family_email: str = ""
    members: list = field(default_factory=list)


@dataclass
class Member:
    first: str
    last: str
    female: bool
    born: date
    household: Household
    role: str  # "parent", "child"
    suffix: str = ""  # "Jr.", "II"
    client_id: str = ""
    mobile: str = ""
    email: str = ""  # own address
    twin: "Member | None" = None
    contact: dict | None = None  # the HubSpot row, when held

    @property
    def adult(self) -> bool:
        return (date(2026, 12, 1) - self.born).days >= 18 * 365


def typo(name: str, rng: random.Random) -> str:
    """A keying slip inside a first name: two letters swapped, one doubled or one dropped (never the first)."""
    position = rng.randrange(1, len(name) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return name[:position] + name[position + 1] + name[position] + name[position + 2 :]
    if kind == 1:
        return name[:position] + name[position] + name[position:]
    return name[:position] + name[position + 1 :]


class Generator:
    def __init__(self, seed: int, people: int, per_category: int):
        self.rng = random.Random(seed)
        self.target = people
        self.per = per_category
        self.households: list[Household] = []
        self.members: list[Member] = []
        self.crm_rows: list[dict] = []
        self.cases: list[GeneratedCase] = []
        self.names: set[tuple[str, str]] = {tuple(n.lower().split()) for n in STAFF}  # held full names
        self.planted: set[tuple[str, str]] = set()  # full names of people outside HubSpot
        self.numbers: set[str] = set()
        self.emails: set[str] = set()
        self.addresses: set[tuple[int, str, str]] = set()
        self.record_ids: set[str] = set()
        self.next_client_id = 100_000 + self.rng.randrange(5_000)
        self.used: set[int] = (
            set()
        )  # members (by id()) a case was made of, or whose family a case planted into
        self.now = datetime(2026, 12, 1, 9, 0)

    # -- draws ------------------------------------------------------------------------------------------------

    def number(self, kind=PhoneNumberType.MOBILE) -> str:
        return fresh_number(self.rng, "US", kind, self.numbers, random_digits=7)

    def written(self, e164: str) -> str:
        """A US number as a person or the front desk types it."""
        parsed = phonenumbers.parse(e164)
        national = phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)  # (201) 555-0123
        digits = str(parsed.national_number)
        return self.rng.choice(
            [national, e164, f"{digits[:3]}-{digits[3:6]}-{digits[6:]}", f"{digits[:3]}.{digits[3:6]}.{digits[6:]}",
             digits, f"+1 {digits[:3]}-{digits[3:6]}-{digits[6:]}"]
        )  # fmt: skip

    def mailbox(self, first: str, last: str) -> str:
        f, l = first.lower(), "".join(ch for ch in last.lower() if ch.isalpha())  # noqa: E741
        for attempt in range(60):
            local = self.rng.choice(["{f}.{l}", "{f}{l}", "{fi}{l}", "{f}_{l}", "{l}{fi}"]).format(
                f=f, l=l, fi=f[0]
            )
            if attempt or self.rng.random() < 0.5:
                local += str(self.rng.randint(1, 99))
            address = f"{local}@{self.rng.choice(PERSONAL_DOMAINS)}"
            if address not in self.emails:
                self.emails.add(address)
                return address
        raise RuntimeError("no mailbox left")

    def family_mailbox(self, surname: str) -> str:
        s = "".join(ch for ch in surname.lower() if ch.isalpha())
        for _ in range(60):
            local = self.rng.choice([f"the{s}family", f"{s}family", f"{s}house", f"team{s}", f"{s}s"])
            address = f"{local}{self.rng.randint(1, 99)}@{self.rng.choice(PERSONAL_DOMAINS)}"
            if address not in self.emails:
                self.emails.add(address)
                return address
        raise RuntimeError("no family mailbox left")

    def client_id(self) -> str:
        value = str(self.next_client_id)
        self.next_client_id += 1
        return value

    def record_id(self) -> str:
        while (value := str(self.rng.randint(10_000_000, 99_999_999))) in self.record_ids:
            pass
        self.record_ids.add(value)
        return value

    def given(self, female: bool, taken: set[str] = frozenset()) -> str:
        names = FEMALE if female else MALE
        return self.rng.choice([n for n in names if n not in taken])

    def free(self, first: str, last: str) -> bool:
        folded = (first.lower(), last.lower())
        return folded not in self.names and folded not in self.planted and folded[::-1] not in self.names

    def fresh_first(self, female: bool, last: str, taken: set[str]) -> str:
        for _ in range(500):
            first = self.given(female, taken)
            if self.free(first, last):
                return first
        raise RuntimeError("no fresh given name left")

    def birth(self, low: int, high: int) -> date:
        """A birth date between `low` and `high` years before the export."""
        return date(2026, 12, 1) - timedelta(days=self.rng.randint(low * 365, high * 365))

    # -- households ---------------------------------------------------------------------------------------------

    def new_household(self, surname: str = "") -> Household:
        while True:
            number, street = self.rng.randint(1, 420), self.rng.choice(STREETS)
            town, zip_code = self.rng.choice(TOWNS)
            if (number, street, town) not in self.addresses:
                self.addresses.add((number, street, town))
                break
        home = Household(surname or self.rng.choice(SURNAMES), number, street, self.rng.choice(STREET_KINDS),
                         town, zip_code)  # fmt: skip
        if self.rng.random() < 0.6:
            home.home_line = self.number(PhoneNumberType.FIXED_LINE)
        self.households.append(home)
        return home

    def add_member(self, home: Household, first: str, female: bool, born: date, role: str, **kw) -> Member:
        member = Member(first, home.surname, female, born, home, role, **kw)
        member.client_id = self.client_id()
        if member.adult or self.rng.random() < 0.5:
            member.mobile = self.number() if self.rng.random() < 0.85 else ""
        if (member.adult and self.rng.random() < 0.85) or (not member.adult and self.rng.random() < 0.3):
            member.email = self.mailbox(first, home.surname)
        home.members.append(member)
        self.members.append(member)
        return member

    def family(self) -> Household:
        """A household: one or two parents (spouses share the surname), none to three children, now and then
        twins or a son named after his father."""
        home = self.new_household()
        taken: set[str] = set()
        parent_age = self.rng.randint(28, 62)
        adults = []
        for female in [True, False] if self.rng.random() < 0.75 else [self.rng.random() < 0.6]:
            first = self.fresh_first(female, home.surname, taken)
            taken.add(first)
            adults.append(
                self.add_member(home, first, female, self.birth(parent_age - 3, parent_age + 3), "parent")
            )
        kids = self.rng.choice([0, 1, 1, 2, 2, 2, 3]) if parent_age < 58 else self.rng.choice([0, 1, 2])
        oldest = min(parent_age - 20, 30)
        for index in range(kids):
            female = self.rng.random() < 0.5
            born = self.birth(3, max(4, oldest))
            father = next((a for a in adults if not a.female), None)
            if index == 0 and not female and father and self.rng.random() < 0.3:
                suffix = self.rng.choice(["Jr.", "Jr.", "II"])
                if (father.first.lower(), f"{home.surname} {suffix}".lower()) not in self.names:
                    self.add_member(home, father.first, False, born, "child", suffix=suffix)
                    continue
            first = self.fresh_first(female, home.surname, taken)
            taken.add(first)
            child = self.add_member(home, first, female, born, "child")
            if index == kids - 1 and self.rng.random() < 0.12:  # twins
                twin_female = self.rng.random() < 0.5
                twin_first = self.fresh_first(twin_female, home.surname, taken)
                taken.add(twin_first)
                twin = self.add_member(home, twin_first, twin_female, born, "child")
                child.twin, twin.twin = twin, child
        if len(home.members) > 1 and self.rng.random() < 0.35:
            home.family_email = self.family_mailbox(home.surname)
        for member in home.members:
            self.names.add((member.first.lower(), self.surname_of(member).lower()))
        return home

    @staticmethod
    def father(member: Member) -> Member | None:
        return next((m for m in member.household.members if m.role == "parent" and not m.female), None)

    @staticmethod
    def surname_of(member: Member) -> str:
        return f"{member.last} {member.suffix}".strip()

    # -- HubSpot ------------------------------------------------------------------------------------------------

    def contact_email(self, member: Member) -> str:
        """What the desk typed as the contact's email: their own, else the family's or a parent's."""
        home = member.household
        parent_email = next((m.email for m in home.members if m.role == "parent" and m.email), "")
        if member.email and (member.adult or self.rng.random() < 0.5):
            return member.email if not home.family_email or self.rng.random() < 0.7 else home.family_email
        return home.family_email or (parent_email if not member.adult else "")

    def hold(self, member: Member, *, client_id: str | None = None, born: bool | None = None) -> dict:
        """Write `member`'s HubSpot contact (the Client ID the desk typed: theirs unless told)."""
        home = member.household
        if born is None:
            born = self.rng.random() < 0.5
        if client_id is None:
            client_id = member.client_id if self.rng.random() < 0.7 else ""
        street_kind = home.kind[1] if self.rng.random() < 0.7 else home.kind[0]
        created = self.now - timedelta(days=self.rng.randint(30, 2_000))
        row = {
            CRM_ID: self.record_id(),
            "First Name": member.first,
            "Last Name": self.surname_of(member),
            "Email": self.contact_email(member),
            "Phone Number": self.written(home.home_line)
            if home.home_line and self.rng.random() < 0.8
            else "",
            "Mobile Phone Number": self.written(member.mobile)
            if member.mobile and self.rng.random() < 0.85
            else "",
            "Street Address": f"{home.number} {home.street} {street_kind}",
            "City": home.town,
            "State/Region": self.rng.choice(["NJ", "New Jersey"]),
            "Postal Code": home.zip,
            "Country/Region": self.rng.choice(["United States", "", "US"]),
            "Date of birth": member.born.isoformat() if born else "",
            "Client ID": client_id,
            "Lifecycle Stage": self.rng.choice(LIFECYCLE),
            "Contact owner": self.rng.choice(STAFF),
            "Create Date": created.strftime("%Y-%m-%d %H:%M"),
        }
        member.contact = row
        self.crm_rows.append(row)
        return row

    def build_crm(self) -> None:
        while len(self.members) < self.target * 1.35:
            self.family()
        for member in self.members:
            # adults mostly held, children half the time, a twin or a namesake son with the other
            held = 0.8 if member.adult else 0.5
            if member.suffix or member.twin:
                continue
            if self.rng.random() < held:
                self.hold(member)
        for member in self.members:  # both twins or neither; a son named after his father with his father
            father = next((m for m in member.household.members if m.role == "parent" and not m.female), None)
            if (
                member.twin
                and member.contact is None
                and member.twin.contact is None
                and self.rng.random() < 0.6
            ):
                self.hold(member)
                self.hold(member.twin)
            elif member.suffix and father and self.rng.random() < (0.7 if father.contact else 0.4):
                self.hold(member)

    # -- the client export ----------------------------------------------------------------------------------

    def pick(self, test) -> Member:
        pool = [m for m in self.members if id(m) not in self.used and test(m)]
        member = self.rng.choice(pool)
        self.used.add(id(member))
        return member

    def reserve(self, *members: Member) -> None:
        self.used.update(id(m) for m in members)

    def client_row(self, category: str, truth: list[str], member: Member, **fields) -> None:
        """A Mindbody client row for `member` (their own ID, name, home, line) with `fields` over it."""
        home = member.household
        street = f"{home.number} {home.street} {self.rng.choice(home.kind)}"
        if self.rng.random() < 0.15:
            street = street.lower()
        created = self.now - timedelta(days=self.rng.randint(0, 2_500), minutes=self.rng.randint(0, 600))
        row = {
            "ClientId": member.client_id,
            "FirstName": member.first,
            "MiddleName": "",
            "LastName": self.surname_of(member) if member.suffix and self.rng.random() < 0.5 else member.last,
            "Email": "",
            "MobilePhone": "",
            "HomePhone": self.written(home.home_line) if home.home_line and self.rng.random() < 0.7 else "",
            "WorkPhone": "",
            "AddressLine1": street,
            "AddressLine2": "",
            "City": home.town,
            "State": "NJ",
            "PostalCode": home.zip,
            "Country": "US",
            "BirthDate": f"{member.born.isoformat()}T00:00:00",
            "Gender": "Female" if member.female else "Male",
            "Status": self.rng.choice(STATUSES),
            "CreationDate": created.strftime("%Y-%m-%dT%H:%M:%S"),
            "IsProspect": "false",
        }
        for name, value in fields.items():
            if name in ("MobilePhone", "HomePhone", "WorkPhone") and value:
                value = self.written(value)
            row[name] = value
        self.cases.append(GeneratedCase(category, row, tuple(truth)))

    def own_contacts(self, member: Member) -> dict:
        """The member's own email or mobile, half the time, or nothing beyond the ID."""
        roll = self.rng.random()
        if roll < 0.25 and member.email:
            return {"Email": member.email}
        if roll < 0.5 and member.mobile:
            return {"MobilePhone": member.mobile}
        return {}

    def held_with_id(self, member: Member) -> bool:
        return member.contact is not None and member.contact["Client ID"] == member.client_id

    # IN

    def own_client_id(self) -> None:
        # The bulk of a real export: members whose contact holds their own ID. A desk's slips are a few in a
        # hundred of its contacts; without this bulk the slipped categories would be a fifth of the IDs joined.
        for _ in range(self.per * 10):
            member = self.pick(lambda m: self.held_with_id(m) and not m.suffix and not m.twin)
            self.client_row("own_client_id", [member.contact[CRM_ID]], member, **self.own_contacts(member))

    def own_id_family_keys(self) -> None:
        for _ in range(self.per):
            member = self.pick(
                lambda m: (
                    self.held_with_id(m)
                    and m.household.family_email
                    and m.household.home_line
                    and not m.suffix
                    and not m.twin
                )
            )
            home = member.household
            self.client_row("own_id_family_keys", [member.contact[CRM_ID]], member, Email=home.family_email,
                            HomePhone=home.home_line)  # fmt: skip

    def short_first_name(self) -> None:
        short_forms = {**FEMALE, **MALE}
        for index in range(self.per):
            shortened = index % 3 == 0
            member = self.pick(
                lambda m, shortened=shortened: (
                    self.held_with_id(m)
                    and not m.suffix
                    and not m.twin
                    and len(m.first) > 3
                    and (not shortened or short_forms[m.first])
                )
            )
            if shortened:
                first = self.rng.choice(short_forms[member.first])
            elif index % 3 == 1:
                first = typo(member.first, self.rng)
            else:
                first = self.rng.choice([member.first[0], f"{member.first[0]}."])
            extra = {"Email": member.household.family_email} if member.household.family_email else {}
            self.client_row("short_first_name", [member.contact[CRM_ID]], member, FirstName=first, **extra)

    def married_new_surname(self) -> None:
        for _ in range(self.per // 2):
            member = self.pick(
                lambda m: self.held_with_id(m) and m.female and m.role == "child" and m.adult and not m.twin
            )
            if not member.contact["Date of birth"]:
                member.contact["Date of birth"] = member.born.isoformat()
            for _ in range(100):
                married = self.rng.choice(SURNAMES)
                if married != member.last and self.free(member.first, married):
                    break
            self.planted.add((member.first.lower(), married.lower()))
            home = self.new_household(married)
            moved = Member(
                member.first, married, True, member.born, home, "parent", client_id=member.client_id
            )
            self.client_row("married_new_surname", [member.contact[CRM_ID]], moved,
                            MiddleName=member.last if self.rng.random() < 0.5 else "",
                            Email=self.mailbox(member.first, married),
                            MobilePhone=member.mobile if self.rng.random() < 0.3 else "")  # fmt: skip

    def junior_own_id(self) -> None:
        for _ in range(self.per // 2):
            member = self.pick(
                lambda m: m.suffix and self.held_with_id(m) and self.father(m).contact is not None
            )
            self.client_row("junior_own_id", [member.contact[CRM_ID]], member)

    def twin_own_id(self) -> None:
        for _ in range(self.per // 2):
            member = self.pick(
                lambda m: (
                    m.twin
                    and self.held_with_id(m)
                    and m.twin.contact is not None
                    and id(m.twin) not in self.used
                )
            )
            self.reserve(member.twin)
            self.client_row("twin_own_id", [member.contact[CRM_ID]], member)

    def no_id_on_contact(self) -> None:
        for index in range(self.per):
            member = self.pick(
                lambda m: (
                    m.contact is not None
                    and not m.contact["Client ID"]
                    and not m.suffix
                    and not m.twin
                    and (m.contact["Mobile Phone Number"] or m.contact["Email"] == m.email != "")
                )
            )
            use_mobile = member.contact["Mobile Phone Number"] and (
                not member.contact["Email"] == member.email != "" or index % 2
            )
            keys = {"MobilePhone": member.mobile} if use_mobile else {"Email": member.email}
            self.client_row("no_id_on_contact", [member.contact[CRM_ID]], member, **keys)

    # OUT or another contact

    def spouses(self, wife_held: bool) -> tuple[Member, Member]:
        def fits(m: Member) -> bool:
            if m.role != "parent" or m.female or m.contact is None or m.twin:
                return False
            wives = [w for w in m.household.members if w.role == "parent" and w.female]
            return (
                bool(wives) and id(wives[0]) not in self.used and (wives[0].contact is not None) == wife_held
            )

        husband = self.pick(fits)
        wife = next(w for w in husband.household.members if w.role == "parent" and w.female)
        self.reserve(wife)
        husband.contact["Client ID"] = wife.client_id  # the desk's slip
        if wife.contact is not None:
            wife.contact["Client ID"] = ""
        return husband, wife

    def family_extras(self, member: Member) -> dict:
        home = member.household
        extra = {}
        if home.family_email and self.rng.random() < 0.6:
            extra["Email"] = home.family_email
        elif member.email and self.rng.random() < 0.5:
            extra["Email"] = member.email
        return extra

    def spouse_id_not_held(self) -> None:
        for _ in range(self.per):
            _, wife = self.spouses(wife_held=False)
            self.client_row("spouse_id_not_held", [], wife, **self.family_extras(wife))

    def spouse_id_held(self) -> None:
        for _ in range(self.per // 2):
            _, wife = self.spouses(wife_held=True)
            self.client_row("spouse_id_held", [wife.contact[CRM_ID]], wife, **self.family_extras(wife))

    def parent_id_on_child(self) -> None:
        for index in range(self.per):
            if index % 3 == 0:  # a father's ID on his namesake son's contact (the son's birth date on it)
                son = self.pick(
                    lambda m: (
                        m.suffix and self.father(m).contact is None and id(self.father(m)) not in self.used
                    )
                )
                owner = self.father(son)
                if son.contact is None:
                    self.hold(son)
                son.contact["Date of birth"] = son.born.isoformat()
                son.contact["Client ID"] = owner.client_id
            elif index % 3 == 1:  # a parent's ID on a child's contact
                child = self.pick(
                    lambda m: (
                        m.role == "child"
                        and m.contact is not None
                        and not m.suffix
                        and not m.twin
                        and any(
                            p.role == "parent" and p.contact is None and id(p) not in self.used
                            for p in m.household.members
                        )
                    )
                )
                owner = next(
                    p
                    for p in child.household.members
                    if p.role == "parent" and p.contact is None and id(p) not in self.used
                )
                child.contact["Client ID"] = owner.client_id
            else:  # a child's ID on a parent's contact
                parent = self.pick(
                    lambda m: (
                        m.role == "parent"
                        and m.contact is not None
                        and not m.twin
                        and any(
                            c.role == "child"
                            and c.contact is None
                            and not c.twin
                            and not c.suffix
                            and id(c) not in self.used
                            for c in m.household.members
                        )
                    )
                )
                owner = next(
                    c for c in parent.household.members
                    if c.role == "child" and c.contact is None and not c.twin and not c.suffix and id(c) not in self.used
                )  # fmt: skip
                parent.contact["Client ID"] = owner.client_id
            self.reserve(owner)
            self.client_row("parent_id_on_child", [], owner, **self.family_extras(owner))

    def family_keys_not_held(self) -> None:
        for _ in range(self.per):
            member = self.pick(
                lambda m: (
                    m.contact is None
                    and not m.twin
                    and not m.suffix
                    and m.household.family_email
                    and m.household.home_line
                    and any(
                        o.contact is not None and o.contact["Email"] == m.household.family_email
                        for o in m.household.members
                    )
                )
            )
            home = member.household
            self.client_row(
                "family_keys_not_held", [], member, Email=home.family_email, HomePhone=home.home_line
            )

    def twin_not_held(self) -> None:
        made = 0
        for member in list(self.members):
            if made >= self.per // 2:
                return
            twin = member.twin
            if not twin or member.contact is not None or twin.contact is not None or id(member) in self.used:
                continue
            self.hold(twin, born=True)  # the other twin held, with the birth date both share
            self.reserve(member, twin)
            self.client_row("twin_not_held", [], member, **self.family_extras(member))
            made += 1
        while made < self.per // 2:  # a family whose second twin joined later
            first = self.pick(
                lambda m: m.role == "child" and not m.twin and not m.suffix and m.contact is None
            )
            home = first.household
            female = self.rng.random() < 0.5
            name = self.fresh_first(female, home.surname, {m.first for m in home.members})
            other = self.add_member(home, name, female, first.born, "child")
            self.names.add((name.lower(), home.surname.lower()))
            first.twin, other.twin = other, first
            self.hold(other, born=True)
            self.reserve(other)
            self.client_row("twin_not_held", [], first, **self.family_extras(first))
            made += 1

    def not_in_crm(self) -> None:
        for _ in range(self.per * 2):
            for _ in range(1000):
                female = self.rng.random() < 0.55
                first, last = self.given(female), self.rng.choice(SURNAMES)
                if self.free(first, last):
                    break
            self.planted.add((first.lower(), last.lower()))
            home = self.new_household(last)
            member = Member(
                first, last, female, self.birth(8, 70), home, "parent", client_id=self.client_id()
            )
            member.email = self.mailbox(first, last) if self.rng.random() < 0.8 else ""
            member.mobile = self.number() if self.rng.random() < 0.7 else ""
            self.client_row("not_in_crm", [], member, Email=member.email, MobilePhone=member.mobile)

    def build(self) -> GeneratedCases:
        self.build_crm()
        # The OUT categories plant their slips first, so that no IN row is made of a contact a slip changes.
        for category in (
            self.spouse_id_not_held, self.spouse_id_held, self.parent_id_on_child, self.family_keys_not_held,
            self.twin_not_held, self.own_client_id, self.own_id_family_keys, self.short_first_name,
            self.married_new_surname, self.junior_own_id, self.twin_own_id, self.no_id_on_contact, self.not_in_crm,
        ):  # fmt: skip
            category()
        self.rng.shuffle(self.cases)
        for number, case in enumerate(self.cases, 1):
            case.external_id = str(7_000_000 + number * 31 + self.rng.randrange(31))
        return GeneratedCases.shuffled(self.rng, self.crm_rows, self.cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# Splink reads the first and last names as written, the email, the last nine digits of the CRM's mobile (else its
# home line) and of the client's mobile (else home phone), the five-digit ZIP, the town and the birth date; the
# Client ID is no column of its comparison library's person levels (ours compares it as a found shared identifier).
PERSON_SQL = {
    "crm": f"""
        SELECT "{CRM_ID}" AS unique_id,
               nullif(lower(trim("First Name")), '') AS first_name,
               nullif(lower(trim("Last Name")), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               nullif(right(regexp_replace(coalesce(nullif("Mobile Phone Number", ''), "Phone Number", ''),
                                           '[^0-9]', '', 'g'), 9), '') AS phone,
               CAST(NULL AS VARCHAR) AS company,
               nullif(left(trim("Postal Code"), 5), '') AS zip,
               nullif(lower(trim("City")), '') AS city,
               nullif(trim("Date of birth"), '') AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{INBOUND_ID}" AS unique_id,
               nullif(lower(trim("FirstName")), '') AS first_name,
               nullif(lower(trim("LastName")), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               nullif(right(regexp_replace(coalesce(nullif("MobilePhone", ''), "HomePhone", ''),
                                           '[^0-9]', '', 'g'), 9), '') AS phone,
               CAST(NULL AS VARCHAR) AS company,
               nullif(left(trim("PostalCode"), 5), '') AS zip,
               nullif(lower(trim("City")), '') AS city,
               nullif(left(trim("BirthDate"), 10), '') AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}


SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="hubspot",
        inbound_file="mindbody_clients",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id=INBOUND_ID,
        cli_options=[
            "--provider",
            "hubspot",
            "--object",
            "contacts",
            "--kind",
            "person",
            "--id-column",
            CRM_ID,
        ],
        splink_kind="person",
        sql=PERSON_SQL,
        source="HubSpot contacts <- a fitness studio's Mindbody client export",
        # No company on either side: EM sessions blocked on the full name and on the email.
        splink_model=person_model_em_on_email,
    )
]


if __name__ == "__main__":
    run_generated("identity37", SUITES, seed=371, people=3000, orgs=0, per_category=40)
