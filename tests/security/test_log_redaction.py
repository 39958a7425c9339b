"""What reaches a log line: no raw email, token or webhook URL token, in the message, its arguments, the
exception text or the traceback; through the configured handlers, runserver's and gunicorn's access logs."""

import io
import json
import logging
import runpy
from contextlib import contextmanager
from pathlib import Path

import pytest
from gunicorn.config import Config

from crmhub.logging import RedactSecretsFilter

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def handler_output(logger_name: str, handler_name: str):
    """The text the configured handler writes, from the settings' LOGGING (filters included)."""
    logger = logging.getLogger(logger_name)
    handler = next(h for h in logger.handlers if h.name == handler_name)
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        yield stream
    finally:
        handler.setStream(previous)


def lookup_failed(email: str):
    raise ValueError(f"no contact matches {email} (token=tok-123)")


def test_exception_text_and_traceback_are_redacted():
    with handler_output("", "console") as out:
        try:
            lookup_failed("ada.lovelace@example.com")
        except ValueError:
            logging.getLogger("crmhub.test").exception("resolving %s failed", "grace@example.org")
    text = out.getvalue()
    assert "Traceback (most recent call last)" in text and "ValueError: no contact matches" in text
    assert "lookup_failed" in text  # the traceback itself is kept
    for secret in ("ada.lovelace@", "grace@", "tok-123"):
        assert secret not in text
    assert "a***@example.com" in text and "g***@example.org" in text


def test_args_that_are_not_strings_are_redacted_too():
    record = logging.LogRecord(
        "crmhub",
        logging.ERROR,
        __file__,
        1,
        "payload %r",
        ({"email": "bob@example.com", "password": "pw1"},),
        None,
    )
    RedactSecretsFilter().filter(record)
    assert "bob@" not in record.getMessage() and "pw1" not in record.getMessage()
    assert record.args is None


def test_a_malformed_log_call_does_not_raise_from_the_filter():
    record = logging.LogRecord(
        "crmhub", logging.INFO, __file__, 1, "two %s %s", ("only-one@example.com",), None
    )
    assert RedactSecretsFilter().filter(record) is True
    assert "only-one@" not in record.getMessage()


def test_exc_text_already_formatted_is_redacted():
    record = logging.LogRecord("crmhub", logging.ERROR, __file__, 1, "boom", None, None)
    record.exc_text = "Traceback...\nKeyError: 'carol@example.com'"
    RedactSecretsFilter().filter(record)
    assert "carol@" not in record.exc_text


@pytest.mark.django_db
def test_webhook_url_tokens_never_reach_the_request_log(client):
    from crmhub.sync.models import WebhookEndpoint
    from tests import factories

    endpoint = WebhookEndpoint.objects.create(
        connection=factories.make_connection(), secrets={"client_secret": "hs-secret"}
    )
    with handler_output("", "console") as out:
        refused = client.post(
            f"/webhooks/hubspot/{endpoint.token}/?secret=abc",
            data=json.dumps([]),
            content_type="application/json",
        )
        missing = client.post("/webhooks/hubspot/not-a-token/", data="[]", content_type="application/json")
    assert refused.status_code == 401 and missing.status_code == 404
    text = out.getvalue()
    assert "Unauthorized: /webhooks/hubspot/[redacted]/" in text
    assert endpoint.token not in text and "not-a-token" not in text


def test_runserver_access_lines_are_redacted():
    with handler_output("django.server", "django.server") as out:
        logging.getLogger("django.server").info(
            '"%s" %s %s',
            "POST /webhooks/salesforce/Tok3n_x/outbound/?secret=om-key HTTP/1.1",
            "200",
            "10",
            extra={"server_time": "now", "status_code": 200},
        )
    text = out.getvalue()
    assert "Tok3n_x" not in text and "om-key" not in text
    assert "/webhooks/salesforce/[redacted]/outbound/" in text


def test_an_email_in_a_query_string_is_redacted_in_access_lines():
    """An API client that searches by email sends it percent-encoded; the access line carries the query."""
    with handler_output("django.server", "django.server") as out:
        logging.getLogger("django.server").info(
            '"%s" %s %s',
            "GET /api/v1/mirror-records/?search=ada.lovelace%40example.com&email=Bob%2Bx%40Acme.IO HTTP/1.1",
            "200",
            "10",
            extra={"server_time": "now", "status_code": 200},
        )
    text = out.getvalue()
    assert "lovelace" not in text and "Bob" not in text
    assert "search=a***@example.com" in text


def test_gunicorn_access_log_is_redacted(capsys):
    logger_class = runpy.run_path(str(ROOT / "gunicorn.conf.py"))["logger_class"]
    config = Config()
    config.set("accesslog", "-")
    logger = logger_class(config)
    logger.access_log.info(
        '%(h)s "%(r)s" %(s)s', {"h": "10.0.0.1", "r": "POST /webhooks/hubspot/Tok3n/ HTTP/1.1", "s": "200"}
    )
    text = capsys.readouterr().out
    assert "Tok3n" not in text and "/webhooks/hubspot/[redacted]/" in text


def test_every_configured_handler_redacts():
    """A handler added to LOGGING without the filter would print raw emails and tokens."""
    from django.conf import settings

    for name, handler in settings.LOGGING["handlers"].items():
        assert "redact" in handler.get("filters", []), name


def test_rq_worker_lines_go_through_the_redacting_handlers(capsys):
    """rq's worker adds its own unfiltered stdout handler unless the logger already has one: ours must be it."""
    from rq.logutils import setup_loghandlers

    setup_loghandlers("INFO")
    worker_log = logging.getLogger("rq.worker")
    with handler_output("", "console") as out:
        worker_log.info("job failed for ada.lovelace@example.com with token=tok-123")
    assert "ada.lovelace@example.com" not in out.getvalue() + capsys.readouterr().out
    assert "tok-123" not in out.getvalue() and "a***@example.com" in out.getvalue()
