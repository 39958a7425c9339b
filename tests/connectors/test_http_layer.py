"""The shared request path: retries, rate-limit waits, token refresh, error mapping."""

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from crmhub.connectors import CrmAuthError, CrmRateLimited, CrmUnavailable, CrmValidationError
from crmhub.connectors.base import parse_retry_after
from crmhub.models import CrmConnection

PROPS = "/crm/v3/properties/contacts"
OK_PROPS = (200, {"results": []})


def test_server_errors_are_retried_with_backoff_until_success(make_connector, transport, sleeps):
    transport.add("GET", PROPS, (503, {"message": "busy"}), (500, {"message": "oops"}), OK_PROPS)
    connector = make_connector("hubspot")
    connector.discover_schema(["contacts"])
    assert len(transport.calls("GET", PROPS)) == 3
    assert len(sleeps) == 2 and all(wait > 0 for wait in sleeps)


def test_server_errors_give_up_after_the_transient_budget(make_connector, transport):
    transport.add("GET", PROPS, (502, {"message": "bad gateway"}))
    connector = make_connector("hubspot", transient_attempts=3)
    with pytest.raises(CrmUnavailable) as caught:
        connector.discover_schema(["contacts"])
    assert caught.value.status_code == 502
    assert len(transport.calls("GET", PROPS)) == 3


def test_timeouts_become_crm_unavailable_chained_from_httpx(make_connector, transport):
    transport.add("GET", PROPS, httpx.ReadTimeout("slow"))
    connector = make_connector("hubspot", transient_attempts=2)
    with pytest.raises(CrmUnavailable) as caught:
        connector.discover_schema(["contacts"])
    assert isinstance(caught.value.__cause__, httpx.ReadTimeout)


def test_rate_limit_waits_honour_retry_after_and_spare_the_transient_budget(
    make_connector, transport, sleeps
):
    limited = (429, {"status": "error", "policyName": "TEN_SECONDLY_ROLLING", "message": "slow down"})
    transport.add(
        "GET",
        PROPS,
        (limited[0], limited[1], {"Retry-After": "3"}),
        (limited[0], limited[1], {"Retry-After": "4"}),
        (503, {"message": "busy"}),
        (503, {"message": "busy"}),
        OK_PROPS,
    )
    connector = make_connector("hubspot", transient_attempts=3)
    connector.discover_schema(["contacts"])
    assert sleeps[:2] == [3.0, 4.0]
    assert len(transport.calls("GET", PROPS)) == 5


def test_rate_limit_wait_beyond_the_maximum_raises_at_once(make_connector, transport, sleeps):
    transport.add("GET", PROPS, (429, {"policyName": "DAILY", "message": "daily"}))
    connector = make_connector("hubspot", max_rate_limit_wait=60)
    with pytest.raises(CrmRateLimited) as caught:
        connector.discover_schema(["contacts"])
    assert caught.value.retry_after == 3600.0
    assert len(transport.calls("GET", PROPS)) == 1
    assert sleeps == []


def test_bad_request_is_a_validation_error_and_not_retried(make_connector, transport):
    transport.add("GET", PROPS, (400, {"category": "VALIDATION_ERROR", "message": "nope"}))
    with pytest.raises(CrmValidationError) as caught:
        make_connector("hubspot").discover_schema(["contacts"])
    assert caught.value.provider_code == "VALIDATION_ERROR"
    assert len(transport.calls("GET", PROPS)) == 1


def test_401_refreshes_the_token_once_and_saves_it_encrypted(make_connector, transport):
    transport.add("GET", PROPS, (401, {"message": "expired"}), OK_PROPS)
    transport.add(
        "POST",
        "/oauth/v1/token",
        (200, {"access_token": "tok-2", "refresh_token": "r-2", "expires_in": 1800, "token_type": "bearer"}),
    )
    creds = {"access_token": "tok-1", "refresh_token": "r-1", "client_id": "c", "client_secret": "s"}
    connector = make_connector("hubspot", credentials=creds)
    connector.discover_schema(["contacts"])
    first, second = transport.calls("GET", PROPS)
    assert first.headers["Authorization"] == "Bearer tok-1"
    assert second.headers["Authorization"] == "Bearer tok-2"
    refresh = transport.calls("POST", "/oauth/v1/token")[0]
    assert b"grant_type=refresh_token" in refresh.content and b"refresh_token=r-1" in refresh.content
    stored = CrmConnection.objects.get(pk=connector.connection.pk)
    assert stored.credentials["access_token"] == "tok-2"
    assert stored.credentials["refresh_token"] == "r-2"
    assert stored.credentials["expires_at"] > datetime.now(UTC).timestamp() + 1700
    assert stored.history.count() == 1  # token rotation writes no history row


def test_second_401_after_refresh_is_an_auth_error(make_connector, transport):
    transport.add("GET", PROPS, (401, {"message": "expired"}))
    transport.add("POST", "/oauth/v1/token", (200, {"access_token": "tok-2", "expires_in": 1800}))
    creds = {"access_token": "tok-1", "refresh_token": "r-1", "client_id": "c", "client_secret": "s"}
    with pytest.raises(CrmAuthError):
        make_connector("hubspot", credentials=creds).discover_schema(["contacts"])
    assert len(transport.calls("POST", "/oauth/v1/token")) == 1


def test_refused_refresh_is_an_auth_error(make_connector, transport):
    transport.add("GET", PROPS, (401, {"message": "expired"}))
    transport.add("POST", "/oauth/v1/token", (400, {"status": "BAD_REFRESH_TOKEN", "message": "unknown"}))
    creds = {"access_token": "tok-1", "refresh_token": "r-1", "client_id": "c", "client_secret": "s"}
    with pytest.raises(CrmAuthError, match="token refresh refused"):
        make_connector("hubspot", credentials=creds).discover_schema(["contacts"])


def test_token_near_expiry_is_refreshed_before_the_call(make_connector, transport):
    transport.add("GET", PROPS, OK_PROPS)
    transport.add("POST", "/oauth/v1/token", (200, {"access_token": "tok-2", "expires_in": 1800}))
    soon = (datetime.now(UTC) + timedelta(seconds=20)).timestamp()
    creds = {
        "access_token": "tok-1",
        "refresh_token": "r",
        "client_id": "c",
        "client_secret": "s",
        "expires_at": soon,
    }
    make_connector("hubspot", credentials=creds).discover_schema(["contacts"])
    assert transport.calls("GET", PROPS)[0].headers["Authorization"] == "Bearer tok-2"


def test_token_refreshed_by_another_worker_is_reused(make_connector, transport):
    transport.add("GET", PROPS, (401, {"message": "expired"}), OK_PROPS)
    creds = {"access_token": "tok-1", "refresh_token": "r", "client_id": "c", "client_secret": "s"}
    connector = make_connector("hubspot", credentials=creds)
    other = CrmConnection.objects.get(pk=connector.connection.pk)
    other.credentials = {**creds, "access_token": "tok-from-worker-2"}
    other.save()
    connector.discover_schema(["contacts"])
    assert transport.calls("POST", "/oauth/v1/token") == []
    assert transport.calls("GET", PROPS)[1].headers["Authorization"] == "Bearer tok-from-worker-2"


def test_private_app_token_without_refresh_fails_with_auth_error(make_connector, transport):
    transport.add("GET", PROPS, (401, {"message": "bad token"}))
    with pytest.raises(CrmAuthError):
        make_connector("hubspot", credentials={"access_token": "pat-na1-x"}).discover_schema(["contacts"])


def test_retry_after_accepts_seconds_and_http_dates():
    assert parse_retry_after("7") == 7.0
    future = (datetime.now(UTC) + timedelta(seconds=30)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert 25 <= parse_retry_after(future) <= 31
    assert parse_retry_after("soon") is None
