"""The destination form takes each type's settings as plain fields (no JSON to paste): stored under the names
dlt reads, encrypted at rest, refused field by field when incomplete, and never shown back (a secret left blank
keeps the stored one). The API accepts the same settings as a JSON object, checked by the same schema."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from crmhub.exports import warehouse
from crmhub.exports.models import Destination, DestinationKind, WarehouseType
from tests import factories

pytestmark = pytest.mark.django_db

PEM = "-----BEGIN PRIVATE KEY-----\nMIIBfake\n-----END PRIVATE KEY-----\n"
KEY_FILE = {
    "type": "service_account",
    "project_id": "acme-analytics",
    "private_key_id": "abc123",
    "private_key": PEM,
    "client_email": "loader@acme-analytics.iam.gserviceaccount.com",
    "client_id": "1234",
    "token_uri": "https://oauth2.googleapis.com/token",
}
COMMON = {
    "status": "active",
    "suppression_target_seconds": 300,
    "reconcile_interval_seconds": 86400,
    "allowed_data_classes": ["identifier", "operational"],
}


@pytest.fixture
def admin_client(client):
    factories.role_users()
    factories.sign_in(client, "alice")
    return client


def _post(client, url, type_, settings, **extra):
    data = {**COMMON, "destination_type": type_, **{f"{type_}__{k}": v for k, v in settings.items()}, **extra}
    return client.post(url, data)


def _raw_credentials(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT credentials FROM exports_destination WHERE id = %s", [pk])
        return str(cursor.fetchone()[0])


@pytest.mark.parametrize(
    ("type_", "settings", "stored"),
    [
        ("duckdb", {"path": "var/lake.duckdb"}, {"path": "var/lake.duckdb"}),
        (
            "postgres",
            {"host": "db.example.com", "port": "6543", "database": "bi", "username": "loader", "password": "s3cr3t"},
            {"host": "db.example.com", "port": 6543, "database": "bi", "username": "loader", "password": "s3cr3t"},
        ),
        (
            "redshift",
            {"host": "c.abc.eu-west-1.redshift.amazonaws.com", "database": "dev", "username": "u", "password": "s3cr3t"},
            {"host": "c.abc.eu-west-1.redshift.amazonaws.com", "database": "dev", "username": "u", "password": "s3cr3t"},
        ),
        (
            "snowflake",
            {"host": "acme-xy12345", "database": "ANALYTICS", "username": "LOADER", "password": "s3cr3t",
             "warehouse": "LOADING", "role": "LOADER"},
            {"host": "acme-xy12345", "database": "ANALYTICS", "username": "LOADER", "password": "s3cr3t",
             "warehouse": "LOADING", "role": "LOADER"},
        ),
        ("cdp", {"write_key": "s3cr3t"}, {"write_key": "s3cr3t"}),
    ],
)  # fmt: skip
def test_each_type_is_saved_from_plain_fields_under_dlts_names_and_encrypted(
    admin_client, type_, settings, stored
):
    extra = {"endpoint_url": "https://api.segment.io"} if type_ == "cdp" else {"dataset_name": "sales"}
    answer = _post(admin_client, "/exports/new/", type_, settings, name=f"to {type_}", **extra)
    assert answer.status_code == 302, answer.content.decode()[-3000:]
    destination = Destination.objects.get(name=f"to {type_}")
    assert destination.credentials == stored
    if type_ == "cdp":
        assert (destination.kind, destination.warehouse_type) == (DestinationKind.CDP, "")
        assert destination.endpoint_url == "https://api.segment.io"
    else:
        assert (destination.kind, destination.warehouse_type) == (DestinationKind.WAREHOUSE, type_)
    if "password" in stored or "write_key" in stored:
        assert "s3cr3t" not in _raw_credentials(destination.pk)


def test_dlt_reads_the_stored_settings_as_the_connection_it_opens(db):
    destination = Destination.objects.create(
        name="pg",
        kind=DestinationKind.WAREHOUSE,
        warehouse_type=WarehouseType.SNOWFLAKE,
        credentials={"host": "acme-xy12345", "database": "ANALYTICS", "username": "LOADER", "password": "pw",
                     "warehouse": "LOADING", "role": "LOADER"},
    )  # fmt: skip
    config = warehouse.dlt_destination(destination).configuration(None, accept_partial=True)
    assert config.credentials.to_native_representation() == (
        "snowflake://LOADER:pw@acme-xy12345/ANALYTICS?role=LOADER&warehouse=LOADING"
    )
    bigquery = Destination.objects.create(
        name="bq",
        kind=DestinationKind.WAREHOUSE,
        warehouse_type=WarehouseType.BIGQUERY,
        credentials={**KEY_FILE, "location": "EU"},
    )
    factory = warehouse.dlt_destination(bigquery)
    assert factory.config_params["location"] == "EU"  # a destination option in dlt, not part of the key
    assert "location" not in factory.config_params["credentials"]


def test_missing_settings_are_named_on_their_own_fields_and_nothing_is_saved(admin_client):
    answer = _post(
        admin_client,
        "/exports/new/",
        "snowflake",
        {"host": "https://acme.snowflakecomputing.com"},
        name="snow",
    )
    assert answer.status_code == 200
    errors = answer.context["form"].errors
    assert errors["snowflake__database"] == ["Snowflake needs the database."]
    assert errors["snowflake__username"] == ["Snowflake needs the user."]
    assert errors["snowflake__password"] == ["Snowflake needs a password or a private key."]
    assert errors["snowflake__host"] == [
        "Enter the name only, without https:// or a path (e.g. db.example.com)."
    ]
    assert not any(name.startswith("postgres__") for name in errors)  # another type's fields are not checked
    port = _post(
        admin_client,
        "/exports/new/",
        "postgres",
        {"host": "db", "port": "70000", "database": "d", "username": "u", "password": "p"},
        name="pg",
    )
    assert port.context["form"].errors["postgres__port"] == ["Enter a port number between 1 and 65535."]
    cdp = _post(admin_client, "/exports/new/", "cdp", {"write_key": "wk", "space_id": "spa_1"}, name="seg")
    cdp_errors = cdp.context["form"].errors
    assert cdp_errors["endpoint_url"] == ["A CDP needs the data plane URL its events are sent to."]
    assert "needs the profile API address too" in cdp_errors["cdp__profile_api_url"][0]
    assert not Destination.objects.filter(name__in=["snow", "pg", "seg"]).exists()


def test_secrets_are_never_shown_and_a_blank_one_keeps_the_stored_one(admin_client):
    destination = Destination.objects.create(
        name="pg",
        kind=DestinationKind.WAREHOUSE,
        warehouse_type=WarehouseType.POSTGRES,
        credentials={"connection_string": "postgresql://loader:very-secret@db.example.com:5432/bi"},
    )
    page = admin_client.get(f"/exports/{destination.pk}/edit/")
    html = page.content.decode()
    assert "very-secret" not in html
    form = page.context["form"]
    assert form["postgres__host"].value() == "db.example.com"  # an older connection string, taken apart
    assert form["postgres__database"].value() == "bi"
    assert "Leave blank to keep it" in form.fields["postgres__password"].help_text
    answer = _post(
        admin_client,
        f"/exports/{destination.pk}/edit/",
        "postgres",
        {"host": "db2.example.com", "port": "", "database": "bi", "username": "loader", "password": ""},
        name="pg",
        dataset_name="crm",
    )
    assert answer.status_code == 302, answer.context["form"].errors
    destination.refresh_from_db()
    assert destination.credentials == {
        "host": "db2.example.com",
        "database": "bi",
        "username": "loader",
        "password": "very-secret",
    }
    # Changing the type starts from nothing: a secret of another type is not carried over.
    switched = _post(
        admin_client, f"/exports/{destination.pk}/edit/", "redshift", {"host": "c.example"}, name="pg"
    )
    assert switched.context["form"].errors["redshift__password"] == ["Redshift needs the password."]


def test_a_bigquery_key_file_is_uploaded_or_pasted_and_checked(admin_client):
    upload = SimpleUploadedFile("key.json", json.dumps(KEY_FILE).encode(), content_type="application/json")
    answer = _post(
        admin_client,
        "/exports/new/",
        "bigquery",
        {"location": "EU", "service_account_key_file": upload},
        name="bq",
        dataset_name="crm",
    )
    assert answer.status_code == 302, answer.context["form"].errors
    destination = Destination.objects.get(name="bq")
    assert destination.credentials == {**KEY_FILE, "location": "EU"}
    edit = admin_client.get(f"/exports/{destination.pk}/edit/")
    assert "MIIBfake" not in edit.content.decode() and "acme-analytics" not in edit.content.decode()
    kept = _post(admin_client, f"/exports/{destination.pk}/edit/", "bigquery", {"location": "US"}, name="bq")
    assert kept.status_code == 302
    destination.refresh_from_db()
    assert destination.credentials == {**KEY_FILE, "location": "US"}
    for pasted, said in [
        ("not json", "This is not a key file"),
        (
            json.dumps({"type": "authorized_user", "client_id": "x"}),
            "missing: project_id, client_email, private_key",
        ),
        (json.dumps({**KEY_FILE, "private_key": "abc"}), "not the PEM block"),
    ]:
        refused = _post(
            admin_client, "/exports/new/", "bigquery", {"service_account_key": pasted}, name="bq2"
        )
        assert said in " ".join(refused.context["form"].errors["bigquery__service_account_key"])
    assert not Destination.objects.filter(name="bq2").exists()


def test_save_and_test_reports_what_answered(admin_client, settings, tmp_path):
    settings.EXPORTS_WORK_DIR = tmp_path
    answer = _post(
        admin_client,
        "/exports/new/",
        "postgres",
        {"host": "127.0.0.1", "port": "1", "database": "d", "username": "u", "password": "p"},
        name="nowhere",
        and_test="1",
    )
    assert answer.status_code == 302
    destination = Destination.objects.get(name="nowhere")
    assert destination.last_test_ok is False
    assert destination.last_test_message.startswith("Could not reach PostgreSQL")


def test_the_api_checks_the_same_schema(db):
    users = factories.role_users()
    api = factories.api_client(users["admin"])
    refused = api.post(
        "/api/v1/destinations/",
        {
            "name": "seg",
            "kind": "cdp",
            "endpoint_url": "https://api.segment.io",
            "credentials": {"writekey": "x"},
        },
        format="json",
    )
    assert refused.status_code == 400
    said = refused.json()["credentials"]
    assert said[0].startswith("The CDP does not read writekey")
    assert "write_key: The CDP needs the write key." in said
    made = api.post(
        "/api/v1/destinations/",
        {"name": "pg", "kind": "warehouse", "warehouse_type": "postgres",
         "credentials": {"host": "db", "database": "bi", "username": "u", "password": "p"}},
        format="json",
    )  # fmt: skip
    assert made.status_code == 201, made.json()
    assert "credentials" not in made.json() and made.json()["has_credentials"] is True
