"""A thirty-fourth record set: a university admissions team's Salesforce Contacts linked from an application
platform's applicants export.

    python benchmarks/identity_thirtyfourth.py [--people 2000] [--per-category 40] [--seed 341] [--skip-splink]
                                               [--keep DIR]

The CRM side is the admissions team's Salesforce org with Education Data Architecture (EDA), its Contacts as a
report exports them (Details Only, CSV, a US locale): `Contact ID` (15 characters, as a report shows it),
`First Name`, `Last Name`, EDA's `Chosen Full Name`, `Former Last Name`, `Birthdate` (M/D/YYYY), `Email`,
EDA's `Preferred Email` (the picklist: "Alternate Email", "University Email", "Work Email"), `Alternate Email`,
`University Email`, `Work Email`, `Mobile`, `Home Phone`, EDA's `Preferred Phone` (the picklist: "Mobile",
"Home", "Work") and `Work Phone`, the mailing address (`Mailing Street`, `Mailing City`,
`Mailing State/Province`, `Mailing Zip/Postal Code`, `Mailing Country`), `Account Name` (EDA's household
account, "Garcia Household", or a high school's account for its counsellors), `Title`,
`Primary Educational Institution` (a student's high school), `Lead Source` and `Contact Owner`. EDA copies
the standard `Email` into `Alternate Email` and marks it preferred, so a prospect's one address is in both.
The CRM holds prospects (students who sent an inquiry, met the team at a college fair with a school-issued
address, or were bought from a search list), their parents and guardians (campus visits, parent
inquiries; filed in the family's household account), and high school counsellors.

The inbound side is the application platform's applicants export, its columns as the Common App's export
labels them: `Common App ID`, `First name`, `Middle name`, `Last name`, `Preferred name` (the nickname or
chosen name the applicant goes by), `Former name(s)`, `Date of birth` (MM/DD/YYYY), `Email Address`,
`Preferred phone` ("Mobile" or "Home") and `Preferred phone number`, `Alternate phone` and
`Alternate phone number`, the permanent home address (`Permanent address - Address1`, `... - Address2`,
`... - City`, `... - State`, `... - Zip`, `... - Country`), both parents (`Parent 1 type`, `Parent 1 first
name`, `Parent 1 last name`, `Parent 1 email`, `Parent 1 phone`, and the same for `Parent 2`), the high school
(`Sec School/College CEEB Code`, `Sec School/College Name`), `Application Submit Date`, `Student Type` and
`Start Term`.

Categories, each with its truth (the Salesforce contact, or none). IN:
- `inquiry_same_email`: a prospect applying with the address the CRM holds (capitals now and then).
- `inquiry_new_email`: a prospect from an earlier inquiry applying with a new address: the CRM's mobile in
  another written form, or (a third of them) a new number beside the CRM's birth date and home address.
- `school_email`: the CRM holds the school-issued address from a college fair card (the school's domain,
  which the prospect's classmates' addresses share) and its birth date; the application gives a personal
  address, and the CRM's mobile (half of them) or a new number.
- `preferred_name`: the CRM's `First Name` is the short form the prospect typed on the inquiry ("Alex"); the
  application gives the legal name ("Alexandra") and the short form as `Preferred name`; the CRM's address
  or mobile, its birth date.
- `chosen_name`: a chosen name unlike the legal one: the CRM holds it as `First Name` (and
  `Chosen Full Name`); the application gives the legal first name with the chosen one as `Preferred name`;
  the CRM's address or mobile, its birth date and home address.
- `compound_surname`: a hyphenated or two-part surname written otherwise (the hyphen a space, one part only,
  run together, the particle's capital); the CRM's address or mobile, its birth date.
- `surname_change`: a new surname since the inquiry, the CRM's one in `Former name(s)`; the CRM's address or
  mobile, its birth date.
- `parent_email_as_own`: a prospect the CRM holds giving a parent's address (which the CRM holds on the
  parent's contact, and which the export repeats as `Parent 1 email`) as their own; the prospect's name,
  birth date and home address.
- `parent_phone_as_own`: the same with a parent's mobile as the `Preferred phone number`.
- `sibling_holds_email`: a prospect the CRM holds giving the family's shared address, which the CRM holds on
  the prospect's brother or sister; the name, birth date and home address.
- `twin_in_crm`: one of twins the CRM holds both of (one surname, one birth date, one address and home
  phone, the same parents): the twin's own address or mobile.
OUT:
- `sibling_not_in_crm`: a brother or sister of a CRM prospect, not in the CRM: one surname, address, home
  phone and parents; their own address and mobile.
- `twin_not_in_crm`: the twin of a CRM prospect, not in the CRM: the same birth date too.
- `family_email_new_applicant`: an applicant not in the CRM giving the family's address the CRM holds on a
  brother, sister or twin.
- `parent_key_new_applicant`: an applicant not in the CRM giving a parent's address or mobile the CRM holds
  on the parent's contact.
- `namesake`: a CRM prospect's full name, another birth date, another address and keys.
- `not_in_crm`: applicants the CRM does not hold.

Fairness: every row has one truth a careful reader of the two records can tell. Full names are unique in the
CRM (folded, in either order) and nobody outside it has a CRM contact's full name but the namesakes, born on
another day and living elsewhere. Brothers and sisters never share a first name, a nickname of one, nor an
initial with a parent; twins now and then share an initial; siblings' birth dates share no month, day nor year. A
chosen or preferred name is always the `Preferred name` the application gives beside the legal one; a twin's
preferred name is a short form of the twin's own. A parent's address or mobile is the parent's, a family's
shared address the family's, a school's domain the school's. Written from scratch (only `identity_quality`'s
and `generated_phones`' interfaces). Every seed deterministic.
"""

import random
import string
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

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

CRM_ID = "Contact ID"
CRM_COLUMNS = [
    CRM_ID, "First Name", "Last Name", "Chosen Full Name", "Former Last Name", "Birthdate", "Email",
    "Preferred Email", "Alternate Email", "University Email", "Work Email", "Mobile", "Home Phone",
    "Preferred Phone", "Work Phone", "Mailing Street", "Mailing City", "Mailing State/Province",
    "Mailing Zip/Postal Code", "Mailing Country", "Account Name", "Title", "Primary Educational Institution",
    "Lead Source", "Contact Owner",
]  # fmt: skip
INBOUND_ID = "Common App ID"
PARENT_COLUMNS = ["type", "first name", "last name", "email", "phone"]
INBOUND_COLUMNS = [
    INBOUND_ID, "First name", "Middle name", "Last name", "Preferred name", "Former name(s)", "Date of birth",
    "Email Address", "Preferred phone", "Preferred phone number", "Alternate phone", "Alternate phone number",
    "Permanent address - Address1", "Permanent address - Address2", "Permanent address - City",
    "Permanent address - State", "Permanent address - Zip", "Permanent address - Country",
    *(f"Parent {n} {column}" for n in (1, 2) for column in PARENT_COLUMNS),
    "Sec School/College CEEB Code", "Sec School/College Name", "Application Submit Date", "Student Type",
    "Start Term",
]  # fmt: skip

# -- names --------------------------------------------------------------------------------------------------

# legal given name -> the short forms a student goes by (none: the name is its own)
GIVEN = {
    "Alexandra": ["Alex", "Lexi"], "Alexander": ["Alex", "Xander"], "Katherine": ["Kate", "Katie"],
    "Elizabeth": ["Liz", "Ellie"], "Benjamin": ["Ben"], "Nicholas": ["Nick"], "Samantha": ["Sam"],
    "Christopher": ["Chris"], "Jonathan": ["Jon"], "Matthew": ["Matt"], "Abigail": ["Abby"],
    "Victoria": ["Tori"], "Gabriela": ["Gabi"], "Isabella": ["Bella", "Izzy"], "Daniel": ["Danny"],
    "Joshua": ["Josh"], "Zachary": ["Zach"], "Madeline": ["Maddie"], "Jacqueline": ["Jackie"],
    "Nathaniel": ["Nate"], "Theodore": ["Teddy", "Theo"], "Anthony": ["Tony"], "Jennifer": ["Jenny"],
    "Emma": [], "Olivia": [], "Sophia": [], "Mia": [], "Chloe": [], "Grace": [], "Zoe": [], "Hannah": [],
    "Aaliyah": [], "Maya": [], "Layla": [], "Nora": [], "Ruby": [], "Priya": [], "Aisha": [], "Leah": [],
    "Ethan": [], "Noah": [], "Liam": [], "Lucas": [], "Owen": [], "Caleb": [], "Wyatt": [], "Henry": [],
    "Mateo": [], "Diego": [], "Omar": [], "Malik": [], "Jamal": [], "Arjun": [], "Kai": [], "Ryan": [],
    "Camila": [], "Valeria": [], "Ximena": [], "Jasmine": [], "Imani": [], "Naomi": [], "Tessa": [],
    "Margaret": ["Maggie", "Meg"], "Rebecca": ["Becca"], "Jessica": ["Jess"], "Stephanie": ["Steph"],
    "Frederick": ["Fred"], "Gregory": ["Greg"], "Timothy": ["Tim"], "Dominic": ["Dom"], "Sebastian": ["Seb"],
    "Evelyn": ["Evie"], "Penelope": ["Penny"], "Josephine": ["Josie"], "Harper": [], "Aria": [], "Nova": [],
    "Stella": [], "Hazel": [], "Lucy": [], "Clara": [], "Eva": [], "Iris": [], "Lila": [], "Amara": [],
    "Mason": [], "Logan": [], "Carter": [], "Julian": [], "Isaac": [], "Levi": [], "Adrian": [], "Jaden": [],
    "Miles": [], "Xavier": [], "Tariq": [], "Hamza": [], "Ravi": [], "Andres": [], "Emilio": [], "Tyler": [],
}  # fmt: skip
# names a student chooses that are no form of the legal one
CHOSEN = ["Jordan", "River", "Sky", "Rowan", "Quinn", "Avery", "Sage", "Phoenix", "Ash", "Remy", "Jules",
          "Eli", "Finn", "Wren", "Blake", "Emerson", "Reese", "Marlowe", "Indigo", "Jesse"]  # fmt: skip
PARENT_GIVEN = {  # by the parent types a name is given for
    "men": ["Michael", "David", "James", "Robert", "John", "Carlos", "Jose", "Luis", "Kevin", "Brian", "Mark",
            "Steven", "Rajesh", "Ahmed", "Wei", "Andre", "Marcus", "Paul", "Eric", "Scott", "Gregory", "Anil",
            "Jorge", "Miguel", "Ricardo", "Thomas", "William", "Richard", "Charles", "Joseph", "Dennis",
            "Samuel", "Tuan", "Hyun", "Kwame"],
    "women": ["Maria", "Jennifer", "Lisa", "Michelle", "Laura", "Patricia", "Angela", "Rosa", "Carmen", "Sunita",
              "Fatima", "Mei", "Tanya", "Karen", "Denise", "Heather", "Monica", "Sandra", "Nicole", "Susan",
              "Deborah", "Linda", "Yolanda", "Gloria", "Ana", "Priti", "Anjali", "Grace", "Teresa", "Veronica",
              "Julie"],
}  # fmt: skip
SURNAMES = [
    "Anderson", "Bailey", "Brooks", "Bennett", "Carter", "Coleman", "Collins", "Cooper", "Dawson", "Ellis",
    "Fischer", "Foster", "Griffin", "Hayes", "Henderson", "Hughes", "Jenkins", "Keller", "Kim", "Lawson",
    "Lin", "Marshall", "Meyer", "Mitchell", "Murphy", "Nguyen", "Owens", "Patel", "Perry", "Porter",
    "Powell", "Reed", "Reyes", "Richardson", "Russell", "Sanders", "Shah", "Simmons", "Sullivan", "Thompson",
    "Tran", "Turner", "Wallace", "Washington", "Watson", "Webb", "Wheeler", "Yoon", "Zimmerman", "Okafor",
    "Mensah", "Haddad", "Cohen", "Goldberg", "Kowalski", "Novak", "Rossi", "Moreno", "Castillo", "Vargas",
    "Abbott", "Barnes", "Bishop", "Boyd", "Burke", "Chandler", "Chen", "Daniels", "Delgado", "Duncan",
    "Ferguson", "Fleming", "Fuller", "Gibson", "Graham", "Hansen", "Harper", "Hoffman", "Holland", "Hunt",
    "Jacobs", "Jensen", "Kelly", "Knight", "Lambert", "Larson", "Lowe", "Lucas", "Mack", "Malone", "Mendoza",
    "Morrison", "Nash", "Nelson", "Obi", "Olsen", "Pham", "Quinn", "Ramos", "Rhodes", "Romero", "Schultz",
    "Silva", "Snyder", "Stone", "Tucker", "Vaughn", "Wagner", "Walsh", "Weber", "Wolfe", "Wong", "Yamada",
]  # fmt: skip
# surnames written in two parts: Spanish paternal + maternal, hyphenated double-barrels, particles
COMPOUND = [
    "Garcia-Lopez", "Rodriguez Perez", "Martinez-Soto", "Hernandez Diaz", "Smith-Jones", "Taylor-Brown",
    "Lopez de la Cruz", "De la Rosa", "Van der Berg", "Del Rio", "St. John", "O'Neill-Walsh", "Ruiz-Campos",
    "Gomez Ortega", "Williams-Clarke", "Van Buren", "De Luca", "Mac Donald",
]  # fmt: skip

# -- places -----------------------------------------------------------------------------------------------------

CITIES = [  # (city, state, the ZIP codes' first three digits)
    ("Columbus", "OH", "432"), ("Cleveland", "OH", "441"), ("Dayton", "OH", "454"), ("Pittsburgh", "PA", "152"),
    ("Philadelphia", "PA", "191"), ("Buffalo", "NY", "142"), ("Rochester", "NY", "146"), ("Chicago", "IL", "606"),
    ("Naperville", "IL", "605"), ("Detroit", "MI", "482"), ("Ann Arbor", "MI", "481"), ("Indianapolis", "IN", "462"),
    ("Louisville", "KY", "402"), ("Baltimore", "MD", "212"), ("Newark", "NJ", "071"), ("Hartford", "CT", "061"),
]  # fmt: skip
STREETS = ["Maple", "Oak", "Cedar", "Elm", "Washington", "Lincoln", "Park", "Lake", "Hillcrest", "Sunset",
           "Ridge", "Walnut", "Chestnut", "Highland", "Meadow", "Willow", "Forest", "Spring", "Church", "Mill"]  # fmt: skip
STREET_KINDS = ["St", "Ave", "Dr", "Rd", "Ln", "Ct", "Blvd", "Way"]
SCHOOL_WORDS = ["Central", "North", "South", "East", "West", "Lincoln", "Roosevelt", "Jefferson", "Kennedy",
                "Riverside", "Lakeview", "Hillside", "St. Ignatius", "Bishop Hartley", "Walnut Hills"]  # fmt: skip
PERSONAL_DOMAINS = ["gmail.com", "gmail.com", "gmail.com", "gmail.com", "yahoo.com", "icloud.com",
                    "outlook.com", "hotmail.com", "aol.com", "comcast.net"]  # fmt: skip
OWNERS = ["Dana Whitfield", "Marcus Oyelaran", "Priscilla Tam", "Graham Pettigrew"]
LEAD_SOURCES = [
    "Inquiry Form",
    "Campus Visit",
    "College Fair",
    "Student Search Service",
    "Virtual Info Session",
]
PARENT_TYPES = ["Mother", "Father", "Legal Guardian", "Stepmother", "Stepfather"]


def fold(text: str) -> str:
    return anyascii(text)


def name_key(first: str, last: str) -> tuple[str, str]:
    return fold(first).lower().strip(), fold(last).lower().replace("-", " ").strip()


def letters(text: str) -> str:
    return "".join(ch for ch in fold(text).lower() if ch.isalnum())


@dataclass
class School:
    name: str
    ceeb: str
    domain: str
    city: tuple


@dataclass
class Parent:
    first: str
    last: str
    kind: str
    email: str = ""
    mobile: str = ""
    work_email: str = ""
    id: str = ""


@dataclass
class Student:
    first: str  # legal given name
    middle: str
    last: str
    born: date
    family: "Family"
    school: School
    email: str = ""  # personal
    school_email: str = ""
    mobile: str = ""
    goes_by: str = ""  # a short form or a chosen name
    chosen: bool = False
    id: str = ""
    twin: "Student | None" = None


@dataclass
class Family:
    surname: str
    street: str
    unit: str
    city: tuple
    zip: str
    home_phone: str = ""
    shared_email: str = ""  # the family's own mailbox
    parents: list = field(default_factory=list)
    children: list = field(default_factory=list)


class Generator:
    def __init__(self, seed: int, people: int, per_category: int) -> None:
        self.rng = random.Random(seed)
        self.target = people
        self.per = per_category
        self.schools: list[School] = []
        self.families: list[Family] = []
        self.crm_rows: list[dict] = []
        self.cases: list[GeneratedCase] = []
        self.names: set[tuple[str, str]] = set()  # every generated person's full names, folded
        self.numbers: set[str] = set()
        self.emails: set[str] = set()
        self.ids: set[str] = set()
        self.used: set[int] = set()  # families a case was made of
        self.in_crm: dict[int, bool] = {}  # id(student or parent) -> held by the CRM

    # -- draws ------------------------------------------------------------------------------------------------

    def number(self, kind=PhoneNumberType.MOBILE) -> str:
        return fresh_number(self.rng, "US", kind, self.numbers, random_digits=7)

    def written(self, e164: str) -> str:
        """A US number as a rep or an applicant types it."""
        parsed = phonenumbers.parse(e164)
        national = phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)  # (201) 555-0123
        digits = str(parsed.national_number)
        return self.rng.choice(
            [
                national,
                national,
                f"{digits[:3]}-{digits[3:6]}-{digits[6:]}",
                f"{digits[:3]}.{digits[3:6]}.{digits[6:]}",
                digits,
                phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL),
                f"+1{digits}",
            ]
        )

    def mailbox(self, first: str, last: str, domain: str = "", *, student: bool = False) -> str:
        domain = domain or self.rng.choice(PERSONAL_DOMAINS)
        f, l = letters(first), letters(last)  # noqa: E741
        forms = ["{f}.{l}", "{f}{l}", "{fi}{l}", "{f}_{l}", "{f}{li}"]
        for attempt in range(60):
            local = self.rng.choice(forms).format(f=f, l=l, fi=f[:1], li=l[:1])
            if student or attempt or self.rng.random() < 0.5:
                local += str(self.rng.choice([self.rng.randint(1, 99), self.rng.randint(2006, 2010)]))
            address = f"{local}@{domain}"
            if address not in self.emails:
                self.emails.add(address)
                return address
        raise RuntimeError("no mailbox left")

    def school_mailbox(self, student: Student) -> str:
        f, l = letters(student.first), letters(student.last)  # noqa: E741
        graduation = student.born.year + 18
        for _ in range(60):
            local = self.rng.choice(
                [
                    f"{f[:1]}{l}{graduation % 100}",
                    f"{f}.{l}{graduation}",
                    f"{l}{f[:1]}{self.rng.randint(1, 9)}",
                ]
            )
            address = f"{local}@{student.school.domain}"
            if address not in self.emails:
                self.emails.add(address)
                return address
        raise RuntimeError("no school mailbox left")

    def family_mailbox(self, family: Family) -> str:
        surname = letters(family.surname)[:12]
        for _ in range(60):
            local = self.rng.choice(
                [f"{surname}family", f"the{surname}s", f"{surname}house", f"{surname}.family",
                 f"{surname}{self.rng.randint(1, 99)}"]
            )  # fmt: skip
            if self.rng.random() < 0.6:
                local += str(self.rng.randint(1, 99))
            address = f"{local}@{self.rng.choice(PERSONAL_DOMAINS)}"
            if address not in self.emails:
                self.emails.add(address)
                return address
        raise RuntimeError("no family mailbox left")

    def contact_id(self) -> str:
        while True:
            value = "0035e00000" + "".join(self.rng.choices(string.ascii_letters + string.digits, k=5))
            if value not in self.ids:
                self.ids.add(value)
                return value

    def free_name(self, first: str, last: str) -> bool:
        key = name_key(first, last)
        return key not in self.names and key[::-1] not in self.names

    def take_name(self, first: str, last: str) -> None:
        self.names.add(name_key(first, last))

    # -- the world --------------------------------------------------------------------------------------------

    def new_school(self) -> School:
        city = self.rng.choice(CITIES)
        while True:
            word = self.rng.choice(SCHOOL_WORDS)
            name = f"{word} High School" if self.rng.random() < 0.7 else f"{city[0]} {word} High School"
            if all(s.name != name for s in self.schools):
                break
        ceeb = f"{self.rng.randint(10, 39)}{self.rng.randint(0, 9999):04d}"
        while True:
            stem = letters(name.replace("High School", ""))[:14]
            domain = self.rng.choice(
                [f"{stem}hs.org", f"students.{stem}.org", f"{stem}{self.rng.randint(1, 99)}.net"]
            )
            if all(s.domain != domain for s in self.schools):
                break
        school = School(name, ceeb, domain, city)
        self.schools.append(school)
        return school

    def birth_date(self, avoid: list[date]) -> date:
        while True:
            born = date(2006, 9, 1) + timedelta(days=self.rng.randint(0, 3 * 365))
            if all(
                born.year != other.year and not ({born.month, born.day} & {other.month, other.day})
                for other in avoid
            ):
                return born

    def child_name(self, family: Family, *, twin_of: Student | None = None) -> tuple[str, str]:
        taken = {c.first for c in family.children} | {p.first for p in family.parents}
        taken_initials = {p.first[0] for p in family.parents}
        shorts = {s for c in family.children for s in GIVEN[c.first]} | {c.first for c in family.children}
        for _ in range(1000):
            first = self.rng.choice(list(GIVEN))
            if first in taken or first in shorts or first[0] in taken_initials:
                continue
            if any(
                first in GIVEN[c.first] or set(GIVEN[first]) & set(GIVEN[c.first]) for c in family.children
            ):
                continue
            if twin_of and self.rng.random() < 0.3 and first[0] != twin_of.first[0]:
                continue  # twins share an initial now and then
            if not self.free_name(first, family.surname):
                continue
            middle = self.rng.choice(list(GIVEN)) if self.rng.random() < 0.6 else ""
            self.take_name(first, family.surname)
            return first, middle if middle != first else ""
        raise RuntimeError("no child name left")

    def parent_surname(self, surname: str, *, men: bool, own: bool) -> str:
        """A parent's surname: the family's; one part of a child's double or two-part surname (the father's
        first, the mother's second); now and then a name of their own (kept at marriage, a stepparent's)."""
        if own:
            return self.rng.choice(SURNAMES)
        parts = surname.replace("-", " ").split()
        if len(parts) == 2 and parts[0].lower() not in PARTICLES:
            return parts[0] if men else parts[1]
        return surname

    def parent_given(self, family: Family, last: str, *, men: bool) -> str:
        names = [
            first
            for first in PARENT_GIVEN["men" if men else "women"]
            if all(p.first[0] != first[0] for p in family.parents) and self.free_name(first, last)
        ]
        return self.rng.choice(names) if names else ""

    def new_family(self) -> Family:
        compound = self.rng.random() < 0.2
        surname = self.rng.choice(COMPOUND if compound else SURNAMES)
        city = self.rng.choice(CITIES)
        family = Family(
            surname=surname,
            street=f"{self.rng.randint(10, 9899)} {self.rng.choice(STREETS)} {self.rng.choice(STREET_KINDS)}",
            unit=f"Apt {self.rng.randint(1, 40)}" if self.rng.random() < 0.15 else "",
            city=city,
            zip=f"{city[2]}{self.rng.randint(1, 99):02d}",
        )
        family.home_phone = self.number(PhoneNumberType.FIXED_LINE) if self.rng.random() < 0.5 else ""
        count = 2 if self.rng.random() < 0.75 else 1
        for index in range(count):
            kinds = ["Mother", "Father"] if index == 0 else ["Father", "Mother", "Stepfather", "Stepmother"]
            kind = self.rng.choice(kinds) if self.rng.random() < 0.93 else "Legal Guardian"
            men = kind in ("Father", "Stepfather") or (kind == "Legal Guardian" and self.rng.random() < 0.5)
            last = self.parent_surname(surname, men=men, own=bool(index) and self.rng.random() < 0.15)
            first = self.parent_given(family, last, men=men)
            if not first:  # the family's name is taken by every such parent here: a stepparent's own name
                last = self.rng.choice(SURNAMES)
                first = self.parent_given(family, last, men=men)
            self.take_name(first, last)
            parent = Parent(first, last, kind)
            parent.email = self.mailbox(first, last)
            parent.mobile = self.number() if self.rng.random() < 0.9 else ""
            family.parents.append(parent)
        family.shared_email = self.family_mailbox(family) if self.rng.random() < 0.25 else ""
        twins = self.rng.random() < 0.12
        school = self.rng.choice(self.schools)
        children = 1 + (self.rng.random() < 0.5) + (self.rng.random() < 0.15)
        for index in range(max(children, 2 if twins else 1)):
            twin_of = family.children[0] if twins and index == 1 else None
            first, middle = self.child_name(family, twin_of=twin_of)
            born = twin_of.born if twin_of else self.birth_date([c.born for c in family.children])
            student = Student(first, middle, surname, born, family, school)
            student.email = self.mailbox(first, surname, student=True)
            student.mobile = self.number() if self.rng.random() < 0.85 else ""
            if GIVEN[first] and self.rng.random() < 0.4:
                student.goes_by = self.rng.choice(GIVEN[first])
            if twin_of:
                student.twin, twin_of.twin = twin_of, student
            family.children.append(student)
        self.families.append(family)
        return family

    # -- the CRM ------------------------------------------------------------------------------------------------

    def date_text(self, born: date) -> str:
        return f"{born.month}/{born.day}/{born.year}"

    def crm_student(self, student: Student, *, first: str = "", last: str = "", email=None, mobile=None,
                    birthdate: bool | None = None, source: str = "", former: str = "") -> dict:  # fmt: skip
        family = student.family
        first = first or student.first
        last = last or student.last
        student.id = self.contact_id()
        self.in_crm[id(student)] = True
        email = student.email if email is None else email
        mobile = student.mobile if mobile is None else mobile
        birthdate = self.rng.random() < 0.75 if birthdate is None else birthdate
        row = {
            CRM_ID: student.id,
            "First Name": first,
            "Last Name": last,
            "Chosen Full Name": f"{first} {last}" if student.chosen and first != student.first else "",
            "Former Last Name": former,
            "Birthdate": self.date_text(student.born) if birthdate else "",
            "Email": email,
            "Preferred Email": "Alternate Email" if email else "",
            "Alternate Email": email,
            "University Email": "",
            "Work Email": "",
            "Mobile": self.written(mobile) if mobile else "",
            "Home Phone": self.written(family.home_phone)
            if family.home_phone and self.rng.random() < 0.5
            else "",
            "Preferred Phone": "Mobile" if mobile else "",
            "Work Phone": "",
            **self.mailing(family, held=0.8),
            "Account Name": f"{family.surname} Household",
            "Title": "",
            "Primary Educational Institution": student.school.name if self.rng.random() < 0.7 else "",
            "Lead Source": source or self.rng.choice(LEAD_SOURCES),
            "Contact Owner": self.rng.choice(OWNERS),
        }
        self.crm_rows.append(row)
        return row

    def mailing(self, family: Family, *, held: float) -> dict:
        if self.rng.random() >= held:
            return dict.fromkeys(("Mailing Street", "Mailing City", "Mailing State/Province",
                                  "Mailing Zip/Postal Code", "Mailing Country"), "")  # fmt: skip
        street = f"{family.street}, {family.unit}" if family.unit else family.street
        return {
            "Mailing Street": street,
            "Mailing City": family.city[0],
            "Mailing State/Province": family.city[1],
            "Mailing Zip/Postal Code": family.zip,
            "Mailing Country": self.rng.choice(["United States", "United States", "US", "USA", ""]),
        }

    def crm_parent(self, parent: Parent, family: Family) -> dict:
        parent.id = self.contact_id()
        self.in_crm[id(parent)] = True
        row = dict.fromkeys(CRM_COLUMNS, "")
        row.update(
            {
                CRM_ID: parent.id,
                "First Name": parent.first,
                "Last Name": parent.last,
                "Email": parent.email,
                "Preferred Email": "Alternate Email",
                "Alternate Email": parent.email,
                "Mobile": self.written(parent.mobile) if parent.mobile else "",
                "Home Phone": self.written(family.home_phone)
                if family.home_phone and self.rng.random() < 0.6
                else "",
                "Preferred Phone": "Mobile" if parent.mobile else "",
                **self.mailing(family, held=0.7),
                "Account Name": f"{family.surname} Household",
                "Lead Source": self.rng.choice(["Campus Visit", "Parent Inquiry", "Virtual Info Session"]),
                "Contact Owner": self.rng.choice(OWNERS),
            }
        )
        self.crm_rows.append(row)
        return row

    def crm_counsellor(self, school: School) -> None:
        for _ in range(10):
            first = self.rng.choice(PARENT_GIVEN[self.rng.choice(["men", "women"])])
            last = self.rng.choice(SURNAMES)
            if self.free_name(first, last):
                break
        else:
            return
        self.take_name(first, last)
        row = dict.fromkeys(CRM_COLUMNS, "")
        email = f"{letters(first)[:1]}{letters(last)}@{school.domain}"
        if email in self.emails:
            return
        self.emails.add(email)
        row.update(
            {
                CRM_ID: self.contact_id(),
                "First Name": first,
                "Last Name": last,
                "Email": email,
                "Preferred Email": "Work Email",
                "Work Email": email,
                "Work Phone": self.written(self.number(PhoneNumberType.FIXED_LINE)),
                "Preferred Phone": "Work",
                "Mailing City": school.city[0],
                "Mailing State/Province": school.city[1],
                "Account Name": school.name,
                "Title": self.rng.choice(["School Counselor", "Director of College Counseling"]),
                "Lead Source": "High School Visit",
                "Contact Owner": self.rng.choice(OWNERS),
            }
        )
        self.crm_rows.append(row)

    def build_crm(self) -> None:
        for _ in range(max(12, self.target // 60)):
            self.new_school()
        for school in self.schools:
            self.crm_counsellor(school)
        while len(self.crm_rows) < self.target:
            family = self.new_family()
            for student in family.children:
                if self.rng.random() < 0.55:
                    self.crm_student(student)
            if any(self.in_crm.get(id(c)) for c in family.children) or self.rng.random() < 0.2:
                for parent in family.parents:
                    if self.rng.random() < 0.6:
                        self.crm_parent(parent, family)
            if family.shared_email:
                holders = [c for c in family.children if self.in_crm.get(id(c))]
                if holders:  # a child gave the family's mailbox on the inquiry
                    self.crm_row_of(holders[0]).update(
                        {"Email": family.shared_email, "Alternate Email": family.shared_email}
                    )
                    holders[0].email = family.shared_email

    def crm_row_of(self, person) -> dict:
        return next(row for row in self.crm_rows if row[CRM_ID] == person.id)

    # -- applications -------------------------------------------------------------------------------------------

    def family_for(self, test) -> Family:
        """A family no case was made of yet (later cases build their own families)."""
        pool = [f for f in self.families if id(f) not in self.used and test(f)]
        if not pool:
            raise RuntimeError("no family left")
        family = self.rng.choice(pool)
        self.used.add(id(family))
        return family

    def fresh_family(self) -> Family:
        """A family made for one case, outside the CRM until the case puts someone in it."""
        family = self.new_family()
        self.used.add(id(family))
        return family

    def application(self, category: str, truth, student: Student, *, first: str = "", last: str = "",
                    preferred: str = "", former: str = "", email: str = "", phone: str | None = None,
                    born: date | None = None) -> None:  # fmt: skip
        """An application of `student`: their own name, address, mobile (`phone` another, "" none) and
        parents unless told otherwise."""
        family = student.family
        phone = student.mobile if phone is None else phone
        kind = "Mobile" if phone and phone != family.home_phone else ("Home" if phone else "")
        alternate = family.home_phone if family.home_phone and phone != family.home_phone else ""
        if alternate and self.rng.random() < 0.5:
            alternate = ""
        born = born or student.born
        row = {
            "First name": first or student.first,
            "Middle name": student.middle,
            "Last name": last or student.last,
            "Preferred name": preferred,
            "Former name(s)": former,
            "Date of birth": f"{born.month:02d}/{born.day:02d}/{born.year}",
            "Email Address": email or student.email,
            "Preferred phone": kind,
            "Preferred phone number": self.written(phone) if phone else "",
            "Alternate phone": "Home" if alternate else "",
            "Alternate phone number": self.written(alternate) if alternate else "",
            "Permanent address - Address1": family.street,
            "Permanent address - Address2": family.unit,
            "Permanent address - City": family.city[0],
            "Permanent address - State": family.city[1],
            "Permanent address - Zip": family.zip
            if self.rng.random() < 0.6
            else f"{family.zip}-{self.rng.randint(1000, 9999)}",
            "Permanent address - Country": "United States",
            "Sec School/College CEEB Code": student.school.ceeb,
            "Sec School/College Name": student.school.name,
            "Application Submit Date": (
                date(2026, 10, 15) + timedelta(days=self.rng.randint(0, 80))
            ).isoformat(),
            "Student Type": "First Year",
            "Start Term": "Fall 2027",
        }
        for number, parent in enumerate(family.parents[:2], 1):
            row[f"Parent {number} type"] = parent.kind
            row[f"Parent {number} first name"] = parent.first
            row[f"Parent {number} last name"] = parent.last
            row[f"Parent {number} email"] = parent.email if self.rng.random() < 0.9 else ""
            row[f"Parent {number} phone"] = self.written(parent.mobile) if parent.mobile else ""
        self.cases.append(GeneratedCase(category, row, tuple(truth)))

    def known(self, student: Student) -> bool:
        return bool(self.in_crm.get(id(student)))

    def cased(self, address: str) -> str:
        if self.rng.random() < 0.25:
            local, _, domain = address.partition("@")
            return f"{local.capitalize()}@{domain}"
        return address

    def new_personal(self, student: Student) -> str:
        return self.mailbox(student.goes_by or student.first, student.last, student=True)

    def own_key(self, student: Student, row: dict) -> dict:
        """The CRM's address or its mobile (the other a new one), as the application gives them."""
        if row["Email"] and (not student.mobile or not row["Mobile"] or self.rng.random() < 0.5):
            return {"email": self.cased(row["Email"])}
        return {"email": self.new_personal(student), "phone": student.mobile}

    def prospect(self, test=lambda s: True, **crm) -> Student:
        """A new family's child put in the CRM as a prospect (and some of its parents beside it)."""
        for _ in range(200):
            family = self.fresh_family()
            student = family.children[0]
            if test(student):
                break
        else:
            raise RuntimeError("no prospect fits")
        self.crm_student(student, **crm)
        for parent in family.parents:
            if self.rng.random() < 0.5:
                self.crm_parent(parent, family)
        return student

    # IN

    def inquiry_same_email(self) -> None:
        for _ in range(self.per):
            student = self.prospect()
            row = self.crm_row_of(student)
            self.application("inquiry_same_email", [student.id], student, email=self.cased(row["Email"]),
                             phone=student.mobile if self.rng.random() < 0.5 else "",
                             preferred=student.goes_by)  # fmt: skip

    def inquiry_new_email(self) -> None:
        for index in range(self.per):
            by_mobile = index % 3 != 2
            student = self.prospect(
                (lambda s: s.mobile) if by_mobile else (lambda s: True),
                birthdate=True if not by_mobile else None,
            )
            new = self.new_personal(student)
            if by_mobile:
                self.application("inquiry_new_email", [student.id], student, email=new, phone=student.mobile)
            else:
                self.application("inquiry_new_email", [student.id], student, email=new,
                                 phone=self.number())  # fmt: skip

    def school_email(self) -> None:
        for index in range(self.per):
            student = self.prospect(birthdate=True, source="College Fair")
            student.school_email = self.school_mailbox(student)
            row = self.crm_row_of(student)
            row.update({"Email": student.school_email, "Alternate Email": student.school_email,
                        "Primary Educational Institution": student.school.name})  # fmt: skip
            if student.mobile and index % 2:
                row["Mobile"] = self.written(student.mobile)
                self.application("school_email", [student.id], student, phone=student.mobile)
            else:
                row["Mobile"] = ""
                self.application("school_email", [student.id], student, phone=self.number())

    def preferred_name(self) -> None:
        for _ in range(self.per):
            student = self.prospect(lambda s: any(self.free_name(g, s.last) for g in GIVEN[s.first]))
            student.goes_by = self.rng.choice(
                [g for g in GIVEN[student.first] if self.free_name(g, student.last)]
            )
            self.rename(student, student.goes_by)
            self.application("preferred_name", [student.id], student, preferred=student.goes_by,
                             **self.own_key(student, self.crm_row_of(student)))  # fmt: skip

    def chosen_name(self) -> None:
        for _ in range(self.per // 2):
            student = self.prospect(lambda s: any(self.free_name(c, s.last) for c in CHOSEN), birthdate=True)
            student.chosen = True
            student.goes_by = self.rng.choice(
                [c for c in CHOSEN if c[0] != student.first[0] and self.free_name(c, student.last)]
            )
            self.rename(student, student.goes_by)
            row = self.crm_row_of(student)
            row["Chosen Full Name"] = f"{student.goes_by} {student.last}"
            self.application("chosen_name", [student.id], student, preferred=student.goes_by,
                             **self.own_key(student, row))  # fmt: skip

    def rename(self, student: Student, first: str) -> None:
        """The CRM holds the student under the name they go by (the legal one stays taken)."""
        self.crm_row_of(student)["First Name"] = first
        self.take_name(first, student.last)

    def compound_surname(self) -> None:
        for _ in range(self.per):
            student = self.prospect(lambda s: " " in s.last or "-" in s.last)
            forms = [f for f in surname_forms(student.last) if self.free_name(student.first, f)]
            if not forms:
                continue
            written = self.rng.choice(forms)
            self.take_name(student.first, written)
            self.application("compound_surname", [student.id], student, last=written,
                             **self.own_key(student, self.crm_row_of(student)))  # fmt: skip

    def surname_change(self) -> None:
        for _ in range(self.per // 2):
            student = self.prospect(birthdate=True)
            for _ in range(100):
                new = self.rng.choice(SURNAMES)
                if new != student.last and self.free_name(student.first, new):
                    break
            self.take_name(student.first, new)
            self.application("surname_change", [student.id], student, last=new, former=student.last,
                             **self.own_key(student, self.crm_row_of(student)))  # fmt: skip

    def parent_email_as_own(self) -> None:
        for _ in range(self.per // 2):
            student = self.prospect(birthdate=True)
            parent = student.family.parents[0]
            if not self.in_crm.get(id(parent)):
                self.crm_parent(parent, student.family)
            self.application("parent_email_as_own", [student.id], student, email=parent.email, phone="")

    def parent_phone_as_own(self) -> None:
        for _ in range(self.per // 2):
            student = self.prospect(lambda s: s.family.parents[0].mobile, birthdate=True)
            parent = student.family.parents[0]
            if not self.in_crm.get(id(parent)):
                self.crm_parent(parent, student.family)
            self.application("parent_phone_as_own", [student.id], student, email=self.new_personal(student),
                             phone=parent.mobile)  # fmt: skip

    def siblings(self, *, twins: bool) -> tuple[Student, Student]:
        """Two children of a new family (twins or not), neither in the CRM yet."""
        for _ in range(500):
            family = self.fresh_family()
            children = family.children
            if len(children) < 2:
                continue
            pair = (children[0], children[1])
            if (pair[0].twin is pair[1]) == twins:
                return pair
        raise RuntimeError("no siblings left")

    def sibling_holds_email(self) -> None:
        for _ in range(self.per // 2):
            applicant, sibling = self.siblings(twins=False)
            family = applicant.family
            family.shared_email = family.shared_email or self.family_mailbox(family)
            self.crm_student(sibling, email=family.shared_email)
            self.crm_student(applicant, birthdate=True, email="" if self.rng.random() < 0.5 else None)
            self.application("sibling_holds_email", [applicant.id], applicant, email=family.shared_email,
                             phone=applicant.mobile if self.rng.random() < 0.3 else "")  # fmt: skip

    def twin_in_crm(self) -> None:
        for _ in range(self.per // 2):
            applicant, twin = self.siblings(twins=True)
            self.crm_student(twin)
            row = self.crm_student(applicant)
            for parent in applicant.family.parents:
                if self.rng.random() < 0.5:
                    self.crm_parent(parent, applicant.family)
            self.application("twin_in_crm", [applicant.id], applicant, preferred=applicant.goes_by,
                             **self.own_key(applicant, row))  # fmt: skip

    # OUT

    def sibling_not_in_crm(self, *, twins: bool, category: str) -> None:
        for _ in range(self.per // 2):
            applicant, sibling = self.siblings(twins=twins)
            self.crm_student(sibling, birthdate=True if twins else None)
            for parent in applicant.family.parents:
                if self.rng.random() < 0.6:
                    self.crm_parent(parent, applicant.family)
            self.application(category, [], applicant, email=self.new_personal(applicant),
                             preferred=applicant.goes_by)  # fmt: skip

    def family_email_new_applicant(self) -> None:
        for index in range(self.per // 2):
            applicant, sibling = self.siblings(twins=index % 3 == 0)
            family = applicant.family
            family.shared_email = family.shared_email or self.family_mailbox(family)
            self.crm_student(sibling, email=family.shared_email)
            self.application("family_email_new_applicant", [], applicant, email=family.shared_email,
                             phone=applicant.mobile if self.rng.random() < 0.5 else "")  # fmt: skip

    def parent_key_new_applicant(self) -> None:
        for index in range(self.per // 2):
            family = self.fresh_family()
            applicant = family.children[0]
            parent = family.parents[0]
            self.crm_parent(parent, family)
            if index % 2 and parent.mobile:
                self.application("parent_key_new_applicant", [], applicant, email=self.new_personal(applicant),
                                 phone=parent.mobile)  # fmt: skip
            else:
                self.application("parent_key_new_applicant", [], applicant, email=parent.email, phone="")

    def namesake(self) -> None:
        for _ in range(self.per // 2):
            known = self.prospect(birthdate=True)
            other_family = self.fresh_family()
            other = other_family.children[0]
            other.first, other.last = known.first, known.last  # the one name two people share
            other.born = self.birth_date([known.born])
            other.email = self.mailbox(other.first, other.last, student=True)
            self.application("namesake", [], other)

    def not_in_crm(self) -> None:
        for _ in range(self.per * 2):
            family = self.fresh_family()
            applicant = family.children[0]
            self.application("not_in_crm", [], applicant, preferred=applicant.goes_by)

    def build(self) -> GeneratedCases:
        self.build_crm()
        for category in (
            self.inquiry_same_email, self.inquiry_new_email, self.school_email, self.preferred_name,
            self.chosen_name, self.compound_surname, self.surname_change, self.parent_email_as_own,
            self.parent_phone_as_own, self.sibling_holds_email, self.twin_in_crm,
            lambda: self.sibling_not_in_crm(twins=False, category="sibling_not_in_crm"),
            lambda: self.sibling_not_in_crm(twins=True, category="twin_not_in_crm"),
            self.family_email_new_applicant, self.parent_key_new_applicant, self.namesake, self.not_in_crm,
        ):  # fmt: skip
            category()
        self.rng.shuffle(self.cases)
        for number, case in enumerate(self.cases, 1):
            case.external_id = f"CA{20_000_000 + number * 37 + self.rng.randrange(37)}"
        return GeneratedCases.shuffled(self.rng, self.crm_rows, self.cases)


PARTICLES = ("de", "del", "van", "mac", "st.", "o'")


def surname_forms(surname: str) -> list[str]:
    """The ways a hyphenated or two-part surname gets written on another form than the CRM's."""
    parts = surname.replace("-", " ").split()
    forms = {" ".join(parts), "-".join(parts)}
    if parts[0].lower() in PARTICLES:  # a particle: lower case, or run together
        forms |= {" ".join([parts[0].lower(), *parts[1:]]), "".join(parts), "".join(parts).capitalize()}
        if parts[0] == "St.":
            forms |= {" ".join(["St", *parts[1:]]), " ".join(["Saint", *parts[1:]])}
    elif len(parts) == 2:  # two names: the first alone (a Spanish paternal surname), now and then the second
        forms |= {parts[0], parts[1]}
    else:
        forms.add(parts[0])
    if "'" in surname:
        forms.add(surname.replace("'", ""))
    return sorted(forms - {surname})


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# Splink reads the first and last names as they are, the CRM's `Email` and the applicant's `Email Address`,
# the last nine digits of the CRM's mobile (else its home phone) and of the applicant's preferred phone number,
# the ZIP code's five digits, the city and the birth date (ISO).
def _digits(column: str) -> str:
    return f"""nullif(right(regexp_replace({column}, '[^0-9]', '', 'g'), 9), '')"""


def _iso_date(column: str) -> str:
    return f"""CAST(try_strptime(nullif("{column}", ''), '%m/%d/%Y') AS DATE)::VARCHAR"""


_CRM_PHONE = _digits("""coalesce(nullif("Mobile", ''), "Home Phone", '')""")
_APPLICANT_PHONE = _digits('"Preferred phone number"')
PERSON_SQL = {
    "crm": f"""
        SELECT "{CRM_ID}" AS unique_id,
               nullif(lower(trim("First Name")), '') AS first_name,
               nullif(lower(trim("Last Name")), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               {_CRM_PHONE} AS phone,
               CAST(NULL AS VARCHAR) AS company,
               nullif(left("Mailing Zip/Postal Code", 5), '') AS zip,
               nullif(lower(trim("Mailing City")), '') AS city,
               {_iso_date("Birthdate")} AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{INBOUND_ID}" AS unique_id,
               nullif(lower(trim("First name")), '') AS first_name,
               nullif(lower(trim("Last name")), '') AS last_name,
               nullif(lower(trim("Email Address")), '') AS email,
               {_APPLICANT_PHONE} AS phone,
               CAST(NULL AS VARCHAR) AS company,
               nullif(left("Permanent address - Zip", 5), '') AS zip,
               nullif(lower(trim("Permanent address - City")), '') AS city,
               {_iso_date("Date of birth")} AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}


SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="salesforce_eda",
        inbound_file="commonapp_applicants",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id=INBOUND_ID,
        cli_options=[
            "--provider",
            "salesforce",
            "--object",
            "Contact",
            "--kind",
            "person",
            "--id-column",
            CRM_ID,
        ],
        splink_kind="person",
        sql=PERSON_SQL,
        source="Salesforce EDA Contacts (admissions) <- an application platform's applicants export",
        splink_model=person_model_em_on_email,
    )
]


if __name__ == "__main__":
    run_generated("identity34", SUITES, seed=341, people=2000, orgs=0, per_category=40)
