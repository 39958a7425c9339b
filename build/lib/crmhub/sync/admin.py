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
from crmhub.sync.webhooks import SECRET_KEYS, webhook_secrets_set


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


def _write_only(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=300,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text="Write-only: a value replaces the stored one; blank keeps it.",
    )


class _WebhookEndpointAdminForm(forms.ModelForm):
    """Secrets are never rendered: one "replace" box per secret the providers know, and a clear box."""

    clear_secrets = forms.BooleanField(required=False, label="Remove every stored secret first")

    class Meta:
        model = WebhookEndpoint
        fields = ("connection", "enabled", "max_age_seconds")

    def clean(self):
        cleaned = super().clean()
        connection = cleaned.get("connection") or getattr(self.instance, "connection", None)
        provider = connection.provider if connection else ""
        for field_name in self._given():
            if not field_name.startswith(f"replace_{provider}_"):
                self.add_error(field_name, f"Not a secret of a {provider or 'this'} endpoint.")
        return cleaned

    def _given(self) -> list[str]:
        return [name for name in self.fields if name.startswith("replace_") and self.cleaned_data.get(name)]

    def save(self, commit=True):
        endpoint = super().save(commit=False)
        secrets = {} if self.cleaned_data.get("clear_secrets") else dict(endpoint.secrets or {})
        provider = endpoint.connection.provider
        for field_name in self._given():
            secrets[field_name.removeprefix(f"replace_{provider}_")] = self.cleaned_data[field_name]
        endpoint.secrets = secrets
        if commit:
            endpoint.save()
        return endpoint


# Declared fields (the admin lays out only those), one per secret of each provider.
WebhookEndpointAdminForm = type(
    "WebhookEndpointAdminForm",
    (_WebhookEndpointAdminForm,),
    {
        f"replace_{provider}_{name}": _write_only(f"{provider.title()}: {label}")
        for provider, names in SECRET_KEYS.items()
        for name, label in names.items()
    },
)


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = WebhookEndpointAdminForm
    list_display = ("connection", "enabled", "secrets_state", "created_at")
    readonly_fields = ("token", "secrets_state")

    def get_fields(self, request, obj=None):
        """An endpoint's page offers its own provider's secrets; the add page offers every provider's."""
        fields = super().get_fields(request, obj)
        if obj is None:
            return fields
        own = f"replace_{obj.connection.provider}_"
        return [name for name in fields if not name.startswith("replace_") or name.startswith(own)]

    @admin.display(description="Secrets")
    def secrets_state(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        state = webhook_secrets_set(obj, obj.connection.provider)
        return ", ".join(f"{name}: {'set' if is_set else 'missing'}" for name, is_set in state.items())


@admin.register(WebhookEvent)
class WebhookEventAdmin(admin.ModelAdmin):
    list_display = ("event_id", "connection", "event_type", "object_name", "status", "received_at")
    list_filter = ("status", "action", "connection")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TriggerRuleAdminForm(forms.ModelForm):
    """Checked by the same rule validation as the trigger-rule pages, for every action kind. The signing
    secret is write-only, as on the rule pages."""

    signing_secret = _write_only("Signing secret (outbound webhooks)")
    clear_secret = forms.BooleanField(required=False, label="Remove the signing secret")

    class Meta:
        model = TriggerRule
        fields = (*RULE_FIELDS, "created_by")

    def save(self, commit=True):
        if self.cleaned_data.get("clear_secret"):
            self.instance.secret = {}
        elif self.cleaned_data.get("signing_secret"):
            self.instance.secret = {
                **(self.instance.secret or {}),
                "signing_secret": self.cleaned_data["signing_secret"],
            }
        return super().save(commit=commit)

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
