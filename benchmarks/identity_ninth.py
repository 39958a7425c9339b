"""A ninth, independent check of identity, on organisations only: a Salesforce Account export against a
data vendor's (enrichment) company file, as when an account base is enriched or a purchased list is loaded.

    python benchmarks/identity_ninth.py [--orgs 1000] [--per-category 30] [--seed 91]
                                        [--skip-splink] [--keep DIR]

**The CRM side is a Salesforce Account export**: `Id` (18 characters), `Name`, `Website` as a rep typed it
("www.x.com", "http://x.com"), `Phone` as typed (national or international format), `BillingStreet`,
`BillingCity`, `BillingPostalCode`, `BillingCountry`, `ParentId` (a subsidiary's parent account), `Industry`.

**The inbound side is a data vendor's file**: `Vendor ID`, `Company Name` (often in capitals, accents dropped),
`Website` as the vendor scraped it (a path, a tracking query, http or https, www or not), `HQ Phone` in E.164,
the registered address (`Street`, `City`, `Postal Code`, `Country`) and `Registration Number` (which neither
tool reads).

The categories (`ORG_CATEGORIES`) are chosen to be what the eight earlier generators do not write.
"link" cases are the CRM's own account written otherwise:
- in capitals with accents dropped, its website with a locale path and a tracking query (utm_*, gclid);
- its legal form spelt out (GmbH / Gesellschaft mit beschränkter Haftung, S.A. / Sociedad Anónima, B.V. /
  Besloten Vennootschap, Ltd / Limited, Inc. / Incorporated) or the reverse, often without a website;
- its words abbreviated ("International" / "Intl.", "Manufacturing" / "Mfg.", "and" / "&", "The ..."), no
  website;
- at its registered office (an accountant's or a law firm's address, in another city) rather than the trading
  address the CRM holds, same switchboard, no website;
- after a rebrand, where the rep has already typed the new domain into `Website` but left the old `Name`:
  the vendor writes the new name on the new domain, same switchboard and address. (Where the CRM keeps the
  old domain too, nothing but a phone and an address is shared, which a serviced office's neighbour also
  shares: that is not written as a link, no tool should link it);
- one of two accounts that differ only by legal form (a German "X GmbH" and "X GmbH & Co. KG", a US "X Inc."
  and "X LLC", parent and child by `ParentId`, one domain, phone and address): the vendor names one.
"none" cases are a company that is NOT in the CRM but collides with one that is:
- a university department or a hospital department on the institution's domain (often a subdomain), its own
  phone, in the institution's city (CRM: the university or hospital);
- a government agency sharing a domain with another that the CRM holds (agencies of one US state on
  <state>.gov subdomains; UK departments' pages on www.gov.uk);
- a sister company of the group in the same building, at the same switchboard and on the group's domain;
- a company that bought a dead competitor's domain (the CRM account is the competitor; other name, phone and
  address);
- a franchisee trading under the brand ("Smith Hospitality LLC d/b/a Brand Pizza") on the brand's domain, its
  own phone and city (CRM: the franchisor);
- another branch of a bank, on the bank's domain, in another city with its own phone (CRM: one branch,
  labelled with its city).

Both tools run on the same files in one run, through `identity_quality`'s helpers.
"""

import random
import string
import unicodedata
from dataclasses import dataclass

import phonenumbers
from identity_quality import SALESFORCE_ACCOUNT_SQL, GeneratedSuite, organisation_inbound_sql, run_generated
from identity_quality import GeneratedCase as Case
from identity_quality import GeneratedCases as CaseSet

PNF = phonenumbers.PhoneNumberFormat

ACCOUNT_COLUMNS = [
    "Id",
    "Name",
    "Website",
    "Phone",
    "BillingStreet",
    "BillingCity",
    "BillingPostalCode",
    "BillingCountry",
    "ParentId",
    "Industry",
]
VENDOR_ID = "Vendor ID"
VENDOR_COLUMNS = [
    VENDOR_ID,
    "Company Name",
    "Website",
    "HQ Phone",
    "Street",
    "City",
    "Postal Code",
    "Country",
    "Registration Number",
]

# region, country as the CRM writes it, top-level domain, cities (name, postcode maker), street words,
# sector words (some with accents), short legal forms and their spelt-out forms.
COUNTRIES = {
    "US": dict(
        country="United States",
        tld="com",
        cities=["Columbus", "Denver", "Raleigh", "Omaha", "Tucson", "Boise", "Madison", "Tulsa"],
        postcode=lambda r: f"{r.randrange(10000, 99999)}",
        streets=["Main St", "Oak Avenue", "Commerce Drive", "Industrial Pkwy", "Elm Street"],
        sectors=["Logistics", "Systems", "Foods", "Engineering", "Analytics", "Plastics"],
        forms=[("Inc.", "Incorporated"), ("Corp.", "Corporation"), ("LLC", "LLC")],
    ),
    "GB": dict(
        country="United Kingdom",
        tld="co.uk",
        cities=["Leeds", "Bristol", "Norwich", "Derby", "Exeter", "Preston", "Reading", "York"],
        postcode=lambda r: (
            f"{r.choice('BDELNPRSY')}{r.choice('ELNRST')}{r.randrange(1, 20)} "
            f"{r.randrange(1, 9)}{r.choice('ABDEFGHJLNPQRSTUWXYZ')}{r.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        ),
        streets=["High Street", "Station Road", "Mill Lane", "Church Road", "Victoria Street"],
        sectors=["Logistics", "Joinery", "Foods", "Engineering", "Surveying", "Printing"],
        forms=[("Ltd", "Limited"), ("plc", "Public Limited Company")],
    ),
    "DE": dict(
        country="Germany",
        tld="de",
        cities=["Köln", "Düsseldorf", "Nürnberg", "Münster", "Lübeck", "Würzburg", "Mainz", "Kassel"],
        postcode=lambda r: f"{r.randrange(10000, 99999)}",
        streets=["Hauptstraße", "Industriestraße", "Bahnhofstraße", "Gartenweg", "Mühlenweg"],
        sectors=["Fördertechnik", "Bäckerei", "Logistik", "Maschinenbau", "Kältetechnik", "Druckerei"],
        forms=[("GmbH", "Gesellschaft mit beschränkter Haftung"), ("AG", "Aktiengesellschaft")],
    ),
    "FR": dict(
        country="France",
        tld="fr",
        cities=["Besançon", "Orléans", "Nîmes", "Angers", "Rennes", "Dijon", "Limoges", "Reims"],
        postcode=lambda r: f"{r.randrange(10, 95):02d}{r.randrange(0, 999):03d}",
        streets=["rue de la République", "avenue Jean Jaurès", "rue Pasteur", "boulevard Gambetta"],
        sectors=["Électricité", "Bâtiment", "Hôtellerie", "Pâtisserie", "Énergie", "Métallerie"],
        forms=[("SARL", "Société à responsabilité limitée"), ("S.A.", "Société anonyme")],
    ),
    "ES": dict(
        country="Spain",
        tld="es",
        cities=["Málaga", "Córdoba", "León", "Cádiz", "Alcalá de Henares", "Logroño", "Jaén", "Ávila"],
        postcode=lambda r: f"{r.randrange(1, 52):02d}{r.randrange(0, 999):03d}",
        streets=["Calle Mayor", "Avenida de España", "Calle Real", "Paseo de la Estación"],
        sectors=["Ibérica", "Construcción", "Energía", "Logística", "Alimentación", "Distribución"],
        forms=[("S.A.", "Sociedad Anónima"), ("S.L.", "Sociedad Limitada")],
    ),
    "NL": dict(
        country="Netherlands",
        tld="nl",
        cities=["Utrecht", "Groningen", "Zwolle", "Breda", "Tilburg", "Arnhem", "Leiden", "Delft"],
        postcode=lambda r: (
            f"{r.randrange(1000, 9999)} {r.choice(string.ascii_uppercase)}{r.choice(string.ascii_uppercase)}"
        ),
        streets=["Stationsweg", "Kerkstraat", "Industrieweg", "Dorpsstraat", "Havenstraat"],
        sectors=["Techniek", "Logistiek", "Installatie", "Bouw", "Voeding", "Automatisering"],
        forms=[("B.V.", "Besloten Vennootschap"), ("N.V.", "Naamloze Vennootschap")],
    ),
}
INDUSTRIES = ["Manufacturing", "Retail", "Technology", "Construction", "Healthcare", "Education", "Finance"]
UTM = [
    "?utm_source=vendor&utm_medium=enrichment",
    "?utm_source=linkedin&utm_campaign=q3",
    "?gclid=Cj0KCQiA",
    "?ref=directory",
    "",
]
ORG_CATEGORIES = {
    "org_caps_tracking_url": "link",
    "org_legal_form_spelt_out": "link",
    "org_abbreviated_words": "link",
    "org_registered_office_elsewhere": "link",
    "org_rebrand_new_domain_in_crm": "link",
    "org_legal_form_picks_entity": "link",
    "org_department_of_institution": "none",
    "org_agency_shared_gov_domain": "none",
    "org_sister_same_switchboard": "none",
    "org_bought_dead_competitor_domain": "none",
    "org_franchisee_dba_brand": "none",
    "org_bank_other_branch": "none",
}
US_STATES = [
    ("New York", "ny", "Albany"),
    ("California", "ca", "Sacramento"),
    ("Ohio", "ohio", "Columbus"),
    ("Texas", "texas", "Austin"),
    ("Colorado", "colorado", "Denver"),
    ("Oregon", "oregon", "Salem"),
    ("Michigan", "michigan", "Lansing"),
    ("Georgia", "georgia", "Atlanta"),
]
AGENCIES = [
    ("Department of Labor", "labor"),
    ("Department of Health", "health"),
    ("Department of Transportation", "dot"),
    ("Department of Revenue", "revenue"),
    ("Department of Agriculture", "agriculture"),
    ("Department of Environmental Quality", "deq"),
    ("Department of Corrections", "corrections"),
    ("Office of the Attorney General", "ag"),
]
UK_DEPARTMENTS = [
    "Department for Transport",
    "Department for Education",
    "Department of Health and Social Care",
    "Ministry of Justice",
    "Home Office",
    "Department for Work and Pensions",
    "Cabinet Office",
    "HM Treasury",
]
DEPARTMENTS = [
    "Department of Chemistry",
    "School of Medicine",
    "Department of Physics",
    "Faculty of Law",
    "Department of Computer Science",
    "Cardiology Department",
    "Radiology Department",
    "Paediatrics Ward",
]
SISTER_WORDS = ["Logistics", "Engineering", "Property", "Services", "Software", "Facilities", "Leasing"]
SYLLABLES = [
    "kor",
    "val",
    "in",
    "tes",
    "mar",
    "dun",
    "fel",
    "bri",
    "ost",
    "nor",
    "zen",
    "pra",
    "lum",
    "ven",
    "tar",
    "qui",
    "sel",
    "dor",
    "han",
    "wex",
    "ald",
    "rim",
    "cav",
]


def folded(text: str) -> str:
    """Accents dropped as a vendor's ASCII pipeline drops them ("Bäckerei" -> "Backerei", "ß" -> "ss")."""
    text = text.replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@dataclass
class Org:
    country: str
    name: str  # as registered, legal form included
    domain: str
    phone: str  # E.164
    street: str
    city: str
    postcode: str
    registration: str = ""


class Generator:
    """Deterministic organisations; every name, domain and phone is handed out once unless a case shares it."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.used: set = set()
        self.serial = seed * 7919
        self.crm_rows: list[dict] = []
        self.cases: list[Case] = []

    def unique(self, make):
        for _ in range(500):
            value = make()
            if value not in self.used:
                self.used.add(value)
                return value
        raise RuntimeError("ran out of distinct values")

    def brand(self) -> str:
        r = self.rng
        return self.unique(lambda: "".join(r.sample(SYLLABLES, r.choice([2, 3]))).capitalize())

    def phone(self, country: str) -> str:
        r = self.rng
        example = phonenumbers.example_number_for_type(country, phonenumbers.PhoneNumberType.FIXED_LINE)
        digits = phonenumbers.national_significant_number(example)

        def make() -> str:
            for _ in range(100):
                national = digits[:3] + "".join(r.choice(string.digits) for _ in digits[3:])
                number = phonenumbers.parse(f"+{example.country_code}{national}")
                if phonenumbers.is_valid_number(number):
                    return phonenumbers.format_number(number, PNF.E164)
            raise RuntimeError("no valid number")

        return self.unique(make)

    def address(self, country: str, city: str = "") -> tuple[str, str, str]:
        r, spec = self.rng, COUNTRIES[country]
        street = self.unique(lambda: f"{r.randrange(1, 240)} {r.choice(spec['streets'])}")
        return street, city or r.choice(spec["cities"]), spec["postcode"](r)

    def org(self, country: str, *, name: str = "", domain: str = "", form: str = "") -> Org:
        r, spec = self.rng, COUNTRIES[country]
        brand = self.brand()
        if not name:
            name = f"{brand} {r.choice(spec['sectors'])} {form or r.choice(spec['forms'])[0]}"
        if not domain:
            domain = f"{folded(brand).lower()}.{spec['tld']}"
        street, city, postcode = self.address(country)
        registration = f"{r.randrange(10_000_000, 99_999_999)}"
        return Org(country, name, domain, self.phone(country), street, city, postcode, registration)

    def account_id(self) -> str:
        self.serial += self.rng.randrange(1, 97)
        body = f"0014x{self.serial % 10**10:010d}"
        # The 18-character form's suffix: one letter per five characters, its bits the upper-case ones.
        letters = string.ascii_uppercase + "012345"
        return body + "".join(
            letters[sum(1 << i for i, c in enumerate(body[start : start + 5]) if c.isupper())]
            for start in (0, 5, 10)
        )

    def typed_phone(self, e164: str) -> str:
        number = phonenumbers.parse(e164)
        return phonenumbers.format_number(number, self.rng.choice([PNF.NATIONAL, PNF.INTERNATIONAL]))

    def in_crm(self, org: Org, **override) -> str:
        record_id = self.account_id()
        row = {
            "Id": record_id,
            "Name": org.name,
            "Website": self.rng.choice([f"www.{org.domain}", f"http://{org.domain}", org.domain]),
            "Phone": self.typed_phone(org.phone),
            "BillingStreet": org.street,
            "BillingCity": org.city,
            "BillingPostalCode": org.postcode,
            "BillingCountry": COUNTRIES[org.country]["country"],
            "ParentId": "",
            "Industry": self.rng.choice(INDUSTRIES),
        }
        row.update(override)
        self.crm_rows.append(row)
        return record_id

    def vendor_row(self, org: Org, **override) -> dict:
        r = self.rng
        path = r.choice(["", "/", "/en/", "/en-us/contact", "/about-us", "/de/impressum", "/home.html"])
        website = f"{r.choice(['https://', 'http://', ''])}{r.choice(['www.', ''])}{org.domain}{path}"
        if path:
            website += r.choice(UTM)
        row = {
            "Company Name": org.name,
            "Website": website,
            "HQ Phone": org.phone,
            "Street": org.street,
            "City": org.city,
            "Postal Code": org.postcode,
            "Country": COUNTRIES[org.country]["country"],
            "Registration Number": org.registration,
        }
        row.update(override)
        return row

    def case(self, category: str, row: dict, truth: tuple[str, ...] = ()) -> None:
        self.cases.append(Case(category, row, truth))


def organisation_cases(orgs: int = 1000, per_category: int = 30, *, seed: int = 92) -> CaseSet:
    g = Generator(seed)
    r = g.rng
    countries = list(COUNTRIES)
    background = []
    for _ in range(orgs):
        org = g.org(r.choice(countries))
        background.append((org, g.in_crm(org)))
    each = range(per_category)

    for _ in each:  # capitals, accents dropped, a path and a tracking query
        org, record_id = r.choice(background)
        g.case(
            "org_caps_tracking_url",
            g.vendor_row(org, **{"Company Name": folded(org.name).upper()}),
            (record_id,),
        )

    for _ in each:  # the legal form spelt out, or the spelt-out form shortened
        country = r.choice(countries)
        short, long = r.choice([f for f in COUNTRIES[country]["forms"] if f[0] != f[1]])
        org = g.org(country, form=short)
        base = org.name[: -len(short)].strip()
        spelt_out_in_crm = r.random() < 0.3
        record_id = g.in_crm(org, Name=f"{base} {long}" if spelt_out_in_crm else org.name)
        written = f"{base} {short}" if spelt_out_in_crm else f"{base} {long}"
        row = g.vendor_row(org, **{"Company Name": r.choice([written, folded(written).upper()])})
        if r.random() < 0.5:
            row["Website"] = ""
        g.case("org_legal_form_spelt_out", row, (record_id,))

    for _ in each:  # International / Intl., Manufacturing / Mfg., and / &, The
        country = r.choice(["US", "GB"])
        brand, other = g.brand(), g.brand()
        long_words, short_words = r.choice(
            [
                (f"{brand} International", f"{brand} Intl."),
                (f"{brand} Manufacturing", f"{brand} Mfg."),
                (f"{brand} International Manufacturing", f"{brand} Intl Mfg"),
                (f"{brand} and {other}", f"{brand} & {other}"),
                (f"The {brand} Company", f"{brand} Co."),
            ]
        )
        form = r.choice(COUNTRIES[country]["forms"])[0]
        org = g.org(country, name=f"{long_words} {form}")
        in_crm_long = r.random() < 0.5
        record_id = g.in_crm(org, Name=org.name if in_crm_long else f"{short_words} {form}")
        written = f"{short_words} {form}" if in_crm_long else org.name
        g.case(
            "org_abbreviated_words",
            g.vendor_row(org, **{"Company Name": written, "Website": ""}),
            (record_id,),
        )

    for _ in each:  # the registered office at an accountant's in another city; same switchboard
        org, record_id = r.choice(background)
        street, city, postcode = g.address(org.country)
        while city == org.city:
            street, city, postcode = g.address(org.country)
        row = g.vendor_row(org, Street=street, City=city, **{"Postal Code": postcode, "Website": ""})
        g.case("org_registered_office_elsewhere", row, (record_id,))

    for _ in each:  # rebranded: the rep typed the new domain, the name is still the old one
        country = r.choice(countries)
        old = g.org(country)
        new_brand = g.brand()
        new_domain = f"{folded(new_brand).lower()}.{COUNTRIES[country]['tld']}"
        record_id = g.in_crm(old, Website=f"www.{new_domain}")
        form = old.name.split()[-1] if country != "NL" else "B.V."
        renamed = Org(
            country, f"{new_brand} {form}", new_domain, old.phone, old.street, old.city, old.postcode
        )
        g.case("org_rebrand_new_domain_in_crm", g.vendor_row(renamed), (record_id,))

    for _ in each:  # two accounts that differ only by legal form; the vendor names one
        country = r.choice(["DE", "US", "GB"])
        pair = {"DE": ("GmbH", "GmbH & Co. KG"), "US": ("Inc.", "LLC"), "GB": ("Ltd", "LLP")}[country]
        org = g.org(country, form=pair[0])
        base = org.name[: -len(pair[0])].strip()
        parent = g.in_crm(org)
        child = g.in_crm(org, Name=f"{base} {pair[1]}", ParentId=parent)
        pick = r.randrange(2)
        written = f"{base} {pair[pick]}".replace("& Co. KG", r.choice(["& Co. KG", "& Co KG", "und Co. KG"]))
        row = g.vendor_row(org, **{"Company Name": r.choice([written, written.upper()])})
        g.case("org_legal_form_picks_entity", row, ((parent, child)[pick],))

    for _ in each:  # a university's or hospital's department
        country = r.choice(["US", "GB"])
        brand = g.brand()
        kind = r.choice(["university", "hospital"])
        institution = f"University of {brand}" if kind == "university" else f"{brand} General Hospital"
        tld = "edu" if country == "US" and kind == "university" else COUNTRIES[country]["tld"]
        if country == "GB" and kind == "university":
            tld = "ac.uk"
        org = g.org(country, name=institution, domain=f"{folded(brand).lower()}.{tld}")
        g.in_crm(org)
        department = r.choice(DEPARTMENTS[:5] if kind == "university" else DEPARTMENTS[5:])
        name = r.choice(
            [f"{institution} - {department}", f"{institution}, {department}", f"{department}, {institution}"]
        )
        sub = department.split()[-1].lower()[:6]
        street, _, postcode = g.address(country, org.city)
        own = Org(country, name, r.choice([org.domain, f"{sub}.{org.domain}"]), g.phone(country),
                  r.choice([street, org.street]), org.city, r.choice([postcode, org.postcode]))  # fmt: skip
        g.case("org_department_of_institution", g.vendor_row(own), ())

    # Each agency is written once a run: the same agency twice would be one organisation, not two.
    # (A first version drew them with replacement: "Home Office" in the CRM and inbound, a link, not a none.)
    uk_departments = r.sample(UK_DEPARTMENTS, len(UK_DEPARTMENTS))
    state_agencies = {state: r.sample(AGENCIES, len(AGENCIES)) for state in US_STATES}
    for _ in each:  # two agencies of one government on one domain
        if len(uk_departments) < 2 or r.random() < 0.6:
            state, host, capital = r.choice([s for s, left in state_agencies.items() if len(left) >= 2])
            (a, sub_a), (b, sub_b) = state_agencies[(state, host, capital)][-2:]
            del state_agencies[(state, host, capital)][-2:]
            prefix = r.choice([f"{state} State", f"State of {state}", state])
            street_a, _, zip_a = g.address("US", capital)
            first = Org("US", f"{prefix} {a}", f"{host}.gov", g.phone("US"), street_a, capital, zip_a)
            g.in_crm(first, Website=f"https://{sub_a}.{host}.gov/")
            street_b, _, zip_b = g.address("US", capital)
            second = Org(
                "US", f"{prefix} {b}", f"{sub_b}.{host}.gov", g.phone("US"), street_b, capital, zip_b
            )
            row = g.vendor_row(second)
        else:
            a, b = uk_departments.pop(), uk_departments.pop()
            street_a, _, code_a = g.address("GB", "London")
            first = Org("GB", a, "gov.uk", g.phone("GB"), street_a, "London", code_a)
            slug_a = a.lower().replace(" ", "-")
            g.in_crm(first, Website=f"https://www.gov.uk/government/organisations/{slug_a}")
            street_b, _, code_b = g.address("GB", "London")
            second = Org("GB", b, "gov.uk", g.phone("GB"), street_b, "London", code_b)
            slug_b = b.lower().replace(" ", "-")
            row = g.vendor_row(second, Website=f"https://www.gov.uk/government/organisations/{slug_b}")
        g.case("org_agency_shared_gov_domain", row, ())

    for _ in each:  # a sister company in the same building, same switchboard, group domain
        country = r.choice(countries)
        brand = g.brand()
        form = r.choice(COUNTRIES[country]["forms"])[0]
        word_a, word_b = r.sample(SISTER_WORDS, 2)
        group_domain = f"{folded(brand).lower()}-group.{COUNTRIES[country]['tld']}"
        held = g.org(country, name=f"{brand} {word_a} {form}", domain=group_domain)
        g.in_crm(held)
        sister = Org(
            country,
            f"{brand} {word_b} {form}",
            group_domain,
            held.phone,
            held.street,
            held.city,
            held.postcode,
        )
        row = g.vendor_row(sister)
        if r.random() < 0.3:
            row["Website"] = ""
        g.case("org_sister_same_switchboard", row, ())

    for _ in each:  # a company that bought a dead competitor's domain
        country = r.choice(countries)
        dead = g.org(country)
        g.in_crm(dead)
        buyer = g.org(country, domain=dead.domain)
        g.case("org_bought_dead_competitor_domain", g.vendor_row(buyer), ())

    for _ in each:  # a franchisee doing business as the brand
        brand = f"{g.brand()} {r.choice(['Pizza', 'Fitness', 'Dental', 'Auto Care', 'Cleaning'])}"
        franchisor = g.org("US", name=f"{brand} Inc.", domain=f"{folded(brand).lower().replace(' ', '')}.com")
        g.in_crm(franchisor)
        owner = g.brand()
        legal = f"{owner} {r.choice(['Hospitality', 'Ventures', 'Enterprises', 'Holdings'])} LLC"
        street, city, postcode = g.address("US")
        while city == franchisor.city:
            street, city, postcode = g.address("US")
        name = r.choice([f"{legal} d/b/a {brand}", f"{legal} dba {brand}", f"{brand} ({legal})"])
        franchisee = Org("US", name, franchisor.domain, g.phone("US"), street, city, postcode)
        g.case("org_franchisee_dba_brand", g.vendor_row(franchisee), ())

    for _ in each:  # another branch of a bank the CRM holds one branch of
        country = r.choice(["US", "GB", "ES", "FR"])
        bank = {
            "US": "{} Savings Bank",
            "GB": "{} Building Society",
            "ES": "Banco {}",
            "FR": "Banque {}",
        }[country].format(g.brand())
        label = {"US": "{} Branch", "GB": "{} Branch", "ES": "Sucursal {}", "FR": "Agence de {}"}[country]
        domain = f"{folded(bank).lower().replace(' ', '')}.{COUNTRIES[country]['tld']}"
        one, two = r.sample(COUNTRIES[country]["cities"], 2)
        held = g.org(country, name=bank, domain=domain)
        held.city = one
        g.in_crm(held, Name=f"{bank} - {label.format(one)}")
        other = g.org(country, name=bank, domain=domain)
        other.city = two
        name = r.choice([f"{bank} - {label.format(two)}", f"{bank} ({two})", f"{bank}, {label.format(two)}"])
        g.case("org_bank_other_branch", g.vendor_row(other, **{"Company Name": name}), ())

    r.shuffle(g.crm_rows)
    r.shuffle(g.cases)
    for number, item in enumerate(g.cases, start=1):
        item.external_id = f"V{900_000 + number}"
    return CaseSet(crm_rows=g.crm_rows, cases=g.cases)


ORGANISATION_SQL = {
    "crm": SALESFORCE_ACCOUNT_SQL,
    "inbound": organisation_inbound_sql(
        VENDOR_ID, "Company Name", "Website", "HQ Phone", "City", "Postal Code"
    ),
}


def main() -> None:
    run_generated(
        "identity-ninth",
        [
            GeneratedSuite(
                "organisations", lambda args: organisation_cases(args.orgs, args.per_category, seed=args.seed + 1),
                "salesforce", "vendor", ACCOUNT_COLUMNS, VENDOR_COLUMNS, VENDOR_ID,
                ["--provider", "salesforce", "--object", "Account", "--kind", "organisation"], "organisation",
                ORGANISATION_SQL, "Salesforce Account <- data vendor",
            ),
        ],
        seed=91, people=0, orgs=1000,
    )  # fmt: skip


if __name__ == "__main__":
    main()
