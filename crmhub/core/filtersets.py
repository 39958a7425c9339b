"""Pieces every app's filtersets share: ids that fit the database, and running a filterset on a page.

Each app has one `filtersets.py` with one FilterSet per list, used by its page and its API alike. A
FilterSet validates the query string, then filters: a bad value is a 400 in the API (DjangoFilterBackend)
and a form error on a page, where the list is filtered by the values that are good (a bad one drops only
its own filter). A page whose form shows only some of the list's filters uses a subclass that leaves the
others out (`name = None`) and adds its own conveniences (a preset age, a default status)."""

import re
from datetime import UTC

import django_filters
from django import forms
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import extend_schema_field

MAX_ID = 2**63 - 1  # PostgreSQL bigint
ASCII_DIGITS = re.compile(r"[0-9]{1,19}")


class _RowChoices(BaseChoiceIterator):
    """A drop-down's choices, read from the database once per form, on first use (a Select reads its
    choices twice when it renders). Copied unread into every form, so no form sees another's rows."""

    def __init__(self, make):
        self.make = make
        self.rows = None

    def __iter__(self):
        if self.rows is None:
            self.rows = list(self.make())
        return iter(self.rows)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})  # what it accepts, in the schema
class IdFilter(django_filters.Filter):
    """A row id: a positive integer that fits the database (never "abc", "²" or 10**30). With `options`
    (a function giving the rows to offer), a page shows it as a drop-down of those rows, read only when
    the page renders."""

    field_class = forms.IntegerField

    def __init__(self, *args, options=None, label_of=str, empty_label: str = "Any", **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        if options is not None:
            kwargs["widget"] = forms.Select(
                choices=_RowChoices(
                    lambda: [("", empty_label), *((row.pk, label_of(row)) for row in options())]
                )
            )
        super().__init__(*args, **kwargs)


def _utc(moment):
    """An aware moment in UTC: ISO 8601 (and Python) allow offsets up to ±23:59, PostgreSQL only ±15:59 (it
    answered "+23:49" with an error, a 500); a moment UTC cannot hold (year 1 at +01:00) is invalid."""
    if moment is None or timezone.is_naive(moment):
        return moment
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise forms.ValidationError("This moment is out of range.", code="invalid") from None


class MomentField(IsoDateTimeField):
    """An ISO 8601 moment of a query filter, in UTC (`_utc`)."""

    def to_python(self, value):
        return _utc(super().to_python(value))


class MomentFormField(forms.DateTimeField):
    """A moment typed on a page, in UTC (`_utc`)."""

    def to_python(self, value):
        return _utc(super().to_python(value))


class MomentFilter(django_filters.IsoDateTimeFilter):
    field_class = MomentField


def parse_id(raw) -> int | None:
    """A row id read from the query string, or None when the text is not one."""
    if not isinstance(raw, str) or not ASCII_DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if 1 <= value <= MAX_ID else None


def form_in_order(*names: str) -> type[forms.Form]:
    """A FilterSet's `Meta.form` that shows its filters in this order (a page's own order)."""
    return type("OrderedFilterForm", (forms.Form,), {"field_order": list(names)})


def page_filter(filterset_class, request, queryset, data=None, **options):
    """The filterset of a page (on `data`, the query string by default): `.rows` is the list filtered by
    the values that are good, `.form` the page's filter form, whose errors say what was left out.
    `options` go to the FilterSet (e.g. choices the page has read already)."""
    data = request.GET if data is None else data
    filterset = filterset_class(data, queryset=queryset, request=request, **options)
    filterset.rows = filterset.qs
    return filterset
