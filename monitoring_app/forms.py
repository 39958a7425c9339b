from django import forms

from crmhub.core.filtersets import MomentFormField


class BaselineForm(forms.Form):
    field_name = forms.ChoiceField(label="Field")
    period_start = MomentFormField(label="From", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    period_end = MomentFormField(label="To", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    note = forms.CharField(max_length=500, required=False)

    def __init__(self, *args, fields: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field_name"].choices = [(name, name) for name in fields]


class RuleForm(forms.Form):
    threshold = forms.FloatField()
    min_sample_size = forms.IntegerField(min_value=0, max_value=2_147_483_647)
    enabled = forms.BooleanField(required=False)


class EventTailForm(forms.Form):
    """The event tail's filters. Choices are given by the view (connections, objects, the kinds the user may
    see); a bad value drops only its own filter."""

    connection = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    object_name = forms.ChoiceField(label="Object", required=False)
    kind = forms.MultipleChoiceField(label="Kind", required=False, widget=forms.CheckboxSelectMultiple)
    record = forms.CharField(
        label="Record (CRM id)",
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "e.g. 1002"}),
    )

    def __init__(self, *args, connections, objects, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["connection"].choices = [("", "All connections"), *connections]
        self.fields["object_name"].choices = [("", "All objects"), *((name, name) for name in objects)]
        self.fields["kind"].choices = kinds


def _secret_field(label: str, help_text: str, *, max_length: int = 200) -> forms.CharField:
    """A write-only channel setting: never rendered back, and left empty it keeps what is stored."""
    return forms.CharField(
        required=False,
        max_length=max_length,
        label=label,
        help_text=help_text,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )


class ChannelForm(forms.Form):
    """A notification channel. Secret fields are write-only: empty keeps what is stored."""

    name = forms.CharField(max_length=100)
    kind = forms.ChoiceField(label="Type")
    enabled = forms.BooleanField(required=False, initial=True, label="Enabled")
    addresses = forms.CharField(
        required=False,
        max_length=1000,
        label="Email addresses",
        help_text="Comma-separated.",
        widget=forms.TextInput(attrs={"placeholder": "revops@example.com, oncall@example.com"}),
    )
    url = _secret_field(
        "Webhook URL",
        "Slack: the incoming-webhook URL. Kept encrypted and never shown again; leave empty to keep it.",
        max_length=1000,
    )
    events_url = forms.CharField(
        required=False,
        max_length=1000,
        label="Events API URL",
        help_text="PagerDuty's (the default) or a compatible service's Events API v2 endpoint.",
    )
    routing_key = _secret_field(
        "Routing key", "The integration key of the PagerDuty service. Encrypted; leave empty to keep it."
    )
    signing_secret = _secret_field(
        "Signing secret",
        "Signed webhooks: signs each notice (Standard Webhooks). Encrypted; leave empty to keep it.",
    )
    clear_signing_secret = forms.BooleanField(required=False, label="Remove the signing secret")
    alert_kinds = forms.MultipleChoiceField(
        required=False,
        label="Alert kinds",
        help_text="None ticked: every kind.",
        widget=forms.CheckboxSelectMultiple,
    )
    weekly_report = forms.BooleanField(required=False, label="Also send the weekly report (email)")

    def __init__(self, *args, kinds, alert_kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds
        self.fields["alert_kinds"].choices = alert_kinds
