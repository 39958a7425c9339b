"""Processing a stored webhook event is a job (crmhub/core/jobs.py): each attempt is counted and logged, a
CRM that refuses the read-back is retried after its Retry-After (else the backoff), and an event that
never gets through ends failed with its reason, after MAX_PROCESS_ATTEMPTS."""

from crmhub.sync import webhooks
from crmhub.sync.models import WebhookEvent, WebhookEventStatus
from tests.sync.test_webhooks import change_event, signed_post


def test_a_rate_limited_refresh_waits_the_crms_retry_after_then_processes(client, world):
    crm_id = world.account.record_ids("contacts")[0]
    world.account.faults.set(rate_limit_storm=1.0)  # every call: 429 with Retry-After: 2
    signed_post(client, world, [change_event(crm_id, 501)])
    world.dispatcher.drain()
    event = WebhookEvent.objects.get()
    assert event.status == WebhookEventStatus.RECEIVED and event.attempts == 1
    assert event.error.startswith("Refresh failed:")
    assert 0 < (event.next_attempt_at - world.sandbox.clock.now()).total_seconds() <= 2
    assert [delay for _func, _args, delay in world.dispatcher.delayed] == [2.0]
    world.account.faults.set(rate_limit_storm=0.0)
    world.dispatcher.drain(include_delayed=True)
    event.refresh_from_db()
    assert event.status == WebhookEventStatus.PROCESSED and event.attempts == 2 and event.error == ""
    assert [line["event"] for line in event.log] == ["started", "retry_wait", "started", "succeeded"]


def test_an_event_whose_refresh_keeps_failing_ends_failed_with_its_reason(client, world):
    crm_id = world.account.record_ids("contacts")[0]
    world.account.faults.set(rate_limit_storm=1.0)
    signed_post(client, world, [change_event(crm_id, 502)])
    world.dispatcher.drain()
    for _ in range(webhooks.MAX_PROCESS_ATTEMPTS - 1):
        world.dispatcher.drain(include_delayed=True)
    event = WebhookEvent.objects.get()
    assert event.status == WebhookEventStatus.FAILED and event.attempts == webhooks.MAX_PROCESS_ATTEMPTS
    assert event.error.startswith(f"Gave up after {webhooks.MAX_PROCESS_ATTEMPTS} attempts: Refresh failed")
    assert event.log[-1]["event"] == "dead_lettered" and event.finished_at is not None
    assert world.dispatcher.delayed == []
