"""Exports' fast path for the per-record consent state, behind functions named for what they do: a first
load keeps one row per record and destination (a million rows for a million records), which Django's
keyword construction and multi-row INSERT made the slowest part of a drain. On PostgreSQL the rows go
through COPY (crmhub.core.bulk); elsewhere through bulk_create."""

from crmhub.core.bulk import AnyOf, rows_insert, rows_update, unsaved
from crmhub.exports.models import RecordConsentState, SuppressionDelivery

STATE_FIELDS = ("allowed", "decision", "changed_at", "delivered_at")


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
