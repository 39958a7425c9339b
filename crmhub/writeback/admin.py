from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from crmhub.roles import INTEGRATION
from crmhub.writeback.models import FlowGrant, WritebackRun, WritebackRunFailure


class FlowGrantForm(forms.ModelForm):
    class Meta:
        model = FlowGrant
        fields = ["integration_user", "flow"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = self.fields["integration_user"].queryset
        self.fields["integration_user"].queryset = users.filter(groups__name=INTEGRATION).order_by("username")
        self.fields["integration_user"].help_text = "An account in the integration role."


@admin.register(FlowGrant)
class FlowGrantAdmin(SimpleHistoryAdmin):
    """Which flows each integration may post outputs into; a post into any other flow is rejected."""

    form = FlowGrantForm
    list_display = ["integration_user", "flow", "granted_by", "granted_at"]
    list_filter = ["flow"]
    search_fields = ["integration_user__username", "flow__name"]
    list_select_related = ["integration_user", "flow", "granted_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)


class ReadOnly:
    """Rows only the write-back jobs write: shown, never added, changed or deleted here."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class WritebackRunFailureInline(ReadOnly, admin.TabularInline):
    model = WritebackRunFailure
    fields = ["crm_id", "external_id", "field", "status", "failure_kind", "reason"]
    readonly_fields = fields
    show_change_link = True
    extra = 0
    max_num = 0


@admin.register(WritebackRun)
class WritebackRunAdmin(ReadOnly, admin.ModelAdmin):
    list_display = [
        "id",
        "flow",
        "trigger",
        "status",
        "records",
        "written",
        "verified",
        "dead_lettered",
        "created_at",
    ]
    list_filter = ["status", "trigger", "flow"]
    list_select_related = ["flow"]
    date_hierarchy = "created_at"
    inlines = [WritebackRunFailureInline]


@admin.register(WritebackRunFailure)
class WritebackRunFailureAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["id", "run", "crm_id", "external_id", "field", "status", "failure_kind"]
    list_filter = ["status", "failure_kind"]
    list_select_related = ["run"]
    search_fields = ["crm_id", "external_id", "field"]
    raw_id_fields = ["run", "outcome"]
