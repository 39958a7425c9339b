"""A thirteenth, independent check of identity on people: a Salesforce Leads report (inbound) against a HubSpot
contacts export (the CRM), as a sales-ops tester who knows what such exports hold would write it.

    python benchmarks/identity_thirteenth.py [--people 2500] [--per-category 30] [--seed 131]
                                             [--skip-splink] [--keep DIR] [--examples 10]

**The CRM side is a HubSpot contacts export** by its UI labels: `Record ID` (a long number), `First Name`,
`Last Name`, `Email`, `Phone Number`, `Mobile Phone Number`, `Company Name`, `Job Title`, `City`,
`State/Region`, `Postal Code`, `Country/Region`, `Lifecycle Stage`, `Contact owner`, `Create Date`. Phones are
as reps and forms typed them: E.164, `(212) 555-0143`, dots, and desk lines as the switchboard with an
extension in any of the notations people use (`ext. 204`, `x204`, `#204`, `,204`, `ext 204`).

**The inbound side is a Salesforce Leads report** ("Details only", exported as CSV): `Lead ID` (15
characters, `00Q...`), `Salutation`, `First Name`, `Last Name`, `Title`, `Company / Account`, `Email`,
`Phone`, `Mobile`, `City`, `State/Province`, `Zip/Postal Code`, `Country`, `Lead Source`, `Lead Status`,
`Lead Owner`, `Create Date`. A web-to-lead form with one "Name" box writes the whole name into `Last Name`
(Salesforce requires it) and leaves `First Name` empty; a marketing sync writes `[not provided]` where it had
nothing.

Each category says whether the person is in the CRM (`IN`: the truth is their HubSpot Record ID, either of
two when HubSpot holds them twice) or not (`OUT`: it must go to review or no match). `CATEGORIES` lists them.
Both tools run on the same files in one run through `identity_quality`'s shared runner.
"""

import random
import string
from dataclasses import dataclass, field, replace

from identity_quality import GeneratedCase, GeneratedCases, GeneratedSuite, run_generated

CRM_ID = "Record ID"
CRM_COLUMNS = [
    CRM_ID, "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number", "Company Name",
    "Job Title", "City", "State/Region", "Postal Code", "Country/Region", "Lifecycle Stage", "Contact owner",
    "Create Date",
]  # fmt: skip
INBOUND_ID = "Lead ID"
INBOUND_COLUMNS = [
    INBOUND_ID, "Salutation", "First Name", "Last Name", "Title", "Company / Account", "Email", "Phone",
    "Mobile", "City", "State/Province", "Zip/Postal Code", "Country", "Lead Source", "Lead Status",
    "Lead Owner", "Create Date",
]  # fmt: skip

FIRST = {
    "m": ("James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas", "Charles",
          "Christopher", "Daniel", "Matthew", "Anthony", "Mark", "Steven", "Andrew", "Joshua", "Kevin", "Brian",
          "Edward", "Ronald", "Timothy", "Jason", "Jeffrey", "Ryan", "Jacob", "Gary", "Nicholas", "Eric",
          "Jonathan", "Stephen", "Larry", "Justin", "Scott", "Brandon", "Benjamin", "Samuel", "Gregory",
          "Patrick", "Alexander", "Raymond", "Frank", "Peter", "Douglas", "Henry", "Walter", "Carl", "Arthur"),
    "f": ("Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah",
          "Karen", "Nancy", "Margaret", "Lisa", "Betty", "Sandra", "Ashley", "Kimberly", "Emily", "Donna",
          "Michelle", "Carol", "Amanda", "Melissa", "Deborah", "Stephanie", "Rebecca", "Laura", "Sharon",
          "Cynthia", "Kathleen", "Amy", "Angela", "Anna", "Brenda", "Pamela", "Nicole", "Katherine", "Christine",
          "Rachel", "Catherine", "Heather", "Diane", "Julie", "Victoria", "Olivia", "Megan", "Hannah", "Abigail"),
}  # fmt: skip
LAST = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
    "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
    "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
    "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera",
    "Campbell", "Mitchell", "Carter", "Roberts", "Phillips", "Evans", "Turner", "Parker", "Collins", "Edwards",
    "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Peterson", "Cooper", "Reed", "Bailey", "Bell",
    "Kelly", "Howard", "Ward", "Cox", "Richardson", "Wood", "Watson", "Brooks", "Bennett", "Gray", "Hughes",
    "Price", "Sanders", "Patel", "Myers", "Long", "Ross", "Foster", "Jimenez", "Powell", "Jenkins", "Perry",
    "Russell", "Sullivan", "Fisher", "Henderson", "Coleman", "Simmons", "Patterson", "Jordan", "Reynolds",
    "Hamilton", "Graham", "Kim", "Gonzales", "Alexander", "Ramos", "Wallace", "Griffin", "West", "Cole",
    "Hayes", "Chavez", "Gibson", "Bryant", "Ellis", "Stevens", "Murray", "Ford", "Marshall", "Owens",
    "McDonald", "Harrison", "Ruiz", "Kennedy", "Wells", "Alvarez", "Woods", "Mendoza", "Castillo", "Olson",
)  # fmt: skip
# Surnames whose spelling a form or a rep writes several ways: (as the CRM holds it, as the lead has it).
PARTICLE_FORMS = (
    ("O'Brien", "OBrien"), ("O'Brien", "O Brien"), ("O'Connor", "O\u2019Connor"), ("McDonald", "Mcdonald"),
    ("McKenzie", "Mc Kenzie"), ("MacLeod", "Macleod"), ("van der Berg", "Van Der Berg"),
    ("van der Berg", "Vanderberg"), ("de la Cruz", "De La Cruz"), ("de la Cruz", "Delacruz"),
    ("Van Buren", "van Buren"), ("D'Angelo", "DAngelo"), ("St. John", "Saint John"), ("St. John", "St John"),
    ("De Luca", "DeLuca"), ("von Essen", "Von Essen"), ("Le Blanc", "LeBlanc"), ("Di Stefano", "DiStefano"),
)  # fmt: skip
# (given name, family name) of people whose family name comes first where they write it.
EAST_ASIAN = (
    ("Wei", "Zhang"), ("Li", "Wang"), ("Jing", "Liu"), ("Hao", "Chen"), ("Min", "Yang"), ("Xiu", "Huang"),
    ("Jun", "Zhao"), ("Lei", "Wu"), ("Yan", "Zhou"), ("Ming", "Xu"), ("Min-jun", "Park"), ("Seo-yeon", "Choi"),
    ("Ji-ho", "Jung"), ("Hyun-woo", "Kang"), ("Haruto", "Sato"), ("Yui", "Suzuki"), ("Ren", "Takahashi"),
    ("Aoi", "Tanaka"), ("Sota", "Watanabe"), ("Hina", "Ito"),
)  # fmt: skip
MONONYMS = (
    "Suharto",
    "Sukarno",
    "Wiranto",
    "Budiono",
    "Susanti",
    "Kartini",
    "Mulyadi",
    "Setiawan",
    "Prabowo",
)
NICKNAMES = {
    "Robert": ("Bob", "Rob", "Bobby"), "William": ("Bill", "Will", "Billy"), "Richard": ("Rick", "Dick", "Rich"),
    "James": ("Jim", "Jimmy", "Jamie"), "Michael": ("Mike", "Mick"), "Elizabeth": ("Liz", "Beth", "Betsy"),
    "Margaret": ("Peggy", "Maggie", "Meg"), "Katherine": ("Kate", "Kathy", "Katie"), "Thomas": ("Tom", "Tommy"),
    "Jennifer": ("Jen", "Jenny"), "Christopher": ("Chris",), "Anthony": ("Tony",), "Edward": ("Ed", "Ted"),
    "Patricia": ("Pat", "Patty", "Trish"), "Daniel": ("Dan", "Danny"), "Joseph": ("Joe", "Joey"),
    "Steven": ("Steve",), "Rebecca": ("Becky",), "Deborah": ("Debbie", "Deb"), "Timothy": ("Tim",),
    "Gregory": ("Greg",), "Nicholas": ("Nick",), "Samuel": ("Sam",), "Victoria": ("Vicky", "Tori"),
    "Alexander": ("Alex",), "Jeffrey": ("Jeff",), "Douglas": ("Doug",), "Pamela": ("Pam",), "Susan": ("Sue",),
}  # fmt: skip
STEMS = (
    "Northwind", "Bluefin", "Cobalt", "Redwood", "Summit", "Lakeshore", "Ironbridge", "Brightline", "Keystone",
    "Silverleaf", "Pinecrest", "Harborview", "Granite", "Clearwater", "Stonegate", "Westfield", "Oakmont",
    "Trident", "Vantage", "Crescent", "Beacon", "Falcon", "Maple", "Horizon", "Atlas", "Evergreen", "Sterling",
    "Riverbend", "Highpoint", "Copperline", "Blackstone", "Meadowlark", "Ridgeway", "Sunstone", "Wavecrest",
    "Foxglove", "Juniper", "Kestrel", "Lodestar", "Mosaic", "Nimbus", "Orchard", "Paragon", "Quantum",
)  # fmt: skip
SUFFIXES = ("Inc.", "LLC", "Corp.", "Group", "Partners", "Holdings", "Co.", "Technologies", "Systems", "Labs")
# (city, state, the first three digits of its ZIP codes, area code): a city has dozens of ZIP codes; an office
# has its street's, a household its own.
PLACES = (
    ("New York", "NY", "100", "212"), ("Chicago", "IL", "606", "312"), ("Austin", "TX", "787", "512"),
    ("Denver", "CO", "802", "303"), ("Seattle", "WA", "981", "206"), ("Boston", "MA", "021", "617"),
    ("Atlanta", "GA", "303", "404"), ("Portland", "OR", "972", "503"), ("San Diego", "CA", "921", "619"),
    ("Phoenix", "AZ", "850", "602"), ("Miami", "FL", "331", "305"), ("Minneapolis", "MN", "554", "612"),
)  # fmt: skip
TITLES = (
    "VP Sales",
    "Account Executive",
    "Procurement Manager",
    "CFO",
    "IT Director",
    "Head of Marketing",
    "Operations Manager",
    "Controller",
    "Office Manager",
    "CTO",
    "Sales Development Rep",
    "HR Director",
)
FREE_MAIL = ("gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "aol.com")
REBRAND = (".io", "hq.com", ".co", "get", "-group.com")
SALUTATIONS = ("Mr.", "Ms.", "Mrs.", "Dr.", "Prof.")
EXT_NOTATIONS = (" ext. {e}", " x{e}", " ext {e}", " #{e}", ",{e}", " Ext.{e}", " extension {e}", ";ext={e}")
# What forms, syncs and reps type when they have nothing (both sides hold some).
PLACEHOLDER_EMAILS = ("unknown@unknown.com", "noemail@noemail.com", "none@none.com", "na@na.com",
                      "no@email.com", "test@test.com")  # fmt: skip
PLACEHOLDER_PHONES = ("000-000-0000", "(555) 555-5555", "1234567890", "999-999-9999", "0000000000")
OWNERS = ("Dana Whitfield", "Marcus Lee", "Priya Raman", "Tom Becker", "Elena Ruiz")

CATEGORIES = {
    "plain": "IN: background people as HubSpot holds them (the links the model is fitted on)",
    "domain_rebrand": "IN: the company moved to a new email domain (acme.com -> acme.io); same local part",
    "domain_rebrand_colleague": "OUT: a new hire at the rebranded company, the CRM person's surname, new domain",
    "alias_same_domain": "IN: j.smith@ against john.smith@ at one company (the mailbox's alias)",
    "alias_colleague": "OUT: a colleague with the same surname and initial, own alias, the company's switchboard",
    "gmail_forms": "IN: a personal Gmail with dots moved, +tags, googlemail.com; name as typed",
    "left_and_returned": "IN: left for another company (HubSpot updated), came back: old mailbox again, own mobile",
    "assistant_on_exec_phone": "OUT: an executive assistant writing from the executive's direct line",
    "exec_without_email": "IN: the executive themself, direct line and name only",
    "big_firm_namesake": "OUT: another John Smith at a big company, own mailbox, the office switchboard",
    "big_firm_same_person": "IN: a John Smith at a big company (several in HubSpot) with his own mailbox",
    "one_name_column": "IN: the whole name in Last Name ('Smith, John', 'John Smith', 'Dr. John Smith Jr.')",
    "name_case_titles": "IN: ALL CAPS or lower case, Dr./Prof. in the name, Jr./III suffixes; mobile or mailbox",
    "father_son": "OUT: the son (Jr.) of a CRM father at the family firm: the firm's line, the family surname",
    "mononym": "IN: one name only (Indonesian), the other name field empty or repeating it",
    "family_name_first": "IN: East Asian family name first in the lead, given first in HubSpot",
    "particles": "IN: O'Brien/OBrien, van der Berg/Vanderberg, de la Cruz/Delacruz, McDonald/Mcdonald",
    "married_name": "IN: a married surname in the lead, the maiden one in HubSpot; own mobile",
    "married_name_sister": "OUT: the CRM person's sister at the same company (her surname, shared home phone)",
    "nickname_alias": "IN: Bob/Robert, Liz/Elizabeth, and the mailbox written with the nickname",
    "placeholder_values": "OUT: a new person with a placeholder mailbox and phone that CRM records also hold",
    "placeholder_known": "IN: a CRM person with placeholder email/phone on the lead, own mobile and name",
    "test_records": "OUT: 'Test Test', 'asdf', '[not provided]' leads with placeholder values",
    "sparse_known": "IN: only an email (the CRM person's), or only a name and mobile",
    "sparse_unknown": "OUT: only a first name and a company switchboard, or only a surname and a city",
    "phone_extensions": "IN: switchboard + own extension in another notation, name, no email",
    "extension_colleague": "OUT: a colleague with the same surname on another extension of the switchboard",
    "spouse_shared_email": "OUT: the spouse of a B2C CRM person, the couple's home mailbox and landline",
    "spouse_both_known": "IN: both spouses in HubSpot; the lead is the one named on it",
    "personal_vs_work": "IN: HubSpot has the work mailbox, the lead a personal one; own mobile",
    "job_change": "IN: a new employer and mailbox, own mobile, same name",
    "crm_duplicate": "IN: held twice in HubSpot (old and new mailbox); either record is right",
    "role_mailbox": "OUT: sales@ / info@ of a company, typed on one CRM colleague's record, another person",
    "not_in_crm": "OUT: new people at CRM companies, some with a CRM colleague's first name or surname",
}


@dataclass
class Company:
    name: str
    domain: str
    switchboard: str  # digits, 10
    place: tuple
    big: bool
    pattern: str  # how mailboxes are made: "first.last", "flast", "first", "firstl"
    staff: list = field(default_factory=list)


@dataclass
class Person:
    first: str
    last: str
    gender: str
    company: Company | None
    email: str
    mobile: str  # digits, 10 ("" when none)
    desk: str  # digits, 10 ("" when none)
    ext: str  # the switchboard extension ("" when none)
    place: tuple
    title: str
    personal: str = ""  # a personal mailbox
    salutation: str = ""
    suffix: str = ""


def digits_formatted(digits: str, r: random.Random) -> str:
    a, b, c = digits[:3], digits[3:6], digits[6:]
    return r.choice(
        (f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"+1 {a} {b} {c}", f"+1{digits}", f"{a}.{b}.{c}", digits,
         f"1-{a}-{b}-{c}", f"+1 ({a}) {b}-{c}")
    )  # fmt: skip


def local_part(first: str, last: str, pattern: str) -> str:
    f, l_ = (letters(first), letters(last))
    return {"first.last": f"{f}.{l_}", "flast": f"{f[:1]}{l_}", "first": f, "firstl": f"{f}{l_[:1]}",
            "first_last": f"{f}_{l_}", "f.last": f"{f[:1]}.{l_}"}[pattern]  # fmt: skip


def letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch in string.ascii_lowercase)


class World:
    def __init__(self, seed: int):
        self.r = random.Random(seed)
        self.companies: list[Company] = []
        self.used_numbers: set[str] = set()
        self.used_emails: set[str] = set()
        self.hubspot_ids: set[str] = set()
        for index, stem in enumerate(STEMS):
            for variant in range(2):
                name = (
                    f"{stem} {self.r.choice(SUFFIXES)}"
                    if variant == 0
                    else f"{stem} {self.r.choice(('Health', 'Logistics', 'Capital', 'Foods', 'Media', 'Energy'))}"
                )
                domain = f"{letters(name.split()[0])}{'' if variant == 0 else letters(name.split()[1])}.com"
                place = self.place()
                self.companies.append(
                    Company(name, domain, self.number(place[3]), place, big=index % 8 == 0 and variant == 0,
                            pattern=self.r.choice(("first.last", "first.last", "flast", "first", "firstl",
                                                   "f.last", "first_last")))
                )  # fmt: skip

    def number(self, area: str | None = None) -> str:
        while True:
            area_code = area or self.r.choice(PLACES)[3]
            digits = (
                f"{area_code}{self.r.randint(2, 9)}{self.r.randint(0, 99):02d}{self.r.randint(0, 9999):04d}"
            )
            if digits not in self.used_numbers:
                self.used_numbers.add(digits)
                return digits

    def place(self) -> tuple[str, str, str, str]:
        city, state, zip_prefix, area_code = self.r.choice(PLACES)
        return city, state, f"{zip_prefix}{self.r.randint(1, 40):02d}", area_code

    def hubspot_id(self) -> str:
        while True:
            value = str(self.r.randint(10**10, 10**11 - 1))
            if value not in self.hubspot_ids:
                self.hubspot_ids.add(value)
                return value

    def lead_id(self) -> str:
        return "00Q" + "".join(self.r.choices(string.ascii_letters + string.digits, k=12))

    def mailbox(self, local: str, domain: str) -> str:
        address, n = f"{local}@{domain}", 1
        while address in self.used_emails:
            n += 1
            address = f"{local}{n}@{domain}"
        self.used_emails.add(address)
        return address

    def personal_mailbox(self, first: str, last: str) -> str:
        local = self.r.choice(
            (f"{letters(first)}.{letters(last)}", f"{letters(first)}{letters(last)}{self.r.randint(1, 99)}",
             f"{letters(first)[:1]}{letters(last)}{self.r.randint(60, 99)}", f"{letters(last)}.{letters(first)}")
        )  # fmt: skip
        return self.mailbox(local, self.r.choice(FREE_MAIL))

    def person(self, company: Company | None, *, first=None, last=None, gender=None, desk=True) -> Person:
        gender = gender or self.r.choice("mf")
        chosen = (first, last)
        first = first or self.r.choice(FIRST[gender])
        last = last or self.r.choice(LAST)
        # A new person at a company is not named as a colleague there, unless a case names them so (namesakes).
        while company and None in chosen and any((s.first, s.last) == (first, last) for s in company.staff):
            first = chosen[0] or self.r.choice(FIRST[gender])
            last = chosen[1] or self.r.choice(LAST)
        place = company.place if company else self.place()
        if company:
            email = self.mailbox(local_part(first, last, company.pattern), company.domain)
        else:
            email = self.personal_mailbox(first, last)
        mobile = self.number() if self.r.random() < 0.75 else ""
        ext, desk_number = "", ""
        if company and desk:
            if self.r.random() < 0.5:
                ext = str(self.r.randint(100, 999) if not company.big else self.r.randint(1000, 9999))
                while any(p.ext == ext for p in company.staff):
                    ext = str(int(ext) + 1)
            elif self.r.random() < 0.5:
                desk_number = self.number(company.place[3])
        p = Person(first, last, gender, company, email, mobile, desk_number, ext, place,
                   self.r.choice(TITLES) if company else "")  # fmt: skip
        if company:
            company.staff.append(p)
        return p

    def phone_text(self, p: Person) -> str:
        """The person's office phone as someone typed it: a direct line, the switchboard with their extension,
        or "" (no desk phone)."""
        if p.desk:
            return digits_formatted(p.desk, self.r)
        if p.ext and p.company:
            return digits_formatted(p.company.switchboard, self.r) + self.r.choice(EXT_NOTATIONS).format(
                e=p.ext
            )
        return ""

    def crm_row(self, p: Person, **over) -> dict:
        r = self.r
        row = {
            CRM_ID: self.hubspot_id(),
            "First Name": p.first,
            "Last Name": p.last,
            "Email": p.email,
            "Phone Number": self.phone_text(p),
            "Mobile Phone Number": digits_formatted(p.mobile, r) if p.mobile else "",
            "Company Name": p.company.name if p.company else "",
            "Job Title": p.title,
            "City": p.place[0] if r.random() < 0.8 else "",
            "State/Region": p.place[1] if r.random() < 0.7 else "",
            "Postal Code": p.place[2] if r.random() < 0.5 else "",
            "Country/Region": r.choice(("United States", "United States", "US", "USA", "")),
            "Lifecycle Stage": r.choice(
                ("lead", "marketingqualifiedlead", "customer", "opportunity", "subscriber")
            ),
            "Contact owner": r.choice(OWNERS),
            "Create Date": f"20{r.randint(18, 25)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d} "
            f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}",
        }
        row.update(over)
        return row

    def lead_row(self, p: Person, **over) -> dict:
        r = self.r
        company = p.company.name if p.company else ""
        if company and r.random() < 0.25:
            company = company.rsplit(" ", 1)[0] if company.endswith(SUFFIXES) else company
        row = {
            "Salutation": p.salutation or (("Mr." if p.gender == "m" else "Ms.") if r.random() < 0.3 else ""),
            "First Name": p.first,
            "Last Name": f"{p.last} {p.suffix}".strip(),
            "Title": p.title if r.random() < 0.6 else "",
            "Company / Account": company or "[not provided]",
            "Email": p.email,
            "Phone": self.phone_text(p) if r.random() < 0.7 else "",
            "Mobile": digits_formatted(p.mobile, r) if p.mobile and r.random() < 0.8 else "",
            "City": p.place[0] if r.random() < 0.6 else "",
            "State/Province": p.place[1] if r.random() < 0.6 else "",
            "Zip/Postal Code": p.place[2] if r.random() < 0.3 else "",
            "Country": r.choice(("United States", "USA", "")),
            "Lead Source": r.choice(("Web", "Trade Show", "Partner Referral", "Purchased List", "Webinar")),
            "Lead Status": r.choice(("Open - Not Contacted", "Working - Contacted", "Nurturing")),
            "Lead Owner": r.choice(OWNERS),
            "Create Date": f"{r.randint(1, 12)}/{r.randint(1, 28)}/{r.randint(2023, 2026)}",
        }
        row.update(over)
        return row


@dataclass
class Builder:
    world: World
    out: GeneratedCases = field(default_factory=GeneratedCases)
    staff: list = field(default_factory=list)  # (person, crm id) of the background not used by a case yet

    def crm(self, p: Person, **over) -> str:
        row = self.world.crm_row(p, **over)
        self.out.crm_rows.append(row)
        return row[CRM_ID]

    def case(self, category: str, row: dict, *truth: str) -> None:
        self.out.cases.append(GeneratedCase(category, row, tuple(truth)))

    def take(self, test=lambda p: True) -> tuple[Person, str]:
        order = list(range(len(self.staff)))
        self.world.r.shuffle(order)
        for index in order:
            p, crm_id = self.staff[index]
            if test(p):
                self.staff[index] = self.staff[-1]
                self.staff.pop()
                return p, crm_id
        raise RuntimeError("no background person fits")

    def company(self, big: bool | None = None) -> Company:
        pool = [c for c in self.world.companies if big is None or c.big == big]
        return self.world.r.choice(pool)


def background(b: Builder, people: int) -> None:
    w = b.world
    for _ in range(people):
        company = b.company() if w.r.random() < 0.85 else None
        if company and not company.big and w.r.random() < 0.5:
            company = b.company(big=True)
        p = w.person(company)
        b.staff.append((p, b.crm(p)))


# -- the categories ---------------------------------------------------------------------------------------------


def domain_rebrand(b: Builder, i: int) -> None:
    w = b.world
    p, crm_id = b.take(lambda p: p.company is not None and "@" in p.email)
    local, domain = p.email.split("@")
    tail = REBRAND[i % len(REBRAND)]
    stem = domain.rsplit(".", 1)[0]
    new_domain = f"get{stem}.com" if tail == "get" else f"{stem}{tail}"
    row = w.lead_row(p, Email=f"{local}@{new_domain}")
    if w.r.random() < 0.5:
        row.update(Phone="", Mobile="")
    b.case("domain_rebrand", row, crm_id)
    # A new hire at the rebranded company, the CRM person's surname: never the CRM person.
    colleague = w.person(p.company, last=p.last, gender="f" if p.gender == "m" else "m")
    colleague.email = f"{local_part(colleague.first, colleague.last, p.company.pattern)}@{new_domain}"
    b.case("domain_rebrand_colleague", w.lead_row(colleague, Mobile=""))


def same_initial(first: str) -> list[str]:
    return [name for name in FIRST["m"] + FIRST["f"] if name[0] == first[0]]


def alias_same_domain(b: Builder, i: int) -> None:
    w = b.world
    p, crm_id = b.take(
        lambda p: (
            p.company is not None and p.company.pattern == "first.last" and len(same_initial(p.first)) > 1
        )
    )
    domain = p.company.domain
    alias = w.r.choice((f"{letters(p.first)[:1]}.{letters(p.last)}", f"{letters(p.first)[:1]}{letters(p.last)}",
                        f"{letters(p.first)}", f"{letters(p.last)}.{letters(p.first)}"))  # fmt: skip
    w.used_emails.add(f"{alias}@{domain}")
    row = w.lead_row(p, Email=f"{alias}@{domain}")
    if i % 2:
        row["Mobile"] = ""
    b.case("alias_same_domain", row, crm_id)
    # A colleague: same surname and initial, their own alias; the company's switchboard as their phone.
    others = [f for f in same_initial(p.first) if f != p.first]
    colleague = w.person(p.company, first=w.r.choice(others), last=p.last, desk=False)
    colleague.email = w.mailbox(f"{letters(colleague.first)[:1]}.{letters(p.last)}", domain)
    b.case(
        "alias_colleague",
        w.lead_row(colleague, Phone=digits_formatted(p.company.switchboard, w.r), Mobile=""),
    )


def gmail_forms(b: Builder, i: int) -> None:
    w = b.world
    p = w.person(None)
    local = f"{letters(p.first)}.{letters(p.last)}{w.r.randint(1, 99)}"
    p.email = w.mailbox(local, "gmail.com")
    crm_id = b.crm(p)
    plain = p.email.split("@")[0].replace(".", "")
    variants = (
        f"{plain}@gmail.com", f"{local}+newsletter@gmail.com", f"{local}@googlemail.com",
        f"{plain[:3]}.{plain[3:]}@gmail.com", f"{local.upper()}@GMAIL.COM", f"{plain}+crm@gmail.com",
    )  # fmt: skip
    b.case("gmail_forms", w.lead_row(p, Email=variants[i % len(variants)], Mobile="", Phone=""), crm_id)


def left_and_returned(b: Builder, i: int) -> None:
    w = b.world
    p, _ = b.take(lambda p: p.company is not None and p.mobile)
    b.out.crm_rows.pop(next(k for k, row in enumerate(b.out.crm_rows) if row["Email"] == p.email))
    interim = b.company(big=False)
    away = replace(
        p, company=interim, email=w.mailbox(local_part(p.first, p.last, interim.pattern), interim.domain)
    )
    crm_id = b.crm(away)
    b.case("left_and_returned", w.lead_row(p, Phone=""), crm_id)


def assistant(b: Builder, i: int) -> None:
    w = b.world
    exec_, _ = b.take(lambda p: p.company is not None and p.desk)
    helper = w.person(exec_.company, desk=False)
    helper.title = "Executive Assistant"
    b.case("assistant_on_exec_phone", w.lead_row(helper, Phone=digits_formatted(exec_.desk, w.r), Mobile=""))
    boss, boss_id = b.take(lambda p: p.company is not None and p.desk)
    b.case(
        "exec_without_email",
        w.lead_row(boss, Email="", Phone=digits_formatted(boss.desk, w.r), Mobile=""),
        boss_id,
    )


def big_firm(b: Builder, i: int) -> None:
    w = b.world
    company = b.company(big=True)
    first, last = ("John", "Smith") if i % 3 == 0 else (w.r.choice(FIRST["m"]), w.r.choice(LAST[:20]))
    held = [w.person(company, first=first, last=last, gender="m") for _ in range(2 + i % 2)]
    ids = [b.crm(p) for p in held]
    known = held[0]
    b.case("big_firm_same_person", w.lead_row(known, Mobile="", Phone=digits_formatted(company.switchboard, w.r)),
           ids[0])  # fmt: skip
    newcomer = w.person(company, first=first, last=last, gender="m", desk=False)
    b.case(
        "big_firm_namesake", w.lead_row(newcomer, Mobile="", Phone=digits_formatted(company.switchboard, w.r))
    )


def one_name_column(b: Builder, i: int) -> None:
    w = b.world
    p, crm_id = b.take(lambda p: p.mobile or p.company)
    forms = (f"{p.last}, {p.first}", f"{p.first} {p.last}", f"Dr. {p.first} {p.last}", f"{p.first} {p.last} Jr.",
             f"{p.last.upper()}, {p.first}", f"{p.first.lower()} {p.last.lower()}")  # fmt: skip
    over = {"First Name": "", "Last Name": forms[i % len(forms)]}
    if i % 2:
        over["Email"] = ""
    b.case("one_name_column", w.lead_row(p, **over), crm_id)


def name_case_titles(b: Builder, i: int) -> None:
    w = b.world
    p, crm_id = b.take(lambda p: p.mobile)
    kind = i % 5
    over = {}
    if kind == 0:
        over = {"First Name": p.first.upper(), "Last Name": p.last.upper()}
    elif kind == 1:
        over = {"First Name": p.first.lower(), "Last Name": p.last.lower()}
    elif kind == 2:
        over = {"First Name": f"Dr. {p.first}", "Salutation": "Dr."}
    elif kind == 3:
        over = {"Last Name": f"{p.last} {w.r.choice(('Jr.', 'III', 'Jr', 'II', 'Sr.'))}"}
    else:
        over = {"First Name": f"Prof. {p.first}", "Last Name": f"{p.last}, PhD"}
    if i % 2:
        over["Email"] = w.personal_mailbox(p.first, p.last)
    b.case("name_case_titles", w.lead_row(p, **over), crm_id)


def father_son(b: Builder, i: int) -> None:
    w = b.world
    family = b.company(big=False)
    last = w.r.choice(LAST)
    father = w.person(family, first=w.r.choice(FIRST["m"]), last=last, gender="m", desk=False)
    father.desk = w.number(family.place[3])
    b.crm(father, **{"Last Name": f"{last} Sr." if i % 2 else last})
    son = w.person(family, first=father.first, last=last, gender="m", desk=False)
    son.suffix = w.r.choice(("Jr.", "Jr", "II"))
    b.case("father_son", w.lead_row(son, Phone=digits_formatted(father.desk, w.r), Mobile=""))


def mononym(b: Builder, i: int) -> None:
    w = b.world
    name = MONONYMS[i % len(MONONYMS)]
    company = b.company()
    p = w.person(company, first=name, last=name)
    p.email = w.mailbox(letters(name), company.domain)
    crm_id = b.crm(p, **{"First Name": "" if i % 2 else name, "Last Name": name})
    b.case("mononym", w.lead_row(p, **{"First Name": name if i % 3 == 0 else "", "Last Name": name}), crm_id)


def family_name_first(b: Builder, i: int) -> None:
    w = b.world
    given, family = EAST_ASIAN[i % len(EAST_ASIAN)]
    company = b.company()
    p = w.person(company, first=given, last=family)
    crm_id = b.crm(p)
    over = {"First Name": family, "Last Name": given}
    if i % 3 == 0:
        over = {"First Name": "", "Last Name": f"{family.upper()} {given}"}
    if i % 2:
        over["Email"] = ""
    b.case("family_name_first", w.lead_row(p, **over), crm_id)


def particles(b: Builder, i: int) -> None:
    w = b.world
    held, typed = PARTICLE_FORMS[i % len(PARTICLE_FORMS)]
    company = b.company()
    p = w.person(company, last=held)
    crm_id = b.crm(p)
    b.case("particles", w.lead_row(p, **{"Last Name": typed, "Email": "" if i % 2 else p.email}), crm_id)


def married_name(b: Builder, i: int) -> None:
    w = b.world
    p, crm_id = b.take(lambda p: p.gender == "f" and p.mobile and p.company is not None)
    married = w.r.choice([name for name in LAST if name != p.last])
    wed = replace(p, last=married)
    email = w.mailbox(local_part(p.first, married, p.company.pattern), p.company.domain)
    b.case("married_name", w.lead_row(wed, Email=email if i % 2 else "", Phone=""), crm_id)
    # Her sister at the same company: the family's home landline on both, the maiden surname.
    sister = w.person(p.company, last=p.last, gender="f", desk=False)
    home = w.number()
    for row in b.out.crm_rows:
        if row[CRM_ID] == crm_id:
            row["Phone Number"] = digits_formatted(home, w.r)
    b.case("married_name_sister", w.lead_row(sister, Phone=digits_formatted(home, w.r), Mobile=""))


def nickname_alias(b: Builder, i: int) -> None:
    w = b.world
    formal = list(NICKNAMES)[i % len(NICKNAMES)]
    company = b.company()
    p = w.person(company, first=formal, gender="m" if formal in FIRST["m"] else "f")
    crm_id = b.crm(p)
    nick = w.r.choice(NICKNAMES[formal])
    email = w.mailbox(local_part(nick, p.last, company.pattern), company.domain)
    b.case("nickname_alias", w.lead_row(p, **{"First Name": nick, "Email": email}), crm_id)


def placeholders(b: Builder, i: int) -> None:
    w = b.world
    # CRM records holding placeholder values (a rep could not get them).
    holder, _ = b.take(lambda p: p.company is not None)
    fake_email = PLACEHOLDER_EMAILS[i % len(PLACEHOLDER_EMAILS)]
    fake_phone = PLACEHOLDER_PHONES[i % len(PLACEHOLDER_PHONES)]
    for row in b.out.crm_rows:
        if row["Email"] == holder.email:
            row.update({"Email": fake_email, "Phone Number": fake_phone})
    stranger = w.person(holder.company if i % 2 else b.company(), desk=False)
    b.case("placeholder_values", w.lead_row(stranger, Email=fake_email, Phone=fake_phone, Mobile=""))
    known, known_id = b.take(lambda p: p.mobile)
    b.case("placeholder_known", w.lead_row(known, Email=PLACEHOLDER_EMAILS[(i + 1) % 6],
                                           Phone=PLACEHOLDER_PHONES[(i + 1) % 5]), known_id)  # fmt: skip


def test_records(b: Builder, i: int) -> None:
    w = b.world
    if i % 3 == 0:  # HubSpot holds a few test contacts too
        tester = Person("Test", "Test", "m", None, "test@test.com", "", "", "", w.place(), "")
        b.crm(tester, **{"Phone Number": "1234567890"})
    names = (("Test", "Test"), ("asdf", "asdf"), ("", "[not provided]"), ("N/A", "N/A"), ("Test", "User"),
             ("John", "Doe"), ("x", "x"), ("", "Unknown"))  # fmt: skip
    first, last = names[i % len(names)]
    p = Person(first, last, "m", None, PLACEHOLDER_EMAILS[i % 6], "", "", "", w.place(), "")
    b.case(
        "test_records",
        w.lead_row(p, Phone=PLACEHOLDER_PHONES[i % 5], **{"Company / Account": "[not provided]"}),
    )


def sparse(b: Builder, i: int) -> None:
    w = b.world
    p, crm_id = b.take(lambda p: p.mobile and p.company)
    blank = {column: "" for column in INBOUND_COLUMNS if column != INBOUND_ID}
    if i % 2:
        row = {
            **blank,
            "Email": p.email,
            "Last Name": "[not provided]",
            "Company / Account": "[not provided]",
        }
    else:
        row = {**blank, "First Name": p.first, "Last Name": p.last, "Mobile": digits_formatted(p.mobile, w.r)}
    b.case("sparse_known", row, crm_id)
    q, _ = b.take(lambda p: p.company is not None)
    if i % 2:
        row = {**blank, "First Name": q.first, "Last Name": "[not provided]", "Company / Account": q.company.name,
               "Phone": digits_formatted(q.company.switchboard, w.r)}  # fmt: skip
    else:
        row = {**blank, "Last Name": q.last, "City": q.place[0], "Company / Account": "[not provided]"}
    b.staff.append((q, _))
    b.case("sparse_unknown", row)


def phone_extensions(b: Builder, i: int) -> None:
    w = b.world
    p, crm_id = b.take(lambda p: p.ext)
    b.case("phone_extensions", w.lead_row(p, Email="", Mobile="", Phone=w.phone_text(p)), crm_id)
    colleague = w.person(p.company, last=p.last, desk=False)
    colleague.ext = str(int(p.ext) + 1 + i % 7)
    b.case("extension_colleague", w.lead_row(colleague, Mobile="", Phone=w.phone_text(colleague)))


def spouses(b: Builder, i: int) -> None:
    w = b.world
    last = w.r.choice(LAST)
    husband = w.person(None, last=last, gender="m")
    wife = w.person(None, last=last, gender="f")
    home_mail = w.mailbox(w.r.choice((f"the{letters(last)}s", f"{letters(last)}family",
                                      f"{letters(husband.first)}and{letters(wife.first)}")), w.r.choice(FREE_MAIL))  # fmt: skip
    landline = w.number()
    for p in (husband, wife):
        p.email, p.desk, p.mobile = home_mail, landline, ""
    wife.place = husband.place
    b.crm(husband)
    if i % 2:
        wife_id = b.crm(wife)
        b.case("spouse_both_known", w.lead_row(wife), wife_id)
    else:
        b.case("spouse_shared_email", w.lead_row(wife))


def personal_vs_work(b: Builder, i: int) -> None:
    w = b.world
    p, crm_id = b.take(lambda p: p.company is not None and p.mobile)
    b.case("personal_vs_work", w.lead_row(p, Email=w.personal_mailbox(p.first, p.last), Phone=""), crm_id)


def job_change(b: Builder, i: int) -> None:
    w = b.world
    p, crm_id = b.take(lambda p: p.company is not None and p.mobile)
    new = b.company()
    moved = replace(p, company=new, email=w.mailbox(local_part(p.first, p.last, new.pattern), new.domain),
                    ext="", desk="", title=w.r.choice(TITLES))  # fmt: skip
    b.case("job_change", w.lead_row(moved), crm_id)


def crm_duplicate(b: Builder, i: int) -> None:
    w = b.world
    p, crm_id = b.take(lambda p: p.company is not None and p.mobile)
    twin = replace(p, email=w.personal_mailbox(p.first, p.last))
    other_id = b.crm(twin, **{"Phone Number": ""})
    b.case("crm_duplicate", w.lead_row(p, Email=p.email if i % 2 else "", Phone=""), crm_id, other_id)


def role_mailbox(b: Builder, i: int) -> None:
    w = b.world
    holder, _ = b.take(lambda p: p.company is not None)
    role = f"{('sales', 'info', 'contact', 'office', 'accounts', 'hello')[i % 6]}@{holder.company.domain}"
    for row in b.out.crm_rows:
        if row["Email"] == holder.email:
            row["Email"] = role
    other = w.person(holder.company, desk=False)
    b.case("role_mailbox", w.lead_row(other, Email=role, Mobile=""))


def not_in_crm(b: Builder, i: int) -> None:
    w = b.world
    anchor, anchor_id = b.take(lambda p: p.company is not None)
    b.staff.append((anchor, anchor_id))
    if i % 3 == 0:
        p = w.person(anchor.company, first=anchor.first, desk=i % 2 == 0)
    elif i % 3 == 1:
        p = w.person(anchor.company, last=anchor.last, desk=i % 2 == 0)
    else:
        p = w.person(b.company() if w.r.random() < 0.8 else None)
    b.case("not_in_crm", w.lead_row(p))


MAKERS = (
    domain_rebrand, alias_same_domain, gmail_forms, left_and_returned, assistant, big_firm, one_name_column,
    name_case_titles, father_son, mononym, family_name_first, particles, married_name, nickname_alias,
    placeholders, test_records, sparse, phone_extensions, spouses, personal_vs_work, job_change, crm_duplicate,
    role_mailbox,
)  # fmt: skip


def person_cases(people: int, per_category: int, *, seed: int) -> GeneratedCases:
    """The HubSpot export (background and each case's records) and the leads, shuffled, with ids."""
    w = World(seed)
    b = Builder(w)
    background(b, people)
    for make in MAKERS:
        for i in range(per_category):
            make(b, i)
    for i in range(per_category * 6):
        not_in_crm(b, i)
    for _ in range(per_category * 6):
        p, crm_id = b.take(lambda p: p.email or p.mobile)
        b.case("plain", w.lead_row(p), crm_id)
    w.r.shuffle(b.out.crm_rows)
    w.r.shuffle(b.out.cases)
    for item in b.out.cases:
        item.external_id = w.lead_id()
    return b.out


# Splink reads both files standardised as `identity_quality.PERSON_SQL` does; phones without an extension, on
# their last ten digits; the lead's mobile first (its office line is often a switchboard).
_EXT = "'\\s*(ext\\.?|extension|x|#|,|;ext=)\\s*[0-9]+$'"
PERSON_SQL = {
    "crm": f"""
        SELECT "{CRM_ID}" AS unique_id,
               nullif(lower(trim("First Name")), '') AS first_name,
               nullif(lower(trim("Last Name")), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               right({{phone}}(regexp_replace(lower(coalesce(nullif("Mobile Phone Number", ''), "Phone Number")),
                     {_EXT}, '')), 10) AS phone,
               {{company}}("Company Name") AS company,
               nullif(trim("Postal Code"), '') AS zip,
               nullif(lower(trim("City")), '') AS city,
               NULL AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{INBOUND_ID}" AS unique_id,
               nullif(lower(trim("First Name")), '') AS first_name,
               nullif(nullif(lower(trim("Last Name")), '[not provided]'), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               right({{phone}}(regexp_replace(lower(coalesce(nullif("Mobile", ''), "Phone")), {_EXT}, '')), 10)
                     AS phone,
               {{company}}(nullif("Company / Account", '[not provided]')) AS company,
               nullif(trim("Zip/Postal Code"), '') AS zip,
               nullif(lower(trim("City")), '') AS city,
               NULL AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}


def main() -> None:
    run_generated(
        "identity-thirteenth",
        [
            GeneratedSuite(
                "people", lambda args: person_cases(args.people, args.per_category, seed=args.seed),
                "hubspot", "salesforce_leads", CRM_COLUMNS, INBOUND_COLUMNS, INBOUND_ID,
                ["--provider", "hubspot", "--object", "contacts", "--kind", "person", "--id-column", CRM_ID],
                "person", PERSON_SQL, "HubSpot contacts export <- Salesforce Leads report",
            ),
        ],
        seed=131, people=2500, orgs=0,
    )  # fmt: skip


if __name__ == "__main__":
    main()
