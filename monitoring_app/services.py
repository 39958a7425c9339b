"""Writes: recording metric points, choosing baselines, the alert state machine and its notices."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from crmhub.core.errors import ApplicationError, ConflictError, PermissionDeniedError
from crmhub.models import ConnectionStatus, CrmConnection
from mappings_app import selectors as mappings_selectors
from mappings_app.models import FieldMapping, Flow
from monitoring_app import metrics, notifications, selectors
from monitoring_app.alerts import ALERT_SPECS, format_value
from monitoring_app.models import (
    Alert,
    AlertKind,
    AlertNotification,
    AlertRule,
    AlertStatus,
    DistributionBaseline,
    MetricPoint,
    NotificationChannel,
    Transition,
)
from monitoring_app.selectors import Measurement

logger = logging.getLogger(__name__)

ACKNOWLEDGE_PERMISSION = "monitoring_app.change_alert"
RULE_PERMISSION = "monitoring_app.change_alertrule"
BASELINE_PERMISSION = "monitoring_app.add_distributionbaseline"
POINT_RETENTION = timedelta(days=400)

KIND_OF_METRIC = {spec.metric: kind for kind, spec in ALERT_SPECS.items() if spec.metric}


def bucket_of(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


# -- metric points ------------------------------------------------------------------------------------------


@transaction.atomic
def metric_points_record(*, measurements: Iterable[Measurement], now: datetime) -> int:
    """Store each measurement as the point of its hour (replacing an earlier value of the same hour)."""
    bucket = bucket_of(now)
    rows = [
        MetricPoint(
            metric=m.metric,
            scope=m.scope,
            scope_key=m.scope_key,
            connection_id=m.connection_id,
            flow_id=m.flow_id,
            object_name=m.object_name,
            field_name=m.field_name,
            bucket_start=bucket,
            value=m.value,
            sample_size=m.sample_size,
            computed_at=now,
        )
        for m in measurements
    ]
    MetricPoint.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["metric", "scope_key", "bucket_start"],
        update_fields=[
            "value",
            "sample_size",
            "computed_at",
            "synthetic",
        ],  # a measurement replaces demo history
        batch_size=500,
    )
    return len(rows)


def metric_points_purge(*, now: datetime) -> int:
    deleted, _ = MetricPoint.objects.filter(bucket_start__lt=now - POINT_RETENTION).delete()
    return deleted


# -- baselines ------------------------------------------------------------------------------------------


@transaction.atomic
def baseline_set(
    *, flow: Flow, field_name: str, period_start: datetime, period_end: datetime, actor, note: str = ""
) -> DistributionBaseline:
    """Make the field's values in a period the reference its distribution is compared with."""
    if not actor.has_perm(BASELINE_PERMISSION):
        raise PermissionDeniedError("Choosing a baseline needs sales-ops rights.")
    if period_end <= period_start:
        raise ApplicationError("The period must end after it starts.")
    values = selectors.baseline_candidates(
        flow=flow, field_name=field_name, start=period_start, end=period_end
    )
    if len(values) < 2:
        raise ApplicationError(f"{field_name} has fewer than two numeric values in that period.")
    DistributionBaseline.objects.filter(flow=flow, field_name=field_name, active=True).update(active=False)
    baseline = DistributionBaseline(
        flow=flow,
        field_name=field_name,
        period_start=period_start,
        period_end=period_end,
        values=metrics.summarise_sample(values),
        sample_size=len(values),
        chosen_by=actor,
        note=note,
    )
    baseline.full_clean()
    baseline.save()
    return baseline


# -- rules ----------------------------------------------------------------------------------------------


def alert_rules_ensure_defaults() -> None:
    """The shipped default rule of every kind, created once (sales-ops edits them afterwards)."""
    existing = set(AlertRule.objects.filter(flow=None).values_list("kind", flat=True))
    missing = [
        AlertRule(
            kind=kind,
            metric=spec.metric,
            comparison=spec.comparison,
            threshold=spec.threshold,
            min_sample_size=spec.min_sample_size,
        )
        for kind, spec in ALERT_SPECS.items()
        if kind not in existing
    ]
    AlertRule.objects.bulk_create(missing, ignore_conflicts=True)


@transaction.atomic
def alert_rule_update(
    *, rule: AlertRule, actor, threshold: float, enabled: bool, min_sample_size: int
) -> AlertRule:
    if not actor.has_perm(RULE_PERMISSION):
        raise PermissionDeniedError("Editing alert rules needs sales-ops rights.")
    rule.threshold = threshold
    rule.enabled = enabled
    rule.min_sample_size = min_sample_size
    rule.full_clean()
    rule._history_user = actor
    rule._change_reason = "threshold edited"
    rule.save()
    return rule


@transaction.atomic
def alert_rule_override(*, kind: str, flow: Flow, actor) -> AlertRule:
    """A flow-specific copy of the default rule of a kind, to be edited for that flow alone."""
    if not actor.has_perm("monitoring_app.add_alertrule"):
        raise PermissionDeniedError("Editing alert rules needs sales-ops rights.")
    alert_rules_ensure_defaults()
    default = AlertRule.objects.get(kind=kind, flow=None)
    rule, _ = AlertRule.objects.get_or_create(
        kind=kind,
        flow=flow,
        defaults={
            "metric": default.metric,
            "comparison": default.comparison,
            "threshold": default.threshold,
            "min_sample_size": default.min_sample_size,
            "enabled": default.enabled,
        },
    )
    return rule


# -- the alert state machine ----------------------------------------------------------------------------


@dataclass
class Judgement:
    """One value of one scope to judge against the rule of an alert kind."""

    kind: str
    scope_key: str
    connection_id: int
    value: float | None
    sample_size: int = 0
    flow_id: int | None = None
    object_name: str = ""
    field_name: str = ""
    detail: str = ""


@dataclass
class EvaluationSummary:
    opened: int = 0
    resolved: int = 0
    still_open: int = 0


def judgements_from(measurements: Iterable[Measurement]) -> list[Judgement]:
    return [
        Judgement(
            kind=KIND_OF_METRIC[m.metric],
            scope_key=m.scope_key,
            connection_id=m.connection_id,
            value=m.value,
            sample_size=m.sample_size,
            flow_id=m.flow_id,
            object_name=m.object_name,
            field_name=m.field_name,
        )
        for m in measurements
        if m.metric in KIND_OF_METRIC
    ]


def state_judgements() -> list[Judgement]:
    """Alerts judged from state rather than a series: broken mappings per flow, paused connections."""
    found = []
    in_setup = mappings_selectors.connection_ids_in_setup()
    for connection in CrmConnection.objects.all():
        # A connection the wizard has not finished is paused on purpose: no sign-in has failed.
        paused = connection.status != ConnectionStatus.ACTIVE and connection.pk not in in_setup
        found.append(
            Judgement(
                AlertKind.AUTH_FAILURE,
                selectors.connection_key(connection.pk),
                connection.pk,
                1.0 if paused else 0.0,
                1,
                detail=connection.status_reason,
            )
        )
    broken = Count("pk", filter=~Q(broken_reason=""))
    for flow in Flow.objects.all():
        count = FieldMapping.objects.filter(
            source_system=flow.source_system, crm_field__crm_object_id=flow.crm_object_id
        ).aggregate(n=broken)["n"]
        found.append(
            Judgement(
                AlertKind.SCHEMA_DRIFT,
                selectors.flow_key(flow.pk),
                flow.connection_id,
                float(count),
                1,
                flow_id=flow.pk,
            )
        )
    return found


def _rules_by_kind() -> tuple[dict[str, AlertRule], dict[tuple[str, int], AlertRule]]:
    alert_rules_ensure_defaults()
    defaults, overrides = {}, {}
    for rule in AlertRule.objects.all():
        if rule.flow_id is None:
            defaults[rule.kind] = rule
        else:
            overrides[(rule.kind, rule.flow_id)] = rule
    return defaults, overrides


def _message(judgement: Judgement, rule: AlertRule) -> str:
    label = AlertKind(judgement.kind).label
    if judgement.detail:
        return f"{label}: {judgement.detail}"[:1000]
    return (
        f"{label}: {format_value(judgement.kind, judgement.value)} "
        f"({rule.comparison} the threshold {format_value(judgement.kind, rule.threshold)})"
    )[:1000]


def alerts_evaluate(*, judgements: Iterable[Judgement], now: datetime) -> EvaluationSummary:
    """Open an alert for every new breach, keep open ones current, resolve the ones that recovered.

    A value that cannot be judged (no data, too few items) leaves the alert as it is."""
    defaults, overrides = _rules_by_kind()
    unresolved = {(a.kind, a.scope_key): a for a in Alert.objects.exclude(status=AlertStatus.RESOLVED)}
    summary = EvaluationSummary()
    for judgement in judgements:
        rule = overrides.get((judgement.kind, judgement.flow_id)) or defaults.get(judgement.kind)
        if rule is None or judgement.value is None or judgement.sample_size < rule.min_sample_size:
            continue
        alert = unresolved.get((judgement.kind, judgement.scope_key))
        if not rule.enabled:
            if alert is not None:
                _resolve(alert, judgement, now)
                summary.resolved += 1
            continue
        if rule.breached_by(judgement.value):
            if alert is None:
                _open(rule, judgement, now)
                summary.opened += 1
            else:
                alert.value, alert.last_seen_at = judgement.value, now
                alert.message = _message(judgement, rule)
                alert.save(update_fields=["value", "last_seen_at", "message"])
                summary.still_open += 1
        elif alert is not None:
            _resolve(alert, judgement, now)
            summary.resolved += 1
    return summary


@transaction.atomic
def _open(rule: AlertRule, judgement: Judgement, now: datetime) -> Alert:
    alert = Alert.objects.create(
        rule=rule,
        kind=judgement.kind,
        scope_key=judgement.scope_key,
        connection_id=judgement.connection_id,
        flow_id=judgement.flow_id,
        object_name=judgement.object_name,
        field_name=judgement.field_name,
        message=_message(judgement, rule),
        value=judgement.value,
        threshold=rule.threshold,
        opened_at=now,
        last_seen_at=now,
    )
    logger.warning("alert #%s opened: %s", alert.pk, alert.message)
    notifications_queue(alert=alert, transition=Transition.OPENED)
    return alert


@transaction.atomic
def _resolve(alert: Alert, judgement: Judgement, now: datetime) -> None:
    alert.status = AlertStatus.RESOLVED
    alert.resolved_at = now
    alert.value = judgement.value
    alert.last_seen_at = now
    alert.save(update_fields=["status", "resolved_at", "value", "last_seen_at"])
    logger.info("alert #%s (%s) resolved: value %s", alert.pk, alert.kind, alert.value)
    notifications_queue(alert=alert, transition=Transition.RESOLVED)


@transaction.atomic
def alert_acknowledge(*, alert: Alert, actor, now: datetime | None = None) -> Alert:
    """open -> acknowledged: someone is on it. The alert resolves by itself when the value recovers."""
    if not actor.has_perm(ACKNOWLEDGE_PERMISSION):
        raise PermissionDeniedError("Acknowledging alerts needs sales-ops rights.")
    alert = Alert.objects.select_for_update().get(pk=alert.pk)
    if alert.status != AlertStatus.OPEN:
        raise ConflictError(f"The alert is {alert.get_status_display().lower()}, not open.")
    alert.status = AlertStatus.ACKNOWLEDGED
    alert.acknowledged_at = now or timezone.now()
    alert.acknowledged_by = actor
    alert.save(update_fields=["status", "acknowledged_at", "acknowledged_by"])
    notifications_queue(alert=alert, transition=Transition.ACKNOWLEDGED)
    return alert


def notifications_queue(*, alert: Alert, transition: str) -> list[AlertNotification]:
    """One notice per enabled channel for this state change (never twice), sent after commit."""
    rows = [
        AlertNotification(alert=alert, channel=channel, transition=transition)
        for channel in NotificationChannel.objects.filter(enabled=True)
        if channel.receives(alert.kind)
    ]
    AlertNotification.objects.bulk_create(rows, ignore_conflicts=True)
    ids = list(
        AlertNotification.objects.filter(alert=alert, transition=transition, finished_at=None).values_list(
            "pk", flat=True
        )
    )
    transaction.on_commit(lambda: notifications.deliver_pending(ids))
    return rows


# -- one monitoring cycle ------------------------------------------------------------------------------


@dataclass
class CycleSummary:
    points: int
    evaluation: EvaluationSummary
    notices_sent: int


def monitoring_cycle(*, now: datetime | None = None, budget_reader=None) -> CycleSummary:
    """Measure everything, store the hour's points, judge the alert rules, retry unsent notices."""
    now = now or timezone.now()
    reader = budget_reader if budget_reader is not None else selectors.redis_budget_reader
    measurements = selectors.measurements_now(now=now, budget_reader=reader)
    points = metric_points_record(measurements=measurements, now=now)
    evaluation = alerts_evaluate(judgements=judgements_from(measurements) + state_judgements(), now=now)
    sent = notifications.deliver_pending()
    logger.info(
        "monitoring cycle: %d points, %d alert(s) opened, %d resolved, %d notice(s) sent",
        points,
        evaluation.opened,
        evaluation.resolved,
        sent,
    )
    return CycleSummary(points, evaluation, sent)


# -- weekly report ------------------------------------------------------------------------------------------


def weekly_report_send(*, now: datetime | None = None) -> int:
    """Email the weekly report to every enabled email channel that wants it; returns emails sent."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    report = selectors.weekly_report(now=now)
    channels = NotificationChannel.objects.filter(enabled=True, kind="email", weekly_report=True)
    body = render_to_string(
        "monitoring/weekly_report.txt", {"report": report, "base_url": notifications.base_url()}
    )
    subject = f"[CRM Hub] Weekly report {report.start:%Y-%m-%d} to {report.end:%Y-%m-%d}"
    sent = 0
    for channel in channels:
        recipients = [address.strip() for address in channel.target.split(",") if address.strip()]
        sent += send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    return sent
