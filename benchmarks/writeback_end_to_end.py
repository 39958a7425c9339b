"""Write-back end to end against an unthrottled HubSpot sandbox over HTTP, with N rqworker processes.

    python benchmarks/writeback_end_to_end.py [--records 100000] [--workers 2]

Starts its own PostgreSQL and Redis unless DATABASE_URL / REDIS_URL are set. Prints records/s and the time
split: ingest (API service, 1,000 per batch), then resolve+plan and write+verify as the workers run them.
"""

import argparse
import time

from writeback_common import (
    build_world,
    outcome_counts,
    post_all,
    servers,
    setup_django,
    start_workers,
    wait_until_settled,
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with servers():
        setup_django()
        _sandbox, account, flow, users = build_world(
            args.records, limited=False, verification_rate=0.1, fields=("score", "segment")
        )
        ingest = post_all(flow, users, account, ("score", "segment"))
        started = time.perf_counter()
        workers = start_workers(args.workers, burst=False)
        try:
            marks = wait_until_settled(timeout=3600)
        finally:
            for worker in workers:
                worker.kill()
        processing = marks.get("settled", marks.get("timed_out"))
        total = ingest + processing
        print(
            f"records: {args.records}, workers: {args.workers}, fields per record: 3 (score, segment, timestamp)"
        )
        print(f"ingest: {ingest:.1f}s ({args.records / ingest:.0f} records/s)")
        print(f"resolve+plan done after: {marks.get('planned', float('nan')):.1f}s of processing")
        print(
            f"all values final after: {processing:.1f}s of processing (wall {time.perf_counter() - started:.1f}s)"
        )
        print(f"end to end: {args.records / total:.0f} records/s")
        print(outcome_counts())


if __name__ == "__main__":
    main()
