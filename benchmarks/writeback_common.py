"""Shared set-up of the write-back benchmarks: PostgreSQL and Redis (started here unless DATABASE_URL and
REDIS_URL are given), a HubSpot sandbox served over HTTP, a catalog, a flow, the mirror, rqworker processes."""

import contextlib
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@contextlib.contextmanager
def servers():
    from tests.harness import postgres_server, redis_server

    with contextlib.ExitStack() as stack:
        if "DATABASE_URL" not in os.environ:
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="wb-bench-")))
            os.chmod(workdir, 0o755)
            os.environ["DATABASE_URL"] = stack.enter_context(postgres_server(workdir))
        if "REDIS_URL" not in os.environ:
            os.environ["REDIS_URL"] = stack.enter_context(redis_server())
        yield


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crmhub.test_settings")
    import django

    django.setup()
    from django.core.management import call_command

    url = os.environ["DATABASE_URL"]
    if url.startswith("postgres"):
        _create_database(url)
    call_command("migrate", verbosity=0)


def _create_database(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def build_world(
    records: int, *, limited: bool, verification_rate: float, fields: tuple[str, ...], http: bool = True
):
    """Sandbox (over HTTP unless `http` is false) + connection + catalog + flow + mirror.
    Returns (sandbox, account, flow, users)."""
    from crm_sandbox import Sandbox
    from crm_sandbox.server import serve_in_thread
    from crmhub.connectors import get_connector
    from tests import factories
    from tests.writeback.conftest import setup_flow

    sandbox = Sandbox(seed=1)
    if http:
        serve_in_thread(sandbox, port=0, admin_key="bench")
    account = sandbox.add_account("hubspot", name="bench", contacts=records, companies=max(1, records // 50))
    account.limits.enabled = limited
    if limited:
        account.limits.burst = 100
    connection = factories.make_connection(
        name=f"bench-{os.getpid()}",
        base_url=account.base_url,
        api_version=account.api_version,
        credentials={**account.credentials, "oauth_url": account.base_url},
        rate_limit_requests=100 if limited else 1_000_000,
        rate_limit_window_seconds=10 if limited else 1,
        rate_limit_reserve_percent=0,
    )
    users = factories.role_users()

    def build_connector(conn):
        return get_connector(conn) if http else get_connector(conn, transport=sandbox.transport())

    flow, _ = setup_flow(
        connection,
        account,
        build_connector,
        users,
        verification_sample_rate=verification_rate,
        lease_seconds=600,
    )
    return sandbox, account, flow, users


def post_all(flow, users, account, fields: tuple[str, ...]) -> float:
    from crmhub.writeback import services

    ids = account.record_ids("contacts")
    segments = ["smb", "mid_market", "enterprise"]
    started = time.perf_counter()
    now = account.sandbox.clock.now().isoformat()
    for start in range(0, len(ids), 1000):
        batch = []
        for n, crm_id in enumerate(ids[start : start + 1000], start=start):
            values = {"score": n % 100 + 0.5}
            if "segment" in fields:
                values["segment"] = segments[n % 3]
            batch.append(
                {
                    "flow": flow.pk,
                    "source_system": flow.source_system,
                    "object_type": "contacts",
                    "external_id": f"e-{crm_id}",
                    "identifiers": {"crm_id": crm_id},
                    "values": values,
                    "observed_at": now,
                    "idempotency_key": f"b-{n}",
                }
            )
        services.outputs_ingest(user=users["integration"], records=batch)
    return time.perf_counter() - started


def start_workers(count: int, burst: bool = True, log_path: Path | None = None) -> list[subprocess.Popen]:
    """rqworker processes on the "writeback" queue; their log (with the stage-time lines) goes to log_path."""
    env = {**os.environ, "LOG_LEVEL": "INFO"}
    # WB_WORKER_CLASS compares worker classes, e.g. rq.worker.Worker (forks per job).
    worker_class = os.environ.get("WB_WORKER_CLASS", "crmhub.writeback.worker.PipelineWorker")
    args = [sys.executable, "manage.py", "rqworker", "writeback", "--worker-class", worker_class]
    args += ["--burst"] if burst else []
    workers = []
    for _ in range(count):
        log = open(log_path, "a") if log_path else subprocess.DEVNULL  # noqa: SIM115 - lives with the worker
        workers.append(subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT))
    return workers


def worker_cpu_seconds(workers: list[subprocess.Popen]) -> float:
    """User + system CPU seconds of the worker processes and their finished work horses (read before the
    workers are killed: /proc counts a forked horse once its parent has waited for it)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for worker in workers:
        try:
            fields = Path(f"/proc/{worker.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    return total / ticks


def _proc_ticks(pid: int, children: bool) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[11 : 15 if children else 13])


def server_cpu_seconds() -> float | None:
    """CPU seconds used so far by the local PostgreSQL server: the postmaster, its live processes and the
    ones it has reaped (each job's connection is a backend that ends with the job). None when the server
    is not on this machine or its directory cannot be read."""
    from django.db import DatabaseError, connection

    if connection.vendor != "postgresql":
        return None
    try:
        with connection.cursor() as cursor:
            cursor.execute("SHOW data_directory")
            postmaster = int(Path(cursor.fetchone()[0], "postmaster.pid").read_text().split()[0])
        total = _proc_ticks(postmaster, children=True)
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == postmaster:
                    total += _proc_ticks(int(stat.parent.name), children=False)
            except (OSError, ValueError):
                continue
    except (OSError, ValueError, DatabaseError):  # not local, or not ours to read: left out
        return None
    return total / os.sysconf("SC_CLK_TCK")


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


STAGE_LINE = re.compile(r"write-back stage times: job=(\w+) records=(\d+) (.*)$")


def stage_seconds(log_path: Path) -> dict[str, float]:
    """Worker seconds per stage, summed over every job's stage-time line in the workers' log."""
    totals: dict[str, float] = {}
    for line in log_path.read_text().splitlines():
        match = STAGE_LINE.search(line)
        if not match:
            continue
        for item in match.group(3).split():
            name, seconds = item.split("=")
            totals[name] = totals.get(name, 0.0) + float(seconds)
    return totals


def wait_until_settled(timeout: float, workers: list[subprocess.Popen] = ()) -> dict:
    """Poll until no record waits for planning and no value is open; return checkpoints (seconds).
    Stops early (mark "workers_died") when a worker process exits: the figures would mean nothing."""
    from crmhub.writeback.models import OPEN_OUTCOME_STATUSES, InboundRecord, WriteOutcome

    started = time.perf_counter()
    marks = {}
    while time.perf_counter() - started < timeout:
        if any(worker.poll() is not None for worker in workers):
            marks["workers_died"] = time.perf_counter() - started
            return marks
        # exists(), not count(): counting tens of thousands of waiting records five times a second took
        # PostgreSQL CPU from the system under test.
        received = InboundRecord.objects.filter(status="received").exists()
        if not received and "planned" not in marks:
            marks["planned"] = time.perf_counter() - started
        if not received and not WriteOutcome.objects.filter(status__in=OPEN_OUTCOME_STATUSES).exists():
            marks["settled"] = time.perf_counter() - started
            return marks
        time.sleep(0.2)
    marks["timed_out"] = timeout
    return marks


def outcome_counts() -> dict:
    from django.db.models import Count, Sum

    from crmhub.writeback.models import WriteOutcome

    by_status = dict(WriteOutcome.objects.values_list("status").annotate(n=Count("id")))
    waits = WriteOutcome.objects.aggregate(rate_limited=Sum("rate_limited_count"), attempts=Sum("attempts"))
    return {"by_status": by_status, **waits}
