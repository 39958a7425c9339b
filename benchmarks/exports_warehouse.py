"""Exporting CRM records to a warehouse as a fraction of the CRM read bound, with memory.

N sandbox contacts (default 100,000) are mirrored once; then, for each of: no destination (the read bound),
DuckDB, PostgreSQL (the benchmark's own server, a schema of its own), a backfill cycle reads every record
again from the CRM, and the export runs drain what that read buffered. Printed per destination: the read's
records/s with the export buffer riding it, the drain's records/s into the warehouse, their ratio to the
bare read's records/s, and RSS (sampled per drained step) and peak.

    .venv/bin/python -m benchmarks.exports_warehouse [--records 100000]
"""

import tempfile
import time
from pathlib import Path

from benchmarks.sync_common import START, arguments, main, peak_mb, rss_mb, run_cycle, world

COLUMNS = [
    ("email", "email", "text", "none"),
    ("email", "email_sha256", "text", "sha256_email"),
    ("firstname", "first_name", "text", "none"),
    ("lastname", "last_name", "text", "none"),
    ("lifecyclestage", "lifecycle_stage", "text", "none"),
    ("jobtitle", "job_title", "text", "none"),
    ("associatedcompanyid", "company_id", "text", "none"),
]


def backfill(connection, build, sandbox):
    from crmhub.core import clock
    from crmhub.core.connectors import connector_factory
    from crmhub.sync import services

    with connector_factory(build), clock.use_clock(sandbox.clock.now):
        run = services.sync_run_request(
            connection=connection,
            object_name="contacts",
            kind="backfill",
            since=START.replace(year=2000),
            enqueue=False,
        )
        return services.sync_run_execute(run_id=run.pk)


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
    fields = {f.name: f for f in CrmField.objects.filter(crm_object__name="contacts")}
    for field, column, column_type, transform in COLUMNS:
        OutboundMapping.objects.create(
            destination=target,
            crm_field=fields[field],
            target=column,
            target_type=column_type,
            transform=transform,
        )
    return target


def drain(dispatcher, samples) -> float:
    from crmhub.core import clock  # noqa: F401 - the export runner reads the hub clock

    started = time.perf_counter()
    while dispatcher.pending:
        dispatcher.drain(limit=1)
        samples.append(rss_mb())
    return time.perf_counter() - started


def body():
    from django.conf import settings

    from crmhub.exports import jobs as export_jobs
    from crmhub.exports.models import Destination, ExportRun

    args = arguments(100_000)
    workdir = Path(tempfile.mkdtemp(prefix="exports-bench-"))
    settings.EXPORTS_WORK_DIR = workdir / "work"
    sandbox, _account, connection, build = world(args.records)
    first = run_cycle(connection, build, sandbox)
    assert first.status == "completed", first.error
    print(f"mirrored {first.records_created:,} contacts; RSS {rss_mb():.0f} MB", flush=True)

    dispatcher = export_jobs.InlineDispatcher()
    with export_jobs.use_dispatcher(dispatcher):
        started = time.perf_counter()
        bare = backfill(connection, build, sandbox)
        read_bound = bare.records_read / (time.perf_counter() - started)
        print(
            f"read bound (no destination): {bare.records_read:,} records at {read_bound:,.0f} records/s",
            flush=True,
        )
        for kind in ("duckdb", "postgres"):
            Destination.objects.all().delete()
            target = destination(kind, workdir)
            samples = []
            started = time.perf_counter()
            riding = backfill(connection, build, sandbox)
            read_rate = riding.records_read / (time.perf_counter() - started)
            seconds = drain(dispatcher, samples)
            runs = ExportRun.objects.filter(destination=target)
            sent = sum(run.records_sent for run in runs)
            failed = [run.error for run in runs if run.status != "completed"]
            assert not failed, failed
            print(
                f"{kind}: read with the export riding {read_rate:,.0f} records/s ({read_rate / read_bound:.2f} of the "
                f"bound); drained {sent:,} records in {seconds:.0f}s = {sent / seconds:,.0f} records/s = "
                f"{sent / seconds / read_bound:.2f} of the read bound; RSS at 10% {samples[len(samples) // 10]:.0f} MB, "
                f"at end {samples[-1]:.0f} MB, peak {peak_mb():.0f} MB",
                flush=True,
            )


if __name__ == "__main__":
    main(body)
