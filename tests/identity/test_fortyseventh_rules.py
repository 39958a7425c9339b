"""Rules found by the forty-seventh generator (an Italian wholesaler's Salesforce Accounts against Danea Easyfatt's
customer register): the register's Italian labels are read, an Italian partnership's "& C." and the forms written
out are legal forms, a partita IVA that fails its check digit is a slip and no other company's, another VAT number
stops a high score, a sole trader's name gives its owner ("Idraulica Rossi di Rossi Mario", or the person its
personal codice fiscale spells) and is never a company's, and a company's codice fiscale is its partita IVA.
None of these tests reads an outside file."""

import pytest

from identity_app import attributes, normalise_companies, organisations
from tests.identity.conftest import crm

EASYFATT_HEADER = [
    "Cod.", "Denominazione", "Indirizzo", "Cap", "Città", "Prov.", "Regione", "Nazione", "Referente", "Tel.",
    "Cell", "e-mail", "Pec", "Cod. destinatario Fatt. elettr.", "Codice fiscale", "Partita Iva", "Home page",
]  # fmt: skip
PIVA = "01234567897"  # its Luhn check digit holds
OTHER_PIVA = "02345678904"


def test_an_italian_customer_registers_labels_are_read():
    renames = attributes.recognised_columns(EASYFATT_HEADER, keep=("Cod.",))
    assert renames["Denominazione"] == "company_name"
    assert renames["Indirizzo"] == "street"
    assert renames["Prov."] == "state"
    assert renames["Città"] == "city"
    assert renames["Cap"] == "postcode"
    other = attributes.recognised_columns(["Ragione sociale", "Comune", "Provincia"])
    assert other == {"Ragione sociale": "company_name", "Comune": "city", "Provincia": "state"}


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Bruno Arredobagno & C. S.n.c.", "bruno arredobagno"),
        ("Gallo e C. snc", "gallo"),
        ("Pagano & C.", "pagano"),
        ("FERRARO & FIGLI SOCIETA' IN ACCOMANDITA SEMPLICE", "ferraro and figli"),
        ("Tecnoplast S.r.l.s.", "tecnoplast"),
        ("Tecnoplast S.r.l. semplificata", "tecnoplast"),
        ("F.lli Bianchi S.r.l.", "fratelli bianchi"),
    ],
)
def test_italian_legal_forms_and_the_partnerships_and_c(written, name):
    assert normalise_companies.company_name(written) == name


def test_a_partita_iva_that_fails_its_check_digit_is_no_other_companys():
    swapped = PIVA[:9] + PIVA[10] + PIVA[9]  # the last two digits swapped: no slip `identifier_slip` allows
    assert normalise_companies.vat_check_digit_fails(f"IT{swapped}")
    assert not normalise_companies.vat_check_digit_fails(f"IT{PIVA}")
    assert not normalise_companies.vat_check_digit_fails("DE123456789")  # other countries: not judged here
    ours, mistyped = {"extra": {"vat_number": f"IT{PIVA}"}}, {"extra": {"vat_number": f"IT{swapped}"}}
    assert organisations.other_vat_numbers(ours, mistyped) == ()
    other = {"extra": {"vat_number": f"IT{OTHER_PIVA}"}}
    assert organisations.other_vat_numbers(ours, other) == (f"IT{PIVA}", f"IT{OTHER_PIVA}")


@pytest.mark.parametrize(
    ("written", "name", "owner"),
    [
        ("Idraulica Rossi di Rossi Mario", "idraulica rossi", "rossi mario"),
        ("Serramenti De Angelis di De Angelis Giulia", "serramenti de angelis", "de angelis giulia"),
        ("Rossi Impianti di Rossi Mario & C. S.a.s.", "rossi impianti", "rossi mario"),
        ("Cassa di Risparmio di Parma", "cassa di risparmio di parma", ""),  # no owner: a town after "di"
        (
            "Pizzeria da Mario di Bianchi Luca",
            "pizzeria da mario di bianchi luca",
            "",
        ),  # no surname in the sign
    ],
)
def test_a_sole_traders_sign_and_owner(written, name, owner):
    assert normalise_companies.company_name(written) == name
    assert normalise_companies.sole_trader_owner(written) == owner


def test_a_personal_codice_fiscale_finds_the_owner_in_the_name():
    assert normalise_companies.personal_tax_code("rssmra85t10a562s") == "RSSMRA85T10A562S"
    assert normalise_companies.personal_tax_code("RSSMRA85T10A562X") == ""  # its check letter fails
    assert normalise_companies.tax_code_owner("SRRPTR57L23L840V", "serra pietro") == "serra pietro"
    assert (
        normalise_companies.tax_code_owner("SRRPTR57L23L840V", "pietro serra carpenteria") == "serra pietro"
    )
    assert normalise_companies.tax_code_owner("DNGGLI52A67H823X", "de angelis giulia") == "de angelis giulia"
    assert normalise_companies.tax_code_owner("SRRPTR57L23L840V", "serra marco") == ""  # his son's name


def _register_profile(row: dict) -> dict:
    renames = attributes.recognised_columns(list(row), keep=("Cod.",))
    return attributes.build_profile({renames.get(k, k): v for k, v in row.items()}, kind="organisation")


def test_the_codice_fiscale_gives_a_companys_vat_number_or_a_sole_traders_owner():
    company = _register_profile(
        {"Cod.": "1", "Denominazione": "Ecofer S.r.l.", "Nazione": "Italia", "Codice fiscale": PIVA}
    )
    assert company["extra"]["vat_number"] == f"IT{PIVA}"
    trader = _register_profile(
        {
            "Cod.": "2",
            "Denominazione": "SERRA PIETRO",
            "Nazione": "Italia",
            "Codice fiscale": "SRRPTR57L23L840V",
            "Partita Iva": PIVA,
        }
    )
    assert (trader["extra"]["owner"], trader["extra"]["vat_number"]) == ("serra pietro", f"IT{PIVA}")


def test_a_sole_traders_owner_agrees_with_the_name_that_carries_it():
    trader = {"company_name": "serra pietro", "extra": {"owner": "serra pietro"}}
    account = {"company_name": "carpenteria serra", "extra": {}}
    names = ("SERRA PIETRO", "Carpenteria Serra")
    assert organisations.other_name_agrees(trader, account, names, 0.8) == ""
    assert organisations.other_name_agrees(trader, account, names, 0.8, surname_enough=True) == "serra pietro"
    owner_named = {"company_name": "serra pietro carpenteria", "extra": {}}
    assert organisations.other_name_agrees(
        trader, owner_named, ("SERRA PIETRO", "Serra Pietro Carpenteria"), 0.8
    )
    son = {"company_name": "serra marco", "extra": {"owner": "serra marco"}}
    assert not organisations.other_name_agrees(
        son, owner_named, ("SERRA MARCO", "Serra Pietro Carpenteria"), 0.8
    )


def test_a_sole_trader_is_never_a_company():
    trader, company = {"extra": {}}, {"extra": {}}
    names = ("Idraulica Rossi S.r.l.", "Idraulica Rossi di Rossi Mario")
    assert organisations.sole_trader_beside_company(company, trader, names) == names[::-1]
    partnership = ("Rossi Impianti S.r.l.", "Rossi Impianti di Rossi Mario & C. S.a.s.")  # a partnership
    assert organisations.sole_trader_beside_company(company, trader, partnership) == ()
    by_code = {"extra": {"owner": "rossi mario"}}
    assert organisations.sole_trader_beside_company(by_code, company, ("ROSSI MARIO", "Rossi Mario S.r.l."))


def _account(crm_id, name, street, phone="", **fields):
    return crm(crm_id, name=name, street=street, postcode="22100", city="Como", country="Italia", phone=phone,
               **fields)  # fmt: skip


def _fillers():
    trades = ["Idraulica", "Ferramenta", "Serramenti", "Colorificio", "Edilizia", "Falegnameria"]
    families = ["Bertolini", "Zanella", "Pozzi", "Ghezzi", "Corradi", "Tosi"]
    return [
        _account(f"f{n}", f"{trades[n % 6]} {families[n // 6 % 6]} S.r.l.", f"Via Volta {n + 2}",
                 f"+39 031 55{n:05d}")
        for n in range(36)
    ]  # fmt: skip


def _row(code, name, street, phone="", piva="", **fields):
    """A register row as the flow reads it: the name, the address and the numbers under its attribute names."""
    return {"external_id": code, "name": name, "street": street, "postcode": "22100", "city": "COMO",
            "country": "IT", "phone": phone, "vat_number": piva, **fields}  # fmt: skip


def test_the_owners_new_company_at_the_workshop_is_not_the_sole_trader(resolve_companies):
    """The owner of "Idraulica Rossi di Rossi Mario" founded "Idraulica Rossi S.r.l." at his workshop, on his
    line: a new legal entity, with a partita IVA of its own (the Account gives none)."""
    new, trader = resolve_companies(
        [_account("t1", "Idraulica Rossi di Rossi Mario", "Via Roma 12", "031 264 1187"), *_fillers()],
        _row("1", "IDRAULICA ROSSI S.R.L.", "VIA ROMA, 12", "031 264 1187", OTHER_PIVA),
        _row(
            "2", "ROSSI MARIO", "VIA ROMA 12", "031 264 1187", PIVA, **{"codice_fiscale": "RSSMRA85T10A562S"}
        ),
    )
    assert new.outcome != "matched"
    assert (trader.outcome, trader.crm_id) == ("matched", "t1")


def test_another_partita_iva_stops_a_high_score(resolve_companies):
    [other] = resolve_companies(
        [
            _account("l1", "Elettroforniture Lombardi", "Via Roma 44", vat_number=f"IT {PIVA}"),
            *_fillers(),
        ],
        _row("1", "Lombardi Elettroforniture S.r.l.", "Via Roma, 44", "", OTHER_PIVA),
    )
    assert other.outcome != "matched"


def _families_firms(family, count):
    """`count` CRM Accounts bearing a family's name beside a trade, each at its own street and line."""
    trades = ["Idraulica", "Ferramenta", "Colorificio", "Elettroforniture", "Arredobagno", "Immobiliare"]
    return [
        _account(f"{family[:2]}{n}", f"{family} {trades[n]}", f"Via Milano {n + 3}", f"+39 031 44{n:05d}")
        for n in range(count)
    ]


def test_a_family_name_many_firms_bear_does_not_place_a_firm_at_another_street(resolve_companies):
    """ "Serra S.R.L." in Via Copernico is not the CRM's "Serra" in Via dei Mille of the same town (no phone
    on the Account, no partita IVA on either): five more Accounts of the town bear the family's name. At the
    Account's own street it is that firm; a coined name no other Account bears still places its firm."""
    crm_records = [
        _account("s1", "Serra", "Via dei Mille, 25"),
        _account("b1", "Brixolux", "Via dei Mille, 31"),
        *_families_firms("Serra", 5),
        *_fillers(),
    ]
    elsewhere, at_its_door, coined = resolve_companies(
        crm_records,
        _row("1", "Serra S.R.L.", "Via Copernico, 90", "+39 031 757 4373"),
        _row("2", "Serra S.R.L.", "Via dei Mille 25", "+39 031 757 4373"),
        _row("3", "Brixolux S.R.L.", "Via Copernico, 90", "+39 031 757 4373"),
    )
    assert elsewhere.outcome != "matched"
    assert any("many CRM records' names carry" in note for note in elsewhere.notes)
    assert (at_its_door.outcome, at_its_door.crm_id) == ("matched", "s1")
    assert (coined.outcome, coined.crm_id) == ("matched", "b1")


def test_a_family_name_few_firms_bear_is_weighed_as_before(resolve_companies):
    [moved] = resolve_companies(
        [_account("s1", "Serra", "Via dei Mille, 25"), *_families_firms("Serra", 3), *_fillers()],
        _row("1", "Serra S.R.L.", "Via Copernico, 90", "+39 031 757 4373"),
    )
    assert (moved.outcome, moved.crm_id) == ("matched", "s1")
