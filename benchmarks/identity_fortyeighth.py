"""A forty-eighth record set: a Nordic B2B company's Pipedrive organizations linked from Norway's register of legal
entities (Brønnøysundregistrene's Enhetsregisteret: its main units and sub-units).

    python benchmarks/identity_fortyeighth.py [--orgs 2000] [--per-category 30] [--seed 481] [--skip-splink]
                                              [--keep DIR]

A wholesaler of building supplies in Oslo sells to firms in Norway, Sweden and Denmark and keeps them as Pipedrive
organizations. Its sales-ops team pulls its Norwegian prospects and customers from the register's open data (the
`enheter` and `underenheter` downloads, one file for the two, as a data engineer joins them) and links each
register row to the organization the reps already keep, before the register's figures (employees, industry code,
bankruptcy) are written onto it.

The CRM side is a Pipedrive organizations export under Pipedrive's labels (`Organization - ID`, `- Name`,
`- Label`, `- Owner`, `- Website`, `- Address` (the one line a rep typed or Google's autocomplete wrote:
"Storgata 12, 8006 Bodø, Norway"), its parts `- Address - Street/road name`, `- House number`,
`- City/town/village/locality`, `- ZIP/Postal code`, `- Country` (empty when the rep typed the line without picking
a suggestion), `- People`) and one custom field, `Organization - Org.nr.`: the customer's organisation number as a
rep copied it from an invoice ("987 654 321", "987654321", the VAT form "NO 987 654 321 MVA"; a Swedish customer's
organisationsnummer "556677-8899", a Danish customer's CVR-nummer "12345678"). Reps write names in title case, with
or without the legal form, and now and then without Æ, Ø and Å (a Swedish or English keyboard: "Bodo", "Tromsoe",
"Saeterdal", "Aasheim").

The inbound side is the register's rows under its own field names, the JSON API's paths flattened with dots as the
bulk CSV download writes them. The names were checked with the search tool against public code that reads the
register: 0xsha256/noxintel `packages/server/src/types/unit-register/index.ts` (`organisasjonsnummer`, `navn`,
`organisasjonsform.kode` / `.beskrivelse`, `naeringskode1.kode` / `.beskrivelse`, `antallAnsatte`,
`forretningsadresse.adresse` / `.postnummer` / `.poststed` / `.kommune` / `.kommunenummer` / `.land` /
`.landkode`, `registreringsdatoEnhetsregisteret`, `konkurs`, `underAvvikling`), navikt's fritakagp
`BerregResponse` and `UnderenheterResponse` (`hjemmeside`, `overordnetEnhet`, `postadresse`, a sub-unit's
`beliggenhetsadresse` in place of the business address, `oppstartsdato`), Altinn/docs
`content/informasjonsmodeller/enhetsregisteret` (the sub-unit: its own organisation number, always tied to a main
unit) and a register record in the API's shape (organisasjonsform `BEDR`, "Underenhet til næringsdrivende og
offentlig forvaltning"). `stiftelsesdato` and `slettedato` are the register's founding and deletion dates. As the
register writes them: names in capitals ("NORDIC BYGGVARER AS"), street lines in mixed case, post towns and
municipalities in capitals, `land` "Norge". Drawn, not real: the organisation numbers (nine digits, MOD11 check
digit with weights 3 2 7 6 5 4 3 2, as the register assigns them), the Swedish organisationsnummer (ten digits, a
Luhn check digit) and the Danish CVR-nummer (eight digits, MOD11 with weights 2 7 6 5 4 3 2 1).

Categories, each with its truth (the organization's ID, or none). IN:
- `orgnr_held`: the organization holds the number; the name as a rep writes it.
- `name_written`: no number on the organization; the name in title case, with or without its legal form; the
  address in one line or in parts.
- `nordic_letters`: the organization's name and town written without Æ, Ø and Å (ae/oe/aa or a/o: "Bodo",
  "Bodoe"; "Aasheim" for "Åsheim").
- `kommune_merged`: the organization's town is the municipality as it was named before the 2020 reform ("Røyken",
  "Skedsmo", "Nedre Eiker"); the register writes the post town and today's municipality.
- `enk_held`: a sole proprietorship (ENK) named after its owner ("HANSEN BYGG OLA HANSEN", "BYGGMESTER OLA
  HANSEN"); the organization as the trade name ("Hansen Bygg") or the owner's name first.
- `nuf_held`: a Norwegian branch of a Swedish or Danish company (NUF), under its parent's name ("SVEA LOGISTIK
  AB", "... AB NUF", "... AB, FILIAL I NORGE"); the organization is the branch, at its Norwegian address.
- `subunit_held`: a sub-unit (a shop, a branch office; `BEDR`) whose organization the reps keep beside its main
  unit's; the register names it as its main unit, or with the place; the shop's organization carries its main
  unit's number now and then (the invoices go there).
- `group_member_held`: a group's company ("... EIENDOM AS") held beside its holding and operating companies at
  the same address.
- `bankrupt_held`: a company gone bankrupt (`konkurs` true) or being wound up, the organization still held.
OUT:
- `group_sibling`: a group's third company, two of whose companies the CRM holds at the same address.
- `subunit_of_held`: a sub-unit elsewhere (`overordnetEnhet` the held main unit's number), under its main unit's
  name.
- `name_reused`: a new company with a bankrupt one's name; the CRM holds the bankrupt one with its number.
- `nuf_parent_abroad`: the Norwegian branch (NUF) of a Swedish or Danish company the CRM holds at home.
- `nordic_namesake`: a Norwegian "X AS" whose namesake "X AB" or "X A/S" the CRM holds in Sweden or Denmark.
- `enk_relative`: a relative's sole proprietorship in the same town ("HANSEN BYGG PER HANSEN" beside "Hansen
  Bygg Ola Hansen").
- `not_in_crm`: companies the CRM does not hold.

Fairness: a careful reader of the two records can tell each: brands are unique but for a group's companies,
a company's sub-units, a branch and its parent, and the namesakes made on purpose; the organisation number is
written on a held organization only where it is that organization's (or its main unit's, on a shop). Not made:
phone numbers (the register's open data has none), a sub-unit at its main unit's own address (the register's
one-site companies: the same business, which one number or the other names), Swedish and Danish register rows.
Written from scratch (only `identity_quality`'s interfaces). Every seed deterministic.
"""

import random
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from identity_quality import GeneratedCase, GeneratedCases, GeneratedSuite, run_generated, unused_value

CRM_ID = "Organization - ID"
ORGNR_FIELD = "Organization - Org.nr."
CRM_COLUMNS = [
    CRM_ID, "Organization - Name", "Organization - Label", "Organization - Owner", "Organization - Website",
    "Organization - Address", "Organization - Address - Street/road name", "Organization - Address - House number",
    "Organization - Address - City/town/village/locality", "Organization - Address - ZIP/Postal code",
    "Organization - Address - Country", "Organization - People", ORGNR_FIELD,
]  # fmt: skip
INBOUND_ID = "organisasjonsnummer"
_ADDRESS = ["adresse", "postnummer", "poststed", "kommunenummer", "kommune", "landkode", "land"]
INBOUND_COLUMNS = [
    INBOUND_ID, "navn", "organisasjonsform.kode", "organisasjonsform.beskrivelse", "naeringskode1.kode",
    "naeringskode1.beskrivelse", "antallAnsatte", "hjemmeside",
    *(f"forretningsadresse.{part}" for part in _ADDRESS),
    *(f"beliggenhetsadresse.{part}" for part in _ADDRESS),
    "postadresse.adresse", "postadresse.postnummer", "postadresse.poststed", "postadresse.kommune", "postadresse.land",
    "overordnetEnhet", "stiftelsesdato", "registreringsdatoEnhetsregisteret", "konkurs", "underAvvikling",
    "slettedato",
]  # fmt: skip

FORMS = {
    "AS": "Aksjeselskap",
    "ASA": "Allmennaksjeselskap",
    "ENK": "Enkeltpersonforetak",
    "NUF": "Norskregistrert utenlandsk foretak",
    "DA": "Ansvarlig selskap med delt ansvar",
    "ANS": "Ansvarlig selskap",
    "SA": "Samvirkeforetak",
    "BEDR": "Underenhet til næringsdrivende og offentlig forvaltning",
}
INDUSTRIES = [
    ("41.200", "Oppføring av bygninger", "Bygg"),
    ("43.210", "Elektrisk installasjonsarbeid", "Elektro"),
    ("43.221", "VVS-arbeid", "Rør"),
    ("49.410", "Godstransport på vei", "Transport"),
    ("69.201", "Regnskap og bokføring", "Regnskap"),
    ("68.209", "Utleie av egen eller leid fast eiendom ellers", "Eiendom"),
    ("46.730", "Engroshandel med tømmer, trelast og byggevarer", "Byggvarer"),
    ("43.341", "Malerarbeid", "Maling"),
    ("33.120", "Reparasjon av maskiner", "Maskin"),
    ("62.010", "Programmeringstjenester", "Data"),
    ("71.129", "Annen teknisk konsulentvirksomhet", "Consult"),
    ("43.120", "Grunnarbeid", "Graving"),
    ("16.100", "Saging, høvling og impregnering av tre", "Trelast"),
    ("03.211", "Produksjon av matfisk og skalldyr i hav- og kystbasert fiskeoppdrett", "Havbruk"),
    ("45.200", "Vedlikehold og reparasjon av motorvogner", "Bilverksted"),
]


@dataclass(frozen=True)
class Place:
    poststed: str  # the post town, as the register writes it (capitals)
    postcodes: tuple[int, int]  # the range its postcodes are drawn from
    kommune: str  # today's municipality
    kommunenummer: str
    former: str = ""  # the municipality before the 2020 reform, where it was another


PLACES = [
    Place("OSLO", (150, 1295), "OSLO", "0301"),
    Place("BERGEN", (5003, 5098), "BERGEN", "4601"),
    Place("TRONDHEIM", (7010, 7099), "TRONDHEIM", "5001"),
    Place("STAVANGER", (4005, 4048), "STAVANGER", "1103"),
    Place("BODØ", (8001, 8020), "BODØ", "1804"),
    Place("TROMSØ", (9006, 9024), "TROMSØ", "5501"),
    Place("ÅLESUND", (6002, 6018), "ÅLESUND", "1508"),
    Place("SANDVIKA", (1337, 1338), "BÆRUM", "3024"),
    Place("DRAMMEN", (3015, 3048), "DRAMMEN", "3005"),
    Place("FREDRIKSTAD", (1601, 1640), "FREDRIKSTAD", "3004"),
    Place("HAUGESUND", (5521, 5539), "HAUGESUND", "1106"),
    Place("GJØVIK", (2815, 2822), "GJØVIK", "3407"),
    Place("HAMAR", (2315, 2322), "HAMAR", "3403"),
    Place("ÅS", (1430, 1433), "ÅS", "3021"),
    Place("FØRDE", (6800, 6813), "SUNNFJORD", "4647", "FØRDE"),
    Place("KRISTIANSAND S", (4608, 4633), "KRISTIANSAND", "4204"),
    Place("SØGNE", (4640, 4641), "KRISTIANSAND", "4204", "SØGNE"),
    Place("SLEMMESTAD", (3470, 3471), "ASKER", "3203", "RØYKEN"),
    Place("RØYKEN", (3440, 3442), "ASKER", "3203", "RØYKEN"),
    Place("LILLESTRØM", (2000, 2010), "LILLESTRØM", "3205", "SKEDSMO"),
    Place("MJØNDALEN", (3050, 3051), "DRAMMEN", "3005", "NEDRE EIKER"),
    Place("SVELVIK", (3060, 3061), "DRAMMEN", "3005", "SVELVIK"),
    Place("RYGGE", (1580, 1581), "MOSS", "3103", "RYGGE"),
    Place("REVETAL", (3174, 3176), "TØNSBERG", "3905", "RE"),
    Place("KLÆBU", (7540, 7541), "TRONDHEIM", "5001", "KLÆBU"),
    Place("VIKEVÅG", (4150, 4151), "STAVANGER", "1103", "RENNESØY"),
    Place("MALM", (7760, 7761), "STEINKJER", "5006", "VERRAN"),
    Place("SKODJE", (6260, 6261), "ÅLESUND", "1508", "SKODJE"),
    Place("TJØME", (3145, 3146), "FÆRDER", "3911", "TJØME"),
    Place("HOLMESTRAND", (3080, 3085), "HOLMESTRAND", "3903"),
]
MERGED = [place for place in PLACES if place.former]
STREETS = [
    "Storgata", "Kongens gate", "Dronningens gate", "Industriveien", "Sjøgata", "Kirkegata", "Strandveien",
    "Havnegata", "Fjordveien", "Bryggeveien", "Sandviksveien", "Nygårdsgaten", "Tollbugata", "Løkkeveien",
    "Skolegata", "Jernbanegata", "Øvre Slottsgate", "Torggata", "Møllergata", "Fabrikkveien", "Verkstedveien",
    "Åsveien", "Bjørkeveien", "Granveien", "Bakkegata",
]  # fmt: skip
# Swedish and Danish customers: (town as the rep writes it, postcode maker, streets, the country as Pipedrive writes it)
ABROAD = {
    "SE": (
        ("Stockholm", "Göteborg", "Malmö", "Uppsala", "Västerås", "Örebro", "Linköping"),
        lambda rng: f"{rng.randint(100, 984)} {rng.randint(10, 99)}",
        ("Drottninggatan", "Storgatan", "Kungsgatan", "Sveavägen", "Industrigatan", "Hamngatan"),
        "Sweden",
    ),
    "DK": (
        ("København", "Aarhus", "Odense", "Aalborg", "Esbjerg", "Vejle", "Kolding"),
        lambda rng: str(rng.randint(1000, 9990)),
        ("Vestergade", "Østergade", "Nørregade", "Industrivej", "Havnegade", "Søndergade"),
        "Denmark",
    ),
}
SYLLABLES_FIRST = [
    "Sol", "Berg", "Fjord", "Nord", "Stein", "Skog", "Hav", "Vest", "Øst", "Sør", "Lys", "Dal", "Bre", "Fos",
    "Strøm", "Ås", "Øy", "Sæter", "Lin", "Tind", "Myr", "Mo", "Bjørk", "Gran", "Elv", "Kvit", "Ly", "Vå", "Rå",
    "Hel", "Frø", "Blå", "Fjell", "Gull", "Sand", "Rød", "Aur", "Vind", "Kyst", "Tår",
]  # fmt: skip
SYLLABLES_LAST = [
    "vik", "dal", "heim", "lund", "berg", "nes", "bakk", "haug", "land", "mark", "sund", "strand", "li", "rud",
    "stad", "vang", "øy", "ås", "fjell", "bø", "gård", "tun", "mo", "holt", "vær",
]  # fmt: skip
FIRST_NAMES = [
    "Ola", "Kari", "Per", "Lars", "Ingrid", "Bjørn", "Knut", "Silje", "Håkon", "Øystein", "Torbjørn", "Åse",
    "Marit", "Jørgen", "Sigrid", "Eirik", "Trond", "Geir", "Hilde", "Ståle", "Terje", "Anne", "Odd", "Gunnar",
]  # fmt: skip
SURNAMES = [
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen",
    "Karlsen", "Haugen", "Bakken", "Solberg", "Strand", "Eide", "Moen", "Sæther", "Aasen", "Løken", "Hågensen",
    "Østby", "Brekke", "Lie", "Dahl", "Berntsen", "Vik", "Nygård", "Myhre", "Tangen", "Halvorsen",
]  # fmt: skip
ENK_TRADES = [
    "Bygg",
    "Elektro",
    "Rør",
    "Maling",
    "Transport",
    "Regnskap",
    "Snekkerservice",
    "Graving",
    "Taktekking",
]
# A master craftsman's title, which a sole proprietorship's name often starts with
MASTERS = {"Bygg": "Byggmester", "Maling": "Malermester", "Rør": "Rørleggermester"}
LABELS = ["Customer", "Prospect", "Hot lead", "Partner", ""]
OWNERS = ["Ingrid Solheim", "Magnus Berg", "Sofie Lund", "Erik Dahl", "Nora Vik", "Jonas Eide"]
NORWAY = ("Norway", "Norge")


# -- numbers --------------------------------------------------------------------------------------------------


def orgnr_check_digit(first8: str) -> int | None:
    """The register's MOD11 check digit of an organisation number's first eight digits, None where it would be 10
    (the register never hands out such a number)."""
    total = sum(int(digit) * weight for digit, weight in zip(first8, (3, 2, 7, 6, 5, 4, 3, 2), strict=True))
    check = 11 - total % 11
    return 0 if check == 11 else None if check == 10 else check


def swedish_number(rng) -> str:
    """A Swedish organisationsnummer as written ("556677-8899"): a limited company's 55 prefix, a Luhn check digit."""
    body = "55" + "".join(str(rng.randint(0, 9)) for _ in range(7))
    total = 0
    for position, char in enumerate(body):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return f"{body[:6]}-{body[6:]}{(10 - total % 10) % 10}"


def danish_number(rng) -> str:
    """A Danish CVR-nummer: eight digits, the weighted sum (2 7 6 5 4 3 2 1) a multiple of 11."""
    while True:
        first7 = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(6))
        total = sum(int(d) * w for d, w in zip(first7, (2, 7, 6, 5, 4, 3, 2), strict=True))
        last = (11 - total % 11) % 11
        if last < 10:
            return first7 + str(last)


# -- entities ---------------------------------------------------------------------------------------------------


@dataclass
class Site:
    street: str
    number: str
    postcode: str
    place: Place


@dataclass
class Entity:
    """One register row: a main unit (AS, ENK, NUF...) or a sub-unit (BEDR)."""

    orgnr: str
    name: str  # as the register writes it (capitals)
    form: str
    brand: str  # the name as a rep writes it, without the legal form
    site: Site
    industry: tuple
    website: str = ""
    parent: str = ""  # a sub-unit's main unit's number
    founded: str = ""
    bankrupt: bool = False
    winding_up: bool = False
    deleted: str = ""
    extra: dict = field(default_factory=dict)


def fold_nordic(text: str, rng) -> str:
    """`text` as typed on a keyboard without Æ, Ø and Å: the two-letter spellings or the bare vowel, one way for
    the whole text."""
    if rng.random() < 0.5:
        table = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}
    else:
        table = {"æ": "a", "ø": "o", "å": "a", "Æ": "A", "Ø": "O", "Å": "A"}
    return "".join(table.get(char, char) for char in text)


def title_case(text: str) -> str:
    """A register name or town in capitals as a rep writes it ("NORDIC BYGG AS" -> "Nordic Bygg AS")."""
    words = []
    for word in text.split():
        if word in FORMS or word in ("AB", "A/S", "APS", "NUF"):
            words.append(word if word != "APS" else "ApS")
        else:
            words.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(words)


class Generator:
    def __init__(self, seed: int, orgs: int, per_category: int):
        self.rng = random.Random(seed)
        self.orgs = orgs
        self.per = per_category
        self.crm_rows: list[dict] = []
        self.cases: list[GeneratedCase] = []
        self.used_numbers: set[str] = set()
        self.used_brands: set[str] = set()
        self.used_crm_ids: set[str] = set()

    # -- building blocks ------------------------------------------------------------------------------------

    def orgnr(self) -> str:
        def draw():
            first8 = str(self.rng.choice((8, 9))) + "".join(str(self.rng.randint(0, 9)) for _ in range(7))
            check = orgnr_check_digit(first8)
            return "" if check is None else f"{first8}{check}"

        return unused_value(draw, self.used_numbers)

    def brand(self) -> str:
        def draw():
            middle = self.rng.choice(SYLLABLES_LAST) if self.rng.random() < 0.6 else ""
            return (self.rng.choice(SYLLABLES_FIRST) + middle + self.rng.choice(SYLLABLES_LAST)).capitalize()

        return unused_value(draw, self.used_brands)

    def site(self, place: Place | None = None) -> Site:
        place = place or self.rng.choice(PLACES)
        low, high = place.postcodes
        number = str(self.rng.randint(1, 120)) + (self.rng.choice("ABC") if self.rng.random() < 0.1 else "")
        return Site(self.rng.choice(STREETS), number, f"{self.rng.randint(low, high):04d}", place)

    def date(self, first: int, last: int) -> str:
        return f"{self.rng.randint(first, last)}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    def company(self, *, brand: str = "", trade: tuple | None = None, form: str = "", place: Place | None = None,
                site: Site | None = None, words: str = "") -> Entity:  # fmt: skip
        brand = brand or self.brand()
        industry = trade or self.rng.choice(INDUSTRIES)
        form = form or self.rng.choices(["AS", "ASA", "DA", "ANS", "SA"], [90, 2, 3, 3, 2])[0]
        name = words or f"{brand} {industry[2]}"
        website = brand.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a") + ".no"
        return Entity(
            self.orgnr(), f"{name} {form}".upper(), form, name, site or self.site(place), industry,
            website=website if self.rng.random() < 0.8 else "", founded=self.date(1985, 2022),
        )  # fmt: skip

    # -- the CRM side -----------------------------------------------------------------------------------------

    def crm_id(self) -> str:
        return unused_value(lambda: str(self.rng.randint(1, 60000)), self.used_crm_ids)

    def orgnr_written(self, orgnr: str) -> str:
        shape = self.rng.random()
        if shape < 0.35:
            return orgnr
        if shape < 0.65:
            return f"{orgnr[:3]} {orgnr[3:6]} {orgnr[6:]}"
        if shape < 0.85:
            return f"NO {orgnr[:3]} {orgnr[3:6]} {orgnr[6:]} MVA"
        return f"NO{orgnr}MVA"

    def written_name(self, entity: Entity, *, fold: bool = False) -> str:
        if entity.form == "ENK":
            name = title_case(entity.name)
        else:
            with_form = self.rng.random() < 0.6
            name = f"{entity.brand} {entity.form}" if with_form else entity.brand
            if entity.form in ("DA", "ANS") and with_form and self.rng.random() < 0.5:
                name = f"{entity.brand} {entity.form.lower()}"
        return fold_nordic(name, self.rng) if fold else name

    def organization(self, entity: Entity | None, site: Site, *, name: str, orgnr: str = "", fold: bool = False,
                     country: str = "NO", town: str = "", website: str | None = None) -> str:  # fmt: skip
        """One Pipedrive organization; returns its ID."""
        crm_id = self.crm_id()
        if country == "NO":
            town = town or title_case(site.place.poststed).removesuffix(" S")
            if fold:
                town = fold_nordic(town, self.rng)
            country_name = self.rng.choice(NORWAY)
        else:
            country_name = ABROAD[country][3]
        street = fold_nordic(site.street, self.rng) if fold else site.street
        line = f"{street} {site.number}, {site.postcode} {town}, {country_name}"
        typed_line = self.rng.random() < 0.3  # typed without picking a suggestion: the parts stay empty
        if website is None:
            website = entity.website if entity and entity.website and self.rng.random() < 0.6 else ""
            website = f"www.{website}" if website and self.rng.random() < 0.5 else website
        self.crm_rows.append(
            {
                CRM_ID: crm_id,
                "Organization - Name": name,
                "Organization - Label": self.rng.choice(LABELS),
                "Organization - Owner": self.rng.choice(OWNERS),
                "Organization - Website": website,
                "Organization - Address": line if not typed_line else line.rsplit(", ", 1)[0],
                "Organization - Address - Street/road name": "" if typed_line else street,
                "Organization - Address - House number": "" if typed_line else site.number,
                "Organization - Address - City/town/village/locality": "" if typed_line else town,
                "Organization - Address - ZIP/Postal code": "" if typed_line else site.postcode,
                "Organization - Address - Country": "" if typed_line else country_name,
                "Organization - People": str(self.rng.randint(0, 12)),
                ORGNR_FIELD: orgnr,
            }
        )
        return crm_id

    def hold(self, entity: Entity, *, orgnr_share: float = 0.4, fold: bool = False, name: str = "",
             town: str = "") -> str:  # fmt: skip
        orgnr = self.orgnr_written(entity.orgnr) if self.rng.random() < orgnr_share else ""
        return self.organization(entity, entity.site, name=name or self.written_name(entity, fold=fold),
                                 orgnr=orgnr, fold=fold, town=town)  # fmt: skip

    def foreign(self, country: str, brand: str, industry: tuple) -> tuple[str, str, str]:
        """A Swedish or Danish customer's organization: (its ID, its legal name, its number)."""
        towns, postcode, streets, _ = ABROAD[country]
        form = "AB" if country == "SE" else self.rng.choice(["A/S", "A/S", "ApS"])
        legal = f"{brand} {industry[2]} {form}"
        number = swedish_number(self.rng) if country == "SE" else danish_number(self.rng)
        place = Place(self.rng.choice(towns), (0, 0), "", "")
        site = Site(self.rng.choice(streets), str(self.rng.randint(1, 90)), postcode(self.rng), place)
        written = legal if self.rng.random() < 0.7 else f"{brand} {industry[2]}"
        if country == "DK" and form == "A/S" and self.rng.random() < 0.2:
            written = f"{brand} {industry[2]} Aktieselskab"
        crm_id = self.organization(None, site, name=written, orgnr=number if self.rng.random() < 0.4 else "",
                                   country=country, town=place.poststed, website="")  # fmt: skip
        return crm_id, legal, number

    # -- the register side ----------------------------------------------------------------------------------

    def register(self, category: str, entity: Entity, truth=()) -> None:
        address = [entity.site.street + " " + entity.site.number, entity.site.postcode, entity.site.place.poststed,
                   entity.site.place.kommunenummer, entity.site.place.kommune, "NO", "Norge"]  # fmt: skip
        blank = [""] * len(_ADDRESS)
        sub_unit = entity.form == "BEDR"
        row = {
            "navn": entity.name,
            "organisasjonsform.kode": entity.form,
            "organisasjonsform.beskrivelse": FORMS[entity.form],
            "naeringskode1.kode": entity.industry[0],
            "naeringskode1.beskrivelse": entity.industry[1],
            "antallAnsatte": str(self.rng.choice([0, 1, 2, 4, 7, 12, 25, 60, 140])),
            "hjemmeside": f"www.{entity.website}" if entity.website and self.rng.random() < 0.45 else "",
            **dict(zip((f"forretningsadresse.{p}" for p in _ADDRESS), blank if sub_unit else address, strict=True)),
            **dict(zip((f"beliggenhetsadresse.{p}" for p in _ADDRESS), address if sub_unit else blank, strict=True)),
            "overordnetEnhet": entity.parent,
            "stiftelsesdato": "" if sub_unit else entity.founded,
            "registreringsdatoEnhetsregisteret": entity.founded,
            "konkurs": "true" if entity.bankrupt else "false",
            "underAvvikling": "true" if entity.winding_up else "false",
            "slettedato": entity.deleted,
        }  # fmt: skip
        if self.rng.random() < 0.3:  # a post box beside the business address
            row.update({"postadresse.adresse": f"Postboks {self.rng.randint(1, 999)}",
                        "postadresse.postnummer": entity.site.postcode, "postadresse.poststed": entity.site.place.poststed,
                        "postadresse.kommune": entity.site.place.kommune, "postadresse.land": "Norge"})  # fmt: skip
        self.cases.append(GeneratedCase(category, row, tuple(truth), external_id=entity.orgnr))

    def sub_unit(self, parent: Entity, place: Place, *, name: str = "") -> Entity:
        return replace(parent, orgnr=self.orgnr(), name=name or parent.name, form="BEDR", site=self.site(place),
                       parent=parent.orgnr, founded=self.date(int(parent.founded[:4]), 2024))  # fmt: skip

    # -- categories ---------------------------------------------------------------------------------------

    def background(self) -> None:
        for _ in range(self.orgs):
            entity = self.company()
            self.hold(entity)
        for _ in range(self.orgs // 10):
            country = self.rng.choice(["SE", "DK"])
            self.foreign(country, self.brand(), self.rng.choice(INDUSTRIES))
        for _ in range(self.orgs // 20):  # sole proprietorships
            self.hold(self.enk(), orgnr_share=0.3)

    def enk(
        self, *, surname: str = "", first: str = "", place: Place | None = None, trade: str = ""
    ) -> Entity:
        first = first or self.rng.choice(FIRST_NAMES)
        surname = surname or self.rng.choice(SURNAMES)
        trade = trade or self.rng.choice(ENK_TRADES)
        shape = self.rng.random()
        if shape < 0.5:
            name = f"{surname} {trade} {first} {surname}"
        elif shape < 0.75:
            name = f"{first} {surname} {trade}"
        else:
            name = f"{MASTERS[trade]} {first} {surname}" if trade in MASTERS else f"{trade} {first} {surname}"
        industry = next((i for i in INDUSTRIES if i[2] == trade), self.rng.choice(INDUSTRIES))
        entity = Entity(self.orgnr(), name.upper(), "ENK", f"{surname} {trade}", self.site(place), industry,
                        founded=self.date(1995, 2023))  # fmt: skip
        entity.extra.update(first=first, surname=surname, trade=trade)
        return entity

    def orgnr_held(self) -> None:
        for _ in range(self.per):
            entity = self.company()
            truth = self.hold(entity, orgnr_share=1.0)
            self.register("orgnr_held", entity, [truth])

    def name_written(self) -> None:
        for _ in range(self.per):
            entity = self.company()
            truth = self.hold(entity, orgnr_share=0.0)
            self.register("name_written", entity, [truth])

    def nordic_letters(self) -> None:
        for _ in range(self.per):
            brand = unused_value(
                lambda: (
                    self.rng.choice([s for s in SYLLABLES_FIRST if any(c in s for c in "æøåÆØÅ")])
                    + self.rng.choice(SYLLABLES_LAST)
                ),
                self.used_brands,
            )
            place = self.rng.choice([p for p in PLACES if any(c in p.poststed for c in "ÆØÅ")] + [None])
            entity = self.company(brand=brand, place=place)
            truth = self.hold(entity, orgnr_share=0.0, fold=True)
            self.register("nordic_letters", entity, [truth])

    def kommune_merged(self) -> None:
        for _ in range(self.per):
            place = self.rng.choice(MERGED)
            entity = self.company(place=place)
            truth = self.hold(entity, orgnr_share=0.2, town=title_case(place.former))
            self.register("kommune_merged", entity, [truth])

    def enk_held(self) -> None:
        for _ in range(self.per):
            entity = self.enk()
            first, surname, trade = (entity.extra[k] for k in ("first", "surname", "trade"))
            name = self.rng.choice([f"{surname} {trade}", f"{first} {surname} {trade}", f"{surname} {trade} {first} {surname}",
                                    f"{surname} {trade} v/{first} {surname}"])  # fmt: skip
            truth = self.hold(entity, orgnr_share=0.3, name=name)
            self.register("enk_held", entity, [truth])

    def nuf(self, country: str) -> tuple[Entity, str, str]:
        """A Swedish or Danish company's Norwegian branch (its NUF) and the parent's legal name and number."""
        brand, industry = self.brand(), self.rng.choice(INDUSTRIES)
        form = "AB" if country == "SE" else "A/S"
        legal = f"{brand} {industry[2]} {form}"
        name = self.rng.choice([legal, f"{legal} NUF", f"{legal}, FILIAL I NORGE", f"{legal} NORSK FILIAL"])
        entity = Entity(self.orgnr(), name.upper(), "NUF", f"{brand} {industry[2]}", self.site(), industry,
                        founded=self.date(2000, 2023))  # fmt: skip
        entity.extra["legal"] = legal
        return entity, legal, brand

    def nuf_held(self) -> None:
        for _ in range(self.per):
            entity, legal, _brand = self.nuf(self.rng.choice(["SE", "DK"]))
            name = self.rng.choice(
                [legal, f"{entity.brand} Norge", f"{legal} NUF", f"{entity.brand} (Norge)"]
            )
            truth = self.hold(entity, orgnr_share=0.4, name=name)
            self.register("nuf_held", entity, [truth])

    def nuf_parent_abroad(self) -> None:
        for _ in range(self.per):
            country = self.rng.choice(["SE", "DK"])
            entity, legal, _brand = self.nuf(country)
            towns, postcode, streets, _country = ABROAD[country]
            place = Place(self.rng.choice(towns), (0, 0), "", "")
            site = Site(self.rng.choice(streets), str(self.rng.randint(1, 90)), postcode(self.rng), place)
            number = swedish_number(self.rng) if country == "SE" else danish_number(self.rng)
            self.organization(None, site, name=self.rng.choice([legal, entity.brand]),
                              orgnr=number if self.rng.random() < 0.4 else "", country=country, town=place.poststed,
                              website="")  # fmt: skip
            self.register("nuf_parent_abroad", entity)

    def group(self, place: Place | None = None) -> list[Entity]:
        """A group's holding, operating and property companies: one name stem, one address, one website."""
        brand = self.brand()
        trade = self.rng.choice([i for i in INDUSTRIES if i[2] not in ("Eiendom", "Regnskap")])
        site = self.site(place)
        words = f"{brand} {trade[2]}"
        holding_trade = ("64.200", "Holdingselskaper", "Holding")
        property_trade = next(i for i in INDUSTRIES if i[2] == "Eiendom")
        members = [
            self.company(brand=brand, trade=holding_trade, form="AS", site=site, words=f"{words} Holding"),
            self.company(brand=brand, trade=trade, form="AS", site=site, words=words),
            self.company(brand=brand, trade=property_trade, form="AS", site=site, words=f"{words} Eiendom"),
        ]
        for member in members[1:]:
            member.website = members[0].website
        return members

    def group_member_held(self) -> None:
        for _ in range(self.per):
            members = self.group()
            ids = [self.hold(member, orgnr_share=0.3) for member in members]
            pick = self.rng.randrange(3)
            self.register("group_member_held", members[pick], [ids[pick]])

    def group_sibling(self) -> None:
        for _ in range(self.per):
            members = self.group()
            self.rng.shuffle(members)
            for member in members[:2]:
                self.hold(member, orgnr_share=0.3)
            self.register("group_sibling", members[2])

    def subunit_held(self) -> None:
        for _ in range(self.per):
            parent = self.company()
            self.hold(parent, orgnr_share=0.5)
            place = self.rng.choice([p for p in PLACES if p.poststed != parent.site.place.poststed])
            town = title_case(place.poststed).removesuffix(" S")
            shop = self.sub_unit(
                parent, place, name=self.rng.choice([parent.name, f"{parent.name} AVD {place.poststed}"])
            )
            name = self.rng.choice(
                [
                    f"{parent.brand} {town}",
                    f"{parent.brand} avd. {town}",
                    f"{parent.brand} {parent.form} - {town}",
                ]
            )
            orgnr = ""
            if self.rng.random() < 0.3:
                orgnr = self.orgnr_written(parent.orgnr)  # the invoices go to the main unit
            elif self.rng.random() < 0.3:
                orgnr = self.orgnr_written(shop.orgnr)
            truth = self.organization(shop, shop.site, name=name, orgnr=orgnr, town=town)
            self.register("subunit_held", shop, [truth])

    def subunit_of_held(self) -> None:
        for _ in range(self.per):
            parent = self.company()
            self.hold(parent, orgnr_share=0.5)
            place = self.rng.choice([p for p in PLACES if p.poststed != parent.site.place.poststed])
            shop = self.sub_unit(parent, place)
            self.register("subunit_of_held", shop)

    def bankrupt_held(self) -> None:
        for index in range(self.per):
            entity = self.company(form="AS")
            entity.bankrupt = index % 3 != 2
            entity.winding_up = not entity.bankrupt
            truth = self.hold(entity, orgnr_share=0.4)
            self.register("bankrupt_held", entity, [truth])

    def name_reused(self) -> None:
        for index in range(self.per):
            old = self.company(form="AS")
            old.bankrupt = True
            old.deleted = self.date(2019, 2023)
            self.hold(old, orgnr_share=1.0)
            site = old.site if index % 2 else self.site(old.site.place)
            new = replace(
                old, orgnr=self.orgnr(), site=site, bankrupt=False, deleted="", founded=self.date(2023, 2025)
            )
            self.register("name_reused", new)

    def nordic_namesake(self) -> None:
        for _ in range(self.per):
            country = self.rng.choice(["SE", "DK"])
            brand, industry = self.brand(), self.rng.choice(INDUSTRIES)
            self.foreign(country, brand, industry)
            entity = self.company(brand=brand, trade=industry, form="AS")
            self.register("nordic_namesake", entity)

    def enk_relative(self) -> None:
        for _ in range(self.per):
            surname, trade = self.rng.choice(SURNAMES), self.rng.choice(ENK_TRADES)
            first, other = self.rng.sample(FIRST_NAMES, 2)
            place = self.rng.choice(PLACES)
            held = self.enk(surname=surname, first=first, place=place, trade=trade)
            self.hold(held, orgnr_share=0.3, name=self.rng.choice([f"{surname} {trade} {first} {surname}",
                                                                   f"{first} {surname} {trade}",
                                                                   f"{surname} {trade} v/{first} {surname}"]))  # fmt: skip
            relative = self.enk(surname=surname, first=other, place=place, trade=trade)
            self.register("enk_relative", relative)

    def not_in_crm(self) -> None:
        for index in range(self.per * 2):
            self.register("not_in_crm", self.enk() if index % 5 == 0 else self.company())

    def make(self) -> GeneratedCases:
        for category in (
            self.background, self.orgnr_held, self.name_written, self.nordic_letters, self.kommune_merged,
            self.enk_held, self.nuf_held, self.subunit_held, self.group_member_held, self.bankrupt_held,
            self.group_sibling, self.subunit_of_held, self.name_reused, self.nuf_parent_abroad, self.nordic_namesake,
            self.enk_relative, self.not_in_crm,
        ):  # fmt: skip
            category()
        self.rng.shuffle(self.cases)
        return GeneratedCases.shuffled(self.rng, self.crm_rows, self.cases)


def organisation_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.orgs, args.per_category).make()


# -- Splink -------------------------------------------------------------------------------------------------

# What an evaluator prepares for Splink: the name without its legal form and accents (Æ, Ø and Å folded as
# `strip_accents` folds them: ø stays, so it is replaced by o), the postcode, the town (the post town on the
# register's side, the main unit's business address or the sub-unit's own), the website's domain.
_FOLD = "replace(replace(replace(lower({}), 'ø', 'o'), 'æ', 'ae'), 'å', 'a')"
CRM_SQL = f"""
        SELECT "{CRM_ID}" AS unique_id,
               {{company}}(strip_accents({_FOLD.format('"Organization - Name"')})) AS name,
               nullif(coalesce(nullif(trim("Organization - Address - ZIP/Postal code"), ''),
                               regexp_extract("Organization - Address", '(\\d{{{{4}}}}) ', 1)), '') AS postcode,
               nullif(strip_accents({_FOLD.format('trim("Organization - Address - City/town/village/locality")')}), '')
                   AS city,
               {{domain}}("Organization - Website") AS domain
        FROM read_csv('{{path}}', all_varchar = true)
    """
_REGISTER_TOWN = 'coalesce(nullif("forretningsadresse.poststed", \'\'), "beliggenhetsadresse.poststed")'
INBOUND_SQL = f"""
        SELECT "{INBOUND_ID}" AS unique_id, {{company}}(strip_accents({_FOLD.format('"navn"')})) AS name,
               nullif(coalesce(nullif("forretningsadresse.postnummer", ''), "beliggenhetsadresse.postnummer"), '')
                   AS postcode,
               nullif(strip_accents({_FOLD.format(_REGISTER_TOWN)}), '') AS city,
               {{domain}}("hjemmeside") AS domain
        FROM read_csv('{{path}}', all_varchar = true)
    """


def splink_model():
    """Splink's documented company-matching settings: the name by `NameComparison`, postcode and domain exactly,
    the town with term frequencies; blocked on the name, the postcode and the domain."""
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    settings = SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=[
            block_on("name"),
            block_on("postcode"),
            block_on("domain"),
            block_on("substr(name, 1, 5)", "city"),
        ],
        comparisons=[
            cl.NameComparison("name"),
            cl.ExactMatch("postcode"),
            cl.ExactMatch("domain"),
            cl.ExactMatch("city").configure(term_frequency_adjustments=True),
        ],
        retain_intermediate_calculation_columns=False,
    )
    return settings, [block_on("city"), block_on("name")], [block_on("name", "postcode")], 0.7, {}


SUITES = [
    GeneratedSuite(
        name="organisations",
        make=organisation_cases,
        crm_file="pipedrive_organizations",
        inbound_file="brreg_enheter_underenheter",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id=INBOUND_ID,
        cli_options=["--provider", "pipedrive", "--object", "organizations", "--kind", "organisation"],
        splink_kind="organisation",
        sql={"crm": CRM_SQL, "inbound": INBOUND_SQL},
        source="Pipedrive organizations <- Brønnøysund Enhetsregisteret (enheter + underenheter)",
        splink_model=splink_model,
    )
]


if __name__ == "__main__":
    run_generated("identity-fortyeighth", SUITES, seed=481, people=0, orgs=2000, per_category=30)
