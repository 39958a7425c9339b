"""A thirty-first record set: HubSpot companies linked from a startup database's export (Crunchbase).

    python benchmarks/identity_thirtyfirst.py [--orgs 3000] [--per-category 40] [--seed 311] [--skip-splink]

The CRM side is a HubSpot companies export as its list view writes it (`Record ID`, `Company name`, `Company
Domain Name` (the bare domain HubSpot keys companies on), `Website URL`, `Phone Number`, `Street Address`,
`City`, `State/Region`, `Postal Code`, `Country/Region`, `Industry`, `LinkedIn Company Page`, `Twitter Handle`,
`Year Founded`, `Parent Company`, `Number of Employees`, `Lifecycle Stage`, `Company owner`). The inbound side
is a company list exported from a startup database as Crunchbase's "Export to CSV" labels it (`Organization
Name`, `Organization Name URL` — the profile's address, unique, the record's id —, `Also Known As`, `Legal
Name`, `Website`, `LinkedIn`, `Twitter`, `Facebook`, `Contact Email`, `Phone Number`, `Headquarters Location`
as "City, Region, Country", `Founded Date`, `Operating Status`, `Closed Date`, `Acquired by`, `Number of
Employees`, `Industries`, `Description`).

What differs between the two is what differs between a sales team's CRM and a database that follows
companies through their lives: the database has a company's current brand, domain and status (renamed,
acquired, closed), and its former name under `Also Known As` or a "formerly" note; the CRM has the name and
domain a rep typed when the deal started, often the registered name ("Inc.", "Ltd", "GmbH", "SAS"). A fund
and its regional affiliates (one brand, separate firms) sit on one domain, a ccTLD of it or a path under it;
companies of one name exist in several countries; a domain given up is bought by another company. Every
category is built so that a careful analyst reading the two records side by side could decide it; truth is
the HubSpot Record ID (either of two for a CRM duplicate) or none.
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

CRM_COLUMNS = [
    "Record ID",
    "Company name",
    "Company Domain Name",
    "Website URL",
    "Phone Number",
    "Street Address",
    "City",
    "State/Region",
    "Postal Code",
    "Country/Region",
    "Industry",
    "LinkedIn Company Page",
    "Twitter Handle",
    "Year Founded",
    "Parent Company",
    "Number of Employees",
    "Lifecycle Stage",
    "Company owner",
]
INBOUND_ID = "Organization Name URL"
INBOUND_COLUMNS = [
    "Organization Name",
    INBOUND_ID,
    "Also Known As",
    "Legal Name",
    "Website",
    "LinkedIn",
    "Twitter",
    "Facebook",
    "Contact Email",
    "Phone Number",
    "Headquarters Location",
    "Founded Date",
    "Operating Status",
    "Closed Date",
    "Acquired by",
    "Number of Employees",
    "Industries",
    "Description",
]

# -- places ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class City:
    name: str
    region: str  # as Crunchbase's location writes it
    state: str  # as a HubSpot rep writes State/Region ("" where reps leave it empty)
    postcode: str  # "#" a digit, "@" a letter


CITIES = {
    "US": [City("San Francisco", "California", "CA", "941##"), City("New York", "New York", "NY", "100##"),
           City("Austin", "Texas", "TX", "787##"), City("Boston", "Massachusetts", "MA", "021##"),
           City("Seattle", "Washington", "WA", "981##"), City("Menlo Park", "California", "California", "940##")],
    "GB": [City("London", "England", "", "EC2@ #@@"), City("Manchester", "England", "", "M1 #@@"),
           City("Cambridge", "England", "", "CB2 #@@")],
    "DE": [City("Berlin", "Berlin", "Berlin", "10###"), City("Munich", "Bayern", "Bayern", "80###"),
           City("Hamburg", "Hamburg", "", "20###")],
    "FR": [City("Paris", "Ile-de-France", "", "750##"), City("Lyon", "Rhone-Alpes", "", "690##")],
    "IN": [City("Bengaluru", "Karnataka", "Karnataka", "5600##"), City("Mumbai", "Maharashtra", "", "4000##"),
           City("Gurgaon", "Haryana", "Haryana", "1220##")],
    "CA": [City("Toronto", "Ontario", "ON", "M5V #@#"), City("Vancouver", "British Columbia", "BC", "V6B #@#")],
    "IL": [City("Tel Aviv", "Tel Aviv", "", "6######")],
    "SG": [City("Singapore", "Central Region", "", "0#####")],
    "BR": [City("São Paulo", "Sao Paulo", "SP", "0####-###")],
    "SE": [City("Stockholm", "Stockholms Lan", "", "11# ##")],
    "NL": [City("Amsterdam", "Noord-Holland", "", "10## @@")],
    "CN": [City("Beijing", "Beijing", "", "1000##"), City("Shanghai", "Shanghai", "", "2000##")],
}  # fmt: skip
COUNTRY_NAMES = {
    "US": "United States", "GB": "United Kingdom", "DE": "Germany", "FR": "France", "IN": "India",
    "CA": "Canada", "IL": "Israel", "SG": "Singapore", "BR": "Brazil", "SE": "Sweden", "NL": "The Netherlands",
    "CN": "China",
}  # fmt: skip
# How a HubSpot rep writes the country (the picklist's name, or as typed)
CRM_COUNTRY = {"US": ["United States", "USA", "US"], "GB": ["United Kingdom", "UK"], "NL": ["Netherlands"]}
CCTLD = {"US": "us", "GB": "co.uk", "DE": "de", "FR": "fr", "IN": "in", "CA": "ca", "IL": "co.il", "SG": "sg",
         "BR": "com.br", "SE": "se", "NL": "nl", "CN": "cn"}  # fmt: skip
STARTUP_TLDS = ["com", "com", "com", "io", "io", "ai", "co"]
FORMS = {
    "US": ["Inc.", "Inc", ", Inc.", "LLC", "Corp."], "GB": ["Ltd", "Limited", "Ltd."], "DE": ["GmbH", "AG"],
    "FR": ["SAS", "S.A.S."], "IN": ["Pvt. Ltd.", "Private Limited"], "CA": ["Inc.", "Ltd."],
    "IL": ["Ltd."], "SG": ["Pte. Ltd."], "BR": ["Ltda."], "SE": ["AB"], "NL": ["B.V."], "CN": ["Co., Ltd."],
}  # fmt: skip
SECTORS = [
    ("Software", ["Software", "SaaS", "Enterprise Software"], ["Labs", "Software", "Cloud", "Systems"]),
    ("Financial Services", ["FinTech", "Payments", "Financial Services"], ["Pay", "Finance", "Money"]),
    ("Health Care", ["Health Care", "Medical Device", "Biotechnology"], ["Health", "Bio", "Therapeutics"]),
    ("Artificial Intelligence", ["Artificial Intelligence (AI)", "Machine Learning"], ["AI", "Analytics"]),
    ("Logistics", ["Logistics", "Supply Chain Management"], ["Logistics", "Freight"]),
    ("Consumer", ["E-Commerce", "Consumer Goods"], ["", "Shop", "Goods"]),
    ("Energy", ["Clean Energy", "Energy Storage"], ["Energy", "Power", "Solar"]),
]
ALL_SECTORS = [*SECTORS, ("Venture Capital", ["Venture Capital", "Financial Services"], [""])]
FUND_SECTOR = len(SECTORS)
FUND_WORDS = ["Ventures", "Capital", "Partners", "Venture Partners"]
REGIONS = {  # a fund's regional affiliate: the words after the brand, its country
    "India": "IN", "China": "CN", "Europe": "GB", "Israel": "IL", "Southeast Asia": "SG", "Brazil": "BR",
    "UK": "GB", "Germany": "DE",
}  # fmt: skip
EMPLOYEES_CB = ["1-10", "11-50", "51-100", "101-250", "251-500", "501-1000", "1001-5000"]
EMPLOYEES_HS = ["8", "25", "60", "140", "320", "700", "2300"]

_ONSETS = ["b", "br", "c", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "kl", "l", "m", "n", "p", "pl",
           "qu", "r", "s", "sk", "st", "t", "tr", "v", "w", "z"]  # fmt: skip
_VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o", "ia", "y"]
_CODAS = ["", "", "n", "r", "l", "x", "m", "sh", "k", "ly", "va"]


def _fill(rng: random.Random, pattern: str) -> str:
    return "".join(
        str(rng.randrange(10)) if ch == "#" else rng.choice(string.ascii_uppercase) if ch == "@" else ch
        for ch in pattern
    )


def _slug(text: str) -> str:
    return "-".join(
        "".join(ch for ch in word.lower() if ch.isalnum()) for word in text.split() if word.strip(",")
    )


# -- companies ------------------------------------------------------------------------------------------------


@dataclass
class Firm:
    name: str  # the brand ("Kivora Health")
    legal: str  # the registered name ("Kivora Health, Inc.")
    country: str
    city: City
    street: str
    postcode: str
    phone: str  # E.164
    domain: str  # the registrable domain
    path: str = ""  # a page under another organisation's domain ("india" of sequoiacap.com/india)
    host: str = ""  # a subdomain host under another organisation's domain ("india.sequoiacap.com")
    linkedin: str = ""  # the slug of its LinkedIn company page
    twitter: str = ""
    founded: int = 2015
    sector: int = 0
    employees: int = 1
    also_known_as: list[str] = field(default_factory=list)
    description: str = ""
    status: str = "Active"
    closed: str = ""
    acquired_by: str = ""

    @property
    def website(self) -> str:
        if self.host:
            return self.host
        return f"{self.domain}/{self.path}" if self.path else self.domain


class Generator:
    def __init__(self, seed: int, orgs: int, per_category: int):
        self.rng = random.Random(seed)
        self.orgs = orgs
        self.per = per_category
        self.used: set[str] = set()
        self.crm_rows: list[dict] = []
        self.cases: list[GeneratedCase] = []
        self.record_ids = 0

    # identifiers

    def unique(self, make) -> str:
        return unused_value(make, self.used)

    def stem(self) -> str:
        def word() -> str:
            count = self.rng.choice([1, 2, 2])
            text = "".join(self.rng.choice(_ONSETS) + self.rng.choice(_VOWELS) for _ in range(count))
            return (text + self.rng.choice(_CODAS)).capitalize()

        return self.unique(lambda: w if 4 <= len(w := word()) <= 9 else "")

    def phone(self, country: str) -> str:
        return fresh_number(
            self.rng, country, phonenumbers.PhoneNumberType.FIXED_LINE, self.used, random_digits=6
        )

    def domain(self, base: str, tld: str) -> str:
        base = "".join(ch for ch in base.lower() if ch.isascii() and ch.isalnum())
        return self.unique(lambda: f"{base}{self.rng.choice(['', '', '', 'hq', 'app'])}.{tld}")

    def variant(self, base: str, tlds: list[str]) -> str:
        """`base` under one of `tlds` not yet taken (with a common prefix where all are)."""
        free = [f"{base}.{tld}" for tld in tlds if f"{base}.{tld}" not in self.used]
        if not free:
            return self.variant(self.rng.choice(["get", "try", "use"]) + base, tlds)
        self.used.add(chosen := self.rng.choice(free))
        return chosen

    def street(self, country: str) -> str:
        word = self.rng.choice(["Market", "Mission", "Harbour", "King", "Bridge", "Park", "Station", "Mill"])
        number = self.rng.randrange(1, 900)
        if country in ("US", "CA"):
            return f"{number} {word} {self.rng.choice(['St', 'Street', 'Ave'])}, Suite {self.rng.randrange(100, 990)}"
        if country in ("DE", "SE", "NL"):
            return f"{word}{self.rng.choice(['straße', 'gatan', 'straat'])} {number % 150 + 1}"
        return f"{number % 200 + 1} {word} {self.rng.choice(['Street', 'Road', 'Lane'])}"

    def firm(self, country: str | None = None, *, name: str = "", sector: int | None = None, tld: str = "",
             city: City | None = None, founded: int | None = None) -> Firm:  # fmt: skip
        country = country or self.rng.choice(
            ["US"] * 6 + ["GB", "GB", "DE", "FR", "IN", "CA", "IL", "SG", "SE", "NL"]
        )
        sector = self.rng.randrange(len(SECTORS)) if sector is None else sector
        if not name:
            suffix = self.rng.choice(SECTORS[sector][2])
            name = f"{self.stem()} {suffix}".strip()
        form = self.rng.choice(FORMS[country])
        legal = f"{name}{form}" if form.startswith(",") else f"{name} {form}"
        city = city or self.rng.choice(CITIES[country])
        base = name.split()[0] if self.rng.random() < 0.6 else name
        return Firm(
            name=name,
            legal=legal,
            country=country,
            city=city,
            street=self.street(country),
            postcode=_fill(self.rng, city.postcode),
            phone=self.phone(country),
            domain=self.domain(base, tld or self.rng.choice([*STARTUP_TLDS, CCTLD[country]])),
            linkedin=self.unique(lambda: self.rng.choice([_slug(name), _slug(name) + "-" + self.rng.choice(["inc", "hq", "io", "official"]), "".join(_slug(name).split("-"))])),
            twitter=self.unique(lambda: "".join(name.lower().split())[:12] + self.rng.choice(["", "hq", "app", "io"])),
            founded=founded or self.rng.randrange(2006, 2022),
            sector=sector,
            employees=self.rng.randrange(len(EMPLOYEES_CB)),
        )  # fmt: skip

    # writing

    def linkedin_url(self, slug: str, *, side: str) -> str:
        """A LinkedIn company page as each side writes it: HubSpot's property holds what a rep pasted; the
        database writes its own canonical form, sometimes with a locale host or a tracking query."""
        if not slug:
            return ""
        forms = (
            [f"https://www.linkedin.com/company/{slug}", f"https://www.linkedin.com/company/{slug}/",
             f"linkedin.com/company/{slug}", f"https://www.linkedin.com/company/{slug}/about/",
             f"https://uk.linkedin.com/company/{slug}"]
            if side == "crm"
            else [f"https://www.linkedin.com/company/{slug}", f"http://www.linkedin.com/company/{slug}",
                  f"https://www.linkedin.com/company/{slug}?trk=public_profile_topcard-name",
                  f"https://linkedin.com/company/{slug}/"]
        )  # fmt: skip
        return self.rng.choice(forms)

    def crm(self, firm: Firm, *, domain: bool | None = None, linkedin: bool | None = None, **fields) -> str:
        """The firm as a HubSpot company (fields override what the rep wrote); its Record ID. `domain` and
        `linkedin` force the domain or the LinkedIn page on (True) or off (False)."""
        self.record_ids += 1
        record_id = str(9_000_000_000 + self.record_ids * 97 + self.rng.randrange(97))
        has_domain = (self.rng.random() < 0.9) if domain is None else domain
        has_linkedin = (self.rng.random() < 0.55) if linkedin is None else linkedin
        number = phonenumbers.parse(firm.phone)
        phone_format = self.rng.choice(
            [phonenumbers.PhoneNumberFormat.INTERNATIONAL, phonenumbers.PhoneNumberFormat.NATIONAL]
            if firm.country != "US"
            else [phonenumbers.PhoneNumberFormat.NATIONAL, phonenumbers.PhoneNumberFormat.NATIONAL,
                  phonenumbers.PhoneNumberFormat.INTERNATIONAL]
        )  # fmt: skip
        site = firm.website
        row = {
            "Record ID": record_id,
            "Company name": firm.legal if self.rng.random() < 0.3 else firm.name,
            "Company Domain Name": firm.domain if has_domain else "",
            "Website URL": (
                self.rng.choice(["https://", "http://", ""]) + ("" if firm.host else "www.") + site
            )
            if has_domain and self.rng.random() < 0.7
            else "",
            "Phone Number": phonenumbers.format_number(number, phone_format)
            if self.rng.random() < 0.75
            else "",
            "Street Address": firm.street if self.rng.random() < 0.7 else "",
            "City": firm.city.name,
            "State/Region": firm.city.state,
            "Postal Code": firm.postcode if self.rng.random() < 0.6 else "",
            "Country/Region": self.rng.choice(CRM_COUNTRY.get(firm.country, [COUNTRY_NAMES[firm.country]])),
            "Industry": ALL_SECTORS[firm.sector][0].upper().replace(" ", "_"),
            "LinkedIn Company Page": self.linkedin_url(firm.linkedin, side="crm") if has_linkedin else "",
            "Twitter Handle": self.rng.choice(["", firm.twitter, "@" + firm.twitter]),
            "Year Founded": str(firm.founded) if self.rng.random() < 0.5 else "",
            "Parent Company": "",
            "Number of Employees": EMPLOYEES_HS[firm.employees] if self.rng.random() < 0.5 else "",
            "Lifecycle Stage": self.rng.choice(["Lead", "Opportunity", "Customer", "Customer", "Other"]),
            "Company owner": self.rng.choice(["Jordan Lee", "Priya Nair", "Sam Okafor", "Ana Ruiz", ""]),
        }
        row.update(fields)
        self.crm_rows.append(row)
        return record_id

    def export(self, category: str, firm: Firm, truth=(), *, phone: bool | None = None,
               linkedin: bool | None = None, mailbox_domain: str = "", **fields) -> None:  # fmt: skip
        """The firm as the startup database exports it (fields override), with the CRM ids right for it."""
        number = phonenumbers.parse(firm.phone)
        has_phone = (self.rng.random() < 0.6) if phone is None else phone
        has_linkedin = (self.rng.random() < 0.85) if linkedin is None else linkedin
        written = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        if firm.country == "US" and self.rng.random() < 0.4:
            written = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        www = "" if firm.host else self.rng.choice(["www.", ""])
        website = self.rng.choice(["https://", "http://"]) + www + firm.website
        if not firm.path and not firm.host and self.rng.random() < 0.2:
            website += self.rng.choice(["/", "/en", "/en-us/", "/?utm_source=crunchbase", "/home"])
        mailbox = self.rng.choice(["info", "hello", "contact", "press", "team", "support"])
        sector_words = ALL_SECTORS[firm.sector][1]
        row = {
            "Organization Name": firm.name,
            "Also Known As": ", ".join(firm.also_known_as),
            "Legal Name": firm.legal if self.rng.random() < 0.35 else "",
            "Website": website,
            "LinkedIn": self.linkedin_url(firm.linkedin, side="cb") if has_linkedin else "",
            "Twitter": self.rng.choice(["https://twitter.com/", "https://x.com/", "http://twitter.com/"])
            + firm.twitter
            if self.rng.random() < 0.7
            else "",
            "Facebook": f"https://www.facebook.com/{firm.twitter}" if self.rng.random() < 0.3 else "",
            "Contact Email": f"{mailbox}@{mailbox_domain or firm.domain}" if self.rng.random() < 0.55 else "",
            "Phone Number": written if has_phone else "",
            "Headquarters Location": f"{firm.city.name}, {firm.city.region}, {COUNTRY_NAMES[firm.country]}",
            "Founded Date": self.founded_date(firm.founded),
            "Operating Status": firm.status,
            "Closed Date": firm.closed,
            "Acquired by": firm.acquired_by,
            "Number of Employees": EMPLOYEES_CB[firm.employees],
            "Industries": ", ".join(self.rng.sample(sector_words, min(2, len(sector_words)))),
            "Description": firm.description
            or f"{firm.name} {self.rng.choice(['builds', 'offers', 'develops', 'provides'])} "
            f"{sector_words[0].lower()} {self.rng.choice(['products', 'tools', 'services', 'platforms'])}.",
        }
        if mailbox_domain:  # the mailbox's domain was chosen for the case: always written
            row["Contact Email"] = f"{mailbox}@{mailbox_domain}"
        row.update(fields)
        self.cases.append(GeneratedCase(category, row, tuple(truth)))

    def founded_date(self, year: int) -> str:
        if self.rng.random() < 0.1:
            return ""
        if self.rng.random() < 0.4:
            return f"{year}-01-01"  # Crunchbase writes a year-precision date as its first day
        return f"{year}-{self.rng.randrange(1, 13):02d}-{self.rng.randrange(1, 29):02d}"

    # -- categories ---------------------------------------------------------------------------------------------

    def background(self) -> None:
        """CRM companies the export says nothing about."""
        for _ in range(self.orgs):
            self.crm(self.firm())

    def plain(self) -> None:
        """A company the CRM holds, each side writing its domain, phone and LinkedIn page its own way."""
        for _ in range(self.per * 2):
            firm = self.firm()
            self.export("plain", firm, [self.crm(firm, domain=True)])

    def not_in_crm(self) -> None:
        for _ in range(self.per * 2):
            self.export("not_in_crm", self.firm())

    def legal_name(self) -> None:
        """The CRM holds the registered name ("Kivora Health, Inc.", "Kivora Software GmbH"), the database the
        brand with the registered name under `Legal Name`; half the CRM records have no domain (typed from a
        contract), so the name, the city and the line or the LinkedIn page carry them."""
        for index in range(self.per):
            firm = self.firm(self.rng.choice(["US", "US", "GB", "DE", "FR", "IN", "SG", "NL", "SE"]))
            if index % 2:
                truth = self.crm(firm, domain=False, linkedin=True, **{"Company name": firm.legal})
                self.export("legal_name", firm, [truth], linkedin=True, **{"Legal Name": firm.legal})
            else:
                truth = self.crm(firm, domain=True, **{"Company name": firm.legal})
                self.export("legal_name", firm, [truth], **{"Legal Name": firm.legal})

    def other_tld(self) -> None:
        """The company moved from one top-level domain to another (kivora.io -> kivora.ai, getkivora.com ->
        kivora.com); the CRM keeps the old one. Same name and city, and its LinkedIn page or its line."""
        for index in range(self.per):
            firm = self.firm()
            base, _, tld = firm.domain.partition(".")
            moved = replace(
                firm, domain=self.variant(base, [t for t in ("com", "io", "ai", "co", "app") if t != tld])
            )
            by_linkedin = index % 2 == 0
            truth = self.crm(firm, domain=True, linkedin=True if by_linkedin else None)
            self.export(
                "other_tld", moved, [truth], linkedin=True if by_linkedin else None, phone=not by_linkedin
            )

    def linkedin_only(self) -> None:
        """A CRM record without a domain (a rep typed the company from an event badge) but with its LinkedIn
        page; the database writes the page another way."""
        for _ in range(self.per):
            firm = self.firm()
            truth = self.crm(firm, domain=False, linkedin=True, **{"Phone Number": "", "Street Address": ""})
            self.export("linkedin_only", firm, [truth], linkedin=True)

    def rebrand(self) -> None:
        """The company renamed itself and moved to a new domain; the CRM holds the old name and domain, the
        database the new ones with the old name under `Also Known As` or in its description ("formerly ..."),
        and one more thing the CRM has: its LinkedIn page (a page keeps its address through a rename), its
        line or a contact mailbox still on the old domain."""
        for index in range(self.per):
            old = self.firm()
            new_name = f"{self.stem()} {self.rng.choice(ALL_SECTORS[old.sector][2])}".strip()
            new = replace(old, name=new_name, legal=old.legal.replace(old.name, new_name),
                          domain=self.domain(new_name.split()[0], self.rng.choice(STARTUP_TLDS)))  # fmt: skip
            if index % 3 == 0:
                new.also_known_as = [old.name]
            elif index % 3 == 1:
                new.also_known_as = [old.name, old.legal]
            else:
                new.description = (
                    f"{new.name} (formerly {old.name}) builds {ALL_SECTORS[old.sector][1][0].lower()} tools."
                )
            truth = self.crm(old, domain=True, linkedin=index % 4 == 0 or None)
            evidence = index % 4
            self.export("rebrand", new, [truth], linkedin=evidence == 0, phone=evidence in (1, 3),
                        mailbox_domain=old.domain if evidence == 2 else "")  # fmt: skip

    def acquired(self) -> None:
        """A company bought by another: the database keeps its own row with `Acquired by` naming the buyer and
        its site now a page under the buyer's domain ("acme.com/kivora", "kivora.acme.com") or still its own.
        One in three is renamed under the buyer's brand ("Kivora" bought by Acme is "Acme Kivora", its old name
        under `Also Known As`). It is still its own company. Half the time the CRM holds it (under its old name)
        and its buyer (truth: its own record), half the time only the buyer (truth: none)."""
        for index in range(self.per * 2):
            buyer = self.firm(self.rng.choice(["US", "US", "GB", "DE"]), tld="com")
            bought = self.firm(buyer.country if self.rng.random() < 0.5 else None)
            buyer_id = self.crm(buyer, domain=True)
            bought.acquired_by = buyer.name
            bought.status = self.rng.choice(["Active", "Active", "Closed"])
            moved = replace(bought)
            page = index % 3
            if page == 0:
                moved.domain, moved.path = buyer.domain, _slug(bought.name.split()[0])
            elif page == 1:
                moved.domain, moved.host = buyer.domain, f"{_slug(bought.name.split()[0])}.{buyer.domain}"
            if (index // 2) % 3 == 2:
                moved.name = f"{buyer.name.split()[0]} {bought.name.split()[0]}"
                moved.also_known_as = [bought.name]
            mailbox = buyer.domain if self.rng.random() < 0.5 else ""
            if index % 2:
                truth = self.crm(bought, domain=True, linkedin=True, **{"Parent Company": buyer.name})
                self.export("acquired_in_crm", moved, [truth], linkedin=True, mailbox_domain=mailbox)
            else:
                self.export("acquired_buyer_only", moved, [], mailbox_domain=mailbox)
            del buyer_id

    def regional_affiliate(self) -> None:
        """A fund and its regional affiliates are separate firms under one brand ("Kivora Ventures", "Kivora
        Ventures India"), on the fund's domain's ccTLD, a path or a subdomain of it; each has its own page,
        line and city. Half the time the CRM holds the fund only and the export the affiliate (truth: none);
        half the time the CRM holds both (HubSpot gives both the fund's domain) and the export is one of them."""
        for index in range(self.per * 2):
            fund_name = f"{self.stem()} {self.rng.choice(FUND_WORDS)}"
            fund = self.firm("US", name=fund_name, sector=FUND_SECTOR, tld="com",
                             city=self.rng.choice(CITIES["US"]))  # fmt: skip
            region = self.rng.choice(list(REGIONS))
            country = REGIONS[region]
            affiliate = self.firm(
                country,
                name=f"{fund_name} {region}",
                sector=FUND_SECTOR,
                founded=min(2024, fund.founded + self.rng.randrange(3, 12)),
            )
            form = index % 3
            if form == 0:
                affiliate.domain = self.variant(fund.domain.split(".")[0], [CCTLD[country]])
            elif form == 1:
                affiliate.domain, affiliate.path = fund.domain, _slug(region)
            else:
                affiliate.domain, affiliate.host = (
                    fund.domain,
                    f"{_slug(region).replace('-', '')}.{fund.domain}",
                )
            fund_id = self.crm(fund, domain=True)
            if index % 2 == 0:
                self.export("regional_affiliate", affiliate, [])
                continue
            affiliate_id = self.crm(affiliate, domain=True, **{"Parent Company": fund.name})
            if index % 4 == 1:
                self.export("affiliate_both_in_crm", affiliate, [affiliate_id])
            else:
                self.export("fund_both_in_crm", fund, [fund_id])

    def spin_off(self) -> None:
        """A business spun out of a CRM company: a brand sharing the parent's first word ("Kivora Health" out of
        "Kivora Robotics"), in the parent's city (the office it was incubated in), its own domain, line and
        page, founded years later; the description says where it came from. Not the parent."""
        for _ in range(self.per):
            parent = self.firm()
            word = parent.name.split()[0]
            sector = (parent.sector + 1 + self.rng.randrange(len(SECTORS) - 1)) % len(SECTORS)
            suffix = self.rng.choice(
                [s for s in SECTORS[sector][2] if s and s != parent.name.split()[-1]] or ["Labs"]
            )
            spin = self.firm(parent.country, name=f"{word} {suffix}", sector=sector, city=parent.city,
                             founded=min(2024, parent.founded + self.rng.randrange(3, 9)))  # fmt: skip
            spin.description = f"{spin.name} was spun out of {parent.name} in {spin.founded}."
            self.crm(parent, domain=True)
            self.export("spin_off", spin, [])

    def same_name_elsewhere(self) -> None:
        """An unrelated company of the very same name in another country, on the same word under another
        top-level domain (kivora.com / kivora.de); nothing else shared."""
        for _ in range(self.per):
            firm = self.firm()
            self.crm(firm, domain=True)
            country = self.rng.choice(
                [c for c in ("US", "GB", "DE", "FR", "IN", "BR", "SE", "NL") if c != firm.country]
            )
            base = firm.domain.split(".")[0]
            other = self.firm(country, name=firm.name, sector=self.rng.randrange(len(SECTORS)))
            other.domain = self.variant(base, [CCTLD[country], "io", "co", "ai", "com"])
            self.export("same_name_elsewhere", other, [])

    def domain_reused(self) -> None:
        """A domain given up by a CRM company (closed or renamed long ago; the CRM still has it) now belongs to a
        younger company named after it in another sector ("Kivora Health" on kivora.com, now "Kivora Pay"), in
        another country, founded a decade later, with its own line and page. Not the CRM company."""
        for _ in range(self.per):
            old = self.firm(founded=self.rng.randrange(2006, 2012))
            word = old.name.split()[0]
            old.domain = self.variant(
                word.lower(), ["com", "io", "co"]
            )  # the name's word, which a namesake wants
            self.crm(old, domain=True, **{"Year Founded": str(old.founded)})
            sector = (old.sector + 1 + self.rng.randrange(len(SECTORS) - 1)) % len(SECTORS)
            suffix = self.rng.choice([s for s in SECTORS[sector][2] if s and s not in old.name] or ["Labs"])
            countries = [c for c in ("US", "GB", "DE", "FR", "IN", "CA") if c != old.country]
            newer = self.firm(self.rng.choice(countries), name=f"{word} {suffix}", sector=sector,
                              founded=self.rng.randrange(2018, 2024))  # fmt: skip
            newer.domain = old.domain
            self.export("domain_reused", newer, [], **{"Founded Date": f"{newer.founded}-01-01"})

    def closed(self) -> None:
        """A company the CRM holds that has since closed: `Operating Status` Closed and its `Closed Date`."""
        for _ in range(self.per):
            firm = self.firm(founded=self.rng.randrange(2006, 2018))
            firm.status = "Closed"
            firm.closed = f"{self.rng.randrange(firm.founded + 2, 2025)}-{self.rng.randrange(1, 13):02d}-01"
            self.export("closed", firm, [self.crm(firm, domain=True)])

    def crm_duplicate(self) -> None:
        """The CRM holds the company twice (a rep's record and an import's); either is right."""
        for _ in range(self.per // 2):
            firm = self.firm()
            truth = [self.crm(firm, domain=True), self.crm(firm)]
            self.export("crm_duplicate", firm, truth)

    def make(self) -> GeneratedCases:
        for category in (
            self.background,
            self.plain,
            self.not_in_crm,
            self.legal_name,
            self.other_tld,
            self.linkedin_only,
            self.rebrand,
            self.acquired,
            self.regional_affiliate,
            self.spin_off,
            self.same_name_elsewhere,
            self.domain_reused,
            self.closed,
            self.crm_duplicate,
        ):
            category()
        self.rng.shuffle(self.crm_rows)
        self.rng.shuffle(self.cases)
        slugs: set[str] = set()
        for case in self.cases:
            slug = _slug(case.row["Organization Name"])
            while slug in slugs:  # Crunchbase adds a short hash to a permalink already taken
                slug = f"{_slug(case.row['Organization Name'])}-{self.rng.randrange(16**4):04x}"
            slugs.add(slug)
            case.external_id = f"https://www.crunchbase.com/organization/{slug}"
        return GeneratedCases(self.crm_rows, self.cases)


def organisation_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.orgs, args.per_category).make()


# -- Splink -------------------------------------------------------------------------------------------------

# What an evaluator prepares for Splink: the company name without its legal form, the web domain (HubSpot's
# own column; the export's website), the phone's digits, the city (the first part of the export's location),
# the country, and the LinkedIn page's slug.
_LINKEDIN = "nullif(regexp_extract(lower(coalesce({col}, '')), 'linkedin\\.com/company/([^/?#]+)', 1), '')"
CRM_SQL = f"""
        SELECT "Record ID" AS unique_id, {{company}}(strip_accents("Company name")) AS name,
               {{domain}}(coalesce(nullif("Company Domain Name", ''), "Website URL")) AS domain,
               {{phone}}("Phone Number") AS phone, nullif(lower(strip_accents(trim("City"))), '') AS city,
               nullif(trim("Postal Code"), '') AS postcode, {_LINKEDIN.format(col='"LinkedIn Company Page"')} AS linkedin
        FROM read_csv('{{path}}', all_varchar = true)
    """
INBOUND_SQL = f"""
        SELECT "{INBOUND_ID}" AS unique_id, {{company}}(strip_accents("Organization Name")) AS name,
               {{domain}}("Website") AS domain, {{phone}}("Phone Number") AS phone,
               nullif(lower(strip_accents(trim(split_part("Headquarters Location", ',', 1)))), '') AS city,
               NULL AS postcode, {_LINKEDIN.format(col='"LinkedIn"')} AS linkedin
        FROM read_csv('{{path}}', all_varchar = true)
    """


def splink_model():
    """The organisation settings with the LinkedIn page compared and blocked on as the domain is."""
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    settings = SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=[
            block_on("domain"),
            block_on("linkedin"),
            block_on("phone"),
            block_on("name"),
            block_on("substr(name, 1, 6)", "city"),
        ],
        comparisons=[
            cl.NameComparison("name"),
            cl.ExactMatch("domain"),
            cl.ExactMatch("linkedin"),
            cl.ExactMatch("phone"),
            cl.ExactMatch("city").configure(term_frequency_adjustments=True),
        ],
        retain_intermediate_calculation_columns=False,
    )
    return settings, [block_on("city"), block_on("name")], [block_on("domain"), block_on("linkedin")], 0.7, {}


SUITES = [
    GeneratedSuite(
        name="organisations",
        make=organisation_cases,
        crm_file="hubspot_companies",
        inbound_file="crunchbase_organizations",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id=INBOUND_ID,
        cli_options=["--provider", "hubspot", "--object", "companies", "--kind", "organisation"],
        splink_kind="organisation",
        sql={"crm": CRM_SQL, "inbound": INBOUND_SQL},
        source="HubSpot companies <- a startup database's export",
        splink_model=splink_model,
    )
]


if __name__ == "__main__":
    run_generated("identity-thirtyfirst", SUITES, seed=311, people=0, orgs=3000, per_category=40)
