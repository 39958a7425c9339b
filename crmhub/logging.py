"""Keep raw emails and secrets out of log lines."""

import logging
import re

EMAIL = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
BEARER = re.compile(
    r"(?i)(bearer|token|api_token|access_token|refresh_token|client_secret|password)([\"'=: ]+)([^\s\"'&,}]+)"
)


def redact(text: str) -> str:
    text = EMAIL.sub(r"\1***@\2", text)
    return BEARER.sub(r"\1\2[redacted]", text)


class RedactSecretsFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
