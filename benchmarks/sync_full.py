"""First full sync of N sandbox records (default 1,000,000) into the mirror on PostgreSQL: records/s and
memory (RSS sampled as pages commit, to show it stays flat while the mirror grows), with a progress line
every 100,000 records (records/s so far, RSS, load average) so a run cut short still tells its figures.

    .venv/bin/python -m benchmarks.sync_full [--records 1000000]
"""

import os
import resource
import time

from benchmarks.sync_common import arguments, main, peak_mb, rss_mb, run_cycle, world

PROGRESS_EVERY = 100_000


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def load() -> str:
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


def body():
    args = arguments(1_000_000)
    sandbox, _account, connection, build = world(args.records)
    samples = []
    progress = {"read": 0, "next": PROGRESS_EVERY, "started": None}

    def report(read: int) -> None:
        elapsed = time.perf_counter() - progress["started"]
        print(
            f"  {read:,} read in {elapsed:.0f}s = {read / elapsed:,.0f} records/s; RSS {samples[-1]:.0f} MB; "
            f"load {load()}",
            flush=True,
        )

    def sampling(factory):
        def build_sampled(conn):
            connector = factory(conn)
            original = connector.iter_changes

            def iter_changes(*a, **k):
                for page in original(*a, **k):
                    samples.append(rss_mb())
                    progress["read"] += len(page)
                    if progress["read"] >= progress["next"]:
                        report(progress["read"])
                        progress["next"] += PROGRESS_EVERY
                    yield page

            connector.iter_changes = iter_changes
            return connector

        return build_sampled

    before = rss_mb()
    print(f"load before {load()}", flush=True)
    cpu_before = cpu_seconds()
    started = progress["started"] = time.perf_counter()
    run = run_cycle(connection, sampling(build), sandbox)
    elapsed = time.perf_counter() - started
    cpu = cpu_seconds() - cpu_before
    assert run.status == "completed", run.error
    tenth = samples[len(samples) // 10] if samples else before
    print(
        f"full sync: {run.records_created:,} records in {elapsed:.0f}s = {run.records_created / elapsed:,.0f} records/s; "
        f"RSS before {before:.0f} MB, at 10% {tenth:.0f} MB, at end {samples[-1]:.0f} MB, peak {peak_mb():.0f} MB; "
        f"benchmark process CPU {cpu * 1e6 / max(1, run.records_created):.0f} µs/record (sandbox included); "
        f"load after {load()}",
        flush=True,
    )


if __name__ == "__main__":
    main(body)
