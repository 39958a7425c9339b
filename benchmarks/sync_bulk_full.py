"""First full sync of N records (default 1,000,000) against a sandbox with its provider's documented bounds on,
as a fraction of the bound, with the syncing process's peak memory.

    .venv/bin/python -m benchmarks.sync_bulk_full --provider salesforce [--records 1000000] [--no-read-pass]
    .venv/bin/python -m benchmarks.sync_bulk_full --provider hubspot [--records 1000000]

A child process seeds the sandbox and serves it over HTTP, so this process holds only the hub: the sync
cycle (connector, mirror load into PostgreSQL, started here through tests/harness.py unless DATABASE_URL is
set). Its RSS is sampled every 20 ms; peak RSS (sampled and the kernel's ru_maxrss) is printed with a
series every 5 s to show it stays flat.

- Salesforce: the org enforces its rolling daily API allocation (100,000 requests) and the Bulk API 2.0
  allocations; the cycle's COUNT() finds the volume over SYNC_BULK_THRESHOLD and reads through one queryAll
  job, results in chunks of 50,000 by locator, each streamed and parsed as it arrives. Bulk API 2.0 has no per-second limit: its bounds are per day
  (10,000 query jobs, 1 TB of results, the API requests that fetch the chunks), far above what one machine
  mirrors. The binding bound is how fast the connector can pull the results at all, so a first pass reads
  the bulk results without syncing, in a child process of its own (the read bound, measured on the same
  sandbox; the measuring process's heap stays clean) and the sync is given as a fraction of it; the
  daily-allocation bound is printed too.
- HubSpot: the professional tier (190 requests per 10 s, 650,000 a day) with search at 5 requests per second;
  the cycle reads through search, 200 records a page: the bound is 5 x 200 = 1,000 records/s. (The hub's own
  budget takes its connection's share of search's 5 per second: all of it here, at a 0 % reserve.)
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.connector_read import RssSampler, rss_mb  # noqa: E402 - after the path is set
from benchmarks.sync_common import peak_mb  # noqa: E402

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
OBJECTS = {"salesforce": "Contact", "hubspot": "contacts"}
SEARCH_PAGE = 200
SEARCH_PER_SECOND = 5
SF_DAILY_API_REQUESTS = 100_000
SF_RESULTS_PER_REQUEST = 50_000
SF_RESULT_STORAGE_BYTES_PER_DAY = 976_562 * 2**20


def load() -> str:
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


# -- the sandbox, in a child process -------------------------------------------------------------------


def serve(provider: str, records: int) -> None:
    from crm_sandbox import Sandbox
    from crm_sandbox.limits import hubspot_tier, salesforce_bounds
    from crm_sandbox.server import serve_in_thread

    sandbox = Sandbox(seed=7)
    server = serve_in_thread(sandbox, port=0)
    started = time.monotonic()
    account = sandbox.add_account(provider, name=f"bench-{provider}", contacts=records, companies=2_000)
    if provider == "salesforce":
        salesforce_bounds(account, enforce_api_requests=True, daily_api_requests=SF_DAILY_API_REQUESTS)
    else:
        hubspot_tier(account, "professional")
    description = {
        "base_url": account.base_url,
        "api_version": account.api_version,
        "credentials": account.credentials,
        "seed_seconds": round(time.monotonic() - started, 1),
    }
    print(json.dumps(description, default=str), flush=True)
    sys.stdin.read()
    server.shutdown()


# -- the hub -----------------------------------------------------------------------------------------------


def make_connection(provider: str, description: dict):
    from crmhub.models import CrmConnection

    credentials = {**description["credentials"], "login_url": description["base_url"]}
    credentials["oauth_url"] = description["base_url"]
    return CrmConnection.objects.create(
        name=f"bench-{provider}",
        provider=provider,
        base_url=description["base_url"],
        api_version=description["api_version"],
        credentials=credentials,
        rate_limit_requests=190 if provider == "hubspot" else 100,
        rate_limit_reserve_percent=0,
    )


def connector_builder(requests: list):
    from crmhub.connectors import get_connector
    from crmhub.connectors.ratelimit import RateBudget, connection_buckets

    budgets = {}

    def build(connection):
        if connection.pk not in budgets:
            budgets[connection.pk] = RateBudget.in_memory(
                f"bench-{connection.pk}", connection_buckets(connection)
            )
        connector = get_connector(connection, rate_budget=budgets[connection.pk], timeout=300)
        requests.append(connector)
        return connector

    return build


def read_pass(description: dict, fields: list[str]) -> dict:
    """The connector alone pulling every bulk result (no database), in a process of its own so that the
    measured sync starts from a clean heap: the read bound of this machine."""
    child = subprocess.run(
        [sys.executable, "-m", "benchmarks.sync_bulk_full", "--read-pass", json.dumps([description, fields])],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return json.loads(child.stdout.strip().splitlines()[-1])


def read_pass_child(argument: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crmhub.test_settings")
    import django

    django.setup()
    from crmhub.models import CrmConnection

    description, fields = json.loads(argument)
    credentials = {**description["credentials"], "login_url": description["base_url"]}
    connection = CrmConnection(  # never saved: the pass needs no database
        name="bench-read-pass",
        provider="salesforce",
        base_url=description["base_url"],
        api_version=description["api_version"],
        credentials=credentials,
        rate_limit_requests=100,
        rate_limit_reserve_percent=0,
    )
    started, count = time.perf_counter(), 0
    with RssSampler() as sampler, connector_builder([])(connection) as connector:
        for page in connector.bulk.iter_changes("Contact", since=EPOCH, fields=fields):
            count += len(page.records) + len(page.deleted)
    seconds = time.perf_counter() - started
    print(json.dumps({"count": count, "seconds": seconds, "peak_mb": sampler.peak, "maxrss_mb": peak_mb()}))


def sync_fields(connection) -> list[str]:
    from crmhub.sync.services import mirror_fields

    return mirror_fields(connection=connection, object_name=OBJECTS[connection.provider])[0]


def run_sync(connection, build, sampler):
    from crmhub.core.connectors import connector_factory
    from crmhub.sync import services

    with connector_factory(build):
        run = services.sync_run_request(
            connection=connection, object_name=OBJECTS[connection.provider], enqueue=False
        )
        done = threading.Event()
        threading.Thread(target=progress, args=(run.pk, sampler, done), daemon=True).start()
        try:
            return services.sync_run_execute(run_id=run.pk)
        finally:
            done.set()


def progress(run_id: int, sampler, done: threading.Event) -> None:
    """A line a minute (read from the run's committed counters), so a run cut short still tells its figures."""
    from django.db import connection as db

    from crmhub.sync.models import SyncRun

    started = time.perf_counter()
    try:
        while not done.wait(60):
            read = SyncRun.objects.filter(pk=run_id).values_list("records_read", flat=True).first() or 0
            elapsed = time.perf_counter() - started
            print(
                f"  {read:,} committed after {elapsed:.0f}s = {read / elapsed:,.0f} records/s; RSS {rss_mb():.0f} MB "
                f"(peak {sampler.peak:.0f}); load {load()}",
                flush=True,
            )
    finally:
        db.close()


def body(args) -> None:
    from mappings_app.schema_sync import crm_schema_sync

    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "benchmarks.sync_bulk_full",
            "--serve",
            args.provider,
            "--records",
            str(args.records),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        description = json.loads(child.stdout.readline())
        print(
            f"sandbox seeded with {args.records:,} {args.provider} contacts in {description['seed_seconds']}s",
            flush=True,
        )
        connection = make_connection(args.provider, description)
        connectors: list = []
        build = connector_builder(connectors)
        with build(connection) as connector:
            crm_schema_sync(
                connection=connection, schemas=connector.discover_schema([OBJECTS[args.provider]])
            )
        read_bound = None
        if args.provider == "salesforce" and args.read_pass:
            measured = read_pass(description, sync_fields(connection))
            read_bound = measured["count"] / measured["seconds"]
            print(
                f"read pass (connector only, own process): {measured['count']:,} records in "
                f"{measured['seconds']:.0f}s = {read_bound:,.0f} records/s; its peak RSS {measured['peak_mb']:.0f} MB "
                f"(ru_maxrss {measured['maxrss_mb']:.0f} MB); load {load()}",
                flush=True,
            )
        connectors.clear()
        baseline = rss_mb()
        print(f"sync starts: RSS {baseline:.0f} MB, load {load()}", flush=True)
        started = time.perf_counter()
        with RssSampler() as sampler:
            run = run_sync(connection, build, sampler)
        seconds = time.perf_counter() - started
        report(args, run, seconds, baseline, sampler, read_bound, sum(c.request_count for c in connectors))
    finally:
        child.stdin.close()
        child.wait(timeout=60)


def report(args, run, seconds, baseline, sampler, read_bound, requests) -> None:
    rate = run.records_read / seconds
    print(
        f"{args.provider} first full sync: {run.status} through {run.get_read_path_display()}; "
        f"{run.records_created:,} created of {run.records_read:,} read in {seconds:.0f}s = {rate:,.0f} records/s; "
        f"{requests:,} API requests; load {load()}",
        flush=True,
    )
    if run.error:
        print(f"error: {run.error[:500]}")
    if args.provider == "hubspot":
        bound = SEARCH_PER_SECOND * SEARCH_PAGE
        print(
            f"bound: search {SEARCH_PER_SECOND}/s x {SEARCH_PAGE} = {bound:,} records/s; achieved {rate / bound:.2f} of it"
        )
    else:
        row_bytes = 150
        allocation = min(
            SF_DAILY_API_REQUESTS * SF_RESULTS_PER_REQUEST, SF_RESULT_STORAGE_BYTES_PER_DAY // row_bytes
        )
        print(
            f"daily-allocation bound: {allocation / 86_400:,.0f} records/s (min of {SF_DAILY_API_REQUESTS:,} requests x "
            f"{SF_RESULTS_PER_REQUEST:,} records and 1 TB of results at ~{row_bytes} B a row, per day); "
            f"achieved {rate / (allocation / 86_400):.4f} of it"
        )
        if read_bound:
            print(
                f"read bound (connector alone, same sandbox): {read_bound:,.0f} records/s; achieved {rate / read_bound:.2f} of it"
            )
    print(
        f"syncing process RSS: baseline {baseline:.0f} MB, peak {sampler.peak:.0f} MB sampled "
        f"(ru_maxrss {peak_mb():.0f} MB); every 5 s: {[round(rss) for _, rss in sampler.series]}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--provider", choices=sorted(OBJECTS), default="salesforce")
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--no-read-pass", dest="read_pass", action="store_false")
    parser.add_argument("--serve", choices=sorted(OBJECTS))
    parser.add_argument("--read-pass", dest="read_pass_of", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.records)
        return
    if args.read_pass_of:
        read_pass_child(args.read_pass_of)
        return
    from benchmarks.writeback_common import servers, setup_django

    with servers():
        setup_django()
        body(args)


if __name__ == "__main__":
    main()
