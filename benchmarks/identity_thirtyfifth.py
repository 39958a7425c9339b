"""A thirty-fifth record set: Pipedrive organizations linked from the UK Companies House register.

    python benchmarks/identity_thirtyfifth.py [--orgs 2500] [--per-category 40] [--seed 351] [--skip-splink]
                                              [--keep DIR]

A UK business-to-business seller checks its CRM against the register: which of its organisations are which
registered companies. The CRM side is its Pipedrive organizations export as the list view writes it
(`Organization - ID`, `- Name`, `- Label`, `- Owner`, `- Website`, `- Phone`, `- Address` (the combined address)
and its parts `- Street/road name`, `- House number`, `- City/town/village/locality`, `- ZIP/Postal code`,
`- Country`, `- People`, `- Add time`), and a custom field `Organization - Company number` that a rep fills
now and then, as typed (a spreadsheet's lost leading zero, a space after "SC", lower case).

The inbound side is the "Free Company Data Product" (Companies House's BasicCompanyData CSV) with its header
as the file writes it, stray leading spaces included (`CompanyName`, ` CompanyNumber`, `RegAddress.CareOf`,
`RegAddress.POBox`, `RegAddress.AddressLine1`, ` RegAddress.AddressLine2`, `RegAddress.PostTown`,
`RegAddress.County`, `RegAddress.Country`, `RegAddress.PostCode`, `CompanyCategory`, `CompanyStatus`,
`CountryOfOrigin`, `DissolutionDate`, `IncorporationDate`, the accounts, returns and mortgage columns,
`SICCode.SicText_1`..`_4`, `URI`, `PreviousName_1.CONDATE`, ` PreviousName_1.CompanyName` .. `_10`,
`ConfStmtNextDueDate`, ` ConfStmtLastMadeUpDate`), keyed by ` CompanyNumber`. Names are in capitals as the
register keeps them; the address is the registered office, which for many small companies is their
accountant's or a formation agent's, shared by hundreds of unrelated companies.

Categories, each with its truth (the Pipedrive ID, either of two for a CRM duplicate, or none):
- `plain`: the CRM's name in a rep's case and legal form ("Ltd", "Limited", none), the registered office's
  postcode, the street written Pipedrive's way; now and then the company number.
- `legal_form_written`: "Limited"/"Ltd"/"Ltd.", "PLC"/"Public Limited Company", "LLP", "CIC"/"Community
  Interest Company", "&"/"and" written one way in the CRM and the other in the register.
- `agent_address_other` (none): a company registered at a formation agent's or accountant's address that the
  CRM holds hundreds of other companies at; the CRM does not hold it.
- `agent_address_namesake` (none): as above, and a CRM company at that address shares its first word
  ("Kivora Design Ltd" in the CRM, "KIVORA LTD" in the register).
- `agent_address_in_crm`: a company registered at such an address that the CRM holds there by its name.
- `registered_at_accountant`: the CRM holds the company at its trading address; the register has its
  registered office at its accountant's (shared) address; the name alike, and the company number in the CRM.
- `group_sibling` (none): a group's companies ("X Holdings Limited", "X Services Limited", "X (UK) Limited")
  at one address; the CRM holds two of them, the register row is a third.
- `group_member_in_crm`: the register row is one of the group's companies the CRM holds.
- `renamed`: the company changed its name; the CRM holds the former one, the register the new one with the
  former under `PreviousName_1.CompanyName` (and its date); the same registered office.
- `name_reused` (none): the CRM holds a company (with its number) since dissolved; the register's row is a
  newer company that took the free name, another number, another address.
- `trading_name`: the CRM holds the company by its trading name ("The Copper Kettle") with the company number;
  the register has its registered name, and the trading address as registered office.
- `sole_trader` (none): the CRM holds a sole trader ("Jones Plumbing", no legal form, not on the register) in
  one town; the register's row is a company of a like name in another town.
- `not_in_crm` (none): companies the CRM does not hold.
- `crm_duplicate`: the CRM holds the company twice (a rep's record and an import's).

Every category is built so that a person reading the two records side by side could decide it.
"""

import random
import string
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import phonenumbers

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generated_phones import fresh_number
from identity_quality import GeneratedCase, GeneratedCases, GeneratedSuite, run_generated, unused_value

CRM_ID = "Organization - ID"
CRM_COLUMNS = [
    CRM_ID,
    "Organization - Name",
    "Organization - Label",
    "Organization - Owner",
    "Organization - Website",
    "Organization - Phone",
    "Organization - Address",
    "Organization - Address - Street/road name",
    "Organization - Address - House number",
    "Organization - Address - City/town/village/locality",
    "Organization - Address - ZIP/Postal code",
    "Organization - Address - Country",
    "Organization - Company number",
    "Organization - People",
    "Organization - Add time",
]
# The register's header as BasicCompanyData writes it (its leading spaces are the file's own).
INBOUND_ID = " CompanyNumber"
INBOUND_COLUMNS = [
    "CompanyName",
    INBOUND_ID,
    "RegAddress.CareOf",
    "RegAddress.POBox",
    "RegAddress.AddressLine1",
    " RegAddress.AddressLine2",
    "RegAddress.PostTown",
    "RegAddress.County",
    "RegAddress.Country",
    "RegAddress.PostCode",
    "CompanyCategory",
    "CompanyStatus",
    "CountryOfOrigin",
    "DissolutionDate",
    "IncorporationDate",
    "Accounts.AccountRefDay",
    "Accounts.AccountRefMonth",
    "Accounts.NextDueDate",
    "Accounts.LastMadeUpDate",
    "Accounts.AccountCategory",
    "Returns.NextDueDate",
    "Returns.LastMadeUpDate",
    "Mortgages.NumMortCharges",
    "Mortgages.NumMortOutstanding",
    "Mortgages.NumMortPartSatisfied",
    "Mortgages.NumMortSatisfied",
    "SICCode.SicText_1",
    "SICCode.SicText_2",
    "SICCode.SicText_3",
    "SICCode.SicText_4",
    "LimitedPartnerships.NumGenPartners",
    "LimitedPartnerships.NumLimPartners",
    "URI",
    "PreviousName_1.CONDATE",
    " PreviousName_1.CompanyName",
    " PreviousName_2.CONDATE",
    " PreviousName_2.CompanyName",
    *(f"{part}PreviousName_{n}.{what}" for n in range(3, 11) for part, what in (("", "CONDATE"), (" ", "CompanyName"))),
    "ConfStmtNextDueDate",
    " ConfStmtLastMadeUpDate",
]  # fmt: skip

# -- places ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Town:
    name: str
    county: str  # as the register writes it, "" where the filer left it out
    districts: tuple[str, ...]  # postcode outward codes
    nation: str  # "EW" England and Wales, "SC" Scotland, "NI" Northern Ireland

    @property
    def postcode_area_welsh(self) -> bool:
        return self.districts[0].startswith("CF")


TOWNS = [
    Town("London", "", ("EC1V", "EC2A", "N1", "SE1", "W1W", "E14", "WC2H", "NW1"), "EW"),
    Town("Manchester", "Greater Manchester", ("M1", "M2", "M3", "M4", "M15"), "EW"),
    Town("Leeds", "West Yorkshire", ("LS1", "LS2", "LS6", "LS10", "LS11"), "EW"),
    Town("Birmingham", "West Midlands", ("B1", "B2", "B3", "B5", "B15"), "EW"),
    Town("Bristol", "", ("BS1", "BS2", "BS3", "BS8"), "EW"),
    Town("Nottingham", "Nottinghamshire", ("NG1", "NG2", "NG7"), "EW"),
    Town("Sheffield", "South Yorkshire", ("S1", "S2", "S3", "S11"), "EW"),
    Town("Reading", "Berkshire", ("RG1", "RG2", "RG6"), "EW"),
    Town("Cambridge", "Cambridgeshire", ("CB1", "CB2", "CB4"), "EW"),
    Town("Norwich", "Norfolk", ("NR1", "NR2", "NR3"), "EW"),
    Town("Cardiff", "", ("CF10", "CF11", "CF24"), "EW"),
    Town("Tadley", "Hampshire", ("RG26",), "EW"),
    Town("Edinburgh", "", ("EH1", "EH2", "EH3", "EH6", "EH12"), "SC"),
    Town("Glasgow", "", ("G1", "G2", "G3", "G41"), "SC"),
    Town("Belfast", "County Antrim", ("BT1", "BT2", "BT7", "BT9"), "NI"),
]


def nation_word(town: Town) -> str:
    """The UK nation a registered office's country names ("ENGLAND", "WALES", "SCOTLAND", "NORTHERN IRELAND")."""
    if town.nation == "EW":
        return "WALES" if town.postcode_area_welsh else "ENGLAND"
    return {"SC": "SCOTLAND", "NI": "NORTHERN IRELAND"}[town.nation]


STREETS = ["High Street", "Station Road", "Mill Lane", "Church Street", "Victoria Road", "Park Road",
           "King Street", "Queen Street", "Bridge Street", "London Road", "Albert Road", "Market Street",
           "George Street", "Castle Street", "York Road", "Wellington Road", "Grove Road", "North Street"]  # fmt: skip
BUILDINGS = ["House", "Court", "Chambers", "Business Centre", "Works", "Mill", "Place"]
FLOORS = ["First Floor", "Ground Floor", "Second Floor", "Suite 2", "Unit 4", "Office 12"]
# What a rep writes for Pipedrive's street part of an abbreviated street
STREET_ABBREVIATIONS = {"Street": "St", "Road": "Rd", "Lane": "Ln"}

# -- companies ------------------------------------------------------------------------------------------------

TRADES = [
    ("Consulting", "70229 - Management consultancy activities other than financial management"),
    ("Design", "74100 - specialised design activities"),
    ("Engineering", "71129 - Other engineering activities"),
    ("Property", "68209 - Other letting and operating of own or leased real estate"),
    ("Logistics", "49410 - Freight transport by road"),
    ("Software", "62012 - Business and domestic software development"),
    ("Electrical", "43210 - Electrical installation"),
    ("Builders", "41202 - Construction of domestic buildings"),
    ("Media", "73110 - Advertising agencies"),
    ("Catering", "56210 - Event catering activities"),
    ("Recruitment", "78109 - Other activities of employment placement agencies"),
    ("Dental Care", "86230 - Dental practice activities"),
    ("Solutions", "62020 - Information technology consultancy activities"),
    ("Trading", "46900 - Non-specialised wholesale trade"),
]
# A company's legal form: the register's category, the endings its registered names take, how reps write it.
FORMS = {
    "ltd": ("Private Limited Company", ["LIMITED", "LIMITED", "LIMITED", "LTD", "LTD", "LTD."],
            ["Ltd", "Ltd", "Limited", "Ltd.", "LTD", ""]),
    "plc": ("Public Limited Company", ["PLC", "PLC", "PUBLIC LIMITED COMPANY"], ["plc", "PLC", "Plc"]),
    "llp": ("Limited Liability Partnership", ["LLP", "LLP", "LIMITED LIABILITY PARTNERSHIP"], ["LLP", ""]),
    "cic": ("Community Interest Company", ["CIC", "CIC", "COMMUNITY INTEREST COMPANY"], ["CIC", "C.I.C."]),
    "guarantee": ("PRI/LTD BY GUAR/NSC (Private, limited by guarantee, no share capital)", ["LIMITED", "LTD"],
                  ["Ltd", "Limited", ""]),
}  # fmt: skip
# The long legal form each short one is (written in the CRM where the register has the short one, and back)
LONG_FORMS = {"LTD": "Limited", "LTD.": "Limited", "LIMITED": "Ltd", "PLC": "Public Limited Company",
              "PUBLIC LIMITED COMPANY": "PLC", "LLP": "Limited Liability Partnership",
              "LIMITED LIABILITY PARTNERSHIP": "LLP", "CIC": "Community Interest Company",
              "C.I.C.": "Community Interest Company", "COMMUNITY INTEREST COMPANY": "CIC"}  # fmt: skip
GROUP_WORDS = [
    "Holdings",
    "Services",
    "(UK)",
    "Group",
    "Properties",
    "Trading",
    "International",
    "Developments",
]
SURNAMES = ["Jones", "Taylor", "Brown", "Wilson", "Evans", "Thomas", "Roberts", "Walker", "Wright", "Hughes",
            "Green", "Hall", "Wood", "Clarke", "Turner", "Hill", "Cooper", "Ward", "Morris", "Baker"]  # fmt: skip
SOLE_TRADES = ["Plumbing", "Plumbing & Heating", "Building Services", "Electrical", "Decorating", "Roofing",
               "Joinery", "Landscapes", "Cleaning Services", "Accountancy"]  # fmt: skip
TRADING_NAMES = ["The Copper Kettle", "Blue Door Bakery", "Northern Lights Studio", "The Old Forge", "Red Kite Cafe",
                 "Greenleaf Florist", "The Fox Inn", "Harbour View Dental", "Little Acorns Nursery",
                 "Silver Birch Framing", "Oak & Ivy Interiors", "The Tool Shed", "Bright Spark Tutoring",
                 "Wild Thyme Kitchen", "Lantern Yoga"]  # fmt: skip
LABELS = ["Customer", "Prospect", "Hot lead", "Warm lead", "Cold lead", "Partner", ""]
OWNERS = ["Hannah Price", "Tom Whitfield", "Aisha Rahman", "Gareth Lloyd", "Megan Doyle"]
ACCOUNT_CATEGORIES = [
    "TOTAL EXEMPTION FULL",
    "MICRO ENTITY",
    "SMALL",
    "FULL",
    "UNAUDITED ABRIDGED",
    "DORMANT",
]
STATUSES = ["Active"] * 12 + ["Active - Proposal to Strike off", "Liquidation"]

_ONSETS = ["b", "br", "c", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l", "m", "n", "p", "pr", "qu",
           "r", "s", "st", "t", "tr", "v", "w", "z"]  # fmt: skip
_VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o", "ia", "y"]
_CODAS = ["", "", "n", "r", "l", "x", "m", "sh", "ck", "ley", "ton"]


@dataclass
class Office:
    """An address as the register's filer wrote it."""

    number: str  # the house number ("" where a building name stands for it)
    street: str
    town: Town
    postcode: str
    building: str = ""  # "Ashford House"
    floor: str = ""  # "First Floor", "Suite 2"
    locality: str = ""  # the register's second line where it names a district


@dataclass
class Company:
    stem: str  # the name's distinctive part ("Kivora Design")
    form: str  # a `FORMS` key
    ending: str  # the registered name's legal form as the register has it ("LIMITED")
    number: str
    office: Office  # the registered office
    trade: int
    incorporated: str  # dd/mm/yyyy
    status: str = "Active"
    previous: list[tuple[str, str]] = field(default_factory=list)  # (date, registered name), newest first
    trading: Office | None = None  # where it trades, when not at its registered office
    phone: str = ""
    website: str = ""

    @property
    def registered_name(self) -> str:
        return f"{self.stem.upper()} {self.ending}"


def _fill(rng: random.Random, pattern: str) -> str:
    return "".join(
        str(rng.randrange(10)) if ch == "#" else rng.choice(string.ascii_uppercase) if ch == "@" else ch
        for ch in pattern
    )


class Generator:
    def __init__(self, seed: int, orgs: int, per_category: int):
        self.rng = random.Random(seed)
        self.orgs = orgs
        self.per = per_category
        self.used: set[str] = set()
        self.crm_rows: list[dict] = []
        self.cases: list[GeneratedCase] = []
        self.ids = 0
        self.agents = [
            self.office(building=True) for _ in range(3)
        ]  # formation agents' and accountants' offices

    # identifiers

    def unique(self, make) -> str:
        return unused_value(make, self.used)

    def word(self) -> str:
        def make() -> str:
            text = "".join(
                self.rng.choice(_ONSETS) + self.rng.choice(_VOWELS) for _ in range(self.rng.choice([1, 2, 2]))
            )
            text = (text + self.rng.choice(_CODAS)).capitalize()
            return text if 4 <= len(text) <= 10 else ""

        return self.unique(make)

    def number(self, nation: str, form: str) -> str:
        prefix = {("EW", "llp"): "OC", ("SC", "llp"): "SO", ("NI", "llp"): "NC"}.get((nation, form))
        prefix = prefix or {"SC": "SC", "NI": "NI"}.get(nation, "")
        digits = 8 - len(prefix)
        return self.unique(
            lambda: prefix + str(self.rng.randrange(10 ** (digits - 2), 10 ** (digits - 1) * 2)).zfill(digits)
        )

    def postcode(self, town: Town) -> str:
        return f"{self.rng.choice(town.districts)} {_fill(self.rng, '#@@')}"

    def office(self, town: Town | None = None, *, building: bool | None = None) -> Office:
        town = town or self.rng.choice(TOWNS[:-3] * 3 + TOWNS[-3:])
        has_building = self.rng.random() < 0.35 if building is None else building
        office = Office(str(self.rng.randrange(1, 240)), self.rng.choice(STREETS), town, self.postcode(town))
        if has_building:
            office.building = f"{self.word()} {self.rng.choice(BUILDINGS)}"
            office.floor = self.rng.choice(["", *FLOORS])
        if self.rng.random() < 0.15:
            office.locality = self.rng.choice(
                ["Hunslet", "Clifton", "Jesmond", "Headingley", "Ancoats", "Digbeth"]
            )
        return office

    def phone(self) -> str:
        return fresh_number(
            self.rng, "GB", phonenumbers.PhoneNumberType.FIXED_LINE, self.used, random_digits=6
        )

    def date(self, first: int, last: int) -> str:
        return f"{self.rng.randrange(1, 29):02d}/{self.rng.randrange(1, 13):02d}/{self.rng.randrange(first, last + 1)}"

    def company(self, *, stem: str = "", form: str | None = None, office: Office | None = None,
                trade: int | None = None, incorporated: str = "") -> Company:  # fmt: skip
        form = form or self.rng.choice(["ltd"] * 14 + ["llp", "plc", "cic", "guarantee"])
        trade = self.rng.randrange(len(TRADES)) if trade is None else trade
        if not stem:
            stem = f"{self.word()} {TRADES[trade][0]}" if self.rng.random() < 0.75 else self.word()
            if self.rng.random() < 0.1:  # a firm named after its partners, never one another firm has
                stem = self.unique(lambda: f"{self.rng.choice(SURNAMES)} & {self.rng.choice(SURNAMES)}")
        office = office or self.office()
        company = Company(
            stem=stem,
            form=form,
            ending=self.rng.choice(FORMS[form][1]),
            number=self.number(office.town.nation, form),
            office=office,
            trade=trade,
            incorporated=incorporated or self.date(1995, 2023),
            status=self.rng.choice(STATUSES),
            phone=self.phone(),
        )
        if self.rng.random() < 0.5:
            company.website = self.unique(
                lambda: "".join(ch for ch in stem.lower() if ch.isalnum())[:14] + self.rng.choice(["", "uk", "ltd"])
                + self.rng.choice([".co.uk", ".co.uk", ".com", ".uk"])
            )  # fmt: skip
        return company

    # writing

    def crm_name(self, company: Company, stem: str = "") -> str:
        """The name as a rep typed it: the stem in title case, the legal form as the rep writes it."""
        stem = stem or company.stem
        written = self.rng.choice(FORMS[company.form][2])
        if self.rng.random() < 0.1:
            stem = stem.upper()
        return f"{stem} {written}".strip()

    def crm(self, company: Company | None, *, name: str = "", office: Office | None = None, number: bool | None = None,
            number_text: str = "", **fields) -> str:  # fmt: skip
        """The company as a Pipedrive organization (fields override what the rep wrote); its ID. `office` is the
        address the rep holds (the trading address where it has one, else the registered office)."""
        self.ids += 1
        crm_id = str(1000 + self.ids * 3 + self.rng.randrange(3))
        office = office or (company.trading or company.office if company else self.office())
        has_number = (self.rng.random() < 0.25) if number is None else number
        street = office.street
        if self.rng.random() < 0.2:
            head, _, tail = street.rpartition(" ")
            street = f"{head} {STREET_ABBREVIATIONS.get(tail, tail)}"
        number_part = office.number if not office.building or self.rng.random() < 0.6 else ""
        place = ", ".join(part for part in (office.floor, office.building) if part)
        country = self.rng.choice(["United Kingdom", "United Kingdom", "UK"])
        combined = ", ".join(
            part for part in (place, f"{number_part} {street}".strip(), f"{office.town.name} {office.postcode}", country) if part
        )  # fmt: skip
        row = {
            CRM_ID: crm_id,
            "Organization - Name": name or (self.crm_name(company) if company else ""),
            "Organization - Label": self.rng.choice(LABELS),
            "Organization - Owner": self.rng.choice(OWNERS),
            "Organization - Website": company.website if company and company.website and self.rng.random() < 0.8 else "",
            "Organization - Phone": self.phone_written(company.phone) if company and self.rng.random() < 0.6 else "",
            "Organization - Address": combined if self.rng.random() < 0.9 else "",
            "Organization - Address - Street/road name": street,
            "Organization - Address - House number": number_part,
            "Organization - Address - City/town/village/locality": office.town.name,
            "Organization - Address - ZIP/Postal code": office.postcode if self.rng.random() < 0.9 else "",
            "Organization - Address - Country": country,
            "Organization - Company number": (number_text or self.number_written(company.number))
            if company and has_number
            else "",
            "Organization - People": str(self.rng.randrange(0, 6)),
            "Organization - Add time": f"{self.rng.randrange(2014, 2025)}-{self.rng.randrange(1, 13):02d}-"
            f"{self.rng.randrange(1, 29):02d} {self.rng.randrange(8, 18):02d}:{self.rng.randrange(60):02d}:00",
        }  # fmt: skip
        row.update(fields)
        self.crm_rows.append(row)
        return crm_id

    def phone_written(self, e164: str) -> str:
        number = phonenumbers.parse(e164)
        style = self.rng.choice(
            [phonenumbers.PhoneNumberFormat.NATIONAL, phonenumbers.PhoneNumberFormat.INTERNATIONAL]
        )
        return phonenumbers.format_number(number, style)

    def number_written(self, number: str) -> str:
        """A company number as a rep types it: as the register writes it, its leading zeros lost to a
        spreadsheet, a space after the letters, in lower case."""
        choice = self.rng.random()
        if number.isdigit() and choice < 0.3:
            return number.lstrip("0")
        if not number.isdigit() and choice < 0.3:
            return f"{number[:2]} {number[2:]}"
        if not number.isdigit() and choice < 0.45:
            return number.lower()
        return number

    def register(self, category: str, company: Company, truth=(), **fields) -> None:
        """The company's row in the register (fields override), with the CRM ids right for it."""
        office = company.office
        line1, line2 = self.address_lines(office)
        year = int(company.incorporated[-4:])
        made_up = f"{self.rng.randrange(1, 29):02d}/{self.rng.randrange(1, 13):02d}/2025"
        row = {
            "CompanyName": company.registered_name,
            "RegAddress.CareOf": "",
            "RegAddress.POBox": "",
            "RegAddress.AddressLine1": line1,
            " RegAddress.AddressLine2": line2,
            "RegAddress.PostTown": office.town.name.upper(),
            "RegAddress.County": office.town.county.upper() if self.rng.random() < 0.6 else "",
            "RegAddress.Country": self.rng.choice(["", nation_word(office.town), nation_word(office.town), "UNITED KINGDOM"]),
            "RegAddress.PostCode": office.postcode,
            "CompanyCategory": FORMS[company.form][0],
            "CompanyStatus": company.status,
            "CountryOfOrigin": "United Kingdom",
            "DissolutionDate": "",
            "IncorporationDate": company.incorporated,
            "Accounts.AccountRefDay": str(self.rng.choice([28, 30, 31])),
            "Accounts.AccountRefMonth": str(self.rng.randrange(1, 13)),
            "Accounts.NextDueDate": f"{self.rng.randrange(1, 29):02d}/{self.rng.randrange(1, 13):02d}/2026",
            "Accounts.LastMadeUpDate": made_up if year < 2025 else "",
            "Accounts.AccountCategory": self.rng.choice(ACCOUNT_CATEGORIES) if year < 2025 else "NO ACCOUNTS FILED",
            "Returns.NextDueDate": "",
            "Returns.LastMadeUpDate": "",
            "Mortgages.NumMortCharges": str(charges := self.rng.choice([0, 0, 0, 1, 2])),
            "Mortgages.NumMortOutstanding": str(charges),
            "Mortgages.NumMortPartSatisfied": "0",
            "Mortgages.NumMortSatisfied": "0",
            "SICCode.SicText_1": TRADES[company.trade][1],
            "SICCode.SicText_2": "",
            "SICCode.SicText_3": "",
            "SICCode.SicText_4": "",
            "LimitedPartnerships.NumGenPartners": "0",
            "LimitedPartnerships.NumLimPartners": "0",
            "URI": f"http://business.data.gov.uk/id/company/{company.number}",
            "ConfStmtNextDueDate": f"{self.rng.randrange(1, 29):02d}/{self.rng.randrange(1, 13):02d}/2026",
            " ConfStmtLastMadeUpDate": made_up,
        }  # fmt: skip
        for index, (date, name) in enumerate(company.previous[:10], start=1):
            row["PreviousName_1.CONDATE" if index == 1 else f" PreviousName_{index}.CONDATE"] = date
            row[f" PreviousName_{index}.CompanyName"] = name
        row.update(fields)
        self.cases.append(GeneratedCase(category, row, tuple(truth), external_id=company.number))

    def address_lines(self, office: Office) -> tuple[str, str]:
        """The registered office's two lines in capitals, as filers write them: the floor and building on the
        first and the street on the second, or the number and street on the first and the district on the
        second."""
        street = f"{office.number} {office.street}".upper()
        if office.building:
            first = " ".join(part for part in (office.floor, office.building) if part).upper()
            if self.rng.random() < 0.3:
                return f"{first} {street}", office.locality.upper()
            return first, street
        return street, office.locality.upper()

    # -- categories -------------------------------------------------------------------------------------------

    def background(self) -> None:
        """CRM organisations the register rows say nothing about: companies (a tenth at each formation agent's
        address, hundreds each), and sole traders."""
        for index in range(self.orgs):
            if index % 10 == 0:
                self.crm(self.company(office=self.agents[index % 3]))
            elif index % 10 == 1:
                self.crm(None, name=self.sole_trader_name(), office=self.office(building=False))
            else:
                self.crm(self.company())

    def sole_trader_name(self) -> str:
        """A sole trader's name ("Jones Plumbing", "J. Jones Plumbing"), never one another trader has."""

        def make() -> str:
            initial = self.rng.choice(["", f"{self.rng.choice(string.ascii_uppercase)} "])
            return f"{initial}{self.rng.choice(SURNAMES)} {self.rng.choice(SOLE_TRADES)}"

        name = self.unique(make)
        return name.replace(" ", ". ", 1) if len(name.split()[0]) == 1 and self.rng.random() < 0.5 else name

    def plain(self) -> None:
        for _ in range(self.per * 2):
            company = self.company()
            self.register("plain", company, [self.crm(company)])

    def legal_form_written(self) -> None:
        """The legal form (and "&") written one way in the CRM and another in the register."""
        for index in range(self.per):
            form = ["ltd", "plc", "llp", "cic"][index % 4]
            stem = (
                f"{self.word()} & {self.word()}"
                if index % 3 == 0
                else f"{self.word()} {self.rng.choice(TRADES)[0]}"
            )
            company = self.company(stem=stem, form=form)
            crm_stem = stem.replace("&", "and") if "&" in stem else stem
            name = f"{crm_stem} {LONG_FORMS.get(company.ending, 'Ltd')}"
            self.register("legal_form_written", company, [self.crm(company, name=name)])

    def agent_address(self) -> None:
        """Companies registered at a formation agent's or an accountant's address the CRM holds hundreds of
        other companies at: one the CRM does not hold, one sharing a CRM company's first word there, and one
        the CRM holds there."""
        for index in range(self.per * 2):
            agent = self.agents[index % 3]
            self.register("agent_address_other", self.company(office=agent))
        for index in range(self.per):
            agent = self.agents[index % 3]
            trade = self.rng.randrange(len(TRADES))
            first = self.word()
            held = self.company(stem=f"{first} {TRADES[trade][0]}", trade=trade, office=agent)
            self.crm(held)
            others = [t for t, _ in TRADES if t != TRADES[trade][0]]
            namesake = self.company(stem=first if self.rng.random() < 0.5 else f"{first} {self.rng.choice(others)}",
                                    office=agent)  # fmt: skip
            self.register("agent_address_namesake", namesake)
        for index in range(self.per):
            company = self.company(office=self.agents[index % 3])
            self.register("agent_address_in_crm", company, [self.crm(company, name=self.crm_name(company))])

    def registered_at_accountant(self) -> None:
        """The register's office is the company's accountant's (shared) address; the CRM has where it trades,
        and its company number."""
        for index in range(self.per):
            company = self.company(office=self.agents[index % 3])
            company.trading = self.office()
            self.register("registered_at_accountant", company, [self.crm(company, number=True)])

    def groups(self) -> None:
        """A group's companies at one address: the CRM holds two, the register row is a third (none) or one of
        the two (its record)."""
        for index in range(self.per * 2):
            brand = self.word() if index % 2 else f"{self.word()} {self.rng.choice(TRADES)[0]}"
            office = self.office()
            words = self.rng.sample([w for w in GROUP_WORDS if w[:5] not in brand], 3)
            members = [self.company(stem=f"{brand} {word}", form="ltd", office=office) for word in words]
            ids = [self.crm(member, number=False) for member in members[:2]]
            if index % 2 == 0:
                self.register("group_sibling", members[2])
            else:
                self.register("group_member_in_crm", members[index % 4 // 2], [ids[index % 4 // 2]])

    def renamed(self) -> None:
        """The CRM holds the former name; the register the new one, with the former as its previous name."""
        for _ in range(self.per):
            old = self.company()
            truth = self.crm(old)
            new_stem = f"{self.word()} {TRADES[old.trade][0]}" if self.rng.random() < 0.6 else self.word()
            new = replace(old, stem=new_stem, ending=self.rng.choice(FORMS[old.form][1]))
            change = self.date(max(int(old.incorporated[-4:]) + 1, 2005), 2025)
            new.previous = [(change, old.registered_name)]
            self.register("renamed", new, [truth])

    def name_reused(self) -> None:
        """The CRM holds a company with its number (dissolved since); a newer company took the name."""
        for _ in range(self.per):
            old = self.company(incorporated=self.date(1998, 2012))
            self.crm(old, number=True)
            newer = self.company(
                stem=old.stem, form=old.form, trade=old.trade, incorporated=self.date(2019, 2025)
            )
            self.register("name_reused", newer)

    def trading_name(self) -> None:
        """The CRM holds the company by the name it trades under, with its company number."""
        for _ in range(self.per):
            company = self.company(form="ltd", trade=self.rng.choice([9, 11, 13, 3]))
            trading = self.rng.choice(TRADING_NAMES)
            if self.rng.random() < 0.5:
                trading = f"{trading} {company.office.town.name}"
            self.register("trading_name", company, [self.crm(company, name=trading, number=True)])

    def sole_trader(self) -> None:
        """A sole trader in the CRM (no legal form, not on the register); a like-named company elsewhere."""
        for _ in range(self.per):
            name = self.sole_trader_name()
            office = self.office(building=False)
            self.crm(None, name=name, office=office)
            elsewhere = self.office(self.rng.choice([t for t in TOWNS if t is not office.town]))
            stem = name.replace(". ", " ")
            company = self.company(stem=stem, form="ltd", office=elsewhere)
            self.register("sole_trader", company)

    def not_in_crm(self) -> None:
        for _ in range(self.per * 2):
            self.register("not_in_crm", self.company())

    def crm_duplicate(self) -> None:
        for _ in range(self.per // 2):
            company = self.company()
            truth = [self.crm(company), self.crm(company)]
            self.register("crm_duplicate", company, truth)

    def make(self) -> GeneratedCases:
        for category in (
            self.background,
            self.plain,
            self.legal_form_written,
            self.agent_address,
            self.registered_at_accountant,
            self.groups,
            self.renamed,
            self.name_reused,
            self.trading_name,
            self.sole_trader,
            self.not_in_crm,
            self.crm_duplicate,
        ):
            category()
        self.rng.shuffle(self.crm_rows)
        self.rng.shuffle(self.cases)
        return GeneratedCases(self.crm_rows, self.cases)


def organisation_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.orgs, args.per_category).make()


# -- Splink -------------------------------------------------------------------------------------------------

# What an evaluator prepares for Splink: the name without its legal form, the postcode (both sides write it
# alike), the post town, and the first address line's leading number; no phone or domain on the register's side.
CRM_SQL = f"""
        SELECT "{CRM_ID}" AS unique_id, {{company}}(strip_accents("Organization - Name")) AS name,
               nullif(upper(replace("Organization - Address - ZIP/Postal code", ' ', '')), '') AS postcode,
               nullif(lower(trim("Organization - Address - City/town/village/locality")), '') AS city,
               nullif("Organization - Address - House number", '') AS house
        FROM read_csv('{{path}}', all_varchar = true)
    """
# DuckDB's CSV reader trims the header's leading spaces (" CompanyNumber" is "CompanyNumber" to it).
INBOUND_SQL = """
        SELECT "CompanyNumber" AS unique_id, {company}(strip_accents("CompanyName")) AS name,
               nullif(upper(replace("RegAddress.PostCode", ' ', '')), '') AS postcode,
               nullif(lower(trim("RegAddress.PostTown")), '') AS city,
               nullif(regexp_extract(concat_ws(' ', "RegAddress.AddressLine1", "RegAddress.AddressLine2"),
                                     '(?:^|\\s)(\\d+)\\s', 1), '') AS house
        FROM read_csv('{path}', all_varchar = true)
    """


def splink_model():
    """Splink's documented company-matching settings for a register without phones or domains: the name
    compared by `NameComparison`, the postcode and post town exactly (the town with term frequencies), the
    house number exactly; blocked on the name and on the postcode."""
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    settings = SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=[
            block_on("name"),
            block_on("postcode"),
            block_on("substr(name, 1, 5)", "city"),
        ],
        comparisons=[
            cl.NameComparison("name"),
            cl.ExactMatch("postcode"),
            cl.ExactMatch("city").configure(term_frequency_adjustments=True),
            cl.ExactMatch("house"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    return settings, [block_on("city"), block_on("name")], [block_on("name", "postcode")], 0.7, {}


SUITES = [
    GeneratedSuite(
        name="organisations",
        make=organisation_cases,
        crm_file="pipedrive_organizations",
        inbound_file="companies_house_basic",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id=INBOUND_ID,
        cli_options=["--provider", "pipedrive", "--object", "organizations", "--kind", "organisation"],
        splink_kind="organisation",
        sql={"crm": CRM_SQL, "inbound": INBOUND_SQL},
        source="Pipedrive organizations <- Companies House BasicCompanyData",
        splink_model=splink_model,
    )
]


if __name__ == "__main__":
    run_generated("identity-thirtyfifth", SUITES, seed=351, people=0, orgs=2500, per_category=40)
