"""Connecting a CRM from the browser: a new connection (paused until set up), its credentials (a token, or
OAuth's authorization-code flow), a real test call, and the discovery of its schema into the catalog.

Credentials are stored only on the connection (encrypted at rest) and never come back out to a page. Only
people who may manage credentials run these use cases; each function checks that itself.
"""

import logging
from dataclasses import dataclass, field

from django.db import transaction

from crmhub.connectors import (
    CrmAuthError,
    CrmError,
    CrmNotFound,
    CrmRateLimited,
    CrmUnavailable,
    connector_class,
)
from crmhub.connectors.oauth import SERVERS, AuthorizationRequest, authorization_request, exchange_code
from crmhub.core.connectors import connector_for
from crmhub.core.errors import ApplicationError, permission_require
from crmhub.models import ConnectionStatus, CrmConnection, Provider
from mappings_app.schema_sync import crm_schema_sync

logger = logging.getLogger(__name__)

MANAGE = ("crmhub.add_crmconnection", "crmhub.change_crmconnection", "crmhub.manage_credentials")
SETUP_REASON = "Being set up: credentials, test and schema discovery are not finished."
# Calls made while an admin waits on the page: one attempt, a short timeout, no long rate-limit waits.
INTERACTIVE = {"transient_attempts": 1, "rate_limit_waits": 1, "max_rate_limit_wait": 5.0, "timeout": 15.0}

DEFAULT_API_URLS = {
    Provider.SALESFORCE: "https://login.salesforce.com",
    Provider.HUBSPOT: "https://api.hubapi.com",
    Provider.PIPEDRIVE: "https://api.pipedrive.com",
}
DEFAULT_VERSIONS = {Provider.SALESFORCE: "v67.0", Provider.HUBSPOT: "v3", Provider.PIPEDRIVE: ""}
# Pipedrive's burst window is 2 seconds and counts tokens (each endpoint's x-token-cost; crmhub/connectors/ratelimit.py
# counts_tokens); the others keep the model's requests per 10 seconds. Admins set their plan's figures.
DEFAULT_LIMITS = {Provider.PIPEDRIVE: {"rate_limit_requests": 400, "rate_limit_window_seconds": 2}}


def _require_manager(actor) -> None:
    for capability in MANAGE:
        permission_require(actor, capability, "connect CRMs and manage their credentials")


def _save(connection: CrmConnection, actor, reason: str) -> None:
    connection._history_user, connection._change_reason = actor, reason
    connection.full_clean()
    connection.save()


@transaction.atomic
def connection_draft_create(*, actor, provider: str, name: str) -> CrmConnection:
    """A new connection, paused (no sync, no write) until its setup is finished."""
    _require_manager(actor)
    if provider not in Provider.values:
        raise ApplicationError(f"Unknown CRM {provider!r}.")
    if CrmConnection.objects.filter(name=name.strip()).exists():
        raise ApplicationError(f"A connection named “{name.strip()}” exists already; choose another name.")
    connection = CrmConnection(
        provider=provider,
        name=name.strip(),
        base_url=DEFAULT_API_URLS[provider],
        api_version=DEFAULT_VERSIONS[provider],
        status=ConnectionStatus.PAUSED,
        status_reason=SETUP_REASON,
        **DEFAULT_LIMITS.get(provider, {}),
    )
    _save(connection, actor, "Connection wizard: created")
    return connection


@transaction.atomic
def connection_token_set(*, connection: CrmConnection, actor, token: str, base_url: str) -> CrmConnection:
    """Use a private-app token (HubSpot) or an API token (Pipedrive): no OAuth app needed."""
    _require_manager(actor)
    token = token.strip()
    if not token:
        raise ApplicationError("Paste the token.")
    if connection.provider == Provider.HUBSPOT:
        credentials = {"access_token": token}
    elif connection.provider == Provider.PIPEDRIVE:
        credentials = {"api_token": token}
    else:
        raise ApplicationError(
            "Salesforce connects through OAuth: use a connected app's client id and secret."
        )
    connection.base_url = base_url.strip().rstrip("/") or DEFAULT_API_URLS[connection.provider]
    connection.credentials = credentials
    _save(connection, actor, "Connection wizard: token set")
    return connection


@transaction.atomic
def connection_oauth_start(
    *,
    connection: CrmConnection,
    actor,
    client_id: str,
    client_secret: str,
    auth_host: str,
    base_url: str,
    redirect_uri: str,
) -> AuthorizationRequest:
    """Keep the OAuth app's client id and secret (encrypted) and return where to send the admin's browser.
    The caller keeps `state` and the PKCE verifier in the admin's session until the CRM sends them back."""
    _require_manager(actor)
    if not (client_id.strip() and client_secret.strip()):
        raise ApplicationError("Give the app's client id and client secret.")
    server = SERVERS[connection.provider]
    auth_host = auth_host.strip().rstrip("/") or server.default_host
    credentials = {"client_id": client_id.strip(), "client_secret": client_secret.strip()}
    if server.host_credential:
        credentials[server.host_credential] = auth_host
    if base_url.strip():
        connection.base_url = base_url.strip().rstrip("/")
    # Working tokens stay until the CRM hands out new ones: an abandoned consent page breaks nothing.
    connection.credentials = {**(connection.credentials or {}), **credentials}
    _save(connection, actor, "Connection wizard: OAuth app set")
    return authorization_request(
        provider=connection.provider,
        auth_host=auth_host,
        client_id=credentials["client_id"],
        redirect_uri=redirect_uri,
    )


@transaction.atomic
def connection_oauth_finish(
    *, connection: CrmConnection, actor, code: str, redirect_uri: str, code_verifier: str
) -> CrmConnection:
    """Trade the CRM's authorization code for tokens and keep them (encrypted)."""
    _require_manager(actor)
    try:
        with connector_for(connection, **INTERACTIVE) as connector:
            updates = exchange_code(
                connector, code=code, redirect_uri=redirect_uri, code_verifier=code_verifier
            )
    except CrmError as exc:
        raise ApplicationError(problem_in_words(exc, connection)) from exc
    connection.credentials = {**(connection.credentials or {}), **updates}
    if connection.provider == Provider.SALESFORCE and updates.get("instance_url"):
        connection.base_url = updates["instance_url"]
    if connection.provider == Provider.PIPEDRIVE and updates.get("api_domain"):
        connection.base_url = updates["api_domain"]
    _save(connection, actor, "Connection wizard: OAuth tokens received")
    return connection


@dataclass
class TestResult:
    ok: bool
    message: str
    details: list[str] = field(default_factory=list)


def connection_test(*, connection: CrmConnection, actor) -> TestResult:
    """One real call through the connector: read the schema of the CRM's first main object."""
    _require_manager(actor)
    if not connection.credentials:
        return TestResult(
            False, "No credentials yet: go back one step and sign in to the CRM or paste a token."
        )
    object_name = connector_class(connection.provider).default_objects[0]
    try:
        with connector_for(connection, **INTERACTIVE) as connector:
            [schema] = connector.discover_schema([object_name])
    except CrmError as exc:
        logger.info("connection %s test failed: %s", connection.pk, type(exc).__name__)
        return TestResult(False, problem_in_words(exc, connection, object_name=object_name))
    writable = sum(1 for f in schema.fields if f.writable)
    return TestResult(
        True,
        f"Connected to {connection.get_provider_display()} at {connection.base_url}.",
        [f"Read the fields of {object_name}: {len(schema.fields)} fields, {writable} of them writable."],
    )


def problem_in_words(exc: CrmError, connection: CrmConnection, *, object_name: str = "") -> str:
    """What went wrong, in words an admin can act on (never the token itself)."""
    crm = connection.get_provider_display()
    if isinstance(exc, CrmAuthError) and exc.status_code == 403:
        what = f"read the fields of {object_name}" if object_name else "do this"
        return (
            f"{crm} accepted the credentials, but they lack the permission to {what}. Give the app or user "
            f"the missing scopes or permissions in {crm}, then test again. ({crm} said: {exc.message})"
        )
    if isinstance(exc, CrmAuthError):
        return (
            f"{crm} refused the credentials: the token or code is wrong, revoked or expired. Sign in again or "
            f"paste a fresh token. ({crm} said: {exc.message})"
        )
    if isinstance(exc, CrmNotFound):
        return (
            f"Something answered at {connection.base_url}, but not as a {crm} API (404 Not Found). "
            "Check the instance or API URL."
        )
    if isinstance(exc, CrmRateLimited):
        return f"{crm} asks us to slow down (rate limit). Wait a minute and test again."
    if isinstance(exc, CrmUnavailable) and exc.status_code is None:
        return (
            f"Nothing answered at {connection.base_url}: the address is wrong or unreachable from here. "
            "Check the instance or API URL."
        )
    if isinstance(exc, CrmUnavailable):
        return f"{crm} is having trouble right now ({exc.status_code}). Test again in a few minutes."
    return f"{crm} rejected the call: {exc.message}"


@dataclass
class DiscoveredObject:
    name: str
    field_count: int
    writable_count: int
    picklist_count: int
    pk: int | None = None


@dataclass
class DiscoveryResult:
    objects: list[DiscoveredObject]
    summary: str


def connection_discover(*, connection: CrmConnection, actor, objects: list[str]) -> DiscoveryResult:
    """Read the chosen objects' schemas through the connector and bring the catalog in line with them."""
    _require_manager(actor)
    if not objects:
        raise ApplicationError("Choose at least one object to discover.")
    try:
        with connector_for(connection, **INTERACTIVE) as connector:
            schemas = connector.discover_schema(objects)
    except CrmError as exc:
        raise ApplicationError(problem_in_words(exc, connection, object_name=", ".join(objects))) from exc
    summary = crm_schema_sync(connection=connection, schemas=schemas, actor=actor)
    pks = dict(connection.crm_objects.filter(name__in=objects).values_list("name", "pk"))
    found = [
        DiscoveredObject(
            name=schema.name,
            field_count=len(schema.fields),
            writable_count=sum(1 for f in schema.fields if f.writable),
            picklist_count=sum(1 for f in schema.fields if f.picklist_options),
            pk=pks.get(schema.name),
        )
        for schema in schemas
    ]
    return DiscoveryResult(objects=found, summary=summary.as_text())


@transaction.atomic
def connection_activate(*, connection: CrmConnection, actor) -> CrmConnection:
    """Finish the setup: the connection syncs and writes from now on."""
    _require_manager(actor)
    if not connection.credentials:
        raise ApplicationError("The connection has no credentials yet.")
    if not connection.crm_objects.exists():
        raise ApplicationError("Discover the CRM's schema first: the catalog needs its objects and fields.")
    connection.status, connection.status_reason = ConnectionStatus.ACTIVE, ""
    _save(connection, actor, "Connection wizard: activated")
    return connection
