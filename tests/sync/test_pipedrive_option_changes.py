"""Pipedrive option fields (enum/set) fire field-change rules once, with the same labels, whether a polling
cycle or a v2 webhook (which carries option ids) sees the change first."""

import base64
import json
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from crm_sandbox import ManualClock, Sandbox
from crm_sandbox.webhooks import WebhookEmitter
from crmhub.core import clock as hub_clock
from crmhub.core.connectors import connector_factory
from crmhub.sync import field_changes, jobs, rules
from crmhub.sync.models import FieldSnapshot, TriggerExecution, WebhookEndpoint, WebhookEvent
from mappings_app.models import CrmField, CrmObject, FieldType
from mappings_app.schema_sync import crm_schema_sync
from tests import factories
from tests.sync.conftest import START, World
from tests.sync.test_triggers import receiver  # noqa: F401 - fixture

BASIC = {"username": "hub", "password": "pd-s3cret"}


@dataclass
class PipedriveWorld(World):
    object_name: str = "persons"

    def cycle(self, **kwargs):
        from crmhub.sync import services
        from crmhub.sync.models import SyncKind, SyncTrigger

        run = services.sync_run_request(
            connection=self.connection,
            object_name=self.object_name,
            kind=SyncKind.INCREMENTAL,
            trigger=SyncTrigger.MANUAL,
            enqueue=False,
            **kwargs,
        )
        return services.sync_run_execute(run_id=run.pk)

    def emitter(self, client, **kwargs) -> WebhookEmitter:
        url = f"http://testserver/webhooks/pipedrive/{self.endpoint.token}/"

        def deliver(target, headers, body):
            return client.post(
                urlsplit(target).path, data=body, content_type="application/json", headers=headers
            ).status_code

        emitter = WebhookEmitter(self.account, url=url, secrets=BASIC, deliver=deliver, **kwargs)
        self.account.webhooks = emitter
        return emitter


@pytest.fixture
def pd_world(db):
    sandbox = Sandbox(seed=7, clock=ManualClock(START))
    account = sandbox.add_account("pipedrive", name="acme", contacts=12, companies=2, deals_per_company=0)
    connection = factories.make_connection(
        name="acme-pipedrive",
        provider="pipedrive",
        base_url=account.base_url,
        api_version=account.api_version,
        credentials=dict(account.credentials),
    )
    users = factories.role_users()
    endpoint = WebhookEndpoint.objects.create(connection=connection, secrets=BASIC)
    dispatcher = jobs.InlineDispatcher()
    world = PipedriveWorld(sandbox, account, connection, endpoint, users, dispatcher)

    build = factories.sandbox_connector_builder(sandbox)

    with build(connection) as connector:
        crm_schema_sync(connection=connection, schemas=connector.discover_schema(["persons"]))
    with jobs.use_dispatcher(dispatcher), connector_factory(build), hub_clock.use_clock(sandbox.clock.now):
        yield world


def segment_key(world) -> str:
    return world.account.field_name("contacts", "ai_segment")


def segment_rule(world, **overrides):
    fields = dict(
        name="segment changed",
        connection=world.connection,
        object_name="persons",
        condition_kind="crm_field_change",
        field_name=segment_key(world),
        operator="changed",
        action_kind="outbound_webhook",
        action_params={"url": "https://scorer.example/rescore"},
        max_attempts=1,
    )
    return rules.trigger_rule_create(actor=world.users["admin"], **{**fields, **overrides})


def baseline(world, **rule):
    segment_rule(world, **rule)
    assert world.cycle().status == "completed"
    world.dispatcher.drain()


def a_person(world, index: int, segment: str) -> str:
    """A person whose snapshot holds another option label than `segment` (so setting it is a change)."""
    crm_id = world.account.record_ids("contacts")[index]
    world.advance(5)
    world.account.rep_edit("contacts", crm_id, {"ai_segment": "SMB" if segment != "SMB" else "Enterprise"})
    world.advance(60)
    world.cycle()
    world.dispatcher.drain()
    TriggerExecution.objects.all().delete()
    return crm_id


def test_the_poll_baseline_holds_option_labels(pd_world):
    baseline(pd_world)
    values = [row.values[segment_key(pd_world)]["value"] for row in FieldSnapshot.objects.all()]
    assert values and set(values) <= {"Enterprise", "Mid-Market", "SMB", None}


def test_a_change_seen_by_webhook_then_poll_fires_once_with_labels(client, pd_world, receiver):  # noqa: F811
    calls, _ = receiver
    baseline(pd_world)
    crm_id = a_person(pd_world, 2, "Enterprise")
    calls.clear()
    old = FieldSnapshot.objects.get(crm_id=crm_id).values[segment_key(pd_world)]["value"]
    emitter = pd_world.emitter(client)
    pd_world.advance(30)
    pd_world.account.rep_edit("contacts", crm_id, {"ai_segment": "Enterprise"})
    assert emitter.statuses == [200]
    sent = emitter.sent[0]["data"]["custom_fields"][segment_key(pd_world)]
    assert sent["type"] == "enum" and isinstance(sent["id"], int)  # webhooks v2 carry the typed option id
    pd_world.dispatcher.drain()
    execution = TriggerExecution.objects.get()
    assert execution.webhook_event is not None
    assert (execution.context["old"], execution.context["new"]) == (old, "Enterprise")
    pd_world.advance(60)
    pd_world.cycle()
    pd_world.dispatcher.drain()
    assert TriggerExecution.objects.count() == 1 and len(calls) == 1


def test_a_change_seen_by_poll_then_webhook_fires_once_with_labels(client, pd_world, receiver):  # noqa: F811
    calls, _ = receiver
    baseline(pd_world)
    crm_id = a_person(pd_world, 3, "Mid-Market")
    calls.clear()
    old = FieldSnapshot.objects.get(crm_id=crm_id).values[segment_key(pd_world)]["value"]
    emitter = pd_world.emitter(client, drop_rate=1.0)  # the webhook is late: delivered after the poll
    pd_world.advance(30)
    pd_world.account.rep_edit("contacts", crm_id, {"ai_segment": "Mid-Market"})
    pd_world.advance(60)
    pd_world.cycle()
    pd_world.dispatcher.drain()
    execution = TriggerExecution.objects.get()
    assert execution.context["source"] == "poll"
    assert (execution.context["old"], execution.context["new"]) == (old, "Mid-Market")
    response = post_pipedrive(client, pd_world, emitter.dropped[0])
    assert response.status_code == 200 and response.json()["stored"] == 1
    pd_world.dispatcher.drain()
    assert TriggerExecution.objects.count() == 1 and len(calls) == 1


@pytest.mark.parametrize("late", ["webhook", "poll"])
def test_an_equals_rule_on_an_option_label_fires_from_either_path(client, pd_world, receiver, late):  # noqa: F811
    baseline(pd_world, operator="equals", value="SMB")
    crm_id = a_person(pd_world, 4, "SMB")
    emitter = pd_world.emitter(client, drop_rate=1.0 if late == "webhook" else 0.0)
    pd_world.advance(30)
    pd_world.account.rep_edit("contacts", crm_id, {"ai_segment": "SMB"})
    pd_world.dispatcher.drain()
    pd_world.advance(60)
    pd_world.cycle()
    pd_world.dispatcher.drain()
    execution = TriggerExecution.objects.get()
    assert execution.context["new"] == "SMB"
    assert (execution.webhook_event is None) == (late == "webhook")
    if late == "webhook":
        post_pipedrive(client, pd_world, emitter.dropped[0])
        pd_world.dispatcher.drain()
        assert TriggerExecution.objects.count() == 1


def post_pipedrive(client, world, payload):
    auth = "Basic " + base64.b64encode(f"{BASIC['username']}:{BASIC['password']}".encode()).decode()
    return client.post(
        f"/webhooks/pipedrive/{world.endpoint.token}/",
        data=json.dumps(payload),
        content_type="application/json",
        headers={"Authorization": auth},
    )


def test_typed_custom_values_of_enum_and_set_fields_are_stored_as_labels(client, pd_world):
    key = segment_key(pd_world)
    ids = CrmField.objects.get(crm_object__connection=pd_world.connection, name=key).provider_metadata[
        "option_ids"
    ]
    regions = CrmField.objects.create(
        crm_object=CrmObject.objects.get(connection=pd_world.connection, name="persons"),
        name="f" * 40,
        label="Regions",
        field_type=FieldType.MULTIPICKLIST,
        picklist_options=["EMEA", "APAC"],
        provider_metadata={
            "field_type": "set",
            "is_custom_field": True,
            "option_ids": {"EMEA": 7, "APAC": 8},
        },
    )
    crm_id = pd_world.account.record_ids("contacts")[1]
    payload = {
        "meta": {"id": "typed-1", "action": "change", "entity": "person", "entity_id": crm_id,
                 "change_source": "app", "user_id": "3", "timestamp": "2026-11-02T09:05:00.000Z"},
        "data": {"id": int(crm_id), "custom_fields": {
            key: {"type": "enum", "id": ids["SMB"]},
            regions.name: {"type": "set", "values": [{"id": 7}, {"id": 8}]},
        }},
        "previous": {"custom_fields": {key: {"type": "enum", "id": ids["Enterprise"]}, regions.name: None}},
    }  # fmt: skip
    assert post_pipedrive(client, pd_world, payload).json()["stored"] == 1
    assert WebhookEvent.objects.get(event_id="typed-1").changed_fields == {
        key: {"old": "Enterprise", "new": "SMB"},
        regions.name: {"old": None, "new": ["EMEA", "APAC"]},
    }


def test_a_multi_option_value_compares_as_a_set():
    assert field_changes.same_value(["EMEA", "APAC"], ["APAC", "EMEA"])
    assert not field_changes.same_value(["EMEA", "APAC"], ["EMEA"])
    assert not field_changes.same_value(["EMEA,APAC"], ["EMEA", "APAC"])
    assert field_changes.same_value([7, 8], ["8", "7"])


def test_an_option_added_after_the_schema_sync_is_named_before_rules_see_it(client, pd_world, receiver):  # noqa: F811
    """Pipedrive gains an option the catalog does not know yet: the webhook carries its id, processing
    discovers the schema once and fires with the label, and the next poll sees no second change."""
    calls, _ = receiver
    baseline(pd_world, operator="equals", value="Strategic")
    crm_id = a_person(pd_world, 5, "Strategic")
    calls.clear()
    options = pd_world.account.schema["contacts"][segment_key(pd_world)].options
    new_id = max(option_id for option_id, _ in options) + 1
    pd_world.account.change_schema("contacts", "ai_segment", options=[*options, (new_id, "Strategic")])
    emitter = pd_world.emitter(client)
    pd_world.advance(30)
    pd_world.account.rep_edit("contacts", crm_id, {"ai_segment": "Strategic"})
    assert emitter.sent[0]["data"]["custom_fields"][segment_key(pd_world)] == {"type": "enum", "id": new_id}
    pd_world.dispatcher.drain()
    execution = TriggerExecution.objects.get()
    assert execution.context["new"] == "Strategic"
    assert WebhookEvent.objects.get().changed_fields[segment_key(pd_world)]["new"] == "Strategic"
    field = CrmField.objects.get(crm_object__connection=pd_world.connection, name=segment_key(pd_world))
    assert "Strategic" in field.picklist_options
    pd_world.advance(60)
    pd_world.cycle()
    pd_world.dispatcher.drain()
    assert TriggerExecution.objects.count() == 1 and len(calls) == 1


def test_known_options_need_no_schema_discovery(client, pd_world, receiver, monkeypatch):  # noqa: F811
    baseline(pd_world)
    crm_id = a_person(pd_world, 6, "Enterprise")
    discoveries = []
    monkeypatch.setattr("crmhub.sync.webhooks.crm_schema_sync", lambda **kwargs: discoveries.append(kwargs))
    emitter = pd_world.emitter(client)
    pd_world.advance(30)
    pd_world.account.rep_edit("contacts", crm_id, {"ai_segment": "Enterprise"})
    assert emitter.statuses == [200]
    pd_world.dispatcher.drain()
    assert TriggerExecution.objects.count() == 1 and discoveries == []
