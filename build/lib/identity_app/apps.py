from django.apps import AppConfig


class IdentityAppConfig(AppConfig):
    name = "identity_app"
    verbose_name = "Identity reconciliation"
