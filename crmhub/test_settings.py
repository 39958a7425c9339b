"""Settings for the test suite: the production settings with test secrets filled in."""

import os
import re

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("FIELD_ENCRYPTION_KEY", "dGVzdC1vbmx5LWZlcm5ldC1rZXktMDEyMzQ1Njc4OWE=")
os.environ.setdefault("CRMHUB_TESTING", "1")
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from crmhub.settings import *  # noqa: F403
from crmhub.settings import REDIS_URL as _BASE_REDIS_URL

# Parallel test workers (pytest-xdist) each get their own Redis database, so queues never mix.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker.startswith("gw"):
    REDIS_URL = re.sub(r"/\d*$", "", _BASE_REDIS_URL.rstrip("/")) + f"/{int(_worker[2:]) + 1}"
    RQ_QUEUES = {name: {**queue, "URL": REDIS_URL} for name, queue in RQ_QUEUES.items()}  # noqa: F405
    CACHES = {"default": {**CACHES["default"], "LOCATION": REDIS_URL}}  # noqa: F405

# tests.harness migrates a PostgreSQL template database and a SQLite file once per run: each test database starts
# as a copy of them (PostgreSQL's CREATE DATABASE ... TEMPLATE; on SQLite, tests/conftest.py's django_db_setup copies
# the file into the empty in-memory database Django made from the models) instead of running every migration again.
_ENGINE = DATABASES["default"]["ENGINE"]  # noqa: F405
if os.environ.get("CRMHUB_TEST_PG_TEMPLATE") and _ENGINE == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("TEST", {})["TEMPLATE"] = os.environ["CRMHUB_TEST_PG_TEMPLATE"]  # noqa: F405
if os.environ.get("CRMHUB_TEST_SQLITE_TEMPLATE") and _ENGINE == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("TEST", {})["MIGRATE"] = False  # noqa: F405
