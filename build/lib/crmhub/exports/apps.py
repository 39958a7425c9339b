from django.apps import AppConfig


class ExportsConfig(AppConfig):
    """Outbound: CRM records into warehouses (through dlt) and CDPs (Segment spec), riding the sync read."""

    name = "crmhub.exports"
    label = "exports"
    verbose_name = "Exports to warehouses and CDPs"

    def ready(self) -> None:
        from crmhub.exports import receivers

        receivers.connect()
