"""Paged reads fetched ahead of the caller in one worker thread (crmhub/connectors/readahead.py)."""

import threading
import time

import pytest

from crmhub.connectors.errors import CrmAuthError, CrmBudgetExhausted, CrmBudgetReserved, CrmUnavailable
from crmhub.connectors.ratelimit import BucketLimit, RateBudget
from crmhub.connectors.readahead import calls_to_leave, in_worker, read_ahead


class Chain:
    """Pages 0..last; `fail` maps a page number to the exception its first fetch raises."""

    def __init__(self, last: int, fail: dict | None = None):
        self.last = last
        self.fail = dict(fail or {})
        self.fetched: list[tuple[int, str, bool]] = []  # (page, thread name, fetched on a worker)
        self.lock = threading.Lock()

    def fetch(self, page: int) -> dict:
        with self.lock:
            self.fetched.append((page, threading.current_thread().name, in_worker()))
        if page in self.fail:
            raise self.fail.pop(page)
        return {"page": page}

    def advance(self, page: int, answer: dict) -> int | None:
        return page + 1 if page < self.last else None


def wait_until(condition, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


def test_pages_come_in_order_and_are_fetched_while_the_caller_works():
    chain = Chain(last=9)
    pages = read_ahead(first=0, fetch=chain.fetch, advance=chain.advance, depth=3)
    assert next(pages) == {"page": 0}
    # The caller holds page 0; the worker goes on until `depth` pages wait for it.
    assert wait_until(lambda: len(chain.fetched) >= 4)
    assert [answer["page"] for answer in pages] == list(range(1, 10))
    assert all(on_worker for _, _, on_worker in chain.fetched)


def test_depth_zero_reads_on_the_callers_thread_one_page_at_a_time():
    chain = Chain(last=3)
    pages = read_ahead(first=0, fetch=chain.fetch, advance=chain.advance, depth=0)
    assert next(pages) == {"page": 0}
    time.sleep(0.05)
    assert len(chain.fetched) == 1
    assert [answer["page"] for answer in pages] == [1, 2, 3]
    assert not any(on_worker for _, _, on_worker in chain.fetched)


def test_an_error_reaches_the_caller_after_the_pages_read_before_it():
    chain = Chain(last=9, fail={3: CrmUnavailable("hubspot 503")})
    seen = []
    with pytest.raises(CrmUnavailable):
        for answer in read_ahead(first=0, fetch=chain.fetch, advance=chain.advance, depth=4):
            seen.append(answer["page"])
    assert seen == [0, 1, 2]


def test_a_request_that_needs_a_new_token_is_sent_again_by_the_caller_and_the_worker_resumes():
    chain = Chain(last=6, fail={2: CrmAuthError("hubspot 401")})
    answers = list(read_ahead(first=0, fetch=chain.fetch, advance=chain.advance, depth=2))
    assert [answer["page"] for answer in answers] == list(range(7))
    page_two = [(thread, on_worker) for page, thread, on_worker in chain.fetched if page == 2]
    assert page_two[0][1] is True  # refused on the worker ...
    assert page_two[1] == (threading.current_thread().name, False)  # ... sent again by the caller
    assert all(on_worker for page, _, on_worker in chain.fetched if page > 2)


def test_a_caller_that_stops_early_stops_the_worker():
    chain = Chain(last=10_000)
    pages = read_ahead(first=0, fetch=chain.fetch, advance=chain.advance, depth=2)
    assert next(pages) == {"page": 0}
    pages.close()
    assert wait_until(lambda: not any(t.name == "crm-read-ahead" for t in threading.enumerate()))
    assert len(chain.fetched) <= 5


def test_a_page_the_budget_keeps_for_the_caller_is_sent_by_the_caller_after_the_pages_before_it():
    chain = Chain(last=5, fail={3: CrmBudgetReserved("the window's last calls are the caller's")})
    answers = list(read_ahead(first=0, fetch=chain.fetch, advance=chain.advance, depth=2))
    assert [answer["page"] for answer in answers] == list(range(6))
    page_three = [on_worker for page, _, on_worker in chain.fetched if page == 3]
    assert page_three == [True, False]  # refused on the worker, sent by the caller


def test_a_worker_leaves_a_tight_budget_room_for_the_pages_it_holds_and_the_callers_next_call():
    """A window of 10 calls the caller cannot wait out: depth 2 keeps 4 calls back, so the worker reads 5 pages
    at most and hands the rest to the caller, who spends the last calls itself."""
    budget = RateBudget.in_memory("ahead", [BucketLimit("default", 10, 60)], max_wait=0.2)
    chain = Chain(last=20)
    leave = []

    def fetch(page):
        leave.append(calls_to_leave())
        budget.acquire(keep=calls_to_leave())
        return chain.fetch(page)

    pages = read_ahead(first=0, fetch=fetch, advance=chain.advance, depth=2)
    received = [next(pages)["page"]]
    assert wait_until(lambda: len(chain.fetched) >= 3)
    time.sleep(0.1)
    assert len([page for page, _, worker in chain.fetched if worker]) <= 6 and budget.remaining() >= 4
    with pytest.raises(CrmBudgetExhausted):  # the caller's own call, once the window is spent
        for answer in pages:
            received.append(answer["page"])
    assert received == list(range(10))  # each of the window's 10 calls brought a page the caller received
    assert set(leave) == {4, 0}
