"""A forty-seventh record set: an Italian wholesaler's Salesforce Accounts linked from its invoicing program's
customer register (Danea Easyfatt's "Soggetti" export).

    python benchmarks/identity_fortyseventh.py [--orgs 2000] [--per-category 30] [--seed 471] [--skip-splink]
                                               [--keep DIR]

A wholesaler of plumbing, heating and electrical supplies in northern Italy sells to installers, builders and
hardware shops: small firms, many of them sole traders (ditte individuali) and family partnerships. Its reps keep
the customers as Salesforce Accounts; its office invoices them from Danea Easyfatt, whose customer register
("anagrafica clienti") it exports now and then to tell which Account is which customer.

The inbound side is Easyfatt's customer export under its own Italian labels, in its order, as public code that
writes a file Easyfatt reads back and code that reads Easyfatt's own export give them (checked with the search
tool): ilGhera/wc-exporter-for-danea `includes/class-wcexd-users-download.php` writes the header `Cod.`,
`Denominazione`, `Indirizzo`, `Cap`, `Città`, `Prov.`, `Regione`, `Nazione`, `Referente`, `Tel.`, `Cell`,
`Fax`, `e-mail`, `Pec`, `Cod. destinatario Fatt. elettr.`, `Codice fiscale`, `Partita Iva`, `Sconti`,
`Listino`, `Fido`, `Pagamento`, `Banca`, ..., `Home page`, `Login web`, `Extra 1`-`Extra 6`, `Note`;
LukeSavefrogs/danea-easyfatt `src/veryeasyfatt/app/clienti.py` reads an exported `Soggetti.xlsx` by `Cod.`,
`Denominazione`, `Partita Iva`, `Indirizzo`, `Cap`, `Città`, `Prov.` and `Extra N`. This file keeps 21 of
them. The Italian shapes are the real ones: the partita IVA is 11 digits, seven of the firm, three of the
province's tax office (the ISTAT province code: 015 Milano, 037 Bologna) and a Luhn check digit, written with
"IT" before it or not; a company's codice fiscale is its partita IVA, a sole trader's is the owner's personal
code (16 characters: surname, name, year, month letter, day (+40 for a woman), the comune's cadastral code, a
check letter), and a sole trader's name is the owner's ("ROSSI MARIO", "Idraulica Rossi di Rossi Mario"); the
PEC is a certified mailbox on a provider's domain (pec.it, legalmail.it, arubapec.it), never the firm's web
domain; the SDI recipient code is 7 characters, "0000000" for a firm that receives by PEC, else its
intermediary's code (one code for every client of a service: M5UXCR1, KRRH6B9, SUBM70N, USAL8PV); the
province is its two-letter code; an old program writes an accented last letter as an apostrophe ("FORLI'",
"SOCIETA' A RESPONSABILITA' LIMITATA"). The register writes names in capitals half the time and the legal
form every way ("S.r.l.", "SRL", "S.R.L.", "srl", "Società a responsabilità limitata", "S.r.l.s.", "S.p.A.",
"S.n.c.", "S.a.s.", "& C.").

The CRM side is a Salesforce Account export under the Account's API names (`Id`, `Name` as a rep wrote it:
title case, the legal form short or left out, a sole trader by trade and surname; `Type`, `BillingStreet`,
`BillingCity`, `BillingState` (the province's code), `BillingPostalCode` (the CAP), `BillingCountry`
("Italia", "Italy", "IT"), `Phone` (drawn through `generated_phones`), `Website`, `Industry`, `OwnerId`,
`CreatedDate`) and custom fields `Partita_IVA__c` (on most Accounts, as pasted: with or without "IT", now and
then in groups), `Codice_Fiscale__c` (now and then) and `PEC__c` (now and then).

Categories, each with its truth (the Account's Id, or none). IN:
- `piva_on_account`: the Account holds the partita IVA; the name's legal form written otherwise.
- `piva_typo`: the Account's partita IVA has a slipped or swapped digit (its check digit fails); name, address and
  phone agree.
- `no_piva_on_account`: no partita IVA on the Account; the name (legal form otherwise), the address and the phone
  or the web domain agree.
- `sole_trader`: a ditta individuale: the register writes the owner's name ("ROSSI MARIO") with the personal
  codice fiscale, the Account the trade and surname ("Idraulica Rossi", "Rossi Mario Impianti"); the partita IVA
  on half the Accounts.
- `changed_form`: a partnership turned into a company (S.n.c. to S.r.l.): a transformation keeps the partita
  IVA, so the register's new name and form sit beside the Account's old ones with one number.
- `moved`: the firm moved to another comune; the Account keeps the old address; the partita IVA on the Account.
OUT:
- `same_name_elsewhere`: a firm of one family name ("Bianchi S.r.l.") in another province, whose namesake the CRM
  holds (with its partita IVA on half of them).
- `group_sibling`: a group's other company at the Account's address, its name the group's stem and another
  trade ("Ferretti Service S.r.l." beside "Ferretti Impianti S.r.l."), its own partita IVA, the switchboard on
  half; the Account holds its partita IVA.
- `owner_new_srl`: a sole trader's owner founded an S.r.l. ("Idraulica Rossi S.r.l.", a new partita IVA) at the
  same workshop, on the same phone; the CRM holds the sole trader with its partita IVA, or (a third) without it
  under its sign and owner ("Idraulica Rossi di Rossi Mario"): a sole trader is never a company.
- `family_sole_trader`: the son's own ditta individuale ("ROSSI MARCO") at his father's address ("Rossi Mario",
  the CRM's, with his partita IVA); the same trade and phone on half.
- `not_in_crm`: customers the CRM does not hold.

Fairness: a careful reader of the two records can tell each: an OUT record that shares a name stem, an address
or a phone with an Account always differs in a partita IVA the Account holds, in the comune, or in being a
company where the Account names a sole trader. Not made:
foreign customers (a VIES number), public bodies (a 6-character office code), a firm renamed without its
number on the Account. Written from scratch (only `identity_quality`'s and `generated_phones`' interfaces).
Every seed deterministic.
"""

import random
import string
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import phonenumbers

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generated_phones import fresh_number
from identity_quality import GeneratedCase, GeneratedCases, GeneratedSuite, run_generated, unused_value

CRM_ID = "Id"
CRM_COLUMNS = [
    CRM_ID, "Name", "Type", "BillingStreet", "BillingCity", "BillingState", "BillingPostalCode", "BillingCountry",
    "Phone", "Website", "Industry", "OwnerId", "CreatedDate", "Partita_IVA__c", "Codice_Fiscale__c", "PEC__c",
]  # fmt: skip
INBOUND_ID = "Cod."
INBOUND_COLUMNS = [
    INBOUND_ID, "Denominazione", "Indirizzo", "Cap", "Città", "Prov.", "Regione", "Nazione", "Referente", "Tel.",
    "Cell", "Fax", "e-mail", "Pec", "Cod. destinatario Fatt. elettr.", "Codice fiscale", "Partita Iva", "Pagamento",
    "Banca", "Home page", "Note",
]  # fmt: skip


@dataclass(frozen=True)
class Comune:
    name: str  # as the register of comuni writes it
    province: str  # two-letter code
    region: str
    caps: tuple[int, int]  # the comune's CAP range
    cadastral: str  # the codice catastale a personal codice fiscale carries
    office: str  # the ISTAT province code, the partita IVA's digits 8-10
    area: str  # the landline's area code (without its 0)


COMUNI = [
    Comune("Milano", "MI", "Lombardia", (20121, 20162), "F205", "015", "2"),
    Comune("Sesto San Giovanni", "MI", "Lombardia", (20099, 20099), "I690", "015", "2"),
    Comune("Legnano", "MI", "Lombardia", (20025, 20025), "E514", "015", "331"),
    Comune("Monza", "MB", "Lombardia", (20900, 20900), "F704", "108", "39"),
    Comune("Bergamo", "BG", "Lombardia", (24121, 24129), "A794", "016", "35"),
    Comune("Brescia", "BS", "Lombardia", (25121, 25136), "B157", "017", "30"),
    Comune("Cantù", "CO", "Lombardia", (22063, 22063), "B639", "013", "31"),
    Comune("Como", "CO", "Lombardia", (22100, 22100), "C933", "013", "31"),
    Comune("Varese", "VA", "Lombardia", (21100, 21100), "L682", "012", "332"),
    Comune("Busto Arsizio", "VA", "Lombardia", (21052, 21052), "B300", "012", "331"),
    Comune("Torino", "TO", "Piemonte", (10121, 10156), "L219", "001", "11"),
    Comune("Verona", "VR", "Veneto", (37121, 37142), "L781", "023", "45"),
    Comune("Vicenza", "VI", "Veneto", (36100, 36100), "L840", "024", "444"),
    Comune("Padova", "PD", "Veneto", (35121, 35143), "G224", "028", "49"),
    Comune("Treviso", "TV", "Veneto", (31100, 31100), "L407", "026", "422"),
    Comune("San Donà di Piave", "VE", "Veneto", (30027, 30027), "H823", "027", "421"),
    Comune("Bologna", "BO", "Emilia-Romagna", (40121, 40141), "A944", "037", "51"),
    Comune("Modena", "MO", "Emilia-Romagna", (41121, 41126), "F257", "036", "59"),
    Comune("Carpi", "MO", "Emilia-Romagna", (41012, 41012), "B819", "036", "59"),
    Comune("Reggio nell'Emilia", "RE", "Emilia-Romagna", (42121, 42124), "H223", "035", "522"),
    Comune("Parma", "PR", "Emilia-Romagna", (43121, 43126), "G337", "034", "521"),
    Comune("Forlì", "FC", "Emilia-Romagna", (47121, 47122), "D704", "040", "543"),
    Comune("Firenze", "FI", "Toscana", (50121, 50145), "D612", "048", "55"),
    Comune("Prato", "PO", "Toscana", (59100, 59100), "G999", "100", "574"),
    Comune("Genova", "GE", "Liguria", (16121, 16167), "D969", "010", "10"),
    Comune("Udine", "UD", "Friuli-Venezia Giulia", (33100, 33100), "L483", "030", "432"),
    Comune("Trento", "TN", "Trentino-Alto Adige", (38121, 38123), "L378", "022", "461"),
    Comune("Ancona", "AN", "Marche", (60121, 60131), "A271", "042", "71"),
    Comune("Roma", "RM", "Lazio", (118, 199), "H501", "058", "6"),
    Comune("Napoli", "NA", "Campania", (80121, 80147), "F839", "063", "81"),
    Comune("Bari", "BA", "Puglia", (70121, 70132), "A662", "072", "80"),
    Comune("Paternò", "CT", "Sicilia", (95047, 95047), "G371", "087", "95"),
]
# A comune's other spellings: the register's short name, an old program's apostrophe for an accent
CITY_WRITTEN = {
    "Reggio nell'Emilia": ("Reggio Emilia", "Reggio nell'Emilia"),
    "Forlì": ("Forlì", "Forli'", "Forli"),
    "Cantù": ("Cantù", "Cantu'"),
    "Paternò": ("Paternò", "Paterno'"),
    "San Donà di Piave": ("San Donà di Piave", "San Dona' di Piave"),
}
STREETS = [
    "Via Roma", "Via Garibaldi", "Via Mazzini", "Via Cavour", "Via Dante Alighieri", "Via Verdi", "Via Marconi",
    "Via Matteotti", "Via XX Settembre", "Via IV Novembre", "Via dell'Artigianato", "Via dell'Industria",
    "Via del Lavoro", "Via Enrico Fermi", "Via Galileo Galilei", "Via Leonardo da Vinci", "Via Aldo Moro",
    "Via Emilia", "Viale Europa", "Viale della Repubblica", "Corso Vittorio Emanuele II", "Via dei Mille",
    "Via Piave", "Via Trieste", "Via Trento", "Via Nazionale", "Via San Francesco", "Via Don Minzoni",
    "Via Gramsci", "Via Copernico", "Via Volta", "Piazza della Libertà", "Via Meucci", "Via dell'Agricoltura",
]  # fmt: skip
SURNAMES = [
    "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno",
    "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri",
    "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone", "Longo",
    "Gentile", "Martinelli", "Vitale", "Lombardo", "Serra", "Coppola", "De Santis", "D'Angelo", "Marchetti",
    "Parisi", "Villa", "Conte", "Ferraro", "Ferri", "Fabbri", "Bianco", "Marini", "Grasso", "Valentini",
    "Messina", "Sala", "De Angelis", "Gatti", "Pellegrini", "Palumbo", "Sanna", "Farina", "Rizzi", "Monti",
    "Cattaneo", "Morelli", "Amato", "Silvestri", "Mazza", "Testa", "Grassi", "Pellegrino", "Carbone", "Giuliani",
    "Benedetti", "Barone", "Rossetti", "Caputo", "Montanari", "Guerra", "Palmieri", "Bernardi", "Martino",
    "Fiore", "De Rosa", "Ferretti", "Bellini", "Basile", "Riva", "Donati", "Piras", "Vitali", "Battaglia",
    "Sartori", "Neri", "Costantini", "Milani", "Pagano", "Ruggiero", "Sorrentino", "D'Amico", "Orlando",
    "Zanetti", "Bertolini", "Brambilla", "Zanella", "Pozzi", "Tosi", "Bonetti", "Baldini", "Ghezzi", "Corradi",
]  # fmt: skip
MEN = [
    "Mario", "Giuseppe", "Giovanni", "Antonio", "Luigi", "Francesco", "Angelo", "Vincenzo", "Pietro", "Salvatore",
    "Carlo", "Franco", "Domenico", "Bruno", "Paolo", "Michele", "Giorgio", "Aldo", "Sergio", "Luciano", "Marco",
    "Andrea", "Luca", "Alessandro", "Stefano", "Roberto", "Massimo", "Davide", "Matteo", "Fabio", "Simone",
    "Daniele", "Claudio", "Enrico", "Federico", "Riccardo", "Maurizio", "Gianluca", "Emanuele", "Alberto",
]  # fmt: skip
WOMEN = [
    "Maria", "Anna", "Giuseppina", "Rosa", "Angela", "Giovanna", "Teresa", "Lucia", "Carmela", "Caterina",
    "Francesca", "Laura", "Paola", "Elena", "Giulia", "Chiara", "Sara", "Silvia", "Valentina", "Federica",
    "Alessandra", "Roberta", "Barbara", "Monica", "Cristina", "Elisa", "Simona", "Daniela", "Manuela", "Marta",
]  # fmt: skip
# A trade as a firm names itself, its Salesforce `Industry`, and how a rep shortens it
TRADES = [
    ("Idraulica", "Plumbing", "Idraulica"), ("Termoidraulica", "Plumbing", "Termoidraulica"),
    ("Impianti Elettrici", "Electrical", "Impianti"), ("Elettroimpianti", "Electrical", "Elettroimpianti"),
    ("Ferramenta", "Retail", "Ferramenta"), ("Edilizia", "Construction", "Edil"),
    ("Costruzioni", "Construction", "Costruzioni"), ("Serramenti", "Construction", "Serramenti"),
    ("Climatizzazione", "HVAC", "Clima"), ("Impianti Termici", "HVAC", "Impianti Termici"),
    ("Arredobagno", "Retail", "Arredobagno"), ("Colorificio", "Retail", "Colori"),
    ("Carpenteria Metallica", "Manufacturing", "Carpenteria"), ("Falegnameria", "Manufacturing", "Falegnameria"),
    ("Elettroforniture", "Wholesale", "Elettroforniture"), ("Materiali Edili", "Wholesale", "Materiali Edili"),
]  # fmt: skip
# Other trades a group's sister company carries beside the first's
GROUP_TRADES = ["Service", "Immobiliare", "Impianti", "Costruzioni", "Engineering", "Commerciale", "Energia",
                "Logistica", "Manutenzioni", "Tecnologie"]  # fmt: skip
BRAND_STEMS = ["Tecno", "Termo", "Idro", "Elettro", "Edil", "Euro", "Nord", "Ital", "Clima", "Eco", "Metal",
               "Sider", "Casa", "Domo", "Gas", "Energy", "Pro", "Ponti", "Lario", "Adda"]  # fmt: skip
BRAND_ENDS = ["plast", "sistemi", "impianti", "service", "tecnica", "car", "forniture", "term", "gas", "nova",
              "line", "tech", "project", "green", "dom", "fer", "mec", "lux", "box", "net"]  # fmt: skip
# A legal form: its name in full, the ways a register and a rep write it
FORMS = {
    "srl": ("Società a responsabilità limitata", ("S.r.l.", "SRL", "S.R.L.", "Srl", "s.r.l.")),
    "srls": ("Società a responsabilità limitata semplificata", ("S.r.l.s.", "SRLS", "Srls", "S.r.l.s")),
    "spa": ("Società per azioni", ("S.p.A.", "SPA", "S.P.A.", "Spa")),
    "snc": ("Società in nome collettivo", ("S.n.c.", "SNC", "Snc", "s.n.c.")),
    "sas": ("Società in accomandita semplice", ("S.a.s.", "SAS", "Sas", "s.a.s.")),
}
PEC_DOMAINS = ["pec.it", "legalmail.it", "arubapec.it", "pec.cgn.it", "postecert.it", "pec.confartigianato.it",
               "cert.legalmail.it", "pecimprese.it"]  # fmt: skip
INTERMEDIARIES = ["M5UXCR1", "KRRH6B9", "SUBM70N", "USAL8PV", "T04ZHR3", "W7YV5K9", "BA6ET11", "X2PH38J"]
MAILBOXES = ["gmail.com", "libero.it", "alice.it", "virgilio.it", "tiscali.it", "hotmail.it", "yahoo.it"]
PAYMENTS = [
    "Bonifico 30 gg d.f.",
    "Ri.Ba. 60 gg f.m.",
    "Ri.Ba. 30-60 gg",
    "Rimessa diretta",
    "Bonifico 60 gg f.m.",
]
BANKS = ["Intesa Sanpaolo", "UniCredit", "Banco BPM", "BPER Banca", "Crédit Agricole Italia", "Banca Sella",
         "BCC Milano", "Monte dei Paschi di Siena"]  # fmt: skip
TYPES = ["Customer", "Customer", "Customer", "Prospect", "Installer", "Reseller"]
OWNERS = ["0055800000Ab3QkAAJ", "0055800000Ab3QlAAJ", "0055800000Cd7TzAAJ"]
COUNTRY_WRITTEN = ["Italia", "Italia", "Italy", "IT"]
_MONTHS = "ABCDEHLMPRST"
_CF_ODD = dict(zip(string.digits + string.ascii_uppercase,
                   [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8,
                    12, 14, 16, 10, 22, 25, 24, 23], strict=True))  # fmt: skip


def piva_check_digit(first_ten: str) -> str:
    """The partita IVA's eleventh digit: the Luhn check over the first ten."""
    total = 0
    for index, character in enumerate(first_ten):
        digit = int(character)
        if index % 2:
            digit *= 2
            digit -= 9 if digit > 9 else 0
        total += digit
    return str((10 - total % 10) % 10)


def piva_valid(number: str) -> bool:
    return len(number) == 11 and number.isdigit() and piva_check_digit(number[:10]) == number[10]


def _consonants(word: str) -> str:
    letters = [c for c in word.upper() if c.isalpha()]
    return "".join(c for c in letters if c not in "AEIOU"), "".join(c for c in letters if c in "AEIOU")


# The letter a codice fiscale fills a name's three letters out with when it has fewer consonants and vowels.
_FILLER = "X"


def codice_fiscale(surname: str, name: str, born: tuple[int, int, int], woman: bool, cadastral: str) -> str:
    """A person's codice fiscale: three letters of the surname, three of the name (its 1st, 3rd and 4th
    consonants when it has four), the year's last two digits, the month's letter, the day (+40 for a woman),
    the comune's cadastral code and the check letter."""
    consonants, vowels = _consonants(surname)
    part = (consonants + vowels + _FILLER * 3)[:3]
    consonants, vowels = _consonants(name)
    if len(consonants) >= 4:
        consonants = consonants[0] + consonants[2] + consonants[3]
    part += (consonants + vowels + _FILLER * 3)[:3]
    year, month, day = born
    code = f"{part}{year % 100:02d}{_MONTHS[month - 1]}{day + (40 if woman else 0):02d}{cadastral}"
    total = sum(
        _CF_ODD[c] if index % 2 == 0 else (int(c) if c.isdigit() else ord(c) - ord("A"))
        for index, c in enumerate(code)
    )
    return code + chr(ord("A") + total % 26)


def salesforce_id(rng: random.Random) -> str:
    alphabet = string.digits + string.ascii_uppercase + string.ascii_lowercase
    base = "0015800000" + "".join(rng.choice(alphabet) for _ in range(5))
    suffix = ""
    for chunk in range(3):
        bits = sum(1 << i for i, ch in enumerate(base[chunk * 5 : chunk * 5 + 5]) if ch.isupper())
        suffix += "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"[bits]
    return base + suffix


def _slug(text: str) -> str:
    return "".join(c for c in text.lower().replace("'", "") if c.isalnum())


@dataclass
class Site:
    comune: Comune
    street: str  # "Via Roma"
    number: str  # "12", "12/A"
    cap: str


@dataclass
class Person:
    surname: str
    name: str
    woman: bool
    code: str  # codice fiscale


@dataclass
class Firm:
    piva: str
    trade: tuple  # TRADES entry
    stem: str  # the name before its legal form ("Bianchi Impianti", "Tecnoplast")
    form: str  # FORMS key, "" for a sole trader
    site: Site
    phone: str  # E.164
    owner: Person | None = None  # a sole trader's
    domain: str = ""
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

    def piva(self, comune: Comune) -> str:
        def make() -> str:
            body = f"{self.rng.randrange(1, 10**7):07d}{comune.office}"
            return body + piva_check_digit(body)

        return unused_value(make, self.used)

    def site(self, comune: Comune | None = None) -> Site:
        comune = comune or self.rng.choice(COMUNI)
        number = str(self.rng.randint(1, 180))
        if self.rng.random() < 0.12:
            number += "/" + self.rng.choice("ABC")
        low, high = comune.caps
        return Site(comune, self.rng.choice(STREETS), number, f"{self.rng.randint(low, high):05d}")

    def phone(self, comune: Comune) -> str:
        def make() -> str:
            digits = comune.area + "".join(str(self.rng.randint(0, 9)) for _ in range(9 - len(comune.area)))
            number = phonenumbers.parse("+390" + digits)
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) if (
                phonenumbers.is_valid_number(number)) else ""  # fmt: skip

        return unused_value(make, self.used)

    def mobile(self) -> str:
        return fresh_number(self.rng, "IT", phonenumbers.PhoneNumberType.MOBILE, self.used, random_digits=7)

    def person(
        self, comune: Comune, surname: str = "", woman: bool | None = None, born_after: int = 1950
    ) -> Person:
        woman = self.rng.random() < 0.2 if woman is None else woman
        surname = surname or self.rng.choice(SURNAMES)
        name = self.rng.choice(WOMEN if woman else MEN)
        born = (
            self.rng.randint(born_after, born_after + 25),
            self.rng.randint(1, 12),
            self.rng.randint(1, 28),
        )
        return Person(surname, name, woman, codice_fiscale(surname, name, born, woman, comune.cadastral))

    def brand(self) -> str:
        return unused_value(lambda: self.rng.choice(BRAND_STEMS) + self.rng.choice(BRAND_ENDS), self.used)

    def company(self, *, stem: str = "", form: str = "", comune: Comune | None = None, site: Site | None = None,
                trade: tuple = ()) -> Firm:  # fmt: skip
        site = site or self.site(comune)
        trade = trade or self.rng.choice(TRADES)
        if not stem:
            stem = unused_value(lambda: f"{self.stem_drawn(trade)}|{site.comune.name}", self.used).partition(
                "|"
            )[0]
        form = form or self.rng.choice(["srl"] * 5 + ["srls", "spa", "snc", "snc", "sas"])
        firm = Firm(self.piva(site.comune), trade, stem, form, site, self.phone(site.comune))
        firm.domain = self.domain(firm) if self.rng.random() < 0.6 else ""
        return firm

    def domain(self, firm: Firm) -> str:
        """The firm's own web domain: its name's, else with its town's or its legal form's (a namesake elsewhere
        registered the plain one first)."""
        slug = _slug(firm.stem)
        for name in (
            slug,
            slug + firm.form,
            slug + _slug(firm.site.comune.name),
            f"{slug}-{firm.site.comune.province.lower()}",
        ):
            if f"{name}.it" not in self.used:
                self.used.add(f"{name}.it")
                return f"{name}.it"
        return ""

    def stem_drawn(self, trade: tuple) -> str:
        """A firm's name before its legal form: a family's, a trade's beside it, or a made-up brand."""
        shape, surname = self.rng.random(), self.rng.choice(SURNAMES)
        if shape < 0.35:
            return f"{surname} {trade[0]}"
        if shape < 0.55:
            return f"{trade[0]} {surname}"
        if shape < 0.7:
            return f"F.lli {surname}" if self.rng.random() < 0.5 else f"{surname} & Figli"
        if shape < 0.8:
            return surname
        return self.brand()

    def sole_trader(
        self, *, site: Site | None = None, owner: Person | None = None, trade: tuple = ()
    ) -> Firm:
        site = site or self.site()
        owner = owner or self.person(site.comune)
        trade = trade or self.rng.choice(TRADES)
        firm = Firm(self.piva(site.comune), trade, f"{owner.surname} {owner.name}", "", site,
                    self.phone(site.comune), owner=owner)  # fmt: skip
        return firm

    # -- writing: the CRM's Account ------------------------------------------------------------------------

    def form_written(self, form: str, full_ok: bool = False) -> str:
        full, short = FORMS[form]
        if full_ok and self.rng.random() < 0.2:
            return full
        return self.rng.choice(short)

    def account_name(self, firm: Firm) -> str:
        if not firm.form:
            owner, trade = firm.owner, firm.trade
            return self.rng.choice([f"{trade[2]} {owner.surname}", f"{owner.surname} {owner.name}",
                                    f"{owner.surname} {owner.name} {trade[2]}",
                                    f"{trade[0]} {owner.surname} di {owner.surname} {owner.name}"])  # fmt: skip
        stem = firm.stem
        if firm.form in ("snc", "sas") and self.rng.random() < 0.3 and "&" not in stem:
            stem = f"{stem} & C."
        if self.rng.random() < 0.3:
            return stem
        return f"{stem} {self.form_written(firm.form)}"

    def piva_written(self, number: str) -> str:
        shape = self.rng.random()
        if shape < 0.35:
            return f"IT{number}"
        if shape < 0.45:
            return f"IT {number}"
        if shape < 0.5:
            return f"{number[:3]} {number[3:7]} {number[7:]}"
        return number

    def phone_written(self, e164: str) -> str:
        parsed = phonenumbers.parse(e164)
        shape = self.rng.random()
        if shape < 0.45:
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
        if shape < 0.75:
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL).replace(
            " ", ""
        )
        return f"{national[:4]}/{national[4:]}" if shape < 0.9 else national

    def account(self, firm: Firm, *, site: Site | None = None, piva: str | None = None, name: str = "",
                phone: str | None = None) -> str:  # fmt: skip
        site = site or firm.site
        account_id = salesforce_id(self.rng)
        comune = site.comune
        piva = firm.piva if piva is None else piva
        code = ""
        if self.rng.random() < 0.15:
            code = firm.owner.code if firm.owner else firm.piva
        phone = firm.phone if phone is None else phone
        row = {
            CRM_ID: account_id,
            "Name": name or self.account_name(firm),
            "Type": self.rng.choice(TYPES),
            "BillingStreet": f"{site.street}, {site.number}" if self.rng.random() < 0.4 else f"{site.street} {site.number}",
            "BillingCity": self.rng.choice(CITY_WRITTEN.get(comune.name, (comune.name,))),
            "BillingState": comune.province,
            "BillingPostalCode": site.cap,
            "BillingCountry": self.rng.choice(COUNTRY_WRITTEN),
            "Phone": self.phone_written(phone) if phone and self.rng.random() < 0.8 else "",
            "Website": f"www.{firm.domain}" if firm.domain and self.rng.random() < 0.6 else "",
            "Industry": firm.trade[1],
            "OwnerId": self.rng.choice(OWNERS),
            "CreatedDate": f"20{self.rng.randrange(14, 26)}-{self.rng.randrange(1, 13):02d}-"
            f"{self.rng.randrange(1, 29):02d}T{self.rng.randrange(7, 19):02d}:{self.rng.randrange(60):02d}:00.000+0000",
            "Partita_IVA__c": self.piva_written(piva) if piva else "",
            "Codice_Fiscale__c": code,
            "PEC__c": firm.extra.get("pec", "") if self.rng.random() < 0.2 else "",
        }  # fmt: skip
        self.crm_rows.append(row)
        return account_id

    # -- writing: the register's row ------------------------------------------------------------------------

    def register_name(self, firm: Firm, capitals: bool) -> str:
        if not firm.form:
            owner = firm.owner
            name = self.rng.choice([f"{owner.surname} {owner.name}", f"{owner.surname} {owner.name}",
                                    f"{firm.trade[0]} {owner.surname} di {owner.surname} {owner.name}"])  # fmt: skip
        else:
            name = f"{firm.stem} {self.form_written(firm.form, full_ok=True)}"
        if capitals:
            name = name.upper()
            if self.rng.random() < 0.5:  # an old program's apostrophe for an accented last letter
                name = name.replace("À", "A'").replace("È", "E'").replace("Ì", "I'").replace("Ò", "O'")
        return name

    def pec(self, firm: Firm) -> str:
        if "pec" not in firm.extra:
            local = _slug(firm.stem) if firm.form else f"{_slug(firm.owner.surname)}.{_slug(firm.owner.name)}"
            if firm.form and self.rng.random() < 0.4:
                local += firm.form
            firm.extra["pec"] = self.mailbox(local, PEC_DOMAINS)
        return firm.extra["pec"]

    def email(self, firm: Firm) -> str:
        if firm.domain and self.rng.random() < 0.8:
            return f"{self.rng.choice(['info', 'amministrazione', 'ufficio', 'contabilita', 'ordini'])}@{firm.domain}"
        local = _slug(firm.stem) if firm.form else f"{_slug(firm.owner.surname)}{_slug(firm.owner.name)}"
        if "mailbox" not in firm.extra:
            firm.extra["mailbox"] = self.mailbox(local, MAILBOXES)
        return firm.extra["mailbox"]

    def mailbox(self, local: str, domains: list[str]) -> str:
        """A mailbox nobody else holds: a provider gives a name once, so a namesake adds digits."""
        address = f"{local}@{self.rng.choice(domains)}"
        while address in self.used:
            address = f"{local}{self.rng.randint(1, 99)}@{self.rng.choice(domains)}"
        self.used.add(address)
        return address

    def register(
        self, category: str, firm: Firm, truth=(), *, site: Site | None = None, phone: str = ""
    ) -> None:
        site = site or firm.site
        comune = site.comune
        capitals = self.rng.random() < 0.5
        sdi = "0000000" if self.rng.random() < 0.55 else self.rng.choice(INTERMEDIARIES)
        contact = firm.owner or self.person(comune)
        city = self.rng.choice(CITY_WRITTEN.get(comune.name, (comune.name,)))
        street = (
            f"{site.street}, {site.number}" if self.rng.random() < 0.6 else f"{site.street} {site.number}"
        )
        if self.rng.random() < 0.15:
            street = street.replace("Via ", "V. ").replace("Viale ", "V.le ").replace("Piazza ", "P.zza ")
        row = {
            "Denominazione": self.register_name(firm, capitals),
            "Indirizzo": street.upper() if capitals else street,
            "Cap": site.cap,
            "Città": city.upper() if capitals else city,
            "Prov.": comune.province,
            "Regione": comune.region if self.rng.random() < 0.6 else "",
            "Nazione": "Italia",
            "Referente": "" if firm.owner or self.rng.random() < 0.4 else f"{contact.name} {contact.surname}",
            "Tel.": self.phone_written(phone or firm.phone) if self.rng.random() < 0.85 else "",
            "Cell": self.phone_written(self.mobile()) if self.rng.random() < 0.4 else "",
            "Fax": "",
            "e-mail": self.email(firm) if self.rng.random() < 0.8 else "",
            "Pec": self.pec(firm) if sdi == "0000000" or self.rng.random() < 0.4 else "",
            "Cod. destinatario Fatt. elettr.": sdi,
            "Codice fiscale": firm.owner.code if firm.owner else firm.piva,
            "Partita Iva": f"IT{firm.piva}" if self.rng.random() < 0.2 else firm.piva,
            "Pagamento": self.rng.choice(PAYMENTS),
            "Banca": self.rng.choice(BANKS) if self.rng.random() < 0.5 else "",
            "Home page": f"www.{firm.domain}" if firm.domain and self.rng.random() < 0.3 else "",
            "Note": "",
        }
        self.cases.append(GeneratedCase(category, row, tuple(truth)))

    # -- categories ---------------------------------------------------------------------------------------

    def background(self) -> None:
        for index in range(self.orgs):
            firm = self.sole_trader() if index % 3 == 0 else self.company()
            self.pec(firm)
            self.account(firm, piva=firm.piva if self.rng.random() < 0.6 else "")

    def piva_on_account(self) -> None:
        for _ in range(self.per):
            firm = self.company()
            self.register("piva_on_account", firm, [self.account(firm)])

    def piva_typo(self) -> None:
        for index in range(self.per):
            firm = self.company()
            number = firm.piva
            while True:
                position = self.rng.randrange(10)
                if index % 2:
                    slipped = (
                        number[:position] + number[position + 1] + number[position] + number[position + 2 :]
                    )
                else:
                    slipped = number[:position] + self.rng.choice(string.digits) + number[position + 1 :]
                if not piva_valid(slipped):
                    break
            self.register("piva_typo", firm, [self.account(firm, piva=slipped)])

    def no_piva_on_account(self) -> None:
        for _ in range(self.per):
            firm = self.company()
            if not firm.domain and self.rng.random() < 0.5:
                firm.domain = self.domain(firm)
            self.register("no_piva_on_account", firm, [self.account(firm, piva="")])

    def sole_trader_held(self) -> None:
        for index in range(self.per):
            firm = self.sole_trader()
            truth = self.account(firm, piva=firm.piva if index % 2 else "")
            self.register("sole_trader", firm, [truth])

    def changed_form(self) -> None:
        for _ in range(self.per):
            firm = self.company(form=self.rng.choice(["snc", "sas"]))
            truth = self.account(firm, piva=firm.piva if self.rng.random() < 0.8 else "")
            stem = firm.stem.replace(" & Figli", "")
            self.register("changed_form", replace(firm, form="srl", stem=stem), [truth])

    def moved(self) -> None:
        for _ in range(self.per):
            firm = self.company()
            truth = self.account(firm)
            new = self.site(self.rng.choice([c for c in COMUNI if c.province == firm.site.comune.province] +
                                            [self.rng.choice(COMUNI)]))  # fmt: skip
            self.register("moved", firm, [truth], site=new, phone=self.phone(new.comune))

    def same_name_elsewhere(self) -> None:
        for index in range(self.per):
            surname = self.rng.choice(SURNAMES)
            stem = self.rng.choice([surname, f"{surname} {self.rng.choice(TRADES)[0]}", f"F.lli {surname}"])
            held = self.company(stem=stem, form="srl")
            self.account(held, piva=held.piva if index % 2 else "")
            other_comune = self.rng.choice([c for c in COMUNI if c.province != held.site.comune.province])
            other = self.company(stem=stem, form=self.rng.choice(["srl", "srl", held.form]), comune=other_comune,
                                 trade=held.trade)  # fmt: skip
            self.register("same_name_elsewhere", other)

    def group_sibling(self) -> None:
        for index in range(self.per):
            surname = self.rng.choice(SURNAMES)
            first, second = self.rng.sample(GROUP_TRADES, 2)
            held = self.company(stem=f"{surname} {first}")
            sibling = self.company(
                stem=f"{surname} {second}", site=held.site, form=self.rng.choice(["srl", "spa"])
            )
            sibling.domain = held.domain
            self.account(held)
            self.register("group_sibling", sibling, phone=held.phone if index % 2 else "")

    def owner_new_srl(self) -> None:
        for index in range(self.per):
            trader = self.sole_trader()
            if index % 3:
                self.account(trader)
            else:  # no partita IVA on the Account, which names the sole trader by its sign and owner
                owner = trader.owner
                name = f"{trader.trade[0]} {owner.surname} di {owner.surname} {owner.name}"
                self.account(trader, piva="", name=name)
            stem = self.rng.choice(
                [f"{trader.trade[0]} {trader.owner.surname}", f"{trader.owner.surname} {trader.trade[0]}"]
            )
            company = Firm(self.piva(trader.site.comune), trader.trade, stem, self.rng.choice(["srl", "srls"]),
                           trader.site, trader.phone)  # fmt: skip
            self.register("owner_new_srl", company)

    def family_sole_trader(self) -> None:
        for index in range(self.per):
            site = self.site()
            father = self.sole_trader(site=site, owner=self.person(site.comune, woman=False, born_after=1945))
            self.account(father)
            son_person = self.person(
                father.site.comune, surname=father.owner.surname, woman=False, born_after=1975
            )
            while son_person.name == father.owner.name:
                son_person = self.person(father.site.comune, surname=father.owner.surname, woman=False,
                                         born_after=1975)  # fmt: skip
            son = self.sole_trader(site=father.site, owner=son_person, trade=father.trade)
            self.register("family_sole_trader", son, phone=father.phone if index % 2 else "")

    def not_in_crm(self) -> None:
        for index in range(self.per * 2):
            self.register("not_in_crm", self.sole_trader() if index % 3 == 0 else self.company())

    def make(self) -> GeneratedCases:
        for category in (
            self.background, self.piva_on_account, self.piva_typo, self.no_piva_on_account, self.sole_trader_held,
            self.changed_form, self.moved, self.same_name_elsewhere, self.group_sibling, self.owner_new_srl,
            self.family_sole_trader, self.not_in_crm,
        ):  # fmt: skip
            category()
        self.rng.shuffle(self.cases)
        for number, case in enumerate(self.cases, start=1):
            case.external_id = f"{number:05d}"
        return GeneratedCases.shuffled(self.rng, self.crm_rows, self.cases)


def organisation_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.orgs, args.per_category).make()


# -- Splink -------------------------------------------------------------------------------------------------

# What an evaluator prepares for Splink: the name without accents, punctuation and its Italian legal form; the
# partita IVA's eleven digits (without "IT"); the phone's digits without Italy's country code; the CAP; the comune
# in lower case without accents or apostrophes.
_NAME = """nullif(trim(regexp_replace(regexp_replace(regexp_replace(lower(strip_accents({column})), '[.,''&]', ' ', 'g'),
               '\\s+(societa\\s+a\\s+responsabilita\\s+limitata(\\s+semplificata)?|societa\\s+per\\s+azioni|societa\\s+in\\s+nome\\s+collettivo|societa\\s+in\\s+accomandita\\s+semplice|s\\s*r\\s*l\\s*s?|s\\s*p\\s*a|s\\s*n\\s*c|s\\s*a\\s*s)\\s*$', ''),
               '\\s+', ' ', 'g')), '')"""
_PIVA = "nullif(regexp_replace(regexp_replace(upper(coalesce({column}, '')), '[^0-9A-Z]', '', 'g'), '^IT', ''), '')"
_PHONE = "nullif(regexp_replace(regexp_replace(coalesce({column}, ''), '[^0-9]', '', 'g'), '^39', ''), '')"
_CITY = "nullif(regexp_replace(lower(strip_accents(trim({column}))), '[^a-z]', '', 'g'), '')"
CRM_SQL = f"""
        SELECT "{CRM_ID}" AS unique_id, {_NAME.format(column='"Name"')} AS name,
               {_PIVA.format(column='"Partita_IVA__c"')} AS piva, {_PHONE.format(column='"Phone"')} AS phone,
               nullif(trim("BillingPostalCode"), '') AS postcode, {_CITY.format(column='"BillingCity"')} AS city
        FROM read_csv('{{path}}', all_varchar = true)
    """
INBOUND_SQL = f"""
        SELECT "{INBOUND_ID}" AS unique_id, {_NAME.format(column='"Denominazione"')} AS name,
               {_PIVA.format(column='"Partita Iva"')} AS piva, {_PHONE.format(column='"Tel."')} AS phone,
               nullif(trim("Cap"), '') AS postcode, {_CITY.format(column='"Città"')} AS city
        FROM read_csv('{{path}}', all_varchar = true)
    """


def splink_model():
    """Splink's documented company settings with the partita IVA as an exact identifier beside the name
    (`NameComparison`), the phone, the CAP and the comune (term frequencies); blocked on each identifier and on
    the name's first letters within a comune."""
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    settings = SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=[
            block_on("piva"),
            block_on("phone"),
            block_on("name"),
            block_on("substr(name, 1, 5)", "city"),
        ],
        comparisons=[
            cl.NameComparison("name"),
            cl.ExactMatch("piva"),
            cl.ExactMatch("phone"),
            cl.ExactMatch("postcode"),
            cl.ExactMatch("city").configure(term_frequency_adjustments=True),
        ],
        retain_intermediate_calculation_columns=False,
    )
    return settings, [block_on("city"), block_on("piva")], [block_on("piva")], 0.6, {}


SUITES = [
    GeneratedSuite(
        name="organisations",
        make=organisation_cases,
        crm_file="salesforce_accounts",
        inbound_file="easyfatt_soggetti",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id=INBOUND_ID,
        cli_options=["--provider", "salesforce", "--object", "accounts", "--kind", "organisation"],
        splink_kind="organisation",
        sql={"crm": CRM_SQL, "inbound": INBOUND_SQL},
        source="Salesforce Accounts <- Danea Easyfatt customer register",
        splink_model=splink_model,
    )
]


if __name__ == "__main__":
    run_generated("identity-fortyseventh", SUITES, seed=471, people=0, orgs=2000, per_category=30)
