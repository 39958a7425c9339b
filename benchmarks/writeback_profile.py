"""Profile the write-back pipeline in one process: ingest, then every job inline under cProfile.

    python benchmarks/writeback_profile.py [--records 5000] [--top 40]

The sandbox answers through the in-process transport (no sockets), so the profile shows our code, the
database and the sandbox's own work, each by name. Starts PostgreSQL and Redis unless DATABASE_URL and
REDIS_URL are set. Prints the seconds spent per job kind and the hottest functions by cumulative time.
"""

import argparse
import cProfile
import os
import pstats
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

from writeback_common import build_world, post_all, servers, setup_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="cumulative", help="a pstats key: cumulative, tottime")
    parser.add_argument("--dump", help="also write the raw profile here (for pstats' print_callees)")
    parser.add_argument("--no-profile", action="store_true", help="time only (cProfile slows Python ~2x)")
    parser.add_argument(
        "--score-only",
        action="store_true",
        help="the rate-limited benchmark's shape: one AI-owned value a record, no verification sampling",
    )
    args = parser.parse_args()
    with servers():
        setup_django()
        from crmhub.connectors import get_connector
        from crmhub.core.connectors import connector_factory
        from crmhub.writeback import jobs

        fields = ("score",) if args.score_only else ("score", "segment")
        sandbox, account, flow, users = build_world(
            args.records,
            limited=False,
            verification_rate=0.0 if args.score_only else 0.1,
            fields=fields,
            http=False,
        )
        dispatcher = jobs.InlineDispatcher()
        queries = QueryTimes()
        with (
            queries.recording(),
            jobs.use_dispatcher(dispatcher),
            connector_factory(lambda conn: get_connector(conn, transport=sandbox.transport())),
        ):
            cpu = CpuMeter()
            profile = cProfile.Profile()
            if not args.no_profile:
                profile.enable()
            ingest = post_all(flow, users, account, fields)
            cpu.mark("ingest")
            spent: dict[str, float] = defaultdict(float)
            while dispatcher.pending:
                func, job_args = dispatcher.pending.pop(0)
                started = time.perf_counter()
                func(*job_args)
                spent[func.__name__] += time.perf_counter() - started
            cpu.mark("pipeline")
            profile.disable()
        print(f"records: {args.records}; ingest {ingest:.2f}s")
        for name, seconds in spent.items():
            print(f"{name}: {seconds:.2f}s")
        total = ingest + sum(spent.values())
        print(f"in-process end to end: {args.records / total:.0f} records/s (one process, profiled)")
        cpu.report(args.records)
        queries.report()
        if args.dump and not args.no_profile:
            profile.dump_stats(args.dump)
        if not args.no_profile:
            pstats.Stats(profile).sort_stats(args.sort).print_stats(args.top)


class CpuMeter:
    """CPU seconds of this process (our code and the in-process sandbox) and of its PostgreSQL backend
    (read from /proc: the server runs on this machine), per phase."""

    def __init__(self):
        from django.db import connection

        connection.ensure_connection()
        self.backend = connection.connection.info.backend_pid if connection.vendor == "postgresql" else None
        self.phases: list[tuple[str, float, float]] = []
        self.last = self._now()

    def _now(self) -> tuple[float, float]:
        server = 0.0
        if self.backend is not None:
            fields = Path(f"/proc/{self.backend}/stat").read_text().rsplit(")", 1)[1].split()
            server = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return time.process_time(), server

    def mark(self, phase: str) -> None:
        now = self._now()
        self.phases.append((phase, now[0] - self.last[0], now[1] - self.last[1]))
        self.last = now

    def report(self, records: int) -> None:
        for phase, client, server in self.phases:
            print(
                f"CPU {phase}: python {client / records * 1000:.3f} ms a record,"
                f" PostgreSQL backend {server / records * 1000:.3f} ms a record"
            )


class QueryTimes:
    """Seconds and calls per SQL statement shape (the first 90 characters)."""

    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)

    @contextmanager
    def recording(self):
        from django.db import connection

        def wrapper(execute, sql, params, many, context):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                shape = ("MANY " if many else "") + sql[:90]
                self.seconds[shape] += time.perf_counter() - started
                self.calls[shape] += 1

        with connection.execute_wrapper(wrapper):
            yield

    def report(self, top: int = 15) -> None:
        print(f"SQL: {sum(self.calls.values())} statements, {sum(self.seconds.values()):.2f}s")
        for shape, seconds in sorted(self.seconds.items(), key=lambda item: -item[1])[:top]:
            print(f"  {seconds:7.2f}s {self.calls[shape]:6d}x {shape}")


if __name__ == "__main__":
    main()
