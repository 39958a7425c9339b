"""An eleventh, independent check of identity on people, written as an outside evaluator would: a Salesforce
Data Loader extract of Contacts against a Pipedrive persons export (an acquired sales team's account being
merged), aimed at how names, mailboxes and phone numbers of real people differ across countries and families.

    python benchmarks/identity_eleventh.py [--people 2500] [--per-category 30] [--seed 111]
                                           [--skip-splink] [--keep DIR] [--examples 10]

**The CRM side is a Data Loader extract** (`SELECT ... FROM Contact`): upper-case API names `ID` (18
characters), `FIRSTNAME`, `LASTNAME`, `EMAIL`, `PHONE`, `MOBILEPHONE`, `HOMEPHONE`, `ASSISTANTNAME`,
`ASSISTANTPHONE`, `TITLE`, `ACCOUNT.NAME`, `MAILINGCITY`, `MAILINGPOSTALCODE`, `MAILINGCOUNTRY`, `BIRTHDATE`,
a custom `LINKEDIN_PROFILE__C`, `ISDELETED`, `MASTERRECORDID`, `CREATEDDATE`. Phones are as reps typed them:
E.164, international with spaces, or national with the trunk 0 (the country is in `MAILINGCOUNTRY`), desk
lines as the switchboard with "ext. 204" or "x204".

**The inbound side is a Pipedrive persons export** by its UI labels: `Person - ID`, `Person - Name`,
`Person - First name`, `Person - Last name` (Pipedrive splits a typed name at its first space), `Person -
Email - Work`, `Person - Email - Home`, `Person - Phone - Work`, `Person - Phone - Mobile`, `Person - Phone -
Home`, `Person - Organization`, `Person - Job title`, the postal address's city and country, and a custom
`Person - LinkedIn profile`.

People come from the US, the UK, Germany, the Netherlands, France, Spain, Mexico, Japan, China, Korea, the
Emirates, Iceland and Russia. Each risk sits beside a positive twin, so that a blunt refusal shows as recall
lost (`CATEGORIES` lists them with their truth):
- names: family name first (East Asian exports, Pipedrive's split), a Hispanic double surname with one
  dropped, Dutch and German particles ("van der", "von"), transliteration variants (Mohammed/Muhammad,
  Sato/Satou, Lee/Yi, Dmitry/Dmitri), diacritics stripped and ALL CAPS, hyphenated names written with a
  space — beside a cousin with the other second surname, another colleague with one half of a hyphenated name,
  and another "Muhammad Khan" at the same big firm;
- mailboxes: plus-addressing, Gmail's dots and googlemail.com, a personal mailbox instead of the work one,
  a role mailbox (sales@, info@) typed on one colleague's record, a mailbox re-issued to a new hire with the
  same first name, an assistant's mailbox on the boss's record;
- phones: E.164 against national with the trunk 0 and extensions, the same national digits in another country
  (a French 06 and a Dutch 06), a family landline, the reception number many records hold;
- families and colleagues: father and son (Sr./Jr.) at the family firm, twins with one birth date, Icelandic
  patronymics, namesakes at a big firm, a re-hired employee, a record with only a LinkedIn profile;
- and a large `not_in_crm` share: new people at the CRM's companies, on their switchboards, some with a CRM
  colleague's first name or surname.

Both tools run on the same files in one run, through `identity_quality`'s shared runner.
"""

import random
import string
import unicodedata
from dataclasses import dataclass, field, replace

import phonenumbers
from identity_quality import GeneratedCase, GeneratedCases, GeneratedSuite, run_generated

CRM_COLUMNS = [
    "ID",
    "FIRSTNAME",
    "LASTNAME",
    "EMAIL",
    "PHONE",
    "MOBILEPHONE",
    "HOMEPHONE",
    "ASSISTANTNAME",
    "ASSISTANTPHONE",
    "TITLE",
    "ACCOUNT.NAME",
    "MAILINGCITY",
    "MAILINGPOSTALCODE",
    "MAILINGCOUNTRY",
    "BIRTHDATE",
    "LINKEDIN_PROFILE__C",
    "ISDELETED",
    "MASTERRECORDID",
    "CREATEDDATE",
]
INBOUND_ID = "Person - ID"
INBOUND_COLUMNS = [
    INBOUND_ID,
    "Person - Name",
    "Person - First name",
    "Person - Last name",
    "Person - Email - Work",
    "Person - Email - Home",
    "Person - Phone - Work",
    "Person - Phone - Mobile",
    "Person - Phone - Home",
    "Person - Organization",
    "Person - Job title",
    "Person - Postal address - City/town/village/locality",
    "Person - Postal address - Country",
    "Person - LinkedIn profile",
]


@dataclass(frozen=True)
class Locale:
    region: str
    country: str
    cities: tuple  # (city, postcode prefix)
    given: tuple
    family: tuple
    free_mail: tuple
    landline: tuple  # national-number prefixes and the digits that follow
    mobile: tuple
    family_first: bool = False


LOCALES = {
    "us": Locale(
        "US", "United States", (("Boston", "021"), ("Denver", "802"), ("Austin", "787"), ("Chicago", "606")),
        ("James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
         "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
         "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Ashley", "Mark", "Emily", "Steven", "Megan"),
        ("Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
         "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker",
         "Young", "Allen", "King", "Wright", "Hill", "Scott", "Green", "Adams", "Baker", "Nelson", "Carter",
         "Mitchell", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards", "Collins"),
        ("gmail.com", "yahoo.com", "outlook.com", "icloud.com"),
        (("212", 7), ("415", 7), ("312", 7), ("617", 7), ("303", 7)), (("646", 7), ("917", 7), ("720", 7)),
    ),
    "gb": Locale(
        "GB", "United Kingdom", (("London", "EC1"), ("Leeds", "LS1"), ("Bristol", "BS1"), ("Glasgow", "G1")),
        ("Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Emily", "Charlie", "Sophie", "Thomas",
         "Grace", "Oscar", "Lily", "William", "Chloe", "James", "Ella", "Henry", "Freya", "Alfie", "Poppy"),
        ("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson",
         "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson",
         "Clarke", "Hughes", "Edwards", "Turner", "Cooper", "Hill", "Ward", "Morris"),
        ("gmail.com", "hotmail.co.uk", "btinternet.com", "outlook.com"),
        (("207", 7), ("113", 7), ("117", 7), ("141", 7)), (("77", 8), ("78", 8), ("79", 8)),
    ),
    "de": Locale(
        "DE", "Germany", (("Berlin", "101"), ("München", "803"), ("Köln", "506"), ("Hamburg", "203")),
        ("Lukas", "Anna", "Jonas", "Lena", "Leon", "Laura", "Finn", "Julia", "Paul", "Sophie", "Felix", "Marie",
         "Jürgen", "Sabine", "Günter", "Ute", "Stefan", "Katrin", "Uwe", "Birgit", "Andreas", "Jörg", "Björn"),
        ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
         "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz",
         "Zimmermann", "Braun", "Krüger", "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Köhler",
         "von Berg", "von der Heide", "zu Salm"),
        ("gmail.com", "web.de", "gmx.de", "t-online.de"),
        (("30", 8), ("89", 7), ("221", 7), ("40", 8)), (("151", 8), ("160", 7), ("170", 7), ("176", 8)),
    ),
    "nl": Locale(
        "NL", "Netherlands", (("Amsterdam", "1012"), ("Utrecht", "3511"), ("Rotterdam", "3011")),
        ("Jan", "Pieter", "Sanne", "Daan", "Lotte", "Bram", "Femke", "Joost", "Anouk", "Thijs", "Eva", "Ruud",
         "Marieke", "Sem", "Lieke", "Wouter", "Inge", "Koen", "Noor", "Maarten"),
        ("Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Peters", "Hendriks", "Dekker",
         "van der Berg", "de Vries", "van Dijk", "de Jong", "van den Bosch", "van der Meer", "de Boer",
         "van Leeuwen", "van der Linden", "ter Horst", "de Groot"),
        ("gmail.com", "hotmail.nl", "ziggo.nl", "kpnmail.nl"),
        (("20", 7), ("30", 7), ("10", 7)), (("6", 8),),
    ),
    "fr": Locale(
        "FR", "France", (("Paris", "750"), ("Lyon", "690"), ("Lille", "590")),
        ("Camille", "Léa", "Hugo", "Louis", "Chloé", "Théo", "Manon", "Julien", "Émilie", "Nicolas", "Céline",
         "Sébastien", "Hélène", "François", "Anaïs", "Jérôme"),
        ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
         "Simon", "Laurent", "Lefèvre", "Michel", "Fontaine", "Rousseau", "Lambert", "Bonnet", "Girard"),
        ("gmail.com", "orange.fr", "free.fr", "laposte.net"),
        (("1", 8), ("4", 8)), (("6", 8), ("7", 8)),
    ),
    "es": Locale(
        "ES", "Spain", (("Madrid", "280"), ("Barcelona", "080"), ("Sevilla", "410")),
        ("María José", "Juan Carlos", "José Luis", "Ana María", "Javier", "Lucía", "Alejandro", "Carmen",
         "Francisco", "Isabel", "Miguel Ángel", "Pilar", "Sergio", "Raquel", "Andrés", "Beatriz", "Fernando"),
        ("García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez",
         "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Navarro", "Torres"),
        ("gmail.com", "hotmail.es", "yahoo.es", "telefonica.net"),
        (("91", 7), ("93", 7)), (("6", 8),),
    ),
    "mx": Locale(
        "MX", "Mexico", (("Ciudad de México", "063"), ("Guadalajara", "441"), ("Monterrey", "640")),
        ("Juan Pablo", "María Fernanda", "José Antonio", "Guadalupe", "Alejandro", "Ximena", "Luis", "Daniela",
         "Jorge", "Valeria", "Ricardo", "Sofía"),
        ("Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez", "Ramírez",
         "Cruz", "Flores", "Gómez", "Morales", "Vázquez", "Reyes", "Jiménez"),
        ("gmail.com", "hotmail.com", "yahoo.com.mx"),
        (("55", 8), ("33", 8), ("81", 8)), (("55", 8), ("33", 8)),
    ),
    "jp": Locale(
        "JP", "Japan", (("Tokyo", "100"), ("Osaka", "530"), ("Nagoya", "450")),
        ("Hiroshi", "Yuki", "Takeshi", "Akiko", "Kenji", "Naoko", "Satoshi", "Yumi", "Daisuke", "Keiko",
         "Shinji", "Mariko", "Kazuo", "Emi", "Ryo", "Aya", "Tomohiro", "Haruka"),
        ("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi",
         "Kato", "Yoshida", "Yamada", "Sasaki", "Matsumoto", "Inoue", "Kimura", "Hayashi", "Shimizu", "Ono"),
        ("gmail.com", "yahoo.co.jp", "docomo.ne.jp"),
        (("3", 8), ("6", 8)), (("90", 8), ("80", 8), ("70", 8)), True,
    ),
    "cn": Locale(
        "CN", "China", (("Beijing", "100"), ("Shanghai", "200"), ("Shenzhen", "518")),
        ("Wei", "Fang", "Min", "Jing", "Lei", "Yan", "Jun", "Hao", "Xin", "Yong", "Ying", "Tao", "Hui", "Qiang",
         "Xiaoming", "Jianguo", "Lihua", "Zhiwei", "Meiling"),
        ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu",
         "Hu", "Guo", "He", "Lin", "Gao", "Luo"),
        ("qq.com", "163.com", "126.com", "gmail.com"),
        (("10", 8), ("21", 8)), (("138", 8), ("139", 8), ("186", 8)), True,
    ),
    "kr": Locale(
        "KR", "South Korea", (("Seoul", "045"), ("Busan", "482"), ("Incheon", "215")),
        ("Min-jun", "Seo-yeon", "Ji-hoon", "Ji-woo", "Hyun-woo", "Soo-jin", "Dong-hyun", "Eun-ji", "Jae-won",
         "Hye-jin", "Sung-min", "Yu-na", "Seung-ho", "Ye-jin", "Tae-yang", "Kyung-soo", "Jin-ho", "Da-eun"),
        ("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Shin", "Oh", "Seo",
         "Kwon", "Hwang", "Song", "Ahn"),
        ("naver.com", "daum.net", "gmail.com"),
        (("2", 8),), (("10", 8),), True,
    ),
    "ae": Locale(
        "AE", "United Arab Emirates", (("Dubai", ""), ("Abu Dhabi", ""), ("Sharjah", "")),
        ("Mohammed", "Ahmed", "Omar", "Fatima", "Aisha", "Khalid", "Youssef", "Mariam", "Hassan", "Layla",
         "Abdullah", "Ibrahim", "Hamza", "Zainab", "Salma", "Rashid", "Tariq", "Huda", "Samir", "Nadia"),
        ("Al-Rashid", "Al-Mansouri", "Khan", "Haddad", "Hussein", "El-Sayed", "Al-Hashimi", "Nasser",
         "Qureshi", "Farouk", "Saleh", "Al-Amiri", "Mahmoud", "Karim", "Bakr"),
        ("gmail.com", "hotmail.com", "yahoo.com"),
        (("4", 7), ("2", 7)), (("50", 7), ("55", 7), ("52", 7)),
    ),
    "is": Locale(
        "IS", "Iceland", (("Reykjavík", "101"), ("Akureyri", "600")),
        ("Jón", "Einar", "Gunnar", "Sigurður", "Ólafur", "Guðmundur", "Kristján", "Anna", "Guðrún", "Helga",
         "Stefán", "Bjarni", "Ragnar", "Sigrún", "Katrín", "Margrét"),
        ("Jónsson", "Einarsson", "Gunnarsson", "Sigurðsson", "Ólafsson", "Guðmundsson", "Kristjánsson",
         "Stefánsson", "Bjarnason", "Ragnarsson"),
        ("gmail.com", "simnet.is", "internet.is"),
        (("5", 6),), (("6", 6), ("8", 6)),
    ),
    "ru": Locale(
        "RU", "Russia", (("Moscow", "101"), ("Saint Petersburg", "190")),
        ("Ivan", "Dmitry", "Sergey", "Olga", "Elena", "Natalia", "Alexei", "Tatiana", "Mikhail", "Andrei"),
        ("Ivanov", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Lebedev", "Kozlov", "Novikov", "Morozov",
         "Volkov", "Fedorov", "Pavlov", "Semenov", "Egorov", "Orlov"),
        ("mail.ru", "yandex.ru", "gmail.com"),
        (("495", 7), ("812", 7)), (("916", 7), ("926", 7), ("903", 7)),
    ),
}  # fmt: skip

# Spellings of one name that transliteration or a clerk produce; none of them is another person's name.
VARIANTS = {
    "Mohammed": ("Muhammad", "Mohamed", "Mohammad"),
    "Ahmed": ("Ahmad",),
    "Youssef": ("Yousef", "Yusuf"),
    "Hussein": ("Hussain", "Husain"),
    "Al-Rashid": ("Alrashid", "Al Rashid", "al-Rashid"),
    "Al-Mansouri": ("Almansouri", "Al Mansoori"),
    "El-Sayed": ("Elsayed", "El Sayed"),
    "Al-Hashimi": ("Alhashimi", "Al Hashemi"),
    "Sato": ("Satou", "Satō"),
    "Ito": ("Itou", "Itō"),
    "Kato": ("Katou", "Katō"),
    "Ono": ("Ohno", "Ōno"),
    "Kimura": ("Kimura",),
    "Lee": ("Yi", "Rhee"),
    "Park": ("Pak",),
    "Choi": ("Choe",),
    "Jung": ("Chung",),
    "Dmitry": ("Dmitri", "Dmitriy"),
    "Sergey": ("Sergei",),
    "Alexei": ("Aleksei", "Alexey"),
    "Natalia": ("Natalya",),
    "Tatiana": ("Tatyana",),
    "Andrei": ("Andrey",),
}
TITLES = ("Account Executive", "Head of Procurement", "CFO", "Operations Manager", "IT Director",
          "Marketing Lead", "Buyer", "Office Manager", "Engineer", "Sales Director", "Controller")  # fmt: skip
STEMS = ("Northwind", "Bluepeak", "Harbor", "Larkspur", "Quarry", "Meridian", "Tidewater", "Copperleaf",
         "Silverline", "Oakridge", "Brightwave", "Ironbark", "Cobalt", "Foxglove", "Granite", "Kestrel",
         "Lumen", "Marlow", "Nimbus", "Orchard", "Pinecrest", "Redwood", "Saltmarsh", "Thornbury", "Umber",
         "Vantage", "Willow", "Yardley", "Zephyr", "Alder", "Birchwood", "Cedar", "Driftwood", "Ember")  # fmt: skip
FORMS = {"us": "Inc.", "gb": "Ltd", "de": "GmbH", "nl": "B.V.", "fr": "SAS", "es": "S.L.", "mx": "S.A. de C.V.",
         "jp": "K.K.", "cn": "Co., Ltd.", "kr": "Co., Ltd.", "ae": "LLC", "is": "ehf.", "ru": "OOO"}  # fmt: skip
CATEGORIES = {
    # name forms (positive) and the other person each could be (none, or the right CRM record)
    "name_order_swapped": "family name in the first-name column (East Asian export), transliteration variant",
    "double_surname_dropped": "Hispanic double surname with the second dropped, Pipedrive's first-space split",
    "double_surname_cousin": "none: a cousin, same given names and first surname, the other second surname",
    "particle_forms": "'van der Berg' as 'Berg, van der', 'Van Der Berg', 'vanderberg' in the mailbox",
    "translit_same_person": "Mohammed/Muhammad, Dmitry/Dmitri, Lee/Yi: the person, with the mobile",
    "translit_namesake": "none: another Muhammad Khan at the same big firm, his own mailbox, the switchboard",
    "caps_diacritics": "ALL CAPS with diacritics stripped or transcribed (Müller/MUELLER), the work mailbox",
    "hyphenated_twin": "'Müller-Schmidt' written 'Müller Schmidt' or with one half, the mobile",
    "hyphen_half_colleague": "none: another colleague named with one half of a hyphenated name",
    # mailboxes
    "gmail_forms": "the person's Gmail with dots moved, googlemail.com, plus-addressing, capitals",
    "plus_address_work": "the work mailbox with a +tag",
    "personal_vs_work": "a personal mailbox instead of the CRM's work one, with the mobile",
    "role_mailbox_other": "none: sales@/info@ typed on one colleague's CRM record, given by another",
    "role_mailbox_known": "the colleague the CRM holds under her own mailbox, giving the role mailbox and her mobile",
    "mailbox_reissued": "none: first-name mailbox re-issued to a new hire with the same first name",
    "mailbox_reissued_twin": "the mailbox's first holder herself, a new mobile",
    "assistant_mailbox": "none: the assistant, whose mailbox is on the boss's CRM record",
    "assistant_managed_boss": "the boss, written with the assistant's mailbox the CRM holds",
    # phones
    "phone_forms": "no mailbox: the mobile in national form with trunk 0, or the desk line with its extension",
    "same_digits_other_country": "none: a French 06 number with a Dutch record's very digits",
    "national_mobile_twin": "the Dutch record's own person, her 06 number in national form",
    "family_landline": "none: the spouse, on the household landline, her own mailbox",
    "family_landline_twin": "the CRM's person on the household landline, a new personal mailbox",
    "reception_number": "none: a new person on the reception number several CRM records hold",
    "reception_twin": "the CRM's person on the reception number, the work mailbox in capitals",
    # families and colleagues
    "senior_junior": "Sr. and Jr. at the family firm, both in the CRM, each with his own mailbox",
    "junior_not_in_crm": "none: the son (Jr.) on the family firm's line, the CRM holds only his father",
    "twin_sibling": "none: a twin at the same firm, one birth date, the surname, the shared home phone",
    "patronymic_family": "none: an Icelandic son (Einarsson's son Jónsson) at his father's firm, its line",
    "big_firm_namesake": "none: a namesake at the same big firm with his own mailbox and extension",
    "rehired": "re-hired: the CRM holds the other employer's mailbox; the old mailbox again, the mobile",
    "linkedin_only": "name, company and the LinkedIn profile the CRM holds, nothing else",
    "linkedin_namesake": "none: the same name at the same big firm, another LinkedIn profile",
    "not_in_crm": "none: new people at the CRM's companies, some with a CRM colleague's first name or surname",
}


def fold(text: str) -> str:
    """ASCII letters of a name as mail systems write them (ü -> u, ß -> ss)."""
    text = text.replace("ß", "ss").replace("ð", "d").replace("Ð", "D").replace("þ", "th").replace("ø", "o")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def transcribe(text: str) -> str:
    """German-style transcription of umlauts (Müller -> Mueller), then folded."""
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue")):
        text = text.replace(a, b)
    return fold(text)


def mail_part(text: str) -> str:
    return "".join(c for c in fold(text).lower() if c.isalnum())


@dataclass
class Company:
    name: str
    locale: str
    domain: str
    switchboard: phonenumbers.PhoneNumber
    pattern: str  # how the company writes mailboxes
    city: str
    postcode: str
    big: bool = False


@dataclass
class Person:
    given: str
    family: str
    locale: str
    company: Company | None
    work_email: str = ""
    personal_email: str = ""
    mobile: phonenumbers.PhoneNumber | None = None
    ext: str = ""  # desk extension on the switchboard
    home: phonenumbers.PhoneNumber | None = None
    title: str = ""
    birthdate: str = ""
    linkedin: str = ""
    city: str = ""
    postcode: str = ""
    suffix: str = ""


class NameTaken(Exception):
    """Every name the locale's lists make with the fixed parts is someone's already."""


class World:
    def __init__(self, seed: int):
        self.r = random.Random(seed)
        self.numbers: set[str] = set()
        self.mailboxes: set[str] = set()
        self.names: set[tuple[str, str]] = set()  # folded (given, family) of everyone written anywhere
        self.linkedins: set[str] = set()
        self.pd_ids: set[int] = set()
        self.companies: list[Company] = []

    # -- identifiers ------------------------------------------------------------------------------------------

    def sf_id(self) -> str:
        body = "003" + "".join(self.r.choice(string.ascii_letters + string.digits) for _ in range(12))
        suffix = ""
        for chunk in range(3):
            bits = sum(1 << i for i, c in enumerate(body[chunk * 5 : chunk * 5 + 5]) if c.isupper())
            suffix += "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"[bits]
        return body + suffix

    def pd_id(self) -> str:
        while (value := self.r.randint(1000, 999999)) in self.pd_ids:
            pass
        self.pd_ids.add(value)
        return str(value)

    def number(self, locale: str, kind: str) -> phonenumbers.PhoneNumber:
        loc = LOCALES[locale]
        plans = loc.mobile if kind == "mobile" else loc.landline
        while True:
            prefix, digits = self.r.choice(plans)
            national = prefix + "".join(self.r.choice("0123456789") for _ in range(digits))
            number = phonenumbers.parse(national, loc.region)
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            if phonenumbers.is_valid_number(number) and e164 not in self.numbers:
                self.numbers.add(e164)
                return number

    def mailbox(self, local: str, domain: str) -> str:
        address, n = f"{local}@{domain}", 1
        while address in self.mailboxes:
            n += 1
            address = f"{local}{n}@{domain}"
        self.mailboxes.add(address)
        return address

    def work_local(self, given: str, family: str, pattern: str) -> str:
        g, f = mail_part(given), mail_part(family)
        return {"first.last": f"{g}.{f}", "flast": f"{g[:1]}{f}", "first": g, "firstl": f"{g}{f[:1]}",
                "f.last": f"{g[:1]}.{f}", "last.first": f"{f}.{g}"}[pattern]  # fmt: skip

    def personal_mail(self, given: str, family: str, locale: str, domain: str = "") -> str:
        g, f = mail_part(given), mail_part(family)
        local = self.r.choice(
            (f"{g}.{f}", f"{g}{f}", f"{g}_{f}{self.r.randint(10, 99)}", f"{g[:1]}{f}{self.r.randint(1, 999)}")
        )
        return self.mailbox(local, domain or self.r.choice(LOCALES[locale].free_mail))

    def linkedin_url(self, given: str, family: str) -> str:
        while True:
            slug = f"{mail_part(given)}-{mail_part(family)}-{self.r.randint(1000, 99999):x}"
            if slug not in self.linkedins:
                self.linkedins.add(slug)
                return (
                    self.r.choice(
                        ("https://www.linkedin.com/in/", "linkedin.com/in/", "https://linkedin.com/in/")
                    )
                    + slug
                )

    # -- people ---------------------------------------------------------------------------------------------

    def company(self, locale: str, big: bool = False) -> Company:
        while True:
            stem = self.r.choice(STEMS)
            word = self.r.choice(("Systems", "Logistics", "Foods", "Partners", "Labs", "Health", "Energy",
                                  "Capital", "Textiles", "Robotics", "Media", "Analytics"))  # fmt: skip
            name = f"{stem} {word}"
            if all(c.name != name for c in self.companies):
                break
        tld = {"us": "com", "gb": "co.uk", "de": "de", "nl": "nl", "fr": "fr", "es": "es", "mx": "com.mx",
               "jp": "co.jp", "cn": "com.cn", "kr": "co.kr", "ae": "ae", "is": "is", "ru": "ru"}[locale]  # fmt: skip
        city, postcode = self.r.choice(LOCALES[locale].cities)
        pattern = self.r.choice(("first.last", "first.last", "flast", "f.last", "firstl"))
        company = Company(
            f"{name} {FORMS[locale]}",
            locale,
            f"{stem.lower()}{word.lower()}.{tld}",
            self.number(locale, "land"),
            pattern,
            city,
            postcode,
            big,
        )
        self.companies.append(company)
        return company

    def new_name(self, locale: str, *, given: str = "", family: str = "") -> tuple[str, str]:
        loc = LOCALES[locale]
        for _ in range(1000):
            g = given or self.r.choice(loc.given)
            f = family or self.r.choice(loc.family)
            if locale in ("es", "mx") and not family:
                f = f"{f} {self.r.choice([s for s in loc.family if s != f])}"
            if locale == "ru" and g in ("Olga", "Elena", "Natalia", "Tatiana") and not family:
                f += "a"
            key = (fold(g).lower(), fold(f).lower())
            if key not in self.names:
                self.names.add(key)
                return g, f
        raise NameTaken(f"{given or '*'} {family or '*'}")

    def free(self, given: str, family: str) -> bool:
        return (fold(given).lower(), fold(family).lower()) not in self.names

    def person(self, locale: str, company: Company | None, *, given: str = "", family: str = "",
               shared_name: bool = False, pattern: str = "") -> Person:  # fmt: skip
        if shared_name:
            g, f = given, family
            self.names.add((fold(g).lower(), fold(f).lower()))
        else:
            g, f = self.new_name(locale, given=given, family=family)
        p = Person(g, f, locale, company)
        if company:
            p.work_email = self.mailbox(self.work_local(g, f, pattern or company.pattern), company.domain)
            p.ext = str(self.r.randint(100, 899)) if self.r.random() < 0.5 else ""
            p.city, p.postcode = company.city, self.postcode(company)
        else:
            p.city, p.postcode = self.r.choice(LOCALES[locale].cities)
        p.mobile = self.number(locale, "mobile") if self.r.random() < 0.8 else None
        p.personal_email = self.personal_mail(g, f, locale) if self.r.random() < 0.3 else ""
        p.title = self.r.choice(TITLES)
        if self.r.random() < 0.15:
            p.birthdate = (
                f"{self.r.randint(1955, 2000)}-{self.r.randint(1, 12):02d}-{self.r.randint(1, 28):02d}"
            )
        if self.r.random() < 0.4:
            p.linkedin = self.linkedin_url(g, f)
        return p

    def postcode(self, company: Company) -> str:
        if not company.postcode:
            return ""
        if company.locale in ("us", "de", "es", "fr", "mx"):
            return company.postcode + "".join(self.r.choice("0123456789") for _ in range(2))
        if company.locale == "gb":
            return f"{company.postcode} {self.r.randint(1, 9)}{self.r.choice('ABDEFGHJ')}{self.r.choice('LNPQRSTU')}"
        if company.locale == "nl":
            return f"{company.postcode} {self.r.choice('ABCDEFGH')}{self.r.choice('JKLMNPRS')}"
        return company.postcode + str(self.r.randint(0, 9)) * 0

    # -- writing ------------------------------------------------------------------------------------------

    def typed(self, number, locale: str, style: str = "") -> str:
        """A number as a person typed it: E.164, international with spaces, or national (trunk 0)."""
        if number is None:
            return ""
        style = style or self.r.choice(("e164", "intl", "intl", "national"))
        fmt = {"e164": phonenumbers.PhoneNumberFormat.E164, "intl": phonenumbers.PhoneNumberFormat.INTERNATIONAL,
               "national": phonenumbers.PhoneNumberFormat.NATIONAL}[style]  # fmt: skip
        return phonenumbers.format_number(number, fmt)

    def desk(self, p: Person, style: str = "") -> str:
        if not p.company:
            return ""
        line = self.typed(p.company.switchboard, p.locale, style)
        if p.ext:
            line += self.r.choice((f" ext. {p.ext}", f" x{p.ext}", f" ext {p.ext}", f" x {p.ext}"))
        return line

    def crm_row(self, p: Person, **over) -> dict:
        loc = LOCALES[p.locale]
        row = {
            "ID": self.sf_id(),
            "FIRSTNAME": p.given,
            "LASTNAME": f"{p.family} {p.suffix}".strip(),
            "EMAIL": p.work_email or p.personal_email,
            "PHONE": self.desk(p) if p.company and self.r.random() < 0.75 else "",
            "MOBILEPHONE": self.typed(p.mobile, p.locale),
            "HOMEPHONE": self.typed(p.home, p.locale),
            "ASSISTANTNAME": "",
            "ASSISTANTPHONE": "",
            "TITLE": p.title,
            "ACCOUNT.NAME": p.company.name if p.company else "",
            "MAILINGCITY": p.city if self.r.random() < 0.85 else "",
            "MAILINGPOSTALCODE": p.postcode if self.r.random() < 0.7 else "",
            "MAILINGCOUNTRY": loc.country,
            "BIRTHDATE": p.birthdate,
            "LINKEDIN_PROFILE__C": p.linkedin,
            "ISDELETED": "false",
            "MASTERRECORDID": "",
            "CREATEDDATE": f"20{self.r.randint(15, 25)}-{self.r.randint(1, 12):02d}-{self.r.randint(1, 28):02d}"
            f"T{self.r.randint(6, 19):02d}:{self.r.randint(0, 59):02d}:00.000Z",
        }
        row.update(over)
        return row

    def pd_row(self, p: Person, *, first: str | None = None, last: str | None = None, **over) -> dict:
        """The person as the Pipedrive export writes them. `first`/`last` override the two name columns;
        `Person - Name` is always what was typed: first and last joined."""
        first = p.given if first is None else first
        last = f"{p.family} {p.suffix}".strip() if last is None else last
        row = {
            "Person - Name": f"{first} {last}".strip(),
            "Person - First name": first,
            "Person - Last name": last,
            "Person - Email - Work": p.work_email,
            "Person - Email - Home": p.personal_email if self.r.random() < 0.5 else "",
            "Person - Phone - Work": self.desk(p) if p.company and self.r.random() < 0.5 else "",
            "Person - Phone - Mobile": self.typed(p.mobile, p.locale),
            "Person - Phone - Home": "",
            "Person - Organization": p.company.name if p.company else "",
            "Person - Job title": p.title if self.r.random() < 0.7 else "",
            "Person - Postal address - City/town/village/locality": p.city if self.r.random() < 0.6 else "",
            "Person - Postal address - Country": LOCALES[p.locale].country if self.r.random() < 0.8 else "",
            "Person - LinkedIn profile": p.linkedin if self.r.random() < 0.5 else "",
        }
        row.update(over)
        return row


@dataclass
class Builder:
    world: World
    per_category: int
    out: GeneratedCases = field(default_factory=GeneratedCases)
    staff: list = field(default_factory=list)  # (person, crm id) of the background, not used by a case yet

    def crm(self, p: Person, **over) -> str:
        row = self.world.crm_row(p, **over)
        self.out.crm_rows.append(row)
        return row["ID"]

    def case(self, category: str, row: dict, *truth: str) -> None:
        self.out.cases.append(GeneratedCase(category, row, tuple(truth)))

    def take(self, test) -> tuple[Person, str]:
        """A background CRM person the test accepts, used by one case only."""
        r = self.world.r
        order = list(range(len(self.staff)))
        r.shuffle(order)
        for index in order:
            p, crm_id = self.staff[index]
            if test(p):
                self.staff[index] = self.staff[-1]
                self.staff.pop()
                return p, crm_id
        raise RuntimeError("no background person fits")

    def company_of(self, locale: str, big: bool = False) -> Company:
        pool = [c for c in self.world.companies if c.locale == locale and (c.big or not big)]
        return self.world.r.choice(pool)


def background(b: Builder, people: int) -> None:
    """The CRM's companies and their people: a few big firms (namesakes happen there), many small ones."""
    w = b.world
    weights = {"us": 5, "gb": 4, "de": 4, "nl": 3, "fr": 2, "es": 2, "mx": 2, "jp": 2, "cn": 2, "kr": 2,
               "ae": 2, "is": 1, "ru": 1}  # fmt: skip
    for locale, weight in weights.items():
        for index in range(weight * 3):
            w.company(locale, big=index < 1 and locale in ("us", "gb", "de", "nl", "cn", "jp", "ae", "ru"))
    big = [c for c in w.companies if c.big]
    small = [c for c in w.companies if not c.big]
    while len(b.staff) < people:
        company = w.r.choice(big) if w.r.random() < 0.35 else w.r.choice(small)
        p = background_person(w, company)
        b.staff.append((p, b.crm(p)))


def background_person(w: World, company: Company) -> Person:
    """A person at a company; at a big firm the name may be a colleague's (two John Smiths at one firm)."""
    if company.big and w.r.random() < 0.1:
        loc = LOCALES[company.locale]
        g, f = w.r.choice(loc.given), w.r.choice(loc.family)
        return w.person(company.locale, company, given=g, family=f, shared_name=True)
    try:
        return w.person(company.locale, company)
    except NameTaken:  # a small country's names run out: namesakes at other companies
        loc = LOCALES[company.locale]
        return w.person(company.locale, company, given=w.r.choice(loc.given), family=w.r.choice(loc.family),
                        shared_name=True)  # fmt: skip


# -- the categories ---------------------------------------------------------------------------------------------


def name_order_swapped(b: Builder, i: int) -> None:
    w = b.world
    p, crm_id = b.take(lambda p: p.locale in ("jp", "cn", "kr") and (p.work_email or p.mobile))
    family = w.r.choice(VARIANTS.get(p.family, (p.family,))) if w.r.random() < 0.5 else p.family
    style = i % 3
    if style == 0:  # the export put the family name in the first-name column
        row = w.pd_row(p, first=family, last=p.given)
    elif style == 1:  # typed "FAMILY Given" into the name; Pipedrive split at the first space
        row = w.pd_row(p, first=family.upper(), last=p.given)
    else:  # the given name's spelling varies (Min-jun / Minjun), order kept
        row = w.pd_row(p, first=p.given.replace("-", "" if w.r.random() < 0.5 else " "), last=family)
    if not p.work_email:
        row["Person - Phone - Mobile"] = w.typed(p.mobile, p.locale, "national")
    b.case("name_order_swapped", row, crm_id)


def double_surname_dropped(b: Builder, i: int) -> None:
    w = b.world
    p, crm_id = b.take(lambda p: p.locale in ("es", "mx") and p.mobile)
    first_surname = p.family.split(" ")[0]
    if i % 2:  # the second surname dropped, accents stripped now and then
        last = fold(first_surname) if w.r.random() < 0.5 else first_surname
        row = w.pd_row(p, last=last)
    else:  # typed as one name; Pipedrive split it at the first space
        typed = f"{p.given} {first_surname}"
        first, _, last = typed.partition(" ")
        row = w.pd_row(p, first=first, last=last)
    row.update(
        {
            "Person - Email - Work": "",
            "Person - Email - Home": w.personal_mail(p.given, first_surname, p.locale),
        }
    )
    row["Person - Phone - Mobile"] = w.typed(p.mobile, p.locale, w.r.choice(("national", "intl")))
    b.case("double_surname_dropped", row, crm_id)


def double_surname_cousin(b: Builder, i: int) -> None:
    w = b.world
    p, _ = b.take(lambda p: p.locale in ("es", "mx") and p.company and " " in p.family)
    first_surname = p.family.split(" ")[0]
    others = [s for s in LOCALES[p.locale].family if s not in p.family.split(" ")]
    other = next(s for s in w.r.sample(others, len(others)) if w.free(p.given, f"{first_surname} {s}"))
    cousin = w.person(p.locale, p.company, given=p.given, family=f"{first_surname} {other}")
    cousin.mobile = w.number(p.locale, "mobile")
    # the switchboard both give; half the time written with the first surname only, as the CRM person might be
    row = w.pd_row(cousin, last=first_surname if i % 2 else None,
                   **{"Person - Phone - Work": w.typed(p.company.switchboard, p.locale)})  # fmt: skip
    b.case("double_surname_cousin", row)


def particle_forms(b: Builder, i: int) -> None:
    w = b.world
    p, crm_id = b.take(lambda p: p.family.split(" ")[0] in ("van", "de", "ter", "von", "zu") and p.work_email)
    particle, _, core = p.family.rpartition(" ")
    last = (f"{core}, {particle}", p.family.title(), f"{particle.title()} {core}", p.family.replace(" ", ""))[
        i % 4
    ]
    row = w.pd_row(p, last=last, **{"Person - Email - Work": p.work_email})
    b.case("particle_forms", row, crm_id)


def translit_same_person(b: Builder, i: int) -> None:
    w = b.world
    p, crm_id = b.take(
        lambda p: (
            p.mobile
            and (p.given in VARIANTS or p.family in VARIANTS)
            and p.locale in ("ae", "ru", "kr", "jp")
        )
    )
    given = w.r.choice(VARIANTS[p.given]) if p.given in VARIANTS else p.given
    family = (
        w.r.choice(VARIANTS[p.family]) if p.family in VARIANTS and (given == p.given or i % 2) else p.family
    )
    row = w.pd_row(p, first=given, last=family, **{"Person - Email - Work": ""})
    row["Person - Phone - Mobile"] = w.typed(p.mobile, p.locale)
    b.case("translit_same_person", row, crm_id)


def translit_namesake(b: Builder, i: int) -> None:
    w = b.world
    company = b.company_of(w.r.choice(("ae", "ru")), big=True)
    loc = LOCALES[company.locale]
    given = w.r.choice([g for g in loc.given if g in VARIANTS])
    family = w.r.choice(loc.family)
    crm_person = w.person(company.locale, company, given=given, family=family, shared_name=True)
    b.crm(crm_person)
    other = w.person(
        company.locale, company, given=w.r.choice(VARIANTS[given]), family=family, shared_name=True
    )
    other.ext = ""
    row = w.pd_row(other, **{"Person - Phone - Work": w.typed(company.switchboard, company.locale),
                             "Person - Phone - Mobile": w.typed(other.mobile, other.locale)})  # fmt: skip
    b.case("translit_namesake", row)


def caps_diacritics(b: Builder, i: int) -> None:
    w = b.world
    p, crm_id = b.take(lambda p: fold(p.given + p.family) != p.given + p.family and p.work_email)
    spell = transcribe if p.locale == "de" and i % 2 else fold
    first, last = spell(p.given), spell(p.family)
    if i % 3 != 2:
        first, last = first.upper(), last.upper()
    row = w.pd_row(
        p,
        first=first,
        last=last,
        **{"Person - Email - Work": p.work_email.upper() if i % 2 else p.work_email},
    )
    b.case("caps_diacritics", row, crm_id)


def hyphenated(b: Builder, i: int, *, twin: bool) -> None:
    w = b.world
    company = b.company_of(w.r.choice(("de", "gb", "us", "fr")))
    loc = LOCALES[company.locale]
    while True:
        a, c = w.r.sample([f for f in loc.family if " " not in f], 2)
        given = w.r.choice(loc.given)
        if all(w.free(given, f) for f in (a, c, f"{a}-{c}")):
            break
    p = w.person(company.locale, company, given=given, family=f"{a}-{c}")
    p.mobile = p.mobile or w.number(p.locale, "mobile")
    crm_id = b.crm(p)
    if twin:
        last = (f"{a} {c}", fold(f"{a}-{c}"), c if i % 3 == 2 else f"{a} {c}")[i % 3]
        row = w.pd_row(
            p,
            last=last,
            **{"Person - Email - Work": "", "Person - Phone - Mobile": w.typed(p.mobile, p.locale)},
        )
        b.case("hyphenated_twin", row, crm_id)
        return
    other = w.person(company.locale, company, given=p.given, family=(a, c)[i % 2])
    row = w.pd_row(other, **{"Person - Phone - Work": w.typed(company.switchboard, company.locale)})
    b.case("hyphen_half_colleague", row)


def gmail_forms(b: Builder, i: int) -> None:
    w = b.world
    p = w.person(w.r.choice(("us", "gb", "de", "nl", "fr", "es")), None)  # a freelancer: her Gmail only
    g, f = mail_part(p.given), mail_part(p.family)
    p.personal_email = w.mailbox(f"{g}.{f}", "gmail.com")
    crm_id = b.crm(p, MOBILEPHONE="")
    local = (
        f"{g}{f}",
        f"{g.title()}.{f.title()}+events",
        f"{g[:2]}.{g[2:]}{f}",
        f"{g}.{f}+{w.r.choice(('crm', 'news', 'x'))}",
    )[i % 4]
    domain = "googlemail.com" if i % 3 == 0 else "gmail.com"
    row = w.pd_row(p, **{"Person - Email - Work": "", "Person - Email - Home": f"{local}@{domain}",
                         "Person - Phone - Mobile": "", "Person - Phone - Work": "", "Person - Organization": ""})  # fmt: skip
    b.case("gmail_forms", row, crm_id)


def plus_address_work(b: Builder, i: int) -> None:
    w = b.world
    p, crm_id = b.take(lambda p: bool(p.work_email))
    local, _, domain = p.work_email.partition("@")
    tag = w.r.choice(("events", "crm", "newsletter", "vendor"))
    row = w.pd_row(p, **{"Person - Email - Work": f"{local}+{tag}@{domain}", "Person - Phone - Mobile": ""})
    b.case("plus_address_work", row, crm_id)


def personal_vs_work(b: Builder, i: int) -> None:
    w = b.world
    p, crm_id = b.take(lambda p: p.mobile is not None and p.work_email and not p.personal_email)
    personal = w.personal_mail(p.given, p.family, p.locale)
    row = w.pd_row(p, **{"Person - Email - Work": "", "Person - Email - Home": personal,
                         "Person - Phone - Mobile": w.typed(p.mobile, p.locale), "Person - Phone - Work": ""})  # fmt: skip
    b.case("personal_vs_work", row, crm_id)


def role_mailbox(b: Builder, i: int, *, known: bool) -> None:
    w = b.world
    company = w.company(w.r.choice(("us", "gb", "de", "nl", "fr")))
    role = w.mailbox(w.r.choice(("sales", "info", "accounts", "office", "purchasing")), company.domain)
    typed_on = w.person(company.locale, company)
    b.crm(typed_on, EMAIL=role)  # the rep typed the role mailbox on this record
    colleague = w.person(company.locale, company)
    colleague.mobile = colleague.mobile or w.number(company.locale, "mobile")
    if known:
        crm_id = b.crm(colleague)
        row = w.pd_row(
            colleague,
            **{
                "Person - Email - Work": role,
                "Person - Phone - Mobile": w.typed(colleague.mobile, colleague.locale),
            },
        )
        b.case("role_mailbox_known", row, crm_id)
    else:
        row = w.pd_row(colleague, **{"Person - Email - Work": role, "Person - Phone - Mobile": ""})
        b.case("role_mailbox_other", row)


def mailbox_reissued(b: Builder, i: int, *, twin: bool) -> None:
    w = b.world
    company = w.company(w.r.choice(("us", "gb", "de", "nl", "fr")))
    company.pattern = "first"
    first = w.person(company.locale, company)
    first.mobile = first.mobile or w.number(company.locale, "mobile")
    crm_id = b.crm(first, TITLE="Office Manager")
    if twin:
        first.mobile = w.number(company.locale, "mobile")
        row = w.pd_row(first, **{"Person - Phone - Mobile": w.typed(first.mobile, first.locale)})
        b.case("mailbox_reissued_twin", row, crm_id)
        return
    successor = w.person(company.locale, company, given=first.given)
    successor.work_email = first.work_email
    successor.mobile = successor.mobile or w.number(company.locale, "mobile")
    row = w.pd_row(successor, **{"Person - Job title": "Office Manager"})
    b.case("mailbox_reissued", row)


def assistant(b: Builder, i: int, *, boss_case: bool) -> None:
    w = b.world
    company = b.company_of(w.r.choice(("us", "gb", "de", "fr", "jp")))
    boss = w.person(company.locale, company)
    aide = w.person(company.locale, company)
    aide.mobile = w.number(company.locale, "mobile")
    crm_id = b.crm(boss, EMAIL=aide.work_email, ASSISTANTNAME=f"{aide.given} {aide.family}",
                   ASSISTANTPHONE=w.desk(aide), TITLE=w.r.choice(("CEO", "Managing Director", "CFO")))  # fmt: skip
    if boss_case:
        row = w.pd_row(boss, **{"Person - Email - Work": aide.work_email, "Person - Phone - Mobile": "",
                                "Person - Job title": "CEO"})  # fmt: skip
        b.case("assistant_managed_boss", row, crm_id)
    else:
        row = w.pd_row(
            aide, **{"Person - Job title": "Executive Assistant", "Person - Phone - Work": w.desk(aide)}
        )
        b.case("assistant_mailbox", row)


def phone_forms(b: Builder, i: int) -> None:
    w = b.world
    if i % 2:
        p, crm_id = b.take(lambda p: p.mobile is not None)
        # the CRM wrote it E.164 or international; the form gives it national, with its trunk 0
        b.out.crm_rows[[r["ID"] for r in b.out.crm_rows].index(crm_id)]["MOBILEPHONE"] = w.typed(
            p.mobile, p.locale, "e164"
        )
        row = w.pd_row(p, **{"Person - Email - Work": "", "Person - Email - Home": "", "Person - Phone - Work": "",
                             "Person - Phone - Mobile": w.typed(p.mobile, p.locale, "national")})  # fmt: skip
    else:
        p, crm_id = b.take(lambda p: bool(p.ext))
        crm_row = b.out.crm_rows[[r["ID"] for r in b.out.crm_rows].index(crm_id)]
        crm_row["PHONE"] = w.typed(p.company.switchboard, p.locale, "intl") + f" ext. {p.ext}"
        row = w.pd_row(p, **{"Person - Email - Work": "", "Person - Email - Home": "", "Person - Phone - Mobile": "",
                             "Person - Phone - Work": w.typed(p.company.switchboard, p.locale, "national") + f" x{p.ext}"})  # fmt: skip
    b.case("phone_forms", row, crm_id)


def dutch_and_french_06(b: Builder, i: int, *, twin: bool) -> None:
    """A Dutch mobile 06 1234 5678 and a French 06 12 34 56 78 are the same ten digits."""
    w = b.world
    while True:
        nl = w.number("nl", "mobile")
        fr = phonenumbers.parse("0" + str(nl.national_number), "FR")
        e164 = phonenumbers.format_number(fr, phonenumbers.PhoneNumberFormat.E164)
        if phonenumbers.is_valid_number(fr) and e164 not in w.numbers:
            w.numbers.add(e164)
            break
    company = b.company_of("nl")
    p = w.person("nl", company)
    p.mobile = nl
    crm_id = b.crm(p, MOBILEPHONE=w.typed(nl, "nl", "national"), MAILINGCOUNTRY="Netherlands")
    if twin:
        row = w.pd_row(p, **{"Person - Email - Work": "", "Person - Phone - Work": "",
                             "Person - Phone - Mobile": w.typed(nl, "nl", "national"),
                             "Person - Postal address - Country": "Netherlands"})  # fmt: skip
        b.case("national_mobile_twin", row, crm_id)
        return
    given = p.given if p.given in LOCALES["fr"].given else w.r.choice(LOCALES["fr"].given)
    other = w.person("fr", b.company_of("fr"), given=given)
    other.mobile = fr
    row = w.pd_row(other, **{"Person - Phone - Mobile": w.typed(fr, "fr", "national"),
                             "Person - Postal address - Country": "France"})  # fmt: skip
    b.case("same_digits_other_country", row)


def family_landline(b: Builder, i: int, *, twin: bool) -> None:
    w = b.world
    locale = w.r.choice(("us", "gb", "de", "nl", "fr", "es"))
    home = w.number(locale, "land")
    p = w.person(locale, None)
    p.home, p.personal_email = home, p.personal_email or w.personal_mail(p.given, p.family, locale)
    crm_id = b.crm(p, PHONE=w.typed(home, locale), HOMEPHONE="")
    if twin:
        row = w.pd_row(p, **{"Person - Email - Home": w.personal_mail(p.given, p.family, locale),
                             "Person - Phone - Home": w.typed(home, locale, "national"), "Person - Phone - Mobile": ""})  # fmt: skip
        b.case("family_landline_twin", row, crm_id)
        return
    spouse = w.person(locale, None, family=p.family)
    row = w.pd_row(spouse, **{"Person - Email - Home": w.personal_mail(spouse.given, spouse.family, locale),
                              "Person - Phone - Home": w.typed(home, locale, "national"), "Person - Phone - Mobile": ""})  # fmt: skip
    b.case("family_landline", row)


def reception(b: Builder, i: int, *, twin: bool) -> None:
    w = b.world
    company = w.company(w.r.choice(("us", "gb", "de", "nl", "jp", "es")))
    desk = w.number(company.locale, "land")
    staff = [w.person(company.locale, company) for _ in range(w.r.randint(3, 6))]
    ids = [b.crm(p, PHONE=w.typed(desk, company.locale)) for p in staff]
    if twin:
        row = w.pd_row(staff[0], **{"Person - Phone - Work": w.typed(desk, company.locale, "national"),
                                    "Person - Email - Work": staff[0].work_email.upper(), "Person - Phone - Mobile": ""})  # fmt: skip
        b.case("reception_twin", row, ids[0])
        return
    newcomer = w.person(company.locale, company, given=staff[1].given if i % 2 else "")
    row = w.pd_row(
        newcomer,
        **{"Person - Phone - Work": w.typed(desk, company.locale, "national"), "Person - Phone - Mobile": ""},
    )
    b.case("reception_number", row)


def family_firm(b: Builder, i: int, *, son_in_crm: bool) -> None:
    w = b.world
    locale = w.r.choice(("us", "gb"))
    company = w.company(locale)
    father = w.person(locale, company, pattern="first.last")
    father.suffix = "Sr." if i % 2 else ""
    father_id = b.crm(father, PHONE=w.typed(company.switchboard, locale))
    son = w.person(
        locale, company, given=father.given, family=father.family, shared_name=True, pattern="first.last"
    )
    son.suffix = "Jr."
    son.ext = ""
    if son_in_crm:
        father_row = b.out.crm_rows[-1]
        father_row["LASTNAME"] = f"{father.family} Sr."
        son_id = b.crm(son, PHONE=w.typed(company.switchboard, locale))
        target, target_id = (son, son_id) if i % 2 else (replace(father, suffix="Sr."), father_id)
        row = w.pd_row(target, **{"Person - Phone - Work": w.typed(company.switchboard, locale)})
        b.case("senior_junior", row, target_id)
        return
    row = w.pd_row(son, **{"Person - Phone - Work": w.typed(company.switchboard, locale, "national")})
    b.case("junior_not_in_crm", row)


def twin_sibling(b: Builder, i: int) -> None:
    w = b.world
    locale = w.r.choice(("us", "gb", "de", "nl"))
    company = b.company_of(locale)
    home = w.number(locale, "land")
    a = w.person(locale, company)
    a.birthdate = f"{w.r.randint(1970, 1998)}-{w.r.randint(1, 12):02d}-{w.r.randint(1, 28):02d}"
    a.home = home
    b.crm(a)
    twin = w.person(locale, company, family=a.family)
    twin.birthdate, twin.home = a.birthdate, home
    row = w.pd_row(twin, **{"Person - Phone - Home": w.typed(home, locale)})
    b.case("twin_sibling", row)


def patronymic_family(b: Builder, i: int) -> None:
    w = b.world
    company = w.company("is")
    genitive = {"Jón": "Jóns", "Einar": "Einars", "Gunnar": "Gunnars", "Sigurður": "Sigurðar", "Ólafur": "Ólafs",
                "Guðmundur": "Guðmundar", "Kristján": "Kristjáns"}  # fmt: skip
    father_given = w.r.choice(list(genitive))
    father = w.person(
        "is", company, given=father_given, family=w.r.choice(LOCALES["is"].family), shared_name=True
    )
    b.crm(father, PHONE=w.typed(company.switchboard, "is"))
    son_given = w.r.choice([g for g in genitive if g != father_given])
    child = w.person("is", company, given=son_given if i % 2 else w.r.choice(("Anna", "Guðrún", "Helga")),
                     family=genitive[father_given] + ("son" if i % 2 else "dóttir"), shared_name=True)  # fmt: skip
    child.ext = ""
    row = w.pd_row(child, **{"Person - Phone - Work": w.typed(company.switchboard, "is")})
    b.case("patronymic_family", row)


def big_firm_namesake(b: Builder, i: int) -> None:
    w = b.world
    p, _ = b.take(lambda p: p.company is not None and p.company.big and p.locale in ("us", "gb", "de", "cn"))
    other = w.person(p.locale, p.company, given=p.given, family=p.family, shared_name=True)
    other.ext = other.ext or str(w.r.randint(100, 899))
    row = w.pd_row(other, **{"Person - Phone - Work": w.desk(other)})
    b.case("big_firm_namesake", row)


def rehired(b: Builder, i: int) -> None:
    w = b.world
    first_employer = b.company_of(w.r.choice(("us", "gb", "de", "nl")))
    p = w.person(first_employer.locale, first_employer)
    p.mobile = w.number(p.locale, "mobile")
    old_mailbox = p.work_email
    second = b.company_of(p.locale)
    moved = replace(
        p,
        company=second,
        work_email=w.mailbox(w.work_local(p.given, p.family, second.pattern), second.domain),
    )
    crm_id = b.crm(moved)  # the CRM followed her to the other employer
    row = w.pd_row(
        p, **{"Person - Email - Work": old_mailbox, "Person - Phone - Mobile": w.typed(p.mobile, p.locale)}
    )
    b.case("rehired", row, crm_id)


def linkedin(b: Builder, i: int, *, namesake: bool) -> None:
    w = b.world
    if namesake:
        p, _ = b.take(lambda p: p.company is not None and p.company.big and p.linkedin)
        other = w.person(p.locale, p.company, given=p.given, family=p.family, shared_name=True)
        url = w.linkedin_url(p.given, p.family)
        target, truth = other, ()
    else:
        p, crm_id = b.take(lambda p: p.company is not None and p.linkedin)
        url, target, truth = p.linkedin, p, (crm_id,)
    row = dict.fromkeys(INBOUND_COLUMNS[1:], "")
    row.update({"Person - Name": f"{target.given} {target.family}", "Person - First name": target.given,
                "Person - Last name": target.family, "Person - Organization": target.company.name,
                "Person - LinkedIn profile": url.replace("https://", "").rstrip("/") + "/" * (i % 2)})  # fmt: skip
    b.case("linkedin_namesake" if namesake else "linkedin_only", row, *truth)


def not_in_crm(b: Builder, i: int) -> None:
    w = b.world
    company = w.r.choice(w.companies)
    loc = LOCALES[company.locale]
    colleagues = [p for p, _ in b.staff if p.company is company]
    if colleagues and i % 3 == 0:
        newcomer = w.person(company.locale, company, given=w.r.choice(colleagues).given)
    elif colleagues and i % 3 == 1:
        newcomer = w.person(company.locale, company, family=w.r.choice(colleagues).family)
    else:
        newcomer = w.person(company.locale, company if i % 5 else None, given=w.r.choice(loc.given))
    row = w.pd_row(newcomer)
    if newcomer.company and w.r.random() < 0.4:
        row["Person - Phone - Work"] = w.typed(company.switchboard, company.locale)
    b.case("not_in_crm", row)


MAKERS = [
    ("name_order_swapped", name_order_swapped),
    ("double_surname_dropped", double_surname_dropped),
    ("double_surname_cousin", double_surname_cousin),
    ("particle_forms", particle_forms),
    ("translit_same_person", translit_same_person),
    ("translit_namesake", translit_namesake),
    ("caps_diacritics", caps_diacritics),
    ("hyphenated_twin", lambda b, i: hyphenated(b, i, twin=True)),
    ("hyphen_half_colleague", lambda b, i: hyphenated(b, i, twin=False)),
    ("gmail_forms", gmail_forms),
    ("plus_address_work", plus_address_work),
    ("personal_vs_work", personal_vs_work),
    ("role_mailbox_other", lambda b, i: role_mailbox(b, i, known=False)),
    ("role_mailbox_known", lambda b, i: role_mailbox(b, i, known=True)),
    ("mailbox_reissued", lambda b, i: mailbox_reissued(b, i, twin=False)),
    ("mailbox_reissued_twin", lambda b, i: mailbox_reissued(b, i, twin=True)),
    ("assistant_mailbox", lambda b, i: assistant(b, i, boss_case=False)),
    ("assistant_managed_boss", lambda b, i: assistant(b, i, boss_case=True)),
    ("phone_forms", phone_forms),
    ("same_digits_other_country", lambda b, i: dutch_and_french_06(b, i, twin=False)),
    ("national_mobile_twin", lambda b, i: dutch_and_french_06(b, i, twin=True)),
    ("family_landline", lambda b, i: family_landline(b, i, twin=False)),
    ("family_landline_twin", lambda b, i: family_landline(b, i, twin=True)),
    ("reception_number", lambda b, i: reception(b, i, twin=False)),
    ("reception_twin", lambda b, i: reception(b, i, twin=True)),
    ("senior_junior", lambda b, i: family_firm(b, i, son_in_crm=True)),
    ("junior_not_in_crm", lambda b, i: family_firm(b, i, son_in_crm=False)),
    ("twin_sibling", twin_sibling),
    ("patronymic_family", patronymic_family),
    ("big_firm_namesake", big_firm_namesake),
    ("rehired", rehired),
    ("linkedin_only", lambda b, i: linkedin(b, i, namesake=False)),
    ("linkedin_namesake", lambda b, i: linkedin(b, i, namesake=True)),
]


def drawn(make, b: Builder, i: int) -> None:
    """One case; drawn again when a fixed part of a name it needs is someone's already."""
    for _attempt in range(50):
        try:
            return make(b, i)
        except NameTaken:
            continue
    raise RuntimeError(f"{make.__name__}: no free name in 50 draws")


def person_cases(people: int, per_category: int, *, seed: int) -> GeneratedCases:
    """The CRM extract (background and each case's records) and the inbound cases, shuffled, with ids."""
    w = World(seed)
    b = Builder(w, per_category)
    background(b, people)
    for _, make in MAKERS:
        for i in range(per_category):
            drawn(make, b, i)
    for i in range(per_category * 8):
        drawn(not_in_crm, b, i)
    # A share of the background arrives too, as it is (the plain links the model is fitted on).
    for _ in range(per_category * 8):
        p, crm_id = b.take(lambda p: p.work_email or p.mobile)
        b.case("plain", w.pd_row(p), crm_id)
    w.r.shuffle(b.out.crm_rows)
    w.r.shuffle(b.out.cases)
    for item in b.out.cases:
        item.external_id = w.pd_id()
    return b.out


CATEGORIES["plain"] = "background people as the CRM holds them (the links the model is fitted on)"

# Splink reads both files standardised as `identity_quality.PERSON_SQL` does; phones compared on their last nine
# digits (a national number and its E.164 form agree there), the first mailbox of a list.
PERSON_SQL = {
    "crm": """
        SELECT "ID" AS unique_id,
               nullif(lower(strip_accents(trim("FIRSTNAME"))), '') AS first_name,
               nullif(lower(strip_accents(trim("LASTNAME"))), '') AS last_name,
               nullif(lower(trim("EMAIL")), '') AS email,
               right({phone}(regexp_replace(coalesce(nullif("MOBILEPHONE", ''), nullif("PHONE", ''), "HOMEPHONE"),
                     '\\s*(ext\\.?|x)\\s*[0-9]+$', '')), 9) AS phone,
               {company}(strip_accents("ACCOUNT.NAME")) AS company,
               nullif(trim("MAILINGPOSTALCODE"), '') AS zip,
               nullif(lower(strip_accents(trim("MAILINGCITY"))), '') AS city,
               nullif(trim("BIRTHDATE"), '') AS date_of_birth
        FROM read_csv('{path}', all_varchar = true)
        WHERE coalesce("ISDELETED", 'false') = 'false' AND coalesce("MASTERRECORDID", '') = ''
    """,
    "inbound": f"""
        SELECT "{INBOUND_ID}" AS unique_id,
               nullif(lower(strip_accents(trim("Person - First name"))), '') AS first_name,
               nullif(lower(strip_accents(trim("Person - Last name"))), '') AS last_name,
               nullif(lower(trim(split_part(coalesce(nullif("Person - Email - Work", ''), "Person - Email - Home"),
                     ',', 1))), '') AS email,
               right({{phone}}(regexp_replace(coalesce(nullif("Person - Phone - Mobile", ''),
                     nullif("Person - Phone - Work", ''), "Person - Phone - Home"), '\\s*(ext\\.?|x)\\s*[0-9]+$', '')),
                     9) AS phone,
               {{company}}(strip_accents("Person - Organization")) AS company,
               NULL AS zip,
               nullif(lower(strip_accents(trim("Person - Postal address - City/town/village/locality"))), '') AS city,
               NULL AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}


def main() -> None:
    run_generated(
        "identity-eleventh",
        [
            GeneratedSuite(
                "people", lambda args: person_cases(args.people, args.per_category, seed=args.seed),
                "salesforce_dataloader", "pipedrive", CRM_COLUMNS, INBOUND_COLUMNS, INBOUND_ID,
                ["--provider", "salesforce", "--object", "Contact", "--kind", "person"], "person", PERSON_SQL,
                "Salesforce Data Loader Contacts <- Pipedrive persons export",
            ),
        ],
        seed=111, people=2500, orgs=0,
    )  # fmt: skip


if __name__ == "__main__":
    main()
