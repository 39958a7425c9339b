"""Query filters of the monitoring lists (API and pages)."""

import django_filters

from crmhub.core.filtersets import IdFilter, MomentFilter
from monitoring_app.models import Alert, AlertKind, AlertStatus, Metric, MetricPoint, Scope


class MetricPointFilterSet(django_filters.FilterSet):
    metric = django_filters.ChoiceFilter(choices=Metric.choices)
    scope = django_filters.ChoiceFilter(choices=Scope.choices)
    flow = IdFilter(field_name="flow_id")
    connection = IdFilter(field_name="connection_id")
    field_name = django_filters.CharFilter(max_length=200)
    since = MomentFilter(field_name="bucket_start", lookup_expr="gte")
    until = MomentFilter(field_name="bucket_start", lookup_expr="lt")

    class Meta:
        model = MetricPoint
        fields: list[str] = []


class AlertFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=AlertStatus.choices, empty_label="Any status")
    kind = django_filters.ChoiceFilter(choices=AlertKind.choices, empty_label="Any kind")
    flow = IdFilter(field_name="flow_id")
    connection = IdFilter(field_name="connection_id")

    class Meta:
        model = Alert
        fields: list[str] = []
