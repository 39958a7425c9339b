"""The one small interface every CRM connector speaks, and the HTTP plumbing they share.

Answer shapes are plain dataclasses so that jobs and services never see a provider's JSON. Every HTTP call
goes through `CrmConnector._request()`, which adds auth, spends the shared rate budget, refreshes an OAuth
token once on 401, turns statuses and transport failures into `crmhub.connectors.errors`, and retries
transient failures with tenacity (rate-limit waits are counted separately from transient attempts).
"""

from __future__ import annotations

import logging
import re
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, ClassVar
from urllib.parse import urlsplit

import httpx
import tenacity

from crmhub.connectors.errors import (
    CrmAuthError,
    CrmBudgetExhausted,
    CrmError,
    CrmNotFound,
    CrmRateLimited,
    CrmUnavailable,
    CrmValidationError,
)
from crmhub.connectors.ratelimit import RateBudget
from crmhub.connectors.readahead import calls_to_leave
from crmhub.core.backoff import parse_retry_after, retry_delay

logger = logging.getLogger(__name__)

# -- answer shapes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldSchema:
    name: str
    label: str
    field_type: str  # a crmhub.connectors.field_types.FieldType value
    picklist_options: list[str] = field(default_factory=list)
    external_options: bool = False
    writable: bool = True
    nillable: bool = True
    max_length: int | None = None
    provider_metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ObjectSchema:
    name: str
    label: str
    fields: list[FieldSchema]
    provider_metadata: dict[str, Any] = field(default_factory=dict)

    def field_named(self, name: str) -> FieldSchema | None:
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True)
class CrmRecord:
    id: str
    modified_at: datetime
    values: dict[str, Any]


@dataclass(frozen=True)
class DeletedRecord:
    id: str
    deleted_at: datetime | None
    merged_into: str | None = None


@dataclass(frozen=True)
class FieldEdit:
    """One entry of a field's change history, classified as a human edit or not."""

    record_id: str
    field: str
    edited_at: datetime
    by_human: bool
    actor: str = ""


@dataclass(frozen=True)
class RecordUpdate:
    record_id: str
    values: dict[str, Any]


class WriteStatus(StrEnum):
    OK = "ok"
    VALIDATION_ERROR = "validation_error"
    NOT_FOUND = "not_found"
    DELETED_OR_MERGED = "deleted_or_merged"
    TRANSIENT = "transient"
    RATE_LIMITED = "rate_limited"
    AUTH = "auth"


@dataclass(frozen=True)
class FieldError:
    field: str
    provider_code: str
    message: str


@dataclass(frozen=True)
class WriteResult:
    record_id: str
    status: WriteStatus
    field_errors: tuple[FieldError, ...] = ()
    surviving_id: str | None = None
    retry_after: float | None = None
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status == WriteStatus.OK


@dataclass(frozen=True)
class Association:
    """A record the new record is attached to (a task's contact, deal or company), in the CRM's names."""

    object_name: str
    record_id: str


@dataclass(frozen=True)
class RecordCreate:
    """One record to create. `key` is the caller's stable idempotency key: the connector writes it into the
    new record (a marker field) so that a create whose answer was lost is found, not repeated."""

    key: str
    values: dict[str, Any]
    associations: tuple[Association, ...] = ()


@dataclass(frozen=True)
class CreateResult:
    key: str
    status: WriteStatus
    record_id: str | None = None
    field_errors: tuple[FieldError, ...] = ()
    retry_after: float | None = None
    message: str = ""
    already_existed: bool = False  # found by its marker: an earlier attempt had created it

    @property
    def ok(self) -> bool:
        return self.status == WriteStatus.OK


@dataclass(frozen=True)
class TaskSpec:
    """A to-do for a rep, attached to one CRM record; each connector turns it into its own task object."""

    subject: str
    about_object: str
    about_id: str
    body: str = ""
    due: date | None = None
    priority: str = "medium"  # low | medium | high
    owner_id: str | None = None


TASK_PRIORITIES = ("low", "medium", "high")
_SAFE_KEY = re.compile(r"^[A-Za-z0-9_.:-]{8,80}$")


def check_create_keys(records: Iterable[RecordCreate]) -> None:
    """Keys travel into SOQL, search terms and notes: only plain characters, and unique within a call."""
    keys = [record.key for record in records]
    bad = [key for key in keys if not _SAFE_KEY.match(key)]
    if bad:
        raise ValueError(f"Idempotency keys must be 8-80 characters of A-Z a-z 0-9 _ . : - ; got {bad[:3]}")
    if len(set(keys)) != len(keys):
        raise ValueError("Idempotency keys must be unique within one create call.")


def create_results_for_failed_call(
    keys: Iterable[str], exc: CrmError, field_errors: tuple[FieldError, ...] = ()
) -> list[CreateResult]:
    status = status_for_error(exc)
    retry_after = getattr(exc, "retry_after", None)
    return [
        CreateResult(key, status, field_errors=field_errors, retry_after=retry_after, message=exc.message)
        for key in keys
    ]


# -- helpers shared by the connectors ---------------------------------------------------------------


class ChangeDeduper:
    """Drops a record already yielded with the same modification time.

    Readers restart a window at the last seen timestamp (inclusive), so repeats can only carry that
    timestamp: remembering the ids seen at the newest timestamp keeps memory constant.
    """

    def __init__(self):
        self._boundary: datetime | None = None
        self._ids_at_boundary: set[str] = set()

    def is_new(self, record: CrmRecord) -> bool:
        if self._boundary is None or record.modified_at > self._boundary:
            self._boundary = record.modified_at
            self._ids_at_boundary = {record.id}
            return True
        if record.modified_at == self._boundary:
            if record.id in self._ids_at_boundary:
                return False
            self._ids_at_boundary.add(record.id)
        return True

    @property
    def last_seen(self) -> datetime | None:
        return self._boundary


def latest_human_edits(
    edits: Iterable[FieldEdit], record_ids: Iterable[str], fields: Iterable[str]
) -> dict[str, dict[str, datetime | None]]:
    """{record_id: {field: time of the newest human edit, or None}} for every requested pair."""
    fields = list(fields)
    answer: dict[str, dict[str, datetime | None]] = {rid: dict.fromkeys(fields) for rid in record_ids}
    for edit in edits:
        if not edit.by_human or edit.record_id not in answer or edit.field not in answer[edit.record_id]:
            continue
        current = answer[edit.record_id][edit.field]
        if current is None or edit.edited_at > current:
            answer[edit.record_id][edit.field] = edit.edited_at
    return answer


def status_for_error(exc: CrmError) -> WriteStatus:
    if isinstance(exc, CrmRateLimited):
        return WriteStatus.RATE_LIMITED
    if isinstance(exc, CrmAuthError):
        return WriteStatus.AUTH
    if isinstance(exc, CrmNotFound):
        return WriteStatus.NOT_FOUND
    if isinstance(exc, CrmValidationError):
        return WriteStatus.VALIDATION_ERROR
    return WriteStatus.TRANSIENT


def results_for_failed_call(
    record_ids: Iterable[str], exc: CrmError, field_errors: tuple[FieldError, ...] = ()
) -> list[WriteResult]:
    """One result per record when a whole call failed."""
    status = status_for_error(exc)
    retry_after = getattr(exc, "retry_after", None)
    return [
        WriteResult(rid, status, field_errors=field_errors, retry_after=retry_after, message=exc.message)
        for rid in record_ids
    ]


def chunked(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def response_body(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text


# -- retries ---------------------------------------------------------------------------------------


class _RetryPolicy:
    """Counts transient failures and rate-limit waits apart, so waiting out a limit never uses up
    the attempts meant for 5xx and timeouts."""

    def __init__(self, *, transient_attempts: int, rate_limit_waits: int, max_rate_limit_wait: float):
        self.transient_attempts = transient_attempts
        self.rate_limit_waits = rate_limit_waits
        self.max_rate_limit_wait = max_rate_limit_wait
        self.transient_failures = 0
        self.rate_limited = 0
        self.last: CrmError | None = None

    def should_retry(self, exc: BaseException) -> bool:
        if isinstance(exc, CrmBudgetExhausted):
            return False  # the budget already waited as long as it may
        if isinstance(exc, CrmRateLimited):
            self.rate_limited += 1
        elif isinstance(exc, CrmUnavailable):
            self.transient_failures += 1
        else:
            return False
        self.last = exc
        return True

    def stop(self, retry_state: tenacity.RetryCallState) -> bool:
        if isinstance(self.last, CrmRateLimited):
            wait = self.last.retry_after or 0.0
            return self.rate_limited > self.rate_limit_waits or wait > self.max_rate_limit_wait
        return self.transient_failures >= self.transient_attempts

    def wait(self, retry_state: tenacity.RetryCallState) -> float:
        hinted = getattr(self.last, "retry_after", None)
        if isinstance(self.last, CrmRateLimited):
            return retry_delay(attempt=self.rate_limited + 1, base=1.0, retry_after=hinted, cap=60.0)
        return retry_delay(
            attempt=self.transient_failures, base=0.5, retry_after=hinted, cap=30.0, jitter=0.5
        )


# -- the connector base ----------------------------------------------------------------------------


class CrmConnector(ABC):
    """One CRM connection. Subclasses implement the interface methods and the provider hooks."""

    provider: ClassVar[str] = ""
    default_objects: ClassVar[tuple[str, ...]] = ()
    default_timeout: ClassVar[float] = 30.0
    default_overlap: ClassVar[timedelta] = timedelta(seconds=5)

    def __init__(
        self,
        connection,
        *,
        transport: httpx.BaseTransport | None = None,
        rate_budget: RateBudget | None = None,
        timeout: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
        transient_attempts: int = 4,
        rate_limit_waits: int = 5,
        max_rate_limit_wait: float = 120.0,
        page_size: int | None = None,
    ):
        self.connection = connection
        self.rate_budget = rate_budget if rate_budget is not None else RateBudget.for_connection(connection)
        self._client = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(timeout or self.default_timeout),
            headers={"User-Agent": "crmhub-connector"},
        )
        self._sleep = sleep
        self._transient_attempts = transient_attempts
        self._rate_limit_waits = rate_limit_waits
        self._max_rate_limit_wait = max_rate_limit_wait
        self.page_size = page_size
        self.request_count = 0

    def close(self) -> None:
        self._client.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @property
    def credentials(self) -> dict[str, Any]:
        return self.connection.credentials or {}

    # -- the interface ------------------------------------------------------------------------------

    @abstractmethod
    def discover_schema(self, objects: list[str] | None = None) -> list[ObjectSchema]: ...

    @abstractmethod
    def iter_changes(
        self, object_name: str, *, since: datetime, fields: list[str], overlap: timedelta | None = None
    ) -> Iterator[list[CrmRecord]]: ...

    @abstractmethod
    def iter_deleted(self, object_name: str, *, since: datetime) -> Iterator[DeletedRecord]: ...

    @abstractmethod
    def last_human_edits(
        self, object_name: str, record_ids: list[str], fields: list[str]
    ) -> dict[str, dict[str, datetime | None]]: ...

    @abstractmethod
    def read_records(
        self, object_name: str, ids: list[str], fields: list[str]
    ) -> dict[str, dict[str, Any]]: ...

    @abstractmethod
    def write(self, object_name: str, updates: list[RecordUpdate]) -> list[WriteResult]: ...

    def users_read(self) -> list[CrmRecord]:
        """Every user of the CRM account, active or not, as records of the catalog's users object
        (`crmhub.connectors.user_directory`)."""
        raise NotImplementedError(f"{self.provider} does not list its users")

    def goes_bulk(self, records: int) -> bool:
        """Whether a write of `records` records goes through the CRM's bulk interface (Salesforce Bulk API 2.0)."""
        return False

    def create(
        self, object_name: str, records: list[RecordCreate], *, lookup_first: bool = False
    ) -> list[CreateResult]:
        """Create records (batched where the CRM batches), one result per input in input order.

        Never creates a record twice for one key: a create that fails ambiguously (timeout, 5xx: the CRM may
        have committed) is not resent before the connector has looked its key up in the CRM. Pass
        `lookup_first=True` when an earlier call with these keys may have created them (a job's retry)."""
        records = list(records)
        check_create_keys(records)
        results: dict[str, CreateResult] = {}
        pending = {record.key: record for record in records}
        look_up = lookup_first
        for attempt in range(self._transient_attempts):
            if look_up:
                found = self._found_or_failed(object_name, list(pending.values()))
                results.update(found)
                for key in found:
                    pending.pop(key)
                if any(not result.ok for result in found.values()):
                    break  # the CRM could not tell what it holds: never create blind
            if not pending:
                break
            if attempt:
                self._sleep(retry_delay(attempt=attempt, base=0.5, cap=30.0))
            for result in self._create_batch(object_name, list(pending.values())):
                results[result.key] = result
                if result.status != WriteStatus.TRANSIENT:
                    pending.pop(result.key, None)
            look_up = True
            if not pending:
                break
        return [results[record.key] for record in records]

    def _found_or_failed(self, object_name: str, records: list[RecordCreate]) -> dict[str, CreateResult]:
        """Results for the keys already in the CRM; a failed lookup leaves every key unknown (transient)."""
        try:
            found = self._find_created(object_name, records)
        except CrmError as exc:
            message = f"could not check whether an earlier attempt created it: {exc.message}"
            return {
                record.key: CreateResult(record.key, WriteStatus.TRANSIENT, message=message)
                for record in records
            }
        wanted = {record.key for record in records}
        return {
            key: CreateResult(key, WriteStatus.OK, record_id=record_id, already_existed=True)
            for key, record_id in found.items()
            if key in wanted
        }

    def _create_batch(self, object_name: str, records: list[RecordCreate]) -> list[CreateResult]:
        """One pass of creates for `records` (no transient retries inside); results in any order."""
        raise CrmError(f"{self.provider} connector cannot create {object_name} records")

    def _find_created(self, object_name: str, records: list[RecordCreate]) -> dict[str, str]:
        """{key: CRM id} for the records whose idempotency marker is already in the CRM."""
        raise CrmError(f"{self.provider} connector cannot look up created {object_name} records")

    # Tasks: the CRM's object for a rep's to-do, and the create input for one.
    task_object: ClassVar[str] = ""

    def task_create(self, task: TaskSpec, *, key: str) -> RecordCreate:
        raise CrmError(f"{self.provider} connector cannot create tasks")

    # -- provider hooks -----------------------------------------------------------------------------

    def _auth_headers(self) -> dict[str, str]:
        token = self.credentials.get("access_token")
        return {"Authorization": f"Bearer {token}"} if token else {}

    def _current_token(self) -> str | None:
        return self.credentials.get("access_token")

    def _can_refresh(self) -> bool:
        return bool(self.credentials.get("refresh_token"))

    def _refresh_token(self) -> None:
        raise CrmAuthError(f"{self.provider} connection cannot refresh its token")

    def _token_is_expiring(self) -> bool:
        return False

    def _token_rejected(self, response: httpx.Response) -> bool:
        """The CRM refused the access token itself (worth one refresh)."""
        return response.status_code == 401

    def _error_details(self, body: Any) -> tuple[str, str]:
        """(provider error code, message) from an error body."""
        return "", str(body)[:500]

    def _observe_limits(self, response: httpx.Response) -> None:
        """Feed the CRM's rate-limit headers into the shared budget (providers without such headers: nothing)."""
        return None

    def _classify_error(self, response: httpx.Response, code: str, message: str) -> CrmError | None:
        """A provider-specific exception for this response, or None for the generic mapping."""
        return None

    # -- HTTP ---------------------------------------------------------------------------------------

    def _request(
        self,
        method: str,
        url: str,
        *,
        cost: int = 1,
        bucket: str = "default",
        authenticated: bool = True,
        retry_transient: bool = True,
        **kwargs: Any,
    ) -> httpx.Response:
        """Send one logical request: auth, budget, one token refresh on 401, mapped errors, retries.

        `retry_transient=False` for requests that are not safe to resend blindly (creates): a timeout or 5xx
        then surfaces at once, and the caller looks up what the CRM did before trying again."""
        policy = _RetryPolicy(
            transient_attempts=self._transient_attempts if retry_transient else 1,
            rate_limit_waits=self._rate_limit_waits,
            max_rate_limit_wait=self._max_rate_limit_wait,
        )
        retrying = tenacity.Retrying(
            retry=tenacity.retry_if_exception(policy.should_retry),
            stop=policy.stop,
            wait=policy.wait,
            sleep=self._sleep,
            before_sleep=lambda state: self._log_retry(method, url, state),
            reraise=True,
        )
        refreshed = {"done": False}
        return retrying(self._attempt, method, url, refreshed, cost, bucket, authenticated, kwargs)

    def _log_retry(self, method: str, url: str, state: tenacity.RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        logger.info(
            "%s connection %s: %s %s failed (%s); retry %d in %.1fs",
            self.provider,
            self.connection.pk,
            method,
            urlsplit(url).path,
            getattr(error, "message", error),
            state.attempt_number,
            state.upcoming_sleep,
        )

    def _attempt(self, method, url, refreshed, cost, bucket, authenticated, kwargs) -> httpx.Response:
        if authenticated and self._token_is_expiring() and self._can_refresh():
            self._refresh_token()
        response = self._send(method, url, cost, bucket, authenticated, kwargs)
        if self._token_rejected(response) and authenticated and not refreshed["done"] and self._can_refresh():
            refreshed["done"] = True
            self._refresh_after_401(used_token=self._current_token())
            response = self._send(method, url, cost, bucket, authenticated, kwargs)
        if not response.is_success:
            raise self._error_for(response)
        return response

    def _send(self, method, url, cost, bucket, authenticated, kwargs) -> httpx.Response:
        self.rate_budget.acquire(cost, bucket=bucket, keep=calls_to_leave())
        headers = {**(self._auth_headers() if authenticated else {}), **(kwargs.get("headers") or {})}
        options = {key: value for key, value in kwargs.items() if key not in ("headers", "stream")}
        self.request_count += 1
        try:
            # stream=True: the body is left unread for the caller to iterate (and close); errors are read here.
            request = self._client.build_request(method, url, headers=headers, **options)
            response = self._client.send(request, stream=bool(kwargs.get("stream")))
            if kwargs.get("stream") and not response.is_success:
                response.read()
        except httpx.TimeoutException as exc:
            raise CrmUnavailable(f"{self.provider} timed out: {method} {url}") from exc
        except httpx.TransportError as exc:
            raise CrmUnavailable(f"{self.provider} unreachable: {exc}") from exc
        except httpx.HTTPError as exc:
            raise CrmError(f"{self.provider} request failed: {exc}") from exc
        self._observe_limits(response)
        return response

    def _error_for(self, response: httpx.Response) -> CrmError:
        body = response_body(response)
        code, message = self._error_details(body)
        specific = self._classify_error(response, code, message)
        if specific is not None:
            return specific
        status = response.status_code
        details = {"status_code": status, "provider_code": code, "body": body}
        text = f"{self.provider} {status}: {message}"
        if status == 401 or status == 403:
            return CrmAuthError(text, **details)
        if status == 404:
            return CrmNotFound(text, **details)
        if status == 429:
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            return CrmRateLimited(text, retry_after=retry_after, **details)
        if status >= 500:
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            return CrmUnavailable(text, retry_after=retry_after, **details)
        if 400 <= status < 500:
            return CrmValidationError(text, **details)
        return CrmError(text, **details)

    # -- tokens -------------------------------------------------------------------------------------

    def _refresh_after_401(self, *, used_token: str | None) -> None:
        """Another worker may have refreshed already: use its token instead of refreshing again."""
        if self.connection.pk:
            self.connection.refresh_from_db(fields=["credentials"])
            stored = self.credentials.get("access_token")
            if stored and stored != used_token:
                return
        self._refresh_token()

    def _token_call(self, url: str, **kwargs: Any) -> dict[str, Any]:
        """POST to a token endpoint; any refusal is an auth problem, not a validation one."""
        try:
            response = self._request("POST", url, authenticated=False, **kwargs)
        except (CrmValidationError, CrmNotFound, CrmAuthError) as exc:
            raise CrmAuthError(
                f"{self.provider} token refresh refused: {exc.message}",
                status_code=exc.status_code,
                provider_code=exc.provider_code,
                body=exc.body,
            ) from exc
        payload = response_body(response)
        if not isinstance(payload, dict) or not payload.get("access_token"):
            raise CrmAuthError(f"{self.provider} token endpoint answered without an access token")
        return payload

    def _save_credentials(self, updates: dict[str, Any]) -> None:
        self.connection.credentials = {**self.credentials, **updates}
        if not self.connection.pk:
            return
        # A token rotation is not an audit event, and the history excludes credentials anyway.
        self.connection.skip_history_when_saving = True
        try:
            self.connection.save(update_fields=["credentials"])
        finally:
            del self.connection.skip_history_when_saving

    # -- write helpers ------------------------------------------------------------------------------

    @abstractmethod
    def is_own_change(self, **signals: Any) -> bool: ...
