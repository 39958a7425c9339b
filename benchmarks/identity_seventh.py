"""A seventh, independent check of identity: a HubSpot export merged with a Pipedrive account's export, as
when two sales teams' CRMs are brought together.

    python benchmarks/identity_seventh.py [--people 2500] [--orgs 1000] [--per-category 30] [--seed 71]
                                          [--only people|organisations] [--skip-splink] [--keep DIR]

**The CRM side is a HubSpot UI export** (contacts: `Record ID`, `First Name`, `Last Name`, `Email`,
`Phone Number` with its extension as HubSpot shows it, `Mobile Phone Number`, `Company Name`, `Job Title`,
`Street Address`, `City`, `Postal Code`, `Country/Region`; companies: `Record ID`, `Company name`,
`Company Domain Name`, `Phone Number`, address parts, `Industry`).

**The inbound side is a Pipedrive export** (persons: `Person - ID`, `Person - Name`, `Person - First name`,
`Person - Last name`, `Person - Email - Work`, `Person - Email - Home`, `Person - Phone - Work`,
`Person - Phone - Mobile`, `Person - Phone - Home`, `Person - Organization`, the postal address in parts;
organisations: `Organization - ID`, `Organization - Name`, `Organization - Address` and its parts, and the
custom fields `Organization - Website` and `Organization - Phone`). Phones are typed as people type them ("x123",
"+44 (0)20", national with the country, "tel:"), emails in upper case or with a plus tag, names in
decomposed Unicode (NFD), Japanese records in full-width characters with the family name first.

The categories (`CATEGORIES`, `ORG_CATEGORIES`) are chosen to be what the six earlier generators do not write.
"none" cases are someone (or some company) that is NOT in the CRM but collides with a record that is:
- a sibling or parent with a compound given name that shares its first part ("Jean-Luc" vs "Jean-Pierre",
  "María Isabel" vs "María Teresa") at the family's home phone and address;
- a colleague whose given name is one letter from the CRM person's at a family firm ("Daniela" vs "Daniel",
  "Paula" vs "Paul"), same switchboard, own mailbox;
- the son or father with a generational suffix ("Robert Brown Jr." vs "Robert Brown Sr."/"Robert Brown")
  at the same company and switchboard, own mailbox;
- a spouse whose short name fits the CRM person's ("Alex" for Alexander, CRM Alexandra) at the shared home
  landline and address, own mailbox and employer;
- a namesake with the same email local part at an unrelated company of the same brand on another country
  domain (james.smith@summit.co.uk vs james.smith@summit.com) or at another free-mail provider
  (david.jones@outlook.com vs david.jones@hotmail.com), other phones and city;
- a common-name namesake at another office of the same large company, no email, the other office's line.
Organisations: a third franchise branch (the CRM keeps two others apart, all on the brand's domain), an
unrelated company on the brand's other country domain, the next fund of a fund family (same manager, domain,
phone, address: "Fund III" vs "Fund II"), a numbered company one digit away ("1234567 Ontario Inc."), a
company in a shared serviced office (same phone and address, no domain).
"link" cases are the CRM record's own person or company written differently.

Both tools run on the same files in one run, through `identity_quality`'s helpers.
"""

import difflib
import random
import unicodedata
from dataclasses import dataclass

import phonenumbers
from identity_quality import GeneratedCase as Case
from identity_quality import GeneratedCases as CaseSet
from identity_quality import GeneratedSuite, run_generated

W = str.split
PNF = phonenumbers.PhoneNumberFormat

HUBSPOT_CONTACT_COLUMNS = [
    "Record ID",
    "First Name",
    "Last Name",
    "Email",
    "Phone Number",
    "Mobile Phone Number",
    "Company Name",
    "Job Title",
    "Street Address",
    "City",
    "Postal Code",
    "Country/Region",
    "Lifecycle Stage",
]
PIPEDRIVE_PERSON_ID = "Person - ID"
PIPEDRIVE_PERSON_COLUMNS = [
    PIPEDRIVE_PERSON_ID,
    "Person - Name",
    "Person - First name",
    "Person - Last name",
    "Person - Email - Work",
    "Person - Email - Home",
    "Person - Phone - Work",
    "Person - Phone - Mobile",
    "Person - Phone - Home",
    "Person - Organization",
    "Person - Postal address - City/town/village/locality",
    "Person - Postal address - ZIP/Postal code",
    "Person - Postal address - Country",
    "Person - Label",
]
HUBSPOT_COMPANY_COLUMNS = [
    "Record ID",
    "Company name",
    "Company Domain Name",
    "Phone Number",
    "Street Address",
    "City",
    "Postal Code",
    "Country/Region",
    "Industry",
]
PIPEDRIVE_ORG_ID = "Organization - ID"
PIPEDRIVE_ORG_COLUMNS = [
    PIPEDRIVE_ORG_ID,
    "Organization - Name",
    "Organization - Website",
    "Organization - Phone",
    "Organization - Address",
    "Organization - Address - City/town/village/locality",
    "Organization - Address - ZIP/Postal code",
    "Organization - Address - Country",
]

LOCALES = {
    "US": dict(
        region="US",
        country="United States",
        tld="com",
        male=W(
            "James John Robert Michael William David Richard Thomas Charles Daniel Mark Steven Paul Kevin"
        ),
        female=W(
            "Mary Patricia Jennifer Linda Barbara Susan Jessica Karen Nancy Lisa Betty Sandra Donna Carol"
        ),
        last=W(
            "Smith Johnson Williams Brown Jones Garcia Miller Davis Wilson Anderson Thomas Taylor Moore Jackson "
            "Martin Lee Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Hill"
        ),
        legal=["Inc.", "LLC", "Corp."],
        free=["gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "aol.com"],
        cities=[
            ("Chicago", "606"),
            ("Houston", "770"),
            ("Phoenix", "850"),
            ("Denver", "802"),
            ("Atlanta", "303"),
        ],
    ),
    "UK": dict(
        region="GB",
        country="United Kingdom",
        tld="co.uk",
        male=W("Oliver Harry George Jack Jacob Charlie Thomas Oscar William James Henry Edward Alfie Joshua"),
        female=W("Olivia Amelia Isla Ava Emily Sophie Grace Mia Poppy Ella Lily Evie Isabella Jessica Chloe"),
        last=W(
            "Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker White "
            "Roberts Green Hall Wood Jackson Clarke Patel Khan Lewis James Hughes Edwards Turner Hill Harris"
        ),
        legal=["Ltd", "Limited", "PLC"],
        free=["gmail.com", "hotmail.co.uk", "outlook.com", "btinternet.com", "yahoo.co.uk"],
        cities=[
            ("Leeds", "LS"),
            ("Bristol", "BS"),
            ("Manchester", "M"),
            ("Sheffield", "S"),
            ("Norwich", "NR"),
        ],
    ),
    "FR": dict(
        region="FR",
        country="France",
        tld="fr",
        male=W(
            "Jean-Pierre Jean-Luc Jean-Marc Jean-François Jean-Claude Pierre-Yves Philippe Nicolas Olivier"
        ),
        female=W("Marie-Claire Marie-Hélène Anne-Sophie Anne-Laure Marie-France Isabelle Nathalie Sylvie"),
        last=W(
            "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefèvre Michel "
            "Garcia David Bertrand Roux Vincent Fournier Morel Girard André Mercier Dupont Lambert Bonnet"
        ),
        legal=["SAS", "SARL", "SA"],
        free=["orange.fr", "free.fr", "gmail.com", "laposte.net", "wanadoo.fr"],
        cities=[("Lyon", "69"), ("Nantes", "44"), ("Toulouse", "31"), ("Lille", "59"), ("Rennes", "35")],
    ),
    "ES": dict(
        region="ES",
        country="Spain",
        tld="es",
        male=W("José_Luis Juan_Carlos José_Antonio Juan_Manuel Francisco_Javier Miguel_Ángel José_Manuel"),
        female=W("María_José María_Isabel María_Teresa María_Carmen María_Pilar Ana_Belén María_Dolores"),
        last=W(
            "García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz "
            "Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez"
        ),
        legal=["S.L.", "S.A."],
        free=["gmail.com", "hotmail.es", "yahoo.es", "telefonica.net"],
        cities=[
            ("Valencia", "46"),
            ("Bilbao", "48"),
            ("Zaragoza", "50"),
            ("Murcia", "30"),
            ("Alicante", "03"),
        ],
        two_surnames=True,
    ),
    "NL": dict(
        region="NL",
        country="Netherlands",
        tld="nl",
        male=W("Jan Pieter Kees Willem Hendrik Bram Daan Joost Maarten Sander Thijs Ruud Bas Wouter"),
        female=W("Anna Sanne Lotte Eva Femke Marieke Inge Anouk Lieke Esther Marloes Ilse Fleur Noor"),
        last=[
            "van der Meer",
            "de Vries",
            "van den Berg",
            "van Dijk",
            "de Jong",
            "Bakker",
            "Visser",
            "Smit",
            "de Boer",
            "Mulder",
            "van der Linden",
            "de Groot",
            "Bos",
            "Vos",
            "van Leeuwen",
            "Dekker",
            "ter Horst",
            "van 't Hof",
            "in 't Veld",
            "Meijer",
        ],
        legal=["B.V.", "N.V."],
        free=["gmail.com", "hotmail.nl", "ziggo.nl", "kpnmail.nl", "planet.nl"],
        cities=[
            ("Utrecht", "35"),
            ("Eindhoven", "56"),
            ("Groningen", "97"),
            ("Haarlem", "20"),
            ("Delft", "26"),
        ],
    ),
    "JP": dict(
        region="JP",
        country="Japan",
        tld="co.jp",
        male=W("Hiroshi Takashi Kenji Daisuke Satoshi Kazuki Makoto Naoki Shota Yusuke Tatsuya Ryo"),
        female=W("Yuko Keiko Naomi Ayumi Emi Haruka Mai Nanami Sakura Yui Aoi Misaki"),
        last=W("Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada"),
        legal=["K.K.", "Co., Ltd."],
        free=["gmail.com", "yahoo.co.jp", "docomo.ne.jp", "ezweb.ne.jp"],
        cities=[("Osaka", "53"), ("Nagoya", "45"), ("Fukuoka", "81"), ("Sapporo", "06"), ("Kobe", "65")],
        family_first=True,
    ),
    "CN": dict(
        region="CN",
        country="China",
        tld="com.cn",
        male=W("Jianhua Jianguo Xiaoming Zhiqiang Haitao Jianjun Weidong Guoqiang Minghui Yonggang"),
        female=W("Xiaoling Xiuying Guiying Lihua Meiling Xiaohong Yanping Jinfeng Huimin Shuang"),
        last=W("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou"),
        legal=["Co., Ltd."],
        free=["qq.com", "163.com", "126.com", "sina.com"],
        cities=[
            ("Shanghai", "200"),
            ("Hangzhou", "310"),
            ("Shenzhen", "518"),
            ("Chengdu", "610"),
            ("Wuhan", "430"),
        ],
        family_first=True,
    ),
    "KR": dict(
        region="KR",
        country="South Korea",
        tld="co.kr",
        male=W("Seo-jun Min-jun Ji-hoon Hyun-woo Do-yun Jae-won Sung-min Young-ho Dong-hyun Joon-ho"),
        female=W("Seo-yeon Ji-woo Min-seo Ha-eun Soo-jin Ji-hye Eun-ji Yoon-ah Hye-jin Su-bin"),
        last=W("Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim"),
        legal=["Co., Ltd.", "Corp."],
        free=["naver.com", "daum.net", "gmail.com", "hanmail.net"],
        cities=[("Seoul", "04"), ("Busan", "48"), ("Incheon", "21"), ("Daegu", "41"), ("Daejeon", "34")],
        family_first=True,
    ),
    "CA": dict(
        region="CA",
        country="Canada",
        tld="ca",
        male=W("Liam Noah Ethan Lucas Logan Owen Nathan Benjamin Samuel Gabriel Dylan Ryan"),
        female=W("Emma Olivia Charlotte Chloe Emily Abigail Sophia Madison Zoe Hannah Avery Megan"),
        last=W(
            "Tremblay Gagnon Roy Côté Bouchard Gauthier Morin Lavoie Fortin Gagné Ouellet Pelletier Bélanger"
        ),
        legal=["Inc.", "Ltd.", "Corp."],
        free=["gmail.com", "hotmail.com", "videotron.ca", "sympatico.ca", "rogers.com"],
        cities=[
            ("Toronto", "M5"),
            ("Ottawa", "K1"),
            ("Mississauga", "L5"),
            ("Hamilton", "L8"),
            ("London", "N6"),
        ],
    ),
}
# Pairs of given names one letter apart that are different names (and people), both ways round.
NEAR_NAMES = [
    ("Daniel", "Daniela"), ("Paul", "Paula"), ("Mario", "Maria"), ("Jan", "Jana"), ("Christian", "Christina"),
    ("Eric", "Erica"), ("Julian", "Juliana"), ("Carlo", "Carla"), ("Simon", "Simona"), ("Adrian", "Adriana"),
    ("Gabriel", "Gabriela"), ("Luis", "Luisa"), ("Antonio", "Antonia"), ("Robert", "Roberta"),
    ("Louis", "Louise"), ("Patrick", "Patricia"), ("Marco", "Marca"), ("Frank", "Franka"),
]  # fmt: skip
# Romanised Chinese and Korean given names one syllable letter apart: two names (two characters), not a typo.
SYLLABLE_NEIGHBOURS = {
    "CN": [("Xiaoming", "Xiaoling"), ("Jianhua", "Jianhui"), ("Haitao", "Haiyao"), ("Minghui", "Minghua"),
           ("Lihua", "Lihui"), ("Jianguo", "Jianmin"), ("Weidong", "Weihong"), ("Meiling", "Meilin")],
    "KR": [("Seo-jun", "Seo-jin"), ("Min-jun", "Min-jin"), ("Ji-hoon", "Ji-hyun"), ("Hyun-woo", "Hyun-soo"),
           ("Jae-won", "Jae-woo"), ("Sung-min", "Sung-jin"), ("Soo-jin", "Soo-min"), ("Eun-ji", "Eun-hi")],
}  # fmt: skip
# Short names two different full names go by; the CRM holds one spouse, the list the other.
SHARED_SHORT = [
    ("Alex", "Alexander", "Alexandra"), ("Sam", "Samuel", "Samantha"), ("Chris", "Christopher", "Christine"),
    ("Pat", "Patrick", "Patricia"), ("Nicky", "Nicholas", "Nicola"), ("Toni", "Anthony", "Antonia"),
    ("Charlie", "Charles", "Charlotte"), ("Andy", "Andrew", "Andrea"), ("Danny", "Daniel", "Danielle"),
    ("Freddie", "Frederick", "Frederica"), ("Jo", "Jonathan", "Joanna"), ("Gabi", "Gabriel", "Gabriella"),
]  # fmt: skip
SUFFIX_PAIRS = [("Sr.", "Jr."), ("", "Jr."), ("", "II"), ("II", "III"), ("Sr", "Jr"), ("", "III")]
SYLLABLES = W(
    "ar bel cor dan el fen gar hal iv jor kal lun mer nor or pal quin ros sol tor ul var wen yor zan"
)
BRAND_WORDS = W("Systems Partners Logistics Foods Dental Capital Analytics Supply Media Labs Energy Works")
TITLES = ["Buyer", "Operations Manager", "CFO", "Head of IT", "Office Manager", "Sales Director", "Engineer"]
INDUSTRIES = ["Retail", "Software", "Finance", "Healthcare", "Logistics", "Manufacturing"]

CATEGORIES = {
    "returning_control": "link",
    "nfd_name_upper_plus_email": "link",
    "fullwidth_japanese_family_first": "link",
    "particle_surname_other_layout": "link",
    "title_postnominal_extension": "link",
    "second_surname_only_tel_uri": "link",
    "compound_given_sibling_home": "none",
    "compound_given_family_mailbox": "none",
    "near_name_family_mailbox": "none",
    "generational_suffix_home": "none",
    "short_name_spouse_family_mailbox": "none",
    "near_name_family_firm": "none",
    "generational_suffix_same_firm": "none",
    "generational_suffix_same_mailbox": "none",
    "short_name_spouse_home": "none",
    "same_local_other_country_domain": "none",
    "same_local_other_freemail": "none",
    "common_name_other_office": "none",
    "east_asian_syllable_colleague": "none",
}
ORG_CATEGORIES = {
    "org_returning_control": "link",
    "org_branch_own_city": "link",
    "org_the_and_co_forms": "link",
    "org_franchise_third_branch": "none",
    "org_other_country_domain_brand": "none",
    "org_next_fund_same_manager": "none",
    "org_numbered_company_digit": "none",
    "org_serviced_office_neighbour": "none",
}


def ascii_fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def slug(text: str) -> str:
    return "".join(c for c in ascii_fold(text).lower() if c.isalnum())


def fullwidth(text: str) -> str:
    """ASCII letters, digits and signs as their full-width forms (U+FF01..), spaces as U+3000."""
    return "".join("\u3000" if c == " " else chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@dataclass
class Company:
    locale: str
    brand: str
    legal: str
    domain: str
    phone: str  # E.164 switchboard
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
    desk: str = ""  # E.164
    extension: str = ""
    mobile: str = ""
    home: str = ""  # home landline, E.164
    personal: str = ""  # personal email
    street: str = ""
    city: str = ""
    postcode: str = ""
    title: str = ""
    suffix: str = ""


class World:
    """Deterministic people and companies; a value is handed out once unless a case asks for a collision."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.used: set = set()
        self.next_id = 51_000_000_000 + seed * 1_000_000

    def record_id(self) -> str:
        self.next_id += self.rng.randrange(1, 400)
        return str(self.next_id)

    def fresh(self, make):
        for _ in range(1000):
            value = make()
            if value not in self.used:
                self.used.add(value)
                return value
        raise RuntimeError("values exhausted")

    def number(self, locale: str, kind=phonenumbers.PhoneNumberType.FIXED_LINE) -> str:
        region = LOCALES[locale]["region"]
        example = phonenumbers.example_number_for_type(region, kind)
        digits = phonenumbers.national_significant_number(example)
        keep = max(2, len(digits) - 6)

        def make():
            while True:
                tail = "".join(str(self.rng.randrange(10)) for _ in digits[keep:])
                parsed = phonenumbers.parse(f"+{example.country_code}{digits[:keep]}{tail}")
                if phonenumbers.is_valid_number(parsed):
                    return phonenumbers.format_number(parsed, PNF.E164)

        return self.fresh(make)

    def brand(self) -> str:
        return self.fresh(
            lambda: "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.choice((2, 3)))).title()
        )

    def place(self, locale: str) -> tuple[str, str, str]:
        city, prefix = self.rng.choice(LOCALES[locale]["cities"])
        if locale == "UK":
            postcode = f"{prefix}{self.rng.randrange(1, 20)} {self.rng.randrange(1, 9)}{self.rng.choice('ABDEFGHJ')}{self.rng.choice('LNPQRSTU')}"
        elif locale == "CA":
            postcode = f"{prefix}{self.rng.choice('ABCEGHJ')} {self.rng.randrange(1, 9)}{self.rng.choice('KLMNPR')}{self.rng.randrange(1, 9)}"
        elif locale == "NL":
            postcode = f"{prefix}{self.rng.randrange(10, 99)} {self.rng.choice('ABCDEFGH')}{self.rng.choice('JKLMNPRS')}"
        elif locale == "JP":
            postcode = f"{prefix}{self.rng.randrange(0, 9)}-{self.rng.randrange(1000, 9999)}"
        else:
            postcode = f"{prefix}{self.rng.randrange(10, 99):02d}{self.rng.randrange(0, 9)}"[:5]
        street = f"{self.rng.randrange(1, 240)} {self.rng.choice(W('Mill Station Park Church High Market Bridge'))} {self.rng.choice(W('Road Street Lane Avenue'))}"
        return city, postcode, street

    def company(
        self, locale: str, *, brand: str | None = None, domain: str | None = None, legal=None
    ) -> Company:
        info = LOCALES[locale]
        brand = brand or (
            self.brand() if self.rng.random() < 0.6 else f"{self.brand()} {self.rng.choice(BRAND_WORDS)}"
        )
        domain = domain or self.fresh(
            lambda: f"{slug(brand)}{self.rng.choice(['', '', 'group', 'hq'])}.{info['tld']}"
        )
        city, postcode, street = self.place(locale)
        return Company(
            locale,
            brand,
            legal or self.rng.choice(info["legal"]),
            domain,
            self.number(locale),
            city,
            postcode,
            street,
        )

    def name(self, locale: str, *, female: bool | None = None) -> tuple[str, str]:
        info = LOCALES[locale]

        def make():
            is_female = self.rng.random() < 0.5 if female is None else female
            given = self.rng.choice(info["female" if is_female else "male"]).replace("_", " ")
            family = self.rng.choice(info["last"])
            if info.get("two_surnames"):
                family = f"{family} {self.rng.choice([s for s in info['last'] if s != family])}"
            return given, family

        try:
            return self.fresh(make)
        except RuntimeError:  # a small locale's names run out: namesakes, as in a real CRM
            return make()

    def work_email(self, first: str, last: str, domain: str) -> str:
        # a Dutch particle ("van der Meer") is not in the address; a Spanish second surname often is not
        parts = last.split()
        given, family = slug(first.split()[0]), slug(parts[-1] if last[:1].islower() else parts[0])
        styles = ["{f}.{l}", "{f}.{l}", "{i}{l}", "{f}{l}", "{f}_{l}", "{i}.{l}"]
        return self.fresh(
            lambda: (
                self.rng.choice(styles).format(f=given, l=family, i=given[0])
                + ("" if self.rng.random() < 0.85 else str(self.rng.randrange(2, 9)))
                + "@"
                + domain
            )
        )

    def mailbox(self, local: str, provider: str) -> str:
        """An address no one else in the world holds: Gmail ignores dots, so "jacob.jones" and "jacobjones"
        at gmail.com are one mailbox (and one person's)."""
        canonical = local.replace(".", "") if provider in ("gmail.com", "googlemail.com") else local
        key = ("mailbox", canonical.lower(), "gmail.com" if provider == "googlemail.com" else provider)
        if key in self.used:
            return ""
        self.used.add(key)
        return f"{local}@{provider}"

    def free_email(self, first: str, last: str, provider: str) -> str:
        given, family = slug(first.split()[0]), slug(last.split()[0])
        for _ in range(1000):
            local = self.rng.choice(["{f}.{l}{n}", "{f}{l}{n}", "{i}{l}{n}", "{l}.{f}{n}"]).format(
                f=given, l=family, i=given[0], n=self.rng.randrange(1, 99)
            )
            if address := self.mailbox(local, provider):
                return address
        raise RuntimeError("values exhausted")

    def person(self, locale: str, company: Company, *, first=None, last=None, female=None) -> Person:
        if first is None or last is None:
            given, family = self.name(locale, female=female)
            first, last = first or given, last or family
        person = Person(locale, first, last, company, title=self.rng.choice(TITLES))
        person.email = self.work_email(first, last, company.domain)
        if self.rng.random() < 0.5:
            person.desk, person.extension = company.phone, str(self.rng.randrange(100, 999))
        elif self.rng.random() < 0.6:
            person.desk = self.number(locale)
        person.mobile = (
            self.number(locale, phonenumbers.PhoneNumberType.MOBILE) if self.rng.random() < 0.6 else ""
        )
        person.city, person.postcode, person.street = company.city, company.postcode, company.street
        return person

    def home(self, person: Person) -> None:
        """A home landline, a personal mailbox and the home address."""
        info = LOCALES[person.locale]
        person.home = self.number(person.locale)
        person.personal = self.free_email(person.first, person.last, self.rng.choice(info["free"]))
        person.city, person.postcode, person.street = self.place(person.locale)


# -- rows ---------------------------------------------------------------------------------------------------


def hubspot_phone(e164: str, extension: str = "") -> str:
    """HubSpot shows a number in its international form, an extension after " ext. "."""
    if not e164:
        return ""
    text = phonenumbers.format_number(phonenumbers.parse(e164), PNF.INTERNATIONAL)
    return f"{text} ext. {extension}" if extension else text


def typed_phone(rng: random.Random, e164: str, extension: str = "", *, style: str = "") -> str:
    """A number as a person types it: international, national (read with the country), "+44 (0)20 ...",
    "tel:" URI, with "x123" or "ext 123" after it."""
    if not e164:
        return ""
    parsed = phonenumbers.parse(e164)
    international = phonenumbers.format_number(parsed, PNF.INTERNATIONAL)
    national = phonenumbers.format_number(parsed, PNF.NATIONAL)
    style = style or rng.choice(["international", "national", "national", "trunk", "dots"])
    if style == "trunk" and national.startswith("0"):
        text = f"+{parsed.country_code} (0){national[1:]}"
    elif style == "dots":
        text = international.replace(" ", ".").replace("-", ".")
    elif style == "tel":
        text = phonenumbers.format_number(parsed, PNF.RFC3966)
    elif style == "national":
        text = national
    else:
        text = international
    if extension:
        text += rng.choice([f" x{extension}", f" x {extension}", f" ext {extension}", f" #{extension}"])
    return text


def contact_row(person: Person, record_id: str, **override) -> dict:
    info = LOCALES[person.locale]
    last = f"{person.last} {person.suffix}".strip()
    row = {
        "Record ID": record_id,
        "First Name": person.first,
        "Last Name": last,
        "Email": person.email or person.personal,
        "Phone Number": hubspot_phone(person.desk, person.extension) or hubspot_phone(person.home),
        "Mobile Phone Number": hubspot_phone(person.mobile),
        "Company Name": person.company.name,
        "Job Title": person.title,
        "Street Address": person.street,
        "City": person.city,
        "Postal Code": person.postcode,
        "Country/Region": info["country"],
        "Lifecycle Stage": "customer",
    }
    row.update(override)
    return row


def person_row(rng: random.Random, person: Person, **override) -> dict:
    """A Pipedrive persons export row: the name whole and in parts, a work and a home mailbox, three phones."""
    info = LOCALES[person.locale]
    name = f"{person.first} {person.last} {person.suffix}".strip()
    if info.get("family_first"):
        name = f"{person.last} {person.first}"
    row = {
        "Person - Name": name,
        "Person - First name": person.first,
        "Person - Last name": f"{person.last} {person.suffix}".strip(),
        "Person - Email - Work": person.email,
        "Person - Email - Home": person.personal,
        "Person - Phone - Work": typed_phone(rng, person.desk, person.extension),
        "Person - Phone - Mobile": typed_phone(rng, person.mobile),
        "Person - Phone - Home": typed_phone(rng, person.home),
        "Person - Organization": person.company.name,
        "Person - Postal address - City/town/village/locality": person.city,
        "Person - Postal address - ZIP/Postal code": person.postcode,
        "Person - Postal address - Country": info["country"],
        "Person - Label": rng.choice(["Hot lead", "Customer", "", ""]),
    }
    row.update(override)
    return row


def company_row(company: Company, record_id: str, **override) -> dict:
    row = {
        "Record ID": record_id,
        "Company name": company.name,
        "Company Domain Name": company.domain,
        "Phone Number": hubspot_phone(company.phone),
        "Street Address": company.street,
        "City": company.city,
        "Postal Code": company.postcode,
        "Country/Region": LOCALES[company.locale]["country"],
        "Industry": "",
    }
    row.update(override)
    return row


def organization_row(rng: random.Random, company: Company, **override) -> dict:
    country = LOCALES[company.locale]["country"]
    website = rng.choice(
        [f"https://www.{company.domain}/", f"www.{company.domain}", f"http://{company.domain}"]
    )
    row = {
        "Organization - Name": company.name,
        "Organization - Website": website if company.domain else "",
        "Organization - Phone": typed_phone(rng, company.phone),
        "Organization - Address": f"{company.street}, {company.postcode} {company.city}, {country}",
        "Organization - Address - City/town/village/locality": company.city,
        "Organization - Address - ZIP/Postal code": company.postcode,
        "Organization - Address - Country": country,
    }
    row.update(override)
    return row


# -- people ---------------------------------------------------------------------------------------------------


def person_cases(people: int = 2500, per_category: int = 30, *, seed: int = 71) -> CaseSet:
    world, out = World(seed), CaseSet()
    rng = world.rng
    locales = [locale for locale in LOCALES if locale not in ("CN", "KR")]  # theirs are one category's
    companies = {locale: [world.company(locale) for _ in range(max(8, people // 60))] for locale in locales}
    crm_people: list[tuple[Person, str]] = []

    def in_crm(person: Person, **override) -> str:
        record_id = world.record_id()
        out.crm_rows.append(contact_row(person, record_id, **override))
        crm_people.append((person, record_id))
        return record_id

    def case(category: str, row: dict, truth: tuple[str, ...]) -> None:
        out.cases.append(Case(category, row, truth))

    for _ in range(people):
        locale = rng.choice(locales)
        person = world.person(locale, rng.choice(companies[locale]))
        if rng.random() < 0.15:
            world.home(person)
            person.email = "" if rng.random() < 0.5 else person.email
        in_crm(person)
    background = list(crm_people)

    def each() -> range:
        return range(per_category)

    for _ in each():
        person, record_id = rng.choice(background)
        case("returning_control", person_row(rng, person), (record_id,))

    # Decomposed accents (macOS forms), the work address in upper case with a plus tag, the mobile only.
    for _ in each():
        locale = rng.choice(["FR", "ES", "CA"])
        person = world.person(locale, rng.choice(companies[locale]))
        person.mobile = person.mobile or world.number(locale, phonenumbers.PhoneNumberType.MOBILE)
        record_id = in_crm(person)
        local, domain = person.email.split("@")
        row = person_row(
            rng,
            person,
            **{
                "Person - Name": unicodedata.normalize("NFD", f"{person.first} {person.last}"),
                "Person - First name": unicodedata.normalize("NFD", person.first),
                "Person - Last name": unicodedata.normalize("NFD", person.last),
                "Person - Email - Work": f"{local}+{rng.choice(['crm', 'events', 'pd'])}@{domain}".upper(),
                "Person - Phone - Work": "",
            },
        )
        case("nfd_name_upper_plus_email", row, (record_id,))

    # Japanese records typed with a Japanese keyboard: full-width letters, digits and space, family name first.
    for _ in each():
        person = world.person("JP", rng.choice(companies["JP"]))
        record_id = in_crm(person)
        phone = person.mobile or person.desk
        row = person_row(
            rng,
            person,
            **{
                "Person - Name": fullwidth(f"{person.last} {person.first}"),
                "Person - First name": "",
                "Person - Last name": "",
                "Person - Email - Work": fullwidth(person.email),
                "Person - Phone - Work": fullwidth(typed_phone(rng, phone, style="national")),
                "Person - Phone - Mobile": "",
            },
        )
        case("fullwidth_japanese_family_first", row, (record_id,))

    # A Dutch surname with its particle written elsewhere: "Meer, Jan van der", "Jan Van Der Meer"; the
    # work address and the city.
    for _ in each():
        company = rng.choice(companies["NL"])
        person = world.person("NL", company)
        while " " not in person.last:
            person = world.person("NL", company)
        record_id = in_crm(person)
        particle, core = person.last.rsplit(" ", 1)
        layout = rng.choice(["core_first", "title_case", "hubspot_split"])
        if layout == "core_first":
            name, first, last = f"{core}, {person.first} {particle}", "", ""
        elif layout == "title_case":
            name = f"{person.first} {person.last.title()}"
            first, last = person.first, person.last.title()
        else:
            name, first, last = f"{person.first} {person.last}", f"{person.first} {particle}", core
        row = person_row(
            rng,
            person,
            **{
                "Person - Name": name,
                "Person - First name": first,
                "Person - Last name": last,
                "Person - Phone - Work": "",
                "Person - Phone - Mobile": "",
            },
        )
        case("particle_surname_other_layout", row, (record_id,))

    # "Dr. Sarah Wilson, PhD" with her desk line's extension typed "x123", no email.
    for _ in each():
        locale = rng.choice(["US", "UK", "CA"])
        person = world.person(locale, rng.choice(companies[locale]))
        person.desk, person.extension = person.company.phone, str(rng.randrange(100, 999))
        person.mobile = ""
        record_id = in_crm(person)
        title, post = rng.choice([("Dr.", "PhD"), ("Prof.", ""), ("", "MBA"), ("Dr", "MD"), ("", "CPA")])
        name = f"{title} {person.first} {person.last}{', ' + post if post else ''}".strip()
        row = person_row(
            rng,
            person,
            **{
                "Person - Name": name,
                "Person - First name": "",
                "Person - Last name": "",
                "Person - Email - Work": "",
                "Person - Email - Home": "",
                "Person - Phone - Work": typed_phone(rng, person.desk, person.extension, style="national"),
            },
        )
        case("title_postnominal_extension", row, (record_id,))

    # A Spanish person with one surname on the list (the first), the mobile as a tel: URI, no email.
    for _ in each():
        person = world.person("ES", rng.choice(companies["ES"]))
        person.mobile = world.number("ES", phonenumbers.PhoneNumberType.MOBILE)
        record_id = in_crm(person)
        first_surname = person.last.split()[0]
        row = person_row(
            rng,
            person,
            **{
                "Person - Name": f"{person.first} {first_surname}",
                "Person - First name": person.first,
                "Person - Last name": first_surname,
                "Person - Email - Work": "",
                "Person - Phone - Work": "",
                "Person - Phone - Mobile": typed_phone(rng, person.mobile, style="tel"),
            },
        )
        case("second_surname_only_tel_uri", row, (record_id,))

    # -- not in the CRM: someone who collides with a CRM person ---------------------------------------------

    # A sibling or parent whose compound given name shares its first part, at the family home.
    for _ in each():
        locale = rng.choice(["FR", "ES"])
        info = LOCALES[locale]
        female = rng.random() < 0.5
        names = [n.replace("_", " ") for n in info["female" if female else "male"] if "-" in n or "_" in n]
        first_a = rng.choice(names)
        first_b = rng.choice(
            [
                n
                for n in names
                if n.split("-")[0].split()[0] == first_a.split("-")[0].split()[0] and n != first_a
            ]
            or [n for n in names if n != first_a]
        )
        _, family = world.name(locale)
        a = world.person(locale, rng.choice(companies[locale]), first=first_a, last=family)
        world.home(a)
        in_crm(a)
        b = world.person(locale, rng.choice(companies[locale]), first=first_b, last=family)
        world.home(b)
        b.home, b.street, b.city, b.postcode = a.home, a.street, a.city, a.postcode
        row = person_row(rng, b, **{"Person - Email - Work": "", "Person - Phone - Work": ""})
        case("compound_given_sibling_home", row, ())

    def other_company(person: Person) -> Company:
        """An employer of the person's locale that is not theirs (the story is "his own employer"), nor one
        whose name reads as a typo of theirs (Jortorpal / Yortorpal)."""
        mine = slug(person.company.brand)
        return rng.choice(
            [
                c
                for c in companies[person.locale]
                if difflib.SequenceMatcher(None, slug(c.brand), mine).ratio() < 0.75
            ]
        )

    def family_mailbox(locale: str, family: str) -> str:
        """A household's mailbox: the word for family with the surname, or "the" and the surname in the plural."""
        provider = rng.choice(LOCALES[locale]["free"])
        word = {"FR": "famille", "ES": "familia", "NL": "familie"}.get(locale, "family")
        surname = slug(family.split()[-1] if family[:1].islower() else family.split()[0])
        for _ in range(1000):
            pattern = rng.choice(["{w}.{l}{n}", "{l}{w}{n}", "{l}.{w}", "the{l}s{n}"])
            local = pattern.format(w=word, l=surname, n=rng.randrange(1, 99))
            if address := world.mailbox(local, provider):
                return address
        raise RuntimeError("values exhausted")

    def compound_pair(locale: str) -> tuple[str, str]:
        female = rng.random() < 0.5
        names = [
            n.replace("_", " ")
            for n in LOCALES[locale]["female" if female else "male"]
            if "-" in n or "_" in n
        ]
        first_a = rng.choice(names)
        head = first_a.replace("-", " ").split()[0]
        same_head = [n for n in names if n != first_a and n.replace("-", " ").split()[0] == head]
        return first_a, rng.choice(same_head or [n for n in names if n != first_a])

    # The same family, one mailbox: the CRM holds Jean-Pierre with the family's address; the list brings
    # Jean-Luc with it, his own mobile.
    for _ in each():
        locale = rng.choice(["FR", "ES"])
        first_a, first_b = compound_pair(locale)
        _, family = world.name(locale)
        a = world.person(locale, rng.choice(companies[locale]), first=first_a, last=family)
        world.home(a)
        a.email, a.desk, a.extension = "", "", ""
        a.personal = family_mailbox(locale, family)
        in_crm(a)
        b = world.person(locale, rng.choice(companies[locale]), first=first_b, last=family)
        b.email, b.desk, b.extension, b.personal = "", "", "", a.personal
        b.mobile = world.number(locale, phonenumbers.PhoneNumberType.MOBILE)
        b.street, b.city, b.postcode = a.street, a.city, a.postcode
        case("compound_given_family_mailbox", person_row(rng, b), ())

    # Daniel and Daniela of one family on one family mailbox, each with a mobile of their own.
    for _ in each():
        locale = rng.choice(["US", "UK", "NL", "CA", "FR"])
        crm_name, list_name = rng.choice(NEAR_NAMES)
        if rng.random() < 0.5:
            crm_name, list_name = list_name, crm_name
        _, family = world.name(locale)
        a = world.person(locale, rng.choice(companies[locale]), first=crm_name, last=family)
        world.home(a)
        a.email, a.desk, a.extension = "", "", ""
        a.personal = family_mailbox(locale, family)
        a.mobile = world.number(locale, phonenumbers.PhoneNumberType.MOBILE)
        in_crm(a)
        b = world.person(locale, rng.choice(companies[locale]), first=list_name, last=family)
        b.email, b.desk, b.extension, b.personal = "", "", "", a.personal
        b.mobile = world.number(locale, phonenumbers.PhoneNumberType.MOBILE)
        case("near_name_family_mailbox", person_row(rng, b), ())

    # Father and son of one name at one home (landline, address); the CRM's carries "Sr." or "II", the
    # list's "Jr." or "III"; each his own mailbox.
    for _ in each():
        locale = rng.choice(["US", "CA"])
        crm_suffix, list_suffix = rng.choice([("Sr.", "Jr."), ("Sr", "Jr"), ("II", "III"), ("Jr.", "III")])
        if rng.random() < 0.3:
            crm_suffix, list_suffix = list_suffix, crm_suffix
        first, family = world.name(locale, female=False)
        a = world.person(locale, rng.choice(companies[locale]), first=first, last=family)
        world.home(a)
        a.suffix, a.email, a.desk, a.extension = crm_suffix, "", "", ""
        in_crm(a)
        b = world.person(locale, rng.choice(companies[locale]), first=first, last=family)
        world.home(b)
        b.suffix, b.desk, b.extension, b.mobile = list_suffix, "", "", ""
        b.home, b.street, b.city, b.postcode = a.home, a.street, a.city, a.postcode
        case("generational_suffix_home", person_row(rng, b, **{"Person - Email - Work": ""}), ())

    # Spouses on the family mailbox: the CRM holds Alexandra, the list "Alex" (Alexander) with his own mobile
    # and employer.
    for _ in each():
        locale = rng.choice(["US", "UK", "CA", "NL"])
        short, male, female = rng.choice(SHARED_SHORT)
        crm_first = female if rng.random() < 0.5 else male
        _, family = world.name(locale)
        a = world.person(locale, rng.choice(companies[locale]), first=crm_first, last=family)
        world.home(a)
        a.email, a.desk, a.extension = "", "", ""
        a.personal = family_mailbox(locale, family)
        a.mobile = world.number(locale, phonenumbers.PhoneNumberType.MOBILE)
        in_crm(a)
        b = world.person(locale, other_company(a), first=short, last=family)
        b.desk, b.extension, b.personal = "", "", a.personal
        b.mobile = world.number(locale, phonenumbers.PhoneNumberType.MOBILE)
        case("short_name_spouse_family_mailbox", person_row(rng, b), ())

    # A family firm: the CRM holds Daniel, the list brings Daniela (same surname, switchboard, own mailbox).
    for _ in each():
        locale = rng.choice(["US", "UK", "NL", "CA", "FR"])
        crm_name, list_name = rng.choice(NEAR_NAMES)
        if rng.random() < 0.5:
            crm_name, list_name = list_name, crm_name
        _, family = world.name(locale)
        firm = world.company(
            locale, brand=f"{family.split()[-1].title()} & {rng.choice(['Sons', 'Co', 'Partners'])}"
        )
        a = world.person(locale, firm, first=crm_name, last=family)
        a.desk, a.extension = firm.phone, ""
        in_crm(a)
        b = world.person(locale, firm, first=list_name, last=family)
        b.desk, b.extension, b.mobile = firm.phone, "", ""
        case("near_name_family_firm", person_row(rng, b), ())

    # Father and son of one name at one firm, told apart by a generational suffix and their mailboxes.
    for _ in each():
        locale = rng.choice(["US", "CA", "UK"])
        crm_suffix, list_suffix = rng.choice(SUFFIX_PAIRS)
        if rng.random() < 0.3:
            crm_suffix, list_suffix = list_suffix, crm_suffix
        first, family = world.name(locale, female=False)
        firm = world.company(locale, brand=f"{family} {rng.choice(BRAND_WORDS)}")
        a = world.person(locale, firm, first=first, last=family)
        a.suffix, a.desk, a.extension = crm_suffix, firm.phone, ""
        in_crm(a)
        b = world.person(locale, firm, first=first, last=family)
        b.suffix, b.desk, b.extension, b.mobile = list_suffix, firm.phone, "", ""
        b.email = world.work_email(f"{first}", f"{family}{slug(list_suffix) or 'jr'}", firm.domain)
        case("generational_suffix_same_firm", person_row(rng, b), ())

    # Father and son of one name on one mailbox: the son took over his father's address with the firm, or
    # the firm's numbered desk inbox is theirs (office1@, info2@). Both write their generation.
    for _ in each():
        locale = rng.choice(["US", "CA"])
        crm_suffix, list_suffix = rng.choice([("Sr.", "Jr."), ("Sr", "Jr"), ("II", "III"), ("Jr.", "III")])
        if rng.random() < 0.3:
            crm_suffix, list_suffix = list_suffix, crm_suffix
        first, family = world.name(locale, female=False)
        firm = world.company(locale, brand=f"{family} {rng.choice(BRAND_WORDS)}")
        a = world.person(locale, firm, first=first, last=family)
        a.suffix, a.desk, a.extension = crm_suffix, firm.phone, ""
        if rng.random() < 0.4:
            a.email = world.fresh(
                lambda firm=firm: (
                    f"{rng.choice(['office', 'info', 'admin', 'sales'])}{rng.randrange(1, 4)}@{firm.domain}"
                )
            )
        in_crm(a)
        b = world.person(locale, firm, first=first, last=family)
        b.suffix, b.desk, b.extension, b.mobile, b.email = list_suffix, firm.phone, "", "", a.email
        case("generational_suffix_same_mailbox", person_row(rng, b), ())

    # Spouses: the CRM holds Alexandra Meyer with the home landline; the list brings her husband "Alex
    # Meyer", home landline and address, his own mailbox and employer.
    for _ in each():
        locale = rng.choice(["US", "UK", "CA", "NL"])
        short, male, female = rng.choice(SHARED_SHORT)
        crm_first = female if rng.random() < 0.5 else male
        _, family = world.name(locale)
        a = world.person(locale, rng.choice(companies[locale]), first=crm_first, last=family)
        world.home(a)
        a.email, a.desk, a.extension = "", "", ""
        in_crm(a)
        b = world.person(locale, other_company(a), first=short, last=family)
        world.home(b)
        b.home, b.street, b.city, b.postcode = a.home, a.street, a.city, a.postcode
        b.mobile = ""
        case("short_name_spouse_home", person_row(rng, b, **{"Person - Phone - Work": ""}), ())

    # A namesake at an unrelated company of the same brand in another country, same local part on the
    # other country's domain (james.smith@summit.co.uk vs james.smith@summit.com).
    for _ in each():
        locale_a, locale_b = rng.sample(["US", "UK", "CA", "NL", "FR"], 2)
        brand = world.brand()
        firm_a = world.company(locale_a, brand=brand, domain=f"{slug(brand)}.{LOCALES[locale_a]['tld']}")
        firm_b = world.company(locale_b, brand=brand, domain=f"{slug(brand)}.{LOCALES[locale_b]['tld']}")
        first, family = (
            rng.choice(LOCALES["US"]["male"] + LOCALES["US"]["female"]),
            rng.choice(W("Smith Brown Johnson Taylor Martin")),
        )
        a = world.person(locale_a, firm_a, first=first, last=family)
        local = f"{slug(first)}.{slug(family)}"
        a.email = f"{local}@{firm_a.domain}"
        in_crm(a)
        b = world.person(locale_b, firm_b, first=first, last=family)
        b.email = f"{local}@{firm_b.domain}"
        case("same_local_other_country_domain", person_row(rng, b), ())

    # A namesake with the same local part at another free-mail provider, other city and phones.
    pairs = [("hotmail.com", "outlook.com"), ("yahoo.com", "ymail.com"), ("gmail.com", "yahoo.com"),
             ("hotmail.co.uk", "hotmail.com"), ("outlook.com", "live.com"), ("aol.com", "gmail.com")]  # fmt: skip
    for _ in each():
        locale = rng.choice(["US", "UK", "CA"])
        first, family = (
            rng.choice(LOCALES[locale]["male"] + LOCALES[locale]["female"]),
            rng.choice(W("Smith Jones Brown Taylor Wilson Johnson Williams Davies")),
        )
        provider_a, provider_b = rng.choice(pairs)
        local = rng.choice([f"{slug(first)}.{slug(family)}", f"{slug(first)}{slug(family)}"])
        local += str(rng.randrange(1, 999)) if rng.random() < 0.5 else ""
        if not (world.mailbox(local, provider_a) and world.mailbox(local, provider_b)):
            continue  # a mailbox another case holds: that case's person
        a = world.person(locale, rng.choice(companies[locale]), first=first, last=family)
        world.home(a)
        a.email, a.personal = "", f"{local}@{provider_a}"
        in_crm(a)
        b = world.person(locale, rng.choice(companies[locale]), first=first, last=family)
        world.home(b)
        b.email, b.personal, b.desk, b.extension = "", f"{local}@{provider_b}", "", ""
        case("same_local_other_freemail", person_row(rng, b), ())

    # Colleagues of one family name whose romanised given names differ in a letter of one syllable, on the
    # company's main line (the CRM holds one of them; each has a mailbox of their own).
    for _ in each():
        locale = rng.choice(["CN", "KR"])
        crm_name, list_name = rng.choice(SYLLABLE_NEIGHBOURS[locale])
        if rng.random() < 0.5:
            crm_name, list_name = list_name, crm_name
        family = rng.choice(LOCALES[locale]["last"])
        firm = world.company(locale)
        a = world.person(locale, firm, first=crm_name, last=family)
        a.desk, a.extension = firm.phone, ""
        in_crm(a)
        b = world.person(locale, firm, first=list_name, last=family)
        b.desk, b.extension, b.mobile = firm.phone, "", ""
        b.email = "" if rng.random() < 0.5 else b.email
        case("east_asian_syllable_colleague", person_row(rng, b), ())

    # A common name at another office of a large company: no email, the other office's main line.
    for _ in each():
        locale = rng.choice(["US", "UK", "FR", "CA"])
        firm = rng.choice(companies[locale])
        office = world.company(locale, brand=firm.brand, domain=firm.domain, legal=firm.legal)
        while office.city == firm.city:
            office.city, office.postcode, office.street = world.place(locale)
        first, family = rng.choice(LOCALES[locale]["male"]), rng.choice(LOCALES[locale]["last"][:6])
        a = world.person(locale, firm, first=first, last=family)
        in_crm(a)
        b = world.person(locale, office, first=first, last=family)
        b.email, b.desk, b.extension, b.mobile = "", office.phone, "", ""
        case("common_name_other_office", person_row(rng, b), ())

    rng.shuffle(out.crm_rows)
    rng.shuffle(out.cases)
    for number, item in enumerate(out.cases, start=1):
        item.external_id = str(9000 + number)
    return out


# -- organisations ------------------------------------------------------------------------------------------


def organisation_cases(orgs: int = 1000, per_category: int = 30, *, seed: int = 72) -> CaseSet:
    world, out = World(seed), CaseSet()
    rng = world.rng
    locales = ["US", "UK", "CA", "NL", "FR", "ES"]

    def in_crm(company: Company, **override) -> str:
        record_id = world.record_id()
        out.crm_rows.append(company_row(company, record_id, Industry=rng.choice(INDUSTRIES), **override))
        return record_id

    def case(category: str, row: dict, truth: tuple[str, ...]) -> None:
        out.cases.append(Case(category, row, truth))

    background = []
    for _ in range(orgs):
        company = world.company(rng.choice(locales))
        background.append((company, in_crm(company)))

    def each() -> range:
        return range(per_category)

    for _ in each():
        company, record_id = rng.choice(background)
        case("org_returning_control", organization_row(rng, company), (record_id,))

    # A franchise the CRM holds branch by branch ("Brand - Leeds", "Brand - Bristol"), all on the brand's
    # domain: a branch with its own city and phone is that branch; a third city's branch is none of them.
    for category in ("org_branch_own_city", "org_franchise_third_branch"):
        for _ in each():
            locale = rng.choice(["US", "UK", "CA", "FR"])
            brand = f"{world.brand()} {rng.choice(['Dental', 'Fitness', 'Pizza', 'Auto Care', 'Print'])}"
            domain = f"{slug(brand)}.{LOCALES[locale]['tld']}"
            cities = rng.sample(LOCALES[locale]["cities"], 3)
            branches = []
            for city, _ in cities:
                branch = world.company(locale, brand=brand, domain=domain)
                branch.city = city
                branches.append(branch)
            if category == "org_franchise_third_branch" and rng.random() < 0.5:
                for branch in branches[1:]:  # one booking line for every branch
                    branch.phone = branches[0].phone
            ids = [in_crm(b, **{"Company name": f"{b.name} - {b.city}"}) for b in branches[:2]]
            target = branches[0] if category == "org_branch_own_city" else branches[2]
            name = rng.choice([f"{brand} {target.city}", f"{brand} ({target.city})", target.name])
            row = organization_row(rng, target, **{"Organization - Name": name})
            case(category, row, (ids[0],) if category == "org_branch_own_city" else ())

    # "The Harbour & Mill Company" against "Harbour and Mill Co.": same domain.
    for _ in each():
        locale = rng.choice(["US", "UK", "CA"])
        a, b = world.brand(), world.brand()
        company = world.company(locale, brand=f"{a} & {b}", legal="Co.")
        record_id = in_crm(company, **{"Company name": f"The {a} & {b} Company"})
        row = organization_row(
            rng, company, **{"Organization - Name": f"{a} and {b} Co", "Organization - Phone": ""}
        )
        case("org_the_and_co_forms", row, (record_id,))

    # An unrelated company of the same brand in another country, on that country's domain.
    for _ in each():
        locale_a, locale_b = rng.sample(locales, 2)
        brand = world.brand()
        a = world.company(locale_a, brand=brand, domain=f"{slug(brand)}.{LOCALES[locale_a]['tld']}")
        in_crm(a)
        b = world.company(locale_b, brand=brand, domain=f"{slug(brand)}.{LOCALES[locale_b]['tld']}")
        case("org_other_country_domain_brand", organization_row(rng, b), ())

    # A fund family: the manager and Fund I/II in the CRM share its domain, phone and address; Fund III is
    # another legal entity (and another account).
    for _ in each():
        locale = rng.choice(["US", "UK", "CA"])
        brand = f"{world.brand()} Capital"
        manager = world.company(
            locale, brand=brand, legal="Management LLC" if locale == "US" else "Partners Ltd"
        )
        in_crm(manager)
        numerals = ["I", "II", "III", "IV", "V", "VI"]
        start = rng.randrange(0, 4)
        for numeral in numerals[start : start + 2]:
            in_crm(manager, **{"Company name": f"{brand} Fund {numeral}, L.P."})
        fund = numerals[start + 2]
        row = organization_row(rng, manager, **{"Organization - Name": f"{brand} Fund {fund} LP"})
        case("org_next_fund_same_manager", row, ())

    # Numbered companies (Ontario, Alberta): the number is the name; one digit off is another company.
    for _ in each():
        province = rng.choice(["Ontario", "Alberta", "Quebec", "B.C."])
        number = rng.randrange(1_000_000, 2_999_999)
        other = (
            number + rng.choice([1, -1, 10, 9])
            if rng.random() < 0.5
            else int(str(number)[:-2] + str(number)[-1] + str(number)[-2])
        )
        if other == number:
            other += 1
        a = world.company("CA", brand=f"{number} {province}", legal="Inc.", domain="-")
        in_crm(a, **{"Company Domain Name": ""})
        b = world.company("CA", brand=f"{other} {province}", legal="Inc.", domain="-")
        b.city, b.postcode = a.city, a.postcode
        row = organization_row(rng, b, **{"Organization - Website": ""})
        case("org_numbered_company_digit", row, ())

    # A serviced office: another company at the centre's phone and address, no website.
    for _ in each():
        locale = rng.choice(locales)
        centre = world.company(locale)
        a = world.company(locale)
        a.phone, a.street, a.city, a.postcode = centre.phone, centre.street, centre.city, centre.postcode
        in_crm(a)
        b = world.company(locale)
        b.phone, b.street, b.city, b.postcode = centre.phone, centre.street, centre.city, centre.postcode
        case("org_serviced_office_neighbour", organization_row(rng, b, **{"Organization - Website": ""}), ())

    rng.shuffle(out.crm_rows)
    rng.shuffle(out.cases)
    for number, item in enumerate(out.cases, start=1):
        item.external_id = str(700 + number)
    return out


# -- files and the two tools --------------------------------------------------------------------------------


# Splink reads the pair through SQL mapping these columns onto its settings' names (NFKC first: the
# full-width records; the extension cut off; the first of the work and home address, of the mobile, work
# and home phone; the name split at its first space when the parts are empty).
_EXTENSION = r"'\s*(x|ext\.?|#)\s*[0-9]+\s*$'"
_NAME = '"Person - Name"'
PERSON_SQL = {
    "crm": """
        SELECT "Record ID" AS unique_id,
               nullif(lower(strip_accents(split_part(trim("First Name"), ' ', 1))), '') AS first_name,
               nullif(lower(strip_accents(trim("Last Name"))), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               {phone}(regexp_replace(coalesce(nullif("Mobile Phone Number", ''), "Phone Number"),
                       '\\s*ext\\.\\s*[0-9]+$', '')) AS phone,
               {company}(strip_accents("Company Name")) AS company,
               nullif(trim("Postal Code"), '') AS zip,
               nullif(lower(strip_accents(trim("City"))), '') AS city, NULL AS date_of_birth
        FROM read_csv('{path}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{PIPEDRIVE_PERSON_ID}" AS unique_id,
               nullif(lower(strip_accents(nfc_normalize(coalesce(nullif(trim("Person - First name"), ''),
                      split_part(trim({_NAME}), ' ', 1))))), '') AS first_name,
               nullif(lower(strip_accents(nfc_normalize(coalesce(nullif(trim("Person - Last name"), ''),
                      trim(substr(trim({_NAME}), strpos(trim({_NAME}), ' ') + 1)))))), '') AS last_name,
               nullif(lower(trim(coalesce(nullif("Person - Email - Work", ''), "Person - Email - Home"))), '')
                      AS email,
               {{phone}}(regexp_replace(coalesce(nullif("Person - Phone - Mobile", ''),
                      nullif("Person - Phone - Work", ''), "Person - Phone - Home"), {_EXTENSION}, '')) AS phone,
               {{company}}(strip_accents("Person - Organization")) AS company,
               nullif(trim("Person - Postal address - ZIP/Postal code"), '') AS zip,
               nullif(lower(strip_accents(trim("Person - Postal address - City/town/village/locality"))), '')
                      AS city, NULL AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}
ORGANISATION_SQL = {
    "crm": """
        SELECT "Record ID" AS unique_id, {company}(strip_accents("Company name")) AS name,
               {domain}("Company Domain Name") AS domain, {phone}("Phone Number") AS phone,
               nullif(lower(strip_accents(trim("City"))), '') AS city, nullif(trim("Postal Code"), '') AS postcode
        FROM read_csv('{path}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{PIPEDRIVE_ORG_ID}" AS unique_id, {{company}}(strip_accents("Organization - Name")) AS name,
               {{domain}}("Organization - Website") AS domain, {{phone}}("Organization - Phone") AS phone,
               nullif(lower(strip_accents(trim("Organization - Address - City/town/village/locality"))), '') AS city,
               nullif(trim("Organization - Address - ZIP/Postal code"), '') AS postcode
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}


def main() -> None:
    hubspot = ["--provider", "hubspot", "--id-column", "Record ID"]
    run_generated(
        "identity-seventh",
        [
            GeneratedSuite(
                "people", lambda args: person_cases(args.people, args.per_category, seed=args.seed),
                "hubspot", "pipedrive", HUBSPOT_CONTACT_COLUMNS, PIPEDRIVE_PERSON_COLUMNS, PIPEDRIVE_PERSON_ID,
                [*hubspot, "--object", "contacts", "--kind", "person"], "person", PERSON_SQL,
                "HubSpot contacts <- Pipedrive",
            ),
            GeneratedSuite(
                "organisations", lambda args: organisation_cases(args.orgs, args.per_category, seed=args.seed + 1),
                "hubspot", "pipedrive", HUBSPOT_COMPANY_COLUMNS, PIPEDRIVE_ORG_COLUMNS, PIPEDRIVE_ORG_ID,
                [*hubspot, "--object", "companies", "--kind", "organisation"], "organisation", ORGANISATION_SQL,
                "HubSpot companies <- Pipedrive",
            ),
        ],
        seed=71, people=2500, orgs=1000,
    )  # fmt: skip


if __name__ == "__main__":
    main()
