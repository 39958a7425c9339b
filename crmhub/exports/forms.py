from django import forms

from crmhub.core.filtersets import MomentFormField
from crmhub.exports import destination_settings as settings_schema
from crmhub.exports.models import Destination, DestinationKind, duckdb_dataset_clash
from mappings_app.models import ConsentPurpose, DataClass

KEY_FILE_LIMIT = 64 * 1024  # a service account key file is about 2.3 kB


def _field_name(type_: str, key: str) -> str:
    return f"{type_}__{key}"


class DestinationForm(forms.ModelForm):
    """A destination with a plain field per connection setting of its type. Secrets are write-only: left empty,
    the stored ones stay; they are never shown back."""

    destination_type = forms.ChoiceField(
        label="Type",
        choices=[("", "Choose…"), *settings_schema.TYPE_LABELS.items()],
        help_text="A warehouse loads tables through dlt; a CDP receives identify, group and track calls.",
    )
    endpoint_url = forms.URLField(
        label="Data plane URL",
        required=False,
        assume_scheme="https",
        help_text="The root of the HTTP Tracking API: https://api.segment.io (EU: https://events.eu1.segmentapis.com), "
        "or your RudderStack data plane URL.",
        widget=forms.URLInput(attrs={"placeholder": "https://api.segment.io"}),
    )
    allowed_data_classes = forms.MultipleChoiceField(
        label="May receive",
        choices=DataClass.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="A field of a class not ticked here is never sent to this destination.",
    )
    purposes = forms.MultipleChoiceField(
        label="Needs consent for",
        choices=ConsentPurpose.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="A record is sent only with consent for every purpose ticked here.",
    )

    class Meta:
        model = Destination
        fields = [
            "name",
            "dataset_name",
            "status",
            "allowed_data_classes",
            "purposes",
            "suppression_target_seconds",
            "reconcile_interval_seconds",
        ]
        labels = {
            "dataset_name": "Schema (dataset)",
            "suppression_target_seconds": "Opt-out delivery target (seconds)",
            "reconcile_interval_seconds": "Compare with the CRM every (seconds)",
        }
        help_texts = {
            "dataset_name": "Where the tables land (a schema in PostgreSQL, Snowflake and Redshift, a dataset in "
            "BigQuery). Empty: crm.",
            "status": "A paused destination receives nothing until it is active again.",
            "suppression_target_seconds": "An opt-out must reach this destination within this time (300 = 5 "
            "minutes); a slower one raises an alert.",
            "reconcile_interval_seconds": "3600 = hourly, 86400 = daily (at least 300).",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        self.stored_type = (
            settings_schema.destination_type(kind=instance.kind, warehouse_type=instance.warehouse_type)
            if instance.pk
            else ""
        )
        self.fields["endpoint_url"].needed_for_type = True
        if instance.pk:
            self.initial.setdefault("destination_type", self.stored_type)
            self.initial.setdefault("endpoint_url", instance.endpoint_url)
        shown = settings_schema.stored_values(self.stored_type, instance.credentials)
        kept = settings_schema.secrets_stored(self.stored_type, instance.credentials)
        self.sections = []
        for type_, settings in settings_schema.SETTINGS.items():
            names = []
            for setting in settings:
                name = _field_name(type_, setting.key)
                self.fields[name] = self._setting_field(
                    setting, kept=type_ == self.stored_type and setting.key in kept
                )
                if type_ == self.stored_type and setting.key in shown:
                    self.initial.setdefault(name, shown[setting.key])
                names.append(name)
                if setting.key == settings_schema.SERVICE_ACCOUNT_KEY:
                    upload = f"{name}_file"
                    self.fields[upload] = forms.FileField(
                        label="…or upload the key file",
                        required=False,
                        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
                    )
                    names.append(upload)
            self.sections.append((type_, settings_schema.TYPE_LABELS[type_], names))

    @staticmethod
    def _setting_field(setting, *, kept: bool) -> forms.Field:
        attrs = {"autocomplete": "off"}
        if setting.placeholder:
            attrs["placeholder"] = setting.placeholder
        help_text = setting.help
        if setting.secret and kept:
            help_text = f"Stored (encrypted, never shown). Leave blank to keep it. {help_text}".strip()
        if setting.number:
            return forms.IntegerField(
                label=setting.label,
                required=False,
                help_text=help_text,
                widget=forms.NumberInput(attrs=attrs),
            )
        if setting.multiline:
            widget = forms.Textarea(attrs={**attrs, "rows": 4, "spellcheck": "false"})
        elif setting.secret:
            widget = forms.PasswordInput(attrs={**attrs, "autocomplete": "new-password"}, render_value=False)
        else:
            widget = forms.TextInput(attrs=attrs)
        # Required-ness depends on the type chosen: checked in clean(), so the other types' fields stay optional;
        # the label still marks what the chosen type needs (a stored secret is not needed again).
        field = forms.CharField(
            label=setting.label, required=False, help_text=help_text, widget=widget, strip=True
        )
        field.needed_for_type = setting.required and not (setting.secret and kept)
        return field

    def section_fields(self):
        """(type, label, bound fields) for the template: one group per destination type."""
        return [(type_, label, [self[name] for name in names]) for type_, label, names in self.sections]

    def common_fields(self):
        return [self[name] for name in ("name", "destination_type", "status")]

    def governance_fields(self):
        return [
            self[name]
            for name in (
                "allowed_data_classes",
                "purposes",
                "suppression_target_seconds",
                "reconcile_interval_seconds",
            )
        ]

    def clean(self):
        data = super().clean()
        type_ = data.get("destination_type")
        if not type_:
            return data
        entered = {}
        for setting in settings_schema.SETTINGS[type_]:
            name = _field_name(type_, setting.key)
            value = data.get(name)
            if setting.key == settings_schema.SERVICE_ACCOUNT_KEY:
                value = self._service_account_key(name)
                if isinstance(value, str):
                    self.add_error(name, value)
                    return data
            entered[setting.key] = value
        credentials = settings_schema.merged(
            type_, entered, self.instance.credentials, same_type=type_ == self.stored_type
        )
        for problem in settings_schema.problems(type_, credentials):
            name = _field_name(type_, problem.key)
            self.add_error(name if name in self.fields else None, problem.message)
        if type_ == settings_schema.CDP and not data.get("endpoint_url"):
            self.add_error("endpoint_url", "A CDP needs the data plane URL its events are sent to.")
        if type_ != settings_schema.CDP:
            clash = duckdb_dataset_clash(
                warehouse_type=type_, credentials=credentials, dataset_name=data.get("dataset_name", "")
            )
            if clash:
                self.add_error("dataset_name", clash)
        data["credentials"] = credentials
        return data

    def _service_account_key(self, name: str) -> dict | str | None:
        upload = self.files.get(f"{name}_file")
        text = self.cleaned_data.get(name) or ""
        if upload is not None:
            if upload.size > KEY_FILE_LIMIT:
                return "This file is too large to be a service account key."
            text = upload.read().decode("utf-8-sig", errors="replace")
        if not text.strip():
            return None
        return settings_schema.service_account_key_read(text)

    def save(self, commit=True):
        destination = super().save(commit=False)
        type_ = self.cleaned_data["destination_type"]
        if type_ == settings_schema.CDP:
            destination.kind, destination.warehouse_type = DestinationKind.CDP, ""
            destination.endpoint_url = self.cleaned_data.get("endpoint_url") or ""
        else:
            destination.kind, destination.warehouse_type = DestinationKind.WAREHOUSE, type_
            destination.endpoint_url = ""
        destination.credentials = self.cleaned_data["credentials"]
        if commit:
            destination.save()
        return destination


class BackfillForm(forms.Form):
    object_name = forms.CharField(max_length=100)
    connection = forms.IntegerField(widget=forms.HiddenInput)
    since = MomentFormField(required=False, help_text="Empty with a full refresh: from the beginning.")
    full_refresh = forms.BooleanField(required=False)


class RecordLookupForm(forms.Form):
    target = forms.CharField(max_length=120, help_text="connection id|object name")
    crm_id = forms.CharField(max_length=100, label="CRM record id")

    def clean_target(self):
        connection, _, object_name = self.cleaned_data["target"].partition("|")
        if not connection.isdigit() or not object_name:
            raise forms.ValidationError("Choose an object.")
        return int(connection), object_name
