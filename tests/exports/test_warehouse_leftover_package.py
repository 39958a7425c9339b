"""A load that failed after dlt had normalised its package leaves that package pending in the pipeline's
working directory. dlt's next `run` would load the leftover package and skip the rows it was given, so a run
that follows a failure would mark newer rows delivered without loading them. The export buffer still holds
what failed: the leftover is dropped and the new rows are loaded."""

import dlt
import pytest

from crmhub.exports import warehouse
from tests.exports.test_duckdb_row_groups import contacts, load, rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def lake(tmp_path, settings):
    from crmhub.exports.models import Destination, DestinationKind, WarehouseType

    settings.EXPORTS_WORK_DIR = tmp_path / "exports"
    return Destination(
        pk=4343,
        name="lake",
        kind=DestinationKind.WAREHOUSE,
        warehouse_type=WarehouseType.DUCKDB,
        dataset_name="crm",
        credentials={"path": str(tmp_path / "lake.duckdb")},
    )


def leave_a_pending_package(destination, batch) -> None:
    """What a load that failed in its load step leaves behind: an extracted, normalised package."""
    with warehouse.pipeline_open(destination) as pipeline:
        pipeline.extract(
            dlt.resource(batch, name="contacts", write_disposition="merge", primary_key="crm_id")
        )
        pipeline.normalize()
        assert pipeline.has_pending_data


def test_the_rows_of_a_load_after_a_failed_one_are_loaded(lake):
    load(lake, rows(range(0, 10), version=1))
    leave_a_pending_package(lake, rows(range(0, 10), version=2))

    load(lake, rows(range(10, 20), version=3))

    found = contacts(lake)
    assert sorted(found, key=int) == [str(n) for n in range(20)]
    assert found["15"]["score"] == 153
    with warehouse.pipeline_open(lake) as pipeline:
        assert not pipeline.has_pending_data
