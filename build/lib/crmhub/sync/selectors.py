"""Reads for the sync pages and API: querysets ready to list, filtered by what a request asks."""

import json
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Max, Q, QuerySet

from crmhub.models import CrmConnection
from crmhub.sync.models import (
    ExecutionStatus,
    SyncRun,
    SyncState,
    TriggerExecution,
    TriggerRule,
    WebhookEndpoint,
    WebhookEvent,
    WebhookRejection,
)

# Lists are filtered by the FilterSets of crmhub/sync/filtersets.py (pages and API alike).


def sync_runs_list() -> QuerySet[SyncRun]:
    return SyncRun.objects.select_related("connection", "requested_by")


def sync_states_list() -> QuerySet[SyncState]:
    return SyncState.objects.select_related("connection")


def webhook_events_list() -> QuerySet[WebhookEvent]:
    return WebhookEvent.objects.select_related("connection").defer("payload")


def trigger_rules_list() -> QuerySet[TriggerRule]:
    return TriggerRule.objects.select_related("connection")


def trigger_executions_list() -> QuerySet[TriggerExecution]:
    return TriggerExecution.objects.select_related("rule", "rule__connection")


RECENT_EXECUTIONS = 3


def trigger_rules_overview() -> list[TriggerRule]:
    """Rules with execution counts per outcome and their newest executions (rule.recent)."""
    open_statuses = [ExecutionStatus.PENDING, ExecutionStatus.RETRY_WAIT]
    rules = list(
        TriggerRule.objects.select_related("connection").annotate(
            executions_total=Count("executions"),
            executions_succeeded=Count("executions", filter=Q(executions__status=ExecutionStatus.SUCCEEDED)),
            executions_dead=Count("executions", filter=Q(executions__status=ExecutionStatus.DEAD_LETTERED)),
            executions_open=Count("executions", filter=Q(executions__status__in=open_statuses)),
            last_fired_at=Max("executions__created_at"),
        )
    )
    for rule in rules:
        rule.recent = list(rule.executions.order_by("-created_at", "-id")[:RECENT_EXECUTIONS])
        rule.params_text = ", ".join(
            f"{name.replace('_', ' ')}: {value if isinstance(value, str) else json.dumps(value)}"
            for name, value in sorted((rule.action_params or {}).items())
        )
    return rules


@dataclass
class EndpointOverview:
    connection: CrmConnection
    endpoint: WebhookEndpoint | None
    secrets_set: dict[str, bool]
    recent_events: list[WebhookEvent]
    events_total: int
    signature_failures_24h: int
    recent_rejections: list[WebhookRejection]


def webhook_endpoints_overview(*, now) -> list[EndpointOverview]:
    """One row per connection: its endpoint (if any), which secrets are set (never their values), the
    newest events and the failed deliveries."""
    from crmhub.sync.webhooks import webhook_secrets_set

    endpoints = {e.connection_id: e for e in WebhookEndpoint.objects.all()}
    rows = []
    for connection in CrmConnection.objects.order_by("name"):
        endpoint = endpoints.get(connection.pk)
        events = WebhookEvent.objects.filter(connection=connection).defer("payload")
        rejections = (
            WebhookRejection.objects.filter(endpoint=endpoint)
            if endpoint
            else WebhookRejection.objects.none()
        )
        rows.append(
            EndpointOverview(
                connection=connection,
                endpoint=endpoint,
                secrets_set=webhook_secrets_set(endpoint, connection.provider),
                recent_events=list(events[:5]),
                events_total=events.count(),
                signature_failures_24h=rejections.filter(
                    status_code=401, received_at__gte=now - timedelta(hours=24)
                ).count(),
                recent_rejections=list(rejections[:5]),
            )
        )
    return rows
