from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo tooling: seeding demo users and data, running the whole product against the CRM sandbox.

    Installed only when DEBUG is on (and in the test settings): production has none of these commands."""

    name = "crm_sandbox.demo"
    label = "demo"
    verbose_name = "Demo tools"
