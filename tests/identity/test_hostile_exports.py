"""`identity_link`, `identity_train` and the validation upload on files nobody on the project wrote: what a
data engineer exports from Excel, SQL Server or a CRM, and what a careless or hostile user hands over as "the
CSV". Each is read as the plain file would be, or refused naming the file, the line and what to do; never a
traceback, never a results file."""

import contextlib
import csv
import io
import json
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from identity_app import csv_io
from identity_app.forms import ValidationRunForm
from identity_app.models import MirrorRecord

CRM = (
    "Id,FirstName,LastName,Email\r\n"
    "003000000000001AAA,Anna,Müller,anna.mueller@acme.de\r\n"
    "003000000000001aaa,Bob,Smith,bob.smith@globex.com\r\n"
    "003000000000002AAA,Zoë,Núñez,zoe.nunez@initech.io\r\n"
)
INBOUND = (
    "external_id,first_name,last_name,email\r\n"
    "0001,Anna,Müller,anna.mueller@acme.de\r\n"
    "0002,Bob,Smith,bob.smith@globex.com\r\n"
    "0003,Zoë,Núñez,zoe.nunez@initech.io\r\n"
)
EXPECTED = [
    ("0001", "matched", "003000000000001AAA"),
    ("0002", "matched", "003000000000001aaa"),
    ("0003", "matched", "003000000000002AAA"),
]


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as workbook:
        workbook.writestr("[Content_Types].xml", "<Types/>")
        workbook.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


def run(tmp_path, inbound: bytes | str, mirror: bytes | str = CRM, command="identity_link", **options):
    for name, data in (("in.csv", inbound), ("crm.csv", mirror)):
        (tmp_path / name).write_bytes(data.encode() if isinstance(data, str) else data)
    if command == "identity_link":
        options.setdefault("out", str(tmp_path / "results.csv"))
    call_command(
        command,
        str(tmp_path / "in.csv"),
        mirror_csv=str(tmp_path / "crm.csv"),
        provider="salesforce",
        object_name="contacts",
        kind="person",
        progress=False,
        **options,
    )
    if command == "identity_link":
        with (tmp_path / "results.csv").open(encoding="utf-8", newline="") as results:
            return [(row["external_id"], row["decision"], row["crm_id"]) for row in csv.DictReader(results)]
    return None


def upload(flow, data: bytes) -> ValidationRunForm:
    return ValidationRunForm(
        {"flow": flow.pk, "sample_size": 10},
        {"csv_file": SimpleUploadedFile("leads.csv", data, content_type="text/csv")},
    )


NOT_CSV = [
    pytest.param(_xlsx(), "ZIP archive (an Excel .xlsx workbook", id="xlsx"),
    pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "Excel 97-2003 workbook", id="xls"),
    pytest.param(json.dumps([{"external_id": "1", "email": "a@b.io"}]).encode(), "JSON", id="json"),
    pytest.param(b'{"external_id": "1"}\n{"external_id": "2"}\n', "JSON", id="json lines"),
    pytest.param(b"<html><table><tr><td>external_id</td></tr></table></html>", "HTML or XML", id="html"),
    pytest.param(bytes(range(1, 256)) * 12, "binary data", id="binary"),
]


@pytest.mark.parametrize(("data", "named"), NOT_CSV)
@pytest.mark.parametrize("which", ["in.csv", "crm.csv"])
def test_a_file_that_is_not_csv_is_refused_for_what_it_is(db, tmp_path, data, named, which):
    files = {"inbound": INBOUND, "mirror": CRM, ("inbound" if which == "in.csv" else "mirror"): data}
    with pytest.raises(CommandError, match=rf"{which}: this is .*{re.escape(named)}.*not a CSV file"):
        run(tmp_path, **files)
    assert not (tmp_path / "results.csv").exists()
    assert MirrorRecord.objects.count() == 0


@pytest.mark.parametrize(("data", "named"), NOT_CSV)
def test_the_upload_refuses_a_file_that_is_not_csv_for_what_it_is(flow, data, named):
    form = upload(flow, data)
    assert not form.is_valid()
    assert named in str(form.errors["csv_file"]) and "not a CSV file" in str(form.errors["csv_file"])


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf_16_without_a_byte_order_mark_is_read_as_utf_16(db, tmp_path, encoding):
    # SQL Server's bcp -w and PowerShell 5's Out-File write UTF-16 without the mark Excel puts first.
    tabbed = INBOUND.replace(",", "\t")
    assert run(tmp_path, tabbed.encode(encoding), CRM.replace(",", "\t").encode(encoding)) == EXPECTED
    assert csv_io.decoded(tabbed.encode(encoding)) == (tabbed, encoding)


def test_blank_lines_before_the_header_are_passed_over_and_lines_keep_their_numbers(db, tmp_path, capsys):
    inbound = "\r\n,,,\r\n" + INBOUND + "0004,Carl,Jones\r\n,Dan,Nobody,dan@nobody.io\r\n"
    rows = run(tmp_path, inbound, "\r\n" + CRM)
    assert rows[:3] == EXPECTED
    assert "lines 8" in capsys.readouterr().err  # the row without an id, counted from the file's first line


def test_excels_sep_line_names_the_delimiter(db, tmp_path):
    assert (
        run(tmp_path, "sep=;\r\n" + INBOUND.replace(",", ";"), "sep=|\r\n" + CRM.replace(",", "|"))
        == EXPECTED
    )


def test_a_semicolon_header_with_a_comma_in_a_column_name_is_split_on_semicolons(db, tmp_path):
    inbound = INBOUND.replace(",", ";").replace("email", '"Email, work"')
    assert run(tmp_path, inbound) == EXPECTED


def test_a_quote_never_closed_is_refused_naming_its_line_not_read_as_one_cell(db, tmp_path):
    # A stray quote at the start of a cell made the csv module read the rest of the file as that cell: the
    # rows after it vanished and the swallowed emails made a key conflict of the row.
    inbound = INBOUND.replace("0002,Bob", '0002,"Bob')
    with pytest.raises(CommandError, match=r"in.csv: line 3: a quote opens a cell and is never closed"):
        run(tmp_path, inbound)
    with pytest.raises(CommandError, match=r"crm.csv: line 2: a quote opens a cell and is never closed"):
        run(tmp_path, INBOUND, CRM.replace(",Anna", ',"Anna'))
    assert not (tmp_path / "results.csv").exists()


def test_a_quoted_cell_over_several_lines_is_still_one_cell(db, tmp_path):
    inbound = INBOUND.replace("0003,Zoë,", '0003,"Zoë\r\n",').replace("0001,Anna", '0001,"Anna"')
    assert run(tmp_path, inbound) == EXPECTED


def test_the_upload_refuses_a_quote_never_closed(flow):
    form = upload(flow, INBOUND.replace("0002,Bob", '0002,"Bob').encode())
    assert not form.is_valid()
    assert "line 3: a quote opens a cell and is never closed" in str(form.errors["csv_file"])


def test_identity_train_refuses_what_identity_link_refuses(db, tmp_path):
    with pytest.raises(CommandError, match=r"in.csv: this is a ZIP archive"):
        run(tmp_path, _xlsx(), command="identity_train")


def test_a_file_without_a_header_row_is_refused_as_such(db, tmp_path):
    with pytest.raises(
        CommandError, match=r"in.csv: The inbound file has no header row: its first row holds"
    ):
        run(tmp_path, INBOUND.split("\r\n", 1)[1])


def test_the_id_column_named_by_option_is_found_with_stray_spaces_and_another_case(db, tmp_path):
    inbound = INBOUND.replace("external_id,", " External_ID ,")
    assert run(tmp_path, inbound, external_id_column="external_id") == EXPECTED


def test_a_refusal_written_to_stderr_carries_no_raw_email(db, tmp_path, capsys):
    from identity_app.management.commands.identity_link import Command

    (tmp_path / "in.csv").write_text(INBOUND.split("\r\n", 1)[1], encoding="utf-8")  # no header: a row
    (tmp_path / "crm.csv").write_text(CRM, encoding="utf-8")
    argv = ["manage.py", "identity_link", str(tmp_path / "in.csv"), "--mirror-csv", str(tmp_path / "crm.csv")]
    argv += ["--provider", "salesforce", "--object", "contacts", "--out", str(tmp_path / "out.csv")]
    with pytest.raises(SystemExit):
        Command().run_from_argv(argv)
    err = capsys.readouterr().err
    assert "has no header row" in err and "a***@acme.de" in err
    assert "anna.mueller@acme.de" not in err


@pytest.mark.parametrize("command", ["identity_link", "identity_train"])
def test_warnings_about_the_files_rows_carry_no_raw_email(db, tmp_path, command):
    # Some systems key their records by email: repeated ids are named in the warnings.
    mirror = CRM.replace("003000000000001aaa,", "anna.mueller@acme.de,").replace(
        "003000000000002AAA,", "anna.mueller@acme.de,"
    )
    err = io.StringIO()
    with pytest.raises(CommandError) if command == "identity_train" else contextlib.nullcontext():
        run(tmp_path, INBOUND, mirror, command=command, stderr=err)  # a fit on three records is refused
    assert "on several rows" in err.getvalue() and "a***@acme.de" in err.getvalue()
    assert "anna.mueller@acme.de" not in err.getvalue()


# A UTF-8 export with one row pasted from a Windows-1252 file: on main the whole file was read as
# Windows-1252, every accented name became mojibake ("ZoÃ«") and a right email match turned into
# key_contradicted.
DAMAGED_ROW = b"0004,Den\xe9,Bad,dene@bad.io\r\n"


def test_a_utf_8_file_with_a_few_bytes_that_are_not_is_read_as_utf_8_and_those_rows_rejected(
    db, tmp_path, capsys
):
    rows = run(tmp_path, INBOUND.encode() + DAMAGED_ROW)
    assert rows[:3] == EXPECTED
    assert rows[3] == ("0004", csv_io.REJECTED, "")
    err = capsys.readouterr().err
    assert "is UTF-8 but for a few bytes that are not" in err and "lines 5" in err


def test_a_crm_export_row_with_bytes_that_are_not_utf_8_is_skipped_and_reported(db, tmp_path, capsys):
    mirror = CRM.encode() + b"003000000000009AAA,Den\xe9,Bad,dene@bad.io\r\n"
    assert run(tmp_path, INBOUND, mirror) == EXPECTED
    assert "1 row(s) with bytes that are not UTF-8" in capsys.readouterr().err


def test_an_undecodable_id_is_written_to_the_results_as_a_replacement_character(db, tmp_path):
    rows = run(tmp_path, INBOUND.encode() + b"00\xff5,Dene,Bad,dene@bad.io\r\n")
    assert rows[3] == ("00\ufffd5", csv_io.REJECTED, "")


def test_a_windows_1252_file_is_still_read_as_windows_1252(db, tmp_path):
    assert run(tmp_path, INBOUND.encode("cp1252"), CRM.encode("cp1252")) == EXPECTED


def test_the_upload_leaves_out_a_row_with_bytes_that_are_not_utf_8(flow):
    form = upload(flow, INBOUND.encode() + DAMAGED_ROW)
    assert form.is_valid(), form.errors
    assert any("line 5: it holds bytes that are not UTF-8" in warning for warning in form.warnings)
    assert [record["external_id"] for record in form.inbound_file()] == ["0001", "0002", "0003"]


@pytest.mark.parametrize("first", ["[Deal] Title", "{Owner}", "<No.>"])
def test_a_header_whose_first_column_starts_like_json_or_markup_is_still_csv(db, tmp_path, first):
    inbound = "\r\n".join(
        f"{'' if n else first},{line}" for n, line in enumerate(INBOUND.split("\r\n")) if line
    )
    assert run(tmp_path, inbound + "\r\n") == EXPECTED


@pytest.mark.skipif(
    not csv_io.__file__.endswith(".py"),
    reason="`make compiled`'s csv_io calls the C hash directly, where patching builtins.hash cannot see it",
)
def test_a_crm_export_s_repeated_ids_are_counted_without_hashing_every_row(monkeypatch):
    """A CRM export's last row of an id wins whatever the earlier ones held, so its rows are not compared
    (hashing each was a third of reading the file through); an inbound file's still are."""
    text = "id,email\n1,a@acme.de\n2,b@acme.de\n1,c@acme.de\n"
    export = csv_io.RepeatedIds("id", compare_rows=False)
    inbound = csv_io.RepeatedIds("id")
    hashed = []
    real_hash = hash
    monkeypatch.setattr("builtins.hash", lambda value: hashed.append(value) or real_hash(value))
    csv_io.read_through(io.StringIO(text), ("id",), export)
    assert export.repeated == {("", "1"): [2, False]} and not hashed
    csv_io.read_through(io.StringIO(text), ("id",), inbound)
    assert inbound.repeated == {("", "1"): [2, True]} and len(hashed) == 3
