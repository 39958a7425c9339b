"""The migrations that turn runs into job records keep every row: a populated database from before them
comes out with the same rows, webhook events' processed_at and notices' sent_at as finished_at, a webhook
processing failure in error, and old sync-run log lines in the one log format."""

from datetime import UTC, datetime

import pytest

from tests.database import migrate_to

BEFORE = [("sync", "0006_inbound_record_in_writeback_app"), ("monitoring_app", "0001_initial")]
AFTER = [("sync", "0007_job_records"), ("monitoring_app", "0002_notification_job_record")]
AT = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@pytest.mark.django_db(transaction=True)
def test_job_record_migrations_keep_every_row_and_convert_the_old_log_format(latest_schema_afterwards):
    old = migrate_to(BEFORE)
    connection_row = old.get_model("crmhub", "CrmConnection").objects.create(
        name="acme", provider="hubspot", base_url="https://api.hubapi.com", credentials={}
    )
    state = old.get_model("sync", "SyncState").objects.create(
        connection=connection_row, object_name="contacts"
    )
    run = old.get_model("sync", "SyncRun").objects.create(
        connection=connection_row,
        state=state,
        object_name="contacts",
        status="completed",
        log=[{"at": AT.isoformat(), "message": "Incremental cycle of contacts started."}],
    )
    WebhookEvent = old.get_model("sync", "WebhookEvent")
    common = dict(
        connection=connection_row, provider="hubspot", action="change", object_name="contacts", payload={}
    )
    failed = WebhookEvent.objects.create(
        event_id="1", status="failed", status_reason="Refresh failed: HTTP 503", attempts=5, **common
    )
    ignored = WebhookEvent.objects.create(
        event_id="2", status="ignored", status_reason="Our own write echoed back.", processed_at=AT, **common
    )
    rule = old.get_model("monitoring_app", "AlertRule").objects.create(kind="error_rate_high", threshold=0.1)
    alert = old.get_model("monitoring_app", "Alert").objects.create(
        rule=rule, kind="error_rate_high", scope_key="s", connection=connection_row, message="m", value=1,
        threshold=0.1, opened_at=AT,
        last_seen_at=AT,
    )  # fmt: skip
    channel = old.get_model("monitoring_app", "NotificationChannel").objects.create(
        name="mail", kind="email", target="ops@example.com"
    )
    notice = old.get_model("monitoring_app", "AlertNotification").objects.create(
        alert=alert, channel=channel, transition="opened", status="sent", attempts=1, sent_at=AT
    )

    new = migrate_to(AFTER)
    run = new.get_model("sync", "SyncRun").objects.get(pk=run.pk)
    assert run.log == [
        {"at": AT.isoformat(), "event": "note", "detail": "Incremental cycle of contacts started."}
    ]
    assert run.attempts == 0 and run.status == "completed"
    events = new.get_model("sync", "WebhookEvent").objects
    failed, ignored = events.get(pk=failed.pk), events.get(pk=ignored.pk)
    assert (failed.error, failed.status_reason, failed.attempts) == ("Refresh failed: HTTP 503", "", 5)
    assert (ignored.error, ignored.status_reason, ignored.finished_at) == (
        "",
        "Our own write echoed back.",
        AT,
    )
    notice = new.get_model("monitoring_app", "AlertNotification").objects.get(pk=notice.pk)
    assert (notice.status, notice.attempts, notice.finished_at, notice.log) == ("sent", 1, AT, [])
