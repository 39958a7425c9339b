"""Exports' fast path for the per-record consent state, behind functions named for what they do: a first
load keeps one row per record and destination (a million rows for a million records), which Django's
keyword construction and multi-row INSERT made the slowest part of a drain. On PostgreSQL the rows go
through COPY (crmhub.core.bulk); elsewhere through bulk_create."""

import orjson
from django.db import connections, router
from django.utils import timezone

from crmhub.core.bulk import AnyOf, rows_insert, rows_update, unsaved
from crmhub.exports.models import ExportPage, RecordConsentState, SuppressionDelivery

STATE_FIELDS = ("allowed", "decision", "changed_at", "delivered_at")

PAGE_INSERT = (
    "INSERT INTO exports_exportpage (connection_id, object_name, sync_run_id, records, gone, created_at) "
    "VALUES (%s, %s, %s, %s, %s::jsonb, %s) RETURNING id"
)


def export_page_insert(
    *, connection_id: int, object_name: str, sync_run_id: int | None, records: str, gone: list[dict]
) -> int:
    """A buffered page (its records already encoded by page_codec), in the caller's transaction; its id.

    This runs on every page the sync commits. On PostgreSQL the page text is bound as a parameter on the
    server (psycopg's plain cursor): Django's client-side binding quoted ~250 KB into the SQL text and had
    the server parse it back, 8 ms a page against 3."""
    database = connections[router.db_for_write(ExportPage)]
    if database.vendor != "postgresql":
        page = ExportPage.objects.create(
            connection_id=connection_id,
            object_name=object_name,
            sync_run_id=sync_run_id,
            records=records,
            gone=gone,
        )
        return page.pk
    import psycopg

    params = [connection_id, object_name, sync_run_id, records, orjson.dumps(gone).decode(), timezone.now()]
    with (
        database.cursor() as wrapper,
        database.wrap_database_errors,
        psycopg.Cursor(wrapper.cursor.connection) as cursor,
    ):
        cursor.execute(PAGE_INSERT, params)
        return cursor.fetchone()[0]


def consent_states(*, destination_id: int, connection_id: int, object_name: str, crm_ids: list[str]) -> dict:
    """crm id -> its RecordConsentState, for the records of one page that have one."""
    if not crm_ids:
        return {}
    rows = RecordConsentState.objects.filter(
        AnyOf("crm_id", crm_ids),
        destination_id=destination_id,
        connection_id=connection_id,
        object_name=object_name,
    ).only("id", "crm_id", *STATE_FIELDS)
    return {state.crm_id: state for state in rows}


def consent_states_insert(values: list[dict]) -> None:
    """New states, each a dict of attribute names (destination_id, connection_id, ...) to values."""
    rows_insert([unsaved(RecordConsentState, row) for row in values])


def consent_states_save(states: list[RecordConsentState]) -> None:
    rows_update(states, list(STATE_FIELDS))


def suppressions_record(
    *, destination_id: int, connection_id: int, object_name: str, delivered: list
) -> None:
    """One row per withdrawal delivered: (crm id, withdrawn at, delivered at)."""
    SuppressionDelivery.objects.bulk_create(
        [
            SuppressionDelivery(
                destination_id=destination_id,
                connection_id=connection_id,
                object_name=object_name,
                crm_id=crm_id,
                withdrawn_at=withdrawn_at,
                delivered_at=delivered_at,
                lag_seconds=max(0.0, (delivered_at - withdrawn_at).total_seconds()),
            )
            for crm_id, withdrawn_at, delivered_at in delivered
        ]
    )
