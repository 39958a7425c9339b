# ruff: noqa: RUF001, RUF002, RUF003 - native scripts (Cyrillic, Greek, Turkish ı) are what this generator is about
"""A third, held-out check of identity, written as a hostile evaluator of a CRM identity product would.

    python benchmarks/identity_holdout.py [--people 3000] [--per-category 40] [--orgs 1200]
                                          [--org-per-category 40] [--seed 404] [--skip-splink]
                                          [--only people|organisations] [--keep DIR] [--examples 10]

`identity_data` writes HubSpot-style American records and `identity_adversarial` a Salesforce export of ten
locales. This one writes neither: the CRM side is a **Pipedrive persons export** as its UI writes it (one
`Person - Name` column, several labelled emails and phones: `Person - Email - Work`, `Person - Phone - Mobile`,
...), the inbound side a **HubSpot contacts export with its UI labels** (`Record ID`, `First Name`,
`Phone Number`, `Mobile Phone Number`, `Company Name`, `Website URL`, ...). Organisations: a HubSpot companies
export (`Company name`, `Company Domain Name`, `Website URL`) against an enrichment file (`Organization`,
`Domain`, `HQ Phone`).

The cases are what real CRM data holds and a generator written by the product's authors tends to miss:
"Last, First" and ALL CAPS in one name column; titles and suffixes (Dr., Jr., III, PhD); Japanese, Korean,
Russian and Greek names in native script against their romanisation; Scandinavian ø/å and Turkish dotless ı;
emails on a regional subdomain (uk.acme.com) of the CRM's domain; shared team inboxes; typo'd free-mail
domains (gmial.com); phones without their country code; one number stored as mobile and as work phone;
people who moved to the company that acquired theirs; interns who carry a parent's name at the parent's
company; companies named after a person; an email typed into the name column; placeholders ("N/A",
"unknown", "-", "test@test.com", "000-000-0000") in both files; whitespace and zero-width characters; CRM
duplicates that differ in one field. Every case has its truth (the CRM ids it may link to, or none: "not in
the CRM"), and every seed is deterministic.

Both tools run in the same run on the same files: ours through the product's command line
(`manage.py identity_link --provider pipedrive|hubspot --kind ... --id-column ... --train`, a child process,
as a data engineer runs it) and Splink (DuckDB, the settings `identity_quality.py` documents, with this
file's columns mapped in SQL). The table is `identity_quality.report`'s: wrong auto-links, recall, review
count and top-3 per category, and the time of each tool.
"""

import argparse
import os
import random
import tempfile
import unicodedata
from pathlib import Path

import phonenumbers
from identity_data import Case, CaseSet, write_case_files
from identity_django import setup_django
from identity_quality import Run, read_truth, report, run_identity_link, run_splink

ROOT = Path(__file__).resolve().parent.parent

CRM_PERSON_COLUMNS = [
    "Person - ID",
    "Person - Name",
    "Person - Email - Work",
    "Person - Email - Home",
    "Person - Email - Other",
    "Person - Phone - Work",
    "Person - Phone - Mobile",
    "Person - Phone - Home",
    "Person - Organization",
    "Person - City",
]
INBOUND_PERSON_COLUMNS = [
    "Record ID",
    "First Name",
    "Last Name",
    "Email",
    "Phone Number",
    "Mobile Phone Number",
    "Company Name",
    "Website URL",
    "Job Title",
    "City",
    "Country/Region",
]
CRM_ORG_COLUMNS = [
    "Record ID",
    "Company name",
    "Company Domain Name",
    "Website URL",
    "Phone Number",
    "City",
    "Country/Region",
]
INBOUND_ORG_COLUMNS = ["id", "Organization", "Domain", "HQ Phone", "City", "Country"]

# locale -> (phone region, country, cities, given names, surnames, native script pairs or None)
LOCALES = {
    "us": (
        "US",
        "United States",
        ["Boston", "Denver", "Austin", "Chicago", "Seattle"],
        [
            "Michael",
            "Jennifer",
            "David",
            "Ashley",
            "Brian",
            "Megan",
            "Kevin",
            "Rachel",
            "Tyler",
            "Lauren",
            "Jason",
            "Amanda",
            "Eric",
            "Nicole",
            "Derek",
            "Heather",
        ],
        [
            "Anderson",
            "Brooks",
            "Carter",
            "Dawson",
            "Ellison",
            "Fletcher",
            "Gardner",
            "Hayes",
            "Jennings",
            "Kessler",
            "Lawson",
            "Mercer",
            "Nolan",
            "Prescott",
            "Quinlan",
            "Sutton",
            "Whitaker",
            "Yates",
        ],
    ),
    "gb": (
        "GB",
        "United Kingdom",
        ["Leeds", "Bristol", "Glasgow", "Cardiff", "London"],
        ["Oliver", "Amelia", "Harry", "Isla", "George", "Poppy", "Alfie", "Freya", "Rhys", "Imogen"],
        [
            "Ashworth",
            "Pemberton",
            "Whitfield",
            "Hargreaves",
            "Cartwright",
            "Fairbairn",
            "Thistlewood",
            "Oakley",
            "Bramwell",
            "Kendrick",
        ],
    ),
    "no": (
        "NO",
        "Norway",
        ["Bergen", "Tromsø", "Ålesund", "Bodø", "Oslo"],
        ["Søren", "Åsa", "Bjørn", "Ingrid", "Øystein", "Solveig", "Jørgen", "Tove", "Håkon", "Kjersti"],
        ["Ødegård", "Bråten", "Løvås", "Sæther", "Haugen", "Åberg", "Strøm", "Bjørnstad", "Næss", "Dahl"],
    ),
    "tr": (
        "TR",
        "Turkey",
        ["İstanbul", "İzmir", "Ankara", "Bursa", "Eskişehir"],
        ["Işıl", "İlker", "Ömer", "Gülşen", "Çağrı", "Şule", "Barış", "Ayşe", "Doğan", "Yağmur"],
        ["Yıldız", "Çelik", "Şahin", "Öztürk", "Kılıç", "Aydın", "Doğru", "Güneş", "Işık", "Koç"],
    ),
}
# native script (family name, given name) -> romanised (given, family): family-first in the native form
NATIVE = {
    "ja": (
        "JP",
        "Japan",
        ["Tokyo", "Osaka", "Nagoya"],
        [
            ("山田", "太郎", "Taro", "Yamada"),
            ("佐藤", "花子", "Hanako", "Sato"),
            ("鈴木", "一郎", "Ichiro", "Suzuki"),
            ("高橋", "健太", "Kenta", "Takahashi"),
            ("田中", "美咲", "Misaki", "Tanaka"),
            ("伊藤", "翔", "Sho", "Ito"),
            ("渡辺", "陽子", "Yoko", "Watanabe"),
            ("中村", "大輔", "Daisuke", "Nakamura"),
        ],
    ),
    "ko": (
        "KR",
        "South Korea",
        ["Seoul", "Busan", "Incheon"],
        [
            ("김", "민준", "Min-jun", "Kim"),
            ("이", "서연", "Seo-yeon", "Lee"),
            ("박", "지훈", "Ji-hoon", "Park"),
            ("최", "수빈", "Su-bin", "Choi"),
            ("정", "예준", "Ye-jun", "Jung"),
            ("강", "하은", "Ha-eun", "Kang"),
        ],
    ),
    "ru": (
        "RU",
        "Russia",
        ["Moscow", "Kazan", "Samara"],
        [
            ("Иванов", "Дмитрий", "Dmitry", "Ivanov"),
            ("Смирнова", "Анна", "Anna", "Smirnova"),
            ("Кузнецов", "Сергей", "Sergey", "Kuznetsov"),
            ("Попова", "Ольга", "Olga", "Popova"),
            ("Соколов", "Алексей", "Alexey", "Sokolov"),
            ("Лебедева", "Мария", "Maria", "Lebedeva"),
        ],
    ),
    "el": (
        "GR",
        "Greece",
        ["Athens", "Patras", "Larissa"],
        [
            ("Παπαδόπουλος", "Γιώργος", "Giorgos", "Papadopoulos"),
            ("Νικολάου", "Ελένη", "Eleni", "Nikolaou"),
            ("Γεωργίου", "Δημήτρης", "Dimitris", "Georgiou"),
            ("Οικονόμου", "Κατερίνα", "Katerina", "Oikonomou"),
            ("Αλεξίου", "Νίκος", "Nikos", "Alexiou"),
        ],
    ),
}
COMPANY_WORDS = [
    "Northwind",
    "Bluefin",
    "Cobalt",
    "Granite",
    "Harbor",
    "Juniper",
    "Kestrel",
    "Lumen",
    "Meridian",
    "Nimbus",
    "Orchard",
    "Pinnacle",
    "Quarry",
    "Redwood",
    "Summit",
    "Tidewater",
    "Vantage",
    "Willow",
    "Zephyr",
    "Aurora",
    "Beacon",
    "Cascade",
    "Driftwood",
    "Ember",
    "Falcon",
    "Glacier",
]
COMPANY_KINDS = [
    "Analytics",
    "Logistics",
    "Robotics",
    "Foods",
    "Health",
    "Systems",
    "Capital",
    "Labs",
    "Media",
    "Energy",
    "Partners",
    "Software",
]
LEGAL = {
    "US": ["Inc.", "LLC", "Corp."],
    "GB": ["Ltd", "PLC", "Limited"],
    "NO": ["AS", "ASA"],
    "TR": ["A.Ş.", "Ltd. Şti."],
    "JP": ["K.K.", "Co., Ltd."],
    "KR": ["Co., Ltd."],
    "RU": ["OOO", "AO"],
    "GR": ["S.A.", "IKE"],
}
TLD = {
    "US": "com",
    "GB": "co.uk",
    "NO": "no",
    "TR": "com.tr",
    "JP": "co.jp",
    "KR": "co.kr",
    "RU": "ru",
    "GR": "gr",
}
FREE_MAIL = ["gmail.com", "yahoo.com", "outlook.com", "hotmail.com"]
MAIL_TYPOS = {
    "gmail.com": ["gmial.com", "gmai.com", "gnail.com"],
    "yahoo.com": ["yaho.com", "yahooo.com"],
    "outlook.com": ["outlok.com", "outllook.com"],
    "hotmail.com": ["hotmial.com", "hotmal.com"],
}
TEAM_INBOXES = ["sales", "team", "hello", "office", "accounts", "procurement"]
EMAIL_PLACEHOLDERS = [
    "N/A",
    "n/a",
    "unknown",
    "-",
    "none",
    "test@test.com",
    "noemail@example.com",
    "na@na.com",
    "no@email.com",
]
PHONE_PLACEHOLDERS = ["000-000-0000", "N/A", "0", "-", "1234567890", "+1 (555) 555-5555", "unknown", "tbd"]
TEXT_PLACEHOLDERS = ["N/A", "unknown", "-", "Unknown", "none", "?", "TBD", "n.a."]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u00a0", "\u2060"]


def ascii_fold(text: str) -> str:
    """What an English-keyboard export writes: ø → o, ı → i, accents dropped."""
    text = text.replace("ø", "o").replace("Ø", "O").replace("ı", "i").replace("æ", "ae").replace("Æ", "Ae")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def slug(text: str) -> str:
    return "".join(c for c in ascii_fold(text).lower() if c.isalnum())


class World:
    """People, companies and their phones, drawn from one seeded generator."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.counter = 0
        self.companies_by_region: dict[str, list[dict]] = {}
        self.used_numbers: set[str] = set()
        self.used_domains: set[str] = set()
        self.used_emails: set[str] = set()

    def next_id(self, prefix: str = "") -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def phone(self, region: str, *, mobile: bool) -> phonenumbers.PhoneNumber:
        kind = phonenumbers.PhoneNumberType.MOBILE if mobile else phonenumbers.PhoneNumberType.FIXED_LINE
        example = phonenumbers.example_number_for_type(region, kind)
        national = str(example.national_number)
        while True:
            digits = national[:3] + "".join(self.rng.choice("0123456789") for _ in national[3:])
            number = phonenumbers.parse(f"+{example.country_code}{digits}")
            if phonenumbers.is_valid_number(number) and digits not in self.used_numbers:
                self.used_numbers.add(digits)
                return number

    def company(self, region: str, *, name: str = "", domain: str = "") -> dict:
        while True:
            base = name or f"{self.rng.choice(COMPANY_WORDS)} {self.rng.choice(COMPANY_KINDS)}"
            host = domain or f"{slug(base)}.{TLD[region]}"
            if host not in self.used_domains:
                break
            if domain:
                raise ValueError(domain)
            name = ""
            base = f"{base} {self.rng.choice(COMPANY_WORDS)}"
            host = f"{slug(base)}.{TLD[region]}"
            if host not in self.used_domains:
                break
        self.used_domains.add(host)
        company = {
            "name": base,
            "legal": f"{base} {self.rng.choice(LEGAL[region])}",
            "domain": host,
            "region": region,
            "switchboard": self.phone(region, mobile=False),
        }
        self.companies_by_region.setdefault(region, []).append(company)
        return company

    def employer(self, region: str) -> dict:
        pool = self.companies_by_region.get(region, [])
        if len(pool) < 25 or self.rng.random() < 0.15:
            return self.company(region)
        return self.rng.choice(pool)

    def person(self, locale: str | None = None, **fixed) -> dict:
        locale = locale or self.rng.choice(["us", "us", "gb", "no", "tr"])
        if locale in NATIVE:
            region, country, cities, names = NATIVE[locale]
            native_last, native_first, first, last = self.rng.choice(names)
            native = (native_last, native_first)
        else:
            region, country, cities, firsts, lasts = LOCALES[locale]
            first, last, native = self.rng.choice(firsts), self.rng.choice(lasts), None
        person = {
            "locale": locale,
            "region": region,
            "country": country,
            "city": self.rng.choice(cities),
            "first": first,
            "last": last,
            "native": native,
            "company": None,
            "mobile": self.phone(region, mobile=True),
        }
        person.update(fixed)
        if person["company"] is None:
            person["company"] = self.employer(region)
        person.setdefault("email", self.work_email(person["first"], person["last"], person["company"]))
        return person

    def stranger(self, locale: str | None, unlike: list[dict], **fixed) -> dict:
        """Another person whose first and last names are none of `unlike`'s (small name pools repeat)."""
        taken = {(p["first"], p["last"]) for p in unlike}
        while True:
            person = self.person(locale, **fixed)
            if (person["first"], person["last"]) not in taken:
                return person

    def work_email(self, first: str, last: str, company: dict, *, style: int | None = None) -> str:
        given, family = slug(first), slug(last)
        styles = [
            f"{given}.{family}",
            f"{given[0]}{family}",
            f"{given}{family[0]}",
            f"{given}_{family}",
            f"{family}.{given}",
        ]
        order = [style] if style is not None else list(range(len(styles)))
        if style is None:
            self.rng.shuffle(order)
        for index in order + list(range(len(styles))):
            email = f"{styles[index]}@{company['domain']}"
            if email not in self.used_emails:
                self.used_emails.add(email)
                return email
        suffix = 2
        while f"{styles[0]}{suffix}@{company['domain']}" in self.used_emails:
            suffix += 1
        email = f"{styles[0]}{suffix}@{company['domain']}"
        self.used_emails.add(email)
        return email

    def free_email(self, first: str, last: str, domain: str | None = None) -> str:
        domain = domain or self.rng.choice(FREE_MAIL)
        while True:
            email = f"{slug(first)}.{slug(last)}{self.rng.randrange(10, 9999)}@{domain}"
            if email not in self.used_emails:
                self.used_emails.add(email)
                return email


def e164(number) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def intl(number) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def national(number) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def display_name(person: dict) -> str:
    return f"{person['first']} {person['last']}"


def pipedrive_row(crm_id: str, person: dict, *, name: str | None = None, **fields) -> dict:
    row = dict.fromkeys(CRM_PERSON_COLUMNS, "")
    row.update(
        {
            "Person - ID": crm_id,
            "Person - Name": display_name(person) if name is None else name,
            "Person - Email - Work": person["email"],
            "Person - Phone - Mobile": intl(person["mobile"]),
            "Person - Organization": person["company"]["legal"],
            "Person - City": person["city"],
        }
    )
    row.update(fields)
    return row


def hubspot_row(person: dict, *, first: str | None = None, last: str | None = None, **fields) -> dict:
    row = dict.fromkeys(INBOUND_PERSON_COLUMNS[1:], "")
    row.update(
        {
            "First Name": person["first"] if first is None else first,
            "Last Name": person["last"] if last is None else last,
            "Email": person["email"],
            "Mobile Phone Number": intl(person["mobile"]),
            "Company Name": person["company"]["name"],
            "Website URL": f"https://www.{person['company']['domain']}",
            "City": person["city"],
            "Country/Region": person["country"],
        }
    )
    row.update(fields)
    return row


class Builder:
    """Collects CRM rows and inbound cases; each case names its category and its truth."""

    def __init__(self, world: World, id_prefix: str, columns: tuple[list[str], list[str]]):
        self.world = world
        self.id_prefix = id_prefix
        self.crm_columns, self.inbound_columns = columns
        self.crm_rows: list[dict] = []
        self.cases: list[Case] = []

    def crm(self, row_maker, *args, **kwargs) -> str:
        crm_id = str(100000 + self.world.next_id_int())
        self.crm_rows.append(row_maker(crm_id, *args, **kwargs))
        return crm_id

    def inbound(self, category: str, truth: tuple[str, ...], attributes: dict) -> None:
        external_id = f"{self.id_prefix}{len(self.cases) + 1:06d}"
        self.cases.append(
            Case(external_id, category, truth, {self.inbound_columns[0]: external_id, **attributes})
        )

    def case_set(self) -> CaseSet:
        rng = self.world.rng
        rng.shuffle(self.crm_rows)
        rng.shuffle(self.cases)
        return CaseSet(self.crm_columns, self.crm_rows, self.inbound_columns, self.cases)


def _next_id_int(self) -> int:
    self.counter += 1
    return self.counter


World.next_id_int = _next_id_int


class HoldoutCaseSet(CaseSet):
    """The inbound id column is the first inbound column, not `external_id`."""

    def inbound_rows(self):
        for case in self.cases:
            yield dict(case.attributes)


def _sprinkle(rng: random.Random, text: str) -> str:
    at = rng.randrange(0, len(text) + 1)
    return f" {text[:at]}{rng.choice(ZERO_WIDTH)}{text[at:]}  "


# -- people -----------------------------------------------------------------------------------------------------


def person_cases(people: int = 3000, per_category: int = 40, *, seed: int = 404) -> CaseSet:
    world = World(seed)
    rng = world.rng
    b = Builder(world, "hs-", (CRM_PERSON_COLUMNS, INBOUND_PERSON_COLUMNS))

    # Background: a CRM with noise, some of its records carrying placeholders.
    stored: list[tuple[str, dict]] = []
    for _ in range(people):
        person = world.person()
        fields = {}
        roll = rng.random()
        if roll < 0.04:
            fields["Person - Email - Work"] = rng.choice(EMAIL_PLACEHOLDERS)
        elif roll < 0.08:
            fields["Person - Phone - Mobile"] = rng.choice(PHONE_PLACEHOLDERS)
        elif roll < 0.10:
            fields["Person - Organization"] = rng.choice(TEXT_PLACEHOLDERS)
        stored.append((b.crm(pipedrive_row, person, **fields), person))

    def n() -> range:
        return range(per_category)

    for _ in n():  # "SMITH, John" / "Smith, John" in the one name column; inbound split, some in caps
        p = world.person(rng.choice(["us", "gb"]))
        crm_name = rng.choice(
            [
                f"{p['last'].upper()}, {p['first']}",
                f"{p['last']}, {p['first']}",
                f"{p['first'].upper()} {p['last'].upper()}",
            ]
        )
        crm_id = b.crm(pipedrive_row, p, name=crm_name)
        b.inbound(
            "last_first_caps", (crm_id,), hubspot_row(p, first=p["first"].upper(), last=p["last"].upper())
        )

    for _ in n():  # titles and suffixes on either side, same email
        p = world.person(rng.choice(["us", "gb"]))
        title = rng.choice(["Dr. ", "Mr. ", "Ms. ", "Prof. ", ""])
        suffix = rng.choice([" Jr.", " III", ", PhD", " MBA", " Sr."])
        crm_id = b.crm(pipedrive_row, p, name=f"{title}{display_name(p)}{suffix}")
        b.inbound(
            "titles_suffixes",
            (crm_id,),
            hubspot_row(p, first=rng.choice([p["first"], f"{title}{p['first']}"])),
        )

    for _ in n():  # native script in the CRM, romanised inbound, same work email
        p = world.person(rng.choice(list(NATIVE)))
        native_last, native_first = p["native"]
        native = (
            f"{native_last} {native_first}"
            if p["locale"] in ("ja", "ko")
            else f"{native_first} {native_last}"
        )
        if p["locale"] == "ja" and rng.random() < 0.5:
            native = native.replace(" ", "")
        crm_id = b.crm(pipedrive_row, p, name=native)
        b.inbound("native_script", (crm_id,), hubspot_row(p))

    for _ in n():  # a stranger whose romanised name equals a native-script CRM record's, no key shared
        p = world.person(rng.choice(list(NATIVE)))
        native_last, native_first = p["native"]
        b.crm(pipedrive_row, p, name=f"{native_last} {native_first}")
        other = world.person(p["locale"], first=p["first"], last=p["last"], city=p["city"])
        b.inbound("native_script_namesake", (), hubspot_row(other))

    for _ in n():  # ø/å and dotless ı folded to ASCII on one side
        p = world.person(rng.choice(["no", "tr"]))
        crm_id = b.crm(pipedrive_row, p)
        folded = world.free_email(ascii_fold(p["first"]), ascii_fold(p["last"]))
        b.crm_rows[-1]["Person - Email - Home"] = folded
        b.inbound(
            "nordic_turkish_letters",
            (crm_id,),
            hubspot_row(
                p,
                first=ascii_fold(p["first"]).upper() if rng.random() < 0.3 else ascii_fold(p["first"]),
                last=ascii_fold(p["last"]),
                Email=folded if rng.random() < 0.5 else p["email"],
            ),
        )

    for _ in n():  # the same person, mail on the regional subdomain of the CRM's domain
        p = world.person("gb")
        crm_id = b.crm(pipedrive_row, p)
        local, domain = p["email"].split("@")
        b.inbound(
            "email_subdomain_same_person",
            (crm_id,),
            hubspot_row(
                p,
                Email=f"{local}@{rng.choice(['uk', 'eu', 'emea', 'mail'])}.{domain}",
                **{"Mobile Phone Number": ""},
            ),
        )

    for _ in n():  # another person with the same local part on the subsidiary's subdomain
        p = world.person("us")
        b.crm(pipedrive_row, p)
        local, domain = p["email"].split("@")
        other_first = rng.choice([f for f in LOCALES["gb"][3] if f[0] != p["first"][0]])
        other = world.person(
            "gb", first=other_first, last=p["last"], company=p["company"], email=f"{local}@uk.{domain}"
        )
        b.inbound("email_subdomain_other_person", (), hubspot_row(other))

    for _ in n():  # a team inbox shared by colleagues; the inbound colleague is not in the CRM
        company = world.company(rng.choice(["US", "GB"]))
        inbox = f"{rng.choice(TEAM_INBOXES)}@{company['domain']}"
        holder = world.person(company["region"].lower(), company=company, email=inbox)
        b.crm(pipedrive_row, holder, **{"Person - Phone - Work": intl(company["switchboard"])})
        colleague = world.stranger(company["region"].lower(), [holder], company=company, email=inbox)
        b.inbound(
            "shared_inbox_colleague",
            (),
            hubspot_row(
                colleague, **{"Phone Number": intl(company["switchboard"]), "Mobile Phone Number": ""}
            ),
        )

    for _ in n():  # a team inbox inbound, the person is in the CRM under a personal email
        p = world.person("us")
        crm_id = b.crm(pipedrive_row, p)
        b.inbound(
            "shared_inbox_person_in_crm",
            (crm_id,),
            hubspot_row(p, Email=f"{rng.choice(TEAM_INBOXES)}@{p['company']['domain']}"),
        )

    for _ in n():  # free-mail domain typo, same person
        p = world.person(rng.choice(["us", "gb"]))
        domain = rng.choice(FREE_MAIL)
        p["email"] = world.free_email(p["first"], p["last"], domain)
        crm_id = b.crm(pipedrive_row, p, **{"Person - Email - Work": "", "Person - Email - Home": p["email"]})
        local = p["email"].split("@")[0]
        b.inbound(
            "email_domain_typo",
            (crm_id,),
            hubspot_row(p, Email=f"{local}@{rng.choice(MAIL_TYPOS[domain])}", **{"Mobile Phone Number": ""}),
        )

    for _ in n():  # another person on the same free-mail local part at a typo'd domain
        p = world.person("us")
        domain = rng.choice(FREE_MAIL)
        p["email"] = world.free_email(p["first"], p["last"], domain)
        b.crm(pipedrive_row, p, **{"Person - Email - Work": "", "Person - Email - Home": p["email"]})
        local = p["email"].split("@")[0]
        other = world.person(
            "us",
            first=rng.choice([f for f in LOCALES["us"][3] if f != p["first"]]),
            last=rng.choice([s for s in LOCALES["us"][4] if s != p["last"]]),
            email=f"{local}@{rng.choice(MAIL_TYPOS[domain])}",
        )
        b.inbound("email_typo_other_person", (), hubspot_row(other))

    for _ in n():  # phone without its country code (country in its own column), no email
        p = world.person(rng.choice(["gb", "no", "tr"]))
        crm_id = b.crm(pipedrive_row, p)
        b.inbound(
            "phone_no_country_code",
            (crm_id,),
            hubspot_row(p, Email="", **{"Mobile Phone Number": national(p["mobile"]), "Company Name": ""}),
        )

    for _ in n():  # the same number as mobile and as work phone in the CRM; inbound has it as phone
        p = world.person(rng.choice(["us", "gb"]))
        crm_id = b.crm(pipedrive_row, p, **{"Person - Phone - Work": national(p["mobile"])})
        b.inbound(
            "same_phone_mobile_and_work",
            (crm_id,),
            hubspot_row(p, Email="", **{"Phone Number": e164(p["mobile"]), "Mobile Phone Number": ""}),
        )

    for _ in n():  # a colleague behind the switchboard that two CRM records carry as work phone
        company = world.company(rng.choice(["US", "GB"]))
        holders = []
        for _ in range(2):
            holder = world.person(company["region"].lower(), company=company)
            holders.append(holder)
            b.crm(
                pipedrive_row,
                holder,
                **{"Person - Phone - Work": intl(company["switchboard"]), "Person - Phone - Mobile": ""},
            )
        colleague = world.stranger(company["region"].lower(), holders, company=company)
        b.inbound(
            "switchboard_colleague",
            (),
            hubspot_row(
                colleague,
                Email="",
                **{"Phone Number": national(company["switchboard"]), "Mobile Phone Number": ""},
            ),
        )

    for _ in n():  # moved to the acquirer: new company and email, same mobile
        p = world.person("us")
        crm_id = b.crm(pipedrive_row, p)
        acquirer = world.company("US")
        moved = dict(p, company=acquirer, email=world.work_email(p["first"], p["last"], acquirer))
        b.inbound("moved_to_acquirer", (crm_id,), hubspot_row(moved))

    for _ in n():  # a namesake at the acquirer, not in the CRM: same name, other company, other mobile
        p = world.person("us")
        b.crm(pipedrive_row, p)
        acquirer = world.company("US")
        namesake = world.person("us", first=p["first"], last=p["last"], company=acquirer, city=p["city"])
        b.inbound("namesake_at_acquirer", (), hubspot_row(namesake))

    for _ in n():  # an intern with a parent's name at the parent's company, switchboard as phone
        parent = world.person(rng.choice(["us", "gb"]))
        b.crm(pipedrive_row, parent, **{"Person - Phone - Work": intl(parent["company"]["switchboard"])})
        intern = world.person(
            parent["locale"],
            first=parent["first"],
            last=parent["last"],
            company=parent["company"],
            city=parent["city"],
        )
        b.inbound(
            "intern_parents_name",
            (),
            hubspot_row(
                intern,
                last=rng.choice([parent["last"], f"{parent['last']} Jr.", f"{parent['last']} II"]),
                **{
                    "Phone Number": intl(parent["company"]["switchboard"]),
                    "Mobile Phone Number": "",
                    "Job Title": "Intern",
                },
            ),
        )

    for _ in n():  # a CRM record named after its email; inbound is the person
        p = world.person(rng.choice(["us", "gb"]))
        crm_id = b.crm(pipedrive_row, p, name=p["email"], **{"Person - Phone - Mobile": ""})
        b.inbound("email_in_name_column", (crm_id,), hubspot_row(p, **{"Mobile Phone Number": ""}))

    for _ in n():  # an email typed into the inbound first-name column, nothing else but the company
        p = world.person(rng.choice(["us", "gb"]))
        crm_id = b.crm(pipedrive_row, p)
        b.inbound(
            "email_in_inbound_name",
            (crm_id,),
            hubspot_row(p, first=p["email"], last="", Email="", **{"Mobile Phone Number": ""}),
        )

    for _ in n():  # placeholders in both files: a stranger with "N/A" everywhere a CRM record has it too
        p = world.person(rng.choice(["us", "gb"]))
        email_ph, phone_ph = rng.choice(EMAIL_PLACEHOLDERS), rng.choice(PHONE_PLACEHOLDERS)
        b.crm(
            pipedrive_row,
            p,
            **{
                "Person - Email - Work": email_ph,
                "Person - Phone - Mobile": phone_ph,
                "Person - Organization": rng.choice(TEXT_PLACEHOLDERS),
            },
        )
        stranger = world.stranger(rng.choice(["us", "gb"]), [p], city=p["city"])
        b.inbound(
            "placeholders_stranger",
            (),
            hubspot_row(
                stranger,
                Email=email_ph if rng.random() < 0.7 else rng.choice(EMAIL_PLACEHOLDERS),
                **{
                    "Mobile Phone Number": phone_ph,
                    "Company Name": rng.choice(TEXT_PLACEHOLDERS),
                    "Website URL": rng.choice(["N/A", "-", "http://", ""]),
                },
            ),
        )

    for _ in n():  # placeholders in the name columns, only a placeholder email shared
        p = world.person("us")
        email_ph = rng.choice(EMAIL_PLACEHOLDERS)
        b.crm(
            pipedrive_row,
            p,
            name=rng.choice(["Unknown", "N/A", "-", "unknown unknown"]),
            **{"Person - Email - Work": email_ph},
        )
        stranger = world.person("us")
        b.inbound(
            "placeholder_names",
            (),
            hubspot_row(
                stranger,
                first=rng.choice(["Unknown", "N/A", "-"]),
                last=rng.choice(["Unknown", "N/A", "-", ""]),
                Email=email_ph,
                **{"Company Name": "", "Website URL": ""},
            ),
        )

    for _ in n():  # whitespace, NBSP and zero-width characters in names, email and phone
        p = world.person(rng.choice(["us", "gb", "no"]))
        crm_id = b.crm(pipedrive_row, p)
        b.inbound(
            "zero_width_whitespace",
            (crm_id,),
            hubspot_row(
                p,
                first=_sprinkle(rng, p["first"]),
                last=_sprinkle(rng, p["last"]),
                Email=_sprinkle(rng, p["email"]),
                **{"Mobile Phone Number": _sprinkle(rng, intl(p["mobile"]))},
            ),
        )

    for _ in n():  # the CRM holds the person twice, differing in one field
        p = world.person(rng.choice(["us", "gb"]))
        first_id = b.crm(pipedrive_row, p)
        field = rng.choice(["Person - Phone - Work", "Person - City", "Person - Email - Home"])
        value = {
            "Person - Phone - Work": intl(p["company"]["switchboard"]),
            "Person - City": "",
            "Person - Email - Home": world.free_email(p["first"], p["last"]),
        }[field]
        second_id = b.crm(pipedrive_row, p, **{field: value})
        b.inbound("crm_duplicates_one_field", (first_id, second_id), hubspot_row(p))

    for _ in n():  # a stranger who shares the CRM's most common name and city, nothing else
        _, known = rng.choice(stored)
        stranger = world.person(known["locale"], first=known["first"], last=known["last"], city=known["city"])
        b.inbound("namesake_stranger", (), hubspot_row(stranger))

    for _ in n():  # a plain returning person: same email, phone formatted otherwise
        crm_id, known = rng.choice(stored)
        if known["email"] in EMAIL_PLACEHOLDERS:
            continue
        b.inbound(
            "plain_returning",
            (crm_id,),
            hubspot_row(known, **{"Mobile Phone Number": national(known["mobile"])}),
        )

    case_set = b.case_set()
    return HoldoutCaseSet(case_set.crm_columns, case_set.crm_rows, case_set.inbound_columns, case_set.cases)


# -- organisations ------------------------------------------------------------------------------------------------


def hubspot_company_row(crm_id: str, company: dict, **fields) -> dict:
    row = dict.fromkeys(CRM_ORG_COLUMNS, "")
    region = company["region"]
    row.update(
        {
            "Record ID": crm_id,
            "Company name": company["legal"],
            "Company Domain Name": company["domain"],
            "Website URL": f"https://www.{company['domain']}/",
            "Phone Number": intl(company["switchboard"]),
            "City": company.get("city", ""),
            "Country/Region": {
                "US": "United States",
                "GB": "United Kingdom",
                "NO": "Norway",
                "TR": "Turkey",
                "JP": "Japan",
                "KR": "South Korea",
                "RU": "Russia",
                "GR": "Greece",
            }[region],
        }
    )
    row.update(fields)
    return row


def enrichment_row(company: dict, **fields) -> dict:
    row = {
        "Organization": company["name"],
        "Domain": company["domain"],
        "HQ Phone": intl(company["switchboard"]),
        "City": company.get("city", ""),
        "Country": company["region"],
    }
    row.update(fields)
    return row


PERSON_NAMED_FIRMS = [
    "Sarah Miller",
    "James Porter",
    "Helen Ward",
    "Marcus Reid",
    "Nina Holt",
    "Oscar Bell",
    "Laura Finch",
    "Victor Hale",
    "Grace Lund",
    "Peter Voss",
]
NATIVE_COMPANIES = [
    ("株式会社山田製作所", "Yamada Seisakusho"),
    ("삼진물산 주식회사", "Samjin Trading"),
    ("ООО Северный Ветер", "Severny Veter"),
    ("Αιγαίο Ναυτιλιακή Α.Ε.", "Aigaio Shipping"),
]


def organisation_cases(orgs: int = 1200, per_category: int = 40, *, seed: int = 405) -> CaseSet:
    world = World(seed)
    rng = world.rng
    b = Builder(world, "en-", (CRM_ORG_COLUMNS, INBOUND_ORG_COLUMNS))
    regions = ["US", "US", "GB", "NO", "TR"]

    def city(region: str) -> str:
        pool = {
            "US": LOCALES["us"][2],
            "GB": LOCALES["gb"][2],
            "NO": LOCALES["no"][2],
            "TR": LOCALES["tr"][2],
        }
        return rng.choice(pool.get(region, ["Capital"]))

    def new_company(region: str | None = None, **kwargs) -> dict:
        region = region or rng.choice(regions)
        company = world.company(region, **kwargs)
        company["city"] = city(region)
        return company

    stored = []
    for _ in range(orgs):
        company = new_company()
        fields = {}
        if rng.random() < 0.05:
            fields = {"Website URL": rng.choice(["N/A", "-", "none", "http://"]), "Company Domain Name": ""}
        elif rng.random() < 0.05:
            fields = {"Phone Number": rng.choice(PHONE_PLACEHOLDERS)}
        stored.append((b.crm(hubspot_company_row, company, **fields), company))

    def n() -> range:
        return range(per_category)

    for _ in n():  # ALL CAPS and another legal form
        c = new_company()
        crm_id = b.crm(hubspot_company_row, c)
        b.inbound(
            "org_caps_legal_form",
            (crm_id,),
            enrichment_row(
                c,
                Organization=f"{c['name'].upper()}, {rng.choice(LEGAL[c['region']]).upper()}",
                **{"HQ Phone": ""},
            ),
        )

    for _ in n():  # the CRM's website is on a subdomain / path; inbound has the bare domain
        c = new_company()
        crm_id = b.crm(
            hubspot_company_row,
            c,
            **{
                "Company Domain Name": "",
                "Website URL": f"http://{rng.choice(['shop', 'eu', 'info'])}.{c['domain']}/en/",
            },
        )
        b.inbound("org_website_subdomain", (crm_id,), enrichment_row(c, **{"HQ Phone": ""}))

    for _ in n():  # a regional subsidiary on de./fr. subdomain of the parent's domain, not in the CRM
        parent = new_company("US")
        b.crm(hubspot_company_row, parent)
        country = rng.choice(["Deutschland", "France", "Nordic", "Japan"])
        sub = dict(
            parent,
            name=f"{parent['name']} {country}",
            legal=f"{parent['name']} {country} GmbH",
            domain=f"{country[:2].lower()}.{parent['domain']}",
            switchboard=world.phone("GB", mobile=False),
            city="",
        )
        b.inbound("org_regional_subsidiary", (), enrichment_row(sub))

    for _ in n():  # a sole trader named after a person, and another firm of that person's name
        base = rng.choice(PERSON_NAMED_FIRMS)
        firm = new_company("US", name=base, domain=f"{slug(base)}{world.next_id_int()}.com")
        crm_id = b.crm(hubspot_company_row, firm)
        b.inbound("org_person_named_same", (crm_id,), enrichment_row(firm, **{"HQ Phone": ""}))
        other = new_company("US", name=f"{base} {rng.choice(['Photography', 'Design', 'Law', 'Consulting'])}")
        b.inbound(
            "org_person_named_other",
            (),
            enrichment_row(other, Organization=base if rng.random() < 0.5 else other["name"]),
        )

    for _ in n():  # an acquired company whose inbound website is its acquirer's
        acquired, acquirer = new_company("US"), new_company("US")
        acquired_id = b.crm(hubspot_company_row, acquired)
        b.crm(hubspot_company_row, acquirer)
        b.inbound(
            "org_acquired_acquirer_domain",
            (acquired_id,),
            enrichment_row(acquired, Domain=acquirer["domain"], **{"HQ Phone": ""}),
        )

    for _ in n():  # small businesses whose website is a free-mail or social host
        host = rng.choice(["gmail.com", "facebook.com", "sites.google.com", "yahoo.com", "linktr.ee"])
        shop = new_company(rng.choice(regions))
        b.crm(hubspot_company_row, shop, **{"Company Domain Name": host, "Website URL": f"https://{host}"})
        other = new_company(shop["region"])
        b.inbound("org_free_host_domain", (), enrichment_row(other, Domain=host, City=shop["city"]))

    for _ in n():  # placeholders shared: N/A domain and 000 phone
        c = new_company()
        ph = rng.choice(PHONE_PLACEHOLDERS)
        b.crm(
            hubspot_company_row, c, **{"Company Domain Name": "N/A", "Website URL": "N/A", "Phone Number": ph}
        )
        other = new_company(c["region"])
        b.inbound(
            "org_placeholders",
            (),
            enrichment_row(
                other,
                Domain=rng.choice(["N/A", "-", "none", "unknown"]),
                **{"HQ Phone": ph, "City": c["city"]},
            ),
        )

    for _ in n():  # native script in the CRM, romanised inbound, same domain
        native, roman = rng.choice(NATIVE_COMPANIES)
        c = new_company(rng.choice(["JP", "KR", "RU", "GR"]), name=f"{roman} {world.next_id_int()}")
        crm_id = b.crm(hubspot_company_row, c, **{"Company name": native})
        b.inbound("org_native_script", (crm_id,), enrichment_row(c, **{"HQ Phone": ""}))

    for _ in n():  # zero-width and whitespace in name and domain
        c = new_company()
        crm_id = b.crm(hubspot_company_row, c)
        b.inbound(
            "org_zero_width",
            (crm_id,),
            enrichment_row(
                c, Organization=_sprinkle(rng, c["name"]), Domain=_sprinkle(rng, c["domain"].upper())
            ),
        )

    for _ in n():  # CRM duplicates that differ in one field
        c = new_company()
        first_id = b.crm(hubspot_company_row, c)
        second_id = b.crm(
            hubspot_company_row, c, **rng.choice([{"Phone Number": ""}, {"City": ""}, {"Website URL": ""}])
        )
        b.inbound("org_crm_duplicates", (first_id, second_id), enrichment_row(c))

    for _ in n():  # same name, another country and domain, not in the CRM
        c = new_company("GB")
        b.crm(hubspot_company_row, c)
        other = new_company("US", name=c["name"])
        b.inbound("org_namesake_abroad", (), enrichment_row(other))

    for _ in n():  # plain returning company, phone in national format
        crm_id, c = rng.choice(stored)
        b.inbound(
            "org_plain_returning", (crm_id,), enrichment_row(c, **{"HQ Phone": national(c["switchboard"])})
        )

    case_set = b.case_set()
    return HoldoutCaseSet(case_set.crm_columns, case_set.crm_rows, case_set.inbound_columns, case_set.cases)


# -- running both tools ------------------------------------------------------------------------------------------

CLI = {
    "person": [
        "--provider",
        "pipedrive",
        "--object",
        "persons",
        "--kind",
        "person",
        "--id-column",
        "Person - ID",
        "--external-id-column",
        "Record ID",
    ],
    "organisation": [
        "--provider",
        "hubspot",
        "--object",
        "companies",
        "--kind",
        "organisation",
        "--id-column",
        "Record ID",
        "--external-id-column",
        "id",
    ],
}


def run_cli(paths: dict, *, kind: str) -> Run:
    return run_identity_link(paths, CLI[kind], line_width=10_000)


# Splink reads this file pair through SQL that maps its columns onto the settings' names.
SPLINK_SQL = {
    "person": {
        "crm": """
            WITH raw AS (SELECT "Person - ID" AS id,
                    regexp_replace(trim("Person - Name"), '^([^,]+),\\s*(.+)$', '\\2 \\1') AS name,
                    * FROM read_csv('{path}', all_varchar = true))
            SELECT id AS unique_id,
                   nullif(lower(strip_accents(split_part(name, ' ', 1))), '') AS first_name,
                   nullif(lower(strip_accents(split_part(name, ' ', -1))), '') AS last_name,
                   nullif(lower(trim(coalesce(nullif("Person - Email - Work", ''), "Person - Email - Home"))), '')
                       AS email,
                   {phone}(coalesce(nullif("Person - Phone - Mobile", ''), "Person - Phone - Work")) AS phone,
                   {company}("Person - Organization") AS company,
                   NULL AS zip,
                   nullif(lower(strip_accents(trim("Person - City"))), '') AS city,
                   NULL AS date_of_birth
            FROM raw
        """,
        "inbound": """
            SELECT "Record ID" AS unique_id,
                   nullif(lower(strip_accents(trim("First Name"))), '') AS first_name,
                   nullif(lower(strip_accents(trim("Last Name"))), '') AS last_name,
                   nullif(lower(trim("Email")), '') AS email,
                   {phone}(coalesce(nullif("Mobile Phone Number", ''), "Phone Number")) AS phone,
                   {company}("Company Name") AS company,
                   NULL AS zip,
                   nullif(lower(strip_accents(trim("City"))), '') AS city,
                   NULL AS date_of_birth
            FROM read_csv('{path}', all_varchar = true)
        """,
    },
    "organisation": {
        "crm": """
            SELECT "Record ID" AS unique_id, {company}(strip_accents("Company name")) AS name,
                   {domain}(coalesce(nullif("Company Domain Name", ''), "Website URL")) AS domain,
                   {phone}("Phone Number") AS phone, nullif(lower(strip_accents(trim("City"))), '') AS city,
                   NULL AS postcode
            FROM read_csv('{path}', all_varchar = true)
        """,
        "inbound": """
            SELECT id AS unique_id, {company}(strip_accents("Organization")) AS name, {domain}("Domain") AS domain,
                   {phone}("HQ Phone") AS phone, nullif(lower(strip_accents(trim("City"))), '') AS city,
                   NULL AS postcode
            FROM read_csv('{path}', all_varchar = true)
        """,
    },
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--per-category", type=int, default=40)
    parser.add_argument("--orgs", type=int, default=1200)
    parser.add_argument("--org-per-category", type=int, default=40)
    parser.add_argument(
        "--seed", type=int, default=404, help="People from this seed, organisations from seed + 1."
    )
    parser.add_argument("--only", choices=("people", "organisations"))
    parser.add_argument("--skip-splink", action="store_true")
    parser.add_argument("--examples", type=int, default=10, help="Wrong links shown per tool.")
    parser.add_argument("--keep", type=Path, help="Write the generated files here and keep them.")
    args = parser.parse_args()
    directory = args.keep or Path(tempfile.mkdtemp(prefix="identity-holdout-"))
    directory.mkdir(parents=True, exist_ok=True)
    setup_django(f"identity-holdout-{os.getpid()}.sqlite3")  # a run of its own beside a queued one
    suites = []
    if args.only != "organisations":
        suites.append(("people", person_cases(args.people, args.per_category, seed=args.seed), "person"))
    if args.only != "people":
        suites.append(
            (
                "organisations",
                organisation_cases(args.orgs, args.org_per_category, seed=args.seed + 1),
                "organisation",
            )
        )
    for name, case_set, kind in suites:
        paths = write_case_files(case_set, directory, name)
        truth = read_truth(paths["truth"])
        runs = [run_cli(paths, kind=kind)]
        if not args.skip_splink:
            runs.append(run_splink(paths, kind=kind, sql=SPLINK_SQL[kind]))
        title = (
            f"{name} (holdout, seed {args.seed}): {len(case_set.crm_rows)} CRM records, {len(truth)} inbound"
        )
        report(title, truth, runs, args.examples)
    print(f"\nfiles in {directory}")


if __name__ == "__main__":
    main()
