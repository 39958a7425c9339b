"""A twenty-third record set: Salesforce Contacts linked from a channel partner portal's deal registrations.

    python benchmarks/identity_twentythird.py [--people 3000] [--per-category 40] [--seed 231] [--skip-splink]
                                              [--keep DIR]

The CRM side is a Salesforce "Contacts & Accounts" report exported as CSV, under the report's column labels:
`Contact ID`, `Account ID`, `Account Name`, `Account Type` ("Customer", "Prospect" or "Partner": the vendor's
resellers are accounts of its CRM too, and their sales reps are contacts), `Website`, `First Name`, `Last
Name`, `Title`, `Email`, `Phone` (a direct line or, as often, the account's switchboard), `Mobile`, `Mailing
Street`, `Mailing City`, `Mailing State/Province`, `Mailing Zip/Postal Code`, `Mailing Country`, `Contact
Owner`, `Lead Source`, `Created Date`.

The inbound side is the deal-registration export of a partner relationship management portal (Impartner,
PartnerStack or Salesforce PRM style): `Registration ID`, `Registration Date`, `Registration Status`, `Partner
Account`, `Partner Tier`, `Partner Rep Name`, `Partner Rep Email`, `Partner Rep Phone` (who registered the
deal), then the end customer: `End Customer Company`, `End Customer Website`, `Customer Contact First Name`,
`Customer Contact Last Name`, `Customer Contact Email`, `Customer Contact Phone`, `Customer Contact Title`,
`End Customer City`, `End Customer State`, `End Customer Zip`, `End Customer Country`, and the deal:
`Estimated Deal Size`, `Currency`, `Product`, `Expected Close Date`. A row describes two people; only the
customer contact is the record to link, the partner rep is someone else.

Categories, each real in channel sales:
- `clean` (twice the count): the contact as the CRM has them, work address and own line.
- `switchboard_no_email`: the rep had only the account's main line and no address (the portal asks for one
  key at least; the main number sits on dozens of CRM contacts).
- `personal_email`: the contact's gmail/outlook address (the rep's notes from a conference), name and company.
- `nickname_initial`: "Bob" for Robert, "R. Smith", a middle initial; the work address or the direct line.
- `crm_duplicate`: the CRM holds the contact twice (a converted lead beside the contact); either is right.
- `two_partners_same_contact`: channel conflict: two partners registered the same opportunity, one with the
  work address, the other with the direct line or mobile.
- `rep_email_known_contact`: the portal demands a contact email; the partner rep typed their own (it is also
  in `Partner Rep Email`, and it is the CRM's email of the rep's own contact at the partner account). The end
  customer's contact is in the CRM; half the rows carry the contact's own line too.
- `rep_email_new_contact`: the same, the contact not in the CRM (truth none): the address's CRM holder is the
  rep, a different person at a different company.
- `rep_phone`: the rep typed their own mobile or direct line as the contact's phone, no email; the contact in
  the CRM half the time.
- `job_change_rep_at_old_customer`: a champion left the customer for the partner (the CRM still has her old
  contact at the customer, and a new one at the partner with her mobile); she registers a deal at her old
  employer naming a former colleague (in the CRM half the time) and types her own mobile or new partner
  address as the colleague's: the key's holders are her, at the customer's own company.
- `new_end_customer`: a company the CRM does not have, a contact it does not have (truth none).
- `new_contact_known_account`: a new stakeholder at a customer the CRM has, on its switchboard or an address
  at its domain nobody holds (truth none).
- `namesake_other_company`: a CRM contact's full name at another company (a CRM account or a new one), not in
  the CRM (truth none).

Fairness: every row has one truth its data can tell; full names are unique within an account in the CRM;
a contact the CRM does not hold never has the full name of a CRM contact at the same company (the namesakes
have a different company, and an address at their own company's domain or none); a rep's own key typed as
the contact's always comes with a contact name that shares neither first nor last name with the rep. Written
from scratch on `identity_quality`'s interfaces. Every seed deterministic.
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
    "Contact ID",
    "Account ID",
    "Account Name",
    "Account Type",
    "Website",
    "First Name",
    "Last Name",
    "Title",
    "Email",
    "Phone",
    "Mobile",
    "Mailing Street",
    "Mailing City",
    "Mailing State/Province",
    "Mailing Zip/Postal Code",
    "Mailing Country",
    "Contact Owner",
    "Lead Source",
    "Created Date",
]

INBOUND_COLUMNS = [
    "Registration ID",
    "Registration Date",
    "Registration Status",
    "Partner Account",
    "Partner Tier",
    "Partner Rep Name",
    "Partner Rep Email",
    "Partner Rep Phone",
    "End Customer Company",
    "End Customer Website",
    "Customer Contact First Name",
    "Customer Contact Last Name",
    "Customer Contact Email",
    "Customer Contact Phone",
    "Customer Contact Title",
    "End Customer City",
    "End Customer State",
    "End Customer Zip",
    "End Customer Country",
    "Estimated Deal Size",
    "Currency",
    "Product",
    "Expected Close Date",
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
    "Priya",
    "Arjun",
    "Mei",
    "Hiroshi",
    "Fatima",
    "Omar",
    "Sven",
    "Ingrid",
    "Lucia",
    "Mateo",
    "Chidi",
    "Ngozi",
    "Ravi",
    "Anika",
    "Tomasz",
    "Zofia",
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
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
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
    "Patel",
    "Shah",
    "Kumar",
    "Chen",
    "Wang",
    "Kim",
    "Park",
    "Tanaka",
    "Sato",
    "Muller",
    "Schmidt",
    "Novak",
    "Kowalski",
    "Okafor",
    "Adeyemi",
    "Evans",
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
    "Fitzgerald",
    "Lindqvist",
    "Haugen",
    "Dubois",
    "Moreau",
    "Rossi",
    "Bianchi",
    "Silva",
    "Costa",
    "O'Connor",
    "McAllister",
]
NICKNAMES = {
    "Robert": "Bob",
    "William": "Bill",
    "Michael": "Mike",
    "Katherine": "Kate",
    "Elizabeth": "Beth",
    "James": "Jim",
    "Jennifer": "Jenny",
    "Thomas": "Tom",
    "Christopher": "Chris",
    "Daniel": "Danny",
    "Matthew": "Matt",
    "Anthony": "Tony",
    "Joseph": "Joe",
    "Steven": "Steve",
    "Andrew": "Drew",
    "Samantha": "Sam",
    "Nicholas": "Nick",
    "Alexander": "Alex",
    "Benjamin": "Ben",
    "Jonathan": "Jon",
    "Deborah": "Deb",
    "Timothy": "Tim",
    "Kimberly": "Kim",
    "Patricia": "Patty",
    "Margaret": "Maggie",
    "Kenneth": "Ken",
    "Gregory": "Greg",
    "Rebecca": "Becky",
    "Victoria": "Tori",
    "Edward": "Ed",
}
TITLES = (
    "CIO",
    "IT Director",
    "VP Infrastructure",
    "Head of Security",
    "Network Engineer",
    "Procurement Manager",
    "CFO",
    "Systems Administrator",
    "Director of Operations",
    "Cloud Architect",
    "IT Manager",
    "CTO",
)
REP_TITLES = ("Account Executive", "Partner Sales Manager", "Solutions Engineer", "Channel Account Manager")
SYLLABLES = [
    "nor",
    "ast",
    "vel",
    "tri",
    "kor",
    "mar",
    "bel",
    "cas",
    "dun",
    "fal",
    "gal",
    "hal",
    "ion",
    "jun",
    "kal",
    "lum",
    "mer",
    "nex",
    "orb",
    "pix",
    "qua",
    "ros",
    "sol",
    "tan",
    "umb",
    "ver",
    "wyn",
    "xen",
    "yor",
    "zel",
]
INDUSTRY = (
    "Logistics",
    "Health",
    "Foods",
    "Energy",
    "Capital",
    "Manufacturing",
    "Retail",
    "Labs",
    "Media",
    "Insurance",
    "Systems",
    "Pharma",
)
PARTNER_WORDS = ("Networks", "Solutions", "IT Services", "Consulting", "Integration", "Technology Group")
FREE_MAIL = ("gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com")
PRODUCTS = ("Firewall Suite", "SD-WAN", "Endpoint Protection", "Cloud Backup", "Identity Platform")
OWNERS = ("Dana Whitfield", "Marcus Ortega", "Lena Brandt", "Sam Okoye")


@dataclass(frozen=True)
class Country:
    name: str
    region: str
    currency: str
    tld: str
    places: tuple  # (city, state, zip prefix)
    legal: tuple


COUNTRIES = (
    (
        Country(
            "United States",
            "US",
            "USD",
            ".com",
            (
                ("New York", "NY", "100"),
                ("Chicago", "IL", "606"),
                ("Austin", "TX", "787"),
                ("Seattle", "WA", "981"),
                ("Atlanta", "GA", "303"),
                ("Denver", "CO", "802"),
            ),
            ("Inc.", "LLC", "Corp."),
        ),
        65,
    ),
    (
        Country(
            "United Kingdom",
            "GB",
            "GBP",
            ".co.uk",
            (("London", "", "EC1"), ("Manchester", "", "M1"), ("Leeds", "", "LS1"), ("Bristol", "", "BS1")),
            ("Ltd", "Limited", "plc"),
        ),
        20,
    ),
    (
        Country(
            "Australia",
            "AU",
            "AUD",
            ".com.au",
            (("Sydney", "NSW", "2000"), ("Melbourne", "VIC", "3000"), ("Brisbane", "QLD", "4000")),
            ("Pty Ltd",),
        ),
        15,
    ),
)


def fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def token(text: str) -> str:
    return "".join(ch for ch in fold(text).lower() if ch.isalnum())


@dataclass
class Account:
    id: str
    name: str  # the CRM's
    short: str  # as a partner rep types it
    domain: str
    kind: str  # Customer, Prospect, Partner
    country: Country
    city: str
    state: str
    postcode: str
    street: str
    switchboard: str  # E.164
    pattern: str  # first.last, flast, first
    in_crm: bool = True
    tier: str = ""


@dataclass
class Person:
    first: str
    last: str
    account: Account
    title: str
    email: str = ""
    direct: str = ""
    mobile: str = ""
    records: list = field(default_factory=list)


class Generator:
    def __init__(self, seed: int, people: int, per_category: int):
        self.rng = random.Random(seed)
        self.size = people
        self.per = per_category
        self.crm: list[dict] = []
        self.cases: list[GeneratedCase] = []
        self.numbers: set[str] = set()
        self.ids: set[str] = set()
        self.mailboxes: set[str] = set()
        self.names_at: dict[str, set[str]] = {}  # account id -> full names (lower case) held there
        self.domains: set[str] = set()

    # -- identifiers ------------------------------------------------------------------------------------------
    def sf_id(self, prefix: str) -> str:
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
        while True:
            value = prefix + "5g" + "".join(self.rng.choice(alphabet) for _ in range(13))
            if value not in self.ids:
                self.ids.add(value)
                return value

    def number(self, country: Country, *, mobile: bool = False) -> str:
        while True:
            if country.region in ("US",):
                area = self.rng.choice(("212", "312", "512", "206", "404", "303", "646", "737", "425", "917"))
                text = f"+1{area}{self.rng.randrange(200, 1000)}{self.rng.randrange(10000):04d}"
            elif country.region == "GB":
                lead = (
                    self.rng.choice(("74", "75", "77", "78", "79"))
                    if mobile
                    else self.rng.choice(("20", "161"))
                )
                text = f"+44{lead}{self.rng.randrange(10 ** (10 - len(lead))):0{10 - len(lead)}d}"
            else:
                lead = "4" if mobile else self.rng.choice(("2", "3", "7"))
                text = f"+61{lead}{self.rng.randrange(10**8):08d}"
            parsed = phonenumbers.parse(text)
            kind = phonenumbers.number_type(parsed)
            mobile_kinds = (
                phonenumbers.PhoneNumberType.MOBILE,
                phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
            )
            if text in self.numbers or not phonenumbers.is_valid_number(parsed):
                continue
            if country.region != "US" and mobile != (kind in mobile_kinds):
                continue
            self.numbers.add(text)
            return text

    def typed(self, e164: str, *, crm: bool) -> str:
        """A number as a person typed it: E.164, international or national; a US rep often with dots."""
        if not e164:
            return ""
        parsed = phonenumbers.parse(e164)
        national = phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)
        styles = [
            phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL),
            national,
            e164 if crm else national,
        ]
        if e164.startswith("+1"):
            digits = str(parsed.national_number)
            styles.append(f"{digits[:3]}.{digits[3:6]}.{digits[6:]}")
        return self.rng.choice(styles)

    def name(self) -> tuple[str, str]:
        return self.rng.choice(FIRST), self.rng.choice(LAST)

    def free_name(self, account: Account, avoid: tuple[str, str] | None = None) -> tuple[str, str]:
        """A name nobody holds at `account`, sharing neither first nor last name with `avoid`."""
        while True:
            first, last = self.name()
            if f"{first} {last}".lower() in self.names_at.get(account.id, set()):
                continue
            if avoid and (first == avoid[0] or last == avoid[1]):
                continue
            return first, last

    def address(self, account: Account, first: str, last: str) -> str:
        f, surname = token(first), token(last)
        local = {"first.last": f"{f}.{surname}", "flast": f"{f[0]}{surname}", "first": f"{f}{surname[0]}"}[
            account.pattern
        ]
        candidate, n = local, 1
        while f"{candidate}@{account.domain}" in self.mailboxes:
            n += 1
            candidate = f"{local}{n}"
        return f"{candidate}@{account.domain}"

    # -- the world --------------------------------------------------------------------------------------------
    def account(self, kind: str, *, in_crm: bool = True) -> Account:
        country = self.rng.choices([c for c, _ in COUNTRIES], [w for _, w in COUNTRIES])[0]
        while True:
            stem = "".join(self.rng.choice(SYLLABLES) for _ in range(2)).capitalize()
            word = self.rng.choice(PARTNER_WORDS if kind == "Partner" else INDUSTRY)
            short = f"{stem} {word}"
            domain = token(stem + word.split()[0]) + country.tld
            if domain not in self.domains:
                self.domains.add(domain)
                break
        city, state, zip_prefix = self.rng.choice(country.places)
        if country.region == "US":
            postcode = f"{zip_prefix}{self.rng.randrange(100):02d}"
        elif country.region == "GB":
            postcode = f"{zip_prefix} {self.rng.randrange(1, 10)}{self.rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{self.rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        else:
            postcode = zip_prefix
        return Account(
            id=self.sf_id("001"),
            name=f"{short} {self.rng.choice(country.legal)}",
            short=short,
            domain=domain,
            kind=kind,
            country=country,
            city=city,
            state=state,
            postcode=postcode,
            street=f"{self.rng.randrange(1, 2000)} {self.rng.choice(('Market', 'King', 'Park', 'Harbour', 'Main', 'Station'))} "
            f"{self.rng.choice(('Street', 'Avenue', 'Road'))}",
            switchboard=self.number(country),
            pattern=self.rng.choices(("first.last", "flast", "first"), (60, 30, 10))[0],
            in_crm=in_crm,
            tier=self.rng.choice(("Platinum", "Gold", "Silver", "Registered")) if kind == "Partner" else "",
        )

    def person(self, account: Account, first: str = "", last: str = "", *, rep: bool = False) -> Person:
        if not first:
            first, last = self.free_name(account)
        person = Person(first, last, account, self.rng.choice(REP_TITLES if rep else TITLES))
        person.email = self.address(account, first, last)
        person.direct = self.number(account.country)
        if rep or self.rng.random() < 0.55:
            person.mobile = self.number(account.country, mobile=True)
        return person

    def add_crm(self, person: Person, **overrides) -> dict:
        account = person.account
        draw = self.rng.random()
        phone = person.direct if draw < 0.45 else account.switchboard if draw < 0.85 else ""
        if account.kind == "Partner":
            phone = person.direct
        row = {
            "Contact ID": self.sf_id("003"),
            "Account ID": account.id,
            "Account Name": account.name,
            "Account Type": account.kind,
            "Website": self.rng.choice(
                (f"www.{account.domain}", f"https://www.{account.domain}", account.domain)
            ),
            "First Name": person.first,
            "Last Name": person.last,
            "Title": person.title,
            "Email": person.email,
            "Phone": self.typed(phone, crm=True),
            "Mobile": self.typed(person.mobile, crm=True)
            if person.mobile and self.rng.random() < 0.75
            else "",
            "Mailing Street": account.street,
            "Mailing City": account.city,
            "Mailing State/Province": account.state,
            "Mailing Zip/Postal Code": account.postcode,
            "Mailing Country": account.country.name,
            "Contact Owner": self.rng.choice(OWNERS),
            "Lead Source": self.rng.choice(("Partner Referral", "Web", "Trade Show", "Outbound", "")),
            "Created Date": f"{self.rng.randrange(1, 13)}/{self.rng.randrange(1, 29)}/20{self.rng.randrange(17, 26)}",
        }
        row.update(overrides)
        self.crm.append(row)
        if row["Email"]:
            self.mailboxes.add(row["Email"].lower())
        self.names_at.setdefault(account.id, set()).add(f"{row['First Name']} {row['Last Name']}".lower())
        person.records.append(row)
        return row

    def populate(self) -> None:
        self.partners = [self.account("Partner") for _ in range(max(6, self.size // 150))]
        self.reps: list[Person] = []
        for partner in self.partners:
            for _ in range(self.rng.randrange(3, 9)):
                rep = self.person(partner, rep=True)
                self.add_crm(rep, **{"Mobile": self.typed(rep.mobile, crm=True)})
                self.reps.append(rep)
        self.customers = [
            self.account(self.rng.choice(("Customer", "Customer", "Prospect")))
            for _ in range(max(20, self.size // 20))
        ]
        weights = [self.rng.choice((1, 2, 3, 5, 8)) for _ in self.customers]
        self.contacts: list[Person] = []
        while len(self.crm) < self.size:
            account = self.rng.choices(self.customers, weights)[0]
            person = self.person(account)
            self.add_crm(person)
            self.contacts.append(person)
        self.rng.shuffle(self.contacts)
        self.spare = list(self.contacts)
        self.spare_reps = list(self.reps)
        self.rng.shuffle(self.spare_reps)

    def take(self, test=lambda person: True) -> Person:
        for index, person in enumerate(self.spare):
            if len(person.records) == 1 and test(person):
                return self.spare.pop(index)
        raise RuntimeError("no contact left for a case")

    def take_rep(self, avoid: Person | None = None) -> Person:
        """A partner rep, reused across rows (a rep registers many deals), whose name shares nothing with
        `avoid`'s."""
        while True:
            rep = self.rng.choice(self.reps)
            if not avoid or (rep.first != avoid.first and rep.last != avoid.last):
                return rep

    def on_record(self, person: Person, number: str) -> bool:
        if not person.records:
            return number == person.direct  # someone the CRM does not hold: their own line
        record = person.records[0]
        return any(
            _e164(record[column], person.account.country.region) == number
            for column in ("Phone", "Mobile")
            if record[column]
        )

    # -- the registration row ---------------------------------------------------------------------------------
    def registration(
        self,
        contact: Person,
        *,
        rep: Person | None = None,
        email: str | None = None,
        phone: str | None = None,
        first: str | None = None,
        last: str | None = None,
    ) -> dict:
        """The row a partner rep filed for `contact`: the contact's work address and own line unless given."""
        rep = rep or self.take_rep(contact)
        account = contact.account
        if phone is None:
            phone = contact.direct if self.on_record(contact, contact.direct) else contact.mobile
        country = account.country
        day = self.rng.randrange(1, 29)
        month = self.rng.randrange(1, 12)
        company = account.short if self.rng.random() < 0.6 else account.name
        return {
            "Registration Date": f"2026-{month:02d}-{day:02d}",
            "Registration Status": self.rng.choice(
                ("Approved", "Approved", "Pending", "Rejected", "Expired")
            ),
            "Partner Account": rep.account.short,
            "Partner Tier": rep.account.tier,
            "Partner Rep Name": f"{rep.first} {rep.last}",
            "Partner Rep Email": rep.email,
            "Partner Rep Phone": self.typed(rep.mobile or rep.direct, crm=False),
            "End Customer Company": company,
            "End Customer Website": account.domain if self.rng.random() < 0.7 else "",
            "Customer Contact First Name": contact.first if first is None else first,
            "Customer Contact Last Name": contact.last if last is None else last,
            "Customer Contact Email": contact.email if email is None else email,
            "Customer Contact Phone": self.typed(phone, crm=False),
            "Customer Contact Title": contact.title if self.rng.random() < 0.8 else "",
            "End Customer City": account.city,
            "End Customer State": account.state,
            "End Customer Zip": account.postcode if self.rng.random() < 0.6 else "",
            "End Customer Country": country.name if self.rng.random() < 0.5 else country.region,
            "Estimated Deal Size": f"{self.rng.randrange(5, 400) * 1000}",
            "Currency": country.currency,
            "Product": self.rng.choice(PRODUCTS),
            "Expected Close Date": f"2027-{self.rng.randrange(1, 13):02d}-{self.rng.randrange(1, 29):02d}",
        }

    def case(self, category: str, row: dict, truth) -> None:
        self.cases.append(GeneratedCase(category, row, tuple(record["Contact ID"] for record in truth)))

    def personal(self, first: str, last: str) -> str:
        style = self.rng.choice(("{f}.{l}", "{f}{l}", "{f}.{l}{n}", "{i}{l}{n}"))
        local = style.format(f=token(first), l=token(last), i=token(first)[0], n=self.rng.randrange(1, 99))
        return f"{local}@{self.rng.choice(FREE_MAIL)}"

    def unheld_address(self, account: Account, first: str, last: str) -> str:
        guess = self.address(account, first, last)
        return guess if guess.lower() not in self.mailboxes else ""

    # -- categories: the contact is in the CRM ----------------------------------------------------------------
    def clean(self):
        contact = self.take()
        self.case("clean", self.registration(contact), contact.records)

    def switchboard_no_email(self):
        contact = self.take()
        row = self.registration(contact, email="", phone=contact.account.switchboard)
        self.case("switchboard_no_email", row, contact.records)

    def personal_email(self):
        contact = self.take()
        phone = contact.mobile if contact.mobile and self.rng.random() < 0.5 else ""
        row = self.registration(contact, email=self.personal(contact.first, contact.last), phone=phone)
        self.case("personal_email", row, contact.records)

    def nickname_initial(self):
        contact = self.take(lambda p: p.first in NICKNAMES or self.rng.random() < 0.3)
        draw = self.rng.random()
        if contact.first in NICKNAMES and draw < 0.6:
            first = NICKNAMES[contact.first]
        elif draw < 0.8:
            first = f"{contact.first[0]}."
        else:
            first = f"{contact.first} {self.rng.choice('ABCDEJKLMPRST')}."
        keep_email = self.rng.random() < 0.5 or not self.on_record(contact, contact.direct)
        row = self.registration(
            contact,
            first=first,
            email=None if keep_email else "",
            phone=contact.direct if self.on_record(contact, contact.direct) else "",
        )
        self.case("nickname_initial", row, contact.records)

    def crm_duplicate(self):
        """A converted lead beside the contact: the nickname or the same name, the address in capitals or
        none, the mobile."""
        contact = self.take(lambda p: p.mobile)
        self.add_crm(
            contact,
            **{
                "First Name": NICKNAMES.get(contact.first, contact.first),
                "Email": contact.email.upper() if self.rng.random() < 0.5 else "",
                "Phone": "",
                "Mobile": self.typed(contact.mobile, crm=True),
                "Lead Source": "Partner Referral",
            },
        )
        self.case("crm_duplicate", self.registration(contact), contact.records)

    def two_partners_same_contact(self):
        contact = self.take(lambda p: p.mobile or self.on_record(p, p.direct))
        first_rep = self.take_rep(contact)
        second_rep = self.take_rep(contact)
        while second_rep.account is first_rep.account:
            second_rep = self.take_rep(contact)
        self.case("two_partners_same_contact", self.registration(contact, rep=first_rep), contact.records)
        number = contact.direct if self.on_record(contact, contact.direct) else contact.mobile
        row = self.registration(contact, rep=second_rep, email="", phone=number)
        self.case("two_partners_same_contact", row, contact.records)

    # -- categories: a key of someone else ----------------------------------------------------------------------
    def rep_email_known_contact(self):
        contact = self.take()
        rep = self.take_rep(contact)
        phone = contact.direct if self.on_record(contact, contact.direct) and self.rng.random() < 0.5 else ""
        row = self.registration(contact, rep=rep, email=rep.email, phone=phone)
        self.case("rep_email_known_contact", row, contact.records)

    def rep_email_new_contact(self):
        account = (
            self.rng.choice(self.customers)
            if self.rng.random() < 0.6
            else self.account("Customer", in_crm=False)
        )
        first, last = self.free_name(account)
        contact = self.person(account, first, last)
        rep = self.take_rep(contact)
        phone = account.switchboard if self.rng.random() < 0.5 else ""
        row = self.registration(contact, rep=rep, email=rep.email, phone=phone)
        self.case("rep_email_new_contact", row, [])

    def rep_phone(self):
        known = self.rng.random() < 0.5
        if known:
            contact = self.take()
        else:
            account = self.rng.choice(self.customers)
            contact = self.person(account, *self.free_name(account))
        rep = self.take_rep(contact)
        number = rep.mobile if self.rng.random() < 0.6 else rep.direct
        row = self.registration(contact, rep=rep, email="", phone=number)
        self.case("rep_phone", row, contact.records if known else [])

    def job_change_rep_at_old_customer(self):
        """The mover's old contact at the customer keeps her old address and mobile; her new contact at the
        partner has the new address and the same mobile. The colleague she names shares no name with her."""
        mover = self.take(lambda p: p.mobile and self.on_record(p, p.mobile))
        partner = self.rng.choice(self.partners)
        moved = Person(mover.first, mover.last, partner, self.rng.choice(REP_TITLES), mobile=mover.mobile)
        moved.email = self.address(partner, mover.first, mover.last)
        moved.direct = self.number(partner.country)
        self.add_crm(moved, **{"Mobile": self.typed(moved.mobile, crm=True)})
        colleague = None
        if self.rng.random() < 0.5:
            colleague = next(
                (
                    p
                    for p in self.spare
                    if p.account is mover.account
                    and len(p.records) == 1
                    and p.first != mover.first
                    and p.last != mover.last
                ),
                None,
            )
        known = colleague is not None
        if known:
            self.spare.remove(colleague)
        if not known:
            colleague = self.person(mover.account, *self.free_name(mover.account, (mover.first, mover.last)))
        if self.rng.random() < 0.5:
            row = self.registration(colleague, rep=moved, email="", phone=mover.mobile)
        else:
            row = self.registration(colleague, rep=moved, email=moved.email, phone="")
        self.case("job_change_rep_at_old_customer", row, colleague.records if known else [])

    # -- categories: nobody the CRM holds -------------------------------------------------------------------------
    def new_end_customer(self):
        account = self.account(self.rng.choice(("Customer", "Prospect")), in_crm=False)
        contact = self.person(account)
        self.case("new_end_customer", self.registration(contact), [])

    def new_contact_known_account(self):
        account = self.rng.choice(self.customers)
        first, last = self.free_name(account)
        contact = self.person(account, first, last)
        if self.rng.random() < 0.5:
            row = self.registration(contact, email="", phone=account.switchboard)
        else:
            row = self.registration(
                contact, email=self.unheld_address(account, first, last), phone=contact.direct
            )
        self.case("new_contact_known_account", row, [])

    def namesake_other_company(self):
        holder = self.take()
        choices = [a for a in self.customers if a is not holder.account]
        account = (
            self.rng.choice(choices) if self.rng.random() < 0.6 else self.account("Customer", in_crm=False)
        )
        if f"{holder.first} {holder.last}".lower() in self.names_at.get(account.id, set()):
            return self.new_end_customer()
        contact = self.person(account, holder.first, holder.last)
        email = self.unheld_address(account, holder.first, holder.last) if self.rng.random() < 0.5 else ""
        phone = contact.direct if self.rng.random() < 0.5 else account.switchboard
        self.case("namesake_other_company", self.registration(contact, email=email, phone=phone), [])

    def build(self) -> GeneratedCases:
        self.populate()
        per = self.per
        for make, count in (
            (self.clean, 2 * per),
            (self.switchboard_no_email, per),
            (self.personal_email, per),
            (self.nickname_initial, per),
            (self.crm_duplicate, per),
            (self.two_partners_same_contact, per // 2),
            (self.rep_email_known_contact, per),
            (self.rep_email_new_contact, per),
            (self.rep_phone, per),
            (self.job_change_rep_at_old_customer, per),
            (self.new_end_customer, per),
            (self.new_contact_known_account, per),
            (self.namesake_other_company, per),
        ):
            for _ in range(count):
                make()
        self.rng.shuffle(self.cases)
        for index, case in enumerate(self.cases):
            case.external_id = f"DR-{260000 + index * 3 + self.rng.randrange(3):07d}"
        rows = list(self.crm)
        self.rng.shuffle(rows)
        return GeneratedCases(crm_rows=rows, cases=self.cases)


def _e164(text: str, region: str) -> str:
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return ""
    return phonenumbers.format_number(parsed, PhoneNumberFormat.E164)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


PERSON_SQL = {
    "crm": """
        SELECT "Contact ID" AS unique_id,
               nullif(lower(trim("First Name")), '') AS first_name,
               nullif(lower(trim("Last Name")), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               {phone}(coalesce(nullif("Mobile", ''), "Phone")) AS phone,
               {company}("Account Name") AS company,
               nullif(lower(trim("Mailing Zip/Postal Code")), '') AS zip,
               nullif(lower(trim("Mailing City")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{path}', all_varchar = true)
    """,
    "inbound": """
        SELECT "Registration ID" AS unique_id,
               nullif(lower(trim("Customer Contact First Name")), '') AS first_name,
               nullif(lower(trim("Customer Contact Last Name")), '') AS last_name,
               nullif(lower(trim("Customer Contact Email")), '') AS email,
               {phone}("Customer Contact Phone") AS phone,
               {company}("End Customer Company") AS company,
               nullif(lower(trim("End Customer Zip")), '') AS zip,
               nullif(lower(trim("End Customer City")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{path}', all_varchar = true)
    """,
}


SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="salesforce",
        inbound_file="deal_registrations",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id="Registration ID",
        cli_options=["--provider", "salesforce", "--object", "contacts", "--kind", "person"],
        splink_kind="person",
        sql=PERSON_SQL,
        source="Salesforce Contacts <- partner portal deal registrations",
        splink_model=person_model_em_on_email,
    )
]


if __name__ == "__main__":
    run_generated("identity23", SUITES, seed=231, people=3000, orgs=0, per_category=40)
