"""API tokens are django-rest-knox's now, stored as digests with an expiry. The old tokens were stored in
clear and no longer authenticate: delete them so no readable secret stays in the database. Integrations
get new tokens from an admin (Admin > Auth tokens, or the API tokens page)."""

from django.db import migrations


def delete_plaintext_tokens(apps, schema_editor):
    apps.get_model("authtoken", "Token").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("crmhub", "0006_ingest_fingerprint_and_flow_grants"),
        ("authtoken", "0004_alter_tokenproxy_options"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [migrations.RunPython(delete_plaintext_tokens, migrations.RunPython.noop)]
