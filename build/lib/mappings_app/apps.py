from django.apps import AppConfig


class MappingsAppConfig(AppConfig):
    name = "mappings_app"
    verbose_name = "Mapping catalog"
