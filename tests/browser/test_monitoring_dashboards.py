"""The monitoring dashboards load in headless Chromium with their plotly charts drawn and no console error."""

from datetime import timedelta

import pytest
from django.utils import timezone

from crmhub.writeback.models import InboundRecord, WriteOutcome
from mappings_app.models import Flow
from monitoring_app import demo, services
from tests import factories


@pytest.fixture
def monitored_flow(transactional_db, users, connection, contact_fields):
    factories.apply_change(connection, users["admin"], users["approver"], factories.score_catalog_ops())
    flow = Flow.objects.create(
        connection=connection,
        name="lead scores",
        source_system="lead_scorer",
        crm_object=contact_fields["email"].crm_object,
    )
    now = timezone.now()
    for index in range(60):
        record = InboundRecord.objects.create(
            integration_user=users["integration"],
            flow=flow,
            external_id=f"e{index}",
            idempotency_key=f"k{index}",
        )
        at = now - timedelta(days=2) if index < 30 else now - timedelta(hours=1)
        value = index if index < 30 else index + 10
        WriteOutcome.objects.create(
            inbound=record,
            flow=flow,
            source_key="score",
            target_name="ai_lead_score",
            raw_value=value,
            planned_value=value,
            status="written",
            finished_at=at,
        )
    services.baseline_set(
        flow=flow,
        field_name="ai_lead_score",
        period_start=now - timedelta(days=3),
        period_end=now - timedelta(days=1),
        actor=users["admin"],
    )
    demo.points_generate(
        flows=[flow], days=14, now=now, fields={flow.pk: [("ai_lead_score", True), ("ai_segment", False)]}
    )
    return flow


def _charts_drawn(page) -> int:
    page.wait_for_selector(".chart .main-svg", timeout=15_000)
    return page.locator(".chart .main-svg").count()


def test_overview_draws_its_chart_and_traffic_lights(live_server, page, sign_in, monitored_flow):
    sign_in("victor", factories.PASSWORD)
    page.goto(f"{live_server.url}/monitoring/")
    page.wait_for_load_state("networkidle")
    assert _charts_drawn(page) >= 1
    assert page.locator("#flow-lights .light").count() == 1
    assert "lead scores" in page.locator("#flow-lights").inner_text()
    assert page.console_errors == []


def test_flow_page_draws_every_time_series_and_the_distribution(live_server, page, sign_in, monitored_flow):
    sign_in("victor", factories.PASSWORD)
    page.goto(f"{live_server.url}/monitoring/flows/{monitored_flow.pk}/?days=7")
    page.wait_for_load_state("networkidle")
    _charts_drawn(page)
    charts = page.locator(".chart")
    drawn = page.locator(".chart svg.main-svg")
    assert charts.count() == 11  # ten series and the distribution
    assert all(charts.nth(i).locator("svg").count() > 0 for i in range(charts.count()))
    assert drawn.count() >= charts.count()
    assert page.locator("#chart-dist-0 .bars path").count() > 0
    assert page.console_errors == []


def test_admin_acknowledges_from_the_alert_page(live_server, page, sign_in, monitored_flow):
    monitored_flow.connection.status = "paused"
    monitored_flow.connection.save()
    services.alerts_evaluate(judgements=services.state_judgements(), now=timezone.now())
    sign_in("alice", factories.PASSWORD)
    page.goto(f"{live_server.url}/monitoring/alerts/")
    page.locator("table a").first.click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Acknowledge").click()
    page.wait_for_load_state("networkidle")
    assert "Acknowledged" in page.locator("main").inner_text()
    assert page.console_errors == []
