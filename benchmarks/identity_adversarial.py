"""An independent adversarial check of identity: record sets in another style than `identity_data`.

    python benchmarks/identity_adversarial.py [--people 6000] [--per-category 120] [--orgs 1500]
                                              [--org-per-category 100] [--seed 101] [--skip-splink]
                                              [--keep DIR] [--examples 10]

`identity_data` writes HubSpot-style American records with a few kinds of trap. This generator writes a
Salesforce `Contact` export and a lead file from people of ten locales (accents, German, French, Spanish,
Dutch, Chinese, Arabic, Vietnamese and Indian names, family-first order, hyphenated and two-part surnames,
particles "van der" and "de la"), with emails that differ by case, "+tags", gmail dots and role
mailboxes, free-mail and corporate domains, phones in national and international formats with extensions
(formatted by `phonenumbers`), and records that miss most fields. Its traps are families: twins and
spouses sharing a home phone and address, a father and son of one name and address born 30 years apart,
namesake colleagues at one company, CRM duplicates, companies renamed, mailboxes handed to a successor,
people who changed jobs, and strangers who share a name with someone in the CRM. Organisations (a
Salesforce `Account` export): legal forms of many countries (".co.uk", "GmbH", "S.A.", "Pty Ltd"),
parents and subsidiaries on shared and on their own domains, renamed companies, small businesses whose
"website" is a page on a hosting or social platform, duplicates, and namesakes abroad.

Every case carries its truth (the CRM ids it may link to, or none) and every seed is deterministic. Both
file pairs are linked by our batch command (`identity_link --provider salesforce --kind ... --train`, no
prior setup) and by Splink with the settings `identity_quality.py` documents, in the same run; the report
is the same table: wrong auto-links, recall, review count and top-3 per category.
"""

import argparse
import os
import random
import tempfile
from pathlib import Path

import phonenumbers
from identity_data import Case, CaseSet, write_case_files
from identity_django import setup_django
from identity_quality import read_truth, report, run_ours, run_splink

# locale -> (phone region, country, cities, given names (female, male), surnames, company words, legal forms)
LOCALES = {
    "de": (
        "DE",
        "Germany",
        ["München", "Köln", "Düsseldorf", "Berlin", "Nürnberg"],
        (
            ["Jürgen", "Björn", "Jörg", "Stefan", "Matthias"],
            ["Jürgen", "Björn", "Jörg", "Stefan", "Matthias"],
        ),
        ["Müller", "Schröder", "Groß", "Weiß", "Köhler", "Schäfer", "Bäcker", "Hoffmann", "Schmitz"],
        ["Logistik", "Maschinenbau", "Energie", "Feinkost", "Beratung"],
        ["GmbH", "AG", "GmbH & Co. KG"],
    ),
    "fr": (
        "FR",
        "France",
        ["Besançon", "Orléans", "Nîmes", "Créteil", "Saint-Étienne"],
        (
            ["Hélène", "Élodie", "Noémie", "Céline", "Anaïs"],
            ["François", "Jérôme", "Loïc", "Benoît", "Gaëtan"],
        ),
        ["Lefèvre", "Dubois", "de la Fontaine", "Lemaître", "Bérenger", "Fournier", "d'Arcy"],
        ["Conseil", "Énergies", "Transports", "Matériaux", "Vins"],
        ["S.A.", "SAS", "SARL"],
    ),
    "es": (
        "ES",
        "Spain",
        ["Málaga", "Córdoba", "León", "Cádiz", "Logroño"],
        (
            ["María José", "Inés", "Lucía", "Begoña", "Ángela"],
            ["José Luis", "Íñigo", "Andrés", "Rubén", "Óscar"],
        ),
        ["García Márquez", "Fernández-López", "de la Cruz", "Núñez", "Peña", "Ibáñez", "Martín Sánchez"],
        ["Construcciones", "Alimentación", "Ingeniería", "Distribuciones", "Viajes"],
        ["S.A.", "S.L."],
    ),
    "nl": (
        "NL",
        "Netherlands",
        ["Den Haag", "Utrecht", "Groningen", "Eindhoven", "Zwolle"],
        (["Anouk", "Sanne", "Femke", "Lotte", "Marloes"], ["Pieter", "Joost", "Sjoerd", "Bram", "Thijs"]),
        ["van der Berg", "de Vries", "van den Heuvel", "van Dijk", "Bakker", "de Jong", "van 't Hof"],
        ["Techniek", "Bouw", "Handel", "Zorg", "Installaties"],
        ["B.V.", "N.V."],
    ),
    "cn": (
        "CN",
        "China",
        ["Shenzhen", "Hangzhou", "Chengdu", "Suzhou", "Wuhan"],
        (["Li Na", "Fang", "Xiu Ying", "Jing", "Mei"], ["Wei", "Jun", "Hao", "Zhi Qiang", "Lei"]),
        ["Zhang", "Wang", "Li", "Liu", "Chen", "Huang", "Zhou", "Xu"],
        ["Electronics", "Trading", "Precision", "Textiles", "Robotics"],
        ["Co., Ltd.", "Ltd"],
    ),
    "ar": (
        "AE",
        "United Arab Emirates",
        ["Dubai", "Abu Dhabi", "Sharjah", "Al Ain", "Ajman"],
        (
            ["Fatima", "Aisha", "Mariam", "Noor", "Layla"],
            ["Mohammed", "Ahmed", "Omar", "Khalid", "Abdel-Rahman"],
        ),
        ["Al-Hassan", "Al Mansouri", "El-Sayed", "Haddad", "Abdullah", "Al-Farsi", "Nasser"],
        ["Contracting", "General Trading", "Holdings", "Petroleum", "Logistics"],
        ["LLC", "FZE", "FZ-LLC"],
    ),
    "vn": (
        "VN",
        "Vietnam",
        ["Hà Nội", "Đà Nẵng", "Huế", "Cần Thơ", "Hải Phòng"],
        (
            ["Thị Lan", "Ngọc Anh", "Thu Trang", "Mai", "Hương"],
            ["Văn An", "Minh Tuấn", "Đức", "Quang Huy", "Hùng"],
        ),
        ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ"],
        ["Seafood", "Garments", "Coffee", "Furniture", "Software"],
        ["JSC", "Co., Ltd."],
    ),
    "in": (
        "IN",
        "India",
        ["Bengaluru", "Pune", "Chennai", "Hyderabad", "Kochi"],
        (
            ["Priya", "Lakshmi", "Ananya", "Kavya", "Deepika"],
            ["Rahul", "Venkatesh", "Arjun", "Sanjay", "Karthik"],
        ),
        ["Sharma", "Patel", "Iyer", "Reddy", "Venkataraman", "Nair", "Subramanian"],
        ["Infotech", "Pharma", "Textiles", "Motors", "Agro"],
        ["Pvt. Ltd.", "Limited", "LLP"],
    ),
    "uk": (
        "GB",
        "United Kingdom",
        ["Leeds", "Bristol", "Cardiff", "Glasgow", "Norwich"],
        (
            ["Siobhan", "Niamh", "Eleanor", "Harriet", "Imogen"],
            ["Alistair", "Rhys", "Hamish", "Callum", "Oliver"],
        ),
        ["O'Brien", "Smith-Jones", "MacDonald", "Featherstonehaugh", "Ashworth", "Pryce"],
        ["Engineering", "Brewing", "Consulting", "Foods", "Surveyors"],
        ["Ltd", "Limited", "PLC", "LLP"],
    ),
    "us": (
        "US",
        "United States",
        ["Portland", "Springfield", "Austin", "Columbus", "Madison"],
        (
            ["Kayla", "Brittany", "Deborah", "Maria", "Jessica"],
            ["Tyler", "Robert", "William", "John", "Michael"],
        ),
        ["Johnson", "Miller", "Garcia", "Rodriguez", "Washington", "O'Neil", "Kowalski"],
        ["Analytics", "Builders", "Health", "Capital", "Systems"],
        ["Inc.", "LLC", "Corp.", "Incorporated"],
    ),
}
# More names per locale (female, male, surnames): real name sets are wide, and a CRM where every full name
# is held by a dozen people is a test of another thing (the traps below make their namesakes on purpose).
MORE_NAMES = {
    "de": (
        "Anja Birgit Doris Gisela Heike Jutta Katrin Monika Sabine Ursula Wiebke Dörte",
        "Dieter Günther Horst Klaus Lutz Rüdiger Sönke Uwe Volker Wolfgang Holger Till",
        "Becker Fischer Krüger Lehmann Meißner Neumann Pöhlmann Richter Schulze Vogel Wagner Zöllner "
        "Jäger Böhm Fuchs Hübner Kühn Lorenz Möller Seidel",
    ),
    "fr": (
        "Amélie Brigitte Chloé Delphine Estelle Gaëlle Isabelle Léa Mathilde Sévérine Zoé Maëlle",
        "Anthony Cédric Damien Émile Frédéric Hervé Jean-Pierre Jérémie Mathéo Rémi Stéphane Théo",
        "Bernard Boucher Chevalier Côté Durand Garnier Girard Leclerc Lévêque Mercier Moreau Rousseau "
        "Perrin Gauthier Faure Blanchet Renaud Barbier Brunet Roussel",
    ),
    "es": (
        "Alba Carmen Concepción Dolores Elena Leticia Montserrat Nuria Pilar Rocío Sofía Ximena",
        "Alejandro Álvaro Diego Enrique Fernando Gonzalo Jesús Joaquín Pablo Ramón Sergio Tomás",
        "Álvarez Castillo Delgado Domínguez Gutiérrez Jiménez Moreno Muñoz Navarro Ortega Ramírez Rubio "
        "Serrano Vázquez Blanco Molina Herrero Romero Suárez Torres",
    ),
    "nl": (
        "Annelies Britt Daphne Eline Fleur Ilse Jolien Maaike Noor Roos Wilma Ymke",
        "Arjen Bas Daan Gerrit Hendrik Jeroen Koen Maarten Niels Ruud Stijn Wouter",
        "Jansen Visser Smit Meijer Mulder Bos Vos Peters Hendriks Dekker Brouwer Verhoeven "
        "van Leeuwen van der Linden de Boer Kuipers Postma Willems Schouten de Graaf",
    ),
    "cn": (
        "Hui Juan Lan Li Ling Min Ping Qing Xia Yan Yun Zhen",
        "Bo Chao Gang Jian Ming Peng Qiang Tao Yong Feng Bin Kai",
        "Yang Zhao Wu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Song Xie Tang Han Feng Deng",
    ),
    "ar": (
        "Amal Dalia Hana Huda Jamila Leila Maha Rania Salma Samira Yasmin Zainab",
        "Ali Bilal Faisal Hamza Hassan Ibrahim Karim Mahmoud Mustafa Rashid Tariq Yousef",
        "Al-Amiri Al-Zahra Bakr El-Khoury Hamdan Ibrahim Jaber Kassem Mansour Qureshi Saleh Suleiman "
        "Al-Najjar Darwish Farouk Habib Khalil Rahman Said Zayed",
    ),
    "vn": (
        "Bích Diệp Hằng Hoa Huyền Khánh Linh Nhung Phương Quỳnh Thảo Yến",
        "Bảo Cường Dũng Hải Hiếu Khoa Long Nam Phúc Sơn Thắng Vinh",
        "Huỳnh Phan Vũ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Lâm Trịnh Mai Tô Tạ Cao Lương Chu Quách",
    ),
    "in": (
        "Aishwarya Divya Gayatri Harini Lavanya Meera Nandini Pooja Radhika Shreya Sunita Vidya",
        "Aditya Anil Ganesh Harish Manoj Naveen Pradeep Rajesh Suresh Vijay Vikram Srinivas",
        "Agarwal Bhat Chatterjee Desai Gupta Joshi Kulkarni Menon Mukherjee Pillai Rao Singh "
        "Krishnan Banerjee Chopra Malhotra Mehta Naidu Shetty Verma",
    ),
    "uk": (
        "Abigail Bethan Charlotte Fiona Georgina Gwen Katie Lowri Morag Rhiannon Sophie Tamsin",
        "Angus Dafydd Euan Fergus Gareth Iain Nigel Owain Rupert Seamus Toby Ewan",
        "Bradshaw Cartwright Ellison Fairbairn Griffiths Hughes Llewellyn McAllister Pemberton "
        "Thistlethwaite Whitaker Yardley Abernethy Blackwood Crichton Drummond Fitzgerald Hartley Kerr Lindsay",
    ),
    "us": (
        "Ashley Crystal Destiny Heather Jasmine Latoya Megan Nicole Shannon Tiffany Whitney Brandy",
        "Brandon Cody Dustin Jamal Kyle Marcus Dylan Trevor Travis Shane Wesley Darnell",
        "Anderson Baker Campbell Diaz Evans Flores Hernandez Jackson Lopez Martinez Nguyen Phillips "
        "Ramirez Robinson Sanchez Thompson Walker Young Zimmerman Kowalczyk",
    ),
}
for _locale, (_female, _male, _surnames) in MORE_NAMES.items():
    LOCALES[_locale][3][0].extend(_female.split())
    LOCALES[_locale][3][1].extend(_male.split())
    LOCALES[_locale][4].extend(
        # particles stay with their surname ("van der Linden", "de Boer")
        _surnames.replace("van der ", "van_der_").replace("van ", "van_").replace("de ", "de_").split()
    )
    LOCALES[_locale][4][:] = [name.replace("_", " ") for name in LOCALES[_locale][4]]
# Written forms of one given or family name that other systems use (transliterations, accents lost).
VARIANTS = {
    "Mohammed": ["Muhammad", "Mohamed", "Mohammad"],
    "Ahmed": ["Ahmad"],
    "Abdel-Rahman": ["Abdul Rahman", "Abdelrahman"],
    "Al-Hassan": ["Alhassan", "Al Hassan", "El-Hassan"],
    "Al-Farsi": ["Alfarsi", "Al Farsi"],
    "El-Sayed": ["Elsayed", "El Sayed"],
    "Müller": ["Mueller", "Muller"],
    "Schröder": ["Schroeder"],
    "Groß": ["Gross"],
    "Weiß": ["Weiss"],
    "Köhler": ["Koehler"],
    "Schäfer": ["Schaefer"],
    "Jürgen": ["Juergen", "Jurgen"],
    "Jörg": ["Joerg"],
    "Björn": ["Bjoern"],
    "García Márquez": ["Garcia", "Garcia-Marquez", "GARCIA MARQUEZ"],
    "Fernández-López": ["Fernandez Lopez", "Fernandez"],
    "Martín Sánchez": ["Martin", "Martin-Sanchez"],
    "de la Cruz": ["De La Cruz", "Cruz", "delaCruz"],
    "van der Berg": ["Van der Berg", "vd Berg", "Van Der Berg"],
    "van den Heuvel": ["Van den Heuvel", "Heuvel"],
    "van Dijk": ["Van Dijk", "Dijk"],
    "de Vries": ["De Vries", "Vries"],
    "de Jong": ["De Jong"],
    "van 't Hof": ["Van 't Hof", "van het Hof"],
    "de la Fontaine": ["De La Fontaine", "Delafontaine"],
    "d'Arcy": ["D'Arcy", "Darcy"],
    "Smith-Jones": ["Smith Jones", "Jones"],
    "María José": ["Maria Jose", "María-José"],
    "José Luis": ["Jose Luis", "Jose-Luis"],
}
FREE_MAIL = [
    "gmail.com",
    "outlook.com",
    "yahoo.co.uk",
    "web.de",
    "orange.fr",
    "qq.com",
    "163.com",
    "hotmail.es",
]
PLUS_TAG_MAIL = {"gmail.com", "outlook.com"}
ROLE_LOCAL_PARTS = ["info", "sales", "contact", "office", "hello", "enquiries", "admin"]
PERSON_CATEGORIES = (
    "email_variant",
    "unicode_name_only",
    "transliteration",
    "compound_surname",
    "phone_format",
    "role_address",
    "freemail_switch",
    "missing_fields",
    "family_shared_phone",
    "father_son",
    "namesake_colleague",
    "company_rename",
    "crm_duplicate",
    "reassigned_mailbox",
    "job_change",
    "not_in_crm_namesake",
)
ORGANISATION_CATEGORIES = (
    "org_locale_suffix",
    "org_parent_subsidiary",
    "org_own_domain_subsidiary",
    "org_rename",
    "org_hosted_site",
    "org_duplicate",
    "org_namesake_abroad",
)
CONTACT_COLUMNS = [
    "Id",
    "FirstName",
    "LastName",
    "Email",
    "Phone",
    "AccountName",
    "MailingStreet",
    "MailingCity",
    "MailingPostalCode",
    "MailingCountry",
    "Birthdate",
]
LEAD_COLUMNS = [
    "external_id",
    "first_name",
    "last_name",
    "full_name",
    "email",
    "phone",
    "company",
    "street",
    "city",
    "postcode",
    "country",
    "dob",
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
]
ORG_LEAD_COLUMNS = ["external_id", "name", "website", "phone", "street", "city", "postcode", "country"]


class World:
    """People, families and companies of the ten locales, drawn from one seeded generator."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.serial = 0
        self.companies: list[dict] = []
        self.phones: set[str] = set()
        self.mailboxes: set[str] = set()

    def next_id(self, prefix: str) -> str:
        self.serial += 1
        return f"{prefix}{self.serial:07d}"

    def phone(self, region: str, *, mobile: bool = True) -> phonenumbers.PhoneNumber:
        """A valid number of the region, never handed out twice."""
        kind = phonenumbers.PhoneNumberType.MOBILE if mobile else phonenumbers.PhoneNumberType.FIXED_LINE
        example = phonenumbers.example_number_for_type(region, kind)
        digits = str(example.national_number)
        for _ in range(200):
            keep = max(2, len(digits) - 6)
            candidate = digits[:keep] + "".join(
                str(self.rng.randint(0, 9)) for _ in range(len(digits) - keep)
            )
            number = phonenumbers.parse(f"+{example.country_code}{candidate}")
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            if phonenumbers.is_valid_number(number) and e164 not in self.phones:
                self.phones.add(e164)
                return number
        raise RuntimeError(f"no fresh number for {region}")

    def company(self, locale: str) -> dict:
        region, country, cities, _, surnames, words, forms = LOCALES[locale]
        stem = f"{self.rng.choice(surnames).replace(' ', '').replace(chr(39), '')} {self.rng.choice(words)}"
        stem = f"{stem} {len(self.companies)}" if self.rng.random() < 0.3 else stem  # some share a stem
        tld = {"uk": "co.uk", "us": "com", "cn": "com.cn", "ar": "ae", "in": "co.in", "vn": "com.vn"}.get(
            locale, locale
        )
        slug = "".join(c for c in _ascii(stem).lower() if c.isalnum())
        company = {
            "locale": locale,
            "stem": stem,
            "form": self.rng.choice(forms),
            "domain": f"{slug}{len(self.companies)}.{tld}",
            "switchboard": self.phone(region, mobile=False),
            "city": self.rng.choice(cities),
            "postcode": f"{self.rng.randint(10000, 99999)}",
            "country": country,
            "street": f"{self.rng.randint(1, 400)} {self.rng.choice(['Hauptstraße', 'Rue de la Paix', 'Calle Mayor', 'Keizersgracht', 'High Street', 'Main St'])}",
        }
        self.companies.append(company)
        return company

    def employer(self, locale: str) -> dict:
        """An existing company of the locale most of the time (people have colleagues), else a new one."""
        known = [company for company in self.companies[-400:] if company["locale"] == locale]
        return self.rng.choice(known) if known and self.rng.random() < 0.7 else self.company(locale)

    def person(self, locale: str | None = None, **fixed) -> dict:
        locale = locale or self.rng.choice(list(LOCALES))
        region, _, cities, (female, male), surnames, _, _ = LOCALES[locale]
        company = fixed.pop("company", None) or self.employer(locale)
        first = self.rng.choice(female if self.rng.random() < 0.5 else male)
        person = {
            "locale": locale,
            "first": first,
            "last": self.rng.choice(surnames),
            "born": f"{self.rng.randint(1950, 2001)}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}",
            "company": company,
            "mobile": self.phone(region),
            "city": company["city"] if self.rng.random() < 0.7 else self.rng.choice(cities),
            "postcode": f"{self.rng.randint(10000, 99999)}",
            "street": f"{self.rng.randint(1, 200)} {self.rng.choice(['Lindenweg', 'Avenue Foch', 'Calle Sol', 'Dorpsstraat', 'Mill Lane'])}",
            "personal": "",
        }
        person.update(fixed)
        person["work"] = person.get("work") or self.work_email(person["first"], person["last"], company)
        if not person["personal"] and self.rng.random() < 0.4:
            person["personal"] = self.free_email(person)
        return person

    def work_email(self, first: str, last: str, company: dict) -> str:
        first, last = _slug(first), _slug(last)
        local = self.rng.choice(
            [f"{first}.{last}", f"{first[0]}{last}", f"{first[0]}.{last}", f"{last}.{first}"]
        )
        return self.claim(local, company)

    def claim(self, local: str, company: dict) -> str:
        """A new mailbox at the company: a mail server hands out each address once."""
        address, serial = f"{local}@{company['domain']}", 1
        while address in self.mailboxes:
            serial += 1
            address = f"{local}{serial}@{company['domain']}"
        self.mailboxes.add(address)
        return address

    def free_email(self, person: dict) -> str:
        local = f"{_slug(person['first'])}.{_slug(person['last'])}{self.rng.randint(1, 999)}"
        return f"{local}@{self.rng.choice(FREE_MAIL)}"


def _ascii(text: str) -> str:
    import unicodedata

    text = text.replace("ß", "ss").replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _slug(name: str) -> str:
    return "".join(c for c in _ascii(name).lower() if c.isalnum())


def contact_row(crm_id: str, person: dict, *, email: str = "", phone=None, dob: bool = True) -> dict:
    """A Salesforce Contact row: Phone in the national format of its country or E.164, as reps type it."""
    company = person["company"]
    number = phone if phone is not None else person["mobile"]
    return {
        "Id": crm_id,
        "FirstName": person["first"],
        "LastName": person["last"],
        "Email": email if email else person["work"],
        "Phone": _format(number, phonenumbers.PhoneNumberFormat.E164) if number else "",
        "AccountName": f"{company['stem']} {company['form']}",
        "MailingStreet": person["street"],
        "MailingCity": person["city"],
        "MailingPostalCode": person["postcode"],
        "MailingCountry": company["country"],
        "Birthdate": person["born"] if dob else "",
    }


def _format(number, style) -> str:
    return phonenumbers.format_number(number, style)


def messy_phone(rng: random.Random, number, *, extension: bool = False) -> str:
    """How a lead form or a spreadsheet writes a number: international with spaces or dashes, "00" for
    "+", a "(0)", or an extension."""
    international = _format(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    e164 = _format(number, phonenumbers.PhoneNumberFormat.E164)
    national = str(number.national_number)
    forms = [
        international,
        international.replace(" ", "-"),
        "00" + e164[1:],
        f"+{number.country_code} (0){national}",
        f"+{number.country_code}.{national[:3]}.{national[3:]}",
    ]
    text = rng.choice(forms)
    if extension:
        text += rng.choice([" ext. 214", " x214", ";ext=214", " #214"])
    return text


def lead(person: dict, rng: random.Random, *, name: str = "split", **fields) -> dict:
    """An inbound lead: the name split or as one full name (in the person's or family-first order)."""
    row = {
        "company": f"{person['company']['stem']} {rng.choice(LOCALES[person['company']['locale']][6])}",
        "city": person["city"],
        "country": person["company"]["country"],
    }
    first, last = fields.pop("first", person["first"]), fields.pop("last", person["last"])
    if name == "split":
        row.update(first_name=first, last_name=last)
    elif name == "full":
        row["full_name"] = f"{first} {last}"
    elif name == "family_first":
        row["full_name"] = f"{last.upper()} {first}"
    row.update(fields)
    return {key: value for key, value in row.items() if value not in (None, "")}


def variant(rng: random.Random, name: str) -> str:
    """Another written form of a name: a transliteration, lost accents or case."""
    if name in VARIANTS and rng.random() < 0.8:
        return rng.choice(VARIANTS[name])
    return rng.choice([_ascii(name), name.upper(), name.lower(), name])


def person_cases(people: int = 6000, per_category: int = 120, *, seed: int = 101) -> CaseSet:
    world = World(seed)
    rng = world.rng
    rows: list[dict] = []
    cases: list[Case] = []

    def stored(person: dict, **options) -> str:
        crm_id = world.next_id("003")
        rows.append(contact_row(crm_id, person, **options))
        return crm_id

    def add(category: str, truth: tuple[str, ...], attributes: dict) -> None:
        cases.append(Case(f"{category}-{len(cases)}", category, truth, attributes))

    background = [world.person() for _ in range(people)]
    for person in background:
        person["crm_id"] = stored(person)
    by_company: dict[int, list[dict]] = {}
    for person in background:
        by_company.setdefault(id(person["company"]), []).append(person)

    for _ in range(per_category):
        # email_variant: the CRM's address in upper case, with a +tag, gmail dots; the name in another form.
        person = world.person(personal="")
        address = f"{_slug(person['first'])}.{_slug(person['last'])}@gmail.com"
        person["work"] = address if rng.random() < 0.5 else person["work"]
        truth = stored(person)
        local, _, domain = person["work"].partition("@")
        shown = rng.choice(
            [
                person["work"].upper(),
                f"{local}+newsletter@{domain}",
                local.replace(".", "") + "@" + domain if domain == "gmail.com" else person["work"].title(),
                f" mailto:{person['work']} ",
            ]
        )
        add("email_variant", (truth,), lead(person, rng, first=variant(rng, person["first"]), email=shown))

        # unicode_name_only: the name without accents or in capitals, the company, no email or phone.
        person = world.person()
        truth = stored(person)
        add(
            "unicode_name_only",
            (truth,),
            lead(
                person,
                rng,
                name=rng.choice(["split", "full"]),
                first=_ascii(person["first"]).upper(),
                last=_ascii(person["last"]),
            ),
        )

        # transliteration: Mohammed/Muhammad, Al-Hassan/Alhassan, family-first Chinese names; the phone too.
        locale = rng.choice(["ar", "cn", "de", "vn"])
        person = world.person(locale)
        truth = stored(person)
        add(
            "transliteration",
            (truth,),
            lead(
                person,
                rng,
                name="family_first" if locale in ("cn", "vn") and rng.random() < 0.6 else "split",
                first=variant(rng, person["first"]),
                last=variant(rng, person["last"]),
                phone=messy_phone(rng, person["mobile"]) if rng.random() < 0.5 else "",
            ),
        )

        # compound_surname: one of two surnames, hyphenated, particles re-cased or dropped.
        person = world.person(rng.choice(["es", "nl", "fr", "uk"]))
        truth = stored(person)
        add(
            "compound_surname",
            (truth,),
            lead(
                person,
                rng,
                last=variant(rng, person["last"]),
                phone=messy_phone(rng, person["mobile"]),
                postcode=person["postcode"],
            ),
        )

        # phone_format: the mobile in another format, with an extension now and then; a personal email.
        person = world.person()
        truth = stored(person)
        add(
            "phone_format",
            (truth,),
            lead(person, rng, phone=messy_phone(rng, person["mobile"], extension=rng.random() < 0.3)),
        )

        # role_address: a colleague's record holds info@; the lead writes from info@ with its own name.
        colleagues = [p for p in rng.choice(list(by_company.values()))] if rng.random() < 0.5 else []
        company = colleagues[0]["company"] if colleagues else world.company(rng.choice(list(LOCALES)))
        role = f"{rng.choice(ROLE_LOCAL_PARTS)}@{company['domain']}"
        holder = world.person(company["locale"], company=company)
        stored(holder, email=role)
        person = world.person(company["locale"], company=company)
        in_crm = rng.random() < 0.5
        truth = (stored(person),) if in_crm else ()
        add("role_address", truth, lead(person, rng, email=role))

        # freemail_switch: the CRM knows the work address, the lead a personal one; name, company, city.
        person = world.person(personal="")
        truth = stored(person)
        add(
            "freemail_switch",
            (truth,),
            lead(person, rng, email=world.free_email(person), postcode=person["postcode"]),
        )

        # missing_fields: a name and a company, nothing else (half of them not in the CRM: a colleague is).
        person = world.person()
        in_crm = rng.random() < 0.6
        if in_crm:
            truth = (stored(person),)
        else:
            truth = ()
            stored(world.person(person["locale"], company=person["company"]))
        row = lead(person, rng, name=rng.choice(["split", "full"]))
        row.pop("city", None)
        row.pop("country", None)
        add("missing_fields", truth, row)

        # family_shared_phone: twins or a couple at one address and home phone; one or both in the CRM.
        locale = rng.choice(list(LOCALES))
        first = world.person(locale, personal="")
        twins = rng.random() < 0.5
        home = world.phone(LOCALES[locale][0], mobile=False)
        second = world.person(
            locale,
            last=first["last"],
            street=first["street"],
            city=first["city"],
            postcode=first["postcode"],
            born=first["born"]
            if twins
            else f"{int(first['born'][:4]) + rng.randint(-4, 4)}{first['born'][4:]}",
        )
        while _slug(second["first"]) == _slug(first["first"]):
            second["first"] = rng.choice(LOCALES[locale][3][rng.random() < 0.5])
        second["work"] = world.work_email(second["first"], second["last"], second["company"])
        first_id = stored(first, phone=home)
        both = rng.random() < 0.5
        second_id = stored(second, phone=home) if both else ""
        asking = first if rng.random() < 0.5 else second
        truth = (first_id,) if asking is first else ((second_id,) if both else ())
        row = lead(
            asking, rng, phone=messy_phone(rng, home), street=asking["street"], postcode=asking["postcode"]
        )
        if rng.random() < 0.5:
            row["dob"] = asking["born"]
        row.pop("company", None)
        add("family_shared_phone", truth, row)

        # father_son: one name, one address and home phone, born 30 years apart; the father always stored.
        locale = rng.choice(list(LOCALES))
        father = world.person(
            locale,
            personal="",
            born=f"{rng.randint(1940, 1965)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        )
        home = world.phone(LOCALES[locale][0], mobile=False)
        son = world.person(
            locale,
            first=father["first"],
            last=father["last"],
            street=father["street"],
            city=father["city"],
            postcode=father["postcode"],
            born=f"{int(father['born'][:4]) + 30}{father['born'][4:]}",
            personal="",
        )
        father_id = stored(father, phone=home)
        son_stored = rng.random() < 0.5
        son_id = stored(son, phone=home) if son_stored else ""
        asking, truth = (
            (son, ((son_id,) if son_stored else ())) if rng.random() < 0.6 else (father, (father_id,))
        )
        row = lead(
            asking,
            rng,
            phone=messy_phone(rng, home),
            street=asking["street"],
            postcode=asking["postcode"],
            dob=asking["born"],
        )
        row.pop("company", None)
        add("father_son", truth, row)

        # namesake_colleague: two people of one name at one company; the lead has one's email, or none.
        locale = rng.choice(list(LOCALES))
        one = world.person(locale)
        two = world.person(
            locale, company=one["company"], first=one["first"], last=one["last"], city=one["city"]
        )
        while two["work"] == one["work"]:
            two["work"] = (
                f"{_slug(two['first'])}.{_slug(two['last'])}{rng.randint(2, 99)}@{one['company']['domain']}"
            )
        one_id, two_id = stored(one), stored(two)
        asking, truth = (one, one_id) if rng.random() < 0.5 else (two, two_id)
        with_email = rng.random() < 0.6
        add("namesake_colleague", (truth,), lead(asking, rng, email=asking["work"] if with_email else ""))

        # company_rename: the employer renamed itself and moved to a new domain; the mobile stays.
        person = world.person(personal="")
        truth = stored(person)
        renamed = dict(
            person["company"],
            stem=f"{rng.choice(['Nova', 'Vertex', 'Orbis', 'Lumen'])} {rng.choice(['Group', 'Works', 'Labs'])}",
        )
        renamed["domain"] = _slug(renamed["stem"]) + f"{rng.randint(1, 9999)}.com"
        moved = dict(person, company=renamed, work=world.work_email(person["first"], person["last"], renamed))
        add(
            "company_rename",
            (truth,),
            lead(moved, rng, email=moved["work"], phone=messy_phone(rng, person["mobile"])),
        )

        # crm_duplicate: one person stored twice (work and personal address); the lead has no key.
        person = world.person(personal="")
        person["personal"] = world.free_email(person)
        first_id = stored(person)
        second_id = stored(person, email=person["personal"], phone="" if rng.random() < 0.5 else None)
        add("crm_duplicate", (first_id, second_id), lead(person, rng, postcode=person["postcode"]))

        # reassigned_mailbox: a departed person's address (initial + surname) now reaches a successor of
        # the same surname, or of another; the successor may be in the CRM under a new address.
        locale = rng.choice(list(LOCALES))
        departed = world.person(locale, personal="")
        initial_box = departed["work"] = world.claim(
            f"{_slug(departed['first'])[0]}.{_slug(departed['last'])}", departed["company"]
        )
        stored(departed)
        same_surname = rng.random() < 0.5
        successor = world.person(locale, company=departed["company"])
        if same_surname:
            successor["last"] = departed["last"]
        given = [name for names in LOCALES[locale][3] for name in names if name != departed["first"]]
        same_initial = [name for name in given if _slug(name)[:1] == _slug(departed["first"])[:1]]
        successor["first"] = rng.choice(same_initial or given)  # the same initial when the locale has one
        if not same_surname:
            successor["last"] = rng.choice([s for s in LOCALES[locale][4] if s != departed["last"]])
        in_crm = rng.random() < 0.4
        truth = (stored(successor),) if in_crm else ()
        add("reassigned_mailbox", truth, lead(successor, rng, email=initial_box))

        # job_change: a new employer and a new work address; the mobile or the birth date comes along.
        person = world.person(personal="")
        truth = stored(person)
        moved = dict(person, company=world.company(person["locale"]))
        moved["work"] = world.work_email(person["first"], person["last"], moved["company"])
        evidence = rng.choice(["phone", "dob", "none"])
        add(
            "job_change",
            (truth,),
            lead(
                moved,
                rng,
                email=moved["work"],
                phone=messy_phone(rng, person["mobile"]) if evidence == "phone" else "",
                dob=person["born"] if evidence == "dob" else "",
            ),
        )

        # not_in_crm_namesake: someone of a stored person's name (or a variant of it) elsewhere, born
        # another year, with their own mobile and address.
        original = rng.choice(background)
        stranger = world.person(
            original["locale"],
            first=original["first"],
            last=original["last"] if rng.random() < 0.7 else variant(rng, original["last"]),
            born=f"{int(original['born'][:4]) + rng.choice([-9, -5, 6, 11])}{original['born'][4:]}",
        )
        if rng.random() < 0.5:  # at the namesake's employer, in the same city
            stranger["company"], stranger["city"] = original["company"], original["city"]
            stranger["work"] = (
                f"{_slug(stranger['first'])}{rng.randint(2, 99)}@{original['company']['domain']}"
            )
        add(
            "not_in_crm_namesake",
            (),
            lead(
                stranger,
                rng,
                email=stranger["work"],
                phone=messy_phone(rng, stranger["mobile"]) if rng.random() < 0.5 else "",
                dob=stranger["born"] if rng.random() < 0.5 else "",
            ),
        )
    rng.shuffle(rows)
    rng.shuffle(cases)
    return CaseSet(CONTACT_COLUMNS, rows, LEAD_COLUMNS, cases)


def organisation_cases(orgs: int = 1500, per_category: int = 100, *, seed: int = 202) -> CaseSet:
    world = World(seed)
    rng = world.rng
    rows: list[dict] = []
    cases: list[Case] = []

    def stored(company: dict, *, name: str = "", website: str = "") -> str:
        crm_id = world.next_id("001")
        rows.append(
            {
                "Id": crm_id,
                "Name": name or f"{company['stem']} {company['form']}",
                "Website": website or rng.choice([company["domain"], f"https://www.{company['domain']}/"]),
                "Phone": _format(company["switchboard"], phonenumbers.PhoneNumberFormat.E164),
                "BillingStreet": company["street"],
                "BillingCity": company["city"],
                "BillingPostalCode": company["postcode"],
                "BillingCountry": company["country"],
            }
        )
        return crm_id

    def add(category: str, truth: tuple[str, ...], attributes: dict) -> None:
        cases.append(Case(f"{category}-{len(cases)}", category, truth, attributes))

    def inbound(company: dict, **fields) -> dict:
        row = {
            "name": f"{company['stem']} {company['form']}",
            "website": rng.choice(
                [company["domain"], f"http://{company['domain']}/contact", f"www.{company['domain']}"]
            ),
            "city": company["city"],
            "country": company["country"],
        }
        row.update(fields)
        return {key: value for key, value in row.items() if value not in (None, "")}

    for _ in range(orgs):
        stored(world.company(rng.choice(list(LOCALES))))

    for _ in range(per_category):
        # org_locale_suffix: the legal form written out or abbreviated, accents lost, capitals.
        company = world.company(rng.choice(list(LOCALES)))
        truth = stored(company)
        spelled = {
            "Ltd": "Limited",
            "Limited": "Ltd",
            "S.A.": "SA",
            "B.V.": "BV",
            "Inc.": "Incorporated",
            "GmbH": "G.m.b.H.",
        }
        name = f"{_ascii(company['stem']).upper()} {spelled.get(company['form'], company['form'])}"
        add(
            "org_locale_suffix",
            (truth,),
            inbound(
                company,
                name=name,
                phone=messy_phone(rng, company["switchboard"]) if rng.random() < 0.4 else "",
            ),
        )

        # org_parent_subsidiary: a parent and a foreign subsidiary of one name on one domain.
        parent = world.company(rng.choice(list(LOCALES)))
        locale = rng.choice([key for key in LOCALES if key != parent["locale"]])
        _, country, cities, _, _, _, forms = LOCALES[locale]
        subsidiary = dict(
            parent,
            locale=locale,
            form=rng.choice([f for f in forms if f != parent["form"]] or forms),
            country=country,
            city=rng.choice(cities),
            postcode=f"{rng.randint(10000, 99999)}",
            switchboard=world.phone(LOCALES[locale][0], mobile=False),
        )
        parent_id, subsidiary_id = stored(parent), stored(subsidiary)
        which, truth = (subsidiary, subsidiary_id) if rng.random() < 0.5 else (parent, parent_id)
        fields = {"phone": messy_phone(rng, which["switchboard"])} if rng.random() < 0.3 else {}
        if rng.random() < 0.4:
            fields["country"] = ""
        add("org_parent_subsidiary", (truth,), inbound(which, **fields))

        # org_own_domain_subsidiary: "Acme" and "Acme Healthcare" on their own domains; the lead names one.
        parent = world.company(rng.choice(list(LOCALES)))
        branch = dict(
            parent, stem=f"{parent['stem']} {rng.choice(['Healthcare', 'Finance', 'Digital', 'Services'])}"
        )
        branch["domain"] = _slug(branch["stem"]) + ".com"
        branch["switchboard"] = world.phone(LOCALES[parent["locale"]][0], mobile=False)
        parent_id = stored(parent)
        branch_stored = rng.random() < 0.6
        branch_id = stored(branch) if branch_stored else ""
        if rng.random() < 0.5:
            add("org_own_domain_subsidiary", (branch_id,) if branch_stored else (), inbound(branch))
        else:
            add(
                "org_own_domain_subsidiary",
                (parent_id,),
                inbound(parent, website="" if rng.random() < 0.3 else None),
            )

        # org_rename: the CRM has the old name and domain; the lead the new ones, the switchboard kept.
        company = world.company(rng.choice(list(LOCALES)))
        truth = stored(company)
        renamed = dict(
            company,
            stem=f"{rng.choice(['Nova', 'Vertex', 'Orbis', 'Lumen'])} {rng.choice(['Group', 'Works', 'Labs'])} {rng.randint(1, 999)}",
        )
        renamed["domain"] = _slug(renamed["stem"]) + ".com"
        add(
            "org_rename",
            (truth,),
            inbound(
                renamed,
                phone=messy_phone(rng, company["switchboard"]),
                website=rng.choice(["", renamed["domain"]]),
            ),
        )

        # org_hosted_site: small businesses whose website is a page on a platform; one is stored.
        locale = rng.choice(list(LOCALES))
        shop = world.company(locale)
        other = world.company(locale)
        platform = rng.choice(
            [
                "facebook.com/{}",
                "{}.wixsite.com/home",
                "sites.google.com/view/{}",
                "linktr.ee/{}",
                "instagram.com/{}",
            ]
        )
        stored(other, website="https://" + platform.format(_slug(other["stem"])))
        shop_stored = rng.random() < 0.5
        truth = (
            (stored(shop, website="https://" + platform.format(_slug(shop["stem"]))),) if shop_stored else ()
        )
        add(
            "org_hosted_site",
            truth,
            inbound(shop, website=platform.format(_slug(shop["stem"])), city=shop["city"]),
        )

        # org_duplicate: the CRM holds one company twice; the lead cannot tell which record.
        company = world.company(rng.choice(list(LOCALES)))
        first_id, second_id = (
            stored(company),
            stored(company, name=f"{company['stem'].upper()} {company['form']}"),
        )
        add("org_duplicate", (first_id, second_id), inbound(company))

        # org_namesake_abroad: a company of a stored company's name in another country, on its own domain.
        original = world.companies[rng.randrange(orgs)]
        locale = rng.choice([key for key in LOCALES if key != original["locale"]])
        _, country, cities, _, _, _, forms = LOCALES[locale]
        namesake = dict(
            original,
            locale=locale,
            form=rng.choice(forms),
            country=country,
            city=rng.choice(cities),
            domain=_slug(original["stem"]) + rng.choice([".io", ".net", ".co"]),
            switchboard=world.phone(LOCALES[locale][0], mobile=False),
        )
        add(
            "org_namesake_abroad",
            (),
            inbound(namesake, phone=messy_phone(rng, namesake["switchboard"]) if rng.random() < 0.5 else ""),
        )
    rng.shuffle(rows)
    rng.shuffle(cases)
    return CaseSet(ACCOUNT_COLUMNS, rows, ORG_LEAD_COLUMNS, cases)


# Splink reads these files with the columns `identity_quality.py` gives its settings.
SPLINK_SQL = {
    "person": {
        "crm": """
            SELECT Id AS unique_id,
                   nullif(lower(strip_accents(trim(FirstName))), '') AS first_name,
                   nullif(lower(strip_accents(trim(LastName))), '') AS last_name,
                   nullif(lower(trim(Email)), '') AS email,
                   {phone}(Phone) AS phone,
                   {company}(AccountName) AS company,
                   nullif(trim(MailingPostalCode), '') AS zip,
                   nullif(lower(strip_accents(trim(MailingCity))), '') AS city,
                   nullif(trim(Birthdate), '') AS date_of_birth
            FROM read_csv('{path}', all_varchar = true)
        """,
        "inbound": """
            SELECT external_id AS unique_id,
                   nullif(lower(strip_accents(trim(coalesce(first_name, split_part(full_name, ' ', 1))))), '')
                       AS first_name,
                   nullif(lower(strip_accents(trim(coalesce(last_name,
                       nullif(substr(full_name, length(split_part(full_name, ' ', 1)) + 2), ''))))), '') AS last_name,
                   nullif(regexp_replace(lower(trim(email)), '^mailto:', ''), '') AS email,
                   {phone}(phone) AS phone,
                   {company}(company) AS company,
                   nullif(trim(postcode), '') AS zip,
                   nullif(lower(strip_accents(trim(city))), '') AS city,
                   nullif(trim(dob), '') AS date_of_birth
            FROM read_csv('{path}', all_varchar = true)
        """,
    },
    "organisation": {
        "crm": """
            SELECT Id AS unique_id, {company}(strip_accents(Name)) AS name, {domain}(Website) AS domain,
                   {phone}(Phone) AS phone, nullif(lower(strip_accents(trim(BillingCity))), '') AS city,
                   nullif(trim(BillingPostalCode), '') AS postcode
            FROM read_csv('{path}', all_varchar = true)
        """,
        "inbound": """
            SELECT external_id AS unique_id, {company}(strip_accents(name)) AS name, {domain}(website) AS domain,
                   {phone}(phone) AS phone, nullif(lower(strip_accents(trim(city))), '') AS city,
                   nullif(trim(postcode), '') AS postcode
            FROM read_csv('{path}', all_varchar = true)
        """,
    },
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=6000)
    parser.add_argument("--per-category", type=int, default=120)
    parser.add_argument("--orgs", type=int, default=1500)
    parser.add_argument("--org-per-category", type=int, default=100)
    parser.add_argument(
        "--seed", type=int, default=101, help="People from this seed, organisations from seed + 1."
    )
    parser.add_argument("--only", choices=("people", "organisations"))
    parser.add_argument("--skip-splink", action="store_true")
    parser.add_argument("--examples", type=int, default=10, help="Wrong links shown per tool.")
    parser.add_argument("--keep", type=Path, help="Write the generated files here and keep them.")
    args = parser.parse_args()
    directory = args.keep or Path(tempfile.mkdtemp(prefix="identity-adversarial-"))
    directory.mkdir(parents=True, exist_ok=True)
    setup_django(f"identity-adversarial-{os.getpid()}.sqlite3")
    suites = []
    if args.only != "organisations":
        suites.append(
            ("people", person_cases(args.people, args.per_category, seed=args.seed), "person", "Contact")
        )
    if args.only != "people":
        suites.append(
            (
                "organisations",
                organisation_cases(args.orgs, args.org_per_category, seed=args.seed + 1),
                "organisation",
                "Account",
            )
        )
    # Ours (a forked child) before any Splink run: a fork taken after DuckDB has started its threads can crash.
    files = []
    for name, case_set, kind, object_name in suites:
        paths = write_case_files(case_set, directory, name)
        runs = [run_ours(paths, kind=kind, object_name=object_name, provider="salesforce")]
        files.append(
            (
                f"{name} (adversarial, seed {args.seed}): {len(case_set.crm_rows)} CRM records",
                paths,
                kind,
                runs,
            )
        )
    for title, paths, kind, runs in files:
        if not args.skip_splink:
            runs.append(run_splink(paths, kind=kind, sql=SPLINK_SQL[kind]))
        truth = read_truth(paths["truth"])
        report(f"{title}, {len(truth)} inbound", truth, runs, args.examples)
    print(f"\nfiles in {directory}")
    os.environ.pop("IDENTITY_QUALITY_DIR", None)


if __name__ == "__main__":
    main()
