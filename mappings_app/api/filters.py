"""Query-string filters of the catalog API (django-filter)."""

import django_filters
from django.db.models import Q

from crmhub.models import CrmConnection
from mappings_app.models import (
    CatalogVersion,
    ChangeRequest,
    CrmField,
    CrmObject,
    FieldMapping,
    FieldOwnership,
    FieldType,
    Owner,
)


class ConnectionFilterSet(django_filters.FilterSet):
    class Meta:
        model = CrmConnection
        fields = ["provider", "status"]


class CrmObjectFilterSet(django_filters.FilterSet):
    connection = django_filters.NumberFilter(field_name="connection_id")
    name = django_filters.CharFilter(field_name="name")

    class Meta:
        model = CrmObject
        fields = ["connection", "name"]


class CrmFieldFilterSet(django_filters.FilterSet):
    connection = django_filters.NumberFilter(field_name="crm_object__connection_id")
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
        fields = ["connection", "object", "field_type", "owner", "writable", "is_deleted"]

    def filter_owner(self, queryset, name, value):
        if value == Owner.REP_OWNED:
            # A field without an ownership row is rep-owned: the hub never writes it.
            return queryset.filter(Q(ownership__isnull=True) | Q(ownership__owner=Owner.REP_OWNED))
        return queryset.filter(ownership__owner=value)


class FieldOwnershipFilterSet(django_filters.FilterSet):
    connection = django_filters.NumberFilter(field_name="crm_field__crm_object__connection_id")
    object = django_filters.CharFilter(field_name="crm_field__crm_object__name", label="Object name")
    owner = django_filters.ChoiceFilter(choices=Owner.choices)

    class Meta:
        model = FieldOwnership
        fields = ["connection", "object", "owner"]


class FieldMappingFilterSet(django_filters.FilterSet):
    connection = django_filters.NumberFilter(field_name="crm_field__crm_object__connection_id")
    source_system = django_filters.CharFilter()
    object = django_filters.CharFilter(field_name="crm_field__crm_object__name", label="Object name")
    field = django_filters.CharFilter(field_name="crm_field__name", label="CRM field name")
    enabled = django_filters.BooleanFilter()

    class Meta:
        model = FieldMapping
        fields = ["connection", "source_system", "object", "field", "enabled"]


class ChangeRequestFilterSet(django_filters.FilterSet):
    connection = django_filters.NumberFilter(field_name="connection_id")

    class Meta:
        model = ChangeRequest
        fields = ["status", "connection", "origin"]


class CatalogVersionFilterSet(django_filters.FilterSet):
    connection = django_filters.NumberFilter(field_name="connection_id")

    class Meta:
        model = CatalogVersion
        fields = ["connection"]
