import base64

import httpx
import pytest
from standardwebhooks import Webhook, WebhookVerificationError

from crmhub.sync import rules, triggers
from crmhub.sync.models import ExecutionStatus, TriggerExecution, TriggerRule
from crmhub.sync.rules import RuleInvalid
from tests.sync.test_webhooks import change_event, signed_post


@pytest.fixture
def receiver():
    """An integration's webhook: answers from a script of statuses, records what it got."""
    calls, script = [], []

    def handle(request):
        calls.append(request)
        return httpx.Response(script.pop(0) if script else 200, json={"ok": True})

    with triggers.outbound_transport(httpx.MockTransport(handle)):
        yield calls, script


def rescore_rule(world, **overrides):
    fields = dict(
        name="rescore on stage change",
        connection=world.connection,
        object_name="contacts",
        condition_kind="crm_field_change",
        field_name="lifecyclestage",
        operator="equals",
        value="customer",
        action_kind="outbound_webhook",
        action_params={"url": "https://scorer.example/rescore"},
        secret={"signing_secret": "whsec"},
        max_attempts=3,
        retry_base_seconds=10,
    )
    return rules.trigger_rule_create(actor=world.users["admin"], **{**fields, **overrides})


def fire(client, world, crm_id, value="customer", event_id=1):
    """A rep's edit in the CRM, then its webhook. Changed deliberately (issue 14): rules evaluate the
    record as the CRM holds it, so the event must describe a change that really happened."""
    world.account.rep_edit("contacts", crm_id, {"lifecyclestage": value})
    signed_post(client, world, [change_event(crm_id, event_id, "lifecyclestage", value)])
    world.dispatcher.drain()


def test_a_field_change_calls_the_signed_webhook_and_retries_after_failures(client, world, receiver):
    calls, script = receiver
    rescore_rule(world)
    crm_id = world.account.record_ids("contacts")[0]
    script += [503, 500]
    fire(client, world, crm_id)
    execution = TriggerExecution.objects.get()
    assert execution.status == ExecutionStatus.RETRY_WAIT and execution.attempts == 1
    for _ in range(2):
        world.advance(60)
        triggers.trigger_retries_due()
    execution.refresh_from_db()
    assert execution.status == ExecutionStatus.SUCCEEDED and execution.attempts == 3
    assert [e["event"] for e in execution.log].count("retry_wait") == 2
    request = calls[-1]
    # Changed deliberately (issue 16): Standard Webhooks headers, checked by the package's own verifier. The
    # rule's secret "whsec" predates the scheme: its key is its UTF-8 bytes, so the receiver holds whsec_+base64.
    receiver_secret = "whsec_" + base64.b64encode(b"whsec").decode()
    body = Webhook(receiver_secret).verify(request.content, dict(request.headers))
    assert body["crm_id"] == crm_id and body["request"] == "rescore"
    assert {call.headers["webhook-id"] for call in calls[-3:]} == {f"trigger-execution-{execution.pk}"}
    with pytest.raises(WebhookVerificationError):
        Webhook("whsec_" + base64.b64encode(b"another").decode()).verify(
            request.content, dict(request.headers)
        )


def test_conditions_filter_and_redelivered_events_fire_once(client, world, receiver):
    calls, _ = receiver
    rescore_rule(world)
    crm_id = world.account.record_ids("contacts")[0]
    fire(client, world, crm_id, value="lead", event_id=1)
    assert TriggerExecution.objects.count() == 0
    fire(client, world, crm_id, event_id=2)
    world.advance(1)
    fire(client, world, crm_id, event_id=2)  # redelivery: a new signature, the same event id
    assert TriggerExecution.objects.count() == 1 and len(calls) == 1


def test_exhausted_retries_are_dead_lettered_and_can_be_replayed(client, world, receiver):
    _, script = receiver
    rescore_rule(world, max_attempts=2)
    script += [500, 500]
    fire(client, world, world.account.record_ids("contacts")[0])
    world.advance(60)
    triggers.trigger_retries_due()
    execution = TriggerExecution.objects.get()
    assert execution.status == ExecutionStatus.DEAD_LETTERED and "Gave up after 2 attempts" in execution.error
    assert triggers.trigger_executions_replay(executions=[execution], actor=world.users["admin"]) == 1
    world.dispatcher.drain()
    execution.refresh_from_db()
    assert execution.status == ExecutionStatus.SUCCEEDED


def test_a_client_error_is_not_retried(client, world, receiver):
    _, script = receiver
    rescore_rule(world)
    script.append(410)
    fire(client, world, world.account.record_ids("contacts")[0])
    execution = TriggerExecution.objects.get()
    assert execution.status == ExecutionStatus.DEAD_LETTERED and execution.attempts == 1


def test_assign_owner_writes_the_crm_and_rep_owned_fields_are_refused(client, world):
    owner = str(world.account.rep_user_ids[0])
    rescore_rule(world, name="assign", action_kind="assign_owner", action_params={"owner_id": owner})
    with pytest.raises(RuleInvalid, match="rep-owned"):
        rescore_rule(world, name="stage", action_kind="set_stage", action_params={"stage": "customer"})
    # A rule saved before its field became rep-owned is still refused when it runs.
    accepted = rescore_rule(world, name="stage", action_kind="outbound_webhook")
    TriggerRule.objects.filter(pk=accepted.pk).update(
        action_kind="set_stage", action_params={"stage": "customer"}
    )
    crm_id = world.account.record_ids("contacts")[1]
    fire(client, world, crm_id)
    assign = TriggerExecution.objects.get(rule__name="assign")
    assert assign.status == ExecutionStatus.SUCCEEDED, assign.error
    assert str(world.account.get_record("contacts", crm_id)["hubspot_owner_id"]) == owner
    stage = TriggerExecution.objects.get(rule__name="stage")
    assert stage.status == ExecutionStatus.DEAD_LETTERED and "rep-owned" in stage.error


def test_a_receiver_asking_to_wait_is_retried_after_its_retry_after_not_the_backoff(client, world):
    """429 with Retry-After: 120 outweighs the rule's 10 s backoff; the execution waits 120 s, logged."""
    calls = []

    def busy_then_ok(request):
        calls.append(request)
        if len(calls) == 1:
            return httpx.Response(429, headers={"Retry-After": "120"})
        return httpx.Response(200, json={"ok": True})

    with triggers.outbound_transport(httpx.MockTransport(busy_then_ok)):
        rescore_rule(world)
        fire(client, world, world.account.record_ids("contacts")[0])
        execution = TriggerExecution.objects.get()
        assert execution.status == ExecutionStatus.RETRY_WAIT
        assert (execution.next_attempt_at - execution.started_at).total_seconds() == 120
        assert (
            execution.log[-1]["event"] == "retry_wait"
            and "next attempt in 120s" in execution.log[-1]["detail"]
        )
        assert [delay for _func, _args, delay in world.dispatcher.delayed] == [120]
        world.advance(60)
        assert triggers.trigger_retries_due() == 0  # not due yet
        world.advance(61)
        assert triggers.trigger_retries_due() == 1
    execution.refresh_from_db()
    assert execution.status == ExecutionStatus.SUCCEEDED and len(calls) == 2
    assert [line["event"] for line in execution.log] == [
        "started",
        "retry_wait",
        "started",
        "succeeded",
    ]
