from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CrmhubConfig(AppConfig):
    name = "crmhub"
    verbose_name = "CRM Hub"

    def ready(self):
        from crmhub import checks  # noqa: F401  (registers system checks)
        from crmhub.roles import sync_roles_after_migrate

        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="crmhub_sync_roles")
