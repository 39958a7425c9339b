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
