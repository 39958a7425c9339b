from django.core.management.base import BaseCommand, CommandError

from crmhub.exports import reconciliation
from crmhub.exports.models import Destination


class Command(BaseCommand):
    help = (
        "Compare a warehouse destination with the CRM (counts, picklists, null rates, joins, sampled values)."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination")

    def handle(self, *args, destination, **options):
        found = Destination.objects.filter(name=destination).first()
        if found is None:
            raise CommandError(f"No destination named {destination!r}.")
        try:
            result = reconciliation.reconcile(destination=found)
        except reconciliation.NothingLoadedYet as exc:
            raise CommandError(exc.message) from exc
        reconciliation.export_alerts_evaluate(destination=found, reconciliation=result)
        for finding in result.findings:
            mark = "ok  " if finding["ok"] else "DIFF"
            self.stdout.write(f"{mark} {finding['object']} {finding['check']}: {finding['detail']}")
        self.stdout.write(f"{result.differences} differences.")
