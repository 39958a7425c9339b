"""Reading the catalog: connections without secrets, fields with their owner, filters and search."""

import json

import pytest
import yaml

from tests import factories
from tests.api.conftest import SECRET
from tests.database import as_pks, from_pks, rows_for_the_module

API = "/api/v1"


def _catalog_rows():
    """conftest's connection (credentials holding the secret), the roles' users and the score catalog."""
    connection = factories.make_connection(credentials={"access_token": SECRET, "client_secret": SECRET})
    contact_fields = factories.make_contact_schema(connection)
    users = factories.role_users()
    factories.apply_change(connection, users["admin"], users["approver"], factories.score_catalog_ops())
    return as_pks({"connection": connection, "contact_fields": contact_fields, "users": users})


@pytest.fixture(scope="module")
def catalog_pks(django_db_setup, django_db_blocker):
    with rows_for_the_module(django_db_blocker, _catalog_rows) as pks:
        yield pks


@pytest.fixture
def rows(catalog_pks, db):
    return from_pks(catalog_pks)


@pytest.fixture
def users(rows):
    return rows["users"]


@pytest.fixture
def connection(rows):
    return rows["connection"]


@pytest.fixture
def contact_fields(rows):
    return rows["contact_fields"]


@pytest.fixture
def catalog(connection, contact_fields):
    """The connection with the score catalog applied (version 1)."""
    return connection


@pytest.fixture
def api(client_for):
    return client_for("admin")


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_connection_shows_limits_and_version_but_never_credentials(catalog, api):
    connection = api.get(f"{API}/connections/{catalog.pk}/").json()

    assert connection["provider"] == "hubspot"
    assert connection["base_url"] == "https://api.hubapi.com"
    assert connection["api_version"] == "v3"
    assert connection["status"] == "active"
    assert connection["rate_limit_requests"] == 100
    assert connection["usable_requests_per_window"] == 80
    assert connection["catalog_version"] == 1
    assert "credentials" not in connection


def test_credentials_never_appear_in_any_response(catalog, users, client_for):
    change = factories.apply_change(
        catalog, users["approver"], users["admin"], [factories.ownership_op("renewal_date", "ai_owned")]
    ).change_request
    paths = [
        "connections/",
        f"connections/{catalog.pk}/",
        f"connections/{catalog.pk}/catalog/export/",
        "objects/",
        "fields/",
        "ownership/",
        "mappings/",
        "change-requests/",
        f"change-requests/{change.pk}/",
        "catalog-versions/",
        f"catalog-versions/{change.catalog_version.pk}/",
    ]
    for role in ("admin", "integration"):
        client = client_for(role)
        for path in paths:
            body = client.get(f"{API}/{path}").content.decode()
            assert SECRET not in body, path
            assert "access_token" not in body and "credentials" not in body, path
    schema = yaml.safe_load(client_for("admin").get("/api/schema/").content)
    assert "credentials" not in schema["components"]["schemas"]["Connection"]["properties"]


def test_fields_show_owner_and_conflict_policy_inline(catalog, api):
    fields = {f["name"]: f for f in results(api.get(f"{API}/fields/", {"connection": catalog.pk}))}

    assert fields["ai_segment"]["owner"] == "hybrid"
    assert fields["ai_segment"]["conflict_policy"] == "flag"
    assert fields["ai_lead_score"]["owner"] == "ai_owned"
    assert fields["ai_lead_score"]["conflict_policy"] == ""
    assert fields["email"]["owner"] == "rep_owned"  # no ownership row
    assert fields["lifecyclestage"]["owner"] == "rep_owned"  # explicit row
    assert fields["email"]["object"] == "contacts"
    assert fields["email"]["connection"] == catalog.pk


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"owner": "ai_owned"}, {"ai_lead_score", "ai_lead_score_updated_at"}),
        ({"owner": "hybrid"}, {"ai_segment"}),
        ({"writable": "false"}, {"hs_object_id"}),
        ({"field_type": "picklist"}, {"ai_segment", "lifecyclestage"}),
        ({"search": "lead score"}, {"ai_lead_score", "ai_lead_score_updated_at"}),
        ({"object": "deals"}, set()),
    ],
)
def test_field_filters(catalog, api, query, expected):
    names = {f["name"] for f in results(api.get(f"{API}/fields/", query))}

    assert names == expected


def test_rep_owned_filter_includes_fields_without_an_ownership_row(catalog, api):
    names = {f["name"] for f in results(api.get(f"{API}/fields/", {"owner": "rep_owned"}))}

    assert "lifecyclestage" in names
    assert "email" in names
    assert names.isdisjoint({"ai_lead_score", "ai_segment"})
    assert len(names) == len(factories.CONTACT_FIELDS) - 3


def test_fields_of_other_connections_are_filtered_out(catalog, api):
    other = factories.make_connection(name="acme-sf", provider="salesforce")
    factories.make_contact_schema(other, object_name="Contact")

    mine = results(api.get(f"{API}/fields/", {"connection": catalog.pk}))
    by_object = results(api.get(f"{API}/objects/", {"connection": other.pk}))

    assert {f["object"] for f in mine} == {"contacts"}
    assert [o["name"] for o in by_object] == ["Contact"]


def test_ownership_and_mapping_filters(catalog, api):
    hybrid = results(api.get(f"{API}/ownership/", {"connection": catalog.pk, "owner": "hybrid"}))
    enabled = results(api.get(f"{API}/mappings/", {"source_system": "lead_scorer", "enabled": "true"}))
    disabled = results(api.get(f"{API}/mappings/", {"enabled": "false"}))
    searched = results(api.get(f"{API}/mappings/", {"search": "segment"}))

    assert [(o["field"], o["conflict_policy"]) for o in hybrid] == [("ai_segment", "flag")]
    assert {m["source_key"] for m in enabled} == {"score", "segment"}
    assert disabled == []
    assert [m["field"] for m in searched] == ["ai_segment"]


def test_catalog_endpoints_are_read_only(catalog, api):
    response = api.post(f"{API}/mappings/", {"source_system": "x"}, format="json")

    assert response.status_code == 405


def test_export_is_yaml_of_the_active_catalog(catalog, api):
    response = api.get(f"{API}/connections/{catalog.pk}/catalog/export/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/yaml")
    assert "acme-hubspot-catalog-v1.yaml" in response["Content-Disposition"]
    document = yaml.safe_load(response.content)
    assert document["connection"] == "acme-hubspot"
    assert document["catalog_version"] == 1
    assert len(document["mappings"]) == 2
    assert len(document["ownership"]) == 4


def test_export_then_import_is_a_round_trip_without_changes(catalog, api):
    exported = api.get(f"{API}/connections/{catalog.pk}/catalog/export/").content.decode()

    response = api.post(
        f"{API}/connections/{catalog.pk}/catalog/import/",
        {"yaml": exported, "title": "Round trip"},
        format="json",
    )

    assert response.status_code == 201, response.content
    change = response.json()
    assert change["title"] == "Round trip"
    assert change["origin"] == "yaml"
    assert change["items"] == []


def test_import_raw_yaml_body_drafts_the_difference(catalog, api):
    document = yaml.safe_load(api.get(f"{API}/connections/{catalog.pk}/catalog/export/").content)
    document["mappings"] = [m for m in document["mappings"] if m["source_key"] != "segment"]

    response = api.generic(
        "POST",
        f"{API}/connections/{catalog.pk}/catalog/import/?title=Drop+segment",
        yaml.safe_dump(document),
        content_type="application/yaml",
    )

    assert response.status_code == 201, response.content
    change = response.json()
    assert change["title"] == "Drop segment"
    assert change["status"] == "draft"
    assert [(i["kind"], i["key"]) for i in change["items"]] == [
        ("mapping_delete", "mapping:lead_scorer.segment->contacts.ai_segment")
    ]
    catalog.refresh_from_db()
    assert catalog.catalog_version == 1


def test_import_plain_text_body(catalog, api):
    response = api.generic(
        "POST",
        f"{API}/connections/{catalog.pk}/catalog/import/",
        "ownership: []\nmappings: []\n",
        content_type="text/plain",
    )

    assert response.status_code == 201
    assert len(response.json()["items"]) == 6


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("mappings: [unclosed\n", "The file is not valid YAML at line"),
        ("- just\n- a list\n", "The YAML must be a mapping"),
        ("connection: someone-else\n", "This YAML describes connection 'someone-else'"),
        (
            "mappings:\n- {source_system: s, source_key: k, object: deals, field: amount}\n",
            "unknown object 'deals'",
        ),
        ("   \n", "The request body holds no YAML catalog."),
    ],
)
def test_bad_yaml_is_refused_and_nothing_is_drafted(catalog, api, text, detail):
    from mappings_app.models import ChangeRequest

    drafts_before = ChangeRequest.objects.count()

    response = api.generic(
        "POST", f"{API}/connections/{catalog.pk}/catalog/import/", text, content_type="application/yaml"
    )

    assert response.status_code == 400, response.content
    body = response.json()
    assert detail in body["detail"] + " ".join(body.get("problems", []))
    assert ChangeRequest.objects.count() == drafts_before


def test_json_import_without_yaml_is_refused(catalog, api):
    response = api.post(
        f"{API}/connections/{catalog.pk}/catalog/import/", json.dumps({}), content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["detail"] == "Invalid input: yaml: This field is required."


def test_yaml_error_bodies_follow_content_negotiation(catalog, client_for):
    client = client_for("integration")
    path = f"{API}/connections/{catalog.pk}/catalog/export/"

    as_json = client.get(path)
    as_yaml = client.get(path, HTTP_ACCEPT="application/yaml")

    assert as_json.status_code == as_yaml.status_code == 403
    assert as_json.json()["detail"]
    assert yaml.safe_load(as_yaml.content)["detail"] == "You do not have permission to read the catalog."


def test_the_export_matches_the_document_its_schema_declares(catalog, api):
    from openapi_schema_validator import OAS30Validator

    schema = yaml.safe_load(api.get("/api/schema/").content)
    declared = schema["paths"]["/api/v1/connections/{id}/catalog/export/"]["get"]["responses"]["200"]
    document_schema = {
        **declared["content"]["application/yaml"]["schema"],
        "components": schema["components"],
    }
    document = yaml.safe_load(api.get(f"{API}/connections/{catalog.pk}/catalog/export/").content)
    assert document["mappings"] and document["ownership"]
    OAS30Validator(document_schema).validate(document)  # raises on the first difference
    assert not OAS30Validator(document_schema).is_valid({**document, "mappings": "all of them"})
