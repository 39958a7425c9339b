"""Delivering alert notices: email through Django's backend, and a signed, Slack-compatible webhook."""

from __future__ import annotations

import json
import logging
from datetime import datetime

import httpx
from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse

from crmhub.core import clock, outbound
from crmhub.core.jobs import JobRunner
from crmhub.core.signing import webhook_headers
from monitoring_app.alerts import format_value, spec_for
from monitoring_app.models import (
    AlertNotification,
    ChannelKind,
    DeliveryStatus,
    NotificationChannel,
    Transition,
)

WEBHOOK_TIMEOUT_SECONDS = 5.0
MAX_ATTEMPTS = 3
RETRY_BASE_SECONDS = 60.0  # then 120 s; the monitoring cycle (every 15 minutes) sends what is due
DELIVERY_FIELDS = ["attempts", "status", "error", "started_at", "finished_at", "next_attempt_at", "log"]

logger = logging.getLogger(__name__)

_transport: httpx.BaseTransport | None = None


def use_transport(transport: httpx.BaseTransport | None) -> None:
    """Test hook: send webhooks through this httpx transport (None: the network)."""
    global _transport
    _transport = transport


def base_url() -> str:
    return getattr(settings, "CRMHUB_BASE_URL", "http://localhost:8000").rstrip("/")


def notice_text(notification: AlertNotification) -> tuple[str, str]:
    """(subject, body) of one notice."""
    alert = notification.alert
    label = alert.get_kind_display()
    where = alert.flow.name if alert.flow_id else alert.connection.name
    if alert.field_name:
        where += f" · {alert.field_name}"
    elif alert.object_name:
        where += f" · {alert.object_name}"
    headline = {
        Transition.OPENED: f"[CRM Hub] Alert: {label} — {where}",
        Transition.ACKNOWLEDGED: f"[CRM Hub] Acknowledged: {label} — {where}",
        Transition.RESOLVED: f"[CRM Hub] Recovered: {label} — {where}",
    }[notification.transition]
    lines = [alert.message]
    if notification.transition == Transition.RESOLVED:
        lines = [
            f"Back within the threshold: {format_value(alert.kind, alert.value)} (threshold {format_value(alert.kind, alert.threshold)})."
        ]
    elif notification.transition == Transition.ACKNOWLEDGED and alert.acknowledged_by:
        lines.append(f"Acknowledged by {alert.acknowledged_by.get_username()}.")
    lines.append(f"Alert: {base_url()}{reverse('monitoring:alert', args=[alert.pk])}")
    lines.append(f"Runbook: {base_url()}{reverse('monitoring:runbook', args=[alert.kind])}")
    spec = spec_for(alert.kind)
    if notification.transition == Transition.OPENED:
        lines.append("What to check: " + " ".join(spec.runbook.checks))
    return headline, "\n".join(lines)


def slack_payload(notification: AlertNotification) -> dict:
    subject, body = notice_text(notification)
    alert = notification.alert
    return {
        "text": subject,
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": subject[:150]}},
            {"type": "section", "text": {"type": "mrkdwn", "text": body}},
        ],
        "alert": {
            "id": alert.pk,
            "kind": alert.kind,
            "transition": notification.transition,
            "status": alert.status,
            "value": alert.value,
            "threshold": alert.threshold,
            "flow": alert.flow_id,
            "connection": alert.connection_id,
        },
    }


def _send_email(channel: NotificationChannel, subject: str, body: str) -> None:
    recipients = [address.strip() for address in channel.target.split(",") if address.strip()]
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False)


class NotDelivered(Exception):
    """The channel's URL answered, but not with a 2xx (its text is not kept: only status, size and hash)."""

    def __init__(self, message: str, *, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


def post_signed(channel: NotificationChannel, payload: dict, *, message_id: str) -> None:
    """Signed on the Standard Webhooks scheme (crmhub/core/signing.py); `message_id` is the same on every retry.
    Public addresses only, unless OUTBOUND_ALLOWED_NETWORKS names the target (crmhub/core/outbound.py)."""
    body = json.dumps(payload, separators=(",", ":")).encode()
    secret = (channel.secret or {}).get("signing_secret", "")
    headers = {
        "Content-Type": "application/json",
        **webhook_headers(message_id=message_id, body=body, secret=secret),
    }
    answer = outbound.post(
        channel.target, content=body, headers=headers, timeout=WEBHOOK_TIMEOUT_SECONDS, transport=_transport
    )
    if not answer.is_success:
        raise NotDelivered(answer.describe(), retry_after=answer.retry_after)


def deliver(notification: AlertNotification) -> bool:
    """Send one pending notice; the row records the result (a failure waits its backoff, and fails for good
    after MAX_ATTEMPTS). True when sent."""
    runner = JobRunner(
        notification, label=f"alert notice #{notification.pk} ({notification.transition})", log=logger
    )
    runner.start()
    try:
        if notification.channel.kind == ChannelKind.EMAIL:
            _send_email(notification.channel, *notice_text(notification))
        else:
            post_signed(
                notification.channel,
                slack_payload(notification),
                message_id=f"alert-notification-{notification.pk}",
            )
    except (httpx.HTTPError, OSError, outbound.DestinationRefused, NotDelivered) as exc:
        runner.retry_later(
            str(exc)[:1000],
            max_attempts=MAX_ATTEMPTS,
            base_seconds=RETRY_BASE_SECONDS,
            retry_after=getattr(exc, "retry_after", None),
        )
        notification.save(update_fields=DELIVERY_FIELDS)
        return False
    runner.succeed(detail=f"sent to {notification.channel.get_kind_display().lower()} channel")
    notification.save(update_fields=DELIVERY_FIELDS)
    return True


def deliver_pending(ids: list[int] | None = None, *, now: datetime | None = None) -> int:
    """Send pending notices whose retry time has come (these ids, or every due one); returns how many
    went out."""
    now = now or clock.now()
    pending = (
        AlertNotification.objects.filter(status=DeliveryStatus.PENDING)
        .filter(Q(next_attempt_at=None) | Q(next_attempt_at__lte=now))
        .select_related("alert__flow", "alert__connection", "alert__acknowledged_by", "channel")
    )
    if ids is not None:
        pending = pending.filter(pk__in=ids)
    return sum(deliver(notification) for notification in pending)
