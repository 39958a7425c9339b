"""Lists and the timeline run a fixed number of queries, however many rows they show."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from crmhub.writeback.models import (
    ConflictResolution,
    GoLiveDecision,
    OutcomeStatus,
    ShadowReview,
    ShadowSample,
    WritebackEvent,
    WriteOutcome,
)
from tests.writeback_ui.conftest import dead_letter_rows

# Session, user, user and group permissions, token-only check; then the page's own queries.
RECORDS_BUDGET = (
    11  # + token-only again (selector), source systems, flow choices, count, page, outcome counts
)
TIMELINE_BUDGET = (
    11  # + token-only again (selector), record, outcomes, fields, versions; retention when purged
)
DEAD_LETTERS_BUDGET = 8  # + flow choices, count, page
CONFLICTS_BUDGET = 8
SAMPLE_BUDGET = 12  # + sample with counts, reviews, outcomes, records, reviewers, settings, decisions
FLOW_BUDGET = 10  # + flow, settings, shadow count, samples, decisions
CONNECTIONS_BUDGET = 7  # + paused connections, events
FLOWS_BUDGET = 6  # + flows with their counts


def many(world, n: int) -> list[WriteOutcome]:
    """n records, each with a dead letter, a conflict and a shadow write: every list has n rows."""
    dead = dead_letter_rows(world, n)
    now = timezone.now()
    extra = []
    for outcome in dead:
        common = {"inbound_id": outcome.inbound_id, "flow": world.flow, "raw_value": "S"}
        extra.append(
            WriteOutcome(
                **common,
                source_key="segment",
                target_name="ai_segment",
                planned_value="smb",
                owner="hybrid",
                conflict_policy="flag",
                status=OutcomeStatus.CONFLICT,
                conflict_resolution=ConflictResolution.OPEN,
                last_human_edit_at=now,
                finished_at=now,
            )
        )
        extra.append(
            WriteOutcome(
                **common,
                target_name="ai_score",
                source_key="score2",
                planned_value=1,
                status=OutcomeStatus.SHADOW,
            )
        )
    WriteOutcome.objects.bulk_create(extra)
    return dead


@pytest.fixture
def small(world):
    many(world, 3)
    return world


@pytest.mark.parametrize("rows", [3, 60])
def test_lists_cost_the_same_for_few_and_many_rows(rows, world, login, django_assert_max_num_queries):
    many(world, rows)
    WritebackEvent.objects.bulk_create(
        WritebackEvent(connection=world.connection, flow=world.flow, kind="dead_letters", message=f"{n}")
        for n in range(rows)
    )
    client = login(world.users["viewer"])
    budgets = [
        (reverse("writeback:records"), RECORDS_BUDGET),
        (reverse("writeback:records") + "?q=nothing&received=-7d&outcome_status=conflict", RECORDS_BUDGET),
        (reverse("writeback:dead-letters"), DEAD_LETTERS_BUDGET),
        (reverse("writeback:dead-letters") + "?failure_kind=schema_drift&age=%2B1h", DEAD_LETTERS_BUDGET),
        (reverse("writeback:conflicts"), CONFLICTS_BUDGET),
        (reverse("writeback:connections"), CONNECTIONS_BUDGET),
        (reverse("writeback:flows"), FLOWS_BUDGET),
    ]
    for url, budget in budgets:
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200, url


def test_the_timeline_costs_the_same_for_one_field_or_many(
    story, world, login, django_assert_max_num_queries
):
    client = login(world.users["viewer"])
    record = story.written
    outcome = record.outcomes.first()
    clones = []
    for n in range(20):
        outcome.pk, outcome.id, outcome.source_key = None, None, f"extra_{n}"
        outcome.log = [*outcome.log, {"at": timezone.now().isoformat(), "event": "note", "detail": str(n)}]
        clones.append(
            WriteOutcome(
                **{f.attname: getattr(outcome, f.attname) for f in WriteOutcome._meta.concrete_fields}
            )
        )
    WriteOutcome.objects.bulk_create(clones)
    assert record.outcomes.count() == 22
    with django_assert_max_num_queries(TIMELINE_BUDGET):
        assert client.get(reverse("writeback:record", args=[record.pk])).status_code == 200
    with django_assert_max_num_queries(TIMELINE_BUDGET):
        assert client.get(reverse("writeback:record", args=[story.held.pk])).status_code == 200


def test_the_sample_and_flow_pages_cost_the_same_for_a_large_sample(
    world, login, django_assert_max_num_queries
):
    many(world, 150)
    reviewer = world.users["reviewer"]
    shadow = list(WriteOutcome.objects.filter(status=OutcomeStatus.SHADOW).order_by("pk")[:120])
    samples = [ShadowSample.objects.create(flow=world.flow, created_by=reviewer, size=120) for _ in range(4)]
    now = timezone.now()
    ShadowReview.objects.bulk_create(
        ShadowReview(
            sample=sample,
            outcome=o,
            verdict="correct",
            reviewed_by=reviewer,
            reviewed_at=now - timedelta(minutes=n),
        )
        for sample in samples
        for n, o in enumerate(shadow)
    )
    for sample in samples:
        GoLiveDecision.objects.create(
            flow=world.flow,
            sample=sample,
            decided_by=world.users["admin"],
            reviewed=120,
            correct=120,
            accuracy=1.0,
            wilson_lower=0.969,
            threshold=0.95,
            min_sample_size=100,
            approved=False,
        )
    client = login(reviewer)
    with django_assert_max_num_queries(SAMPLE_BUDGET):
        response = client.get(reverse("writeback:sample", args=[samples[0].pk]))
    assert response.content.decode().count('class="review-row') == 120
    with django_assert_max_num_queries(FLOW_BUDGET):
        assert client.get(reverse("writeback:flow", args=[world.flow.pk])).status_code == 200
