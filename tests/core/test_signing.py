"""Everything the hub sends is signed one way (Standard Webhooks); the checks use the `standardwebhooks`
package's own verifier and the plain HMAC recipe README.md gives receivers, never our signer."""

import base64
import hashlib
import hmac
import io
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from standardwebhooks import Webhook, WebhookVerificationError

from crmhub.core import signing

BODY = json.dumps({"type": "crmhub.trigger", "crm_id": "003A"}).encode()


def test_a_generated_secret_signs_what_the_standard_verifier_accepts():
    secret = signing.signing_secret_generate()
    assert secret.startswith("whsec_") and len(base64.b64decode(secret[6:])) == 32
    headers = signing.webhook_headers(message_id="msg-1", body=BODY, secret=secret)
    assert Webhook(secret).verify(BODY, headers) == json.loads(BODY)
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(BODY.replace(b"003A", b"003B"), headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(signing.signing_secret_generate()).verify(BODY, headers)


def test_a_secret_stored_before_the_scheme_keeps_its_key_bytes():
    headers = signing.webhook_headers(message_id="msg-2", body=BODY, secret="rep-typed secret!")
    standard = signing.signing_secret_standard("rep-typed secret!")
    assert standard == "whsec_" + base64.b64encode(b"rep-typed secret!").decode()
    Webhook(standard).verify(BODY, headers)
    assert signing.signing_secret_standard(standard) == standard  # a whsec_ secret is kept as it is


def test_the_plain_hmac_recipe_of_the_readme_matches():
    secret = signing.signing_secret_generate()
    headers = signing.webhook_headers(message_id="msg-3", body=BODY, secret=secret)
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + BODY
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    assert f"v1,{expected}" in headers["webhook-signature"].split(" ")


def test_an_old_timestamp_is_refused_and_an_unsigned_message_still_has_an_id():
    secret = signing.signing_secret_generate()
    old = datetime.now(UTC) - timedelta(minutes=10)
    headers = signing.webhook_headers(message_id="msg-4", body=BODY, secret=secret, sent_at=old)
    with pytest.raises(WebhookVerificationError, match="too old"):
        Webhook(secret).verify(BODY, headers)
    unsigned = signing.webhook_headers(message_id="msg-5", body=BODY)
    assert set(unsigned) == {"webhook-id", "webhook-timestamp"}


def test_an_empty_secret_is_refused():
    with pytest.raises(ValueError):
        signing.signing_key("")


def test_the_command_prints_a_new_secret_and_the_standard_form_of_an_old_one(monkeypatch):
    out = io.StringIO()
    call_command("signing_secret_new", stdout=out)
    assert Webhook(out.getvalue().strip())  # a secret the package takes
    out = io.StringIO()
    monkeypatch.setattr("sys.stdin", io.StringIO("whsec\n"))
    call_command("signing_secret_new", "--standard-form", stdout=out)
    assert out.getvalue().strip() == "whsec_" + base64.b64encode(b"whsec").decode()


def readme_snippet(name: str) -> dict:
    """The README's Python block that defines `name`, run as a receiver would paste it."""
    text = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    [block] = [b for b in blocks if f"def {name}(" in b]
    namespace: dict = {}
    exec(compile(block, "README.md", "exec"), namespace)
    return namespace


def test_the_readme_snippets_verify_a_delivery_and_refuse_a_forgery():
    secret = signing.signing_secret_generate()
    headers = signing.webhook_headers(message_id="msg-6", body=BODY, secret=secret)
    plain = readme_snippet("crmhub_signed")["crmhub_signed"]
    assert plain(BODY, headers, secret)
    assert not plain(BODY + b" ", headers, secret)
    assert not plain(BODY, headers, signing.signing_secret_generate())
    with_secret = readme_snippet("crmhub_message")
    with_secret["Webhook"] = lambda _placeholder: Webhook(secret)  # the README's "whsec_..." placeholder
    assert with_secret["crmhub_message"](BODY, headers) == json.loads(BODY)
    with pytest.raises(PermissionError):
        with_secret["crmhub_message"](BODY.replace(b"003A", b"003B"), headers)
