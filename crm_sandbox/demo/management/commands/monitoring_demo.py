from django.utils import timezone

from crm_sandbox.demo.command import DemoCommand
from mappings_app.models import Flow
from monitoring_app import demo, selectors, services
from monitoring_app.models import MetricPoint


class Command(DemoCommand):
    help = (
        "Run one monitoring cycle (the current hour's real measurement, alerts judged), then generate hourly demo "
        "history before it, labelled as generated and anchored to the measured values."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=90)

    def handle(self, *args, days: int, **options):
        now = timezone.now()
        cycle = services.monitoring_cycle(now=now)
        flows = list(Flow.objects.select_related("crm_object"))
        live = {
            (metric, key): value
            for metric, key, value in MetricPoint.objects.filter(
                bucket_start=services.bucket_of(now), synthetic=False
            ).values_list("metric", "scope_key", "value")
        }
        baselined = set(selectors.active_baselines(flow.pk for flow in flows))
        count = demo.points_generate(
            flows=flows,
            days=days,
            now=now,
            fields=selectors.mapped_fields(flows),
            live=live,
            baselined=baselined,
        )
        self.stdout.write(
            f"Measured {cycle.points} points now ({cycle.evaluation.opened} alerts opened); generated {count} "
            f"points of demo history for {len(flows)} flows over {days} days."
        )
