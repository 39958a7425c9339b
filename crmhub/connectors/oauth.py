"""Connecting a CRM by OAuth 2.0's authorization-code flow: where each CRM's consent page and token endpoint
are, the `state` that ties the answer to the request, PKCE where the CRM supports it (Salesforce), and the
exchange of the code for tokens, turned into the credentials the connectors read.

Salesforce:  {login}/services/oauth2/authorize, POST {login}/services/oauth2/token (client id and secret in
             the form; PKCE S256). The answer names the org's instance_url and the user's identity URL.
HubSpot:     https://app.hubspot.com/oauth/authorize, POST {api}/oauth/v1/token (form; no PKCE).
Pipedrive:   https://oauth.pipedrive.com/oauth/authorize, POST {oauth}/oauth/token with HTTP Basic client
             authentication; the answer names the company's api_domain.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from crmhub.connectors.base import CrmConnector, response_body
from crmhub.connectors.errors import CrmAuthError, CrmError


@dataclass(frozen=True)
class OAuthServer:
    provider: str
    default_host: str  # where the consent page is (the login host for Salesforce)
    authorize_path: str
    pkce: bool
    scopes: str
    host_credential: str  # the credential that remembers the host for token refreshes ("" when none)


SERVERS = {
    "salesforce": OAuthServer(
        "salesforce",
        "https://login.salesforce.com",
        "/services/oauth2/authorize",
        pkce=True,
        scopes="api refresh_token",
        host_credential="login_url",
    ),
    "hubspot": OAuthServer(
        "hubspot",
        "https://app.hubspot.com",
        "/oauth/authorize",
        pkce=False,
        scopes="crm.objects.contacts.read crm.objects.contacts.write crm.objects.companies.read "
        "crm.objects.companies.write crm.objects.deals.read crm.objects.deals.write "
        "crm.schemas.contacts.read crm.objects.owners.read",
        host_credential="",
    ),
    "pipedrive": OAuthServer(
        "pipedrive",
        "https://oauth.pipedrive.com",
        "/oauth/authorize",
        pkce=False,
        scopes="",  # Pipedrive grants the scopes chosen in the app's settings
        host_credential="oauth_url",
    ),
}


@dataclass(frozen=True)
class AuthorizationRequest:
    url: str
    state: str
    code_verifier: str  # empty when the CRM takes no PKCE


def pkce_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def authorization_request(
    *, provider: str, auth_host: str, client_id: str, redirect_uri: str
) -> AuthorizationRequest:
    """The consent page's URL with a fresh `state` (and a PKCE verifier where the CRM supports it)."""
    server = SERVERS[provider]
    state = secrets.token_urlsafe(24)
    params = {"response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri, "state": state}
    if server.scopes:
        params["scope"] = server.scopes
    verifier = ""
    if server.pkce:
        verifier = secrets.token_urlsafe(64)
        params.update(code_challenge=pkce_challenge(verifier), code_challenge_method="S256")
    url = f"{auth_host.rstrip('/')}{server.authorize_path}?{urlencode(params)}"
    return AuthorizationRequest(url=url, state=state, code_verifier=verifier)


def exchange_code(
    connector: CrmConnector, *, code: str, redirect_uri: str, code_verifier: str = ""
) -> dict[str, Any]:
    """Trade the authorization code for tokens at the CRM's token endpoint; returns the credential updates
    (the connection's base URL may change too: Salesforce's instance, Pipedrive's company domain)."""
    creds = connector.credentials
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
    headers = {}
    provider = connector.provider
    if provider == "pipedrive":
        pair = f"{creds.get('client_id', '')}:{creds.get('client_secret', '')}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
        url = f"{(creds.get('oauth_url') or SERVERS[provider].default_host).rstrip('/')}/oauth/token"
    else:
        form.update(client_id=creds.get("client_id", ""), client_secret=creds.get("client_secret", ""))
        if provider == "salesforce":
            url = f"{(creds.get('login_url') or SERVERS[provider].default_host).rstrip('/')}/services/oauth2/token"
        else:
            url = f"{connector.base_url}/oauth/v1/token"
    if code_verifier:
        form["code_verifier"] = code_verifier
    try:
        response = connector._request("POST", url, authenticated=False, data=form, headers=headers)
    except CrmError as exc:
        if isinstance(exc, CrmAuthError) or (exc.status_code and 400 <= exc.status_code < 500):
            raise CrmAuthError(
                f"{provider} refused the authorization code: {exc.message}",
                status_code=exc.status_code,
                provider_code=exc.provider_code,
            ) from exc
        raise
    payload = response_body(response)
    if not isinstance(payload, dict) or not payload.get("access_token"):
        raise CrmAuthError(f"{provider} token endpoint answered without an access token")
    return credentials_from_token(provider, payload)


def credentials_from_token(provider: str, payload: dict[str, Any]) -> dict[str, Any]:
    updates: dict[str, Any] = {"access_token": payload["access_token"]}
    if payload.get("refresh_token"):
        updates["refresh_token"] = payload["refresh_token"]
    if payload.get("expires_in"):
        updates["expires_at"] = time.time() + float(payload["expires_in"])
    if provider == "salesforce":
        if payload.get("instance_url"):
            updates["instance_url"] = payload["instance_url"]
        if payload.get("id"):
            updates["integration_user_id"] = urlsplit(payload["id"]).path.rstrip("/").rsplit("/", 1)[-1]
    if provider == "pipedrive" and payload.get("api_domain"):
        updates["api_domain"] = payload["api_domain"]
    return updates
