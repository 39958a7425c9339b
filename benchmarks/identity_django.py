"""Django bootstrap for the identity benchmarks: test settings, a database from DATABASE_URL (or a fresh
SQLite file), migrated, with one connection and one flow into contacts."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(default_sqlite_name: str = "identity-bench.sqlite3") -> None:
    sys.path.insert(0, str(ROOT))
    if "DATABASE_URL" not in os.environ:
        path = Path(tempfile.gettempdir()) / default_sqlite_name
        path.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crmhub.test_settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_flow(name: str = "bench"):
    from crmhub.models import CrmConnection
    from mappings_app.models import CrmObject, Flow

    connection, _ = CrmConnection.objects.get_or_create(
        name=name, defaults={"provider": "hubspot", "base_url": "https://api.hubapi.com"}
    )
    contacts, _ = CrmObject.objects.get_or_create(connection=connection, name="contacts")
    flow, _ = Flow.objects.get_or_create(
        connection=connection,
        name=f"{name} flow",
        defaults={"source_system": "enricher", "crm_object": contacts},
    )
    return connection, flow
