"""A thirty-third record set: HubSpot contacts of an Indian B2B seller linked from its IndiaMART enquiries.

    python benchmarks/identity_thirtythird.py [--people 2000] [--per-category 40] [--seed 331] [--skip-splink]
                                              [--keep DIR]

An Indian manufacturer sells to traders, workshops and factories and keeps its buyers in HubSpot. The CRM side is
its contacts export under HubSpot's property labels: `Record ID`, `First Name`, `Last Name`, `Email` (unique per
contact, as HubSpot keeps it), `Phone Number` (the firm's landline, shared by its people), `Mobile Phone Number`,
`Company Name`, `Job Title`, `City`, `State/Region`, `Postal Code`, `Country/Region` ("India" or blank), the
portal's custom property `GST Number` (the firm's GSTIN: 15 characters, the state's two-digit code, the firm's
PAN, the registration's number, "Z", a check character), `Contact owner`, `Lifecycle Stage`, `Lead Status`,
`Create Date`. Reps typed the numbers the way Indians write them: ten digits, "0" in front, "+91" with or without
spaces, "98765-43210"; cities under the name they knew (Bombay, Madras, Bangalore, Gurgaon, Calcutta, Baroda,
Cochin, Poona, Mysore, Trivandrum) or the current one; names as the buyer gave them: initials before a given name
("K. S." / "Ramesh", "R" / "Krishnan"), the father's name written out as a surname, one name and nothing else,
a middle name or none.

The inbound side is IndiaMART's Lead Manager CRM API (version 2) as an integration writes its `RESPONSE` records
to a CSV, the keys as IndiaMART names them, in its order: `UNIQUE_QUERY_ID`, `QUERY_TYPE` (W a direct enquiry, B
a bought BuyLead, P a PNS call), `QUERY_TIME`, `SENDER_NAME` (the buyer's whole name in one cell, as the buyer
registered it: initials, surname first, one word, capitals, "Mr."), `SENDER_MOBILE` ("+91-9876543210"),
`SENDER_EMAIL`, `SUBJECT`, `SENDER_COMPANY` (as the buyer writes it: "Pvt. Ltd." or "Private Limited" or
nothing, "Shree" or "Sri", "M/s." in front, capitals), `SENDER_ADDRESS`, `SENDER_CITY` (IndiaMART's current city
names), `SENDER_STATE`, `SENDER_PINCODE`, `SENDER_COUNTRY_ISO`, `SENDER_MOBILE_ALT`, `SENDER_PHONE` (a landline,
"+91-22-23456789"), `SENDER_PHONE_ALT`, `SENDER_EMAIL_ALT`, `QUERY_PRODUCT_NAME`, `QUERY_MESSAGE` (now and then
with the buyer's GSTIN typed in it), `QUERY_MCAT_NAME`, `CALL_DURATION`, `RECEIVER_MOBILE` (the seller's own
line, on every PNS call). IndiaMART's records carry no GSTIN field.

Categories, each with its truth (the HubSpot contact, or none). IN:
- `email_known`: the CRM's address (capitals now and then); the name in another written form; the company's
  legal form another way.
- `mobile_known`: the CRM's mobile (written otherwise in the CRM); a new address or none.
- `initials_name`: a South Indian name with initials: the CRM holds "K. S." / "Ramesh", "Ramesh" / "K S" or the
  father's name written out ("Ramesh" / "Krishnan"); the enquiry "K.S. Ramesh", "Ramesh K S", "R Ramesh"; the
  CRM's mobile or address.
- `single_name`: one name on either side ("Murugan"); the CRM's mobile or address and the firm.
- `surname_first`: the name written family name (or father's name) first ("Krishnan Ramesh", "Sharma Rajesh");
  the CRM's mobile or address.
- `middle_name_varies`: a middle name (the father's, or "Kumar", "Lal", "Prasad") written on one side only or
  as its initial; the CRM's mobile or address.
- `legal_form_city`: the firm's name with another legal form ("Pvt. Ltd." / "Private Limited" / "LLP" / none,
  "M/s."), the city under its other name (Bombay / Mumbai), the CRM's mobile.
- `alt_contact`: a new mobile and address in the primary fields, the CRM's mobile or address in `_ALT`.
- `family_shared_mobile`: a family firm whose one mobile is on the father's and the sons' contacts (and nobody
  else's); the enquiry is one of them by his given name, with the mobile (his own address now and then).
- `partner_shared_gmail`: a shop's Gmail held (HubSpot: once) on one partner's contact; the other partner, a
  CRM contact too, enquires with it, his own name and the shop's name (his own mobile half the time).
- `repeat_enquiry`: the same CRM contact twice: once with the mobile, once with the address.
OUT:
- `namesake_other_firm`: a CRM contact's full name (Kumar, Singh, Sharma, Patel, Reddy...) at another firm in
  another city, with a mobile and address of his own.
- `namesake_same_city`: the same in the CRM contact's own city (another firm).
- `family_member_not_in_crm`: a son or nephew the CRM does not hold, on the family firm's shared mobile, his
  own given name and the family's surname.
- `shared_gmail_staff`: a shop's employee the CRM does not hold, on the shop's Gmail, another name.
- `firm_landline_colleague`: a colleague the CRM does not hold, with the firm's landline in `SENDER_PHONE`, a
  mobile of his own.
- `not_in_crm`: buyers the CRM does not hold (common surnames among them).

Fairness: every row has one truth a careful reader of both records can tell. A mobile is one person's but for
the family firms' shared ones (whose holders' given names differ in their first letter); an address is one
person's but for the shops' Gmails (whose partners' names differ); a landline and a GSTIN are the firm's. Two
CRM contacts may share a full name (common surnames) only at different firms; an enquiry with a CRM contact's
full name and none of his keys is never his. IN rows carry the person's mobile or address but in
`family_shared_mobile` and `partner_shared_gmail`, where the name among the family's or the partners' contacts
decides, and a partner enquiring on the shop's Gmail names the shop. Written from scratch (only
`identity_quality`'s and `generated_phones`' interfaces). Every seed deterministic.
"""

import random
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta
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
    CRM_ID, "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number", "Company Name", "Job Title",
    "City", "State/Region", "Postal Code", "Country/Region", "GST Number", "Contact owner", "Lifecycle Stage",
    "Lead Status", "Create Date",
]  # fmt: skip
INBOUND_ID = "UNIQUE_QUERY_ID"
INBOUND_COLUMNS = [
    INBOUND_ID, "QUERY_TYPE", "QUERY_TIME", "SENDER_NAME", "SENDER_MOBILE", "SENDER_EMAIL", "SUBJECT",
    "SENDER_COMPANY", "SENDER_ADDRESS", "SENDER_CITY", "SENDER_STATE", "SENDER_PINCODE", "SENDER_COUNTRY_ISO",
    "SENDER_MOBILE_ALT", "SENDER_PHONE", "SENDER_PHONE_ALT", "SENDER_EMAIL_ALT", "QUERY_PRODUCT_NAME",
    "QUERY_MESSAGE", "QUERY_MCAT_NAME", "CALL_DURATION", "RECEIVER_MOBILE",
]  # fmt: skip

# -- people ---------------------------------------------------------------------------------------------------

NORTH_GIVEN = [
    "Rajesh", "Suresh", "Mahesh", "Ramesh", "Amit", "Sumit", "Rohit", "Vikas", "Sanjay", "Ajay", "Vijay", "Anil",
    "Sunil", "Deepak", "Manoj", "Pankaj", "Rakesh", "Mukesh", "Dinesh", "Naresh", "Ashok", "Alok", "Gaurav",
    "Nitin", "Sachin", "Vivek", "Arun", "Varun", "Harish", "Yogesh", "Hitesh", "Jignesh", "Bhavesh", "Chirag",
    "Hardik", "Nikhil", "Kunal", "Tarun", "Neeraj", "Pradeep", "Sandeep", "Kuldeep", "Gurpreet", "Harpreet",
    "Manpreet", "Priya", "Neha", "Pooja", "Anjali", "Kavita", "Sunita", "Rekha", "Meena", "Swati", "Shweta",
    "Ritu", "Nisha", "Divya", "Komal", "Payal",
]  # fmt: skip
# Surnames as they are spread: a handful (Kumar, Singh, Sharma, Patel...) carry a large share of the country.
COMMON_SURNAMES = ["Kumar", "Singh", "Sharma", "Patel", "Reddy", "Gupta", "Shah", "Agarwal", "Verma", "Jain"]
OTHER_SURNAMES = [
    "Mehta", "Yadav", "Das", "Banerjee", "Chatterjee", "Mukherjee", "Joshi", "Kulkarni", "Deshpande", "Patil",
    "Chauhan", "Thakur", "Malhotra", "Khanna", "Kapoor", "Bansal", "Goyal", "Mittal", "Sethi", "Arora", "Bhatia",
    "Saxena", "Srivastava", "Tiwari", "Mishra", "Pandey", "Dubey", "Chaudhary", "Desai", "Trivedi", "Pandya",
    "Parekh", "Shetty", "Hegde", "Kamath", "Nair", "Menon", "Pillai", "Rao", "Naidu", "Gowda", "Bhat", "Iyer",
]  # fmt: skip
MIDDLE_NAMES = ["Kumar", "Lal", "Prasad", "Chand", "Nath", "Pal", "Ram"]
# Tamil, Telugu and Kannada given names, and fathers' names a South Indian initial stands for.
SOUTH_GIVEN = [
    "Ramesh", "Murugan", "Senthil", "Karthik", "Saravanan", "Balaji", "Ganesan", "Venkatesh", "Srinivasan",
    "Arumugam", "Selvam", "Prakash", "Anand", "Vignesh", "Lakshmi", "Kavitha", "Revathi", "Meenakshi", "Sowmya",
    "Sathish", "Rajkumar", "Elango", "Palani", "Mani", "Kannan", "Raghu", "Naveen", "Madhavan", "Gopal", "Shankar",
]  # fmt: skip
SOUTH_FATHERS = [
    "Krishnan", "Subramanian", "Ramasamy", "Natarajan", "Sundaram", "Venkataraman", "Raghavan", "Shanmugam",
    "Rajendran", "Govindan", "Palaniappan", "Arunachalam", "Chandrasekar", "Mohan", "Kumaresan", "Selvaraj",
]  # fmt: skip
VILLAGE_INITIALS = "KMPSTVR"
STAFF = [
    "Anita Desai",
    "Rohan Mathur",
    "Farhan Qureshi",
    "Leela Nambiar",
]  # the seller's reps (Contact owner)

# -- firms and places -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class City:
    name: str  # the current name, as IndiaMART writes it
    old: str  # the name a rep may still type ("" when none)
    state: str
    gst_code: str
    pin_prefix: str


CITIES = [
    City("Mumbai", "Bombay", "Maharashtra", "27", "400"),
    City("Pune", "Poona", "Maharashtra", "27", "411"),
    City("Chennai", "Madras", "Tamil Nadu", "33", "600"),
    City("Coimbatore", "", "Tamil Nadu", "33", "641"),
    City("Bengaluru", "Bangalore", "Karnataka", "29", "560"),
    City("Mysuru", "Mysore", "Karnataka", "29", "570"),
    City("Gurugram", "Gurgaon", "Haryana", "06", "122"),
    City("Kolkata", "Calcutta", "West Bengal", "19", "700"),
    City("Vadodara", "Baroda", "Gujarat", "24", "390"),
    City("Ahmedabad", "", "Gujarat", "24", "380"),
    City("Surat", "", "Gujarat", "24", "395"),
    City("Kochi", "Cochin", "Kerala", "32", "682"),
    City("Thiruvananthapuram", "Trivandrum", "Kerala", "32", "695"),
    City("New Delhi", "", "Delhi", "07", "110"),
    City("Ludhiana", "", "Punjab", "03", "141"),
    City("Jaipur", "", "Rajasthan", "08", "302"),
    City("Hyderabad", "", "Telangana", "36", "500"),
    City("Indore", "", "Madhya Pradesh", "23", "452"),
]
SOUTH_STATES = {"Tamil Nadu", "Karnataka", "Kerala", "Telangana"}
FIRM_STEMS = [
    "Shree Ganesh", "Balaji", "Sai Krishna", "Om Sai", "Mahalaxmi", "Shiv Shakti", "Jai Ambe", "Sri Venkateswara",
    "Vinayaka", "Annapurna", "Bharat", "National", "Royal", "Supreme", "Perfect", "Galaxy", "Unique", "Modern",
    "Shree Durga", "Murugan", "Kaveri", "Ganga", "Navkar", "Mahavir", "Arihant", "Sunrise", "Everest", "Popular",
    "Standard", "Precision", "Apex", "Shree Ram", "Hanuman", "Sri Lakshmi", "Amrit", "Kohinoor", "Vishal",
    "Pragati", "Sagar", "Bhagyalaxmi",
]  # fmt: skip
TRADES = [
    "Traders", "Enterprises", "Industries", "Engineering Works", "Electricals", "Hardware Stores", "Steel",
    "Agencies", "Polymers", "Packaging", "Textiles", "Chemicals", "Machine Tools", "Pumps", "Fasteners",
]  # fmt: skip
# A firm's legal form as its registration writes it, and the other ways people write the same form.
LEGAL_FORMS = {
    "Pvt. Ltd.": ["Private Limited", "Pvt Ltd", "Pvt. Ltd", "(P) Ltd", "PRIVATE LIMITED"],
    "Private Limited": ["Pvt. Ltd.", "Pvt Ltd", "Pvt. Ltd"],
    "LLP": ["LLP", "L.L.P."],
    "& Sons": ["and Sons", "& Sons"],
    "& Co.": ["& Co", "and Company"],
    "": [""],
}
PERSONAL_DOMAINS = ["gmail.com", "gmail.com", "gmail.com", "yahoo.co.in", "rediffmail.com", "yahoo.com",
                    "hotmail.com", "outlook.com"]  # fmt: skip
TITLES = ["Proprietor", "Partner", "Director", "Managing Director", "Purchase Manager", "Purchase Executive",
          "Owner", "Accounts", "Store Incharge", "Plant Head"]  # fmt: skip
PRODUCTS = [
    ("Stainless Steel Pipe", "SS Pipes"), ("Submersible Pump", "Submersible Pumps"),
    ("Industrial Fasteners", "Fasteners"), ("HDPE Bags", "HDPE Bags"), ("Copper Wire", "Copper Wires"),
    ("Gear Motor", "Geared Motors"), ("MS Angle", "Mild Steel Angles"), ("PVC Pipe Fittings", "PVC Fittings"),
    ("Corrugated Box", "Corrugated Boxes"), ("Safety Shoes", "Safety Shoes"),
]  # fmt: skip
SELLER_LINE = "+91-9810012345"  # the seller's own number: RECEIVER_MOBILE of its PNS calls


def gstin_check(first14: str) -> str:
    """GSTIN's check character: a Luhn mod 36 over the first fourteen characters."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    total = 0
    for index, char in enumerate(first14):
        product = alphabet.index(char) * (2 if index % 2 else 1)
        total += product // 36 + product % 36
    return alphabet[(36 - total % 36) % 36]


@dataclass
class Firm:
    stem: str
    trade: str
    form: str
    city: City
    gstin: str = ""
    landline: str = ""
    domain: str = ""
    people: list = field(default_factory=list)
    family: bool = False
    shared_mobile: str = ""
    shop_gmail: str = ""

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.stem, self.trade, self.form) if part)


@dataclass
class Person:
    given: str
    surname: str  # "" for one name only
    firm: Firm
    crm_first: str = ""
    crm_last: str = ""
    father: str = ""  # a South Indian's father's name (his initial)
    village: str = ""  # a South Indian's village or house initial
    middle: str = ""
    mobile: str = ""
    email: str = ""
    title: str = ""
    id: str = ""
    shares_mobile: bool = False
    holds_shop_gmail: bool = False

    @property
    def south(self) -> bool:
        return bool(self.father)


class Generator:
    def __init__(self, seed: int, people: int, per_category: int) -> None:
        self.rng = random.Random(seed)
        self.target = people
        self.per = per_category
        self.firms: list[Firm] = []
        self.persons: list[Person] = []
        self.crm_rows: list[dict] = []
        self.cases: list[GeneratedCase] = []
        self.numbers: set[str] = {
            phonenumbers.format_number(phonenumbers.parse(SELLER_LINE), PhoneNumberFormat.E164)
        }
        self.emails: set[str] = set()
        self.ids: set[str] = set()
        self.pans: set[str] = set()
        self.used: set[int] = set()
        self.crm_names: set[tuple[str, str]] = set()  # (given, surname) of CRM persons, folded
        self.outsiders: set[tuple[str, str]] = set()
        self.taken: set[tuple[str, str, str, str]] = set()  # (given, surname, father, city) of CRM persons
        self.start = datetime(2026, 10, 1, 9, 0, 0)

    # -- draws ----------------------------------------------------------------------------------------------

    def mobile(self) -> str:
        return fresh_number(self.rng, "IN", PhoneNumberType.MOBILE, self.numbers, random_digits=9)

    def landline(self) -> str:
        return fresh_number(self.rng, "IN", PhoneNumberType.FIXED_LINE, self.numbers, random_digits=8)

    def crm_written(self, e164: str) -> str:
        """A mobile as an Indian rep types it into HubSpot."""
        national = e164[3:]
        return self.rng.choice(
            [
                national,
                national,
                f"0{national}",
                e164,
                f"+91 {national[:5]} {national[5:]}",
                f"{national[:5]}-{national[5:]}",
                f"+91-{national}",
                f"91{national}",
            ]
        )

    def landline_written(self, e164: str, *, crm: bool) -> str:
        parsed = phonenumbers.parse(e164)
        national = phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)  # "074104 10123"
        if not crm:
            digits = national.replace(" ", "").lstrip("0")
            return f"+91-{digits[:2]}-{digits[2:]}"
        return self.rng.choice([national, national.replace(" ", ""), f"+91 {national.lstrip('0')}"])

    @staticmethod
    def indiamart_mobile(e164: str) -> str:
        return f"+91-{e164[3:]}"

    def mailbox(self, first: str, last: str = "", domain: str = "") -> str:
        domain = domain or self.rng.choice(PERSONAL_DOMAINS)
        f = "".join(ch for ch in first.lower() if ch.isalpha())
        l = "".join(ch for ch in last.lower() if ch.isalpha())  # noqa: E741
        forms = ["{f}.{l}", "{f}{l}", "{f}_{l}", "{l}{f}", "{fi}{l}"] if l else ["{f}", "{f}.{c}"]
        for attempt in range(60):
            local = self.rng.choice(forms).format(f=f, l=l, fi=f[:1], c=self.rng.choice(["in", "india", "m"]))
            if domain in PERSONAL_DOMAINS and (attempt or self.rng.random() < 0.6):
                local += str(self.rng.choice([self.rng.randint(1, 99), self.rng.randint(1965, 2002)]))
            address = f"{local}@{domain}"
            if address not in self.emails:
                self.emails.add(address)
                return address
        raise RuntimeError("no mailbox left")

    def pan(self, kind: str, name_letter: str) -> str:
        while True:
            letters = "".join(self.rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(3))
            value = f"{letters}{kind}{name_letter}{self.rng.randint(0, 9999):04d}{self.rng.choice('ABCDEFGHJKLMNPQRSTUVWXYZ')}"
            if value not in self.pans:
                self.pans.add(value)
                return value

    def gstin(self, firm: Firm, surname: str) -> str:
        kind = "C" if "Ltd" in firm.form or "Limited" in firm.form else ("F" if firm.form else "P")
        letter = (firm.stem if kind != "P" else surname or firm.stem)[0].upper()
        first14 = f"{firm.city.gst_code}{self.pan(kind, letter)}{self.rng.choice('1112')}Z"
        return first14 + gstin_check(first14)

    def fresh_name(self, *, south: bool) -> tuple[str, str]:
        """A given name and a surname (none for a South Indian, whose father's name stands in its place), the
        common surnames drawn three times as often as each of the others."""
        if south:
            return self.rng.choice(SOUTH_GIVEN), ""
        return self.rng.choice(NORTH_GIVEN), self.rng.choice(COMMON_SURNAMES * 3 + OTHER_SURNAMES)

    # -- the CRM --------------------------------------------------------------------------------------------

    def new_firm(self, *, family_surname: str = "") -> Firm:
        city = self.rng.choice(CITIES)
        while True:
            stem = family_surname if family_surname else self.rng.choice(FIRM_STEMS)
            trade = self.rng.choice(TRADES)
            form = (
                "& Sons"
                if family_surname
                else self.rng.choice(["Pvt. Ltd.", "Private Limited", "LLP", "& Co.", "", "", ""])
            )
            firm = Firm(stem, trade, form, city)
            if all((f.name, f.city) != (firm.name, city) for f in self.firms):
                break
        if self.rng.random() < 0.6 or form in ("Pvt. Ltd.", "Private Limited"):
            firm.gstin = self.gstin(firm, family_surname)
        if self.rng.random() < 0.5:
            firm.landline = self.landline()
        if form in ("Pvt. Ltd.", "Private Limited", "LLP") and self.rng.random() < 0.6:
            firm.domain = "".join(ch for ch in (stem + trade).lower() if ch.isalpha())[:18] + self.rng.choice(
                [".com", ".in", ".co.in"]
            )
        self.firms.append(firm)
        return firm

    def person_id(self) -> str:
        while (
            value := str(self.rng.randint(10_000_000, 99_999_999) * 10 + self.rng.randint(0, 9))
        ) in self.ids:
            pass
        self.ids.add(value)
        return value

    def add_person(
        self, firm: Firm, *, given: str = "", surname: str = "", south: bool | None = None
    ) -> Person:
        if south is None:
            south = firm.city.state in SOUTH_STATES and self.rng.random() < 0.6
        father = self.rng.choice(SOUTH_FATHERS) if south else ""
        if not given:
            given, surname = self.fresh_name(south=south)
        # no two CRM persons of one firm share a given name, nor a full name (a father's name) within one city
        while (
            any(p.given == given for p in firm.people)
            or (given, surname, father, firm.city.name) in self.taken
        ):
            given, surname = self.fresh_name(south=south)
            father = self.rng.choice(SOUTH_FATHERS) if south else ""
        self.taken.add((given, surname, father, firm.city.name))
        person = Person(given, surname, firm, title=self.rng.choice(TITLES), father=father)
        if south:
            person.village = self.rng.choice(VILLAGE_INITIALS) if self.rng.random() < 0.5 else ""
        elif surname and self.rng.random() < 0.25:
            person.middle = self.rng.choice(MIDDLE_NAMES)
        person.crm_first, person.crm_last = self.crm_name_of(person)
        person.mobile = self.mobile() if self.rng.random() < 0.85 else ""
        if self.rng.random() < 0.7:
            domain = firm.domain if firm.domain and self.rng.random() < 0.6 else ""
            person.email = self.mailbox(given, surname or person.father, domain)
        self.persons.append(person)
        firm.people.append(person)
        self.crm_names.add((given.lower(), surname.lower()))
        return person

    def crm_name_of(self, person: Person) -> tuple[str, str]:
        """How the rep wrote the name into First Name / Last Name."""
        if person.south:
            initials = "".join(i for i in (person.village, person.father[0]) if i)
            spaced = " ".join(initials)
            dotted = ". ".join(initials) + "."
            return self.rng.choice(
                [
                    (person.given, spaced),
                    (dotted, person.given),
                    (person.given, person.father),
                    (person.given, initials),
                    (person.given, ""),
                ]
            )
        if person.middle and self.rng.random() < 0.6:
            return f"{person.given} {person.middle}", person.surname
        return person.given, person.surname

    def crm_row(self, person: Person) -> dict:
        person.id = self.person_id()
        firm = person.firm
        mobile = person.mobile or (firm.shared_mobile if person.shares_mobile else "")
        email = person.email or (firm.shop_gmail if person.holds_shop_gmail else "")
        city = firm.city.old if firm.city.old and self.rng.random() < 0.5 else firm.city.name
        row = {
            CRM_ID: person.id,
            "First Name": person.crm_first,
            "Last Name": person.crm_last,
            "Email": email,
            "Phone Number": self.landline_written(firm.landline, crm=True) if firm.landline else "",
            "Mobile Phone Number": self.crm_written(mobile) if mobile else "",
            "Company Name": firm.name if self.rng.random() < 0.8 else firm.name.upper(),
            "Job Title": person.title if self.rng.random() < 0.6 else "",
            "City": city if self.rng.random() < 0.85 else "",
            "State/Region": firm.city.state if self.rng.random() < 0.5 else "",
            "Postal Code": f"{firm.city.pin_prefix}{self.rng.randint(1, 99):03d}"
            if self.rng.random() < 0.3
            else "",
            "Country/Region": "India" if self.rng.random() < 0.5 else "",
            "GST Number": firm.gstin if firm.gstin and self.rng.random() < 0.7 else "",
            "Contact owner": self.rng.choice(STAFF),
            "Lifecycle Stage": self.rng.choice(["Lead", "Customer", "Customer", "Opportunity"]),
            "Lead Status": self.rng.choice(["New", "Connected", "Open Deal", "In Progress", ""]),
            "Create Date": (self.start - timedelta(days=self.rng.randint(30, 1500))).strftime(
                "%Y-%m-%d %H:%M"
            ),
        }
        self.crm_rows.append(row)
        return row

    def family_firm(self) -> None:
        surname = self.rng.choice([*COMMON_SURNAMES[3:], "Mehta", "Bansal", "Goyal", "Mittal", "Agarwal"])
        firm = self.new_firm(family_surname=surname)
        firm.family = True
        firm.shared_mobile = self.mobile()
        initials_taken: set[str] = set()
        for _ in range(self.rng.choice([2, 3, 3])):
            for _ in range(100):
                given = self.rng.choice(NORTH_GIVEN[:45])
                if given[0] not in initials_taken and (given, surname, "", firm.city.name) not in self.taken:
                    break
            initials_taken.add(given[0])
            person = self.add_person(firm, given=given, surname=surname, south=False)
            person.mobile = ""
            person.shares_mobile = True
        firm.people[0].title = "Proprietor"

    def partner_firm(self) -> None:
        firm = self.new_firm()
        stem = "".join(ch for ch in (firm.stem + firm.trade).lower() if ch.isalpha())
        firm.shop_gmail = (
            f"{stem}{self.rng.choice(['', '.' + firm.city.name.split()[-1].lower(), '1'])}@gmail.com"
        )
        if firm.shop_gmail in self.emails:
            firm.shop_gmail = f"{stem}{self.rng.randint(10, 99)}@gmail.com"
        self.emails.add(firm.shop_gmail)
        first = self.add_person(firm, south=False)
        second = self.add_person(firm, south=False)
        while second.given[0] == first.given[0]:
            firm.people.remove(second)
            self.persons.remove(second)
            second = self.add_person(firm, south=False)
        first.email, first.holds_shop_gmail = "", True
        first.mobile = first.mobile or self.mobile()
        second.email = ""
        second.mobile = second.mobile or self.mobile()
        first.title = second.title = "Partner"

    def build_crm(self) -> None:
        families = max(self.per, self.target // 40)
        for _ in range(families):
            self.family_firm()
        for _ in range(max(self.per, self.target // 50)):
            self.partner_firm()
        while len(self.persons) < self.target:
            firm = (
                self.new_firm() if self.rng.random() < 0.55 or not self.firms else self.rng.choice(self.firms)
            )
            if firm.family or firm.shop_gmail:
                continue
            self.add_person(firm)
        for person in self.persons:
            self.crm_row(person)

    # -- the enquiries --------------------------------------------------------------------------------------

    def pick(self, test=lambda p: True) -> Person:
        pool = [p for p in self.persons if id(p) not in self.used and test(p)]
        person = self.rng.choice(pool)
        self.used.add(id(person))
        return person

    def written_name(self, person: Person, form: str = "") -> str:
        """The buyer's name as IndiaMART holds it: as the buyer registered it."""
        form = form or self.rng.choice(["plain", "plain", "plain", "lower", "upper", "mr"])
        if person.south:
            initials = "".join(i for i in (person.village, person.father[0]) if i)
            text = self.rng.choice(
                [f"{' '.join(initials)} {person.given}", f"{person.given} {' '.join(initials)}",
                 f"{'.'.join(initials)}. {person.given}", f"{person.given} {person.father}"]
            )  # fmt: skip
        else:
            text = f"{person.given} {person.surname}".strip()
        if form == "lower":
            return text.lower()
        if form == "upper":
            return text.upper()
        if form == "mr":
            return f"{'Mrs.' if person.given in NORTH_GIVEN[45:] else 'Mr.'} {text}"
        return text

    def company_written(self, firm: Firm) -> str:
        stem = firm.stem
        if stem.startswith("Shree ") and self.rng.random() < 0.4:
            stem = self.rng.choice(["Sri ", "Shri "]) + stem[6:]
        form = self.rng.choice(LEGAL_FORMS[firm.form])
        if self.rng.random() < 0.25 and firm.form not in ("& Sons", "& Co."):
            form = ""
        text = " ".join(part for part in (stem, firm.trade, form) if part)
        roll = self.rng.random()
        if roll < 0.15:
            text = f"M/s. {text}"
        elif roll < 0.3:
            text = text.upper()
        return text

    def enquiry(
        self,
        category: str,
        truth: list[str],
        *,
        name: str,
        city: City,
        company: str = "",
        mobile: str = "",
        email: str = "",
        mobile_alt: str = "",
        email_alt: str = "",
        landline: str = "",
        gstin: str = "",
    ) -> None:
        product, mcat = self.rng.choice(PRODUCTS)
        kind = self.rng.choice(["W", "W", "B", "B", "P"]) if mobile else self.rng.choice(["W", "B"])
        at = self.start + timedelta(minutes=self.rng.randint(0, 60 * 24 * 60))
        message = f"I am interested in buying {product}. Kindly send me price and other details."
        if kind == "B":
            message += f"<br>Quantity : {self.rng.choice([50, 100, 500, 1000])} Piece<br>Probable Requirement Type : Business Use"
        if gstin and self.rng.random() < 0.5:
            message += f"<br>GSTIN : {gstin}"
        area = self.rng.choice(["MIDC", "Industrial Area", "GIDC", "Sector 18", "Main Road", "Market Yard"])
        pincode = f"{city.pin_prefix}{self.rng.randint(1, 99):03d}"
        row = {
            "QUERY_TYPE": kind,
            "QUERY_TIME": at.strftime("%Y-%m-%d %H:%M:%S"),
            "SENDER_NAME": name,
            "SENDER_MOBILE": self.indiamart_mobile(mobile) if mobile else "",
            "SENDER_EMAIL": email if kind != "P" or self.rng.random() < 0.3 else "",
            "SUBJECT": f"Requirement for {product}",
            "SENDER_COMPANY": company,
            "SENDER_ADDRESS": f"{self.rng.randint(1, 400)}, {area}, {city.name}, {city.state}, {pincode}"
            if self.rng.random() < 0.6
            else "",
            "SENDER_CITY": city.name,
            "SENDER_STATE": city.state,
            "SENDER_PINCODE": pincode if self.rng.random() < 0.7 else "",
            "SENDER_COUNTRY_ISO": "IN",
            "SENDER_MOBILE_ALT": self.indiamart_mobile(mobile_alt) if mobile_alt else "",
            "SENDER_PHONE": self.landline_written(landline, crm=False) if landline else "",
            "SENDER_PHONE_ALT": "",
            "SENDER_EMAIL_ALT": email_alt,
            "QUERY_PRODUCT_NAME": product,
            "QUERY_MESSAGE": message,
            "QUERY_MCAT_NAME": mcat,
            "CALL_DURATION": str(self.rng.randint(8, 400)) if kind == "P" else "",
            "RECEIVER_MOBILE": SELLER_LINE if kind == "P" else "",
        }
        if kind == "P" and not row["SENDER_EMAIL"] and email:
            row["SENDER_EMAIL"] = email  # a key the row was meant to carry is never lost
        self.cases.append(GeneratedCase(category, row, tuple(truth)))

    def of(self, person: Person, category: str, **fields) -> None:
        fields.setdefault("name", self.written_name(person))
        fields.setdefault("city", person.firm.city)
        fields.setdefault("company", self.company_written(person.firm) if self.rng.random() < 0.8 else "")
        fields.setdefault("gstin", person.firm.gstin)
        self.enquiry(category, [person.id], **fields)

    def own_key(self, person: Person) -> dict:
        choices = []
        if person.mobile:
            choices.append({"mobile": person.mobile, "email": self.maybe_new_mail(person)})
        if person.email:
            choices.append({"email": self.cased(person.email)})
        return self.rng.choice(choices)

    def maybe_new_mail(self, person: Person) -> str:
        return self.mailbox(person.given, person.surname or person.father) if self.rng.random() < 0.5 else ""

    def cased(self, address: str) -> str:
        return address.upper() if self.rng.random() < 0.1 else address

    @staticmethod
    def keyed(person: Person) -> bool:
        return (
            bool(person.mobile or person.email) and not person.shares_mobile and not person.holds_shop_gmail
        )

    # IN

    def email_known(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: p.email and self.keyed(p))
            self.of(person, "email_known", email=self.cased(person.email),
                    mobile=person.mobile if self.rng.random() < 0.3 else "")  # fmt: skip

    def mobile_known(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: p.mobile and self.keyed(p))
            self.of(person, "mobile_known", mobile=person.mobile, email=self.maybe_new_mail(person))

    def initials_name(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: p.south and self.keyed(p))
            self.of(person, "initials_name", **self.own_key(person))

    def single_name(self) -> None:
        for index in range(self.per // 2):
            if index % 2:
                person = self.pick(lambda p: p.south and not p.crm_last and self.keyed(p))
                name = self.rng.choice([person.given, person.given.upper()])
            else:
                person = self.pick(lambda p: not p.south and p.surname and self.keyed(p))
                name = person.given
            self.of(person, "single_name", name=name, company=self.company_written(person.firm),
                    **self.own_key(person))  # fmt: skip

    def surname_first(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: (p.south or p.surname) and self.keyed(p))
            last = person.father if person.south else person.surname
            name = self.rng.choice([f"{last} {person.given}", f"{last.upper()} {person.given}"])
            self.of(person, "surname_first", name=name, **self.own_key(person))

    def middle_name_varies(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.middle and self.keyed(p))
            name = self.rng.choice(
                [f"{person.given} {person.surname}", f"{person.given} {person.middle[0]}. {person.surname}",
                 f"{person.given} {person.middle} {person.surname}"]
            )  # fmt: skip
            self.of(person, "middle_name_varies", name=name, **self.own_key(person))

    def legal_form_city(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.mobile and p.firm.form and self.keyed(p))
            self.of(
                person, "legal_form_city", company=self.company_written(person.firm), mobile=person.mobile
            )

    def alt_contact(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.keyed(p))
            key = self.own_key(person)
            new_mobile = self.mobile()
            if "mobile" in key:
                self.of(person, "alt_contact", mobile=new_mobile, mobile_alt=person.mobile,
                        email=self.maybe_new_mail(person))  # fmt: skip
            else:
                self.of(person, "alt_contact", mobile=new_mobile,
                        email=self.mailbox(person.given, person.surname or person.father), email_alt=person.email)  # fmt: skip

    def family_shared_mobile(self) -> None:
        firms = [f for f in self.firms if f.family]
        for index in range(self.per // 2):
            firm = firms[index % len(firms)]
            person = self.rng.choice(firm.people)
            self.used.add(id(person))
            email = person.email if person.email and self.rng.random() < 0.3 else ""
            self.of(person, "family_shared_mobile", mobile=firm.shared_mobile, email=email,
                    company=self.company_written(firm), landline=firm.landline if self.rng.random() < 0.3 else "")  # fmt: skip

    def partner_shared_gmail(self) -> None:
        firms = [f for f in self.firms if f.shop_gmail]
        for index in range(self.per // 2):
            firm = firms[index % len(firms)]
            partner = next(p for p in firm.people if not p.holds_shop_gmail)
            self.used.add(id(partner))
            self.of(partner, "partner_shared_gmail", email=firm.shop_gmail, company=self.company_written(firm),
                    mobile=partner.mobile if self.rng.random() < 0.5 else "")  # fmt: skip

    def repeat_enquiry(self) -> None:
        for _ in range(self.per // 4):
            person = self.pick(lambda p: p.mobile and p.email and self.keyed(p))
            self.of(person, "repeat_enquiry", mobile=person.mobile)
            self.of(person, "repeat_enquiry", email=person.email)

    # OUT

    def outsider(self, given: str, surname: str, city: City, category: str, **fields) -> None:
        self.outsiders.add((given.lower(), surname.lower()))
        self.enquiry(category, [], name=f"{given} {surname}".strip(), city=city, **fields)

    def namesake(self, category: str, *, same_city: bool) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.surname in COMMON_SURNAMES and not p.middle and self.keyed(p))
            others = [f for f in self.firms if f is not person.firm and not f.family and not f.shop_gmail]
            if same_city:
                others = [f for f in others if f.city == person.firm.city] or others
            else:
                others = [f for f in others if f.city != person.firm.city]
            firm = self.rng.choice(others)
            self.outsider(person.given, person.surname, firm.city, category,
                          company=self.company_written(firm), mobile=self.mobile(),
                          email=self.mailbox(person.given, person.surname) if self.rng.random() < 0.7 else "")  # fmt: skip

    def namesake_other_firm(self) -> None:
        self.namesake("namesake_other_firm", same_city=False)

    def namesake_same_city(self) -> None:
        self.namesake("namesake_same_city", same_city=True)

    def family_member_not_in_crm(self) -> None:
        firms = [f for f in self.firms if f.family]
        for index in range(self.per // 2):
            firm = firms[index % len(firms)]
            taken = {p.given[0] for p in firm.people}
            given = self.rng.choice([g for g in NORTH_GIVEN[:45] if g[0] not in taken])
            self.outsider(given, firm.stem, firm.city, "family_member_not_in_crm", company=self.company_written(firm),
                          mobile=firm.shared_mobile,
                          email=self.mailbox(given, firm.stem) if self.rng.random() < 0.5 else "")  # fmt: skip

    def shared_gmail_staff(self) -> None:
        firms = [f for f in self.firms if f.shop_gmail]
        for index in range(self.per // 2):
            firm = firms[index % len(firms)]
            taken = {p.given[0] for p in firm.people} | {p.surname for p in firm.people}
            given, surname = self.fresh_name(south=False)
            while given[0] in taken or surname in taken:
                given, surname = self.fresh_name(south=False)
            self.outsider(given, surname, firm.city, "shared_gmail_staff", company=self.company_written(firm),
                          email=firm.shop_gmail, mobile=self.mobile() if self.rng.random() < 0.5 else "")  # fmt: skip

    def firm_landline_colleague(self) -> None:
        firms = [f for f in self.firms if f.landline and f.people and not f.family]
        for _ in range(self.per // 2):
            firm = self.rng.choice(firms)
            taken = {p.given for p in firm.people}
            given, surname = self.fresh_name(south=False)
            while given in taken:
                given, surname = self.fresh_name(south=False)
            self.outsider(given, surname, firm.city, "firm_landline_colleague", company=self.company_written(firm),
                          landline=firm.landline, mobile=self.mobile(),
                          email=self.mailbox(given, surname) if self.rng.random() < 0.5 else "")  # fmt: skip

    def not_in_crm(self) -> None:
        for _ in range(self.per * 2):
            city = self.rng.choice(CITIES)
            for _ in range(1000):
                given, surname = self.fresh_name(south=False)
                if (given.lower(), surname.lower()) not in self.crm_names:
                    break
            company = ""
            if self.rng.random() < 0.7:
                company = f"{self.rng.choice(FIRM_STEMS)} {self.rng.choice(TRADES)}"
            self.outsider(given, surname, city, "not_in_crm", company=company, mobile=self.mobile(),
                          email=self.mailbox(given, surname) if self.rng.random() < 0.6 else "")  # fmt: skip

    def build(self) -> GeneratedCases:
        self.build_crm()
        for category in (
            self.email_known, self.mobile_known, self.initials_name, self.single_name, self.surname_first,
            self.middle_name_varies, self.legal_form_city, self.alt_contact, self.family_shared_mobile,
            self.partner_shared_gmail, self.repeat_enquiry, self.namesake_other_firm, self.namesake_same_city,
            self.family_member_not_in_crm, self.shared_gmail_staff, self.firm_landline_colleague, self.not_in_crm,
        ):  # fmt: skip
            category()
        self.rng.shuffle(self.cases)
        for number, case in enumerate(self.cases, 1):
            case.external_id = str(2_700_000_000 + number * 131 + self.rng.randrange(131))
        return GeneratedCases.shuffled(self.rng, self.crm_rows, self.cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# Splink reads the CRM's first and last names as they are and the enquiry's `SENDER_NAME` split at its first
# space (the rest its last name), the addresses, the mobile (else the landline) on both sides, the company and
# the city as written.
PERSON_SQL = {
    "crm": f"""
        SELECT "{CRM_ID}" AS unique_id,
               nullif(lower(trim("First Name")), '') AS first_name,
               nullif(lower(trim("Last Name")), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               {{phone}}(coalesce(nullif("Mobile Phone Number", ''), "Phone Number")) AS phone,
               {{company}}("Company Name") AS company,
               nullif(trim("Postal Code"), '') AS zip,
               nullif(lower(trim("City")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{INBOUND_ID}" AS unique_id,
               nullif(lower(split_part(trim("SENDER_NAME"), ' ', 1)), '') AS first_name,
               nullif(lower(trim(substr(trim("SENDER_NAME"), length(split_part(trim("SENDER_NAME"), ' ', 1)) + 1))), '')
                   AS last_name,
               nullif(lower(trim("SENDER_EMAIL")), '') AS email,
               {{phone}}(coalesce(nullif("SENDER_MOBILE", ''), "SENDER_PHONE")) AS phone,
               {{company}}("SENDER_COMPANY") AS company,
               nullif(trim("SENDER_PINCODE"), '') AS zip,
               nullif(lower(trim("SENDER_CITY")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}


SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="hubspot",
        inbound_file="indiamart_enquiries",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id=INBOUND_ID,
        cli_options=["--provider", "hubspot", "--object", "contacts", "--kind", "person"],
        splink_kind="person",
        sql=PERSON_SQL,
        source="HubSpot contacts <- IndiaMART enquiries (Lead Manager CRM API v2)",
        splink_model=person_model_em_on_email,
    )
]


if __name__ == "__main__":
    run_generated("identity33", SUITES, seed=331, people=2000, orgs=0, per_category=40)
