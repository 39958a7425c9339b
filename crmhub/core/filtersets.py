"""Pieces every app's filtersets share: ids that fit the database, and running a filterset on a page.

A FilterSet validates the query string (a bad value is a 400 in the API through DjangoFilterBackend, and a
form error on a page), then filters. One FilterSet per list, used by its page and its API alike."""

import re

import django_filters
from django import forms

MAX_ID = 2**63 - 1  # PostgreSQL bigint
ASCII_DIGITS = re.compile(r"[0-9]{1,19}")


class IdFilter(django_filters.Filter):
    """A row id: a positive integer that fits the database (never "abc", "²" or 10**30)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


def parse_id(raw) -> int | None:
    """A row id read from the query string, or None when the text is not one."""
    if not isinstance(raw, str) or not ASCII_DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if 1 <= value <= MAX_ID else None


def page_filter(filterset_class, request, queryset):
    """The filterset of a page: its `.qs` is the filtered list when valid, none of it otherwise (its
    `.errors` tell the user what to fix)."""
    filterset = filterset_class(request.GET, queryset=queryset, request=request)
    filterset.rows = filterset.qs if filterset.is_valid() else queryset.none()
    return filterset
