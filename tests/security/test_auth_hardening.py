"""API tokens stored hashed with expiry and revocation, sign-in lockout, API throttles, CSP."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from tests import factories

OUTPUTS = "/api/v1/outputs/"


def _token_client(secret: str):
    client = factories.api_client()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


def test_an_admin_issues_an_integration_token_that_is_stored_only_as_a_digest_and_revokes_it(users, client):
    client.force_login(users["admin"])
    page = client.post(reverse("api-tokens"), {"user": users["integration"].pk, "ttl_days": 30})
    secret = re.search(r'<code id="new-token">([^<]+)</code>', page.content.decode()).group(1)
    token = AuthToken.objects.get(user=users["integration"])
    stored = " ".join(str(getattr(token, f.attname)) for f in AuthToken._meta.concrete_fields)
    assert secret not in stored and token.digest != secret
    assert timedelta(days=29) < token.expiry - timezone.now() <= timedelta(days=30)
    assert _token_client(secret).get(OUTPUTS).status_code == 200
    assert secret not in client.get(reverse("api-tokens")).content.decode()  # shown once only

    client.post(reverse("api-token-revoke", args=[token.pk]))
    assert not AuthToken.objects.filter(pk=token.pk).exists()
    assert _token_client(secret).get(OUTPUTS).status_code == 401


def test_an_expired_token_is_refused(users):
    _, secret = AuthToken.objects.create(user=users["integration"], expiry=timedelta(seconds=-1))
    assert _token_client(secret).get(OUTPUTS).status_code == 401


def test_people_see_and_revoke_only_their_own_tokens(users, client):
    admin_token, _ = AuthToken.objects.create(user=users["admin"])
    client.force_login(users["viewer"])
    client.post(reverse("api-tokens"), {"ttl_days": 7})
    own = AuthToken.objects.get(user=users["viewer"])
    listing = client.get(reverse("api-tokens")).content.decode()
    assert own.token_key in listing and admin_token.token_key not in listing
    assert client.post(reverse("api-token-revoke", args=[admin_token.pk])).status_code == 404
    assert AuthToken.objects.filter(pk=admin_token.pk).exists()
    refused = client.post(reverse("api-tokens"), {"user": users["admin"].pk, "ttl_days": 7})
    assert AuthToken.objects.filter(user=users["admin"]).count() == 1 and refused.status_code == 200


@pytest.mark.parametrize("header", [b"Token \xff\xfe", b"Token " + "é".encode() * 40, b"Token a b", b"Token"])
def test_malformed_token_headers_are_401_not_500(db, header):
    client = factories.api_client()
    response = client.get(OUTPUTS, HTTP_AUTHORIZATION=header.decode("latin-1"))
    assert response.status_code == 401


@override_settings(AXES_FAILURE_LIMIT=3)
def test_sign_in_locks_out_after_repeated_failures_even_with_the_right_password(users, client):
    for _ in range(3):
        failed = client.post(reverse("login"), {"username": "victor", "password": "wrong"})
        assert failed.status_code in (200, 429)
    locked = client.post(reverse("login"), {"username": "victor", "password": factories.PASSWORD})
    assert locked.status_code == 429 and "_auth_user_id" not in client.session
    assert "Too many failed sign-ins" in locked.content.decode()
    other = factories.api_client()  # another account from the same address is not locked
    assert (
        other.post(reverse("login"), {"username": "rita", "password": factories.PASSWORD}).status_code == 302
    )


def test_a_successful_sign_in_resets_the_failure_count(users, client):
    for _ in range(3):
        client.post(reverse("login"), {"username": "rita", "password": "wrong"})
    assert (
        client.post(reverse("login"), {"username": "rita", "password": factories.PASSWORD}).status_code == 302
    )
    client.logout()
    for _ in range(3):
        client.post(reverse("login"), {"username": "rita", "password": "wrong"})
    assert (
        client.post(reverse("login"), {"username": "rita", "password": factories.PASSWORD}).status_code == 302
    )


def test_token_calls_are_throttled_per_user(users, monkeypatch):
    cache.clear()
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "3/minute", "anon": "2/minute"})
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"user": "3/minute", "anon": "2/minute"})
    api = factories.api_client(users["integration"])
    assert [api.get(OUTPUTS).status_code for _ in range(4)] == [200, 200, 200, 429]
    other = factories.api_client(users["viewer"])
    assert other.get(OUTPUTS).status_code == 200  # one user's budget is not another's
    throttled = api.get(OUTPUTS)
    assert throttled.status_code == 429 and int(throttled["Retry-After"]) > 0
    cache.clear()


def test_pages_carry_a_content_security_policy_without_inline_scripts(users, client):
    client.force_login(users["admin"])
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"].split()[0] == "'self'"  # plus the nonce on pages that use one
    assert "unsafe-inline" not in directives["script-src"] and "unsafe-eval" not in policy
    assert "unsafe-inline" not in directives["style-src"]  # no style attributes in markup
    # Plotly.js creates its own <style> element at run time, which no nonce reaches: only style elements may be
    # inline.
    assert [d for d, value in directives.items() if "unsafe-inline" in value] == ["style-src-elem"]
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"


def test_no_template_has_an_inline_script_and_inline_styles_carry_the_nonce():
    templates = Path(__file__).resolve().parents[2] / "templates"
    for path in templates.rglob("*.html"):
        text = path.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in tag or 'type="application/json"' in tag, (path, tag)
        for tag in re.findall(r"<style\b[^>]*>", text):
            assert "request.csp_nonce" in tag, (path, tag)
        assert not re.search(r"\son[a-z]+=\"", text), path  # no inline event handlers


def test_the_monitoring_styles_carry_a_nonce(users, client):
    client.force_login(users["viewer"])
    response = client.get(reverse("monitoring:overview"))
    assert re.search(r'<style nonce="[^"]+">', response.content.decode())
