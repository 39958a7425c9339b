from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from crmhub.exports import services
from crmhub.exports.models import Destination
from crmhub.models import CrmConnection


class Command(BaseCommand):
    help = (
        "Read an object again from a date (a sync backfill whose pages reach every destination the object "
        "feeds), or --full-refresh: remove the connection's rows of the object from the destination first."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination")
        parser.add_argument("connection")
        parser.add_argument("object_name")
        parser.add_argument(
            "--since", type=datetime.fromisoformat, help="ISO date-time, e.g. 2026-01-01T00:00+00:00"
        )
        parser.add_argument("--full-refresh", action="store_true")

    def handle(self, *args, destination, connection, object_name, since, full_refresh, **options):
        found = Destination.objects.filter(name=destination).first()
        crm = CrmConnection.objects.filter(name=connection).first()
        if found is None or crm is None:
            raise CommandError("Unknown destination or connection.")
        if since is None and not full_refresh:
            raise CommandError("Give --since or --full-refresh.")
        run = services.export_backfill_request(
            destination=found, connection=crm, object_name=object_name, since=since, full_refresh=full_refresh
        )
        self.stdout.write(f"{run.get_kind_display()}: sync run #{run.sync_run_id} reads {object_name} again.")
