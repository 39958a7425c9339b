"""Shared set-up of the sync benchmarks: PostgreSQL (started here unless DATABASE_URL is given), an
in-process HubSpot sandbox with rate limits off, a connection with its catalog, and a sync that runs inline."""

import argparse
import os
import resource
import sys
import time
from datetime import UTC, datetime

from benchmarks.writeback_common import ROOT, servers, setup_django  # noqa: F401 - ROOT puts the repo on the path

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def arguments(default_records: int) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=default_records)
    return parser.parse_args()


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def world(records: int):
    """(sandbox, account, connection, build_connector) with the catalog discovered."""
    from crm_sandbox import ManualClock, Sandbox
    from crmhub.connectors import get_connector
    from crmhub.connectors.ratelimit import BucketLimit, RateBudget
    from crmhub.models import CrmConnection
    from mappings_app.schema_sync import crm_schema_sync

    sandbox = Sandbox(seed=3, clock=ManualClock(START))
    started = time.perf_counter()
    account = sandbox.add_account("hubspot", name="bench", contacts=records, companies=max(1, records // 10))
    account.limits.enabled = False
    print(f"sandbox seeded with {records:,} contacts in {time.perf_counter() - started:.0f}s", flush=True)
    connection = CrmConnection.objects.create(
        name="bench-hubspot",
        provider="hubspot",
        base_url=account.base_url,
        api_version="v3",
        credentials={**account.credentials, "oauth_url": account.base_url},
    )
    budget = RateBudget.in_memory(
        "bench", [BucketLimit("default", 10**9, 1), BucketLimit("search", 10**9, 1)]
    )

    def build(conn):
        return get_connector(conn, transport=sandbox.transport(), rate_budget=budget, sleep=lambda s: None)

    with build(connection) as connector:
        crm_schema_sync(connection=connection, schemas=connector.discover_schema(["contacts"]))
    return sandbox, account, connection, build


def run_cycle(connection, build, sandbox):
    from crmhub.core import clock
    from crmhub.core.connectors import connector_factory
    from crmhub.sync import services

    with connector_factory(build), clock.use_clock(sandbox.clock.now):
        run = services.sync_run_request(connection=connection, object_name="contacts", enqueue=False)
        return services.sync_run_execute(run_id=run.pk)


def main(body) -> None:
    with servers():
        setup_django()
        body()
    sys.stdout.flush()
