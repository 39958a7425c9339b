"""Query filters of the identity lists: review items, identity links, validation runs (API and pages)."""

import datetime as dt

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field

from crmhub.core.filtersets import MAX_ID, IdFilter, form_in_order, parse_id
from identity_app import selectors
from identity_app.models import (
    IdentityLink,
    LinkMethod,
    ReviewItem,
    ReviewReason,
    ReviewStatus,
    ValidationRun,
)
from mappings_app.models import Flow

MAX_AGE_DAYS = 36_500  # a century: anything older is every item, and a larger timedelta overflows
ALL_STATUSES = "all"
AGE_DAYS = {"1d": 1, "7d": 7, "30d": 30}
AGE_CHOICES = [("1d", "Older than 1 day"), ("7d", "Older than 7 days"), ("30d", "Older than 30 days")]


def _flows():
    return Flow.objects.select_related("connection").order_by("connection__name", "name")


def _flow_label(flow: Flow) -> str:
    return f"{flow.connection.name} · {flow.name}"


def _flow_filter() -> IdFilter:
    return IdFilter(
        field_name="flow_id", label="Flow", options=_flows, label_of=_flow_label, empty_label="All flows"
    )


class AssigneeField(forms.CharField):
    """A user id, "me" (the caller) or "none" (unassigned)."""

    def to_python(self, value):
        value = super().to_python(value).strip().lower()
        if value in ("", "me", "none"):
            return value
        user_id = parse_id(value)
        if user_id is None:
            raise forms.ValidationError('A user id, "me" or "none".', code="invalid")
        return user_id


def _by_assignee(queryset, value, user):
    if value in ("", None):
        return queryset
    if value == "me":
        return queryset.filter(assignee_id=user.pk)
    if value == "none":
        return queryset.filter(assignee__isnull=True)
    return queryset.filter(assignee_id=value)


@extend_schema_field(
    {
        "oneOf": [
            {"type": "integer", "minimum": 1, "maximum": MAX_ID},
            {"type": "string", "enum": ["me", "none"]},
        ]
    }
)
class AssigneeFilter(django_filters.Filter):
    field_class = AssigneeField

    def filter(self, queryset, value):
        return _by_assignee(queryset, value, self.parent.request.user)


class ReviewItemFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=[*ReviewStatus.choices, (ALL_STATUSES, "Any status")], method="filter_status"
    )
    reason = django_filters.ChoiceFilter(choices=ReviewReason.choices, empty_label="Any reason")
    flow = _flow_filter()
    source_system = django_filters.CharFilter()
    external_id = django_filters.CharFilter()
    assignee = AssigneeFilter(label='A user id, "me" (the caller) or "none" (unassigned)')
    older_than_days = django_filters.NumberFilter(
        method="filter_older_than_days",
        label="Only items waiting at least this many days",
        min_value=0,
        max_value=MAX_AGE_DAYS,
    )

    class Meta:
        model = ReviewItem
        fields: list[str] = []

    def filter_status(self, queryset, name, value):
        return queryset if value == ALL_STATUSES else queryset.filter(status=value)

    @extend_schema_field({"type": "number", "minimum": 0, "maximum": MAX_AGE_DAYS})
    def filter_older_than_days(self, queryset, name, value):
        if value is None or value < 0:
            return queryset
        return queryset.filter(created_at__lte=timezone.now() - dt.timedelta(days=float(value)))


def _assignee_choices(assignees) -> list[tuple[str, str]]:
    people = [(str(user.pk), user.get_full_name() or user.username) for user in assignees]
    return [("me", "Me"), ("none", "Unassigned"), *people]


class ReviewQueueFilterSet(ReviewItemFilterSet):
    """The queue page: open items unless another status is asked for, preset ages, assignees by name."""

    source_system = None
    external_id = None
    older_than_days = None
    status = django_filters.ChoiceFilter(
        choices=[*ReviewStatus.choices, (ALL_STATUSES, "Any status")],
        method="filter_status",
        empty_label=None,
    )
    age = django_filters.ChoiceFilter(
        choices=AGE_CHOICES, empty_label="Any age", method="filter_age", label="Age"
    )
    assignee = django_filters.ChoiceFilter(
        choices=lambda: _assignee_choices(selectors.review_assignees()),
        empty_label="Anyone",
        method="filter_assignee",
    )

    class Meta:
        model = ReviewItem
        fields: list[str] = []
        form = form_in_order("status", "flow", "reason", "age", "assignee")

    def __init__(self, data=None, *args, assignees=None, **kwargs):
        if data is not None and not data.get("status"):
            data = data.copy()
            data["status"] = ReviewStatus.OPEN
        super().__init__(data, *args, **kwargs)
        if assignees is not None:  # read by the page already
            self.filters["assignee"].extra["choices"] = _assignee_choices(assignees)

    def filter_age(self, queryset, name, value):
        return queryset.filter(created_at__lte=timezone.now() - dt.timedelta(days=AGE_DAYS[value]))

    def filter_assignee(self, queryset, name, value):
        return _by_assignee(queryset, value, self.request.user)


class IdentityLinkFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label="Search",
        help_text="Part of the external id, the CRM id or the source",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    connection = IdFilter(field_name="connection_id")
    object_name = django_filters.CharFilter()
    source_system = django_filters.CharFilter(label="Source system")
    external_id = django_filters.CharFilter()
    crm_id = django_filters.CharFilter()
    method = django_filters.ChoiceFilter(choices=LinkMethod.choices, empty_label="Any method")

    class Meta:
        model = IdentityLink
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(external_id__icontains=value) | Q(crm_id__icontains=value) | Q(source_system__icontains=value)
        )


class IdentityLinkPageFilterSet(IdentityLinkFilterSet):
    """The links page searches by text, source and method."""

    connection = None
    object_name = None
    external_id = None
    crm_id = None

    class Meta:
        model = IdentityLink
        fields: list[str] = []


class ValidationRunFilterSet(django_filters.FilterSet):
    flow = _flow_filter()

    class Meta:
        model = ValidationRun
        fields: list[str] = []
