from urllib.parse import urlsplit

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from monitoring_app.models import (
    Alert,
    AlertNotification,
    AlertRule,
    ChannelKind,
    DistributionBaseline,
    NotificationChannel,
)


@admin.register(AlertRule)
class AlertRuleAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "flow", "metric", "comparison", "threshold", "min_sample_size", "enabled"]
    list_filter = ["kind", "enabled"]
    list_editable = ["threshold", "min_sample_size", "enabled"]


class NotificationChannelForm(forms.ModelForm):
    signing_secret = forms.CharField(
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text="Webhooks: signs each notice (Standard Webhooks; a whsec_ secret from "
        "`manage.py signing_secret_new`, or any text). Write-only: a value replaces the stored one; leave "
        "empty to keep it.",
    )
    clear_secret = forms.BooleanField(required=False, label="Remove the signing secret")

    class Meta:
        model = NotificationChannel
        fields = ["name", "kind", "target", "enabled", "weekly_report"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self._stored_webhook():
            # A webhook URL carries the receiver's secret (Slack's does): write-only, like the signing secret.
            self.fields["target"] = forms.CharField(
                required=False,
                max_length=1000,
                widget=forms.PasswordInput(render_value=False),
                help_text="Webhook URL (it carries the receiver's secret). Write-only: a value replaces the "
                "stored one; leave empty to keep it.",
            )

    def _stored_webhook(self) -> bool:
        return bool(self.instance.pk) and self.instance.kind == ChannelKind.WEBHOOK

    def clean_target(self):
        target = self.cleaned_data.get("target")
        if not target and self._stored_webhook():
            return self.instance.target
        return target

    def save(self, commit=True):
        channel = super().save(commit=False)
        if self.cleaned_data.get("clear_secret"):
            channel.secret = {}
        elif self.cleaned_data.get("signing_secret"):
            channel.secret = {"signing_secret": self.cleaned_data["signing_secret"]}
        if commit:
            channel.save()
        return channel


@admin.register(NotificationChannel)
class NotificationChannelAdmin(SimpleHistoryAdmin):
    form = NotificationChannelForm
    list_display = ["name", "kind", "destination", "enabled", "weekly_report", "has_secret"]
    readonly_fields = ["has_secret"]

    @admin.display(description="Target")
    def destination(self, obj):
        """Email addresses as they are; a webhook URL only by its host (the rest may be its secret)."""
        if obj.kind != ChannelKind.WEBHOOK:
            return obj.target
        host = urlsplit(obj.target).hostname or "?"
        return f"{host}/…"

    @admin.display(boolean=True, description="Signing secret stored")
    def has_secret(self, obj):
        return bool((obj.secret or {}).get("signing_secret")) if obj else False


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "status", "connection", "flow", "field_name", "opened_at", "resolved_at"]
    list_filter = ["status", "kind"]
    readonly_fields = [f.name for f in Alert._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(AlertNotification)
class AlertNotificationAdmin(admin.ModelAdmin):
    list_display = ["alert", "channel", "transition", "status", "attempts", "finished_at"]
    list_filter = ["status", "transition"]
    readonly_fields = [f.name for f in AlertNotification._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(DistributionBaseline)
class DistributionBaselineAdmin(admin.ModelAdmin):
    list_display = ["flow", "field_name", "period_start", "period_end", "sample_size", "active", "chosen_by"]
    list_filter = ["active"]
    readonly_fields = ["values"]
