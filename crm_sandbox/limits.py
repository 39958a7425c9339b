"""Documented read and write bounds of the three CRMs, per account and opt-in.

An account without `bounds` keeps the sandbox's simple limits (tests about something else stay fast). With
`bounds` set (`salesforce_bounds`, `pipedrive_token_bounds`, `hubspot_tier`), the provider's `check_limits`
and `decorate` hand over to them:

- Salesforce: the daily API request allocation over a rolling 24 hours (403 REQUEST_LIMIT_EXCEEDED, the
  `Sforce-Limit-Info` header), reported with the Bulk API 2.0 allocations by `/limits`; at most 25
  concurrent long-running requests (running 20 s or more, wall time; the sandbox's latency counts), the
  next one refused with 403 REQUEST_LIMIT_EXCEEDED "ConcurrentRequests ...".
- Pipedrive: token costs per endpoint spent from a 2-second window and from a daily token budget that resets
  at midnight (429 with `Retry-After`, the `x-ratelimit-*` headers counting tokens).
- HubSpot: the tier's burst per 10 s (100 or 190) and daily requests; search stays at 5 per second.

`day_s` shortens "a day" so a benchmark or a test can cross many days in seconds; everything else is the
documented figure unless a test lowers it.
"""

from __future__ import annotations

import math
import time
from collections import deque
from dataclasses import dataclass, field

DAY_S = 86_400.0
# Bulk API 2.0 allocations (Salesforce "Bulk API and Bulk API 2.0 Limits and Allocations").
BULK_BATCHES_PER_DAY = 15_000  # shared by Bulk API and Bulk API 2.0; ingest counts one per 10,000 records
BULK_INGEST_RECORDS_PER_DAY = 100_000_000
BULK_QUERY_JOBS_PER_DAY = 10_000
BULK_QUERY_STORAGE_MB = 976_562  # 1 TB of query results per 24 hours
BULK_UPLOAD_BYTES = 150 * 1024 * 1024  # one job's CSV upload
BULK_RECORDS_PER_BATCH = 10_000
# Concurrent long-running requests (those running 20 s or more): 25 in production and sandbox orgs, 5 in
# Developer Edition and trial orgs; one more is refused with REQUEST_LIMIT_EXCEEDED.
CONCURRENT_LONG_REQUESTS = 25
LONG_RUNNING_S = 20.0
CONCURRENT_LIMIT_MESSAGE = "ConcurrentRequests (Concurrent API Requests) Limit exceeded."
REQUEST_TIMEOUT_S = 600.0  # REST calls time out after 10 minutes
HUBSPOT_TIERS = {  # burst per 10 s, requests per day (private apps); OAuth apps have no daily limit
    "free": (100, 250_000),
    "starter": (100, 250_000),
    "professional": (190, 650_000),
    "enterprise": (190, 1_000_000),
    "oauth": (110, 0),
}


class RollingWindow:
    """Amounts spent over the last `window_ms`, in `steps` buckets: constant memory at any rate."""

    def __init__(self, window_ms: int, steps: int = 240):
        self.window_ms = max(1, int(window_ms))
        self.step_ms = max(1, self.window_ms // steps)
        self.buckets: deque[list[int]] = deque()  # [bucket start ms, amount]
        self.total = 0

    def used(self, now_ms: int) -> int:
        self._expire(now_ms)
        return self.total

    def spend(self, now_ms: int, amount: int = 1) -> None:
        self._expire(now_ms)
        start = now_ms - now_ms % self.step_ms
        if self.buckets and self.buckets[-1][0] == start:
            self.buckets[-1][1] += amount
        else:
            self.buckets.append([start, amount])
        self.total += amount

    def wait_ms(self, now_ms: int, amount: int, limit: int) -> int:
        """Milliseconds until `amount` more fits under `limit` (0: it fits now)."""
        self._expire(now_ms)
        excess = self.total + amount - limit
        for start, spent in self.buckets:
            if excess <= 0:
                break
            excess -= spent
            wait = start + self.window_ms + self.step_ms - now_ms
            if excess <= 0:
                return max(1, wait)
        return 0 if excess <= 0 else self.window_ms

    def _expire(self, now_ms: int) -> None:
        while self.buckets and self.buckets[0][0] + self.window_ms <= now_ms:
            self.total -= self.buckets.popleft()[1]


# -- Salesforce -------------------------------------------------------------------------------------------


@dataclass
class SalesforceBounds:
    """The org's allocations over a rolling day. `enforce_api_requests` turns the rolling daily API
    allocation on (off: the sandbox's plain counter answers, as before)."""

    day_s: float = DAY_S
    enforce_api_requests: bool = True
    daily_api_requests: int = 100_000
    bulk_batches: int = BULK_BATCHES_PER_DAY
    bulk_ingest_records: int = BULK_INGEST_RECORDS_PER_DAY
    bulk_query_jobs: int = BULK_QUERY_JOBS_PER_DAY
    bulk_query_storage_mb: int = BULK_QUERY_STORAGE_MB
    upload_bytes: int = BULK_UPLOAD_BYTES
    concurrent_long_requests: int = CONCURRENT_LONG_REQUESTS
    long_running_s: float = LONG_RUNNING_S
    windows: dict = field(default_factory=dict)
    running: list = field(default_factory=list)  # [start, end] in wall seconds of the requests let in
    current: list | None = None  # the request being served (the sandbox serves one at a time)

    def window(self, name: str) -> RollingWindow:
        if name not in self.windows:
            self.windows[name] = RollingWindow(int(self.day_s * 1000))
        return self.windows[name]

    def remaining(self, name: str, maximum: int, now_ms: int) -> int:
        return max(0, maximum - self.window(name).used(now_ms))

    def take(self, name: str, maximum: int, now_ms: int, amount: int = 1) -> bool:
        """Spend `amount` of allocation `name` if it fits."""
        window = self.window(name)
        if window.used(now_ms) + amount > maximum:
            return False
        window.spend(now_ms, amount)
        return True

    def check(self, account, request, route):
        from .salesforce import sf_error

        now = time.monotonic()
        # A request whose answer never came (an exception in the sandbox) is dropped at Salesforce's timeout.
        self.running = [span for span in self.running if span[1] > now and now - span[0] < REQUEST_TIMEOUT_S]
        long_running = sum(1 for start, _end in self.running if now - start >= self.long_running_s)
        if long_running >= self.concurrent_long_requests:
            return sf_error(403, "REQUEST_LIMIT_EXCEEDED", CONCURRENT_LIMIT_MESSAGE)
        if not self.take("api", self.daily_api_requests, account.now_ms()):
            return sf_error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
        self.current = [now, math.inf]
        self.running.append(self.current)
        return None

    def decorate(self, account, response, route) -> None:
        if self.current is not None:  # served: it runs on for the latency the sandbox adds after its answer
            self.current[1] = time.monotonic() + account.faults.latency_ms / 1000
            self.current = None
        used = self.window("api").used(account.now_ms())
        response.headers["sforce-limit-info"] = f"api-usage={used}/{self.daily_api_requests}"


def salesforce_bounds(account, **settings) -> SalesforceBounds:
    """The account's Salesforce allocations (created on first use; `settings` override the documented ones)."""
    bounds = getattr(account, "bounds", None)
    if bounds is None or settings:
        defaults = {"enforce_api_requests": False, "daily_api_requests": account.limits.daily or 100_000}
        bounds = SalesforceBounds(**{**defaults, **settings})
        account.bounds = bounds
    return bounds


def salesforce_limits_body(account) -> dict:
    """`GET /limits`: every allocation as {"Max", "Remaining"}."""
    bounds = salesforce_bounds(account)
    now = account.now_ms()
    if bounds.enforce_api_requests:
        api = {
            "Max": bounds.daily_api_requests,
            "Remaining": bounds.remaining("api", bounds.daily_api_requests, now),
        }
    else:
        api = {
            "Max": account.limits.daily,
            "Remaining": max(0, account.limits.daily - account.usage["daily"]),
        }
    batches = bounds.remaining("batches", bounds.bulk_batches, now)
    return {
        "DailyApiRequests": api,
        "DailyBulkApiBatches": {"Max": bounds.bulk_batches, "Remaining": batches},
        "DailyBulkV2QueryJobs": {
            "Max": bounds.bulk_query_jobs,
            "Remaining": bounds.remaining("query_jobs", bounds.bulk_query_jobs, now),
        },
        "DailyBulkV2QueryFileStorageMB": {
            "Max": bounds.bulk_query_storage_mb,
            "Remaining": bounds.remaining("query_storage_mb", bounds.bulk_query_storage_mb, now),
        },
    }


# -- Pipedrive --------------------------------------------------------------------------------------------


@dataclass
class PipedriveTokenBounds:
    """Token-based limits: each request spends its endpoint's token cost from a 2-second window and from
    the company's daily budget (30,000 x plan multiplier x seats by the published formula), reset at
    midnight UTC (of the possibly shortened day)."""

    tokens_per_window: int = 400
    window_s: float = 2.0
    daily_tokens: int = 30_000 * 2 * 5
    day_s: float = DAY_S
    window_start_ms: int = -1
    window_used: int = 0
    day_start_ms: int = -1
    day_used: int = 0

    def _roll(self, now_ms: int) -> None:
        window_ms, day_ms = int(self.window_s * 1000), int(self.day_s * 1000)
        if now_ms - now_ms % window_ms != self.window_start_ms:
            self.window_start_ms, self.window_used = now_ms - now_ms % window_ms, 0
        if now_ms - now_ms % day_ms != self.day_start_ms:
            self.day_start_ms, self.day_used = now_ms - now_ms % day_ms, 0

    def check(self, account, request, route):
        from .pipedrive import TOKEN_COST

        now = account.now_ms()
        self._roll(now)
        cost = TOKEN_COST.get(route.kind, 1)
        if self.day_used + cost > self.daily_tokens:
            next_day = self.day_start_ms + int(self.day_s * 1000)
            return account.provider.rate_limited(account, route, (next_day - now) / 1000)
        if self.window_used + cost > self.tokens_per_window:
            next_window = self.window_start_ms + int(self.window_s * 1000)
            return account.provider.rate_limited(account, route, (next_window - now) / 1000)
        self.window_used += cost
        self.day_used += cost
        return None

    def decorate(self, account, response, route) -> None:
        now = account.now_ms()
        self._roll(now)
        window_ms = int(self.window_s * 1000)
        response.headers["x-ratelimit-limit"] = str(self.tokens_per_window)
        response.headers["x-ratelimit-remaining"] = str(max(0, self.tokens_per_window - self.window_used))
        response.headers["x-ratelimit-reset"] = str(max(1, math.ceil((window_ms - now % window_ms) / 1000)))
        response.headers[account.limits.daily_header] = str(max(0, self.daily_tokens - self.day_used))


def pipedrive_token_bounds(account, **settings) -> PipedriveTokenBounds:
    account.bounds = PipedriveTokenBounds(**settings)
    return account.bounds


# -- HubSpot ----------------------------------------------------------------------------------------------


@dataclass
class HubSpotTierBounds:
    """A HubSpot tier: `burst` requests per rolling 10 s and `daily` requests per day (0: none, OAuth apps);
    search keeps its own 5 per second."""

    burst: int = 100
    window_s: float = 10.0
    daily: int = 250_000
    search_per_second: int = 5
    day_s: float = DAY_S
    day_start_ms: int = -1
    day_used: int = 0

    def check(self, account, request, route):
        account.limits.burst, account.limits.window_s = self.burst, self.window_s
        account.limits.search_per_second = self.search_per_second
        now = account.now_ms()
        day_ms = int(self.day_s * 1000)
        if now - now % day_ms != self.day_start_ms:
            self.day_start_ms, self.day_used = now - now % day_ms, 0
        if self.daily and self.day_used >= self.daily:
            return hubspot_daily_limited(account, (self.day_start_ms + day_ms - now) / 1000)
        refused = account.provider.window_check(account, route)
        if refused is None:
            self.day_used += 1
        return refused

    def decorate(self, account, response, route) -> None:
        account.provider.window_headers(account, response, route)
        if self.daily and route.kind != "search":
            response.headers["x-hubspot-ratelimit-daily"] = str(self.daily)
            response.headers["x-hubspot-ratelimit-daily-remaining"] = str(max(0, self.daily - self.day_used))


def hubspot_daily_limited(account, retry_after_s: float):
    from .wire import json_response

    provider = account.provider
    response = json_response(429, {
        "status": "error", "message": "You have reached your daily limit.", "errorType": "RATE_LIMIT",
        "correlationId": provider.correlation_id(account), "policyName": "DAILY",
        "requestId": provider.correlation_id(account),
    })  # fmt: skip
    response.headers["retry-after"] = str(max(1, math.ceil(retry_after_s)))
    return response


def hubspot_tier(account, tier: str = "professional", **settings) -> HubSpotTierBounds:
    if tier not in HUBSPOT_TIERS:
        raise ValueError(f"unknown HubSpot tier {tier!r}; known: {sorted(HUBSPOT_TIERS)}")
    burst, daily = HUBSPOT_TIERS[tier]
    account.bounds = HubSpotTierBounds(**{"burst": burst, "daily": daily, **settings})
    account.limits.enabled = True
    return account.bounds
