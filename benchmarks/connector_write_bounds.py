"""Write-back through the Salesforce and Pipedrive connectors against sandboxes that enforce each CRM's
documented bound, as a fraction of that bound (HubSpot: benchmarks/connector_write.py).

    .venv/bin/python benchmarks/connector_write_bounds.py --provider salesforce [--seconds 120] [--workers 2]
        [--allocation 200] [--day 40] [--keep-back 3]
    .venv/bin/python benchmarks/connector_write_bounds.py --provider pipedrive [--seconds 120] [--workers 2]
        [--tokens 1000]

- Salesforce: sObject Collections of 200 records a request against the org's API request allocation over a
  rolling day. A real day would take a day to measure, so the sandbox's day is shortened to `--day` seconds
  with `--allocation` requests in it (sandbox.limits.SalesforceBounds); the bound is allocation x 200 / day
  records/s. The connection's window is that day with `--keep-back` requests (3) left unused
  (rate_limit_requests = allocation - 3, reserve 0): at zero remaining in `Sforce-Limit-Info` the connector
  rightly pauses every worker for an hour, as a real day's allocation would need, and on a day of seconds
  the few milliseconds between our budget's clock and the request's arrival matter (a request can reach
  the CRM before the one it replaces in the window has aged out there).
- Pipedrive: one v2 PATCH per record (5 tokens) against `--tokens` tokens per 2-second window
  (sandbox.limits.PipedriveTokenBounds, a daily budget of 30,000 x 2 x 5 tokens): the bound is
  tokens / 5 / 2 records/s. The connection's budget spends each call's token cost from its 2-second window.

The budget is the connection's own, in Redis (a redis-server is started on a loopback port), shared by
`--workers` threads that each write a slice with their own connector. The sandbox runs in this process on
the real clock behind its httpx transport. Printed: records/s against the bound, over the run and over whole windows
(records / (elapsed + one window): the first window's burst is not counted as rate), every write result by status, the sandbox's answers by status
(429/403 count), and a check that every value reached the store.
"""

import argparse
import os
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from connector_write import CountingTransport, progress, setup_django, start_redis


class SendTimes(CountingTransport):
    """Also keeps the time each request left (in order): the rate is read over whole windows of sends."""

    def __init__(self, inner):
        super().__init__(inner)
        self.sent: list[float] = []

    def handle_request(self, request):
        with self._lock:
            self.sent.append(time.monotonic())
        return super().handle_request(request)


COLLECTION = 200
PATCH_TOKENS = 5
PIPEDRIVE_WINDOW_S = 2


def salesforce_world(sandbox, options):
    from crm_sandbox.limits import salesforce_bounds
    from crmhub.models import CrmConnection

    records = options.allocation * COLLECTION * (options.seconds // options.day + 2)
    account = sandbox.add_account("salesforce", name="bench-sf-write", contacts=records, companies=2_000)
    salesforce_bounds(
        account, enforce_api_requests=True, daily_api_requests=options.allocation, day_s=options.day
    )
    connection = CrmConnection.objects.create(
        name="bench-salesforce-write",
        provider="salesforce",
        base_url=account.base_url,
        api_version=account.api_version,
        credentials={**account.credentials, "login_url": account.base_url},
        rate_limit_requests=options.allocation - options.keep_back,
        rate_limit_window_seconds=options.day,
        rate_limit_reserve_percent=0,
    )
    field = "AI_Score__c"
    bound = options.allocation * COLLECTION / options.day
    return account, connection, "Contact", field, bound, options.day, {}


def pipedrive_world(sandbox, options):
    from crm_sandbox.limits import pipedrive_token_bounds
    from crmhub.models import CrmConnection

    bound = options.tokens / PATCH_TOKENS / PIPEDRIVE_WINDOW_S
    records = options.tokens // PATCH_TOKENS * (options.seconds // PIPEDRIVE_WINDOW_S + 2)
    account = sandbox.add_account("pipedrive", name="bench-pd-write", contacts=records, companies=200)
    pipedrive_token_bounds(account, tokens_per_window=options.tokens, window_s=PIPEDRIVE_WINDOW_S)
    connection = CrmConnection.objects.create(
        name="bench-pipedrive-write",
        provider="pipedrive",
        base_url=account.base_url,
        api_version=account.api_version,
        credentials={**account.credentials, "api_user_id": account.integration_user_id},
        rate_limit_requests=options.tokens,
        rate_limit_window_seconds=PIPEDRIVE_WINDOW_S,
        rate_limit_reserve_percent=0,
    )
    field = account.field_name("persons", "ai_score")
    return account, connection, "persons", field, bound, PIPEDRIVE_WINDOW_S, {"window_in_tokens": True}


def write_slice(connection, transport, redis_url, object_name, updates, results, errors, budget_options):
    from crmhub.connectors import get_connector
    from crmhub.connectors.ratelimit import RateBudget

    budget = RateBudget.for_connection(connection, redis_url=redis_url, **budget_options)
    step = 10 * COLLECTION if connection.provider == "salesforce" else 50
    try:
        with get_connector(connection, transport=transport, rate_budget=budget) as connector:
            for start in range(0, len(updates), step):
                for result in connector.write(object_name, updates[start : start + step]):
                    results[result.status.value] += 1
    except Exception as exc:  # a benchmark reports every failure, it does not hide one
        errors.append(repr(exc))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--provider", choices=["salesforce", "pipedrive"], required=True)
    parser.add_argument("--seconds", type=int, default=120, help="about how long the write should take")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--allocation", type=int, default=200, help="Salesforce: API requests per sandbox day"
    )
    parser.add_argument("--day", type=int, default=40, help="Salesforce: the sandbox day in seconds")
    parser.add_argument(
        "--keep-back",
        type=int,
        default=3,
        help="Salesforce: requests of the allocation the connection leaves unused",
    )
    parser.add_argument("--tokens", type=int, default=1000, help="Pipedrive: tokens per 2-second window")
    options = parser.parse_args()
    setup_django()
    from crm_sandbox import Sandbox
    from crmhub.connectors import RecordUpdate

    redis_process, redis_url = start_redis()
    try:
        sandbox = Sandbox(seed=7)
        build = salesforce_world if options.provider == "salesforce" else pipedrive_world
        account, connection, object_name, field, bound, window, budget_options = build(sandbox, options)
        # Whole windows: the budget releases a window's worth at once, so a run that ends with a full burst
        # measures the rate over whole windows (records / (elapsed + one window), printed last).
        per_window = (
            (options.allocation - options.keep_back) * COLLECTION
            if options.provider == "salesforce"
            else options.tokens // PATCH_TOKENS
        )
        count = per_window * (options.seconds // window + 1)
        ids = account.record_ids(object_name)[:count]
        updates = [RecordUpdate(rid, {field: float(number % 1000)}) for number, rid in enumerate(ids)]
        transport = SendTimes(sandbox.transport())
        results: Counter = Counter()
        errors: list[str] = []
        print(
            f"load average before: {os.getloadavg()}; {options.provider}: writing {len(updates):,} records with "
            f"{options.workers} workers; bound {bound:,.0f} records/s",
            flush=True,
        )
        started, done = time.monotonic(), threading.Event()
        threading.Thread(target=progress, args=(results, len(updates), started, done), daemon=True).start()
        threads = [
            threading.Thread(
                target=write_slice,
                args=(connection, transport, redis_url, object_name, part, results, errors, budget_options),
            )
            for part in (updates[worker :: options.workers] for worker in range(options.workers))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        done.set()
        report(
            options,
            account,
            object_name,
            field,
            ids,
            updates,
            transport,
            results,
            errors,
            bound,
            window,
            per_window,
        )
    finally:
        redis_process.terminate()
        redis_process.wait(timeout=10)


def report(
    options, account, object_name, field, ids, updates, transport, results, errors, bound, window, per_window
):
    elapsed = transport.last_answered - transport.first_sent
    achieved = len(updates) / elapsed
    stored = sum(
        1
        for number, rid in enumerate(ids)
        if _number(account.get_record(object_name, rid).get(field)) == number % 1000
    )
    requests = sum(transport.statuses.values())
    print(f"load average after: {os.getloadavg()}")
    print(f"write results: {dict(results)}   errors: {errors or 'none'}")
    print(
        f"sandbox answers by status: {dict(transport.statuses)} ({requests:,} requests); sandbox busy "
        f"{transport.busy_seconds:.0f} s of {elapsed:.0f} s"
    )
    print(f"values in the store: {stored:,}/{len(updates):,}")
    print(
        f"{options.provider}: {len(updates):,} records in {elapsed:.1f} s (first request to last answer) = "
        f"{achieved:,.1f} records/s; bound {bound:,.1f}/s; fraction {achieved / bound:.3f} (the first window's "
        f"burst counts: a short run can pass 1)"
    )
    records_per_request = COLLECTION if options.provider == "salesforce" else 1
    sends = [
        at for at, status in zip(transport.sent, [None] * len(transport.sent), strict=True) if status is None
    ]
    requests_per_window = per_window // records_per_request
    whole = (len(sends) - 1) // requests_per_window * requests_per_window
    if whole:
        span = sends[whole] - sends[0]
        rate = whole * records_per_request / span
        print(
            f"over whole windows ({whole // requests_per_window} windows of {window} s: the records of the first "
            f"{whole:,} requests / the time until request {whole + 1:,} left): {rate:,.1f} records/s; "
            f"fraction {rate / bound:.3f}"
        )


def _number(value):
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


if __name__ == "__main__":
    main()
