"""Write 100,000 records through the HubSpot connector against a sandbox limited to 100 requests per 10 s.

    python benchmarks/connector_write.py [--records 100000] [--workers 2] [--limit 100] [--window 10]

Batches of 100 (HubSpot's batch-update maximum), so the bound is limit * 100 / window records/s
(1,000/s by default). The sandbox runs in this process on the real clock, behind its httpx transport,
with its HubSpot burst limit set to `limit` per `window` seconds (a rolling window, as HubSpot's
TEN_SECONDLY_ROLLING). The connector uses the Redis-backed budget of its connection: a redis-server is
started on a free loopback port for the run. The connection's rate_limit_reserve_percent is 0 here, so
the budget may use the whole provider limit. `--workers` threads write disjoint slices, each with its own
connector and its own RateBudget instance: they share the window only through Redis.

Reported: achieved records/s as a fraction of the bound (and, conservatively, against the rolling
window's true ceiling of limit * (1 + T / window) requests in T seconds), every write result by status
(the target is no failed write), the 429s the sandbox answered, the sandbox's own busy time (to tell a
CPU-starved sandbox from a budget that holds back too much), and a check that every value reached the store.
"""

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BATCH = 100


def setup_django() -> None:
    if "DATABASE_URL" not in os.environ:
        path = Path(tempfile.gettempdir()) / "connector-write-bench.sqlite3"
        path.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crmhub.test_settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_redis() -> tuple[subprocess.Popen, str]:
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server is not installed")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    import redis

    client = redis.Redis(host="127.0.0.1", port=port)
    for _ in range(100):
        try:
            client.ping()
            return process, f"redis://127.0.0.1:{port}/0"
        except redis.ConnectionError:
            time.sleep(0.05)
    process.terminate()
    raise SystemExit("redis-server did not start")


class CountingTransport(httpx.BaseTransport):
    """Counts the sandbox's answers by status (429s included), thread-safely."""

    def __init__(self, inner: httpx.BaseTransport):
        self.inner = inner
        self.statuses: Counter = Counter()
        self.first_sent: float | None = None
        self.last_answered = 0.0
        self.busy_seconds = 0.0  # summed request latency: how long the sandbox itself took to answer
        self._lock = threading.Lock()

    def handle_request(self, request):
        sent = time.monotonic()
        with self._lock:
            if self.first_sent is None:
                self.first_sent = sent
        response = self.inner.handle_request(request)
        with self._lock:
            self.statuses[response.status_code] += 1
            self.last_answered = time.monotonic()
            self.busy_seconds += self.last_answered - sent
        return response


def make_connection(account, *, limit: int, window: int):
    from crmhub.models import CrmConnection

    return CrmConnection.objects.create(
        name="bench-hubspot-write",
        provider="hubspot",
        base_url=account.base_url,
        api_version=account.api_version,
        credentials=dict(account.credentials),
        rate_limit_requests=limit,
        rate_limit_window_seconds=window,
        rate_limit_reserve_percent=0,
    )


def write_slice(connection, transport, redis_url: str, updates: list, results: Counter, errors: list) -> None:
    from crmhub.connectors import get_connector
    from crmhub.connectors.ratelimit import RateBudget

    budget = RateBudget.for_connection(connection, redis_url=redis_url)
    try:
        with get_connector(connection, transport=transport, rate_budget=budget) as connector:
            for start in range(0, len(updates), 10 * BATCH):
                for result in connector.write("contacts", updates[start : start + 10 * BATCH]):
                    results[result.status.value] += 1
    except Exception as exc:  # a benchmark reports every failure, it does not hide one
        errors.append(repr(exc))


def progress(results: Counter, total: int, started: float, done: threading.Event) -> None:
    while not done.wait(10):
        written = sum(results.values())
        elapsed = time.monotonic() - started
        print(
            f"  {written:,}/{total:,} results after {elapsed:.0f} s ({written / elapsed:,.0f} records/s)",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=100, help="sandbox requests per window")
    parser.add_argument("--window", type=int, default=10, help="window seconds")
    options = parser.parse_args()
    setup_django()
    from crm_sandbox import Sandbox
    from crmhub.connectors import RecordUpdate

    redis_process, redis_url = start_redis()
    try:
        sandbox = Sandbox(seed=7)
        account = sandbox.add_account(
            "hubspot", name="bench-write", contacts=options.records, companies=2_000, deals_per_company=1
        )
        account.limits.burst = options.limit
        account.limits.window_s = float(options.window)
        connection = make_connection(account, limit=options.limit, window=options.window)
        stamp = datetime.now(UTC).replace(microsecond=0)
        ids = account.record_ids("contacts")[: options.records]
        updates = [
            RecordUpdate(
                rid, {"ai_score": (number % 1000) / 10, "ai_score_updated_at": stamp, "ai_segment": "smb"}
            )
            for number, rid in enumerate(ids)
        ]
        transport = CountingTransport(sandbox.transport())
        results: Counter = Counter()
        errors: list[str] = []
        slices = [updates[worker :: options.workers] for worker in range(options.workers)]
        print(
            f"load average before: {os.getloadavg()} (cpus: {os.cpu_count()}); writing {len(updates):,} records, "
            f"{options.workers} workers, sandbox limit {options.limit}/{options.window}s, "
            f"rate_limit_reserve_percent=0, budget in Redis at {redis_url}",
            flush=True,
        )
        started, done = time.monotonic(), threading.Event()
        reporter = threading.Thread(target=progress, args=(results, len(updates), started, done), daemon=True)
        reporter.start()
        threads = [
            threading.Thread(
                target=write_slice, args=(connection, transport, redis_url, part, results, errors)
            )
            for part in slices
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        done.set()
        elapsed = transport.last_answered - transport.first_sent
        bound = options.limit * BATCH / options.window
        achieved = len(updates) / elapsed
        # A rolling window allows limit * (1 + T / window) requests in any T seconds (a burst at each end),
        # so counting one extra window is the ceiling no client can beat: the conservative figure.
        steady = len(updates) / (elapsed + options.window)
        stored = sum(
            1
            for number, rid in enumerate(ids)
            if account.get_record("contacts", rid).get("ai_score") == f"{(number % 1000) / 10:g}"
        )
        print(f"load average after: {os.getloadavg()}")
        print(f"write results: {dict(results)}   errors: {errors or 'none'}")
        requests = sum(transport.statuses.values())
        print(
            f"sandbox answers by status: {dict(transport.statuses)}; mean answer time "
            f"{1000 * transport.busy_seconds / requests:.0f} ms, the sandbox busy for {transport.busy_seconds:.0f} s"
        )
        print(f"values in the store: {stored:,}/{len(updates):,}")
        print(
            f"{len(updates):,} records in {elapsed:.1f} s: {achieved:,.0f} records/s; "
            f"bound {bound:,.0f}/s; fraction {achieved / bound:.3f}"
        )
        print(
            f"against the rolling window's ceiling (one extra window): {steady:,.0f} records/s; "
            f"fraction {steady / bound:.3f}"
        )
    finally:
        redis_process.terminate()
        redis_process.wait(timeout=10)


if __name__ == "__main__":
    main()
