"""The HubSpot connector alone reading N contacts through search (no database), against search's bound.

    .venv/bin/python -m benchmarks.hubspot_search_read [--records 20000] [--reserve 0]

A child process seeds the sandbox with the professional tier's bounds on (search at 5 requests per second) and
serves it over HTTP; this process reads every contact with `iter_changes` (pages of 200 requested ahead, the
hub's own search budget at the connection's share of 5 per second). Printed: records/s against the bound
(5 x 200 = 1,000 records/s, times the share left by `--reserve`), and how many searches HubSpot refused (429):
each costs a second. This is the read path's bound on this machine; `benchmarks/sync_bulk_full.py --provider
hubspot` measures the whole sync (the mirror load into PostgreSQL on top).
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
FIELDS = ["email", "firstname", "lastname", "phone", "company"]


class CountingTransport(httpx.HTTPTransport):
    def __init__(self):
        super().__init__()
        self.statuses: collections.Counter = collections.Counter()

    def handle_request(self, request):
        response = super().handle_request(request)
        self.statuses[response.status_code] += 1
        return response


def serve(records: int) -> None:
    from crm_sandbox import Sandbox
    from crm_sandbox.limits import hubspot_tier
    from crm_sandbox.server import serve_in_thread

    sandbox = Sandbox(seed=7)
    server = serve_in_thread(sandbox, port=0)
    account = sandbox.add_account("hubspot", name="bench-search", contacts=records, companies=500)
    hubspot_tier(account, "professional")
    print(json.dumps({"base_url": account.base_url, "credentials": account.credentials}), flush=True)
    sys.stdin.read()
    server.shutdown()


def read(args, description: dict) -> None:
    from crmhub.connectors import get_connector
    from crmhub.connectors.ratelimit import RateBudget, connection_buckets, search_share
    from crmhub.models import CrmConnection

    connection = CrmConnection(  # never saved: the read needs no database
        name="bench-search",
        provider="hubspot",
        base_url=description["base_url"],
        api_version="v3",
        credentials=description["credentials"],
        rate_limit_requests=190,
        rate_limit_reserve_percent=args.reserve,
    )
    transport = CountingTransport()
    budget = RateBudget.in_memory("bench-search", connection_buckets(connection))
    started, count = time.perf_counter(), 0
    with get_connector(connection, rate_budget=budget, transport=transport, timeout=60) as connector:
        for page in connector.iter_changes("contacts", since=EPOCH, fields=FIELDS):
            count += len(page)
    seconds = time.perf_counter() - started
    rate, bound, share = count / seconds, 5 * 200, search_share(connection)
    load = "/".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"read {count:,} contacts in {seconds:.1f}s = {rate:,.0f} records/s; answers {dict(transport.statuses)}"
    )
    print(
        f"bound: search 5/s x 200 = {bound:,} records/s: achieved {rate / bound:.2f} of it "
        f"(our share at a {args.reserve} % reserve: {share}/s = {share * 200:,} records/s, "
        f"{rate / (share * 200):.2f} of that); load {load}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--reserve", type=int, default=0, help="the connection's reserve percent")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.records)
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crmhub.test_settings")
    import django

    django.setup()
    command = [
        sys.executable,
        "-m",
        "benchmarks.hubspot_search_read",
        "--serve",
        "--records",
        str(args.records),
    ]
    child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        read(args, json.loads(child.stdout.readline()))
    finally:
        child.stdin.close()
        child.wait(timeout=60)


if __name__ == "__main__":
    main()
