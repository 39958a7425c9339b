"""Query-string filters of the identity API (django-filter)."""

import datetime as dt

import django_filters
from django.db.models import Q
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from crmhub.core.filtersets import IdFilter, parse_id
from identity_app.models import (
    IdentityLink,
    LinkMethod,
    ReviewItem,
    ReviewReason,
    ReviewStatus,
    ValidationRun,
)

MAX_AGE_DAYS = 36_500  # a century: anything older is every item, and a larger timedelta overflows


class ReviewItemFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ReviewStatus.choices)
    reason = django_filters.ChoiceFilter(choices=ReviewReason.choices)
    flow = IdFilter(field_name="flow_id")
    source_system = django_filters.CharFilter()
    external_id = django_filters.CharFilter()
    assignee = django_filters.CharFilter(
        method="filter_assignee", label='A user id, "me" (the caller) or "none" (unassigned)'
    )
    older_than_days = django_filters.NumberFilter(
        method="filter_older_than_days",
        label="Only items waiting at least this many days",
        min_value=0,
        max_value=MAX_AGE_DAYS,
    )

    class Meta:
        model = ReviewItem
        fields = ["status", "reason", "flow", "source_system", "external_id", "assignee", "older_than_days"]

    def filter_assignee(self, queryset, name, value):
        value = value.strip().lower()
        if value == "me":
            return queryset.filter(assignee_id=self.request.user.pk)
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        if user_id := parse_id(value):
            return queryset.filter(assignee_id=user_id)
        raise ValidationError({"assignee": 'A user id, "me" or "none".'})

    def filter_older_than_days(self, queryset, name, value):
        if value is None or value < 0:
            return queryset
        return queryset.filter(created_at__lte=timezone.now() - dt.timedelta(days=float(value)))


class IdentityLinkFilterSet(django_filters.FilterSet):
    connection = IdFilter(field_name="connection_id")
    object_name = django_filters.CharFilter()
    source_system = django_filters.CharFilter()
    external_id = django_filters.CharFilter()
    crm_id = django_filters.CharFilter()
    method = django_filters.ChoiceFilter(choices=LinkMethod.choices)
    q = django_filters.CharFilter(
        method="filter_q", label="Part of the external id, the CRM id or the source"
    )

    class Meta:
        model = IdentityLink
        fields = ["connection", "object_name", "source_system", "external_id", "crm_id", "method", "q"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(
            Q(external_id__icontains=value) | Q(crm_id__icontains=value) | Q(source_system__icontains=value)
        )


class ValidationRunFilterSet(django_filters.FilterSet):
    flow = IdFilter(field_name="flow_id")

    class Meta:
        model = ValidationRun
        fields = ["flow"]
