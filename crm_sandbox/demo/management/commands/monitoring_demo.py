from django.utils import timezone

from crm_sandbox.demo.command import DemoCommand
from mappings_app.models import Flow
from monitoring_app import demo, selectors


class Command(DemoCommand):
    help = "Generate hourly monitoring history for every flow (demo data), then run one monitoring cycle."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=90)

    def handle(self, *args, days: int, **options):
        flows = list(Flow.objects.select_related("crm_object"))
        fields = selectors.mapped_fields(flows)
        count = demo.points_generate(flows=flows, days=days, now=timezone.now(), fields=fields)
        self.stdout.write(f"{count} points for {len(flows)} flows over {days} days.")
