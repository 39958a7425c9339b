"""Real Redis, real `rqworker` processes, a real HTTP sandbox: kill -9 workers mid-batch, several times.

Afterwards every inbound value has exactly one final outcome, and the CRM shows each value written exactly
once (no duplicate, nothing missing). Runs under `python -m tests.harness` (PostgreSQL + Redis)."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection as db_connection

from crm_sandbox import Sandbox
from crm_sandbox.server import serve_in_thread
from crmhub.writeback import services
from crmhub.writeback.models import OPEN_OUTCOME_STATUSES, InboundRecord, OutcomeStatus, WriteOutcome
from crmhub.writeback.worker import WORKER_CLASS_PATH
from tests import factories
from tests.writeback.conftest import SOURCE, setup_flow

ROOT = Path(__file__).resolve().parents[2]
RECORDS = 240
BATCH = 20

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


def _servers_available() -> str:
    if not os.environ.get("CRMHUB_TEST_SERVERS"):
        return "needs real PostgreSQL and Redis: run under `python -m tests.harness`"
    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return "rqworker processes must share the test database, which only PostgreSQL allows"
    return ""


def _worker_env() -> dict:
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "crmhub.test_settings"}


def _start_worker(env: dict, burst: bool = False) -> subprocess.Popen:
    args = [sys.executable, "manage.py", "rqworker", "writeback", "--worker-class", WORKER_CLASS_PATH]
    args += ["--burst"] if burst else []
    log = open(os.environ.get("CRMHUB_WORKER_LOG", os.devnull), "a")  # noqa: SIM115 - lives as long as the worker
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


@pytest.fixture
def live_crm(transactional_db):
    why = _servers_available()
    if why:
        pytest.skip(why)
    import django_rq

    queue = django_rq.get_queue("writeback")
    queue.connection.flushdb()
    sandbox = Sandbox(seed=5)
    server = serve_in_thread(sandbox, port=0, admin_key="k")
    account = sandbox.add_account("hubspot", name="crash", contacts=RECORDS, companies=5)
    account.faults.set(latency_ms=15)
    account.limits.enabled = False
    yield sandbox, account
    server.shutdown()


def test_killed_workers_lose_nothing_and_write_nothing_twice(live_crm):
    sandbox, account = live_crm
    connection = factories.make_connection(
        name="crash-hubspot",
        base_url=account.base_url,
        api_version=account.api_version,
        credentials={**account.credentials, "oauth_url": account.base_url},
        rate_limit_requests=10_000,
        rate_limit_reserve_percent=0,
    )
    from crmhub.connectors import get_connector

    users = factories.role_users()
    flow, _ = setup_flow(connection, account, get_connector, users, lease_seconds=3.0)
    ids = account.record_ids("contacts")
    start_ms = sandbox.clock.now().timestamp() * 1000
    db_connection.close()  # the workers get their own connections; ours reopens on demand
    env = _worker_env()
    workers = [_start_worker(env), _start_worker(env)]
    started = time.monotonic()
    records = [
        {
            "flow": flow.pk,
            "source_system": SOURCE,
            "object_type": "contacts",
            "external_id": f"ext-{crm_id}",
            "identifiers": {"crm_id": crm_id},
            "values": {"score": n},
            "observed_at": sandbox.clock.now().isoformat(),
            "idempotency_key": f"crash-{n}",
        }
        for n, crm_id in enumerate(ids)
    ]
    for start in range(0, RECORDS, BATCH):
        services.outputs_ingest(user=users["integration"], records=records[start : start + BATCH])
    kills = 0
    rng = random.Random(3)
    try:
        while kills < 4:
            time.sleep(rng.uniform(0.4, 1.2))
            victim = workers.pop(rng.randrange(len(workers)))
            victim.send_signal(signal.SIGKILL)
            victim.wait()
            kills += 1
            workers.append(_start_worker(env))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and _unfinished() > 0:
            time.sleep(1.0)
            services.stalled_work_recover()
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGKILL)
            worker.wait()
    assert _unfinished() == 0, f"{_unfinished()} values still open after {time.monotonic() - started:.0f}s"
    assert kills == 4
    outcomes = list(WriteOutcome.objects.select_related("inbound"))
    assert InboundRecord.objects.count() == RECORDS
    assert len(outcomes) == RECORDS  # one value per record: exactly one outcome each
    assert {o.status for o in outcomes} == {OutcomeStatus.WRITTEN_VERIFIED}
    for outcome in outcomes:
        crm_id = outcome.inbound.crm_id
        ours = [
            e
            for e in account.history("contacts", crm_id)
            if e.actor.kind == "integration" and e.at_ms > start_ms
        ]
        fresh = [e for e in ours if e.field == "ai_score_updated_at"]
        assert len(fresh) == 1, f"{crm_id}: {len(fresh)} writes"
        assert float(account.get_record("contacts", crm_id)["ai_score"]) == outcome.planned_value


def _unfinished() -> int:
    open_values = WriteOutcome.objects.filter(status__in=OPEN_OUTCOME_STATUSES).count()
    waiting = InboundRecord.objects.filter(status="received").count()
    return open_values + waiting
