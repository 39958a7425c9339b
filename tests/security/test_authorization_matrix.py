"""The authorization matrix: every URL pattern of the project (walked from the URL resolver) and every API
operation, requested by each role and anonymously.

- anonymous visitors reach only the sign-in page (and the webhook receivers, which check signatures);
- no role ever gets a server error;
- viewers change nothing: every unsafe request of theirs is refused;
- integrations (token-only accounts, which cannot sign in: see tests/ui) post nothing through pages."""

import re
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests import factories
from tests.database import row_counts, rows_for_the_module

pytestmark = pytest.mark.database_neutral  # who may call what: the SQLite pass leaves it out

ROLES = ["admin", "reviewer", "viewer", "integration"]
SKIPPED_PREFIXES = ("admin/", "django-rq/", "static/")
PUBLIC = {"accounts/login/"}
# Pages anyone signed in may post to: their own session and their own API tokens.
PERSONAL = {"accounts/logout/", "accounts/tokens/", "accounts/tokens/<str:pk>/revoke/"}
SAMPLE_ARGS = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "uuid": "00000000-0000-0000-0000-000000000001",
    "path": "x",
}


def _patterns(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route


def _concrete(route: str) -> str:
    path = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE_ARGS[m.group(1) or "str"], route)
    path = path.replace("^", "").replace("$", "").replace("\\Z", "")
    return "/" + path


ROUTES = sorted(
    {route for route in _patterns() if not route.startswith(SKIPPED_PREFIXES) and "(?P" not in route}
)
PAGES = [route for route in ROUTES if not route.startswith(("api/", "webhooks/"))]
API = [route for route in ROUTES if route.startswith("api/")]


@dataclass(frozen=True)
class Credentials:
    """Each role's session key (as force_login leaves it) and API token, made once for the module: they live in its
    transaction, and what a test's requests change in them is rolled back with the test."""

    sessions: dict[str, str]
    tokens: dict[str, str]


def _people() -> Credentials:
    from monitoring_app.services import alert_rules_ensure_defaults

    alert_rules_ensure_defaults()  # the rules page seeds the default rules on first view
    users = factories.role_users()
    sessions = {}
    for role in ROLES:
        browser = Client()
        browser.force_login(users[role])
        sessions[role] = browser.cookies[settings.SESSION_COOKIE_NAME].value
    return Credentials(sessions, {role: factories.make_token(users[role]) for role in ROLES})


@pytest.fixture(scope="module")
def module_credentials(django_db_setup, django_db_blocker):
    with rows_for_the_module(django_db_blocker, _people) as made:
        yield made


@pytest.fixture
def credentials(module_credentials, db) -> Credentials:
    return module_credentials


def _signed_in(client, credentials: Credentials, role: str):
    """The client as the role's signed-in browser: its session cookie alone (a logout clears every cookie)."""
    client.cookies.clear()
    client.cookies[settings.SESSION_COOKIE_NAME] = credentials.sessions[role]
    return client


def test_the_matrix_covers_the_project():
    assert len(PAGES) > 40 and len(API) > 20
    assert "sync/webhooks/" in PAGES and "api/v1/outputs/" in API


@pytest.mark.parametrize("route", PAGES)
def test_pages_need_a_sign_in_and_never_fail_for_any_role(credentials, client, route):
    path = _concrete(route)
    anonymous = client.get(path)
    if route in PUBLIC:
        assert anonymous.status_code == 200
    else:
        assert anonymous.status_code in (302, 404, 405), anonymous.status_code
        if anonymous.status_code == 302:
            assert anonymous["Location"].startswith("/accounts/login/")
    for role in ROLES:
        response = _signed_in(client, credentials, role).get(path)
        assert response.status_code < 500, (role, response.status_code)


def _rows() -> dict[str, int]:
    return row_counts(leave_out=("sessions", "axes", "admin", "contenttypes", "django_rq"))


@pytest.mark.parametrize("route", [r for r in PAGES if r not in PUBLIC | PERSONAL])
def test_viewers_and_integrations_change_nothing_through_pages(credentials, client, route):
    path = _concrete(route)
    before = _rows()  # signing in writes none of the rows counted, so one count serves both roles
    for role in ("viewer", "integration"):
        response = _signed_in(client, credentials, role).post(
            path, {"action": "approve", "decision": "link", "ids": ["1"]}
        )
        assert response.status_code < 500, (role, response.status_code)
        assert _rows() == before, (role, response.status_code)


@pytest.mark.parametrize("route", API)
def test_api_needs_a_token_and_viewers_write_nothing(credentials, route):
    path = _concrete(route)
    anonymous = factories.api_client()
    for method in ("get", "post", "put", "patch", "delete"):
        response = getattr(anonymous, method)(path, {}, format="json")
        assert response.status_code in (401, 403, 404, 405), (method, response.status_code)
    for role in ROLES:
        api = factories.api_client()
        api.credentials(HTTP_AUTHORIZATION=f"Token {credentials.tokens[role]}")
        for method in ("get", "post", "put", "patch", "delete"):
            response = getattr(api, method)(path, {}, format="json")
            assert response.status_code < 500, (role, method, response.status_code)
            if role == "viewer" and method != "get":
                assert response.status_code in (403, 404, 405), (role, method, response.status_code)


@pytest.mark.parametrize("route", [r for r in ROUTES if r.startswith("webhooks/")])
def test_webhook_receivers_refuse_unsigned_calls(db, client, route):
    response = client.post(_concrete(route), b"{}", content_type="application/json")
    assert 400 <= response.status_code < 500
