"""Write-back end to end against an unthrottled HubSpot sandbox over HTTP, with N rqworker processes.

    python benchmarks/writeback_end_to_end.py [--records 100000] [--workers 2]

Starts its own PostgreSQL and Redis unless DATABASE_URL / REDIS_URL are set. The sandbox is the stdlib
threaded WSGI server in this process. The workers run from the start, as in production, so ingest (the API
service, 1,000 records a call) overlaps with the pipeline. End to end is the wall time from the first
ingest call until every value has its final outcome. The stage split adds up each job's logged stage
times across workers: resolve+plan (identity, planning, the hybrid fields' history read), write (claim,
batch update, saving outcomes) and verify (read-after-write).
"""

import argparse
import tempfile
import time
from pathlib import Path

from writeback_common import (
    build_world,
    load_average,
    outcome_counts,
    post_all,
    server_cpu_seconds,
    servers,
    setup_django,
    stage_seconds,
    start_workers,
    wait_until_settled,
    worker_cpu_seconds,
)

STAGES = {
    "resolve+plan": ("resolve", "plan", "ownership"),
    "write": ("claim", "send", "save"),
    "verify": ("verify",),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with servers(), tempfile.TemporaryDirectory(prefix="wb-e2e-") as tmp:
        log_path = Path(tmp) / "workers.log"
        setup_django()
        _sandbox, account, flow, users = build_world(
            args.records, limited=False, verification_rate=0.1, fields=("score", "segment")
        )
        workers = start_workers(args.workers, burst=False, log_path=log_path)
        time.sleep(2.0)  # let the workers connect before the clock starts
        worker_start = worker_cpu_seconds(workers)
        server_start, own_start = server_cpu_seconds(), time.process_time()
        started = time.perf_counter()
        try:
            ingest = post_all(flow, users, account, ("score", "segment"))
            marks = wait_until_settled(timeout=3600, workers=workers)
            total = time.perf_counter() - started
            own = time.process_time() - own_start
            time.sleep(1.0)  # let the last job's horse be reaped so its CPU time is counted
            cpu = worker_cpu_seconds(workers) - worker_start
            server_end = server_cpu_seconds()
        finally:
            for worker in workers:
                worker.kill()
        report(args, ingest, marks, total, stage_seconds(log_path))
        print(
            f"worker CPU {cpu:.1f}s = {cpu / args.records * 1000:.2f} ms a record;"
            f" load average at the end {load_average()}"
        )
        cpu_split(args.records, cpu, own, server_start, server_end)


def cpu_split(records: int, workers: float, own: float, server_start, server_end) -> None:
    """CPU per record while the clock ran: the workers, PostgreSQL (all its processes, when local) and
    this process (the ingest calls, the sandbox's HTTP server and the polling)."""
    parts = {"workers": workers, "benchmark process (ingest + sandbox)": own}
    if server_start is not None and server_end is not None:
        parts["PostgreSQL"] = server_end - server_start
    spent = ", ".join(f"{name} {seconds / records * 1000:.2f}" for name, seconds in parts.items())
    total = sum(parts.values())
    print(
        f"CPU ms a record: {spent}; all {total / records * 1000:.2f}"
        f" (2 idle cores would allow {2 * records / total:.0f} records/s at this cost)"
    )


def report(args, ingest: float, marks: dict, total: float, stages: dict[str, float]) -> None:
    print(
        f"records: {args.records}, workers: {args.workers}, values per record: 3 (score, segment, timestamp)"
    )
    print(f"end to end: {total:.1f}s wall, {args.records / total:.0f} records/s")
    print(f"ingest: {ingest:.1f}s wall in the client ({args.records / ingest:.0f} records/s)")
    print(
        f"every record planned after {marks.get('planned', float('nan')):.1f}s; settled: {'settled' in marks}"
    )
    busy = sum(value for name, value in stages.items() if not name.endswith("_cpu"))
    cpu = sum(value for name, value in stages.items() if name.endswith("_cpu"))
    print(
        f"worker seconds by stage (sum over {args.workers} workers, {busy:.1f}s busy, {cpu:.1f}s CPU in stages):"
    )
    for label, names in STAGES.items():
        seconds = sum(stages.get(name, 0.0) for name in names)
        cpu_seconds = sum(stages.get(f"{name}_cpu", 0.0) for name in names)
        print(
            f"  {label:13s} {seconds:7.1f}s wall {seconds / busy if busy else 0:5.1%}"
            f"  {cpu_seconds:7.1f}s CPU {cpu_seconds / cpu if cpu else 0:5.1%}  ({', '.join(names)})"
        )
    print(f"  detail: { {name: round(seconds, 1) for name, seconds in sorted(stages.items())} }")
    print(outcome_counts())


if __name__ == "__main__":
    main()
