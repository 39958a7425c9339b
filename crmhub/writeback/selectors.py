"""Reads for the write-back API and pages."""

from django.db.models import Count, Q, QuerySet

from crmhub.roles import is_token_only
from crmhub.writeback.models import (
    ConflictResolution,
    FlowWritebackSettings,
    GoLiveDecision,
    InboundRecord,
    OutcomeStatus,
    ShadowSample,
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
        ShadowSample.objects.select_related("flow", "created_by")
        .prefetch_related("reviews__outcome__inbound", "reviews__reviewed_by")
        .annotate(
            reviewed=Count("reviews", filter=~Q(reviews__verdict="")),
            correct=Count("reviews", filter=Q(reviews__verdict="correct")),
        )
        .get(pk=pk)
    )


def go_live_decisions(*, flow) -> QuerySet[GoLiveDecision]:
    return GoLiveDecision.objects.filter(flow=flow).select_related("decided_by", "sample")
