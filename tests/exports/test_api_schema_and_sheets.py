"""The exports API answers as its OpenAPI schema says with data present (checked by schemathesis against the
generated schema: a run that has not delivered yet has no connection; lineage is paginated), a destination
naming a data class or purpose twice is a clear 400, a field's default data class reads its object (a
company's name is not personal data), the failed rows download reads in a spreadsheet (plain words, the
reader's local time in a form spreadsheets parse), and a destination nothing was delivered to is not
reconciled (no "0 against 0")."""

import csv
import functools
import io
from datetime import UTC, datetime

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from crmhub.exports import lineage, reconciliation, selectors
from crmhub.exports.models import (
    Destination,
    DestinationKind,
    ExportFailedRow,
    ExportRun,
    ExportStatus,
    ReconciliationRun,
    WarehouseType,
)
from crmhub.wsgi import application
from mappings_app.models import CrmField, CrmObject, DataClass, FieldType
from mappings_app.selectors import default_data_class
from tests import factories
from tests.exports.warehouse_world import outbound_op


@functools.cache
def openapi_schema() -> schemathesis.BaseSchema:
    """Our OpenAPI schema as schemathesis reads it, sending its requests to the WSGI app: built once a process, when
    a test first needs it (every test worker imports this module at collection; only one runs these files)."""
    loaded = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
    loaded.app = application
    return loaded


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """As in tests/security/test_api_fuzz.py: the WSGI handler must not close the test's own connection."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def world(db, tmp_path, settings):
    settings.EXPORTS_WORK_DIR = tmp_path / "exports"
    users = factories.role_users()
    connection = factories.make_connection()
    companies = CrmObject.objects.create(connection=connection, name="companies", label="Companies")
    for name, field_type in (("name", FieldType.STRING), ("phone", FieldType.PHONE), ("domain", "string")):
        CrmField.objects.create(crm_object=companies, name=name, label=name.title(), field_type=field_type)
    destination = Destination.objects.create(
        name="analytics",
        kind=DestinationKind.WAREHOUSE,
        warehouse_type=WarehouseType.DUCKDB,
        credentials={"path": str(tmp_path / "w.duckdb")},
        allowed_data_classes=["identifier", "operational"],
    )
    factories.apply_change(
        connection,
        users["admin"],
        users["approver"],
        [
            outbound_op("analytics", "companies", "name", "name"),
            outbound_op("analytics", "companies", "phone", "phone"),
            outbound_op("analytics", "companies", "domain", "domain"),
        ],
    )
    queued = ExportRun.objects.create(destination=destination)  # no page delivered yet: no connection
    done = ExportRun.objects.create(
        destination=destination, connection=connection, status=ExportStatus.FAILED
    )
    ExportFailedRow.objects.create(
        run=done,
        destination=destination,
        connection=connection,
        object_name="companies",
        crm_id="901",
        reason="numberofemployees -> employees: '7.5' is not a whole number",
        record={"id": "901", "values": {}},
    )
    ExportFailedRow.objects.filter(crm_id="901").update(created_at=datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
    return users, connection, destination, queued


def _validated(path: str, token: str, **path_parameters):
    case = openapi_schema()[path]["GET"].Case(path_parameters=path_parameters)
    response = case.call(headers={"Authorization": f"Token {token}"})
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
    return response.json()


def test_runs_and_lineage_answer_as_the_schema_says_with_data_present(world):
    users, _connection, destination, queued = world
    token = factories.make_token(users["admin"])
    runs = _validated("/api/v1/export-runs/", token)["results"]
    assert next(run for run in runs if run["id"] == queued.pk)["connection"] is None
    assert _validated("/api/v1/export-runs/{id}/", token, id=queued.pk)["connection"] is None
    page = _validated("/api/v1/destinations/{id}/lineage/", token, id=destination.pk)
    assert page["count"] == 3 and {c["crm_field"] for c in page["results"]} == {"name", "phone", "domain"}
    rows = _validated("/api/v1/destinations/{id}/failed-rows/", token, id=destination.pk)["results"]
    assert rows[0]["crm_id"] == "901"


def test_a_data_class_or_purpose_named_twice_is_a_clear_400_and_nothing_is_saved(world):
    users, *_ = world
    api = factories.api_client(users["admin"])
    body = {
        "name": "twice",
        "kind": "cdp",
        "endpoint_url": "https://api.segment.io",
        "credentials": {"write_key": "wk"},
    }
    repeated = api.post(
        "/api/v1/destinations/",
        {**body, "allowed_data_classes": ["operational", "operational"], "purposes": ["email_marketing"] * 2},
        format="json",
    )
    assert repeated.status_code == 400
    problems = repeated.json()
    assert "repeated: operational" in str(problems) and "repeated: email_marketing" in str(problems)
    assert not Destination.objects.filter(name="twice").exists()
    created = api.post("/api/v1/destinations/", {**body, "purposes": ["email_marketing"]}, format="json")
    assert created.status_code == 201, created.json()


def test_default_data_classes_read_the_object():
    def of(name, object_name, field_type=FieldType.STRING):
        return default_data_class(name=name, field_type=field_type, object_name=object_name)

    assert of("name", "companies") == DataClass.IDENTIFIER
    assert of("Name", "Account") == DataClass.IDENTIFIER
    assert of("name", "organizations") == DataClass.IDENTIFIER
    assert of("Name", "Opportunity") == DataClass.OPERATIONAL
    assert of("phone", "companies", FieldType.PHONE) == DataClass.OPERATIONAL
    assert of("address", "companies") == DataClass.OPERATIONAL
    assert of("billing_email", "companies", FieldType.EMAIL) == DataClass.CONTACT_PERSONAL
    assert of("name", "persons") == DataClass.CONTACT_PERSONAL
    assert of("phone", "contacts", FieldType.PHONE) == DataClass.CONTACT_PERSONAL
    assert of("annual_income", "companies") == DataClass.SENSITIVE


def test_a_companys_name_reaches_a_destination_that_takes_no_personal_data(world):
    _users, connection, destination, _queued = world
    plan = selectors.object_plan(destination=destination, connection=connection, object_name="companies")
    sent = {column.field_name: column.data_class for column in plan.columns}
    assert sent == {"name": "identifier", "phone": "operational", "domain": "identifier"}
    assert not plan.refused
    assert all(item.sent for item in lineage.destination_lineage(destination=destination))


def test_the_failed_rows_download_reads_in_a_spreadsheet_in_the_readers_time_zone(world, client):
    _users, _connection, destination, _queued = world
    factories.sign_in(client, "alice")
    response = client.get(f"/exports/{destination.pk}/failed-rows.csv", {"tz": "Europe/Berlin"})
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "Excel needs the byte-order mark to read UTF-8"
    header, row = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert header[:7] == ["Failed row", "Export run", "CRM connection", "Object", "CRM record id",
                          "Why it failed", "Status"]  # fmt: skip
    assert header[7] == "Failed at (Europe/Berlin)"
    record = dict(zip(header, row, strict=True))
    assert record["Status"] == "Open" and record["CRM record id"] == "901"
    assert record["Failed at (Europe/Berlin)"] == "2026-11-02 10:00:00"  # 09:00 UTC, winter time
    assert datetime.strptime(record["Failed at (Europe/Berlin)"], "%Y-%m-%d %H:%M:%S")
    unknown = client.get(f"/exports/{destination.pk}/failed-rows.csv", {"tz": "Mars/Olympus"})
    assert "Failed at (UTC)" in unknown.content.decode() and "2026-11-02 09:00:00" in unknown.content.decode()
    page = client.get(f"/exports/{destination.pk}/")
    assert "data-add-timezone" in page.text


def test_nothing_is_reconciled_before_the_first_delivery(world, client):
    _users, connection, destination, _queued = world
    assert reconciliation.reconciliations_due_run() == []
    assert not ReconciliationRun.objects.exists()
    factories.sign_in(client, "alice")
    page = client.get(f"/exports/{destination.pk}/")
    assert "Not run yet" in page.text
    answer = client.post(f"/exports/{destination.pk}/reconcile/", follow=True)
    assert "Nothing has been delivered to analytics yet" in answer.text
    assert not ReconciliationRun.objects.exists()
    ExportRun.objects.create(
        destination=destination, connection=connection, status=ExportStatus.COMPLETED, records_received=3
    )
    assert len(reconciliation.reconciliations_due_run()) == 1
