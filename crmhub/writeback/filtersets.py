"""Query filters of the write-back lists (API and pages)."""

import django_filters
from django.db.models import Q

from crmhub.core.filtersets import IdFilter
from crmhub.writeback.models import FailureKind, InboundRecord, InboundStatus, OutcomeStatus, WriteOutcome


class InboundRecordFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=InboundStatus.choices)
    flow_id = IdFilter(field_name="flow_id")
    external_id = django_filters.CharFilter(max_length=200)
    idempotency_key = django_filters.CharFilter(method="by_key", max_length=200)
    source_system = django_filters.CharFilter(max_length=100)
    crm_id = django_filters.CharFilter(max_length=100)
    received_after = django_filters.IsoDateTimeFilter(field_name="received_at", lookup_expr="gte")
    received_before = django_filters.IsoDateTimeFilter(field_name="received_at", lookup_expr="lt")
    outcome_status = django_filters.ChoiceFilter(choices=OutcomeStatus.choices, method="by_outcome_status")

    class Meta:
        model = InboundRecord
        fields: list[str] = []

    def by_key(self, queryset, name, value):
        # Accepted and rejected records' keys live in two partial indexes; naming both halves lets an
        # integration's lookup use them.
        rejected = Q(status=InboundStatus.REJECTED)
        return queryset.filter(~rejected | rejected, idempotency_key=value)

    def by_outcome_status(self, queryset, name, value):
        return queryset.filter(outcomes__status=value).distinct()


class WriteOutcomeFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=OutcomeStatus.choices)
    flow_id = IdFilter(field_name="flow_id")
    failure_kind = django_filters.ChoiceFilter(choices=FailureKind.choices)
    target_name = django_filters.CharFilter(max_length=200)
    source_key = django_filters.CharFilter(max_length=200)
    inbound_id = IdFilter(field_name="inbound_id")

    class Meta:
        model = WriteOutcome
        fields: list[str] = []
