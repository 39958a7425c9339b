"""A forty-sixth record set: HubSpot contacts of a building-materials distributor in Vietnam, linked from its
KiotViet customer export.

    python benchmarks/identity_fortysixth.py [--people 2400] [--per-category 40] [--seed 461] [--skip-splink]
                                             [--keep DIR]

A distributor of building materials (cement, steel, tiles, paint) in Ho Chi Minh City sells to contractors,
construction companies and hardware shops in the south and in Hanoi. Its key-account team works in HubSpot;
its showroom and warehouse counters sell through KiotViet, the point-of-sale software most Vietnamese shops
run, where the cashier types each customer's name and phone number. The KiotViet customer list is exported
and linked to HubSpot so that the team sees what its accounts buy at the counter.

The CRM side is a HubSpot contacts export under its UI labels (`Record ID`, `First Name`, `Last Name`, `Email`,
`Phone Number`, `Mobile Phone Number`, `Company Name`, `Job Title`, `City`, `Country/Region`, `Contact owner`,
`Create Date`, `Lifecycle Stage`, as the forty-first set's). Names as the team typed them: a Vietnamese name is
family name, middle name(s), given name ("Nguyễn Văn An", "Trần Thị Thu Hà"), and a person is called by the
given name, the last word; HubSpot holds it split in several ways ("An" / "Nguyễn Văn", "Văn An" / "Nguyễn",
the two swapped as the name is said, "Nguyễn" / "Văn An"), often without diacritics ("An" / "Nguyen", đ as d)
or in Western order. Mobiles written "0903 123 456", "+84 903 123 456", "84903123456", "0903.123.456"; a
contact created before Vietnam's 2018 mobile renumbering may still hold the old 11-digit number (0168 ... for
what is now 038 ...; the table as a public converter writes it: KingDarkness/phone11to10 `index.js`, Viettel
0162-0169 -> 032-039, MobiFone 0120 -> 070, 0121 -> 079, 0122 -> 077, 0126 -> 076, 0128 -> 078, VinaPhone
0123 -> 083, 0124 -> 084, 0125 -> 085, 0127 -> 081, 0129 -> 082, Vietnamobile 0186 -> 056, 0188 -> 058,
Gmobile 0199 -> 059). Office lines are Ho Chi Minh City (028) or Hanoi (024) landlines. Mail: Gmail and Yahoo
for most owners of small firms; company mailboxes of the Vietnamese form given name + initials of the family
and middle names (annv@ for Nguyễn Văn An).

The inbound side is KiotViet's customer export, under the column labels of its customer file (checked with the
search tool: lequangphu/google-workspace `docs/erp-mapping.md`, the 20 columns of KiotViet's
MauFileKhachHang.xlsx: `Loại khách`, `Mã khách hàng`, `Tên khách hàng`, `Điện thoại`, `Địa chỉ`, `Khu vực
giao hàng` ("Hồ Chí Minh - Quận 7"), `Phường/Xã`, `Công ty`, `Mã số thuế`, `Số CMND/CCCD`, `Ngày sinh`
(dd/MM/yyyy), `Giới tính` (Nam / Nữ), `Email`, `Facebook`, `Nhóm khách hàng`, `Ghi chú`, `Ngày giao dịch
cuối`, `Nợ cần thu hiện tại`, `Tổng bán`, `Trạng thái`; public importers of the full export also list
`Chi nhánh tạo`, `Người tạo` and `Ngày tạo`). `Mã khách hàng` ("KH000123") is the file's id column. Names as
a cashier types them: the whole name, with or without diacritics, now and then in capitals; or, as shops
write a regular customer, a form of address and the given name alone ("Anh Tuấn", "A. Tuấn", "Chị Hà", "C Hà",
"Cô Lan", "Chú Hùng": the public importer above tests a customer named "A Cường"). One number a customer: the
one the cashier asked for, the phone the customer also uses on Zalo; a family shop gives its one number for
everyone in it. Carriers hand a number unused for months to a new subscriber.

Categories, each with its truth (the HubSpot contact, or none). IN:
- `mobile_full_name`: the whole name (any writing) and the mobile HubSpot holds (another writing).
- `renumbered_mobile`: one side holds the old 11-digit number, the other the new 10-digit one; the name.
- `diacritics_order`: HubSpot holds the name without diacritics in Western order ("An Nguyen", "Van An Nguyen",
  đ as d); the counter's the whole name with them; the mobile.
- `work_email`: the address HubSpot holds, the name; a number HubSpot does not hold, or none.
- `honorific_given_name`: "Anh Tuấn", "Chị Hà" with the mobile HubSpot holds for that person.
OUT (truth none):
- `namesake_other_company`: one of Vietnam's commonest names (Nguyễn Văn Hùng, Nguyễn Thị Hương ...) held for
  someone at another firm; the customer's own mobile and firm.
- `namesake_same_company`: a second Nguyễn Văn Hùng at a large contractor where HubSpot holds the first: their
  own mobile and numbered mailbox (hungnv2@), the same company and address.
- `relative_shared_phone`: a family shop's one number, which HubSpot holds on the owner's contact, given at the
  counter by the owner's wife (her own family name: Vietnamese women keep theirs), son or brother (the owner's
  family name, another given name), written whole or as "Chị Lan", "Anh Khoa".
- `recycled_number`: a number HubSpot holds for a contact, now another subscriber's; another name.
- `not_in_crm`: customers HubSpot does not hold, at new or known firms.

Fairness: a careful reader of the two records can tell each row. A mobile is one person's but for the family
shops' numbers (the rows on them name another person) and the recycled ones (another name); full names are
unique within a company but for the planted namesakes, who have their own mobile and mailbox; an IN row always
has a key HubSpot holds (mobile, old or new number, or address); a form of address beside a given name names
that person only with the number HubSpot holds for someone of that given name. Not made: a row whose only
evidence is a common name and a company; numbers written with two in one cell. Written from scratch (only
`identity_quality`'s interfaces; numbers drawn here: `generated_phones` draws from a plan's example number, and
Vietnam's example is neither a renumbered mobile range nor a city's area code). Every seed deterministic.
"""

import random
import sys
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import phonenumbers

sys.path.insert(0, str(Path(__file__).resolve().parent))

from identity_quality import GeneratedCase, GeneratedCases, GeneratedSuite, _person_settings, run_generated

CRM_ID = "Record ID"
CRM_COLUMNS = [
    CRM_ID, "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number", "Company Name", "Job Title",
    "City", "Country/Region", "Contact owner", "Create Date", "Lifecycle Stage",
]  # fmt: skip
INBOUND_ID = "Mã khách hàng"
INBOUND_COLUMNS = [
    "Loại khách", "Chi nhánh tạo", INBOUND_ID, "Tên khách hàng", "Điện thoại", "Địa chỉ", "Khu vực giao hàng",
    "Phường/Xã", "Công ty", "Mã số thuế", "Số CMND/CCCD", "Ngày sinh", "Giới tính", "Email", "Facebook",
    "Nhóm khách hàng", "Ghi chú", "Người tạo", "Ngày tạo", "Ngày giao dịch cuối", "Nợ cần thu hiện tại",
    "Tổng bán", "Trạng thái",
]  # fmt: skip

# -- names ------------------------------------------------------------------------------------------------------

# Family names with their rough shares (Nguyễn about 38 %); Hoàng / Huỳnh and Vũ / Võ are northern and southern.
FAMILY = [("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 4), ("Huỳnh", 4), ("Phan", 4),
          ("Vũ", 3), ("Võ", 3), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 1), ("Ngô", 1), ("Dương", 1), ("Lý", 1),
          ("Trương", 1), ("Đinh", 1)]  # fmt: skip
MIDDLE = {False: ["Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Xuân", "Đình", "Hoàng"],
          True: ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Mỹ", "Kim", "Bích", "Thùy", "Phương"]}  # fmt: skip
GIVEN = {False: ["An", "Bình", "Cường", "Dũng", "Hùng", "Hải", "Hiếu", "Huy", "Khoa", "Long", "Minh", "Nam",
                 "Phong", "Phúc", "Quang", "Sơn", "Tâm", "Thắng", "Trung", "Tuấn", "Việt", "Vinh", "Đạt", "Khánh",
                 "Lâm", "Tài", "Toàn", "Thành", "Nghĩa", "Hoàng", "Lộc", "Tú", "Duy", "Hưng", "Kiên", "Thịnh"],
         True: ["Chi", "Dung", "Giang", "Hà", "Hằng", "Hạnh", "Hoa", "Hương", "Huyền", "Lan", "Linh", "Mai", "Nga",
                "Ngân", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo", "Trang", "Trinh", "Tuyết", "Vân", "Yến", "Thủy",
                "Loan", "Hiền", "Anh", "Nhi", "Uyên"]}  # fmt: skip
# Vietnam's commonest full names: each held for several people (the hard negatives).
COMMON = [("Nguyễn", "Văn", "Hùng"), ("Nguyễn", "Văn", "Nam"), ("Nguyễn", "Thị", "Hương"), ("Nguyễn", "Thị", "Lan"),
          ("Trần", "Văn", "Hải"), ("Nguyễn", "Văn", "Dũng"), ("Lê", "Văn", "Tuấn"), ("Nguyễn", "Thị", "Hà"),
          ("Phạm", "Văn", "Long"), ("Nguyễn", "Minh", "Tuấn"), ("Trần", "Thị", "Mai"), ("Nguyễn", "Văn", "Minh")]  # fmt: skip
# How a shop addresses a customer: (male forms, female forms), each with the cashier's short writing.
HONORIFICS = {False: ["Anh", "A.", "A", "Chú", "Anh"], True: ["Chị", "C.", "C", "Cô", "Chị"]}
JOBS = ["Giám đốc", "Chỉ huy trưởng", "Kỹ sư công trường", "Chủ cửa hàng", "Phụ trách mua hàng", "Kế toán",
        "Quản lý dự án"]  # fmt: skip
TITLES = [
    "Director",
    "Site Manager",
    "Site Engineer",
    "Shop Owner",
    "Purchasing",
    "Accountant",
    "Project Manager",
]


def plain(text: str) -> str:
    """Text without its diacritics, đ as d: how a keyboard without Vietnamese input writes it."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


# -- places and companies ---------------------------------------------------------------------------------------

HCMC = ("Hồ Chí Minh", ("Ho Chi Minh City", "HCMC", "TP.HCM", "Hồ Chí Minh", "Saigon"), "028",
        {"Quận 1": ["Phường Bến Nghé", "Phường Đa Kao"], "Quận 7": ["Phường Tân Phong", "Phường Tân Hưng"],
         "Quận Bình Thạnh": ["Phường 25", "Phường 26"], "Quận Tân Bình": ["Phường 2", "Phường 4"],
         "Thành phố Thủ Đức": ["Phường Thảo Điền", "Phường Linh Trung"], "Quận 12": ["Phường Tân Chánh Hiệp"],
         "Huyện Bình Chánh": ["Xã Bình Hưng", "Xã Vĩnh Lộc A"], "Quận Gò Vấp": ["Phường 10", "Phường 17"]})  # fmt: skip
HANOI = ("Hà Nội", ("Hanoi", "Ha Noi", "Hà Nội"), "024",
         {"Quận Cầu Giấy": ["Phường Dịch Vọng", "Phường Yên Hòa"], "Quận Đống Đa": ["Phường Láng Hạ"],
          "Quận Hoàng Mai": ["Phường Định Công"], "Quận Long Biên": ["Phường Bồ Đề"]})  # fmt: skip
BINH_DUONG = ("Bình Dương", ("Binh Duong", "Thu Dau Mot", "Bình Dương"), "0274",
              {"Thành phố Thủ Dầu Một": ["Phường Phú Hòa"], "Thành phố Dĩ An": ["Phường Dĩ An"]})  # fmt: skip
PROVINCES = [HCMC, HCMC, HCMC, HANOI, BINH_DUONG]
STREETS = ["Nguyễn Văn Linh", "Lê Văn Việt", "Điện Biên Phủ", "Cộng Hòa", "Phạm Văn Đồng", "Võ Văn Kiệt",
           "Nguyễn Thị Minh Khai", "Cách Mạng Tháng Tám", "Quang Trung", "Trường Chinh", "Lê Trọng Tấn",
           "Xa lộ Hà Nội", "Huỳnh Tấn Phát", "Nguyễn Hữu Thọ", "Kinh Dương Vương"]  # fmt: skip
BRANDS = ["Phú Thịnh", "Hưng Long", "Minh Phát", "Thành Công", "Đại Phong", "An Khang", "Tân Tiến", "Hòa Bình",
          "Vạn Phúc", "Kim Ngân", "Phước Lộc", "Đông Á", "Trường Sơn", "Hoàng Gia", "Sao Việt", "Nam Long",
          "Thiên Phú", "Bảo Minh", "Quang Vinh", "Tấn Đạt", "Hải Đăng", "Việt Hưng", "Đức Thành", "Phương Nam"]  # fmt: skip
BRAND_ENDINGS = ["", "", "Phát", "Lợi", "Thành", "Tiến", "Việt", "Sài Gòn", "Miền Nam", "Long", "An"]
TRADES = [("Xây dựng", "XD", "Construction", "xaydung"), ("Vật liệu xây dựng", "VLXD", "Building Materials", "vlxd"),
          ("Cơ điện", "CĐ", "M&E", "coDien"), ("Nội thất", "NT", "Interior", "noithat"),
          ("Đầu tư Xây dựng", "ĐTXD", "Investment & Construction", "dtxd")]  # fmt: skip
FORMS = [("Công ty TNHH", "Cty TNHH", "Co., Ltd"), ("Công ty Cổ phần", "Cty CP", "JSC"),
         ("Công ty TNHH MTV", "Cty TNHH MTV", "One Member Co., Ltd"), ("Cửa hàng", "CH", "Store")]  # fmt: skip
OWNERS = ["Trần Minh Quân", "Lê Thị Ngọc Bích", "Phạm Hoàng Nam", "Võ Thanh Trúc"]
BRANCHES = ["Chi nhánh trung tâm", "Kho Bình Chánh", "Showroom Quận 7"]
GROUPS = ["", "", "Nhà thầu", "Đại lý", "Khách lẻ", "VIP", "Công trình"]
NOTES = [
    "",
    "",
    "",
    "Giao hàng tận công trình",
    "Khách quen",
    "Công nợ 30 ngày",
    "Hay mua gạch ốp lát",
    "Gọi Zalo",
]
# Vietnam's 2018 mobile renumbering: the new three-digit prefix -> the old four-digit one.
RENUMBERED = {"032": "0162", "033": "0163", "034": "0164", "035": "0165", "036": "0166", "037": "0167",
              "038": "0168", "039": "0169", "070": "0120", "079": "0121", "077": "0122", "076": "0126",
              "078": "0128", "083": "0123", "084": "0124", "085": "0125", "081": "0127", "082": "0129",
              "056": "0186", "058": "0188", "059": "0199"}  # fmt: skip
OTHER_PREFIXES = ["090", "091", "093", "094", "096", "097", "098", "086", "088", "089"]


@dataclass(eq=False)
class Company:
    brand: str
    trade: tuple
    form: tuple
    province: tuple
    district: str
    ward: str
    street: str
    domain: str
    switchboard: str
    large: bool = False

    @property
    def vietnamese(self) -> str:
        return f"{self.form[0]} {self.trade[0]} {self.brand}"

    def written(self, rng) -> str:
        """The company as a cashier or a rep writes it: the registered name, its short form, without diacritics,
        or in English."""
        short = f"{self.form[1]} {self.trade[1]} {self.brand}"
        return rng.choice([self.vietnamese, short, plain(self.vietnamese), f"{plain(self.brand)} {self.trade[2]} {self.form[2]}",
                           f"{self.brand}"])  # fmt: skip


@dataclass(eq=False)
class Person:
    family: str
    middle: list
    given: str
    female: bool
    company: Company
    mobile: str  # E.164
    born: datetime
    mailbox: str = ""
    private: str = ""
    contact: dict | None = None
    old_number: bool = False  # the mobile is one of the renumbered, the person's since before 2018
    shop_owner: bool = False

    @property
    def full(self) -> str:
        return " ".join([self.family, *self.middle, self.given])

    @property
    def key(self) -> tuple:
        return (plain(self.family).lower(), plain(" ".join(self.middle)).lower(), plain(self.given).lower())


def old_form(e164: str) -> str:
    """The 11-digit number a renumbered mobile had before 2018 (national, with its trunk 0)."""
    national = "0" + e164[3:]
    return RENUMBERED[national[:3]] + national[3:]


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
        self.codes: set[str] = set()
        self.used: set[int] = set()
        self.now = datetime(2026, 12, 1, 9, 0)

    # -- draws ------------------------------------------------------------------------------------------------

    def mobile(self, renumbered: bool | None = None) -> str:
        """A Vietnamese mobile (E.164): one of the renumbered ranges or another; valid and never drawn twice."""
        if renumbered is None:
            renumbered = self.rng.random() < 0.45
        prefixes = list(RENUMBERED) if renumbered else OTHER_PREFIXES
        while True:
            national = self.rng.choice(prefixes) + "".join(str(self.rng.randint(0, 9)) for _ in range(7))
            parsed = phonenumbers.parse("+84" + national[1:])
            text = f"+84{national[1:]}"
            if phonenumbers.is_valid_number(parsed) and text not in self.numbers:
                self.numbers.add(text)
                return text

    def landline(self, province: tuple) -> str:
        """A switchboard in the province's area code (`generated_phones` keeps its plan's example's first two
        digits: Vietnam's is a 021x area)."""
        while True:
            area = province[2][1:]
            digits = area + "3" + "".join(str(self.rng.randint(0, 9)) for _ in range(10 - len(area) - 1))
            text = f"+84{digits}"
            if phonenumbers.is_valid_number(phonenumbers.parse(text)) and text not in self.numbers:
                self.numbers.add(text)
                return text

    def written(self, e164: str) -> str:
        """A number as people write it in Vietnam: 0 and national groups, +84 or 84 in front, dots or spaces."""
        national = e164[3:]
        if len(national) == 9 and national[0] in "35789":  # a mobile
            local = "0" + national
            forms = [local, f"{local[:4]} {local[4:7]} {local[7:]}", f"{local[:4]}.{local[4:7]}.{local[7:]}",
                     f"+84 {national[:2]} {national[2:5]} {national[5:]}", f"84{national}", f"+84{national}",
                     f"{local[:3]} {local[3:6]} {local[6:]}", f"(+84) {national[:3]}-{national[3:6]}-{national[6:]}"]  # fmt: skip
        else:  # a landline: (028) 3822 1234
            area = national[:2] if national.startswith("2") and national[:2] in ("28", "24") else national[:3]
            rest = national[len(area) :]
            forms = [f"(0{area}) {rest[:4]} {rest[4:]}", f"0{area} {rest}", f"+84 {area} {rest[:4]} {rest[4:]}",
                     f"0{area}.{rest[:4]}.{rest[4:]}"]  # fmt: skip
        return self.rng.choice(forms)

    def written_old(self, e164: str) -> str:
        old = old_form(e164)
        return self.rng.choice([old, f"{old[:4]} {old[4:7]} {old[7:]}", f"+84 {old[1:4]} {old[4:7]} {old[7:]}",
                                f"{old[:4]}.{old[4:7]}.{old[7:]}"])  # fmt: skip

    def record_id(self) -> str:
        while (value := str(self.rng.randint(100_000_000, 999_999_999))) in self.record_ids:
            pass
        self.record_ids.add(value)
        return value

    def customer_code(self) -> str:
        while (value := f"KH{self.rng.randint(1, 999_999):06d}") in self.codes:
            pass
        self.codes.add(value)
        return value

    def mailboxes(self, person: Person, numbered: bool = False) -> None:
        family, given = plain(person.family).lower(), plain(person.given).lower()
        initials = "".join(plain(w)[0].lower() for w in [person.family, *person.middle])
        middle = plain("".join(person.middle)).lower()
        for _ in range(80):
            work = self.rng.choice([f"{given}{initials}", f"{given}.{initials}", f"{given}.{family}"])
            if numbered:
                work += str(self.rng.randint(2, 9))
            address = f"{work}@{person.company.domain}"
            if address not in self.emails:
                self.emails.add(address)
                person.mailbox = address
                break
        for _ in range(80):
            local = self.rng.choice([f"{family}{middle}{given}", f"{given}{family}", f"{family}{given}",
                                     f"{given}.{family}"]) + self.rng.choice(["", str(person.born.year), str(person.born.year % 100),
                                                                              ".hcm", str(self.rng.randint(1, 999))])  # fmt: skip
            address = f"{local}@{self.rng.choice(['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.com', 'yahoo.com.vn'])}"
            if address not in self.emails:
                self.emails.add(address)
                person.private = address
                return

    # -- companies and people ---------------------------------------------------------------------------------

    def company(self, large: bool = False) -> Company:
        taken = {c.vietnamese for c in self.companies}
        for _ in range(500):
            brand = f"{self.rng.choice(BRANDS)} {self.rng.choice(BRAND_ENDINGS)}".strip()
            trade, form = self.rng.choice(TRADES), self.rng.choice(FORMS)
            if large:
                form = FORMS[1]
            name = f"{form[0]} {trade[0]} {brand}"
            if name not in taken:
                break
        else:
            raise RuntimeError("no company name left")
        province = self.rng.choice(PROVINCES)
        district = self.rng.choice(list(province[3]))
        ward = self.rng.choice(province[3][district])
        domain = f"{plain(brand).replace(' ', '').lower()}{trade[3].lower()}{self.rng.randint(1, 99)}.{self.rng.choice(['com.vn', 'vn', 'com'])}"
        street = f"{self.rng.randint(1, 899)} {self.rng.choice(STREETS)}"
        company = Company(
            brand, trade, form, province, district, ward, street, domain, self.landline(province), large
        )
        self.companies.append(company)
        return company

    def names_at(self, company: Company) -> set[tuple]:
        return {p.key for p in self.people if p.company is company}

    def draw_name(self, female: bool) -> tuple[str, list[str], str]:
        family = self.rng.choices([f for f, _ in FAMILY], weights=[w for _, w in FAMILY])[0]
        middle = [self.rng.choice(MIDDLE[female])]
        if female and self.rng.random() < 0.3:
            middle.append(self.rng.choice(["Thu", "Ngọc", "Kim", "Mỹ", "Thanh", "Bảo"]))
        elif not female and self.rng.random() < 0.12:
            middle.append(self.rng.choice(["Minh", "Quốc", "Thanh", "Anh"]))
        if middle[-1] == middle[0] and len(middle) == 2:
            middle = middle[:1]
        return family, middle, self.rng.choice(GIVEN[female])

    def person(
        self, company: Company, name: tuple | None = None, female: bool | None = None, **options
    ) -> Person:
        for _ in range(500):
            if name:
                family, middle, given = name[0], [name[1]], name[2]
                sex = name[1] == "Thị" if female is None else female
            else:
                sex = self.rng.random() < 0.4 if female is None else female
                family, middle, given = self.draw_name(sex)
            born = datetime(1965, 1, 1) + timedelta(days=self.rng.randint(0, 365 * 35))
            candidate = Person(
                family, middle, given, sex, company, self.mobile(options.get("renumbered")), born
            )
            if candidate.key not in self.names_at(company):
                break
            self.numbers.discard(candidate.mobile)
        else:
            raise RuntimeError("no fresh name at the company")
        self.mailboxes(candidate, numbered=options.get("numbered", False))
        self.people.append(candidate)
        return candidate

    def crm_names(self, person: Person) -> tuple[str, str]:
        """The name as the team typed it into HubSpot's first and last name fields."""
        middle = " ".join(person.middle)
        roll = self.rng.random()
        if roll < 0.35:
            first, last = person.given, f"{person.family} {middle}"
        elif roll < 0.6:
            first, last = f"{middle} {person.given}", person.family
        elif roll < 0.72:
            first, last = person.family, f"{middle} {person.given}"  # typed in the order the name is said
        elif roll < 0.86:
            first, last = person.given, person.family
        else:
            first, last = f"{person.given}", f"{person.family} {middle}"
        if self.rng.random() < 0.35:
            first, last = plain(first), plain(last)
        return first, last

    def hold(self, person: Person, names: tuple[str, str] | None = None) -> dict:
        company = person.company
        first, last = names or self.crm_names(person)
        created = self.now - timedelta(days=self.rng.randint(30, 3_600))
        if person.old_number:
            created = datetime(2012, 1, 1) + timedelta(days=self.rng.randint(0, 2_000))
        row = {
            CRM_ID: self.record_id(),
            "First Name": first,
            "Last Name": last,
            "Email": (person.mailbox if self.rng.random() < 0.6 else person.private)
            if self.rng.random() < 0.8
            else "",
            "Phone Number": self.written(company.switchboard) if self.rng.random() < 0.25 else "",
            "Mobile Phone Number": self.written_old(person.mobile)
            if person.old_number
            else self.written(person.mobile),
            "Company Name": company.written(self.rng),
            "Job Title": self.rng.choice(TITLES) if self.rng.random() < 0.6 else "",
            "City": self.rng.choice(company.province[1]),
            "Country/Region": self.rng.choice(["Vietnam", "Vietnam", "Viet Nam", "Vietnam"]),
            "Contact owner": self.rng.choice(OWNERS),
            "Create Date": created.strftime("%Y-%m-%d %H:%M"),
            "Lifecycle Stage": self.rng.choice(["Lead", "Opportunity", "Customer", "Customer"]),
        }
        person.contact = row
        self.crm_rows.append(row)
        return row

    def build_crm(self) -> None:
        for _ in range(6):
            self.company(large=True)
        while len(self.people) < self.target:
            company = self.company()
            for _ in range(self.rng.choice([1, 1, 2, 3, 4])):
                self.person(company)
        for company in [c for c in self.companies if c.large]:
            for _ in range(25):
                self.person(company)
        for name in COMMON * 3:  # the common names, held at several firms
            company = self.rng.choice([c for c in self.companies if (plain(name[0]).lower(), plain(name[1]).lower(),
                                                                      plain(name[2]).lower()) not in self.names_at(c)])  # fmt: skip
            self.person(company, name)
        shops = [c for c in self.companies if c.form[0] == "Cửa hàng"]
        for company in shops:  # a family shop: its owner's mobile is the shop's one number
            owner = next((p for p in self.people if p.company is company), None)
            if owner:
                owner.shop_owner = True
        for person in self.people:
            renumbered = person.mobile[3:5] in {k[1:] for k in RENUMBERED}
            person.old_number = renumbered and self.rng.random() < 0.3
            self.hold(person)

    # -- the KiotViet export ----------------------------------------------------------------------------------

    def pick(self, test) -> Person:
        pool = [p for p in self.people if id(p) not in self.used and p.contact and test(p)]
        person = self.rng.choice(pool)
        self.used.add(id(person))
        return person

    def counter_name(self, person: Person) -> str:
        roll = self.rng.random()
        if roll < 0.7:
            return person.full
        if roll < 0.8:
            return person.full.upper()
        return plain(person.full)

    def honorific(self, person: Person) -> str:
        form = self.rng.choice(HONORIFICS[person.female])
        given = person.given if self.rng.random() < 0.8 else plain(person.given)
        return f"{form} {given}"

    def customer(self, category: str, truth: list[str], person: Person, **fields) -> None:
        company = person.company
        shop_customer = company.form[0] == "Cửa hàng" or self.rng.random() < 0.5
        created = self.now - timedelta(days=self.rng.randint(0, 1_800))
        row = {
            "Loại khách": "Cá nhân" if shop_customer else self.rng.choice(["Cá nhân", "Công ty"]),
            "Chi nhánh tạo": self.rng.choice(BRANCHES),
            "Tên khách hàng": self.counter_name(person),
            "Điện thoại": "",
            "Địa chỉ": company.street if self.rng.random() < 0.7 else "",
            "Khu vực giao hàng": f"{company.province[0]} - {company.district}"
            if self.rng.random() < 0.8
            else "",
            "Phường/Xã": company.ward if self.rng.random() < 0.6 else "",
            "Công ty": company.written(self.rng) if self.rng.random() < 0.6 else "",
            "Mã số thuế": f"03{self.rng.randint(10_000_000, 99_999_999)}" if self.rng.random() < 0.2 else "",
            "Số CMND/CCCD": "",
            "Ngày sinh": person.born.strftime("%d/%m/%Y") if self.rng.random() < 0.3 else "",
            "Giới tính": ("Nữ" if person.female else "Nam") if self.rng.random() < 0.7 else "",
            "Email": "",
            "Facebook": "",
            "Nhóm khách hàng": self.rng.choice(GROUPS),
            "Ghi chú": self.rng.choice(NOTES),
            "Người tạo": self.rng.choice(["admin", "thungan1", "thungan2", "kho.binhchanh"]),
            "Ngày tạo": created.strftime("%d/%m/%Y %H:%M"),
            "Ngày giao dịch cuối": (created + timedelta(days=self.rng.randint(0, 300))).strftime("%d/%m/%Y"),
            "Nợ cần thu hiện tại": str(self.rng.choice([0, 0, 0, self.rng.randint(1, 500) * 100_000])),
            "Tổng bán": str(self.rng.randint(1, 9_000) * 10_000),
            "Trạng thái": "1",
        }
        row.update(fields)
        case = GeneratedCase(category, row, tuple(truth))
        case.external_id = self.customer_code()
        self.cases.append(case)

    def plain_person(self, person: Person) -> bool:
        return (person.family, person.middle[0], person.given) not in COMMON and not person.shop_owner

    # IN

    def mobile_full_name(self) -> None:
        for _ in range(self.per * 2):
            person = self.pick(lambda p: self.plain_person(p) and not p.old_number)
            self.customer("mobile_full_name", [person.contact[CRM_ID]], person,
                          **{"Điện thoại": self.written(person.mobile)})  # fmt: skip

    def renumbered_mobile(self) -> None:
        for index in range(self.per):
            person = self.pick(
                lambda p: self.plain_person(p) and p.mobile[3:5] in {k[1:] for k in RENUMBERED}
            )
            if index % 2 == 0 and not person.old_number:  # the counter kept the old number, HubSpot the new
                number = self.written_old(person.mobile)
            else:  # HubSpot holds the old number, the counter the new one
                if not person.old_number:
                    person.old_number = True
                    person.contact["Mobile Phone Number"] = self.written_old(person.mobile)
                number = self.written(person.mobile)
            self.customer("renumbered_mobile", [person.contact[CRM_ID]], person, **{"Điện thoại": number})

    def diacritics_order(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.plain_person(p) and not p.old_number)
            middle = plain(" ".join(person.middle))
            first = self.rng.choice([plain(person.given), f"{middle} {plain(person.given)}"])
            person.contact["First Name"], person.contact["Last Name"] = first, plain(person.family)
            self.customer("diacritics_order", [person.contact[CRM_ID]], person,
                          **{"Tên khách hàng": person.full, "Điện thoại": self.written(person.mobile)})  # fmt: skip

    def work_email(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.plain_person(p) and p.contact["Email"])
            other = self.mobile() if self.rng.random() < 0.5 else ""
            self.customer("work_email", [person.contact[CRM_ID]], person,
                          **{"Email": person.contact["Email"], "Điện thoại": self.written(other) if other else ""})  # fmt: skip

    def honorific_given_name(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.plain_person(p) and not p.old_number)
            self.customer("honorific_given_name", [person.contact[CRM_ID]], person,
                          **{"Tên khách hàng": self.honorific(person), "Điện thoại": self.written(person.mobile)})  # fmt: skip

    # OUT

    def outsider(self, company: Company, name: tuple | None = None, **options) -> Person:
        person = self.person(company, name, **options)
        self.people.remove(person)
        return person

    def namesake_other_company(self) -> None:
        for _ in range(self.per):
            held = self.rng.choice(
                [p for p in self.people if p.contact and (p.family, p.middle[0], p.given) in COMMON]
            )
            company = self.rng.choice(
                [c for c in self.companies if c is not held.company and held.key not in self.names_at(c)]
            )
            person = self.outsider(company, (held.family, held.middle[0], held.given))
            self.customer("namesake_other_company", [], person, **{"Điện thoại": self.written(person.mobile),
                          "Email": person.private if self.rng.random() < 0.3 else ""})  # fmt: skip

    def namesake_same_company(self) -> None:
        for _ in range(self.per // 2):
            held = self.pick(lambda p: p.company.large)
            person = Person(
                held.family,
                list(held.middle),
                held.given,
                held.female,
                held.company,
                self.mobile(),
                held.born,
            )
            self.mailboxes(person, numbered=True)
            person.born = datetime(1965, 1, 1) + timedelta(days=self.rng.randint(0, 365 * 35))
            self.customer("namesake_same_company", [], person, **{"Điện thoại": self.written(person.mobile),
                          "Email": person.mailbox if self.rng.random() < 0.5 else "",
                          "Công ty": held.company.written(self.rng)})  # fmt: skip

    def relative_shared_phone(self) -> None:
        for index in range(self.per // 2):
            owner = self.pick(lambda p: p.shop_owner and not p.old_number)
            kind = index % 3
            if kind == 0:  # the owner's wife, or husband: her own family name
                female = not owner.female
                for _ in range(50):
                    family, middle, given = self.draw_name(female)
                    if plain(family) != plain(owner.family):
                        break
            else:  # a son, daughter or brother: the owner's family name, another given name
                female = self.rng.random() < 0.3
                for _ in range(50):
                    _family, middle, given = self.draw_name(female)
                    if plain(given) != plain(owner.given):
                        break
                family = owner.family
            relative = Person(family, middle, given, female, owner.company, owner.mobile, owner.born)
            name = self.honorific(relative) if self.rng.random() < 0.3 else self.counter_name(relative)
            self.customer("relative_shared_phone", [], relative,
                          **{"Tên khách hàng": name, "Điện thoại": self.written(owner.mobile)})  # fmt: skip

    def recycled_number(self) -> None:
        for _ in range(self.per // 2):
            held = self.pick(lambda p: not p.shop_owner and not p.old_number)
            company = self.rng.choice(self.companies)
            person = self.outsider(company)
            while plain(person.given) == plain(held.given):
                person = self.outsider(company)
            self.customer("recycled_number", [], person, **{"Điện thoại": self.written(held.mobile)})

    def not_in_crm(self) -> None:
        for _ in range(self.per * 2):
            company = self.company() if self.rng.random() < 0.6 else self.rng.choice(self.companies)
            person = self.outsider(company)
            self.customer("not_in_crm", [], person, **{"Điện thoại": self.written(person.mobile) if self.rng.random() < 0.9 else "",
                          "Email": person.private if self.rng.random() < 0.3 else ""})  # fmt: skip

    def build(self) -> GeneratedCases:
        self.build_crm()
        for category in (
            self.namesake_other_company, self.namesake_same_company, self.relative_shared_phone, self.recycled_number,
            self.renumbered_mobile, self.mobile_full_name, self.diacritics_order, self.work_email,
            self.honorific_given_name, self.not_in_crm,
        ):  # fmt: skip
            category()
        self.rng.shuffle(self.cases)
        return GeneratedCases.shuffled(self.rng, self.crm_rows, self.cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# Splink reads HubSpot's first and last names as written and KiotViet's whole name split at its first space (the
# family name first, the rest as the given names), the mobile's last nine digits on both sides (the office line
# where HubSpot has no mobile), the email, the company as written and the city (HubSpot's; KiotViet's province).
PERSON_SQL = {
    "crm": f"""
        SELECT "{CRM_ID}" AS unique_id,
               nullif(lower(strip_accents(trim("First Name"))), '') AS first_name,
               nullif(lower(strip_accents(trim("Last Name"))), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               nullif(right(regexp_replace(coalesce(nullif("Mobile Phone Number", ''), "Phone Number", ''),
                                           '[^0-9]', '', 'g'), 9), '') AS phone,
               nullif(lower(strip_accents(trim("Company Name"))), '') AS company,
               CAST(NULL AS VARCHAR) AS zip,
               nullif(lower(strip_accents(trim("City"))), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{INBOUND_ID}" AS unique_id,
               nullif(lower(strip_accents(trim(substr(trim("Tên khách hàng"), strpos(trim("Tên khách hàng"), ' ') + 1)))), '')
                   AS first_name,
               nullif(lower(strip_accents(split_part(trim("Tên khách hàng"), ' ', 1))), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               nullif(right(regexp_replace(coalesce("Điện thoại", ''), '[^0-9]', '', 'g'), 9), '') AS phone,
               nullif(lower(strip_accents(trim("Công ty"))), '') AS company,
               CAST(NULL AS VARCHAR) AS zip,
               nullif(lower(strip_accents(split_part("Khu vực giao hàng", ' - ', 1))), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}


def person_model_em_on_phone():
    """Splink's person settings for a counter export whose key is the phone: the prior estimated on the phone,
    EM sessions blocked on the phone and on the family name with the company."""
    from splink import block_on

    settings, _ = _person_settings()
    return settings, [block_on("phone"), block_on("last_name", "company")], [block_on("phone")], 0.7, {}


SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="hubspot",
        inbound_file="kiotviet_khach_hang",
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
        source="HubSpot contacts (a building-materials distributor in Vietnam) <- a KiotViet customer export",
        splink_model=person_model_em_on_phone,
    )
]


if __name__ == "__main__":
    run_generated("identity46", SUITES, seed=461, people=2400, orgs=0, per_category=40)
