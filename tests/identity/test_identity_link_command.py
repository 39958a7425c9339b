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


def test_review_items_from_a_file_carry_each_candidates_explanation_and_vetoes(flow, tmp_path):
    mirror_csv = write_csv(
        tmp_path / "crm.csv",
        [
            {
                "id": "101",
                "email": "jane@acme.com",
                "firstname": "Jane",
                "lastname": "Doe",
                "company": "Acme",
            },
            {"id": "102", "email": "jd@acme.com", "firstname": "Jane", "lastname": "Doe", "company": "Acme"},
        ],
    )
    external = write_csv(
        tmp_path / "ext.csv",
        [{"external_id": "a", "email": "", "firstname": "Jane", "lastname": "Doe", "company": "Acme"}],
    )
    call_command(
        "identity_link",
        str(external),
        connection=str(flow.connection_id),
        object_name="contacts",
        flow=flow.name,
        mirror_csv=str(mirror_csv),
        create_review_items=True,
        out=str(tmp_path / "r.csv"),
    )
    item = ReviewItem.objects.get()
    assert {c["crm_id"] for c in item.candidates} == {"101", "102"}
    for candidate in item.candidates:
        assert isinstance(candidate["vetoed_by"], list)
        assert candidate["contributions"], "a reviewer sees why each candidate scored as it did"


# -- issue 13: the batch CLI as a data engineer uses it ---------------------------------------------------------

CRM_ROWS = [
    {
        "contact_id": "101",
        "firstname": "Jane",
        "lastname": "Doe",
        "email": "jane@acme.com",
        "company": "Acme",
    },
    {
        "contact_id": "102",
        "firstname": "Raj",
        "lastname": "Patel",
        "email": "raj@acme.com",
        "company": "Acme",
    },
    {
        "contact_id": "103",
        "firstname": "Li",
        "lastname": "Wong",
        "email": "li@globex.com",
        "company": "Globex",
    },
]


def test_a_mirror_file_without_a_recognisable_id_column_is_refused_naming_its_columns(connection, tmp_path):
    mirror_csv = write_csv(tmp_path / "crm.csv", [{"ref": "1", "email": "jane@acme.com"}])
    external = write_csv(tmp_path / "ext.csv", [{"external_id": "a", "email": "jane@acme.com"}])
    with pytest.raises(CommandError) as raised:
        call_command(
            "identity_link",
            str(external),
            connection=connection.name,
            object_name="contacts",
            mirror_csv=str(mirror_csv),
            out=str(tmp_path / "r.csv"),
        )
    message = str(raised.value)
    assert "no id column that I recognise" in message and "Its columns: ref, email." in message
    assert "--id-column" in message
    assert not MirrorRecord.objects.exists() and not (tmp_path / "r.csv").exists()


def test_an_inbound_file_without_an_id_column_is_refused_before_anything_is_loaded(connection, tmp_path):
    mirror_csv = write_csv(tmp_path / "crm.csv", CRM_ROWS)
    external = write_csv(tmp_path / "ext.csv", [{"mail": "jane@acme.com", "name": "Jane"}])
    with pytest.raises(
        CommandError, match=r"Its columns: mail, name\. Name its id column with --external-id-column"
    ):
        call_command(
            "identity_link",
            str(external),
            connection=connection.name,
            object_name="contacts",
            mirror_csv=str(mirror_csv),
            out=str(tmp_path / "r.csv"),
        )
    assert not MirrorRecord.objects.exists()


@pytest.mark.parametrize(
    ("column", "object_name"),
    [("contact_id", "contacts"), ("Id", "Contact"), ("hs_object_id", "contacts"), ("record_id", "persons")],
)
def test_common_crm_id_columns_are_recognised(connection, tmp_path, column, object_name):
    rows = [
        {column: row["contact_id"], **{k: v for k, v in row.items() if k != "contact_id"}} for row in CRM_ROWS
    ]
    mirror_csv = write_csv(tmp_path / "crm.csv", rows)
    external = write_csv(tmp_path / "ext.csv", [{"external_id": "a", "email": "raj@acme.com"}])
    out = tmp_path / "r.csv"
    call_command(
        "identity_link",
        str(external),
        connection=connection.name,
        object_name=object_name,
        mirror_csv=str(mirror_csv),
        out=str(out),
        progress=False,
    )
    assert sorted(MirrorRecord.objects.values_list("crm_id", flat=True)) == ["101", "102", "103"]
    assert next(csv.DictReader(out.open()))["crm_id"] == "102"


def test_an_explicit_id_column_is_used_and_rows_without_an_id_are_reported(connection, tmp_path, capsys):
    rows = [{"ref": "7", "email": "jane@acme.com"}, {"ref": "", "email": "nobody@acme.com"}]
    mirror_csv = write_csv(tmp_path / "crm.csv", rows)
    external = write_csv(tmp_path / "ext.csv", [{"external_id": "a", "email": "jane@acme.com"}])
    call_command(
        "identity_link",
        str(external),
        connection=connection.name,
        object_name="contacts",
        mirror_csv=str(mirror_csv),
        id_column="ref",
        out=str(tmp_path / "r.csv"),
        progress=False,
    )
    assert list(MirrorRecord.objects.values_list("crm_id", flat=True)) == ["7"]
    assert "1 row(s) without an id skipped (lines 3)" in capsys.readouterr().err


def test_an_offline_run_needs_no_connection_and_leaves_nothing_behind(db, tmp_path, capsys):
    from crmhub.models import CrmConnection
    from mappings_app.models import Flow

    mirror_csv = write_csv(tmp_path / "crm.csv", CRM_ROWS)
    inbound = [{"external_id": f"x{i}", "email": row["email"]} for i, row in enumerate(CRM_ROWS)]
    inbound.append({"external_id": "x9", "email": "who@else.io"})
    external = write_csv(tmp_path / "ext.csv", inbound)
    out = tmp_path / "results.csv"
    call_command(
        "identity_link",
        str(external),
        provider="hubspot",
        object_name="contacts",
        kind="person",
        mirror_csv=str(mirror_csv),
        out=str(out),
        batch_size=2,
    )
    rows = list(csv.DictReader(out.open()))
    assert [(r["external_id"], r["decision"], r["crm_id"]) for r in rows] == [
        ("x0", "matched", "101"),
        ("x1", "matched", "102"),
        ("x2", "matched", "103"),
        ("x9", "no_match", ""),
    ]
    err = capsys.readouterr().err
    assert "resolved: 4 of 4 (100%)" in err and "CRM export loaded: 3" in err
    assert not CrmConnection.objects.exists() and not Flow.objects.exists()
    assert not MirrorRecord.objects.exists()


def test_an_offline_run_without_train_says_that_only_keys_linked(db, tmp_path, capsys):
    home = {"street": "12 Lindenweg", "city": "Bremen", "postcode": "28195", "date_of_birth": "1980-04-02"}
    crm = [
        {**row, **home} if row["contact_id"] == "101" else {**row, **dict.fromkeys(home, "")}
        for row in CRM_ROWS
    ]
    mirror_csv = write_csv(tmp_path / "crm.csv", crm)
    by_name = [{"external_id": "n1", "first_name": "Jane", "last_name": "Doe", **home}]
    external = write_csv(tmp_path / "ext.csv", by_name)
    options = dict(provider="hubspot", object_name="contacts", kind="person", mirror_csv=str(mirror_csv))
    call_command("identity_link", str(external), out=str(tmp_path / "results.csv"), **options)
    out = capsys.readouterr().out
    assert "low_score 1" in out and "Add --train" in out

    keyed = write_csv(tmp_path / "keyed.csv", [{"external_id": "k1", "email": "jane@acme.com"}])
    call_command("identity_link", str(keyed), out=str(tmp_path / "keyed-results.csv"), **options)
    assert "--train" not in capsys.readouterr().out


def test_an_offline_run_needs_the_crm_export(db, tmp_path):
    external = write_csv(tmp_path / "ext.csv", [{"external_id": "a", "email": "x@y.io"}])
    with pytest.raises(CommandError, match="needs the CRM export"):
        call_command(
            "identity_link",
            str(external),
            provider="hubspot",
            object_name="contacts",
            out=str(tmp_path / "r"),
        )


def test_an_offline_organisation_run_matches_by_domain_and_keeps_subsidiaries_apart(db, tmp_path):
    crm_rows = [
        {
            "Id": "A1",
            "Name": "Acme Robotics, Inc.",
            "Website": "https://www.acme.com",
            "BillingCity": "Boston",
        },
        {"Id": "A2", "Name": "Acme Robotics GmbH", "Website": "acme.com", "BillingCity": "Munich"},
        {"Id": "B1", "Name": "Globex Corporation", "Website": "globex.com", "BillingCity": "Denver"},
    ]
    mirror_csv = write_csv(tmp_path / "accounts.csv", crm_rows)
    external = write_csv(
        tmp_path / "ext.csv",
        [
            {"external_id": "g", "name": "GLOBEX CORP", "website": "http://globex.com/about", "city": ""},
            {"external_id": "s", "name": "Acme Robotics GmbH", "website": "acme.com", "city": "Munich"},
        ],
    )
    out = tmp_path / "r.csv"
    call_command(
        "identity_link",
        str(external),
        provider="salesforce",
        object_name="Account",
        kind="organisation",
        mirror_csv=str(mirror_csv),
        out=str(out),
        progress=False,
    )
    decisions = {r["external_id"]: r for r in csv.DictReader(out.open())}
    assert decisions["g"]["crm_id"] in ("B1", "")
    assert decisions["s"]["crm_id"] != "A1"  # never the parent that shares the domain


def test_identity_train_prints_the_report_and_fails_when_the_model_is_refused(db, tmp_path, capsys):
    mirror_csv = write_csv(tmp_path / "crm.csv", CRM_ROWS)
    external = write_csv(
        tmp_path / "ext.csv", [{"external_id": "a", "email": "jane@acme.com", "first_name": "Jane"}]
    )
    with pytest.raises(
        CommandError, match=r"Model refused, the previous weights stay in use: Too little to fit on: 1 record"
    ) as raised:
        call_command(
            "identity_train",
            str(external),
            provider="hubspot",
            object_name="contacts",
            mirror_csv=str(mirror_csv),
            progress=False,
        )
    out = capsys.readouterr().out
    assert out.splitlines()[1] == str(raised.value)
    assert "Figures: pairs" in out and "first_name:" in out


def test_a_file_run_does_not_load_the_web_app(tmp_path, migrated_sqlite_file):
    """A data engineer's batch run starts without importing the views, URLs and API schema it never uses."""
    import shutil
    import subprocess
    import sys

    from django.conf import settings

    crm_csv = write_csv(tmp_path / "crm.csv", CRM_ROWS)
    external = write_csv(tmp_path / "ext.csv", [{"external_id": "a", "email": "jane@acme.com"}])
    database = tmp_path / "db.sqlite3"
    shutil.copy(migrated_sqlite_file, database)
    env = {"DATABASE_URL": f"sqlite:///{database}", "DEBUG": "1", "PATH": "/usr/bin:/bin"}
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    run = subprocess.run(
        [
            *manage,
            *("identity_link", str(external), "--provider", "hubspot", "--object", "contacts"),
            *("--mirror-csv", str(crm_csv), "--out", str(tmp_path / "r.csv"), "--no-progress"),
        ],
        env={**env, "PYTHONPROFILEIMPORTTIME": "1"},
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines() if "import time:" in line}
    assert "identity_app.attributes" in imported
    assert not {"crmhub.urls", "identity_app.views", "drf_spectacular.views"} & imported
    [row] = csv.DictReader((tmp_path / "r.csv").open())
    assert row["crm_id"] == "101"


def _commit_wait(cursor, vendor: str) -> str:
    cursor.execute("PRAGMA synchronous" if vendor == "sqlite" else "SHOW synchronous_commit")
    return str(cursor.fetchone()[0])


@pytest.mark.django_db(transaction=True)
def test_an_offline_run_does_not_wait_for_the_disk_at_each_commit_and_restores_the_setting(
    tmp_path, monkeypatch
):
    """Everything an offline run writes is removed when it ends: its commits need not wait for the disk
    (SQLite in WAL mode: synchronous NORMAL, 1; PostgreSQL: synchronous_commit off), and the connection's own
    setting is back afterwards."""
    from django.db import connection

    from identity_app.management.commands import identity_link

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            if cursor.fetchone()[0].lower() != "wal":
                pytest.skip("an in-memory test database has no write-ahead log")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET synchronous_commit TO on")  # the test server's own is off
        before = _commit_wait(cursor, connection.vendor)
    during = []
    removed = identity_link._remove_transient

    def noted(*args):
        with connection.cursor() as cursor:
            during.append(_commit_wait(cursor, connection.vendor))
        removed(*args)

    monkeypatch.setattr(identity_link, "_remove_transient", noted)
    mirror_csv = write_csv(tmp_path / "crm.csv", CRM_ROWS)
    external = write_csv(tmp_path / "ext.csv", [{"external_id": "a", "email": CRM_ROWS[0]["email"]}])
    call_command(
        "identity_link",
        str(external),
        provider="hubspot",
        object_name="contacts",
        kind="person",
        mirror_csv=str(mirror_csv),
        out=str(tmp_path / "results.csv"),
    )
    with connection.cursor() as cursor:
        after = _commit_wait(cursor, connection.vendor)
        if connection.vendor == "postgresql":
            cursor.execute("RESET synchronous_commit")
    assert during == ["1" if connection.vendor == "sqlite" else "off"]
    assert after == before != during[0]


def test_commits_wait_for_the_disk_again_after_an_offline_run_on_a_sqlite_file(tmp_path, django_db_blocker):
    """SQLite in WAL mode (the hub's setting for a database file): NORMAL during the run, FULL again after."""
    from django.db import connection
    from django.db.backends.sqlite3.base import DatabaseWrapper

    from identity_app.management.commands.identity_link import unsynced_commits

    settings = {
        **connection.settings_dict,
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "hub.sqlite3"),
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;"},
    }
    database = DatabaseWrapper(settings, alias="wal-file")
    with django_db_blocker.unblock():
        _check_unsynced_then_synced(database, unsynced_commits)


def _check_unsynced_then_synced(database, unsynced_commits) -> None:
    try:
        with database.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = FULL")
        with unsynced_commits(database), database.cursor() as cursor:
            assert _commit_wait(cursor, "sqlite") == "1"
        with database.cursor() as cursor:
            assert _commit_wait(cursor, "sqlite") == "2"
    finally:
        database.close()
