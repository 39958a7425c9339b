from django.db import migrations


class Migration(migrations.Migration):
    """Joins two lines of work that were built side by side: hashed API tokens and verification states."""

    dependencies = [
        ("crmhub", "0006_verification_states"),
        ("crmhub", "0007_retire_plaintext_api_tokens"),
    ]

    operations = []
