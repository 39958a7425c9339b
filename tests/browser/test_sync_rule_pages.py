"""Trigger rules and webhook endpoints in headless Chromium: an admin creates a rule (a bad param first),
disables it and dry-runs it; a viewer reads without edit controls; secrets never reach the page.

Screenshots go to $SCREENSHOT_DIR when it is set (to look at the pages), else to the test's tmp dir."""

import os
from pathlib import Path

import pytest

from crmhub.sync import webhooks
from crmhub.sync.models import TriggerRule, WebhookEndpoint, WebhookEvent
from crmhub.writeback.models import InboundRecord
from mappings_app.models import Flow
from tests import factories

SECRET = "hs-secret-never-shown"


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return lambda page, name: page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


@pytest.fixture
def hub(transactional_db, users, connection, contact_fields):
    endpoint = WebhookEndpoint.objects.create(connection=connection, secrets={"client_secret": SECRET})
    WebhookEvent.objects.create(
        connection=connection,
        provider="hubspot",
        event_id="77",
        event_type="contact.propertyChange",
        action="change",
        object_name="contacts",
        record_ids=["1001"],
        changed_fields={"lifecyclestage": {"new": "customer"}},
        payload={"eventId": 77},
        status="processed",
    )
    webhooks.webhook_rejection_record(
        endpoint=endpoint, rejection=webhooks.WebhookRejected("Signature does not match.")
    )
    flow = Flow.objects.create(
        connection=connection,
        name="lead scores",
        source_system="lead_scorer",
        crm_object=contact_fields["email"].crm_object,
    )
    InboundRecord.objects.create(
        integration_user=users["integration"],
        flow=flow,
        external_id="e1",
        idempotency_key="k1",
        crm_id="1001",
        values={"score": 91},
        status="completed",
    )
    return connection


def test_an_admin_creates_disables_and_dry_runs_a_rule(live_server, page, sign_in, hub, shots):
    sign_in("alice", factories.PASSWORD)
    page.goto(f"{live_server.url}/sync/rules/")
    page.get_by_role("link", name="New rule").click()
    page.fill("#id_name", "rescore hot leads")
    page.select_option("#id_connection", str(hub.pk))
    page.fill("#id_object_name", "contacts")
    page.select_option("#id_condition_kind", "inbound_output")
    page.fill("#id_field_name", "score")
    page.select_option("#id_operator", "greater_than")
    page.fill("#id_value", "80")
    page.select_option("#id_action_kind", "outbound_webhook")
    page.fill("#id_action_params", '{"url": "ftp://scorer"}')
    page.fill("#id_signing_secret", "whsec-browser")
    page.get_by_role("button", name="Create the rule").click()
    page.wait_for_load_state("networkidle")
    assert "http(s) address" in page.locator(".fielderror, .errorbox").all_inner_texts()[0]
    shots(page, "rule_form_error")
    assert not TriggerRule.objects.exists()
    page.fill("#id_action_params", '{"url": "https://scorer.example/rescore"}')
    page.fill("#id_signing_secret", "whsec-browser")  # never rendered back: typed again
    page.get_by_role("button", name="Create the rule").click()
    page.wait_for_load_state("networkidle")
    row = page.locator("#rules tbody tr").first
    assert "rescore hot leads" in row.inner_text() and "Enabled" in row.inner_text()
    row.get_by_role("button", name="Disable").click()
    page.wait_for_load_state("networkidle")
    assert "Disabled" in page.locator("#rules tbody tr").first.inner_text()
    shots(page, "rule_list")
    page.locator("#rules tbody tr").first.get_by_role("link", name="Test").click()
    page.fill("#id_crm_id", "1001")
    page.get_by_role("button", name="Run the dry run").click()
    page.wait_for_load_state("networkidle")
    result = page.locator("#dry-run-result").inner_text()
    assert "matches" in result and "Would POST a rescore request" in result and "signed" in result
    shots(page, "rule_dry_run")
    assert "whsec-browser" not in page.content()
    assert TriggerRule.objects.get().secret == {"signing_secret": "whsec-browser"}
    assert page.console_errors == []


def test_a_viewer_reads_rules_and_endpoints_without_controls_or_secrets(
    live_server, page, sign_in, hub, shots
):
    TriggerRule.objects.create(
        name="owner for customers",
        connection=hub,
        object_name="contacts",
        condition_kind="crm_field_change",
        field_name="lifecyclestage",
        operator="equals",
        value="customer",
        action_kind="assign_owner",
        action_params={"owner_id": "42"},
    )
    sign_in("victor", factories.PASSWORD)
    page.goto(f"{live_server.url}/sync/rules/")
    assert "owner for customers" in page.locator("#rules").inner_text()
    assert page.get_by_role("link", name="New rule").count() == 0
    assert page.get_by_role("link", name="Edit").count() == 0
    page.get_by_role("link", name="Webhook endpoints").click()
    page.wait_for_load_state("networkidle")
    card = page.locator("section.endpoint").first
    text = card.inner_text()
    token = WebhookEndpoint.objects.get().token
    # A viewer sees the endpoint's state, never its URL (issue 14: the token lets deliveries in).
    assert token not in page.content() and "Shown to admins only" in text and "client_secret: set" in text
    assert "1 in the last 24 hours" in text and "Signature does not match." in text
    assert SECRET not in page.content()
    assert page.get_by_role("link", name="Manage secrets").count() == 0
    shots(page, "webhook_endpoints")
    assert page.console_errors == []
