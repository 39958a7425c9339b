"""Query filters of the catalog lists: connections, objects, fields, ownership, mappings, change requests
and catalog versions (API and pages)."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from crmhub.core.filtersets import IdFilter, form_in_order
from crmhub.models import CrmConnection
from mappings_app.models import (
    CatalogVersion,
    ChangeOrigin,
    ChangeRequest,
    ChangeStatus,
    CrmField,
    CrmObject,
    FieldMapping,
    FieldOwnership,
    FieldType,
    Owner,
)

YES_NO = [("yes", "Yes"), ("no", "No")]


def _connections():
    return CrmConnection.objects.order_by("name")


def _connection_filter(field_name: str) -> IdFilter:
    return IdFilter(
        field_name=field_name,
        label="Connection",
        options=_connections,
        label_of=lambda connection: connection.name,
        empty_label="All connections",
    )


def _search(method: str, placeholder: str) -> django_filters.CharFilter:
    return django_filters.CharFilter(
        method=method,
        label="Search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": placeholder}),
    )


class ConnectionFilterSet(django_filters.FilterSet):
    class Meta:
        model = CrmConnection
        fields = ["provider", "status"]


class CrmObjectFilterSet(django_filters.FilterSet):
    connection = _connection_filter("connection_id")
    name = django_filters.CharFilter(field_name="name")

    class Meta:
        model = CrmObject
        fields: list[str] = []


class CrmFieldFilterSet(django_filters.FilterSet):
    connection = _connection_filter("crm_object__connection_id")
    object = django_filters.CharFilter(field_name="crm_object__name", label="Object name")
    field_type = django_filters.ChoiceFilter(choices=FieldType.choices)
    owner = django_filters.ChoiceFilter(
        choices=Owner.choices,
        method="filter_owner",
        label="Owner; rep_owned includes fields without an ownership rule",
    )
    writable = django_filters.BooleanFilter()
    is_deleted = django_filters.BooleanFilter()

    class Meta:
        model = CrmField
        fields: list[str] = []

    def filter_owner(self, queryset, name, value):
        if value == Owner.REP_OWNED:
            # A field without an ownership row is rep-owned: the hub never writes it.
            return queryset.filter(Q(ownership__isnull=True) | Q(ownership__owner=Owner.REP_OWNED))
        return queryset.filter(ownership__owner=value)


class CrmFieldPageFilterSet(CrmFieldFilterSet):
    """The field list page: the objects of the chosen connection, whether a field is mapped, a search."""

    field_type = None
    writable = None
    is_deleted = None
    object = django_filters.ChoiceFilter(field_name="crm_object__name", label="Object", empty_label="Any")
    type = django_filters.ChoiceFilter(
        field_name="field_type", label="Type", choices=FieldType.choices, empty_label="Any"
    )
    owner = django_filters.ChoiceFilter(
        choices=Owner.choices, method="filter_owner", label="Owner", empty_label="Any"
    )
    mapped = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_mapped", label="Mapped", empty_label="Any"
    )
    q = _search("filter_q", "Name or label")

    class Meta:
        model = CrmField
        fields: list[str] = []
        form = form_in_order("connection", "object", "type", "owner", "mapped", "q")

    def __init__(self, *args, object_names=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["object"].extra["choices"] = [(name, name) for name in object_names]

    def filter_mapped(self, queryset, name, value):
        mapped = Exists(FieldMapping.objects.filter(crm_field=OuterRef("pk")))
        return queryset.filter(mapped if value == "yes" else ~mapped)

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(label__icontains=value))


class FieldOwnershipFilterSet(django_filters.FilterSet):
    connection = _connection_filter("crm_field__crm_object__connection_id")
    object = django_filters.CharFilter(field_name="crm_field__crm_object__name", label="Object name")
    owner = django_filters.ChoiceFilter(choices=Owner.choices)

    class Meta:
        model = FieldOwnership
        fields: list[str] = []


class FieldMappingFilterSet(django_filters.FilterSet):
    connection = _connection_filter("crm_field__crm_object__connection_id")
    source_system = django_filters.CharFilter(label="Source system")
    object = django_filters.CharFilter(field_name="crm_field__crm_object__name", label="Object")
    field = django_filters.CharFilter(field_name="crm_field__name", label="CRM field name")
    enabled = django_filters.BooleanFilter()

    class Meta:
        model = FieldMapping
        fields: list[str] = []


class FieldMappingPageFilterSet(FieldMappingFilterSet):
    """The mapping list page: enabled as yes/no, and a search over source key, system and field."""

    field = None
    enabled = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_enabled", label="Enabled", empty_label="Any"
    )
    q = _search("filter_q", "Source key, system or field")

    class Meta:
        model = FieldMapping
        fields: list[str] = []

    def filter_enabled(self, queryset, name, value):
        return queryset.filter(enabled=value == "yes")

    def filter_q(self, queryset, name, value):
        return queryset.filter(
            Q(source_key__icontains=value)
            | Q(crm_field__name__icontains=value)
            | Q(source_system__icontains=value)
        )


class ChangeRequestFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ChangeStatus.choices, label="Status", empty_label="Any")
    connection = _connection_filter("connection_id")
    origin = django_filters.ChoiceFilter(choices=ChangeOrigin.choices)

    class Meta:
        model = ChangeRequest
        fields: list[str] = []


class ChangeRequestPageFilterSet(ChangeRequestFilterSet):
    """The change list page: a search over titles instead of the origin."""

    origin = None
    q = _search("filter_q", "Title")

    class Meta:
        model = ChangeRequest
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        return queryset.filter(title__icontains=value)


class CatalogVersionFilterSet(django_filters.FilterSet):
    connection = _connection_filter("connection_id")

    class Meta:
        model = CatalogVersion
        fields: list[str] = []
