"""The one job abstraction (crmhub/core/jobs.py) and the one backoff (crmhub/core/backoff.py): transitions on
real rows, Retry-After over the doubling backoff, the log format, dead-lettering and replay."""

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from crmhub.core import clock
from crmhub.core.backoff import parse_retry_after, retry_delay
from crmhub.core.jobs import LOG_LIMIT, JobRunner, log_appended, log_entry
from crmhub.sync.models import (
    ExecutionStatus,
    SyncRun,
    SyncState,
    SyncStatus,
    TriggerExecution,
    TriggerRule,
    WebhookEvent,
    WebhookEventStatus,
)
from tests import factories

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self):
        self.at = NOW

    def __call__(self):
        return self.at

    def advance(self, seconds: float) -> None:
        self.at += timedelta(seconds=seconds)


@pytest.fixture
def hub_clock():
    manual = Clock()
    with clock.use_clock(manual):
        yield manual


@pytest.fixture
def connection(db):
    return factories.make_connection()


def webhook_event(connection, event_id="e1") -> WebhookEvent:
    return WebhookEvent.objects.create(
        connection=connection,
        provider="hubspot",
        event_id=event_id,
        action="change",
        object_name="contacts",
        record_ids=["1"],
        payload={},
    )


def trigger_execution(connection) -> TriggerExecution:
    rule = TriggerRule.objects.create(
        name="rescore",
        connection=connection,
        object_name="contacts",
        condition_kind="crm_field_change",
        field_name="lifecyclestage",
        action_kind="outbound_webhook",
        action_params={"url": "https://scorer.example/"},
        max_attempts=3,
        retry_base_seconds=10,
    )
    return TriggerExecution.objects.create(rule=rule, dedup_key="event:1", crm_id="1")


# -- the backoff ------------------------------------------------------------------------------------------


def test_the_backoff_doubles_from_its_base_and_stops_at_its_cap():
    assert [retry_delay(attempt=n, base=30) for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert retry_delay(attempt=0, base=30) == 30  # "no failure yet" waits the base, never half of it
    assert [retry_delay(attempt=n, base=0.5, cap=30) for n in (1, 7, 8, 20)] == [0.5, 30, 30, 30]


def test_a_retry_after_the_server_gave_wins_over_the_backoff_both_ways():
    assert retry_delay(attempt=4, base=30, retry_after=5) == 5  # sooner than 240 s
    assert (
        retry_delay(attempt=1, base=30, retry_after=600, cap=60) == 600
    )  # later than the cap: the server knows
    assert retry_delay(attempt=3, base=30, retry_after=0) == 0
    assert retry_delay(attempt=1, base=30, retry_after=-3) == 0


def test_jitter_adds_at_most_its_share_of_the_wait():
    waits = {retry_delay(attempt=3, base=1, jitter=0.5) for _ in range(200)}
    assert all(4 <= wait <= 6 for wait in waits) and len(waits) > 1


def test_retry_after_is_read_as_seconds_or_as_an_http_date():
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after(" 2.5 ") == 2.5
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=40), usegmt=True)
    assert 35 <= parse_retry_after(later) <= 41
    assert (
        parse_retry_after("soon") is None
        and parse_retry_after("") is None
        and parse_retry_after(None) is None
    )


# -- the log format ---------------------------------------------------------------------------------------


def test_one_log_line_is_time_event_and_detail_and_the_log_keeps_its_newest_lines():
    assert log_entry(at=NOW, event="started", detail="attempt 1") == {
        "at": "2026-01-05T09:00:00+00:00",
        "event": "started",
        "detail": "attempt 1",
    }
    assert len(log_entry(at=NOW, event="failed", detail="x" * 2000)["detail"]) == 500
    log = []
    for n in range(LOG_LIMIT + 5):
        previous, log = log, log_appended(log, at=NOW, event="progress", detail=str(n))
        assert previous is not log  # a new list: a log shared by rows is never changed in place
    assert len(log) == LOG_LIMIT and log[0]["detail"] == "5" and log[-1]["detail"] == str(LOG_LIMIT + 4)


# -- transitions on real rows -----------------------------------------------------------------------------


def test_a_job_starts_fails_transiently_waits_its_backoff_and_succeeds(connection, hub_clock):
    execution = trigger_execution(connection)
    runner = JobRunner(execution)
    runner.start()
    assert execution.status == ExecutionStatus.PENDING and execution.attempts == 1
    assert execution.started_at == NOW
    assert runner.retry_later("HTTP 503", max_attempts=3, base_seconds=10) == 10
    assert execution.status == ExecutionStatus.RETRY_WAIT and execution.error == "HTTP 503"
    assert execution.next_attempt_at == NOW + timedelta(seconds=10)
    assert not execution.is_due(NOW + timedelta(seconds=9)) and execution.is_due(NOW + timedelta(seconds=10))
    execution.save()
    hub_clock.advance(10)
    runner.start()
    assert runner.retry_later("HTTP 503", max_attempts=3, base_seconds=10) == 20  # doubled
    hub_clock.advance(20)
    runner.start()
    runner.succeed(detail='{"status_code": 200}')
    execution.save()
    execution.refresh_from_db()
    assert execution.status == ExecutionStatus.SUCCEEDED and execution.attempts == 3
    assert execution.finished_at == NOW + timedelta(seconds=30) and execution.next_attempt_at is None
    assert execution.error == ""
    assert [(line["event"], line["at"][11:19]) for line in execution.log] == [
        ("started", "09:00:00"),
        ("retry_wait", "09:00:00"),
        ("started", "09:00:10"),
        ("retry_wait", "09:00:10"),
        ("started", "09:00:30"),
        ("succeeded", "09:00:30"),
    ]
    assert execution.log[1]["detail"] == "HTTP 503; next attempt in 10s"


def test_out_of_attempts_a_job_is_dead_lettered_with_its_reason_and_a_replay_starts_it_over(
    connection, hub_clock
):
    execution = trigger_execution(connection)
    runner = JobRunner(execution)
    for _ in range(3):
        runner.start()
        delay = runner.retry_later("timeout", max_attempts=3, base_seconds=10, retry_after=1)
    assert delay is None
    assert execution.status == ExecutionStatus.DEAD_LETTERED
    assert execution.error == "Gave up after 3 attempts: timeout" and execution.finished_at == NOW
    assert execution.log[-1]["event"] == "dead_lettered"
    admin = factories.make_user("ops-admin")
    runner.replay(actor=admin)
    execution.save()
    execution.refresh_from_db()
    assert execution.status == ExecutionStatus.PENDING and execution.attempts == 0
    assert execution.finished_at is None and execution.log[-1] == {
        "at": NOW.isoformat(),
        "event": "replayed",
        "detail": "by ops-admin",
    }


def test_expected_failures_fail_and_unexpected_ones_error_where_the_model_tells_them_apart(
    connection, hub_clock
):
    state = SyncState.objects.create(connection=connection, object_name="contacts")
    failed, errored = (
        SyncRun.objects.create(connection=connection, state=state, object_name="contacts") for _ in "ab"
    )
    JobRunner(failed).fail("Connection is paused")
    JobRunner(errored).fail("KeyError('x')", errored=True)
    assert (failed.status, failed.log[-1]["event"]) == (SyncStatus.FAILED, "failed")
    assert (errored.status, errored.log[-1]["event"]) == (SyncStatus.ERRORED, "errored")
    # A trigger execution has no "errored": any end that is not success is its dead letter.
    execution = trigger_execution(connection)
    JobRunner(execution).fail("boom", errored=True)
    assert execution.status == ExecutionStatus.DEAD_LETTERED


def test_transitions_are_logged_with_the_rows_label(connection, hub_clock, caplog):
    event = webhook_event(connection)
    runner = JobRunner(event, label="webhook event #7")
    with caplog.at_level("INFO", logger="crmhub.core.jobs"):
        runner.start()
        runner.retry_later("Refresh failed: HTTP 429", max_attempts=5, base_seconds=30, retry_after=2)
    assert event.status == WebhookEventStatus.RECEIVED and event.next_attempt_at == NOW + timedelta(seconds=2)
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("INFO", "webhook event #7: started attempt 1"),
        ("WARNING", "webhook event #7: retry_wait Refresh failed: HTTP 429; next attempt in 2s"),
    ]


# -- alert notices: the same runner, Retry-After included ---------------------------------------------------


@pytest.fixture
def notice(connection):
    from monitoring_app.models import (
        Alert,
        AlertKind,
        AlertNotification,
        AlertRule,
        ChannelKind,
        NotificationChannel,
        Transition,
    )

    alert = Alert.objects.create(
        rule=AlertRule.objects.create(kind=AlertKind.ERROR_RATE_HIGH, threshold=0.1),
        kind=AlertKind.ERROR_RATE_HIGH,
        scope_key="test",
        connection=connection,
        message="errors",
        value=0.5,
        threshold=0.1,
        opened_at=NOW,
        last_seen_at=NOW,
    )
    channel = NotificationChannel.objects.create(
        name="ops hook", kind=ChannelKind.WEBHOOK, target="https://hooks.example/alerts"
    )
    return AlertNotification.objects.create(alert=alert, channel=channel, transition=Transition.OPENED)


def test_an_alert_notice_waits_the_receivers_retry_after_then_goes_out_once(notice, hub_clock):
    from monitoring_app import notifications
    from monitoring_app.models import DeliveryStatus

    answers = [httpx.Response(503, headers={"Retry-After": "300"}), httpx.Response(200)]
    notifications.use_transport(httpx.MockTransport(lambda request: answers.pop(0)))
    try:
        assert notifications.deliver_pending() == 0
        notice.refresh_from_db()
        assert notice.status == DeliveryStatus.PENDING and notice.attempts == 1
        assert notice.next_attempt_at == NOW + timedelta(seconds=300)  # not the 60 s backoff
        assert notifications.deliver_pending(now=NOW + timedelta(seconds=299)) == 0
        hub_clock.advance(300)
        assert notifications.deliver_pending() == 1
        assert notifications.deliver_pending() == 0
    finally:
        notifications.use_transport(None)
    notice.refresh_from_db()
    assert notice.status == DeliveryStatus.SENT and notice.finished_at == NOW + timedelta(seconds=300)
    assert [line["event"] for line in notice.log] == ["started", "retry_wait", "started", "succeeded"]


def test_an_alert_notice_that_never_gets_through_fails_after_its_attempts(notice, hub_clock, settings):
    from monitoring_app import notifications
    from monitoring_app.models import DeliveryStatus

    notifications.use_transport(httpx.MockTransport(lambda request: httpx.Response(500)))
    try:
        for _ in range(notifications.MAX_ATTEMPTS):
            notifications.deliver_pending()
            hub_clock.advance(3600)
    finally:
        notifications.use_transport(None)
    notice.refresh_from_db()
    assert notice.status == DeliveryStatus.FAILED and notice.attempts == notifications.MAX_ATTEMPTS
    assert notice.error.startswith(f"Gave up after {notifications.MAX_ATTEMPTS} attempts: HTTP 500")
