from django.apps import AppConfig


class SyncConfig(AppConfig):
    """Sync cycles, webhooks and trigger flows: their own app so their models migrate on their own."""

    name = "crmhub.sync"
    label = "sync"
    verbose_name = "Sync cycles and webhooks"
