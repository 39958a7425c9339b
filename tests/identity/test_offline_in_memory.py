"""An offline `identity_link` run keeps the CRM export in memory (no database writes): the same decisions as
a run that loads it into the database mirror, and nothing left behind."""

import csv

import pytest
from django.core.management import call_command

from benchmarks.identity_data import person_cases, write_case_files
from identity_app import mirror_index
from identity_app.models import MirrorIdentifier, MirrorRecord


@pytest.fixture
def files(tmp_path):
    return write_case_files(person_cases(400, 150, seed=3), tmp_path, "people")


def _run(files, out, capsys, *, train: bool, workers: int = 1) -> tuple[list[dict], str]:
    call_command(
        "identity_link",
        str(files["inbound"]),
        mirror_csv=str(files["crm"]),
        provider="hubspot",
        object_name="contacts",
        kind="person",
        train=train,
        out=str(out),
        workers=workers,
    )
    mirror_index.keep_in_memory(False)  # each run starts like a new process
    with out.open(newline="") as handle:
        return list(csv.DictReader(handle)), capsys.readouterr().out


@pytest.mark.parametrize("train", [False, True])
def test_the_in_memory_mirror_decides_as_the_database_mirror(db, files, tmp_path, settings, capsys, train):
    in_memory, said = _run(files, tmp_path / "memory.csv", capsys, train=train)
    assert "in memory for this run" in said
    in_two_workers, _ = _run(files, tmp_path / "workers.csv", capsys, train=train, workers=2)
    assert in_two_workers == in_memory
    settings.IDENTITY_MIRROR_INDEX_MAX_RECORDS = 10  # the export is too big to keep: the database mirror
    stored, said = _run(files, tmp_path / "database.csv", capsys, train=train)
    assert "records stored" in said
    assert in_memory == stored
    assert sum(row["decision"] == "matched" for row in in_memory) > 25
    assert not MirrorRecord.objects.exists() and not MirrorIdentifier.objects.exists()


def test_a_record_listed_twice_keeps_its_last_values(db, tmp_path, capsys):
    crm = tmp_path / "crm.csv"
    crm.write_text(
        "id,email,firstname,lastname,deleted,merged_into\n"
        "101,old@acme.com,Ann,Lee,,\n"
        "101,ann@acme.com,Ann,Lee,,\n"
        "202,bo@acme.com,Bo,Kim,,\n"
        "202,bo@acme.com,Bo,Kim,true,101\n"
    )
    inbound = tmp_path / "in.csv"
    inbound.write_text("external_id,email\na,ann@acme.com\nb,old@acme.com\nc,bo@acme.com\n")
    out = tmp_path / "out.csv"
    call_command(
        "identity_link",
        str(inbound),
        mirror_csv=str(crm),
        provider="hubspot",
        object_name="contacts",
        out=str(out),
    )
    mirror_index.keep_in_memory(False)
    rows = {row["external_id"]: row for row in csv.DictReader(out.open())}
    assert (rows["a"]["decision"], rows["a"]["crm_id"]) == ("matched", "101")
    assert rows["b"]["decision"] != "matched"  # the address the record no longer has
    assert (rows["c"]["decision"], rows["c"]["crm_id"]) == ("matched", "101")  # merged: re-pointed


def test_only_the_keys_the_inbound_file_looks_up_are_indexed(db, files, tmp_path, capsys, monkeypatch):
    """An offline run indexes the export's keys that its inbound records look up, and decides every record
    as a run whose in-memory mirror indexes every key."""
    from identity_app import services

    loaded = services.mirror_load_in_memory
    indexed: list[int] = []

    def load(*, everything: bool, **options):
        if everything:
            options["lookup_keys"] = None
        stored = loaded(**options)
        indexes = list(mirror_index._indexes.values())
        indexed.append(sum(len(by_value) for by_value in indexes[-1].members.values()))
        return stored

    monkeypatch.setattr(
        services, "mirror_load_in_memory", lambda **options: load(everything=False, **options)
    )
    partial, _ = _run(files, tmp_path / "partial.csv", capsys, train=True)
    monkeypatch.setattr(services, "mirror_load_in_memory", lambda **options: load(everything=True, **options))
    full, _ = _run(files, tmp_path / "full.csv", capsys, train=True)
    assert partial == full
    assert 0 < indexed[0] < indexed[1] / 2
