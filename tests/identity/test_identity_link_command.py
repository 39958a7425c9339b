import csv

import pytest
from django.core.management import CommandError, call_command

from identity_app.models import MirrorRecord, ReviewItem


def write_csv(path, rows):
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_links_a_file_against_a_mirror_export(connection, tmp_path):
    mirror_csv = write_csv(
        tmp_path / "crm.csv",
        [
            {"id": "101", "email": "jane@acme.com", "firstname": "Jane", "lastname": "Doe", "deleted": ""},
            {"id": "202", "email": "info@acme.com", "firstname": "Ann", "lastname": "Lee", "deleted": ""},
            {"id": "303", "email": "info@acme.com", "firstname": "Bo", "lastname": "Kim", "deleted": ""},
        ],
    )
    external = write_csv(
        tmp_path / "ext.csv",
        [{"external_id": "a", "email": "JANE@acme.com"}, {"external_id": "b", "email": "info@acme.com"}],
    )
    out = tmp_path / "results.csv"
    call_command(
        "identity_link",
        str(external),
        connection=connection.name,
        object_name="contacts",
        mirror_csv=str(mirror_csv),
        source_system="erp",
        out=str(out),
    )
    assert MirrorRecord.objects.count() == 3
    rows = list(csv.DictReader(out.open()))
    assert (rows[0]["decision"], rows[0]["crm_id"], rows[0]["method"]) == ("matched", "101", "email")
    assert rows[1]["decision"] != "matched" and rows[1]["crm_id"] == ""


def test_review_items_need_a_flow(connection, tmp_path):
    external = write_csv(tmp_path / "ext.csv", [{"external_id": "a", "email": "x@y.io"}])
    with pytest.raises(CommandError):
        call_command(
            "identity_link",
            str(external),
            connection=connection.name,
            object_name="contacts",
            create_review_items=True,
            out=str(tmp_path / "r.csv"),
        )


def test_review_items_are_created_for_a_flow(flow, tmp_path):
    external = write_csv(tmp_path / "ext.csv", [{"external_id": "a", "email": "x@y.io"}])
    call_command(
        "identity_link",
        str(external),
        connection=str(flow.connection_id),
        object_name="contacts",
        flow=flow.name,
        create_review_items=True,
        out=str(tmp_path / "r.csv"),
    )
    assert ReviewItem.objects.get().reason == "no_match"
