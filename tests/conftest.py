import os
from pathlib import Path

import pytest

from tests import factories


@pytest.fixture(scope="session", autouse=True)
def _no_stray_database_sessions(django_db_setup, django_db_blocker):
    """Threads (live servers, in-process HTTP sandboxes) can leave their own connections open; PostgreSQL then
    refuses to drop the test database at the end of the session. End them first."""
    yield
    with django_db_blocker.unblock():
        from django.db import connection

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
        connection.close()


@pytest.fixture(autouse=True)
def _no_mirror_index_across_tests():
    """A test that turns on in-memory mirror indexes (directly or through the RQ worker class) must not leave
    them to the next test: its rolled-back rows may share ids with the next test's."""
    yield
    from identity_app import mirror_index

    mirror_index.keep_in_memory(False)


@pytest.fixture(autouse=True)
def _connector_requests_follow_the_specs(monkeypatch):
    """Every HubSpot or Pipedrive request a connector sends in a test is checked against the CRM's official
    OpenAPI file (vendored in tests/specs/) before the sandbox or a scripted transport answers it."""
    import httpx

    from crmhub.connectors.base import CrmConnector
    from tests.sandbox.openapi_support import SpecCheckedTransport

    original = CrmConnector.__init__

    def checked_init(self, connection, *, transport=None, **kwargs):
        inner = transport if transport is not None else httpx.HTTPTransport()
        original(self, connection, transport=SpecCheckedTransport(inner), **kwargs)

    monkeypatch.setattr(CrmConnector, "__init__", checked_init)


@pytest.fixture
def users(db):
    """One user per role: admin, approver (a second sales-ops admin), reviewer, viewer, integration."""
    return factories.role_users()


@pytest.fixture
def connection(db):
    return factories.make_connection()


@pytest.fixture
def contact_fields(connection):
    return factories.make_contact_schema(connection)


# Headless Chromium (Debian's, never a downloaded one) driven by Playwright against a live server.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

# Playwright's sync API runs an event loop in this thread; the live server's ORM calls happen elsewhere.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


# One Playwright instance per test process: a second sync_playwright() while one runs is refused.
@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    yield page
    context.close()


@pytest.fixture
def sign_in(page, live_server):
    def sign_in_as(username: str, password: str):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        return page

    return sign_in_as
