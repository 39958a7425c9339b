"""Schemathesis over the exports API with data present: every operation on destinations (create, read,
update, delete, test, run now, replay, lineage, failed rows) and export runs, as the admin, against the
destinations and runs of `world` (a DuckDB warehouse with mappings, runs and a failed row, plus a CDP and a
PostgreSQL destination). Generated bodies carry each type's settings (`credentials`) as the schema describes
them; every answer must be no server error and match the documented schema.

Bounded like tests/security/test_api_fuzz.py (a few derandomised examples per operation; FUZZ_EXAMPLES raises
it), so that it runs with the exports tests."""

import os
import zlib

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from crmhub.exports.models import Destination, DestinationKind, ExportRun, WarehouseType
from tests import factories
from tests.exports.test_api_schema_and_sheets import (  # noqa: F401
    _keep_the_test_connection,
    openapi_schema,
    world,
)

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))
# The Test button's operation connects to the destination: it is called below on the fixture's destinations
# only (loopback or refused), never on a generated host.


@pytest.fixture
def api_schema():
    return openapi_schema()


# Loaded from the fixture when the test runs, not at collection (as in tests/security/test_api_fuzz.py): building
# the schema and the operations' coverage cases pays off only in the worker that runs this file.
exports_api = (
    schemathesis.pytest.from_fixture("api_schema")
    .include(path_regex=r"^/api/v1/(destinations|export-runs)/")
    .exclude(path_regex=r"/test/$")
)


@pytest.fixture(autouse=True)
def _node_id_for_the_lazy_schema(request):
    """schemathesis 4.32's lazily loaded schema reads the test item's `_nodeid`, which pytest 9.2's items no longer
    have (tests/security/test_api_fuzz.py): the item's id, for it to read."""
    request.node._nodeid = request.node.nodeid


@pytest.fixture
def destinations(world):  # noqa: F811
    users, _connection, warehouse, _queued = world
    cdp = Destination.objects.create(
        name="segment",
        kind=DestinationKind.CDP,
        endpoint_url="http://127.0.0.1:1",
        credentials={"write_key": "wk-1"},
        allowed_data_classes=["identifier"],
        purposes=["email_marketing"],
    )
    postgres = Destination.objects.create(
        name="reporting",
        kind=DestinationKind.WAREHOUSE,
        warehouse_type=WarehouseType.POSTGRES,
        credentials={"host": "127.0.0.1", "port": 1, "database": "crm", "username": "hub"},
    )
    runs = list(ExportRun.objects.values_list("pk", flat=True))
    return factories.make_token(users["admin"]), [warehouse.pk, cdp.pk, postgres.pk], runs


@exports_api.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_exports_api_with_data_present_answers_as_documented(case, destinations):
    token, destination_ids, run_ids = destinations
    if "id" in (case.path_parameters or {}):
        # the destinations and runs that exist (a generated id is nearly always a 404), picked by the body
        ids = run_ids if case.path.startswith("/api/v1/export-runs/") else destination_ids
        case.path_parameters["id"] = ids[zlib.crc32(repr(case.body).encode()) % len(ids)]
    response = case.call(headers={"Authorization": f"Token {token}"})
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])


def test_the_test_button_answers_as_documented_for_each_type(destinations):
    """POST .../test/ on a DuckDB file (reachable), a PostgreSQL server that refuses and a CDP on a loopback
    port nothing listens on: each answer is the destination as documented, with what the test found."""
    token, destination_ids, _runs = destinations
    operation = openapi_schema()["/api/v1/destinations/{id}/test/"]["POST"]
    answers = {}
    for destination_id in destination_ids:
        case = operation.Case(path_parameters={"id": destination_id})
        response = case.call(headers={"Authorization": f"Token {token}"})
        case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
        answers[response.json()["name"]] = response.json()
    assert answers["analytics"]["last_test_ok"] is True
    assert answers["reporting"]["last_test_ok"] is False and answers["reporting"]["last_test_message"]
    assert answers["segment"]["last_test_ok"] is False


SETTINGS_BODIES = {
    "duckdb": {"kind": "warehouse", "warehouse_type": "duckdb", "credentials": {"path": "w2.duckdb"}},
    "postgres without a password": {
        "kind": "warehouse",
        "warehouse_type": "postgres",
        "credentials": {"host": "127.0.0.1", "port": 5432, "database": "crm", "username": "hub"},
    },
    "postgres port as a list": {
        "kind": "warehouse",
        "warehouse_type": "postgres",
        "credentials": {"host": "127.0.0.1", "port": [5432], "database": "crm", "username": "hub"},
    },
    "postgres connection string of numbers": {
        "kind": "warehouse",
        "warehouse_type": "postgres",
        "credentials": {"connection_string": 5432},
    },
    "redshift": {
        "kind": "warehouse",
        "warehouse_type": "redshift",
        "credentials": {"connection_string": "redshift://u:p@127.0.0.1:5439/db"},
    },
    "snowflake key not pem": {
        "kind": "warehouse",
        "warehouse_type": "snowflake",
        "credentials": {"host": "org-acct", "database": "A", "username": "L", "private_key": {"k": 1}},
    },
    "bigquery key of the wrong type": {
        "kind": "warehouse",
        "warehouse_type": "bigquery",
        "credentials": {"type": ["user"], "project_id": "p", "client_email": "e", "private_key": "x"},
    },
    "credentials a list": {"kind": "warehouse", "warehouse_type": "postgres", "credentials": ["host"]},
    "credentials a string": {"kind": "warehouse", "warehouse_type": "duckdb", "credentials": "path"},
    "credentials null": {"kind": "cdp", "endpoint_url": "http://127.0.0.1:1", "credentials": None},
    "cdp half a profile api": {
        "kind": "cdp",
        "endpoint_url": "http://127.0.0.1:1",
        "credentials": {"write_key": "wk", "profile_api_url": 7, "space_id": ""},
    },
}


@pytest.mark.parametrize("settings_body", SETTINGS_BODIES.values(), ids=SETTINGS_BODIES.keys())
def test_each_types_settings_on_create_and_on_change_answer_as_documented(destinations, settings_body):
    """Each type's settings, well and badly formed (values of the wrong JSON type too), on POST and on a
    PATCH that changes a DuckDB destination's type: a documented answer, never a server error."""
    token, destination_ids, _runs = destinations
    headers = {"Authorization": f"Token {token}"}
    create = openapi_schema()["/api/v1/destinations/"]["POST"].Case(
        body={"name": "new one", **settings_body}, media_type="application/json"
    )
    created = create.call(headers=headers)
    create.validate_response(created, checks=[not_a_server_error, response_schema_conformance])
    change = openapi_schema()["/api/v1/destinations/{id}/"]["PATCH"].Case(
        path_parameters={"id": destination_ids[0]}, body=settings_body, media_type="application/json"
    )
    changed = change.call(headers=headers)
    change.validate_response(changed, checks=[not_a_server_error, response_schema_conformance])
    assert created.status_code in (201, 400) and changed.status_code in (200, 400)
    if created.status_code == 400:
        assert created.json().get("credentials"), created.json()


def test_settings_that_are_not_an_object_are_a_problem_not_a_crash():
    """The form and the service read the same schema: a list or a text where the settings object belongs
    is one sentence, as the API's 400 says it."""
    from crmhub.exports import destination_settings

    (problem,) = destination_settings.problems("postgres", ["host"])
    assert problem.message == "PostgreSQL's settings are an object of names and values, not a list."
    assert destination_settings.problems("cdp", "wk")[0].message.endswith("not a text.")
    assert destination_settings.problems("duckdb", None) == []
