"""`identity_link`, `identity_train` and the validation upload on files as data engineers hand them over: real
CRM export shapes (HubSpot's UI export, a Pipedrive API dump, a HubSpot deals export), rows that cannot be
resolved (kept in the results with their reason), files that contradict the asked kind, and runs that fail
or are stopped (no results file that looks complete, nothing left behind)."""

import csv
import json
import os
import signal
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from crmhub.models import CrmConnection
from identity_app import csv_io
from identity_app import resolver as resolver_module
from identity_app.forms import ValidationRunForm
from identity_app.management.commands import identity_link
from identity_app.models import MirrorRecord
from identity_app.resolver import Resolver

HUBSPOT = (
    "hs_object_id,firstname,lastname,email,phone,company,hs_additional_emails\n"
    "101,Anna,Müller,anna.mueller@acme.de,+49 30 1234567,Acme GmbH,anna@privat.de\n"
    "102,Bob,Smith,bob.smith@globex.com,(415) 555-0101,Globex Corp,\n"
    "103,Carla,Jones,carla@initech.io,,Initech,\n"
)


def run(tmp_path, inbound: str, mirror: str, *, command="identity_link", encoding="utf-8", **options):
    (tmp_path / "in.csv").write_bytes(inbound.encode(encoding))
    (tmp_path / "crm.csv").write_bytes(mirror.encode(encoding))
    options.setdefault("provider", "hubspot")
    options.setdefault("object_name", "contacts")
    if command == "identity_link":
        options.setdefault("out", str(tmp_path / "results.csv"))
    call_command(
        command, str(tmp_path / "in.csv"), mirror_csv=str(tmp_path / "crm.csv"), progress=False, **options
    )
    if command == "identity_link":
        return list(csv.DictReader((tmp_path / "results.csv").open(encoding="utf-8")))
    return None


def decisions(rows) -> list[tuple[str, str, str]]:
    return [(row["external_id"], row["decision"], row["crm_id"]) for row in rows]


# -- real export shapes -------------------------------------------------------------------------------------


def test_hubspots_ui_export_record_id_column_is_recognised_in_both_files(db, tmp_path):
    rows = run(
        tmp_path,
        "Record ID,First Name,Last Name,Email\nL1,Anna,Müller,anna.mueller@acme.de\n",
        "Record ID,First Name,Last Name,Email,Phone Number\n201,Anna,Müller,anna.mueller@acme.de,\n",
    )
    assert decisions(rows) == [("L1", "matched", "201")]


def _pipedrive_cell(values: list[tuple[str, str]], dump) -> str:
    """A Pipedrive API value list as an export script writes it into a CSV cell (quoted for the CSV)."""
    cell = dump(
        [
            {"label": label, "value": value, "primary": not index}
            for index, (label, value) in enumerate(values)
        ]
    )
    return '"' + cell.replace('"', '""') + '"'


@pytest.mark.parametrize("dump", [json.dumps, repr], ids=["json", "python"])
def test_a_pipedrive_api_dump_with_list_cells_is_read_as_its_values(db, tmp_path, dump):
    emails = _pipedrive_cell([("work", "anna.mueller@acme.de"), ("home", "anna@privat.de")], dump)
    phones = _pipedrive_cell([("work", "+49 30 1234567"), ("mobile", "+49 171 7654321")], dump)
    rows = run(
        tmp_path,
        "external_id,name,email,phone\nP1,Anna Mueller,anna@privat.de,\nP2,Anna Müller,,+49 171 7654321\n",
        f"id,name,email,phone,org_id\n1,Anna Müller,{emails},{phones},11\n2,Bob Smith,bob@globex.com,,12\n",
        provider="pipedrive",
        object_name="persons",
    )
    assert decisions(rows) == [("P1", "matched", "1"), ("P2", "matched", "1")]


def test_a_cell_that_only_starts_like_a_list_stays_as_written():
    assert csv_io.structured("[Draft] Acme") == "[Draft] Acme"
    assert csv_io.structured("[1, 2]") == "[1, 2]"
    assert csv_io.structured('{"value": "a@b.io"}') == {"value": "a@b.io"}


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252"])
def test_identity_train_reads_the_files_identity_link_reads(db, tmp_path, capsys, encoding):
    inbound = "external_id\tfirst_name\tlast_name\temail\nL1\tAnna\tMüller\tanna.mueller@acme.de\n"
    with pytest.raises(CommandError, match="Too little to fit on"):
        run(tmp_path, inbound, HUBSPOT.replace(",", "\t"), command="identity_train", encoding=encoding)
    assert "Model refused" in capsys.readouterr().out


INDIAN_CRM = (
    "hs_object_id,firstname,lastname,phone\n501,Priya,Raghavan,98450 12345\n502,Arjun,Mehta,99001 23456\n"
)
INDIAN_ENQUIRY = "external_id,first_name,last_name,phone\nE1,Priya,Raghavan,+91 98450 12345\n"


def test_region_reads_the_numbers_a_crm_export_writes_without_a_country(db, tmp_path):
    """An Indian team's CRM holds mobiles as ten digits; read as the default US numbers they never meet the
    enquiry's +91 number. `--region IN` says which country they are written in."""
    assert decisions(run(tmp_path, INDIAN_ENQUIRY, INDIAN_CRM)) != [("E1", "matched", "501")]
    assert decisions(run(tmp_path, INDIAN_ENQUIRY, INDIAN_CRM, region="in")) == [("E1", "matched", "501")]


def test_region_must_be_a_country_with_a_numbering_plan_and_is_for_offline_runs(db, tmp_path):
    with pytest.raises(CommandError, match="not a country code"):
        run(tmp_path, INDIAN_ENQUIRY, INDIAN_CRM, region="India")
    CrmConnection.objects.create(name="acme", provider="hubspot", base_url="https://acme.invalid")
    (tmp_path / "in.csv").write_text(INDIAN_ENQUIRY)
    for command, extra in (("identity_link", {"out": str(tmp_path / "r.csv")}), ("identity_train", {})):
        with pytest.raises(CommandError, match="--region is for offline runs"):
            call_command(
                command,
                str(tmp_path / "in.csv"),
                connection="acme",
                object_name="contacts",
                region="IN",
                **extra,
            )


# -- rows that are not resolved -------------------------------------------------------------------------------


def test_rows_not_resolved_are_in_the_results_with_their_reason_where_they_stood(db, tmp_path, capsys):
    inbound = (
        "external_id,first_name,last_name,email\n"
        ",Nobody,Here,carla@initech.io\n"  # no id: its result could not be told from another's
        "L1,Anna,Müller,anna.mueller@acme.de\n"
        "L2,Bob,Smith,bob.smith@globex.com\n"
        "L2,Carla,Jones,carla@initech.io\n"  # one id, two people: which is L2?
        "L3,Acme, Inc,carla@initech.io,x\n"  # an unquoted comma shifted the columns
        "L4,Anna,Müller,anna@privat.de\n"
        "L4,Anna,Müller,anna@privat.de\n"  # the same row twice: the first is resolved
    )
    rows = run(tmp_path, inbound, HUBSPOT, batch_size=1)
    assert decisions(rows) == [
        ("", "rejected", ""),
        ("L1", "matched", "101"),
        ("L2", "rejected", ""),
        ("L2", "rejected", ""),
        ("L3", "rejected", ""),
        ("L4", "matched", "101"),
        ("L4", "rejected", ""),
    ]
    notes = [row["notes"] for row in rows]
    assert notes[0].startswith("Line 2 not resolved: no id in its 'external_id' column")
    assert "the id 'L2' is on 2 rows with different values" in notes[2] and notes[3].startswith("Line 5")
    assert "5 cells under a header of 4 columns" in notes[4]
    assert notes[6] == "Line 8 not resolved: the id 'L4' repeats an earlier row with the same values."
    err = capsys.readouterr().err
    assert "5 row(s) not resolved (lines 2, 4, 5, 6, 8)" in err and "decision 'rejected'" in err


def test_one_id_from_two_source_systems_names_two_records(db, tmp_path):
    inbound = (
        "source_system,external_id,email\nerp,7,anna.mueller@acme.de\nweb,7,bob.smith@globex.com\n"
        "web,7,carla@initech.io\n"
    )
    rows = run(tmp_path, inbound, HUBSPOT)
    assert [
        (row["source_system"], *decision) for row, decision in zip(rows, decisions(rows), strict=True)
    ] == [
        ("erp", "7", "matched", "101"),
        ("web", "7", "rejected", ""),
        ("web", "7", "rejected", ""),
    ]


def test_a_crm_export_row_with_shifted_columns_is_skipped_and_reported(db, tmp_path, capsys):
    mirror = HUBSPOT + "104,Dan,Ng,dan@acme.de,,Acme, Inc,dan.ng@acme.de\n"  # "Acme, Inc" unquoted
    rows = run(tmp_path, "external_id,email\nL1,dan@acme.de\nL2,carla@initech.io\n", mirror)
    assert decisions(rows) == [("L1", "no_match", ""), ("L2", "matched", "103")]
    assert "1 row(s) with more cells than the header" in capsys.readouterr().err


def test_a_crm_id_on_several_rows_is_reported(db, tmp_path, capsys):
    mirror = HUBSPOT + "102,Bob,Smith,bob@home.net,,Globex Corp,\n"
    rows = run(tmp_path, "external_id,email\nL1,bob@home.net\n", mirror)
    assert decisions(rows) == [("L1", "matched", "102")]
    err = capsys.readouterr().err
    assert "1 id(s) in the column 'hs_object_id' are on several rows ('102')" in err
    assert "the last row of each is read" in err


@pytest.mark.parametrize(
    ("inbound", "mirror", "message"),
    [
        ("", HUBSPOT, "The inbound file is empty: it has no header row"),
        ("external_id,email\n", HUBSPOT, "in.csv has a header but no rows: nothing to link."),
        ("external_id,email\nL1,a@b.io\n", "", "The CRM export is empty"),
        ("external_id,email\nL1,a@b.io\n", "hs_object_id,email\n", "crm.csv has a header but no rows"),
    ],
    ids=["empty inbound", "header-only inbound", "empty export", "header-only export"],
)
def test_empty_and_header_only_files_are_refused_in_words(db, tmp_path, inbound, mirror, message):
    with pytest.raises(CommandError, match=message):
        run(tmp_path, inbound, mirror)
    assert not (tmp_path / "results.csv").exists()


# -- the kind against the columns ------------------------------------------------------------------------------

ACCOUNTS = "Id,Name,Website,Phone,BillingCity\n0015g00000Aaaa1AAA,Acme GmbH,acme.de,,Berlin\n"


@pytest.mark.parametrize(
    ("inbound", "mirror", "options", "message"),
    [
        (
            "external_id,company,website\nC1,Acme,acme.de\n",
            ACCOUNTS,
            {"provider": "salesforce", "object_name": "Account", "kind": "person"},
            "in.csv: --kind person compares people, but the file has no name or email column",
        ),
        (
            "external_id,first_name,last_name,company\nL1,Zara,Miller,Acme GmbH\n",
            HUBSPOT,
            {"kind": "organisation"},
            "the CRM export has first and last names: its records are people",
        ),
        (
            "external_id,email\nL1,anna.mueller@acme.de\n",
            HUBSPOT,
            {"kind": "deals"},
            "has no crm_id column, and no --crm-external-id-field",
        ),
    ],
    ids=["person on companies", "organisation on contacts", "deal without ids"],
)
def test_a_kind_the_columns_contradict_is_refused(db, tmp_path, inbound, mirror, options, message):
    with pytest.raises(CommandError, match=message):
        run(tmp_path, inbound, mirror, **options)


def test_a_deals_export_with_no_person_or_company_columns_links_by_ids(db, tmp_path):
    deals = (
        "hs_object_id,dealname,amount,dealstage,closedate,erp_ref\n"
        "9001,Acme renewal,12000,closedwon,2025-01-01,ERP-1\n"
        "9002,Globex upsell,5000,appointmentscheduled,2025-02-01,ERP-2\n"
    )
    inbound = "external_id,deal name,amount,crm_id\nERP-1,Acme renewal,12000,\nERP-2,,,9002\nERP-3,Other,1,\n"
    rows = run(tmp_path, inbound, deals, object_name="deals", crm_external_id_field="erp_ref")
    assert decisions(rows) == [
        ("ERP-1", "matched", "9001"),
        ("ERP-2", "matched", "9002"),
        ("ERP-3", "no_match", ""),
    ]
    with pytest.raises(CommandError, match=r"has no column 'erp_id' .*Its columns: hs_object_id, dealname"):
        run(tmp_path, inbound, deals, object_name="deals", crm_external_id_field="erp_id")


# -- runs that fail or are stopped ------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["missing directory", "a directory"])
def test_an_unwritable_results_path_is_refused_before_anything_is_loaded(db, tmp_path, where):
    out = tmp_path / "nowhere" / "results.csv" if where == "missing directory" else tmp_path
    with pytest.raises(CommandError, match="--out"):
        run(tmp_path, "external_id,email\nL1,a@b.io\n", HUBSPOT, out=str(out))
    assert not MirrorRecord.objects.exists() and not CrmConnection.objects.exists()


@pytest.mark.parametrize("which", ["in.csv", "crm.csv"])
def test_results_never_replace_an_input_file(db, tmp_path, which):
    with pytest.raises(CommandError, match="is one of the input files"):
        run(tmp_path, "external_id,email\nL1,a@b.io\n", HUBSPOT, out=str(tmp_path / "." / which))
    assert (tmp_path / "in.csv").read_text() == "external_id,email\nL1,a@b.io\n"
    assert (tmp_path / "crm.csv").read_text() == HUBSPOT


def test_a_run_stopped_midway_leaves_the_previous_results_and_nothing_else(db, tmp_path, monkeypatch):
    out = tmp_path / "results.csv"
    out.write_text("the previous run's results\n")
    resolved = []

    def stopped(self, records, **kwargs):
        if resolved:
            raise KeyboardInterrupt  # Ctrl-C during the second batch
        resolved.append(len(records))
        return original(self, records, **kwargs)

    original = Resolver.resolve_batch
    monkeypatch.setattr(Resolver, "resolve_batch", stopped)
    inbound = "external_id,email\n" + "".join(f"L{i},x{i}@b.io\n" for i in range(5))
    with pytest.raises(CommandError, match="Interrupted: nothing was written") as stop:
        run(tmp_path, inbound, HUBSPOT, batch_size=2)
    assert stop.value.returncode == 130 and resolved == [2]
    assert out.read_text() == "the previous run's results\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["crm.csv", "in.csv", "results.csv"]
    assert not CrmConnection.objects.exists()


def test_sigterm_stops_a_run_as_ctrl_c_does():
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(KeyboardInterrupt), identity_link.interrupted_as_keyboard_interrupt():
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # interrupted by the handler
    assert signal.getsignal(signal.SIGTERM) is before


def test_a_worker_forked_during_a_run_still_ends_on_sigterm():
    """The pool stops its workers with SIGTERM: a worker that raised KeyboardInterrupt instead (the handler
    it inherited) could stop holding the pool's lock, and the run would hang at its end."""
    read, write = os.pipe()
    with identity_link.interrupted_as_keyboard_interrupt():
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            try:
                os.write(write, b"1")
                time.sleep(30)
            except BaseException:
                os._exit(3)
            os._exit(0)
        os.read(read, 1)
        os.kill(pid, signal.SIGTERM)
        _, status = os.waitpid(pid, 0)
    os.close(read)
    os.close(write)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM


def test_a_database_never_migrated_is_refused_in_words(db, tmp_path, monkeypatch):
    from django.db import connection

    monkeypatch.setattr(connection.introspection, "table_names", lambda *args, **kwargs: [])
    with pytest.raises(CommandError, match=r"run `python manage.py migrate` once first"):
        run(tmp_path, "external_id,email\nL1,a@b.io\n", HUBSPOT)


@pytest.mark.parametrize("train", [False, True])
def test_a_file_read_once_is_not_remembered_record_by_record(db, tmp_path, monkeypatch, train):
    """The inbound memo pays only when the file is read again (a keys pass, a fit): otherwise it would grow
    with the file, and a long file's memory would not stay flat."""
    seen = []
    original = Resolver.resolve_batch

    def spy(self, records, **kwargs):
        seen.append(resolver_module.INBOUNDS.enabled)
        return original(self, records, **kwargs)

    monkeypatch.setattr(Resolver, "resolve_batch", spy)
    inbound = "external_id,email\n" + "".join(f"L{i},x{i}@b.io\n" for i in range(8))  # more than the export
    run(tmp_path, inbound, HUBSPOT, train=train)
    assert seen and all(enabled == train for enabled in seen)


# -- the validation upload reads the same files the same way ------------------------------------------------


def _upload(flow, text: str) -> ValidationRunForm:
    return ValidationRunForm(
        {"flow": flow.pk, "sample_size": 10},
        {"csv_file": SimpleUploadedFile("in.csv", text.encode(), content_type="text/csv")},
    )


def test_the_upload_leaves_out_the_rows_the_command_rejects_and_says_why(flow):
    form = _upload(
        flow,
        "Record ID,Email\n,a@b.io\nL1,anna.mueller@acme.de\nL2,a@b.io\nL2,c@d.io\nL3,x,y\n",
    )
    assert form.is_valid(), form.errors
    assert [record["external_id"] for record in form.inbound_file()] == ["L1"]
    warning = form.warnings[-1]
    assert warning.startswith("in.csv: 4 row(s) not resolved (lines 2, 4, 5, 6), left out of the run")
    assert (
        "line 2: no id" in warning and "'L2' is on 2 rows" in warning and "3 cells under a header" in warning
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("external_id,email\n", "header but no rows"),
        ("external_id,email\n,a@b.io\n", "No row of the file can be resolved (line 2: no id"),
    ],
)
def test_the_upload_refuses_a_file_with_nothing_to_resolve(flow, text, message):
    form = _upload(flow, text)
    assert not form.is_valid()
    assert message in str(form.errors["csv_file"])
