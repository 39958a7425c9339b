"""Forms of the write-back pages: replays, conflict decisions and shadow reviews (the lists' filters are
crmhub/writeback/filtersets.py)."""

from django import forms

from crmhub.core.filtersets import MAX_ID, parse_id
from crmhub.writeback.models import ShadowVerdict

MAX_SAMPLE_SIZE = 1000
MAX_IDS = 1000


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
    backlog = forms.ChoiceField(
        choices=[("send", "Send them"), ("discard", "Discard them")],
        widget=forms.RadioSelect,
        label="The values computed in shadow mode",
        error_messages={"required": "Say what to do with the shadow backlog: send it or discard it."},
    )
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
