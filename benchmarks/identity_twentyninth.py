"""A twenty-ninth record set: Salesforce Contacts in Japan linked from a business-card scanning service's export.

    python benchmarks/identity_twentyninth.py [--people 2000] [--per-category 40] [--seed 291] [--skip-splink]
                                              [--keep DIR]

The CRM side is a Salesforce Contact export of a company selling in Japan, under the API field names of the SOQL
query (Bulk API, Data Loader): `Id` (18 characters, "003..."), `AccountId`, `Account.Name`, `LastName`,
`FirstName`, `Title`, `Department`, `Email`, `Phone`, `MobilePhone`, `Fax`, `MailingPostalCode`,
`MailingState` (the prefecture), `MailingCity`, `MailingStreet`, `MailingCountry` ("日本", "Japan", "JP" or
blank), `OwnerId`, `CreatedDate`. People are written in kanji, `LastName` the family name and `FirstName` the
given name; a rep now and then typed the whole name, family name first, into `LastName` ("佐藤 太郎", with an
ideographic space or an ASCII one) and left `FirstName` blank, or typed the name in romaji ("Satoh" / "Taro").
`Account.Name` is the company's name with its legal form (株式会社, 有限会社, 合同会社) before or after the name as
the company writes it, abbreviated ("(株)東洋電機", "㈱東洋電機", "東洋電機(株)"), left out, or the English trading
name ("Toyo Denki Co., Ltd."). `Phone` holds the person's direct line, the department's line or the company's
representative number (代表, a switchboard many contacts share); `Fax` the company's fax. Numbers are written
"03-1234-5678", "0312345678", "03(1234)5678", "+81 3-1234-5678", "+81-90-1234-5678".

The inbound side is a business-card scanning service's export as Eight writes it (its CSV download; the
columns, in order: `会社名`, `部署名`, `役職`, `姓`, `名`, `e-mail`, `郵便番号`, `住所`, `TEL会社` (the representative
number printed on the card), `TEL部門` (the department's), `TEL直通` (the person's direct line), `Fax`,
`携帯電話`, `URL`, `名刺交換日`, and Eight's three flags `Eightでつながっている人`, `再データ化中の名刺`,
`'?'を含んだデータ`), with a `名刺ID` column in front (the harness needs an id a row; Eight writes none). A card is
entered as printed: the legal form where the company puts it, an address with the prefecture, a postcode in
full-width digits now and then, numbers and addresses in full-width characters where the data entry kept them
(every digit, letter, "@" and hyphen in its full-width form, as NFKC folds them); the English side of a card in romaji ("SATO" / "Taro",
Hepburn, passport "Satoh", word-processor "Satou", Kunrei "Syouta") with the English trading name.

Categories, each with its truth ("IN": the Salesforce contact, either of two when the CRM holds the person
twice; "OUT": nobody):
IN
- `card_email`: the person's card, the work address the CRM holds; the company written another way.
- `card_mobile`: the card's mobile is the one the CRM holds (another written form); the CRM has no address.
- `card_direct_line`: the card's direct line is the CRM's `Phone`; the CRM has no address nor mobile.
- `name_company_switchboard`: a card with the name, the company, its address and the representative number
  only (no address, no direct line, no mobile); the name is one CRM contact's at the company group.
- `rescanned_new_title`: the person's card scanned again after a promotion: new `役職` and `部署名`, same address.
- `transfer_group_company`: 異動: the person moved to a group company (parent or subsidiary): new company name,
  department, address at the group company's domain, the same mobile.
- `romaji_card`: the English side of the card: the name in romaji (any romanisation), the English trading
  name, the work address the CRM holds.
- `crm_romaji`: the CRM holds the name in romaji, the card in kanji; the address or the mobile agrees.
- `ocr_fullwidth`: the card's address and numbers in full-width characters.
- `crm_duplicate`: the CRM holds the person twice; either record is right.
OUT
- `namesake_colleague`: a colleague of a CRM contact with the same family name and a given name read alike but
  written otherwise (優子 / 裕子), or the very same name in another department with an address and mobile of
  his own; same company, same representative number.
- `successor_team_address`: the CRM holds a department's shared address (eigyo@, info@) as one contact's
  `Email`; the card is her successor's (another name), with that address.
- `shared_company_numbers`: a person the CRM does not hold, at a company whose representative number or
  department line one CRM contact has as `Phone`, and whose fax the CRM contacts hold: the card's `TEL会社`,
  `TEL部門` and `Fax`; an address of her own or none.
- `namesake_other_company`: a CRM contact's full name at another company, with its own address and numbers.
- `not_in_crm`: people the CRM does not hold, at known companies or others.

Fairness: every row has one truth its two records can tell. Full names in kanji are unique within a company
group in the CRM (but for its duplicates); a card's person outside the CRM never has a CRM contact's full name
at the same company group but the planted namesake colleagues, who carry an address and mobile of their own
(and a department of their own), beside a CRM record that holds its person's address and mobile; a successor shares no family name with her predecessor; a mobile and a direct
line are one person's; a representative number, a department line and a fax are their company's. A card whose
name is in romaji while the CRM's is in kanji (or the other way) always carries the address or the mobile the
CRM holds: its name can be read only by someone who reads kanji. Removed as unfair in drafts: a namesake
colleague beside a CRM record with no address or no mobile (main's first draft runs linked 3 such: the same
person moved to another desk with a new number would look alike), a
`name_company_switchboard` card of a name two group companies' contacts share (no one can tell which), and a
romaji card with no key ("Ono" is 大野 or 小野). Written from scratch (only `identity_quality`'s interfaces).
Every seed deterministic.
"""

import random
import string
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import phonenumbers

sys.path.insert(0, str(Path(__file__).resolve().parent))

from identity_quality import (
    GeneratedCase,
    GeneratedCases,
    GeneratedSuite,
    person_model_em_on_email,
    run_generated,
)

CRM_ID = "Id"
CRM_COLUMNS = [
    "Id",
    "AccountId",
    "Account.Name",
    "LastName",
    "FirstName",
    "Title",
    "Department",
    "Email",
    "Phone",
    "MobilePhone",
    "Fax",
    "MailingPostalCode",
    "MailingState",
    "MailingCity",
    "MailingStreet",
    "MailingCountry",
    "OwnerId",
    "CreatedDate",
]
INBOUND_ID = "名刺ID"
INBOUND_COLUMNS = [
    "名刺ID",
    "会社名",
    "部署名",
    "役職",
    "姓",
    "名",
    "e-mail",
    "郵便番号",
    "住所",
    "TEL会社",
    "TEL部門",
    "TEL直通",
    "Fax",
    "携帯電話",
    "URL",
    "名刺交換日",
    "Eightでつながっている人",
    "再データ化中の名刺",
    "'?'を含んだデータ",
]

# Family names (kanji, reading in word-processor romaji: a long vowel as "ou"/"oo"/"uu", "-" between morae
# that only look long: "ino-ue"), weighted as common as they are. 斎藤 / 斉藤 read alike, and so do 大野 / 小野
# in plain Hepburn ("Ono").
SURNAMES = [
    ("佐藤", "satou", 9), ("鈴木", "suzuki", 8), ("高橋", "takahashi", 7), ("田中", "tanaka", 7),
    ("伊藤", "itou", 5), ("渡辺", "watanabe", 5), ("山本", "yamamoto", 5), ("中村", "nakamura", 5),
    ("小林", "kobayashi", 4), ("加藤", "katou", 4), ("吉田", "yoshida", 4), ("山田", "yamada", 3),
    ("佐々木", "sasaki", 3), ("山口", "yamaguchi", 3), ("松本", "matsumoto", 3), ("井上", "ino-ue", 3),
    ("木村", "kimura", 3), ("林", "hayashi", 2), ("斎藤", "saitou", 2), ("清水", "shimizu", 2),
    ("山崎", "yamazaki", 2), ("森", "mori", 2), ("池田", "ikeda", 2), ("橋本", "hashimoto", 2),
    ("阿部", "abe", 2), ("石川", "ishikawa", 2), ("前田", "maeda", 2), ("藤田", "fujita", 2),
    ("後藤", "gotou", 2), ("近藤", "kondou", 2), ("遠藤", "endou", 1), ("青木", "aoki", 1),
    ("坂本", "sakamoto", 1), ("大野", "oono", 1), ("小野", "ono", 1), ("工藤", "kudou", 1),
    ("太田", "oota", 1), ("河野", "kouno", 1), ("斉藤", "saitou", 1), ("長谷川", "hasegawa", 1),
    ("村上", "murakami", 1), ("西村", "nishimura", 1), ("福田", "fukuda", 1), ("三浦", "miura", 1),
    ("岡本", "okamoto", 1), ("松田", "matsuda", 1), ("中川", "nakagawa", 1), ("原田", "harada", 1),
    ("小島", "kojima", 1), ("本田", "honda", 1), ("菅原", "sugawara", 1), ("上野", "ueno", 1),
    ("武田", "takeda", 1), ("千葉", "chiba", 1), ("新井", "arai", 1), ("宮本", "miyamoto", 1),
    ("内田", "uchida", 1), ("桜井", "sakurai", 1), ("野村", "nomura", 1), ("大塚", "ootsuka", 1),
]  # fmt: skip
# Given names; 優子 / 裕子 and 舞 / 麻衣 read alike.
GIVEN = [
    ("太郎", "tarou"), ("健太", "kenta"), ("翔太", "shouta"), ("大輔", "daisuke"), ("拓也", "takuya"),
    ("直樹", "naoki"), ("誠", "makoto"), ("浩二", "kouji"), ("雄一", "yuuichi"), ("健一", "ken-ichi"),
    ("純一", "jun-ichi"), ("和也", "kazuya"), ("達也", "tatsuya"), ("洋平", "youhei"), ("亮", "ryou"),
    ("隆", "takashi"), ("学", "manabu"), ("修", "osamu"), ("剛", "tsuyoshi"), ("悠斗", "yuuto"),
    ("翼", "tsubasa"), ("大樹", "daiki"), ("哲也", "tetsuya"), ("淳", "jun"), ("優子", "yuuko"),
    ("裕子", "yuuko"), ("恵子", "keiko"), ("美穂", "miho"), ("陽子", "youko"), ("彩", "aya"),
    ("真由美", "mayumi"), ("智子", "tomoko"), ("恵美", "emi"), ("愛", "ai"), ("舞", "mai"), ("麻衣", "mai"),
    ("香織", "kaori"), ("由美", "yumi"), ("直子", "naoko"), ("久美子", "kumiko"), ("明美", "akemi"),
    ("幸子", "sachiko"), ("千尋", "chihiro"), ("涼子", "ryouko"), ("結衣", "yui"), ("沙織", "saori"),
    ("美咲", "misaki"), ("奈々", "nana"),
]  # fmt: skip
ALIKE_GIVEN = {"優子": "裕子", "裕子": "優子", "舞": "麻衣", "麻衣": "舞"}

# Company names: a word a company is named after and a business (kanji or katakana, romaji, English).
PREFIXES = [
    ("東洋", "Toyo"), ("青葉", "Aoba"), ("北斗", "Hokuto"), ("大和", "Yamato"), ("瑞穂", "Mizuho"),
    ("富士見", "Fujimi"), ("光洋", "Koyo"), ("三栄", "San-ei"), ("平和", "Heiwa"), ("朝日", "Asahi"),
    ("白鷺", "Shirasagi"), ("中央", "Chuo"), ("丸和", "Maruwa"), ("湘南", "Shonan"), ("北陸", "Hokuriku"),
    ("双葉", "Futaba"), ("日進", "Nisshin"), ("昭和", "Showa"), ("大同", "Daido"), ("新光", "Shinko"),
    ("共栄", "Kyoei"), ("協和", "Kyowa"), ("太陽", "Taiyo"), ("明星", "Myojo"), ("若葉", "Wakaba"),
    ("千代田", "Chiyoda"), ("浪速", "Naniwa"), ("武蔵野", "Musashino"), ("信州", "Shinshu"), ("常盤", "Tokiwa"),
    ("菱和", "Ryowa"), ("東邦", "Toho"), ("南海", "Nankai"), ("関東", "Kanto"), ("極東", "Kyokuto"),
    ("日東", "Nitto"), ("三和", "Sanwa"), ("大成", "Taisei"), ("宝", "Takara"), ("アオイ", "Aoi"),
    ("ミライ", "Mirai"), ("サクラ", "Sakura"), ("ヒカリ", "Hikari"), ("ツバサ", "Tsubasa"), ("アスカ", "Asuka"),
    ("コスモ", "Cosmo"), ("ユニオン", "Union"), ("ネクスト", "Next"), ("グローバル", "Global"), ("北星", "Hokusei"),
]  # fmt: skip
BUSINESSES = [
    ("製作所", "Seisakusho", "Manufacturing"), ("電機", "Denki", "Electric"), ("システムズ", "Systems", "Systems"),
    ("物産", "Bussan", "Trading"), ("精機", "Seiki", "Precision"), ("商事", "Shoji", "Shoji"),
    ("化成", "Kasei", "Chemical"), ("工業", "Kogyo", "Industries"), ("運輸", "Unyu", "Logistics"),
    ("印刷", "Insatsu", "Printing"), ("技研", "Giken", "Engineering"), ("食品", "Shokuhin", "Foods"),
    ("建設", "Kensetsu", "Construction"), ("ソリューションズ", "Solutions", "Solutions"),
    ("電子", "Denshi", "Electronics"), ("薬品", "Yakuhin", "Pharmaceutical"), ("産業", "Sangyo", "Industry"),
]  # fmt: skip
GROUP_SUFFIXES = [
    ("サービス", "service", "Service"), ("テクノ", "techno", "Techno"), ("ロジスティクス", "logistics", "Logistics"),
    ("ビジネスサポート", "bs", "Business Support"), ("エンジニアリング", "eng", "Engineering"),
]  # fmt: skip
LEGAL = [
    ("株式会社", "(株)", "㈱", 0.85),
    ("有限会社", "(有)", "㈲", 0.08),
    ("合同会社", "(同)", "(同)", 0.07),
]
DEPARTMENTS = [
    ("営業部", "eigyo"), ("第一営業部", "eigyo1"), ("第二営業部", "eigyo2"), ("経理部", "keiri"),
    ("総務部", "soumu"), ("人事部", "jinji"), ("情報システム部", "jyoushi"), ("購買部", "koubai"),
    ("技術部", "gijutsu"), ("開発本部", "kaihatsu"), ("マーケティング部", "marketing"), ("経営企画部", "kikaku"),
    ("品質保証部", "qa"), ("海外事業部", "kaigai"), ("カスタマーサポート部", "support"),
]  # fmt: skip
TITLES = [
    "部長",
    "課長",
    "係長",
    "主任",
    "担当",
    "マネージャー",
    "課長代理",
    "リーダー",
    "執行役員",
    "取締役",
    "",
]
PROMOTION = {
    "担当": "主任",
    "主任": "係長",
    "係長": "課長代理",
    "課長代理": "課長",
    "課長": "部長",
    "部長": "執行役員",
}
TEAM_BOXES = ["eigyo", "info", "sales", "support", "contact", "order"]

# Prefecture, city, postcode's first three digits, area code and the digits after it (3 or 4), wards and towns.
PLACES = [
    ("東京都", "千代田区", "100", "3", 4, ("丸の内", "大手町", "神田錦町")),
    ("東京都", "中央区", "104", "3", 4, ("銀座", "八重洲", "日本橋本町")),
    ("東京都", "港区", "105", "3", 4, ("芝公園", "虎ノ門", "浜松町")),
    ("東京都", "新宿区", "160", "3", 4, ("西新宿", "新宿", "四谷")),
    ("東京都", "品川区", "141", "3", 4, ("大崎", "東五反田", "西品川")),
    ("大阪府", "大阪市北区", "530", "6", 4, ("梅田", "中之島", "堂島")),
    ("大阪府", "大阪市中央区", "541", "6", 4, ("本町", "北浜", "淡路町")),
    ("愛知県", "名古屋市中区", "460", "52", 3, ("栄", "丸の内", "錦")),
    ("神奈川県", "横浜市西区", "220", "45", 3, ("みなとみらい", "北幸", "高島")),
    ("福岡県", "福岡市博多区", "812", "92", 3, ("博多駅前", "祇園町", "店屋町")),
    ("北海道", "札幌市中央区", "060", "11", 3, ("北一条西", "大通西", "南一条西")),
]  # fmt: skip
BUILDINGS = ["センタービル", "第一ビル", "タワー", "ビルディング", "スクエア", "プラザ"]


def romaji(reading: str, style: str) -> str:
    """A reading (word-processor romaji, "-" between morae) in a romanisation: "hepburn" (long vowels
    written short: Sato, Ono, Yuko), "wapuro" (Satou, Oono, Yuuko), "passport" (Satoh, Ohno, Yuko) or
    "kunrei" (Satou -> Sato with si/ti/tu/hu/zi: "Syota", "Tuyosi")."""
    text = reading
    if style == "kunrei":
        for hepburn, kunrei in (("sh", "sy"), ("ch", "ty"), ("tsu", "tu"), ("fu", "hu"), ("j", "zy")):
            text = text.replace(hepburn, kunrei)
        text = text.replace("syi", "si").replace("tyi", "ti").replace("zyi", "zi")
    if style in ("hepburn", "kunrei"):
        text = text.replace("ou", "o").replace("oo", "o").replace("uu", "u")
    elif style == "passport":
        text = text.replace("ou", "oh").replace("oo", "oh").replace("uu", "u")
    return text.replace("-", "")


def full_width(text: str) -> str:
    """ASCII letters, digits and signs as their full-width forms (what NFKC folds back)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def salesforce_id(prefix: str, rng: random.Random) -> str:
    """An 18-character Salesforce id: the 15-character case-sensitive id and its case-folding checksum."""
    body = prefix + "9J0000" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(6))
    alphabet = string.ascii_uppercase + "012345"
    return body + "".join(
        alphabet[sum(1 << i for i, c in enumerate(chunk) if c.isupper())]
        for chunk in (body[0:5], body[5:10], body[10:15])
    )


@dataclass(eq=False)
class Company:
    core: str  # 東洋電機
    romaji: str  # Toyo Denki
    english: str  # Toyo Denki Co., Ltd.
    legal: tuple
    legal_first: bool
    domain: str
    place: tuple
    postcode: str
    street: str
    switchboard: str  # E.164
    fax: str
    account_id: str
    group: list = field(default_factory=list)  # the companies of its group, itself included
    people: list = field(default_factory=list)
    dept_lines: dict = field(default_factory=dict)  # department -> E.164
    email_style: str = "first.last"
    romanisation: str = "hepburn"

    @property
    def legal_name(self) -> str:
        return f"{self.legal[0]}{self.core}" if self.legal_first else f"{self.core}{self.legal[0]}"


@dataclass(eq=False)
class Person:
    last: str
    first: str
    last_reading: str
    first_reading: str
    company: Company
    department: str
    title: str
    email: str = ""
    direct: str = ""
    mobile: str = ""
    ids: tuple = ()
    rows: list = field(default_factory=list)

    @property
    def full(self) -> str:
        return self.last + self.first


class Generator:
    def __init__(self, seed: int, people: int, per_category: int) -> None:
        self.rng = random.Random(seed)
        self.target = people
        self.per_category = per_category
        self.companies: list[Company] = []
        self.persons: list[Person] = []
        self.crm_rows: list[dict] = []
        self.numbers: set[str] = set()
        self.used: set[int] = set()
        self.group_names: dict[int, set] = {}  # id(group leader) -> full names held in the CRM
        self.crm_full_names: set[str] = set()
        self.card_no = 100000 + seed * 1009
        self.emails: set[str] = set()

    # -- numbers, names, companies ---------------------------------------------------------------------------

    def number(self, place: tuple | None, *, mobile: bool = False, near: str = "") -> str:
        while True:
            if mobile:
                digits = self.rng.choice(("90", "80", "70")) + "".join(
                    self.rng.choice("0123456789") for _ in range(8)
                )
            elif near:
                digits = near[3:-2] + "".join(self.rng.choice("0123456789") for _ in range(2))
            else:
                area = place[3]
                digits = area + str(self.rng.randint(2, 9))
                digits += "".join(self.rng.choice("0123456789") for _ in range(8 - len(area)))
            text = "+81" + digits
            if text in self.numbers:
                continue
            parsed = phonenumbers.parse(text)
            if not phonenumbers.is_valid_number(parsed):
                continue
            kind = phonenumbers.number_type(parsed)
            if mobile != (kind == phonenumbers.PhoneNumberType.MOBILE):
                continue
            self.numbers.add(text)
            return text

    def written(self, e164: str, *, crm: bool) -> str:
        """A number as a rep (crm) or a card prints it."""
        parsed = phonenumbers.parse(e164)
        national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)  # 03-1234-5678
        roll = self.rng.random()
        if crm:
            if roll < 0.45:
                return national
            if roll < 0.6:
                return national.replace("-", "")
            if roll < 0.72:
                head, mid, tail = national.split("-")
                return f"{head}({mid}){tail}"
            if roll < 0.9:
                return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
            return "+81-" + national[1:]
        if roll < 0.8:
            return national
        if roll < 0.9:
            return "+81-" + national[1:]
        head, mid, tail = national.split("-")
        return f"({head}){mid}-{tail}"

    def pick_name(self, avoid: set[str] = frozenset()) -> tuple:
        while True:
            last, last_reading, _ = self.rng.choices(SURNAMES, [s[2] for s in SURNAMES])[0]
            first, first_reading = self.rng.choice(GIVEN)
            if last + first not in avoid:
                return last, first, last_reading, first_reading

    def new_company(self, used: set, *, parent: Company | None = None) -> Company:
        if parent is None:
            while True:
                prefix = self.rng.choice(PREFIXES)
                business = self.rng.choice(BUSINESSES)
                core = prefix[0] + business[0]
                if core not in used:
                    break
            rom = f"{prefix[1]} {business[1]}"
            english = f"{prefix[1]} {business[2]}" if self.rng.random() < 0.5 else rom
            domain_word = f"{prefix[1].lower().replace('-', '')}-{business[1].lower()}"
            place = self.rng.choice(PLACES)
        else:
            while True:
                suffix = self.rng.choice(GROUP_SUFFIXES)
                core = parent.core + suffix[0]
                if core not in used:
                    break
            rom = f"{parent.romaji} {suffix[2]}"
            english = rom
            domain_word = f"{parent.domain.split('.')[0]}-{suffix[1]}"
            place = parent.place if self.rng.random() < 0.5 else self.rng.choice(PLACES)
        used.add(core)
        legal = self.rng.choices(LEGAL, [form[3] for form in LEGAL])[0] if parent is None else LEGAL[0]
        ending = self.rng.choice(("Co., Ltd.", "Corporation", "Inc.", "Co., Ltd."))
        company = Company(
            core=core,
            romaji=rom,
            english=f"{english} {ending}",
            legal=legal,
            legal_first=self.rng.random() < 0.55,
            domain=f"{domain_word}.co.jp",
            place=place,
            postcode=f"{place[2]}-{self.rng.randint(0, 9999):04d}",
            street=f"{self.rng.choice(place[5])}{self.rng.randint(1, 5)}-{self.rng.randint(1, 20)}-"
            f"{self.rng.randint(1, 15)} {place[5][0][:2]}{self.rng.choice(BUILDINGS)}{self.rng.randint(2, 20)}F",
            switchboard="",
            fax="",
            account_id=salesforce_id("001", self.rng),
            email_style=self.rng.choice(("first.last", "last.first", "f.last", "last-first", "last_f")),
            romanisation=self.rng.choice(("hepburn", "hepburn", "wapuro", "passport")),
        )
        company.switchboard = self.number(place)
        company.fax = self.number(place, near=company.switchboard)
        return company

    def email_for(self, company: Company, last_reading: str, first_reading: str) -> str:
        last, first = romaji(last_reading, company.romanisation), romaji(first_reading, company.romanisation)
        local = {
            "first.last": f"{first}.{last}",
            "last.first": f"{last}.{first}",
            "f.last": f"{first[0]}.{last}",
            "last-first": f"{last}-{first}",
            "last_f": f"{last}_{first[0]}",
        }[company.email_style]
        n = 1
        address = f"{local}@{company.domain}"
        while address in self.emails:
            n += 1
            address = f"{local}{n}@{company.domain}"
        self.emails.add(address)
        return address

    def crm_company_name(self, company: Company) -> str:
        roll = self.rng.random()
        if roll < 0.45:
            return company.legal_name
        if roll < 0.7:
            short = self.rng.choice(company.legal[1:3])
            return f"{short}{company.core}" if company.legal_first else f"{company.core}{short}"
        if roll < 0.85:
            return company.core
        return company.english

    def card_company_name(self, company: Company) -> str:
        name = company.legal_name
        if self.rng.random() < 0.2:
            name = (
                f"{company.legal[0]} {company.core}"
                if company.legal_first
                else f"{company.core} {company.legal[0]}"
            )
        return name

    # -- the CRM ---------------------------------------------------------------------------------------------

    def build_crm(self) -> None:
        used: set = set()
        while len(self.persons) < self.target:
            parent = self.new_company(used)
            group = [parent]
            if self.rng.random() < 0.35:
                group.append(self.new_company(used, parent=parent))
            for company in group:
                company.group = group
                self.companies.append(company)
                names = self.group_names.setdefault(id(parent), set())
                for _ in range(self.rng.randint(3, 14)):
                    self.add_person(company, names)

    def add_person(self, company: Company, names: set) -> Person:
        last, first, last_reading, first_reading = self.pick_name(avoid=names)
        names.add(last + first)
        department = self.rng.choice(DEPARTMENTS)[0]
        if department not in company.dept_lines:
            company.dept_lines[department] = self.number(company.place, near=company.switchboard)
        person = Person(
            last=last,
            first=first,
            last_reading=last_reading,
            first_reading=first_reading,
            company=company,
            department=department,
            title=self.rng.choice(TITLES),
        )
        person.email = self.email_for(company, last_reading, first_reading)
        if self.rng.random() < 0.5:
            person.direct = self.number(company.place, near=company.switchboard)
        if self.rng.random() < 0.6:
            person.mobile = self.number(None, mobile=True)
        company.people.append(person)
        self.persons.append(person)
        self.crm_full_names.add(person.full)
        roll = self.rng.random()
        form = (
            "split"
            if roll < 0.75
            else "one_field"
            if roll < 0.88
            else "romaji"
            if roll < 0.96
            else "last_only"
        )
        person.crm_form = form
        self.write_crm(person, form)
        if self.rng.random() < 1 / 40:
            self.write_crm(person, "split", duplicate=True)
        return person

    def write_crm(self, person: Person, form: str, *, duplicate: bool = False) -> None:
        company = person.company
        last, first = person.last, person.first
        if form == "one_field":
            last, first = f"{person.last}{self.rng.choice(('　', ' '))}{person.first}", ""
        elif form == "romaji":
            style = self.rng.choice(("hepburn", "wapuro", "passport"))
            last = romaji(person.last_reading, style).capitalize()
            first = romaji(person.first_reading, style).capitalize()
            if self.rng.random() < 0.3:
                last = last.upper()
        elif form == "last_only":
            first = ""
        keep_email = self.rng.random() < 0.85 and not getattr(person, "no_crm_email", False)
        roll = self.rng.random()
        if person.direct and roll < 0.55:
            phone = person.direct
        elif roll < 0.8:
            phone = company.switchboard
        else:
            phone = company.dept_lines[person.department]
        record_id = salesforce_id("003", self.rng)
        person.ids = (*person.ids, record_id)
        country = self.rng.choice(("日本", "日本", "Japan", "JP", ""))
        row = {
            "Id": record_id,
            "AccountId": company.account_id,
            "Account.Name": self.crm_company_name(company),
            "LastName": last,
            "FirstName": first,
            "Title": person.title,
            "Department": person.department,
            "Email": person.email if keep_email else "",
            "Phone": self.written(phone, crm=True),
            "MobilePhone": self.written(person.mobile, crm=True)
            if person.mobile and self.rng.random() < 0.9
            else "",
            "Fax": self.written(company.fax, crm=True) if self.rng.random() < 0.6 else "",
            "MailingPostalCode": company.postcode if self.rng.random() < 0.8 else "",
            "MailingState": company.place[0],
            "MailingCity": company.place[1],
            "MailingStreet": company.street,
            "MailingCountry": country,
            "OwnerId": "005" + "9J0000" + "OwnerA" + "AAA",
            "CreatedDate": f"20{self.rng.randint(18, 24)}-{self.rng.randint(1, 12):02d}-"
            f"{self.rng.randint(1, 28):02d}T0{self.rng.randint(0, 9)}:00:00.000Z",
        }
        if duplicate:
            row["Email"] = "" if self.rng.random() < 0.5 else row["Email"]
        person.rows.append(row)
        self.crm_rows.append(row)

    def held(self, person: Person, column: str) -> str:
        return next((row[column] for row in person.rows if row[column]), "")

    def holds_mobile(self, person: Person) -> bool:
        return bool(person.mobile and self.held(person, "MobilePhone"))

    def holds_email(self, person: Person) -> bool:
        return bool(self.held(person, "Email"))

    def phone_holders(self, e164: str) -> list[Person]:
        """The people whose CRM `Phone` is this number (read once, after the CRM is written)."""
        if not hasattr(self, "_phone_index"):
            self._phone_index: dict[str, list[Person]] = {}
            for person in self.persons:
                for text in {row["Phone"] for row in person.rows if row["Phone"]}:
                    parsed = phonenumbers.parse(text, "JP")
                    key = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
                    self._phone_index.setdefault(key, []).append(person)
        return self._phone_index.get(e164, [])

    # -- cards -----------------------------------------------------------------------------------------------

    def pick(self, test=lambda p: True) -> Person | None:
        options = [p for p in self.persons if id(p) not in self.used and test(p)]
        if not options:
            return None
        person = self.rng.choice(options)
        self.used.add(id(person))
        return person

    def card(self, category: str, truth: tuple, **values) -> GeneratedCase:
        self.card_no += 1
        company: Company | None = values.pop("company", None)
        row = dict.fromkeys(INBOUND_COLUMNS[1:], "")
        if company is not None:
            row["会社名"] = self.card_company_name(company)
            row["郵便番号"] = company.postcode if self.rng.random() < 0.85 else f"〒{company.postcode}"
            row["住所"] = f"{company.place[0]}{company.place[1]}{company.street}"
            row["TEL会社"] = self.written(company.switchboard, crm=False) if self.rng.random() < 0.8 else ""
            row["Fax"] = self.written(company.fax, crm=False) if self.rng.random() < 0.7 else ""
            row["URL"] = f"https://www.{company.domain}/" if self.rng.random() < 0.6 else ""
        row.update(values)
        row["名刺交換日"] = (date(2025, 1, 6) + timedelta(days=self.rng.randint(0, 600))).strftime("%Y/%m/%d")
        row["Eightでつながっている人"] = "1" if self.rng.random() < 0.15 else ""
        return GeneratedCase(category=category, row=row, truth=truth)

    def person_values(self, person: Person, *, email=True, direct=True, mobile=True) -> dict:
        company = person.company
        values = {
            "company": company,
            "部署名": person.department,
            "役職": person.title,
            "姓": person.last,
            "名": person.first,
        }
        if email:
            values["e-mail"] = person.email
        if self.rng.random() < 0.6:
            values["TEL部門"] = self.written(company.dept_lines[person.department], crm=False)
        if direct and person.direct:
            values["TEL直通"] = self.written(person.direct, crm=False)
        if mobile and person.mobile:
            values["携帯電話"] = self.written(person.mobile, crm=False)
        return values

    # IN

    def card_email(self):
        person = self.pick(self.holds_email)
        if person is None:
            return None
        values = self.person_values(person, mobile=self.rng.random() < 0.5)
        if person.crm_form == "romaji":
            values["姓"], values["名"] = person.last, person.first
        return self.card("card_email", person.ids, **values)

    def card_mobile(self):
        person = self.pick(lambda p: self.holds_mobile(p) and not self.holds_email(p))
        if person is None:
            return None
        return self.card("card_mobile", person.ids, **self.person_values(person))

    def card_direct_line(self):
        person = self.pick(
            lambda p: (
                p.direct
                and not self.holds_email(p)
                and not self.holds_mobile(p)
                and any(row["Phone"] for row in p.rows)
                and self.phone_holders(p.direct) == [p]
            )
        )
        if person is None:
            return None
        return self.card("card_direct_line", person.ids, **self.person_values(person))

    def name_company_switchboard(self):
        def unique_in_group(p: Person) -> bool:
            names = [q.full for c in p.company.group for q in c.people]
            return names.count(p.full) == 1 and p.crm_form in ("split", "one_field")

        person = self.pick(unique_in_group)
        if person is None:
            return None
        values = self.person_values(person, email=False, direct=False, mobile=False)
        values.pop("TEL部門", None)
        case = self.card("name_company_switchboard", person.ids, **values)
        case.row["TEL会社"] = self.written(person.company.switchboard, crm=False)
        return case

    def rescanned_new_title(self):
        person = self.pick(lambda p: self.holds_email(p) and p.title in PROMOTION)
        if person is None:
            return None
        values = self.person_values(person)
        values["役職"] = PROMOTION[person.title]
        if self.rng.random() < 0.5:
            values["部署名"] = self.rng.choice([d for d, _ in DEPARTMENTS if d != person.department])
        return self.card("rescanned_new_title", person.ids, **values)

    def transfer_group_company(self):
        person = self.pick(
            lambda p: len(p.company.group) > 1 and self.holds_mobile(p) and p.crm_form != "romaji"
        )
        if person is None:
            return None
        target = next(c for c in person.company.group if c is not person.company)
        department = self.rng.choice(DEPARTMENTS)[0]
        if department not in target.dept_lines:
            target.dept_lines[department] = self.number(target.place, near=target.switchboard)
        values = {
            "company": target,
            "部署名": department,
            "役職": self.rng.choice(TITLES),
            "姓": person.last,
            "名": person.first,
            "e-mail": self.email_for(target, person.last_reading, person.first_reading),
            "携帯電話": self.written(person.mobile, crm=False),
        }
        if self.rng.random() < 0.4:
            values["TEL直通"] = self.written(self.number(target.place, near=target.switchboard), crm=False)
        return self.card("transfer_group_company", person.ids, **values)

    def romaji_card(self):
        person = self.pick(lambda p: self.holds_email(p) and p.crm_form != "romaji")
        if person is None:
            return None
        values = self.person_values(person)
        style = self.rng.choice(("hepburn", "wapuro", "passport", "kunrei"))
        last, first = romaji(person.last_reading, style), romaji(person.first_reading, style)
        values["姓"] = last.upper() if self.rng.random() < 0.4 else last.capitalize()
        values["名"] = first.capitalize()
        values["部署名"] = ""
        values["役職"] = self.rng.choice(
            ("Manager", "Director", "Sales Representative", "General Manager", "")
        )
        case = self.card("romaji_card", person.ids, **values)
        case.row["会社名"] = person.company.english
        case.row["住所"] = ""
        for column in ("TEL会社", "TEL部門", "TEL直通", "携帯電話", "Fax"):
            if case.row[column] and not case.row[column].startswith("+"):
                case.row[column] = "+81-" + case.row[column].lstrip("(").replace(")", "-")[1:]
        return case

    def crm_romaji(self):
        person = self.pick(lambda p: p.crm_form == "romaji" and (self.holds_email(p) or self.holds_mobile(p)))
        if person is None:
            return None
        values = self.person_values(person, email=self.holds_email(person))
        return self.card("crm_romaji", person.ids, **values)

    def ocr_fullwidth(self):
        person = self.pick(lambda p: self.holds_email(p) or self.holds_mobile(p))
        if person is None:
            return None
        values = self.person_values(person, email=self.holds_email(person))
        case = self.card("ocr_fullwidth", person.ids, **values)
        for column in ("e-mail", "携帯電話", "TEL直通", "TEL会社", "郵便番号", "住所"):
            if case.row[column] and self.rng.random() < 0.8:
                case.row[column] = full_width(case.row[column])
                if column != "e-mail" and self.rng.random() < 0.3:  # a number's dashes entered as hyphens
                    case.row[column] = case.row[column].replace("\uff0d", "\u2010")
        return case

    def crm_duplicate(self):
        person = self.pick(lambda p: len(p.ids) > 1 and (self.holds_email(p) or self.holds_mobile(p)))
        if person is None:
            return None
        return self.card("crm_duplicate", person.ids, **self.person_values(person))

    # OUT

    def namesake_colleague(self):
        # The holder's record has her address and mobile: a namesake's own tell them apart (a record with
        # neither could be the same person moved to another desk with a new number: no one could tell).
        holder = self.pick(
            lambda p: p.crm_form in ("split", "one_field") and self.holds_email(p) and self.holds_mobile(p)
        )
        if holder is None:
            return None
        company = holder.company
        names = self.group_names[id(company.group[0])]
        alike = ALIKE_GIVEN.get(holder.first)
        if alike and holder.last + alike not in names:
            first, first_reading = alike, holder.first_reading
            department = holder.department
        else:
            first, first_reading = holder.first, holder.first_reading
            department = self.rng.choice([d for d, _ in DEPARTMENTS if d != holder.department])
        if department not in company.dept_lines:
            company.dept_lines[department] = self.number(company.place, near=company.switchboard)
        values = {
            "company": company,
            "部署名": department,
            "役職": self.rng.choice(TITLES),
            "姓": holder.last,
            "名": first,
            "e-mail": self.email_for(company, holder.last_reading, first_reading),
            "携帯電話": self.written(self.number(None, mobile=True), crm=False),
        }
        if self.rng.random() < 0.5:
            values["TEL直通"] = self.written(self.number(company.place, near=company.switchboard), crm=False)
        case = self.card("namesake_colleague", (), **values)
        case.row["TEL会社"] = self.written(company.switchboard, crm=False)
        return case

    def successor_team_address(self):
        holder = self.pick(lambda p: p.crm_form in ("split", "one_field") and self.holds_email(p))
        if holder is None:
            return None
        company = holder.company
        box = f"{self.rng.choice(TEAM_BOXES)}@{company.domain}"
        if box in self.emails:
            return None
        self.emails.add(box)
        for row in holder.rows:
            if row["Email"]:
                row["Email"] = box
        avoid = self.group_names[id(company.group[0])] | self.crm_full_names
        while True:
            last, first, _, _ = self.pick_name(avoid=avoid)
            if last != holder.last:
                break
        values = {
            "company": company,
            "部署名": holder.department,
            "役職": holder.title,
            "姓": last,
            "名": first,
            "e-mail": box,
            "TEL部門": self.written(company.dept_lines[holder.department], crm=False),
        }
        return self.card("successor_team_address", (), **values)

    def shared_company_numbers(self):
        options = [
            c
            for c in self.companies
            if len(self.phone_holders(c.switchboard)) == 1
            or any(len(self.phone_holders(line)) == 1 for line in c.dept_lines.values())
        ]
        if not options:
            return None
        company = self.rng.choice(options)
        avoid = self.group_names[id(company.group[0])] | self.crm_full_names
        last, first, last_reading, first_reading = self.pick_name(avoid=avoid)
        department = self.rng.choice(list(company.dept_lines))
        values = {
            "company": company,
            "部署名": department,
            "役職": self.rng.choice(TITLES),
            "姓": last,
            "名": first,
            "TEL部門": self.written(company.dept_lines[department], crm=False),
        }
        if self.rng.random() < 0.5:
            values["e-mail"] = self.email_for(company, last_reading, first_reading)
        case = self.card("shared_company_numbers", (), **values)
        case.row["TEL会社"] = self.written(company.switchboard, crm=False)
        case.row["Fax"] = self.written(company.fax, crm=False)
        return case

    def namesake_other_company(self):
        holder = self.pick(lambda p: p.crm_form in ("split", "one_field"))
        if holder is None:
            return None
        others = [c for c in self.companies if c not in holder.company.group]
        company = self.rng.choice(others)
        if holder.full in self.group_names[id(company.group[0])]:
            return None
        values = {
            "company": company,
            "部署名": self.rng.choice(DEPARTMENTS)[0],
            "役職": self.rng.choice(TITLES),
            "姓": holder.last,
            "名": holder.first,
            "e-mail": self.email_for(company, holder.last_reading, holder.first_reading),
        }
        if self.rng.random() < 0.6:
            values["携帯電話"] = self.written(self.number(None, mobile=True), crm=False)
        return self.card("namesake_other_company", (), **values)

    def not_in_crm(self):
        if self.rng.random() < 0.5:
            company = self.rng.choice(self.companies)
        else:
            company = self.new_company({c.core for c in self.companies})
            company.group = [company]
            self.group_names[id(company)] = set()
        avoid = self.group_names[id(company.group[0])] | self.crm_full_names
        last, first, last_reading, first_reading = self.pick_name(avoid=avoid)
        values = {
            "company": company,
            "部署名": self.rng.choice(DEPARTMENTS)[0],
            "役職": self.rng.choice(TITLES),
            "姓": last,
            "名": first,
            "e-mail": self.email_for(company, last_reading, first_reading),
        }
        if self.rng.random() < 0.5:
            values["携帯電話"] = self.written(self.number(None, mobile=True), crm=False)
        if self.rng.random() < 0.4:
            values["TEL直通"] = self.written(self.number(company.place, near=company.switchboard), crm=False)
        return self.card("not_in_crm", (), **values)

    def build(self) -> GeneratedCases:
        self.build_crm()
        n = self.per_category
        makers = [
            # OUT first: they rewrite CRM rows (a predecessor's address) before any IN card reads them
            (self.successor_team_address, n * 3 // 4),
            (self.namesake_colleague, n),
            (self.shared_company_numbers, n * 3 // 4),
            (self.namesake_other_company, n // 2),
            (self.not_in_crm, 2 * n),
            (self.card_email, 3 * n),
            (self.card_mobile, n),
            (self.card_direct_line, n * 3 // 4),
            (self.name_company_switchboard, n),
            (self.rescanned_new_title, n * 3 // 4),
            (self.transfer_group_company, n * 3 // 4),
            (self.romaji_card, n * 3 // 4),
            (self.crm_romaji, n // 2),
            (self.ocr_fullwidth, n // 2),
            (self.crm_duplicate, n // 2),
        ]
        cases: list[GeneratedCase] = []
        for make, wanted in makers:
            made = tries = 0
            while made < wanted and tries < wanted * 10:
                tries += 1
                case = make()
                if case is not None:
                    cases.append(case)
                    made += 1
        self.rng.shuffle(cases)
        for n_case, case in enumerate(cases):
            case.external_id = f"BC{self.card_no + n_case:08d}"
        return GeneratedCases.shuffled(self.rng, self.crm_rows, cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# Splink reads 姓 / 名 and LastName / FirstName as they are (lower case), the address, the company's name, the
# last nine digits of the card's mobile, else its direct line (the CRM's mobile, else its phone), the postcode's
# digits and the prefecture as the city.
def _digits(column: str) -> str:
    return f"""nullif(right(regexp_replace({column}, '[^0-9]', '', 'g'), 9), '')"""


_CRM_PHONE = _digits("""coalesce(nullif("MobilePhone", ''), "Phone", '')""")
_CARD_PHONE = _digits("""coalesce(nullif("携帯電話", ''), "TEL直通", '')""")
PERSON_SQL = {
    "crm": f"""
        SELECT "{CRM_ID}" AS unique_id,
               nullif(lower(trim("FirstName")), '') AS first_name,
               nullif(lower(trim("LastName")), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               {_CRM_PHONE} AS phone,
               {{company}}("Account.Name") AS company,
               nullif(regexp_replace("MailingPostalCode", '[^0-9]', '', 'g'), '') AS zip,
               nullif(trim("MailingState"), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{INBOUND_ID}" AS unique_id,
               nullif(lower(trim("名")), '') AS first_name,
               nullif(lower(trim("姓")), '') AS last_name,
               nullif(lower(trim("e-mail")), '') AS email,
               {_CARD_PHONE} AS phone,
               {{company}}("会社名") AS company,
               nullif(regexp_replace("郵便番号", '[^0-9]', '', 'g'), '') AS zip,
               nullif(regexp_extract("住所", '^(.+?[都道府県])', 1), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}


SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="salesforce",
        inbound_file="eight_cards",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id=INBOUND_ID,
        cli_options=[
            "--provider",
            "salesforce",
            "--object",
            "Contact",
            "--kind",
            "person",
            "--id-column",
            CRM_ID,
        ],
        splink_kind="person",
        sql=PERSON_SQL,
        source="Salesforce Contacts (Japan) <- a business-card scanning service's export (Eight)",
        splink_model=person_model_em_on_email,
    )
]


if __name__ == "__main__":
    run_generated("identity29", SUITES, seed=291, people=2000, orgs=0, per_category=40)
