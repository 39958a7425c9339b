"""Keep raw emails, secrets and webhook URL tokens out of log lines, tracebacks included."""

import logging
import re
import traceback

# The @ also percent-encoded: access lines carry query strings (`?search=ada%40acme.com`).
EMAIL = re.compile(
    r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*(?:@|%40)([A-Za-z0-9.-]+\.[A-Za-z]{2,})", re.IGNORECASE
)
BEARER = re.compile(
    r"(?i)(bearer|token|api_token|access_token|refresh_token|\w*secret|password)([\"'=: ]+)([^\s\"'&,}]+)"
)
# /webhooks/<provider>/<token>/...: the token lets deliveries reach an endpoint, so it is a secret too.
WEBHOOK_PATH = re.compile(r"(/webhooks/[A-Za-z]+/)[^/\s?\"'#]+")


def redact(text: str) -> str:
    text = EMAIL.sub(r"\1***@\2", text)
    text = WEBHOOK_PATH.sub(r"\1[redacted]", text)
    return BEARER.sub(r"\1\2[redacted]", text)


class RedactSecretsFilter(logging.Filter):
    """Redacts the message with its arguments merged in, the exception and its traceback, and the stack.

    The formatted traceback replaces `exc_info` (as `exc_text`, which every logging.Formatter prints), so no
    handler after this filter can format the raw exception again."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact(_message(record)), None
        if record.exc_info:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def _message(record: logging.LogRecord) -> str:
    try:
        return record.getMessage()
    except Exception:  # a malformed log call must not break the code that logs
        return f"{record.msg} {record.args!r}"
