"""First full sync of N sandbox records (default 1,000,000) into the mirror on PostgreSQL: records/s and
memory (RSS sampled as pages commit, to show it stays flat while the mirror grows).

    .venv/bin/python -m benchmarks.sync_full [--records 1000000]
"""

import time

from benchmarks.sync_common import arguments, main, peak_mb, rss_mb, run_cycle, world


def body():
    args = arguments(1_000_000)
    sandbox, _account, connection, build = world(args.records)
    samples = []

    def sampling(factory):
        def build_sampled(conn):
            connector = factory(conn)
            original = connector.iter_changes

            def iter_changes(*a, **k):
                for page in original(*a, **k):
                    samples.append(rss_mb())
                    yield page

            connector.iter_changes = iter_changes
            return connector

        return build_sampled

    before = rss_mb()
    started = time.perf_counter()
    run = run_cycle(connection, sampling(build), sandbox)
    elapsed = time.perf_counter() - started
    assert run.status == "completed", run.error
    tenth = samples[len(samples) // 10] if samples else before
    print(
        f"full sync: {run.records_created:,} records in {elapsed:.0f}s = {run.records_created / elapsed:,.0f} records/s; "
        f"RSS before {before:.0f} MB, at 10% {tenth:.0f} MB, at end {samples[-1]:.0f} MB, peak {peak_mb():.0f} MB",
        flush=True,
    )


if __name__ == "__main__":
    main(body)
