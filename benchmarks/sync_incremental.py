"""An incremental cycle over N rep changes (default 10,000) after a first sync, on PostgreSQL (seconds).

.venv/bin/python -m benchmarks.sync_incremental [--records 10000]
"""

import time

from benchmarks.sync_common import arguments, main, run_cycle, world


def body():
    args = arguments(10_000)
    sandbox, account, connection, build = world(max(args.records * 5, 50_000))
    first = run_cycle(connection, build, sandbox)
    assert first.status == "completed", first.error
    sandbox.clock.advance(seconds=60)
    ids = account.record_ids("contacts")
    for number, crm_id in enumerate(ids[: args.records]):
        account.rep_edit("contacts", crm_id, {"firstname": f"Changed{number}"})
        if number % 100 == 0:
            sandbox.clock.advance(seconds=1)
    sandbox.clock.advance(seconds=60)
    started = time.perf_counter()
    run = run_cycle(connection, build, sandbox)
    elapsed = time.perf_counter() - started
    assert run.status == "completed", run.error
    print(
        f"incremental cycle: {run.records_updated:,} changes (of {len(ids):,} records) in {elapsed:.1f}s",
        flush=True,
    )


if __name__ == "__main__":
    main(body)
