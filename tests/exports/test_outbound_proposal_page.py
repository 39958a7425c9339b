"""A sales-ops person sends a CRM field to a destination from the field's page: the proposal lands in a draft
change request as an outbound mapping (four-eyes as every catalog change), a value map is entered line by line
(no JSON), and once applied the field page lists where the field goes."""

import pytest
from django.urls import reverse

from crmhub.exports.models import Destination, DestinationKind, WarehouseType
from mappings_app import services
from mappings_app.models import ChangeRequest, CrmField, CrmObject, OutboundMapping
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def field_world(client):
    users = factories.role_users()
    connection = factories.make_connection()
    contacts = CrmObject.objects.create(connection=connection, name="contacts", label="Contacts")
    stage = CrmField.objects.create(
        crm_object=contacts, name="lifecyclestage", label="Lifecycle stage", field_type="picklist"
    )
    Destination.objects.create(
        name="analytics",
        kind=DestinationKind.WAREHOUSE,
        warehouse_type=WarehouseType.DUCKDB,
        allowed_data_classes=["operational"],
    )
    factories.sign_in(client, "alice")
    return users, connection, stage


def _propose(client, field, **values):
    data = {
        "out-change_request": "new",
        "out-new_title": "Stages to the warehouse",
        "out-destination": "analytics",
        "out-target": "stage",
        "out-target_type": "text",
        "out-transform": "value_map",
        "out-value_map": "salesqualifiedlead = SQL\nmarketingqualifiedlead = MQL\n",
        "out-null_policy": "send_null",
    }
    data.update({f"out-{name}": value for name, value in values.items()})
    return client.post(reverse("mappings:field-propose", args=[field.pk, "outbound"]), data)


def test_a_field_is_proposed_for_a_destination_and_listed_once_applied(client, field_world):
    users, _connection, stage = field_world
    page = client.get(reverse("mappings:field-detail", args=[stage.pk]))
    assert "This field is sent to no warehouse or CDP." in page.content.decode()
    assert "Propose sending this field to a destination" in page.content.decode()
    answer = _propose(client, stage)
    assert answer.status_code == 302, answer.content.decode()[-2000:]
    change = ChangeRequest.objects.get(title="Stages to the warehouse")
    item = change.items.get()
    assert item.after["destination"] == "analytics" and item.after["target"] == "stage"
    assert item.after["transform_params"] == {
        "map": {"salesqualifiedlead": "SQL", "marketingqualifiedlead": "MQL"}
    }
    services.change_request_submit(change=change, actor=users["admin"])
    services.change_request_approve(change=change, approver=users["approver"])
    services.change_request_apply(change=change, actor=users["approver"])
    mapping = OutboundMapping.objects.get(crm_field=stage)
    assert (mapping.destination.name, mapping.target, mapping.transform) == (
        "analytics",
        "stage",
        "value_map",
    )
    listed = client.get(reverse("mappings:field-detail", args=[stage.pk])).content.decode()
    assert "Sent from this field to destinations" in listed and "Value map" in listed


def test_a_value_map_without_lines_or_with_a_bad_line_is_refused(client, field_world):
    _users, _connection, stage = field_world
    empty = _propose(client, stage, value_map="")
    assert "A value map needs at least one line." in empty.content.decode()
    bad = _propose(client, stage, value_map="SQL\n")
    assert "Line 1: write CRM value = value sent." in bad.content.decode()
    assert not ChangeRequest.objects.exists()
