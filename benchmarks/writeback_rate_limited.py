"""Write-back against a sandbox limited like a HubSpot account: 100 requests per 10 s, 100 records a batch.

    python benchmarks/writeback_rate_limited.py [--records 30000] [--workers 2]

The bound is 100 requests / 10 s x 100 records = 1,000 records/s of writes. Only the AI-owned score (plus
its timestamp) is written and verification sampling is off, so one write request carries 100 records.
Reports achieved write throughput / bound and checks that no rate-limit response became a failure.
"""

import argparse
import time

from writeback_common import build_world, outcome_counts, post_all, servers, setup_django, start_workers

BOUND_RECORDS_PER_SECOND = 100 / 10 * 100


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=30_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with servers():
        setup_django()
        from crmhub.models import OPEN_OUTCOME_STATUSES, InboundRecord, WriteOutcome

        _sandbox, account, flow, users = build_world(
            args.records, limited=True, verification_rate=0.0, fields=("score",)
        )
        post_all(flow, users, account, ("score",))
        workers = start_workers(args.workers, burst=False)
        first_write = last_write = None
        deadline = time.perf_counter() + 3600
        try:
            while time.perf_counter() < deadline:
                written = WriteOutcome.objects.filter(status__in=["written", "written_verified"]).count()
                if written and first_write is None:
                    first_write = time.perf_counter()
                if written >= args.records or (
                    first_write
                    and not WriteOutcome.objects.filter(status__in=OPEN_OUTCOME_STATUSES).exists()
                    and not InboundRecord.objects.filter(status="received").exists()
                ):
                    last_write = time.perf_counter()
                    break
                time.sleep(0.1)
        finally:
            for worker in workers:
                worker.kill()
        counts = outcome_counts()
        span = (last_write or time.perf_counter()) - (first_write or time.perf_counter())
        achieved = counts["by_status"].get("written", 0) / span if span > 0 else float("nan")
        print(f"records: {args.records}, workers: {args.workers}, write phase {span:.1f}s")
        print(
            f"achieved {achieved:.0f} records/s of a {BOUND_RECORDS_PER_SECOND:.0f} bound: {achieved / BOUND_RECORDS_PER_SECOND:.2f}"
        )
        print(f"failures: {counts['by_status'].get('dead_lettered', 0)} dead letters; {counts}")


if __name__ == "__main__":
    main()
