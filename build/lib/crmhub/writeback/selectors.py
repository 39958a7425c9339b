"""Reads for the write-back API and pages."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet

from crmhub.connectors import CrmError
from crmhub.core.connectors import connector_for
from crmhub.roles import is_token_only
from crmhub.writeback.models import (
    ConflictResolution,
    FlowWritebackSettings,
    GoLiveDecision,
    InboundRecord,
    InboundStatus,
    OutcomeStatus,
    ShadowSample,
    WritebackEvent,
    WritebackEventKind,
    WriteOutcome,
)


def writeback_settings_for(flow) -> FlowWritebackSettings:
    settings, _ = FlowWritebackSettings.objects.get_or_create(flow=flow)
    return settings


def inbound_visible_to(user) -> QuerySet[InboundRecord]:
    """Integrations see their own records; people with the view permission see all."""
    records = InboundRecord.objects.all()
    if not user.has_perm("writeback.view_inboundrecord"):
        return records.none()
    if is_token_only(user):
        records = records.filter(integration_user=user)
    return records


def inbound_list(*, user) -> QuerySet[InboundRecord]:
    """The records `user` may see, newest first (filtered by filtersets.InboundRecordFilterSet)."""
    records = inbound_visible_to(user).select_related("flow").annotate(outcome_count=Count("outcomes"))
    return records.order_by("-received_at", "-id")


def inbound_detail(*, user, pk: int) -> InboundRecord:
    """One record with its outcomes in order: the data of the record's timeline."""
    return (
        inbound_visible_to(user)
        .select_related("flow__connection", "flow__crm_object", "integration_user", "review_item")
        .prefetch_related("outcomes__crm_field", "outcomes__resolved_by")
        .get(pk=pk)
    )


def outcome_list(*, user) -> QuerySet[WriteOutcome]:
    """The outcomes `user` may see, newest first (filtered by filtersets.WriteOutcomeFilterSet)."""
    if not user.has_perm("writeback.view_writeoutcome"):
        return WriteOutcome.objects.none()
    outcomes = WriteOutcome.objects.select_related("inbound", "flow")
    if is_token_only(user):
        outcomes = outcomes.filter(inbound__integration_user=user)
    return outcomes.order_by("-id")


def dead_letters(*, flow=None) -> QuerySet[WriteOutcome]:
    outcomes = WriteOutcome.objects.filter(status=OutcomeStatus.DEAD_LETTERED).select_related(
        "inbound", "flow"
    )
    if flow is not None:
        outcomes = outcomes.filter(flow=flow)
    return outcomes.order_by("-finished_at", "-id")


def open_conflicts(*, flow=None) -> QuerySet[WriteOutcome]:
    outcomes = WriteOutcome.objects.filter(
        status=OutcomeStatus.CONFLICT, conflict_resolution=ConflictResolution.OPEN
    ).select_related("inbound", "flow")
    if flow is not None:
        outcomes = outcomes.filter(flow=flow)
    return outcomes.order_by("finished_at", "id")


def shadow_sample_detail(*, pk: int) -> ShadowSample:
    return (
        ShadowSample.objects.select_related("flow__connection", "flow__crm_object", "created_by")
        .prefetch_related("reviews__outcome__inbound", "reviews__reviewed_by")
        .annotate(
            reviewed=Count("reviews", filter=~Q(reviews__verdict="")),
            correct=Count("reviews", filter=Q(reviews__verdict="correct")),
        )
        .get(pk=pk)
    )


def go_live_backlog_answers(*, flow) -> dict[int, str]:
    """Go-live decision id -> what its go-live did with the shadow backlog, in words."""
    events = WritebackEvent.objects.filter(flow=flow, kind=WritebackEventKind.GO_LIVE)
    answers = {}
    for details in events.values_list("details", flat=True):
        if details.get("shadow_backlog") == "send":
            answers[details["decision"]] = f"shadow backlog sent ({details.get('sent', 0)} values)"
        elif details.get("shadow_backlog") == "discard":
            answers[details["decision"]] = (
                f"shadow backlog discarded ({details.get('backlog_values', 0)} values)"
            )
    return answers


def go_live_decisions(*, flow) -> QuerySet[GoLiveDecision]:
    return GoLiveDecision.objects.filter(flow=flow).select_related("decided_by", "sample")


# Field outcomes that end without the value in the CRM.
FAILED_OUTCOMES = frozenset({OutcomeStatus.REJECTED, OutcomeStatus.DEAD_LETTERED})


@dataclass(frozen=True)
class RecordState:
    """What a person should read as the record's status: `key` styles the badge."""

    key: str
    label: str


def inbound_state(*, record: InboundRecord, outcome_counts: dict[str, int]) -> RecordState:
    """A completed record is only "Completed" when none of its fields failed; otherwise it says how many did
    ("Partly written (1 of 3 fields failed)", or "Not written" when all failed). Other statuses read as stored."""
    if record.status != InboundStatus.COMPLETED:
        return RecordState(key=record.status, label=record.get_status_display())
    total = sum(outcome_counts.values())
    failed = sum(n for status, n in outcome_counts.items() if status in FAILED_OUTCOMES)
    if failed == 0:
        return RecordState(key=record.status, label=record.get_status_display())
    noun = "field" if total == 1 else "fields"
    if failed == total:
        return RecordState(key="failed", label=f"Not written ({failed} of {total} {noun} failed)")
    return RecordState(key="partial", label=f"Partly written ({failed} of {total} {noun} failed)")


@dataclass(frozen=True)
class RepSide:
    """The rep's side of a field conflict, as the CRM shows it now."""

    value: Any = None
    actor: str = ""
    edited_at: datetime | None = None
    error: str = ""


def crm_current_values(*, connection, object_name: str, pairs: list[tuple[str, str]]) -> tuple[dict, str]:
    """The CRM's current value of each (record id, field), read live in one call; with the error text instead
    when the CRM does not answer."""
    ids = sorted({crm_id for crm_id, _ in pairs if crm_id})
    fields = sorted({name for _, name in pairs if name})
    if not ids or not fields:
        return {}, ""
    try:
        with connector_for(connection) as connector:
            values = connector.read_records(object_name, ids, fields)
    except CrmError as exc:
        return {}, f"{connection.name} did not answer: {exc}"
    return {(crm_id, name): values.get(crm_id, {}).get(name) for crm_id, name in pairs}, ""


def conflict_rep_sides(*, outcomes: list[WriteOutcome]) -> dict[int, RepSide]:
    """Per open conflict: the field's current value in the CRM and its latest human edit (who and when), read
    live, one value read and one history read per connection and object. A CRM that does not answer gives
    each of its conflicts the error instead (the page still shows the AI side)."""
    groups: dict[tuple, list[WriteOutcome]] = defaultdict(list)
    for outcome in outcomes:
        if outcome.inbound.crm_id and outcome.target_name:
            groups[(outcome.flow.connection, outcome.flow.crm_object.name)].append(outcome)
    sides: dict[int, RepSide] = {}
    for (connection, object_name), group in groups.items():
        ids = sorted({o.inbound.crm_id for o in group})
        fields = sorted({o.target_name for o in group})
        try:
            with connector_for(connection) as connector:
                values = connector.read_records(object_name, ids, fields)
                edits = connector.field_history(object_name, ids, fields)
        except CrmError as exc:
            sides.update({o.pk: RepSide(error=f"{connection.name} did not answer: {exc}") for o in group})
            continue
        latest = {}
        for edit in edits:
            key = (edit.record_id, edit.field)
            if edit.by_human and (key not in latest or edit.edited_at > latest[key].edited_at):
                latest[key] = edit
        for o in group:
            edit = latest.get((o.inbound.crm_id, o.target_name))
            sides[o.pk] = RepSide(
                value=values.get(o.inbound.crm_id, {}).get(o.target_name),
                actor=edit.actor if edit else "",
                edited_at=edit.edited_at if edit else o.last_human_edit_at,
            )
    return sides
