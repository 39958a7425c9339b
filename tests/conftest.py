import json
import os
import sqlite3
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from filelock import FileLock

from tests import factories
from tests.harness import migrating


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database; on SQLite under tests.harness, with the harness's migrated file copied over
    the tables Django made from the models (see crmhub/test_settings.py): the migrations' own objects (triggers)
    and rows come with it, as a full migrate would make them."""
    template = os.environ.get("CRMHUB_TEST_SQLITE_TEMPLATE")
    with django_db_blocker.unblock():
        from django.contrib.contenttypes.models import ContentType
        from django.db import connection

        if template and connection.vendor == "sqlite":
            connection.ensure_connection()
            source = sqlite3.connect(f"file:{template}?mode=ro", uri=True)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
            ContentType.objects.clear_cache()
    yield


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


@pytest.fixture(scope="session")
def migrated_sqlite_file(tmp_path_factory) -> Path:
    """A SQLite file with every migration applied, made by `manage.py migrate` once for the run: the parallel workers
    share it (a full migrate costs ~25 s of CPU). Copy it before use; never write to it."""
    if os.environ.get("CRMHUB_TEST_SQLITE_TEMPLATE"):
        return _harness_template(Path(os.environ["CRMHUB_TEST_SQLITE_TEMPLATE"]))
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    path = shared / "migrated.sqlite3"
    with FileLock(str(shared / "migrated.sqlite3.lock")):
        if not path.exists():
            partial = shared / "migrated.sqlite3.partial"
            partial.unlink(missing_ok=True)
            run = migrating(
                f"sqlite:///{partial}", dict(os.environ), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
            )
            output, _ = run.communicate(timeout=600)
            assert run.returncode == 0, output.decode(errors="replace")[-2000:]
            partial.rename(path)
    return path


@pytest.fixture
def latest_schema_afterwards():
    """For a test that migrates the test database back: every migration applied again after it, so that the tests
    the worker runs next find today's schema."""
    yield
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _harness_template(template: Path, wait_seconds: float = 600) -> Path:
    """tests.harness migrates the file while the PostgreSQL pass runs: it appears once complete."""
    deadline = time.monotonic() + wait_seconds
    while not template.exists():
        if template.with_suffix(".failed").exists() or time.monotonic() > deadline:
            pytest.fail(f"the harness's SQLite template {template} was not made (see the harness's output)")
        time.sleep(0.2)
    return template


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


def pytest_addoption(parser):
    parser.addoption(
        "--second-database-pass",
        action="store_true",
        help="the harness's second pass, on SQLite: only the tests that use the database (a test that never touches "
        "it proves nothing new on a second one), none marked database_neutral, and only the admin's case of a "
        "test marked database_neutral_roles",
    )


# What opens the database to a test in pytest-django: these fixtures, the django_db mark, or a Django TestCase with
# databases. Without one of them, a test that reaches the database fails ("Database access not allowed").
DATABASE_FIXTURES = {
    "_django_db_helper",
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
    "django_db_setup",
    "django_db_blocker",
}
# Autouse fixtures every test has that reach django_db_setup or django_db_blocker without opening the database to it.
NOT_A_DATABASE_USE = {"_no_stray_database_sessions", "_django_setup_unittest"}


def uses_database(item) -> bool:
    if item.get_closest_marker("django_db"):
        return True
    cls = getattr(item, "cls", None)
    if cls is not None:
        from django.test import SimpleTestCase

        if issubclass(cls, SimpleTestCase) and cls.databases:
            return True
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return True  # not a plain pytest function: keep it
    pending = [name for name in info.initialnames if name not in NOT_A_DATABASE_USE]
    seen = set()
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        if name in DATABASE_FIXTURES:
            return True
        for fixturedef in info.name2fixturedefs.get(name, ()):
            pending.extend(arg for arg in fixturedef.argnames if arg not in NOT_A_DATABASE_USE)
    return False


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
    if config.getoption("--second-database-pass"):
        kept, dropped = [], []
        for item in items:
            (kept if _worth_a_second_database(item) else dropped).append(item)
        if dropped:
            config.hook.pytest_deselected(items=dropped)
            items[:] = kept
    longest_files_first(items)


FILE_SECONDS = Path(__file__).with_name("file_seconds.json")  # written by tests/file_seconds.py
SECONDS_A_TEST = 0.3  # the suite's average, for a file not measured there


def longest_files_first(items) -> None:
    """Whole files, the longest first: the harness's workers take files in this order (xdist's loadfile, without
    its own reordering by number of tests), so a long file with few tests is not started last, holding one worker
    while the others wait. A file's tests keep their order."""
    measured = json.loads(FILE_SECONDS.read_text()) if FILE_SECONDS.exists() else {}
    paths = [item.nodeid.split("::", 1)[0] for item in items]
    counts = Counter(paths)
    cost = {path: measured.get(path, SECONDS_A_TEST * count) for path, count in counts.items()}
    order = sorted(range(len(items)), key=lambda index: (-cost[paths[index]], paths[index], index))
    items[:] = [items[index] for index in order]


def _worth_a_second_database(item) -> bool:
    if item.get_closest_marker("database_neutral") or not uses_database(item):
        return False
    if item.get_closest_marker("database_neutral_roles"):
        callspec = getattr(item, "callspec", None)
        return callspec is None or callspec.params.get("role", "admin") == "admin"
    return True


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
        # Until the page the sign-in leads to has loaded (networkidle would add half a second of silence).
        with page.expect_navigation():
            page.click("button[type=submit]")
        return page

    return sign_in_as
