"""Rules found by `benchmarks/identity_fifth.py`: a Pipedrive list-view export against event and webinar leads."""

import csv

import pytest
from django.core.management import CommandError, call_command

from identity_app.attributes import field_for_column, recognised_columns


def write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def results(path) -> dict[str, dict]:
    return {row["external_id"]: row for row in csv.DictReader(path.open(encoding="utf-8"))}


def test_the_related_organisations_name_column_is_the_company_not_the_persons_name():
    assert field_for_column("Organization - Name") == "company_name"
    assert field_for_column("Company - Name") == "company_name"
    assert field_for_column("Person - Name") == "Name"
    header = ["Person - ID", "Person - Name", "Person - Organization", "Organization - Name"]
    renamed = recognised_columns(header, keep=("Person - ID",))
    assert renamed["Person - Name"] == "Name"
    assert renamed["Person - Organization"] == "company_name"
    assert renamed["Organization - Name"] == "company"  # the company's name again, never a person's


PIPEDRIVE_PERSONS = [
    {
        "Person - ID": "11",
        "Person - Name": "Jana Horáková",
        "Person - Email - Work": "jana.horakova@velnix.cz",
        "Person - Phone - Mobile": "+420 601 123 456",
        "Person - Organization": "Velnix s.r.o.",
        "Organization - ID": "900",
        "Organization - Name": "Velnix s.r.o.",
    },
    {
        "Person - ID": "12",
        "Person - Name": "Pavel Novák",
        "Person - Email - Work": "pavel.novak@velnix.cz",
        "Person - Phone - Mobile": "",
        "Person - Organization": "Velnix s.r.o.",
        "Organization - ID": "900",
        "Organization - Name": "Velnix s.r.o.",
    },
]


def test_an_offline_run_reads_a_pipedrive_persons_export_by_its_labels(db, tmp_path, capsys):
    """ "Person - ID" is the id (not the related "Organization - ID"), "Person - Name" the name: the email key
    links the person whose name it is, and a successor on the mailbox is not linked."""
    crm = write_csv(tmp_path / "persons.csv", PIPEDRIVE_PERSONS)
    leads = write_csv(
        tmp_path / "leads.csv",
        [
            {"Lead ID": "a", "Full Name": "JANA HORAKOVA", "Email": "JANA.HORAKOVA@VELNIX.CZ"},
            {"Lead ID": "b", "Full Name": "Tomáš Dvořák", "Email": "pavel.novak@velnix.cz"},
        ],
    )
    out = tmp_path / "results.csv"
    call_command(
        "identity_link",
        str(leads),
        provider="pipedrive",
        object_name="persons",
        kind="people",
        mirror_csv=str(crm),
        external_id_column="Lead ID",
        out=str(out),
        progress=False,
    )
    found = results(out)
    assert (found["a"]["decision"], found["a"]["crm_id"], found["a"]["method"]) == ("matched", "11", "email")
    assert (found["b"]["decision"], found["b"]["crm_id"]) == ("key_contradicted", "")
    assert "(id column 'Person - ID')" in capsys.readouterr().out


def test_a_persons_export_with_only_the_organisations_id_is_refused_naming_its_columns(db, tmp_path):
    rows = [{k: v for k, v in row.items() if k != "Person - ID"} for row in PIPEDRIVE_PERSONS]
    crm = write_csv(tmp_path / "persons.csv", rows)
    leads = write_csv(tmp_path / "leads.csv", [{"external_id": "a", "Email": "jana.horakova@velnix.cz"}])
    with pytest.raises(CommandError) as raised:
        call_command(
            "identity_link",
            str(leads),
            provider="pipedrive",
            object_name="persons",
            kind="people",
            mirror_csv=str(crm),
            out=str(tmp_path / "r.csv"),
        )
    message = str(raised.value)
    assert "no id column that I recognise" in message and "Person - ID" in message
    assert "Its columns: Person - Name, Person - Email - Work" in message and "--id-column" in message


def test_an_organisations_export_is_read_by_its_pipedrive_labels(db, tmp_path):
    crm = write_csv(
        tmp_path / "organizations.csv",
        [
            {
                "Organization - ID": "7",
                "Organization - Name": "Brandt Logistik GmbH",
                "Organization - Website": "https://www.brandt-logistik.de/",
            },
            {
                "Organization - ID": "8",
                "Organization - Name": "Orlen Systemy Sp. z o.o.",
                "Organization - Website": "orlensys.pl",
            },
        ],
    )
    accounts = write_csv(
        tmp_path / "accounts.csv",
        [{"Record ID": "r1", "Company Name": "BRANDT LOGISTIK", "Website": "brandt-logistik.de"}],
    )
    out = tmp_path / "results.csv"
    call_command(
        "identity_link",
        str(accounts),
        provider="pipedrive",
        object_name="organizations",
        kind="organisations",
        mirror_csv=str(crm),
        external_id_column="Record ID",
        out=str(out),
        progress=False,
    )
    assert (results(out)["r1"]["decision"], results(out)["r1"]["crm_id"]) == ("matched", "7")
