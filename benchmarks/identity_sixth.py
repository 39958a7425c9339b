"""A sixth, independent check of identity: a Salesforce Lead export matched against a marketing-automation list
of international event and form leads.

    python benchmarks/identity_sixth.py [--people 2500] [--orgs 1000] [--per-category 30] [--seed 61]
                                        [--skip-splink] [--keep DIR] [--examples 10]

**The CRM side is a Salesforce `Lead` export** as Data Export writes it: `Id`, `Salutation`, `FirstName`,
`LastName` (a Spanish lead's two surnames in it, a hyphenated married name, a middle name after the first),
`Company`, `Title`, one `Email`, `Phone` (a desk line, now and then with its extension) and `MobilePhone`,
`Street`/`City`/`PostalCode`/`Country`, `LeadSource`, `Status`.

**The inbound side is a marketing-automation list export** (Marketo style): `Person Id`, `Full Name` for event
lists (in "First Last", "Last, First" or, for Chinese, Japanese and Korean people, "FAMILY Given" order) or
`First Name`/`Last Name` for form fills, `Email Address` (sometimes written "Name <address>" or "mailto:"),
`Company Name`, `Job Title`, `Phone Number` and `Mobile Phone Number` as people type them (a "(0)" trunk digit,
national format read with the `Country` column), `City`, `Postal Code`, `Country`, `Program`.

People come from twelve locales with diacritics (German, Danish, Swedish, Polish, Spanish, Mexican, French) and
family-name-first order (Chinese, Korean, Japanese). Each category has its truth (`CATEGORIES`): "link" cases
are the lead's own person written differently (an ASCII transliteration with only name and company, a dropped
second surname, half of a hyphenated name, a married name with the old work address or the same mobile, a
googlemail alias, a typo'd free-mail domain, a local salutation, an apostrophe surname, a person who goes by
their middle name, one of two leads behind a shared info@ mailbox); "none" cases are someone else who collides
(a new colleague on a shared info@ mailbox, a son at his father's firm, twins at one company, a transliterated
or reordered namesake at another company, a different second surname, a recycled mobile, an initial that fits
two leads, a stranger sharing name, city, postcode, provider and title). Organisations: a Salesforce `Account`
export against a list with DBA names, names with a location, abbreviations, holding and operating companies.

Both tools run in one run on the same files, as `identity_fifth.py` runs them.
"""

import random
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import phonenumbers
from identity_quality import SALESFORCE_ACCOUNT_SQL, GeneratedSuite, organisation_inbound_sql, run_generated
from identity_quality import GeneratedCase as Case
from identity_quality import GeneratedCases as CaseSet

ROOT = Path(__file__).resolve().parent.parent
W = str.split

LEAD_COLUMNS = [
    "Id",
    "Salutation",
    "FirstName",
    "LastName",
    "Company",
    "Title",
    "Email",
    "Phone",
    "MobilePhone",
    "Street",
    "City",
    "PostalCode",
    "Country",
    "LeadSource",
    "Status",
]
LIST_ID = "Person Id"
LIST_COLUMNS = [
    LIST_ID,
    "Full Name",
    "First Name",
    "Last Name",
    "Email Address",
    "Company Name",
    "Job Title",
    "Phone Number",
    "Mobile Phone Number",
    "City",
    "Postal Code",
    "Country",
    "Program",
]
ACCOUNT_COLUMNS = [
    "Id",
    "Name",
    "Website",
    "Phone",
    "BillingStreet",
    "BillingCity",
    "BillingPostalCode",
    "BillingCountry",
    "Industry",
]
COMPANY_LIST_ID = "Account Key"
COMPANY_LIST_COLUMNS = [COMPANY_LIST_ID, "Account Name", "Domain", "Main Phone", "City", "Zip", "Country"]

# locale: male and female given names, surnames, legal forms, free-mail providers, cities, country, domain tld,
# phone region, whether the family name is written first, and the salutations a local form offers.
LOCALES = {
    "US": dict(
        male=W("James Robert Michael William David Richard Joseph Thomas Daniel Matthew Steven Kevin Brian"),
        female=W("Mary Patricia Jennifer Linda Elizabeth Susan Jessica Sarah Karen Nancy Emily Michelle"),
        last=W(
            "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Moore Jackson Martin White "
            "Harris Clark Lewis Walker Young Allen Wright Scott Green Baker Adams Nelson Hill Campbell Carter"
        ),
        legal=["Inc.", "LLC", "Corp."],
        free=["gmail.com", "yahoo.com", "hotmail.com", "aol.com"],
        cities=["Chicago", "Austin", "Denver", "Boston", "Seattle"],
        country="United States",
        tld="com",
        salutations=["Mr.", "Ms.", "Mrs."],
    ),
    "UK": dict(
        male=W(
            "Oliver George Harry Jack Charlie Oscar Henry Alfie Edward Samuel Toby Archie Rory Callum Rhys"
        ),
        female=W(
            "Olivia Amelia Isla Ava Sophie Grace Lily Freya Charlotte Poppy Evie Ruby Alice Imogen Niamh"
        ),
        last=W(
            "Hughes Wood Hall Wright Walker Green Hill Cooper Ward Morris King Lloyd Bennett Griffiths Price "
            "Ellis Marshall Harrison Knight Pearce Holmes Shaw Fletcher Chapman Bailey Dawson Fraser Murray"
        ),
        legal=["Ltd", "Limited", "PLC"],
        free=["hotmail.co.uk", "btinternet.com", "gmail.com", "yahoo.co.uk"],
        cities=["Leeds", "Bristol", "Manchester", "Glasgow", "Cardiff"],
        country="United Kingdom",
        tld="co.uk",
        region="GB",
        salutations=["Mr", "Ms", "Mrs", "Dr"],
    ),
    "DE": dict(
        male=W(
            "Lukas Felix Jonas Tobias Florian Matthias Stefan Jürgen Klaus Dieter Uwe Jörg Ralf Günter Björn"
        ),
        female=W(
            "Anna Lena Katharina Julia Sabine Petra Ursula Monika Birgit Jana Kerstin Dörte Jülide Bärbel"
        ),
        last=W(
            "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer "
            "Richter Klein Schröder Neumann Krüger Köhler Günther Möller Jäger Vogel Böhm Lührs Wöhler Fröhlich"
        ),
        legal=["GmbH", "AG", "GmbH & Co. KG"],
        free=["web.de", "gmx.de", "t-online.de", "gmail.com"],
        cities=["Berlin", "München", "Köln", "Hamburg", "Düsseldorf"],
        country="Germany",
        tld="de",
        salutations=["Herr", "Frau"],
    ),
    "DK": dict(
        male=W("Søren Jørgen Bjørn Mads Rasmus Anders Niels Frederik Mikkel Jesper Thorbjørn Kåre"),
        female=W("Mette Sørine Line Birgitte Ane Kirsten Helle Trine Signe Åse Bodil Gry"),
        last=W(
            "Jørgensen Møller Sørensen Nielsen Hansen Pedersen Andersen Kristensen Mørch Bækgaard Østergaard "
            "Lærke Damgård Skovgård Fønss Højer Kjær Ågård"
        ),
        legal=["ApS", "A/S"],
        free=["gmail.com", "hotmail.com", "live.dk", "mail.dk"],
        cities=["København", "Århus", "Odense", "Aalborg", "Køge"],
        country="Denmark",
        tld="dk",
        salutations=["Hr.", "Fru"],
    ),
    "SE": dict(
        male=W("Åke Göran Björn Jönsson Måns Pär Örjan Lars Erik Anders Magnus Fredrik"),
        female=W("Åsa Märta Linnéa Maja Ebba Sofia Elin Ingrid Karin Britt Ylva Kerstin"),
        last=W("Åberg Öberg Ström Sjöberg Löfgren Nordström Bergström Lindqvist Håkansson Söderberg Ekström"),
        legal=["AB"],
        free=["telia.com", "gmail.com", "hotmail.se", "bredband.net"],
        cities=["Göteborg", "Malmö", "Västerås", "Örebro", "Uppsala"],
        country="Sweden",
        tld="se",
        salutations=[""],
    ),
    "PL": dict(
        male=W("Łukasz Paweł Michał Wojciech Grzegorz Jarosław Mirosław Zbigniew Bartłomiej Maciej Piotr"),
        female=W("Małgorzata Agnieszka Katarzyna Żaneta Jadwiga Elżbieta Bożena Urszula Dorota Ewa"),
        last=W(
            "Łukasik Wróbel Wiśniewski Dąbrowski Woźniak Kozłowski Zieliński Szymański Kaźmierczak Żak Mróz"
        ),
        legal=["Sp. z o.o.", "S.A."],
        free=["wp.pl", "onet.pl", "interia.pl", "o2.pl"],
        cities=["Kraków", "Wrocław", "Gdańsk", "Poznań", "Łódź"],
        country="Poland",
        tld="pl",
        salutations=["Pan", "Pani"],
    ),
    "ES": dict(
        male=W("José Jesús Ángel Adrián Rubén Iván Óscar Andrés Ramón Álvaro Joaquín Martín Íñigo"),
        female=W("María Lucía Rocío Inés Begoña Ainhoa Nuria Sofía Verónica Mónica Natalia Belén"),
        last=W(
            "García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Jiménez Ruiz Hernández "
            "Díaz Muñoz Álvarez Romero Gutiérrez Navarro Domínguez Vázquez Ramírez Suárez Ibáñez Peña Núñez"
        ),
        legal=["S.L.", "S.A."],
        free=["hotmail.es", "gmail.com", "yahoo.es", "telefonica.net"],
        cities=["Madrid", "Sevilla", "Málaga", "Córdoba", "León"],
        country="Spain",
        tld="es",
        salutations=["Sr.", "Sra."],
        double_surname=True,
    ),
    "MX": dict(
        male=W("Jesús Ángel Raúl Héctor Óscar Julián Germán Efraín Rubén Andrés Sebastián"),
        female=W("Guadalupe Ximena Mónica Araceli Verónica Belén Itzel Sofía Dulce Inés"),
        last=W(
            "Hernández García Martínez López González Pérez Rodríguez Sánchez Ramírez Cruz Flores Gómez Díaz "
            "Reyes Morales Jiménez Gutiérrez Ruiz Chávez Ramos Vázquez Mendoza Castañeda Ordóñez"
        ),
        legal=["S.A. de C.V.", "S. de R.L. de C.V."],
        free=["hotmail.com", "gmail.com", "yahoo.com.mx", "prodigy.net.mx"],
        cities=["Monterrey", "Guadalajara", "Querétaro", "Puebla", "León"],
        country="Mexico",
        tld="com.mx",
        salutations=["Lic.", "Ing.", "Sr.", "Sra."],
        double_surname=True,
    ),
    "FR": dict(
        male=W("Sébastien Jérôme Benoît Étienne François Rémi Théo Cédric Gaël Loïc Hervé Joël Noël"),
        female=W("Léa Chloé Céline Aurélie Émilie Hélène Élodie Clémence Anaïs Océane Agnès Solène Maëlle"),
        last=W(
            "Lefèvre Dubois Leroy Moreau Laurent Girard André Mercier Guérin Rousseau Bézier Fèvre Bénard "
            "Léger Hébert Pétain Crémieux Thénard"
        ),
        legal=["SAS", "SARL", "S.A."],
        free=["orange.fr", "free.fr", "laposte.net", "wanadoo.fr"],
        cities=["Lyon", "Nantes", "Orléans", "Besançon", "Nîmes"],
        country="France",
        tld="fr",
        salutations=["M.", "Mme"],
    ),
    "CN": dict(
        male=W("Wei Jun Hao Lei Tao Ming Qiang Jie Yong Bo Chao Xin"),
        female=W("Fang Li Na Jing Ying Yan Hui Xia Min Lan Ping Qing"),
        last=W("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo"),
        legal=["Co., Ltd.", "Ltd."],
        free=["qq.com", "163.com", "126.com", "sina.com"],
        cities=["Shanghai", "Shenzhen", "Hangzhou", "Suzhou", "Chengdu"],
        country="China",
        tld="cn",
        salutations=[""],
        family_first=True,
    ),
    "KR": dict(
        male=W("Min-jun Seo-jun Do-yun Ji-ho Jun-seo Hyun-woo Sung-min Jae-won Dong-hyun Young-ho"),
        female=W("Seo-yeon Ji-woo Ha-eun Min-seo Su-bin Ji-yeon Eun-ji Hye-jin Yoo-na Da-eun"),
        last=W("Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon"),
        legal=["Co., Ltd.", "Corp."],
        free=["naver.com", "daum.net", "gmail.com", "hanmail.net"],
        cities=["Seoul", "Busan", "Incheon", "Daegu", "Daejeon"],
        country="South Korea",
        tld="co.kr",
        salutations=[""],
        family_first=True,
    ),
    "JP": dict(
        male=W("Hiroshi Takashi Kenji Daisuke Shota Yuki Haruto Kenta Takumi Ryota Sota"),
        female=W("Yuko Akiko Yui Aoi Haruka Misaki Sakura Nanami Yumi Kaori Emi"),
        last=W("Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada"),
        legal=["K.K.", "Co., Ltd."],
        free=["yahoo.co.jp", "gmail.com", "nifty.com", "docomo.ne.jp"],
        cities=["Tokyo", "Osaka", "Nagoya", "Fukuoka", "Sendai"],
        country="Japan",
        tld="co.jp",
        salutations=[""],
        family_first=True,
    ),
}
ACCENTED = ["DE", "DK", "SE", "PL", "ES", "MX", "FR"]
LATIN = ["US", "UK", "DE", "DK", "SE", "PL", "ES", "MX", "FR"]
EAST_ASIAN = ["CN", "KR", "JP"]
SPANISH = ["ES", "MX"]
BRAND_SYLLABLES = W(
    "vel tor nix ara lum zen cor bri dax fen gal hol iri kel mar nor ost pra rin sol tam vor wen zor"
)
BRAND_WORDS = [
    "Systems",
    "Analytics",
    "Labs",
    "Networks",
    "Dynamics",
    "Logistics",
    "Robotics",
    "Energy",
    "Foods",
]
TITLES = ["VP Sales", "Head of Marketing", "CTO", "Procurement Manager", "Data Engineer", "CFO", "IT Manager"]
PROGRAMS = [
    "2026-10 Trade Show Berlin",
    "Webinar: Data Quality",
    "Gated eBook",
    "Roadshow Madrid",
    "Demo request",
]
GENERIC_LOCALS = ["info", "office", "contact", "hello", "kontakt", "admin"]
TWINS = [("Christian", "Christina"), ("Daniel", "Daniela"), ("Julian", "Juliana"), ("Marcel", "Marcela")]
FREE_TYPOS = {
    "gmail.com": ["gmial.com", "gmal.com", "gmail.co"],
    "hotmail.com": ["hotmial.com", "hotmal.com"],
    "yahoo.com": ["yaho.com", "yahooo.com"],
    "hotmail.es": ["hotmial.es"],
    "gmx.de": ["gmx.d"],
    "web.de": ["wed.de"],
}
APOSTROPHE_NAMES = [
    ("O'Brien", ["O\u2019Brien", "OBrien", "O Brien", "O'BRIEN"]),
    ("O'Connor", ["O\u2019Connor", "OConnor", "O Connor"]),
    ("D'Angelo", ["D\u2019Angelo", "DAngelo", "D Angelo"]),
    ("McDonald", ["Mcdonald", "Mc Donald", "MCDONALD"]),
    ("MacLeod", ["Macleod", "Mac Leod", "McLeod"]),
    ("Dell'Orto", ["Dell Orto", "Dellorto", "Dell\u2019Orto"]),
]
MIDDLE_NAMES = ["Michael", "Alexander", "Marie", "Elizabeth", "Thomas", "Louise", "Patrick", "Anne"]

# category -> "link" (an auto-link may go to the lead the case is built on) or "none" (no auto-link is right)
CATEGORIES = {
    "returning_form_fill": "link",
    "transliterated_name_company_only": "link",
    "transliterated_mobile_only": "link",
    "east_asian_family_first_romanised": "link",
    "second_surname_dropped_mobile": "link",
    "hyphenated_half_same_email": "link",
    "married_name_same_work_email": "link",
    "married_name_new_email_same_mobile": "link",
    "googlemail_alias": "link",
    "freemail_domain_typo": "link",
    "email_display_form": "link",
    "local_salutation": "link",
    "apostrophe_surname_phone_only": "link",
    "goes_by_middle_name": "link",
    "trunk_zero_in_brackets": "link",
    "generic_inbox_holder_self": "link",
    "generic_inbox_new_colleague": "none",
    "son_at_fathers_firm": "none",
    "twins_same_company": "none",
    "namesake_same_city_accents": "none",
    "other_second_surname": "none",
    "transliterated_namesake_other_company": "none",
    "east_asian_namesake_other_company": "none",
    "recycled_mobile": "none",
    "initial_fits_two_leads": "none",
    "stranger_many_collisions": "none",
}
ORG_CATEGORIES = {
    "org_dba_same_domain": "link",
    "org_dba_in_name": "link",
    "org_name_with_location": "link",
    "org_operating_company_of_holding": "link",
    "org_abbreviation_same_phone": "link",
    "org_same_name_other_city": "none",
    "org_holding_not_operating": "none",
    "org_not_in_crm_shared_words": "none",
}

FOLDS = {
    "DE": [("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"), ("ß", "ss")],
    "DK": [("ø", "oe"), ("Ø", "Oe"), ("å", "aa"), ("Å", "Aa"), ("æ", "ae"), ("Æ", "Ae")],
    "SE": [("å", "a"), ("Å", "A"), ("ä", "a"), ("Ä", "A"), ("ö", "o"), ("Ö", "O")],
}


def ascii_fold(text: str) -> str:
    for letter, spelled in (("ł", "l"), ("Ł", "L"), ("ø", "o"), ("Ø", "O"), ("æ", "ae"), ("ß", "ss")):
        text = text.replace(letter, spelled)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def transliterate(locale: str, text: str) -> str:
    """How a person types their name on an English keyboard: German and Danish letters spelled out, the rest
    stripped of accents."""
    for letter, spelled in FOLDS.get(locale, []):
        text = text.replace(letter, spelled)
    return ascii_fold(text)


def slug(text: str) -> str:
    return "".join(c for c in ascii_fold(text).lower() if c.isalnum())


@dataclass
class Company:
    locale: str
    brand: str
    legal: str
    domain: str
    switchboard: str
    city: str
    postcode: str
    street: str

    @property
    def name(self) -> str:
        return f"{self.brand} {self.legal}"


@dataclass
class Person:
    locale: str
    first: str
    last: str
    company: Company
    email: str = ""
    phone: str = ""  # E.164 desk line
    extension: str = ""
    mobile: str = ""
    title: str = ""
    city: str = ""
    postcode: str = ""


class World:
    """Deterministic people and companies; a name, address, phone or brand is handed out once unless a case
    asks for a collision."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.used: set = set()
        self.companies: dict[str, list[Company]] = {locale: [] for locale in LOCALES}

    def fresh(self, make):
        for _ in range(500):
            value = make()
            if value not in self.used:
                self.used.add(value)
                return value
        raise RuntimeError("values exhausted")

    def phone(self, locale: str, kind=phonenumbers.PhoneNumberType.FIXED_LINE) -> str:
        region = LOCALES[locale].get("region", locale)
        example = phonenumbers.example_number_for_type(region, kind)
        digits = phonenumbers.national_significant_number(example)
        keep = max(2, len(digits) - 6)

        def make():
            while True:
                tail = "".join(str(self.rng.randrange(10)) for _ in digits[keep:])
                parsed = phonenumbers.parse(f"+{example.country_code}{digits[:keep]}{tail}")
                if phonenumbers.is_valid_number(parsed):
                    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)

        return self.fresh(make)

    def mobile(self, locale: str) -> str:
        return self.phone(locale, phonenumbers.PhoneNumberType.MOBILE)

    def brand(self) -> str:
        def make():
            word = "".join(self.rng.choice(BRAND_SYLLABLES) for _ in range(self.rng.choice((2, 3)))).title()
            return word if len(word) > 4 else word + "ex"

        return self.fresh(make)

    def company(self, locale: str, *, brand: str | None = None, domain: str | None = None) -> Company:
        info = LOCALES[locale]
        brand = brand or (
            self.brand() if self.rng.random() < 0.6 else f"{self.brand()} {self.rng.choice(BRAND_WORDS)}"
        )
        domain = domain or self._domain(brand, info["tld"])
        company = Company(
            locale,
            brand,
            self.rng.choice(info["legal"]),
            domain,
            self.phone(locale),
            self.rng.choice(info["cities"]),
            str(self.rng.randrange(10000, 99999)),
            f"{self.rng.randrange(1, 200)} {self.rng.choice(['Main', 'Park', 'Mill', 'Harbour', 'Station'])} Rd",
        )
        self.companies[locale].append(company)
        return company

    def _domain(self, brand: str, tld: str) -> str:
        stem = slug(brand.split()[0])
        try:
            return self.fresh(lambda: f"{stem}{self.rng.choice(['', '', '-group', 'hq'])}.{tld}")
        except RuntimeError:  # a brand made from a common surname, asked for many times (a bigger set)
            return self.fresh(
                lambda: f"{stem}-{self.rng.choice(['sons', 'family', 'co'])}{self.rng.randrange(2, 99)}.{tld}"
            )

    def any_company(self, locale: str) -> Company:
        pool = self.companies[locale]
        if len(pool) < 20 or self.rng.random() < 0.3:
            return self.company(locale)
        return self.rng.choice(pool)

    def name(
        self, locale: str, *, female: bool | None = None, last: str | None = None, first: str | None = None
    ):
        info = LOCALES[locale]
        if first and last:  # a collision the case asks for
            self.used.add((first, last))
            return first, last

        def make():
            is_female = self.rng.random() < 0.5 if female is None else female
            given = first or self.rng.choice(info["female" if is_female else "male"])
            family = last or self.rng.choice(info["last"])
            if info.get("double_surname") and last is None:
                family = f"{family} {self.rng.choice([s for s in info['last'] if s != family])}"
            return given, family

        try:
            return self.fresh(make)
        except RuntimeError:  # a small locale's names run out: namesakes, as in a real CRM
            return make()

    def work_email(self, first: str, last: str, domain: str) -> str:
        given, family = slug(first), slug(last.split()[0])
        styles = ["{f}.{l}", "{f}.{l}", "{i}{l}", "{f}{l}", "{l}.{f}", "{i}.{l}"]
        return self.fresh(
            lambda: (
                self.rng.choice(styles).format(f=given, l=family, i=given[0])
                + ("" if self.rng.random() < 0.9 else str(self.rng.randrange(2, 9)))
                + "@"
                + domain
            )
        )

    def free_email(self, first: str, last: str, provider: str) -> str:
        given, family = slug(first), slug(last.split()[0])
        return self.fresh(
            lambda: (
                self.rng.choice(["{f}.{l}{n}", "{f}{l}{n}", "{i}.{l}{n}", "{f}.{l}"]).format(
                    f=given, l=family, i=given[0], n=self.rng.randrange(1, 99)
                )
                + "@"
                + provider
            )
        )

    def person(self, locale: str | None = None, *, company: Company | None = None, **name) -> Person:
        locale = locale or self.rng.choice(list(LOCALES))
        first, last = self.name(locale, **name)
        company = company or self.any_company(locale)
        person = Person(locale, first, last, company, title=self.rng.choice(TITLES))
        person.email = self.work_email(first, last, company.domain)
        person.mobile = self.mobile(locale) if self.rng.random() < 0.55 else ""
        if self.rng.random() < 0.4:
            person.phone, person.extension = company.switchboard, str(self.rng.randrange(100, 999))
        elif self.rng.random() < 0.5:
            person.phone = self.phone(locale)
        person.city, person.postcode = company.city, company.postcode
        return person


def typed_phone(
    rng: random.Random, e164: str, extension: str = "", *, trunk_in_brackets: bool = False
) -> str:
    """A number as a person types it into a form: international, national (read with the Country column),
    E.164, or "+49 (0)89 ..." with the trunk digit in brackets; an extension after it."""
    parsed = phonenumbers.parse(e164)
    international = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    if trunk_in_brackets and national.startswith("0"):
        text = f"+{parsed.country_code} (0){national[1:]}"
    else:
        text = rng.choice([international, international, national, e164])
    if extension:
        text += rng.choice([f" x{extension}", f" ext. {extension}", f" ext {extension}"])
    return text


def lead_row(rng: random.Random, person: Person, lid: str, **override) -> dict:
    """A Salesforce Lead export row; phones international (one org, many countries)."""
    info = LOCALES[person.locale]
    intl = phonenumbers.PhoneNumberFormat.INTERNATIONAL
    row = {
        "Id": lid,
        "Salutation": rng.choice(info["salutations"]) if rng.random() < 0.4 else "",
        "FirstName": person.first,
        "LastName": person.last,
        "Company": person.company.name,
        "Title": person.title,
        "Email": person.email,
        "Phone": (
            phonenumbers.format_number(phonenumbers.parse(person.phone), intl)
            + (f" ext. {person.extension}" if person.extension else "")
            if person.phone
            else ""
        ),
        "MobilePhone": phonenumbers.format_number(phonenumbers.parse(person.mobile), intl)
        if person.mobile
        else "",
        "Street": person.company.street,
        "City": person.city,
        "PostalCode": person.postcode,
        "Country": info["country"],
        "LeadSource": rng.choice(["Web", "Trade Show", "Partner Referral", "Purchased List", "Cold Call"]),
        "Status": rng.choice(["Open - Not Contacted", "Working - Contacted", "Nurturing"]),
    }
    row.update(override)
    return row


def full_name(rng: random.Random, locale: str, first: str, last: str) -> str:
    """An event list's one name column: family name first (capitals) for East Asian people, else "First
    Last" or "Last, First"."""
    if LOCALES[locale].get("family_first"):
        return rng.choice([f"{last.upper()} {first}", f"{last} {first}"])
    return rng.choice([f"{first} {last}", f"{first} {last}", f"{last}, {first}", f"{first} {last}".upper()])


def list_row(rng: random.Random, person: Person, *, event: bool | None = None, **override) -> dict:
    """A marketing-automation list row: an event list writes a Full Name, a form fill First/Last Name."""
    info = LOCALES[person.locale]
    event = rng.random() < 0.5 if event is None else event
    row = {column: "" for column in LIST_COLUMNS if column != LIST_ID}
    if event:
        row["Full Name"] = full_name(rng, person.locale, person.first, person.last)
    else:
        row["First Name"], row["Last Name"] = person.first, person.last
    row["Email Address"] = person.email if rng.random() < 0.7 else person.email.upper()
    row["Company Name"] = rng.choice([person.company.brand, person.company.name])
    row["Job Title"] = person.title
    if person.mobile and rng.random() < 0.5:
        row["Mobile Phone Number"] = typed_phone(rng, person.mobile)
    if person.phone and rng.random() < 0.4:
        row["Phone Number"] = typed_phone(rng, person.phone, person.extension)
    row["City"], row["Postal Code"], row["Country"] = person.city, person.postcode, info["country"]
    row["Program"] = rng.choice(PROGRAMS)
    row.update(override)
    return row


def person_cases(people: int = 2500, per_category: int = 30, *, seed: int = 61) -> CaseSet:
    world = World(seed)
    rng = world.rng
    out = CaseSet()
    next_id = iter(range(1, 10**7))

    def add(person: Person, **override) -> str:
        lid = f"00Q5e{next(next_id):010d}"
        out.crm_rows.append(lead_row(rng, person, lid, **override))
        return lid

    def case(category: str, row: dict, truth: tuple[str, ...] = ()) -> None:
        out.cases.append(Case(category, row, truth))

    def no_keys(**extra) -> dict:
        return {"Email Address": "", "Phone Number": "", "Mobile Phone Number": "", **extra}

    for _ in range(people):
        add(world.person())

    for _ in range(per_category):
        # -- the lead's own person --
        p = world.person()
        case("returning_form_fill", list_row(rng, p, event=False), (add(p),))

        p = world.person(rng.choice(ACCENTED))
        lid = add(p)
        first, last = transliterate(p.locale, p.first), transliterate(p.locale, p.last)
        row = list_row(rng, p, event=False, **no_keys(**{"First Name": first, "Last Name": last}))
        row["Company Name"] = p.company.brand
        case("transliterated_name_company_only", row, (lid,))

        p = world.person(rng.choice(ACCENTED))
        p.mobile = p.mobile or world.mobile(p.locale)
        lid = add(p)
        name = transliterate(p.locale, f"{p.first} {p.last}")
        row = list_row(rng, p, event=True, **no_keys(**{"Full Name": rng.choice([name, name.upper()])}))
        row["Mobile Phone Number"] = typed_phone(rng, p.mobile)
        case("transliterated_mobile_only", row, (lid,))

        p = world.person(rng.choice(EAST_ASIAN))
        lid = add(p)
        given = p.first.replace("-", rng.choice(["", " ", "-"])) if "-" in p.first else p.first
        row = list_row(
            rng,
            p,
            event=True,
            **{"Full Name": rng.choice([f"{p.last.upper()} {given}", f"{p.last} {given}"])},
        )
        case("east_asian_family_first_romanised", row, (lid,))

        p = world.person(rng.choice(SPANISH))
        p.mobile = p.mobile or world.mobile(p.locale)
        lid = add(p)
        first, _, _ = p.last.partition(" ")
        row = list_row(
            rng,
            p,
            event=False,
            **no_keys(**{"First Name": ascii_fold(p.first), "Last Name": ascii_fold(first)}),
        )
        row["Mobile Phone Number"] = typed_phone(rng, p.mobile)
        case("second_surname_dropped_mobile", row, (lid,))

        p = world.person(rng.choice(["DE", "US", "UK", "FR", "DK"]), female=True)
        second = rng.choice([s for s in LOCALES[p.locale]["last"] if s != p.last])
        lid = add(p, LastName=f"{p.last}-{second}")
        row = list_row(rng, p, event=False, **{"Last Name": rng.choice([p.last, second])})
        case("hyphenated_half_same_email", row, (lid,))

        p = world.person(rng.choice(LATIN), female=True)
        lid = add(p)
        married = rng.choice([s for s in LOCALES[p.locale]["last"] if s != p.last.split()[0]])
        row = list_row(rng, p, event=False, **{"Last Name": married})
        case("married_name_same_work_email", row, (lid,))

        p = world.person(rng.choice(LATIN), female=True)
        p.mobile = p.mobile or world.mobile(p.locale)
        lid = add(p)
        married = rng.choice([s for s in LOCALES[p.locale]["last"] if s != p.last.split()[0]])
        row = list_row(rng, p, event=False, **{"Last Name": married})
        row["Email Address"] = world.work_email(p.first, married, p.company.domain)
        row["Mobile Phone Number"] = typed_phone(rng, p.mobile)
        case("married_name_new_email_same_mobile", row, (lid,))

        p = world.person()
        p.email = world.free_email(p.first, p.last, "gmail.com")
        if rng.random() < 0.5:
            lid = add(p)
            alias = p.email.replace("@gmail.com", "@googlemail.com")
        else:
            lid = add(p, Email=p.email.replace("@gmail.com", "@googlemail.com"))
            alias = p.email
        case("googlemail_alias", list_row(rng, p, event=False, **{"Email Address": alias}), (lid,))

        p = world.person()
        provider = rng.choice(list(FREE_TYPOS))
        p.email = world.free_email(p.first, p.last, provider)
        lid = add(p)
        typo = p.email.replace("@" + provider, "@" + rng.choice(FREE_TYPOS[provider]))
        row = list_row(
            rng, p, event=False, **{"Email Address": typo, "Phone Number": "", "Mobile Phone Number": ""}
        )
        case("freemail_domain_typo", row, (lid,))

        p = world.person()
        lid = add(p)
        written = rng.choice(
            [
                f"{p.first} {p.last} <{p.email}>",
                f"mailto:{p.email}",
                f"<{p.email}>",
                f"{p.email};",
                f" {p.email} ",
            ]
        )
        case("email_display_form", list_row(rng, p, **{"Email Address": written}), (lid,))

        p = world.person(rng.choice(["DE", "DK", "PL", "ES", "MX", "FR", "UK", "US"]))
        lid = add(p)
        salutation = rng.choice([s for s in LOCALES[p.locale]["salutations"] if s])
        row = list_row(rng, p, event=True, **{"Full Name": f"{salutation} {p.first} {p.last}"})
        if rng.random() < 0.5:
            row["Email Address"] = ""
        case("local_salutation", row, (lid,))

        locale = rng.choice(["US", "UK"])
        surname, spellings = rng.choice(APOSTROPHE_NAMES)
        p = world.person(locale, last=surname)
        p.mobile = p.mobile or world.mobile(locale)
        lid = add(p)
        row = list_row(rng, p, event=False, **no_keys(**{"Last Name": rng.choice(spellings)}))
        row["Mobile Phone Number"] = typed_phone(rng, p.mobile)
        case("apostrophe_surname_phone_only", row, (lid,))

        p = world.person(rng.choice(["US", "UK", "DE", "FR"]))
        middle = rng.choice(MIDDLE_NAMES)
        lid = add(p, FirstName=f"{p.first} {middle}")
        row = list_row(rng, p, event=False, **{"First Name": middle})
        case("goes_by_middle_name", row, (lid,))

        p = world.person(rng.choice(["DE", "UK", "FR", "DK", "PL", "SE"]))
        p.phone, p.extension = world.phone(p.locale), ""
        lid = add(p)
        row = list_row(rng, p, event=True, **no_keys())
        row["Phone Number"] = typed_phone(rng, p.phone, trunk_in_brackets=True)
        case("trunk_zero_in_brackets", row, (lid,))

        company = world.company(rng.choice(LATIN))
        inbox = f"{rng.choice(GENERIC_LOCALS)}@{company.domain}"
        a, b = world.person(company.locale, company=company), world.person(company.locale, company=company)
        a.email = b.email = inbox
        a.mobile = b.mobile = ""
        lid = add(a)
        add(b)
        case("generic_inbox_holder_self", list_row(rng, a, event=False), (lid,))

        # -- someone else --
        company = world.company(rng.choice(LATIN))
        inbox = f"{rng.choice(GENERIC_LOCALS)}@{company.domain}"
        a, b = world.person(company.locale, company=company), world.person(company.locale, company=company)
        a.email = b.email = inbox
        add(a)
        add(b)
        c = world.person(company.locale, company=company)
        c.email, c.mobile = inbox, ""
        case("generic_inbox_new_colleague", list_row(rng, c), ())

        locale = rng.choice(["US", "UK", "DE", "ES"])
        father = world.person(locale, female=False)
        father.company = world.company(locale, brand=f"{ascii_fold(father.last.split()[0])} & Sons")
        father.email = world.work_email(father.first, father.last, father.company.domain)
        father.phone, father.extension, father.mobile = father.company.switchboard, "", ""
        father.city, father.postcode = father.company.city, father.company.postcode
        add(father)
        son = Person(locale, father.first, father.last, father.company, title="Sales Manager")
        tag = rng.choice([".jr", "jr", "2", ".junior"])
        son.email = f"{slug(son.first)}{tag}.{slug(son.last.split()[0])}@{son.company.domain}"
        son.phone, son.city, son.postcode = father.phone, father.city, father.postcode
        row = list_row(
            rng, son, event=False, **{"Last Name": f"{son.last} {rng.choice(['Jr.', 'Jr', 'Junior'])}"}
        )
        row["Phone Number"] = typed_phone(rng, father.phone)
        case("son_at_fathers_firm", row, ())

        one, two = rng.choice(TWINS)
        locale = rng.choice(["US", "UK", "DE", "PL"])
        company = world.company(locale)
        a = world.person(locale, company=company, first=one)
        add(a)
        b = world.person(locale, company=company, first=two, last=a.last)
        b.phone, b.extension = company.switchboard, ""
        row = list_row(rng, b, event=False)
        row["Phone Number"] = typed_phone(rng, company.switchboard)
        case("twins_same_company", row, ())

        p = world.person(rng.choice(ACCENTED))
        add(p)
        other = world.company(p.locale)
        other.city = p.city
        namesake = Person(p.locale, p.first, p.last, other, title=rng.choice(TITLES), city=p.city)
        namesake.email = world.work_email(p.first, p.last, other.domain)
        row = list_row(
            rng, namesake, event=False, **{"First Name": ascii_fold(p.first), "Last Name": ascii_fold(p.last)}
        )
        case("namesake_same_city_accents", row, ())

        p = world.person(rng.choice(SPANISH))
        add(p)
        paternal, _, maternal = p.last.partition(" ")
        other_last = f"{paternal} {rng.choice([s for s in LOCALES[p.locale]['last'] if s not in (paternal, maternal)])}"
        q = world.person(p.locale, company=p.company, first=p.first, last=other_last)
        q.mobile = ""
        if q.phone == p.phone:
            q.phone = ""
        case("other_second_surname", list_row(rng, q, event=False), ())

        p = world.person(rng.choice(["DE", "DK", "SE", "PL"]))
        add(p)
        q = Person(p.locale, p.first, p.last, world.company(p.locale), title=rng.choice(TITLES))
        q.city, q.postcode = q.company.city, q.company.postcode
        q.email = world.work_email(
            transliterate(p.locale, p.first), transliterate(p.locale, p.last), q.company.domain
        )
        name = transliterate(p.locale, f"{p.first} {p.last}")
        row = list_row(rng, q, event=True, **{"Full Name": name})
        case("transliterated_namesake_other_company", row, ())

        p = world.person(rng.choice(EAST_ASIAN))
        add(p)
        q = Person(p.locale, p.first, p.last, world.company(p.locale), title=rng.choice(TITLES))
        q.city, q.postcode = q.company.city, q.company.postcode
        q.email = world.work_email(p.first, p.last, q.company.domain)
        row = list_row(rng, q, event=True, **{"Full Name": f"{p.last.upper()} {p.first}"})
        case("east_asian_namesake_other_company", row, ())

        p = world.person()
        p.mobile = p.mobile or world.mobile(p.locale)
        add(p)
        q = world.person(p.locale)
        q.mobile = p.mobile
        row = list_row(
            rng,
            q,
            event=False,
            **{"Email Address": world.free_email(q.first, q.last, rng.choice(LOCALES[q.locale]["free"]))},
        )
        row["Mobile Phone Number"], row["Phone Number"] = typed_phone(rng, p.mobile), ""
        row["Company Name"] = rng.choice(["", q.company.brand])
        case("recycled_mobile", row, ())

        locale = rng.choice(["US", "UK", "DE", "PL", "FR"])
        company = world.company(locale)
        a = world.person(locale, company=company)
        initial = a.first[0]
        b_first = rng.choice(
            [
                n
                for n in LOCALES[locale]["male"] + LOCALES[locale]["female"]
                if n[0] == initial and n != a.first
            ]
            or [initial + "ane"]
        )
        b = world.person(locale, company=company, first=b_first, last=a.last)
        add(a)
        add(b)
        row = list_row(rng, a, event=True, **no_keys(**{"Full Name": f"{initial}. {a.last}"}))
        row["Phone Number"] = typed_phone(rng, company.switchboard)
        case("initial_fits_two_leads", row, ())

        p = world.person(rng.choice(LATIN))
        provider = rng.choice(LOCALES[p.locale]["free"])
        p.email = world.free_email(p.first, p.last, provider)
        add(p)
        stranger = Person(p.locale, p.first, p.last, world.company(p.locale), title=p.title)
        stranger.city, stranger.postcode = p.city, p.postcode
        stranger.email = world.free_email(p.first, p.last, provider)
        row = list_row(rng, stranger, event=False)
        row["Company Name"] = ""
        case("stranger_many_collisions", row, ())

    rng.shuffle(out.crm_rows)
    rng.shuffle(out.cases)
    for number, item in enumerate(out.cases, start=1):
        item.external_id = f"MKTO-{number:06d}"
    return out


# -- organisations --------------------------------------------------------------------------------------------


def account_row(rng: random.Random, company: Company, aid: str, **override) -> dict:
    row = {
        "Id": aid,
        "Name": company.name,
        "Website": rng.choice([f"https://www.{company.domain}", f"www.{company.domain}", company.domain]),
        "Phone": phonenumbers.format_number(
            phonenumbers.parse(company.switchboard), phonenumbers.PhoneNumberFormat.INTERNATIONAL
        ),
        "BillingStreet": company.street,
        "BillingCity": company.city,
        "BillingPostalCode": company.postcode,
        "BillingCountry": LOCALES[company.locale]["country"],
        "Industry": rng.choice(["Software", "Manufacturing", "Logistics", "Retail", "Consulting"]),
    }
    row.update(override)
    return row


def company_list_row(rng: random.Random, company: Company, **override) -> dict:
    row = {
        "Account Name": rng.choice([company.brand, company.name]),
        "Domain": rng.choice([company.domain, f"https://{company.domain}/", ""])
        if rng.random() < 0.8
        else "",
        "Main Phone": typed_phone(rng, company.switchboard) if rng.random() < 0.6 else "",
        "City": company.city,
        "Zip": company.postcode,
        "Country": LOCALES[company.locale]["country"],
    }
    row.update(override)
    return row


def organisation_cases(orgs: int = 1000, per_category: int = 30, *, seed: int = 62) -> CaseSet:
    world = World(seed)
    rng = world.rng
    out = CaseSet()
    next_id = iter(range(1, 10**7))
    latin = ["US", "UK", "DE", "ES", "FR", "PL", "DK", "SE", "MX"]

    def add(company: Company, **override) -> str:
        aid = f"0015e{next(next_id):010d}"
        out.crm_rows.append(account_row(rng, company, aid, **override))
        return aid

    def case(category: str, row: dict, truth: tuple[str, ...] = ()) -> None:
        out.cases.append(Case(category, row, truth))

    for _ in range(orgs):
        add(world.company(rng.choice(list(LOCALES))))

    for _ in range(per_category):
        # a trading name ("doing business as") on the list, the registered name in the CRM; the domain agrees
        locale = rng.choice(["US", "UK"])
        c = world.company(locale, brand=f"{world.brand()} Holdings")
        aid = add(c)
        trading = f"{c.brand.split()[0]} {rng.choice(BRAND_WORDS)}"
        row = company_list_row(rng, c, **{"Account Name": trading, "Domain": f"https://www.{c.domain}"})
        case("org_dba_same_domain", row, (aid,))

        c = world.company(rng.choice(["US", "UK"]))
        aid = add(c)
        written = (
            f"{c.name} {rng.choice(['dba', 'DBA', 'd/b/a', 't/a'])} {world.brand()} {rng.choice(BRAND_WORDS)}"
        )
        case("org_dba_in_name", company_list_row(rng, c, **{"Account Name": written}), (aid,))

        c = world.company(rng.choice(latin))
        aid = add(c)
        written = rng.choice([f"{c.brand} ({c.city})", f"{c.brand} - {c.city}", f"{c.name}, {c.city} office"])
        case("org_name_with_location", company_list_row(rng, c, **{"Account Name": written}), (aid,))

        locale = rng.choice(latin)
        brand = world.brand()
        holding = world.company(locale, brand=f"{brand} Holding")
        operating = world.company(locale, brand=f"{brand} Services", domain=holding.domain)
        add(holding)
        aid = add(operating)
        row = company_list_row(
            rng, operating, **{"Account Name": f"{brand} Services", "Domain": holding.domain}
        )
        case("org_operating_company_of_holding", row, (aid,))

        words = [world.brand() for _ in range(3)]
        c = world.company(rng.choice(["US", "UK"]), brand=" ".join(words))
        aid = add(c)
        acronym = "".join(word[0] for word in words).upper()
        row = company_list_row(rng, c, **{"Account Name": acronym, "Domain": ""})
        row["Main Phone"] = typed_phone(rng, c.switchboard)
        case("org_abbreviation_same_phone", row, (aid,))

        # -- another company --
        locale = rng.choice(["US", "UK", "DE"])
        brand = f"{world.brand()} {rng.choice(['Plumbing', 'Dental', 'Roofing', 'Catering'])}"
        a = world.company(locale, brand=brand)
        add(a)
        b = world.company(locale, brand=brand)
        b.legal = a.legal
        while b.city == a.city:
            b.city = rng.choice(LOCALES[locale]["cities"])
        case("org_same_name_other_city", company_list_row(rng, b), ())

        locale = rng.choice(latin)
        brand = world.brand()
        holding = world.company(locale, brand=f"{brand} Holding")
        operating = world.company(locale, brand=f"{brand} Services", domain=holding.domain)
        while operating.city == holding.city:  # its own site and switchboard: another legal entity
            operating.city = rng.choice(LOCALES[locale]["cities"])
        add(holding)
        row = company_list_row(
            rng, operating, **{"Account Name": f"{brand} Services", "Domain": holding.domain}
        )
        case("org_holding_not_operating", row, ())

        locale = rng.choice(latin)
        a = world.company(locale, brand=f"{world.brand()} {rng.choice(BRAND_WORDS)}")
        add(a)
        b = world.company(
            locale, brand=f"{a.brand.split()[1]} {a.brand.split()[0][:3]}{rng.choice(BRAND_SYLLABLES)}"
        )
        b.city = a.city
        case("org_not_in_crm_shared_words", company_list_row(rng, b), ())

    rng.shuffle(out.crm_rows)
    rng.shuffle(out.cases)
    for number, item in enumerate(out.cases, start=1):
        item.external_id = f"ACC-{number:06d}"
    return out


# -- files and the two tools ------------------------------------------------------------------------------


# Splink reads the pair through SQL mapping these columns onto its settings' names: a "Last, First" full name
# split at its comma, any other at its first space; the address out of "Name <address>" or "mailto:"; the
# mobile before the desk line, extension and "(0)" cut off.
_EXTENSION = r"'\s*(x|ext\.?)\s*[0-9]+\s*$'"
_FULL = '"Full Name"'
PERSON_SQL = {
    "crm": f"""
        SELECT "Id" AS unique_id,
               nullif(lower(strip_accents(split_part(trim("FirstName"), ' ', 1))), '') AS first_name,
               nullif(lower(strip_accents(trim("LastName"))), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               {{phone}}(regexp_replace(coalesce(nullif("MobilePhone", ''), "Phone"), {_EXTENSION}, '')) AS phone,
               {{company}}(strip_accents("Company")) AS company,
               nullif(trim("PostalCode"), '') AS zip,
               nullif(lower(strip_accents(trim("City"))), '') AS city, NULL AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{LIST_ID}" AS unique_id,
               nullif(lower(strip_accents(coalesce(nullif(trim("First Name"), ''),
                      CASE WHEN strpos({_FULL}, ',') > 0 THEN trim(split_part({_FULL}, ',', 2))
                           ELSE split_part(trim({_FULL}), ' ', 1) END))), '') AS first_name,
               nullif(lower(strip_accents(coalesce(nullif(trim("Last Name"), ''),
                      CASE WHEN strpos({_FULL}, ',') > 0 THEN trim(split_part({_FULL}, ',', 1))
                           ELSE trim(substr(trim({_FULL}), strpos(trim({_FULL}), ' ') + 1)) END))), '') AS last_name,
               nullif(lower(trim(regexp_replace(regexp_extract("Email Address", '[^<>;: ]+@[^<>; ]+'), '^mailto:', ''))),
                      '') AS email,
               {{phone}}(regexp_replace(replace(coalesce(nullif("Mobile Phone Number", ''), "Phone Number"), '(0)', ''),
                      {_EXTENSION}, '')) AS phone,
               {{company}}(strip_accents("Company Name")) AS company,
               nullif(trim("Postal Code"), '') AS zip,
               nullif(lower(strip_accents(trim("City"))), '') AS city, NULL AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}
ORGANISATION_SQL = {
    "crm": SALESFORCE_ACCOUNT_SQL,
    "inbound": organisation_inbound_sql(
        COMPANY_LIST_ID, "Account Name", "Domain", "Main Phone", "City", "Zip"
    ),
}


def main() -> None:
    run_generated(
        "identity-sixth",
        [
            GeneratedSuite(
                "people", lambda args: person_cases(args.people, args.per_category, seed=args.seed),
                "salesforce", "list", LEAD_COLUMNS, LIST_COLUMNS, LIST_ID,
                ["--provider", "salesforce", "--object", "Lead", "--kind", "person"], "person", PERSON_SQL,
                "Salesforce Lead",
            ),
            GeneratedSuite(
                "organisations", lambda args: organisation_cases(args.orgs, args.per_category, seed=args.seed + 1),
                "salesforce", "list", ACCOUNT_COLUMNS, COMPANY_LIST_COLUMNS, COMPANY_LIST_ID,
                ["--provider", "salesforce", "--object", "Account", "--kind", "organisation"], "organisation",
                ORGANISATION_SQL, "Salesforce Account",
            ),
        ],
        seed=61, people=2500, orgs=1000,
    )  # fmt: skip


if __name__ == "__main__":
    main()
