"""A forty-first record set: HubSpot contacts of an exporter selling to China, linked from a WeCom customer export.

    python benchmarks/identity_fortyfirst.py [--people 2400] [--per-category 40] [--seed 411] [--skip-splink]
                                             [--keep DIR]

A European machinery exporter sells to Chinese importers and factories. Its CRM is HubSpot; its China sales team
talks to buyers on WeCom (WeChat Work, 企业微信), where a rep adds a buyer as an external contact ("customer") and
types a remark name, the buyer's company and mobile numbers into the contact's notes. The team's WeCom customer
list is pulled through WeCom's customer-contact API (`externalcontact/batch/get_by_user`: one row per customer and
following rep) and linked to HubSpot.

The CRM side is a HubSpot contacts export under its UI labels: `Record ID`, `First Name`, `Last Name`, `Email`,
`Phone Number` (the office line: a direct line or the company's switchboard, 总机), `Mobile Phone Number`,
`Company Name`, `Job Title`, `City`, `Country/Region`, `Contact owner`, `Create Date`, `Lifecycle Stage`. Names
as the European reps typed them: Hanyu Pinyin with the given name in `First Name` ("Wei" / "Zhang"), a two-syllable
given name joined, spaced or hyphenated ("Xiaoming", "Xiao Ming", "Xiao-Ming"), the surname in capitals ("ZHANG"),
the two swapped (the surname typed into `First Name`, as the card printed it first), the Western name a buyer uses
in business ("Kevin" / "Zhang"), or Han characters ("伟" / "张") where a Chinese-speaking colleague typed it; Hong
Kong buyers in Cantonese romanisation ("Ka Ming" / "Wong" for 黃家明) and Taiwanese ones in Wade-Giles ("Chih-Ming"
/ "Hsu" for 許志明). Company names in English ("Shanghai Hengda Trading Co., Ltd.") or Chinese ("上海恒达贸易有限公司").
Mobiles are +86 mobiles (11 digits starting 1) written "138 0013 8000", "+86 138-0013-8000", "13800138000"; office
lines Beijing landlines with the area code 010 ("010-6552 1234", "+86 10 6552 1234"). Mail: QQ Mail (a QQ number
at qq.com), 163.com and 126.com, or the company's domain.

The inbound side uses the field names of WeCom's external-contact API (`external_contact` and `follow_info`, as
its public documentation and SDKs name them, e.g. xen0n/go-workwx docs/external_contact.md): `external_userid`
("wm..." or "wo...": the file's id column), `name` (a WeChat user's nickname; a WeCom user's real name), `type`
(1 WeChat user, 2 WeCom user), `gender` (0 unknown, 1 male, 2 female), `corp_name` and `corp_full_name` (a WeCom
user's company, short and registered name; empty for WeChat users), `position` (WeCom users only), `userid` (the
following rep), `remark` (the rep's remark name: the buyer's name in Han characters or Pinyin, now and then with
the company's short name, "张伟-恒达"), `description`, `createtime` (Unix seconds), `remark_corp_name` (the company
as the rep noted it), `remark_mobiles` (the numbers the rep noted, comma-joined: a mobile, now and then an office
line), `add_way` (1 QR code, 2 mobile search, 3 card shared, ...), `tags`. WeCom gives no email address.

Categories, each with its truth (the HubSpot contact, or none). IN:
- `mobile_han_remark`: the remark in Han characters, the mobile HubSpot holds; HubSpot's name in Pinyin in any of
  its written forms; a WeChat nickname as `name`.
- `mobile_pinyin_remark`: the remark in Pinyin written another way ("ZHANG Wei", "Wei Zhang", "Zhang, Xiaoming",
  "Xiao-Ming Zhang"); HubSpot's name in Pinyin or Han characters; the mobile.
- `western_name_mobile`: HubSpot holds the buyer's Western name ("Kevin" / "Zhang"); the remark gives the
  Chinese name ("张伟") or both ("Kevin 张伟"); the mobile.
- `wecom_user_company`: a WeCom user (type 2): the real name in Han characters as `name`, the registered company
  as `corp_full_name`, the position; no remark, no number. HubSpot holds the name in Pinyin and the company in
  English or Chinese; the name is one contact's at that company.
- `hk_taiwan_mobile`: a Hong Kong or Taiwanese buyer: HubSpot "Ka Ming" / "Wong", the remark 黃家明 (read Huang
  Jiaming in Pinyin), the mobile (+852, +886) HubSpot holds.
- `direct_line`: the rep noted the buyer's direct landline, which HubSpot holds as this contact's `Phone Number`
  (no other contact has it); the remark the name.
OUT:
- `common_namesake`: a buyer with one of China's commonest names (Wang Wei, Li Na, Zhang Wei, ...), which
  HubSpot holds for one to three other people at other companies; the buyer's own mobile, another company.
- `namesake_same_company`: a second buyer of such a name at the company of a HubSpot contact of that name (a
  state-owned group with thousands of staff); a WeCom user with the company's registered name, own mobile and
  another position; HubSpot's contact holds a mobile of their own.
- `colleague_switchboard`: a buyer the CRM does not hold, whose rep noted the company's switchboard, which one
  HubSpot contact at that company holds as `Phone Number`; another name.
- `successor_work_mobile`: a company-owned work mobile (工作手机) handed from a departed buyer HubSpot holds to
  a successor: the successor's name (another person; now and then the same surname), the same company.
- `romanisation_namesake`: a mainland buyer (陈伟, 黄家明, 徐志明) whose Pinyin reading differs from a Hong Kong or
  Taiwanese contact's romanisation of the same characters (Chan Wai, Wong Ka Ming, Hsu Chih-Ming) only by the
  romanisation system; another company, the buyer's own mobile.
- `not_in_crm`: new buyers.

Fairness: every row has one truth a careful reader of the two records can tell. A mobile is one person's but for
the work mobiles, which the inbound rows always name another person beside; a switchboard and the companies'
names are the company's; full names (in Pinyin) are unique within a company in HubSpot; a Han name read as Pinyin
gives HubSpot's Pinyin (the generator draws both from one table). A `wecom_user_company` row's name is that of
exactly one contact at the company (in Pinyin), and no other buyer of that name at the company is held. Not made:
a row whose only evidence is a common name (no one can tell such rows apart), polyphonic surnames read otherwise
as surnames (曾 Zeng, 单 Shan: a transliterator reads them Ceng, Dan), emails (WeCom gives none). Written from
scratch (only `identity_quality`'s and `generated_phones`' interfaces). Every seed deterministic.
"""

import random
import string
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generated_phones import fresh_number
from identity_quality import (
    GeneratedCase,
    GeneratedCases,
    GeneratedSuite,
    _person_settings,
    run_generated,
)

CRM_ID = "Record ID"
CRM_COLUMNS = [
    CRM_ID, "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number", "Company Name", "Job Title",
    "City", "Country/Region", "Contact owner", "Create Date", "Lifecycle Stage",
]  # fmt: skip
INBOUND_ID = "external_userid"
INBOUND_COLUMNS = [
    INBOUND_ID, "name", "type", "gender", "corp_name", "corp_full_name", "position", "userid", "remark",
    "description", "createtime", "remark_corp_name", "remark_mobiles", "add_way", "tags",
]  # fmt: skip

# -- names ------------------------------------------------------------------------------------------------------

# Surname: simplified, traditional, Pinyin, Cantonese (Hong Kong) and Wade-Giles (Taiwan) spellings.
SURNAMES = [
    ("王", "王", "wang", "wong", "wang"), ("李", "李", "li", "lee", "li"), ("张", "張", "zhang", "cheung", "chang"),
    ("刘", "劉", "liu", "lau", "liu"), ("陈", "陳", "chen", "chan", "chen"), ("杨", "楊", "yang", "yeung", "yang"),
    ("黄", "黃", "huang", "wong", "huang"), ("赵", "趙", "zhao", "chiu", "chao"), ("吴", "吳", "wu", "ng", "wu"),
    ("周", "周", "zhou", "chow", "chou"), ("徐", "徐", "xu", "tsui", "hsu"), ("孙", "孫", "sun", "suen", "sun"),
    ("马", "馬", "ma", "ma", "ma"), ("朱", "朱", "zhu", "chu", "chu"), ("胡", "胡", "hu", "wu", "hu"),
    ("郭", "郭", "guo", "kwok", "kuo"), ("何", "何", "he", "ho", "ho"), ("林", "林", "lin", "lam", "lin"),
    ("罗", "羅", "luo", "law", "lo"), ("高", "高", "gao", "ko", "kao"), ("梁", "梁", "liang", "leung", "liang"),
    ("郑", "鄭", "zheng", "cheng", "cheng"), ("谢", "謝", "xie", "tse", "hsieh"), ("宋", "宋", "song", "sung", "sung"),
    ("唐", "唐", "tang", "tong", "tang"), ("许", "許", "xu", "hui", "hsu"), ("韩", "韓", "han", "hon", "han"),
    ("冯", "馮", "feng", "fung", "feng"), ("邓", "鄧", "deng", "tang", "teng"), ("曹", "曹", "cao", "cho", "tsao"),
]  # fmt: skip
# Given names: simplified, traditional, Pinyin syllables, Cantonese and Wade-Giles syllables, female.
GIVEN = [
    ("伟", "偉", ["wei"], ["wai"], ["wei"], False), ("娜", "娜", ["na"], ["na"], ["na"], True),
    ("静", "靜", ["jing"], ["ching"], ["ching"], True), ("敏", "敏", ["min"], ["man"], ["min"], True),
    ("磊", "磊", ["lei"], ["lui"], ["lei"], False), ("洋", "洋", ["yang"], ["yeung"], ["yang"], False),
    ("勇", "勇", ["yong"], ["yung"], ["yung"], False), ("杰", "傑", ["jie"], ["kit"], ["chieh"], False),
    ("涛", "濤", ["tao"], ["to"], ["tao"], False), ("超", "超", ["chao"], ["chiu"], ["chao"], False),
    ("秀英", "秀英", ["xiu", "ying"], ["sau", "ying"], ["hsiu", "ying"], True),
    ("晓明", "曉明", ["xiao", "ming"], ["hiu", "ming"], ["hsiao", "ming"], False),
    ("志强", "志強", ["zhi", "qiang"], ["chi", "keung"], ["chih", "chiang"], False),
    ("建华", "建華", ["jian", "hua"], ["kin", "wah"], ["chien", "hua"], False),
    ("海燕", "海燕", ["hai", "yan"], ["hoi", "yin"], ["hai", "yen"], True),
    ("丽华", "麗華", ["li", "hua"], ["lai", "wah"], ["li", "hua"], True),
    ("俊杰", "俊傑", ["jun", "jie"], ["chun", "kit"], ["chun", "chieh"], False),
    ("文博", "文博", ["wen", "bo"], ["man", "pok"], ["wen", "po"], False),
    ("国强", "國強", ["guo", "qiang"], ["kwok", "keung"], ["kuo", "chiang"], False),
    ("桂英", "桂英", ["gui", "ying"], ["kwai", "ying"], ["kuei", "ying"], True),
    ("明辉", "明輝", ["ming", "hui"], ["ming", "fai"], ["ming", "hui"], False),
    ("佳怡", "佳怡", ["jia", "yi"], ["kai", "yi"], ["chia", "yi"], True),
    ("浩然", "浩然", ["hao", "ran"], ["ho", "yin"], ["hao", "jan"], False),
    ("欣怡", "欣怡", ["xin", "yi"], ["yan", "yi"], ["hsin", "yi"], True),
    ("晓东", "曉東", ["xiao", "dong"], ["hiu", "tung"], ["hsiao", "tung"], False),
    ("春梅", "春梅", ["chun", "mei"], ["chun", "mui"], ["chun", "mei"], True),
    ("红霞", "紅霞", ["hong", "xia"], ["hung", "ha"], ["hung", "hsia"], True),
    ("家明", "家明", ["jia", "ming"], ["ka", "ming"], ["chia", "ming"], False),
    ("美玲", "美玲", ["mei", "ling"], ["mei", "ling"], ["mei", "ling"], True),
    ("志明", "志明", ["zhi", "ming"], ["chi", "ming"], ["chih", "ming"], False),
    ("大文", "大文", ["da", "wen"], ["tai", "man"], ["ta", "wen"], False),
    ("淑芬", "淑芬", ["shu", "fen"], ["shuk", "fan"], ["shu", "fen"], True),
]  # fmt: skip
# China's commonest full names: each held for several people (the hard negatives).
COMMON = [("王", "伟"), ("李", "娜"), ("张", "伟"), ("王", "静"), ("李", "静"), ("张", "敏"), ("刘", "洋"),
          ("王", "磊"), ("李", "勇"), ("张", "静"), ("刘", "伟"), ("陈", "静"), ("王", "敏"), ("李", "杰")]  # fmt: skip
WESTERN = {False: ["Kevin", "Jason", "Eric", "Tony", "Jack", "Peter", "David", "Frank", "Leo", "Sam", "Allen",
                   "Michael", "Vincent", "Ryan", "Steven"],
           True: ["Lily", "Amy", "Cindy", "Grace", "Helen", "Judy", "Sunny", "Vivian", "Coco", "Annie", "Cherry",
                  "Linda", "Tina", "Wendy", "Fiona"]}  # fmt: skip
NICKNAMES = [
    "海阔天空",
    "阳光",
    "平安是福",
    "Sunshine",
    "静待花开",
    "A.",
    "🍀",
    "知足常乐",
    "Mr.",
    "小",
    "老",
]
POSITIONS = ["采购经理", "总经理", "采购专员", "设备部经理", "副总经理", "技术总监", "进口部主管", "厂长"]
TITLES = ["Purchasing Manager", "General Manager", "Buyer", "Equipment Manager", "Deputy GM", "Technical Director",
          "Import Supervisor", "Plant Manager"]  # fmt: skip

# -- companies --------------------------------------------------------------------------------------------------

OFFSHORE_CITIES = {"HK": ("香港", "Hong Kong"), "TW": ("台北", "Taipei")}
CITIES = [("上海", "Shanghai"), ("北京", "Beijing"), ("广州", "Guangzhou"), ("深圳", "Shenzhen"), ("杭州", "Hangzhou"),
          ("宁波", "Ningbo"), ("苏州", "Suzhou"), ("天津", "Tianjin"), ("青岛", "Qingdao"), ("无锡", "Wuxi")]  # fmt: skip
BRANDS = [("恒达", "Hengda"), ("华信", "Huaxin"), ("金龙", "Jinlong"), ("东方", "Dongfang"), ("宏远", "Hongyuan"),
          ("远航", "Yuanhang"), ("天成", "Tiancheng"), ("瑞丰", "Ruifeng"), ("鼎盛", "Dingsheng"), ("永安", "Yongan"),
          ("中科", "Zhongke"), ("盛世", "Shengshi"), ("博远", "Boyuan"), ("联创", "Lianchuang"), ("海天", "Haitian"),
          ("新华", "Xinhua"), ("长城", "Changcheng"), ("光明", "Guangming"), ("万通", "Wantong"), ("汇丰", "Huifeng")]  # fmt: skip
TRADES = [("贸易", "Trading", "trading"), ("机械", "Machinery", "machinery"), ("电子", "Electronics", "elec"),
          ("化工", "Chemical", "chem"), ("科技", "Technology", "tech"), ("进出口", "Import & Export", "imp-exp"),
          ("食品", "Food", "food"), ("精密制造", "Precision Manufacturing", "precision")]  # fmt: skip
REPS = ["Anna Schulz", "Marco Bellini", "Liu Yang", "Sophie Martin"]  # contact owners
REP_IDS = ["AnnaSchulz", "MarcoB", "LiuYang01", "SophieM"]
TAGS = ["", "", "潜在客户", "重点客户", "广交会", "Canton Fair 2025", "已报价", "VIP"]


@dataclass
class Company:
    han: str  # 上海恒达贸易有限公司
    short: str  # 恒达贸易
    english: str  # Shanghai Hengda Trading Co., Ltd.
    city: tuple
    domain: str
    switchboard: str = ""


@dataclass
class Person:
    surname: tuple  # a SURNAMES row
    given: tuple  # a GIVEN row
    company: Company
    mobile: str
    region: str = "CN"  # "HK", "TW"
    western: str = ""
    direct_line: str = ""
    contact: dict | None = None

    @property
    def han(self) -> str:
        traditional = self.region != "CN"
        return (self.surname[1] if traditional else self.surname[0]) + (
            self.given[1] if traditional else self.given[0]
        )

    @property
    def female(self) -> bool:
        return self.given[5]

    def romanised(self) -> tuple[str, list[str]]:
        """The surname and given syllables in the person's own romanisation (Pinyin, Cantonese, Wade-Giles)."""
        column = {"CN": (2, 2), "HK": (3, 3), "TW": (4, 4)}[self.region]
        return self.surname[column[0]], self.given[column[1]]


def joined_given(syllables: list[str], how: str) -> str:
    """A given name's syllables as written: joined ("Xiaoming"), spaced ("Xiao Ming") or hyphenated."""
    if len(syllables) == 1 or how == "joined":
        return "".join(syllables).capitalize()
    if how == "hyphen":
        return (
            "-".join(s.capitalize() for s in syllables) if len(syllables) > 1 else syllables[0].capitalize()
        )
    return " ".join(s.capitalize() for s in syllables)


class Generator:
    def __init__(self, seed: int, people: int, per_category: int):
        self.rng = random.Random(seed)
        self.target = people
        self.per = per_category
        self.companies: list[Company] = []
        self.people: list[Person] = []
        self.crm_rows: list[dict] = []
        self.cases: list[GeneratedCase] = []
        self.numbers: set[str] = set()
        self.emails: set[str] = set()
        self.record_ids: set[str] = set()
        self.user_ids: set[str] = set()
        self.used: set[int] = set()
        self.now = datetime(2026, 12, 1, 9, 0)

    # -- draws ------------------------------------------------------------------------------------------------

    def number(self, region: str = "CN", kind=PhoneNumberType.MOBILE) -> str:
        return fresh_number(self.rng, region, kind, self.numbers, random_digits=8 if region == "CN" else 6)

    def written(self, e164: str) -> str:
        """A number as a rep types it: national groups, with or without +86, or bare digits."""
        parsed = phonenumbers.parse(e164)
        digits = str(parsed.national_number)
        code = parsed.country_code
        if code == 86 and digits.startswith("1") and len(digits) == 11:  # a mobile
            forms = [digits, f"{digits[:3]} {digits[3:7]} {digits[7:]}", f"+86 {digits[:3]}-{digits[3:7]}-{digits[7:]}",
                     f"+86{digits}", f"86-{digits}", f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"]  # fmt: skip
        elif code == 86:  # a Beijing landline, area code 010
            forms = [f"0{digits[:2]}-{digits[2:]}", f"0{digits[:2]}-{digits[2:6]} {digits[6:]}",
                     f"+86 {digits[:2]} {digits[2:6]} {digits[6:]}", f"(0{digits[:2]}) {digits[2:]}"]  # fmt: skip
        else:
            forms = [phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL), f"+{code} {digits}",
                     phonenumbers.format_number(parsed, PhoneNumberFormat.E164)]  # fmt: skip
        return self.rng.choice(forms)

    def record_id(self) -> str:
        while (value := str(self.rng.randint(10_000_000, 99_999_999))) in self.record_ids:
            pass
        self.record_ids.add(value)
        return value

    def external_userid(self) -> str:
        alphabet = string.ascii_letters + string.digits + "-_"
        while (value := "wm" + "".join(self.rng.choice(alphabet) for _ in range(30))) in self.user_ids:
            pass
        self.user_ids.add(value)
        return value

    def mailbox(self, person: Person) -> str:
        surname, given = person.romanised()
        for _ in range(60):
            roll = self.rng.random()
            if roll < 0.3:
                address = f"{self.rng.randint(10_000_000, 3_999_999_999)}@qq.com"
            elif roll < 0.5:
                address = f"{surname}{''.join(given)}{self.rng.randint(1, 999)}@{self.rng.choice(['163.com', '126.com'])}"
            else:
                local = self.rng.choice(["{g}.{s}", "{s}{g}", "{s}.{g}", "{w}", "{w}.{s}"])
                western = person.western.lower() if person.western else "".join(given)
                address = f"{local.format(g=''.join(given), s=surname, w=western)}@{person.company.domain}"
            if address not in self.emails:
                self.emails.add(address)
                return address
        raise RuntimeError("no mailbox left")

    # -- companies and people ---------------------------------------------------------------------------------

    def company(self, region: str = "CN") -> Company:
        taken = {c.han for c in self.companies}
        for _ in range(500):
            city, brand, trade = self.rng.choice(CITIES), self.rng.choice(BRANDS), self.rng.choice(TRADES)
            if region != "CN":
                city = OFFSHORE_CITIES[region]
            han = f"{city[0]}{brand[0]}{trade[0]}有限公司"
            if han not in taken:
                break
        else:
            raise RuntimeError("no company name left")
        english = f"{city[1]} {brand[1]} {trade[1]} Co., Ltd."
        domain = f"{brand[1].lower()}-{trade[2]}{self.rng.randint(1, 99)}.{self.rng.choice(['com', 'com.cn', 'cn'])}"
        company = Company(han, brand[0] + trade[0], english, city, domain)
        company.switchboard = self.number(region, PhoneNumberType.FIXED_LINE)
        self.companies.append(company)
        return company

    def mainland_companies(self) -> list[Company]:
        return [c for c in self.companies if c.city[1] not in ("Hong Kong", "Taipei")]

    @staticmethod
    def surname_row(han: str) -> tuple:
        return next(s for s in SURNAMES if s[0] == han)

    @staticmethod
    def given_row(han: str) -> tuple:
        return next(g for g in GIVEN if g[0] == han)

    def full_names_at(self, company: Company) -> set[tuple[str, str]]:
        """Full names (Pinyin) held or planted at a company."""
        return {(p.romanised()[0], "".join(p.romanised()[1])) for p in self.people if p.company is company}

    def person(self, company: Company, region: str = "CN", name: tuple | None = None) -> Person:
        for _ in range(500):
            if name:
                surname, given = self.surname_row(name[0]), self.given_row(name[1])
            else:
                surname, given = self.rng.choice(SURNAMES), self.rng.choice(GIVEN)
            candidate = Person(surname, given, company, self.number(region), region)
            reading = (candidate.romanised()[0], "".join(candidate.romanised()[1]))
            if reading not in self.full_names_at(company):
                break
        else:
            raise RuntimeError("no fresh name at the company")
        if self.rng.random() < 0.3:
            candidate.western = self.rng.choice(WESTERN[candidate.female])
        self.people.append(candidate)
        return candidate

    def hold(self, person: Person) -> dict:
        """Write the person's HubSpot contact, the name as a European rep typed it."""
        surname, given = person.romanised()
        style = self.rng.random()
        how = self.rng.choice(["joined", "joined", "spaced", "hyphen"])
        if person.region != "CN":
            first, last = (
                joined_given(
                    given, "hyphen" if person.region == "TW" else self.rng.choice(["spaced", "hyphen"])
                ),
                surname.capitalize(),
            )
        elif person.western and style < 0.6:
            first, last = person.western, surname.capitalize()
        elif style < 0.55:
            first, last = joined_given(given, how), surname.capitalize()
        elif style < 0.7:
            first, last = joined_given(given, how), surname.upper()
        elif style < 0.82:
            first, last = surname.capitalize(), joined_given(given, how)  # swapped: the surname typed first
        else:
            first, last = person.given[0], person.surname[0]
        company = person.company
        row = {
            CRM_ID: self.record_id(),
            "First Name": first,
            "Last Name": last,
            "Email": self.mailbox(person) if self.rng.random() < 0.85 else "",
            "Phone Number": self.written(person.direct_line or company.switchboard)
            if person.direct_line or self.rng.random() < 0.35
            else "",
            "Mobile Phone Number": self.written(person.mobile),
            "Company Name": company.english if self.rng.random() < 0.65 else company.han,
            "Job Title": self.rng.choice(TITLES),
            "City": company.city[1] if self.rng.random() < 0.8 else company.city[0],
            "Country/Region": {"CN": "China", "HK": "Hong Kong", "TW": "Taiwan"}[person.region],
            "Contact owner": self.rng.choice(REPS),
            "Create Date": (self.now - timedelta(days=self.rng.randint(30, 2_000))).strftime(
                "%Y-%m-%d %H:%M"
            ),
            "Lifecycle Stage": self.rng.choice(["Lead", "Opportunity", "Customer", "Customer"]),
        }
        if person.region == "HK":
            row["City"] = "Hong Kong"
        if person.region == "TW":
            row["City"] = "Taipei"
        person.contact = row
        self.crm_rows.append(row)
        return row

    def build_crm(self) -> None:
        while len(self.people) < self.target:
            region = "CN" if self.rng.random() < 0.88 else self.rng.choice(["HK", "TW"])
            company = self.company(region)
            for _ in range(self.rng.choice([1, 2, 3, 4, 6, 9])):
                self.person(company, region)
        for surname, given in COMMON * 3:  # the common names, held at several companies
            reading = (self.surname_row(surname)[2], "".join(self.given_row(given)[2]))
            company = self.rng.choice(
                [c for c in self.mainland_companies() if reading not in self.full_names_at(c)]
            )
            self.person(company, name=(surname, given))
        for person in self.people:
            if person.region == "CN" and self.rng.random() < 0.15:
                person.direct_line = self.number("CN", PhoneNumberType.FIXED_LINE)
            self.hold(person)
        # A switchboard is written on at most one contact of its company, as the shared-number cases assume.
        seen: set[int] = set()
        for person in self.people:
            if person.contact["Phone Number"] and not person.direct_line:
                if id(person.company) in seen:
                    person.contact["Phone Number"] = ""
                seen.add(id(person.company))

    # -- the WeCom export -------------------------------------------------------------------------------------

    def pick(self, test) -> Person:
        pool = [p for p in self.people if id(p) not in self.used and test(p)]
        person = self.rng.choice(pool)
        self.used.add(id(person))
        return person

    def remark_in_han(self, person: Person) -> str:
        roll = self.rng.random()
        if roll < 0.6:
            return person.han
        if roll < 0.85:
            return f"{person.han}-{person.company.short[:2]}"
        return f"{person.han} {person.company.short}"

    def remark_in_pinyin(self, person: Person) -> str:
        surname, given = person.romanised()
        s, g = surname.capitalize(), joined_given(given, self.rng.choice(["joined", "spaced", "hyphen"]))
        return self.rng.choice(
            [f"{s} {g}", f"{g} {s}", f"{surname.upper()} {g}", f"{s}, {g}", f"{g} {surname.upper()}"]
        )

    def nickname(self, person: Person) -> str:
        roll = self.rng.random()
        if roll < 0.3 and person.western:
            return person.western
        if roll < 0.5:
            return self.rng.choice(NICKNAMES)
        if roll < 0.7:
            return person.han
        return self.rng.choice(WESTERN[person.female]) + self.rng.choice(["", "🌸", "_", " ~"])

    def wecom_row(
        self, category: str, truth: list[str], person: Person, *, wecom_user: bool = False, **fields
    ) -> None:
        """A WeCom customer row for `person` (a WeChat user unless `wecom_user`), `fields` over it."""
        company = person.company
        created = self.now - timedelta(days=self.rng.randint(0, 1_500), minutes=self.rng.randint(0, 900))
        row = {
            "name": person.han if wecom_user else self.nickname(person),
            "type": "2" if wecom_user else "1",
            "gender": self.rng.choice(["0", "2" if person.female else "1"]),
            "corp_name": company.short if wecom_user else "",
            "corp_full_name": company.han if wecom_user else "",
            "position": self.rng.choice(POSITIONS) if wecom_user and self.rng.random() < 0.7 else "",
            "userid": self.rng.choice(REP_IDS),
            "remark": "",
            "description": self.rng.choice(["", "", "", "展会认识", "询价 CNC", "老客户介绍"]),
            "createtime": str(int(created.timestamp())),
            "remark_corp_name": self.rng.choice([company.short, company.han, company.english, ""]),
            "remark_mobiles": "",
            "add_way": self.rng.choice(["1", "1", "2", "3", "202"]),
            "tags": self.rng.choice(TAGS),
        }
        for name, value in fields.items():
            row[name] = value
        case = GeneratedCase(category, row, tuple(truth))
        case.external_id = self.external_userid()
        self.cases.append(case)

    def plain(self, person: Person) -> bool:
        return person.region == "CN" and (person.surname[0], person.given[0]) not in COMMON

    # IN

    def mobile_han_remark(self) -> None:
        for _ in range(self.per * 3):
            person = self.pick(lambda p: self.plain(p) and not self._western_held(p))
            self.wecom_row("mobile_han_remark", [person.contact[CRM_ID]], person, remark=self.remark_in_han(person),
                           remark_mobiles=self.written(person.mobile))  # fmt: skip

    def mobile_pinyin_remark(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: self.plain(p) and not self._western_held(p))
            self.wecom_row("mobile_pinyin_remark", [person.contact[CRM_ID]], person,
                           remark=self.remark_in_pinyin(person), remark_mobiles=self.written(person.mobile))  # fmt: skip

    def _western_held(self, person: Person) -> bool:
        return bool(person.western) and person.contact["First Name"] == person.western

    def western_name_mobile(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: self.plain(p) and self._western_held(p))
            remark = self.rng.choice(
                [person.han, f"{person.western} {person.han}", f"{person.han}({person.western})"]
            )
            self.wecom_row("western_name_mobile", [person.contact[CRM_ID]], person, remark=remark,
                           remark_mobiles=self.written(person.mobile))  # fmt: skip

    def wecom_user_company(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: self.plain(p) and not self._western_held(p))
            self.wecom_row("wecom_user_company", [person.contact[CRM_ID]], person, wecom_user=True,
                           remark_corp_name="")  # fmt: skip

    def hk_taiwan_mobile(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.region != "CN")
            self.wecom_row("hk_taiwan_mobile", [person.contact[CRM_ID]], person, remark=person.han,
                           remark_mobiles=self.written(person.mobile))  # fmt: skip

    def direct_line(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.plain(p) and p.direct_line and not self._western_held(p))
            remark = self.remark_in_han(person) if self.rng.random() < 0.7 else self.remark_in_pinyin(person)
            self.wecom_row("direct_line", [person.contact[CRM_ID]], person, remark=remark,
                           remark_mobiles=self.written(person.direct_line))  # fmt: skip

    # OUT

    def outsider(self, company: Company, *, name: tuple | None = None, region: str = "CN") -> Person:
        """A person the CRM does not hold (never held: kept out of `self.people` once drawn)."""
        person = self.person(company, region, name)
        self.people.remove(person)
        self.used.add(id(person))
        return person

    def common_namesake(self) -> None:
        for _ in range(self.per):
            held = self.pick(lambda p: (p.surname[0], p.given[0]) in COMMON and p.region == "CN")
            company = self.rng.choice(
                [
                    c
                    for c in self.mainland_companies()
                    if (held.surname[2], "".join(held.given[2])) not in self.full_names_at(c)
                ]
            )
            person = self.outsider(company, name=(held.surname[0], held.given[0]))
            wecom_user = self.rng.random() < 0.4
            self.wecom_row("common_namesake", [], person, wecom_user=wecom_user, remark=self.remark_in_han(person),
                           remark_mobiles=self.written(person.mobile))  # fmt: skip

    def namesake_same_company(self) -> None:
        for _ in range(self.per // 2):
            held = self.pick(lambda p: (p.surname[0], p.given[0]) in COMMON and p.region == "CN")
            person = Person(held.surname, held.given, held.company, self.number())
            self.wecom_row("namesake_same_company", [], person, wecom_user=True,
                           remark=person.han if self.rng.random() < 0.5 else "",
                           remark_mobiles=self.written(person.mobile))  # fmt: skip

    def colleague_switchboard(self) -> None:
        for _ in range(self.per // 2):
            held = self.pick(lambda p: p.region == "CN" and p.contact["Phone Number"] and not p.direct_line)
            person = self.outsider(held.company)
            self.wecom_row("colleague_switchboard", [], person, remark=self.remark_in_han(person),
                           remark_mobiles=self.written(held.company.switchboard))  # fmt: skip

    def successor_work_mobile(self) -> None:
        for _ in range(self.per // 2):
            held = self.pick(lambda p: p.region == "CN")
            successor = self.outsider(held.company)
            if self.rng.random() < 0.3:  # now and then the same surname
                for _ in range(50):
                    given = self.rng.choice([g for g in GIVEN if g[0] != held.given[0]])
                    if (held.surname[2], "".join(given[2])) not in self.full_names_at(held.company):
                        successor.surname, successor.given = held.surname, given
                        break
            remark = (
                self.remark_in_han(successor) if self.rng.random() < 0.7 else self.remark_in_pinyin(successor)
            )
            self.wecom_row("successor_work_mobile", [], successor, remark=remark,
                           remark_mobiles=self.written(held.mobile))  # fmt: skip

    def romanisation_namesake(self) -> None:
        for _ in range(self.per // 2):
            held = self.pick(lambda p: p.region != "CN" and p.romanised()[0] != p.surname[2])
            company = self.rng.choice(self.mainland_companies())
            try:
                person = self.outsider(company, name=(held.surname[0], held.given[0]))
            except RuntimeError:
                continue
            self.wecom_row("romanisation_namesake", [], person, remark=person.han,
                           remark_mobiles=self.written(person.mobile))  # fmt: skip

    def not_in_crm(self) -> None:
        for _ in range(self.per * 2):
            company = (
                self.company() if self.rng.random() < 0.6 else self.rng.choice(self.mainland_companies())
            )
            person = self.outsider(company)
            wecom_user = self.rng.random() < 0.3
            remark = self.remark_in_han(person) if self.rng.random() < 0.75 else self.remark_in_pinyin(person)
            self.wecom_row("not_in_crm", [], person, wecom_user=wecom_user, remark=remark,
                           remark_mobiles=self.written(person.mobile) if self.rng.random() < 0.8 else "")  # fmt: skip

    def build(self) -> GeneratedCases:
        self.build_crm()
        for category in (
            self.common_namesake, self.namesake_same_company, self.colleague_switchboard, self.successor_work_mobile,
            self.romanisation_namesake, self.mobile_han_remark, self.mobile_pinyin_remark, self.western_name_mobile,
            self.wecom_user_company, self.hk_taiwan_mobile, self.direct_line, self.not_in_crm,
        ):  # fmt: skip
            category()
        self.rng.shuffle(self.cases)
        return GeneratedCases.shuffled(self.rng, self.crm_rows, self.cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# Splink reads HubSpot's first and last names as written and the remark split at its first space (a Han remark,
# written without one, is the surname column whole), the last nine digits of the mobile (else the office line)
# and of the first remarked number, the company (English or Chinese as written) and the city; WeCom has no email.
PERSON_SQL = {
    "crm": f"""
        SELECT "{CRM_ID}" AS unique_id,
               nullif(lower(trim("First Name")), '') AS first_name,
               nullif(lower(trim("Last Name")), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               nullif(right(regexp_replace(coalesce(nullif("Mobile Phone Number", ''), "Phone Number", ''),
                                           '[^0-9]', '', 'g'), 9), '') AS phone,
               nullif(lower(trim("Company Name")), '') AS company,
               CAST(NULL AS VARCHAR) AS zip,
               nullif(lower(trim("City")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{INBOUND_ID}" AS unique_id,
               nullif(lower(trim(split_part(coalesce(nullif("remark", ''), "name", ''), ' ', 2))), '') AS first_name,
               nullif(lower(trim(split_part(coalesce(nullif("remark", ''), "name", ''), ' ', 1))), '') AS last_name,
               CAST(NULL AS VARCHAR) AS email,
               nullif(right(regexp_replace(split_part(coalesce("remark_mobiles", ''), ',', 1),
                                           '[^0-9]', '', 'g'), 9), '') AS phone,
               nullif(lower(trim(coalesce(nullif("corp_full_name", ''), "remark_corp_name", ''))), '') AS company,
               CAST(NULL AS VARCHAR) AS zip,
               CAST(NULL AS VARCHAR) AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}


def person_model_em_on_phone():
    """Splink's person settings for a file with no email: the prior estimated on the mobile, EM sessions blocked
    on the mobile and on the surname with the company."""
    from splink import block_on

    settings, _ = _person_settings()
    return settings, [block_on("phone"), block_on("last_name", "company")], [block_on("phone")], 0.7, {}


SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="hubspot",
        inbound_file="wecom_customers",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id=INBOUND_ID,
        cli_options=[
            "--provider",
            "hubspot",
            "--object",
            "contacts",
            "--kind",
            "person",
            "--id-column",
            CRM_ID,
        ],
        splink_kind="person",
        sql=PERSON_SQL,
        source="HubSpot contacts (an exporter selling to China) <- a WeCom customer export",
        splink_model=person_model_em_on_phone,
    )
]


if __name__ == "__main__":
    run_generated("identity41", SUITES, seed=411, people=2400, orgs=0, per_category=40)
