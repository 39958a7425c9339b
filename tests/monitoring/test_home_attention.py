"""The landing page's "needs attention" tiles: real counts, links to the page that deals with each, per role."""

import itertools
import re
from datetime import timedelta

import pytest
from django.db import connection as db
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from crmhub.models import ConnectionStatus
from crmhub.sync.models import ExecutionStatus, TriggerExecution, TriggerRule
from identity_app.models import ReviewItem
from monitoring_app import services
from monitoring_app.models import Alert, AlertKind, AlertRule, AlertStatus
from tests import factories

_external_ids = itertools.count(1)


def _tiles(html: str) -> dict[str, tuple[str, int]]:
    found = re.findall(r'data-tile="(\w+)" data-level="(\w+)">\s*<div class="count">([\d,]+)</div>', html)
    return {key: (level, int(count.replace(",", ""))) for key, level, count in found}


def _home(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def _alert(flow, status):
    services.alert_rules_ensure_defaults()
    return Alert.objects.create(
        rule=AlertRule.objects.get(kind=AlertKind.ERROR_RATE_HIGH, flow=None),
        kind=AlertKind.ERROR_RATE_HIGH,
        scope_key=f"flow:{flow.pk}:{status}",
        connection=flow.connection,
        flow=flow,
        message="Write error rate is high",
        value=0.12,
        threshold=0.05,
        status=status,
        opened_at=timezone.now(),
        last_seen_at=timezone.now(),
    )


def _review_item(flow, **extra):
    return ReviewItem.objects.create(
        flow=flow,
        source_system="lead_scorer",
        external_id=f"x{next(_external_ids)}",
        reason="no_match",
        payload={},
        **extra,
    )


def test_a_quiet_hub_shows_every_tile_green_and_zero(users, flow):
    tiles = _tiles(_home(users["admin"]))
    assert set(tiles) == {
        "alerts",
        "review",
        "dead_letters",
        "conflicts",
        "sync_failures",
        "trigger_dead_letters",
        "connections",
    }
    assert all(tile == ("ok", 0) for tile in tiles.values())


def test_tiles_count_what_waits_and_colour_by_urgency(users, flow, build):
    _alert(flow, AlertStatus.OPEN)
    _alert(flow, AlertStatus.ACKNOWLEDGED)
    _alert(flow, AlertStatus.RESOLVED)
    _review_item(flow)
    _review_item(flow, assignee=users["reviewer"])
    _review_item(flow, status="dismissed")
    build.outcome("dead_lettered")
    build.outcome("dead_lettered")
    build.outcome("conflict", conflict_resolution="open")
    build.outcome("conflict", conflict_resolution="kept")
    build.outcome("written_verified")
    now = timezone.now()
    build.sync_run(status="failed", finished_at=now)
    old_failure = build.sync_run(status="errored", finished_at=now - timedelta(days=2))
    old_failure.__class__.objects.filter(pk=old_failure.pk).update(created_at=now - timedelta(days=2))
    rule = TriggerRule.objects.create(
        name="notify",
        connection=flow.connection,
        object_name="contacts",
        condition_kind="crm_field_change",
        field_name="lifecyclestage",
        action_kind="outbound_webhook",
        action_params={"url": "http://127.0.0.1:9/hook"},
    )
    TriggerExecution.objects.create(rule=rule, dedup_key="a", status=ExecutionStatus.DEAD_LETTERED)
    TriggerExecution.objects.create(rule=rule, dedup_key="b", status=ExecutionStatus.SUCCEEDED)
    factories.make_connection(name="paused one", status=ConnectionStatus.PAUSED)

    html = _home(users["admin"])
    tiles = _tiles(html)
    assert tiles["alerts"] == ("bad", 1)
    assert "1 acknowledged" in html
    assert tiles["review"] == ("warn", 2)
    assert "1 unassigned" in html
    assert tiles["dead_letters"] == ("bad", 2)
    assert tiles["conflicts"] == ("warn", 1)
    assert tiles["sync_failures"] == ("bad", 1)
    assert tiles["trigger_dead_letters"] == ("bad", 1)
    assert tiles["connections"] == ("bad", 1)
    for url in (
        reverse("monitoring:alerts"),
        reverse("identity:queue"),
        reverse("writeback:dead-letters"),
        reverse("writeback:conflicts"),
        reverse("sync:run-list"),
        reverse("sync:execution-list"),
        reverse("writeback:connections"),
    ):
        assert f'href="{url}' in html


def test_only_acknowledged_alerts_make_the_alert_tile_amber(users, flow):
    _alert(flow, AlertStatus.ACKNOWLEDGED)
    assert _tiles(_home(users["viewer"]))["alerts"] == ("warn", 0)


def test_a_user_without_a_role_sees_no_tiles(db, flow):
    stranger = factories.make_user("stranger")
    html = _home(stranger)
    assert _tiles(html) == {}
    assert 'id="attention"' not in html


@pytest.mark.parametrize("role", ["reviewer", "viewer"])
def test_read_only_roles_see_every_tile(users, flow, role):
    assert len(_tiles(_home(users[role]))) == 7


def test_the_tiles_cost_one_query_each(users, flow, build):
    for _ in range(20):
        _review_item(flow)
        build.outcome("dead_lettered")
    client = Client()
    client.force_login(users["admin"])
    client.get(reverse("home"))
    with CaptureQueriesContext(db) as queries:
        assert client.get(reverse("home")).status_code == 200
    tile_queries = [
        q["sql"]
        for q in queries.captured_queries
        if any(
            table in q["sql"]
            for table in (
                "monitoring_app_alert",
                "identity_app_reviewitem",
                "writeback_writeoutcome",
                "sync_syncrun",
                "sync_triggerexecution",
            )
        )
    ]
    assert len(tile_queries) == 5
