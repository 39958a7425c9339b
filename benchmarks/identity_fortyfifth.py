"""A forty-fifth record set: an asset manager's Salesforce Accounts linked from the GLEIF LEI register.

    python benchmarks/identity_fortyfifth.py [--orgs 2500] [--per-category 40] [--seed 451] [--skip-splink]
                                             [--keep DIR]

An asset manager's institutional desk keeps its counterparties (banks, brokers, insurers, pension schemes, the
funds it trades for and with) as Salesforce Accounts, and checks them against the Global LEI System: which
Account is which legal entity, before it reports trades under EMIR / MiFIR, where every counterparty is named by
its LEI. Its reps paste a counterparty's LEI into a custom field now and then.

The CRM side is a Salesforce Account export under the Account object's API names (`Id`, 18 characters; `Name` as
a rep typed it: title case, the legal form short ("AG", "S.A.", "Ltd", "N.V.", "S.à r.l.") or left out, a fund
under its umbrella's name or without it; `Type`, `ParentId` (a branch under its head office), `Site`,
`BillingStreet`, `BillingCity` (English exonyms now and then: "Munich", "Zurich", "Geneva"), `BillingState`,
`BillingPostalCode`, `BillingCountry` (the country's name or code), `Phone` (drawn through `generated_phones`;
a fund's Account carries its management company's switchboard), `Website`, `Industry`, `OwnerId`, `CreatedDate`)
and a custom field `LEI__c`, filled on a minority of Accounts as pasted (capitals, now and then lower case or in
groups of four; a slipped or swapped character on the `lei_typo` ones, which the LEI's ISO 7064 MOD 97-10 check
digits give away).

The inbound side is GLEIF's Level 1 golden copy CSV (`lei2`, the "LEI-CDF" file), under its real flattened header:
checked with the search tool against public code that reads the file (GLEIF's own Sociovestix/lenu
`lenu/data/lei.py`: `Entity.LegalName`, `Entity.LegalName.xmllang`, `Entity.LegalJurisdiction`,
`Entity.LegalForm.EntityLegalFormCode`, `Entity.LegalAddress.Region`; other loaders of `lei2/latest.csv`:
`LEI`, `Entity.OtherEntityNames.OtherEntityName.1` with its `.type` and `.xmllang`,
`Entity.TransliteratedOtherEntityNames.TransliteratedOtherEntityName.1`, `Entity.LegalAddress.FirstAddressLine`,
`.AdditionalAddressLine.1`, `.City`, `.Region`, `.Country`, `.PostalCode` and the same under
`Entity.HeadquartersAddress.`, `Entity.RegistrationAuthority.RegistrationAuthorityID` and
`.RegistrationAuthorityEntityID`, `Entity.EntityCategory`, `Entity.EntitySubCategory`,
`Entity.LegalForm.OtherLegalForm`, `Entity.AssociatedEntity.AssociatedLEI` and `.type`, `Entity.EntityStatus`,
`Entity.EntityCreationDate`, `Entity.EntityExpirationDate`, `Entity.EntityExpirationReason`,
`Entity.SuccessorEntity.SuccessorLEI`, `Registration.InitialRegistrationDate`, `Registration.LastUpdateDate`,
`Registration.RegistrationStatus`, `Registration.NextRenewalDate`, `Registration.ManagingLOU`,
`Registration.ValidationSources`; the name types as GLEIF writes them: PREVIOUS_LEGAL_NAME,
TRADING_OR_OPERATING_NAME, ALTERNATIVE_LANGUAGE_LEGAL_NAME, PREFERRED_ASCII_TRANSLITERATED_LEGAL_NAME,
AUTO_ASCII_TRANSLITERATED_LEGAL_NAME; EntityCategory GENERAL / FUND / BRANCH; RegistrationStatus ISSUED / LAPSED /
RETIRED; EntityStatus ACTIVE / INACTIVE). The real file has ~340 columns; this one keeps 50 of them, in the
file's order. Two Level 2 columns are joined in from the relationship file (`rr`), as its users do, under its
own names: `Relationship.EndNode.NodeID` (the parent: a branch's head office, a sub-fund's umbrella) and
`Relationship.RelationshipType` (IS_INTERNATIONAL_BRANCH_OF, IS_SUBFUND_OF, IS_DIRECTLY_CONSOLIDATED_BY). As the
register does, an international branch's legal address is its head office's (the legal entity's), its
headquarters address the branch's own; a sub-fund's legal address is its umbrella's registered office. Drawn, not
real: the LEIs (a real LOU prefix, 14 drawn characters, valid MOD 97-10 check digits), the registration
authority codes (`RA000` and three digits) and the ELF codes (four characters in the code list's shape).

Categories, each with its truth (the Account's Id, or none). IN:
- `lei_on_account`: the Account holds the LEI; the name as a rep writes it; a third of the registrations LAPSED.
- `lei_typo`: the Account's LEI has a slipped or swapped character (its check digits fail); name and address
  agree.
- `legal_form_written`: no LEI on the Account; the register writes the legal form long ("Aktiengesellschaft",
  "Société Anonyme", "Naamloze Vennootschap", "Public Limited Company"), the Account short or not at all.
- `renamed`: the Account holds the former name; the register the new one, the former as OtherEntityName of type
  PREVIOUS_LEGAL_NAME; the same address.
- `transliterated`: a Japanese, Greek or Bulgarian entity whose legal name is in its script (株式会社..., ...
  Α.Ε. or ... ΑΝΩΝΥΜΗ ΕΤΑΙΡΕΙΑ, ... АД); the register's transliterated name (PREFERRED_ or AUTO_ASCII_TRANSLITERATED_LEGAL_NAME) and,
  for the Japanese, the English ALTERNATIVE_LANGUAGE_LEGAL_NAME; the Account in Latin letters.
- `hq_address_account`: the legal address is a registered agent's or a domicile's (Wilmington's 1209 Orange
  Street, a Luxembourg or Dublin domiciliation address, shared by many entities); the Account is at the
  headquarters address, which the register gives beside it.
- `fund_held`: a sub-fund ("Velmora Funds SICAV - Global Equity Fund", EntityCategory FUND) the CRM holds,
  beside other sub-funds of its umbrella at the same address.
- `branch_held`: the CRM holds a bank's head office and its branch abroad (the branch's Account under its
  head office's `ParentId`); the row is the branch.
OUT:
- `sibling_subfund`: another sub-fund of an umbrella two of whose sub-funds the CRM holds ("... - Global Bond
  Fund" beside "... - Global Equity Fund"), at the umbrella's address.
- `umbrella_not_held`: the umbrella itself ("Velmora Funds SICAV"), whose sub-funds only the CRM holds.
- `foreign_branch`: an international branch (EntityCategory BRANCH; the head office's name, now and then with
  ", London Branch"; the head office's legal address, its own headquarters abroad) of a head office the CRM
  holds (with its LEI on half of them).
- `group_subsidiary`: a group's company in another jurisdiction ("Velmora Holdings GmbH" in Frankfurt) whose
  sister ("Velmora Holdings Ltd" in London) the CRM holds.
- `merged_away`: a company merged into its parent (EntityStatus INACTIVE, RegistrationStatus RETIRED,
  EntityExpirationReason CORPORATE_ACTION, the parent's LEI as SuccessorLEI), at the parent's address; the CRM
  holds the parent.
- `not_in_crm`: entities the CRM does not hold.

Fairness: a careful reader of the two records can tell each. Brands are unique but for a group's companies, an
umbrella's funds and a bank's branches; a sub-fund's Account names its strategy; an Account at a headquarters
address is the entity's own; no LEI on an Account belongs to another entity. Not made: addresses in a
non-Latin script, share classes (they have ISINs, not LEIs), a fund whose Account names only its umbrella.
Written from scratch (only `identity_quality`'s and `generated_phones`' interfaces). Every seed deterministic.
"""

# ruff: noqa: RUF001, RUF002 (Greek and Cyrillic letters are the point of `transliterated`)
import random
import string
import sys
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

import phonenumbers

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generated_phones import fresh_number
from identity_quality import GeneratedCase, GeneratedCases, GeneratedSuite, run_generated, unused_value

CRM_ID = "Id"
CRM_COLUMNS = [
    CRM_ID, "Name", "Type", "ParentId", "Site", "BillingStreet", "BillingCity", "BillingState", "BillingPostalCode",
    "BillingCountry", "Phone", "Website", "Industry", "OwnerId", "CreatedDate", "LEI__c",
]  # fmt: skip
INBOUND_ID = "LEI"
_ADDRESS = [
    "xmllang",
    "FirstAddressLine",
    "AdditionalAddressLine.1",
    "City",
    "Region",
    "Country",
    "PostalCode",
]
INBOUND_COLUMNS = [
    INBOUND_ID, "Entity.LegalName", "Entity.LegalName.xmllang",
    "Entity.OtherEntityNames.OtherEntityName.1", "Entity.OtherEntityNames.OtherEntityName.1.xmllang",
    "Entity.OtherEntityNames.OtherEntityName.1.type",
    "Entity.TransliteratedOtherEntityNames.TransliteratedOtherEntityName.1",
    "Entity.TransliteratedOtherEntityNames.TransliteratedOtherEntityName.1.xmllang",
    "Entity.TransliteratedOtherEntityNames.TransliteratedOtherEntityName.1.type",
    *(f"Entity.LegalAddress.{part}" for part in _ADDRESS),
    *(f"Entity.HeadquartersAddress.{part}" for part in _ADDRESS),
    "Entity.RegistrationAuthority.RegistrationAuthorityID",
    "Entity.RegistrationAuthority.RegistrationAuthorityEntityID", "Entity.LegalJurisdiction",
    "Entity.EntityCategory", "Entity.EntitySubCategory", "Entity.LegalForm.EntityLegalFormCode",
    "Entity.LegalForm.OtherLegalForm", "Entity.AssociatedEntity.type", "Entity.AssociatedEntity.AssociatedLEI",
    "Entity.EntityStatus", "Entity.EntityCreationDate", "Entity.EntityExpirationDate",
    "Entity.EntityExpirationReason", "Entity.SuccessorEntity.SuccessorLEI", "Registration.InitialRegistrationDate",
    "Registration.LastUpdateDate", "Registration.RegistrationStatus", "Registration.NextRenewalDate",
    "Registration.ManagingLOU", "Registration.ValidationSources",
    # joined in from the Level 2 relationship file (`rr`) on the row's LEI as the relationship's start node
    "Relationship.EndNode.NodeID", "Relationship.RelationshipType",
]  # fmt: skip

# -- places -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class City:
    country: str  # ISO 3166-1 alpha-2, as the register writes it
    name: str  # as the register writes it
    written: tuple[str, ...]  # as a rep writes it (an English exonym among them)
    region: str  # ISO 3166-2, as the register writes it ("" where it gives none)
    postcode: object  # rng -> postcode
    streets: tuple[str, ...]
    number_first: bool  # "25 Bank Street" or "Taunusanlage 12"


def _digits(rng, n):
    return "".join(rng.choice(string.digits) for _ in range(n))


def _letters(rng, n):
    return "".join(rng.choice("ABDEFHJLNPRSTUWXYZ") for _ in range(n))


_GB = ("Bank Street", "Moorgate", "Bishopsgate", "Gresham Street", "Churchill Place", "Cannon Street",
       "Fenchurch Street", "Old Broad Street", "King William Street", "Queen Victoria Street")  # fmt: skip
_DE = ("Taunusanlage", "Mainzer Landstraße", "Neue Mainzer Straße", "Bockenheimer Landstraße",
       "Theodor-Heuss-Allee", "Maximilianstraße", "Königsallee", "Ballindamm", "Junghofstraße")  # fmt: skip
_FR = ("Boulevard Haussmann", "Rue de la Paix", "Avenue de l'Opéra", "Rue du Faubourg Saint-Honoré",
       "Boulevard des Italiens", "Avenue Kléber", "Rue de Rivoli")  # fmt: skip
_LU = ("Avenue John F. Kennedy", "Boulevard Royal", "Rue Eugène Ruppert", "Route d'Esch", "Allée Scheffer",
       "Boulevard Konrad Adenauer", "Rue de la Poste")  # fmt: skip
_IE = ("Sir John Rogerson's Quay", "Grand Canal Square", "George's Dock", "Harcourt Street",
       "St Stephen's Green", "North Wall Quay")  # fmt: skip
_NL = ("Gustav Mahlerlaan", "Zuidplein", "Strawinskylaan", "Herengracht", "Beethovenstraat")
_CH = ("Paradeplatz", "Bahnhofstrasse", "Talstrasse", "Bleicherweg", "Löwenstrasse", "Rue du Rhône")
_US = ("Park Avenue", "Broadway", "Wall Street", "Avenue of the Americas", "Federal Street", "Summer Street",
       "Lexington Avenue", "Boylston Street")  # fmt: skip
CITIES = [
    City(
        "GB",
        "London",
        ("London",),
        "",
        lambda r: f"EC{r.randint(1, 4)}{r.choice('AMNRVY')} {r.randint(1, 9)}{_letters(r, 2)}",
        _GB,
        True,
    ),
    City(
        "GB",
        "Edinburgh",
        ("Edinburgh",),
        "",
        lambda r: f"EH{r.randint(1, 3)} {r.randint(1, 9)}{_letters(r, 2)}",
        _GB,
        True,
    ),
    City(
        "DE",
        "Frankfurt am Main",
        ("Frankfurt am Main", "Frankfurt"),
        "DE-HE",
        lambda r: f"603{r.randint(11, 29)}",
        _DE,
        False,
    ),
    City(
        "DE",
        "München",
        ("München", "Munich", "Muenchen"),
        "DE-BY",
        lambda r: f"803{r.randint(31, 39)}",
        _DE,
        False,
    ),
    City(
        "DE",
        "Düsseldorf",
        ("Düsseldorf", "Duesseldorf"),
        "DE-NW",
        lambda r: f"402{r.randint(10, 13)}",
        _DE,
        False,
    ),
    City("DE", "Hamburg", ("Hamburg",), "DE-HH", lambda r: f"200{r.randint(95, 99)}", _DE, False),
    City("FR", "Paris", ("Paris",), "", lambda r: f"750{r.randint(1, 17):02d}", _FR, True),
    City(
        "LU",
        "Luxembourg",
        ("Luxembourg", "Luxemburg"),
        "",
        lambda r: f"{r.randint(1, 2)}{_digits(r, 3)}",
        _LU,
        True,
    ),
    City(
        "IE",
        "Dublin",
        ("Dublin", "Dublin 2"),
        "",
        lambda r: f"D02 {r.choice('AEHKNPRTWXY')}{_digits(r, 1)}{r.choice('AEHKNPRTWXY')}{_digits(r, 1)}",
        _IE,
        True,
    ),
    City(
        "NL", "Amsterdam", ("Amsterdam",), "", lambda r: f"10{r.randint(71, 83)} {_letters(r, 2)}", _NL, False
    ),
    City("CH", "Zürich", ("Zürich", "Zurich"), "CH-ZH", lambda r: f"800{r.randint(1, 2)}", _CH, False),
    City(
        "CH", "Genève", ("Genève", "Geneva", "Geneve"), "CH-GE", lambda r: f"120{r.randint(1, 4)}", _CH, False
    ),
    City(
        "US",
        "New York",
        ("New York", "New York City", "NYC"),
        "US-NY",
        lambda r: r.choice(["10004", "10005", "10017", "10022", "10036", "10154"]),
        _US,
        True,
    ),
    City("US", "Boston", ("Boston",), "US-MA", lambda r: r.choice(["02110", "02116", "02210"]), _US, True),
]
JAPAN = City("JP", "Tokyo", ("Tokyo", "Chiyoda-ku, Tokyo"), "JP-13", lambda r: f"100-00{r.randint(1, 8):02d}",
             ("Marunouchi", "Otemachi", "Nihonbashi", "Toranomon"), True)  # fmt: skip
GREECE = City("GR", "Athens", ("Athens", "Athina"), "", lambda r: f"10{r.randint(5, 6)} {r.randint(51, 64)}",
              ("Amalias", "Stadiou", "Panepistimiou", "Kifisias"), False)  # fmt: skip
BULGARIA = City("BG", "Sofia", ("Sofia",), "", lambda r: f"10{r.randint(0, 9)}0",
                ("Vitosha Blvd", "Tsar Osvoboditel Blvd", "Maria Luiza Blvd"), False)  # fmt: skip
COUNTRY_NAMES = {
    "GB": ("United Kingdom", "UK", "GB"), "DE": ("Germany", "DE", "Deutschland"), "FR": ("France", "FR"),
    "LU": ("Luxembourg", "LU"), "IE": ("Ireland", "IE"), "NL": ("Netherlands", "NL", "The Netherlands"),
    "CH": ("Switzerland", "CH"), "US": ("United States", "USA", "US"), "JP": ("Japan", "JP"), "GR": ("Greece", "GR"),
    "BG": ("Bulgaria", "BG"),
}  # fmt: skip
# Registered agents' and domiciliation agents' addresses, the legal address of many entities each
AGENT_ADDRESSES = [
    ("US", "Wilmington", "US-DE", "19801", "1209 Orange Street"),
    ("US", "Wilmington", "US-DE", "19808", "251 Little Falls Drive"),
    ("LU", "Luxembourg", "", "1855", "46A, Avenue John F. Kennedy"),
    ("LU", "Luxembourg", "", "2453", "6, Rue Eugène Ruppert"),
    ("IE", "Dublin", "", "D02 R296", "70 Sir John Rogerson's Quay"),
]

# -- entities ---------------------------------------------------------------------------------------------------

# a country's legal forms: (the register's long form, a rep's short forms, the form's drawn ELF code)
FORMS = {
    "GB": [
        ("Limited", ("Ltd", "Ltd.", "Limited"), "H0PO"),
        ("Public Limited Company", ("PLC", "plc"), "B6ES"),
    ],
    "DE": [
        ("Aktiengesellschaft", ("AG",), "6QQB"),
        ("Gesellschaft mit beschränkter Haftung", ("GmbH",), "2HBR"),
    ],
    "FR": [("Société Anonyme", ("SA", "S.A."), "K65D"), ("Société par Actions Simplifiée", ("SAS",), "6CHY")],
    "LU": [
        ("Société Anonyme", ("S.A.", "SA"), "5GGB"),
        ("Société à responsabilité limitée", ("S.à r.l.", "Sarl"), "DVXS"),
    ],
    "IE": [
        ("Designated Activity Company", ("DAC",), "MNQ7"),
        ("Public Limited Company", ("plc", "PLC"), "C58S"),
    ],
    "NL": [
        ("Naamloze Vennootschap", ("N.V.", "NV"), "B5PM"),
        ("Besloten Vennootschap", ("B.V.", "BV"), "54M6"),
    ],
    "CH": [("Aktiengesellschaft", ("AG",), "MVII")],
    "US": [
        ("Incorporated", ("Inc.", "Inc"), "XSNP"),
        ("Limited Liability Company", ("LLC",), "HZEH"),
        ("Corporation", ("Corp.", "Corporation"), "7JBG"),
    ],
}
SECTORS = [
    ("Capital", "Financial Services"), ("Asset Management", "Financial Services"), ("Bank", "Banking"),
    ("Securities", "Financial Services"), ("Investments", "Financial Services"), ("Partners", "Financial Services"),
    ("Insurance", "Insurance"), ("Advisors", "Financial Services"), ("Pensions", "Financial Services"),
    ("Trading", "Financial Services"), ("Re", "Insurance"), ("Finance", "Financial Services"),
]  # fmt: skip
STRATEGIES = [
    "Global Equity", "Euro Bond", "Global Bond", "Emerging Markets Equity", "European Equity", "US Equity",
    "Asian Equity", "Euro Short Term Bond", "Global High Yield", "Multi Asset Income", "Sustainable Global Equity",
    "Euro Corporate Bond", "Japan Equity", "Global Convertible", "Absolute Return", "Emerging Markets Debt",
    "Global Small Cap", "Euro Government Bond", "Global Real Estate", "Money Market",
]  # fmt: skip
UMBRELLAS = [("LU", "Funds SICAV", "SICAV"), ("LU", "Investment Funds", "SICAV"), ("IE", "Global Funds plc", "plc"),
             ("IE", "Funds ICAV", "ICAV"), ("LU", "Fund", "FCP")]  # fmt: skip
TYPES = ["Customer", "Customer", "Counterparty", "Counterparty", "Prospect", "Partner", "Other"]
OWNERS = ["0051t00000B3aQkAAJ", "0051t00000B3aQlAAJ", "0051t00000C7cTzAAJ", "0051t00000D2dRmAAJ"]
LOUS = ["5493", "2138", "5299", "7LTW", "3912", "9695", "8156", "2549", "635400", "984500"]
RELATION_BRANCH, RELATION_SUBFUND, RELATION_PARENT = (
    "IS_INTERNATIONAL_BRANCH_OF", "IS_SUBFUND_OF", "IS_DIRECTLY_CONSOLIDATED_BY",
)  # fmt: skip

# Syllables a brand is drawn from, each in Latin, Cyrillic, Greek and katakana letters (a transliterator's
# reading of the one is the other)
SYLLABLES = [
    ("ka", "ка", "κα", "カ"), ("ri", "ри", "ρι", "リ"), ("to", "то", "το", "ト"), ("na", "на", "να", "ナ"),
    ("mi", "ми", "μι", "ミ"), ("ro", "ро", "ρο", "ロ"), ("sa", "са", "σα", "サ"), ("ne", "не", "νε", "ネ"),
    ("ko", "ко", "κο", "コ"), ("ta", "та", "τα", "タ"), ("ra", "ра", "ρα", "ラ"), ("mo", "мо", "μο", "モ"),
    ("ni", "ни", "νι", "ニ"), ("se", "се", "σε", "セ"), ("no", "но", "νο", "ノ"), ("ma", "ма", "μα", "マ"),
    ("ki", "ки", "κι", "キ"), ("te", "те", "τε", "テ"), ("ha", "ха", "χα", "ハ"), ("ri", "ри", "ρι", "リ"),
]  # fmt: skip
_ONSETS = ["b", "br", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "st", "t", "tr", "v", "z"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ei", "ou"]
_CODAS = ["", "", "", "l", "n", "r", "x", "s", "ra", "ta", "na", "on", "ex", "is"]


def lei_check_digits(stem: str) -> str:
    """ISO 17442's two check digits (ISO 7064 MOD 97-10) for an LEI's first 18 characters."""
    number = int("".join(str(int(ch, 36)) for ch in stem + "00"))
    return f"{98 - number % 97:02d}"


def lei_valid(lei: str) -> bool:
    return len(lei) == 20 and lei.isalnum() and int("".join(str(int(ch, 36)) for ch in lei.upper())) % 97 == 1


def salesforce_id(rng: random.Random, prefix: str) -> str:
    """An 18-character Salesforce id: the 15-character one and its three case-checksum letters."""
    alphabet = string.digits + string.ascii_uppercase + string.ascii_lowercase
    base = prefix + "1t0000" + "".join(rng.choice(alphabet) for _ in range(15 - len(prefix) - 6))
    suffix = ""
    for chunk in range(3):
        bits = sum(1 << i for i, ch in enumerate(base[chunk * 5 : chunk * 5 + 5]) if ch.isupper())
        suffix += "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"[bits]
    return base + suffix


def ascii_folded(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


@dataclass
class Site:
    city: City
    street: str  # "25 Bank Street" / "Taunusanlage 12", as a rep writes it
    postcode: str
    line2: str = ""  # "Floor 12", "c/o ..."


@dataclass
class Entity:
    lei: str
    legal_name: str  # as the register writes it
    crm_name: str  # the name a rep writes (before the legal form's writing)
    country: str  # its jurisdiction
    form: tuple  # FORMS entry, or () for a fund or a branch
    legal: Site
    hq: Site
    category: str = "GENERAL"
    sector: str = "Financial Services"
    other_name: tuple = ()  # (name, type, lang)
    transliterated: tuple = ()  # (name, type)
    parent: tuple = ()  # (LEI, relationship type)
    status: str = "ACTIVE"
    registration: str = "ISSUED"
    successor: str = ""
    extra: dict = field(default_factory=dict)


class Generator:
    def __init__(self, seed: int, orgs: int, per_category: int) -> None:
        self.rng = random.Random(seed)
        self.orgs = orgs
        self.per = per_category
        self.used: set[str] = set()
        self.crm_rows: list[dict] = []
        self.cases: list[GeneratedCase] = []

    # -- draws ----------------------------------------------------------------------------------------------

    def unique(self, make):
        return unused_value(make, self.used)

    def brand(self) -> str:
        def make() -> str:
            text = "".join(
                self.rng.choice(_ONSETS) + self.rng.choice(_VOWELS) for _ in range(self.rng.choice([2, 2, 3]))
            )
            text = (text + self.rng.choice(_CODAS)).capitalize()
            return text if 5 <= len(text) <= 11 else ""

        return self.unique(make)

    def script_brand(self) -> list[tuple]:
        """A brand of two or three syllables, unique in its Latin letters."""
        while True:
            syllables = [self.rng.choice(SYLLABLES) for _ in range(self.rng.choice([2, 3, 3]))]
            latin = "".join(s[0] for s in syllables).capitalize()
            if latin not in self.used:
                self.used.add(latin)
                return syllables

    def lei(self) -> str:
        def make() -> str:
            lou = self.rng.choice(LOUS)
            body = "".join(
                self.rng.choice(string.digits + string.ascii_uppercase) for _ in range(18 - len(lou))
            )
            return lou + body + lei_check_digits(lou + body)

        return self.unique(make)

    def site(self, city: City | None = None) -> Site:
        city = city or self.rng.choice(CITIES)
        street = self.rng.choice(city.streets)
        number = str(self.rng.randint(1, 250))
        if city is JAPAN:
            line = f"{self.rng.randint(1, 3)}-{self.rng.randint(1, 9)}-{self.rng.randint(1, 12)} {street}"
        else:
            line = f"{number} {street}" if city.number_first else f"{street} {number}"
        return Site(city, line, city.postcode(self.rng))

    def phone(self, country: str) -> str:
        return fresh_number(
            self.rng, country, phonenumbers.PhoneNumberType.FIXED_LINE, self.used, random_digits=6
        )

    def company(self, *, country: str = "", brand: str = "", sector: tuple = (), form: tuple = (),
                city: City | None = None) -> Entity:  # fmt: skip
        city = city or self.rng.choice([c for c in CITIES if not country or c.country == country])
        country = city.country
        brand = brand or self.brand()
        sector = sector or self.rng.choice(SECTORS)
        form = form or self.rng.choice(FORMS[country])
        name = f"{brand} {sector[0]}"
        site = self.site(city)
        return Entity(self.lei(), f"{name} {self.form_registered(form)}", name, country, form, site, site,
                      sector=sector[1])  # fmt: skip

    def form_registered(self, form: tuple) -> str:
        """The legal form in a register's name: mostly short, as most registers write it."""
        return self.rng.choice(form[1][:1] * 3 + (form[0],))

    # -- writing ------------------------------------------------------------------------------------------

    def name_written(self, entity: Entity, name: str = "") -> str:
        name = name or entity.crm_name
        if not entity.form:
            return name
        where = self.rng.random()
        if where < 0.35:
            return name
        return f"{name} {self.rng.choice(entity.form[1])}"

    def street_written(self, site: Site) -> str:
        line = site.street
        for long, short in (("Street", "St"), ("Avenue", "Ave"), ("Boulevard", "Bd"), ("straße", "str."),
                            ("Straße", "Str."), ("strasse", "str.")):  # fmt: skip
            if long in line and self.rng.random() < 0.3:
                line = line.replace(long, short)
                break
        return f"{line}, {site.line2}" if site.line2 and self.rng.random() < 0.5 else line

    def account(self, entity: Entity | None, site: Site, *, name: str = "", lei: str = "", parent: str = "",
                place: str = "", phone: str = "", website: str = "") -> str:  # fmt: skip
        account_id = salesforce_id(self.rng, "001")
        city = site.city
        row = {
            CRM_ID: account_id,
            "Name": name or self.name_written(entity),
            "Type": self.rng.choice(TYPES),
            "ParentId": parent,
            "Site": place,
            "BillingStreet": self.street_written(site),
            "BillingCity": self.rng.choice(city.written),
            "BillingState": city.region.partition("-")[2] if city.country == "US" else "",
            "BillingPostalCode": f"L-{site.postcode}" if city.country == "LU" and self.rng.random() < 0.6 else
            site.postcode,
            "BillingCountry": self.rng.choice(COUNTRY_NAMES[city.country]),
            "Phone": phone or (self.phone_written(self.phone(city.country)) if self.rng.random() < 0.6 else ""),
            "Website": website,
            "Industry": entity.sector if entity else "",
            "OwnerId": self.rng.choice(OWNERS),
            "CreatedDate": f"20{self.rng.randrange(12, 26)}-{self.rng.randrange(1, 13):02d}-"
            f"{self.rng.randrange(1, 29):02d}T{self.rng.randrange(7, 19):02d}:{self.rng.randrange(60):02d}:00.000+0000",
            "LEI__c": self.lei_written(lei) if lei else "",
        }  # fmt: skip
        self.crm_rows.append(row)
        return account_id

    def lei_written(self, lei: str) -> str:
        shape = self.rng.random()
        if shape < 0.15:
            return lei.lower()
        if shape < 0.25:
            return " ".join(lei[i : i + 4] for i in range(0, 20, 4))
        return lei

    def phone_written(self, e164: str) -> str:
        style = self.rng.choice(
            [phonenumbers.PhoneNumberFormat.NATIONAL, phonenumbers.PhoneNumberFormat.INTERNATIONAL]
        )
        return phonenumbers.format_number(phonenumbers.parse(e164), style)

    def register(self, category: str, entity: Entity, truth=()) -> None:
        """The entity's golden-copy row."""
        created = f"{self.rng.randrange(1950, 2022)}-{self.rng.randrange(1, 13):02d}-{self.rng.randrange(1, 29):02d}"
        first = f"{self.rng.randrange(2012, 2024)}-{self.rng.randrange(1, 13):02d}-{self.rng.randrange(1, 29):02d}"
        capitals = self.rng.random() < 0.5
        row = dict.fromkeys(INBOUND_COLUMNS, "")
        row.update(
            {
                "Entity.LegalName": entity.legal_name.upper() if capitals and entity.legal_name.isascii() else
                entity.legal_name,
                "Entity.LegalName.xmllang": {"JP": "ja", "GR": "el", "BG": "bg", "DE": "de", "FR": "fr", "NL": "nl",
                                             "LU": "fr", "CH": "de"}.get(entity.country, "en"),
                "Entity.RegistrationAuthority.RegistrationAuthorityID": f"RA000{self.rng.randrange(100, 800)}",
                "Entity.RegistrationAuthority.RegistrationAuthorityEntityID": self.local_number(entity),
                "Entity.LegalJurisdiction": entity.country,
                "Entity.EntityCategory": entity.category,
                "Entity.LegalForm.EntityLegalFormCode": entity.form[2] if entity.form else "8888",
                "Entity.LegalForm.OtherLegalForm": "" if entity.form else entity.extra.get("form", ""),
                "Entity.EntityStatus": entity.status,
                "Entity.EntityCreationDate": f"{created}T00:00:00.000Z",
                "Registration.InitialRegistrationDate": f"{first}T08:{self.rng.randrange(60):02d}:00.000Z",
                "Registration.LastUpdateDate": f"2026-{self.rng.randrange(1, 12):02d}-01T10:00:00.000Z",
                "Registration.RegistrationStatus": entity.registration,
                "Registration.NextRenewalDate": f"{2025 if entity.registration == 'LAPSED' else 2027}-"
                f"{self.rng.randrange(1, 13):02d}-15T00:00:00.000Z",
                "Registration.ManagingLOU": entity.lei[:4] + "00" + "".join(self.rng.choice(string.ascii_uppercase)
                                                                          for _ in range(12)) + "00",
                "Registration.ValidationSources": self.rng.choice(["FULLY_CORROBORATED", "FULLY_CORROBORATED",
                                                                   "PARTIALLY_CORROBORATED", "ENTITY_SUPPLIED_ONLY"]),
            }
        )  # fmt: skip
        for prefix, site in (
            ("Entity.LegalAddress.", entity.legal),
            ("Entity.HeadquartersAddress.", entity.hq),
        ):
            row.update(self.address_row(prefix, site, capitals))
        if entity.other_name:
            name, kind, lang = entity.other_name
            row["Entity.OtherEntityNames.OtherEntityName.1"] = name.upper() if capitals else name
            row["Entity.OtherEntityNames.OtherEntityName.1.type"] = kind
            row["Entity.OtherEntityNames.OtherEntityName.1.xmllang"] = lang
        if entity.transliterated:
            name, kind = entity.transliterated
            row["Entity.TransliteratedOtherEntityNames.TransliteratedOtherEntityName.1"] = name
            row["Entity.TransliteratedOtherEntityNames.TransliteratedOtherEntityName.1.type"] = kind
            row["Entity.TransliteratedOtherEntityNames.TransliteratedOtherEntityName.1.xmllang"] = "en"
        if entity.category == "FUND":
            row["Entity.AssociatedEntity.type"] = "FUND_FAMILY"
            row["Entity.AssociatedEntity.AssociatedLEI"] = entity.extra.get("manager", "")
        if entity.parent:
            row["Relationship.EndNode.NodeID"], row["Relationship.RelationshipType"] = entity.parent
        if entity.status == "INACTIVE":
            row["Entity.EntityExpirationDate"] = f"2025-{self.rng.randrange(1, 13):02d}-01T00:00:00.000Z"
            row["Entity.EntityExpirationReason"] = "CORPORATE_ACTION"
            row["Entity.SuccessorEntity.SuccessorLEI"] = entity.successor
        row.pop(INBOUND_ID)
        case = GeneratedCase(category, row, tuple(truth))
        case.external_id = entity.lei
        self.cases.append(case)

    def address_row(self, prefix: str, site: Site, capitals: bool) -> dict:
        city = site.city
        line = site.street.upper() if capitals else site.street
        return {
            f"{prefix}xmllang": "en",
            f"{prefix}FirstAddressLine": line,
            f"{prefix}AdditionalAddressLine.1": site.line2,
            f"{prefix}City": city.name.upper() if capitals else city.name,
            f"{prefix}Region": city.region,
            f"{prefix}Country": city.country,
            f"{prefix}PostalCode": site.postcode,
        }

    def local_number(self, entity: Entity) -> str:
        country = entity.country
        if country == "GB":
            return _digits(self.rng, 8)
        if country == "DE":
            return f"HRB {self.rng.randrange(1000, 120000)}"
        if country == "LU":
            return f"B{self.rng.randrange(10000, 280000)}"
        if country == "FR":
            return _digits(self.rng, 9)
        return _digits(self.rng, self.rng.choice([6, 7, 8]))

    # -- shapes -------------------------------------------------------------------------------------------

    def umbrella(self, count: int) -> tuple[Entity, list[Entity], str, str]:
        """An umbrella fund and `count` of its sub-funds at its registered office; the management company's
        LEI, switchboard and domain."""
        country, words, form = self.rng.choice(UMBRELLAS)
        brand = self.brand()
        city = next(c for c in CITIES if c.country == country)
        agent = [a for a in AGENT_ADDRESSES if a[0] == country]
        site = self.site(city)
        if agent and self.rng.random() < 0.5:
            _, _, _, postcode, street = self.rng.choice(agent)
            site = Site(city, street, postcode)
        manager = self.lei()
        name = f"{brand} {words}"
        umbrella = Entity(self.lei(), name, name, country, (), site, site, category="FUND",
                          extra={"form": form, "manager": manager})  # fmt: skip
        funds = []
        for strategy in self.rng.sample(STRATEGIES, count):
            legal = f"{name} - {strategy} Fund"
            fund = replace(umbrella, lei=self.lei(), legal_name=legal, crm_name=legal,
                           parent=(umbrella.lei, RELATION_SUBFUND), extra={**umbrella.extra, "strategy": strategy,
                                                                           "brand": brand})  # fmt: skip
            funds.append(fund)
        return umbrella, funds, self.phone_written(self.phone(country)), f"www.{brand.lower()}am.com"

    def fund_account_name(self, fund: Entity) -> str:
        brand, strategy = fund.extra["brand"], fund.extra["strategy"]
        umbrella = fund.legal_name.rpartition(" - ")[0]
        return self.rng.choice([fund.legal_name, f"{umbrella} - {strategy}", f"{brand} {strategy} Fund",
                                f"{umbrella} {strategy} Fund"])  # fmt: skip

    def fund_accounts(self, funds: list[Entity], phone: str, website: str) -> list[str]:
        return [
            self.account(
                fund,
                fund.legal,
                name=self.fund_account_name(fund),
                phone=phone,
                website=website,
                lei=fund.lei if self.rng.random() < 0.2 else "",
            )
            for fund in funds
        ]

    def bank_with_branch(self) -> tuple[Entity, Entity]:
        """A bank and its international branch: the branch's legal address is the bank's, its headquarters its
        own, abroad; its name the bank's, now and then with the branch's town."""
        head = self.company(
            sector=("Bank", "Banking"), country=self.rng.choice(["DE", "FR", "NL", "CH", "LU"])
        )
        city = self.rng.choice([c for c in CITIES if c.country != head.country])
        own = self.site(city)
        name = head.legal_name
        if self.rng.random() < 0.5:
            name = f"{name}, {city.name} Branch" if self.rng.random() < 0.7 else f"{name} {city.name} Branch"
        branch = Entity(self.lei(), name, head.crm_name, head.country, (), head.legal, own, category="BRANCH",
                        sector="Banking", parent=(head.lei, RELATION_BRANCH), extra={"form": "Branch"})  # fmt: skip
        return head, branch

    # -- categories ---------------------------------------------------------------------------------------

    def background(self) -> None:
        for _ in range(self.orgs):
            entity = self.company()
            domain = f"www.{entity.crm_name.split()[0].lower()}.{'com' if entity.country in ('US', 'GB') else entity.country.lower()}"
            self.account(entity, entity.hq, lei=entity.lei if self.rng.random() < 0.15 else "",
                         website=domain if self.rng.random() < 0.5 else "")  # fmt: skip
        for _ in range(self.orgs // 25):
            _umbrella, funds, phone, website = self.umbrella(self.rng.randint(1, 3))
            self.fund_accounts(funds, phone, website)

    def lei_on_account(self) -> None:
        for index in range(self.per):
            entity = self.company()
            if index % 3 == 0:
                entity.registration = "LAPSED"
            truth = self.account(entity, entity.hq, lei=entity.lei)
            self.register("lei_on_account", entity, [truth])

    def lei_typo(self) -> None:
        for index in range(self.per // 2):
            entity = self.company()
            lei = entity.lei
            while True:
                position = self.rng.randrange(19)
                if index % 2:
                    slipped = lei[:position] + lei[position + 1] + lei[position] + lei[position + 2 :]
                else:
                    slipped = (
                        lei[:position]
                        + self.rng.choice(string.digits + string.ascii_uppercase)
                        + lei[position + 1 :]
                    )
                if not lei_valid(slipped):
                    break
            truth = self.account(entity, entity.hq)
            self.crm_rows[-1]["LEI__c"] = slipped
            self.register("lei_typo", entity, [truth])

    def legal_form_written(self) -> None:
        for _ in range(self.per):
            country = self.rng.choice(["DE", "FR", "NL", "GB", "LU", "CH", "IE", "US"])
            entity = self.company(country=country)
            entity.legal_name = f"{entity.crm_name} {entity.form[0]}"
            truth = self.account(entity, entity.hq)
            self.register("legal_form_written", entity, [truth])

    def renamed(self) -> None:
        for _ in range(self.per):
            entity = self.company()
            former = f"{self.brand()} {self.rng.choice(SECTORS)[0]}"
            former_legal = f"{former} {self.form_registered(entity.form)}"
            truth = self.account(entity, entity.hq, name=self.name_written(entity, former))
            entity.other_name = (former_legal, "PREVIOUS_LEGAL_NAME", entity.extra.get("lang", "en"))
            self.register("renamed", entity, [truth])

    def transliterated(self) -> None:
        for index in range(self.per):
            syllables = self.script_brand()
            latin = "".join(s[0] for s in syllables).capitalize()
            kind = index % 3
            if kind == 0:  # Japan
                katakana = "".join(s[3] for s in syllables)
                sector, native, romaji = self.rng.choice([("Securities", "証券", "Shoken"), ("Bank", "銀行", "Ginko"),
                                                          ("Asset Management", "アセットマネジメント",
                                                           "Asetto Manejimento")])  # fmt: skip
                legal = f"{katakana}{native}株式会社"
                english = f"{latin} {sector} Co., Ltd."
                entity = self.company(brand=latin, sector=(sector, "Financial Services"), form=("", ("Co., Ltd.",), "T417"),
                                      city=JAPAN)  # fmt: skip
                entity.other_name = (english.upper(), "ALTERNATIVE_LANGUAGE_LEGAL_NAME", "en")
                entity.transliterated = (
                    f"{latin} {romaji} Kabushiki Kaisha",
                    "AUTO_ASCII_TRANSLITERATED_LEGAL_NAME",
                )
                crm = self.rng.choice([english, f"{latin} {sector}", f"{latin} {sector} Co Ltd"])
            elif kind == 1:  # Greece
                greek = "".join(s[2] for s in syllables).upper()
                legal = f"{greek} ΑΝΩΝΥΜΗ ΕΤΑΙΡΕΙΑ" if self.rng.random() < 0.5 else f"{greek} Α.Ε."
                entity = self.company(brand=latin, sector=("Investments", "Financial Services"),
                                      form=("", ("S.A.",), "GUPD"), city=GREECE)  # fmt: skip
                entity.transliterated = (f"{latin.upper()} A.E.", "PREFERRED_ASCII_TRANSLITERATED_LEGAL_NAME")
                crm = self.rng.choice([f"{latin} S.A.", f"{latin} A.E.", latin])
            else:  # Bulgaria
                cyrillic = "".join(s[1] for s in syllables).capitalize()
                legal = f"{cyrillic} Капитал АД"
                entity = self.company(brand=latin, sector=("Capital", "Financial Services"), form=("", ("AD",), "U5X3"),
                                      city=BULGARIA)  # fmt: skip
                entity.transliterated = (
                    f"{latin} Kapital AD",
                    self.rng.choice(
                        ["PREFERRED_ASCII_TRANSLITERATED_LEGAL_NAME", "AUTO_ASCII_TRANSLITERATED_LEGAL_NAME"]
                    ),
                )
                crm = self.rng.choice([f"{latin} Kapital AD", f"{latin} Capital AD", f"{latin} Kapital"])
            entity.legal_name = legal
            truth = self.account(entity, entity.hq, name=crm)
            self.register("transliterated", entity, [truth])

    def hq_address_account(self) -> None:
        for _ in range(self.per):
            country, town, region, postcode, street = self.rng.choice(AGENT_ADDRESSES)
            entity = self.company(country=country)
            agent_city = replace(next(c for c in CITIES if c.country == country), name=town, region=region)
            entity.legal = Site(agent_city, street, postcode)
            entity.hq = self.site(self.rng.choice([c for c in CITIES if c.country in ("US", "GB")]
                                                  if country == "US" else CITIES))  # fmt: skip
            truth = self.account(entity, entity.hq)
            self.register("hq_address_account", entity, [truth])

    def fund_held(self) -> None:
        for _ in range(self.per):
            _umbrella, funds, phone, website = self.umbrella(self.rng.randint(2, 4))
            accounts = self.fund_accounts(funds, phone, website)
            self.register("fund_held", funds[0], [accounts[0]])

    def branch_held(self) -> None:
        for _ in range(self.per // 2):
            head, branch = self.bank_with_branch()
            head_id = self.account(head, head.hq, lei=head.lei if self.rng.random() < 0.5 else "")
            written = self.name_written(head)
            town = self.rng.choice(branch.hq.city.written)
            name = self.rng.choice([f"{written} {town} Branch", f"{written} - {town}", f"{written} ({town})"])
            truth = self.account(branch, branch.hq, name=name, parent=head_id, place=town)
            self.register("branch_held", branch, [truth])

    def sibling_subfund(self) -> None:
        for _ in range(self.per):
            _umbrella, funds, phone, website = self.umbrella(3)
            self.fund_accounts(funds[:2], phone, website)
            self.register("sibling_subfund", funds[2])

    def umbrella_not_held(self) -> None:
        for _ in range(self.per // 2):
            umbrella, funds, phone, website = self.umbrella(self.rng.randint(1, 3))
            self.fund_accounts(funds, phone, website)
            self.register("umbrella_not_held", umbrella)

    def foreign_branch(self) -> None:
        for index in range(self.per):
            head, branch = self.bank_with_branch()
            self.account(head, head.hq, lei=head.lei if index % 2 else "")
            self.register("foreign_branch", branch)

    def group_subsidiary(self) -> None:
        for _ in range(self.per):
            brand = self.brand()
            sector = self.rng.choice([("Holdings", "Financial Services"), ("Capital", "Financial Services"),
                                      ("Asset Management", "Financial Services")])  # fmt: skip
            countries = self.rng.sample(["GB", "DE", "US", "LU", "FR", "NL", "IE", "CH"], 3)
            members = [self.company(country=country, brand=brand, sector=sector) for country in countries]
            for member in members[:2]:
                self.account(member, member.hq, lei=member.lei if self.rng.random() < 0.3 else "")
            self.register("group_subsidiary", members[2])

    def merged_away(self) -> None:
        for _ in range(self.per // 2):
            parent = self.company()
            brand = parent.crm_name.split()[0]
            sector = self.rng.choice([s for s in SECTORS if s[0] != parent.crm_name.partition(" ")[2]])
            absorbed = self.company(brand=brand, sector=sector, country=parent.country, city=parent.hq.city)
            absorbed.legal = absorbed.hq = parent.hq
            absorbed.status, absorbed.registration, absorbed.successor = "INACTIVE", "RETIRED", parent.lei
            absorbed.parent = (parent.lei, RELATION_PARENT)
            self.account(parent, parent.hq, lei=parent.lei if self.rng.random() < 0.5 else "")
            self.register("merged_away", absorbed)

    def not_in_crm(self) -> None:
        for index in range(self.per * 2):
            if index % 4 == 0:
                _umbrella, funds, _phone, _website = self.umbrella(1)
                self.register("not_in_crm", funds[0])
            else:
                self.register("not_in_crm", self.company())

    def make(self) -> GeneratedCases:
        for category in (
            self.background, self.lei_on_account, self.lei_typo, self.legal_form_written, self.renamed,
            self.transliterated, self.hq_address_account, self.fund_held, self.branch_held, self.sibling_subfund,
            self.umbrella_not_held, self.foreign_branch, self.group_subsidiary, self.merged_away, self.not_in_crm,
        ):  # fmt: skip
            category()
        self.rng.shuffle(self.crm_rows)
        self.rng.shuffle(self.cases)
        return GeneratedCases(self.crm_rows, self.cases)


def organisation_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.orgs, args.per_category).make()


# -- Splink -------------------------------------------------------------------------------------------------

# What an evaluator prepares for Splink: the name without its legal form and accents (the register's legal name,
# or its first transliterated name where the legal name is in another script), the headquarters address's
# postcode, town and country (where an entity operates: the address a CRM holds), the Account's likewise.
CRM_SQL = f"""
        SELECT "{CRM_ID}" AS unique_id, {{company}}(strip_accents("Name")) AS name,
               nullif(upper(regexp_replace(trim("BillingPostalCode"), '^L-', '')), '') AS postcode,
               nullif(lower(strip_accents(trim("BillingCity"))), '') AS city
        FROM read_csv('{{path}}', all_varchar = true)
    """
INBOUND_SQL = """
        SELECT "LEI" AS unique_id,
               {company}(strip_accents(CASE WHEN regexp_matches("Entity.LegalName", '^[ -~]+$') THEN "Entity.LegalName"
                   ELSE coalesce(nullif("Entity.TransliteratedOtherEntityNames.TransliteratedOtherEntityName.1", ''),
                                 "Entity.LegalName") END)) AS name,
               nullif(upper("Entity.HeadquartersAddress.PostalCode"), '') AS postcode,
               nullif(lower(strip_accents("Entity.HeadquartersAddress.City")), '') AS city
        FROM read_csv('{path}', all_varchar = true)
    """


def splink_model():
    """Splink's documented company-matching settings for a register without phones or domains: the name by
    `NameComparison`, the postcode exactly, the town with term frequencies; blocked on the name and on the
    postcode."""
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    settings = SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=[
            block_on("name"),
            block_on("postcode"),
            block_on("substr(name, 1, 5)", "city"),
        ],
        comparisons=[
            cl.NameComparison("name"),
            cl.ExactMatch("postcode"),
            cl.ExactMatch("city").configure(term_frequency_adjustments=True),
        ],
        retain_intermediate_calculation_columns=False,
    )
    return settings, [block_on("city"), block_on("name")], [block_on("name", "postcode")], 0.7, {}


SUITES = [
    GeneratedSuite(
        name="organisations",
        make=organisation_cases,
        crm_file="salesforce_accounts",
        inbound_file="gleif_lei2_golden_copy",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id=INBOUND_ID,
        cli_options=["--provider", "salesforce", "--object", "accounts", "--kind", "organisation"],
        splink_kind="organisation",
        sql={"crm": CRM_SQL, "inbound": INBOUND_SQL},
        source="Salesforce Accounts <- GLEIF LEI golden copy (lei2)",
        splink_model=splink_model,
    )
]


if __name__ == "__main__":
    run_generated("identity-fortyfifth", SUITES, seed=451, people=0, orgs=2500, per_category=40)
