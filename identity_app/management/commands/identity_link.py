"""Link a whole file of external records to CRM records in batch (backfills, audits, one-off file pairs).

Two ways to run it:
- against a connection the hub knows (`--connection`, optionally `--flow` for its rules and review items);
- offline, on a file pair with no setup (`--provider`, `--object`, `--kind`, `--mirror-csv`): the command
  makes a transient connection, flow and rules of that kind, and removes them (and the mirror it loaded)
  when it ends.

Files stream: the export is loaded and the inbound file resolved and written batch by batch, so memory does
not grow with the files. Progress goes to stderr; the summary to stdout.
"""

import contextlib
import functools
import os
import resource
import signal
import tempfile
import threading
import time
import uuid
from collections import Counter
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

import phonenumbers
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection as db
from django.db import transaction

from crmhub.core.gc_pause import collector_paused
from crmhub.logging import redact
from crmhub.models import CrmConnection, Provider
from identity_app import crm_references, csv_io, mirror_index, services, shared_identifiers
from identity_app import resolver as resolver_module
from identity_app.attributes import (
    ATTRIBUTE_TYPES,
    CRM_REFERENCE,
    DEFAULT_ATTRIBUTE_MAP,
    PERSONAL_IDENTIFIER,
    SOCIAL_PROFILE,
    EntityKind,
    company_number_column,
    entity_kind_for_object,
    entity_kind_named,
    profile_column,
    provider_number_column,
)
from identity_app.models import IdentityRuleSet, MirrorIdentifier, MirrorRecord, defaults_for_kind
from identity_app.resolver import Resolver, Rules
from identity_app.scoring import custom_attribute_rules
from identity_app.training import Reservoir
from identity_app.workers import WorkerError, map_shared, worker_pool
from mappings_app.models import CrmObject, Flow

# Reading the whole mirror into memory costs about 50 µs per mirror record and saves 0.2-0.3 ms per resolved
# record (benchmarks/README.md): it pays once the file holds a fifth as many records as the mirror.
INDEX_PAYS_FROM_SHARE = 0.2
OFFLINE_PREFIX = "offline file run"
MIN_WORKER_BATCH = 100
# Without --workers, an offline in-memory run takes one worker per CPU it may use (at most AUTO_WORKERS_MAX)
# once its files are this large: below, forking and feeding workers costs about what they save.
AUTO_WORKERS_FROM_INBOUND = 2000
AUTO_WORKERS_FROM_MIRROR = 10000
AUTO_WORKERS_MAX = 8


class RedactedOutput:
    """A command's stderr whose lines pass `crmhub.logging.redact`: what a file run says of the files (a
    header that is a row of data, repeated ids, its errors) carries no raw email or token, as logs do not."""

    def __init__(self, wrapped):
        self.wrapped = wrapped

    def write(self, msg="", style_func=None, ending=None):
        self.wrapped.write(redact(msg), style_func, ending)

    def __getattr__(self, name):
        return getattr(self.wrapped, name)


class Progress:
    """Records done, rate, and (when known) the share of the file, on stderr at most every `every` s."""

    def __init__(self, stream, *, label: str, total: int | None, enabled: bool, every: float = 1.0):
        self.stream, self.label, self.total, self.enabled, self.every = stream, label, total, enabled, every
        self.started = self.shown = time.monotonic()
        self.done = self.shown_done = 0

    def add(self, count: int, *, final: bool = False) -> None:
        self.done += count
        now = time.monotonic()
        if not self.enabled or self.done == self.shown_done or (not final and now - self.shown < self.every):
            return
        self.shown, self.shown_done = now, self.done
        rate = self.done / max(now - self.started, 1e-9)
        share = f" of {self.total:,} ({self.done / self.total:.0%})" if self.total else ""
        self.stream.write(f"{self.label}: {self.done:,}{share}, {rate:,.0f}/s\n")
        self.stream.flush()


def _counted(records, progress: Progress, every: int = services.MIRROR_BATCH_SIZE):
    """The records, unchanged, adding to `progress` as they are read."""
    for chunk in services.chunks(records, every):
        yield from chunk
        progress.add(len(chunk))


def _resolve_in_worker(spec, batch: list[dict]) -> list:
    """Resolve one batch in a worker; what goes back is what the results file shows."""
    resolver = Resolver.from_spec(spec)
    resolver.explain = False  # contributions are dropped below: not worth building
    resolutions = resolver.resolve_batch(batch)
    for resolution in resolutions:
        resolution.inbound, resolution.explanation = {}, []
        resolution.candidates = [
            {"crm_id": c["crm_id"], "score": c["score"]} for c in resolution.candidates[:3]
        ]
    return resolutions


def tapering_chunks(records, size: int, total: int, workers: int):
    """Lists of the records, in order, of up to `size` each: smaller at the start, so that each worker has
    a batch soon (this process reads and sends them one after the other, while the workers wait), and
    towards the end (an even share of what is left for each of the batches in flight, `WorkerPool.map`'s
    two a worker), so that the workers finish their last batches close together instead of one waiting on
    the other's last full batch; never under MIN_WORKER_BATCH. `total`: about how many records there are."""
    iterator, sent, ramp = iter(records), 0, MIN_WORKER_BATCH
    while True:
        share = -(-(total - sent) // (2 * workers))
        chunk = list(islice(iterator, max(MIN_WORKER_BATCH, min(size, share, ramp))))
        if not chunk:
            return
        sent += len(chunk)
        ramp *= 2
        yield chunk


def _forget_inbounds() -> None:
    """The inbound profiles a run remembered (`resolver.INBOUNDS`) let go, and no more remembered."""
    resolver_module.INBOUNDS.enabled = False
    resolver_module.INBOUNDS.clear()


def _shared_mapper(workers: int):
    """How an in-memory mirror load normalises its chunks: here alone, or here and in helpers."""
    return None if workers <= 1 else functools.partial(map_shared, workers=workers)


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished worker processes."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _took(started: float, cpu: float) -> str:
    """Wall time since `started` and CPU time since `cpu` (`_cpu_seconds`: on a shared machine they differ)."""
    return f"{time.monotonic() - started:.1f} s ({_cpu_seconds() - cpu:.1f} s of CPU)"


def kind_option(word) -> str | None:
    """--kind as one of the entity kinds (plurals and CRM words accepted), None when not given."""
    if not word:
        return None
    try:
        return entity_kind_named(word)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc


def _usable_cpus() -> int:
    """The CPUs this process may run on (a container's or `taskset`'s limit), or the machine's."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _in_memory(options) -> bool:
    """Whether the run keeps the CRM export in memory: an offline run whose export is small enough."""
    mirror_rows = options["mirror_rows"]
    return (
        options["provider"] is not None
        and mirror_rows is not None
        and mirror_rows <= settings.IDENTITY_MIRROR_INDEX_MAX_RECORDS
    )


@contextmanager
def opened_csv(path: Path):
    """The file opened as CSV (`csv_io.open_csv`); one that is plainly not CSV text is refused, naming it."""
    try:
        handle = csv_io.open_csv(path)
    except csv_io.CsvReadError as exc:
        raise CommandError(f"{path}: {exc}") from None
    with handle:
        yield handle


def count_rows(
    path: Path, id_columns=(), repeats=None, dates=None
) -> tuple[int, list[csv_io.ShortenedIds], set[int] | None]:
    """Data rows of a CSV file, its id columns that hold ids in scientific notation (`csv_io.read_through`,
    which fills `repeats` and `dates`) and, in a UTF-8 file with bytes that are not, the lines of the rows
    holding them (None for any other file); a file that cannot be read to its end is refused."""
    undecoded = set() if csv_io.text_encoding(path) == csv_io.UTF8_DAMAGED else None
    with csv_io.open_csv(path) as handle:
        try:
            return (*csv_io.read_through(handle, id_columns, repeats, undecoded, dates), undecoded)
        except csv_io.CsvReadError as exc:
            raise CommandError(f"{path}: {exc}") from None


ATTRIBUTE_OPTION = "--attribute COLUMN=TYPE"


def add_attribute_option(parser) -> None:
    parser.add_argument(
        "--attribute",
        action="append",
        default=[],
        metavar="COLUMN=TYPE",
        help="Offline: compare a column no built-in attribute reads, in both files, as a custom attribute of "
        f"this type ({', '.join(ATTRIBUTE_TYPES)}), or leave it out ({IGNORE}); repeatable. An identifier (a "
        "national id, a social security or member number) is one person's own: its exact agreement is personal "
        "evidence.",
    )
    parser.add_argument(
        "--no-shared-identifiers",
        dest="shared_identifiers",
        action="store_false",
        help="Offline: compare no column as an identifier unless declared with --attribute (by default a column "
        "both files share is compared as one when the data shows it is: see the README's identity section).",
    )


def add_region_option(parser) -> None:
    parser.add_argument(
        "--region",
        default="",
        help="Offline: the country (ISO code: IN, DE, GB, ...) of the phone numbers either file writes without "
        "a country code and beside no country of their own; default US (a flow's rules say it for a flow).",
    )


def region_option(value, offline: bool) -> str:
    """--region as an ISO country code the numbering plans know, upper-cased; "" when not given."""
    region = (value or "").strip().upper()
    if region and region not in phonenumbers.SUPPORTED_REGIONS:
        raise CommandError(
            f"--region {value!r} is not a country code with a numbering plan (IN, DE, GB, ...)."
        )
    if region and not offline:
        raise CommandError("--region is for offline runs; a flow's rules give its region (default region).")
    return region


IGNORE = "ignore"  # --attribute COLUMN=ignore: not compared, not even as a shared identifier


def untrained_hint(low_score: int) -> str:
    """What an offline run without --train tells its user: with no fitted weights only keys link."""
    return (
        f"No model was fitted in this run, so only keys (ids, email, phone) linked; {low_score:,} records were "
        "scored but cannot link on their names, addresses and dates. Add --train to fit and check the weights "
        "on these files and link those that pass."
    )


def declared_attributes(values, offline: bool) -> dict[str, str]:
    """{column: type} of the --attribute options, each checked (the type `IGNORE` for a column left out)."""
    declared: dict[str, str] = {}
    for value in values or ():
        column, _, kind = (value or "").partition("=")
        column, kind = column.strip(), kind.strip().lower()
        if not column or kind not in (*ATTRIBUTE_TYPES, IGNORE):
            raise CommandError(
                f"--attribute {value!r}: write COLUMN=TYPE, the type one of {', '.join(ATTRIBUTE_TYPES)} "
                f"or {IGNORE} (e.g. --attribute soc_sec_id=identifier)."
            )
        read_as = [
            name for name, fields in DEFAULT_ATTRIBUTE_MAP.items() if column in fields or column == name
        ]
        if read_as:
            raise CommandError(
                f"--attribute {value!r}: the column {column!r} is read as the built-in {read_as[0]} already."
            )
        declared[column] = kind
    if declared and not offline:
        raise CommandError(
            "--attribute is for offline runs (--provider); a flow declares its custom attributes in its "
            "identity rules (mirror fields and attribute types)."
        )
    return declared


def compared_attributes(declared: dict[str, str]) -> dict[str, str]:
    """The declared columns that are compared: all but those left out (`IGNORE`)."""
    return {column: kind for column, kind in declared.items() if kind != IGNORE}


def _attributes_of(fieldnames) -> set[str]:
    """The built-in attributes a file's (renamed) columns feed."""
    names = set(fieldnames or [])
    return {attribute for attribute, fields in DEFAULT_ATTRIBUTE_MAP.items() if names.intersection(fields)}


PERSON_COLUMNS = {"first_name", "last_name", "full_name", "emails"}


def check_out_path(out: Path, inputs=()) -> None:
    """Refuses a results path that cannot be written, or that is one of the `inputs`, before anything is
    loaded."""
    if any(path is not None and path.exists() and out.exists() and out.samefile(path) for path in inputs):
        raise CommandError(f"--out {out} is one of the input files: the results would replace it.")
    if out.is_dir():
        raise CommandError(f"--out {out} is a directory: give a file name, e.g. {out / 'results.csv'}.")
    parent = out.parent
    if not parent.is_dir():
        raise CommandError(f"--out {out}: there is no directory {parent}.")
    if not os.access(parent, os.W_OK | os.X_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise CommandError(f"--out {out}: not writable (check the permissions of {parent}).")


@contextmanager
def written_atomically(out: Path):
    """A handle to a temporary file next to `out` that becomes `out` only when the block ends without an
    error: an interrupted or failed run leaves no results file that looks complete (nor a stray one)."""
    descriptor, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".partial")
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(name, 0o666 & ~umask)  # as a file opened for writing would be, not mkstemp's 0600
        with os.fdopen(descriptor, "w", newline="", encoding="utf-8") as handle:
            yield handle
        os.replace(name, out)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


@contextmanager
def interrupted_as_keyboard_interrupt():
    """SIGTERM (a scheduler's stop, `kill`) ends the run as Ctrl-C does: through the cleanup (the transient
    flow and its mirror removed, no results file half-written), not in the middle of it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    owner = os.getpid()

    def stop(signum, frame):
        if os.getpid() != owner:
            # A forked worker, stopped by its pool (`terminate` sends SIGTERM): it ends as SIGTERM ends it.
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def unsynced_commits(database=db):
    """An offline run's commits are not waited onto the disk (SQLite in WAL mode: `synchronous` NORMAL;
    PostgreSQL: `synchronous_commit` off), for this connection and this run only. All it writes (its
    transient connection, flow, rules and fit) is removed when it ends, so a power cut could lose nothing
    worth keeping, and neither setting risks the database's consistency; the commits' waits for the disk
    were most of the run's database time (28 of 35 ms on the people files). Inside a caller's transaction
    (a test's) nothing is changed: SQLite refuses the change there."""
    if database.in_atomic_block or database.vendor not in ("sqlite", "postgresql"):
        yield
        return
    with database.cursor() as cursor:
        previous = _set_synced(database.vendor, cursor, None)
    try:
        yield
    finally:
        with database.cursor() as cursor:
            _set_synced(database.vendor, cursor, previous)


def _set_synced(vendor: str, cursor, value):
    """Sets how a connection's commits wait for the disk (None: not at all) and returns what it was."""
    if vendor == "sqlite":
        cursor.execute("PRAGMA synchronous")
        (previous,) = cursor.fetchone()
        cursor.execute("PRAGMA journal_mode")
        if (
            cursor.fetchone()[0].lower() == "wal"
        ):  # in a rollback journal, NORMAL could corrupt on a power cut
            cursor.execute(f"PRAGMA synchronous = {1 if value is None else int(value)}")  # 1: NORMAL
        return previous
    cursor.execute("SELECT current_setting('synchronous_commit')")
    (previous,) = cursor.fetchone()
    cursor.execute("SELECT set_config('synchronous_commit', %s, false)", ["off" if value is None else value])
    return previous


def check_database() -> None:
    """A database without the hub's tables (a fresh file never migrated) is refused in words."""
    if MirrorRecord._meta.db_table not in db.introspection.table_names():
        raise CommandError(
            f"The database ({db.settings_dict['NAME']}) has no CRM Hub tables yet: run `python manage.py "
            "migrate` once first."
        )


class Command(BaseCommand):
    help = (
        "Resolve every row of an external CSV against the identifier mirror and write a results CSV. "
        "Offline (--provider, --object, --kind, --mirror-csv) it needs no prior setup."
    )
    # The system checks import every URLconf, view and form of the web app (a third of a small run's start-up);
    # a file run uses none of them, and `manage.py check` and the server still run them.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("external_csv", type=Path)
        parser.add_argument("--out", type=Path, required=True, help="Results CSV.")
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--connection", help="Connection name or id the mirror belongs to.")
        where.add_argument(
            "--provider",
            choices=[value for value, _ in Provider.choices],
            help="Offline run on a file pair: no connection needed (use with --mirror-csv).",
        )
        parser.add_argument("--object", required=True, dest="object_name", help="CRM object, e.g. contacts.")
        parser.add_argument(
            "--kind",
            help="What the records are: person, organisation or deal, or a plural (people, companies, "
            "accounts, deals, opportunities); default: what the object's name says; a flow's own kind wins.",
        )
        parser.add_argument(
            "--crm-external-id-field",
            default="",
            help="Offline: the CRM export's column holding the inbound file's ids (how deals are matched).",
        )
        parser.add_argument("--mirror-csv", type=Path, help="Load this CRM export into the mirror first.")
        parser.add_argument("--id-column", default="", help="The CRM export's id column, if not recognised.")
        parser.add_argument(
            "--external-id-column", default="", help="The inbound file's id column, if not recognised."
        )
        parser.add_argument("--flow", help="Flow name whose identity rules apply (default rules otherwise).")
        parser.add_argument("--source-system", default="", help="Source system when the CSV has no column.")
        parser.add_argument("--create-review-items", action="store_true", help="Needs --flow.")
        parser.add_argument(
            "--train",
            action="store_true",
            help="Fit and check the weights on this file first; an accepted model turns on probabilistic "
            "linking for an offline run (with --flow it is stored as the flow's, and needs --user).",
        )
        parser.add_argument("--user", help="Username the fit is recorded under (with --flow --train).")
        parser.add_argument("--batch-size", type=int, default=services.RESOLVE_BATCH_SIZE)
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Worker processes for fitting and resolving an offline run whose CRM export is kept in "
            "memory (they share it, forked after the load). Default: one per CPU this process may use (at "
            f"most {AUTO_WORKERS_MAX}) once the file holds {AUTO_WORKERS_FROM_INBOUND:,} records or the CRM "
            f"export {AUTO_WORKERS_FROM_MIRROR:,}; 1 for smaller files and for runs against a connection.",
        )
        add_attribute_option(parser)
        add_region_option(parser)
        parser.add_argument("--no-progress", dest="progress", action="store_false", help="No progress lines.")

    _release_transient = None  # an offline run's transient records removed early (`_transient_flow`)

    def handle(self, *args, **options):
        self.stderr = RedactedOutput(self.stderr)  # the command's errors are written there too
        with interrupted_as_keyboard_interrupt():
            try:
                self._handle(**options)
            except KeyboardInterrupt:
                raise CommandError(
                    "Interrupted: nothing was written to the results file, and the run's transient records "
                    "are removed.",
                    returncode=130,
                ) from None

    def _handle(self, **options):
        for name in ("external_csv", "mirror_csv", "out"):
            if options[name] is not None:
                options[name] = Path(options[name])  # call_command passes keyword options unparsed
        check_out_path(options["out"], (options["external_csv"], options["mirror_csv"]))
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        if options["workers"] is not None and options["workers"] < 1:
            raise CommandError("--workers must be at least 1.")
        offline = options["provider"] is not None
        if offline and not options["mirror_csv"]:
            raise CommandError("An offline run (--provider) needs the CRM export: --mirror-csv FILE.")
        if offline and options["flow"]:
            raise CommandError("--flow belongs to a connection; an offline run makes its own transient flow.")
        if options["create_review_items"] and not options["flow"]:
            raise CommandError("--create-review-items needs --flow: review items belong to a flow.")
        if options["train"] and options["flow"] and not options["user"]:
            raise CommandError("--train on a flow changes its weights: say who with --user USERNAME.")
        self.progress = options["progress"]
        options["kind"] = kind_option(options.get("kind"))
        if options.get("crm_external_id_field") and not offline:
            raise CommandError("--crm-external-id-field is for offline runs; a flow has its own field.")
        options["region"] = region_option(options.get("region"), offline)
        options["declared"] = declared_attributes(options.get("attribute"), offline)
        options["declared_fields"] = {}
        check_database()
        self._check_inbound(options)  # a file without an id column is refused before any work
        if offline and not options["region"]:
            options["region"] = self._files_region(options)
        if options["workers"] is None:
            options["workers"] = self._default_workers(options)
        if offline:
            with unsynced_commits(), self._transient_flow(options) as flow:
                self._run(flow.connection, flow, options)
        else:
            connection = self._connection(options["connection"])
            flow = self._flow(connection, options["flow"]) if options["flow"] else None
            if flow is not None and flow.crm_object.name != options["object_name"]:
                raise CommandError(
                    f"Flow {flow.name} writes to {flow.crm_object.name}, not {options['object_name']}."
                )
            self._run(connection, flow, options)

    def _files_region(self, options) -> str:
        """The region both files' rows are in when no --region is given: the country the rows of each file
        that name one nearly all name (`csv_io.named_region`), where the files do not name two."""
        regions = {
            region
            for path in (options["external_csv"], options["mirror_csv"])
            if (region := csv_io.named_region(path))
        }
        if len(regions) != 1:
            return ""
        [region] = regions
        self.stdout.write(
            f"Region: {region}, the country the files' rows name; numbers written nationally are read there "
            "(--region to choose another)."
        )
        return region

    def _default_workers(self, options) -> int:
        if not _in_memory(options):
            return 1  # workers share an in-memory mirror only
        if options["total"] < AUTO_WORKERS_FROM_INBOUND and options["mirror_rows"] < AUTO_WORKERS_FROM_MIRROR:
            return 1
        workers = min(_usable_cpus(), AUTO_WORKERS_MAX)
        if workers > 1:
            self.stdout.write(f"Workers: {workers}, one per CPU (--workers N to choose).")
        return workers

    # -- the run ------------------------------------------------------------------------------------------

    def _run(self, connection, flow, options) -> None:
        # A run on a mirror kept in memory leaves next to no cyclic garbage (390 objects after the 5,000-record
        # people file), but each collection between its batches walked what it keeps (the remembered inbound
        # profiles, the mirror until it is frozen) and all of Django: up to 0.5 s of that run's 4 s of CPU.
        # So the collector waits for the end of the run, not of each batch.
        paused = collector_paused() if _in_memory(options) else contextlib.nullcontext()
        try:
            with paused:
                self._run_file(connection, flow, options)
        except WorkerError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            _forget_inbounds()

    def _run_file(self, connection, flow, options) -> None:
        object_name = options["object_name"]
        rules = services.identity_rules_for_flow(flow=flow) if flow else None
        total, mirror_rows = options["total"], options["mirror_rows"]
        in_memory = _in_memory(options)
        source_system = options["source_system"] or (flow.source_system if flow else "")
        lookup_keys = gathering_keys = None
        # An offline run normalises each inbound record once, for the mirror's keys, the fit and the resolve;
        # a file read only once (no keys pass, no fit) is not remembered: memory stays flat however long it is.
        read_again = options["train"] or (in_memory and total <= mirror_rows)
        resolver_module.INBOUNDS.enabled = in_memory and read_again
        if in_memory and total <= mirror_rows:  # else most of the export's keys are looked up anyway
            lookup_keys = set()
            gathering_keys = self._lookup_key_steps(
                connection, object_name, rules, source_system, options, lookup_keys
            )
            if options["workers"] <= 1 or not options["mirror_csv"]:
                for _ in gathering_keys:
                    pass
                gathering_keys = None
            # else the pass runs while the load's helper normalises the export's first chunks (`_load_mirror`)
        if options["mirror_csv"]:
            self._load_mirror(
                connection, object_name, options, rules if in_memory else None, lookup_keys, gathering_keys
            )
        if not in_memory:
            mirror_size = MirrorRecord.objects.filter(connection=connection, object_name=object_name).count()
            if total >= INDEX_PAYS_FROM_SHARE * mirror_size:
                mirror_index.keep_in_memory()
        # Forked once the mirror is loaded (which helpers forked before it share, `_shared_mapper`): the
        # workers level the fit's sample (a chunk each, while this process levels the random pairs), then
        # resolve the file.
        with worker_pool(options["workers"] if in_memory else 1) as pool:
            if options["train"]:
                self._train(rules, options, source_system, pool)
            started, cpu = time.monotonic(), _cpu_seconds()
            counts = self._resolve_file(connection, flow, object_name, source_system, options, total, pool)
            if pool is not None:
                pool.end_when_done()  # the workers exit while this process lets go of the inbound profiles
            _forget_inbounds()
        # After the workers ended: their CPU time is counted (their share of the fit's included).
        summary = ", ".join(f"{outcome} {count}" for outcome, count in sorted(counts.items()))
        self.stdout.write(
            f"Resolved {sum(counts.values())} records in {_took(started, cpu)}: {summary}. "
            f"Results in {options['out']}."
        )
        if options["provider"] is not None and not options["train"] and counts.get("low_score"):
            self.stdout.write(untrained_hint(counts["low_score"]))

    def _resolve_file(self, connection, flow, object_name, source_system, options, total, pool) -> Counter:
        counts: Counter = Counter()
        progress = Progress(self.stderr, label="resolved", total=total, enabled=self.progress)
        with (
            csv_io.open_csv(options["external_csv"]) as source,
            written_atomically(options["out"]) as out,
        ):
            records = self._inbound(source, source_system, options, keep_rejected=True)
            writer = csv_io.ResultsWriter(out, records.rejected)
            for batch in self._resolved(connection, flow, object_name, source_system, records, options, pool):
                writer.write(batch)
                counts.update(resolution.outcome for resolution in batch)
                progress.add(len(batch))
            writer.finish()
        if records.rejected.count:
            counts[csv_io.REJECTED] = records.rejected.count
            self.stderr.write(
                f"{options['external_csv']}: {records.rejected}; each is in the results with decision "
                f"'{csv_io.REJECTED}' and its reason."
            )
        progress.add(0, final=True)
        return counts

    def _inbound(self, handle, source_system: str, options, **kwargs) -> csv_io.InboundFile:
        """The inbound file as every pass reads it (the same rows rejected each time)."""
        return csv_io.InboundFile(
            handle,
            source_system=source_system,
            id_column=options["external_id_column"],
            repeated=options["inbound_repeats"].repeated,
            undecoded=options["inbound_undecoded"],
            id_attribute=options.get("inbound_id_attribute", ""),
            month_first=options.get("inbound_month_first", False),
            **kwargs,
        )

    def _resolved(self, connection, flow, object_name, source_system, records, options, pool=None):
        """Batches of resolutions, in file order."""
        size = options["batch_size"]
        if pool is not None:  # an offline run: no review items, no links learned
            rules = Rules.from_rule_set(services.identity_rules_for_flow(flow=flow))
            spec = (connection.pk, object_name, rules)
            # Batches small enough that every worker keeps busy to the end of the file.
            size = max(MIN_WORKER_BATCH, min(size, -(-options["total"] // (4 * pool.workers))))
            chunks = tapering_chunks(records, size, options["total"], pool.workers)
            batches = pool.map(functools.partial(_resolve_in_worker, spec), chunks)
            for number, batch in enumerate(batches):
                yield batch
                if number == 0 and self._release_transient is not None:
                    # Nothing reads the database from here on: an offline run's transient records are
                    # removed while the workers resolve, not after them (this process is idle meanwhile).
                    self._release_transient()
            return
        if flow is not None:
            for batch in services.chunks(records, size):
                yield services.identity_resolve(
                    flow=flow,
                    records=batch,
                    create_review_items=options["create_review_items"],
                    learn_links=False,
                    batch_size=size,
                    explain=False,  # the results file shows no contributions
                )
            return
        kind = options["kind"] or entity_kind_for_object(object_name)
        resolver = Resolver(
            connection_id=connection.pk,
            object_name=object_name,
            rules=Rules(source_system=source_system, entity_kind=kind, **defaults_for_kind(kind)),
        )
        for batch in services.chunks(records, size):
            yield resolver.resolve_batch(batch)

    def _lookup_key_steps(self, connection, object_name: str, rules, source_system: str, options, keys: set):
        """Steps of the pass adding to `keys` every mirror key resolving the inbound file may look up
        (`Resolver.lookup_keys`), a batch a step: an in-memory mirror indexes only these."""
        resolver = Resolver(
            connection_id=connection.pk, object_name=object_name, rules=Rules.from_rule_set(rules)
        )
        # The fit's sample is drawn on the way (`_train`): the file is not read again for it.
        sample = Reservoir() if options["train"] else None
        with csv_io.open_csv(options["external_csv"]) as handle:
            records = self._inbound(handle, source_system, options)
            for batch in services.chunks(records, options["batch_size"]):
                keys |= resolver.lookup_keys(batch)
                if sample is not None:
                    sample.add(batch)
                yield
        options["training_sample"] = sample

    def _load_mirror(
        self,
        connection,
        object_name: str,
        options,
        in_memory_rules=None,
        lookup_keys=None,
        gathering_keys=None,
    ) -> None:
        """Load the CRM export into the mirror, or, given the rules of an offline run whose export fits in
        memory, into an in-memory mirror that lives as long as the run (no database writes), indexing only
        `lookup_keys` when given (filled by the steps `gathering_keys`, when given, as the load starts)."""
        started, cpu = time.monotonic(), _cpu_seconds()
        progress = Progress(self.stderr, label="CRM export loaded", total=None, enabled=self.progress)
        with csv_io.open_csv(options["mirror_csv"]) as handle:
            try:
                export = csv_io.MirrorFile(
                    handle,
                    object_name=object_name,
                    id_column=options["id_column"],
                    undecoded=options["mirror_undecoded"],
                    month_first=options.get("mirror_month_first", False),
                )
            except csv_io.CsvColumnsError as exc:
                raise CommandError(f"{options['mirror_csv']}: {exc}") from exc
            if in_memory_rules is not None:
                # Normalised a column at a time, here and, with --workers, in a helper too. All chunks sent to
                # workers cost more than they saved (measured: 1.9 s of CPU against 1.3 s here alone); this
                # process, which stores every chunk, normalises those it reaches while the helper's are out
                # (`map_shared`).
                stored = services.mirror_load_in_memory(
                    rule_set=in_memory_rules,
                    records=_counted(export, progress),
                    lookup_keys=lookup_keys,
                    gathering_keys=gathering_keys,
                    mapper=_shared_mapper(options["workers"]),
                )
                where = "in memory for this run"
            else:
                stored = 0
                for batch in services.chunks(export, services.MIRROR_BATCH_SIZE):
                    stored += services.mirror_upsert(
                        connection=connection, object_name=object_name, records=batch
                    )
                    progress.add(len(batch))
                where = "stored"
        progress.add(0, final=True)
        self.stdout.write(
            f"Mirror: {stored} records {where} in {_took(started, cpu)} (id column {export.id_column!r})."
        )
        for skipped in export.skipped():
            self.stderr.write(f"{options['mirror_csv']}: {skipped}.")
        if stored == 0:
            raise CommandError(f"{options['mirror_csv']} holds no CRM record with an id: nothing to link to.")

    def _train(self, rules: IdentityRuleSet, options, source_system: str, pool=None) -> None:
        started, cpu = time.monotonic(), _cpu_seconds()
        drawn = options.get("training_sample")
        with (
            contextlib.nullcontext() if drawn is not None else csv_io.open_csv(options["external_csv"])
        ) as handle:
            # The sample the keys pass drew is the one `reservoir_sample` draws from the file read again.
            records = drawn.sample if drawn is not None else self._inbound(handle, source_system, options)
            if rules.flow.name.startswith(OFFLINE_PREFIX):
                estimate = services.identity_rules_fit(
                    rule_set=rules,
                    records=records,
                    actor=None,
                    source_label=options["external_csv"].name,
                    pool=pool,
                )
            else:
                estimate = services.identity_rules_estimate_weights(
                    rule_set=rules,
                    records=records,
                    actor=self._user(options["user"]),
                    source_label=options["external_csv"].name,
                )
        self.stderr.write(f"{estimate.summary} (fit and checks: {_took(started, cpu)})")
        if estimate.accepted and rules.flow.name.startswith(OFFLINE_PREFIX):
            # A transient flow that exists for this file only: the checked model is used at once.
            IdentityRuleSet.objects.filter(pk=rules.pk).update(probabilistic_enabled=True)
            self.stderr.write("Probabilistic linking is on for this run.")

    # -- setup --------------------------------------------------------------------------------------------

    def _check_inbound(self, options) -> None:
        if not options["external_csv"].is_file():
            raise CommandError(f"No file {options['external_csv']}.")
        with opened_csv(options["external_csv"]) as handle:
            try:
                inbound = csv_io.InboundFile(handle, id_column=options["external_id_column"])
            except (csv_io.CsvColumnsError, csv_io.CsvReadError) as exc:
                raise CommandError(f"{options['external_csv']}: {exc}") from exc
        try:
            self._report_columns(options["external_csv"], inbound, options)
            if options["mirror_csv"] and options["mirror_csv"].is_file():
                with opened_csv(options["mirror_csv"]) as handle:
                    try:
                        export = csv_io.MirrorFile(
                            handle, object_name=options["object_name"], id_column=options["id_column"]
                        )
                    except (csv_io.CsvColumnsError, csv_io.CsvReadError) as exc:
                        raise CommandError(f"{options['mirror_csv']}: {exc}") from exc
                self._report_columns(options["mirror_csv"], export, options)
            # Both files are read to their end (a NUL byte, a cell over the field limit) before anything of them
            # is loaded or resolved; the ids on several rows are noted on the way.
            options["inbound_repeats"] = inbound.repeated_ids()
            inbound_dates = csv_io.DayMonthOrder(inbound.reader.fieldnames)
            options["total"], shortened, options["inbound_undecoded"] = count_rows(
                options["external_csv"],
                (inbound.id_column, *csv_io.INBOUND_FLAG_COLUMNS),
                options["inbound_repeats"],
                inbound_dates,
            )
            if options["total"] == 0:
                raise CommandError(f"{options['external_csv']} has a header but no rows: nothing to link.")
            for warning in shortened:
                self.stderr.write(f"Warning: {options['external_csv'].name}: {warning}")
            options["mirror_rows"] = options["mirror_undecoded"] = None
            options["mirror_repeats"] = csv_io.RepeatedIds("")
            export_dates = None
            if options["mirror_csv"] and options["mirror_csv"].is_file():
                options["mirror_repeats"] = csv_io.RepeatedIds(export.id_column, compare_rows=False)
                export_dates = csv_io.DayMonthOrder(export.reader.fieldnames)
                options["mirror_rows"], shortened, options["mirror_undecoded"] = count_rows(
                    options["mirror_csv"], (export.id_column,), options["mirror_repeats"], export_dates
                )
                if options["mirror_rows"] == 0:
                    raise CommandError(
                        f"{options['mirror_csv']} has a header but no rows: nothing to link to."
                    )
                if shortened:
                    # A link is written to the CRM id: to a shortened one it would go to an unknown record.
                    raise CommandError(
                        f"{options['mirror_csv']}: {shortened[0]} Nothing may be linked to them."
                    )
                self._read_dates_month_first(inbound_dates, export_dates, options)
                if options["mirror_repeats"].repeated:
                    self.stderr.write(
                        f"{options['mirror_csv'].name}: {options['mirror_repeats']}: the last row of each is read "
                        "as the record's latest version."
                    )
                self._check_kind(inbound, export, options)
                self._shared_identifiers(inbound, export, options)
                self._crm_references(inbound, export, options)
                self._source_ids(inbound, export, options)
            elif options["mirror_csv"]:
                raise CommandError(f"No file {options['mirror_csv']}.")
            else:
                self._read_dates_month_first(inbound_dates, None, options)
        finally:
            self._write_column_reports(options)
        files = [inbound, export] if options["mirror_csv"] else [inbound]
        for column in options.get("declared") or {}:
            if not any(column in (file.reader.fieldnames or []) for file in files):
                raise CommandError(f"--attribute {column}=...: neither file has a column {column!r}.")

    def _read_dates_month_first(self, inbound_dates, export_dates, options) -> None:
        """Reads each file's dates of birth month first where its own dates say they are written so (a US
        export's "3/4/1985" is March 4th), and a file whose dates do not say as the other file is read: a date
        compared as written the other way would agree with the person's own only by chance."""
        inbound_order = inbound_dates.written_month_first
        export_order = export_dates.written_month_first if export_dates else None
        options["inbound_month_first"] = bool(inbound_order if inbound_order is not None else export_order)
        options["mirror_month_first"] = bool(export_order if export_order is not None else inbound_order)
        files = [(options["external_csv"], inbound_dates, options["inbound_month_first"])]
        if export_dates is not None:
            files.append((options["mirror_csv"], export_dates, options["mirror_month_first"]))
        for path, dates, month_first in files:
            if month_first:
                said = (
                    str(dates)
                    if dates.month_first
                    else "dates of birth read month first, as the other file's"
                )
                self.stderr.write(f"{path.name}: {said}.")

    def _shared_identifiers(self, inbound, export, options) -> None:
        """An offline run compares a column both files share as an identifier when their data shows it is one
        (`shared_identifiers`), as `--attribute COLUMN=identifier` would; it says which, and why others are
        not."""
        kind = options["kind"] or entity_kind_for_object(options["object_name"])
        if (
            options["provider"] is None
            or kind == EntityKind.DEAL
            or not options.get("shared_identifiers", True)
        ):
            return
        declared = options.get("declared") or {}
        self._profile_columns(inbound, export, options, declared)
        self._provider_number_columns(inbound, export, options, declared)
        self._company_number_id_column(inbound, options)
        options["declared"] = declared
        decided = {
            shared_identifiers.column_key(label)
            for column in declared
            for label in options["declared_fields"].get(column, [column])
        }
        columns = shared_identifiers.candidates(inbound.unread, export.unread, decided)
        if not columns:
            return
        self._detect_in_files(shared_identifiers.detect, columns, inbound, export, options, kind)
        for column in columns:
            self.stderr.write(shared_identifiers.line(column))
            if column.used:
                declared[column.crm_label] = shared_identifiers.IDENTIFIER
                options["declared_fields"][column.crm_label] = list(
                    dict.fromkeys((column.crm_label, column.inbound_label))
                )
        options["declared"] = declared

    def _profile_columns(self, inbound, export, options, declared: dict) -> None:
        """A person's social profile address in both files, under whatever label each gives it ("LinkedIn URL"
        in the CRM, "Profile URL" in a prospect list), is compared as one person's identifier in its canonical
        form (`normalise_emails.profile_url`), as `--attribute COLUMN=profile` would: a person keeps it through a job
        change, and no two people hold one."""
        kind = options["kind"] or entity_kind_for_object(options["object_name"])
        if kind != EntityKind.PERSON:
            return
        crm_label, inbound_label = profile_column(export.unread), profile_column(inbound.unread)
        meaning = "a person's social profile address (their own, through a job change)"
        self._declare_found_column(options, declared, (crm_label, inbound_label), SOCIAL_PROFILE, meaning)

    def _provider_number_columns(self, inbound, export, options, declared: dict) -> None:
        """A US provider's National Provider Identifier in both files ("NPI Number", a CRM's custom property;
        "NPI", a registry's, often the file's id column too) is compared as the person's identifier, as
        `--attribute COLUMN=identifier` would: NPPES gives one NPI a provider for life. An organisation's NPI
        is never a person's, so a person's record holding it agrees with no one."""
        kind = options["kind"] or entity_kind_for_object(options["object_name"])
        if kind != EntityKind.PERSON:
            return
        crm_label = provider_number_column(export.unread)
        inbound_label = provider_number_column(inbound.unread) or provider_number_column([inbound.id_column])
        meaning = "a provider's National Provider Identifier (one person's for life)"
        found = self._declare_found_column(
            options, declared, (crm_label, inbound_label), PERSONAL_IDENTIFIER, meaning
        )
        if found and inbound_label == inbound.id_column:
            options["inbound_id_attribute"] = inbound_label

    def _company_number_id_column(self, inbound, options) -> None:
        """A company register's file is keyed by the company number (Companies House's "CompanyNumber"): its id
        column is also the organisation's company registration number, read as a CRM's field for it is
        (`attributes.COMPANY_NUMBER`)."""
        kind = options["kind"] or entity_kind_for_object(options["object_name"])
        if kind == EntityKind.ORGANISATION and company_number_column([inbound.id_column]):
            options.setdefault("inbound_id_attribute", inbound.id_column)

    def _declare_found_column(
        self, options, declared: dict, labels: tuple, attribute_type: str, meaning: str
    ) -> bool:
        """Declare a column found in both files (`labels`: the CRM export's, the inbound file's) as
        `attribute_type` and say so, unless either was missing or the user declared either; whether it did."""
        crm_label, inbound_label = labels
        if not crm_label or not inbound_label:
            return False
        keys = {shared_identifiers.column_key(label) for label in labels}
        if any(shared_identifiers.column_key(column) in keys for column in declared):
            return False  # the user said how to read it
        declared[crm_label] = attribute_type
        options["declared_fields"][crm_label] = list(dict.fromkeys(labels))
        shown = (
            crm_label
            if crm_label == inbound_label
            else f"{crm_label} ({inbound_label!r} in the inbound file)"
        )
        self.stderr.write(f"{shown}: compared as {meaning}; --attribute {crm_label}=ignore leaves it out.")
        return True

    def _crm_references(self, inbound, export, options) -> None:
        """An offline run of people or organisations reads an inbound column of CRM ids another system stored
        for its records (`crm_references`) as `--attribute COLUMN=crm_id` would; it says which, and why a column
        some of whose values name CRM records is not."""
        kind = options["kind"] or entity_kind_for_object(options["object_name"])
        if options["provider"] is None or kind == EntityKind.DEAL:
            return
        declared = options.get("declared") or {}
        columns = crm_references.candidates(
            inbound.reader.fieldnames, inbound.id_column, set(inbound.unread), set(declared)
        )
        if not columns:
            return
        self._detect_in_files(crm_references.detect, columns, inbound, export, options, kind)
        for column in columns:
            if column.used or crm_references.values_held(column):
                self.stderr.write(crm_references.line(column))
            if column.used:
                declared[column.label] = CRM_REFERENCE
        options["declared"] = declared

    def _source_ids(self, inbound, export, options) -> None:
        """An offline run of people or organisations without --crm-external-id-field reads a CRM column
        holding the inbound file's ids (`crm_references.detect_source_ids`: a migration's or an integration's
        custom field) as that option would; it says which, and why a column some of whose values are the
        inbound ids is not."""
        kind = options["kind"] or entity_kind_for_object(options["object_name"])
        if options["provider"] is None or kind == EntityKind.DEAL or options.get("crm_external_id_field"):
            return
        columns = crm_references.source_id_candidates(
            export.reader.fieldnames, export.id_column, set(export.unread)
        )
        if not columns:
            return
        self._detect_in_files(crm_references.detect_source_ids, columns, inbound, export, options, kind)
        for column in columns:
            if column.used or column.uuid_held:
                self.stderr.write(crm_references.source_id_line(column))
            if column.used:
                options["crm_external_id_field"] = column.label

    @staticmethod
    def _detect_in_files(detect, columns, inbound, export, options, kind) -> None:
        """`detect(columns, inbound records, export records, kind)`, both files streamed from disk."""

        def export_records():
            with csv_io.open_csv(options["mirror_csv"]) as lines:
                yield from csv_io.MirrorFile(
                    lines,
                    object_name=options["object_name"],
                    id_column=export.id_column,
                    undecoded=options["mirror_undecoded"],
                    month_first=options.get("mirror_month_first", False),
                )

        with csv_io.open_csv(options["external_csv"]) as inbound_lines:
            records = csv_io.InboundFile(
                inbound_lines,
                id_column=inbound.id_column,
                undecoded=options["inbound_undecoded"],
                month_first=options.get("inbound_month_first", False),
            )
            detect(columns, records, export_records, kind)

    def _check_kind(self, inbound, export, options) -> None:
        """Refuses an offline run whose --kind (or the object's name) the files' columns contradict: people
        compared as companies would link colleagues, companies compared as people link nothing."""
        if options["provider"] is None:
            return  # a flow's rules say what its records are
        kind = options["kind"] or entity_kind_for_object(options["object_name"])
        how = f"--kind {options['kind']}" if options["kind"] else f"--object {options['object_name']}"
        if kind == EntityKind.DEAL:
            field = options.get("crm_external_id_field") or ""
            if field and field not in (export.reader.fieldnames or []):
                raise CommandError(
                    f"{options['mirror_csv']} has no column {field!r} (--crm-external-id-field). Its columns: "
                    f"{', '.join(name for name in export.reader.fieldnames if name)}."
                )
            if not field and "crm_id" not in (inbound.reader.fieldnames or []):
                raise CommandError(
                    f"Deals ({how}) are matched by CRM id or external id only: {options['external_csv'].name} "
                    "has no crm_id column, and no --crm-external-id-field names the CRM export's column "
                    "holding the inbound ids. Nothing could match."
                )
            return
        for path, file in ((options["external_csv"], inbound), (options["mirror_csv"], export)):
            attributes = _attributes_of(file.reader.fieldnames)
            if kind == EntityKind.PERSON and not attributes & PERSON_COLUMNS:
                raise CommandError(
                    f"{path.name}: {how} compares people, but the file has no name or email column "
                    f"(its columns: {', '.join(name for name in file.reader.fieldnames if name)}). If its "
                    "records are companies, say --kind organisation."
                )
        export_attributes = _attributes_of(export.reader.fieldnames)
        if kind == EntityKind.ORGANISATION and {"first_name", "last_name"} <= export_attributes:
            raise CommandError(
                f"{options['mirror_csv'].name}: {how} compares companies, but the CRM export has first and "
                "last names: its records are people (contacts, leads, person accounts), and as companies "
                "colleagues would link to each other. Say --kind person."
            )

    def _write_column_reports(self, options) -> None:
        """What each file's columns were read as, said once the shared identifiers are known (a column the
        detector compares is reported as compared, not as unread)."""
        declared = compared_attributes(options.get("declared") or {})
        labels = options.get("declared_fields") or {}
        by_label = {
            label: kind for column, kind in declared.items() for label in labels.get(column, [column])
        }
        offline = options["provider"] is not None
        kind = options["kind"] or entity_kind_for_object(options["object_name"])
        for path, file in options.pop("column_reports", []):
            if report := file.columns_report(by_label, ATTRIBUTE_OPTION if offline else "", kind):
                self.stderr.write(f"{path.name}: {report}.")

    def _report_columns(self, path: Path, file, options) -> None:
        """Says which labelled columns were read as which field and which are not compared; an offline
        run (default rules only) refuses a file none of whose columns it can compare."""
        declared = compared_attributes(options.get("declared") or {})
        options.setdefault("column_reports", []).append((path, file))
        if note := csv_io.encoding_note(path.name, csv_io.text_encoding(path)):
            self.stderr.write(note)
        fields = [name for name in file.reader.fieldnames or [] if name and name != file.id_column]
        kind = options["kind"] or entity_kind_for_object(options["object_name"])
        if (
            kind != EntityKind.DEAL
            and options["provider"] is not None
            and fields
            and set(file.unread) - set(declared) >= set(fields)
        ):
            raise CommandError(
                f"{path}: none of its columns is one I can compare ({', '.join(map(repr, fields))}). Name "
                "them as the README's identity section lists (email, first_name, last_name, company, phone, "
                "website, ...)."
            )

    @contextmanager
    def _transient_flow(self, options):
        """A connection, object, flow and rules of the asked kind for this run only, removed afterwards
        with everything loaded under them (the mirror included)."""
        object_name = options["object_name"]
        kind = options["kind"] or entity_kind_for_object(object_name)
        name = f"{OFFLINE_PREFIX} {uuid.uuid4().hex[:12]}"
        with transaction.atomic():
            connection = CrmConnection.objects.create(
                name=name, provider=options["provider"], base_url="https://offline.invalid"
            )
            crm_object = CrmObject.objects.create(connection=connection, name=object_name, label=object_name)
            flow = Flow.objects.create(
                connection=connection,
                name=name,
                source_system=options["source_system"] or "file",
                crm_object=crm_object,
            )
            IdentityRuleSet.objects.create(
                flow=flow,
                entity_kind=kind,
                external_id_field=options.get("crm_external_id_field") or "",
                default_region=options.get("region") or "US",
                **_with_declared(
                    defaults_for_kind(kind),
                    compared_attributes(options.get("declared") or {}),
                    options.get("declared_fields") or {},
                ),
            )
        removal = _Once(functools.partial(_remove_transient, connection, flow))
        self._release_transient = removal
        try:
            yield flow
        finally:
            self._release_transient = None
            removal()

    def _connection(self, value: str) -> CrmConnection:
        lookup = {"pk": int(value)} if value.isdigit() else {"name": value}
        try:
            return CrmConnection.objects.get(**lookup)
        except CrmConnection.DoesNotExist as exc:
            raise CommandError(f"No connection {value!r}.") from exc

    def _flow(self, connection, name: str) -> Flow:
        try:
            return Flow.objects.select_related("crm_object").get(connection=connection, name=name)
        except Flow.DoesNotExist as exc:
            raise CommandError(f"No flow {name!r} on {connection.name}.") from exc

    def _user(self, username: str):
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"No user {username!r}.") from exc


@transaction.atomic
def _with_declared(rules: dict, declared: dict[str, str], fields: dict[str, list[str]] | None = None) -> dict:
    """An offline run's rule-set fields with its --attribute columns (and shared identifiers) declared: each
    mirrored from the column of its name (or the `fields` given: a shared identifier's header as each file
    writes it), typed, compared (`scoring.custom_attribute_rules`) and, when it names one record, blocked on."""
    if not declared or not rules["comparisons"]:  # deals compare nothing
        return rules
    comparisons, blocks = custom_attribute_rules(declared)
    fields = fields or {}
    return {
        **rules,
        "mirror_fields": {column: fields.get(column, [column]) for column in declared},
        "attribute_types": dict(declared),
        "comparisons": [*rules["comparisons"], *comparisons],
        "blocking_rules": [*rules["blocking_rules"], *blocks],
    }


class _Once:
    """`function()` the first time it is called; later calls do nothing."""

    def __init__(self, function):
        self.function = function

    def __call__(self) -> None:
        function, self.function = self.function, None
        if function is not None:
            function()


def _remove_transient(connection, flow) -> None:
    """The mirror rows go first in two plain SQL deletes: nothing else refers to an offline run's mirror, and
    Django's delete would read every record back to look for what cascades."""
    with db.cursor() as cursor:
        for model in (MirrorIdentifier, MirrorRecord):
            cursor.execute(
                f"DELETE FROM {model._meta.db_table} WHERE connection_id = %s",  # noqa: S608 - constant names
                [connection.pk],
            )
    flow.delete()
    connection.delete()
