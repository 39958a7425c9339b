"""Segment-spec messages and a batch client for a CDP's HTTP Tracking API (Segment, or RudderStack's same paths).

Messages: `identify` (our stable person id and traits), `group` (an account's id and traits), `track` (an event
and its properties). A message id is derived from what the message says, so re-sending a change is idempotent
at the CDP (Segment deduplicates on `messageId`).

The client packs messages into `/v1/batch` requests under the CDP's documented limits (Segment: 500 KB per
request, 32 KB per event, 2,500 events), refuses an event over the per-event limit with its reason (never a
silent drop), retries 429 and 5xx with exponential backoff that honours `Retry-After`, and authenticates with
the write key (HTTP Basic, empty password). Sockets go through the SSRF-checked transport of
`crmhub.core.outbound` unless a test gives its own. No Django models here.
"""

from __future__ import annotations

import json
import random
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx

from crmhub.connectors.base import parse_retry_after
from crmhub.core.outbound import CheckedTransport, DestinationRefused
from crmhub.core.timestamps import iso_z_millis

KB = 1024
LIBRARY = {"name": "crmhub", "version": "1"}
MESSAGE_ID_NAMESPACE = uuid.UUID("5f0c3a52-8c1e-4a0e-9a59-4d1f5a2c6e18")
RETRYABLE = frozenset({408, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class CdpLimits:
    batch_bytes: int
    event_bytes: int
    batch_events: int


SEGMENT_LIMITS = CdpLimits(batch_bytes=500 * KB, event_bytes=32 * KB, batch_events=2500)
RUDDERSTACK_LIMITS = CdpLimits(batch_bytes=4000 * KB, event_bytes=32 * KB, batch_events=2500)


# ---- messages ---------------------------------------------------------------------------------
def message_id(*parts: object) -> str:
    """A UUID named by the parts (destination, kind, subject, change): the same change, the same id."""
    return str(uuid.uuid5(MESSAGE_ID_NAMESPACE, json.dumps([str(part) for part in parts])))


def identify(*, user_id: str, traits: dict, timestamp: datetime, message_key: tuple) -> dict:
    return _message("identify", timestamp, message_key, userId=user_id, traits=traits)


def group(*, user_id: str, group_id: str, traits: dict, timestamp: datetime, message_key: tuple) -> dict:
    return _message("group", timestamp, message_key, userId=user_id, groupId=group_id, traits=traits)


def group_account(*, group_id: str, traits: dict, timestamp: datetime, message_key: tuple) -> dict:
    """An account's traits without a member: Segment needs a user or anonymous id, so the account stands in
    as its own anonymous id (CDPs key groups by `groupId`)."""
    return _message(
        "group", timestamp, message_key, anonymousId=f"account:{group_id}", groupId=group_id, traits=traits
    )


def track(*, user_id: str, event: str, properties: dict, timestamp: datetime, message_key: tuple) -> dict:
    return _message("track", timestamp, message_key, userId=user_id, event=event, properties=properties)


def alias(*, previous_id: str, user_id: str, timestamp: datetime, message_key: tuple) -> dict:
    """Two ids are one person from now on (Segment's merge handling): a CRM merge's loser and survivor."""
    return _message("alias", timestamp, message_key, previousId=previous_id, userId=user_id)


def _message(kind: str, timestamp: datetime, message_key: tuple, **body) -> dict:
    return {
        "type": kind,
        **body,
        "timestamp": iso_z_millis(timestamp),
        "messageId": message_id(kind, *message_key),
        "context": {"library": LIBRARY},
    }


def encode(message: dict) -> bytes:
    return json.dumps(message, separators=(",", ":"), ensure_ascii=False, default=str).encode()


# ---- delivery ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Undelivered:
    """A message the CDP did not take, and why (kept by the caller as a failed row, replayable)."""

    message: dict
    reason: str
    status: int | None = None


@dataclass
class DeliveryReport:
    sent: list[dict] = field(default_factory=list)
    refused: list[Undelivered] = field(default_factory=list)  # over the per-event limit: never sent
    failed: list[Undelivered] = field(default_factory=list)  # sent, not accepted after the retries
    requests: int = 0
    retries: int = 0
    waited_s: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.refused and not self.failed

    def merge(self, other: DeliveryReport) -> None:
        self.sent += other.sent
        self.refused += other.refused
        self.failed += other.failed
        self.requests += other.requests
        self.retries += other.retries
        self.waited_s += other.waited_s


@dataclass
class _Packed:
    messages: list[dict] = field(default_factory=list)
    encoded: list[bytes] = field(default_factory=list)
    size: int = 0


class CdpAuthError(Exception):
    """The CDP refused the write key (401/403): a configuration problem, not a delivery one."""


class SegmentBatchClient:
    """Sends Segment-spec messages to `<endpoint>/v1/batch`."""

    ENVELOPE_OPEN = b'{"batch":['
    # the close carries `sentAt`; its length is fixed, so packing can count it before the time is known
    ENVELOPE_CLOSE_SIZE = len(b'],"sentAt":"2026-01-01T00:00:00.000Z"}')

    def __init__(
        self,
        *,
        endpoint: str,
        write_key: str,
        limits: CdpLimits = SEGMENT_LIMITS,
        transport: httpx.BaseTransport | None = None,
        timeout_s: float = 15.0,
        max_attempts: int = 6,
        backoff_base_s: float = 0.5,
        backoff_cap_s: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], datetime] | None = None,
        events_per_second: float | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ):
        if not write_key:
            raise ValueError("a CDP destination needs a write key")
        self.url = endpoint.rstrip("/") + "/v1/batch"
        self.limits = limits
        self.max_attempts = max_attempts
        self.backoff_base_s = backoff_base_s
        self.backoff_cap_s = backoff_cap_s
        self.sleep = sleep
        self.clock = clock
        # a CDP's inbound bound (Segment Engage: 1,000 events/s): batches are spaced to stay under it on average
        self.events_per_second = events_per_second
        self._next_send_at = 0.0
        self.monotonic = monotonic
        self._client = httpx.Client(
            transport=transport or CheckedTransport(),
            timeout=timeout_s,
            auth=httpx.BasicAuth(write_key, ""),
            headers={"Content-Type": "application/json", "User-Agent": "crmhub-cdp/1"},
            follow_redirects=False,
            trust_env=False,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> SegmentBatchClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def check_write_key(self) -> tuple[bool, str]:
        """(accepted, what the CDP said) for an empty batch: nothing is recorded. The CDP checks the write key
        before the body, so a 2xx or a 400 about the empty batch (RudderStack's answer) means it was accepted."""
        try:
            response = self._post(_Packed(), attempt=1)
        except DestinationRefused as exc:
            return False, f"destination refused: {exc}"
        except httpx.HTTPError as exc:
            return False, f"the CDP did not answer: {type(exc).__name__}"
        if response.is_success or response.status_code == 400:
            return True, f"the CDP accepted the write key (HTTP {response.status_code})"
        return False, f"HTTP {response.status_code}: {answer_reason(response)}"

    def deliver(self, messages: Iterable[dict]) -> DeliveryReport:
        """Send every message, batch by batch; the report says which were sent, refused or failed."""
        report = DeliveryReport()
        for batch in self.pack(messages, report):
            self._pace(len(batch.messages), report)
            report.merge(self.send_batch(batch))
        return report

    def _pace(self, events: int, report: DeliveryReport) -> None:
        """Hold a batch until sending it keeps the events sent so far within the rate since the first one."""
        if not self.events_per_second:
            return
        now = self.monotonic()
        self._next_send_at = max(now, self._next_send_at) + events / self.events_per_second
        wait = self._next_send_at - now
        if wait > 0:
            self.sleep(wait)
            report.waited_s += wait

    def pack(self, messages: Iterable[dict], report: DeliveryReport) -> Iterator[_Packed]:
        """Batches under the request size and event count; an event over the per-event limit goes into
        `report.refused` with the numbers."""
        room = self.limits.batch_bytes - len(self.ENVELOPE_OPEN) - self.ENVELOPE_CLOSE_SIZE
        batch = _Packed()
        for message in messages:
            encoded = encode(message)
            if len(encoded) > self.limits.event_bytes:
                reason = (
                    f"event of {len(encoded)} bytes is over the CDP's per-event limit of "
                    f"{self.limits.event_bytes} bytes; not sent"
                )
                report.refused.append(Undelivered(message, reason))
                continue
            separator = 1 if batch.encoded else 0
            if batch.encoded and (
                batch.size + separator + len(encoded) > room or len(batch.encoded) >= self.limits.batch_events
            ):
                yield batch
                batch, separator = _Packed(), 0
            batch.messages.append(message)
            batch.encoded.append(encoded)
            batch.size += separator + len(encoded)
        if batch.encoded:
            yield batch

    def send_batch(self, batch: _Packed) -> DeliveryReport:
        report = DeliveryReport()
        for attempt in range(1, self.max_attempts + 1):
            report.requests += 1
            try:
                response = self._post(batch, attempt)
            except DestinationRefused as exc:
                report.failed += [Undelivered(m, f"destination refused: {exc}") for m in batch.messages]
                return report
            except httpx.HTTPError as exc:
                status, reason, wait = None, f"transport error: {type(exc).__name__}", None
            else:
                if response.is_success:
                    report.sent += batch.messages
                    return report
                status, reason = response.status_code, answer_reason(response)
                if status in (401, 403):
                    raise CdpAuthError(f"the CDP refused the write key: HTTP {status} {reason}")
                if status not in RETRYABLE:
                    report.failed += [
                        Undelivered(m, f"HTTP {status}: {reason}", status) for m in batch.messages
                    ]
                    return report
                wait = parse_retry_after(response.headers.get("Retry-After"))
            if attempt == self.max_attempts:
                break
            delay = self.backoff(attempt, wait)
            report.retries += 1
            report.waited_s += delay
            self.sleep(delay)
        gave_up = f"gave up after {self.max_attempts} attempts; last answer: {status or ''} {reason}".strip()
        report.failed += [Undelivered(m, gave_up, status) for m in batch.messages]
        return report

    def backoff(self, attempt: int, retry_after: float | None) -> float:
        """The server's Retry-After when it gave one (capped), else exponential with jitter."""
        if retry_after is not None:
            return min(retry_after, self.backoff_cap_s)
        base = min(self.backoff_cap_s, self.backoff_base_s * 2 ** (attempt - 1))
        return base * (0.5 + random.random() / 2)  # noqa: S311 - jitter, not security

    def _post(self, batch: _Packed, attempt: int) -> httpx.Response:
        sent_at = iso_z_millis(self.clock()) if self.clock else iso_z_millis(_utcnow())
        body = b"".join(
            (self.ENVELOPE_OPEN, b",".join(batch.encoded), b'],"sentAt":"', sent_at.encode(), b'"}')
        )
        headers = {"X-Retry-Count": str(attempt - 1)} if attempt > 1 else {}
        return self._client.post(self.url, content=body, headers=headers)


def answer_reason(response: httpx.Response) -> str:
    """The CDP's own message (Segment: JSON `message`; RudderStack: a text line), kept short."""
    try:
        payload = response.json()
    except ValueError:
        return response.text.strip()[:200]
    if isinstance(payload, dict):
        return str(payload.get("message") or payload.get("code") or payload)[:200]
    return str(payload)[:200]


def _utcnow() -> datetime:
    return datetime.now(UTC)


def stable_id(*, connection_key: str, object_name: str, crm_id: str) -> str:
    """Our id for a CRM record in a CDP: the same record, the same id, whatever its email does; readable, so
    lineage can walk from a profile back to the CRM record."""
    return f"{connection_key}:{object_name}:{crm_id}"
