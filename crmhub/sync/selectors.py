"""Reads for the sync pages and API: querysets ready to list, filtered by what a request asks."""

from django.db.models import QuerySet

from crmhub.sync.models import SyncRun, SyncState, TriggerExecution, TriggerRule, WebhookEvent

RUN_FILTERS = ("connection", "object_name", "status", "kind")
EVENT_FILTERS = ("connection", "object_name", "status", "action")
EXECUTION_FILTERS = ("rule", "status", "crm_id")


def sync_runs_list(*, filters: dict) -> QuerySet[SyncRun]:
    runs = SyncRun.objects.select_related("connection", "requested_by")
    if filters.get("connection"):
        runs = runs.filter(connection__name=filters["connection"])
    for name in ("object_name", "status", "kind"):
        if filters.get(name):
            runs = runs.filter(**{name: filters[name]})
    return runs


def sync_states_list() -> QuerySet[SyncState]:
    return SyncState.objects.select_related("connection")


def webhook_events_list(*, filters: dict) -> QuerySet[WebhookEvent]:
    events = WebhookEvent.objects.select_related("connection").defer("payload")
    if filters.get("connection"):
        events = events.filter(connection__name=filters["connection"])
    for name in ("object_name", "status", "action"):
        if filters.get(name):
            events = events.filter(**{name: filters[name]})
    return events


def trigger_rules_list() -> QuerySet[TriggerRule]:
    return TriggerRule.objects.select_related("connection")


def trigger_executions_list(*, filters: dict) -> QuerySet[TriggerExecution]:
    executions = TriggerExecution.objects.select_related("rule", "rule__connection")
    if filters.get("rule"):
        executions = executions.filter(rule_id=filters["rule"])
    for name in ("status", "crm_id"):
        if filters.get(name):
            executions = executions.filter(**{name: filters[name]})
    return executions
