"""Discovery into the catalog: mappings_app.schema_sync and the crm_discover / crm_read commands."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from crmhub.connectors import FieldSchema, ObjectSchema
from mappings_app.management.commands import crm_discover, crm_read
from mappings_app.models import CrmField, CrmObject
from mappings_app.schema_sync import crm_schema_sync
from tests import factories
from tests.connectors.fakes import ScriptedTransport


def contacts(*fields):
    return [ObjectSchema("contacts", "Contacts", list(fields))]


EMAIL = FieldSchema("email", "Email", "email")
SCORE = FieldSchema("ai_score", "AI score", "number")


def test_first_discovery_creates_objects_and_fields(connection):
    summary = crm_schema_sync(connection=connection, schemas=contacts(EMAIL, SCORE))
    assert summary.objects_created == ["contacts"]
    assert sorted(summary.fields_created) == ["contacts.ai_score", "contacts.email"]
    row = CrmField.objects.get(crm_object__connection=connection, name="ai_score")
    assert row.field_type == "number" and row.history.first().history_change_reason == "CRM schema discovery"


def test_vanished_field_is_marked_deleted_and_comes_back_restored(connection):
    crm_schema_sync(connection=connection, schemas=contacts(EMAIL, SCORE))
    summary = crm_schema_sync(connection=connection, schemas=contacts(EMAIL))
    assert summary.fields_deleted == ["contacts.ai_score"]
    assert CrmField.objects.get(name="ai_score").is_deleted
    summary = crm_schema_sync(connection=connection, schemas=contacts(EMAIL, SCORE))
    assert summary.fields_restored == ["contacts.ai_score"]
    assert not CrmField.objects.get(name="ai_score").is_deleted


def test_changed_fields_are_updated_and_retypes_reported(connection):
    crm_schema_sync(connection=connection, schemas=contacts(EMAIL, SCORE))
    retyped = FieldSchema("ai_score", "AI score", "string", max_length=255, writable=False)
    summary = crm_schema_sync(connection=connection, schemas=contacts(EMAIL, retyped))
    assert summary.fields_updated == ["contacts.ai_score"]
    assert summary.retyped == ["contacts.ai_score: number -> string"]
    row = CrmField.objects.get(name="ai_score")
    assert (row.field_type, row.max_length, row.writable) == ("string", 255, False)
    assert crm_schema_sync(connection=connection, schemas=contacts(EMAIL, retyped)).fields_updated == []


def test_objects_not_discovered_are_left_alone(connection, contact_fields):
    crm_schema_sync(connection=connection, schemas=[ObjectSchema("companies", "Companies", [EMAIL])])
    assert not CrmField.objects.filter(crm_object__name="contacts", is_deleted=True).exists()
    assert CrmObject.objects.filter(connection=connection).count() == 2


@pytest.fixture
def scripted(monkeypatch):
    transport = ScriptedTransport()

    def connector_on_transport(connection, **kwargs):
        from crmhub.connectors import get_connector

        return get_connector(connection, transport=transport, **kwargs)

    monkeypatch.setattr(crm_discover, "get_connector", connector_on_transport)
    monkeypatch.setattr(crm_read, "get_connector", connector_on_transport)
    return transport


def test_crm_discover_command_upserts_the_catalog(db, scripted):
    factories.make_connection(name="acme")
    scripted.add(
        "GET",
        "/crm/v3/properties/contacts",
        (200, {"results": [{"name": "email", "label": "Email", "type": "string", "fieldType": "text"}]}),
    )
    out = StringIO()
    call_command("crm_discover", "acme", "--objects", "contacts", "--local-budget", stdout=out)
    assert "contacts: 1 fields" in out.getvalue() and "1 fields created" in out.getvalue()
    assert CrmField.objects.get(crm_object__name="contacts").field_type == "email"


def test_crm_read_command_prints_progress(db, scripted):
    factories.make_connection(name="acme")
    hit = {"id": "1", "properties": {"email": "a@x.com", "lastmodifieddate": "2026-01-02T00:00:00.000Z"}}
    scripted.add("POST", "/crm/v3/objects/contacts/search", (200, {"total": 1, "results": [hit]}))
    out = StringIO()
    call_command(
        "crm_read",
        "acme",
        "contacts",
        "--since",
        "2026-01-01T00:00:00Z",
        "--fields",
        "email",
        "--local-budget",
        stdout=out,
    )
    assert "page 1: 1 records" in out.getvalue()
    assert "1 records in 1 pages" in out.getvalue()


def test_crm_read_rejects_unknown_connection_and_bad_since(db):
    with pytest.raises(CommandError, match="No CRM connection"):
        call_command("crm_read", "nope", "contacts", "--since", "2026-01-01T00:00:00Z")
    factories.make_connection(name="acme")
    with pytest.raises(CommandError, match="not an ISO 8601"):
        call_command("crm_read", "acme", "contacts", "--since", "yesterday")
