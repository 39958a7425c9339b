from django.core.management.base import BaseCommand, CommandError

from crmhub.exports import jobs, services
from crmhub.exports.models import Destination


class Command(BaseCommand):
    help = "Drain what the sync read buffered for a destination into it now (the Run now button)."

    def add_arguments(self, parser):
        parser.add_argument("destination", help="Destination name.")
        parser.add_argument("--inline", action="store_true", help="Run here instead of on the worker.")

    def handle(self, *args, destination, inline, **options):
        found = Destination.objects.filter(name=destination).first()
        if found is None:
            raise CommandError(f"No destination named {destination!r}.")
        if inline:
            with jobs.use_dispatcher(jobs.InlineDispatcher()) as dispatcher:
                run = services.export_run_request(destination=found)
                dispatcher.drain()
            run.refresh_from_db()
            self.stdout.write(
                f"Export run #{run.pk}: {run.status}, {run.records_sent} sent, {run.records_failed} failed."
            )
            return
        run = services.export_run_request(destination=found)
        self.stdout.write(f"Export run #{run.pk} queued.")
