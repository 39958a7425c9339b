"""OAuth 2.0 authorization-code grants of the three emulated CRMs: the consent page (which consents at once,
as a signed-in user who clicks "Allow" would) and the code exchange at each CRM's token endpoint, in its real
answer and error shapes. PKCE (S256) is checked when the authorization request carried a challenge.

Salesforce  GET /services/oauth2/authorize   POST /services/oauth2/token  (client id/secret in the form)
HubSpot     GET /oauth/authorize             POST /oauth/v1/token         (client id/secret in the form)
Pipedrive   GET /oauth/authorize             POST /oauth/token            (HTTP Basic client authentication)
"""

import base64
import binascii
import hashlib
import secrets
import weakref
from dataclasses import dataclass
from urllib.parse import urlencode

from .wire import SandboxRequest, SandboxResponse, json_response

CODE_TTL_MS = 10 * 60 * 1000
_grants: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # sandbox -> {code: Grant}


@dataclass
class Grant:
    account: object
    redirect_uri: str
    challenge: str
    expires_ms: int


def _codes(sandbox) -> dict:
    return _grants.setdefault(sandbox, {})


def _redirect(uri: str, **params) -> SandboxResponse:
    separator = "&" if "?" in uri else "?"
    return SandboxResponse(302, b"", {"location": f"{uri}{separator}{urlencode(params)}"})


def _page(status: int, text: str) -> SandboxResponse:
    body = f"<!doctype html><title>Authorization error</title><p>{text}</p>".encode()
    return SandboxResponse(status, body, {"content-type": "text/html;charset=UTF-8"})


def authorize(provider, sandbox, request: SandboxRequest) -> SandboxResponse:
    """The consent page: an unknown client or redirect gets an error page (never a redirect to an
    unchecked address); otherwise the browser goes back to redirect_uri with a one-time code and the state."""
    client_id = request.param("client_id", "")
    redirect_uri = request.param("redirect_uri", "")
    account = next(
        (a for a in sandbox.accounts.values() if a.provider is provider and a.client_id == client_id), None
    )
    if account is None:
        return _page(400, "error=invalid_client_id: the app's client id is unknown.")
    if not redirect_uri.startswith(("http://", "https://")):
        return _page(400, "error=redirect_uri_mismatch: the redirect URI is missing or not absolute.")
    state = request.param("state", "")
    if request.param("response_type") != "code":
        return _redirect(redirect_uri, error="unsupported_response_type", state=state)
    challenge = request.param("code_challenge", "")
    if challenge and request.param("code_challenge_method", "plain") != "S256":
        return _redirect(redirect_uri, error="invalid_request", state=state)
    code = secrets.token_urlsafe(24)
    _codes(sandbox)[code] = Grant(account, redirect_uri, challenge, sandbox.clock.now_ms() + CODE_TTL_MS)
    return _redirect(redirect_uri, code=code, state=state)


def _client(provider, sandbox, request: SandboxRequest, form: dict):
    """(client id, client secret) from HTTP Basic (Pipedrive) or the form (Salesforce, HubSpot)."""
    if provider.name == "pipedrive":
        header = request.headers.get("authorization", "")
        try:
            client_id, _, secret = base64.b64decode(header[6:]).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return "", ""
        return (client_id, secret) if header.lower().startswith("basic ") else ("", "")
    return form.get("client_id", ""), form.get("client_secret", "")


def _verifier_matches(challenge: str, verifier: str) -> bool:
    if not challenge:
        return True
    digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
    return secrets.compare_digest(base64.urlsafe_b64encode(digest).rstrip(b"=").decode(), challenge)


def code_grant(provider, sandbox, request: SandboxRequest) -> SandboxResponse:
    """POST to the token endpoint with grant_type=authorization_code."""
    form = request.form()
    client_id, secret = _client(provider, sandbox, request, form)
    grant = _codes(sandbox).pop(form.get("code", ""), None)  # a code is good once, even when refused
    if grant is None or grant.account.provider is not provider or grant.expires_ms < sandbox.clock.now_ms():
        return _bad_code(provider)
    account = grant.account
    if client_id != account.client_id or secret != account.client_secret:
        return _bad_client(provider)
    if form.get("redirect_uri") != grant.redirect_uri or not _verifier_matches(
        grant.challenge, form.get("code_verifier", "")
    ):
        return _bad_code(provider)
    return TOKEN_ANSWERS[provider.name](account, request)


def _bad_code(provider) -> SandboxResponse:
    if provider.name == "salesforce":
        return json_response(400, {"error": "invalid_grant", "error_description": "authentication failure"})
    if provider.name == "hubspot":
        return json_response(400, {"status": "BAD_AUTH_CODE", "message": "missing or unknown auth code",
                                   "correlationId": provider.correlation_id(None)})  # fmt: skip
    return json_response(400, {"success": False, "message": "Invalid grant: authorization code is invalid",
                               "error": "invalid_grant"})  # fmt: skip


def _bad_client(provider) -> SandboxResponse:
    if provider.name == "salesforce":
        return json_response(
            400, {"error": "invalid_client", "error_description": "invalid client credentials"}
        )
    if provider.name == "hubspot":
        return json_response(400, {"status": "BAD_CLIENT_ID", "message": "missing or unknown client id",
                                   "correlationId": provider.correlation_id(None)})  # fmt: skip
    return json_response(401, {"success": False, "message": "Invalid client", "error": "invalid_client"})


def _access_token(account, prefix: str, default_ttl_s: int | None) -> str:
    token = account.issue_token("access", prefix=prefix, length=48)
    ttl = account.access_token_ttl_s if account.access_token_ttl_s is not None else default_ttl_s
    if ttl is not None:
        account.sandbox.tokens[token].expires_ms = account.now_ms() + int(ttl * 1000)
    return token


def _salesforce_answer(account, request: SandboxRequest) -> SandboxResponse:
    return json_response(200, {
        "access_token": _access_token(account, account.org_id[:15] + "!AQ", None),
        "refresh_token": account.issue_token("refresh", prefix="5Aep861", length=48),
        "signature": account.issue_token("signature", length=44),
        "scope": "api refresh_token",
        "instance_url": request.base_url,
        "id": f"https://login.salesforce.com/id/{account.org_id}/{account.integration_user_id}",
        "token_type": "Bearer",
        "issued_at": str(account.now_ms()),
    })  # fmt: skip


def _hubspot_answer(account, request: SandboxRequest) -> SandboxResponse:
    return json_response(200, {
        "token_type": "bearer",
        "access_token": _access_token(account, "CJ", 1800),
        "refresh_token": account.issue_token("refresh", prefix="na1-", length=36),
        "expires_in": int(account.access_token_ttl_s or 1800),
        "hub_id": account.hub_id, "user_id": account.rep_user_ids[0],
        "scopes": ["crm.objects.contacts.read", "crm.objects.contacts.write", "crm.schemas.contacts.read", "oauth"],
        "token_use": "access_token",
    })  # fmt: skip


def _pipedrive_answer(account, request: SandboxRequest) -> SandboxResponse:
    prefix = f"{account.company_id}:{account.integration_user_id}:"
    return json_response(200, {
        "access_token": _access_token(account, prefix, 3599),
        "token_type": "Bearer",
        "refresh_token": account.issue_token("refresh", prefix=prefix, length=40),
        "scope": "base,deals:full,contacts:full,contact-fields:full,deal-fields:full",
        "expires_in": int(account.access_token_ttl_s or 3599),
        "api_domain": request.base_url,
    })  # fmt: skip


TOKEN_ANSWERS = {"salesforce": _salesforce_answer, "hubspot": _hubspot_answer, "pipedrive": _pipedrive_answer}
