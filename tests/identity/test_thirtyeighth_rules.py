"""Rules found by the thirty-eighth generator (a Brazilian software company's Pipedrive persons linked from its RD
Station Marketing leads export): a form's single "Nome" field is the whole name; a family firm's desk mailboxes
(financeiro@, atendimento@, adm@) are no person's; Sobrinho marks another man of the same name; an export whose
rows name one country is read in it; a mobile written with its eight pre-2016 digits is today's nine-digit one;
Brazil's ME / EPP are legal forms; a WhatsApp column is a mobile; a column named for a national personal id (CPF)
is weighed however sparse, and its leading zeros a spreadsheet dropped do not matter. None of these tests reads
an outside file."""

import pytest

from identity_app import (
    csv_io,
    legal_forms,
    locale_words,
    normalise_emails,
    normalise_text,
    shared_identifiers,
)
from identity_app.attributes import DEFAULT_ATTRIBUTE_MAP, recognised_columns
from identity_app.normalise_companies import company_name
from identity_app.normalise_phones import phone
from tests.identity.test_cli_real_exports import decisions, run
from tests.identity.test_shared_identifiers import file_pair, weighed

# -- "Nome" alone is the whole name -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "read"),
    [
        (["uuid", "Email", "Nome", "Celular"], "full_name"),  # RD Station's leads export
        (["Nombre", "Correo electrónico"], "full_name"),
        (["Nome", "Sobrenome", "Email"], "first_name"),  # beside a surname column, the given name
        (["Nombre", "Apellidos"], "first_name"),
        (["Nome", "Cognome"], "first_name"),  # Italian
    ],
)
def test_nome_without_a_surname_column_is_the_whole_name(header, read):
    assert recognised_columns(header)[header[header.index("Nome") if "Nome" in header else 0]] == read


def test_vorname_alone_stays_a_first_name():
    """Only the labels that also mean "name" are read so: "Vorname" is a given name whatever stands beside it."""
    assert recognised_columns(["Vorname", "Email"])["Vorname"] == "first_name"


# -- desks, generations, legal forms ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "financeiro@pereiradistribuidora.com.br",
        "atendimento@assisconfeccoes.com.br",
        "adm@cardosoembalagens.com.br",
        "sac@lojasouza.com.br",
        "faturamento@metalurgicarocha.com.br",
        "suporte2@sistemas.com.br",
    ],
)
def test_a_brazilian_firms_desk_mailbox_is_no_persons(address):
    """A father's lead on the family firm's adm@, which only his son's Pipedrive record holds, is no key to the
    son's record."""
    assert normalise_emails.is_role_address(address)
    assert not normalise_emails.is_key_email(address)


@pytest.mark.parametrize("address", ["admilson@acme.com.br", "rh.silva@acme.com.br", "sacha@acme.com"])
def test_a_persons_mailbox_that_starts_like_a_desk_stays_theirs(address):
    assert not normalise_emails.is_role_address(address)


def test_sobrinho_names_another_man_of_the_same_name():
    assert locale_words.generation("pinto sobrinho") == "nephew"
    assert locale_words.generations_differ("pinto sobrinho", "pinto")
    assert locale_words.generations_differ("pinto sobrinho", "pinto filho")
    assert not locale_words.generations_differ("pinto sobrinho", "pinto sobrinho")


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Costa Clínica ME", "costa clinica"),
        ("Cardoso Farmácia EPP", "cardoso farmacia"),
        ("Padaria Silva Ltda ME", "padaria silva"),
        ("Call Me", "call me"),  # a name of one word before "me" keeps it
        ("Love Me Inc", "love me"),
    ],
)
def test_brazils_small_firm_designations_are_legal_forms(written, read):
    assert company_name(written) == read


def test_me_is_a_form_only_after_two_name_words():
    assert legal_forms.split(["costa", "clinica", "me"]) == (["costa", "clinica"], ["me"])
    assert legal_forms.split(["call", "me"]) == (["call", "me"], [])


# -- numbers ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("(11) 8765-4321", "+5511987654321"),  # a São Paulo mobile before 2012
        ("+55 11 8765-4321", "+5511987654321"),
        ("+551187654321", "+5511987654321"),
        ("0xx21 7654-3210", "+5521976543210"),
        ("(11) 98765-4321", "+5511987654321"),  # today's form, as it is
        ("(11) 3456-7890", "+551134567890"),  # a landline (2 to 5 first) is no mobile
        ("+1 212 555 0100", "+12125550100"),
    ],
)
def test_a_brazilian_mobile_written_before_the_ninth_digit_is_todays(written, read):
    assert phone(written, "BR") == read


def test_a_whatsapp_column_is_a_persons_mobile():
    phone_fields = set(DEFAULT_ATTRIBUTE_MAP["phone"])
    assert recognised_columns(["Nome", "Email", "WhatsApp"])["WhatsApp"] in phone_fields
    assert recognised_columns(["Nome", "Celular/WhatsApp"])["Celular/WhatsApp"] in phone_fields
    assert recognised_columns(["Nome", "Celular", "WhatsApp"])["WhatsApp"] in phone_fields


def _pipedrive(rows: list[tuple[str, str, str]], country: str) -> str:
    lines = ["Person - ID,Person - Name,Person - First name,Person - Last name,Person - Phone - Mobile,"
             "Person - Postal address - Country"]  # fmt: skip
    for number, (first, last, mobile) in enumerate(rows, 201):
        lines.append(f"{number},{first} {last},{first},{last},{mobile},{country}")
    return "\n".join(lines) + "\n"


FIRSTS = ["Ana", "Bruno", "Carla", "Diego", "Elaine", "Fábio", "Gabriela", "Henrique", "Isabela", "João",
          "Karina", "Lucas", "Márcia", "Nelson", "Otávio", "Paula", "Rafael", "Sônia", "Tiago", "Vera", "Wagner",
          "Yara"]  # fmt: skip
PERSONS = [
    (first, "Moraes", f"(11) 9{7000 + index:04d}-{1000 + index:04d}") for index, first in enumerate(FIRSTS)
]
PIPEDRIVE = {"provider": "pipedrive", "object_name": "persons", "external_id_column": "uuid"}
LEAD = "uuid,Email,Nome,Celular\nL1,ana.moraes@gmail.com,Ana Moraes,+55 11 97000-1000\n"


def test_an_export_whose_rows_name_brazil_is_read_in_brazil(db, tmp_path):
    """A Pipedrive export writes its persons' mobiles nationally and "Brasil" as their country; read as the
    default US numbers they never met the lead's +55 number (`test_a_file_region_needs_most_rows_naming_one_
    country`: rows naming no country say nothing)."""
    rows = run(tmp_path, LEAD, _pipedrive(PERSONS, "Brasil"), **PIPEDRIVE)
    assert decisions(rows) == [("L1", "matched", "201")]


def test_a_file_region_needs_most_rows_naming_one_country(tmp_path):
    path = tmp_path / "crm.csv"
    path.write_text(_pipedrive(PERSONS, "Brasil"), encoding="utf-8")
    assert csv_io.named_region(path) == "BR"
    mixed = [(first, last, mobile, "Brasil" if index % 2 else "Portugal")
             for index, (first, last, mobile) in enumerate(PERSONS)]  # fmt: skip
    path.write_text(
        _pipedrive([p[:3] for p in mixed], "").replace(",\n", ",{}\n").format(*[p[3] for p in mixed]),
        encoding="utf-8",
    )
    assert csv_io.named_region(path) == ""
    path.write_text(_pipedrive(PERSONS[:5], "Brasil"), encoding="utf-8")
    assert csv_io.named_region(path) == ""  # five rows say too little


# -- a national personal id --------------------------------------------------------------------------------------


def test_a_cpf_written_bare_without_its_leading_zero_is_the_same():
    assert normalise_text.personal_identifier("090.382.482-53") == normalise_text.personal_identifier(
        "9038248253"
    )
    assert normalise_text.personal_identifier("000.000.000-00") == ""
    assert normalise_text.personal_identifier("AB0123") == "AB0123"


def test_a_pipedrive_custom_field_and_a_forms_field_of_one_name_are_one_column():
    [column] = shared_identifiers.candidates(["CPF", "Cargo"], ["Person - CPF", "Person - Job title"])
    assert (column.crm_label, column.inbound_label) == ("Person - CPF", "CPF")


@pytest.mark.parametrize(("name", "used"), [("CPF", True), ("member_no", False)])
def test_a_sparse_column_named_for_a_national_id_is_still_weighed(name, used):
    """The CPF on four persons in ten (the contract signers) and on their leads: named so, it is weighed on the
    pairs it joins; a sparse column of another name is refused as before."""
    crm, inbound = file_pair()
    numbers = {row["member_no"] for position, row in enumerate(crm) if position % 5 < 2}
    for row in (*crm, *inbound):
        value = row.pop("member_no")
        row[name] = value if value in numbers else ""
    column = weighed(crm, inbound)[name]
    assert column.used is used, column.verdict
