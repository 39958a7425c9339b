"""A twenty-fifth record set: Salesforce Accounts linked from an ERP's customer master (SAP S/4HANA).

    python benchmarks/identity_twentyfifth.py [--orgs 3000] [--per-category 40] [--seed 251] [--skip-splink]

The CRM side is a Salesforce Data Loader export of `Account` (API names, as the eighteenth set's) with the two
custom fields a company that invoices in Europe adds: `VAT_Number__c` (typed by a rep, as reps type it: "DE 123
456 789", "CHE-123.456.789 MWST", "0123.456.789", or without its country prefix) and `DUNS_Number__c`. The
inbound side is the customer master as an SAP GUI list export labels it (`Customer`, `Account Group`, `Name 1`,
`Name 2`, `Search Term`, `Street`, `House Number`, `Postal Code`, `City`, `Region`, `Country` as the country
key, `Telephone 1` as the customer's country writes it, `E-Mail Address`, `VAT Registration No.`, `Tax Number
1`, `D-U-N-S Number`, `Group Key`), keyed by the SAP customer number.

What differs between the two is what differs between a sales team's CRM and a finance team's ERP: the ERP
holds every legal entity, its registered name (split over `Name 1` and `Name 2` when longer than the field)
and legal form, one record per partner function (sold-to, ship-to, bill-to) of one company, and records
flagged for deletion; the CRM holds the names reps use, one account per customer, and the parent company
where the ERP has each subsidiary. Every category is built so that a credit controller reading the two
records side by side could decide it (a VAT number, a web domain, an address and a switchboard, a legal
entity's country); truth is the CRM Id (either of two for a CRM duplicate) or none.
"""

import random
import string
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import phonenumbers

sys.path.insert(0, str(Path(__file__).resolve().parent))

from identity_quality import GeneratedCase, GeneratedCases, GeneratedSuite, run_generated, unused_value

CRM_COLUMNS = [
    "Id",
    "Name",
    "Type",
    "ParentId",
    "Website",
    "Phone",
    "BillingStreet",
    "BillingCity",
    "BillingState",
    "BillingPostalCode",
    "BillingCountry",
    "ShippingStreet",
    "ShippingCity",
    "ShippingPostalCode",
    "ShippingCountry",
    "Industry",
    "AccountNumber",
    "VAT_Number__c",
    "DUNS_Number__c",
]
INBOUND_ID = "Customer"
INBOUND_COLUMNS = [
    INBOUND_ID,
    "Account Group",
    "Name 1",
    "Name 2",
    "Search Term",
    "Street",
    "House Number",
    "Postal Code",
    "City",
    "Region",
    "Country",
    "Telephone 1",
    "E-Mail Address",
    "VAT Registration No.",
    "Tax Number 1",
    "D-U-N-S Number",
    "Group Key",
]
SOLD_TO, SHIP_TO, BILL_TO, ONE_TIME = "Sold-to party", "Ship-to party", "Bill-to party", "One-time customer"

# -- countries ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class City:
    name: str  # as the country writes it
    region: str  # SAP's region key
    postcode: str  # # a digit, @ a letter, the rest as is
    english: str = ""


CITIES = {
    "DE": [City("München", "BY", "80###", "Munich"), City("Hamburg", "HH", "20###"),
           City("Köln", "NW", "50###", "Cologne"), City("Stuttgart", "BW", "70###"),
           City("Duisburg", "NW", "47###"), City("Frankfurt am Main", "HE", "60###", "Frankfurt")],
    "AT": [City("Wien", "9", "1###", "Vienna"), City("Linz", "4", "4###"), City("Graz", "6", "8###")],
    "CH": [City("Zürich", "ZH", "8###", "Zurich"), City("Basel", "BS", "40##"), City("Genève", "GE", "12##", "Geneva")],
    "FR": [City("Paris", "75", "750##"), City("Lyon", "69", "690##"), City("Toulouse", "31", "310##"),
           City("Lille", "59", "590##")],
    "IT": [City("Milano", "MI", "201##", "Milan"), City("Torino", "TO", "101##", "Turin"),
           City("Bologna", "BO", "401##"), City("Roma", "RM", "001##", "Rome")],
    "ES": [City("Madrid", "28", "280##"), City("Barcelona", "08", "080##"), City("Valencia", "46", "460##")],
    "NL": [City("Amsterdam", "NH", "10## @@"), City("Rotterdam", "ZH", "30## @@"),
           City("Eindhoven", "NB", "56## @@")],
    "BE": [City("Bruxelles", "", "10##", "Brussels"), City("Antwerpen", "", "20##", "Antwerp"),
           City("Gent", "", "90##", "Ghent")],
    "PL": [City("Warszawa", "MZ", "0#-###", "Warsaw"), City("Kraków", "MA", "3#-###", "Krakow"),
           City("Wrocław", "DS", "5#-###", "Wroclaw"), City("Poznań", "WP", "6#-###", "Poznan")],
    "SE": [City("Stockholm", "AB", "11# ##"), City("Göteborg", "O", "41# ##", "Gothenburg"),
           City("Malmö", "M", "21# ##", "Malmo")],
    "GB": [City("London", "", "EC1@ #@@"), City("Manchester", "", "M1 #@@"), City("Birmingham", "", "B1 #@@"),
           City("Leeds", "", "LS1 #@@")],
    "IE": [City("Dublin", "D", "D02 @#@#"), City("Cork", "CO", "T12 @#@#")],
    "US": [City("Chicago", "IL", "606##"), City("Houston", "TX", "770##"), City("Atlanta", "GA", "303##"),
           City("Boston", "MA", "021##"), City("Seattle", "WA", "981##")],
    "JP": [City("Tokyo", "13", "1##-####"), City("Osaka", "27", "5##-####"), City("Nagoya", "23", "4##-####")],
}  # fmt: skip
COUNTRY_NAMES = {
    "DE": "Germany", "AT": "Austria", "CH": "Switzerland", "FR": "France", "IT": "Italy", "ES": "Spain",
    "NL": "Netherlands", "BE": "Belgium", "PL": "Poland", "SE": "Sweden", "GB": "United Kingdom",
    "IE": "Ireland", "US": "United States", "JP": "Japan",
}  # fmt: skip
TLD = {"DE": "de", "AT": "at", "CH": "ch", "FR": "fr", "IT": "it", "ES": "es", "NL": "nl", "BE": "be",
       "PL": "pl", "SE": "se", "GB": "co.uk", "IE": "ie", "US": "com", "JP": "co.jp"}  # fmt: skip
# The form as registered (the ERP's) -> other ways a CRM writes that same form.
FORMS = {
    "DE": {"GmbH": ["GmbH", "Gesellschaft mit beschränkter Haftung", "G.m.b.H."], "AG": ["AG", "Aktiengesellschaft"],
           "GmbH & Co. KG": ["GmbH & Co. KG", "GmbH u. Co. KG", "GmbH + Co. KG"]},
    "AT": {"GmbH": ["GmbH", "Ges.m.b.H.", "Gesellschaft m.b.H."]},
    "CH": {"AG": ["AG", "SA"], "GmbH": ["GmbH", "Sàrl"]},
    "FR": {"S.A.S.": ["SAS", "S.A.S.", "Société par actions simplifiée"], "SARL": ["SARL", "S.A.R.L."]},
    "IT": {"S.p.A.": ["SpA", "S.p.A.", "Società per Azioni"], "S.r.l.": ["Srl", "S.r.l.", "s.r.l."]},
    "ES": {"S.L.": ["SL", "S.L.", "Sociedad Limitada"], "S.A.": ["SA", "S.A.", "Sociedad Anónima"]},
    "NL": {"B.V.": ["BV", "B.V.", "Besloten Vennootschap"], "N.V.": ["NV", "N.V."]},
    "BE": {"NV": ["NV", "SA", "N.V."], "BV": ["BV", "SRL"]},
    "PL": {"Sp. z o.o.": ["Sp. z o.o.", "sp. z o.o.", "Spółka z ograniczoną odpowiedzialnością", "Sp.z o.o."],
           "S.A.": ["S.A.", "SA", "Spółka Akcyjna"]},
    "SE": {"AB": ["AB", "Aktiebolag", "AB (publ)"]},
    "GB": {"Ltd": ["Ltd", "Limited", "Ltd."], "PLC": ["plc", "PLC"]},
    "IE": {"Limited": ["Ltd", "Limited"], "DAC": ["DAC", "Designated Activity Company"]},
    "US": {"Inc.": ["Inc.", "Inc", "Incorporated"], "LLC": ["LLC", "L.L.C."], "Corp.": ["Corp.", "Corporation"]},
    "JP": {"K.K.": ["K.K.", "KK", "Kabushiki Kaisha", "Co., Ltd."], "G.K.": ["G.K.", "Godo Kaisha"]},
}  # fmt: skip
TRADE_WORDS = {
    "DE": [
        "Maschinenbau",
        "Logistik",
        "Elektrotechnik",
        "Verpackung",
        "Antriebstechnik",
        "Kunststofftechnik",
    ],
    "FR": ["Emballages", "Industrie", "Distribution", "Électronique", "Mécanique"],
    "IT": ["Meccanica", "Imballaggi", "Elettronica", "Logistica", "Componenti"],
    "ES": ["Logística", "Envases", "Industrial", "Componentes"],
    "NL": ["Techniek", "Logistiek", "Verpakkingen", "Installatietechniek"],
    "PL": ["Logistyka", "Technika", "Opakowania", "Elektronika"],
    "SE": ["Teknik", "Logistik", "Förpackning", "Industri"],
    "EN": ["Packaging", "Logistics", "Components", "Industrial Supply", "Electronics", "Fasteners"],
    "JP": ["Seiki", "Shoji", "Denki", "Kogyo"],
}
LANGUAGE = {"DE": "DE", "AT": "DE", "CH": "DE", "FR": "FR", "BE": "NL", "IT": "IT", "ES": "ES", "NL": "NL",
            "PL": "PL", "SE": "SE", "GB": "EN", "IE": "EN", "US": "EN", "JP": "JP"}  # fmt: skip
COUNTRY_WORD = {"DE": "Deutschland", "AT": "Austria", "CH": "Schweiz", "FR": "France", "IT": "Italia",
                "ES": "España", "NL": "Nederland", "BE": "Belgium", "PL": "Polska", "SE": "Sverige", "GB": "UK",
                "IE": "Ireland", "US": "USA", "JP": "Japan"}  # fmt: skip
# A finance team's mailbox and a goods-in one, by language
MAILBOXES = {
    "DE": (["buchhaltung", "rechnungen", "kreditoren"], ["wareneingang", "lager", "logistik"]),
    "FR": (["comptabilite", "factures", "fournisseurs"], ["reception", "logistique", "entrepot"]),
    "IT": (["amministrazione", "fatture", "contabilita"], ["magazzino", "logistica"]),
    "ES": (["contabilidad", "facturas", "proveedores"], ["almacen", "logistica"]),
    "NL": (["crediteuren", "facturen", "administratie"], ["magazijn", "logistiek"]),
    "PL": (["ksiegowosc", "faktury"], ["magazyn", "logistyka"]),
    "SE": (["ekonomi", "faktura", "leverantorsreskontra"], ["lager", "godsmottagning"]),
    "EN": (["accounts.payable", "ap", "invoices", "purchase.ledger"], ["goods.in", "receiving", "warehouse"]),
    "JP": (["keiri", "seikyu"], ["butsuryu", "soko"]),
}
SITE_WORDS = {  # what a ship-to's second name line says the site is
    "DE": ["Lager", "Werk", "Auslieferungslager", "Wareneingang"],
    "FR": ["Entrepôt", "Usine", "Site de"],
    "IT": ["Magazzino", "Stabilimento"],
    "ES": ["Almacén", "Planta"],
    "NL": ["Magazijn", "Vestiging"],
    "PL": ["Magazyn", "Zakład"],
    "SE": ["Lager", "Fabrik"],
    "EN": ["Warehouse", "Plant", "Distribution Centre", "Goods In"],
    "JP": ["Warehouse", "Factory"],
}
FINANCE_LINES = {  # what a bill-to's second name line says
    "DE": ["Kreditorenbuchhaltung", "Rechnungseingang"],
    "FR": ["Service comptabilité fournisseurs", "Comptabilité"],
    "IT": ["Amministrazione", "Ufficio contabilità"],
    "ES": ["Departamento de contabilidad", "Cuentas a pagar"],
    "NL": ["Crediteurenadministratie", "Afdeling financiën"],
    "PL": ["Dział księgowości", "Księgowość"],
    "SE": ["Leverantörsreskontra", "Ekonomiavdelningen"],
    "EN": ["Accounts Payable", "Finance Department", "Purchase Ledger"],
    "JP": ["Accounting Department"],
}
PO_BOX = {"DE": "Postfach", "AT": "Postfach", "CH": "Postfach", "FR": "BP", "IT": "Casella postale", "ES": "Apartado",
          "NL": "Postbus", "BE": "Postbus", "PL": "Skrytka pocztowa", "SE": "Box", "GB": "PO Box", "IE": "PO Box",
          "US": "P.O. Box", "JP": "P.O. Box"}  # fmt: skip

_ONSETS = [
    "b",
    "br",
    "c",
    "d",
    "dr",
    "f",
    "g",
    "gr",
    "h",
    "k",
    "kl",
    "l",
    "m",
    "n",
    "p",
    "pr",
    "r",
    "s",
    "st",
    "t",
    "tr",
    "v",
    "w",
    "z",
]
_VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o", "ei", "au"]
_CODAS = ["", "", "n", "r", "l", "s", "m", "nd", "x", "k"]


def _fill(rng: random.Random, pattern: str) -> str:
    return "".join(
        str(rng.randrange(10)) if ch == "#" else rng.choice(string.ascii_uppercase) if ch == "@" else ch
        for ch in pattern
    )


# -- streets ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Street:
    """A street and house number apart (as SAP keeps them), and the one line a CRM writes of both."""

    name: str
    number: str
    line: str  # the CRM's BillingStreet


_STREETS = {
    "DE": (
        ["Industrie", "Haupt", "Bahnhof", "Lindenallee", "Gewerbe", "Hafen", "Schiller"],
        "straße",
        "str.",
    ),
    "NL": (["Kerk", "Molen", "Industrie", "Stations", "Haven"], "straat", "str."),
    "SE": (["Stor", "Kungs", "Hamn", "Industri", "Drottning"], "gatan", "g."),
}
_LATIN_STREETS = {
    "FR": ("rue", ["de la République", "Victor Hugo", "du Moulin", "de l'Industrie", "Pasteur"]),
    "IT": ("Via", ["Roma", "Garibaldi", "dell'Industria", "Mazzini", "Cavour"]),
    "ES": ("Calle", ["Mayor", "de Alcalá", "del Sol", "Serrano", "de la Industria"]),
    "PL": ("ul.", ["Marszałkowska", "Przemysłowa", "Długa", "Kościuszki", "Fabryczna"]),
    "BE": ("Rue", ["de la Loi", "Royale", "du Commerce", "de l'Industrie"]),
}
_ENGLISH_STREETS = ["Harbour", "Mill", "Station", "Market", "Bridge", "Church", "Park", "Canal", "Riverside"]
_JP_DISTRICTS = ["Marunouchi", "Nihonbashi", "Shiba", "Umeda", "Sakae", "Shinagawa", "Otemachi"]


def make_street(rng: random.Random, country: str) -> Street:
    number = str(rng.randrange(1, 160))
    if country in ("DE", "AT", "CH"):
        stems, full, short = _STREETS["DE"]
        stem = rng.choice(stems)
        name = stem if stem.endswith("allee") else stem + full
        line = f"{stem if stem.endswith('allee') else stem + rng.choice([full, short])} {number}"
        return Street(name, number, line)
    if country in ("NL", "SE"):
        stems, full, short = _STREETS[country]
        stem = rng.choice(stems)
        return Street(stem + full, number, f"{stem}{full} {number}")
    if country in ("FR", "BE"):
        kind, names = _LATIN_STREETS[country]
        name = f"{kind} {rng.choice(names)}"
        return Street(name, number, rng.choice([f"{number} {name}", f"{number}, {name}"]))
    if country in ("IT", "ES", "PL"):
        kind, names = _LATIN_STREETS[country]
        name = f"{kind} {rng.choice(names)}"
        return Street(name, number, rng.choice([f"{name} {number}", f"{name}, {number}"]))
    if country == "JP":
        block = f"{rng.randrange(1, 5)}-{rng.randrange(1, 20)}-{rng.randrange(1, 30)}"
        district = rng.choice(_JP_DISTRICTS)
        return Street(district, block, f"{block} {district}")
    kind = rng.choice(["Street", "Road", "Avenue", "Lane"])
    word = rng.choice(_ENGLISH_STREETS)
    if country == "US":
        number = str(rng.randrange(100, 9800))
        suite = rng.randrange(100, 900)
        return Street(f"{word} {kind}, Suite {suite}", number, f"{number} {word} {kind[:2]}. Ste {suite}")
    return Street(f"{word} {kind}", number, f"{number} {word} {kind}")


# -- VAT numbers ----------------------------------------------------------------------------------------------


def make_vat(rng: random.Random, country: str) -> str:
    """A VAT registration number as the ERP stores it (prefixed, no spaces): "" where the country has none."""

    def digits(count: int) -> str:
        return "".join(str(rng.randrange(10)) for _ in range(count))

    body = {
        "DE": lambda: digits(9),
        "AT": lambda: "U" + digits(8),
        "CH": lambda: "E" + digits(9),
        "FR": lambda: digits(11),
        "IT": lambda: digits(11),
        "ES": lambda: rng.choice("ABB") + digits(8),
        "NL": lambda: digits(9) + "B01",
        "BE": lambda: "0" + digits(9),
        "PL": lambda: digits(10),
        "SE": lambda: digits(10) + "01",
        "GB": lambda: digits(9),
        "IE": lambda: digits(7) + rng.choice("ABCDEFHKLMPTW"),
    }.get(country)
    return f"{country}{body()}" if body else ""


def vat_as_typed(rng: random.Random, vat: str) -> str:
    """A VAT number as a rep types it into a CRM: grouped as the country prints it, or without its prefix."""
    country, body = vat[:2], vat[2:]
    printed = {
        "DE": lambda: f"DE {body[:3]} {body[3:6]} {body[6:]}",
        "AT": lambda: f"ATU {body[1:]}",
        "CH": lambda: f"CHE-{body[1:4]}.{body[4:7]}.{body[7:]} {rng.choice(['MWST', 'TVA', ''])}".strip(),
        "FR": lambda: f"FR {body[:2]} {body[2:5]} {body[5:8]} {body[8:]}",
        "IT": lambda: f"IT {body}",
        "ES": lambda: f"ES-{body}",
        "NL": lambda: f"NL{body[:4]}.{body[4:6]}.{body[6:9]}.{body[9:]}",
        "BE": lambda: f"BE {body[:4]}.{body[4:7]}.{body[7:]}",
        "PL": lambda: f"PL {body[:3]}-{body[3:6]}-{body[6:8]}-{body[8:]}",
        "SE": lambda: f"SE {body[:10]} {body[10:]}",
        "GB": lambda: f"GB {body[:3]} {body[3:7]} {body[7:]}",
        "IE": lambda: f"IE {body}",
    }[country]
    # the national number alone: a German USt-IdNr. without "DE", an Italian partita IVA, a Belgian
    # ondernemingsnummer (the VAT number's own digits in every one of these)
    national = {"DE": body, "IT": body, "BE": f"{body[:4]}.{body[4:7]}.{body[7:]}", "ES": body, "PL": body}
    choice = rng.random()
    if choice < 0.35:
        return vat
    if choice < 0.8 or country not in national:
        return printed()
    return national[country]


# -- companies ------------------------------------------------------------------------------------------------


@dataclass
class Firm:
    stem: str
    name: str  # without its legal form ("Velmora Maschinenbau")
    form: str  # as registered ("GmbH")
    country: str
    city: City
    street: Street
    postcode: str
    phone: str  # E.164
    domain: str
    vat: str
    duns: str
    industry: str

    @property
    def legal(self) -> str:
        if not self.form:
            return self.name
        joiner = ", " if self.country == "US" and self.form in ("Inc.", "LLC", "Corp.") else " "
        return f"{self.name}{joiner}{self.form}"

    def legal_as(self, form: str) -> str:
        if form in ("Kabushiki Kaisha", "Godo Kaisha") and self.stem:
            return f"{form} {self.name}"  # written before the name as often as after
        return f"{self.name} {form}" if form else self.name


INDUSTRIES = [
    "Machinery",
    "Manufacturing",
    "Electronics",
    "Transportation",
    "Chemicals",
    "Wholesale",
    "Retail",
]


class Generator:
    def __init__(self, seed: int, orgs: int, per_category: int):
        self.rng = random.Random(seed)
        self.orgs = orgs
        self.per = per_category
        self.used: set[str] = set()
        self.crm_rows: list[dict] = []
        self.cases: list[GeneratedCase] = []
        self.account_numbers = 0

    # identifiers

    def sf_id(self) -> str:
        body = "001" + "".join(self.rng.choice(string.ascii_letters + string.digits) for _ in range(12))
        suffix = ""
        for chunk in range(3):
            bits = sum(1 << i for i, ch in enumerate(body[chunk * 5 : chunk * 5 + 5]) if ch.isupper())
            suffix += "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"[bits]
        return body + suffix

    def unique(self, make) -> str:
        return unused_value(make, self.used)

    def stem(self) -> str:
        def word() -> str:
            count = self.rng.choice([2, 2, 3])
            text = "".join(self.rng.choice(_ONSETS) + self.rng.choice(_VOWELS) for _ in range(count))
            return (text + self.rng.choice(_CODAS)).capitalize()

        return self.unique(lambda: w if 5 <= len(w := word()) <= 10 else "")

    def phone(self, country: str) -> str:
        example = phonenumbers.example_number_for_type(country, phonenumbers.PhoneNumberType.FIXED_LINE)
        national = phonenumbers.national_significant_number(example)
        keep = max(2, len(national) - 6)

        def draw() -> str:
            digits = national[:keep] + "".join(
                str(self.rng.randrange(10)) for _ in range(len(national) - keep)
            )
            number = phonenumbers.parse(f"+{example.country_code}{digits}")
            if not phonenumbers.is_valid_number(number):
                return ""
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

        return self.unique(draw)

    def domain(self, words: str, tld: str) -> str:
        base = "".join(ch for ch in words.lower() if ch.isascii() and ch.isalnum())
        return self.unique(lambda: f"{base}{self.rng.choice(['', '', 'group', 'online', 'global'])}.{tld}")

    def vat(self, country: str) -> str:
        return self.unique(lambda: make_vat(self.rng, country)) if make_vat(self.rng, country) else ""

    def duns(self) -> str:
        return self.unique(lambda: f"{self.rng.randrange(10**8, 10**9)}")

    def firm(self, country: str | None = None, *, city: City | None = None, stem: str = "", words: str = "",
             form: str = "") -> Firm:  # fmt: skip
        country = country or self.rng.choice(list(CITIES))
        city = city or self.rng.choice(CITIES[country])
        stem = stem or self.stem()
        name = f"{stem} {words or self.rng.choice(TRADE_WORDS[LANGUAGE[country]])}"
        domain = self.domain(
            stem if self.rng.random() < 0.6 else name, self.rng.choice([TLD[country], "com"])
        )
        return Firm(
            stem=stem,
            name=name,
            form=form or self.rng.choice(list(FORMS[country])),
            country=country,
            city=city,
            street=make_street(self.rng, country),
            postcode=_fill(self.rng, city.postcode),
            phone=self.phone(country),
            domain=domain,
            vat=self.vat(country),
            duns=self.duns(),
            industry=self.rng.choice(INDUSTRIES),
        )

    def elsewhere(self, firm: Firm, *, country: str = "", city: City | None = None, **changes) -> Firm:
        """Another site or entity built from `firm`: its own street, postcode and line (and, unless given, its
        own VAT number and D-U-N-S number, as another legal entity has)."""
        country = country or firm.country
        city = city or self.rng.choice(CITIES[country])
        changes.setdefault("vat", self.vat(country))
        changes.setdefault("duns", self.duns())
        return replace(
            firm, country=country, city=city, street=make_street(self.rng, country),
            postcode=_fill(self.rng, city.postcode), phone=self.phone(country), **changes,
        )  # fmt: skip

    # writing

    def crm(self, firm: Firm, *, vat: bool | None = None, website: bool | None = None, **fields) -> str:
        """The firm as a Salesforce Account (fields override what the rep wrote); its Id. `vat` / `website`
        force the VAT number or the website on (True) or off (False)."""
        account_id = self.sf_id()
        self.account_numbers += 1
        form = self.rng.choice(FORMS[firm.country].get(firm.form, [firm.form]))
        number = phonenumbers.parse(firm.phone)
        phone_format = (
            phonenumbers.PhoneNumberFormat.NATIONAL
            if firm.country == "US"
            else self.rng.choice(
                [phonenumbers.PhoneNumberFormat.INTERNATIONAL, phonenumbers.PhoneNumberFormat.E164]
            )
        )
        has_vat = (self.rng.random() < 0.45) if vat is None else vat
        has_site = (self.rng.random() < 0.8) if website is None else website
        row = {
            "Id": account_id,
            "Name": firm.legal_as(form) if self.rng.random() < 0.55 else firm.name,
            "Type": self.rng.choice(["Customer", "Customer", "Prospect", "Partner"]),
            "ParentId": "",
            "Website": (self.rng.choice(["", "www.", "https://www.", "http://"]) + firm.domain)
            if has_site
            else "",
            "Phone": phonenumbers.format_number(number, phone_format),
            "BillingStreet": firm.street.line,
            "BillingCity": firm.city.english
            if firm.city.english and self.rng.random() < 0.5
            else firm.city.name,
            "BillingState": firm.city.region if firm.country in ("US", "CA") else "",
            "BillingPostalCode": firm.postcode,
            "BillingCountry": COUNTRY_NAMES[firm.country] if self.rng.random() < 0.8 else firm.country,
            "Industry": firm.industry,
            "AccountNumber": f"A-{400000 + self.account_numbers}",
            "VAT_Number__c": vat_as_typed(self.rng, firm.vat) if has_vat and firm.vat else "",
            "DUNS_Number__c": firm.duns if self.rng.random() < 0.2 else "",
        }
        row.update(fields)
        self.crm_rows.append(row)
        return account_id

    def erp(self, category: str, firm: Firm, truth=(), *, group: str = SOLD_TO, name2: str = "",
            mailbox: str = "", **fields) -> None:  # fmt: skip
        """The firm as the ERP's customer master holds it (fields override), with the CRM ids right for it."""
        language = LANGUAGE[firm.country]
        legal = firm.legal
        name1 = legal
        if len(legal) > 35 and not name2:  # SAP's name fields are 35 characters: the rest goes on
            name1, name2 = firm.name, firm.form
        number = phonenumbers.parse(firm.phone)
        telephone = phonenumbers.format_number(
            number,
            phonenumbers.PhoneNumberFormat.NATIONAL
            if self.rng.random() < 0.7
            else phonenumbers.PhoneNumberFormat.INTERNATIONAL,
        )
        if not mailbox and self.rng.random() < 0.6:
            mailbox = self.rng.choice(MAILBOXES[language][0])
        row = {
            "Account Group": group,
            "Name 1": name1,
            "Name 2": name2,
            "Search Term": firm.stem.upper()[:10],
            "Street": firm.street.name,
            "House Number": firm.street.number,
            "Postal Code": firm.postcode,
            "City": firm.city.name,
            "Region": firm.city.region,
            "Country": firm.country,
            "Telephone 1": telephone,
            "E-Mail Address": f"{mailbox}@{firm.domain}" if mailbox else "",
            "VAT Registration No.": firm.vat,
            "Tax Number 1": "",
            "D-U-N-S Number": firm.duns if self.rng.random() < 0.3 else "",
            "Group Key": "",
        }
        if firm.country == "US" and self.rng.random() < 0.5:
            row["Tax Number 1"] = f"{self.rng.randrange(10, 99)}-{self.rng.randrange(10**6, 10**7)}"
        row.update(fields)
        self.cases.append(GeneratedCase(category, row, tuple(truth)))

    # -- categories ---------------------------------------------------------------------------------------------

    def background(self) -> None:
        """CRM accounts no ERP record is about: the rest of the book."""
        for _ in range(self.orgs):
            self.crm(self.firm())

    def plain(self) -> None:
        """A sold-to record of a customer the CRM holds: name, address and switchboard as each side writes them."""
        for _ in range(self.per * 2):
            firm = self.firm()
            self.erp("plain", firm, [self.crm(firm)])

    def not_in_crm(self) -> None:
        for _ in range(self.per * 2):
            self.erp("not_in_crm", self.firm())

    def legal_form_written_out(self) -> None:
        """The CRM writes the legal form out or another way ("Gesellschaft mit beschränkter Haftung",
        "Società per Azioni", "Kabushiki Kaisha Velmora Seiki", "Sp. z o.o."); the ERP the registered short form."""
        for _ in range(self.per):
            firm = self.firm(self.rng.choice(["DE", "AT", "FR", "IT", "ES", "NL", "PL", "SE", "JP", "IE"]))
            written = [form for form in FORMS[firm.country][firm.form] if form != firm.form] or [firm.form]
            truth = self.crm(firm, Name=firm.legal_as(self.rng.choice(written)))
            self.erp("legal_form_written_out", firm, [truth])

    def name_continued(self) -> None:
        """A registered name longer than SAP's 35-character Name 1: the rest (the legal form, or the last words
        and the form) on Name 2. The CRM holds the name in one field."""
        for _ in range(self.per):
            country = self.rng.choice(["DE", "AT", "FR", "IT", "NL", "PL"])
            words = " ".join(self.rng.sample(TRADE_WORDS[LANGUAGE[country]], 2))
            firm = self.firm(country, words=words)
            extra = {"DE": "und Service", "FR": "et Services", "IT": "e Servizi", "NL": "en Service",
                     "PL": "i Serwis"}.get(LANGUAGE[country], "")  # fmt: skip
            firm.name = f"{firm.name} {extra}"
            truth = self.crm(firm, Name=firm.legal if self.rng.random() < 0.6 else firm.name)
            head, _, tail = firm.legal.rpartition(" " + extra.split()[0] + " ")
            if self.rng.random() < 0.5:
                self.erp("name_continued", firm, [truth], **{"Name 1": firm.name, "Name 2": firm.form})
            else:
                self.erp("name_continued", firm, [truth],
                         **{"Name 1": head, "Name 2": f"{extra.split()[0]} {tail}"})  # fmt: skip

    def ship_to(self) -> None:
        """Ship-to records of one customer at its plants and warehouses (two or three a customer): the sold-to's
        name, the site on Name 2, the site's own address and line; the customer's VAT number on the record (SAP
        copies the sold-to's) where the CRM holds the VAT number, else a goods-in mailbox on its domain."""
        made = 0
        while made < self.per * 2:
            firm = self.firm(self.rng.choice(["DE", "FR", "IT", "ES", "NL", "PL", "GB", "US", "SE"]))
            by_vat = bool(firm.vat) and self.rng.random() < 0.5
            truth = self.crm(firm, vat=True if by_vat else None, website=None if by_vat else True)
            language = LANGUAGE[firm.country]
            for _ in range(self.rng.choice([2, 2, 3])):
                site = self.elsewhere(firm, vat=firm.vat if by_vat else "", duns="")
                word = self.rng.choice(SITE_WORDS[language])
                goods_in = self.rng.choice(MAILBOXES[language][1])
                self.erp("ship_to", site, [truth], group=SHIP_TO, name2=f"{word} {site.city.name}",
                         mailbox="" if by_vat else goods_in, **{"Name 1": firm.legal})  # fmt: skip
                made += 1

    def bill_to(self) -> None:
        """A bill-to record: the customer's accounts payable at a PO box in its city (the box's own postcode),
        the finance mailbox on its domain, the customer's VAT number."""
        for _ in range(self.per):
            firm = self.firm(self.rng.choice(["DE", "AT", "FR", "IT", "NL", "PL", "SE", "GB", "IE", "US"]))
            truth = self.crm(firm, website=True)
            language = LANGUAGE[firm.country]
            box = f"{PO_BOX[firm.country]} {self.rng.randrange(10, 9999)}"
            billing = replace(firm, street=Street(box, "", box), postcode=_fill(self.rng, firm.city.postcode))
            self.erp("bill_to", billing, [truth], group=BILL_TO, name2=self.rng.choice(FINANCE_LINES[language]),
                     mailbox=self.rng.choice(MAILBOXES[language][0]))  # fmt: skip

    def renamed_after_acquisition(self) -> None:
        """A customer bought by a group and renamed ("Velmora Logistik GmbH" -> "Trondex Deutschland GmbH"): the
        CRM carries the new name and the group's domain, the ERP still the old name and mailbox. The legal
        entity is the same: its VAT number (on both), its address and its switchboard."""
        for _ in range(self.per):
            old = self.firm(self.rng.choice(["DE", "FR", "IT", "NL", "ES", "PL", "GB", "SE"]))
            buyer = self.stem()
            new = replace(old, stem=buyer, name=f"{buyer} {COUNTRY_WORD[old.country]}",
                          domain=self.domain(buyer, "com"))  # fmt: skip
            truth = self.crm(new, vat=True)
            self.erp("renamed_after_acquisition", old, [truth])

    def subsidiary_abroad(self) -> None:
        """The CRM holds the parent company; the ERP bills its subsidiary in another country ("Velmora Italia
        S.r.l.", Milan, its own VAT number, on the group's domain). Another legal entity: no account of it."""
        for _ in range(self.per):
            parent = self.firm(self.rng.choice(["DE", "FR", "NL", "SE", "US", "GB"]))
            parent.domain = self.domain(parent.stem, "com")
            self.crm(parent, website=True)
            country = self.rng.choice(
                [c for c in ("DE", "FR", "IT", "ES", "PL", "NL", "GB", "AT") if c != parent.country]
            )
            sub = self.elsewhere(parent, country=country, name=f"{parent.stem} {COUNTRY_WORD[country]}",
                                 form=self.rng.choice(list(FORMS[country])))  # fmt: skip
            self.erp("subsidiary_abroad", sub, [], **{"Group Key": parent.stem.upper()[:10]})

    def parent_and_subsidiary(self) -> None:
        """The CRM holds the parent and its subsidiary abroad (ParentId set); the ERP record is one of them."""
        for index in range(self.per):
            parent = self.firm(self.rng.choice(["DE", "FR", "NL", "SE", "US", "GB"]))
            parent.domain = self.domain(parent.stem, "com")
            parent_id = self.crm(parent)
            country = self.rng.choice(
                [c for c in ("DE", "FR", "IT", "ES", "PL", "NL", "GB", "AT") if c != parent.country]
            )
            sub = self.elsewhere(parent, country=country, name=f"{parent.stem} {COUNTRY_WORD[country]}",
                                 form=self.rng.choice(list(FORMS[country])))  # fmt: skip
            sub_id = self.crm(sub, ParentId=parent_id)
            if index % 2:
                self.erp("parent_and_subsidiary", sub, [sub_id], **{"Group Key": parent.stem.upper()[:10]})
            else:
                self.erp(
                    "parent_and_subsidiary", parent, [parent_id], **{"Group Key": parent.stem.upper()[:10]}
                )

    def vat_group(self) -> None:
        """Members of one UK VAT group share its registration number and the group's domain: the CRM holds one
        member, the ERP another (another name, address and line). Every other pair the CRM holds both."""
        for index in range(self.per):
            stem = self.stem()
            first = self.firm(
                "GB", stem=stem, words=self.rng.choice(["Retail", "Property", "Holdings"]), form="Ltd"
            )
            first.domain = self.domain(stem, self.rng.choice(["co.uk", "com"]))  # the group's
            second = self.elsewhere(first, name=f"{stem} {self.rng.choice(['Services', 'Logistics', 'Engineering'])}",
                                    vat=first.vat)  # fmt: skip
            self.crm(first, vat=True)
            truth = [self.crm(second, vat=True)] if index % 2 else []
            self.erp("vat_group", second, truth)

    def sister_at_same_address(self) -> None:
        """Two legal entities of one group at one address and switchboard ("Velmora GmbH", "Velmora Service
        GmbH"), each with its own VAT number (the CRM's on record): the CRM holds one, the ERP the other."""
        for _ in range(self.per):
            firm = self.firm(self.rng.choice(["DE", "AT", "NL", "FR", "IT", "PL"]))
            self.crm(firm, vat=True)
            sister_word = {
                "DE": "Service",
                "NL": "Service",
                "FR": "Services",
                "IT": "Servizi",
                "PL": "Serwis",
            }
            sister = replace(firm, name=f"{firm.stem} {sister_word.get(LANGUAGE[firm.country], 'Service')}",
                             vat=self.vat(firm.country), duns=self.duns())  # fmt: skip
            self.erp("sister_at_same_address", sister, [])

    def crm_duplicate(self) -> None:
        """The CRM holds the customer twice (one account by a rep, one by the ERP integration); either is right."""
        for _ in range(self.per // 2):
            firm = self.firm()
            truth = [self.crm(firm), self.crm(firm)]
            self.erp("crm_duplicate", firm, truth)

    def same_name_abroad(self) -> None:
        """An unrelated company of the same name in another country (its own domain, line and VAT number)."""
        for _ in range(self.per):
            firm = self.firm(self.rng.choice(["DE", "NL", "FR", "GB", "US", "SE"]), words="")
            firm.name = f"{firm.stem} {self.rng.choice(TRADE_WORDS['EN'])}"  # an English trade name travels
            self.crm(firm)
            country = self.rng.choice(
                [c for c in ("DE", "NL", "FR", "GB", "US", "SE", "AT") if c != firm.country]
            )
            other = self.elsewhere(firm, country=country, form=self.rng.choice(list(FORMS[country])),
                                   domain=self.domain(firm.name, TLD[country]))  # fmt: skip
            self.erp("same_name_abroad", other, [])

    def moved(self) -> None:
        """The customer moved within its country: the ERP has the new address and line, the CRM the old; the
        VAT number (on both) or the mailbox on the CRM's domain say it is the same company."""
        for _ in range(self.per):
            firm = self.firm(self.rng.choice(["DE", "FR", "IT", "ES", "NL", "GB", "SE", "PL"]))
            by_vat = self.rng.random() < 0.5
            truth = self.crm(firm, vat=True if by_vat else None, website=None if by_vat else True)
            new = self.elsewhere(firm, vat=firm.vat, duns=firm.duns)
            mailbox = "" if by_vat else self.rng.choice(MAILBOXES[LANGUAGE[firm.country]][0])
            self.erp("moved", new, [truth], mailbox=mailbox)

    def flagged_for_deletion(self) -> None:
        """A record a finance team marked instead of deleting ("DO NOT USE", "ZZ", "*gesperrt*", "(alt)") in
        front of the customer's name; everything else is the customer's."""
        marks = ["DO NOT USE - ", "ZZ ", "*gesperrt* ", "(alt) ", "XX ", "DUPLICATE - ", "NICHT VERWENDEN "]
        for _ in range(self.per):
            firm = self.firm(self.rng.choice(["DE", "AT", "GB", "US", "NL", "FR"]))
            truth = self.crm(firm)
            self.erp("flagged_for_deletion", firm, [truth], **{"Name 1": self.rng.choice(marks) + firm.legal})

    def one_time_customer(self) -> None:
        """SAP's one-time customer accounts (CPD): one catch-all account for walk-in sales, no company of its own."""
        names = ["One-time customer", "CPD Inland", "Einmalkunde", "Diverse Kunden", "Cash Sales",
                 "Clients divers", "Clienti diversi", "One-time customer EU"]  # fmt: skip
        for index in range(self.per // 2):
            country = self.rng.choice(["DE", "AT", "FR", "IT", "GB", "US"])
            firm = self.firm(country)
            firm.name, firm.form, firm.vat, firm.duns = names[index % len(names)], "", "", ""
            self.erp("one_time_customer", firm, [], group=ONE_TIME, mailbox="-", **{"E-Mail Address": ""})

    def make(self) -> GeneratedCases:
        for category in (
            self.background,
            self.plain,
            self.not_in_crm,
            self.legal_form_written_out,
            self.name_continued,
            self.ship_to,
            self.bill_to,
            self.renamed_after_acquisition,
            self.subsidiary_abroad,
            self.parent_and_subsidiary,
            self.vat_group,
            self.sister_at_same_address,
            self.crm_duplicate,
            self.same_name_abroad,
            self.moved,
            self.flagged_for_deletion,
            self.one_time_customer,
        ):
            category()
        self.rng.shuffle(self.crm_rows)
        self.rng.shuffle(self.cases)
        for number, case in enumerate(self.cases, 1):
            case.external_id = f"{1000000 + number * 7 + self.rng.randrange(7)}"
        return GeneratedCases(self.crm_rows, self.cases)


def organisation_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.orgs, args.per_category).make()


# -- Splink -------------------------------------------------------------------------------------------------

# What an evaluator prepares for Splink: the company name without its legal form, the web domain (the ERP's
# from its mailbox), the phone with its country's calling code (the ERP writes it nationally), the city, the
# postcode and the VAT number without spaces, dots or its country prefix.
_CALLING = {c: str(phonenumbers.country_code_for_region(c)) for c in CITIES}
_NATIONAL_PHONE = (
    "CASE WHEN trim(coalesce({phone}, '')) = '' THEN NULL WHEN trim({phone}) LIKE '+%' THEN clean_phone({phone}) "
    "ELSE nullif(CASE {country} "
    + " ".join(
        f"WHEN '{c}' THEN '{code}' || "
        + ("regexp_replace(coalesce({phone}, ''), '[^0-9]', '', 'g')" if c == "IT" else "ltrim(regexp_replace(coalesce({phone}, ''), '[^0-9]', '', 'g'), '0')")
        for c, code in _CALLING.items()
        if c != "US"
    )
    + " ELSE clean_phone({phone}) END, '') END"
)  # fmt: skip
_VAT = (
    "nullif(regexp_replace(regexp_replace(upper(coalesce({vat}, '')), '[^0-9A-Z]', '', 'g'), "
    "'^(ATU|CHE|DE|FR|IT|ES|NL|BE|PL|SE|GB|IE)|(MWST|TVA|IVA)$', '', 'g'), '')"
)
CRM_SQL = f"""
        SELECT "Id" AS unique_id, {{company}}(strip_accents("Name")) AS name, {{domain}}("Website") AS domain,
               {{phone}}("Phone") AS phone, nullif(lower(strip_accents(trim("BillingCity"))), '') AS city,
               nullif(trim("BillingPostalCode"), '') AS postcode, {_VAT.format(vat='"VAT_Number__c"')} AS vat
        FROM read_csv('{{path}}', all_varchar = true)
    """
INBOUND_SQL = f"""
        SELECT "{INBOUND_ID}" AS unique_id, {{company}}(strip_accents("Name 1")) AS name,
               nullif(lower(split_part(coalesce("E-Mail Address", ''), '@', 2)), '') AS domain,
               {_NATIONAL_PHONE.format(phone='"Telephone 1"', country='"Country"')} AS phone,
               nullif(lower(strip_accents(trim("City"))), '') AS city, nullif(trim("Postal Code"), '') AS postcode,
               {_VAT.format(vat='"VAT Registration No."')} AS vat
        FROM read_csv('{{path}}', all_varchar = true)
    """


def splink_model():
    """The organisation settings with the VAT number compared and blocked on as the domain is."""
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    settings = SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=[
            block_on("vat"),
            block_on("domain"),
            block_on("phone"),
            block_on("name"),
            block_on("substr(name, 1, 6)", "city"),
        ],
        comparisons=[
            cl.NameComparison("name"),
            cl.ExactMatch("vat"),
            cl.ExactMatch("domain"),
            cl.ExactMatch("phone"),
            cl.ExactMatch("city").configure(term_frequency_adjustments=True),
            cl.ExactMatch("postcode"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    return settings, [block_on("city"), block_on("name")], [block_on("vat"), block_on("domain")], 0.7, {}


SUITES = [
    GeneratedSuite(
        name="organisations",
        make=organisation_cases,
        crm_file="salesforce_accounts",
        inbound_file="sap_customers",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id=INBOUND_ID,
        cli_options=["--provider", "salesforce", "--object", "Account", "--kind", "organisation"],
        splink_kind="organisation",
        sql={"crm": CRM_SQL, "inbound": INBOUND_SQL},
        source="Salesforce Accounts <- an SAP customer master",
        splink_model=splink_model,
    )
]


if __name__ == "__main__":
    run_generated("identity-twentyfifth", SUITES, seed=251, people=0, orgs=3000, per_category=40)
