"""Exporting N CRM records (default 1,000,000) to DuckDB and to PostgreSQL as a fraction of the CRM read bound,
with the memory of the process that exports.

    .venv/bin/python -m benchmarks.exports_warehouse [--records 1000000] [--mirror-only-read]

A child process seeds a HubSpot sandbox (rate limits off) and serves it over HTTP, so this process holds only
the hub; PostgreSQL is started here through tests/harness.py unless DATABASE_URL is set. Then:

1. a first sync cycle mirrors every contact (not timed: it creates the mirror);
2. a backfill cycle reads every record again with no destination, asking the CRM for the same fields the
   export needs: the CRM read bound, in records/s (`--mirror-only-read` adds a read of the mirror's own
   fields, to show what the export's extra fields cost the CRM's answer);
3. a DuckDB destination (a file) and a PostgreSQL destination (a schema of the benchmark's own database) are
   created with 7 outbound columns (one the SHA-256 of the email), and the same backfill reads everything
   again with the export buffer riding the read (one shared page per committed page, whatever the number of
   destinations): its records/s as a fraction of the bound says what the export costs the read;
4. each destination's export runs drain what that read buffered, in a worker process of their own (as an RQ
   worker runs them, apart from the sync's), one destination after the other: records/s as a fraction of
   the read bound, and the worker's RSS sampled every 20 ms (after start-up, peak, a series every 5 s).

Load averages are printed next to the figures (the machine is shared).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.connector_read import RssSampler, rss_mb  # noqa: E402 - after the path is set
from benchmarks.sync_common import peak_mb  # noqa: E402

OBJECT = "contacts"
COLUMNS = [
    ("email", "email", "text", "none"),
    ("email", "email_sha256", "text", "sha256_email"),
    ("firstname", "first_name", "text", "none"),
    ("lastname", "last_name", "text", "none"),
    ("lifecyclestage", "lifecycle_stage", "text", "none"),
    ("jobtitle", "job_title", "text", "none"),
    ("associatedcompanyid", "company_id", "text", "none"),
]


def load() -> str:
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


# -- the sandbox, in a child process -------------------------------------------------------------------


def serve(records: int) -> None:
    from crm_sandbox import Sandbox
    from crm_sandbox.server import serve_in_thread

    sandbox = Sandbox(seed=3)
    server = serve_in_thread(sandbox, port=0)
    started = time.monotonic()
    account = sandbox.add_account("hubspot", name="bench", contacts=records, companies=max(1, records // 10))
    account.limits.enabled = False
    description = {
        "base_url": account.base_url,
        "api_version": account.api_version,
        "credentials": account.credentials,
        "seed_seconds": round(time.monotonic() - started, 1),
        "server_rss_mb": round(rss_mb()),
    }
    print(json.dumps(description, default=str), flush=True)
    sys.stdin.read()
    server.shutdown()


# -- the hub -----------------------------------------------------------------------------------------------


def make_connection(description: dict):
    from crmhub.connectors import get_connector
    from crmhub.connectors.ratelimit import BucketLimit, RateBudget
    from crmhub.models import CrmConnection
    from mappings_app.schema_sync import crm_schema_sync

    connection = CrmConnection.objects.create(
        name="bench-hubspot",
        provider="hubspot",
        base_url=description["base_url"],
        api_version=description["api_version"],
        credentials={**description["credentials"], "oauth_url": description["base_url"]},
    )
    budget = RateBudget.in_memory(
        "bench", [BucketLimit("default", 10**9, 1), BucketLimit("search", 10**9, 1)]
    )

    def build(conn):
        return get_connector(conn, rate_budget=budget, sleep=lambda s: None, timeout=300)

    with build(connection) as connector:
        crm_schema_sync(connection=connection, schemas=connector.discover_schema([OBJECT]))
    return connection, build


def sync(connection, build, *, backfill: bool):
    from datetime import UTC, datetime

    from crmhub.core.connectors import connector_factory
    from crmhub.sync import services

    options = {"kind": "backfill", "since": datetime(2000, 1, 1, tzinfo=UTC)} if backfill else {}
    with connector_factory(build):
        run = services.sync_run_request(connection=connection, object_name=OBJECT, enqueue=False, **options)
        started = time.perf_counter()
        done = services.sync_run_execute(run_id=run.pk)
        seconds = time.perf_counter() - started
    assert done.status == "completed", done.error
    return done, seconds


def destination(kind: str, workdir: Path):
    from django.db import connection

    from crmhub.exports.models import Destination
    from mappings_app.models import CrmField, OutboundMapping

    if kind == "duckdb":
        credentials = {"path": str(workdir / "bench.duckdb")}
    else:
        params = connection.settings_dict
        credentials = {
            "connection_string": f"postgresql://{params['USER']}:{params.get('PASSWORD') or ''}@"
            f"{params['HOST']}:{params['PORT']}/{params['NAME']}"
        }
    target = Destination.objects.create(
        name=f"bench-{kind}",
        kind="warehouse",
        warehouse_type=kind,
        dataset_name="bench_crm",
        credentials=credentials,
        allowed_data_classes=["identifier", "contact_personal", "operational"],
    )
    fields = {f.name: f for f in CrmField.objects.filter(crm_object__name=OBJECT)}
    for field, column, column_type, transform in COLUMNS:
        OutboundMapping.objects.create(
            destination=target,
            crm_field=fields[field],
            target=column,
            target_type=column_type,
            transform=transform,
        )
    return target


class StepTags:
    """What the drain worker is doing, for the RSS samples: dlt's steps, the warehouse connection's open
    and close (DuckDB checkpoints on close), the consent state, and the rest (reading pages, building rows)."""

    def __init__(self):
        self.current = "other"
        self.peaks: dict[str, float] = {}
        self.counts: dict[str, int] = {}

    def sample(self, rss: float) -> None:
        self.peaks[self.current] = max(self.peaks.get(self.current, 0.0), rss)
        self.counts[self.current] = self.counts.get(self.current, 0) + 1

    def wrap(self, owner, name: str, tag: str) -> None:
        original = getattr(owner, name)

        def tagged(*args, **kwargs):
            outer, self.current = self.current, tag
            try:
                return original(*args, **kwargs)
            finally:
                self.current = outer

        setattr(owner, name, tagged)

    def install(self) -> None:
        from dlt.pipeline.pipeline import Pipeline

        from crmhub.exports import services, warehouse

        for step in ("extract", "normalize", "load"):
            self.wrap(Pipeline, step, f"dlt {step}")
        self.wrap(warehouse, "duckdb_connect", "duckdb open")
        self.wrap(warehouse, "_pipeline", "dlt pipeline")
        self.wrap(warehouse, "_arrow_tables", "arrow tables")
        self.wrap(services, "_consent_remember", "consent state")
        self.wrap(warehouse, "load", "load (open, close and checkpoint)")

    def report(self) -> dict:
        return {tag: [round(self.peaks[tag]), self.counts[tag]] for tag in sorted(self.peaks)}


def drain_worker(destination_id: int, workdir: str, duckdb_memory_limit: str | None = None) -> None:
    """The worker process: run the destination's queued export runs until its buffer is empty; print one
    JSON line with what it sent, how long it took and its own RSS."""
    from django.conf import settings

    from crmhub.exports import jobs as export_jobs
    from crmhub.exports.models import ExportBatch, ExportRun

    settings.EXPORTS_WORK_DIR = Path(workdir) / "work"
    if duckdb_memory_limit:
        settings.EXPORTS_DUCKDB_MEMORY_LIMIT = duckdb_memory_limit
    baseline = rss_mb()
    started = last = time.perf_counter()
    runs = ExportRun.objects.filter(destination_id=destination_id)
    total = ExportBatch.objects.filter(destination_id=destination_id).count()
    tags = StepTags()
    tags.install()
    with export_jobs.use_dispatcher(export_jobs.InlineDispatcher()), RssSampler(tags=tags) as sampler:
        while True:
            queued = runs.filter(status="queued").order_by("pk").values_list("pk", flat=True).first()
            if queued is None:
                break
            export_jobs.export_run_job(queued)
            if time.perf_counter() - last >= 60:
                last = time.perf_counter()
                left = ExportBatch.objects.filter(destination_id=destination_id).count()
                print(
                    f"  destination {destination_id}: {left}/{total} pages left after {last - started:.0f}s; "
                    f"RSS {rss_mb():.0f} MB (peak {sampler.peak:.0f}); load {load()}",
                    file=sys.stderr,
                    flush=True,
                )
    seconds = time.perf_counter() - started
    report = {
        "seconds": seconds,
        "sent": sum(runs.values_list("records_sent", flat=True)),
        "left": ExportBatch.objects.filter(destination_id=destination_id).count(),
        "failed": list(runs.exclude(status="completed").values_list("error", flat=True)[:3]),
        "baseline": baseline,
        "peak": sampler.peak,
        "series": [round(rss) for _, rss in sampler.series],
        "ru_maxrss": peak_mb(),
        "by_step": tags.report(),
    }
    print(json.dumps(report), flush=True)


def drain(target, workdir: Path, duckdb_memory_limit: str | None = None) -> dict:
    """Drain one destination in a worker process of its own; its report."""
    limit = ["--duckdb-memory-limit", duckdb_memory_limit] if duckdb_memory_limit else []
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.exports_warehouse",
            "--drain",
            str(target.pk),
            "--workdir",
            str(workdir),
            *limit,
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def same_fields_as_the_export(sender, **kwargs) -> set[str]:
    """The read bound asks the CRM for what the export will need, with no destination to buffer for."""
    return {field for field, *_ in COLUMNS}


class Timed:
    """Time spent inside one function of a module while a read runs (the read's critical path)."""

    def __init__(self, module, name: str):
        self.module, self.name = module, name
        self.seconds: list[float] = []

    def __enter__(self):
        original = self.original = getattr(self.module, self.name)

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds.append(time.perf_counter() - started)

        setattr(self.module, self.name, timed)
        return self

    def __exit__(self, *exc):
        setattr(self.module, self.name, self.original)

    def summary(self, total: float) -> str:
        if not self.seconds:
            return "not called"
        ordered = sorted(self.seconds)
        spent = sum(ordered)
        return (
            f"{spent:.1f}s in {len(ordered)} calls = {spent / total:.1%} of the read "
            f"(mean {spent / len(ordered) * 1000:.1f} ms, p95 {ordered[int(len(ordered) * 0.95)] * 1000:.1f} ms)"
        )


def read_bound(connection, build, round_number: int) -> float:
    from crmhub.sync import services as sync_services
    from crmhub.sync import signals

    signals.fields_wanted.connect(same_fields_as_the_export, dispatch_uid="bench.same_fields")
    try:
        with RssSampler() as sampler, Timed(sync_services.SyncCycle, "_commit_page") as commits:
            bare, seconds = sync(connection, build, backfill=True)
    finally:
        signals.fields_wanted.disconnect(dispatch_uid="bench.same_fields")
    bound = bare.records_read / seconds
    print(
        f"[round {round_number}] read bound (backfill of the export's fields, no destination): "
        f"{bare.records_read:,} records in {seconds:.0f}s = {bound:,.0f} records/s; page commits "
        f"{commits.summary(seconds)}; RSS peak {sampler.peak:.0f} MB; load {load()}",
        flush=True,
    )
    return bound


def read_riding(connection, build, round_number: int, bound: float) -> float:
    from crmhub.exports import services as export_services
    from crmhub.exports.models import ExportPage
    from crmhub.sync import services as sync_services

    with (
        RssSampler() as sampler,
        Timed(sync_services.SyncCycle, "_commit_page") as commits,
        Timed(export_services, "export_page_buffer") as hook,
    ):
        riding, seconds = sync(connection, build, backfill=True)
    rate = riding.records_read / seconds
    print(
        f"[round {round_number}] read with the export buffer riding it (2 destinations): "
        f"{riding.records_read:,} records in {seconds:.0f}s = {rate:,.0f} records/s = {rate / bound:.2f} of the "
        f"bound; page commits {commits.summary(seconds)}; of which the buffer {hook.summary(seconds)}; "
        f"{ExportPage.objects.count():,} pages buffered; RSS peak {sampler.peak:.0f} MB; load {load()}",
        flush=True,
    )
    return rate / bound


def destinations_set(targets: list, *, status: str) -> None:
    from crmhub.exports.models import Destination

    Destination.objects.filter(pk__in=[t.pk for t in targets]).update(status=status)


def buffer_forget() -> None:
    from crmhub.exports.models import ExportPage, ExportRun

    ExportPage.objects.all().delete()
    ExportRun.objects.filter(status="queued").delete()


def pages_buffer(connection, target, records: int, *, page_size: int = 2_188, ids: str = "read") -> None:
    """`records` contacts buffered for `target` as the sync's pages of a sandbox read would be (--drain-only:
    the drain's memory at a table size the machine's load gives no time to mirror and read first).

    Like the real read's pages: every field the destination's plan reads (the mapped ones and the consent
    field, which the sandbox leaves empty), the sandbox's contact ids (1001 up) in the order a read by
    modification time returns them, which is not the id order (`ids="sequential"`: ascending, as the
    first synthetic pages had them), 2,188 records a page (the real run's mean), some emails and companies
    missing."""
    import random
    from datetime import UTC, datetime, timedelta

    from crm_sandbox.seed import FIRST_NAMES, LAST_NAMES, LIFECYCLE_STAGES, PERSONAL_DOMAINS, TITLES
    from crmhub.exports import page_codec, selectors
    from crmhub.exports.models import ExportBatch, ExportPage, ExportRun

    fields = selectors.object_plan(
        destination=target, connection=connection, object_name=OBJECT
    ).fields_to_read
    rng = random.Random(3)
    numbers = list(range(records))
    if ids == "read":
        rng.shuffle(numbers)
    moment = datetime(2026, 11, 1, tzinfo=UTC)
    for start in range(0, records, page_size):
        page = []
        for position in range(start, min(records, start + page_size)):
            n = numbers[position]
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            domain = (
                rng.choice(PERSONAL_DOMAINS) if rng.random() < 0.12 else f"company{rng.randrange(99_991)}.com"
            )
            values = dict.fromkeys(fields)
            values.update(
                email=f"{first}.{last}{rng.randint(1, 999)}@{domain}".lower()
                if rng.random() > 0.03
                else None,
                firstname=first,
                lastname=last,
                lifecyclestage=rng.choice(LIFECYCLE_STAGES),
                jobtitle=rng.choice(TITLES),
                associatedcompanyid=str(2_000_001 + rng.randrange(records // 10 or 1))
                if rng.random() < 0.92
                else None,
            )
            page.append(
                {
                    "id": str(1_001 + n),
                    "modified_at": moment + timedelta(milliseconds=position * 37),
                    "values": {name: values[name] for name in fields},
                }
            )
        stored = ExportPage.objects.create(
            connection=connection, object_name=OBJECT, records=page_codec.records_encode(page), gone=[]
        )
        ExportBatch.objects.create(destination=target, page=stored)
    ExportRun.objects.create(destination=target, kind="incremental")


def drain_only(args) -> None:
    from crmhub.exports import jobs as export_jobs

    workdir = Path(tempfile.mkdtemp(prefix="exports-bench-"))
    child = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.exports_warehouse", "--serve", "--records", "100"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        connection, _ = make_connection(json.loads(child.stdout.readline()))
        with export_jobs.use_dispatcher(export_jobs.InlineDispatcher()):
            for kind in args.drain_only:
                target = destination(kind, workdir)
                started = time.perf_counter()
                pages_buffer(connection, target, args.records, ids=args.ids)
                print(
                    f"{args.records:,} records ({args.ids} ids) buffered for {kind} in {time.perf_counter() - started:.0f}s; "
                    f"load {load()}",
                    flush=True,
                )
                report = drain(target, workdir, args.duckdb_memory_limit)
                assert not report["failed"] and not report["left"], report
                print(
                    f"{kind} (ids {args.ids}, memory_limit {args.duckdb_memory_limit or 'as set'}): drained {report['sent']:,} records in {report['seconds']:.0f}s = "
                    f"{report['sent'] / report['seconds']:,.0f} records/s; worker RSS after start-up "
                    f"{report['baseline']:.0f} MB, peak {report['peak']:.0f} MB sampled, every 5 s "
                    f"{report['series']}; peak by step (MB, samples) {report['by_step']}; load {load()}",
                    flush=True,
                )
    finally:
        child.stdin.close()
        child.wait(timeout=60)


def body(args) -> None:
    from crmhub.exports import jobs as export_jobs

    workdir = Path(tempfile.mkdtemp(prefix="exports-bench-"))
    child = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.exports_warehouse", "--serve", "--records", str(args.records)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        description = json.loads(child.stdout.readline())
        print(
            f"sandbox seeded with {args.records:,} contacts in {description['seed_seconds']}s "
            f"(server RSS {description['server_rss_mb']} MB, another process); load {load()}",
            flush=True,
        )
        connection, build = make_connection(description)
        first, seconds = sync(connection, build, backfill=False)
        print(
            f"mirrored {first.records_created:,} contacts in {seconds:.0f}s; RSS {rss_mb():.0f} MB; load {load()}",
            flush=True,
        )
        # Export runs are left queued in the database; the worker processes below pick them up.
        with export_jobs.use_dispatcher(export_jobs.InlineDispatcher()):
            if args.mirror_only_read:
                alone, seconds = sync(connection, build, backfill=True)
                print(
                    f"read of the mirror's fields only (no destination): {alone.records_read:,} records in "
                    f"{seconds:.0f}s = {alone.records_read / seconds:,.0f} records/s; load {load()}",
                    flush=True,
                )
            targets = []
            bound, ratios = 0.0, []
            for round_number in range(1, args.rounds + 1):
                destinations_set(targets, status="paused")  # the bound: no destination to buffer for
                bound = read_bound(connection, build, round_number)
                if not targets:
                    targets = [destination(kind, workdir) for kind in ("duckdb", "postgres")]
                buffer_forget()  # each drain below drains one read's pages
                destinations_set(targets, status="active")
                ratios.append(read_riding(connection, build, round_number, bound))
            if len(ratios) > 1:
                print(f"riding / bound per round: {', '.join(f'{r:.2f}' for r in ratios)}", flush=True)
        for target in targets:
            report = drain(target, workdir)
            assert not report["failed"] and not report["left"], report
            rate = report["sent"] / report["seconds"]
            print(
                f"{target.warehouse_type}: drained {report['sent']:,} records in {report['seconds']:.0f}s = "
                f"{rate:,.0f} records/s = {rate / bound:.2f} of the read bound; worker RSS after start-up "
                f"{report['baseline']:.0f} MB, peak {report['peak']:.0f} MB sampled (ru_maxrss "
                f"{report['ru_maxrss']:.0f}), every 5 s {report['series']}; peak by step (MB, samples) "
                f"{report['by_step']}; load {load()}",
                flush=True,
            )
        print(f"sync process ru_maxrss {peak_mb():.0f} MB (the mirror cycle included)", flush=True)
    finally:
        child.stdin.close()
        child.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--mirror-only-read", action="store_true")
    parser.add_argument(
        "--rounds", type=int, default=1, help="bare read and riding read alternated this many times"
    )
    parser.add_argument(
        "--drain-only",
        nargs="+",
        choices=("duckdb", "postgres"),
        help="buffer --records synthetic pages for these destinations and drain them (no mirror, no read)",
    )
    parser.add_argument(
        "--ids",
        choices=("read", "sequential"),
        default="read",
        help="--drain-only: contact ids in the order a read returns them (default) or ascending",
    )
    parser.add_argument(
        "--duckdb-memory-limit",
        help="--drain-only: the DuckDB drain's memory_limit (EXPORTS_DUCKDB_MEMORY_LIMIT; unset: the setting's)",
    )
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--drain", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.records)
        return
    from benchmarks.writeback_common import servers, setup_django

    if args.drain:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crmhub.test_settings")
        import django

        django.setup()  # the parent's DATABASE_URL and REDIS_URL are in the environment, migrated
        import dlt  # noqa: F401 - the loader is part of the worker; its start-up RSS includes it
        import pyarrow  # noqa: F401

        drain_worker(args.drain, args.workdir, args.duckdb_memory_limit)
        return
    with servers():
        setup_django()
        drain_only(args) if args.drain_only else body(args)


if __name__ == "__main__":
    main()
