"""Schemathesis over every operation of the OpenAPI schema, on a database that holds a row of everything an
endpoint can name (the write-back story and the permission sweep's objects), with the path ids of rows that
exist: the bounded run in test_api_fuzz.py starts from an empty database, where every detail route and action
answers 404 before it reaches its serializer.

Checks: no server error, every response documented (status, content type, body schema), and a request without
the token refused. A viewer's token changes no row, whatever the body.

Bounded and derandomised; raise FUZZ_EXAMPLES to explore further by hand."""

import contextlib
import functools
import os

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_schema_conformance,
    status_code_conformance,
)

from crmhub.exports.models import Destination, ExportRun
from crmhub.models import CrmConnection
from crmhub.sync.models import SyncRun
from crmhub.writeback.models import InboundRecord
from identity_app.models import IdentityLink, MirrorRecord, ReviewItem, ValidationRun
from mappings_app.models import (
    CatalogVersion,
    ChangeRequest,
    CrmField,
    CrmObject,
    FieldMapping,
    FieldOwnership,
)
from monitoring_app.models import Alert, AlertRule
from tests import factories
from tests.database import row_counts
from tests.security.test_api_fuzz import (
    _keep_the_test_connection,  # noqa: F401 - the fixture, shared
    openapi_schema,
)
from tests.security.test_permissions_on_real_objects import objects  # noqa: F401 - the fixture, shared
from tests.writeback.conftest import world  # noqa: F401 - the fixture, shared
from tests.writeback_ui.conftest import story  # noqa: F401 - the fixture, shared

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "1"))

# The collection a detail path names -> the model whose ids it takes (longest prefix first).
PATH_MODELS = {
    "/api/v1/catalog-versions/": CatalogVersion,
    "/api/v1/change-requests/": ChangeRequest,
    "/api/v1/connections/": CrmConnection,
    "/api/v1/destinations/": Destination,
    "/api/v1/export-runs/": ExportRun,
    "/api/v1/fields/": CrmField,
    "/api/v1/identity-links/": IdentityLink,
    "/api/v1/mappings/": FieldMapping,
    "/api/v1/mirror-records/": MirrorRecord,
    "/api/v1/monitoring/alert-rules/": AlertRule,
    "/api/v1/monitoring/alerts/": Alert,
    "/api/v1/objects/": CrmObject,
    "/api/v1/outputs/": InboundRecord,
    "/api/v1/ownership/": FieldOwnership,
    "/api/v1/review-items/": ReviewItem,
    "/api/v1/sync-runs/": SyncRun,
    "/api/v1/validation-runs/": ValidationRun,
}


@functools.cache
def _operations() -> tuple:
    """Every operation of the schema, deletes last, so that every other operation finds its row. Built when a test
    runs, not at collection (which every test worker does, also those that never run this file)."""
    return tuple(
        sorted(
            (result.ok() for result in openapi_schema().get_all_operations()),
            key=lambda op: op.method.upper() == "DELETE",
        )
    )


def _writes():
    return [
        operation
        for operation in _operations()
        if operation.method.upper() in ("POST", "PUT", "PATCH", "DELETE")
    ]


CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
    ignored_auth,
]

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def _model_of(path: str):
    for prefix in sorted(PATH_MODELS, key=len, reverse=True):
        if path.startswith(prefix + "{"):
            return PATH_MODELS[prefix]
    return None


def _has_input_to_break(operation) -> bool:
    """A body or a query parameter: with the path id fixed, what a negative case can make invalid (the
    generator finds nothing else, and spends half a second an operation looking)."""
    return bool(operation.body) or any(True for _ in operation.query)


def _cases(operation, mode, check) -> None:
    """`check` on EXAMPLES generated cases of the operation, whose path id, if any, names a row that exists
    (a made-up id is a 404 before any serializer runs)."""
    if mode == GenerationMode.NEGATIVE and not _has_input_to_break(operation):
        return
    model = _model_of(operation.path)
    pk = model._default_manager.order_by("pk").values_list("pk", flat=True).first() if model else None

    @FUZZ
    @given(case=operation.as_strategy(mode, path_parameters={"id": pk} if pk is not None else None))
    def run(case):
        check(case)

    with contextlib.suppress(Unsatisfiable):  # no negative case for an operation without parameters or body
        run()


def _rows() -> dict[str, int]:
    return row_counts(leave_out=("sessions", "axes", "admin", "contenttypes", "django_rq", "knox"))


def _failure(case, error) -> str:
    if isinstance(error, BaseExceptionGroup):
        error = "; ".join(f"{type(e).__name__}: {str(e)[:300]}" for e in error.exceptions)
    return f"{case.method} {case.formatted_path} {case.query or ''} {str(case.body)[:300]!r}: {error}"


@pytest.mark.database_neutral_roles
@pytest.mark.parametrize("role", ["admin", "integration"])
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_on_real_rows_answers_as_documented(role, mode, objects):  # noqa: F811
    headers = {"Authorization": f"Token {factories.make_token(objects[role])}"}
    failures = []

    def check(case):
        response = case.call(headers=headers)
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except BaseExceptionGroup as error:  # schemathesis' failures; every operation's are listed
            failures.append(_failure(case, error))

    for operation in _operations():
        _cases(operation, mode, check)
    assert not failures, "\n".join(failures)


@pytest.mark.database_neutral  # a refusal comes before any query
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_a_viewer_token_changes_nothing_anywhere(mode, objects):  # noqa: F811
    headers = {"Authorization": f"Token {factories.make_token(objects['viewer'])}"}
    before = _rows()
    failures = []

    def check(case):
        response = case.call(headers=headers)
        if response.status_code not in (403, 405):
            failures.append(_failure(case, response.status_code))

    for operation in _writes():
        _cases(operation, mode, check)
    assert not failures, "\n".join(failures)
    assert _rows() == before
