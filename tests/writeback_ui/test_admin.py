"""Write-back runs and their failed values in the Django admin: listed and viewable by staff like the other
recorded runs, never added, changed or deleted there (only the pipeline's jobs write them)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from crmhub.writeback.models import RunTrigger, WritebackRun, WritebackRunFailure
from mappings_app.models import Flow
from tests import factories


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser("root", "root@example.com", "pw-long-enough-123")


@pytest.fixture
def failure(db):
    connection = factories.make_connection()
    contacts = factories.make_contact_schema(connection)["email"].crm_object
    flow = Flow.objects.create(
        connection=connection, name="scores", source_system="scorer", crm_object=contacts
    )
    run = WritebackRun.objects.create(flow=flow, trigger=RunTrigger.PROCESS, records=2, written=1)
    return WritebackRunFailure.objects.create(
        run=run, crm_id="003A", field="ai_score", status="rejected", reason="not a number"
    )


def test_runs_and_failures_list_and_show_in_the_admin(client, staff, failure):
    client.force_login(staff)
    assert client.get(reverse("admin:writeback_writebackrun_changelist")).status_code == 200
    assert client.get(reverse("admin:writeback_writebackrunfailure_changelist")).status_code == 200
    run_page = client.get(reverse("admin:writeback_writebackrun_change", args=[failure.run_id]))
    assert run_page.status_code == 200 and "not a number" in run_page.content.decode()
    failure_page = client.get(reverse("admin:writeback_writebackrunfailure_change", args=[failure.pk]))
    assert failure_page.status_code == 200 and "003A" in failure_page.content.decode()


def test_runs_and_failures_cannot_be_added_changed_or_deleted_in_the_admin(client, staff, failure):
    client.force_login(staff)
    for model in ("writebackrun", "writebackrunfailure"):
        assert client.get(reverse(f"admin:writeback_{model}_add")).status_code == 403, model
    response = client.post(
        reverse("admin:writeback_writebackrunfailure_change", args=[failure.pk]), {"reason": "edited"}
    )
    assert response.status_code == 403
    response = client.post(
        reverse("admin:writeback_writebackrun_delete", args=[failure.run_id]), {"post": "yes"}
    )
    assert response.status_code == 403
    failure.refresh_from_db()
    assert failure.reason == "not a number" and WritebackRun.objects.filter(pk=failure.run_id).exists()
