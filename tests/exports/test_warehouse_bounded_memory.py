"""A DuckDB destination's engine is bounded (its default buffer pool is 80 % of the machine's memory and one
thread per core): the limits come from settings and hold on the connection dlt loads through."""

import pytest

from crmhub.exports import warehouse
from crmhub.exports.models import Destination, DestinationKind, WarehouseType


@pytest.mark.django_db
def test_duckdb_loads_under_the_configured_memory_limit_and_threads(tmp_path, settings):
    settings.EXPORTS_WORK_DIR = tmp_path / "exports"
    settings.EXPORTS_DUCKDB_MEMORY_LIMIT = "48MB"
    settings.EXPORTS_DUCKDB_THREADS = 1
    destination = Destination.objects.create(
        name="lake",
        kind=DestinationKind.WAREHOUSE,
        warehouse_type=WarehouseType.DUCKDB,
        dataset_name="crm",
        credentials={"path": str(tmp_path / "lake.duckdb")},
    )
    rows = [{"_crm_connection": "acme", "crm_id": str(n), "email": f"p{n}@x.test"} for n in range(50)]
    warehouse.load(destination=destination, tables=[warehouse.TableRows("contacts", rows)])

    with (
        warehouse.pipeline_open(destination) as pipeline,
        pipeline.sql_client() as client,
        client.execute_query("SELECT current_setting('memory_limit'), current_setting('threads')") as cursor,
    ):
        memory_limit, threads = cursor.fetchone()
    assert threads == 1
    assert memory_limit.endswith("MiB") and 40 <= float(memory_limit.split()[0]) <= 48
    assert len(warehouse.table_rows(destination=destination, table="contacts")) == 50
