import json

from django import forms

from crmhub.exports import warehouse_config
from crmhub.exports.models import Destination, duckdb_dataset_clash
from mappings_app.models import ConsentPurpose, DataClass


class DestinationForm(forms.ModelForm):
    """A destination; credentials are write-only: left empty, the stored ones stay."""

    allowed_data_classes = forms.MultipleChoiceField(
        choices=DataClass.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    purposes = forms.MultipleChoiceField(
        choices=ConsentPurpose.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="A record is sent only with consent for every purpose ticked here.",
    )
    new_credentials = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
        label="Credentials (JSON)",
        help_text='DuckDB: {"path": "var/warehouse.duckdb"}. PostgreSQL: {"connection_string": '
        '"postgresql://user:password@host:5432/database"}. Redshift: {"connection_string": '
        '"postgresql://user:password@cluster-host:5439/database"}. Snowflake: {"connection_string": '
        '"snowflake://user:password@account/DATABASE?warehouse=WH&role=ROLE"}. BigQuery: the service account '
        'key JSON file as Google issues it. CDP: {"write_key": "..."}. Leave empty to keep the stored ones; '
        "never shown again.",
    )

    class Meta:
        model = Destination
        fields = [
            "name",
            "kind",
            "warehouse_type",
            "dataset_name",
            "endpoint_url",
            "status",
            "allowed_data_classes",
            "purposes",
            "suppression_target_seconds",
            "reconcile_interval_seconds",
        ]

    def clean_new_credentials(self):
        text = self.cleaned_data.get("new_credentials", "").strip()
        if not text:
            return None
        try:
            value = json.loads(text)
        except ValueError as exc:
            raise forms.ValidationError("Enter the credentials as a JSON object.") from exc
        if not isinstance(value, dict):
            raise forms.ValidationError("Enter the credentials as a JSON object.")
        return value

    def clean(self):
        data = super().clean()
        if data.get("kind") == "warehouse" and not data.get("warehouse_type"):
            self.add_error("warehouse_type", "A warehouse needs its type.")
        if data.get("kind") == "cdp" and not data.get("endpoint_url"):
            self.add_error("endpoint_url", "A CDP needs its endpoint URL.")
        credentials = data.get("new_credentials")
        clash = duckdb_dataset_clash(
            warehouse_type=data.get("warehouse_type", ""),
            credentials=self.instance.credentials if credentials is None else credentials,
            dataset_name=data.get("dataset_name", ""),
        )
        if clash:
            self.add_error("dataset_name", clash)
        if data.get("kind") == "warehouse" and data.get("warehouse_type"):
            for problem in warehouse_config.credentials_problems(
                warehouse_type=data["warehouse_type"],
                credentials=self.instance.credentials if credentials is None else credentials,
            ):
                self.add_error("new_credentials", problem)
        return data

    def save(self, commit=True):
        destination = super().save(commit=False)
        if self.cleaned_data.get("new_credentials") is not None:
            destination.credentials = self.cleaned_data["new_credentials"]
        return destination


class BackfillForm(forms.Form):
    object_name = forms.CharField(max_length=100)
    connection = forms.IntegerField(widget=forms.HiddenInput)
    since = forms.DateTimeField(required=False, help_text="Empty with a full refresh: from the beginning.")
    full_refresh = forms.BooleanField(required=False)


class RecordLookupForm(forms.Form):
    target = forms.CharField(max_length=120, help_text="connection id|object name")
    crm_id = forms.CharField(max_length=100, label="CRM record id")

    def clean_target(self):
        connection, _, object_name = self.cleaned_data["target"].partition("|")
        if not connection.isdigit() or not object_name:
            raise forms.ValidationError("Choose an object.")
        return int(connection), object_name
