"""Query filters of the write-back lists (API and pages)."""

import datetime as dt

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from crmhub.core.filtersets import IdFilter, MomentFilter, form_in_order
from crmhub.writeback.models import (
    FailureKind,
    InboundRecord,
    InboundStatus,
    OutcomeStatus,
    RunStatus,
    RunTrigger,
    WritebackRun,
    WriteOutcome,
)
from mappings_app.models import Flow


class InboundRecordFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=InboundStatus.choices)
    flow_id = IdFilter(field_name="flow_id")
    external_id = django_filters.CharFilter(max_length=200)
    idempotency_key = django_filters.CharFilter(method="by_key", max_length=200)
    source_system = django_filters.CharFilter(max_length=100)
    crm_id = django_filters.CharFilter(max_length=100)
    received_after = MomentFilter(field_name="received_at", lookup_expr="gte")
    received_before = MomentFilter(field_name="received_at", lookup_expr="lt")
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


# -- the pages' own filters --------------------------------------------------------------------------------

# Received within the last ... ("-") or longer ago than ... ("+").
RECEIVED_AGE_CHOICES = [
    ("-1h", "Within the last hour"),
    ("-1d", "Within the last day"),
    ("-7d", "Within the last 7 days"),
    ("+1d", "Older than 1 day"),
    ("+7d", "Older than 7 days"),
    ("+30d", "Older than 30 days"),
]
FAILED_AGE_CHOICES = [
    ("+1h", "Older than 1 hour"),
    ("+1d", "Older than 1 day"),
    ("+7d", "Older than 7 days"),
    ("-1d", "Within the last day"),
]
SPANS = {"1h": dt.timedelta(hours=1), "1d": dt.timedelta(days=1), "7d": dt.timedelta(days=7)}
SPANS["30d"] = dt.timedelta(days=30)


def age_bounds(choice: str, now: dt.datetime) -> tuple[dt.datetime | None, dt.datetime | None]:
    """(after, before) for an age choice such as "-1d" (within a day) or "+7d" (older than a week)."""
    if not choice or choice[1:] not in SPANS:
        return None, None
    moment = now - SPANS[choice[1:]]
    return (moment, None) if choice[0] == "-" else (None, moment)


def _by_age(queryset, field_name: str, choice: str):
    after, before = age_bounds(choice, timezone.now())
    if after:
        queryset = queryset.filter(**{f"{field_name}__gte": after})
    if before:
        queryset = queryset.filter(**{f"{field_name}__lt": before})
    return queryset


def _flows():
    return Flow.objects.select_related("connection").order_by("connection__name", "name")


def _source_systems():
    return [
        (name, name)
        for name in _flows().order_by("source_system").values_list("source_system", flat=True).distinct()
    ]


def _flow_filter() -> IdFilter:
    return IdFilter(
        field_name="flow_id",
        label="Flow",
        options=_flows,
        label_of=lambda flow: f"{flow.connection.name} · {flow.name}",
        empty_label="All flows",
    )


class InboundRecordPageFilterSet(InboundRecordFilterSet):
    """The records page: flows by name, the sources flows post from, preset ages and one search box."""

    flow_id = None
    external_id = None
    idempotency_key = None
    crm_id = None
    received_after = None
    received_before = None
    flow = _flow_filter()
    status = django_filters.ChoiceFilter(choices=InboundStatus.choices, empty_label="Any status")
    outcome_status = django_filters.ChoiceFilter(
        choices=OutcomeStatus.choices,
        method="by_outcome_status",
        empty_label="Any field outcome",
        label="With a field outcome",
    )
    source_system = django_filters.ChoiceFilter(empty_label="Any source", label="Source system")
    received = django_filters.ChoiceFilter(
        choices=RECEIVED_AGE_CHOICES, empty_label="Any time", method="by_received", label="Received"
    )
    q = django_filters.CharFilter(
        max_length=200,
        method="by_term",
        label="CRM id or external id",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "e.g. 0031x00000AbCdE"}),
    )

    class Meta:
        model = InboundRecord
        fields: list[str] = []
        form = form_in_order("flow", "status", "outcome_status", "source_system", "received", "q")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read once here: the form's validation and its rendering both go through the choices.
        self.filters["source_system"].extra["choices"] = _source_systems()

    def by_received(self, queryset, name, value):
        return _by_age(queryset, "received_at", value)

    def by_term(self, queryset, name, value):
        return queryset.filter(Q(crm_id=value) | Q(external_id=value) | Q(idempotency_key=value))


class DeadLetterFilterSet(WriteOutcomeFilterSet):
    """The dead-letter page (and its replay of everything that matches): flow, failure kind, age."""

    status = None
    flow_id = None
    target_name = None
    source_key = None
    inbound_id = None
    flow = _flow_filter()
    failure_kind = django_filters.ChoiceFilter(
        choices=FailureKind.choices, empty_label="Any failure", label="Failure kind"
    )
    age = django_filters.ChoiceFilter(
        choices=FAILED_AGE_CHOICES, empty_label="Any age", label="Dead-lettered", method="by_age"
    )

    class Meta:
        model = WriteOutcome
        fields: list[str] = []
        form = form_in_order("flow", "failure_kind", "age")

    def by_age(self, queryset, name, value):
        return _by_age(queryset, "finished_at", value)

    def narrows_beyond_flow(self) -> bool:
        values = self.form.cleaned_data
        return bool(values.get("failure_kind") or values.get("age"))


class ConflictFilterSet(django_filters.FilterSet):
    flow = _flow_filter()

    class Meta:
        model = WriteOutcome
        fields: list[str] = []


class WritebackRunFilterSet(django_filters.FilterSet):
    """The run history: flow, what started the run, how it ended."""

    flow = _flow_filter()
    trigger = django_filters.ChoiceFilter(
        choices=RunTrigger.choices, empty_label="Any trigger", label="Started by"
    )
    status = django_filters.ChoiceFilter(choices=RunStatus.choices, empty_label="Any status")
    failed = django_filters.BooleanFilter(
        method="by_failed",
        label="Failed values",
        widget=forms.Select(choices=[("", "Any"), ("true", "With failed values"), ("false", "Without")]),
    )

    class Meta:
        model = WritebackRun
        fields: list[str] = []
        form = form_in_order("flow", "trigger", "status", "failed")

    def by_failed(self, queryset, name, value):
        with_failures = Q(rejected__gt=0) | Q(dead_lettered__gt=0)
        return queryset.filter(with_failures) if value else queryset.exclude(with_failures)
