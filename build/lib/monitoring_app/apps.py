from django.apps import AppConfig


class MonitoringAppConfig(AppConfig):
    name = "monitoring_app"
    verbose_name = "Monitoring"
