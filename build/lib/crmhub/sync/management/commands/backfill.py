"""Re-read an object's changes from a point in time (after an outage, or to seed the mirror)."""

from django.core.management.base import BaseCommand, CommandError

from crmhub.core.timestamps import parse_timestamp_or_none
from crmhub.sync.management.commands.sync_now import connection_named, run_and_report
from crmhub.sync.models import SyncKind


class Command(BaseCommand):
    help = "Backfill one object from --since (ISO date or time); resumes from its checkpoint if stopped."

    def add_arguments(self, parser):
        parser.add_argument("connection", help="Connection name or id.")
        parser.add_argument("object_name")
        parser.add_argument("--since", required=True, help="e.g. 2026-01-01 or 2026-01-01T09:00:00+00:00")

    def handle(self, *args, **options):
        since = parse_timestamp_or_none(options["since"])  # without a zone: UTC
        if since is None:
            raise CommandError(f"--since is not an ISO date or time: {options['since']!r}")
        connection = connection_named(options["connection"])
        run_and_report(self, connection, options["object_name"], SyncKind.BACKFILL, since=since)
