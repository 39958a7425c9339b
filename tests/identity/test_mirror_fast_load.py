"""The PostgreSQL mirror load (COPY straight into the table for new records) stores exactly what the generic
bulk_create path stores; on SQLite both sides take the generic path."""

import pytest
from django.db import connection as db
from django.utils import timezone

from identity_app import mirror, services
from identity_app.models import MirrorIdentifier, MirrorRecord
from tests import factories
from tests.identity.conftest import crm

SKIPPED = {"id", "connection", "refreshed_at"}


def _first_sync():
    return [
        crm(
            "1",
            email="Jane.Doe@Acme.com",
            firstname="Jane",
            lastname="Doe",
            phone="415 555 0100",
            zip="94107",
        ),
        crm("2", email="info@acme.com", firstname="Bob", lastname="Roe", company="Acme, Inc.", city="Paris"),
        crm("3", email="x@gmail.com; y@acme.co.uk", name="Ann Lee", Birthdate="1980-02-03", erp_id__c=7.0),
        crm("D1", email="old.jane@acme.com", lastname="Doe", merged_into="1", deleted=True),
    ]


def _second_sync():
    return [
        crm("1", email="jane@acme.org", firstname="Jane", lastname="Doe-Smith"),
        {"id": "2", "deleted": True},
        crm("4", email="new@acme.com", lastname="New"),
        {**crm("3", lastname="Lee"), "last_human_edit": {"Email": "2026-02-01T00:00:00+00:00"}},
    ]


def _rows(connection) -> tuple[list, list]:
    columns = [f.attname for f in MirrorRecord._meta.concrete_fields if f.name not in SKIPPED]
    records = list(
        MirrorRecord.objects.filter(connection=connection).order_by("crm_id").values_list(*columns)
    )
    identifiers = list(
        MirrorIdentifier.objects.filter(connection=connection)
        .order_by("record__crm_id", "kind", "value")
        .values_list("record__crm_id", "kind", "value")
    )
    return records, identifiers


def _load(connection, records):
    services.mirror_upsert(connection=connection, object_name="contacts", records=records, batch_size=3)


def test_fast_load_stores_the_same_rows_as_the_generic_path(connection, rules, monkeypatch):
    generic = factories.make_connection(name="generic")
    for sync in (_first_sync, _second_sync):
        _load(connection, sync())
        with monkeypatch.context() as patched:
            patched.setattr(mirror, "is_postgresql", lambda: False)
            _load(generic, sync())
        assert _rows(connection) == _rows(generic)
    records, identifiers = _rows(connection)
    assert len(records) == 5
    assert ("4", "email", "new@acme.com") in identifiers


@pytest.mark.skipif(db.vendor != "postgresql", reason="the COPY path is PostgreSQL's")
def test_a_record_stored_meanwhile_falls_back_to_the_upsert(connection):
    _load(connection, [crm("1", email="jane@acme.com", lastname="Doe")])
    first_id = MirrorRecord.objects.get(crm_id="1").pk
    columns = {column: MirrorRecord._meta.get_field(column).get_default() for column in mirror.RECORD_COLUMNS}
    columns["refreshed_at"] = timezone.now()
    rows = {"1": {**columns, "last_name": "changed"}, "2": {**columns, "last_name": "new"}}
    # The caller believed both were new (another writer stored "1" after it looked): COPY fails on the
    # unique constraint, and the upsert path stores both without losing either.
    ids = mirror.store_records(connection.pk, "contacts", rows, new=frozenset(rows))
    assert ids["1"] == first_id
    assert dict(MirrorRecord.objects.values_list("crm_id", "last_name")) == {"1": "changed", "2": "new"}
