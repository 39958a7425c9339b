"""`next=` is user input: only paths on this site are followed (after acknowledging an alert, signing in)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from monitoring_app import services
from monitoring_app.models import Alert, AlertKind, AlertRule

OFF_SITE = [
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "http://testserver.evil.example/",
    "https:///evil.example",
]


@pytest.fixture
def alert(users, connection):
    services.alert_rules_ensure_defaults()
    now = timezone.now()
    return Alert.objects.create(
        rule=AlertRule.objects.get(kind=AlertKind.WRITE_SUCCESS_LOW, flow=None),
        kind=AlertKind.WRITE_SUCCESS_LOW,
        scope_key="test",
        connection=connection,
        message="Write success rate is low",
        opened_at=now,
        last_seen_at=now,
    )


@pytest.mark.parametrize("target", OFF_SITE)
def test_acknowledging_an_alert_never_redirects_off_site(alert, users, client, target):
    client.force_login(users["admin"])
    response = client.post(reverse("monitoring:alert-acknowledge", args=[alert.pk]), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("monitoring:alert", args=[alert.pk])


def test_acknowledging_an_alert_follows_a_path_on_this_site(alert, users, client):
    client.force_login(users["admin"])
    response = client.post(
        reverse("monitoring:alert-acknowledge", args=[alert.pk]), {"next": "/monitoring/alerts/?status=open"}
    )
    assert response["Location"] == "/monitoring/alerts/?status=open"


@pytest.mark.parametrize("target", OFF_SITE)
def test_signing_in_never_redirects_off_site(users, client, target):
    response = client.post(
        reverse("login") + "?next=" + target,
        {"username": "victor", "password": "correct-horse-battery-staple", "next": target},
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")
