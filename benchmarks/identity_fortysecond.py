"""A forty-second record set: Salesforce Contacts of a company selling to Korea, linked from a Korean business-card
app's export.

    python benchmarks/identity_fortysecond.py [--people 2400] [--per-category 40] [--seed 421] [--skip-splink]
                                              [--keep DIR]

A European machine-tool maker sells to Korean manufacturers. Its CRM is Salesforce; its Seoul office keeps the
cards its engineers and sales staff collect in a Korean business-card app (Remember / 리멤버 is the common one;
typists enter each card as printed) and downloads them as an Excel/CSV file, which is linked to Salesforce.

The CRM side is a Salesforce Contacts report export under its UI labels: `Contact ID` (18 characters, "003..."),
`First Name`, `Last Name`, `Title`, `Account Name`, `Email`, `Phone` (a direct line, a team's line or the
company's switchboard, 대표번호), `Mobile`, `Mailing City`, `Mailing Country`, `Contact Owner`, `Created Date`.
Names as the European reps typed them: the person's own romanisation, given name first ("Min-jun" / "Kim"), the
given name joined, spaced or hyphenated ("Minjun", "Min Jun", "Min-Jun"), the family name in capitals ("KIM"),
the two swapped (the family name typed into `First Name`, as the card printed it first), the Western name a
buyer uses in business ("Daniel" / "Kim"), or Hangul ("민준" / "김") where a Korean colleague typed it. Family
names in the spelling the person uses (Lee / Yi / Rhee, Park / Pak, Choi / Choe, Jung / Chung / Jeong, Kim,
Kang / Gang, Cho / Jo, Yoon / Yun, Lim / Im, Shin / Sin, Kwon, Seo / Suh, Ahn, Oh, Ryu / Yoo, Hong, Song,
Hwang, Han, Jang / Chang); given names in the Revised Romanisation or the older spellings people keep
("Ji-hun" / "Ji-hoon", "Hyeon-u" / "Hyun-woo", "Yeong-su" / "Young-soo"). Account names in English ("Hansung
Precision Co., Ltd.") or Korean with the legal form where the company puts it ("(주)한성정밀", "주식회사 한성정밀",
"한성정밀(주)", "㈜한성정밀"). Mobiles are Korean mobiles (010 and eight digits) written "+82 10-1234-5678", "+82 (0)10
1234 5678", "82-10-1234-5678", "010-1234-5678" or "01012345678"; landlines Seoul numbers (02 and eight digits, "+82 2-...").
Mail at the company's domain (.co.kr) or at Naver, Daum / Hanmail or Kakao.

The inbound side is a Korean card-manager's Excel/CSV download under its Korean column labels, as the Korean
card apps write them (e.g. open-source card managers modelled on Remember's paid Excel export: `이름`, `영문이름`,
`회사`, `부서`, `직책`, `휴대폰`, `전화`, `팩스`, `이메일`, `웹사이트`, `주소`, `메모`, `등록일`), with a `명함ID` column in
front (the harness needs an id a row). Remember's own export header was not found by the search tool: the labels
are those of the card managers that were. A card is entered as printed: `이름` the name in Hangul ("김민준", no space),
`영문이름` the English side of a bilingual card when there is one ("Minjun Kim", "KIM MIN JUN", "Daniel M. Kim"),
`회사` the company in Korean with its legal form, `직책` the Korean title (과장, 차장, 부장, 팀장, 이사, 대리), `휴대폰`
written nationally ("010-1234-5678"), `전화` the landline the card prints (the person's direct line, the team's line
or the company's 대표번호), `팩스` the company's fax, `주소` a Seoul address.

Categories, each with its truth (the Salesforce contact, or none). IN:
- `card_mobile`: the card's Hangul name and the mobile Salesforce holds; Salesforce's name in the person's
  romanisation in any of its written forms; the card's e-mail a personal one or none.
- `card_work_email`: the work address Salesforce holds; the card's mobile is Salesforce's or Salesforce has none.
- `western_name_card`: Salesforce holds the buyer's Western name ("Daniel" / "Kim"); the card gives the Korean
  name, and the English side "Daniel Kim", "Daniel Minjun Kim" or nothing; the mobile.
- `crm_hangul`: Salesforce holds the name in Hangul ("민준" / "김"); the card printed only its English side (the
  name in the person's romanisation, `이름` empty) with the mobile.
- `direct_line`: the card prints the person's direct line (`전화`), which Salesforce holds as this contact's
  `Phone` (no other contact has it), no mobile.
OUT:
- `common_namesake`: a buyer with one of Korea's commonest names (김지훈, 이서연, 박민준, ...), which Salesforce
  holds for one to three other people at other companies; the buyer's own mobile and mail, another company.
- `namesake_same_company`: a second person of such a name at the company of a Salesforce contact of that name
  (a group with thousands of staff); own mobile, own address at the company's domain, the switchboard.
- `colleague_switchboard`: a person Salesforce does not hold, whose card prints the company's 대표번호, which one
  Salesforce contact at the company holds as `Phone`; another name, own mobile.
- `team_line_same_surname`: a teammate of a Salesforce contact with the same family name (박, 김, 이 are a
  fifth of Korea each) and another given name, whose card prints the team's line, which that contact holds
  as `Phone`; own mobile.
- `successor_team_mailbox`: Salesforce holds a team mailbox (sales@, purchase@) as one contact's `Email`; the
  card is the successor's (another name, now and then the same family name), with that mailbox.
- `not_in_crm`: new people, at known companies or others.

Fairness: every row has one truth a careful reader of the two records can tell. A mobile and a direct line are
one person's; a switchboard, a team's line, a fax and a team mailbox are shared; Hangul read by a reader of
Korean gives the person's own romanisation (the generator draws both from one table); full names are unique
within a company in Salesforce; a namesake at the same company carries a mobile and an address of his own, beside
a Salesforce contact who holds his own mobile and address. Not made: a row whose only evidence is a common name
and a company (no one can tell such rows apart), 류 / 유 (both "Yu"), two-syllable family names. Written from
scratch (only `identity_quality`'s and `generated_phones`' interfaces). Every seed deterministic.
"""

import random
import string
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneNumberType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generated_phones import fresh_number
from identity_quality import (
    GeneratedCase,
    GeneratedCases,
    GeneratedSuite,
    _person_settings,
    run_generated,
)

CRM_ID = "Contact ID"
CRM_COLUMNS = [
    CRM_ID, "First Name", "Last Name", "Title", "Account Name", "Email", "Phone", "Mobile", "Mailing City",
    "Mailing Country", "Contact Owner", "Created Date",
]  # fmt: skip
INBOUND_ID = "명함ID"
INBOUND_COLUMNS = [
    INBOUND_ID, "이름", "영문이름", "회사", "부서", "직책", "휴대폰", "전화", "팩스", "이메일", "웹사이트", "주소", "메모",
    "등록일",
]  # fmt: skip

# -- names ------------------------------------------------------------------------------------------------------

# Family name: Hangul, the spellings people use (the first the commonest), weight.
SURNAMES = [
    ("김", ["kim"], 21), ("이", ["lee", "yi", "rhee"], 15), ("박", ["park", "pak"], 8), ("최", ["choi", "choe"], 5),
    ("정", ["jung", "chung", "jeong"], 5), ("강", ["kang"], 2), ("조", ["cho", "jo"], 2), ("윤", ["yoon", "yun"], 2),
    ("장", ["jang", "chang"], 2), ("임", ["lim", "im"], 2), ("한", ["han"], 1), ("오", ["oh"], 1),
    ("서", ["seo", "suh"], 1), ("신", ["shin", "sin"], 1), ("권", ["kwon"], 1), ("황", ["hwang"], 1),
    ("안", ["ahn"], 1), ("송", ["song"], 1), ("류", ["ryu", "yoo"], 1), ("홍", ["hong"], 1),
]  # fmt: skip
# Given name: Hangul, syllables in the Revised Romanisation, syllables in the older spelling people keep, female.
GIVEN = [
    ("민준", ["min", "jun"], ["min", "joon"], False), ("서준", ["seo", "jun"], ["seo", "joon"], False),
    ("지훈", ["ji", "hun"], ["ji", "hoon"], False), ("현우", ["hyeon", "u"], ["hyun", "woo"], False),
    ("도현", ["do", "hyeon"], ["do", "hyun"], False), ("지호", ["ji", "ho"], ["ji", "ho"], False),
    ("성민", ["seong", "min"], ["sung", "min"], False), ("영수", ["yeong", "su"], ["young", "soo"], False),
    ("동현", ["dong", "hyeon"], ["dong", "hyun"], False), ("상철", ["sang", "cheol"], ["sang", "chul"], False),
    ("준영", ["jun", "yeong"], ["joon", "young"], False), ("재원", ["jae", "won"], ["jae", "won"], False),
    ("승우", ["seung", "u"], ["seung", "woo"], False), ("정호", ["jeong", "ho"], ["jung", "ho"], False),
    ("태현", ["tae", "hyeon"], ["tae", "hyun"], False), ("우진", ["u", "jin"], ["woo", "jin"], False),
    ("서연", ["seo", "yeon"], ["seo", "yeon"], True), ("지은", ["ji", "eun"], ["ji", "eun"], True),
    ("수빈", ["su", "bin"], ["soo", "bin"], True), ("민지", ["min", "ji"], ["min", "ji"], True),
    ("하은", ["ha", "eun"], ["ha", "eun"], True), ("예진", ["ye", "jin"], ["ye", "jin"], True),
    ("유진", ["yu", "jin"], ["yoo", "jin"], True), ("은영", ["eun", "yeong"], ["eun", "young"], True),
    ("혜진", ["hye", "jin"], ["hye", "jin"], True), ("지현", ["ji", "hyeon"], ["ji", "hyun"], True),
    ("미경", ["mi", "gyeong"], ["mi", "kyung"], True), ("수정", ["su", "jeong"], ["soo", "jung"], True),
    ("영희", ["yeong", "hui"], ["young", "hee"], True), ("소영", ["so", "yeong"], ["so", "young"], True),
]  # fmt: skip
# Korea's commonest full names: each held for several people (the hard negatives).
COMMON = [("김", "지훈"), ("이", "서연"), ("박", "민준"), ("김", "민준"), ("이", "지은"), ("김", "서연"), ("박", "지현"),
          ("최", "지훈"), ("정", "민지"), ("김", "현우"), ("이", "민준"), ("김", "지은")]  # fmt: skip
WESTERN = {False: ["Daniel", "David", "James", "Steve", "Kevin", "Chris", "Peter", "Andrew", "Brian", "Eric", "Paul",
                   "Michael", "Justin", "Sean", "John"],
           True: ["Grace", "Jenny", "Sarah", "Julia", "Christine", "Helen", "Amy", "Esther", "Sophie", "Rachel",
                  "Michelle", "Irene", "Anna", "Stella", "Claire"]}  # fmt: skip
TITLES_KO = ["대리", "과장", "차장", "부장", "팀장", "이사", "상무", "책임연구원", "선임연구원", "구매팀장"]
TITLES_EN = ["Assistant Manager", "Manager", "Deputy General Manager", "General Manager", "Team Leader", "Director",
             "Managing Director", "Principal Engineer", "Senior Engineer", "Purchasing Team Leader"]  # fmt: skip
DEPARTMENTS = ["구매팀", "설비기술팀", "생산기술팀", "품질보증팀", "연구소", "해외영업팀", "자재팀", "공무팀"]

# -- companies --------------------------------------------------------------------------------------------------

BRANDS = [("한성", "Hansung"), ("대한", "Daehan"), ("삼우", "Samwoo"), ("동양", "Dongyang"), ("세진", "Sejin"),
          ("우성", "Woosung"), ("태광", "Taekwang"), ("신영", "Shinyoung"), ("대성", "Daesung"), ("한일", "Hanil"),
          ("동진", "Dongjin"), ("성원", "Sungwon"), ("현대", "Hyundai"), ("금호", "Kumho"), ("영진", "Youngjin"),
          ("극동", "Kukdong"), ("선진", "Sunjin"), ("미래", "Mirae"), ("일진", "Iljin"), ("화승", "Hwaseung"),
          ("대양", "Daeyang"), ("삼익", "Samick"), ("한국", "Hankook"), ("동아", "Donga"), ("서한", "Seohan"),
          ("경인", "Kyungin"), ("진성", "Jinsung"), ("유진", "Eugene"), ("대원", "Daewon"), ("성진", "Sungjin"),
          ("광성", "Kwangsung"), ("우진", "Woojin"), ("신성", "Shinsung"), ("태양", "Taeyang"), ("정우", "Jungwoo"),
          ("대림", "Daelim"), ("한라", "Halla"), ("세원", "Sewon"), ("동원", "Dongwon"), ("아진", "Ajin")]  # fmt: skip
TRADES = [("정밀", "Precision", "prec"), ("중공업", "Heavy Industries", "hi"), ("기계", "Machinery", "mach"),
          ("전자", "Electronics", "elec"), ("산업", "Industrial", "ind"), ("테크", "Tech", "tech"),
          ("오토텍", "Autotech", "auto"), ("금속", "Metal", "metal"), ("화학", "Chemical", "chem"),
          ("엔지니어링", "Engineering", "eng"), ("시스템", "Systems", "sys"), ("소재", "Materials", "mat")]  # fmt: skip
DISTRICTS = ["강남구 테헤란로", "서초구 강남대로", "영등포구 국제금융로", "금천구 가산디지털1로", "구로구 디지털로", "중구 세종대로",
             "마포구 월드컵북로", "송파구 올림픽로"]  # fmt: skip
OWNERS = ["Anna Schulz", "Marco Bellini", "Sophie Martin", "Park Ji-won"]
FREE_MAIL = ["naver.com", "naver.com", "daum.net", "hanmail.net", "kakao.com", "gmail.com"]


@dataclass(eq=False)
class Company:
    core: str  # 한성정밀
    english: str  # Hansung Precision
    domain: str
    switchboard: str
    fax: str
    address: str
    large: bool = False
    team_line: str = ""
    team_mailbox: str = ""


@dataclass(eq=False)
class Person:
    surname: tuple  # a SURNAMES row
    given: tuple  # a GIVEN row
    company: Company
    mobile: str
    spelling: str = ""  # the family name as the person spells it
    older_given: bool = False  # the given name in the older spelling
    western: str = ""
    direct_line: str = ""
    email: str = ""
    contact: dict | None = None

    @property
    def hangul(self) -> str:
        return self.surname[0] + self.given[0]

    @property
    def key(self) -> tuple[str, str]:
        return self.surname[0], self.given[0]

    @property
    def female(self) -> bool:
        return self.given[3]

    def syllables(self) -> list[str]:
        return self.given[2] if self.older_given else self.given[1]


def written_given(syllables: list[str], how: str) -> str:
    """A given name's two syllables as written: joined ("Minjun"), hyphenated ("Min-jun", "Min-Jun") or spaced."""
    if how == "joined":
        return "".join(syllables).capitalize()
    if how == "hyphen":
        return "-".join(syllables).capitalize()
    if how == "Hyphen":
        return "-".join(s.capitalize() for s in syllables)
    return " ".join(s.capitalize() for s in syllables)


def salesforce_id(rng: random.Random) -> str:
    """An 18-character Salesforce Contact id: 15 case-sensitive characters and their case-folding checksum."""
    body = "0035g00000" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(5))
    alphabet = string.ascii_uppercase + "012345"
    return body + "".join(
        alphabet[sum(1 << i for i, c in enumerate(chunk) if c.isupper())]
        for chunk in (body[0:5], body[5:10], body[10:15])
    )


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
        self.ids: set[str] = set()
        self.card_ids: set[str] = set()
        self.used: set[int] = set()
        self.staff: dict[int, set[tuple[str, str]]] = {}  # a company's full names (Hangul) held or planted
        self.now = datetime(2026, 12, 1, 9, 0)

    # -- draws ------------------------------------------------------------------------------------------------

    def number(self, kind=PhoneNumberType.MOBILE) -> str:
        return fresh_number(
            self.rng, "KR", kind, self.numbers, random_digits=8 if kind == PhoneNumberType.MOBILE else 6
        )

    def crm_written(self, e164: str) -> str:
        """A number as a European rep types it: international, the trunk 0 in brackets, or as the card had it."""
        national = str(phonenumbers.parse(e164).national_number)
        if national.startswith("10"):
            a, b, c = national[:2], national[2:6], national[6:]
        else:  # Seoul: 2, then three or four digits, then four
            a, b, c = national[:1], national[1:-4], national[-4:]
        return self.rng.choice(
            [f"+82 {a}-{b}-{c}", f"+82 (0){a} {b} {c}", f"82-{a}-{b}-{c}", f"0{a}-{b}-{c}", f"+82{national}",
             f"+82 {a} {b} {c}"]
        )  # fmt: skip

    def card_written(self, e164: str) -> str:
        """A number as a Korean card prints it: nationally with the trunk 0 ("010-1234-5678"), now and then
        internationally ("+82 10-1234-5678", the trunk 0 dropped) or as bare digits."""
        national = str(phonenumbers.parse(e164).national_number)
        if national.startswith("10"):
            a, b, c = national[:2], national[2:6], national[6:]
        else:
            a, b, c = national[:1], national[1:-4], national[-4:]
        roll = self.rng.random()
        if roll < 0.7:
            return f"0{a}-{b}-{c}"
        if roll < 0.85:
            return self.rng.choice([f"+82 {a}-{b}-{c}", f"+82-{a}-{b}-{c}", f"+82 (0){a}-{b}-{c}"])
        return self.rng.choice([f"0{a}{b}{c}", f"0{a} {b} {c}", f"0{a}.{b}.{c}"])

    def contact_id(self) -> str:
        while (value := salesforce_id(self.rng)) in self.ids:
            pass
        self.ids.add(value)
        return value

    def card_id(self) -> str:
        while (value := str(self.rng.randint(10_000_000, 99_999_999))) in self.card_ids:
            pass
        self.card_ids.add(value)
        return value

    def unique_mail(self, candidates) -> str:
        for address in candidates:
            if address not in self.emails:
                self.emails.add(address)
                return address
        raise RuntimeError("no mailbox left")

    def work_mail(self, person: Person) -> str:
        surname, given = person.spelling, person.syllables()
        initials = "".join(s[0] for s in given)
        forms = [f"{''.join(given)}.{surname}", f"{initials}.{surname}", f"{surname}{initials}",
                 f"{surname}.{''.join(given)}", f"{initials}{surname}"]  # fmt: skip
        if person.western:
            forms.insert(0, f"{person.western.lower()}.{surname}")
        self.rng.shuffle(forms)
        domain = person.company.domain
        return self.unique_mail(
            [f"{f}@{domain}" for f in forms] + [f"{f}{n}@{domain}" for f in forms for n in range(2, 9)]
        )

    def free_mail(self, person: Person) -> str:
        given = person.syllables()
        initials = "".join(s[0] for s in given)
        stems = [f"{person.spelling}{initials}", f"{initials}{person.spelling}", "".join(given),
                 f"{person.spelling}{''.join(given)}"]  # fmt: skip
        return self.unique_mail(
            f"{self.rng.choice(stems)}{self.rng.randint(1, 9999)}@{self.rng.choice(FREE_MAIL)}"
            for _ in range(60)
        )

    # -- companies and people ---------------------------------------------------------------------------------

    def company(self, large: bool = False) -> Company:
        taken = {c.core for c in self.companies}
        for _ in range(500):
            brand, trade = self.rng.choice(BRANDS), self.rng.choice(TRADES)
            core = brand[0] + trade[0]
            if core not in taken:
                break
        else:
            raise RuntimeError("no company name left")
        english = f"{brand[1]} {trade[1]}"
        domain = f"{brand[1].lower()}{trade[2]}.{self.rng.choice(['co.kr', 'co.kr', 'com'])}"
        district = self.rng.choice(DISTRICTS)
        address = f"서울특별시 {district} {self.rng.randint(1, 400)} {self.rng.randint(2, 20)}층"
        company = Company(core, english, domain, self.number(PhoneNumberType.FIXED_LINE),
                          self.number(PhoneNumberType.FIXED_LINE), address, large)  # fmt: skip
        company.team_line = self.number(PhoneNumberType.FIXED_LINE)
        company.team_mailbox = self.unique_mail(
            [f"{box}@{domain}" for box in ("sales", "purchase", "buyer", "info", "trade")]
        )
        self.companies.append(company)
        return company

    def korean_name(self, company: Company) -> str:
        """The company as a Korean card or colleague writes it: the legal form where the company puts it."""
        core = company.core
        return self.rng.choice(
            [f"(주){core}", f"주식회사 {core}", f"{core}(주)", f"㈜{core}", f"{core} 주식회사", core]
        )

    def english_name(self, company: Company) -> str:
        return (
            f"{company.english} {self.rng.choice(['Co., Ltd.', 'Co., Ltd.', 'Corp.', 'Corporation', 'Inc.'])}"
        )

    def names_at(self, company: Company) -> set[tuple[str, str]]:
        return self.staff.setdefault(id(company), set())

    def new_person(self, company: Company, name: tuple | None = None, *, hold: bool = True) -> Person:
        taken = self.names_at(company)
        for _ in range(500):
            if name:
                surname = next(s for s in SURNAMES if s[0] == name[0])
                given = next(g for g in GIVEN if g[0] == name[1])
            else:
                surname = self.rng.choices(SURNAMES, weights=[s[2] for s in SURNAMES])[0]
                given = self.rng.choice(GIVEN)
            if (surname[0], given[0]) not in taken:
                break
        else:
            raise RuntimeError("no fresh name at the company")
        person = Person(surname, given, company, self.number())
        person.spelling = surname[1][0] if self.rng.random() < 0.75 else self.rng.choice(surname[1])
        person.older_given = self.rng.random() < 0.6
        if self.rng.random() < 0.25:
            person.western = self.rng.choice(WESTERN[person.female])
        if hold:
            self.people.append(person)
        self.names_at(company).add(person.key)
        return person

    def hold(self, person: Person) -> dict:
        """Write the person's Salesforce contact, the name as a European rep typed it."""
        surname, given = person.spelling, person.syllables()
        how = self.rng.choice(["joined", "hyphen", "Hyphen", "spaced"])
        style = self.rng.random()
        if person.western and style < 0.6:
            first, last = person.western, surname.capitalize()
        elif style < 0.5:
            first, last = written_given(given, how), surname.capitalize()
        elif style < 0.65:
            first, last = written_given(given, how), surname.upper()
        elif style < 0.78:
            first, last = surname.capitalize(), written_given(given, how)  # swapped: the family name first
        elif style < 0.9:
            first, last = person.given[0], person.surname[0]  # typed by a Korean colleague
        else:
            first, last = written_given(given, how), surname.capitalize()
        company = person.company
        phone = ""
        if person.direct_line:
            phone = person.direct_line
        elif self.rng.random() < 0.3:
            phone = company.switchboard
        person.email = self.work_mail(person) if self.rng.random() < 0.75 else self.free_mail(person)
        row = {
            CRM_ID: self.contact_id(),
            "First Name": first,
            "Last Name": last,
            "Title": self.rng.choice(TITLES_EN),
            "Account Name": self.english_name(company)
            if self.rng.random() < 0.6
            else self.korean_name(company),
            "Email": person.email if self.rng.random() < 0.85 else "",
            "Phone": self.crm_written(phone) if phone else "",
            "Mobile": self.crm_written(person.mobile) if self.rng.random() < 0.85 else "",
            "Mailing City": self.rng.choice(["Seoul", "Seoul", "서울", ""]),
            "Mailing Country": self.rng.choice(["South Korea", "Korea, Republic of", "KR", "Korea", ""]),
            "Contact Owner": self.rng.choice(OWNERS),
            "Created Date": (self.now - timedelta(days=self.rng.randint(30, 2_000))).strftime("%d/%m/%Y"),
        }
        person.contact = row
        self.crm_rows.append(row)
        return row

    def build_crm(self) -> None:
        for _ in range(12):  # groups with thousands of staff: many contacts each
            company = self.company(large=True)
            for _ in range(self.rng.randint(12, 20)):
                self.new_person(company)
        while len(self.people) < self.target:
            company = self.company()
            for _ in range(self.rng.choice([1, 2, 3, 4, 6, 9, 12])):
                self.new_person(company)
        for name in COMMON * 2:  # the common names, held at several companies
            company = self.rng.choice([c for c in self.companies if name not in self.names_at(c)])
            self.new_person(company, name)
        for person in self.people:
            if self.rng.random() < 0.15:
                person.direct_line = self.number(PhoneNumberType.FIXED_LINE)
            self.hold(person)
        # A switchboard, a team's line and a team mailbox are written on at most one contact of their company.
        for company in self.companies:
            staff = [p for p in self.people if p.company is company and p.contact]
            switchboard = [p for p in staff if p.contact["Phone"] and not p.direct_line]
            for person in switchboard[1:]:
                person.contact["Phone"] = ""
            rest = [p for p in staff if not p.contact["Phone"]]
            if rest and self.rng.random() < 0.4:
                self.rng.choice(rest).contact["Phone"] = self.crm_written(company.team_line)
            mailboxes = [p for p in staff if p.contact["Email"]]
            if mailboxes and self.rng.random() < 0.3:
                self.rng.choice(mailboxes).contact["Email"] = company.team_mailbox

    # -- the card export --------------------------------------------------------------------------------------

    def holds(self, person: Person, column: str, value: str) -> bool:
        contact = person.contact
        return bool(contact[column]) and (
            contact[column] == value
            or (value and phonenumbers.parse(value).national_number == self.national(contact[column]))
        )

    @staticmethod
    def national(written: str) -> int:
        try:
            return phonenumbers.parse(written, "KR").national_number
        except phonenumbers.NumberParseException:
            return -1

    def english_side(self, person: Person) -> str:
        """The English side of a bilingual card: the person's own romanisation, given name first mostly."""
        surname, given = person.spelling, person.syllables()
        g = written_given(given, self.rng.choice(["joined", "Hyphen", "spaced", "hyphen"]))
        if person.western and self.rng.random() < 0.7:
            g = self.rng.choice(
                [person.western, f"{person.western} {g}", f"{person.western} {given[0][0].upper()}."]
            )
        return self.rng.choice([f"{g} {surname.capitalize()}", f"{g} {surname.upper()}", f"{surname.upper()} {g}",
                                f"{surname.capitalize()} {g}"])  # fmt: skip

    def card(self, category: str, truth: list[str], person: Person, **fields) -> None:
        company = person.company
        scanned = self.now - timedelta(days=self.rng.randint(0, 900))
        row = {
            "이름": person.hangul,
            "영문이름": self.english_side(person) if self.rng.random() < 0.5 else "",
            "회사": self.korean_name(company),
            "부서": self.rng.choice(DEPARTMENTS),
            "직책": self.rng.choice(TITLES_KO),
            "휴대폰": self.card_written(person.mobile),
            "전화": self.card_written(person.direct_line or company.switchboard)
            if self.rng.random() < 0.6
            else "",
            "팩스": self.card_written(company.fax) if self.rng.random() < 0.5 else "",
            "이메일": "",
            "웹사이트": f"www.{company.domain}" if self.rng.random() < 0.4 else "",
            "주소": company.address,
            "메모": self.rng.choice(
                ["", "", "", "KIMEX 2025 부스 방문", "견적 요청", "SIMTOS 전시회", "기술 미팅"]
            ),
            "등록일": scanned.strftime("%Y-%m-%d"),
        }
        row.update(fields)
        case = GeneratedCase(category, row, tuple(truth))
        case.external_id = self.card_id()
        self.cases.append(case)

    def pick(self, test) -> Person:
        pool = [p for p in self.people if id(p) not in self.used and test(p)]
        person = self.rng.choice(pool)
        self.used.add(id(person))
        return person

    def plain(self, person: Person) -> bool:
        return person.key not in COMMON and not person.company.large

    def named_in_roman(self, person: Person) -> bool:
        return not person.contact["Last Name"][:1].isalpha() or person.contact["Last Name"].isascii()

    def western_held(self, person: Person) -> bool:
        return bool(person.western) and person.contact["First Name"] == person.western

    def shares_nothing(self, person: Person) -> bool:
        """Whether the contact's Phone and Email are its person's own (not a switchboard, team line or mailbox)."""
        contact, company = person.contact, person.company
        shared = {self.national(self.crm_written(n)) for n in (company.switchboard, company.team_line)}
        return self.national(contact["Phone"]) not in shared and contact["Email"] != company.team_mailbox

    # IN

    def card_mobile(self) -> None:
        for _ in range(self.per * 3):
            person = self.pick(
                lambda p: self.plain(p) and not self.western_held(p) and p.contact["Mobile"]
                and p.contact["Last Name"].isascii()
            )  # fmt: skip
            email = self.free_mail(person) if self.rng.random() < 0.4 else ""
            self.card("card_mobile", [person.contact[CRM_ID]], person, 이메일=email)

    def card_work_email(self) -> None:
        for _ in range(self.per):
            person = self.pick(
                lambda p: self.plain(p) and not self.western_held(p) and p.contact["Email"] == p.email
                and p.email.split("@")[1] == p.company.domain and p.contact["Last Name"].isascii()
            )  # fmt: skip
            mobile = self.card_written(person.mobile) if self.rng.random() < 0.5 else ""
            self.card("card_work_email", [person.contact[CRM_ID]], person, 이메일=person.email, 휴대폰=mobile)

    def western_name_card(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: self.plain(p) and self.western_held(p) and p.contact["Mobile"])
            surname = person.spelling.capitalize()
            english = self.rng.choice(
                [
                    f"{person.western} {surname}",
                    f"{person.western} {''.join(person.syllables()).capitalize()} {surname}",
                    "",
                ]
            )
            self.card("western_name_card", [person.contact[CRM_ID]], person, 영문이름=english)

    def crm_hangul(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(
                lambda p: self.plain(p) and not p.contact["Last Name"].isascii() and p.contact["Mobile"]
            )
            english = self.english_side(person)
            self.card("crm_hangul", [person.contact[CRM_ID]], person, 이름="", 영문이름=english)

    def direct_line(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.plain(p) and p.direct_line and not self.western_held(p))
            self.card("direct_line", [person.contact[CRM_ID]], person, 휴대폰="",
                      전화=self.card_written(person.direct_line))  # fmt: skip

    # OUT

    def outsider(self, company: Company, name: tuple | None = None) -> Person:
        """A person Salesforce does not hold, at `company`."""
        person = self.new_person(company, name, hold=False)
        person.email = self.work_mail(person) if self.rng.random() < 0.6 else self.free_mail(person)
        return person

    def common_namesake(self) -> None:
        for _ in range(self.per):
            held = self.pick(lambda p: p.key in COMMON)
            company = self.rng.choice([c for c in self.companies if held.key not in self.names_at(c)])
            person = self.outsider(company, held.key)
            self.card("common_namesake", [], person, 이메일=person.email if self.rng.random() < 0.7 else "")

    def namesake_same_company(self) -> None:
        for _ in range(self.per // 2):
            held = self.pick(
                lambda p: p.company.large and p.contact["Mobile"] and p.contact["Email"] == p.email
                and self.shares_nothing(p)
            )  # fmt: skip
            person = Person(held.surname, held.given, held.company, self.number())
            person.spelling, person.older_given = held.spelling, held.older_given
            person.email = self.work_mail(person)
            self.card("namesake_same_company", [], person, 이메일=person.email,
                      전화=self.card_written(held.company.switchboard))  # fmt: skip

    def colleague_switchboard(self) -> None:
        for _ in range(self.per // 2):
            held = self.pick(lambda p: p.contact["Phone"] and self.holds(p, "Phone", p.company.switchboard))
            person = self.outsider(held.company)
            self.card("colleague_switchboard", [], person, 전화=self.card_written(held.company.switchboard),
                      이메일=person.email if self.rng.random() < 0.5 else "")  # fmt: skip

    def team_line_same_surname(self) -> None:
        for _ in range(self.per // 2):
            held = self.pick(lambda p: p.contact["Phone"] and self.holds(p, "Phone", p.company.team_line))
            given = self.rng.choice(
                [g for g in GIVEN if (held.surname[0], g[0]) not in self.names_at(held.company)]
            )
            person = self.outsider(held.company, (held.surname[0], given[0]))
            self.card("team_line_same_surname", [], person, 전화=self.card_written(held.company.team_line),
                      이메일=person.email if self.rng.random() < 0.5 else "")  # fmt: skip

    def successor_team_mailbox(self) -> None:
        for _ in range(self.per // 2):
            pool = [
                p
                for p in self.people
                if id(p) not in self.used and p.contact["Email"] == p.company.team_mailbox
            ]
            if not pool:
                break
            held = self.rng.choice(pool)
            self.used.add(id(held))
            name = None
            if self.rng.random() < 0.3:
                given = [g for g in GIVEN if (held.surname[0], g[0]) not in self.names_at(held.company)]
                name = (held.surname[0], self.rng.choice(given)[0])
            person = self.outsider(held.company, name)
            self.card("successor_team_mailbox", [], person, 이메일=held.company.team_mailbox)

    def not_in_crm(self) -> None:
        for _ in range(self.per * 2):
            company = self.company() if self.rng.random() < 0.6 else self.rng.choice(self.companies)
            person = self.outsider(company)
            self.card("not_in_crm", [], person, 이메일=person.email if self.rng.random() < 0.7 else "",
                      휴대폰=self.card_written(person.mobile) if self.rng.random() < 0.9 else "")  # fmt: skip

    def build(self) -> GeneratedCases:
        self.build_crm()
        for category in (
            self.namesake_same_company, self.common_namesake, self.colleague_switchboard,
            self.team_line_same_surname, self.successor_team_mailbox, self.card_mobile, self.card_work_email,
            self.western_name_card, self.crm_hangul, self.direct_line, self.not_in_crm,
        ):  # fmt: skip
            category()
        self.rng.shuffle(self.cases)
        return GeneratedCases.shuffled(self.rng, self.crm_rows, self.cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# Splink reads Salesforce's first and last names as written and the card's English side split at its last space
# (else its Hangul name whole as the surname), the last nine digits of the mobile (else the landline), the email,
# the company as written and the city.
PERSON_SQL = {
    "crm": f"""
        SELECT "{CRM_ID}" AS unique_id,
               nullif(lower(trim("First Name")), '') AS first_name,
               nullif(lower(trim("Last Name")), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               nullif(right(regexp_replace(coalesce(nullif("Mobile", ''), "Phone", ''), '[^0-9]', '', 'g'), 9), '')
                   AS phone,
               nullif(lower(trim("Account Name")), '') AS company,
               CAST(NULL AS VARCHAR) AS zip,
               nullif(lower(trim("Mailing City")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{INBOUND_ID}" AS unique_id,
               nullif(lower(trim(regexp_replace(coalesce("영문이름", ''), ' [^ ]+$', ''))), '') AS first_name,
               nullif(lower(trim(coalesce(nullif(regexp_extract(coalesce("영문이름", ''), '[^ ]+$'), ''), "이름", ''))),
                      '') AS last_name,
               nullif(lower(trim("이메일")), '') AS email,
               nullif(right(regexp_replace(coalesce(nullif("휴대폰", ''), "전화", ''), '[^0-9]', '', 'g'), 9), '')
                   AS phone,
               nullif(lower(trim("회사")), '') AS company,
               CAST(NULL AS VARCHAR) AS zip,
               CAST('seoul' AS VARCHAR) AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}


def person_model_em_on_phone():
    """Splink's person settings, EM sessions blocked on the phone and on the email (a company written in two
    scripts is a poor block)."""
    from splink import block_on

    settings, (_, deterministic) = _person_settings()
    return settings, [block_on("phone"), block_on("email")], deterministic, 0.7, {}


SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="salesforce",
        inbound_file="card_export",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id=INBOUND_ID,
        cli_options=[
            "--provider",
            "salesforce",
            "--object",
            "contacts",
            "--kind",
            "person",
            "--id-column",
            CRM_ID,
        ],
        splink_kind="person",
        sql=PERSON_SQL,
        source="Salesforce Contacts (a company selling to Korea) <- a Korean business-card app's export",
        splink_model=person_model_em_on_phone,
    )
]


if __name__ == "__main__":
    run_generated("identity42", SUITES, seed=421, people=2400, orgs=0, per_category=40)
