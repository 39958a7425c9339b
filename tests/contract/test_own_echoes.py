"""End to end: the sandbox sends webhooks (Salesforce: change events) for API writes as the real CRMs do, and the
hub's receivers tell its own writes (echoes, ignored) from another integration's API writes and a rep's edits
(both processed as someone else's changes)."""

from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx
import pytest

from crm_sandbox import ManualClock, Sandbox
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
OBJECT = {"hubspot": "contacts", "pipedrive": "persons", "salesforce": "Contact"}
FIELD = {"hubspot": "jobtitle", "pipedrive": "name", "salesforce": "Title"}
SECRETS = {
    "hubspot": {"client_secret": "hs-secret"},
    "pipedrive": {"username": "hub", "password": "pd-secret"},
    "salesforce": {"shared_secret": "relay-secret"},
}


@pytest.fixture
def crm(db, client):
    """crm(provider) -> (account, connection, connector); webhooks go to the hub's receiver for the connection.
    The Pipedrive connection starts without its user id: the hub has to learn it (GET /v1/users/me)."""
    sandbox = Sandbox(seed=11, clock=ManualClock(START))

    def sleep(seconds: float) -> None:
        sandbox.clock.advance(seconds=seconds)

    def build(connection):
        budget = RateBudget.in_memory(
            f"echo-{connection.pk}", sleep=sleep, clock=lambda: sandbox.clock.now().timestamp()
        )
        return get_connector(connection, transport=sandbox.transport(), rate_budget=budget, sleep=sleep)

    def make(provider: str):
        account = sandbox.add_account(provider, name=f"echo-{provider}", contacts=20, companies=3)
        credentials = {**account.credentials, "login_url": account.base_url, "oauth_url": account.base_url}
        connection = factories.make_connection(
            name=f"echo-{provider}",
            provider=provider,
            base_url=account.base_url,
            api_version=account.api_version,
            credentials=credentials,
        )
        endpoint = WebhookEndpoint.objects.create(connection=connection, secrets=SECRETS[provider])
        url = f"http://testserver/webhooks/{provider}/{endpoint.token}/"

        def deliver(target, headers, body):
            path = urlsplit(target).path
            return client.post(path, data=body, content_type="application/json", headers=headers).status_code

        account.webhooks = WebhookEmitter(account, url=url, secrets=SECRETS[provider], deliver=deliver)
        return account, connection, build(connection)

    with (
        jobs.use_dispatcher(jobs.InlineDispatcher()),
        connector_factory(build),
        hub_clock.use_clock(sandbox.clock.now),
    ):
        yield make


@pytest.mark.parametrize("provider", ["hubspot", "pipedrive", "salesforce"])
def test_our_api_write_is_an_echo_and_another_integrations_is_not(crm, provider):
    account, connection, connector = crm(provider)
    obj, field = OBJECT[provider], FIELD[provider]
    ours, theirs, reps = [str(i) for i in account.record_ids(obj)[:3]]
    if provider == "pipedrive":
        connection.credentials.pop("api_user_id", None)  # nothing told the hub who it is
        connection.save(update_fields=["credentials"])

    results = connector.write(obj, [RecordUpdate(ours, {field: "Written by the hub"})])
    assert results[0].ok, results[0]
    account.api_write(obj, theirs, {field: "Written by an enrichment tool"}, client="enricher")
    account.rep_edit(obj, reps, {field: "Typed by a rep"})

    events = {event.record_ids[0]: event for event in WebhookEvent.objects.filter(connection=connection)}
    assert set(events) == {ours, theirs, reps}
    assert events[ours].status == WebhookEventStatus.IGNORED, events[ours].payload
    assert events[theirs].status != WebhookEventStatus.IGNORED
    assert events[reps].status != WebhookEventStatus.IGNORED
    if provider == "pipedrive":
        stored = CrmConnection.objects.get(pk=connection.pk).credentials
        assert str(stored["api_user_id"]) == str(account.integration_user_id)


def test_pipedrive_webhook_changes_read_typed_custom_fields_and_the_primary_email(crm):
    account, connection, _ = crm("pipedrive")
    person = str(account.record_ids("persons")[0])
    score = account.field_key("ai_score")
    account.rep_edit("persons", person, {"ai_score": 64.0})
    account.rep_edit(
        "persons", person, {"emails": [{"value": "ada@new.example", "primary": True, "label": "work"}]}
    )
    score_event, email_event = WebhookEvent.objects.filter(connection=connection).order_by("pk")
    assert score_event.changed_fields[score]["new"] == 64.0
    assert email_event.changed_fields["email"]["new"] == "ada@new.example"


def test_salesforce_one_event_for_the_same_change_to_several_records(crm):
    account, connection, connector = crm("salesforce")
    ids = account.record_ids("Contact")[:3]
    results = connector.write("Contact", [RecordUpdate(rid, {"Title": "Director"}) for rid in ids])
    assert all(result.ok for result in results)
    (event,) = WebhookEvent.objects.filter(connection=connection)
    assert event.record_ids == ids and event.status == WebhookEventStatus.IGNORED


def test_pipedrive_another_integration_with_its_own_token_is_someone_else_end_to_end(crm):
    """Another integration of the same company writes through the API with its own token: the hub learns its
    own user from /v1/users/me, ignores the echo of its own write, and takes the other's as someone else's edit
    (webhook processed, changelog entry counted as a last edit by someone other than the hub)."""
    account, connection, connector = crm("pipedrive")
    connection.credentials.pop("api_user_id", None)
    connection.save(update_fields=["credentials"])
    their_user, their_token = account.add_api_user("Lead", "Enricher")
    ours, theirs = [str(i) for i in account.record_ids("persons")[:2]]

    assert connector.write("persons", [RecordUpdate(ours, {"name": "Written by the hub"})])[0].ok
    with httpx.Client(transport=account.sandbox.transport(), base_url=account.base_url) as other:
        headers = {"x-api-token": their_token, "user-agent": "lead-enricher/2.1"}
        me = other.get("/v1/users/me", headers=headers).json()["data"]
        assert me["id"] == their_user and me["name"] == "Lead Enricher"
        answer = other.patch(
            f"/api/v2/persons/{theirs}", json={"name": "Written by the enricher"}, headers=headers
        )
        assert answer.status_code == 200, answer.text

    events = {event.record_ids[0]: event for event in WebhookEvent.objects.filter(connection=connection)}
    assert events[ours].status == WebhookEventStatus.IGNORED, events[ours].payload
    assert events[theirs].status != WebhookEventStatus.IGNORED
    assert events[theirs].payload["meta"]["user_id"] == str(their_user)
    stored = CrmConnection.objects.get(pk=connection.pk).credentials
    assert str(stored["api_user_id"]) == str(account.integration_user_id)  # ours, not the other token's user

    edits = connector.field_history("persons", [ours, theirs], ["name"])
    latest = {edit.record_id: edit for edit in sorted(edits, key=lambda edit: edit.edited_at)}
    assert latest[ours].by_human is False  # our own API write
    assert latest[theirs].by_human is True and latest[theirs].actor == str(their_user)
    assert connector.user_name(str(their_user)) == "Lead Enricher"
