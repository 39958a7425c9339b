"""A DuckDB file and its dataset may not share a name: DuckDB names the file's catalog after the file, and dlt
then refuses every table. The form and the API say so before anything is saved."""

import pytest

from crmhub.exports.models import Destination, duckdb_dataset_clash
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "dataset", "clash"),
    [
        ("/data/crm.duckdb", "crm", True),
        ("/data/CRM.duckdb", "", True),  # an empty dataset means "crm"
        ("/data/warehouse.duckdb", "crm", False),
        ("", "crm", False),  # the default file is named after the destination's id
    ],
)
def test_the_clash_is_found_case_insensitively(path, dataset, clash):
    found = duckdb_dataset_clash(warehouse_type="duckdb", credentials={"path": path}, dataset_name=dataset)
    assert bool(found) is clash
    assert (
        duckdb_dataset_clash(warehouse_type="postgres", credentials={"path": path}, dataset_name=dataset)
        is None
    )


def test_the_destination_form_refuses_the_clash_and_saves_nothing(client):
    factories.role_users()
    factories.sign_in(client, "alice")
    page = client.post(
        "/exports/new/",
        {
            "name": "Clashing warehouse",
            "destination_type": "duckdb",
            "dataset_name": "crm",
            "duckdb__path": "exports/crm.duckdb",
            "suppression_target_seconds": 300,
            "reconcile_interval_seconds": 3600,
        },
    )
    assert page.status_code == 200
    assert "share a name" in page.content.decode()
    assert not Destination.objects.filter(name="Clashing warehouse").exists()


def test_the_api_refuses_the_clash_with_the_field_named():
    users = factories.role_users()
    api = factories.api_client(users["admin"])
    answer = api.post(
        "/api/v1/destinations/",
        {
            "name": "Clashing warehouse",
            "kind": "warehouse",
            "warehouse_type": "duckdb",
            "dataset_name": "Crm",
            "credentials": {"path": "exports/crm.duckdb"},
        },
        format="json",
    )
    assert answer.status_code == 400
    assert "share a name" in answer.json()["dataset_name"][0]
    accepted = api.post(
        "/api/v1/destinations/",
        {
            "name": "Fine warehouse",
            "kind": "warehouse",
            "warehouse_type": "duckdb",
            "dataset_name": "analytics",
            "credentials": {"path": "exports/crm.duckdb"},
        },
        format="json",
    )
    assert accepted.status_code == 201, accepted.content
