from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def check_field_encryption_key(app_configs, **kwargs):
    from crmhub.encryption import _fernet

    try:
        _fernet(settings.FIELD_ENCRYPTION_KEY)
    except Exception as exc:
        return [checks.Error(str(exc), id="crmhub.E001")]
    return []


@checks.register(checks.Tags.compatibility)
def check_redis_url(app_configs, **kwargs):
    if not settings.REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        return [checks.Error("REDIS_URL must start with redis://, rediss:// or unix://.", id="crmhub.E002")]
    return []
