"""An eighteenth record set: Salesforce Accounts linked from a B2B data vendor's company list.

    python benchmarks/identity_eighteenth.py [--orgs 3000] [--per-category 60] [--seed 181] [--skip-splink]

The CRM side is a Salesforce Data Loader export of `Account` with its API names (`Id`, `Name`, `Type`,
`ParentId`, `Website`, `Phone`, `BillingStreet`, `BillingCity`, `BillingState`, `BillingPostalCode`,
`BillingCountry`, the `Shipping...` address, `Industry`, `NumberOfEmployees`, `AccountNumber`, `TickerSymbol`,
`Site`) and two common custom fields (`LinkedIn_Company_Page__c`, `DUNS_Number__c`). The inbound side is a
company list exported from a prospecting database (Apollo's company export labels: `Company`, `Website`,
`Company Linkedin Url`, `Company Phone`, `Company Street`, `Company City`, `Company State`, `Company Postal
Code`, `Company Country`, `# Employees`, `Industry`, `Founded Year`, `Subsidiary of`; a ticker and a D-U-N-S
number as such lists carry them), keyed by the vendor's account id.

What differs between the two is what differs between a sales team's CRM and a vendor's crawl: the vendor
writes the registered name and the current domain, the CRM the name the reps use and the site they first saw;
the vendor copies the group's domain onto every subsidiary and office; many companies have a page on a
platform instead of a site; addresses come abbreviated or in the vendor's language. Every category is built
so that a sales-ops person reading the two records side by side could decide it; truth is the CRM Id (either
of two for a CRM duplicate) or none.
"""

# ruff: noqa: RUF001 (Greek and Cyrillic names are the point of `other_script`)
import random
import string
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import phonenumbers

sys.path.insert(0, str(Path(__file__).resolve().parent))

from identity_quality import (
    GeneratedCase,
    GeneratedCases,
    GeneratedSuite,
    organisation_inbound_sql,
    run_generated,
)

CRM_COLUMNS = [
    "Id",
    "Name",
    "Type",
    "ParentId",
    "Website",
    "Phone",
    "BillingStreet",
    "BillingCity",
    "BillingState",
    "BillingPostalCode",
    "BillingCountry",
    "ShippingStreet",
    "ShippingCity",
    "ShippingState",
    "ShippingPostalCode",
    "ShippingCountry",
    "Industry",
    "NumberOfEmployees",
    "AccountNumber",
    "TickerSymbol",
    "Site",
    "LinkedIn_Company_Page__c",
    "DUNS_Number__c",
]
INBOUND_ID = "Apollo Account Id"
INBOUND_COLUMNS = [
    INBOUND_ID,
    "Company",
    "Website",
    "Company Linkedin Url",
    "Company Phone",
    "Company Street",
    "Company City",
    "Company State",
    "Company Postal Code",
    "Company Country",
    "# Employees",
    "Industry",
    "Founded Year",
    "Subsidiary of",
    "Ticker",
    "D-U-N-S Number",
]

# -- places -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    country: str  # ISO code
    city: str  # as people of the country write it
    state: str = ""
    postcode: str = ""  # a pattern: # a digit, @ a letter, the rest as is
    english: str = ""  # the city's English name where it has one of its own


PLACES = {
    "US": [
        Place("US", "San Francisco", "CA", "941##"),
        Place("US", "Denver", "CO", "802##"),
        Place("US", "Austin", "TX", "787##"),
        Place("US", "Chicago", "IL", "606##"),
        Place("US", "Boston", "MA", "021##"),
        Place("US", "Seattle", "WA", "981##"),
        Place("US", "Atlanta", "GA", "303##"),
        Place("US", "Columbus", "OH", "432##"),
        Place("US", "Tulsa", "OK", "741##"),
        Place("US", "Portland", "OR", "972##"),
        Place("US", "Nashville", "TN", "372##"),
        Place("US", "Phoenix", "AZ", "850##"),
    ],
    "CA": [
        Place("CA", "Toronto", "ON", "M5@ #@#"),
        Place("CA", "Vancouver", "BC", "V6@ #@#"),
        Place("CA", "Calgary", "AB", "T2@ #@#"),
    ],
    "GB": [
        Place("GB", "London", "", "EC1@ #@@"),
        Place("GB", "Manchester", "", "M1 #@@"),
        Place("GB", "Leeds", "", "LS1 #@@"),
        Place("GB", "Bristol", "", "BS1 #@@"),
    ],
    "IE": [Place("IE", "Dublin", "", "D02 @#@#"), Place("IE", "Cork", "", "T12 @#@#")],
    "AU": [
        Place("AU", "Sydney", "NSW", "2###"),
        Place("AU", "Melbourne", "VIC", "3###"),
        Place("AU", "Brisbane", "QLD", "4###"),
    ],
    "DE": [
        Place("DE", "München", "BY", "80###", "Munich"),
        Place("DE", "Köln", "NW", "50###", "Cologne"),
        Place("DE", "Nürnberg", "BY", "90###", "Nuremberg"),
        Place("DE", "Berlin", "BE", "10###"),
        Place("DE", "Hamburg", "HH", "20###"),
    ],
    "AT": [Place("AT", "Wien", "", "1###", "Vienna"), Place("AT", "Graz", "", "8###")],
    "CH": [Place("CH", "Zürich", "ZH", "8###", "Zurich"), Place("CH", "Genève", "GE", "12##", "Geneva")],
    "FR": [
        Place("FR", "Paris", "", "750##"),
        Place("FR", "Lyon", "", "690##"),
        Place("FR", "Marseille", "", "130##"),
    ],
    "BE": [
        Place("BE", "Bruxelles", "", "10##", "Brussels"),
        Place("BE", "Antwerpen", "", "20##", "Antwerp"),
        Place("BE", "Gent", "", "90##", "Ghent"),
    ],
    "NL": [Place("NL", "Den Haag", "", "25## @@", "The Hague"), Place("NL", "Amsterdam", "", "10## @@")],
    "IT": [
        Place("IT", "Milano", "MI", "201##", "Milan"),
        Place("IT", "Roma", "RM", "001##", "Rome"),
        Place("IT", "Torino", "TO", "101##", "Turin"),
        Place("IT", "Firenze", "FI", "501##", "Florence"),
    ],
    "ES": [Place("ES", "Sevilla", "", "410##", "Seville"), Place("ES", "Madrid", "", "280##")],
    "GR": [Place("GR", "Athína", "", "105##", "Athens"), Place("GR", "Thessaloníki", "", "546##")],
    "BG": [Place("BG", "Sofia", "", "1###"), Place("BG", "Plovdiv", "", "40##")],
    "LU": [Place("LU", "Luxembourg", "", "L-1###")],
}
COUNTRY_NAMES = {  # (the CRM's English name, the name in the country's language)
    "US": ("United States", "United States"),
    "CA": ("Canada", "Canada"),
    "GB": ("United Kingdom", "United Kingdom"),
    "IE": ("Ireland", "Éire"),
    "AU": ("Australia", "Australia"),
    "DE": ("Germany", "Deutschland"),
    "AT": ("Austria", "Österreich"),
    "CH": ("Switzerland", "Schweiz"),
    "FR": ("France", "France"),
    "BE": ("Belgium", "Belgique"),
    "NL": ("Netherlands", "Nederland"),
    "IT": ("Italy", "Italia"),
    "ES": ("Spain", "España"),
    "GR": ("Greece", "Ελλάδα"),
    "BG": ("Bulgaria", "България"),
    "LU": ("Luxembourg", "Luxembourg"),
}
TLD = {
    "US": "com", "CA": "ca", "GB": "co.uk", "IE": "ie", "AU": "com.au", "DE": "de", "AT": "at", "CH": "ch",
    "FR": "fr", "BE": "be", "NL": "nl", "IT": "it", "ES": "es", "GR": "gr", "BG": "bg", "LU": "lu",
}  # fmt: skip
FORMS = {
    "US": ["Inc.", "LLC", "Corp."],
    "CA": ["Inc.", "Ltd."],
    "GB": ["Ltd", "Limited"],
    "IE": ["Ltd", "DAC"],
    "AU": ["Pty Ltd"],
    "DE": ["GmbH", "AG"],
    "AT": ["GmbH"],
    "CH": ["AG", "GmbH"],
    "FR": ["SAS", "SARL"],
    "BE": ["SA", "BV"],
    "NL": ["B.V."],
    "IT": ["S.r.l.", "S.p.A."],
    "ES": ["S.L.", "S.A."],
    "GR": ["A.E."],
    "BG": ["OOD", "EOOD"],
    "LU": ["S.à r.l.", "S.A."],
}
ENGLISH_COUNTRIES = frozenset({"US", "CA", "GB", "IE", "AU"})
# What a rep copying the vendor's name would read as another spelling of one form
FORM_WRITTEN_OUT = {
    "Inc.": "Incorporated",
    "Corp.": "Corporation",
    "Ltd": "Limited",
    "Ltd.": "Limited",
    "AG": "Aktiengesellschaft",
    "S.p.A.": "Società per Azioni",
    "S.A.": "Sociedad Anónima",
}

INDUSTRIES = {  # Salesforce's picklist value -> words a company of it puts in its name
    "Technology": ["Software", "Systems", "Analytics", "Labs", "Digital", "Networks"],
    "Manufacturing": ["Manufacturing", "Industries", "Fabrication", "Components", "Tooling"],
    "Transportation": ["Logistics", "Freight", "Shipping", "Transport"],
    "Healthcare": ["Dental", "Clinics", "Medical", "Diagnostics"],
    "Consulting": ["Consulting", "Advisory", "Partners"],
    "Construction": ["Roofing", "Builders", "Construction", "Contractors"],
    "Food & Beverage": ["Coffee", "Foods", "Brewing", "Bakery"],
    "Retail": ["Outfitters", "Goods", "Supply", "Home"],
    "Energy": ["Energy", "Solar", "Power"],
    "Finance": ["Capital", "Finance", "Insurance"],
}
_ONSETS = [
    "b",
    "br",
    "c",
    "ch",
    "d",
    "dr",
    "f",
    "fl",
    "g",
    "gr",
    "h",
    "j",
    "k",
    "kl",
    "l",
    "m",
    "n",
    "p",
    "pr",
    "qu",
    "r",
    "s",
    "st",
    "sh",
    "t",
    "tr",
    "v",
    "w",
    "z",
]
_VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o", "ai", "ea", "io"]
_CODAS = ["", "", "n", "r", "l", "x", "s", "th", "m", "nd", "rk", "st"]


def _digits(rng: random.Random, pattern: str) -> str:
    return "".join(
        str(rng.randrange(10)) if ch == "#" else rng.choice(string.ascii_uppercase) if ch == "@" else ch
        for ch in pattern
    )


# -- streets ----------------------------------------------------------------------------------------------

STREET_WORDS = ["Harbor", "Maple", "Lincoln", "Cedar", "Ridge", "Lake", "Mill", "Park", "Station", "Church",
                "Elm", "Hill", "Bridge", "Market", "Orchard", "Willow", "Granite", "Meadow", "King", "Queen"]  # fmt: skip
GERMAN_STREETS = [
    "Linden",
    "Berg",
    "Schiller",
    "Goethe",
    "Bahnhof",
    "Garten",
    "Mühlen",
    "Kirch",
    "Wald",
    "Rosen",
]
FRENCH_STREETS = ["de la Paix", "Victor Hugo", "des Lilas", "Pasteur", "du Moulin", "de la Gare", "Voltaire"]
DUTCH_STREETS = ["Kerk", "Molen", "Linden", "Prinsen", "Heren", "Stations", "Dorps"]
ITALIAN_STREETS = ["Garibaldi", "Mazzini", "Dante", "Verdi", "Cavour", "Roma", "dei Mille"]
SPANISH_STREETS = ["Mayor", "Real", "del Sol", "de Alcalá", "Serrano", "Velázquez", "San Vicente"]
LATIN_STREETS = ["Kifisias", "Vasilissis Sofias", "Vitosha", "Tsar Osvoboditel", "Egnatia", "Rakovski"]
US_KINDS = [("Street", "St"), ("Avenue", "Ave"), ("Boulevard", "Blvd"), ("Road", "Rd"), ("Drive", "Dr")]
US_DIRECTIONS = [("North", "N"), ("South", "S"), ("East", "E"), ("West", "W")]


@dataclass(frozen=True)
class Street:
    """A street address, written out in full or as the country abbreviates it."""

    full: str
    short: str


def make_street(rng: random.Random, country: str) -> Street:
    number = rng.randrange(1, 2400) if country in ("US", "CA", "AU") else rng.randrange(1, 180)
    if country in ("US", "CA", "AU"):
        kind, kind_short = rng.choice(US_KINDS)
        word = rng.choice(STREET_WORDS)
        direction = rng.choice(US_DIRECTIONS) if rng.random() < 0.5 else ("", "")
        unit = rng.randrange(100, 1900)
        full = " ".join(filter(None, [str(number), direction[0], word, kind])) + f", Suite {unit}"
        short = " ".join(filter(None, [str(number), direction[1], word, kind_short])) + f" Ste {unit}"
        return Street(full, short)
    if country in ("GB", "IE"):
        kind, kind_short = rng.choice([("Road", "Rd"), ("Street", "St"), ("Lane", "Ln"), ("Avenue", "Ave")])
        word = rng.choice(STREET_WORDS)
        return Street(f"{number} {word} {kind}", f"{number} {word} {kind_short}")
    if country in ("DE", "AT", "CH"):
        word = rng.choice(GERMAN_STREETS)
        return Street(f"{word}straße {number}", f"{word}str. {number}")
    if country in ("FR", "BE", "LU"):
        kind, kind_short = rng.choice([("avenue", "av."), ("boulevard", "bd")])
        word = rng.choice(FRENCH_STREETS)
        return Street(f"{number} {kind} {word}", f"{number} {kind_short} {word}")
    if country == "NL":
        word = rng.choice(DUTCH_STREETS)
        return Street(f"{word}straat {number}", f"{word}str. {number}")
    if country == "IT":
        kind, kind_short = rng.choice([("Viale", "V.le"), ("Piazza", "P.za"), ("Corso", "C.so")])
        word = rng.choice(ITALIAN_STREETS)
        return Street(f"{kind} {word}, {number}", f"{kind_short} {word}, {number}")
    if country == "ES":
        kind, kind_short = rng.choice([("Calle", "C/"), ("Avenida", "Avda."), ("Paseo", "Pº")])
        word = rng.choice(SPANISH_STREETS)
        return Street(f"{kind} {word}, {number}", f"{kind_short} {word}, {number}")
    word = rng.choice(LATIN_STREETS)
    return Street(f"{word} {number}", f"{word} {number}")


# -- other scripts ----------------------------------------------------------------------------------------

# Syllables as a Greek or Bulgarian company writes them, and their usual romanisation.
SCRIPT_SYLLABLES = {
    "GR": [("ka", "κα"), ("lo", "λο"), ("ni", "νι"), ("ta", "τα"), ("ro", "ρο"), ("me", "με"), ("sa", "σα"),
           ("po", "πο"), ("li", "λι"), ("to", "το"), ("ma", "μα"), ("ne", "νε"), ("ri", "ρι"), ("ko", "κο")],
    "BG": [("ka", "ка"), ("lo", "ло"), ("ni", "ни"), ("ta", "та"), ("ro", "ро"), ("me", "ме"), ("sa", "са"),
           ("po", "по"), ("li", "ли"), ("to", "то"), ("ma", "ма"), ("ve", "ве"), ("ri", "ри"), ("zo", "зо")],
}  # fmt: skip
SCRIPT_WORDS = {  # an industry word in the script and romanised
    "GR": [
        ("Logistiki", "Λογιστική"),
        ("Techniki", "Τεχνική"),
        ("Emporiki", "Εμπορική"),
        ("Ktimatiki", "Κτηματική"),
    ],
    "BG": [("Stroy", "Строй"), ("Trans", "Транс"), ("Tehnika", "Техника"), ("Agro", "Агро")],
}
SCRIPT_FORMS = {"GR": ("A.E.", "Α.Ε."), "BG": ("OOD", "ООД")}


# -- companies --------------------------------------------------------------------------------------------


@dataclass
class Company:
    stem: str  # the brand's own word ("Velmora")
    name: str  # the trading name ("Velmora Analytics")
    form: str  # legal form as registered ("Inc.")
    place: Place
    street: Street
    postcode: str
    domain: str
    phone: str  # E.164
    industry: str
    employees: int
    founded: int
    linkedin: str  # the slug of its LinkedIn company page
    duns: str
    ticker: str = ""

    @property
    def legal(self) -> str:
        if not self.form:
            return self.name
        joiner = ", " if self.form in ("Inc.", "LLC", "Corp.") and self.place.country == "US" else " "
        return f"{self.name}{joiner}{self.form}"


class Generator:
    def __init__(self, seed: int, orgs: int, per_category: int):
        self.rng = random.Random(seed)
        self.orgs = orgs
        self.per = per_category
        self.used_stems: set[str] = set()
        self.used_domains: set[str] = set()
        self.used_phones: set[str] = set()
        self.crm_rows: list[dict] = []
        self.cases: list[GeneratedCase] = []
        self.account_numbers = 0

    # identifiers

    def sf_id(self) -> str:
        body = "001" + "".join(self.rng.choice(string.ascii_letters + string.digits) for _ in range(12))
        suffix = ""
        for chunk in range(3):
            bits = sum(1 << i for i, ch in enumerate(body[chunk * 5 : chunk * 5 + 5]) if ch.isupper())
            suffix += "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"[bits]
        return body + suffix

    def stem(self, syllables: int | None = None) -> str:
        while True:
            count = syllables or self.rng.choice([2, 2, 3])
            word = (
                "".join(self.rng.choice(_ONSETS) + self.rng.choice(_VOWELS) for _ in range(count - 1))
                + self.rng.choice(_ONSETS)
                + self.rng.choice(_VOWELS)
                + self.rng.choice(_CODAS)
            )
            word = word.capitalize()
            if 5 <= len(word) <= 10 and word.lower() not in self.used_stems:
                self.used_stems.add(word.lower())
                return word

    def phone(self, country: str) -> str:
        example = phonenumbers.example_number_for_type(country, phonenumbers.PhoneNumberType.FIXED_LINE)
        national = phonenumbers.national_significant_number(example)  # Italy's leading 0 kept
        keep = max(2, len(national) - 6)
        while True:
            digits = national[:keep] + "".join(
                str(self.rng.randrange(10)) for _ in range(len(national) - keep)
            )
            number = phonenumbers.parse(f"+{example.country_code}{digits}")
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            if phonenumbers.is_valid_number(number) and e164 not in self.used_phones:
                self.used_phones.add(e164)
                return e164

    def domain_for(self, words: str, tld: str) -> str:
        base = "".join(ch for ch in words.lower() if ch.isalnum())
        domain = f"{base}.{tld}"
        while domain in self.used_domains:
            domain = f"{base}{self.rng.choice(['hq', 'group', 'co', 'inc', 'global'])}.{tld}"
        self.used_domains.add(domain)
        return domain

    def company(self, country: str | None = None, *, place: Place | None = None, stem: str = "",
                industry: str = "", words: str = "", dot_com: bool | None = None) -> Company:  # fmt: skip
        place = place or self.rng.choice(PLACES[country or self.rng.choice(list(PLACES))])
        country = place.country
        industry = industry or self.rng.choice(list(INDUSTRIES))
        stem = stem or self.stem()
        name = f"{stem} {words or self.rng.choice(INDUSTRIES[industry])}"
        if dot_com is None:
            dot_com = country == "US" or self.rng.random() < 0.3
        domain = self.domain_for(
            name if self.rng.random() < 0.6 else stem, "com" if dot_com else TLD[country]
        )
        return Company(
            stem=stem,
            name=name,
            form=self.rng.choice(FORMS[country]),
            place=place,
            street=make_street(self.rng, country),
            postcode=_digits(self.rng, place.postcode),
            domain=domain,
            phone=self.phone(country),
            industry=industry,
            employees=self.rng.choice([8, 12, 25, 40, 75, 120, 250, 600, 1400, 5200]),
            founded=self.rng.randrange(1952, 2022),
            linkedin=name.lower().replace(" ", "-"),
            duns=f"{self.rng.randrange(10**8, 10**9)}",
        )

    # writing

    def crm_phone(self, e164: str) -> str:
        number = phonenumbers.parse(e164)
        if number.country_code == 1:
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

    def vendor_phone(self, e164: str) -> str:
        number = phonenumbers.parse(e164)
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

    def crm(self, company: Company, **fields) -> str:
        """The company as a Salesforce Account row (fields override what the rep wrote); its Id."""
        account_id = self.sf_id()
        self.account_numbers += 1
        country = company.place.country
        row = {
            "Id": account_id,
            "Name": company.name if self.rng.random() < 0.6 else company.legal,
            "Type": self.rng.choice(
                ["Customer - Direct", "Prospect", "Customer - Channel", "Prospect", "Other"]
            ),
            "ParentId": "",
            "Website": self.rng.choice(["", "www.", "https://www.", "http://"]) + company.domain,
            "Phone": self.crm_phone(company.phone),
            "BillingStreet": company.street.full,
            "BillingCity": company.place.city,
            "BillingState": company.place.state,
            "BillingPostalCode": company.postcode,
            "BillingCountry": COUNTRY_NAMES[country][0] if self.rng.random() < 0.8 else country,
            "Industry": company.industry,
            "NumberOfEmployees": str(company.employees) if self.rng.random() < 0.7 else "",
            "AccountNumber": f"CD{600000 + self.account_numbers}",
            "TickerSymbol": company.ticker,
            "Site": "Headquarters" if self.rng.random() < 0.1 else "",
            "LinkedIn_Company_Page__c": (
                f"https://www.linkedin.com/company/{company.linkedin}" if self.rng.random() < 0.35 else ""
            ),
            "DUNS_Number__c": company.duns if self.rng.random() < 0.2 else "",
        }
        if self.rng.random() < 0.3:
            row.update(
                ShippingStreet=row["BillingStreet"],
                ShippingCity=row["BillingCity"],
                ShippingState=row["BillingState"],
                ShippingPostalCode=row["BillingPostalCode"],
                ShippingCountry=row["BillingCountry"],
            )
        row.update(fields)
        self.crm_rows.append(row)
        return account_id

    def vendor(self, category: str, company: Company, truth=(), **fields) -> None:
        """The company as the vendor lists it (fields override), with the CRM ids that are right for it."""
        country = company.place.country
        row = {
            "Company": company.legal if self.rng.random() < 0.5 else company.name,
            "Website": self.rng.choice(["http://www.", "https://www.", "http://"]) + company.domain,
            "Company Linkedin Url": f"http://www.linkedin.com/company/{company.linkedin}",
            "Company Phone": self.vendor_phone(company.phone),
            "Company Street": company.street.full,
            "Company City": company.place.english or company.place.city,
            "Company State": company.place.state,
            "Company Postal Code": company.postcode,
            "Company Country": COUNTRY_NAMES[country][0],
            "# Employees": str(company.employees),
            "Industry": company.industry.lower(),
            "Founded Year": str(company.founded),
            "Subsidiary of": "",
            "Ticker": company.ticker,
            "D-U-N-S Number": company.duns if self.rng.random() < 0.5 else "",
        }
        row.update(fields)
        self.cases.append(GeneratedCase(category, row, tuple(truth)))

    def moved(self, company: Company, *, place: Place | None = None, same_entity=False, **changes) -> Company:
        """The company elsewhere: the same entity moved (its D-U-N-S kept), or another office or a
        look-alike built from it (its own D-U-N-S number)."""
        place = place or self.rng.choice(PLACES[company.place.country])
        if not same_entity:
            changes.setdefault("duns", f"{self.rng.randrange(10**8, 10**9)}")
        return replace(
            company,
            place=place,
            street=make_street(self.rng, place.country),
            postcode=_digits(self.rng, place.postcode),
            phone=self.phone(place.country),
            **changes,
        )

    # -- categories ---------------------------------------------------------------------------------------

    def background(self) -> None:
        """CRM accounts no vendor row is about: the rest of the book."""
        for _ in range(self.orgs):
            self.crm(self.company())

    def plain(self) -> None:
        for _ in range(self.per * 2):
            company = self.company()
            self.vendor("plain", company, [self.crm(company)])

    def not_in_crm(self) -> None:
        for _ in range(self.per * 2):
            self.vendor("not_in_crm", self.company())

    def trading_vs_legal(self) -> None:
        """The CRM holds the brand, the vendor the registered company behind it (another name altogether):
        same domain, HQ line and street."""
        for _ in range(self.per):
            company = self.company(self.rng.choice(["US", "GB", "AU", "CA"]))
            registered = f"{self.stem()} {self.rng.choice(['Enterprises', 'Holdings', 'Group', 'Ventures'])}"
            truth = self.crm(company, Name=company.name)
            self.vendor("trading_vs_legal", company, [truth], Company=f"{registered} {company.form}")

    def rebrand(self) -> None:
        """A rebrand: new name and domain, the old domain redirecting. Either the rep updated the name but
        not the website, or the vendor still lists the old domain under the new name. Same line and
        street either way."""
        for index in range(self.per):
            old = self.company()
            new = replace(old, stem=self.stem(), domain="")
            new.name = f"{new.stem} {old.name.split(' ', 1)[1]}"
            new.domain = self.domain_for(new.name, old.domain.split(".", 1)[1])
            if index % 2:
                truth = self.crm(old, Name=new.name)
                self.vendor("rebrand", new, [truth])
            else:
                truth = self.crm(old, Name=old.name)
                self.vendor("rebrand", new, [truth], Website=f"https://www.{old.domain}")

    def website_forms(self) -> None:
        """The vendor's website with a campaign's tracking parameters, a country path or a fragment."""
        for _ in range(self.per):
            company = self.company()
            country = company.place.country.lower()
            tail = self.rng.choice(
                [
                    "/?utm_source=apollo&utm_medium=enrichment&utm_campaign=q3",
                    f"/{country}/",
                    f"/en-{country}/home",
                    "/#contact",
                    "/?ref=producthunt",
                    "/index.html?gclid=Cj0KCQjw",
                ]
            )
            truth = self.crm(company)
            self.vendor("website_forms", company, [truth], Website=f"https://www.{company.domain}{tail}",
                        **{"Company Phone": ""})  # fmt: skip

    def cctld_vs_com(self) -> None:
        """One company under its national domain in the CRM and its .com at the vendor (or the other way)."""
        for index in range(self.per):
            company = self.company(
                self.rng.choice(["DE", "FR", "GB", "IT", "ES", "NL", "AU", "CH"]), dot_com=False
            )
            base = company.domain.partition(".")[0]
            dot_com = f"{base}.com"
            if dot_com in self.used_domains:
                continue
            self.used_domains.add(dot_com)
            crm_site, vendor_site = (company.domain, dot_com) if index % 2 else (dot_com, company.domain)
            truth = self.crm(company, Website=f"www.{crm_site}")
            self.vendor("cctld_vs_com", company, [truth], Website=f"https://{vendor_site}")

    def address_abbreviated(self) -> None:
        """The street written out in one file and abbreviated in the other; no line at the vendor and no
        website in the CRM."""
        for index in range(self.per):
            company = self.company()
            crm_street, vendor_street = (
                (company.street.full, company.street.short)
                if index % 2
                else (company.street.short, company.street.full)
            )
            truth = self.crm(company, BillingStreet=crm_street, Website="")
            self.vendor("address_abbreviated", company, [truth], **{"Company Street": vendor_street,
                        "Company Phone": ""})  # fmt: skip

    def address_in_english(self) -> None:
        """The CRM's address in the country's language (München, Deutschland), the vendor's in English
        (Munich, Germany); no website in the CRM, no line at the vendor."""
        places = [place for places in PLACES.values() for place in places if place.english]
        for _ in range(self.per):
            place = self.rng.choice(places)
            company = self.company(place=place)
            truth = self.crm(company, Website="", BillingCountry=COUNTRY_NAMES[place.country][1])
            self.vendor("address_in_english", company, [truth], **{"Company City": place.english,
                        "Company Phone": ""})  # fmt: skip

    def national_phone(self) -> None:
        """The vendor writes the HQ line as the country dials it; no website in the CRM, no street at the
        vendor."""
        for _ in range(self.per):
            company = self.company(
                self.rng.choice(["GB", "DE", "FR", "IT", "ES", "NL", "AU", "BE", "AT", "IE"])
            )
            national = phonenumbers.format_number(
                phonenumbers.parse(company.phone), phonenumbers.PhoneNumberFormat.NATIONAL
            )
            truth = self.crm(company, Website="")
            self.vendor("national_phone", company, [truth], **{"Company Phone": national, "Company Street": "",
                        "Company Postal Code": ""})  # fmt: skip

    def other_script(self) -> None:
        """A Greek or Bulgarian company: the CRM in its own script (a local rep), the vendor romanised;
        same domain and line."""
        for _ in range(self.per):
            country = self.rng.choice(["GR", "BG"])
            pairs = [self.rng.choice(SCRIPT_SYLLABLES[country]) for _ in range(3)]
            latin_stem = "".join(latin for latin, _ in pairs).capitalize()
            if latin_stem.lower() in self.used_stems:
                continue
            self.used_stems.add(latin_stem.lower())
            native_stem = "".join(native for _, native in pairs).capitalize()
            latin_word, native_word = self.rng.choice(SCRIPT_WORDS[country])
            latin_form, native_form = SCRIPT_FORMS[country]
            company = self.company(country, stem=latin_stem, words=latin_word, dot_com=False)
            company.form = latin_form
            truth = self.crm(company, Name=f"{native_stem} {native_word} {native_form}")
            self.vendor("other_script", company, [truth], Company=f"{latin_stem} {latin_word} {latin_form}")

    def acquisition(self) -> None:
        """An acquired company the CRM already files under its buyer ("Initech, a Globex company", ParentId
        the buyer's account); the vendor lists it under its own name with "Subsidiary of"."""
        for _ in range(self.per):
            buyer = self.company("US")
            bought = self.company(self.rng.choice(["US", "GB", "DE", "CA"]))
            buyer_id = self.crm(buyer, Name=buyer.legal)
            label = self.rng.choice(
                [
                    f"{bought.name}, a {buyer.stem} company",
                    f"{bought.name} (a {buyer.stem} company)",
                    f"{bought.name} (acq. by {buyer.stem})",
                    f"{bought.name} - now part of {buyer.name}",
                ]
            )
            truth = self.crm(bought, Name=label, ParentId=buyer_id)
            self.vendor("acquisition", bought, [truth], **{"Subsidiary of": buyer.legal})

    def crm_duplicate(self) -> None:
        """Two Accounts for one company (one from a list import without a website)."""
        for _ in range(self.per):
            company = self.company()
            first = self.crm(company)
            second = self.crm(company, Name=company.legal, Website="", Type="Prospect")
            self.vendor("crm_duplicate", company, [first, second])

    def hq_moved(self) -> None:
        """The company moved: new street, city and line at the vendor; same name and domain."""
        for _ in range(self.per):
            company = self.company()
            truth = self.crm(company)
            self.vendor("hq_moved", self.moved(company, same_entity=True), [truth])

    # look-alikes

    def regional_office(self) -> None:
        """A group's national company, listed by the vendor on the group's domain ("Velmora Analytics GmbH",
        Munich, velmora.com) while the CRM holds the US parent; or the CRM holds both (then the national
        company is the truth); or the CRM holds only the national company and the vendor lists the parent."""
        for index in range(self.per):
            parent = self.company("US")
            country = self.rng.choice(["GB", "DE", "FR", "AU", "NL", "IT", "ES"])
            office = self.moved(
                parent, place=self.rng.choice(PLACES[country]), form=self.rng.choice(FORMS[country])
            )
            website = self.rng.choice(
                [f"https://www.{parent.domain}", f"https://www.{parent.domain}/{country.lower()}/"]
            )
            if index % 3 == 2:
                self.crm(office, Name=office.legal, Website=website)
                self.vendor("regional_office", parent, [], Company=parent.legal)
                continue
            parent_id = self.crm(parent, Name=parent.legal)
            if index % 6 == 3:  # the vendor copied the group's switchboard onto the national company
                office.phone = parent.phone
            truth = []
            if index % 3 == 1:
                truth = [self.crm(office, Name=office.legal, ParentId=parent_id, Website=website)]
            self.vendor("regional_office", office, truth, Company=office.legal, Website=website,
                        **{"Subsidiary of": parent.legal, "Company Linkedin Url": ""})  # fmt: skip

    def subsidiary_at_parent_hq(self) -> None:
        """A subsidiary with its own name and domain that the vendor lists at its parent's headquarters, with
        the parent's switchboard ("Subsidiary of" the parent). The CRM holds the parent; on every other row
        the subsidiary too, at the same address and line (then the subsidiary is the truth)."""
        for index in range(self.per):
            parent = self.company(self.rng.choice(["US", "GB", "DE"]))
            parent_id = self.crm(parent, Name=parent.legal)
            child = self.company(place=parent.place)
            child.street, child.postcode, child.phone = parent.street, parent.postcode, parent.phone
            truth = [self.crm(child, ParentId=parent_id)] if index % 2 else []
            self.vendor("subsidiary_at_parent_hq", child, truth, **{"Subsidiary of": parent.legal})

    def franchisee(self) -> None:
        """A franchisee in another town on the franchisor's domain: "Brightwave Cleaning of Tulsa" or its
        owner's company trading as the brand; its own line and street. The CRM holds the brand, or (every
        third row) only the franchisee while the vendor lists the brand."""
        for index in range(self.per):
            brand = self.company(
                "US", industry=self.rng.choice(["Retail", "Food & Beverage", "Construction"])
            )
            local = self.moved(brand, place=self.rng.choice([p for p in PLACES["US"] if p != brand.place]))
            owner = self.stem()
            name = self.rng.choice(
                [f"{brand.name} of {local.place.city}", f"{owner} Enterprises LLC dba {brand.name}",
                 f"{brand.name} {local.place.city} ({owner} Holdings LLC)"]
            )  # fmt: skip
            website = self.rng.choice(
                [f"https://{brand.domain}/locations/{local.place.city.lower()}", f"{brand.domain}"]
            )
            if index % 3 == 2:
                self.crm(local, Name=name, Website=website, LinkedIn_Company_Page__c="")
                self.vendor("franchisee", brand, [], Company=brand.name)
                continue
            self.crm(brand, Name=brand.name)
            self.vendor(
                "franchisee", local, [], Company=name, Website=website, **{"Company Linkedin Url": ""}
            )

    def same_name_other_country(self) -> None:
        """Another company of the very name in a neighbouring country (GB/IE, US/CA, DE/AT, AU and GB):
        its own domain, line and street."""
        pairs = [("GB", "IE"), ("US", "CA"), ("DE", "AT"), ("GB", "AU"), ("DE", "CH"), ("FR", "BE")]
        for _ in range(self.per):
            home, abroad = self.rng.sample(self.rng.choice(pairs), 2)
            company = self.company(home)
            other = self.moved(company, place=self.rng.choice(PLACES[abroad]),
                               domain=self.domain_for(company.name, TLD[abroad]))  # fmt: skip
            if company.form in FORMS[abroad]:
                other.form = company.form
            else:
                other.form = self.rng.choice(FORMS[abroad])
            other.linkedin = f"{other.linkedin}-{abroad.lower()}"
            self.crm(company)
            self.vendor("same_name_other_country", other, [])

    def same_name_other_state(self) -> None:
        """A US company of the very name in another state: its own domain, line and street."""
        for _ in range(self.per):
            company = self.company(
                "US", industry=self.rng.choice(["Construction", "Healthcare", "Consulting"])
            )
            place = self.rng.choice([p for p in PLACES["US"] if p.state != company.place.state])
            other = self.moved(
                company, place=place, domain=self.domain_for(f"{company.name} {place.state}", "com")
            )
            other.linkedin = f"{other.linkedin}-{place.city.lower().replace(' ', '-')}"
            self.crm(company, Name=company.legal)
            self.vendor("same_name_other_state", other, [], Company=other.legal)

    def holding_company(self) -> None:
        """A group's holding company and one of its operating companies on the group's domain, each at its
        own address with its own line, or (every other pair) the holding at the operating company's address
        and switchboard. The CRM holds one, the vendor lists the other."""
        for index in range(self.per):
            stem = self.stem()
            group_domain = self.domain_for(f"{stem}group", "com")
            operating = self.company(self.rng.choice(["DE", "US", "GB", "NL"]), stem=stem)
            operating.domain = group_domain
            holding = self.moved(operating, place=self.rng.choice(PLACES["LU"] + PLACES["US"] + PLACES["NL"]))
            holding.name = f"{stem} {self.rng.choice(['Holdings', 'Group Holdings', 'Beteiligungen'])}"
            holding.form = self.rng.choice(FORMS[holding.place.country])
            holding.linkedin = f"{stem.lower()}-group"
            if index % 4 >= 2:  # the holding at its operating company's address, on its switchboard
                holding = replace(holding, place=operating.place, street=operating.street,
                                  postcode=operating.postcode, phone=operating.phone,
                                  form=self.rng.choice(FORMS[operating.place.country]))  # fmt: skip
            if index % 2:
                self.crm(holding, Name=holding.legal)
                self.vendor("holding_company", operating, [], Company=operating.legal,
                            **{"Subsidiary of": holding.legal})  # fmt: skip
            else:
                self.crm(operating, Name=operating.legal)
                self.vendor("holding_company", holding, [], Company=holding.legal)

    def university_unit(self) -> None:
        """A university in the CRM; the vendor lists its hospital, law school or press on a subdomain, with
        its own line and street, or at the university's address with its switchboard. Every third row is the
        university itself (then it is the truth)."""
        for index in range(self.per):
            stem = self.stem()
            place = self.rng.choice(PLACES["US"])
            university = self.company(place=place, stem=stem, words="University")
            university.name = f"University of {stem}" if self.rng.random() < 0.5 else f"{stem} University"
            university.domain = self.domain_for(stem, "edu")
            university.form = ""
            truth = self.crm(university, Name=university.name, Industry="Education")
            if index % 3 == 0:
                self.vendor(
                    "university_unit",
                    university,
                    [truth],
                    Company=university.name,
                    Industry="higher education",
                )
                continue
            unit, sub = self.rng.choice([(f"{stem} University Hospital", "health"), (f"{stem} University School of Law", "law"),
                                         (f"{stem} University Press", "press"), (f"{stem} University Medical Center", "medicine")])  # fmt: skip
            office = self.moved(university, place=place, name=unit, linkedin=unit.lower().replace(" ", "-"))
            if (
                index % 3 == 2
            ):  # listed at the university's address, with its switchboard, as vendors often do
                office.street, office.postcode, office.phone = (
                    university.street,
                    university.postcode,
                    university.phone,
                )
            self.vendor("university_unit", office, [], Company=unit, Website=f"https://{sub}.{university.domain}/",
                        Industry="hospital & health care" if sub in ("health", "medicine") else "higher education")  # fmt: skip

    def government_portal(self) -> None:
        """Government bodies on one country's portal (gov.ie, canada.ca, gov.uk): the CRM holds one
        department, the vendor lists another body on the same portal. Every third row is the department
        itself."""
        portals = {
            "IE": ("https://www.gov.ie/en/organisation/{slug}/", ["Department of {t}", "Office of {t}", "{t} Agency"]),
            "CA": ("https://www.canada.ca/en/{slug}.html", ["{t} Canada", "Canadian {t} Agency", "Office of {t}"]),
            "GB": ("https://www.gov.uk/government/organisations/{slug}", ["Department for {t}", "{t} Agency", "Office for {t}"]),
        }  # fmt: skip
        topics = ["Fisheries", "Heritage", "Transport", "Housing", "Tourism", "Statistics", "Agriculture", "Energy",
                  "Rural Affairs", "Education", "Health", "Justice", "Defence", "Trade", "Environment", "Culture",
                  "Sport", "Employment", "Communications", "Science", "Marine", "Forestry", "Pensions", "Veterans"]  # fmt: skip
        used: set[tuple[str, str]] = set()
        held: dict[tuple[str, str], str] = {}  # (country, name) -> the CRM record of that body
        others: list[tuple[GeneratedCase, tuple[str, str]]] = []
        for index in range(self.per):
            country = self.rng.choice(list(portals))
            url, patterns = portals[country]
            topic, other_topic = self.rng.sample(topics, 2)
            name = self.rng.choice(patterns).format(t=topic)
            if (country, name) in used:
                continue
            used.add((country, name))
            place = PLACES[country][0] if country != "CA" else Place("CA", "Ottawa", "ON", "K1A 9A9")
            body = self.company(place=place, stem=topic, words="")
            body.name, body.form = name, ""
            slug = name.lower().replace(" ", "-")
            body.linkedin = slug
            truth = self.crm(
                body, Name=name, Website=url.format(slug=slug), Industry="Government Administration"
            )
            held[(country, name)] = truth
            if index % 3 == 0:
                self.vendor("government_portal", body, [truth], Company=name, Website=url.format(slug=slug))
                continue
            other_name = self.rng.choice(patterns).format(t=other_topic)
            other = self.moved(
                body, place=place, name=other_name, linkedin=other_name.lower().replace(" ", "-")
            )
            if index % 3 == 2:  # housed in the department's building, on its switchboard
                other.street, other.postcode, other.phone = body.street, body.postcode, body.phone
            other_slug = other_name.lower().replace(" ", "-")
            self.vendor(
                "government_portal", other, [], Company=other_name, Website=url.format(slug=other_slug)
            )
            others.append((self.cases[-1], (country, other_name)))
        # Another body of the country that the CRM holds as one of this set's departments (same name, portal
        # page and LinkedIn page) is that CRM record; its truth is set once every department is drawn.
        for case, body_name in others:
            if body_name in held:
                case.truth = (held[body_name],)

    def coworking(self) -> None:
        """Two companies at one co-working building (its street and reception line), each with its own
        domain. Every other row is the CRM's tenant itself."""
        for index in range(self.per):
            tenant = self.company(self.rng.choice(["US", "GB", "DE", "NL", "AU"]))
            operator = self.rng.choice(["WeWork", "Regus", "Spaces", "Industrious", "Mindspace"])
            street = Street(f"{operator}, {tenant.street.full}", f"{operator}, {tenant.street.short}")
            tenant.street = street
            truth = self.crm(tenant)
            if index % 2:
                self.vendor("coworking", tenant, [truth])
                continue
            neighbour = self.company(place=tenant.place)
            neighbour.street, neighbour.postcode, neighbour.phone = street, tenant.postcode, tenant.phone
            self.vendor("coworking", neighbour, [])

    def registered_agent(self) -> None:
        """Companies registered at an agent's address (1209 Orange Street, Wilmington), each with its own
        domain and line. Every other row is the CRM's company itself."""
        agents = [
            Street("1209 Orange Street", "1209 Orange St"),
            Street("251 Little Falls Drive", "251 Little Falls Dr"),
            Street("2711 Centerville Road, Suite 400", "2711 Centerville Rd Ste 400"),
        ]
        place = Place("US", "Wilmington", "DE", "19801")
        for index in range(self.per):
            street = self.rng.choice(agents)
            company = self.company(place=place)
            company.street, company.postcode = street, "19801" if street.full.startswith("1209") else "19808"
            truth = self.crm(company, Name=company.legal)
            if index % 2:
                self.vendor("registered_agent", company, [truth], Company=company.legal)
                continue
            other = self.company(place=place)
            other.street, other.postcode = street, company.postcode
            self.vendor("registered_agent", other, [], Company=other.legal)

    def platform_page(self, category: str, pages) -> None:
        """Small companies whose website is a page on a platform: the CRM holds one, the vendor another
        company's page on the same platform (every other row the same company's page)."""
        for index in range(self.per):
            company = self.company(self.rng.choice(["US", "GB", "AU", "CA", "IE"]),
                                   industry=self.rng.choice(["Retail", "Food & Beverage", "Healthcare"]))  # fmt: skip
            page = self.rng.choice(pages)
            handle = company.name.replace(" ", "")
            truth = self.crm(company, Website=page.format(h=handle))
            if index % 2:
                self.vendor(category, company, [truth], Website=page.format(h=handle))
                continue
            other = self.company(place=company.place, industry=company.industry)
            self.vendor(category, other, [], Website=page.format(h=other.name.replace(" ", "")))

    def social_page(self) -> None:
        self.platform_page(
            "social_page",
            [
                "https://www.facebook.com/{h}",
                "https://www.linkedin.com/company/{h}",
                "https://www.instagram.com/{h}/",
            ],
        )

    def marketplace_storefront(self) -> None:
        self.platform_page(
            "marketplace_storefront",
            [
                "https://www.etsy.com/shop/{h}",
                "https://www.etsy.com/uk/shop/{h}?ref=shop_sugg",
                "https://www.amazon.com/stores/{h}/page/4F2A",
                "https://www.amazon.co.uk/stores/{h}/page/77C1",
                "https://www.ebay.com/str/{h}",
                "https://stores.ebay.co.uk/{h}",
                "https://www.walmart.com/seller/{h}",
            ],
        )

    def defunct_domain(self) -> None:
        """A defunct company's domain bought by another company of a like name, elsewhere, with its own line
        and street ("Nova Analytics Ltd", London, nova.io; now "Nova Robotics Inc.", Boston)."""
        for _ in range(self.per):
            old = self.company(self.rng.choice(["GB", "DE", "AU"]))
            old.domain = self.domain_for(old.stem, "io")
            self.crm(old, Name=old.legal, Type="Former Customer")
            country = self.rng.choice(["US", "CA", "GB"])
            industry = self.rng.choice([i for i in INDUSTRIES if i != old.industry])
            new = self.moved(old, place=self.rng.choice(PLACES[country]), industry=industry,
                             name=f"{old.stem} {self.rng.choice(INDUSTRIES[industry])}", form=self.rng.choice(FORMS[country]))  # fmt: skip
            new.linkedin = new.name.lower().replace(" ", "-")
            self.vendor("defunct_domain", new, [], Company=new.legal)

    def make(self) -> GeneratedCases:
        for category in (
            self.background,
            self.plain,
            self.not_in_crm,
            self.trading_vs_legal,
            self.rebrand,
            self.website_forms,
            self.cctld_vs_com,
            self.address_abbreviated,
            self.address_in_english,
            self.national_phone,
            self.other_script,
            self.acquisition,
            self.crm_duplicate,
            self.hq_moved,
            self.regional_office,
            self.subsidiary_at_parent_hq,
            self.franchisee,
            self.same_name_other_country,
            self.same_name_other_state,
            self.holding_company,
            self.university_unit,
            self.government_portal,
            self.coworking,
            self.registered_agent,
            self.social_page,
            self.marketplace_storefront,
            self.defunct_domain,
        ):
            category()
        self.rng.shuffle(self.crm_rows)
        self.rng.shuffle(self.cases)
        for number, case in enumerate(self.cases, 1):
            case.external_id = f"5f{number:06d}a1e9{self.rng.randrange(16**6):06x}"
        return GeneratedCases(self.crm_rows, self.cases)


def organisation_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.orgs, args.per_category).make()


CRM_SQL = """
        SELECT "Id" AS unique_id, {company}(strip_accents("Name")) AS name, {domain}("Website") AS domain,
               {phone}("Phone") AS phone, nullif(lower(strip_accents(trim("BillingCity"))), '') AS city,
               nullif(trim("BillingPostalCode"), '') AS postcode
        FROM read_csv('{path}', all_varchar = true)
    """

SUITES = [
    GeneratedSuite(
        name="organisations",
        make=organisation_cases,
        crm_file="salesforce_accounts",
        inbound_file="apollo_companies",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id=INBOUND_ID,
        cli_options=["--provider", "salesforce", "--object", "Account", "--kind", "organisation"],
        splink_kind="organisation",
        sql={
            "crm": CRM_SQL,
            "inbound": organisation_inbound_sql(
                INBOUND_ID, "Company", "Website", "Company Phone", "Company City", "Company Postal Code"
            ),
        },
        source="Salesforce Accounts <- a data vendor's company list",
    )
]


if __name__ == "__main__":
    run_generated("identity-eighteenth", SUITES, seed=181, people=0, orgs=3000, per_category=60)
