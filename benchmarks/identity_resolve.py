"""Resolve 100,000 inbound records against a 1,000,000-record identifier mirror on PostgreSQL.

    python benchmarks/identity_resolve.py [--mirror 1000000] [--inbound 100000] [--batch 1000]

Without DATABASE_URL it starts its own PostgreSQL (tests/harness.py; as root the server runs as the
postgres user). A child process generates and loads the mirror through `mirror_upsert` and writes the
inbound records to a file; this process then only resolves, so its peak memory is the resolver's.
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
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


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
    started = time.perf_counter()
    stored = services.mirror_upsert(
        connection=connection, object_name="contacts", records=crm_records(people), batch_size=5000
    )
    elapsed = time.perf_counter() - started
    print(
        f"mirror_upsert: {stored} records in {elapsed:.0f}s ({stored / elapsed:,.0f} records/s)", flush=True
    )
    from django.db import connection as db

    with db.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT count(*) FROM identity_app_mirroridentifier")
        print(f"identifier rows: {cursor.fetchone()[0]:,}", flush=True)
    records = inbound_records(people, inbound, unknown_share=0.1)
    Path(inbound_file).write_text(json.dumps(records))


def resolve(inbound_file: str, batch: int) -> None:
    from identity_django import setup_django

    setup_django()
    from identity_app import services
    from mappings_app.models import Flow

    flow = Flow.objects.select_related("crm_object").get(name="speed flow")
    records = json.loads(Path(inbound_file).read_text())
    for record in records:
        record.pop("truth")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for label, options in (
        ("resolve only", {"create_review_items": False, "learn_links": False}),
        ("resolve + review items + learned links", {"create_review_items": True, "learn_links": True}),
    ):
        started = time.perf_counter()
        results = services.identity_resolve(flow=flow, records=records, batch_size=batch, **options)
        elapsed = time.perf_counter() - started
        matched = sum(r.matched for r in results)
        print(
            f"{label}: {len(results):,} records in {elapsed:.1f}s = {len(results) / elapsed:,.0f} records/s "
            f"({matched:,} matched)",
            flush=True,
        )
        del results
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"peak RSS of the resolving process: {peak / 1024:.0f} MiB (inbound loaded: {rss_before / 1024:.0f} MiB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mirror", type=int, default=1_000_000)
    parser.add_argument("--inbound", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--phase", choices=["load", "resolve"], help=argparse.SUPPRESS)
    parser.add_argument("--inbound-file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "load":
        load(args.mirror, args.inbound, args.inbound_file)
        return
    if args.phase == "resolve":
        resolve(args.inbound_file, args.batch)
        return

    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="identity-bench-")))
        os.chmod(tmp, 0o755)
        if "DATABASE_URL" not in os.environ:
            from tests.harness import postgres_server

            os.environ["DATABASE_URL"] = stack.enter_context(postgres_server(tmp))
        create_database(os.environ["DATABASE_URL"])
        inbound_file = str(tmp / "inbound.json")
        common = [sys.executable, __file__, "--inbound-file", inbound_file]
        sizes = ["--mirror", str(args.mirror), "--inbound", str(args.inbound), "--batch", str(args.batch)]
        subprocess.run([*common, *sizes, "--phase", "load"], check=True)
        subprocess.run([*common, *sizes, "--phase", "resolve"], check=True)


if __name__ == "__main__":
    main()
