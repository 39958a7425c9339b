from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from crmhub.sync import rules
from crmhub.sync.forms import RULE_FIELDS
from crmhub.sync.models import (
    SyncRun,
    SyncState,
    TriggerExecution,
    TriggerRule,
    WebhookEndpoint,
    WebhookEvent,
)


@admin.register(SyncState)
class SyncStateAdmin(SimpleHistoryAdmin):
    list_display = ("connection", "object_name", "enabled", "interval_seconds", "watermark", "next_run_at")
    list_filter = ("enabled", "connection")
    readonly_fields = ("watermark", "checkpoint", "next_run_at", "last_run_at", "last_completeness_at")


@admin.register(SyncRun)
class SyncRunAdmin(admin.ModelAdmin):
    list_display = (
        "pk",
        "connection",
        "object_name",
        "kind",
        "status",
        "read_path",
        "records_read",
        "started_at",
    )
    list_filter = ("status", "kind", "connection")

    def has_add_permission(self, request):
        return False  # runs are started by the schedule, `sync_now` or the API

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    list_display = ("connection", "enabled", "token", "created_at")
    readonly_fields = ("token",)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None and "secrets" in form.base_fields:
            form.base_fields["secrets"].initial = "{}"
            form.base_fields["secrets"].help_text = "Stored encrypted; enter new secrets to replace them."
        return form


@admin.register(WebhookEvent)
class WebhookEventAdmin(admin.ModelAdmin):
    list_display = ("event_id", "connection", "event_type", "object_name", "status", "received_at")
    list_filter = ("status", "action", "connection")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TriggerRuleAdminForm(forms.ModelForm):
    """Checked by the same rule validation as the trigger-rule pages, for every action kind."""

    class Meta:
        model = TriggerRule
        fields = (*RULE_FIELDS, "secret", "created_by")

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        try:
            rules.trigger_rule_validate(self.instance)
        except rules.RuleInvalid as exc:
            for name, messages in exc.errors.items():
                for message in messages:
                    self.add_error(name if name in self.fields else None, message)


@admin.register(TriggerRule)
class TriggerRuleAdmin(SimpleHistoryAdmin):
    form = TriggerRuleAdminForm
    list_display = ("name", "connection", "object_name", "condition_kind", "action_kind", "enabled")
    list_filter = ("enabled", "action_kind", "connection")


@admin.register(TriggerExecution)
class TriggerExecutionAdmin(admin.ModelAdmin):
    list_display = ("pk", "rule", "crm_id", "status", "attempts", "next_attempt_at", "created_at")
    list_filter = ("status", "rule")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
