"""Forms of the trigger-rule and webhook-endpoint pages. They check shapes only: the services in
`crmhub.sync.rules` and `crmhub.sync.webhooks` check meaning (the catalog, each action kind's params)."""

from django import forms

from crmhub.models import CrmConnection
from crmhub.sync.models import ActionKind, ConditionKind, ConditionOperator, TriggerRule
from crmhub.sync.rules import ACTION_SPECS, RuleInvalid
from crmhub.sync.webhooks import SECRET_KEYS

RULE_FIELDS = (
    "name",
    "connection",
    "object_name",
    "enabled",
    "condition_kind",
    "field_name",
    "operator",
    "value",
    "source_system",
    "action_kind",
    "action_params",
    "max_attempts",
    "retry_base_seconds",
)


def action_params_help() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(kind, label, [(param, meaning)]) for every action kind that has a spec, for the form's help."""
    labels = dict(ActionKind.choices)
    return [
        (kind, labels.get(kind, kind), list(spec.params_help.items())) for kind, spec in ACTION_SPECS.items()
    ]


class TriggerRuleForm(forms.Form):
    name = forms.CharField(max_length=200)
    connection = forms.ModelChoiceField(queryset=CrmConnection.objects.order_by("name"))
    object_name = forms.CharField(
        max_length=100,
        help_text="The CRM object, as named in the catalog.",
        widget=forms.TextInput(attrs={"list": "crm-objects"}),  # the page's datalist of catalog objects
    )
    enabled = forms.BooleanField(required=False, initial=True)
    condition_kind = forms.ChoiceField(choices=ConditionKind.choices, label="When")
    field_name = forms.CharField(
        max_length=200, label="Field", help_text="A CRM field (field change) or an output's source key."
    )
    operator = forms.ChoiceField(choices=ConditionOperator.choices, initial=ConditionOperator.CHANGED)
    value = forms.CharField(max_length=500, required=False, help_text="Blank for 'changed'.")
    source_system = forms.CharField(
        max_length=100, required=False, help_text="Inbound outputs only: only outputs of this integration."
    )
    action_kind = forms.ChoiceField(choices=ActionKind.choices, label="Then")
    action_params = forms.JSONField(
        initial=dict,
        required=False,
        label="Action params (JSON)",
        widget=forms.Textarea(attrs={"rows": 3, "class": "mono"}),
    )
    signing_secret = forms.CharField(
        max_length=200,
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text="Outbound webhooks: signs each request (Standard Webhooks; a whsec_ secret from "
        "`manage.py signing_secret_new`, or any text). Never shown again; leave blank to keep the current one.",
    )
    clear_secret = forms.BooleanField(required=False, label="Remove the signing secret")
    max_attempts = forms.IntegerField(min_value=1, max_value=20, initial=5)
    retry_base_seconds = forms.FloatField(min_value=0, initial=30.0, help_text="Doubles after each failure.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["connection"].label_from_instance = lambda c: f"{c.name} ({c.get_provider_display()})"

    @classmethod
    def for_rule(cls, rule: TriggerRule, data=None):
        initial = {name: getattr(rule, name) for name in RULE_FIELDS}
        return cls(data, initial=initial)

    def rule_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in RULE_FIELDS}
        fields["action_params"] = fields["action_params"] if fields["action_params"] is not None else {}
        return fields

    def secret_options(self) -> dict:
        return {
            "signing_secret": self.cleaned_data.get("signing_secret") or None,
            "clear_secret": bool(self.cleaned_data.get("clear_secret")),
        }

    def add_rule_errors(self, exc: RuleInvalid) -> None:
        for name, messages in exc.errors.items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)


class DryRunForm(forms.Form):
    crm_id = forms.CharField(max_length=64, label="CRM id of a record")


class WebhookEndpointForm(forms.Form):
    enabled = forms.BooleanField(required=False, initial=True, help_text="Off: deliveries are answered 404.")
    max_age_seconds = forms.IntegerField(
        min_value=30, max_value=3600, initial=300, label="Signature window (seconds)"
    )
    clear_secrets = forms.BooleanField(required=False, label="Remove every stored secret first")

    def __init__(self, *args, provider: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.secret_names = list(SECRET_KEYS.get(provider, {}))
        for name, label in SECRET_KEYS.get(provider, {}).items():
            self.fields[f"secret_{name}"] = forms.CharField(
                label=label,
                required=False,
                max_length=300,
                widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
                help_text="Write-only: leave blank to keep what is stored.",
            )

    def secrets(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(f"secret_{name}") or "" for name in self.secret_names}
