"""The write-back's fast data paths, behind functions named for what they do.

The pipeline, planning and ingest call these and nothing lower: the COPY writes, the set-based updates and
the index-probe reads of `crmhub.core.bulk` live here, and so does the only place where PostgreSQL and
SQLite differ (the probes lock and read through SQL the ORM cannot write; SQLite runs the ORM query that
gives the same rows). Every id list is a `list[int]` and travels as one array parameter.
"""

import zlib
from datetime import datetime

from django.db import connection
from django.db.models import Q

from crmhub.core.bulk import AnyOf, columns_of, probed, rows_insert, rows_load, rows_update, unsaved
from crmhub.writeback.models import (
    OPEN_OUTCOME_STATUSES,
    InboundRecord,
    InboundStatus,
    OutcomeStatus,
    WriteOutcome,
)
from identity_app.models import MirrorRecord

KEY_LOCK_BUCKETS = 64
# What planning changes on a record.
PLAN_FIELDS = ["crm_id", "identity", "status", "review_item", "catalog_version", "updated_at"]
# What a write, check or retry changes on an outcome.
SAVED_FIELDS = [
    "status",
    "reason",
    "failure_kind",
    "attempts",
    "rate_limited_count",
    "due_at",
    "claim_token",
    "request_summary",
    "response_summary",
    "verification",
    "log",
    "ownership_decision",
    "last_human_edit_at",
    "companion_value",
    "conflict_resolution",
    "finished_at",
    "updated_at",
]
# The writer needs an inbound record's crm_id and observed_at, not its payload.
INBOUND_PAYLOAD_FIELDS = ("identifiers", "attributes", "values", "raw", "identity", "rejection_reasons")


def _postgresql() -> bool:
    return connection.vendor == "postgresql"


# -- inbound records ----------------------------------------------------------------------------------------


def record_new(*, values: dict, related: dict) -> InboundRecord:
    """An unsaved inbound record with defaults of its own (see `bulk.unsaved`)."""
    return unsaved(InboundRecord, values, related)


def records_insert(records: list[InboundRecord]) -> None:
    """Insert new inbound records (COPY on PostgreSQL) and set their ids."""
    rows_insert(records)


def idempotency_keys_lock(*, user, keys: list[str]) -> None:
    """On PostgreSQL, batches that share keys of one integration take turns (transaction advisory locks on
    a few hash buckets, taken in order so two batches never wait on each other); SQLite writes one at a
    time already."""
    if not _postgresql() or not keys:
        return
    buckets = sorted({zlib.crc32(key.encode()) % KEY_LOCK_BUCKETS for key in keys})
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, bucket) FROM unnest(%s::int[]) AS bucket ORDER BY bucket",
            [user.pk % 2**31, buckets],
        )


def records_accepted_with_keys(*, user, keys: list[str]) -> list[InboundRecord]:
    """The user's accepted records holding one of `keys`. On PostgreSQL one probe of the unique index per
    key, so that the plan cannot depend on statistics (stale ones while a backlog arrived made this
    lookup ten times slower)."""
    if not keys:
        return []
    if not _postgresql():
        return list(
            InboundRecord.objects.filter(AnyOf("idempotency_key", keys), integration_user=user).exclude(
                status=InboundStatus.REJECTED
            )
        )
    table = InboundRecord._meta.db_table
    sql = (
        f"SELECT {columns_of(InboundRecord, 'r')} FROM unnest(%s::text[]) AS probe(key) "  # noqa: S608
        f"CROSS JOIN LATERAL (SELECT * FROM {table} WHERE integration_user_id = %s "
        "AND idempotency_key = probe.key AND NOT (status = %s) OFFSET 0) AS r"
    )
    with connection.cursor() as cursor:
        return rows_load(InboundRecord, cursor, sql, [keys, user.pk, InboundStatus.REJECTED])


def records_received_flow_ids(ids: list[int]) -> list[int]:
    """The flows of the records among `ids` still waiting to be processed."""
    if _postgresql():
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT DISTINCT r.flow_id FROM {probed(InboundRecord._meta.db_table, 'id')} "  # noqa: S608
                "WHERE r.status = %s",
                [ids, InboundStatus.RECEIVED],
            )
            return [row[0] for row in cursor.fetchall()]
    return list(
        InboundRecord.objects.filter(AnyOf("pk", ids), status=InboundStatus.RECEIVED)
        .order_by()  # the model's ordering would make DISTINCT return one row per record
        .values_list("flow_id", flat=True)
        .distinct()
    )


def records_lock_received(*, flow_id: int, ids: list[int]) -> list[InboundRecord]:
    """The flow's received records among `ids`, locked, by id; records another job holds are skipped."""
    if _postgresql():
        sql = (
            f"SELECT {columns_of(InboundRecord, 'r')} "  # noqa: S608
            f"FROM {probed(InboundRecord._meta.db_table, 'id', lock=True)} "
            "WHERE r.flow_id = %s AND r.status = %s ORDER BY r.id"
        )
        with connection.cursor() as cursor:
            return rows_load(InboundRecord, cursor, sql, [ids, flow_id, InboundStatus.RECEIVED])
    return list(
        InboundRecord.objects.select_for_update(skip_locked=True)
        .filter(AnyOf("pk", ids), flow_id=flow_id, status=InboundStatus.RECEIVED)
        .order_by("pk")
    )


def records_save_plan(records: list[InboundRecord]) -> None:
    """Save what identity and planning decided for each record (one statement)."""
    rows_update(records, PLAN_FIELDS)


def records_mark_planned(ids: list[int], *, now: datetime) -> None:
    """Records whose values go round again are planned (a write job takes them)."""
    InboundRecord.objects.filter(AnyOf("pk", ids)).update(status=InboundStatus.PLANNED, updated_at=now)


def records_complete(ids: list[int], *, now: datetime) -> None:
    """Planned records among `ids` without an open value are completed. Two statements on purpose: as one
    UPDATE with NOT EXISTS, PostgreSQL chose an anti-join over the whole outcomes table (about 1 s per
    batch at 20,000 records, growing with the table)."""
    # Through the partial index of open outcomes, which stays small (a probe per id read ~2,000 freshly
    # updated outcome rows instead: six times slower).
    open_ids = set(
        WriteOutcome.objects.filter(AnyOf("inbound_id", ids), status__in=OPEN_OUTCOME_STATUSES).values_list(
            "inbound_id", flat=True
        )
    )
    done = [pk for pk in ids if pk not in open_ids]
    InboundRecord.objects.filter(AnyOf("pk", done), status=InboundStatus.PLANNED).update(
        status=InboundStatus.COMPLETED, updated_at=now
    )


# -- outcomes -------------------------------------------------------------------------------------------------


def outcome_new(*, values: dict, related: dict) -> WriteOutcome:
    """An unsaved outcome with defaults of its own (see `bulk.unsaved`)."""
    return unsaved(WriteOutcome, values, related)


def outcomes_insert(outcomes: list[WriteOutcome]) -> None:
    """Insert new outcomes (COPY on PostgreSQL) and set their ids."""
    rows_insert(outcomes)


def outcomes_inbound_ids(inbound_ids: list[int]) -> set[int]:
    """Which of these records have outcomes already (planned before a crash)."""
    if not inbound_ids:
        return set()
    return set(
        WriteOutcome.objects.filter(AnyOf("inbound_id", inbound_ids)).values_list("inbound_id", flat=True)
    )


def outcomes_lock_claimable(*, flow, inbound_ids: list[int], now: datetime) -> list[WriteOutcome]:
    """The flow's outcomes of these records that are due for a write (pending, or waiting and due, or in
    flight with a lapsed lease), locked, with what the writer reads of them; rows another job holds are
    skipped."""
    return list(
        WriteOutcome.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(AnyOf("inbound_id", inbound_ids), flow=flow)
        .filter(
            Q(status=OutcomeStatus.PENDING)
            | Q(status__in=[OutcomeStatus.RETRY_WAIT, OutcomeStatus.IN_FLIGHT], due_at__lte=now)
        )
        .select_related("inbound", "crm_field", "mapping__timestamp_field")
        .defer(*(f"inbound__{name}" for name in INBOUND_PAYLOAD_FIELDS))
        .order_by("pk")
    )


def outcomes_mark_claimed(ids: list[int], *, token: str, due_at: datetime, now: datetime) -> None:
    """One set-based statement: these outcomes are in flight under `token` until `due_at`."""
    WriteOutcome.objects.filter(AnyOf("pk", ids)).update(
        status=OutcomeStatus.IN_FLIGHT, claim_token=token, due_at=due_at, updated_at=now
    )


def outcomes_lease(ids: list[int], *, due_at: datetime) -> None:
    """A check job holds these outcomes until `due_at`."""
    WriteOutcome.objects.filter(AnyOf("pk", ids)).update(due_at=due_at)


def outcomes_save_log(outcomes: list[WriteOutcome]) -> None:
    """Save the log and companion stamp of each outcome (one statement)."""
    rows_update(outcomes, ["log", "companion_value"])


def outcomes_save(outcomes: list[WriteOutcome], *, claim_token: str | None = None) -> set[int]:
    """Save what a write, check or retry changed (`SAVED_FIELDS`), in one statement. With `claim_token`,
    only outcomes still carrying it in the database are saved. Returns the ids of the saved ones."""
    return rows_update(outcomes, SAVED_FIELDS, claim_token=claim_token)


def outcomes_awaiting_check(queryset) -> list[WriteOutcome]:
    """The written (not yet verified) outcomes of `queryset`, with what the check reads of them."""
    return list(
        queryset.filter(status=OutcomeStatus.WRITTEN)
        .select_related(
            "inbound", "crm_field", "mapping__timestamp_field", "flow__crm_object", "flow__connection"
        )
        .defer(*(f"inbound__{name}" for name in INBOUND_PAYLOAD_FIELDS))
        .order_by("pk")
    )


def outcomes_awaiting_check_by_id(*, flow_id: int, ids: list[int]) -> list[WriteOutcome]:
    return outcomes_awaiting_check(WriteOutcome.objects.filter(AnyOf("pk", ids), flow_id=flow_id))


def outcomes_awaiting_check_on_records(
    *, connection, object_name: str, crm_ids: list[str], written_before: datetime
) -> list[WriteOutcome]:
    """Written outcomes on these CRM records that a read begun at `written_before` can confirm."""
    return outcomes_awaiting_check(
        WriteOutcome.objects.filter(
            AnyOf("inbound__crm_id", crm_ids),
            flow__connection=connection,
            flow__crm_object__name=object_name,
            finished_at__lt=written_before,
        )
    )


def outcomes_verified_awaiting_recheck(
    *, connection, object_name: str, crm_ids: list[str], written_before: datetime, written_since: datetime
) -> list[WriteOutcome]:
    """Values verified by a read-back soon after their write (not by a sync read), not yet seen again by a
    sync read, on these CRM records: the next read tells whether the CRM still holds them."""
    return list(
        WriteOutcome.objects.filter(
            AnyOf("inbound__crm_id", crm_ids),
            flow__connection=connection,
            flow__crm_object__name=object_name,
            status=OutcomeStatus.WRITTEN_VERIFIED,
            finished_at__lt=written_before,
            finished_at__gte=written_since,
        )
        .exclude(verification__has_key="held_at_next_read")
        .exclude(verification__how="next sync read")
        .select_related(
            "inbound", "crm_field", "mapping__timestamp_field", "flow__crm_object", "flow__connection"
        )
        .defer(*(f"inbound__{name}" for name in INBOUND_PAYLOAD_FIELDS))
        .order_by("pk")
    )


def outcomes_lock_written(ids: list[int]) -> set[int]:
    """Lock those of these outcomes still written (not settled meanwhile); returns their ids."""
    return set(
        WriteOutcome.objects.select_for_update(skip_locked=True)
        .filter(AnyOf("pk", ids), status=OutcomeStatus.WRITTEN)
        .values_list("pk", flat=True)
    )


# -- the identity mirror --------------------------------------------------------------------------------------


def mirror_human_edits(*, connection_id: int, object_name: str, crm_ids: list[str]) -> dict:
    """The mirror's last human edit per field, by CRM id, of these records."""
    rows = MirrorRecord.objects.filter(
        AnyOf("crm_id", crm_ids), connection_id=connection_id, object_name=object_name
    ).values_list("crm_id", "last_human_edit")
    return {crm_id: edits or {} for crm_id, edits in rows}
