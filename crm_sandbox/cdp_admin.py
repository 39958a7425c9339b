"""The CDP emulator's admin API, under /_sandbox/cdp/ (same admin key as the CRM accounts'):

- `GET  sources` · `POST sources {"write_key": "...", "profile": "segment" | "rudderstack"}`
- `GET  sources/<key>` (summary) · `GET sources/<key>/messages` (accepted and rejected) · `DELETE` it (clear)
- `POST sources/<key>/faults {"fail_next": [429, 503], "rate_limit_storm": 0.2, ...}` · `DELETE` (clear)
"""

from dataclasses import asdict

from .cdp import CdpEmulator
from .wire import SandboxResponse, json_response


def cdp_admin(cdp: CdpEmulator, method: str, parts: list, payload: dict) -> SandboxResponse:
    with cdp.lock:
        try:
            return _action(cdp, method, parts, payload)
        except (KeyError, ValueError, TypeError) as error:
            return json_response(400, {"error": str(error)})


def _action(cdp: CdpEmulator, method: str, parts: list, payload: dict) -> SandboxResponse:
    if parts == ["sources"]:
        if method == "GET":
            return json_response(200, {"sources": [source.summary() for source in cdp.sources.values()]})
        if method == "POST":
            source = cdp.add_source(payload["write_key"], profile=payload.get("profile", "segment"))
            return json_response(201, source.summary())
        return json_response(405, {"error": "use GET or POST"})
    if len(parts) < 2 or parts[0] != "sources":
        return json_response(404, {"error": "unknown CDP admin path"})
    source = cdp.sources.get(parts[1])
    if source is None:
        return json_response(404, {"error": "no such source"})
    action = parts[2] if len(parts) > 2 else ""
    if (action, method) == ("", "GET"):
        return json_response(200, source.summary())
    if (action, method) == ("messages", "GET"):
        return json_response(
            200,
            {
                "messages": source.messages,
                "rejected": source.rejected,
                "requests": [asdict(request) for request in source.requests],
            },
        )
    if (action, method) == ("messages", "DELETE"):
        source.clear()
        return json_response(200, source.summary())
    if (action, method) == ("faults", "POST"):
        source.faults.set(**payload)
        return json_response(200, source.faults.as_dict())
    if (action, method) == ("faults", "DELETE"):
        source.faults.clear()
        return json_response(200, source.faults.as_dict())
    return json_response(404, {"error": f"unknown action {action!r} for {method}"})
