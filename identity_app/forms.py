"""Forms of the review queue pages: decisions, bulk actions and validation-run uploads (the lists' filters
are identity_app/filtersets.py)."""

import io

from django import forms

from crmhub.core.filtersets import parse_id
from identity_app import csv_io
from mappings_app.models import Flow

MAX_CSV_BYTES = 20 * 1024 * 1024


class FlowChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, flow: Flow) -> str:
        return f"{flow.connection.name} · {flow.name}"


class NoteForm(forms.Form):
    note = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}), label="Note (optional)"
    )


class LinkForm(NoteForm):
    crm_id = forms.CharField(max_length=64, label="CRM id", strip=True)


class AssignForm(forms.Form):
    """`assignee` is a user id, "me", or empty to unassign."""

    assignee = forms.ChoiceField(required=False, label="Assign to")

    def __init__(self, *args, assignees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [
            ("me", "Me"),
            ("", "Nobody (unassign)"),
            *((str(user.pk), user.get_full_name() or user.username) for user in assignees),
        ]


BULK_ACTIONS = [
    ("assign_me", "Assign to me"),
    ("assign", "Assign to…"),
    ("dismiss", "Dismiss"),
    ("link_top", "Link to top candidate"),
]


class IdListField(forms.Field):
    """Several ids from repeated checkboxes (`ids=3&ids=7`)."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": "Item ids are numbers.", "required": "Select items first."}

    def to_python(self, value) -> list[int]:
        values = [str(v).strip() for v in (value or []) if str(v).strip()]
        if not all(parse_id(v) for v in values):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return list(dict.fromkeys(int(v) for v in values))


class BulkActionForm(forms.Form):
    MAX_ITEMS = 500

    action = forms.ChoiceField(choices=BULK_ACTIONS)
    ids = IdListField()
    assignee = forms.ChoiceField(required=False, label="Assign to")
    note = forms.CharField(required=False, max_length=2000, label="Note")

    def __init__(self, *args, assignees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [
            ("", "Nobody (unassign)"),
            *((str(user.pk), user.get_full_name() or user.username) for user in assignees),
        ]

    def clean_ids(self):
        ids = self.cleaned_data["ids"]
        if len(ids) > self.MAX_ITEMS:
            raise forms.ValidationError(f"Select at most {self.MAX_ITEMS} items at a time.")
        return ids


def _csv_text(data: bytes) -> tuple[str, str]:
    """(text, encoding) of the upload, read as `identity_link` reads a file (`csv_io.decoded`): UTF-8 with
    or without Excel's byte-order mark, UTF-16 with its byte-order mark (Excel's "Unicode text"), else
    Windows-1252 (Excel's plain "CSV" on Windows), else Latin-1."""
    try:
        text, encoding = csv_io.decoded(data)
    except csv_io.CsvReadError as exc:
        raise forms.ValidationError(f"The file cannot be read as CSV: {exc}") from exc
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise forms.ValidationError(
            f"The file holds a NUL character (line {line}): it is not a plain-text CSV. Export it again as CSV."
        )
    return text, encoding


class ValidationRunForm(forms.Form):
    flow = FlowChoiceField(queryset=Flow.objects.select_related("connection", "crm_object"))
    csv_file = forms.FileField(
        label="Inbound records (CSV)",
        help_text="One record a row: external_id (or id), optional crm_id and source_system, then attributes "
        "(email, first_name, last_name, company, phone, ...).",
    )
    sample_size = forms.IntegerField(min_value=1, max_value=100_000, initial=500)
    estimate_weights = forms.BooleanField(
        required=False,
        label="Fit the weights on this file first",
        help_text="Fits and checks the flow's comparison weights on the whole file before the dry run. A "
        "model that fails its checks is refused and the flow keeps its weights.",
    )

    def clean_csv_file(self):
        upload = self.cleaned_data["csv_file"]
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(f"The file is larger than {MAX_CSV_BYTES // (1024 * 1024)} MB.")
        text, encoding = _csv_text(upload.read())
        if not text.strip():
            raise forms.ValidationError("The file is empty.")
        try:
            inbound = csv_io.InboundFile(io.StringIO(text, newline=""))
            # Readable to its end, or refused here; ids a spreadsheet shortened are warned of, and rows that
            # `identity_link` would not resolve (no id, shifted columns, an id on several rows) are left out
            # with their reasons, as there.
            self.repeats = inbound.repeated_ids()
            self.undecoded = set() if encoding == csv_io.UTF8_DAMAGED else None
            dates = csv_io.DayMonthOrder(inbound.reader.fieldnames)
            rows, shortened = csv_io.read_through(
                io.StringIO(text, newline=""),
                (inbound.id_column, *csv_io.INBOUND_FLAG_COLUMNS),
                self.repeats,
                self.undecoded,
                dates,
            )
            # A US export's "3/4/1985" is March 4th; the CRM's own dates come as ISO dates.
            self.month_first = bool(dates.written_month_first)
        except csv_io.CsvColumnsError as exc:
            raise forms.ValidationError(
                str(exc).replace("--external-id-column", "an external_id column")
            ) from exc
        except csv_io.CsvReadError as exc:
            raise forms.ValidationError(f"The file cannot be read as CSV: {exc}") from exc
        if rows == 0:
            raise forms.ValidationError("The file has a header but no rows: nothing to resolve.")
        self.csv_text = text
        checked = self.inbound_file(keep_rejected=True)
        resolvable = sum(1 for _ in checked)
        rejected = [
            f"line {row.line}: {row.reason}"
            for row in list(checked.rejected.waiting)[: csv_io.SHOWN_ROWS_WITHOUT_ID]
        ]
        if not resolvable:
            raise forms.ValidationError(f"No row of the file can be resolved ({'; '.join(rejected)}).")
        note = csv_io.encoding_note(upload.name, encoding)
        self.warnings = [*([note] if note else []), *(f"{upload.name}: {warning}" for warning in shortened)]
        if self.month_first:
            self.warnings.append(f"{upload.name}: {dates}.")
        if checked.rejected.count:
            more = "; ..." if checked.rejected.count > len(rejected) else ""
            self.warnings.append(
                f"{upload.name}: {checked.rejected}, left out of the run: {'; '.join(rejected)}{more}."
            )
        return upload

    def inbound_file(self, source_system: str = "", **kwargs) -> csv_io.InboundFile:
        """The checked upload's records, read as `identity_link` reads the file (`clean_csv_file`)."""
        return csv_io.InboundFile(
            io.StringIO(self.csv_text, newline=""),
            source_system=source_system,
            repeated=self.repeats.repeated,
            undecoded=self.undecoded,
            month_first=self.month_first,
            **kwargs,
        )
