"""The demo data loads, is idempotent, and fills the dashboards' history."""

from io import StringIO

from django.core.management import call_command

from crmhub.models import CrmConnection
from mappings_app.models import ChangeRequest, ChangeStatus, Flow
from monitoring_app.models import MetricPoint


def test_seed_demo_builds_connections_catalogs_flows_and_a_pending_change(db):
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())  # twice: idempotent

    assert CrmConnection.objects.count() == 3
    hubspot = CrmConnection.objects.get(name="Acme HubSpot")
    assert hubspot.catalog_version == 1
    assert hubspot.crm_objects.filter(name="contacts").exists()
    assert ChangeRequest.objects.filter(status=ChangeStatus.SUBMITTED).count() == 1
    assert Flow.objects.count() == 3

    call_command("monitoring_demo", days=2, stdout=StringIO())
    assert MetricPoint.objects.exists()
