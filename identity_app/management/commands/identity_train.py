"""Fit a flow's comparison weights on a file of inbound records, check the model, and print its report.

    manage.py identity_train inbound.csv --connection acme --flow "lead scores" --object contacts --user alice
    manage.py identity_train inbound.csv --provider hubspot --object contacts --kind person --mirror-csv crm.csv \
        [--attribute soc_sec_id=identifier]

With a flow, an accepted model becomes the flow's weights (a refused one changes nothing). Offline, the fit
runs on a transient copy of the export and nothing is kept: a dry run of the model. Exits with status 1 when
the model is refused, so a script can stop there.
"""

from pathlib import Path

from django.core.management.base import CommandError

from identity_app import csv_io, services, training
from identity_app.management.commands import identity_link


class Command(identity_link.Command):
    help = "Fit and check the identity model on an inbound CSV and print its report (weights in plain words)."

    def add_arguments(self, parser):
        parser.add_argument("external_csv", type=Path)
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--connection", help="Connection name or id (with --flow).")
        where.add_argument("--provider", help="Offline dry run on a file pair (with --mirror-csv).")
        parser.add_argument("--object", required=True, dest="object_name", help="CRM object, e.g. contacts.")
        parser.add_argument(
            "--kind", help="person, organisation or deal (or a plural: people, companies, accounts, deals)."
        )
        parser.add_argument("--mirror-csv", type=Path, help="Load this CRM export into the mirror first.")
        parser.add_argument("--id-column", default="", help="The CRM export's id column, if not recognised.")
        parser.add_argument("--external-id-column", default="", help="The inbound file's id column.")
        parser.add_argument("--flow", help="The flow whose weights are fitted (with --connection).")
        parser.add_argument("--user", help="Username the fit is recorded under (with --flow).")
        parser.add_argument("--source-system", default="", help="Source system when the CSV has no column.")
        identity_link.add_attribute_option(parser)
        identity_link.add_region_option(parser)
        parser.add_argument("--no-progress", dest="progress", action="store_false", help="No progress lines.")

    def handle(self, *args, **options):
        self.stderr = identity_link.RedactedOutput(self.stderr)
        with identity_link.interrupted_as_keyboard_interrupt():
            try:
                self._train_file(**options)
            except KeyboardInterrupt:
                raise CommandError(
                    "Interrupted: nothing was fitted or stored, and the run's transient records are removed.",
                    returncode=130,
                ) from None

    def _train_file(self, **options):
        for name in ("external_csv", "mirror_csv"):
            if options[name] is not None:
                options[name] = Path(options[name])
        self.progress = options["progress"]
        options["kind"] = identity_link.kind_option(options.get("kind"))
        if options["provider"] and not options["mirror_csv"]:
            raise CommandError("An offline fit (--provider) needs the CRM export: --mirror-csv FILE.")
        options["region"] = identity_link.region_option(options.get("region"), bool(options["provider"]))
        options["declared"] = identity_link.declared_attributes(
            options.get("attribute"), bool(options["provider"])
        )
        options["declared_fields"] = {}
        identity_link.check_database()
        self._check_inbound(options)
        if options["provider"] and not options["region"]:
            options["region"] = self._files_region(options)
        if options["provider"]:
            with self._transient_flow(options) as flow:
                self._load_mirror(flow.connection, options["object_name"], options)
                estimate = self._fit(flow, options, actor=None)
        else:
            if not options["flow"] or not options["user"]:
                raise CommandError("Weights belong to a flow: give --flow NAME and --user USERNAME.")
            connection = self._connection(options["connection"])
            flow = self._flow(connection, options["flow"])
            if options["mirror_csv"]:
                self._load_mirror(connection, flow.crm_object.name, options)
            estimate = self._fit(flow, options, actor=self._user(options["user"]))
        for line in training.report_lines(estimate.report):
            self.stdout.write(line)
        if not estimate.accepted:
            raise CommandError(estimate.summary)

    def _fit(self, flow, options, *, actor):
        rules = services.identity_rules_for_flow(flow=flow)
        source_system = options["source_system"] or flow.source_system
        with csv_io.open_csv(options["external_csv"]) as handle:
            records = self._inbound(handle, source_system, options)
            if actor is None:
                return services.identity_rules_fit(
                    rule_set=rules, records=records, actor=None, source_label=options["external_csv"].name
                )
            return services.identity_rules_estimate_weights(
                rule_set=rules, records=records, actor=actor, source_label=options["external_csv"].name
            )
