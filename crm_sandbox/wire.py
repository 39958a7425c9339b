"""Transport-neutral request and response objects used by the provider emulators."""

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import parse_qs


@dataclass
class SandboxRequest:
    method: str
    path: str  # below the provider prefix, e.g. "/crm/v3/objects/contacts"
    query: dict  # name -> list of values
    headers: dict  # lower-case names
    body: bytes = b""
    base_url: str = ""  # scheme://host/<provider>, for absolute links

    def param(self, name: str, default=None):
        values = self.query.get(name)
        return values[-1] if values else default

    def flag(self, name: str, default: bool = False) -> bool:
        """A boolean query parameter, case-insensitive as the real APIs read it (`archived=True`)."""
        value = self.param(name)
        return default if value is None else value.strip().lower() == "true"

    def params(self, name: str) -> list:
        """All values of a repeated or comma-separated parameter."""
        result: list[str] = []
        for value in self.query.get(name, []):
            result.extend(part for part in value.split(",") if part)
        return result

    def json(self):
        if not self.body:
            return None
        return json.loads(self.body)

    def form(self) -> dict:
        parsed = parse_qs(self.body.decode("utf-8"), keep_blank_values=True)
        return {name: values[-1] for name, values in parsed.items()}


@dataclass
class SandboxResponse:
    status: int
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    timeout: bool = False  # the transport raises a timeout instead of answering
    sleep_s: float = 0.0  # how long the real server stalls a timed-out request

    def json(self):
        return json.loads(self.body) if self.body else None


def json_response(status: int, payload, headers: dict | None = None) -> SandboxResponse:
    body = json.dumps(payload, separators=(",", ":")).encode()
    merged = {"content-type": "application/json;charset=UTF-8"}
    merged.update(headers or {})
    return SandboxResponse(status, body, merged)


def empty_response(status: int = 204, headers: dict | None = None) -> SandboxResponse:
    return SandboxResponse(status, b"", dict(headers or {}))


def ms_to_datetime(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def iso_z_ms(ms: int) -> str:
    """2026-01-05T09:12:00.120Z (HubSpot)."""
    moment = ms_to_datetime(ms)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def iso_z_seconds(ms: int) -> str:
    """2026-01-05T09:12:00Z (Pipedrive v2)."""
    return ms_to_datetime(ms).strftime("%Y-%m-%dT%H:%M:%SZ")


def salesforce_datetime(ms: int) -> str:
    """2026-01-05T09:12:00.120+0000 (Salesforce REST)."""
    moment = ms_to_datetime(ms)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}+0000"


def pipedrive_v1_time(ms: int) -> str:
    """2026-01-05 09:12:00 (Pipedrive v1, UTC)."""
    return ms_to_datetime(ms).strftime("%Y-%m-%d %H:%M:%S")


def parse_datetime_ms(text: str) -> int:
    """Parse ISO 8601 with Z, +00:00 or +0000 offsets, or epoch milliseconds; ValueError if neither."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    normalized = text.replace("Z", "+00:00")
    if len(normalized) > 5 and normalized[-5] in "+-" and normalized[-3] != ":":
        normalized = normalized[:-2] + ":" + normalized[-2:]
    moment = datetime.fromisoformat(normalized)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000)
