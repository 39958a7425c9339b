"""One signature for everything CRM Hub sends (trigger webhooks, alert webhooks): the Standard Webhooks scheme
(https://www.standardwebhooks.com), signed by the `standardwebhooks` package.

Each delivery carries three headers:
  webhook-id         the message id, the same on every retry of one message (the receiver's idempotency key)
  webhook-timestamp  seconds since the epoch when this attempt was sent
  webhook-signature  "v1," + base64(HMAC-SHA256(key, f"{webhook-id}.{webhook-timestamp}.{body}"))

Secrets take the scheme's form, `whsec_` + base64 of the key bytes (`signing_secret_generate()` makes one).
Secrets stored before the scheme (any other text) are not migrated but derived: their key is the text's UTF-8
bytes, the bytes the old `X-CrmHub-Signature` HMAC used, so nothing stored changes and the receiver's key for
them is `signing_secret_standard(text)`. README.md has the receiver's side.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from datetime import UTC, datetime

from django.utils import timezone
from standardwebhooks import Webhook

SECRET_PREFIX = "whsec_"  # noqa: S105 (the scheme's prefix, not a secret)
ID_HEADER = "webhook-id"
TIMESTAMP_HEADER = "webhook-timestamp"
SIGNATURE_HEADER = "webhook-signature"
KEY_BYTES = 32


def signing_secret_generate() -> str:
    """A new secret in the scheme's form (32 random bytes)."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode()


def signing_key(secret: str) -> bytes:
    """The HMAC key of a stored secret: the decoded bytes of a `whsec_` secret, else the text's UTF-8 bytes."""
    if not secret:
        raise ValueError("An empty signing secret signs nothing.")
    if secret.startswith(SECRET_PREFIX):
        encoded = secret.removeprefix(SECRET_PREFIX)
        try:
            key = base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True)
        except binascii.Error:
            key = b""
        if key:
            return key
    return secret.encode()


def signing_secret_standard(secret: str) -> str:
    """The `whsec_` form of any stored secret: what a receiver gives its Standard Webhooks library."""
    return SECRET_PREFIX + base64.b64encode(signing_key(secret)).decode()


def webhook_headers(
    *, message_id: str, body: bytes, secret: str = "", sent_at: datetime | None = None
) -> dict[str, str]:
    """The Standard Webhooks headers for one attempt to send `body`: id and timestamp always, the signature
    when there is a secret (an unsigned delivery still carries the id receivers de-duplicate on).

    `sent_at` defaults to the wall clock, not the pipeline's clock (tests move that one): receivers compare
    the timestamp with their own clock and refuse one more than five minutes off."""
    sent_at = (sent_at or timezone.now()).astimezone(UTC)
    headers = {ID_HEADER: message_id, TIMESTAMP_HEADER: str(int(sent_at.timestamp()))}
    if secret:
        webhook = Webhook(signing_key(secret))
        headers[SIGNATURE_HEADER] = webhook.sign(msg_id=message_id, timestamp=sent_at, data=body.decode())
    return headers
