"""A bounded schemathesis run over our OpenAPI schema for each role: no server error, and every documented
response matches its schema. Requests go to the WSGI app in-process, inside the test's transaction.

Bounded so that it fits the normal test command: a few examples per operation and role (and the coverage cases
for the admin), derandomised so that a failure reproduces (raise FUZZ_EXAMPLES to explore further by hand)."""

import functools
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from crmhub.wsgi import application
from tests import factories

ROLES = ["admin", "reviewer", "viewer", "integration"]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "1"))
# Every read and the ingest endpoint by default; FUZZ_ALL=1 takes every operation (several minutes:
# generating bodies for the larger write operations is slow).
EVERY_OPERATION = os.environ.get("FUZZ_ALL") == "1"


@functools.cache
def openapi_schema() -> schemathesis.BaseSchema:
    """Our OpenAPI schema as schemathesis reads it, sending its requests to the WSGI app; built once a process."""
    loaded = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
    loaded.app = application
    return loaded


@pytest.fixture
def api_schema():
    return openapi_schema()


# Loaded from the fixture when a test runs, not at collection: every test worker collects every file, and building
# the schema and its coverage cases (~3.5 s of CPU) only pays off in the worker that runs this file.
schema = schemathesis.pytest.from_fixture("api_schema")
if not EVERY_OPERATION:
    schema = schema.include(name_regex=r"^(GET |POST /api/v1/outputs/$)")
# A lazily loaded schema's test passes its own arguments from fixtures: naming them here lets pytest parametrize
# `role` (the decorators of the tests below are left as they were: they seed the derandomised cases).
pytestmark = pytest.mark.usefixtures("role", "role_tokens")


@pytest.fixture(autouse=True)
def _node_id_for_the_lazy_schema(request):
    """schemathesis 4.32's lazily loaded schema reads and rewrites the test item's `_nodeid` (to name each
    operation's report), an attribute pytest 9.2's items no longer have: the item's id, for it to read. pytest
    reports each operation as a subtest of the item whatever is written there."""
    request.node._nodeid = request.node.nodeid


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI handler closes database connections at the end of each request, as in production; inside a
    test's transaction that would close the test's own connection (PostgreSQL then answers every later query
    with "the connection is closed"). Django's test client unhooks the same signal for the same reason."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def role_tokens(db):
    users = factories.role_users()
    return {role: factories.make_token(users[role]) for role in ROLES}


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def _answers_as_documented(case, role, role_tokens):
    response = case.call(headers={"Authorization": f"Token {role_tokens[role]}"})
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])


# The explicit phase sends schemathesis's coverage cases: each parameter's boundaries and wrong types, ~50 requests
# an operation. The admin sends them to the collections: on this empty database every other role's allowed operations
# run the same code as the admin's, its refusals come before any input is read, and a detail route reads the same
# filters as its collection before it answers 404 (test_api_fuzz_on_data.py sends cases to detail routes whose ids
# exist). Every role sends generated cases everywhere.
@pytest.mark.parametrize("role", ["admin"])
@schema.exclude(path_regex=r"\{").parametrize()
@FUZZ
def test_api_answers_the_admin_s_coverage_cases_without_server_errors_and_as_documented(
    case, role, role_tokens
):
    _answers_as_documented(case, role, role_tokens)


@pytest.mark.database_neutral_roles
@pytest.mark.parametrize("role", ROLES)
@schema.parametrize()
@settings(FUZZ, phases=[Phase.generate])
def test_api_answers_every_role_s_generated_cases_without_server_errors(case, role, role_tokens):
    _answers_as_documented(case, role, role_tokens)
