"""Resolve 100,000 inbound records against a 1,000,000-record identifier mirror on PostgreSQL.

    python benchmarks/identity_resolve.py [--mirror 1000000] [--inbound 100000] [--batch 1000] [--workers 2]

Without DATABASE_URL it starts its own PostgreSQL (tests/harness.py; as root the server runs as the
postgres user). A child process generates the mirror, loads it through `mirror_upsert` (timed) and writes the
inbound records to a file. Then worker processes resolve: each owns a contiguous slice of the inbound records
and its own database connection (as separate queue workers would), and feeds `identity_resolve` a few
thousand records at a time, keeping only the outcome counts. Every worker starts, connects and reads the file
first; the clock runs from the moment all are released until the last one finishes, so records/s is total
records / wall time. Each worker reports its peak RSS and its RSS after its first slice (flat memory: the two
stay close whatever the number of records).

Workers keep an in-memory mirror index (identity_app/mirror_index.py), as the write-back worker does: each
builds it before the clock starts, and reports how long that took and what the rate would be with it counted.
`--database-reads` measures the resolver reading every candidate from the database instead.

Runs, in order: resolve only with 1 worker and with --workers workers (nothing written), then resolve with
review items and learned links with --workers workers.
"""

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

SLICE = 5000


def create_database(url: str) -> None:
    import psycopg

    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS crmhub")
        connection.execute("CREATE DATABASE crmhub")


def load(mirror: int, inbound: int, inbound_file: str) -> None:
    from identity_django import make_flow, setup_django

    setup_django()
    from identity_data import crm_records, generate_people, inbound_records

    from identity_app import services

    connection, _ = make_flow("speed")
    people = generate_people(mirror)
    started, cpu = time.perf_counter(), time.process_time()
    stored = services.mirror_upsert(
        connection=connection, object_name="contacts", records=crm_records(people), batch_size=5000
    )
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"mirror_upsert: {stored:,} records in {elapsed:.0f}s = {stored / elapsed:,.0f} records/s "
        f"(loader process CPU {cpu:.0f}s)",
        flush=True,
    )
    from django.db import connection as db

    with db.cursor() as cursor:
        # What autovacuum does after a bulk load: statistics, and the visibility map that lets block
        # reads be index-only scans.
        started = time.perf_counter()
        cursor.execute("VACUUM ANALYZE")
        print(f"VACUUM ANALYZE: {time.perf_counter() - started:.0f}s", flush=True)
        cursor.execute("SELECT count(*) FROM identity_app_mirroridentifier")
        print(f"identifier rows: {cursor.fetchone()[0]:,}", flush=True)
    records = inbound_records(people, inbound, unknown_share=0.1)
    for record in records:
        record.pop("truth")
    Path(inbound_file).write_text(json.dumps(records))


def reset() -> None:
    """Forget the review items and learned links of an earlier run, so that every run starts alike (links
    decide records by key, which is cheaper than scoring them)."""
    from identity_django import setup_django

    setup_django()
    from identity_app.models import IdentityLink, ReviewItem

    ReviewItem.objects.all().delete()
    IdentityLink.objects.all().delete()


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(inbound_file: str, start: int, stop: int, batch: int, writes: bool, in_memory: bool) -> None:
    """Resolve records[start:stop] once released by the parent (a "go" line on stdin). With `in_memory`, the
    worker first builds its mirror index, as a long-lived queue worker does once at its first job."""
    from identity_django import setup_django

    setup_django()
    from django.db import connection as db

    from identity_app import mirror_index, services
    from mappings_app.models import Flow

    flow = Flow.objects.select_related("crm_object", "connection").get(name="speed flow")
    records = json.loads(Path(inbound_file).read_text())[start:stop]
    for record in records:
        record.pop("truth", None)
    db.ensure_connection()
    build = {}
    if in_memory:
        mirror_index.keep_in_memory()
        cpu = time.process_time()
        reader = services.resolver_for_rules(services.identity_rules_for_flow(flow=flow)).reader
        reader.prepare()
        build = {
            "build_seconds": reader.index.build_seconds,
            "build_cpu": time.process_time() - cpu,
            "rss_after_build": rss_mib(),
        }
        del reader
    print("ready", flush=True)
    sys.stdin.readline()
    cpu = time.process_time()
    outcomes: Counter = Counter()
    rss_after_first = None
    for offset in range(0, len(records), SLICE):
        results = services.identity_resolve(
            flow=flow,
            records=records[offset : offset + SLICE],
            batch_size=batch,
            create_review_items=writes,
            learn_links=writes,
        )
        outcomes.update(r.outcome for r in results)
        del results
        if rss_after_first is None:
            rss_after_first = rss_mib()
    report = {
        "records": len(records),
        "outcomes": outcomes,
        "cpu": time.process_time() - cpu,
        "rss_after_first_slice": rss_after_first,
        "peak_rss": rss_mib(),
        **build,
    }
    print(json.dumps(report), flush=True)


def run_workers(
    inbound_file: str, total: int, workers: int, batch: int, writes: bool, in_memory: bool, label: str
) -> None:
    bounds = [total * index // workers for index in range(workers + 1)]
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--phase",
                "worker",
                "--inbound-file",
                inbound_file,
                "--start",
                str(bounds[index]),
                "--stop",
                str(bounds[index + 1]),
                "--batch",
                str(batch),
                *(["--writes"] if writes else []),
                *(["--in-memory"] if in_memory else []),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for index in range(workers)
    ]
    for process in processes:
        if process.stdout.readline().strip() != "ready":
            raise SystemExit("a worker failed to start")
    started = time.perf_counter()
    for process in processes:
        process.stdin.write("go\n")
        process.stdin.flush()
    reports = [json.loads(process.stdout.readline()) for process in processes]
    elapsed = time.perf_counter() - started
    for process in processes:
        process.wait()
    records = sum(report["records"] for report in reports)
    outcomes: Counter = Counter()
    for report in reports:
        outcomes.update(report["outcomes"])
    print(
        f"{label}, {workers} worker(s): {records:,} records in {elapsed:.1f}s = {records / elapsed:,.0f} "
        f"records/s; worker CPU {', '.join(format(report['cpu'], '.1f') + 's' for report in reports)}",
        flush=True,
    )
    if in_memory:
        build = max(report["build_seconds"] for report in reports)
        print(
            f"  index build before the clock: {', '.join(format(r['build_seconds'], '.1f') + 's' for r in reports)}"
            f" (CPU {', '.join(format(r['build_cpu'], '.1f') + 's' for r in reports)}, RSS after "
            f"{', '.join(format(r['rss_after_build'], '.0f') + ' MiB' for r in reports)}); with the build "
            f"counted: {records / (elapsed + build):,.0f} records/s",
            flush=True,
        )
    print(f"  outcomes: {dict(outcomes)}", flush=True)
    for index, report in enumerate(reports):
        print(
            f"  worker {index}: peak RSS {report['peak_rss']:.0f} MiB "
            f"(after its first {SLICE:,} records: {report['rss_after_first_slice']:.0f} MiB)",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mirror", type=int, default=1_000_000)
    parser.add_argument("--inbound", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--skip-load", action="store_true", help="reuse DATABASE_URL's mirror and --inbound-file"
    )
    parser.add_argument("--phase", choices=["load", "worker", "reset"], help=argparse.SUPPRESS)
    parser.add_argument("--inbound-file", help=argparse.SUPPRESS)
    parser.add_argument("--start", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--stop", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--writes", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--database-reads",
        action="store_true",
        help="no in-memory mirror index: every read from the database",
    )
    parser.add_argument("--in-memory", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "load":
        load(args.mirror, args.inbound, args.inbound_file)
        return
    if args.phase == "reset":
        reset()
        return
    if args.phase == "worker":
        worker(args.inbound_file, args.start, args.stop, args.batch, args.writes, args.in_memory)
        return

    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="identity-bench-")))
        os.chmod(tmp, 0o755)
        inbound_file = args.inbound_file or str(tmp / "inbound.json")
        if not args.skip_load:
            if "DATABASE_URL" not in os.environ:
                from tests.harness import postgres_server

                os.environ["DATABASE_URL"] = stack.enter_context(postgres_server(tmp))
            create_database(os.environ["DATABASE_URL"])
            sizes = ["--mirror", str(args.mirror), "--inbound", str(args.inbound)]
            load_command = [
                sys.executable,
                __file__,
                "--inbound-file",
                inbound_file,
                *sizes,
                "--phase",
                "load",
            ]
            subprocess.run(load_command, check=True)
        else:
            subprocess.run([sys.executable, __file__, "--phase", "reset"], check=True)
        total = len(json.loads(Path(inbound_file).read_text()))
        in_memory = not args.database_reads
        run_workers(inbound_file, total, 1, args.batch, False, in_memory, "resolve only")
        if args.workers > 1:
            run_workers(inbound_file, total, args.workers, args.batch, False, in_memory, "resolve only")
        run_workers(
            inbound_file,
            total,
            args.workers,
            args.batch,
            True,
            in_memory,
            "resolve + review items + learned links",
        )


if __name__ == "__main__":
    main()
