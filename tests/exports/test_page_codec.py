"""A buffered page is stored compact (field names once, values in field order) and reads back as the records
were read: moments as isoformat() writes them, decimals as text, absent fields absent, integers beyond 64 bits
whole."""

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db import connection

from crmhub.connectors.base import CrmRecord
from crmhub.exports import page_codec
from crmhub.exports.models import ExportPage

MODIFIED = datetime(2026, 12, 4, 5, 0, 1, 123456, tzinfo=UTC)


def _record(crm_id, **values):
    return CrmRecord(id=crm_id, modified_at=MODIFIED, values=values)


def _as_text(value):
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(value)


def _as_before(record: CrmRecord, fields: set[str]) -> dict:
    """The record as the drain reads it."""
    document = {
        "id": str(record.id),
        "modified_at": record.modified_at.isoformat(),
        "values": {name: record.values[name] for name in fields if name in record.values},
    }
    return json.loads(json.dumps(document, default=_as_text))


def test_a_page_reads_back_as_the_json_column_held_it():
    records = [
        _record("1", email="a@example.com", amount=Decimal("12.50"), closed=date(2026, 1, 2), ignored="x"),
        _record("2", email=None, amount=Decimal("0"), closed=None, ignored="y"),
        _record("3", email="ü@exämple.com", amount=2**70, closed=datetime(2026, 1, 2, 3, 4, 5, 678901, UTC)),
        CrmRecord(id="4", modified_at=datetime(2026, 12, 4, 5, 0, tzinfo=UTC), values={"amount": 1.5}),
    ]
    fields = {"email", "amount", "closed"}
    text = page_codec.page_encode(records, fields=fields)
    assert page_codec.records_decode(text) == [_as_before(r, fields) for r in records]
    assert "ignored" not in text  # only what a destination needs is kept
    without_big_int = [r for r in records if r.id != "3"]  # the fast path (orjson), not the fallback
    text = page_codec.page_encode(without_big_int, fields=fields)
    assert page_codec.records_decode(text) == [_as_before(r, fields) for r in without_big_int]


def test_a_field_a_record_lacks_stays_absent_not_null():
    records = [_record("1", email="a@example.com", phone="1"), _record("2", email="b@example.com")]
    decoded = page_codec.records_decode(page_codec.page_encode(records, fields={"email", "phone"}))
    assert decoded[0]["values"] == {"email": "a@example.com", "phone": "1"}
    assert decoded[1]["values"] == {"email": "b@example.com"}


def test_records_in_the_drains_shape_round_trip_and_repeat_no_key():
    records = [
        {"id": str(n), "modified_at": MODIFIED.isoformat(), "values": {"email": f"p{n}@example.com"}}
        for n in range(100)
    ] + [{"id": "x", "modified_at": None, "values": {}}]
    text = page_codec.records_encode(records)
    assert page_codec.records_decode(text) == records
    assert text.count('"email"') == 1


def test_a_page_stored_before_the_compact_encoding_still_reads():
    old = [{"id": "1", "modified_at": None, "values": {"email": "a@example.com"}}]
    assert page_codec.records_decode(json.dumps(old)) == old
    assert page_codec.records_decode("") == [] and page_codec.records_decode(None) == []


@pytest.mark.django_db
def test_the_model_stores_compact_text_and_reads_records(export_world):
    records = [_record("7", email="a@example.com", firstname="Ann")]
    page = ExportPage.objects.create(
        connection=export_world.connection,
        object_name="contacts",
        records=page_codec.page_encode(records, fields={"email", "firstname"}),
    )
    stored = ExportPage.objects.values_list("records", flat=True).get(pk=page.pk)
    assert ExportPage.objects.get(pk=page.pk).records == [_as_before(records[0], {"email", "firstname"})]
    assert stored == [_as_before(records[0], {"email", "firstname"})]
    with connection.cursor() as cursor:
        cursor.execute("SELECT records FROM exports_exportpage WHERE id = %s", [page.pk])
        raw = cursor.fetchone()[0]
    assert json.loads(raw)["fields"] == ["email", "firstname"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
            )
            if cursor.fetchone():
                cursor.execute(
                    "SELECT attcompression FROM pg_attribute "
                    "WHERE attrelid = 'exports_exportpage'::regclass AND attname = 'records'"
                )
                assert cursor.fetchone()[0] == "l"
