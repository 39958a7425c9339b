"""YAML that expands (aliases), nests or weighs too much fails fast with a clear error, through the catalog
import API, the catalog import page's service and the schema import; request bodies are capped per endpoint."""

import time

import pytest
import yaml

from crmhub.core.errors import ApplicationError
from mappings_app.schema_yaml import schema_import_yaml
from mappings_app.yaml_io import catalog_import_yaml
from mappings_app.yaml_loader import MAX_DEPTH, bounded_yaml_load
from tests import factories

# The classic: nine levels of nine aliases, 9**9 (387 million) strings from under 600 bytes.
ALIAS_BOMB = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(
            f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]"
            for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ]
)


def test_the_alias_bomb_is_small():
    assert len(ALIAS_BOMB) < 600


@pytest.mark.django_db
def test_an_alias_bomb_in_the_catalog_import_fails_fast_with_a_clear_error():
    connection = factories.make_connection()
    author = factories.role_users()["admin"]
    started = time.perf_counter()
    with pytest.raises(ApplicationError, match="anchors and aliases") as refused:
        catalog_import_yaml(connection=connection, author=author, text=ALIAS_BOMB)
    assert time.perf_counter() - started < 3.0
    assert "line 1" in refused.value.message


@pytest.mark.django_db
def test_an_alias_bomb_posted_to_the_import_api_is_a_400(client):
    users = factories.role_users()
    connection = factories.make_connection()
    client.force_login(users["admin"])
    started = time.perf_counter()
    response = client.post(
        f"/api/v1/connections/{connection.pk}/catalog/import/",
        data=ALIAS_BOMB,
        content_type="application/yaml",
    )
    assert response.status_code == 400
    assert b"anchors and aliases" in response.content
    assert time.perf_counter() - started < 5.0


@pytest.mark.parametrize(
    "text",
    [
        "base: &base {owner: ai_owned}\nownership: [{<<: *base, object: contacts, field: x}]",
        "a: &anchored 1\nb: 2",
        "ownership: *undefined",
    ],
    ids=["merge key", "unused anchor", "dangling alias"],
)
def test_any_anchor_or_alias_is_refused(text):
    with pytest.raises(yaml.YAMLError, match="anchors and aliases"):
        bounded_yaml_load(text)


def test_deep_nesting_is_refused_and_shallow_is_not():
    assert bounded_yaml_load("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    with pytest.raises(yaml.YAMLError, match="nested deeper"):
        bounded_yaml_load("[" * 10_000 + "]" * 10_000)
    with pytest.raises(yaml.YAMLError, match="nested deeper"):
        bounded_yaml_load("\n".join(f"{'  ' * depth}k{depth}:" for depth in range(MAX_DEPTH + 5)))


@pytest.mark.django_db
def test_oversized_yaml_is_refused_before_parsing():
    connection = factories.make_connection()
    author = factories.role_users()["admin"]
    started = time.perf_counter()
    with pytest.raises(ApplicationError, match="larger than 5 MB"):
        catalog_import_yaml(connection=connection, author=author, text="# x\n" * (2 * 1024 * 1024))
    assert time.perf_counter() - started < 3.0


@pytest.mark.django_db
def test_the_schema_import_refuses_the_bomb_too():
    connection = factories.make_connection()
    with pytest.raises(ApplicationError, match="anchors and aliases"):
        schema_import_yaml(connection=connection, text=ALIAS_BOMB)


@pytest.mark.django_db
def test_request_bodies_over_the_cap_are_a_413_before_any_view(client, settings):
    settings.MAX_REQUEST_BODY_BYTES = 1000
    client.force_login(factories.role_users()["admin"])
    response = client.post("/api/v1/outputs/", data="x" * 2000, content_type="application/json")
    assert response.status_code == 413
    response = client.post(
        "/api/v1/outputs/", data="x", content_type="application/json", CONTENT_LENGTH="12abc"
    )
    assert response.status_code == 400


def test_an_api_body_over_the_in_memory_cap_is_a_json_413_not_an_html_400(db, client, settings):
    """Found by schemathesis: a 3.6 MB JSON body passed the 10 MB cap, then Django refused to read it into
    memory (DATA_UPLOAD_MAX_MEMORY_SIZE) with a bare HTML 400."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client.force_login(factories.role_users()["admin"])
    response = client.post("/api/v1/outputs/", data="x" * 2000, content_type="application/json")
    assert response.status_code == 413
    assert response.json() == {"detail": "Request body too large: at most 1000 bytes here."}
    bad_length = client.post(
        "/api/v1/outputs/", data="x", content_type="application/json", CONTENT_LENGTH="12abc"
    )
    assert bad_length.status_code == 400 and bad_length.json() == {"detail": "Bad Content-Length."}


def test_an_object_met_twice_is_exported_in_full_so_the_export_imports_again():
    from mappings_app.yaml_loader import NoAliasSafeDumper

    shared = {"transform": "round"}
    text = yaml.dump({"mappings": [shared, shared]}, Dumper=NoAliasSafeDumper)
    assert "&" not in text and bounded_yaml_load(text) == {"mappings": [shared, shared]}
