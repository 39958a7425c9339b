"""A tenth, independent check of identity, written as the outside evaluation would: a HubSpot portal's export
(API property names, as an integration or the export API writes them) against a Salesforce report exported to
CSV (report column labels), aimed at the four risks the ninth session left open and at their positive twins.

    python benchmarks/identity_tenth.py [--people 2500] [--orgs 1000] [--per-category 30] [--seed 101]
                                        [--only people|organisations] [--skip-splink] [--keep DIR]

**The CRM side is a HubSpot export by property name**: contacts `hs_object_id`, `firstname`, `lastname`,
`email`, `hs_additional_emails` (";"-separated), `phone` (the office line as a rep typed it), `mobilephone`,
`company`, `jobtitle`, `address`, `city`, `zip`, `country`, `createdate` (ISO with milliseconds);
companies `hs_object_id`, `name`, `domain` (bare), `phone`, `address`, `city`, `zip`, `country`,
`industry`, `hs_parent_company_id`.

**The inbound side is a Salesforce report exported as CSV** ("Details only"): contacts `Contact ID` (the
15-character case-sensitive id reports show), `First Name`, `Last Name`, `Title`, `Account Name`, `Email`,
`Phone`, `Mobile`, `Mailing Street`, `Mailing City`, `Mailing Zip/Postal Code`, `Mailing Country`,
`Contact Owner`, `Created Date` (the user's locale, dd/mm/yyyy or mm/dd/yyyy); accounts `Account ID`,
`Account Name`, `Website` (as typed: www., http://, a path), `Phone`, `Billing Street`, `Billing City`,
`Billing Zip/Postal Code`, `Billing Country`, `Parent Account`, `Type`, `Account Owner`. US phones are written
"(415) 555-0134" as Salesforce formats them, others as typed; countries are sometimes "UK", "USA".

People come from the US, the UK and Germany. The categories (`PERSON_CATEGORIES`, `ORG_CATEGORIES`) pair each
risk with its twin, so that a rule that only refuses shows as lost recall:
- a desk line, or a company mobile, handed to a colleague of the same first name (another surname, a mailbox
  of their own at the company), written under "Mobile" — none; twins: the same person with a new mailbox
  (the company changed its address format), and a woman who married (new surname and mailbox, her mobile);
- a unisex nickname (Sam, Alex, Chris, Jo, Terry, Toni, ...) on a household's mailbox (thegreens@,
  greenfamily@, the.greens@, greenhome@), the other spouse of the pair the CRM knows one of — none; twin: the
  CRM's own spouse under the nickname, with her mobile or her personal mailbox;
- a key holder set aside because the names differ (an initials mailbox re-issued to a new hire, a shared
  office line), beside a namesake CRM record at another company and city — none; twin: the CRM namesake
  is the person, who moved and kept the mobile;
- a subsidiary at the parent's street address on the parent's domain, no legal form and no phone (CRM: the
  parent; or the parent and a sister) — none; twins: the parent written without its form or phone, and a
  subsidiary the CRM does hold, written so;
- a domain key holder set aside (the parent), beside a namesake company elsewhere — none; twin: the CRM
  subsidiary on the parent's domain with its own phone.

Both tools run on the same files in one run, through `identity_quality`'s shared runner.
"""

import random
import string
from dataclasses import dataclass, field

import phonenumbers
from identity_quality import GeneratedCase, GeneratedCases, GeneratedSuite, run_generated

PNF = phonenumbers.PhoneNumberFormat


def W(text: str) -> tuple:
    return tuple(text.split())


PT = phonenumbers.PhoneNumberType

CONTACT_COLUMNS = [
    "hs_object_id", "firstname", "lastname", "email", "hs_additional_emails", "phone", "mobilephone", "company",
    "jobtitle", "address", "city", "zip", "country", "createdate",
]  # fmt: skip
REPORT_CONTACT_ID = "Contact ID"
REPORT_CONTACT_COLUMNS = [
    REPORT_CONTACT_ID, "First Name", "Last Name", "Title", "Account Name", "Email", "Phone", "Mobile",
    "Mailing Street", "Mailing City", "Mailing Zip/Postal Code", "Mailing Country", "Contact Owner",
    "Created Date",
]  # fmt: skip
COMPANY_COLUMNS = [
    "hs_object_id", "name", "domain", "phone", "address", "city", "zip", "country", "industry",
    "hs_parent_company_id",
]  # fmt: skip
REPORT_ACCOUNT_ID = "Account ID"
REPORT_ACCOUNT_COLUMNS = [
    REPORT_ACCOUNT_ID, "Account Name", "Website", "Phone", "Billing Street", "Billing City",
    "Billing Zip/Postal Code", "Billing Country", "Parent Account", "Type", "Account Owner",
]  # fmt: skip

PERSON_CATEGORIES = {
    "desk_line_to_same_first_name": "none",
    "company_mobile_to_same_first_name": "none",
    "unisex_nickname_household_mailbox": "none",
    "key_holder_set_aside_namesake": "none",
    "desk_line_same_person_new_mailbox": "link",
    "company_mobile_married_name": "link",
    "unisex_nickname_own_evidence": "link",
    "key_holder_set_aside_mover": "link",
}
ORG_CATEGORIES = {
    "subsidiary_at_parent_site_and_domain": "none",
    "sister_at_group_site_and_domain": "none",
    "domain_holder_set_aside_namesake": "none",
    "parent_without_form_or_phone": "link",
    "subsidiary_in_crm_without_form": "link",
    "domain_holder_set_aside_own_phone": "link",
}


@dataclass(frozen=True)
class Country:
    code: str
    names: tuple  # how the CRM writes it, then how a Salesforce user sometimes does
    tld: str
    cities: tuple  # (city, postcode maker)
    streets: tuple
    forms: tuple
    men: tuple
    women: tuple
    surnames: tuple


def _zip(r: random.Random) -> str:
    return f"{r.randrange(10000, 99999)}"


def _uk_postcode(r: random.Random) -> str:
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    district = f"{r.choice('BLMNS')}{r.choice('EGKLNW')}{r.randrange(1, 20)}"
    return f"{district} {r.randrange(1, 9)}{r.choice(letters)}{r.choice(letters)}"


COUNTRIES = {
    "US": Country(
        "US",
        ("United States", "USA"),
        "com",
        (
            "Columbus",
            "Charlotte",
            "Phoenix",
            "Indianapolis",
            "Nashville",
            "Portland",
            "Milwaukee",
            "Kansas City",
        ),
        ("Main Street", "Market Street", "Park Avenue", "Lakeview Drive", "Commerce Blvd", "Maple Avenue"),
        ("Inc.", "LLC", "Corp."),
        W("James Robert Michael David William Richard Joseph Thomas Daniel Matthew Mark Steven Kevin"),
        W("Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Laura"),
        W(
            "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin Jackson"
        )
        + W("Thompson White Harris Clark Lewis Walker Hall Allen Young King Wright Scott Green Baker Adams"),
    ),
    "GB": Country(
        "GB",
        ("United Kingdom", "UK"),
        "co.uk",
        ("Manchester", "Leeds", "Bristol", "Sheffield", "Nottingham", "Leicester", "Cardiff", "Southampton"),
        ("High Street", "Station Road", "London Road", "Church Lane", "Victoria Road", "Mill Lane"),
        ("Ltd", "Limited", "plc"),
        W("David John Paul Andrew Mark Richard Peter Stephen Simon Ian Gary Neil Graham Martin"),
        W("Sarah Claire Emma Rachel Helen Louise Joanne Nicola Karen Julie Lisa Kate Rebecca"),
        W("Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker")
        + W(
            "White Roberts Green Hall Wood Jackson Clarke Hughes Edwards Turner Walsh Shaw Marshall Harrison"
        ),
    ),
    "DE": Country(
        "DE",
        ("Germany", "Deutschland"),
        "de",
        ("Hamburg", "München", "Köln", "Frankfurt am Main", "Stuttgart", "Düsseldorf", "Leipzig", "Bremen"),
        ("Hauptstraße", "Bahnhofstraße", "Industriestraße", "Schulstraße", "Gartenstraße", "Lindenallee"),
        ("GmbH", "AG", "GmbH & Co. KG"),
        W("Thomas Michael Andreas Stefan Christian Markus Frank Jan Tobias Florian Sebastian Martin"),
        W("Sabine Susanne Petra Andrea Claudia Nicole Katrin Julia Anna Melanie Sandra Stefanie"),
        W("Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter")
        + W(
            "Klein Wolf Schröder Neumann Schwarz Braun Zimmermann Hartmann Krüger Lange Werner Krause Lehmann"
        ),
    ),
}
# A nickname two given names of two sexes share, and the two names (woman's, man's).
UNISEX = (
    ("Sam", "Samantha", "Samuel"),
    ("Alex", "Alexandra", "Alexander"),
    ("Chris", "Christine", "Christopher"),
    ("Jo", "Joanne", "Jonathan"),
    ("Terry", "Teresa", "Terence"),
    ("Ronnie", "Veronica", "Ronald"),
    ("Pat", "Patricia", "Patrick"),
    ("Nicky", "Nicola", "Nicholas"),
    ("Frankie", "Frances", "Francis"),
    ("Charlie", "Charlotte", "Charles"),
    ("Danny", "Danielle", "Daniel"),
    ("Toni", "Antonia", "Anthony"),
)
SECTORS = (
    "Logistics",
    "Engineering",
    "Software",
    "Property",
    "Packaging",
    "Analytics",
    "Facilities",
    "Energy",
)
GERMAN_SECTORS = {
    "Logistics": "Logistik",
    "Engineering": "Technik",
    "Packaging": "Verpackung",
    "Energy": "Energie",
}
PARENT_WORDS = ("Holdings", "Group", "Industries", "Partners")
TITLES = ("Account Manager", "Operations Manager", "Buyer", "Office Manager", "Sales Director", "Engineer")
FREE_MAIL = {
    "US": ("gmail.com", "yahoo.com", "outlook.com"),
    "GB": ("gmail.com", "btinternet.com", "hotmail.co.uk"),
}
SYLLABLES = W("bar cor den fal gan hol ister kel lor mon nex pol quin ros sta tor ul ven wes yar zel")
OWNERS = ("Dana Whitfield", "Marcus Reyes", "Priya Natarajan", "Tom Becker")


def ascii_word(text: str) -> str:
    for spelled, plain in (
        ("ä", "ae"),
        ("ö", "oe"),
        ("ü", "ue"),
        ("ß", "ss"),
        ("Ä", "Ae"),
        ("Ö", "Oe"),
        ("Ü", "Ue"),
    ):
        text = text.replace(spelled, plain)
    return "".join(c for c in text.lower() if c.isalnum())


@dataclass
class Firm:
    country: str
    name: str  # with its legal form
    base: str  # without it
    domain: str
    switchboard: str  # E.164
    street: str
    city: str
    postcode: str
    mail_format: str  # first.last, flast, first_last, firstl


@dataclass
class Person:
    country: str
    first: str
    last: str
    firm: Firm | None
    email: str
    desk: str = ""  # E.164
    mobile: str = ""
    emails: list = field(default_factory=list)  # further addresses
    street: str = ""
    city: str = ""
    postcode: str = ""
    title: str = ""


class World:
    """Deterministic people and companies; every name, number and address is handed out once unless a case
    shares it on purpose."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.used: set = set()
        self.serial = seed * 104_729

    def unique(self, make):
        for _ in range(1000):
            value = make()
            if value not in self.used:
                self.used.add(value)
                return value
        raise RuntimeError("ran out of distinct values")

    def brand(self) -> str:
        r = self.rng
        return self.unique(lambda: "".join(r.sample(SYLLABLES, r.choice((2, 3)))).capitalize())

    def number(self, country: str, kind) -> str:
        r = self.rng
        example = phonenumbers.example_number_for_type(country, kind)
        digits = phonenumbers.national_significant_number(example)

        def make() -> str:
            for _ in range(200):
                national = digits[:3] + "".join(r.choice(string.digits) for _ in digits[3:])
                parsed = phonenumbers.parse(f"+{example.country_code}{national}")
                if phonenumbers.is_valid_number(parsed) and (
                    country == "US" or phonenumbers.number_type(parsed) == kind
                ):
                    return phonenumbers.format_number(parsed, PNF.E164)
            raise RuntimeError("no valid number")

        return self.unique(make)

    def fixed(self, country: str) -> str:
        return self.number(country, PT.FIXED_LINE)

    def mobile(self, country: str) -> str:
        return self.number(country, PT.MOBILE)

    def address(self, country: str, city: str = "") -> tuple[str, str, str]:
        r, c = self.rng, COUNTRIES[country]
        place = city or r.choice(c.cities)
        street = self.unique(
            lambda: (
                f"{r.choice(c.streets)} {r.randrange(1, 220)}"
                if country == "DE"
                else f"{r.randrange(1, 2400)} {r.choice(c.streets)}"
            )
        )
        return street, place, _uk_postcode(r) if country == "GB" else _zip(r)

    def firm(self, country: str, *, base: str = "", domain: str = "", form: str = "", site=None) -> Firm:
        r, c = self.rng, COUNTRIES[country]
        brand = self.brand()
        if not base:
            sector = r.choice(SECTORS)
            base = f"{brand} {GERMAN_SECTORS.get(sector, sector) if country == 'DE' else sector}"
        form = form or r.choice(c.forms)
        domain = domain or self.unique(lambda: f"{ascii_word(brand)}{r.choice(['', '-group', 'hq'])}.{c.tld}")
        street, city, postcode = site or self.address(country)
        fmt = r.choice(["first.last", "flast", "first_last", "firstl", "first.last"])
        return Firm(country, f"{base} {form}", base, domain, self.fixed(country), street, city, postcode, fmt)

    def mailbox(self, firm: Firm, first: str, last: str) -> str:
        f, s = ascii_word(first), ascii_word(last.split()[-1])
        local = {
            "first.last": f"{f}.{s}",
            "flast": f"{f[0]}{s}",
            "first_last": f"{f}_{s}",
            "firstl": f"{f}{s[0]}",
        }
        base = local[firm.mail_format]
        return self.unique(
            lambda: f"{base}{'' if self.rng.random() < 0.85 else self.rng.randrange(2, 9)}@{firm.domain}"
        )

    def person(
        self, country: str, firm: Firm | None, *, first: str = "", last: str = "", female=None
    ) -> Person:
        r, c = self.rng, COUNTRIES[country]
        if female is None:
            female = r.random() < 0.5
        first = first or r.choice(c.women if female else c.men)
        last = last or r.choice(c.surnames)
        p = Person(country, first, last, firm, "", title=r.choice(TITLES))
        if firm:
            p.email = self.mailbox(firm, first, last)
            p.desk = self.fixed(country)
            p.street, p.city, p.postcode = firm.street, firm.city, firm.postcode
        if r.random() < 0.6:
            p.mobile = self.mobile(country)
        return p

    def record_id(self) -> str:
        self.serial += self.rng.randrange(3, 977)
        return str(51_000_000_000 + self.serial)

    def report_id(self, prefix: str) -> str:
        """A 15-character Salesforce id as a report shows it (case-sensitive, no checksum suffix)."""
        return prefix + self.unique(
            lambda: "".join(self.rng.choice(string.ascii_letters + string.digits) for _ in range(12))
        )


def hubspot_phone(r: random.Random, e164: str) -> str:
    """A number as a rep types it into HubSpot: E.164, international with spaces, or the national form."""
    if not e164:
        return ""
    parsed = phonenumbers.parse(e164)
    return phonenumbers.format_number(parsed, r.choice([PNF.E164, PNF.INTERNATIONAL, PNF.NATIONAL]))


def report_phone(r: random.Random, e164: str) -> str:
    """As a Salesforce report shows a number: a US one as Salesforce formats it ("(415) 555-0134"), others
    as typed (international, or national beside the Mailing Country)."""
    if not e164:
        return ""
    parsed = phonenumbers.parse(e164)
    if parsed.country_code == 1:
        return phonenumbers.format_number(parsed, PNF.NATIONAL)
    return phonenumbers.format_number(parsed, r.choice([PNF.INTERNATIONAL, PNF.NATIONAL]))


def created(r: random.Random) -> str:
    """HubSpot's `createdate` as its export writes it: ISO 8601 in UTC with milliseconds."""
    day = f"{r.randrange(2018, 2026)}-{r.randrange(1, 13):02d}-{r.randrange(1, 29):02d}"
    return f"{day}T{r.randrange(0, 24):02d}:{r.randrange(0, 60):02d}:{r.randrange(0, 60):02d}.{r.randrange(1000):03d}Z"


def report_date(r: random.Random, country: str) -> str:
    year, month, day = r.randrange(2019, 2026), r.randrange(1, 13), r.randrange(1, 29)
    return f"{month}/{day}/{year}" if country == "US" else f"{day:02d}/{month:02d}/{year}"


class Book:
    """The two files being written: the HubSpot export's rows and the report's cases."""

    def __init__(self, world: World):
        self.world = world
        self.out = GeneratedCases()

    def contact(self, p: Person, *, in_mobile_field: bool = True, **override) -> str:
        r = self.world.rng
        record_id = self.world.record_id()
        row = {
            "hs_object_id": record_id,
            "firstname": p.first,
            "lastname": p.last,
            "email": p.email,
            "hs_additional_emails": ";".join(p.emails),
            "phone": hubspot_phone(r, p.desk),
            "mobilephone": hubspot_phone(r, p.mobile) if in_mobile_field else "",
            "company": p.firm.name if p.firm else "",
            "jobtitle": p.title,
            "address": p.street,
            "city": p.city,
            "zip": p.postcode,
            "country": COUNTRIES[p.country].names[0],
            "createdate": created(r),
        }
        row.update(override)
        self.out.crm_rows.append(row)
        return record_id

    def report_row(self, p: Person, **override) -> dict:
        r = self.world.rng
        names = COUNTRIES[p.country].names
        row = {
            "First Name": p.first,
            "Last Name": p.last,
            "Title": p.title,
            "Account Name": p.firm.name if p.firm else "",
            "Email": p.email,
            "Phone": report_phone(r, p.desk),
            "Mobile": report_phone(r, p.mobile),
            "Mailing Street": p.street,
            "Mailing City": p.city,
            "Mailing Zip/Postal Code": p.postcode,
            "Mailing Country": names[0] if r.random() < 0.75 else names[1],
            "Contact Owner": r.choice(OWNERS),
            "Created Date": report_date(r, p.country),
        }
        row.update(override)
        return row

    def company(self, firm: Firm, *, parent: str = "", **override) -> str:
        r = self.world.rng
        record_id = self.world.record_id()
        row = {
            "hs_object_id": record_id,
            "name": firm.name,
            "domain": firm.domain,
            "phone": hubspot_phone(r, firm.switchboard),
            "address": firm.street,
            "city": firm.city,
            "zip": firm.postcode,
            "country": COUNTRIES[firm.country].names[0],
            "industry": r.choice(
                ["MANUFACTURING", "LOGISTICS_AND_SUPPLY_CHAIN", "COMPUTER_SOFTWARE", "REAL_ESTATE"]
            ),
            "hs_parent_company_id": parent,
        }
        row.update(override)
        self.out.crm_rows.append(row)
        return record_id

    def account_row(self, firm: Firm, **override) -> dict:
        r = self.world.rng
        path = r.choice(["", "", "/", "/en/", "/contact-us", "/about"])
        website = f"{r.choice(['', 'www.', 'http://www.', 'https://'])}{firm.domain}{path}"
        row = {
            "Account Name": firm.name,
            "Website": website,
            "Phone": report_phone(r, firm.switchboard),
            "Billing Street": firm.street,
            "Billing City": firm.city,
            "Billing Zip/Postal Code": firm.postcode,
            "Billing Country": r.choice(COUNTRIES[firm.country].names),
            "Parent Account": "",
            "Type": r.choice(["Customer - Direct", "Prospect", "Partner", "Other"]),
            "Account Owner": r.choice(OWNERS),
        }
        row.update(override)
        return row

    def case(self, category: str, row: dict, *truth: str) -> None:
        self.out.cases.append(GeneratedCase(category, row, tuple(truth)))

    def finish(self, prefix: str) -> GeneratedCases:
        r = self.world.rng
        r.shuffle(self.out.crm_rows)
        r.shuffle(self.out.cases)
        for item in self.out.cases:
            item.external_id = self.world.report_id(prefix)
        return self.out


def household_mailbox(r: random.Random, world: World, surname: str, country: str) -> str:
    s = ascii_word(surname.split()[-1])
    shapes = [
        f"the{s}s",
        f"{s}family",
        f"the.{s}s",
        f"{s}home",
        f"{s}.family",
        f"{s}household",
        f"the{s}family",
    ]
    return world.unique(
        lambda: f"{r.choice(shapes)}{r.choice(['', '', r.randrange(1, 99)])}@{r.choice(FREE_MAIL[country])}"
    )


def person_cases(people: int = 2500, per_category: int = 30, *, seed: int = 101) -> GeneratedCases:
    world = World(seed)
    book = Book(world)
    r = world.rng
    countries = ("US", "GB", "DE")
    firms = {c: [world.firm(c) for _ in range(max(8, people // 25))] for c in countries}
    staff: list[Person] = []
    staff_ids: dict[str, str] = {}
    for _ in range(people):
        country = r.choice(countries)
        p = world.person(country, r.choice(firms[country]))
        if r.random() < 0.25:
            p.desk = ""  # many reps leave the office line empty
        staff_ids[p.email] = book.contact(p)
        staff.append(p)

    def colleague_of_same_first_name(a: Person) -> Person:
        last = r.choice([s for s in COUNTRIES[a.country].surnames if s != a.last])
        return world.person(a.country, a.firm, first=a.first, last=last)

    each = range(per_category)

    for _ in each:  # A's desk line, kept by the CRM as A's `phone`, now a colleague's "Mobile"
        country = r.choice(countries)
        a = world.person(country, r.choice(firms[country]))
        a.mobile = "" if r.random() < 0.6 else a.mobile
        book.contact(a)
        b = colleague_of_same_first_name(a)
        row = book.report_row(
            b, Mobile=report_phone(r, a.desk), Phone=r.choice(["", report_phone(r, a.firm.switchboard)])
        )
        book.case("desk_line_to_same_first_name", row)

    for _ in each:  # A's company mobile, handed to the next person in the role with the same first name
        country = r.choice(countries)
        a = world.person(country, r.choice(firms[country]))
        a.mobile = a.mobile or world.mobile(country)
        book.contact(a)
        b = colleague_of_same_first_name(a)
        b.title = a.title if r.random() < 0.7 else b.title
        row = book.report_row(
            b, Mobile=report_phone(r, a.mobile), Phone=r.choice(["", report_phone(r, b.desk)])
        )
        book.case("company_mobile_to_same_first_name", row)

    for _ in each:  # a household's mailbox the CRM holds under one spouse; the other writes under a nickname
        country = r.choice(["US", "GB"])
        nick, woman, man = r.choice(UNISEX)
        surname = r.choice(COUNTRIES[country].surnames)
        held_is_woman = r.random() < 0.5
        street, city, postcode = world.address(country)
        mailbox = household_mailbox(r, world, surname, country)
        held = Person(country, woman if held_is_woman else man, surname, None, mailbox,
                      desk=world.fixed(country), mobile=world.mobile(country) if r.random() < 0.5 else "",
                      street=street, city=city, postcode=postcode, title="")  # fmt: skip
        book.contact(held, company="")
        spouse = Person(country, nick, surname, None, mailbox, desk=held.desk if r.random() < 0.5 else "",
                        mobile=world.mobile(country), street=street, city=city, postcode=postcode)  # fmt: skip
        book.case("unisex_nickname_household_mailbox", book.report_row(spouse, Title=""))

    def same_initial(country: str, first: str) -> str:
        names = COUNTRIES[country].women + COUNTRIES[country].men
        return r.choice(
            [n for n in names if n[0] == first[0] and n != first] or [n for n in names if n != first]
        )

    def initials_mailbox(firm: Firm, first: str, last: str) -> str:
        """An initial-and-surname mailbox (jsmith@), the kind an employer re-issues to the next J. Smith."""
        local = f"{ascii_word(first)[0]}{ascii_word(last)}"
        return world.unique(lambda: f"{local}{r.choice(['', '', r.randrange(2, 9)])}@{firm.domain}")

    for _ in each:  # a key the names set aside, and a namesake elsewhere that agrees on the name alone
        country = r.choice(["US", "GB"])
        firm = r.choice(firms[country])
        new_hire = world.person(country, firm)
        holder = world.person(country, firm, first=same_initial(country, new_hire.first), last=new_hire.last)
        if r.random() < 0.6:
            holder.email = initials_mailbox(firm, holder.first, holder.last)
            new_hire.email = holder.email  # re-issued to the new hire
        else:
            new_hire.desk = holder.desk = holder.desk or world.fixed(country)  # the office line handed on
        book.contact(holder)
        # A namesake at another firm, half the time in the same city (a common name in one metro area).
        others = [f for f in firms[country] if f is not firm]
        nearby = [f for f in others if f.city == firm.city]
        elsewhere = r.choice(nearby if nearby and r.random() < 0.5 else others)
        namesake = world.person(country, elsewhere, first=new_hire.first, last=new_hire.last)
        if r.random() < 0.4:  # an old import's record: a name, a city and little else
            namesake.email = namesake.desk = ""
            book.contact(namesake, company=r.choice(["", namesake.firm.name]), address="", zip="")
        else:
            book.contact(namesake)
        row = book.report_row(
            new_hire, Mobile=report_phone(r, world.mobile(country)) if r.random() < 0.5 else ""
        )
        book.case("key_holder_set_aside_namesake", row)

    for _ in each:  # twin: the same person; the company moved to another address format (or domain)
        a = r.choice([p for p in staff if p.desk])
        record_id = staff_ids[a.email]
        old = a.firm.mail_format
        a.firm.mail_format = r.choice(
            [f for f in ("first.last", "flast", "first_last", "firstl") if f != old]
        )
        new_email = world.mailbox(a.firm, a.first, a.last)
        a.firm.mail_format = old
        row = book.report_row(a, Email=new_email, Mobile=report_phone(r, a.desk), Phone="")
        book.case("desk_line_same_person_new_mailbox", row, record_id)

    for _ in each:  # twin: she married; new surname and mailbox, her own mobile
        country = r.choice(countries)
        a = world.person(country, r.choice(firms[country]), female=True)
        a.mobile = a.mobile or world.mobile(country)
        record_id = book.contact(a)
        married = r.choice([s for s in COUNTRIES[country].surnames if s != a.last])
        b = Person(country, a.first, married, a.firm, world.mailbox(a.firm, a.first, married), desk=a.desk,
                   mobile=a.mobile, street=a.street, city=a.city, postcode=a.postcode, title=a.title)  # fmt: skip
        row = book.report_row(b, Phone=r.choice(["", report_phone(r, a.desk)]))
        book.case("company_mobile_married_name", row, record_id)

    for _ in each:  # twin: the CRM's own spouse under the nickname, with her mobile or personal mailbox
        country = r.choice(["US", "GB"])
        nick, woman, man = r.choice(UNISEX)
        surname = r.choice(COUNTRIES[country].surnames)
        street, city, postcode = world.address(country)
        first = woman if r.random() < 0.5 else man
        own = r.random() < 0.5
        mailbox = (
            world.unique(
                lambda nick=nick, surname=surname, country=country: (
                    f"{ascii_word(nick)}.{ascii_word(surname)}{r.randrange(1, 99)}@{r.choice(FREE_MAIL[country])}"
                )
            )
            if own
            else household_mailbox(r, world, surname, country)
        )
        held = Person(country, first, surname, None, mailbox, desk=world.fixed(country),
                      mobile=world.mobile(country), street=street, city=city, postcode=postcode, title="")  # fmt: skip
        record_id = book.contact(held, company="")
        written = Person(country, nick, surname, None, mailbox, desk=held.desk if r.random() < 0.5 else "",
                         mobile=held.mobile if not own or r.random() < 0.5 else "", street=street, city=city,
                         postcode=postcode)  # fmt: skip
        book.case("unisex_nickname_own_evidence", book.report_row(written, Title=""), record_id)

    for (
        _
    ) in each:  # twin: the key holder set aside, and the CRM namesake is the person: moved, kept the mobile
        country = r.choice(["US", "GB"])
        firm = r.choice(firms[country])
        mover = world.person(country, r.choice([f for f in firms[country] if f is not firm]))
        mover.mobile = mover.mobile or world.mobile(country)
        record_id = book.contact(mover)
        holder = world.person(country, firm, first=same_initial(country, mover.first), last=mover.last)
        holder.email = initials_mailbox(firm, holder.first, holder.last)
        book.contact(holder)
        moved = Person(country, mover.first, mover.last, firm, holder.email, mobile=mover.mobile,
                       street=firm.street, city=firm.city, postcode=firm.postcode, title=mover.title)  # fmt: skip
        book.case("key_holder_set_aside_mover", book.report_row(moved), record_id)

    return book.finish("003")


def org_cases(orgs: int = 1000, per_category: int = 30, *, seed: int = 102) -> GeneratedCases:
    world = World(seed)
    book = Book(world)
    r = world.rng
    countries = ("US", "GB", "DE")
    for _ in range(orgs):
        book.company(world.firm(r.choice(countries)))
    each = range(per_category)

    def parent(country: str) -> Firm:
        brand = world.brand()
        c = COUNTRIES[country]
        return world.firm(country, base=f"{brand} {r.choice(PARENT_WORDS)}", domain=world.unique(
            lambda: f"{ascii_word(brand)}{r.choice(['', 'group', '-group'])}.{c.tld}"
        ))  # fmt: skip

    def subsidiary(p: Firm, *, word: str = "") -> Firm:
        brand = p.base.split()[0]
        word = word or r.choice(SECTORS)
        if p.country == "DE":
            word = GERMAN_SECTORS.get(word, word)
        return Firm(p.country, f"{brand} {word} {r.choice(COUNTRIES[p.country].forms)}", f"{brand} {word}",
                    p.domain, world.fixed(p.country), p.street, p.city, p.postcode, p.mail_format)  # fmt: skip

    def unformed(firm: Firm, *, path: str = "") -> dict:
        """The inbound row: the name without a legal form, the group's website, the parent's site, no phone."""
        name = r.choice([firm.base, firm.base, firm.base.upper()])
        row = book.account_row(firm, **{"Account Name": name, "Phone": ""})
        if path:
            row["Website"] = f"{r.choice(['www.', 'https://www.', ''])}{firm.domain}/{path}"
        return row

    for _ in each:  # the parent's subsidiary, not in the CRM, at the parent's street address and domain
        p = parent(r.choice(countries))
        book.company(p)
        s = subsidiary(p)
        row = unformed(s, path=r.choice(["", "", ascii_word(s.base.split()[-1])]))
        book.case("subsidiary_at_parent_site_and_domain", row)

    for _ in each:  # the CRM holds the parent and one subsidiary; another subsidiary arrives
        p = parent(r.choice(countries))
        parent_id = book.company(p)
        word_a, word_b = r.sample(SECTORS, 2)
        book.company(subsidiary(p, word=word_a), parent=parent_id, phone="")
        row = unformed(subsidiary(p, word=word_b))
        book.case("sister_at_group_site_and_domain", row)

    for _ in each:  # the domain's holder (the parent) set aside by name; a namesake company elsewhere
        country = r.choice(countries)
        p = parent(country)
        book.company(p)
        s = subsidiary(p)
        elsewhere = world.firm(country, base=s.base)
        while elsewhere.city == p.city:
            elsewhere.street, elsewhere.city, elsewhere.postcode = world.address(country)
        book.company(elsewhere)
        book.case("domain_holder_set_aside_namesake", unformed(s))

    for _ in each:  # twin: the parent itself, without its legal form or phone
        p = parent(r.choice(countries))
        record_id = book.company(p)
        book.case("parent_without_form_or_phone", unformed(p), record_id)

    for _ in each:  # twin: a subsidiary the CRM does hold, written without its form or phone
        p = parent(r.choice(countries))
        parent_id = book.company(p)
        word_a, word_b = r.sample(SECTORS, 2)
        s = subsidiary(p, word=word_a)
        record_id = book.company(s, parent=parent_id, phone=r.choice(["", hubspot_phone(r, s.switchboard)]))
        book.company(subsidiary(p, word=word_b), parent=parent_id)
        book.case("subsidiary_in_crm_without_form", unformed(s), record_id)

    for _ in each:  # twin: a subsidiary on the parent's domain, with its own phone, which the CRM holds
        country = r.choice(countries)
        p = parent(country)
        book.company(p)
        s = subsidiary(p)
        record_id = book.company(s, domain="")
        row = book.account_row(s, **{"Account Name": r.choice([s.base, s.name])})
        book.case("domain_holder_set_aside_own_phone", row, record_id)

    return book.finish("001")


# Splink reads the pairs through SQL mapping these columns onto its settings' names; phones are compared on
# their last nine digits (E.164 against national forms).
PERSON_SQL = {
    "crm": """
        SELECT "hs_object_id" AS unique_id,
               nullif(lower(strip_accents(trim("firstname"))), '') AS first_name,
               nullif(lower(strip_accents(trim("lastname"))), '') AS last_name,
               nullif(lower(trim("email")), '') AS email,
               right({phone}(coalesce(nullif("mobilephone", ''), "phone")), 9) AS phone,
               {company}(strip_accents("company")) AS company,
               nullif(trim("zip"), '') AS zip,
               nullif(lower(strip_accents(trim("city"))), '') AS city,
               NULL AS date_of_birth
        FROM read_csv('{path}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{REPORT_CONTACT_ID}" AS unique_id,
               nullif(lower(strip_accents(trim("First Name"))), '') AS first_name,
               nullif(lower(strip_accents(trim("Last Name"))), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               right({{phone}}(coalesce(nullif("Mobile", ''), "Phone")), 9) AS phone,
               {{company}}(strip_accents("Account Name")) AS company,
               nullif(trim("Mailing Zip/Postal Code"), '') AS zip,
               nullif(lower(strip_accents(trim("Mailing City"))), '') AS city,
               NULL AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}
ORGANISATION_SQL = {
    "crm": """
        SELECT "hs_object_id" AS unique_id, {company}(strip_accents("name")) AS name, {domain}("domain") AS domain,
               right({phone}("phone"), 9) AS phone, nullif(lower(strip_accents(trim("city"))), '') AS city,
               nullif(trim("zip"), '') AS postcode
        FROM read_csv('{path}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{REPORT_ACCOUNT_ID}" AS unique_id, {{company}}(strip_accents("Account Name")) AS name,
               {{domain}}("Website") AS domain, right({{phone}}("Phone"), 9) AS phone,
               nullif(lower(strip_accents(trim("Billing City"))), '') AS city,
               nullif(trim("Billing Zip/Postal Code"), '') AS postcode
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}


def main() -> None:
    run_generated(
        "identity-tenth",
        [
            GeneratedSuite(
                "people", lambda args: person_cases(args.people, args.per_category, seed=args.seed),
                "hubspot", "salesforce_report", CONTACT_COLUMNS, REPORT_CONTACT_COLUMNS, REPORT_CONTACT_ID,
                ["--provider", "hubspot", "--object", "contacts", "--kind", "person"], "person", PERSON_SQL,
                "HubSpot contacts <- Salesforce contact report",
            ),
            GeneratedSuite(
                "organisations", lambda args: org_cases(args.orgs, args.per_category, seed=args.seed + 1),
                "hubspot", "salesforce_report", COMPANY_COLUMNS, REPORT_ACCOUNT_COLUMNS, REPORT_ACCOUNT_ID,
                ["--provider", "hubspot", "--object", "companies", "--kind", "organisation"], "organisation",
                ORGANISATION_SQL, "HubSpot companies <- Salesforce account report",
            ),
        ],
        seed=101, people=2500, orgs=1000,
    )  # fmt: skip


if __name__ == "__main__":
    main()
