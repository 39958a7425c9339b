"""The monitoring overview shows, per destination, whether its latest comparison with the CRM agreed, and
charts the differences each reconciliation of the last days found."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from crmhub.exports.models import Destination, DestinationKind, ReconciliationRun
from tests import factories


def reconciled(destination, *, days_ago: float, differences: int) -> ReconciliationRun:
    run = ReconciliationRun.objects.create(
        destination=destination, ok=differences == 0, differences=differences, findings=[]
    )
    ReconciliationRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return run


def test_the_overview_says_which_destination_agrees_with_the_crm_and_charts_the_differences(client, db):
    users = factories.role_users()
    lake = Destination.objects.create(name="lake", kind=DestinationKind.WAREHOUSE)
    segment = Destination.objects.create(name="segment-prod", kind=DestinationKind.CDP)
    Destination.objects.create(name="new-warehouse", kind=DestinationKind.WAREHOUSE)
    reconciled(lake, days_ago=2, differences=0)
    reconciled(lake, days_ago=0.1, differences=3)  # the latest one found a planted difference
    reconciled(segment, days_ago=30, differences=0)  # agreed, but before the chart's window

    client.force_login(users["viewer"])
    html = client.get(reverse("monitoring:overview")).content.decode()

    section = html.split('id="reconciliation"', 1)[1].split("</section>", 1)[0]
    assert '<tr data-agrees="no">' in section and "3 differences" in section
    assert reverse("exports:destination-detail", args=[lake.pk]) + "#reconciliation" in section
    assert '<tr data-agrees="yes">' in section and "Agrees with the CRM" in section
    assert '<tr data-agrees="unknown">' in section and "nothing has been delivered to it" in section
    assert reverse("monitoring:runbook", args=["export_mismatch"]) in section
    chart = section.split('id="reconciliation-differences"', 1)[1]
    assert '"lake"' in chart and '"segment-prod"' not in chart  # only reconciliations of the last 7 days


def test_no_destination_says_so(client, db):
    users = factories.role_users()
    client.force_login(users["viewer"])
    html = client.get(reverse("monitoring:overview")).content.decode()
    section = html.split('id="reconciliation"', 1)[1].split("</section>", 1)[0]
    assert "No destination yet." in section
