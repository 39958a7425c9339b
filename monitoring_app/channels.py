"""Notification channels managed on a page: add, edit, switch on and off, send a test, and choose which alert
kinds each channel receives. Secrets (Slack and webhook URLs, PagerDuty routing keys, signing secrets) are
written into the channel's encrypted `secret` and never shown again; the page shows only where they lead."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction

from crmhub.core import clock, outbound
from crmhub.core.errors import ApplicationError, permission_require
from monitoring_app import notifications
from monitoring_app.models import (
    PAGERDUTY_EVENTS_URL,
    AlertKind,
    ChannelKind,
    NotificationChannel,
)

logger = logging.getLogger(__name__)

ADD_PERMISSION = "monitoring_app.add_notificationchannel"
CHANGE_PERMISSION = "monitoring_app.change_notificationchannel"
SECRET_KEYS = ("url", "routing_key", "signing_secret")


@dataclass
class ChannelInput:
    """What the page's form gives: secrets empty mean "keep the stored one"."""

    name: str
    kind: str
    enabled: bool = True
    addresses: str = ""
    url: str = ""
    events_url: str = ""
    routing_key: str = ""
    signing_secret: str = ""
    clear_signing_secret: bool = False
    alert_kinds: tuple[str, ...] = ()
    weekly_report: bool = False


def where_shown(channel: NotificationChannel) -> str:
    """Where the channel sends, without its secret: addresses, or a URL's scheme and host only."""
    if channel.kind == ChannelKind.EMAIL:
        return channel.target
    url = channel.url
    if not url:
        return "not set"
    parts = urlsplit(url)
    shown = (
        f"{parts.scheme}://{parts.netloc}/…" if parts.path.strip("/") else f"{parts.scheme}://{parts.netloc}/"
    )
    if channel.kind == ChannelKind.PAGERDUTY:
        key = (channel.secret or {}).get("routing_key", "")
        return f"{url} · routing key {'…' + key[-4:] if key else 'not set'}"
    return shown


def _addresses(text: str) -> str:
    addresses = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
    if not addresses:
        raise ApplicationError("Give at least one email address.")
    for address in addresses:
        try:
            validate_email(address)
        except ValidationError as exc:
            raise ApplicationError(f"{address!r} is not an email address.") from exc
    return ", ".join(addresses)


def _checked_url(url: str, what: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ApplicationError(f"The {what} must be an http(s) URL.")
    if (
        parts.scheme == "http"
        and not settings.DEBUG
        and not getattr(settings, "OUTBOUND_ALLOWED_NETWORKS", ())
    ):
        raise ApplicationError(f"The {what} must use https.")
    return url.strip()


def _apply(channel: NotificationChannel, data: ChannelInput) -> None:
    kinds = set(AlertKind.values)
    unknown = [kind for kind in data.alert_kinds if kind not in kinds]
    if unknown:
        raise ApplicationError(f"Unknown alert kinds: {', '.join(unknown)}.")
    if data.kind not in ChannelKind.values:
        raise ApplicationError("Choose a channel type.")
    if channel.pk and channel.kind != data.kind:
        channel.secret = {}  # another kind of channel: the old secrets mean nothing there
        channel.target = ""
    secret = dict(channel.secret or {})
    channel.name, channel.kind, channel.enabled = data.name.strip(), data.kind, data.enabled
    channel.alert_kinds = sorted(set(data.alert_kinds))
    channel.weekly_report = data.weekly_report and data.kind == ChannelKind.EMAIL
    if data.kind == ChannelKind.EMAIL:
        channel.target, secret = _addresses(data.addresses), {}
    elif data.kind == ChannelKind.PAGERDUTY:
        channel.target = _checked_url(data.events_url or PAGERDUTY_EVENTS_URL, "Events API URL")
        if data.routing_key:
            secret["routing_key"] = data.routing_key.strip()
        if not secret.get("routing_key"):
            raise ApplicationError("Give the PagerDuty integration's routing key.")
    else:
        if data.url:
            secret["url"] = _checked_url(data.url, "webhook URL")
            channel.target = ""  # the URL now lives encrypted
        if not (secret.get("url") or channel.target):
            raise ApplicationError("Give the webhook URL.")
        if data.kind == ChannelKind.WEBHOOK:
            if data.clear_signing_secret:
                secret.pop("signing_secret", None)
            elif data.signing_secret:
                secret["signing_secret"] = data.signing_secret
        else:
            secret.pop("signing_secret", None)
    channel.secret = secret


@transaction.atomic
def channel_save(
    *, actor, data: ChannelInput, channel: NotificationChannel | None = None
) -> NotificationChannel:
    """Create a channel (channel None) or change one; secrets left empty keep their stored values."""
    permission_require(
        actor, CHANGE_PERMISSION if channel else ADD_PERMISSION, "manage notification channels"
    )
    channel = channel or NotificationChannel()
    _apply(channel, data)
    if not channel.name:
        raise ApplicationError("Give the channel a name.")
    if NotificationChannel.objects.filter(name=channel.name).exclude(pk=channel.pk).exists():
        raise ApplicationError(f"A channel named {channel.name!r} exists already.")
    channel._history_user, channel._change_reason = actor, "channel saved on the channels page"
    channel.save()
    logger.info("notification channel %s (%s) saved by user %s", channel.pk, channel.kind, actor.pk)
    return channel


@transaction.atomic
def channel_set_enabled(*, actor, channel: NotificationChannel, enabled: bool) -> NotificationChannel:
    permission_require(actor, CHANGE_PERMISSION, "manage notification channels")
    channel.enabled = enabled
    channel._history_user = actor
    channel._change_reason = "enabled" if enabled else "disabled"
    channel.save(update_fields=["enabled"])
    return channel


# -- the test message -----------------------------------------------------------------------------------------


TEST_SUBJECT = "[CRM Hub] Test message"


def _test_text(channel: NotificationChannel, actor) -> str:
    return (
        f"A test of the notification channel {channel.name!r}, sent by {actor.get_username()} from "
        f"{notifications.base_url()}. Alerts will arrive here like this."
    )


def _send_test(channel: NotificationChannel, actor) -> str:
    text = _test_text(channel, actor)
    if channel.kind == ChannelKind.EMAIL:
        recipients = [address.strip() for address in channel.target.split(",") if address.strip()]
        send_mail(TEST_SUBJECT, text, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False)
        return f"email sent to {len(recipients)} address(es)"
    if channel.kind == ChannelKind.SLACK:
        notifications.post_json(channel, {"text": f"{TEST_SUBJECT}: {text}"})
        return "Slack accepted the message"
    if channel.kind == ChannelKind.PAGERDUTY:
        dedup_key = f"crmhub-test-{channel.pk}-{int(clock.now().timestamp())}"
        event = {
            "routing_key": (channel.secret or {}).get("routing_key", ""),
            "dedup_key": dedup_key,
            "summary": f"{TEST_SUBJECT}: {text}",
            "kind": "test",
            "source": "crm-hub",
            "details": {"test": True},
            "link": notifications.base_url() + "/monitoring/channels/",
        }
        # A test incident is opened and resolved at once, so nobody stays paged by it.
        notifications.post_json(channel, notifications.pagerduty_event(action="trigger", **event))
        notifications.post_json(channel, notifications.pagerduty_event(action="resolve", **event))
        return "PagerDuty accepted the test event (triggered and resolved)"
    payload = {"type": "test", "text": f"{TEST_SUBJECT}: {text}", "channel": channel.name}
    notifications.post_signed(
        channel, payload, message_id=f"channel-test-{channel.pk}-{clock.now().timestamp():.0f}"
    )
    return "the webhook answered 2xx"


def channel_test_send(*, actor, channel: NotificationChannel) -> tuple[bool, str]:
    """Send a test message now (a disabled channel too: testing comes before switching on). The result is
    kept on the channel; returns (delivered, what happened)."""
    permission_require(actor, CHANGE_PERMISSION, "send test notifications")
    try:
        detail, ok = _send_test(channel, actor), True
    except (httpx.HTTPError, OSError, outbound.DestinationRefused, notifications.NotDelivered) as exc:
        detail, ok = f"Not delivered: {exc}"[:500], False
    channel.last_test_at, channel.last_test_ok, channel.last_test_detail = clock.now(), ok, detail[:500]
    channel.save(update_fields=["last_test_at", "last_test_ok", "last_test_detail"])
    logger.info(
        "notification channel %s test by user %s: %s", channel.pk, actor.pk, "sent" if ok else "failed"
    )
    return ok, detail
