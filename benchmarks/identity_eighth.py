"""An eighth, independent check of identity, written as the outside evaluation: a Salesforce Contact export
against a conference's attendee export, with people of the name cultures the seven earlier generators leave
out (Icelandic patronymics, Arabic "bin" chains, Yoruba given names, South Indian initials, Brazilian surname
order, Dutch initials).

    python benchmarks/identity_eighth.py [--people 2500] [--per-category 30] [--seed 81]
                                         [--skip-splink] [--keep DIR] [--examples 10]

**The CRM side is a Salesforce Contact export** with the API names Data Export writes: `Id` (18 characters,
with the real case-check suffix), `FirstName`, `LastName`, `Email`, `Phone`, `MobilePhone`, `HomePhone`,
`Birthdate` (ISO), `MailingStreet`, `MailingCity`, `MailingPostalCode`, `MailingCountry`, `Account.Name`,
`Title`. Phones are stored in E.164 or in the international form a Salesforce user types.

**The inbound side is an event platform's attendee export**: `Attendee ID`, one `Full name` column (as the
attendee typed it: an honorific, an initial first, the family's own spelling), `Work email`, `Company`,
`Job title`, `Mobile` and `Phone` in the national form of the attendee's `Country`, `Date of birth` (asked
for visa letters; written the attendee's local way), `Street address`, `City`, `Postcode`, `Badge type`.

People come from Germany, the Netherlands, Brazil, India, the United Arab Emirates, Nigeria, Iceland, the UK
and the US. The categories (`CATEGORIES`) are chosen to be what the seven earlier generators do not write.
"link" cases are the CRM person written another way: a South Indian name written "R. Karthik" (father's
initial first) with the same mobile; a Yoruba given name shortened ("Seun" for Oluwaseun); a Brazilian
badge carrying the last surname only ("João Pereira" for João Carlos da Silva Pereira); an Arabic name in
another romanisation (Mohamed Alrashid for Mohammed Al-Rashid); Icelandic letters folded (Thorunn
Gudmundsdottir for Þórunn Guðmundsdóttir); Dutch initials ("J.W. de Vries"); a local honorific in the
name ("Engr.", "Chief", "Dipl.-Ing.", "CA", "Adv.", "Ir.") with the CRM's work email; a German home
landline in national form with the date of birth in "dd.mm.yyyy".
"none" cases are someone NOT in the CRM who collides with someone who is:
- an executive assistant registering herself from her boss's mailbox and desk line;
- a son of his father's name and no suffix at the family home (home landline, address), another birth date;
- a namesake at a franchisee of the CRM person's company, on the brand's domain with another mailbox;
- an Arabic son whose "bin" chain carries his father's given name, at the family home;
- an Icelandic son whose name is his father's turned round (Gunnar Jónsson, Jón Gunnarsson), same home;
- a woman with a double surname one half of which is a CRM colleague's of the same given name;
- a common-name namesake with the same first.last@ at another company's domain;
- a colleague writing from a catch-all mailbox in the company's language (vertrieb@, ventas@, contato@);
- a Yoruba sibling whose "Oluwa-" name shares its first letters (Oluwaseun, Oluwaseyi) at the family home;
- a second "Karthik" whose father's initial is the same letter as the CRM Karthik's surname, same company.

Both tools run on the same files in one run, through `identity_quality`'s shared runner.
"""

import random
from dataclasses import dataclass

import phonenumbers
from identity_quality import GeneratedCase, GeneratedCases, GeneratedSuite, run_generated

PNF = phonenumbers.PhoneNumberFormat
MOBILE = phonenumbers.PhoneNumberType.MOBILE
FIXED = phonenumbers.PhoneNumberType.FIXED_LINE

CONTACT_COLUMNS = [
    "Id", "FirstName", "LastName", "Email", "Phone", "MobilePhone", "HomePhone", "Birthdate", "MailingStreet",
    "MailingCity", "MailingPostalCode", "MailingCountry", "Account.Name", "Title",
]  # fmt: skip
ATTENDEE_ID = "Attendee ID"
ATTENDEE_COLUMNS = [
    ATTENDEE_ID, "Full name", "Work email", "Company", "Job title", "Mobile", "Phone", "Date of birth",
    "Street address", "City", "Postcode", "Country", "Badge type",
]  # fmt: skip


@dataclass(frozen=True)
class Culture:
    region: str
    country: str
    tld: str
    male: tuple
    female: tuple
    family: tuple
    legal: tuple
    free: tuple
    cities: tuple  # (city, postcode prefix or "")
    street: str  # a format with {n} and {s}
    streets: tuple
    dob: str  # strftime-like pattern of the local date form


def _t(text: str) -> tuple:
    return tuple(text.split())


CULTURES = {
    "DE": Culture(
        "DE",
        "Germany",
        "de",
        _t("Jürgen Klaus Stefan Thomas Andreas Michael Uwe Matthias Jörg Frank Sven"),
        _t("Sabine Monika Petra Stefanie Claudia Anja Katrin Birgit Ute Silke Jutta"),
        _t(
            "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer "
            "Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Krüger Hofmann Hartmann Lange Werner Krause"
        ),
        ("GmbH", "AG", "GmbH & Co. KG"),
        ("web.de", "gmx.de", "t-online.de", "gmail.com"),
        (("Berlin", "10"), ("München", "80"), ("Hamburg", "20"), ("Köln", "50"), ("Leipzig", "04")),
        "{s}straße {n}",
        _t("Haupt Bahnhof Schiller Goethe Linden Berg Garten Kirch"),
        "{d:02d}.{m:02d}.{y}",
    ),
    "NL": Culture(
        "NL",
        "Netherlands",
        "nl",
        _t("Jan_Willem Pieter_Jan Jan_Hendrik Johannes Gerrit Cornelis Hendrik"),
        _t("Anna_Maria Johanna Maria_Elisabeth Cornelia Wilhelmina Geertruida"),
        (
            "de Vries",
            "van den Berg",
            "Bakker",
            "Visser",
            "Smit",
            "de Boer",
            "Mulder",
            "de Groot",
            "Bos",
            "van Dijk",
            "Jansen",
            "Peters",
            "Hendriks",
            "Dekker",
        ),
        ("B.V.", "N.V."),
        ("ziggo.nl", "kpnmail.nl", "gmail.com", "hotmail.nl"),
        (("Amsterdam", "10"), ("Rotterdam", "30"), ("Utrecht", "35"), ("Den Haag", "25"), ("Arnhem", "68")),
        "{s}straat {n}",
        _t("Kerk Molen Dorps School Stations Hoog"),
        "{d:02d}-{m:02d}-{y}",
    ),
    "BR": Culture(
        "BR",
        "Brazil",
        "com.br",
        _t("João_Carlos Luiz_Fernando José_Roberto Paulo_Henrique Carlos_Eduardo"),
        _t("Maria_Fernanda Ana_Paula Ana_Carolina Maria_Luiza Luciana Juliana"),
        (
            "da Silva Pereira",
            "dos Santos Oliveira",
            "Souza Lima",
            "Ferreira da Costa",
            "Alves Rodrigues",
            "Gomes Ribeiro",
            "Carvalho Martins",
            "de Almeida Barbosa",
            "Araújo Cardoso",
            "Rocha Nascimento",
        ),
        ("Ltda.", "S.A."),
        ("gmail.com", "uol.com.br", "bol.com.br", "hotmail.com"),
        (("São Paulo", "01"), ("Rio de Janeiro", "20"), ("Belo Horizonte", "30"), ("Curitiba", "80")),
        "Rua {s}, {n}",
        ("das Flores", "Augusta", "XV de Novembro", "da Consolação"),
        "{d:02d}/{m:02d}/{y}",
    ),
    "IN": Culture(
        "IN",
        "India",
        "in",
        _t("Karthik Venkatesh Suresh Ramesh Arun Prakash Senthil Ganesh Balaji Vignesh"),
        _t("Lakshmi Priya Divya Kavitha Deepa Meena Revathi Anitha Sangeetha"),
        _t("Ramaswamy Rajan Krishnan Subramanian Natarajan Raghavan Srinivasan Balasubramanian Venkataraman"),
        ("Pvt. Ltd.", "Ltd."),
        ("gmail.com", "rediffmail.com", "yahoo.co.in"),
        (("Chennai", "600"), ("Bengaluru", "560"), ("Coimbatore", "641"), ("Hyderabad", "500")),
        "{n}, {s} Street",
        ("Gandhi", "Nehru", "Anna Salai", "Temple"),
        "{d:02d}/{m:02d}/{y}",
    ),
    "AE": Culture(
        "AE",
        "United Arab Emirates",
        "ae",
        _t("Mohammed Ahmed Khalid Saeed Rashid Hamad Sultan Abdullah Omar"),
        _t("Fatima Mariam Aisha Noura Hessa Latifa Shamma"),
        (
            "Al Mansouri",
            "Al Rashid",
            "Al Suwaidi",
            "Al Mazrouei",
            "Al Hashimi",
            "Al Ketbi",
            "Al Falasi",
            "Al Nuaimi",
            "Al Shamsi",
            "Al Dhaheri",
        ),
        ("LLC", "FZ-LLC", "FZE"),
        ("gmail.com", "hotmail.com", "eim.ae"),
        (("Dubai", ""), ("Abu Dhabi", ""), ("Sharjah", "")),
        "Villa {n}, {s} Street",
        ("Al Wasl", "Jumeirah", "Al Safa", "Umm Suqeim"),
        "{d:02d}/{m:02d}/{y}",
    ),
    "NG": Culture(
        "NG",
        "Nigeria",
        "com.ng",
        _t("Oluwaseun Oluwafemi Babatunde Adebayo Olumide Oluwatobi Chinedu Emeka"),
        _t("Olufunmilayo Oluwakemi Adebola Folasade Oluwaseyi Temitope Ngozi"),
        _t("Adeyemi Ogunleye Okonkwo Adebayo Olawale Eze Bankole Afolabi Ogundipe Adewale Okafor"),
        ("Ltd", "Plc"),
        ("gmail.com", "yahoo.com"),
        (("Lagos", "100"), ("Abuja", "900"), ("Ibadan", "200"), ("Port Harcourt", "500")),
        "{n} {s} Street",
        ("Awolowo", "Allen", "Adeola Odeku", "Broad"),
        "{d:02d}/{m:02d}/{y}",
    ),
    "IS": Culture(
        "IS",
        "Iceland",
        "is",
        _t("Jón Gunnar Sigurður Guðmundur Einar Kristján Magnús Ólafur Þórður"),
        _t("Guðrún Þórunn Sigríður Kristín Helga Ólöf Ásdís"),
        (),
        ("ehf.", "hf."),
        ("gmail.com", "simnet.is", "internet.is"),
        (("Reykjavík", "10"), ("Kópavogur", "20"), ("Hafnarfjörður", "22"), ("Akureyri", "60")),
        "{s} {n}",
        ("Laugavegur", "Skólavörðustígur", "Hverfisgata", "Bankastræti"),
        "{d:02d}.{m:02d}.{y}",
    ),
    "UK": Culture(
        "GB",
        "United Kingdom",
        "co.uk",
        _t("James Oliver Harry George Thomas William Daniel Samuel"),
        _t("Emily Sophie Charlotte Hannah Olivia Lucy Grace"),
        _t("Smith Jones Taylor Brown Williams Wilson Evans Thomas Roberts Walker Wright Green"),
        ("Ltd", "PLC"),
        ("gmail.com", "btinternet.com", "outlook.com"),
        (("Leeds", "LS"), ("Bristol", "BS"), ("York", "YO"), ("Cardiff", "CF")),
        "{n} {s} Road",
        ("Station", "Church", "Victoria", "Park"),
        "{d:02d}/{m:02d}/{y}",
    ),
    "US": Culture(
        "US",
        "United States",
        "com",
        _t("Michael David John Robert Christopher Brian Kevin Jason"),
        _t("Jennifer Jessica Ashley Amanda Sarah Melissa Nicole"),
        _t("Smith Johnson Williams Brown Jones Miller Davis Garcia Rodriguez Martinez Anderson Taylor"),
        ("Inc.", "LLC", "Corp."),
        ("gmail.com", "yahoo.com", "outlook.com"),
        (("Chicago", "606"), ("Denver", "802"), ("Atlanta", "303"), ("Seattle", "981")),
        "{n} {s} Street",
        ("Main", "Oak", "Maple", "Elm"),
        "{m:02d}/{d:02d}/{y}",
    ),
}
# An Icelandic father's given name -> the stem his children's patronymic is made of (Guðmundur -> Guðmundsson).
ICELANDIC_FATHERS = {
    "Jón": "Jóns",
    "Gunnar": "Gunnars",
    "Sigurður": "Sigurðs",
    "Guðmundur": "Guðmunds",
    "Einar": "Einars",
    "Kristján": "Kristjáns",
    "Magnús": "Magnús",
    "Ólafur": "Ólafs",
}
YORUBA_SHORT = {
    "Oluwaseun": "Seun", "Oluwafemi": "Femi", "Babatunde": "Tunde", "Adebayo": "Bayo", "Olumide": "Mide",
    "Oluwatobi": "Tobi", "Olufunmilayo": "Funmi", "Oluwakemi": "Kemi", "Adebola": "Bola", "Folasade": "Sade",
    "Temitope": "Tope",
}  # fmt: skip
OLUWA_SIBLINGS = [("Oluwaseun", "Oluwaseyi"), ("Oluwafemi", "Oluwafunke"), ("Oluwatobi", "Oluwatosin"),
                  ("Oluwakemi", "Oluwakayode"), ("Oluwadamilare", "Oluwadamilola"), ("Olumide", "Olumuyiwa")]  # fmt: skip
# Romanisations of one Arabic name (Hamed is another name than Hamad: not listed as its spelling).
ARABIC_SPELLINGS = {
    "Mohammed": ("Mohamed", "Muhammad", "Mohammad", "Mohamad"), "Ahmed": ("Ahmad",), "Khalid": ("Khaled",),
    "Saeed": ("Said", "Saeid"), "Rashid": ("Rashed",), "Hamad": ("Hamad",), "Abdullah": ("Abdalla", "Abdulla"),
    "Omar": ("Umar",), "Fatima": ("Fatma", "Fatimah"), "Mariam": ("Maryam",), "Aisha": ("Aysha", "Ayesha"),
    "Noura": ("Nora", "Nourah"), "Sultan": ("Sultaan",), "Hessa": ("Hissa",), "Latifa": ("Latifah",),
    "Shamma": ("Shama",),
}  # fmt: skip
HONORIFICS = {"NG": ("Engr.", "Chief", "Alhaji", "Barr."), "IN": ("CA", "Adv.", "Er."),
              "DE": ("Dipl.-Ing.", "Dipl.-Kfm.", "Prof. Dr."), "NL": ("Ir.", "Drs.", "Mr."),
              "AE": ("Eng.", "H.E."), "BR": ("Eng.", "Dra.")}  # fmt: skip
CATCH_ALL = {"DE": ("vertrieb", "kontakt", "buero", "verkauf"), "NL": ("verkoop", "kantoor", "contact"),
             "BR": ("contato", "vendas", "comercial", "atendimento"), "UK": ("enquiries", "office"),
             "US": ("sales", "office")}  # fmt: skip
TITLES = (
    "Procurement Lead",
    "CTO",
    "Head of Finance",
    "Plant Manager",
    "Sales Director",
    "Engineer",
    "Buyer",
)
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ren",
    "tor",
    "vas",
    "quel",
    "dun",
    "pra",
    "sel",
    "bri",
    "mar",
    "zen",
    "hol",
    "tak",
    "ver",
    "nu",
    "os",
]
BADGES = ("Delegate", "Speaker", "Exhibitor", "VIP", "Press")

CATEGORIES = {
    "returning_attendee": "link",
    "south_indian_initial_first_mobile": "link",
    "yoruba_short_given_mobile": "link",
    "brazilian_last_surname_badge_mobile": "link",
    "arabic_romanisation_mobile": "link",
    "icelandic_letters_folded_mobile": "link",
    "dutch_initials_mobile": "link",
    "local_honorific_work_email": "link",
    "german_home_landline_local_dob": "link",
    "assistant_from_boss_mailbox": "none",
    "son_same_name_family_home_dob": "none",
    "franchisee_namesake_brand_domain": "none",
    "arabic_bin_chain_father_son": "none",
    "icelandic_patronymic_father_son": "none",
    "double_surname_half_colleague": "none",
    "first_last_other_company_domain": "none",
    "catch_all_mailbox_colleague": "none",
    "yoruba_oluwa_sibling_home": "none",
    "second_karthik_same_initial": "none",
}


def fold(text: str) -> str:
    """ASCII letters an email address is made of (Icelandic þ and ð as th and d, umlauts without their dots)."""
    import unicodedata

    text = text.replace("Þ", "Th").replace("þ", "th").replace("Ð", "D").replace("ð", "d").replace("Æ", "Ae")
    text = text.replace("æ", "ae").replace("Ö", "O").replace("ö", "o")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def slug(text: str) -> str:
    return "".join(c for c in fold(text).lower() if c.isalnum())


def salesforce_id(prefix: str, number: int) -> str:
    """An 18-character Salesforce id: 15 case-sensitive characters and the 3-character case check."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    body = ""
    for _ in range(12):
        number, digit = divmod(number, 62)
        body = alphabet[digit] + body
    base = f"{prefix}{body}"
    check = ""
    for start in range(0, 15, 5):
        bits = sum(1 << i for i, c in enumerate(base[start : start + 5]) if c.isupper())
        check += "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"[bits]
    return base + check


@dataclass
class Firm:
    culture: str
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
    culture: str
    given: str
    family: str
    firm: Firm
    email: str = ""
    desk: str = ""
    mobile: str = ""
    home: str = ""
    dob: tuple = ()
    street: str = ""
    city: str = ""
    postcode: str = ""
    title: str = ""


class Population:
    """Deterministic firms and people; a phone, mailbox or brand is handed out once unless a case shares it."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed * 7919 + 8)
        self.taken: set = set()
        self.serial = seed * 10_000_000

    def unique(self, make):
        for _ in range(2000):
            value = make()
            if value not in self.taken:
                self.taken.add(value)
                return value
        raise RuntimeError("no unused value left")

    def contact_id(self) -> str:
        self.serial += self.rng.randrange(1, 5000)
        return salesforce_id("003", self.serial)

    def phone(self, culture: str, kind=FIXED) -> str:
        region = CULTURES[culture].region
        sample = phonenumbers.national_significant_number(phonenumbers.example_number_for_type(region, kind))
        code = phonenumbers.country_code_for_region(region)
        head = max(2, len(sample) - 5)

        def make():
            while True:
                digits = sample[:head] + "".join(str(self.rng.randrange(10)) for _ in sample[head:])
                number = phonenumbers.parse(f"+{code}{digits}")
                if phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in (
                    kind,
                    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
                ):
                    return phonenumbers.format_number(number, PNF.E164)

        return self.unique(make)

    def address(self, culture: str) -> tuple[str, str, str]:
        c = CULTURES[culture]
        city, prefix = self.rng.choice(c.cities)
        if culture == "UK":
            postcode = f"{prefix}{self.rng.randrange(1, 20)} {self.rng.randrange(1, 9)}{self.rng.choice('ABDEHJ')}{self.rng.choice('LNPRTW')}"
        elif culture == "BR":
            postcode = f"{prefix}{self.rng.randrange(100, 999)}-{self.rng.randrange(0, 999):03d}"
        elif culture == "NL":
            postcode = f"{prefix}{self.rng.randrange(10, 99)} {self.rng.choice('ABCDEFGH')}{self.rng.choice('KLMNPRST')}"
        elif culture == "AE":
            postcode = ""
        else:
            width = {"DE": 5, "IN": 6, "NG": 6, "IS": 3, "US": 5}[culture]
            postcode = (prefix + "".join(str(self.rng.randrange(10)) for _ in range(width)))[:width]
        street = c.street.format(n=self.rng.randrange(1, 120), s=self.rng.choice(c.streets))
        return city, postcode, street

    def brand(self) -> str:
        return self.unique(lambda: "".join(self.rng.choice(SYLLABLES) for _ in range(3)).title())

    def firm(self, culture: str, *, brand: str = "", domain: str = "") -> Firm:
        c = CULTURES[culture]
        brand = brand or self.brand()
        city, postcode, street = self.address(culture)
        return Firm(
            culture, brand, self.rng.choice(c.legal), domain or self.unique(lambda: f"{slug(brand)}.{c.tld}"),
            self.phone(culture), city, postcode, street,
        )  # fmt: skip

    def given(self, culture: str, female: bool | None = None) -> str:
        c = CULTURES[culture]
        female = self.rng.random() < 0.5 if female is None else female
        return self.rng.choice(c.female if female else c.male).replace("_", " ")

    def family(self, culture: str) -> str:
        if culture == "IS":
            return ICELANDIC_FATHERS[self.rng.choice(list(ICELANDIC_FATHERS))] + "son"
        return self.rng.choice(CULTURES[culture].family)

    def birth(self, low: int = 1955, high: int = 2000) -> tuple:
        return (self.rng.randrange(low, high), self.rng.randrange(1, 13), self.rng.randrange(1, 29))

    def mailbox(self, local: str, domain: str) -> str:
        return self.unique(
            lambda: f"{local}{self.rng.choice(['', '', '', str(self.rng.randrange(2, 99))])}@{domain}"
        )

    def work_address(self, given: str, family: str, domain: str) -> str:
        g, f = slug(given.split()[0]), slug(family.split()[-1])
        style = self.rng.choice(["{g}.{f}", "{g}.{f}", "{i}{f}", "{g}{f}", "{g}"])
        return self.mailbox(style.format(g=g, f=f, i=g[0]), domain)

    def person(self, culture: str, firm: Firm, *, given: str = "", family: str = "", female=None) -> Person:
        given = given or self.given(culture, female)
        family = family or self.family(culture)
        if culture == "IS" and family.endswith("son") and given in CULTURES["IS"].female:
            family = family[:-3] + "dóttir"
        p = Person(culture, given, family, firm, title=self.rng.choice(TITLES), dob=self.birth())
        p.email = self.work_address(given, family, firm.domain)
        roll = self.rng.random()
        p.desk = firm.switchboard if roll < 0.3 else self.phone(culture) if roll < 0.6 else ""
        p.mobile = self.phone(culture, MOBILE) if self.rng.random() < 0.7 else ""
        p.city, p.postcode, p.street = firm.city, firm.postcode, firm.street
        return p

    def at_home(self, p: Person) -> None:
        p.home = self.phone(p.culture)
        p.city, p.postcode, p.street = self.address(p.culture)


# -- rows ---------------------------------------------------------------------------------------------------


def stored_phone(rng: random.Random, e164: str) -> str:
    """As a Salesforce user keeps it: E.164 or the international form."""
    if not e164:
        return ""
    return (
        e164
        if rng.random() < 0.5
        else phonenumbers.format_number(phonenumbers.parse(e164), PNF.INTERNATIONAL)
    )


def local_phone(e164: str) -> str:
    """As an attendee types their own number: the national form, read with the Country column."""
    return phonenumbers.format_number(phonenumbers.parse(e164), PNF.NATIONAL) if e164 else ""


def contact(rng: random.Random, p: Person, record_id: str, **override) -> dict:
    row = {
        "Id": record_id,
        "FirstName": p.given,
        "LastName": p.family,
        "Email": p.email,
        "Phone": stored_phone(rng, p.desk),
        "MobilePhone": stored_phone(rng, p.mobile),
        "HomePhone": stored_phone(rng, p.home),
        "Birthdate": "{}-{:02d}-{:02d}".format(*p.dob) if p.dob and rng.random() < 0.6 else "",
        "MailingStreet": p.street,
        "MailingCity": p.city,
        "MailingPostalCode": p.postcode,
        "MailingCountry": CULTURES[p.culture].country,
        "Account.Name": p.firm.name,
        "Title": p.title,
    }
    row.update(override)
    return row


def attendee(rng: random.Random, p: Person, *, dob: bool = False, **override) -> dict:
    c = CULTURES[p.culture]
    y, m, d = p.dob or (0, 0, 0)
    row = {
        "Full name": f"{p.given} {p.family}",
        "Work email": p.email,
        "Company": p.firm.name,
        "Job title": p.title,
        "Mobile": local_phone(p.mobile),
        "Phone": local_phone(p.home or p.desk),
        "Date of birth": c.dob.format(y=y, m=m, d=d) if dob and p.dob else "",
        "Street address": p.street,
        "City": p.city,
        "Postcode": p.postcode,
        "Country": c.country,
        "Badge type": rng.choice(BADGES),
    }
    row.update(override)
    return row


# -- cases --------------------------------------------------------------------------------------------------


def person_cases(people: int = 2500, per_category: int = 30, *, seed: int = 81) -> GeneratedCases:
    world, out = Population(seed), GeneratedCases()
    rng = world.rng
    firms = {c: [world.firm(c) for _ in range(max(6, people // 80))] for c in CULTURES}
    background: list[tuple[Person, str]] = []

    def crm(p: Person, **override) -> str:
        record_id = world.contact_id()
        out.crm_rows.append(contact(rng, p, record_id, **override))
        return record_id

    def case(category: str, row: dict, *truth: str) -> None:
        out.cases.append(GeneratedCase(category, row, tuple(truth)))

    def each():
        return range(per_category)

    for _ in range(people):
        culture = rng.choice(list(CULTURES))
        p = world.person(culture, rng.choice(firms[culture]))
        if rng.random() < 0.2:
            world.at_home(p)
        background.append((p, crm(p)))

    for _ in each():
        p, record_id = rng.choice(background)
        case("returning_attendee", attendee(rng, p), record_id)

    def mobile_only(p: Person, name: str) -> dict:
        return attendee(rng, p, **{"Full name": name, "Work email": "", "Phone": ""})

    def with_mobile(culture: str, **kw) -> Person:
        p = world.person(culture, rng.choice(firms[culture]), **kw)
        p.mobile = p.mobile or world.phone(culture, MOBILE)
        return p

    # "R. Karthik": Tamil usage puts the father's initial first; Salesforce holds "Karthik Ramaswamy".
    for _ in each():
        p = with_mobile("IN")
        record_id = crm(p)
        name = rng.choice(
            [f"{p.family[0]}. {p.given}", f"{p.given} {p.family[0]}.", f"{p.family[0]} {p.given}"]
        )
        case("south_indian_initial_first_mobile", mobile_only(p, name), record_id)

    # "Seun Adeyemi" for Oluwaseun Adeyemi: the short form every Yoruba speaker knows.
    for _ in each():
        given = rng.choice(list(YORUBA_SHORT))
        p = with_mobile("NG", given=given)
        record_id = crm(p)
        case("yoruba_short_given_mobile", mobile_only(p, f"{YORUBA_SHORT[given]} {p.family}"), record_id)

    # A Brazilian badge: the first given name and the LAST surname (João Pereira for João Carlos da Silva
    # Pereira), the company, the mobile.
    for _ in each():
        p = with_mobile("BR")
        record_id = crm(p)
        case(
            "brazilian_last_surname_badge_mobile",
            mobile_only(p, f"{p.given.split()[0]} {p.family.split()[-1]}"),
            record_id,
        )

    # Another romanisation of an Arabic name: Mohamed Alrashid, MUHAMMAD EL RASHID for Mohammed Al Rashid.
    for _ in each():
        p = with_mobile("AE")
        record_id = crm(p, LastName=p.family.replace("Al ", rng.choice(["Al-", "Al "])))
        given = rng.choice(ARABIC_SPELLINGS.get(p.given, (p.given,)))
        core = p.family.split()[-1]
        family = rng.choice(
            [f"Al{core.lower()}", f"El {core}", f"El-{core}", f"al-{core}", f"AL {core.upper()}"]
        )
        case("arabic_romanisation_mobile", mobile_only(p, f"{given} {family}"), record_id)

    # Icelandic letters on a keyboard without them: Thorunn Gudmundsdottir for Þórunn Guðmundsdóttir.
    for _ in each():
        p = with_mobile("IS")
        record_id = crm(p)
        case("icelandic_letters_folded_mobile", mobile_only(p, fold(f"{p.given} {p.family}")), record_id)

    # Dutch initials: "J.W. de Vries" for Jan Willem de Vries.
    for _ in each():
        p = with_mobile("NL")
        record_id = crm(p)
        initials = "".join(f"{part[0]}." for part in p.given.split())
        name = rng.choice([f"{initials} {p.family}", f"{initials.replace('.', '. ').strip()} {p.family}"])
        case("dutch_initials_mobile", mobile_only(p, name), record_id)

    # A local honorific typed into the name ("Engr. Babatunde Ogunleye", "Dipl.-Ing. Klaus Weber"), with the
    # work email the CRM holds.
    for _ in each():
        culture = rng.choice(list(HONORIFICS))
        p = world.person(culture, rng.choice(firms[culture]))
        record_id = crm(p)
        name = f"{rng.choice(HONORIFICS[culture])} {p.given} {p.family}"
        case("local_honorific_work_email", attendee(rng, p, **{"Full name": name, "Mobile": ""}), record_id)

    # A German contact with a home landline: the attendee types it nationally, the birth date "dd.mm.yyyy".
    for _ in each():
        p = world.person("DE", rng.choice(firms["DE"]))
        world.at_home(p)
        record_id = crm(p, Birthdate="{}-{:02d}-{:02d}".format(*p.dob))
        row = attendee(rng, p, dob=True, **{"Work email": "", "Mobile": "", "Company": ""})
        case("german_home_landline_local_dob", row, record_id)

    # -- not in the CRM -----------------------------------------------------------------------------------

    # An assistant registers herself from her boss's mailbox (a shared calendar delegate) with his desk line.
    for _ in each():
        culture = rng.choice(["DE", "NL", "UK", "US", "IN", "AE"])
        firm = rng.choice(firms[culture])
        boss = world.person(culture, firm, female=False)
        boss.desk = boss.desk or world.phone(culture)
        crm(boss)
        assistant = world.person(culture, firm, female=True)
        assistant.email, assistant.desk, assistant.mobile = boss.email, boss.desk, ""
        assistant.title = rng.choice(["Executive Assistant", "Office Manager", "PA to the CEO"])
        case(
            "assistant_from_boss_mailbox",
            attendee(rng, assistant),
        )

    # A son of his father's name, no suffix, at the family home (landline, address); another birth date.
    for _ in each():
        culture = rng.choice(["DE", "US", "UK", "NL", "BR"])
        father = world.person(culture, rng.choice(firms[culture]), female=False)
        world.at_home(father)
        father.dob = world.birth(1950, 1968)
        crm(father, Birthdate="{}-{:02d}-{:02d}".format(*father.dob))
        son = world.person(culture, rng.choice(firms[culture]), given=father.given, family=father.family)
        son.home, son.street, son.city, son.postcode = (
            father.home,
            father.street,
            father.city,
            father.postcode,
        )
        son.dob, son.email = world.birth(1985, 2002), ""
        case("son_same_name_family_home_dob", attendee(rng, son, dob=True))

    # A namesake at a franchisee that uses the brand's domain: another mailbox, city and phones.
    for _ in each():
        culture = rng.choice(["US", "UK", "DE"])
        head_office = rng.choice(firms[culture])
        family = rng.choice(CULTURES[culture].family[:5])
        a = world.person(culture, head_office, family=family, female=False)
        crm(a)
        franchisee = world.firm(culture, brand=head_office.brand, domain=head_office.domain)
        b = world.person(culture, franchisee, given=a.given, family=family)
        b.desk = franchisee.switchboard
        case(
            "franchisee_namesake_brand_domain",
            attendee(rng, b, Company=f"{head_office.brand} {franchisee.city}"),
        )

    # An Emirati father and son: the son's chain "Ahmed bin Khalid Al Mansouri" carries his father's name;
    # the CRM holds the father, Khalid, with the family home.
    for _ in each():
        father_given, son_given = rng.sample(CULTURES["AE"].male, 2)
        family = rng.choice(CULTURES["AE"].family)
        father = world.person("AE", rng.choice(firms["AE"]), given=father_given, family=family)
        world.at_home(father)
        crm(father)
        son = world.person("AE", rng.choice(firms["AE"]), given=son_given, family=family)
        son.home, son.street, son.city, son.postcode = (
            father.home,
            father.street,
            father.city,
            father.postcode,
        )
        son.mobile = world.phone("AE", MOBILE)
        name = rng.choice(
            [f"{son_given} bin {father_given} {family}", f"{son_given} {father_given} {family}"]
        )
        case("arabic_bin_chain_father_son", attendee(rng, son, **{"Full name": name, "Work email": ""}))

    # Icelandic father and son: Gunnar Jónsson's son Jón is Jón Gunnarsson; one home, one landline.
    for _ in each():
        grandfather, father_given = rng.sample(list(ICELANDIC_FATHERS), 2)
        father_family = f"{ICELANDIC_FATHERS[grandfather]}son"
        father = world.person("IS", rng.choice(firms["IS"]), given=father_given, family=father_family)
        world.at_home(father)
        crm(father)
        son = world.person(
            "IS", rng.choice(firms["IS"]), given=grandfather, family=f"{ICELANDIC_FATHERS[father_given]}son"
        )
        son.home, son.street, son.city, son.postcode = (
            father.home,
            father.street,
            father.city,
            father.postcode,
        )
        son.mobile, son.email = world.phone("IS", MOBILE), ""
        case("icelandic_patronymic_father_son", attendee(rng, son))

    # "Anna Schmidt-Weber" at the firm where the CRM knows Anna Weber: another woman, own mailbox and mobile.
    for _ in each():
        firm = rng.choice(firms["DE"])
        given = world.given("DE", female=True)
        first_half, second_half = rng.sample(CULTURES["DE"].family, 2)
        a = world.person("DE", firm, given=given, family=rng.choice([first_half, second_half]))
        crm(a)
        b = world.person("DE", firm, given=given, family=f"{first_half}-{second_half}")
        b.mobile = b.mobile or world.phone("DE", MOBILE)
        b.email = world.mailbox(f"{slug(given)}.{slug(first_half)}-{slug(second_half)}", firm.domain)
        case("double_surname_half_colleague", attendee(rng, b))

    # A common name with the same first.last@ at another company: other city, other phones.
    for _ in each():
        culture = rng.choice(["US", "UK", "DE", "IN", "BR"])
        firm_a, firm_b = rng.sample(firms[culture], 2)
        given, family = world.given(culture), rng.choice(CULTURES[culture].family[:4])
        local = f"{slug(given.split()[0])}.{slug(family.split()[-1])}"
        if f"{local}@{firm_a.domain}" in world.taken or f"{local}@{firm_b.domain}" in world.taken:
            local += str(rng.randrange(100, 999))
        a = world.person(culture, firm_a, given=given, family=family)
        a.email = f"{local}@{firm_a.domain}"
        world.taken.add(a.email)
        crm(a)
        b = world.person(culture, firm_b, given=given, family=family)
        b.email = f"{local}@{firm_b.domain}"
        world.taken.add(b.email)
        case("first_last_other_company_domain", attendee(rng, b))

    # A small firm's catch-all in its own language (vertrieb@, contato@) is the CRM contact's; a colleague
    # (sometimes of the family: the same surname) registers with it and the switchboard.
    for _ in each():
        culture = rng.choice(list(CATCH_ALL))
        firm = world.firm(culture)
        a = world.person(culture, firm)
        a.email, a.desk = f"{rng.choice(CATCH_ALL[culture])}@{firm.domain}", firm.switchboard
        crm(a)
        b = world.person(culture, firm, family=a.family if rng.random() < 0.5 else "")
        while b.given == a.given:
            b = world.person(culture, firm, family=b.family)
        b.email, b.desk, b.mobile = a.email, firm.switchboard, ""
        case("catch_all_mailbox_colleague", attendee(rng, b))

    # Yoruba siblings whose "Oluwa-" names share their first letters, at the family home.
    for _ in each():
        crm_given, list_given = rng.sample(rng.choice(OLUWA_SIBLINGS), 2)
        family = rng.choice(CULTURES["NG"].family)
        a = world.person("NG", rng.choice(firms["NG"]), given=crm_given, family=family)
        world.at_home(a)
        crm(a)
        b = world.person("NG", rng.choice(firms["NG"]), given=list_given, family=family)
        b.home, b.street, b.city, b.postcode = a.home, a.street, a.city, a.postcode
        b.mobile = world.phone("NG", MOBILE)
        case("yoruba_oluwa_sibling_home", attendee(rng, b, **{"Work email": ""}))

    # "R. Karthik" (Karthik son of Ramesh) at the company where the CRM knows Karthik Rajan: own mailbox.
    for _ in each():
        firm = rng.choice(firms["IN"])
        given = rng.choice(CULTURES["IN"].male)
        crm_family = rng.choice(CULTURES["IN"].family)
        a = world.person("IN", firm, given=given, family=crm_family)
        crm(a)
        father = rng.choice(
            [
                f
                for f in (*CULTURES["IN"].family, "Ramesh", "Raghu", "Rajendran")
                if f[0] == crm_family[0] and f != crm_family
            ]
            or ["Rajendran"]
        )
        b = world.person("IN", firm, given=given, family=father)
        b.mobile = world.phone("IN", MOBILE)
        b.email = world.mailbox(f"{slug(given)}.{slug(father)[0]}", firm.domain)
        name = rng.choice([f"{father[0]}. {given}", f"{given} {father[0]}"])
        case("second_karthik_same_initial", attendee(rng, b, **{"Full name": name}))

    rng.shuffle(out.crm_rows)
    rng.shuffle(out.cases)
    for number, item in enumerate(out.cases, start=1):
        item.external_id = f"ATT-{seed:03d}-{number:05d}"
    return out


# -- the two tools ------------------------------------------------------------------------------------------

# Splink reads the pair through SQL mapping these columns onto its settings' names. Phones are compared on
# their last nine digits (E.164 against national forms); the full name is split at its first space.
_FULL = 'trim("Full name")'
PERSON_SQL = {
    "crm": """
        SELECT "Id" AS unique_id,
               nullif(lower(strip_accents(split_part(trim("FirstName"), ' ', 1))), '') AS first_name,
               nullif(lower(strip_accents(trim("LastName"))), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               right({phone}(coalesce(nullif("MobilePhone", ''), nullif("Phone", ''), "HomePhone")), 9) AS phone,
               {company}(strip_accents("Account.Name")) AS company,
               nullif(trim("MailingPostalCode"), '') AS zip,
               nullif(lower(strip_accents(trim("MailingCity"))), '') AS city,
               nullif(trim("Birthdate"), '') AS date_of_birth
        FROM read_csv('{path}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{ATTENDEE_ID}" AS unique_id,
               nullif(lower(strip_accents(split_part({_FULL}, ' ', 1))), '') AS first_name,
               nullif(lower(strip_accents(trim(substr({_FULL}, strpos({_FULL}, ' ') + 1)))), '') AS last_name,
               nullif(lower(trim("Work email")), '') AS email,
               right({{phone}}(coalesce(nullif("Mobile", ''), "Phone")), 9) AS phone,
               {{company}}(strip_accents("Company")) AS company,
               nullif(trim("Postcode"), '') AS zip,
               nullif(lower(strip_accents(trim("City"))), '') AS city,
               CASE WHEN regexp_matches("Date of birth", '^[0-9][0-9][./-][0-9][0-9][./-][0-9][0-9][0-9][0-9]$')
                    THEN substr("Date of birth", 7, 4) || '-' || substr("Date of birth", 4, 2) || '-'
                         || substr("Date of birth", 1, 2) END AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}


def main() -> None:
    run_generated(
        "identity-eighth",
        [
            GeneratedSuite(
                "people", lambda args: person_cases(args.people, args.per_category, seed=args.seed),
                "salesforce", "attendees", CONTACT_COLUMNS, ATTENDEE_COLUMNS, ATTENDEE_ID,
                ["--provider", "salesforce", "--object", "Contact", "--kind", "person"], "person", PERSON_SQL,
                "Salesforce Contact <- event attendees",
            ),
        ],
        seed=81, people=2500, orgs=0,
    )  # fmt: skip


if __name__ == "__main__":
    main()
