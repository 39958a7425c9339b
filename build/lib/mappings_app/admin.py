from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from mappings_app.models import (
    CatalogVersion,
    ChangeRequest,
    CrmField,
    CrmObject,
    FieldMapping,
    FieldOwnership,
    Flow,
)


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """The active catalog changes only through approved change requests, never by editing rows here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CrmFieldInline(admin.TabularInline):
    model = CrmField
    fields = ["name", "label", "field_type", "writable", "nillable", "max_length", "is_deleted"]
    extra = 0
    show_change_link = True


@admin.register(CrmObject)
class CrmObjectAdmin(SimpleHistoryAdmin):
    list_display = ["name", "label", "connection"]
    list_filter = ["connection"]
    search_fields = ["name", "label"]
    list_select_related = ["connection"]
    inlines = [CrmFieldInline]


@admin.register(CrmField)
class CrmFieldAdmin(SimpleHistoryAdmin):
    list_display = ["name", "label", "crm_object", "field_type", "writable", "is_deleted"]
    list_filter = ["crm_object__connection", "field_type", "writable", "is_deleted"]
    search_fields = ["name", "label", "crm_object__name"]
    list_select_related = ["crm_object__connection"]
    raw_id_fields = ["crm_object"]


@admin.register(FieldOwnership)
class FieldOwnershipAdmin(ReadOnlyAdmin):
    list_display = ["crm_field", "owner", "conflict_policy"]
    list_filter = ["owner", "crm_field__crm_object__connection"]
    search_fields = ["crm_field__name"]
    list_select_related = ["crm_field__crm_object"]


@admin.register(FieldMapping)
class FieldMappingAdmin(ReadOnlyAdmin):
    list_display = ["source_system", "source_key", "crm_field", "transform", "null_policy", "enabled"]
    list_filter = ["source_system", "enabled", "crm_field__crm_object__connection"]
    search_fields = ["source_key", "crm_field__name"]
    list_select_related = ["crm_field__crm_object"]


@admin.register(ChangeRequest)
class ChangeRequestAdmin(ReadOnlyAdmin):
    list_display = ["id", "title", "connection", "status", "author", "created_at"]
    list_filter = ["status", "connection"]
    search_fields = ["title"]
    list_select_related = ["connection", "author"]


@admin.register(CatalogVersion)
class CatalogVersionAdmin(ReadOnlyAdmin):
    list_display = ["connection", "number", "change_request", "created_by", "created_at"]
    list_filter = ["connection"]
    list_select_related = ["connection", "change_request", "created_by"]


@admin.register(Flow)
class FlowAdmin(SimpleHistoryAdmin):
    list_display = ["name", "connection", "source_system", "crm_object", "mode", "allow_creates"]
    list_filter = ["connection", "mode"]
    search_fields = ["name", "source_system"]
    list_select_related = ["connection", "crm_object"]
    raw_id_fields = ["crm_object"]
