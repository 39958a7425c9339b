"""The faster ways an offline run reads and loads its files give what the plain ways give: CSV rows read from
the csv module's lists equal the DictReader's records, block keys filtered as they are made equal the
filtered keys, and the profiles an in-memory mirror stores are those `_mirror_row` builds record by record."""

import csv
import io
import random

import pytest

from identity_app import columns, csv_io, mirror_index, selectors, services
from identity_app.attributes import EntityKind, build_profile, display_values
from identity_app.blocking import DEFAULT_BLOCKING_RULES, ORGANISATION_BLOCKING_RULES, block_keys
from tests.identity.test_columns import ORGANISATIONS, PEOPLE

HOSTILE_MIRROR = (
    "hs_object_id,firstname,,lastname,email,deleted,merged_into,modified_at\r\n"
    '1, Ann ,x,Lee,"ann@acme.com, a.lee@gmail.com",,,2026-01-02\r\n'
    "\r\n"
    '2,"Bob\nby line",,Roe,bob@acme.com,TRUE,1,\r\n'
    "3,Short\r\n"
    "4,Long,,Row,long@acme.com,,4,,extra,cells\r\n"
    ",No,,Id,noid@acme.com,,,\r\n"
    "5,,,,,yes,,\r\n"
)
SALESFORCE = (
    "Id;FirstName;LastName;Email;IsDeleted;MasterRecordId;IsConverted;ConvertedContactId\n"
    "00Q1;Jo;Doe;jo@acme.com;false;;true;003X\n"
    "00Q2;Al;Poe;al@acme.com;1;00Q1;;\n"
    "00Q3;Cy;Roe;cy@acme.com;;;TRUE;\n"
)
LABELLED_INBOUND = (
    "record_id,First Name,Last Name,Email Address,crm_id,source_system,\n"
    " r1 ,Ann,Lee,ann@acme.com, 7 ,,stray\n"
    "\n"
    "r2,Bob\n"
    "r3,,,,,erp,x,y,z\n"
)
REPEATED_COLUMNS = "id,email,email,name,name\n1,a@x.com,b@x.com,Ann,Lee\n2,,c@x.com,,\n"


def _both_ways(monkeypatch, read):
    fast = read()
    with monkeypatch.context() as patched:
        patched.setattr(csv_io, "_plain_rows_read", lambda *args: False)
        plain = read()
    return fast, plain


def _mirror(text: str, object_name: str = "contacts"):
    export = csv_io.MirrorFile(io.StringIO(text, newline=""), object_name=object_name)
    records = list(export)
    return records, (export.without_id.count, export.without_id.lines), export.shifted.lines


def _inbound(text: str):
    """The records, and the rejected rows with their places and reasons (compared both ways too)."""
    repeats = csv_io.InboundFile(io.StringIO(text, newline="")).repeated_ids()
    csv_io.read_through(io.StringIO(text, newline=""), (), repeats)
    inbound = csv_io.InboundFile(
        io.StringIO(text, newline=""), source_system="file", repeated=repeats.repeated, keep_rejected=True
    )
    return list(inbound), list(inbound.rejected.waiting)


@pytest.mark.parametrize(
    "text", [HOSTILE_MIRROR, SALESFORCE, REPEATED_COLUMNS], ids=["hostile", "sf", "repeated"]
)
def test_mirror_rows_read_from_lists_are_the_dict_readers_records(monkeypatch, text):
    fast, plain = _both_ways(monkeypatch, lambda: _mirror(text, "Lead" if text is SALESFORCE else "contacts"))
    assert fast == plain
    assert fast[0]  # the file has records, so the comparison says something


def test_the_hostile_export_reads_as_expected(monkeypatch):
    (records, (without_id, lines), shifted) = _mirror(HOSTILE_MIRROR)
    by_id = {record["id"]: record for record in records}
    assert by_id["1"]["values"]["firstname"] == " Ann " and by_id["1"]["modified_at"] == "2026-01-02"
    assert by_id["2"]["deleted"] and by_id["2"]["merged_into"] == "1"
    assert by_id["3"]["values"] == {"hs_object_id": "3", "firstname": "Short"}
    # More cells than the header: a separator inside an unquoted value shifted them, so no cell is trusted.
    assert "4" not in by_id and shifted == [7]
    assert by_id["5"]["deleted"] and by_id["5"]["values"] == {"hs_object_id": "5"}
    assert without_id == 1 and lines == [8]


@pytest.mark.parametrize("text", [LABELLED_INBOUND, REPEATED_COLUMNS], ids=["labelled", "repeated"])
def test_inbound_rows_read_from_lists_are_the_dict_readers_records(monkeypatch, text):
    fast, plain = _both_ways(monkeypatch, lambda: _inbound(text))
    assert fast == plain
    records, rejected = fast
    assert len(records) == 2
    if text is LABELLED_INBOUND:  # r3's cells run past the header's
        assert [(row.line, row.external_id) for row in rejected] == [(5, "r3")]
        assert "9 cells under a header of 7 columns" in rejected[0].reason


def _random_csv(rng: random.Random, header: list[str]) -> str:
    cells = [
        "",
        " ",
        "x",
        " y ",
        "true",
        "yes",
        "no",
        "a,b",
        'q"uote',
        "line\nbreak",
        "ann@acme.com",
        "1",
        "2",
    ]
    lines = [header]
    for _ in range(60):
        width = rng.choice([len(header), len(header), len(header) - 2, len(header) + 2, 0])
        lines.append([rng.choice(cells) for _ in range(width)])
    out = io.StringIO()
    csv.writer(out).writerows(lines)
    return out.getvalue()


@pytest.mark.parametrize("seed", range(8))
def test_random_files_read_the_same_both_ways(monkeypatch, seed):
    rng = random.Random(seed)
    mirror_header = [
        "id",
        "email",
        "deleted",
        "merged_into",
        "modified_at",
        "",
        "IsDeleted",
        "MasterRecordId",
    ]
    inbound_header = ["external_id", "email", "crm_id", "source_system", "", "first_name"]
    rng.shuffle(mirror_header)
    rng.shuffle(inbound_header)
    mirror_text, inbound_text = _random_csv(rng, mirror_header), _random_csv(rng, inbound_header)
    fast, plain = _both_ways(monkeypatch, lambda: _mirror(mirror_text))
    assert fast == plain
    fast, plain = _both_ways(monkeypatch, lambda: _inbound(inbound_text))
    assert fast == plain


@pytest.mark.parametrize(
    ("kind", "rows", "rules"),
    [
        (EntityKind.PERSON, PEOPLE, DEFAULT_BLOCKING_RULES),
        (EntityKind.ORGANISATION, ORGANISATIONS, ORGANISATION_BLOCKING_RULES),
    ],
)
def test_block_keys_filtered_as_made_are_the_wanted_ones_of_each_record(kind, rows, rules):
    profiles = columns.build_profiles(rows, kind=kind)
    every = [block_keys(profile, rules) for profile in profiles]
    all_keys = sorted(set().union(*every))
    assert len(all_keys) > 4
    wanted = set(all_keys[::2])
    filtered = columns.block_keys_by_record(profiles, rules, wanted=wanted)
    assert filtered == [keys & wanted for keys in every]
    assert columns.block_keys_by_record(profiles, rules, wanted=set()) == [set() for _ in rows]


def test_the_in_memory_mirror_stores_the_profiles_built_record_by_record(rules):
    records = [
        {
            "id": str(position),
            "values": values,
            "deleted": position == 2,
            "merged_into": "0" if position == 3 else "",
        }
        for position, values in enumerate(PEOPLE)
    ]
    services.mirror_load_in_memory(rule_set=rules, records=records)
    index = next(
        index
        for key, index in mirror_index._indexes.items()
        if key[:2] == (rules.flow.connection.pk, "contacts")
    )
    config = selectors.mirror_config(connection=rules.flow.connection, object_name="contacts")
    for record_id, record in enumerate(records, start=1):
        values = record["values"]
        expected = build_profile(
            values,
            attribute_map=config["attribute_map"],
            external_id_fields=config["external_id_fields"],
            region=config["region"],
            kind=config["kind"],
            attribute_types=config["attribute_types"],
        )
        expected.update(
            id=record_id,
            crm_id=record["id"],
            is_deleted=record["deleted"],
            merged_into=record["merged_into"],
            display=display_values(values, config["attribute_map"]),
        )
        assert index.stored_profiles[record_id] == expected
        assert index.records[record_id][1] == index.values(expected)
    mirror_index.keep_in_memory(False)


def test_an_offline_run_pauses_the_collector_to_its_end_and_restores_it(db, tmp_path, monkeypatch):
    import gc

    from django.core.management import call_command

    from benchmarks.identity_data import person_cases, write_case_files
    from identity_app.resolver import Resolver

    files = write_case_files(person_cases(60, 20, seed=4), tmp_path, "people")
    seen = []
    resolve_batch = Resolver.resolve_batch
    monkeypatch.setattr(
        Resolver,
        "resolve_batch",
        lambda self, *a, **k: seen.append(gc.isenabled()) or resolve_batch(self, *a, **k),
    )
    lookup_keys = Resolver.lookup_keys
    monkeypatch.setattr(
        Resolver,
        "lookup_keys",
        lambda self, *a, **k: seen.append(gc.isenabled()) or lookup_keys(self, *a, **k),
    )
    assert gc.isenabled()
    call_command(
        "identity_link",
        str(files["inbound"]),
        mirror_csv=str(files["crm"]),
        provider="hubspot",
        object_name="contacts",
        kind="person",
        out=str(tmp_path / "out.csv"),
        batch_size=7,
        progress=False,
    )
    mirror_index.keep_in_memory(False)
    assert len(seen) >= 3 and not any(seen)  # asked on entry, i.e. between batches too
    assert gc.isenabled()
