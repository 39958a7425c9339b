"""Forms of the write-back pages: list filters, replays, conflict decisions and shadow reviews."""

import datetime as dt

from django import forms

from crmhub.core.filtersets import MAX_ID, parse_id
from crmhub.writeback.models import FailureKind, InboundStatus, OutcomeStatus, ShadowVerdict
from mappings_app.models import Flow

MAX_SAMPLE_SIZE = 1000
MAX_IDS = 1000

# Received within the last ... ("-") or longer ago than ... ("+").
RECEIVED_AGE_CHOICES = [
    ("", "Any time"),
    ("-1h", "Within the last hour"),
    ("-1d", "Within the last day"),
    ("-7d", "Within the last 7 days"),
    ("+1d", "Older than 1 day"),
    ("+7d", "Older than 7 days"),
    ("+30d", "Older than 30 days"),
]
FAILED_AGE_CHOICES = [
    ("", "Any age"),
    ("+1h", "Older than 1 hour"),
    ("+1d", "Older than 1 day"),
    ("+7d", "Older than 7 days"),
    ("-1d", "Within the last day"),
]
SPANS = {"1h": dt.timedelta(hours=1), "1d": dt.timedelta(days=1), "7d": dt.timedelta(days=7)}
SPANS["30d"] = dt.timedelta(days=30)


def age_bounds(choice: str, now: dt.datetime) -> tuple[dt.datetime | None, dt.datetime | None]:
    """(after, before) for an age choice such as "-1d" (within a day) or "+7d" (older than a week)."""
    if not choice or choice[1:] not in SPANS:
        return None, None
    moment = now - SPANS[choice[1:]]
    return (moment, None) if choice[0] == "-" else (None, moment)


class FlowChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, flow: Flow) -> str:
        return f"{flow.connection.name} · {flow.name}"


def flow_field() -> FlowChoiceField:
    return FlowChoiceField(
        queryset=Flow.objects.select_related("connection").order_by("connection__name", "name"),
        required=False,
        empty_label="All flows",
    )


class RecordFilterForm(forms.Form):
    flow = flow_field()
    status = forms.ChoiceField(choices=[("", "Any status"), *InboundStatus.choices], required=False)
    outcome_status = forms.ChoiceField(
        choices=[("", "Any field outcome"), *OutcomeStatus.choices],
        required=False,
        label="With a field outcome",
    )
    source_system = forms.ChoiceField(required=False, label="Source system")
    received = forms.ChoiceField(choices=RECEIVED_AGE_CHOICES, required=False)
    q = forms.CharField(
        required=False,
        max_length=200,
        label="CRM id or external id",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "e.g. 0031x00000AbCdE"}),
    )

    def __init__(self, *args, source_systems=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_system"].choices = [("", "Any source"), *((s, s) for s in source_systems)]

    def selector_filters(self, now: dt.datetime) -> dict:
        """Filters for `selectors.inbound_list`; a bad value drops only its own filter."""
        self.is_valid()
        data = self.cleaned_data
        after, before = age_bounds(data.get("received") or "", now)
        flow = data.get("flow")
        return {
            "flow_id": flow.pk if flow else None,
            "status": data.get("status") or None,
            "outcome_status": data.get("outcome_status") or None,
            "source_system": data.get("source_system") or None,
            "received_after": after,
            "received_before": before,
        }

    def search_term(self) -> str:
        self.is_valid()
        return (self.cleaned_data.get("q") or "").strip()


class DeadLetterFilterForm(forms.Form):
    flow = flow_field()
    failure_kind = forms.ChoiceField(
        choices=[("", "Any failure"), *FailureKind.choices], required=False, label="Failure kind"
    )
    age = forms.ChoiceField(choices=FAILED_AGE_CHOICES, required=False, label="Dead-lettered")

    def values(self) -> dict:
        self.is_valid()
        return {name: self.cleaned_data.get(name) for name in ("flow", "failure_kind", "age")}

    def narrows_beyond_flow(self) -> bool:
        values = self.values()
        return bool(values["failure_kind"] or values["age"])


class ConflictFilterForm(forms.Form):
    flow = flow_field()


class IdListField(forms.Field):
    """Several ids from repeated checkboxes (`ids=3&ids=7`)."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": "Ids are numbers.", "required": "Select dead letters first."}

    def to_python(self, value) -> list[int]:
        values = [str(v).strip() for v in (value or []) if str(v).strip()]
        if not all(parse_id(v) for v in values):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if len(values) > MAX_IDS:
            raise forms.ValidationError(f"Select at most {MAX_IDS} at a time.", code="too_many")
        return list(dict.fromkeys(int(v) for v in values))


class ReplayForm(forms.Form):
    """A row's own button sends `one`; the bulk button sends the ticked `ids`."""

    one = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    ids = IdListField(required=False)

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("one") and not data.get("ids"):
            raise forms.ValidationError("Select dead letters first.")
        return data

    def selected_ids(self) -> list[int]:
        return [self.cleaned_data["one"]] if self.cleaned_data.get("one") else self.cleaned_data["ids"]


class ConflictDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("overwrite", "Overwrite"), ("keep", "Keep the rep's value")])


class SampleDrawForm(forms.Form):
    size = forms.IntegerField(
        min_value=1,
        max_value=MAX_SAMPLE_SIZE,
        label="Sample size",
        help_text="Going live needs at least the flow's minimum of reviewed writes.",
    )


class GoLiveForm(forms.Form):
    note = forms.CharField(required=False, max_length=1000, label="Note (optional)")


class VerdictsForm(forms.Form):
    """One verdict and note per sampled write; fields are named verdict-<review id> and note-<review id>."""

    VERDICTS = [(ShadowVerdict.CORRECT, "Correct"), (ShadowVerdict.INCORRECT, "Incorrect")]

    def __init__(self, *args, reviews=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.reviews = list(reviews)
        for review in self.reviews:
            self.fields[f"verdict-{review.pk}"] = forms.ChoiceField(
                choices=self.VERDICTS, required=False, widget=forms.RadioSelect
            )
            self.fields[f"note-{review.pk}"] = forms.CharField(required=False, max_length=500)

    def changed_marks(self) -> list[tuple]:
        """(review, verdict, note) for each review whose verdict or note differs from what is stored."""
        marks = []
        for review in self.reviews:
            verdict = self.cleaned_data.get(f"verdict-{review.pk}") or ""
            note = self.cleaned_data.get(f"note-{review.pk}") or ""
            if verdict and (verdict != review.verdict or note != review.note):
                marks.append((review, verdict, note))
        return marks
