"""Write-back against a sandbox limited like a HubSpot account: 100 requests per 10 s, 100 records a batch.

    python benchmarks/writeback_rate_limited.py [--records 30000] [--workers 2]

The bound is 100 requests / 10 s x 100 records = 1,000 records/s of writes. Only the AI-owned score (plus
its timestamp) is written and verification sampling is off, so one write request carries 100 records.
Reports achieved write throughput / bound and checks that no rate-limit response became a failure.
"""

import argparse
import resource
import tempfile
import time
from pathlib import Path

from writeback_common import (
    build_world,
    load_average,
    outcome_counts,
    post_all,
    servers,
    setup_django,
    stage_seconds,
    start_workers,
    worker_cpu_seconds,
)

BOUND_RECORDS_PER_SECOND = 100 / 10 * 100


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=30_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with servers(), tempfile.TemporaryDirectory(prefix="wb-rl-") as tmp:
        log_path = Path(tmp) / "workers.log"
        setup_django()
        from crmhub.writeback.models import OPEN_OUTCOME_STATUSES, InboundRecord, WriteOutcome

        _sandbox, account, flow, users = build_world(
            args.records, limited=True, verification_rate=0.0, fields=("score",)
        )
        post_all(flow, users, account, ("score",))
        own_cpu_before = _own_cpu()
        workers = start_workers(args.workers, burst=False, log_path=log_path)
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
            time.sleep(1.0)  # let the last job's horse be reaped so its CPU time is counted
            cpu = worker_cpu_seconds(workers)
        finally:
            for worker in workers:
                worker.kill()
        sandbox_cpu = _own_cpu() - own_cpu_before
        counts = outcome_counts()
        span = (last_write or time.perf_counter()) - (first_write or time.perf_counter())
        achieved = counts["by_status"].get("written", 0) / span if span > 0 else float("nan")
        print(f"records: {args.records}, workers: {args.workers}, write phase {span:.1f}s")
        print(
            f"achieved {achieved:.0f} records/s of a {BOUND_RECORDS_PER_SECOND:.0f} bound: {achieved / BOUND_RECORDS_PER_SECOND:.2f}"
        )
        print(f"failures: {counts['by_status'].get('dead_lettered', 0)} dead letters; {counts}")
        print(
            f"worker CPU {cpu:.1f}s = {cpu / args.records * 1000:.2f} ms a record; benchmark process (sandbox"
            f" server, polling) {sandbox_cpu:.1f}s; load average at the end {load_average()}"
        )
        stages = stage_seconds(log_path)
        print(
            f"worker seconds by stage: { {name: round(value, 1) for name, value in sorted(stages.items())} }"
        )


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
