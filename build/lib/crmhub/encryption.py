"""Encryption at rest for CRM credentials (Fernet, with key rotation)."""

import json
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models


@lru_cache(maxsize=4)
def _fernet(keys: str) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key.strip().encode()) for key in keys.split(",") if key.strip()])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY is not a valid Fernet key list.") from exc


def encrypt_text(plain: str) -> str:
    return _fernet(settings.FIELD_ENCRYPTION_KEY).encrypt(plain.encode()).decode()


def decrypt_text(token: str) -> str:
    try:
        return _fernet(settings.FIELD_ENCRYPTION_KEY).decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "Stored credentials cannot be decrypted with FIELD_ENCRYPTION_KEY."
        ) from exc


class EncryptedJSONField(models.TextField):
    """A JSON value stored as a Fernet token; the database never holds the plain text."""

    description = "JSON encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return {}
        return json.loads(decrypt_text(value))

    def to_python(self, value):
        if isinstance(value, dict | list) or value is None:
            return value or {}
        try:
            return json.loads(value)
        except (TypeError, ValueError):
            pass  # not plain JSON: an encrypted value, decrypted below (which fails loudly)
        try:
            return json.loads(decrypt_text(value))
        except (ImproperlyConfigured, TypeError, ValueError) as exc:
            # Typed input (a form), not stored data: a bad value is the user's error, not the server's.
            raise ValidationError("Enter a JSON value.", code="invalid") from exc

    def get_prep_value(self, value):
        if value is None:
            value = {}
        return encrypt_text(json.dumps(value, sort_keys=True))

    def value_to_string(self, obj):
        return "<encrypted>"
