"""Response validation against the official HubSpot and Pipedrive OpenAPI files (openapi-core)."""

import functools
import json
from pathlib import Path

import httpx
import yaml
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict

SPECS = Path("/work/shared/specs")
HUBSPOT_FILES = {
    "contacts": "CRM_Contacts__v3_contacts.json",
    "companies": "CRM_Companies__v3_companies.json",
    "deals": "CRM_Deals__v3_deals.json",
    "properties": "CRM_Properties__v3_properties.json",
    "oauth": "Auth_Oauth__v1_oauth.json",
    "objects": "CRM_Objects__v3_objects.json",  # /crm/v3/objects/{objectType}: tasks and other objects
}


def _patch_hubspot(spec: dict) -> dict:
    """Known bugs (specs/README.md): `sorts` typed array<string>; over-strict request `required` lists.

    Two more spec/reality gaps are patched so that real behaviour validates: the error responses are
    declared as `*/*` (openapi-core then cannot parse them as JSON), and requested properties without a
    value come back as null although the spec types property values as non-nullable strings.
    """
    schemas = spec.get("components", {}).get("schemas", {})
    for response in spec.get("components", {}).get("responses", {}).values():
        content = response.get("content", {})
        if "*/*" in content:
            content["application/json"] = content.pop("*/*")
    for name, schema in schemas.items():
        values = schema.get("properties", {}).get("properties", {}).get("additionalProperties")
        if name.startswith("SimplePublicObject") and values and values.get("type") == "string":
            values["nullable"] = True
    search = schemas.get("PublicObjectSearchRequest")
    if search:
        search["properties"]["sorts"]["items"] = {
            "type": "object",
            "properties": {"propertyName": {"type": "string"}, "direction": {"type": "string"}},
        }
        search.pop("required", None)
    return spec


@functools.cache
def hubspot_openapi(kind: str) -> OpenAPI:
    spec = json.loads((SPECS / "hubspot" / HUBSPOT_FILES[kind]).read_text())
    return OpenAPI.from_dict(_patch_hubspot(spec))


PIPEDRIVE_NULLABLE = {"next_cursor", "org_id", "person_id"}


def _patch_pipedrive(node):
    """The v2 spec omits `nullable` on values the API does return as null: `next_cursor` ("will be null
    if you have reached the end", says its own description) and the links of a person or deal without an
    organization or person."""
    if isinstance(node, dict):
        for name, schema in (node.get("properties") or {}).items():
            if name in PIPEDRIVE_NULLABLE and isinstance(schema, dict):
                schema["nullable"] = True
        for value in node.values():
            _patch_pipedrive(value)
    elif isinstance(node, list):
        for value in node:
            _patch_pipedrive(value)
    return node


@functools.cache
def pipedrive_openapi(version: str = "v2") -> OpenAPI:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    spec = yaml.load((SPECS / "pipedrive" / f"pipedrive-{version}-openapi.yml").read_text(), Loader=loader)
    # validating the 1 MB spec document itself takes ~10 s and is not what these tests are about
    return OpenAPI.from_dict(_patch_pipedrive(spec), config=Config(spec_validator_cls=None))


class _Request:
    def __init__(self, request: httpx.Request, host_url: str, path: str):
        self.host_url = host_url
        self.path = path
        self.full_url_pattern = host_url + path
        self.method = request.method.lower()
        self.body = request.content or None
        self.content_type = request.headers.get("content-type", "application/json")
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


def validate_hubspot(response: httpx.Response) -> None:
    """Raise if the response does not match the official spec of its operation."""
    path = response.request.url.path.removeprefix("/hubspot")
    if path.startswith("/crm/v3/properties"):
        kind = "properties"
    elif path.startswith("/oauth"):
        kind = "oauth"
    else:
        kind = path.split("/")[4]
        if kind not in HUBSPOT_FILES:
            kind = "objects"
        if kind == "deals":
            path = path.replace("/crm/v3/objects/deals", "/crm/v3/objects/0-3", 1)
    request = _Request(response.request, "https://api.hubapi.com", path)
    hubspot_openapi(kind).validate_response(request, _Response(response))


def validate_pipedrive(response: httpx.Response) -> None:
    """v2 paths against the v2 file; v1 paths (/api/v1/... or /v1/...) against the v1 file."""
    path = response.request.url.path.removeprefix("/pipedrive")
    if path.startswith(("/api/v1/", "/v1/")):
        request = _Request(response.request, "https://api.pipedrive.com", path.removeprefix("/api"))
        pipedrive_openapi("v1").validate_response(request, _Response(response))
        return
    request = _Request(response.request, "https://api.pipedrive.com", path)
    pipedrive_openapi().validate_response(request, _Response(response))
