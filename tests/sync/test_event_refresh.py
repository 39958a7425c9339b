"""Events are hints; the CRM is the truth. A webhook says which records changed; before a trigger rule
evaluates, those records are read back from the CRM and the rule sees the CRM's values."""

from datetime import UTC, datetime

import httpx
import pytest

from crm_sandbox import ManualClock, Sandbox
from crmhub.connectors import get_connector
from crmhub.connectors.ratelimit import RateBudget
from crmhub.connectors.salesforce import webhooks as salesforce_webhooks
from crmhub.core import clock as hub_clock
from crmhub.core.connectors import connector_factory
from crmhub.sync import jobs, rules, triggers, webhooks
from crmhub.sync.models import TriggerExecution, WebhookEndpoint, WebhookEvent
from mappings_app.schema_sync import crm_schema_sync
from tests import factories
from tests.sync.test_triggers import rescore_rule
from tests.sync.test_webhooks import change_event, signed_post

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def receiver():
    calls = []
    with triggers.outbound_transport(httpx.MockTransport(lambda r: calls.append(r) or httpx.Response(200))):
        yield calls


# -- HubSpot: a signed event whose value the CRM does not hold --------------------------------------------


def test_a_signed_event_with_a_value_the_crm_does_not_hold_fires_nothing(client, world, receiver):
    rescore_rule(world)  # lifecyclestage equals customer
    crm_id = world.account.record_ids("contacts")[0]
    world.account.rep_edit("contacts", crm_id, {"lifecyclestage": "lead"})
    signed_post(client, world, [change_event(crm_id, 1, "lifecyclestage", "customer")])
    world.dispatcher.drain()
    assert WebhookEvent.objects.get().status == "processed"
    assert TriggerExecution.objects.count() == 0 and receiver == []


def test_the_rule_sees_the_crm_value_and_the_event_value_is_kept_as_context(client, world, receiver):
    rescore_rule(world)
    crm_id = world.account.record_ids("contacts")[1]
    world.account.rep_edit("contacts", crm_id, {"lifecyclestage": "customer"})
    # The event is late and out of date (it names an older value); the CRM holds "customer".
    signed_post(client, world, [change_event(crm_id, 1, "lifecyclestage", "mql")])
    world.dispatcher.drain()
    execution = TriggerExecution.objects.get()
    assert execution.context["new"] == "customer" and execution.context["event_new"] == "mql"
    assert len(receiver) == 1


def test_an_event_for_a_deleted_record_fires_nothing(client, world, receiver):
    rescore_rule(world)
    crm_id = world.account.record_ids("contacts")[2]
    world.account.rep_edit("contacts", crm_id, {"lifecyclestage": "customer"})
    world.account.delete("contacts", crm_id)
    signed_post(client, world, [change_event(crm_id, 1, "lifecyclestage", "customer")])
    world.dispatcher.drain()
    assert TriggerExecution.objects.count() == 0


def test_the_refresh_is_one_batched_read_for_all_records_of_a_delivery(client, world, receiver, monkeypatch):
    from crmhub.connectors.hubspot.client import HubSpotConnector

    reads = []
    original = HubSpotConnector.read_records

    def counting(self, object_name, ids, fields):
        reads.append((object_name, sorted(ids), sorted(fields)))
        return original(self, object_name, ids, fields)

    monkeypatch.setattr(HubSpotConnector, "read_records", counting)
    rescore_rule(world)
    ids = world.account.record_ids("contacts")[3:9]
    for crm_id in ids:
        world.account.rep_edit("contacts", crm_id, {"lifecyclestage": "customer"})
    signed_post(
        client, world, [change_event(crm_id, n, "lifecyclestage", "customer") for n, crm_id in enumerate(ids)]
    )
    world.dispatcher.drain()
    assert TriggerExecution.objects.count() == len(ids)
    assert len(reads) == 1 and reads[0][1] == sorted(ids) and "lifecyclestage" in reads[0][2]


# -- Salesforce outbound messages -----------------------------------------------------------------------


@pytest.fixture
def salesforce(db):
    sandbox = Sandbox(seed=3, clock=ManualClock(START))
    account = sandbox.add_account("salesforce", name="acme-sf", contacts=12, companies=3)
    connection = factories.make_connection(
        name="acme-sf",
        provider="salesforce",
        base_url=account.base_url,
        api_version=account.api_version,
        credentials={**account.credentials, "oauth_url": account.base_url},
    )
    endpoint = WebhookEndpoint.objects.create(
        connection=connection, secrets={"organization_id": account.org_id}
    )

    def sleep(seconds: float) -> None:
        sandbox.clock.advance(seconds=seconds)

    def build(conn):
        budget = RateBudget.in_memory("sf", sleep=sleep, clock=lambda: sandbox.clock.now().timestamp())
        return get_connector(conn, transport=sandbox.transport(), rate_budget=budget, sleep=sleep)

    with build(connection) as connector:
        crm_schema_sync(connection=connection, schemas=connector.discover_schema(["Contact"]))
    users = factories.role_users()
    dispatcher = jobs.InlineDispatcher()
    with jobs.use_dispatcher(dispatcher), connector_factory(build), hub_clock.use_clock(sandbox.clock.now):
        yield account, connection, endpoint, users, dispatcher


def outbound_message(org_id: str, note_id: str, record_id: str, title: str) -> bytes:
    return f"""<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
      <soapenv:Body><notifications xmlns="http://soap.sforce.com/2005/09/outbound">
      <OrganizationId>{org_id}</OrganizationId><ActionId>04k1</ActionId>
      <Notification><Id>{note_id}</Id><sObject xmlns:sf="urn:sobject.enterprise.soap.sforce.com"
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="sf:Contact">
        <sf:Id>{record_id}</sf:Id><sf:Title>{title}</sf:Title></sObject></Notification>
      </notifications></soapenv:Body></soapenv:Envelope>""".encode()


def deliver(endpoint, dispatcher, body: bytes) -> None:
    """An authenticated delivery (the organisation id matches), stored and processed as the receiver does."""
    events = salesforce_webhooks.outbound_parse(body, webhooks.webhook_context(endpoint))
    webhooks.webhook_events_ingest(endpoint=endpoint, events=events)
    dispatcher.drain()


def test_a_forged_outbound_message_saying_ceo_for_a_cfo_does_not_fire_title_equals_ceo(salesforce, receiver):
    account, connection, endpoint, users, dispatcher = salesforce
    rules.trigger_rule_create(
        actor=users["admin"],
        name="CEO reached",
        connection=connection,
        object_name="Contact",
        condition_kind="crm_field_change",
        field_name="Title",
        operator="equals",
        value="CEO",
        action_kind="outbound_webhook",
        action_params={"url": "https://scorer.example/rescore"},
        secret={"signing_secret": "whsec"},
    )
    forged_id, real_id = account.record_ids("Contact")[:2]
    account.rep_edit("Contact", forged_id, {"Title": "CFO"})
    account.rep_edit("Contact", real_id, {"Title": "CTO"})

    deliver(endpoint, dispatcher, outbound_message(account.org_id, "04l1", forged_id, "CEO"))
    assert WebhookEvent.objects.get(event_id="om:04l1").status == "processed"
    assert TriggerExecution.objects.count() == 0 and receiver == []
    assert account.get_record("Contact", forged_id)["Title"] == "CFO"

    account.rep_edit("Contact", real_id, {"Title": "CEO"})  # a real rep edit in the CRM
    deliver(endpoint, dispatcher, outbound_message(account.org_id, "04l2", real_id, "CEO"))
    execution = TriggerExecution.objects.get()
    assert execution.crm_id == real_id and execution.context["new"] == "CEO"
    assert execution.status == "succeeded" and len(receiver) == 1
