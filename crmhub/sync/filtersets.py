"""Query filters of the sync lists: runs, webhook events, trigger executions (API and pages)."""

import django_filters

from crmhub.core.filtersets import IdFilter, form_in_order
from crmhub.sync.models import (
    ExecutionStatus,
    SyncKind,
    SyncRun,
    SyncStatus,
    TriggerExecution,
    WebhookAction,
    WebhookEvent,
    WebhookEventStatus,
)


class SyncRunFilterSet(django_filters.FilterSet):
    connection = django_filters.CharFilter(field_name="connection__name", max_length=100)
    object_name = django_filters.CharFilter(max_length=100)
    status = django_filters.ChoiceFilter(choices=SyncStatus.choices)
    kind = django_filters.ChoiceFilter(choices=SyncKind.choices)

    class Meta:
        model = SyncRun
        fields: list[str] = []


class WebhookEventFilterSet(django_filters.FilterSet):
    connection = django_filters.CharFilter(field_name="connection__name", max_length=100)
    object_name = django_filters.CharFilter(max_length=100)
    status = django_filters.ChoiceFilter(choices=WebhookEventStatus.choices)
    action = django_filters.ChoiceFilter(choices=WebhookAction.choices)

    class Meta:
        model = WebhookEvent
        fields: list[str] = []


class TriggerExecutionFilterSet(django_filters.FilterSet):
    rule = IdFilter(field_name="rule_id")
    status = django_filters.ChoiceFilter(choices=ExecutionStatus.choices)
    crm_id = django_filters.CharFilter(max_length=100)

    class Meta:
        model = TriggerExecution
        fields: list[str] = []


class SyncRunPageFilterSet(SyncRunFilterSet):
    """The sync runs page: the API's filters in words, laid out like every other list page."""

    connection = django_filters.CharFilter(field_name="connection__name", max_length=100, label="Connection")
    object_name = django_filters.CharFilter(max_length=100, label="Object")
    status = django_filters.ChoiceFilter(choices=SyncStatus.choices, empty_label="Any status")
    kind = django_filters.ChoiceFilter(choices=SyncKind.choices, empty_label="Any kind")

    class Meta(SyncRunFilterSet.Meta):
        form = form_in_order("connection", "object_name", "status", "kind")
