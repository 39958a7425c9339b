"""Rules found by the thirty-ninth generator (INSEE's SIRENE establishments file against a French distributor's
Salesforce Accounts): the register's columns are read (its street in parts, its signs as other names), French
legal forms stand before the name as often as after it, a CEDEX address's code is no place's postcode and its
postal box no part of its street, French street types and "bis" are written one way, a SIRET is an
establishment's number and a SIREN its company's (two SIRENs are two companies; a slipped digit fails the check
and is no number), and a company renamed in place is renamed at its own door. None of these tests reads an
outside file."""

import pytest

from identity_app import attributes, columns, normalise_companies, normalise_places, organisations
from tests.identity.conftest import crm

SIREN = "412853616"
HEAD_OFFICE = "41285361600016"  # SIREN + NIC 00016
BRANCH = "41285361600024"
OTHER_SIREN = "528361074"
REGISTER_ROW = {
    "siren": SIREN,
    "nic": "00016",
    "siret": HEAD_OFFICE,
    "etablissementSiege": "true",
    "numeroVoieEtablissement": "12",
    "indiceRepetitionEtablissement": "B",
    "typeVoieEtablissement": "AV",
    "libelleVoieEtablissement": "DE LA REPUBLIQUE",
    "codePostalEtablissement": "42000",
    "libelleCommuneEtablissement": "SAINT-ETIENNE",
    "etatAdministratifEtablissement": "A",
    "enseigne1Etablissement": "AUTO SERVICE PLUS",
    "denominationUniteLegale": "PERRIN NOMAVILLE",
}


def _register_profile(row: dict) -> dict:
    renames = attributes.recognised_columns(list(row), keep=("siret",))
    return attributes.build_profile({renames.get(k, k): v for k, v in row.items()}, kind="organisation")


def test_the_registers_establishment_columns_are_read():
    profile = _register_profile(REGISTER_ROW)
    assert profile["company_name"] == "perrin nomaville"
    assert profile["street"] == "12b ave de la republique"
    assert (profile["city"], profile["postcode"]) == ("saint etienne", "42000")
    assert profile["extra"]["other_names"] == ["auto service plus"]
    assert profile["extra"]["company_number"] == HEAD_OFFICE
    assert profile["extra"]["siren"] == SIREN


def test_the_register_street_and_a_cedex_address_read_alike_a_batch_at_a_time():
    renames = attributes.recognised_columns(list(REGISTER_ROW), keep=("siret",))
    register = {renames.get(k, k): v for k, v in REGISTER_ROW.items()}
    account = {"name": "Perrin Nomaville", "street": "BP 45\n12 bis av. de la République",
               "city": "Saint-Étienne Cedex 1", "postcode": "42009"}  # fmt: skip
    for row in (register, account):
        assert columns.build_profiles([row], kind="organisation") == [
            attributes.build_profile(row, kind="organisation")
        ]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("SARL Dupont", "dupont"),
        ("S.A.R.L. Dupont Plomberie", "dupont plomberie"),
        ("EURL Muller Vaunaur", "muller vaunaur"),
        ("SAS Sonsain Transports", "sonsain transports"),
        ("S.A. Hôtellerie Chimaix", "hotellerie chimaix"),
        ("Sonsain Transports SAS", "sonsain transports"),
        ("SAS Institute", "sas institute"),  # a name: one word after it
        ("SA Recycling Inc", "sa recycling"),
        ("Sci Fi Books Ltd", "sci fi books"),
    ],
)
def test_a_french_legal_form_before_the_name(written, expected):
    assert normalise_companies.company_name(written) == expected


def test_a_cedex_address_gives_the_town_and_no_postcode():
    assert normalise_places.city("Rennes Cedex 9") == "rennes"
    assert normalise_places.city("RENNES CEDEX") == "rennes"
    profile = attributes.build_profile(
        {"name": "Tanx Services", "city": "Rennes Cedex", "postcode": "35908"}, kind="organisation"
    )
    assert (profile["city"], profile["postcode"]) == ("rennes", "")
    plain = attributes.build_profile(
        {"name": "Tanx", "city": "Rennes", "postcode": "35000"}, kind="organisation"
    )
    assert plain["postcode"] == "35000"


@pytest.mark.parametrize(
    ("written", "register"),
    [
        ("BP 11\n155 bis bd Saint-Jacques", "155B boulevard SAINT-JACQUES"),
        ("CS 70012 - 4 av. Foch", "4 avenue FOCH"),
        ("14 rte de la Liberté", "14 route DE LA LIBERTE"),
        ("6 ch. du Moulin", "6 chemin DU MOULIN"),
        ("3 Allée des Tilleuls", "3 allee DES TILLEULS"),
    ],
)
def test_french_streets_read_one_way(written, register):
    assert normalise_places.street(written) == normalise_places.street(register)


def test_a_house_number_and_its_repetition_stay_apart_from_another_number():
    assert normalise_places.street("12 bis rue Pasteur") != normalise_places.street("12 rue Pasteur")


@pytest.mark.parametrize(
    ("written", "siret", "siren"),
    [
        (HEAD_OFFICE, HEAD_OFFICE, SIREN),
        ("412 853 616 00016", HEAD_OFFICE, SIREN),
        ("412.853.616.00024", BRANCH, SIREN),
        ("412 853 616", "", SIREN),
        ("412853617", "", ""),  # a slipped digit: the check digit fails
        ("41285361600017", "", ""),
        ("4128536160001", "", ""),
        ("00000000000000", "", ""),
    ],
)
def test_siret_and_siren_are_checked(written, siret, siren):
    assert normalise_companies.siret(written) == siret
    assert normalise_companies.siren(written) == siren


def test_a_siret_is_a_company_number_in_france_only():
    assert normalise_companies.company_number("412 853 616 00016", "FR") == HEAD_OFFICE
    assert normalise_companies.company_number("412 853 616 00016", "") == HEAD_OFFICE
    assert normalise_companies.company_number("412 853 616 00016", "GB") == ""
    assert normalise_companies.company_number("01234567", "FR") == ""


def test_two_sirens_are_two_companies():
    branch = {"extra": {"company_number": BRANCH, "siren": SIREN}}
    assert organisations.other_company_numbers(branch, {"extra": {"siren": OTHER_SIREN}}) == (
        SIREN,
        OTHER_SIREN,
    )
    assert organisations.other_company_numbers(branch, {"extra": {"siren": SIREN}}) == ()
    assert organisations.other_company_numbers(branch, {"extra": {"company_number": HEAD_OFFICE}}) == (
        BRANCH,
        HEAD_OFFICE,
    )


def _account(crm_id, name, street, postcode, city, **numbers):
    return crm(crm_id, name=name, street=street, postcode=postcode, city=city, country="France", **numbers)


def _establishment(siret, name, street, postcode, city, sign=""):
    return {"external_id": siret, "name": name, "street": street, "postcode": postcode, "city": city,
            "siret": siret, "siren": siret[:9], "enseigne1Etablissement": sign}  # fmt: skip


def _fillers():
    words = [
        "Vorbel",
        "Gantrix",
        "Moulard",
        "Cherbin",
        "Dastrac",
        "Prelun",
        "Tournel",
        "Lomvar",
        "Sabrel",
        "Quinval",
    ]
    return [
        _account(f"f{n}", f"{words[n % 10]} {words[n // 10]} Services", f"{n + 2} rue Pasteur", "69100", "Villeurbanne")
        for n in range(30)
    ]  # fmt: skip


def test_another_siren_at_the_accounts_door_is_another_company(resolve_companies):
    """The Account holds its company's SIREN; the register's row of a company of the very name at its address
    has another SIREN (a company closed and a new one formed in its place): not linked. Without the number
    the name and address link it."""
    other, same = resolve_companies(
        [
            _account("a1", "Vallon Distribution SAS", "12 rue de la Gare", "42000", "Saint-Étienne",
                     SIREN__c=OTHER_SIREN),
            _account("a2", "Chaumalle Rénovation", "8 av. Jean Jaurès", "21000", "Dijon"),
            *_fillers(),
        ],
        _establishment(HEAD_OFFICE, "VALLON DISTRIBUTION", "12 RUE DE LA GARE", "42000", "SAINT-ETIENNE"),
        _establishment("52836107400016", "CHAUMALLE RENOVATION", "8 AVENUE JEAN JAURES", "21000", "DIJON"),
    )  # fmt: skip
    assert same.outcome == "matched" and same.crm_id == "a2"
    assert other.outcome != "matched"


def test_a_companys_other_establishment_is_not_its_head_offices_account(resolve_companies):
    """The Account is the head office, with its own SIRET; the row is the company's branch: not linked, nor
    to the head office's Account by the company's name (a guard: the other address keeps it apart today)."""
    [branch] = resolve_companies(
        [
            _account("h1", "Vallon Distribution", "12 rue de la Gare", "42000", "Saint-Étienne",
                     SIRET__c="412 853 616 00016"),
            *_fillers(),
        ],
        _establishment(BRANCH, "VALLON DISTRIBUTION", "4 AVENUE FOCH", "42000", "SAINT-ETIENNE"),
    )  # fmt: skip
    assert branch.outcome != "matched"


def test_the_siret_finds_the_account_named_after_its_sign(resolve_companies):
    [found] = resolve_companies(
        [_account("s1", "Auto Service Plus", "12 bis av. de la République", "42000", "Saint-Étienne",
                  SIRET__c="41285361600016"), *_fillers()],
        _establishment(HEAD_OFFICE, "PERRIN NOMAVILLE", "12B AVENUE DE LA REPUBLIQUE", "42000", "SAINT-ETIENNE",
                       sign="AUTO SERVICE PLUS"),
    )  # fmt: skip
    assert (found.outcome, found.crm_id) == ("matched", "s1")


def test_a_sign_held_at_another_door_of_the_town_is_no_company_renamed_in_place(resolve_companies):
    """A French postcode covers a town: a shop's sign that an Account holds under the same postcode at another
    street number is another shop (a franchise's, a namesake's), not the company renamed in place."""
    [shop] = resolve_companies(
        [_account("r1", "Auto Service Plus", "115 impasse des Peupliers", "13100", "Aix-en-Provence"), *_fillers()],
        _establishment(BRANCH, "PERRIN NOMAVILLE", "32 CHEMIN DE LA REPUBLIQUE", "13100", "AIX-EN-PROVENCE",
                       sign="AUTO SERVICE PLUS"),
    )  # fmt: skip
    assert shop.outcome != "matched"


def test_an_activity_zones_line_is_no_part_of_the_street():
    register = normalise_places.street("166 chemin SAINT-JACQUES")
    assert normalise_places.street("ZI des Platanes, 166 ch. Saint-Jacques") == register
    assert (
        normalise_places.street("BP 211\n166 Chemin Saint-Jacques\nParc d'activités de la Gare") == register
    )
    assert normalise_places.street("ZA du Moulin") == "za du moulin"  # nothing else to keep
    assert normalise_places.street("Zara House, 12 High St") == "zara house 12 high st"


def test_a_name_alike_at_another_door_of_the_town_is_another_business(resolve_companies):
    """Rousseau and Roussel are two family names a letter or two apart, and the row (a list giving the
    country) is at another door of the street, in the town its postcode covers: not linked. The name
    mistyped at the Account's own door still links."""
    other, own = resolve_companies(
        [
            _account("m1", "Menuiserie Roussel S.A.R.L.", "37B Impasse du Stade", "63000", "Clermont-Ferrand"),
            _account("m2", "Plomberie Garnaud", "5 rue Gambetta", "21000", "Dijon"),
            *_fillers(),
        ],
        {**_establishment(HEAD_OFFICE, "MENUISERIE ROUSSEAU", "140 IMPASSE DU STADE", "63000", "CLERMONT-FERRAND"),
         "country": "FRANCE"},
        {**_establishment("52836107400016", "PLOMBERIE GARNAUT", "5 RUE GAMBETTA", "21000", "DIJON"),
         "country": "FRANCE"},
    )  # fmt: skip
    assert other.outcome != "matched"
    assert other.candidates[0]["crm_id"] == "m1"
    assert own.outcome == "matched" and own.crm_id == "m2"


def test_the_siren_at_the_accounts_door_finds_the_shop_under_its_sign(resolve_companies):
    """The Account is the shop's sign with the company's name in brackets and its SIREN; the register gives
    the company's legal name, the sign and the SIRET of the establishment at that very address: linked. The
    same SIREN at another door (the company's other establishment) is not."""
    shop, elsewhere = resolve_companies(
        [
            _account("t1", "La Table du Chef (David Praque)", "32 route de Lyon", "44000", "Nantes",
                     SIREN__c="412 853 616"),
            *_fillers(),
        ],
        _establishment(HEAD_OFFICE, "DAVID PRAQUE", "32 ROUTE DE LYON", "44000", "NANTES", sign="LA TABLE DU CHEF"),
        _establishment(BRANCH, "DAVID PRAQUE", "9 RUE DE LA PAIX", "44000", "NANTES", sign="LA TABLE DU CHEF"),
    )  # fmt: skip
    assert (shop.outcome, shop.crm_id) == ("matched", "t1")
    assert elsewhere.outcome != "matched"
