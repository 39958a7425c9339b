"""HubSpot marks every app's write with that app's id (history `sourceType` INTEGRATION + `sourceId`, webhook
`changeSource` + `sourceId`). Through the sandbox's real HTTP server: the hub learns its own app id from its
token's metadata, ignores the echoes of its own writes, and takes another app's API write (an enrichment tool
installed in the same portal) for someone else's edit, as it takes a rep's."""

from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx
import pytest

from crm_sandbox import ManualClock, Sandbox
from crm_sandbox.hubspot import another_app
from crm_sandbox.server import serve_in_thread
from crm_sandbox.webhooks import WebhookEmitter
from crmhub.connectors import RecordUpdate, get_connector
from crmhub.connectors.ratelimit import RateBudget
from crmhub.core import clock as hub_clock
from crmhub.core.connectors import connector_factory
from crmhub.models import CrmConnection
from crmhub.sync import jobs
from crmhub.sync.models import WebhookEndpoint, WebhookEvent, WebhookEventStatus
from tests import factories

START = datetime(2026, 11, 3, 9, 0, tzinfo=UTC)
SECRETS = {"client_secret": "hs-secret"}


@pytest.fixture
def portal(db):
    """(sandbox account, hub connection without an app id, webhook deliveries, connector builder)."""
    sandbox = Sandbox(seed=13, clock=ManualClock(START))
    running = serve_in_thread(sandbox, port=0)
    account = sandbox.add_account("hubspot", name="echo-portal", contacts=12, companies=2)
    credentials = {key: value for key, value in account.credentials.items() if key != "app_id"}
    connection = factories.make_connection(
        name="echo-portal",
        provider="hubspot",
        base_url=account.base_url,
        api_version=account.api_version,
        credentials={**credentials, "oauth_url": account.base_url},
    )
    endpoint = WebhookEndpoint.objects.create(connection=connection, secrets=SECRETS)
    deliveries: list[tuple[str, dict, bytes]] = []  # sent by the server's thread, replayed on this one

    def record(url, headers, body) -> int:
        deliveries.append((url, headers, body))
        return 204

    url = f"http://testserver/webhooks/hubspot/{endpoint.token}/"
    account.webhooks = WebhookEmitter(account, url=url, secrets=SECRETS, deliver=record)

    def build(conn):
        budget = RateBudget.in_memory(f"app-echo-{conn.pk}")
        return get_connector(conn, rate_budget=budget, timeout=10)

    yield account, connection, deliveries, build
    running.shutdown()


def replay(client, deliveries) -> None:
    for target, headers, body in deliveries:
        status = client.post(
            urlsplit(target).path, data=body, content_type="application/json", headers=headers
        )
        assert status.status_code in (200, 202, 204), status.content
    deliveries.clear()


def test_the_hub_learns_its_app_and_tells_its_echoes_from_another_apps_write(portal, client):
    account, connection, deliveries, build = portal
    ours, theirs, reps = [str(i) for i in account.record_ids("contacts")[:3]]
    with build(connection) as connector:
        assert connector.write("contacts", [RecordUpdate(ours, {"jobtitle": "Written by the hub"})])[0].ok

    enricher = another_app(account)
    answer = httpx.post(
        f"{account.base_url}/crm/v3/objects/contacts/batch/update",
        json={"inputs": [{"id": theirs, "properties": {"jobtitle": "Written by an enrichment app"}}]},
        headers={"Authorization": f"Bearer {enricher['access_token']}"},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    account.rep_edit("contacts", reps, {"jobtitle": "Typed by a rep"})

    payloads = [event for _, _, body in deliveries for event in httpx.Response(200, content=body).json()]
    sources = {str(event["objectId"]): (event["changeSource"], event["sourceId"]) for event in payloads}
    assert sources[ours] == ("INTEGRATION", str(account.app_id))
    assert sources[theirs] == ("INTEGRATION", enricher["app_id"])
    assert sources[reps][0] == "CRM_UI"

    assert "app_id" not in CrmConnection.objects.get(pk=connection.pk).credentials
    with (
        jobs.use_dispatcher(jobs.InlineDispatcher()),
        connector_factory(build),
        hub_clock.use_clock(account.sandbox.clock.now),
    ):
        replay(client, deliveries)
    # The first app-sourced event made the hub learn its app id (GET /oauth/v1/access-tokens/{token}).
    assert CrmConnection.objects.get(pk=connection.pk).credentials["app_id"] == str(account.app_id)
    events = {event.record_ids[0]: event for event in WebhookEvent.objects.filter(connection=connection)}
    assert events[ours].status == WebhookEventStatus.IGNORED
    assert events[theirs].status != WebhookEventStatus.IGNORED
    assert events[reps].status != WebhookEventStatus.IGNORED


def test_field_history_counts_another_apps_write_as_someone_elses_edit(portal):
    account, connection, _, build = portal
    ours, theirs = [str(i) for i in account.record_ids("contacts")[:2]]
    enricher = another_app(account)
    with build(connection) as connector:
        assert connector.write("contacts", [RecordUpdate(ours, {"jobtitle": "Written by the hub"})])[0].ok
        httpx.patch(
            f"{account.base_url}/crm/v3/objects/contacts/{theirs}",
            json={"properties": {"jobtitle": "Written by an enrichment app"}},
            headers={"Authorization": f"Bearer {enricher['access_token']}"},
            timeout=10,
        ).raise_for_status()
        edits = connector.field_history("contacts", [ours, theirs], ["jobtitle"])
        newest = {
            rid: max((e for e in edits if e.record_id == rid), key=lambda e: e.edited_at)
            for rid in (ours, theirs)
        }
        assert (newest[ours].by_human, newest[ours].actor) == (False, str(account.app_id))
        assert (newest[theirs].by_human, newest[theirs].actor) == (True, enricher["app_id"])
        human = connector.last_human_edits("contacts", [theirs], ["jobtitle"])
        assert human[theirs]["jobtitle"] == newest[theirs].edited_at


def test_while_our_app_is_unknown_no_apps_write_is_taken_for_ours(portal):
    account, connection, _, build = portal
    ours = str(account.record_ids("contacts")[0])
    with build(connection) as connector:
        assert connector.write("contacts", [RecordUpdate(ours, {"jobtitle": "Written by the hub"})])[0].ok
        # A token HubSpot does not know: the metadata lookup fails (404); the history read refreshes it.
        connection.credentials["access_token"] = "not-a-token-hubspot-knows"
        connection.save(update_fields=["credentials"])
        edits = connector.field_history("contacts", [ours], ["jobtitle"])
    newest = max(edits, key=lambda edit: edit.edited_at)
    assert (newest.by_human, newest.actor) == (True, str(account.app_id))  # never overwritten on a guess
    assert "app_id" not in CrmConnection.objects.get(pk=connection.pk).credentials
