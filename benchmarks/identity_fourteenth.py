"""A fourteenth, independent check of identity on people: a Shopify customers export (inbound) against a
Pipedrive persons export (the CRM), as a sales-ops tester at a business selling to consumers would meet them.

    python benchmarks/identity_fourteenth.py [--people 2500] [--per-category 30] [--seed 141]
                                             [--skip-splink] [--keep DIR] [--examples 10]

**The CRM side is a Pipedrive persons export** by its current UI labels (no "Person - " prefix): `ID`, `Name`,
`First name`, `Last name`, `Label`, `Organization`, `Email - Work`, `Email - Home`, `Email - Other`,
`Phone - Work`, `Phone - Home`, `Phone - Mobile`, `Phone - Other`, the postal address's parts (`Postal address -
City/town/village/locality`, `... - ZIP/Postal code`, `... - Country`) beside the whole address, `Owner`,
`Person created`, `Update time`, `Visible to`, `Marketing status`. Reps type phones as they hear them: E.164,
`+44 7700 900123`, `07700 900123`, `0044 7700 900123`, `(0)7700...`, `(212) 555-0143`, `212.555.0143`.

**The inbound side is a Shopify customers export** of the same business's web shop: `Customer ID` (13 digits),
`First Name`, `Last Name`, `Email`, `Accepts Email Marketing`, `Default Address Company`, `... Address1`,
`... Address2`, `... City`, `... Province Code`, `... Country Code`, `... Zip`, `Default Address Phone` (as typed
at checkout), `Phone` (the SMS number, E.164, written with a leading apostrophe so that a spreadsheet keeps the
`+`), `Accepts SMS Marketing`, `Total Spent`, `Total Orders`, `Note`, `Tax Exempt`, `Tags`. Many customers carry
little: an SMS sign-up is a phone alone, a newsletter sign-up an email alone, a pop-up form's one "Name" box lands
in `First Name`.

People live in the US, the UK, Germany, Australia and Canada; their numbers are real numbering-plan numbers of
their country. Each category says whether the customer is in the CRM (`IN`: the truth is the Pipedrive ID,
either of two when Pipedrive holds them twice) or not (`OUT`: it must go to review or no match); `MAKERS` lists
them. Both tools run on the same files in one run through `identity_quality`'s shared runner.
"""

import random
from dataclasses import dataclass, field, replace

import phonenumbers
from identity_quality import GeneratedCase, GeneratedCases, GeneratedSuite, run_generated

CRM_ID = "ID"
CRM_COLUMNS = [
    "ID", "Name", "First name", "Last name", "Label", "Organization", "Email - Work", "Email - Home",
    "Email - Other", "Phone - Work", "Phone - Home", "Phone - Mobile", "Phone - Other", "Postal address",
    "Postal address - City/town/village/locality", "Postal address - ZIP/Postal code", "Postal address - Country",
    "Owner", "Person created", "Update time", "Visible to", "Marketing status",
]  # fmt: skip
INBOUND_ID = "Customer ID"
INBOUND_COLUMNS = [
    "Customer ID", "First Name", "Last Name", "Email", "Accepts Email Marketing", "Default Address Company",
    "Default Address Address1", "Default Address Address2", "Default Address City",
    "Default Address Province Code", "Default Address Country Code", "Default Address Zip",
    "Default Address Phone", "Phone", "Accepts SMS Marketing", "Total Spent", "Total Orders", "Note",
    "Tax Exempt", "Tags",
]  # fmt: skip

FIRST_EN = {
    "m": (
        "James",
        "John",
        "Robert",
        "Michael",
        "William",
        "David",
        "Richard",
        "Joseph",
        "Thomas",
        "Charles",
        "Christopher",
        "Daniel",
        "Matthew",
        "Anthony",
        "Mark",
        "Steven",
        "Paul",
        "Andrew",
        "Joshua",
        "Kevin",
        "Brian",
        "George",
        "Edward",
        "Ryan",
        "Jacob",
        "Gary",
        "Nicholas",
        "Eric",
        "Jonathan",
        "Stephen",
        "Oliver",
        "Harry",
        "Jack",
        "Liam",
        "Noah",
        "Ethan",
        "Samuel",
        "Benjamin",
        "Alexander",
        "Henry",
        "Owen",
        "Callum",
        "Connor",
        "Declan",
        "Aiden",
        "Lucas",
        "Nathan",
        "Patrick",
        "Simon",
        "Graham",
    ),
    "f": (
        "Mary",
        "Patricia",
        "Jennifer",
        "Linda",
        "Elizabeth",
        "Barbara",
        "Susan",
        "Jessica",
        "Sarah",
        "Karen",
        "Nancy",
        "Lisa",
        "Margaret",
        "Sandra",
        "Ashley",
        "Emily",
        "Donna",
        "Michelle",
        "Amanda",
        "Melissa",
        "Deborah",
        "Stephanie",
        "Rebecca",
        "Laura",
        "Emma",
        "Olivia",
        "Sophie",
        "Charlotte",
        "Amelia",
        "Chloe",
        "Grace",
        "Hannah",
        "Lucy",
        "Megan",
        "Rachel",
        "Zoe",
        "Victoria",
        "Katherine",
        "Alice",
        "Isabella",
        "Ruby",
        "Ella",
        "Holly",
        "Fiona",
        "Siobhan",
        "Natalie",
        "Abigail",
        "Claire",
        "Joanne",
        "Heather",
    ),
}
LAST_EN = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas",
    "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young",
    "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker", "Nelson", "Carter", "Mitchell",
    "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards", "Collins", "Stewart", "Morris",
    "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson", "Reed", "Bailey", "Bell", "Kelly", "Howard",
    "Ward", "Cox", "Richardson", "Wood", "Watson", "Brooks", "Bennett", "Gray", "Hughes", "Price", "Sanders",
    "Patel", "Myers", "Long", "Ross", "Foster", "Powell", "Jenkins", "Perry", "Russell", "Sullivan", "Fisher",
    "Henderson", "Coleman", "Simmons", "Patterson", "Jordan", "Reynolds", "Hamilton", "Graham", "Wallace",
    "Fletcher", "Lloyd", "Walsh", "Byrne", "O'Connor", "McDonald", "MacLeod", "Harrison", "Gibson", "Marshall",
    "Owen", "Kaur", "Singh", "Nguyen", "Chen", "Khan", "Ali", "Hussain", "Okafor", "Mensah", "Kowalski",
)  # fmt: skip
FIRST_DE = {
    "m": (
        "Jürgen",
        "Jörg",
        "Stefan",
        "Thomas",
        "Andreas",
        "Michael",
        "Klaus",
        "Uwe",
        "Matthias",
        "Frank",
        "Lukas",
        "Jonas",
        "Felix",
        "Maximilian",
        "Tobias",
        "Sebastian",
        "Florian",
        "Dominik",
        "Björn",
        "Sören",
    ),
    "f": (
        "Anna",
        "Sabine",
        "Petra",
        "Ursula",
        "Monika",
        "Julia",
        "Katharina",
        "Lena",
        "Lea",
        "Hannah",
        "Sophie",
        "Bärbel",
        "Jana",
        "Miriam",
        "Franziska",
        "Verena",
        "Nicole",
        "Daniela",
        "Sandra",
        "Käthe",
    ),
}
LAST_DE = (
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
    "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
    "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann",
    "Köhler", "Günther", "Groß", "Weiß", "Jäger", "Vogel", "Friedrich", "Keller", "Böhm", "Fuchs",
)  # fmt: skip
NICKNAMES = {
    "William": ("Bill", "Will", "Billy"), "Robert": ("Bob", "Rob", "Bobby"), "Richard": ("Rick", "Dick", "Rich"),
    "James": ("Jim", "Jimmy", "Jamie"), "Michael": ("Mike", "Mick"), "Thomas": ("Tom", "Tommy"),
    "Christopher": ("Chris",), "Daniel": ("Dan", "Danny"), "Matthew": ("Matt",), "Anthony": ("Tony",),
    "Steven": ("Steve",), "Andrew": ("Andy", "Drew"), "Joseph": ("Joe", "Joey"), "Edward": ("Ed", "Eddie", "Ted"),
    "Nicholas": ("Nick",), "Jonathan": ("Jon",), "Samuel": ("Sam",), "Benjamin": ("Ben",), "Alexander": ("Alex",),
    "Elizabeth": ("Liz", "Beth", "Lizzie"), "Margaret": ("Maggie", "Peggy", "Meg"), "Katherine": ("Kate", "Katie"),
    "Jennifer": ("Jen", "Jenny"), "Patricia": ("Pat", "Trish"), "Rebecca": ("Becky", "Becca"),
    "Victoria": ("Vicky", "Tori"), "Abigail": ("Abby",), "Deborah": ("Debbie", "Deb"), "Susan": ("Sue", "Susie"),
    "Stephanie": ("Steph",), "Amanda": ("Mandy",),
}  # fmt: skip
TWIN_PAIRS = (
    ("Jacob", "Joshua", "m"), ("Daniel", "David", "m"), ("Harry", "George", "m"), ("Liam", "Lucas", "m"),
    ("Emily", "Abigail", "f"), ("Olivia", "Sophie", "f"), ("Grace", "Hannah", "f"), ("Megan", "Rachel", "f"),
    ("Lucy", "Laura", "f"), ("Chloe", "Claire", "f"), ("Oliver", "Owen", "m"), ("Ruby", "Rebecca", "f"),
)  # fmt: skip

# country -> (cities: (city, province code, postcode maker key, landline area codes), free mail, company tlds)
COUNTRIES = {
    "US": {
        "name": "United States",
        "cities": (
            ("New York", "NY", "100", ("212", "646")), ("Chicago", "IL", "606", ("312", "773")),
            ("Austin", "TX", "787", ("512",)), ("Seattle", "WA", "981", ("206",)),
            ("Denver", "CO", "802", ("303", "720")), ("Boston", "MA", "021", ("617",)),
        ),
        "mail": ("gmail.com", "yahoo.com", "outlook.com", "icloud.com", "aol.com", "hotmail.com"),
        "tld": (".com", ".com", ".io", ".co"),
        "mobile": ("917", "347", "312", "512", "206", "720", "617", "415"),
    },
    "GB": {
        "name": "United Kingdom",
        "cities": (
            ("London", "", "SW", ("20",)), ("Manchester", "", "M", ("161",)), ("Leeds", "", "LS", ("113",)),
            ("Bristol", "", "BS", ("117",)), ("Edinburgh", "", "EH", ("131",)),
        ),
        "mail": ("gmail.com", "hotmail.co.uk", "btinternet.com", "yahoo.co.uk", "outlook.com", "sky.com"),
        "tld": (".co.uk", ".co.uk", ".com", ".uk"),
    },
    "DE": {
        "name": "Germany",
        "cities": (
            ("Berlin", "BE", "10", ("30",)), ("München", "BY", "80", ("89",)), ("Hamburg", "HH", "20", ("40",)),
            ("Köln", "NW", "50", ("221",)),
        ),
        "mail": ("gmx.de", "web.de", "t-online.de", "gmail.com", "posteo.de"),
        "tld": (".de", ".de", ".com"),
    },
    "AU": {
        "name": "Australia",
        "cities": (("Sydney", "NSW", "20", ("2",)), ("Melbourne", "VIC", "30", ("3",)), ("Brisbane", "QLD", "40", ("7",))),
        "mail": ("gmail.com", "bigpond.com", "outlook.com", "optusnet.com.au", "icloud.com"),
        "tld": (".com.au", ".com.au", ".com"),
    },
    "CA": {
        "name": "Canada",
        "cities": (("Toronto", "ON", "M5", ("416", "647")), ("Vancouver", "BC", "V6", ("604",)), ("Montreal", "QC", "H2", ("514",))),
        "mail": ("gmail.com", "hotmail.ca", "yahoo.ca", "outlook.com", "rogers.com"),
        "tld": (".ca", ".com"),
        "mobile": ("416", "647", "604", "778", "514", "438"),
    },
}  # fmt: skip
_T = phonenumbers.PhoneNumberType
MOBILE = (_T.MOBILE, _T.FIXED_LINE_OR_MOBILE)
FIXED = (_T.FIXED_LINE, _T.FIXED_LINE_OR_MOBILE)
COUNTRY_WEIGHTS = (("US", 40), ("GB", 25), ("DE", 15), ("AU", 10), ("CA", 10))
STREETS_EN = (
    "High Street", "Station Road", "Church Lane", "Park Avenue", "Maple Street", "Oak Drive", "Victoria Road",
    "Mill Lane", "King Street", "Queen Street", "Elm Street", "Cedar Avenue", "Riverside Walk", "Green Lane",
    "Main Street", "Lake Road", "Hillside Crescent", "Albert Road", "Pine Street", "Chestnut Close",
)  # fmt: skip
STREETS_DE = (
    "Hauptstraße",
    "Bahnhofstraße",
    "Gartenstraße",
    "Schulstraße",
    "Lindenweg",
    "Bergstraße",
    "Kirchweg",
)
COMPANY_WORDS = (
    "Brightwater", "Northfield", "Kestrel", "Harbour", "Bluebell", "Summit", "Oakridge", "Silverline", "Redwood",
    "Ashford", "Lumen", "Pinecrest", "Copperleaf", "Meridian", "Stonebridge", "Fernhill", "Larkspur", "Halcyon",
    "Ironbark", "Westbrook", "Juniper", "Tidewater", "Foxglove", "Granite",
)  # fmt: skip
COMPANY_TRADES = (
    "Interiors",
    "Dental",
    "Studio",
    "Design",
    "Consulting",
    "Physio",
    "Florists",
    "Architects",
    "Cafe",
)
SUFFIX = {
    "US": ("LLC", "Inc."),
    "GB": ("Ltd", "Ltd."),
    "DE": ("GmbH", "UG"),
    "AU": ("Pty Ltd",),
    "CA": ("Inc.", "Ltd."),
}
ROLE_LOCALS = ("hello", "info", "office", "admin", "contact", "team", "bookings")
OWNERS = ("Hannah Price", "Marcus Webb", "Priya Nair", "Tom Gallagher", "Sofia Romano")
LABELS = ("Customer", "Customer", "Hot lead", "Warm lead", "Cold lead", "")
TAGS = ("newsletter", "vip", "wholesale", "sms-signup", "pop-up", "returning", "gift-card", "black-friday")


@dataclass
class Company:
    name: str
    domain: str
    country: str
    city: tuple
    switchboard: str
    pattern: str  # how its mailboxes are made: "first.last", "flast", "first"


@dataclass
class Person:
    first: str
    last: str
    gender: str
    country: str
    city: tuple  # an entry of COUNTRIES[...]["cities"]
    postcode: str
    street: str
    home_email: str = ""
    work_email: str = ""
    mobile: str = ""  # E.164
    landline: str = ""  # E.164, the household's
    work_phone: str = ""  # E.164, a direct line
    company: Company | None = None
    created_year: int = 2022


@dataclass
class World:
    seed: int
    r: random.Random = field(init=False)
    emails: set = field(default_factory=set)
    numbers: set = field(default_factory=set)
    ids: set = field(default_factory=set)

    def __post_init__(self):
        self.r = random.Random(self.seed)

    # -- places and numbers ----------------------------------------------------------------------------

    def country(self) -> str:
        return self.r.choices([c for c, _ in COUNTRY_WEIGHTS], [w for _, w in COUNTRY_WEIGHTS])[0]

    def postcode(self, country: str, city: tuple) -> str:
        r, stem = self.r, city[2]
        if country == "US":
            return f"{stem}{r.randint(1, 99):02d}"
        if country == "GB":
            letters = "ABDEFGHJLNPQRSTUWXYZ"
            return f"{stem}{r.randint(1, 20)} {r.randint(1, 9)}{r.choice(letters)}{r.choice(letters)}"
        if country == "DE":
            return f"{stem}{r.randint(100, 999)}"
        if country == "AU":
            return f"{stem}{r.randint(0, 99):02d}"
        letters = "ABCEGHJKLMNPRSTVXY"
        return f"{stem}{r.choice(letters)} {r.randint(1, 9)}{r.choice(letters)}{r.randint(1, 9)}"

    def street(self, country: str) -> str:
        if country == "DE":
            return f"{self.r.choice(STREETS_DE)} {self.r.randint(1, 140)}"
        return f"{self.r.randint(1, 240)} {self.r.choice(STREETS_EN)}"

    def _number(self, country: str, national: str, kinds: tuple) -> str:
        text = f"+{phonenumbers.country_code_for_region(country)}{national}"
        parsed = phonenumbers.parse(text)
        if text in self.numbers or phonenumbers.number_type(parsed) not in kinds:
            return ""
        self.numbers.add(text)
        return text

    def mobile(self, country: str) -> str:
        r = self.r
        while True:
            if country in ("US", "CA"):
                national = f"{r.choice(COUNTRIES[country]['mobile'])}{r.randint(2, 9)}{r.randint(0, 99):02d}{r.randint(0, 9999):04d}"
            elif country == "GB":
                national = f"7{r.randint(4, 9)}{r.randint(0, 99999999):08d}"
            elif country == "DE":
                national = f"{r.choice(('151', '152', '160', '170', '171', '172', '175', '176', '177'))}{r.randint(0, 9999999):07d}"
                if national.startswith("15"):
                    national += str(r.randint(0, 9))
            else:
                national = f"4{r.randint(0, 99999999):08d}"
            if number := self._number(country, national, MOBILE):
                return number

    def landline(self, country: str, city: tuple) -> str:
        r = self.r
        while True:
            area = r.choice(city[3])
            if country in ("US", "CA"):
                national = f"{area}{r.randint(2, 9)}{r.randint(0, 99):02d}{r.randint(0, 9999):04d}"
            elif country == "GB":
                national = (
                    f"{area}{r.randint(2, 8)}{r.randint(0, 10 ** (9 - len(area)) - 1):0{9 - len(area)}d}"
                )
            elif country == "DE":
                national = f"{area}{r.randint(2, 9)}{r.randint(0, 999999):06d}"
            else:
                national = f"{area}{r.randint(8, 9)}{r.randint(0, 9999999):07d}"
            if number := self._number(country, national, FIXED):
                return number

    # -- names and mailboxes ---------------------------------------------------------------------------

    def name(self, country: str, gender: str) -> tuple[str, str]:
        firsts, lasts = (FIRST_DE, LAST_DE) if country == "DE" else (FIRST_EN, LAST_EN)
        return self.r.choice(firsts[gender]), self.r.choice(lasts)

    def mailbox(self, local: str, domain: str) -> str:
        """A new mailbox: never one that exists, Gmail's dots and +tags included (jane.doe@ and janedoe@gmail
        are one mailbox)."""
        address, n = f"{local}@{domain}", 1
        while mailbox_key(address) in self.emails:
            n += 1
            address = f"{local}{n}@{domain}" if n > 2 else f"{local}{self.r.randint(10, 99)}@{domain}"
        self.emails.add(mailbox_key(address))
        return address

    def personal_local(self, first: str, last: str) -> str:
        given, family = ascii_name(first), ascii_name(last)
        style = self.r.randint(0, 6)
        if style == 0:
            return f"{given}.{family}"
        if style == 1:
            return f"{given}{family}"
        if style == 2:
            return f"{given[0]}{family}"
        if style == 3:
            return f"{given}_{family}"
        if style == 4:
            return f"{given}.{family}{self.r.randint(1, 99)}"
        if style == 5:
            return f"{given}{family[0]}{self.r.randint(70, 99)}"
        return f"{family}.{given}"

    def home_email(self, p: Person, provider: str | None = None) -> str:
        return self.mailbox(
            self.personal_local(p.first, p.last), provider or self.r.choice(COUNTRIES[p.country]["mail"])
        )

    def work_email(self, p: Person, company: Company) -> str:
        given, family = ascii_name(p.first), ascii_name(p.last)
        local = {"first.last": f"{given}.{family}", "flast": f"{given[0]}{family}", "first": given}[
            company.pattern
        ]
        return self.mailbox(local, company.domain)

    # -- records ---------------------------------------------------------------------------------------

    def company(self, country: str | None = None) -> Company:
        country = country or self.country()
        word, trade = self.r.choice(COMPANY_WORDS), self.r.choice(COMPANY_TRADES)
        stem = f"{word}{trade}".lower()
        domain = f"{stem}{self.r.choice(COUNTRIES[country]['tld'])}"
        while domain in self.emails:
            domain = f"{stem}{self.r.randint(2, 99)}{self.r.choice(COUNTRIES[country]['tld'])}"
        self.emails.add(domain)
        city = self.r.choice(COUNTRIES[country]["cities"])
        name = f"{word} {trade} {self.r.choice(SUFFIX[country])}"
        return Company(
            name,
            domain,
            country,
            city,
            self.landline(country, city),
            self.r.choice(("first.last", "flast", "first")),
        )

    def person(self, *, country=None, gender=None, first=None, last=None, home=None, company=None,
               email=True, mobile=True, landline=None) -> Person:  # fmt: skip
        r = self.r
        country = country or (home.country if home else company.country if company else self.country())
        gender = gender or r.choice("mf")
        name = self.name(country, gender)
        city = home.city if home else r.choice(COUNTRIES[country]["cities"])
        p = Person(
            first or name[0], last or name[1], gender, country, city,
            home.postcode if home else self.postcode(country, city), home.street if home else self.street(country),
            company=company, created_year=r.randint(2016, 2025),
        )  # fmt: skip
        if email:
            p.home_email = self.home_email(p)
        if company:
            p.work_email = self.work_email(p, company)
            p.work_phone = self.landline(company.country, company.city)
        if mobile:
            p.mobile = self.mobile(country)
        if landline is None:
            landline = r.random() < 0.2
        if landline:
            p.landline = home.landline if home and home.landline else self.landline(country, city)
        return p

    def new_id(self, digits: int) -> str:
        while True:
            value = str(self.r.randint(10 ** (digits - 1), 10**digits - 1))
            if value not in self.ids:
                self.ids.add(value)
                return value


def mailbox_key(address: str) -> str:
    local, _, domain = address.lower().partition("@")
    if domain in ("gmail.com", "googlemail.com"):
        return local.split("+", 1)[0].replace(".", "") + "@gmail.com"
    return f"{local}@{domain}"


def ascii_name(text: str) -> str:
    table = str.maketrans(
        {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue", "'": ""}
    )
    return text.translate(table).lower().replace(" ", "")


def written(number: str, r: random.Random, *, rep: bool = True) -> str:
    """A number as a rep or a customer types it: international, national, with 00, with (0), dotted."""
    if not number:
        return ""
    parsed = phonenumbers.parse(number)
    national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    international = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    style = r.randint(0, 5 if rep else 3)
    if style == 0:
        return number
    if style == 1:
        return international
    if style == 2:
        return national
    if style == 3:
        if parsed.country_code == 1:
            digits = str(parsed.national_number)
            return f"{digits[:3]}.{digits[3:6]}.{digits[6:]}"
        return "00" + international[1:]
    if style == 4:
        if parsed.country_code == 1:
            return f"1-{national.replace('(', '').replace(') ', '-')}"
        return f"+{parsed.country_code} (0){international.split(' ', 1)[1]}"
    return international.replace(" ", "-")


def slipped(number: str, w: World) -> str:
    """The number with one slip of the finger (two neighbouring digits swapped, or one digit mistyped): a number
    nobody else in the world holds."""
    r = w.r
    code = f"+{phonenumbers.parse(number).country_code}"
    digits = list(number[len(code) :])
    while True:
        copy = list(digits)
        i = r.randint(3, len(copy) - 2)
        if r.random() < 0.5 and copy[i] != copy[i + 1]:
            copy[i], copy[i + 1] = copy[i + 1], copy[i]
        else:
            copy[i] = r.choice([d for d in "0123456789" if d != copy[i]])
        candidate = code + "".join(copy)
        if candidate not in w.numbers and phonenumbers.is_valid_number(phonenumbers.parse(candidate)):
            w.numbers.add(candidate)
            return candidate


@dataclass
class Builder:
    w: World
    out: GeneratedCases = field(default_factory=GeneratedCases)
    pool: list = field(default_factory=list)  # (person, crm id) of background records not yet used by a case

    def crm(self, p: Person, **over) -> str:
        """The person's Pipedrive record (overrides by column); its ID."""
        w, r = self.w, self.w.r
        crm_id = w.new_id(r.choice((4, 5, 6)))
        country = COUNTRIES[p.country]
        city = p.city[0]
        address = (
            f"{p.street}, {p.postcode} {city}, {country['name']}"
            if p.country == "DE"
            else f"{p.street}, {city}{', ' + p.city[1] if p.city[1] else ''} {p.postcode}, {country['name']}"
        )
        has_address = r.random() < 0.7
        created = f"{p.created_year}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d} {r.randint(8, 18):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}"
        row = {
            "ID": crm_id,
            "Name": f"{p.first} {p.last}".strip(),
            "First name": p.first,
            "Last name": p.last,
            "Label": r.choice(LABELS),
            "Organization": p.company.name if p.company else "",
            "Email - Work": p.work_email,
            "Email - Home": p.home_email,
            "Email - Other": "",
            "Phone - Work": written(p.work_phone, r),
            "Phone - Home": written(p.landline, r),
            "Phone - Mobile": written(p.mobile, r),
            "Phone - Other": "",
            "Postal address": address if has_address else "",
            "Postal address - City/town/village/locality": city if has_address else "",
            "Postal address - ZIP/Postal code": p.postcode if has_address else "",
            "Postal address - Country": country["name"] if has_address or r.random() < 0.5 else "",
            "Owner": r.choice(OWNERS),
            "Person created": created,
            "Update time": f"{min(p.created_year + r.randint(0, 3), 2026)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d} 09:{r.randint(10, 59)}:00",
            "Visible to": "Item owner's visibility group",
            "Marketing status": r.choice(("Subscribed", "No consent", "Unsubscribed", "")),
        }
        row.update(over)
        self.out.crm_rows.append(row)
        return crm_id

    def take(self, test=lambda p: True) -> tuple[Person, str]:
        for index, (p, _) in enumerate(self.pool):
            if test(p):
                return self.pool.pop(index)
        p = self.w.person()
        return p, self.crm(p)

    def case(self, category: str, row: dict, *truth: str) -> None:
        self.out.cases.append(GeneratedCase(category, row, tuple(truth)))


def shop_row(w: World, p: Person, *, email=None, sms=None, address=True, address_phone=None, **over) -> dict:
    """The person as a Shopify customer: their home mailbox unless told, the SMS number in E.164 with the
    apostrophe Shopify writes, the default address when they gave one."""
    r = w.r
    country = p.country
    row = {column: "" for column in INBOUND_COLUMNS if column != INBOUND_ID}
    row.update(
        {
            "First Name": p.first,
            "Last Name": p.last,
            "Email": p.home_email if email is None else email,
            "Accepts Email Marketing": r.choice(("yes", "no")),
            "Accepts SMS Marketing": "no",
            "Total Spent": f"{r.randint(0, 900)}.{r.randint(0, 99):02d}",
            "Total Orders": str(r.randint(0, 12)),
            "Tax Exempt": "no",
            "Tags": ", ".join(sorted(r.sample(TAGS, r.randint(0, 2)))),
        }
    )
    number = p.mobile if sms is None else sms
    if number and (sms is not None or r.random() < 0.5):
        row["Phone"] = "'" + number
        row["Accepts SMS Marketing"] = "yes"
    if address:
        row.update(
            {
                "Default Address Address1": p.street,
                "Default Address City": p.city[0],
                "Default Address Province Code": p.city[1],
                "Default Address Country Code": country,
                "Default Address Zip": p.postcode,
                "Default Address Company": p.company.name if p.company and r.random() < 0.4 else "",
            }
        )
        phone = address_phone if address_phone is not None else (p.mobile if r.random() < 0.5 else "")
        row["Default Address Phone"] = written(phone, r, rep=False)
    row.update(over)
    return row


# -- the background ------------------------------------------------------------------------------------------


def background(b: Builder, people: int) -> None:
    w = b.w
    companies = [w.company() for _ in range(60)]
    for _ in range(people):
        company = w.r.choice(companies) if w.r.random() < 0.3 else None
        p = w.person(company=company, email=w.r.random() < (0.6 if company else 0.9))
        if not company and not p.home_email and not p.mobile:
            p.mobile = w.mobile(p.country)
        b.pool.append((p, b.crm(p)))
    w.r.shuffle(b.pool)


# -- IN: the customer is in Pipedrive ------------------------------------------------------------------------


def plain(b: Builder, i: int) -> None:
    p, crm_id = b.take(lambda p: p.home_email or p.mobile)
    b.case("plain", shop_row(b.w, p, email=p.home_email or p.work_email), crm_id)


def gmail_forms(b: Builder, i: int) -> None:
    """Pipedrive holds the Gmail address one way, the shop another: dots, +tag, googlemail, capitals."""
    w = b.w
    p = w.person(country=w.country(), email=False)
    given, family = ascii_name(p.first), ascii_name(p.last)
    local = f"{given}.{family}{w.r.randint(1, 999)}"
    p.home_email = w.mailbox(local, "gmail.com")
    crm_id = b.crm(p)
    plain_local = local.replace(".", "")
    forms = (f"{plain_local}@gmail.com", f"{local}+shop@gmail.com", f"{local}@googlemail.com",
             f"{local.title()}@Gmail.com", f"{plain_local}+{w.r.choice(('orders', 'news', 'promo'))}@gmail.com")  # fmt: skip
    b.case("gmail_forms", shop_row(w, p, email=forms[i % len(forms)], sms=""), crm_id)


def sms_signup_known(b: Builder, i: int) -> None:
    """An SMS sign-up: the number and nothing else."""
    w = b.w
    p, crm_id = b.take(lambda p: p.mobile and not p.landline)
    row = shop_row(w, p, email="", sms=p.mobile, address=False, **{"First Name": "", "Last Name": ""})
    b.case("sms_signup_known", row, crm_id)


def newsletter_known(b: Builder, i: int) -> None:
    """A newsletter sign-up: the email and nothing else."""
    w = b.w
    p, crm_id = b.take(lambda p: p.home_email)
    row = shop_row(w, p, sms="", address=False, **{"First Name": "", "Last Name": ""})
    b.case("newsletter_known", row, crm_id)


def one_name_box(b: Builder, i: int) -> None:
    """A pop-up form's single "Name" box written into First Name."""
    w = b.w
    p, crm_id = b.take(lambda p: p.home_email)
    forms = (f"{p.first} {p.last}", f"{p.first.lower()} {p.last.lower()}", f"{p.first} {p.last}".upper(),
             f"{p.last}, {p.first}")  # fmt: skip
    row = shop_row(w, p, **{"First Name": forms[i % len(forms)], "Last Name": ""})
    b.case("one_name_box", row, crm_id)


def phone_slip(b: Builder, i: int) -> None:
    """The same person at the same address with a new mailbox and their mobile typed with a slip."""
    w = b.w
    p = w.person(landline=False)
    crm_id = b.crm(p, **{"Postal address - ZIP/Postal code": p.postcode,
                         "Postal address - City/town/village/locality": p.city[0],
                         "Postal address - Country": COUNTRIES[p.country]["name"]})  # fmt: skip
    new_mail = w.home_email(p)
    row = shop_row(w, p, email=new_mail, sms="", address_phone=slipped(p.mobile, w))
    row["Phone"] = "'" + slipped(p.mobile, w) if i % 2 else ""
    b.case("phone_slip", row, crm_id)


def abroad_formats(b: Builder, i: int) -> None:
    """Pipedrive holds the mobile nationally (with the country in the address), the shop in another form."""
    w = b.w
    country = ("GB", "DE", "AU", "CA", "GB", "DE")[i % 6]
    p = w.person(country=country, landline=False)
    national = phonenumbers.format_number(
        phonenumbers.parse(p.mobile), phonenumbers.PhoneNumberFormat.NATIONAL
    )
    crm_id = b.crm(p, **{"Phone - Mobile": national, "Postal address - Country": COUNTRIES[country]["name"]})
    row = shop_row(w, p, email=w.home_email(p), sms=p.mobile if i % 2 else "", address_phone=p.mobile)
    b.case("abroad_formats", row, crm_id)


def nickname(b: Builder, i: int) -> None:
    w = b.w
    formal = list(NICKNAMES)[i % len(NICKNAMES)]
    gender = "m" if formal in FIRST_EN["m"] or formal in ("Samuel", "Benjamin", "Alexander") else "f"
    p = w.person(country=w.r.choice(("US", "GB", "AU", "CA")), gender=gender, first=formal)
    crm_id = b.crm(p)
    short = w.r.choice(NICKNAMES[formal])
    row = shop_row(w, replace(p, first=short), email=w.home_email(replace(p, first=short)), sms=p.mobile)
    b.case("nickname", row, crm_id)


def moved_house(b: Builder, i: int) -> None:
    w = b.w
    p, crm_id = b.take(lambda p: p.home_email)
    city = w.r.choice([c for c in COUNTRIES[p.country]["cities"] if c != p.city])
    moved = replace(p, city=city, postcode=w.postcode(p.country, city), street=w.street(p.country))
    b.case("moved_house", shop_row(w, moved, sms="", address_phone=""), crm_id)


def work_vs_home(b: Builder, i: int) -> None:
    """Pipedrive knows them from work (work mailbox and mobile); the shop has their own mailbox."""
    w = b.w
    company = w.company()
    p = w.person(company=company, email=False, landline=False)
    crm_id = b.crm(p)
    row = shop_row(w, p, email=w.home_email(p), sms=p.mobile)
    b.case("work_vs_home", row, crm_id)


def crm_duplicate(b: Builder, i: int) -> None:
    """Pipedrive holds the person twice: once from a call (mobile), once from a web form (email)."""
    w = b.w
    p = w.person(landline=False)
    first = b.crm(p, **{"Email - Home": ""})
    second = b.crm(p, **{"Phone - Mobile": "", "Name": f"{p.first} {p.last}".lower()})
    row = shop_row(w, p, sms=p.mobile if i % 2 else "")
    b.case("crm_duplicate", row, first, second)


def swapped_names(b: Builder, i: int) -> None:
    w = b.w
    p, crm_id = b.take(lambda p: p.home_email or p.mobile)
    row = shop_row(w, p, email=p.home_email, **{"First Name": p.last, "Last Name": p.first})
    b.case("swapped_names", row, crm_id)


def accents_case(b: Builder, i: int) -> None:
    """A German customer: Pipedrive with umlauts, the shop in capitals or with them spelled out."""
    w = b.w
    p = w.person(country="DE")
    while not any(ch in p.first + p.last for ch in "äöüßÄÖÜ"):
        p = replace(p, last=w.r.choice(LAST_DE), first=w.r.choice(FIRST_DE[p.gender]))
    p.home_email = w.home_email(p)
    crm_id = b.crm(p)
    spelled = replace(p, first=ascii_name(p.first).title(), last=ascii_name(p.last).title())
    forms = (replace(p, first=p.first.upper(), last=p.last.upper()), spelled,
             replace(spelled, first=spelled.first.upper(), last=spelled.last.upper()))  # fmt: skip
    row = shop_row(w, forms[i % 3], email=p.home_email if i % 2 else "", sms=p.mobile)
    if not row["Email"] and not row["Phone"]:
        row["Email"] = p.home_email
    b.case("accents_case", row, crm_id)


def married_name(b: Builder, i: int) -> None:
    """A new surname and a new mailbox; the same first name, mobile and home."""
    w = b.w
    p = w.person(gender="f", landline=False)
    crm_id = b.crm(p)
    wed = replace(p, last=w.r.choice([n for n in (LAST_DE if p.country == "DE" else LAST_EN) if n != p.last]))
    row = shop_row(w, wed, email=w.home_email(wed), sms=p.mobile)
    b.case("married_name", row, crm_id)


def spouse_known(b: Builder, i: int) -> None:
    """Both spouses in Pipedrive, sharing the family mailbox and landline; the shop customer is one of them."""
    w = b.w
    husband = w.person(gender="m", email=False, landline=True)
    wife = w.person(gender="f", last=husband.last, home=husband, email=False, landline=True)
    family = w.mailbox(w.r.choice((f"the{ascii_name(husband.last)}s", f"{ascii_name(husband.last)}family",
                                   f"{ascii_name(husband.first)}and{ascii_name(wife.first)}")),
                       w.r.choice(COUNTRIES[husband.country]["mail"]))  # fmt: skip
    b.crm(husband, **{"Email - Home": family})
    wife_id = b.crm(wife, **{"Email - Home": family})
    row = shop_row(w, wife, email=family, sms=wife.mobile if i % 2 else "", address_phone=wife.landline)
    b.case("spouse_known", row, wife_id)


# -- OUT: the customer is not in Pipedrive --------------------------------------------------------------------


def not_in_crm(b: Builder, i: int) -> None:
    """A new customer; every fourth has the name of a CRM person somewhere else."""
    w = b.w
    p = w.person()
    if i % 4 == 0 and b.out.crm_rows:
        held = w.r.choice(b.out.crm_rows)
        if held["First name"] and held["Last name"]:
            p = replace(p, first=held["First name"], last=held["Last name"])
            p.home_email = w.home_email(p)
    b.case("not_in_crm", shop_row(w, p))


def father_son(b: Builder, i: int) -> None:
    """A father and his namesake son at one address: the household landline, mailboxes and mobiles their own."""
    w = b.w
    dad = w.person(country=w.r.choice(("US", "GB", "AU", "CA")), gender="m", landline=True)
    son = w.person(country=dad.country, gender="m", first=dad.first, last=dad.last, home=dad, landline=True)
    held, shopper = (dad, son) if i % 2 == 0 else (son, dad)
    b.crm(held)
    row = shop_row(w, shopper, sms=shopper.mobile, address_phone=shopper.landline)
    b.case("father_son", row)


def junior(b: Builder, i: int) -> None:
    """The son writes "Jr." (or the father "Sr.") after the surname; the home and its landline are shared."""
    w = b.w
    dad = w.person(country=w.r.choice(("US", "CA")), gender="m", landline=True)
    son = w.person(country=dad.country, gender="m", first=dad.first, last=dad.last, home=dad, landline=True)
    b.crm(dad)
    suffix = ("Jr.", "Jr", "II", "Junior")[i % 4]
    row = shop_row(w, son, sms=son.mobile if i % 2 else "", address_phone=dad.landline,
                   **{"Last Name": f"{son.last} {suffix}"})  # fmt: skip
    b.case("junior", row)


def gift_to_relative(b: Builder, i: int) -> None:
    """A married daughter's order shipped to her parents: their address and house phone as her default
    address; her own name, mailbox and mobile."""
    w = b.w
    parent = w.person(landline=True)
    b.crm(parent)
    lasts = LAST_DE if parent.country == "DE" else LAST_EN
    daughter = w.person(country=parent.country, gender="f", last=w.r.choice([n for n in lasts if n != parent.last]),
                        home=parent, landline=True)  # fmt: skip
    row = shop_row(w, daughter, sms=daughter.mobile if i % 2 else "", address_phone=parent.landline)
    b.case("gift_to_relative", row)


def booked_by_assistant(b: Builder, i: int) -> None:
    """An assistant orders in the boss's name from her own work mailbox; Pipedrive holds both. The customer is
    the boss."""
    w = b.w
    company = w.company()
    boss = w.person(company=company, email=False)
    helper = w.person(company=company, gender="f", email=False, mobile=False)
    while helper.first == boss.first:
        helper = replace(helper, first=w.name(helper.country, "f")[0])
        helper.work_email = w.work_email(helper, company)
    boss_id = b.crm(boss)
    b.crm(helper)
    row = shop_row(w, boss, email=helper.work_email, sms="", address_phone=boss.work_phone if i % 2 else "",
                   **{"Default Address Company": company.name})  # fmt: skip
    b.case("booked_by_assistant", row, boss_id)


def household_mailbox(b: Builder, i: int) -> None:
    """A spouse or a child shopping with the family mailbox that Pipedrive holds on the other one."""
    w = b.w
    holder = w.person(email=False, landline=True)
    other = w.person(country=holder.country, gender=w.r.choice("mf"), last=holder.last, home=holder, email=False,
                     landline=True)  # fmt: skip
    while other.first == holder.first:
        other = replace(other, first=w.name(other.country, other.gender)[0])
    family = w.mailbox(w.r.choice((f"the{ascii_name(holder.last)}s", f"{ascii_name(holder.last)}family",
                                   f"{ascii_name(holder.last)}.home")),
                       w.r.choice(COUNTRIES[holder.country]["mail"]))  # fmt: skip
    b.crm(holder, **{"Email - Home": family})
    row = shop_row(
        w, other, email=family, sms=other.mobile if i % 3 == 0 else "", address_phone=holder.landline
    )
    b.case("household_mailbox", row)


def spouse_landline(b: Builder, i: int) -> None:
    """The other spouse with their own mailbox, giving the household landline that Pipedrive holds."""
    w = b.w
    holder = w.person(landline=True)
    spouse = w.person(country=holder.country, gender="f" if holder.gender == "m" else "m", last=holder.last,
                      home=holder, landline=True, mobile=False)  # fmt: skip
    b.crm(holder)
    row = shop_row(w, spouse, sms=holder.landline if i % 2 else "", address_phone=holder.landline)
    b.case("spouse_landline", row)


def twins(b: Builder, i: int) -> None:
    w = b.w
    held_first, other_first, gender = TWIN_PAIRS[i % len(TWIN_PAIRS)]
    held = w.person(
        country=w.r.choice(("US", "GB", "AU", "CA")), gender=gender, first=held_first, landline=True
    )
    twin = w.person(
        country=held.country, gender=gender, first=other_first, last=held.last, home=held, landline=True
    )
    b.crm(held)
    row = shop_row(w, twin, sms=twin.mobile if i % 2 else "", address_phone=held.landline)
    b.case("twins", row)


def recycled_number(b: Builder, i: int) -> None:
    """A mobile number a Pipedrive person gave years ago, now another customer's."""
    w = b.w
    old = w.person(landline=False)
    old.created_year = w.r.randint(2014, 2018)
    b.crm(old, **{"Person created": f"{old.created_year}-0{w.r.randint(1, 9)}-1{w.r.randint(0, 9)} 11:02:13"})
    new = w.person(country=old.country, mobile=False)
    row = shop_row(w, new, sms=old.mobile, address_phone="")
    if i % 3 == 0:  # an SMS sign-up under a name only
        row.update(
            {
                "Email": "",
                "Default Address Address1": "",
                "Default Address City": "",
                "Default Address Zip": "",
            }
        )
    b.case("recycled_number", row)


def slipped_number_only(b: Builder, i: int) -> None:
    """An SMS sign-up whose number is one slip away from a Pipedrive person's: it is someone else's."""
    w = b.w
    p, _ = b.take(lambda p: p.mobile)
    number = slipped(p.mobile, w)
    row = shop_row(w, p, email="", sms=number, address=False, **{"First Name": "", "Last Name": ""})
    b.case("slipped_number_only", row)


def lookalike_mailbox_only(b: Builder, i: int) -> None:
    """A newsletter sign-up whose address differs from a Pipedrive person's by a dot at a provider where dots
    matter (not Gmail): another mailbox."""
    w = b.w
    p = w.person(country=w.r.choice(("US", "GB", "CA")), email=False)
    given, family = ascii_name(p.first), ascii_name(p.last)
    provider = w.r.choice(("outlook.com", "hotmail.com", "yahoo.com", "aol.com"))
    p.home_email = w.mailbox(f"{given}.{family}", provider)
    b.crm(p)
    other = w.mailbox(f"{given}{family}", provider)
    row = shop_row(w, p, email=other, sms="", address=False, **{"First Name": "", "Last Name": ""})
    b.case("lookalike_mailbox_only", row)


def namesake_colleague(b: Builder, i: int) -> None:
    """Two people of one name at one small firm; Pipedrive holds one with the work mailbox and mobile."""
    w = b.w
    company = w.company()
    held = w.person(company=company, email=False)
    other = w.person(company=company, first=held.first, last=held.last, gender=held.gender)
    b.crm(held)
    row = shop_row(w, other, sms=other.mobile, **{"Default Address Company": company.name})
    b.case("namesake_colleague", row)


def assistant_orders(b: Builder, i: int) -> None:
    """An assistant orders for the boss: her own name with the boss's mailbox, or with the boss's direct line."""
    w = b.w
    company = w.company()
    boss = w.person(company=company, email=False)
    helper = w.person(company=company, gender="f", email=False, mobile=False)
    while helper.first == boss.first:  # the boss's mailbox under her own first name would be a married name
        helper = replace(helper, first=w.name(helper.country, "f")[0])
        helper.work_email = w.work_email(helper, company)
    b.crm(boss)
    if i % 2:
        row = shop_row(w, helper, email=boss.work_email, sms="", **{"Default Address Company": company.name})
    else:
        row = shop_row(w, helper, email=helper.work_email, sms=boss.work_phone, address_phone=boss.work_phone)
    b.case("assistant_orders", row)


def shared_inbox(b: Builder, i: int) -> None:
    """A small firm's one mailbox (hello@, info@) held on the Pipedrive person who first wrote from it."""
    w = b.w
    company = w.company()
    first = w.person(company=company, email=False)
    inbox = w.mailbox(ROLE_LOCALS[i % len(ROLE_LOCALS)], company.domain)
    b.crm(first, **{"Email - Work": inbox})
    colleague = w.person(company=company, email=False)
    while colleague.first == first.first:
        colleague = replace(colleague, first=w.name(colleague.country, colleague.gender)[0])
    row = shop_row(w, colleague, email=inbox, sms=colleague.mobile if i % 2 else "")
    b.case("shared_inbox", row)


def successor(b: Builder, i: int) -> None:
    """Someone left; their successor in the role has the role's mailbox and desk line."""
    w = b.w
    company = w.company()
    left = w.person(company=company, email=False)
    mailbox = w.mailbox(
        w.r.choice(("officemanager", "purchasing", "events", "reception", "facilities")), company.domain
    )
    b.crm(left, **{"Email - Work": mailbox})
    new = w.person(company=company, email=False, mobile=i % 2 == 0)
    new.work_phone = left.work_phone
    row = shop_row(w, new, email=mailbox, sms=new.mobile or "", address_phone=left.work_phone)
    b.case("successor", row)


IN_MAKERS = (
    gmail_forms, sms_signup_known, newsletter_known, one_name_box, phone_slip, abroad_formats, nickname,
    moved_house, work_vs_home, crm_duplicate, swapped_names, accents_case, married_name, spouse_known,
    booked_by_assistant,
)  # fmt: skip
OUT_MAKERS = (
    father_son, household_mailbox, spouse_landline, twins, recycled_number, slipped_number_only,
    lookalike_mailbox_only, namesake_colleague, assistant_orders, shared_inbox, successor,
    junior, gift_to_relative,
)  # fmt: skip


def person_cases(people: int, per_category: int, *, seed: int) -> GeneratedCases:
    """The Pipedrive export (background and each case's records) and the Shopify customers, shuffled, with ids."""
    w = World(seed)
    b = Builder(w)
    background(b, people)
    for make in (*IN_MAKERS, *OUT_MAKERS):
        for i in range(per_category):
            make(b, i)
    for i in range(per_category * 6):
        not_in_crm(b, i)
    for i in range(per_category * 6):
        plain(b, i)
    w.r.shuffle(b.out.crm_rows)
    w.r.shuffle(b.out.cases)
    for item in b.out.cases:
        item.external_id = w.new_id(13)
    return b.out


# Splink reads both files standardised as `identity_quality.PERSON_SQL` does. Numbers on their last nine digits
# (a national and an international writing of one number agree there: 07700 900123 / +44 7700 900123); the
# CRM's mobile first, the shop's SMS number first; the shop's Default Address fields as its address.
_CRM_PHONE = """coalesce(nullif("Phone - Mobile", ''), nullif("Phone - Home", ''), "Phone - Work", '')"""
_SHOP_PHONE = """coalesce(nullif("Phone", ''), "Default Address Phone", '')"""
_CRM_DIGITS = f"right(regexp_replace({_CRM_PHONE}, '[^0-9]', '', 'g'), 9)"
_SHOP_DIGITS = f"right(regexp_replace({_SHOP_PHONE}, '[^0-9]', '', 'g'), 9)"
PERSON_SQL = {
    "crm": f"""
        SELECT "{CRM_ID}" AS unique_id,
               nullif(lower(trim("First name")), '') AS first_name,
               nullif(lower(trim("Last name")), '') AS last_name,
               nullif(lower(trim(coalesce(nullif("Email - Home", ''), "Email - Work"))), '') AS email,
               nullif({_CRM_DIGITS}, '') AS phone,
               {{company}}("Organization") AS company,
               nullif(upper(trim("Postal address - ZIP/Postal code")), '') AS zip,
               nullif(lower(trim("Postal address - City/town/village/locality")), '') AS city,
               NULL AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{INBOUND_ID}" AS unique_id,
               nullif(lower(trim("First Name")), '') AS first_name,
               nullif(lower(trim("Last Name")), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               nullif({_SHOP_DIGITS}, '') AS phone,
               {{company}}("Default Address Company") AS company,
               nullif(upper(trim("Default Address Zip")), '') AS zip,
               nullif(lower(trim("Default Address City")), '') AS city,
               NULL AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}


def main() -> None:
    run_generated(
        "identity-fourteenth",
        [
            GeneratedSuite(
                "people", lambda args: person_cases(args.people, args.per_category, seed=args.seed),
                "pipedrive", "shopify_customers", CRM_COLUMNS, INBOUND_COLUMNS, INBOUND_ID,
                ["--provider", "pipedrive", "--object", "persons", "--kind", "person", "--id-column", CRM_ID],
                "person", PERSON_SQL, "Pipedrive persons export <- Shopify customers export",
            ),
        ],
        seed=141, people=2500, orgs=0,
    )  # fmt: skip


if __name__ == "__main__":
    main()
