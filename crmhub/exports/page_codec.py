"""How a buffered page's records are stored: one compact JSON text, written inside the sync's own transaction
(so a page the mirror committed is always in the buffer), cheap enough that riding the read costs it nothing
measurable.

The page is columnar: the field names once, then per record its id, its modification time and its values in
field order, instead of repeating every key on every record. A record that lacks one of the page's fields keeps
its values as a mapping, so a field that was absent stays absent. orjson encodes it, moments included (RFC 3339,
the text `datetime.isoformat()` gives, written in Rust: isoformat() itself cost 6 µs a record, more than
everything else together); decimals are written as Django's encoder writes them (text).

    {"v": 1, "fields": ["email", ...], "rows": [["123", "2026-...", ["a@b.c", ...]], ...]}

Decoding gives the list of {id, modified_at, values} the drain has always read (a page stored before this
encoding, a plain list, decodes as itself).
"""

from __future__ import annotations

import json
from datetime import date, time
from operator import itemgetter
from typing import Any

import orjson
from django.core.serializers.json import DjangoJSONEncoder

VERSION = 1
_DJANGO = DjangoJSONEncoder()


def _default(value: Any):
    """What neither orjson nor json writes by itself (decimals, UUIDs, lazy text), as Django writes it;
    moments as isoformat() writes them (orjson's own text, kept when the standard library writes)."""
    if isinstance(value, date | time):  # datetime is a date
        return value.isoformat()
    return _DJANGO.default(value)


def _dumps(document) -> str:
    try:
        return orjson.dumps(document, default=_default).decode()
    except TypeError:  # what orjson refuses (an integer beyond 64 bits): the standard library writes it
        return json.dumps(document, default=_default)


def page_encode(records, *, fields: set[str]) -> str:
    """A page of the CRM's records (objects with id, modified_at and values), keeping only `fields`. This runs
    on the sync's hot path: the per-record work is one C-level item lookup, the rest is orjson's."""
    names = sorted(fields)
    if not names:
        return _dumps({"v": VERSION, "fields": [], "rows": [[str(r.id), r.modified_at, []] for r in records]})
    pick = itemgetter(*names) if len(names) > 1 else (lambda values: (values[names[0]],))
    rows = []
    append = rows.append
    for record in records:
        values = record.values or {}
        try:
            row_values = pick(values)
        except KeyError:  # a field this record lacks stays absent
            row_values = {name: values[name] for name in names if name in values}
        append((str(record.id), record.modified_at, row_values))
    return _dumps({"v": VERSION, "fields": names, "rows": rows})


def records_encode(records: list[dict]) -> str:
    """Records already in the drain's shape ({id, modified_at, values}), e.g. failed rows put back."""
    names = sorted({name for record in records for name in record.get("values") or {}})
    rows = []
    for record in records:
        values = record.get("values") or {}
        row_values = [values[name] for name in names] if len(values) == len(names) else dict(values)
        rows.append([record["id"], record.get("modified_at"), row_values])
    return _dumps({"v": VERSION, "fields": names, "rows": rows})


def records_decode(text: str | None) -> list[dict]:
    if not text:
        return []
    document = json.loads(text)  # not orjson: it reads an integer beyond 64 bits as a float
    if isinstance(document, list):
        return document
    names = document["fields"]
    return [
        {
            "id": crm_id,
            "modified_at": modified_at,
            "values": values if isinstance(values, dict) else dict(zip(names, values, strict=True)),
        }
        for crm_id, modified_at, values in document["rows"]
    ]
