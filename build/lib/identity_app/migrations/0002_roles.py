from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_identity_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations; the role groups need identity_app's now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    from crmhub.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("identity_app", "0001_initial"),
        ("crmhub", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant_identity_permissions, migrations.RunPython.noop)]
