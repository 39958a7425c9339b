"""Reads for the landing page (`/`): what needs a person's attention, across the apps, for one user.

Monitoring is the app that watches the others, so the overview's cross-app reads live here, not in the
project package."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q
from django.urls import reverse

from crmhub.models import ConnectionStatus, CrmConnection
from crmhub.sync.models import ExecutionStatus, SyncRun, SyncStatus, TriggerExecution
from crmhub.writeback.models import ConflictResolution, OutcomeStatus, WriteOutcome
from identity_app.models import ReviewItem, ReviewStatus
from monitoring_app.models import Alert, AlertStatus

RECENT_SYNC_FAILURES = timedelta(hours=24)


@dataclass(frozen=True)
class AttentionTile:
    """One count on the landing page with the page that deals with it. `level` is ok, warn or bad."""

    key: str
    label: str
    count: int
    url: str
    level: str
    detail: str = ""


def attention_tiles(*, user, now: datetime) -> list[AttentionTile]:
    """Only the tiles the user may open; each costs one aggregate query."""
    builders = [
        ("monitoring_app.view_alert", _alerts_tile),
        ("identity_app.view_reviewitem", _review_tile),
        ("writeback.view_writeoutcome", _write_back_tiles),
        ("sync.view_syncrun", _sync_tile),
        ("sync.view_triggerexecution", _trigger_tile),
        ("crmhub.view_crmconnection", _connection_tile),
    ]
    tiles: list[AttentionTile] = []
    for permission, build in builders:
        if user.has_perm(permission):
            tiles.extend(build(now))
    return tiles


def _level(count: int, bad: bool = True) -> str:
    if not count:
        return "ok"
    return "bad" if bad else "warn"


def _alerts_tile(now: datetime) -> list[AttentionTile]:
    counts = Alert.objects.aggregate(
        open=Count("pk", filter=Q(status=AlertStatus.OPEN)),
        acknowledged=Count("pk", filter=Q(status=AlertStatus.ACKNOWLEDGED)),
    )
    level = "bad" if counts["open"] else ("warn" if counts["acknowledged"] else "ok")
    return [
        AttentionTile(
            "alerts",
            "Open alerts",
            counts["open"],
            reverse("monitoring:alerts") + "?status=open",
            level,
            f"{counts['acknowledged']} acknowledged" if counts["acknowledged"] else "",
        )
    ]


def _review_tile(now: datetime) -> list[AttentionTile]:
    counts = ReviewItem.objects.filter(status=ReviewStatus.OPEN).aggregate(
        total=Count("pk"), unassigned=Count("pk", filter=Q(assignee__isnull=True))
    )
    return [
        AttentionTile(
            "review",
            "Records waiting for identity review",
            counts["total"],
            reverse("identity:queue"),
            _level(counts["total"], bad=False),
            f"{counts['unassigned']} unassigned" if counts["unassigned"] else "",
        )
    ]


def _write_back_tiles(now: datetime) -> list[AttentionTile]:
    counts = WriteOutcome.objects.filter(
        status__in=[OutcomeStatus.DEAD_LETTERED, OutcomeStatus.CONFLICT]
    ).aggregate(
        dead=Count("pk", filter=Q(status=OutcomeStatus.DEAD_LETTERED)),
        conflicts=Count(
            "pk", filter=Q(status=OutcomeStatus.CONFLICT, conflict_resolution=ConflictResolution.OPEN)
        ),
    )
    return [
        AttentionTile(
            "dead_letters",
            "Dead-lettered values",
            counts["dead"],
            reverse("writeback:dead-letters"),
            _level(counts["dead"]),
        ),
        AttentionTile(
            "conflicts",
            "Field conflicts to decide",
            counts["conflicts"],
            reverse("writeback:conflicts"),
            _level(counts["conflicts"], bad=False),
        ),
    ]


def _sync_tile(now: datetime) -> list[AttentionTile]:
    failed = SyncRun.objects.filter(
        status__in=[SyncStatus.FAILED, SyncStatus.ERRORED], created_at__gte=now - RECENT_SYNC_FAILURES
    ).count()
    return [
        AttentionTile(
            "sync_failures",
            "Sync cycles failed in the last 24 hours",
            failed,
            reverse("sync:run-list") + f"?status={SyncStatus.FAILED}",
            _level(failed),
        )
    ]


def _trigger_tile(now: datetime) -> list[AttentionTile]:
    dead = TriggerExecution.objects.filter(status=ExecutionStatus.DEAD_LETTERED).count()
    return [
        AttentionTile(
            "trigger_dead_letters",
            "Trigger executions dead-lettered",
            dead,
            reverse("sync:execution-list") + f"?status={ExecutionStatus.DEAD_LETTERED}",
            _level(dead),
        )
    ]


def _connection_tile(now: datetime) -> list[AttentionTile]:
    stopped = CrmConnection.objects.exclude(status=ConnectionStatus.ACTIVE).count()
    return [
        AttentionTile(
            "connections",
            "Connections paused or broken",
            stopped,
            reverse("writeback:connections"),
            _level(stopped),
        )
    ]
