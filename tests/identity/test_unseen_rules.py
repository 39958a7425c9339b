"""Rules found by the fourth generator (`benchmarks/identity_unseen.py`: a Salesforce Data Loader extract
against a German HubSpot export saved by Excel). Each failed before its fix; none reads the generator."""

import csv
import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from identity_app import (
    csv_io,
    key_checks,
    normalise_emails,
    normalise_names,
    normalise_phones,
    normalise_text,
    salesforce_ids,
)
from identity_app.attributes import recognised_columns
from identity_app.models import MirrorRecord
from tests.identity.conftest import crm


def link(
    tmp_path, crm_text: str, inbound_text: str, *, inbound_encoding: str = "utf-8-sig", **options
) -> dict[str, dict]:
    (tmp_path / "crm.csv").write_text(crm_text, encoding="utf-8")
    (tmp_path / "in.csv").write_text(inbound_text, encoding=inbound_encoding)
    out = tmp_path / "results.csv"
    call_command(
        "identity_link",
        str(tmp_path / "in.csv"),
        provider="salesforce",
        object_name="Contact",
        mirror_csv=str(tmp_path / "crm.csv"),
        out=str(out),
        progress=False,
        **options,
    )
    return {row["external_id"]: row for row in csv.DictReader(out.open(encoding="utf-8"))}


# -- column labels in other languages ---------------------------------------------------------------------


def test_german_french_spanish_and_dutch_export_labels_are_read():
    renames = recognised_columns(
        ["Vorname", "Nachname", "Mobiltelefonnummer", "Name des Unternehmens", "Stadt", "Geburtsdatum"]
    )
    assert renames == {
        "Vorname": "first_name",
        "Nachname": "last_name",
        "Mobiltelefonnummer": "mobilephone",
        "Name des Unternehmens": "company_name",
        "Stadt": "city",
        "Geburtsdatum": "date_of_birth",
    }
    assert recognised_columns(["Prénom", "Nom", "Téléphone", "Code postal"]) == {
        "Prénom": "first_name",
        "Nom": "last_name",
        "Téléphone": "phone",
        "Code postal": "postcode",
    }
    assert recognised_columns(["Nombre", "Apellidos", "Correo electrónico"]) == {
        "Nombre": "first_name",
        "Apellidos": "last_name",
        "Correo electrónico": "email",
    }
    assert recognised_columns(["Voornaam", "Achternaam", "Telefoonnummer"]) == {
        "Voornaam": "first_name",
        "Achternaam": "last_name",
        "Telefoonnummer": "phone",
    }


def test_a_family_mailbox_in_a_german_labelled_export_does_not_link_the_other_family_member(db, tmp_path):
    """Only "E-Mail" used to be read: with no names on the inbound side nothing could contradict the key,
    and Ute Schulz was linked to her husband's record by the family's address."""
    rows = link(
        tmp_path,
        '"ID","FIRSTNAME","LASTNAME","EMAIL"\n"0035e000000AbCdAAA","Uwe","Schulz","u.schulz@web.de"\n'
        '"0035e000000AbCeAAA","Jens","Schulz","schulz.jens@t-online.de"\n',
        "Datensatz-ID;Vorname;Nachname;E-Mail\n1;Ute;Schulz;u.schulz@web.de\n"
        "2;Jens;Schulz;schulz.jens@t-online.de\n",
        external_id_column="Datensatz-ID",
    )
    assert rows["1"]["decision"] != "matched"
    assert (rows["2"]["decision"], rows["2"]["crm_id"]) == ("matched", "0035e000000AbCeAAA")


# -- shared mailboxes ---------------------------------------------------------------------------------------


def test_department_and_family_mailboxes_of_other_languages_are_no_keys():
    for address in (
        "einkauf@acme.de",
        "vertrieb.nord@acme.de",
        "achats@societe.fr",
        "compras@empresa.es",
        "inkoop@bedrijf.nl",
        "eigyo@kaisha.co.jp",
        "familie.schulz@t-online.de",
        "family-smith@gmail.com",
        "ap@acme.com",
    ):
        assert not normalise_emails.is_key_email(address), address
    for address in ("ap.nguyen@acme.com", "jan.einkauf@acme.de", "anna.personal@gmail.com"):
        assert normalise_emails.is_key_email(address), address


def test_a_mailbox_naming_nobody_with_the_same_first_name_and_another_surname_is_contradicted():
    successor = {"first_name": "akiko", "last_name": "nakamura"}
    holder = {"first_name": "akiko", "last_name": "yoshida"}
    assert key_checks.surname_changed_on_impersonal_mailbox(successor, holder, "desk7@meridia.com", 0.75)
    # A marriage keeps a mailbox named after the person: first name and old surname, or initial and surname.
    # A first name alone (akiko@) is both Akikos' (`test_eleventh_rules`).
    for address in ("akiko.yoshida@meridia.com", "a.yoshida@meridia.com"):
        assert not key_checks.surname_changed_on_impersonal_mailbox(successor, holder, address, 0.75)
    # A transliterated umlaut still names the person: mueller@ for Müller.
    assert key_checks.mailbox_names_someone("anna.mueller@x.de", [("anna", "muller")])
    assert not key_checks.surname_changed_on_impersonal_mailbox(
        {"first_name": "anna", "last_name": "muller"},
        {"first_name": "anna", "last_name": "muller"},
        "x@y.de",
        0.75,
    )


def test_the_successor_on_a_role_mailbox_with_the_holders_first_name_is_not_linked(db, tmp_path):
    rows = link(
        tmp_path,
        '"ID","FIRSTNAME","LASTNAME","EMAIL"\n"0035e000000AbCdAAA","Akiko","Yoshida","desk7@meridia.com"\n',
        "id,first_name,last_name,email\n1,Akiko,Nakamura,desk7@meridia.com\n2,Akiko,Yoshida,desk7@meridia.com\n",
    )
    assert rows["1"]["decision"] == "key_contradicted"
    assert (rows["2"]["decision"], rows["2"]["crm_id"]) == ("matched", "0035e000000AbCdAAA")


# -- names of two people that look like a typo ------------------------------------------------------------


def test_a_mans_and_a_womans_form_of_a_name_are_two_names_not_a_slip():
    for man, woman in (
        ("simon", "simone"),
        ("daniel", "daniela"),
        ("jan", "jana"),
        ("christian", "christiane"),
        ("antonio", "antonia"),
        ("michel", "michele"),
        ("andreas", "andrea"),
    ):
        assert normalise_names.name_closeness(man, woman) == 0, (man, woman)
        assert not normalise_names.name_slip(man, woman)
    assert normalise_names.name_closeness("juana", "juan carlos") == 0
    # Typos, nicknames and parts of a name stay close.
    assert normalise_names.name_closeness("mueller", "muller") >= 0.9
    assert normalise_names.name_closeness("jhon", "john") >= 0.9
    assert normalise_names.name_closeness("garcia", "garcia lopez") >= 0.9


def test_compound_given_names_in_another_order_are_another_persons():
    assert normalise_names.name_match("jose maria", "maria jose") == ("different", 0.0)
    assert normalise_names.name_closeness("jose maria", "maria jose") == 0
    assert normalise_names.name_match("maria jose", "maria jose")[0] == "exact"


def test_a_home_phone_written_by_another_family_member_is_contradicted(db, tmp_path):
    rows = link(
        tmp_path,
        '"ID","FIRSTNAME","LASTNAME","PHONE","MAILINGCOUNTRY"\n'
        '"0035e000000AbCdAAA","Simon","Krüger","+49 30 1233350","Germany"\n',
        "id,first_name,last_name,phone,country\n1,Simone,Krüger,030 1233350,DE\n2,Simon,Krueger,030 1233350,DE\n",
    )
    assert rows["1"]["decision"] != "matched"
    assert (rows["2"]["decision"], rows["2"]["crm_id"]) == ("matched", "0035e000000AbCdAAA")


# -- spreadsheet artefacts ------------------------------------------------------------------------------------


def test_a_phone_whose_plus_a_spreadsheet_dropped_is_read_as_international():
    assert normalise_phones.phone("491712345678", "DE") == "+491712345678"
    assert normalise_phones.phone("491712345678", "US") == "+491712345678"
    assert normalise_phones.phone("33612345678", "FR") == "+33612345678"
    # National numbers keep their national reading; scientific notation lost its digits: no number.
    assert normalise_phones.phone("4155552671", "US") == "+14155552671"
    assert normalise_phones.phone("030 1234567", "DE") == "+49301234567"
    assert normalise_phones.phone("4.91712E+11", "DE") == ""


def test_a_date_a_spreadsheet_saved_as_its_serial_number_is_read():
    assert normalise_text.date("33451") == dt.date(1991, 8, 1)
    assert normalise_text.date("33451.0") == dt.date(1991, 8, 1)
    assert normalise_text.date("1234") is None and normalise_text.date("99999") is None


# -- Salesforce's own flags -------------------------------------------------------------------------------------


def test_a_data_loader_extract_reads_converted_leads_deletions_and_merges():
    extract = (
        '"ID","LASTNAME","ISDELETED","MASTERRECORDID","ISCONVERTED","CONVERTEDCONTACTID"\n'
        '"00Q1","Weber","false","","true","0031"\n'
        '"0032","Weber","true","0031","false",""\n'
        '"0033","Braun","true","","false",""\n'
        '"00Q4","Vogel","false","","false",""\n'
    )
    export = csv_io.MirrorFile(extract.splitlines(), object_name="Contact")
    records = {record["id"]: record for record in export}
    assert records["00Q1"]["merged_into"] == "0031" and not records["00Q1"]["deleted"]
    assert records["0032"]["merged_into"] == "0031" and records["0032"]["deleted"]
    assert records["0033"]["deleted"] and not records["0033"]["merged_into"]
    assert not records["00Q4"]["deleted"] and not records["00Q4"]["merged_into"]
    assert set(records["00Q4"]["values"]) == {"ID", "LastName"}  # the flags are no field values
    assert not export.unread


def test_a_converted_lead_beside_its_contact_links_the_contact(db, tmp_path):
    rows = link(
        tmp_path,
        '"ID","FIRSTNAME","LASTNAME","EMAIL","ISCONVERTED","CONVERTEDCONTACTID"\n'
        '"00Q5e000000AbCdAAA","Lena","Vogel","lena.vogel@acme.de","true","0035e000000AbCdAAA"\n'
        '"0035e000000AbCdAAA","Lena","Vogel","lena.vogel@acme.de","",""\n',
        "id,first_name,last_name,email\n1,Lena,Vogel,lena.vogel@acme.de\n",
    )
    assert (rows["1"]["decision"], rows["1"]["crm_id"]) == ("matched", "0035e000000AbCdAAA")


# -- a file a spreadsheet saved in its own code page ------------------------------------------------------------


def test_a_windows_1252_file_is_read_and_said_to_be_so(db, tmp_path, capsys):
    """Excel on Windows saves a plain "CSV" in Windows-1252: the command used to stop with a traceback."""
    (tmp_path / "in.csv").write_bytes(
        "id;first_name;last_name;email\n1;Jürgen;Müller;jm@web.de\n".encode("cp1252")
    )
    (tmp_path / "crm.csv").write_text('"ID","FIRSTNAME","LASTNAME"\n"0035e000000AbCdAAA","Jürgen","Müller"\n')
    out = tmp_path / "results.csv"
    call_command(
        "identity_link",
        str(tmp_path / "in.csv"),
        provider="salesforce",
        object_name="Contact",
        mirror_csv=str(tmp_path / "crm.csv"),
        out=str(out),
        progress=False,
    )
    assert "in.csv is not UTF-8: read as Windows-1252" in capsys.readouterr().err
    row = next(csv.DictReader(out.open(encoding="utf-8")))
    assert row["candidate_1"].startswith("0035e000000AbCdAAA")  # the names were read as written


def test_the_text_encoding_is_the_whole_files(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes(("a\n" + "x\n" * 300_000 + "Müller\n").encode("utf-8"))
    assert csv_io.text_encoding(path) == "utf-8-sig"
    path.write_bytes(("a\n" + "x\n" * 300_000 + "Müller\n").encode("cp1252"))  # the odd byte far down
    assert csv_io.text_encoding(path) == "cp1252"
    path.write_bytes(b"a\n\x81\x9d\n")  # no Windows-1252 character: Latin-1 reads any byte
    assert csv_io.text_encoding(path) == "latin-1"
    path.write_bytes("a\nMüller\n".encode("utf-16"))  # Excel's "Unicode text"
    assert csv_io.text_encoding(path) == "utf-16"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("id\nMüller\n".encode(), "utf-8-sig"),
        ("id\nMüller\n".encode("utf-8-sig"), "utf-8-sig"),
        ("id\nMüller\n".encode("utf-16"), "utf-16"),
        ("id\nMüller\n".encode("cp1252"), "cp1252"),
        (b"id\n\x81\x9d\n", "latin-1"),
    ],
)
def test_a_file_and_an_upload_are_decoded_alike(tmp_path, data, encoding):
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    assert csv_io.text_encoding(path) == encoding
    text, read_as = csv_io.decoded(data)
    assert read_as == encoding and text == path.read_text(encoding=encoding)


def test_a_utf_16_file_is_resolved_like_a_utf_8_one(db, tmp_path):
    rows = link(
        tmp_path,
        '"ID","FIRSTNAME","LASTNAME","EMAIL"\n"0035e000000AbCdAAA","Jürgen","Müller","jm@web.de"\n',
        "id,first_name,last_name,email\n1,Jürgen,Müller,jm@web.de\n",
        inbound_encoding="utf-16",
    )
    assert (rows["1"]["decision"], rows["1"]["crm_id"]) == ("matched", "0035e000000AbCdAAA")


def test_inbound_ids_a_spreadsheet_shortened_to_scientific_notation_are_warned_of(db, tmp_path, capsys):
    link(
        tmp_path,
        "Id,firstname,lastname,email\n45,Lena,Vogel,lv@acme.de\n46,Jo,Roe,jr@acme.de\n",
        "id,first_name,last_name,email\n1.23457E+11,Lena,Vogel,lv@acme.de\n2,Jo,Roe,jr@acme.de\n",
    )
    err = capsys.readouterr().err
    assert (
        "Warning: in.csv: 1 value(s) in the id column 'id' are in scientific notation, such as "
        "'1.23457E+11' (line(s) 2)" in err
    )
    assert err.count("cannot be trusted") == 1


def test_a_crm_export_whose_ids_a_spreadsheet_shortened_is_refused(db, tmp_path):
    """A link is written to the CRM id: to a shortened one (two records may now share it) it would go to
    an unknown record, so nothing is linked to such an export."""
    with pytest.raises(CommandError) as refused:
        link(
            tmp_path,
            "Id,firstname,lastname,email\n4.5E+11,Lena,Vogel,lv@acme.de\n4.5E+11,Jo,Roe,jr@acme.de\n",
            "id,first_name,last_name,email\n1,Lena,Vogel,lv@acme.de\n",
        )
    message = str(refused.value)
    assert "crm.csv: 2 value(s) in the id column 'Id'" in message and "(line(s) 2, 3)" in message
    assert "Nothing may be linked to them" in message
    assert not (tmp_path / "results.csv").exists() and not MirrorRecord.objects.exists()


def test_ids_that_only_look_numeric_are_not_warned_of(tmp_path):
    text = "id,crm_id,email\n0035e000000AbCdAAA,123456789012,a@b.io\n3e10,1E5,c@d.io\n"
    assert csv_io.read_through(io.StringIO(text), ("id", "crm_id")) == (2, [])


# -- Salesforce ids in their two lengths -------------------------------------------------------------------------


def test_a_salesforce_id_has_its_other_length():
    assert salesforce_ids.other_form("001D000000IqhSL") == "001D000000IqhSLIAZ"  # Salesforce's own example
    assert salesforce_ids.other_form("001D000000IqhSLIAZ") == "001D000000IqhSL"
    # Case matters in 15 characters: another capital is another record, and a wrong suffix is no id.
    assert salesforce_ids.other_form("001D000000IqhSl") == "001D000000IqhSlIAJ"
    assert salesforce_ids.other_form("001D000000IqhSLAAA") == ""
    assert salesforce_ids.other_form("12345") == salesforce_ids.other_form("") == ""


def test_a_report_id_finds_its_record_in_a_mirror_of_api_ids_and_back(db, tmp_path):
    rows = link(
        tmp_path,
        '"ID","FIRSTNAME","LASTNAME"\n"001D000000IqhSLIAZ","Lena","Vogel"\n"001D000000IqhSl","Lea","Vogt"\n',
        "id,crm_id,first_name\n1,001D000000IqhSL,Lena\n2,001D000000IqhSlIAJ,Lea\n3,001D000000IqhSM,Lena\n",
    )
    assert (rows["1"]["decision"], rows["1"]["crm_id"]) == ("matched", "001D000000IqhSLIAZ")
    assert (rows["2"]["decision"], rows["2"]["crm_id"]) == ("matched", "001D000000IqhSl")
    assert rows["3"]["decision"] != "matched"  # another record's id, in neither form in the mirror


# -- an initial and nothing personal ------------------------------------------------------------------------------


def _family_firm(mirror):
    weber = {"lastname": "Weber", "company": "Weber Bau GmbH", "city": "Dresden", "zip": "01067"}
    mirror(
        crm("t1", firstname="Thomas", email="thomas@weber-bau.de", birthdate="1961-03-02", **weber),
        *(
            crm(f"x{n}", firstname=f"Person{n}", lastname="Other", company=f"Firm {n}", city="Bonn")
            for n in range(20)
        ),
    )
    return {"last_name": "Weber", "company_name": "Weber Bau GmbH", "city": "Dresden", "postcode": "01067"}


def test_an_initial_with_nothing_personal_goes_to_review(enabled, mirror, resolve):
    """ "T. Weber" at the family firm, in Thomas Weber's city and postcode, is Tobias as often as Thomas."""
    inbound = _family_firm(mirror)
    [result] = resolve({"external_id": "w1", "first_name": "T.", "email": "tw1990@gmail.com", **inbound})
    assert not result.matched
    assert result.candidates[0]["crm_id"] == "t1" and "first_name" in result.candidates[0]["vetoed_by"]


def test_an_initial_with_the_date_of_birth_links(enabled, mirror, resolve):
    inbound = _family_firm(mirror)
    [result] = resolve({"external_id": "w2", "first_name": "T.", "date_of_birth": "02.03.1961", **inbound})
    assert result.matched and result.crm_id == "t1"
