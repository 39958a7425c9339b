"""A DuckDB destination is attached with small row groups (every close checkpoints, and a checkpoint rewrites
the table's last row group whole, so its size is what a load holds for a moment); loads through that
attached file still merge correctly from one load to the next, and a process killed after a load committed
but before its connection closed (no checkpoint) loses nothing."""

import os
import signal
from datetime import UTC, datetime

import duckdb
import pytest

from crmhub.exports import warehouse
from crmhub.exports.models import Destination, DestinationKind, WarehouseType

TYPES = {"email": "text", "score": "bigint", **{k: v["data_type"] for k, v in warehouse.FLAG_COLUMNS.items()}}


def rows(ids, *, version: int) -> list[dict]:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    return [
        {
            "email": f"p{n}-v{version}@example.test",
            "score": n * 10 + version,
            "_crm_connection": "acme",
            "crm_id": str(n),
            "_crm_modified_at": now,
            "_deleted": False,
            "_deleted_at": None,
            "_merged_into": None,
            "_suppressed": False,
            "_suppressed_at": None,
            "_exported_at": now,
        }
        for n in ids
    ]


def contacts(destination) -> dict[str, dict]:
    found = warehouse.table_rows(
        destination=destination, table="contacts", columns=["crm_id", "email", "score"]
    )
    return {row["crm_id"]: row for row in found}


@pytest.fixture
def lake(tmp_path, settings):
    settings.EXPORTS_WORK_DIR = tmp_path / "exports"
    settings.EXPORTS_DUCKDB_ROW_GROUP_SIZE = 2048
    return Destination(
        pk=4242,
        name="lake",
        kind=DestinationKind.WAREHOUSE,
        warehouse_type=WarehouseType.DUCKDB,
        dataset_name="crm",
        credentials={"path": str(tmp_path / "lake.duckdb")},
    )


def load(destination, batch) -> None:
    warehouse.load(destination=destination, tables=[warehouse.TableRows("contacts", batch, types=TYPES)])


def test_tables_are_written_in_row_groups_of_the_configured_size(lake):
    load(lake, rows(range(5000), version=1))
    file = duckdb.connect(lake.credentials["path"], read_only=True)
    try:
        groups = file.execute(
            "SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('crm.contacts')"
        ).fetchone()[0]
    finally:
        file.close()
    assert groups == 3  # 5,000 rows in groups of 2,048; DuckDB's default (122,880) would make one


def test_loads_through_the_attached_file_merge_on_the_crm_id_from_one_load_to_the_next(lake):
    load(lake, rows(range(0, 3000), version=1))
    load(lake, rows(range(2000, 5000), version=2))  # 1,000 updated, 2,000 new
    load(lake, rows([0, 4999], version=3))
    found = contacts(lake)
    assert len(found) == 5000
    assert found["0"]["email"] == "p0-v3@example.test" and found["0"]["score"] == 3
    assert found["1999"]["score"] == 19991
    assert found["2000"]["score"] == 20002 and found["2999"]["email"] == "p2999-v2@example.test"
    assert found["4999"]["score"] == 49993
    assert warehouse.mark_gone(
        destination=lake, table="contacts", connection_name="acme", gone=[{"id": "7", "deleted_at": None}]
    )
    assert warehouse.table_rows(
        destination=lake, table="contacts", columns=["_deleted"], where="WHERE crm_id = '7'"
    ) == [{"_deleted": True}]


def test_a_process_killed_before_closing_the_file_loses_no_committed_load(lake):
    load(lake, rows(range(100), version=1))
    child = os.fork()
    if child == 0:  # pragma: no cover - the child dies before coverage could write
        try:
            with warehouse.pipeline_open(lake) as pipeline:
                warehouse._load_into(
                    pipeline,
                    lake,
                    [warehouse.TableRows("contacts", rows(range(50, 150), version=2), types=TYPES)],
                )
                os.kill(os.getpid(), signal.SIGKILL)  # no close: no checkpoint, only the WAL
        finally:
            os._exit(1)
    _, status = os.waitpid(child, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    assert os.path.exists(lake.credentials["path"] + ".wal")

    found = contacts(lake)  # the next open replays the WAL
    assert len(found) == 150
    assert found["49"]["score"] == 491 and found["50"]["score"] == 502 and found["149"]["score"] == 1492
    load(lake, rows(range(140, 160), version=3))
    found = contacts(lake)
    assert len(found) == 160 and found["145"]["score"] == 1453 and found["0"]["score"] == 1
