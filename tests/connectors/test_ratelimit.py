"""The shared rate budget: moving window, pauses from CRM headers, sharing across workers through Redis."""

import shutil
import subprocess
import time

import pytest
import redis

from crmhub.connectors import CrmRateLimited
from crmhub.connectors.errors import CrmBudgetReserved
from crmhub.connectors.ratelimit import BucketLimit, RateBudget, connection_buckets
from tests import factories
from tests.connectors.fakes import ScriptedTransport


def test_a_spent_window_makes_acquire_wait_for_the_oldest_slot():
    budget = RateBudget.in_memory("w", [BucketLimit("default", 2, 1)], max_wait=5)
    started = time.monotonic()
    for _ in range(3):
        budget.acquire()
    assert 0.5 < time.monotonic() - started < 3


def test_acquire_gives_up_after_max_wait_with_a_retry_hint():
    budget = RateBudget.in_memory("w", [BucketLimit("default", 1, 10)], max_wait=0.2)
    budget.acquire()
    with pytest.raises(CrmRateLimited) as caught:
        budget.acquire()
    assert 5 < caught.value.retry_after <= 10


def test_a_slot_is_taken_a_moment_after_the_window_frees_so_it_cannot_arrive_early():
    budget = RateBudget.in_memory("search", [BucketLimit("default", 100, 10), BucketLimit("search", 5, 1)])
    started = time.monotonic()
    for _ in range(6):
        budget.acquire(bucket="search")
    assert 1.0 + 0.02 <= time.monotonic() - started < 3  # the sixth waits the window out, plus 2 % of it


def test_crm_saying_the_window_is_spent_pauses_everyone(clock):
    budget = RateBudget.in_memory("p", sleep=clock.sleep, clock=clock)
    budget.observe_window(remaining=0, reset_after=4)
    budget.acquire()
    assert sum(clock.sleeps) >= 4


def test_a_spent_crm_window_that_our_own_window_explains_waits_only_for_our_next_slot():
    """HubSpot's headers give the window length, not the reset: when we spent the window ourselves,
    waiting for our own oldest slot (plus a margin) is enough, not a whole window each time."""
    budget = RateBudget.in_memory("own", [BucketLimit("default", 2, 1)], max_wait=5)
    budget.acquire()
    budget.acquire()
    budget.observe_window(remaining=0, reset_after=10)
    started = time.monotonic()
    budget.acquire()  # a 10 s pause would exceed max_wait and raise
    assert 0.5 < time.monotonic() - started < 2


def test_a_spent_crm_window_with_one_of_our_slots_just_freed_does_not_pause(clock):
    budget = RateBudget.in_memory("freed", [BucketLimit("default", 3, 60)], sleep=clock.sleep, clock=clock)
    budget.acquire()
    budget.acquire()  # one slot left: the other one freed while the request was out
    budget.observe_window(remaining=0, reset_after=10)
    budget.acquire()
    assert clock.sleeps == []


def test_a_spent_crm_window_with_room_in_ours_pauses_for_the_reset(clock):
    """Someone else spent the CRM's window: we cannot tell when it frees, so wait the whole reset."""
    budget = RateBudget.in_memory("other", [BucketLimit("default", 100, 10)], sleep=clock.sleep, clock=clock)
    budget.acquire()
    budget.observe_window(remaining=0, reset_after=10)
    budget.acquire()
    assert sum(clock.sleeps) >= 10


def test_daily_usage_at_the_reserve_pauses_for_an_hour(clock):
    budget = RateBudget.in_memory("d", sleep=clock.sleep, clock=clock, max_wait=60, daily_reserve_percent=20)
    budget.observe_daily(used=79, limit=100)
    budget.acquire()
    budget.observe_daily(used=80, limit=100)
    with pytest.raises(CrmRateLimited):
        budget.acquire()


def test_connection_buckets_leave_the_reserve_and_add_search_and_daily(db):
    connection = factories.make_connection(
        rate_limit_requests=100, rate_limit_reserve_percent=20, daily_request_budget=5000
    )
    buckets = {b.name: b for b in connection_buckets(connection)}
    assert buckets["default"] == BucketLimit("default", 80, 10)
    assert buckets["search"].amount == 4
    assert buckets["daily"] == BucketLimit("daily", 5000, 86400)


@pytest.mark.parametrize(("reserve", "searches"), [(0, 5), (20, 4), (60, 2), (90, 1)])
def test_hubspot_search_takes_the_same_share_of_its_5_per_second_as_the_burst_window(db, reserve, searches):
    connection = factories.make_connection(provider="hubspot", rate_limit_reserve_percent=reserve)
    buckets = {b.name: b for b in connection_buckets(connection)}
    assert buckets["search"] == BucketLimit("search", searches, 1)


def test_pipedrive_token_costs_come_out_of_the_daily_budget():
    budget = RateBudget.in_memory(
        "tokens", [BucketLimit("default", 100, 2), BucketLimit("daily", 30, 86400)], max_wait=0.1
    )
    budget.acquire(cost=20)
    assert budget.remaining("daily") == 10
    assert budget.remaining("default") == 99
    with pytest.raises(CrmRateLimited):
        budget.acquire(cost=20)


@pytest.fixture
def redis_url(tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed; the shared-budget test needs a real Redis")
    socket = tmp_path / "redis.sock"
    process = subprocess.Popen(
        ["redis-server", "--port", "0", "--unixsocket", str(socket), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        client = redis.Redis(unix_socket_path=str(socket))
        for _ in range(100):
            try:
                if socket.exists() and client.ping():
                    break
            except redis.ConnectionError:
                pass
            time.sleep(0.05)
        else:
            pytest.skip("redis-server did not start")
        yield f"redis+unix://{socket}"
    finally:
        process.terminate()
        process.wait(timeout=5)


@pytest.mark.redis
def test_two_connectors_share_one_budget_through_redis(db, redis_url):
    from crmhub.connectors import get_connector

    connection = factories.make_connection(
        name="shared", rate_limit_requests=5, rate_limit_reserve_percent=40, rate_limit_window_seconds=30
    )
    transport = ScriptedTransport().add("GET", "/crm/v3/properties/contacts", (200, {"results": []}))
    worker_a = get_connector(
        connection,
        transport=transport,
        rate_budget=RateBudget.for_connection(connection, redis_url=redis_url, max_wait=0.3),
    )
    worker_b = get_connector(
        connection,
        transport=transport,
        rate_budget=RateBudget.for_connection(connection, redis_url=redis_url, max_wait=0.3),
    )
    worker_a.rate_budget.reset()
    for _ in range(3):  # 5 per window minus the 40% reserve
        worker_a.discover_schema(["contacts"])
    with pytest.raises(CrmRateLimited):
        worker_b.discover_schema(["contacts"])
    assert len(transport.requests) == 3
    assert worker_b.rate_budget.remaining() == 0


@pytest.mark.redis
def test_a_pause_set_by_one_worker_holds_the_other(db, redis_url):
    connection = factories.make_connection(name="paused")
    one = RateBudget.for_connection(connection, redis_url=redis_url, max_wait=0.2)
    other = RateBudget.for_connection(connection, redis_url=redis_url, max_wait=0.2)
    one.pause_for(30)
    with pytest.raises(CrmRateLimited):
        other.acquire()


def test_unreachable_redis_is_crm_unavailable_not_a_redis_error(db, tmp_path):
    from crmhub.connectors import CrmUnavailable

    connection = factories.make_connection(name="nowhere")
    budget = RateBudget.for_connection(connection, redis_url=f"redis+unix://{tmp_path}/missing.sock")
    with pytest.raises(CrmUnavailable):
        budget.acquire()


def test_a_token_window_spends_each_calls_cost():
    budget = RateBudget.in_memory(
        "tokens", [BucketLimit("default", 10, 1)], max_wait=5, window_in_tokens=True
    )
    started = time.monotonic()
    budget.acquire(5)
    budget.acquire(5)
    assert budget.remaining() == 0 and time.monotonic() - started < 0.5
    budget.acquire(1)
    assert 0.5 < time.monotonic() - started < 3


def test_a_speculative_call_leaves_the_last_calls_of_a_window_the_caller_cannot_wait_out():
    budget = RateBudget.in_memory("keep", [BucketLimit("default", 6, 60)], max_wait=1)
    for _ in range(4):
        budget.acquire(keep=2)  # each leaves at least two calls behind it
    with pytest.raises(CrmBudgetReserved) as refused:
        budget.acquire(keep=2)  # 2 free: taking one would leave 1
    assert budget.remaining() == 2 and refused.value.retry_after == 60
    for _ in range(2):
        budget.acquire()  # the caller's own calls take the rest


def test_a_window_the_caller_can_wait_for_only_paces_a_speculative_call():
    budget = RateBudget.in_memory("short", [BucketLimit("default", 3, 1)], max_wait=5)
    started = time.monotonic()
    for _ in range(4):
        budget.acquire(keep=5)  # more than the window holds, but a second's wait brings room: never refused
    assert 0.5 < time.monotonic() - started < 3


def test_a_daily_budget_keeps_its_last_tokens_for_the_caller():
    budget = RateBudget.in_memory(
        "daily-keep", [BucketLimit("default", 1000, 2), BucketLimit("daily", 100, 86400)], max_wait=5
    )
    budget.acquire(cost=10, keep=4)  # 100 tokens left: its 10, and room for 4 more like it
    budget.acquire(cost=41)
    with pytest.raises(CrmBudgetReserved):
        budget.acquire(cost=10, keep=4)  # 49 left: fewer than its 10 and 40 kept
    budget.acquire(cost=10)  # the caller's own call still goes
    assert budget.remaining("daily") == 39
