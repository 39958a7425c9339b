"""Read 1,000,000 records through each connector from the CRM sandbox: records/s and the reader's memory.

    python benchmarks/connector_read.py [--records 1000000] [--providers hubspot,salesforce,pipedrive]
                                        [--mode http|inprocess]

The read is the connector's real incremental read from the beginning of time: HubSpot search on
`lastmodifieddate` (200 a page, a new window before every 10,000-result cap), Salesforce SOQL on
`SystemModstamp` following `nextRecordsUrl`, Pipedrive v2 cursor pages on `update_time`. The sandbox's
rate limits are switched off: this measures the connector, not the providers' quotas.

--mode http (default): a child process seeds the sandbox and serves it as a real HTTP server
(crm_sandbox.server), so this process holds only the connector. Its RSS is sampled every 20 ms
from /proc/self/statm during the read; the baseline is taken just before the read starts.
--mode inprocess: the sandbox lives in this process behind its httpx transport; the figure is the RSS
growth over a baseline taken after seeding (the seeded store itself is not the connector's memory).
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
PAGE_SIZE = 4096
OBJECTS = {"hubspot": "contacts", "salesforce": "Contact", "pipedrive": "persons"}
FIELDS = {
    "hubspot": [
        "email",
        "firstname",
        "lastname",
        "phone",
        "company",
        "jobtitle",
        "lifecyclestage",
        "ai_score",
    ],
    "salesforce": ["Email", "FirstName", "LastName", "Phone", "Title", "AccountId", "AI_Score__c"],
    "pipedrive": ["name", "emails", "phones", "org_id", "owner_id"],
}


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crmhub.test_settings")
    import django

    django.setup()


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE_SIZE / 2**20


class RssSampler:
    """Samples this process's RSS on a thread; keeps the peak and a coarse time series."""

    def __init__(self, interval: float = 0.02, tags=None):
        self.interval = interval
        self.tags = tags  # an object with sample(rss): what the process was doing at each sample
        self.peak = 0.0
        self.series: list[tuple[float, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._started = 0.0

    def __enter__(self):
        self._started = time.monotonic()
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        last_kept = -1.0
        while not self._stop.is_set():
            now, rss = time.monotonic() - self._started, rss_mb()
            self.peak = max(self.peak, rss)
            if self.tags is not None:
                self.tags.sample(rss)
            if now - last_kept >= 5.0:
                self.series.append((now, rss))
                last_kept = now
            self._stop.wait(self.interval)


# -- the sandbox side ---------------------------------------------------------------------------------


def seed_account(sandbox, provider: str, records: int):
    account = sandbox.add_account(
        provider, name=f"bench-{provider}", contacts=records, companies=2_000, deals_per_company=1
    )
    account.limits.enabled = False
    return account


def account_description(account) -> dict:
    return {
        "base_url": account.base_url,
        "api_version": account.api_version,
        "credentials": account.credentials,
        "integration_user_id": account.integration_user_id,
    }


def serve(provider: str, records: int) -> None:
    """Child process: seed, serve over HTTP, print the account as one JSON line, serve until stdin closes."""
    from crm_sandbox import Sandbox
    from crm_sandbox.server import serve_in_thread

    sandbox = Sandbox(seed=7)
    server = serve_in_thread(sandbox, port=0)  # first, so that the seeded base URLs point at it
    started = time.monotonic()
    account = seed_account(sandbox, provider, records)
    description = account_description(account)
    description["seed_seconds"] = round(time.monotonic() - started, 1)
    description["server_rss_mb"] = round(rss_mb())
    print(json.dumps(description, default=str), flush=True)
    sys.stdin.read()
    server.shutdown()


# -- the reading side ---------------------------------------------------------------------------------


def make_connector(provider: str, description: dict, transport=None):
    from crmhub.connectors import get_connector
    from crmhub.connectors.ratelimit import BucketLimit, RateBudget
    from crmhub.models import CrmConnection

    credentials = dict(description["credentials"])
    if provider == "pipedrive":
        credentials["api_user_id"] = description["integration_user_id"]
    connection = CrmConnection(
        name=f"bench-{provider}",
        provider=provider,
        base_url=description["base_url"],
        api_version=description["api_version"],
        credentials=credentials,
    )
    budget = RateBudget.in_memory(f"read-{provider}", [BucketLimit("default", 1_000_000, 1)])
    return get_connector(connection, transport=transport, rate_budget=budget, timeout=120)


def read_all(provider: str, connector, expected: int) -> dict:
    object_name, fields = OBJECTS[provider], FIELDS[provider]
    connector.discover_schema([object_name])  # outside the timed read (Pipedrive needs it for labels)
    count, seen_last, progress_step = 0, None, max(1, expected // 5)
    next_report = progress_step
    baseline = rss_mb()
    started = time.monotonic()
    with RssSampler() as sampler:
        for page in connector.iter_changes(object_name, since=EPOCH, fields=fields):
            count += len(page)
            seen_last = page[-1].modified_at
            if count >= next_report:
                elapsed = time.monotonic() - started
                print(
                    f"  {provider}: {count:,} records, {count / elapsed:,.0f}/s, RSS {rss_mb():.0f} MB",
                    flush=True,
                )
                next_report += progress_step
    elapsed = time.monotonic() - started
    return {
        "provider": provider,
        "records": count,
        "requests": connector.request_count,
        "seconds": round(elapsed, 1),
        "records_per_s": round(count / elapsed),
        "rss_baseline_mb": round(baseline, 1),
        "rss_peak_mb": round(sampler.peak, 1),
        "rss_growth_mb": round(sampler.peak - baseline, 1),
        "rss_series_mb": [round(rss) for _, rss in sampler.series],
        "last_modified": seen_last.isoformat() if seen_last else None,
    }


def run_http(provider: str, records: int) -> dict:
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve", provider, "--records", str(records)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        description = json.loads(child.stdout.readline())
        print(
            f"  {provider}: sandbox seeded {records:,} in {description['seed_seconds']} s "
            f"(server RSS {description['server_rss_mb']} MB)",
            flush=True,
        )
        with make_connector(provider, description) as connector:
            result = read_all(provider, connector, records)
    finally:
        child.stdin.close()
        child.wait(timeout=60)
    result["ru_maxrss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def run_inprocess(provider: str, records: int) -> dict:
    from crm_sandbox import Sandbox

    sandbox = Sandbox(seed=7)
    started = time.monotonic()
    account = seed_account(sandbox, provider, records)
    print(f"  {provider}: sandbox seeded {records:,} in {time.monotonic() - started:.1f} s", flush=True)
    with make_connector(provider, account_description(account), transport=sandbox.transport()) as connector:
        return read_all(provider, connector, records)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--providers", default="hubspot,salesforce,pipedrive")
    parser.add_argument("--mode", choices=("http", "inprocess"), default="http")
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    options = parser.parse_args()
    setup_django()
    if options.serve:
        serve(options.serve, options.records)
        return
    print(f"load average before: {os.getloadavg()}  (cpus: {os.cpu_count()})", flush=True)
    results = []
    for provider in options.providers.split(","):
        runner = run_http if options.mode == "http" else run_inprocess
        result = runner(provider, options.records)
        result["mode"] = options.mode
        result["load_average"] = [round(value, 2) for value in os.getloadavg()]
        results.append(result)
        print(json.dumps(result), flush=True)
    print("\nprovider     records    rec/s   RSS base  peak  growth (MB)  requests  seconds")
    for r in results:
        print(
            f"{r['provider']:<11} {r['records']:>9,} {r['records_per_s']:>8,} {r['rss_baseline_mb']:>9.0f}"
            f" {r['rss_peak_mb']:>5.0f} {r['rss_growth_mb']:>7.1f}  {r['requests']:>10,} {r['seconds']:>8}"
        )


if __name__ == "__main__":
    main()
