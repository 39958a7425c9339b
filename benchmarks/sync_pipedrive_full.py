"""First full sync of a large Pipedrive set (default 200,000 persons) against Pipedrive's token budget, as a
fraction of the bound, with the syncing process's peak memory.

    .venv/bin/python -m benchmarks.sync_pipedrive_full [--records 200000] [--tokens-per-window 400]
                                                       [--daily-tokens 300000] [--no-read-pass]

A child process seeds the sandbox and serves it over HTTP with Pipedrive's token bounds on
(`crm_sandbox/limits.py`: every request spends its endpoint's token cost from a 2-second window and from the
company's daily budget; 429 with Retry-After past either). This process runs the sync cycle (connector, mirror
load into PostgreSQL 15 started through tests/harness.py unless DATABASE_URL is set) with the connection's
budget set to the same tokens per window and per day, and samples its own RSS every 20 ms.

The cycle reads v2 `GET /persons` sorted by update_time, 500 a page, 10 tokens a page, restarting the window at
the newest update time after each page, pages read ahead while the previous ones are mirrored. Bounds:
- the 2-second window: tokens per window / 2 s / 10 tokens x 500 records (10,000 records/s at 400 tokens);
- the daily budget: daily tokens / 10 x 500 records a day; the run prints the share of it the sync spent;
- the read bound of this machine: the connector alone reading every page (no database), measured first in a
  process of its own on the same sandbox (off with --no-read-pass).
The sync is printed as a fraction of the window bound and of the read bound.
"""

import argparse
import json
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.connector_read import RssSampler, rss_mb  # noqa: E402 - after the path is set
from benchmarks.sync_bulk_full import load, progress  # noqa: E402
from benchmarks.sync_common import peak_mb  # noqa: E402

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
OBJECT = "persons"
PAGE = 500
LIST_TOKENS = 10
WINDOW_S = 2


# -- the sandbox, in a child process -------------------------------------------------------------------


def serve(args) -> None:
    from crm_sandbox import Sandbox
    from crm_sandbox.limits import pipedrive_token_bounds
    from crm_sandbox.server import serve_in_thread

    sandbox = Sandbox(seed=7)
    server = serve_in_thread(sandbox, port=0)
    started = time.monotonic()
    account = sandbox.add_account("pipedrive", name="bench-pipedrive", contacts=args.records, companies=2_000)
    pipedrive_token_bounds(
        account, tokens_per_window=args.tokens_per_window, window_s=WINDOW_S, daily_tokens=args.daily_tokens
    )
    description = {
        "base_url": account.base_url,
        "credentials": {**account.credentials, "api_user_id": account.integration_user_id},
        "seed_seconds": round(time.monotonic() - started, 1),
    }
    print(json.dumps(description, default=str), flush=True)
    sys.stdin.read()
    server.shutdown()


# -- the hub -----------------------------------------------------------------------------------------------


def connection_for(description: dict, args, *, saved: bool):
    from crmhub.models import CrmConnection

    connection = CrmConnection(
        name="bench-pipedrive",
        provider="pipedrive",
        base_url=description["base_url"],
        credentials=description["credentials"],
        rate_limit_requests=args.tokens_per_window,  # Pipedrive's window counts tokens
        rate_limit_window_seconds=WINDOW_S,
        rate_limit_reserve_percent=0,
        daily_request_budget=args.daily_tokens,
    )
    if saved:
        connection.save()
    return connection


def connector_builder(budgets: dict, connectors: list):
    from crmhub.connectors import get_connector
    from crmhub.connectors.ratelimit import RateBudget, connection_buckets

    def build(connection):
        key = connection.pk or "read-pass"
        if key not in budgets:
            budgets[key] = RateBudget.in_memory(
                f"bench-{key}", connection_buckets(connection), window_in_tokens=True, daily_reserve_percent=0
            )
        connector = get_connector(connection, rate_budget=budgets[key], timeout=300)
        connectors.append(connector)
        return connector

    return build


def read_pass(description: dict, args, fields: list[str]) -> dict:
    """The connector alone reading every page (no database), in a process of its own."""
    argument = json.dumps([description, vars(args), fields])
    child = subprocess.run(
        [sys.executable, "-m", "benchmarks.sync_pipedrive_full", "--read-pass", argument],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return json.loads(child.stdout.strip().splitlines()[-1])


def read_pass_child(argument: str) -> None:
    from benchmarks.writeback_common import setup_django

    setup_django()
    description, options, fields = json.loads(argument)
    args = argparse.Namespace(**options)
    connection = connection_for(description, args, saved=False)  # the pass needs no database
    started, count = time.perf_counter(), 0
    with RssSampler() as sampler, connector_builder({}, [])(connection) as connector:
        for page in connector.iter_changes(OBJECT, since=EPOCH, fields=fields):
            count += len(page)
    seconds = time.perf_counter() - started
    print(json.dumps({"count": count, "seconds": seconds, "peak_mb": sampler.peak}))


def run_sync(connection, build, sampler):
    from crmhub.core.connectors import connector_factory
    from crmhub.sync import services

    with connector_factory(build):
        run = services.sync_run_request(connection=connection, object_name=OBJECT, enqueue=False)
        done = threading.Event()
        threading.Thread(target=progress, args=(run.pk, sampler, done), daemon=True).start()
        try:
            return services.sync_run_execute(run_id=run.pk)
        finally:
            done.set()


def body(args) -> None:
    from crmhub.sync.services import mirror_fields
    from mappings_app.schema_sync import crm_schema_sync

    child = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.sync_pipedrive_full", "--serve", *serve_options(args)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        description = json.loads(child.stdout.readline())
        print(
            f"sandbox seeded with {args.records:,} Pipedrive persons in {description['seed_seconds']}s",
            flush=True,
        )
        connection = connection_for(description, args, saved=True)
        budgets: dict = {}
        connectors: list = []
        build = connector_builder(budgets, connectors)
        with build(connection) as connector:
            crm_schema_sync(connection=connection, schemas=connector.discover_schema([OBJECT]))
        fields = mirror_fields(connection=connection, object_name=OBJECT)[0]
        read_bound = None
        if args.read_pass:
            measured = read_pass(description, args, fields)
            read_bound = measured["count"] / measured["seconds"]
            print(
                f"read pass (connector only, own process): {measured['count']:,} records in "
                f"{measured['seconds']:.0f}s = {read_bound:,.0f} records/s; its peak RSS {measured['peak_mb']:.0f} MB; "
                f"load {load()}",
                flush=True,
            )
            time.sleep(WINDOW_S)  # the sync starts with a full window
        connectors.clear()
        tokens_before = budgets[connection.pk].remaining("daily")
        baseline = rss_mb()
        print(f"sync starts: RSS {baseline:.0f} MB, load {load()}", flush=True)
        started = time.perf_counter()
        with RssSampler() as sampler:
            run = run_sync(connection, build, sampler)
        seconds = time.perf_counter() - started
        tokens = tokens_before - budgets[connection.pk].remaining("daily")
        report(
            args,
            run,
            seconds,
            baseline,
            sampler,
            read_bound,
            tokens,
            sum(c.request_count for c in connectors),
        )
    finally:
        child.stdin.close()
        child.wait(timeout=60)


def serve_options(args) -> list[str]:
    return [
        "--records",
        str(args.records),
        "--tokens-per-window",
        str(args.tokens_per_window),
        "--daily-tokens",
        str(args.daily_tokens),
    ]


def report(args, run, seconds, baseline, sampler, read_bound, tokens, requests) -> None:
    rate = run.records_read / seconds
    window_bound = args.tokens_per_window / WINDOW_S / LIST_TOKENS * PAGE
    daily_records = args.daily_tokens // LIST_TOKENS * PAGE
    print(
        f"pipedrive first full sync: {run.status} through {run.get_read_path_display()}; "
        f"{run.records_created:,} created of {run.records_read:,} read in {seconds:.0f}s = {rate:,.0f} records/s; "
        f"{requests:,} API requests, {tokens:,} tokens; load {load()}",
        flush=True,
    )
    if run.error:
        print(f"error: {run.error[:500]}")
    print(
        f"window bound: {args.tokens_per_window} tokens per {WINDOW_S} s / {LIST_TOKENS} tokens a list x {PAGE} = "
        f"{window_bound:,.0f} records/s; achieved {rate / window_bound:.3f} of it"
    )
    print(
        f"daily budget: {args.daily_tokens:,} tokens = {daily_records:,} records a day through lists; "
        f"the sync spent {tokens / args.daily_tokens:.1%} of it"
    )
    if read_bound:
        print(
            f"read bound (connector alone, same sandbox): {read_bound:,.0f} records/s "
            f"= {read_bound / window_bound:.2f} of the window bound; the sync achieved {rate / read_bound:.2f} of it"
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
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--tokens-per-window", type=int, default=400)
    parser.add_argument("--daily-tokens", type=int, default=300_000)
    parser.add_argument("--no-read-pass", dest="read_pass", action="store_false")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--read-pass", dest="read_pass_of", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args)
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
