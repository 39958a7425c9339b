"""A thirty-ninth record set: a French distributor's Salesforce Accounts linked from the INSEE SIRENE register.

    python benchmarks/identity_thirtyninth.py [--orgs 2500] [--per-category 40] [--seed 391] [--skip-splink]
                                              [--keep DIR]

A French wholesale distributor (building supplies, to trade customers: bakeries, garages, builders, hotels)
checks its CRM against the national register of businesses, SIRENE: which of its Accounts is which registered
establishment. It keeps one Account per site it delivers to and invoices (a company's head office and its
branches are Accounts of their own, the branches under the head office's `ParentId`), and its reps type the
company's SIREN or the site's SIRET into a custom field now and then.

The CRM side is a Salesforce Account export under the API names of the Account object (`Id`, an 18-character id;
`Name` as a rep typed it: title case or capitals, accents or none, the legal form ("SAS", "S.A.R.L.", "(EURL)")
in it or not, or the shop's trade name; `Type`, `ParentId`, `Site` (the Account's location word, "Siège" or the
town), `BillingStreet`, `BillingPostalCode`, `BillingCity`, `BillingCountry`, `Phone`, `Website`, `Industry`,
`OwnerId`, `CreatedDate`) and two custom fields, `SIREN__c` and `SIRET__c`, filled on a minority of Accounts as
typed ("123 456 789", "12345678900012", "123 456 789 00012"; a digit slipped now and then, which the numbers'
Luhn check digit gives away). A CEDEX customer's billing address is its CEDEX one ("BP 45", "69561 Saint-Genis-Laval
Cedex"), its postcode the CEDEX code.

The inbound side is the register's establishments file, `StockEtablissement_utf8.csv`, under its real header
(checked against public code reading it: `siren`, `nic`, `siret`, `statutDiffusionEtablissement`,
`dateCreationEtablissement`, `trancheEffectifsEtablissement`, `anneeEffectifsEtablissement`,
`activitePrincipaleRegistreMetiersEtablissement`, `dateDernierTraitementEtablissement`, `etablissementSiege`
("true"/"false"), `nombrePeriodesEtablissement`, `complementAdresseEtablissement`, `numeroVoieEtablissement`,
`indiceRepetitionEtablissement` ("B" for bis), `typeVoieEtablissement` (INSEE's abbreviations: RUE, AV, BD, PL,
CHE, RTE, ALL, IMP, QUAI), `libelleVoieEtablissement` (capitals, no accents), `codePostalEtablissement`,
`libelleCommuneEtablissement` (capitals, no accents: "SAINT-ETIENNE"), `libelleCommuneEtrangerEtablissement`,
`distributionSpecialeEtablissement` ("BP 45"), `codeCommuneEtablissement`, `codeCedexEtablissement`,
`libelleCedexEtablissement`, `codePaysEtrangerEtablissement`, `libellePaysEtrangerEtablissement`, the second
address's `...2Etablissement` columns, `dateDebut`, `etatAdministratifEtablissement` (A active, F closed),
`enseigne1Etablissement` .. `enseigne3Etablissement` (the shop's sign), `denominationUsuelleEtablissement`,
`activitePrincipaleEtablissement` (NAF code, "47.24Z"), `nomenclatureActivitePrincipaleEtablissement`,
`caractereEmployeurEtablissement`), keyed by `siret`. The establishments file names no company: as anyone
reading it does, the company's `denominationUniteLegale` and `categorieJuridiqueUniteLegale` (5710 SAS, 5499
SARL, 5599 SA, 5498 EURL, 6540 SCI) are joined in from `StockUniteLegale` on `siren`. A SIREN is nine digits with a
Luhn check digit; a SIRET is the SIREN and the establishment's five-digit NIC, Luhn-checked over all fourteen.

Categories, each with its truth (the Account's Id, or none):
- `siret_on_account`: the Account holds the establishment's SIRET (as typed); its name and billing address.
- `siren_on_account`: the Account holds the company's SIREN only; the establishment is at its billing address.
- `plain_head_office`: no number on the Account; the register's head office by name (legal form, case, accents
  written otherwise) at the Account's address.
- `trade_name_account`: the Account is named after the shop's sign ("Boulangerie du Marché"); the register's
  `enseigne1Etablissement` gives it beside the company's legal name ("SARL FERRAND ET FILS").
- `cedex_billing`: the Account's billing address is the CEDEX one (BP, CEDEX postcode and town); the register
  gives the geographic address with `codeCedexEtablissement` / `libelleCedexEtablissement`.
- `branch_held`: the company's head office and a branch are both Accounts (one name, the SIREN on the head
  office's); the row is the branch, at its address.
- `mistyped_number`: the Account's SIREN or SIRET has a slipped digit (its check digit fails); name and
  address agree.
OUT (none):
- `branch_not_held`: the CRM holds the company's head office (its SIREN or its own SIRET on it, its name); the row
  is another of the company's establishments, in another town, that the CRM does not hold.
- `closed_old_site`: the Account is the company's current site (its SIRET on it); the row is the company's former
  site, closed (`etatAdministratifEtablissement` F), in another town.
- `group_sibling`: a group's companies ("Groupe Vallon", "Vallon Services", "Vallon Distribution": three SIRENs,
  often one address); the CRM holds two, the row is the third.
- `homonym_other_town`: a small business named like one the CRM holds ("Boulangerie Martin", "Garage du
  Centre") in another town, another SIREN.
- `not_in_crm`: companies the CRM does not hold.

Fairness: a careful reader of the two records can tell each. Company names are unique in the register apart
from the homonyms, which are in other towns; an establishment's Account is at its address (or its CEDEX
address with the very BP); no number on an Account belongs to another company. Written from scratch (only
`identity_quality`'s and `generated_phones`' interfaces). Every seed deterministic.
"""

import random
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import phonenumbers

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generated_phones import fresh_number
from identity_quality import GeneratedCase, GeneratedCases, GeneratedSuite, run_generated, unused_value

CRM_ID = "Id"
CRM_COLUMNS = [
    CRM_ID, "Name", "Type", "ParentId", "Site", "BillingStreet", "BillingPostalCode", "BillingCity",
    "BillingCountry", "Phone", "Website", "Industry", "OwnerId", "CreatedDate", "SIREN__c", "SIRET__c",
]  # fmt: skip
INBOUND_ID = "siret"
_ADDRESS = [
    "complementAdresse{n}Etablissement", "numeroVoie{n}Etablissement", "indiceRepetition{n}Etablissement",
    "typeVoie{n}Etablissement", "libelleVoie{n}Etablissement", "codePostal{n}Etablissement",
    "libelleCommune{n}Etablissement", "libelleCommuneEtranger{n}Etablissement",
    "distributionSpeciale{n}Etablissement", "codeCommune{n}Etablissement", "codeCedex{n}Etablissement",
    "libelleCedex{n}Etablissement", "codePaysEtranger{n}Etablissement", "libellePaysEtranger{n}Etablissement",
]  # fmt: skip
INBOUND_COLUMNS = [
    "siren", "nic", INBOUND_ID, "statutDiffusionEtablissement", "dateCreationEtablissement",
    "trancheEffectifsEtablissement", "anneeEffectifsEtablissement", "activitePrincipaleRegistreMetiersEtablissement",
    "dateDernierTraitementEtablissement", "etablissementSiege", "nombrePeriodesEtablissement",
    *(column.format(n="") for column in _ADDRESS), *(column.format(n="2") for column in _ADDRESS),
    "dateDebut", "etatAdministratifEtablissement", "enseigne1Etablissement", "enseigne2Etablissement",
    "enseigne3Etablissement", "denominationUsuelleEtablissement", "activitePrincipaleEtablissement",
    "nomenclatureActivitePrincipaleEtablissement", "caractereEmployeurEtablissement",
    # joined in from StockUniteLegale on `siren`
    "denominationUniteLegale", "categorieJuridiqueUniteLegale",
]  # fmt: skip

# -- places -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Town:
    name: str  # as people write it
    postcodes: tuple[str, ...]
    insee: str  # codeCommuneEtablissement
    cedex: str  # the CEDEX code's stem (the town's sorting office): "42" + "9xx"


TOWNS = [
    Town("Saint-Étienne", ("42000", "42100"), "42218", "4200"),
    Town("Villeurbanne", ("69100",), "69266", "6962"),
    Town("Grenoble", ("38000", "38100"), "38185", "3804"),
    Town("Annecy", ("74000",), "74010", "7400"),
    Town("Rennes", ("35000", "35200", "35700"), "35238", "3590"),
    Town("Nantes", ("44000", "44100", "44300"), "44109", "4432"),
    Town("Angers", ("49000", "49100"), "49007", "4902"),
    Town("Tours", ("37000", "37100"), "37261", "3703"),
    Town("Dijon", ("21000",), "21231", "2107"),
    Town("Reims", ("51100",), "51454", "5108"),
    Town("Metz", ("57000", "57050"), "57463", "5703"),
    Town("Clermont-Ferrand", ("63000", "63100"), "63113", "6303"),
    Town("Aix-en-Provence", ("13090", "13100"), "13001", "1309"),
    Town("Montpellier", ("34000", "34070"), "34172", "3406"),
    Town("Le Mans", ("72000", "72100"), "72181", "7204"),
    Town("Orléans", ("45000", "45100"), "45234", "4504"),
    Town("Besançon", ("25000",), "25056", "2503"),
    Town("Chambéry", ("73000",), "73065", "7301"),
]
# INSEE's street types: (the register's code, the words people write for it)
STREET_TYPES = [
    ("RUE", ["rue", "rue", "Rue"]), ("AV", ["avenue", "av.", "Av.", "Avenue"]),
    ("BD", ["boulevard", "bd", "Bd", "Boulevard"]), ("PL", ["place", "Place", "pl."]),
    ("CHE", ["chemin", "Chemin", "ch."]), ("RTE", ["route", "Route", "rte"]), ("ALL", ["allée", "Allée"]),
    ("IMP", ["impasse", "Impasse"]), ("QUAI", ["quai", "Quai"]),
]  # fmt: skip
STREET_NAMES = [
    "de la République", "Jean Jaurès", "Victor Hugo", "du Général de Gaulle", "de la Gare", "Pasteur",
    "des Écoles", "du Moulin", "Gambetta", "de Verdun", "de l'Église", "du Stade", "des Acacias", "Émile Zola",
    "de la Paix", "Carnot", "Jules Ferry", "des Tilleuls", "de la Liberté", "Aristide Briand", "du Château",
    "des Peupliers", "de Lyon", "de Paris", "Saint-Jacques", "des Artisans", "de l'Industrie", "du Commerce",
]  # fmt: skip
ZONES = ["ZI des Platanes", "ZA du Moulin", "Parc d'activités de la Gare", "ZAC des Portes", "ZI Sud"]

# -- companies --------------------------------------------------------------------------------------------------

# a company's legal form: (the register's categorieJuridiqueUniteLegale, how reps write it)
FORMS = {
    "SAS": ("5710", ["SAS", "S.A.S.", "(SAS)", "sas"]), "SARL": ("5499", ["SARL", "S.A.R.L.", "(SARL)", "Sarl"]),
    "SA": ("5599", ["SA", "S.A."]), "EURL": ("5498", ["EURL", "(EURL)"]), "SASU": ("5720", ["SASU"]),
    "SCI": ("6540", ["SCI", "S.C.I."]),
}  # fmt: skip
TRADES = [
    ("Distribution", "46.73A", "Commerce de gros"), ("Matériaux", "46.73A", "Négoce de matériaux"),
    ("Bâtiment", "41.20A", "Construction"), ("Menuiserie", "43.32A", "Menuiserie"),
    ("Plomberie", "43.22A", "Plomberie"), ("Électricité", "43.21A", "Électricité"),
    ("Transports", "49.41A", "Transport"), ("Rénovation", "43.39Z", "Construction"),
    ("Couverture", "43.91B", "Construction"), ("Charpente", "43.91A", "Construction"),
    ("Services", "82.99Z", "Services"), ("Hôtellerie", "55.10Z", "Hôtellerie"),
]  # fmt: skip
GROUP_WORDS = ["Groupe", "Services", "Distribution", "Logistique", "Immobilier", "Industrie", "Holding"]
SHOP_SIGNS = [
    "Boulangerie du Marché", "Le Fournil de la Gare", "Garage du Centre", "Hôtel de la Poste", "Au Bon Pain",
    "Café des Sports", "La Table du Chef", "Auto Service Plus", "Le Comptoir des Saveurs", "Pressing de la Place",
    "Les Délices du Moulin", "Brasserie du Commerce", "L'Atelier du Bois", "Garage des Acacias",
]  # fmt: skip
# Small businesses named after their owner and trade, which towns all over France have of their own
HOMONYM_TRADES = [
    ("Boulangerie", "10.71C"), ("Garage", "45.20A"), ("Plomberie", "43.22A"), ("Menuiserie", "43.32A"),
    ("Pharmacie", "47.73Z"), ("Coiffure", "96.02A"), ("Boucherie", "47.22Z"), ("Électricité", "43.21A"),
]  # fmt: skip
SURNAMES = [
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon",
    "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel",
    "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier",
    "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Mathieu",
]  # fmt: skip
TYPES = ["Customer - Direct", "Customer - Direct", "Customer - Channel", "Prospect", "Prospect", "Other"]
OWNERS = ["0055g00000A1xQkAAJ", "0055g00000A1xQlAAJ", "0055g00000B7cTzAAJ", "0055g00000C2dRmAAJ"]

_ONSETS = ["b", "br", "c", "ch", "d", "f", "g", "gr", "j", "l", "m", "n", "p", "pr", "r", "s", "t", "tr", "v"]
_VOWELS = ["a", "e", "i", "o", "ou", "au", "an", "on", "eu", "ai"]
_CODAS = ["", "", "", "l", "n", "r", "x", "t", "que", "lle", "ron", "ville"]


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def with_check_digit(stem: str) -> str:
    """`stem` and the one digit that makes it pass the Luhn check (a SIREN's ninth, a NIC's fifth)."""
    return next(stem + digit for digit in "0123456789" if luhn_ok(stem + digit))


def folded(text: str) -> str:
    """Capitals without accents, as the register writes names and streets."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)).upper()


def salesforce_id(rng: random.Random, prefix: str) -> str:
    """An 18-character Salesforce id: the 15-character one and its three case-checksum letters."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    base = prefix + "5g0000" + "".join(rng.choice(alphabet) for _ in range(15 - len(prefix) - 6))
    suffix = ""
    for chunk in range(3):
        bits = sum(1 << i for i, ch in enumerate(base[chunk * 5 : chunk * 5 + 5]) if ch.isupper())
        suffix += "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"[bits]
    return base + suffix


@dataclass
class Site:
    """An establishment's address."""

    town: Town
    postcode: str
    number: str
    repeat: str  # "B" (bis), "T" (ter) or ""
    street_type: int  # STREET_TYPES index
    street: str
    zone: str = ""  # complementAdresseEtablissement ("ZI des Platanes")
    box: str = ""  # "BP 45": a CEDEX address's box
    cedex: str = ""  # the CEDEX code


@dataclass
class Company:
    name: str  # the legal name as people write it ("Vallon Distribution")
    form: str
    siren: str
    trade: tuple
    sign: str = ""  # the head office's shop sign
    sites: list = field(default_factory=list)  # (nic, Site, open); the head office first


class Generator:
    def __init__(self, seed: int, orgs: int, per_category: int):
        self.rng = random.Random(seed)
        self.orgs = orgs
        self.per = per_category
        self.used: set[str] = set()
        self.crm_rows: list[dict] = []
        self.cases: list[GeneratedCase] = []

    # -- draws ----------------------------------------------------------------------------------------------

    def unique(self, make):
        return unused_value(make, self.used)

    def word(self) -> str:
        def make() -> str:
            text = "".join(
                self.rng.choice(_ONSETS) + self.rng.choice(_VOWELS) for _ in range(self.rng.choice([1, 2, 2]))
            )
            text = (text + self.rng.choice(_CODAS)).capitalize()
            return text if 4 <= len(text) <= 11 else ""

        return self.unique(make)

    def siren(self) -> str:
        return self.unique(lambda: with_check_digit(str(self.rng.randrange(30_000_000, 99_999_999))))

    def nic(self, siren: str, taken: list) -> str:
        while True:
            nic = with_check_digit(siren + f"{self.rng.randrange(1, 80):04d}")[-5:]
            if nic not in taken:
                return nic

    def site(self, town: Town | None = None) -> Site:
        town = town or self.rng.choice(TOWNS)
        zone = self.rng.choice(ZONES) if self.rng.random() < 0.2 else ""
        return Site(
            town=town,
            postcode=self.rng.choice(town.postcodes),
            number=str(self.rng.randrange(1, 180)),
            repeat=self.rng.choice(["", "", "", "", "", "", "B", "T"]),
            street_type=self.rng.randrange(len(STREET_TYPES)),
            street=self.rng.choice(STREET_NAMES),
            zone=zone,
        )

    def phone(self) -> str:
        kind = phonenumbers.PhoneNumberType.FIXED_LINE
        return fresh_number(self.rng, "FR", kind, self.used, random_digits=6)

    def company(
        self, *, name: str = "", form: str = "", town: Town | None = None, branches: int = 0
    ) -> Company:
        trade = self.rng.choice(TRADES)
        if not name:
            shape = self.rng.random()
            if shape < 0.5:
                name = f"{self.word()} {trade[0]}"
            elif shape < 0.75:
                name = f"{trade[0]} {self.word()}"
            else:
                name = self.unique(lambda: f"{self.rng.choice(SURNAMES)} {self.word()}")
        company = Company(name, form or self.rng.choice(["SAS"] * 5 + ["SARL"] * 4 + ["SA", "EURL", "SASU"]),
                          self.siren(), trade)  # fmt: skip
        taken: list = []
        for index in range(1 + branches):
            nic = self.nic(company.siren, taken)
            taken.append(nic)
            company.sites.append([nic, self.site(town if index == 0 else None), True])
        return company

    # -- writing ------------------------------------------------------------------------------------------

    def street_written(self, site: Site) -> str:
        """The street line as a rep types it: the number with "bis"/"B", the street type written out or
        abbreviated, accents kept."""
        _code, words = STREET_TYPES[site.street_type]
        repeat = {"B": self.rng.choice(["bis", "B"]), "T": self.rng.choice(["ter", "T"])}.get(site.repeat, "")
        number = f"{site.number}{repeat}" if len(repeat) == 1 else f"{site.number} {repeat}".strip()
        line = f"{number} {self.rng.choice(words)} {site.street}"
        if site.zone:
            line = f"{site.zone}, {line}" if self.rng.random() < 0.5 else f"{line}\n{site.zone}"
        return line

    def name_written(self, company: Company, name: str = "") -> str:
        name = name or company.name
        shape = self.rng.random()
        if shape < 0.15:
            name = folded(name)
        elif shape < 0.25:
            name = folded(name).title()
        written_form = self.rng.choice(FORMS[company.form][1])
        where = self.rng.random()
        if where < 0.4:
            return name
        if where < 0.85:
            return f"{name} {written_form}"
        return f"{written_form.strip('()')} {name}"

    def number_written(self, digits: str) -> str:
        if self.rng.random() < 0.5:
            return digits
        groups = [digits[0:3], digits[3:6], digits[6:9]] + ([digits[9:]] if len(digits) > 9 else [])
        return " ".join(groups)

    def account(self, company: Company | None, site: Site, *, name: str = "", siren: bool = False,
                siret: str = "", parent: str = "", place: str = "", **fields) -> str:  # fmt: skip
        account_id = salesforce_id(self.rng, "001")
        cedex = bool(site.cedex)
        row = {
            CRM_ID: account_id,
            "Name": name or self.name_written(company),
            "Type": self.rng.choice(TYPES),
            "ParentId": parent,
            "Site": place,
            "BillingStreet": f"{site.box}\n{self.street_written(site)}" if cedex else self.street_written(site),
            "BillingPostalCode": site.cedex if cedex else site.postcode,
            "BillingCity": f"{site.town.name} Cedex" if cedex else self.town_written(site.town),
            "BillingCountry": self.rng.choice(["France", "France", "FR", ""]),
            "Phone": self.phone_written(self.phone()) if self.rng.random() < 0.7 else "",
            "Website": "",
            "Industry": company.trade[2] if company else "",
            "OwnerId": self.rng.choice(OWNERS),
            "CreatedDate": f"20{self.rng.randrange(14, 26)}-{self.rng.randrange(1, 13):02d}-"
            f"{self.rng.randrange(1, 29):02d}T{self.rng.randrange(7, 19):02d}:{self.rng.randrange(60):02d}:00.000+0000",
            "SIREN__c": self.number_written(company.siren) if company and siren else "",
            "SIRET__c": self.number_written(siret) if siret else "",
        }  # fmt: skip
        if company and self.rng.random() < 0.4:
            row["Website"] = (
                "www." + "".join(ch for ch in folded(company.name).lower() if ch.isalnum()) + ".fr"
            )
        row.update(fields)
        self.crm_rows.append(row)
        return account_id

    def town_written(self, town: Town) -> str:
        return self.rng.choice([town.name, town.name, folded(town.name)])

    def phone_written(self, e164: str) -> str:
        number = phonenumbers.parse(e164)
        style = self.rng.choice(
            [phonenumbers.PhoneNumberFormat.NATIONAL, phonenumbers.PhoneNumberFormat.INTERNATIONAL]
        )
        return phonenumbers.format_number(number, style)

    def register(self, category: str, company: Company, index: int = 0, truth=(), *, name: str = "",
                 sign: str = "") -> None:  # fmt: skip
        """The company's establishment `index` as the register's row."""
        nic, site, open_ = company.sites[index]
        created = f"{self.rng.randrange(1985, 2024)}-{self.rng.randrange(1, 13):02d}-{self.rng.randrange(1, 29):02d}"
        row = dict.fromkeys(INBOUND_COLUMNS, "")
        row.update(
            {
                "siren": company.siren,
                "nic": nic,
                "statutDiffusionEtablissement": "O",
                "dateCreationEtablissement": created,
                "trancheEffectifsEtablissement": self.rng.choice(["NN", "01", "02", "03", "11", "12", "21"]),
                "anneeEffectifsEtablissement": self.rng.choice(["", "2021", "2022"]),
                "dateDernierTraitementEtablissement": f"2025-{self.rng.randrange(1, 13):02d}-01T03:12:45",
                "etablissementSiege": "true" if index == 0 else "false",
                "nombrePeriodesEtablissement": str(self.rng.randrange(1, 5)),
                "complementAdresseEtablissement": folded(site.zone),
                "numeroVoieEtablissement": site.number,
                "indiceRepetitionEtablissement": site.repeat,
                "typeVoieEtablissement": STREET_TYPES[site.street_type][0],
                "libelleVoieEtablissement": folded(site.street).replace("'", " "),
                "codePostalEtablissement": site.postcode,
                "libelleCommuneEtablissement": folded(site.town.name),
                "distributionSpecialeEtablissement": folded(site.box),
                "codeCommuneEtablissement": site.town.insee,
                "codeCedexEtablissement": site.cedex,
                "libelleCedexEtablissement": f"{folded(site.town.name)} CEDEX" if site.cedex else "",
                "dateDebut": created,
                "etatAdministratifEtablissement": "A" if open_ else "F",
                "enseigne1Etablissement": folded(sign),
                "activitePrincipaleEtablissement": company.trade[1],
                "nomenclatureActivitePrincipaleEtablissement": "NAFRev2",
                "caractereEmployeurEtablissement": self.rng.choice(["O", "N"]),
                "denominationUniteLegale": folded(name or company.name),
                "categorieJuridiqueUniteLegale": FORMS[company.form][0],
            }
        )
        row.pop(INBOUND_ID)
        case = GeneratedCase(category, row, tuple(truth))
        case.external_id = company.siren + nic
        self.cases.append(case)

    # -- categories ---------------------------------------------------------------------------------------

    def background(self) -> None:
        """Accounts the register rows say nothing about: companies' head offices, a few with a branch."""
        for _ in range(self.orgs):
            company = self.company(branches=1 if self.rng.random() < 0.15 else 0)
            head = self.account(company, company.sites[0][1], siren=self.rng.random() < 0.2)
            if len(company.sites) > 1:
                self.account(company, company.sites[1][1], parent=head, place=company.sites[1][1].town.name)

    def siret_on_account(self) -> None:
        for _ in range(self.per):
            company = self.company(branches=self.rng.choice([0, 0, 1]))
            index = self.rng.randrange(len(company.sites))
            nic, site, _ = company.sites[index]
            truth = self.account(company, site, siret=company.siren + nic)
            self.register("siret_on_account", company, index, [truth])

    def siren_on_account(self) -> None:
        for _ in range(self.per):
            company = self.company()
            truth = self.account(company, company.sites[0][1], siren=True)
            self.register("siren_on_account", company, 0, [truth])

    def plain_head_office(self) -> None:
        for _ in range(self.per):
            company = self.company()
            truth = self.account(company, company.sites[0][1])
            self.register("plain_head_office", company, 0, [truth])

    def trade_name_account(self) -> None:
        for _ in range(self.per):
            owner = self.rng.choice(SURNAMES)
            legal = self.unique(
                lambda owner=owner: f"{owner} {self.rng.choice(['et Fils', 'Frères', self.word()])}"
            )
            company = self.company(name=legal, form=self.rng.choice(["SARL", "EURL", "SAS"]))
            sign = self.rng.choice(SHOP_SIGNS)
            written = sign if self.rng.random() < 0.6 else f"{sign} ({legal})"
            truth = self.account(company, company.sites[0][1], name=written, siren=self.rng.random() < 0.3)
            self.register("trade_name_account", company, 0, [truth], sign=sign)

    def cedex_billing(self) -> None:
        for _ in range(self.per):
            company = self.company()
            site = company.sites[0][1]
            site.box = f"BP {self.rng.randrange(10, 900)}"
            site.cedex = site.town.cedex + str(self.rng.randrange(1, 10))
            truth = self.account(company, site)
            self.register("cedex_billing", company, 0, [truth])

    def branch_held(self) -> None:
        for _ in range(self.per):
            company = self.company(branches=1)
            head = self.account(company, company.sites[0][1], siren=self.rng.random() < 0.5, place="Siège")
            branch_site = company.sites[1][1]
            name = self.name_written(company)
            if self.rng.random() < 0.4:
                name = f"{name} - {branch_site.town.name}"
            truth = self.account(company, branch_site, name=name, parent=head, place=branch_site.town.name)
            self.register("branch_held", company, 1, [truth])

    def mistyped_number(self) -> None:
        for index in range(self.per // 2):
            company = self.company()
            right = company.siren if index % 2 else company.siren + company.sites[0][0]
            while True:
                position = self.rng.randrange(len(right))
                slipped = right[:position] + str(self.rng.randrange(10)) + right[position + 1 :]
                if not luhn_ok(slipped):
                    break
            field_name = "SIREN__c" if index % 2 else "SIRET__c"
            truth = self.account(company, company.sites[0][1], **{field_name: slipped})
            self.register("mistyped_number", company, 0, [truth])

    def branch_not_held(self) -> None:
        for index in range(self.per):
            company = self.company(branches=1)
            numbers = {"siren": True} if index % 2 else {"siret": company.siren + company.sites[0][0]}
            self.account(company, company.sites[0][1], **numbers)
            self.register("branch_not_held", company, 1)

    def closed_old_site(self) -> None:
        for _ in range(self.per // 2):
            company = self.company(branches=1)
            company.sites[0][2] = (
                False  # the former head office, closed; the new one is the company's site now
            )
            nic, site, _ = company.sites[1]
            self.account(company, site, siret=company.siren + nic)
            self.register("closed_old_site", company, 0)

    def groups(self) -> None:
        for _ in range(self.per):
            brand = self.word()
            words = self.rng.sample(GROUP_WORDS, 3)
            names = [f"Groupe {brand}" if word == "Groupe" else f"{brand} {word}" for word in words]
            town = self.rng.choice(TOWNS)
            members = [self.company(name=name, town=town) for name in names]
            if self.rng.random() < 0.7:  # one address for the group
                for member in members[1:]:
                    member.sites[0][1] = members[0].sites[0][1]
            for member in members[:2]:
                self.account(member, member.sites[0][1], siren=self.rng.random() < 0.3)
            self.register("group_sibling", members[2])

    def homonyms(self) -> None:
        for _ in range(self.per):

            def make() -> str:
                trade = self.rng.choice(HOMONYM_TRADES)[0]
                return f"{trade} {self.rng.choice(SURNAMES)}"

            name = self.unique(make)
            town, other = self.rng.sample(TOWNS, 2)
            held = self.company(name=name, town=town, form=self.rng.choice(["SARL", "EURL", "SAS"]))
            self.account(held, held.sites[0][1], siren=self.rng.random() < 0.3)
            namesake = self.company(name=name, town=other, form=self.rng.choice(["SARL", "EURL", "SAS"]))
            self.register("homonym_other_town", namesake)

    def not_in_crm(self) -> None:
        for _ in range(self.per * 2):
            company = self.company(branches=self.rng.choice([0, 0, 1]))
            self.register("not_in_crm", company, self.rng.randrange(len(company.sites)))

    def make(self) -> GeneratedCases:
        for category in (
            self.background, self.siret_on_account, self.siren_on_account, self.plain_head_office,
            self.trade_name_account, self.cedex_billing, self.branch_held, self.mistyped_number,
            self.branch_not_held, self.closed_old_site, self.groups, self.homonyms, self.not_in_crm,
        ):  # fmt: skip
            category()
        self.rng.shuffle(self.crm_rows)
        self.rng.shuffle(self.cases)
        return GeneratedCases(self.crm_rows, self.cases)


def organisation_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.orgs, args.per_category).make()


# -- Splink -------------------------------------------------------------------------------------------------

# What an evaluator prepares for Splink: the name without its legal form and accents (the register's legal name,
# the shop sign beside it), the five-digit postcode (the register's CEDEX code where the Account writes one would
# need a look-up no evaluator makes), the town folded, the street's number.
CRM_SQL = f"""
        SELECT "{CRM_ID}" AS unique_id, {{company}}(strip_accents("Name")) AS name,
               nullif(left(trim("BillingPostalCode"), 5), '') AS postcode,
               nullif(lower(strip_accents(trim(regexp_replace("BillingCity", '(?i)\\s*cedex.*$', '')))), '') AS city,
               nullif(regexp_extract("BillingStreet", '(?:^|\\s)(\\d+)', 1), '') AS house
        FROM read_csv('{{path}}', all_varchar = true)
    """
INBOUND_SQL = """
        SELECT "siret" AS unique_id,
               {company}(coalesce(nullif("enseigne1Etablissement", ''), "denominationUniteLegale")) AS name,
               nullif("codePostalEtablissement", '') AS postcode,
               nullif(lower("libelleCommuneEtablissement"), '') AS city,
               nullif("numeroVoieEtablissement", '') AS house
        FROM read_csv('{path}', all_varchar = true)
    """


def splink_model():
    """Splink's documented company-matching settings for a register without phones or domains: the name by
    `NameComparison`, the postcode and town exactly (the town with term frequencies), the house number exactly;
    blocked on the name and on the postcode."""
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
            cl.ExactMatch("house"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    return settings, [block_on("city"), block_on("name")], [block_on("name", "postcode")], 0.7, {}


SUITES = [
    GeneratedSuite(
        name="organisations",
        make=organisation_cases,
        crm_file="salesforce_accounts",
        inbound_file="sirene_stock_etablissement",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id=INBOUND_ID,
        cli_options=["--provider", "salesforce", "--object", "accounts", "--kind", "organisation"],
        splink_kind="organisation",
        sql={"crm": CRM_SQL, "inbound": INBOUND_SQL},
        source="Salesforce Accounts <- INSEE SIRENE StockEtablissement",
        splink_model=splink_model,
    )
]


if __name__ == "__main__":
    run_generated("identity-thirtyninth", SUITES, seed=391, people=0, orgs=2500, per_category=40)
