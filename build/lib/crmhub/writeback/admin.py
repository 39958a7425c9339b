from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from crmhub.roles import INTEGRATION
from crmhub.writeback.models import FlowGrant


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
