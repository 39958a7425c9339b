"""Notification channels managed on a page: email, Slack and PagerDuty-compatible channels are added, edited,
tested against a local HTTP server, switched off, and receive only the alert kinds ticked on them. Their
secrets are encrypted at rest and never shown."""

import pytest
from django.core import mail
from django.db import connection as db_connection
from django.test import Client

from monitoring_app import channels
from monitoring_app.models import AlertKind, AlertNotification, ChannelKind, NotificationChannel, Transition
from tests.monitoring import channel_server
from tests.monitoring.conftest import NOW
from tests.monitoring.test_alerts import evaluate, success


@pytest.fixture
def server(settings):
    settings.OUTBOUND_ALLOWED_NETWORKS = ["127.0.0.1"]
    running = channel_server.start()
    yield running
    running.server.shutdown()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _add(client, **fields):
    data = {"name": "x", "kind": "email", "enabled": "on", **fields}
    return client.post("/monitoring/channels/new/", data)


def test_a_slack_channel_is_added_with_its_url_encrypted_and_tested(users, server):
    client = _client(users["admin"])
    url = f"{server.url}/services/T000/B000/XXXXsecretpart"
    response = _add(client, name="revops slack", kind="slack", url=url)
    assert response.status_code == 302
    channel = NotificationChannel.objects.get(name="revops slack")
    assert channel.url == url and channel.target == ""
    with db_connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM monitoring_app_notificationchannel WHERE id = %s", [channel.pk])
        stored = cursor.fetchone()[0]
    assert "XXXXsecretpart" not in stored and "services" not in stored
    page = client.get("/monitoring/channels/").content.decode()
    assert "XXXXsecretpart" not in page and "127.0.0.1" in page

    client.post(f"/monitoring/channels/{channel.pk}/test/")
    assert [r.path for r in server.received] == ["/services/T000/B000/XXXXsecretpart"]
    assert server.received[0].body["text"].startswith("[CRM Hub] Test message")
    channel.refresh_from_db()
    assert channel.last_test_ok is True and "Slack accepted" in channel.last_test_detail


def test_a_pagerduty_channel_sends_events_api_v2_triggers_and_resolves(
    users, server, flow, django_capture_on_commit_callbacks
):
    channel = channels.channel_save(
        actor=users["admin"],
        data=channels.ChannelInput(
            name="on-call",
            kind="pagerduty",
            events_url=f"{server.url}/v2/enqueue",
            routing_key="R0UTINGKEY123",
        ),
    )
    ok, _ = channels.channel_test_send(actor=users["admin"], channel=channel)
    assert ok
    trigger, resolve = (r.body for r in server.received)
    assert (trigger["event_action"], resolve["event_action"]) == ("trigger", "resolve")
    assert trigger["routing_key"] == "R0UTINGKEY123" and trigger["dedup_key"] == resolve["dedup_key"]
    assert {"summary", "source", "severity"} <= set(trigger["payload"])
    server.received.clear()

    evaluate(django_capture_on_commit_callbacks, [success(flow, 0.5)])
    evaluate(django_capture_on_commit_callbacks, [success(flow, 0.99)], now=NOW.replace(hour=13))
    opened, recovered = (r.body for r in server.received)
    assert (opened["event_action"], recovered["event_action"]) == ("trigger", "resolve")
    assert opened["dedup_key"] == recovered["dedup_key"]
    assert opened["payload"]["class"] == AlertKind.WRITE_SUCCESS_LOW
    assert opened["links"][0]["href"].endswith(
        f"/monitoring/alerts/{AlertNotification.objects.first().alert_id}/"
    )


def test_a_channel_receives_only_its_alert_kinds_and_nothing_when_disabled(
    users, flow, django_capture_on_commit_callbacks
):
    drift_only = channels.channel_save(
        actor=users["admin"],
        data=channels.ChannelInput(
            name="drift", kind="email", addresses="drift@example.com", alert_kinds=(AlertKind.SCHEMA_DRIFT,)
        ),
    )
    everything = channels.channel_save(
        actor=users["admin"],
        data=channels.ChannelInput(name="all", kind="email", addresses="all@example.com"),
    )
    channels.channel_set_enabled(actor=users["admin"], channel=everything, enabled=False)
    evaluate(django_capture_on_commit_callbacks, [success(flow, 0.5)])
    assert not AlertNotification.objects.filter(channel__in=[drift_only, everything]).exists()
    assert mail.outbox == []

    channels.channel_set_enabled(actor=users["admin"], channel=everything, enabled=True)
    evaluate(django_capture_on_commit_callbacks, [success(flow, 0.99)], now=NOW.replace(hour=13))
    notices = AlertNotification.objects.filter(channel__in=[drift_only, everything])
    assert [(n.channel.name, n.transition) for n in notices] == [("all", Transition.RESOLVED)]
    assert mail.outbox[0].to == ["all@example.com"]


def test_an_email_channel_test_lands_in_the_outbox(users):
    channel = channels.channel_save(
        actor=users["admin"],
        data=channels.ChannelInput(name="ops", kind="email", addresses="ops@example.com"),
    )
    ok, _detail = channels.channel_test_send(actor=users["admin"], channel=channel)
    assert ok and mail.outbox[0].to == ["ops@example.com"] and "Test message" in mail.outbox[0].subject


def test_a_failing_endpoint_is_reported_and_kept_on_the_channel(users, server):
    server.status = 500
    channel = channels.channel_save(
        actor=users["admin"], data=channels.ChannelInput(name="hook", kind="slack", url=f"{server.url}/hook")
    )
    ok, _detail = channels.channel_test_send(actor=users["admin"], channel=channel)
    channel.refresh_from_db()
    assert not ok and channel.last_test_ok is False and "500" in channel.last_test_detail


def test_editing_without_the_secret_keeps_it_and_bad_input_is_refused(users, server):
    client = _client(users["admin"])
    _add(client, name="hook", kind="webhook", url=f"{server.url}/a", signing_secret="whsec_abc")
    channel = NotificationChannel.objects.get(name="hook")
    client.post(f"/monitoring/channels/{channel.pk}/", {"name": "hook 2", "kind": "webhook", "enabled": "on"})
    channel.refresh_from_db()
    assert channel.name == "hook 2" and channel.secret == {
        "url": f"{server.url}/a",
        "signing_secret": "whsec_abc",
    }
    page = _add(client, name="bad", kind="email", addresses="not-an-address")
    assert page.status_code == 200 and b"is not an email address" in page.content
    page = _add(client, name="pd", kind="pagerduty")
    assert b"routing key" in page.content
    assert not NotificationChannel.objects.filter(name__in=["bad", "pd"]).exists()


def test_viewers_see_channels_but_cannot_change_or_test_them(users):
    channel = NotificationChannel.objects.create(name="ops", kind=ChannelKind.EMAIL, target="ops@example.com")
    viewer = _client(users["viewer"])
    page = viewer.get("/monitoring/channels/")
    assert page.status_code == 200 and b"Send test" not in page.content
    assert viewer.post(f"/monitoring/channels/{channel.pk}/test/").status_code == 403
    assert viewer.post("/monitoring/channels/new/", {"name": "x", "kind": "email"}).status_code == 403
    assert viewer.post(f"/monitoring/channels/{channel.pk}/enabled/", {"enabled": "0"}).status_code == 403
    with pytest.raises(channels.ApplicationError):
        channels.channel_test_send(actor=users["viewer"], channel=channel)
