"""The demo data loads, is idempotent, and fills the dashboards' history; the demo sandbox sends its rep edits
to the hub's webhook receivers."""

import random
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from crm_sandbox import Sandbox
from crm_sandbox.demo.management.commands.crm_sandbox import ACCOUNTS, attach_hub_webhooks
from crm_sandbox.demo.management.commands.seed_demo import DEMO_SEED
from crmhub.connectors import get_connector
from crmhub.connectors.ratelimit import RateBudget
from crmhub.core.connectors import connector_factory
from crmhub.exports.models import Destination
from crmhub.models import CrmConnection
from crmhub.sync import jobs
from crmhub.sync.models import WebhookEndpoint, WebhookEvent, WebhookEventStatus
from mappings_app.models import ChangeRequest, ChangeStatus, Flow
from monitoring_app.models import MetricPoint


@pytest.fixture(autouse=True)
def _demo_mode(settings):
    settings.DEBUG = True


@pytest.mark.parametrize("command", ["seed_demo", "run_demo", "demo_traffic", "monitoring_demo"])
def test_demo_commands_refuse_to_run_without_debug(db, settings, command):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refuses to run without DEBUG"):
        call_command(command, stdout=StringIO())
    assert not User.objects.filter(username="alice").exists()


SECRET_NAMES = {
    "hubspot": {"client_secret"},
    "pipedrive": {"username", "password"},
    "salesforce": {"shared_secret", "organization_id", "outbound_secret"},
}


def test_seed_demo_builds_connections_catalogs_flows_and_a_pending_change(db):
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())  # twice: idempotent

    assert CrmConnection.objects.count() == 3
    hubspot = CrmConnection.objects.get(name="Acme HubSpot")
    # v1: the write-back catalog; v2: contacts, companies and deals into the DuckDB warehouse (issue #18)
    assert hubspot.catalog_version == 2
    warehouse = Destination.objects.get(name="Analytics warehouse")
    assert warehouse.warehouse_type == "duckdb" and warehouse.outbound_mappings.count() > 0
    assert hubspot.crm_objects.filter(name="contacts").exists()
    assert ChangeRequest.objects.filter(status=ChangeStatus.SUBMITTED).count() == 1
    assert Flow.objects.count() == 3

    call_command("monitoring_demo", days=2, stdout=StringIO())
    assert MetricPoint.objects.exists()


def test_seed_demo_gives_each_connection_a_webhook_endpoint_with_its_providers_secrets(db):
    call_command("seed_demo", stdout=StringIO())
    first = {
        e.connection.name: (e.token, e.secrets) for e in WebhookEndpoint.objects.select_related("connection")
    }
    call_command("seed_demo", stdout=StringIO())
    second = {
        e.connection.name: (e.token, e.secrets) for e in WebhookEndpoint.objects.select_related("connection")
    }

    assert second == first  # a second run keeps the tokens and the secrets
    assert set(first) == {"Acme HubSpot", "Acme Pipedrive", "Acme Salesforce"}
    for endpoint in WebhookEndpoint.objects.select_related("connection"):
        assert endpoint.enabled
        assert set(endpoint.secrets) == SECRET_NAMES[endpoint.connection.provider]
        assert all(endpoint.secrets.values())
    secrets = [e.secrets for e in WebhookEndpoint.objects.all()]
    assert len({s.get("client_secret") or s.get("password") or s["shared_secret"] for s in secrets}) == 3


def test_the_sandboxs_rep_edits_reach_the_hubs_receivers_and_are_processed(db, client):
    sandbox = Sandbox(seed=DEMO_SEED)
    call_command("seed_demo", sandbox_url=sandbox.base_host, stdout=StringIO())
    for name, provider in ACCOUNTS:
        sandbox.add_account(provider, name=name, contacts=5, companies=2, deals_per_company=1)

    delivered = []

    def deliver(url, headers, body):
        assert url.startswith("http://testserver/webhooks/")
        response = client.post(
            urlsplit(url).path, data=body, content_type="application/json", headers=headers
        )
        delivered.append(response)
        return response.status_code

    emitters = attach_hub_webhooks(sandbox, hub_url="http://testserver/", deliver=deliver)
    assert set(emitters) == {name for name, _ in ACCOUNTS}

    def build(connection):
        return get_connector(connection, transport=sandbox.transport(), rate_budget=RateBudget.in_memory())

    rng = random.Random(1)
    with jobs.use_dispatcher(jobs.InlineDispatcher()) as dispatcher, connector_factory(build):
        for account in sandbox.accounts.values():
            crm_id = account.record_ids("contacts")[0]
            account.rep_edit("contacts", crm_id, account.provider.rep_edit_values(account, "contacts", rng))
        hubspot = sandbox.accounts["acme-hubspot"]
        loser, winner = hubspot.record_ids("contacts")[1:3]
        hubspot.merge("contacts", loser, winner)
        dispatcher.drain()

    assert [r.status_code for r in delivered] == [200] * len(delivered)
    assert all(emitter.statuses and set(emitter.statuses) == {200} for emitter in emitters.values())
    providers = set(WebhookEvent.objects.values_list("provider", flat=True))
    assert providers == {"hubspot", "pipedrive", "salesforce"}
    assert set(WebhookEvent.objects.values_list("status", flat=True)) == {WebhookEventStatus.PROCESSED}
    assert WebhookEvent.objects.filter(provider="hubspot", action="merge").exists()
