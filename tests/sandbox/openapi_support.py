"""Requests and responses checked against the official HubSpot and Pipedrive OpenAPI files (openapi-core).

The files are vendored in tests/specs/ (SOURCES.md says where from and when). Their known bugs are patched
here, in `SPEC_PATCHES` and nowhere else, each with the reason. `SpecCheckedTransport` wraps any httpx
transport and checks every HubSpot or Pipedrive request a client sends before it reaches the sandbox; the
root conftest puts it around every sandbox transport of the suite.
"""

import functools
import gzip
import json
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import httpx
import yaml
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound
from werkzeug.datastructures import Headers, ImmutableMultiDict

SPECS = Path(__file__).resolve().parents[1] / "specs"
HUBSPOT_FILES = {
    "contacts": "CRM_Contacts__v3_contacts.json",
    "companies": "CRM_Companies__v3_companies.json",
    "deals": "CRM_Deals__v3_deals.json",
    "properties": "CRM_Properties__v3_properties.json",
    "oauth": "Auth_Oauth__v1_oauth.json",
    "objects": "CRM_Objects__v3_objects.json",  # /crm/v3/objects/{objectType}: tasks and other objects
    "owners": "CRM_Crm_Owners__v3_crmOwners.json",  # /crm/v3/owners/{ownerId}: the rep behind an edit
    "contacts@2026-03": "CRM_Contacts__2026-03_contacts.json",  # date-versioned paths
    "properties@2026-03": "CRM_Properties__2026-03_properties.json",
    "associations@v4": "CRM_Associations__v4_associations.json",  # a task's contacts, companies, deals
}
HUBSPOT_SERVER = "https://api.hubapi.com"
PIPEDRIVE_SERVER = "https://api.pipedrive.com"
# Endpoints the vendored files do not describe, so nothing can be checked: Pipedrive's OAuth server
# (oauth.pipedrive.com, outside the API specs). Every other Pipedrive or HubSpot path must be in its spec.
UNDESCRIBED = {("pipedrive", "/oauth/token")}


class SpecViolation(AssertionError):
    """A request or response that the official spec does not allow."""


# -- the known spec bugs: the one place they are patched --------------------------------------------------


@dataclass(frozen=True)
class SpecPatch:
    provider: str
    what: str
    why: str
    apply: object  # callable(spec dict) -> None


def _hubspot_sorts(spec: dict) -> None:
    search = spec.get("components", {}).get("schemas", {}).get("PublicObjectSearchRequest")
    if search:
        search["properties"]["sorts"]["items"] = {
            "type": "object",
            "properties": {"propertyName": {"type": "string"}, "direction": {"type": "string"}},
        }


def _hubspot_required(spec: dict) -> None:
    """Request schemas whose `required` lists name members the API does not require."""
    schemas = spec.get("components", {}).get("schemas", {})
    search = schemas.get("PublicObjectSearchRequest")
    if search:
        search.pop("required", None)
    for name, schema in schemas.items():
        if name.startswith("BatchReadInput") and "required" in schema:
            schema["required"] = [item for item in schema["required"] if item == "inputs"]
        if name.startswith("SimplePublicObjectBatchInput") and "required" in schema:
            schema["required"] = [item for item in schema["required"] if item in ("id", "properties")]
        if name.startswith("SimplePublicObjectInputForCreate") and "required" in schema:
            schema["required"] = [item for item in schema["required"] if item == "properties"]


def _hubspot_error_media(spec: dict) -> None:
    for response in spec.get("components", {}).get("responses", {}).values():
        content = response.get("content", {})
        if "*/*" in content:
            content["application/json"] = content.pop("*/*")


def _hubspot_null_values(spec: dict) -> None:
    for name, schema in spec.get("components", {}).get("schemas", {}).items():
        values = schema.get("properties", {}).get("properties", {}).get("additionalProperties")
        if name.startswith("SimplePublicObject") and values and values.get("type") == "string":
            values["nullable"] = True


PIPEDRIVE_NULLABLE = {"next_cursor", "org_id", "person_id"}


def _pipedrive_nullable(node) -> None:
    if isinstance(node, dict):
        for name, schema in (node.get("properties") or {}).items():
            if name in PIPEDRIVE_NULLABLE and isinstance(schema, dict):
                schema["nullable"] = True
        for value in node.values():
            _pipedrive_nullable(value)
    elif isinstance(node, list):
        for value in node:
            _pipedrive_nullable(value)


SPEC_PATCHES = [
    SpecPatch(
        "hubspot",
        "PublicObjectSearchRequest.sorts items",
        "typed array<string>; the API and HubSpot's own docs use [{propertyName, direction}]",
        _hubspot_sorts,
    ),
    SpecPatch(
        "hubspot",
        "over-strict request `required` lists",
        "search `after`/`limit`/`query`, batch read `properties`/`propertiesWithHistory`/`idProperty`, "
        "batch update `idProperty`/`objectWriteTraceId`, create `associations` are all optional in the API",
        _hubspot_required,
    ),
    SpecPatch(
        "hubspot",
        "error responses declared as */*",
        "they are application/json; as */* openapi-core cannot parse them",
        _hubspot_error_media,
    ),
    SpecPatch(
        "hubspot",
        "SimplePublicObject property values not nullable",
        "a requested property without a value comes back as null",
        _hubspot_null_values,
    ),
    SpecPatch(
        "pipedrive",
        "next_cursor, org_id, person_id not nullable",
        "null at the end of a list (next_cursor's own description) and for a person or deal without one",
        _pipedrive_nullable,
    ),
]


def _patched(provider: str, spec: dict) -> dict:
    for patch in SPEC_PATCHES:
        if patch.provider == provider:
            patch.apply(spec)
    return spec


# -- loading ----------------------------------------------------------------------------------------------


@functools.cache
def hubspot_spec(kind: str) -> dict:
    return _patched("hubspot", json.loads((SPECS / "hubspot" / HUBSPOT_FILES[kind]).read_text()))


@functools.cache
def hubspot_openapi(kind: str) -> OpenAPI:
    return OpenAPI.from_dict(hubspot_spec(kind))


@functools.cache
def pipedrive_spec(version: str = "v2") -> dict:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    text = gzip.decompress((SPECS / "pipedrive" / f"pipedrive-{version}-openapi.yml.gz").read_bytes())
    return _patched("pipedrive", yaml.load(text, Loader=loader))


@functools.cache
def pipedrive_openapi(version: str = "v2") -> OpenAPI:
    # validating the 1 MB spec document itself takes ~10 s and is not what these tests are about
    return OpenAPI.from_dict(pipedrive_spec(version), config=Config(spec_validator_cls=None))


def declared_query(spec: dict, server_path: str, path: str, method: str) -> set[str] | None:
    """The query parameters the spec declares for this operation (openapi-core lets undeclared ones
    through, and an undeclared `api_token` or a misspelt name is exactly what must not pass)."""
    templates = sorted(spec.get("paths", {}).items(), key=lambda pair: pair[0].count("{"))  # literal first
    for template, item in templates:
        pattern = re.escape(server_path + template)
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", pattern)
        if re.fullmatch(pattern, path) and method.lower() in item:
            parameters = [*item.get("parameters", []), *item[method.lower()].get("parameters", [])]
            resolved = [_resolve(spec, parameter) for parameter in parameters]
            return {p["name"] for p in resolved if p.get("in") == "query"}
    return None


def _resolve(spec: dict, node: dict) -> dict:
    while isinstance(node, dict) and "$ref" in node:
        target = spec
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


# -- openapi-core adapters -----------------------------------------------------------------------------


class _Request:
    def __init__(self, request: httpx.Request, host_url: str, path: str):
        self.host_url = host_url
        self.path = path
        self.full_url_pattern = host_url + path
        self.method = request.method.lower()
        self.body = request.content or None
        self.content_type = request.headers.get("content-type", "application/json").split(";")[0]
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(list(request.url.params.multi_items())),
            header=Headers(dict(request.headers)),
            cookie=ImmutableMultiDict(),
        )


class _Response:
    def __init__(self, response: httpx.Response):
        self.status_code = response.status_code
        self.content_type = response.headers.get("content-type", "")
        self.headers = Headers(dict(response.headers))
        self.data = response.content


def _hubspot_kind(path: str) -> str:
    if path.startswith("/crm/properties/2026-03/"):
        return "properties@2026-03"
    if path.startswith("/crm/objects/2026-03/contacts"):
        return "contacts@2026-03"
    if path.startswith("/crm/v3/properties"):
        return "properties"
    if path.startswith("/oauth"):
        return "oauth"
    if path.startswith("/crm/v3/owners"):
        return "owners"
    if path.startswith("/crm/v4/"):
        return "associations@v4"
    kind = path.split("/")[4] if path.count("/") >= 4 else "objects"
    return kind if kind in HUBSPOT_FILES else "objects"


def _hubspot_target(request: httpx.Request) -> tuple[OpenAPI, _Request]:
    path = request.url.path.removeprefix("/hubspot")
    kind = _hubspot_kind(path)
    if kind == "deals":  # the deals file writes its paths with the object type id
        path = path.replace("/crm/v3/objects/deals", "/crm/v3/objects/0-3", 1)
    return hubspot_openapi(kind), _Request(request, HUBSPOT_SERVER, path)


def _pipedrive_target(request: httpx.Request) -> tuple[OpenAPI, _Request]:
    path = request.url.path.removeprefix("/pipedrive")
    if path.startswith(("/api/v1/", "/v1/")):
        return pipedrive_openapi("v1"), _Request(request, PIPEDRIVE_SERVER, path.removeprefix("/api"))
    return pipedrive_openapi(), _Request(request, PIPEDRIVE_SERVER, path)


def validate_hubspot(response: httpx.Response) -> None:
    """Raise if the response does not match the official spec of its operation."""
    openapi, request = _hubspot_target(response.request)
    openapi.validate_response(request, _Response(response))


def validate_pipedrive(response: httpx.Response) -> None:
    """v2 paths against the v2 file; v1 paths (/api/v1/... or /v1/...) against the v1 file."""
    openapi, request = _pipedrive_target(response.request)
    openapi.validate_response(request, _Response(response))


def provider_of(request: httpx.Request) -> str | None:
    """Which spec a sandbox or real-API request falls under (Salesforce has no official OpenAPI)."""
    host, path = request.url.host, request.url.path
    if host == "api.hubapi.com" or path.startswith("/hubspot/"):
        return "hubspot"
    if host.endswith("pipedrive.com") or path.startswith("/pipedrive/"):
        return "pipedrive"
    return None


def check_request(request: httpx.Request) -> None:
    """Raise SpecViolation if the request is not one the provider's official spec allows."""
    provider = provider_of(request)
    if provider is None:
        return
    path = request.url.path.removeprefix(f"/{provider}")
    if (provider, path) in UNDESCRIBED:
        return
    openapi, adapted = (_hubspot_target if provider == "hubspot" else _pipedrive_target)(request)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "Unsupported scheme type": oauth2 (checked below)
            openapi.validate_request(adapted)
    except (PathNotFound, OperationNotFound) as error:
        raise SpecViolation(f"{request.method} {path}: not in the {provider} spec ({error})") from error
    except Exception as error:  # openapi-core's validation errors carry the details in __cause__
        cause = error.__cause__
        details = "; ".join(str(item) for item in getattr(cause, "schema_errors", None) or [cause or error])
        raise SpecViolation(f"{request.method} {path}: {error} {details}") from error
    _check_auth(provider, request, path)
    _check_query_names(provider, request, adapted.path)


def _check_auth(provider: str, request: httpx.Request, path: str) -> None:
    """The specs' security schemes: HubSpot a bearer token (OAuth or private app); Pipedrive a bearer
    (OAuth) or the `x-api-token` header. openapi-core skips oauth2 schemes, so this is checked here."""
    if path.startswith("/oauth"):
        return  # token endpoints authenticate with the form or Basic credentials
    bearer = request.headers.get("authorization", "").lower().startswith("bearer ")
    if provider == "pipedrive" and (bearer or request.headers.get("x-api-token")):
        return
    if provider == "hubspot" and bearer:
        return
    raise SpecViolation(f"{request.method} {path}: no credentials in any of the spec's security schemes")


def _check_query_names(provider: str, request: httpx.Request, path: str) -> None:
    if provider == "hubspot":
        spec = hubspot_spec(_hubspot_kind(path))
    else:
        spec = pipedrive_spec("v1" if path.startswith("/v1/") else "v2")
    server = "" if provider == "hubspot" else "/v1" if path.startswith("/v1/") else "/api/v2"
    declared = declared_query(spec, server, path, request.method)
    undeclared = sorted(set(request.url.params) - (declared or set()))
    if declared is not None and undeclared:
        raise SpecViolation(
            f"{request.method} {path}: query parameters the spec does not declare: {undeclared}"
        )


class SpecCheckedTransport(httpx.BaseTransport):
    """Checks each request against its provider's spec, then hands it to the wrapped transport."""

    def __init__(self, inner: httpx.BaseTransport):
        self.inner = inner
        self.checked = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        check_request(request)
        if provider_of(request):
            self.checked += 1
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()
