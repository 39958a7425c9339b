"""A twenty-eighth record set: Pipedrive persons linked from a cloud telephony system's calls export.

    python benchmarks/identity_twentyeighth.py [--people 3000] [--per-category 40] [--seed 281] [--skip-splink]
                                               [--keep DIR]

The CRM side is a Pipedrive persons export as its list view writes it: `Person - ID`, `Person - Name`,
`Person - First name`, `Person - Last name`, `Person - Phone - Work`, `... - Mobile`, `... - Home`, `... - Other`
(several values in one cell joined by ", "), `Person - Email - Work`, `... - Home`, `... - Other`,
`Organization - Name`, `Person - Job title`, `Person - Postal address - City/town/village/locality`,
`Person - Postal address - Country`, `Person - Owner`. Reps type numbers as they hear them: E.164, international
with spaces, national with the trunk zero, "+44 (0)20 ...", US "(415) 555-0134", dots; a desk behind a company's
main line as the main line and its extension ("+1 415-555-0100 ext. 23", "020 7946 0000 x23"). Colleagues share
their company's main line; spouses their home landline; a rep now and then types a mobile in `Work`, or a
colleague's mobile in `Other` (an assistant's record holds her manager's mobile).

The inbound side is a cloud telephony system's calls export (what Aircall, RingCentral, Dialpad, Talkdesk or
JustCall write: one row a call): `Call ID`, `Started At (UTC)`, `Time Zone`, `Direction` (inbound, outbound),
`Status`, `Phone Number` (the other party's number, as the carrier or the agent's dial pad gave it: E.164, a
"tel:" URI, national, with an extension the agent dialled), `Caller Name` (caller ID, CNAM: what the carrier's
database says, upper case, 15 characters at most, "LAST FIRST" or "LAST,FIRST", the line's business name, or a
filler: "WIRELESS CALLER", "UNKNOWN", "CELL PHONE   CA", the number's town and state "SAN FRANCISCO CA", "V"
and digits, the country of an international call), `Contact Name` and `Company` (the telephony system's own
contact, when an agent saved one: often blank), `Email` (rarely), `Number Called` and `Line` (the business's
own line that took or made the call: never the other party's), `Agent`, `Duration (s)`, `Tags`.

Categories, each with its truth (`MAKERS` lists them; "IN": the Pipedrive person, either of two when Pipedrive
holds the person twice; "OUT": nobody):
IN
- `own_number_forms`: the caller's own mobile or direct line, in another written form; a contact name or a
  caller-ID name of the person, or neither.
- `cnam_person_name`: a US caller's own number and the carrier's caller-ID name of them ("GARCIA MARIA",
  "OKONKWO-BAPTIST", "MONTGOMERY,EDWA"), nothing else.
- `cnam_filler`: the caller's own number and a caller-ID filler in place of a name.
- `phone_only`: an outbound call to the person's own number, nothing else.
- `extension_desk`: the company's main line with the person's extension ("x23", "ext. 23", ";ext=23", "#23"),
  the company's caller-ID name or none; colleagues sit on the same main line with other extensions.
- `switchboard_named`: the company's main line without an extension, the person's name typed by the agent.
- `mobile_in_work_field`: the person's mobile, which the CRM holds in `Work` or `Home`.
- `mobile_on_colleague`: the person's mobile, held on her record and on a colleague's (`Other`); her name.
- `household_named`: a home landline two CRM people share, and the caller's name.
- `name_and_company`: a withheld number ("Anonymous", "Restricted", blank), the contact's name and company.
- `typo_or_nickname`: the caller's own number and her name with a typo, a short form or an initial.
- `crm_duplicate`: the CRM holds the person twice; either record is right.
- `with_email`: the contact's name and email (rare in telephony), a number or none.
OUT
- `recycled_number`: a mobile a CRM person held, now another subscriber's (another name, nothing else agrees).
- `switchboard_other_caller`: a company's main line, and a name the CRM does not hold.
- `switchboard_no_person`: a company's main line that several CRM people share, with the company's caller-ID
  name or a filler, or an extension no CRM person has.
- `household_other_member`: a shared home landline, and a third member of the household (another given name).
- `namesake_other_number`: a CRM person's full name, another number, another company or none.
- `not_in_crm`: callers the CRM does not hold.

Fairness: every row has one truth its two records can tell. Full names are unique in the CRM (but for its
duplicates); a caller not in the CRM never has a CRM person's full name (but the namesakes); the new subscriber
of a recycled number shares neither given name nor surname with its old holder, and a third household member
shares no given name (nor short form) with the two; a mobile and a direct line are one person's (the colleague's
`Other` aside); a main line is its company's; an extension is one person's within its company. Written from
scratch (only `identity_quality`'s interfaces). Every seed deterministic.
"""

import random
import re
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

CRM_ID = "Person - ID"
CRM_COLUMNS = [
    "Person - ID",
    "Person - Name",
    "Person - First name",
    "Person - Last name",
    "Person - Phone - Work",
    "Person - Phone - Mobile",
    "Person - Phone - Home",
    "Person - Phone - Other",
    "Person - Email - Work",
    "Person - Email - Home",
    "Person - Email - Other",
    "Organization - Name",
    "Person - Job title",
    "Person - Postal address - City/town/village/locality",
    "Person - Postal address - Country",
    "Person - Owner",
]
INBOUND_ID = "Call ID"
INBOUND_COLUMNS = [
    "Call ID",
    "Started At (UTC)",
    "Time Zone",
    "Direction",
    "Status",
    "Phone Number",
    "Caller Name",
    "Contact Name",
    "Company",
    "Email",
    "Number Called",
    "Line",
    "Agent",
    "Duration (s)",
    "Tags",
]

# Given names with the short forms callers and agents use (the generator's own list).
SHORT_FORMS = {
    "Alexander": "Alex",
    "Benjamin": "Ben",
    "Catherine": "Cathy",
    "Daniel": "Dan",
    "Elizabeth": "Liz",
    "Gregory": "Greg",
    "Jennifer": "Jen",
    "Jonathan": "Jon",
    "Margaret": "Maggie",
    "Nicholas": "Nick",
    "Patrick": "Pat",
    "Rebecca": "Becky",
    "Samuel": "Sam",
    "Stephanie": "Steph",
    "Timothy": "Tim",
    "Victoria": "Vicky",
    "William": "Bill",
    "Zachary": "Zach",
    "Kimberly": "Kim",
    "Michael": "Mike",
}
OTHER_GIVEN = [
    "Aiko", "Amadou", "Anneke", "Arjun", "Beatriz", "Bongani", "Chiara", "Cormac", "Dagny", "Deepika",
    "Emeka", "Esperanza", "Fenna", "Florian", "Gaspard", "Greta", "Haruto", "Helga", "Ifeoma", "Ilse",
    "Joaquim", "Jovana", "Kaito", "Kalinda", "Leandro", "Lucinda", "Mahesh", "Marisol", "Niamh", "Nikhil",
    "Odile", "Olufemi", "Paloma", "Pieter", "Quentin", "Radhika", "Rosalind", "Sakura", "Siobhan", "Soren",
    "Tamsin", "Thiago", "Ulrike", "Vikram", "Wilhelmina", "Xiomara", "Yusuf", "Zainab", "Anouk", "Cillian",
    "Dorothea", "Eun-ji", "Fabiola", "Gideon", "Henrik", "Isidora", "Jarrah", "Kiran", "Leilani", "Matteo",
]  # fmt: skip
GIVEN = [*SHORT_FORMS, *OTHER_GIVEN]
SURNAMES = [
    "Abernathy", "Adeyemi", "Albrecht", "Alvarenga", "Ashworth", "Bakshi", "Balogun", "Bellamy", "Bergstrom",
    "Blackwood", "Bonnaire", "Brannigan", "Castellanos", "Chaudhry", "Cornelius", "Dalgaard", "Delacroix",
    "Donoghue", "Drummond", "Eckhart", "Ellington", "Fairbanks", "Falkenberg", "Fitzgerald", "Gallagher",
    "Gonsalves", "Grimaldi", "Hargreaves", "Hashimoto", "Hendricks", "Iwasaki", "Jablonski", "Kaczmarek",
    "Kavanagh", "Kowalczyk", "Lachance", "Lindqvist", "Lombardo", "Macintyre", "Marchetti", "Montgomery-Smith",
    "Nakagawa", "Nwachukwu", "Oyelaran", "Pacheco", "Petrovic", "Quartermaine", "Radcliffe", "Rasmussen",
    "Santangelo", "Schellenberg", "Sorensen", "Takahashi", "Thornbury", "Underwood", "Valderrama",
    "Vanderbilt", "Wainwright", "Whitcombe", "Yamamoto", "Zielinski", "Okonkwo-Baptiste", "Featherstonehaugh",
    "Ribeiro", "Carvalho", "Iyengar", "Venkataraman", "Moreau", "Girard", "Krishnamurthy", "Brennan",
    "Holloway", "Pemberton", "Sinclair", "Trevelyan", "Achterberg", "Bauer", "Lehmann", "Vogel", "Dupont",
]  # fmt: skip


@dataclass(frozen=True)
class Country:
    code: str
    name: str  # as a US carrier's caller ID names an international call
    cities: tuple  # (city, state or region)
    zone: str
    weight: float
    legal: tuple  # legal forms a company of the country carries


COUNTRIES = (
    Country(
        "US",
        "UNITED STATES",
        (
            ("San Francisco", "CA"),
            ("Austin", "TX"),
            ("Chicago", "IL"),
            ("Boston", "MA"),
            ("Seattle", "WA"),
            ("Denver", "CO"),
            ("Atlanta", "GA"),
            ("Philadelphia", "PA"),
        ),
        "America/Los_Angeles",
        0.40,
        ("Inc.", "LLC", "Corp."),
    ),
    Country(
        "GB",
        "UNITED KINGDOM",
        (("London", ""), ("Manchester", ""), ("Leeds", ""), ("Bristol", "")),
        "Europe/London",
        0.16,
        ("Ltd", "Limited"),
    ),
    Country(
        "DE", "GERMANY", (("Berlin", ""), ("Hamburg", ""), ("Munich", "")), "Europe/Berlin", 0.10, ("GmbH",)
    ),
    Country(
        "FR", "FRANCE", (("Paris", ""), ("Lyon", ""), ("Lille", "")), "Europe/Paris", 0.08, ("SAS", "SARL")
    ),
    Country(
        "AU", "AUSTRALIA", (("Sydney", "NSW"), ("Melbourne", "VIC")), "Australia/Sydney", 0.08, ("Pty Ltd",)
    ),
    Country(
        "IN", "INDIA", (("Bengaluru", ""), ("Mumbai", ""), ("Pune", "")), "Asia/Kolkata", 0.08, ("Pvt Ltd",)
    ),
    Country("BR", "BRAZIL", (("Sao Paulo", ""), ("Curitiba", "")), "America/Sao_Paulo", 0.05, ("Ltda",)),
    Country("JP", "JAPAN", (("Tokyo", ""), ("Osaka", "")), "Asia/Tokyo", 0.05, ("KK",)),
)
US_AREA = {
    "San Francisco": ("415", "628"),
    "Austin": ("512", "737"),
    "Chicago": ("312", "773"),
    "Boston": ("617", "857"),
    "Seattle": ("206",),
    "Denver": ("303", "720"),
    "Atlanta": ("404", "678"),
    "Philadelphia": ("215", "267"),
}
COMPANY_WORDS = (
    "Harbor", "Summit", "Cedar", "Lumen", "Quarry", "Beacon", "Northgate", "Kestrel", "Meridian", "Obsidian",
    "Fernhill", "Copperleaf", "Bluewater", "Ironbridge", "Juniper", "Larkspur", "Silverline", "Tidewater",
    "Windmere", "Ashgrove", "Brightpath", "Highfield", "Orchard", "Redstone", "Saltmarsh", "Thistle", "Vantage",
    "Wildrose", "Yellowfin", "Zephyr",
)  # fmt: skip
COMPANY_TRADES = (
    "Logistics", "Dental", "Robotics", "Analytics", "Foods", "Textiles", "Architects", "Solar", "Pharma",
    "Software", "Freight", "Clinics", "Ceramics", "Media", "Insurance", "Packaging",
)  # fmt: skip
TITLES = ("Office Manager", "Head of Procurement", "CFO", "Operations Lead", "IT Manager", "Buyer", "CEO", "")
AGENTS = ("Priya Raman", "Tom Ellery", "Grace Obi", "Lukas Brandt", "Mei Tanaka")
OWN_LINES = (
    ("+14155550100", "Sales US"),
    ("+442079460000", "Support UK"),
    ("+4930901820", "Vertrieb DE"),
    ("+61291920000", "APAC"),
)
# Caller-ID fillers: a carrier that has no name for the line, or a name of the line's kind or place.
CNAM_FILLERS = (
    "WIRELESS CALLER",
    "UNKNOWN",
    "UNAVAILABLE",
    "PRIVATE CALLER",
    "UNKNOWN NAME",
    "TOLL FREE CALL",
)
WITHHELD = ("Anonymous", "Restricted", "", "Unknown", "Private")


@dataclass
class Company:
    name: str
    country: Country
    city: tuple
    domain: str
    main_line: str = ""  # E.164
    extensions: bool = False  # desks behind the main line are reached by extension
    people: list = field(default_factory=list)
    used_extensions: set = field(default_factory=set)


@dataclass
class Person:
    first: str
    last: str
    company: Company | None
    country: Country
    ids: list = field(default_factory=list)  # Pipedrive ids (two when held twice)
    mobile: str = ""
    direct: str = ""
    extension: str = ""
    home: str = ""
    work_email: str = ""
    home_email: str = ""
    rows: list = field(default_factory=list)

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


def folded(first: str, last: str) -> tuple[str, str]:
    return first.lower(), last.lower()


def cnam(text: str) -> str:
    """Caller ID as carriers deliver it: upper case, at most 15 characters, no accents."""
    return text.upper()[:15]


class Generator:
    def __init__(self, seed: int, people: int, per_category: int) -> None:
        self.rng = random.Random(seed)
        self.target = people
        self.per_category = per_category
        self.companies: list[Company] = []
        self.persons: list[Person] = []
        self.crm_rows: list[dict] = []
        self.crm_names: set[tuple[str, str]] = set()
        self.planted: set[tuple[str, str]] = set()
        self.numbers: set[str] = set()
        self.ids: set[str] = set()
        self.call_ids: set[str] = set()
        self.households: list[tuple[Person, Person]] = []
        self.used: set[int] = set()  # persons (by id()) a case was made of, so no two cases share one
        self.start = datetime(2026, 11, 2, 8, 0)

    # -- numbers ---------------------------------------------------------------------------------------------

    def number(self, country: Country, kind, city: tuple | None = None) -> str:
        """A number valid in the country's plan, of the kind asked for, never given out before (E.164)."""
        if country.code == "US":
            areas = US_AREA.get((city or self.rng.choice(country.cities))[0], ("415",))
            while True:
                digits = (
                    self.rng.choice(areas)
                    + str(self.rng.randint(2, 9))
                    + "".join(str(self.rng.randint(0, 9)) for _ in range(6))
                )
                parsed = phonenumbers.parse("+1" + digits)
                text = phonenumbers.format_number(parsed, PhoneNumberFormat.E164)
                if digits[3:6] != "555" and phonenumbers.is_valid_number(parsed) and text not in self.numbers:
                    self.numbers.add(text)
                    return text
        return fresh_number(self.rng, country.code, kind, self.numbers, random_digits=6)

    def rep_form(self, e164: str) -> str:
        """A number as a rep types it into Pipedrive."""
        parsed = phonenumbers.parse(e164)
        region = phonenumbers.region_code_for_number(parsed)
        roll = self.rng.random()
        if roll < 0.35:
            return phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)
        if roll < 0.55:
            return e164
        if roll < 0.75 and region in ("GB", "DE", "FR", "AU"):
            national = phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)
            return f"+{parsed.country_code} (0){re.sub(r'[()]', '', national).lstrip('0').strip()}"
        if roll < 0.75 and region == "US":
            return phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)
        return phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)

    def wire_form(self, e164: str) -> str:
        """A number as a telephony export writes the other party's: E.164 mostly, a tel: URI, the national form
        a dial pad took, dots, digits."""
        parsed = phonenumbers.parse(e164)
        region = phonenumbers.region_code_for_number(parsed)
        national = phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)
        roll = self.rng.random()
        if roll < 0.35:
            return e164
        if roll < 0.5:
            return phonenumbers.format_number(parsed, PhoneNumberFormat.RFC3966)
        if roll < 0.6:
            return phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)
        if region == "US":
            digits = str(parsed.national_number)
            forms = (
                f"({digits[:3]}) {digits[3:6]}-{digits[6:]}",
                f"{digits[:3]}.{digits[3:6]}.{digits[6:]}",
                f"1-{digits[:3]}-{digits[3:6]}-{digits[6:]}",
                digits,
                "1" + digits,
            )
            return self.rng.choice(forms)
        if roll < 0.8:
            return "00" + phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)[1:]
        if region in ("GB", "DE", "FR", "AU"):
            return f"+{parsed.country_code} (0){re.sub(r'[()]', '', national).lstrip('0').strip()}"
        return (
            phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)
            .replace(" ", ".")
            .replace("-", ".")
        )

    def with_extension(self, written: str, extension: str) -> str:
        if written.startswith("tel:"):
            return f"{written};ext={extension}"
        form = self.rng.choice((" x{}", " ext. {}", " ext {}", "#{}", " Ext. {}", " x.{}"))
        return written + form.format(extension)

    # -- the CRM -----------------------------------------------------------------------------------------------

    def person_id(self) -> str:
        while (value := str(self.rng.randint(1000, 999_999))) in self.ids:
            pass
        self.ids.add(value)
        return value

    def fresh_name(self, avoid_first=frozenset(), avoid_last=frozenset()) -> tuple[str, str]:
        for _ in range(5000):
            first, last = self.rng.choice(GIVEN), self.rng.choice(SURNAMES)
            key = folded(first, last)
            if key in self.crm_names or key in self.planted:
                continue
            if first.lower() in avoid_first or last.lower() in avoid_last:
                continue
            short = SHORT_FORMS.get(first, "").lower()
            if short and short in avoid_first:
                continue
            return first, last
        raise RuntimeError("no fresh name left")

    def new_company(self) -> Company:
        country = self.rng.choices(COUNTRIES, [c.weight for c in COUNTRIES])[0]
        while True:
            stem = f"{self.rng.choice(COMPANY_WORDS)} {self.rng.choice(COMPANY_TRADES)}"
            domain = stem.lower().replace(" ", "") + self.rng.choice((".com", ".io", ".co", ".net"))
            if all(c.domain != domain for c in self.companies):
                break
        city = self.rng.choice(country.cities)
        company = Company(f"{stem} {self.rng.choice(country.legal)}", country, city, domain)
        company.main_line = self.number(country, PhoneNumberType.FIXED_LINE, city)
        company.extensions = self.rng.random() < 0.45
        return company

    def add_person(
        self,
        company: Company | None,
        first: str,
        last: str,
        *,
        home: str = "",
        country: Country | None = None,
    ) -> Person:
        country = country or (
            company.country if company else self.rng.choices(COUNTRIES, [c.weight for c in COUNTRIES])[0]
        )
        person = Person(first, last, company, country)
        if self.rng.random() < 0.75:
            person.mobile = self.number(country, PhoneNumberType.MOBILE)
        if company:
            if company.extensions and self.rng.random() < 0.7:
                while (ext := str(self.rng.randint(10, 399))) in company.used_extensions:
                    pass
                company.used_extensions.add(ext)
                person.extension = ext
            elif self.rng.random() < 0.5:
                person.direct = self.number(country, PhoneNumberType.FIXED_LINE, company.city)
            local = self.rng.choice(("{f}.{l}", "{fi}{l}", "{f}")).format(
                f=first.lower(), l=last.lower().replace("-", ""), fi=first[0].lower()
            )
            if self.rng.random() < 0.7:
                person.work_email = f"{local}@{company.domain}"
        if home:
            person.home = home
        if self.rng.random() < 0.1 or not company:
            person.home_email = (
                f"{first.lower()}.{last.lower().replace('-', '')}{self.rng.randint(1, 99)}@"
                + (
                    self.rng.choice(
                        ("gmail.com", "outlook.com", "yahoo.com", "icloud.com", "web.de", "orange.fr")
                    )
                )
            )
        self.crm_names.add(folded(first, last))
        self.persons.append(person)
        if company:
            company.people.append(person)
        return person

    def work_cell(self, person: Person) -> str:
        company = person.company
        if person.extension:
            return self.with_extension(self.rep_form(company.main_line), person.extension)
        if person.direct:
            return self.rep_form(person.direct)
        if company and self.rng.random() < 0.6:
            return self.rep_form(company.main_line)
        return ""

    def crm_row(self, person: Person, *, sparse: bool = False) -> dict:
        person_id = self.person_id()
        person.ids.append(person_id)
        work = self.work_cell(person)
        mobile = self.rep_form(person.mobile) if person.mobile else ""
        if mobile and getattr(person, "mobile_field", "") == "work":
            work, mobile = ", ".join(v for v in (work, mobile) if v), ""
        home = self.rep_form(person.home) if person.home else ""
        if mobile and getattr(person, "mobile_field", "") == "home":
            home, mobile = mobile, ""
        city, _state = person.company.city if person.company else self.rng.choice(person.country.cities)
        row = {
            "Person - ID": person_id,
            "Person - Name": person.full,
            "Person - First name": person.first,
            "Person - Last name": person.last,
            "Person - Phone - Work": work,
            "Person - Phone - Mobile": mobile,
            "Person - Phone - Home": home,
            "Person - Phone - Other": "",
            "Person - Email - Work": "" if sparse else person.work_email,
            "Person - Email - Home": person.home_email,
            "Person - Email - Other": "",
            "Organization - Name": person.company.name if person.company else "",
            "Person - Job title": self.rng.choice(TITLES) if person.company else "",
            "Person - Postal address - City/town/village/locality": city if self.rng.random() < 0.5 else "",
            "Person - Postal address - Country": person.country.name.title()
            if self.rng.random() < 0.5
            else "",
            "Person - Owner": self.rng.choice(AGENTS),
        }
        person.rows.append(row)
        self.crm_rows.append(row)
        return row

    def build_crm(self) -> None:
        while len(self.persons) < self.target:
            company = self.new_company() if self.rng.random() < 0.92 else None
            if company is None:
                first, last = self.fresh_name()
                self.add_person(None, first, last)
                continue
            self.companies.append(company)
            for _ in range(self.rng.randint(2, 9)):
                first, last = self.fresh_name()
                self.add_person(company, first, last)
        # households: two people of one home landline (a couple, most of one surname)
        loners = [p for p in self.persons if p.company and not p.home]
        self.rng.shuffle(loners)
        for person in loners[: len(loners) // 12]:
            home = self.number(person.country, PhoneNumberType.FIXED_LINE, person.company.city)
            person.home = home
            if self.rng.random() < 0.7:
                last = person.last
                first = self.rng.choice([g for g in GIVEN if folded(g, last) not in self.crm_names])
            else:
                first, last = self.fresh_name()
            partner = self.add_person(None, first, last, home=home, country=person.country)
            self.households.append((person, partner))
        # a rep's slips: a mobile typed in Work (or Home)
        for person in self.persons:
            if person.mobile and self.rng.random() < 0.06:
                person.mobile_field = self.rng.choice(("work", "work", "home"))
        for person in self.persons:
            self.crm_row(person)
        # an assistant's record holds her manager's mobile in Other
        self.colleague_mobiles = []
        for company in self.companies:
            holders = [p for p in company.people if p.mobile and not getattr(p, "mobile_field", "")]
            if len(company.people) >= 3 and holders and self.rng.random() < 0.25:
                manager = self.rng.choice(holders)
                assistant = self.rng.choice([p for p in company.people if p is not manager])
                assistant.rows[0]["Person - Phone - Other"] = self.rep_form(manager.mobile)
                self.colleague_mobiles.append((manager, assistant))
        # duplicates: a second record of the same person (another rep's; fewer fields)
        self.duplicated = set()
        for person in self.rng.sample(self.persons, len(self.persons) // 40):
            if person.mobile or person.direct:
                self.crm_row(person, sparse=True)
                self.duplicated.add(id(person))

    # -- the calls ---------------------------------------------------------------------------------------------

    def call(
        self,
        category: str,
        truth,
        *,
        number: str = "",
        caller: str = "",
        contact: str = "",
        company: str = "",
        email: str = "",
        direction: str = "inbound",
        zone: str = "",
    ) -> GeneratedCase:
        while (call_id := str(self.rng.randint(10**8, 10**10))) in self.call_ids:
            pass
        self.call_ids.add(call_id)
        line, line_name = self.rng.choice(OWN_LINES)
        started = self.start + timedelta(minutes=self.rng.randint(0, 60 * 24 * 30))
        status = self.rng.choices(("answered", "missed", "voicemail"), (0.7, 0.2, 0.1))[0]
        row = {
            "Call ID": call_id,
            "Started At (UTC)": started.strftime("%Y-%m-%d %H:%M:%S"),
            "Time Zone": zone or "UTC",
            "Direction": direction,
            "Status": status if direction == "inbound" else self.rng.choice(("answered", "no answer")),
            "Phone Number": number,
            "Caller Name": caller if direction == "inbound" else "",
            "Contact Name": contact,
            "Company": company,
            "Email": email,
            "Number Called": phonenumbers.format_number(
                phonenumbers.parse(line), PhoneNumberFormat.INTERNATIONAL
            ),
            "Line": line_name,
            "Agent": self.rng.choice(AGENTS),
            "Duration (s)": "0" if status == "missed" else str(self.rng.randint(12, 1900)),
            "Tags": self.rng.choice(("", "", "callback", "billing", "demo request", "support")),
        }
        return GeneratedCase(category, row, tuple(truth))

    def pick(self, test=lambda p: True) -> Person | None:
        for _ in range(200):
            person = self.rng.choice(self.persons)
            if id(person) not in self.used and test(person):
                self.used.add(id(person))
                return person
        return None

    def person_cnam(self, first: str, last: str) -> str:
        """The carrier's caller-ID name of a subscriber: surname first, a comma or not, cut at 15."""
        form = self.rng.choice(("{l} {f}", "{l} {f}", "{l},{f}", "{f} {l}", "{l} {i}", "{l} {f} {m}"))
        middle = self.rng.choice("ABCDEJKLMRST")
        return cnam(form.format(l=last, f=first, i=first[0], m=middle))

    def filler(self, e164: str) -> str:
        region = phonenumbers.region_code_for_number(phonenumbers.parse(e164))
        country = next(c for c in COUNTRIES if c.code == region)
        if region != "US":
            return self.rng.choice((country.name, "INTERNATIONAL", "UNKNOWN", ""))
        city = next((c for c, areas in US_AREA.items() if e164[2:5] in areas), "San Francisco")
        state = dict(country.cities)[city]
        roll = self.rng.random()
        if roll < 0.3:
            return self.rng.choice(CNAM_FILLERS)
        if roll < 0.5:
            return f"CELL PHONE   {state}"
        if roll < 0.75:
            return cnam(f"{city} {state}")
        return "V" + e164[2:12]

    def name_as_typed(self, person: Person) -> str:
        roll = self.rng.random()
        if roll < 0.6:
            return person.full
        if roll < 0.75:
            return person.first
        if roll < 0.9:
            return f"{person.last}, {person.first}"
        return person.full.lower()

    def own_number(self, person: Person) -> str:
        return person.mobile or person.direct

    def cnam_for(self, e164: str, first: str, last: str, company: Company | None = None) -> str:
        """What a carrier shows for a caller on a line of theirs: a US line's subscriber name or filler;
        the country of a call from abroad."""
        if not e164.startswith("+1"):
            return self.filler(e164)
        if company is not None:
            return cnam(company.name) if self.rng.random() < 0.7 else self.filler(e164)
        return self.person_cnam(first, last) if self.rng.random() < 0.6 else self.filler(e164)

    # -- IN ------------------------------------------------------------------------------------------------------

    def own_number_forms(self):
        person = self.pick(lambda p: self.own_number(p))
        if person is None:
            return None
        number = self.own_number(person)
        roll = self.rng.random()
        contact = self.name_as_typed(person) if roll < 0.45 else ""
        caller = self.cnam_for(number, person.first, person.last) if roll > 0.2 else ""
        return self.call(
            "own_number_forms",
            person.ids,
            number=self.wire_form(number),
            caller=caller,
            contact=contact,
            company=person.company.name if contact and person.company and self.rng.random() < 0.5 else "",
            zone=person.country.zone,
        )

    def cnam_person_name(self):
        person = self.pick(lambda p: self.own_number(p).startswith("+1"))
        if person is None:
            return None
        number = self.own_number(person)
        return self.call(
            "cnam_person_name",
            person.ids,
            number=self.wire_form(number),
            caller=self.person_cnam(person.first, person.last),
            zone=person.country.zone,
        )

    def cnam_filler(self):
        person = self.pick(lambda p: self.own_number(p))
        if person is None:
            return None
        number = self.own_number(person)
        return self.call(
            "cnam_filler",
            person.ids,
            number=self.wire_form(number),
            caller=self.filler(number),
            zone=person.country.zone,
        )

    def phone_only(self):
        person = self.pick(lambda p: self.own_number(p))
        if person is None:
            return None
        return self.call(
            "phone_only", person.ids, number=self.wire_form(self.own_number(person)), direction="outbound"
        )

    def extension_desk(self):
        person = self.pick(lambda p: p.extension)
        if person is None:
            return None
        company = person.company
        number = self.with_extension(self.wire_form(company.main_line), person.extension)
        roll = self.rng.random()
        return self.call(
            "extension_desk",
            person.ids,
            number=number,
            caller=cnam(company.name) if roll < 0.5 and company.country.code == "US" else "",
            contact=self.name_as_typed(person) if roll > 0.7 else "",
            company=company.name if roll > 0.85 else "",
            direction="outbound" if roll > 0.5 else "inbound",
            zone=company.country.zone,
        )

    def main_line_holders(self, company: Company) -> list[Person]:
        return [p for p in company.people if any(company.main_line == e for e in self.work_numbers(p))]

    def work_numbers(self, person: Person) -> list[str]:
        found = []
        for row in person.rows:
            for text in row["Person - Phone - Work"].split(", "):
                try:
                    parsed = phonenumbers.parse(text.split(" x")[0].split(" ext")[0], person.country.code)
                except phonenumbers.NumberParseException:
                    continue
                if not person.extension:
                    found.append(phonenumbers.format_number(parsed, PhoneNumberFormat.E164))
        return found

    def switchboard_named(self):
        person = self.pick(lambda p: p.company and len(self.main_line_holders(p.company)) >= 2)
        if person is None:
            return None
        company = person.company
        return self.call(
            "switchboard_named",
            person.ids,
            number=self.wire_form(company.main_line),
            caller=cnam(company.name) if company.country.code == "US" else self.filler(company.main_line),
            contact=self.rng.choice((person.full, person.full, f"{person.last}, {person.first}")),
            company=company.name if self.rng.random() < 0.5 else "",
            zone=company.country.zone,
        )

    def mobile_in_work_field(self):
        person = self.pick(lambda p: getattr(p, "mobile_field", ""))
        if person is None:
            return None
        roll = self.rng.random()
        return self.call(
            "mobile_in_work_field",
            person.ids,
            number=self.wire_form(person.mobile),
            caller=self.cnam_for(person.mobile, person.first, person.last) if roll < 0.6 else "",
            contact=self.name_as_typed(person) if roll >= 0.4 else "",
            zone=person.country.zone,
        )

    def mobile_on_colleague(self):
        pairs = [pair for pair in self.colleague_mobiles if id(pair[0]) not in self.used]
        if not pairs:
            return None
        manager, _ = self.rng.choice(pairs)
        self.used.add(id(manager))
        contact = self.rng.random() < 0.6 or not manager.mobile.startswith("+1")
        return self.call(
            "mobile_on_colleague",
            manager.ids,
            number=self.wire_form(manager.mobile),
            caller="" if contact else self.person_cnam(manager.first, manager.last),
            contact=self.name_as_typed(manager) if contact else "",
            zone=manager.country.zone,
        )

    def household_named(self):
        pairs = [
            pair for pair in self.households if id(pair[0]) not in self.used and id(pair[1]) not in self.used
        ]
        if not pairs:
            return None
        pair = self.rng.choice(pairs)
        caller = self.rng.choice(pair)
        self.used.update((id(pair[0]), id(pair[1])))
        us = caller.home.startswith("+1") and self.rng.random() < 0.5
        return self.call(
            "household_named",
            caller.ids,
            number=self.wire_form(caller.home),
            caller=self.person_cnam(caller.first, caller.last) if us else "",
            contact="" if us else self.rng.choice((caller.full, f"{caller.last}, {caller.first}")),
            zone=caller.country.zone,
        )

    def name_and_company(self):
        person = self.pick(lambda p: p.company is not None)
        if person is None:
            return None
        return self.call(
            "name_and_company",
            person.ids,
            number=self.rng.choice(WITHHELD),
            caller=self.rng.choice(("ANONYMOUS", "PRIVATE", "RESTRICTED", "")),
            contact=person.full,
            company=person.company.name,
            zone=person.country.zone,
        )

    def typo_or_nickname(self):
        person = self.pick(lambda p: self.own_number(p))
        if person is None:
            return None
        roll = self.rng.random()
        if roll < 0.35 and person.first in SHORT_FORMS:
            name = f"{SHORT_FORMS[person.first]} {person.last}"
        elif roll < 0.6:
            name = f"{person.first[0]}. {person.last}"
        else:
            last = list(person.last)
            i = self.rng.randrange(1, len(last) - 1)
            last[i], last[i + 1] = last[i + 1], last[i]
            name = f"{person.first} {''.join(last)}"
        return self.call(
            "typo_or_nickname",
            person.ids,
            number=self.wire_form(self.own_number(person)),
            contact=name,
            zone=person.country.zone,
        )

    def crm_duplicate(self):
        person = self.pick(lambda p: id(p) in self.duplicated)
        if person is None:
            return None
        number = self.own_number(person)
        return self.call(
            "crm_duplicate",
            person.ids,
            number=self.wire_form(number),
            caller=self.cnam_for(number, person.first, person.last),
            contact=person.full if self.rng.random() < 0.5 else "",
            zone=person.country.zone,
        )

    def with_email(self):
        person = self.pick(lambda p: p.work_email or p.home_email)
        if person is None:
            return None
        number = self.own_number(person)
        return self.call(
            "with_email",
            person.ids,
            number=self.wire_form(number) if number and self.rng.random() < 0.5 else "",
            contact=person.full,
            email=person.work_email or person.home_email,
            company=person.company.name if person.company and self.rng.random() < 0.5 else "",
            zone=person.country.zone,
        )

    # -- OUT -----------------------------------------------------------------------------------------------------

    def recycled_number(self):
        old = self.pick(lambda p: p.mobile and not getattr(p, "mobile_field", ""))
        if old is None:
            return None
        first, last = self.fresh_name(avoid_first={old.first.lower()}, avoid_last={old.last.lower()})
        self.planted.add(folded(first, last))
        us = old.mobile.startswith("+1") and self.rng.random() < 0.6
        return self.call(
            "recycled_number",
            (),
            number=self.wire_form(old.mobile),
            caller=self.person_cnam(first, last) if us else "",
            contact="" if us else self.rng.choice((f"{first} {last}", f"{last}, {first}")),
            zone=old.country.zone,
        )

    def switchboard_other_caller(self):
        companies = [c for c in self.companies if len(self.main_line_holders(c)) >= 1]
        company = self.rng.choice(companies)
        avoid = {p.first.lower() for p in company.people}
        first, last = self.fresh_name(avoid_first=avoid, avoid_last={p.last.lower() for p in company.people})
        self.planted.add(folded(first, last))
        return self.call(
            "switchboard_other_caller",
            (),
            number=self.wire_form(company.main_line),
            caller=cnam(company.name) if company.country.code == "US" else "",
            contact=self.rng.choice((f"{first} {last}", f"{last}, {first}")),
            company=company.name if self.rng.random() < 0.6 else "",
            zone=company.country.zone,
        )

    def switchboard_no_person(self):
        company = self.rng.choice(self.companies)
        if company.extensions and self.rng.random() < 0.5:
            while (ext := str(self.rng.randint(400, 499))) in company.used_extensions:
                pass
            number = self.with_extension(self.wire_form(company.main_line), ext)
        elif len(self.main_line_holders(company)) >= 2:
            number = self.wire_form(company.main_line)
        else:
            return None
        return self.call(
            "switchboard_no_person",
            (),
            number=number,
            caller=cnam(company.name) if company.country.code == "US" else self.filler(company.main_line),
            company=company.name if self.rng.random() < 0.3 else "",
            zone=company.country.zone,
        )

    def household_other_member(self):
        if not self.households:
            return None
        a, b = self.rng.choice(self.households)
        avoid = {a.first.lower(), b.first.lower()}
        avoid |= {SHORT_FORMS.get(a.first, "").lower(), SHORT_FORMS.get(b.first, "").lower()}
        options = [
            g
            for g in GIVEN
            if g.lower() not in avoid
            and SHORT_FORMS.get(g, "").lower() not in avoid
            and folded(g, a.last) not in self.crm_names
        ]
        first = self.rng.choice(options)
        self.planted.add(folded(first, a.last))
        us = a.home.startswith("+1") and self.rng.random() < 0.5
        return self.call(
            "household_other_member",
            (),
            number=self.wire_form(a.home),
            caller=self.person_cnam(first, a.last) if us else "",
            contact="" if us else f"{first} {a.last}",
            zone=a.country.zone,
        )

    def namesake_other_number(self):
        person = self.pick()
        if person is None:
            return None
        country = self.rng.choices(COUNTRIES, [c.weight for c in COUNTRIES])[0]
        number = self.number(country, PhoneNumberType.MOBILE)
        us = number.startswith("+1") and self.rng.random() < 0.5
        other = self.rng.choice([c for c in self.companies if c is not person.company])
        return self.call(
            "namesake_other_number",
            (),
            number=self.wire_form(number),
            caller=self.person_cnam(person.first, person.last) if us else "",
            contact="" if us else person.full,
            company=other.name if self.rng.random() < 0.4 else "",
            zone=country.zone,
        )

    def not_in_crm(self):
        first, last = self.fresh_name()
        self.planted.add(folded(first, last))
        country = self.rng.choices(COUNTRIES, [c.weight for c in COUNTRIES])[0]
        number = self.number(country, self.rng.choice((PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE)))
        roll = self.rng.random()
        if roll < 0.4:
            caller, contact = self.cnam_for(number, first, last), ""
        elif roll < 0.7:
            caller, contact = "", f"{first} {last}"
        else:
            caller, contact = self.filler(number), ""
        return self.call(
            "not_in_crm", (), number=self.wire_form(number), caller=caller, contact=contact, zone=country.zone
        )

    def build(self) -> GeneratedCases:
        self.build_crm()
        n = self.per_category
        makers = [
            (self.own_number_forms, 3 * n),
            (self.cnam_person_name, n),
            (self.cnam_filler, 2 * n),
            (self.phone_only, n),
            (self.extension_desk, n),
            (self.switchboard_named, n),
            (self.mobile_in_work_field, n * 3 // 4),
            (self.mobile_on_colleague, n * 3 // 4),
            (self.household_named, n * 3 // 4),
            (self.name_and_company, n * 3 // 4),
            (self.typo_or_nickname, n),
            (self.crm_duplicate, n * 3 // 4),
            (self.with_email, n // 2),
            (self.recycled_number, n),
            (self.switchboard_other_caller, n * 3 // 4),
            (self.switchboard_no_person, n * 3 // 4),
            (self.household_other_member, n // 2),
            (self.namesake_other_number, n * 3 // 4),
            (self.not_in_crm, 3 * n),
        ]
        cases: list[GeneratedCase] = []
        for make, wanted in makers:
            made = tries = 0
            while made < wanted and tries < wanted * 10:
                tries += 1
                case = make()
                if case is not None:
                    cases.append(case)
                    made += 1
        self.rng.shuffle(cases)
        for case in cases:
            case.external_id = case.row[INBOUND_ID]
        return GeneratedCases.shuffled(self.rng, self.crm_rows, cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# Splink reads the contact name, or else the caller-ID name, as its first and last words; the company; the
# last nine digits of the number with any extension cut off (what follows "x", "ext", ";ext=" or "#"); the
# CRM's mobile, else its work number, else its home number (the first of a cell's numbers).
_EXTENSION_CUT = r"""regexp_replace(lower({}), '(;ext=|\s*(,\s*)?ext\.?|\s*x\.?\s*[0-9]|#).*$', '')"""


def _digits(column: str) -> str:
    return f"""nullif(right(regexp_replace({_EXTENSION_CUT.format(column)}, '[^0-9]', '', 'g'), 9), '')"""


_CRM_PHONE = """split_part(coalesce(nullif("Person - Phone - Mobile", ''), nullif("Person - Phone - Work", ''),
                "Person - Phone - Home", ''), ', ', 1)"""
_INBOUND_NAME = """trim(coalesce(nullif("Contact Name", ''), "Caller Name", ''))"""
PERSON_SQL = {
    "crm": f"""
        SELECT "{CRM_ID}" AS unique_id,
               nullif(lower(trim("Person - First name")), '') AS first_name,
               nullif(lower(trim("Person - Last name")), '') AS last_name,
               nullif(lower(trim(coalesce(nullif("Person - Email - Work", ''), "Person - Email - Home"))), '')
                   AS email,
               {_digits(_CRM_PHONE)} AS phone,
               {{company}}("Organization - Name") AS company,
               CAST(NULL AS VARCHAR) AS zip,
               nullif(lower(trim("Person - Postal address - City/town/village/locality")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{INBOUND_ID}" AS unique_id,
               CASE WHEN len(string_split({_INBOUND_NAME}, ' ')) > 1
                    THEN lower(trim(list_extract(string_split({_INBOUND_NAME}, ' '), 1), ',')) END AS first_name,
               CASE WHEN len(string_split({_INBOUND_NAME}, ' ')) > 1
                    THEN lower(list_extract(string_split({_INBOUND_NAME}, ' '), -1)) END AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               {_digits('"Phone Number"')} AS phone,
               {{company}}("Company") AS company,
               CAST(NULL AS VARCHAR) AS zip,
               CAST(NULL AS VARCHAR) AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}


SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="pipedrive",
        inbound_file="telephony_calls",
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
        source="Pipedrive persons <- cloud telephony calls export",
        splink_model=person_model_em_on_email,
    )
]


if __name__ == "__main__":
    run_generated("identity28", SUITES, seed=281, people=3000, orgs=0, per_category=40)
