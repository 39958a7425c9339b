from django.apps import AppConfig


class WritebackConfig(AppConfig):
    """Governed write-back: its own app so its models migrate on their own (they moved out of crmhub)."""

    name = "crmhub.writeback"
    label = "writeback"
    verbose_name = "Write-back"

    def ready(self):
        from crmhub.writeback import receivers  # noqa: F401  (releases held writes on review decisions)
