"""A forty-ninth record set: HubSpot contacts of a supplier selling in Mexico and Colombia, linked from a Kommo
contacts export in Spanish.

    python benchmarks/identity_fortyninth.py [--people 2400] [--per-category 40] [--seed 491] [--skip-splink]
                                             [--keep DIR]

A supplier of packaging and industrial consumables, based in Guadalajara, sells to manufacturers, distributors
and family firms in Mexico and Colombia. Marketing and the account managers work in HubSpot (English
interface); the inside-sales team answers WhatsApp, Instagram and web-form leads in Kommo (formerly amoCRM), set
to Spanish. Before a campaign, Kommo's contacts are linked to HubSpot's.

The CRM side is a HubSpot contacts export under its English labels (`Record ID`, `First Name`, `Last Name`,
`Email`, `Phone Number`, `Mobile Phone Number`, `WhatsApp Phone Number`, `Company Name`, `Job Title`, `City`,
`State/Region`, `Country/Region`, `Contact owner`, `Create Date`, `Lifecycle Stage`). Names as reps type them:
both surnames in `Last Name` ("García López") or only the first ("García"), the whole name typed into `First
Name` and split at its first space now and then ("José / Luis García López"), "Ma." for María and "Fdo." for
Fernando, accents dropped on a US keyboard. `Phone Number` holds the firm's line (a family firm's one landline,
a larger firm's switchboard on one contact) or the person's direct line; `Mobile Phone Number` the person's
mobile, written as it was when the record was made: Mexico's "044 55 ..." (from a landline, local), "045 ..."
(long distance) and "+52 1 ..." (from abroad) before the ten-digit plan (in force 3 August 2019, the old
prefixes and the "1" refused from 3 August 2020: IFT, checked with the search tool in Mexican press reports of
both dates), Colombia's landlines as "(1) 234 5678", "+57 1 2345678" or "031 2345678" before the ten-digit plan
(60 + the zone + seven digits, from 1 September 2021, the old national dialling ending 30 November 2021; CRC
Resolution 5826, checked with the search tool in Colombian press and municipal notices), firms' "PBX" before
their number.

The inbound side is a Kommo contacts export from the Spanish-language account. amoCRM's help lists what the
contacts export holds (checked with the search tool in zapazik1/AIamoCRM,
`database/processed_markdown/support/support-export-export-list.md`: type, name, company, creation date,
creator, modification date and author, tags, next task, responsible user, leads, then the standard fields
position, phone, e-mail, address, web, then notes and the account's own fields); this file writes them under
the Spanish labels such an account and Spanish-language CRMs' files use (SumaCRM's import help lists "Nombre",
"Apellidos", "Empresa", "Cargo"; Banktrack's "Nombre", "Correo", "Teléfono", "Dirección", "Ciudad",
"Provincia", "País"): `ID`, `Tipo`, `Nombre completo`, `Nombre`, `Apellido`, `Empresa`, `Cargo`, `Teléfono`
(the work number, often the firm's), `Celular`, `WhatsApp` (the account's own field, filled by the WhatsApp
channel: the number as WhatsApp gives it, "5215512345678" for a Mexican mobile, which WhatsApp still writes with
the old "1"), `Correo electrónico`, `Dirección`, `Ciudad`, `Estado`, `País`, `Fecha de creación`, `Creado por`,
`Etiquetas`, `Responsable`, `Leads`, `Notas`. A WhatsApp lead's name is its profile's ("Juan Carlos Ramírez",
"Lupita", "JC Ramírez"), which a rep may have corrected.

Categories, each with its truth (the HubSpot contact, or none). IN:
- `whatsapp_mobile`: the person's mobile, which HubSpot holds (as written when it was held, the old Mexican
  prefixes included), in `WhatsApp` as WhatsApp writes it or in `Celular`; the name as the profile gives it.
- `work_email`: the held work address; the name with one surname or two.
- `two_surnames`: one side has both surnames, the other the first only or the first and the mother's initial;
  a compound given name with one of its names dropped ("María Fernanda" / "Fernanda"), "Ma." and "Fdo.";
  the held mobile or work address.
- `accents_dropped`: "Jose Angel Nunez" against "José Ángel Núñez"; the held mobile or work address.
- `old_landline`: a person's direct line in Colombia, held in the old writing ("(4) 444 5566", "+57 4
  4445566") and written in the new ("604 444 5566") or the other way round; names agree; no other key.
- `job_change`: the person moved to another firm: new company, new work address and the new firm's line; the
  held mobile.
- `owner_firm_line`: a family firm's owner whom HubSpot holds with the firm's line; the firm's line and his held
  mobile or address.
- `name_company_city`: no number or address HubSpot holds; the full name with both surnames, the company and
  its city (never a name HubSpot holds twice).
OUT (truth none):
- `father_son_namesake`: the owner's son of the same given names and first surname (his second surname his
  mother's), "Jr." or "hijo" after it now and then, at the family firm: its line in `Teléfono`, his own mobile,
  his own address or none. HubSpot holds the father with the firm's line and the father's mobile.
- `relative_firm_line`: the owner's wife (her own surnames), daughter, son or brother at the family firm: the
  firm's line, their own mobile or none, the firm's contacto@ mailbox or their own.
- `namesake_other_firm`: a common name (Juan Carlos Hernández, María Guadalupe García ...) HubSpot holds at
  another firm; their own mobile and address.
- `colleague_switchboard`: a colleague HubSpot does not hold, giving the firm's switchboard, held on one contact.
- `not_in_crm`: leads HubSpot does not hold, at new or known firms.

Fairness: a careful reader can tell each row. A mobile is one person's; a firm's line is the firm's; HubSpot
holds each family-firm owner with his own mobile, and the son's row always carries his own; a name without a
key is never one HubSpot holds twice. Not made: a son whose row has only the firm's line and his name; a
landline written with its seven local digits only. Written from scratch (only `identity_quality`'s and
`generated_phones`' interfaces). Every seed deterministic.
"""

import random
import sys
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneNumberType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generated_phones import fresh_number
from identity_quality import GeneratedCase, GeneratedCases, GeneratedSuite, run_generated, unused_value

CRM_ID = "Record ID"
CRM_COLUMNS = [
    CRM_ID, "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number", "WhatsApp Phone Number",
    "Company Name", "Job Title", "City", "State/Region", "Country/Region", "Contact owner", "Create Date",
    "Lifecycle Stage",
]  # fmt: skip
INBOUND_ID = "ID"
INBOUND_COLUMNS = [
    INBOUND_ID, "Tipo", "Nombre completo", "Nombre", "Apellido", "Empresa", "Cargo", "Teléfono", "Celular",
    "WhatsApp", "Correo electrónico", "Dirección", "Ciudad", "Estado", "País", "Fecha de creación", "Creado por",
    "Etiquetas", "Responsable", "Leads", "Notas",
]  # fmt: skip

# -- names ------------------------------------------------------------------------------------------------------

MALE = ["José", "Juan", "Luis", "Carlos", "Jorge", "Miguel", "Francisco", "Alejandro", "Fernando", "Ricardo",
        "Eduardo", "Roberto", "Javier", "Raúl", "Sergio", "Andrés", "Óscar", "Héctor", "Arturo", "Manuel",
        "Rafael", "Ángel", "Jesús", "Gerardo", "Julián", "Mauricio", "Camilo", "Santiago", "Felipe", "Iván"]  # fmt: skip
FEMALE = ["María", "Ana", "Laura", "Claudia", "Patricia", "Verónica", "Adriana", "Gabriela", "Alejandra",
          "Mónica", "Sofía", "Fernanda", "Daniela", "Paola", "Lucía", "Mariana", "Carolina", "Beatriz", "Rocío",
          "Guadalupe", "Natalia", "Catalina", "Andrea", "Isabel", "Juliana"]  # fmt: skip
# Compound given names, as common in Mexico and Colombia as single ones.
MALE_COMPOUND = [("José", "Luis"), ("Juan", "Carlos"), ("José", "Antonio"), ("Luis", "Fernando"),
                 ("Juan", "Pablo"), ("José", "Ángel"), ("Miguel", "Ángel"), ("Jorge", "Alberto"),
                 ("Carlos", "Andrés"), ("Juan", "Manuel"), ("Luis", "Alberto"), ("Juan", "David")]  # fmt: skip
FEMALE_COMPOUND = [("María", "Fernanda"), ("María", "José"), ("Ana", "María"), ("María", "Guadalupe"),
                   ("Luz", "María"), ("María", "Elena"), ("Ana", "Sofía"), ("María", "Camila"),
                   ("Diana", "Marcela"), ("María", "del Carmen")]  # fmt: skip
SURNAMES = ["García", "Hernández", "Martínez", "López", "González", "Rodríguez", "Pérez", "Sánchez", "Ramírez",
            "Flores", "Gómez", "Díaz", "Torres", "Vázquez", "Cruz", "Morales", "Reyes", "Jiménez", "Gutiérrez",
            "Ruiz", "Mendoza", "Aguilar", "Ortiz", "Castillo", "Romero", "Álvarez", "Moreno", "Chávez", "Rivera",
            "Ramos", "Herrera", "Medina", "Castro", "Vargas", "Guzmán", "Muñoz", "Rojas", "Salazar", "Núñez",
            "Ospina", "Cárdenas", "Zapata", "Londoño", "Restrepo", "Betancourt", "Quintero", "Escobar",
            "Villalobos", "Montoya", "Arango", "Sepúlveda", "Ibáñez", "Fuentes", "Benítez", "Valdés", "Peña",
            "Orozco", "Carrillo", "Ávila", "Trujillo", "Cisneros", "Lozano", "Marín", "Ochoa", "Zúñiga"]  # fmt: skip
# Names held for one person at one firm and met again at another (the hard negatives).
COMMON = [(("Juan", "Carlos"), "Hernández"), (("José", "Luis"), "García"), (("María", "Guadalupe"), "García"),
          (("Miguel", "Ángel"), "Martínez"), (("Luis",), "Rodríguez"), (("Carlos",), "López"),
          (("Ana", "María"), "González"), (("Jorge",), "Ramírez")]  # fmt: skip
ABBREVIATED = {"María": "Ma.", "Fernando": "Fdo.", "José": "J."}
POSITIONS = ["Gerente de Compras", "Director General", "Jefe de Planta", "Comprador", "Gerente de Logística",
             "Coordinador de Abastecimiento", "Gerente Comercial", "Jefe de Almacén", "Administrador"]  # fmt: skip
HUBSPOT_POSITIONS = ["Purchasing Manager", "CEO", "Plant Manager", "Buyer", "Logistics Manager", "Owner"]

# -- firms ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    country: str
    city: str
    state: str
    area: str  # Mexico: the two- or three-digit area code; Colombia: the zone after "60"


PLACES = [
    Place("MX", "Ciudad de México", "CDMX", "55"), Place("MX", "Guadalajara", "Jalisco", "33"),
    Place("MX", "Monterrey", "Nuevo León", "81"), Place("MX", "Puebla", "Puebla", "222"),
    Place("MX", "Querétaro", "Querétaro", "442"), Place("MX", "León", "Guanajuato", "477"),
    Place("MX", "Mérida", "Yucatán", "999"), Place("MX", "Tijuana", "Baja California", "664"),
    Place("MX", "San Luis Potosí", "San Luis Potosí", "444"),
    Place("CO", "Bogotá", "Bogotá D.C.", "1"), Place("CO", "Medellín", "Antioquia", "4"),
    Place("CO", "Cali", "Valle del Cauca", "2"), Place("CO", "Barranquilla", "Atlántico", "5"),
    Place("CO", "Bucaramanga", "Santander", "7"), Place("CO", "Pereira", "Risaralda", "6"),
]  # fmt: skip
TRADES = [("Plásticos", "plasticos"), ("Empaques", "empaques"), ("Alimentos", "alimentos"),
          ("Distribuidora", "distribuidora"), ("Ferretería", "ferreteria"), ("Transportes", "transportes"),
          ("Químicos", "quimicos"), ("Textiles", "textiles"), ("Laboratorios", "laboratorios"),
          ("Agroindustrias", "agro"), ("Metalmecánica", "metalmecanica"), ("Papelera", "papelera")]  # fmt: skip
BRANDS = ["del Bajío", "Azteca", "Occidente", "Andina", "Pacífico", "Sierra Madre", "Los Altos", "Cóndor",
          "Caribe", "Monarca", "Tres Ríos", "Santa Fe", "El Roble", "Nevado", "La Huasteca", "Quetzal",
          "Cafetera", "Del Valle", "Continental", "Orión"]  # fmt: skip
FORMS = {"MX": ["S.A. de C.V.", "S.A. de C.V.", "S. de R.L. de C.V.", "S.A.P.I. de C.V."],
         "CO": ["S.A.S.", "S.A.S.", "S.A.", "Ltda."]}  # fmt: skip
COUNTRY_NAMES = {"MX": ["México", "Mexico", "MX"], "CO": ["Colombia", "CO"]}
HUBSPOT_COUNTRY = {"MX": "Mexico", "CO": "Colombia"}
TLD = {"MX": "com.mx", "CO": "com.co"}
PRIVATE_MAIL = {"MX": ["hotmail.com", "gmail.com", "yahoo.com.mx", "outlook.com", "prodigy.net.mx"],
                "CO": ["gmail.com", "hotmail.com", "yahoo.es", "outlook.com"]}  # fmt: skip
OWNERS = ["Diana Cortés", "Rodrigo Ibarra", "Valeria Prieto", "Emilio Salcedo"]
RESPONSABLES = ["Karla Mejía", "Sebastián Duque", "Lorena Tapia"]
TAGS = ["", "", "WhatsApp", "Instagram", "Formulario web", "Expo Pack 2026", "Cotización", "Distribuidor"]


@dataclass(eq=False)
class Firm:
    name: str
    place: Place
    domain: str
    line: str  # E.164: the firm's landline (a family firm's one line, a larger firm's switchboard)
    family: bool = False
    street: str = ""
    short: str = ""  # the name without its legal form, as most people write it


@dataclass(eq=False)
class Person:
    given: tuple[str, ...]
    paterno: str
    materno: str
    female: bool
    firm: Firm
    mobile: str = ""  # E.164
    direct: str = ""  # E.164: a direct landline of their own (Colombia's larger firms)
    email: str = ""
    private: str = ""
    suffix: str = ""  # "Jr.", "hijo"
    contact: dict | None = None

    @property
    def given_name(self) -> str:
        return " ".join(self.given)


def unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def folded(text: str) -> str:
    return unaccented(text).lower().replace(" ", "")


class Generator:
    def __init__(self, seed: int, people: int, per_category: int):
        self.rng = random.Random(seed)
        self.target = people
        self.per = per_category
        self.firms: list[Firm] = []
        self.people: list[Person] = []
        self.crm_rows: list[dict] = []
        self.cases: list[GeneratedCase] = []
        self.numbers: set[str] = set()
        self.mailboxes: set[str] = set()
        self.ids: set[str] = set()
        self.used: set[int] = set()
        self.name_counts: dict | None = None  # HubSpot's names, counted once it is written
        self.now = datetime(2026, 11, 30, 10, 0)

    # -- numbers ----------------------------------------------------------------------------------------------

    def landline(self, place: Place) -> str:
        region_code = "+52" if place.country == "MX" else "+57"
        prefix = place.area if place.country == "MX" else f"60{place.area}"
        while True:
            rest = "".join(str(self.rng.randint(0, 9)) for _ in range(10 - len(prefix)))
            if rest[0] in "01":
                continue
            number = f"{region_code}{prefix}{rest}"
            if phonenumbers.is_valid_number(phonenumbers.parse(number)) and number not in self.numbers:
                self.numbers.add(number)
                return number

    def new_mobile(self, place: Place) -> str:
        if place.country == "CO":
            return fresh_number(self.rng, "CO", PhoneNumberType.MOBILE, self.numbers, random_digits=7)
        return self.landline(place)  # a Mexican mobile carries its area code: the same ten-digit plan

    def written_landline(self, e164: str, *, old: bool = False) -> str:
        """A firm's line as a rep or a lead writes it; `old`: as it was written before the ten-digit plan."""
        national = e164[3:]
        if e164.startswith("+52"):
            area = national[:2] if national[:2] in ("55", "33", "81") else national[:3]
            local = national[len(area) :]
            if old:
                return self.rng.choice([f"01 {area} {local}", f"01 ({area}) {local}", f"({area}) {local}"])
            return self.rng.choice([f"({area}) {local[:-4]} {local[-4:]}", f"{area} {local[:-4]} {local[-4:]}",
                                    f"+52 {area} {local}", f"{area}{local}", f"+52 ({area}) {local[:-4]}-{local[-4:]}"])  # fmt: skip
        zone, local = national[2], national[3:]
        if old:
            return self.rng.choice([f"({zone}) {local[:3]} {local[3:]}", f"+57 {zone} {local}", f"03{zone} {local}",
                                    f"PBX ({zone}) {local[:3]} {local[3:]}"])  # fmt: skip
        return self.rng.choice([f"60{zone} {local[:3]} {local[3:]}", f"+57 60{zone} {local}", f"(60{zone}) {local}",
                                f"PBX 60{zone} {local}", f"60{zone}{local}"])  # fmt: skip

    def written_mobile(self, e164: str, *, old: bool = False) -> str:
        national = e164[3:]
        if e164.startswith("+52"):
            area = national[:2] if national[:2] in ("55", "33", "81") else national[:3]
            local = national[len(area) :]
            if old:
                return self.rng.choice([f"044 {area} {local}", f"045 {area} {local}", f"+52 1 {area} {local}",
                                        f"044{national}", f"+521{national}"])  # fmt: skip
            return self.rng.choice([f"{area} {local[:-4]} {local[-4:]}", f"+52 {area} {local}", national,
                                    f"({area}) {local[:-4]}-{local[-4:]}", f"+52 {national}"])  # fmt: skip
        return self.rng.choice([f"{national[:3]} {national[3:6]} {national[6:]}", f"+57 {national[:3]} {national[3:]}",
                                national, f"+57{national}", f"({national[:3]}) {national[3:]}"])  # fmt: skip

    def whatsapp(self, e164: str) -> str:
        """The number as WhatsApp's channel gives it: digits with the calling code, a Mexican mobile with the
        "1" WhatsApp still writes after 52."""
        digits = e164[1:]
        if digits.startswith("52"):
            digits = "521" + digits[2:]
        return self.rng.choice([digits, "+" + digits])

    # -- firms and people -------------------------------------------------------------------------------------

    def firm(self, place: Place | None = None, *, family_name: str = "") -> Firm:
        place = place or self.rng.choice(PLACES)
        taken = {f.name for f in self.firms}
        for _ in range(500):
            trade, slug = self.rng.choice(TRADES)
            form = self.rng.choice(FORMS[place.country])
            if family_name:
                brand = self.rng.choice([family_name, f"{family_name} e Hijos", f"{family_name} Hermanos"])
            else:
                brand = self.rng.choice(BRANDS)
            name = f"{trade} {brand} {form}"
            if name not in taken:
                break
        else:
            raise RuntimeError("no firm name left")
        base = f"{slug}{folded(brand).replace('ehijos', '').replace('hermanos', 'hnos')}"
        domains = {f.domain for f in self.firms}
        domain = f"{base}.{TLD[place.country]}"
        while domain in domains:
            domain = f"{base}{self.rng.randint(2, 99)}.{TLD[place.country]}"
        street = f"{self.rng.choice(['Av. ', 'Calle ', 'Carrera ', 'Blvd. '])}{self.rng.randint(1, 120)} # {self.rng.randint(1, 99)}-{self.rng.randint(1, 99)}"
        firm = Firm(name, place, domain, self.landline(place), family=bool(family_name), street=street)
        firm.short = f"{trade} {brand}"
        self.firms.append(firm)
        return firm

    def names_at(self, firm: Firm) -> set[tuple[str, str]]:
        return {(folded(p.given_name), folded(p.paterno)) for p in self.people if p.firm is firm}

    def all_names(self) -> dict[tuple[str, str], int]:
        counts: dict[tuple[str, str], int] = {}
        for p in self.people:
            key = (folded(p.given_name), folded(p.paterno))
            counts[key] = counts.get(key, 0) + 1
        return counts

    def draw_given(self, female: bool) -> tuple[str, ...]:
        if self.rng.random() < 0.45:
            return self.rng.choice(FEMALE_COMPOUND if female else MALE_COMPOUND)
        return (self.rng.choice(FEMALE if female else MALE),)

    def person(self, firm: Firm, *, given: tuple | None = None, paterno: str = "", female: bool | None = None,
               materno: str = "", keep: bool = True, namesake: bool = False) -> Person:  # fmt: skip
        for _ in range(300):
            is_female = (self.rng.random() < 0.35) if female is None else female
            g = given or self.draw_given(is_female)
            p = paterno or self.rng.choice(SURNAMES)
            if not given and not paterno and (g, p) in COMMON:
                continue
            if namesake or (folded(" ".join(g)), folded(p)) not in self.names_at(firm):
                break
        else:
            raise RuntimeError("no fresh name at the firm")
        m = materno or self.rng.choice([s for s in SURNAMES if s != p])
        person = Person(g, p, m, is_female, firm)
        person.mobile = self.new_mobile(firm.place)
        if firm.place.country == "CO" and not firm.family and self.rng.random() < 0.3:
            person.direct = self.landline(firm.place)
        person.email = self.work_address(person)
        person.private = self.private_address(person)
        if keep:
            self.people.append(person)
        return person

    def work_address(self, person: Person) -> str:
        g, p, m = folded(person.given[0]), folded(person.paterno), folded(person.materno)
        initials = "".join(folded(n)[0] for n in person.given)
        options = [f"{g}.{p}", f"{g[0]}{p}", f"{initials}{p}", f"{g}.{p}{m[0]}", f"{g[0]}{p}{m[0]}"]
        for local in self.rng.sample(options, len(options)):
            address = f"{local}@{person.firm.domain}"
            if address not in self.mailboxes:
                self.mailboxes.add(address)
                return address
        return unused_value(lambda: f"{g}.{p}{self.rng.randint(2, 99)}@{person.firm.domain}", self.mailboxes)

    def private_address(self, person: Person) -> str:
        g, p = folded(person.given[0]), folded(person.paterno)
        domain = self.rng.choice(PRIVATE_MAIL[person.firm.place.country])
        return unused_value(
            lambda: (
                f"{self.rng.choice([g, g[0]])}{self.rng.choice(['.', '_', ''])}{p}{self.rng.randint(1, 999)}@{domain}"
            ),
            self.mailboxes,
        )

    def record_id(self) -> str:
        return unused_value(lambda: str(self.rng.randint(10_000_000, 99_999_999)), self.ids)

    def hubspot_names(self, person: Person) -> tuple[str, str]:
        given = person.given_name
        roll = self.rng.random()
        if len(person.given) > 1 and roll < 0.08 and person.given[0] in ABBREVIATED:
            given = f"{ABBREVIATED[person.given[0]]} {' '.join(person.given[1:])}"
        elif len(person.given) > 1 and roll < 0.18:
            given = person.given[0]
        last = f"{person.paterno} {person.materno}" if self.rng.random() < 0.55 else person.paterno
        if self.rng.random() < 0.05:  # the whole name typed and split at its first space
            whole = f"{given} {last}".split(" ", 1)
            given, last = whole[0], whole[1]
        if self.rng.random() < 0.2:
            given, last = unaccented(given), unaccented(last)
        return given, last

    def hold(self, person: Person) -> dict:
        firm = person.firm
        first, last = self.hubspot_names(person)
        created = self.now - timedelta(days=self.rng.randint(30, 3600))
        old = created < datetime(2020, 8, 3) if firm.place.country == "MX" else created < datetime(2021, 9, 1)
        has_mobile = self.rng.random() < 0.8
        mobile = self.written_mobile(person.mobile, old=old and self.rng.random() < 0.6) if has_mobile else ""
        row = {
            CRM_ID: self.record_id(),
            "First Name": first,
            "Last Name": last,
            "Email": person.email
            if self.rng.random() < 0.8
            else (person.private if self.rng.random() < 0.3 else ""),
            "Phone Number": self.written_landline(person.direct, old=old) if person.direct else "",
            "Mobile Phone Number": mobile,
            "WhatsApp Phone Number": self.whatsapp(person.mobile)
            if has_mobile and self.rng.random() < 0.15
            else "",
            "Company Name": firm.name if self.rng.random() < 0.7 else firm.short,
            "Job Title": self.rng.choice(HUBSPOT_POSITIONS + POSITIONS),
            "City": firm.place.city if self.rng.random() < 0.85 else unaccented(firm.place.city),
            "State/Region": firm.place.state,
            "Country/Region": HUBSPOT_COUNTRY[firm.place.country],
            "Contact owner": self.rng.choice(OWNERS),
            "Create Date": created.strftime("%Y-%m-%d %H:%M"),
            "Lifecycle Stage": self.rng.choice(["lead", "marketingqualifiedlead", "opportunity", "customer"]),
        }
        person.contact = row
        self.crm_rows.append(row)
        return row

    def build_crm(self) -> None:
        while len(self.people) < self.target:
            if self.rng.random() < 0.25:  # a family firm: the owner, now and then a relative
                paterno = self.rng.choice(SURNAMES)
                firm = self.firm(family_name=paterno)
                owner = self.person(firm, paterno=paterno, female=False)
                if self.rng.random() < 0.2:
                    self.person(firm, paterno=paterno, materno=owner.materno)  # a sibling
                continue
            firm = self.firm()
            for _ in range(self.rng.choice([1, 1, 2, 3, 4, 6, 9])):
                self.person(firm)
        for given, paterno in COMMON * 2:
            firm = self.rng.choice([f for f in self.firms if not f.family and (folded(" ".join(given)), folded(paterno))
                                    not in self.names_at(f)])  # fmt: skip
            self.person(firm, given=given, paterno=paterno, female=given[0] in FEMALE)
        for person in self.people:
            self.hold(person)
        for (
            firm
        ) in self.firms:  # the firm's line on one contact: a family firm's owner, a larger firm's anyone
            holders = [p for p in self.people if p.firm is firm and not p.direct]
            if not holders:
                continue
            holder = holders[0] if firm.family else self.rng.choice(holders)
            if firm.family or self.rng.random() < 0.5:
                created = holder.contact["Create Date"]
                old = created < ("2020-08-03" if firm.place.country == "MX" else "2021-09-01")
                holder.contact["Phone Number"] = self.written_landline(firm.line, old=old)
            if firm.family:  # the owner's own mobile always held: what tells him from a son of his name
                holder.contact["Mobile Phone Number"] = holder.contact[
                    "Mobile Phone Number"
                ] or self.written_mobile(holder.mobile)

    # -- the Kommo export -------------------------------------------------------------------------------------

    def pick(self, test) -> Person:
        pool = [p for p in self.people if id(p) not in self.used and p.contact and test(p)]
        person = self.rng.choice(pool)
        self.used.add(id(person))
        return person

    def common(self, person: Person) -> bool:
        return (person.given, person.paterno) in COMMON

    def unique(self, person: Person) -> bool:
        if self.name_counts is None:
            self.name_counts = self.all_names()
        return self.name_counts.get((folded(person.given_name), folded(person.paterno)), 0) == 1

    def lead_name(self, person: Person) -> str:
        """The name as the lead or a WhatsApp profile gives it."""
        given = person.given_name if self.rng.random() < 0.8 else person.given[0]
        surnames = f"{person.paterno} {person.materno}" if self.rng.random() < 0.5 else person.paterno
        name = f"{given} {surnames}"
        if person.suffix:
            name = f"{name} {person.suffix}"
        if self.rng.random() < 0.15:
            name = unaccented(name)
        if self.rng.random() < 0.05:
            name = name.upper()
        return name

    def lead(self, category: str, truth: list[str], person: Person, *, name: str = "", firm: Firm | None = None,
             **fields) -> None:  # fmt: skip
        firm = firm or person.firm
        name = name or self.lead_name(person)
        first, last = "", ""
        if self.rng.random() < 0.5:  # a rep split it: Kommo's first name is the first word
            first, _, last = name.partition(" ")
        created = self.now - timedelta(days=self.rng.randint(0, 200), minutes=self.rng.randint(0, 900))
        row = {
            "Tipo": "contacto",
            "Nombre completo": name,
            "Nombre": first,
            "Apellido": last,
            "Empresa": firm.name if self.rng.random() < 0.5 else firm.short,
            "Cargo": self.rng.choice(POSITIONS) if self.rng.random() < 0.6 else "",
            "Teléfono": "",
            "Celular": "",
            "WhatsApp": "",
            "Correo electrónico": "",
            "Dirección": firm.street if self.rng.random() < 0.4 else "",
            "Ciudad": firm.place.city,
            "Estado": firm.place.state if self.rng.random() < 0.7 else "",
            "País": self.rng.choice(COUNTRY_NAMES[firm.place.country]),
            "Fecha de creación": created.strftime("%d.%m.%Y %H:%M:%S"),
            "Creado por": self.rng.choice([*RESPONSABLES, "WhatsApp", "Formulario web"]),
            "Etiquetas": self.rng.choice(TAGS),
            "Responsable": self.rng.choice(RESPONSABLES),
            "Leads": f"Cotización #{self.rng.randint(1000, 9999)}" if self.rng.random() < 0.6 else "",
            "Notas": self.rng.choice(
                ["", "", "Pide precios de mayoreo", "Llamar después de las 4", "Enviar catálogo"]
            ),
        }
        row.update(fields)
        case = GeneratedCase(category, row, tuple(truth))
        case.external_id = unused_value(lambda: str(self.rng.randint(1_000_000, 29_999_999)), self.ids)
        self.cases.append(case)

    def mobile_fields(self, person: Person) -> dict:
        if self.rng.random() < 0.5:
            return {"WhatsApp": self.whatsapp(person.mobile)}
        return {"Celular": self.written_mobile(person.mobile)}

    def held_mobile(self, person: Person) -> bool:
        return bool(person.contact["Mobile Phone Number"] or person.contact["WhatsApp Phone Number"])

    def held_key(self, person: Person) -> dict:
        if person.contact["Email"] == person.email and (
            self.rng.random() < 0.5 or not self.held_mobile(person)
        ):
            return {"Correo electrónico": person.email}
        return self.mobile_fields(person)

    def keyed(self, person: Person) -> bool:
        return person.contact["Email"] == person.email or self.held_mobile(person)

    def other_email(self, person: Person) -> str:
        return person.private if self.rng.random() < 0.5 and person.contact["Email"] != person.private else ""

    def family_owner(self, person: Person) -> bool:
        return person.firm.family and person.contact["Phone Number"] != "" and not person.female

    # IN

    def whatsapp_mobile(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: self.held_mobile(p) and not self.common(p) and not p.firm.family)
            self.lead("whatsapp_mobile", [person.contact[CRM_ID]], person, **self.mobile_fields(person),
                      **{"Correo electrónico": self.other_email(person)})  # fmt: skip

    def work_email(self) -> None:
        for _ in range(self.per):
            person = self.pick(
                lambda p: p.contact["Email"] == p.email and not self.common(p) and not p.firm.family
            )
            telefono = self.written_landline(person.firm.line) if self.rng.random() < 0.3 else ""
            self.lead("work_email", [person.contact[CRM_ID]], person, Teléfono=telefono,
                      **{"Correo electrónico": person.email})  # fmt: skip

    def two_surnames(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: self.keyed(p) and not self.common(p) and not p.firm.family)
            held_both = " " in person.contact["Last Name"].strip()
            if held_both:
                surnames = self.rng.choice([person.paterno, f"{person.paterno} {person.materno[0]}."])
            else:
                surnames = f"{person.paterno} {person.materno}"
            given = person.given_name
            if len(person.given) > 1:
                given = self.rng.choice([person.given[0], person.given[1], given,
                                         f"{ABBREVIATED.get(person.given[0], person.given[0])} {person.given[1]}"])  # fmt: skip
            elif person.given[0] in ABBREVIATED:
                given = self.rng.choice([given, ABBREVIATED[person.given[0]]])
            self.lead("two_surnames", [person.contact[CRM_ID]], person, name=f"{given} {surnames}",
                      **self.held_key(person))  # fmt: skip

    def accents_dropped(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.keyed(p) and not self.common(p) and not p.firm.family
                               and unaccented(p.given_name + p.paterno) != p.given_name + p.paterno
                               and unaccented(p.contact["First Name"]) != p.contact["First Name"])  # fmt: skip
            name = unaccented(f"{person.given_name} {person.paterno} {person.materno}")
            self.lead("accents_dropped", [person.contact[CRM_ID]], person, name=name, **self.held_key(person))

    def old_landline(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.direct and self.unique(p))
            held_old = not person.contact["Phone Number"].startswith(("60", "+57 60", "(60", "PBX 60"))
            self.lead("old_landline", [person.contact[CRM_ID]], person,
                      name=f"{person.given_name} {person.paterno} {person.materno}",
                      Teléfono=self.written_landline(person.direct, old=not held_old),
                      **{"Correo electrónico": self.other_email(person)})  # fmt: skip

    def job_change(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.held_mobile(p) and not self.common(p) and not p.firm.family)
            place = person.firm.place if self.rng.random() < 0.7 else self.rng.choice(PLACES)
            new_firm = self.firm(place)
            moved = Person(person.given, person.paterno, person.materno, person.female, new_firm)
            email = self.work_address(moved)
            self.lead("job_change", [person.contact[CRM_ID]], person, firm=new_firm,
                      Teléfono=self.written_landline(new_firm.line), **self.mobile_fields(person),
                      **{"Correo electrónico": email})  # fmt: skip

    def owner_firm_line(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.family_owner(p) and self.keyed(p))
            name = f"{person.given_name} {person.paterno}"
            if " " in person.contact["Last Name"].strip() or self.rng.random() < 0.5:
                name = f"{name} {person.materno}"
            self.lead("owner_firm_line", [person.contact[CRM_ID]], person, name=name,
                      Teléfono=self.written_landline(person.firm.line), **self.held_key(person))  # fmt: skip

    def name_company_city(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.unique(p) and not p.firm.family and not self.common(p))
            self.lead("name_company_city", [person.contact[CRM_ID]], person,
                      name=f"{person.given_name} {person.paterno} {person.materno}",
                      **{"Correo electrónico": person.private if person.contact["Email"] != person.private
                         and self.rng.random() < 0.3 else ""})  # fmt: skip

    # OUT

    def father_son_namesake(self) -> None:
        for _ in range(self.per):
            father = self.pick(lambda p: self.family_owner(p))
            mother = self.rng.choice([s for s in SURNAMES if s not in (father.paterno, father.materno)])
            son = self.person(father.firm, given=father.given, paterno=father.paterno, female=False,
                              materno=mother, keep=False, namesake=True)  # fmt: skip
            son.suffix = self.rng.choice(["", "", "Jr.", "hijo", "Jr"])
            self.lead("father_son_namesake", [], son, Teléfono=self.written_landline(father.firm.line),
                      **self.mobile_fields(son),
                      **{"Correo electrónico": self.rng.choice([son.email, son.private, ""])})  # fmt: skip

    def relative_firm_line(self) -> None:
        for _ in range(self.per // 2):
            owner = self.pick(lambda p: self.family_owner(p))
            kind = self.rng.choice(["wife", "daughter", "son", "brother"])
            if kind == "wife":
                relative = self.person(owner.firm, female=True, keep=False)
            elif kind == "brother":
                given = self.rng.choice([g for g in MALE if g not in owner.given])
                relative = self.person(owner.firm, given=(given,), paterno=owner.paterno, materno=owner.materno,
                                       female=False, keep=False)  # fmt: skip
            else:
                female = kind == "daughter"
                while (given := self.draw_given(female)) == owner.given:
                    pass
                relative = self.person(
                    owner.firm, given=given, paterno=owner.paterno, female=female, keep=False
                )
            fields = self.mobile_fields(relative) if self.rng.random() < 0.6 else {}
            email = self.rng.choice([f"contacto@{owner.firm.domain}", relative.email, relative.private])
            self.lead("relative_firm_line", [], relative, Teléfono=self.written_landline(owner.firm.line),
                      **fields, **{"Correo electrónico": email})  # fmt: skip

    def namesake_other_firm(self) -> None:
        for _ in range(self.per // 2):
            held = self.rng.choice([p for p in self.people if p.contact and self.common(p)])
            firm = self.rng.choice([f for f in self.firms if not f.family and f is not held.firm
                                    and (folded(held.given_name), folded(held.paterno)) not in self.names_at(f)])  # fmt: skip
            person = self.person(firm, given=held.given, paterno=held.paterno, female=held.female, keep=False)
            self.lead("namesake_other_firm", [], person, **self.mobile_fields(person),
                      **{"Correo electrónico": person.email if self.rng.random() < 0.7 else ""})  # fmt: skip

    def colleague_switchboard(self) -> None:
        for _ in range(self.per // 2):
            holder = self.pick(lambda p: not p.firm.family and not p.direct and p.contact["Phone Number"])
            person = self.person(holder.firm, keep=False)
            self.lead("colleague_switchboard", [], person, Teléfono=self.written_landline(holder.firm.line),
                      **{"Correo electrónico": person.email if self.rng.random() < 0.5 else ""})  # fmt: skip

    def not_in_crm(self) -> None:
        for _ in range(self.per * 2):
            firm = (
                self.firm()
                if self.rng.random() < 0.6
                else self.rng.choice([f for f in self.firms if not f.family])
            )
            person = self.person(firm, keep=False)
            fields = self.mobile_fields(person) if self.rng.random() < 0.7 else {}
            self.lead("not_in_crm", [], person, **fields,
                      **{"Correo electrónico": person.email if self.rng.random() < 0.6 else person.private})  # fmt: skip

    def build(self) -> GeneratedCases:
        self.build_crm()
        for category in (
            self.father_son_namesake, self.relative_firm_line, self.owner_firm_line, self.namesake_other_firm,
            self.colleague_switchboard, self.whatsapp_mobile, self.work_email, self.two_surnames,
            self.accents_dropped, self.old_landline, self.job_change, self.name_company_city, self.not_in_crm,
        ):  # fmt: skip
            category()
        self.rng.shuffle(self.cases)
        return GeneratedCases.shuffled(self.rng, self.crm_rows, self.cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# Splink reads HubSpot's first and last names and Kommo's split ones (its first name the full name's first word
# where a rep left them empty), the address, the last nine digits of the mobile (else the WhatsApp number, else
# the phone) on both sides, the company and the city.
PERSON_SQL = {
    "crm": f"""
        SELECT "{CRM_ID}" AS unique_id,
               nullif(lower(trim("First Name")), '') AS first_name,
               nullif(lower(trim("Last Name")), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               nullif(right(regexp_replace(coalesce(nullif("Mobile Phone Number", ''),
                                                    nullif("WhatsApp Phone Number", ''), "Phone Number", ''),
                                           '[^0-9]', '', 'g'), 9), '') AS phone,
               nullif(lower(trim("Company Name")), '') AS company,
               CAST(NULL AS VARCHAR) AS zip,
               nullif(lower(trim("City")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{INBOUND_ID}" AS unique_id,
               nullif(lower(trim(coalesce(nullif("Nombre", ''), split_part("Nombre completo", ' ', 1)))), '')
                   AS first_name,
               nullif(lower(trim(coalesce(nullif("Apellido", ''),
                                          regexp_replace("Nombre completo", '^\\S+\\s*', '')))), '') AS last_name,
               nullif(lower(trim("Correo electrónico")), '') AS email,
               nullif(right(regexp_replace(coalesce(nullif("Celular", ''), nullif("WhatsApp", ''), "Teléfono", ''),
                                           '[^0-9]', '', 'g'), 9), '') AS phone,
               nullif(lower(trim("Empresa")), '') AS company,
               CAST(NULL AS VARCHAR) AS zip,
               nullif(lower(trim("Ciudad")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}

SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="hubspot",
        inbound_file="kommo_contactos",
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
        source="HubSpot contacts (a supplier in Mexico and Colombia) <- a Kommo contacts export in Spanish",
    )
]


if __name__ == "__main__":
    run_generated("identity49", SUITES, seed=491, people=2400, orgs=0, per_category=40)
