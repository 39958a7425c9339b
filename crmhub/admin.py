import json

from django import forms
from django.contrib import admin
from rest_framework.authtoken.models import TokenProxy
from simple_history.admin import SimpleHistoryAdmin

from crmhub.models import CrmConnection

# DRF's plain-text tokens are retired (knox's hashed tokens replace them): no admin page shows them.
if admin.site.is_registered(TokenProxy):
    admin.site.unregister(TokenProxy)


class CrmConnectionForm(forms.ModelForm):
    """Credentials are write-only: leave the box empty to keep the stored ones."""

    new_credentials = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off"}),
        help_text='JSON, e.g. {"access_token": "...", "refresh_token": "..."}. Stored encrypted; never shown.',
    )

    class Meta:
        model = CrmConnection
        fields = [
            "provider",
            "name",
            "base_url",
            "api_version",
            "status",
            "status_reason",
            "rate_limit_requests",
            "rate_limit_window_seconds",
            "rate_limit_reserve_percent",
            "daily_request_budget",
        ]

    base_url = forms.URLField(
        label="API URL", assume_scheme="https", help_text=CrmConnection._meta.get_field("base_url").help_text
    )

    def clean_new_credentials(self):
        text = self.cleaned_data["new_credentials"].strip()
        if not text:
            return None
        try:
            value = json.loads(text)
        except ValueError as exc:
            raise forms.ValidationError(f"Not valid JSON: {exc}") from exc
        if not isinstance(value, dict):
            raise forms.ValidationError("Credentials must be a JSON object.")
        return value

    def save(self, commit=True):
        if self.cleaned_data.get("new_credentials") is not None:
            self.instance.credentials = self.cleaned_data["new_credentials"]
        return super().save(commit=commit)


@admin.register(CrmConnection)
class CrmConnectionAdmin(SimpleHistoryAdmin):
    form = CrmConnectionForm
    list_display = ["name", "provider", "status", "base_url", "api_version", "catalog_version", "updated_at"]
    list_filter = ["provider", "status"]
    search_fields = ["name", "base_url"]
    readonly_fields = ["catalog_version", "created_at", "updated_at", "has_credentials"]

    @admin.display(boolean=True, description="Credentials stored")
    def has_credentials(self, obj):
        return bool(obj.credentials)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if not request.user.has_perm("crmhub.manage_credentials"):
            fields = [name for name in fields if name != "new_credentials"]
        return fields
