"""Role access on every page and endpoint; query budgets on every dashboard with 90 days of points."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from mappings_app.models import Flow
from monitoring_app import demo, services
from monitoring_app.models import Alert, AlertKind, AlertRule, AlertStatus, MetricPoint
from tests import factories
from tests.database import rows_for_the_module
from tests.monitoring.conftest import scored_flow


def ninety_days_of_points(flow):
    count = demo.points_generate(
        flows=[flow],
        days=90,
        now=timezone.now(),
        fields={flow.pk: [("ai_lead_score", True), ("ai_segment", False)]},
        baselined={(flow.pk, "ai_lead_score")},  # drift history exists only with a baseline
    )
    assert count > 90 * 24 * 10


@pytest.fixture
def alert(flow):
    return open_alert(flow)


def open_alert(flow):
    services.alert_rules_ensure_defaults()
    return Alert.objects.create(
        rule=AlertRule.objects.get(kind=AlertKind.ERROR_RATE_HIGH, flow=None),
        kind=AlertKind.ERROR_RATE_HIGH,
        scope_key=f"flow:{flow.pk}",
        connection=flow.connection,
        flow=flow,
        message="Write error rate is high: 12.0 %",
        value=0.12,
        threshold=0.05,
        opened_at=timezone.now(),
        last_seen_at=timezone.now(),
    )


def pages(flow, alert):
    return [
        reverse("monitoring:overview"),
        reverse("monitoring:flow", args=[flow.pk]),
        reverse("monitoring:flow", args=[flow.pk]) + "?days=90",
        reverse("monitoring:alerts"),
        reverse("monitoring:alert", args=[alert.pk]),
        reverse("monitoring:rules"),
        reverse("monitoring:runbooks"),
        reverse("monitoring:runbook", args=[AlertKind.SCORE_DRIFT]),
        reverse("monitoring:report"),
    ]


@pytest.mark.parametrize("role", ["admin", "reviewer", "viewer"])
def test_every_page_opens_for_roles_that_may_view(client, users, flow, alert, role):
    client.force_login(users[role])
    for url in pages(flow, alert):
        assert client.get(url).status_code == 200, url


def test_integration_users_and_strangers_get_nothing(client, users, flow, alert):
    client.force_login(users["integration"])
    for url in pages(flow, alert):
        assert client.get(url).status_code == 403, url
    client.logout()
    for url in pages(flow, alert):
        assert client.get(url).status_code == 302, url


def test_only_sales_ops_acknowledges_edits_rules_and_sets_baselines(client, users, flow, alert):
    rule = AlertRule.objects.get(kind=AlertKind.ERROR_RATE_HIGH, flow=None)
    posts = [
        (reverse("monitoring:alert-acknowledge", args=[alert.pk]), {}),
        (
            reverse("monitoring:rule-edit", args=[rule.pk]),
            {"threshold": "0.1", "min_sample_size": "5", "enabled": "on"},
        ),
        (
            reverse("monitoring:rule-override"),
            {"kind": AlertKind.SCORE_DRIFT, "flow": flow.pk},
        ),
    ]
    client.force_login(users["viewer"])
    for url, data in posts:
        assert client.post(url, data).status_code == 403
    client.force_login(users["admin"])
    for url, data in posts:
        assert client.post(url, data).status_code == 302
    alert.refresh_from_db()
    rule.refresh_from_db()
    assert alert.status == AlertStatus.ACKNOWLEDGED and rule.threshold == 0.1
    assert AlertRule.objects.filter(kind=AlertKind.SCORE_DRIFT, flow=flow).exists()


def _api(user):
    return factories.api_client(user)


def test_api_sales_ops_acknowledges_and_edits_thresholds(users, flow, alert):
    api = _api(users["admin"])
    response = api.post(f"/api/v1/monitoring/alerts/{alert.pk}/acknowledge/")
    assert response.status_code == 200 and response.json()["status"] == "acknowledged"
    assert api.post(f"/api/v1/monitoring/alerts/{alert.pk}/acknowledge/").status_code == 409
    rule = AlertRule.objects.get(kind=AlertKind.ERROR_RATE_HIGH, flow=None)
    response = api.patch(
        f"/api/v1/monitoring/alert-rules/{rule.pk}/", {"threshold": 0.2, "kind": "x"}, format="json"
    )
    assert response.status_code == 200 and response.json()["threshold"] == 0.2
    assert response.json()["kind"] == AlertKind.ERROR_RATE_HIGH
    assert rule.history.first().history_user == users["admin"]


def test_api_refuses_integrations_and_anonymous(users, flow, alert):
    api = _api(users["integration"])
    for url in (
        "/api/v1/monitoring/metrics/",
        "/api/v1/monitoring/alerts/",
        "/api/v1/monitoring/alert-rules/",
    ):
        assert api.get(url).status_code == 403
    assert APIClient().get("/api/v1/monitoring/alerts/").status_code in (401, 403)


def test_nav_shows_monitoring_to_viewers_only(client, users):
    client.force_login(users["viewer"])
    assert reverse("monitoring:overview") in client.get("/").content.decode()
    other = factories.make_user("nobody")
    client.force_login(other)
    assert reverse("monitoring:overview") not in client.get("/").content.decode()


def _flow_with_ninety_days_of_history():
    users = factories.role_users()
    connection = factories.make_connection()
    contact_fields = factories.make_contact_schema(connection)
    flow = scored_flow(users, connection, contact_fields)
    alert = open_alert(flow)
    ninety_days_of_points(flow)
    return {"users": {role: user.pk for role, user in users.items()}, "flow": flow.pk, "alert": alert.pk}


@pytest.fixture(scope="class")
def history_pks(django_db_setup, django_db_blocker):
    """Written once for the class below and rolled back after it (its tests are the only ones that see them)."""
    with rows_for_the_module(django_db_blocker, _flow_with_ninety_days_of_history) as pks:
        yield pks


class TestWithNinetyDaysOfHistory:
    """90 days of hourly points (over 20,000 rows) take seconds to write: built once for these tests, each of which
    rolls back to them."""

    @pytest.fixture
    def users(self, history_pks, db):
        return {role: User.objects.get(pk=pk) for role, pk in history_pks["users"].items()}

    @pytest.fixture
    def flow(self, history_pks, db):
        return Flow.objects.get(pk=history_pks["flow"])

    @pytest.fixture
    def alert(self, history_pks, db):
        return Alert.objects.get(pk=history_pks["alert"])

    def test_dashboards_stay_within_query_budgets_with_90_days(
        self, client, users, flow, alert, django_assert_max_num_queries
    ):
        client.force_login(users["viewer"])
        assert MetricPoint.objects.count() > 20_000
        budgets = {
            reverse("monitoring:overview"): 12,
            reverse("monitoring:flow", args=[flow.pk]): 16,
            reverse("monitoring:flow", args=[flow.pk]) + "?days=90": 16,
            reverse("monitoring:alerts"): 10,
            reverse("monitoring:rules"): 12,
            reverse("monitoring:report"): 16,
        }
        for url, budget in budgets.items():
            with django_assert_max_num_queries(budget):
                response = client.get(url)
            assert response.status_code == 200

    def test_flow_page_renders_charts_and_links_down(self, client, users, flow):
        client.force_login(users["viewer"])
        html = client.get(reverse("monitoring:flow", args=[flow.pk])).content.decode()
        assert 'id="chart-writes-data"' in html and 'id="chart-psi-data"' in html
        assert "vendor/plotly.min.js" in html and "cdn" not in html.lower()
        for link in (
            "/sync/",
            f"/writeback/dead-letters/?flow={flow.pk}",
            f"/review/?flow={flow.pk}",
            f"/writeback/records/?flow={flow.pk}",
        ):
            assert link in html

    def test_overview_shows_a_red_light_for_a_flow_with_an_open_alert(self, client, users, flow, alert):
        client.force_login(users["viewer"])
        html = client.get(reverse("monitoring:overview")).content.decode()
        assert 'data-light="red"' in html
        alert.status = AlertStatus.ACKNOWLEDGED
        alert.save()
        assert 'data-light="amber"' in client.get(reverse("monitoring:overview")).content.decode()
        alert.status = AlertStatus.RESOLVED
        alert.save()
        assert 'data-light="green"' in client.get(reverse("monitoring:overview")).content.decode()

    def test_api_metrics_alerts_and_rules_for_viewers(self, users, flow, alert):
        api = _api(users["viewer"])
        since = (timezone.now() - timedelta(hours=3)).isoformat()
        points = api.get("/api/v1/monitoring/metrics/", {"flow": flow.pk, "metric": "psi", "since": since})
        assert points.status_code == 200 and points.json()["count"] >= 2
        current = api.get("/api/v1/monitoring/metrics/current/", {"flow": flow.pk})
        assert current.status_code == 200
        assert {row["metric"] for row in current.json()} >= {"write_success_rate", "review_backlog"}
        alerts = api.get("/api/v1/monitoring/alerts/", {"status": "open"})
        assert (
            alerts.json()["results"][0]["runbook_url"] == f"/monitoring/runbooks/{AlertKind.ERROR_RATE_HIGH}/"
        )
        assert api.get(f"/api/v1/monitoring/alerts/{alert.pk}/").status_code == 200
        assert api.get("/api/v1/monitoring/alert-rules/").json()["count"] == len(AlertKind.choices)
        assert api.post(f"/api/v1/monitoring/alerts/{alert.pk}/acknowledge/").status_code == 403
        rule = AlertRule.objects.get(kind=AlertKind.ERROR_RATE_HIGH, flow=None)
        assert (
            api.patch(
                f"/api/v1/monitoring/alert-rules/{rule.pk}/", {"threshold": 0.2}, format="json"
            ).status_code
            == 403
        )
        assert api.get("/api/v1/monitoring/metrics/", {"since": "yesterday"}).status_code == 400
