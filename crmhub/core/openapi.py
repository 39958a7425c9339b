"""The API schema says which error answers an operation can give, so that a client generated from it (or a
fuzzer checking it) meets no undocumented status code: every operation may answer 401 and 403, one that
takes an id or a page number may answer 404, one that takes input may answer 400, and every one 429 when throttled.

The error body is documented loosely on purpose: domain errors are `{"detail", "code", "problems"}`, DRF's
own validation errors are keyed by field, and both are objects."""

ERROR_COMPONENT = "ErrorResponse"
ERROR_SCHEMA = {
    "type": "object",
    "description": (
        "What went wrong: `detail` (and `code`) for a refused request, or the invalid fields each with "
        "their messages."
    ),
    "properties": {
        "detail": {"type": "string"},
        "code": {"type": "string"},
        "problems": {"type": "array", "items": {"type": "string"}},
    },
    "additionalProperties": True,
}
ERROR_DESCRIPTIONS = {
    "400": "The input or a filter was not valid; the body says which.",
    "401": "No valid token or session.",
    "403": "The user's role does not allow this.",
    "404": "No such object (or not visible to this user).",
    "409": "The object is not in a state that allows this.",
    "413": "The request body is larger than the API takes.",
    "415": "The request body's Content-Type is not one the operation reads.",
    "429": "Too many requests; retry after the Retry-After header's seconds.",
}
WRITE_METHODS = {"post", "put", "patch", "delete"}


def error_responses_documented(result, generator, request, public):
    """drf-spectacular postprocessing hook: add the error answers each operation can give (never replacing a
    response an operation documents itself)."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault(ERROR_COMPONENT, ERROR_SCHEMA)
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            media_types = _success_media_types(operation)
            for code in _error_codes(path, method, operation):
                operation["responses"].setdefault(code, _error_response(code, media_types))
    return result


def _error_codes(path: str, method: str, operation: dict) -> list[str]:
    codes = ["401", "403", "429"]
    query = {
        parameter.get("name")
        for parameter in operation.get("parameters", [])
        if parameter.get("in") == "query"
    }
    if method in WRITE_METHODS or query:
        codes.append("400")
    if "{" in path or "page" in query:  # an unknown id, or a page past the last
        codes.append("404")
    if method in WRITE_METHODS:
        codes.append("409")
    if "requestBody" in operation:
        codes += ["413", "415"]
    return codes


def _success_media_types(operation: dict) -> list[str]:
    """JSON, and any other type a success answer has: an error follows content negotiation (the catalog
    export asked for as YAML answers its 403 in YAML)."""
    types = ["application/json"]
    for code, response in operation["responses"].items():
        if str(code).startswith("2"):
            types += [name for name in (response.get("content") or {}) if name not in types]
    return types


def _error_response(code: str, media_types: list[str]) -> dict:
    schema = {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}
    return {
        "description": ERROR_DESCRIPTIONS[code],
        "content": {name: {"schema": schema} for name in media_types},
    }
