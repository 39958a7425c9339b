"""A fifty-first record set: Pipedrive persons of a wholesaler selling in the Netherlands and Flanders, linked from
a Dutch-language CRM's contacts export.

    python benchmarks/identity_fiftyfirst.py [--people 2400] [--per-category 40] [--seed 511] [--skip-splink]
                                             [--keep DIR]

A wholesaler of installation and building supplies, based in Breda, sells to installers, contractors and family
firms in the Netherlands and Flanders. Its account managers work in Pipedrive (English interface); the branch
in Antwerp and the counter staff keep their contacts in a Dutch-language CRM, set up years ago. Before a
campaign, that CRM's persons are linked to Pipedrive's.

The CRM side is a Pipedrive persons export under the list view's labels, as the other Pipedrive generators write
them: `Person - ID`, `Person - Name`, `Person - First name`, `Person - Last name`, `Person - Phone - Work` (a
direct line, or the firm's switchboard on one person), `Person - Phone - Mobile`, `Person - Phone - Home` (a
one-man firm run from home: the household's landline), `Person - Email - Work`, `Person - Email - Home`,
`Organization - Name`, `Person - Job title`, `Person - Label`, `Person - Postal address`, its ZIP/Postal code,
City/town/village/locality and Country parts, `Person - Owner`, `Person - Person created`. Names as reps type
them: the call name ("Hans") or the official first name ("Johannes") or the initials ("J.P.M.") in `First name`;
the tussenvoegsel inside `Last name` ("van den Berg"; Belgian surnames capitalised, "Van den Berg", as Belgium
writes them); a married woman under her own name, her partner's and hers ("Jansen-de Vries") or her partner's;
now and then a row imported from a sorted address book, its whole name "Berg, Jan van den" in `Person - Name`.

The inbound side is the Dutch-language CRM's persons export under the labels SuperOffice's Dutch interface gives
a person's fields (checked with the search tool in SuperOfficeDocs/superoffice-docs,
`docs/nl/learn/section-tabs/contacts-tab.md`: "Dhr./Mw.", "Voornaam / Tussenvoegsel / Achternaam", "Titel",
"Mobiel telefoonnummer", "E-mail"; `docs/nl/company/learn/includes/company-fields.md`: "Postcode", "Plaats",
"Telefoon"), the account's own "Voorletters" and "Roepnaam" fields, as Dutch person registers keep them (the
BRP's `naam.voorletters`, `voorvoegsel`, `geslachtsnaam`, read by public code found with the search tool):
`Persoon-ID`, `Dhr./Mw.`, `Voorletters`, `Voornaam`, `Roepnaam`, `Tussenvoegsel`, `Achternaam`, `Bedrijf`,
`Titel`, `Telefoon`, `Mobiel telefoonnummer`, `E-mail`, `Adres`, `Postcode`, `Plaats`, `Land`,
`Onze contactpersoon`, `Categorie`, `Aangemaakt`. Dutch rows give the initials of all official names ("J.P.M.")
and, in `Voornaam`, the call name, the official first name or nothing; `Roepnaam` when `Voornaam` is not it;
the tussenvoegsel in its own column or in `Achternaam`; "mevr." or "dhr." typed into the name now and then.
Flemish rows write the first name, rarely initials, and the surname with its capitalised particle. Postcodes
"1234 AB", "1234AB", "1234 ab"; Belgian four-digit codes; Belgian places in Dutch or French ("Brussel" /
"Bruxelles", "Antwerpen" / "Anvers", "Gent" / "Gand", "Luik" / "Liège", "Leuven" / "Louvain"); numbers with the
trunk 0 ("020-1234567", "06-12345678", "0470 12 34 56"), with "+31 (0)6", "0031", "+32" or Belgian slashes.

Categories, each with its truth (the Pipedrive person, or none). IN:
- `email_held`: the held work address; the name as the Dutch CRM writes it.
- `mobile_held`: the held mobile, written another way; no address.
- `particle_forms`: the tussenvoegsel moved between columns, shortened ("vd Berg"), capitalised ("Van Den
  Berg") or written after the name ("Berg, van den"); the held address or mobile.
- `initials_callname`: one side the initials ("J.P.M."), the other the call name or the official first name,
  or the official name on one side and the call name on the other ("Johannes" / "Hans", "Wilhelmus" / "Wim");
  the held address or mobile.
- `married_name`: a woman held under one form of her name ("de Vries", "Jansen-de Vries") and written under
  another that contains it ("Jansen-de Vries", "mevr. A. Jansen-de Vries", "de Vries-Jansen"); her held
  address or mobile.
- `ij_y`: "ij" written "y" or the other way round ("Dijkstra" / "Dykstra", "Meijer" / "Meyer"); the held
  address or mobile.
- `job_change`: a new firm, its address and switchboard; the held mobile.
- `name_postcode`: no key Pipedrive holds; the full name (never one Pipedrive holds twice), the company and
  the postcode as written, the place (a Belgian one in the other language now and then).
OUT (truth none):
- `father_son_initials`: a family firm ("Bakker & Zn."): the son, of the father's surname and first initial
  and, half the time, his first official name (named after the grandfather, as his father was), at the firm:
  its line, his own mobile or address. Pipedrive holds the father with the firm's line and his own mobile.
- `spouse_home_line`: a one-man firm run from home: Pipedrive holds the owner with the household's landline
  and the postal address; the row is his wife (her own first name and initials; her own surname, or his and
  hers) with the landline, the postcode, her own mobile or address or none.
- `namesake_common`: a common name (Jan de Jong, Peter de Vries, ...) Pipedrive holds at another firm; their
  own mobile and address.
- `colleague_switchboard`: a colleague Pipedrive does not hold, giving the firm's switchboard held on one
  person.
- `role_mailbox`: a colleague writing from the firm's info@ or inkoop@ mailbox, held on the buyer's record.
- `not_in_crm`: persons Pipedrive does not hold, at new or known firms.

Fairness: a careful reader can tell each row. A mobile is one person's; a firm's line and a household's
landline are shared; the son's and the wife's rows always carry something of their own (other initials, another
first name); a name without a key is never one Pipedrive holds twice. Not made: a son whose row has only the
firm's line and "J. Bakker". Written from scratch (only `identity_quality`'s and `generated_phones`' interfaces).
Every seed deterministic.
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

CRM_ID = "Person - ID"
CRM_COLUMNS = [
    CRM_ID, "Person - Name", "Person - First name", "Person - Last name", "Person - Phone - Work",
    "Person - Phone - Mobile", "Person - Phone - Home", "Person - Email - Work", "Person - Email - Home",
    "Organization - Name", "Person - Job title", "Person - Label", "Person - Postal address",
    "Person - Postal address - ZIP/Postal code", "Person - Postal address - City/town/village/locality",
    "Person - Postal address - Country", "Person - Owner", "Person - Person created",
]  # fmt: skip
INBOUND_ID = "Persoon-ID"
INBOUND_COLUMNS = [
    INBOUND_ID, "Dhr./Mw.", "Voorletters", "Voornaam", "Roepnaam", "Tussenvoegsel", "Achternaam", "Bedrijf",
    "Titel", "Telefoon", "Mobiel telefoonnummer", "E-mail", "Adres", "Postcode", "Plaats", "Land",
    "Onze contactpersoon", "Categorie", "Aangemaakt",
]  # fmt: skip

# -- names ------------------------------------------------------------------------------------------------------

# Official first names (as baptised and registered) and the call names their bearers go by.
MALE_NAMES = [
    ("Johannes", ["Hans", "Jan", "Johan", "Joop"]), ("Wilhelmus", ["Wim", "Willem"]), ("Hendrikus", ["Henk", "Rik"]),
    ("Cornelis", ["Kees", "Cor"]), ("Gerardus", ["Gerard", "Gert"]), ("Petrus", ["Piet", "Peter"]),
    ("Jacobus", ["Jaap", "Koos"]), ("Adrianus", ["Arie", "Adrie"]), ("Franciscus", ["Frank", "Frans"]),
    ("Theodorus", ["Theo", "Dorus"]), ("Antonius", ["Anton", "Toon", "Ton"]), ("Martinus", ["Martin", "Tinus"]),
    ("Bernardus", ["Ben", "Bernard"]), ("Arnoldus", ["Arno", "Arnold"]), ("Nicolaas", ["Klaas", "Niek"]),
    ("Daan", ["Daan"]), ("Thijs", ["Thijs"]), ("Bram", ["Bram"]), ("Niels", ["Niels"]), ("Joost", ["Joost"]),
    ("Sander", ["Sander"]), ("Maarten", ["Maarten"]), ("Ruben", ["Ruben"]), ("Koen", ["Koen"]),
    ("Wouter", ["Wouter"]), ("Bart", ["Bart"]), ("Jeroen", ["Jeroen"]), ("Dirk", ["Dirk"]), ("Stijn", ["Stijn"]),
    ("Pieter", ["Pieter"]), ("Lucas", ["Luc"]), ("Tom", ["Tom"]), ("Erik", ["Erik"]), ("Rob", ["Rob"]),
]  # fmt: skip
FEMALE_NAMES = [
    ("Johanna", ["Anneke", "Joke", "Hanneke"]), ("Maria", ["Marieke", "Mieke", "Ria"]),
    ("Wilhelmina", ["Wilma", "Mien"]), ("Catharina", ["Karin", "Toos", "Rina"]), ("Elisabeth", ["Els", "Lies"]),
    ("Geertruida", ["Truus", "Gerda"]), ("Hendrika", ["Riek", "Henny"]), ("Cornelia", ["Corrie", "Nel"]),
    ("Petronella", ["Petra", "Nel"]), ("Sanne", ["Sanne"]), ("Lotte", ["Lotte"]), ("Femke", ["Femke"]),
    ("Anouk", ["Anouk"]), ("Ilse", ["Ilse"]), ("Sofie", ["Sofie"]), ("Lieve", ["Lieve"]), ("Griet", ["Griet"]),
    ("Inge", ["Inge"]), ("Marloes", ["Marloes"]), ("Esther", ["Esther"]), ("Linda", ["Linda"]),
    ("Annelies", ["Annelies"]), ("Evelien", ["Evelien"]), ("Kim", ["Kim"]),
]  # fmt: skip
# Second and third official names (the initials after the first).
MIDDLE_MALE = ["Maria", "Johannes", "Petrus", "Hendrikus", "Cornelis", "Antonius", "Gerardus", "Jacobus",
               "Wilhelmus", "Theodorus", "Franciscus", "Josephus", "Adrianus", "Lambertus"]  # fmt: skip
MIDDLE_FEMALE = ["Maria", "Johanna", "Wilhelmina", "Catharina", "Elisabeth", "Anna", "Hendrika", "Cornelia",
                 "Theodora", "Geertruida", "Adriana", "Petronella"]  # fmt: skip
# (tussenvoegsel, surname): the Netherlands' and Flanders' own.
SURNAMES_NL = [
    ("van den", "Berg"), ("de", "Vries"), ("de", "Jong"), ("van", "Dijk"), ("", "Bakker"), ("", "Janssen"),
    ("", "Visser"), ("", "Smit"), ("", "Meijer"), ("de", "Boer"), ("", "Mulder"), ("de", "Groot"), ("", "Bos"),
    ("", "Vos"), ("", "Peters"), ("", "Hendriks"), ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"),
    ("de", "Wit"), ("", "Dijkstra"), ("de", "Graaf"), ("van der", "Meer"), ("van der", "Linden"), ("", "Kok"),
    ("de", "Haan"), ("", "Vermeulen"), ("van den", "Heuvel"), ("van der", "Veen"), ("van den", "Broek"),
    ("de", "Bruijn"), ("van der", "Heijden"), ("", "Schouten"), ("van", "Beek"), ("", "Willems"),
    ("van", "Vliet"), ("van de", "Ven"), ("", "Hoekstra"), ("", "Maas"), ("", "Verhoeven"), ("", "Koster"),
    ("van", "Dam"), ("van der", "Wal"), ("", "Prins"), ("", "Blom"), ("", "Huisman"), ("ter", "Horst"),
    ("in 't", "Veld"), ("van 't", "Hof"), ("'t", "Hart"), ("ten", "Cate"), ("", "Rijnders"), ("", "Bijl"),
    ("", "Wijnands"), ("van", "Rijn"), ("", "Kuijpers"), ("", "Timmermans"), ("", "Postma"), ("", "Kramer"),
]  # fmt: skip
SURNAMES_BE = [
    ("", "Peeters"), ("", "Janssens"), ("", "Maes"), ("", "Jacobs"), ("", "Mertens"), ("", "Willems"),
    ("", "Claes"), ("", "Goossens"), ("", "Wouters"), ("De", "Smet"), ("Van", "Damme"), ("De", "Clercq"),
    ("Van", "Acker"), ("Van den", "Bossche"), ("Van de", "Velde"), ("De", "Backer"), ("Vanden", "Berghe"),
    ("", "Verstraete"), ("", "Desmet"), ("", "Lambrechts"), ("", "Hermans"), ("De", "Meyer"), ("Van", "Hoof"),
    ("", "Dubois"), ("", "Lambert"), ("", "Leclercq"),
]  # fmt: skip
# "ij" as a Dutch keyboard writes it and "y" as a foreign form or an old spelling does.
IJ_SURNAMES = [("", "Dijkstra"), ("", "Meijer"), ("van", "Dijk"), ("de", "Bruijn"), ("van der", "Heijden"),
               ("", "Rijnders"), ("", "Bijl"), ("", "Wijnands"), ("van", "Rijn"), ("", "Kuijpers")]  # fmt: skip
# Names held for one person at one firm and met again at another (the hard negatives).
COMMON = [("Jan", "de", "Jong"), ("Peter", "de", "Vries"), ("Kees", "", "Bakker"), ("Sanne", "", "Visser"),
          ("Henk", "van den", "Berg"), ("Marieke", "", "Jansen"), ("Bart", "", "Peeters"), ("Erik", "", "Smit")]  # fmt: skip
JOBS = ["Inkoper", "Directeur", "Eigenaar", "Hoofd inkoop", "Projectleider", "Werkvoorbereider", "Bedrijfsleider",
        "Administratie", "Calculator", "Zaakvoerder", "Monteur", "Office manager"]  # fmt: skip
PIPEDRIVE_JOBS = ["Purchasing", "Owner", "Managing director", "Project manager", "Buyer", ""]
OWNERS = ["Marco Verbeek", "Lisa Hoogendoorn", "Tim Claessens", "Nadia El Amrani"]
COUNTERS = ["Ruud Bosman", "Ingrid Verhulst", "Kevin Smeets"]
CATEGORIES = ["Klant", "Prospect", "Installateur", "Aannemer", "Leverancier", ""]


@dataclass(frozen=True)
class Place:
    country: str
    names: tuple[str, ...]  # the Dutch name first; a Belgian city's French name after it
    area: str  # the area code without the trunk 0
    postcodes: tuple[int, int]


PLACES = [
    Place("NL", ("Amsterdam",), "20", (1011, 1109)), Place("NL", ("Rotterdam",), "10", (3011, 3089)),
    Place("NL", ("Den Haag", "'s-Gravenhage"), "70", (2491, 2599)), Place("NL", ("Utrecht",), "30", (3511, 3585)),
    Place("NL", ("Eindhoven",), "40", (5611, 5658)), Place("NL", ("Groningen",), "50", (9711, 9747)),
    Place("NL", ("Tilburg",), "13", (5011, 5049)), Place("NL", ("Breda",), "76", (4811, 4839)),
    Place("NL", ("Zwolle",), "38", (8011, 8048)), Place("NL", ("Arnhem",), "26", (6811, 6846)),
    Place("NL", ("Leeuwarden",), "58", (8911, 8939)), Place("NL", ("Amersfoort",), "33", (3811, 3829)),
    Place("BE", ("Brussel", "Bruxelles"), "2", (1000, 1000)), Place("BE", ("Antwerpen", "Anvers"), "3", (2000, 2060)),
    Place("BE", ("Gent", "Gand"), "9", (9000, 9000)), Place("BE", ("Leuven", "Louvain"), "16", (3000, 3001)),
    Place("BE", ("Luik", "Liège"), "4", (4000, 4000)), Place("BE", ("Mechelen", "Malines"), "15", (2800, 2800)),
    Place("BE", ("Brugge", "Bruges"), "50", (8000, 8000)), Place("BE", ("Hasselt",), "11", (3500, 3500)),
]  # fmt: skip
TRADES = [("Installatietechniek", "installatie"), ("Bouwbedrijf", "bouw"), ("Loodgietersbedrijf", "loodgieter"),
          ("Elektrotechniek", "elektro"), ("Dakwerken", "dakwerken"), ("Klimaattechniek", "klimaat"),
          ("Aannemersbedrijf", "aannemer"), ("Sanitair", "sanitair"), ("Verwarming", "verwarming"),
          ("Schilderwerken", "schilder")]  # fmt: skip
BRANDS = ["De Ster", "Noord", "Delta", "Polder", "Zuidwest", "De Linde", "Het Anker", "Kempen", "Rivierenland",
          "De Horst", "Maasland", "Westhoek", "Noorderlicht", "De Eik", "Vlaanderen", "Randstad", "Waal", "IJssel",
          "Schelde", "Veluwe", "Brabant", "Zeeland", "Duinstreek", "De Molen"]  # fmt: skip
FORMS = {"NL": ["B.V.", "B.V.", "BV", "V.O.F."], "BE": ["BV", "NV", "bv", "BVBA"]}
COUNTRY_NAMES = {"NL": ["Nederland", "NL", "Nederland"], "BE": ["België", "Belgie", "BE", "Belgique"]}
PIPEDRIVE_COUNTRY = {"NL": "Netherlands", "BE": "Belgium"}
STREETS = ["Kerkstraat", "Dorpsstraat", "Industrieweg", "Stationsstraat", "Molenweg", "Nijverheidsweg",
           "Marktplein", "Havenstraat", "Schoolstraat", "Beukenlaan", "Ambachtsweg", "Kouter", "Steenweg"]  # fmt: skip
PRIVATE_MAIL = {"NL": ["gmail.com", "hotmail.com", "kpnmail.nl", "ziggo.nl", "xs4all.nl", "live.nl", "planet.nl"],
                "BE": ["gmail.com", "telenet.be", "skynet.be", "hotmail.com", "proximus.be"]}  # fmt: skip
POSTCODE_LETTERS = "ABCEGHJKLMNPRTVWXZ"


def folded(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def slug(text: str) -> str:
    return "".join(c for c in folded(text) if c.isalnum())


@dataclass(eq=False)
class Firm:
    name: str
    place: Place
    domain: str
    line: str  # E.164: the firm's switchboard, a family firm's one line
    street: str
    postcode: str
    family: bool = False
    home: bool = False  # a one-man firm run from the owner's home
    short: str = ""


@dataclass(eq=False)
class Person:
    official: tuple[str, ...]
    call: str
    particle: str
    surname: str
    female: bool
    firm: Firm
    partner: tuple[str, str] | None = None  # a married woman's partner's (particle, surname)
    mobile: str = ""
    email: str = ""
    private: str = ""
    row: dict | None = None

    @property
    def initials(self) -> str:
        return "".join(f"{name[0]}." for name in self.official)

    @property
    def last(self) -> str:
        return f"{self.particle} {self.surname}".strip()


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
        self.name_counts: dict[tuple[str, str], int] = {}
        self.now = datetime(2026, 11, 30, 10, 0)

    # -- numbers ----------------------------------------------------------------------------------------------

    def landline(self, place: Place) -> str:
        code = "+31" if place.country == "NL" else "+32"
        length = 9 if place.country == "NL" else 8
        while True:
            rest = "".join(str(self.rng.randint(0, 9)) for _ in range(length - len(place.area)))
            number = f"{code}{place.area}{rest}"
            if rest[0] in "01" or number in self.numbers:
                continue
            parsed = phonenumbers.parse(number)
            if (
                phonenumbers.is_valid_number(parsed)
                and phonenumbers.number_type(parsed) == PhoneNumberType.FIXED_LINE
            ):
                self.numbers.add(number)
                return number

    def new_mobile(self, country: str) -> str:
        return fresh_number(self.rng, country, PhoneNumberType.MOBILE, self.numbers, random_digits=7)

    def written(self, e164: str) -> str:
        """A number as a Dutch or Flemish rep or form writes it."""
        parsed = phonenumbers.parse(e164)
        national = str(parsed.national_number)
        if e164.startswith("+31"):
            if national.startswith("6"):
                rest = national[1:]
                return self.rng.choice([f"06-{rest}", f"06 {rest[:4]} {rest[4:]}", f"06 {' '.join(rest[i:i + 2] for i in range(0, 8, 2))}",
                                        f"+31 6 {rest}", f"+31 (0)6 {rest[:4]} {rest[4:]}", f"0031 6 {rest}", f"+316{rest}"])  # fmt: skip
            area = national[:2]
            rest = national[2:]
            return self.rng.choice([f"0{area}-{rest}", f"0{area} {rest[:3]} {rest[3:]}", f"+31 {area} {rest}",
                                    f"+31 (0){area} {rest[:3]} {rest[3:]}", f"0031 {area} {rest}"])  # fmt: skip
        if national.startswith("4") and len(national) == 9:
            pre, rest = national[:3], national[3:]
            return self.rng.choice([f"0{pre} {rest[:2]} {rest[2:4]} {rest[4:]}", f"+32 {pre} {rest[:2]} {rest[2:4]} {rest[4:]}",
                                    f"0{pre}/{rest[:2]}.{rest[2:4]}.{rest[4:]}", f"0032 {pre} {rest}", f"0{pre}{rest}"])  # fmt: skip
        area = national[0] if national[0] in "2349" else national[:2]
        rest = national[len(area) :]
        return self.rng.choice([f"0{area} {rest[:3]} {rest[3:5]} {rest[5:]}", f"+32 {area} {rest}",
                                f"0{area}/{rest[:3]}.{rest[3:5]}.{rest[5:]}", f"0{area} {rest}"])  # fmt: skip

    # -- firms and people -------------------------------------------------------------------------------------

    def postcode(self, place: Place) -> str:
        digits = self.rng.randint(*place.postcodes)
        if place.country == "BE":
            return str(digits)
        letters = "".join(self.rng.choice(POSTCODE_LETTERS) for _ in range(2))
        return f"{digits} {letters}"

    def firm(self, place: Place | None = None, *, family: Person | None = None, home: bool = False) -> Firm:
        place = place or self.rng.choice(PLACES)
        taken = {f.name for f in self.firms}
        for _ in range(500):
            trade, trade_slug = self.rng.choice(TRADES)
            form = self.rng.choice(FORMS[place.country])
            if family is not None:
                owner = family.last if place.country == "BE" else family.last[:1].upper() + family.last[1:]
                short = self.rng.choice(
                    [f"{owner} & Zn.", f"{owner} & Zonen", f"{trade} {owner}", f"Gebr. {owner}"]
                )
                if home:
                    short = f"{trade} {owner}"
                brand_slug = slug(family.surname)
            else:
                brand = self.rng.choice(BRANDS)
                short = f"{trade} {brand}"
                brand_slug = slug(brand)
            name = f"{short} {form}"
            if name not in taken:
                break
        else:
            raise RuntimeError("no firm name left")
        tld = "nl" if place.country == "NL" else "be"
        base = brand_slug if family is not None else f"{trade_slug}{brand_slug}"
        domains = {f.domain for f in self.firms}
        domain = f"{base}.{tld}"
        while domain in domains:
            domain = f"{base}{self.rng.choice(['bv', 'groep', 'online', str(self.rng.randint(2, 99))])}.{tld}"
        street = f"{self.rng.choice(STREETS)} {self.rng.randint(1, 180)}"
        made = Firm(name, place, domain, self.landline(place), street, self.postcode(place),
                    family is not None and not home, home, short)  # fmt: skip
        self.firms.append(made)
        return made

    def draw_name(self, female: bool, country: str) -> tuple[tuple[str, ...], str]:
        first, calls = self.rng.choice(FEMALE_NAMES if female else MALE_NAMES)
        middles = MIDDLE_FEMALE if female else MIDDLE_MALE
        count = self.rng.choice([0, 1, 1, 2]) if country == "NL" else self.rng.choice([0, 0, 1])
        extra = [m for m in self.rng.sample(middles, 3) if m != first][:count]
        return (first, *extra), self.rng.choice(calls)

    def name_key(self, call: str, surname: str) -> tuple[str, str]:
        return slug(call), slug(surname).replace("ij", "y")

    def person(self, firm: Firm, *, female: bool | None = None, name: tuple | None = None,
               family: tuple[str, str] | None = None, keep: bool = True) -> Person:  # fmt: skip
        country = firm.place.country
        is_female = (self.rng.random() < 0.35) if female is None else female
        for _ in range(200):
            official, call = name or self.draw_name(is_female, country)
            particle, surname = family or self.rng.choice(SURNAMES_NL if country == "NL" else SURNAMES_BE)
            if name or family or (call, particle, surname) not in COMMON:
                break
        person = Person(official, call, particle, surname, is_female, firm)
        if is_female and country == "NL" and self.rng.random() < 0.35:
            person.partner = self.rng.choice([s for s in SURNAMES_NL if s[1] != surname])
        person.mobile = self.new_mobile(country)
        person.email = self.work_address(person)
        person.private = self.private_address(person)
        if keep:
            self.people.append(person)
        return person

    def work_address(self, person: Person) -> str:
        call, sur = slug(person.call), slug(person.surname)
        particle = "".join(word[0] for word in folded(person.particle).replace("'t", "t").split())
        options = [f"{call}.{particle}{sur}" if particle else f"{call}.{sur}", f"{call[0]}.{sur}", f"{call}",
                   f"{slug(person.initials)}{sur}", f"{call}{sur}", f"{call[0]}{particle}{sur}"]  # fmt: skip
        for local in self.rng.sample(options, len(options)):
            address = f"{local}@{person.firm.domain}"
            if address not in self.mailboxes:
                self.mailboxes.add(address)
                return address
        return unused_value(
            lambda: f"{call}.{sur}{self.rng.randint(2, 99)}@{person.firm.domain}", self.mailboxes
        )

    def private_address(self, person: Person) -> str:
        call, sur = slug(person.call), slug(person.last)
        domain = self.rng.choice(PRIVATE_MAIL[person.firm.place.country])
        return unused_value(
            lambda: (
                f"{self.rng.choice([call, call[0], slug(person.initials)])}{self.rng.choice(['.', '', '_'])}{sur}"
                f"{self.rng.choice(['', str(self.rng.randint(1, 99))])}@{domain}"
            ),
            self.mailboxes,
        )

    def held_last(self, person: Person) -> str:
        last = person.last
        if person.partner and self.rng.random() < 0.5:
            partner = f"{person.partner[0]} {person.partner[1]}".strip()
            last = f"{partner}-{last}"
        return last

    def hold(self, person: Person) -> dict:
        firm = person.firm
        roll = self.rng.random()
        if person.firm.place.country == "BE":
            first = person.call if roll < 0.85 else person.official[0]
        else:
            first = person.call if roll < 0.65 else (person.official[0] if roll < 0.8 else person.initials)
        last = self.held_last(person)
        name = f"{first} {last}"
        if person.particle and self.rng.random() < 0.05:  # imported from a sorted address book
            name = f"{person.surname}, {first} {person.particle}"
        created = self.now - timedelta(days=self.rng.randint(30, 3000))
        has_mobile = self.rng.random() < 0.8
        email = person.email if self.rng.random() < 0.85 else ""
        row = {
            CRM_ID: self.record_id(),
            "Person - Name": name,
            "Person - First name": first,
            "Person - Last name": last,
            "Person - Phone - Work": "",
            "Person - Phone - Mobile": self.written(person.mobile) if has_mobile else "",
            "Person - Phone - Home": "",
            "Person - Email - Work": email,
            "Person - Email - Home": person.private if not email or self.rng.random() < 0.1 else "",
            "Organization - Name": firm.name if self.rng.random() < 0.6 else firm.short,
            "Person - Job title": self.rng.choice(PIPEDRIVE_JOBS),
            "Person - Label": self.rng.choice(["Customer", "Prospect", "Hot lead", ""]),
            "Person - Postal address": "",
            "Person - Postal address - ZIP/Postal code": "",
            "Person - Postal address - City/town/village/locality": "",
            "Person - Postal address - Country": PIPEDRIVE_COUNTRY[firm.place.country],
            "Person - Owner": self.rng.choice(OWNERS),
            "Person - Person created": created.strftime("%Y-%m-%d %H:%M:%S"),
        }
        if self.rng.random() < 0.5 or firm.home:
            city = firm.place.names[0]
            row["Person - Postal address"] = f"{firm.street}, {firm.postcode} {city}"
            row["Person - Postal address - ZIP/Postal code"] = firm.postcode
            row["Person - Postal address - City/town/village/locality"] = city
        person.row = row
        self.crm_rows.append(row)
        return row

    def record_id(self) -> str:
        return unused_value(lambda: str(self.rng.randint(1000, 99999)), self.ids)

    def build_crm(self) -> None:
        while len(self.people) < self.target:
            roll = self.rng.random()
            place = self.rng.choice(PLACES)
            if roll < 0.2:  # a family firm: the father, now and then a son or a daughter held too
                father = self.person(Firm("", place, "", "", "", ""), female=False, keep=False)
                firm = self.firm(place, family=father)
                father.firm = firm
                father.email, father.mobile = self.work_address(father), father.mobile
                self.people.append(father)
                continue
            if roll < 0.3:  # a one-man firm run from home
                owner = self.person(Firm("", place, "", "", "", ""), female=False, keep=False)
                firm = self.firm(place, family=owner, home=True)
                owner.firm = firm
                owner.email = self.work_address(owner)
                self.people.append(owner)
                continue
            firm = self.firm(place)
            for _ in range(self.rng.choice([1, 1, 2, 3, 4, 6, 8])):
                self.person(firm)
        for call, particle, surname in COMMON:
            firm = self.rng.choice([f for f in self.firms if not f.family and not f.home])
            female = any(call == c for _, calls in FEMALE_NAMES for c in calls)
            official = next(o for o, calls in (FEMALE_NAMES if female else MALE_NAMES) if call in calls)
            self.person(firm, female=female, name=((official,), call), family=(particle, surname))
        for person in self.people:
            self.hold(person)
            key = self.name_key(person.call, person.surname)
            self.name_counts[key] = self.name_counts.get(key, 0) + 1
        for firm in self.firms:
            holders = [p for p in self.people if p.firm is firm]
            if not holders:
                continue
            holder = holders[0] if firm.family or firm.home else self.rng.choice(holders)
            if firm.home:  # the household's landline and the home address
                holder.row["Person - Phone - Home"] = self.written(firm.line)
            elif firm.family or self.rng.random() < 0.6:
                holder.row["Person - Phone - Work"] = self.written(firm.line)
            if firm.family or firm.home:  # the owner's own mobile always held
                holder.row["Person - Phone - Mobile"] = holder.row["Person - Phone - Mobile"] or self.written(
                    holder.mobile
                )
            if not (firm.family or firm.home) and self.rng.random() < 0.25:
                holder.row["Person - Email - Work"] = f"{self.rng.choice(['info', 'inkoop'])}@{firm.domain}"
                self.mailboxes.add(holder.row["Person - Email - Work"])

    # -- the Dutch CRM's export -------------------------------------------------------------------------------

    def pick(self, test) -> Person:
        pool = [p for p in self.people if id(p) not in self.used and p.row and test(p)]
        person = self.rng.choice(pool)
        self.used.add(id(person))
        return person

    def calls_of(self, person: Person) -> list[str]:
        """The call names of the person's official first name, and his own."""
        calls = next((c for o, c in MALE_NAMES + FEMALE_NAMES if o == person.official[0]), [])
        return [*calls, person.call]

    def common(self, person: Person) -> bool:
        return (person.call, person.particle, person.surname) in COMMON

    def unique(self, person: Person) -> bool:
        return self.name_counts.get(self.name_key(person.call, person.surname), 0) == 1

    def plain(self, person: Person) -> bool:
        return not self.common(person) and not person.firm.family and not person.firm.home

    def held_email(self, person: Person) -> bool:
        return person.row["Person - Email - Work"] == person.email

    def held_mobile(self, person: Person) -> bool:
        return bool(person.row["Person - Phone - Mobile"])

    def keyed(self, person: Person) -> bool:
        return self.held_email(person) or self.held_mobile(person)

    def held_key(self, person: Person) -> dict:
        if self.held_email(person) and (self.rng.random() < 0.5 or not self.held_mobile(person)):
            return {"E-mail": person.email}
        return {"Mobiel telefoonnummer": self.written(person.mobile)}

    def name_fields(self, person: Person, *, last: str = "") -> dict:
        """The name as the Dutch CRM holds it: initials, the call or official name, the tussenvoegsel in its
        own column or in the surname."""
        last = last or person.last
        flemish = person.firm.place.country == "BE"
        fields = {"Voorletters": "", "Voornaam": "", "Roepnaam": "", "Tussenvoegsel": "", "Achternaam": last}
        if flemish:
            fields["Voornaam"] = person.call if self.rng.random() < 0.8 else person.official[0]
            if fields["Voornaam"] != person.call and self.rng.random() < 0.5:
                fields["Roepnaam"] = person.call
            fields["Voorletters"] = person.initials if self.rng.random() < 0.15 else ""
            return fields
        fields["Voorletters"] = person.initials if self.rng.random() < 0.8 else ""
        roll = self.rng.random()
        if roll < 0.6 or not fields["Voorletters"]:
            fields["Voornaam"] = person.call
        elif roll < 0.8:
            fields["Voornaam"] = person.official[0]
            fields["Roepnaam"] = (
                person.call if person.call != person.official[0] or self.rng.random() < 0.3 else ""
            )
        else:
            fields["Roepnaam"] = person.call if self.rng.random() < 0.5 else ""
        if person.particle and last == person.last and self.rng.random() < 0.75:
            fields["Tussenvoegsel"], fields["Achternaam"] = person.particle, person.surname
        return fields

    def lead(self, category: str, truth: list[str], person: Person, *, names: dict | None = None,
             firm: Firm | None = None, **fields) -> None:  # fmt: skip
        firm = firm or person.firm
        created = self.now - timedelta(days=self.rng.randint(0, 400), minutes=self.rng.randint(0, 900))
        flemish = firm.place.country == "BE"
        salutation = (
            ("Mevrouw" if person.female else "De heer") if flemish else ("Mevr." if person.female else "Dhr.")
        )
        postcode = firm.postcode
        if firm.place.country == "NL":
            postcode = self.rng.choice([postcode, postcode.replace(" ", ""), postcode.lower(), postcode])
        row = {
            "Dhr./Mw.": salutation
            if self.rng.random() < 0.7
            else self.rng.choice(["", "Mw." if person.female else "Heer"]),
            **(names or self.name_fields(person)),
            "Bedrijf": firm.short if self.rng.random() < 0.5 else firm.name,
            "Titel": self.rng.choice(JOBS) if self.rng.random() < 0.6 else "",
            "Telefoon": "",
            "Mobiel telefoonnummer": "",
            "E-mail": "",
            "Adres": firm.street if self.rng.random() < 0.5 else "",
            "Postcode": postcode if self.rng.random() < 0.7 else "",
            "Plaats": self.rng.choice(firm.place.names),
            "Land": self.rng.choice(COUNTRY_NAMES[firm.place.country]) if self.rng.random() < 0.8 else "",
            "Onze contactpersoon": self.rng.choice(COUNTERS),
            "Categorie": self.rng.choice(CATEGORIES),
            "Aangemaakt": created.strftime("%d-%m-%Y %H:%M"),
        }
        row.update(fields)
        case = GeneratedCase(category, row, tuple(truth))
        case.external_id = unused_value(lambda: str(self.rng.randint(100_000, 999_999)), self.ids)
        self.cases.append(case)

    # IN

    def email_held(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: self.held_email(p) and self.plain(p))
            telefoon = self.written(person.firm.line) if self.rng.random() < 0.3 else ""
            self.lead(
                "email_held", [person.row[CRM_ID]], person, Telefoon=telefoon, **{"E-mail": person.email}
            )

    def mobile_held(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: self.held_mobile(p) and self.plain(p))
            email = (
                person.private
                if self.rng.random() < 0.3 and person.row["Person - Email - Home"] != person.private
                else ""
            )
            self.lead("mobile_held", [person.row[CRM_ID]], person,
                      **{"Mobiel telefoonnummer": self.written(person.mobile), "E-mail": email})  # fmt: skip

    def particle_forms(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.particle and self.keyed(p) and self.plain(p) and not p.partner)
            names = self.name_fields(person)
            particle = person.particle
            short = {"van der": "vd", "van den": "vd", "van de": "vd", "Van den": "Vd", "Van de": "Vd"}
            form = self.rng.choice(["column", "capitalised", "short", "after", "lower"])
            if form == "column":
                names["Tussenvoegsel"], names["Achternaam"] = particle, person.surname
            elif form == "capitalised":
                names["Tussenvoegsel"], names["Achternaam"] = "", f"{particle.title()} {person.surname}"
            elif form == "short" and particle in short:
                names["Tussenvoegsel"], names["Achternaam"] = "", f"{short[particle]} {person.surname}"
            elif form == "after":
                names["Tussenvoegsel"], names["Achternaam"] = "", f"{person.surname}, {particle.lower()}"
            else:
                names["Tussenvoegsel"], names["Achternaam"] = particle.lower(), person.surname
            self.lead("particle_forms", [person.row[CRM_ID]], person, names=names, **self.held_key(person))

    def initials_callname(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: self.keyed(p) and self.plain(p) and p.firm.place.country == "NL"
                               and not p.partner)  # fmt: skip
            held = person.row["Person - First name"]
            names = self.name_fields(person)
            if held == person.initials:
                names.update(Voorletters="", Voornaam=person.call, Roepnaam="")
            elif held == person.call:
                names.update(
                    Voorletters=person.initials,
                    Voornaam=self.rng.choice(["", person.official[0]]),
                    Roepnaam="",
                )
            else:
                names.update(
                    Voorletters=self.rng.choice(["", person.initials]), Voornaam=person.call, Roepnaam=""
                )
            self.lead("initials_callname", [person.row[CRM_ID]], person, names=names, **self.held_key(person))

    def married_name(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.partner and self.keyed(p) and self.plain(p))
            partner = f"{person.partner[0]} {person.partner[1]}".strip()
            double = f"{partner}-{person.last}"
            held = person.row["Person - Last name"]
            if held == double:
                last = self.rng.choice([person.last, double.replace("-", " - ")])
            else:
                last = self.rng.choice([double, f"{person.last}-{partner}"])
            names = self.name_fields(person, last=last)
            if self.rng.random() < 0.3:
                names.update(Voorletters="", Voornaam="", Roepnaam="", Tussenvoegsel="",
                             Achternaam=f"mevr. {person.initials[:2]} {last}")  # fmt: skip
            self.lead("married_name", [person.row[CRM_ID]], person, names=names, **self.held_key(person))

    def ij_y(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: (p.particle, p.surname) in IJ_SURNAMES and self.keyed(p) and self.plain(p)
                               and not p.partner)  # fmt: skip
            surname = person.surname.replace("ij", "y").replace("IJ", "Y")
            names = self.name_fields(person)
            names["Achternaam"] = names["Achternaam"].replace(person.surname, surname)
            self.lead("ij_y", [person.row[CRM_ID]], person, names=names, **self.held_key(person))

    def job_change(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.held_mobile(p) and self.plain(p))
            place = person.firm.place if self.rng.random() < 0.6 else self.rng.choice(PLACES)
            firm = self.firm(place)
            moved = Person(person.official, person.call, person.particle, person.surname, person.female, firm)
            self.lead("job_change", [person.row[CRM_ID]], person, firm=firm, Telefoon=self.written(firm.line),
                      **{"Mobiel telefoonnummer": self.written(person.mobile), "E-mail": self.work_address(moved)})  # fmt: skip

    def name_postcode(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.unique(p) and self.plain(p) and not p.partner)
            names = self.name_fields(person)
            if not names["Voornaam"]:
                names["Voornaam"] = person.call
            self.lead("name_postcode", [person.row[CRM_ID]], person, names=names,
                      Postcode=person.firm.postcode, Plaats=self.rng.choice(person.firm.place.names))  # fmt: skip

    # OUT

    def father_son_initials(self) -> None:
        for _ in range(self.per):
            father = self.pick(lambda p: p.firm.family)
            if self.rng.random() < 0.5:  # named after the grandfather, as the father was, and called by his
                # second name to tell the two apart
                second, calls = self.rng.choice([n for n in MALE_NAMES[:15] if n[0] not in father.official])
                official, call = (father.official[0], second), self.rng.choice(calls)
            else:
                first, calls = self.rng.choice([n for n in MALE_NAMES if n[0] != father.official[0]
                                                and not set(n[1]) & set(self.calls_of(father))])  # fmt: skip
                official, call = (first, *self.rng.sample(MIDDLE_MALE, 1)), self.rng.choice(calls)
            son = self.person(father.firm, female=False, name=(official, call),
                              family=(father.particle, father.surname), keep=False)  # fmt: skip
            own = self.rng.choice(["mobile", "email", "both"])
            names = self.name_fields(son)
            if son.firm.place.country == "NL":  # his own initials always written, and his call name
                names["Voorletters"] = son.initials
                if son.call not in (names["Voornaam"], names["Roepnaam"]):
                    names["Roepnaam"] = son.call
            fields = {"Telefoon": self.written(father.firm.line)}
            if own in ("mobile", "both"):
                fields["Mobiel telefoonnummer"] = self.written(son.mobile)
            if own in ("email", "both"):
                fields["E-mail"] = son.email
            elif self.rng.random() < 0.5:
                fields["E-mail"] = f"info@{father.firm.domain}"
            self.lead("father_son_initials", [], son, names=names, **fields)

    def spouse_home_line(self) -> None:
        for _ in range(self.per // 2):
            owner = self.pick(lambda p: p.firm.home)
            wife = self.person(owner.firm, female=True, keep=False)
            last = f"{owner.last}-{wife.last}" if self.rng.random() < 0.5 else wife.last
            names = self.name_fields(wife, last=last)
            if self.rng.random() < 0.3:
                names.update(Voorletters="", Voornaam="", Roepnaam="", Tussenvoegsel="",
                             Achternaam=f"mevr. {wife.initials[:2]} {last}")  # fmt: skip
            fields = {
                "Telefoon": self.written(owner.firm.line),
                "Postcode": owner.firm.postcode,
                "Adres": owner.firm.street,
            }
            roll = self.rng.random()
            if roll < 0.4:
                fields["Mobiel telefoonnummer"] = self.written(wife.mobile)
            elif roll < 0.7:
                fields["E-mail"] = wife.private
            self.lead("spouse_home_line", [], wife, names=names, **fields)

    def namesake_common(self) -> None:
        held = [p for p in self.people if self.common(p)]
        for _ in range(self.per // 2):
            namesake = self.rng.choice(held)
            firm = self.rng.choice(
                [f for f in self.firms if f is not namesake.firm and not f.family and not f.home]
            )
            person = self.person(firm, female=namesake.female, name=(namesake.official, namesake.call),
                                 family=(namesake.particle, namesake.surname), keep=False)  # fmt: skip
            self.lead("namesake_common", [], person, **{"Mobiel telefoonnummer": self.written(person.mobile),
                      "E-mail": person.email if self.rng.random() < 0.7 else ""})  # fmt: skip

    def colleague_switchboard(self) -> None:
        for _ in range(self.per // 2):
            holder = self.pick(lambda p: self.plain(p) and p.row["Person - Phone - Work"])
            person = self.person(holder.firm, keep=False)
            self.lead("colleague_switchboard", [], person, Telefoon=self.written(holder.firm.line),
                      **{"E-mail": person.email if self.rng.random() < 0.5 else ""})  # fmt: skip

    def role_mailbox(self) -> None:
        for _ in range(self.per // 2):
            holder = self.pick(lambda p: p.row["Person - Email - Work"].startswith(("info@", "inkoop@")))
            person = self.person(holder.firm, keep=False)
            self.lead("role_mailbox", [], person, **{"E-mail": holder.row["Person - Email - Work"]})

    def not_in_crm(self) -> None:
        for _ in range(self.per * 2):
            if self.rng.random() < 0.6:
                firm = self.firm()
            else:
                firm = self.rng.choice([f for f in self.firms if not f.family and not f.home])
            person = self.person(firm, keep=False)
            fields = {"Mobiel telefoonnummer": self.written(person.mobile)} if self.rng.random() < 0.6 else {}
            self.lead("not_in_crm", [], person, **fields,
                      **{"E-mail": person.email if self.rng.random() < 0.6 else person.private})  # fmt: skip

    def build(self) -> GeneratedCases:
        self.build_crm()
        for category in (
            self.father_son_initials, self.spouse_home_line, self.namesake_common, self.colleague_switchboard,
            self.role_mailbox, self.email_held, self.mobile_held, self.particle_forms, self.initials_callname,
            self.married_name, self.ij_y, self.job_change, self.name_postcode, self.not_in_crm,
        ):  # fmt: skip
            category()
        self.rng.shuffle(self.cases)
        return GeneratedCases.shuffled(self.rng, self.crm_rows, self.cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# Splink reads Pipedrive's first and last names and the Dutch CRM's call name (else the first name, else the
# initials) and surname with its tussenvoegsel, the address, the last nine digits of the mobile (else the work
# or home phone), the company and the postcode's digits.
_CRM_PHONE = """coalesce(nullif("Person - Phone - Mobile", ''), nullif("Person - Phone - Work", ''),
                         "Person - Phone - Home", '')"""
PERSON_SQL = {
    "crm": f"""
        SELECT "{CRM_ID}" AS unique_id,
               nullif(lower(trim("Person - First name")), '') AS first_name,
               nullif(lower(trim("Person - Last name")), '') AS last_name,
               nullif(lower(trim(coalesce(nullif("Person - Email - Work", ''), "Person - Email - Home"))), '')
                   AS email,
               nullif(right(regexp_replace({_CRM_PHONE}, '[^0-9]', '', 'g'), 9), '') AS phone,
               {{company}}("Organization - Name") AS company,
               nullif(left(regexp_replace("Person - Postal address - ZIP/Postal code", '[^0-9]', '', 'g'), 4), '')
                   AS zip,
               nullif(lower(trim("Person - Postal address - City/town/village/locality")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{INBOUND_ID}" AS unique_id,
               nullif(lower(trim(coalesce(nullif("Roepnaam", ''), nullif("Voornaam", ''), "Voorletters"))), '')
                   AS first_name,
               nullif(lower(trim(concat_ws(' ', nullif("Tussenvoegsel", ''), "Achternaam"))), '') AS last_name,
               nullif(lower(trim("E-mail")), '') AS email,
               nullif(right(regexp_replace(coalesce(nullif("Mobiel telefoonnummer", ''), "Telefoon", ''),
                                           '[^0-9]', '', 'g'), 9), '') AS phone,
               {{company}}("Bedrijf") AS company,
               nullif(left(regexp_replace("Postcode", '[^0-9]', '', 'g'), 4), '') AS zip,
               nullif(lower(trim("Plaats")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}

SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="pipedrive",
        inbound_file="nl_personen",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id=INBOUND_ID,
        cli_options=[
            "--provider",
            "pipedrive",
            "--object",
            "persons",
            "--kind",
            "person",
            "--id-column",
            CRM_ID,
        ],
        splink_kind="person",
        sql=PERSON_SQL,
        source="Pipedrive persons (a wholesaler in the Netherlands and Flanders) <- a Dutch-language CRM's persons",
    )
]


if __name__ == "__main__":
    run_generated("identity51", SUITES, seed=511, people=2400, orgs=0, per_category=40)
