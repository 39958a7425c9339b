"""Emulator of a CDP's HTTP tracking API: Segment's (`/v1/batch`, `/v1/identify`, `/v1/track`, ...) and the
RudderStack data plane that speaks the same paths.

The sandbox serves it under `/cdp` (`http://127.0.0.1:8765/cdp/v1/batch`), so the official Segment client
reaches it with `host="http://127.0.0.1:8765/cdp"`. Each source is a write key with a profile of limits:

- Segment (its HTTP API page, "Max request size" and "Errors"): 32 KB per single call, 500 KB per `/v1/batch`
  request, 32 KB per event in a batch, answered `400 Bad Request` ("Exceed payload limit") when exceeded; at
  most 2,500 events per batch, the rest answered 200 but rejected; invalid JSON is a 400; an event without
  `userId`/`anonymousId`, or a `track` without `event`, is answered 200 and rejected (Segment's debugger shows
  it, here `source.rejected` does); `messageId` deduplicates; a 429 carries `Retry-After` and
  `X-RateLimit-Reset`. Auth is HTTP Basic with the write key as user name and an empty password, or
  `writeKey` in the body. An unknown write key is a 401 here (Segment documents nothing for it), so a
  misconfigured destination fails its test instead of vanishing.
- RudderStack (its gateway): 32 KB per event, 4 MB per request, plain-text answers: `OK`, `413 request size
  exceeds max limit`, `401 invalid write key`, `400 invalid json`, `400 empty batch payload`.

Segment's Profile API (Unify) is emulated for reading back: `GET /cdp/profiles/v1/spaces/<space id>/collections/
users/profiles/user_id:<id>/traits`, HTTP Basic with the space's access token as user name, answers
`{"traits": {...}, "cursor": {...}}` (the traits merged from every accepted `identify`) or 404. Here each source
is a space: its id is the write key and its token `pt_<write key>`. One profile per request: Segment documents
no endpoint that lists or counts profiles; RudderStack's data plane has no profile API at all.

Sizes are measured on the decompressed body (`Content-Encoding: gzip` is read, within the limit plus one
byte, so a gzip bomb costs nothing); an event's size is its compact JSON encoding.
"""

from __future__ import annotations

import base64
import binascii
import json
import random
import re
import threading
import time
import uuid
import zlib
from dataclasses import dataclass, field, fields
from urllib.parse import unquote

from .clock import Clock
from .wire import SandboxResponse, iso_z_ms, json_response

KB = 1024
MESSAGE_TYPES = ("identify", "track", "group", "page", "screen", "alias")
SINGLE_PATHS = {f"/v1/{kind}": kind for kind in MESSAGE_TYPES}
BATCH_PATHS = ("/v1/batch", "/v1/import")  # /v1/import is Segment's alias of /v1/batch
MAX_MESSAGE_ID_CHARS = 100
PROFILE_PATH = re.compile(
    r"^/profiles/v1/spaces/(?P<space>[^/]+)/collections/users/profiles/(?P<external>[^/]+)/traits$"
)


@dataclass(frozen=True)
class CdpProfile:
    """The documented bounds of one CDP's tracking API."""

    name: str
    max_call_bytes: int
    max_batch_bytes: int
    max_event_bytes: int
    max_batch_events: int | None
    oversize_status: int
    plain_text: bool  # RudderStack answers in text, Segment in JSON


SEGMENT = CdpProfile("segment", 32 * KB, 500 * KB, 32 * KB, 2500, 400, plain_text=False)
RUDDERSTACK = CdpProfile("rudderstack", 32 * KB, 4000 * KB, 32 * KB, None, 413, plain_text=True)
PROFILES = {profile.name: profile for profile in (SEGMENT, RUDDERSTACK)}


@dataclass
class CdpFaults:
    """Failure switches of one source, in the sandbox's style: rates are shares of requests in [0, 1];
    `fail_next` answers the next requests with these statuses, in order (deterministic tests)."""

    rate_limit_storm: float = 0.0
    error_rate: float = 0.0
    latency_ms: int = 0
    retry_after_s: int = 1
    fail_next: list = field(default_factory=list)

    def set(self, **changes) -> CdpFaults:
        known = {f.name for f in fields(self)}
        for name, value in changes.items():
            if name not in known:
                raise ValueError(f"unknown fault {name!r}; known: {sorted(known)}")
            if name == "fail_next":
                value = [int(status) for status in value]
            setattr(self, name, value)
        return self

    def clear(self) -> None:
        for item in fields(self):
            setattr(
                self, item.name, item.default_factory() if callable(item.default_factory) else item.default
            )

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass
class CdpRequest:
    """One request as the source saw it (the emulator's request log)."""

    path: str
    status: int
    body_bytes: int
    events: int
    received_ms: int
    retry_count: int


class CdpSource:
    """One write key: what it accepted, what it rejected and why, and its request log."""

    def __init__(self, write_key: str, profile: CdpProfile, seed: int):
        self.write_key = write_key
        self.profile = profile
        self.faults = CdpFaults()
        self.rng = random.Random(f"{seed}:{write_key}:faults")  # noqa: S311 - deterministic on purpose
        self.messages: list[dict] = []
        self.rejected: list[dict] = []
        self.requests: list[CdpRequest] = []
        self.duplicates = 0
        self._message_ids: set[str] = set()
        self.profile_token = f"pt_{write_key}"
        self.profiles: dict[str, dict] = {}  # userId -> traits merged from the accepted identify calls

    def accepted_ids(self) -> set[str]:
        return set(self._message_ids)

    def clear(self) -> None:
        self.messages.clear()
        self.rejected.clear()
        self.requests.clear()
        self._message_ids.clear()
        self.profiles.clear()
        self.duplicates = 0

    def summary(self) -> dict:
        counts: dict[str, int] = {}
        for message in self.messages:
            counts[message["type"]] = counts.get(message["type"], 0) + 1
        return {
            "write_key": self.write_key,
            "profile": self.profile.name,
            "accepted": len(self.messages),
            "accepted_by_type": counts,
            "rejected": len(self.rejected),
            "duplicates": self.duplicates,
            "requests": len(self.requests),
            "statuses": [request.status for request in self.requests],
            "faults": self.faults.as_dict(),
        }


class PayloadTooLarge(Exception):
    pass


class CdpEmulator:
    """Every CDP source of one sandbox; thread-safe (its own lock, apart from the CRM accounts')."""

    def __init__(self, clock: Clock, seed: int = 7):
        self.clock = clock
        self.seed = seed
        self.lock = threading.RLock()
        self.sources: dict[str, CdpSource] = {}

    def add_source(self, write_key: str, *, profile: str = "segment") -> CdpSource:
        if not write_key:
            raise ValueError("a write key is required")
        if profile not in PROFILES:
            raise ValueError(f"unknown CDP profile {profile!r}; known: {sorted(PROFILES)}")
        with self.lock:
            if write_key in self.sources:
                raise ValueError(f"source {write_key!r} exists")
            source = CdpSource(write_key, PROFILES[profile], self.seed)
            self.sources[write_key] = source
            return source

    def source(self, write_key: str) -> CdpSource:
        return self.sources[write_key]

    # ---- requests ---------------------------------------------------------------------------
    def handle(self, method: str, path: str, headers: dict, body: bytes) -> SandboxResponse:
        headers = {name.lower(): value for name, value in headers.items()}
        if path.startswith("/profiles/"):
            return self._profile(method, path, headers)
        if path not in SINGLE_PATHS and path not in BATCH_PATHS:
            return json_response(404, {"code": "not_found", "message": f"no CDP route {path}"})
        if method.upper() != "POST":
            return json_response(405, {"code": "method_not_allowed", "message": "use POST"})
        with self.lock:
            response, source = self._handle_locked(path, headers, body)
        if source is not None and source.faults.latency_ms:
            time.sleep(source.faults.latency_ms / 1000)
        return response

    def _profile(self, method: str, path: str, headers: dict) -> SandboxResponse:
        """Segment's Profile API: one user's traits, read by external id (only user_id here)."""
        match = PROFILE_PATH.match(path)
        if match is None:
            return json_response(404, {"error": {"code": "not_found", "message": f"no profile route {path}"}})
        if method.upper() != "GET":
            return json_response(405, {"error": {"code": "method_not_allowed", "message": "use GET"}})
        with self.lock:
            source = self.sources.get(unquote(match.group("space")))
            token = basic_auth_user(headers.get("authorization", ""))
            if source is None or token != source.profile_token:
                return json_response(
                    401, {"error": {"code": "unauthorized", "message": "invalid access token"}}
                )
            kind, _, user_id = unquote(match.group("external")).partition(":")
            traits = source.profiles.get(user_id) if kind == "user_id" else None
            if traits is None:
                return json_response(404, {"error": {"code": "not_found", "message": "profile not found"}})
            cursor = {"url": path, "has_more": False, "next": ""}
            return json_response(200, {"traits": dict(traits), "cursor": cursor})

    def _handle_locked(
        self, path: str, headers: dict, body: bytes
    ) -> tuple[SandboxResponse, CdpSource | None]:
        write_key = basic_auth_user(headers.get("authorization", ""))
        profile = self.sources[write_key].profile if write_key in self.sources else SEGMENT
        is_batch = path in BATCH_PATHS
        limit = profile.max_batch_bytes if is_batch else profile.max_call_bytes
        try:
            raw = decoded_body(body, headers.get("content-encoding", ""), limit)
        except PayloadTooLarge:
            source = self.sources.get(write_key or "")
            return self._answer(
                source, path, profile.oversize_status, "too_large", len(body), 0, headers
            ), source
        except (OSError, zlib.error, EOFError):
            return error(profile, 400, "invalid_request", "invalid gzip body"), None
        try:
            payload = json.loads(raw) if raw else None
        except (json.JSONDecodeError, UnicodeDecodeError):
            if write_key in self.sources:
                source = self.sources[write_key]
                return self._answer(source, path, 400, "invalid_json", len(raw), 0, headers), source
            return error(profile, 400, "invalid_request", "invalid json"), None
        if not isinstance(payload, dict):
            return error(profile, 400, "invalid_request", "the body must be a JSON object"), None
        write_key = write_key or payload.get("writeKey")
        source = self.sources.get(write_key) if isinstance(write_key, str) else None
        if source is None:
            message = "no write key" if not write_key else "invalid write key"
            return error(profile, 401, "unauthorized", message), None
        faulted = self._fault(source)
        if faulted is not None:
            self._log(source, path, faulted.status, len(raw), 0, headers)
            return faulted, source
        if is_batch:
            items = payload.get("batch")
            if not isinstance(items, list) or not items:
                return self._answer(source, path, 400, "empty_batch", len(raw), 0, headers), source
            shared = {
                key: payload[key] for key in ("context", "integrations") if isinstance(payload.get(key), dict)
            }
            events = [merge_shared(item, shared) if isinstance(item, dict) else item for item in items]
        else:
            events = [{**payload, "type": SINGLE_PATHS[path]}]
        if is_batch and any(event_size(event) > source.profile.max_event_bytes for event in events):
            return self._answer(
                source, path, source.profile.oversize_status, "too_large", len(raw), 0, headers
            ), source
        self._accept(source, events, payload.get("sentAt"))
        return self._answer(source, path, 200, "ok", len(raw), len(events), headers), source

    def _accept(self, source: CdpSource, events: list, sent_at) -> None:
        cap = source.profile.max_batch_events
        received = iso_z_ms(self.clock.now_ms())
        for position, event in enumerate(events):
            if cap is not None and position >= cap:
                source.rejected.append({"reason": "batch_event_limit", "message": event})
                continue
            reason = invalid_reason(event)
            if reason:
                source.rejected.append({"reason": reason, "message": event})
                continue
            message_id = str(event.get("messageId") or uuid.UUID(int=source.rng.getrandbits(128), version=4))
            if message_id in source._message_ids:
                source.duplicates += 1
                continue
            source._message_ids.add(message_id)
            stored = {**event, "messageId": message_id, "receivedAt": received}
            if sent_at and "sentAt" not in stored:
                stored["sentAt"] = sent_at
            source.messages.append(stored)
            if stored.get("type") == "identify" and stored.get("userId"):
                source.profiles.setdefault(str(stored["userId"]), {}).update(stored.get("traits") or {})

    def _fault(self, source: CdpSource) -> SandboxResponse | None:
        faults = source.faults
        status = None
        if faults.fail_next:
            status = faults.fail_next.pop(0)
        elif source.rng.random() < faults.rate_limit_storm:
            status = 429
        elif source.rng.random() < faults.error_rate:
            status = source.rng.choice([500, 502, 503])
        if status is None:
            return None
        if status == 429:
            wait = str(faults.retry_after_s)
            reset = str(self.clock.now_ms() // 1000 + faults.retry_after_s)
            headers = {"Retry-After": wait, "X-RateLimit-Reset": reset}
            return error(source.profile, 429, "rate_limited", "too many requests", headers)
        return error(source.profile, status, "server_error", "the tracking API is unavailable")

    def _answer(self, source, path, status, outcome, size, events, headers) -> SandboxResponse:
        if source is not None:
            self._log(source, path, status, size, events, headers)
        profile = source.profile if source is not None else SEGMENT
        if status == 200:
            if profile.plain_text:
                return SandboxResponse(200, b"OK", {"content-type": "text/plain; charset=utf-8"})
            return json_response(200, {"success": True})
        messages = {
            "too_large": "request size exceeds max limit" if profile.plain_text else "Exceed payload limit",
            "invalid_json": "invalid json",
            "empty_batch": "empty batch payload",
        }
        return error(profile, status, "invalid_request", messages[outcome])

    def _log(self, source: CdpSource, path: str, status: int, size: int, events: int, headers: dict) -> None:
        retry = headers.get("x-retry-count", "0")
        source.requests.append(
            CdpRequest(path, status, size, events, self.clock.now_ms(), int(retry) if retry.isdigit() else 0)
        )


def error(
    profile: CdpProfile, status: int, code: str, message: str, headers: dict | None = None
) -> SandboxResponse:
    if profile.plain_text:
        text_headers = {"content-type": "text/plain; charset=utf-8", **(headers or {})}
        return SandboxResponse(status, f"{message}\n".encode(), text_headers)
    return json_response(status, {"code": code, "message": message}, headers)


def basic_auth_user(header: str) -> str | None:
    """The user name of an HTTP Basic header (the write key), or None."""
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic" or not encoded:
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return decoded.partition(":")[0] or None


def decoded_body(body: bytes, encoding: str, limit: int) -> bytes:
    """The body, gunzipped if so declared; PayloadTooLarge past `limit` bytes (read no further than that)."""
    if encoding.strip().lower() == "gzip":
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        body = inflater.decompress(body, limit + 1)
        if not inflater.eof and len(body) <= limit:
            raise EOFError("truncated gzip body")
    if len(body) > limit:
        raise PayloadTooLarge
    return body


def event_size(event) -> int:
    return len(json.dumps(event, separators=(",", ":"), ensure_ascii=False).encode())


def merge_shared(event: dict, shared: dict) -> dict:
    """A batch's `context` and `integrations` merged under each event's own (the event's keys win)."""
    merged = dict(event)
    for key, value in shared.items():
        own = event.get(key)
        merged[key] = {**value, **own} if isinstance(own, dict) else dict(value)
    return merged


def invalid_reason(event) -> str | None:
    """Why Segment would answer 200 yet not accept this event (its "Errors" list), or None."""
    if not isinstance(event, dict):
        return "not_an_object"
    kind = event.get("type")
    if kind not in MESSAGE_TYPES:
        return "unknown_type"
    if not event.get("userId") and not event.get("anonymousId"):
        return "no_user_anon_id"
    if kind == "track" and not event.get("event"):
        return "missing_event"
    if kind == "group" and not event.get("groupId"):
        return "missing_group_id"
    if kind == "alias" and not event.get("previousId"):
        return "missing_previous_id"
    message_id = event.get("messageId")
    if message_id is not None and len(str(message_id)) >= MAX_MESSAGE_ID_CHARS:
        return "message_id_too_long"
    return None
