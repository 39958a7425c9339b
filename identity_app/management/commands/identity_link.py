"""Link a whole file of external records to CRM records in batch (backfills and audits)."""

from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from crmhub.models import CrmConnection
from identity_app import csv_io, mirror_index, services
from identity_app.models import MirrorRecord
from identity_app.resolver import Resolver, Rules
from mappings_app.models import Flow

# Reading the whole mirror into memory costs about 50 µs per mirror record and saves 0.2-0.3 ms per resolved
# record (benchmarks/README.md): it pays once the file holds a fifth as many records as the mirror.
INDEX_PAYS_FROM_SHARE = 0.2


class Command(BaseCommand):
    help = "Resolve every row of an external CSV against the identifier mirror and write a results CSV."

    def add_arguments(self, parser):
        parser.add_argument("external_csv", type=Path)
        parser.add_argument("--connection", required=True, help="Connection name or id.")
        parser.add_argument("--object", required=True, dest="object_name", help="CRM object, e.g. contacts.")
        parser.add_argument("--mirror-csv", type=Path, help="Load this CRM export into the mirror first.")
        parser.add_argument("--flow", help="Flow name whose identity rules apply (default rules otherwise).")
        parser.add_argument("--source-system", default="", help="Source system when the CSV has no column.")
        parser.add_argument("--create-review-items", action="store_true", help="Needs --flow.")
        parser.add_argument("--out", type=Path, required=True, help="Results CSV.")
        parser.add_argument("--batch-size", type=int, default=services.RESOLVE_BATCH_SIZE)

    def handle(self, *args, **options):
        for name in ("external_csv", "mirror_csv", "out"):
            if options[name] is not None:
                options[name] = Path(options[name])  # call_command passes keyword options unparsed
        connection = self._connection(options["connection"])
        object_name = options["object_name"]
        flow = self._flow(connection, options["flow"]) if options["flow"] else None
        if options["create_review_items"] and flow is None:
            raise CommandError("--create-review-items needs --flow: review items belong to a flow.")
        if flow is not None and flow.crm_object.name != object_name:
            raise CommandError(f"Flow {flow.name} writes to {flow.crm_object.name}, not {object_name}.")
        if options["mirror_csv"]:
            with options["mirror_csv"].open(newline="", encoding="utf-8-sig") as handle:
                stored = services.mirror_upsert(
                    connection=connection, object_name=object_name, records=csv_io.mirror_records(handle)
                )
            self.stdout.write(f"Mirror: {stored} records stored.")

        source_system = options["source_system"] or (flow.source_system if flow else "")
        with options["external_csv"].open(newline="", encoding="utf-8-sig") as handle:
            records = list(csv_io.inbound_records(handle, source_system=source_system))
        mirror_size = MirrorRecord.objects.filter(connection=connection, object_name=object_name).count()
        if len(records) >= INDEX_PAYS_FROM_SHARE * mirror_size:
            mirror_index.keep_in_memory()
        if flow is not None:
            resolutions = services.identity_resolve(
                flow=flow,
                records=records,
                create_review_items=options["create_review_items"],
                learn_links=False,
                batch_size=options["batch_size"],
            )
        else:
            resolver = Resolver(
                connection_id=connection.pk, object_name=object_name, rules=Rules(source_system=source_system)
            )
            size = options["batch_size"]
            resolutions = [
                r
                for start in range(0, len(records), size)
                for r in resolver.resolve_batch(records[start : start + size])
            ]
        with options["out"].open("w", newline="", encoding="utf-8") as handle:
            csv_io.write_results(handle, resolutions)
        counts = Counter(r.outcome for r in resolutions)
        summary = ", ".join(f"{outcome} {count}" for outcome, count in sorted(counts.items()))
        self.stdout.write(f"Resolved {len(resolutions)} records: {summary}. Results in {options['out']}.")

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
