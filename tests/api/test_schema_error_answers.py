"""The schema names every answer an operation gives, so that a client or a fuzzer checking status codes meets
no undocumented one (found by schemathesis's status-code check against the running demo): the errors each
operation can give, 202 for a queued sync run, and a webhook event not processed yet."""

import pytest
import yaml
from django.db import transaction

from tests import factories
from tests.api.conftest import token_client

pytestmark = pytest.mark.database_neutral  # what the schema documents: the SQLite pass leaves it out


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker):
    """The schema as a viewer reads it, fetched once for the module: it is the same for every test, and each fetch
    generates it anew (~1 s). The viewer and its token are rolled back before the tests run; a test reads the
    schema, never changes it."""
    with django_db_blocker.unblock(), transaction.atomic():
        response = token_client(factories.role_users()["viewer"]).get("/api/schema/")
        transaction.set_rollback(True)
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_every_operation_documents_its_error_answers(schema):
    for path, method, operation in operations(schema):
        codes = set(operation["responses"])
        assert {"401", "403", "429"} <= codes, (method, path)
        if "{" in path:
            assert "404" in codes, (method, path)
        if method in ("post", "put", "patch") or any(
            p["in"] == "query" for p in operation.get("parameters", [])
        ):
            assert "400" in codes, (method, path)
    error = schema["components"]["schemas"]["ErrorResponse"]
    assert error["type"] == "object" and error["additionalProperties"] is True


def test_a_documented_success_is_never_replaced_by_an_error_answer(schema):
    restore = schema["paths"]["/api/v1/catalog-versions/{id}/restore/"]["post"]["responses"]
    assert "ErrorResponse" not in str(restore["201"])


def test_starting_a_sync_run_is_documented_as_the_202_it_answers(schema):
    post = schema["paths"]["/api/v1/sync-runs/"]["post"]
    assert "202" in post["responses"] and "200" not in post["responses"]
    assert post["requestBody"]["content"]["application/json"]["schema"]["$ref"].startswith(
        "#/components/schemas/SyncRunRequest"
    )


def test_a_webhook_event_not_processed_yet_has_a_null_processed_at(schema):
    processed_at = schema["components"]["schemas"]["WebhookEvent"]["properties"]["processed_at"]
    assert processed_at.get("nullable") is True


def test_a_bad_page_number_is_a_documented_404(users, schema):
    response = token_client(users["viewer"]).get("/api/v1/connections/?page=0")
    assert response.status_code == 404
    assert "404" in schema["paths"]["/api/v1/connections/"]["get"]["responses"]


def test_the_catalog_export_documents_its_errors_in_yaml_too(users, connection, schema):
    """Asked for as YAML, the export answers its errors in YAML (content negotiation): documented so."""
    path = f"/api/v1/connections/{connection.pk}/catalog/export/?format=yaml"
    response = token_client(users["integration"]).get(path)
    assert response.status_code == 403 and response["Content-Type"].startswith("application/yaml")
    answers = schema["paths"]["/api/v1/connections/{id}/catalog/export/"]["get"]["responses"]
    assert {"application/json", "application/yaml"} <= set(answers[str(response.status_code)]["content"])
    assert set(answers["401"]["content"]) == {"application/json", "application/yaml"}


def test_a_sync_run_for_an_unknown_connection_is_a_400_on_the_field(users, connection, schema):
    """The connection is named in the body: an unknown name is invalid input (documented 400), not a 404."""
    response = token_client(users["admin"]).post(
        "/api/v1/sync-runs/", {"connection": "no-such-crm", "object_name": "contacts"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"connection": ["No such connection."]}
    assert "404" not in schema["paths"]["/api/v1/sync-runs/"]["post"]["responses"]


def test_operations_that_read_a_body_document_413_and_415(schema):
    """A body past the cap (413) or of a type the operation does not read (415): found undocumented by
    schemathesis's negative mode."""
    post = schema["paths"]["/api/v1/outputs/"]["post"]["responses"]
    assert {"413", "415"} <= set(post)
    assert "415" not in schema["paths"]["/api/v1/outputs/"]["get"]["responses"]
