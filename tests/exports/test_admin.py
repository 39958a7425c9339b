"""The exports' records in the Django admin: listed and viewable by staff, read-only, credentials and CRM
record values never shown."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from crmhub.exports.models import Destination, DestinationKind, ExportFailedRow, ExportRun
from tests import factories

MODELS = [
    "destination",
    "exportrun",
    "exportfailedrow",
    "reconciliationrun",
    "suppressiondelivery",
    "recordconsentstate",
    "stageseen",
    "exportpage",
    "exportbatch",
]


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser("root", "root@example.com", "pw-long-enough-123")


def test_every_exports_model_lists_and_nothing_can_be_added_there(client, staff):
    client.force_login(staff)
    for model in MODELS:
        assert client.get(reverse(f"admin:exports_{model}_changelist")).status_code == 200, model
        assert client.get(reverse(f"admin:exports_{model}_add")).status_code == 403, model


def test_a_destination_shows_without_its_credentials_and_cannot_be_changed(client, staff):
    destination = Destination.objects.create(
        name="segment-prod", kind=DestinationKind.CDP, credentials={"write_key": "wk-very-secret"}
    )
    connection = factories.make_connection(name="crm")
    run = ExportRun.objects.create(destination=destination)
    ExportFailedRow.objects.create(
        run=run,
        destination=destination,
        connection=connection,
        object_name="contacts",
        crm_id="7",
        reason="refused",
        record={"id": "7", "values": {"email": "person@example.com"}},
    )
    client.force_login(staff)
    page = client.get(reverse("admin:exports_destination_change", args=[destination.pk])).content.decode()
    assert "segment-prod" in page and "wk-very-secret" not in page
    row = ExportFailedRow.objects.get()
    page = client.get(reverse("admin:exports_exportfailedrow_change", args=[row.pk])).content.decode()
    assert "refused" in page and "person@example.com" not in page
    response = client.post(
        reverse("admin:exports_destination_change", args=[destination.pk]), {"name": "renamed"}
    )
    assert response.status_code == 403
    destination.refresh_from_db()
    assert destination.name == "segment-prod"
