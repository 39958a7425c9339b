"""The OpenAPI schema and the Swagger UI."""

import pytest
import yaml
from django.conf import settings

from tests.api.conftest import token_client

PATHS = [
    "/api/v1/connections/",
    "/api/v1/connections/{id}/catalog/export/",
    "/api/v1/connections/{id}/catalog/import/",
    "/api/v1/objects/",
    "/api/v1/fields/",
    "/api/v1/ownership/",
    "/api/v1/mappings/",
    "/api/v1/change-requests/",
    "/api/v1/change-requests/{id}/",
    "/api/v1/change-requests/{id}/operations/",
    "/api/v1/change-requests/{id}/submit/",
    "/api/v1/change-requests/{id}/approve/",
    "/api/v1/change-requests/{id}/reject/",
    "/api/v1/change-requests/{id}/apply/",
    "/api/v1/change-requests/{id}/rebase/",
    "/api/v1/change-requests/{id}/comments/",
    "/api/v1/catalog-versions/",
    "/api/v1/catalog-versions/{id}/",
    "/api/v1/catalog-versions/{id}/restore/",
]


def test_schema_is_openapi_3_and_lists_the_catalog_paths(users):
    response = token_client(users["viewer"]).get("/api/schema/")

    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    for path in PATHS:
        assert path in schema["paths"], path
    assert "post" not in schema["paths"]["/api/v1/mappings/"]
    tags = {tag for item in schema["paths"].values() for op in item.values() for tag in op["tags"]}
    assert {"connections", "catalog", "change requests", "catalog versions"} <= tags
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_schema_is_valid_openapi(users):
    from openapi_spec_validator import validate

    schema = yaml.safe_load(token_client(users["admin"]).get("/api/schema/").content)

    validate(schema)


def test_schema_needs_authentication(db):
    response = token_client(None).get("/api/schema/")

    assert response.status_code == 401


def test_swagger_ui_renders_from_our_static_files_for_a_logged_in_user(users, client):
    client.force_login(users["viewer"])

    response = client.get("/api/docs/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "SwaggerUIBundle" in page or "swagger-ui" in page
    assert f"{settings.STATIC_URL}drf_spectacular_sidecar/swagger-ui-dist/" in page
    assert "cdn.jsdelivr.net" not in page and "unpkg.com" not in page


def test_swagger_ui_needs_a_login(db, client):
    assert client.get("/api/docs/").status_code in (401, 403)


def test_swagger_ui_assets_ship_with_our_static_files():
    from django.contrib.staticfiles import finders

    for asset in ("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css"):
        assert finders.find(f"drf_spectacular_sidecar/swagger-ui-dist/{asset}"), asset


@pytest.mark.browser
def test_swagger_ui_renders_the_operations_in_a_browser(live_server, page, sign_in, users):
    """Log in through the login page, open /api/docs/: every request stays on our server."""
    from tests.factories import PASSWORD

    requested = []
    page.on("request", lambda request: requested.append(request.url))
    sign_in(users["viewer"].username, PASSWORD)
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".opblock-tag", timeout=15000)
    tags = page.locator(".opblock-tag").all_inner_texts()

    assert any("change requests" in tag for tag in tags)
    assert all(url.startswith(live_server.url) or url.startswith("data:") for url in requested), requested
