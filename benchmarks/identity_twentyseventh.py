"""A twenty-seventh record set: Salesforce NPSP Contacts linked from an online fundraising platform's export.

    python benchmarks/identity_twentyseventh.py [--people 3000] [--per-category 40] [--seed 271] [--skip-splink]
                                                [--keep DIR]

The CRM side is a Data Loader export of a nonprofit's Salesforce Contacts under the Nonprofit Success Pack
(NPSP): `Id` (18 characters), `Salutation`, `FirstName`, `LastName`, `Suffix`, `AccountId` and `Account.Name`
(the household account NPSP makes for every donor: "Smith Household"), the preferred `Email` and the three
NPSP addresses it is copied from (`npe01__HomeEmail__c`, `npe01__WorkEmail__c`, `npe01__AlternateEmail__c`,
with the `npe01__Preferred_Email__c` picklist), `Phone` (the preferred number), `HomePhone` (the household's
landline), `MobilePhone`, `npe01__WorkPhone__c`, `npe01__PreferredPhone__c`, the `Mailing...` address, and
`npsp__Deceased__c`. Households hold one or two adults (spouses, some of whom kept their own surnames, some of
whom share one mailbox), now and then a father and son of one name (Sr. and Jr.), US (ZIP+4) and UK donors.

The inbound side is a donations export of an online fundraising platform, its columns as such platforms label
them: `Transaction ID`, `Donation Date`, `Amount`, `Currency`, `Campaign`, `Recurring`, `Donor Title`,
`Donor First Name`, `Donor Last Name`, `Donor Email`, `Donor Phone`, `Billing Address 1`, `Billing Address 2`,
`Billing City`, `Billing State`, `Billing Postal Code`, `Billing Country`, `Anonymous`, `Gift Aid`,
`Tribute Type`, `Tribute Name`, `Company Name (matching gift)`, `Employer`, `Comment`. What the donor typed is
what a donation form gets: a nickname, a typo, an honorific, two names in one, a dedication in the name field.

Categories (truth: the CRM contact, either of two for a CRM duplicate, or none):
- `returning_donor`: the CRM's address (any of the NPSP three), the name in other capitals or spacing.
- `typo`, `nickname`, `initial`: the name so, with the CRM's address, or with a new address and the CRM's
  mobile and street.
- `new_email_same_phone`: a new personal address, the full name, the CRM's mobile (or home line) and street.
- `spouse_shared_email`: spouses sharing one mailbox, landline and address; the donor is one of them by name.
- `joint_name`: "John & Mary Smith", "Mr and Mrs J Smith", "The Smith Family" on the household's mailbox: the
  gift of a couple, not of one contact (truth none: review or no link).
- `junior_not_in_crm`: "John Smith Jr." at his father's address and landline (the CRM holds "John Smith Sr.",
  or John Smith whose address is not the son's): another person.
- `junior_in_crm`: the CRM holds Sr. and Jr. (the Suffix field, or the suffix in the surname); the donor is one.
- `maiden_name`: a married or maiden name the CRM does not hold, on the CRM's personal address and street.
- `widow_as_mrs_husband`: "Mrs John Smith", the widow under her late husband's name, her own address: her.
- `honorific`: "Rev.", "Dr.", "Hon.", "Sister", "Fr." in the title or the first-name field, "MD", "PhD",
  "OBE" after the surname.
- `tribute_in_name`: the dedication typed into the name fields ("In memory of" / "Jane Doe") on the donor's
  own address: the donor (the honoree may be a CRM contact too).
- `matching_gift_company`: an employer's matching gift, filed by its HR or finance person on her work address
  (a CRM donor's employer): no contact.
- `anonymous_flagged`: the Anonymous flag set, the donor's name and address kept: the donor.
- `anonymous_named`: "Anonymous" or no name, on a CRM address: the address's holder.
- `household_member_not_in_crm`: another adult at a CRM household's address and landline, own mailbox: none.
- `crm_duplicate`: the CRM holds the donor twice (one without an email, one from an earlier import).
- `not_in_crm`: first-time donors.
"""

import random
import string
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from identity_quality import (
    GeneratedCase,
    GeneratedCases,
    GeneratedSuite,
    person_model_em_on_email,
    run_generated,
)

CRM_COLUMNS = [
    "Id", "Salutation", "FirstName", "LastName", "Suffix", "AccountId", "Account.Name", "Email",
    "npe01__HomeEmail__c", "npe01__WorkEmail__c", "npe01__AlternateEmail__c", "npe01__Preferred_Email__c",
    "Phone", "HomePhone", "MobilePhone", "npe01__WorkPhone__c", "npe01__PreferredPhone__c", "MailingStreet",
    "MailingCity", "MailingState", "MailingPostalCode", "MailingCountry", "npsp__Deceased__c",
]  # fmt: skip
INBOUND_ID = "Transaction ID"
INBOUND_COLUMNS = [
    INBOUND_ID, "Donation Date", "Amount", "Currency", "Campaign", "Recurring", "Donor Title", "Donor First Name",
    "Donor Last Name", "Donor Email", "Donor Phone", "Billing Address 1", "Billing Address 2", "Billing City",
    "Billing State", "Billing Postal Code", "Billing Country", "Anonymous", "Gift Aid", "Tribute Type",
    "Tribute Name", "Company Name (matching gift)", "Employer", "Comment",
]  # fmt: skip

# -- names --------------------------------------------------------------------------------------------------

MEN = {  # given name -> the short forms people give
    "Robert": ["Bob", "Rob", "Bobby"], "William": ["Bill", "Will", "Billy"], "James": ["Jim", "Jimmy"],
    "Richard": ["Dick", "Rick", "Rich"], "Thomas": ["Tom", "Tommy"], "Charles": ["Charlie", "Chuck"],
    "Edward": ["Ed", "Ted", "Eddie"], "Michael": ["Mike", "Mick"], "Joseph": ["Joe", "Joey"],
    "Anthony": ["Tony"], "Daniel": ["Dan", "Danny"], "Christopher": ["Chris"], "Andrew": ["Andy", "Drew"],
    "Stephen": ["Steve"], "Lawrence": ["Larry"], "Gerald": ["Gerry", "Jerry"], "Francis": ["Frank"],
    "Henry": ["Hank", "Harry"], "John": ["Jack", "Johnny"], "Peter": ["Pete"], "Kenneth": ["Ken"],
    "Douglas": ["Doug"], "Raymond": ["Ray"], "Walter": ["Walt"], "Gregory": ["Greg"], "Nicholas": ["Nick"],
    "David": ["Dave"], "Timothy": ["Tim"], "Philip": ["Phil"], "Samuel": ["Sam"], "George": [], "Paul": [],
    "Mark": [], "Brian": [], "Kevin": [], "Graham": [], "Nigel": [], "Malcolm": [], "Alistair": ["Ali"],
    "Howard": [], "Dennis": [], "Arthur": ["Art"], "Leonard": ["Len", "Lenny"], "Albert": ["Al", "Bert"],
}  # fmt: skip
WOMEN = {
    "Margaret": ["Peggy", "Maggie", "Meg"], "Elizabeth": ["Liz", "Beth", "Betty", "Lizzie"],
    "Katherine": ["Kate", "Kathy", "Katie"], "Patricia": ["Pat", "Patty", "Trish"], "Jennifer": ["Jen", "Jenny"],
    "Deborah": ["Debbie", "Deb"], "Susan": ["Sue", "Susie"], "Barbara": ["Barb"], "Dorothy": ["Dot", "Dottie"],
    "Rebecca": ["Becky"], "Victoria": ["Vicky"], "Christine": ["Chris", "Chrissy"], "Theresa": ["Terry", "Tess"],
    "Judith": ["Judy"], "Kimberly": ["Kim"], "Pamela": ["Pam"], "Cynthia": ["Cindy"], "Jacqueline": ["Jackie"],
    "Abigail": ["Abby"], "Alexandra": ["Alex", "Sandra"], "Eleanor": ["Ellie", "Nell"], "Mary": ["Molly"],
    "Anne": ["Annie"], "Helen": [], "Linda": [], "Carol": [], "Janet": [], "Sarah": [], "Ruth": [],
    "Joan": [], "Gillian": ["Gill"], "Fiona": [], "Alison": [], "Sharon": [], "Diane": [], "Gwen": [],
    "Nancy": [], "Lorraine": [], "Rosemary": ["Rosie"], "Frances": ["Fran"], "Catherine": ["Cathy", "Cath"],
}  # fmt: skip
SURNAMES = [
    "Abbott", "Ashworth", "Bailey", "Baker", "Barnes", "Bennett", "Bishop", "Blackwell", "Bradley", "Brennan",
    "Brooks", "Burke", "Caldwell", "Carlisle", "Carter", "Chambers", "Chandler", "Clarke", "Coleman", "Collins",
    "Cooper", "Crawford", "Cunningham", "Dalton", "Davies", "Dawson", "Delaney", "Donovan", "Doyle", "Drummond",
    "Dunn", "Ellis", "Emerson", "Fairbanks", "Fitzgerald", "Fleming", "Fletcher", "Forbes", "Foster", "Fraser",
    "Gallagher", "Gardner", "Garrison", "Gibbons", "Gilbert", "Goodwin", "Graves", "Griffiths", "Hale",
    "Hamilton", "Harding", "Harper", "Hartley", "Hawkins", "Hayes", "Henderson", "Hewitt", "Holloway", "Hughes",
    "Hutchinson", "Jennings", "Kavanagh", "Keller", "Kendall", "Kirby", "Lambert", "Lawson", "Lindqvist",
    "Lockwood", "Lowell", "MacLeod", "Maguire", "Marsh", "McAllister", "McCarthy", "Mercer", "Merritt", "Morrow",
    "Nolan", "Norris", "O'Brien", "O'Connell", "Osborne", "Palmer", "Parrish", "Pearson", "Pemberton", "Porter",
    "Prescott", "Quinn", "Radcliffe", "Ramsey", "Reilly", "Reynolds", "Riordan", "Rowe", "Sandoval", "Sheridan",
    "Simmons", "Sinclair", "Sloane", "Stafford", "Sutherland", "Sweeney", "Talbot", "Thornton", "Townsend",
    "Underwood", "Vance", "Wakefield", "Walsh", "Warrington", "Webster", "Wentworth", "Whitaker", "Whitfield",
    "Wilkinson", "Winslow", "Woodward", "Yardley", "Young", "Zimmerman", "Aldridge", "Beaumont", "Calloway",
    "Dempsey", "Eastwood", "Farrell", "Gorman", "Hollis", "Ingram", "Jarvis", "Kinsella", "Langford",
]  # fmt: skip
TITLES_MALE = ["Mr.", "Mr", "Mr.", "Dr.", "Rev."]
TITLES_FEMALE = ["Mrs.", "Ms.", "Ms", "Mrs", "Dr.", "Miss"]
CLERGY = [("Rev.", ""), ("Fr.", "male"), ("Sister", "female"), ("Hon.", ""), ("Dr.", ""), ("Rev. Dr.", ""),
          ("The Reverend", ""), ("Pastor", "")]  # fmt: skip
POST_NOMINALS = ["MD", "PhD", "OBE", "MBE", "Esq.", "CPA", "DDS", "RN", "JD", "M.D.", "Ph.D."]
PERSONAL_DOMAINS = ["gmail.com", "yahoo.com", "outlook.com", "aol.com", "icloud.com", "hotmail.com",
                    "comcast.net", "btinternet.com", "hotmail.co.uk", "sky.com", "verizon.net"]  # fmt: skip
EMPLOYERS = [("Halvorsen Biotech", "halvorsenbio.com"), ("Meridian Mutual", "meridianmutual.com"),
             ("Crestline Health", "crestlinehealth.org"), ("Orwell & Pike LLP", "orwellpike.co.uk"),
             ("Brightwater Energy", "brightwater-energy.com"), ("Kestrel Systems", "kestrelsys.com"),
             ("Northgate Bank", "northgatebank.co.uk"), ("Lumen Analytics", "lumenanalytics.io"),
             ("Sable Rock Capital", "sablerock.com"), ("Pinecrest Foods", "pinecrestfoods.com")]  # fmt: skip
CAMPAIGNS = ["Spring Appeal", "Giving Tuesday", "Year-End Appeal", "Gala 2026", "Walk for Hope",
             "Capital Campaign", "General Fund"]  # fmt: skip


@dataclass(frozen=True)
class Place:
    country: str  # ISO
    city: str
    state: str
    postcode: str  # pattern: # a digit, @ a letter


PLACES = [
    Place("US", "Boston", "MA", "021##"), Place("US", "Cambridge", "MA", "0213#"), Place("US", "Chicago", "IL", "606##"),
    Place("US", "Evanston", "IL", "6020#"), Place("US", "Portland", "OR", "972##"), Place("US", "Denver", "CO", "802##"),
    Place("US", "Baltimore", "MD", "212##"), Place("US", "Richmond", "VA", "232##"), Place("US", "Austin", "TX", "787##"),
    Place("US", "Minneapolis", "MN", "554##"), Place("US", "Columbus", "OH", "432##"),
    Place("GB", "London", "", "SW1# #@@"), Place("GB", "London", "", "N1# #@@"), Place("GB", "Manchester", "", "M## #@@"),
    Place("GB", "Bristol", "", "BS# #@@"), Place("GB", "Leeds", "", "LS## #@@"), Place("GB", "Edinburgh", "", "EH# #@@"),
]  # fmt: skip
US_STREETS = ["Maple Ave", "Oak Street", "Elm St", "Washington Blvd", "Lincoln Road", "Park Avenue",
              "Cedar Lane", "Highland Ave", "Prospect Street", "Chestnut St", "Willow Drive", "Hillside Road"]  # fmt: skip
UK_STREETS = ["Church Lane", "Station Road", "Victoria Road", "The Crescent", "Mill Lane", "Park Road",
              "Queens Avenue", "Manor Way", "Grange Road", "Orchard Close", "St John's Road", "Kings Drive"]  # fmt: skip
COUNTRY_WORDS = {"US": ["United States", "USA", "US"], "GB": ["United Kingdom", "UK", "GB"]}


def fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def squash(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalnum())


@dataclass
class Household:
    last: str
    place: Place
    street: str
    postcode: str  # the CRM's (US: ZIP+4 on some)
    home_phone: str  # E.164 or ""
    account_id: str
    shared_email: str = ""
    members: list = field(default_factory=list)


@dataclass
class Donor:
    id: str
    first: str
    last: str
    male: bool
    household: Household
    email: str = ""  # personal
    work_email: str = ""
    alternate: str = ""
    mobile: str = ""
    suffix: str = ""
    employer: tuple = ()
    deceased: bool = False

    @property
    def emails(self) -> list[str]:
        return [e for e in (self.email, self.work_email, self.alternate) if e]


class Generator:
    def __init__(self, seed: int, people: int, per_category: int) -> None:
        self.rng = random.Random(seed)
        self.target = people
        self.per = per_category
        self.crm_rows: list[dict] = []
        self.cases: list[GeneratedCase] = []
        self.households: list[Household] = []
        self.donors: list[Donor] = []
        self.used: set[str] = set()
        self.written: set[str] = set()  # contacts the CRM export holds
        self.used_donors: set[str] = set()  # CRM contacts a case was built on (one case each)
        self.names: dict[tuple[str, str], int] = {}  # folded full name -> CRM contacts holding it

    # -- identifiers, numbers, places -----------------------------------------------------------------------

    def sf_id(self, prefix: str) -> str:
        while True:
            body = prefix + "".join(self.rng.choice(string.ascii_letters + string.digits) for _ in range(12))
            suffix = ""
            for chunk in range(3):
                bits = sum(1 << i for i, ch in enumerate(body[chunk * 5 : chunk * 5 + 5]) if ch.isupper())
                suffix += "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"[bits]
            if body + suffix not in self.used:
                self.used.add(body + suffix)
                return body + suffix

    def number(self, country: str, kind) -> str:
        example = phonenumbers.example_number_for_type(country, kind)
        national = str(example.national_number)
        while True:
            keep = 3 if country == "US" else 2
            digits = national[:keep] + "".join(str(self.rng.randint(0, 9)) for _ in national[keep:])
            if country == "US":
                digits = (
                    self.rng.choice(["617", "312", "503", "720", "410", "804", "512", "612", "614"])
                    + digits[3:]
                )
            parsed = phonenumbers.parse(f"+{example.country_code}{digits}")
            if not phonenumbers.is_valid_number(parsed):
                continue
            text = phonenumbers.format_number(parsed, PhoneNumberFormat.E164)
            if text not in self.used:
                self.used.add(text)
                return text

    def crm_phone(self, e164: str) -> str:
        if not e164:
            return ""
        parsed = phonenumbers.parse(e164)
        if e164.startswith("+1"):
            return self.rng.choice([phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL), e164[2:],
                                    phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)])  # fmt: skip
        return self.rng.choice([phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL),
                                phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)])  # fmt: skip

    def typed_phone(self, e164: str) -> str:
        """A number as a donor types it into a donation form."""
        if not e164:
            return ""
        parsed = phonenumbers.parse(e164)
        national = phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)
        roll = self.rng.random()
        if roll < 0.4:
            return national
        if roll < 0.65:
            return "".join(ch for ch in national if ch.isdigit())
        if roll < 0.85:
            return phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)
        return e164

    def fill(self, pattern: str) -> str:
        return "".join(
            str(self.rng.randint(0, 9))
            if ch == "#"
            else self.rng.choice("ABDEFGHJLNPQRSTUWXYZ")
            if ch == "@"
            else ch
            for ch in pattern
        )

    def mailbox(self, first: str, last: str, domains=PERSONAL_DOMAINS) -> str:
        f, l_ = squash(first), squash(last)
        while True:
            local = self.rng.choice([f"{f}.{l_}", f"{f}{l_}{self.rng.randint(1, 99)}", f"{f[0]}{l_}{self.rng.randint(40, 99)}",
                                     f"{f}_{l_}", f"{l_}{f[0]}{self.rng.randint(1, 9)}", f"{f}{self.rng.randint(100, 999)}"])  # fmt: skip
            address = f"{local}@{self.rng.choice(domains)}"
            if address not in self.used:
                self.used.add(address)
                return address

    def given(self, male: bool, *, avoid=()) -> str:
        pool = MEN if male else WOMEN
        while True:
            name = self.rng.choice(list(pool))
            if name not in avoid:
                return name

    def fresh_name(self, male: bool) -> tuple[str, str]:
        """A full name no CRM contact holds."""
        while True:
            first, last = self.given(male), self.rng.choice(SURNAMES)
            if (fold(first), fold(last)) not in self.names:
                return first, last

    # -- the CRM --------------------------------------------------------------------------------------------

    def household(self, last: str = "") -> Household:
        place = self.rng.choice(PLACES)
        last = last or self.rng.choice(SURNAMES)
        postcode = self.fill(place.postcode)
        if place.country == "US" and self.rng.random() < 0.35:
            postcode += f"-{self.rng.randint(1000, 9999)}"
        streets = US_STREETS if place.country == "US" else UK_STREETS
        number = self.rng.randint(2, 240) if place.country == "GB" else self.rng.randint(10, 9800)
        flat = self.rng.choice(
            ["", "", "", "", " Apt 4B", " #12"] if place.country == "US" else ["", "", "", "Flat 2, "]
        )
        street = (
            f"{flat}{number} {self.rng.choice(streets)}"
            if flat.startswith("Flat")
            else f"{number} {self.rng.choice(streets)}{flat}"
        )
        home = self.number(place.country, PhoneNumberType.FIXED_LINE) if self.rng.random() < 0.6 else ""
        home_id = self.sf_id("001")
        unit = Household(last, place, street, postcode, home, home_id)
        self.households.append(unit)
        return unit

    def donor(self, unit: Household, first: str, male: bool, *, last: str = "", suffix: str = "",
              email: bool | None = None, mobile: bool | None = None, work: bool | None = None) -> Donor:  # fmt: skip
        last = last or unit.last
        person = Donor(self.sf_id("003"), first, last, male, unit, suffix=suffix)
        if email if email is not None else self.rng.random() < 0.85:
            person.email = self.mailbox(first, last)
        if work if work is not None else self.rng.random() < 0.2:
            person.employer = self.rng.choice(EMPLOYERS)
            person.work_email = self.mailbox(first, last, [person.employer[1]])
        if self.rng.random() < 0.08 and person.email:
            person.alternate = self.mailbox(first, last)
        if mobile if mobile is not None else self.rng.random() < 0.7:
            person.mobile = self.number(unit.place.country, PhoneNumberType.MOBILE)
        unit.members.append(person)
        self.donors.append(person)
        key = (fold(first), fold(last))
        self.names[key] = self.names.get(key, 0) + 1
        return person

    def crm_row(self, person: Donor, *, id_: str = "", blank_email: bool = False, last_with_suffix: bool = False,
                **fields) -> dict:  # fmt: skip
        unit = person.household
        preferred = (
            "Work" if person.work_email and (not person.email or self.rng.random() < 0.3) else "Personal"
        )
        email = person.work_email if preferred == "Work" else (person.email or person.alternate)
        if unit.shared_email and person.email == unit.shared_email:
            preferred = "Personal"
            email = unit.shared_email
        phones = {"Home": unit.home_phone, "Mobile": person.mobile}
        preferred_phone = next((k for k in ("Mobile", "Home") if phones[k]), "")
        if preferred_phone and phones["Home"] and phones["Mobile"] and self.rng.random() < 0.4:
            preferred_phone = "Home"
        salutation = (
            self.rng.choice(TITLES_MALE if person.male else TITLES_FEMALE) if self.rng.random() < 0.6 else ""
        )
        last = person.last
        suffix = person.suffix
        if suffix and last_with_suffix:
            last, suffix = f"{last} {suffix}", ""
        row = {
            "Id": id_ or person.id,
            "Salutation": salutation,
            "FirstName": person.first,
            "LastName": last,
            "Suffix": suffix,
            "AccountId": unit.account_id,
            "Account.Name": self.rng.choice([f"{unit.last} Household"] * 4 + [f"The {unit.last} Family"]),
            "Email": "" if blank_email else email,
            "npe01__HomeEmail__c": "" if blank_email else person.email,
            "npe01__WorkEmail__c": "" if blank_email else person.work_email,
            "npe01__AlternateEmail__c": "" if blank_email else person.alternate,
            "npe01__Preferred_Email__c": "" if blank_email or not email else preferred,
            "Phone": self.crm_phone(phones.get(preferred_phone, "")),
            "HomePhone": self.crm_phone(unit.home_phone),
            "MobilePhone": self.crm_phone(person.mobile),
            "npe01__WorkPhone__c": "",
            "npe01__PreferredPhone__c": preferred_phone,
            "MailingStreet": unit.street,
            "MailingCity": unit.place.city,
            "MailingState": unit.place.state,
            "MailingPostalCode": unit.postcode,
            "MailingCountry": self.rng.choice(COUNTRY_WORDS[unit.place.country][:2]),
            "npsp__Deceased__c": "true" if person.deceased else "false",
        }
        row.update(fields)
        self.crm_rows.append(row)
        self.written.add(person.id)
        return row

    def build_crm(self) -> None:
        while len(self.donors) < self.target:
            unit = self.household()
            male = self.rng.random() < 0.5
            first = self.donor(unit, self.given(male), male)
            if self.rng.random() < 0.6:  # a spouse
                last = unit.last if self.rng.random() < 0.8 else self.rng.choice(SURNAMES)
                spouse = self.donor(unit, self.given(not male, avoid={first.first}), not male, last=last)
                if self.rng.random() < 0.15 and first.email:  # one mailbox for both
                    unit.shared_email = first.email
                    spouse.email = first.email
        for person in self.donors:
            self.crm_row(person)

    # -- the inbound file -----------------------------------------------------------------------------------

    def pick(self, test=lambda p: True) -> Donor:
        for _ in range(20000):
            person = self.rng.choice(self.donors)
            if (
                person.id not in self.used_donors
                and person.id in self.written
                and not person.deceased
                and self.names.get((fold(person.first), fold(person.last)), 0) == 1
                and test(person)
            ):
                self.used_donors.add(person.id)
                for member in person.household.members:  # one case a household: no two cases share keys
                    self.used_donors.add(member.id)
                return person
        raise RuntimeError("no CRM donor left for a case")

    def gift(self, category: str, truth, *, person: Donor | None = None, unit: Household | None = None,
             first: str = "", last: str = "", email: str = "", phone: str = "", title: str = "",
             **fields) -> None:  # fmt: skip
        """One donation row: the donor's address (the household's) and what the form got."""
        unit = unit or (person.household if person else None)
        if person is not None:
            first, last = first or person.first, last or person.last
        country = unit.place.country if unit else self.rng.choice(["US", "GB"])
        postcode = unit.postcode if unit else ""
        if unit and country == "US" and "-" in postcode and self.rng.random() < 0.6:
            postcode = postcode.split("-")[0]
        if unit and country == "GB" and self.rng.random() < 0.3:
            postcode = postcode.replace(" ", "") if self.rng.random() < 0.5 else postcode.lower()
        street = unit.street if unit else ""
        if street and self.rng.random() < 0.2:
            street = (
                street.upper()
                if self.rng.random() < 0.5
                else street.replace("Street", "St").replace("Avenue", "Ave").replace("Road", "Rd")
            )
        line2 = ""
        if street.startswith("Flat "):
            line2, street = street.split(", ", 1)
        row = {
            "Donation Date": f"2026-{self.rng.randint(1, 11):02d}-{self.rng.randint(1, 28):02d}",
            "Amount": f"{self.rng.choice([10, 25, 25, 50, 50, 100, 250, 500, 1000])}.00",
            "Currency": "USD" if country == "US" else "GBP",
            "Campaign": self.rng.choice(CAMPAIGNS),
            "Recurring": self.rng.choice(["No", "No", "No", "Yes"]),
            "Donor Title": title,
            "Donor First Name": first,
            "Donor Last Name": last,
            "Donor Email": email,
            "Donor Phone": self.typed_phone(phone),
            "Billing Address 1": street,
            "Billing Address 2": line2,
            "Billing City": unit.place.city if unit else "",
            "Billing State": unit.place.state if unit else "",
            "Billing Postal Code": postcode,
            "Billing Country": self.rng.choice(COUNTRY_WORDS[country]) if unit else "",
            "Anonymous": "No",
            "Gift Aid": ("Yes" if self.rng.random() < 0.6 else "No") if country == "GB" else "",
            "Tribute Type": "",
            "Tribute Name": "",
            "Company Name (matching gift)": "",
            "Employer": "",
            "Comment": "",
        }
        row.update(fields)
        self.cases.append(GeneratedCase(category, row, tuple(truth)))

    def own_phone(self, person: Donor) -> str:
        return person.mobile or person.household.home_phone

    def maybe_phone(self, person: Donor) -> str:
        return self.own_phone(person) if self.rng.random() < 0.5 else ""

    def known_email(self, person: Donor) -> str:
        email = self.rng.choice(person.emails)
        return self.rng.choice([email, email, email.upper(), email.capitalize(), f" {email}"])

    def cased(self, text: str) -> str:
        return self.rng.choice([text, text, text.upper(), text.lower()])

    # -- categories -----------------------------------------------------------------------------------------

    def returning_donor(self) -> None:
        for _ in range(self.per * 5):
            person = self.pick(lambda p: p.emails and not p.household.shared_email)
            self.gift("returning_donor", [person.id], person=person, first=self.cased(person.first),
                      last=self.cased(person.last), email=self.known_email(person), phone=self.maybe_phone(person))  # fmt: skip

    def typo(self) -> None:
        for index in range(self.per):
            person = self.pick(
                lambda p: p.emails and len(p.last) > 4 and (p.mobile or p.household.home_phone)
            )
            last = list(person.last)
            spot = self.rng.randrange(1, len(last) - 1)
            if index % 2:
                last[spot], last[spot + 1] = last[spot + 1], last[spot]
            else:
                last[spot] = self.rng.choice("aeioulnrst")
            typed = "".join(last)
            new = index % 3 == 0
            email = self.mailbox(person.first, typed) if new else self.known_email(person)
            self.gift(
                "typo",
                [person.id],
                person=person,
                last=typed,
                email=email,
                phone=self.own_phone(person) if new else "",
            )

    def nickname(self) -> None:
        for index in range(self.per):
            person = self.pick(
                lambda p: (
                    p.emails
                    and (MEN if p.male else WOMEN).get(p.first)
                    and (p.mobile or p.household.home_phone)
                )
            )
            short = self.rng.choice((MEN if person.male else WOMEN)[person.first])
            new = index % 3 == 0
            email = self.mailbox(short, person.last) if new else self.known_email(person)
            self.gift("nickname", [person.id], person=person, first=short, email=email,
                      phone=self.own_phone(person) if new else self.maybe_phone(person))  # fmt: skip

    def initial(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.emails)
            first = self.rng.choice(
                [
                    person.first[0],
                    f"{person.first[0]}.",
                    f"{person.first[0]}. {self.rng.choice('ABCDJLMPRS')}.",
                ]
            )
            self.gift("initial", [person.id], person=person, first=first, email=self.known_email(person))

    def new_email_same_phone(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: p.mobile)
            email = self.mailbox(person.first, person.last)
            self.gift("new_email_same_phone", [person.id], person=person, email=email, phone=person.mobile)

    def couple(self, *, shared: bool, same_last: bool = True) -> tuple[Household, Donor, Donor]:
        """A CRM household of two spouses (one mailbox for both when `shared`), fresh for a case."""
        while True:
            unit = self.household()
            if not unit.home_phone:
                unit.home_phone = self.number(unit.place.country, PhoneNumberType.FIXED_LINE)
            male = self.rng.random() < 0.5
            one = self.donor(unit, self.given(male), male)
            two = self.donor(unit, self.given(not male, avoid={one.first}), not male,
                             last=unit.last if same_last else self.rng.choice(SURNAMES))  # fmt: skip
            if shared:
                unit.shared_email = one.email or self.mailbox(unit.last, "family")
                one.email = two.email = unit.shared_email
            if all(self.names[(fold(p.first), fold(p.last))] == 1 for p in (one, two)):
                break
        for person in (one, two):
            self.used_donors.add(person.id)
            self.crm_row(person)
        return unit, one, two

    def spouse_shared_email(self) -> None:
        for _ in range(self.per):
            unit, one, two = self.couple(shared=True)
            donor = self.rng.choice([one, two])
            self.gift("spouse_shared_email", [donor.id], person=donor, email=self.cased(unit.shared_email),
                      phone=unit.home_phone if self.rng.random() < 0.5 else "")  # fmt: skip

    def joint_name(self) -> None:
        for index in range(self.per):
            shared = index % 2 == 0
            unit, one, two = self.couple(shared=shared, same_last=index % 5 != 4)
            husband, wife = (one, two) if one.male else (two, one)
            last = unit.last
            form = index % 6
            if index % 5 == 4:  # she kept her name: a hyphenated or both surnames
                first, last = f"{husband.first} and {wife.first}", f"{husband.last}-{wife.last}"
            elif form == 0:
                first = f"{husband.first} & {wife.first}"
            elif form == 1:
                first = f"{wife.first} and {husband.first}"
            elif form == 2:
                first, last = f"Mr and Mrs {husband.first[0]}", last
            elif form == 3:
                first, last = "The", f"{last} Family"
            elif form == 4:
                first, last = f"{husband.first} and {wife.first} {last}", ""
            else:
                first, last = f"{wife.first}", f"& {husband.first} {last}"
            email = unit.shared_email if shared else self.rng.choice([husband, wife]).email
            self.gift("joint_name", [], unit=unit, first=first, last=last, email=email or "",
                      phone=unit.home_phone if self.rng.random() < 0.6 else "")  # fmt: skip

    def father_and_son(self, *, son_in_crm: bool) -> tuple[Household, Donor, Donor]:
        while True:
            unit = self.household()
            if not unit.home_phone:
                unit.home_phone = self.number(unit.place.country, PhoneNumberType.FIXED_LINE)
            first = self.given(True)
            if (fold(first), fold(unit.last)) not in self.names:
                break
        mark = self.rng.choice(
            [("Sr.", "Jr."), ("Sr.", "Jr."), ("Sr", "Jr"), ("", "Jr."), ("II", "III"), ("", "II")]
        )
        father = self.donor(unit, first, True, suffix=mark[0])
        son = Donor(self.sf_id("003"), first, unit.last, True, unit, suffix=mark[1])
        son.email = self.mailbox(first, unit.last)
        son.mobile = self.number(unit.place.country, PhoneNumberType.MOBILE)
        self.used_donors.add(father.id)
        self.crm_row(father, last_with_suffix=self.rng.random() < 0.3)
        if son_in_crm:
            unit.members.append(son)
            self.donors.append(son)
            self.used_donors.add(son.id)
            self.crm_row(son, last_with_suffix=self.rng.random() < 0.3)
        return unit, father, son

    def suffixed(self, person: Donor) -> tuple[str, str]:
        """First and last name fields with the suffix where a form gets it."""
        if not person.suffix:
            return person.first, person.last
        return self.rng.choice([(person.first, f"{person.last} {person.suffix}"),
                                (person.first, f"{person.last}, {person.suffix}")])  # fmt: skip

    def junior_not_in_crm(self) -> None:
        for index in range(self.per // 2):
            unit, father, son = self.father_and_son(son_in_crm=False)
            if not son.suffix:
                son.suffix = "Jr."
            first, last = self.suffixed(son)
            # his own mailbox; a third of them the family's, which the CRM holds on the father marked Sr.
            email = father.email if index % 3 == 0 and father.suffix and father.email else son.email
            self.gift("junior_not_in_crm", [], unit=unit, first=first, last=last, email=email,
                      phone=unit.home_phone if self.rng.random() < 0.7 else son.mobile)  # fmt: skip

    def junior_in_crm(self) -> None:
        for index in range(self.per // 2):
            unit, father, son = self.father_and_son(son_in_crm=True)
            donor = son if index % 2 == 0 or not father.suffix else father
            first, last = self.suffixed(donor)
            email = donor.email if donor.email and self.rng.random() < 0.7 else ""
            phone = unit.home_phone if self.rng.random() < 0.5 else donor.mobile
            self.gift(
                "junior_in_crm", [donor.id], unit=unit, first=first, last=last, email=email, phone=phone
            )

    def maiden_name(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: not p.male and p.email and not p.household.shared_email)
            new_last = self.rng.choice([s for s in SURNAMES if s != person.last])
            last = self.rng.choice([new_last, f"{person.last}-{new_last}", f"{new_last}"])
            self.gift("maiden_name", [person.id], person=person, last=last, email=self.known_email(person),
                      phone=self.maybe_phone(person))  # fmt: skip

    def widow_as_mrs_husband(self) -> None:
        for _ in range(self.per // 4):
            while True:
                unit = self.household()
                husband = self.donor(unit, self.given(True), True, email=True)
                wife = self.donor(unit, self.given(False), False, email=True)
                if all(self.names[(fold(p.first), fold(p.last))] == 1 for p in (husband, wife)):
                    break
            husband.deceased = True
            for person in (husband, wife):
                self.used_donors.add(person.id)
                self.crm_row(person)
            first, last, title = self.rng.choice([(f"Mrs {husband.first}", unit.last, ""),
                                                  (husband.first, unit.last, "Mrs."),
                                                  (f"Mrs. {husband.first[0]}.", unit.last, "")])  # fmt: skip
            self.gift("widow_as_mrs_husband", [wife.id], unit=unit, first=first, last=last, title=title,
                      email=wife.email, phone=unit.home_phone)  # fmt: skip

    def honorific(self) -> None:
        for index in range(self.per):
            person = self.pick(lambda p: p.emails and (p.mobile or p.household.home_phone))
            title, sex = self.rng.choice(CLERGY)
            while sex and (sex == "male") != person.male:
                title, sex = self.rng.choice(CLERGY)
            first, last, field_title = person.first, person.last, ""
            roll = index % 4
            if roll == 0:
                field_title = title
            elif roll == 1:
                first = f"{title} {person.first}"
            elif roll == 2:
                last = f"{person.last}{self.rng.choice([', ', ' '])}{self.rng.choice(POST_NOMINALS)}"
            else:
                field_title, last = title, f"{person.last} {self.rng.choice(POST_NOMINALS)}"
            new = index % 3 == 0
            email = self.mailbox(person.first, person.last) if new else self.known_email(person)
            self.gift("honorific", [person.id], person=person, first=first, last=last, title=field_title,
                      email=email, phone=self.own_phone(person) if new else "")  # fmt: skip

    def tribute_in_name(self) -> None:
        for index in range(self.per // 2):
            # a mailbox the household shares names nobody beside the honoree's name
            person = self.pick(lambda p: p.emails and not p.household.shared_email)
            if index % 2:  # the honoree a CRM contact (a late donor of another household)
                honoree = self.pick()
                first, last = honoree.first, honoree.last
            else:
                first, last = self.fresh_name(self.rng.random() < 0.5)
            words = self.rng.choice(
                ["In memory of", "In Memory Of", "In honor of", "In honour of", "IMO", "In loving memory of"]
            )
            first_field, last_field = self.rng.choice(
                [(f"{words} {first}", last), (words, f"{first} {last}")]
            )
            self.gift("tribute_in_name", [person.id], person=person, first=first_field, last=last_field,
                      email=self.known_email(person), phone=self.maybe_phone(person),
                      **{"Tribute Type": "In Memory Of" if "emory" in words else ""})  # fmt: skip

    def matching_gift_company(self) -> None:
        employed = [p for p in self.donors if p.employer]
        for _ in range(self.per // 2):
            employee = self.rng.choice(employed)
            company, domain = employee.employer
            first, last = self.fresh_name(self.rng.random() < 0.4)
            email = self.rng.choice(
                [self.mailbox(first, last, [domain]), f"matchinggifts@{domain}", f"giving@{domain}"]
            )
            hq = self.household()  # the company's address: no CRM contact lives there
            self.households.remove(hq)
            self.gift("matching_gift_company", [], unit=hq, first=first, last=last, email=email,
                      **{"Company Name (matching gift)": company, "Employer": company,
                         "Comment": f"Matching gift for {employee.first} {employee.last}"})  # fmt: skip

    def anonymous(self) -> None:
        for index in range(self.per):
            # an address the household shares names nobody without a name beside it
            person = self.pick(lambda p: p.emails and not p.household.shared_email)
            if index % 2 == 0:
                self.gift("anonymous_flagged", [person.id], person=person, email=self.known_email(person),
                          phone=self.maybe_phone(person), Anonymous="Yes")  # fmt: skip
            else:
                first, last = self.rng.choice(
                    [("Anonymous", ""), ("", ""), ("Anonymous", "Donor"), ("Anon", "")]
                )
                self.gift("anonymous_named", [person.id], person=person, first=first or " ", last=last or " ",
                          email=self.known_email(person), Anonymous="Yes")  # fmt: skip

    def household_member_not_in_crm(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.household.home_phone and len(p.household.members) == 1)
            unit = person.household
            first = self.given(self.rng.random() < 0.5, avoid={person.first})
            while (fold(first), fold(unit.last)) in self.names:
                first = self.given(self.rng.random() < 0.5, avoid={person.first})
            self.gift("household_member_not_in_crm", [], unit=unit, first=first, last=unit.last,
                      email=self.mailbox(first, unit.last), phone=unit.home_phone)  # fmt: skip

    def crm_duplicate(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.emails)
            twin = self.crm_row(person, id_=self.sf_id("003"), blank_email=self.rng.random() < 0.5)
            self.gift("crm_duplicate", [person.id, twin["Id"]], person=person, email=self.known_email(person),
                      phone=self.maybe_phone(person))  # fmt: skip

    def not_in_crm(self) -> None:
        for _ in range(self.per * 2):
            male = self.rng.random() < 0.5
            first, last = self.fresh_name(male)
            unit = self.household(last)
            self.households.remove(unit)
            phone = self.number(unit.place.country, PhoneNumberType.MOBILE) if self.rng.random() < 0.5 else ""
            self.gift(
                "not_in_crm",
                [],
                unit=unit,
                first=first,
                last=last,
                email=self.mailbox(first, last),
                phone=phone,
            )

    def build(self) -> GeneratedCases:
        self.build_crm()
        for category in (
            self.returning_donor, self.typo, self.nickname, self.initial, self.new_email_same_phone,
            self.spouse_shared_email, self.joint_name, self.junior_not_in_crm, self.junior_in_crm,
            self.maiden_name, self.widow_as_mrs_husband, self.honorific, self.tribute_in_name,
            self.matching_gift_company, self.anonymous, self.household_member_not_in_crm, self.crm_duplicate,
            self.not_in_crm,
        ):  # fmt: skip
            category()
        self.rng.shuffle(self.cases)
        for number, case in enumerate(self.cases, 1):
            case.external_id = f"TX-{2600000 + number * 11 + self.rng.randrange(11)}"
        return GeneratedCases.shuffled(self.rng, self.crm_rows, self.cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# Splink reads the donor's first and last name fields as they are, the email, the last nine digits of the phone
# (the CRM's preferred number, else its mobile or landline), the postcode's first five characters (a US ZIP
# without its +4; a UK postcode without its space) and the city.
PERSON_SQL = {
    "crm": """
        SELECT "Id" AS unique_id,
               nullif(lower(trim("FirstName")), '') AS first_name,
               nullif(lower(trim("LastName")), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               nullif(right({phone}(coalesce(nullif("Phone", ''), nullif("MobilePhone", ''), "HomePhone")), 9), '')
                   AS phone,
               CAST(NULL AS VARCHAR) AS company,
               nullif(left(upper(replace(trim("MailingPostalCode"), ' ', '')), 5), '') AS zip,
               nullif(lower(trim("MailingCity")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{path}', all_varchar = true)
    """,
    "inbound": """
        SELECT "Transaction ID" AS unique_id,
               nullif(lower(trim("Donor First Name")), '') AS first_name,
               nullif(lower(trim("Donor Last Name")), '') AS last_name,
               nullif(lower(trim("Donor Email")), '') AS email,
               nullif(right({phone}("Donor Phone"), 9), '') AS phone,
               CAST(NULL AS VARCHAR) AS company,
               nullif(left(upper(replace(trim("Billing Postal Code"), ' ', '')), 5), '') AS zip,
               nullif(lower(trim("Billing City")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{path}', all_varchar = true)
    """,
}


SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="npsp_contacts",
        inbound_file="donations",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id=INBOUND_ID,
        cli_options=["--provider", "salesforce", "--object", "Contact", "--kind", "person"],
        splink_kind="person",
        sql=PERSON_SQL,
        source="Salesforce NPSP Contacts <- an online fundraising platform's donations export",
        splink_model=person_model_em_on_email,
    )
]


if __name__ == "__main__":
    run_generated("identity27", SUITES, seed=271, people=3000, orgs=0, per_category=40)
