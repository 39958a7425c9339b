"""manage.py crm_discover <connection>: read a CRM's schema and upsert it into the mapping catalog."""

from django.core.management.base import BaseCommand, CommandError

from crmhub.connectors import CrmError, get_connector
from crmhub.connectors.ratelimit import RateBudget, connection_buckets
from crmhub.models import CrmConnection
from mappings_app.schema_sync import crm_schema_sync


class Command(BaseCommand):
    help = "Discover the objects and fields of a CRM connection and upsert them into the catalog."

    def add_arguments(self, parser):
        parser.add_argument("connection", help="Name of the CRM connection.")
        parser.add_argument(
            "--objects", default="", help="Comma-separated object names (default: provider's)."
        )
        parser.add_argument(
            "--local-budget",
            action="store_true",
            help="Count the rate budget in this process instead of Redis (when no worker runs).",
        )

    def handle(self, *args, **options):
        connection = _connection(options["connection"])
        objects = [name.strip() for name in options["objects"].split(",") if name.strip()] or None
        kwargs = {"rate_budget": _local_budget(connection)} if options["local_budget"] else {}
        try:
            with get_connector(connection, **kwargs) as connector:
                schemas = connector.discover_schema(objects)
        except CrmError as exc:
            raise CommandError(f"Discovery failed: {exc}") from exc
        for schema in schemas:
            self.stdout.write(f"{schema.name}: {len(schema.fields)} fields")
        summary = crm_schema_sync(connection=connection, schemas=schemas)
        self.stdout.write(self.style.SUCCESS(summary.as_text()))


def _connection(name: str) -> CrmConnection:
    try:
        return CrmConnection.objects.get(name=name)
    except CrmConnection.DoesNotExist:
        raise CommandError(f"No CRM connection named {name!r}.") from None


def _local_budget(connection: CrmConnection) -> RateBudget:
    return RateBudget.in_memory(f"connection-{connection.pk}", connection_buckets(connection))
