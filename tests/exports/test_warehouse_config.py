"""Snowflake, BigQuery and Redshift by configuration: the destination form and API refuse incomplete credentials
with a sentence naming what is missing (as dlt's own credential classes read them), and the Test button gives a
clear answer without internet (the driver this hub lacks, or the address it cannot reach). None of the three has
a local stand-in: Snowflake and BigQuery have no local server, and PostgreSQL, which speaks Redshift's protocol,
refuses the DDL dlt's Redshift destination writes (`varchar(max)`)."""

import pytest

from crmhub.exports import services, warehouse
from crmhub.exports.models import Destination, DestinationKind, WarehouseType
from crmhub.exports.warehouse_config import credentials_problems, driver_missing
from tests import factories

SERVICE_ACCOUNT = {
    "type": "service_account",
    "project_id": "acme-analytics",
    "client_email": "loader@acme-analytics.iam.gserviceaccount.com",
    "private_key": "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n",
}


def test_each_warehouse_says_what_its_credentials_lack():
    assert credentials_problems(warehouse_type="snowflake", credentials={}) == [
        "host: Snowflake needs the account identifier.",
        "database: Snowflake needs the database.",
        "username: Snowflake needs the user.",
        "password: Snowflake needs a password or a private key.",
    ]
    complete = "snowflake://loader:pw@acme-xy12345/ANALYTICS?warehouse=LOADING&role=LOADER"
    assert credentials_problems(warehouse_type="snowflake", credentials={"connection_string": complete}) == []
    no_db = credentials_problems(
        warehouse_type="snowflake", credentials={"connection_string": "snowflake://loader:pw@acme-xy12345"}
    )
    assert no_db == ["database: Snowflake needs the database."]
    wrong_scheme = credentials_problems(
        warehouse_type="redshift", credentials={"connection_string": "redshift://u:p@host:5439/dev"}
    )
    assert "starts with postgresql://" in wrong_scheme[0]
    assert (
        credentials_problems(
            warehouse_type="redshift",
            credentials={"connection_string": "postgresql://u:p@cluster.example:5439/dev"},
        )
        == []
    )
    assert credentials_problems(
        warehouse_type="redshift",
        credentials={"connection_string": "postgresql://u@cluster.example:5439/dev"},
    ) == ["password: Redshift needs the password."]
    assert credentials_problems(warehouse_type="bigquery", credentials=SERVICE_ACCOUNT) == []
    partial = credentials_problems(
        warehouse_type="bigquery", credentials={"project_id": "p", "private_key": "x"}
    )
    assert "missing: client_email" in partial[0] and "PEM block" in partial[1]
    typo = credentials_problems(warehouse_type="postgres", credentials={"connection_sting": "postgresql://x"})
    assert typo[0].startswith("PostgreSQL does not read connection_sting")


def test_the_api_refuses_incomplete_bigquery_credentials_with_the_field_named(db):
    users = factories.role_users()
    api = factories.api_client(users["admin"])
    refused = api.post(
        "/api/v1/destinations/",
        {"name": "bq", "kind": "warehouse", "warehouse_type": "bigquery", "credentials": {"project_id": "p"}},
        format="json",
    )
    assert refused.status_code == 400
    assert "missing: client_email, private_key" in refused.json()["credentials"][0]
    assert refused.json()["credentials"][0].startswith("This is not a whole service account key")
    made = api.post(
        "/api/v1/destinations/",
        {"name": "bq", "kind": "warehouse", "warehouse_type": "bigquery", "credentials": SERVICE_ACCOUNT},
        format="json",
    )
    assert made.status_code == 201, made.json()


@pytest.mark.parametrize(
    ("warehouse_type", "credentials"),
    [
        ("snowflake", {"connection_string": "snowflake://loader:pw@acme-xy12345/ANALYTICS"}),
        ("bigquery", SERVICE_ACCOUNT),
    ],
)
def test_the_test_button_says_which_driver_the_hub_lacks_without_reaching_out(
    db, warehouse_type, credentials
):
    users = factories.role_users()
    destination = Destination.objects.create(
        name=warehouse_type,
        kind=DestinationKind.WAREHOUSE,
        warehouse_type=warehouse_type,
        credentials=credentials,
    )
    tested = services.destination_test(destination=destination, actor=users["admin"])
    assert tested.last_test_ok is False
    if driver_missing(warehouse_type=warehouse_type):  # the drivers are not among the hub's dependencies
        assert "driver is not installed" in tested.last_test_message
        assert f'pip install "dlt[{warehouse_type}]"' in tested.last_test_message


def test_the_test_button_names_an_unreachable_redshift_cluster(db, tmp_path, settings):
    settings.EXPORTS_WORK_DIR = tmp_path
    users = factories.role_users()
    destination = Destination.objects.create(
        name="rs",
        kind=DestinationKind.WAREHOUSE,
        warehouse_type=WarehouseType.REDSHIFT,
        credentials={"connection_string": "postgresql://loader:pw@127.0.0.1:1/dev?connect_timeout=3"},
    )
    tested = services.destination_test(destination=destination, actor=users["admin"])
    assert tested.last_test_ok is False
    assert tested.last_test_message.startswith("Could not reach Redshift:")
    assert "network can reach the warehouse" in tested.last_test_message


def test_redshift_merges_by_delete_insert_as_its_dlt_destination_offers_no_upsert(db, tmp_path, settings):
    """No local stand-in loads Redshift: PostgreSQL speaks its protocol but refuses its DDL (dlt creates
    `varchar(max)` columns), so only the choice of merge is checked here, from dlt's own capabilities."""
    settings.EXPORTS_WORK_DIR = tmp_path
    destination = Destination.objects.create(
        name="rs",
        kind=DestinationKind.WAREHOUSE,
        warehouse_type=WarehouseType.REDSHIFT,
        credentials={"connection_string": "postgresql://loader:pw@cluster.example:5439/dev"},
    )
    postgres = Destination.objects.create(
        name="pg",
        kind=DestinationKind.WAREHOUSE,
        warehouse_type=WarehouseType.POSTGRES,
        credentials={"connection_string": "postgresql://loader:pw@db.example:5432/dev"},
    )
    with warehouse.pipeline_open(destination) as pipeline:
        assert warehouse.merge_strategy(pipeline) == "delete-insert"
    with warehouse.pipeline_open(postgres) as pipeline:
        assert warehouse.merge_strategy(pipeline) == "upsert"
