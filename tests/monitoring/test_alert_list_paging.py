"""The alert list pages through long histories without losing its filters."""

from django.utils import timezone

from monitoring_app.models import Alert, AlertKind, AlertRule
from monitoring_app.services import alert_rules_ensure_defaults
from tests import factories


def test_the_next_page_link_keeps_the_filters(db, client):
    alert_rules_ensure_defaults()
    connection = factories.make_connection()
    rule = AlertRule.objects.filter(kind=AlertKind.AUTH_FAILURE, flow=None).first()
    now = timezone.now()
    Alert.objects.bulk_create(
        Alert(
            rule=rule,
            kind=AlertKind.AUTH_FAILURE,
            scope_key=f"connection:{connection.pk}:{n}",
            connection=connection,
            message="CRM sign-in failed",
            opened_at=now,
            last_seen_at=now,
        )
        for n in range(60)
    )
    client.force_login(factories.make_user("victor", "viewer"))
    page = client.get("/monitoring/alerts/", {"kind": AlertKind.AUTH_FAILURE}).content.decode()
    assert "Page 1 of 2" in page
    assert f"?kind={AlertKind.AUTH_FAILURE}&amp;page=2" in page
