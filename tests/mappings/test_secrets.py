"""CRM credentials are encrypted at rest, survive key rotation, and never reach history or logs."""

import json
import logging

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection as db
from django.test import override_settings

from crmhub.encryption import decrypt_text
from crmhub.logging import RedactSecretsFilter, redact
from crmhub.models import CrmConnection
from tests import factories

SECRET = {"access_token": "pat-na1-SECRET-1234", "refresh_token": "rt-SECRET-5678"}


def raw_credentials(crm: CrmConnection) -> str:
    table = db.ops.quote_name(CrmConnection._meta.db_table)
    with db.cursor() as cursor:
        cursor.execute(f"SELECT credentials FROM {table} WHERE id = %s", [crm.pk])
        return cursor.fetchone()[0]


@pytest.fixture
def crm(db):
    return factories.make_connection(name="secret-crm", credentials=SECRET)


def test_credentials_read_back_equal(crm):
    assert CrmConnection.objects.get(pk=crm.pk).credentials == SECRET


def test_the_database_column_holds_no_plaintext(crm):
    raw = raw_credentials(crm)
    assert raw
    assert "SECRET" not in raw
    assert "access_token" not in raw
    assert json.loads(decrypt_text(raw)) == SECRET


def test_empty_credentials_read_back_as_an_empty_mapping(db):
    crm = factories.make_connection(name="no-secrets", credentials={})
    assert CrmConnection.objects.get(pk=crm.pk).credentials == {}


def test_a_rotated_key_still_decrypts_old_values(crm):
    old_key = settings.FIELD_ENCRYPTION_KEY
    new_key = Fernet.generate_key().decode()
    with override_settings(FIELD_ENCRYPTION_KEY=f"{new_key},{old_key}"):
        reloaded = CrmConnection.objects.get(pk=crm.pk)
        assert reloaded.credentials == SECRET
        reloaded.save()
    with override_settings(FIELD_ENCRYPTION_KEY=new_key):
        assert CrmConnection.objects.get(pk=crm.pk).credentials == SECRET


def test_an_unknown_key_refuses_to_decrypt(crm):
    unknown_key = Fernet.generate_key().decode()
    with (
        override_settings(FIELD_ENCRYPTION_KEY=unknown_key),
        pytest.raises(ImproperlyConfigured, match="cannot be decrypted"),
    ):
        CrmConnection.objects.get(pk=crm.pk)


def test_a_malformed_key_is_a_configuration_error(crm):
    with (
        override_settings(FIELD_ENCRYPTION_KEY="not-a-fernet-key"),
        pytest.raises(ImproperlyConfigured, match="not a valid Fernet key"),
    ):
        CrmConnection.objects.get(pk=crm.pk)


def test_the_connection_history_keeps_no_credentials(crm):
    crm.credentials = {"access_token": "rotated-SECRET"}
    crm.save()
    history_model = CrmConnection.history.model
    assert "credentials" not in {f.name for f in history_model._meta.get_fields()}
    with db.cursor() as cursor:
        columns = [
            c.name for c in db.introspection.get_table_description(cursor, history_model._meta.db_table)
        ]
    assert "credentials" not in columns
    assert crm.history.count() == 2


def test_serialising_a_connection_never_shows_the_credentials(crm):
    from django.core import serializers

    dumped = serializers.serialize("json", [crm])
    assert "SECRET" not in dumped
    assert "<encrypted>" in dumped


# Log redaction


def test_emails_are_masked_but_their_domain_kept():
    assert redact("no match for ada.lovelace@example.co.uk") == "no match for a***@example.co.uk"


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        ("Authorization: Bearer eyJhbGciOi.abc.def", "eyJhbGciOi.abc.def"),
        ("Authorization: Token 9944b09199c62bcf9418ad846dd0e4bb", "9944b09199c62bcf9418ad846dd0e4bb"),
        ('{"access_token": "pat-na1-123", "ok": true}', "pat-na1-123"),
        ("GET /oauth?refresh_token=rt-999&x=1", "rt-999"),
        ("client_secret=s3cr3t password: hunter2", "s3cr3t"),
        ("client_secret=s3cr3t password: hunter2", "hunter2"),
        ("{'api_token': 'abc123'}", "abc123"),
    ],
)
def test_tokens_and_secrets_are_redacted(line, secret):
    cleaned = redact(line)
    assert secret not in cleaned
    assert "[redacted]" in cleaned


def test_a_line_without_secrets_is_left_alone():
    line = "Synced 42 contacts from acme-hubspot in 1.3s"
    assert redact(line) == line


def test_the_log_filter_redacts_formatted_messages():
    record = logging.LogRecord(
        "crmhub", logging.INFO, __file__, 1, "write for %s with %s", ("ada@example.com", "token=abc"), None
    )
    assert RedactSecretsFilter().filter(record) is True
    assert record.getMessage() == "write for a***@example.com with token=[redacted]"
