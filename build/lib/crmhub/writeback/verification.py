"""Verification: does the CRM hold what we wrote, value and companion timestamp alike?

Every value the CRM accepted ends verified, superseded, or dead-lettered with what the CRM shows; none stays
"written". Three readers confirm values, cheapest first:
- the sync cycle that reads the object anyway (the written fields are added to its read: no extra call);
- read-after-write on a sample, per (flow, field): a failed check re-checks the whole batch of that field
  and reads back every value of the field until a clean window of checks has matched (`sample_rates_for`,
  `field_checks_record`);
- a bounded batched check of the values neither reader saw within the grace period (the recovery sweep).
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F, Min

from crmhub.core.timestamps import parse_timestamp_or_none
from crmhub.sync.models import SyncKind, SyncRun, SyncState, SyncStatus
from crmhub.writeback.models import FieldVerificationState, OutcomeStatus, WriteOutcome
from mappings_app.coercion import ValueRejected, coerce_to_field
from mappings_app.models import FieldType

ELEVATED_RATE = (
    0.3  # while a field is inside its clean window: at least this share of its write calls is read back
)
# Statuses of a value that is (or may yet be) in the CRM: a later one of these supersedes an earlier value.
LIVE_STATUSES = (
    OutcomeStatus.PENDING,
    OutcomeStatus.IN_FLIGHT,
    OutcomeStatus.RETRY_WAIT,
    OutcomeStatus.WRITTEN,
    OutcomeStatus.WRITTEN_VERIFIED,
)


def is_empty(value) -> bool:
    return value is None or value == "" or value == []


def values_match(planned, actual, field) -> bool:
    """True when the CRM's value (as the connector read it, often text) equals the planned value."""
    if is_empty(planned) or is_empty(actual):
        return is_empty(planned) and is_empty(actual)
    try:
        normalised = coerce_to_field(actual, field)
    except ValueRejected:
        return False
    if field.field_type in (FieldType.NUMBER, FieldType.INTEGER):
        return math.isclose(float(normalised), float(planned), rel_tol=1e-9, abs_tol=1e-9)
    if field.field_type == FieldType.DATETIME:
        return _moment(normalised) == _moment(planned)
    if field.field_type == FieldType.MULTIPICKLIST:
        return sorted(normalised) == sorted(planned)
    return normalised == planned


def _moment(value) -> datetime | None:
    return parse_timestamp_or_none(value)


# -- one value against what the CRM shows -----------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """One outcome against the CRM's current record (`found` False: the record was not returned)."""

    found: bool
    value_holds: bool = False
    companion_holds: bool = True
    crm_value: Any = None
    crm_companion: Any = None
    companion_is_ours: bool = False  # the CRM's companion holds this outcome's own stamp

    @property
    def confirmed(self) -> bool:
        return self.found and self.value_holds and self.companion_holds

    def shows(self) -> str:
        return _shown(self.crm_value)


def check_outcome(outcome: WriteOutcome, values: dict | None) -> Check:
    """Compare the outcome's value and its companion timestamp with the record's values as read."""
    if values is None:
        return Check(found=False)
    crm_value = values.get(outcome.target_name)
    value_holds = values_match(outcome.planned_value, crm_value, outcome.crm_field)
    if not outcome.companion_field:
        return Check(True, value_holds, True, crm_value)
    crm_companion = values.get(outcome.companion_field)
    ours = bool(outcome.companion_value) and _same_moment(outcome.companion_value, crm_companion)
    # A newer stamp means a later write of ours to the same record; an older one or none means ours is missing.
    newer = _later(crm_companion, outcome.companion_value)
    return Check(True, value_holds, ours or newer, crm_value, crm_companion, ours)


def _same_moment(ours: str, crm) -> bool:
    if is_empty(crm):
        return False
    left, right = _as_moment(ours), _as_moment(crm)
    return left is not None and right is not None and _at_precision(left, right) == _at_precision(right, left)


def _later(crm, ours: str) -> bool:
    left, right = _as_moment(crm), _as_moment(ours)
    return left is not None and right is not None and _at_precision(left, right) > _at_precision(right, left)


def _at_precision(moment: datetime, other: datetime) -> datetime:
    """CRMs keep timestamps to the millisecond or the second: compare two moments at the coarser one."""
    if moment.microsecond == 0 or other.microsecond == 0:
        return moment.replace(microsecond=0)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def _as_moment(value) -> datetime | None:
    return parse_timestamp_or_none(value)  # a datetime, ISO text or epoch milliseconds (HubSpot)


def _shown(value):
    return value if isinstance(value, str | int | float | bool | type(None)) else str(value)


def verification_summary(check: Check, now: datetime, how: str) -> dict:
    summary = {
        "checked": True,
        "matched": check.confirmed,
        "crm_value": _shown(check.crm_value),
        "at": now.isoformat(),
        "how": how,
    }
    if check.crm_companion is not None or not check.companion_holds:
        summary["crm_companion"] = _shown(check.crm_companion)
    return summary


def mismatch_text(outcome: WriteOutcome, check: Check) -> str:
    if not check.value_holds:
        return f"Not confirmed: the CRM shows {check.shows()!r} instead of {outcome.planned_value!r}"
    return (
        f"Not confirmed: the value is in the CRM but its timestamp {outcome.companion_field} shows "
        f"{_shown(check.crm_companion)!r} instead of {outcome.companion_value!r}"
    )


def superseded_by(outcomes: list[WriteOutcome]) -> dict[int, int]:
    """{outcome id: id of a later value of ours for the same record and field} for the outcomes that have
    one. A later value that is (or may be) in the CRM explains a mismatch: the earlier one is not re-sent."""
    if not outcomes:
        return {}
    flow = outcomes[0].flow
    later = (
        WriteOutcome.objects.filter(
            flow__connection_id=flow.connection_id,
            flow__crm_object_id=flow.crm_object_id,
            target_name__in={o.target_name for o in outcomes},
            inbound__crm_id__in={o.inbound.crm_id for o in outcomes},
            pk__gt=min(o.pk for o in outcomes),
            status__in=LIVE_STATUSES,
        )
        .values_list("pk", "target_name", "inbound__crm_id")
        .order_by("-pk")
    )
    newest: dict[tuple[str, str], int] = {}
    for pk, target, crm_id in later:
        newest.setdefault((crm_id, target), pk)
    found = {}
    for outcome in outcomes:
        newer = newest.get((outcome.inbound.crm_id, outcome.target_name))
        if newer is not None and newer > outcome.pk:
            found[outcome.pk] = newer
    return found


# -- adaptive read-after-write sampling -------------------------------------------------------------------


def sample_rates_for(*, flow, base_rate: float, fields: set[str]) -> dict[str, float]:
    """The read-after-write sample rate of each field: the flow's rate, or every value while a field is
    inside the clean window that follows a failed check."""
    elevated = set(
        FieldVerificationState.objects.filter(
            flow=flow, field_name__in=fields, clean_needed__gt=0
        ).values_list("field_name", flat=True)
    )
    return {name: max(base_rate, ELEVATED_RATE) if name in elevated else base_rate for name in fields}


def field_checks_record(*, flow, window: int, results: dict[str, tuple[int, int]], now: datetime) -> None:
    """Record the checks of one batch, {field: (checked, mismatched)}. A mismatch (re)opens the field's
    clean window; matching checks count it down. Fields that never failed keep no row."""
    failed = {name: counts for name, counts in results.items() if counts[1]}
    clean = {name: counts[0] for name, counts in results.items() if counts[0] and not counts[1]}
    with transaction.atomic():
        for name, (checked, mismatched) in sorted(failed.items()):
            state, _ = FieldVerificationState.objects.select_for_update().get_or_create(
                flow=flow,
                field_name=name,
                defaults={"sample_rate": ELEVATED_RATE, "clean_needed": window},
            )
            state.sample_rate, state.clean_needed, state.last_mismatch_at = ELEVATED_RATE, window, now
            state.checked += checked
            state.mismatched += mismatched
            state.save()
        if clean:
            states = FieldVerificationState.objects.select_for_update().filter(
                flow=flow, field_name__in=clean, clean_needed__gt=0
            )
            for state in states.order_by("pk"):
                state.checked = F("checked") + clean[state.field_name]
                state.clean_needed = max(0, state.clean_needed - clean[state.field_name])
                state.save(update_fields=["checked", "clean_needed", "updated_at"])


# -- when a written value is checked if no sync read confirmed it ------------------------------------------


def grace_for(flow) -> timedelta:
    """How long a written value may wait for a sync read before the batched check takes it anyway (when no
    cycle completes): three cycles of the object's schedule and a minute; none when no cycle reads it."""
    interval = (
        SyncState.objects.filter(
            connection_id=flow.connection_id, object_name=flow.crm_object.name, enabled=True
        )
        .values_list("interval_seconds", flat=True)
        .first()
    )
    return timedelta(seconds=3 * interval + 60) if interval else timedelta(0)


def last_sync_read_started(*, flow) -> datetime | None:
    """When the latest completed incremental cycle of the flow's object started: a value written before it
    and still unconfirmed was not among the changes it read."""
    return _last_cycle_started(flow.connection_id, flow.crm_object.name)


def _last_cycle_started(connection_id: int, object_name: str) -> datetime | None:
    return (
        SyncRun.objects.filter(
            connection_id=connection_id,
            object_name=object_name,
            kind=SyncKind.INCREMENTAL,
            status=SyncStatus.COMPLETED,
        )
        .order_by("-started_at")
        .values_list("started_at", flat=True)
        .first()
    )


def oldest_unverified_write(*, connection, object_name: str) -> datetime | None:
    """When the oldest value still awaiting verification on the object was written, among those written
    since the last completed cycle began (older ones go to the batched check)."""
    awaiting = WriteOutcome.objects.filter(
        status=OutcomeStatus.WRITTEN, flow__connection=connection, flow__crm_object__name=object_name
    )
    covered = _last_cycle_started(connection.pk, object_name)
    if covered is not None:
        awaiting = awaiting.filter(finished_at__gte=covered)
    return awaiting.aggregate(oldest=Min("finished_at"))["oldest"]
