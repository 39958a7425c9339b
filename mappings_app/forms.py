"""Browser forms for the mapping catalog: drafting proposals, decisions and YAML import (the lists'
filters are mappings_app/filtersets.py)."""

import json

from django import forms

from crmhub.models import CrmConnection
from mappings_app.models import (
    ChangeRequest,
    ChangeStatus,
    ConflictPolicy,
    CrmField,
    NullPolicy,
    OutboundNullPolicy,
    OutboundTransform,
    OutboundType,
    Owner,
    SourceType,
    Transform,
)
from mappings_app.yaml_io import MAX_YAML_BYTES

NEW_DRAFT = "new"
REMOVE_RULE = "remove"


class ConnectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ChangeRequestCreateForm(forms.Form):
    connection = ConnectionChoiceField(queryset=CrmConnection.objects.order_by("name"))
    title = forms.CharField(max_length=200)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))


class DraftChoiceForm(forms.Form):
    """Where a proposal goes: one of the user's open drafts on the connection, or a new draft."""

    change_request = forms.ChoiceField(label="Add to")
    new_title = forms.CharField(
        max_length=200, required=False, label="Title of the new draft", help_text="Used for a new draft only."
    )

    def __init__(self, *args, user, connection: CrmConnection, suggested_title: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.drafts = {
            str(draft.pk): draft
            for draft in ChangeRequest.objects.filter(
                connection=connection, author=user, status=ChangeStatus.DRAFT
            ).order_by("-created_at", "-id")
        }
        self.fields["change_request"].choices = [
            *[(pk, f"#{pk} {draft.title}") for pk, draft in self.drafts.items()],
            (NEW_DRAFT, "A new draft change request"),
        ]
        self.fields["change_request"].initial = next(iter(self.drafts), NEW_DRAFT)
        self.fields["new_title"].initial = suggested_title

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("change_request") == NEW_DRAFT and not (cleaned.get("new_title") or "").strip():
            self.add_error("new_title", "Give the new draft a title.")
        return cleaned

    def chosen_draft(self) -> ChangeRequest | None:
        """The existing draft picked, or None when a new one must be created."""
        return self.drafts.get(self.cleaned_data["change_request"])


class OwnershipProposalForm(DraftChoiceForm):
    owner = forms.ChoiceField(
        choices=[*Owner.choices, (REMOVE_RULE, "Remove the rule (rep-owned by default)")],
        help_text="AI-owned: the hub may overwrite. Hybrid: only if no rep edited it since. Rep-owned: never written.",
    )
    conflict_policy = forms.ChoiceField(
        required=False,
        label="Conflict policy (hybrid only)",
        choices=[("", "—"), *ConflictPolicy.choices],
    )

    def operation(self, field: CrmField) -> dict:
        spec = {"object": field.crm_object.name, "field": field.name}
        owner = self.cleaned_data["owner"]
        if owner == REMOVE_RULE:
            return {"kind": "ownership_delete", "spec": spec}
        policy = self.cleaned_data["conflict_policy"] if owner == Owner.HYBRID else ""
        return {"kind": "ownership_set", "spec": {**spec, "owner": owner, "conflict_policy": policy}}


class MappingProposalForm(DraftChoiceForm):
    source_system = forms.CharField(max_length=100, help_text="The integration, e.g. lead_scorer.")
    source_key = forms.CharField(
        max_length=200,
        help_text="Key in the integration's output. Changing system or key proposes a new mapping.",
    )
    source_type = forms.ChoiceField(choices=SourceType.choices)
    transform = forms.ChoiceField(choices=Transform.choices)
    transform_params = forms.CharField(
        required=False,
        label="Transform parameters (JSON)",
        initial="{}",
        widget=forms.Textarea(attrs={"rows": 3, "class": "mono"}),
        help_text='e.g. {"digits": 1} for round, {"map": {"S": "smb"}} for a value map.',
    )
    null_policy = forms.ChoiceField(choices=NullPolicy.choices)
    timestamp_field = forms.ChoiceField(required=False, label="Timestamp field")
    enabled = forms.BooleanField(required=False, initial=True)

    def __init__(self, *args, timestamp_candidates: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["timestamp_field"].choices = [("", "No timestamp field")] + [
            (n, n) for n in timestamp_candidates
        ]

    def clean_transform_params(self) -> dict:
        raw = (self.cleaned_data.get("transform_params") or "").strip()
        if not raw:
            return {}
        try:
            params = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(f"Not valid JSON: {exc.msg} (line {exc.lineno}).") from exc
        if not isinstance(params, dict):
            raise forms.ValidationError('Give a JSON object, e.g. {"digits": 1}.')
        return params

    def operation(self, field: CrmField) -> dict:
        data = self.cleaned_data
        spec = {
            "source_system": data["source_system"].strip(),
            "source_key": data["source_key"].strip(),
            "object": field.crm_object.name,
            "field": field.name,
            "source_type": data["source_type"],
            "transform": data["transform"],
            "transform_params": data["transform_params"],
            "null_policy": data["null_policy"],
            "timestamp_field": data["timestamp_field"] or None,
            "enabled": data["enabled"],
        }
        return {"kind": "mapping_set", "spec": spec}

    @staticmethod
    def initial_from_mapping(mapping) -> dict:
        return {
            "source_system": mapping.source_system,
            "source_key": mapping.source_key,
            "source_type": mapping.source_type,
            "transform": mapping.transform,
            "transform_params": json.dumps(mapping.transform_params or {}, sort_keys=True),
            "null_policy": mapping.null_policy,
            "timestamp_field": mapping.timestamp_field.name if mapping.timestamp_field_id else "",
            "enabled": mapping.enabled,
        }


class OutboundProposalForm(DraftChoiceForm):
    """Send this CRM field to a destination: a warehouse column or a CDP trait, with its type and transform."""

    destination = forms.ChoiceField(help_text="Where the field goes (Exports > Destinations lists them).")
    target = forms.CharField(
        max_length=100,
        label="Column or trait name",
        help_text="Letters, digits and underscores, e.g. lifecycle_stage.",
    )
    target_type = forms.ChoiceField(label="Type", choices=OutboundType.choices)
    transform = forms.ChoiceField(
        choices=OutboundTransform.choices,
        help_text="SHA-256 of the normalised email is the hash ad platforms match on.",
    )
    value_map = forms.CharField(
        required=False,
        label="Value map",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For the value map only: one per line, CRM value = value sent (e.g. salesqualifiedlead = SQL).",
    )
    null_policy = forms.ChoiceField(label="Empty values", choices=OutboundNullPolicy.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from crmhub.exports.models import Destination

        self.fields["destination"].choices = [(d.name, str(d)) for d in Destination.objects.order_by("name")]

    def clean_value_map(self) -> dict:
        mapping = {}
        for number, line in enumerate((self.cleaned_data.get("value_map") or "").splitlines(), start=1):
            if not line.strip():
                continue
            source, sign, sent = line.partition("=")
            if not sign or not source.strip():
                raise forms.ValidationError(f"Line {number}: write CRM value = value sent.")
            mapping[source.strip()] = sent.strip()
        return mapping

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("transform") == OutboundTransform.VALUE_MAP and not cleaned.get("value_map"):
            self.add_error("value_map", "A value map needs at least one line.")
        return cleaned

    def operation(self, field: CrmField) -> dict:
        data = self.cleaned_data
        value_map = data["transform"] == OutboundTransform.VALUE_MAP
        spec = {
            "destination": data["destination"],
            "object": field.crm_object.name,
            "field": field.name,
            "target": data["target"].strip(),
            "target_type": data["target_type"],
            "transform": data["transform"],
            "transform_params": {"map": data["value_map"]} if value_map else {},
            "null_policy": data["null_policy"],
        }
        return {"kind": "outbound_set", "spec": spec}


class CommentForm(forms.Form):
    body = forms.CharField(label="Comment", widget=forms.Textarea(attrs={"rows": 3}))


class YamlImportForm(forms.Form):
    yaml_file = forms.FileField(required=False, label="YAML file")
    yaml_text = forms.CharField(
        required=False,
        label="…or paste the YAML",
        widget=forms.Textarea(attrs={"rows": 14, "class": "mono", "spellcheck": "false"}),
    )
    title = forms.CharField(
        max_length=200, required=False, help_text="Title of the draft change request (optional)."
    )

    def clean_yaml_file(self):
        upload = self.cleaned_data.get("yaml_file")
        if upload and upload.size > MAX_YAML_BYTES:
            raise forms.ValidationError("The YAML file is larger than 5 MB.")
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("yaml_file") and not (cleaned.get("yaml_text") or "").strip():
            raise forms.ValidationError("Upload a YAML file or paste its text.")
        return cleaned

    def yaml_source(self) -> bytes | str:
        upload = self.cleaned_data.get("yaml_file")
        return upload.read() if upload else self.cleaned_data["yaml_text"]


class VersionCompareForm(forms.Form):
    """Pick a connection and two of its catalog versions (0 is the empty catalog before the first change)."""

    connection = ConnectionChoiceField(queryset=CrmConnection.objects.order_by("name"), empty_label=None)
    older = forms.TypedChoiceField(coerce=int, label="Compare version")
    newer = forms.TypedChoiceField(coerce=int, label="with version")

    def __init__(self, *args, numbers: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, f"v{n}" + (" (empty catalog)" if n == 0 else "")) for n in numbers]
        self.fields["older"].choices = choices
        self.fields["newer"].choices = choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("older") is not None and cleaned.get("older") == cleaned.get("newer"):
            raise forms.ValidationError("Pick two different versions.")
        return cleaned
