# ruff: noqa: RUF001 - Cyrillic and Greek names are what some categories are about
"""A twelfth, independent check of organisation identity, written from scratch as an outside evaluator would:
a Pipedrive organizations export (the CRM) against a HubSpot companies export from another portal (an
acquired business's CRM being folded in), aimed at the organisation cases real CRMs hold, each beside a
positive twin that should link, so that a blunt rule shows up as lost recall.

    python benchmarks/identity_twelfth.py [--orgs 1000] [--per-category 30] [--seed 121]
                                          [--skip-splink] [--keep DIR]

**The CRM side is a Pipedrive organizations export** (column labels as Pipedrive writes them):
`Organization - ID`, `- Name`, `- Label`, `- Owner`, `- Website` (as a rep typed it), `- Phone` (a custom
field, as typed), `- Address` (the combined address), `- Address - Street/road name`, `- House number`,
`- City/town/village/locality`, `- ZIP/Postal code`, `- Country`, `- People`.

**The inbound side is a HubSpot companies export** (UI labels): `Record ID`, `Company name`,
`Company Domain Name` (bare, often empty when the website was typed oddly), `Website URL`, `Phone Number`,
`Street Address`, `City`, `State/Region`, `Postal Code`, `Country/Region`, `Industry`.

Organisations come from twelve countries with their own legal forms, phone plans and domains. Categories
(`CATEGORIES`) come in pairs, a risk whose truth is "not in the CRM" (or another CRM record) and its twin:
- chains and franchises: one brand, name and domain, many locations, each its own phone and address;
- a holding and its subsidiaries on one domain (each its own phone and city), and a subsidiary at the
  parent's address, on its domain, on its switchboard, without a legal form (the CRM holds it or not);
- shop and profile pages on platforms (`*.myshopify.com`, `*.wixsite.com`, `sites.google.com/view/...`,
  `*.github.io`, `linktr.ee/...`, `facebook.com/...`): the registrable domain is the platform's;
- a free-mail domain typed as the website (gmail.com, outlook.com, yahoo.co.uk, web.de, ...);
- country-code variants: the same group's entity in another country (acme.de vs acme.com), and an
  unrelated company of the same stem abroad; twin: the same entity on its .com;
- rebrands (new name and domain, same phone and address) beside a new tenant at a former company's address;
- co-working buildings: many companies at one address and reception number;
- legal forms in other languages, written differently (GmbH & Co. KG, S.A.S., S.r.l., B.V., N.V., Oy, AB,
  K.K., Pty Ltd, Pvt Ltd) beside the same stem under another country's form;
- names in Japanese, Russian and Greek script against their Latin transliteration, beside another company
  of the same first word;
- "The", "&" vs "and", Intl / Corp / Mfg / Bros abbreviations, beside a namesake in another city;
- websites written with www, http(s), paths, query strings, ports, trailing dots, upper case and IDN;
- university and government departments sharing a domain (and often the switchboard);
- a large not-in-CRM share: companies sharing a word, a city or a generic name with CRM records.

Both tools run on the same files in one run, through `identity_quality`'s shared runner.
"""

import random
import string
import unicodedata
from dataclasses import dataclass, replace

import phonenumbers
from identity_quality import (
    GeneratedCase,
    GeneratedCases,
    GeneratedSuite,
    organisation_inbound_sql,
    run_generated,
)

PNF = phonenumbers.PhoneNumberFormat

PIPEDRIVE_COLUMNS = [
    "Organization - ID",
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
    "Organization - People",
]
HUBSPOT_COLUMNS = [
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
]
HUBSPOT_ID = "Record ID"

PIPEDRIVE_SQL = {
    "crm": """
        SELECT "Organization - ID" AS unique_id, {company}(strip_accents("Organization - Name")) AS name,
               {domain}("Organization - Website") AS domain, {phone}("Organization - Phone") AS phone,
               nullif(lower(strip_accents(trim("Organization - Address - City/town/village/locality"))), '')
                   AS city,
               nullif(trim("Organization - Address - ZIP/Postal code"), '') AS postcode
        FROM read_csv('{path}', all_varchar = true)
    """,
    "inbound": organisation_inbound_sql(
        HUBSPOT_ID, "Company name", "Website URL", "Phone Number", "City", "Postal Code"
    ),
}


@dataclass(frozen=True)
class Country:
    code: str  # ISO
    name: str  # as Pipedrive writes it
    tld: str
    forms: tuple[str, ...]
    cities: tuple[tuple[str, str], ...]  # (city, postcode prefix)
    streets: tuple[str, ...]
    number_first: bool  # "12 High Street" rather than "Hauptstraße 12"


COUNTRIES = {
    "US": Country(
        "US",
        "United States",
        "com",
        ("Inc.", "LLC", "Corp.", "Co."),
        (
            ("New York", "100"),
            ("Chicago", "606"),
            ("Austin", "787"),
            ("Denver", "802"),
            ("Seattle", "981"),
            ("Boston", "021"),
            ("Atlanta", "303"),
            ("Portland", "972"),
        ),
        ("Main Street", "Oak Avenue", "Market Street", "Elm Street", "Broadway", "Pine Street", "Lake Drive"),
        True,
    ),
    "GB": Country(
        "GB",
        "United Kingdom",
        "co.uk",
        ("Ltd", "Limited", "PLC", "LLP"),
        (("London", "EC1A"), ("Manchester", "M1"), ("Leeds", "LS1"), ("Bristol", "BS1"), ("Glasgow", "G1")),
        ("High Street", "Station Road", "Church Lane", "Mill Road", "Queen Street", "King Street"),
        True,
    ),
    "DE": Country(
        "DE",
        "Germany",
        "de",
        ("GmbH", "AG", "GmbH & Co. KG", "KG", "e.K."),
        (("Berlin", "10"), ("München", "80"), ("Hamburg", "20"), ("Köln", "50"), ("Stuttgart", "70")),
        ("Hauptstraße", "Bahnhofstraße", "Gartenweg", "Industriestraße", "Lindenallee", "Schillerstraße"),
        False,
    ),
    "FR": Country(
        "FR",
        "France",
        "fr",
        ("S.A.S.", "SARL", "S.A.", "SASU"),
        (("Paris", "75"), ("Lyon", "69"), ("Marseille", "13"), ("Toulouse", "31"), ("Nantes", "44")),
        ("rue de la République", "avenue Jean Jaurès", "boulevard Voltaire", "rue Victor Hugo"),
        True,
    ),
    "IT": Country(
        "IT",
        "Italy",
        "it",
        ("S.r.l.", "S.p.A.", "S.n.c."),
        (("Milano", "201"), ("Roma", "001"), ("Torino", "101"), ("Bologna", "401")),
        ("Via Roma", "Via Garibaldi", "Corso Italia", "Via Dante"),
        False,
    ),
    "NL": Country(
        "NL",
        "Netherlands",
        "nl",
        ("B.V.", "N.V."),
        (("Amsterdam", "10"), ("Rotterdam", "30"), ("Utrecht", "35"), ("Eindhoven", "56")),
        ("Kerkstraat", "Stationsweg", "Dorpsstraat", "Molenweg"),
        False,
    ),
    "ES": Country(
        "ES",
        "Spain",
        "es",
        ("S.A.", "S.L."),
        (("Madrid", "280"), ("Barcelona", "080"), ("Valencia", "460"), ("Sevilla", "410")),
        ("Calle Mayor", "Gran Vía", "Calle de Alcalá", "Paseo de Gracia"),
        False,
    ),
    "SE": Country(
        "SE",
        "Sweden",
        "se",
        ("AB",),
        (("Stockholm", "111"), ("Göteborg", "411"), ("Malmö", "211"), ("Uppsala", "753")),
        ("Storgatan", "Drottninggatan", "Kungsgatan", "Sveavägen"),
        False,
    ),
    "FI": Country(
        "FI",
        "Finland",
        "fi",
        ("Oy", "Oyj"),
        (("Helsinki", "001"), ("Espoo", "021"), ("Tampere", "331"), ("Turku", "201")),
        ("Mannerheimintie", "Aleksanterinkatu", "Hämeenkatu", "Itäinen Pitkäkatu"),
        False,
    ),
    "JP": Country(
        "JP",
        "Japan",
        "co.jp",
        ("K.K.", "Co., Ltd."),
        (("Tokyo", "100"), ("Osaka", "530"), ("Nagoya", "450"), ("Yokohama", "220")),
        ("Marunouchi", "Umeda", "Sakae", "Minatomirai"),
        True,
    ),
    "AU": Country(
        "AU",
        "Australia",
        "com.au",
        ("Pty Ltd", "Pty. Ltd."),
        (("Sydney", "20"), ("Melbourne", "30"), ("Brisbane", "40"), ("Perth", "60")),
        ("George Street", "Collins Street", "Queen Street", "Hay Street"),
        True,
    ),
    "IN": Country(
        "IN",
        "India",
        "in",
        ("Pvt Ltd", "Private Limited", "LLP"),
        (("Mumbai", "400"), ("Bengaluru", "560"), ("Pune", "411"), ("Chennai", "600")),
        ("MG Road", "Linking Road", "Brigade Road", "Anna Salai"),
        True,
    ),
}
COUNTRY_CODES = list(COUNTRIES)

# Long forms a record on the other side may use for a form.
FORM_SPELLINGS = {
    "Inc.": ("Inc", "Incorporated"),
    "LLC": ("L.L.C.", "LLC"),
    "Corp.": ("Corporation", "Corp"),
    "Co.": ("Company", "Co"),
    "Ltd": ("Limited", "Ltd."),
    "Limited": ("Ltd", "Ltd."),
    "PLC": ("plc", "Public Limited Company"),
    "GmbH": ("Gesellschaft mit beschränkter Haftung", "GmbH"),
    "AG": ("Aktiengesellschaft", "AG"),
    "GmbH & Co. KG": ("GmbH & Co KG", "GmbH u. Co. KG"),
    "KG": ("Kommanditgesellschaft", "KG"),
    "S.A.S.": ("SAS", "S.A.S"),
    "SARL": ("S.A.R.L.", "Sàrl"),
    "S.A.": ("SA", "Sociedad Anónima"),
    "S.r.l.": ("SRL", "Srl"),
    "S.p.A.": ("SpA", "S.P.A."),
    "B.V.": ("BV", "B.V"),
    "N.V.": ("NV", "N.V"),
    "S.L.": ("SL", "Sociedad Limitada"),
    "AB": ("Aktiebolag", "AB"),
    "Oy": ("Osakeyhtiö", "OY"),
    "Oyj": ("OYJ", "Oyj"),
    "K.K.": ("Kabushiki Kaisha", "KK"),
    "Co., Ltd.": ("Co. Ltd", "Company Limited"),
    "Pty Ltd": ("Pty. Ltd.", "Proprietary Limited"),
    "Pty. Ltd.": ("Pty Ltd", "PTY LTD"),
    "Pvt Ltd": ("Private Limited", "Pvt. Ltd."),
    "Private Limited": ("Pvt Ltd", "Pvt. Ltd."),
}

ACTIVITIES = (
    "Logistics",
    "Engineering",
    "Consulting",
    "Software",
    "Bakery",
    "Dental",
    "Solar",
    "Robotics",
    "Foods",
    "Textiles",
    "Plumbing",
    "Analytics",
    "Design",
    "Marine",
    "Pharma",
    "Medical",
    "Capital",
    "Energy",
    "Packaging",
    "Timber",
    "Optics",
    "Brewing",
    "Tooling",
    "Hospitality",
    "Security",
    "Ventures",
    "Media",
)
SYLLABLES = (
    "bra",
    "ven",
    "tor",
    "lin",
    "mar",
    "kel",
    "sol",
    "dra",
    "qui",
    "ner",
    "vik",
    "sta",
    "ron",
    "fal",
    "zen",
    "lor",
    "tam",
    "bel",
    "gri",
    "hal",
    "ost",
    "wen",
    "cal",
    "dor",
    "pex",
    "ulm",
    "rav",
    "kor",
    "nis",
    "tel",
)
GENERIC_NAMES = (
    "Premier Cleaning Services",
    "City Auto Repair",
    "Golden Dragon Restaurant",
    "Smile Dental Care",
    "Elite Fitness",
    "Green Valley Landscaping",
    "Quality Roofing",
    "Sunrise Bakery",
    "Metro Plumbing",
    "Royal Nails",
    "Main Street Pharmacy",
    "Bright Futures Academy",
    "Family Chiropractic",
    "Pizza Palace",
    "A1 Movers",
    "Star Cleaners",
    "Express Print",
    "Pro Painters",
    "Happy Paws Grooming",
    "Summit Realty",
)
PLATFORMS = (
    # (how a page is written, who hosts it)
    ("https://{slug}.myshopify.com", "myshopify"),
    ("https://{slug}.wixsite.com/home", "wix"),
    ("https://sites.google.com/view/{slug}", "google-sites"),
    ("https://{slug}.github.io", "github"),
    ("https://linktr.ee/{slug}", "linktree"),
    ("https://www.facebook.com/{slug}", "facebook"),
    ("https://{slug}.square.site", "square"),
    ("https://{slug}.business.site", "google-business"),
    ("https://www.etsy.com/shop/{slug}", "etsy"),
)
FREE_MAIL = (
    "gmail.com",
    "outlook.com",
    "yahoo.co.uk",
    "hotmail.com",
    "web.de",
    "gmx.de",
    "orange.fr",
    "icloud.com",
)
UNIVERSITY_UNITS = (
    "Department of Physics",
    "School of Medicine",
    "Department of Chemistry",
    "Library",
    "Faculty of Law",
    "Department of Computer Science",
    "Admissions Office",
    "Research Office",
    "Business School",
)
GOVERNMENT_UNITS = (
    "Parks and Recreation",
    "Water Utility",
    "Planning Department",
    "Public Works",
    "Finance Department",
    "Police Department",
    "Fire Department",
    "Building Permits",
)
US_AREA_CODES = ("212", "312", "512", "303", "206", "617", "404", "503", "718", "773")
OWNERS = ("Ana Ruiz", "Tom Becker", "Priya Nair", "Lena Vogel", "Sam Ortiz")
LABELS = ("Customer", "Hot lead", "Warm lead", "Cold lead", "")
INDUSTRIES = ("Computer Software", "Retail", "Construction", "Hospitality", "Higher Education", "")

# Non-Latin names with their usual Latin transliteration (a Japanese company writes its own romanisation).
NON_LATIN = (
    ("JP", "株式会社さくら精機", "Sakura Seiki K.K."),
    ("JP", "株式会社青葉商事", "Aoba Shoji K.K."),
    ("JP", "山田工業株式会社", "Yamada Kogyo K.K."),
    ("JP", "株式会社ひかり電機", "Hikari Denki K.K."),
    ("JP", "東邦化学株式会社", "Toho Kagaku K.K."),
    ("JP", "株式会社みどり物流", "Midori Butsuryu K.K."),
    ("JP", "大和精工株式会社", "Daiwa Seiko K.K."),
    ("JP", "株式会社北斗製作所", "Hokuto Seisakusho K.K."),
    ("JP", "株式会社あおい建設", "Aoi Kensetsu K.K."),
    ("JP", "中央印刷株式会社", "Chuo Insatsu K.K."),
)
CYRILLIC = "абвгдежзиклмнопрстуфхц"
LATIN_OF_CYRILLIC = dict(
    zip(
        CYRILLIC,
        (
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "zh",
            "z",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
        ),
        strict=True,
    )
)
GREEK = "αβγδεζθικλμνξοπρστυφχω"
LATIN_OF_GREEK = dict(
    zip(
        GREEK,
        (
            "a",
            "v",
            "g",
            "d",
            "e",
            "z",
            "th",
            "i",
            "k",
            "l",
            "m",
            "n",
            "x",
            "o",
            "p",
            "r",
            "s",
            "t",
            "y",
            "f",
            "ch",
            "o",
        ),
        strict=True,
    )
)


@dataclass(frozen=True)
class Org:
    name: str  # without the legal form
    form: str
    country: str
    city: str
    postcode: str
    street: str
    number: str
    phone: str  # E.164
    website: str  # its own domain, a platform page or a free-mail domain; "" for none
    crm_name: str = ""  # the name as the CRM holds it, when not name + form (another script)


class Maker:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.used_stems: set[str] = set()
        self.used_phones: set[str] = set()
        self.crm_rows: list[dict] = []
        self.cases: list[GeneratedCase] = []
        self.next_id = 1
        self.generic_cities: dict[str, list] = {}

    # -- building blocks ---------------------------------------------------------------------------------

    def stem(self) -> str:
        while True:
            word = "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.choice((2, 2, 3)))).title()
            if word not in self.used_stems and len(word) >= 5:
                self.used_stems.add(word)
                return word

    def phone(self, country: str) -> str:
        region = country
        for _ in range(1000):
            example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.FIXED_LINE)
            national = phonenumbers.national_significant_number(example)
            if country == "US":
                national = self.rng.choice(US_AREA_CODES) + national[3:]
            digits = national[:3] + "".join(self.rng.choice(string.digits) for _ in national[3:])
            number = phonenumbers.parse(f"+{example.country_code}{digits}")
            e164 = phonenumbers.format_number(number, PNF.E164)
            if phonenumbers.is_valid_number(number) and e164 not in self.used_phones:
                self.used_phones.add(e164)
                return e164
        raise RuntimeError(f"no phone number for {country}")

    def address(self, country: str, city: tuple[str, str] | None = None) -> tuple[str, str, str, str]:
        spec = COUNTRIES[country]
        name, prefix = city or self.rng.choice(spec.cities)
        width = {"GB": 0, "NL": 4, "US": 5, "JP": 7, "AU": 4, "IN": 6}.get(country, 5)
        if country == "GB":
            postcode = f"{prefix} {self.rng.randint(1, 9)}{self.rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{self.rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        elif country == "NL":
            postcode = f"{prefix}{self.rng.randint(10, 99)} {self.rng.choice(string.ascii_uppercase)}{self.rng.choice(string.ascii_uppercase)}"
        else:
            postcode = prefix + "".join(self.rng.choice(string.digits) for _ in range(width - len(prefix)))
            if country == "JP":
                postcode = postcode[:3] + "-" + postcode[3:]
        return name, postcode, self.rng.choice(spec.streets), str(self.rng.randint(1, 240))

    def org(self, country: str | None = None, *, name: str = "", form: str | None = None, website=None,
            city: tuple[str, str] | None = None) -> Org:  # fmt: skip
        country = country or self.rng.choice(COUNTRY_CODES)
        spec = COUNTRIES[country]
        name = name or f"{self.stem()} {self.rng.choice(ACTIVITIES)}"
        form = self.rng.choice(spec.forms) if form is None else form
        city_name, postcode, street, number = self.address(country, city)
        if website is None:
            website = f"{name.split()[0].lower()}-{name.split()[-1].lower()}.{spec.tld}"
        return Org(name, form, country, city_name, postcode, street, number, self.phone(country), website)

    # -- how each side writes a record --------------------------------------------------------------------

    def phone_as_typed(self, e164: str, *, style: str | None = None) -> str:
        number = phonenumbers.parse(e164)
        style = style or self.rng.choice(("national", "international", "e164", "dotted"))
        if style == "national":
            return phonenumbers.format_number(number, PNF.NATIONAL)
        if style == "international":
            return phonenumbers.format_number(number, PNF.INTERNATIONAL)
        if style == "e164":
            return e164
        return phonenumbers.format_number(number, PNF.INTERNATIONAL).replace(" ", ".").replace("-", ".")

    def website_as_typed(self, website: str, *, messy: bool = False) -> str:
        if not website or "/" in website:
            return website
        if not messy:
            return self.rng.choice(
                (f"www.{website}", f"https://{website}", f"http://www.{website}/", website)
            )
        return self.rng.choice(
            (
                f"HTTPS://WWW.{website.upper()}/",
                f"http://{website}./",
                f"https://www.{website}/en/contact?utm_source=linkedin&utm_medium=social",
                f"www.{website}/#about",
                f"https://{website}:443/index.html",
                f" {website} ",
                f"https://{website}/?ref=hubspot",
                f"Www.{website.title()}",
            )
        )

    def full_name(self, org: Org) -> str:
        return org.crm_name or (f"{org.name} {org.form}" if org.form else org.name)

    def add_crm(self, org: Org, *, name: str | None = None, website: str | None = None) -> str:
        crm_id = str(self.next_id)
        self.next_id += self.rng.choice((1, 1, 2, 3))  # deleted records leave gaps
        spec = COUNTRIES[org.country]
        street = f"{org.number} {org.street}" if spec.number_first else f"{org.street} {org.number}"
        typed = website if website is not None else self.website_as_typed(org.website)
        self.crm_rows.append(
            {
                "Organization - ID": crm_id,
                "Organization - Name": name if name is not None else self.full_name(org),
                "Organization - Label": self.rng.choice(LABELS),
                "Organization - Owner": self.rng.choice(OWNERS),
                "Organization - Website": typed,
                "Organization - Phone": self.phone_as_typed(org.phone) if org.phone else "",
                "Organization - Address": f"{street}, {org.postcode} {org.city}, {spec.name}",
                "Organization - Address - Street/road name": org.street,
                "Organization - Address - House number": org.number,
                "Organization - Address - City/town/village/locality": org.city,
                "Organization - Address - ZIP/Postal code": org.postcode,
                "Organization - Address - Country": spec.name,
                "Organization - People": str(self.rng.randint(0, 14)),
            }
        )
        return crm_id

    def inbound(self, category: str, org: Org, truth: tuple[str, ...] = (), *, name: str | None = None,
                website: str | None = None, phone: str | None = None, domain: str | None = None) -> None:  # fmt: skip
        spec = COUNTRIES[org.country]
        street = f"{org.number} {org.street}" if spec.number_first else f"{org.street} {org.number}"
        typed = website if website is not None else self.website_as_typed(org.website)
        if domain is None:  # HubSpot fills the domain from a website it can read
            domain = org.website if org.website and "/" not in org.website and self.rng.random() < 0.6 else ""
        country = (
            {"US": "USA", "GB": "UK"}.get(org.country, spec.name) if self.rng.random() < 0.3 else spec.name
        )
        row = {
            "Company name": name if name is not None else self.full_name(org),
            "Company Domain Name": domain,
            "Website URL": typed,
            "Phone Number": phone if phone is not None else self.phone_as_typed(org.phone),
            "Street Address": street,
            "City": org.city,
            "State/Region": "",
            "Postal Code": org.postcode,
            "Country/Region": country,
            "Industry": self.rng.choice(INDUSTRIES),
        }
        self.cases.append(GeneratedCase(category, row, truth))

    def other_form(self, form: str) -> str:
        return self.rng.choice(FORM_SPELLINGS.get(form, (form,)))

    # -- categories ---------------------------------------------------------------------------------------

    def background(self, count: int) -> list[tuple[Org, str]]:
        held = []
        for index in range(count):
            org = self.org(website="") if index % 10 == 0 else self.org()  # a tenth: local firms, no website
            held.append((org, self.add_crm(org)))
        return held

    def plain(self, held, n: int) -> None:
        for org, crm_id in self.rng.sample(held, n):
            name = f"{org.name} {self.other_form(org.form)}" if self.rng.random() < 0.5 else org.name
            self.inbound("plain_match", org, (crm_id,), name=name)

    def chains(self, n: int) -> None:
        for index in range(n):
            country = self.rng.choice(("US", "GB", "AU", "DE"))
            brand = (
                f"{self.stem()} {self.rng.choice(('Coffee', 'Fitness', 'Auto Care', 'Dental', 'Burgers'))}"
            )
            website = f"{brand.split()[0].lower()}.{COUNTRIES[country].tld}"
            cities = self.rng.sample(COUNTRIES[country].cities, 4)
            locations = []
            for city in cities[:3]:
                org = self.org(country, name=brand, form="", website=website, city=city)
                written = brand if self.rng.random() < 0.5 else f"{brand} {org.city}"
                locations.append((org, self.add_crm(org, name=written)))
            org, crm_id = self.rng.choice(locations)
            self.inbound("chain_same_location", org, (crm_id,), name=brand)
            if index % 2:  # a new location in a city the CRM has no location in
                new = self.org(country, name=brand, form="", website=website, city=cities[3])
            else:  # a second location in the city of a CRM one, its own street and phone
                city = next(c for c in cities[:3] if c[0] == org.city)
                new = self.org(country, name=brand, form="", website=website, city=city)
            self.inbound("chain_other_location", new, (), name=brand)

    def holdings(self, n: int) -> None:
        for index in range(n):
            country = self.rng.choice(("DE", "NL", "US", "GB", "SE", "FR"))
            stem = self.stem()
            website = f"{stem.lower()}.{COUNTRIES[country].tld}"
            forms = COUNTRIES[country].forms
            parent = self.org(
                country, name=f"{stem} Holding", form=forms[-1 if country == "NL" else 0], website=website
            )
            parent_id = self.add_crm(parent)
            arms = self.rng.sample(ACTIVITIES, 2)
            held_sub = self.org(country, name=f"{stem} {arms[0]}", form=forms[0], website=website)
            held_sub_id = self.add_crm(held_sub)
            # the parent without its form, on its phone: links to the parent
            self.inbound("holding_parent", parent, (parent_id,), name=parent.name)
            other = self.org(country, name=f"{stem} {arms[1]}", form=forms[0], website=website)
            if index % 2:  # a subsidiary the CRM holds, its own phone and city
                self.inbound("subsidiary_held", held_sub, (held_sub_id,), name=self.full_name(held_sub))
            else:  # a subsidiary the CRM does not hold, on the group's domain
                self.inbound("subsidiary_not_held", other, ())

    def subsidiary_at_premises(self, n: int) -> None:
        """The open risk: the subsidiary at the parent's address, domain and switchboard, without a form."""
        for index in range(n):
            country = self.rng.choice(("US", "GB", "DE", "AU"))
            stem = self.stem()
            website = f"{stem.lower()}group.{COUNTRIES[country].tld}"
            parent = self.org(country, name=f"{stem} Group", website=website)
            parent_id = self.add_crm(parent)
            arm = self.rng.choice(ACTIVITIES)
            sub = replace(parent, name=f"{stem} {arm}", form="")
            if index % 3 == 0:  # the CRM holds the subsidiary too, on the same line and address
                sub_id = self.add_crm(replace(sub, form=parent.form))
                self.inbound("premises_subsidiary_held", sub, (sub_id,))
            else:
                self.inbound("premises_subsidiary_not_held", sub, ())
            # twin: the parent as its people write it, without "Group" and its form
            self.inbound(
                "premises_parent_short", parent, (parent_id,), name=stem if index % 2 else f"{stem} Grp"
            )

    def platforms(self, n: int) -> None:
        for index in range(n):
            pattern, _ = PLATFORMS[index % len(PLATFORMS)]
            country = self.rng.choice(("US", "GB", "AU", "DE", "FR"))
            first = self.org(
                country,
                name=f"{self.stem()} {self.rng.choice(('Candles', 'Ceramics', 'Prints', 'Studio'))}",
                form="",
            )
            slug = first.name.lower().replace(" ", "-" if index % 2 else "")
            first = replace(first, website=pattern.format(slug=slug))
            first_id = self.add_crm(first)
            # the same shop, its page written with a query string or in upper case
            page = first.website + ("?ref=ig" if index % 2 else "/")
            self.inbound(
                "platform_same_page",
                first,
                (first_id,),
                website=page.replace("https://", "http://"),
                domain="",
            )
            # another shop on the same platform, in the same city: not in the CRM
            other = self.org(country, name=f"{self.stem()} {self.rng.choice(('Candles', 'Ceramics', 'Prints', 'Studio'))}", form="",
                             city=(first.city, first.postcode[:2]))  # fmt: skip
            other_slug = other.name.lower().replace(" ", "-" if index % 2 else "")
            other = replace(other, website=pattern.format(slug=other_slug))
            self.inbound("platform_other_page", other, (), domain="")

    def free_mail(self, n: int) -> None:
        for _ in range(n):
            country = self.rng.choice(("GB", "DE", "FR", "US"))
            mail = self.rng.choice(FREE_MAIL)
            first = self.org(country, website=mail, form=self.rng.choice(COUNTRIES[country].forms))
            first_id = self.add_crm(first, website=self.rng.choice((mail, f"www.{mail}", f"info@{mail}")))
            self.inbound("freemail_same_company", first, (first_id,), website=f"http://{mail}", domain=mail,
                         name=first.name)  # fmt: skip
            other = self.org(country, website=mail, city=(first.city, first.postcode[:2]))
            self.inbound("freemail_other_company", other, (), website=mail, domain=mail)

    def country_variants(self, n: int) -> None:
        for index in range(n):
            stem = self.stem()
            home = self.rng.choice(("DE", "FR", "NL", "SE", "IT", "ES"))
            group = self.org(
                home,
                name=f"{stem} {self.rng.choice(ACTIVITIES)}",
                website=f"{stem.lower()}.{COUNTRIES[home].tld}",
            )
            group_id = self.add_crm(group)
            if index % 2:  # the group's US arm on acme.com: another legal entity
                abroad = self.org("US", name=group.name, website=f"{stem.lower()}.com")
                self.inbound("cctld_other_entity", abroad, ())
            else:  # an unrelated company of the same name in another country on that country's domain
                elsewhere = self.rng.choice([c for c in ("GB", "AU", "FI", "IN") if c != home])
                abroad = self.org(
                    elsewhere, name=group.name, website=f"{stem.lower()}.{COUNTRIES[elsewhere].tld}"
                )
                self.inbound("cctld_namesake_abroad", abroad, ())
            # twin: the same entity written on its .com (both domains are its own)
            self.inbound(
                "cctld_same_entity", group, (group_id,), website=f"https://www.{stem.lower()}.com", domain=""
            )

    def rebrands(self, n: int) -> None:
        for index in range(n):
            old = self.org(self.rng.choice(COUNTRY_CODES))
            old_id = self.add_crm(old)
            new_stem = self.stem()
            new_name = f"{new_stem} {self.rng.choice(ACTIVITIES)}"
            if index % 2:  # the new name on the old domain (redirected), same phone and address
                renamed = replace(old, name=new_name)
            else:  # new name and domain, same phone and address
                renamed = replace(
                    old, name=new_name, website=f"{new_stem.lower()}.{COUNTRIES[old.country].tld}"
                )
            self.inbound("rebrand", renamed, (old_id,))
            # a new tenant at a CRM company's address: other name, phone, domain
            former = self.org(self.rng.choice(COUNTRY_CODES))
            self.add_crm(former)
            tenant = replace(self.org(former.country), city=former.city, postcode=former.postcode,
                             street=former.street, number=former.number)  # fmt: skip
            self.inbound("new_tenant_same_address", tenant, ())

    def coworking(self, n: int) -> None:
        for _ in range(0, n, 3):
            country = self.rng.choice(("US", "GB", "DE", "NL"))
            base = self.org(country, name="Reception", form="")
            members = []
            for _ in range(4):
                member = replace(self.org(country), city=base.city, postcode=base.postcode, street=base.street,
                                 number=base.number, phone=base.phone)  # fmt: skip
                members.append((member, self.add_crm(member)))
            for step in range(3):
                member, member_id = members[step]
                # the member with its own direct line and its domain: links
                direct = replace(member, phone=self.phone(country))
                self.inbound("coworking_member", direct, (member_id,), name=member.name)
                newcomer = replace(self.org(country), city=base.city, postcode=base.postcode, street=base.street,
                                   number=base.number, phone=base.phone)  # fmt: skip
                self.inbound("coworking_newcomer", newcomer, ())

    def legal_forms(self, n: int) -> None:
        for index in range(n):
            country = self.rng.choice(("DE", "FR", "IT", "NL", "ES", "SE", "FI", "JP", "AU", "IN"))
            org = self.org(country)
            org_id = self.add_crm(org)
            written = f"{org.name} {self.other_form(org.form)}"
            if index % 3 == 0:
                written = written.upper()
            self.inbound("legal_form_spelling", org, (org_id,), name=written, phone="")
            # the same name under another country's form, its own domain and phone: another company
            other_country = self.rng.choice(
                [c for c in ("DE", "FR", "IT", "NL", "ES", "SE", "FI", "AU") if c != country]
            )
            other = self.org(
                other_country,
                name=org.name,
                website=f"{org.name.split()[0].lower()}-{org.name.split()[-1].lower()}.{COUNTRIES[other_country].tld}",
            )
            self.inbound("legal_form_other_country", other, ())

    def scripts(self, n: int) -> None:
        for index in range(n):
            kind = index % 3
            if kind == 0:
                country, native, latin = NON_LATIN[(index // 3) % len(NON_LATIN)]
                self.used_stems.add(latin.split()[0])
            else:
                country = "DE" if kind == 1 else "FR"  # a Russian / Greek firm's branch abroad
                letters, table = (CYRILLIC, LATIN_OF_CYRILLIC) if kind == 1 else (GREEK, LATIN_OF_GREEK)
                word = "".join(self.rng.choice(letters) for _ in range(6))
                second = "".join(self.rng.choice(letters) for _ in range(5))
                prefix = "ООО" if kind == 1 else "Α.Ε."
                native = f"{prefix} {word.title()} {second.title()}"
                latin_word = "".join(table[c] for c in word).title()
                latin_second = "".join(table[c] for c in second).title()
                latin = f"{latin_word} {latin_second} {'LLC' if kind == 1 else 'S.A.'}"
            org = replace(self.org(country, name=latin.rsplit(" ", 1)[0], form=latin.rsplit(" ", 1)[1],
                                   website=f"{latin.split()[0].lower()}{latin.split()[1].lower()}.com"), crm_name=native)  # fmt: skip
            org_id = self.add_crm(org)
            self.inbound("other_script_same", org, (org_id,), name=latin)
            # another company of the same first word, same city, in Latin letters
            first = latin.split()[0]
            other = self.org(
                country, name=f"{first} {self.rng.choice(ACTIVITIES)}", city=(org.city, org.postcode[:3])
            )
            self.inbound("other_script_other", other, ())

    def name_styles(self, n: int) -> None:
        pairs = (
            ("The {s} & Sons Manufacturing Company", "{s} and Sons Mfg. Co."),
            ("{s} International Corporation", "{s} Intl Corp"),
            ("{s} Brothers Construction", "{s} Bros. Construction"),
            ("The {s} Group", "{s} Group"),
            ("{s} & Partners", "{s} and Partners"),
            ("{s} Manufacturing", "{s} Mfg"),
        )
        for index in range(n):
            crm_pattern, inbound_pattern = pairs[index % len(pairs)]
            stem = self.stem()
            org = self.org("US", name=crm_pattern.format(s=stem), form="", website=f"{stem.lower()}mfg.com")
            org_id = self.add_crm(org)
            self.inbound("name_style_variant", org, (org_id,), name=inbound_pattern.format(s=stem))
            # a namesake with the same style in another city: own phone, no website
            cities = [c for c in COUNTRIES["US"].cities if c[0] != org.city]
            other = self.org(
                "US", name=crm_pattern.format(s=stem), form="", website="", city=self.rng.choice(cities)
            )
            self.inbound("name_style_namesake", other, (), name=inbound_pattern.format(s=stem))

    def website_formats(self, n: int) -> None:
        for index in range(n):
            country = self.rng.choice(COUNTRY_CODES)
            if index % 5 == 0 and country in ("DE", "SE", "FI"):
                word = self.rng.choice(("müller", "björk", "säde", "größe", "förde")) + self.stem().lower()
                website = f"{word}.{COUNTRIES[country].tld}"
                org = self.org(country, website=website)
                crm_site = "https://" + website.encode("idna").decode("ascii")
                org_id = self.add_crm(org, website=crm_site)
                self.inbound("website_formats", org, (org_id,), website=f"www.{website}", domain="", phone="")
                continue
            org = self.org(country)
            org_id = self.add_crm(org, website=self.website_as_typed(org.website, messy=True))
            self.inbound("website_formats", org, (org_id,), website=self.website_as_typed(org.website, messy=True),
                         domain="", phone="", name=org.name)  # fmt: skip

    def departments(self, n: int) -> None:
        for index in range(0, n, 2):
            stem, country = self.stem(), "US"
            if index % 4 == 0:
                body, units, website = f"University of {stem}", UNIVERSITY_UNITS, f"{stem.lower()}.edu"
            else:
                body, units, website = (
                    f"City of {stem}",
                    GOVERNMENT_UNITS,
                    f"{stem.lower()}{self.rng.choice(('', 'city'))}.gov",
                )
            switchboard = self.phone(country)
            chosen = self.rng.sample(units, 4)
            campus = self.rng.choice(
                COUNTRIES[country].cities
            )  # one town, each unit in a building of its own
            held = []
            for position, unit in enumerate(chosen[:3]):
                org = self.org(country, name=f"{body} - {unit}", form="", website=website, city=campus)
                if position == 0:
                    org = replace(org, phone=switchboard)
                held.append((org, self.add_crm(org)))
            org, org_id = held[1]
            written = f"{unit_short(chosen[1])}, {body}"
            self.inbound("department_same", org, (org_id,), name=written)
            org0, _ = held[0]
            other = replace(self.org(country, name=f"{body} - {chosen[3]}", form="", website=website),
                            phone=switchboard, city=org0.city, postcode=org0.postcode)  # fmt: skip
            self.inbound("department_other", other, ())
            # the university or city itself on its switchboard: the CRM holds only its departments
            self.inbound("department_parent_body", replace(other, name=body), (), name=body)

    def not_in_crm(self, held, n: int) -> None:
        for index in range(n):
            kind = index % 4
            if kind == 0:  # a CRM record's first word, in its city
                org, _ = self.rng.choice(held)
                other = self.org(org.country, name=f"{org.name.split()[0]} {self.rng.choice(ACTIVITIES)}",
                                 city=(org.city, org.postcode[:2]), website="")  # fmt: skip
            elif kind == 1:  # a generic name the CRM holds in another city
                name = GENERIC_NAMES[(index // 4) % len(GENERIC_NAMES)]
                cities = [c for c in COUNTRIES["US"].cities if c not in self.generic_cities[name]]
                other = self.org("US", name=name, form="", website="", city=self.rng.choice(cities))
            elif kind == 2:  # another company at a CRM record's postcode
                org, _ = self.rng.choice(held)
                other = replace(self.org(org.country), postcode=org.postcode, city=org.city)
            else:
                other = self.org()
            self.inbound("not_in_crm", other, ())

    def generic_in_crm(self) -> None:
        for name in GENERIC_NAMES:
            self.generic_cities[name] = self.rng.sample(COUNTRIES["US"].cities, 2)
            for city in self.generic_cities[name]:
                self.add_crm(
                    self.org(
                        "US", name=name, form=self.rng.choice(("", "LLC", "Inc.")), website="", city=city
                    )
                )


def unit_short(unit: str) -> str:
    return unit.replace("Department of ", "Dept. of ").replace("Department", "Dept.")


def org_cases(orgs: int, per_category: int, *, seed: int) -> GeneratedCases:
    maker = Maker(seed)
    held = maker.background(orgs)
    maker.generic_in_crm()
    n = per_category
    maker.plain(held, n)
    maker.chains(n)
    maker.holdings(n)
    maker.subsidiary_at_premises(n)
    maker.platforms(n)
    maker.free_mail(n)
    maker.country_variants(n)
    maker.rebrands(n)
    maker.coworking(n)
    maker.legal_forms(n)
    maker.scripts(n)
    maker.name_styles(n)
    maker.website_formats(n)
    maker.departments(n)
    maker.not_in_crm(held, 4 * n)
    rng = random.Random(seed + 7)
    rows = maker.crm_rows[:]
    rng.shuffle(rows)
    cases = maker.cases[:]
    rng.shuffle(cases)
    for position, case in enumerate(cases):
        case.external_id = str(9_100_000_000 + position * 37)
    for case in cases:
        case.row = {key: unicodedata.normalize("NFC", value) for key, value in case.row.items()}
    return GeneratedCases(rows, cases)


def main() -> None:
    run_generated(
        "identity-twelfth",
        [
            GeneratedSuite(
                "organisations", lambda args: org_cases(args.orgs, args.per_category, seed=args.seed + 1),
                "pipedrive", "hubspot", PIPEDRIVE_COLUMNS, HUBSPOT_COLUMNS, HUBSPOT_ID,
                ["--provider", "pipedrive", "--object", "organizations", "--kind", "organisation"], "organisation",
                PIPEDRIVE_SQL, "Pipedrive organizations <- HubSpot companies",
            ),
        ],
        seed=121, people=0, orgs=1000,
    )  # fmt: skip


if __name__ == "__main__":
    main()
