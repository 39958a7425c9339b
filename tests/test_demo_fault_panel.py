"""The "break something" panel (demo mode only) turns the CRM sandbox's faults on and off through its admin API,
over real HTTP; only sales-ops admins may, and outside DEBUG the panel does not exist."""

import pytest
from django.test import Client
from django.urls import reverse

from crm_sandbox import Sandbox
from crm_sandbox.server import serve_in_thread
from tests import factories


@pytest.fixture
def served(db, settings):
    settings.DEBUG = True
    sandbox = Sandbox(seed=3)
    server = serve_in_thread(sandbox)  # a free port on 127.0.0.1
    account = sandbox.add_account("hubspot", name="acme-hubspot", contacts=3, companies=1)
    connection = factories.make_connection(name="Acme HubSpot", base_url=account.base_url)
    yield account, connection
    server.shutdown()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_admin_turns_crm_errors_on_and_clears_them(served, users):
    account, _ = served
    admin = _client(users["admin"])
    page = admin.get(reverse("demo:faults")).content.decode()
    assert 'data-account="acme-hubspot"' in page and "Every CRM call fails" in page

    response = admin.post(
        reverse("demo:fault-set"), {"account": "acme-hubspot", "fault": "errors"}, follow=True
    )
    assert account.faults.error_rate == 1.0
    assert "Acme HubSpot (acme-hubspot): Every CRM call fails" in response.content.decode()
    assert '<span class="badge outcome-dead_lettered">errors</span>' in response.content.decode()

    admin.post(reverse("demo:fault-set"), {"account": "acme-hubspot", "fault": ""})
    assert account.faults.error_rate == 0.0


def test_only_admins_in_demo_mode(served, users, settings):
    account, _ = served
    reviewer = _client(users["reviewer"])
    assert reviewer.get(reverse("demo:faults")).status_code == 403
    assert (
        reviewer.post(reverse("demo:fault-set"), {"account": "acme-hubspot", "fault": "errors"}).status_code
        == 403
    )
    assert account.faults.error_rate == 0.0
    assert "Break something" in _client(users["admin"]).get(reverse("home")).content.decode()
    settings.DEBUG = False
    assert _client(users["admin"]).get(reverse("demo:faults")).status_code == 404
    assert "Break something" not in _client(users["admin"]).get(reverse("home")).content.decode()
