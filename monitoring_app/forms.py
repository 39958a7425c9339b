from django import forms


class BaselineForm(forms.Form):
    field_name = forms.ChoiceField(label="Field")
    period_start = forms.DateTimeField(
        label="From", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    period_end = forms.DateTimeField(label="To", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
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
