"""Field-change rules fire from polling cycles too: old and new values from the snapshot of watched fields,
a first sighting is only a baseline, and a change seen by both a webhook and a poll fires once."""

import pytest
from django.db import connection as db_connection
from django.test.utils import CaptureQueriesContext

from crmhub.sync import rules
from crmhub.sync.models import FieldSnapshot, TriggerExecution
from tests.sync.test_triggers import receiver  # noqa: F401 - fixture
from tests.sync.test_webhooks import signed_post

WATCHED = "jobtitle"


def watch_rule(world, **overrides):
    fields = dict(
        name="job title changed",
        connection=world.connection,
        object_name="contacts",
        condition_kind="crm_field_change",
        field_name=WATCHED,
        operator="changed",
        action_kind="outbound_webhook",
        action_params={"url": "https://scorer.example/rescore"},
        max_attempts=1,
    )
    return rules.trigger_rule_create(actor=world.users["admin"], **{**fields, **overrides})


@pytest.fixture
def watched(world, receiver):  # noqa: F811
    rule = watch_rule(world)
    first = world.cycle()
    assert first.status == "completed"
    world.dispatcher.drain()
    return rule


def test_the_first_sync_is_a_baseline_and_an_edit_fires_once_with_old_and_new(world, watched, receiver):  # noqa: F811
    calls, _ = receiver
    assert TriggerExecution.objects.count() == 0 and calls == []
    assert FieldSnapshot.objects.count() == 30
    crm_id = world.account.record_ids("contacts")[3]
    old = FieldSnapshot.objects.get(crm_id=crm_id).values[WATCHED]["value"]
    world.advance(30)
    world.account.rep_edit("contacts", crm_id, {WATCHED: "Chief Revenue Officer"})
    world.advance(60)
    world.cycle()
    world.dispatcher.drain()
    execution = TriggerExecution.objects.get()
    assert execution.crm_id == crm_id and execution.status == "succeeded"
    assert execution.context["old"] == old and execution.context["new"] == "Chief Revenue Officer"
    assert execution.context["source"] == "poll" and len(calls) == 1
    world.advance(60)
    world.cycle()  # the overlap re-reads the same version: nothing new
    world.dispatcher.drain()
    assert TriggerExecution.objects.count() == 1


def test_edits_of_unwatched_fields_fire_nothing(world, watched):
    crm_id = world.account.record_ids("contacts")[4]
    world.advance(30)
    world.account.rep_edit("contacts", crm_id, {"firstname": "Unwatched"})
    world.advance(60)
    run = world.cycle()
    assert run.records_updated == 1 and TriggerExecution.objects.count() == 0
    assert set(FieldSnapshot.objects.get(crm_id=crm_id).values) == {WATCHED}


def test_objects_nothing_watches_cost_no_snapshot_work(world):
    watch_rule(world, enabled=False)
    with CaptureQueriesContext(db_connection) as queries:
        run = world.cycle()
    assert run.records_created == 30
    assert not any("sync_fieldsnapshot" in q["sql"] for q in queries.captured_queries)
    assert FieldSnapshot.objects.count() == 0


def test_a_change_seen_by_webhook_then_poll_fires_once(client, world, watched, receiver):  # noqa: F811
    calls, _ = receiver
    world.emitter(client)
    crm_id = world.account.record_ids("contacts")[6]
    world.advance(30)
    world.account.rep_edit("contacts", crm_id, {WATCHED: "VP Sales"})
    world.dispatcher.drain()
    execution = TriggerExecution.objects.get()
    assert execution.webhook_event is not None and execution.context["new"] == "VP Sales"
    world.advance(60)
    world.cycle()
    world.dispatcher.drain()
    assert TriggerExecution.objects.count() == 1 and len(calls) == 1


def test_a_change_seen_by_poll_then_webhook_fires_once(client, world, watched, receiver):  # noqa: F811
    crm_id = world.account.record_ids("contacts")[7]
    emitter = world.emitter(client, drop_rate=1.0)  # the webhook is late: held back, delivered after the poll
    world.advance(30)
    world.account.rep_edit("contacts", crm_id, {WATCHED: "Head of Growth"})
    world.advance(60)
    world.cycle()
    world.dispatcher.drain()
    assert TriggerExecution.objects.get().context["source"] == "poll"
    response, _, _ = signed_post(client, world, emitter.dropped[0])
    assert response.status_code == 200 and response.json()["stored"] == 1
    world.dispatcher.drain()
    assert TriggerExecution.objects.count() == 1
