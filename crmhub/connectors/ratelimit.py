"""One API budget per CRM connection, shared by every worker process.

The budget is a moving window kept by the `limits` library: in Redis in production (every worker sees
the same window), in memory for tests that are about something else. On top of the window, a *pause*
shared the same way lets one worker that learns from the CRM's headers that the budget is spent (or that
the daily allocation has fallen to the reserve) hold every other worker back until it resets.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import redis
from django.conf import settings
from limits import RateLimitItemPerSecond
from limits.errors import ConfigurationError
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from crmhub.connectors.errors import CrmBudgetExhausted, CrmBudgetReserved, CrmUnavailable

NAMESPACE = "crmhub-budget"
# HubSpot's search endpoint has its own, lower limit: 5 requests per second per account.
HUBSPOT_SEARCH_PER_SECOND = 5
# Waiting out a spent CRM window: at most this long (or this share of the window) after our own next slot.
ARRIVAL_MARGIN_SECONDS = 0.25
ARRIVAL_MARGIN_SHARE = 0.02
# The CRM counts arrivals: a slot taken the instant ours frees can reach it a moment early. On search's 1-second
# window that costs a whole second (a SECONDLY 429), so a search slot freed by waiting is taken a little later.
LATE_SLOT_SHARE = {"search": ARRIVAL_MARGIN_SHARE}


@dataclass(frozen=True)
class BucketLimit:
    name: str
    amount: int
    window_seconds: int


class _PauseStore:
    """ "Nobody calls this CRM before <time>", shared like the window."""

    def __init__(self, redis_client: redis.Redis | None):
        self._redis = redis_client
        self._local: dict[str, float] = {}

    def get(self, key: str) -> float:
        if self._redis is None:
            return self._local.get(key, 0.0)
        raw = self._redis.get(key)
        return float(raw) if raw else 0.0

    def extend(self, key: str, until: float, now: float) -> None:
        if until <= self.get(key):
            return
        if self._redis is None:
            self._local[key] = until
        else:
            self._redis.set(key, repr(until), px=max(1, int((until - now) * 1000)))


class RateBudget:
    """A shared request budget. `acquire()` sleeps until a call is allowed, up to `max_wait` seconds."""

    def __init__(
        self,
        key: str,
        buckets: list[BucketLimit],
        *,
        storage: Storage,
        redis_client: redis.Redis | None = None,
        max_wait: float = 60.0,
        daily_reserve_percent: int = 20,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        window_in_tokens: bool = False,
    ):
        self.key = key
        # Pipedrive's token-based limits spend each call's token cost from the burst window, not one request.
        self.window_in_tokens = window_in_tokens
        self.buckets = {bucket.name: bucket for bucket in buckets}
        self.max_wait = max_wait
        self.daily_reserve_percent = daily_reserve_percent
        self._limiter = MovingWindowRateLimiter(storage)
        self._items = {
            bucket.name: RateLimitItemPerSecond(bucket.amount, bucket.window_seconds, namespace=NAMESPACE)
            for bucket in buckets
        }
        self._pauses = _PauseStore(redis_client)
        self._sleep = sleep
        self._clock = clock

    # -- construction -------------------------------------------------------------------------------

    @classmethod
    def for_connection(cls, connection, *, redis_url: str | None = None, **kwargs) -> RateBudget:
        """The Redis-backed budget of one connection (REDIS_URL unless told otherwise)."""
        url = redis_url or settings.REDIS_URL
        try:
            storage = storage_from_string(url)
            client = redis.Redis.from_url(url.replace("redis+unix://", "unix://"))
        except (ConfigurationError, ValueError) as exc:
            raise CrmUnavailable(f"Rate budget store is misconfigured: {exc}") from exc
        return cls(
            f"connection-{connection.pk}",
            connection_buckets(connection),
            storage=storage,
            redis_client=client,
            **{**connection_options(connection), **kwargs},
        )

    @classmethod
    def in_memory(cls, key: str = "test", buckets: list[BucketLimit] | None = None, **kwargs) -> RateBudget:
        """A process-local budget, generous by default: for tests about something other than limits."""
        return cls(key, buckets or [BucketLimit("default", 10_000, 1)], storage=MemoryStorage(), **kwargs)

    @classmethod
    def in_memory_for(cls, connection, **kwargs) -> RateBudget:
        """The budget `for_connection` would build (same windows, same units), kept in this process."""
        return cls.in_memory(
            f"connection-{connection.pk}",
            connection_buckets(connection),
            **{**connection_options(connection), **kwargs},
        )

    # -- use ----------------------------------------------------------------------------------------

    def acquire(self, cost: int = 1, *, bucket: str = "default", keep: int = 0) -> None:
        """Take one request from the burst window (and from `bucket` when it has its own limit) and
        `cost` units (Pipedrive tokens; 1 elsewhere) from the daily budget when there is one.

        `keep` > 0 marks a speculative call (a page read ahead): it is refused at once (CrmBudgetReserved)
        unless every window it cannot wait out still holds room for `keep` more calls like it afterwards, so
        the last calls of a tight budget go to the caller's own work, never to pages it may drop."""
        plan = [("default", cost if self.window_in_tokens else 1)]
        if bucket != "default" and bucket in self.buckets:
            plan.append((bucket, 1))
        if "daily" in self.buckets:
            plan.append(("daily", cost))
        deadline = self._clock() + self.max_wait
        try:
            if keep > 0:
                self._hold_reserve(plan, keep)
            for name, units in plan:
                self._acquire_one(name, units, deadline)
        except redis.RedisError as exc:
            raise CrmUnavailable(f"Rate budget store is unreachable: {exc}") from exc

    def pause_for(self, seconds: float) -> None:
        """Hold every worker of this connection back for `seconds` (the CRM told us its budget is spent)."""
        now = self._clock()
        try:
            self._pauses.extend(self._pause_key, now + seconds, now)
        except redis.RedisError as exc:
            raise CrmUnavailable(f"Rate budget store is unreachable: {exc}") from exc

    def observe_window(self, *, remaining: int | None, reset_after: float | None) -> None:
        """Feed the CRM's burst headers: no requests left means waiting, for as long as the cause needs.

        `reset_after` is at most the time to the CRM's reset (HubSpot only gives its window length).
        - Our own window is full too: our requests spent the CRM's, whose slots free as ours do, a moment
          later (the time a request takes to reach it); wait for our next slot plus a small margin.
        - Our window is full but for a slot or two that freed while the request was out: the same, and
          the slot is already free; no pause.
        - Our window has plenty of room: someone else spends the CRM's window; wait for its reset.
        Pausing a whole window each time the CRM reports zero would cost up to a window per window."""
        if remaining is None or remaining > 0:
            return
        wait = reset_after if reset_after and reset_after > 0 else 1.0
        free, own_next = self._window_room("default")
        if own_next is not None:
            self.pause_for(min(wait, own_next + self._arrival_margin("default")))
        elif free > max(1, self.buckets["default"].amount // 50):
            self.pause_for(wait)

    def observe_daily(self, *, used: int | None, limit: int | None, pause_seconds: float = 3600.0) -> None:
        """Feed the CRM's daily usage: at the reserve line we stop, leaving the rest to other integrations."""
        if used is None or not limit:
            return
        if (limit - used) * 100 <= limit * self.daily_reserve_percent:
            self.pause_for(pause_seconds)

    def remaining(self, bucket: str = "default") -> int:
        return self._limiter.get_window_stats(self._items[bucket], self.key, bucket).remaining

    def reset(self) -> None:
        for name, item in self._items.items():
            self._limiter.clear(item, self.key, name)

    # -- internals ----------------------------------------------------------------------------------

    def _window_room(self, name: str) -> tuple[int, float | None]:
        """(free slots in our window `name`, seconds until it frees one when it has none, else None)."""
        stats = self._limiter.get_window_stats(self._items[name], self.key, name)
        if stats.remaining > 0:
            return stats.remaining, None
        return 0, max(0.0, stats.reset_time - self._clock())

    def _arrival_margin(self, name: str) -> float:
        """Allowance for the delay between taking a slot here and the request reaching the CRM."""
        return min(ARRIVAL_MARGIN_SECONDS, ARRIVAL_MARGIN_SHARE * self.buckets[name].window_seconds)

    @property
    def _pause_key(self) -> str:
        return f"{NAMESPACE}/{self.key}/paused-until"

    def _hold_reserve(self, plan: list[tuple[str, int]], keep: int) -> None:
        """Refuse a speculative call that would leave fewer than `keep` like it in a window the caller could
        not wait for (one longer than `max_wait`: a daily budget, a tight window). Shorter windows only pace."""
        for name, units in plan:
            if self.buckets[name].window_seconds <= self.max_wait:
                continue
            if not self._limiter.test(self._items[name], self.key, name, cost=units * (keep + 1)):
                raise CrmBudgetReserved(
                    f"API budget of {self.key} is nearly spent: its last calls are kept for the caller",
                    retry_after=self.buckets[name].window_seconds,
                )

    def _acquire_one(self, name: str, cost: int, deadline: float) -> None:
        item = self._items[name]
        if cost > item.amount:
            cost = item.amount  # a single call dearer than the window must still be able to run
        waited = False
        while True:
            now = self._clock()
            paused_until = self._pauses.get(self._pause_key)
            if paused_until > now:
                self._wait_or_give_up(paused_until - now, deadline)
                continue
            if self._limiter.hit(item, self.key, name, cost=cost):
                if waited and name in LATE_SLOT_SHARE:
                    self._sleep(LATE_SLOT_SHARE[name] * self.buckets[name].window_seconds)
                return
            stats = self._limiter.get_window_stats(item, self.key, name)
            waited = True
            self._wait_or_give_up(max(stats.reset_time - now, 0.05), deadline)

    def _wait_or_give_up(self, wait: float, deadline: float) -> None:
        now = self._clock()
        if now + wait > deadline:
            raise CrmBudgetExhausted(
                f"API budget of {self.key} is spent; next slot in {wait:.1f}s", retry_after=wait
            )
        self._sleep(min(wait, 1.0))


def search_share(connection) -> int:
    """Our share of HubSpot's search limit: the same reserve as the burst window (20 %: 4 of 5 per second)."""
    return max(1, HUBSPOT_SEARCH_PER_SECOND * (100 - connection.rate_limit_reserve_percent) // 100)


def counts_tokens(connection) -> bool:
    """Pipedrive limits by tokens: each endpoint costs its `x-token-cost`, from the 2-second burst window and
    from the company's daily budget alike (developers.pipedrive.com, "Rate limiting"), so the connection's
    window and daily budget are read as tokens and every call spends its cost from both."""
    return connection.provider == "pipedrive"


def connection_options(connection) -> dict:
    return {
        "daily_reserve_percent": connection.rate_limit_reserve_percent,
        "window_in_tokens": counts_tokens(connection),
    }


def connection_buckets(connection) -> list[BucketLimit]:
    """The windows of one connection: its usable share of the CRM's burst limit, plus provider extras."""
    buckets = [
        BucketLimit("default", connection.usable_requests_per_window, connection.rate_limit_window_seconds)
    ]
    if connection.provider == "hubspot":
        buckets.append(BucketLimit("search", search_share(connection), 1))
    if connection.daily_request_budget:
        buckets.append(BucketLimit("daily", connection.daily_request_budget, 24 * 3600))
    return buckets
