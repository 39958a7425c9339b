"""An admin connects a HubSpot account in headless Chromium: OAuth on the CRM sandbox's consent endpoint (a real
HTTP server), a test call, schema discovery, activation; and sees a wrong token explained in plain words."""

import pytest

from crm_sandbox import Sandbox
from crm_sandbox.server import serve_in_thread
from crmhub.models import ConnectionStatus, CrmConnection
from mappings_app.models import CrmField
from tests import factories
from tests.browser.widths import shoot_at_widths, shots_folder


@pytest.fixture
def shots(tmp_path):
    folder = shots_folder(tmp_path)
    return lambda page, name: shoot_at_widths(page, folder, name)


@pytest.fixture
def served():
    sandbox = Sandbox(seed=11)
    server = serve_in_thread(sandbox)  # a free port on 127.0.0.1
    yield sandbox
    server.shutdown()


def test_an_admin_connects_hubspot_through_oauth_and_discovers_its_schema(
    live_server, page, sign_in, users, served, shots
):
    account = served.add_account("hubspot", name="acme-hubspot", contacts=3, companies=1)
    sign_in("alice", factories.PASSWORD)
    page.goto(f"{live_server.url}/connections/")
    page.get_by_role("link", name="Connect a CRM").click()
    page.get_by_text("HubSpot", exact=True).click()
    page.fill("#id_name", "Acme HubSpot")
    shots(page, "wizard-1-provider")
    page.get_by_role("button", name="Next: sign in").click()
    page.wait_for_load_state("networkidle")

    assert "/connections/oauth/callback/" in page.locator("code.redirect-uri").inner_text()
    assert page.locator(".fielderror").count() == 0  # nothing is wrong before anything was sent
    oauth = page.locator("section", has=page.get_by_role("heading", name="Sign in with OAuth"))
    oauth.get_by_label("Client id").fill(account.client_id)
    oauth.get_by_label("Client secret").fill(account.client_secret)
    oauth.get_by_label("Consent page host").fill(account.base_url)
    oauth.get_by_label("API URL").fill(account.base_url)
    shots(page, "wizard-2-sign-in")
    oauth.get_by_role("button", name="Sign in with HubSpot").click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("link", name="Continue to HubSpot").click()  # -> the sandbox's consent -> our callback
    page.wait_for_url("**/test/")
    assert "Signed in to HubSpot" in page.locator(".messages").inner_text()

    page.get_by_role("button", name="Test the connection").click()
    page.wait_for_load_state("networkidle")
    assert "It works." in page.locator(".test-result").inner_text()
    shots(page, "wizard-3-test")
    page.get_by_role("link", name="Next: discover the schema").click()
    page.get_by_label("deals").uncheck()
    page.get_by_role("button", name="Discover").click()
    page.wait_for_load_state("networkidle")
    rows = page.locator("table.discovered tbody tr")
    assert rows.count() == 2 and "contacts" in rows.first.inner_text()
    shots(page, "wizard-4-discover")
    page.get_by_role("button", name="Finish: activate Acme HubSpot").click()
    page.wait_for_load_state("networkidle")

    connection = CrmConnection.objects.get(name="Acme HubSpot")
    assert connection.status == ConnectionStatus.ACTIVE
    assert connection.credentials["access_token"] != account.credentials["access_token"]  # a token of its own
    assert connection.credentials["refresh_token"] and connection.credentials["client_secret"]
    assert CrmField.objects.filter(crm_object__connection=connection, crm_object__name="companies").exists()
    assert account.credentials["access_token"] not in page.content()
    shots(page, "connections-list")
    assert page.console_errors == []


def test_a_wrong_token_is_explained_and_the_admin_can_go_back(
    live_server, page, sign_in, users, served, shots
):
    account = served.add_account("pipedrive", name="acme-pd", contacts=2, companies=1)
    sign_in("alice", factories.PASSWORD)
    page.goto(f"{live_server.url}/connections/new/")
    page.get_by_text("Pipedrive", exact=True).click()
    page.fill("#id_name", "Acme Pipedrive")
    page.get_by_role("button", name="Next: sign in").click()
    page.wait_for_load_state("networkidle")
    page.fill("#id_token-token", "wrong-token")
    page.fill("#id_token-base_url", account.base_url)
    page.get_by_role("button", name="Save the token").click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Test the connection").click()
    page.wait_for_load_state("networkidle")

    result = page.locator(".test-result").inner_text()
    assert "Pipedrive refused the credentials: the token or code is wrong, revoked or expired" in result
    assert "wrong-token" not in page.content()
    shots(page, "wizard-3-test-failed")
    page.get_by_role("link", name="Back: sign in again").click()
    assert page.locator("h1").inner_text() == "Sign in to Pipedrive"
    assert page.console_errors == []
